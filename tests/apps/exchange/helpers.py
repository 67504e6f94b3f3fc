"""Shared set-up for the import/export tests: a department with three budget lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.factories import make_line, make_project

HEADER = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "项目编码", "借方金额", "贷方金额"]


def three_lines(*, actor, department, year=2023):
    """基本-公用 302 (100,000.00), 基本-人员 301 (500,000.00), 项目 P01 302 (80,000.00)."""
    public = make_line(actor=actor, department=department, year=year, econ_code="302", amount="100000.00")
    personnel = make_line(
        actor=actor,
        department=department,
        year=year,
        fund_type="basic_personnel",
        econ_code="301",
        amount="500000.00",
    )
    project = make_project(actor=actor, department=department, year=year, code="P01", name="科普活动")
    project_line = make_line(
        actor=actor,
        department=department,
        year=year,
        fund_type="project",
        func_code="2060702",
        econ_code="302",
        amount="80000.00",
        project=project,
    )
    return public, personnel, project_line


def voucher_rows(n: int, *, year=2023, amount="10.00", start=1):
    """n valid expenditure rows on the 基本-公用 302 line (10.00 each by default)."""
    for i in range(start, start + n):
        day = dt.date(year, 1, 1) + dt.timedelta(days=i % 360)
        yield [day.isoformat(), f"记-{i:06d}", f"办公用品{i}", "2012901", "30201", "", amount, ""]


def d(text: str) -> Decimal:
    return Decimal(text)
