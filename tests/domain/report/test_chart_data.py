from decimal import Decimal as D

import pytest

from jixiao.domain.report.chart_data import (
    budget_composition_chart,
    monthly_execution_chart,
    time_schedule_percent,
    year_on_year_chart,
)
from jixiao.domain.report.document import ChartKind, ReportStructureError


def test_budget_composition_is_in_wan_yuan_as_the_text_prints_it():
    chart = budget_composition_chart(
        personnel=D("1234600.00"), public=D("409400.00"), project=D("440000.00"), year=2023
    )
    assert chart.kind is ChartKind.PIE
    assert chart.categories == ("人员经费", "公用经费", "项目支出")
    assert chart.series[0].values == (D("123.46"), D("40.94"), D("44"))
    assert chart.unit == "万元"


def test_year_on_year_puts_last_year_first():
    chart = year_on_year_chart([("基本支出", D("1644000.00"), D("1333900.00"))], year=2023)
    assert [s.name for s in chart.series] == ["2022年", "2023年"]
    assert chart.series[0].values == (D("133.39"),)
    assert chart.series[1].values == (D("164.4"),)


def test_time_schedule_is_month_over_twelve_half_up():
    assert [time_schedule_percent(m) for m in (1, 2, 6, 12)] == [D("8.3"), D("16.7"), D("50.0"), D("100.0")]


def test_monthly_execution_is_cumulative_and_months_not_reached_are_gaps():
    chart = monthly_execution_chart(
        [D("100000.00"), D("50000.00"), D("25000.00")], budget=D("1000000.00"), year=2023
    )
    actual, schedule = chart.series
    assert actual.values[:3] == (D("10.0"), D("15.0"), D("17.5"))
    assert actual.values[3:] == (None,) * 9
    assert schedule.reference is True
    assert schedule.values[2] == D("25.0")
    assert chart.unit == "%"


def test_monthly_execution_without_budget_is_refused():
    with pytest.raises(ReportStructureError, match="调整后预算为0"):
        monthly_execution_chart([D("1.00")], budget=D("0"), year=2023)
