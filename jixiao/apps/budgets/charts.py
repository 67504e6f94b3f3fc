"""执行率 against 序时进度 on the web: the data from ``jixiao.domain.report.chart_data``, drawn by
the report's chart code (``jixiao.formats.charts``) as inline SVG, with the same figures as a table
beside it for readers who cannot see the chart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from django.utils.safestring import mark_safe

from jixiao.domain.monitoring import MonitoringThresholds, time_progress
from jixiao.domain.report.chart_data import ExecutionBar, execution_bars, execution_progress_chart
from jixiao.domain.report.document import Chart
from jixiao.formats.charts import svg_element


def schedule_percent(*, year: int, as_of: dt.date, thresholds: MonitoringThresholds) -> Decimal:
    """序时进度 of ``year`` on ``as_of`` (100 once the year is over), as the early warnings count it."""
    return time_progress(min(as_of, dt.date(year, 12, 31)), year=year, basis=thresholds.time_progress_basis)


@lru_cache(maxsize=64)
def _svg(chart: Chart, element_id: str) -> str:
    return svg_element(chart, element_id)


def execution_chart(
    rows,
    *,
    year: int,
    as_of: dt.date,
    thresholds: MonitoringThresholds,
    title: str,
    element_id: str,
    laggards_first: bool = False,
    category_label: str = "",
) -> dict | None:
    """``rows`` are (label, spent 元, budget 元). Returns the bars (for the text table), the 序时进度
    and the SVG markup; None when there is nothing to draw."""
    rows = list(rows)
    if not rows:
        return None
    progress = schedule_percent(year=year, as_of=as_of, thresholds=thresholds)
    bars: list[ExecutionBar] = execution_bars(
        rows, time_progress=progress, lag_points=thresholds.budget_lag_points, laggards_first=laggards_first
    )
    chart = execution_progress_chart(bars, time_progress=progress, title=title, category_label=category_label)
    return {
        "bars": bars,
        "progress": chart.series[1].values[0],
        "lag_points": thresholds.budget_lag_points,
        "svg": mark_safe(_svg(chart, element_id)),  # drawn by our own chart code
        "title": title,
        "counts": {
            key: sum(1 for bar in bars if bar.status == status)
            for key, status in (("late", "滞后"), ("warn", "预警"), ("ok", "正常"))
        },
    }
