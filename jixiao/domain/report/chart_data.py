"""The three charts of the annual report, as data (amounts in 元 in, 万元 and % out).

Drawing is done by ``jixiao.formats.charts``; these builders only decide what is shown, so the
composer (pure) can put a chart in a report without touching matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.domain.money import HUNDRED, ratio_percent, round_half_up, wan_text
from jixiao.domain.report.document import Chart, ChartKind, ReportStructureError, Series

MONTHS = tuple(f"{m}月" for m in range(1, 13))


def to_wan(amount_yuan: Decimal) -> Decimal:
    """元 → 万元 as the text prints it (208.4, 44, 0.22), so a chart label equals the prose figure."""
    return Decimal(wan_text(amount_yuan))


def budget_composition_chart(
    *, personnel: Decimal, public: Decimal, project: Decimal, year: int, title: str = ""
) -> Chart:
    """预算构成: 人员经费 / 公用经费 / 项目支出, in 万元, as a pie."""
    return Chart(
        kind=ChartKind.PIE,
        title=title or f"{year}年度预算支出构成",
        categories=("人员经费", "公用经费", "项目支出"),
        series=(Series("预算数", tuple(to_wan(v) for v in (personnel, public, project))),),
        unit="万元",
        category_label="支出类别",
    )


def year_on_year_chart(rows: Sequence[tuple[str, Decimal, Decimal]], *, year: int, title: str = "") -> Chart:
    """本年与上年对比: ``rows`` are (category, this year 元, last year 元); grouped bars in 万元."""
    if not rows:
        raise ReportStructureError("同比图没有任何支出类别")
    return Chart(
        kind=ChartKind.BAR,
        title=title or f"{year}年与{year - 1}年支出对比",
        categories=tuple(label for label, _current, _previous in rows),
        series=(
            Series(f"{year - 1}年", tuple(to_wan(previous) for _label, _current, previous in rows)),
            Series(f"{year}年", tuple(to_wan(current) for _label, current, _previous in rows)),
        ),
        unit="万元",
        category_label="支出类别",
    )


def time_schedule_percent(month: int) -> Decimal:
    """序时进度 at the end of a month: month / 12 × 100, one decimal (8.3, 16.7, … 100.0)."""
    return round_half_up(Decimal(month) * HUNDRED / Decimal(12), 1)


def monthly_execution_chart(
    monthly_spending: Sequence[Decimal], *, budget: Decimal, year: int, title: str = ""
) -> Chart:
    """月度预算执行进度: cumulative spending / budget (%) against the straight 序时进度 line.

    ``monthly_spending`` holds the months reached so far (up to 12), in 元; later months are gaps.
    """
    if len(monthly_spending) > 12:
        raise ReportStructureError(f"月度支出有{len(monthly_spending)}个月，超过12个月")
    if budget <= 0:
        raise ReportStructureError("调整后预算为0，无法计算月度执行进度")
    cumulative = Decimal(0)
    actual: list[Decimal | None] = []
    for spent in monthly_spending:
        cumulative += Decimal(spent)
        rate = ratio_percent(cumulative, Decimal(budget))
        actual.append(round_half_up(rate, 1) if rate is not None else None)
    actual.extend([None] * (12 - len(actual)))
    return Chart(
        kind=ChartKind.LINE,
        title=title or f"{year}年度预算执行进度与序时进度",
        categories=MONTHS,
        series=(
            Series("累计执行进度", tuple(actual)),
            Series("序时进度", tuple(time_schedule_percent(m) for m in range(1, 13)), reference=True),
        ),
        unit="%",
        category_label="月份",
    )


def sangong_chart(
    items: Sequence[tuple[str, Decimal | None, Decimal | None, Decimal | None]], *, year: int, title: str = ""
) -> Chart:
    """“三公”经费 on its own scale: per item (label, 上年决算, 本年预算, 本年决算 in 元), in 万元.

    Its figures are a few thousand 元 where the budget is millions: drawn beside the budget they
    vanish, so they get their own chart."""
    if not items:
        raise ReportStructureError("“三公”经费图没有任何项目")

    def wan_or_gap(value: Decimal | None) -> Decimal | None:
        return None if value is None else to_wan(value)

    return Chart(
        kind=ChartKind.BAR,
        title=title or f"{year}年度“三公”经费预算与决算对比",
        categories=tuple(label for label, *_ in items),
        series=(
            Series(f"{year - 1}年决算", tuple(wan_or_gap(previous) for _l, previous, _b, _a in items)),
            Series(f"{year}年预算", tuple(wan_or_gap(budget) for _l, _p, budget, _a in items)),
            Series(f"{year}年决算", tuple(wan_or_gap(actual) for _l, _p, _b, actual in items)),
        ),
        unit="万元",
        category_label="项目",
    )


class ExecutionStatus(StrEnum):
    """执行率 against 序时进度: on or ahead of schedule, behind it, or behind by more than the
    bureau's 预警线 (``budget_lag_points``, the rule of the early warnings)."""

    NORMAL = "正常"
    WARNING = "预警"
    LAGGING = "滞后"
    NO_BUDGET = "无预算"


def execution_status(rate: Decimal | None, *, time_progress: Decimal, lag_points: Decimal) -> ExecutionStatus:
    """正常 when 执行率 ≥ 序时进度; 预警 when behind by at most ``lag_points`` percentage points;
    滞后 when behind by more (the early warning's 预算执行滞后); 无预算 without a budget."""
    if rate is None:
        return ExecutionStatus.NO_BUDGET
    behind = time_progress - rate
    if behind <= 0:
        return ExecutionStatus.NORMAL
    if behind <= lag_points:
        return ExecutionStatus.WARNING
    return ExecutionStatus.LAGGING


@dataclass(frozen=True, slots=True)
class ExecutionBar:
    """One bar of the execution chart: its label, 执行率 (one decimal) and status."""

    label: str
    rate: Decimal | None
    status: ExecutionStatus


def execution_bars(
    rows: Sequence[tuple[str, Decimal, Decimal]],
    *,
    time_progress: Decimal,
    lag_points: Decimal,
    laggards_first: bool = False,
) -> list[ExecutionBar]:
    """``rows`` are (label, spent 元, budget 元). 执行率 is rounded to one decimal before it is
    judged, so the status agrees with the figure printed beside it. ``laggards_first`` sorts by
    执行率, lowest first, rows without a budget last (the overview: who is behind stands out)."""
    progress = round_half_up(Decimal(time_progress), 1)
    bars = []
    for label, spent, budget in rows:
        raw = ratio_percent(Decimal(spent), Decimal(budget)) if budget else None
        rate = round_half_up(raw, 1) if raw is not None else None
        bars.append(
            ExecutionBar(label, rate, execution_status(rate, time_progress=progress, lag_points=lag_points))
        )
    if laggards_first:
        bars.sort(key=lambda bar: (bar.rate is None, bar.rate if bar.rate is not None else Decimal(0)))
    return bars


def execution_progress_chart(
    bars: Sequence[ExecutionBar], *, time_progress: Decimal, title: str, category_label: str = ""
) -> Chart:
    """执行率 per budget line or department as horizontal bars, against the 序时进度 marker."""
    if not bars:
        raise ReportStructureError(f"图“{title}”没有任何数据")
    progress = round_half_up(Decimal(time_progress), 1)
    return Chart(
        kind=ChartKind.PROGRESS,
        title=title,
        categories=tuple(bar.label for bar in bars),
        series=(
            Series("执行率", tuple(bar.rate for bar in bars)),
            Series("序时进度", tuple(progress for _bar in bars), reference=True),
        ),
        unit="%",
        category_label=category_label,
        statuses=tuple(str(bar.status) for bar in bars),
        numbered=False,
    )
