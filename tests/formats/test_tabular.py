"""Readers: containers sniffed from bytes, encodings, streamed rows, never a float."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.formats import tabular
from jixiao.formats.tabular import (
    LimitExceeded,
    UnreadableFile,
    detect_encoding,
    estimate_rows,
    is_date_format,
    read_rows,
    sniff,
    write_csv,
    write_xlsx,
)

ROWS = [["日期", "凭证号", "摘要", "金额"], ["2023-03-01", "记-1", "购买办公用品", "1,234.56"]]


def test_gbk_csv_without_bom_is_decoded_as_gb18030(tmp_path):
    path = write_csv(tmp_path / "gbk.csv", ROWS, encoding="gbk")
    assert detect_encoding(path.read_bytes()) == "gb18030"
    assert list(read_rows(path)) == ROWS


def test_utf8_csv_with_bom_and_utf16_are_read(tmp_path):
    utf8 = write_csv(tmp_path / "bom.csv", ROWS, encoding="utf-8-sig")
    utf16 = write_csv(tmp_path / "u16.csv", ROWS, encoding="utf-16")
    assert list(read_rows(utf8)) == ROWS
    assert list(read_rows(utf16)) == ROWS


def test_blank_cells_come_back_as_none(tmp_path):
    path = write_csv(tmp_path / "b.csv", [["a", "", "b"]])
    assert list(read_rows(path)) == [["a", None, "b"]]


def test_xlsx_numbers_come_back_as_decimal_or_int_never_float(tmp_path):
    path = write_xlsx(
        tmp_path / "n.xlsx",
        [["金额", "日期"], [Decimal("1234.56"), dt.date(2023, 3, 1)], [Decimal("0.1"), 45742]],
    )
    rows = list(read_rows(path))
    assert rows[1][0] == Decimal("1234.56")
    assert rows[2] == [Decimal("0.1"), 45742]
    assert not any(isinstance(cell, float) for row in rows for cell in row)
    assert rows[1][1] in (dt.date(2023, 3, 1), dt.datetime(2023, 3, 1))


def test_html_table_saved_as_xls_is_read_with_its_meta_charset(tmp_path):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
        "<table><tr><th>日期</th><th colspan=2>借方</th></tr>"
        "<tr><td>2023-03-01</td><td>1,234.56</td><td></td></tr></table></body></html>"
    )
    path = tmp_path / "web.xls"
    path.write_bytes(html.encode("gbk"))
    assert sniff(path) == "html"
    assert list(read_rows(path)) == [["日期", "借方", None], ["2023-03-01", "1,234.56", None]]


def test_tab_separated_gbk_text_named_xls_is_read(tmp_path):
    path = tmp_path / "export.xls"
    path.write_bytes("成交时间\t金额\r\n2023-01-02\t5.00\r\n".encode("gbk"))
    assert sniff(path) == "text"
    assert list(read_rows(path)) == [["成交时间", "金额"], ["2023-01-02", "5.00"]]


def test_spreadsheetml_2003_xml_is_read(tmp_path):
    xml = """<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="凭证"><Table>
<Row><Cell><Data ss:Type="String">凭证号</Data></Cell><Cell><Data ss:Type="String">金额</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">记-1</Data></Cell><Cell ss:Index="3"><Data ss:Type="Number">12.5</Data></Cell></Row>
</Table></Worksheet></Workbook>"""
    path = tmp_path / "ss.xls"
    path.write_text(xml, encoding="utf-8")
    assert sniff(path) == "spreadsheetml"
    assert list(read_rows(path)) == [["凭证号", "金额"], ["记-1", None, Decimal("12.5")]]


def test_truncated_xlsx_is_refused_with_a_chinese_message(tmp_path):
    good = write_xlsx(tmp_path / "g.xlsx", ROWS)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:300])
    with pytest.raises(UnreadableFile, match="无法读取"):
        list(read_rows(broken))


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="空的"):
        list(read_rows(path))


def test_rows_are_streamed_not_loaded(tmp_path):
    path = write_csv(tmp_path / "big.csv", ([str(i), "x"] for i in range(50_000)))
    rows = read_rows(path)
    assert next(rows) == ["0", "x"]
    assert next(rows) == ["1", "x"]


# ---------------------------------------------------------------- .xlsx, our streaming reader

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package(path, sheet, *, shared=None, styles=None, prefix="", date1904=False):
    """A minimal .xlsx written by hand, the way other producers (Excel, WPS, .NET) lay it out."""
    ns = f'xmlns{":" + prefix.rstrip(":") if prefix else ""}="{MAIN}"'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><{prefix}workbook {ns} xmlns:r="{RELS}">'
        + (f'<{prefix}workbookPr date1904="1"/>' if date1904 else "")
        + f'<{prefix}sheets><{prefix}sheet name="凭证" sheetId="1" r:id="rId1"/></{prefix}sheets></{prefix}workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><{prefix}worksheet {ns}>'
        f'<{prefix}dimension ref="A1:H9"/><{prefix}sheetData>{sheet}</{prefix}sheetData></{prefix}worksheet>',
    }
    if shared is not None:
        items = "".join(f"<{prefix}si>{item}</{prefix}si>" for item in shared)
        parts["xl/sharedStrings.xml"] = f'<?xml version="1.0"?><{prefix}sst {ns}>{items}</{prefix}sst>'
    if styles is not None:
        parts["xl/styles.xml"] = (
            f'<?xml version="1.0"?><{prefix}styleSheet {ns}>{styles}</{prefix}styleSheet>'
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


STYLES = (
    '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '<numFmt numFmtId="177" formatCode="#,##0.00_);[Red]\\(#,##0.00\\)"/></numFmts>'
    '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/>'
    '<xf numFmtId="22"/></cellXfs>'
)


def test_excel_layout_with_shared_strings_date_styles_and_gaps_is_read_cell_by_cell(tmp_path):
    shared = [
        "<t>日期</t>",
        "<t>凭证号</t>",
        '<r><rPr><b/></rPr><t>摘</t></r><r><t xml:space="preserve">要 </t></r>',
        '<t>办公用品 &amp; 纸张</t><rPh sb="0" eb="1"><t>ban</t></rPh>',
        "<t>记-0001</t>",
    ]
    sheet = (
        '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="D1" t="s"><v>2</v></c></row>'
        '<row r="3"><c r="A3" s="1"><v>45000</v></c><c r="B3" s="0" t="s"><v>4</v></c>'
        '<c r="C3" s="3"><v>1234.5600000000001</v></c><c r="D3" t="s"><v>3</v></c></row>'
        '<row r="4" customHeight="1"><c r="A4" s="2"><v>45001</v></c>'
        "<c r='B4' t='inlineStr'><is><t>记-0002</t></is></c>"
        '<c r="C4" t="str"><f>TEXT(1,"0")</f><v>公式结果</v></c><c r="D4" t="b"><v>1</v></c>'
        '<c r="E4" t="e"><v>#N/A</v></c><c r="F4" s="4"><v>45001.5</v></c></row>'
        '<row r="5"/>'
        '<row r="6"><c t="n" r="C6" s="0"><v>-0.1</v></c><c><v>7</v></c></row>'
    )
    path = package(tmp_path / "excel.xlsx", sheet, shared=shared, styles=STYLES)
    assert list(read_rows(path)) == [
        ["日期", "凭证号", None, "摘要 "],
        [],
        [dt.date(2023, 3, 15), "记-0001", Decimal("1234.56"), "办公用品 & 纸张"],
        [dt.date(2023, 3, 16), "记-0002", "公式结果", "是", None, dt.datetime(2023, 3, 16, 12, 0)],
        [],
        [None, None, Decimal("-0.1"), 7],
    ]


def test_prefixed_elements_and_the_1904_date_system_are_understood(tmp_path):
    sheet = '<x:row r="1"><x:c r="A1" s="1"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>'
    path = package(
        tmp_path / "dotnet.xlsx",
        sheet,
        shared=["<x:t>&#20973;&#35777;</x:t>"],
        styles='<x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs>',
        prefix="x:",
        date1904=True,
    )
    assert list(read_rows(path)) == [[dt.date(1904, 1, 1), "凭证"]]


@pytest.mark.parametrize(
    ("code", "is_date"),
    [
        ("yyyy-mm-dd", True),
        ('yyyy"年"m"月"d"日"', True),
        ("[$-F800]dddd, mmmm dd, yyyy", True),
        ("h:mm:ss", True),
        ("#,##0.00", False),
        ("#,##0.00_);[Red]\\(#,##0.00\\)", False),
        ('0.00"元"', False),
        ("General", False),
        ("@", False),
    ],
)
def test_number_formats_that_show_dates_are_told_from_money_formats(code, is_date):
    assert is_date_format(code) is is_date


def test_the_reader_gives_what_calamine_gives_but_exact_decimals_instead_of_floats(tmp_path):
    from python_calamine import CalamineWorkbook

    rows = [
        ["日期", "凭证号", "摘要", "金额", "数量"],
        *(
            [
                dt.date(2023, 1, 1) + dt.timedelta(days=i),
                f"记-{i}",
                f"摘要<{i}>&“{i}”",
                Decimal(i * 37) / 100,
                i,
            ]
            for i in range(1, 400)
        ),
    ]
    path = write_xlsx(tmp_path / "c.xlsx", rows)
    ours = list(read_rows(path))
    theirs = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert len(ours) == len(theirs) == 400
    for mine, other in zip(ours[1:], theirs[1:], strict=True):
        assert mine[0] == other[0]
        assert mine[1:3] == other[1:3]
        assert Decimal(str(other[3])) == mine[3] and not isinstance(mine[3], float)
        assert mine[4] == int(other[4])


def test_rows_split_across_read_chunks_come_back_whole(tmp_path, monkeypatch):
    rows = [
        ["凭证号", "摘要", "金额"],
        *([f"记-{i}", "中文摘要" * (i % 7), Decimal(i) / 4] for i in range(1, 300)),
    ]
    path = write_xlsx(tmp_path / "k.xlsx", rows)
    whole = list(read_rows(path))
    monkeypatch.setattr(tabular, "XLSX_CHUNK_BYTES", 7)  # cuts tags and UTF-8 characters in two
    assert list(read_rows(path)) == whole
    assert whole[5] == ["记-5", "中文摘要" * 5, Decimal("1.25")]


def _traced_peak(path) -> tuple[int, list]:
    tracemalloc.start()
    count, last = 0, None
    for row in read_rows(path):
        count, last = count + 1, row
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, [count, last]


def test_memory_stays_flat_as_the_sheet_grows(tmp_path):
    def sheet(rows: int) -> str:
        return "".join(
            f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>记-{i:07d}</t></is></c><c r="B{i}"><v>{i}.25</v></c></row>'
            for i in range(1, rows + 1)
        )

    small, big = (
        package(tmp_path / "small.xlsx", sheet(40_000)),
        package(tmp_path / "big.xlsx", sheet(200_000)),
    )
    size = zipfile.ZipFile(big).getinfo("xl/worksheets/sheet1.xml").file_size
    small_peak, _ = _traced_peak(small)
    big_peak, seen = _traced_peak(big)
    assert seen == [200_000, ["记-0200000", Decimal("200000.25")]]
    assert size > 20_000_000
    assert big_peak < size / 5  # a few chunks of the sheet at a time, never the sheet
    assert abs(big_peak - small_peak) < 1_000_000  # five times the rows, the same memory


def test_the_row_count_is_estimated_from_the_dimension_or_by_counting_rows(tmp_path):
    assert estimate_rows(write_xlsx(tmp_path / "e.xlsx", [["a"], ["b"], ["c"]])) == 3
    path = package(tmp_path / "d.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"/>')
    assert estimate_rows(path) == 9  # the <dimension> says A1:H9


def test_streamed_xlsx_numbers_keep_fifteen_significant_digits_without_float(tmp_path):
    from jixiao.formats.tabular import _xlsx_number

    assert _xlsx_number("1234.5600000000001") == Decimal("1234.56")
    assert _xlsx_number("0.30000000000000004") == Decimal("0.3")
    assert _xlsx_number("45742") == 45742
    assert _xlsx_number("1E-3") == Decimal("0.001")


@given(st.text(max_size=40), st.booleans())
def test_cell_text_is_unescaped_exactly_as_an_xml_parser_would(text, numeric):
    from xml.sax.saxutils import escape

    from lxml import etree

    from jixiao.formats.tabular import _unescape

    text = "".join(
        ch
        for ch in text
        if ch in "\t\n" or (ch >= " " and ch not in "\ufffe\uffff" and not 0xD800 <= ord(ch) <= 0xDFFF)
    )
    written = "".join(f"&#{ord(ch)};" for ch in text) if numeric else escape(text)
    assert _unescape(written) == (etree.fromstring(f"<t>{written}</t>").text or "")
    assert _unescape(written) == text


def test_more_shared_strings_than_one_shard_are_found_by_index(tmp_path):
    count = 10_000
    shared = [f"<t>摘要{i}</t>" for i in range(count)]
    sheet = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>' for i in range(0, count, 997)
    )
    path = package(tmp_path / "many.xlsx", sheet, shared=shared)
    assert [row[0] for row in read_rows(path) if row] == [f"摘要{i}" for i in range(0, count, 997)]


def test_the_one_pass_chunk_reader_and_the_row_by_row_reader_agree(tmp_path, monkeypatch):
    rows = [
        ["日期", "凭证号", "摘要", "金额", None, "数量"],
        *(
            [
                dt.date(2023, 2, 1) + dt.timedelta(days=i % 30),
                f"记-{i}",
                f"摘要&{i}" if i % 3 else None,
                Decimal(i) / 8,
                None,
                i,
            ]
            for i in range(1, 2000)
        ),
    ]
    path = write_xlsx(tmp_path / "q.xlsx", rows)
    quick = list(read_rows(path))
    monkeypatch.setattr(tabular._SheetReader, "quick_rows", lambda self, piece: None)
    assert list(read_rows(path)) == quick
    assert quick[9] == [dt.date(2023, 2, 10), "记-9", None, Decimal("1.125"), None, 9]


def _web_xls(path, body: str, *, charset: str = "gb2312"):
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
        f"<body><table>{body}</table></body></html>"
    )
    path.write_bytes(page.encode("gbk"))
    return path


def test_html_rowspan_keeps_every_later_cell_in_its_own_column(tmp_path):
    # A web 序时账 merges 凭证日期 and 凭证号 over the lines of one voucher: Excel shows the key in
    # the first line and leaves the merged cells below it empty; the other cells stay in place.
    path = _web_xls(
        tmp_path / "merged.xls",
        "<tr><th>凭证日期</th><th>凭证号</th><th>摘要</th><th>借方金额</th></tr>"
        "<tr><td rowspan=2>2023-10-11</td><td rowspan='2'>记-1011</td><td>办公费</td><td>860.00</td></tr>"
        "<tr><td>差旅费</td><td>120.50</td></tr>"
        "<tr><td>2023-10-12</td><td>记-1012</td><td>会议费</td><td>40.00</td></tr>",
    )
    assert list(read_rows(path)) == [
        ["凭证日期", "凭证号", "摘要", "借方金额"],
        ["2023-10-11", "记-1011", "办公费", "860.00"],
        [None, None, "差旅费", "120.50"],
        ["2023-10-12", "记-1012", "会议费", "40.00"],
    ]


def test_html_rowspan_and_colspan_together_cover_a_block_and_a_rowspan_in_the_middle(tmp_path):
    path = _web_xls(
        tmp_path / "block.xls",
        "<tr><th rowspan=2>日期</th><th colspan=2>借方</th><th rowspan=2>摘要</th></tr>"
        "<tr><th>数量</th><th>金额</th></tr>"
        "<tr><td>2023-01-02</td><td colspan=2 rowspan=2>合并</td><td>甲</td></tr>"
        "<tr><td>2023-01-03</td><td>乙</td></tr>"
        "<tr><td>2023-01-04</td><td rowspan=3>5</td><td>6.00</td><td>丙</td></tr>"
        "<tr><td>2023-01-05</td><td>7.00</td><td>丁</td></tr>",
    )
    assert list(read_rows(path)) == [
        ["日期", "借方", None, "摘要"],
        [None, "数量", "金额"],
        ["2023-01-02", "合并", None, "甲"],
        ["2023-01-03", None, None, "乙"],
        ["2023-01-04", "5", "6.00", "丙"],
        ["2023-01-05", None, "7.00", "丁"],  # the rowspan of 3 outlives the table: nothing left over
    ]


def test_html_spans_do_not_leak_from_one_table_into_the_next(tmp_path):
    path = tmp_path / "two.xls"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body>'
        "<table><tr><td rowspan=5>甲</td><td>1</td></tr></table>"
        "<table><tr><td>乙</td><td>2</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert list(read_rows(path)) == [["甲", "1"], ["乙", "2"]]


def test_html_span_values_that_are_not_numbers_count_as_one(tmp_path):
    path = _web_xls(
        tmp_path / "odd.xls",
        "<tr><td rowspan=x colspan=''>a</td><td rowspan=0>b</td></tr><tr><td>c</td></tr>",
    )
    assert list(read_rows(path)) == [["a", "b"], ["c"]]


def test_html_spans_beyond_excels_sheet_are_refused_naming_the_limit(tmp_path):
    wide = _web_xls(tmp_path / "wide.xls", "<tr><td colspan=900000000>a</td></tr>")
    with pytest.raises(UnreadableFile, match="最多16,384列"):
        list(read_rows(wide))
    tall = _web_xls(tmp_path / "tall.xls", "<tr><td rowspan=2000000>a</td></tr>")
    with pytest.raises(UnreadableFile, match="最多1,048,576"):
        list(read_rows(tall))


def test_csv_beyond_the_row_limit_is_refused_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "_MAX_ROWS", 5)
    path = tmp_path / "rows.csv"
    path.write_text("a\n" * 5, encoding="utf-8")
    assert len(list(read_rows(path))) == 5
    path.write_text("a\n" * 6, encoding="utf-8")
    with pytest.raises(LimitExceeded, match="超过了表格行数上限"):
        list(read_rows(path))


def test_a_text_file_without_line_breaks_is_refused_before_it_is_read_whole(tmp_path, monkeypatch):
    from jixiao.formats import limits

    monkeypatch.setattr(
        limits, "RECORD", limits.Limit("record", 3 << 20, "一行（或一个字符串）的数据大小", "bytes")
    )
    ok = tmp_path / "ok.csv"
    line = b",".join([b"x" * 32_000] * 60)  # 1.9 MB: 60 cells, each within Excel's 32,767 characters
    ok.write_bytes(b"a,b\r" + (line + b"\r") * 3)  # old Mac line ends count as line breaks too
    assert [len(row) for row in read_rows(ok)] == [2, 60, 60, 60]
    one_line = tmp_path / "one.csv"
    one_line.write_bytes(b"a," * (2 << 20))
    with pytest.raises(
        LimitExceeded, match=r"文件中有一行超过了一行（或一个字符串）的数据大小上限（最多3 MiB）"
    ):
        list(read_rows(one_line))


def test_spreadsheetml_row_index_leaves_the_skipped_rows_empty(tmp_path):
    xml = """<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="凭证"><Table>
<Row><Cell><Data ss:Type="String">凭证号</Data></Cell></Row>
<Row ss:Index="4"><Cell ss:MergeAcross="2"><Data ss:Type="String">合并</Data></Cell><Cell><Data ss:Type="Number">3</Data></Cell></Row>
</Table></Worksheet></Workbook>"""
    path = tmp_path / "gaps.xls"
    path.write_text(xml, encoding="utf-8")
    assert list(read_rows(path)) == [["凭证号"], [], [], ["合并", None, None, 3]]


def test_xlsx_rows_without_numbers_are_counted_against_the_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "_MAX_ROWS", 3)
    rows = "".join(f'<row><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 4))
    assert list(read_rows(package(tmp_path / "three.xlsx", rows))) == [[1], [2], [3]]
    with pytest.raises(LimitExceeded, match="工作表的行数超过了表格行数上限"):
        list(read_rows(package(tmp_path / "four.xlsx", rows + '<row><c r="A4"><v>4</v></c></row>')))


def test_a_closing_tag_cut_between_two_reads_is_found(tmp_path, monkeypatch):
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>第{i}行</t></is></c></row>' for i in range(1, 200)
    )
    path = package(tmp_path / "cut.xlsx", rows)
    expected = [[f"第{i}行"] for i in range(1, 200)]
    for size in (7, 11, 13, 64):  # chunk sizes that cut </row> and </sheetData> in every place
        monkeypatch.setattr(tabular, "XLSX_CHUNK_BYTES", size)
        assert list(read_rows(path)) == expected


def test_nothing_after_sheet_data_is_read(tmp_path):
    # The rows end at </sheetData>: what follows (merge lists, extensions) is not held in memory.
    path = tmp_path / "tail.xlsx"
    package(path, '<row r="1"><c r="A1"><v>1</v></c></row>')
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", "</sheetData><mergeCells>" + "<mergeCell ref='A1:B1'/>" * 2_000_000 + "</mergeCells>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert list(read_rows(path)) == [[1]]  # 48 MB after the rows, over the 32 MiB a row may hold


def test_long_numbers_keep_fifteen_digits_without_trailing_zeros(tmp_path):
    path = package(tmp_path / "n.xlsx", '<row r="1"><c r="A1"><v>650.07000000000005</v></c></row>')
    (value,) = next(iter(read_rows(path)))
    assert value == Decimal("650.07") and str(value) == "650.07"
