"""jixiao template KIND --out F.xlsx: the import template of a kind (no database needed).

Kinds: org (the bureau roster) and every import kind of the column specification (budget,
vouchers, sangong, …). Each template has its header row, one 示例 row and a 说明 sheet.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.cli._django import setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "template", help="生成导入模板（表头、示例行、说明页）：org、budget、vouchers、sangong 等"
    )
    parser.add_argument(
        "kind", help="模板类型：org（单位与用户名册）、budget、vouchers、sangong、prior-year 等"
    )
    parser.add_argument("--out", required=True, help="输出的 .xlsx 文件路径")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from jixiao.apps.exchange.import_templates import cli_name, template_file, template_kinds

    kinds = template_kinds()
    args.kind = cli_name(args.kind)
    if args.kind not in kinds:
        listed = "、".join(f"{k}（{title}）" for k, title in kinds.items())
        print(f"错误：没有“{args.kind}”这种模板。可选：{listed}")
        return 2
    _, content = template_file(args.kind)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        print("错误：--out 应为 .xlsx 文件")
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(content)
    print(f"已生成{kinds[args.kind]}导入模板：{out}")
    return 0
