"""The monitoring table writers (no database): rows as the dashboard shows them, answers included."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from jixiao.apps.goals.charts import budget_chart, indicator_chart
from jixiao.domain.goals import Goal, GoalIndicator
from jixiao.domain.monitoring import BudgetLine, FundKind, monitor
from jixiao.formats.monitoring_export import MonitoringTable, write_docx, write_xlsx

GOAL = Goal(
    department="测试单位",
    year=2023,
    indicators=(
        GoalIndicator("下乡科普场次", "产出指标", "数量指标", "定量", "≥24", "次"),
        GoalIndicator("科普宣传支出", "产出指标", "成本指标", "定量", "≤10", "万元"),
    ),
)
LINES = (
    BudgetLine("公用经费", FundKind.BASIC, Decimal("100000.00"), Decimal("55000.00")),
    BudgetLine("P02 全国科普日系列活动", FundKind.PROJECT, Decimal("100000.00"), Decimal("0.00")),
)


def _table():
    report = monitor(
        GOAL, as_of=dt.date(2023, 6, 30), actuals={"下乡科普场次": Decimal(10)}, budget_lines=LINES
    )
    key = next(w.key for w in report.warnings if w.subject == "下乡科普场次")
    return report, MonitoringTable.from_report(
        report, department="测试单位", responses={key: ("雨季集市少", "7月起每周两次")}
    )


def test_rows_say_what_the_dashboard_says_with_the_officers_answers():
    _report, table = _table()
    assert table.subtitle == "监控日期：2023年6月30日　序时进度：50.0%"
    assert table.indicators[0] == ("下乡科普场次", "≥24次", "10次", "41.7%", "50.0%", "12次", "进度滞后")
    assert ("P02 全国科普日系列活动", "10.00", "0.00", "0.0%", "50.0%", "-50", "预警") in table.budgets
    behind = next(row for row in table.warnings if row[1] == "下乡科普场次")
    assert behind[3:] == ("雨季集市少", "7月起每周两次")


def test_excel_and_word_carry_the_same_rows_and_word_runs_name_an_east_asian_font():
    report, table = _table()
    sheet = load_workbook(io.BytesIO(write_xlsx(table))).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert table.indicators[0] in rows
    document = Document(io.BytesIO(write_docx(table, charts=[budget_chart(report)])))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if run.text]
    runs += [
        run
        for t in document.tables
        for row in t.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    assert runs and all(run._element.rPr.rFonts.get(qn("w:eastAsia")) in ("宋体", "黑体") for run in runs)
    assert len(document.inline_shapes) == 1


def test_the_indicator_chart_leaves_out_caps_and_keeps_cumulative_counts():
    report, _ = _table()
    chart = indicator_chart(report)
    assert chart.categories == ("下乡科普场次",)
    assert chart.series[0].values == (Decimal("41.7"),) and chart.series[1].values == (Decimal("50.0"),)
