"""The 双监控 table (绩效运行监控表) written to .xlsx and .docx.

``MonitoringTable.from_report`` turns a domain ``MonitoringReport`` into rows of text exactly as the
dashboard shows them (rates with one decimal, amounts in 万元 with two); the writers only lay them
out. Word runs carry ``w:eastAsia`` fonts so Chinese text is not left to the Latin font, and charts
arrive as ``Chart`` data and are drawn to PNG by the same code the web uses (SVG).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.money import percent_text, round_half_up, to_wan
from jixiao.domain.monitoring import MonitoringReport

FONT_CJK = "宋体"
FONT_HEADING = "黑体"

INDICATOR_HEADER = ("三级指标", "年度目标", "实际完成", "完成率", "应完成进度", "应完成值", "状态")
BUDGET_HEADER = (
    "预算项目",
    "预算数（万元）",
    "已支出（万元）",
    "执行率",
    "序时进度",
    "差距（百分点）",
    "状态",
)
WARNING_HEADER = ("预警类型", "对象", "预警内容", "偏差原因", "纠偏措施")


def _number(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "—"
    text = format(round_half_up(Decimal(value), places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _wan(value: Decimal) -> str:
    return f"{to_wan(value):,.2f}"


@dataclass(frozen=True, slots=True)
class MonitoringTable:
    title: str
    subtitle: str
    indicators: tuple[tuple[str, ...], ...]
    budgets: tuple[tuple[str, ...], ...]
    warnings: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_report(
        cls,
        report: MonitoringReport,
        *,
        department: str,
        responses: Mapping[str, tuple[str, str]] | None = None,
        actual_texts: Mapping[str, str] | None = None,
    ) -> MonitoringTable:
        responses = responses or {}
        actual_texts = actual_texts or {}
        when = f"{report.as_of.year}年{report.as_of.month}月{report.as_of.day}日"
        indicators = []
        for item in report.indicators:
            unit = item.target.base()[1] if item.target else ""
            actual = actual_texts.get(item.indicator)
            if actual is None:
                actual = "—" if item.actual is None else f"{_number(item.actual)}{unit}"
            indicators.append(
                (
                    item.indicator,
                    item.target.text() if item.target else "—",
                    actual,
                    percent_text(item.completion, 1) if item.completion is not None else "—",
                    percent_text(item.expected_share, 1) if item.expected_share is not None else "—",
                    f"{_number(item.expected)}{unit}" if item.expected is not None else "—",
                    item.status.value,
                )
            )
        budgets = tuple(
            (
                row.name,
                _wan(row.budget),
                _wan(row.executed),
                percent_text(row.rate, 1) if row.rate is not None else "—",
                percent_text(row.time_progress, 1),
                _number(row.gap_points, 1) if row.gap_points is not None else "—",
                "预警" if row.behind else "正常",
            )
            for row in report.budgets
        )
        warnings = tuple(
            (warning.kind.value, warning.subject, warning.message, *responses.get(warning.key, ("", "")))
            for warning in report.warnings
        )
        return cls(
            title=f"{department}{report.year}年度绩效运行监控表（双监控）",
            subtitle=f"监控日期：{when}　序时进度：{percent_text(report.time_progress, 1)}",
            indicators=tuple(indicators),
            budgets=budgets,
            warnings=warnings,
            notes=(
                "预算执行数取自预算账簿截至监控日期的记录；指标实际完成数取自履职活动记录。",
                "带“余、多、近、约”的数量按所述数值累计，合计为约数。",
            ),
        )


def _sections(table: MonitoringTable) -> Iterable[tuple[str, Sequence[str], Sequence[Sequence[str]]]]:
    yield "一、绩效目标完成情况", INDICATOR_HEADER, table.indicators
    yield "二、预算执行情况", BUDGET_HEADER, table.budgets
    yield "三、预警及纠偏", WARNING_HEADER, table.warnings or (("无预警", "", "", "", ""),)


def write_xlsx(table: MonitoringTable) -> bytes:
    from jixiao.formats import spreadsheet_out as xlsx
    from jixiao.formats.spreadsheet_out import Alignment, Border, Font, PatternFill, Side, get_column_letter

    workbook = xlsx.new_workbook()
    sheet = xlsx.add_sheet(workbook, "双监控")
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    xlsx.append(sheet, [xlsx.make_cell(sheet, table.title, font=Font(name=FONT_HEADING, size=14, bold=True))])
    xlsx.append(sheet, [table.subtitle])
    widths = [0] * 7
    header_style = {
        "font": Font(name=FONT_CJK, bold=True),
        "fill": PatternFill("solid", fgColor="EEF2F6"),
        "border": border,
    }
    body_style = {
        "font": Font(name=FONT_CJK),
        "alignment": Alignment(wrap_text=True, vertical="top"),
        "border": border,
    }
    for heading, header, rows in _sections(table):
        xlsx.append(sheet, [])
        xlsx.append(sheet, [xlsx.make_cell(sheet, heading, font=Font(name=FONT_HEADING, bold=True))])
        xlsx.append(sheet, [xlsx.make_cell(sheet, text, **header_style) for text in header])
        for row in rows:
            xlsx.append(sheet, [xlsx.make_cell(sheet, value, **body_style) for value in row])
            for column, value in enumerate(row, start=1):
                widths[column - 1] = max(widths[column - 1], min(len(str(value)), 40))
    xlsx.append(sheet, [])
    for note in table.notes:
        xlsx.append(sheet, [f"注：{note}"])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, width * 1.8)
    return xlsx.save(workbook)


def _run(paragraph, text: str, *, font: str = FONT_CJK, bold: bool = False, size: float | None = None):
    from docx.shared import Pt

    from jixiao.formats.docx_writer import set_fonts

    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    set_fonts(run._element, font)
    return run


def write_docx(table: MonitoringTable, *, charts: Sequence = ()) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from jixiao.formats.charts import chart_png

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, table.title, font=FONT_HEADING, bold=True, size=16)
    _run(document.add_paragraph(), table.subtitle)
    for heading, header, rows in _sections(table):
        _run(document.add_paragraph(), heading, font=FONT_HEADING, bold=True, size=12)
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            _run(cell.paragraphs[0], text, bold=True, size=9)
        for row in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                _run(cell.paragraphs[0], str(text), size=9)
    for chart in charts:
        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.add_run().add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
        _run(document.add_paragraph(), f"图：{chart.title}", size=10)
    for note in table.notes:
        _run(document.add_paragraph(), f"注：{note}", size=9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
