"""General fixes found on the second batch of real reports (tests/data/checker_eval 47–63, tuning
data since it was read): each on text reconstructed in our own words, with the true case that must
still fire and the consistent shape that must stay silent."""

from jixiao.domain.checker import ERROR, INFO, WARNING
from tests.domain.checker.helpers import findings, only

# --- parallel totals, each with a bracketed 其中 ------------------------------------------------------

PARALLEL_TOTALS = (
    "一、资金批复情况\n"
    "本项目分两期建设,一期批复总投资1200.5万元(其中土建工程1000万元),二期批复总投资800.25万元"
    "(其中土建工程650.5万元),合计批复总投资2000.75万元(其中土建工程1650.5万元)。\n"
)


def test_a_bracket_right_after_a_figure_lists_that_figures_parts():
    """The last bracket belongs to 合计…2000.75, not to the earlier 土建工程650.5 named like its part."""
    assert findings(PARALLEL_TOTALS, "parts.sum") == []


def test_a_bracketed_part_larger_than_its_own_total_still_fires():
    text = PARALLEL_TOTALS.replace("合计批复总投资2000.75万元", "合计批复总投资1500.75万元")
    found = only(text, "parts.sum")
    assert found.severity == ERROR
    assert "1500.75万元" in found.message and "1650.5万元" in found.message


def test_parts_of_totals_about_different_things_are_not_one_quantity():
    """土建工程 of 一期, of 二期 and of the whole are three quantities, not one stated thrice."""
    assert findings(PARALLEL_TOTALS, "quantity.conflict") == []


def test_one_part_stated_twice_under_the_same_total_still_conflicts():
    text = (
        "一、资金情况\n一期批复总投资1200.5万元(其中土建工程1000万元)。\n"
        "二、资金使用\n一期批复总投资1200.5万元(其中土建工程1100万元)。\n"
    )
    found = only(text, "quantity.conflict")
    assert found.severity == WARNING and "1000万元" in found.message and "1100万元" in found.message


# --- an opening excerpt is not a report that left its sections out ------------------------------------

OPENING = (
    "某县农村公路建设项目绩效自评报告\n"
    "一、资金批复情况\n本项目批复资金300万元。\n"
    "二、项目安排情况\n项目涉及3个乡镇,主要建设道路12公里。\n"
)


def test_a_text_with_only_its_first_two_sections_is_an_excerpt():
    found = findings(OPENING, "outline.required", report_type="xiangmu")
    assert [f.severity for f in found] == [INFO]
    assert "数据不足" in found[0].message


def test_a_complete_report_missing_sections_still_fires():
    text = OPENING + "三、绩效目标完成情况\n目标全部完成。\n四、存在的问题\n进度偏慢。\n"
    found = findings(text, "outline.required", report_type="xiangmu")
    assert [f.severity for f in found] == [WARNING, WARNING]
    assert {f.expected for f in found} == {"项目概况", "改进措施和建议"}


def test_a_short_report_that_ends_with_its_date_is_checked():
    text = OPENING + "某县交通运输局\n2022年3月1日\n"
    found = findings(text, "outline.required", report_type="xiangmu")
    assert found and all(f.severity == WARNING for f in found)
