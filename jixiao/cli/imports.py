"""jixiao import budget|vouchers|sangong|prior-year FILE --department … --year … [--dry-run]
jixiao import org ROSTER.xlsx [--bureau 名称或编码] [--dry-run] --passwords-out P.xlsx

Validates every row first and imports all or nothing; shows a progress bar and ends with a
summary (and every error with its row, column and message when the file is refused).
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from jixiao.cli._django import EXIT_NOT_READY, database_ready


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="导入预算指标、支出凭证、“三公”经费预算或上年数（.xlsx/.xls/.csv，全部校验通过才导入）"
    )
    kinds = parser.add_subparsers(dest="import_kind", metavar="类型", required=True)
    for kind, help_text in (
        ("budget", "导入部门预算批复/指标表"),
        ("vouchers", "导入支出凭证"),
        ("sangong", "导入“三公”经费预算（如“三公”经费支出表的预算数列）"),
        ("prior-year", "导入上年数（启用系统前一年的年初预算、决算、“三公”经费和人员；--year 为该上年年度）"),
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
    org = kinds.add_parser(
        "org", help="导入单位与用户名册（单位、年度概况、用户三张表；jixiao template org 生成模板）"
    )
    org.add_argument("file", help="名册文件（.xlsx）")
    org.add_argument("--bureau", help="财政局名称或编码（库中只有一个财政局时可不填）")
    org.add_argument("--dry-run", action="store_true", help="只校验并列出将要新建和更新的内容，不写入")
    org.add_argument("--passwords-out", help="新用户初始密码另存的 .xlsx 文件（只交给系统管理员）")
    org.set_defaults(func=run_org)


def run_org(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}")
        return 1
    if not args.dry_run and not args.passwords_out:
        print("错误：请用 --passwords-out 指定新用户初始密码的保存文件（.xlsx），或加 --dry-run 只校验。")
        return 2
    if args.passwords_out and Path(args.passwords_out).resolve() == path.resolve():
        print("错误：--passwords-out 不能与名册是同一个文件。")
        return 2
    if not database_ready():
        return EXIT_NOT_READY
    from django.db.models import Q

    from jixiao.apps.orgs.models import FinanceBureau
    from jixiao.apps.orgs.roster import passwords_workbook, roster_import

    if args.bureau:
        bureau = FinanceBureau.objects.filter(Q(code=args.bureau) | Q(name=args.bureau)).first()
        if bureau is None:
            print(f"错误：没有找到财政局“{args.bureau}”（请输入名称或编码）")
            return 1
    else:
        bureaus = list(FinanceBureau.objects.all()[:2])
        if len(bureaus) > 1:
            print("错误：库中有多个财政局，请用 --bureau 指定名称或编码。")
            return 2
        bureau = bureaus[0]
    outcome = roster_import(actor=None, bureau=bureau, path=path, dry_run=args.dry_run)
    print(f"{bureau.name} · 单位与用户名册导入 · {path.name}")
    for error in outcome.errors[:200]:
        print(f"  {error}")
    if len(outcome.errors) > 200:
        print(f"  ……另有{len(outcome.errors) - 200}处错误")
    for change in outcome.changes:
        print(f"  {change}")
    if outcome.passwords and args.passwords_out:
        out = Path(args.passwords_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(passwords_workbook(outcome))
        with contextlib.suppress(OSError):
            out.chmod(0o600)
        print(
            f"新用户{len(outcome.passwords)}个，初始密码已保存到 {out}（仅限系统管理员；首次登录须修改密码）"
        )
    print(outcome.message)
    return 0 if outcome.ok else 1


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
    from jixiao.apps.exchange.services import budget_import, prior_year_import, sangong_import, voucher_import
    from jixiao.apps.orgs.models import Department
    from jixiao.apps.orgs.selectors import department_by_name_or_code
    from jixiao.formats.exports import errors_workbook

    try:
        department = department_by_name_or_code(args.department)
    except Department.DoesNotExist as error:
        console.print(f"错误：{error}")
        return 1
    service = {
        "vouchers": voucher_import,
        "budget": budget_import,
        "sangong": sangong_import,
        "prior-year": prior_year_import,
    }[args.import_kind]
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
