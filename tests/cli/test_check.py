"""jixiao check: files in, findings out; exit 0 / 1 / 2; no database needed."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.formats.report_readers import UnreadableReport, decode_text, read_report

TEXTS = Path(__file__).resolve().parents[1] / "domain" / "checker" / "texts"
SEED = TEXTS / "2023-changning-kexie-report.txt"
BOMBS = Path(__file__).resolve().parents[1] / "formats" / "bombs"
WRONG = "一、部门概况\n本年支出100万元，比上年增加10万元，增长20.0%。\n"


def run_json(capsys, *args):
    code = main(["check", *map(str, args), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_seed_as_json_has_the_documented_shape_and_offsets_into_the_file(capsys):
    code, payload = run_json(capsys, SEED)
    assert code == 0
    assert set(payload) == {"file", "findings", "figures", "summary"}
    assert payload["file"] == str(SEED)
    text = SEED.read_text(encoding="utf-8")
    assert payload["findings"]
    for finding in payload["findings"]:
        assert set(finding) == {"rule", "severity", "message", "location", "expected", "found"}
        location = finding["location"]
        assert text[location["start"] : location["end"]] == location["quote"]
    rules = {f["rule"] for f in payload["findings"]}
    assert {"heading.numbering", "key_figures.missing", "yoy.arithmetic"} <= rules


def test_a_folder_checks_every_report_in_it_and_prints_a_json_array(capsys):
    code, payload = run_json(capsys, TEXTS)
    assert code == 0  # no corpus text, nor the seed, nor the consistent samples has an error
    names = [Path(item["file"]).name for item in payload]
    assert len(names) == 15 and "README.md" not in names
    assert names == sorted(names)


def test_error_level_finding_gives_exit_code_1(tmp_path, capsys):
    report = tmp_path / "错误.txt"
    report.write_text(WRONG, encoding="utf-8")
    code, payload = run_json(capsys, report)
    assert code == 1
    assert payload["summary"]["errors"] == 1


def test_unreadable_input_gives_exit_code_2_and_a_chinese_message(tmp_path, capsys):
    old_word = tmp_path / "旧版.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    assert main(["check", str(old_word)]) == 2
    assert "另存为 .docx" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "没有这个文件.txt")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_unreadable_file_among_others_still_reports_the_others(tmp_path, capsys):
    (tmp_path / "好.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "坏.docx").write_bytes(b"not a zip")
    code = main(["check", str(tmp_path), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert code == 2
    by_name = {Path(item["file"]).name: item for item in payload}
    assert by_name["好.txt"]["summary"]["errors"] == 1
    assert by_name["坏.docx"]["findings"][0]["rule"] == "input.unreadable"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_gbk_gb18030_and_bom_text_give_the_same_findings_as_utf8(tmp_path, capsys, encoding):
    text = SEED.read_text(encoding="utf-8")
    report = tmp_path / f"seed-{encoding}.txt"
    report.write_bytes(text.encode(encoding))
    code, payload = run_json(capsys, report)
    _, reference = run_json(capsys, SEED)
    assert code == 0
    assert payload["findings"] == reference["findings"]
    decoded, _ = decode_text(report.read_bytes())
    assert decoded == text
    for finding in payload["findings"]:
        location = finding["location"]
        assert decoded[location["start"] : location["end"]] == location["quote"]


def test_docx_paragraphs_and_tables_are_read_in_document_order(tmp_path, capsys):
    from docx import Document

    document = Document()
    document.add_paragraph("一、部门概况")
    document.add_paragraph("本年支出100万元，比上年增加10万元，增长20.0%。")
    table = document.add_table(rows=2, cols=7)
    header = ["", "年初预算数", "全年预算数", "全年执行数", "执行率", "执行率权重", "执行率得分"]
    row = ["财政拨款", "100.00", "100.00", "90.00", "90.00", "10", "8.00"]
    for cells, values in zip(table.rows, (header, row), strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("二、部门整体支出情况")
    path = tmp_path / "报告.docx"
    document.save(path)

    read = read_report(path)
    lines = read.text.split("\n")
    assert lines[0] == "一、部门概况"
    assert lines[3] == "财政拨款 | 100.00 | 100.00 | 90.00 | 90.00 | 10 | 8.00"
    assert lines[-1] == "二、部门整体支出情况"

    code, payload = run_json(capsys, path)
    assert code == 1
    found = {(f["rule"], f["expected"], f["found"]) for f in payload["findings"]}
    assert ("yoy.arithmetic", "11.1%", "20.0%") in found
    assert ("score.recompute", "9.00", "8.00") in found
    for finding in payload["findings"]:
        location = finding["location"]
        assert read.text[location["start"] : location["end"]] == location["quote"]


def test_scanned_pdf_without_text_layer_is_refused_clearly(tmp_path, capsys):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "扫描件.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableReport, match="没有文字层"):
        read_report(path)
    assert main(["check", str(path)]) == 2
    assert "没有文字层" in capsys.readouterr().err


def test_pdf_with_a_text_layer_is_checked(tmp_path, capsys):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    fonts = [f.name for f in font_manager.fontManager.ttflist if "CJK SC" in f.name]
    if not fonts:
        pytest.skip("没有中文字体（Debian fonts-noto-cjk），无法生成带中文文字层的 PDF")
    plt.rcParams["pdf.fonttype"] = 42
    plt.rcParams["font.family"] = [fonts[0]]
    figure = plt.figure(figsize=(8.27, 11.69))
    figure.text(0.1, 0.9, "一、部门概况")
    figure.text(0.1, 0.85, "本年支出100万元，比上年增加10万元，增长20.0%。")
    path = tmp_path / "报告.pdf"
    figure.savefig(path)
    plt.close(figure)
    code, payload = run_json(capsys, path)
    assert code == 1
    assert payload["summary"]["format"] == "pdf"
    assert any(f["rule"] == "yoy.arithmetic" and f["found"] == "20.0%" for f in payload["findings"])


def test_xlsx_output_and_summary_have_chinese_headers_and_a_frozen_header_row(tmp_path, capsys):
    out = tmp_path / "问题清单.xlsx"
    summary = tmp_path / "汇总.xlsx"
    code = main(
        [
            "check",
            str(SEED),
            str(TEXTS / "02_zhongxian_kexie_2024_zhengti_table.txt"),
            "--format",
            "xlsx",
            "--out",
            str(out),
            "--summary",
            str(summary),
        ]
    )
    assert code == 0
    capsys.readouterr()
    findings = load_workbook(out)["问题清单"]
    assert [c.value for c in findings[1]][:4] == ["文件", "级别", "规则", "说明"]
    assert findings.freeze_panes == "A2"
    rules = [row[2] for row in findings.iter_rows(min_row=2, values_only=True)]
    assert "heading.numbering" in rules and "score.recompute" in rules
    book = load_workbook(summary)
    assert book.sheetnames == ["汇总", "问题清单"]
    sheet = book["汇总"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:3] == ["文件", "报告类型", "全文完整"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [Path(r[0]).name for r in rows] == [SEED.name, "02_zhongxian_kexie_2024_zhengti_table.txt"]
    assert rows[0][2] == "是" and rows[1][2] == "否（中途结束）"


def test_text_output_names_severity_rule_and_place(capsys):
    assert main(["check", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "[警告] heading.numbering" in out
    assert "「部门专项组织实施情况」" in out


def test_out_writes_the_report_to_a_file(tmp_path, capsys):
    out = tmp_path / "结果.json"
    assert main(["check", str(SEED), "--format", "json", "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["file"] == str(SEED)


def test_check_runs_without_django_or_a_database(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(WRONG, encoding="utf-8")
    script = (
        "import sys\n"
        "from jixiao.cli import main\n"
        f"code = main(['check', {str(report)!r}, '--format', 'json'])\n"
        "import django.apps\n"
        "sys.stderr.write('READY=%s CODE=%s' % (django.apps.apps.ready, code))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert "READY=False CODE=1" in completed.stderr


def test_pdf_lines_wrapped_inside_a_paragraph_are_joined_and_page_numbers_dropped():
    from jixiao.formats.report_readers import unwrap_pdf_page

    page = (
        "一、部门概况\n"
        "本部门年初预算支出208.4万元，比上年增加24.01万元，增\n"
        "长13.0%，增加变化的主要原因是：公用经费年初预算安排\n"
        "增加。\n"
        "（一）专项组织情况分析\n"
        "- 3 -"
    )
    assert unwrap_pdf_page(page) == (
        "一、部门概况\n"
        "本部门年初预算支出208.4万元，比上年增加24.01万元，增长13.0%，增加变化的主要原因是：公用经费年初预算安排增加。\n"
        "（一）专项组织情况分析"
    )


def _numbered_docx(path):
    """A .docx whose headings are numbered by Word (numbering.xml), not typed: 一、 二、 四、."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        paragraph = document.add_paragraph(text)
        properties = paragraph._p.get_or_add_pPr()
        properties.append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
        assert properties.find(qn("w:numPr")) is not None

    numbered("部门概况", 0)
    numbered("部门职能", 1)
    numbered("机构设置", 1)
    numbered("部门整体支出情况", 0)
    document.add_paragraph("正文。")
    document.save(path)


def test_docx_headings_numbered_by_word_are_read_with_their_numbers(tmp_path):
    path = tmp_path / "自动编号.docx"
    _numbered_docx(path)
    assert read_report(path).text.split("\n") == [
        "一、部门概况",
        "（一）部门职能",
        "（二）机构设置",
        "二、部门整体支出情况",
        "正文。",
    ]


def _minimal_pdf(content: bytes, *, page_extra: bytes = b"/MediaBox [0 0 595 842]") -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R "
        + page_extra
        + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _check_in_a_process(*paths):
    script = "import sys\nfrom jixiao.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run(
        [sys.executable, "-c", script, "check", *map(str, paths), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )


def test_a_mixed_batch_exits_2_yet_reports_every_readable_file(tmp_path):
    (tmp_path / "a-错误.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "b-空.txt").write_bytes(b"")
    (tmp_path / "c-损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    from docx import Document

    Document().save(tmp_path / "d-没有文字.docx")  # a Word file with nothing typed in it
    (tmp_path / "e-假装.pdf").write_text("这其实是一段文字", encoding="utf-8")
    (tmp_path / "f-炸弹.docx").write_bytes((BOMBS / "docx_text_node_1gb.docx").read_bytes())
    (tmp_path / "g-好.txt").write_text("一、部门概况\n本单位2023年支出100万元。\n", encoding="utf-8")
    completed = _check_in_a_process(tmp_path)
    assert completed.returncode == 2
    payload = {Path(item["file"]).name: item for item in json.loads(completed.stdout)}
    rules = {name: [f["rule"] for f in item["findings"]] for name, item in payload.items()}
    assert rules["a-错误.txt"] and payload["a-错误.txt"]["summary"]["errors"] == 1
    assert rules["b-空.txt"] == ["input.empty"]
    assert rules["c-损坏.docx"] == ["input.unreadable"]
    assert rules["d-没有文字.docx"] == ["input.empty"]
    assert rules["e-假装.pdf"] == ["input.unreadable"]
    assert rules["f-炸弹.docx"] == ["input.unreadable"]
    assert (
        "超过了单个须整体读入的XML部件的大小上限（最多32 MiB）"
        in payload["f-炸弹.docx"]["findings"][0]["message"]
    )
    assert payload["g-好.txt"]["summary"]["readable"] is True
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 5 and all(line.startswith("无法检查 ") for line in lines)  # only jixiao's own words


def test_an_empty_text_file_is_a_finding_not_a_silent_pass(tmp_path, capsys):
    path = tmp_path / "空白.txt"
    path.write_text(" \n\u3000\n", encoding="utf-8")
    code, payload = run_json(capsys, path)
    assert code == 2
    assert [f["rule"] for f in payload["findings"]] == ["input.empty"]
    assert "没有任何文字" in payload["findings"][0]["message"]


def test_pdf_library_messages_stay_off_stderr(tmp_path):
    warned = tmp_path / "线宽.pdf"
    warned.write_bytes(_minimal_pdf(b"/x w BT /F1 12 Tf 72 720 Td (Department report text one two) Tj ET"))
    boxless = tmp_path / "无页面框.pdf"
    boxless.write_bytes(
        _minimal_pdf(b"BT /F1 12 Tf 72 720 Td (Department report text one two) Tj ET", page_extra=b"")
    )
    completed = _check_in_a_process(warned, boxless)
    assert completed.returncode in (0, 1)
    assert completed.stderr == ""
    assert all(item["summary"]["readable"] for item in json.loads(completed.stdout))


def test_a_traceback_never_reaches_the_user_whatever_the_extension(tmp_path, capsys):
    for name, data in {
        "表格.xlsx": b"PK\x03\x04",
        "报告.md": b"\x00\x01\x02\x03" * 10,
        "图.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj trailer << /Root 1 0 R >>",
        "文.docx": b"",
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["check", str(path)]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith("无法检查 ") and "Traceback" not in err
