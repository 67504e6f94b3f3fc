"""validate_goal collects every finding about a goal, each in Chinese naming the indicator (§4.3)."""

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.domain.goals import GoalIndicator, GradeLevel, Severity, Task, is_submittable, validate_goal

from .conftest import BUDGET, indicator, small_goal, with_indicator


def codes(findings):
    return [finding.code for finding in findings]


def errors(findings):
    return [finding for finding in findings if finding.severity is Severity.ERROR]


def test_a_complete_quantified_goal_has_no_findings(goal):
    assert validate_goal(goal, department_budget=BUDGET) == []
    assert is_submittable([])


def test_vague_target_is_refused_and_names_the_indicator(goal):
    vague = with_indicator(goal, 5, target="有效提高", unit="")
    findings = validate_goal(vague, department_budget=BUDGET)
    assert codes(findings) == ["vague_target"]
    assert "三级指标“公众满意度”" in findings[0].message
    assert "“有效提高”" in findings[0].message
    assert findings[0].indicator == "公众满意度"
    assert not is_submittable(findings)


@pytest.mark.parametrize(
    "phrase", ["效果明显", "有效提高", "进一步加强", "稳步推进", "应保尽保", "按月安排", "达成预期指标"]
)
def test_every_vague_phrase_of_the_rules_is_refused(goal, phrase):
    findings = validate_goal(with_indicator(goal, 0, target=phrase), department_budget=BUDGET)
    assert codes(findings) == ["vague_target"]
    assert f"“{phrase}”" in findings[0].message


def test_a_vague_phrase_inside_a_longer_value_is_still_refused(goal):
    findings = validate_goal(with_indicator(goal, 4, target="群众科学素质有效提高"), department_budget=BUDGET)
    assert codes(findings) == ["vague_target"]
    assert findings[0].details["phrase"] == "有效提高"


def test_a_qualitative_indicator_with_a_graded_scale_may_use_words(goal):
    graded = with_indicator(
        goal,
        4,
        value_type="定性",
        target="效果明显",
        unit="等级",
        scoring_rule="优：群众广泛参与，得满分；良：得80%；中：得60%；差：不得分",
    )
    assert validate_goal(graded, department_budget=BUDGET) == []


def test_a_graded_scale_can_be_given_as_levels_instead_of_text(goal):
    graded = with_indicator(
        goal,
        4,
        value_type="定性",
        target="良好",
        unit="等级",
        scoring_rule="",
        grading_scale=(GradeLevel("优", "得满分"), GradeLevel("良", "得80%")),
    )
    assert validate_goal(graded, department_budget=BUDGET) == []


def test_a_qualitative_indicator_without_a_graded_scale_is_refused(goal):
    findings = validate_goal(
        with_indicator(goal, 4, value_type="定性", target="社会影响较大", unit=""), department_budget=BUDGET
    )
    assert codes(findings) == ["qualitative_without_scale"]
    assert "科普活动受益群众总人次" in findings[0].message


def test_a_vague_qualitative_indicator_without_a_scale_is_refused_as_vague(goal):
    findings = validate_goal(
        with_indicator(goal, 4, value_type="定性", target="效果明显"), department_budget=BUDGET
    )
    assert codes(findings) == ["vague_target"]


def test_a_quantitative_target_that_does_not_parse_is_refused_naming_the_indicator(goal):
    findings = validate_goal(with_indicator(goal, 0, target="全年30次左右"), department_budget=BUDGET)
    assert codes(findings) == ["unparsable_target"]
    assert findings[0].message.startswith("三级指标“下乡科普场次”：")


def test_a_quantitative_target_needs_a_unit(goal):
    findings = validate_goal(with_indicator(goal, 0, target="≥25", unit=""), department_budget=BUDGET)
    assert codes(findings) == ["missing_unit"]
    assert "下乡科普场次" in findings[0].message


def test_the_value_type_must_be_given(goal):
    findings = validate_goal(with_indicator(goal, 0, value_type=""), department_budget=BUDGET)
    assert codes(findings) == ["missing_value_type"]
    findings = validate_goal(with_indicator(goal, 0, value_type="数量"), department_budget=BUDGET)
    assert codes(findings) == ["invalid_value_type"]


def test_every_finding_is_collected_not_just_the_first(goal):
    broken = with_indicator(goal, 0, target="稳步推进")
    broken = with_indicator(broken, 5, target="≥九成", unit="%")
    broken = with_indicator(broken, 4, task="")
    broken = replace(broken, tasks=(*broken.tasks, Task("党建", Decimal("1.00"))))
    findings = validate_goal(broken, department_budget=BUDGET)
    assert codes(findings) == [
        "vague_target",
        "missing_task_link",
        "unparsable_target",
        "task_budget_mismatch",
    ]
    assert [finding.indicator for finding in findings[:3]] == [
        "下乡科普场次",
        "科普活动受益群众总人次",
        "公众满意度",
    ]


def test_each_output_category_must_be_present(goal):
    without_timeliness = replace(goal, indicators=tuple(i for i in goal.indicators if i.level2 != "时效指标"))
    findings = validate_goal(without_timeliness, department_budget=BUDGET)
    assert codes(findings) == ["missing_category"]
    assert findings[0].message == "产出指标缺少“时效指标”：至少应设1个可衡量的三级指标"


def test_at_least_one_benefit_and_one_satisfaction_indicator_are_required(goal):
    outputs_only = replace(goal, indicators=goal.indicators[:4])
    findings = validate_goal(outputs_only, department_budget=BUDGET)
    assert [finding.message for finding in findings] == [
        "缺少效益指标：至少应设1个三级指标",
        "缺少满意度指标：至少应设1个三级指标",
    ]


def test_short_category_names_are_accepted(goal):
    short = with_indicator(goal, 0, level1="产出", level2="数量")
    assert validate_goal(short, department_budget=BUDGET) == []


def test_an_unknown_category_is_refused_naming_the_indicator(goal):
    findings = validate_goal(with_indicator(goal, 4, level2="政治效益"), department_budget=BUDGET)
    assert codes(findings) == ["unknown_category", "missing_category"]
    assert (
        findings[0].message == "三级指标“科普活动受益群众总人次”的二级指标“政治效益”不属于一级指标“效益指标”"
    )


def test_task_budgets_must_sum_exactly_to_the_department_budget(goal):
    findings = validate_goal(goal, department_budget=Decimal("500000.01"))
    assert codes(findings) == ["task_budget_mismatch"]
    assert findings[0].message == (
        "年度主要任务预算金额合计500,000.00元，与部门预算500,000.01元不一致（少0.01元）"
    )
    assert findings[0].details["difference"] == Decimal("-0.01")


def test_an_unknown_department_budget_is_a_notice_that_does_not_block(goal):
    findings = validate_goal(goal, department_budget=None)
    assert codes(findings) == ["budget_unknown"]
    assert findings[0].severity is Severity.NOTICE
    assert is_submittable(findings)


def test_a_goal_without_tasks_is_refused_once_not_for_every_indicator(goal):
    findings = validate_goal(replace(goal, tasks=()), department_budget=BUDGET)
    assert codes(findings) == ["no_tasks"]


def test_each_indicator_must_be_linked_to_an_existing_task(goal):
    findings = validate_goal(with_indicator(goal, 1, task="不存在的任务"), department_budget=BUDGET)
    assert codes(findings) == ["unknown_task"]
    assert findings[0].message == "三级指标“科普活动按计划完成率”关联的任务“不存在的任务”不在年度主要任务中"


def test_cost_indicators_must_stay_within_the_budget(goal):
    findings = validate_goal(with_indicator(goal, 3, target="≤25", task="机构运转"), department_budget=BUDGET)
    assert codes(findings) == ["cost_over_task_budget"]
    assert "250,000.00元超过所关联任务“机构运转”的预算200,000.00元" in findings[0].message
    extra_cost = indicator("科普车运行支出", "产出", "成本", "≤250000", "元", task="科普宣传")
    findings = validate_goal(
        replace(goal, indicators=(*goal.indicators, extra_cost)), department_budget=BUDGET
    )
    assert codes(findings) == ["cost_over_budget"]
    assert findings[0].details["cost_total"] == Decimal(550000)


def test_a_cost_indicator_is_an_upper_bound(goal):
    findings = validate_goal(with_indicator(goal, 3, target="≥30"), department_budget=BUDGET)
    assert codes(findings) == ["cost_operator"]


def test_unit_costs_are_not_added_to_the_budget_total(goal):
    unit_cost = indicator("人均科普成本", "产出指标", "成本指标", "≤900000", "元/人次")
    assert (
        validate_goal(replace(goal, indicators=(*goal.indicators, unit_cost)), department_budget=BUDGET) == []
    )


def test_inputs_are_not_accepted_as_goals(goal):
    as_input = with_indicator(goal, 0, level1="投入指标", level2="资金投入")
    findings = validate_goal(as_input, department_budget=BUDGET)
    assert codes(findings)[0] == "input_as_goal"
    assert "财力、人力、物力是投入" in findings[0].message
    named_input = GoalIndicator(
        "项目资金到位率",
        "产出指标",
        "数量指标",
        "定量",
        "=100%",
        explanation="x",
        scoring_rule="x",
        task="科普宣传",
    )
    findings = validate_goal(
        replace(goal, indicators=(*goal.indicators, named_input)), department_budget=BUDGET
    )
    assert codes(findings) == ["input_as_goal"]
    assert "“资金到位”" in findings[0].message


def test_missing_explanation_and_scoring_rule_are_notices(goal):
    findings = validate_goal(
        with_indicator(goal, 0, explanation="", scoring_rule=""), department_budget=BUDGET
    )
    assert codes(findings) == ["missing_explanation", "missing_scoring_rule"]
    assert all(finding.severity is Severity.NOTICE for finding in findings)
    assert is_submittable(findings)


def test_findings_keep_the_indicator_row(goal):
    findings = validate_goal(with_indicator(goal, 5, target="有效提高", row=17), department_budget=BUDGET)
    assert findings[0].row == 17


def test_a_separate_operator_column_completes_the_target():
    goal = small_goal()
    goal = with_indicator(goal, 0, target="25", operator="≥")
    assert validate_goal(goal, department_budget=BUDGET) == []


def test_a_relative_target_with_a_number_is_refused_as_unparsable_not_as_vague(goal):
    findings = validate_goal(with_indicator(goal, 0, target="较上年提高5次"), department_budget=BUDGET)
    assert codes(findings) == ["unparsable_target"]
    assert "缺少比较符" in findings[0].message


def test_findings_are_values_that_can_be_collected_in_sets(goal):
    findings = validate_goal(with_indicator(goal, 5, target="有效提高"), department_budget=BUDGET)
    assert (
        len(
            set(findings)
            | set(validate_goal(with_indicator(goal, 5, target="有效提高"), department_budget=BUDGET))
        )
        == 1
    )
