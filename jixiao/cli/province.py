"""jixiao province --name 名称 [--code 编码] [--bureau 财政局 …] [--staff 用户名 [--auditor] --password-file F]

A 省/市财政厅（局） above the finance bureaus: create it (or find it by name), put bureaus under it,
and give it an account. Its staff see their bureaus' overviews, departments and vouchers, read-only.
"""

from __future__ import annotations

import argparse
import sys

from jixiao.cli._django import setup_django
from jixiao.cli.init import _password


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "province", help="建立省/市财政厅（局），把财政局归入其下，并可建立其工作人员账号"
    )
    parser.add_argument("--name", required=True, help="财政厅（局）名称，如 湖南省财政厅")
    parser.add_argument("--code", default="", help="编码（可选）")
    parser.add_argument(
        "--bureau", action="append", default=[], help="归入其下的财政局（名称或编码），可重复"
    )
    parser.add_argument("--staff", default="", help="新建的财政厅（局）工作人员用户名（可选）")
    parser.add_argument("--auditor", action="store_true", help="该账号为省/市审计（只读），而非工作人员")
    parser.add_argument("--password-file", help="从文件第一行读取该账号的密码（不给时在终端输入两次）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from jixiao.apps.orgs.models import Role, User
    from jixiao.apps.orgs.services import province_setup
    from jixiao.domain.errors import DomainError

    password = ""
    if args.staff and not User.objects.filter(username__iexact=args.staff).exists():
        args.admin = args.staff  # the prompt names the account
        password = _password(args)
        if password is None:
            return 2
    try:
        result = province_setup(
            name=args.name,
            code=args.code,
            bureaus=args.bureau,
            staff_username=args.staff,
            staff_role=Role.PROVINCE_AUDITOR if args.auditor else Role.PROVINCE_STAFF,
            password=password,
        )
    except DomainError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    province = result["province"]
    print(
        f"{'已建立' if result['created'] else '已有'}财政厅（局）“{province.name}”（编码 {province.code}）。"
    )
    for bureau in result["attached"]:
        print(f"已将财政局“{bureau.name}”归入其下。")
    names = "、".join(province.bureaus.order_by("code").values_list("name", flat=True)) or "（无）"
    print(f"其下财政局：{names}")
    if result["staff"] is not None:
        print(f"账号：{result['staff'].username}（{result['staff'].get_role_display()}）")
    return 0
