"""The report as a document: what is said and in what order, never how it looks.

A ``Report`` is a tree of frozen values — sections with numbered headings, paragraphs, tables and
charts, then annexes — that every renderer (docx, HTML, plain text, PDF) walks in the same order.
Figures arrive here already worded (``208.4万元``, ``96.3%``): renderers copy text, they never
format or round, so every output carries exactly the same figures.

Heading numbers (一、 （一） 1. （1）) are not typed by the composer: ``Report`` renumbers its outline
when it is built (see ``outline.py``), so a composed report can never skip or repeat a number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from jixiao.domain.errors import DomainError


class ReportStructureError(DomainError):
    """A report, table or chart is built inconsistently; the message names the part at fault."""

    code = "report_structure"


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class ChartKind(StrEnum):
    BAR = "bar"
    STACKED_BAR = "stacked_bar"
    LINE = "line"
    PIE = "pie"
    # one horizontal bar per category, coloured by ``Chart.statuses``, against a reference marker
    PROGRESS = "progress"


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of paragraph text. ``heading_level`` marks a run-in heading ("1.xxx。正文…"):
    only that part takes the heading font of the given level (1..4)."""

    text: str
    heading_level: int | None = None

    def __post_init__(self) -> None:
        if self.heading_level is not None and self.heading_level not in (1, 2, 3, 4):
            raise ReportStructureError(
                f"段落标题层级“{self.heading_level}”无效，应为1至4级：{self.text[:20]}"
            )


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph (first line indented two characters, justified)."""

    runs: tuple[Run, ...]

    @classmethod
    def of(cls, text: str) -> Paragraph:
        return cls(runs=(Run(text),))

    @classmethod
    def with_lead(cls, lead: str, text: str, level: int = 3) -> Paragraph:
        """A paragraph whose first words are a run-in heading: ``with_lead("一是强化宣传。", "…")``."""
        return cls(runs=(Run(lead, heading_level=level), Run(text)))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def __post_init__(self) -> None:
        if isinstance(self.runs, str):
            object.__setattr__(self, "runs", (Run(self.runs),))
        else:
            object.__setattr__(self, "runs", tuple(self.runs))


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """A header cell; spans make multi-level headers (e.g. 预算数 over 年初/调整后)."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a caption, a unit line (单位：万元) and text cells as they are to be printed.

    ``header_rows`` may be multi-level; every header row and every body row must cover exactly
    the same number of columns. ``total_row`` marks the last body row as the 合计 row.
    ``number_columns`` are right-aligned (and set in Times New Roman in Word). ``merge_columns``
    are category columns whose equal cells in consecutive rows print as one merged cell.
    ``number`` is the 表N the text cites (0: numbered by the renderer in order, or not at all).
    """

    caption: str
    header_rows: tuple[tuple[HeaderCell, ...], ...]
    body_rows: tuple[tuple[str, ...], ...]
    unit: str = ""
    total_row: bool = False
    number_columns: tuple[int, ...] = ()
    alignments: tuple[Align, ...] = ()
    note: str = ""
    numbered: bool = True
    merge_columns: tuple[int, ...] = ()
    number: int = 0

    def __post_init__(self) -> None:
        header_rows = tuple(
            tuple(cell if isinstance(cell, HeaderCell) else HeaderCell(str(cell)) for cell in row)
            for row in self.header_rows
        )
        body_rows = tuple(tuple(str(cell) for cell in row) for row in self.body_rows)
        object.__setattr__(self, "header_rows", header_rows)
        object.__setattr__(self, "body_rows", body_rows)
        object.__setattr__(self, "number_columns", tuple(self.number_columns))
        object.__setattr__(self, "merge_columns", tuple(self.merge_columns))
        object.__setattr__(self, "alignments", tuple(Align(a) for a in self.alignments))
        grid = header_grid(header_rows, self.caption)
        width = len(grid[0]) if grid else (len(body_rows[0]) if body_rows else 0)
        for index, row in enumerate(body_rows, start=1):
            if len(row) != width:
                raise ReportStructureError(
                    f"表“{self.caption}”第{index}行有{len(row)}列，与表头的{width}列不一致",
                    table=self.caption,
                    row=index,
                )
        for column in self.number_columns:
            if not 0 <= column < width:
                raise ReportStructureError(f"表“{self.caption}”的数字列序号{column}超出范围（共{width}列）")
        if self.alignments and len(self.alignments) != width:
            raise ReportStructureError(
                f"表“{self.caption}”给出了{len(self.alignments)}个列对齐方式，但表有{width}列"
            )
        if self.total_row and not body_rows:
            raise ReportStructureError(f"表“{self.caption}”标明有合计行，但没有数据行")
        for column in self.merge_columns:
            if not 0 <= column < width:
                raise ReportStructureError(f"表“{self.caption}”的合并列序号{column}超出范围（共{width}列）")

    def merged_spans(self, column: int) -> list[int]:
        """For a merge column, the rowspan each body row's cell takes: n ≥ 1 where a run of equal
        cells starts, 0 under it. A run never crosses the 合计 row, and never starts a merge in a
        column whose left neighbour (also merged) starts a new run there."""
        rows = self.body_rows
        last = len(rows) - (1 if self.total_row else 0)
        spans = [1] * len(rows)
        if column not in self.merge_columns:
            return spans
        left = self.merged_spans(column - 1) if column - 1 in self.merge_columns else None
        start = 0
        for i in range(1, last + 1):
            boundary = (
                i == last
                or rows[i][column] != rows[start][column]
                or not rows[i][column].strip()
                or (left is not None and left[i] != 0)
            )
            if boundary:
                spans[start] = i - start
                for j in range(start + 1, i):
                    spans[j] = 0
                start = i
        return spans

    @property
    def column_count(self) -> int:
        grid = header_grid(self.header_rows, self.caption)
        if grid:
            return len(grid[0])
        return len(self.body_rows[0]) if self.body_rows else 0

    def alignment(self, column: int) -> Align:
        if self.alignments:
            return self.alignments[column]
        return Align.RIGHT if column in self.number_columns else Align.LEFT


def header_grid(
    header_rows: tuple[tuple[HeaderCell, ...], ...], caption: str = ""
) -> list[list[tuple[int, int] | None]]:
    """Lay multi-level header cells onto a grid.

    Returns one list per header row; each slot holds ``(row, index)`` of the cell that starts there,
    or None for a slot covered by a span from the left or from above.
    """
    if not header_rows:
        return []
    occupied: dict[tuple[int, int], bool] = {}
    starts: dict[tuple[int, int], tuple[int, int]] = {}
    width = 0
    for r, row in enumerate(header_rows):
        c = 0
        for i, cell in enumerate(row):
            while occupied.get((r, c)):
                c += 1
            if cell.colspan < 1 or cell.rowspan < 1:
                raise ReportStructureError(f"表“{caption}”表头“{cell.text}”的合并范围无效")
            if r + cell.rowspan > len(header_rows):
                raise ReportStructureError(f"表“{caption}”表头“{cell.text}”纵向合并超出表头行数")
            starts[(r, c)] = (r, i)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if occupied.get((r + dr, c + dc)):
                        raise ReportStructureError(f"表“{caption}”表头“{cell.text}”与其他表头单元格重叠")
                    occupied[(r + dr, c + dc)] = True
            c += cell.colspan
        width = max(width, max((cc + 1 for (rr, cc) in occupied if rr == r), default=0))
    grid: list[list[tuple[int, int] | None]] = []
    for r in range(len(header_rows)):
        filled = sum(1 for (rr, _c) in occupied if rr == r)
        if filled != width:
            raise ReportStructureError(f"表“{caption}”表头第{r + 1}行覆盖{filled}列，与表头的{width}列不一致")
        grid.append([starts.get((r, c)) for c in range(width)])
    return grid


@dataclass(frozen=True, slots=True)
class Series:
    """One data series of a chart. ``None`` values are gaps (a month not yet reached).
    ``reference`` draws the series as a thin dashed guide line (序时进度)."""

    name: str
    values: tuple[Decimal | None, ...]
    reference: bool = False

    def __post_init__(self) -> None:
        values = tuple(self.values)
        for value in values:
            if value is not None and not isinstance(value, Decimal | int):
                raise ReportStructureError(
                    f"图表数据系列“{self.name}”的数值必须是Decimal，不能是{type(value).__name__}"
                )
        object.__setattr__(self, "values", tuple(None if v is None else Decimal(v) for v in values))


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart, described by its data. ``unit`` is the value axis unit (万元, %).
    The same data is printed as a small table (``alt_table``) for readers who cannot see it."""

    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    category_label: str = ""
    note: str = ""
    numbered: bool = True
    number: int = 0
    # per category, the status word printed beside its bar (正常 / 预警 / 滞后); never colour alone
    statuses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ChartKind(self.kind))
        object.__setattr__(self, "categories", tuple(self.categories))
        object.__setattr__(self, "series", tuple(self.series))
        object.__setattr__(self, "statuses", tuple(self.statuses))
        if not self.series:
            raise ReportStructureError(f"图“{self.title}”没有数据系列")
        if self.statuses and len(self.statuses) != len(self.categories):
            raise ReportStructureError(
                f"图“{self.title}”有{len(self.statuses)}个状态，但有{len(self.categories)}个分类"
            )
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ReportStructureError(
                    f"图“{self.title}”的数据系列“{series.name}”有{len(series.values)}个数值，"
                    f"但有{len(self.categories)}个分类"
                )
        if self.kind is ChartKind.PIE:
            if len(self.series) != 1:
                raise ReportStructureError(f"饼图“{self.title}”只能有一个数据系列")
            if any(v is not None and v < 0 for v in self.series[0].values):
                raise ReportStructureError(f"饼图“{self.title}”不能有负数")

    def alt_table(self) -> Table:
        """The chart's data as a table, with the figures exactly as given."""
        header = (HeaderCell(self.category_label or "项目"), *(HeaderCell(s.name) for s in self.series))
        rows = tuple(
            (category, *(decimal_text(s.values[i]) for s in self.series))
            for i, category in enumerate(self.categories)
        )
        if self.statuses:
            header = (*header, HeaderCell("状态"))
            rows = tuple((*row, status) for row, status in zip(rows, self.statuses, strict=True))
        unit = f"单位：{self.unit}" if self.unit else ""
        return Table(
            caption=self.title,
            header_rows=(header,),
            body_rows=rows,
            unit=unit,
            number_columns=tuple(range(1, len(self.series) + 1)),
            numbered=False,
        )


def decimal_text(value: Decimal | None) -> str:
    """A Decimal printed as given (no float, no rounding); None prints as '—'."""
    if value is None:
        return "—"
    return format(value, "f")


Block = Paragraph | Table | Chart


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of the report. ``number`` is filled in by the outline numbering.

    ``run_in`` puts the heading at the start of its first paragraph ("1.提高思想认识，…"),
    which is how the seed writes most third-level points.
    """

    level: int
    title: str
    children: tuple[Block | Section, ...] = ()
    number: str = ""
    run_in: bool = False

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3, 4):
            raise ReportStructureError(f"标题“{self.title}”的层级{self.level}无效，应为1至4级")
        children = tuple(self.children)
        for child in children:
            if isinstance(child, Section) and child.level <= self.level:
                raise ReportStructureError(
                    f"标题“{child.title}”（{child.level}级）不能放在“{self.title}”（{self.level}级）之下"
                )
            if not isinstance(child, Section | Paragraph | Table | Chart):
                raise ReportStructureError(f"标题“{self.title}”下有无法识别的内容：{type(child).__name__}")
        if not self.title.strip() and not self.run_in:
            raise ReportStructureError(f"第{self.level}级标题没有标题文字（只有段中标题可以只写序号）")
        if self.run_in and (not children or not isinstance(children[0], Paragraph)):
            raise ReportStructureError(f"标题“{self.title}”设为段中标题，但其后没有段落")
        object.__setattr__(self, "children", children)

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"


@dataclass(frozen=True, slots=True)
class Annex:
    """An attachment (附件), printed on its own pages after the 落款.
    ``landscape`` None means: decide from the width of its tables."""

    title: str
    children: tuple[Block | Section, ...] = ()
    landscape: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "children", tuple(self.children))

    @property
    def is_landscape(self) -> bool:
        if self.landscape is not None:
            return self.landscape
        return any(isinstance(c, Table) and c.column_count > WIDE_TABLE_COLUMNS for c in self.children)


WIDE_TABLE_COLUMNS = 7


@dataclass(frozen=True, slots=True)
class ReportMetadata:
    """Facts about the document itself. ``demo`` makes every output carry the label 演示数据."""

    demo: bool = False
    department_code: str = ""
    framework: str = ""
    version: int = 0
    extra: tuple[tuple[str, str], ...] = ()


DEMO_LABEL = "演示数据"


DRAFT_LABEL = "草稿"


@dataclass(frozen=True, slots=True)
class Report:
    """A whole report. Sections are renumbered on construction (一、 to the last, no gaps).

    ``draft`` lists what is still missing (an unscored item, an unconfirmed problem, an empty
    paragraph …): a report with anything listed is a 草稿 — its header says so, its grade is
    blank, and it cannot be submitted as final. ``trace`` is what the composer knows about how the
    parts relate (deductions, problems, measures), for the consistency pass.
    """

    title: str
    year: int
    department: str
    sections: tuple[Section, ...]
    signature: str = ""
    date: date | None = None
    subtitle: str = ""
    annexes: tuple[Annex, ...] = ()
    metadata: ReportMetadata = field(default_factory=ReportMetadata)
    draft: tuple[str, ...] = ()
    trace: object | None = None

    @property
    def is_draft(self) -> bool:
        return bool(self.draft)

    def __post_init__(self) -> None:
        from jixiao.domain.report.outline import renumber

        if not self.title.strip():
            raise ReportStructureError("报告标题不能为空")
        object.__setattr__(self, "sections", renumber(tuple(self.sections)))
        annexes = tuple(Annex(a.title, renumber(a.children), a.landscape) for a in self.annexes)
        object.__setattr__(self, "annexes", annexes)

    @property
    def demo(self) -> bool:
        return self.metadata.demo

    @property
    def date_text(self) -> str:
        return date_text(self.date) if self.date else ""

    def walk(self) -> Iterator[tuple[int, Block | Section]]:
        """Every section and block of the body, depth first, with its depth (0 for top level)."""
        yield from _walk(self.sections, 0)


def _walk(items: tuple[Block | Section, ...], depth: int) -> Iterator[tuple[int, Block | Section]]:
    for item in items:
        yield depth, item
        if isinstance(item, Section):
            yield from _walk(item.children, depth + 1)


def date_text(value: date) -> str:
    """成文日期 as GB/T 9704 §7.3.5.4 writes it: 2024年3月5日 (no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日"
