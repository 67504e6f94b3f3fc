"""jixiao report: write a department's annual 整体支出绩效评价报告 (.docx / .html / .pdf / .txt).

Exit codes: 0 written (a 草稿 is written as a 草稿 and says what is missing); 1 refused as final
(``--final`` on a report that is still a 草稿: the missing items are listed); 2 refused by the
report checker, or input that cannot be read (no such department, outline or year data).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.cli._django import EXIT_NOT_READY, database_ready

FORMATS = ("docx", "html", "pdf", "txt")
WRITTEN, NOT_FINAL, REFUSED = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="生成部门整体支出绩效评价报告（docx/html/pdf/txt）",
        description="退出码：0 已生成（草稿照常生成并列出缺项）；1 要求正式报告但仍是草稿；2 报告检查未通过或输入无法读取。",
    )
    parser.add_argument("--department", required=True, help="单位全称或预算单位编码")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--format", choices=FORMATS, default="docx")
    parser.add_argument("--out", required=True, help="输出文件路径")
    parser.add_argument(
        "--final",
        action="store_true",
        help="作为正式报告导出：仍有未评分项、未确认问题或空段落时拒绝（退出码1）",
    )
    parser.add_argument(
        "--outline", default=None, help="报告提纲（默认按主管财政局的设置），如 hunan-ziping-ten"
    )
    parser.add_argument(
        "--no-check", action="store_true", help="不经报告检查直接导出（仅供调试，正式报告请勿使用）"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not database_ready():
        return EXIT_NOT_READY
    from jixiao.apps.orgs.models import Department
    from jixiao.apps.orgs.selectors import department_by_name_or_code
    from jixiao.apps.reports.services import ExportRefused, ReportNotFinal, export_bytes
    from jixiao.domain.errors import DomainError

    try:
        department = department_by_name_or_code(args.department)
    except Department.DoesNotExist as error:
        print(f"错误：{error}")
        return REFUSED
    try:
        data, report = export_bytes(
            department=department,
            year=args.year,
            fmt=args.format,
            actor=None,
            check=not args.no_check,
            final=args.final,
            outline=args.outline,
            with_report=True,
        )
    except ReportNotFinal as refusal:
        print("错误：报告仍是草稿，不能作为正式报告导出。尚未完成：")
        for item in refusal.details.get("missing", []):
            print(f"  - {item}")
        return NOT_FINAL
    except ExportRefused as error:
        print(f"错误：{error}")
        for finding in error.details.get("findings", []):
            print(f"  - {finding}")
        return REFUSED
    except DomainError as error:
        print(f"错误：{error}")
        return REFUSED
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    if department.is_demo:
        print("（演示数据）")
    if report.is_draft:
        print(f"注意：本报告为草稿，尚有{len(report.draft)}项未完成：")
        for item in report.draft:
            print(f"  - {item}")
    print(f"已生成：{out.resolve()}")
    return WRITTEN
