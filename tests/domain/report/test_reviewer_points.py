"""Issue 16: the twelve points a bureau reviewer returned the 2023 report for, each as a test on
the composed report (pure: no database). The same points are checked on the demo department in
tests/apps/reports/test_reviewer_points.py; point 1 (资金结余 by its rule) is in
tests/domain/scoring/test_framework_rows.py, with a table test per framework row."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from jixiao.domain.activity_wording import ActivityRecord, IndicatorTarget, OutputRecord, work_groups
from jixiao.domain.facts import ChecklistAnswer, InspectionFinding, TaskShortfall
from jixiao.domain.problems import ProblemKind, derive_problems, derive_suggestions, edited
from jixiao.domain.quantity import Quantity
from jixiao.domain.report.compose import compose_evaluation_report, goal_rows_of, score_table, year_end_state
from jixiao.domain.report.consistency import repeated_sentences
from jixiao.domain.report.document import Chart
from jixiao.domain.report.inputs import ProjectSummary
from jixiao.domain.report.movements import movements
from jixiao.domain.scoring import load_framework, score_department
from jixiao.formats.txt_writer import render_txt
from tests.domain.report.test_compose import inputs as base_inputs
from tests.domain.scoring.demo import YOUTH, goal

HUNAN = load_framework(authority="湖南省", year=2023)
OUTLINES = ("changning-seven", "hunan-ziping-ten")


def inputs_for(facts, **changes):
    """Report inputs over ``facts``: score, problems and measures derived from them."""
    sheet = score_department(facts, HUNAN)
    problems = derive_problems(facts, HUNAN, sheet=sheet)
    return replace(
        base_inputs(),
        facts=facts,
        score=sheet,
        problems=problems,
        suggestions=derive_suggestions(problems),
        **changes,
    )


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def final(data):
    """The officer's year-end work done: problems confirmed, movements explained, paragraphs written."""
    problems = tuple(edited(p) for p in data.problems)
    narratives = (
        *((m.narrative_key, "按年度工作安排调整（测试）") for m in movements(data.facts)),
        ("assets_management", "资产由办公室统一登记管理。"),
        ("work", "全年完成科普下乡30次。"),
    )
    return replace(data, problems=problems, suggestions=derive_suggestions(problems), narratives=narratives)


# 2. an unscored item makes a 草稿: header 草稿, grade blank, the missing list shown ----------------


def test_point_2_an_unscored_item_makes_a_draft_with_no_grade_and_the_missing_list():
    facts = base_inputs().facts
    unscored = replace(facts, judgements=tuple(j for j in facts.judgements if j.row_key != "disclosure"))
    report = compose_evaluation_report(final(inputs_for(unscored)))
    assert report.is_draft and "评分项“预决算信息公开性”尚未评分" in report.draft
    text = render_txt(report)
    assert "【草稿】" in text and "评价等级为“" not in text
    assert "“预决算信息公开性”尚未评分，评价等级待全部评分项评定后确定" in text
    from docx import Document

    from jixiao.formats.docx_writer import render_docx

    document = Document(io.BytesIO(render_docx(report)))
    assert "草稿" in document.sections[0].header.paragraphs[0].text
    scored = compose_evaluation_report(final(inputs_for(facts)))
    assert not scored.is_draft, scored.draft
    assert "评价等级为“" in render_txt(scored)


def test_point_2_an_unconfirmed_problem_or_an_empty_paragraph_also_makes_a_draft():
    data = final(inputs_for(base_inputs().facts))
    unconfirmed = replace(data, problems=(replace(data.problems[0], confirmed=False), *data.problems[1:]))
    assert "存在的问题第1项尚未经确认" in compose_evaluation_report(unconfirmed).draft
    empty = replace(data, narratives=(*data.narratives, ("projects_management", "  ")))
    assert "段落“专项管理情况”为空或尚待填写" in compose_evaluation_report(empty).draft


# 3. every deduction has a numbered problem; an open 督查 finding reaches the problems ------------


def test_point_3_a_quality_deduction_names_the_failed_task_and_the_open_inspection_is_a_problem():
    facts = base_inputs().facts
    facts = replace(
        facts,
        work=replace(
            facts.work,
            quality_passed=11,
            shortfalls=(
                TaskShortfall(
                    "科普日主场活动", ("质量未达标",), "督查发现补助发放名单缺2人签字，整改尚未销号"
                ),
            ),
        ),
        inspections=(
            InspectionFinding(
                "科普日主场活动", date(2023, 9, 25), "补助发放名单缺2人签字", due=date(2023, 10, 31)
            ),
        ),
    )
    report = compose_evaluation_report(final(inputs_for(facts)))
    text = render_txt(report)
    six = section(text, "六、存在的主要问题", "七、")
    assert "补助发放名单缺2人签字" in six and "整改期限10月31日已过" in six
    deducted = [
        row.name for row in inputs_for(facts).score.rows if row.deducted > 0 and not row.status.unscored
    ]
    assert deducted and all(name in six for name in deducted), deducted
    assert not [d for d in report.draft if "没有说明扣分原因" in d]


# 4. a refused request is the control working, never 串用 -----------------------------------------


def test_point_4_a_refused_request_is_reported_as_the_control_working_not_as_cross_use():
    facts = base_inputs().facts
    met = tuple(replace(a, met=True) if a.row_key == "funds_compliance" else a for a in facts.checklist)
    data = final(inputs_for(replace(facts, checklist=met)))
    assert data.facts.cross_use_attempts
    text = render_txt(compose_evaluation_report(data))
    assert "被预算控制拒绝，未形成支出" in section(text, "三、", "四、")
    six = section(text, "六、存在的主要问题", "七、")
    assert "串用" not in six and "拒绝" not in six


def test_point_4_a_compliance_deduction_resting_on_a_refused_request_keeps_the_report_a_draft():
    facts = base_inputs().facts
    resting = tuple(
        ChecklistAnswer(a.row_key, a.item_key, False, "有跨基本支出与项目支出的支出申请（已被预算控制拒绝）")
        if (a.row_key, a.item_key) == ("funds_compliance", "no_misuse")
        else replace(a, met=True)
        if a.row_key == "funds_compliance"
        else a
        for a in facts.checklist
    )
    report = compose_evaluation_report(final(inputs_for(replace(facts, checklist=resting))))
    assert any(
        "被预算控制拒绝的支出申请扣分" in item and "不属于截留、挤占、挪用" in item for item in report.draft
    )


# 5. each 依据 is one natural clause; the records go to an annex ---------------------------------


def test_point_5_each_basis_is_one_clause_in_wan_and_the_detail_is_in_the_evidence_annex():
    report = compose_evaluation_report(final(inputs_for(base_inputs().facts)))
    text = render_txt(report)
    six = section(text, "六、存在的主要问题", "七、")
    lines = six.strip().splitlines()
    bases = [line for line in lines if line.startswith("依据：")]
    problems = [line for line in lines if re.match(r"\d+\.", line)]
    assert len(bases) == len(problems) >= 5
    for basis, problem in zip(bases, problems, strict=True):
        clause = basis.removeprefix("依据：")
        assert "：" not in clause and not re.search(r"\d,\d{3}|\d\.\d{2}元", clause), basis
        assert clause.rstrip("。") not in problem, basis  # never the problem's own sentence again
    annex = text.split("附件3", 2)[-1]
    assert "问题依据明细" in annex and "| 问题1 |" in annex


# 6. section 五 in 一是… form, partners, places, results, outputs against their indicators --------


def test_point_6_work_points_carry_partners_results_and_the_indicator_their_output_makes_up():
    records = [
        ActivityRecord(
            "科普大篷车下乡科普",
            "全年",
            place="全市各乡镇集市",
            outputs=(OutputRecord("下乡科普次数", "", Quantity(D(30), "次", "近")),),
            is_period=True,
            description="每次下乡都选择乡镇赶集时段。",
        ),
        ActivityRecord(
            "“三下乡”科普活动",
            "4月27日",
            place="庙前镇",
            partners="常宁市禁毒办、常宁市老科协",
            outputs=(OutputRecord("科普活动次数", "", Quantity(D(1), "次")),),
            results="两家合作社入围“常宁市科普示范基地”名单",
        ),
    ]
    targets = [
        IndicatorTarget("下乡科普场次", "≥", D(25), "次", ("下乡科普次数",), D(30)),
        IndicatorTarget("科普活动次数", "≥", D(6), "次", ("科普活动次数",), D(6)),
    ]
    (group,), summary = work_groups([("在科普宣传方面", records)], targets)
    assert group.items[0] == (
        "全年，在全市各乡镇集市开展科普大篷车下乡科普近30次，超过年度目标25次。每次下乡都选择乡镇赶集时段。"
    )
    assert group.items[1] == (
        "4月27日，联合常宁市禁毒办、常宁市老科协在庙前镇开展“三下乡”科普活动。"
        "两家合作社入围“常宁市科普示范基地”名单。"
    )
    assert summary == ""  # 科普活动次数 1 of 6 is fed here only in part: not claimed as met
    data = final(inputs_for(base_inputs().facts))
    from jixiao.domain.report.inputs import ActivityGroup

    text = render_txt(
        compose_evaluation_report(replace(data, activities=(ActivityGroup(group.heading, group.items),)))
    )
    assert "一是全年，在全市各乡镇集市开展科普大篷车下乡科普近30次，超过年度目标25次。" in text
    assert "二是4月27日，联合常宁市禁毒办" in text


# 7. project stage wording fits the year end -------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "state"),
    [
        ({"has_file": False, "stage": "立项"}, ""),
        ({"accepted_on": date(2023, 12, 28)}, "已完成并通过验收（12月28日）"),
        ({"open_findings": 1, "milestones": 2}, "督查发现的问题整改中"),
        ({"milestones": 2}, "各关键节点均已完成，尚待验收"),
        (
            {"milestones": 2, "pending_milestones": ("征集遴选作品",)},
            "2个关键节点已完成1个，“征集遴选作品”尚未完成",
        ),
    ],
)
def test_point_7_a_project_is_worded_by_its_state_at_year_end_never_by_a_stage_name(changes, state):
    project = ProjectSummary(
        "青少年科技创新大赛", D(100000), D(110000), D(107800), stage="实施", has_file=True
    )
    assert year_end_state(replace(project, **changes)) == state
    assert "阶段" not in year_end_state(replace(project, **changes))


# 8. the measures answer the problems the report has ---------------------------------------------


def test_point_8_every_problem_has_a_measure_and_no_measure_answers_an_absent_problem():
    facts = base_inputs().facts
    quantified = replace(facts, goals=tuple(g for g in facts.goals if g.quantified))
    report = compose_evaluation_report(final(inputs_for(quantified)))
    text = render_txt(report)
    seven = text.split("七、改进措施和建议", 1)[1].split("附件：", 1)[0]
    assert "提高思想认识" not in seven  # the seed's measures for unquantified goals: no such problem here
    trace = report.trace
    assert {answers for _text, answers in trace.measures} == {p.key for p in trace.problems}
    assert "既定支付进度" in seven  # the 支付进度 deduction is answered
    assert not [d for d in report.draft if "改进措施" in d or "没有对应的改进措施" in d]


# 9. a cost indicator is read against its adjusted budget ------------------------------------------


def test_point_9_a_cost_target_left_behind_by_a_budget_adjustment_is_the_problem_not_the_spending():
    facts = base_inputs().facts
    projects = tuple(
        replace(p, line=replace(p.line, additions=D("10000.00"), actual=D("125000.00")))
        if p.name == YOUTH
        else p
        for p in facts.projects
    )
    cost = goal("青少年科技教育活动支出", "产出指标", "成本指标", "≤", "12", "万元", "12.5")
    facts = replace(facts, projects=projects, goals=(cost,))
    kinds = {p.kind: p for p in derive_problems(facts, HUNAN)}
    assert ProblemKind.GOAL_MISSED not in kinds
    problem = kinds[ProblemKind.COST_TARGET_UNADJUSTED]
    assert f"即项目“{YOUTH}”年初预算，该预算追加至13万元后目标值未作调整" in problem.text
    assert "未超过调整后的预算" in problem.text
    (row,) = goal_rows_of(facts)
    assert (row.target, row.result) == ("≤12万元（预算调整后13万元）", "达成（按调整后预算）")


# 10. numbers as a reader recomputes them --------------------------------------------------------


def test_point_10_rates_are_recomputed_from_the_printed_operands_and_the_deduction_follows_them():
    text = render_txt(compose_evaluation_report(final(inputs_for(base_inputs().facts))))
    assert "48.9% / 50.0% × 100% = 97.8%" in text  # 48.94…/50 would print 97.9%
    assert "低于100%共2.2个百分点" in text
    assert not re.search(r"共\d+\.\d{2,}个百分点", text)
    for numerator, denominator, result in re.findall(r"([\d.]+)% / ([\d.]+)% × 100% = ([\d.]+)%", text):
        assert round(D(numerator) / D(denominator) * 100, 1) == D(result)


# 11. large movements are explained ----------------------------------------------------------------


def test_point_11_a_large_movement_asks_for_its_reason_and_the_report_states_it():
    data = inputs_for(base_inputs().facts)
    found = {m.key: m for m in movements(data.facts)}
    assert set(found) == {"project_actual", "personnel_addition"}  # 项目支出决算 −22.5%; staff fell, 追加
    draft = compose_evaluation_report(data)
    assert "项目支出决算比上年下降22.5%，尚未说明原因" in draft.draft
    assert any(item.startswith("在编人数减少而人员经费追加") for item in draft.draft)
    explained = compose_evaluation_report(final(data))
    text = render_txt(explained)
    assert (
        "项目支出决算38.6万元，比上年减少11.2万元，下降22.5%，主要原因是：按年度工作安排调整（测试）。"
        in text
    )
    assert not [d for d in explained.draft if "尚未说明原因" in d]


# 12. charts and tables ------------------------------------------------------------------------------


def test_point_12_san_gong_has_its_own_chart_every_chart_is_cited_and_no_image_carries_a_title():
    from jixiao.formats import charts

    report = compose_evaluation_report(final(inputs_for(base_inputs().facts)))
    drawn = [block for _depth, block in report.walk() if isinstance(block, Chart)]
    san_gong = [c for c in drawn if "三公" in c.title]
    assert len(san_gong) == 1 and san_gong[0].categories == (
        "因公出国（境）费",
        "公务接待费",
        "公务用车购置及运行维护费",
    )
    assert all("三公" not in "".join(c.categories) for c in drawn if c is not san_gong[0])
    text = render_txt(report)
    body = "\n".join(line for line in text.splitlines() if not re.match(r"图\d+　", line))
    for chart in drawn:
        assert f"见图{chart.number}" in body, chart.title
        assert charts._draw(chart).axes[0].get_title() == ""


def test_point_12_the_score_annex_has_a_scoring_standard_column_and_merged_category_cells():
    from docx import Document

    from jixiao.formats.docx_writer import render_docx

    data = final(inputs_for(base_inputs().facts))
    table = score_table(data)
    assert [cell.text for cell in table.header_rows[0]][:5] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "评分标准",
        "分值",
    ]
    spans = table.merged_spans(0)
    assert spans[0] == 3 and spans[1:3] == [0, 0]  # 投入 over its three rows
    document = Document(io.BytesIO(render_docx(compose_evaluation_report(data))))
    score = next(t for t in document.tables if "评分标准" in [c.text for c in t.rows[0].cells])
    assert "w:vMerge" in score._tbl.xml
    assert [cell.text for cell in score.columns[0].cells].count("投入") == 3  # one merged cell, read per row


def test_point_12_a_landscape_page_puts_its_number_where_the_portrait_pages_have_it():
    from docx import Document
    from docx.enum.section import WD_ORIENT

    from jixiao.formats.docx_writer import MARGIN_BOTTOM_MM, render_docx

    document = Document(
        io.BytesIO(render_docx(compose_evaluation_report(final(inputs_for(base_inputs().facts)))))
    )
    landscape = next(s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE)
    odd, even = landscape.footer._element.xml, landscape.even_page_footer._element.xml
    for xml in (odd, even):
        assert 'vert="vert"' in xml and "PAGE" in xml and 'relativeFrom="page"' in xml
        x = int(re.search(r'positionH relativeFrom="page">\s*<wp:posOffset>(\d+)', xml).group(1))
        assert x < MARGIN_BOTTOM_MM * 36000  # in the left margin: the portrait page's bottom edge
    y = lambda xml: int(re.search(r'positionV relativeFrom="page">\s*<wp:posOffset>(\d+)', xml).group(1))  # noqa: E731
    assert y(odd) > y(even)  # odd pages at the foot of the table side, even pages at its head
    portrait = document.sections[0]
    assert "vert" not in portrait.footer._element.xml


# no sentence twice, both outlines from the same facts ---------------------------------------------


@pytest.mark.parametrize("outline", OUTLINES)
def test_no_sentence_repeats_and_both_outlines_say_the_same_figures(outline):
    data = final(inputs_for(base_inputs().facts))
    report = compose_evaluation_report(data, outline)
    assert repeated_sentences(report) == []
    text = render_txt(report)
    for figure in (
        f"{data.score.total}分".replace(".00分", "分"),
        "缺口9.6万元",
        "48.9% / 50.0% × 100% = 97.8%",
    ):
        assert figure in text, (outline, figure)
    first = "一、部门概况" if outline == "changning-seven" else "一、部门（单位）基本情况"
    assert first in text


def test_the_hunan_outline_has_the_ten_parts_of_the_template():
    report = compose_evaluation_report(final(inputs_for(base_inputs().facts)), "hunan-ziping-ten")
    assert [s.heading for s in report.sections] == [
        "一、部门（单位）基本情况",
        "二、一般公共预算支出情况",
        "三、政府性基金预算支出情况",
        "四、国有资本经营预算支出情况",
        "五、社会保险基金预算支出情况",
        "六、部门整体支出绩效情况",
        "七、存在的问题及原因分析",
        "八、下一步改进措施",
        "九、部门整体支出绩效自评结果拟应用和公开情况",
        "十、其他需要说明的情况",
    ]
    two = next(s for s in report.sections if s.title == "一般公共预算支出情况")
    assert [c.title for c in two.children if hasattr(c, "title") and not isinstance(c, Chart)][:2] == [
        "基本支出",
        "项目支出",
    ]
    assert report.title == "2023年度常宁市科学技术协会部门整体支出绩效自评报告"
