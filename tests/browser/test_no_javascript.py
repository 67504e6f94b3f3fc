"""The frame degrades gracefully: with JavaScript off the year switcher, forms and confirmations still work."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, VIEWPORT
from tests.factories import PASSWORD, make_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_year_switch_entry_and_print_work_without_javascript(browser, live_server, officer, department):
    make_line(
        actor=officer, department=department, fund_type="basic_public", econ_code="302", amount="3000.00"
    )
    context = browser.new_context(
        viewport=VIEWPORT, locale="zh-CN", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/login/")
        page.fill("#id_username", officer.username)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="登录").click()
        switch = page.get_by_role("button", name="切换")
        expect(switch).to_be_visible()  # shown only when the select cannot submit itself
        page.select_option("#year-select", "2023")
        switch.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("2023年度 预算执行情况")

        page.get_by_role("link", name="支出录入").click()
        page.fill("[name=date]", "2023-03-01")
        page.fill("[name=summary]", "购买硒鼓")
        page.fill("[name=amount]", "3,000.01")
        page.select_option("[name=econ_code]", "30201")
        page.select_option("[name=line]", index=1)
        page.get_by_role("button", name="记账").click()
        expect(page.locator(".refusal")).to_contain_text("已拒绝（超出预算）")
        page.fill("[name=amount]", "2,999.99")
        page.get_by_role("button", name="记账").click()
        expect(page.locator(".messages")).to_contain_text("已记账")

        page.get_by_role("link", name="预算执行情况").click()
        page.emulate_media(media="print")
        expect(page.locator(".sidenav")).to_be_hidden()
        expect(page.locator(".topbar")).to_be_hidden()
        expect(page.locator("table.execution")).to_be_visible()
        folder = ARTIFACTS / "no-javascript"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "print-execution.png"), full_page=True)
    finally:
        context.close()
