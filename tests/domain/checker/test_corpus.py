"""Real report openings (shared/corpus): the checker agrees with the hand-checked notes in
corpus/README.md wherever the text is present, says "数据不足" where the text stops, and never
invents a figure."""

import pytest

from jixiao.domain.checker import ERROR, INFO, WARNING, check_text

from .conftest import CORPUS_NAMES, read_text


def check(name):
    return check_text(read_text(name), report_type="auto")


def by_rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_corpus_text_is_seen_as_stopping_early_and_gets_no_section_missing(name):
    result = check(name)
    assert result.truncated is True
    assert by_rule(result, "outline.required") == []
    assert by_rule(result, "key_figures.missing") == []
    truncated = by_rule(result, "text.truncated")
    assert len(truncated) == 1 and truncated[0].severity == INFO
    assert "数据不足" in truncated[0].message


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_finding_quotes_the_original_text_at_its_offsets(name):
    text = read_text(name)
    result = check_text(text, report_type="auto")
    for finding in result.findings:
        location = finding.location
        assert 0 <= location.start <= location.end <= len(text)
        assert text[location.start : location.end] == location.quote


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_no_figure_is_invented(name):
    text = read_text(name)
    result = check_text(text, report_type="auto")
    for figure in result.figures:
        quote = text[figure.location.start : figure.location.end]
        assert quote == figure.location.quote
        digits = figure.value.replace(",", "")
        assert digits in quote.replace(",", "").replace("，", "")


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_no_corpus_text_gets_an_error(name):
    # corpus/README.md: every sum, rate and count that can be checked is right; the only
    # arithmetic defect (02's score) is a truncation rather than a miscalculation.
    assert [f.message for f in check(name).findings if f.severity == ERROR] == []


def test_01_date_missing_its_year_character():
    result = check("01_chenzhou_kexie_2021_zhengti.txt")
    dates = by_rule(result, "date.format")
    assert [(f.location.quote, f.expected) for f in dates] == [("20213月", "2021年3月")]


def test_01_paragraph_before_section_two_has_no_final_full_stop():
    result = check("01_chenzhou_kexie_2021_zhengti.txt")
    ends = by_rule(result, "punct.paragraph_end")
    assert len(ends) == 1
    assert ends[0].location.quote.endswith("另有退休人员14名")


def test_01_no_money_figure_survives():
    result = check("01_chenzhou_kexie_2021_zhengti.txt")
    assert [f for f in result.figures if f.kind == "amount"] == []
    staffing = [(f.label, f.value, f.unit) for f in result.figures if f.kind == "count"]
    assert ("核定参公编制", "10", "名") in staffing
    assert ("另有退休人员", "14", "名") in staffing


def test_01_counts_of_listed_offices_agree():
    # 办公室、学会工作部、普及工作部共三个部室; 二级机构1个，即郴州市科技馆
    assert by_rule(check("01_chenzhou_kexie_2021_zhengti.txt"), "count.items") == []


def test_02_truncated_score_is_flagged_with_the_rounded_value():
    result = check("02_zhongxian_kexie_2024_zhengti_table.txt")
    scores = by_rule(result, "score.recompute")
    assert len(scores) == 1
    score = scores[0]
    assert score.severity == WARNING
    assert (score.expected, score.found) == ("9.69", "9.68")
    assert score.location.quote.startswith("9.68")
    assert "截尾" in score.message


def test_02_execution_rate_96_85_is_accepted():
    result = check("02_zhongxian_kexie_2024_zhengti_table.txt")
    assert not any("执行率与金额不符" in f.message for f in result.findings)


def test_02_table_amounts_are_read_without_inventing_a_unit():
    result = check("02_zhongxian_kexie_2024_zhengti_table.txt")
    table = [f for f in result.figures if f.kind == "table_number"]
    assert "4614453.11" in [f.value for f in table]
    assert all(f.unit is None for f in table)
    assert [f for f in result.figures if f.kind == "amount"] == []


def test_04_project_report_with_unusual_heading_style_is_clean():
    result = check("04_lukou_kexie_kepu_project.txt")
    assert result.report_type == "xiangmu"
    assert by_rule(result, "heading.numbering") == []
    assert [(f.value, f.unit) for f in result.figures if f.kind == "amount"] == [("35", "万元")]


def test_05_year_on_year_changes_and_spending_breakdown_are_consistent():
    result = check("05_nanxian_zhengxie_2021_zhengti.txt")
    assert by_rule(result, "yoy.arithmetic") == []
    assert by_rule(result, "parts.sum") == []
    amounts = [f.value for f in result.figures if f.kind == "amount"]
    assert amounts[:6] == ["792.22", "189.25", "792.22", "209.28", "799.12", "434.89"]


def test_07_counts_match_the_listed_names_and_unfinished_staffing_is_insufficient_data():
    result = check("07_nanxian_zhujianju_2018_zhengti.txt")
    assert by_rule(result, "count.items") == []
    parts = by_rule(result, "parts.sum")
    assert len(parts) == 1 and parts[0].severity == INFO and "数据不足" in parts[0].message
    assert by_rule(result, "punct.brackets") == []  # 【2012】 style document numbers are fine


def test_11_stray_character_and_missing_measure_word_are_flagged():
    result = check("11_shidian_wenlvju_2024_zhengti.txt")
    typos = {(f.found, f.expected) for f in by_rule(result, "typo.curated")}
    assert ("支出就", "支出") in typos
    assert ("3二级单位", "3个二级单位") in typos


def test_11_execution_rate_80_32_agrees_and_sub_rates_lack_their_budgets():
    result = check("11_shidian_wenlvju_2024_zhengti.txt")
    rates = by_rule(result, "rate.recompute")
    assert {f.location.quote for f in rates} == {"100.00%", "47.72%"}
    assert all(f.severity == INFO and "数据不足" in f.message for f in rates)
    assert by_rule(result, "parts.sum") == []


def test_12_clean_control_document_has_no_warning():
    result = check("12_pingliang_zhengxie_2024_bumen_pingjia.txt")
    assert [f.message for f in result.findings if f.severity in (ERROR, WARNING)] == []
    assert by_rule(result, "count.items") == []


def test_13_extra_closing_title_mark_is_found_and_file_20_is_clean():
    result = check("13_kaiyuan_zhengxie_2022_zhengti_xiangmu.txt")
    brackets = by_rule(result, "punct.brackets")
    assert len(brackets) == 1
    assert brackets[0].found == "》"
    assert brackets[0].location.quote.endswith("管理暂行办法>》的通知》")
    assert by_rule(check("20_kaiyuan_weijian_zhifaju_2024_zhengti_xiangmu.txt"), "punct.brackets") == []


def test_13_committee_list_cut_off_is_insufficient_data():
    result = check("13_kaiyuan_zhengxie_2022_zhengti_xiangmu.txt")
    counts = by_rule(result, "count.items")
    assert len(counts) == 1 and counts[0].severity == INFO and "数据不足" in counts[0].message


def test_14_unit_and_staffing_sums_agree():
    result = check("14_baoshan_nongyenongcun_2019_zhengti.txt")
    assert [f.message for f in result.findings if f.severity in (ERROR, WARNING)] == []


def test_16_counts_agree_and_unfinished_list_is_insufficient_data():
    result = check("16_anning_shichangjianguan_2023_zhengti.txt")
    counts = by_rule(result, "count.items")
    assert len(counts) == 1
    assert counts[0].severity == INFO
    assert "9" in counts[0].message and "数据不足" in counts[0].message


def test_19_rates_agree_and_shares_name_their_denominator():
    result = check("19_shandong_canlian_2023_zhengti_provincial.txt")
    assert [f.message for f in result.findings if f.severity in (ERROR, WARNING)] == []
    shares = by_rule(result, "rate.recompute")
    assert {(f.found, f.expected) for f in shares} == {("21.49%", "22.13%"), ("75.40%", "77.66%")}
    assert all("63501.78" in f.message for f in shares)


def test_20_has_no_figures_and_no_findings_but_the_end():
    result = check("20_kaiyuan_weijian_zhifaju_2024_zhengti_xiangmu.txt")
    assert [f for f in result.figures if f.kind == "amount"] == []
    assert [f.rule for f in result.findings] == ["text.truncated"]


def test_02_phone_number_in_the_form_is_not_a_figure_but_the_total_score_is():
    values = [f.value for f in check("02_zhongxian_kexie_2024_zhengti_table.txt").figures]
    assert "85801577" not in values
    assert "99.68" in values
