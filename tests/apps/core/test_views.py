"""The audit trail page: who, when, what, before/after, reason; filterable; scoped to the user."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.apps.budgets.models import Voucher

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_audit_trail_shows_who_what_before_after_and_reason(as_user, officer, books):
    client = as_user(officer)
    client.post(
        reverse("budgets:voucher-reverse", args=[books.voucher.pk]),
        {"date": "2023-06-01", "reason": "重复报销", "confirm": "on"},
    )
    text = _text(client.get(reverse("core:audit-list")))
    assert "红字冲销" in text and "重复报销" in text
    assert "李会计" in text
    # before → after of the line's 已支出: 1,000.00元 → 0.00元
    assert "已支出" in text and "1,000.00元" in text and "0.00元" in text
    reversal = Voucher.objects.get(reversal_of=books.voucher)
    assert reverse("budgets:voucher-detail", args=[reversal.pk]) in text


def test_department_user_sees_only_own_departments_events(
    as_user, officer, other_officer, books, other_books
):
    text = _text(as_user(officer).get(reverse("core:audit-list")))
    assert reverse("budgets:transfer-detail", args=[books.transfer.pk]) in text
    assert reverse("budgets:transfer-detail", args=[other_books.transfer.pk]) not in text
    assert "张会计" not in text


def test_bureau_staff_sees_events_of_all_their_departments_and_can_filter_by_department(
    as_user, bureau_staff, books, other_books, other_department
):
    client = as_user(bureau_staff)
    text = _text(client.get(reverse("core:audit-list")))
    assert reverse("budgets:transfer-detail", args=[books.transfer.pk]) in text
    assert reverse("budgets:transfer-detail", args=[other_books.transfer.pk]) in text
    filtered = _text(client.get(reverse("core:audit-list"), {"department": other_department.pk}))
    assert reverse("budgets:transfer-detail", args=[books.transfer.pk]) not in filtered
    assert reverse("budgets:transfer-detail", args=[other_books.transfer.pk]) in filtered


def test_audit_trail_filters_by_action(as_user, officer, books):
    client = as_user(officer)
    text = _text(client.get(reverse("core:audit-list"), {"action": "transfer_create"}))
    assert "新建调剂申请" in text
    assert "支出记账</td>" not in text
    assert "支出记账</td>" in _text(client.get(reverse("core:audit-list"), {"action": "expenditure_post"}))


def test_audit_trail_filters_by_date_range(as_user, officer, books):
    client = as_user(officer)
    text = _text(client.get(reverse("core:audit-list"), {"from": "2000-01-01", "to": "2000-12-31"}))
    assert "没有审计记录" in text


def test_auditor_reads_the_audit_trail(as_user, auditor, books):
    response = as_user(auditor).get(reverse("core:audit-list"))
    assert response.status_code == 200
    assert "新建调剂申请" in _text(response)


def test_audit_trail_needs_login(client, db):
    assert client.get(reverse("core:audit-list")).status_code == 302


def test_audit_trail_names_lines_and_folds_unchanged_fields(as_user, officer, books):
    from jixiao.apps.budgets.services import transfer_submit

    transfer_submit(actor=officer, transfer=books.transfer)
    text = _text(as_user(officer).get(reverse("core:audit-list"), {"action": "transfer_submit"}))
    # the state changed: shown; source/target did not: folded, and named by their labels, not ids
    assert "已提交" in text and "草稿" in text
    assert "其余" in text and "项未变" in text
    assert books.personnel.label in text and books.public.label in text


def test_bureau_pages_say_they_hold_demo_data(as_user, bureau_staff, books, department):
    department.is_demo = True
    department.save()
    client = as_user(bureau_staff)
    for name in ("core:audit-list", "budgets:transfer-list", "budgets:refusal-list", "home"):
        assert "演示数据" in _text(client.get(reverse(name))), name
