"""Write the bomb corpus: small files that ask a reader for far more than they are.

    python tests/formats/bombs/make_bombs.py      # rewrites the files next to this script

Each file is the kind of attack issue 14 lists (and a few more of the same families); MANIFEST
says which limit of ``jixiao.formats.limits`` must refuse it. tests/formats/test_bombs.py checks
that every one is refused with a Chinese message naming that limit; bench/bench_bombs.py prints
the CPU time and peak memory each one costs (and what python-calamine does with the .xlsx ones).
Large members are written in pieces, so making the corpus takes little memory; members of a
gigabyte and more are bzip2-compressed (zipfile reads bzip2 as it reads deflate), the others
deflate, as Excel and Word write them.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIB = 1 << 20

# file name → (limit key it must meet, what it is)
MANIFEST: dict[str, tuple[str, str]] = {
    "spreadsheetml_cell_index.xls": ("columns", "SpreadsheetML, 1 KB: a cell with ss:Index=2,000,000,000"),
    "spreadsheetml_row_index.xls": ("rows", "SpreadsheetML: a row with ss:Index=900,000,000"),
    "spreadsheetml_merge_across.xls": ("columns", "SpreadsheetML: a cell with ss:MergeAcross=1,000,000,000"),
    "xlsx_row_900000000.xlsx": ("rows", '.xlsx, 1.5 KB: <row r="900000000">'),
    "xlsx_column_beyond_xfd.xlsx": ("columns", '.xlsx: a cell at column ZZZ (r="ZZZ1"), past XFD'),
    "xlsx_shared_strings_400mb.xlsx": ("shared_strings", ".xlsx: one shared string of 400 MB, deflated"),
    "xlsx_one_string_200mb.xlsx": ("record", ".xlsx: one shared string of 200 MB (table under 256 MiB)"),
    "xlsx_unclosed_whitespace.xlsx": ("record", ".xlsx: a sheet that opens a row, then 400 MB of whitespace"),
    "xlsx_zip_bomb.xlsx": ("decompressed", ".xlsx: a member of 1.5 GiB (bzip2)"),
    "xlsx_styles_bomb.xlsx": ("xml_part", ".xlsx: styles.xml of 100 MB (parsed whole by lxml)"),
    "xlsx_long_cell.xlsx": ("cell_chars", ".xlsx: an inline string of 40,000 characters"),
    "html_colspan.xls": ("columns", 'HTML saved as .xls: <td colspan="1000000000">'),
    "html_rowspan.xls": ("rows", 'HTML saved as .xls: <td rowspan="900000000">'),
    "html_long_cell.xls": ("cell_chars", "HTML saved as .xls: a cell of 40,000 characters"),
    "csv_wide.csv": ("columns", "CSV: a row of 20,000 columns"),
    "csv_long_cell.csv": ("cell_chars", "CSV: a cell of 40,000 characters"),
    "docx_text_node_1gb.docx": ("xml_part", ".docx: document.xml with one text node of 1 GB (bzip2)"),
    "docx_zip_bomb.docx": ("decompressed", ".docx: members of 2 GiB in all (bzip2)"),
    "pdf_flate_bomb.pdf": ("pdf_stream", "PDF: a page content stream that inflates to 200 MB"),
}

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX_BASE = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>",
    "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}">'
    '<sheets><sheet name="凭证" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>',
}


def sheet(rows: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>凭证号</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c></row>'


def write_member(
    archive: zipfile.ZipFile, name: str, head: str, fill: bytes, size: int, tail: str, method: int
) -> None:
    """A member of ``size`` bytes of ``fill`` between head and tail, written in pieces."""
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = method
    with archive.open(info, "w", force_zip64=True) as member:
        member.write(head.encode())
        block = fill * (MIB // len(fill))
        for _ in range(size // len(block)):
            member.write(block)
        member.write(tail.encode())


def xlsx(name: str, *, parts: dict[str, str] | None = None, big: tuple | None = None) -> None:
    members = {**XLSX_BASE, "xl/worksheets/sheet1.xml": sheet(HEADER_ROW), **(parts or {})}
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in members.items():
            if big is None or member != big[0]:
                info = zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0))
                archive.writestr(info, text, compress_type=zipfile.ZIP_DEFLATED)
        if big is not None:
            write_member(archive, *big)


def spreadsheetml(name: str, rows: str) -> None:
    (HERE / name).write_text(
        '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="凭证"><Table>'
        f'<Row><Cell><Data ss:Type="String">凭证号</Data></Cell></Row>{rows}</Table></Worksheet></Workbook>\n',
        encoding="utf-8",
    )


def html(name: str, rows: str) -> None:
    (HERE / name).write_bytes(
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            f"<table><tr><th>凭证号</th><th>金额</th></tr>{rows}</table></body></html>"
        ).encode("gbk")
    )


def docx(name: str, big: tuple) -> None:
    content_types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/octet-stream"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    body = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", (2024, 1, 1, 0, 0, 0)), content_types)
        archive.writestr(zipfile.ZipInfo("_rels/.rels", (2024, 1, 1, 0, 0, 0)), rels)
        if big[0] != "word/document.xml":
            archive.writestr(
                zipfile.ZipInfo("word/document.xml", (2024, 1, 1, 0, 0, 0)),
                body + "<w:p><w:r><w:t>报告</w:t></w:r></w:p></w:body></w:document>",
            )
        write_member(archive, *big)


def pdf(name: str, inflated: int) -> None:
    compressor = zlib.compressobj(9)
    block = b" " * MIB
    stream = b"".join(compressor.compress(block) for _ in range(inflated // MIB)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    (HERE / name).write_bytes(out)


def main() -> None:
    spreadsheetml(
        "spreadsheetml_cell_index.xls",
        '<Row><Cell ss:Index="2000000000"><Data ss:Type="String">x</Data></Cell></Row>',
    )
    spreadsheetml(
        "spreadsheetml_row_index.xls",
        '<Row ss:Index="900000000"><Cell><Data ss:Type="String">x</Data></Cell></Row>',
    )
    spreadsheetml(
        "spreadsheetml_merge_across.xls",
        '<Row><Cell ss:MergeAcross="1000000000"><Data ss:Type="String">x</Data></Cell></Row>',
    )
    xlsx(
        "xlsx_row_900000000.xlsx",
        parts={
            "xl/worksheets/sheet1.xml": sheet(
                HEADER_ROW + '<row r="900000000"><c r="A900000000"><v>1</v></c></row>'
            )
        },
    )
    xlsx(
        "xlsx_column_beyond_xfd.xlsx",
        parts={"xl/worksheets/sheet1.xml": sheet(HEADER_ROW + '<row r="2"><c r="ZZZ2"><v>1</v></c></row>')},
    )
    one_string = '<?xml version="1.0"?><sst xmlns="' + MAIN + '" count="1" uniqueCount="1"><si><t>'
    shared = ("xl/worksheets/sheet1.xml", sheet(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'))
    xlsx(
        "xlsx_shared_strings_400mb.xlsx",
        parts=dict([shared]),
        big=("xl/sharedStrings.xml", one_string, b"a", 400 * MIB, "</t></si></sst>", zipfile.ZIP_DEFLATED),
    )
    xlsx(
        "xlsx_one_string_200mb.xlsx",
        parts=dict([shared]),
        big=("xl/sharedStrings.xml", one_string, b"a", 200 * MIB, "</t></si></sst>", zipfile.ZIP_DEFLATED),
    )
    whitespace_head = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">'
    )
    xlsx(
        "xlsx_unclosed_whitespace.xlsx",
        big=("xl/worksheets/sheet1.xml", whitespace_head, b" ", 400 * MIB, "", zipfile.ZIP_DEFLATED),
    )
    xlsx("xlsx_zip_bomb.xlsx", big=("xl/media/image1.bin", "", b"\0", 1536 * MIB, "", zipfile.ZIP_BZIP2))
    styles_head = f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="'
    xlsx(
        "xlsx_styles_bomb.xlsx",
        big=(
            "xl/styles.xml",
            styles_head,
            b"0",
            100 * MIB,
            '"/></numFmts></styleSheet>',
            zipfile.ZIP_DEFLATED,
        ),
    )
    long_text = "长" * 40_000
    xlsx(
        "xlsx_long_cell.xlsx",
        parts={
            "xl/worksheets/sheet1.xml": sheet(
                HEADER_ROW + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{long_text}</t></is></c></row>'
            )
        },
    )
    html("html_colspan.xls", '<tr><td colspan="1000000000">记-1</td><td>1.00</td></tr>')
    html("html_rowspan.xls", '<tr><td rowspan="900000000">记-1</td><td>1.00</td></tr>')
    html("html_long_cell.xls", f"<tr><td>{long_text}</td><td>1.00</td></tr>")
    (HERE / "csv_wide.csv").write_text("凭证号,金额\n" + ",".join(["1"] * 20_000) + "\n", encoding="utf-8")
    (HERE / "csv_long_cell.csv").write_text(f"凭证号,金额\n{long_text},1.00\n", encoding="utf-8")
    text_head = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
    docx(
        "docx_text_node_1gb.docx",
        (
            "word/document.xml",
            text_head,
            b"a",
            1000 * MIB,
            "</w:t></w:r></w:p></w:body></w:document>",
            zipfile.ZIP_BZIP2,
        ),
    )
    docx("docx_zip_bomb.docx", ("word/media/image1.bin", "", b"\0", 2048 * MIB, "", zipfile.ZIP_BZIP2))
    pdf("pdf_flate_bomb.pdf", 200 * MIB)


if __name__ == "__main__":
    main()
    for name in MANIFEST:
        print(f"{(HERE / name).stat().st_size:>10,}  {name}")
