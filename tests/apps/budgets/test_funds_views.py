"""Screens of issue 13: 用款申请, 已预占 and 资金来源 on the execution table, 上年数（录入）, 预警阈值."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets import services
from jixiao.apps.budgets.models import PaymentRequest, PriorYearSummary, Voucher, WarningThresholds
from jixiao.apps.core.models import AuditEvent
from tests.factories import make_line

pytestmark = pytest.mark.django_db
D = Decimal


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def line(officer, department):
    return make_line(actor=officer, department=department, amount="10000.00")


def test_a_payment_request_goes_through_the_screens_and_the_table_shows_what_is_reserved(
    as_user, officer, head, line
):
    client = as_user(officer)
    response = client.post(
        reverse("budgets:payment-create"),
        {
            "line": line.pk,
            "econ_code": "30201",
            "amount": "2,500.00",
            "purpose": "印刷宣传册",
            "submit_now": "on",
        },
    )
    request = PaymentRequest.objects.get()
    assert response.status_code == 302 and request.state == "submitted"
    page = _text(client.get(request.get_absolute_url()))
    approve_url = reverse("budgets:payment-action", args=[request.pk, "approve"])
    assert "待审批" in page and "待本单位部门负责人批准" in page and approve_url not in page
    # the officer may not approve; the head approves from the page
    client = as_user(head)
    page = _text(client.get(request.get_absolute_url()))
    assert "批准后在支付指标上预占申请金额" in page and approve_url in page
    client.post(reverse("budgets:payment-action", args=[request.pk, "approve"]), {"confirm": "on"})
    request.refresh_from_db()
    assert request.state == "approved"
    table = _text(client.get(reverse("home")))
    assert "已预占" in table and "0.25" in table  # 2,500.00元 in 万元
    client = as_user(officer)
    response = client.post(
        reverse("budgets:payment-action", args=[request.pk, "pay"]), {"date": "2023-05-06", "confirm": "on"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "paid" and Voucher.objects.get(pk=request.voucher_id).amount == D("2500.00")
    detail = _text(client.get(request.get_absolute_url()))
    assert "已支付" in detail and "查看凭证" in detail and "印刷宣传册" in detail


def test_a_refused_approval_shows_the_figures_and_changes_nothing(as_user, officer, head, line):
    from jixiao.apps.budgets import payments

    big = payments.payment_request_create(
        actor=officer, line=line, amount="9000", econ_code="30201", purpose="甲"
    )
    payments.payment_request_submit(actor=officer, request=big)
    other = payments.payment_request_create(
        actor=officer, line=line, amount="2000", econ_code="30201", purpose="乙"
    )
    payments.payment_request_submit(actor=officer, request=other)
    payments.payment_request_approve(actor=head, request=big)
    client = as_user(head)
    page = _text(
        client.post(reverse("budgets:payment-action", args=[other.pk, "approve"]), {"confirm": "on"})
    )
    assert "已拒绝（超出预算）" in page and "已预占" in page and "9,000.00" in page
    other.refresh_from_db()
    assert other.state == "submitted"


def test_a_payment_step_needs_the_confirmation_and_a_rejection_its_reason(as_user, officer, head, line):
    from jixiao.apps.budgets import payments

    request = payments.payment_request_create(
        actor=officer, line=line, amount="1200", econ_code="30201", purpose="会议场地"
    )
    payments.payment_request_submit(actor=officer, request=request)
    client = as_user(head)
    url = reverse("budgets:payment-action", args=[request.pk, "approve"])
    assert 'name="confirm"' in _text(client.get(request.get_absolute_url()))
    page = _text(client.post(url, {}))
    assert "请勾选确认后再提交。" in page
    request.refresh_from_db()
    assert request.state == "submitted"
    page = _text(
        client.post(
            reverse("budgets:payment-action", args=[request.pk, "reject"]), {"confirm": "on", "reason": "  "}
        )
    )
    assert "请填写原因。" in page
    request.refresh_from_db()
    assert request.state == "submitted" and not AuditEvent.objects.filter(action__contains="reject").exists()
    client.post(
        reverse("budgets:payment-action", args=[request.pk, "reject"]),
        {"confirm": "on", "reason": "场地费超标"},
    )
    request.refresh_from_db()
    assert request.state == "rejected"


def test_another_departments_request_is_not_found(as_user, other_officer, officer, line):
    from jixiao.apps.budgets import payments

    request = payments.payment_request_create(
        actor=officer, line=line, amount="10", econ_code="30201", purpose="x"
    )
    client = as_user(other_officer)
    assert client.get(request.get_absolute_url()).status_code == 404
    assert client.post(reverse("budgets:payment-action", args=[request.pk, "submit"]), {}).status_code == 404


def test_the_execution_table_shows_sources_and_a_voucher_names_its_source(as_user, officer, department, line):
    services.budget_line_create(
        actor=officer, department=department, year=2023, func_code="2012901", fund_type="basic_public",
        econ_code="302", initial_amount=D("3000.00"), date=dt.date(2023, 1, 1), fund_source="other_income",
    )  # fmt: skip
    client = as_user(officer)
    page = _text(client.get(reverse("home")))
    assert "按资金来源" in page and "其他收入" in page and "一般公共预算财政拨款" in page
    response = client.post(
        reverse("budgets:voucher-create"),
        {"date": "2023-03-01", "summary": "办公用品", "amount": "100", "econ_code": "30201",
         "fund_type": "basic_public", "line": line.pk, "fund_source": "other_income"},
    )  # fmt: skip
    text = _text(response)
    assert "不得跨资金来源使用预算" in text and "其他收入" in text
    assert Voucher.objects.count() == 0


def test_prior_year_entry_is_saved_audited_and_shown(as_user, officer, department):
    client = as_user(officer)
    page = _text(client.get(reverse("budgets:prior-year")))
    assert "2022年" in page and "上年无此项" in page  # the note explains the report will not say it
    response = client.post(
        reverse("budgets:prior-year"),
        {
            "personnel_initial__general_budget": "300000",
            "public_initial__general_budget": "100,000.00",
            "carry_over_end__general_budget": "5000",
            "sangong_budget__reception": "6000",
            "sangong_actual__reception": "5500",
            "staff__actual": "7",
            "source": "2022年度部门决算",
        },
    )
    assert response.status_code == 302
    record = PriorYearSummary.objects.get(department=department, year=2022)
    assert record.figures["actual"] == 7 and record.source == "2022年度部门决算"
    assert AuditEvent.objects.filter(action="prior_year_set").count() == 1
    page = _text(client.get(reverse("budgets:prior-year")))
    assert 'value="300000.00"' in page
    bad = client.post(reverse("budgets:prior-year"), {"public_initial__general_budget": "abc"})
    assert bad.status_code == 200 and "不是有效数字" in _text(bad)


def test_a_bureau_sets_thresholds_and_the_home_table_warns_by_them(
    as_user, officer, bureau_staff, department, bureau
):
    """Line warnings are for the running year: the test works in this year."""
    from django.utils import timezone

    year = timezone.localdate().year
    line = make_line(actor=officer, department=department, year=year, amount="10000.00")
    services.expenditure_post(
        actor=officer, line=line, date=dt.date(year, 1, 1), amount="8500.00", summary="办公",
        econ_code="30201", fund_type="basic_public",
    )  # fmt: skip
    client = as_user(bureau_staff)
    client.get(reverse("home"), {"year": year})
    assert "指标使用率预警" not in _text(client.get(reverse("home")))  # 85% < default 90%
    response = client.post(
        reverse("budgets:thresholds"), {"line_used_percent": "80", "budget_lag_points": ""}
    )
    assert response.status_code == 302
    assert WarningThresholds.objects.get(bureau=bureau).values == {"line_used_percent": "80"}
    assert AuditEvent.objects.filter(action="warning_thresholds_set").count() == 1
    home = _text(client.get(reverse("home")))
    assert "已使用85.0%，达到预警线80.0%" in home
    refused = client.post(reverse("budgets:thresholds"), {"line_used_percent": "150"})
    assert "应大于0且不超过100" in _text(refused)
    assert WarningThresholds.objects.get(bureau=bureau).values == {"line_used_percent": "80"}
    dept = as_user(officer)
    dept.get(reverse("home"), {"year": year})
    assert dept.post(reverse("budgets:thresholds"), {"line_used_percent": "50"}).status_code == 403
    assert "已使用85.0%" in _text(dept.get(reverse("home")))


def test_after_the_year_only_the_lag_behind_schedule_warns(as_user, officer, line):
    services.expenditure_post(
        actor=officer, line=line, date=dt.date(2023, 3, 1), amount="8500.00", summary="办公",
        econ_code="30201", fund_type="basic_public",
    )  # fmt: skip
    page = _text(as_user(officer).get(reverse("home")))
    assert "达到预警线" not in page and "已使用" not in page
    assert "基本支出执行率85.0%，低于序时进度100.0%超过10个百分点" in page
