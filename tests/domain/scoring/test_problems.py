"""Problems derived from the demo facts, each with its evidence, and the suggestions that follow."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from jixiao.domain.facts import (
    BudgetTransfer,
    FundKind,
    PersonnelProjection,
    SanGongFigures,
    SanGongItem,
)
from jixiao.domain.problems import (
    Evidence,
    ProblemKind,
    Severity,
    derive_problems,
    derive_suggestions,
    edited,
    problems_text,
    suggestions_text,
)


def by_kind(problems):
    return {problem.kind: problem for problem in problems}


def test_the_demo_department_shows_the_seeds_two_problems_first_and_the_others_after(kexie, hunan):
    kinds = [problem.kind for problem in derive_problems(kexie, hunan)]
    # the demo's 调剂 between basic and project carries its 批复文号 and its refused request moved
    # no money: neither is 串用
    assert kinds == [
        ProblemKind.UNQUANTIFIED_GOALS,
        ProblemKind.PERSONNEL_GAP,
        ProblemKind.LOW_EXECUTION,
        ProblemKind.GOAL_MISSED,
        ProblemKind.GOAL_FAR_EXCEEDED,
        ProblemKind.IDLE_ASSETS,
    ]


def test_unquantified_indicators_are_named_with_their_vague_targets(kexie, hunan):
    problem = by_kind(derive_problems(kexie, hunan))[ProblemKind.UNQUANTIFIED_GOALS]
    assert problem.text == (
        "部门整体绩效目标及指标设定过于宽泛，绩效目标不够明确，9项绩效指标中有3项没有量化评价指标"
        "（“科普活动质量”、“工作完成及时性”、“公民科学素质”），绩效目标对于年度工作开展缺乏指导性。"
    )
    assert problem.evidence[0] == Evidence(
        "科普活动质量", "产出指标/质量指标，定性指标，指标值“效果明显”未量化"
    )
    assert problem.severity is Severity.MEDIUM  # 3 of 9


def test_a_refused_request_and_an_approved_transfer_are_not_cross_use(kexie, hunan):
    """Issue 16 point 4: a request the budget control refused moved no money — the control worked.
    An approved 调剂 is a lawful adjustment. Neither is 串用."""
    assert kexie.cross_use_attempts and kexie.transfers[0].approval_document
    assert ProblemKind.CROSS_USE not in by_kind(derive_problems(kexie, hunan))


def test_an_unapproved_transfer_between_basic_and_project_is_cross_use_and_high_severity(kexie, hunan):
    unapproved = BudgetTransfer(date(2023, 11, 2), FundKind.PUBLIC, FundKind.PROJECT, D("5000.00"))
    facts = replace(kexie, transfers=(*kexie.transfers, unapproved), cross_use_attempts=())
    problem = by_kind(derive_problems(facts, hunan))[ProblemKind.CROSS_USE]
    assert problem.severity is Severity.HIGH
    assert problem.text == (
        "预算执行过程中存在不同科目预算资金串用问题，基本支出与项目支出之间未经批准调剂资金1笔，合计0.5万元。"
    )
    assert problem.evidence == (
        Evidence("2023年11月2日预算调剂", "由基本支出（公用经费）调入项目支出0.5万元，未见批复文号"),
    )
    assert problem.basis == "1笔基本支出与项目支出之间的调剂没有财政部门的批复文号"


def test_a_transfer_within_basic_spending_is_not_cross_use(kexie, hunan):
    within = BudgetTransfer(
        date(2023, 11, 2), FundKind.PUBLIC, FundKind.PERSONNEL, D("5000.00"), approval_document="x"
    )
    facts = replace(kexie, transfers=(within,), cross_use_attempts=())
    assert ProblemKind.CROSS_USE not in by_kind(derive_problems(facts, hunan))


def test_personnel_spending_projected_above_the_budget_is_a_gap_with_its_figures(kexie, hunan):
    problem = by_kind(derive_problems(kexie, hunan))[ProblemKind.PERSONNEL_GAP]
    assert problem.text == (
        "人员经费年初预算资金存在缺口，截至2023年6月30日测算全年人员经费支出137万元，"
        "超出人员经费年初预算127.4万元，缺口9.6万元（占年初预算的7.5%），年度执行中依靠追加预算和调剂弥补。"
    )
    assert problem.severity is Severity.HIGH
    # prose in 万元 only (issue 16 point 5: "115万元（1,150,000.00元）")
    assert problem.evidence[0] == Evidence("人员经费年初预算", "127.4万元")
    assert not any(re.search(r"\d(?:,\d{3})*(?:\.\d+)?元", e.detail) for e in problem.evidence)


def test_no_gap_when_the_projection_is_within_the_budget(kexie, hunan):
    within = PersonnelProjection(date(2023, 6, 30), D("1274049.00"), D("1274049.00"))
    assert ProblemKind.PERSONNEL_GAP not in by_kind(
        derive_problems(replace(kexie, personnel_projection=within), hunan)
    )


def test_execution_below_the_frameworks_line_names_the_project_and_its_rate(kexie, hunan):
    problem = by_kind(derive_problems(kexie, hunan))[ProblemKind.LOW_EXECUTION]
    assert problem.text == "预算执行进度偏慢，项目“学会学术交流经费”预算执行率为70.0%，低于90%的要求。"
    assert problem.evidence[0].detail.endswith("= 4.2 / 6 × 100% = 70.0%（金额单位：万元）")
    assert problem.severity is Severity.MEDIUM


def test_no_execution_problem_without_a_framework_line(kexie):
    assert ProblemKind.LOW_EXECUTION not in by_kind(derive_problems(kexie))


def test_a_rise_in_san_gong_is_a_problem_with_each_item_as_evidence(kexie, hunan):
    rising = tuple(
        SanGongFigures(f.item, f.budget, D("4100.00"), f.previous_budget, f.previous_actual)
        if f.item is SanGongItem.RECEPTION
        else f
        for f in kexie.san_gong
    )
    problem = by_kind(derive_problems(replace(kexie, san_gong=rising), hunan))[ProblemKind.SAN_GONG_RISE]
    assert problem.text == (
        "“三公”经费支出有所上升，全年“三公”经费完成0.41万元，比上年增加0.07万元，增长20.6%，"
        "其中公务接待费比上年增加0.07万元，增长20.6%。"
    )
    assert (
        Evidence("因公出国（境）费（30212）", "本年完成0万元，上年0万元，比上年增减0万元") in problem.evidence
    )


def test_the_demo_fall_in_san_gong_is_not_a_problem(kexie, hunan):
    assert ProblemKind.SAN_GONG_RISE not in by_kind(derive_problems(kexie, hunan))


def test_missed_goals_and_goals_exceeded_by_more_than_a_fifth(kexie, hunan):
    problems = by_kind(derive_problems(kexie, hunan))
    missed = problems[ProblemKind.GOAL_MISSED]
    assert [e.label for e in missed.evidence] == ["全国科普日活动受众人数", "公民科学素质"]
    assert missed.evidence[0].detail == "目标≥3000人，实际完成2500人，完成83.3%"
    exceeded = problems[ProblemKind.GOAL_FAR_EXCEEDED]
    # 30/24 = 1.25 is flagged; 6000/5000 = 1.2 exactly is not "exceeded by far".
    assert exceeded.evidence == (Evidence("科普下乡次数", "目标≥24次，实际完成30次，为目标值的125.0%"),)
    assert exceeded.severity is Severity.LOW


def test_a_ceiling_indicator_is_missed_by_going_over_it(kexie, hunan):
    from tests.domain.scoring.demo import goal

    cost = goal("青少年科技教育活动支出", "产出指标", "成本指标", "≤", "10", "万元", "10.78")
    problems = by_kind(derive_problems(replace(kexie, goals=(cost,)), hunan))
    missed = problems[ProblemKind.GOAL_MISSED]
    assert missed.evidence == (
        Evidence("青少年科技教育活动支出", "目标≤10万元，实际完成10.78万元，超出目标值7.8%"),
    )
    monitoring = derive_suggestions((missed,))[-1]
    assert "“青少年科技教育活动支出”等未达到目标的指标" in monitoring.items[0]


def test_idle_assets_are_listed_with_their_value(kexie, hunan):
    problem = by_kind(derive_problems(kexie, hunan))[ProblemKind.IDLE_ASSETS]
    assert problem.text == (
        "存在固定资产闲置现象，闲置资产2项，原值合计2.4万元，占固定资产原值的4.9%，资产使用效益有待提高。"
    )
    assert problem.evidence[0] == Evidence("投影仪（2016年购置）", "原值0.68万元，自2022年11月1日起闲置")


def test_a_project_scope_looks_only_at_that_projects_goals_and_execution(kexie, mof_project):
    assert derive_problems(kexie, mof_project, project="科普活动经费") == ()
    low = derive_problems(kexie, mof_project, project="学会学术交流经费")
    assert [p.text for p in low] == [
        "预算执行进度偏慢，项目“学会学术交流经费”预算执行率为70.0%，低于90%的要求。"
    ]


def test_each_measure_answers_a_problem_the_report_has(kexie, hunan):
    """Issue 16 point 8: no measure for a problem the report does not have, every problem answered,
    and a group printed only with measures for its own problems."""
    problems = derive_problems(kexie, hunan)
    suggestions = derive_suggestions(problems)
    keys = {p.key for p in problems}
    answered = {key for s in suggestions for key in s.follows_from}
    assert answered == keys
    for suggestion in suggestions:
        assert len(suggestion.items) == len(suggestion.follows_from)
    assert [s.heading for s in suggestions] == [
        "加强绩效管理理念，提高绩效目标编制质量",
        "提高资金使用的规范性",
        "加快预算执行进度，提高资金使用效益",
        "加强资产管理，提高资产使用效率",
        "加强绩效运行监控，确保绩效目标实现",
    ]
    assert "对“科普活动质量”、“工作完成及时性”、“公民科学素质”等指标明确指标值" in suggestions[0].items[2]


def test_a_measure_appears_only_with_its_problem(kexie, hunan):
    problems = tuple(p for p in derive_problems(kexie, hunan) if p.kind is ProblemKind.IDLE_ASSETS)
    (assets,) = derive_suggestions(problems)
    assert assets.heading == "加强资产管理，提高资产使用效率"
    assert assets.follows_from == ("资产闲置",)
    assert derive_suggestions(()) == ()


def test_problems_and_suggestions_print_as_the_seed_numbers_them(kexie, hunan):
    problems = derive_problems(kexie, hunan)
    assert problems_text(problems).splitlines()[0].startswith("1.部门整体绩效目标及指标设定过于宽泛")
    text = suggestions_text(derive_suggestions(problems))
    assert text.splitlines()[0] == "（一）加强绩效管理理念，提高绩效目标编制质量"
    assert text.splitlines()[1] == "1.提高思想认识，树立绩效管理理念，统一思想，重视绩效目标编制工作。"
    assert "（二）提高资金使用的规范性" in text


def test_the_officer_edits_and_confirms_a_problem_as_a_new_value(kexie, hunan):
    problem = derive_problems(kexie, hunan)[0]
    revised = edited(problem, text="部门整体绩效目标设定过于宽泛。")
    assert revised.confirmed and revised.text == "部门整体绩效目标设定过于宽泛。"
    assert revised.evidence == problem.evidence
    assert not problem.confirmed
