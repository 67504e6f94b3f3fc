"""执行率 against 序时进度: the status of each bar and the chart built from them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.report.chart_data import (
    ExecutionStatus,
    execution_bars,
    execution_progress_chart,
    execution_status,
)
from jixiao.domain.report.document import ChartKind, ReportStructureError

D = Decimal


@pytest.mark.parametrize(
    ("rate", "status"),
    [
        (D("58.4"), ExecutionStatus.NORMAL),  # ahead of 序时进度 58.3
        (D("58.3"), ExecutionStatus.NORMAL),  # exactly on it
        (D("58.2"), ExecutionStatus.WARNING),  # behind by 0.1 point
        (D("48.3"), ExecutionStatus.WARNING),  # behind by exactly the 10-point 预警线
        (D("48.2"), ExecutionStatus.LAGGING),  # behind by more
        (None, ExecutionStatus.NO_BUDGET),
    ],
)
def test_status_against_the_schedule_and_the_lag_line(rate, status):
    assert execution_status(rate, time_progress=D("58.3"), lag_points=D(10)) is status


def test_bars_round_the_rate_before_judging_and_put_laggards_first():
    rows = [
        ("人员经费", D("600000"), D("1000000")),  # 60.0% 正常
        ("公用经费", D("100000"), D("1000000")),  # 10.0% 滞后
        ("未分配", D("0"), D("0")),  # no budget
        ("培训费", D("499999"), D("1000000")),  # 49.9999% → 50.0%, behind 58.3 by 8.3: 预警
    ]
    bars = execution_bars(rows, time_progress=D("58.333333"), lag_points=D(10), laggards_first=True)
    assert [(b.label, b.rate, b.status.value) for b in bars] == [
        ("公用经费", D("10.0"), "滞后"),
        ("培训费", D("50.0"), "预警"),
        ("人员经费", D("60.0"), "正常"),
        ("未分配", None, "无预算"),
    ]


def test_the_chart_carries_the_schedule_marker_and_a_status_word_per_bar():
    bars = execution_bars(
        [("甲", D(30), D(100)), ("乙", D(70), D(100))], time_progress=D(50), lag_points=D(10)
    )
    chart = execution_progress_chart(bars, time_progress=D(50), title="各指标执行率")
    assert chart.kind is ChartKind.PROGRESS
    assert chart.series[0].values == (D("30.0"), D("70.0"))
    assert chart.series[1].reference and chart.series[1].values == (D("50.0"), D("50.0"))
    assert chart.statuses == ("滞后", "正常")
    table = chart.alt_table()
    assert [cell.text for cell in table.header_rows[0]] == ["项目", "执行率", "序时进度", "状态"]
    assert table.body_rows[0] == ("甲", "30.0", "50.0", "滞后")


def test_statuses_must_match_the_categories():
    bars = execution_bars([("甲", D(30), D(100))], time_progress=D(50), lag_points=D(10))
    chart = execution_progress_chart(bars, time_progress=D(50), title="图")
    with pytest.raises(ReportStructureError, match="1个分类"):
        type(chart)(
            kind=chart.kind, title="图", categories=("甲",), series=chart.series, statuses=("滞后", "正常")
        )


def test_an_empty_chart_is_refused_with_its_title():
    with pytest.raises(ReportStructureError, match="各单位"):
        execution_progress_chart([], time_progress=D(50), title="各单位")
