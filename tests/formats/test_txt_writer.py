"""The plain text is what the report checker reads: every figure and heading as in the document."""

import io

from docx import Document

from jixiao.formats.docx_writer import render_docx
from jixiao.formats.txt_writer import render_txt
from tests.formats.sample_report import FIGURES, HEADINGS, sample_report


def test_headings_are_own_lines_numbered_one_to_seven():
    lines = render_txt(sample_report()).splitlines()
    assert [line for line in lines if line in HEADINGS] == list(HEADINGS)


def test_title_lines_and_demo_label_come_first():
    lines = render_txt(sample_report()).splitlines()
    assert lines[:3] == ["2023年度常宁市科学技术协会", "整体支出绩效评价报告", "【演示数据】"]
    assert "演示数据" not in render_txt(sample_report(demo=False))


def test_every_figure_of_the_prose_is_kept_exactly():
    text = render_txt(sample_report())
    for figure in FIGURES:
        assert figure in text
    assert "1.2023年，本部门年初预算支出208.4万元，比上年增加24.01万元，增长13.0%" in text


def test_tables_are_flattened_into_bar_rows_with_caption_and_unit():
    lines = render_txt(sample_report()).splitlines()
    start = lines.index("表1　2023年度预算及决算执行情况")
    assert lines[start + 1] == "单位：万元"
    assert lines[start + 2] == "| 项目 | 预算数 |  | 决算数 | 执行率 |"
    assert lines[start + 3] == "|  | 年初预算 | 调整后预算 |  |  |"
    assert "| 合计 | 208.40 | 218.85 | 213.92 | 97.7% |" in lines
    assert "| 　其中：人员经费 | 123.46 | 130.91 | 129.80 | 99.2% |" in lines


def test_charts_appear_as_their_data():
    lines = render_txt(sample_report()).splitlines()
    start = lines.index("图3　2023年度预算执行进度与序时进度")
    assert lines[start + 1] == "单位：%"
    assert lines[start + 2] == "| 月份 | 累计执行进度 | 序时进度 |"
    assert lines[start + 3] == "| 1月 | 5.5 | 8.3 |"


def test_signature_date_and_annexes_follow_the_body():
    lines = render_txt(sample_report()).splitlines()
    assert lines.index("常宁市科学技术协会") < lines.index("2024年3月5日") < lines.index("附件1")
    assert lines[lines.index("附件1") + 1] == "部门整体支出绩效评价基础数据表"


def test_text_and_docx_carry_the_same_figures():
    report = sample_report()
    document = Document(io.BytesIO(render_docx(report)))
    docx_text = [p.text.replace("\n", "") for p in document.paragraphs if p.text.strip()]
    txt = render_txt(report)
    for paragraph in docx_text:
        if paragraph.startswith(("附件：", "表", "图")):
            continue
        assert paragraph in txt.replace("\n", "") or paragraph in txt
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                assert cell.text in txt
