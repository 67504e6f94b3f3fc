"""A ``Report`` as plain text, the input of the report checker.

Headings on their own lines with their numbers, paragraphs one per line, tables flattened into
``| a | b |`` rows with their caption and unit line, charts as their data rows. Figures are
copied exactly as they stand in the document: the checker must see what the reader sees.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.domain.report.document import DEMO_LABEL, Chart, Paragraph, Report, Section, Table, header_grid
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
                caption = f"表{self.tables}　{table.caption}"
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
        for row in table.body_rows:
            self.lines.append(_row(row))
        if table.note:
            self.lines.append(table.note)
        self.blank()

    def chart(self, chart: Chart) -> None:
        if chart.numbered:
            self.figures += 1
            caption = f"图{self.figures}　{chart.title}"
        else:
            caption = chart.title
        self.table(chart.alt_table(), caption=caption)


def _row(cells) -> str:
    return "| " + " | ".join(cell.strip(" ") for cell in cells) + " |"


def render_txt(report: Report) -> str:
    text = _Text()
    text.lines.extend(title_lines(report.title))
    if report.subtitle:
        text.lines.append(report.subtitle)
    if report.demo:
        text.lines.append(f"【{DEMO_LABEL}】")
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
