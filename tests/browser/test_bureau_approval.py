"""The finance bureau's side: its departments at a glance, and a cross-fund 调剂 waiting for it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from jixiao.apps.budgets.models import TransferRequest, TransferState
from jixiao.apps.budgets.services import transfer_approve, transfer_create, transfer_submit
from tests.browser.test_budget_journey import log_in, log_out
from tests.factories import make_line, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bureau_staff_approves_a_cross_fund_transfer_and_the_auditor_only_reads(
    page, shot, officer, head, bureau_staff, auditor, department, other_department
):
    public = make_line(
        actor=officer, department=department, fund_type="basic_public", econ_code="302", amount="3000.00"
    )
    project = make_project(actor=officer, department=department)
    project_line = make_line(
        actor=officer,
        department=department,
        fund_type="project",
        func_code="2060702",
        econ_code="302",
        amount="100000.00",
        project=project,
    )
    cross = transfer_create(
        actor=officer,
        source=project_line,
        target=public,
        amount=Decimal("8000"),
        reason="项目结余调剂用于公用经费",
    )
    transfer_submit(actor=officer, transfer=cross)
    transfer_approve(actor=head, transfer=cross)

    log_in(page, bureau_staff.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("2023年度 各单位预算执行情况")
    expect(page.get_by_role("link", name=department.name)).to_be_visible()
    expect(page.get_by_role("link", name=other_department.name)).to_be_visible()
    shot(page, "bureau-home")

    page.get_by_role("link", name="预算调剂").click()
    page.get_by_role("link", name=re.compile("待我处理")).click()
    page.get_by_role("link", name=cross.number).click()
    expect(page.locator(".approval")).to_contain_text("须经部门负责人和财政局审批")
    approve = page.locator("form.action-approve_bureau")
    approve.get_by_label("批复文号").fill("常财预〔2023〕20号")
    approve.get_by_label("我已确认").check()
    approve.get_by_role("button", name="财政局批准").click()
    expect(page.locator(".messages")).to_contain_text("财政局批准完成，当前状态：财政局已批准")
    shot(page, "bureau-approved")
    cross.refresh_from_db()
    assert cross.state == TransferState.BUREAU_APPROVED
    log_out(page)

    log_in(page, auditor.username)
    page.get_by_role("link", name=department.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2023年度 预算执行情况")
    page.get_by_role("link", name="预算调剂").click()
    page.get_by_role("link", name=cross.number).click()
    expect(page.locator("form.action-execute")).to_have_count(0)
    expect(page.locator(".note")).to_contain_text("只读")
    shot(page, "auditor-read-only")
    assert TransferRequest.objects.get(pk=cross.pk).state == TransferState.BUREAU_APPROVED
