"""The year-end checklist's goal items: indicators of a submitted goal whose 实际完成值 is still
missing — neither traced from activities, nor computed from the year's data, nor entered (the
same ``year_end_rows`` the 年末实际完成值 page shows)."""

from __future__ import annotations

from django.urls import reverse

from jixiao.apps.core.inbox import CHECK, InboxItem, register
from jixiao.apps.goals.models import Goal, GoalState
from jixiao.apps.goals.selectors import year_end_rows


def missing_actuals(*, user, year):
    if not user.is_department_user:
        return []
    items = []
    goals = Goal.objects.filter(department_id=user.department_id, year=year, state=GoalState.SUBMITTED)
    for goal in goals.order_by("kind", "pk"):
        missing = [
            row.indicator.name for row in year_end_rows(goal) if not row.automatic and row.entered is None
        ]
        if missing:
            names = "、".join(missing[:5]) + (f"等{len(missing)}项" if len(missing) > 5 else "")
            items.append(
                InboxItem(
                    kind=CHECK,
                    workflow="实际完成值",
                    title=f"{goal}：{names}尚未填写实际完成值",
                    url=reverse("goals:goal-actuals", args=[goal.pk]),
                )
            )
    return items


register(checklist=missing_actuals)
