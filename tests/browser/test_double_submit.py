"""A post form's button disables itself on submit (jixiao.js); a double click books one voucher."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jixiao.apps.budgets.models import Voucher
from tests.browser.conftest import login
from tests.factories import PASSWORD, make_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(page) -> None:
    page.get_by_role("link", name="支出录入").click()
    page.fill("[name=date]", "2023-03-01")
    page.fill("[name=summary]", "购买硒鼓")
    page.fill("[name=amount]", "300.00")
    page.select_option("[name=econ_code]", "30201")
    page.select_option("[name=line]", index=1)


def test_the_button_is_disabled_while_the_post_is_on_its_way(page, live_server, officer, department):
    make_line(actor=officer, department=department, amount="3000.00")
    login(page, live_server, officer.username, PASSWORD)
    _fill(page)
    # Answer the post with "204 No Content": the browser stays on the form, as it does while a
    # slow server works, and the post never reaches the server.
    page.route(
        "**/budgets/vouchers/new/",
        lambda route: route.fulfill(status=204) if route.request.method == "POST" else route.continue_(),
    )
    button = page.get_by_role("button", name="记账")
    button.click()
    expect(button).to_be_disabled()
    expect(button).to_have_attribute("aria-busy", "true")
    assert Voucher.objects.count() == 0


def test_a_double_click_books_one_voucher(page, live_server, officer, department):
    make_line(actor=officer, department=department, amount="3000.00")
    login(page, live_server, officer.username, PASSWORD)
    _fill(page)
    page.get_by_role("button", name="记账").dblclick()
    expect(page.locator(".messages")).to_contain_text("已记账")
    assert Voucher.objects.count() == 1
