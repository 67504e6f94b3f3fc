"""The export tables: the 三公 table's 预算数 comes from the approved 三公 budget, beside the
year's spending, the previous year's and the change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.budgets.services import expenditure_post, sangong_budget_set
from jixiao.apps.exchange.selectors import export_table
from jixiao.formats.exports import write_table
from jixiao.formats.tabular import read_rows
from tests.factories import make_line


def _spend(officer, line, year, econ, amount, summary):
    expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(year, 6, 1),
        amount=Decimal(amount),
        summary=summary,
        econ_code=econ,
        fund_type="basic_public",
    )


def test_sangong_table_shows_the_approved_budget_this_year_last_year_and_the_change(
    officer, department, tmp_path
):
    lines = {year: make_line(actor=officer, department=department, year=year) for year in (2022, 2023)}
    _spend(officer, lines[2022], 2022, "30217", "2200.00", "接待省科协调研组")
    _spend(officer, lines[2022], 2022, "30231", "8000.00", "公务用车加油维修")
    _spend(officer, lines[2023], 2023, "30217", "1700.00", "接待市科协")
    _spend(officer, lines[2023], 2023, "30217", "1700.00", "接待科普讲师团")
    _spend(officer, lines[2023], 2023, "30231", "6500.50", "公务用车保险")
    for item, amount in (("reception", "5000.00"), ("vehicle_running", "12000.00"), ("abroad", "0.00")):
        sangong_budget_set(actor=officer, department=department, year=2023, item=item, amount=Decimal(amount))

    table = export_table(table="sangong", department=department, year=2023)
    rows = {row[0].strip("　"): row[1:] for row in table.rows}
    assert rows["因公出国（境）费"] == [Decimal("0.00"), Decimal(0), Decimal(0), Decimal(0), None]
    assert rows["公务用车购置及运行维护费"] == [
        Decimal("12000.00"), Decimal("6500.50"), Decimal("8000.00"), Decimal("-1499.50"), Decimal("-18.7"),
    ]  # fmt: skip
    assert rows["其中：公务用车运行维护费"][:2] == [Decimal("12000.00"), Decimal("6500.50")]
    assert rows["公务用车购置费"] == [Decimal(0), Decimal(0), Decimal(0), Decimal(0), None]
    assert rows["公务接待费"] == [
        Decimal("5000.00"), Decimal("3400.00"), Decimal("2200.00"), Decimal("1200.00"), Decimal("54.5"),
    ]  # fmt: skip
    assert table.total == [
        "合计", Decimal("17000.00"), Decimal("9900.50"), Decimal("10200.00"), Decimal("-299.50"), Decimal("-2.9"),
    ]  # fmt: skip

    written = list(read_rows(write_table(table, tmp_path / "sangong.xlsx")))
    assert written[2][:4] == ["项目", "预算数（元）", "2023年支出数（元）", "2022年支出数（元）"]
    total = next(r for r in written if r[0] == "合计")
    assert total[1:5] == [17000, Decimal("9900.5"), 10200, Decimal("-299.5")]
