"""The one place for file limits: every reader takes its caps from here, and every refusal names
the limit it met, in Chinese (architecture.md, "One place for file limits").

The caps are Excel's own where Excel has one (1,048,576 rows, 16,384 columns, 32,767 characters a
cell); the others bound what a reader may decompress or hold at once, so that a small hostile file
(a zip bomb, a row numbered 900,000,000, a huge ss:Index or colspan, a string of 400 MB, a sheet of
whitespace that never closes) is refused within seconds and a few dozen MB, while a real
1,000,000-row voucher file (about 400 MB of sheet XML) stays well inside them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.domain.errors import DomainError

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB


@dataclass(frozen=True, slots=True)
class Limit:
    key: str
    value: int
    name: str  # what is limited, in Chinese: 行数, 列数, 解压后的总大小 …
    unit: str  # 行, 列, 字, 页, or "bytes" (shown as KiB/MiB/GiB)

    def describe(self) -> str:
        """'最多1,048,576行', '最多1 GiB'."""
        return f"最多{self.amount(self.value)}"

    def amount(self, value: int) -> str:
        if self.unit != "bytes":
            return f"{value:,}{self.unit}"
        return size_text(value)

    def message(self, what: str, found: int | None = None) -> str:
        seen = f"（{self.amount(found)}）" if found is not None else ""
        return f"{what}{seen}超过了{self.name}上限（{self.describe()}），已拒绝读取。"


def size_text(value: int) -> str:
    for unit, size in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if value >= size:
            number = value / size
            return f"{number:.0f} {unit}" if number == int(number) else f"{number:.1f} {unit}"
    return f"{value:,} 字节"


ROWS = Limit("rows", 1_048_576, "表格行数", "行")
COLUMNS = Limit("columns", 16_384, "表格列数", "列")
CELL_CHARS = Limit("cell_chars", 32_767, "单元格字数", "字")
DECOMPRESSED = Limit("decompressed", 1 * GIB, "解压后的总大小", "bytes")
SHARED_STRINGS = Limit("shared_strings", 256 * MIB, "共享字符串表（sharedStrings.xml）的大小", "bytes")
# A part a library parses whole (workbook.xml, styles.xml, a .docx's document.xml): a report's
# document.xml is a few MB, an Excel styles.xml at most a few dozen.
XML_PART = Limit("xml_part", 32 * MIB, "单个须整体读入的XML部件的大小", "bytes")
# The XML of one row, or of one shared string, or one line of a CSV file: what a streaming reader
# holds at once. Excel's own rows are far smaller; a sheet of whitespace that never closes a row
# meets this limit instead of filling the memory.
RECORD = Limit("record", 32 * MIB, "一行（或一个字符串）的数据大小", "bytes")
# Report files for the checker (报告体检): a 部门整体支出绩效评价报告 runs to some 50,000 characters.
REPORT_CHARS = Limit("report_chars", 5_000_000, "报告文字", "字")
PDF_PAGES = Limit("pdf_pages", 3_000, "PDF页数", "页")
# One content stream of a PDF page (or a form it draws): a text page's stream is a few KB.
PDF_STREAM = Limit("pdf_stream", 32 * MIB, "PDF中单个内容流解压后的大小", "bytes")
# Web uploads: the default of the JIXIAO_MAX_UPLOAD_MB setting.
UPLOAD_MB_DEFAULT = 100
UPLOAD = Limit("upload", UPLOAD_MB_DEFAULT * MIB, "上传文件的大小", "bytes")

ALL = (
    ROWS, COLUMNS, CELL_CHARS, DECOMPRESSED, SHARED_STRINGS, XML_PART, RECORD, REPORT_CHARS, PDF_PAGES, PDF_STREAM,
)  # fmt: skip


class UnreadableFile(DomainError):
    """A file cannot be read (damaged, not what its name says, or beyond a limit). Every reader's
    own refusal derives from it, so a caller catches one class."""

    code = "unreadable_file"


class LimitExceeded(UnreadableFile):
    """A file goes beyond one of the limits above. ``limit`` says which."""

    code = "file_limit"

    def __init__(self, message: str, *, limit: Limit) -> None:
        super().__init__(message, limit=limit.key)
        self.limit = limit


def refuse(limit: Limit, what: str, found: int | None = None) -> LimitExceeded:
    return LimitExceeded(limit.message(what, found), limit=limit)


def check(limit: Limit, value: int, what: str) -> None:
    if value > limit.value:
        raise refuse(limit, what, value)


def upload_limit(megabytes: int | None) -> Limit:
    """The upload limit with the size a setting gives (JIXIAO_MAX_UPLOAD_MB)."""
    if not megabytes:
        return UPLOAD
    return Limit(UPLOAD.key, int(megabytes) * MIB, UPLOAD.name, UPLOAD.unit)


def check_archive(archive: zipfile.ZipFile, *, parts: Iterable[str] = (), name: str = "文件") -> int:
    """Refuse a zip package (xlsx, docx) whose members decompress beyond DECOMPRESSED in all, or
    whose named ``parts`` (parsed whole by a library) each beyond XML_PART; return the total.

    The sizes are the ones the central directory declares. Python's zipfile never returns more
    than the declared size of a member (a member that lies is cut there and fails its CRC), so
    the check made before reading holds for everything read afterwards.
    """
    total = 0
    for info in archive.infolist():
        total += info.file_size
    check(DECOMPRESSED, total, f"“{name}”解压后的总大小")
    for part in parts:
        try:
            info = archive.getinfo(part)
        except KeyError:
            continue
        check(XML_PART, info.file_size, f"“{name}”中的{part}")
    return total


def archive_size(path) -> int | None:
    """The declared decompressed size of a zip package, or None when it is not one."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
