"""The table component and the execution charts at 1366×768: the voucher list shows 25+ compact
rows with the 合计 in sight, a second page, no wrapped dates or amounts; the overview fits the
screen with its hideable columns, its sticky 单位 column covers no figure, and its chart puts the
laggards first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from jixiao.apps.budgets.services import expenditure_post
from tests.browser.conftest import login, logout
from tests.factories import PASSWORD, make_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _books(officer, department, other_officer, other_department):
    line = make_line(actor=officer, department=department, amount="900000.00")
    for n in range(80):
        expenditure_post(
            actor=officer,
            line=line,
            date=dt.date(2023, 1 + n % 12, 1 + n % 28),
            amount=Decimal("1234.56") + Decimal(n),
            summary=f"购买办公用品及耗材（第{n + 1}批）",
            econ_code="30201",
            fund_type=line.fund_type,
            payee="常宁市文具批发有限公司",
        )
    other = make_line(actor=other_officer, department=other_department, amount="80000.00")
    expenditure_post(
        actor=other_officer,
        line=other,
        date=dt.date(2023, 6, 1),
        amount=Decimal("70000.00"),
        summary="活动经费",
        econ_code="30201",
        fund_type=other.fund_type,
    )


def test_voucher_list_and_overview_at_1366(
    browser_page, live_server, shot, officer, other_officer, department, other_department, bureau_staff
):
    page = browser_page
    _books(officer, department, other_officer, other_department)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    login(page, live_server, officer.username, PASSWORD)
    page.goto(f"{live_server.url}/budgets/vouchers/")
    table = page.locator("#vouchers")
    expect(table.locator("tbody tr")).to_have_count(50)
    # compact: at least 25 body rows are inside the window without scrolling
    visible = page.evaluate(
        "Array.from(document.querySelectorAll('#vouchers tbody tr')).filter(r => r.getBoundingClientRect()"
        ".bottom <= document.querySelector('#vouchers tfoot th').getBoundingClientRect().top + 1).length"
    )
    assert visible >= 25, visible
    # the 合计 row is in sight (pinned at the bottom of the box, inside the window)
    foot = table.locator("tfoot tr.total")
    expect(foot).to_contain_text("合计")
    cell = foot.locator("th").bounding_box()  # the cells are sticky, not the row
    assert cell["y"] + cell["height"] <= 768, cell
    # dates and amounts never wrap: each such cell is one line high
    heights = page.evaluate(
        "Array.from(document.querySelectorAll('#vouchers tbody td.num, #vouchers tbody td.first'))"
        ".map(td => td.getBoundingClientRect().height)"
    )
    assert max(heights) < 30, max(heights)
    shot(page, "voucher-list")
    page.get_by_role("link", name="下一页").first.click()
    expect(table.locator("tbody tr")).to_have_count(30)
    expect(foot).to_contain_text("筛选后 80 行")

    page.goto(f"{live_server.url}/")
    expect(page.locator("#line-chart-title")).to_be_visible()
    shot(page, "department-home-with-chart")

    logout(page, live_server)
    login(page, live_server, bureau_staff.username, PASSWORD)
    page.goto(f"{live_server.url}/oversight/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    wrap = page.locator(".table-wrap.list").first
    assert page.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1", wrap.element_handle())
    expect(page.locator("#oversight-table tfoot")).to_contain_text("合计")
    shot(page, "overview")
    # the chart lists the laggard first: 1.3% of 90万 beside 87.5% of 8万
    rows = page.locator("#department-chart-title ~ details tbody tr")
    expect(rows.first).to_contain_text(department.name)
    page.locator(".columns-chooser summary").click()
    page.get_by_label("年初预算").check()
    page.get_by_role("button", name="应用").click()
    expect(page.locator("#oversight-table thead")).to_contain_text("年初预算")
    # scrolled sideways, the sticky 单位 column stays opaque over the figures sliding under it
    page.wait_for_load_state("load")  # the stylesheet applied (the new rows can come first)
    background = page.evaluate(
        "getComputedStyle(document.querySelector('#oversight-table tbody th.first')).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    shot(page, "overview-all-columns")
    assert errors == []
