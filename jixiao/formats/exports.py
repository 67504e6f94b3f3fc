"""Excel (.xlsx) tables in the layouts finance staff already file.

Chinese headers, a title and a meta row (单位, 年度, 金额单位), frozen header rows, amounts as
exact numbers formatted in 元 or 万元, codes as text (so 2012901 never becomes a number), and a
合计 row. Amounts arrive in 元 as Decimal; the 万元 view rounds with ``to_wan`` (ROUND_HALF_UP).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from jixiao.domain.money import to_wan
from jixiao.formats import spreadsheet_out as xlsx
from jixiao.formats.spreadsheet_out import Alignment, Border, Font, PatternFill, Side, get_column_letter

UNITS = ("元", "万元")
MONEY_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = '0.0"%"'

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: str = "text"  # text | code | money | date | int | percent
    width: int = 14
    group: str = ""  # a merged header above (e.g. 基本支出 over 小计/人员经费/公用经费)


@dataclass
class Table:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    unit: str = "元"
    meta: Sequence[str] = ()
    total: Sequence | None = None
    notes: Sequence[str] = ()
    bold_rows: set[int] = field(default_factory=set)  # indexes of subtotal rows

    def header_for(self, column: Column) -> str:
        if column.kind == "money":
            return f"{column.header}（{self.unit}）"
        return column.header


def _value(column: Column, value, unit: str):
    if value is None or value == "":
        return None
    if column.kind == "money":
        amount = Decimal(value)
        return to_wan(amount, 2) if unit == "万元" else amount
    if column.kind in {"code", "text"}:
        return str(value)
    if column.kind == "percent":
        return Decimal(value) if value is not None else None
    return value


_FORMATS = {"money": MONEY_FORMAT, "code": TEXT_FORMAT, "date": DATE_FORMAT, "percent": PERCENT_FORMAT}


def write_table(table: Table, target: str | Path | BytesIO | None = None, *, stream: bool = False):
    """Write one table to a workbook; returns the bytes when no target is given.

    ``stream=True`` uses openpyxl's write-only mode for long tables (vouchers): the same layout
    without merged group headers.
    """
    if table.unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}")
    workbook = xlsx.new_workbook(stream=stream)
    sheet = xlsx.add_sheet(workbook, table.title)
    width = len(table.columns)
    grouped = any(c.group for c in table.columns) and not stream
    header_rows = 2 if grouped else 1
    first_header = 3  # title, meta, header(s)

    def styled(value, *, font=None, fill=None, fmt=None, align=None, border=True):
        style = {
            "font": font,
            "fill": fill,
            "number_format": fmt,
            "alignment": align,
            "border": _BORDER if border else None,
        }
        if stream:
            return xlsx.make_cell(sheet, value, **style), None
        return value, style

    rows_out: list[list] = []
    meta_text = "　".join([*table.meta, f"金额单位：{table.unit}"])
    rows_out.append([styled(table.title, font=_TITLE, border=False)])
    rows_out.append([styled(meta_text, border=False)])
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if grouped:
        top = [
            styled(c.group or table.header_for(c), font=_BOLD, fill=_HEADER_FILL, align=center)
            for c in table.columns
        ]
        bottom = [
            styled(table.header_for(c) if c.group else None, font=_BOLD, fill=_HEADER_FILL, align=center)
            for c in table.columns
        ]
        rows_out += [top, bottom]
    else:
        rows_out.append(
            [styled(table.header_for(c), font=_BOLD, fill=_HEADER_FILL, align=center) for c in table.columns]
        )

    def data_cells(values: Sequence, *, bold: bool) -> list:
        return [
            styled(
                _value(c, v, table.unit),
                fmt=_FORMATS.get(c.kind),
                font=_BOLD if bold else None,
                fill=_TOTAL_FILL if bold else None,
            )
            for c, v in zip(table.columns, values, strict=False)
        ]

    if stream:
        sheet.freeze_panes = f"A{first_header + header_rows}"
        for index, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        for row in rows_out:
            xlsx.append(sheet, [cell for cell, _ in row])
        for index, values in enumerate(table.rows):
            xlsx.append(sheet, [cell for cell, _ in data_cells(values, bold=index in table.bold_rows)])
        if table.total is not None:
            xlsx.append(sheet, [cell for cell, _ in data_cells(table.total, bold=True)])
        for note in table.notes:
            xlsx.append(sheet, [note])
    else:
        all_rows = list(rows_out)
        for index, values in enumerate(table.rows):
            all_rows.append(data_cells(values, bold=index in table.bold_rows))
        if table.total is not None:
            all_rows.append(data_cells(table.total, bold=True))
        for row_index, row in enumerate(all_rows, start=1):
            for col_index, (value, style) in enumerate(row, start=1):
                xlsx.set_cell(sheet, row_index, col_index, value, **style)
        for note in table.notes:
            xlsx.append(sheet, [note])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        if grouped:
            _merge_groups(sheet, table.columns, first_header)
        sheet.freeze_panes = f"A{first_header + header_rows}"
        for index, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
    return xlsx.save(workbook, target)


def _merge_groups(sheet, columns: Sequence[Column], row: int) -> None:
    index = 0
    while index < len(columns):
        column = columns[index]
        if not column.group:
            sheet.merge_cells(start_row=row, start_column=index + 1, end_row=row + 1, end_column=index + 1)
            index += 1
            continue
        end = index
        while end + 1 < len(columns) and columns[end + 1].group == column.group:
            end += 1
        if end > index:
            sheet.merge_cells(start_row=row, start_column=index + 1, end_row=row, end_column=end + 1)
        index = end + 1


def errors_workbook(errors: Iterable, *, title: str = "导入错误清单", meta: Sequence[str] = ()) -> bytes:
    """The error report of an import: 行号 | 列 | 错误说明."""
    table = Table(
        title=title,
        columns=[Column("行号", "int", 8), Column("列", "text", 18), Column("错误说明", "text", 90)],
        rows=[[e.get("row") if isinstance(e, dict) else e.row, *_error_texts(e)] for e in errors],
        meta=meta,
    )
    return write_table(table)


def _error_texts(error) -> list[str]:
    if isinstance(error, dict):
        return [error.get("column", ""), error.get("message", "")]
    return [error.column, error.message]


def today_text(as_of: dt.date) -> str:
    return f"导出日期：{as_of:%Y-%m-%d}"
