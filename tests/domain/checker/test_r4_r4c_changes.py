"""A count at the year's start, what was added or taken off, and the total (count.changes), when only
the total names what is counted: the initial clause names it anywhere ('片区年初划定12个'), each
change stands right after its word with its reason before it ('因道路移交增加3个'). Our own
wordings; each defect beside a look-alike that must stay silent."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "某区城市管理局2024年度环卫保洁服务项目支出绩效评价报告\n一、项目基本情况\n"


def changes(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.rule == "count.changes"]


@pytest.mark.parametrize(
    ("body", "expected", "silent"),
    [
        (
            "保洁服务片区年初划定12个，年中因新建道路移交增加3个，全年共计16个片区，保洁面积约586万平方米。",
            "15个",
            "保洁服务片区年初划定12个，年中因新建道路移交增加3个，全年共计15个片区。",
        ),
        (
            "监测站点原有8个，当年因项目建设新增4个，累计13个站点。",
            "12个",
            "监测站点原有8个，当年因项目建设新增4个，累计12个站点。",
        ),
        (
            "保洁服务片区年初为12个。年中因道路移交增加3个。全年共计16个片区。",
            "15个",
            "年初划定保洁片区12个，年中新增保洁班组3个，全年共计16个片区。",
        ),
        (
            "年初在册帮扶户120户，年内因识别新增15户，因自然减员减少5户，年末共计131户。",
            "130户",
            "年初在册帮扶户120户，年内因识别新增15户，因自然减员减少5户，年末共计130户。",
        ),
    ],
)
def test_a_total_that_is_not_the_start_plus_the_changes_is_an_error(body, expected, silent):
    (finding,) = changes(body)
    assert finding.severity == "error" and finding.expected == expected
    assert changes(silent) == []
