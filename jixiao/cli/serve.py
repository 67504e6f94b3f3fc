"""jixiao serve: serve the web app with waitress (a production WSGI server, no CDN)."""

from __future__ import annotations

import argparse

from jixiao.cli._django import EXIT_NOT_READY, database_ready


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="启动网页服务")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--threads", type=int, default=8)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not database_ready(migrate=True):
        return EXIT_NOT_READY
    from waitress import serve

    from jixiao.config.wsgi import application

    print(f"jixiao 网页服务：http://{args.host}:{args.port}/", flush=True)
    _print_demo_logins()
    serve(application, host=args.host, port=args.port, threads=args.threads, ident="jixiao")
    return 0


def _print_demo_logins() -> None:
    from jixiao.apps.demo.changning import DEMO_PASSWORD, DEMO_USERS
    from jixiao.apps.orgs.models import User

    present = set(
        User.objects.filter(username__in=[u for u, _, _ in DEMO_USERS]).values_list("username", flat=True)
    )
    if not present:
        return
    print(f"演示账号（演示数据，密码均为 {DEMO_PASSWORD}）：", flush=True)
    for username, full_name, role in DEMO_USERS:
        if username in present:
            print(f"  {username:<12} {full_name}（{role.label}）", flush=True)
