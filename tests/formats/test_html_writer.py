"""The HTML page stands alone: inline CSS and SVG, no outside resource."""

import re
from html.parser import HTMLParser

import pytest

from jixiao.formats.html_writer import render_html
from tests.formats.sample_report import FIGURES, HEADINGS, sample_report


@pytest.fixture(scope="module")
def html():
    return render_html(sample_report())


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html):
    parser = _Collect()
    parser.feed(html)
    return parser


def test_no_outside_resource_is_referenced(html):
    assert not re.search(r"https?://", html)
    assert not re.search(r"""(src|href)\s*=\s*(["'])(?!#)""", html)
    assert "@import" not in html
    assert re.findall(r"url\(([^)]*)\)", html) == [
        u for u in re.findall(r"url\(([^)]*)\)", html) if u.startswith("#")
    ]


def test_ids_are_unique_across_the_inline_charts(html):
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids
    tags = {tag for tag, _attrs in _parse(html).tags}
    assert not tags & {"script", "link", "img", "iframe", "object"}


def test_page_is_one_document_with_inline_style_and_three_inline_charts(html):
    parsed = _parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert [tag for tag, _a in parsed.tags].count("style") == 1
    svgs = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(svgs) == 3
    assert all(a["role"] == "img" and a["aria-label"] for a in svgs)
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_headings_and_figures_are_all_there(html):
    text = "".join(_parse(html).text)
    for heading in HEADINGS:
        assert f"<h2>{heading}</h2>" in html
    for figure in FIGURES:
        assert figure in text


def test_tables_have_scoped_header_cells_and_a_caption_with_unit(html):
    parsed = _parse(html)
    scopes = [attrs.get("scope") for tag, attrs in parsed.tags if tag == "th"]
    assert "col" in scopes and "row" in scopes and "colgroup" in scopes
    assert None not in scopes
    assert '<caption>表1　2023年度预算及决算执行情况<span class="unit">单位：万元</span></caption>' in html
    assert '<th scope="colgroup" colspan="2">预算数</th>' in html
    assert '<tr class="total"><th scope="row" class="">合计</th>' not in html
    assert '<tr class="total"><th scope="row">合计</th><td class="num">208.40</td>' in html


def test_demo_label_is_shown_and_absent_for_a_real_report(html):
    assert "演示数据" in html.split("<h1")[1].split("</h1>")[0] or 'class="demo-label"' in html
    assert "演示数据" not in render_html(sample_report(demo=False))


def test_print_layout_is_a4_with_gongwen_margins(html):
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in html


def test_run_in_headings_read_as_in_the_document(html):
    assert (
        '<p><span class="lead-3" role="heading" aria-level="4">2.“三公”经费支出情况。</span>2023年，“三公”经费完成0.22万元'
        in html
    )
