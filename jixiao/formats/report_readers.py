"""Reading submitted reports into plain text for the checker (报告体检).

- .txt: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030;
- .docx: paragraphs and tables in document order, a table row as its cells joined by `` | ``;
- .pdf: the text layer (pdfplumber, falling back to pypdf); a scanned PDF without one is refused
  with a clear Chinese message.

The text returned is "the text as read": the checker's offsets refer to it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.errors import DomainError

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")


class UnreadableReport(DomainError):
    """The file cannot be read as a report (wrong format, damaged, scanned PDF …)."""

    code = "unreadable_report"


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
        data = file.read_bytes()
    except OSError as error:
        raise UnreadableReport(f"无法读取文件“{file.name}”：{error.strerror or error}") from error
    return read_report_bytes(data, name=file.name, path=str(file))


def read_report_bytes(data: bytes, *, name: str, path: str | None = None) -> ReadReport:
    """Read an uploaded or stored report by its file name's suffix (.txt, .docx, .pdf)."""
    suffix = Path(name).suffix.lower()
    where = path or name
    if suffix == ".docx":
        return ReadReport(where, read_docx_bytes(data, name=name), "docx")
    if suffix == ".pdf":
        return ReadReport(where, read_pdf_bytes(data, name=name), "pdf")
    if suffix in (".doc", ".wps"):
        raise UnreadableReport(f"“{name}”是旧版 Word/WPS 格式，请另存为 .docx 或 .txt 后再检查")
    if suffix in (".xls", ".xlsx", ".zip", ".png", ".jpg", ".jpeg"):
        raise UnreadableReport(f"“{name}”不是报告文本（支持 .txt、.docx、.pdf）")
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
    import zipfile

    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
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

    pages: list[str] = []
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception:  # pdfplumber rejects some files pypdf can read
        pages = []
    if not any(page.strip() for page in pages):
        try:
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            pages = [page.extract_text() or "" for page in reader.pages]
        except Exception as error:
            raise UnreadableReport(f"“{name}”不是有效的 PDF 文件（可能已损坏）") from error
    text = "\n".join(unwrap_pdf_page(page) for page in pages)
    if sum(1 for ch in text if not ch.isspace()) < 10:
        raise UnreadableReport(
            f"“{name}”没有文字层（可能是扫描件或图片 PDF），无法读取文字。请提供 Word 或文本版本，或先做文字识别（OCR）"
        )
    return text


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
