"""Read tabular files row by row: .xlsx, .xls (BIFF, HTML-as-xls, SpreadsheetML, tab-separated
text) and .csv in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030.

Every reader keeps to the limits of ``jixiao.formats.limits`` (rows, columns, characters a cell,
bytes decompressed, bytes held for one row) and refuses a file beyond one with a Chinese message
naming it, before the file can take the memory or the time it asks for.

Every reader is a generator of rows (lists of cells) so memory stays flat as files grow. Cells
are str, Decimal, int, date, datetime or None — never float: a number in an .xlsx becomes the
Decimal of the cell's own text (rounded to Excel's 15 significant digits when longer), a
date-formatted number a date. .xls (BIFF) stores binary doubles, read by xlrd and kept to 15
significant digits. The container is sniffed from the first bytes, not trusted from the file
name (docs/import-formats.md §1.1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import html
import io
import itertools
import os
import re
import zipfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path

from jixiao.domain.errors import DomainError
from jixiao.formats import limits
from jixiao.formats.limits import LimitExceeded, UnreadableFile

Cell = str | Decimal | int | dt.date | dt.datetime | None

SAMPLE_BYTES = 64 * 1024


__all__ = ["LimitExceeded", "UnreadableFile", "estimate_rows", "read_rows", "sniff"]

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


def _check_file_size(path: str | Path) -> None:
    limits.check(limits.DECOMPRESSED, os.path.getsize(path), "文件的大小")


def _check_lines(path: str | Path) -> None:
    """Refuse a text file with a line longer than the RECORD limit before a reader holds it
    whole (csv reads line by line; a file without line breaks would be one line)."""
    cap = limits.RECORD.value
    run = 0
    with open(path, "rb") as raw:
        for block in iter(lambda: raw.read(1 << 20), b""):
            first = min((i for i in (block.find(b"\n"), block.find(b"\r")) if i >= 0), default=-1)
            if first < 0:
                run += len(block)
            else:
                if run + first > cap:
                    break
                run = len(block) - max(block.rfind(b"\n"), block.rfind(b"\r")) - 1
            if run > cap:
                break
        else:
            return
    raise limits.refuse(limits.RECORD, "文件中有一行")


def _too_wide(row: list[str], number: int) -> LimitExceeded:
    if len(row) > _MAX_COLUMNS:
        return limits.refuse(limits.COLUMNS, f"第{number}行的列数", len(row))
    longest = max(row, key=len)
    return limits.refuse(limits.CELL_CHARS, f"第{number}行第{row.index(longest) + 1}列的文字", len(longest))


def _text_rows(path: str | Path, *, delimiter: str | None = None) -> Iterator[list[Cell]]:
    _check_file_size(path)
    _check_lines(path)
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
            for number, row in enumerate(reader, start=1):
                if number > _MAX_ROWS:
                    raise limits.refuse(limits.ROWS, "文件的行数")
                if len(row) > _MAX_COLUMNS or len(max(row, key=len, default="")) > _MAX_CHARS:
                    raise _too_wide(row, number)
                yield [cell if cell.strip() else None for cell in row]
    except UnicodeDecodeError as error:
        line = (reader.line_num if reader else 0) + 1
        raise UnreadableFile(
            f"文件第{line}行附近含有无法识别的字符（按{encoding}读取）。请另存为UTF-8或GBK编码的CSV。"
        ) from error
    except csv.Error as error:
        line = (reader.line_num if reader else 0) + 1
        if "field larger than field limit" in str(error):  # csv's own cap (131,072) is above ours
            raise limits.refuse(limits.CELL_CHARS, f"第{line}行附近一个单元格的文字") from error
        raise UnreadableFile(f"CSV文件第{line}行格式错误：{error}") from error


def _xls_rows(path: str | Path, sheet: str | None = None) -> Iterator[list[Cell]]:
    import xlrd

    _check_file_size(path)
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
        target = book.sheet_by_name(sheet) if sheet else book.sheet_by_index(0)
    except Exception as error:
        raise UnreadableFile(f"xls文件无法读取（文件可能已损坏或不完整）：{error}") from error
    limits.check(limits.ROWS, target.nrows, "工作表的行数")
    limits.check(limits.COLUMNS, target.ncols, "工作表的列数")
    for index in range(target.nrows):
        cells: list[Cell] = []
        for cell in target.row(index):
            if cell.ctype == xlrd.XL_CELL_TEXT and len(cell.value) > _MAX_CHARS:
                raise limits.refuse(limits.CELL_CHARS, f"第{index + 1}行一个单元格的文字", len(cell.value))
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


# .xlsx: our own streaming reader. The sheet XML is decompressed in chunks and cut into rows and
# cells with regular expressions, so memory stays flat and a cell costs a few string operations
# instead of an element tree (openpyxl read-only and lxml iterparse were 5–15× slower; calamine
# loads the whole sheet and hands numbers over as floats). Numbers become Decimal from the
# cell's own text; date-formatted numbers become dates through the styles' number formats.

XLSX_CHUNK_BYTES = 1 << 18
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FIFTEEN = Context(prec=15, rounding=ROUND_HALF_UP)
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_MAX_COLUMNS = limits.COLUMNS.value  # XFD
_MAX_ROWS = limits.ROWS.value
_MAX_CHARS = limits.CELL_CHARS.value
# Built-in number formats that show a date or time (ECMA-376 §18.8.30, with the East Asian ids
# 27–36 and 50–58 that Chinese Excel uses for 年月日).
_BUILTIN_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
_DATE_TOKENS = re.compile(r"[ymdhs]|aaa|e", re.IGNORECASE)
_STRING_SHARDS = 4096  # shared strings are kept 4096 to a joined string


def is_date_format(code: str) -> bool:
    """Whether an Excel number format code shows a date or time (yyyy-mm-dd, yyyy"年"m"月"d"日")."""
    if not code or code.strip().lower() in {"general", "@"}:
        return False
    return bool(_DATE_TOKENS.search(_FORMAT_NOISE.sub("", code)))


def _column_index(reference: str) -> int:
    index = 0
    for char in reference:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def _xlsx_number(text: str) -> Decimal | int:
    """A <v> number → int, or the Decimal of its text rounded to Excel's 15 significant digits
    ('1234.5600000000001' is the double Excel shows as 1234.56). Never through float."""
    if text.isdigit() and len(text) <= 15:
        return int(text)
    try:
        value = Decimal(text) if len(text) <= 15 else _FIFTEEN.create_decimal(text).normalize(_FIFTEEN)
    except ArithmeticError as error:
        raise UnreadableFile(f"表格中有无效数字“{text[:20]}”。") from error
    if not value.is_finite():
        raise UnreadableFile("表格中有无效数字。")
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return value


def _xml_text(fragment: str) -> str:
    """The character data of an XML fragment's <t> elements (entities resolved, phonetic runs out)."""
    if "<rPh" in fragment:
        fragment = _PHONETIC.sub("", fragment)
    parts = [match.group(1) or "" for match in _T_TEXT.finditer(fragment)]
    return _unescape("".join(parts))


def _unescape(text: str) -> str:
    """XML character data → text. Character references only (&#35760;, how some writers store
    every Chinese character) are replaced through a memo of the references; anything else by
    html.unescape."""
    if "<![CDATA[" in text:
        text = _CDATA.sub(lambda m: m.group(1).replace("&", "&amp;").replace("<", "&lt;"), text)
    if "&" not in text:
        return text
    if text.count("&") == text.count("&#"):
        return _CHARACTER_REFERENCE.sub(_referenced_character, text)
    return html.unescape(text)


_CHARACTER_REFERENCE = re.compile(r"&#(?:(\d{1,7})|[xX]([0-9a-fA-F]{1,6}));")
_REFERENCED: dict[str, str] = {}


def _referenced_character(match: re.Match) -> str:
    found = _REFERENCED.get(match.group(0))
    if found is None:
        code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
        found = chr(code) if code <= 0x10FFFF else "\ufffd"
        if len(_REFERENCED) < 65_536:  # at most the characters of Unicode's first planes
            _REFERENCED[match.group(0)] = found
    return found


# The general patterns never scan past the next element of their own kind (an element body is
# "[^<]" or a "<" that does not open or close that element, taken possessively), so that a
# damaged or hostile part costs time in proportion to its length, never its square.
def _body(tag: str) -> str:
    return rf"(?:[^<]|<(?!/?(?:\w+:)?{tag}[\s/>]))*+"


_PHONETIC = re.compile(rf"<(?:\w+:)?rPh[\s>]{_body('rPh')}</(?:\w+:)?rPh>")
_T_TEXT = re.compile(rf"<(?:\w+:)?t(?:\s[^<>]*+)?>({_body('t')})</(?:\w+:)?t>|<(?:\w+:)?t\s*/>()")
_V_TEXT = re.compile(r"<(?:\w+:)?v(?:\s[^<>]*+)?>([^<]*+)</(?:\w+:)?v>")
_CDATA = re.compile(r"<!\[CDATA\[((?:[^\]<]|\](?!\]>)|<(?!!\[CDATA\[))*+)\]\]>")
_ROOT = re.compile(r"<([A-Za-z_][\w.-]*:)?(worksheet|sst)\b")


def _element_pattern(prefix: str, tag: str, *, attributes: Sequence[tuple[str, str, str]]) -> re.Pattern:
    """<tag …/> or <tag …>body</tag>: one group per attribute (name, captured part, rest of the
    value), in any order, then the body."""
    quote = "[\"']"
    looks = "".join(
        rf"(?:(?=[^<>]*?\s{name}\s*=\s*{quote}({value}){rest}{quote}))?" for name, value, rest in attributes
    )
    body = rf"(?:[^<]|<(?!/?{prefix}{tag}[\s/>]))*+"
    return re.compile(rf"<{prefix}{tag}(?=[\s/>]){looks}[^<>]*?(?:/>|>({body})</{prefix}{tag}\s*>)")


def _chunks(handle, close: str, head: bytes = b"", *, what: str, stop: str | None = None) -> Iterator[str]:
    """The member's text in pieces that each end just after a closing tag (the last at the end,
    or just after ``stop``, where nothing the reader wants follows).

    Text without a closing tag is kept as a list of pieces, never grown by concatenation, and at
    most the RECORD limit of it: a row (or string) that never closes is refused there."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    pending = [""]
    held = 0
    overlap = max(len(close), len(stop or "")) - 1
    reads = iter(lambda: handle.read(XLSX_CHUNK_BYTES), b"")
    for data in itertools.chain((head,) if head else (), reads, (b"",)):
        text = decoder.decode(data, final=not data)
        if not data:
            rest = "".join(pending) + text
            if rest:
                yield rest
            return
        if stop is not None:
            end = _find_across(pending, text, stop, overlap, last=False)
            if end >= 0:
                yield "".join(pending) + text[:end]
                return
        cut = _find_across(pending, text, close, overlap, last=True)
        if cut < 0:
            pending.append(text)
            held += len(data)
            if held > limits.RECORD.value:
                raise limits.refuse(limits.RECORD, what)
            continue
        yield pending[0] + text[:cut] if len(pending) == 1 else "".join(pending) + text[:cut]
        pending, held = [text[cut:]], len(text) - cut


def _find_across(pending: list[str], text: str, tag: str, overlap: int, *, last: bool) -> int:
    """Where in ``text`` the first (or last) ``tag`` ends, counting one that began at the end
    of the pending text; -1 when there is none."""
    if last:
        found = text.rfind(tag)
        if found >= 0:
            return found + len(tag)
    tail = pending[-1][-overlap:]
    if len(tail) < overlap:
        tail = "".join(pending)[-overlap:]
    across = (tail + text[:overlap]).find(tag)
    if across >= 0:
        return across + len(tag) - len(tail)
    if last:
        return -1
    found = text.find(tag)
    return found + len(tag) if found >= 0 else -1


def _prefix(handle) -> tuple[str, bytes]:
    """The namespace prefix of the part's elements ('x:' or ''), and the bytes read to find it."""
    head = handle.read(4096)
    match = _ROOT.search(head.decode("utf-8", errors="ignore"))
    return ((match.group(1) or "") if match else ""), head


class _SharedStrings:
    """The shared-string table, compact: each 4096 strings joined into one str with an offset
    array (about the size of the text itself instead of ~60 bytes more per string object)."""

    def __init__(self) -> None:
        self.shards: list[tuple[str, array]] = []
        self.count = 0

    def load(self, handle) -> None:
        prefix, head = _prefix(handle)
        item = _element_pattern(prefix, "si", attributes=())
        start, end = f"<{prefix}t>", f"</{prefix}t>"
        parts: list[str] = []
        for piece in _chunks(handle, f"</{prefix}si>", head, what="共享字符串表中的一个字符串"):
            for body in item.findall(piece):
                if body.startswith(start) and body.endswith(end) and "<" not in body[len(start) : -len(end)]:
                    text = _unescape(body[len(start) : -len(end)])
                else:
                    text = _xml_text(body)
                if len(text) > _MAX_CHARS:
                    raise limits.refuse(
                        limits.CELL_CHARS, f"共享字符串表第{self.count + len(parts) + 1}个字符串", len(text)
                    )
                parts.append(text)
                if len(parts) == _STRING_SHARDS:
                    self._seal(parts)
        if parts:
            self._seal(parts)

    def _seal(self, parts: list[str]) -> None:
        offsets = array("l", [0])
        position = 0
        for text in parts:
            position += len(text)
            offsets.append(position)
        self.shards.append(("".join(parts), offsets))
        self.count += len(parts)
        parts.clear()

    def __getitem__(self, index: int) -> str:
        text, offsets = self.shards[index >> 12]
        index &= _STRING_SHARDS - 1
        return text[offsets[index] : offsets[index + 1]]

    def __len__(self) -> int:
        return self.count


class _Workbook:
    """What the sheet reader needs from the package: the sheet's part name, the shared strings,
    the styles that show dates and the date system (1900 or 1904)."""

    def __init__(self, archive: zipfile.ZipFile, sheet: str | None) -> None:
        from lxml import etree

        self.archive = archive
        limits.check_archive(archive, name="Excel文件")
        names = set(archive.namelist())
        self.names = names
        workbook_part = "xl/workbook.xml"
        if "_rels/.rels" in names:
            for rel in etree.fromstring(self._read("_rels/.rels")):
                if rel.get("Type", "").endswith("/officeDocument"):
                    workbook_part = rel.get("Target", workbook_part).lstrip("/")
        if workbook_part not in names:
            raise UnreadableFile("这不是Excel工作簿（缺少workbook.xml）。")
        folder = workbook_part.rpartition("/")[0]
        workbook = etree.fromstring(self._read(workbook_part))
        targets: dict[str, tuple[str, str]] = {}
        rels_part = f"{folder}/_rels/{workbook_part.rpartition('/')[2]}.rels"
        if rels_part in names:
            for rel in etree.fromstring(self._read(rels_part)):
                targets[rel.get("Id")] = (rel.get("Type", ""), self._part(folder, rel.get("Target", "")))
        properties = workbook.find(f"{_MAIN}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in {"1", "true"}
        self.epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        self.sheet_part = None
        for item in workbook.iter(f"{_MAIN}sheet"):
            if sheet is None or item.get("name") == sheet:
                self.sheet_part = targets.get(item.get(f"{_REL}id"), ("", ""))[1]
                break
        if not self.sheet_part or self.sheet_part not in names:
            raise UnreadableFile(
                "工作簿中没有工作表。" if sheet is None else f"工作簿中没有工作表“{sheet}”。"
            )
        by_type = {kind.rpartition("/")[2]: part for kind, part in targets.values()}
        self.strings = _SharedStrings()
        strings_part = by_type.get("sharedStrings", f"{folder}/sharedStrings.xml")
        if strings_part in names:
            size = archive.getinfo(strings_part).file_size
            limits.check(limits.SHARED_STRINGS, size, "共享字符串表解压后的大小")
            with archive.open(strings_part) as handle:
                self.strings.load(handle)
        self.date_styles = self._date_styles(by_type.get("styles", f"{folder}/styles.xml"), etree)

    def _read(self, part: str) -> bytes:
        """A small part parsed whole (relationships, workbook, styles), within the XML_PART limit."""
        limits.check(limits.XML_PART, self.archive.getinfo(part).file_size, f"Excel文件中的{part}")
        return self.archive.read(part)

    @staticmethod
    def _part(folder: str, target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        parts = [*folder.split("/"), *target.split("/")] if folder else target.split("/")
        resolved: list[str] = []
        for part in parts:
            if part == "..":
                if resolved:
                    resolved.pop()
            elif part and part != ".":
                resolved.append(part)
        return "/".join(resolved)

    def _date_styles(self, part: str, etree) -> frozenset[str]:
        if part not in self.names:
            return frozenset()
        styles = etree.fromstring(self._read(part))
        custom = {
            int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "") for fmt in styles.iter(f"{_MAIN}numFmt")
        }
        cell_xfs = styles.find(f"{_MAIN}cellXfs")
        found = set()
        for index, xf in enumerate(cell_xfs if cell_xfs is not None else ()):
            try:
                number_format = int(xf.get("numFmtId", "0"))
            except ValueError:
                continue
            if number_format in custom:
                if is_date_format(custom[number_format]):
                    found.add(str(index))
            elif number_format in _BUILTIN_DATE_FORMATS:
                found.add(str(index))
        return frozenset(found)

    def serial(self, value: Decimal | int) -> Cell:
        """An Excel date serial → date (or datetime when it has a time of day)."""
        if not 0 <= value < 2958466:  # 9999-12-31
            return value
        whole = int(value)
        moment = self.epoch + dt.timedelta(days=whole)
        if value == whole:
            return moment.date()
        seconds = int(((value - whole) * 86400).to_integral_value(rounding=ROUND_HALF_UP))
        if whole == 0:
            return (dt.datetime.min + dt.timedelta(seconds=seconds)).time().isoformat()
        return moment + dt.timedelta(seconds=seconds)


def _xlsx_rows(path: str | Path, sheet: str | None = None) -> Iterator[list[Cell]]:
    """Every row of the sheet, numbered as Excel numbers them (missing rows come back empty)."""
    try:
        archive = zipfile.ZipFile(path)
        book = _Workbook(archive, sheet)
        handle = archive.open(book.sheet_part)
    except DomainError:
        raise
    except Exception as error:
        raise UnreadableFile(f"Excel文件无法读取（文件可能已损坏或不完整）：{error}") from error
    try:
        with archive, handle:
            yield from _sheet_rows(handle, book)
    except DomainError:
        raise
    except Exception as error:
        raise UnreadableFile(f"Excel文件读取中断（文件可能已损坏或不完整）：{error}") from error


def _sheet_rows(handle, book: _Workbook) -> Iterator[list[Cell]]:
    prefix, head = _prefix(handle)
    sheet = _SheetReader(book, prefix)
    for piece in _chunks(handle, sheet.close, head, what="工作表中的一行数据", stop=sheet.sheet_end):
        rows = sheet.quick_rows(piece)
        yield from rows if rows is not None else sheet.general_rows(piece)


class _SheetReader:
    """Cuts the sheet's XML into rows of cell values.

    The common writers (Excel, WPS, openpyxl, xlsxwriter, .NET) put attributes in schema order
    with double quotes and a cell's value in <v> or a plain <is><t>: one pattern reads a whole
    chunk of such rows in a single pass. A chunk with any other cell (a formula, rich text,
    another attribute order or quote) is read row by row with the general patterns instead;
    which path read it shows only in the speed, never in the values.
    """

    def __init__(self, book: _Workbook, prefix: str) -> None:
        p = prefix
        self.close, self.row_open = f"</{p}row>", f"<{p}row"
        self.quick = re.compile(
            rf'<{p}row(?=[\s/>])(?: r="(\d+)")?[^<>]*?(/?)>'
            rf'|<{p}c r="([A-Z]{{1,3}})\d+"(?: s="(\d+)")?(?: t="(\w+)")?'
            rf"(?:/>|>(?:<{p}v>([^<]*)</{p}v>|<{p}is><{p}t>([^<]*)</{p}t></{p}is>|)</{p}c>)"
        ).findall
        self.cell_mark, self.row_mark = f"<{p}c", f"<{p}row"
        self.row_cells = re.compile(
            rf'<{p}c r="([A-Z]{{1,3}})\d*"(?: s="(\d+)")?(?: t="(\w+)")?\s*'
            rf"(?:/>|>(<{p}v>[^<]*</{p}v>|<{p}is><{p}t>[^<]*</{p}t></{p}is>|(?:[^<]|<(?!/?{p}c[\s/>]))*+)</{p}c>)"
        ).findall
        self.any_cells = _element_pattern(
            p, "c", attributes=[("r", "[A-Z]{1,3}", r"\d*"), ("s", r"\d+", ""), ("t", r"\w+", "")]
        ).findall
        self.row_number = re.compile(r"\sr\s*=\s*[\"'](\d+)[\"']").search
        self.self_closed = re.compile(rf"<{p}row\b[^<>]*/>").finditer
        self.sheet_end = f"</{p}sheetData"
        self.cell_start = f"<{p}c"
        self.reader = _CellReader(book, prefix)
        self.strings, self.date_styles, self.serial = book.strings, book.date_styles, book.serial
        self.next_row = 1

    def quick_rows(self, piece: str) -> list[list[Cell]] | None:
        """The chunk's rows read in one pass (a few hundred rows: a chunk is 256 KB), or None
        when a row or cell of the chunk is not in the common form."""
        if not piece.endswith(self.close):
            return None  # the end of the part: whatever follows the last row
        items = self.quick(piece)
        if items and items[0][2]:
            return None
        strings, date_styles, serial, reader = self.strings, self.date_styles, self.serial, self.reader
        value_start, value_end = reader.value_start, reader.value_end
        positions, max_chars, text_of = _POSITIONS, _MAX_CHARS, reader.text
        out: list[list[Cell]] = []
        emit = out.append
        next_row = self.next_row
        row: list[Cell] = []
        append = row.append
        width = starts = 0
        for number, closed, column, style, kind, text, inline in items:
            if not column:  # a row starts
                starts += 1
                if number:
                    wanted = _row_number(number)
                    while next_row < wanted:  # rows Excel did not write are empty rows
                        next_row += 1
                        emit([])
                next_row += 1
                row, width = [], 0
                append = row.append
                emit(row)
                if closed:
                    append = None  # <row/>: no cell may follow
                continue
            if inline:  # never empty: an empty <t></t> comes as no text at all
                value = text_of(inline) if "&" in inline else inline
                if len(value) > max_chars:
                    raise _long_text(value, f"第{next_row - 1}行{column}列")
                if value.isspace():
                    value = None
            elif not text:
                value = None
            elif kind == "s":
                value = strings[int(text)]
            elif not kind or kind == "n":
                if text.isdigit() and len(text) <= 15:
                    value = int(text)
                elif (
                    len(text) <= 15
                    and "." in text
                    and text[-1] != "0"
                    and "E" not in text
                    and "e" not in text
                ):
                    value = Decimal(text)
                else:
                    value = _xlsx_number(text)
                if style and style in date_styles:
                    value = serial(value)
            else:
                value = reader.value(kind, style, f"{value_start}{text}{value_end}")
            position = positions.get(column)
            if position is None:
                position = positions[column] = _column_position(column, next_row - 1)
            if position != width:
                if position < width:  # a cell written out of order
                    row[position] = value
                    continue
                row.extend([None] * (position - width))
                width = position
            if append is None:
                return None
            append(value)
            width += 1
        # Every row and cell of the chunk must have been read (a <col> or <rowBreaks> in the
        # chunk also sends it to the general path, which ignores them).
        if starts != piece.count(self.row_mark) or len(items) - starts != piece.count(self.cell_mark):
            return None
        if next_row - 1 > _MAX_ROWS:
            raise limits.refuse(limits.ROWS, "工作表的行数")
        self.next_row = next_row
        return out

    def general_rows(self, piece: str) -> Iterator[list[Cell]]:
        segments = piece.split(self.close)
        tail = segments.pop()  # "" unless this is the end of the part
        for segment in segments:
            position = 0
            while True:  # an empty row may be written as <row r="7"/> before the next one
                start = segment.find(self.row_open, position)
                if start < 0:
                    break
                end = segment.find(">", start)
                tag = segment[start:end]
                found = self.row_number(tag)
                if found:
                    number = _row_number(found.group(1))
                    while self.next_row < number:
                        yield []
                        self.next_row += 1
                self.next_row += 1
                if self.next_row - 1 > _MAX_ROWS:
                    raise limits.refuse(limits.ROWS, "工作表的行数")
                if tag.endswith("/"):
                    yield []
                    position = end + 1
                    continue
                body = segment[end + 1 :]
                cells = self.row_cells(body)
                if len(cells) != body.count(self.cell_start):
                    cells = self.any_cells(body)
                yield _place(cells, self.reader, self.next_row - 1)
                break
        if tail and self.row_open in tail:
            for match in self.self_closed(tail.split(self.sheet_end)[0]):
                found = self.row_number(match.group(0))
                number = _row_number(found.group(1)) if found else self.next_row
                if number > _MAX_ROWS:
                    raise limits.refuse(limits.ROWS, "工作表的行数")
                while self.next_row <= number:
                    yield []
                    self.next_row += 1


_POSITIONS: dict[str, int] = {}


def _row_number(text: str) -> int:
    """A row's r attribute, refused beyond the sheet's last row before any row is made for it."""
    if len(text) > 7 or int(text) > _MAX_ROWS:
        raise limits.refuse(limits.ROWS, f"工作表的第{text[:20]}行")
    return int(text)


def _column_position(column: str, row: int) -> int:
    position = _column_index(column)
    if position >= _MAX_COLUMNS:
        raise limits.refuse(limits.COLUMNS, f"第{row}行的{column}列")
    return position


def _long_text(text: str, where: str) -> LimitExceeded:
    return limits.refuse(limits.CELL_CHARS, f"{where}的文字", len(text))


def _place(cells: list[tuple[str, str, str, str]], reader: _CellReader, number: int) -> list[Cell]:
    """The row's values at their columns (a cell without a reference follows the previous one).
    Inline strings and plain numbers, most of the cells of a large sheet, are read in line."""
    row: list[Cell] = []
    append = row.append
    width = 0
    inline_start, inline_end, value_start, value_end = reader.marks
    inline_cut, inline_end_cut = len(inline_start), -len(inline_end)
    value_cut, value_end_cut = len(value_start), -len(value_end)
    for column, style, kind, inner in cells:
        if not inner:
            value = None
        elif kind == "inlineStr" and inner.startswith(inline_start) and inner.endswith(inline_end):
            value = inner[inline_cut:inline_end_cut]
            if "&" in value or "<" in value:
                value = reader.text(value)
            if len(value) > _MAX_CHARS:
                raise _long_text(value, f"第{number}行{column}列")
            if not value or value.isspace():
                value = None
        elif (kind == "n" or not kind) and not style and inner.startswith(value_start):
            text = inner[value_cut:value_end_cut]
            if text.isdigit() and len(text) <= 15:
                value = int(text)
            elif len(text) <= 15 and "." in text and text[-1] != "0" and "E" not in text and "e" not in text:
                value = Decimal(text)  # at most 14 digits, not integral: exact as written
            else:
                value = reader.value(kind, style, inner)
        else:
            value = reader.value(kind, style, inner)
        if column:
            position = _POSITIONS.get(column)
            if position is None:
                position = _POSITIONS[column] = _column_position(column, number)
            if position != width:
                if position < width:  # a cell written out of order
                    row[position] = value
                    continue
                row.extend([None] * (position - width))
                width = position
        elif width >= _MAX_COLUMNS:
            raise limits.refuse(limits.COLUMNS, f"第{number}行的列数")
        append(value)
        width += 1
    return row


class _CellReader:
    """One cell's value from its type, style and inner XML."""

    def __init__(self, book: _Workbook, prefix: str) -> None:
        self.strings, self.date_styles, self.serial = book.strings, book.date_styles, book.serial
        self.value_start, self.value_end = f"<{prefix}v>", f"</{prefix}v>"
        self.inline_start, self.inline_end = f"<{prefix}is><{prefix}t>", f"</{prefix}t></{prefix}is>"
        self.marks = (self.inline_start, self.inline_end, self.value_start, self.value_end)
        self.texts: dict[str, str] = {}

    def value(self, kind: str, style: str, inner: str) -> Cell:
        if not kind or kind == "n":
            text = self._v(inner)
            if not text:
                return None
            value = _xlsx_number(text)
            return self.serial(value) if style in self.date_styles else value
        if kind == "s":
            text = self._v(inner)
            value = self.strings[int(text)] if text else None
        elif kind == "inlineStr":
            start, end = self.inline_start, self.inline_end
            if inner.startswith(start) and inner.endswith(end):
                value = self.text(inner[len(start) : -len(end)])
            else:
                value = _xml_text(inner)
        elif kind == "str":
            value = self.text(self._v(inner))
        elif kind == "d":
            value = _iso_moment(self._v(inner)) or None
        elif kind == "b":
            value = "是" if self._v(inner).strip() in {"1", "true"} else "否"
        else:  # "e": #N/A, #DIV/0! and the like have no value
            return None
        if value.__class__ is str:
            if not value or value.isspace():
                return None
            if len(value) > _MAX_CHARS:
                raise _long_text(value, "一个单元格")
        return value

    def _v(self, inner: str) -> str:
        if inner.startswith(self.value_start) and inner.endswith(self.value_end):
            text = inner[len(self.value_start) : -len(self.value_end)]
            if "<" not in text:
                return text
        match = _V_TEXT.search(inner)
        return match.group(1) if match else ""

    def text(self, raw: str) -> str:
        """Entities resolved, remembered for repeated texts (a bounded cache, so memory stays flat)."""
        if "&" not in raw and "<" not in raw:
            return raw
        text = self.texts.get(raw)
        if text is None:
            text = _unescape(raw)
            if len(raw) <= 256:  # only short texts repeat; a long one is not worth its memory
                if len(self.texts) >= 4_096:
                    self.texts.clear()
                self.texts[raw] = text
        return text


def _iso_moment(text: str) -> Cell:
    try:
        moment = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return moment.date() if moment.time() == dt.time() else moment


def xlsx_row_count(path: str | Path) -> int:
    """The sheet's row count from its <dimension> element (or by counting rows when absent)."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = _Workbook(archive, None)
            with archive.open(book.sheet_part) as handle:
                head = handle.read(8192).decode("utf-8", errors="ignore")
                match = re.search(r"<(?:\w+:)?dimension\s+ref=[\"'][A-Z]+\d+:[A-Z]+(\d+)[\"']", head)
                if match:
                    return int(match.group(1))
                count, tail = len(re.findall(r"<(?:\w+:)?row[\s>/]", head)), head[-16:].encode()
                for block in iter(lambda: handle.read(XLSX_CHUNK_BYTES), b""):
                    data = tail + block
                    count += len(re.findall(rb"<(?:\w+:)?row[\s>/]", data))
                    count -= len(re.findall(rb"<(?:\w+:)?row[\s>/]", tail))
                    tail = block[-16:]
                return count
    except Exception:
        return 0


_CHARSET = re.compile(rb"charset=[\"']?([\w-]+)", re.IGNORECASE)


def _html_rows(path: str | Path) -> Iterator[list[Cell]]:
    """The rows of every table of an HTML page (a web system's "Excel" export), with rowspan and
    colspan laid out as Excel lays them out when it opens the page: the text in the first cell of
    the merged area, empty cells in the rest, and every later cell in its own column."""
    from lxml import etree

    _check_file_size(path)
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
    tables: list[_HtmlSpans] = []  # one per open <table> (tables can nest)
    count = 0
    try:
        for event, element in etree.iterparse(
            str(path),
            events=("start", "end"),
            tag=("table", "tr"),
            html=True,
            encoding=encoding,
            recover=True,
        ):
            if element.tag == "table":
                if event == "start":
                    tables.append(_HtmlSpans())
                elif tables:
                    tables.pop()
                continue
            if event == "start":
                continue
            count += 1
            if count > _MAX_ROWS:
                raise limits.refuse(limits.ROWS, "网页表格的行数")
            spans = tables[-1] if tables else _HtmlSpans()
            row = spans.row(element, count)
            element.clear()
            while element.getprevious() is not None:  # rows already read: keep memory flat
                del element.getparent()[0]
            yield row
    except DomainError:
        raise
    except Exception as error:
        raise UnreadableFile(f"网页格式的表格无法读取：{error}") from error


def _span(td, name: str, limit: limits.Limit) -> int:
    raw = (td.get(name) or "1").strip()
    if raw.isdigit() and (len(raw) > 7 or int(raw) > limit.value):
        raise limits.refuse(limit, f"网页表格中的 {name}（{raw[:20]}）")
    try:
        return max(int(raw), 1)
    except ValueError:
        return 1


class _HtmlSpans:
    """The cells of one HTML table still covered by a rowspan from a row above: (first column,
    column after the last, rows still to cover), so a row's cells move right past them."""

    def __init__(self) -> None:
        self.covering: list[list[int]] = []

    def row(self, tr, number: int) -> list[Cell]:
        cells: list[Cell] = []
        covering = sorted(self.covering)
        started: list[list[int]] = []
        column = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in {"td", "th"}:
                continue
            for first, after, _ in covering:  # skip the columns merged from the rows above
                if first <= column < after:
                    column = after
            colspan = _span(td, "colspan", limits.COLUMNS)
            rowspan = _span(td, "rowspan", limits.ROWS)
            if column + colspan > _MAX_COLUMNS:
                raise limits.refuse(limits.COLUMNS, f"网页表格第{number}行的列数", column + colspan)
            if len(cells) < column:
                cells.extend([None] * (column - len(cells)))
            text = " ".join("".join(td.itertext()).split())
            if len(text) > _MAX_CHARS:
                raise _long_text(text, f"网页表格第{number}行第{column + 1}列")
            cells.append(text or None)
            cells.extend([None] * (colspan - 1))
            if rowspan > 1:
                started.append([column, column + colspan, rowspan - 1])
            column += colspan
        for span in self.covering:
            span[2] -= 1
        self.covering = [span for span in self.covering if span[2] > 0] + started
        return cells


_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _spreadsheetml_rows(path: str | Path) -> Iterator[list[Cell]]:
    """The first table of an Excel 2003 XML workbook. ss:Index on a row or a cell skips to that
    row or column (the skipped ones come back empty), within the sheet's limits."""
    from lxml import etree

    _check_file_size(path)
    index_attribute, across_attribute, down_attribute = f"{_SS}Index", f"{_SS}MergeAcross", f"{_SS}MergeDown"
    number = 0
    try:
        first_table = True
        for event, element in etree.iterparse(str(path), events=("start", "end"), recover=False):
            if event == "start" and element.tag == f"{_SS}Table":
                if not first_table:
                    return
                first_table = False
            if event != "end" or element.tag != f"{_SS}Row":
                continue
            wanted = _ss_index(element.get(index_attribute), limits.ROWS, "工作表中的行号")
            if wanted:
                while number + 1 < wanted:  # rows the file skipped are empty rows
                    number += 1
                    yield []
            number += 1
            if number > _MAX_ROWS:
                raise limits.refuse(limits.ROWS, "工作表的行数")
            cells: list[Cell] = []
            for cell in element.iter(f"{_SS}Cell"):
                index = _ss_index(cell.get(index_attribute), limits.COLUMNS, f"第{number}行中的列号")
                if index:
                    cells.extend([None] * max(0, index - 1 - len(cells)))
                data = cell.find(f"{_SS}Data")
                value: Cell = None
                if data is not None:
                    text = "".join(data.itertext())
                    if len(text) > _MAX_CHARS:
                        raise _long_text(text, f"第{number}行第{len(cells) + 1}列")
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
                across = _ss_index(cell.get(across_attribute), limits.COLUMNS, f"第{number}行的 MergeAcross")
                _ss_index(cell.get(down_attribute), limits.ROWS, f"第{number}行的 MergeDown")
                if across:
                    cells.extend([None] * across)
                if len(cells) > _MAX_COLUMNS:
                    raise limits.refuse(limits.COLUMNS, f"第{number}行的列数", len(cells))
            element.clear()
            while element.getprevious() is not None:  # rows already read: keep memory flat
                del element.getparent()[0]
            yield cells
    except DomainError:
        raise
    except Exception as error:
        raise UnreadableFile(f"XML格式的表格无法读取：{error}") from error


def _ss_index(raw: str | None, limit: limits.Limit, what: str) -> int:
    """An ss:Index / ss:MergeAcross / ss:MergeDown value, refused beyond the sheet's limit."""
    if not raw or not raw.strip().isdigit():
        return 0
    raw = raw.strip()
    if len(raw) > 7 or int(raw) > limit.value:
        raise limits.refuse(limit, f"{what}（{raw[:20]}）")
    return int(raw)


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
        return min(xlsx_row_count(path), _MAX_ROWS + 1)
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
