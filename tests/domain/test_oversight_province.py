"""A bureau's row of the province overview from its departments, and the 合计 row."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.oversight import DepartmentFigures, bureau_figures, province_total


def dept(**money) -> DepartmentFigures:
    return DepartmentFigures(
        department_id=1,
        name="",
        code="",
        is_demo=money.pop("is_demo", False),
        staffing_quota=None,
        actual_staff=None,
        time_progress=Decimal("50.0"),
        lag_points=Decimal("10"),
        **{key: Decimal(value) for key, value in money.items()},
    )


def test_a_bureau_adds_up_its_departments_and_counts_the_ones_that_lag_or_overspend():
    departments = [
        # basic 30% against 序时进度 50% with 10 points allowed: lagging; 三公 over its budget
        dept(budget_basic="1000.00", spent_basic="300.00", sangong_budget="10.00", sangong_actual="12.00"),
        # basic 45%: within the allowance; project 100%
        dept(
            budget_basic="2000.00",
            spent_basic="900.00",
            budget_project="500.00",
            spent_project="500.00",
            is_demo=True,
        ),
    ]
    row = bureau_figures(bureau_id=7, name="常宁市财政局", code="CZJ", departments=departments, submitted=1)
    assert (row.departments, row.demo_departments, row.lagging, row.sangong_over) == (2, 1, 1, 1)
    assert row.budget_total == Decimal("3500.00") and row.spent_total == Decimal("1700.00")
    assert row.rate_basic == Decimal("40.0")  # 1200 / 3000, not the mean of 30% and 45%
    assert row.reports_missing == 1


def test_the_total_row_rates_follow_from_the_sums():
    a = bureau_figures(
        bureau_id=1, name="甲", code="A", departments=[dept(budget_basic="100.00", spent_basic="90.00")]
    )
    b = bureau_figures(
        bureau_id=2, name="乙", code="B", departments=[dept(budget_basic="900.00", spent_basic="90.00")]
    )
    total = province_total([a, b])
    assert (total.departments, total.budget_total, total.spent_total) == (
        2,
        Decimal("1000.00"),
        Decimal("180.00"),
    )
    assert total.rate_total == Decimal("18.0")  # not (90% + 10%) / 2
    assert province_total([]).budget_total == Decimal("0.00")
