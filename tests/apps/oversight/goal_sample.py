"""A department's 2023 with a goal, activities and spending, for the overview's goal columns:
基本 100,000 (90,000 spent), project P01 50,000 (20,000 spent), a goal of five indicators, and
activities that reach three of the four counted targets by 31 Dec (科普活动 2 of 6 is missed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.budgets import services as budgets
from jixiao.apps.goals import services as goals
from jixiao.apps.goals.models import WorkArea
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
