"""Causes found in this round's tuning data (batch 14 of the evaluation set and the tuning misses of
the earlier batches), each written here in other words for departments nobody modelled: the real
defect that must be reported, and beside it the sound text of the same shape that must stay silent."""

from tests.domain.checker.helpers import findings, only

HEAD = "西溪县水务局2023年度项目支出绩效自评报告\n一、项目概况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


def test_a_heading_left_with_only_the_pause_mark_of_its_number():
    # 龙陵县象达镇 2019 (evaluation set 316): '、综合评价情况及评价结论'
    body = "(一)项目绩效指标完成情况\n各项指标均已完成。\n、综合评价情况及评价结论\n项目已完工并投入使用。"
    finding = only(HEAD + body + "\n", "heading.numbering")
    assert finding.found == "、" and "“综合评价情况及评价结论”前只有“、”" in finding.message
    # a list broken over two lines at its 、 (a PDF's line) stays silent
    for broken in ("资金用于道路、桥梁\n、涵洞等建设。", "资金用于修建道路、桥梁和\n、涵洞修建\n"):
        assert not [f for f in fired(broken, "heading.numbering") if "、”" in f.message], broken
