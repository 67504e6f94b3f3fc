"""Approximate quantities are stored as number + unit + qualifier and said back as the seed says them."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.errors import DomainError
from jixiao.domain.quantity import Notation, Quantity, find_quantities, format_number, parse_quantity

_SEED_NAME = Path("shared") / "seed" / "2023-changning-kexie-report.txt"
_REPO = Path(__file__).resolve().parents[3]
# shared/ sits beside the checkout (CI) or at /work/shared (developers' machines)
SEED = next(
    (path for path in (_REPO.parent / _SEED_NAME, Path("/work") / _SEED_NAME) if path.exists()),
    Path("/work") / _SEED_NAME,
)

# Every figure section 五 of the seed states, as it states it (the noun after 1万6千余 is 师生).
SEED_PHRASES = [
    ("500余人次", Decimal(500), "人次", "余"),
    ("共计2人", Decimal(2), "人", ""),
    ("近30次", Decimal(30), "次", "近"),
    ("6000余册", Decimal(6000), "册", "余"),
    ("2000余件", Decimal(2000), "件", "余"),
    ("2万余名", Decimal(20000), "名", "余"),
    ("7块", Decimal(7), "块", ""),
    ("1000余份", Decimal(1000), "份", "余"),
    ("2000余人", Decimal(2000), "人", "余"),
    ("300余人次", Decimal(300), "人次", "余"),
    ("33家", Decimal(33), "家", ""),
    ("近400多名", Decimal(400), "名", "近多"),
    ("20幅", Decimal(20), "幅", ""),
    ("90余块", Decimal(90), "块", "余"),
    ("2万余份", Decimal(20000), "份", "余"),
    ("1274人次", Decimal(1274), "人次", ""),
    ("150人次", Decimal(150), "人次", ""),
    ("2500余人", Decimal(2500), "人", "余"),
    ("37名", Decimal(37), "名", ""),
    ("1万6千余", Decimal(16000), "", "余"),
    ("16名", Decimal(16), "名", ""),
    ("13名", Decimal(13), "名", ""),
    ("6位", Decimal(6), "位", ""),
    ("三等奖2个", Decimal(2), "个", ""),
    ("20件", Decimal(20), "件", ""),
    ("一等奖1个", Decimal(1), "个", ""),
    ("2所", Decimal(2), "所", ""),
    ("三个", Decimal(3), "个", ""),
]


def _section_five() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("五、部门整体支出绩效情况") : text.index("六、存在的主要问题")]


@pytest.mark.parametrize(("phrase", "value", "unit", "qualifier"), SEED_PHRASES)
def test_every_seed_section_five_figure_round_trips_exactly(phrase, value, unit, qualifier):
    figure = phrase.removeprefix("共计").removeprefix("三等奖").removeprefix("一等奖")
    quantity = parse_quantity(figure)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)
    assert quantity.text() == figure


@pytest.mark.skipif(not SEED.exists(), reason="seed report not present")
def test_the_phrases_are_the_seeds_own_words():
    section = _section_five()
    assert [phrase for phrase, *_ in SEED_PHRASES if phrase not in section] == []


def test_near_thirty_times_is_thirty_with_the_qualifier_near():
    assert Quantity(Decimal(30), "次", "近").text() == "近30次"
    assert parse_quantity("近30次") == Quantity(Decimal(30), "次", "近")


def test_twenty_thousand_with_yu_is_said_in_wan():
    assert Quantity(Decimal(20000), "名", "余").text() == "2万余名"


def test_sixteen_thousand_is_said_as_one_wan_six_qian():
    assert Quantity(Decimal(16000), "", "余").text() == "1万6千余"


def test_numbers_below_one_wan_stay_in_digits():
    assert Quantity(Decimal(6000), "册", "余").text() == "6000余册"
    assert Quantity(Decimal(1274), "人次").text() == "1274人次"


def test_a_number_written_as_decimal_wan_is_said_the_same_way_again():
    quantity = parse_quantity("2.3万余人")
    assert quantity.value == Decimal(23000)
    assert quantity.notation is Notation.WAN_DECIMAL
    assert quantity.text() == "2.3万余人"
    assert Quantity(Decimal(23000), "人", "余").text() == "2万3千余人"


def test_notation_does_not_change_equality():
    assert parse_quantity("20000名") == parse_quantity("2万名")
    assert parse_quantity("20000名").text() == "20000名"


def test_numbers_that_have_no_wan_form_fall_back_to_digits():
    assert format_number(Decimal(12345), Notation.WAN) == "12345"
    assert format_number(Decimal("12.5")) == "12.5"


def test_chinese_numerals_are_read_and_written_back():
    assert parse_quantity("十二场").value == Decimal(12)
    assert parse_quantity("十二场").text() == "十二场"
    assert parse_quantity("两次").value == Decimal(2)
    assert parse_quantity("二十次").text() == "二十次"


def test_about_and_more_than_are_kept_apart():
    about = parse_quantity("约500人")
    more = parse_quantity("500多人")
    assert (about.prefix, about.suffix) == ("约", "")
    assert (more.prefix, more.suffix) == ("", "多")
    assert about != more


@pytest.mark.parametrize("bad", ["", "许多人", "余30次", "次30"])
def test_text_without_a_number_is_refused_in_chinese(bad):
    with pytest.raises(DomainError, match="不是数量"):
        parse_quantity(bad)


def test_an_unknown_qualifier_is_refused():
    with pytest.raises(DomainError, match="修饰词"):
        Quantity(Decimal(3), "次", "超")


def test_floats_are_refused():
    with pytest.raises(TypeError):
        Quantity(3.0, "次")  # type: ignore[arg-type]


@pytest.mark.skipif(not SEED.exists(), reason="seed report not present")
def test_finding_quantities_in_section_five_finds_the_seeds_key_outputs():
    found = {item.text for item in find_quantities(_section_five())}
    for phrase in [
        "近30次",
        "6000余册",
        "2万余名",
        "近400多名",
        "90余块",
        "2万余份",
        "1274人次",
        "300余人次",
    ]:
        assert phrase in found
    says = [item.quantity.text() for item in find_quantities(_section_five())]
    assert says == [item.text for item in find_quantities(_section_five())]


def test_found_quantities_know_where_they_stand():
    text = "全年累计共下乡科普近30次，受益人群达2万余名。"
    found = find_quantities(text)
    assert [(item.text, text[item.start : item.end]) for item in found] == [
        ("近30次", "近30次"),
        ("2万余名", "2万余名"),
    ]
    assert found[1].quantity == Quantity(Decimal(20000), "名", "余")


@given(
    value=st.integers(min_value=0, max_value=10**9),
    unit=st.sampled_from(["", "次", "人次", "名", "份", "册", "万元"]),
    prefix=st.sampled_from(["", "近", "约"]),
    suffix=st.sampled_from(["", "余", "多"]),
)
def test_any_quantity_reads_back_as_itself(value, unit, prefix, suffix):
    quantity = Quantity(Decimal(value), unit, prefix + suffix)
    again = parse_quantity(quantity.text())
    assert again == quantity
    assert again.text() == quantity.text()


def test_money_in_wan_keeps_wan_yuan_as_its_unit():
    assert parse_quantity("208.4万元") == Quantity(Decimal("208.4"), "万元")
    assert parse_quantity("208.4万元").text() == "208.4万元"
    assert [item.text for item in find_quantities("年初预算支出208.4万元，项目支出44万元")] == [
        "208.4万元",
        "44万元",
    ]
