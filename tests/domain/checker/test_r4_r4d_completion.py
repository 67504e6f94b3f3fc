"""A completion rate after a planned and an actual figure of a measure written with 万 or thousands
commas ('210.5万亩', '1,200公里'). Our own wording; each with a consistent look-alike."""

from tests.domain.checker.helpers import findings

HEAD = "沙湾县农业农村局2024年度项目支出绩效自评报告\n一、项目基本情况\n"


def fired(body):
    return findings(HEAD + body + "\n", "count.completion")


def test_a_planned_and_actual_area_in_wan_mu():
    body = "计划核实棉花种植面积210.5万亩，实际核实208.3万亩，核实完成率{}%。"
    (finding,) = fired(body.format("99.60"))
    assert "98.95%" in finding.message
    assert not fired(body.format("98.95"))


def test_a_length_with_thousands_commas_and_a_head_count_in_wan():
    roads = "年度目标新建机耕道1,200公里，实际建成1,150公里，完成率{}%。"
    assert fired(roads.format("98.50"))
    assert not fired(roads.format("95.83"))
    cattle = "计划免疫牲畜12万头，实际免疫11.4万头，免疫完成率{}%。"
    assert fired(cattle.format("96.00"))
    assert not fired(cattle.format("95.00"))
    # 万亩 and 亩 are not one unit: no rate is recomputed from them
    assert not fired("计划改造高标准农田2.1万亩，实际改造20,500亩，完成率99.00%。")
