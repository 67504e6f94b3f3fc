"""The 报告体检 page: upload reports, see the findings highlighted; nothing is stored."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PASSWORD

SEED = (
    Path(__file__).resolve().parents[2] / "domain" / "checker" / "texts" / "2023-changning-kexie-report.txt"
)


def test_page_needs_login(client, db):
    response = client.get(reverse("checks:check"))
    assert response.status_code == 302


def test_seed_upload_shows_findings_highlighted_in_the_text(client, officer):
    client.login(username=officer.username, password=PASSWORD)
    seed = SimpleUploadedFile("seed.txt", SEED.read_bytes(), content_type="text/plain")
    gbk = SimpleUploadedFile(
        "gbk.txt", "一、部门概况\n本部门年初预算100万元，比上年增加10万元，增长50.0%。".encode("gbk")
    )
    response = client.post(reverse("checks:check"), {"files": [seed, gbk], "report_type": "zhengti"})
    html = response.content.decode()
    assert response.status_code == 200
    # The seed: missing 三、, 决算/执行率 absent, 派遗 typo — each highlighted in the text.
    assert "部门专项组织实施情况" in html and "决算" in html
    assert 'class="sev-warning"' in html
    assert "派遣" in html
    # The GBK file: 10/90 = 11.1%, not 50.0% — an error, marked in the text.
    assert "有错误" in html
    assert '<mark id="f2-' in html and 'class="sev-error"' in html


def test_docx_and_unreadable_files_are_reported_per_file(client, officer):
    client.login(username=officer.username, password=PASSWORD)
    document = docx.Document()
    document.add_paragraph("一、部门概况")
    document.add_paragraph("本单位实有人数14人。")
    buffer = io.BytesIO()
    document.save(buffer)
    good = SimpleUploadedFile("report.docx", buffer.getvalue())
    bad = SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0")
    response = client.post(reverse("checks:check"), {"files": [good, bad], "report_type": "auto"})
    html = response.content.decode()
    assert "report.docx" in html and "本单位实有人数14人" in html
    assert "无法检查" in html and "旧版 Word/WPS 格式" in html
