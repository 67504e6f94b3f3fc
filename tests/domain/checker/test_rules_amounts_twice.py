"""quantity.conflict: the project's total investment (总投资, whoever's it is said to be: 项目, 本项目,
该项目, 计划) and a source's money named by no stage (中央财政补助资金, 省级财政资金) stated twice with
two values, in the ways reports word them (bench family 同一个数两个值：总投资、来源资金). Each with its
twin that states the same value; and figures that only look like the same one."""

import pytest

from jixiao.domain.checker import check_text

RULE = "quantity.conflict"
HEAD = "鹤山市农业农村局2023年度高标准农田建设项目支出绩效自评报告\n一、项目基本情况\n"
TAIL = "\n四、存在问题\n进度偏慢。\n"
PAIRS = [
    ("项目总投资{v}万元，建设内容包括土地平整和灌溉设施。", "项目总投资{v}万元，资金来源为财政资金。"),
    ("项目总投资{v}万元，建设内容包括土地平整和灌溉设施。", "该项目总投资{v}万元。"),
    ("本项目总投资为{v}万元。", "总投资{v}万元的项目按期完工。"),
    ("中央财政补助资金{v}万元。", "中央财政补助资金{v}万元全部到位。"),
    ("中央财政补助资金{v}万元。", "其中中央财政补助资金{v}万元。"),
    ("省级财政资金{v}万元已下达。", "省级财政资金{v}万元全部到位。"),
]


def _conflicts(one, two, first, second):
    text = HEAD + one.format(v=first) + "\n三、绩效分析\n" + two.format(v=second) + TAIL
    return [f for f in check_text(text, report_type="auto").findings if f.rule == RULE]


@pytest.mark.parametrize(("one", "two"), PAIRS)
def test_the_same_amount_stated_twice_with_two_values(one, two):
    (found,) = _conflicts(one, two, "1,236.50", "1,286.50")
    assert found.expected == "1236.50万元" and found.found == "1286.50万元", found.message
    assert _conflicts(one, two, "1,236.50", "1,236.50") == []


SILENT = [
    # two projects, each with its own total investment
    "（一）田间道路项目总投资320.00万元。\n（二）灌溉渠系项目总投资416.50万元。",
    # a source's money of another year
    "2022年中央财政补助资金300.00万元已结转使用。\n三、绩效分析\n2023年中央财政补助资金416.50万元全部到位。",
    # a source's money and what of it was paid (another stage)
    "中央财政补助资金416.50万元。\n三、绩效分析\n中央财政补助资金已支付320.00万元。",
    # two levels of government
    "中央财政补助资金416.50万元。\n三、绩效分析\n省级财政补助资金320.00万元。",
]


@pytest.mark.parametrize("body", SILENT)
def test_figures_that_only_look_like_one_stay_silent(body):
    text = HEAD + body + TAIL
    assert [f.message for f in check_text(text, report_type="auto").findings if f.rule == RULE] == []
