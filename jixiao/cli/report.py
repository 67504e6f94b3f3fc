"""jixiao report: write a department's annual 整体支出绩效评价报告 (.docx / .html / .pdf / .txt),
or every department's of a bureau (or a province) at once.

One report (``--department X --out F``). Exit codes: 0 written (a 草稿 is written as a 草稿 and says
what is missing); 1 refused as final (``--final`` on a report that is still a 草稿: the missing items
are listed); 2 refused by the report checker, or input that cannot be read (no such department,
outline or year data).

A batch (``--bureau X --all --out-dir D``, or ``--province``). Each department is one background
task run by ``jixiao worker`` (``--inline`` runs them in this process instead); a progress bar shows
done / failed / remaining. Exit codes: 0 every department's report written; 1 some departments
failed (the others were written; each failure is listed with its reason, and the batch page shows
the checker's findings); 2 nothing started (no such bureau, wrong options).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from jixiao.cli._django import EXIT_NOT_READY, database_ready

FORMATS = ("docx", "html", "pdf", "txt")
WRITTEN, NOT_FINAL, REFUSED = 0, 1, 2
ALL_WRITTEN, SOME_FAILED = 0, 1
POLL_SECONDS = 0.5


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="生成部门整体支出绩效评价报告（docx/html/pdf/txt），或批量生成一个财政局所有单位的报告",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "单份报告：--department 单位 --year 年度 --out 文件\n"
            "  退出码：0 已生成（草稿照常生成并列出缺项）；1 要求正式报告但仍是草稿；\n"
            "          2 报告检查未通过或输入无法读取。\n"
            "批量生成：--bureau 财政局（或 --province 省级财政部门）--year 年度 --all --out-dir 目录\n"
            "  每个单位一个后台任务，由 jixiao worker 生成（--inline 则在本进程内生成），显示进度；\n"
            "  每份报告都经报告检查，结果记入批次；一个单位失败不影响其他单位。\n"
            "  退出码：0 全部单位已生成；1 部分单位失败（其余照常生成，失败的单位及原因逐一列出）；\n"
            "          2 未开始（找不到财政局、参数有误）。\n"
        ),
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--department", help="单位全称或预算单位编码（单份报告）")
    scope.add_argument("--bureau", help="财政局全称或编码（批量生成其所有单位的报告，须同时给 --all）")
    scope.add_argument(
        "--province", help="省（市）级财政部门全称或编码（批量生成其下所有财政局的单位的报告）"
    )
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--format", choices=FORMATS, default="docx")
    parser.add_argument("--out", help="输出文件路径（单份报告）")
    parser.add_argument("--all", action="store_true", help="批量：范围内的所有单位")
    parser.add_argument(
        "--out-dir", help="批量：输出目录（文件名如“2023年度某某单位整体支出绩效评价报告.docx”）"
    )
    parser.add_argument("--inline", action="store_true", help="批量：在本进程内逐个生成，不用后台任务进程")
    parser.add_argument(
        "--no-wait", action="store_true", help="批量：交给后台任务进程后立即返回（在网页上查看进度）"
    )
    parser.add_argument(
        "--final",
        action="store_true",
        help="作为正式报告导出：仍有未评分项、未确认问题或空段落时拒绝（单份退出码1；批量则该单位记为失败）",
    )
    parser.add_argument(
        "--outline", default=None, help="报告提纲（默认按主管财政局的设置），如 hunan-ziping-ten"
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="不经报告检查直接导出（仅供调试，正式报告请勿使用；批量不可用）",
    )
    parser.set_defaults(func=run)


def _option_error(args: argparse.Namespace) -> str | None:
    """Why these options cannot run together (None when they can)."""
    batch = args.bureau is not None or args.province is not None
    if not batch and args.department is None:
        return "请指定 --department（单份报告），或 --bureau / --province 加 --all（批量生成）"
    if not batch:
        extra = [
            flag
            for flag, given in (
                ("--all", args.all),
                ("--out-dir", args.out_dir),
                ("--inline", args.inline),
                ("--no-wait", args.no_wait),
            )
            if given
        ]
        if extra:
            return f"{'、'.join(extra)} 只用于批量生成（--bureau 或 --province）；单份报告请用 --department 和 --out"
        if not args.out:
            return "单份报告须指定输出文件 --out"
        return None
    if args.out:
        return "批量生成请用 --out-dir 指定输出目录；--out 只用于单份报告（--department）"
    if not args.all:
        return "批量生成须加 --all（生成范围内所有单位的报告）"
    if not args.out_dir:
        return "批量生成须指定输出目录 --out-dir"
    if args.no_check:
        return "批量生成的每份报告都须经过报告检查，不能用 --no-check"
    if args.outline:
        return "批量生成按各财政局设置的提纲编写，不能用 --outline"
    if args.inline and args.no_wait:
        return "--inline 在本进程内生成，不能与 --no-wait 同用"
    return None


def run(args: argparse.Namespace) -> int:
    problem = _option_error(args)
    if problem:
        print(f"错误：{problem}")
        return REFUSED
    if not database_ready():
        return EXIT_NOT_READY
    if args.department is None:
        return run_batch(args)
    return run_one(args)


def run_one(args: argparse.Namespace) -> int:
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


# --- a batch ------------------------------------------------------------------------------------


def run_batch(args: argparse.Namespace) -> int:
    from jixiao.apps.reports.batch import (
        BatchRefused,
        batch_run_item,
        batch_start,
        bureau_scope,
        province_scope,
    )

    try:
        scope = bureau_scope(args.bureau) if args.bureau is not None else province_scope(args.province)
        batch = batch_start(
            actor=None,
            departments=scope.departments,
            year=args.year,
            scope=scope.label,
            bureau=scope.bureau,
            fmt=args.format,
            out_dir=Path(args.out_dir).resolve(),
            final=args.final,
            enqueue=not args.inline,
        )
    except BatchRefused as error:
        print(f"错误：{error}")
        return REFUSED
    total = batch.items.count()
    print(
        f"第{batch.pk}批：{scope.label}{batch.year}年度评价报告，共{total}个单位，输出到 {batch.out_dir}",
        flush=True,
    )
    if args.inline:
        items = list(batch.items.values_list("pk", flat=True))
        with _progress_display(total) as show:
            for item_pk in items:
                batch_run_item(item_pk)
                show(_progress(batch))
    elif args.no_wait:
        print("已交给后台任务进程（jixiao worker）生成，可在网页“批量生成报告”页面查看进度。")
        return ALL_WRITTEN
    else:
        print(
            "由后台任务进程生成（请确认 jixiao worker 正在运行，如 jixiao worker --processes 2）……",
            flush=True,
        )
        try:
            with _progress_display(total) as show:
                while True:
                    progress = _progress(batch)
                    show(progress)
                    if progress.finished:
                        break
                    time.sleep(POLL_SECONDS)
        except KeyboardInterrupt:
            progress = _progress(batch)
            print(
                f"\n已停止等待（后台任务进程仍在继续）：已生成{progress.done}，失败{progress.failed}，剩余{progress.remaining}。"
            )
            return SOME_FAILED
    return _summary(batch)


def _progress(batch):
    from jixiao.apps.reports.batch import batch_progress

    return batch_progress(batch)


class _progress_display:
    """A bar on a terminal (rich); a plain line per change when the output is a file or a pipe."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.last = None
        self.bar = None

    def __enter__(self):
        if sys.stdout.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("批量生成"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                TimeElapsedColumn(),
            )
            self.bar.start()
            self.task = self.bar.add_task("batch", total=self.total, counts="")
        return self.show

    def show(self, progress) -> None:
        counts = f"已生成 {progress.done} · 失败 {progress.failed} · 剩余 {progress.remaining}"
        if self.bar is not None:
            self.bar.update(self.task, completed=progress.done + progress.failed, counts=counts)
        elif counts != self.last:
            print(f"  {progress.done + progress.failed}/{self.total}  {counts}", flush=True)
        self.last = counts

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _summary(batch) -> int:
    from jixiao.apps.reports.models import BatchState

    items = list(batch.items.select_related("department").order_by("department__code"))
    done = [item for item in items if item.state == BatchState.DONE]
    failed = [item for item in items if item.state != BatchState.DONE]
    warned = sum(1 for item in done if item.warnings)
    drafts = sum(1 for item in done if item.draft_items)
    print(
        f"完成：已生成{len(done)}份（其中{drafts}份为草稿，{warned}份有检查提示），失败{len(failed)}个单位。"
        f"文件在 {batch.out_dir}"
    )
    if any(item.department.is_demo for item in items):
        print("（含演示数据）")
    for item in failed:
        print(f"  失败：{item.department.display_name}：{item.message or item.get_state_display()}")
        for finding in item.findings:
            if finding.get("severity") == "错误":
                print(f"    - {finding.get('message')}")
    return ALL_WRITTEN if not failed else SOME_FAILED
