"""jixiao init --bureau 名称 --admin 用户名 [--password-file F]

On an empty database: create the schema and the first finance bureau with its 系统管理员.
Run again: changes nothing and says so (pending migrations of a newer version are applied).
The password comes from the file's first line, or is asked for twice at the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from jixiao.cli._django import database_state, migrate_if_needed, pending_migrations, setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("init", help="初始化数据库：建立数据表、第一个财政局及其系统管理员")
    parser.add_argument("--bureau", required=True, help="财政局名称，如 某某区财政局")
    parser.add_argument("--bureau-code", default="", help="财政局编码（可选，默认 CZJ-001）")
    parser.add_argument("--admin", required=True, help="系统管理员的用户名")
    parser.add_argument("--password-file", help="从文件第一行读取系统管理员的密码（不给时在终端输入两次）")
    parser.set_defaults(func=run)


def _password(args: argparse.Namespace) -> str | None:
    if args.password_file:
        path = Path(args.password_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            print(f"错误：无法读取密码文件 {path}：{error}", file=sys.stderr)
            return None
        return lines[0].strip() if lines else ""
    if not sys.stdin.isatty():
        print("错误：没有终端可以输入密码，请用 --password-file 指定密码文件。", file=sys.stderr)
        return None
    first = getpass.getpass(f"系统管理员 {args.admin} 的密码：")
    second = getpass.getpass("再输入一次：")
    if first != second:
        print("错误：两次输入的密码不一致。", file=sys.stderr)
        return None
    return first


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import connection

    from jixiao.domain.errors import DomainError

    where = f"{connection.settings_dict['ENGINE'].rsplit('.', 1)[-1]} {connection.settings_dict['NAME']}"
    state = database_state()
    if state == "unreachable":
        print(f"错误：无法连接数据库（{where}），请检查 DATABASE_URL。", file=sys.stderr)
        return 2
    migrated = []
    if state in ("empty", "no-bureau", "outdated"):
        migrated = pending_migrations()
    password = ""
    if state in ("empty", "no-bureau"):
        password = _password(args)
        if password is None:
            return 2
    if migrated:
        migrate_if_needed()
    from jixiao.apps.orgs.services import bureau_init

    try:
        result = bureau_init(
            bureau_name=args.bureau,
            bureau_code=args.bureau_code,
            admin_username=args.admin,
            password=password,
        )
    except DomainError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    print(f"数据库：{where}")
    if migrated:
        print(f"已执行数据库迁移 {len(migrated)} 项。")
    if result["created"]:
        print(f"已初始化：财政局“{result['bureau'].name}”，系统管理员 {result['admin'].username}。")
        print("下一步：jixiao serve 启动网页服务，用系统管理员登录后在“系统管理”中建立单位和用户，")
        print(
            "或用 jixiao template org --out 名册.xlsx 生成名册模板，填好后 jixiao import org 名册.xlsx 批量导入。"
        )
    elif migrated:
        print(f"数据库已初始化（财政局“{result['bureau'].name}”），只更新了数据库结构，数据未改动。")
    else:
        print(
            f"数据库已初始化（财政局“{result['bureau'].name}”，系统管理员 {result['admin'].username}），没有任何改动。"
        )
    return 0
