"""Scoring frameworks (data) and scoring functions (code), grades, and the score sheet.

A framework is a YAML file in ``jixiao/data/frameworks/``: issuing authority, the year it is
valid from, the total, the 一级 levels with their points and one row per 三级指标 with its points,
its 评分标准 in words and a rule. Point values differ by province, city and year
(domain-rules.md §0), so they live in data; the rule *kinds* are code:

    bands                 threshold bands, ``ge`` (≥, lower-inclusive) or ``le`` (≤(含), upper-inclusive)
    deduction_per_point   −k per percentage point beyond a benchmark, floored
    per_shortfall_step    −k per step (e.g. every 5%) beyond a benchmark, floored
    proportional          points × min(value / target, 1)
    capped_ratio          points × min(value, cap) / cap
    checklist             award the items met, or deduct per item not met
    qualitative           达成 / 部分达成 / 未达成 three bands, judged by a person with evidence
    manual                a score given by a person, which must carry evidence
    goal_indicators       the 2020 self-evaluation rule over the year's 绩效指标 results
    surplus               资金结余: no 结余 / 结余 not above 上年结转 / above it (岳阳 table)

Each rule is applied as its source writes it. A formula that cannot be computed (a zero
denominator) scores only what the row's source says for that case (``zero_denominator`` in the
YAML, with the clause the report cites); where the source says nothing, the row waits for a
person's score with evidence. Missing data scores 0 and says what is missing, so that a gap in the
data can never raise a score. Rates are scored as printed: one decimal (``indicators``).
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import yaml

from jixiao.data import parse_yaml
from jixiao.domain.errors import DomainError
from jixiao.domain.facts import (
    Achievement,
    ChecklistAnswer,
    DepartmentYearFacts,
    GoalIndicatorResult,
    IndicatorKind,
    ManualJudgement,
)
from jixiao.domain.indicators import (
    INDICATORS,
    IndicatorStatus,
    IndicatorValue,
    compute_indicator,
    with_adjusted_cost_targets,
)
from jixiao.domain.money import HUNDRED, percent_text, round_half_up
from jixiao.domain.money import wan_text as _wan_text

FRAMEWORK_DIR = Path(__file__).resolve().parent.parent / "data" / "frameworks"
ZERO = Decimal(0)
ONE = Decimal(1)


class FrameworkInvalid(DomainError):
    code = "framework_invalid"


class FrameworkNotFound(DomainError):
    code = "framework_not_found"


class ScoringRefused(DomainError):
    code = "scoring_refused"


# --- grades ----------------------------------------------------------------------------------


class Grade(Enum):
    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"

    @property
    def label(self) -> str:
        return self.value


# how reports write the four grades (优秀/良好/中等/较差 or the single characters)
GRADE_WORDS: dict[str, str] = {
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "中等": "中",
    "中": "中",
    "较差": "差",
    "差": "差",
}

STANDARD_GRADES: tuple[tuple[Decimal, Grade], ...] = (
    (Decimal(90), Grade.EXCELLENT),
    (Decimal(80), Grade.GOOD),
    (Decimal(60), Grade.FAIR),
)


def grade_for(score: Decimal, bands: tuple[tuple[Decimal, Grade], ...] = STANDARD_GRADES) -> Grade:
    """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, otherwise 差; every lower bound inclusive ("90（含）")."""
    if isinstance(score, float):
        raise TypeError("得分不能使用浮点数")
    for lower, grade in bands:
        if score >= lower:
            return grade
    return Grade.POOR


# --- number wording --------------------------------------------------------------------------


def points_text(value: Decimal) -> str:
    """A number as a person writes it: 5, 0.5, 3.57 (rounded to 2 places, no trailing zeros)."""
    text = format(round_half_up(Decimal(value), 2), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_n = points_text


def _pct(value: Decimal) -> str:
    return percent_text(value)


def _lost(points: Decimal, score: Decimal) -> str:
    return _n(points - score)


# --- rule kinds ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    score: Decimal
    reason: str


def _clamp(score: Decimal, points: Decimal, floor: Decimal = ZERO) -> Decimal:
    return min(max(score, floor), points)


@dataclass(frozen=True, slots=True)
class Bands:
    """Step bands. ``ge``: first band whose threshold the value reaches (≥, lower-inclusive), thresholds
    descending. ``le``: first band whose threshold the value does not exceed (≤(含), upper-inclusive),
    thresholds ascending."""

    comparison: str
    bands: tuple[tuple[Decimal, Decimal], ...]
    otherwise: Decimal = ZERO
    kind: ClassVar[str] = "bands"
    needs_indicator: ClassVar[bool] = True

    def apply(self, value: Decimal, points: Decimal, name: str) -> Outcome:
        thresholds = [threshold for threshold, _ in self.bands]
        for index, (threshold, score) in enumerate(self.bands):
            hit = value >= threshold if self.comparison == "ge" else value <= threshold
            if not hit:
                continue
            if score >= points:
                return Outcome(points, "")
            if self.comparison == "ge":
                where = f"在{_n(threshold)}%（含）至{_n(thresholds[index - 1])}%之间" if index else ""
            else:
                where = f"在{_n(thresholds[index - 1])}%至{_n(threshold)}%（含）之间" if index else ""
            where = where or f"达到{_n(threshold)}%"
            return Outcome(
                score, f"{name}为{_pct(value)}，{where}，得{_n(score)}分，扣{_lost(points, score)}分"
            )
        if self.comparison == "ge":
            where = f"低于{_n(thresholds[-1])}%"
        else:
            where = f"超过{_n(thresholds[-1])}%"
        score = self.otherwise
        return Outcome(score, f"{name}为{_pct(value)}，{where}，得{_n(score)}分，扣{_lost(points, score)}分")


def _beyond(value: Decimal, benchmark: Decimal, direction: str) -> Decimal:
    return value - benchmark if direction == "above" else benchmark - value


@dataclass(frozen=True, slots=True)
class DeductionPerPoint:
    """Full marks up to the benchmark; −``per_point`` for each percentage point beyond it, floored."""

    benchmark: Decimal
    per_point: Decimal
    direction: str = "above"
    floor: Decimal = ZERO
    whole_points: bool = False
    kind: ClassVar[str] = "deduction_per_point"
    needs_indicator: ClassVar[bool] = True

    def apply(self, value: Decimal, points: Decimal, name: str) -> Outcome:
        excess = _beyond(value, self.benchmark, self.direction)
        if self.whole_points:
            excess = Decimal(math.floor(excess))
        if excess <= 0:
            return Outcome(points, "")
        raw = points - excess * self.per_point
        score = _clamp(raw, points, self.floor)
        word = "超过" if self.direction == "above" else "低于"
        reason = (
            f"{name}为{_pct(value)}，{word}标准{_n(self.benchmark)}%共{_n(excess)}个百分点，"
            f"每个百分点扣{_n(self.per_point)}分，扣{_lost(points, score)}分"
        )
        if raw < self.floor:
            reason += "（扣完为止）"
        return Outcome(score, reason)


@dataclass(frozen=True, slots=True)
class PerShortfallStep:
    """−``per_step`` for every ``step`` percentage points beyond the benchmark (a part step counts as a
    whole step when ``partial`` is ``ceil``, the usual "不足5%按5%计"), floored."""

    step: Decimal
    per_step: Decimal
    benchmark: Decimal = HUNDRED
    direction: str = "below"
    partial: str = "ceil"
    floor: Decimal = ZERO
    kind: ClassVar[str] = "per_shortfall_step"
    needs_indicator: ClassVar[bool] = True

    def apply(self, value: Decimal, points: Decimal, name: str) -> Outcome:
        gap = _beyond(value, self.benchmark, self.direction)
        if gap <= 0:
            return Outcome(points, "")
        ratio = gap / self.step
        steps = Decimal(math.ceil(ratio) if self.partial == "ceil" else math.floor(ratio))
        raw = points - steps * self.per_step
        score = _clamp(raw, points, self.floor)
        word = "低于" if self.direction == "below" else "超过"
        per_word = "每低" if self.direction == "below" else "每超"
        partial_note = f"（不足{_n(self.step)}%按{_n(self.step)}%计）" if self.partial == "ceil" else ""
        reason = (
            f"{name}为{_pct(value)}，{word}{_n(self.benchmark)}%共{_n(gap)}个百分点，"
            f"{per_word}{_n(self.step)}%扣{_n(self.per_step)}分{partial_note}，扣{_lost(points, score)}分"
        )
        if raw < self.floor:
            reason += "（扣完为止）"
        return Outcome(score, reason)


@dataclass(frozen=True, slots=True)
class Proportional:
    """points × min(value / target, 1) when higher is better; points × min(target / value, 1) when lower is."""

    target: Decimal = HUNDRED
    direction: str = "higher"
    kind: ClassVar[str] = "proportional"
    needs_indicator: ClassVar[bool] = True

    def apply(self, value: Decimal, points: Decimal, name: str) -> Outcome:
        if self.direction == "higher":
            share = ONE if self.target == 0 else value / self.target
        else:
            share = ONE if value <= 0 else self.target / value
        share = min(max(share, ZERO), ONE)
        score = points * share
        if share >= ONE:
            return Outcome(points, "")
        word = "未达到" if self.direction == "higher" else "超过"
        return Outcome(
            score,
            f"{name}为{_pct(value)}，{word}目标{_n(self.target)}%，按比例计分："
            f"{_n(points)} × {_pct(share * HUNDRED)} = {_n(score)}分，扣{_lost(points, score)}分",
        )


@dataclass(frozen=True, slots=True)
class CappedRatio:
    """points × min(value, cap) / cap — e.g. 预算执行率 score = min(执行率, 100%) × 10."""

    cap: Decimal = HUNDRED
    kind: ClassVar[str] = "capped_ratio"
    needs_indicator: ClassVar[bool] = True

    def apply(self, value: Decimal, points: Decimal, name: str) -> Outcome:
        counted = min(max(value, ZERO), self.cap)
        if counted >= self.cap:
            return Outcome(points, "")
        score = points * counted / self.cap
        return Outcome(
            score,
            f"{name}为{_pct(value)}，得分 = {_n(points)} × {_pct(counted)} / {_n(self.cap)}% = {_n(score)}分，"
            f"扣{_lost(points, score)}分",
        )


@dataclass(frozen=True, slots=True)
class Surplus:
    """资金结余 (岳阳 table, domain-rules.md §3.1): no 结余 → ``none``; 结余 not above 上年结转 →
    ``within``; 结余 above 上年结转 → ``above``. Compares the two amounts, never a ratio."""

    none: Decimal
    within: Decimal
    above: Decimal = ZERO
    kind: ClassVar[str] = "surplus"
    needs_indicator: ClassVar[bool] = True

    def apply_amounts(self, end: Decimal, start: Decimal, points: Decimal) -> Outcome:
        end_text, start_text = _wan_text(end), _wan_text(start)
        if end_text == "0":
            score = self.none
            reason = f"年末无结转结余，得{_n(score)}分"
        elif end <= start:
            score = self.within
            reason = f"年末结转结余{end_text}万元，未超过上年结转结余{start_text}万元，得{_n(score)}分"
        else:
            score = self.above
            reason = f"年末结转结余{end_text}万元，超过上年结转结余{start_text}万元，得{_n(score)}分"
        if score >= points:
            return Outcome(points, "")
        return Outcome(score, f"{reason}，扣{_lost(points, score)}分")


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str
    text: str
    points: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Checklist:
    """``award``: sum the points of the items met. ``deduct``: full marks less ``per_violation`` per item
    not met, floored at 0."""

    mode: str
    items: tuple[ChecklistItem, ...]
    per_violation: Decimal = ONE
    kind: ClassVar[str] = "checklist"
    needs_indicator: ClassVar[bool] = False

    def apply(self, answers: dict[str, ChecklistAnswer], points: Decimal) -> Outcome:
        unmet: list[str] = []
        score = ZERO
        for number, item in enumerate(self.items, start=1):
            answer = answers.get(item.key)
            if answer is not None and answer.met:
                score += item.points
                continue
            why = "未填报" if answer is None else (answer.evidence or "未满足")
            unmet.append(f"{_circled(number)}{item.text}（{why}）")
        if self.mode == "deduct":
            score = _clamp(points - self.per_violation * len(unmet), points)
        if not unmet:
            return Outcome(points, "")
        if self.mode == "deduct":
            reason = f"存在{len(unmet)}项问题，每项扣{_n(self.per_violation)}分：{'；'.join(unmet)}"
        else:
            reason = f"未满足{len(unmet)}项：{'；'.join(unmet)}"
        return Outcome(score, f"{reason}，扣{_lost(points, score)}分")


def _circled(number: int) -> str:
    return chr(0x245F + number) if 1 <= number <= 20 else f"{number}."


@dataclass(frozen=True, slots=True)
class QualitativeBand:
    level: Achievement
    lower: Decimal
    upper: Decimal
    default: Decimal

    def holds(self, share: Decimal) -> bool:
        # "100%–80%（含）", "80%–60%（含）": the lower bound belongs to the band, the upper one only for 100%.
        return self.lower <= share and (share < self.upper or (self.upper == HUNDRED and share == HUNDRED))


DEFAULT_QUALITATIVE_BANDS: tuple[QualitativeBand, ...] = (
    QualitativeBand(Achievement.ACHIEVED, Decimal(80), HUNDRED, HUNDRED),
    QualitativeBand(Achievement.PARTLY, Decimal(60), Decimal(80), Decimal(70)),
    QualitativeBand(Achievement.NOT_ACHIEVED, ZERO, Decimal(60), Decimal(30)),
)


def _band(bands: tuple[QualitativeBand, ...], level: Achievement) -> QualitativeBand:
    for band in bands:
        if band.level is level:
            return band
    raise FrameworkInvalid(f"评分框架缺少定性档次“{level.value}”")


@dataclass(frozen=True, slots=True)
class Qualitative:
    """A person rates the row 达成 / 部分达成 / 未达成 with evidence; the score falls in that band."""

    kind: ClassVar[str] = "qualitative"
    needs_indicator: ClassVar[bool] = False

    def apply(
        self, judgement: ManualJudgement, points: Decimal, name: str, bands: tuple[QualitativeBand, ...]
    ) -> Outcome:
        _require_evidence(judgement, name)
        if judgement.level is None:
            raise ScoringRefused(f"评分项“{name}”为定性评价，须评定完成档次（达成/部分达成/未达成）")
        band = _band(bands, judgement.level)
        if judgement.score is None:
            share = band.default
        else:
            share = judgement.score * HUNDRED / points
            if not band.holds(share):
                raise ScoringRefused(
                    f"评分项“{name}”评定为“{band.level.value}”，得分应在分值的{_n(band.lower)}%至"
                    f"{_n(band.upper)}%之间，{_n(judgement.score)}分不在此档"
                )
        score = points * share / HUNDRED
        if score >= points:
            return Outcome(points, "")
        return Outcome(
            score,
            f"评定为“{band.level.value}”（依据：{judgement.evidence.strip()}），得{_n(score)}分，"
            f"扣{_lost(points, score)}分",
        )


@dataclass(frozen=True, slots=True)
class Manual:
    """A score given by a person. Refused without evidence, or outside 0 … points."""

    kind: ClassVar[str] = "manual"
    needs_indicator: ClassVar[bool] = False

    def apply(self, judgement: ManualJudgement, points: Decimal, name: str) -> Outcome:
        _require_evidence(judgement, name)
        if judgement.score is None:
            raise ScoringRefused(f"评分项“{name}”为人工评分，须填写得分")
        if not ZERO <= judgement.score <= points:
            raise ScoringRefused(f"评分项“{name}”的得分{_n(judgement.score)}分超出0至{_n(points)}分的范围")
        if judgement.score >= points:
            return Outcome(points, "")
        return Outcome(
            judgement.score,
            f"人工评分{_n(judgement.score)}分，扣{_lost(points, judgement.score)}分（依据：{judgement.evidence.strip()}）",
        )


def _require_evidence(judgement: ManualJudgement, name: str) -> None:
    if not judgement.evidence or not judgement.evidence.strip():
        raise ScoringRefused(f"评分项“{name}”的人工评分没有评分依据，不能计分")


HIGHER_IS_BETTER = ("≥", ">", "=")


@dataclass(frozen=True, slots=True)
class GoalIndicators:
    """财预〔2020〕10号 self-evaluation over the 绩效指标 of one 一级 (and optionally 二级) group.

    Quantitative: reached → full; not reached → points × actual / target (target / actual for ≤).
    Qualitative, or not quantified: the three bands, from the goal's 达成 level. The row's points are
    shared among its indicators by their 分值 when every one has one, otherwise equally.
    """

    level1: str
    level2: str | None = None
    kind: ClassVar[str] = "goal_indicators"
    needs_indicator: ClassVar[bool] = False

    def select(self, goals: tuple[GoalIndicatorResult, ...]) -> tuple[GoalIndicatorResult, ...]:
        return tuple(
            goal
            for goal in goals
            if goal.level1 == self.level1 and (self.level2 is None or goal.level2 == self.level2)
        )

    def apply(
        self, goals: tuple[GoalIndicatorResult, ...], points: Decimal, bands: tuple[QualitativeBand, ...]
    ) -> tuple[Outcome, str]:
        weights = [goal.weight for goal in goals]
        if all(weight is not None and weight > 0 for weight in weights):
            total_weight = sum(weights, ZERO)  # type: ignore[arg-type]
            shares = [points * weight / total_weight for weight in weights]  # type: ignore[operator]
        else:
            shares = [points / len(goals)] * len(goals)
        score = ZERO
        losses: list[str] = []
        lines: list[str] = []
        for goal, share_points in zip(goals, shares, strict=True):
            fraction, note = goal_fraction(goal, bands)
            got = share_points * fraction
            score += got
            lines.append(
                f"{goal.name}：目标{goal.target_display}，实际{goal.actual_display or '未填报'}，{note}"
            )
            if fraction < ONE:
                losses.append(f"“{goal.name}”{note}，扣{_n(share_points - got)}分")
        basis = "；".join(lines)
        if not losses:
            return Outcome(points, ""), basis
        return Outcome(score, "；".join(losses)), basis


def goal_fraction(goal: GoalIndicatorResult, bands: tuple[QualitativeBand, ...]) -> tuple[Decimal, str]:
    """The share of its points one 绩效指标 earns, and why, by the 2020 self-evaluation rule."""
    numeric = (
        goal.kind is IndicatorKind.QUANTITATIVE
        and goal.quantified
        and goal.operator is not None
        and goal.target is not None
    )
    if numeric:
        if goal.actual is None:
            return ZERO, "未填报实际完成值，不得分"
        actual, target = goal.actual, goal.target
        if goal.adjusted_target is not None and goal.operator in ("≤", "<"):
            target = goal.adjusted_target  # a 成本 ceiling is read against the budget as adjusted
        if goal.operator in HIGHER_IS_BETTER:
            reached = actual > target if goal.operator == ">" else actual >= target
            fraction = ONE if reached or target == 0 else max(actual, ZERO) / target
        else:
            reached = actual < target if goal.operator == "<" else actual <= target
            fraction = ONE if reached else (ZERO if actual == 0 else target / actual)
        fraction = min(max(fraction, ZERO), ONE)
        if fraction >= ONE:
            return ONE, "已完成"
        return fraction, f"未完成，按完成比例{_pct(fraction * HUNDRED)}计分"
    if goal.achievement is None:
        if not goal.quantified:
            return ZERO, "指标未量化，且未评定完成档次，不得分"
        return ZERO, "未评定完成档次，不得分"
    band = _band(bands, goal.achievement)
    fraction = band.default / HUNDRED
    if fraction >= ONE:
        return ONE, f"定性评定为“{band.level.value}”"
    return fraction, f"定性评定为“{band.level.value}”，按{_n(band.default)}%计分"


Rule = (
    Bands
    | Surplus
    | DeductionPerPoint
    | PerShortfallStep
    | Proportional
    | CappedRatio
    | Checklist
    | Qualitative
    | Manual
    | GoalIndicators
)


# --- frameworks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ZeroDenominator:
    """What a row scores when its formula's denominator is 0, as its source states it.

    ``full``: the source gives full marks to a department the item does not apply to (the report
    cites ``clause``). ``compare``: the rule read as the comparison it states (控制率 ≤ 100% is
    "actual ≤ budget"): a zero numerator meets it, any other fails it entirely.
    """

    score: str
    clause: str
    cite: str


@dataclass(frozen=True, slots=True)
class FrameworkRow:
    key: str
    level1: str
    level2: str
    name: str
    points: Decimal
    standard: str
    rule: Rule
    indicator: str | None = None
    params: tuple[tuple[str, Any], ...] = ()
    source: str = "A"
    note: str = ""
    zero_denominator: ZeroDenominator | None = None
    cite: str = ""

    @property
    def verified(self) -> bool:
        return self.source == "V"


@dataclass(frozen=True, slots=True)
class Level:
    name: str
    points: Decimal


@dataclass(frozen=True, slots=True)
class Framework:
    key: str
    name: str
    authority: str
    kind: str
    valid_from: int
    total: Decimal
    levels: tuple[Level, ...]
    rows: tuple[FrameworkRow, ...]
    execution_rate_line: Decimal | None = None
    qualitative_bands: tuple[QualitativeBand, ...] = DEFAULT_QUALITATIVE_BANDS
    grades: tuple[tuple[Decimal, Grade], ...] = STANDARD_GRADES
    basis: str = ""
    source_file: str = ""

    def row(self, key: str) -> FrameworkRow:
        for row in self.rows:
            if row.key == key:
                return row
        raise FrameworkInvalid(f"评分框架“{self.name}”没有评分项“{key}”")


def _dec(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise FrameworkInvalid(f"{where}应为数字，收到：{value!r}")
    try:
        # YAML floats come in as float: go through their repr so 0.5 stays 0.5, never 0.5000000001.
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except Exception as error:
        raise FrameworkInvalid(f"{where}应为数字，收到：{value!r}") from error


def _choice(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise FrameworkInvalid(f"{where}应为 {' / '.join(allowed)} 之一，收到：{value!r}")
    return value


def _parse_rule(spec: Any, where: str, points: Decimal) -> Rule:
    if not isinstance(spec, dict) or "kind" not in spec:
        raise FrameworkInvalid(f"{where}缺少评分规则（rule.kind）")
    kind = spec["kind"]
    if kind == "bands":
        comparison = _choice(spec.get("comparison"), ("ge", "le"), f"{where}的 comparison")
        raw = spec.get("bands") or []
        bands = tuple((_dec(t, f"{where}的分档界限"), _dec(s, f"{where}的分档得分")) for t, s in raw)
        if not bands:
            raise FrameworkInvalid(f"{where}的分档（bands）不能为空")
        thresholds = [t for t, _ in bands]
        expected = sorted(thresholds, reverse=comparison == "ge")
        if thresholds != expected or len(set(thresholds)) != len(thresholds):
            order = "从高到低" if comparison == "ge" else "从低到高"
            raise FrameworkInvalid(f"{where}的分档界限须{order}排列且不重复")
        otherwise = _dec(spec.get("otherwise", 0), f"{where}的 otherwise")
        for _, score in (*bands, (None, otherwise)):
            if not ZERO <= score <= points:
                raise FrameworkInvalid(f"{where}的分档得分{_n(score)}超出0至{_n(points)}分")
        return Bands(comparison, bands, otherwise)
    if kind == "deduction_per_point":
        return DeductionPerPoint(
            benchmark=_dec(spec.get("benchmark"), f"{where}的 benchmark"),
            per_point=_dec(spec.get("per_point"), f"{where}的 per_point"),
            direction=_choice(spec.get("direction", "above"), ("above", "below"), f"{where}的 direction"),
            floor=_dec(spec.get("floor", 0), f"{where}的 floor"),
            whole_points=bool(spec.get("whole_points", False)),
        )
    if kind == "per_shortfall_step":
        step = _dec(spec.get("step"), f"{where}的 step")
        if step <= 0:
            raise FrameworkInvalid(f"{where}的 step 必须大于0")
        return PerShortfallStep(
            step=step,
            per_step=_dec(spec.get("per_step"), f"{where}的 per_step"),
            benchmark=_dec(spec.get("benchmark", 100), f"{where}的 benchmark"),
            direction=_choice(spec.get("direction", "below"), ("above", "below"), f"{where}的 direction"),
            partial=_choice(spec.get("partial", "ceil"), ("ceil", "floor"), f"{where}的 partial"),
            floor=_dec(spec.get("floor", 0), f"{where}的 floor"),
        )
    if kind == "proportional":
        return Proportional(
            target=_dec(spec.get("target", 100), f"{where}的 target"),
            direction=_choice(spec.get("direction", "higher"), ("higher", "lower"), f"{where}的 direction"),
        )
    if kind == "capped_ratio":
        cap = _dec(spec.get("cap", 100), f"{where}的 cap")
        if cap <= 0:
            raise FrameworkInvalid(f"{where}的 cap 必须大于0")
        return CappedRatio(cap=cap)
    if kind == "checklist":
        mode = _choice(spec.get("mode", "award"), ("award", "deduct"), f"{where}的 mode")
        items = tuple(
            ChecklistItem(
                key=str(item["key"]),
                text=str(item["text"]),
                points=_dec(item.get("points", 0), f"{where}检查项“{item.get('key')}”的分值"),
            )
            for item in spec.get("items") or []
        )
        if not items:
            raise FrameworkInvalid(f"{where}的检查项（items）不能为空")
        if len({item.key for item in items}) != len(items):
            raise FrameworkInvalid(f"{where}的检查项 key 重复")
        if mode == "award" and sum((item.points for item in items), ZERO) != points:
            raise FrameworkInvalid(
                f"{where}各检查项分值之和{_n(sum((i.points for i in items), ZERO))}不等于该项分值{_n(points)}"
            )
        return Checklist(mode, items, _dec(spec.get("per_violation", 1), f"{where}的 per_violation"))
    if kind == "surplus":
        rule = Surplus(
            none=_dec(spec.get("none"), f"{where}的 none"),
            within=_dec(spec.get("within"), f"{where}的 within"),
            above=_dec(spec.get("above", 0), f"{where}的 above"),
        )
        for score in (rule.none, rule.within, rule.above):
            if not ZERO <= score <= points:
                raise FrameworkInvalid(f"{where}的得分{_n(score)}超出0至{_n(points)}分")
        return rule
    if kind == "qualitative":
        return Qualitative()
    if kind == "manual":
        return Manual()
    if kind == "goal_indicators":
        if not spec.get("level1"):
            raise FrameworkInvalid(f"{where}须指定绩效指标的一级指标（level1）")
        return GoalIndicators(level1=str(spec["level1"]), level2=spec.get("level2"))
    raise FrameworkInvalid(f"{where}的评分规则类型“{kind}”未知")


def _parse_bands(spec: Any, where: str) -> tuple[QualitativeBand, ...]:
    if spec is None:
        return DEFAULT_QUALITATIVE_BANDS
    bands = []
    for level in Achievement:
        entry = spec.get(level.value)
        if entry is None:
            raise FrameworkInvalid(f"{where}的定性档次缺少“{level.value}”")
        band = QualitativeBand(
            level,
            _dec(entry.get("min"), f"{where}定性档次“{level.value}”的 min"),
            _dec(entry.get("max"), f"{where}定性档次“{level.value}”的 max"),
            _dec(entry.get("default"), f"{where}定性档次“{level.value}”的 default"),
        )
        if not band.lower <= band.default <= band.upper:
            raise FrameworkInvalid(f"{where}定性档次“{level.value}”的默认比例不在该档范围内")
        bands.append(band)
    return tuple(bands)


def _parse_grades(spec: Any, where: str) -> tuple[tuple[Decimal, Grade], ...]:
    if spec is None:
        return STANDARD_GRADES
    by_label = {grade.value: grade for grade in Grade}
    grades = []
    for entry in spec:
        label = entry.get("grade")
        if label not in by_label:
            raise FrameworkInvalid(f"{where}的等级“{label}”无效，应为 优/良/中/差")
        grades.append((_dec(entry.get("min"), f"{where}等级“{label}”的下限"), by_label[label]))
    lowers = [lower for lower, _ in grades]
    if lowers != sorted(lowers, reverse=True):
        raise FrameworkInvalid(f"{where}的等级下限须从高到低排列")
    return tuple(grades)


def parse_framework(data: dict[str, Any], source_file: str = "") -> Framework:
    """Build and validate a framework from its YAML mapping. Every error names the framework and row."""
    if not isinstance(data, dict):
        raise FrameworkInvalid(f"评分框架文件{source_file}的内容不是映射")
    name = str(data.get("name") or source_file or "未命名评分框架")
    where = f"评分框架“{name}”"
    for required in ("key", "authority", "kind", "valid_from", "total", "levels", "rows"):
        if required not in data:
            raise FrameworkInvalid(f"{where}缺少字段“{required}”")
    total = _dec(data["total"], f"{where}的总分")
    levels = tuple(
        Level(str(level["name"]), _dec(level["points"], f"{where}一级指标“{level.get('name')}”的分值"))
        for level in data["levels"]
    )
    rows: list[FrameworkRow] = []
    for raw in data["rows"]:
        row_where = f"{where}的评分项“{raw.get('name', raw.get('key', '?'))}”"
        for required in ("key", "level1", "level2", "name", "points", "rule"):
            if required not in raw:
                raise FrameworkInvalid(f"{row_where}缺少字段“{required}”")
        points = _dec(raw["points"], f"{row_where}的分值")
        if points <= 0:
            raise FrameworkInvalid(f"{row_where}的分值必须大于0")
        rule = _parse_rule(raw["rule"], row_where, points)
        indicator = raw.get("indicator")
        if rule.needs_indicator and indicator not in INDICATORS:
            raise FrameworkInvalid(f"{row_where}引用的计算指标“{indicator}”不存在")
        params = raw.get("params") or {}
        if params:
            accepted = set(inspect.signature(INDICATORS[indicator]).parameters) - {"facts", "project"}
            unknown = sorted(set(params) - accepted)
            if unknown:
                raise FrameworkInvalid(f"{row_where}的指标参数“{'、'.join(unknown)}”不被“{indicator}”接受")
        zero = raw.get("zero_denominator")
        zero_denominator = None
        if zero is not None:
            if not isinstance(zero, dict) or not zero.get("clause") or not zero.get("cite"):
                raise FrameworkInvalid(
                    f"{row_where}的 zero_denominator 须写明来源条文（clause）和出处（cite）"
                )
            zero_denominator = ZeroDenominator(
                score=_choice(
                    zero.get("score"), ("full", "compare"), f"{row_where}的 zero_denominator.score"
                ),
                clause=str(zero["clause"]).strip(),
                cite=str(zero["cite"]).strip(),
            )
        source = str(raw.get("source", "A"))
        if source not in ("V", "P", "A"):
            raise FrameworkInvalid(f"{row_where}的来源标记应为 V（有出处）/ P（部分核实）/ A（假定）")
        rows.append(
            FrameworkRow(
                key=str(raw["key"]),
                level1=str(raw["level1"]),
                level2=str(raw["level2"]),
                name=str(raw["name"]),
                points=points,
                standard=str(raw.get("standard", "")).strip(),
                rule=rule,
                indicator=indicator,
                params=tuple(sorted(params.items())),
                source=source,
                note=str(raw.get("note", "")).strip(),
                zero_denominator=zero_denominator,
                cite=str(raw.get("cite", "")).strip(),
            )
        )
    framework = Framework(
        key=str(data["key"]),
        name=name,
        authority=str(data["authority"]),
        kind=str(data["kind"]),
        valid_from=int(data["valid_from"]),
        total=total,
        levels=levels,
        rows=tuple(rows),
        execution_rate_line=(
            None
            if data.get("execution_rate_line") is None
            else _dec(data["execution_rate_line"], f"{where}的预算执行率警戒线")
        ),
        qualitative_bands=_parse_bands(data.get("qualitative_bands"), where),
        grades=_parse_grades(data.get("grades"), where),
        basis=str(data.get("basis", "")).strip(),
        source_file=source_file,
    )
    validate_framework(framework)
    return framework


def validate_framework(framework: Framework) -> None:
    """The rows sum to the total, each 一级 level's rows sum to its points, and keys are unique."""
    where = f"评分框架“{framework.name}”"
    keys = [row.key for row in framework.rows]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise FrameworkInvalid(f"{where}的评分项 key 重复：{'、'.join(duplicates)}")
    row_sum = sum((row.points for row in framework.rows), ZERO)
    if row_sum != framework.total:
        raise FrameworkInvalid(f"{where}各评分项分值之和为{_n(row_sum)}分，不等于总分{_n(framework.total)}分")
    level_sum = sum((level.points for level in framework.levels), ZERO)
    if level_sum != framework.total:
        raise FrameworkInvalid(
            f"{where}各一级指标分值之和为{_n(level_sum)}分，不等于总分{_n(framework.total)}分"
        )
    names = {level.name for level in framework.levels}
    for row in framework.rows:
        if row.level1 not in names:
            raise FrameworkInvalid(f"{where}的评分项“{row.name}”所属一级指标“{row.level1}”未在 levels 中声明")
    for level in framework.levels:
        got = sum((row.points for row in framework.rows if row.level1 == level.name), ZERO)
        if got != level.points:
            raise FrameworkInvalid(
                f"{where}一级指标“{level.name}”下各评分项分值之和为{_n(got)}分，不等于其分值{_n(level.points)}分"
            )


def load_framework_file(path: Path | str) -> Framework:
    path = Path(path)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FrameworkInvalid(f"评分框架文件{path.name}不是有效的YAML：{error}") from error
    return parse_framework(data, source_file=path.name)


@lru_cache(maxsize=16)
def _frameworks_in(directory: str) -> tuple[Framework, ...]:
    return tuple(load_framework_file(path) for path in sorted(Path(directory).glob("*.yaml")))


def list_frameworks(directory: Path | str | None = None) -> tuple[Framework, ...]:
    return _frameworks_in(str(directory or FRAMEWORK_DIR))


def load_framework(
    *, authority: str, year: int, kind: str | None = None, directory: Path | str | None = None
) -> Framework:
    """The latest version issued by ``authority`` whose valid-from year is ≤ ``year``."""
    candidates = [
        framework
        for framework in list_frameworks(directory)
        if framework.authority == authority
        and framework.valid_from <= year
        and (kind is None or framework.kind == kind)
    ]
    if not candidates:
        known = "、".join(
            sorted({f"{f.authority}（{f.valid_from}年起）" for f in list_frameworks(directory)})
        )
        raise FrameworkNotFound(f"没有“{authority}”发布、适用于{year}年度的评分框架（现有：{known or '无'}）")
    latest = max(framework.valid_from for framework in candidates)
    chosen = [framework for framework in candidates if framework.valid_from == latest]
    if len(chosen) > 1:
        files = "、".join(framework.source_file for framework in chosen)
        raise FrameworkInvalid(f"“{authority}”{latest}年起适用的评分框架有多个（{files}），请指定 kind")
    return chosen[0]


# --- scoring ---------------------------------------------------------------------------------


class RowStatus(Enum):
    SCORED = "已计分"
    NOT_APPLICABLE = "不适用"
    NO_DATA = "缺少数据"
    JUDGED = "人工评分"
    NEEDS_JUDGEMENT = "待人工评分"

    @property
    def unscored(self) -> bool:
        return self in (RowStatus.NO_DATA, RowStatus.NEEDS_JUDGEMENT)


@dataclass(frozen=True, slots=True)
class ScoreRow:
    key: str
    level1: str
    level2: str
    name: str
    points: Decimal
    score: Decimal
    status: RowStatus
    standard: str
    basis: str
    reason: str
    indicator: IndicatorValue | None = None
    source: str = "A"
    cite: str = ""
    applicability: str = ""  # for 不适用: the clause of the source that gives full marks, cited

    @property
    def deducted(self) -> Decimal:
        return self.points - self.score


@dataclass(frozen=True, slots=True)
class LevelScore:
    name: str
    points: Decimal
    score: Decimal


@dataclass(frozen=True, slots=True)
class ScoreSheet:
    framework_key: str
    framework_name: str
    department: str
    year: int
    project: str | None
    rows: tuple[ScoreRow, ...]
    points_total: Decimal
    total: Decimal
    grade: Grade
    levels: tuple[LevelScore, ...] = field(default=())

    @property
    def missing(self) -> tuple[ScoreRow, ...]:
        """Rows not yet scored: data missing, or waiting for a person's score."""
        return tuple(row for row in self.rows if row.status.unscored)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def not_applicable(self) -> tuple[ScoreRow, ...]:
        return tuple(row for row in self.rows if row.status is RowStatus.NOT_APPLICABLE)

    def row(self, key: str) -> ScoreRow:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    @property
    def conclusion(self) -> str:
        """'自评得分92.5分，评价等级为“优”。'"""
        return f"自评得分{_n(self.total)}分，评价等级为“{self.grade.value}”。"


def _score_row(
    row: FrameworkRow, facts: DepartmentYearFacts, framework: Framework, project: str | None
) -> ScoreRow:
    rule = row.rule
    common = {
        "key": row.key,
        "level1": row.level1,
        "level2": row.level2,
        "name": row.name,
        "points": row.points,
        "standard": row.standard,
        "source": row.source,
        "cite": row.cite,
    }

    def done(
        score: Decimal, status: RowStatus, basis: str, reason: str, indicator=None, applicability: str = ""
    ) -> ScoreRow:
        rounded = round_half_up(_clamp(score, row.points), 2)
        if rounded == row.points and not status.unscored:
            reason = ""  # a loss that rounds away is no deduction to explain
        return ScoreRow(
            score=rounded,
            status=status,
            basis=basis,
            reason=reason,
            indicator=indicator,
            applicability=applicability,
            **common,
        )

    if rule.needs_indicator:
        value = compute_indicator(row.indicator, facts, project, **dict(row.params))
        if value.status is IndicatorStatus.NO_DATA:
            return done(
                ZERO, RowStatus.NO_DATA, value.text, f"缺少{'、'.join(value.missing)}，本项暂不得分", value
            )
        if value.status is IndicatorStatus.NOT_APPLICABLE:
            return _zero_denominator(row, value, facts, done)
        if isinstance(rule, Surplus):
            outcome = rule.apply_amounts(value.numerator, value.denominator, row.points)
        else:
            outcome = rule.apply(value.percent, row.points, value.name)
        return done(outcome.score, RowStatus.SCORED, value.text, outcome.reason, value)
    if isinstance(rule, Checklist):
        answers = facts.checklist_answers(row.key)
        if not answers:
            return done(ZERO, RowStatus.NO_DATA, "未填报检查项", "未填报检查情况，本项暂不得分")
        outcome = rule.apply(answers, row.points)
        met = [
            f"{item.text}：{'是' if answers.get(item.key) and answers[item.key].met else '否'}"
            + (
                f"（{answers[item.key].evidence}）"
                if answers.get(item.key) and answers[item.key].evidence
                else ""
            )
            for item in rule.items
        ]
        return done(outcome.score, RowStatus.SCORED, "；".join(met), outcome.reason)
    if isinstance(rule, (Manual, Qualitative)):
        judgement = facts.judgement(row.key)
        if judgement is None:
            return done(ZERO, RowStatus.NO_DATA, "尚未人工评分", "尚未填写人工评分及评分依据，本项暂不得分")
        if isinstance(rule, Manual):
            outcome = rule.apply(judgement, row.points, row.name)
        else:
            outcome = rule.apply(judgement, row.points, row.name, framework.qualitative_bands)
        basis = f"评分依据：{judgement.evidence.strip()}" + (
            f"（评分人：{judgement.judged_by}）" if judgement.judged_by else ""
        )
        return done(outcome.score, RowStatus.JUDGED, basis, outcome.reason)
    if isinstance(rule, GoalIndicators):
        goals = rule.select(facts.goals_for(project))
        if not goals:
            label = rule.level1 + (f"（{rule.level2}）" if rule.level2 else "")
            return done(ZERO, RowStatus.NO_DATA, f"未设置{label}", f"未设置{label}，本项暂不得分")
        outcome, basis = rule.apply(goals, row.points, framework.qualitative_bands)
        return done(outcome.score, RowStatus.SCORED, basis, outcome.reason)
    raise FrameworkInvalid(f"评分项“{row.name}”的规则类型“{rule.kind}”无法计分")  # pragma: no cover


def _zero_denominator(row: FrameworkRow, value: IndicatorValue, facts: DepartmentYearFacts, done) -> ScoreRow:
    """A formula with a zero denominator scores only what the row's source states for that case;
    otherwise a person scores it, with evidence."""
    rule = row.zero_denominator
    if rule is not None and rule.score == "full":
        applicability = f"{value.text.split('：')[-1].replace('，无法按公式计算', '')}，依据“{rule.clause}”（{rule.cite}）本项不适用"
        basis = f"{value.text}；依据“{rule.clause}”（{rule.cite}），本项不适用，计满分"
        return done(row.points, RowStatus.NOT_APPLICABLE, basis, "", value, applicability)
    if rule is not None and rule.score == "compare":
        if value.numerator == 0:
            basis = f"{value.text}；{value.formula.split(' = ')[0]}的分子也为0，符合“{rule.clause}”（{rule.cite}）"
            return done(row.points, RowStatus.SCORED, basis, "", value)
        reason = f"{value.formula.split(' = ')[0]}的分母为0而分子不为0，不符合“{rule.clause}”，不得分"
        return done(ZERO, RowStatus.SCORED, value.text, reason, value)
    judgement = facts.judgement(row.key)
    if judgement is None:
        return done(
            ZERO,
            RowStatus.NEEDS_JUDGEMENT,
            value.text,
            "公式分母为0，评分标准未规定此情形，须人工评分并写明依据，本项暂不得分",
            value,
        )
    outcome = Manual().apply(judgement, row.points, row.name)
    basis = f"{value.text}；人工评分依据：{judgement.evidence.strip()}" + (
        f"（评分人：{judgement.judged_by}）" if judgement.judged_by else ""
    )
    return done(outcome.score, RowStatus.JUDGED, basis, outcome.reason, value)


def score(facts: DepartmentYearFacts, framework: Framework, project: str | None = None) -> ScoreSheet:
    """Score one department-year (or one of its projects) against a framework."""
    if project is not None:
        facts.project(project)
    facts = with_adjusted_cost_targets(facts)
    rows = tuple(_score_row(row, facts, framework, project) for row in framework.rows)
    total = sum((row.score for row in rows), ZERO)
    levels = tuple(
        LevelScore(
            level.name,
            level.points,
            sum((row.score for row in rows if row.level1 == level.name), ZERO),
        )
        for level in framework.levels
    )
    return ScoreSheet(
        framework_key=framework.key,
        framework_name=framework.name,
        department=facts.department,
        year=facts.year,
        project=project,
        rows=rows,
        points_total=framework.total,
        total=total,
        grade=grade_for(total, framework.grades),
        levels=levels,
    )


def score_department(facts: DepartmentYearFacts, framework: Framework) -> ScoreSheet:
    return score(facts, framework)


def score_project(facts: DepartmentYearFacts, framework: Framework, project: str) -> ScoreSheet:
    return score(facts, framework, project)
