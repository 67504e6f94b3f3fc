"""jixiao goals check FILE: validate a performance goal table without a database.

FILE is a 绩效目标表 workbook (.xlsx) — a Hunan 整体绩效目标表, or a 项目支出绩效目标表 of one or
several projects as departments publish them — or a goal in jixiao's YAML form (.yaml/.yml, like
the demo goal). Findings are printed with their Excel row numbers, project by project. With the
部门类型 (``--type 妇联``, or the table's 部门类型 header field) a department's 整体 goal is also read
against that type's library and the 共性 library: an indicator the libraries do not hold is a 提示
``unknown_indicator``. Exit status: 0 when the goal may be submitted (no errors; 提示 are printed but
do not block), 1 when it may not, 2 when the file (or the library) cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from jixiao.domain.errors import DomainError
from jixiao.domain.goals import (
    GoalFinding,
    GoalKind,
    Severity,
    is_submittable,
    load_goal_file,
    validate_goal,
)
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
        help="部门类型（如 妇联、卫生健康），按该类部门的指标库和共性指标库核对整体目标的指标；"
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
    """The library a department's goal is read against, and a line saying which and why.

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
            tables = [(document.goal, document.budget, "目标文件", (), "")]
            stated_type, stated_in = document.department_type, "目标文件"
        else:
            from jixiao.formats.goal_table import read_goal_tables

            read = read_goal_tables(path, sheet=args.sheet)
            tables = [
                (
                    table.goal,
                    table.budget,
                    table.budget_source,
                    table.problems,
                    f"（工作表“{table.sheet}”，表头在第{table.header_row}行"
                    + (f"，第{table.rows[0]}—{table.rows[1]}行" if table.rows and table.goal.project else "")
                    + "）",
                )
                for table in read
            ]
            stated_type = next((table.department_type for table in read if table.department_type), "")
            stated_in = "表头“部门类型”"
    except (DomainError, OSError) as error:
        print(f"无法读取目标表“{path}”：{error}", file=sys.stderr)
        return 2
    type_name = (args.department_type or stated_type or "").strip()
    try:
        said = "命令行 --type" if args.department_type else stated_in
        library = _library(type_name, args.library, said=said)
    except (DomainError, OSError, ValueError) as error:
        print(f"无法确定指标库：{error}", file=sys.stderr)
        return 2

    print(f"检查：{path.name}")
    if len(tables) > 1:
        print(f"表中有{len(tables)}个绩效目标，逐项检查：")
    submittable = True
    for goal, table_budget, source, problems, sheet_text in tables:
        if len(tables) > 1:
            print()
        budget = budget_override if budget_override is not None and len(tables) == 1 else table_budget
        said = "命令行 --budget" if budget is not None and budget is budget_override else source
        submittable = _report(goal, budget, said, problems, sheet_text, library) and submittable
    if len(tables) > 1:
        print()
        print(
            "结论："
            + ("各项目都没有错误，可以提交（请留意提示）。" if submittable else "有项目存在错误，不可提交。")
        )
    return 0 if submittable else 1


def _report(goal, budget: Decimal | None, source: str, problems, sheet_text: str, library) -> bool:
    """Print one goal's findings; whether it may be submitted. A department's 整体 goal is also read
    against ``library`` (its type's and the 共性 one), when known; a project goal is not (its
    indicators are the project's own)."""
    library, library_text = library
    findings = [*problems, *validate_goal(goal, department_budget=budget)]
    if library is not None and goal.kind is not GoalKind.PROJECT:
        findings += library_findings(goal, library)
    findings.sort(key=lambda finding: (finding.row is None, finding.row or 0))
    year = f"{goal.year}年度 " if goal.year else ""
    if goal.kind is GoalKind.PROJECT:
        print(f"项目：{goal.project or '（未填写项目名称）'}{sheet_text}")
        print(f"　{year}项目支出绩效目标，三级指标{len(goal.indicators)}个")
        money_label = "项目资金"
    else:
        if sheet_text:
            print(f"部门整体绩效目标{sheet_text}")
        print(
            f"部门：{goal.department or '（未填写）'}　{year}三级指标{len(goal.indicators)}个，"
            f"年度主要任务{len(goal.tasks)}项"
        )
        money_label = "部门预算"
    if budget is not None:
        print(f"{money_label}：{yuan_fixed(budget)}元（取自{source}）")
    if goal.kind is not GoalKind.PROJECT:
        print(library_text)
    errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
    notices = len(findings) - errors
    if not findings:
        print("未发现问题：各项指标均已量化，可以提交。")
        return True
    print(f"发现{len(findings)}个问题（错误{errors}个，提示{notices}个）：")
    for finding in findings:
        print(f"  {_where(finding)}　{finding.severity.value}　{finding.message}")
    if is_submittable(findings):
        print("结论：没有错误，可以提交（请留意提示）。")
        return True
    print("结论：有错误，不可提交。")
    return False
