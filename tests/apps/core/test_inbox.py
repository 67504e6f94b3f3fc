"""The 待办 inbox (issue 18 item 2): what waits for me, what came back to me with the reason, and the
year-end checklist — on each role's home page, with the count in the navigation."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets import payments, services
from jixiao.apps.budgets.models import PaymentRequest
from jixiao.apps.core.approval import ApprovalRecord
from jixiao.apps.core.inbox import RETURNED, TODO, approval_models, inbox_for
from tests.apps.conftest import YEAR

pytestmark = pytest.mark.django_db


def _inbox_html(response) -> str:
    html = response.content.decode()
    match = re.search(r'<section class="inbox".*?</section>', html, re.S)
    return match.group(0) if match else ""


def _nav_badge(response) -> str:
    match = re.search(
        r'<span class="badge count" title="待办事项">待办 (\d+)</span>', response.content.decode()
    )
    return match.group(1) if match else ""


def _payment(officer, line, amount="3000.00"):
    request = payments.payment_request_create(
        actor=officer, line=line, amount=amount, econ_code="30201", purpose="购买办公用品", payee="文具店"
    )
    return payments.payment_request_submit(actor=officer, request=request)


def test_every_concrete_approval_model_is_found_from_the_app_registry():
    models = approval_models()
    assert PaymentRequest in models
    assert all(issubclass(m, ApprovalRecord) and not m._meta.abstract for m in models)


def test_a_submitted_payment_waits_for_the_head_not_for_its_creator(officer, head, books):
    request = _payment(officer, books.public)
    head_items = [i for i in inbox_for(head, YEAR).todo if i.workflow == "用款申请"]
    assert [(i.title, i.state, i.actions) for i in head_items] == [(str(request), "待审批", "批准、驳回")]
    # the officer may only withdraw their own submitted request: that is not something waiting for them
    assert [i for i in inbox_for(officer, YEAR).todo if i.workflow == "用款申请"] == []


def test_an_approved_payment_then_waits_for_the_officer_to_pay(officer, head, books):
    request = payments.payment_request_approve(actor=head, request=_payment(officer, books.public))
    items = [i for i in inbox_for(officer, YEAR).todo if i.workflow == "用款申请"]
    assert [(i.title, i.actions) for i in items] == [(str(request), "支付")]
    assert items[0].url == request.get_absolute_url()


def test_a_rejected_payment_comes_back_to_its_creator_with_the_reason(officer, head, books):
    request = _payment(officer, books.public)
    payments.payment_request_reject(actor=head, request=request, reason="用途不明确，请补充说明")
    returned = inbox_for(officer, YEAR).returned
    assert [(i.kind, i.title, i.reason) for i in returned] == [
        (RETURNED, str(request), "用途不明确，请补充说明")
    ]
    assert inbox_for(head, YEAR).returned == []


def test_transfers_wait_for_the_head_and_a_rejected_one_returns_with_its_reason(officer, head, books):
    transfer = services.transfer_submit(actor=officer, transfer=books.transfer)
    assert [(i.workflow, i.actions) for i in inbox_for(head, YEAR).todo] == [
        ("调剂申请", "部门负责人批准、驳回")
    ]
    services.transfer_reject(actor=head, transfer=transfer, reason="人员经费不宜调出")
    assert inbox_for(head, YEAR).todo == []
    returned = inbox_for(officer, YEAR).returned
    assert [(i.workflow, i.reason) for i in returned] == [("调剂申请", "人员经费不宜调出")]


def test_a_draft_transfer_reminds_its_creator_to_submit(officer, books):
    items = [i for i in inbox_for(officer, YEAR).todo if i.workflow == "调剂申请"]
    assert [(i.state, i.actions, i.kind) for i in items] == [("草稿", "提交", TODO)]


def test_another_departments_requests_never_reach_my_inbox(officer, head, books, other_books, other_officer):
    _payment(other_officer, other_books.public)
    services.transfer_submit(actor=other_officer, transfer=other_books.transfer)
    assert inbox_for(head, YEAR).todo == []


def test_the_head_home_page_shows_the_inbox_and_the_navigation_counts_it(as_user, officer, head, books):
    request = _payment(officer, books.public)
    services.transfer_submit(actor=officer, transfer=books.transfer)
    response = as_user(head).get(reverse("home"))
    inbox = _inbox_html(response)
    assert "等待您办理（2项）" in inbox
    assert str(request) in inbox and "批准、驳回" in inbox and "调剂申请" in inbox
    assert _nav_badge(response) == "2"
    # the execution table stays on the home page, below the inbox
    html = response.content.decode()
    assert html.index('class="inbox"') < html.index("data execution")


def test_the_officer_sees_the_reason_and_the_year_end_checklist(as_user, officer, head, books):
    request = _payment(officer, books.public)
    payments.payment_request_reject(actor=head, request=request, reason="用途不明确")
    client = as_user(officer)
    inbox = _inbox_html(client.get(reverse("home")))
    assert "被退回或驳回的申请（1项）" in inbox and "用途不明确" in inbox
    # the checklist composes the report (seconds): the home page links to it and loads it after
    checklist_url = reverse("core:inbox-checklist")
    assert f'data-load="{checklist_url}"' in inbox and f"{YEAR}年度 年末清单" in inbox
    page = client.get(checklist_url).content.decode()
    assert f"{YEAR}年度 年末清单（尚未完成1项）" in page and f"尚未生成{YEAR}年度自评报告初稿" in page
    part = client.get(checklist_url, {"part": "1"}).content.decode()
    assert (
        part.lstrip().startswith('<div class="inbox-checklist" id="inbox-checklist">') and "<html" not in part
    )


def test_only_the_finance_officer_has_a_checklist(as_user, head, books):
    client = as_user(head)
    assert "年末清单" not in _inbox_html(client.get(reverse("home")))
    assert client.get(reverse("core:inbox-checklist")).status_code == 403


def test_the_bureau_sees_what_needs_the_bureau_and_the_auditor_has_no_inbox(
    as_user, client, officer, head, bureau_staff, auditor, department, books
):
    big = services.transfer_create(
        actor=officer,
        source=books.project_line,
        target=books.public,
        amount=Decimal("6000.00"),
        reason="跨项目调剂",
    )
    big = services.transfer_submit(actor=officer, transfer=big)
    services.transfer_approve(actor=head, transfer=big)
    big.refresh_from_db()
    assert big.needs_bureau  # 项目 → 基本 goes to the finance bureau
    inbox = _inbox_html(as_user(bureau_staff).get(reverse("home")))
    assert str(big) in inbox and department.name in inbox and "部门负责人已批准" in inbox
    assert str(big) not in _inbox_html(as_user(officer).get(reverse("home")))
    client.logout()
    response = as_user(auditor).get(reverse("home"))
    assert _inbox_html(response) == "" and _nav_badge(response) == ""


def test_nothing_waiting_says_so(as_user, head, books):
    assert "目前没有需要您办理的申请。" in _inbox_html(as_user(head).get(reverse("home")))
