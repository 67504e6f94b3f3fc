"""Reading submitted reports into plain text for the checker (报告体检).

- .txt: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030;
- .docx: paragraphs and tables in document order, a table row as its cells joined by `` | ``;
- .pdf: the text layer (pdfplumber, falling back to pypdf); a scanned PDF without one is refused
  with a clear Chinese message.

The text returned is "the text as read": the checker's offsets refer to it.

Every reader keeps to the limits of ``jixiao.formats.limits``: a .docx within DECOMPRESSED in
all and XML_PART for each XML part (python-docx parses them whole), a .pdf within PDF_PAGES and
PDF_STREAM for each content stream (measured by a bounded inflate before pdfplumber decodes it),
and at most REPORT_CHARS of text. Whatever goes wrong inside a library while reading becomes an
``UnreadableReport`` with a Chinese message; the PDF libraries' own log lines and warnings are
kept off stderr.
"""

from __future__ import annotations

import codecs
import logging
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from jixiao.formats import limits
from jixiao.formats.limits import LimitExceeded, UnreadableFile

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")
_TEXT_BYTES = limits.REPORT_CHARS.value * 4  # UTF-8 and UTF-16 take at most 4 bytes a character

# pdfminer and pypdf log every oddity of a PDF ("CropBox missing", "Ignoring wrong pointing
# object") as warnings; for a checker of submitted files they are noise on stderr.
for _name in ("pdfminer", "pdfplumber", "pypdf"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class UnreadableReport(UnreadableFile):
    """The file cannot be read as a report (wrong format, damaged, scanned PDF …)."""

    code = "unreadable_report"


__all__ = [
    "LimitExceeded",
    "ReadReport",
    "UnreadableFile",
    "UnreadableReport",
    "read_report",
    "read_report_bytes",
]


@dataclass(frozen=True, slots=True)
class ReadReport:
    path: str
    text: str
    kind: str  # txt | docx | pdf
    encoding: str | None = None


def read_report(path: str | Path) -> ReadReport:
    """Read one report file; raise ``UnreadableReport`` with a Chinese message when it cannot be read."""
    file = Path(path)
    if not file.exists():
        raise UnreadableReport(f"找不到文件：{file}")
    if file.is_dir():
        raise UnreadableReport(f"“{file}”是文件夹，不是报告文件")
    try:
        size = file.stat().st_size
        if file.suffix.lower() not in (".docx", ".pdf"):
            limits.check(limits.REPORT_CHARS, size // 4, f"“{file.name}”的文字")
        limits.check(limits.DECOMPRESSED, size, f"“{file.name}”的大小")
        data = file.read_bytes()
    except OSError as error:
        raise UnreadableReport(f"无法读取文件“{file.name}”：{error.strerror or error}") from error
    return read_report_bytes(data, name=file.name, path=str(file))


def read_report_bytes(data: bytes, *, name: str, path: str | None = None) -> ReadReport:
    """Read an uploaded or stored report by its file name's suffix (.txt, .docx, .pdf).

    Any failure inside a library becomes an ``UnreadableReport`` (or ``LimitExceeded``): a
    damaged file never escapes as a traceback."""
    try:
        report = _read(data, name=name, where=path or name)
    except UnreadableFile:
        raise
    except Exception as error:  # lxml, zipfile, pdfminer … on a damaged or hostile file
        raise UnreadableReport(
            f"“{name}”无法读取（文件已损坏，或格式与扩展名不符）：{type(error).__name__}"
        ) from error
    limits.check(limits.REPORT_CHARS, len(report.text), f"“{name}”的文字")
    return report


def _read(data: bytes, *, name: str, where: str) -> ReadReport:
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return ReadReport(where, read_docx_bytes(data, name=name), "docx")
    if suffix == ".pdf":
        return ReadReport(where, read_pdf_bytes(data, name=name), "pdf")
    if suffix in (".doc", ".wps"):
        raise UnreadableReport(f"“{name}”是旧版 Word/WPS 格式，请另存为 .docx 或 .txt 后再检查")
    if suffix in (".xls", ".xlsx", ".zip", ".png", ".jpg", ".jpeg"):
        raise UnreadableReport(f"“{name}”不是报告文本（支持 .txt、.docx、.pdf）")
    if len(data) > _TEXT_BYTES:
        raise limits.refuse(limits.REPORT_CHARS, f"“{name}”的文字")
    text, encoding = decode_text(data, name=name)
    return ReadReport(where, text, "txt", encoding)


def decode_text(data: bytes, *, name: str = "文件") -> tuple[str, str]:
    """Bytes of a text file → (text, encoding). BOMs are honoured and not part of the text."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name), "utf-16"
    if b"\x00" in data[:4096]:
        raise UnreadableReport(f"“{name}”看起来是二进制文件，不是文本（支持 .txt、.docx、.pdf）")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as error:
        raise UnreadableReport(
            f"“{name}”的文字编码无法识别（支持 UTF-8、GBK、GB18030），第{error.start}个字节处出错"
        ) from error


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableReport(
            f"“{name}”不是有效的 {encoding.upper()} 文本（第{error.start}个字节处出错）"
        ) from error


def read_docx_bytes(data: bytes, *, name: str = "文件") -> str:
    """Paragraphs and tables of a .docx in document order; a table row's cells joined by ' | '."""
    import io

    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # python-docx reads every part into memory and parses every XML part whole.
            parts = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
            limits.check_archive(archive, parts=parts, name=name)
        document = Document(io.BytesIO(data))
    except LimitExceeded:
        raise
    except Exception as error:
        raise UnreadableReport(f"“{name}”不是有效的 .docx 文件（可能已损坏，或其实是别的格式）") from error
    lines: list[str] = []
    numbering = _ListNumbering(document)
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            lines.append(numbering.label(paragraph) + paragraph.text)
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(Table(child, document)))
    return "\n".join(lines)


_CN_NUMERALS = "零一二三四五六七八九十"


def _chinese(value: int) -> str:
    if value <= 10:
        return _CN_NUMERALS[value]
    tens, units = divmod(value, 10)
    return ("" if tens == 1 else _CN_NUMERALS[tens]) + "十" + (_CN_NUMERALS[units] if units else "")


def _format_number(value: int, number_format: str) -> str:
    if number_format in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
    ):
        return _chinese(value)
    if number_format == "decimalEnclosedCircleChinese" or number_format == "decimalEnclosedCircle":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[value - 1] if 0 < value <= 20 else str(value)
    if number_format == "upperLetter":
        return chr(ord("A") + value - 1)
    if number_format == "lowerLetter":
        return chr(ord("a") + value - 1)
    if number_format == "none":
        return ""
    return str(value)


class _ListNumbering:
    """Word's automatic list numbering ('一、' '（一）' '1.' kept in numbering.xml, not in the text),
    rendered the way Word shows it, so headings read from a .docx carry their numbers."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[tuple[str, int], tuple[int, str, str]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for item in root.findall(qn("w:abstractNum")):
            levels = {}
            for level in item.findall(qn("w:lvl")):
                start = level.find(qn("w:start"))
                number_format = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                levels[int(level.get(qn("w:ilvl")))] = (
                    int(start.get(qn("w:val"))) if start is not None else 1,
                    number_format.get(qn("w:val")) if number_format is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                )
            abstract[item.get(qn("w:abstractNumId"))] = levels
        for item in root.findall(qn("w:num")):
            reference = item.find(qn("w:abstractNumId"))
            if reference is None:
                continue
            for ilvl, spec in abstract.get(reference.get(qn("w:val")), {}).items():
                self._levels[(item.get(qn("w:numId")), ilvl)] = spec

    def _number_properties(self, paragraph) -> tuple[str, int] | None:
        qn = self._qn
        properties = paragraph._p.pPr
        number = properties.find(qn("w:numPr")) if properties is not None else None
        style = paragraph.style
        while number is None and style is not None:
            style_properties = style.element.pPr
            number = style_properties.find(qn("w:numPr")) if style_properties is not None else None
            style = style.base_style
        if number is None:
            return None
        num_id = number.find(qn("w:numId"))
        level = number.find(qn("w:ilvl"))
        if num_id is None or num_id.get(qn("w:val")) == "0":
            return None
        return num_id.get(qn("w:val")), int(level.get(qn("w:val"))) if level is not None else 0

    def label(self, paragraph) -> str:
        if not self._levels:
            return ""
        found = self._number_properties(paragraph)
        if found is None or found not in self._levels:
            return ""
        num_id, ilvl = found
        counters = self._counters.setdefault(num_id, {})
        start, _, text = self._levels[found]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]

        def render(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            level_start, number_format, _ = self._levels.get((num_id, level), (1, "decimal", ""))
            return _format_number(counters.get(level, level_start), number_format)

        return re.sub(r"%(\d)", render, text)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # a merged cell is returned once per grid column
            previous = cell._tc
            nested = cell.tables
            text = cell.text.replace("\n", " ").strip()
            if nested:
                text = " ".join(line for inner in nested for line in _table_lines(inner)) or text
            cells.append(text)
        lines.append(" | ".join(cells))
    return lines


def read_pdf_bytes(data: bytes, *, name: str = "文件") -> str:
    """The text layer of a PDF, pages joined by newlines. A scanned PDF has none: refused."""
    import io

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise UnreadableReport(f"“{name}”是加密的 PDF，请提供未加密的版本")
            _check_pdf_streams(reader, name)
        except UnreadableFile:
            raise
        except Exception as error:
            raise UnreadableReport(f"“{name}”不是有效的 PDF 文件（可能已损坏）") from error
        pages: list[str] = []
        try:
            import pdfplumber

            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = [page.extract_text() or "" for page in pdf.pages]
        except Exception:  # pdfplumber rejects some files pypdf can read
            pages = []
        if not any(page.strip() for page in pages):
            try:
                pages = [page.extract_text() or "" for page in reader.pages]
            except Exception as error:
                raise UnreadableReport(f"“{name}”不是有效的 PDF 文件（可能已损坏）") from error
    text = "\n".join(unwrap_pdf_page(page) for page in pages)
    if sum(1 for ch in text if not ch.isspace()) < 10:
        raise UnreadableReport(
            f"“{name}”没有文字层（可能是扫描件或图片 PDF），无法读取文字。请提供 Word 或文本版本，或先做文字识别（OCR）"
        )
    return text


def _check_pdf_streams(reader, name: str) -> None:
    """Refuse a PDF with more pages than PDF_PAGES, or a content stream (a page's, or a form's it
    draws) that inflates beyond PDF_STREAM, or beyond DECOMPRESSED in all, before a text
    extractor decodes them whole."""
    count = len(reader.pages)
    limits.check(limits.PDF_PAGES, count, f"“{name}”的页数")
    seen: set[int] = set()
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        for stream in _page_streams(page, seen):
            total += _inflated_size(stream, f"“{name}”第{number}页的一个内容流")
            limits.check(limits.DECOMPRESSED, total, f"“{name}”解压后的总大小")


def _page_streams(page, seen: set[int]):
    """The page's content streams and the form XObjects it uses (each once, nested ones too)."""
    pending = []
    contents = page.get("/Contents")
    if contents is not None:
        contents = contents.get_object()
        pending.extend(contents if isinstance(contents, list) else [contents])
    resources = [page.get("/Resources")]
    while resources or pending:
        while pending:
            item = pending.pop()
            stream = item.get_object()
            key = id(stream)
            if key in seen or not hasattr(stream, "get_data"):
                continue
            seen.add(key)
            yield stream
            resources.append(stream.get("/Resources"))
        if resources:
            found = resources.pop()
            found = found.get_object() if found is not None else None
            xobjects = found.get("/XObject") if found is not None else None
            xobjects = xobjects.get_object() if xobjects is not None else None
            for reference in (xobjects or {}).values():
                xobject = reference.get_object()
                if xobject.get("/Subtype") == "/Form":
                    pending.append(xobject)


def _inflated_size(stream, what: str) -> int:
    """The decoded size of a stream, inflated in bounded steps (never more than PDF_STREAM is
    produced); streams in other encodings are decoded by pypdf, within its own caps."""
    cap = limits.PDF_STREAM.value
    filters = stream.get("/Filter")
    filters = [filters] if isinstance(filters, str) else list(filters or [])
    if filters and filters[0] in ("/FlateDecode", "/Fl"):
        raw = stream._data  # the encoded bytes as stored in the file
        inflater = zlib.decompressobj()
        size = 0
        for start in range(0, len(raw), 1 << 16):
            chunk = raw[start : start + (1 << 16)]
            while chunk:
                try:
                    size += len(inflater.decompress(chunk, 1 << 20))
                except zlib.error:
                    return size  # a damaged stream: pdfminer and pypdf recover what they can
                if size > cap:
                    raise limits.refuse(limits.PDF_STREAM, what)
                chunk = inflater.unconsumed_tail
        return size
    try:
        size = len(stream.get_data())
    except Exception as error:
        if type(error).__name__ == "LimitReachedError":
            raise limits.refuse(limits.PDF_STREAM, what) from error
        return 0
    if size > cap:
        raise limits.refuse(limits.PDF_STREAM, what)
    return size


_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–\s]*$")
_STARTS_BLOCK = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+[部章节]|附件)"
)
_ENDS_SENTENCE = tuple("。！？；：!?;:")


def unwrap_pdf_page(page: str) -> str:
    """Join the lines a PDF wrapped inside a paragraph, and drop page-number lines.

    Chinese has no spaces between words, so a wrapped line is joined without one. A line is
    joined to the next when it is about as long as the page's full lines, does not end a
    sentence, and the next line does not start a heading or a numbered item.
    """
    lines = [line.rstrip() for line in page.split("\n")]
    lines = [line for line in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    if not lines:
        return ""
    lengths = sorted(len(line.strip()) for line in lines)
    full = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 3 else lengths[-1]
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        if (
            len(previous.strip()) >= max(full * 0.8, 10)
            and not previous.endswith(_ENDS_SENTENCE)
            and not _STARTS_BLOCK.match(line.strip())
            and "|" not in previous
        ):
            out[-1] = previous + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def expand_paths(arguments: list[str]) -> list[Path]:
    """Files as given; a folder stands for the supported report files inside it (sorted, recursive)."""
    files: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SUPPORTED_SUFFIXES
                    and not p.name.startswith((".", "~$"))
                )
            )
        else:
            files.append(path)
    return files
