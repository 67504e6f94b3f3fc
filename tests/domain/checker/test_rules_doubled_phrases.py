"""typo.doubled_phrase: a word or phrase of 3 to 12 characters written twice in a row, in the title,
a heading, a sentence or a table row, each with its twin written once; and doubles that are no slip
(two table cells, a line break between, words of two characters, which typo.doubled reads)."""

import itertools

import pytest

from jixiao.domain.checker import check_text

TITLE = "鹤山市林业局2023年度部门整体支出绩效自评报告"
BODY = "\n一、部门基本情况\n本局内设5个股室，编制20名。\n二、存在问题\n部分项目进度偏慢。\n"
PHRASES = ["林业局", "部门整体支出", "绩效评价报告", "2023年", "森林防火工作经费"]
PLACES = [
    "{w}鹤山市林业局部门整体支出绩效自评报告" + BODY,
    TITLE + "\n一、部门基本情况\n全局{w}负责本市造林。\n二、存在问题\n部分项目进度偏慢。\n",
    TITLE + "\n一、{w}情况\n本局内设5个股室。\n二、存在问题\n部分项目进度偏慢。\n",
    TITLE + "\n一、部门基本情况\n| 项目 | 金额 |\n| {w}支出 | 12.00 |\n二、存在问题\n进度偏慢。\n",
]


def _doubled(text):
    return [f for f in check_text(text, report_type="auto").findings if f.rule == "typo.doubled_phrase"]


@pytest.mark.parametrize(("place", "phrase"), list(itertools.product(PLACES, PHRASES)))
def test_a_phrase_written_twice_is_reported_with_its_words(place, phrase):
    (found,) = _doubled(place.replace("{w}", phrase * 2))
    assert f"“{phrase}”连写了两遍" in found.message
    assert _doubled(place.replace("{w}", phrase)) == []


def test_the_phrase_is_read_where_it_makes_words():
    (found,) = _doubled(TITLE + "\n一、部门基本情况\n本局林业局林业局负责全市造林。\n")
    assert "“林业局”" in found.message  # not '局林业', the first place the run repeats from


@pytest.mark.parametrize(
    "body",
    [
        "| 林业局 | 林业局 |",  # two table cells
        "全局职工\n全局职工参加培训。",  # a line break between
        "研究研究，讨论讨论，看看看。",  # words of two characters and one character thrice
        "项目名称 项目名称：森林防火",  # a space between (two cells of a form)
    ],
)
def test_what_is_no_slip_stays_silent(body):
    assert _doubled(TITLE + "\n一、部门基本情况\n" + body + "\n") == []


def test_a_word_and_its_mark_written_twice():
    (found,) = _doubled(TITLE + "\n一、部门基本情况\n本年支出95.00万元，其中：其中：基本支出80.00万元。\n")
    assert "“其中:”连写了两遍" in found.message
    assert _doubled(TITLE + "\n一、部门基本情况\n本年支出95.00万元，其中：基本支出80.00万元。\n") == []
