"""Every row of both shipped frameworks, scored as its source writes the rule: inputs → points.

One table per framework. Each case names the rule it checks (the words of domain-rules.md, with
the section), so a reader can hold the scoring against the source. A "不适用" outcome appears only
where the row's source states it, and then the score row cites that clause.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from jixiao.domain.facts import (
    Achievement,
    BudgetLine,
    ChecklistAnswer,
    FixedAssets,
    GoalIndicatorResult,
    IndicatorKind,
    ManualJudgement,
    PaymentCheckpoint,
    ProjectFacts,
    SanGongFigures,
    SanGongItem,
    WorkCompletion,
)
from jixiao.domain.scoring import RowStatus, load_framework, score_department, score_project

from .demo import changning_kexie_2023, goal

HUNAN = load_framework(authority="湖南省", year=2023)
MOF = load_framework(authority="财政部", year=2023)
Y = D("10000")  # one 万元, in 元


def staff(quota, actual):
    return lambda f: replace(f, staff_quota=quota, staff_actual=actual)


def sangong(budget, previous_budget, actual=D(0)):
    """Only 公务接待 carries figures (元)."""
    items = tuple(
        SanGongFigures(item, D(0), D(0), D(0), D(0))
        if item is not SanGongItem.RECEPTION
        else SanGongFigures(item, D(budget), D(actual), D(previous_budget), D(0))
        for item in SanGongItem
    )
    return lambda f: replace(f, san_gong=items)


def projects(*pairs):
    """(initial 元, is_key) per project."""
    return lambda f: replace(
        f,
        projects=tuple(
            ProjectFacts(f"项目{i}", BudgetLine(initial=D(initial), actual=D(0)), is_key=key)
            for i, (initial, key) in enumerate(pairs, start=1)
        ),
    )


def one_line(initial, additions=D(0), actual=D(0), carry=D(0)):
    """The whole department as one personnel line (元)."""
    return lambda f: replace(
        f,
        basic_personnel=BudgetLine(initial=D(initial), additions=D(additions), actual=D(actual)),
        basic_public=BudgetLine(initial=D(0), actual=D(0)),
        projects=(),
        carry_over_start=D(carry),
    )


def paid(spent, annual, planned="50"):
    return lambda f: replace(
        f, payment_checkpoint=PaymentCheckpoint(date(2023, 6, 30), D(spent), D(annual), D(planned))
    )


def surplus(end, start):
    return lambda f: replace(f, carry_over_end=D(end), carry_over_start=D(start))


def checklist(row, **met):
    return lambda f: replace(
        f,
        checklist=tuple(a for a in f.checklist if a.row_key != row)
        + tuple(ChecklistAnswer(row, key, ok, "" if ok else "抽查发现") for key, ok in met.items()),
    )


def judged(row, **kw):
    return lambda f: replace(
        f,
        judgements=(
            *tuple(j for j in f.judgements if j.row_key != row),
            ManualJudgement(row, "抽查记录", **kw),
        ),
    )


def public(budget, actual):
    return lambda f: replace(f, basic_public=BudgetLine(initial=D(budget), actual=D(actual)))


def procurement(budget, actual):
    return lambda f: replace(f, procurement_budget=D(budget), procurement_actual=D(actual))


def assets(in_use, total):
    return lambda f: replace(f, assets=FixedAssets(D(in_use), D(total)))


def work(**counts):
    return lambda f: replace(f, work=WorkCompletion(**counts))


def vague(name, level1="产出指标"):
    return GoalIndicatorResult(
        name, level1, "质量指标", IndicatorKind.QUALITATIVE, "效果明显", quantified=False
    )


def goals(*items, project=None):
    return lambda f: replace(f, goals=tuple(replace(g, project=project) for g in items))


def none(f):
    return f


# (row key, inputs in words, change to the demo facts, points, the rule as the source writes it)
HUNAN_CASES = [
    # 投入 · 预算配置 — 岳阳 table, domain-rules.md §3.1 [V]
    ("staff_control", "14 / 15 = 93.3%", staff(15, 14), "5", "§3.1 财政供养人员控制率: ≤100% → 5"),
    ("staff_control", "15 / 15 = 100.0%", staff(15, 15), "5", "§3.1: benchmark 100%, ≤100% → 5"),
    (
        "staff_control",
        "16 / 15 = 106.7%",
        staff(15, 16),
        "1.65",
        "§3.1: −0.5 per pp above (6.7 × 0.5 = 3.35)",
    ),
    ("staff_control", "30 / 15 = 200.0%", staff(15, 30), "0", "§3.1: floor 0"),
    (
        "san_gong_change",
        "budget 0.4 vs 0.5 = −20.0%",
        sangong(4000, 5000),
        "5",
        "§3.1 三公经费变动率: ≤0 → 5",
    ),
    ("san_gong_change", "budget 0.5 vs 0.5 = 0.0%", sangong(5000, 5000), "5", "§3.1: ≤0 → 5"),
    ("san_gong_change", "budget 0.52 vs 0.5 = 4.0%", sangong(5200, 5000), "3", "§3.1: >0 → −0.5 per pp"),
    (
        "san_gong_change",
        "both years 0",
        sangong(0, 0),
        "5",
        "§3.1: ≤0 → 5 (no budget either year is no rise)",
    ),
    (
        "san_gong_change",
        "0 last year, 0.3 this year",
        sangong(3000, 0),
        "0",
        "§3.1: a rise from nothing fails ≤0",
    ),
    (
        "key_spending",
        "38 / 44 = 86.4%",
        projects((380000, True), (60000, False)),
        "4",
        "§3.1: 80%(含)–90% → 4",
    ),
    ("key_spending", "90 / 100 = 90.0%", projects((900000, True), (100000, False)), "5", "§3.1: ≥90% → 5"),
    ("key_spending", "7 / 10 = 70.0%", projects((70000, True), (30000, False)), "3", "§3.1: 70%(含)–80% → 3"),
    ("key_spending", "6 / 10 = 60.0%", projects((60000, True), (40000, False)), "2", "§3.1: 60%(含)–70% → 2"),
    ("key_spending", "5 / 10 = 50.0%", projects((50000, True), (50000, False)), "0", "§3.1: <60% → 0"),
    (
        "key_spending",
        "no project spending",
        projects(),
        "5",
        "§7: items that do not apply score full (cited)",
    ),
    # 过程 · 预算执行 — §3.1 [V]
    ("budget_adjustment", "0 / 100", one_line(1000000), "3", "§3.1 预算调整率: =0 → 3"),
    ("budget_adjustment", "10 / 100 = 10.0%", one_line(1000000, 100000), "2", "§3.1: 0–10%(含) → 2"),
    ("budget_adjustment", "15 / 100 = 15.0%", one_line(1000000, 150000), "1", "§3.1: 10–20%(含) → 1"),
    ("budget_adjustment", "30 / 100 = 30.0%", one_line(1000000, 300000), "0.5", "§3.1: 20–30%(含) → 0.5"),
    ("budget_adjustment", "31 / 100 = 31.0%", one_line(1000000, 310000), "0", "§3.1: >30% → 0"),
    (
        "payment_progress",
        "45.4% / 50.0% = 90.8%",
        paid(981900, 2164000),
        "2",
        "rule assumed (YAML note): −0.5 per 5% below, part step whole",
    ),
    ("payment_progress", "50.0% / 50.0%", paid(500000, 1000000), "3", "assumed: 100% → 3"),
    ("payment_progress", "25.0% / 50.0% = 50.0%", paid(250000, 1000000), "0", "assumed: floor 0 (10 steps)"),
    ("carry_over", "结余 0, 上年结转 0", surplus(0, 0), "3", "§3.1 资金结余: No 结余 → 3"),
    ("carry_over", "结余 1.2, 上年结转 1.2", surplus(12000, 12000), "2", "§3.1: 结余 not above 上年结转 → 2"),
    ("carry_over", "结余 0.5, 上年结转 1.2", surplus(5000, 12000), "2", "§3.1: 结余 not above 上年结转 → 2"),
    (
        "carry_over",
        "结余 4.69, 上年结转 0 (the demo)",
        surplus(46900, 0),
        "0",
        "§3.1: 结余 above 上年结转 → 0",
    ),
    (
        "san_gong_control",
        "0.22 / 0.5 = 44.0%",
        sangong(5000, 5000, 2200),
        "6",
        "§3.1 三公经费控制率: ≤100% → 6",
    ),
    ("san_gong_control", "0.52 / 0.5 = 104.0%", sangong(5000, 5000, 5200), "2", "§3.1: −1 per pp above"),
    ("san_gong_control", "no budget, no spending", sangong(0, 0, 0), "6", "§3.1: ≤100% is actual ≤ budget"),
    (
        "san_gong_control",
        "no budget, 0.1 spent",
        sangong(0, 0, 1000),
        "0",
        "§3.1: spending without budget exceeds it",
    ),
    # 过程 · 预算管理 — §3.1 [V] for the first two rows
    (
        "finance_rules",
        "all three met",
        checklist("finance_rules", exists=True, lawful=True, applied=True),
        "3",
        "§3.1: ①1 ②1 ③1",
    ),
    (
        "finance_rules",
        "not applied",
        checklist("finance_rules", exists=True, lawful=True, applied=False),
        "2",
        "§3.1: ③ effectively applied 1",
    ),
    (
        "funds_compliance",
        "no violation",
        checklist(
            "funds_compliance", regulations=True, approval=True, assessment=True, purpose=True, no_misuse=True
        ),
        "3",
        "§3.1: five checks",
    ),
    (
        "funds_compliance",
        "two violations",
        checklist(
            "funds_compliance",
            regulations=True,
            approval=False,
            assessment=True,
            purpose=True,
            no_misuse=False,
        ),
        "1",
        "§3.1: −1 per violation",
    ),
    (
        "funds_compliance",
        "four violations",
        checklist(
            "funds_compliance",
            regulations=False,
            approval=False,
            assessment=False,
            purpose=False,
            no_misuse=True,
        ),
        "0",
        "§3.1: −1 per violation, floor 0",
    ),
    (
        "disclosure",
        "a person's 1.5",
        judged("disclosure", score=D("1.5")),
        "1.5",
        "§3.1 (text cut off): a manual score with evidence",
    ),
    (
        "disclosure",
        "not yet judged",
        lambda f: replace(f, judgements=()),
        "0",
        "no score without evidence; the row stays unscored",
    ),
    (
        "budget_completion",
        "97.8%",
        one_line(2164000, actual=2117100),
        "2",
        "§3.3 (scaled to 3): −1 per 5% below, part step whole",
    ),
    ("budget_completion", "100.0%", one_line(1000000, actual=1000000), "3", "§3.3: 100% → full"),
    ("budget_completion", "89.0%", one_line(1000000, actual=890000), "0", "§3.3: three steps below → 0"),
    ("public_expense_control", "44.08 / 46.4 = 95.0%", public(464000, 440800), "2", "assumed: ≤100% → 2"),
    ("public_expense_control", "105.0%", public(100000, 105000), "1", "assumed: −0.2 per pp above"),
    (
        "public_expense_control",
        "no budget, no spending",
        public(0, 0),
        "2",
        "assumed rule as comparison: actual ≤ budget",
    ),
    ("procurement", "3.68 / 4 = 92.0%", procurement(40000, 36800), "1.84", "assumed: 2 × rate (capped 100%)"),
    ("procurement", "4.2 / 4 = 105.0%", procurement(40000, 42000), "2", "assumed: capped at 100%"),
    (
        "procurement",
        "no procurement budget",
        procurement(0, 0),
        "2",
        "§7: items that do not apply score full (cited)",
    ),
    # 过程 · 绩效管理 [A]
    (
        "goal_clarity",
        "2 of 2 quantified",
        goals(
            goal("甲", "产出指标", "数量指标", "≥", "1", "次", "1"),
            goal("乙", "产出指标", "数量指标", "≥", "1", "次", "1"),
        ),
        "3",
        "§1.2 清晰、细化、可衡量: 3 × share",
    ),
    (
        "goal_clarity",
        "1 of 2 quantified",
        goals(goal("甲", "产出指标", "数量指标", "≥", "1", "次", "1"), vague("乙")),
        "1.5",
        "assumed: 3 × 1/2",
    ),
    # 过程 · 资产管理 [A]
    ("asset_rules", "both met", checklist("asset_rules", exists=True, ledger=True), "2", "assumed checklist"),
    (
        "asset_rules",
        "no ledger",
        checklist("asset_rules", exists=True, ledger=False),
        "1",
        "assumed checklist",
    ),
    (
        "asset_safety",
        "达成",
        judged("asset_safety", level=Achievement.ACHIEVED),
        "2",
        "§2.1 three bands: 达成 100%–80%",
    ),
    (
        "asset_safety",
        "部分达成",
        judged("asset_safety", level=Achievement.PARTLY),
        "1.4",
        "§2.1: 部分达成 80%–60% (default 70%)",
    ),
    (
        "asset_safety",
        "未达成",
        judged("asset_safety", level=Achievement.NOT_ACHIEVED),
        "0.6",
        "§2.1: 未达成 60%–0 (default 30%)",
    ),
    ("asset_utilisation", "68.25 / 68.7 = 99.3%", assets(682500, 687000), "3", "assumed: ≥95% → 3"),
    ("asset_utilisation", "92.0%", assets(92000, 100000), "2", "assumed: 90%(含)–95% → 2"),
    ("asset_utilisation", "79.0%", assets(79000, 100000), "0", "assumed: <80% → 0"),
    (
        "asset_utilisation",
        "no fixed assets",
        assets(0, 0),
        "3",
        "§7: items that do not apply score full (cited)",
    ),
    # 产出 · 职责履行 [A]
    ("completion", "6 / 6", work(planned=6, completed=6), "7", "§7 proportional: 7 × rate"),
    ("completion", "5 / 6 = 83.3%", work(planned=6, completed=5), "5.83", "§7: 7 × 83.3%"),
    ("timeliness", "6 / 6", work(planned=6, timely=6), "6", "§7 proportional"),
    ("timeliness", "3 / 6 = 50.0%", work(planned=6, timely=3), "3", "§7: 6 × 50%"),
    ("quality", "5 / 6 = 83.3%", work(planned=6, quality_passed=5), "5", "§7: 6 × 83.3% = 4.998"),
    ("quality", "6 / 6", work(planned=6, quality_passed=6), "6", "§7 proportional"),
    ("key_work", "3 / 3", work(key_assigned=3, key_done=3), "6", "assumed: 100% → 6"),
    (
        "key_work",
        "2 / 3 = 66.7%",
        work(key_assigned=3, key_done=2),
        "0",
        "assumed: −1 per 5% below (7 steps), floor 0",
    ),
    ("key_work", "19 / 20 = 95.0%", work(key_assigned=20, key_done=19), "5", "assumed: one 5% step"),
    # 效果 · 履职效益 — 财预〔2020〕10号 self-evaluation, §2.1 [U]
    (
        "benefits",
        "reached",
        goals(goal("受益", "效益指标", "社会效益指标", "≥", "100", "人", "120")),
        "12",
        "§2.1: reached → full",
    ),
    (
        "benefits",
        "80 of 100",
        goals(goal("受益", "效益指标", "社会效益指标", "≥", "100", "人", "80")),
        "9.6",
        "§2.1: not reached → points × actual/target",
    ),
    ("benefits", "none set", goals(), "0", "no 效益 goal: unscored, never full"),
    (
        "satisfaction",
        "96.2% ≥ 90%",
        goals(goal("满意度", "满意度指标", "服务对象满意度指标", "≥", "90", "%", "96.2")),
        "8",
        "§2.1: reached → full",
    ),
    (
        "satisfaction",
        "72% of 90%",
        goals(goal("满意度", "满意度指标", "服务对象满意度指标", "≥", "90", "%", "72")),
        "6.4",
        "§2.1: 8 × 72/90",
    ),
]

PROJECT = "项目1"


def project_line(adjusted, actual):
    return lambda f: replace(
        f,
        projects=(ProjectFacts(PROJECT, BudgetLine(initial=D(adjusted), actual=D(actual))),),
        carry_over_start=D(0),
    )


def project_goals(*items):
    def change(f):
        f = project_line(100000, 100000)(f)
        return replace(f, goals=tuple(replace(g, project=PROJECT) for g in items))

    return change


MOF_CASES = [
    ("execution", "100.0%", project_line(100000, 100000), "10", "§2.2: min(执行率, 100%) × 10"),
    ("execution", "95.8%", project_line(460000, 440900), "9.58", "§2.2: 10 × 95.8%"),
    (
        "outputs",
        "two reached",
        project_goals(
            goal("次数", "产出指标", "数量指标", "≥", "10", "次", "12"),
            goal("成本", "产出指标", "成本指标", "≤", "5", "万元", "4.8"),
        ),
        "50",
        "§2.1: reached → full",
    ),
    (
        "outputs",
        "one at half",
        project_goals(
            goal("次数", "产出指标", "数量指标", "≥", "10", "次", "5"),
            goal("成本", "产出指标", "成本指标", "≤", "5", "万元", "4.8"),
        ),
        "37.5",
        "§2.1: 25 × 5/10 + 25",
    ),
    (
        "outputs",
        "cost 10% over",
        project_goals(goal("成本", "产出指标", "成本指标", "≤", "10", "万元", "11")),
        "45.45",
        "§2.1: a ceiling scores target/actual",
    ),
    (
        "benefits",
        "部分达成",
        project_goals(replace(vague("效益", "效益指标"), achievement=Achievement.PARTLY, evidence="抽样")),
        "21",
        "§2.1: 部分达成 80%–60% (default 70%)",
    ),
    (
        "satisfaction",
        "93% ≥ 90%",
        project_goals(goal("满意", "满意度指标", "服务对象满意度指标", "≥", "90", "%", "93")),
        "10",
        "§2.1: reached → full",
    ),
]


def _cases(cases):
    return [pytest.param(*case, id=f"{case[0]}: {case[1]}") for case in cases]


@pytest.mark.parametrize(("key", "inputs", "change", "points", "rule"), _cases(HUNAN_CASES))
def test_hunan_row_scores_as_its_source_writes_it(key, inputs, change, points, rule):
    row = score_department(change(changning_kexie_2023()), HUNAN).row(key)
    assert row.score == D(points), (
        f"{row.name}（{inputs}）按“{rule}”应得{points}分：{row.reason or row.basis}"
    )


@pytest.mark.parametrize(("key", "inputs", "change", "points", "rule"), _cases(MOF_CASES))
def test_mof_project_row_scores_as_its_source_writes_it(key, inputs, change, points, rule):
    row = score_project(change(changning_kexie_2023()), MOF, PROJECT).row(key)
    assert row.score == D(points), (
        f"{row.name}（{inputs}）按“{rule}”应得{points}分：{row.reason or row.basis}"
    )


@pytest.mark.parametrize(
    ("framework", "cases"), [(HUNAN, HUNAN_CASES), (MOF, MOF_CASES)], ids=["湖南", "财政部"]
)
def test_every_row_of_each_shipped_framework_has_a_case_and_a_citation(framework, cases):
    assert {row.key for row in framework.rows} == {case[0] for case in cases}
    assert all(row.cite.startswith("domain-rules.md §") for row in framework.rows)


def test_not_applicable_appears_only_on_rows_whose_source_states_it_and_the_row_cites_the_clause():
    stated = {row.key for row in HUNAN.rows if row.zero_denominator and row.zero_denominator.score == "full"}
    assert stated == {"key_spending", "procurement", "asset_utilisation"}
    facts = projects()(changning_kexie_2023())
    row = score_department(facts, HUNAN).row("key_spending")
    assert row.status is RowStatus.NOT_APPLICABLE
    assert "湖南评分表对部门不涉及的事项计满分" in row.basis and "domain-rules.md §7" in row.basis


def test_the_surplus_rule_is_not_a_change_rate_and_has_no_not_applicable_path():
    """Issue 16 point 1: 结余 4.69万元 with 上年结转 0 scored 3/3 as “分母为零不适用”; by the rule it is 0."""
    row = score_department(surplus(46900, 0)(changning_kexie_2023()), HUNAN).row("carry_over")
    assert row.status is RowStatus.SCORED
    assert row.score == 0
    assert row.reason == "年末结转结余4.69万元，超过上年结转结余0万元，得0分，扣3分"
    assert HUNAN.row("carry_over").zero_denominator is None
