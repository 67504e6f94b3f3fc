"""list.whole: a list of the money's sources or uses that opens a sentence of its own, against the
report's whole money stated elsewhere; silent when the list adds up to any whole figure (what arrived,
what was spent), and for uses that add up to less ('主要用于' names the main uses)."""

import pytest

from jixiao.domain.checker import check_text

RULE = "list.whole"
HEAD = "鹤山市农业农村局2023年度高标准农田建设项目支出绩效自评报告\n一、项目基本情况\n项目位于共和镇，{whole}。\n"
TAIL = "四、存在问题\n进度偏慢。\n"
WHOLES = [
    "项目资金共1,000.00万元",
    "项目总投资1,000.00万元",
    "项目资金总额为1,000.00万元",
    "年初预算1,000.00万元",
]
SOURCES = [
    "二、资金来源\n项目资金来源：中央资金600.00万元，省级资金300.00万元，县级配套{c}万元。\n",
    "二、资金到位\n（一）资金来源。中央财政资金600.00万元、省级财政资金300.00万元、县级配套资金{c}万元。\n",
]
USES = [
    "三、资金使用\n资金主要用于土地平整450.00万元、灌溉排水350.00万元、田间道路{z}万元。\n",
    "三、资金使用\n按用途分，土地平整支出450.00万元，灌溉排水支出350.00万元，田间道路支出{z}万元。\n",
]


def _found(text):
    return [f for f in check_text(text, report_type="auto").findings if f.rule == RULE]


@pytest.mark.parametrize("whole", WHOLES)
@pytest.mark.parametrize("sources", SOURCES)
def test_sources_that_add_up_to_no_whole_figure(whole, sources):
    text = HEAD.format(whole=whole) + sources + "三、资金使用\n按计划使用。\n" + TAIL
    (found,) = _found(text.format(c="130.00"))
    assert "1030" in found.message and "1000" in found.message, found.message
    assert _found(text.format(c="100.00")) == []


@pytest.mark.parametrize("uses", USES)
def test_uses_that_add_up_to_more_than_every_whole_figure(uses):
    text = HEAD.format(whole=WHOLES[0]) + "二、资金来源\n财政资金。\n" + uses + TAIL
    assert len(_found(text.format(z="230.00"))) == 1
    assert _found(text.format(z="200.00")) == []
    assert _found(text.format(z="150.00")) == []  # the main uses only: less than the whole


def test_sources_of_what_arrived_fit_the_amount_arrived():
    text = (
        HEAD.format(whole=WHOLES[0])
        + "二、资金到位\n实际到位资金900.00万元。资金来源：中央资金600.00万元，省级资金300.00万元。\n"
        + TAIL
    )
    assert _found(text) == []


def test_the_gap_is_shown_against_the_nearest_whole_figure():
    """Sources of 19.70万元 against a 全年预算 of 19.20 and a spending of 17.45: the budget is named
    (the mildest claim of a gap), not whichever whole figure stands last."""
    text = (
        "汝城县大坪镇妇女联合会2024年度部门整体支出绩效自评报告\n一、部门基本情况\n本会编制3名。\n"
        "二、部门整体支出情况\n2024年年初预算18.60万元，全年预算19.20万元。截至年底实际支出17.45万元。\n"
        "资金来源：县级财政拨款15.00万元，上级妇联补助3.20万元，其他收入1.50万元。\n" + TAIL
    )
    (found,) = _found(text)
    assert "“全年预算”19.2万元" in found.message and "相差0.5万元" in found.message, found.message
