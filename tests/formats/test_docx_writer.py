"""The .docx follows GB/T 9704 (docs/gongwen.md §9), read back with python-docx."""

import io
from dataclasses import replace

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from jixiao.domain.report.document import HeaderCell, Table
from jixiao.formats.docx_writer import render_docx
from tests.formats.sample_report import DEPARTMENT, FIGURES, HEADINGS, sample_report


@pytest.fixture(scope="module")
def document():
    return Document(io.BytesIO(render_docx(sample_report())))


def _east_asia(element):
    fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii"))


def _size_pt(element):
    return int(element.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val"))) / 2


def _mm(*lengths):
    return tuple(round(length.mm, 1) for length in lengths)


def _align(paragraph):
    """The effective alignment: the paragraph's own, else its style's."""
    if paragraph.alignment is not None:
        return paragraph.alignment
    return paragraph.style.paragraph_format.alignment


def _paragraphs_with(document, text):
    return [p for p in document.paragraphs if text in p.text]


def test_page_is_a4_with_gongwen_margins(document):
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert _mm(section.page_width, section.page_height) == (210, 297)
    assert _mm(section.top_margin, section.bottom_margin) == (37, 35)
    assert _mm(section.left_margin, section.right_margin) == (28, 26)


def test_grid_is_22_lines_of_29pt_and_text_is_condensed_to_28_characters(document):
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    pitch_twips = int(grid.get(qn("w:linePitch")))
    assert pitch_twips == 580  # 225 mm / 22 lines = 28.99 pt
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(29)
    condense = int(normal.element.find(qn("w:rPr")).find(qn("w:spacing")).get(qn("w:val")))
    assert condense == -5  # 16 pt - 0.25 pt = 15.75 pt; 28 × 15.75 pt = 441 pt ≤ 156 mm (442.2 pt)
    assert 28 * (16 + condense / 20) <= 156 / 25.4 * 72
    table_text = document.styles["表格文字"].element.find(qn("w:rPr")).find(qn("w:spacing"))
    assert table_text.get(qn("w:val")) == "0"


def test_title_is_xiaobiaosong_22pt_centred_in_two_lines(document):
    title = document.paragraphs[0]
    assert title.text == "2023年度常宁市科学技术协会\n整体支出绩效评价报告"
    assert _align(title) == WD_ALIGN_PARAGRAPH.CENTER
    style = title.style
    assert style.name == "公文标题"
    assert _east_asia(style.element) == ("方正小标宋简体", "Times New Roman")
    assert _size_pt(style.element) == 22
    assert not style.font.bold
    for run in title.runs:
        assert _east_asia(run._r)[0] == "方正小标宋简体"


def test_body_is_fangsong_16pt_justified_with_two_character_indent(document):
    paragraph = _paragraphs_with(document, "本单位年末实有在编人数14人")[0]
    assert paragraph.style.name == "Normal"
    normal = document.styles["Normal"]
    assert _east_asia(normal.element) == ("仿宋_GB2312", "Times New Roman")
    assert _size_pt(normal.element) == 16
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.paragraph_format.first_line_indent == Pt(32)
    for run in paragraph.runs:
        assert _east_asia(run._r) == ("仿宋_GB2312", "Times New Roman")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert _east_asia(defaults.find(qn("w:rPrDefault"))) == ("仿宋_GB2312", "Times New Roman")


@pytest.mark.parametrize(
    ("text", "style", "font"),
    [
        ("一、部门概况", "Heading 1", "黑体"),
        ("（一）专项组织情况分析", "Heading 2", "楷体_GB2312"),
        ("1.做实全市科技周宣传活动", "Heading 3", "仿宋_GB2312"),
        ("（1）现场咨询", "Heading 4", "仿宋_GB2312"),
    ],
)
def test_headings_use_the_standard_fonts_at_16pt_not_bold(document, text, style, font):
    paragraph = next(p for p in document.paragraphs if p.text == text)
    assert paragraph.style.name == style
    assert _east_asia(paragraph.style.element) == (font, "Times New Roman")
    assert _size_pt(paragraph.style.element) == 16
    assert paragraph.style.font.bold is False
    assert paragraph.style.font.color.rgb == (0, 0, 0)
    assert _east_asia(paragraph.runs[0]._r)[0] == font


def test_all_seven_headings_are_present_in_order(document):
    found = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert found == list(HEADINGS)


def test_run_in_heading_takes_the_heading_font_only_for_its_own_words(document):
    paragraph = _paragraphs_with(document, "1.提高思想认识。")[0]
    lead, rest = paragraph.runs[0], paragraph.runs[1]
    assert lead.text == "1.提高思想认识。"
    assert _east_asia(lead._r)[0] == "仿宋_GB2312"
    lead2 = _paragraphs_with(document, "一是资金使用合规。")[0].runs[0]
    assert _east_asia(rest._r)[0] == "仿宋_GB2312"
    assert lead2.text == "一是资金使用合规。"


def test_every_run_of_every_paragraph_names_an_east_asian_font(document):
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                assert _east_asia(run._r)[0], paragraph.text


def test_footer_has_a_page_field_between_em_dashes_odd_right_even_left(document):
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        xml = paragraph._p.xml
        assert 'w:fldCharType="begin"' in xml
        assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in xml
        assert paragraph.text == "— 1 —"
        assert _east_asia(paragraph.style.element) == ("宋体", "宋体")
        assert _size_pt(paragraph.style.element) == 14
        for run in paragraph.runs:
            assert _east_asia(run._r) == ("宋体", "宋体")
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert odd.paragraph_format.right_indent == Pt(16)
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert even.paragraph_format.left_indent == Pt(16)


def test_demo_report_carries_the_label_in_every_page_header(document):
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "演示数据"
    assert section.even_page_header.paragraphs[0].text == "演示数据"
    assert document.core_properties.keywords == "演示数据"


def test_real_report_has_no_demo_label():
    document = Document(io.BytesIO(render_docx(sample_report(demo=False))))
    assert all("演示数据" not in p.text for s in document.sections for p in s.header.paragraphs)


def test_final_accounts_table_has_repeated_two_row_header_caption_and_unit(document):
    table = document.tables[0]
    caption = _paragraphs_with(document, "2023年度预算及决算执行情况")[0]
    assert caption.text == "表1　2023年度预算及决算执行情况"
    assert _align(caption) == WD_ALIGN_PARAGRAPH.CENTER
    unit = caption._p.getnext()
    assert unit.xpath("string(.)") == "单位：万元"
    assert document.styles["单位行"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    rows = table.rows
    for row in rows[:2]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert rows[2]._tr.trPr.find(qn("w:tblHeader")) is None
    assert rows[0].cells[1].text == "预算数"
    assert rows[0].cells[1]._tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert [c.text for c in rows[1].cells] == ["项目", "年初预算", "调整后预算", "决算数", "执行率"]
    assert [c.text for c in rows[-1].cells] == ["合计", "208.40", "218.85", "213.92", "97.7%"]


def test_table_text_is_fangsong_12pt_with_numbers_right_aligned(document):
    table = document.tables[0]
    style = document.styles["表格文字"]
    assert _east_asia(style.element) == ("仿宋_GB2312", "Times New Roman")
    assert _size_pt(style.element) == 12
    body = table.rows[2].cells
    assert body[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    for cell in body[1:]:
        paragraph = cell.paragraphs[0]
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert _east_asia(paragraph.runs[0]._r) == ("仿宋_GB2312", "Times New Roman")
        assert _size_pt(paragraph.runs[0]._r) == 12
    total = table.rows[-1].cells
    assert total[0].paragraphs[0].runs[0].bold is True


def test_charts_are_embedded_as_png_with_captions_and_alt_text(document):
    pictures = document.inline_shapes
    assert len(pictures) == 3
    for shape in pictures:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        part = document.part.related_parts[blip.embed]
        assert part.content_type == "image/png"
        assert part.blob[:8] == b"\x89PNG\r\n\x1a\n"
        assert shape.width <= Mm(156)
    descriptions = [s._inline.docPr.get("descr") for s in pictures]
    assert descriptions[0].startswith("2023年度预算支出构成。人员经费：预算数123.46万元")
    captions = [p.text for p in document.paragraphs if p.text.startswith("图")]
    assert captions == [
        "图1　2023年度预算支出构成",
        "图2　2023年与2022年支出对比",
        "图3　2023年度预算执行进度与序时进度",
    ]


def test_signature_and_date_are_right_aligned_date_without_leading_zeros(document):
    name = next(p for p in document.paragraphs if p.text == DEPARTMENT)
    when = next(p for p in document.paragraphs if p.text == "2024年3月5日")
    assert _align(name) == WD_ALIGN_PARAGRAPH.RIGHT
    assert _align(when) == WD_ALIGN_PARAGRAPH.RIGHT
    # the date starts two characters right of the signature's first character (§7.3.5.2);
    # "2024年3月5日" is 6 characters wide plus 5 × ¼ for the spacing between digits and Chinese
    date_width, name_width = 6 + 5 * 0.25, 9
    name_start = name.paragraph_format.right_indent / Pt(16) + name_width
    date_start = when.paragraph_format.right_indent / Pt(16) + date_width
    assert when.paragraph_format.right_indent == Pt(32)
    assert name_start - date_start == 2


def test_annexes_start_on_new_pages_with_mark_then_title_on_line_three(document):
    marks = [p for p in document.paragraphs if p.text in ("附件1", "附件2")]
    assert [p.style.name for p in marks] == ["附件标识", "附件标识"]
    assert _east_asia(marks[0].style.element)[0] == "黑体"
    second = marks[1]
    # the orientation changes back to portrait: a new-page section break ends the landscape annex
    assert second._p.getprevious().find(qn("w:pPr")).find(qn("w:sectPr")) is not None
    blank = second._p.getnext()
    title = blank.getnext()
    assert blank.xpath("string(.)") == ""
    assert title.xpath("string(.)") == "部门整体支出绩效自评得分表"


def test_annexes_of_the_same_orientation_are_separated_by_page_breaks():
    report = sample_report()
    portrait = replace(report, annexes=tuple(replace(a, landscape=False) for a in report.annexes))
    document = Document(io.BytesIO(render_docx(portrait)))
    marks = [p for p in document.paragraphs if p.text in ("附件1", "附件2")]
    assert len(document.sections) == 1
    assert [m.paragraph_format.page_break_before for m in marks] == [True, True]


def test_wide_annex_table_gets_a_landscape_section_and_the_next_one_is_portrait(document):
    sections = document.sections
    assert len(sections) == 3
    landscape = sections[1]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert _mm(landscape.page_width, landscape.page_height) == (297, 210)
    # the table head is on the binding side (§8): the portrait 订口 margin becomes the top
    assert _mm(landscape.top_margin, landscape.bottom_margin) == (28, 26)
    assert sections[2].orientation == WD_ORIENT.PORTRAIT
    assert _mm(sections[2].top_margin) == (37,)


def test_annex_list_comes_before_the_signature(document):
    texts = [p.text for p in document.paragraphs]
    assert texts.index("附件：1．部门整体支出绩效评价基础数据表") < texts.index(DEPARTMENT)
    assert "2．部门整体支出绩效自评得分表" in texts


def test_every_figure_of_the_text_is_in_the_document(document):
    text = "\n".join(p.text for p in document.paragraphs)
    for figure in FIGURES:
        assert figure in text


def _one_table_report(table):
    report = sample_report(demo=False)
    first = replace(report.sections[0], children=(table,))
    return replace(report, sections=(first,), annexes=())


def test_a_header_cell_spanning_rows_and_columns_is_one_merged_cell_in_word():
    table = Table(
        caption="多级表头",
        unit="",
        header_rows=(
            (
                HeaderCell("项目", rowspan=2, colspan=2),
                HeaderCell("预算数", colspan=2),
                HeaderCell("备注", rowspan=2),
            ),
            (HeaderCell("年初"), HeaderCell("调整后")),
        ),
        body_rows=(("基本支出", "人员", "1.00", "2.00", ""),),
        numbered=False,
    )
    document = Document(io.BytesIO(render_docx(_one_table_report(table))))
    out = document.tables[0]
    # python-docx resolves spans and vertical merges the way Word shows them
    assert [out.cell(0, c).text for c in range(5)] == ["项目", "项目", "预算数", "预算数", "备注"]
    assert [out.cell(1, c).text for c in range(5)] == ["项目", "项目", "年初", "调整后", "备注"]
    first, second = (row._tr.tc_lst for row in out.rows[:2])
    assert [tc.grid_span for tc in first] == [2, 2, 1]
    assert [tc.vMerge for tc in first] == ["restart", None, "restart"]
    assert [tc.grid_span for tc in second] == [2, 1, 1, 1]
    assert [tc.vMerge for tc in second] == ["continue", None, None, "continue"]
    widths = [int(col.get(qn("w:w"))) for col in out._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert first[0].tcPr.find(qn("w:tcW")).get(qn("w:w")) == str(widths[0] + widths[1])
    assert out.rows[1].cells[4].text == "备注"
    assert out.cell(2, 4).paragraphs[0].runs == []  # an empty cell has no run


def test_cell_text_keeps_tabs_line_breaks_spaces_and_markup_characters():
    text = "  A&B <C>\t甲\n乙 "
    table = Table(
        caption="",
        unit="",
        header_rows=((HeaderCell("说明"), HeaderCell("金额")),),
        body_rows=((text, "1.00"),),
    )
    document = Document(io.BytesIO(render_docx(_one_table_report(table))))
    cell = document.tables[0].cell(1, 0)
    assert cell.text == text
    run = cell.paragraphs[0].runs[0]._r
    assert [child.tag.rsplit("}", 1)[1] for child in run][1:] == ["t", "tab", "t", "br", "t"]
    assert run.findall(qn("w:t"))[0].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert _east_asia(run) == ("仿宋_GB2312", "Times New Roman")
    assert _size_pt(run) == 12


def test_the_package_carries_only_the_table_styles_it_uses_and_no_word_2010_style_copy(document):
    table_styles = [
        s for s in document.styles.element.findall(qn("w:style")) if s.get(qn("w:type")) == "table"
    ]
    kept = {s.get(qn("w:styleId")) for s in table_styles}
    assert "TableGrid" in kept  # every table's style
    default = [s.get(qn("w:styleId")) for s in table_styles if s.get(qn("w:default")) == "1"]
    assert default and kept == {"TableGrid", *default}
    assert all(not rel.reltype.endswith("/stylesWithEffects") for rel in document.part.rels.values())
    assert {t._tbl.tblPr.style for t in document.tables} == {"TableGrid"}


def test_amount_columns_are_wide_enough_for_their_numbers_and_long_text_gets_the_rest():
    long_basis = (
        "已制定预算资金管理办法、内部财务管理制度、会计核算制度：是（单位建立健全内部财务管理制度）" * 3
    )
    table = Table(
        caption="评分表",
        unit="",
        header_rows=(
            (HeaderCell("项目"), HeaderCell("决算数"), HeaderCell("执行率"), HeaderCell("评分依据")),
        ),
        body_rows=(
            ("科普大篷车进校园及下乡科普", "1,167.62", "98.4%", long_basis),
            ("公用经费", "44.08", "95.0%", "44.08 / 46.4 × 100%"),
        ),
    )
    out = Document(io.BytesIO(render_docx(_one_table_report(table)))).tables[0]
    widths_mm = [int(col.get(qn("w:w"))) / 56.7 for col in out._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(widths_mm) - 156) < 0.5  # the whole 版心 width
    char_mm = 12 * 25.4 / 72
    assert widths_mm[1] >= 8 * 0.62 * char_mm + 4  # "1,167.62" on one line
    assert widths_mm[2] >= 5 * 0.62 * char_mm + 4  # "98.4%"
    assert widths_mm[3] == max(widths_mm)  # the long 评分依据 column is the widest
    # The row of long text may break across pages; the short row stays whole.
    long_row, short_row = out.rows[1]._tr, out.rows[2]._tr
    assert long_row.trPr is None or long_row.trPr.find(qn("w:cantSplit")) is None
    assert short_row.trPr.find(qn("w:cantSplit")) is not None


def test_target_values_keep_their_sign_and_digits_on_one_line():
    """ "≥20000人次" in a goals table: the unit may wrap, "≥20000" may not (it broke as "≥2000/0人次")."""
    long_name = "宣讲覆盖受益群众人次及家庭教育服务覆盖面" * 2
    header = tuple(
        HeaderCell(h) for h in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "完成情况")
    )
    table = Table(
        caption="绩效目标完成情况",
        unit="",
        header_rows=(header,),
        body_rows=(
            ("产出指标", "数量指标", long_name, "≥20000人次", "20800人次", "达成"),
            ("成本指标", "经济成本指标", long_name, "≤150元/人", "159元/人", "未达成"),
        ),
    )
    out = Document(io.BytesIO(render_docx(_one_table_report(table)))).tables[0]
    widths_mm = [int(col.get(qn("w:w"))) / 56.7 for col in out._tbl.tblGrid.findall(qn("w:gridCol"))]
    char_mm = 12 * 25.4 / 72
    assert widths_mm[3] >= (1 + 5 * 0.62) * char_mm + 4  # "≥20000"
    assert widths_mm[4] >= 5 * 0.62 * char_mm + 4  # "20800"
