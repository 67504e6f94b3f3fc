"""jixiao figures: print section 二 of the evaluation report, every figure from the ledger, and the
决算 by 资金来源 (上年结转结余 + 本年收入 = 本年支出 + 年末结转结余, checked)."""

from __future__ import annotations

import argparse

from jixiao.cli._django import EXIT_NOT_READY, database_ready


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "figures", help="由账簿数据计算并打印“二、部门整体支出情况”和按资金来源的决算"
    )
    parser.add_argument("--department", required=True, help="单位全称或预算单位编码")
    parser.add_argument("--year", type=int, required=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not database_ready():
        return EXIT_NOT_READY
    from jixiao.apps.budgets.reports import section_two_for
    from jixiao.apps.budgets.selectors import budget_year, settlement_for
    from jixiao.apps.orgs.models import Department
    from jixiao.apps.orgs.selectors import department_by_name_or_code
    from jixiao.domain.figures import settlement_lines

    try:
        department = department_by_name_or_code(args.department)
    except Department.DoesNotExist as error:
        print(f"错误：{error}")
        return 1
    if department.is_demo:
        print("（演示数据）")
    print(f"{department.name} {args.year}年度")
    print("二、部门整体支出情况")
    for paragraph in section_two_for(department=department, year=args.year):
        print(paragraph)
    previous = budget_year(department=department, year=args.year - 1)
    if previous.entered:
        print(f"（{args.year - 1}年为上年数（录入））")
    settlement = settlement_for(department=department, year=args.year)
    lines, findings = settlement_lines(settlement)
    if lines:
        print()
        for line in lines:
            print(line)
    for finding in findings:
        print(f"核对不一致：{finding}")
    return 1 if findings else 0
