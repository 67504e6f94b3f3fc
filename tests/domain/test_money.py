from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.errors import InvalidAmount
from jixiao.domain.money import percent_text, ratio_percent, round_half_up, wan, wan_text, yuan


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("2084049.00", "208.4万元"),
        ("440000.00", "44万元"),
        ("240149.00", "24.01万元"),
        ("2200.00", "0.22万元"),
        ("0.00", "0万元"),
        ("1843900.00", "184.39万元"),
        ("49.99", "0万元"),
        ("50.00", "0.01万元"),
    ],
)
def test_wan_prints_amounts_the_way_the_seed_writes_them(amount, expected):
    assert wan(Decimal(amount)) == expected


def test_rounding_is_half_up_not_bankers():
    assert round_half_up(Decimal("0.125"), 2) == Decimal("0.13")
    assert round_half_up(Decimal("13.05"), 1) == Decimal("13.1")
    assert wan_text(Decimal("150.00")) == "0.02"  # 0.015万元 rounds up


def test_yuan_accepts_thousands_separators_and_refuses_three_decimals():
    assert yuan("1,234.56") == Decimal("1234.56")
    assert yuan("1234") == Decimal("1234.00")
    with pytest.raises(InvalidAmount, match="超过两位小数"):
        yuan("1.234")
    with pytest.raises(InvalidAmount, match="不是有效数字"):
        yuan("一百")


def test_yuan_refuses_float():
    with pytest.raises(TypeError):
        yuan(1.5)


def test_percent_of_zero_denominator_is_none():
    assert ratio_percent(Decimal(1), Decimal(0)) is None
    assert percent_text(None) == "—"


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=2))
def test_wan_text_never_has_trailing_zeros(value):
    text = wan_text(value)
    assert not (("." in text) and text.endswith("0"))
