"""The one writer behind every .xlsx and .csv that jixiao exports.

The bureau and the auditors open these files in Excel or WPS. Text that a user typed (a voucher's
摘要, an asset's 存放地点, a reviewer's comment, a quote from an uploaded report) must never
become a live formula there. So every value goes through ``_assign``:

- a string is always a text cell (inline string), whatever it starts with; openpyxl on its own
  turns any string that starts with ``=`` into a formula and ``#N/A`` into an error value;
- text that starts with ``= + - @``, a tab or a carriage return also carries Excel's quote
  prefix (the invisible ``'`` of a typed text), so editing the cell in Excel keeps it text;
- characters that the .xlsx format cannot hold (control characters) become U+FFFD instead of a
  500, and text is cut at Excel's 32,767 characters a cell.

CSV has no cell types, so there such text gets a visible leading ``'`` (the OWASP advice).

Sheet titles are cut to 31 characters and lose what Excel forbids in them (``: \\ / ? * [ ]``
become their full-width forms, a leading or trailing ``'`` is dropped): a department may be
called “科协:机关/本级”.

Exporters import openpyxl's style classes from here too (an import-linter contract keeps
openpyxl out of every other writing module).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "Alignment",
    "Border",
    "Font",
    "PatternFill",
    "Side",
    "add_sheet",
    "append",
    "csv_bytes",
    "get_column_letter",
    "is_formula_like",
    "make_cell",
    "new_workbook",
    "save",
    "set_cell",
    "sheet_title",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_TEXT_MAX = 32_767  # Excel's own limit for one cell
SHEET_TITLE_MAX = 31
_TITLE_REPLACEMENTS = str.maketrans(
    {":": "：", "\\": "＼", "/": "／", "?": "？", "*": "＊", "[": "［", "]": "］"}
)
_RESERVED_TITLES = {"history"}  # Excel reserves “History” for change tracking


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet program read this text as the start of a formula?"""
    return text.startswith(FORMULA_STARTS)


def clean_text(text: str) -> str:
    """Text an .xlsx can hold: control characters replaced, cut at 32,767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)[:CELL_TEXT_MAX]


def sheet_title(text: str, *, fallback: str = "表1") -> str:
    """A title Excel accepts for a worksheet, as close to ``text`` as it allows."""
    title = clean_text(str(text)).translate(_TITLE_REPLACEMENTS).strip().strip("'").strip()
    title = title[:SHEET_TITLE_MAX].strip().strip("'")
    if not title or title.lower() in _RESERVED_TITLES:
        return fallback
    return title


def new_workbook(*, stream: bool = False) -> Workbook:
    """A workbook; ``stream=True`` is openpyxl's write-only mode (long tables, flat memory)."""
    return Workbook(write_only=stream)


def add_sheet(workbook: Workbook, title: str) -> Worksheet:
    """A worksheet with a sanitised title. The first call on a new (not write-only) workbook
    renames its default empty sheet instead of adding a second one."""
    title = sheet_title(title)
    if not workbook.write_only and len(workbook.worksheets) == 1:
        only = workbook.worksheets[0]
        if only.title == "Sheet" and not only._cells:
            only.title = title
            return only
    return workbook.create_sheet(title)


def _assign(cell: Cell, value: Any) -> Cell:
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        # Whatever openpyxl inferred (a formula for "=…", an error for "#N/A"), this is text.
        cell.data_type = "s"
        if is_formula_like(text):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _style(
    cell: Cell,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    number_format: str | None = None,
    alignment: Alignment | None = None,
    border: Border | None = None,
) -> Cell:
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    return cell


def set_cell(sheet: Worksheet, row: int, column: int, value: Any = None, **style) -> Cell:
    """Write one cell of an ordinary sheet (value as text when it is text), with its style."""
    cell = sheet.cell(row=row, column=column)
    _assign(cell, value)
    return _style(cell, **style)


def make_cell(sheet: Worksheet, value: Any = None, **style) -> Cell:
    """A styled cell for ``append`` (the only way to style cells of a write-only sheet)."""
    return _style(_assign(Cell(sheet, row=1, column=1), value), **style)


def append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append one row; plain values and cells made by ``make_cell`` may be mixed."""
    sheet.append([value if isinstance(value, Cell) else make_cell(sheet, value) for value in values])


def save(workbook: Workbook, target: str | Path | io.BytesIO | None = None):
    """Save to ``target``, or return the bytes when there is none."""
    if target is None:
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    workbook.save(target)
    return target


def _csv_value(value: Any) -> Any:
    if isinstance(value, str):
        text = value.replace("\x00", "\ufffd")
        return "'" + text if is_formula_like(text) else text
    return "" if value is None else value


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """Rows as UTF-8 CSV with a byte-order mark (so Excel reads the Chinese right); text that
    a spreadsheet would take for a formula starts with a visible ``'``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
