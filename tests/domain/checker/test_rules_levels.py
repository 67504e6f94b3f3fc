"""name.level: a township's report that speaks of itself as a unit of another township level, in
combinations of the title's shape (a title line, a form's 单位 cell, a TITLE line) × the level ×
the form of the self-reference (本乡, 全乡, 我乡, 该乡, 乡政府 after 距 or 本); each with a silent
twin: the unit's own level, 乡镇 and 乡村 as words, another township named in full, a county's report."""

import itertools

import pytest

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

RULE = "name.level"
# (the unit's full name, its level, the title's shape): the title names the unit and the kind of report
TITLES = [
    ("{county}{name}{level}人民政府2023年度部门整体支出绩效自评报告\n", "title"),
    (
        "部门整体支出绩效自评表 | |||\n单位(盖章):{county}{name}{level}人民政府 | 填报日期:2024年2月3日 | ||\n",
        "form",
    ),
    ("TITLE: {county}{name}{level}2023年部门整体支出绩效评价报告\n\n", "page"),
]
UNITS = [("丰城县", "石桥", "镇", "乡"), ("平江县", "三市", "乡", "街道"), ("南岸区", "南坪", "街道", "镇")]
# the self-reference, written with the other level
REFERENCES = [
    "一、部门基本情况\n{other_own}共有行政村12个，户籍人口2.3万人。\n",
    "一、部门基本情况\n主要职责：协调{other_own}同外地的经济往来，做好商品流通。\n",
    "一、部门基本情况\n最远的村委会距{other}政府驻地43公里，交通不便。\n",
    "一、部门基本情况\n负责推进本{other}数字政府标准化建设，承接下放的审批事项。\n",
]


def _cases():
    for (title, _), (county, name, level, other), reference in itertools.product(TITLES, UNITS, REFERENCES):
        head = title.format(county=county, name=name, level=level)
        wrong = reference.format(other_own=f"全{other}", other=other)
        right = reference.format(other_own=f"全{level}", other=level)
        form = (
            f"全{other}"
            if "{other_own}" in reference
            else f"{other}政府"
            if "距" in reference
            else f"本{other}"
        )
        yield head, wrong, right, f"{name}{level}", form


CASES = list(_cases())


def _levels(text):
    """The findings of the unit's level written two ways: name.level, or name.variant's reading of
    the levels where the text also speaks of the unit by its own (the title's 镇人民政府 counts)."""
    return [
        f
        for f in check_text(text, report_type="auto").findings
        if f.rule == RULE or (f.rule == "name.variant" and f.message.startswith("单位层级"))
    ]


@pytest.mark.parametrize(("head", "wrong", "right", "unit", "form"), CASES)
def test_another_level_is_reported_and_the_own_level_is_not(head, wrong, right, unit, form):
    found = _levels(head + wrong)
    assert len(found) == 1, [f.message for f in found]
    assert found[0].found.endswith(form) or form.endswith(found[0].found), found[0].message
    assert _levels(head + right) == []


def test_every_place_is_counted_once():
    text = (
        "徐闻县角尾乡人民政府2024年度部门整体支出绩效自评报告\n一、部门基本情况\n"
        "研究决定本街道党的建设重大事项。推进本街道数字政府建设。\n"
    )
    (finding,) = findings(text, RULE, report_type="auto")
    assert finding.message.endswith("（全文共2处）")
    assert finding.expected == "本乡"


SILENT = [
    # 乡镇, 乡村 are words of their own; 全乡镇 is the tier
    "丰城县石桥镇人民政府2023年度部门整体支出绩效自评报告\n一、概况\n全县乡村振兴资金下达到全乡镇各村。\n",
    # another township named in full is another unit
    "丰城县石桥镇人民政府2023年度部门整体支出绩效自评报告\n一、概况\n与相邻的白土乡政府签订协议，共建垃圾中转站。\n",
    # 全 ending a word (安全), 本 ending a word (成本)
    "丰城县石桥镇人民政府2023年度部门整体支出绩效自评报告\n一、概况\n保障安全乡村道路通行，控制成本乡镇统筹。\n",
    # a county's report: its 本乡 is no township of its own
    "平江县农业农村局2023年度部门整体支出绩效自评报告\n一、概况\n指导各乡镇开展工作，本乡本土人才回流。\n",
]


@pytest.mark.parametrize("text", SILENT)
def test_look_alikes_stay_silent(text):
    assert _levels(text) == []


def test_the_titles_level_decides_between_two_levels_in_the_text():
    """本乡 three times and 本镇 once in a 镇's report: the three are the copied text, not the one."""
    text = (
        "丰城县石桥镇人民政府2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本乡共有行政村12个。"
        "本乡户籍人口2.3万人。本乡耕地4.1万亩。本镇财政所负责资金管理。\n"
    )
    found = _levels(text)
    assert {f.found for f in found} == {"本乡"}, [f.message for f in found]
    assert len(found) == 3
