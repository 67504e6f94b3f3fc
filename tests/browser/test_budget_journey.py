"""The money-core journey in a real browser: a refused cross-use, a 调剂 approved by the head,
then the expense paid from the right line."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_line, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lines(officer, head, department):
    department.is_demo = True
    department.save()
    personnel = make_line(
        actor=officer,
        department=department,
        fund_type="basic_personnel",
        econ_code="301",
        amount="50000.00",
        name="基本支出-人员经费·工资福利",
    )
    public = make_line(
        actor=officer,
        department=department,
        fund_type="basic_public",
        econ_code="302",
        amount="3000.00",
        name="基本支出-公用经费·商品和服务",
    )
    project = make_project(actor=officer, department=department, code="P01", name="科普活动")
    project_line = make_line(
        actor=officer,
        department=department,
        fund_type="project",
        func_code="2060702",
        econ_code="302",
        amount="100000.00",
        project=project,
        name="项目支出·科普活动",
    )
    return {"personnel": personnel, "public": public, "project": project_line}


def log_in(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".topbar")).to_be_visible()
    # The 年度 switcher submits through jixiao.js (deferred): wait until it has run, or a change
    # made while a loaded machine is still parsing the page is lost and no navigation follows.
    page.wait_for_load_state("load")
    # A new session starts in the current year; the books are 2023's (the 年度 switcher keeps the page).
    page.select_option("#year-select", "2023")  # submits itself (the 切换 button is for no-JS use)
    page.wait_for_url(re.compile(r"[?&]year=2023"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023年度")


def log_out(page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("button", name="登录")).to_be_visible()


def fill_expense(page, line_pk: int) -> None:
    # The 支付指标 comes first: it fixes 支出性质 and 项目, which the form no longer asks for.
    page.select_option("[name=line]", str(line_pk))
    page.fill("[name=date]", "2023-06-15")
    page.fill("[name=summary]", "购买办公用品（打印纸、硒鼓）")
    page.fill("[name=payee]", "常宁市文具商店")
    page.fill("[name=amount]", "5,000.00")
    page.select_option("[name=econ_code]", "30201")


def test_officer_is_refused_cross_use_gets_a_transfer_approved_and_pays_from_the_right_line(
    page, shot, lines, officer, head
):
    # 1. The officer logs in and picks the year 2023 in the top bar.
    log_in(page, officer.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("2023年度 预算执行情况")
    expect(page.locator(".badge.demo").first).to_have_text("演示数据")
    shot(page, "home-execution-table")

    # 2. Choosing the project line shows what it fixes (项目支出, the project); an expense paid
    # from it with money of another 资金来源 is refused as cross-use, and nothing is saved.
    page.get_by_role("link", name="支出录入").click()
    fill_expense(page, lines["project"].pk)
    fixes = page.locator("#line-fixes")
    expect(fixes).to_be_visible()
    expect(fixes).to_contain_text("项目支出")
    expect(fixes).to_contain_text("P01 科普活动")
    expect(page.locator("#econ-field")).to_be_visible()  # the line is set at 类 level: the 项 is chosen
    shot(page, "expense-line-fixes-nature-and-project")
    page.select_option("[name=fund_source]", "other_income")
    page.get_by_role("button", name="记账").click()
    refusal = page.locator(".refusal")
    expect(refusal).to_contain_text("已拒绝（串用资金），未保存任何数据")
    expect(refusal).to_contain_text("不得跨资金来源使用预算")
    expect(refusal).to_contain_text("100,000.00")
    shot(page, "refused-cross-use")
    page.select_option("[name=fund_source]", "")

    # The basic public line itself has only 3,000 元 left: refused as overspending, with its figures.
    page.select_option("[name=line]", str(lines["public"].pk))
    page.get_by_role("button", name="记账").click()
    expect(refusal).to_contain_text("已拒绝（超出预算）")
    expect(refusal.locator("table.figures")).to_contain_text("3,000.00")
    shot(page, "refused-overspend")

    # 3. A transfer: project → basic would need the finance bureau too; personnel → public needs the head only.
    page.get_by_role("link", name="预算调剂").click()
    page.get_by_role("link", name="新建调剂申请").click()
    page.select_option("[name=source]", str(lines["project"].pk))
    page.select_option("[name=target]", str(lines["public"].pk))
    note = page.locator("#approval-note")
    expect(note).to_contain_text("须经部门负责人和财政局审批")
    shot(page, "transfer-cross-fund-needs-bureau")
    page.select_option("[name=source]", str(lines["personnel"].pk))
    expect(note).to_contain_text("只需部门负责人批准")
    page.fill("[name=amount]", "5000")
    page.fill("[name=reason]", "办公用品集中采购，公用经费不足，从人员经费结余调剂。")
    page.get_by_role("button", name="保存调剂申请").click()
    expect(page.locator(".messages")).to_contain_text("（草稿）")
    expect(page.locator(".approval")).to_have_text(re.compile("由部门负责人审批"))
    submit = page.locator("form.action-submit")
    expect(submit).to_contain_text("提交后送部门负责人审批")
    submit.get_by_label("我已确认").check()
    submit.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("已提交")
    shot(page, "transfer-submitted")
    log_out(page)

    # 4. The head finds it under 待我处理 and approves it.
    log_in(page, head.username)
    page.get_by_role("link", name="预算调剂").click()
    page.get_by_role("link", name=re.compile("待我处理")).click()
    page.get_by_role("link", name=re.compile(r"TJ2023-\d+")).click()
    expect(page.locator(".state-banner")).to_contain_text("等待本单位部门负责人办理“部门负责人批准”")
    approve = page.locator("form.action-approve_head")
    expect(approve).to_contain_text("批准后在调出指标上预占调剂金额")
    approve.get_by_label("我已确认").check()
    approve.get_by_role("button", name="部门负责人批准").click()
    expect(page.locator(".messages")).to_contain_text("部门负责人批准完成")
    expect(page.locator(".state-banner")).to_contain_text("办理“执行调剂”")
    shot(page, "transfer-approved-by-head")
    log_out(page)

    # 5. The officer executes the transfer ...
    log_in(page, officer.username)
    page.get_by_role("link", name="预算调剂").click()
    page.get_by_role("link", name=re.compile("待我处理")).click()
    page.get_by_role("link", name=re.compile(r"TJ2023-\d+")).click()
    execute = page.locator("form.action-execute")
    expect(execute).to_contain_text("不可撤销")
    execute.get_by_label("执行日期").fill("2023-06-14")
    execute.get_by_label("我已确认").check()
    execute.get_by_role("button", name="执行调剂").click()
    expect(page.locator(".messages")).to_contain_text("已执行")
    shot(page, "transfer-executed")

    # 6. ... and pays the expense from the basic public line.
    page.get_by_role("link", name="支出录入").click()
    fill_expense(page, lines["public"].pk)
    page.get_by_role("button", name="记账").click()
    expect(page.locator(".messages")).to_contain_text("已记账")
    expect(page.locator(".messages")).to_contain_text("5,000.00元")
    shot(page, "expense-paid")

    page.get_by_role("link", name="预算执行情况").click()
    public_row = page.locator("tr", has=page.get_by_role("link", name="基本支出-公用经费·商品和服务"))
    # 年初 0.30万元 + 调入 0.50万元 − 已支出 0.50万元 → 可用 0.30万元, 执行率 62.5%.
    expect(public_row).to_contain_text("0.50")
    expect(public_row).to_contain_text("62.5%")
    page.screenshot(path=str(shot(page, "home-after").with_name("99-viewport-1366x768.png")))

    # 7. The trail: the two refused attempts and the audit events, and the line's ledger.
    page.get_by_role("link", name="被拒绝的操作").click()
    expect(page.locator("table.data tbody tr")).to_have_count(2)
    expect(page.locator("table.data")).to_contain_text("串用资金")
    expect(page.locator("table.data")).to_contain_text("超出预算")
    shot(page, "refusals")
    page.get_by_role("link", name="审计记录").click()
    expect(page.locator("table.audit")).to_contain_text("执行调剂")
    expect(page.locator("table.audit")).to_contain_text("王主席")
    shot(page, "audit-trail")
    page.get_by_role("link", name="支出凭证").click()
    expect(page.locator("tfoot")).to_contain_text("5,000.00")  # a single voucher is read in 元
    shot(page, "voucher-list")
    page.get_by_role("link", name="基本支出-公用经费·商品和服务").first.click()
    expect(page.locator("table.data").nth(1)).to_contain_text("调剂调入")
    shot(page, "line-detail")
