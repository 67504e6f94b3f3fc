"""报废处理清单 (.xlsx and .docx) and plain table exports (.xlsx). Django-free.

The callers pass plain values (text, dates, Decimal 元); nothing here reads a database.
Word output follows 公文 habits: 仿宋_GB2312 body, 小标宋-like bold title, with the East-Asian
font set explicitly (w:eastAsia), because Word otherwise falls back to a Latin font for 中文.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.formats import spreadsheet_out as xlsx
from jixiao.formats.spreadsheet_out import Alignment, Border, Font, Side, get_column_letter

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
MONEY_FORMAT = "#,##0.00"
THIN = Side(style="thin", color="999999")


@dataclass(frozen=True)
class DisposalRow:
    number: str
    name: str
    category: str
    spec: str
    acquired_on: dt.date
    original_value: Decimal
    custodian: str
    location: str


@dataclass(frozen=True)
class DisposalSheet:
    department: str
    number: str  # 申请编号
    method: str  # 报废 / 调拨 / 出售
    reason: str
    counterparty: str
    requested_on: dt.date
    requested_by: str
    head_approval: str  # "王主席 2023-11-20"
    bureau_approval: str  # "" when not needed
    completed_on: dt.date | None
    rows: Sequence[DisposalRow] = field(default_factory=list)
    is_demo: bool = False

    @property
    def title(self) -> str:
        return f"{self.department}固定资产{self.method}处理清单"

    @property
    def total(self) -> Decimal:
        return sum((r.original_value for r in self.rows), Decimal("0.00"))


HEADERS = [
    "序号",
    "资产编号",
    "资产名称",
    "资产分类",
    "规格型号",
    "取得日期",
    "原值（元）",
    "使用股室/保管人",
    "存放地点",
]


# ---------------------------------------------------------------- xlsx


def table_xlsx(
    *,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence],
    money_columns: Sequence[int] = (),
    totals: Sequence | None = None,
    notes: Sequence[str] = (),
    widths: Sequence[int] | None = None,
) -> bytes:
    """One sheet: a title row, a frozen bold header, the rows, a bold 合计 row, then notes."""
    wb = xlsx.new_workbook()
    ws = xlsx.add_sheet(wb, title)
    xlsx.set_cell(ws, 1, 1, title, font=Font(bold=True, size=14), alignment=Alignment(horizontal="center"))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    for col, header in enumerate(headers, start=1):
        xlsx.set_cell(
            ws,
            2,
            col,
            header,
            font=Font(bold=True),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            border=Border(bottom=THIN, top=THIN),
        )
    ws.freeze_panes = "A3"
    r = 2
    for r, row in enumerate(rows, start=3):
        for col, value in enumerate(row, start=1):
            if col - 1 in money_columns:
                number_format = MONEY_FORMAT
            elif isinstance(value, dt.date):
                number_format = "yyyy-mm-dd"
            else:
                number_format = None
            xlsx.set_cell(ws, r, col, value, number_format=number_format)
    if totals is not None:
        r += 1
        for col, value in enumerate(totals, start=1):
            xlsx.set_cell(
                ws,
                r,
                col,
                value,
                font=Font(bold=True),
                border=Border(top=THIN),
                number_format=MONEY_FORMAT if col - 1 in money_columns else None,
            )
    for note in notes:
        r += 1
        xlsx.set_cell(ws, r, 1, note)
    for col in range(1, len(headers) + 1):
        width = widths[col - 1] if widths else max(10, len(str(headers[col - 1])) * 2 + 2)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.print_title_rows = "2:2"
    return xlsx.save(wb)


def _rows(sheet: DisposalSheet) -> list[list]:
    return [
        [i, r.number, r.name, r.category, r.spec, r.acquired_on, r.original_value, r.custodian, r.location]
        for i, r in enumerate(sheet.rows, start=1)
    ]


def _footer(sheet: DisposalSheet) -> list[str]:
    lines = [
        f"处置方式：{sheet.method}" + (f"（{sheet.counterparty}）" if sheet.counterparty else ""),
        f"处置理由：{sheet.reason}",
        f"申请：{sheet.requested_by} {sheet.requested_on:%Y-%m-%d}（申请编号{sheet.number}）",
        f"部门负责人审批：{sheet.head_approval}",
    ]
    if sheet.bureau_approval:
        lines.append(f"财政局审批：{sheet.bureau_approval}")
    if sheet.completed_on:
        lines.append(f"处置完成日期：{sheet.completed_on:%Y-%m-%d}")
    if sheet.is_demo:
        lines.append("（演示数据）")
    return lines


def disposal_xlsx(sheet: DisposalSheet) -> bytes:
    return table_xlsx(
        title=sheet.title,
        headers=HEADERS,
        rows=_rows(sheet),
        money_columns=(6,),
        totals=["合计", f"{len(sheet.rows)}项", "", "", "", "", sheet.total, "", ""],
        notes=_footer(sheet),
        widths=[6, 16, 22, 18, 16, 12, 14, 20, 16],
    )


# ---------------------------------------------------------------- docx


def _font(run, name: str = BODY_FONT, size: float = 12, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), name)


def _paragraph(
    doc, text: str, *, size: float = 12, bold: bool = False, center: bool = False, font: str = BODY_FONT
):
    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), font, size, bold)
    return p


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def disposal_docx(sheet: DisposalSheet) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _paragraph(doc, sheet.title, size=18, bold=True, center=True, font=TITLE_FONT)
    _paragraph(doc, f"申请编号：{sheet.number}　　单位：元", size=12, center=True)
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(header), size=10.5, bold=True)
    for row in _rows(sheet):
        cells = table.add_row().cells
        for col, value in enumerate(row):
            text = (
                value.strftime("%Y-%m-%d")
                if isinstance(value, dt.date)
                else (_money(value) if isinstance(value, Decimal) else str(value))
            )
            para = cells[col].paragraphs[0]
            if col == 6:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(para.add_run(text), size=10.5)
    total = table.add_row().cells
    _font(total[0].paragraphs[0].add_run("合计"), size=10.5, bold=True)
    _font(total[1].paragraphs[0].add_run(f"{len(sheet.rows)}项"), size=10.5, bold=True)
    total[6].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(total[6].paragraphs[0].add_run(_money(sheet.total)), size=10.5, bold=True)
    # Repeat the header row on every printed page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header_flag = tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    tr_pr.append(header_flag)
    for line in _footer(sheet):
        _paragraph(doc, line, size=14)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
