"""Problems found in one department-year's facts, each with its evidence, and the suggestions that follow.

These are drafts for 六、存在的主要问题 and 七、改进措施和建议: plain values the finance officer edits
(``edited``) and confirms before they enter the report. Each problem carries the figures or
records behind it (``Evidence``) so that the reader can see why it was raised. Wording is data
(``jixiao/data/frameworks/advice/problems-suggestions.yaml``), written in the seed report's style.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

from jixiao.data import parse_yaml
from jixiao.domain.facts import ZERO, DepartmentYearFacts, IndicatorKind, SanGongItem
from jixiao.domain.indicators import budget_completion_rate, budget_execution_rate
from jixiao.domain.money import HUNDRED, percent_text, wan, yuan_fixed
from jixiao.domain.scoring import DEFAULT_QUALITATIVE_BANDS, Framework, goal_fraction, points_text
from jixiao.domain.wording import CONTROL_WORDING, change_text

ADVICE_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "frameworks" / "advice" / "problems-suggestions.yaml"
)
FAR_EXCEED_RATIO = Decimal("1.2")


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
    IDLE_ASSETS = "资产闲置"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One record or figure behind a problem: what it is, and what it shows."""

    label: str
    detail: str


@dataclass(frozen=True, slots=True)
class Problem:
    kind: ProblemKind
    severity: Severity
    text: str
    evidence: tuple[Evidence, ...]
    params: tuple[tuple[str, str], ...] = ()
    confirmed: bool = False

    def param(self, name: str) -> str:
        return dict(self.params).get(name, "")


@dataclass(frozen=True, slots=True)
class Suggestion:
    heading: str
    items: tuple[str, ...]
    follows_from: tuple[ProblemKind, ...]
    confirmed: bool = False


def edited(value: Problem | Suggestion, *, confirm: bool = True, **changes: Any) -> Problem | Suggestion:
    """The finance officer's edit: a new value with the changed text, marked confirmed."""
    return dataclasses.replace(value, confirmed=confirm, **changes)


@lru_cache(maxsize=4)
def _advice(path: str) -> dict[str, Any]:
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def _wording(kind: ProblemKind, advice_file: Path | None = None) -> str:
    return _advice(str(advice_file or ADVICE_FILE))["problems"][kind.value]


def _make(
    kind: ProblemKind, severity: Severity, evidence: list[Evidence], advice_file: Path | None, **params: str
) -> Problem:
    return Problem(
        kind=kind,
        severity=severity,
        text=_wording(kind, advice_file).format(**params).strip(),
        evidence=tuple(evidence),
        params=tuple(params.items()),
    )


def _date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _names(names: list[str], limit: int = 5) -> str:
    shown = "、".join(f"“{name}”" for name in names[:limit])
    return shown + (f"等{len(names)}项" if len(names) > limit else "")


# --- the checks --------------------------------------------------------------------------------


def _unquantified(facts: DepartmentYearFacts, project: str | None, advice: Path | None) -> list[Problem]:
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
            advice,
            total=str(len(goals)),
            count=str(len(vague)),
            names=_names([goal.name for goal in vague]),
        )
    ]


def _cross_use(facts: DepartmentYearFacts, advice: Path | None) -> list[Problem]:
    attempts = list(facts.cross_use_attempts)
    transfers = [transfer for transfer in facts.transfers if transfer.crosses_basic_and_project]
    if not attempts and not transfers:
        return []
    evidence: list[Evidence] = []
    parts: list[str] = []
    if transfers:
        total = sum((t.amount for t in transfers), ZERO)
        unapproved = [t for t in transfers if not t.approval_document]
        part = f"基本支出与项目支出之间调剂资金{len(transfers)}笔，合计{wan(total)}"
        if unapproved:
            part += f"，其中{len(unapproved)}笔未见批复文号"
        parts.append(part)
        for t in transfers:
            approval = f"批复文号：{t.approval_document}" if t.approval_document else "未见批复文号"
            evidence.append(
                Evidence(
                    f"{_date(t.on)}预算调剂",
                    f"由{t.source.label}调入{t.target.label}{wan(t.amount)}"
                    + (f"，{t.description}" if t.description else "")
                    + f"（{approval}）",
                )
            )
    if attempts:
        total = sum((a.amount for a in attempts), ZERO)
        prefix = "另有" if transfers else ""
        parts.append(
            f"{prefix}{len(attempts)}笔共{wan(total)}跨基本支出与项目支出使用资金的支出申请被预算控制拒绝"
        )
        for a in attempts:
            code = f"（经济分类{a.economic_code}）" if a.economic_code else ""
            evidence.append(
                Evidence(
                    f"{_date(a.on)}被拒绝的支出申请",
                    f"拟用{a.source.label}支付{a.target.label}{wan(a.amount)}{code}：{a.description}",
                )
            )
    severity = Severity.HIGH if any(not t.approval_document for t in transfers) else Severity.MEDIUM
    return [_make(ProblemKind.CROSS_USE, severity, evidence, advice, details="；".join(parts))]


def _personnel_gap(facts: DepartmentYearFacts, advice: Path | None) -> list[Problem]:
    projection = facts.personnel_projection
    if projection is None or projection.gap <= 0:
        return []
    share = (
        None if projection.personnel_budget == 0 else projection.gap * HUNDRED / projection.personnel_budget
    )
    severity = Severity.HIGH if share is None or share >= 5 else Severity.MEDIUM
    evidence = [
        Evidence(
            "人员经费预算",
            f"{wan(projection.personnel_budget)}（{yuan_fixed(projection.personnel_budget)}元）",
        ),
        Evidence(
            f"截至{_date(projection.as_of)}测算的全年人员经费支出",
            f"{wan(projection.projected_spending)}"
            + (f"，测算依据：{projection.basis}" if projection.basis else ""),
        ),
        Evidence("缺口", f"{wan(projection.gap)}"),
    ]
    return [
        _make(
            ProblemKind.PERSONNEL_GAP,
            severity,
            evidence,
            advice,
            as_of=_date(projection.as_of),
            projected=wan(projection.projected_spending),
            budget=wan(projection.personnel_budget),
            gap=wan(projection.gap),
            share=percent_text(share),
        )
    ]


def _low_execution(
    facts: DepartmentYearFacts, framework: Framework | None, project: str | None, advice: Path | None
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
            advice,
            details="，".join(parts),
            line=points_text(line),
        )
    ]


def _san_gong_rise(facts: DepartmentYearFacts, advice: Path | None) -> list[Problem]:
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
            advice,
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
    advice: Path | None,
) -> list[Problem]:
    bands = framework.qualitative_bands if framework is not None else DEFAULT_QUALITATIVE_BANDS
    missed: list[tuple[str, Evidence, Decimal]] = []
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
            desc = f"目标{goal.target_display}，实际完成{goal.actual_display}"
            if fraction < 1:
                if goal.operator in ("≤", "<") and goal.target > 0:
                    # A ceiling (成本、支出控制数) is missed by going over it, not by falling short.
                    over = (goal.actual - goal.target) * HUNDRED / goal.target
                    detail = f"目标{goal.target_display}，实际{goal.actual_display}，超出目标值{percent_text(over)}"
                else:
                    detail = f"{desc}，完成{percent_text(fraction * HUNDRED)}"
                missed.append((goal.name, Evidence(goal.name, detail), fraction))
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
                )
            )
    problems: list[Problem] = []
    if missed:
        severity = (
            Severity.HIGH if any(fraction < Decimal("0.6") for *_, fraction in missed) else Severity.MEDIUM
        )
        problems.append(
            _make(
                ProblemKind.GOAL_MISSED,
                severity,
                [evidence for _, evidence, _ in missed],
                advice,
                details="；".join(f"“{name}”{evidence.detail}" for name, evidence, _ in missed),
                names=_names([name for name, *_ in missed]),
            )
        )
    if exceeded:
        problems.append(
            _make(
                ProblemKind.GOAL_FAR_EXCEEDED,
                Severity.LOW,
                [evidence for _, evidence in exceeded],
                advice,
                details="；".join(f"“{name}”{evidence.detail}" for name, evidence in exceeded),
                names=_names([name for name, _ in exceeded]),
            )
        )
    return problems


def _idle_assets(facts: DepartmentYearFacts, advice: Path | None) -> list[Problem]:
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
            advice,
            count=str(len(assets.idle)),
            amount=wan(assets.idle_value),
            share=percent_text(share),
        )
    ]


def derive_problems(
    facts: DepartmentYearFacts,
    framework: Framework | None = None,
    *,
    project: str | None = None,
    far_exceed_ratio: Decimal = FAR_EXCEED_RATIO,
    advice_file: Path | None = None,
) -> tuple[Problem, ...]:
    """Every problem the facts show, in the order the report lists them (the seed's two first)."""
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
        problems += _idle_assets(facts, advice_file)
    return tuple(problems)


def derive_suggestions(
    problems: tuple[Problem, ...], advice_file: Path | None = None
) -> tuple[Suggestion, ...]:
    """The suggestion groups that follow from the problems, each item only when its problem is present."""
    present = {problem.kind: problem for problem in problems}
    by_value = {kind.value: kind for kind in ProblemKind}
    suggestions: list[Suggestion] = []
    for group in _advice(str(advice_file or ADVICE_FILE))["suggestions"]:
        follows = tuple(by_value[name] for name in group["follows_from"] if by_value[name] in present)
        if not follows:
            continue
        items: list[str] = []
        for item in group["items"]:
            when = item.get("when")
            if when is not None and by_value[when] not in present:
                continue
            source = present[by_value[when]] if when is not None else present[follows[0]]
            items.append(item["text"].format_map(dict(source.params)))
        if items:
            suggestions.append(Suggestion(heading=group["heading"], items=tuple(items), follows_from=follows))
    return tuple(suggestions)


CHINESE_NUMBERS = "一二三四五六七八九十"


def problems_text(problems: tuple[Problem, ...]) -> str:
    """六、存在的主要问题 body as the seed numbers it: '1.…'."""
    return "\n".join(f"{number}.{problem.text}" for number, problem in enumerate(problems, start=1))


def suggestions_text(suggestions: tuple[Suggestion, ...]) -> str:
    """七、改进措施和建议 body as the seed writes it: '（一）heading' then '1.item'."""
    lines: list[str] = []
    for number, suggestion in enumerate(suggestions):
        lines.append(f"（{CHINESE_NUMBERS[number]}）{suggestion.heading}")
        lines += [f"{index}.{item}" for index, item in enumerate(suggestion.items, start=1)]
    return "\n".join(lines)
