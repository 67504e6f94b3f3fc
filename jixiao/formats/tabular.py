"""Read tabular files row by row: .xlsx, .xls (BIFF, HTML-as-xls, SpreadsheetML, tab-separated
text) and .csv in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030.

Every reader is a generator of rows (lists of cells) so memory stays flat as files grow. Cells
are str, Decimal, int, date, datetime or None — never float: a number read from Excel becomes a
Decimal of its 15 significant digits, which is what Excel itself shows. The container is sniffed
from the first bytes, not trusted from the file name (docs/import-formats.md §1.1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from jixiao.domain.errors import DomainError

Cell = str | Decimal | int | dt.date | dt.datetime | None

SAMPLE_BYTES = 64 * 1024


class UnreadableFile(DomainError):
    code = "unreadable_file"


# ---------------------------------------------------------------- sniffing


def sniff(path: str | Path) -> str:
    """'xlsx', 'xls', 'html', 'spreadsheetml' or 'text' from the first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if not head:
        raise UnreadableFile("文件是空的。")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "spreadsheetml"
    if b'progid="excel.sheet"' in head.lower() and b"<html" not in head.lower():
        return "spreadsheetml"
    if stripped.startswith(
        (b"<html", b"<!doctype", b"<table", b"<div", b"<meta", b"<head", b"<body", b"<?xml")
    ):
        return "html"
    if stripped.startswith(b"<") and b"<table" in head.lower():
        return "html"
    return "text"


def detect_encoding(sample: bytes) -> str:
    """BOM first (UTF-8 / UTF-16), then strict UTF-8, then GB18030 (a superset of GBK)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


# ---------------------------------------------------------------- cells


def excel_number(value: float | int) -> Decimal | int:
    """A float from a spreadsheet → int or Decimal of 15 significant digits (what Excel shows)."""
    if isinstance(value, int):
        return value
    if value != value or value in (float("inf"), float("-inf")):
        raise UnreadableFile("表格中有无效数字。")
    if value.is_integer() and abs(value) < 1e15:
        return int(value)
    return Decimal(format(value, ".15g"))


def _cell(value) -> Cell:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float | int):
        return excel_number(value)
    if isinstance(value, str | dt.date):
        return value
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return str(value)


# ---------------------------------------------------------------- readers


def _text_rows(path: str | Path, *, delimiter: str | None = None) -> Iterator[list[Cell]]:
    with open(path, "rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
    encoding = detect_encoding(sample)
    text_sample = sample.decode(encoding, errors="ignore")
    if delimiter is None:
        first = next((line for line in text_sample.splitlines() if line.strip()), "")
        counts = {d: first.count(d) for d in (",", "\t", ";")}
        delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    reader = None
    try:
        with open(path, encoding=encoding, errors="strict", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            for row in reader:
                yield [cell if cell.strip() else None for cell in row]
    except UnicodeDecodeError as error:
        line = (reader.line_num if reader else 0) + 1
        raise UnreadableFile(
            f"文件第{line}行附近含有无法识别的字符（按{encoding}读取）。请另存为UTF-8或GBK编码的CSV。"
        ) from error
    except csv.Error as error:
        line = (reader.line_num if reader else 0) + 1
        raise UnreadableFile(f"CSV文件第{line}行格式错误：{error}") from error


def _xlsx_rows(path: str | Path, sheet: str | None = None) -> Iterator[list[Cell]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        if not names:
            raise UnreadableFile("工作簿中没有工作表。")
        target = workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)
        rows = target.iter_rows()
    except DomainError:
        raise
    except Exception as error:
        raise UnreadableFile(f"Excel文件无法读取（文件可能已损坏或不完整）：{error}") from error
    try:
        for row in rows:
            yield [_cell(v) for v in row]
    except DomainError:
        raise
    except Exception as error:  # pragma: no cover - calamine reads the sheet up front
        raise UnreadableFile(f"Excel文件读取中断：{error}") from error


def _xls_rows(path: str | Path, sheet: str | None = None) -> Iterator[list[Cell]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
        target = book.sheet_by_name(sheet) if sheet else book.sheet_by_index(0)
    except Exception as error:
        raise UnreadableFile(f"xls文件无法读取（文件可能已损坏或不完整）：{error}") from error
    for index in range(target.nrows):
        cells: list[Cell] = []
        for cell in target.row(index):
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    cells.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                except Exception:
                    cells.append(excel_number(cell.value))
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) or cell.ctype == xlrd.XL_CELL_ERROR:
                cells.append(None)
            else:
                cells.append(_cell(cell.value))
        yield cells


_CHARSET = re.compile(rb"charset=[\"']?([\w-]+)", re.IGNORECASE)


def _html_rows(path: str | Path) -> Iterator[list[Cell]]:
    from lxml import etree

    with open(path, "rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
    match = _CHARSET.search(sample[:4096])
    encoding = match.group(1).decode("ascii").lower() if match else detect_encoding(sample)
    if encoding in {"gbk", "gb2312"}:
        encoding = "gb18030"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "gb18030"
    try:
        for _, element in etree.iterparse(
            str(path), events=("end",), tag="tr", html=True, encoding=encoding, recover=True
        ):
            cells: list[Cell] = []
            for td in element:
                if not isinstance(td.tag, str) or td.tag.lower() not in {"td", "th"}:
                    continue
                text = " ".join("".join(td.itertext()).split())
                cells.append(text or None)
                try:
                    span = int(td.get("colspan", "1"))
                except ValueError:
                    span = 1
                cells.extend([None] * max(0, min(span, 200) - 1))
            element.clear()
            yield cells
    except DomainError:
        raise
    except Exception as error:
        raise UnreadableFile(f"网页格式的表格无法读取：{error}") from error


_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _spreadsheetml_rows(path: str | Path) -> Iterator[list[Cell]]:
    from lxml import etree

    try:
        first_table = True
        for event, element in etree.iterparse(str(path), events=("start", "end"), recover=False):
            if event == "start" and element.tag == f"{_SS}Table":
                if not first_table:
                    return
                first_table = False
            if event != "end" or element.tag != f"{_SS}Row":
                continue
            cells: list[Cell] = []
            for cell in element.iter(f"{_SS}Cell"):
                index = cell.get(f"{_SS}Index")
                if index and index.isdigit():
                    cells.extend([None] * max(0, int(index) - 1 - len(cells)))
                data = cell.find(f"{_SS}Data")
                value: Cell = None
                if data is not None:
                    text = "".join(data.itertext())
                    kind = data.get(f"{_SS}Type", "String")
                    if kind == "Number" and text.strip():
                        try:
                            value = Decimal(text.strip())
                            value = (
                                int(value)
                                if value == value.to_integral_value() and "." not in text
                                else value
                            )
                        except Exception:
                            value = text
                    elif kind == "DateTime" and text.strip():
                        try:
                            value = dt.datetime.fromisoformat(text.strip()[:19])
                        except ValueError:
                            value = text
                    else:
                        value = text if text.strip() else None
                cells.append(value)
                across = cell.get(f"{_SS}MergeAcross")
                if across and across.isdigit():
                    cells.extend([None] * min(int(across), 200))
            element.clear()
            yield cells
    except DomainError:
        raise
    except Exception as error:
        raise UnreadableFile(f"XML格式的表格无法读取：{error}") from error


def read_rows(path: str | Path, *, sheet: str | None = None) -> Iterator[list[Cell]]:
    """All rows of the file's first (or named) sheet, streamed."""
    kind = sniff(path)
    if kind == "xlsx":
        return _xlsx_rows(path, sheet)
    if kind == "xls":
        return _xls_rows(path, sheet)
    if kind == "html":
        return _html_rows(path)
    if kind == "spreadsheetml":
        return _spreadsheetml_rows(path)
    suffix = Path(path).suffix.lower()
    return _text_rows(
        path, delimiter="\t" if suffix in {".xls", ".tsv", ".txt"} and _has_tabs(path) else None
    )


def _has_tabs(path: str | Path) -> bool:
    with open(path, "rb") as raw:
        return b"\t" in raw.read(4096)


def numbered(rows: Iterable[list[Cell]], start: int = 1) -> Iterator[tuple[int, list[Cell]]]:
    return ((number, row) for number, row in enumerate(rows, start=start))


def estimate_rows(path: str | Path) -> int:
    """A cheap upper estimate of the number of rows (to decide whether to run in background)."""
    kind = sniff(path)
    if kind == "xlsx":
        try:
            from python_calamine import CalamineWorkbook

            workbook = CalamineWorkbook.from_path(str(path))
            metadata = workbook.sheets_metadata
            return max(0, workbook.get_sheet_by_index(0).height) if metadata else 0
        except Exception:
            return 0
    count = 0
    with open(path, "rb") as raw:
        for block in iter(lambda: raw.read(1 << 20), b""):
            count += block.count(b"\n")
    if kind in {"html", "spreadsheetml"}:
        return count // 2
    return count


# ---------------------------------------------------------------- writers (tests, bench, error reports)


def write_csv(path: str | Path, rows: Iterable[Iterable], *, encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return Path(path)


def write_xlsx(path: str | Path, rows: Iterable[Iterable], *, sheet_title: str = "Sheet1") -> Path:
    """Stream rows into a plain .xlsx (openpyxl write-only); Decimal cells stay exact numbers."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    workbook.save(path)
    return Path(path)


def _xlsx_value(value):
    return value  # openpyxl writes Decimal as an exact number


def bytes_of_rows(rows: Iterable[Iterable], *, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)
