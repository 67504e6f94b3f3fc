"""An identity a table's own rows teach: its rate column is one of its columns divided by another.

``table.row_identity``: which columns a rate is worked out from is not read from the columns'
names (安排资金, 年度指标值, 目标值 … a writer names them as he likes) but from the rows: the pair
of columns whose quotient gives the printed rate in the other rows ('| 产业发展 | 5,364.00 |
5,187.42 | 96.71% |' teaches 实际支出 ÷ 安排资金) is the rate's, and a row whose rate is not that
quotient, beyond the rounding of the printed rate, is a slip.

(Scores were tried the same way — 得分 = 分值 × the quotient, taught by the rows below their
targets — and left: indicators score by steps as often as in proportion, 满意度 and 达标 ones
above all, and the rows taught the wrong identity on eight consistent texts.)

Rows are read from the lines of the text, cells split at '|' or at runs of spaces (a one-cell-a-line
table from the tables read once per report); a row is compared with the rows of its table that
have as many cells. Targets written with ≥ ≤ > < are no base (a 达标 indicator), nor are two
percentages. A quotient above 1 may be printed as 100% (a rate capped at full completion). A row
that fits the quotient the other way round (a cost kept under its target) is no slip. The columns
the budget rules already read (预算 and 执行 columns by their names: score.recompute) are left to them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from itertools import permutations
from typing import NamedTuple

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.text import NormalizedText
from jixiao.domain.money import HUNDRED, round_half_up

_ONE = Decimal(1)
_CELL = re.compile(
    r"^(?P<cmp>[≥≤><]|不低于|不少于|不高于|不超过)?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<u>%|％|[\u4e00-\u9fff]{0,4})$"
)
_SPLIT = re.compile(r"\s*\|\s*|\s{2,}|\t+|(?<=[\d%\u4e00-\u9fff）)])\s(?=[≥≤><\d])")
_MONEY_KINDS = frozenset(("年初预算", "全年预算", "执行数", "year"))


class _Cell(NamedTuple):
    value: Decimal
    unit: str  # '%' for a percentage
    decimals: int
    bound: bool  # written with ≥ ≤ > < (a target, not a figure to divide by)
    start: int
    end: int
    text: str

    @property
    def half(self) -> Decimal:
        return Decimal(5).scaleb(-(self.decimals + 1))


class _Row(NamedTuple):
    label: str
    cells: tuple[_Cell | None, ...]  # one per column of the row's table


class _Grid(NamedTuple):
    names: tuple[str, ...]  # the header's cells ('' when none stands above)
    rows: list[_Row]


def _cell(text: str, start: int, source: NormalizedText | None = None, starts: tuple = ()) -> _Cell | None:
    """A figure cell, placed at ``start`` (an offset in the original text when ``source`` is given,
    mapped to the normalised text)."""
    match = _CELL.match(text)
    if match is None:
        return None
    digits = match.group("n").replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return None
    unit = "%" if match.group("u") in ("%", "％") else match.group("u")
    decimals = len(digits.partition(".")[2])
    end = start + len(text)
    if source is not None:
        start, end = source.normalized_index(start, starts), source.normalized_index(end - 1, starts) + 1
    return _Cell(value, unit, decimals, match.group("cmp") is not None, start, end, text)


def _split(line: str, start: int) -> list[tuple[str, int]]:
    pieces = []
    position = 0
    for match in _SPLIT.finditer(line):
        pieces.append((line[position : match.start()], start + position))
        position = match.end()
    pieces.append((line[position:], start + position))
    return [(text.strip(), at + (len(text) - len(text.lstrip()))) for text, at in pieces if text.strip()]


def line_grids(context: CheckContext) -> list[_Grid]:
    """The tables read from the lines of the report's text (:func:`_line_grids`), read once for the
    rules that look at them."""
    grids = context.memo.get("rules_rows.line_grids")
    if grids is None:
        grids = context.memo["rules_rows.line_grids"] = _line_grids(context.report.source)
    return grids


def _line_grids(source: NormalizedText) -> list[_Grid]:
    """Runs of lines of three cells or more, two of them figures, all with as many cells: each run a
    table, under the line of as many cells and no figure right above it (its header). Read from the
    text as written (normalising takes out the spaces between a table's cells), each cell placed
    in the normalised text."""
    text = source.original
    starts = source.original_starts()
    grids: list[_Grid] = []
    current: list[_Row] = []
    width = 0
    header: tuple[str, ...] = ()
    previous = (0, 0)  # the span of the line before the run (its header, split when a run opens)
    position = 0
    for line in text.split("\n"):
        line_start, position = position, position + len(line) + 1
        # a run opens at a line with a rate ('%'); it goes on over any line of as many cells (a 达标
        # indicator's), so only those lines, and lines of digits in an open run, are split
        if "%" not in line and not (current and any(ch.isdigit() for ch in line)):
            if len(current) >= 2:
                grids.append(_Grid(header, current))
            current = []
            previous = (line_start, position - 1)
            continue
        pieces = _split(line, line_start)
        cells = [_cell(piece, at, source, starts) for piece, at in pieces]
        figures = sum(cell is not None for cell in cells)
        if len(pieces) >= 3 and figures >= 2:
            if current and len(pieces) == width:
                current.append(_Row(pieces[0][0], tuple(cells)))
                continue
            if len(current) >= 2:
                grids.append(_Grid(header, current))
            width = len(pieces)
            header = _header(_split(text[previous[0] : previous[1]], previous[0]), width)
            current = [_Row(pieces[0][0], tuple(cells))]
            continue
        if len(current) >= 2:
            grids.append(_Grid(header, current))
        current = []
        previous = (line_start, position - 1)
    if len(current) >= 2:
        grids.append(_Grid(header, current))
    return grids


def _header(line: list[tuple[str, int]], width: int) -> tuple[str, ...]:
    """The names of a run's columns: the line above of as many cells; or, its names parted by single
    spaces ('一级指标 二级指标 三级指标 年度指标值 实际完成值 完成率' over rows whose first cell holds
    the three names of the indicator), the last of them, one for each column."""
    if len(line) == width:
        return tuple(text for text, _ in line)
    names = " ".join(text for text, _ in line).split()
    if len(names) > width and not any(_CELL.match(name) for name in names):
        return ("", *names[len(names) - width + 1 :])
    return ("",) * width


def _table_grids(context: CheckContext) -> list[_Grid]:
    """The one-cell-a-line tables the report's tables were read from (the line reader sees none)."""
    grids = []
    for table in context.tables:
        if table.layout != "vertical" or len(table.rows) < 2:
            continue
        if _named_budget_columns(table.kinds):
            continue
        rows = []
        for row in table.rows:
            cells = tuple(_cell(cell.text, cell.start) if cell is not None else None for cell in row.cells)
            rows.append(_Row(row.label, (None, *cells)))
        grids.append(_Grid(("", *table.columns), rows))
    return grids


def _named_budget_columns(kinds: tuple[str, ...]) -> bool:
    return sum(kind in _MONEY_KINDS for kind in kinds) >= 2 and "rate" in kinds


def _quotient(row: _Row, base: int, part: int) -> Decimal | None:
    a, b = row.cells[base], row.cells[part]
    if (
        a is None
        or b is None
        or a.unit == "%"
        or b.unit == "%"
        or a.unit != b.unit
        or a.bound
        or b.bound
        or a.value <= 0
    ):
        return None
    return b.value / a.value


def _fits(exact: Decimal, stated: _Cell) -> bool:
    """The stated rate is the quotient (in per cent) rounded or cut off at its printed digits
    (1157.97÷2000 printed 57.89%), or full completion printed as 100%."""
    per_cent = exact * HUNDRED
    return (
        abs(per_cent - stated.value) <= stated.half
        or stated.value <= per_cent < stated.value + 2 * stated.half
        or (exact > _ONE and stated.value == HUNDRED)
    )


class _Taught(NamedTuple):
    base: int
    part: int
    fits: int
    informative: int  # fitting rows whose quotient is not 1
    misfits: list[tuple[_Row, Decimal]]


def _rate_identity(grid: _Grid, rate: int) -> _Taught | None:
    best = None
    for base, part in permutations(range(rate), 2):
        fits = informative = 0
        misfits = []
        for row in grid.rows:
            stated = row.cells[rate]
            if stated is None or stated.unit != "%" or stated.bound:
                continue
            exact = _quotient(row, base, part)
            if exact is None:
                continue
            if _fits(exact, stated):
                fits += 1
                informative += exact != _ONE
            else:
                reverse = _quotient(row, part, base)
                if reverse is None or not _fits(reverse, stated):
                    misfits.append((row, exact))
        if informative and (best is None or (fits, -len(misfits)) > (best.fits, -len(best.misfits))):
            best = _Taught(base, part, fits, informative, misfits)
    if best is None or not best.misfits or len(best.misfits) > best.fits:
        return None
    return best


def _rate_columns(grid: _Grid) -> list[int]:
    width = len(grid.rows[0].cells)
    return [
        index
        for index in range(2, width)
        if sum(1 for row in grid.rows if (cell := row.cells[index]) is not None and cell.unit == "%") >= 2
    ]


def _column_name(grid: _Grid, index: int, fallback: str) -> str:
    name = grid.names[index] if index < len(grid.names) else ""
    return name or fallback


@rule(
    "table.row_identity",
    "表中比率列由同一行的两列算出（哪两列由其余各行相符的算法得知）：某一行不符时，这一行的数字有误",
)
def check_row_identities(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if "%" not in text:
        return []
    findings: list[Finding] = []
    report = context.report
    # the rows of the tables whose budget columns the tables' reader named (read by score.recompute)
    budget_lines = {
        report.paragraph_index(row.start)
        for table in context.tables
        if _named_budget_columns(table.kinds)
        for row in table.rows
    }
    for grid in (*line_grids(context), *_table_grids(context)):
        if _named_budget_columns(tuple(_kind_of(name) for name in grid.names)) or any(
            report.paragraph_index(cell.start) in budget_lines
            for row in grid.rows
            for cell in row.cells
            if cell is not None
        ):
            continue
        for rate in _rate_columns(grid):
            taught = _rate_identity(grid, rate)
            if taught is not None:
                findings.extend(_rate_findings(context, grid, rate, taught))
    return findings


_BUDGET_NAMES = (
    ("年初预算", "年初"),
    ("全年预算", "预算"),
    ("执行数", "执行数"),
    ("执行数", "决算"),
    ("rate", "执行率"),
)


def _kind_of(name: str) -> str:
    for kind, word in _BUDGET_NAMES:
        if word in name:
            return kind
    return "other"


def _rate_findings(context: CheckContext, grid: _Grid, rate: int, taught: _Taught) -> list[Finding]:
    severity = ERROR if taught.fits >= 2 else WARNING
    part_name = _column_name(grid, taught.part, "后一列")
    base_name = _column_name(grid, taught.base, "前一列")
    rate_name = _column_name(grid, rate, "比率")
    findings = []
    for row, exact in taught.misfits:
        stated = row.cells[rate]
        part, base = row.cells[taught.part], row.cells[taught.base]
        shown = f"{round_half_up(exact * HUNDRED, stated.decimals)}%"
        findings.append(
            context.finding(
                "table.row_identity",
                severity,
                f"表中“{row.label}”的{rate_name}与同一行不符：{part.text}÷{base.text}={shown}，表中为{stated.text}"
                f"（其余{taught.fits}行的{rate_name}都是{part_name}÷{base_name}）",
                stated.start,
                stated.end,
                expected=shown,
                found=stated.text,
            )
        )
    return findings


RULES = (check_row_identities,)
