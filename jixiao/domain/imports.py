"""Import rules for vouchers, budget allocations (指标) and the “三公” budget, independent of file
formats and Django.

Readers (jixiao.formats.tabular) yield rows of cells: str, Decimal, int, date, datetime or None
(never float). This module finds the header row by keyword scoring, maps column headers to
canonical fields through the synonym table (jixiao/data/imports/synonyms.yaml) and any mapping
the department saved, normalises each row (forward-filled voucher keys, total rows skipped,
codes as text, amounts as Decimal 元) and validates it, collecting EVERY error with its row,
column and a Chinese message. Budget control for a voucher batch is set-based: the batch is
grouped by budget line in one pass and each group's sum is compared with the line's available
balance; cross-use between 基本/项目/projects uses the same rules as ``check_expenditure``.

Validation streams: only per-line sums are kept, repeated voucher numbers are found through a
NumberIndex (a temporary table in the importer, 12 bytes a row in MemoryNumberIndex), and the
checks of repeated cells are remembered in small bounded memos.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from array import array
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple, Protocol

from jixiao.data import load_yaml
from jixiao.domain.budget_control import (
    BudgetControlError,
    BudgetLineView,
    ControlKey,
    LineBalance,
    check_expenditure,
    missing_key_fields,
)
from jixiao.domain.classification import (
    FundType,
    basic_fund_type_for,
    default_fund_source,
    economic_name,
    function_name,
    fund_source,
    fund_source_for,
    fund_source_name,
    fund_sources,
    is_known_economic_code,
    is_known_function_code,
    sangong_items,
)
from jixiao.domain.errors import DomainError
from jixiao.domain.money import FEN, WAN, ZERO, yuan_fixed
from jixiao.domain.prior_year import AMOUNT_LABELS, PriorYear, PriorYearBuilder, PriorYearInvalid

Cell = str | Decimal | int | dt.date | dt.datetime | None

HEADER_SCAN_ROWS = 20
MAX_REPORTED_ERRORS = 10_000
EXCEL_EPOCH = dt.date(1899, 12, 30)
ONE = Decimal(1)


class ImportRefused(DomainError):
    """The file as a whole cannot be read (no header row, required columns missing…)."""

    code = "import_refused"


def _visible_controls(text: str) -> str:
    return "".join(chr(0x2400 + ord(ch)) if ord(ch) < 0x20 and ch not in "\t\n" else ch for ch in str(text))


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in the file: the sheet row number (1-based, None for the whole file), the
    column as the file names it, and a Chinese message."""

    row: int | None
    column: str
    message: str

    def __post_init__(self) -> None:
        # A NUL or other control character quoted from a broken cell must not reach the database
        # (PostgreSQL refuses \u0000 in text and JSON): show it as a visible symbol instead.
        for name in ("column", "message"):
            object.__setattr__(self, name, _visible_controls(getattr(self, name)))

    def text(self) -> str:
        where = f"第{self.row}行" if self.row else "文件"
        return f"{where}【{self.column}】{self.message}"


# ---------------------------------------------------------------- reference data


@dataclass(frozen=True, slots=True)
class Synonyms:
    by_header: dict[str, str]
    required: dict[str, tuple[str, ...]]
    keywords: tuple[str, ...]
    forward_fill: tuple[str, ...]
    total_pattern: re.Pattern
    note_pattern: re.Pattern
    fund_types: dict[str, str]
    labels: dict[str, str]
    budget_kinds: dict[str, str] = field(default_factory=dict)

    def label(self, field_name: str) -> str:
        return self.labels.get(field_name, field_name)


@dataclass(frozen=True, slots=True)
class ImportColumn:
    """One column of an import kind, as its template writes it and its 说明 sheet explains it."""

    field: str
    header: str
    required: bool
    values: str
    example: str


@dataclass(frozen=True, slots=True)
class ImportKindSpec:
    kind: str
    title: str
    columns: tuple[ImportColumn, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns if c.required)


@cache
def import_kinds() -> dict[str, ImportKindSpec]:
    """Every import kind's columns (synonyms.yaml ``kinds``): the one source of the importer's
    required columns and of the templates."""
    data = load_yaml("imports/synonyms.yaml")
    return {
        kind: ImportKindSpec(
            kind=kind,
            title=str(spec["title"]),
            columns=tuple(
                ImportColumn(
                    field=str(column["field"]),
                    header=str(column.get("header") or data["labels"].get(column["field"], column["field"])),
                    required=bool(column.get("required", False)),
                    values=str(column.get("values") or ""),
                    example=str(column.get("example") or ""),
                )
                for column in spec["columns"]
            ),
        )
        for kind, spec in data["kinds"].items()
    }


def example_label() -> str:
    """The first cell of a template's 示例 row; the importers skip that row as a note."""
    return str(load_yaml("imports/synonyms.yaml").get("example_label", "示例"))


@cache
def synonyms() -> Synonyms:
    data = load_yaml("imports/synonyms.yaml")
    by_header: dict[str, str] = {}
    for name, headers in data["fields"].items():
        for header in headers:
            by_header.setdefault(normalise_header(str(header))[0], name)
    fund_types = {text: key for key, texts in data["fund_types"].items() for text in texts}
    budget_kinds = {
        normalise_header(str(text))[0]: key for key, texts in data["budget_kinds"].items() for text in texts
    }
    return Synonyms(
        by_header=by_header,
        required={kind: spec.required for kind, spec in import_kinds().items()},
        keywords=tuple(data["header_keywords"]),
        forward_fill=tuple(data["forward_fill"]),
        total_pattern=re.compile(data["total_pattern"]),
        note_pattern=re.compile(data["note_pattern"]),
        fund_types=fund_types,
        labels=dict(data["labels"]),
        budget_kinds=budget_kinds,
    )


# ---------------------------------------------------------------- cells

_DIRT = re.compile(r"(_x000D_|[\r\n\t\u3000\u00a0 ])")
_UNIT_SUFFIX = re.compile(r"\((万元|元)\)$")
_UNIT_META = re.compile(r"单位[:：]?\s*(万元|元)")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "：": ":", "／": "/", "－": "-", "—": "-"})


def cell_text(value: Cell) -> str:
    """A cell as clean text: codes and numbers typed as numbers come back without '.0'."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Fast path: printable text (no CR/LF/tab, no U+3000 or NBSP) needs only a strip.
        if value.isprintable() and "_x000D_" not in value:
            text = value.strip()
        else:
            text = _DIRT.sub(" ", value).strip()
        return text[1:].strip() if text.startswith("'") else text
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _as_text(value: Cell) -> str:
    """cell_text for values already cleaned by _RowReader.values (the hot path)."""
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    return cell_text(value)


def _code(value: Cell) -> str:
    text = _as_text(value)
    return text if text.isdigit() else split_code(text)[0]


def normalise_header(text: str) -> tuple[str, Decimal | None]:
    """'指标金额（万元）' → ('指标金额', 10000); full-width punctuation and spaces removed."""
    name = _DIRT.sub("", str(text)).translate(_BRACKETS).strip().rstrip(":")
    unit = None
    match = _UNIT_SUFFIX.search(name)
    if match:
        unit = WAN if match.group(1) == "万元" else Decimal(1)
        name = name[: match.start()]
    name = name.replace("(", "").replace(")", "") if name.count("(") == name.count(")") else name
    return name, unit


def split_code(value: Cell) -> tuple[str, str]:
    """'2012901-行政运行', '2012901 行政运行', '[2012901]行政运行', 2012901 → ('2012901', name)."""
    text = cell_text(value)
    if text.isdigit():
        return text, ""
    match = _CODE_NAME.match(text)
    if match and (not match.group(2) or not match.group(2)[0].isdigit()):
        return match.group(1), match.group(2).strip()
    return text, ""


_CODE_NAME = re.compile(r"^\[?(\d+)\]?\s*[-_\s]?\s*(.*)$")
_PLAIN_AMOUNT = re.compile(r"-?\d{1,15}(\.\d{1,2})?")
_AMOUNT_LIMIT = Decimal("1e15")
_AMOUNT_STRIP = re.compile(r"[,，￥¥元\s\u3000\u00a0']")
_AMOUNT_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese and names the value."""


def parse_amount(value: Cell, *, unit: Decimal = Decimal(1)) -> Decimal | None:
    """A money cell → Decimal 元 with 2 places; None when blank. Refuses text and >2 decimals.

    Accepts '1,234.56', '¥1,234.56', '(1,234.56)' and '1,234.56-' (negative), numbers typed as
    numbers, and amounts in 万元 when the column or sheet says so (up to 6 decimals in 万元).
    """
    if value is None:
        return None
    if value.__class__ is str and unit == 1 and _PLAIN_AMOUNT.fullmatch(value):
        return Decimal(value).quantize(FEN)  # the common case: "1234.56"
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是金额")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = _AMOUNT_STRIP.sub("", value)
        if not text:
            return None
        negative = False
        if text.startswith("(") and text.endswith(")"):
            negative, text = True, text[1:-1]
        elif text.endswith("-") and len(text) > 1:
            negative, text = True, text[:-1]
        if not _AMOUNT_TEXT.match(text):
            raise CellError(f"“{value.strip()}”不是有效金额（示例：1234.56 或 1,234.56）")
        try:
            amount = Decimal(text)
        except InvalidOperation as error:  # pragma: no cover - the regex already refused it
            raise CellError(f"“{value.strip()}”不是有效金额") from error
        if negative:
            amount = -amount
    else:
        raise CellError(f"“{cell_text(value)}”不是金额")
    if not amount.is_finite():
        raise CellError(f"“{cell_text(value)}”不是有效金额")
    amount = amount * unit
    if amount != amount.quantize(FEN):
        shown = cell_text(value)
        if unit == 1:
            raise CellError(f"金额“{shown}”超过两位小数（金额以元为单位，最多到分）")
        raise CellError(f"金额“{shown}”万元折合{amount}元，超过两位小数")
    if abs(amount) >= Decimal("1e15"):
        raise CellError(f"金额“{cell_text(value)}”超出范围")
    return amount.quantize(FEN)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: Cell) -> dt.date | None:
    """A date cell → date; None when blank. Accepts Excel serial numbers (45742 = 2025-03-26)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是日期")
    if isinstance(value, int | Decimal):
        if 20000 <= value < 80000:  # an Excel serial; a fraction is the time of day
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        if 19000101 <= value <= 29991231 and value == int(value):
            value = str(int(value))
        else:
            raise CellError(f"“{cell_text(value)}”不是有效日期（示例：2023-03-15）")
    text = cell_text(value)
    if not text:
        return None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # the patterns below explain what is wrong
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError as error:
                raise CellError(f"“{text}”不是有效日期（该日不存在）") from error
    raise CellError(f"“{text}”不是有效日期（示例：2023-03-15 或 2023/3/15）")


# ---------------------------------------------------------------- header detection


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the data is: header row, column of each field, unit multiplier of each field."""

    kind: str
    header_row: int
    header_rows: int
    headers: tuple[str, ...]
    columns: dict[str, int]
    units: dict[str, Decimal]
    unit_found: bool
    unmapped: tuple[str, ...]
    missing: tuple[str, ...]

    def column_label(self, field_name: str) -> str:
        index = self.columns.get(field_name)
        if index is not None and index < len(self.headers) and self.headers[index]:
            return self.headers[index]
        return synonyms().label(field_name)

    @property
    def data_start(self) -> int:
        return self.header_row + self.header_rows


def _is_numberish(value: Cell) -> bool:
    if isinstance(value, int | Decimal | dt.date):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"[-+]?[\d,.]+", value.strip()))


def _field_for(header: str, saved: dict[str, str]) -> tuple[str | None, Decimal | None]:
    field_name, unit, _ = _match_header(header, saved)
    return field_name, unit


def _match_header(header: str, saved: dict[str, str]) -> tuple[str | None, Decimal | None, int]:
    """(field, unit, strength): 2 = the whole header matched, 1 = its lower level, 0 = its upper."""
    name, unit = normalise_header(header)
    if not name:
        return None, unit, 0
    table = synonyms().by_header
    candidates = [(name, 2)]
    if "/" in name:
        parent, _, child = name.rpartition("/")
        candidates += [(child, 1), (parent, 0), (parent.split("/")[0], 0)]
    for lookup in (saved, table):
        for candidate, strength in candidates:
            if candidate in lookup:
                return lookup[candidate], unit, strength
    return None, unit, 0


def _score(row: Sequence[Cell], saved: dict[str, str]) -> int:
    score = 0
    keywords = synonyms().keywords
    for cell in row:
        if not isinstance(cell, str) or not cell.strip() or _is_numberish(cell):
            continue
        field_name, _ = _field_for(cell, saved)
        if field_name:
            score += 3
        elif any(word in cell for word in keywords):
            score += 1
    return score


def _forward_fill(row: Sequence[Cell]) -> list[str]:
    filled, last = [], ""
    for cell in row:
        text = cell_text(cell)
        last = text or last
        filled.append(text or last)
    return filled


def detect_layout(
    head: Sequence[Sequence[Cell]], *, kind: str, saved: dict[str, str] | None = None
) -> Layout:
    """Find the header row among the first rows by keyword scoring and map its columns.

    ``head`` holds the first rows of the sheet (up to HEADER_SCAN_ROWS). ``saved`` maps a
    normalised header text to a canonical field (the department's saved mapping); it wins over
    the synonym table. Merged two-level headers are forward-filled and joined with '/'.
    """
    saved = {normalise_header(k)[0]: v for k, v in (saved or {}).items() if v}
    rows = [list(r) for r in head[:HEADER_SCAN_ROWS]]
    if not rows:
        raise ImportRefused("文件是空的，没有找到任何数据行。")
    scores = [_score(r, saved) for r in rows]
    best = max(range(len(rows)), key=lambda i: (scores[i], -i))
    if scores[best] < 3:
        raise ImportRefused(
            "没有找到表头行：前20行中没有可识别的列名（如 日期、凭证号、摘要、功能分类、经济分类、金额）。"
        )
    header_cells = rows[best]
    headers = [cell_text(c) for c in header_cells]
    header_rows = 1
    if best + 1 < len(rows):
        below = rows[best + 1]
        texts = [cell_text(c) for c in below]
        merged_under_blank = any(
            t and (i >= len(headers) or not headers[i]) for i, t in enumerate(texts)
        ) or any(
            t and i < len(headers) and headers[i] and _field_for(t, saved)[0] for i, t in enumerate(texts)
        )
        if any(texts) and not any(_is_numberish(c) for c in below if c is not None) and merged_under_blank:
            filled = _forward_fill(header_cells)
            width = max(len(filled), len(texts))
            filled += [""] * (width - len(filled))
            texts += [""] * (width - len(texts))
            headers = [
                f"{p}/{c}" if c and p and c != p else (c or p) for p, c in zip(filled, texts, strict=True)
            ]
            header_rows = 2
    sheet_unit = None
    for row in rows[:best]:
        for cell in row:
            match = _UNIT_META.search(cell_text(cell))
            if match:
                sheet_unit = WAN if match.group(1) == "万元" else Decimal(1)
    for cell in header_cells:  # "金额单位：元" sometimes sits in the header row's last cell
        match = _UNIT_META.search(cell_text(cell))
        if match and sheet_unit is None:
            sheet_unit = WAN if match.group(1) == "万元" else Decimal(1)
    columns: dict[str, int] = {}
    units: dict[str, Decimal] = {}
    unmapped: list[str] = []
    unit_found = sheet_unit is not None
    matches = [(index, *_match_header(header, saved)) for index, header in enumerate(headers)]
    for index, field_name, _, _ in matches:
        if field_name is None and headers[index]:
            unmapped.append(headers[index])
    # Whole-header matches claim their field first (借方/金额 before 借方/数量), then by position.
    for index, field_name, unit, _ in sorted(matches, key=lambda m: (-m[3], m[0])):
        if field_name is None or field_name == "ignore" or field_name in columns:
            continue
        columns[field_name] = index
        if unit is not None:
            units[field_name] = unit
            unit_found = True
        elif sheet_unit is not None:
            units[field_name] = sheet_unit
    missing = missing_fields(kind, columns)
    return Layout(
        kind=kind,
        header_row=best + 1,
        header_rows=header_rows,
        headers=tuple(headers),
        columns=columns,
        units=units,
        unit_found=unit_found,
        unmapped=tuple(unmapped),
        missing=missing,
    )


def missing_fields(kind: str, columns: Container[str]) -> tuple[str, ...]:
    """The required fields of ``kind`` that ``columns`` lacks."""
    required = list(synonyms().required[kind])
    if kind == "vouchers":
        if "debit" in columns and "amount" in required:
            required.remove("amount")  # 借方金额 stands for 金额
        elif "debit" not in columns and "amount" not in required:
            required.append("amount")
    if "voucher_no" in required and "voucher_no" not in columns and "voucher_word" in columns:
        required.remove("voucher_no")
    if kind == "budget" and "fund_type" not in columns and "project_code" in columns:
        required.remove("fund_type")
    return tuple(f for f in required if f not in columns)


def missing_columns_message(layout: Layout) -> str:
    labels = "、".join(synonyms().label(f) for f in layout.missing)
    found = "、".join(h for h in layout.headers if h) or "（无）"
    return f"缺少必需的列：{labels}。文件第{layout.header_row}行的列名为：{found}。请在“列名对应”中指定这些列，系统会记住本单位的对应关系。"


def header_signature(headers: Iterable[str]) -> str:
    return "|".join(normalise_header(h)[0] for h in headers)


# ---------------------------------------------------------------- rows


class _RowReader:
    """Shared row handling: field access, forward fill of voucher keys, total-row detection."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.syn = synonyms()
        self.columns = layout.columns
        self.last: dict[str, Cell] = {}

    def get(self, cells: Sequence[Cell], field_name: str) -> Cell:
        index = self.columns.get(field_name)
        if index is None:
            return None
        try:
            value = cells[index]
        except IndexError:
            return None
        if value.__class__ is str and not value.strip():
            return None
        return value

    def label(self, field_name: str) -> str:
        return self.layout.column_label(field_name)

    def is_blank(self, cells: Sequence[Cell]) -> bool:
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)

    def is_total(self, cells: Sequence[Cell]) -> bool:
        pattern = self.syn.total_pattern
        first_text = None
        for cell in cells:
            if isinstance(cell, str) and cell.strip():
                first_text = cell
                break
        if first_text is not None:
            text = cell_text(first_text)
            if pattern.search(text) or self.syn.note_pattern.match(text):
                return True
        summary = self.get(cells, "summary")
        if isinstance(summary, str) and pattern.match(cell_text(summary)):
            return True
        return "栏次" in cells

    def reset_fill(self) -> None:
        self.last.clear()


# ---------------------------------------------------------------- vouchers


@dataclass(frozen=True, slots=True)
class LineRef:
    """A budget line as the importer sees it."""

    id: int
    view: BudgetLineView
    name: str = ""
    doc_no: str = ""


@dataclass(frozen=True, slots=True)
class ProjectRef:
    code: str
    name: str
    payable: bool = True
    stage_label: str = ""


@dataclass(frozen=True, slots=True)
class VoucherContext:
    department: str
    year: int
    econ_level: int
    lines: tuple[LineRef, ...]
    projects: tuple[ProjectRef, ...] = ()
    existing_numbers: Container[str] = frozenset()  # numbers already in the ledger


class VoucherRow(NamedTuple):
    """A validated voucher line, ready to be written (a tuple: millions are made per import)."""

    row: int
    date: dt.date
    number: str
    summary: str
    amount: Decimal
    line_id: int
    func_code: str
    econ_code: str
    fund_type: FundType
    project_code: str | None
    payee: str
    fund_source: str = ""


@dataclass(slots=True)
class LineTotal:
    line_id: int
    label: str
    rows: int = 0
    amount: Decimal = ZERO
    available: Decimal = ZERO
    first_over_row: int | None = None

    @property
    def after(self) -> Decimal:
        return self.available - self.amount

    @property
    def exceeded(self) -> bool:
        return self.amount > self.available


@dataclass(slots=True)
class ValidationResult:
    kind: str
    layout: Layout | None
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    valid_rows: int = 0
    skipped_rows: int = 0
    total_rows: int = 0
    duplicates_of_ledger: int = 0
    amount: Decimal = ZERO
    line_totals: dict[int, LineTotal] = field(default_factory=dict)
    group_totals: dict[str, Decimal] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # how the file was read, for the preview

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def amount_by_line(self) -> dict[int, Decimal]:
        return {t.line_id: t.amount for t in self.line_totals.values() if t.rows}

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(error)


class NumberIndex(Protocol):
    """Where the voucher numbers of a file are collected to find the repeated ones, set-based."""

    def add(self, number: str, row: int) -> None: ...

    def duplicates(self) -> Iterable[tuple[int, int]]:
        """(row, first row with the same number) for every repeat, in row order."""
        ...


class MemoryNumberIndex:
    """Repeated numbers found in memory, 12 bytes a row (64-bit hash + row). Two different
    numbers with the same hash would be reported as a repeat: about one chance in 10⁷ for a
    million rows. The database importer keeps the numbers in a temporary table instead, which
    is exact and does not grow the process's memory."""

    def __init__(self) -> None:
        self.hashes = array("q")
        self.rows = array("l")

    def add(self, number: str, row: int) -> None:
        self.hashes.append(hash(number))
        self.rows.append(row)

    def duplicates(self) -> Iterator[tuple[int, int]]:
        if len(self.hashes) < 2:
            return iter(())
        repeated = _repeated_values(self.hashes)
        found: list[tuple[int, int]] = []
        first: dict[int, int] = {}
        for value, row in zip(self.hashes, self.rows, strict=True):
            if value in repeated:
                if value in first:
                    found.append((row, first[value]))
                else:
                    first[value] = row
        return iter(found)


def _repeated_values(values: array) -> set[int]:
    """The values that occur more than once, sorting a copy of the compact array."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy ships with matplotlib
        ordered = sorted(values)
        return {a for a, b in itertools.pairwise(ordered) if a == b}
    data = numpy.sort(numpy.frombuffer(values, dtype=numpy.int64))
    return set(numpy.unique(data[1:][data[1:] == data[:-1]]).tolist())


MAX_NUMBER_LENGTH = 40  # the ledger's 凭证号 column
_CACHE_LIMIT = 4_096  # entries per memo of repeated cells; cleared when full, so memory stays flat
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MISSING = 1 << 30  # the index of a field the file has no column for


class VoucherValidator:
    """Validates voucher rows one at a time; ``finish()`` runs the set-based checks.

    ``row()`` returns the normalised VoucherRow (or None when the row is skipped or wrong). The
    checks of a cell that repeats down the file (dates, codes, projects, the budget line of a
    key) are worked out once per distinct value and remembered in bounded memos: a file of a
    million rows has a few hundred distinct dates and a few dozen keys.
    """

    def __init__(
        self, layout: Layout, context: VoucherContext, *, numbers: NumberIndex | None = None
    ) -> None:
        self.reader = _RowReader(layout)
        self.layout = layout
        self.context = context
        self.result = ValidationResult(kind="vouchers", layout=layout)
        self.lines = {line.id: line for line in context.lines}
        # Lines by control key without the 资金来源: one key may have lines from several sources,
        # and then the row must say which (the 资金来源 column).
        self.by_key: dict[tuple, list[LineRef]] = {}
        for line in context.lines:
            key = line.view.key
            self.by_key.setdefault((key.func_code, key.fund_type, key.project, key.econ_code), []).append(
                line
            )
        self.by_ref: dict[str, list[LineRef]] = {}
        for line in context.lines:
            for ref in {line.name, line.doc_no, line.view.label} - {""}:
                self.by_ref.setdefault(ref, []).append(line)
        self.projects_by_code = {p.code: p for p in context.projects}
        self.projects_by_name = {p.name: p for p in context.projects}
        self.check_cache: dict[tuple, str | None] = {}
        self.index: NumberIndex = numbers if numbers is not None else MemoryNumberIndex()
        self.block_number: str | None = None
        self.block_lines = 0
        self.ledger_numbers = context.existing_numbers
        for line in context.lines:
            self.result.line_totals[line.id] = LineTotal(
                line_id=line.id, label=line.view.label, available=line.view.balance.available
            )
        self.amount_label = layout.column_label("debit" if "debit" in layout.columns else "amount")
        self.amount_fields = [name for name in ("debit", "credit", "amount") if name in layout.columns]
        self.resolved: dict[tuple, tuple[LineRef | None, str, str]] = {}
        self.has_line_ref = "line_name" in layout.columns or "doc_no" in layout.columns
        self.basic_fund: dict[str, FundType] = {}
        columns = layout.columns
        self.at = {name: columns.get(name, _MISSING) for name in synonyms().labels}
        # The common layout (one debit column, or one amount column, in 元) is read in line.
        self.plain_amount = (
            self.amount_fields in (["debit"], ["amount"], ["debit", "credit"])
            and "direction" not in columns
            and layout.units.get(self.amount_fields[0], ONE) == ONE
        )
        self.memo: dict[str, dict] = {
            name: {} for name in ("date", "func", "econ", "project", "fund", "total", "text", "source")
        }
        from jixiao.domain.import_reversals import ReversalCollector  # it builds on this module

        self.reversals = ReversalCollector(layout)  # 红字 and refund lines, matched at the end

    # ---------------------------------------------------------------- memoised cell checks

    def _remember(self, table: str, key, value):
        memo = self.memo[table]
        if len(memo) >= _CACHE_LIMIT:
            memo.clear()
        memo[key] = value
        return value

    def _date(self, cell: Cell) -> tuple[dt.date | None, str | None]:
        """(date, error message) of a date cell, checked against the year."""
        try:
            found = parse_date(cell)
        except CellError as error:
            return None, str(error)
        if found is None:
            return None, "缺少日期"
        if found.year != self.context.year:
            return None, f"日期{found:%Y-%m-%d}不在{self.context.year}年度内"
        return found, None

    def _function(self, cell: Cell) -> tuple[str, str | None]:
        code = _code(cell)
        if not code:
            return "", "缺少功能分类"
        if not (len(code) == 7 and is_known_function_code(code)):
            return "", f"功能分类“{code}”不是有效的7位项级科目"
        return code, None

    def _economic(self, cell: Cell) -> tuple[str, str | None]:
        code = _code(cell)
        if not code:
            return "", "缺少经济分类"
        if not (len(code) >= self.context.econ_level and is_known_economic_code(code)):
            return "", f"经济分类“{code}”不是有效的经济分类科目（至少{self.context.econ_level}位）"
        return code, None

    def _basic_fund_for(self, econ: str) -> FundType:
        fund = self.basic_fund.get(econ)
        if fund is None:
            fund = self.basic_fund[econ] = basic_fund_type_for(econ)
        return fund

    def _error(self, row: int, field_name: str, message: str) -> None:
        self.result.add(RowError(row, self.reader.label(field_name), message))

    def _amount(self, values: dict[str, Cell], row: int) -> tuple[Decimal | None, bool]:
        """(amount, counterpart): counterpart lines (贷方 without classification) are skipped."""
        units = self.layout.units
        errors = 0
        amounts: dict[str, Decimal | None] = {}
        for name in self.amount_fields:
            try:
                amounts[name] = parse_amount(values[name], unit=units.get(name, ONE))
            except CellError as error:
                self._error(row, name, str(error))
                errors += 1
        if errors:
            return None, False
        has_codes = values.get("func_code") is not None or values.get("econ_code") is not None
        if "debit" in amounts or "credit" in amounts:
            debit = amounts.get("debit") or ZERO
            credit = amounts.get("credit") or ZERO
            if debit and credit:
                self._error(row, "debit", "借方金额和贷方金额不能同时有数")
                return None, False
            if credit and not debit:
                if not has_codes:
                    return None, True
                return -credit, False  # a refund on the expense account: a reversal
            if debit:
                return debit, False
            if "amount" not in amounts:
                self._error(row, "debit", "缺少金额")
                return None, False
        amount = amounts.get("amount")
        if amount is None:
            self._error(row, "amount", "缺少金额")
            return None, False
        direction = _as_text(values.get("direction"))
        if direction.startswith("贷") or direction == "0":
            if not has_codes:
                return None, True
            return -amount, False  # a refund on the expense account: a reversal
        return amount, False

    def _fund(self, text: str, econ: str, project: str | None) -> tuple[FundType | None, str | None]:
        if not text:
            if project:
                return FundType.PROJECT, None
            return (self._basic_fund_for(econ) if econ else None), None
        name = normalise_header(text)[0]
        key = self.reader.syn.fund_types.get(name) or self.reader.syn.fund_types.get(text)
        if key is None:
            return None, f"支出性质“{text}”无法识别（应为 基本支出、人员经费、公用经费 或 项目支出）"
        if key == "basic":
            return (self._basic_fund_for(econ) if econ else FundType.BASIC_PUBLIC), None
        return FundType(key), None

    def _project(self, code: str, name: str) -> tuple[str | None, bool, str, str]:
        """(project code, ok, column, message)."""
        if not code and not name:
            return None, True, "", ""
        if code:
            code = split_code(code)[0] if code[:1].isdigit() else code
            project = self.projects_by_code.get(code)
            if project is None:
                return None, False, "project_code", f"项目编码“{code}”不是本单位{self.context.year}年度的项目"
        else:
            project = self.projects_by_name.get(name)
            if project is None:
                from jixiao.domain.import_layouts import project_code_and_name

                parts = project_code_and_name(name)  # "code-name" as the 一体化 writes it
                if parts is not None:
                    project = self.projects_by_code.get(parts[0]) or self.projects_by_name.get(parts[1])
            if project is None:
                looked = project_code_and_name(name)
                said = f"（按项目编码“{looked[0]}”和名称“{looked[1]}”查找）" if looked else ""
                return (
                    None,
                    False,
                    "project_name",
                    f"项目“{name}”不是本单位{self.context.year}年度的项目{said}",
                )
        if not project.payable:
            return (
                None,
                False,
                "project_code" if code else "project_name",
                f"专项“{project.name}”当前阶段为{project.stage_label}，立项后、验收前才能支付",
            )
        return project.code, True, "", ""

    def _source(self, cell: Cell) -> tuple[str | None, str | None]:
        """(source key, error message) of a 资金来源/资金性质 cell; (None, None) when blank."""
        text = self._text(cell)
        if not text:
            return None, None
        found = fund_source_for(text)
        if found is None:
            return None, f"资金来源“{text}”无法识别（应为 {_source_names()} 之一）"
        return found.key, None

    def _resolve_line(self, key: ControlKey, ref: str, source: str | None) -> tuple[LineRef | None, str, str]:
        """(line, column, message): the line that pays, or why there is none. Pure in its inputs,
        so the caller caches it per distinct (key, reference, 资金来源)."""
        level = self.context.econ_level
        candidates = self.by_key.get(
            (key.func_code, key.fund_type, key.project, (key.econ_code or "")[:level])
        )
        if not candidates:
            candidates = self.by_key.get((key.func_code, key.fund_type, key.project, key.econ_code)) or []
        if source is not None:
            matching = [line for line in candidates if line.view.key.fund_source == source]
        else:
            matching = candidates
        sources = sorted({line.view.key.fund_source for line in candidates}, key=_source_order)
        if ref:
            by_ref = self.by_ref.get(ref, [])
            if not by_ref:
                field_name = "line_name" if "line_name" in self.layout.columns else "doc_no"
                return None, field_name, f"找不到预算指标“{ref}”"
            chosen = [line for line in by_ref if line in matching]
            if len(by_ref) == 1:
                line = by_ref[0]  # the row names its line: a different key is cross-use
            elif chosen:
                line = chosen[0]
            else:
                # Never the first of several lines of one 指标文号: say which line was looked for.
                return (
                    None,
                    "line_name" if "line_name" in self.layout.columns else "doc_no",
                    f"“{ref}”下没有与本行相符的预算指标（查找：{key.describe()}）",
                )
            key = replace(key, fund_source=source or line.view.key.fund_source)
        elif source is None and len(sources) > 1:
            return (
                None,
                "fund_source",
                f"{key.describe().split('，', 2)[-1]}有{len(sources)}个资金来源的预算指标"
                f"（{'、'.join(fund_source_name(s) for s in sources)}），请在“资金来源”列注明本笔支出的资金来源",
            )
        elif not matching:
            key = replace(key, fund_source=source or (sources[0] if sources else default_fund_source()))
            if source is not None and candidates:
                # A line of the key exists, with another source: that is cross-use between sources.
                message = self._check(key, candidates[0])
                if message:
                    return None, "fund_source", message
            message = self._check(key, None)
            if message:
                return None, "econ_code", message
            return None, "func_code", f"没有对应的预算指标：{key.describe()}"
        else:
            line = matching[0]
            key = replace(key, fund_source=line.view.key.fund_source)
        message = self._check(key, line)
        if message:
            return None, "econ_code" if "econ_code" in self.layout.columns else "func_code", message
        return line, "", ""

    def _check(self, key: ControlKey, line: LineRef | None) -> str | None:
        """The rules of check_expenditure apart from the balance, cached per (key, line)."""
        cache_key = (key, line.id if line else None)
        if cache_key in self.check_cache:
            return self.check_cache[cache_key]
        target = line.view if line else BudgetLineView(key=key, label="")
        unlimited = BudgetLineView(
            key=target.key, label=target.label, balance=LineBalance(allocated=Decimal("1e15"))
        )
        try:
            check_expenditure(
                expense_key=key, line=unlimited, amount=Decimal("0.01"), econ_level=self.context.econ_level
            )
            message = None
        except BudgetControlError as error:
            message = error.message.rstrip("。")
        self.check_cache[cache_key] = message
        return message

    def _is_total(self, raw: Sequence[Cell]) -> bool:
        """A 合计/小计/期初余额 row or a note under the table: its first text or its 摘要 says so."""
        syn = self.reader.syn
        for first in raw:
            if first.__class__ is str and first:
                total = self.memo["total"].get(first)
                if total is None:
                    text = cell_text(first)
                    total = bool(syn.total_pattern.search(text) or syn.note_pattern.match(text))
                    self._remember("total", first, total)
                if total:
                    return True
                break
        index = self.at["summary"]
        summary = raw[index] if index < len(raw) else None
        if summary.__class__ is str and syn.total_pattern.match(summary.strip()):
            return True
        return "栏次" in raw

    def _text(self, cell: Cell) -> str:
        """A text cell cleaned (codes typed as numbers come back without '.0')."""
        if cell is None:
            return ""
        if cell.__class__ is str and cell.isprintable() and "_x000D_" not in cell:
            text = cell.strip()
            return text[1:].strip() if text[:1] == "'" else text
        return cell_text(cell)

    # ---------------------------------------------------------------- one row

    def row(self, row: int, raw: Sequence[Cell]) -> VoucherRow | None:
        reader, result, memo, at = self.reader, self.result, self.memo, self.at
        if not any(raw) and reader.is_blank(raw):
            return None
        if self._is_total(raw):
            result.total_rows += 1
            reader.reset_fill()
            self.block_number = None
            return None
        width = len(raw)
        last = reader.last
        result.rows += 1
        errors_before = result.error_count
        # Voucher keys (date, 凭证字, 凭证号) are forward-filled down the lines of one voucher.
        index = at["date"]
        date_cell = raw[index] if index < width else None
        if date_cell.__class__ is str:
            date_cell = date_cell.strip() or None
        if date_cell is None:
            date_cell = last.get("date")
        elif index != _MISSING:
            last["date"] = date_cell
        index = at["voucher_no"]
        number = self._text(raw[index]) if index < width else ""
        if number:
            last["voucher_no"] = number
        else:
            number = last.get("voucher_no", "")
        index = at["voucher_word"]
        if index != _MISSING:
            word = self._text(raw[index]) if index < width else ""
            if word:
                last["voucher_word"] = word
            else:
                word = last.get("voucher_word", "")
            if word and number and not number.startswith(word):
                number = f"{word}-{number}"
            elif word and not number:
                number = word
        if " " in number:
            number = number.replace(" ", "")
        index = at["func_code"]
        func_cell = raw[index] if index < width else None
        index = at["econ_code"]
        econ_cell = raw[index] if index < width else None
        if func_cell.__class__ is str and not func_cell.strip():
            func_cell = None
        if econ_cell.__class__ is str and not econ_cell.strip():
            econ_cell = None
        # The amount: one debit (or amount) column in 元 is read in line; the rest by _amount.
        amount = None
        credit_index = at["credit"]
        credit = raw[credit_index] if credit_index < width else None
        if credit.__class__ is str and not credit.strip():
            credit = None
        if self.plain_amount and credit is None:
            name = self.amount_fields[0]
            index = at[name]
            cell = raw[index] if index < width else None
            if cell.__class__ is str:
                if _PLAIN_AMOUNT.fullmatch(cell):
                    amount = Decimal(cell)
                elif not cell.strip():
                    cell = None
            elif cell.__class__ is Decimal and cell.is_finite() and -_AMOUNT_LIMIT < cell < _AMOUNT_LIMIT:
                rounded = cell.quantize(FEN)
                if rounded == cell:
                    amount = rounded
            if amount is None:
                try:
                    amount = parse_amount(cell)
                    if amount is None:
                        self._error(row, name, "缺少金额")
                except CellError as error:
                    self._error(row, name, str(error))
        else:
            amount, counterpart = self._amount(self._values(raw), row)
            if counterpart:
                result.rows -= 1
                result.skipped_rows += 1
                return None
        # Date, codes: checked once per distinct cell.
        found = memo["date"].get(date_cell)
        if found is None:
            found = self._remember("date", date_cell, self._date(date_cell))
        date_value, message = found
        if message:
            self._error(row, "date", message)
        if not number:
            self._error(row, "voucher_no", "缺少凭证号")
        elif not number.isprintable() and _CONTROL.search(number):
            self._error(row, "voucher_no", f"凭证号“{number}”含有不可见的控制字符，请删除后重新导入")
            number = ""
        index = at["summary"]
        summary = self._text(raw[index]) if index < width else ""
        if not summary:
            self._error(row, "summary", "缺少摘要")
        elif not summary.isprintable() and _CONTROL.search(summary):
            self._error(row, "summary", f"摘要“{summary}”含有不可见的控制字符，请删除后重新导入")
        found = memo["func"].get(func_cell)
        if found is None:
            found = self._remember("func", func_cell, self._function(func_cell))
        func_code, message = found
        if message:
            self._error(row, "func_code", message)
        found = memo["econ"].get(econ_cell)
        if found is None:
            found = self._remember("econ", econ_cell, self._economic(econ_cell))
        econ_code, message = found
        if message:
            self._error(row, "econ_code", message)
        if amount is not None and amount == 0:
            self._error(row, "debit" if "debit" in self.layout.columns else "amount", "金额必须大于0")
        index = at["project_code"]
        project_cell = self._text(raw[index]) if index < width else ""
        index = at["project_name"]
        project_name = self._text(raw[index]) if index < width else ""
        if project_cell or project_name:
            key = (project_cell, project_name)
            found = memo["project"].get(key)
            if found is None:
                found = self._remember("project", key, self._project(project_cell, project_name))
            project_code, project_ok, column, message = found
            if message:
                self._error(row, column, message)
        else:
            project_code, project_ok = None, True
        fund = None
        if econ_code or project_code:
            index = at["fund_type"]
            fund_text = self._text(raw[index]) if index < width else ""
            key = (fund_text, econ_code, project_code)
            found = memo["fund"].get(key)
            if found is None:
                found = self._remember("fund", key, self._fund(fund_text, econ_code, project_code))
            fund, message = found
            if message:
                self._error(row, "fund_type", message)
        # The voucher key: lines of one voucher follow each other and share its number.
        stored = number
        if number:
            if number == self.block_number:
                self.block_lines += 1
                stored = f"{number}/{self.block_lines}"
            else:
                self.block_number, self.block_lines = number, 1
        if len(stored) > MAX_NUMBER_LENGTH:
            self._error(row, "voucher_no", f"凭证号“{stored[:20]}…”超过{MAX_NUMBER_LENGTH}个字符")
        elif stored:
            self.index.add(stored, row)
            if stored in self.ledger_numbers:
                result.duplicates_of_ledger += 1
                self._error(
                    row,
                    "voucher_no",
                    f"凭证号“{stored}”在{self.context.year}年度已导入或已录入，请勿重复导入",
                )
        index = at["payee"]
        payee = self._text(raw[index]) if index < width else ""
        if payee and not payee.isprintable() and _CONTROL.search(payee):
            self._error(row, "payee", f"收款人“{payee}”含有不可见的控制字符，请删除后重新导入")
        source = None
        index = at["fund_source"]
        if index != _MISSING:
            source_cell = raw[index] if index < width else None
            found = memo["source"].get(source_cell)
            if found is None:
                found = self._remember("source", source_cell, self._source(source_cell))
            source, message = found
            if message:
                self._error(row, "fund_source", message)
        if result.error_count > errors_before or not (func_code and econ_code and fund and project_ok):
            return None
        ref = ""
        if self.has_line_ref:
            ref = self._text(self.reader.get(raw, "line_name")) or self._text(self.reader.get(raw, "doc_no"))
        cache_key = (func_code, fund, project_code, econ_code, ref, source)
        resolved = self.resolved.get(cache_key)
        if resolved is None:
            control_key = ControlKey(
                year=self.context.year,
                department=self.context.department,
                func_code=func_code,
                fund_type=fund,
                project=project_code,
                econ_code=econ_code,
                fund_source=source,
            )
            resolved = self.resolved[cache_key] = self._resolve_line(control_key, ref, source)
        line, field_name, message = resolved
        if line is None:
            self._error(row, field_name, message)
            return None
        total = result.line_totals[line.id]
        total.rows += 1
        total.amount += amount
        if total.first_over_row is None and total.amount > total.available:
            total.first_over_row = row
        result.valid_rows += 1
        result.amount += amount
        voucher = VoucherRow(
            row,
            date_value,
            stored,
            summary[:255],
            amount,
            line.id,
            func_code,
            econ_code,
            fund,
            project_code,
            payee[:128],
            line.view.key.fund_source,
        )
        if amount < 0:  # a 红字 or refund line: written as a 红字冲销 once its original is found
            self.reversals.add(voucher, raw, self.amount_label)
            return None
        return voucher

    def _values(self, raw: Sequence[Cell]) -> dict[str, Cell]:
        """The amount fields and codes of a row, for the general amount rules."""
        values: dict[str, Cell] = {}
        width = len(raw)
        for name in (*self.amount_fields, "direction", "func_code", "econ_code"):
            index = self.at[name]
            value = raw[index] if index < width else None
            if value.__class__ is str:
                value = cell_text(value) or None
            values[name] = value
        return values

    def finish(self) -> ValidationResult:
        """The set-based checks: duplicates within the file, then each line's batch sum."""
        result = self.result
        for row, first in self.index.duplicates():
            self.result.add(RowError(row, self.reader.label("voucher_no"), f"凭证号与第{first}行重复"))
        for total in result.line_totals.values():
            if total.exceeded:
                line = self.lines[total.line_id]
                result.add(
                    RowError(
                        total.first_over_row,
                        self.amount_label,
                        f"超出预算，已拒绝整批导入：指标“{total.label}”本批{total.rows}笔支出合计"
                        f"{yuan_fixed(total.amount)}元，{line.view.balance.breakdown_text()}，"
                        f"超出{yuan_fixed(total.amount - total.available)}元（自第{total.first_over_row}行起累计超出）",
                    )
                )
        result.errors.sort(key=lambda e: e.row or 0)
        return result


def _source_order(key: str) -> int:
    return fund_source(key).order


@cache
def _source_names() -> str:
    return "、".join(source.name for source in fund_sources())


def validate_vouchers(
    rows: Iterable[tuple[int, Sequence[Cell]]], *, layout: Layout, context: VoucherContext
) -> ValidationResult:
    """Validate a whole file held in memory (tests, small files): reversal lines are matched
    against the file's earlier vouchers here; the importer matches them against the ledger too."""
    from jixiao.domain.import_reversals import Original, match_reversals

    validator = VoucherValidator(layout, context)
    seen: list[VoucherRow] = []
    for number, cells in rows:
        voucher = validator.row(number, cells)
        if voucher is not None:
            seen.append(voucher)
    result = validator.finish()
    originals = [Original(v.number, v.date, v.amount, v.payee, v.line_id, row=v.row) for v in seen]
    for reversal, message in match_reversals(validator.reversals.rows, originals)[1]:
        result.add(RowError(reversal.row, reversal.column, message))
    result.errors.sort(key=lambda e: e.row or 0)
    return result


def iter_valid_vouchers(
    rows: Iterable[tuple[int, Sequence[Cell]]], *, layout: Layout, context: VoucherContext
) -> Iterator[VoucherRow]:
    """The normalised rows to write (only meaningful when validation found no error)."""
    validator = VoucherValidator(layout, context)
    for number, cells in rows:
        voucher = validator.row(number, cells)
        if voucher is not None:
            yield voucher


# ---------------------------------------------------------------- budget allocations


BUDGET_KIND_LABELS = {"initial": "年初预算", "addition": "追加", "reduction": "调减"}


@dataclass(frozen=True, slots=True)
class BudgetEntryRef:
    """A 年初预算/追加/调减 already in the ledger: its row identity and amount (positive)."""

    key: tuple
    kind: str
    doc_no: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class BudgetContext:
    department: str
    year: int
    econ_level: int
    existing_keys: frozenset[tuple] = frozenset()
    projects: tuple[ProjectRef, ...] = ()
    entries: tuple[BudgetEntryRef, ...] = ()
    balances: dict[tuple, LineBalance] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BudgetRow:
    row: int
    func_code: str
    fund_type: FundType
    project_code: str | None
    project_name: str
    econ_code: str
    amount: Decimal
    name: str
    doc_no: str
    date: dt.date | None
    fund_source: str = ""
    kind: str = "initial"
    memo: str = ""

    @property
    def key(self) -> tuple:
        """The control key of the line (资金来源 included)."""
        return (self.func_code, self.fund_type.value, self.project_code, self.econ_code, self.fund_source)

    @property
    def identity(self) -> tuple:
        """A row is the same row when its control key, 指标类型 and 指标文号 are the same: importing a
        file again adds nothing."""
        return (self.key, self.kind, self.doc_no)

    @property
    def signed_amount(self) -> Decimal:
        """调减 is written positive and subtracts."""
        return -self.amount if self.kind == "reduction" else self.amount


def _budget_kind(text: str) -> tuple[str | None, bool]:
    """(kind, carried over): 年初预算/追加/调减; the 一体化 指标类型 "上年结转" is a 年初 line of
    资金来源 上年结转结余."""
    name = normalise_header(text)[0]
    kind = synonyms().budget_kinds.get(name)
    if kind is not None:
        return kind, False
    source = fund_source_for(text)
    if source is not None and source.carry_over:
        return "initial", True
    return None, False


def _is_note(reader: _RowReader, cells: Sequence[Cell]) -> bool:
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            return bool(reader.syn.note_pattern.match(cell_text(cell)))
    return False


def _has_codes(reader: _RowReader, cells: Sequence[Cell]) -> bool:
    return any(
        _code(reader.get(cells, name)).isdigit()
        for name in ("func_code", "econ_code")
        if name in reader.columns
    )


def validate_budget(
    rows: Iterable[tuple[int, Sequence[Cell]]], *, layout: Layout, context: BudgetContext
) -> tuple[ValidationResult, list[BudgetRow]]:
    """Validate a 指标/批复 table. Budget files are small: the valid rows are returned.

    Each row is 年初预算, 追加 or 调减 (the 指标类型 column; 年初预算 when there is none) of the line
    with its control key, which includes the 资金来源 (一般公共预算财政拨款 when the column is
    absent or blank). Rows already in the ledger (same key, 指标类型 and 指标文号, same amount) are
    skipped, so importing a file again adds nothing; the same identity with another amount is an
    error. A 调减 may not take a line below what it has spent and reserved.
    """
    reader = _RowReader(layout)
    result = ValidationResult(kind="budget", layout=layout)
    valid: list[BudgetRow] = []
    seen: dict[tuple, int] = {}
    projects = {p.code: p for p in context.projects}
    ledger = {(entry.key, entry.kind, entry.doc_no): entry for entry in context.entries}
    balances = dict(context.balances)
    lines_after = set(context.existing_keys)
    amount_label = layout.column_label("bgt_amount")
    if not layout.unit_found:
        result.add(
            RowError(
                None,
                amount_label,
                "未找到金额单位：请在表头上方注明“金额单位：元”或“单位：万元”，或在列名中注明“（元）”",
            )
        )

    def error(row: int, field_name: str, message: str) -> None:
        result.add(RowError(row, layout.column_label(field_name), message))

    for row, raw in rows:
        if reader.is_blank(raw):
            continue
        # A total row carries no codes; a row of 资金来源 上年结转结余 with codes is data. Notes
        # and a template's 示例 row are skipped whatever they hold.
        if reader.is_total(raw) and (not _has_codes(reader, raw) or _is_note(reader, raw)):
            result.total_rows += 1
            continue
        cells = list(raw)
        result.rows += 1
        before = result.error_count
        func_code = split_code(reader.get(cells, "func_code"))[0]
        econ_code = split_code(reader.get(cells, "econ_code"))[0]
        if not func_code:
            error(row, "func_code", "缺少功能分类")
        elif not (len(func_code) == 7 and is_known_function_code(func_code)):
            error(row, "func_code", f"功能分类“{func_code}”不是有效的7位项级科目")
        if not econ_code:
            error(row, "econ_code", "缺少经济分类")
        elif not is_known_economic_code(econ_code):
            error(row, "econ_code", f"经济分类“{econ_code}”不是有效的经济分类科目")
        elif len(econ_code) != context.econ_level:
            error(
                row,
                "econ_code",
                f"本单位的经济分类控制级次为{context.econ_level}位，指标的经济分类“{econ_code}”级次不符",
            )
        kind_text = cell_text(reader.get(cells, "bgt_kind"))
        kind, carried = ("initial", False) if not kind_text else _budget_kind(kind_text)
        if kind is None:
            error(row, "bgt_kind", f"指标类型“{kind_text}”无法识别（应为 年初预算、追加 或 调减）")
        source_text = cell_text(reader.get(cells, "fund_source"))
        source: str | None = default_fund_source()
        if source_text:
            found = fund_source_for(source_text)
            if found is None:
                source = None
                error(row, "fund_source", f"资金来源“{source_text}”无法识别（应为 {_source_names()} 之一）")
            else:
                source = found.key
        if carried:
            source = next(s.key for s in fund_sources() if s.carry_over)
        project_code = cell_text(reader.get(cells, "project_code")) or None
        project_name = cell_text(reader.get(cells, "project_name"))
        fund_text = cell_text(reader.get(cells, "fund_type"))
        fund: FundType | None = None
        if fund_text:
            key = synonyms().fund_types.get(normalise_header(fund_text)[0])
            if key is None:
                error(
                    row,
                    "fund_type",
                    f"支出性质“{fund_text}”无法识别（应为 基本支出、人员经费、公用经费 或 项目支出）",
                )
            elif key == "basic":
                fund = basic_fund_type_for(econ_code) if econ_code else FundType.BASIC_PUBLIC
            else:
                fund = FundType(key)
        elif project_code:
            fund = FundType.PROJECT
        elif econ_code:
            fund = basic_fund_type_for(econ_code)
        else:
            error(row, "fund_type", "缺少支出性质")
        if fund is FundType.PROJECT:
            if not project_code:
                error(row, "project_code", "项目支出必须填写项目编码")
            elif project_code not in projects and not project_name:
                error(row, "project_name", f"新项目“{project_code}”必须填写项目名称")
            elif project_code in projects and not projects[project_code].payable:
                pass  # a completed project may still hold lines; payment is checked later
        elif fund is not None and project_code:
            error(row, "project_code", "基本支出不得指定项目")
        if (
            fund is not None
            and fund is not FundType.PROJECT
            and econ_code
            and is_known_economic_code(econ_code)
        ):
            expected = basic_fund_type_for(econ_code)
            if expected is not fund:
                error(
                    row,
                    "fund_type",
                    f"经济分类{econ_code}{economic_name(econ_code) or ''}属于{expected.label}，不能列入{fund.label}",
                )
        try:
            amount = parse_amount(
                reader.get(cells, "bgt_amount"), unit=layout.units.get("bgt_amount", Decimal(1))
            )
            if amount is None:
                error(row, "bgt_amount", "缺少指标金额")
            elif amount < 0:
                message = (
                    "指标金额不能为负数；调减请在“指标类型”列写“调减”，金额填正数"
                    if kind == "initial"
                    else f"{BUDGET_KIND_LABELS.get(kind or '', '')}金额请填正数（调减填正数，系统按减少处理）"
                )
                error(row, "bgt_amount", message)
            elif amount == 0 and kind in ("addition", "reduction"):
                error(row, "bgt_amount", f"{BUDGET_KIND_LABELS[kind]}金额不能为0")
        except CellError as problem:
            amount = None
            error(row, "bgt_amount", str(problem))
        doc_no = cell_text(reader.get(cells, "doc_no"))[:100]
        if kind in ("addition", "reduction") and not doc_no:
            error(row, "doc_no", f"{BUDGET_KIND_LABELS[kind]}必须填写指标文号（财政批复文号）")
        date_value = None
        try:
            date_value = parse_date(reader.get(cells, "bgt_date"))
            if date_value is not None and date_value.year != context.year:
                error(row, "bgt_date", f"日期{date_value:%Y-%m-%d}不在{context.year}年度内")
        except CellError as problem:
            error(row, "bgt_date", str(problem))
        if result.error_count > before or fund is None or amount is None or kind is None or source is None:
            continue
        key_view = ControlKey(
            year=context.year,
            department=context.department,
            func_code=func_code,
            fund_type=fund,
            project=project_code,
            econ_code=econ_code,
            fund_source=source,
        )
        missing = missing_key_fields(key_view, econ_level=context.econ_level)
        if missing:
            error(row, "func_code", "预算控制要素不完整：缺少或无效的" + "、".join(missing))
            continue
        budget_row = BudgetRow(
            row=row,
            func_code=func_code,
            fund_type=fund,
            project_code=project_code,
            project_name=project_name,
            econ_code=econ_code,
            amount=amount,
            name=cell_text(reader.get(cells, "line_name"))[:128],
            doc_no=doc_no,
            date=date_value,
            fund_source=source,
            kind=kind,
            memo=cell_text(reader.get(cells, "bgt_memo"))[:200],
        )
        what = f"{key_view.describe()}，{BUDGET_KIND_LABELS[kind]}" + (f"，文号{doc_no}" if doc_no else "")
        if budget_row.identity in seen:
            error(row, "func_code", f"与第{seen[budget_row.identity]}行是同一指标（{what}），请合并为一行")
            continue
        seen[budget_row.identity] = row
        recorded = ledger.get(budget_row.identity)
        if recorded is not None:
            if recorded.amount == amount:
                result.duplicates_of_ledger += 1
                result.skipped_rows += 1
                continue
            error(
                row,
                "bgt_amount",
                f"该指标已导入（{what}），金额{yuan_fixed(recorded.amount)}元，本行为{yuan_fixed(amount)}元；"
                "更正请按新的指标文号追加或调减",
            )
            continue
        if kind == "reduction" and budget_row.key not in lines_after:
            error(row, "func_code", f"没有可调减的预算指标：{key_view.describe()}")
            continue
        balance = balances.get(budget_row.key, LineBalance())
        if kind == "reduction" and amount > balance.available:
            error(
                row,
                "bgt_amount",
                f"调减{yuan_fixed(amount)}元超过该指标的可用余额（{balance.breakdown_text()}）",
            )
            continue
        balances[budget_row.key] = LineBalance(
            allocated=balance.allocated + (amount if kind == "initial" else ZERO),
            adjusted=balance.adjusted + (budget_row.signed_amount if kind != "initial" else ZERO),
            transferred_in=balance.transferred_in,
            transferred_out=balance.transferred_out,
            spent=balance.spent,
            committed=balance.committed,
        )
        lines_after.add(budget_row.key)
        valid.append(budget_row)
        result.valid_rows += 1
        result.amount += budget_row.signed_amount
        label = fund.label + (f"·{project_name or project_code}" if project_code else "")
        label = f"{fund_source_name(source)}·{label}·{BUDGET_KIND_LABELS[kind]}"
        result.group_totals[label] = result.group_totals.get(label, ZERO) + budget_row.signed_amount
    result.errors.sort(key=lambda e: e.row or 0)
    return result, valid


def function_label(code: str) -> str:
    return f"{code} {function_name(code) or ''}".strip()


# ---------------------------------------------------------------- “三公”经费 budget


_ITEM_NUMBERING = re.compile(r"^(其中[:：]?|[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)+")


@cache
def sangong_names() -> dict[str, str]:
    """Normalised item name → item key ('vehicle' is the 公务用车 group, a sum of two items)."""
    data = load_yaml("imports/synonyms.yaml")["sangong_names"]
    names = {normalise_header(item.name)[0]: item.key for item in sangong_items()}
    for key, texts in data.items():
        for text in texts:
            names.setdefault(normalise_header(str(text))[0], key)
    return names


def sangong_item_key(text: str) -> str | None:
    """'　其中：公务用车运行维护费' → 'vehicle_running'; '2.公务接待费' → 'reception'."""
    name = _ITEM_NUMBERING.sub("", cell_text(text).replace("　", "").strip())
    return sangong_names().get(normalise_header(name)[0])


@dataclass(frozen=True, slots=True)
class SanGongRow:
    row: int
    item: str
    amount: Decimal


def validate_sangong(
    rows: Iterable[tuple[int, Sequence[Cell]]], *, layout: Layout
) -> tuple[ValidationResult, list[SanGongRow]]:
    """A “三公”经费 budget table (our own 三公经费支出表 export reads back): one 预算数 per item.

    The 公务用车购置及运行维护费 row is the sum of its two items: it is checked, not stored.
    """
    reader = _RowReader(layout)
    result = ValidationResult(kind="sangong", layout=layout)
    labels = {item.key: item.name for item in sangong_items()}
    amount_label = layout.column_label("bgt_amount")
    unit = layout.units.get("bgt_amount", ONE)
    if not layout.unit_found:
        result.add(
            RowError(
                None,
                amount_label,
                "未找到金额单位：请在表头上方注明“金额单位：元”或“单位：万元”，或在列名中注明“（元）”",
            )
        )
    found: dict[str, SanGongRow] = {}
    group: SanGongRow | None = None

    def error(row: int, field_name: str, message: str) -> None:
        result.add(RowError(row, layout.column_label(field_name), message))

    for row, raw in rows:
        if reader.is_blank(raw):
            continue
        if reader.is_total(raw):
            result.total_rows += 1
            continue
        cells = list(raw)
        text = cell_text(reader.get(cells, "sg_item"))
        if not text:
            if reader.get(cells, "bgt_amount") is None:
                continue  # spacer rows
            result.rows += 1
            error(row, "sg_item", "有预算数但没有“三公”经费项目名称，无法确定属于哪一项")
            continue
        result.rows += 1
        key = sangong_item_key(text)
        if key is None:
            error(
                row,
                "sg_item",
                f"“{text}”不是“三公”经费项目（应为 因公出国（境）费、公务用车购置费、公务用车运行维护费、公务接待费）",
            )
            continue
        try:
            amount = parse_amount(reader.get(cells, "bgt_amount"), unit=unit)
        except CellError as problem:
            error(row, "bgt_amount", str(problem))
            continue
        if amount is None:
            error(row, "bgt_amount", "缺少预算数")
            continue
        if amount < 0:
            error(row, "bgt_amount", "预算数不能为负数")
            continue
        entry = SanGongRow(row=row, item=key, amount=amount)
        if key == "vehicle":
            group = entry
            continue
        if key in found:
            error(row, "sg_item", f"“{labels[key]}”与第{found[key].row}行重复")
            continue
        found[key] = entry
    if group is not None:
        parts = [found[k] for k in ("vehicle_purchase", "vehicle_running") if k in found]
        if not parts and group.amount:
            error(group.row, "sg_item", "请分别填写公务用车购置费和公务用车运行维护费的预算数")
        elif not parts:
            # The group row alone, at 0, says both of its items are 0 (our export writes it so).
            for key in ("vehicle_purchase", "vehicle_running"):
                found[key] = SanGongRow(row=group.row, item=key, amount=ZERO)
        elif parts and sum((p.amount for p in parts), ZERO) != group.amount:
            error(
                group.row,
                "bgt_amount",
                f"公务用车购置及运行维护费{yuan_fixed(group.amount)}元不等于其中两项之和"
                f"{yuan_fixed(sum((p.amount for p in parts), ZERO))}元",
            )
    valid = [] if not result.ok else sorted(found.values(), key=lambda r: r.row)
    for entry in valid:
        result.amount += entry.amount
        result.group_totals[labels[entry.item]] = entry.amount
    result.valid_rows += len({entry.row for entry in valid})
    result.errors.sort(key=lambda e: e.row or 0)
    return result, valid


# ---------------------------------------------------------------- 上年数（录入）


@dataclass(frozen=True, slots=True)
class PriorCategory:
    key: str
    name: str
    amount: str  # budget / actual / both / count
    by_source: bool
    items: dict[str, str]  # normalised name → item key


@cache
def prior_year_categories() -> dict[str, PriorCategory]:
    """Normalised 类别 name → category (jixiao/data/imports/prior-year.yaml)."""
    data = load_yaml("imports/prior-year.yaml")["categories"]
    found: dict[str, PriorCategory] = {}
    for key, entry in data.items():
        items = {
            normalise_header(str(text))[0]: item
            for item, texts in (entry.get("items") or {}).items()
            for text in texts
        }
        category = PriorCategory(
            key=key,
            name=entry["name"],
            amount=entry["amount"],
            by_source=bool(entry.get("by_source", False)),
            items=items,
        )
        for text in (entry["name"], *entry.get("spellings", ())):
            found.setdefault(normalise_header(str(text))[0], category)
    return found


def _category_names() -> str:
    return "、".join(dict.fromkeys(c.name for c in prior_year_categories().values()))


def _item_names(category: PriorCategory) -> str:
    if category.key == "sangong":
        return "、".join(item.name for item in sangong_items())
    data = load_yaml("imports/prior-year.yaml")["categories"][category.key]["items"]
    return "、".join(texts[0] for texts in data.values())


def _count(value: Cell) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = cell_text(value)
    if not re.fullmatch(r"\d{1,6}", text):
        raise CellError(f"“{text}”不是有效人数（应为不小于0的整数）")
    return int(text)


def validate_prior_year(
    rows: Iterable[tuple[int, Sequence[Cell]]], *, layout: Layout, year: int
) -> tuple[ValidationResult, PriorYear | None]:
    """Read a 上年数 table (类别 | 项目 | 资金来源 | 预算数 | 决算数 | 人数) into a PriorYear.

    Every row is checked and every error collected; a figure given twice, an unknown 类别, 项目 or
    资金来源, or a 基本支出 that is not 人员经费 + 公用经费 refuses the file.
    """
    reader = _RowReader(layout)
    result = ValidationResult(kind="prior_year", layout=layout)
    builder = PriorYearBuilder(year=year)
    first_row: dict[tuple, int] = {}
    has_amounts = "bgt_amount" in layout.columns or "py_actual" in layout.columns
    if has_amounts and not layout.unit_found:
        result.add(
            RowError(
                None,
                layout.column_label("bgt_amount" if "bgt_amount" in layout.columns else "py_actual"),
                "未找到金额单位：请在表头上方注明“金额单位：元”或“单位：万元”，或在列名中注明“（元）”",
            )
        )

    def error(row: int, field_name: str, message: str) -> None:
        result.add(RowError(row, layout.column_label(field_name), message))

    def amount_of(row: int, field_name: str) -> Decimal | None:
        try:
            value = parse_amount(reader.get(cells, field_name), unit=layout.units.get(field_name, ONE))
        except CellError as problem:
            error(row, field_name, str(problem))
            return None
        if value is not None and value < 0:
            error(row, field_name, "金额不能为负数")
            return None
        return value

    def once(row: int, identity: tuple, what: str) -> bool:
        if identity in first_row:
            error(row, "sg_item", f"{what}与第{first_row[identity]}行重复")
            return False
        first_row[identity] = row
        return True

    for row, raw in rows:
        if reader.is_blank(raw):
            continue
        cells = list(raw)
        if reader.is_total(raw):
            continue  # notes, totals and a template's 示例 row
        category_text = cell_text(reader.get(cells, "py_category"))
        item_text = cell_text(reader.get(cells, "sg_item"))
        if not category_text and not item_text:
            continue  # spacer rows
        result.rows += 1
        before = result.error_count
        category = prior_year_categories().get(normalise_header(category_text)[0]) if category_text else None
        if category is None:
            error(
                row,
                "py_category",
                f"类别“{category_text}”无法识别（应为 {_category_names()} 之一）"
                if category_text
                else "缺少类别",
            )
            continue
        if not item_text:
            error(row, "sg_item", "缺少项目")
            continue
        if category.key == "sangong":
            item = sangong_item_key(item_text)
            if item is None or item == "vehicle":
                error(
                    row,
                    "sg_item",
                    f"“{item_text}”不是“三公”经费项目（应为 {_item_names(category)}；公务用车请分列购置费和运行维护费）",
                )
                continue
            budget, actual = amount_of(row, "bgt_amount"), amount_of(row, "py_actual")
            if result.error_count > before:
                continue
            if budget is None and actual is None:
                error(row, "bgt_amount", "请填写预算数或决算数")
                continue
            if not once(row, ("sangong", item), f"“三公”经费“{item_text}”"):
                continue
            if budget is not None:
                builder.set_sangong(item, "budget", budget)
            if actual is not None:
                builder.set_sangong(item, "actual", actual)
            result.valid_rows += 1
            continue
        item = category.items.get(normalise_header(item_text)[0])
        if item is None:
            error(
                row,
                "sg_item",
                f"{category.name}的项目“{item_text}”无法识别（应为 {_item_names(category)} 之一）",
            )
            continue
        if category.amount == "count":
            try:
                count = _count(reader.get(cells, "py_count"))
            except CellError as problem:
                error(row, "py_count", str(problem))
                continue
            if count is None:
                error(row, "py_count", "缺少人数")
                continue
            if once(row, ("staff", item), f"人员“{item_text}”"):
                builder.set_staff(item, count)
                result.valid_rows += 1
            continue
        source_text = cell_text(reader.get(cells, "fund_source"))
        source = fund_source_for(source_text) if source_text else fund_source(default_fund_source())
        if source is None:
            error(row, "fund_source", f"资金来源“{source_text}”无法识别（应为 {_source_names()} 之一）")
            continue
        field_name = "bgt_amount" if category.amount == "budget" else "py_actual"
        amount = amount_of(row, field_name)
        if result.error_count > before:
            continue
        if amount is None:
            error(row, field_name, f"缺少{'预算数' if field_name == 'bgt_amount' else '决算数'}")
            continue
        name = (
            f"{item}_{'initial' if category.key == 'initial' else 'actual'}"
            if item != "carry_over_end"
            else item
        )
        if not once(row, ("source", source.key, name), f"{source.name}{AMOUNT_LABELS[name]}"):
            continue
        builder.set_amount(source.key, name, amount)
        result.valid_rows += 1
        result.amount += amount
    summary = None
    if result.ok:
        try:
            summary = builder.build()
        except PriorYearInvalid as problem:
            result.add(RowError(None, "文件", problem.message))
    if summary is not None and summary.is_empty:
        result.add(RowError(None, "文件", "文件中没有上年数"))
        summary = None
    result.errors.sort(key=lambda e: e.row or 0)
    return result, summary if result.ok else None
