"""Causes found on batch 7 of the evaluation set (tuning data), each written here in other words
for departments nobody modelled: the false alarm that must stay silent, and beside it the real
defect of the same shape that must still be reported."""

from jixiao.domain.checker import ERROR, INFO, WARNING
from tests.domain.checker.helpers import findings, only

HEAD = "青石县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


# count.items: names in a bracket belong to the count before the bracket


def test_names_in_a_bracket_after_a_count_are_not_the_list_of_the_next_count():
    body = "下辖3个水管站(东站、西站、南站)、1个水文站(北站)。"
    assert not fired(body, "count.items")


def test_a_list_before_a_count_that_does_not_match_it_is_still_reported():
    finding = only(HEAD + "设有东站、西站、南站、北站共3个水管站。\n", "count.items")
    assert finding.severity == ERROR and "列出的名称有4个" in finding.message


# parts.sum: 一级/二级 as grades (pieces of the total), not as levels of a tree


def test_grades_of_a_count_are_pieces_of_its_total():
    finding = only(
        HEAD + "共完成病险水库整治20座，其中一级水库5座、二级水库6座、三级水库5座。\n", "parts.sum"
    )
    assert finding.severity == WARNING and "16座" in finding.message


def test_levels_of_indicators_are_no_pieces_of_a_total():
    body = "共设指标30个，其中一级指标3个、二级指标9个、三级指标18个。"
    assert not [f for f in fired(body, "parts.sum") if f.severity in (ERROR, WARNING)]


# date.malformed: a year with no 年 — but not an amount of cubic metres


def test_a_quantity_of_two_thousand_cubic_metres_is_no_year():
    assert not fired("新建蓄水池2000立方米、渠道1500米。", "date.malformed")


def test_a_year_written_before_the_month_without_nian_is_reported():
    finding = only(HEAD + "工程工期为2022年10月—2023月6月。\n", "date.malformed")
    assert "2023月6月" in finding.message
    assert not fired("工程工期为2022年10月—2023年6月。", "date.malformed")


# name.variant: 示范县 and 示范区 are two terms, not one place written two ways


def test_a_demonstration_county_and_a_demonstration_zone_are_two_terms():
    body = "创建节水型社会示范县，建成高效节水示范区2个，示范区面积800亩。"
    assert not fired(body, "name.variant")


def test_a_county_written_two_ways_is_still_reported():
    body = "青石县水利局负责全县水利工作。青石区河道整治项目完成。青石县防汛工作有序开展。"
    assert fired(body, "name.variant")


# typo.doubled_char: a verb ending in 大 and a word starting with 大


def test_a_verb_and_a_newer_word_sharing_a_character_are_no_doubled_character():
    assert not fired("本年度加大大数据在水资源监测中的应用。", "typo.doubled_char")


# typo.doubled: a table run together, where a header cell ends with the word the next one starts with


def test_a_header_run_into_the_next_cell_is_no_doubled_word():
    body = "三、绩效指标\n产出指标指标名称计量单位指标值完成值"
    assert not fired(body, "typo.doubled")
    assert fired("加强水资源资源管理工作。", "typo.doubled")


# template.leftover: a form's scores, and its choices


def test_a_rate_read_into_the_weight_column_asks_for_no_score():
    body = (
        "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 权重 | 得分 |\n"
        "| 年度资金总额 | 10.00 | 10.00 | 9.00 | 90.00% | 10 | 9.0 |\n"
        "| 其中:财政资金 | 10.00 | 10.00 | 9.00 | 90.00% | / | / |\n"
    )
    assert not fired(body, "template.leftover")


def test_a_fund_row_with_its_weight_and_empty_cells_after_it_lacks_its_score():
    body = (
        "预算执行情况(10分) | 资金(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 |\n"
        "| 总额 | 8.00 | 8.00 | 8.00 | 100.00% | 10 | | |\n"
        "| 其中:财政资金 | 8.00 | 8.00 | 8.00 | 100.00% | / | / | |\n"
    )
    finding = only(HEAD + body, "template.leftover")
    assert "“总额”一行有权重10" in finding.message


def test_a_choice_with_no_box_ticked_is_a_form_left_unfilled():
    finding = only(HEAD + "评价类型:实施过程评价□完成结果评价□\n", "template.leftover")
    assert "选项都没有勾选" in finding.message


def test_a_ticked_choice_or_one_whose_mark_was_lost_is_silent():
    assert not fired("评价类型:实施过程评价□完成结果评价☑", "template.leftover")
    # the option written without a box is the one ticked, its mark lost in the copy
    assert not fired("组织方式:□财政部门□主管部门 项目单位", "template.leftover")


# punct.paragraph_end: a sentence of prose that ends its paragraph without a full stop


def test_a_prose_paragraph_without_its_full_stop_is_a_warning():
    body = (
        "本局内设办公室、计划财务股、工程管理股、水政监察大队,负责全县水资源管理、河道管理、"
        "农田水利建设和防汛抗旱等工作\n\n二、部门预算情况\n全年预算100万元。"
    )
    finding = only(HEAD + body + "\n", "punct.paragraph_end")
    assert finding.severity == WARNING


def test_a_line_broken_inside_a_sentence_or_a_table_row_is_no_missing_full_stop():
    wrapped = (
        "本局内设办公室、计划财务股、工程管理股、水政监察大队,负责全县水资源管理、河道管理、农田水利建设和防\n"
        "汛抗旱等工作。\n二、部门预算情况\n全年预算100万元。"
    )
    assert not [f for f in fired(wrapped, "punct.paragraph_end") if f.severity == WARNING]
    row = "水利工程维修养护项目  青石县水利局  28.50  28.50  0  100  已完成全部养护任务,不需结转资金\n二、其他\n"
    assert all(f.severity == INFO for f in fired(row, "punct.paragraph_end"))


# typo.curated: two slips of real reports


def test_two_common_slips_of_evaluation_reports():
    assert only("下一步将进行一步完善管理制度。", "typo.curated").expected == "进一步"
    assert only("三个项目评价得分别为92分、88分和85分。", "typo.curated").expected == "得分分别为"
