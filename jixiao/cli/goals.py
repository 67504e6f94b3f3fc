"""jixiao goals check FILE: validate a performance goal table without a database.

FILE is a Hunan 整体绩效目标表 workbook (.xlsx) — as received from departments that do not use
jixiao — or a goal in jixiao's YAML form (.yaml/.yml, like the demo goal). Findings are printed
with their Excel row numbers. With the 部门类型 (``--type 妇联``, or the table's 部门类型 header
field) each indicator is also read against that type's library and the 共性 library: one the
libraries do not hold is a 提示 ``unknown_indicator``. Exit status: 0 when the goal may be submitted
(no errors; 提示 are printed but do not block), 1 when it may not, 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from jixiao.domain.errors import DomainError
from jixiao.domain.goals import GoalFinding, Severity, is_submittable, load_goal_file, validate_goal
from jixiao.domain.indicator_library import (
    COMMON_VERSION,
    IndicatorLibrary,
    combined,
    library_findings,
    library_for_type,
    load_indicator_library,
    parse_indicator_library,
)
from jixiao.domain.money import yuan, yuan_fixed


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("goals", help="绩效目标：检查整体绩效目标表")
    commands = parser.add_subparsers(dest="goals_command", metavar="子命令")
    check = commands.add_parser(
        "check",
        help="检查整体绩效目标表（.xlsx）或目标文件（.yaml）：指标是否量化、类别是否齐全、任务预算是否相符",
    )
    check.add_argument("file", metavar="FILE", help="整体绩效目标表 .xlsx，或 jixiao 目标 .yaml")
    check.add_argument(
        "--budget", help="部门预算总额（元），例如 2084049.00；不给时取表中的预算总额或任务合计"
    )
    check.add_argument("--sheet", help="工作表名称（默认自动查找含“三级指标”表头的工作表）")
    check.add_argument(
        "--type",
        dest="department_type",
        metavar="部门类型",
        help="部门类型（如 妇联、卫生健康），按该类部门的指标库和共性指标库核对指标；"
        "不给时取表头“部门类型”一栏",
    )
    check.add_argument(
        "--library",
        metavar="FILE",
        help="财政局自己的指标库文件（.yaml），代替系统内置的部门类型指标库，与共性指标库一起核对",
    )
    check.set_defaults(func=run_check)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _library(type_name: str, library_file: str | None, *, said: str) -> tuple[IndicatorLibrary | None, str]:
    """The library the table is read against, and a line saying which and why.

    ``--library`` (a bureau's own version) wins, combined with the 共性 library; else the shipped
    library of the 部门类型 given by ``--type`` or the table's header; with neither, no library check."""
    from jixiao.domain.department_types import department_type

    if library_file:
        own = parse_indicator_library(Path(library_file).read_text(encoding="utf-8"))
        library = combined(own, load_indicator_library(COMMON_VERSION))
        return (
            library,
            f"指标库：{library.label}（取自文件“{Path(library_file).name}”），逐项核对指标是否取自指标库",
        )
    if not type_name:
        return None, "指标库：未指定部门类型，未核对指标是否取自指标库（可用 --type 指定，如 --type 妇联）"
    kind = department_type(type_name)  # a ValueError naming the allowed values
    library = library_for_type(kind.name)
    return (
        library,
        f"指标库：{library.label}（部门类型“{kind.name}”，取自{said}），逐项核对指标是否取自指标库",
    )


def _where(finding: GoalFinding) -> str:
    return f"第{finding.row}行" if finding.row is not None else "全表"


def run_check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        budget_override: Decimal | None = yuan(args.budget) if args.budget else None
    except DomainError as error:
        print(f"--budget 无效：{error}", file=sys.stderr)
        return 2
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            document = load_goal_file(path)
            goal, table_budget, source, problems = document.goal, document.budget, "目标文件", ()
            stated_type, stated_in = document.department_type, "目标文件"
            sheet_text = ""
        else:
            from jixiao.formats.goal_table import read_goal_table

            table = read_goal_table(path, sheet=args.sheet)
            goal, table_budget, source, problems = (
                table.goal,
                table.budget,
                table.budget_source,
                table.problems,
            )
            stated_type, stated_in = table.department_type, "表头“部门类型”"
            sheet_text = f"（工作表“{table.sheet}”，表头在第{table.header_row}行）"
    except (DomainError, OSError) as error:
        print(f"无法读取目标表“{path}”：{error}", file=sys.stderr)
        return 2

    type_name = (args.department_type or stated_type or "").strip()
    try:
        said = "命令行 --type" if args.department_type else stated_in
        library, library_text = _library(type_name, args.library, said=said)
    except (DomainError, OSError, ValueError) as error:
        print(f"无法确定指标库：{error}", file=sys.stderr)
        return 2

    budget = budget_override if budget_override is not None else table_budget
    findings = [*problems, *validate_goal(goal, department_budget=budget)]
    if library is not None:
        findings += library_findings(goal, library)
    findings.sort(key=lambda finding: (finding.row is None, finding.row or 0))

    print(f"检查：{path.name}{sheet_text}")
    year = f"{goal.year}年度 " if goal.year else ""
    print(
        f"部门：{goal.department or '（未填写）'}　{year}三级指标{len(goal.indicators)}个，"
        f"年度主要任务{len(goal.tasks)}项"
    )
    if budget is not None:
        said = "命令行 --budget" if budget_override is not None else source
        print(f"部门预算：{yuan_fixed(budget)}元（取自{said}）")
    print(library_text)
    errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
    notices = len(findings) - errors
    if not findings:
        print("未发现问题：各项指标均已量化，可以提交。")
        return 0
    print(f"发现{len(findings)}个问题（错误{errors}个，提示{notices}个）：")
    for finding in findings:
        print(f"  {_where(finding)}　{finding.severity.value}　{finding.message}")
    if is_submittable(findings):
        print("结论：没有错误，可以提交（请留意提示）。")
        return 0
    print("结论：有错误，不可提交。")
    return 1
