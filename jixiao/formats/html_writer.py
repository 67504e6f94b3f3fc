"""A ``Report`` as one standalone, print-friendly HTML page.

Everything is inline — CSS in a ``<style>`` element, charts as inline ``<svg>`` — and the page
refers to no outside resource at all: government intranets are offline. Tables carry
``<th scope>`` for screen readers; each chart is followed by its data as a table.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from jixiao.domain.report.document import (
    DEMO_LABEL,
    DRAFT_LABEL,
    Align,
    Annex,
    Chart,
    Paragraph,
    Report,
    Section,
    Table,
    header_grid,
)
from jixiao.domain.report.outline import run_in_paragraph, title_lines
from jixiao.formats import charts

CSS = """
:root { --accent: #1f4e79; --ink: #111; --rule: #444; }
* { box-sizing: border-box; }
html { background: #f3f3f3; }
body { margin: 0; color: var(--ink);
  font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16pt; line-height: 29pt; }
.page { background: #fff; max-width: 210mm; margin: 1.5em auto; padding: 37mm 26mm 35mm 28mm;
  box-shadow: 0 0 6px rgba(0,0,0,.15); }
.demo-label { margin: 0 0 1em; padding: .2em .6em; border: 1px solid #bf9000; color: #7f6000;
  font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; font-size: 12pt; line-height: 1.6;
  text-align: center; }
h1.title { margin: 0 0 29pt; font-family: "方正小标宋简体", "小标宋", "华文中宋", STZhongsong,
  "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 35pt; font-weight: normal; text-align: center; }
h1.title span { display: block; }
p.subtitle { text-align: center; font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; margin: -22pt 0 29pt; }
h2, h3, h4, h5 { font-size: 16pt; line-height: 29pt; font-weight: normal; margin: 0; text-indent: 2em; }
h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.lead-1 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; }
.lead-2 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; }
figure { margin: 1em 0; text-indent: 0; }
.table-block { margin: .8em 0 1em; }
table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.45; }
caption { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 16pt; line-height: 29pt;
  text-align: center; caption-side: top; }
caption .unit { display: block; font-family: inherit; font-size: 12pt; line-height: 1.6; text-align: right; }
.table-block > table caption .unit { font-family: "仿宋_GB2312", "仿宋", FangSong, serif; }
th, td { border: 1px solid var(--rule); padding: 2pt 4pt; vertical-align: middle; }
thead th { text-align: center; font-weight: bold; }
tbody th { text-align: left; font-weight: normal; }
.num { text-align: right; font-family: "Times New Roman", "Noto Serif CJK SC", serif; font-variant-numeric: tabular-nums; }
.center { text-align: center; }
tr.total th, tr.total td { font-weight: bold; }
tr.total th { text-align: center; }
.note { text-indent: 0; font-size: 12pt; line-height: 1.6; }
figure.chart svg * { stroke-linejoin: round; stroke-linecap: butt; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 160mm; margin: 0 auto; }
figure.chart figcaption { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; text-align: center; }
details.chart-data { font-size: 12pt; line-height: 1.5; }
details.chart-data summary { cursor: pointer; color: var(--accent); }
.annex-list p { text-indent: 2em; }
.draft-notice { border: 1px solid #000; padding: .3em .8em; margin: 0 0 1em; font-size: 12pt; line-height: 1.6; }
.draft-notice p { text-indent: 0; }
.signature { margin-top: 29pt; }
.signature p { text-align: right; text-indent: 0; }
section.annex { break-before: page; page-break-before: always; margin-top: 2em; }
.annex-mark { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; text-indent: 0; }
section.annex h2.annex-title { font-family: "方正小标宋简体", "小标宋", STZhongsong, "Noto Serif CJK SC", serif;
  font-size: 22pt; line-height: 35pt; text-align: center; text-indent: 0; margin: 29pt 0 14pt; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page landscape { size: A4 landscape; margin: 28mm 37mm 26mm 35mm; }
section.annex.landscape { page: landscape; }
@media print {
  html { background: none; }
  .page { margin: 0; padding: 0; box-shadow: none; max-width: none; }
  details.chart-data { display: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2, h3, h4, h5, caption { break-after: avoid; }
}
"""


class _Html:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.tables = 0
        self.figures = 0

    def add(self, text: str) -> None:
        self.parts.append(text)

    def block(self, block, depth: int) -> None:
        if isinstance(block, Section):
            self.section(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)

    def section(self, section: Section) -> None:
        tag = f"h{section.level + 1}"
        self.add(f'<section class="level-{section.level}">')
        children = section.children
        if section.run_in:
            paragraph = run_in_paragraph(section)
            lead, rest = paragraph.runs[0], Paragraph(runs=paragraph.runs[1:])
            self.add(
                f'<p><span class="lead-{section.level}" role="heading" aria-level="{section.level + 1}">'
                f"{escape(lead.text)}</span>{self._runs(rest)}</p>"
            )
            children = children[1:]
        else:
            self.add(f"<{tag}>{escape(section.heading)}</{tag}>")
        for child in children:
            self.block(child, section.level)
        self.add("</section>")

    @staticmethod
    def _runs(paragraph: Paragraph) -> str:
        out = []
        for run in paragraph.runs:
            if run.heading_level:
                out.append(f'<span class="lead-{run.heading_level}">{escape(run.text)}</span>')
            else:
                out.append(escape(run.text))
        return "".join(out)

    def paragraph(self, paragraph: Paragraph) -> None:
        self.add(f"<p>{self._runs(paragraph)}</p>")

    def table(self, table: Table, caption: str | None = None, *, wrap: bool = True) -> None:
        if caption is None:
            if table.numbered and table.caption:
                self.tables += 1
                caption = f"表{table.number or self.tables}　{table.caption}"
            else:
                caption = table.caption
        if wrap:
            self.add('<div class="table-block">')
        self.add("<table>")
        unit = f'<span class="unit">{escape(table.unit)}</span>' if table.unit else ""
        if caption or unit:
            self.add(f"<caption>{escape(caption)}{unit}</caption>")
        grid = header_grid(table.header_rows, table.caption)
        self.add("<thead>")
        for r, slots in enumerate(grid):
            cells = []
            for start in slots:
                if start is None:
                    continue
                cell = table.header_rows[start[0]][start[1]]
                spans = ""
                if cell.colspan > 1:
                    spans += f' colspan="{cell.colspan}"'
                if cell.rowspan > 1:
                    spans += f' rowspan="{cell.rowspan}"'
                scope = "colgroup" if cell.colspan > 1 else "col"
                cells.append(f'<th scope="{scope}"{spans}>{escape(cell.text)}</th>')
            del r
            self.add("<tr>" + "".join(cells) + "</tr>")
        self.add("</thead><tbody>")
        last = len(table.body_rows) - 1
        spans = [table.merged_spans(c) for c in range(table.column_count)]
        for i, row in enumerate(table.body_rows):
            total = table.total_row and i == last
            cells = []
            for c, text in enumerate(row):
                if spans[c][i] == 0:
                    continue  # covered by the merged category cell above
                css = _CSS_ALIGN[table.alignment(c)]
                attr = f' class="{css}"' if css else ""
                if spans[c][i] > 1:
                    attr += f' rowspan="{spans[c][i]}"'
                if c == 0:
                    cells.append(f'<th scope="row"{attr}>{escape(text)}</th>')
                else:
                    cells.append(f"<td{attr}>{escape(text)}</td>")
            row_attr = ' class="total"' if total else ""
            self.add(f"<tr{row_attr}>" + "".join(cells) + "</tr>")
        self.add("</tbody></table>")
        if table.note:
            self.add(f'<p class="note">{escape(table.note)}</p>')
        if wrap:
            self.add("</div>")

    def chart(self, chart: Chart) -> None:
        if chart.numbered:
            self.figures += 1
            number = chart.number or self.figures
            caption = f"图{number}　{chart.title}"
            element_id = f"chart-{number}"
        else:
            caption = chart.title
            element_id = ""
        self.add('<figure class="chart">')
        self.add(charts.svg_element(chart, element_id))
        self.add(f"<figcaption>{escape(caption)}</figcaption>")
        self.add('<details class="chart-data"><summary>图表数据</summary>')
        self.table(chart.alt_table(), caption=f"{caption}（数据）", wrap=False)
        self.add("</details>")
        if chart.note:
            self.add(f'<p class="note">{escape(chart.note)}</p>')
        self.add("</figure>")

    def annex(self, index: int, annex: Annex) -> None:
        landscape = " landscape" if annex.is_landscape else ""
        self.add(f'<section class="annex{landscape}" id="annex-{index}">')
        self.add(f'<p class="annex-mark">附件{index}</p>')
        self.add(f'<h2 class="annex-title">{escape(annex.title)}</h2>')
        for child in annex.children:
            self.block(child, 1)
        self.add("</section>")


_CSS_ALIGN = {Align.LEFT: "", Align.CENTER: "center", Align.RIGHT: "num"}


def render_html(report: Report) -> str:
    html = _Html()
    title = report.title.replace("\n", "")
    html.add("<!DOCTYPE html>")
    html.add('<html lang="zh-CN"><head><meta charset="utf-8">')
    html.add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    labels = "".join(
        f"（{label}）" for label, on in ((DEMO_LABEL, report.demo), (DRAFT_LABEL, report.is_draft)) if on
    )
    html.add(f"<title>{escape(title)}{labels}</title>")
    html.add(f"<style>{CSS}</style></head><body>")
    html.add('<main class="page">')
    if report.demo:
        html.add(f'<p class="demo-label" role="note">{DEMO_LABEL}：本报告由演示数据生成，不是正式报告。</p>')
    html.add(
        '<h1 class="title">'
        + "".join(f"<span>{escape(line)}</span>" for line in title_lines(report.title))
        + "</h1>"
    )
    if report.subtitle:
        html.add(f'<p class="subtitle">{escape(report.subtitle)}</p>')
    if report.is_draft:
        html.add('<section class="draft-notice" role="note">')
        html.add(
            f"<p><strong>【{DRAFT_LABEL}】</strong>本稿尚有{len(report.draft)}项未完成，不能作为正式报告报送：</p><ol>"
        )
        html.add("".join(f"<li>{escape(item)}</li>" for item in report.draft) + "</ol></section>")
    for section in report.sections:
        html.section(section)
    if report.annexes:
        html.add('<div class="annex-list"><p>&nbsp;</p>')
        for i, annex in enumerate(report.annexes, start=1):
            lead = "附件：" if i == 1 else "　　　"
            number = "" if len(report.annexes) == 1 else f"{i}．"
            html.add(f'<p><a href="#annex-{i}">{lead}{number}{escape(annex.title)}</a></p>')
        html.add("</div>")
    if report.signature or report.date:
        html.add('<div class="signature">')
        if report.signature:
            html.add(f"<p>{escape(report.signature)}</p>")
        if report.date:
            html.add(f"<p>{escape(report.date_text)}</p>")
        html.add("</div>")
    for i, annex in enumerate(report.annexes, start=1):
        html.annex(i, annex)
    html.add("</main></body></html>")
    return "\n".join(html.parts) + "\n"


def write_html(report: Report, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path
