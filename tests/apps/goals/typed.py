"""A department of a given 部门类型 with a 2023 goal composed from its own library, activities that
record its outputs, and a recorded year end — built through the services, as a user would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.goals import selectors, services
from jixiao.domain import goals as domain
from tests.factories import DepartmentFactory, ProfileFactory, UserFactory, make_line

COMMON = ("GX-ZL-01", "GX-CB-03")


def typed_department(bureau, type_name: str, *, code: str, name: str):
    department = DepartmentFactory(bureau=bureau, code=code, name=name, department_type=type_name)
    officer = UserFactory(username=f"cw_{code}", role="finance_officer", department=department)
    ProfileFactory(department=department, year=2023, staffing_quota=5, actual_staff=4)
    return department, officer


def composed_goal(officer, department, *, submit: bool = True):
    """The department's 2023 goal: every indicator of its type's library at its typical target, and two
    computed 共性 ones, on one task holding its 公用经费 budget line."""
    line = make_line(actor=officer, department=department, amount="300000.00")
    library = selectors.library_for(department)
    task = domain.Task(
        "年度履职", line.allocated, "年度重点工作", "基本支出-公用经费", due=dt.date(2023, 12, 31)
    )
    entries = [*library.own_indicators, *(library.get(code) for code in COMMON)]
    goal = services.goal_import(
        actor=officer,
        department=department,
        year=2023,
        source=domain.Goal(
            department=department.name,
            indicators=tuple(entry.goal_indicator(entry.typical_target, task=task.name) for entry in entries),
            tasks=(task,),
            year=2023,
            duties="履行本部门职责",
            overall_goal="完成" + "、".join(output.name for output in library.outputs) + "等年度重点工作",
        ),
    )
    if submit:
        goal = services.goal_submit(actor=officer, goal=goal)
    return goal, line


def record_outputs(officer, department, year: int = 2023):
    """One activity per work area of the type's vocabulary, recording each of that area's outputs."""
    library = selectors.library_for_year(department, year)
    activities = []
    for name in library.vocabulary.work_areas:
        area = services.work_area_create(actor=officer, department=department, name=name)
        outputs = [
            {"quantity": f"12{output.unit}", "output_key": output.key}
            for output in library.outputs
            if output.area == name
        ]
        if outputs:
            activities.append(
                services.activity_record(
                    actor=officer,
                    department=department,
                    date=dt.date(year, 5, 10),
                    title=f"{name}专项行动",
                    area=area,
                    outputs=outputs,
                )
            )
    return activities


def spend_public(officer, line, amount: str) -> None:
    from jixiao.apps.budgets.services import expenditure_post

    expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(2023, 6, 10),
        amount=Decimal(amount),
        summary="日常办公费用",
        econ_code="30201",
        fund_type="basic_public",
    )
