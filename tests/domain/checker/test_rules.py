"""Each rule on small texts written for it: what it flags, what it accepts, and when it says
"数据不足" instead of guessing."""

from pathlib import Path

import pytest

from jixiao.domain.checker import ERROR, INFO, RULE_DESCRIPTIONS, WARNING, UnknownReportType, check_text
from tests.domain.checker.helpers import findings, only


def test_every_rule_has_an_id_and_a_chinese_description():
    assert len(RULE_DESCRIPTIONS) >= 15
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in RULE_DESCRIPTIONS.values())


# --- year on year -----------------------------------------------------------------------------


def test_year_on_year_percent_that_does_not_follow_from_the_amounts_is_an_error():
    finding = only("本年支出100万元，比上年增加10万元，增长20.0%。", "yoy.arithmetic")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("11.1%", "20.0%")
    assert finding.location.quote == "100万元，比上年增加10万元，增长20.0%"


def test_year_on_year_variants_of_wording_are_understood():
    assert findings("收入:110万元。同比上年度增加10万元,增加10.0%。", "yoy.arithmetic") == []
    assert findings("支出90万元，较上年减少10万元，下降10.0%。", "yoy.arithmetic") == []
    assert findings("支出90万元，较上年减少10万元，下降11.1%。", "yoy.arithmetic")[0].severity == ERROR


def test_direction_words_that_contradict_each_other_are_an_error():
    finding = only("支出100万元，比上年增加10万元，下降11.1%。", "yoy.direction")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("增加", "下降")


def test_from_to_statement_must_move_the_way_it_says():
    finding = only("公用经费由50万元增加到40万元。", "yoy.direction")
    assert finding.severity == ERROR
    assert finding.expected == "减少"
    assert findings("公用经费由50万元减少到40万元。", "yoy.direction") == []


def test_change_with_no_direction_word_is_a_warning():
    assert only("公务接待费完成1万元，比上年增减0.5万元。", "yoy.direction").severity == WARNING


def test_amounts_in_yuan_with_separators_and_in_wan_are_compared_in_one_unit():
    text = "本年支出1,100,000.00元，比上年增加10万元，增长10.0%。"
    assert findings(text, "yoy.arithmetic") == []
    result = check_text(text)
    assert [f.yuan for f in result.figures if f.kind == "amount"] == ["1100000.00", "100000.00"]


def test_yi_yuan_amounts_are_read():
    result = check_text("农业总产值达299亿元，其中种植业2.5亿元。")
    assert [f.yuan for f in result.figures if f.kind == "amount"] == ["29900000000.00", "250000000.00"]


# --- parts against total ------------------------------------------------------------------------


def test_complete_breakdown_that_does_not_add_up_is_an_error():
    finding = only("本年支出100万元。其中：基本支出60万元；项目支出30万元。", "parts.sum")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("100万元", "90万元")


def test_parts_that_exceed_their_total_are_an_error_even_when_the_list_may_be_partial():
    finding = only("本年收入100万元，其中：财政拨款收入80万元，事业收入30万元。", "parts.sum")
    assert finding.severity == ERROR
    assert "超过" in finding.message


def test_partial_list_below_its_total_is_only_a_warning():
    assert (
        only("本年收入100万元，其中：财政拨款收入60万元，事业收入30万元。", "parts.sum").severity == WARNING
    )


def test_single_part_must_not_exceed_the_whole():
    assert findings("收入100万元。其中：财政拨款收入100万元。", "parts.sum") == []
    assert only("收入100万元。其中：财政拨款收入120万元。", "parts.sum").severity == ERROR


def test_parts_after_a_comma_end_at_the_next_semicolon_and_at_the_closing_bracket():
    """ "基本支出…，其中人员…、公用…；项目支出…": 项目支出 is the next member of the outer list,
    not a third part of 基本支出 (a false warning on jixiao's own report of a 妇联)."""
    text = "本年支出71.14万元（基本支出52.78万元，其中人员经费42.77万元、公用经费10.01万元；项目支出18.36万元），结余13.5万元。"
    assert findings(text, "parts.sum") == []
    wrong = text.replace("公用经费10.01万元", "公用经费12.01万元")
    assert only(wrong, "parts.sum").severity == ERROR
    # a sentence of its own after 其中： still lists its parts up to the full stop
    assert only("本年支出100万元。其中：基本支出60万元；项目支出30万元。", "parts.sum").severity == ERROR


def test_counts_in_brackets_with_parts_add_up():
    assert findings("机关编制核定为47名（其中行政编制30名，事业编制17名）。", "parts.sum") == []
    assert only("机关编制核定为47名（其中行政编制30名，事业编制18名）。", "parts.sum").severity == ERROR


def test_changes_of_the_parts_must_add_up_to_the_change_of_the_total():
    text = (
        "年初预算支出208.4万元，比上年增加24.01万元，增长13.0%。其中：基本支出年初预算164.4万元，"
        "比上年增加31.01万元，增长23.3%；项目支出年初预算44万元，比上年减少8万元，下降15.4%。"
    )
    finding = only(text, "parts.change_sum")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("24.01万元", "23.01万元")


# --- rates and scores ------------------------------------------------------------------------------


def test_execution_rate_against_its_budget_and_spending():
    assert findings("全年预算100万元，本年支出合计90万元，预算执行率90.00%。", "rate.recompute") == []
    finding = only("全年预算100万元，本年支出合计90万元，预算执行率95.00%。", "rate.recompute")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("90.00%", "95.00%")


def test_rate_without_its_budget_is_insufficient_data_not_a_guess():
    finding = only("项目支出40万元，执行率90%。", "rate.recompute")
    assert finding.severity == INFO
    assert finding.message.startswith("数据不足")


def test_budget_adjustment_ratio_is_recomputed():
    assert (
        findings("项目年初预算安排100万元，全年预算数120万元，预算调剂比例20.00%。", "rate.recompute") == []
    )
    assert (
        only("项目年初预算安排100万元，全年预算数120万元，预算调剂比例25.00%。", "rate.recompute").severity
        == ERROR
    )


TABLE = (
    "年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分\n"
    "财政拨款 | 100.00 | 100.00 | {actual} | {rate} | 10 | {score}\n"
)


def test_table_score_is_weight_times_execution_rate():
    assert findings(TABLE.format(actual="90.00", rate="90.00", score="9.00"), "score.recompute") == []
    finding = only(TABLE.format(actual="90.00", rate="90.00", score="8.00"), "score.recompute")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("9.00", "8.00")


def test_table_execution_rate_is_actual_over_budget():
    finding = only(TABLE.format(actual="90.00", rate="95.00", score="9.00"), "score.recompute")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("90.00", "95.00")


# --- same quantity, counts ---------------------------------------------------------------------------


def test_the_same_quantity_with_two_values_is_flagged():
    text = "一、部门概况\n年初预算支出208.4万元。\n二、支出情况\n年初预算支出209.4万元。"
    finding = only(text, "quantity.conflict")
    assert (finding.expected, finding.found) == ("208.4万元", "209.4万元")


def test_a_part_named_after_qizhong_is_not_a_second_value_of_the_total():
    text = (
        "本部门调整后预算216.4万元，决算支出211.71万元。其中：基本支出调整后预算170.4万元，"
        "决算支出167.62万元；项目支出调整后预算46万元，决算支出44.09万元。"
    )
    assert findings(text, "quantity.conflict") == []
    # …but the same part written twice with two values still is.
    twice = text + "\n其中：基本支出调整后预算170.4万元，决算支出168.62万元。"
    finding = only(twice, "quantity.conflict")
    assert (finding.expected, finding.found) == ("167.62万元", "168.62万元")


def test_the_annex_list_after_the_last_section_is_not_a_heading_of_it():
    text = (
        "一、部门概况\n本单位编制15名。\n二、存在的问题\n1.目标不细化。\n2.资金串用。\n"
        "附件：1．2023年度评分表\n2．2023年度基础数据表\n常宁市科学技术协会\n附件1\n2023年度评分表"
    )
    assert findings(text, "heading.numbering") == []
    # The list line is no heading, and the annex is outside 二、存在的问题.
    assert check_text(text).sections == ("一、部门概况", "二、存在的问题", "附件", "附件1")


def test_count_against_listed_names():
    finding = only("内设机构3个，即办公室、财务股。", "count.items")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("3", "2")
    assert findings("内设机构2个，即办公室、财务股。", "count.items") == []
    assert findings("下设2个科室，即办公室和财务股。", "count.items") == []
    assert findings("设有办公室、财务股、业务股共三个股室。", "count.items") == []
    assert findings("设有办公室、财务股等4个股室。", "count.items") == []  # 等: the list is not complete


def test_one_as_an_article_is_not_a_count():
    assert findings("它是开展多党合作、进行政治协商的一个重要机构。", "count.items") == []


# --- structure -------------------------------------------------------------------------------------------

COMPLETE = "一、部门概况\n正文。\n二、部门整体支出情况\n正文。\n三、部门整体支出绩效情况\n正文。\n{tail}"


def test_heading_numbering_gap_repeat_and_order():
    gap = only("一、部门概况\n正文。\n三、支出情况\n正文。", "heading.numbering")
    assert (gap.expected, gap.found) == ("二、", "三、")
    repeat = only("一、部门概况\n正文。\n二、支出\n正文。\n二、绩效\n正文。", "heading.numbering")
    assert "重复" in repeat.message
    order = findings("(一)概况\n正文。\n(三)支出\n正文。\n(二)绩效\n正文。", "heading.numbering")
    assert [f.found for f in order] == ["（三）", "（二）"]
    assert "颠倒" in order[1].message


def test_sub_heading_numbers_restart_under_each_section():
    text = "一、概况\n(一)职能\n正文。\n(二)机构\n正文。\n二、支出\n(一)基本支出\n正文。"
    assert findings(text, "heading.numbering") == []


def test_required_sections_are_checked_on_complete_texts_with_synonyms():
    tail = "四、存在问题\n正文。\n五、下一步改进措施\n正文。"
    assert findings(COMPLETE.format(tail=tail), "outline.required") == []
    missing = only(COMPLETE.format(tail="四、改进建议\n正文。"), "outline.required")
    assert missing.expected == "存在的问题"


def test_required_sections_are_not_checked_when_the_text_stops_early():
    text = COMPLETE.format(tail="四、存在问题\n本单位存在的问题主要")
    assert findings(text, "outline.required") == []
    assert only(text, "text.truncated").severity == INFO


def test_a_report_that_ends_with_signature_and_date_is_complete():
    text = COMPLETE.format(
        tail="四、存在问题\n正文。\n五、改进措施\n正文。\n常宁市科学技术协会\n2024年3月1日"
    )
    assert check_text(text).truncated is False


def test_three_public_expenses_must_name_all_three_items():
    text = COMPLETE.format(
        tail="四、存在问题\n“三公”经费0.2万元，其中公务接待费0.2万元，执行率100%。\n五、改进措施\n正文。"
    )
    finding = only(text, "key_figures.missing")
    assert "因公出国（境）费" in finding.message and "公务用车购置及运行维护费" in finding.message


def test_three_public_expenses_that_are_all_one_item_name_their_whole_make_up():
    tail = "四、存在问题\n预算执行率98.2%。“三公”经费支出3,240.00元，{}公务接待费。\n五、改进措施\n正文。"
    assert not findings(COMPLETE.format(tail=tail.format("全部为")), "key_figures.missing")
    assert not findings(COMPLETE.format(tail=tail.format("均用于")), "key_figures.missing")
    assert findings(COMPLETE.format(tail=tail.format("主要为")), "key_figures.missing")  # others unsaid


# --- wording and punctuation -------------------------------------------------------------------------------


def test_claim_without_a_number_is_flagged_and_with_a_number_is_not():
    assert "明显" in only("群众满意度明显提高。", "claim.no_number").location.quote
    assert findings("群众满意度明显提高，达到95%。", "claim.no_number") == []


def test_unbalanced_brackets_and_quotes():
    extra = only("依据《关于印发<暂行办法>》的通知》办理。\n下一段。", "punct.brackets")
    assert extra.found == "》"
    unclosed = only("（未闭合的括号说明。\n下一段。", "punct.brackets")
    assert unclosed.found == "("
    assert findings("依据《关于印发<暂行办法>的通知》办理。\n下一段。", "punct.brackets") == []


def test_breadcrumb_arrows_are_not_brackets():
    assert findings("首页 > 通知公告 > 正文\n下一段。", "punct.brackets") == []


def test_curated_typo_and_date_slips():
    assert only("派遗一名干部。", "typo.curated").expected == "派遣"
    assert only("20213月调出一人。", "date.format").expected == "2021年3月"
    assert only("2023年13月调出一人。", "date.format").severity == WARNING


def test_unknown_report_type_is_refused_with_a_domain_error():
    with pytest.raises(UnknownReportType, match="未知的报告类型“nonsense”"):
        check_text("正文。", report_type="nonsense")


def test_parts_of_different_kinds_that_exceed_the_total_are_only_a_warning():
    finding = only("本年支出100万元，其中：财政拨款支出80万元，项目经费30万元。", "parts.sum")
    assert finding.severity == WARNING


def test_execution_rate_takes_the_spending_not_the_nearest_amount():
    text = "全年预算100万元，本年支出95万元，年末结余5万元，预算执行率95.00%。"
    assert findings(text, "rate.recompute") == []


def test_rate_with_its_own_formula_in_brackets_is_recomputed():
    assert findings("预算执行率96.85%（4,614,453.11/4,764,453.11）。", "rate.recompute") == []
    finding = only("预算执行率98.85%（4,614,453.11/4,764,453.11）。", "rate.recompute")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("96.85%", "98.85%")


def test_score_in_a_sentence_is_weight_times_rate():
    assert findings("预算执行率96.85%，权重10分，得分9.69分。", "score.recompute") == []
    wrong = only("预算执行率96.85%，权重10分，得分8.69分。", "score.recompute")
    assert wrong.severity == ERROR
    assert (wrong.expected, wrong.found) == ("9.69", "8.69")
    # 10 × 96.845% = 9.6845 rounds to 9.68: inside the envelope of the printed rate
    assert only("预算执行率96.85%，权重10分，得分9.68分。", "score.recompute").severity == INFO


# --- a complete report written for the tests, every figure consistent ---------------------------

CONSISTENT = (Path(__file__).parent / "texts" / "synthetic_consistent_report.txt").read_text(encoding="utf-8")
HUNAN = (Path(__file__).parent / "texts" / "synthetic_consistent_hunan_template.txt").read_text(
    encoding="utf-8"
)


@pytest.mark.parametrize("text", [CONSISTENT, HUNAN], ids=["sample", "hunan-template"])
def test_a_consistent_complete_report_gets_no_finding_at_all(text):
    result = check_text(text)
    assert result.truncated is False
    assert [f.message for f in result.findings] == []


@pytest.mark.parametrize(
    ("original", "changed", "rule"),
    [
        ("预算执行率95.38%", "预算执行率98.38%", "rate.recompute"),
        ("控制率70.00%", "控制率75.00%", "rate.recompute"),
        ("人员经费支出701.20万元", "人员经费支出711.20万元", "parts.sum"),
        ("工勤人员4名", "工勤人员5名", "parts.sum"),
        ("人才股3个股室", "人才股4个股室", "count.items"),
        ("公务接待费1.50万元", "公务接待费1.60万元", "parts.sum"),
    ],
)
def test_one_wrong_figure_in_the_hunan_template_report_is_an_error(original, changed, rule):
    assert original in HUNAN
    errors = [f for f in check_text(HUNAN.replace(original, changed)).findings if f.severity == ERROR]
    assert [f.rule for f in errors] == [rule]


@pytest.mark.parametrize(
    ("original", "changed", "rule"),
    [
        ("预算执行率95.60%", "预算执行率97.60%", "rate.recompute"),
        ("占69.5%", "占66.5%", "rate.recompute"),
        ("下降5.0%", "下降6.0%", "yoy.arithmetic"),
        ("事业人员22人", "事业人员23人", "parts.sum"),
        ("其他收入34.56万元", "其他收入36.56万元", "parts.sum"),
        ("综合股4个股室", "综合股5个股室", "count.items"),
        ("公务接待费1.2万元", "公务接待费1.4万元", "parts.sum"),
    ],
)
def test_one_wrong_figure_in_a_consistent_report_is_an_error(original, changed, rule):
    assert original in CONSISTENT
    errors = [f for f in check_text(CONSISTENT.replace(original, changed)).findings if f.severity == ERROR]
    assert rule in {f.rule for f in errors}


def test_a_second_numbered_list_under_one_heading_may_start_again_at_one():
    text = "一、绩效目标\n1.目标一。\n2.目标二。\n说明文字。\n1.指标一。\n2.指标二。\n3.指标三。"
    assert findings(text, "heading.numbering") == []


@pytest.mark.parametrize(
    "ending", ["特此报告", "二〇二四年三月十五日", "2024-03-15", "2024年3月", "二〇二四年三月"]
)
def test_reports_that_end_with_a_closing_formula_or_a_date_are_complete(ending):
    assert check_text(f"一、部门概况\n正文。\n{ending}").truncated is False


def test_control_rate_of_three_public_expenses():
    assert findings("“三公”经费预算5.00万元，实际支出4.00万元，控制率80%。", "rate.recompute") == []
    finding = only("“三公”经费预算5.00万元，实际支出4.00万元，控制率90%。", "rate.recompute")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("80%", "90%")


def test_amounts_printed_in_whole_wan_give_a_wide_envelope_so_only_an_info_note():
    # 4万元 and 5万元 could be 3.5–4.5 and 4.5–5.5: 90% is possible, so it is not called an error
    assert only("“三公”经费预算5万元，实际支出4万元，控制率90%。", "rate.recompute").severity == INFO


def test_percent_in_brackets_after_the_change_is_read():
    finding = only("本年支出100万元，比上年增加10万元（增长20.0%）。", "yoy.arithmetic")
    assert finding.expected == "11.1%"


def test_share_with_its_own_subject_named_is_left_alone():
    text = "本年支出100.00万元，其中：基本支出80.00万元，项目支出20.00万元。人员经费占基本支出的比重为50%。"
    assert findings(text, "rate.recompute") == []


def test_the_same_label_in_two_different_years_is_not_a_conflict():
    text = "2022年基本支出812.35万元。\n2021年基本支出790.00万元。"
    assert findings(text, "quantity.conflict") == []
    labels = [f.label for f in check_text(text).figures]
    assert labels == ["基本支出", "基本支出"]


def test_a_table_flattened_one_cell_per_line_is_checked_like_a_bar_table():
    text = "\n".join(
        [
            "资金情况",
            "年初预算数",
            "全年(调整)预算数",
            "全年执行数",
            "执行率",
            "执行率权重",
            "执行率得分",
            "其中:财政拨款",
            "3,724,055.00",
            "4,764,453.11",
            "4,614,453.11",
            "96.85",
            "10.00",
            "9.68",
            "绩效目标",
        ]
    )
    finding = only(text, "score.recompute")
    assert (finding.expected, finding.found, finding.location.quote) == ("9.69", "9.68", "9.68")


def test_stated_previous_year_figure_decides_the_direction_and_the_change():
    consistent = "本年支出208.40万元，上年184.39万元，比上年增加24.01万元，增长13.0%。"
    assert findings(consistent, "yoy.arithmetic") == [] and findings(consistent, "yoy.direction") == []
    wrong_way = only("本年支出184.39万元，上年208.40万元，比上年增加24.01万元。", "yoy.direction")
    assert (wrong_way.expected, wrong_way.found) == ("减少", "增加")
    wrong_change = only("本年支出208.40万元，上年184.39万元，比上年增加25.01万元。", "yoy.arithmetic")
    assert (wrong_change.expected, wrong_change.found) == ("24.01万元", "25.01万元")
