from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.report.document import (
    Chart,
    ChartKind,
    HeaderCell,
    Paragraph,
    Report,
    ReportStructureError,
    Section,
    Series,
    Table,
    date_text,
    header_grid,
)
from jixiao.domain.report.outline import (
    chinese_number,
    heading_numbers,
    number_text,
    renumber,
    run_in_paragraph,
    title_lines,
)


def _report(sections):
    return Report(title="测试报告", year=2023, department="测试单位", sections=tuple(sections))


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (7, "七"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九")]
)
def test_chinese_numbers_are_written_the_way_headings_use_them(n, text):
    assert chinese_number(n) == text


def test_each_level_has_its_own_number_form():
    assert [number_text(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]


def test_seven_top_headings_are_numbered_one_to_seven_whatever_was_typed():
    sections = [Section(1, f"部分{i}", (Paragraph.of("正文"),), number="九、") for i in range(7)]
    report = _report(sections)
    assert heading_numbers(report.sections) == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert report.sections[2].heading == "三、部分2"


def test_removing_a_section_leaves_no_gap():
    sections = [Section(1, name, (Paragraph.of("正文"),)) for name in ("概况", "支出", "专项", "资产")]
    report = _report(sections[:1] + sections[2:])
    assert [s.heading for s in report.sections] == ["一、概况", "二、专项", "三、资产"]


def test_lower_levels_restart_under_each_parent():
    report = _report(
        [
            Section(
                1, "甲", (Section(2, "子一", (Section(3, "点", (Paragraph.of("x"),)),)), Section(2, "子二"))
            ),
            Section(
                1, "乙", (Section(2, "子三", (Section(3, "点", (Section(4, "细", (Paragraph.of("y"),)),)),)),)
            ),
        ]
    )
    first, second = report.sections
    assert [c.heading for c in first.children] == ["（一）子一", "（二）子二"]
    assert second.children[0].heading == "（一）子三"
    assert second.children[0].children[0].heading == "1.点"
    assert second.children[0].children[0].children[0].heading == "（1）细"


@given(st.lists(st.lists(st.integers(min_value=0, max_value=3), max_size=5), min_size=1, max_size=12))
def test_numbering_never_skips_or_repeats_at_any_level(shape):
    sections = tuple(
        Section(
            1,
            f"一级{i}",
            tuple(
                Section(
                    2, f"二级{j}", tuple(Section(3, f"三级{k}") for k in range(depth)) or (Paragraph.of("x"),)
                )
                for j, depth in enumerate(kids)
            ),
        )
        for i, kids in enumerate(shape)
    )
    numbered = renumber(sections)
    assert [s.number for s in numbered] == [number_text(1, i) for i in range(1, len(shape) + 1)]
    for top, kids in zip(numbered, shape, strict=True):
        assert [c.number for c in top.children if isinstance(c, Section)] == [
            number_text(2, j) for j in range(1, len(kids) + 1)
        ]
        for child, depth in zip(top.children, kids, strict=False):
            if isinstance(child, Section):
                assert [g.number for g in child.children if isinstance(g, Section)] == [
                    f"{k}." for k in range(1, depth + 1)
                ]


def test_run_in_heading_takes_its_number_and_a_full_stop():
    section = renumber((Section(3, "提高思想认识", (Paragraph.of("树立绩效管理理念。"),), run_in=True),))[0]
    paragraph = run_in_paragraph(section)
    assert paragraph.text == "1.提高思想认识。树立绩效管理理念。"
    assert paragraph.runs[0].heading_level == 3
    assert paragraph.runs[1].heading_level is None


def test_run_in_without_title_is_just_the_number_as_the_seed_writes_it():
    section = renumber(
        (Section(3, "", (Paragraph.of("2023年，本部门年初预算支出208.4万元。"),), run_in=True),)
    )[0]
    assert run_in_paragraph(section).text == "1.2023年，本部门年初预算支出208.4万元。"


def test_a_heading_cannot_sit_under_a_heading_of_the_same_or_lower_level():
    with pytest.raises(ReportStructureError, match="“子项”（1级）不能放在“主项”（2级）之下"):
        Section(2, "主项", (Section(1, "子项"),))


def test_a_heading_without_words_is_refused_unless_run_in():
    with pytest.raises(ReportStructureError, match="第2级标题没有标题文字"):
        Section(2, "  ")


def test_long_title_breaks_before_its_subject_phrase():
    assert title_lines("2023年度常宁市科学技术协会整体支出绩效评价报告") == (
        "2023年度常宁市科学技术协会",
        "整体支出绩效评价报告",
    )
    assert title_lines("短标题") == ("短标题",)
    assert title_lines("第一行\n第二行") == ("第一行", "第二行")


def test_date_is_written_without_leading_zeros():
    assert date_text(date(2024, 3, 5)) == "2024年3月5日"
    assert date_text(date(2024, 12, 31)) == "2024年12月31日"


def test_table_row_with_wrong_width_is_refused_naming_table_and_row():
    with pytest.raises(ReportStructureError, match="表“决算表”第2行有2列，与表头的3列不一致"):
        Table(
            caption="决算表",
            header_rows=((HeaderCell("项目"), HeaderCell("预算"), HeaderCell("决算")),),
            body_rows=(("基本支出", "1", "2"), ("项目支出", "1")),
        )


def test_multi_level_header_is_laid_on_a_grid():
    rows = (
        (HeaderCell("项目", rowspan=2), HeaderCell("预算数", colspan=2), HeaderCell("决算数", rowspan=2)),
        (HeaderCell("年初"), HeaderCell("调整后")),
    )
    grid = header_grid(rows)
    assert grid == [[(0, 0), (0, 1), None, (0, 2)], [None, (1, 0), (1, 1), None]]
    table = Table(
        caption="表", header_rows=rows, body_rows=(("基本", "1", "2", "3"),), number_columns=(1, 2, 3)
    )
    assert table.column_count == 4


def test_header_rows_of_different_widths_are_refused():
    with pytest.raises(ReportStructureError, match="表头第2行覆盖1列"):
        Table(
            caption="表", header_rows=((HeaderCell("a"), HeaderCell("b")), (HeaderCell("c"),)), body_rows=()
        )


def test_chart_values_must_be_decimal_not_float():
    with pytest.raises(ReportStructureError, match="必须是Decimal"):
        Series("预算数", (1.5,))


def test_chart_series_must_match_categories_and_alt_table_keeps_figures():
    with pytest.raises(ReportStructureError, match="有1个数值，但有2个分类"):
        Chart(ChartKind.BAR, "图", ("甲", "乙"), (Series("s", (Decimal("1"),)),))
    chart = Chart(
        ChartKind.BAR,
        "支出对比",
        ("基本支出", "项目支出"),
        (Series("2023年", (Decimal("164.4"), Decimal("44"))),),
        unit="万元",
    )
    table = chart.alt_table()
    assert table.unit == "单位：万元"
    assert table.body_rows == (("基本支出", "164.4"), ("项目支出", "44"))


def test_report_walk_visits_every_block_in_document_order():
    report = _report([Section(1, "甲", (Paragraph.of("p1"), Section(2, "乙", (Paragraph.of("p2"),))))])
    assert [getattr(b, "text", getattr(b, "heading", None)) for _d, b in report.walk()] == [
        "一、甲",
        "p1",
        "（一）乙",
        "p2",
    ]


def test_sections_inside_an_annex_are_numbered_too():
    from jixiao.domain.report.document import Annex

    report = Report(
        title="测试报告",
        year=2023,
        department="测试单位",
        sections=(Section(1, "正文", (Paragraph.of("x"),)),),
        annexes=(
            Annex(
                "评分说明",
                (Section(1, "投入", (Paragraph.of("a"),)), Section(1, "过程", (Paragraph.of("b"),))),
            ),
        ),
    )
    assert [s.heading for s in report.annexes[0].children] == ["一、投入", "二、过程"]
