"""jixiao goals check FILE: validate a performance goal table without a database.

FILE is a Hunan 整体绩效目标表 workbook (.xlsx) — as received from departments that do not use
jixiao — or a goal in jixiao's YAML form (.yaml/.yml, like the demo goal). Findings are printed
with their Excel row numbers. Exit status: 0 when the goal may be submitted (no errors; 提示 are
printed but do not block), 1 when it may not, 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from jixiao.domain.errors import DomainError
from jixiao.domain.goals import GoalFinding, Severity, is_submittable, load_goal_file, validate_goal
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
    check.set_defaults(func=run_check)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


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
            sheet_text = f"（工作表“{table.sheet}”，表头在第{table.header_row}行）"
    except (DomainError, OSError) as error:
        print(f"无法读取目标表“{path}”：{error}", file=sys.stderr)
        return 2

    budget = budget_override if budget_override is not None else table_budget
    findings = [*problems, *validate_goal(goal, department_budget=budget)]
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
