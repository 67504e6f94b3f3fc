"""Problems found in one department-year, each with its evidence, and the measures that answer them.

These are drafts for 存在的主要问题 and 改进措施和建议: plain values the finance officer edits
(``edited``) and confirms before they enter the report. Two sources:

- the facts (goals not quantified, unapproved cross-use, the personnel gap, slow execution, 三公
  rising, goals missed or far exceeded, 成本 targets left behind by a budget adjustment, 督查
  findings not rectified, idle assets);
- the score sheet: every deduction that no problem above explains becomes a problem of its topic
  (预算执行, 职责履行 …), so that no point is lost without the report saying why.

A refused spending request is not a problem: the budget control refused it, so the control worked
(the report says so in its 专项管理 part). Each problem carries one natural clause for its 依据
line (``basis``) and the detailed records behind it (``evidence``, printed in an annex). Each measure
answers exactly one problem (``Measure.answers``). Wording is data
(``jixiao/data/frameworks/advice/problems-suggestions.yaml``), in the seed report's style.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

from jixiao.data import parse_yaml
from jixiao.domain.facts import ZERO, DepartmentYearFacts, IndicatorKind, SanGongItem
from jixiao.domain.indicators import (
    budget_completion_rate,
    budget_execution_rate,
    cost_budget_links,
    with_adjusted_cost_targets,
)
from jixiao.domain.money import HUNDRED, percent_text, wan
from jixiao.domain.scoring import (
    DEFAULT_QUALITATIVE_BANDS,
    Checklist,
    Framework,
    GoalIndicators,
    Manual,
    Qualitative,
    RowStatus,
    ScoreRow,
    ScoreSheet,
    Surplus,
    goal_fraction,
    points_text,
)
from jixiao.domain.wording import CONTROL_WORDING, change_text

ADVICE_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "frameworks" / "advice" / "problems-suggestions.yaml"
)
FAR_EXCEED_RATIO = Decimal("1.2")
DEDUCTION_PREFIX = "扣分事项"


class Severity(Enum):
    HIGH = "高"
    MEDIUM = "中"
    LOW = "低"


class ProblemKind(Enum):
    UNQUANTIFIED_GOALS = "绩效指标未量化"
    CROSS_USE = "不同科目预算资金串用"
    PERSONNEL_GAP = "人员经费缺口"
    LOW_EXECUTION = "预算执行率偏低"
    SAN_GONG_RISE = "“三公”经费上升"
    GOAL_MISSED = "绩效指标未完成"
    GOAL_FAR_EXCEEDED = "绩效指标超额完成过多"
    COST_TARGET_UNADJUSTED = "成本指标目标值未随预算调整"
    INSPECTION_OPEN = "督查问题未整改"
    IDLE_ASSETS = "资产闲置"
    DEDUCTION = DEDUCTION_PREFIX


@dataclass(frozen=True, slots=True)
class Evidence:
    """One record or figure behind a problem: what it is, and what it shows (printed in the annex)."""

    label: str
    detail: str


@dataclass(frozen=True, slots=True)
class Problem:
    """``key`` names the problem across versions (kind, or 扣分事项:topic); ``covers`` are the score
    rows whose deductions it explains; ``basis`` is its 依据 line, one clause."""

    kind: ProblemKind
    severity: Severity
    text: str
    evidence: tuple[Evidence, ...]
    params: tuple[tuple[str, str], ...] = ()
    confirmed: bool = False
    basis: str = ""
    covers: tuple[str, ...] = ()
    topic: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.topic}" if self.topic else self.kind.value

    def param(self, name: str) -> str:
        return dict(self.params).get(name, "")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A group of measures under one heading; ``follows_from[i]`` is the key of the problem that
    ``items[i]`` answers."""

    heading: str
    items: tuple[str, ...]
    follows_from: tuple[str, ...]
    confirmed: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "follows_from", tuple(str(k) for k in self.follows_from))


def edited(value: Problem | Suggestion, *, confirm: bool = True, **changes: Any) -> Problem | Suggestion:
    """The finance officer's edit: a new value with the changed text, marked confirmed."""
    return dataclasses.replace(value, confirmed=confirm, **changes)


@lru_cache(maxsize=4)
def _advice(path: str) -> dict[str, Any]:
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def advice(advice_file: Path | None = None) -> dict[str, Any]:
    return _advice(str(advice_file or ADVICE_FILE))


def _make(
    kind: ProblemKind,
    severity: Severity,
    evidence: list[Evidence],
    advice_file: Path | None,
    *,
    basis: str,
    covers: tuple[str, ...] = (),
    **params: str,
) -> Problem:
    return Problem(
        kind=kind,
        severity=severity,
        text=advice(advice_file)["problems"][kind.value].format(**params).strip(),
        evidence=tuple(evidence),
        params=tuple(params.items()),
        basis=basis,
        covers=covers,
    )


def _date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _md(value: date) -> str:
    return f"{value.month}月{value.day}日"


def _names(names: list[str], limit: int = 5) -> str:
    shown = "、".join(f"“{name}”" for name in names[:limit])
    return shown + (f"等{len(names)}项" if len(names) > limit else "")


def _amount(goal, value: Decimal | None) -> str:
    """A goal's figure as prose writes it: money of 1万元 or more in 万元, the rest as recorded."""
    if value is None:
        return ""
    if goal.unit == "元" and abs(value) >= 10000:
        return wan(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}{goal.unit}"


# --- problems from the facts ---------------------------------------------------------------------


def _unquantified(facts: DepartmentYearFacts, project: str | None, advice_file: Path | None) -> list[Problem]:
    goals = facts.goals_for(project)
    vague = [goal for goal in goals if not goal.quantified]
    if not vague:
        return []
    evidence = [
        Evidence(
            goal.name,
            f"{goal.level1}/{goal.level2}，{goal.kind.value}指标，指标值“{goal.target_text or '（空）'}”未量化",
        )
        for goal in vague
    ]
    severity = Severity.HIGH if len(vague) * 2 >= len(goals) else Severity.MEDIUM
    return [
        _make(
            ProblemKind.UNQUANTIFIED_GOALS,
            severity,
            evidence,
            advice_file,
            basis=f"绩效目标表中{len(vague)}项指标只有文字描述，没有指标值和计量单位",
            covers=("goal_clarity",),
            total=str(len(goals)),
            count=str(len(vague)),
            names=_names([goal.name for goal in vague]),
        )
    ]


def _cross_use(facts: DepartmentYearFacts, advice_file: Path | None) -> list[Problem]:
    """Money actually moved between 基本支出 and 项目支出 without the finance bureau's approval.

    Approved 调剂 are lawful adjustments; refused requests never moved money (the control worked):
    neither is 串用."""
    transfers = [t for t in facts.transfers if t.crosses_basic_and_project and not t.approval_document]
    if not transfers:
        return []
    total = sum((t.amount for t in transfers), ZERO)
    evidence = [
        Evidence(
            f"{_date(t.on)}预算调剂",
            f"由{t.source.label}调入{t.target.label}{wan(t.amount)}"
            + (f"，{t.description}" if t.description else "")
            + "，未见批复文号",
        )
        for t in transfers
    ]
    return [
        _make(
            ProblemKind.CROSS_USE,
            Severity.HIGH,
            evidence,
            advice_file,
            basis=f"{len(transfers)}笔基本支出与项目支出之间的调剂没有财政部门的批复文号",
            covers=("funds_compliance",),
            details=f"基本支出与项目支出之间未经批准调剂资金{len(transfers)}笔，合计{wan(total)}",
        )
    ]


def _personnel_gap(facts: DepartmentYearFacts, advice_file: Path | None) -> list[Problem]:
    projection = facts.personnel_projection
    if projection is None or projection.gap <= 0:
        return []
    share = (
        None if projection.personnel_budget == 0 else projection.gap * HUNDRED / projection.personnel_budget
    )
    severity = Severity.HIGH if share is None or share >= 5 else Severity.MEDIUM
    year_end = projection.as_of.month == 12 and projection.as_of.day == 31
    spending = "全年人员经费支出" if year_end else f"截至{_date(projection.as_of)}测算全年人员经费支出"
    evidence = [
        Evidence("人员经费年初预算", wan(projection.personnel_budget)),
        Evidence(
            "全年人员经费支出" if year_end else f"截至{_date(projection.as_of)}测算的全年人员经费支出",
            wan(projection.projected_spending) + (f"（{projection.basis}）" if projection.basis else ""),
        ),
        Evidence("缺口", f"{wan(projection.gap)}，占年初预算的{percent_text(share)}"),
    ]
    return [
        _make(
            ProblemKind.PERSONNEL_GAP,
            severity,
            evidence,
            advice_file,
            basis=f"人员经费年初预算{wan(projection.personnel_budget)}，低于全年人员经费实际需要",
            spending=spending,
            projected=wan(projection.projected_spending),
            budget=wan(projection.personnel_budget),
            gap=wan(projection.gap),
            share=percent_text(share),
        )
    ]


def _low_execution(
    facts: DepartmentYearFacts, framework: Framework | None, project: str | None, advice_file: Path | None
) -> list[Problem]:
    if framework is None or framework.execution_rate_line is None:
        return []
    line = framework.execution_rate_line
    parts: list[str] = []
    evidence: list[Evidence] = []
    lowest = None
    scope = (
        budget_completion_rate(facts, project) if project is None else budget_execution_rate(facts, project)
    )
    if scope.computed and scope.percent < line:
        who = "部门全年" if project is None else f"项目“{project}”"
        parts.append(f"{who}{scope.name}为{percent_text(scope.percent)}")
        evidence.append(Evidence(scope.name, scope.text))
        lowest = scope.percent
    if project is None:
        for item in facts.projects:
            value = budget_execution_rate(facts, item.name)
            if value.computed and value.percent < line:
                parts.append(f"项目“{item.name}”预算执行率为{percent_text(value.percent)}")
                evidence.append(Evidence(f"项目“{item.name}”预算执行率", value.text))
                lowest = value.percent if lowest is None else min(lowest, value.percent)
    if not parts:
        return []
    severity = Severity.HIGH if lowest < line - 20 else Severity.MEDIUM
    return [
        _make(
            ProblemKind.LOW_EXECUTION,
            severity,
            evidence,
            advice_file,
            basis=f"{'、'.join(parts)}（计算过程见附件1）",
            covers=("budget_completion", "execution"),
            details="，".join(parts),
            line=points_text(line),
        )
    ]


def _san_gong_rise(facts: DepartmentYearFacts, advice_file: Path | None) -> list[Problem]:
    current = facts.san_gong_total("actual")
    previous = facts.san_gong_total("previous_actual")
    if current is None or previous is None or current <= previous:
        return []
    rising: list[str] = []
    evidence: list[Evidence] = []
    for item in SanGongItem:
        figures = facts.san_gong_item(item)
        if figures is None or figures.actual is None or figures.previous_actual is None:
            continue
        evidence.append(
            Evidence(
                f"{item.label}（{item.code}）",
                f"本年完成{wan(figures.actual)}，上年{wan(figures.previous_actual)}，"
                f"{change_text(figures.actual, figures.previous_actual, CONTROL_WORDING)}",
            )
        )
        if figures.actual > figures.previous_actual:
            rising.append(
                f"{item.label}{change_text(figures.actual, figures.previous_actual, CONTROL_WORDING)}"
            )
    return [
        _make(
            ProblemKind.SAN_GONG_RISE,
            Severity.MEDIUM,
            evidence,
            advice_file,
            basis=f"“三公”经费决算{wan(current)}，上年{wan(previous)}",
            current=wan(current),
            change=change_text(current, previous, CONTROL_WORDING),
            items=("，其中" + "；".join(rising)) if rising else "",
        )
    ]


def _goal_results(
    facts: DepartmentYearFacts,
    framework: Framework | None,
    project: str | None,
    ratio: Decimal,
    advice_file: Path | None,
) -> list[Problem]:
    bands = framework.qualitative_bands if framework is not None else DEFAULT_QUALITATIVE_BANDS
    missed: list[tuple[str, Evidence, Decimal, str]] = []
    exceeded: list[tuple[str, Evidence]] = []
    for goal in facts.goals_for(project):
        quantitative = (
            goal.kind is IndicatorKind.QUANTITATIVE
            and goal.quantified
            and goal.operator is not None
            and goal.target is not None
            and goal.actual is not None
        )
        if quantitative:
            fraction, _ = goal_fraction(goal, bands)
            target = goal.adjusted_target if goal.adjusted_target is not None else goal.target
            desc = f"目标{goal.operator}{_amount(goal, target)}，实际完成{_amount(goal, goal.actual)}"
            if fraction < 1:
                if goal.operator in ("≤", "<") and target > 0:
                    # A ceiling (成本、支出控制数) is missed by going over it, not by falling short.
                    over = (goal.actual - target) * HUNDRED / target
                    detail = f"{desc}，超出目标值{percent_text(over)}"
                else:
                    detail = f"{desc}，完成{percent_text(fraction * HUNDRED)}"
                missed.append((goal.name, Evidence(goal.name, detail), fraction, goal.level1))
            elif goal.operator in ("≥", ">", "=") and goal.target > 0 and goal.actual / goal.target > ratio:
                exceeded.append(
                    (
                        goal.name,
                        Evidence(
                            goal.name,
                            f"{desc}，为目标值的{percent_text(goal.actual * HUNDRED / goal.target)}",
                        ),
                    )
                )
        elif goal.achievement is not None and goal.achievement.value != "达成":
            fraction, _ = goal_fraction(goal, bands)
            missed.append(
                (
                    goal.name,
                    Evidence(
                        goal.name,
                        f"目标“{goal.target_display}”，评定为“{goal.achievement.value}”"
                        + (f"：{goal.evidence}" if goal.evidence else ""),
                    ),
                    fraction,
                    goal.level1,
                )
            )
    problems: list[Problem] = []
    if missed:
        severity = (
            Severity.HIGH
            if any(fraction < Decimal("0.6") for _, _, fraction, _ in missed)
            else Severity.MEDIUM
        )
        covers = tuple(
            key
            for key, level in (
                ("outputs", "产出指标"),
                ("benefits", "效益指标"),
                ("satisfaction", "满意度指标"),
            )
            if any(level1 == level for *_, level1 in missed)
        )
        problems.append(
            _make(
                ProblemKind.GOAL_MISSED,
                severity,
                [evidence for _, evidence, _, _ in missed],
                advice_file,
                basis=f"绩效目标表中{len(missed)}项指标的年末实际完成值未达到年度指标值",
                covers=covers,
                details="；".join(f"“{name}”{evidence.detail}" for name, evidence, _, _ in missed),
                names=_names([name for name, *_ in missed]),
            )
        )
    if exceeded:
        problems.append(
            _make(
                ProblemKind.GOAL_FAR_EXCEEDED,
                Severity.LOW,
                [evidence for _, evidence in exceeded],
                advice_file,
                basis=f"{len(exceeded)}项指标的实际完成值超过年度指标值的{percent_text(ratio * HUNDRED, 0)}",
                details="；".join(f"“{name}”{evidence.detail}" for name, evidence in exceeded),
                names=_names([name for name, _ in exceeded]),
            )
        )
    return problems


def _cost_targets(facts: DepartmentYearFacts, advice_file: Path | None) -> list[Problem]:
    goals = {goal.name: goal for goal in facts.goals}
    links = [link for link in cost_budget_links(facts) if link.changed]
    if not links:
        return []
    parts, evidence = [], []
    for link in links:
        goal = goals[link.goal]
        moved = "追加" if link.adjusted > link.initial else "调减"
        part = (
            f"“{link.goal}”目标值{goal.operator}{_amount(goal, link.target)}即{link.line}年初预算，"
            f"该预算{moved}至{wan(link.adjusted)}后目标值未作调整"
        )
        if goal.actual is not None:
            part += f"，实际{_amount(goal, goal.actual)}"
            part += "，未超过调整后的预算" if goal.actual <= link.adjusted_target else "，超过调整后的预算"
        parts.append(part)
        evidence.append(
            Evidence(
                link.goal,
                f"目标{goal.operator}{_amount(goal, link.target)}；{link.line}年初预算{wan(link.initial)}，"
                f"调整后预算{wan(link.adjusted)}"
                + (f"；实际{_amount(goal, goal.actual)}" if goal.actual is not None else ""),
            )
        )
    return [
        _make(
            ProblemKind.COST_TARGET_UNADJUSTED,
            Severity.MEDIUM,
            evidence,
            advice_file,
            basis=f"{len(links)}项成本指标的目标值等于其预算的年初数，预算调整后未同步调整",
            details="；".join(parts),
            names=_names([link.goal for link in links]),
        )
    ]


def _inspections(facts: DepartmentYearFacts, as_of: date, advice_file: Path | None) -> list[Problem]:
    open_findings = [f for f in facts.inspections if f.open_at(as_of)]
    if not open_findings:
        return []
    parts, evidence = [], []
    for finding in open_findings:
        part = f"专项“{finding.project}”{_md(finding.on)}督查发现“{finding.finding}”"
        if finding.due is not None and finding.due < as_of:
            part += f"，整改期限{_md(finding.due)}已过"
        part += "，至今尚未整改销号"
        parts.append(part)
        evidence.append(
            Evidence(
                f"{_date(finding.on)}督查（专项“{finding.project}”）",
                f"发现：{finding.finding}"
                + (f"；整改期限{_date(finding.due)}" if finding.due else "")
                + (f"；整改情况：{finding.rectification}" if finding.rectification else "；尚未销号"),
            )
        )
    projects = list(dict.fromkeys(f.project for f in open_findings))
    shortfall_tasks = {s.task for s in facts.work.shortfalls if "质量未达标" in s.aspects}
    covers = ("quality",) if any(p in shortfall_tasks for p in projects) else ()
    return [
        _make(
            ProblemKind.INSPECTION_OPEN,
            Severity.MEDIUM,
            evidence,
            advice_file,
            basis=f"专项督查记录中有{len(open_findings)}项需整改的问题尚未销号",
            covers=covers,
            details="；".join(parts),
            names=_names(projects),
        )
    ]


def _idle_assets(facts: DepartmentYearFacts, advice_file: Path | None) -> list[Problem]:
    assets = facts.assets
    if assets is None or not assets.idle:
        return []
    share = None if assets.total_value == 0 else assets.idle_value * HUNDRED / assets.total_value
    severity = Severity.MEDIUM if share is not None and share >= 10 else Severity.LOW
    evidence = [
        Evidence(
            asset.name,
            f"原值{wan(asset.original_value)}"
            + (f"，自{_date(asset.idle_since)}起闲置" if asset.idle_since else "")
            + (f"，{asset.note}" if asset.note else ""),
        )
        for asset in assets.idle
    ]
    return [
        _make(
            ProblemKind.IDLE_ASSETS,
            severity,
            evidence,
            advice_file,
            basis=f"固定资产台账中{_names([a.name for a in assets.idle], 3)}处于闲置状态",
            covers=("asset_utilisation", "asset_safety"),
            count=str(len(assets.idle)),
            amount=wan(assets.idle_value),
            share=percent_text(share),
        )
    ]


# --- problems from the score sheet ---------------------------------------------------------------


def _value_text(row: ScoreRow) -> str:
    value = row.indicator
    if value is None or value.percent is None:
        return ""
    return percent_text(value.percent)


def _tasks_text(facts: DepartmentYearFacts, aspect: str) -> str:
    tasks = [s for s in facts.work.shortfalls if aspect in s.aspects]
    if not tasks:
        return "未完成的任务未在年度任务完成情况中列明"
    parts = []
    for task in tasks:
        part = f"年度任务“{task.task}”{aspect}"
        if task.evidence:
            part += f"（{task.evidence.rstrip('。')}）"
        parts.append(part)
    return "，".join(parts)


_ROW_ASPECT = {
    "completion": "未完成",
    "timeliness": "未按时完成",
    "quality": "质量未达标",
    "key_work": "重点工作未办结",
}


def _checklist_text(row_key: str, facts: DepartmentYearFacts, rule: Checklist) -> str:
    answers = facts.checklist_answers(row_key)
    unmet = []
    for item in rule.items:
        answer = answers.get(item.key)
        if answer is None:
            unmet.append(f"“{item.text}”未填报")
        elif not answer.met:
            unmet.append(f"“{item.text}”不符合" + (f"（{answer.evidence}）" if answer.evidence else ""))
    return "、".join(unmet)


def _judgement_text(row_key: str, facts: DepartmentYearFacts) -> str:
    judgement = facts.judgement(row_key)
    if judgement is None:
        return ""
    rated = f"评定为“{judgement.level.value}”" if judgement.level else f"评分{points_text(judgement.score)}分"
    return f"{rated}（{judgement.evidence.strip().rstrip('。')}）"


def _goals_text(row: ScoreRow) -> str:
    return "：" + row.reason if row.reason else ""


def row_facet(
    row: ScoreRow, framework: Framework, facts: DepartmentYearFacts, advice_file: Path | None
) -> str:
    """One natural clause saying why a row lost points."""
    data = advice(advice_file)
    rule = framework.row(row.key).rule if any(r.key == row.key for r in framework.rows) else None
    value = _value_text(row)
    fields: dict[str, str] = {"name": row.name, "value": value, "lost": points_text(row.deducted)}
    if isinstance(rule, Surplus) and row.indicator is not None:
        fields["end"] = wan(row.indicator.numerator)
        fields["start"] = wan(row.indicator.denominator)
    if row.key in _ROW_ASPECT:
        fields["tasks"] = _tasks_text(facts, _ROW_ASPECT[row.key])
    if isinstance(rule, Checklist):
        fields["items"] = _checklist_text(row.key, facts, rule)
    if isinstance(rule, Manual | Qualitative) or row.status is RowStatus.JUDGED:
        fields["judgement"] = _judgement_text(row.key, facts)
    if isinstance(rule, GoalIndicators):
        fields["goals"] = _goals_text(row)
    template = data["row_facets"].get(row.key)
    if template is not None:
        try:
            return template.format(**fields)
        except KeyError:
            pass
    fields["value_clause"] = f"为{value}，" if value else ""
    return data["default_facet"].format(**fields)


def _topic_of(row_key: str, advice_file: Path | None) -> dict[str, Any]:
    topics = advice(advice_file)["deduction_topics"]
    for topic in topics:
        if row_key in topic["rows"]:
            return topic
    return topics[-1]


def _deductions(
    sheet: ScoreSheet,
    framework: Framework,
    facts: DepartmentYearFacts,
    covered: set[str],
    advice_file: Path | None,
) -> list[Problem]:
    by_topic: dict[str, list[ScoreRow]] = {}
    order: list[str] = []
    for row in sheet.rows:
        if row.deducted <= 0 or row.status.unscored or row.key in covered:
            continue
        topic = _topic_of(row.key, advice_file)
        if topic["key"] not in by_topic:
            order.append(topic["key"])
        by_topic.setdefault(topic["key"], []).append(row)
    problems = []
    topics = {topic["key"]: topic for topic in advice(advice_file)["deduction_topics"]}
    for key in order:
        rows = by_topic[key]
        facets = "；".join(row_facet(row, framework, facts, advice_file) for row in rows)
        lost = sum((row.deducted for row in rows), ZERO)
        evidence = [
            Evidence(
                f"评分表“{row.name}”（{points_text(row.points)}分）",
                f"得{points_text(row.score)}分，扣{points_text(row.deducted)}分："
                + (row.reason or row.basis),
            )
            for row in rows
        ]
        names = "、".join(f"“{row.name}”" for row in rows)
        problems.append(
            Problem(
                kind=ProblemKind.DEDUCTION,
                severity=Severity.MEDIUM if lost >= 1 else Severity.LOW,
                text=topics[key]["problem"].format(facets=facets).strip(),
                evidence=tuple(evidence),
                params=(("names", names),),
                basis=f"评分表{names}共扣{points_text(lost)}分（评分过程见附件1）",
                covers=tuple(row.key for row in rows),
                topic=key,
            )
        )
    return problems


def derive_problems(
    facts: DepartmentYearFacts,
    framework: Framework | None = None,
    *,
    sheet: ScoreSheet | None = None,
    project: str | None = None,
    far_exceed_ratio: Decimal = FAR_EXCEED_RATIO,
    advice_file: Path | None = None,
    as_of: date | None = None,
) -> tuple[Problem, ...]:
    """Every problem the facts show, then one per topic for the score deductions nothing else
    explains, in the order the report lists them (the seed's two first)."""
    as_of = as_of or date(facts.year, 12, 31)
    facts = with_adjusted_cost_targets(facts)  # a 成本 ceiling is read against its adjusted budget
    problems: list[Problem] = []
    problems += _unquantified(facts, project, advice_file)
    if project is None:
        problems += _cross_use(facts, advice_file)
        problems += _personnel_gap(facts, advice_file)
    problems += _low_execution(facts, framework, project, advice_file)
    if project is None:
        problems += _san_gong_rise(facts, advice_file)
    problems += _goal_results(facts, framework, project, far_exceed_ratio, advice_file)
    if project is None:
        problems += _cost_targets(facts, advice_file)
        problems += _inspections(facts, as_of, advice_file)
        problems += _idle_assets(facts, advice_file)
    if sheet is not None and framework is not None:
        problems = [_name_deductions(problem, sheet) for problem in problems]
        covered = {key for problem in problems for key in problem.covers}
        problems += _deductions(sheet, framework, facts, covered, advice_file)
    return tuple(problems)


def _name_deductions(problem: Problem, sheet: ScoreSheet) -> Problem:
    """A problem that explains a deduction says so in its 依据, naming the score row; a problem
    whose rows lost nothing covers none of them."""
    rows = [
        row
        for row in sheet.rows
        if row.key in problem.covers and row.deducted > 0 and not row.status.unscored
    ]
    if not rows:
        return dataclasses.replace(problem, covers=())
    names = "、".join(f"“{row.name}”" for row in rows)
    lost = points_text(sum((row.deducted for row in rows), ZERO))
    basis = f"{problem.basis.rstrip('。')}；评分表{names}因此扣{lost}分"
    return dataclasses.replace(problem, basis=basis, covers=tuple(row.key for row in rows))


def _fill(text: str, problem: Problem) -> str:
    return text.format_map(_Missing(dict(problem.params)))


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return ""


def derive_suggestions(
    problems: tuple[Problem, ...], advice_file: Path | None = None
) -> tuple[Suggestion, ...]:
    """The groups of measures that answer the problems: each measure only when its problem is in
    the report (and, for a deduction topic, only when one of its rows lost points)."""
    present = {problem.key: problem for problem in problems}
    suggestions: list[Suggestion] = []
    for group in advice(advice_file)["measures"]:
        items: list[str] = []
        answers: list[str] = []
        for item in group["items"]:
            problem = present.get(item["answers"])
            if problem is None:
                continue
            rows = item.get("rows")
            if rows and not set(rows) & set(problem.covers):
                continue
            items.append(_fill(item["text"], problem))
            answers.append(problem.key)
        if items:
            suggestions.append(
                Suggestion(heading=group["heading"], items=tuple(items), follows_from=tuple(answers))
            )
    return tuple(suggestions)


CHINESE_NUMBERS = "一二三四五六七八九十"


def problems_text(problems: tuple[Problem, ...]) -> str:
    """存在的主要问题 body as the seed numbers it: '1.…'."""
    return "\n".join(f"{number}.{problem.text}" for number, problem in enumerate(problems, start=1))


def suggestions_text(suggestions: tuple[Suggestion, ...]) -> str:
    """改进措施和建议 body as the seed writes it: '（一）heading' then '1.item'."""
    lines: list[str] = []
    for number, suggestion in enumerate(suggestions):
        lines.append(f"（{CHINESE_NUMBERS[number]}）{suggestion.heading}")
        lines += [f"{index}.{item}" for index, item in enumerate(suggestion.items, start=1)]
    return "\n".join(lines)


def problem_key_kind(key: str) -> ProblemKind | None:
    """The kind a stored problem key names (扣分事项:预算执行 → DEDUCTION); None if unknown."""
    head = key.split(":", 1)[0]
    for kind in ProblemKind:
        if kind.value == head:
            return kind
    return None
