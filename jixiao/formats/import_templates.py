"""Import templates (.xlsx): each data sheet has its header row and one 示例 row, and a 说明 sheet
lists every column, whether it is required and what it may hold.

The columns come from the import kind's specification (jixiao/data/imports/synonyms.yaml
``kinds``, jixiao/data/orgs/roster.yaml); nothing here names a column. The first column, 序号,
is not read by the importers; its 示例 marks the example row, which the importers skip.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.imports import ImportColumn
from jixiao.formats.spreadsheet_out import (
    Alignment,
    Border,
    Font,
    PatternFill,
    Side,
    add_sheet,
    get_column_letter,
    new_workbook,
    save,
    set_cell,
)

NUMBER_COLUMN = "序号"
NOTES_SHEET = "说明"
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True, color="9C0006")
_EXAMPLE_FONT = Font(italic=True, color="7F7F7F")
_WRAP = Alignment(wrap_text=True, vertical="top")
_AMOUNT = re.compile(r"^-?\d+\.\d{1,2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMPTY_ROWS_AS_TEXT = 500  # rows under the example whose text columns are formatted as text


@dataclass(frozen=True, slots=True)
class TemplateSheet:
    name: str
    columns: Sequence[ImportColumn]


def _example_value(text: str):
    if _AMOUNT.match(text):
        return Decimal(text), "#,##0.00"
    if _DATE.match(text):
        return dt.date.fromisoformat(text), "yyyy-mm-dd"
    return text, "@"


def template_workbook(
    *, title: str, sheets: Sequence[TemplateSheet], example_label: str, notes: Sequence[str] = ()
) -> bytes:
    """The template as .xlsx bytes: the data sheets first (the importers read the first sheet, or
    each sheet by name), then 说明."""
    book = new_workbook()
    for spec in sheets:
        sheet = add_sheet(book, spec.name)
        headers = [NUMBER_COLUMN, *(c.header for c in spec.columns)]
        for index, header in enumerate(headers, start=1):
            required = index > 1 and spec.columns[index - 2].required
            set_cell(
                sheet,
                1,
                index,
                header,
                fill=_HEADER_FILL,
                border=_BORDER,
                font=_REQUIRED_FONT if required else Font(bold=True),
            )
            sheet.column_dimensions[get_column_letter(index)].width = max(8, min(40, len(header) * 2 + 4))
        set_cell(sheet, 2, 1, example_label, font=_EXAMPLE_FONT)
        for index, column in enumerate(spec.columns, start=2):
            value, number_format = _example_value(column.example)
            set_cell(
                sheet,
                2,
                index,
                value if column.example else None,
                number_format=number_format,
                font=_EXAMPLE_FONT,
                alignment=_WRAP,
            )
            if number_format == "@":
                for row in range(3, 3 + EMPTY_ROWS_AS_TEXT):
                    sheet.cell(row=row, column=index).number_format = "@"
            if len(column.example) > 20:
                sheet.column_dimensions[get_column_letter(index)].width = 40
        sheet.freeze_panes = "B2"
    notes_sheet = add_sheet(book, NOTES_SHEET)
    set_cell(notes_sheet, 1, 1, f"{title}导入模板 · 填写说明", font=Font(bold=True, size=14))
    lines = [
        "第1行为表头，请勿修改列名；第2行为示例（序号列为“示例”，导入时自动跳过，可删除）。",
        "红色粗体的列为必填列；其他列可以整列删除。序号列不导入。",
        *notes,
    ]
    for offset, line in enumerate(lines, start=2):
        set_cell(notes_sheet, offset, 1, line)
    start = len(lines) + 3
    multi = len(sheets) > 1
    headers = [*(["工作表"] if multi else []), "列名", "是否必填", "填写说明与可选值", "示例"]
    for index, header in enumerate(headers, start=1):
        set_cell(notes_sheet, start, index, header, font=Font(bold=True), fill=_HEADER_FILL, border=_BORDER)
    row = start + 1
    for spec in sheets:
        for column in spec.columns:
            values = [
                *([spec.name] if multi else []),
                column.header,
                "必填" if column.required else "可选",
                column.values,
                column.example,
            ]
            for index, value in enumerate(values, start=1):
                set_cell(notes_sheet, row, index, value, border=_BORDER, alignment=_WRAP)
            row += 1
    widths = [*([10] if multi else []), 18, 10, 70, 30]
    for index, width in enumerate(widths, start=1):
        notes_sheet.column_dimensions[get_column_letter(index)].width = width
    return save(book)
