"""Year-end actuals typed for indicators no activity feeds, and the 职责履行 counts of the year's tasks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.domain.facts import Achievement, WorkCompletion
from jixiao.domain.goals import GoalError, GoalIndicator, goal_from_data, validate_goal
from jixiao.domain.year_end import TaskOutcome, YearEndRefused, check_completion, read_actual, work_completion

D = dt.date


def indicator(
    name: str, target: str, unit: str, value_type: str = "定量", scoring_rule: str = ""
) -> GoalIndicator:
    return GoalIndicator(
        name=name,
        level1="满意度指标",
        level2="服务对象满意度指标",
        value_type=value_type,
        target=target,
        unit=unit,
        scoring_rule=scoring_rule,
    )


SATISFACTION = indicator("公众满意度", "≥90", "%")
UNIT_COST = indicator("人均科普成本", "≤9", "元/人次")
SPENDING = indicator("科普益民宣传活动支出", "≤18", "万元")


@pytest.mark.parametrize(
    ("item", "text", "value", "unit"),
    [
        (SATISFACTION, "96%", Decimal(96), "%"),
        (SATISFACTION, "96.2％", Decimal("96.2"), "%"),
        (SATISFACTION, "96", Decimal(96), "%"),
        (UNIT_COST, "8.5元/人次", Decimal("8.5"), "元/人次"),
        (SPENDING, "17.1万元", Decimal("17.1"), "万元"),
        (SPENDING, "171,000.00元", Decimal("17.1"), "万元"),
    ],
)
def test_a_typed_actual_is_read_in_the_indicators_unit(item, text, value, unit):
    entered = read_actual(item, text)
    assert (entered.value, entered.unit, entered.text) == (value, unit, text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("很满意", "三级指标“公众满意度”的实际完成值“很满意”无法识别：应写成数值加单位"),
        ("96次", "三级指标“公众满意度”的实际完成值“96次”的单位“次”与计量单位“%”不一致"),
        ("", "三级指标“公众满意度”：请填写实际完成值"),
        ("≥96%", "三级指标“公众满意度”的实际完成值“≥96%”无法识别"),
    ],
)
def test_an_actual_that_is_not_a_value_in_the_indicators_unit_is_refused_naming_the_indicator(text, message):
    with pytest.raises(YearEndRefused) as refused:
        read_actual(SATISFACTION, text)
    assert refused.value.message.startswith(message)
    assert refused.value.details["indicator"] == "公众满意度"


def test_a_qualitative_actual_is_one_of_its_grades_read_as_the_scoring_bands():
    rated = indicator(
        "科普工作社会评价", "优", "等级", "定性", "优：考核优秀；良：考核良好；中：考核合格；差：考核不合格"
    )
    assert read_actual(rated, "优").achievement is Achievement.ACHIEVED
    assert read_actual(rated, "良").achievement is Achievement.PARTLY
    assert read_actual(rated, "中").achievement is Achievement.PARTLY
    assert read_actual(rated, "差").achievement is Achievement.NOT_ACHIEVED
    assert read_actual(rated, "部分达成").achievement is Achievement.PARTLY
    assert read_actual(rated, "优").value is None
    with pytest.raises(YearEndRefused, match="应为以下档次之一：优、良、中、差、达成、部分达成、未达成"):
        read_actual(rated, "96%")


def test_five_tasks_four_done_three_on_time_four_up_to_standard_two_key_both_done():
    tasks = [
        TaskOutcome("科普宣传", D(2023, 6, 30), True, True, D(2023, 6, 20), True),
        TaskOutcome("全国科普日", D(2023, 9, 30), True, True, D(2023, 10, 10), True),  # late
        TaskOutcome("青少年科技教育", D(2023, 10, 31), False, True, D(2023, 10, 31), True),  # on the day
        TaskOutcome("乡村振兴", D(2023, 11, 30), False, False, None, False),
        TaskOutcome("机关党建", None, False, True, D(2023, 12, 31), True),  # no due date: by year end
    ]
    assert work_completion(tasks, year=2023) == WorkCompletion(
        planned=5, completed=4, timely=3, quality_passed=4, key_assigned=2, key_done=2
    )


def test_quality_counts_only_work_that_was_done_and_no_task_means_no_counts():
    tasks = [TaskOutcome("a", completed=False, quality_passed=True), TaskOutcome("b", is_key=True)]
    assert work_completion(tasks, year=2023) == WorkCompletion(2, 0, 0, 0, 1, 0)
    assert work_completion([], year=2023) is None


def test_a_completion_record_says_every_reason_it_cannot_be_kept():
    today = D(2024, 1, 15)
    assert check_completion(
        task="科普宣传",
        year=2023,
        completed=True,
        finished_on=None,
        quality_passed=True,
        evidence=" ",
        today=today,
    ) == [
        "年度主要任务“科普宣传”已完成，请填写完成日期",
        "年度主要任务“科普宣传”已完成，请填写完成依据（佐证说明：文件、记录或成果）",
    ]
    assert check_completion(
        task="科普宣传",
        year=2023,
        completed=False,
        finished_on=D(2022, 12, 1),
        quality_passed=True,
        evidence="",
        today=today,
    ) == [
        "年度主要任务“科普宣传”未完成，不能填写完成日期",
        "年度主要任务“科普宣传”未完成，不能认定质量达标",
        "年度主要任务“科普宣传”的完成日期2022年12月1日早于2023年度",
    ]
    assert check_completion(
        task="科普宣传",
        year=2023,
        completed=True,
        finished_on=D(2024, 2, 1),
        quality_passed=False,
        evidence="验收意见",
        today=today,
    ) == ["年度主要任务“科普宣传”的完成日期2024年2月1日晚于今天（2024年1月15日）"]
    assert (
        check_completion(
            task="科普宣传",
            year=2023,
            completed=True,
            finished_on=D(2024, 1, 10),
            quality_passed=False,
            evidence="验收意见",
            today=today,
        )
        == []
    )


def _goal_data(**task) -> dict:
    return {
        "department": "测试单位",
        "year": 2023,
        "tasks": [{"name": "科普宣传", "budget": "100000.00", **task}],
        "indicators": [],
    }


def test_a_goal_file_gives_each_task_its_due_date_and_key_flag():
    goal = goal_from_data(_goal_data(due=D(2023, 9, 30), key=True))
    assert (goal.tasks[0].due, goal.tasks[0].is_key) == (D(2023, 9, 30), True)
    goal = goal_from_data(_goal_data(due="2023-06-30"))
    assert (goal.tasks[0].due, goal.tasks[0].is_key) == (D(2023, 6, 30), False)
    with pytest.raises(GoalError, match="年度主要任务“科普宣传”的计划完成时间“六月底”不是有效日期"):
        goal_from_data(_goal_data(due="六月底"))


def test_a_due_date_outside_the_goals_year_is_an_error():
    goal = goal_from_data(_goal_data(due=D(2024, 3, 31)))
    messages = [f.message for f in validate_goal(goal, department_budget=Decimal("100000.00"))]
    assert "年度主要任务“科普宣传”的计划完成时间2024年3月31日不在2023年度内" in messages
