"""Properties that hold for any value: a score never leaves 0 … points, grades never go backwards."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.scoring import (
    Bands,
    CappedRatio,
    DeductionPerPoint,
    Grade,
    PerShortfallStep,
    Proportional,
    grade_for,
)

percentages = st.decimals(min_value=-200, max_value=500, places=4, allow_nan=False, allow_infinity=False)
points = st.sampled_from([D(1), D(2), D("2.5"), D(3), D(5), D(6), D(10), D(50)])

RULES = [
    Bands("ge", ((D(90), D(1)), (D(60), D("0.5"))), D(0)),
    Bands("le", ((D(0), D(1)), (D(30), D("0.5"))), D(0)),
    DeductionPerPoint(benchmark=D(100), per_point=D("0.5")),
    DeductionPerPoint(benchmark=D(0), per_point=D("0.8")),
    PerShortfallStep(step=D(5), per_step=D(2)),
    Proportional(),
    Proportional(target=D(10), direction="lower"),
    CappedRatio(),
]


@given(value=percentages, full=points, rule=st.sampled_from(RULES))
def test_every_numeric_rule_scores_between_zero_and_the_row_points(value, full, rule):
    outcome = rule.apply(value, full, "指标")
    assert D(0) <= outcome.score <= full
    assert (outcome.reason == "") == (outcome.score == full)


@given(value=percentages, more=st.decimals(min_value=0, max_value=50, places=2), full=points)
def test_a_higher_rate_never_scores_less_on_a_higher_is_better_rule(value, more, full):
    for rule in (Proportional(), CappedRatio(), PerShortfallStep(step=D(5), per_step=D(1))):
        assert rule.apply(value + more, full, "x").score >= rule.apply(value, full, "x").score


ORDER = [Grade.POOR, Grade.FAIR, Grade.GOOD, Grade.EXCELLENT]


@given(
    a=st.decimals(min_value=0, max_value=100, places=2), b=st.decimals(min_value=0, max_value=100, places=2)
)
def test_a_higher_score_never_gets_a_lower_grade(a, b):
    low, high = sorted((a, b))
    assert ORDER.index(grade_for(high)) >= ORDER.index(grade_for(low))
