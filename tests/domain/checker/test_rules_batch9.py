"""Causes found on batch 9 of the evaluation set (tuning data), each written here in other words
for departments nobody modelled: the false alarm that must stay silent, and beside it the real
defect of the same shape that must still be reported."""

from jixiao.domain.checker import ERROR, WARNING
from tests.domain.checker.helpers import findings, only

HEAD = "河口县应急管理局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule, **kwargs):
    return findings(HEAD + body + "\n", rule, report_type="auto", **kwargs)


def test_a_text_in_traditional_characters_is_not_read_by_the_simplified_lexicon():
    body = "本單位在職職工12人，進一步增強幹部職工的績效意識和責任意識，資金使用效益明顯。" * 2
    assert not fired(body, "typo.doubled_char") and not fired(body, "typo.confusion")
    assert fired("本单位在职职工12人，优待金金发放到位。", "typo.doubled_char")


def test_a_second_list_after_its_own_label_starts_again_at_one():
    body = "资金来源:(1)财政拨款80万元;资金结构:(1)基本支出60万元,(2)项目支出20万元。"
    assert not fired(body, "list.numbering_styles")
    assert fired("主要措施:(1)加强培训,(1)完善制度,(2)强化考核。", "list.numbering_styles")


def test_column_names_with_a_formula_caption_are_known_columns():
    rows = [
        "项目资金(万元)",
        "年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分",
        "年度资金总额: 50 50 45 10 90% {score}",
    ]
    text = HEAD + "\n".join(rows) + "\n"
    assert findings(text.format(score=9), "score.recompute", report_type="auto") == []
    assert "表中为8" in only(text.format(score=8), "score.recompute", report_type="auto").message


def test_a_category_whose_rows_are_left_out_is_not_summed():
    rows = [
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标(50分)",
        "数量指标 指标1:应急演练次数 ≥2次 3次 12 12",
        "指标2:培训人次 ≥200人次 260人次 12 12",
        "……",
        "效益指标(30分)",
    ]
    assert not fired("\n".join(rows), "table.categories")


def test_allocation_lines_of_different_works_are_no_conflict():
    body = (
        "市应急资金--避难场所改造工程--中央资金8万元;\n\n"
        "市应急资金--物资仓库维修工程--中央资金10万元;\n\n"
        "市应急资金--应急广播建设工程--中央资金10万元。"
    )
    assert not fired(body, "quantity.conflict")


def test_page_furniture_and_a_line_over_its_table_need_no_full_stop():
    body = (
        "已阅读5页,还剩1页未读 继续免费阅读\n\n"
        "版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领\n\n"
        "依据机构设置的通知,本局的主要职能职责见表 1-1\n\n表1-1 本局职能职责\n"
    )
    assert not [f for f in fired(body, "punct.paragraph_end") if f.severity == WARNING]


def test_a_rate_printed_away_from_its_row_in_a_form_read_into_one_line():
    line = (
        "项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "80000.00 80000.00 64,250.4 10 8.03 其中:当年财政拨款 80000.00 80000.00 64250.4 — "
        "年度资金总额 项目资金 (元) 预期目标 年度 总体 目标 {rate} 实际完成情况 已完成。"
    )
    finding = only(HEAD + line.format(rate="80.32%") + "\n", "score.recompute")
    assert finding.severity == ERROR and "=80.31%，表中为80.32%" in finding.message
    assert fired(line.format(rate="80.31%"), "score.recompute") == []


def test_a_span_of_years_that_ends_before_it_starts():
    assert "年份区间倒置" in only(HEAD + "规划期(2019—2010)内完成建设。\n", "date.format").message
    assert not fired("规划期(2019—2021)内完成建设，执行GB/T 2018-2010标准。", "date.format")


def test_an_overall_score_and_its_rating():
    assert "应评为“良”" in only(HEAD + "总体得分为84.47分,评级为“优”。\n", "score.grade").message
    assert not fired("总体得分为94.47分,评级为“优”。", "score.grade")


def test_a_year_before_a_quoted_name_lacks_its_nian():
    assert fired("我局2020“应急物资储备”项目绩效目标全部完成。", "date.malformed")
    assert not fired("我局2020年“应急物资储备”项目绩效目标全部完成。", "date.malformed")


def test_a_heading_that_names_an_overview_as_a_summary():
    assert only(HEAD + "一、部门基本概括\n", "typo.curated").expected == "基本概况"
