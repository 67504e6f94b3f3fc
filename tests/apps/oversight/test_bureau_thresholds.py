"""A finance bureau's early-warning thresholds override the shipped defaults on the 双监控 page and
on the overview (issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest

from jixiao.apps.budgets.services import warning_thresholds_set
from jixiao.apps.goals.overview import forget_evaluations
from jixiao.apps.goals.selectors import monitoring_view
from jixiao.apps.oversight.selectors import oversight_figures
from tests.apps.oversight.goal_sample import build_watched

pytestmark = pytest.mark.django_db
YEAR_END = dt.date(2023, 12, 31)
LATER = dt.date(2024, 3, 1)


def _row(user, department):
    return next(r for r in oversight_figures(user=user, year=2023, as_of=LATER) if r.name == department.name)


def test_a_bureaus_lag_threshold_changes_the_monitoring_page_and_the_overview(
    officer, department, bureau, bureau_staff
):
    build_watched(officer, department)
    page = monitoring_view(department=department, year=2023, as_of=YEAR_END).report
    assert sum(1 for w in page.warnings if w.kind.value == "预算执行滞后") == 2  # 40% vs 100%: 60 points
    assert "预算执行滞后" in _row(bureau_staff, department).goal.warning_kinds
    assert any(w.kind == "预算执行滞后" for w in _row(bureau_staff, department).warnings)

    warning_thresholds_set(actor=bureau_staff, bureau=bureau, values={"budget_lag_points": "70"})
    forget_evaluations()
    page = monitoring_view(department=department, year=2023, as_of=YEAR_END).report
    assert page.thresholds.budget_lag_points == 70
    assert not any(w.kind.value == "预算执行滞后" for w in page.warnings)
    row = _row(bureau_staff, department)
    assert "预算执行滞后" not in row.goal.warning_kinds
    assert not any(w.kind == "预算执行滞后" for w in row.warnings)
