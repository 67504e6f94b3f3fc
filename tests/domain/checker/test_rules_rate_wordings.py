"""A money rate against its numerator and denominator, whatever the two are called and wherever
they stand: the denominator a sentence before the rate (after a time phrase: 截至年底, 截至12月31日),
the numerator written as 其中 of the denominator, both members in a bracket after the rate, and the
rates with their own words (投资完成率: 完成投资 ÷ 计划投资; 兑付率 after 应兑付资金). A sample of the
combinations of bench/bench_checker_wordings.py (family 资金比率), each with its twin written right."""

import itertools

import pytest

from jixiao.domain.checker import check_text

RULES = ("rate.recompute", "rate.whole")
HEAD = "鹤山市农业农村局2023年度高标准农田建设项目支出绩效自评报告\n一、项目基本情况\n项目位于共和镇。\n二、资金情况\n"
TAIL = "\n三、绩效情况\n项目按期完成。\n"
# (rate, denominator, numerator)
PAIRS = [
    ("执行率", "年初预算{b}万元", "实际支出{a}万元"),
    ("执行率", "下达资金{b}万元", "已支付{a}万元"),
    ("预算执行率", "全年预算数{b}万元", "全年执行数{a}万元"),
    ("支付率", "安排资金{b}万元", "实际支付{a}万元"),
    ("拨付率", "下达资金{b}万元", "累计拨付{a}万元"),
    ("资金到位率", "计划投资{b}万元", "实际到位{a}万元"),
    ("投资完成率", "计划投资{b}万元", "累计完成投资{a}万元"),
    ("兑付率", "应兑付资金{b}万元", "已兑付{a}万元"),
]
SHAPES = [
    "{base}。截至年底{act}，{rate}{r}。",
    "{base}。截至2023年12月31日{act}，{rate}{r}。",
    "{base}。目前{act}，{rate}{r}。",
    "{rate}{r}（{act}，{base}）。",
    "{base}，其中{act}，{rate}{r}。",
]
# (denominator, numerator, right, wrong)
VALUES = [
    ("19204.096", "18501.096", "96%", "95%"),
    ("2373.51", "1002.2739", "42.23%", "42.22%"),
    ("264.80", "231.45", "87.41%", "84.71%"),
]
CASES = [
    (rate, base, act, shape, values)
    for (rate, base, act), shape, values in zip(
        itertools.chain.from_iterable(itertools.repeat(p, len(SHAPES)) for p in PAIRS),
        itertools.cycle(SHAPES),
        itertools.cycle(VALUES),
    )
]


def _text(rate, base, act, shape, values, which):
    b, a, right, wrong = values
    body = shape.replace("{base}", base.format(b=b)).replace("{act}", act.format(a=a)).replace("{rate}", rate)
    return HEAD + body.format(r=wrong if which == "wrong" else right) + TAIL


def _rate_findings(text):
    return [
        f for f in check_text(text, report_type="auto").findings if f.rule in RULES and f.severity != "info"
    ]


@pytest.mark.parametrize(("rate", "base", "act", "shape", "values"), CASES)
def test_the_rate_is_recomputed_from_its_members_wherever_they_stand(rate, base, act, shape, values):
    found = _rate_findings(_text(rate, base, act, shape, values, "wrong"))
    assert len(found) == 1, [f.message for f in found]
    assert found[0].found == values[3] and found[0].expected == values[2], found[0].message
    assert _rate_findings(_text(rate, base, act, shape, values, "right")) == []


def test_a_bracket_after_the_rate_must_name_both_members():
    """One amount in the bracket, or two that are not a numerator and a denominator, is no pair."""
    for bracket in ("（实际支出231.45万元）", "（其中中央资金120.00万元，省级资金111.45万元）"):
        text = HEAD + "年度预算执行良好，执行率84.71%" + bracket + "。" + TAIL
        assert _rate_findings(text) == [], bracket


def test_an_enumerated_items_rate_is_no_second_value_of_the_wholes():
    """'资金执行率34.83%' of the whole, then '①…资金执行率30.88%;②…' of each item: no conflict."""
    text = (
        HEAD
        + "目前共支付资金1696.76万元,资金执行率34.83%。\n分项目情况为①森林防火补助支付21万元,资金执行率30.88%;"
        "②护林员补助支付1604.75万元,资金执行率100%;③草原修复补助支付71.01万元,资金执行率30%。" + TAIL
    )
    assert [f for f in check_text(text, report_type="auto").findings if f.rule == "rate.conflict"] == []
    # the same rate stated twice for the whole is still a conflict
    twice = HEAD + "目前共支付资金1696.76万元,资金执行率34.83%。\n三、结论\n资金执行率为38.43%。" + TAIL
    assert [f.rule for f in check_text(twice, report_type="auto").findings if f.rule == "rate.conflict"] == [
        "rate.conflict"
    ]


def test_spending_dated_within_the_year_is_no_second_value_of_the_years():
    """The time phrase is no subject any more ('截至12月31日实际支出' pairs with the budget): two
    spendings dated apart are still not one figure stated twice."""
    text = (
        HEAD + "截至6月30日累计支出120.00万元，支付进度45.28%（既定进度45%）。\n三、绩效分析\n"
        "截至12月31日累计支出251.30万元。\n四、存在问题\n进度偏慢。\n"
    )
    assert [
        f.message for f in check_text(text, report_type="auto").findings if f.rule == "quantity.conflict"
    ] == []


@pytest.mark.parametrize("when", ["截至年底", "截至目前", "到年底"])
def test_a_count_done_by_a_time_is_held_against_its_plan(when):
    """'计划培训农民800人次。截至年底实际培训760人次，完成率98%': the time phrase is no part of the
    indicator's name (rate.target matches the two by their words)."""
    text = HEAD + f"计划培训农民800人次。{when}实际培训760人次，完成率{{r}}。" + TAIL
    found = [
        f for f in check_text(text.format(r="98%"), report_type="auto").findings if f.rule == "rate.target"
    ]
    assert len(found) == 1 and "95.00%" in found[0].message, [f.message for f in found]
    assert [
        f for f in check_text(text.format(r="95%"), report_type="auto").findings if f.rule == "rate.target"
    ] == []
