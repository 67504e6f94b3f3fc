"""rate.whole: the whole body's execution rate, or a share of its spending, stated in a sentence of
its own, against the budget and spending the report states elsewhere (prose or the form's total
row). Each with its consistent twin, and readings that must stay silent."""

import pytest

from tests.domain.checker.helpers import findings

HEAD = "鹤山市林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局内设5个股室。\n"
TAIL = "四、存在问题\n进度偏慢。\n"

CASES = [
    (
        "二、预算执行\n调整后预算1,250.00万元，实际支出1,187.50万元。\n三、绩效分析\n本局预算执行率为{r}，执行较好。\n",
        "95.00%",
        "97.00%",
    ),
    (
        "二、预算执行\n全年预算数1,250.00万元，全年执行数1,187.50万元。\n三、自评得分\n预算执行率{r}，得9.5分。\n",
        "95.00%",
        "97.00%",
    ),
    (
        "二、预算执行\n表1 资金情况（单位：万元）\n| 项目 | 年初预算数 | 全年预算数 | 全年执行数 |\n"
        "| 年度资金总额 | 1,200.00 | 1,250.00 | 1,187.50 |\n三、分析\n资金执行率{r}。\n",
        "95.00%",
        "97.00%",
    ),
    (
        "二、支出结构\n本年支出1,187.50万元。\n三、项目支出\n项目支出356.25万元，占总支出的{r}。\n",
        "30.00%",
        "32.00%",
    ),
]


@pytest.mark.parametrize(("body", "right", "wrong"), CASES)
def test_a_rate_stated_alone_against_the_reports_budget_and_spending(body, right, wrong):
    (found,) = findings(HEAD + body.format(r=wrong) + TAIL, "rate.whole", report_type="auto")
    assert found.severity == "warning" and right in found.message and found.found == wrong
    assert findings(HEAD + body.format(r=right) + TAIL, "rate.whole", report_type="auto") == []


SILENT = [
    # the rate fits another base the report states (年初预算): the author's base
    "二、预算执行\n年初预算1,200.00万元，调整后预算1,250.00万元，实际支出1,187.50万元。\n三、分析\n预算执行率98.96%。\n",
    # the spending stated twice with two values: no one reading
    "二、预算执行\n调整后预算1,250.00万元，实际支出1,187.50万元。\n三、分析\n实际支出1,160.00万元，预算执行率92.80%。\n",
    # a rate with its own amounts in its sentence is read with them (rate.recompute)
    "二、预算执行\n调整后预算1,250.00万元，实际支出1,187.50万元。\n三、分析\n项目预算300.00万元，支出285.00万元，执行率95.00%。\n",
    # more spent than the budget read: the two are not the year's budget and its spending
    "二、预算执行\n下达资金233.64万元，完成支付784.69万元。\n三、分析\n预算执行率34.30%。\n",
]


@pytest.mark.parametrize("body", SILENT)
def test_readings_that_are_not_one_rate_stay_silent(body):
    assert findings(HEAD + body + TAIL, "rate.whole", report_type="auto") == []


BASIC = [
    # the three in one sentence, the parts after the whole
    "全年支出6,189.68万元，按支出性质分为基本支出{b}万元和项目支出1,302.56万元；从经费构成看，人员经费4,126.35万元、"
    "公用经费720.77万元、项目支出1,302.56万元。",
    # each in a section of its own
    "（一）基本支出\n基本支出{b}万元。\n（二）人员经费\n全年人员经费支出4,126.35万元。\n（三）公用经费\n公用经费720.77万元。",
]


@pytest.mark.parametrize("body", BASIC)
def test_basic_spending_against_personnel_and_public_funds_wherever_stated(body):
    text = HEAD + "二、支出情况\n" + body + "\n" + TAIL
    (found,) = findings(text.format(b="4,887.12"), "parts.basic", report_type="auto")
    assert "4847.12" in found.message and "相差40.00万元" in found.message
    assert findings(text.format(b="4,847.12"), "parts.basic", report_type="auto") == []


def test_the_budget_and_the_actual_stage_are_read_apart():
    body = (
        "二、预算\n年初预算基本支出4,900.00万元，其中人员经费预算4,150.00万元。\n三、支出\n基本支出4,847.12万元，"
        "人员经费4,126.35万元、公用经费720.77万元。\n"
    )
    assert findings(HEAD + body + TAIL, "parts.basic", report_type="auto") == []


PART_RATES = [
    # a part's own rate named so, its spending listed under the whole and its budget beside the rate
    "二、支出\n全年支出合计371.85万元，其中基本支出268.37万元；项目支出103.48万元。\n三、预算执行\n"
    "其中项目支出调整后预算112.30万元，项目支出执行率{r}。\n",
    # a bare rate after the part's budget, the next member of the sentence after a ';'
    "二、支出\n本年支出371.85万元，其中基本支出268.37万元、项目支出103.48万元。分类别看，基本支出预算270.00万元，"
    "执行率99.40%；项目支出预算112.30万元，执行率{r}。\n",
]


@pytest.mark.parametrize("body", PART_RATES)
def test_a_parts_rate_against_the_parts_budget_and_spending(body):
    (found,) = findings(HEAD + body.format(r="97.15%") + TAIL, "rate.whole", report_type="auto")
    assert "92.15%" in found.message and found.found == "97.15%"
    assert findings(HEAD + body.format(r="92.15%") + TAIL, "rate.whole", report_type="auto") == []
