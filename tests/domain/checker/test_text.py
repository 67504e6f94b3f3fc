"""Normalisation keeps a way back to the original offsets; full-width and ASCII forms read alike."""

from jixiao.domain.checker import check_text
from jixiao.domain.checker.text import normalize


def test_full_width_punctuation_and_digits_become_ascii_without_moving_offsets():
    normalized = normalize("支出：１００万元（基本）")
    assert normalized.text == "支出:100万元(基本)"
    assert normalized.original_span(3, 8) == (3, 8)


def test_deleted_characters_are_mapped_back_to_the_original():
    original = "\ufeff一、 概况\r\n2023 年支出 100万元\r\n"
    normalized = normalize(original)
    assert normalized.text == "一、概况\n2023年支出100万元\n"
    start = normalized.text.index("100万元")
    a, b = normalized.original_span(start, start + 5)
    assert original[a:b] == "100万元"


def test_spaces_between_two_numbers_are_kept():
    assert normalize("10 20").text == "10 20"


def test_a_letter_spaced_line_from_a_pdf_reads_as_ordinary_text():
    original = "其 中 ： 人 员 经 费 1 2 3 . 4 5 万 元 ， 占 比 5 0 . 1 2 %\n"
    normalized = normalize(original)
    assert normalized.text == "其中:人员经费123.45万元,占比50.12%\n"
    start = normalized.text.index("123.45万元")
    a, b = normalized.original_span(start, start + len("123.45万元"))
    assert original[a:b] == "1 2 3 . 4 5 万 元"


def test_a_row_of_column_numbers_is_not_letter_spacing():
    assert normalize("列次 0 1 2 3 4 5 6 7 所需材料").text == "列次0 1 2 3 4 5 6 7所需材料"


def test_a_letter_spaced_total_is_checked_against_its_items():
    text = (
        "一、基本情况\n"
        "妇 联 2 0 2 4 年 预 算 总 额 8 0 . 0 0 万 元 ， 其 中 ： 基 本 支 出 5 0 . 0 0 万 元 ， "
        "项 目 支 出 2 0 . 0 0 万 元 。\n"
    )
    finding = next(f for f in check_text(text).findings if f.rule == "parts.sum")
    assert "=70万元" in finding.message and "80.00万元" in finding.message
    assert text[finding.location.start : finding.location.end] == finding.location.quote
    consistent = text.replace("2 0 . 0 0 万 元 。", "3 0 . 0 0 万 元 。")
    assert not [f for f in check_text(consistent).findings if f.rule == "parts.sum"]


def test_findings_quote_the_original_text_with_full_width_forms_and_crlf():
    original = "一、部门概况\r\n本年支出：１００万元，比上年增加１０万元，增长２０.０％。\r\n"
    result = check_text(original)
    finding = next(f for f in result.findings if f.rule == "yoy.arithmetic")
    assert original[finding.location.start : finding.location.end] == finding.location.quote
    assert finding.location.quote == "１００万元，比上年增加１０万元，增长２０.０％"
    assert finding.location.section == "一、部门概况"


def test_json_dict_has_exactly_the_documented_shape():
    payload = check_text("本年支出100万元，比上年增加10万元，增长20.0%。").to_json_dict(file="a.txt")
    assert set(payload) == {"file", "findings", "figures", "summary"}
    assert payload["file"] == "a.txt"
    finding = payload["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "location", "expected", "found"}
    assert set(finding["location"]) == {"section", "start", "end", "quote"}
    assert isinstance(finding["location"]["start"], int)
    assert finding["severity"] in {"error", "warning", "info"}
    assert payload["summary"]["errors"] == 1
