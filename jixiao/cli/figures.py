"""jixiao figures: print section 二 of the evaluation report, every figure from the ledger."""

from __future__ import annotations

import argparse

from jixiao.cli._django import EXIT_NOT_READY, database_ready


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("figures", help="由账簿数据计算并打印“二、部门整体支出情况”")
    parser.add_argument("--department", required=True, help="单位全称或预算单位编码")
    parser.add_argument("--year", type=int, required=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not database_ready():
        return EXIT_NOT_READY
    from jixiao.apps.budgets.reports import section_two_for
    from jixiao.apps.orgs.models import Department
    from jixiao.apps.orgs.selectors import department_by_name_or_code

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
    return 0
