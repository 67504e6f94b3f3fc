"""A department's 2023 with a goal, activities and spending, for the overview's goal columns:
基本 100,000 (90,000 spent), project P01 50,000 (20,000 spent), a goal of five indicators, and
activities that reach three of the four counted targets by 31 Dec (科普活动 2 of 6 is missed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from jixiao.apps.budgets import services as budgets
from jixiao.apps.budgets.models import BudgetLine, Project
from jixiao.apps.goals import services as goals
from jixiao.apps.goals.models import Activity, ActivityOutput, Goal, GoalIndicator, WorkArea
from jixiao.apps.orgs.models import Department
from jixiao.apps.oversight.models import ReportSubmission
from tests.factories import make_line, make_project

BASE = {"value_type": "定量", "explanation": "说明", "scoring_rule": "达到目标值得满分", "task": ""}
INDICATORS = [
    {**BASE, "code": "KX-SL-02", "level1": "产出指标", "level2": "数量指标", "name": "下乡科普场次"},
    {**BASE, "code": "KX-SL-03", "level1": "产出指标", "level2": "数量指标", "name": "科普资料发放份数"},
    {**BASE, "code": "KX-SL-01", "level1": "产出指标", "level2": "数量指标", "name": "科普活动次数"},
    {
        **BASE,
        "code": "KX-SH-01",
        "level1": "效益指标",
        "level2": "社会效益指标",
        "name": "科普活动受益群众总人次",
    },
    {
        **BASE,
        "level1": "满意度指标",
        "level2": "服务对象满意度指标",
        "name": "公众满意度",
        "progress": "year_end",
    },
]
TARGETS = {
    "下乡科普场次": ("≥24", "次"),
    "科普资料发放份数": ("≥5000", "份"),
    "科普活动次数": ("≥6", "次"),
    "科普活动受益群众总人次": ("≥10000", "人次"),
    "公众满意度": ("≥90", "%"),
}


def spend(officer, line, amount, *, month=3, fund="basic_public", econ="30201", project=None):
    budgets.expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(2023, month, 10),
        amount=Decimal(amount),
        summary="支出",
        econ_code=econ,
        fund_type=fund,
        project=project,
    )


def build_watched(officer, department):
    """The department's goal and the records behind it (see the module text); returns the goal."""
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
    spend(officer, public, "90000.00")
    spend(officer, project_line, "20000.00", fund="project", econ="30227", project=project)
    goal = goals.goal_create(actor=officer, department=department, year=2023)
    rows = [{**row, "target": TARGETS[row["name"]][0], "unit": TARGETS[row["name"]][1]} for row in INDICATORS]
    goals.goal_save(actor=officer, goal=goal, duties="", overall_goal="", tasks=[], indicators=rows)
    area = WorkArea.objects.create(department=department, name="科普宣传", order=1)

    def record(date, *outputs):
        goals.activity_record(
            actor=officer,
            department=department,
            date=date,
            title="科普活动",
            area=area,
            outputs=[{"quantity": quantity, "output_key": key} for key, quantity in outputs],
        )

    record(
        dt.date(2023, 3, 5),
        ("下乡科普次数", "12次"),
        ("科普资料发放份数", "3000份"),
        ("受益群众人次", "4000人次"),
    )
    record(dt.date(2023, 6, 5), ("科普活动次数", "2次"), ("受益师生人次", "2500人次"))
    record(
        dt.date(2023, 10, 8),
        ("下乡科普次数", "18次"),
        ("科普资料发放份数", "2500份"),
        ("受益群众人次", "4000人次"),
    )
    return goal


def populate(bureau, user, start: int, count: int) -> None:
    """``count`` departments, each with budget lines, a goal of three library indicators, an
    activity feeding them and a report with a stored score (straight rows: the services are
    tested elsewhere; this is about how the overview reads many departments)."""
    now = timezone.now()
    for number in range(start, start + count):
        department = Department.objects.create(
            bureau=bureau, code=f"Q{number:04d}", name=f"规模单位{number:03d}", department_type="科协"
        )
        project = Project.objects.create(department=department, year=2023, code="P01", name="业务专项")
        BudgetLine.objects.create(
            department=department,
            year=2023,
            func_code="2012901",
            fund_type="basic_public",
            econ_code="302",
            allocated=Decimal("100000.00"),
            spent=Decimal("60000.00"),
        )
        BudgetLine.objects.create(
            department=department,
            year=2023,
            func_code="2012902",
            fund_type="project",
            econ_code="302",
            project=project,
            allocated=Decimal("50000.00"),
            spent=Decimal("10000.00"),
        )
        goal = Goal.objects.create(
            department=department,
            year=2023,
            library_version="kexie-v1",
            common_version="gongxing-v1",
            created_at=now,
        )
        for order, row in enumerate(INDICATORS[:3], start=1):
            target, unit = TARGETS[row["name"]]
            fields = {k: v for k, v in row.items() if k not in ("task", "progress")}
            GoalIndicator.objects.create(goal=goal, order=order, target=target, unit=unit, **fields)
        area = WorkArea.objects.create(department=department, name="科普宣传")
        activity = Activity.objects.create(
            department=department,
            year=2023,
            date=dt.date(2023, 5, 1),
            title="科普",
            area=area,
            created_at=now,
        )
        ActivityOutput.objects.create(
            activity=activity, output_key="下乡科普次数", value=Decimal(30), unit="次"
        )
        ActivityOutput.objects.create(
            activity=activity, output_key="科普活动次数", value=Decimal(2), unit="次"
        )
        ReportSubmission.objects.create(
            department=department,
            year=2023,
            version=1,
            title="报告",
            self_score=Decimal(60 + number % 40),
            score_basis="stated",
            submitted_by=user,
            submitted_at=now,
        )
