"""The bureau's oversight figures equal the ledger, and each role sees only what it may."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.budgets import services
from jixiao.apps.oversight.selectors import oversight_figures
from tests.factories import make_line, make_project

JULY_31 = dt.date(2023, 7, 31)


def spend(officer, line, amount, econ="30201", fund="basic_public", project=None, year=2023):
    return services.expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(year, 3, 1),
        amount=Decimal(amount),
        summary="支出",
        econ_code=econ,
        fund_type=fund,
        project=project,
    )


def test_figures_and_warnings_follow_the_ledger(officer, department, other_department, bureau_staff):
    public = make_line(actor=officer, department=department, amount="100000.00")
    project = make_project(actor=officer, department=department)
    project_line = make_line(
        actor=officer,
        department=department,
        fund_type="project",
        func_code="2060702",
        project=project,
        amount="50000.00",
    )
    spend(officer, public, "60000.00")
    spend(officer, public, "3000.00", econ="30217")
    spend(officer, project_line, "5000.00", econ="30227", fund="project", project=project)
    services.sangong_budget_set(
        actor=officer, department=department, year=2023, item="reception", amount="2000"
    )
    old = make_line(actor=officer, department=department, year=2022, amount="10000.00")
    services.expenditure_post(
        actor=officer,
        line=old,
        date=dt.date(2022, 5, 1),
        amount=Decimal("1000.00"),
        summary="接待",
        econ_code="30217",
        fund_type="basic_public",
    )

    rows = {row.name: row for row in oversight_figures(user=bureau_staff, year=2023, as_of=JULY_31)}
    assert set(rows) == {department.name, other_department.name}
    row = rows[department.name]
    assert row.budget_basic == Decimal("100000.00")
    assert row.spent_basic == Decimal("63000.00")
    assert row.spent_project == Decimal("5000.00")
    assert row.rate_project == Decimal(10)
    assert row.sangong_actual == Decimal("3000.00")
    assert row.sangong_previous == Decimal("1000.00")
    kinds = [w.kind for w in row.warnings]
    # 项目 10% against 序时进度 58.3% (7月31日) is behind; 三公 3000 > budget 2000 and > last year 1000.
    assert kinds == ["预算执行滞后", "三公超预算", "三公增长"]
    assert "项目支出执行率10.0%" in row.warnings[0].message


def test_a_department_user_sees_only_their_own_department(officer, department, other_department):
    rows = oversight_figures(user=officer, year=2023, as_of=JULY_31)
    assert [row.name for row in rows] == [department.name]
