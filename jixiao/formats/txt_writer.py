"""A ``Report`` as plain text, the input of the report checker.

Headings on their own lines with their numbers, paragraphs one per line, tables flattened into
``| a | b |`` rows with their caption and unit line, charts as their data rows. Figures are
copied exactly as they stand in the document: the checker must see what the reader sees.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.domain.report.document import (
    DEMO_LABEL,
    DRAFT_LABEL,
    Chart,
    Paragraph,
    Report,
    Section,
    Table,
    header_grid,
)
from jixiao.domain.report.outline import run_in_paragraph, title_lines


class _Text:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables = 0
        self.figures = 0

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def block(self, block) -> None:
        if isinstance(block, Section):
            self.section(block)
        elif isinstance(block, Paragraph):
            self.lines.append(block.text)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)

    def section(self, section: Section) -> None:
        children = section.children
        if section.run_in:
            self.lines.append(run_in_paragraph(section).text)
            children = children[1:]
        else:
            if section.level == 1:
                self.blank()
            self.lines.append(section.heading)
        for child in children:
            self.block(child)

    def table(self, table: Table, caption: str | None = None) -> None:
        if caption is None:
            if table.numbered and table.caption:
                self.tables += 1
                caption = f"表{table.number or self.tables}　{table.caption}"
            else:
                caption = table.caption
        self.blank()
        if caption:
            self.lines.append(caption)
        if table.unit:
            self.lines.append(table.unit)
        grid = header_grid(table.header_rows, table.caption)
        for r, slots in enumerate(grid):
            cells = []
            for start in slots:
                cells.append("" if start is None else table.header_rows[start[0]][start[1]].text)
            del r
            self.lines.append(_row(cells))
        spans = [table.merged_spans(c) for c in range(table.column_count)]
        for r, row in enumerate(table.body_rows):
            # a cell merged into the one above it prints empty, as the merged table reads
            self.lines.append(_row(cell if spans[c][r] else "" for c, cell in enumerate(row)))
        if table.note:
            self.lines.append(table.note)
        self.blank()

    def chart(self, chart: Chart) -> None:
        if chart.numbered:
            self.figures += 1
            caption = f"图{chart.number or self.figures}　{chart.title}"
        else:
            caption = chart.title
        self.table(chart.alt_table(), caption=caption)


def _row(cells) -> str:
    return "| " + " | ".join(cell.strip(" ") for cell in cells) + " |"


def draft_notice(report: Report) -> str:
    """The 草稿 notice printed under the title: what is missing, in one paragraph."""
    items = "；".join(f"{_circled(i)}{item}" for i, item in enumerate(report.draft, start=1))
    return f"【{DRAFT_LABEL}】本稿尚有{len(report.draft)}项未完成，不能作为正式报告报送：{items}。"


def _circled(number: int) -> str:
    return chr(0x245F + number) if 1 <= number <= 20 else f"({number})"


def render_txt(report: Report) -> str:
    text = _Text()
    text.lines.extend(title_lines(report.title))
    if report.subtitle:
        text.lines.append(report.subtitle)
    if report.demo:
        text.lines.append(f"【{DEMO_LABEL}】")
    if report.is_draft:
        text.lines.append(draft_notice(report))
    text.lines.append("")
    for section in report.sections:
        text.section(section)
    if report.annexes:
        text.blank()
        if len(report.annexes) == 1:
            text.lines.append(f"附件：{report.annexes[0].title}")
        else:
            for i, annex in enumerate(report.annexes, start=1):
                text.lines.append(f"{'附件：' if i == 1 else '　　　'}{i}．{annex.title}")
    if report.signature or report.date:
        text.blank()
        if report.signature:
            text.lines.append(report.signature)
        if report.date:
            text.lines.append(report.date_text)
    for i, annex in enumerate(report.annexes, start=1):
        text.blank()
        text.lines.append(f"附件{i}")
        text.lines.append(annex.title)
        for child in annex.children:
            text.block(child)
    while text.lines and text.lines[-1] == "":
        text.lines.pop()
    return "\n".join(text.lines) + "\n"


def write_txt(report: Report, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_txt(report), encoding="utf-8")
    return path
