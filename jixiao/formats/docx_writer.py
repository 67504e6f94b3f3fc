"""A ``Report`` as a Word document in GB/T 9704 公文格式 (see docs/gongwen.md §9).

- A4, margins 37/35/28/26 mm, 版心 156 × 225 mm; document grid 22 lines × 28 characters and an
  exact 29 pt line, so a page holds what a 公文 page holds.
- Title 方正小标宋简体 二号; body 仿宋_GB2312 三号, first line indented two characters, justified;
  一级标题 黑体, 二级 楷体_GB2312, 三级/四级 仿宋_GB2312, all 三号 and not bold.
- Chinese fonts are written as ``w:eastAsia`` on every style and every run: python-docx's
  ``font.name`` sets only the Latin slots, which Chinese text ignores. Latin letters and digits
  are Times New Roman.
- Page numbers "— N —" (a PAGE field) in 宋体 四号: odd pages right, even pages left, one
  character in (奇偶页不同).
- Tables in 仿宋 小四 with the header row repeated on each page; numbers right-aligned; the unit
  line (单位：万元) right-aligned above, the caption centred above that.
- 附件 after the 落款, each on a new page ("附件1" 黑体 flush left on line 1, title centred on
  line 3); annexes with wide tables get a landscape section.
"""

from __future__ import annotations

import io
import math
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

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

# -- the parameter set (gongwen.md §9) -------------------------------------------------------

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
FOOTER_DISTANCE_MM = 24  # puts the 一字线 about 7 mm below the 版心
HEADER_DISTANCE_MM = 20
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号
TABLE_PT = 12  # 小四
TABLE_CHAR_MM = TABLE_PT * 25.4 / 72  # one CJK character of 小四
TALL_ROW_LINES = 4  # rows wrapping to more lines than this may break across pages
CELL_PADDING_MM = 4.2  # left and right cell margins (0.19 cm each) and a little air
# Cells that must not wrap: amounts, rates, counts, dates (e.g. 167.62, 98.4%, 2023-04-10).
_UNBREAKABLE = re.compile(r"[-+−]?[\d.,:/%％—-]{1,14}")
# A target or actual value ("≥20000人次", "≤150元/人"): its sign and digits stay on one line, the unit may wrap.
_NUMBER_HEAD = re.compile(r"[≥≤＞＜><=]?[-+−]?\d[\d.,%％]{1,13}")
LINE_TWIPS = 580  # exact 29 pt: 22 lines fill the 225 mm 版心
TITLE_LINE_TWIPS = 700  # exact 35 pt for the 二号 title

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEI = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"
FONT_LATIN = "Times New Roman"
HEADING_FONTS = {1: FONT_HEI, 2: FONT_KAI, 3: FONT_BODY, 4: FONT_BODY}

EM_DASH = "\u2014"
CHART_WIDTH_MM = 150

_MM_PER_PT = 25.4 / 72


def _twips_per_mm(mm: float) -> int:
    return round(mm / _MM_PER_PT * 20)


def grid_line_pitch() -> int:
    """docGrid linePitch in twips: the 225 mm 版心 divided into 22 lines."""
    return round(_twips_per_mm(PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) / LINES_PER_PAGE)


def char_condense_twentieths() -> int:
    """Character spacing (w:spacing, in 1/20 pt) that makes 28 三号 characters fit the 156 mm line.

    28 characters in 156 mm is a pitch of 15.79 pt, a little less than the 16 pt glyph, so the
    characters are condensed by 0.25 pt (Word: 字符间距 紧缩 0.25 磅). A "linesAndChars" grid would
    say the same to Word, but LibreOffice gives every 16 pt character two 15.79 pt grid cells
    (14 characters a line), so the grid here is "lines" only and the width comes from condensing.
    """
    pitch_pt = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / _MM_PER_PT / CHARS_PER_LINE
    return math.floor((pitch_pt - BODY_PT) * 20)


# -- low-level helpers ------------------------------------------------------------------------

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _child(parent, tag: str, order: list[str]):
    """Find or create ``w:<tag>`` under parent, inserted where the OOXML schema wants it
    (Word refuses files whose property elements are out of order)."""
    existing = parent.find(qn(f"w:{tag}"))
    if existing is not None:
        return existing
    element = OxmlElement(f"w:{tag}")
    later = set(order[order.index(tag) + 1 :])
    for index, sibling in enumerate(parent):
        local = sibling.tag.rsplit("}", 1)[-1]
        if local in later:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _rpr(owner):
    if hasattr(owner, "get_or_add_rPr"):
        return owner.get_or_add_rPr()
    rpr = owner.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        owner.append(rpr)
    return rpr


def set_fonts(rpr_owner, east_asia: str, latin: str = FONT_LATIN) -> None:
    """Write w:rFonts with eastAsia (Chinese) and ascii/hAnsi (Latin, digits) on a style or run
    element; theme font attributes, which would win over them, are removed."""
    rpr = _rpr(rpr_owner)
    fonts = _child(rpr, "rFonts", _RPR_ORDER)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_size(rpr_owner, points: float) -> None:
    rpr = _rpr(rpr_owner)
    half_points = str(round(points * 2))
    for tag in ("sz", "szCs"):
        _child(rpr, tag, _RPR_ORDER).set(qn("w:val"), half_points)


def _set_char_spacing(rpr_owner, twentieths: int) -> None:
    rpr = _rpr(rpr_owner)
    _child(rpr, "spacing", _RPR_ORDER).set(qn("w:val"), str(twentieths))


def _exact_spacing(paragraph_format, twips: int) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Emu(twips * 635)
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def _first_line_chars(ppr, chars: int) -> None:
    """First-line indent of ``chars`` 三号 characters, in twips only: *Chars attributes would be
    inherited by every style and paragraph and override their own twips indents in Word."""
    ind = _child(ppr, "ind", _PPR_ORDER)
    ind.set(qn("w:firstLine"), str(chars * BODY_PT * 20))


def _no_snap(ppr) -> None:
    _child(ppr, "snapToGrid", _PPR_ORDER).set(qn("w:val"), "0")


def _reset_style(style) -> None:
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = element.find(qn(tag))
        if old is not None:
            element.remove(old)


def _text_width(text: str) -> float:
    """Width of text in 三号 characters: CJK and full-width count 1, ASCII half, and each switch
    between the two a quarter (the automatic 中西文间距 Word and LibreOffice insert)."""
    width = 0.0
    previous = None
    for ch in text:
        narrow = ord(ch) < 0x2E80
        width += 0.5 if narrow else 1.0
        if previous is not None and narrow != previous and not ch.isspace():
            width += 0.25
        previous = narrow
    return width


# -- styles -----------------------------------------------------------------------------------


def _paragraph_style(document, style_id: str, name: str):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    return style


def _setup_styles(document) -> None:
    styles = document.styles
    # document defaults: every piece of text starts as 仿宋_GB2312 / Times New Roman 三号
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    set_fonts(rpr_default, FONT_BODY)
    _set_size(rpr_default, BODY_PT)
    rpr = rpr_default.find(qn("w:rPr"))
    lang = _child(rpr, "lang", _RPR_ORDER)
    lang.set(qn("w:eastAsia"), "zh-CN")

    normal = styles["Normal"]
    _reset_style(normal)
    set_fonts(normal.element, FONT_BODY)
    _set_size(normal.element, BODY_PT)
    _set_char_spacing(normal.element, char_condense_twentieths())
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _exact_spacing(fmt, LINE_TWIPS)
    fmt.widow_control = False
    _first_line_chars(normal.element.get_or_add_pPr(), 2)

    for level, font in HEADING_FONTS.items():
        style = styles[f"Heading {level}"]
        _reset_style(style)
        style.base_style = normal
        set_fonts(style.element, font)
        _set_size(style.element, BODY_PT)
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _exact_spacing(fmt, LINE_TWIPS)
        fmt.keep_with_next = True
        fmt.widow_control = False
        ppr = style.element.get_or_add_pPr()
        _first_line_chars(ppr, 2)
        _child(ppr, "outlineLvl", _PPR_ORDER).set(qn("w:val"), str(level - 1))

    title = _paragraph_style(document, "GwTitle", "公文标题")
    set_fonts(title.element, FONT_TITLE)
    _set_size(title.element, TITLE_PT)
    title.font.bold = False
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    _exact_spacing(title.paragraph_format, TITLE_LINE_TWIPS)
    title.paragraph_format.keep_with_next = True
    _set_char_spacing(title.element, 0)
    _no_snap(title.element.get_or_add_pPr())

    subtitle = _paragraph_style(document, "GwSubtitle", "公文副标题")
    set_fonts(subtitle.element, FONT_KAI)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.first_line_indent = Pt(0)
    subtitle.paragraph_format.keep_with_next = True

    caption = _paragraph_style(document, "GwCaption", "表题图题")
    set_fonts(caption.element, FONT_HEI)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)

    unit = _paragraph_style(document, "GwUnit", "单位行")
    set_fonts(unit.element, FONT_BODY)
    _set_size(unit.element, TABLE_PT)
    unit.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    unit.paragraph_format.first_line_indent = Pt(0)
    unit.paragraph_format.keep_with_next = True
    _exact_spacing(unit.paragraph_format, 400)
    _no_snap(unit.element.get_or_add_pPr())

    cell = _paragraph_style(document, "GwTableText", "表格文字")
    set_fonts(cell.element, FONT_BODY)
    _set_size(cell.element, TABLE_PT)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    cell.paragraph_format.first_line_indent = Pt(0)
    cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cell.paragraph_format.space_before = Pt(0)
    cell.paragraph_format.space_after = Pt(0)
    _no_snap(cell.element.get_or_add_pPr())

    note = _paragraph_style(document, "GwNote", "表注")
    set_fonts(note.element, FONT_BODY)
    _set_size(note.element, TABLE_PT)
    note.paragraph_format.first_line_indent = Pt(0)
    _exact_spacing(note.paragraph_format, 400)
    _no_snap(note.element.get_or_add_pPr())

    figure = _paragraph_style(document, "GwFigure", "图")
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.first_line_indent = Pt(0)
    figure.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    figure.paragraph_format.keep_with_next = True
    _no_snap(figure.element.get_or_add_pPr())

    mark = _paragraph_style(document, "GwAnnexMark", "附件标识")
    set_fonts(mark.element, FONT_HEI)
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    mark.paragraph_format.first_line_indent = Pt(0)
    mark.paragraph_format.keep_with_next = True

    # its own style with no first-line indent: an inherited firstLine plus a paragraph's hanging
    # indent is read differently by Word and LibreOffice
    annex_list = _paragraph_style(document, "GwAnnexList", "附件说明")
    annex_list.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    annex_list.paragraph_format.first_line_indent = Pt(0)

    signature = _paragraph_style(document, "GwSignature", "落款")
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.keep_with_next = True

    page_number = _paragraph_style(document, "GwPageNumber", "页码")
    set_fonts(page_number.element, FONT_SONG, latin=FONT_SONG)
    _set_size(page_number.element, PAGE_NUMBER_PT)
    page_number.paragraph_format.first_line_indent = Pt(0)
    page_number.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _no_snap(page_number.element.get_or_add_pPr())

    # the 0.25 pt condensing is for 三号 body lines only; small text keeps its natural spacing
    for style in (unit, cell, note, page_number):
        _set_char_spacing(style.element, 0)

    notice = _paragraph_style(document, "GwDraftNotice", "草稿说明")
    set_fonts(notice.element, FONT_BODY)
    _set_size(notice.element, TABLE_PT)
    notice.paragraph_format.first_line_indent = Pt(0)
    notice.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    notice.paragraph_format.keep_with_next = True
    _no_snap(notice.element.get_or_add_pPr())
    _set_char_spacing(notice.element, 0)

    header = _paragraph_style(document, "GwHeaderLabel", "演示标识")
    set_fonts(header.element, FONT_KAI)
    _set_size(header.element, TABLE_PT)
    header.font.color.rgb = RGBColor(0x7F, 0x7F, 0x7F)
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.paragraph_format.first_line_indent = Pt(0)
    header.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _no_snap(header.element.get_or_add_pPr())
    _set_char_spacing(header.element, 0)


# -- page setup -------------------------------------------------------------------------------


def _set_grid(section) -> None:
    """22 lines a page (linePitch = 225 mm / 22); the 28 characters come from condensing."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(grid_line_pitch()))


def _portrait(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(HEADER_DISTANCE_MM), Mm(FOOTER_DISTANCE_MM)
    section.gutter = Mm(0)
    _set_grid(section)


def _landscape(section) -> None:
    # the table head sits on the 订口 (binding) side, §8: the portrait left margin becomes the top
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_BOTTOM_MM), Mm(MARGIN_TOP_MM)
    section.header_distance, section.footer_distance = Mm(12), Mm(12)
    _set_grid(section)


def _text_width_mm(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 36000


def _field_runs(paragraph, instruction: str, placeholder: str) -> None:
    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _page_number(footer, *, odd: bool) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    _apply_style(paragraph, "页码")
    fmt = paragraph.paragraph_format
    if odd:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(BODY_PT)
    else:
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = Pt(BODY_PT)
    paragraph.add_run(f"{EM_DASH} ")
    _field_runs(paragraph, "PAGE", "1")
    paragraph.add_run(f" {EM_DASH}")
    for run in paragraph.runs:
        set_fonts(run._r, FONT_SONG, latin=FONT_SONG)
        _set_size(run._r, PAGE_NUMBER_PT)


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_EMU_PER_MM = 36000
ONE_CHARACTER_MM = 5.6  # one 三号 character: the "一字" of §7.5 (gongwen.md §6)
PAGE_NUMBER_GAP_MM = 7  # the 一字线 sits 7 mm outside the 版心
PAGE_NUMBER_BOX = (6.0, 40.0)  # the rotated number's box, across × along the page edge (mm)


def _page_number_box_xml(*, odd: bool, shape_id: int) -> str:
    """The page number of a landscape page, where GB/T 9704 §8 puts it: in the same physical
    place as on the portrait pages. The table head faces the binding edge, so the page's left edge
    is the portrait page's bottom: the number stands there, turned a quarter clockwise, 7 mm outside
    the 版心 — at the bottom on an odd page (portrait: right), at the top on an even one (left),
    one character in from the end of the 版心."""
    across, along = PAGE_NUMBER_BOX
    x = MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - across
    if odd:
        y = PAGE_WIDTH_MM - MARGIN_RIGHT_MM - ONE_CHARACTER_MM - along
        align = "right"  # with the text turned, "right" is the end of the line: its bottom
    else:
        y = MARGIN_LEFT_MM + ONE_CHARACTER_MM
        align = "left"
    emu = lambda mm: round(mm * _EMU_PER_MM)  # noqa: E731
    run = _run_xml(f"{EM_DASH} ", FONT_SONG, size=PAGE_NUMBER_PT, latin=FONT_SONG)
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _run_xml("1", FONT_SONG, size=PAGE_NUMBER_PT, latin=FONT_SONG)
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    tail = _run_xml(f" {EM_DASH}", FONT_SONG, size=PAGE_NUMBER_PT, latin=FONT_SONG)
    paragraph = (
        f'<w:p><w:pPr><w:pStyle w:val="GwPageNumber"/><w:jc w:val="{align}"/></w:pPr>{run}{field}{tail}</w:p>'
    )
    return (
        f'<w:r {nsdecls("w")} xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:wps="{_WPS}"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
        'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{emu(x)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{emu(y)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{emu(across)}" cy="{emu(along)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="页码{shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu(across)}" cy="{emu(along)}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{paragraph}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr">'
        "<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


def _landscape_page_numbers(section) -> None:
    for footer, odd, shape_id in ((section.footer, True, 9001), (section.even_page_footer, False, 9002)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        _apply_style(paragraph, "页码")
        paragraph._p.append(parse_xml(_page_number_box_xml(odd=odd, shape_id=shape_id)))


def _portrait_page_numbers(section) -> None:
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        _page_number(footer, odd=odd)


def _header_label(header, label: str) -> None:
    """The label every page carries in its header: 演示数据, 草稿, or both."""
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    _apply_style(paragraph, "演示标识")
    run = paragraph.add_run(label)
    set_fonts(run._r, FONT_KAI)


def _draft_border(ppr, *, first: bool, last: bool) -> None:
    """A single-line box around the 草稿 notice (one box over its paragraphs)."""
    borders = _child(ppr, "pBdr", _PPR_ORDER)
    sides = ["left", "right"] + (["top"] if first else []) + (["bottom"] if last else [])
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), "6")
            edge.set(qn("w:space"), "4")
            edge.set(qn("w:color"), "000000")
            borders.append(edge)


# -- the writer -------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _template(demo: bool, draft: bool = False) -> bytes:
    """The empty 公文 document — styles, page setup, page numbers, demo header — built once per
    process and reused: setting up the styles costs more than writing a short report."""
    document = Document()
    _setup_styles(document)
    # the default template carries one empty paragraph; start clean
    for paragraph in list(document.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    section = document.sections[0]
    _portrait(section)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, odd=True)
    _page_number(section.even_page_footer, odd=False)
    label = "　".join(text for text, on in ((DEMO_LABEL, demo), (DRAFT_LABEL, draft)) if on)
    if label:
        _header_label(section.header, label)
        _header_label(section.even_page_header, label)
    _drop_unused_table_styles(document, used={"TableGrid"})
    _drop_styles_with_effects(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _drop_unused_table_styles(document, *, used: set[str]) -> None:
    """python-docx's default template defines a hundred table styles (Light Grid Accent 1 …),
    three quarters of styles.xml, which every report would parse and write again; Word keeps its
    built-in table styles anyway, so only the ones used (and what they are based on) stay."""
    styles = document.styles.element
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    keep = set()
    for style_id in used:
        while style_id and style_id not in keep:
            keep.add(style_id)
            based_on = by_id[style_id].find(qn("w:basedOn"))
            style_id = based_on.get(qn("w:val")) if based_on is not None else None
    for style_id, style in by_id.items():
        if style.get(qn("w:type")) == "table" and style_id not in keep and style.get(qn("w:default")) != "1":
            styles.remove(style)


def _drop_styles_with_effects(document) -> None:
    """stylesWithEffects.xml (440 KB) is a copy of the styles for Word 2010 only; Word 2013 and
    later neither write nor need it, and Word 2010 reads styles.xml without it."""
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel.rId)


class _Writer:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.document = Document(io.BytesIO(_template(report.demo, report.is_draft)))
        self.tables = 0
        self.figures = 0
        self.landscape = False

    # entry point
    def build(self):
        document = self.document
        self._properties()
        self._title()
        if self.report.is_draft:
            self._draft_notice()
        for section_ in self.report.sections:
            self._section(section_)
        self._annex_list()
        self._signature()
        for index, annex in enumerate(self.report.annexes, start=1):
            self._annex(index, annex)
        return document

    def _properties(self) -> None:
        props = self.document.core_properties
        props.title = self.report.title.replace("\n", "")
        props.author = self.report.department
        props.subject = f"{self.report.year}年度"
        props.keywords = DEMO_LABEL if self.report.demo else ""
        props.comments = "jixiao 生成"
        when = self.report.date
        stamp = datetime(when.year, when.month, when.day) if when else datetime(self.report.year + 1, 1, 1)
        props.created = stamp
        props.modified = stamp
        props.last_modified_by = self.report.department
        props.revision = max(1, self.report.metadata.version)

    def _add(self, style: str = "Normal"):
        """A new paragraph at the end of the body, in a style given by name. The element is
        written as XML with the style id in it: python-docx's lookup by name scans every style,
        and its ``add_paragraph`` builds the same element a property at a time."""
        body = self.document._body
        p = parse_xml(_PARAGRAPH_XML[style])
        body._element._insert_p(p)
        return DocxParagraph(p, body)

    def _paragraph(self, style: str = "Normal", text: str = ""):
        paragraph = self._add(style)
        if text:
            self._run(paragraph, text, FONT_BODY if style == "Normal" else None)
        return paragraph

    def _run(
        self, paragraph, text: str, east_asia: str | None, *, size: float | None = None, bold: bool = False
    ):
        """A run of ``text`` with its Chinese font (and size, bold) written into it, as ``set_fonts``
        and python-docx's ``add_run`` would write them, in one parse."""
        r = parse_xml(_run_xml(text, east_asia, size=size, bold=bold, namespace=True))
        paragraph._p.append(r)
        return DocxRun(r, paragraph)

    def _title(self) -> None:
        paragraph = self._add("公文标题")
        lines = title_lines(self.report.title)
        for i, line in enumerate(lines):
            run = self._run(paragraph, line, FONT_TITLE)
            if i < len(lines) - 1:
                run.add_break()
        if self.report.subtitle:
            sub = self._add("公文副标题")
            self._run(sub, self.report.subtitle, FONT_KAI)
        self._paragraph()  # one blank line after the title

    def _draft_notice(self) -> None:
        """A boxed notice under the title: 草稿, and what is still missing."""
        items = self.report.draft
        lines = [f"【{DRAFT_LABEL}】本稿尚有{len(items)}项未完成，不能作为正式报告报送："]
        lines += [f"{i}．{item}" for i, item in enumerate(items, start=1)]
        for index, line in enumerate(lines):
            paragraph = self._add("草稿说明")
            _draft_border(paragraph._p.get_or_add_pPr(), first=index == 0, last=index == len(lines) - 1)
            self._run(paragraph, line, FONT_KAI if index == 0 else FONT_BODY, size=TABLE_PT)
        self._paragraph()

    def _section(self, section: Section) -> None:
        children = section.children
        if section.run_in:
            self._body_paragraph(run_in_paragraph(section))
            children = children[1:]
        else:
            heading = self._add(f"Heading {section.level}")
            self._run(heading, section.heading, HEADING_FONTS[section.level])
        for child in children:
            self._block(child)

    def _block(self, block) -> None:
        if isinstance(block, Section):
            self._section(block)
        elif isinstance(block, Paragraph):
            self._body_paragraph(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Chart):
            self._chart(block)

    def _body_paragraph(self, paragraph: Paragraph) -> None:
        out = self._add("Normal")
        for run in paragraph.runs:
            font = HEADING_FONTS[run.heading_level] if run.heading_level else FONT_BODY
            self._run(out, run.text, font)

    # tables

    def _table(self, table: Table) -> None:
        if table.caption:
            if table.numbered:
                self.tables += 1
                caption = f"表{table.number or self.tables}　{table.caption}"
            else:
                caption = table.caption
            head = self._add("表题图题")
            head.paragraph_format.keep_with_next = True
            self._run(head, caption, FONT_HEI)
        if table.unit:
            unit = self._add("单位行")
            self._run(unit, table.unit, FONT_BODY, size=TABLE_PT)
        self._table_grid(table)
        if table.note:
            note = self._add("表注")
            self._run(note, table.note, FONT_BODY, size=TABLE_PT)
        else:
            # a thin gap so the next paragraph does not touch the table's bottom rule
            gap = self._add("表注")
            gap.paragraph_format.line_spacing = Pt(8)

    def _table_grid(self, table: Table) -> None:
        """The table as one piece of WordprocessingML, parsed once and appended to the body.

        python-docx builds a table cell by cell (``add_table``, ``cell.paragraphs``, ``merge``),
        walking the tree for each property; writing the XML directly is ten times faster and
        gives the same elements (tests/formats/test_docx_writer.py reads the spans back)."""
        widths = self._column_widths(table)
        parts = [_TBL_OPEN]
        parts.extend(f'<w:gridCol w:w="{width}"/>' for width in widths)
        parts.append("</w:tblGrid>")
        parts.extend(_header_rows_xml(table, widths))
        aligns = [_JC[table.alignment(c)] for c in range(table.column_count)]
        spans = [table.merged_spans(c) for c in range(table.column_count)]
        last = len(table.body_rows) - 1
        for i, values in enumerate(table.body_rows):
            is_total = table.total_row and i == last
            # A short row stays whole; a row of long 评分依据 text may break across pages, or each
            # one would push to the next page and leave half of every page empty.
            tall = max(
                _text_width(text) * _twips_per_mm(TABLE_CHAR_MM) / w
                for text, w in zip(values, widths, strict=True)
            )
            parts.append("<w:tr>" if tall > TALL_ROW_LINES else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for c, text in enumerate(values):
                align = "center" if is_total and c == 0 else aligns[c]
                span = spans[c][i]
                if span == 0:  # under a merged category cell: Word's vMerge continuation, empty
                    parts.append(
                        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[c]}"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
                    )
                    continue
                merge = "restart" if span > 1 else ""
                parts.append(_cell_xml(widths[c], text, align, bold=is_total, merge=merge))
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.document.element.body._insert_tbl(parse_xml("".join(parts)))

    def _column_widths(self, table: Table) -> list[int]:
        """Column widths in twips filling the text width of the page: first what no cell may
        wrap (numbers, short headers such as 一级指标), then the rest by how much text each
        column holds, so a long 评分依据 column gets more room than a column of names."""
        total_mm = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) if self.landscape else 156
        char_mm = TABLE_CHAR_MM
        least = [2.0] * table.column_count  # in characters
        want = [2.0] * table.column_count
        grid = header_grid(table.header_rows, table.caption)
        for slots in grid:
            for c, start in enumerate(slots):
                if start is not None:
                    cell = table.header_rows[start[0]][start[1]]
                    if cell.colspan == 1:
                        width = _text_width(cell.text)
                        least[c] = max(least[c], width if width <= 4 else 2.0)
                        want[c] = max(want[c], min(width, 6.0))
        for row in table.body_rows:
            for c, text in enumerate(row):
                width = _text_width(text)
                if _UNBREAKABLE.fullmatch(text.strip()):
                    # Digits of the CJK fonts' Latin part run wider than half a character.
                    least[c] = max(least[c], len(text.strip()) * 0.62)
                elif head := _NUMBER_HEAD.match(text.strip()):
                    digits = head.group(0)
                    sign = 1.0 if digits[0] in "≥≤＞＜" else 0.0  # the sign is a full-width glyph
                    least[c] = max(least[c], sign + (len(digits) - sign) * 0.62)
                want[c] = max(want[c], width)
        # Long text wraps anyway: past 14 characters a column asks for a little more per character.
        want = [w if w <= 14 else min(14 + (w - 14) * 0.15, 40.0) for w in want]
        least_mm = [n * char_mm + CELL_PADDING_MM for n in least]
        want_mm = [max(w * char_mm + CELL_PADDING_MM, m) for w, m in zip(want, least_mm, strict=True)]
        spare = max(total_mm - sum(least_mm), 0.0)
        extra = [w - m for w, m in zip(want_mm, least_mm, strict=True)]
        share = min(1.0, spare / sum(extra)) if sum(extra) else 0.0
        widths_mm = [m + e * share for m, e in zip(least_mm, extra, strict=True)]
        # Scale to the text width: up when every wish is met, down when even the least overflows.
        widths_mm = [w * total_mm / sum(widths_mm) for w in widths_mm]
        total = _twips_per_mm(total_mm)
        widths = [_twips_per_mm(w) for w in widths_mm]
        widths[-1] += total - sum(widths)
        return widths

    # charts

    def _chart(self, chart: Chart) -> None:
        png = charts.chart_png(chart)
        picture = self._add("图")
        run = picture.add_run()
        width = Mm(min(CHART_WIDTH_MM, _text_width_mm(self.document.sections[-1]) - 4))
        shape = run.add_picture(io.BytesIO(png), width=width)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", _chart_description(chart))
        doc_pr.set("title", chart.title)
        if chart.numbered:
            self.figures += 1
            text = f"图{chart.number or self.figures}　{chart.title}"
        else:
            text = chart.title
        caption = self._add("表题图题")
        caption.paragraph_format.keep_with_next = False
        self._run(caption, text, FONT_HEI)
        if chart.note:
            note = self._add("表注")
            self._run(note, chart.note, FONT_BODY, size=TABLE_PT)

    # closing parts

    def _annex_list(self) -> None:
        """附件说明 (§7.3.4): one blank line after the body, "附件：1．…", names aligned."""
        annexes = self.report.annexes
        if not annexes:
            return
        # the last body paragraph, the 附件说明 and the 落款 stay together (§7.3.5.5: no 落款 alone)
        paragraphs = self.document.paragraphs
        if paragraphs:
            paragraphs[-1].paragraph_format.keep_with_next = True
        self._paragraph().paragraph_format.keep_with_next = True
        lead = "附件："
        char = BODY_PT * 20  # one 三号 character in twips
        for i, annex in enumerate(annexes, start=1):
            paragraph = self._add("附件说明")
            paragraph.paragraph_format.keep_with_next = True
            ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
            if len(annexes) == 1:
                text = f"{lead}{annex.title}"
                name_at = 5.0  # 2 characters in, then 附件：
            else:
                text = f"{lead if i == 1 else ''}{i}．{annex.title}"
                name_at = 5.0 + _text_width(f"{i}．")
            line_start = 2.0 if i == 1 else 5.0
            ind.set(qn("w:left"), str(round(name_at * char)))
            ind.set(qn("w:hanging"), str(round((name_at - line_start) * char)))
            self._run(paragraph, text, FONT_BODY)

    def _signature(self) -> None:
        """落款 without a seal (§7.3.5.2): signature right 2 characters in; the date's first
        character two characters right of the signature's first character."""
        report = self.report
        if not report.signature and not report.date:
            return
        # keep the last body paragraph with the 落款 so the 落款 never stands alone on a page
        paragraphs = self.document.paragraphs
        if paragraphs:
            paragraphs[-1].paragraph_format.keep_with_next = True
        self._paragraph().paragraph_format.keep_with_next = True
        name_width = _text_width(report.signature)
        date_width = _text_width(report.date_text)
        date_right = name_width - 2 - date_width + 2
        name_right = 2.0
        if date_right < 2:
            date_right = 2.0
            name_right = date_right + date_width - name_width + 2
        if report.signature:
            paragraph = self._add("落款")
            paragraph.paragraph_format.right_indent = Pt(BODY_PT * name_right)
            self._run(paragraph, report.signature, FONT_BODY)
        if report.date:
            paragraph = self._add("落款")
            paragraph.paragraph_format.keep_with_next = False
            paragraph.paragraph_format.right_indent = Pt(BODY_PT * date_right)
            self._run(paragraph, report.date_text, FONT_BODY)

    def _annex(self, index: int, annex: Annex) -> None:
        wants_landscape = annex.is_landscape
        if wants_landscape != self.landscape:
            section = self.document.add_section(WD_SECTION.NEW_PAGE)
            (_landscape if wants_landscape else _portrait)(section)
            (_landscape_page_numbers if wants_landscape else _portrait_page_numbers)(section)
            self.landscape = wants_landscape
            mark = self._add("附件标识")
        else:
            mark = self._add("附件标识")
            mark.paragraph_format.page_break_before = True
        self._run(mark, f"附件{index}", FONT_HEI)
        self._paragraph().paragraph_format.keep_with_next = True
        title = self._add("公文标题")
        self._run(title, annex.title, FONT_TITLE)
        for child in annex.children:
            self._block(child)


STYLE_IDS = {
    "Normal": "Normal",
    "Heading 1": "Heading1",
    "Heading 2": "Heading2",
    "Heading 3": "Heading3",
    "Heading 4": "Heading4",
    "公文标题": "GwTitle",
    "公文副标题": "GwSubtitle",
    "表题图题": "GwCaption",
    "单位行": "GwUnit",
    "表格文字": "GwTableText",
    "表注": "GwNote",
    "图": "GwFigure",
    "附件标识": "GwAnnexMark",
    "落款": "GwSignature",
    "附件说明": "GwAnnexList",
    "页码": "GwPageNumber",
    "演示标识": "GwHeaderLabel",
    "草稿说明": "GwDraftNotice",
}


def _apply_style(paragraph, name: str) -> None:
    style_id = STYLE_IDS[name]
    if style_id != "Normal":
        paragraph._p.get_or_add_pPr().style = style_id


_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}

# what python-docx's add_table writes, plus the table style, centring and fixed layout
_TBL_OPEN = (
    f"<w:tbl {nsdecls('w')}><w:tblPr>"
    '<w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
    '<w:tblLayout w:type="fixed"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
    'w:noVBand="1" w:val="04A0"/>'
    "</w:tblPr><w:tblGrid>"
)
_PARAGRAPH_XML = {
    name: f"<w:p {nsdecls('w')}/>"
    if style_id == "Normal"
    else f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr></w:p>'
    for name, style_id in STYLE_IDS.items()
}


def _run_xml(
    text: str,
    east_asia: str | None,
    *,
    size: float | None = None,
    bold: bool = False,
    latin: str = FONT_LATIN,
    namespace: bool = False,
) -> str:
    """A ``w:r``: fonts as ``set_fonts`` writes them, then bold, then size, in schema order."""
    props = ""
    if east_asia:
        props += (
            f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" '
            f'w:eastAsia="{east_asia}" w:hint="eastAsia"/>'
        )
    if bold:
        props += "<w:b/>"
    if size:
        half_points = round(size * 2)
        props += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    open_tag = f"<w:r {nsdecls('w')}>" if namespace else "<w:r>"
    return f"{open_tag}{f'<w:rPr>{props}</w:rPr>' if props else ''}{_text_xml(text)}</w:r>"


_TEXT_SPECIAL = re.compile(r"[\t\r\n]")


def _text_xml(text: str) -> str:
    """Run content for ``text`` as python-docx writes it: a tab is ``w:tab``, a line break
    ``w:br``, the rest ``w:t`` (space-preserving when it starts or ends with white space)."""
    parts = []
    start = 0
    for special in _TEXT_SPECIAL.finditer(text):
        parts.append(_t_xml(text[start : special.start()]))
        parts.append("<w:tab/>" if special.group() == "\t" else "<w:br/>")
        start = special.end()
    parts.append(_t_xml(text[start:]))
    return "".join(parts)


def _t_xml(text: str) -> str:
    if not text:
        return ""
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{xml_escape(text)}</w:t>"


def _cell_xml(
    width: int, text: str, align: str, *, bold: bool = False, span: int = 1, merge: str = ""
) -> str:
    """One ``w:tc`` that starts a cell: width, spans, vertical centring, the text in 仿宋 小四."""
    props = f'<w:tcW w:type="dxa" w:w="{width}"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += f'<w:vMerge w:val="{merge}"/>'
    run = _run_xml(text, FONT_BODY, size=TABLE_PT, bold=bold) if text else ""
    return (
        f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="GwTableText"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>'
    )


def _header_rows_xml(table: Table, widths: list[int]) -> list[str]:
    """Header rows repeated on every page; a spanned cell is one ``w:tc`` with ``gridSpan``
    (its width the sum of its columns) and, spanning down, ``vMerge`` restart then continue —
    the cells below it empty, as Word writes them."""
    grid = header_grid(table.header_rows, table.caption)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, slots in enumerate(grid):
        for c, start in enumerate(slots):
            if start is None:
                continue
            cell = table.header_rows[start[0]][start[1]]
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    owner[(r + dr, c + dc)] = (r, c)
    parts = []
    for r, slots in enumerate(grid):
        parts.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        for c in range(len(slots)):
            top, left = owner[(r, c)]
            if left != c:
                continue  # inside a span from the left
            cell = table.header_rows[grid[top][left][0]][grid[top][left][1]]
            width = sum(widths[c : c + cell.colspan])
            if top == r:
                merge = "restart" if cell.rowspan > 1 else ""
                parts.append(_cell_xml(width, cell.text, "center", bold=True, span=cell.colspan, merge=merge))
                continue
            span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>'
            )
        parts.append("</w:tr>")
    return parts


def _chart_description(chart: Chart) -> str:
    table = chart.alt_table()
    parts = []
    for row in table.body_rows:
        values = "，".join(
            f"{series.name}{value}{chart.unit}" for series, value in zip(chart.series, row[1:], strict=True)
        )
        parts.append(f"{row[0]}：{values}")
    return f"{chart.title}。" + "；".join(parts)


def build_docx(report: Report):
    """The python-docx ``Document`` for a report (for tests and further editing)."""
    return _Writer(report).build()


def render_docx(report: Report) -> bytes:
    """The report as .docx bytes."""
    buffer = io.BytesIO()
    build_docx(report).save(buffer)
    return buffer.getvalue()


def write_docx(report: Report, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_docx(report))
    return path
