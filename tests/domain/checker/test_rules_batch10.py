"""Causes found on batch 10 of the evaluation set (tuning data), each written here in other words
for departments nobody modelled: the false alarm that must stay silent, and beside it the real
defect of the same shape that must still be reported."""

from jixiao.domain.checker import ERROR, WARNING
from tests.domain.checker.helpers import findings, only

HEAD = "南岭县气象局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


def test_whole_counts_that_make_the_nearest_total_exactly_are_its_parts():
    body = "2023年在职人员编制数共计12名,2023年末实有人数17人,其中:在职13人,退休4人。"
    assert not [f for f in fired(body, "parts.sum") if f.severity in (ERROR, WARNING)]
    assert fired(body.replace("退休4人", "退休6人"), "parts.sum")


def test_two_allocations_on_two_dates_are_no_conflict():
    body = "2022年12月省财政厅下达补助资金40万元(其中中央资金30万元),2023年8月省财政厅下达补助资金65万元。"
    assert not fired(body, "quantity.conflict")


def test_numbered_projects_with_brackets_in_their_names_are_two_projects():
    body = (
        "(1)\n气象服务(预警发布)项目绩效目标完成情况。项目全年预算数3.5万元,执行数为3.5万元。\n"
        "(2)气象服务(科普宣传)项目绩效目标完成情况。项目全年预算数2万元,执行数为2万元。"
    )
    assert not fired(body, "quantity.conflict")
    assert not fired(body, "heading.numbering")  # '(1)' alone on its line is the first number


def test_one_number_in_two_units_is_a_unit_slip():
    body = (
        "项目资金全年预算数1200元:其中中央资金900万元,占比75.00%;省级资金300万元,占比25.00%。\n"
        "二、执行情况\n项目资金调整后全年预算资金1200万元。"
    )
    finding = only(HEAD + body + "\n", "parts.sum")
    assert "写作1200元，其中各项之和为1200万元" in finding.message
    assert "数字相同、单位不同" in only(HEAD + body + "\n", "quantity.conflict").message
    assert not [f for f in fired(body, "rate.recompute") if f.severity in (ERROR, WARNING)]


def test_a_rate_printed_as_a_fraction_in_a_form():
    rows = (
        "预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |\n"
        "年度财政资金总额 | 650 | 94 | {rate} | 2.9 |\n"
    )
    assert not fired(rows.format(rate="0.1"), "score.recompute")
    assert fired(rows.format(rate="0.2"), "score.recompute")


def test_headings_listed_under_a_table_of_contents_are_not_numbered_again():
    body = (
        "目 录\n(二)评价原则和方法\n(五)存在的问题\n二、项目实施情况\n"
        + "本项目由南岭县气象局组织实施,用于气象监测站点改造和预警信息发布,全年完成站点改造12个。"
    )
    assert not fired(body, "heading.numbering")


def test_a_short_line_where_the_first_number_belongs_lacks_it():
    body = "二、绩效目标完成情况\n资金投入情况分析。\n1.资金到位情况。\n(二)产出情况分析。"
    finding = only(HEAD + body + "\n", "heading.numbering")
    assert "“资金投入情况分析”缺少编号" in finding.message


def test_the_party_before_de_is_no_missing_character():
    assert not fired("为深入宣传党的二十大精神,组织党员学习。党员干部参加活动。", "typo.missing_char")


def test_a_payment_progress_against_the_budget():
    body = "年初预算120万元专项资金,已拨付资金48.6万元,资金拨付进度100%。"
    assert "48.6万元÷120万元=40.50%" in only(HEAD + body + "\n", "rate.recompute").message
    assert not [f for f in fired(body.replace("100%", "40.5%"), "rate.recompute") if f.severity == ERROR]


def test_a_fund_row_glued_into_one_number():
    form = (
        "绩效目标自评表年初预算数全年预算数全年执行数执行率分值得分年度资金总额:{row}%其中:中央财政资金"
        "10200%地方资金4646100%其他资金资金管理情况分配科学性分配科学无下达及时性下达及时无"
    )
    finding = only(HEAD + form.format(row="1484631.00") + "\n", "score.recompute")
    assert "读作预算数148、执行数46、执行率31.00%" in finding.message
    assert not fired(form.format(row="1484631.08"), "score.recompute")
