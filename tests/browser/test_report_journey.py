"""The report journey in a real browser: generate the 2023 report, edit a paragraph (a new
version, shown in the diff), then download the .docx."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.apps.reports.conftest import ledger  # noqa: F401 (fixture)
from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_generate_edit_a_paragraph_and_download_the_docx(browser_page, live_server, ledger, officer, shot):  # noqa: F811
    page = browser_page
    ledger.is_demo = True
    ledger.save()
    login(page, live_server, officer.username, PASSWORD)
    page.goto(f"{live_server.url}/reports/")
    page.select_option("#g-year", "2023")
    page.get_by_role("button", name="生成整体支出绩效评价报告").click()
    expect(page.locator("h1")).to_contain_text("2023年度常宁市科学技术协会整体支出绩效评价报告")
    expect(page.locator("#report-status")).to_contain_text("第1版编辑中，尚未提交财政局")
    shot(page, "generated")

    page.get_by_label("修改资产管理情况（制度与管理）").click()
    page.fill("#p-text", "本单位资产由办公室统一管理，建立资产台账，每年盘点一次。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存（第2次保存）。")).to_be_visible()
    page.get_by_role("link", name="与上一次比较").first.click()
    expect(page.get_by_text("新增：本单位资产由办公室统一管理，建立资产台账，每年盘点一次。")).to_be_visible()
    shot(page, "diff")

    page.go_back()
    with page.expect_download() as download_info:
        page.locator("a[data-format='docx']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    import docx

    document = docx.Document(str(download.path()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本单位资产由办公室统一管理，建立资产台账，每年盘点一次。" in text
    assert "七、改进措施和建议" in text
