"""Helpers shared by the goal tests: a small valid goal that each test breaks in one way."""

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.domain.goals import Goal, GoalIndicator, Task

BUDGET = Decimal("500000.00")


def indicator(name, level1, level2, target, unit="", *, value_type="定量", task="科普宣传", **extra):
    return GoalIndicator(
        name=name,
        level1=level1,
        level2=level2,
        value_type=value_type,
        target=target,
        unit=unit,
        explanation=extra.pop("explanation", f"{name}的解释"),
        scoring_rule=extra.pop("scoring_rule", "达到目标值得满分"),
        task=task,
        **extra,
    )


def small_goal(*indicators, tasks=None) -> Goal:
    base = (
        indicator("下乡科普场次", "产出指标", "数量指标", "≥25", "次"),
        indicator("科普活动按计划完成率", "产出指标", "质量指标", "≥95%"),
        indicator("资金在年底前支付完成率", "产出指标", "时效指标", "≥95", "%"),
        indicator("科普宣传活动支出", "产出指标", "成本指标", "≤30", "万元"),
        indicator("科普活动受益群众总人次", "效益指标", "社会效益指标", "≥20000", "人次"),
        indicator("公众满意度", "满意度指标", "服务对象满意度指标", "≥90", "%"),
    )
    return Goal(
        department="演示科协",
        year=2023,
        indicators=tuple(indicators) if indicators else base,
        tasks=tasks
        if tasks is not None
        else (
            Task("机构运转", Decimal("200000.00")),
            Task("科普宣传", Decimal("300000.00")),
        ),
    )


def with_indicator(goal: Goal, index: int, **changes) -> Goal:
    items = list(goal.indicators)
    items[index] = replace(items[index], **changes)
    return replace(goal, indicators=tuple(items))


@pytest.fixture
def goal() -> Goal:
    return small_goal()
