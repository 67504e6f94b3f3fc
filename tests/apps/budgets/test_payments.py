"""用款申请 on the approval mechanism, and commitments (预占) from requests and contracts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.apps.budgets import payments, services
from jixiao.apps.budgets.models import Commitment, LedgerEntry, PaymentRequest, Voucher
from jixiao.apps.budgets.selectors import ledger_sums_by_line
from jixiao.apps.core.models import ApprovalStep, AuditEvent, RefusalEvent
from jixiao.domain.budget_control import BudgetExceeded, CrossUseForbidden
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from tests.factories import UserFactory, make_line

pytestmark = pytest.mark.django_db
DAY = dt.date(2023, 5, 10)
D = Decimal


@pytest.fixture
def line(officer, department):
    return make_line(actor=officer, department=department, amount="10000.00")


def _request(officer, line, amount="3000.00", econ="30201"):
    request = payments.payment_request_create(
        actor=officer, line=line, amount=amount, econ_code=econ, purpose="购买办公用品", payee="文具店"
    )
    return payments.payment_request_submit(actor=officer, request=request)


def _draft(officer, line, amount):
    return payments.payment_request_create(
        actor=officer, line=line, amount=amount, econ_code="30201", purpose="购买办公用品"
    )


def _refresh(line):
    line.refresh_from_db()
    return line


def test_apply_approve_pay_reserves_then_consumes(officer, head, line):
    request = _request(officer, line)
    assert _refresh(line).committed == D("0.00")  # a request reserves nothing until approved
    request = payments.payment_request_approve(actor=head, request=request)
    assert request.state == "approved"
    assert (_refresh(line).committed, line.available) == (D("3000.00"), D("7000.00"))
    request = payments.payment_request_pay(actor=officer, request=request, date=DAY)
    assert request.state == "paid" and request.voucher is not None
    line = _refresh(line)
    assert (line.spent, line.committed, line.available) == (D("3000.00"), D("0.00"), D("7000.00"))
    voucher = Voucher.objects.get(pk=request.voucher_id)
    assert voucher.amount == D("3000.00") and voucher.econ_code == "30201" and voucher.commitment is not None
    commitment = Commitment.objects.get(payment_request=request)
    assert (commitment.state, commitment.consumed, commitment.released) == (
        "consumed",
        D("3000.00"),
        D("0.00"),
    )
    sums = ledger_sums_by_line(department=line.department, year=2023)[line.pk]
    assert sums["commit"] + sums["release"] == line.committed == D("0.00")
    steps = list(ApprovalStep.objects.filter(workflow="payment_request", object_id=request.pk))
    assert [(s.action, s.from_state, s.to_state) for s in steps] == [
        ("submit", "draft", "submitted"),
        ("approve", "submitted", "approved"),
        ("pay", "approved", "paid"),
    ]
    assert steps[1].actor == head and steps[1].effects == ["commit"]
    assert AuditEvent.objects.filter(action="payment_request_approve").count() == 1


def test_cancelling_an_approved_request_releases_its_reservation(officer, head, line):
    request = payments.payment_request_approve(actor=head, request=_request(officer, line, "4000.00"))
    payments.payment_request_cancel(actor=officer, request=request, reason="活动取消")
    line = _refresh(line)
    assert (line.committed, line.available) == (D("0.00"), D("10000.00"))
    request.refresh_from_db()
    assert request.state == "cancelled" and request.closed_reason == "活动取消"


def test_the_head_cannot_approve_their_own_request_and_the_refusal_is_kept(head, line):
    request = payments.payment_request_create(
        actor=head, line=line, amount="100.00", econ_code="30201", purpose="自用"
    )
    payments.payment_request_submit(actor=head, request=request)
    with pytest.raises(PermissionRefused, match="不能批准自己提交的用款申请"):
        payments.payment_request_approve(actor=head, request=request)
    request.refresh_from_db()
    assert request.state == "submitted"
    assert RefusalEvent.objects.filter(action="payment_request_approve").count() == 1


def test_approval_is_refused_when_the_line_cannot_hold_the_request(officer, head, line):
    first = _request(officer, line, "8000.00")
    second = _request(officer, line, "3000.00")  # submitted while nothing is reserved yet
    first = payments.payment_request_approve(actor=head, request=first)
    before = (LedgerEntry.objects.count(), Commitment.objects.count())
    with pytest.raises(BudgetExceeded, match=r"已预占8,000\.00元，可用余额2,000\.00元"):
        payments.payment_request_approve(actor=head, request=second)
    assert (LedgerEntry.objects.count(), Commitment.objects.count()) == before
    second.refresh_from_db()
    assert second.state == "submitted"
    # a plain expenditure cannot take the reserved money either
    with pytest.raises(BudgetExceeded):
        services.expenditure_post(
            actor=officer, line=line, date=DAY, amount="2500.00", summary="x", econ_code="30201",
            fund_type="basic_public",
        )  # fmt: skip
    payments.payment_request_pay(actor=officer, request=first, date=DAY)
    assert _refresh(line).available == D("2000.00")
    with pytest.raises(BudgetExceeded, match="超出预算"):
        payments.payment_request_submit(actor=officer, request=_draft(officer, line, "2500.00"))


def test_submission_runs_budget_control_and_pay_needs_approval(officer, head, line):
    request = payments.payment_request_create(
        actor=officer, line=line, amount="20000.00", econ_code="30201", purpose="超支"
    )
    with pytest.raises(BudgetExceeded):
        payments.payment_request_submit(actor=officer, request=request)
    small = _request(officer, line, "10.00")
    with pytest.raises(TransitionNotAllowed, match="不能支付"):
        payments.payment_request_pay(actor=officer, request=small, date=DAY)
    personnel = payments.payment_request_create(
        actor=officer, line=line, amount="10.00", econ_code="30101", purpose="工资"
    )
    with pytest.raises(Exception, match="人员经费"):
        payments.payment_request_submit(actor=officer, request=personnel)


def test_a_contract_reserves_what_is_unpaid_and_payments_against_it_consume(officer, department, line):
    record = services.procurement_record(
        actor=officer, department=department, year=2023, date=DAY, contract_no="HT-01", item="打印机",
        method="e_mall", amount="6000.00", line=line,
    )  # fmt: skip
    assert _refresh(line).committed == D("6000.00")
    commitment = record.open_commitment
    services.expenditure_post(
        actor=officer, line=line, date=DAY, amount="4000.00", summary="打印机首付款", econ_code="30201",
        fund_type="basic_public", commitment=commitment,
    )  # fmt: skip
    line = _refresh(line)
    assert (line.spent, line.committed, line.available) == (D("4000.00"), D("2000.00"), D("4000.00"))
    services.procurement_close(actor=officer, record=record, reason="已履行完毕，尾款不再支付")
    line = _refresh(line)
    assert (line.committed, line.available) == (D("0.00"), D("6000.00"))
    commitment.refresh_from_db()
    assert (commitment.consumed, commitment.released, commitment.state) == (
        D("4000.00"),
        D("2000.00"),
        "released",
    )


def test_a_contract_recorded_after_its_payments_reserves_only_the_rest(officer, department, line):
    services.expenditure_post(
        actor=officer, line=line, date=DAY, amount="1500.00", summary="电脑", econ_code="30201",
        fund_type="basic_public",
    )  # fmt: skip
    with pytest.raises(Exception, match="超过指标"):
        services.procurement_record(
            actor=officer, department=department, year=2023, date=DAY, contract_no="HT-02", item="电脑",
            method="e_mall", amount="5000.00", line=line, already_paid="2000.00",
        )  # fmt: skip
    services.procurement_record(
        actor=officer, department=department, year=2023, date=DAY, contract_no="HT-02", item="电脑",
        method="e_mall", amount="5000.00", line=line, already_paid="1500.00",
    )  # fmt: skip
    assert _refresh(line).committed == D("3500.00")


def test_a_cancelled_contract_releases_and_a_contract_too_big_is_refused(officer, department, line):
    with pytest.raises(BudgetExceeded, match="不能预占"):
        services.procurement_record(
            actor=officer, department=department, year=2023, date=DAY, contract_no="HT-03", item="车",
            method="e_mall", amount="12000.00", line=line,
        )  # fmt: skip
    record = services.procurement_record(
        actor=officer, department=department, year=2023, date=DAY, contract_no="HT-04", item="桌椅",
        method="e_mall", amount="2000.00", line=line,
    )  # fmt: skip
    services.procurement_cancel(actor=officer, record=record, reason="录错")
    assert _refresh(line).committed == D("0.00")


def test_another_departments_head_cannot_act(officer, line):
    other_head = UserFactory(role="department_head")
    request = _request(officer, line, "10.00")
    with pytest.raises(PermissionRefused):
        payments.payment_request_approve(actor=other_head, request=request)
    assert PaymentRequest.objects.get(pk=request.pk).state == "submitted"


def test_a_request_from_an_other_income_line_cannot_be_paid_as_a_fiscal_expense(officer, head, department):
    other = make_line(actor=officer, department=department, amount="5000.00")
    assert other.fund_source == "general_budget"
    income = services.budget_line_create(
        actor=officer, department=department, year=2023, func_code="2012901", fund_type="basic_public",
        econ_code="302", initial_amount=D("5000.00"), date=dt.date(2023, 1, 1), fund_source="other_income",
    )  # fmt: skip
    with pytest.raises(CrossUseForbidden, match=r"一般公共预算财政拨款.*其他收入"):
        services.expenditure_post(
            actor=officer, line=income, date=DAY, amount="100.00", summary="办公费", econ_code="30201",
            fund_type="basic_public", fund_source="general_budget",
        )  # fmt: skip


def test_the_database_refuses_a_row_that_overdraws_a_line(line):
    """Whatever path writes a line (a bug, a bulk update), spent + committed stays within budget."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    from jixiao.apps.budgets.models import BudgetLine

    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=line.pk).update(committed=F("committed") + D("10000.01"))
    BudgetLine.objects.filter(pk=line.pk).update(committed=F("committed") + D("10000.00"))
    assert _refresh(line).available == D("0.00")
