from decimal import Decimal as D

import pytest

from jixiao.domain.wording import BUDGET_WORDING, CONTROL_WORDING, Wording, change_text


@pytest.mark.parametrize(
    ("current", "previous", "wording", "expected"),
    [
        ("2084049.00", "1843900.00", BUDGET_WORDING, "比上年增加24.01万元，增长13.0%"),
        ("440000.00", "510000.00", BUDGET_WORDING, "比上年减少7万元，下降13.7%"),
        ("2200.00", "3400.00", CONTROL_WORDING, "比上年减少0.12万元，降低35.3%"),
        ("0.00", "0.00", CONTROL_WORDING, "比上年增减0万元"),
        ("1644049.00", "1333900.00", BUDGET_WORDING, "比上年增加31.01万元，增长23.3%"),
    ],
)
def test_change_text_is_worded_exactly_as_the_seed(current, previous, wording, expected):
    assert change_text(D(current), D(previous), wording) == expected


def test_percentages_come_from_unrounded_amounts_not_from_the_printed_ones():
    # 31.01 / 133.39 = 23.2%, but the 元 amounts give 23.3% — as the seed prints.
    assert "23.3%" in change_text(D("1644049.00"), D("1333900.00"))


def test_previous_year_zero_gives_no_percentage():
    text = change_text(D("5000.00"), D("0.00"))
    assert "%" not in text
    assert text == "上年无此项，本年新增0.5万元"


def test_the_decrease_word_is_a_template_setting():
    assert change_text(D("90.00"), D("100000.00"), Wording(decrease_word="降低")).endswith("降低99.9%")


def test_a_change_that_rounds_to_zero_wan_is_worded_as_no_change():
    assert change_text(D("10040.00"), D("10000.00")) == "比上年增减0万元"
