"""Table-driven specifications of every scoring-function kind."""

from decimal import Decimal as D

import pytest

from jixiao.domain.facts import (
    Achievement,
    ChecklistAnswer,
    FactsInvalid,
    GoalIndicatorResult,
    IndicatorKind,
    ManualJudgement,
)
from jixiao.domain.scoring import (
    DEFAULT_QUALITATIVE_BANDS,
    Bands,
    CappedRatio,
    Checklist,
    ChecklistItem,
    DeductionPerPoint,
    GoalIndicators,
    Grade,
    Manual,
    PerShortfallStep,
    Proportional,
    Qualitative,
    ScoringRefused,
    goal_fraction,
    grade_for,
)

# 重点支出安排率 (岳阳): ≥90 → 5; 80（含）–90 → 4; 70（含）–80 → 3; 60（含）–70 → 2; <60 → 0.
KEY_SPENDING = Bands("ge", ((D(90), D(5)), (D(80), D(4)), (D(70), D(3)), (D(60), D(2))), D(0))


@pytest.mark.parametrize(
    ("value", "score"),
    [
        ("100", "5"),
        ("90", "5"),
        ("89.99", "4"),
        ("80", "4"),
        ("79.99", "3"),
        ("70", "3"),
        ("60", "2"),
        ("59.99", "0"),
        ("0", "0"),
    ],
)
def test_lower_inclusive_bands_give_the_band_whose_threshold_is_reached(value, score):
    assert KEY_SPENDING.apply(D(value), D(5), "重点支出安排率").score == D(score)


def test_a_band_below_full_marks_says_where_the_value_fell():
    outcome = KEY_SPENDING.apply(D("75"), D(5), "重点支出安排率")
    assert outcome.reason == "重点支出安排率为75.0%，在70%（含）至80%之间，得3分，扣2分"
    assert (
        KEY_SPENDING.apply(D("50"), D(5), "重点支出安排率").reason
        == "重点支出安排率为50.0%，低于60%，得0分，扣5分"
    )


# 预算调整率 (岳阳): =0 → 3; 0–10%（含）→ 2; 10–20%（含）→ 1; 20–30%（含）→ 0.5; >30% → 0.
ADJUSTMENT = Bands("le", ((D(0), D(3)), (D(10), D(2)), (D(20), D(1)), (D(30), D("0.5"))), D(0))


@pytest.mark.parametrize(
    ("value", "score"),
    [
        ("0", "3"),
        ("0.01", "2"),
        ("10", "2"),
        ("10.01", "1"),
        ("20", "1"),
        ("20.5", "0.5"),
        ("30", "0.5"),
        ("30.01", "0"),
    ],
)
def test_upper_inclusive_bands_give_the_first_band_the_value_does_not_exceed(value, score):
    assert ADJUSTMENT.apply(D(value), D(3), "预算调整率").score == D(score)


def test_upper_inclusive_band_reason_marks_the_inclusive_end():
    outcome = ADJUSTMENT.apply(D("12.5"), D(3), "预算调整率")
    assert outcome.reason == "预算调整率为12.5%，在10%至20%（含）之间，得1分，扣2分"
    assert ADJUSTMENT.apply(D("31"), D(3), "预算调整率").reason == "预算调整率为31.0%，超过30%，得0分，扣3分"


# 在职人员控制率 (岳阳): ≤100% → 5; −0.5 per percentage point above; floor 0.
STAFF = DeductionPerPoint(benchmark=D(100), per_point=D("0.5"))


@pytest.mark.parametrize(
    ("value", "score"),
    [("80", "5"), ("100", "5"), ("101", "4.5"), ("107.5", "1.25"), ("110", "0"), ("150", "0")],
)
def test_deduction_per_point_above_the_benchmark_is_floored_at_zero(value, score):
    assert STAFF.apply(D(value), D(5), "在职人员控制率").score == D(score)


def test_deduction_reason_counts_the_points_and_says_when_it_ran_out():
    assert STAFF.apply(D("107.5"), D(5), "在职人员控制率").reason == (
        "在职人员控制率为107.5%，超过标准100%共7.5个百分点，每个百分点扣0.5分，扣3.75分"
    )
    assert STAFF.apply(D(120), D(5), "在职人员控制率").reason.endswith("扣5分（扣完为止）")


def test_deduction_can_count_whole_points_only_and_can_run_below_a_benchmark():
    whole = DeductionPerPoint(benchmark=D(100), per_point=D(1), whole_points=True)
    assert whole.apply(D("101.9"), D(6), "三公经费控制率").score == D(5)
    below = DeductionPerPoint(benchmark=D(95), per_point=D("0.1"), direction="below", floor=D(1))
    assert below.apply(D(90), D(2), "执行率").score == D("1.5")
    assert below.apply(D(0), D(2), "执行率").score == D(1)


# 预算完成率 (财政厅 variant): 100% → full; −2 for every 5% below.
COMPLETION = PerShortfallStep(step=D(5), per_step=D(2))


@pytest.mark.parametrize(
    ("value", "score"),
    [("100", "8"), ("99", "6"), ("95", "6"), ("94.99", "4"), ("90", "4"), ("81", "0"), ("40", "0")],
)
def test_per_shortfall_step_counts_a_part_step_as_a_whole_one(value, score):
    assert COMPLETION.apply(D(value), D(8), "预算完成率").score == D(score)


def test_per_shortfall_step_can_ignore_part_steps_and_reason_says_how_it_counted():
    floor_steps = PerShortfallStep(step=D(5), per_step=D(2), partial="floor")
    assert floor_steps.apply(D(99), D(8), "预算完成率").score == D(8)
    assert floor_steps.apply(D(94), D(8), "预算完成率").score == D(6)
    assert COMPLETION.apply(D(93), D(8), "预算完成率").reason == (
        "预算完成率为93.0%，低于100%共7个百分点，每低5%扣2分（不足5%按5%计），扣4分"
    )


def test_per_shortfall_step_above_a_ceiling_for_building_area_control():
    area = PerShortfallStep(step=D(5), per_step=D(2), benchmark=D(100), direction="above")
    assert area.apply(D(100), D(5), "新建楼堂馆所面积控制率").score == D(5)
    assert area.apply(D(103), D(5), "新建楼堂馆所面积控制率").score == D(3)


@pytest.mark.parametrize(
    ("rule", "value", "score"),
    [
        (Proportional(), "100", "7"),
        (Proportional(), "120", "7"),
        (Proportional(), "50", "3.5"),
        (Proportional(), "0", "0"),
        (Proportional(target=D(90)), "81", "6.3"),
        (Proportional(target=D(10), direction="lower"), "20", "3.5"),
        (Proportional(target=D(10), direction="lower"), "5", "7"),
    ],
)
def test_proportional_scores_the_share_of_the_target_reached(rule, value, score):
    assert rule.apply(D(value), D(7), "实际完成率").score == D(score)


def test_proportional_reason_shows_the_multiplication():
    assert Proportional().apply(D(75), D(8), "实际完成率").reason == (
        "实际完成率为75.0%，未达到目标100%，按比例计分：8 × 75.0% = 6分，扣2分"
    )


@pytest.mark.parametrize(
    ("value", "score"),
    [("100", "10"), ("104", "10"), ("98.5", "9.85"), ("0", "0"), ("-3", "0")],
)
def test_capped_ratio_scores_the_ratio_itself_up_to_the_cap(value, score):
    assert CappedRatio().apply(D(value), D(10), "预算执行率").score == D(score)


FINANCE_RULES = Checklist(
    "award",
    (
        ChecklistItem("exists", "已制定管理制度", D(1)),
        ChecklistItem("lawful", "制度合法合规完整", D(1)),
        ChecklistItem("applied", "制度有效执行", D(1)),
    ),
)
COMPLIANCE = Checklist(
    "deduct",
    tuple(ChecklistItem(key, key) for key in ("a", "b", "c", "d", "e")),
    per_violation=D(1),
)


def _answers(row, **met):
    return {key: ChecklistAnswer(row, key, value) for key, value in met.items()}


@pytest.mark.parametrize(
    ("met", "score"),
    [
        ({"exists": True, "lawful": True, "applied": True}, "3"),
        ({"exists": True, "lawful": True, "applied": False}, "2"),
        ({"exists": True}, "1"),
        ({}, "0"),
    ],
)
def test_award_checklist_sums_the_points_of_items_met(met, score):
    assert FINANCE_RULES.apply(_answers("r", **met), D(3)).score == D(score)


@pytest.mark.parametrize(
    ("violations", "score"),
    [(0, "3"), (1, "2"), (3, "0"), (5, "0")],
)
def test_deduct_checklist_takes_a_point_per_violation_floored_at_zero(violations, score):
    met = {key: index >= violations for index, key in enumerate("abcde")}
    assert COMPLIANCE.apply(_answers("r", **met), D(3)).score == D(score)


def test_checklist_reason_names_each_unmet_item_with_its_evidence():
    answers = _answers("r", exists=True, lawful=True)
    answers["applied"] = ChecklistAnswer("r", "applied", False, "未按制度登记台账")
    assert FINANCE_RULES.apply(answers, D(3)).reason == "未满足1项：③制度有效执行（未按制度登记台账），扣1分"


@pytest.mark.parametrize(
    ("level", "given", "score"),
    [
        (Achievement.ACHIEVED, None, "10"),
        (Achievement.ACHIEVED, "8", "8"),
        (Achievement.PARTLY, None, "7"),
        (Achievement.PARTLY, "6", "6"),
        (Achievement.NOT_ACHIEVED, None, "3"),
        (Achievement.NOT_ACHIEVED, "5.9", "5.9"),
    ],
)
def test_qualitative_three_bands_score_within_the_judged_band(level, given, score):
    judgement = ManualJudgement("x", "活动记录与照片", score=None if given is None else D(given), level=level)
    assert Qualitative().apply(judgement, D(10), "社会效益", DEFAULT_QUALITATIVE_BANDS).score == D(score)


@pytest.mark.parametrize(
    ("level", "given"),
    [(Achievement.ACHIEVED, "7.9"), (Achievement.PARTLY, "8"), (Achievement.NOT_ACHIEVED, "6")],
)
def test_a_qualitative_score_outside_its_band_is_refused(level, given):
    judgement = ManualJudgement("x", "依据", score=D(given), level=level)
    with pytest.raises(ScoringRefused, match="评分项“社会效益”评定为"):
        Qualitative().apply(judgement, D(10), "社会效益", DEFAULT_QUALITATIVE_BANDS)


def test_a_manual_judgement_without_evidence_is_refused_and_names_the_row():
    with pytest.raises(FactsInvalid, match="评分项“disclosure”的人工评分必须填写评分依据"):
        ManualJudgement("disclosure", "   ", score=D(2))


def test_a_manual_score_is_taken_with_its_evidence_and_kept_within_the_points():
    judgement = ManualJudgement("disclosure", "决算公开晚于规定时限12天", score=D("1.5"))
    outcome = Manual().apply(judgement, D(2), "预决算信息公开性")
    assert outcome.score == D("1.5")
    assert outcome.reason == "人工评分1.5分，扣0.5分（依据：决算公开晚于规定时限12天）"
    with pytest.raises(ScoringRefused, match="得分3分超出0至2分的范围"):
        Manual().apply(ManualJudgement("disclosure", "依据", score=D(3)), D(2), "预决算信息公开性")


def _goal(operator, target, actual, **extra):
    return GoalIndicatorResult(
        name="指标",
        level1="产出指标",
        level2="数量指标",
        kind=IndicatorKind.QUANTITATIVE,
        target_text=f"{operator}{target}",
        quantified=True,
        operator=operator,
        target=D(target),
        actual=None if actual is None else D(actual),
        **extra,
    )


@pytest.mark.parametrize(
    ("operator", "target", "actual", "fraction"),
    [
        ("≥", "3000", "3000", "1"),
        ("≥", "3000", "3600", "1"),
        ("≥", "3000", "2400", "0.8"),
        (">", "90", "90", "1"),  # 90/90: not strictly above, but the share reached is 100%
        ("=", "11", "11", "1"),
        ("=", "11", "5.5", "0.5"),
        ("≤", "5", "4", "1"),
        ("≤", "5", "10", "0.5"),
        ("≥", "0", "0", "1"),
        ("≥", "20", None, "0"),
    ],
)
def test_a_quantitative_goal_earns_full_marks_when_reached_and_actual_over_target_when_not(
    operator, target, actual, fraction
):
    assert goal_fraction(_goal(operator, target, actual), DEFAULT_QUALITATIVE_BANDS)[0] == D(fraction)


def test_an_unquantified_goal_without_an_achievement_level_earns_nothing():
    vague = GoalIndicatorResult(
        "及时性", "产出指标", "时效指标", IndicatorKind.QUALITATIVE, "按时完成", quantified=False
    )
    assert goal_fraction(vague, DEFAULT_QUALITATIVE_BANDS) == (D(0), "指标未量化，且未评定完成档次，不得分")


def test_goal_indicator_row_shares_points_by_weight_when_every_goal_has_one():
    goals = (
        _goal("≥", "10", "10", weight=D(30)),
        _goal("≥", "10", "5", weight=D(20)),
    )
    outcome, _ = GoalIndicators("产出指标").apply(goals, D(50), DEFAULT_QUALITATIVE_BANDS)
    assert outcome.score == D(40)


def test_goal_indicator_row_shares_points_equally_otherwise():
    goals = (_goal("≥", "10", "10"), _goal("≥", "10", "5"))
    outcome, basis = GoalIndicators("产出指标").apply(goals, D(30), DEFAULT_QUALITATIVE_BANDS)
    assert outcome.score == D("22.5")
    assert outcome.reason == "“指标”未完成，按完成比例50.0%计分，扣7.5分"
    assert basis.startswith("指标：目标≥10，实际10，已完成")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", Grade.EXCELLENT),
        ("90", Grade.EXCELLENT),
        ("89.99", Grade.GOOD),
        ("80", Grade.GOOD),
        ("79.99", Grade.FAIR),
        ("60", Grade.FAIR),
        ("59.99", Grade.POOR),
        ("0", Grade.POOR),
    ],
)
def test_grades_have_inclusive_lower_bounds(score, grade):
    assert grade_for(D(score)) is grade


def test_a_float_score_is_refused():
    with pytest.raises(TypeError):
        grade_for(89.99)
