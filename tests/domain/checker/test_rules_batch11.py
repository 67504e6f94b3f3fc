"""Causes found on batch 11 of the evaluation set (tuning data), each written here in other words
for departments nobody modelled: the false alarm that must stay silent, and beside it the real
defect of the same shape that must still be reported."""

from jixiao.domain.checker import ERROR, WARNING
from tests.domain.checker.helpers import findings, only

HEAD = "东坪县审计局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


def test_a_range_of_numbered_offices_counts_as_that_many_names():
    body = "局机关设有办公室、法规科、第一至第四审计室6个内设机构。"
    assert not fired(body, "count.items")
    assert fired(body.replace("审计室6个", "审计室7个"), "count.items")


def test_a_second_breakdown_of_a_total_stated_a_few_figures_back():
    body = (
        "本年财政资金支出共计480000.00元。其中按功能科目分类:一般公共服务支出420000.00元,"
        "社会保障和就业支出40000.00元,住房保障支出20000.00元。按经济科目分类,其中:人员经费"
        "300000.00元、公用经费60000.00元,项目支出{project}元。"
    )
    assert not [f for f in fired(body.format(project="120000.00"), "parts.sum") if f.severity == ERROR]
    assert fired(body.format(project="110000.00"), "parts.sum")


def test_a_quota_and_the_staff_who_fill_it_are_not_parts_of_one_total():
    body = "2023年末实有人员编制8人。其中:行政编制8人(含工勤编制1人);在职在编实有人员9人(含工勤人员1人)。"
    assert not [f for f in fired(body, "parts.sum") if f.severity in (ERROR, WARNING)]


def test_an_amount_cut_off_right_after_wan_is_not_missing_its_yuan():
    body = "预算资金120.5万元,已支付98.36万元。\n二、执行情况\n年末已支付98.36万"
    assert not fired(body, "typo.number_unit")
    assert fired(body + "，结余22.14万元。", "typo.number_unit")


def test_an_itemised_list_may_open_the_next_sentence():
    body = "一是审计信息化项目,下达预算资金300万元。具体是:系统升级120万元;数据中心建设100万元;网络安全改造60万元。"
    finding = only(HEAD + body + "\n", "parts.sum")
    assert "=280万元" in finding.message and "300万元" in finding.message
    assert not fired(body.replace("网络安全改造60万元", "网络安全改造80万元"), "parts.sum")


def test_a_spending_heading_cut_short_before_its_amount():
    assert only(HEAD + "其中基本支989312.11元,项目支出50000.00元。\n", "typo.curated").expected == "基本支出"
    assert not fired("其中基本支出989312.11元,项目支出50000.00元。", "typo.curated")
