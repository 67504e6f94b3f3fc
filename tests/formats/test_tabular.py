"""Readers: containers sniffed from bytes, encodings, streamed rows, never a float."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.formats.tabular import UnreadableFile, detect_encoding, read_rows, sniff, write_csv, write_xlsx

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
