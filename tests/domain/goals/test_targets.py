"""Quantified targets parse to operator + Decimal + unit, in full-width and ASCII, or are refused in Chinese."""

from decimal import Decimal

import pytest

from jixiao.domain.goals import Operator, Target, TargetParseError, parse_operator, parse_target


@pytest.mark.parametrize(
    ("text", "operator", "value", "unit"),
    [
        ("≥95%", Operator.GE, Decimal(95), "%"),
        (">=30 次", Operator.GE, Decimal(30), "次"),
        ("=11个", Operator.EQ, Decimal(11), "个"),
        ("＞＝ 90 ％", Operator.GE, Decimal(90), "%"),
        ("≤44万元", Operator.LE, Decimal(44), "万元"),
        ("<=260,000元", Operator.LE, Decimal(260000), "元"),
        ("＜5天", Operator.LT, Decimal(5), "天"),
        ("> 0.5 %", Operator.GT, Decimal("0.5"), "%"),
        ("≧2个", Operator.GE, Decimal(2), "个"),
        ("不低于95%", Operator.GE, Decimal(95), "%"),
        ("不超过9元/人次", Operator.LE, Decimal(9), "元/人次"),
        ("＝100％", Operator.EQ, Decimal(100), "%"),
    ],
)
def test_targets_parse_to_operator_number_and_unit(text, operator, value, unit):
    assert parse_target(text) == Target(operator, value, unit)


def test_the_unit_column_supplies_the_unit_when_the_value_has_none():
    assert parse_target("≥95", unit="%") == Target(Operator.GE, Decimal(95), "%")
    assert parse_target("≥95", unit="％").unit == "%"


def test_a_unit_in_the_value_must_agree_with_the_unit_column():
    with pytest.raises(TargetParseError, match="单位“次”与计量单位“场”不一致"):
        parse_target("≥30次", unit="场")


def test_a_default_operator_is_used_only_when_the_text_has_none():
    assert parse_target("30", unit="次", default_operator="≥") == Target(Operator.GE, Decimal(30), "次")
    assert parse_target("≤30", unit="次", default_operator="≥").operator is Operator.LE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("有效提高", "缺少比较符"),
        ("95%", "缺少比较符"),
        ("≥", "无法解析"),
        ("≥很多次", "无法解析"),
        ("", "指标值为空"),
        ("≥30余次", "约数"),
        ("≥30次以上", "约数"),
    ],
)
def test_unparsable_targets_are_refused_in_chinese(text, message):
    with pytest.raises(TargetParseError, match=message):
        parse_target(text)


def test_targets_in_wan_convert_to_their_base_unit_and_to_yuan():
    assert parse_target("≥2万人次").base() == (Decimal(20000), "人次")
    assert parse_target("≤44万元").in_yuan() == Decimal(440000)
    assert parse_target("≤260000元").in_yuan() == Decimal(260000)
    assert parse_target("≤9元/人次").in_yuan() is None


def test_targets_print_back_in_canonical_form():
    assert parse_target(">= 95 ％").text() == "≥95%"
    assert str(parse_target("=11个")) == "=11个"


@pytest.mark.parametrize(
    ("operator", "actual", "target", "holds"),
    [
        (Operator.GE, Decimal(30), Decimal(30), True),
        (Operator.GE, Decimal(29), Decimal(30), False),
        (Operator.GT, Decimal(30), Decimal(30), False),
        (Operator.LE, Decimal(30), Decimal(30), True),
        (Operator.LT, Decimal(30), Decimal(30), False),
        (Operator.EQ, Decimal(2), Decimal(2), True),
    ],
)
def test_operators_say_whether_an_actual_value_meets_the_target(operator, actual, target, holds):
    assert operator.holds(actual, target) is holds


def test_an_unknown_operator_is_refused():
    with pytest.raises(TargetParseError, match="比较符“约”无效"):
        parse_operator("约")
