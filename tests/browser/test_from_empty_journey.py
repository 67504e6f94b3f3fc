"""From an empty database to the execution table, as a new 3-staff 妇联 would do it:
`jixiao init`; the bureau's administrator creates the department (a type other than 科协) with
its finance officer and head; the officer sets a password of their own, downloads the budget
template, fills and imports it, enters one expenditure and sees the execution table. No 演示数据
appears anywhere in that database."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.apps import apps
from openpyxl import load_workbook
from playwright.sync_api import expect

from jixiao.apps.budgets.models import BudgetLine, Voucher
from jixiao.apps.orgs.models import Department, FinanceBureau, User
from jixiao.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PASSWORD = "Bureau-admin-2026"
OFFICER_PASSWORD = "Fulian-caiwu-2026"


def log_in(page, username: str, password: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".topbar")).to_be_visible()
    page.wait_for_load_state("load")


def log_out(page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("button", name="登录")).to_be_visible()


def add_user(page, username: str, full_name: str, role: str) -> str:
    page.get_by_role("link", name="添加用户").click()
    page.fill("#id_username", username)
    page.fill("#id_full_name", full_name)
    page.select_option("#id_role", label=role)
    page.get_by_role("button", name="新建用户").click()
    password = page.locator("#new-password").inner_text()
    assert len(password) >= 12
    return password


def test_from_an_empty_database_to_the_execution_table(page, live_server, shot, tmp_path, capsys):
    # 0. An empty database: no bureau, no department, no user. `jixiao init` makes it usable.
    assert not FinanceBureau.objects.exists() and not User.objects.exists()
    secret = tmp_path / "admin-password.txt"
    secret.write_text(ADMIN_PASSWORD, encoding="utf-8")
    assert (
        main(["init", "--bureau", "某某区财政局", "--admin", "czj_admin", "--password-file", str(secret)])
        == 0
    )
    assert "已初始化：财政局“某某区财政局”，系统管理员 czj_admin。" in capsys.readouterr().out

    # 1. The administrator logs in and lands on 系统管理; creates a 妇联 with two internal units.
    log_in(page, "czj_admin", ADMIN_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("系统管理 · 单位")
    shot(page, "admin-empty-department-list")
    page.get_by_role("link", name="新建单位").click()
    page.fill("#id_code", "440111-FL")
    page.fill("#id_name", "某某区妇女联合会")
    page.select_option("#id_department_type", "妇联")
    page.fill("#id_internal_units", "办公室、权益部")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("已新建单位：某某区妇女联合会")
    expect(page.locator("main")).to_contain_text("办公室、权益部")

    # Its 2023 profile: 3 staff.
    page.fill("#profile-year", "2023")
    page.get_by_role("button", name="填报或修改").click()
    page.fill("#id_staffing_quota", "3")
    page.fill("#id_staffing_admin", "3")
    page.fill("#id_actual_staff", "3")
    page.fill("#id_retired", "1")
    page.fill("#id_duties", "团结动员妇女投身经济社会发展\n维护妇女儿童合法权益")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main")).to_contain_text("（二）维护妇女儿童合法权益")

    # Its finance officer and head, each with a password shown once.
    officer_password = add_user(page, "fl_caiwu", "陈会计", "部门财务人员")
    shot(page, "admin-user-created-password-shown")
    page.get_by_role("link", name="继续为本单位添加用户").click()
    page.fill("#id_username", "fl_zhuxi")
    page.fill("#id_full_name", "刘主席")
    page.select_option("#id_role", label="部门负责人")
    page.get_by_role("button", name="新建用户").click()
    expect(page.locator("#new-password")).to_be_visible()
    page.get_by_role("link", name="完成").click()
    page.goto(f"/system/departments/{Department.objects.get(code='440111-FL').pk}/")
    expect(page.locator("main")).to_contain_text("fl_zhuxi")
    shot(page, "admin-department-detail")
    log_out(page)

    # 2. The officer logs in with the initial password and must set one of their own first.
    log_in(page, "fl_caiwu", officer_password)
    expect(page.get_by_role("heading", level=1)).to_have_text("修改密码")
    page.fill("#id_old_password", officer_password)
    page.fill("#id_new_password1", OFFICER_PASSWORD)
    page.fill("#id_new_password2", OFFICER_PASSWORD)
    page.get_by_role("button", name="修改密码").click()
    expect(page.locator(".messages")).to_contain_text("密码已修改")

    # A new department chooses its first year in the switcher (the switcher's script is deferred:
    # wait for it, or the change is lost on a loaded machine).
    page.wait_for_load_state("load")
    page.select_option("#year-select", "2023")
    page.wait_for_url(re.compile(r"[?&]year=2023"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023年度")

    # 3. Download the budget template from the import page, fill it, import it.
    page.get_by_role("link", name="导入", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载预算指标模板").click()
    template = tmp_path / "预算指标模板.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["序号", "支出性质", "功能分类编码", "经济分类编码"] and sheet["A2"].value == "示例"
    for values in (
        {"支出性质": "基本支出-人员经费", "经济分类编码": "301", "指标金额（元）": Decimal("420000.00")},
        {"支出性质": "基本支出-公用经费", "经济分类编码": "302", "指标金额（元）": Decimal("80000.00")},
    ):
        row = {"功能分类编码": "2012901", "指标文号": "区财预〔2023〕3号", "发文时间": "2023-01-10", **values}
        sheet.append([row.get(h) for h in header])
    filled = tmp_path / "2023年预算指标.xlsx"
    book.save(filled)
    page.select_option("#id_kind", "budget")
    page.set_input_files("#id_file", str(filled))
    page.get_by_role("button", name="上传并校验").click()
    expect(page.locator(".status")).to_contain_text("待确认")
    shot(page, "budget-preview")
    page.locator("#confirm-import").click()
    expect(page.locator(".status")).to_contain_text("已导入2条预算指标")
    department = Department.objects.get(code="440111-FL")
    public = BudgetLine.objects.get(department=department, year=2023, econ_code="302")

    # 4. One expenditure.
    page.get_by_role("link", name="支出录入").click()
    page.fill("[name=date]", "2023-03-15")
    page.fill("[name=summary]", "购买维权宣传资料")
    page.fill("[name=payee]", "某某印刷厂")
    page.fill("[name=amount]", "1,280.50")
    page.select_option("[name=econ_code]", "30202")
    page.select_option("[name=line]", str(public.pk))
    page.get_by_role("button", name="记账").click()
    expect(page.locator(".messages")).to_contain_text("1,280.50")

    # 5. The execution table.
    page.goto("/?unit=yuan")
    expect(page.get_by_role("heading", level=1)).to_have_text("2023年度 预算执行情况")
    table = page.locator("main table").first
    expect(table).to_contain_text("500,000.00")
    expect(table).to_contain_text("1,280.50")
    shot(page, "execution-table")
    assert Voucher.objects.get(department=department).amount == Decimal("1280.50")

    # 6. Nothing in this database is demo data, and no page said so.
    assert "演示数据" not in page.content()
    for model in apps.get_models():
        if any(f.name == "is_demo" for f in model._meta.fields):
            assert not model._default_manager.filter(is_demo=True).exists(), model._meta.label
