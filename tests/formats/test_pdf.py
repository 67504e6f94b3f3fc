"""PDF through LibreOffice, or a clear Chinese refusal when it is not installed."""

import io

import pytest
from pypdf import PdfReader

from jixiao.formats import pdf
from tests.formats.sample_report import sample_report


def test_missing_libreoffice_is_refused_in_chinese_with_the_install_command(monkeypatch):
    monkeypatch.setattr(pdf, "soffice_binary", lambda: None)
    with pytest.raises(pdf.PdfUnavailable) as refused:
        pdf.render_pdf(sample_report())
    message = str(refused.value)
    assert "LibreOffice 未安装" in message
    assert "apt-get install -y --no-install-recommends libreoffice-writer-nogui" in message


def test_font_stand_ins_only_add_to_the_gongwen_fonts():
    conf = pdf._fonts_conf()
    assert "<family>仿宋_GB2312</family><accept><family>Noto Serif CJK SC</family></accept>" in conf
    assert "<family>黑体</family><accept><family>Noto Sans CJK SC</family></accept>" in conf
    assert "/etc/fonts/fonts.conf" in conf


@pytest.mark.skipif(not pdf.pdf_available(), reason="LibreOffice 未安装")
def test_sample_report_becomes_an_a4_pdf_with_gongwen_page_numbers():
    reader = PdfReader(io.BytesIO(pdf.render_pdf(sample_report())))
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)
    assert len(reader.pages) >= 5
    text = first.extract_text()
    assert "整体支出绩效评价报告" in text
    assert "— 1 —" in text
    assert "— 2 —" in reader.pages[1].extract_text()
    landscape = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert len(landscape) == 1


def test_command_line_says_what_is_missing_and_fails(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(pdf, "soffice_binary", lambda: None)
    assert pdf.main([]) == 2
    assert pdf.main([str(tmp_path / "报告.docx")]) == 1
    assert "LibreOffice 未安装" in capsys.readouterr().err
