"""A count rate (完成率, 覆盖率, 合格率, 发放率 …) against its plan and what was done, wherever the two
stand: in the rate's sentence in either order, the whole a sentence before, or both in the sentence
before a paragraph that opens with the rate. A sample of the combinations of
bench/bench_checker_wordings.py (family 计数比率), each with its twin written right."""

import pytest

from jixiao.domain.checker import check_text

RULES = ("rate.target", "count.completion", "rate.counts", "rate.recompute", "rate.whole")
HEAD = "鹤山市农业农村局2023年度高标准农田建设项目支出绩效自评报告\n一、项目基本情况\n项目位于共和镇。\n二、产出情况\n"
TAIL = "\n三、存在问题\n进度偏慢。\n"
# (the text with {r} for the rate, the rate written right, written wrong)
CASES = [
    ("应发放补贴800户。截至年底实际发放760户，发放率{r}。", "95%", "98%"),
    ("全县共有行政村12个。已覆盖10个，覆盖率达到{r}。", "83.33%", "85.33%"),
    ("应覆盖行政村800个。截至年底已覆盖760个，覆盖率{r}。", "95%", "98%"),
    ("抽检样品800批次，合格760批次。\n合格率{r}，较好完成年度目标。", "95%", "98%"),
    ("完工项目12个。验收合格10个，验收合格率达到{r}。", "83.33%", "85.33%"),
    ("全年实际培训760人次，计划培训林农800人次，完成率{r}。", "95%", "98%"),
    ("全年实际培训10人次，年度目标为培训12人次，完成率{r}。", "83.33%", "85.33%"),
    ("计划培训林农800人次，实际培训760人次。\n完成率{r}，较好完成年度目标。", "95%", "98%"),
]


def _fired(body):
    findings = check_text(HEAD + body + TAIL, report_type="auto").findings
    return [f for f in findings if f.rule in RULES and f.severity != "info"]


@pytest.mark.parametrize(("body", "right", "wrong"), CASES)
def test_a_count_rate_is_recomputed_from_its_plan_and_what_was_done(body, right, wrong):
    found = _fired(body.format(r=wrong))
    assert found, body
    assert wrong in found[0].message and right.removesuffix("%") in found[0].message
    assert _fired(body.format(r=right)) == []


def test_a_rate_of_its_own_sentence_before_is_not_read_against_another_rates_counts():
    # the sentence before holds a rate of its own: its counts are that rate's
    body = "抽检样品800批次，合格760批次，合格率95%。发放补贴12户，发放率{r}。"
    assert _fired(body.format(r="100%")) == []


def test_a_rate_opening_a_paragraph_after_a_table_row_reads_no_row():
    body = "| 指标 | 计划 | 实际 |\n| 培训人次 | 800 | 760 |\n合格率98%，较好完成年度目标。"
    assert [f for f in _fired(body) if f.rule == "rate.counts"] == []
