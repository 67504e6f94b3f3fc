"""Excel exports: Chinese headers, unit in 元 or 万元, frozen header rows, totals, codes as text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook

from jixiao.formats.exports import Column, Table, errors_workbook, write_table

COLUMNS = [
    Column("科目编码", "code"),
    Column("科目名称"),
    Column("小计", "money", group="基本支出"),
    Column("人员经费", "money", group="基本支出"),
    Column("日期", "date"),
]


def _table(unit="元"):
    return Table(
        title="一般公共预算支出表",
        columns=COLUMNS,
        rows=[["2012901", "行政运行", Decimal("2084049.00"), Decimal("1234.56"), dt.date(2023, 3, 1)]],
        unit=unit,
        meta=["单位：常宁市科学技术协会", "年度：2023"],
        total=["合计", "", Decimal("2084049.00"), Decimal("1234.56"), None],
    )


def test_money_is_written_as_exact_numbers_with_a_yuan_format_and_frozen_two_level_header(tmp_path):
    path = write_table(_table(), tmp_path / "t.xlsx")
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "一般公共预算支出表"
    assert "金额单位：元" in sheet["A2"].value
    assert sheet["C3"].value == "基本支出"
    assert sheet["C4"].value == "小计（元）"
    assert sheet.freeze_panes == "A5"
    assert "C3:D3" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A5"].value == "2012901" and sheet["A5"].number_format == "@"
    assert sheet["C5"].value == 2084049 and sheet["C5"].number_format == "#,##0.00"
    assert sheet["A6"].value == "合计" and sheet["A6"].font.bold


def test_wan_yuan_view_rounds_half_up_to_two_places(tmp_path):
    sheet = load_workbook(write_table(_table("万元"), tmp_path / "w.xlsx")).active
    assert sheet["C4"].value == "小计（万元）"
    assert Decimal(str(sheet["C5"].value)) == Decimal("208.4")  # 2,084,049.00元 = 208.40万元
    assert Decimal(str(sheet["D5"].value)) == Decimal("0.12")  # 0.123456万元 → 0.12


def test_streamed_tables_keep_the_frozen_header_and_total(tmp_path):
    table = _table()
    table.columns = [Column(c.header, c.kind) for c in COLUMNS]
    sheet = load_workbook(write_table(table, tmp_path / "s.xlsx", stream=True)).active
    assert sheet.freeze_panes == "A4"
    assert sheet["C3"].value == "小计（元）"
    assert [c.value for c in sheet[5]][:3] == ["合计", None, 2084049]


def test_error_report_lists_row_column_and_message(tmp_path):
    path = tmp_path / "e.xlsx"
    path.write_bytes(
        errors_workbook([{"row": 7, "column": "日期", "message": "“2023-02-30”不是有效日期（该日不存在）"}])
    )
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[3]] == ["行号", "列", "错误说明"]
    assert [c.value for c in sheet[4]] == [7, "日期", "“2023-02-30”不是有效日期（该日不存在）"]
