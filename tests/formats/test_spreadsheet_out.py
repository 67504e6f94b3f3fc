"""The one spreadsheet writer: text that looks like a formula stays text, in every writing module;
sheet titles are ones Excel accepts; CSV gets the visible quote."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jixiao.formats import spreadsheet_out as xlsx
from jixiao.formats.asset_disposal import DisposalRow, DisposalSheet, disposal_xlsx, table_xlsx
from jixiao.formats.checker_xlsx import write_findings_xlsx, write_summary_xlsx
from jixiao.formats.exports import Column, Table, errors_workbook, write_table
from jixiao.formats.monitoring_export import MonitoringTable, write_xlsx
from tests.spreadsheets import STARTS, assert_text_kept, formula_cells, hostile


@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize("stream", [False, True])
def test_text_starting_like_a_formula_is_a_text_cell_with_the_quote_prefix(start, stream):
    workbook = xlsx.new_workbook(stream=stream)
    sheet = xlsx.add_sheet(workbook, "表")
    xlsx.append(sheet, [f"{start}SUM(A1:A9)", xlsx.make_cell(sheet, f"{start}1+1", number_format="@")])
    content = xlsx.save(workbook)
    assert formula_cells(content) == []
    cells = next(iter(load_workbook(io.BytesIO(content)).active.iter_rows()))
    assert [c.value for c in cells] == [f"{start}SUM(A1:A9)", f"{start}1+1"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_ordinary_values_keep_their_types_and_error_literals_are_text():
    workbook = xlsx.new_workbook()
    sheet = xlsx.add_sheet(workbook, "表")
    xlsx.set_cell(sheet, 1, 1, Decimal("12.50"))
    xlsx.set_cell(sheet, 1, 2, dt.date(2023, 5, 1))
    xlsx.set_cell(sheet, 1, 3, "#N/A")
    xlsx.set_cell(sheet, 1, 4, "2012901")
    xlsx.set_cell(sheet, 1, 5, "坏\x01字符")
    row = next(iter(load_workbook(io.BytesIO(xlsx.save(workbook))).active.iter_rows()))
    assert row[0].value == 12.5 and row[0].data_type == "n"
    assert row[1].value == dt.datetime(2023, 5, 1)
    assert (row[2].value, row[2].data_type) == ("#N/A", "s")
    assert (row[3].value, row[3].data_type, row[3].quotePrefix) == ("2012901", "s", False)
    assert row[4].value == "坏\ufffd字符"  # a control character cannot be stored; it no longer ends in a 500


def test_a_cell_keeps_at_most_excels_32767_characters():
    workbook = xlsx.new_workbook()
    sheet = xlsx.add_sheet(workbook, "表")
    xlsx.set_cell(sheet, 1, 1, "字" * 40_000)
    assert len(load_workbook(io.BytesIO(xlsx.save(workbook))).active["A1"].value) == 32_767


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("科协:机关/本级?*[1]\\", "科协：机关／本级？＊［1］＼"),
        ("'引号'", "引号"),
        ("History", "表1"),
        ("", "表1"),
        (
            "常宁市科学技术协会2023年度支出凭证清单（按日期排列）演示数据",
            "常宁市科学技术协会2023年度支出凭证清单（按日期排列）演示数",
        ),
    ],
)
def test_sheet_titles_are_ones_excel_accepts(title, expected):
    assert xlsx.sheet_title(title) == expected and len(expected) <= 31
    workbook = xlsx.new_workbook()
    xlsx.add_sheet(workbook, title)
    # The default sheet was renamed, not left empty beside it.
    assert [s.title for s in load_workbook(io.BytesIO(xlsx.save(workbook))).worksheets] == [expected]


def test_csv_text_that_looks_like_a_formula_starts_with_a_visible_quote():
    data = xlsx.csv_bytes([["摘要", "金额"], ["=HYPERLINK(1)", Decimal("1.50")], ["-2", None], ["普通", 3]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["摘要", "金额"], ["'=HYPERLINK(1)", "1.50"], ["'-2", ""], ["普通", "3"]]


# ---------------------------------------------------------------- every writer, every text field


@pytest.mark.parametrize("stream", [False, True])
def test_write_table_keeps_every_text_field_text(stream):
    title, meta, code, name, note, total_label = (hostile(k) for k in ("题", "元", "码", "名", "注", "合"))
    group = hostile("组")
    table = Table(
        title=title,
        columns=[
            Column("编码", "code"),
            Column("名称"),
            Column("金额", "money", group=group),
            Column("日期", "date"),
        ],
        rows=[[code, name, Decimal("1.00"), dt.date(2023, 1, 2)]],
        meta=[meta],
        total=[total_label, "", Decimal("1.00"), None],
        notes=[note],
    )
    content = write_table(table, stream=stream)
    assert_text_kept(content, title, meta, code, name, note, total_label, *([] if stream else [group]))
    assert load_workbook(io.BytesIO(content)).active.title == xlsx.sheet_title(title)


def test_import_error_lists_keep_the_quoted_cell_text_text():
    column, message, meta = hostile("列"), hostile("错"), hostile("文件")
    content = errors_workbook([{"row": 3, "column": column, "message": message}], meta=[meta])
    assert_text_kept(content, column, message, meta)


def test_plain_tables_and_the_disposal_list_keep_every_text_field_text():
    title, header, cell, total, note = (hostile(k) for k in ("题", "头", "格", "合", "注"))
    content = table_xlsx(
        title=title, headers=[header, "额"], rows=[[cell, Decimal("2")]], totals=[total, 2], notes=[note]
    )
    assert_text_kept(content, title, header, cell, total, note)

    texts = {k: hostile(k) for k in ("单位", "编号", "方式", "理由", "对象", "申请人", "负责人", "财政局")}
    row = {k: hostile(k) for k in ("资产编号", "名称", "分类", "规格", "保管", "地点")}
    sheet = DisposalSheet(
        department=texts["单位"],
        number=texts["编号"],
        method=texts["方式"],
        reason=texts["理由"],
        counterparty=texts["对象"],
        requested_on=dt.date(2024, 3, 1),
        requested_by=texts["申请人"],
        head_approval=texts["负责人"],
        bureau_approval=texts["财政局"],
        completed_on=None,
        rows=[
            DisposalRow(
                row["资产编号"],
                row["名称"],
                row["分类"],
                row["规格"],
                dt.date(2019, 5, 6),
                Decimal("4800"),
                row["保管"],
                row["地点"],
            )
        ],
    )
    assert_text_kept(disposal_xlsx(sheet), *texts.values(), *row.values())


def test_the_monitoring_table_keeps_every_text_field_text():
    values = [hostile(str(i)) for i in range(20)]
    table = MonitoringTable(
        title=values[0],
        subtitle=values[1],
        indicators=(tuple(values[2:9]),),
        budgets=(tuple(values[9:16]),),
        warnings=((*tuple(values[16:20]), ""),),
        notes=(hostile("注"),),
    )
    assert_text_kept(write_xlsx(table), *values)


def test_checker_findings_and_summaries_keep_every_text_field_text(tmp_path):
    values = {
        k: hostile(k) for k in ("file", "rule", "message", "section", "quote", "expected", "found", "error")
    }
    results = [
        {
            "file": values["file"],
            "summary": {"readable": False, "error": values["error"], "report_type": values["rule"]},
            "findings": [
                {
                    "severity": "error",
                    "rule": values["rule"],
                    "message": values["message"],
                    "location": {
                        "section": values["section"],
                        "start": 1,
                        "end": 2,
                        "quote": values["quote"],
                    },
                    "expected": values["expected"],
                    "found": values["found"],
                }
            ],
        }
    ]
    findings = write_findings_xlsx(results, tmp_path / "f.xlsx").read_bytes()
    assert_text_kept(findings, *(v for k, v in values.items() if k != "error"))
    summary = write_summary_xlsx(results, tmp_path / "s.xlsx").read_bytes()
    assert_text_kept(summary, *values.values())
