"""typo.rare_char: a character of CJK Extension A, the compatibility ideographs or the
supplementary planes in a report's text, most often an input method's or a converter's slip; and
typo.number_format: an amount whose thousands separators stand wrong or that has two decimal points."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "鹤山市教育局2023年度特殊教育项目支出绩效自评报告\n一、项目基本情况\n"


def _rare(body):
    return [
        f for f in check_text(HEAD + body + "\n", report_type="auto").findings if f.rule == "typo.rare_char"
    ]


@pytest.mark.parametrize(
    ("body", "char"),
    [
        ("学校购置蒙台梭利教具、福䘵贝尔教具。", "䘵"),  # Extension A
        ("完成校舍維修3处。".replace("維", "\uf9b5"), "\uf9b5"),  # a compatibility ideograph
        ("购置教具𠀋套。", "𠀋"),  # a supplementary plane's
    ],
)
def test_a_rare_character_is_reported_once(body, char):
    (found,) = _rare(body + body)
    assert found.found == char and "生僻字" in found.message


def test_common_characters_and_a_text_written_in_rare_ones_are_left_alone():
    assert _rare("学校购置蒙台梭利教具、福禄贝尔教具。") == []
    assert _rare("名单：㐀㐁、㐂㐃、㐄㐅。") == []  # more than three of them: the text is written so


def _number_formats(body):
    findings = check_text(HEAD + body + "\n", report_type="auto").findings
    return [f for f in findings if f.rule == "typo.number_format"]


@pytest.mark.parametrize(
    ("body", "number"),
    [
        ("项目资金1,23.45万元，已全部拨付。", "1,23.45"),
        ("项目资金12,3456元。", "12,3456"),
        ("项目资金1,234.5.6万元。", "1,234.5.6"),
        ("| 县财政 | 7,00.0,77 |", "7,00.0,77"),
    ],
)
def test_a_number_with_its_separators_wrong(body, number):
    (found,) = _number_formats(body)
    assert found.found == number


@pytest.mark.parametrize(
    "body",
    [
        "项目资金1,234.56万元，执行率95.5%。",
        "分别为12，34万元。",  # full-width commas: two figures
        "2023.12.31完成，见第1.2.3节。",
        "列出第1,2,3项。",  # numbers of a list, no amount
    ],
)
def test_numbers_written_right_or_no_amount(body):
    assert _number_formats(body) == []
