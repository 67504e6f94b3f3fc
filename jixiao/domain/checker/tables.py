"""Tables flattened to text, read back into rows and columns.

A report's self-evaluation form (自评表) reaches the checker in three shapes:

* ``|`` rows — ``总额 | 0.00 | 3.36 | 3.36 | 100.00% | 10 | 10 |``;
* one cell per line, sometimes each line ending in ``|`` and an empty cell as a lone ``|``;
  header cells are often broken over two lines (``年初`` / ``预算数``);
* one row per line with the cells separated by spaces — ``年度资金总额: 0 0 0 10 0 0``.

All three become :class:`Table` objects: named columns (with a kind: 年初预算 / 全年预算 /
执行数 / rate / weight / score / other) and labelled rows whose cells are aligned to the columns.
Column names are data (``jixiao/data/checker/tables.yaml``). Nothing is guessed: a cell that is
not a number stays text, an empty cell stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.checker import scan
from jixiao.domain.checker.config import CheckerData
from jixiao.domain.checker.parse import MONEY_UNITS, Paragraph, ParsedReport
from jixiao.domain.checker.vocabulary import words

_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?P<unit>%|万元|元|亿元)?\??$"
)
_UNIT_CAPTION = re.compile(
    r"[(（](?:万元|元|亿元|人|[A-Z](?:/[A-Z])?)[)）]?$|[(（](?:万元|元)$"
    r"|[(（][^()（）]*[*×][^()（）]*[)）]$"  # '得分(20分*执行率)': how the column is computed
    r"|[(（]\d{1,3}分[)）]$"  # '分值(10分)': the points the column is worth
)
_CATEGORY_POINTS = re.compile(r"[(（](?P<n>\d{1,3})分?[)）]")


@dataclass(frozen=True, slots=True)
class TableCell:
    text: str
    start: int
    end: int
    value: Decimal | None = None
    unit: str | None = None
    decimals: int = 0

    @property
    def scale(self) -> Decimal:
        return MONEY_UNITS.get(self.unit or "", Decimal(1))

    @property
    def half(self) -> Decimal:
        """Half of the last printed digit (the rounding envelope of the printed value)."""
        return Decimal(5).scaleb(-(self.decimals + 1))


@dataclass(frozen=True, slots=True)
class TableRow:
    label: str
    label_start: int
    cells: tuple[TableCell | None, ...]  # aligned to Table.columns; None where the row has no cell
    start: int
    end: int

    def cell(self, index: int | None) -> TableCell | None:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    kinds: tuple[str, ...]  # 年初预算 | 全年预算 | 执行数 | year | rate | weight | score | other
    rows: tuple[TableRow, ...]
    layout: str  # pipe | vertical | spaced
    start: int
    end: int

    def column(self, *kinds: str) -> int | None:
        for kind in kinds:
            if kind in self.kinds:
                return self.kinds.index(kind)
        return None

    def labelled_rows(self, labels: tuple[str, ...]) -> list[TableRow]:
        """The rows whose label (spaces aside) starts with one of ``labels`` ('合计', '年度资金总额'),
        in order."""
        return [row for row in self.rows if row.label.replace(" ", "").startswith(labels)]

    def labelled_cells(self, kind: str, labels: tuple[str, ...]) -> list[TableCell]:
        """The cells with a value, in the column of ``kind``, of the rows whose label (spaces
        aside) starts with one of ``labels`` ('总分', '年度资金总额'), in order."""
        column = self.column(kind)
        if column is None:
            return []
        return [
            cell
            for row in self.labelled_rows(labels)
            if (cell := row.cell(column)) is not None and cell.value is not None
        ]


def number_cell(text: str, start: int) -> TableCell:
    read = _CELLS.get(text)
    if read is None:
        if len(_CELLS) >= _MEMO_SIZE:
            _CELLS.clear()
        read = _CELLS[text] = _read_cell(text)  # a form repeats its cells' texts: each is read once
    stripped, value, unit, decimals = read
    if value is None:
        return TableCell(stripped, start, start + len(stripped))
    return TableCell(stripped, start, start + len(stripped), value, unit, decimals)


_CELLS: dict[str, tuple[str, Decimal | None, str | None, int]] = {}


def _read_cell(text: str) -> tuple[str, Decimal | None, str | None, int]:
    """(the stripped text, its value, unit and decimals) of a cell; value None when no number."""
    stripped = text.strip()
    match = _NUMBER.match(stripped.replace(" ", ""))
    if match is None:
        return stripped, None, None, 0
    fraction = match.group("frac") or ""
    digits = match.group("int").replace(",", "")
    value = Decimal(
        f"{match.group('sign')}{digits}.{fraction}" if fraction else f"{match.group('sign')}{digits}"
    )
    return stripped, value, match.group("unit"), len(fraction)


class _Columns:
    """Known column names (data) → kind; header fragments are joined back into known names."""

    def __init__(self, data: CheckerData) -> None:
        spec = data.tables
        self.kind_of: dict[str, str] = {}
        for kind, names in (spec.get("columns", {}).get("money") or {}).items():
            for name in names:
                self.kind_of[_norm(name)] = kind
        for kind in ("rate", "weight", "score", "other"):
            for name in spec.get("columns", {}).get(kind) or ():
                self.kind_of.setdefault(_norm(name), kind)
        self.year = re.compile(spec.get("year_column") or r"(?!)")
        self.empty = frozenset(spec.get("empty_cells") or ("", "/", "-"))
        self.any_name = re.compile(
            "|".join(re.escape(n) for n in sorted(self.kind_of, key=len, reverse=True))
        )
        strong = [n for n, kind in self.kind_of.items() if kind != "other"]
        self.strong_name = re.compile(
            "|".join(re.escape(n) for n in sorted(strong, key=len, reverse=True)) or "(?!)"
        )
        self.words_only = frozenset(_norm(name) for name in spec.get("columns", {}).get("words") or ())
        self.part_rows = tuple(spec.get("part_rows") or ())
        self.total_rows = tuple(spec.get("total_rows") or ())
        self._kinds: dict[str, str | None] = {}  # cell text → kind, for the texts met so far

    def kind(self, text: str) -> str | None:
        known = self._kinds.get(text, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # a form repeats its cells' texts: each is judged once
        name = _norm(text)
        if name in self.kind_of:
            kind = self.kind_of[name]
        elif self.year.match(name):
            kind = "year"
        else:
            kind = None
        if len(self._kinds) >= _MEMO_SIZE:
            self._kinds.clear()
        self._kinds[text] = kind
        return kind


_UNKNOWN = object()
_MEMO_SIZE = 4096  # texts remembered by _norm and _Columns.kind (then forgotten all at once)
_NORMS: dict[str, str] = {}


def _norm(text: str) -> str:
    known = _NORMS.get(text)
    if known is None:
        name = text.strip().rstrip("|").strip().replace(" ", "").replace("（", "(").replace("）", ")")
        known = _UNIT_CAPTION.sub("", name)
        if len(_NORMS) >= _MEMO_SIZE:
            _NORMS.clear()
        _NORMS[text] = known
    return known


def columns_for(data: CheckerData) -> _Columns:
    return data.once(_Columns)


_FORM_COLUMNS = words("tables.form_columns")


def _names_a_form_column(report: ParsedReport) -> bool:
    """Whether the text holds 执行率, 得分, 分值 or 执行数: looked for only where 执, 得 or 分
    stands (from the report's CharIndex), not by four scans of the whole text."""
    text = report.text
    return any(text.startswith(_FORM_COLUMNS, at) for at in scan.places_of(text, "执得分", report.places))


def read_tables(report: ParsedReport, data: CheckerData) -> list[Table]:
    text = report.text
    if not _names_a_form_column(report):
        return []  # every self-evaluation form has one of these columns
    columns = columns_for(data)
    names = {m.group(0) for m in columns.strong_name.finditer(report.text)}
    if len(names) < 2:
        return []  # a form has at least two of 预算数 / 执行数 / 执行率 / 权重 / 得分
    tables = _pipe_tables(report.paragraphs, columns)
    lines = [_cell_line(p) for p in report.paragraphs]  # each line's one cell, shared by both readers
    tables += _vertical_tables(report.paragraphs, lines, columns)
    if any(name in text for name in _ACTUAL_NAMES):
        tables += _vertical_indicator_tables(report.paragraphs, lines)
    tables += _spaced_tables(report, columns)
    tables += _one_line_forms(report, columns)
    tables.sort(key=lambda table: table.start)
    return tables


# ---------------------------------------------------------------------------------------------
# '|' rows


def _split_pipe(paragraph: Paragraph, width: int = 0) -> list[TableCell]:
    """The cells of a '|' row in order, empty ones kept; a Markdown row's leading '|' opens no cell.
    Empty cells at the end are dropped, unless the row has exactly ``width`` cells with them (the
    header's): then every cell stands under its column."""
    text = paragraph.text
    position = paragraph.start
    pieces = text.split("|")
    if text.startswith("|"):
        position += len(pieces[0]) + 1
        pieces = pieces[1:]
    # how many of the pieces become cells, worked out before any is made (a form's rows often
    # end in a run of empty cells: '| 96.85 | ||||||'): a cell's text is its piece, stripped
    count = len(pieces)
    if count and not pieces[-1].strip() and text.rstrip().endswith("|"):
        count -= 1  # (the piece after a closing '|')
    if not (width and count == width and text.startswith("|")):
        # (a Markdown row of the header's width keeps them; a row that lost its start is read as before)
        while count and not pieces[count - 1].strip():
            count -= 1
    cells = []
    for piece in pieces[:count]:
        stripped = piece.strip()
        offset = piece.find(stripped) if stripped else 0
        cells.append(number_cell(stripped, position + offset))
        position += len(piece) + 1
    return cells


def _pipe_tables(paragraphs: list[Paragraph], columns: _Columns) -> list[Table]:
    tables = []
    header: list[TableCell] | None = None
    header_start = 0
    body: list[tuple[str, int, list[TableCell], Paragraph]] = []

    def close() -> None:
        if header is not None and body:
            names = (
                header[2:]
                if (_two_name_columns(header, columns) and not _second_column_of_figures(header, body))
                or _serial_first(header, columns)
                else header
            )
            tables.append(_aligned_table(names, body, columns, "pipe", header_start))

    for paragraph in paragraphs:
        if paragraph.text.count("|") < 2:
            if header is not None and paragraph.text.strip() != "|":
                close()
                header, body = None, []
            continue
        cells = _split_pipe(paragraph, len(header) if header is not None else 0)
        texts = [c for c in cells if c.text]
        if len(texts) >= 2 and all(c.value is None for c in texts):
            known = sum(1 for c in texts if columns.kind(c.text))
            if known >= 2 or (header is not None and not body and known >= 1):
                if header is not None and not body:
                    # a second header line under the first ('预算数' over '年初预算 | 调整后预算'):
                    # the lower name stands for the column, the upper one fills the gaps
                    width = max(len(header), len(cells))
                    upper = header + [TableCell("", 0, 0)] * (width - len(header))
                    lower = cells + [TableCell("", 0, 0)] * (width - len(cells))
                    header = [b if b.text else a for a, b in zip(upper, lower, strict=True)]
                    continue
                close()
                header, body, header_start = cells, [], paragraph.start
                continue
        if header is None:
            continue
        if (
            _two_name_columns(header, columns)
            and len(cells) > 2
            and cells[0].value is None
            and cells[1].value is None
            and (cells[0].text or cells[1].text)
        ):
            # '| 类别 | 项目 | 预算数 | …': the group's name stands in its first row only ('| 基本支出 |
            # 人员经费 | …' then '|  | 公用经费 | …', '| 合计 |  | …'); every row is read from its item on
            named = cells[1] if cells[1].text else cells[0]
            label, values, label_start = named.text, cells[2:], named.start
        elif (
            _serial_first(header, columns)
            and len(cells) > 2
            and cells[0].value is not None
            and cells[1].value is None
            and cells[1].text
        ):
            # '| 序号 | 项目名称 | 调整后预算 | …' then '| 3 | 某项目 | 480.00 | …': the number is the
            # row's place in the list, its name stands in the second cell
            label, values, label_start = cells[1].text, cells[2:], cells[1].start
        elif cells and cells[0].value is None and cells[0].text:
            label, values = cells[0].text, cells[1:]
            label_start = cells[0].start
        elif len(cells) > 2 and not cells[0].text and cells[1].value is None and cells[1].text:
            # '| | 质量指标 | 乙 | 95% | …': the first column's merged cell, empty under its category;
            # the row's cells are read from the same column as those of the rows with a label
            label, values, label_start = "", cells[1:], cells[0].start
        else:
            label, values, label_start = "", cells, paragraph.start
            if body and values and len(body[-1][2]) + len(values) < len(header):
                # '基本支出 | 985.19 | 914.97 |' then '10 | 10 |': one row broken over two lines
                last = body[-1]
                body[-1] = (last[0], last[1], [*last[2], *values], last[3])
                continue
        if not any(c.value is not None for c in values) and not _is_part_label(label, columns):
            continue
        body.append((label, label_start, values, paragraph))
    close()
    return tables


def _second_column_of_figures(header: list[TableCell], body: list) -> bool:
    """Every row holds its name and a figure under each other column ('| 县（区） | 建设任务（万亩） |
    预算数（万元） | …' then '| 原州区 | 2.5 | 2,750.00 | …'): the second column, of no known kind, is
    one of figures, not a second column of names."""
    return all(len(values) == len(header) - 1 and values[0].value is not None for _, _, values, _ in body)


def _serial_first(header: list[TableCell], columns: _Columns) -> bool:
    """The header opens with a column of serial numbers and a column of names, columns of amounts
    after them ('序号 | 项目名称 | 调整后预算 | …'; a score table's columns of names are read as before)."""
    return (
        len(header) > 3
        and header[0].text.strip() in _SERIAL_COLUMNS
        and header[1].text
        and columns.kind(header[1].text) is None
        and columns.kind(header[2].text) in ("年初预算", "全年预算", "执行数", "year")
    )


def _two_name_columns(header: list[TableCell], columns: _Columns) -> bool:
    """The header opens with two columns of names ('类别 | 项目'), columns of amounts after them (a
    score table's category column is read by its rows' labels, and stays as it is)."""
    return (
        len(header) > 3
        and all(c.text and columns.kind(c.text) is None for c in header[:2])
        and columns.kind(header[2].text) in ("年初预算", "全年预算", "执行数", "year")
    )


def _aligned_table(
    header: list[TableCell],
    body: list[tuple[str, int, list[TableCell], Paragraph]],
    columns: _Columns,
    layout: str,
    start: int,
) -> Table:
    width = max(len(values) for _, _, values, _ in body)
    names = [c.text for c in header]
    if len(names) > width:
        names = names[_offset(names, body, columns, width) :]
    kinds = tuple(columns.kind(name) or "other" for name in names)
    fitting = _fitting_kinds(names, columns)
    rows = []
    for label, label_start, values, paragraph in body:
        if len(values) < len(names):
            # '| 绩效目标 | 5 | 4' under 一级指标 | 二级指标 | 分值 | 得分: the row lost its merged
            # cells at the start, not empty ones at the end; and '| 设备安装 | 550 | 20 | 9.3 | 9.3'
            # under … | 指标值 | 完成值 | 分值 | 得分 | 偏差原因: some at the start and the empty one at
            # the end. The cells go where they fit best; at the start when no place fits better.
            values = [TableCell("", 0, 0)] * _placement(fitting, values, 0) + list(values)
        cells = tuple(
            (c if c.value is not None or c.text not in columns.empty else None) if c.text else None
            for c in values[: len(names)]
        )
        rows.append(TableRow(label, label_start, cells, paragraph.start, paragraph.end))
    return Table(tuple(names), kinds, tuple(rows), layout, start, body[-1][3].end)


_MONEY_KINDS = ("年初预算", "全年预算", "执行数", "year")


def _fitting_kinds(names: list[str], columns: _Columns) -> tuple[str, ...]:
    """The columns' kinds for fitting a row's cells under them: a column of words (偏差原因, 计量单位)
    is told apart from the other columns of no known kind, for no figure stands in it."""
    return tuple(
        "words" if _norm(name) in columns.words_only else columns.kind(name) or "other" for name in names
    )


def _placement(kinds: tuple[str, ...], values: list[TableCell], offset: int) -> int:
    """How many columns after ``offset`` a row shorter than the header starts: where its cells fit
    best (the first such place: at once when no place fits better)."""
    gap = len(kinds) - offset - len(values)
    if gap <= 0:
        return 0
    return max((0, gap, *range(1, gap)), key=lambda shift: _fit(kinds, values, offset + shift))


def _fit(kinds: tuple[str, ...], values: list[TableCell], offset: int) -> int:
    """How well a row's cells fit the columns when put ``offset`` columns in: percentages under
    the rate, amounts under money columns, points under weight and score, no figure under a
    column of names, and least of all under a column of words."""
    score = 0
    for index, cell in enumerate(values):
        if offset + index >= len(kinds):
            break
        kind = kinds[offset + index]
        if cell.value is None:
            score += 1 if kind in ("other", "words") and cell.text else 0
            continue
        if kind == "words":
            score -= 2
            continue
        percent = cell.unit == "%" or cell.text.endswith("%")
        if kind == "rate":
            score += 1 if percent else -1
        elif kind in _MONEY_KINDS or kind in ("weight", "score"):
            score += -1 if percent else 1
        else:
            score -= 1
    return score


def _offset(names: list[str], body, columns: _Columns, width: int) -> int:
    """Where the values of a row start under a header wider than the rows: the header's first
    cells name the label column (and a group caption over it). The rows are read right-aligned
    to the header, unless they dropped empty cells at their end (“| 总额 | 5.00 | … | 100.00% |
    10 | | |”) — then from the header's first known column, if the percentages fall into the
    rate column and the amounts into the money columns more often that way."""
    right = len(names) - width
    first = next((i for i, name in enumerate(names) if columns.kind(name)), right)
    kinds = _fitting_kinds(names, columns)
    if first >= right and "words" not in kinds[right:]:
        return right

    def fit(offset: int) -> int:
        return sum(
            _fit(kinds, values, offset + _placement(kinds, values, offset)) for _, _, values, _ in body
        )

    # right-aligned unless another start fits better: from the first known column, or one after the
    # label's column ('绩效指标 | 一级指标 | 二级指标 | … | 分值 | 得分 | 偏差原因' over rows that
    # begin at 二级指标 and leave the last column empty)
    return max((right, first, *range(right - 1, 0, -1)), key=fit)


def _is_part_label(label: str, columns: _Columns) -> bool:
    return label.startswith(columns.part_rows)


# ---------------------------------------------------------------------------------------------
# One cell per line


def _cell_line(paragraph: Paragraph) -> tuple[str, int] | None:
    """The cell a line holds ('238.93 |' → '238.93'; '|' → ''), or None for a '|' row."""
    text = paragraph.text
    bars = text.count("|")
    if bars == 0:
        return text, paragraph.start
    if bars == 1 and text.endswith("|"):
        return text[:-1].strip(), paragraph.start
    return None


def _header_like(text: str) -> bool:
    return 0 < len(text) <= 20 and _NUMBER.match(text.replace(" ", "")) is None and text[-1] not in "。;,"


def _vertical_tables(
    paragraphs: list[Paragraph], lines: list[tuple[str, int] | None], columns: _Columns
) -> list[Table]:
    tables = []
    index, count = 0, len(paragraphs)
    while index < count:
        line = lines[index]
        if line is None or not line[0] or not _header_like(line[0]):
            index += 1
            continue
        run = index
        while run < count and lines[run] is not None and lines[run][0] and _header_like(lines[run][0]):
            run += 1
        names, label_at = _join_header(lines, index, run, columns)
        if len(names) < 2 or label_at is None:
            index = max(run, index + 1)
            continue
        rows = []
        position = label_at
        end = paragraphs[label_at].end
        while position < count:
            label_line = lines[position]
            if label_line is None or not label_line[0] or not _header_like(label_line[0]):
                break
            if columns.kind(label_line[0]):
                break  # a new header
            cells: list[TableCell | None] = []
            cursor = position + 1
            while cursor < count and len(cells) < len(names):
                cell_line = lines[cursor]
                if cell_line is None:
                    break
                cell = number_cell(cell_line[0], cell_line[1])
                if cell.value is None and cell.text not in columns.empty:
                    break
                cells.append(cell if cell.value is not None else None)
                cursor += 1
            if not any(c is not None for c in cells) and not _is_part_label(label_line[0], columns):
                break
            while cursor < count and len(cells) < len(names) and lines[cursor] is not None:
                text_cell = lines[cursor][0]
                if _header_like(text_cell) or number_cell(text_cell, 0).value is not None:
                    break
                cells.append(None)  # a text cell (原因, 说明) of this row
                cursor += 1
            end = paragraphs[max(cursor - 1, position)].end
            numeric = sum(1 for _, kind in names if kind != "other")
            if len(cells) < numeric and cursor < count and _header_like_line(lines[cursor]):
                # the next label comes before every figure column has a cell: the blank cells were
                # dropped when the table was flattened, so no number can be put in its column
                # (“年度资金总额 30 30 10 100% 99” under six columns)
                position = cursor
                continue
            rows.append(
                TableRow(
                    label_line[0],
                    label_line[1],
                    tuple(cells),
                    paragraphs[position].start,
                    paragraphs[max(cursor - 1, position)].end,
                )
            )
            position = cursor
        if rows:
            kinds = tuple(k for _, k in names)
            tables.append(
                Table(
                    tuple(n for n, _ in names), kinds, tuple(rows), "vertical", paragraphs[index].start, end
                )
            )
        index = max(position, run, index + 1)
    return tables


# The indicator part of a form flattened one cell a line: under the header 年度指标值 | 实际完成值 |
# 分值 | 得分, each indicator is its name, its target, what was done, its points and its score;
# the merged cells of the first two levels (产出指标, 数量指标) stand once before the rows they span.
_TARGET_NAMES = frozenset(words("tables.target_names"))
_SERIAL_COLUMNS = frozenset(words("tables.serial_columns"))
_ACTUAL_NAMES = frozenset(words("tables.actual_names"))
_WEIGHT_NAMES = frozenset(words("tables.weight_names"))
_SCORE_NAMES = frozenset(words("tables.score_names"))
_VALUE_CELL = re.compile(
    r"^(?:≥|>=|≧|≤|<=|≦|>|<|=|不低于|不少于|不高于|不超过|大于等于|小于等于|大于|小于|等于)?"
    r"\d+(?:\.\d+)?(?:%|[\u4e00-\u9fff]{0,3})$"
)
_POINTS_CELL = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
_TOTAL_LABELS = words("tables.total_labels")
_INDICATOR_COLUMNS = words("tables.indicator_columns")
_INDICATOR_KINDS = ("other", "other", "weight", "score")


def _indicator_row(texts: list[str], lines: list, position: int, strict: bool) -> bool:
    """Whether an indicator's row starts at ``position``: its name, its target, what was done, its
    points and its score. ``strict``: target and done are figures ('≥135万亩', '96.4%'); otherwise
    they may be words or dates ('2023年11月30日前', '稳中有增', '长期'), as long as neither is a
    number of points (which would put the row one line off)."""
    window = texts[position : position + 5]
    if len(window) < 5 or not all(lines[position + k] is not None for k in range(5)):
        return False
    if not window[0] or _VALUE_CELL.match(window[0]) or window[0] in _TOTAL_LABELS:
        return False
    if not (_POINTS_CELL.match(window[3]) and _POINTS_CELL.match(window[4])):
        return False
    if strict:
        return bool(_VALUE_CELL.match(window[1]) and _VALUE_CELL.match(window[2]))
    return all(w and not _POINTS_CELL.match(w) and w not in _TOTAL_LABELS for w in window[1:3])


def _vertical_indicator_tables(
    paragraphs: list[Paragraph], lines: list[tuple[str, int] | None]
) -> list[Table]:
    texts = [_norm(line[0]) if line is not None else "" for line in lines]
    tables = []
    index = 0
    while index < len(lines):
        following = texts[index + 1 : index + 4]
        if (
            texts[index] not in _TARGET_NAMES
            or len(following) < 3
            or following[0] not in _ACTUAL_NAMES
            or following[1] not in _WEIGHT_NAMES
            or following[2] not in _SCORE_NAMES
        ):
            index += 1
            continue
        rows, position, misses = [], index + 4, 0
        while position + 2 < len(lines) and misses < 12 and lines[position] is not None:
            window = texts[position : position + 5]
            if (
                texts[position] in _TOTAL_LABELS
                and len(window) >= 3
                and all(_POINTS_CELL.match(w) for w in window[1:3])
            ):
                weight, score = (number_cell(lines[position + k][0], lines[position + k][1]) for k in (1, 2))
                rows.append(
                    TableRow(
                        lines[position][0],
                        lines[position][1],
                        (None, None, weight, score),
                        paragraphs[position].start,
                        paragraphs[position + 2].end,
                    )
                )
                position += 3
                break
            if _indicator_row(texts, lines, position, strict=True) or (
                _indicator_row(texts, lines, position, strict=False)
                and not _indicator_row(texts, lines, position + 1, strict=True)
            ):
                cells = tuple(
                    number_cell(lines[position + k][0], lines[position + k][1]) for k in (1, 2, 3, 4)
                )
                rows.append(
                    TableRow(
                        lines[position][0],
                        lines[position][1],
                        cells,
                        paragraphs[position].start,
                        paragraphs[position + 4].end,
                    )
                )
                position += 5
                misses = 0
                continue
            position += 1
            misses += 1
        if rows:
            tables.append(
                Table(
                    _INDICATOR_COLUMNS,
                    _INDICATOR_KINDS,
                    tuple(rows),
                    "vertical",
                    paragraphs[index].start,
                    rows[-1].end,
                )
            )
        index = max(position, index + 1)
    return tables


def _header_like_line(line: tuple[str, int] | None) -> bool:
    return line is not None and bool(line[0]) and _header_like(line[0])


def _join_header(
    lines: list[tuple[str, int] | None], start: int, stop: int, columns: _Columns
) -> tuple[list[tuple[str, str]], int | None]:
    """Known column names in lines[start:stop], fragments joined ('全年' + '执行数'); and the index
    of the first row label (the first line after the last column name)."""
    names: list[tuple[str, str]] = []
    position = start
    last_column = None
    while position < stop:
        joined = None
        alone = columns.kind(lines[position][0])
        for width in (1,) if alone else (3, 2, 1):
            if position + width > stop:
                continue
            text = "".join(lines[k][0] for k in range(position, position + width))
            kind = columns.kind(text)
            if kind:
                joined = (text, kind, width)
                break
        if joined:
            names.append((_norm(joined[0]), joined[1]))
            position += joined[2]
            last_column = position
        else:
            position += 1
    if last_column is None or last_column >= stop + 1:
        return names, None
    label_at = last_column if last_column < len(lines) else None
    return names, label_at


# ---------------------------------------------------------------------------------------------
# One row per line, cells separated by spaces

_SPACED_VALUE = re.compile(r"(?:^|\s)(\S+)$")


def _spaced_tables(report: ParsedReport, columns: _Columns) -> list[Table]:
    """Rows whose cells are separated by spaces. Normalisation drops spaces next to Chinese text,
    so the rows are read from the original lines and the offsets mapped back."""
    source = report.source
    if " " not in source.original and "\u3000" not in source.original:
        return []
    starts = source.original_starts()
    paragraphs = report.paragraphs
    tables = []
    index, count = 0, len(paragraphs)
    while index < count:
        paragraph = paragraphs[index]
        if "|" in paragraph.text or len(columns.strong_name.findall(paragraph.text)) < 2:
            index += 1
            continue
        tokens = line_tokens(source, paragraph, starts)
        names = [(_norm(t), k) for t, _ in tokens if (k := columns.kind(t))]
        # (a score summary of three columns has two: '一级指标 分值 得分')
        summary = len(tokens) == 3 and [k for _, k in names] == ["weight", "score"]
        if (len(names) < 3 and not summary) or len(tokens) > 20:
            index += 1
            continue
        if columns.kind(tokens[0][0]) is None:
            # every column after the label's keeps its place, a name not known too ('资金来源 预算数
            # 到位数 支出数 执行率': 到位数 stands between the budget and the spending)
            names = [(_norm(t), columns.kind(t) or "other") for t, _ in tokens[1:] if _norm(t)]
        money_first = names[0][1] in ("年初预算", "全年预算", "执行数", "year")
        scores = [i for i, (_, kind) in enumerate(names) if kind == "score"]
        if not money_first and scores:
            # trailing text columns (偏差原因…) are usually empty; a rate after the score (得分率) is not
            end = scores[-1] + 1
            while end < len(names) and names[end][0].endswith("率"):
                end += 1
            names = names[:end]
        rows = []
        position = index + 1
        while position < count:
            row = _spaced_row(source, paragraphs[position], starts, len(names), money_first, columns)
            if row is None:
                break
            rows.append(row)
            position += 1
        if any(row.cells for row in rows):
            tables.append(
                Table(
                    tuple(n for n, _ in names),
                    tuple(k for _, k in names),
                    tuple(rows),
                    "spaced",
                    paragraph.start,
                    paragraphs[position - 1].end,
                )
            )
        index = max(position, index + 1)
    return tables


def _one_line_forms(report: ParsedReport, columns: _Columns) -> list[Table]:
    """A form whose page was read into one long line (“年初预算数 全年预算数 全年执行数 分值 执行率
    得分 250000.00 250000.00 215,457.6 10 8.62 …”): the run of column names, then the figures of the
    fund row in the same order. Where the figures are one short of the names and none is a
    percentage, the rate was printed elsewhere on the line; the row is kept only when its figures
    make sense in their columns (the score no more than the weight)."""
    source = report.source
    if " " not in source.original:
        return []
    starts = None
    tables = []
    for paragraph in report.paragraphs:
        if (
            len(paragraph.text) < 80
            or "|" in paragraph.text
            or len(columns.strong_name.findall(paragraph.text)) < 4
        ):
            continue
        starts = starts or source.original_starts()
        tokens = line_tokens(source, paragraph, starts)
        kinds = [columns.kind(t) for t, _ in tokens]
        index = 0
        while index < len(tokens):
            if kinds[index] is None:
                index += 1
                continue
            end = index
            while end < len(tokens) and kinds[end] is not None:
                end += 1
            names = [(_norm(tokens[k][0]), kinds[k]) for k in range(index, end)]
            row = _one_line_row(tokens, end, [k for _, k in names], columns)
            if row is not None:
                cells, last = row
                tables.append(
                    Table(
                        tuple(n for n, _ in names),
                        tuple(k for _, k in names),
                        (TableRow("年度资金总额", tokens[index][1], cells, paragraph.start, paragraph.end),),
                        "line",
                        tokens[index][1],
                        last,
                    )
                )
            index = end
    return tables


def _one_line_row(tokens, at: int, kinds: list[str], columns: _Columns):
    if "执行数" not in kinds or not ({"全年预算", "年初预算"} & set(kinds)) or len(kinds) < 4:
        return None
    figures = []
    for text, start in tokens[at : at + len(kinds)]:
        cell = number_cell(text, start)
        if cell.value is None:
            break
        figures.append(cell)
    layouts = [list(figures[: len(kinds)])]
    if "rate" in kinds and not any(c.unit == "%" for c in figures[: len(kinds) - 1]):
        skipped = list(figures[: len(kinds) - 1])
        skipped.insert(kinds.index("rate"), None)
        layouts.append(skipped)
    for cells in layouts:
        if len(cells) != len(kinds):
            continue
        by_kind = dict(zip(kinds, cells, strict=True))
        weight, score, rate = by_kind.get("weight"), by_kind.get("score"), by_kind.get("rate")
        if weight is not None and score is not None and score.value > weight.value:
            continue
        if rate is not None and (rate.unit != "%" and rate.value > 100):
            continue
        last = max(c.end for c in cells if c is not None)
        return tuple(cells), last
    return None


def line_tokens(source, paragraph: Paragraph, starts: tuple[int, ...]) -> list[tuple[str, int]]:
    """Whitespace-separated tokens of the paragraph's original line, with normalised offsets."""
    a, b = source.original_span(paragraph.start, paragraph.end)
    line = source.original[a:b]
    return [
        (m.group(0).translate(_FULL_TO_ASCII), source.normalized_index(a + m.start(), starts))
        for m in re.finditer(r"[^\s\u3000]+", line)
    ]


_FULL_TO_ASCII = str.maketrans({"：": ":", "（": "(", "）": ")", "，": ",", "．": ".", "％": "%"})


def _spaced_row(
    source, paragraph: Paragraph, starts: tuple[int, ...], width: int, money_first: bool, columns: _Columns
) -> TableRow | None:
    tokens = line_tokens(source, paragraph, starts)
    values: list[TableCell | None] = []
    while tokens:
        cell = number_cell(*tokens[-1])
        # an indicator's target or result ('≥90%', '500人次') is a cell of a score table too
        value_like = not money_first and len(values) < width and _VALUE_CELL.match(cell.text)
        if cell.value is None and cell.text not in columns.empty and not value_like:
            break
        values.insert(0, cell if cell.value is not None or cell.text not in columns.empty else None)
        tokens.pop()
    if not tokens:
        return None
    label = " ".join(t for t, _ in tokens).rstrip(":").strip()
    if not values:
        if len(label) <= 16 and (_is_part_label(label, columns) or len(tokens) <= 2):
            return TableRow(label, tokens[0][1], (), paragraph.start, paragraph.end)
        return None
    values = values[:width] if money_first else values[-width:]
    if money_first:
        cells = tuple(values) + (None,) * (width - len(values))
    else:
        cells = (None,) * (width - len(values)) + tuple(values)
    return TableRow(label, tokens[0][1], cells, paragraph.start, paragraph.end)


def category_points(label: str) -> Decimal | None:
    """'产出指标(50分) 数量指标 …' → 50; the points a score-table category is worth."""
    match = _CATEGORY_POINTS.search(label)
    return Decimal(match.group("n")) if match else None


def run_together_table(text: str, data: CheckerData) -> bool:
    """A form flattened with its cells glued together (“年初预算数全年预算数全年执行数执行率权重”):
    column names follow each other with at most a short caption between them, at least twice. The
    marks in such a paragraph are often lost or garbled by the copy, not by the report."""
    if len(text) < 60:
        return False
    names = columns_for(data).any_name
    glued = 0
    last_end = -10
    for match in names.finditer(text):
        if match.start() - last_end <= 4 and not any(
            ch in "。，,；;" for ch in text[last_end : match.start()]
        ):
            glued += 1
            if glued >= 2:
                return True
        last_end = match.end()
    return False


_POINTS_RUN = re.compile(r"(?:^|\s)\d{1,3}(?:\.\d)?\s+[(（)）]?\s*\d{0,3}")


def score_row(report: ParsedReport, paragraph: Paragraph) -> bool:
    """A short line of a score table whose cells were broken over lines (“5 5 (”, “3 分)项目执行执行规范”):
    points set apart by spaces in the line as read."""
    if len(paragraph.text) >= 40:
        return False
    return bool(_POINTS_RUN.search(report.source.original_text(paragraph.start, paragraph.end)))
