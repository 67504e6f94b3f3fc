"""jixiao import budget|vouchers|sangong FILE --department … --year … [--dry-run]

Validates every row first and imports all or nothing; shows a progress bar and ends with a
summary (and every error with its row, column and message when the file is refused).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.cli._django import EXIT_NOT_READY, database_ready


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="导入预算指标、支出凭证或“三公”经费预算（.xlsx/.xls/.csv，全部校验通过才导入）"
    )
    kinds = parser.add_subparsers(dest="import_kind", metavar="类型", required=True)
    for kind, help_text in (
        ("budget", "导入部门预算批复/指标表"),
        ("vouchers", "导入支出凭证"),
        ("sangong", "导入“三公”经费预算（如“三公”经费支出表的预算数列）"),
    ):
        sub = kinds.add_parser(kind, help=help_text)
        sub.add_argument("file", help="文件路径（.xlsx/.xls/.csv，UTF-8或GBK）")
        sub.add_argument("--department", required=True, help="单位全称或预算单位编码")
        sub.add_argument("--year", type=int, required=True)
        sub.add_argument("--dry-run", action="store_true", help="只校验并显示各指标合计，不写入")
        sub.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="列名=字段",
            help="指定列名对应（如 --map 支出金额=amount），保存后本单位下次自动使用",
        )
        sub.add_argument("--errors-xlsx", help="把错误清单另存为 .xlsx")
        sub.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(highlight=False, soft_wrap=True)
    path = Path(args.file)
    if not path.is_file():
        console.print(f"错误：找不到文件 {path}")
        return 1
    mapping = {}
    for item in args.map:
        header, _, field = item.partition("=")
        if not field:
            console.print(f"错误：--map 应写成 列名=字段，收到“{item}”")
            return 2
        mapping[header.strip()] = field.strip()
    if not database_ready():
        return EXIT_NOT_READY
    from jixiao.apps.exchange.services import budget_import, sangong_import, voucher_import
    from jixiao.apps.orgs.models import Department
    from jixiao.apps.orgs.selectors import department_by_name_or_code
    from jixiao.formats.exports import errors_workbook

    try:
        department = department_by_name_or_code(args.department)
    except Department.DoesNotExist as error:
        console.print(f"错误：{error}")
        return 1
    service = {"vouchers": voucher_import, "budget": budget_import, "sangong": sangong_import}[
        args.import_kind
    ]
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,.0f} 行"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("读取并校验", total=None)

        def progress(phase: str, done: int) -> None:
            bar.update(task, description=phase, completed=done)

        outcome = service(
            actor=None,
            department=department,
            year=args.year,
            file=path,
            mapping=mapping or None,
            dry_run=args.dry_run,
            progress=progress,
        )
    batch = outcome.batch
    console.print(f"{department.name} {args.year}年度 · {batch.get_kind_display()}导入 · {batch.file_name}")
    console.print(
        f"数据行 {batch.rows}，有效 {batch.valid_rows}，跳过（合计/对方科目）{batch.skipped_rows}，错误 {batch.error_count}"
    )
    for total in batch.totals:
        if "line_id" in total:
            flag = "  ← 超出可用余额" if total["exceeded"] else ""
            console.print(
                f"  {total['label']}：{total['rows']}笔 {total['amount']}元，可用余额 {total['available']}元，"
                f"导入后 {total['after']}元{flag}"
            )
        else:
            console.print(f"  {total['label']}：{total['amount']}元")
    errors = outcome.errors or batch.errors
    for error in errors[:200]:
        row = error["row"] if isinstance(error, dict) else error.row
        column = error["column"] if isinstance(error, dict) else error.column
        message = error["message"] if isinstance(error, dict) else error.message
        console.print(f"  {'第' + str(row) + '行' if row else '文件'}【{column}】{message}")
    if batch.error_count > 200:
        console.print(f"  ……另有{batch.error_count - 200}处错误，请用 --errors-xlsx 导出完整清单。")
    if args.errors_xlsx and errors:
        Path(args.errors_xlsx).write_bytes(errors_workbook(errors, meta=[department.name, batch.file_name]))
        console.print(f"错误清单已保存：{args.errors_xlsx}")
    console.print(batch.message)
    return 0 if outcome.ok else 1
