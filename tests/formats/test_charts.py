"""Charts: one drawing code for SVG (web) and PNG (Word), Chinese text in a CJK font."""

import io
import warnings
import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest
from PIL import Image

from jixiao.formats import charts
from tests.formats.sample_report import charts as sample_charts


@pytest.fixture(scope="module")
def three():
    return sample_charts()


def test_a_cjk_font_is_found_once_and_cached():
    font = charts.cjk_font()
    assert font is not None, "需要安装中文字体（fonts-noto-cjk）"
    assert "CJK" in font.name or "Hei" in font.name
    assert charts.cjk_font() is font


def test_svg_is_valid_titled_and_drawn_with_the_cjk_font(three):
    for chart in three:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a missing glyph would warn: "Glyph … missing from font(s)"
            svg = charts.chart_svg(chart)
        root = ET.fromstring(svg.encode("utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        # glyph outlines are named after the font they come from
        assert "NotoSansCJK" in svg or charts.cjk_font().name.replace(" ", "") in svg
        assert charts.ACCENT in svg.lower()


def test_png_is_valid_and_sized_for_the_page(three):
    for chart in three:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            png = charts.chart_png(chart)
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG"
        assert image.size == (
            round(charts.FIGSIZE[0] * charts.PNG_DPI),
            round(charts.FIGSIZE[1] * charts.PNG_DPI),
        )


def test_the_same_chart_draws_the_same_svg_twice(three):
    assert charts.chart_svg(three[1]) == charts.chart_svg(three[1])


def test_inline_svg_has_no_prolog_no_namespace_urls_and_an_accessible_name(three):
    element = charts.svg_element(three[0], "chart-1")
    assert element.startswith('<svg role="img" aria-label="2023年度预算支出构成" id="chart-1"')
    assert "http" not in element
    assert element.endswith("</svg>")


def test_value_labels_print_the_decimal_text_not_a_float():
    chart = charts.year_on_year_chart([("三公经费", D("2200.00"), D("3400.00"))], year=2023)
    assert [s.values for s in chart.series] == [(D("0.34"),), (D("0.22"),)]
    assert charts._label(D("0.22"), "万元") == "0.22"
    assert charts._label(D("97.7"), "%") == "97.7%"


def test_warns_clearly_when_no_cjk_font_is_installed(monkeypatch):
    monkeypatch.setattr(charts.font_manager.fontManager, "ttflist", [])
    charts.cjk_font.cache_clear()
    try:
        with pytest.warns(charts.MissingCJKFontWarning, match="未找到中文字体.*fonts-noto-cjk"):
            assert charts.cjk_font() is None
    finally:
        monkeypatch.undo()
        charts.cjk_font.cache_clear()
        charts._rc.cache_clear()
