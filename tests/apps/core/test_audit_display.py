"""The audit page speaks Chinese (issue 18 item 12): field labels from the models' verbose_name,
amounts in 元, 是/否, "—" for nothing, choices and states by their label, dates written 2024年2月1日."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from jixiao.apps.budgets import payments, services
from jixiao.apps.core.audit_display import display_value, field_label
from jixiao.apps.core.models import AuditEvent
from tests.apps.projects.helpers import apply, approve, review

pytestmark = pytest.mark.django_db

RAW = (
    "approved_amount",
    "needs_bureau",
    "review_conclusion",
    ">True<",
    ">False<",
    ">None<",
    "head_approved<",
)


def _changes(html: str) -> str:
    return " ".join(re.findall(r'<table class="changes">.*?</table>', html, re.S))


def test_labels_come_from_the_model_and_the_data_file():
    assert field_label("projects.SpecialProject", "approved_amount") == "立项预算"  # "（元）" is in the value
    assert field_label("budgets.TransferRequest", "needs_bureau") == "需财政局审批"
    assert field_label("budgets.Voucher", "available") == "可用余额"  # a balance, from labels.yaml
    assert field_label("reports.ReportDraft", "movement:public_actual") == "公用经费决算变动原因"
    assert field_label("reports.ReportDraft", "assets_management") == "段落“资产管理情况（制度与管理）”"


def test_values_are_formatted_by_their_field():
    assert display_value("projects.SpecialProject", "approved_amount", "180000.00") == "180,000.00元"
    assert display_value("projects.SpecialProject", "approved_amount", None) == "—"
    assert display_value("budgets.TransferRequest", "needs_bureau", True) == "是"
    assert display_value("budgets.TransferRequest", "needs_bureau", False) == "否"
    assert display_value("budgets.TransferRequest", "state", "head_approved") == "部门负责人已批准"
    assert display_value("budgets.PaymentRequest", "state", "approved") == "已批准（已预占）"
    assert display_value("projects.SpecialProject", "review_conclusion", "pass") == "通过"
    assert display_value("assets.Disposal", "completed_on", "2023-11-20") == "2023年11月20日"
    assert display_value("projects.SpecialProject", "stage", "approved") == "立项"
    assert display_value("projects.SpecialProject", "plan", [None, None]) == "—"
    assert display_value("oversight.ReportSubmission", "self_score", "54.08") == "54.08"  # a score, not 元


def test_an_approval_step_reads_as_a_sentence(officer, head, books):
    request = payments.payment_request_create(
        actor=officer, line=books.public, amount="3000.00", econ_code="30201", purpose="购买办公用品"
    )
    payments.payment_request_submit(actor=officer, request=request)
    event = AuditEvent.objects.get(action="payment_request_submit")
    assert (
        display_value(event.target_type, "approval", event.after["approval"])
        == "提交（草稿 → 待审批），部门财务人员"
    )


def test_the_audit_page_shows_no_raw_field_names_or_values(as_user, officer, head, department):
    special = review(officer, apply(officer, department))
    approve(head, special, amount="50000.00")
    html = as_user(officer).get(reverse("core:audit-list")).content.decode()
    changes = _changes(html)
    assert "立项预算" in changes and "50,000.00元" in changes and "立项" in changes
    assert "—" in changes
    for raw in RAW:
        assert raw not in changes, raw
    assert re.search(r'<td class="nowrap[^"]*">\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}</td>', html)


def test_a_transfer_shows_yes_no_and_line_names(as_user, officer, books):
    services.transfer_submit(actor=officer, transfer=books.transfer)
    html = as_user(officer).get(reverse("core:audit-list"), {"action": "transfer_create"}).content.decode()
    changes = _changes(html)
    assert "需财政局审批" in changes and "否" in changes
    assert books.personnel.label in changes and books.public.label in changes
    assert "2,000.00元" in changes
    for raw in RAW:
        assert raw not in changes, raw
