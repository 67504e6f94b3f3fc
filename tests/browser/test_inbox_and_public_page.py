"""In a real browser at 1366×768: the head's 待办 inbox on the home page with the count in the
navigation, and the public report as the page itself (no iframe) — with no console errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jixiao.apps.budgets import payments
from jixiao.apps.oversight import services as review
from jixiao.formats.txt_writer import render_txt
from tests.apps.oversight.sample import review_report
from tests.browser.conftest import login
from tests.factories import PASSWORD, make_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_the_head_finds_the_request_in_the_inbox_and_the_public_reads_the_report(
    page, live_server, shot, officer, head, department, bureau_staff
):
    errors = _console_errors(page)
    line = make_line(actor=officer, department=department, amount="10000.00")
    request = payments.payment_request_create(
        actor=officer,
        line=line,
        amount="3000.00",
        econ_code="30201",
        purpose="购买科普展板",
        payee="展板公司",
    )
    payments.payment_request_submit(actor=officer, request=request)
    report = review_report()
    submission = review.report_submit(
        actor=officer, department=department, year=2023, document=report, docx=b"PK", text=render_txt(report)
    )
    review.submission_accept(actor=bureau_staff, submission=submission)
    review.submission_publish(actor=bureau_staff, submission=submission)

    login(page, live_server, head.username, PASSWORD)
    inbox = page.locator("section.inbox")
    expect(inbox).to_contain_text("等待您办理（1项）")
    expect(inbox).to_contain_text(str(request))
    expect(inbox).to_contain_text("批准、驳回")
    expect(page.locator(".sidenav .badge.count")).to_have_text("待办 1")
    expect(page.locator(".sidenav")).not_to_contain_text("支出录入")
    shot(page, "head-home-inbox")
    inbox.get_by_role("link", name=str(request)).click()
    expect(page).to_have_url(re.compile(rf"/budgets/payments/{request.pk}/"))

    page.goto(f"{live_server.url}/public/reports/{submission.public_slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(submission.title)
    expect(page.locator("iframe")).to_have_count(0)
    expect(page.locator("dl.key-figures")).to_contain_text("预算执行率")
    expect(page.locator("article.report-doc")).to_contain_text("208.4万元")
    expect(page.get_by_role("link", name=re.compile("下载 Word 文档"))).to_be_visible()
    shot(page, "public-report")
    assert errors == []
