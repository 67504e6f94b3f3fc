"""A score the report says is weight × rate ('按“得分=分值×执行率”计得9.63分', '按实际执行率乘以分值计分')
recomputed from the clause's rate and the indicator's weight — in the clause or after the
indicator's name elsewhere. Our own wording; each shape has a silent look-alike."""

from tests.domain.checker.helpers import findings

HEAD = "临川区文化广电旅游局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body):
    return findings(HEAD + body + "\n", "score.by_rate")


def test_a_score_said_to_be_weight_times_rate_in_its_own_sentence():
    body = "“资金到位率”指标分值8分，到位率{}%，按“得分=分值×到位率”计得{}分。"
    (finding,) = fired(body.format("91.25", "7.63"))
    assert "8×91.25%=7.30" in finding.message and finding.severity == "error"
    assert not fired(body.format("91.25", "7.30"))
    assert not fired(body.format("91.25", "7.3"))


def test_the_weight_given_after_the_indicator_name_in_an_earlier_sentence():
    body = (
        "过程指标下设资金到位率（5分）、预算执行率（15分）、制度执行有效性（5分）三项。"
        "预算执行率指标按实际执行率乘以分值计分，全年预算执行率{}%，该项得{}分；资金到位率100%，得5分。"
    )
    (finding,) = fired(body.format("88.40", "13.62"))
    assert "15×88.40%=13.26" in finding.message
    assert not fired(body.format("88.40", "13.26"))


def test_the_score_before_its_rule_and_a_rate_over_one_hundred_percent():
    body = "二级指标“项目完成率”得{}分（分值20分×完成率{}%）。"
    assert fired(body.format("19.5", "93.10"))
    assert not fired(body.format("18.6", "93.10"))
    # a rate above 100% gives the full weight, not more
    assert not fired(body.format("20", "104.00"))


def test_rounding_of_the_printed_rate_and_a_score_without_a_rule_stay_silent():
    # 10 × 96.4% is 9.64, 9.6 printed to one place; the rate printed to one place may be 96.35–96.45
    body = "“预算执行率”指标分值10分，执行率96.4%，按“得分=分值×执行率”计算得{}分。"
    assert not fired(body.format("9.6"))
    assert fired(body.format("9.9"))
    # no rule of computation stated: the score may be given by judgement
    assert not fired("“预算执行率”指标分值10分，执行率93.60%，评价组酌情给予9.63分，得9.63分。")
