"""balance.identity over the whole report, in wordings of our own: the members of the year's
identity (年初结转 + 本年收入 − 本年支出 = 年末结转结余) and of a project's balance (available −
spent) named in the ways reports name them, each stated in its own section. A wrong balance is
reported; the right one, in the same words, is not."""

import itertools

import pytest

from tests.domain.checker.helpers import findings

BODY_HEAD = "鹤山市侨务办公室2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本办内设2个股室。\n二、部门预算收支情况\n"
CARRIED = ["年初结转和结余12.40万元", "上年结转资金12.40万元", "上年结余12.40万元"]
INCOME = ["本年收入合计465.30万元", "全年收入465.30万元", "2023年收入总计465.30万元"]
SPENT = ["本年支出合计458.85万元", "全年支出458.85万元", "2023年度决算支出458.85万元", "支出总计458.85万元"]
END = ["年末结转和结余{b}万元", "年末结余{b}万元", "结转下年{b}万元", "期末结转结余{b}万元"]


def balance_findings(text):
    return [f for f in findings(text, "balance.identity", report_type="auto")]


@pytest.mark.parametrize(
    ("carried", "income", "spent", "end"),
    # every wording of each member, each with another of the others (not all 144 combinations)
    [(CARRIED[i % 3], INCOME[(i // 3) % 3], SPENT[i % 4], END[(i + i // 4) % 4]) for i in range(12)],
)
def test_the_years_identity_in_other_words(carried, income, spent, end):
    body = (
        f"（一）收入情况\n{carried}；{income}。\n（二）支出情况\n{spent}，其中基本支出400.00万元、"
        f"项目支出58.85万元。\n三、结转结余\n{end}。\n"
    )
    (found,) = balance_findings(BODY_HEAD + body.format(b="28.85"))
    assert "18.85" in found.message and found.severity == "error"
    assert balance_findings(BODY_HEAD + body.format(b="18.85")) == []


def test_a_single_source_of_income_is_read_as_the_income_only_when_no_other_is_stated():
    # '本年度财政拨款收入' names one source: read as the year's income (a warning) only when the report
    # states no other income
    body = (
        "（一）收入情况\n上年结余12.40万元；本年度财政拨款收入465.30万元。\n（二）支出情况\n全年支出458.85万元。\n"
        "三、结转结余\n年末结余28.85万元。\n"
    )
    (found,) = balance_findings(BODY_HEAD + body)
    assert found.severity == "warning" and "18.85" in found.message
    other = body.replace("本年度财政拨款收入465.30万元", "本年度财政拨款收入465.30万元，其他收入10.00万元")
    assert balance_findings(BODY_HEAD + other) == []


PROJECT_HEAD = "鹤山市文化广电旅游体育局2023年度公共文化服务体系建设项目支出绩效自评报告\n一、项目基本情况\n"
AVAILABLE = [
    "上年结转38.60万元，本年下达265.00万元，可用资金合计303.60万元",
    "项目资金总额303.60万元，其中上年结转38.60万元、本年下达265.00万元",
    "年初结转38.60万元，当年到位265.00万元",
]
STATED = [
    "项目资金结转下年{b}万元，将继续用于在建子项目。",
    "年末结余资金{b}万元。",
    "尚未支付的{b}万元已结转下年使用。",
    "剩余{b}万元为质保金。",
    "未使用资金{b}万元按规定结转。",
    "期末结转{b}万元。",
]


@pytest.mark.parametrize(("available", "stated"), list(itertools.product(AVAILABLE, STATED)))
def test_a_projects_balance_against_its_money_and_spending_stated_elsewhere(available, stated):
    body = (
        f"（一）资金安排\n2023年{available}。\n二、资金使用\n截至2023年12月31日，项目实际支出271.35万元。\n"
        f"三、绩效分析\n{stated}\n四、存在问题\n部分子项目进度偏慢。\n"
    )
    (found,) = balance_findings(PROJECT_HEAD + body.format(b="22.25"))
    assert "32.25" in found.message
    assert balance_findings(PROJECT_HEAD + body.format(b="32.25")) == []
