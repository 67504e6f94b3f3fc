"""jixiao report: write a department's annual 整体支出绩效评价报告 (.docx / .html / .pdf / .txt)."""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.cli._django import EXIT_NOT_READY, database_ready

FORMATS = ("docx", "html", "pdf", "txt")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="生成部门整体支出绩效评价报告（docx/html/pdf/txt）")
    parser.add_argument("--department", required=True, help="单位全称或预算单位编码")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--format", choices=FORMATS, default="docx")
    parser.add_argument("--out", required=True, help="输出文件路径")
    parser.add_argument(
        "--no-check", action="store_true", help="不经报告检查直接导出（仅供调试，正式报告请勿使用）"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not database_ready():
        return EXIT_NOT_READY
    from jixiao.apps.orgs.models import Department
    from jixiao.apps.orgs.selectors import department_by_name_or_code
    from jixiao.apps.reports.services import ExportRefused, export_bytes
    from jixiao.domain.errors import DomainError

    try:
        department = department_by_name_or_code(args.department)
    except Department.DoesNotExist as error:
        print(f"错误：{error}")
        return 1
    try:
        data = export_bytes(
            department=department, year=args.year, fmt=args.format, actor=None, check=not args.no_check
        )
    except ExportRefused as error:
        print(f"错误：{error}")
        for finding in error.details.get("findings", []):
            print(f"  - {finding}")
        return 2
    except DomainError as error:
        print(f"错误：{error}")
        return 1
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    if department.is_demo:
        print("（演示数据）")
    print(f"已生成：{out.resolve()}")
    return 0
