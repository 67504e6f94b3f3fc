"""The demo department's 2023 overall goal (常宁市科学技术协会, 演示数据) is valid and fully quantified."""

from decimal import Decimal

import pytest

from jixiao.domain.goals import CurveKind, load_demo_goal, validate_goal
from jixiao.domain.quantity import parse_quantity


@pytest.fixture(scope="module")
def demo():
    return load_demo_goal()


def test_the_demo_2023_department_goal_passes_validation(demo):
    assert validate_goal(demo.goal, department_budget=demo.budget) == []


def test_every_demo_indicator_is_quantified(demo):
    for indicator in demo.goal.indicators:
        assert indicator.is_quantitative, indicator.name
        target = indicator.parsed_target()
        assert target.unit, indicator.name


def test_the_demo_tasks_add_up_to_the_2023_budget(demo):
    assert demo.goal.department == "常宁市科学技术协会（演示数据）"
    assert demo.goal.year == 2023
    assert demo.budget == Decimal("2084049.00")
    assert demo.goal.task_budget_total == Decimal("2084049.00")
    parts = demo.budget_parts
    assert parts["基本支出"] == Decimal("1644049.00")
    assert parts["基本支出-人员经费"] + parts["基本支出-公用经费"] == parts["基本支出"]
    assert parts["项目支出"] == Decimal("440000.00")
    projects = sum(task.budget for task in demo.goal.tasks if task.fund_type == "项目支出")
    assert projects == Decimal("440000.00")
    for fund_type in ("基本支出-人员经费", "基本支出-公用经费"):
        assert sum(task.budget for task in demo.goal.tasks if task.fund_type == fund_type) == parts[fund_type]


def test_the_demo_points_add_up_to_100(demo):
    assert sum(indicator.points for indicator in demo.goal.indicators) == Decimal(100)


def test_library_entries_give_the_demo_indicators_their_definitions(demo):
    trips = next(indicator for indicator in demo.goal.indicators if indicator.code == "KX-SL-02")
    assert trips.name == "下乡科普场次"
    assert str(trips.parsed_target()) == "≥25次"
    assert "赶集" in trips.explanation
    assert trips.task == "科普益民宣传与全国科普日"
    science_day = next(indicator for indicator in demo.goal.indicators if indicator.code == "KX-SL-12")
    assert science_day.progress.kind is CurveKind.POINTS


@pytest.mark.parametrize(
    ("code", "seed_says"),
    [
        ("KX-SL-02", "近30次"),
        ("KX-SL-05", "1万6千余"),
        ("KX-SL-07", "20件"),
        ("KX-SL-09", "近400多名"),
        ("KX-SL-11", "300余人次"),
        ("KX-SL-12", "33家"),
    ],
)
def test_demo_targets_sit_plausibly_near_the_seeds_actual_outputs(demo, code, seed_says):
    indicator = next(item for item in demo.goal.indicators if item.code == code)
    target = indicator.parsed_target().value
    actual = parse_quantity(seed_says).value
    assert Decimal("0.6") * actual <= target <= Decimal("1.1") * actual
    assert seed_says in indicator.note
