"""The year-end checklist's goal items (the 待办 inbox): a submitted goal's indicators whose
实际完成值 is still missing, named — and gone once entered."""

from __future__ import annotations

import pytest

from jixiao.apps.goals import selectors, services
from jixiao.apps.goals.inbox import missing_actuals

pytestmark = pytest.mark.django_db


def test_missing_actuals_are_listed_until_entered(officer, head, draft_goal):
    assert missing_actuals(user=officer, year=2023) == []  # a draft goal has no year end yet
    goal = services.goal_submit(actor=officer, goal=draft_goal)
    open_rows = [r for r in selectors.year_end_rows(goal) if not r.automatic]
    assert "公众满意度" in [r.row.name for r in open_rows]  # a survey figure: someone must enter it
    [item] = missing_actuals(user=officer, year=2023)
    assert item.workflow == "实际完成值" and "公众满意度" in item.title and "尚未填写实际完成值" in item.title
    assert item.url == f"/goals/{goal.pk}/actuals/"
    for row in open_rows:
        services.year_end_actual_enter(
            actor=officer,
            indicator=row.row,
            text=f"{row.indicator.target.lstrip('≥≤=')}{row.indicator.unit}",
            evidence="年度统计",
        )
    assert missing_actuals(user=officer, year=2023) == []
    assert missing_actuals(user=officer, year=2022) == []
