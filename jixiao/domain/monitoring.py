"""双监控: budget execution and goal achievement watched together during the year.

For any date ``as_of`` (the standard checkpoints are 6月30日 and 7月31日):

- 序时进度 is the share of the year gone by, as a Decimal percentage;
- each indicator's actual value is set against its target and against the progress expected by
  then, following the indicator's own curve (linear by default; stepwise checkpoints for work done
  at one time of year; a level compared directly; or judged only at year end);
- budget execution % of 基本支出, 项目支出 and each project is set against 序时进度;
- warnings (进度滞后 / 预计无法完成 / 大幅超额(目标偏低) / 预算执行滞后) carry the figures behind
  them and a Chinese message. Thresholds are data (monitoring-thresholds.yaml) or arguments.

Time is passed in; nothing here reads the clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from jixiao.domain.goals import (
    DATA_DIR,
    CurveKind,
    Goal,
    GoalIndicator,
    ProgressCurve,
    Target,
    TargetParseError,
    read_data_file,
)
from jixiao.domain.money import HUNDRED, percent_text, ratio_percent, round_half_up, wan

STANDARD_CHECKPOINTS: tuple[tuple[int, int], ...] = ((6, 30), (7, 31))


def standard_checkpoints(year: int) -> tuple[date, ...]:
    """The finance bureau's usual monitoring dates: 6月30日 and 7月31日."""
    return tuple(date(year, month, day) for month, day in STANDARD_CHECKPOINTS)


# --- thresholds ----------------------------------------------------------------------------------


class TimeBasis(StrEnum):
    MONTHS = "months"  # whole months gone plus the share of the current month: 6月30日 = 50%
    DAYS = "days"  # days gone / days in the year: 6月30日 = 181/365


@dataclass(frozen=True, slots=True)
class MonitoringThresholds:
    time_progress_basis: TimeBasis = TimeBasis.MONTHS
    behind_below_expected_percent: Decimal = Decimal(90)
    likely_miss_below_target_percent: Decimal = Decimal(80)
    projection_from_percent: Decimal = Decimal(25)
    over_target_percent: Decimal = Decimal(120)
    over_projection_percent: Decimal = Decimal(150)
    budget_lag_points: Decimal = Decimal(10)
    line_used_percent: Decimal = Decimal(90)


def load_monitoring_thresholds(path: Path = DATA_DIR / "monitoring-thresholds.yaml") -> MonitoringThresholds:
    data = read_data_file(Path(path))
    values: dict[str, Any] = {}
    for name in MonitoringThresholds.__dataclass_fields__:
        if name not in data:
            continue
        raw = data[name]
        values[name] = TimeBasis(raw) if name == "time_progress_basis" else Decimal(str(raw))
    return MonitoringThresholds(**values)


# --- 序时进度 ------------------------------------------------------------------------------------------


def time_progress(
    as_of: date, *, year: int | None = None, basis: TimeBasis | str = TimeBasis.MONTHS
) -> Decimal:
    """序时进度 at the end of ``as_of``, in percent (unrounded): 0 before the year, 100 after it."""
    year = as_of.year if year is None else year
    if as_of < date(year, 1, 1):
        return Decimal(0)
    if as_of >= date(year, 12, 31):
        return HUNDRED
    if TimeBasis(basis) is TimeBasis.DAYS:
        days_in_year = 366 if calendar.isleap(year) else 365
        return Decimal(as_of.timetuple().tm_yday) * HUNDRED / Decimal(days_in_year)
    days_in_month = calendar.monthrange(year, as_of.month)[1]
    months = Decimal(as_of.month - 1) + Decimal(as_of.day) / Decimal(days_in_month)
    return months * HUNDRED / Decimal(12)


def expected_share(curve: ProgressCurve, as_of: date, *, year: int, elapsed: Decimal) -> Decimal | None:
    """Percent of the annual target expected by ``as_of``; None when the indicator is judged at year end.

    Checkpoint curves are steps: a share counts from its date on (work done at one time of year,
    such as 全国科普日 in September, is not expected bit by bit from January).
    """
    if curve.kind is CurveKind.LINEAR:
        return elapsed
    if curve.kind is CurveKind.LEVEL:
        return HUNDRED
    if curve.kind is CurveKind.YEAR_END:
        return HUNDRED if as_of >= date(year, 12, 31) else None
    if as_of > date(year, 12, 31):
        return HUNDRED
    reached = [point.share for point in curve.points if date(year, point.month, point.day) <= as_of]
    return max(reached, default=Decimal(0))


# --- results -------------------------------------------------------------------------------------


class WarningKind(StrEnum):
    BEHIND = "进度滞后"
    LIKELY_MISS = "预计无法完成"
    FAR_EXCEEDED = "大幅超额(目标偏低)"
    BUDGET_BEHIND = "预算执行滞后"


class ProgressStatus(StrEnum):
    ON_TRACK = "正常"
    BEHIND = "进度滞后"
    LIKELY_MISS = "预计无法完成"
    FAR_EXCEEDED = "大幅超额"
    YEAR_END = "年底评价"
    NOT_RECORDED = "未记录"
    NOT_MONITORED = "无法监控"


@dataclass(frozen=True, slots=True)
class MonitoringWarning:
    kind: WarningKind
    subject: str  # the indicator or budget line
    message: str
    figures: Mapping[str, Decimal | None] = field(default_factory=dict, hash=False)
    row: int | None = None

    @property
    def key(self) -> str:
        """Stable identity for attaching 偏差原因 and 纠偏措施 to this warning."""
        return f"{self.kind.value}:{self.subject}"


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    indicator: str
    code: str
    curve: CurveKind
    target: Target | None
    actual: Decimal | None
    expected_share: Decimal | None  # percent of the annual target expected by as_of
    expected: Decimal | None  # the value expected by as_of
    completion: Decimal | None  # actual / target × 100
    projected: Decimal | None  # year-end value at the present pace
    status: ProgressStatus
    row: int | None = None


class FundKind(StrEnum):
    BASIC = "基本"
    PROJECT = "项目"


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One budget line with what has been spent by ``as_of`` (both in 元)."""

    name: str
    fund: FundKind
    budget: Decimal
    executed: Decimal


@dataclass(frozen=True, slots=True)
class BudgetProgress:
    name: str
    level: str  # 基本支出 / 项目支出 / 项目
    budget: Decimal
    executed: Decimal
    rate: Decimal | None  # executed / budget × 100
    time_progress: Decimal
    gap_points: Decimal | None  # rate − 序时进度, in percentage points
    behind: bool


@dataclass(frozen=True, slots=True)
class MonitoringReport:
    as_of: date
    year: int
    time_progress: Decimal
    indicators: tuple[IndicatorProgress, ...]
    budgets: tuple[BudgetProgress, ...]
    warnings: tuple[MonitoringWarning, ...]
    thresholds: MonitoringThresholds

    def warnings_of(self, kind: WarningKind) -> tuple[MonitoringWarning, ...]:
        return tuple(warning for warning in self.warnings if warning.kind is kind)

    def progress_of(self, indicator: str) -> IndicatorProgress:
        return next(item for item in self.indicators if item.indicator == indicator)


# --- wording helpers -----------------------------------------------------------------------------


def _number(value: Decimal, places: int = 2) -> str:
    text = format(round_half_up(value, places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _date_text(as_of: date) -> str:
    return f"{as_of.year}年{as_of.month}月{as_of.day}日"


def _pct(value: Decimal | None) -> str:
    return percent_text(value, 1)


# --- indicators ----------------------------------------------------------------------------------


def _indicator_progress(
    indicator: GoalIndicator,
    actual: Decimal | None,
    *,
    as_of: date,
    year: int,
    elapsed: Decimal,
    thresholds: MonitoringThresholds,
) -> tuple[IndicatorProgress, list[MonitoringWarning]]:
    curve = indicator.progress.kind

    def result(status: ProgressStatus, **values: Any) -> IndicatorProgress:
        base: dict[str, Any] = {
            "target": None,
            "actual": actual,
            "expected_share": None,
            "expected": None,
            "completion": None,
            "projected": None,
        }
        base.update(values)
        return IndicatorProgress(
            indicator.name, indicator.code, curve, status=status, row=indicator.row, **base
        )

    if not indicator.is_quantitative:
        return result(ProgressStatus.NOT_MONITORED), []
    try:
        target = indicator.parsed_target()
    except TargetParseError:
        return result(ProgressStatus.NOT_MONITORED), []
    target_value, unit = target.base()
    share = expected_share(indicator.progress, as_of, year=year, elapsed=elapsed)
    cumulative = curve in (CurveKind.LINEAR, CurveKind.POINTS)
    if actual is None and not cumulative:
        status = ProgressStatus.YEAR_END if share is None else ProgressStatus.NOT_RECORDED
        return result(status, target=target, expected_share=share), []
    if share is None:
        return result(
            ProgressStatus.YEAR_END, target=target, completion=ratio_percent(actual, target_value)
        ), []
    value = Decimal(0) if actual is None else Decimal(actual)
    expected = target_value * share / HUNDRED
    completion = ratio_percent(value, target_value)
    projected: Decimal | None = None
    if curve is CurveKind.LEVEL or share == HUNDRED:
        projected = value
    elif (
        cumulative
        and share > 0
        and (curve is CurveKind.POINTS or elapsed >= thresholds.projection_from_percent)
    ):
        projected = value * HUNDRED / share

    when = _date_text(as_of)
    name = f"三级指标“{indicator.name}”"
    figures: dict[str, Decimal | None] = {
        "target": target_value,
        "actual": value,
        "expected_share": share,
        "expected": expected,
        "completion": completion,
        "projected": projected,
        "time_progress": elapsed,
    }
    said_target = f"目标{target.text()}"
    warnings: list[MonitoringWarning] = []

    def warn(kind: WarningKind, message: str, **extra: Decimal) -> None:
        warnings.append(MonitoringWarning(kind, indicator.name, message, {**figures, **extra}, indicator.row))

    if target.operator.is_upper_bound:
        over_cap = not target.operator.holds(value, target_value)
        heading_over = projected is not None and not target.operator.holds(projected, target_value)
        if over_cap:
            warn(
                WarningKind.LIKELY_MISS,
                f"{name}截至{when}实际为{_number(value)}{unit}，已超出{said_target}的上限",
            )
        elif heading_over and projected is not None:
            warn(
                WarningKind.LIKELY_MISS,
                f"{name}截至{when}实际为{_number(value)}{unit}，按当前进度推算全年约{_number(projected)}{unit}，"
                f"将超出{said_target}的上限",
            )
        status = ProgressStatus.LIKELY_MISS if warnings else ProgressStatus.ON_TRACK
        return result(
            status,
            target=target,
            expected_share=share,
            expected=expected,
            completion=completion,
            projected=projected,
        ), warnings

    expected_text = (
        f"按序时进度（{_pct(elapsed)}）应完成{_number(expected)}{unit}"
        if curve is CurveKind.LINEAR
        else f"按进度安排此时应完成{_number(expected)}{unit}（目标的{_pct(share)}）"
    )
    year_over = as_of >= date(year, 12, 31)
    finished = share == HUNDRED and (curve is not CurveKind.LEVEL or year_over)
    if finished:
        # the work (or the year) is over: the target is either met or missed
        missing = not target.operator.holds(value, target_value) and value <= target_value
        behind = False
    elif curve is CurveKind.LEVEL:
        missing = False
        behind = not target.operator.holds(value, target_value) and value <= target_value
    else:
        missing = (
            projected is not None
            and projected < target_value * thresholds.likely_miss_below_target_percent / HUNDRED
        )
        behind = expected > 0 and value < expected * thresholds.behind_below_expected_percent / HUNDRED
    exceeded = target_value > 0 and (
        value >= target_value * thresholds.over_target_percent / HUNDRED
        or (
            projected is not None
            and curve is CurveKind.LINEAR
            and not finished
            and projected >= target_value * thresholds.over_projection_percent / HUNDRED
        )
    )
    done = f"{name}截至{when}实际完成{_number(value)}{unit}，{said_target}"
    if missing:
        reason = (
            f"按当前进度推算全年约{_number(projected)}{unit}，不足目标的"
            f"{_number(thresholds.likely_miss_below_target_percent)}%"
            if projected is not None and not finished
            else f"完成率{_pct(completion)}"
        )
        warn(WarningKind.LIKELY_MISS, f"{done}，{reason}，预计无法完成")
        status = ProgressStatus.LIKELY_MISS
    elif behind:
        if curve is CurveKind.LEVEL:
            warn(WarningKind.BEHIND, f"{done}，目前尚未达到目标，进度滞后")
        else:
            warn(WarningKind.BEHIND, f"{done}，{expected_text}，完成率{_pct(completion)}，进度滞后")
        status = ProgressStatus.BEHIND
    elif exceeded:
        if value >= target_value * thresholds.over_target_percent / HUNDRED:
            reason = f"已达到目标的{_pct(completion)}"
        else:
            reason = f"按当前进度推算全年约{_number(projected or Decimal(0))}{unit}"
        warn(WarningKind.FAR_EXCEEDED, f"{done}，{reason}，大幅超额，目标可能设定偏低")
        status = ProgressStatus.FAR_EXCEEDED
    else:
        status = ProgressStatus.ON_TRACK
    return result(
        status,
        target=target,
        expected_share=share,
        expected=expected,
        completion=completion,
        projected=projected,
    ), warnings


# --- budgets -------------------------------------------------------------------------------------


def _budget_progress(
    name: str,
    level: str,
    budget: Decimal,
    executed: Decimal,
    *,
    elapsed: Decimal,
    thresholds: MonitoringThresholds,
) -> BudgetProgress:
    rate = ratio_percent(executed, budget)
    gap = None if rate is None else rate - elapsed
    behind = gap is not None and -gap > thresholds.budget_lag_points
    return BudgetProgress(name, level, budget, executed, rate, elapsed, gap, behind)


def budget_execution(
    lines: Iterable[BudgetLine], *, elapsed: Decimal, thresholds: MonitoringThresholds
) -> tuple[BudgetProgress, ...]:
    """Execution of 基本支出 and 项目支出 (totals) and of each project, against 序时进度."""
    lines = tuple(lines)
    rows = []
    for fund, level in ((FundKind.BASIC, "基本支出"), (FundKind.PROJECT, "项目支出")):
        chosen = [line for line in lines if line.fund is fund]
        if not chosen:
            continue
        budget = sum((line.budget for line in chosen), Decimal("0.00"))
        executed = sum((line.executed for line in chosen), Decimal("0.00"))
        rows.append(_budget_progress(level, level, budget, executed, elapsed=elapsed, thresholds=thresholds))
    for line in lines:
        if line.fund is FundKind.PROJECT:
            rows.append(
                _budget_progress(
                    line.name, "项目", line.budget, line.executed, elapsed=elapsed, thresholds=thresholds
                )
            )
    return tuple(rows)


def _budget_warning(row: BudgetProgress, as_of: date, thresholds: MonitoringThresholds) -> MonitoringWarning:
    subject = row.name if row.level != "项目" else f"项目“{row.name}”"
    gap = abs(row.gap_points or Decimal(0))
    message = (
        f"{subject}截至{_date_text(as_of)}预算执行率{_pct(row.rate)}（已支出{wan(row.executed)}/预算{wan(row.budget)}），"
        f"低于序时进度{_pct(row.time_progress)}达{_number(gap, 1)}个百分点（预警线{_number(thresholds.budget_lag_points)}个百分点）"
    )
    return MonitoringWarning(
        WarningKind.BUDGET_BEHIND,
        row.name,
        message,
        {
            "budget": row.budget,
            "executed": row.executed,
            "rate": row.rate,
            "time_progress": row.time_progress,
            "gap_points": row.gap_points,
        },
    )


def budget_lines_from_goal(goal: Goal, executed: Mapping[str, Decimal]) -> tuple[BudgetLine, ...]:
    """One budget line per 年度主要任务: 基本 when its fund type says 基本支出, else a project.

    ``executed`` maps a task's name to what it has spent so far (元); a task missing from it has spent 0.
    """
    return tuple(
        BudgetLine(
            task.name,
            FundKind.BASIC if task.fund_type.startswith("基本") else FundKind.PROJECT,
            task.budget,
            executed.get(task.name, Decimal("0.00")),
        )
        for task in goal.tasks
    )


# --- the whole view ------------------------------------------------------------------------------


def monitor(
    goal: Goal,
    *,
    as_of: date,
    actuals: Mapping[str, Decimal],
    budget_lines: Iterable[BudgetLine] = (),
    thresholds: MonitoringThresholds | None = None,
) -> MonitoringReport:
    """The 双监控 view of ``goal`` at ``as_of``.

    ``actuals`` maps an indicator's name (or its library code) to its actual value so far, in the
    target's base unit (人次 for a target of ≥2万人次). Cumulative indicators with no entry count as 0.
    """
    thresholds = thresholds or load_monitoring_thresholds()
    year = goal.year or as_of.year
    elapsed = time_progress(as_of, year=year, basis=thresholds.time_progress_basis)
    progress = []
    warnings: list[MonitoringWarning] = []
    for indicator in goal.indicators:
        actual = actuals.get(indicator.name)
        if actual is None and indicator.code:
            actual = actuals.get(indicator.code)
        item, found = _indicator_progress(
            indicator, actual, as_of=as_of, year=year, elapsed=elapsed, thresholds=thresholds
        )
        progress.append(item)
        warnings.extend(found)
    budgets = budget_execution(budget_lines, elapsed=elapsed, thresholds=thresholds)
    warnings.extend(_budget_warning(row, as_of, thresholds) for row in budgets if row.behind)
    return MonitoringReport(as_of, year, elapsed, tuple(progress), budgets, tuple(warnings), thresholds)


__all__ = [
    "STANDARD_CHECKPOINTS",
    "BudgetLine",
    "BudgetProgress",
    "FundKind",
    "IndicatorProgress",
    "MonitoringReport",
    "MonitoringThresholds",
    "MonitoringWarning",
    "ProgressStatus",
    "TimeBasis",
    "WarningKind",
    "budget_execution",
    "budget_lines_from_goal",
    "expected_share",
    "load_monitoring_thresholds",
    "monitor",
    "standard_checkpoints",
    "time_progress",
]
