"""Goal-area fixtures: a department with a budget in the ledger, a goal that passes, work areas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.apps.goals import services
from jixiao.apps.goals.models import WorkArea
from tests.factories import make_line

BUDGET = Decimal("100000.00")
TASK = "科普宣传"


def good_tasks() -> list[dict]:
    return [{"name": TASK, "content": "下乡科普", "fund_type": "基本支出-公用经费", "budget": "100000.00"}]


def good_indicators() -> list[dict]:
    """One indicator in each required category; all quantified. The first is 下乡科普场次 (library KX-SL-02)."""
    base = {"value_type": "定量", "explanation": "说明", "scoring_rule": "达到目标值得满分", "task": TASK}
    return [
        {
            **base,
            "code": "KX-SL-02",
            "level1": "产出指标",
            "level2": "数量指标",
            "name": "下乡科普场次",
            "target": "≥24",
            "unit": "次",
            "points": "10",
        },
        {
            **base,
            "level1": "产出指标",
            "level2": "质量指标",
            "name": "科普活动按计划完成率",
            "target": "≥95",
            "unit": "%",
        },
        {
            **base,
            "level1": "产出指标",
            "level2": "时效指标",
            "name": "重点科普活动按期举办率",
            "target": "=100",
            "unit": "%",
        },
        {
            **base,
            "level1": "产出指标",
            "level2": "成本指标",
            "name": "科普宣传支出",
            "target": "≤10",
            "unit": "万元",
        },
        {
            **base,
            "code": "KX-SH-01",
            "level1": "效益指标",
            "level2": "社会效益指标",
            "name": "科普活动受益群众总人次",
            "target": "≥10000",
            "unit": "人次",
        },
        {
            **base,
            "level1": "满意度指标",
            "level2": "服务对象满意度指标",
            "name": "公众满意度",
            "target": "≥90",
            "unit": "%",
        },
    ]


@pytest.fixture
def budgeted(officer, department):
    """The department's 2023 budget in the ledger: one 公用经费 line of 100,000元."""
    return make_line(actor=officer, department=department, amount=str(BUDGET))


@pytest.fixture
def draft_goal(officer, department, budgeted):
    goal = services.goal_create(actor=officer, department=department, year=2023)
    return services.goal_save(
        actor=officer, goal=goal, duties="", overall_goal="", tasks=good_tasks(), indicators=good_indicators()
    )


@pytest.fixture
def area(department):
    return WorkArea.objects.create(department=department, name="科普宣传", order=1)


@pytest.fixture
def record(officer, department, area):
    def make(outputs, *, date=dt.date(2023, 3, 5), title="下乡科普", **kwargs):
        return services.activity_record(
            actor=officer, department=department, date=date, title=title, area=area, outputs=outputs, **kwargs
        )

    return make
