"""The 双监控 charts, described as data for the report's chart renderer (jixiao.formats.charts):
SVG on the dashboard, PNG in the Word export, with Chinese labels."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.goals import CurveKind
from jixiao.domain.money import round_half_up
from jixiao.domain.monitoring import MonitoringReport
from jixiao.domain.report.document import Chart, ChartKind, Series

SHORT_NAME = 6
MAX_INDICATORS = 5


def _short(name: str) -> str:
    return name if len(name) <= SHORT_NAME else f"{name[: SHORT_NAME - 1]}…"


def _one(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, 1)


def budget_chart(report: MonitoringReport) -> Chart:
    """预算执行率 of 基本支出, 项目支出 and each project beside 序时进度, in %."""
    rows = report.budgets
    when = f"{report.as_of.month}月{report.as_of.day}日"
    return Chart(
        kind=ChartKind.BAR,
        title=f"预算执行率与序时进度（截至{when}）",
        categories=tuple(row.name.split(" ", 1)[0] if row.level == "项目" else row.name for row in rows),
        series=(
            Series("预算执行率", tuple(_one(row.rate) for row in rows)),
            Series("序时进度", tuple(_one(row.time_progress) for row in rows)),
        ),
        unit="%",
        numbered=False,
    )


def indicator_chart(report: MonitoringReport, limit: int = MAX_INDICATORS) -> Chart:
    """Completion of cumulative indicators against the share expected by now, in %: those with a
    warning first (the ones the officer must explain), at most ``limit`` so the labels stay legible;
    the table beside the chart lists every indicator."""
    rows = [
        item
        for item in report.indicators
        if item.curve in (CurveKind.LINEAR, CurveKind.POINTS)
        and item.completion is not None
        and item.actual is not None
        and item.target is not None
        and not item.target.operator.is_upper_bound
    ]
    warned = {warning.subject for warning in report.warnings}
    rows = sorted(rows, key=lambda item: item.indicator not in warned)[:limit]
    when = f"{report.as_of.month}月{report.as_of.day}日"
    return Chart(
        kind=ChartKind.BAR,
        title=f"绩效指标完成率与应完成进度（截至{when}）",
        categories=tuple(_short(item.indicator) for item in rows),
        series=(
            Series("完成率", tuple(_one(item.completion) for item in rows)),
            Series("应完成进度", tuple(_one(item.expected_share) for item in rows)),
        ),
        unit="%",
        numbered=False,
    )
