"""Any text, however odd, gets a result: no rule fails, every offset points into the original."""

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.checker import check_text

FRAGMENTS = [
    "一、部门概况\n",
    "二、",
    "（一）",
    "(二)、",
    "1.",
    "2、",
    "(3)",
    "其中：",
    "其中:",
    "，",
    ",",
    "；",
    "。",
    "\n",
    "\r\n",
    " ",
    "\u3000",
    "比上年增加",
    "同比上年度减少",
    "较上年下降了",
    "增长",
    "降低",
    "增减",
    "由",
    "增加到",
    "208.4万元",
    "24.01万元",
    "13.0%",
    "0万元",
    "3,724,055.00",
    "元",
    "亿元",
    "个",
    "名",
    "即",
    "、",
    "下设",
    "执行率",
    "全年预算",
    "本年支出合计",
    "占比",
    "得分",
    " | ",
    "|",
    "权重",
    "《",
    "》",
    "<",
    ">",
    "“",
    "”",
    "（",
    "）",
    "(",
    ")",
    "【",
    "】",
    "20213月",
    "2023年13月",
    "派遗",
    "明显提高",
    "三公",
    "等",
    "余",
    "约",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "调剂比例",
    "年初预算安排",
    "0",
    "9",
    ".",
    "%",
    "１２",
    "％",
    "\ufeff",
    "年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分\n",
    "财政拨款 | 100.00 | 0.00 | 0 | 96.85 | 10 | 9.68\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60), st.sampled_from(["zhengti", "xiangmu", "auto"]))
def test_no_rule_fails_and_every_location_quotes_the_original(pieces, report_type):
    text = "".join(pieces)
    result = check_text(text, report_type=report_type)
    assert [f.message for f in result.findings if f.rule == "checker.rule_failed"] == []
    for item in (*result.findings, *result.figures):
        location = item.location
        assert 0 <= location.start <= location.end <= len(text)
        assert text[location.start : location.end] == location.quote


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_breaks_the_checker(text):
    result = check_text(text)
    assert [f.message for f in result.findings if f.rule == "checker.rule_failed"] == []


def test_empty_text_has_no_figures_and_says_nothing_false():
    result = check_text("")
    assert result.figures == ()
    assert not result.has_errors
