"""用款申请 (payment requests): 申请 → 批准 → 支付 on the approval mechanism.

Each function is one state change: keyword-only, atomic, the request locked (through
``approval_advance``), refused with a Chinese message and nothing written, audited. The
workflow (jixiao/data/workflows/payment-request.yaml) names the checks and effects of each
step; ``_handler`` carries them out:

- ``budget_control`` — the request must pass hard budget control against its line (资金来源,
  支出性质, 功能/经济分类, and the available balance — unless its own reservation holds it);
- ``commit`` — approval reserves (预占) the amount on the line;
- ``pay`` — payment posts the voucher and consumes the reservation;
- ``release`` — cancelling gives the reservation back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from jixiao.apps.budgets.models import (
    BudgetLine,
    CommitmentKind,
    CommitmentState,
    PaymentRequest,
)
from jixiao.apps.budgets.services import (
    _commit,
    _event_date,
    _expenditure,
    _lock_line,
    _records_refusal,
    _release_open,
    _require_department_writer,
)
from jixiao.apps.core.approval import approval_advance
from jixiao.apps.core.services import audit_record
from jixiao.domain.approval import Transition
from jixiao.domain.budget_control import (
    BudgetControlError,
    BudgetLineView,
    ControlKey,
    check_expenditure,
)
from jixiao.domain.money import ZERO, yuan


def _expense_key(request: PaymentRequest, line: BudgetLine) -> ControlKey:
    return ControlKey(
        year=line.year,
        department=line.department.code,
        func_code=line.func_code,
        fund_type=line.fund,
        project=line.project.code if line.project_id else None,
        econ_code=request.econ_code,
        fund_source=line.fund_source,
    )


def _check(request: PaymentRequest, line: BudgetLine) -> None:
    """Hard budget control for the request; its own open reservation counts as its money."""
    view = line.to_domain()
    held = sum((c.open_amount for c in request.commitments.filter(state=CommitmentState.OPEN)), ZERO)
    if held:
        view = BudgetLineView(key=view.key, label=view.label, balance=view.balance.without_commitment(held))
    check_expenditure(
        expense_key=_expense_key(request, line),
        line=view,
        amount=request.amount,
        econ_level=line.department.econ_control_level,
    )


def _handler(*, actor, date: dt.date | None = None):
    def handle(request: PaymentRequest, transition: Transition) -> None:
        line = _lock_line(request.line)
        if "budget_control" in transition.checks:
            _check(request, line)
        if "commit" in transition.effects:
            _commit(
                line=line,
                kind=CommitmentKind.PAYMENT_REQUEST,
                amount=request.amount,
                date=_event_date(request.year),
                actor=actor,
                memo=f"用款申请{request.number}：{request.purpose}",
                payment_request=request,
            )
        if "pay" in transition.effects:
            when = date or _event_date(request.year)
            commitment = request.commitments.filter(state=CommitmentState.OPEN).first()
            voucher = _expenditure(
                actor=actor,
                locked=line,
                date=when,
                amount=request.amount,
                summary=f"{request.purpose}（用款申请{request.number}）",
                econ_code=request.econ_code,
                fund_type=line.fund_type,
                project=line.project,
                payee=request.payee,
                is_demo=request.is_demo,
                commitment=commitment,
            )
            request.voucher = voucher
        if "release" in transition.effects:
            _release_open(
                date=_event_date(request.year), actor=actor, reason=transition.reason, payment_request=request
            )

    return handle


@_records_refusal("payment_request_create")
def payment_request_create(
    *,
    actor,
    line: BudgetLine,
    amount: Decimal | str,
    econ_code: str,
    purpose: str,
    payee: str = "",
    is_demo: bool = False,
) -> PaymentRequest:
    """A draft 用款申请 against a budget line; budget control runs when it is submitted."""
    department = line.department
    _require_department_writer(actor, department)
    amount = yuan(amount)
    if amount <= 0:
        raise BudgetControlError("申请金额必须大于0。")
    if not purpose.strip():
        raise BudgetControlError("请填写用途。")
    if not econ_code.strip():
        raise BudgetControlError("请填写经济分类。")
    count = PaymentRequest.objects.filter(department=department, year=line.year).count()
    now = timezone.now()
    request = PaymentRequest.objects.create(
        department=department,
        year=line.year,
        number=f"YK{line.year}-{count + 1:04d}",
        line=line,
        amount=amount,
        econ_code=econ_code.strip(),
        purpose=purpose.strip()[:255],
        payee=payee.strip()[:128],
        is_demo=is_demo,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    audit_record(
        actor=actor,
        action="payment_request_create",
        action_label="新建用款申请",
        target=request,
        department=department,
        after=request.snapshot(),
    )
    return request


def _step(*, actor, request: PaymentRequest, action: str, reason: str = "", date=None) -> PaymentRequest:
    locked, _ = approval_advance(
        actor=actor,
        record=request,
        action=action,
        handler=_handler(actor=actor, date=date),
        reason=reason,
    )
    return locked


@_records_refusal("payment_request_submit")
def payment_request_submit(*, actor, request: PaymentRequest) -> PaymentRequest:
    return _step(actor=actor, request=request, action="submit")


@_records_refusal("payment_request_approve")
def payment_request_approve(*, actor, request: PaymentRequest) -> PaymentRequest:
    """The department head approves (never their own request): the amount is reserved."""
    return _step(actor=actor, request=request, action="approve")


@_records_refusal("payment_request_reject")
def payment_request_reject(*, actor, request: PaymentRequest, reason: str) -> PaymentRequest:
    return _step(actor=actor, request=request, action="reject", reason=reason)


@_records_refusal("payment_request_withdraw")
def payment_request_withdraw(*, actor, request: PaymentRequest, reason: str) -> PaymentRequest:
    return _step(actor=actor, request=request, action="withdraw", reason=reason)


@_records_refusal("payment_request_cancel")
def payment_request_cancel(*, actor, request: PaymentRequest, reason: str) -> PaymentRequest:
    """An approved request that will not be paid: its reservation is released."""
    return _step(actor=actor, request=request, action="cancel", reason=reason)


@_records_refusal("payment_request_pay")
def payment_request_pay(*, actor, request: PaymentRequest, date: dt.date) -> PaymentRequest:
    """Pay an approved request: a voucher is posted and the reservation consumed."""
    return _step(actor=actor, request=request, action="pay", date=date)


PAYMENT_ACTIONS = {
    "submit": payment_request_submit,
    "approve": payment_request_approve,
    "reject": payment_request_reject,
    "withdraw": payment_request_withdraw,
    "cancel": payment_request_cancel,
    "pay": payment_request_pay,
}
