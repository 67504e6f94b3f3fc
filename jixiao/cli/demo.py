"""jixiao demo: create or refresh the demo database (演示数据)."""

from __future__ import annotations

import argparse

from jixiao.cli._django import migrate_if_needed, setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="创建或重建演示数据库（演示数据）")
    parser.add_argument("--force", action="store_true", help="即使库中有非演示数据也重建（会清空数据库）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import connection

    from jixiao.apps.demo.builder import demo_build
    from jixiao.domain.errors import DomainError

    print(
        f"数据库：{connection.settings_dict['ENGINE'].rsplit('.', 1)[-1]} {connection.settings_dict['NAME']}"
    )
    migrate_if_needed()
    try:
        result = demo_build(force=args.force)
    except DomainError as error:
        print(f"错误：{error}")
        return 1
    print(f"已生成演示数据（演示数据）：{result['department'].name}，2022—2023年度")
    print("演示账号（密码均为 {}）：".format(result["password"]))
    for username, full_name, role in result["users"]:
        print(f"  {username:<12} {full_name}（{role.label}）")
    return 0
