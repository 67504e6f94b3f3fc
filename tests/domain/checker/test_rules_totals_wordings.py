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
