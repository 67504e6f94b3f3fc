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


GONGWEN_FONTS = ("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体")
REGIONAL = "直骨"  # the Japanese and the Chinese mainland forms of these are different glyphs


@pytest.mark.skipif(not pdf.pdf_available(), reason="LibreOffice 未安装")
def test_the_gongwen_fonts_are_drawn_with_the_simplified_chinese_glyphs_not_the_japanese(tmp_path):
    """Noto CJK ships one collection per style whose faces share one CFF table named after the JP
    face, so ``pdffonts`` lists 'NotoSerifCJKjp-…' whatever face was used. What tells the faces
    apart is which glyphs each face's character map picks: the PDF must hold the SC face's."""
    import re
    import subprocess

    from docx import Document
    from docx.oxml.ns import qn
    from fontTools.misc.eexec import decrypt
    from fontTools.ttLib import TTCollection

    document = Document()
    for font in GONGWEN_FONTS:
        run = document.add_paragraph().add_run(REGIONAL + font)
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    document.save(tmp_path / "fonts.docx")
    reader = PdfReader(pdf.docx_to_pdf(tmp_path / "fonts.docx", tmp_path))

    used: set[str] = set()
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        descriptor = ref.get_object().get("/FontDescriptor")
        program = descriptor.get_object().get("/FontFile") if descriptor else None
        if program is None or b"eexec" not in (data := program.get_object().get_data()):
            continue
        plain, _ = decrypt(data[data.index(b"eexec") + 6 :], 55665)
        used |= {name.decode() for name in re.findall(rb"/(cid\d+)", plain)}

    checked = 0
    for family in ("Noto Serif CJK SC", "Noto Sans CJK SC"):
        path = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True).stdout
        if not path.endswith(".ttc"):
            continue
        faces = {face["name"].getDebugName(1): face.getBestCmap() for face in TTCollection(path).fonts}
        sc = {faces[family][ord(ch)] for ch in REGIONAL}
        jp = {faces[family.replace("SC", "JP")][ord(ch)] for ch in REGIONAL}
        assert sc <= used, f"{family}: the SC glyphs of {REGIONAL} are not in the PDF"
        assert not (jp - sc) & used, f"{family}: the PDF holds the JP glyphs of {REGIONAL}"
        checked += 1
    assert checked == 2, "fonts-noto-cjk (Noto Serif/Sans CJK collections) is not installed"
