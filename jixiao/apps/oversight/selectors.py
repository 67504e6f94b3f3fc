"""The oversight table: one query per figure family over every department of the bureau.

Budget figures come from the budget lines' running totals (a few rows per department), not
from the vouchers, so the page stays fast with hundreds of thousands of vouchers; only the
三公 actuals read vouchers, through the 经济分类 index.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from jixiao.apps.budgets.models import BudgetLine, SanGongBudget, Voucher
from jixiao.apps.orgs.models import DepartmentProfile
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.domain.classification import SANGONG_CODES
from jixiao.domain.monitoring import time_progress
from jixiao.domain.oversight import DepartmentFigures

ZERO = Decimal("0.00")


def oversight_figures(*, user, year: int, as_of: dt.date) -> list[DepartmentFigures]:
    departments = list(departments_visible_to(user).order_by("code").values("id", "name", "code", "is_demo"))
    ids = [d["id"] for d in departments]
    lines = (
        BudgetLine.objects.filter(department_id__in=ids, year=year)
        .values("department_id", "fund_type")
        .annotate(
            allocated=Sum("allocated"),
            adjusted=Sum("adjusted"),
            tin=Sum("transferred_in"),
            tout=Sum("transferred_out"),
            spent=Sum("spent"),
        )
    )
    money: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for row in lines:
        family = "project" if row["fund_type"] == "project" else "basic"
        bucket = money[row["department_id"]]
        bucket[f"initial_{family}"] += row["allocated"]
        bucket[f"budget_{family}"] += row["allocated"] + row["adjusted"] + row["tin"] - row["tout"]
        bucket[f"spent_{family}"] += row["spent"]
    for row in (
        SanGongBudget.objects.filter(department_id__in=ids, year=year)
        .values("department_id")
        .annotate(total=Sum("amount"))
    ):
        money[row["department_id"]]["sangong_budget"] += row["total"]
    vouchers = Voucher.objects.filter(year__in=[year, year - 1], econ_code__in=SANGONG_CODES)
    if len(ids) <= 20:
        # Few departments: their own index is the selective one. Many: read the (year, 经济分类)
        # index for every department and drop the ones this user may not see below.
        vouchers = vouchers.filter(department_id__in=ids)
    visible = set(ids)
    # Grouping in the index's own column order lets both SQLite and PostgreSQL answer from the
    # covering (year, 经济分类, department, amount) index without sorting.
    for row in vouchers.values("year", "econ_code", "department_id").annotate(total=Sum("amount")):
        if row["department_id"] not in visible:
            continue
        key = "sangong_actual" if row["year"] == year else "sangong_previous"
        money[row["department_id"]][key] += row["total"]
    profiles = {
        p["department_id"]: p
        for p in DepartmentProfile.objects.filter(department_id__in=ids, year=year).values(
            "department_id", "staffing_quota", "actual_staff"
        )
    }
    progress = time_progress(as_of, year=year)
    return [
        DepartmentFigures(
            department_id=d["id"],
            name=d["name"],
            code=d["code"],
            is_demo=d["is_demo"],
            staffing_quota=profiles.get(d["id"], {}).get("staffing_quota"),
            actual_staff=profiles.get(d["id"], {}).get("actual_staff"),
            time_progress=progress,
            **dict(money[d["id"]]),
        )
        for d in departments
    ]
