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
        # the resolution is in the file, so a picture inserted without a width still prints at 16 cm
        assert [round(v) for v in image.info["dpi"]] == [charts.PNG_DPI, charts.PNG_DPI]


def test_png_is_opaque_and_keeps_the_exact_colours(three):
    image = Image.open(io.BytesIO(charts.chart_png(three[1])))
    assert image.mode == "RGB"  # a white chart on a white page needs no alpha channel
    colours = {colour for _count, colour in image.getcolors(1 << 20)}
    # exact white: an almost-white background shows as a grey box on the printed page
    assert image.getpixel((0, 0)) == (255, 255, 255)
    for hex_colour in (charts.PALETTE[0], charts.PALETTE[1]):  # the two years' bars
        assert tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)) in colours


def test_the_last_value_of_a_line_is_labelled_inside_the_picture(three):
    from matplotlib import rc_context

    monthly = three[2]
    with rc_context(charts._rc()):
        figure = charts._draw(monthly, dpi=charts.PNG_DPI)
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        labels = [t for t in figure.axes[0].texts if t.get_text() == "97.7%"]
        assert len(labels) == 1
        box = labels[0].get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width


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
    monkeypatch.setattr(charts, "_fontconfig_cjk_files", lambda: [])  # nor does fontconfig know one
    charts.cjk_font.cache_clear()
    try:
        with pytest.warns(charts.MissingCJKFontWarning, match="未找到中文字体.*fonts-noto-cjk"):
            assert charts.cjk_font() is None
    finally:
        monkeypatch.undo()
        charts.cjk_font.cache_clear()
        charts._rc.cache_clear()


def test_stacked_bars_and_partial_year_lines_draw_with_their_figures():
    from jixiao.domain.report.document import Chart, ChartKind, Series

    stacked = Chart(
        ChartKind.STACKED_BAR,
        "基本支出构成",
        ("2022年", "2023年"),
        (Series("人员经费", (D("110.5"), D("123.46"))), Series("公用经费", (D("22.89"), D("40.94")))),
        unit="万元",
    )
    svg = charts.chart_svg(stacked)
    ET.fromstring(svg.encode("utf-8"))
    half_year = charts.monthly_execution_chart([D("100000.00")] * 6, budget=D("1200000.00"), year=2024)
    assert half_year.series[0].values[5] == D("50.0")
    assert half_year.series[0].values[6] is None
    assert Image.open(io.BytesIO(charts.chart_png(half_year))).format == "PNG"


def test_pie_leaves_out_empty_slices():
    chart = charts.budget_composition_chart(
        personnel=D("1000000.00"), public=D("0.00"), project=D("500000.00"), year=2023
    )
    svg = charts.chart_svg(chart)
    # two wedges, no zero-width slice label
    assert svg.count('id="patch_') == 3  # background + two wedges


def test_the_execution_chart_grows_with_its_bars_and_draws_as_png_and_svg():
    from decimal import Decimal

    from jixiao.domain.report.chart_data import execution_bars, execution_progress_chart
    from jixiao.formats.charts import chart_png, progress_height, svg_element

    rows = [(f"单位{n}", Decimal(n) * Decimal("2.5"), Decimal(100)) for n in range(1, 41)]
    bars = execution_bars(rows, time_progress=Decimal(50), lag_points=Decimal(10), laggards_first=True)
    chart = execution_progress_chart(bars, time_progress=Decimal(50), title="各单位执行率")
    assert progress_height(40) > progress_height(4)
    png = chart_png(chart, dpi=50)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert height > width  # 40 bars: taller than wide
    svg = svg_element(chart, "dept-chart")
    assert svg.startswith("<svg") and 'aria-label="各单位执行率"' in svg
    # one bar per department, in the three status colours (behind by >10, within 10, on schedule)
    assert svg.count("fill: #b3261e") >= 1 and "fill: #c28a00" in svg and "fill: #2e7d32" in svg


def test_long_line_names_are_shortened_in_the_middle_to_fit_left_of_the_axis():
    from decimal import Decimal

    from jixiao.domain.report.chart_data import execution_bars, execution_progress_chart
    from jixiao.formats.charts import _fit, svg_element

    name = "项目支出・妇女儿童维权和家庭教育宣传服务能力提升・302商品和服务支出"
    assert _fit(name, 20) == "项目支出・妇女儿童…302商品和服务支出"
    assert (
        len(_fit(name, 20)) == 20
        and _fit(name, 20).startswith("项目支出")
        and _fit(name, 20).endswith("服务支出")
    )
    assert _fit("基本支出-人员经费", 20) == "基本支出-人员经费"
    rows = [(name, Decimal(40), Decimal(100)), ("基本支出-人员经费", Decimal(90), Decimal(100))]
    bars = execution_bars(rows, time_progress=Decimal(50), lag_points=Decimal(10), laggards_first=True)
    svg = svg_element(execution_progress_chart(bars, time_progress=Decimal(50), title="各指标执行率"), "c")
    assert name not in svg and "…" in svg  # the full name is in the chart's data table, not squeezed here
