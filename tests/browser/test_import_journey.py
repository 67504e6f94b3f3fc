"""The import journey in a real browser: upload a voucher file with errors, read every error
(row, column, Chinese message), download the error list, upload the fixed file, check the
totals per budget line in the preview, confirm — and the vouchers are in the books."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Voucher
from jixiao.formats.tabular import read_rows, write_csv
from tests.apps.exchange.helpers import HEADER, three_lines
from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD = [
    ["2023-03-01", "记-0301", "购买打印纸", "2012901", "30201", "", "1,250.00", ""],
    ["2023-03-05", "记-0302", "科普讲座场地费", "2060702", "30201", "P01", "3,600.00", ""],
    ["2023-03-09", "记-0303", "三月工资", "2012901", "30101", "", "45,678.90", ""],
    ["2023-03-12", "记-0304", "复印机维修", "2012901", "30209", "", "480.50", ""],
]


def _file(folder, name, rows, encoding="gbk"):
    return write_csv(folder / name, [["凭证序时簿"], HEADER, *rows], encoding=encoding)


def test_upload_with_errors_see_them_fix_the_file_preview_and_import(
    browser_page, live_server, officer, department, shot, tmp_path
):
    page = browser_page
    public, personnel, project_line = three_lines(actor=officer, department=department)
    broken = [list(row) for row in GOOD]
    broken[0][0] = "2023-02-30"  # sheet row 3: no such day
    broken[2][6] = "45,678.901"  # sheet row 5: three decimals
    broken[3][4] = "39999"  # sheet row 6: no such 经济分类
    login(page, live_server, officer.username, PASSWORD)

    # 1. Upload the file with errors.
    page.goto(f"{live_server.url}/exchange/")
    expect(page.get_by_role("heading", name="导入预算指标、支出凭证和“三公”经费预算")).to_be_visible()
    page.select_option("#id_kind", "vouchers")
    page.set_input_files("#id_file", str(_file(tmp_path, "三月凭证.csv", broken)))
    page.get_by_role("button", name="上传并校验").click()

    # 2. Every error is listed with its row, column and a Chinese message; nothing is written.
    expect(page.locator(".status")).to_contain_text("有错误，未导入")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(3)
    expect(errors.nth(0)).to_contain_text("第3行")
    expect(errors.nth(0)).to_contain_text("日期")
    expect(errors.nth(0)).to_contain_text("“2023-02-30”不是有效日期（该日不存在）")
    expect(errors.nth(1)).to_contain_text("第5行")
    expect(errors.nth(1)).to_contain_text("借方金额")
    expect(errors.nth(1)).to_contain_text("超过两位小数")
    expect(errors.nth(2)).to_contain_text("第6行")
    expect(errors.nth(2)).to_contain_text("经济分类“39999”不是有效的经济分类科目")
    expect(page.locator("#confirm-import")).to_have_count(0)
    shot(page, "errors-listed")
    assert Voucher.objects.count() == 0

    # 3. The error list downloads as .xlsx with the same rows.
    with page.expect_download() as download_info:
        page.locator("#download-errors").click()
    report = list(read_rows(download_info.value.path()))
    assert [r[:2] for r in report[3:]] == [[3, "日期"], [5, "借方金额"], [6, "经济分类"]]

    # 4. Upload the fixed file: the preview shows the totals per budget line, nothing written yet.
    page.get_by_role("link", name="重新上传").click()
    page.select_option("#id_kind", "vouchers")
    page.set_input_files("#id_file", str(_file(tmp_path, "三月凭证-已改.csv", GOOD)))
    page.get_by_role("button", name="上传并校验").click()
    expect(page.locator(".status")).to_contain_text("待确认")
    expect(page.locator(".status")).to_contain_text("校验通过：4笔，合计51,009.40元")
    totals = page.locator("#line-totals tbody tr")
    expect(totals).to_have_count(3)
    expect(totals.filter(has_text=public.label)).to_contain_text("1,730.50")
    expect(totals.filter(has_text=public.label)).to_contain_text("98,269.50")
    expect(totals.filter(has_text=project_line.label)).to_contain_text("3,600.00")
    expect(totals.filter(has_text=personnel.label)).to_contain_text("45,678.90")
    shot(page, "preview")
    assert Voucher.objects.count() == 0

    # 5. Confirm: the vouchers are in the books, on the page and in the database.
    page.locator("#confirm-import").click()
    expect(page.locator(".status")).to_contain_text("已导入")
    expect(page.locator(".status")).to_contain_text("已导入4笔支出凭证，合计51,009.40元")
    shot(page, "imported")
    assert sorted(Voucher.objects.values_list("number", flat=True)) == [
        "记-0301",
        "记-0302",
        "记-0303",
        "记-0304",
    ]
    assert LedgerEntry.objects.filter(kind="expenditure").count() == 4
    public.refresh_from_db()
    assert public.spent == Decimal("1730.50")
    assert BudgetLine.objects.get(pk=project_line.pk).spent == Decimal("3600.00")
    assert Voucher.objects.get(number="记-0302").project.code == "P01"
