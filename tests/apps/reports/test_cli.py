"""jixiao report: the CLI writes the report in each format; PDF without LibreOffice says so in Chinese."""

from __future__ import annotations

import pytest

from jixiao.cli import main

pytestmark = pytest.mark.django_db


def test_report_cli_writes_the_text_report_and_prints_its_path(ledger, tmp_path, capsys):
    out = tmp_path / "report.txt"
    assert (
        main(["report", "--department", ledger.name, "--year", "2023", "--format", "txt", "--out", str(out)])
        == 0
    )
    assert f"已生成：{out.resolve()}" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert text.startswith("2023年度常宁市科学技术协会")
    assert "七、改进措施和建议" in text and "附件1" in text


def test_report_cli_writes_a_docx(ledger, tmp_path):
    out = tmp_path / "r.docx"
    assert (
        main(["report", "--department", ledger.code, "--year", "2023", "--format", "docx", "--out", str(out)])
        == 0
    )
    assert out.read_bytes()[:2] == b"PK"


def test_pdf_without_libreoffice_is_refused_with_a_clear_chinese_message(
    ledger, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr("jixiao.formats.pdf.soffice_binary", lambda: None)
    out = tmp_path / "r.pdf"
    assert (
        main(["report", "--department", ledger.name, "--year", "2023", "--format", "pdf", "--out", str(out)])
        == 2
    )
    assert "LibreOffice 未安装" in capsys.readouterr().out
    assert not out.exists()


def test_unknown_department_is_named_in_the_error(bureau, tmp_path, capsys):
    assert (
        main(["report", "--department", "不存在的单位", "--year", "2023", "--out", str(tmp_path / "x.docx")])
        == 2  # input that cannot be read; 1 is kept for "refused as final"
    )
    assert "不存在的单位" in capsys.readouterr().out
