"""jixiao serve: serve the web app (no CDN, nothing downloaded at run time).

One process (the default) is waitress, which runs everywhere, Windows included. ``--processes N``
runs N worker processes of gunicorn (gthread workers, ``--threads`` each) on POSIX systems: the
way to use several CPUs for many users against PostgreSQL. Behind a reverse proxy (nginx), the
proxy serves /static/ from STATIC_ROOT and, with JIXIAO_EVIDENCE_ACCEL_PREFIX set, the evidence
files that jixiao has checked the user may see (README 运维指南 · 多用户部署).
"""

from __future__ import annotations

import argparse
import sys

from jixiao.cli._django import EXIT_NOT_READY, database_ready


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="启动网页服务")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--threads", type=int, default=8, help="每个进程的线程数（默认 8）")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="工作进程数（默认 1，用 waitress；大于 1 时用 gunicorn，仅限 Linux 等 POSIX 系统）",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.processes < 1 or args.threads < 1:
        print("进程数和线程数都必须至少为 1。", file=sys.stderr)
        return 2
    if not database_ready(migrate=True):
        return EXIT_NOT_READY
    from jixiao.apps.exchange.tasks import fail_stale_batches
    from jixiao.config.wsgi import application

    stale = fail_stale_batches(worker=False)
    if stale:
        print(f"已将{stale}个上次未完成（网页服务中止）的导入批次标记为“失败”。", flush=True)

    print(f"jixiao 网页服务：http://{args.host}:{args.port}/", flush=True)
    _print_demo_logins()
    if args.processes == 1:
        from waitress import serve

        serve(application, host=args.host, port=args.port, threads=args.threads, ident="jixiao")
        return 0
    return _serve_processes(application, args)


def gunicorn_options(args: argparse.Namespace) -> dict:
    """gunicorn settings for ``jixiao serve --processes N``: threads in each worker (pages wait on
    the database more than on the CPU), requests limited like waitress's, and the access log off
    (the audit trail records what matters; a proxy keeps its own access log)."""
    return {
        "bind": f"{args.host}:{args.port}",
        "workers": args.processes,
        "threads": args.threads,
        "worker_class": "gthread",
        "timeout": 120,  # a year's report of a large department takes seconds, not minutes
        "graceful_timeout": 30,
        "limit_request_line": 8190,
        "forwarded_allow_ips": "127.0.0.1,::1",
        "proc_name": "jixiao",
    }


def _serve_processes(application, args: argparse.Namespace) -> int:
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:  # Windows, or gunicorn not installed
        print(
            "多进程服务需要 gunicorn（Linux 等 POSIX 系统）。在 Windows 上请用反向代理把请求分给"
            "多个 `jixiao serve --port 端口` 进程（见 README 运维指南 · 多用户部署）。",
            file=sys.stderr,
        )
        return 2
    from django.db import connections

    # The schema check above opened a connection; forked workers must each open their own.
    connections.close_all()

    class JixiaoApplication(BaseApplication):
        def load_config(self):
            for key, value in gunicorn_options(args).items():
                self.cfg.set(key, value)

        def load(self):
            return application

    JixiaoApplication().run()
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
