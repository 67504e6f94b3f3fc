"""An accounting system's export in a real browser: a 用友 GRP-U8 序时账 (.xls, 平行记账, one 红字
voucher) is uploaded as it was exported; the preview says how it was read; after confirming, the
voucher the 红字 line reverses shows as 冲销."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from jixiao.apps.budgets.models import Voucher
from tests.apps.exchange.test_accounting_samples import SAMPLES, fresh_department, ledger_total
from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_grp_u8_export_is_previewed_imported_and_its_red_voucher_reverses_the_original(
    browser_page, live_server, bureau, shot
):
    page = browser_page
    department, officer = fresh_department(bureau)
    login(page, live_server, officer.username, PASSWORD, year=2024)
    page.goto(f"{live_server.url}/exchange/")
    page.select_option("#id_kind", "vouchers")
    page.set_input_files("#id_file", str(SAMPLES / "grp_u8_xushizhang.xls"))
    page.get_by_role("button", name="上传并校验").click()
    status = page.locator(".status")
    expect(status).to_contain_text("待确认")
    expect(status).to_contain_text("校验通过：7笔，合计104,620.00元")
    expect(status).to_contain_text("只导入预算会计分录（7xxx 预算支出），略过财务会计分录（5xxx 费用）7行")
    expect(status).to_contain_text("红字冲销：1笔红字/退回分录冲销原凭证，合计−3,600.00元")
    shot(page, "preview")
    page.locator("#confirm-import").click()
    expect(page.locator(".status")).to_contain_text("已导入7笔支出凭证")
    assert ledger_total(department) == Decimal("104620.00")

    original = Voucher.objects.get(department=department, number="2月记-0004")
    page.goto(f"{live_server.url}/budgets/vouchers/{original.pk}/")
    expect(page.get_by_text("该凭证已被红字冲销")).to_be_visible()
    expect(page.locator("main")).to_contain_text("3月记-0005")
    shot(page, "reversed-voucher")
