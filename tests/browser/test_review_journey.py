"""The review journey at 1366×768: a department submits, the bureau sees the checker findings and
returns it with a comment on a paragraph, the department fixes and resubmits, the bureau accepts
and publishes (by keyboard only), and an anonymous visitor reads it on the public page.

The department's submit button belongs to the reports app; until it is merged the department's
submissions are made through ``report_submit``, the service that button calls.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from playwright.sync_api import expect

from jixiao.apps.oversight.models import ReportSubmission
from jixiao.apps.oversight.services import report_submit
from jixiao.domain.report.document import Paragraph, Section
from jixiao.formats.txt_writer import render_txt
from tests.apps.oversight.sample import review_report
from tests.browser.conftest import login, logout
from tests.factories import PASSWORD, bureau_user, make_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(officer, department, report):
    return report_submit(
        actor=officer,
        department=department,
        year=2023,
        document=report,
        docx=b"PK\x03\x04",
        text=render_txt(report),
    )


def _edit(report, old: str, new: str):
    """The report with ``old`` replaced by ``new`` in every paragraph."""

    def walk(children):
        out = []
        for child in children:
            if isinstance(child, Section):
                child = dataclasses.replace(child, children=walk(child.children))
            elif isinstance(child, Paragraph) and old in child.text:
                child = Paragraph.of(child.text.replace(old, new))
            out.append(child)
        return tuple(out)

    return dataclasses.replace(report, sections=walk(report.sections))


WRONG = "比上年增加24.01万元，增长31.0%"  # 24.01 ÷ 184.39 is 13.0%: the checker flags it
RIGHT = "比上年增加24.01万元，增长13.0%"


def _no_horizontal_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _tab_to(page, element_id: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"按 Tab 无法到达 #{element_id}")


def test_submit_return_resubmit_publish_and_read_publicly(
    browser_page, live_server, shot, officer, department, bureau_staff, bureau
):
    page = browser_page
    make_line(actor=officer, department=department, amount="100000.00")
    first = _submit(officer, department, _edit(review_report(), RIGHT, WRONG))

    # 1. The department sees its submission, waiting for review.
    login(page, live_server, officer.username, PASSWORD)
    page.goto(f"{live_server.url}/oversight/reviews/{first.pk}/")
    expect(page.locator("#state")).to_have_text("已提交财政局审核")
    expect(page.locator("#review-status")).to_contain_text("已提交财政局审核（第1版），等待财政局审核")
    _no_horizontal_scroll(page)
    shot(page, "department-submitted")
    logout(page, live_server)

    # 2. The bureau sees the checker findings and returns it with a comment on paragraph p1.1.
    login(page, live_server, bureau_staff.username, PASSWORD)
    page.goto(f"{live_server.url}/oversight/")
    expect(page.get_by_role("heading", level=1)).to_have_text("2023年度 全局概览")
    row = page.locator("#oversight-table tbody tr").filter(has_text=department.name)
    expect(row).to_contain_text("已提交财政局审核")
    page.get_by_role("link", name="总执行率").click()
    expect(page).to_have_url(re.compile(r"sort=rate_total"))
    _no_horizontal_scroll(page)
    shot(page, "bureau-overview")
    page.goto(f"{live_server.url}/oversight/reviews/")
    page.get_by_role("link", name=first.title).first.click()
    expect(page.locator("#findings")).to_contain_text("错误 1 处")
    expect(page.locator("ol.findings")).to_contain_text("报告写31.0%")
    page.get_by_label("针对段落").select_option("p2.1.1")
    page.get_by_label("意见").fill("增长幅度应为13.0%，请核对。")
    page.get_by_role("button", name="退回修改").click()
    expect(page.locator(".messages")).to_contain_text("已退回第1版")
    expect(page.locator("#para-p2\\.1\\.1")).to_contain_text("增长幅度应为13.0%，请核对。")
    _no_horizontal_scroll(page)
    shot(page, "bureau-returned-with-comment")
    logout(page, live_server)

    # 3. The department reads the comment, fixes the paragraph and resubmits (a new version).
    login(page, live_server, officer.username, PASSWORD)
    page.goto(f"{live_server.url}/oversight/reviews/{first.pk}/")
    expect(page.locator("#state")).to_have_text("已退回修改")
    expect(page.locator("#review-status")).to_contain_text("已退回（第1版）：增长幅度应为13.0%，请核对。")
    expect(page.locator("#para-p2\\.1\\.1 aside")).to_contain_text("增长幅度应为13.0%，请核对。")
    shot(page, "department-reads-comment")
    second = _submit(officer, department, review_report())
    page.goto(f"{live_server.url}/oversight/reviews/{second.pk}/")
    expect(page.locator("#para-p2\\.1\\.1")).to_contain_text(RIGHT)
    expect(page.locator("#findings")).to_contain_text("错误 0 处")
    shot(page, "department-resubmitted")
    logout(page, live_server)

    # 4. Another bureau colleague accepts and publishes it, by keyboard only.
    colleague = bureau_user(bureau, username="czj2", full_name="钱科员")
    login(page, live_server, colleague.username, PASSWORD)
    page.goto(f"{live_server.url}/oversight/reviews/{second.pk}/")
    _tab_to(page, "do-accept")
    page.keyboard.press("Enter")
    expect(page.locator("#state")).to_have_text("审核通过（待发布）")
    _tab_to(page, "do-publish")
    shot(page, "bureau-publish-focused")
    page.keyboard.press("Enter")
    expect(page.locator("#state")).to_have_text("已发布")
    expect(page.locator("#review-status")).to_contain_text("已发布（第2版）")
    shot(page, "bureau-published")
    logout(page, live_server)
    second.refresh_from_db()
    assert second.state == "published"
    assert ReportSubmission.objects.get(pk=first.pk).state == "superseded"

    # 5. An anonymous visitor finds and reads it.
    page.goto(f"{live_server.url}/public/")
    page.get_by_role("link", name=second.title).click()
    # The report is the page itself (issue 18 item 11): its text in the article, no iframe.
    expect(page.locator("iframe")).to_have_count(0)
    expect(page.locator("article.report-doc")).to_contain_text(RIGHT)
    expect(page.get_by_role("link", name="下载 Word 文档")).to_be_visible()
    _no_horizontal_scroll(page)
    shot(page, "public-report")
