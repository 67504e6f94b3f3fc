"""One figure of the year stated twice with two values, in wordings of our own: what is counted
written after the number (内设5个股室 / 内设股室6个), 现有/实有 before a count, 本局 before a rate, and
the report's total score (综合得分 / 自评得分). A sample of the combinations of
bench/bench_checker_wordings.py (同一个数两个值：更多说法), each with its twin; and totals that are
no conflict."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "鹤山市林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
MIDDLE = "\n二、部门收支情况\n全年支出1,180.20万元。\n三、绩效分析\n"
TAIL = "\n四、存在问题\n进度偏慢。\n"
RULES = ("count.conflict", "rate.conflict", "score.conflict")
CASES = [
    ("内设{v}个股室。", "本局内设股室{v}个。", "5", "6"),
    ("现有公务用车{v}辆。", "公务用车{v}辆，均按规定使用。", "3", "4"),
    ("全年预算执行率为{v}。", "本局预算执行率{v}，执行较好。", "95.43%", "96.43%"),
    ("经自评，综合得分{v}分。", "本局自评得分{v}分，评价等级为“优”。", "92", "93"),
]


def _conflicts(text):
    return [f for f in check_text(text, report_type="auto").findings if f.rule in RULES]


@pytest.mark.parametrize(("one", "two", "right", "wrong"), CASES)
def test_a_figure_stated_twice_with_two_values(one, two, right, wrong):
    (found,) = _conflicts(HEAD + one.format(v=right) + MIDDLE + two.format(v=wrong) + TAIL)
    assert right.removesuffix("%") in found.message and wrong.removesuffix("%") in found.message
    assert _conflicts(HEAD + one.format(v=right) + MIDDLE + two.format(v=right) + TAIL) == []


@pytest.mark.parametrize(
    "second",
    [
        "单位自评得分93分，评价组复核得分90分。",  # two stages in one sentence
        "其中森林防火项目自评得分95分。",  # a project's score in the whole body's report
        "| 综合得分 | 93分 |",  # a table row
        "上年综合得分88分，今年有所提高。",  # a previous year's
        "决策指标得分13分，过程指标得分18分。",  # the categories' scores
    ],
)
def test_scores_that_are_not_the_reports_total_again(second):
    text = HEAD + "经自评，综合得分92分。" + MIDDLE + second + TAIL
    assert [f for f in _conflicts(text) if f.rule == "score.conflict"] == []
