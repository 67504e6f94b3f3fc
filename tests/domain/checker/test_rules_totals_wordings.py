"""list.total in wordings of our own: the last item after 和 or 及, and the total named 总额. Each with
its consistent twin, and a run of amounts that is no list."""

import pytest

from tests.domain.checker.helpers import findings

HEAD = "鹤山市林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局内设5个股室。\n二、支出情况\n"
LISTS = [
    "项目支出包括森林防火52.30万元、林业有害生物防治38.60万元和国土绿化41.20万元，共计{t}万元。",
    "用于森林防火、林业有害生物防治、国土绿化的支出依次为52.30万元、38.60万元及41.20万元，总额{t}万元。",
    "森林防火52.30万元，林业有害生物防治38.60万元以及国土绿化41.20万元，以上三项合计{t}万元。",
]


@pytest.mark.parametrize("listed", LISTS)
def test_a_list_closed_by_and_or_named_total_against_its_total(listed):
    (found,) = findings(HEAD + listed.format(t="138.10") + "\n", "list.total", report_type="auto")
    assert "132.1" in found.message and found.severity == "error"
    assert findings(HEAD + listed.format(t="132.10") + "\n", "list.total", report_type="auto") == []


def test_an_amount_after_and_that_starts_another_clause_is_no_item():
    text = HEAD + "基本支出400.00万元，项目支出58.85万元和预备费10.00万元，共计468.85万元。\n"
    assert findings(text, "list.total", report_type="auto") == []
    text = HEAD + "全年支出458.85万元和上年持平，总额458.85万元。\n"
    assert findings(text, "list.total", report_type="auto") == []


# (the text, the rule, the total written right, written wrong): items a sentence or a numbered line
# each before 以上共计, a total named by its count and noun (三镇共计), a total opening its sentence
# (合计下达, which is no 合计 'to' 下), counts followed by their noun (3个村、5个村，共8个村), ordinal
# items (第一期…第二期…，共培训…), and a total before items that 分别 names as the whole list
MORE = [
    (
        "森林防火安排52.30万元。有害生物防治安排38.60万元。国土绿化安排41.20万元。以上共计{t}万元。",
        "list.total",
        "132.10",
        "138.10",
    ),
    (
        "(一)森林防火：支出52.30万元。\n(二)有害生物防治：支出38.60万元。\n以上合计支出{t}万元。",
        "list.total",
        "90.90",
        "96.90",
    ),
    (
        "共和镇52.30万元、址山镇38.60万元、鹤城镇41.20万元，三镇共计{t}万元。",
        "list.total",
        "132.10",
        "138.10",
    ),
    ("下达共和镇52.30万元；下达址山镇38.60万元。合计下达{t}万元。", "list.total", "90.90", "96.90"),
    ("项目涉及共和镇3个村、址山镇5个村、鹤城镇4个村，共{t}个村。", "list.total", "12", "13"),
    ("培训分三期进行，第一期120人，第二期96人，第三期104人，共培训{t}人。", "list.total", "320", "330"),
    ("共拨付资金{t}万元，分别拨付共和镇52.30万元、址山镇38.60万元。", "list.total_before", "90.90", "96.90"),
]


@pytest.mark.parametrize(("listed", "rule", "right", "wrong"), MORE)
def test_more_wordings_of_a_list_and_its_total(listed, rule, right, wrong):
    found = findings(HEAD + listed.format(t=wrong) + "\n", rule, report_type="auto")
    assert len(found) == 1 and wrong in found[0].message, found
    assert findings(HEAD + listed.format(t=right) + "\n", rule, report_type="auto") == []


def test_a_total_that_points_back_takes_no_sentence_of_another_list():
    # the amount a sentence before 以上 is no item when its own sentence has a 其中 list
    text = HEAD + "项目支出90.90万元，其中森林防火52.30万元。有害生物防治38.60万元。以上共计90.90万元。\n"
    assert findings(text, "list.total", report_type="auto") == []
    # the amount a sentence before a list of clauses is no item of it: all items are of one style
    text = (
        HEAD
        + "项目支出90.90万元。\n项目支出情况：森林防火52.30万元，有害生物防治38.60万元，以上合计90.90万元。\n"
    )
    assert findings(text, "list.total", report_type="auto") == []
    # a count of another noun is no item of '共N个村'
    text = HEAD + "项目涉及3个镇、12个村，共12个村完成验收。\n"
    assert findings(text, "list.total", report_type="auto") == []
