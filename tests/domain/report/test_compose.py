"""compose_evaluation_report: seven parts from plain inputs, every figure from the facts (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from jixiao.domain.problems import derive_problems, derive_suggestions
from jixiao.domain.report.compose import compose_evaluation_report, default_narratives
from jixiao.domain.report.document import Chart, Table
from jixiao.domain.report.inputs import (
    DepartmentProfileInputs,
    ExecutionLine,
    GoalRow,
    InternalUnit,
    ReportInputs,
)
from jixiao.domain.scoring import load_framework, points_text, score_department
from jixiao.formats.txt_writer import render_txt
from tests.domain.scoring.demo import changning_kexie_2023

HEADINGS = (
    "一、部门概况",
    "二、部门整体支出情况",
    "三、部门专项组织实施情况",
    "四、资产管理情况",
    "五、部门整体支出绩效情况",
    "六、存在的主要问题",
    "七、改进措施和建议",
)


def inputs(**changes) -> ReportInputs:
    facts = changning_kexie_2023()
    framework = load_framework(authority="湖南省", year=2023)
    problems = derive_problems(facts, framework, sheet=score_department(facts, framework))
    execution = (
        ExecutionLine("基本支出", facts.basic.initial, facts.basic.adjusted, facts.basic.actual),
        ExecutionLine(
            "项目支出", facts.project_total.initial, facts.project_total.adjusted, facts.project_total.actual
        ),
        ExecutionLine("合计", facts.total.initial, facts.total.adjusted, facts.total.actual, is_total=True),
    )
    base = ReportInputs(
        department=facts.department,
        year=2023,
        as_of=date(2024, 3, 31),
        profile=DepartmentProfileInputs(
            name="常宁市科学技术协会",
            nature="中共常宁市委领导下的正科级财政全额拨款单位",
            duties="主要开展科学普及等工作",
            staffing_quota=14,
            actual_staff=14,
            actual_staff_previous=15,
            retired=4,
            internal_units=(
                InternalUnit("办公室", "股室"),
                InternalUnit("科普股", "股室"),
                InternalUnit("科技服务中心", "中心"),
            ),
        ),
        section_two=("1.2023年，本部门年初预算支出208.4万元。",),
        execution=execution,
        facts=facts,
        score=score_department(facts, framework),
        problems=problems,
        suggestions=derive_suggestions(problems),
        monthly_spending=(D("150000.00"),) * 12,
        goal_rows=(GoalRow("产出指标/数量指标", "科普下乡次数", "≥24次", "30次", "达成"),),
        demo=True,
    )
    return replace(base, **changes)


def final_inputs() -> ReportInputs:
    """The inputs of a report with nothing missing: every problem confirmed by the officer and
    the year's large movements explained."""
    from jixiao.domain.problems import edited
    from jixiao.domain.report.movements import movements

    base = inputs()
    explained = (
        *tuple((m.narrative_key, "按年度工作安排调整（测试）") for m in movements(base.facts)),
        ("assets_management", "资产由办公室统一登记管理。"),
        ("work", "全年完成科普下乡30次。"),
    )
    problems = tuple(edited(p) for p in base.problems)
    return replace(base, problems=problems, suggestions=derive_suggestions(problems), narratives=explained)


def test_seven_parts_numbered_one_to_seven_with_the_seed_title():
    report = compose_evaluation_report(inputs())
    assert tuple(s.heading for s in report.sections) == HEADINGS
    assert report.title == "2023年度常宁市科学技术协会整体支出绩效评价报告"
    assert report.signature == "常宁市科学技术协会" and report.date == date(2024, 3, 31)
    assert report.demo


def test_overview_counts_units_and_staff_change_from_the_profiles():
    text = render_txt(compose_evaluation_report(inputs()))
    assert (
        "常宁市科学技术协会是中共常宁市委领导下的正科级财政全额拨款单位，主要开展科学普及等工作。"
        "根据编委核定，下设2个股室及1个中心。本单位年末实有在编人数14人，比上年减少1人，退休4人。"
    ) in text


def test_final_accounts_table_prints_execution_rates_and_the_total_row():
    report = compose_evaluation_report(inputs())
    tables = [b for _, b in report.walk() if isinstance(b, Table) and "决算" in b.caption]
    assert tables and tables[0].total_row
    total = tables[0].body_rows[-1]
    assert total[0] == "合计" and total[1] == "208.40"
    assert total[4].endswith("%")
    charts = [(b.number, b.title) for _, b in report.walk() if isinstance(b, Chart)]
    assert charts == [
        (1, "2023年度年初预算支出构成"),
        (2, "2023年与2022年年初预算对比"),
        (3, "2023年度“三公”经费预算与决算对比"),
        (4, "2023年度预算执行进度与序时进度"),
    ]
    assert total[3] == "213.65"  # 决算 of the facts, 万元 with two decimals


def test_score_and_grade_are_the_framework_s_and_annexes_carry_the_score_and_base_data_tables():
    data = final_inputs()
    report = compose_evaluation_report(data)
    assert not report.is_draft, report.draft
    text = render_txt(report)
    assert data.score.conclusion in text
    total = f"| 合计 |  |  | 评价等级：{data.score.grade.value} | 100 | {points_text(data.score.total)} |  |"
    assert total in text
    assert "附件1" in text and "附件2" in text and "财政供养人员情况" in text and "经费控制情况" in text
    assert "在职人员数 / 编制数 × 100%" in text


def test_a_saved_narrative_replaces_the_default_and_problems_print_with_evidence():
    defaults = default_narratives(inputs())
    assert "overview" in defaults and "assets_management" in defaults
    text = render_txt(
        compose_evaluation_report(inputs(narratives=(("assets_management", "资产由办公室统一管理。"),)))
    )
    assert "资产由办公室统一管理。" in text
    six = text.split("六、存在的主要问题")[1].split("七、")[0]
    assert six.startswith("\n1.") and "依据：" in six


def test_goal_rows_are_set_against_actual_results():
    text = render_txt(compose_evaluation_report(inputs()))
    assert "| 产出指标 | 数量指标 | 科普下乡次数 | ≥24次 | 30次 | 达成 |" in text
    empty = render_txt(compose_evaluation_report(inputs(goal_rows=None, projects=None, assets=None)))
    assert "尚未在系统中登记" in empty
