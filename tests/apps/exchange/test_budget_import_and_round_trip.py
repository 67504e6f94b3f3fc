"""Budget imports, and the round trip: export, re-import into an empty department, export again."""

from __future__ import annotations

from decimal import Decimal

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Project
from jixiao.apps.exchange.models import ImportStatus
from jixiao.apps.exchange.selectors import export_table
from jixiao.apps.exchange.services import budget_import, voucher_import
from jixiao.formats.exports import write_table
from jixiao.formats.tabular import read_rows, write_csv
from tests.apps.exchange.helpers import HEADER, three_lines, voucher_rows
from tests.factories import UserFactory

BUDGET_HEADER = [
    "功能分类",
    "支出性质",
    "项目编码",
    "项目名称",
    "经济分类",
    "指标名称",
    "指标文号",
    "指标金额",
]


def test_budget_table_in_wan_yuan_creates_projects_lines_and_initial_ledger_rows(
    officer, department, tmp_path
):
    rows = [
        ["部门预算批复表"],
        ["单位：常宁市科协", None, None, None, "金额单位：万元"],
        BUDGET_HEADER,
        ["2012901-行政运行", "人员经费", None, None, "301", "工资", "常财预〔2023〕1号", "120.5"],
        ["2012901-行政运行", "公用经费", None, None, "302", "公用", "常财预〔2023〕1号", "20"],
        ["2060702-科普活动", "项目支出", "P01", "科普活动", "302", "科普", "常财预〔2023〕2号", "44"],
        ["合计", None, None, None, None, None, None, "184.5"],
    ]
    outcome = budget_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "b.csv", rows, encoding="gbk"),
    )
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    lines = {line.name: line for line in BudgetLine.objects.filter(department=department)}
    assert lines["工资"].allocated == Decimal("1205000.00")
    assert lines["科普"].project.code == "P01"
    assert Project.objects.get(code="P01").name == "科普活动"
    for line in lines.values():
        assert LedgerEntry.objects.get(line=line, kind="initial").amount == line.allocated
    again = budget_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "b2.csv", rows, encoding="utf-8"),
    )
    assert again.status == ImportStatus.ALREADY
    assert BudgetLine.objects.filter(department=department).count() == 3


def test_budget_rows_with_errors_write_nothing(officer, department, tmp_path):
    rows = [
        [*BUDGET_HEADER[:-1], "指标金额（元）"],
        ["2012901", "人员经费", None, None, "301", "工资", "", "100.00"],
        ["2012901", "人员经费", None, None, "302", "错", "", "100.00"],
    ]
    outcome = budget_import(
        actor=officer, department=department, year=2023, file=write_csv(tmp_path / "e.csv", rows)
    )
    assert outcome.status == ImportStatus.REFUSED
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "支出性质")]
    assert BudgetLine.objects.count() == 0


def _figures(path):
    """The data rows of an exported table (title and meta rows dropped, they name the unit)."""
    return list(read_rows(path))[2:]


def test_round_trip_export_reimport_export_gives_the_same_figures(
    officer, department, other_department, tmp_path
):
    three_lines(actor=officer, department=department)
    rows = [
        *voucher_rows(30, amount="123.45"),
        ["2023-06-01", "记-P1", "科普讲座", "2060702", "30201", "P01", "7,000.00", ""],
        ["2023-06-02", "工资-1", "6月工资", "2012901", "30101", "", "45,678.90", ""],
    ]
    voucher_import(
        actor=officer, department=department, year=2023, file=write_csv(tmp_path / "v.csv", [HEADER, *rows])
    )
    first = {}
    for table in ("execution", "vouchers", "function", "economic", "sangong"):
        first[table] = write_table(
            export_table(table=table, department=department, year=2023), tmp_path / f"1-{table}.xlsx"
        )
    other = UserFactory(username="o2", role="finance_officer", department=other_department)
    budget = budget_import(actor=other, department=other_department, year=2023, file=first["execution"])
    assert budget.status == ImportStatus.IMPORTED, budget.batch.errors
    vouchers = voucher_import(actor=other, department=other_department, year=2023, file=first["vouchers"])
    assert vouchers.status == ImportStatus.IMPORTED, vouchers.batch.errors
    assert vouchers.batch.imported_rows == 32
    for table, path in first.items():
        second = write_table(
            export_table(table=table, department=other_department, year=2023), tmp_path / f"2-{table}.xlsx"
        )
        assert _figures(second) == _figures(path), table
