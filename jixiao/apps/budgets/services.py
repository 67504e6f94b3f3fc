"""Every state change of budgets, expenditures, 调剂 and commitments (预占) goes through one
function here (用款申请 in jixiao.apps.budgets.payments).

Each function is keyword-only and atomic, locks the rows it checks (select_for_update),
raises a DomainError with a Chinese message and changes nothing when it refuses, writes an
AuditEvent on success, and records the refused attempt (RefusalEvent) after rolling back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jixiao.apps.budgets.models import (
    FUNDABLE_STAGES,
    LEDGER_FIELD,
    BudgetLine,
    Commitment,
    CommitmentKind,
    CommitmentState,
    LedgerEntry,
    LedgerKind,
    PriorYearSummary,
    ProcurementMethod,
    ProcurementRecord,
    Project,
    SanGongBudget,
    TransferRequest,
    Voucher,
    WarningThresholds,
    YearSettlement,
)
from jixiao.apps.core.approval import approval_advance
from jixiao.apps.core.services import audit_record, records_refusal
from jixiao.apps.orgs.models import Department
from jixiao.domain.approval import Transition
from jixiao.domain.budget_control import (
    BudgetControlError,
    BudgetExceeded,
    BudgetLineView,
    ControlKey,
    check_adjustment,
    check_expenditure,
    check_key_complete,
    transfer_needs_bureau_approval,
)
from jixiao.domain.classification import FundType, default_fund_source, is_fund_source
from jixiao.domain.early_warning import clean_overrides
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.money import ZERO, yuan, yuan_fixed
from jixiao.domain.prior_year import PriorYear, PriorYearInvalid
from jixiao.domain.transfers import check_executable, check_source_available, execution_warning


class DuplicateVoucherNumber(DomainError):
    code = "duplicate_voucher"


def _scope(kwargs) -> tuple:
    subject = (
        kwargs.get("line")
        or kwargs.get("voucher")
        or kwargs.get("transfer")
        or kwargs.get("record")
        or kwargs.get("request")
    )
    department = kwargs.get("department") or getattr(subject, "department", None)
    year = kwargs.get("year") or getattr(
        kwargs.get("line") or kwargs.get("record") or kwargs.get("request") or kwargs.get("transfer"),
        "year",
        None,
    )
    return department, year


def _records_refusal(action: str):
    """Run the service in its own atomic block; on refusal, roll back, record it, re-raise."""
    return records_refusal(action, scope=_scope)


def _require_department_writer(actor, department: Department) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能修改数据。")
    if not (actor.is_department_user and actor.department_id == department.pk):
        raise PermissionRefused("只有本单位的财务人员或负责人可以办理本单位的预算和支出。")


def _lock_line(line: BudgetLine) -> BudgetLine:
    return (
        BudgetLine.objects.select_for_update(of=("self",))
        .select_related("department", "project")
        .get(pk=line.pk)
    )


def _post(
    *,
    line: BudgetLine,
    kind: LedgerKind,
    amount: Decimal,
    date: dt.date,
    actor,
    voucher: Voucher | None = None,
    transfer: TransferRequest | None = None,
    commitment: Commitment | None = None,
    doc_no: str = "",
    memo: str = "",
) -> LedgerEntry:
    """Append a ledger row and move the line's running total. The caller holds the line lock."""
    entry = LedgerEntry.objects.create(
        line=line,
        kind=kind,
        amount=amount,
        date=date,
        voucher=voucher,
        transfer=transfer,
        commitment=commitment,
        doc_no=doc_no,
        memo=memo[:255],
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=timezone.now(),
    )
    field = LEDGER_FIELD[kind]
    BudgetLine.objects.filter(pk=line.pk).update(**{field: F(field) + amount})
    setattr(line, field, getattr(line, field) + amount)
    return entry


# ---------------------------------------------------------------- budget lines


@_records_refusal("budget_line_create")
def budget_line_create(
    *,
    actor,
    department: Department,
    year: int,
    func_code: str,
    fund_type: FundType | str,
    econ_code: str,
    initial_amount: Decimal,
    date: dt.date,
    project: Project | None = None,
    name: str = "",
    doc_no: str = "",
    fund_source: str | None = None,
) -> BudgetLine:
    """Create a budget line with its 年初预算 (which may be 0 for a line filled by 调剂)."""
    _require_department_writer(actor, department)
    fund = FundType(fund_type)
    source = fund_source or default_fund_source()
    if not is_fund_source(source):
        raise BudgetControlError(f"未知的资金来源：{source}")
    amount = yuan(initial_amount)
    if amount < 0:
        raise BudgetControlError("年初预算金额不能为负数。")
    if project is not None and project.department_id != department.pk:
        raise PermissionRefused("项目不属于本单位。")
    if project is not None and project.stage not in FUNDABLE_STAGES:
        raise BudgetControlError(
            f"项目“{project.name}”尚未立项（当前阶段：{project.get_stage_display()}），不能安排预算指标。"
        )
    key = ControlKey(
        year=year,
        department=department.code,
        func_code=func_code,
        fund_type=fund,
        project=project.code if project else None,
        econ_code=econ_code,
        fund_source=source,
    )
    check_key_complete(key, econ_level=department.econ_control_level)
    if len(econ_code) != department.econ_control_level:
        raise BudgetControlError(
            f"本单位的经济分类控制级次为{department.econ_control_level}位，指标的经济分类“{econ_code}”级次不符。"
        )
    if BudgetLine.objects.filter(
        department=department,
        year=year,
        func_code=func_code,
        fund_type=fund.value,
        project=project,
        econ_code=econ_code,
        fund_source=source,
    ).exists():
        raise BudgetControlError(f"预算指标已存在：{key.describe()}。追加预算请使用“追加/追减”。")
    line = BudgetLine.objects.create(
        department=department,
        year=year,
        func_code=func_code,
        fund_type=fund.value,
        project=project,
        econ_code=econ_code,
        fund_source=source,
        name=name,
        doc_no=doc_no,
    )
    line = _lock_line(line)
    if amount:
        _post(
            line=line,
            kind=LedgerKind.INITIAL,
            amount=amount,
            date=date,
            actor=actor,
            doc_no=doc_no,
            memo="年初预算",
        )
    audit_record(
        actor=actor,
        action="budget_line_create",
        action_label="新建预算指标",
        target=line,
        department=department,
        after={"key": key.describe(), "fund_source": source, "allocated": amount, "doc_no": doc_no},
    )
    return line


@_records_refusal("budget_adjust")
def budget_adjust(
    *,
    actor,
    line: BudgetLine,
    amount: Decimal,
    date: dt.date,
    doc_no: str,
    memo: str = "",
    policy_driven: bool = False,
) -> LedgerEntry:
    """追加 (positive) or 追减 (negative) an approved line; needs the approval document number."""
    _require_department_writer(actor, line.department)
    amount = yuan(amount)
    if not doc_no.strip():
        raise BudgetControlError("追加追减必须填写财政批复文号。")
    locked = _lock_line(line)
    before = locked.balance().breakdown()
    check_adjustment(line=locked.to_domain(), amount=amount)
    tag = "【政策性调整】" if policy_driven else ""
    entry = _post(
        line=locked,
        kind=LedgerKind.ADJUSTMENT,
        amount=amount,
        date=date,
        actor=actor,
        doc_no=doc_no,
        memo=tag + memo,
    )
    audit_record(
        actor=actor,
        action="budget_adjust",
        action_label="追加预算" if amount > 0 else "追减预算",
        target=locked,
        department=locked.department,
        before=before,
        after=locked.balance().breakdown(),
        reason=f"{doc_no} {memo}".strip(),
    )
    return entry


# ---------------------------------------------------------------- expenditures


def _next_voucher_number(department: Department, year: int) -> str:
    Department.objects.select_for_update(of=("self",)).get(pk=department.pk)
    count = Voucher.objects.filter(department=department, year=year).count()
    while True:
        count += 1
        number = f"{year}-{count:05d}"
        if not Voucher.objects.filter(department=department, year=year, number=number).exists():
            return number


@_records_refusal("expenditure_post")
def expenditure_post(
    *,
    actor,
    line: BudgetLine,
    date: dt.date,
    amount: Decimal | str,
    summary: str,
    econ_code: str,
    fund_type: FundType | str | None,
    func_code: str | None = None,
    project: Project | None = None,
    payee: str = "",
    number: str = "",
    is_demo: bool = False,
    fund_source: str | None = None,
    commitment: Commitment | None = None,
) -> Voucher:
    """Post an expenditure against a budget line under hard budget control.

    The voucher states what the spending is (its 资金来源, 功能分类, 支出性质, project and 经济分类
    at 项 level); the line is what pays for it. Any mismatch is cross-use and is refused. The
    资金来源 defaults to the line's; naming another one (a 财政拨款 expense paid from an 其他收入
    line) is cross-use between sources. A payment against a commitment (an approved 用款申请,
    a registered contract) may use the money reserved for it, and consumes the reservation.
    """
    department = line.department
    _require_department_writer(actor, department)
    locked = _lock_line(line)
    return _expenditure(
        actor=actor,
        locked=locked,
        date=date,
        amount=amount,
        summary=summary,
        econ_code=econ_code,
        fund_type=fund_type,
        func_code=func_code,
        project=project,
        payee=payee,
        number=number,
        is_demo=is_demo,
        fund_source=fund_source,
        commitment=commitment,
    )


def _expenditure(
    *,
    actor,
    locked: BudgetLine,
    date: dt.date,
    amount: Decimal | str,
    summary: str,
    econ_code: str,
    fund_type: FundType | str | None,
    func_code: str | None = None,
    project: Project | None = None,
    payee: str = "",
    number: str = "",
    is_demo: bool = False,
    fund_source: str | None = None,
    commitment: Commitment | None = None,
) -> Voucher:
    """The expenditure itself; the caller holds the line's lock."""
    department = locked.department
    amount = yuan(amount)
    if not summary.strip():
        raise BudgetControlError("摘要不能为空。")
    fund = FundType(fund_type) if fund_type else None
    # Read the stage afresh: the caller's copy of the project may predate a lifecycle step.
    stage_ids = {p.pk for p in (project, locked.project) if p is not None}
    for item in Project.objects.filter(pk__in=stage_ids):
        if not item.is_payable:
            raise BudgetControlError(
                f"专项“{item.name}”当前阶段为{item.get_stage_display()}，立项后、验收前才能支付。",
                stage=item.stage,
            )
    if date.year != locked.year:
        raise BudgetControlError(f"支出日期{date:%Y-%m-%d}不在指标年度{locked.year}年内。")
    expense_key = ControlKey(
        year=locked.year,
        department=department.code,
        func_code=func_code if func_code is not None else locked.func_code,
        fund_type=fund,
        project=project.code if project else None,
        econ_code=econ_code,
        fund_source=fund_source or locked.fund_source,
    )
    consumed = ZERO
    if commitment is not None:
        commitment = Commitment.objects.select_for_update(of=("self",)).get(pk=commitment.pk)
        if commitment.line_id != locked.pk:
            raise BudgetControlError(f"{commitment.source_label}预占的是另一条指标，不能用本指标支付。")
        if commitment.state != CommitmentState.OPEN:
            raise BudgetControlError(
                f"{commitment.source_label}的预占已{commitment.get_state_display()}，不能再核销。"
            )
        consumed = min(amount, commitment.open_amount)
    view = locked.to_domain()
    if consumed:
        view = BudgetLineView(
            key=view.key, label=view.label, balance=view.balance.without_commitment(consumed)
        )
    check_expenditure(
        expense_key=expense_key,
        line=view,
        amount=amount,
        econ_level=department.econ_control_level,
    )
    number = number.strip() or _next_voucher_number(department, locked.year)
    if Voucher.objects.filter(department=department, year=locked.year, number=number).exists():
        raise DuplicateVoucherNumber(f"凭证号“{number}”在{locked.year}年度已存在，请勿重复录入。")
    try:
        with transaction.atomic():
            voucher = Voucher.objects.create(
                department=department,
                year=locked.year,
                date=date,
                number=number,
                summary=summary.strip(),
                payee=payee.strip(),
                amount=amount,
                line=locked,
                func_code=expense_key.func_code,
                econ_code=econ_code,
                fund_type=fund.value,
                fund_source=expense_key.fund_source,
                project=project,
                commitment=commitment,
                is_demo=is_demo,
                created_by=actor,
                created_at=timezone.now(),
            )
    except IntegrityError as error:
        raise DuplicateVoucherNumber(f"凭证号“{number}”在{locked.year}年度已存在，请勿重复录入。") from error
    before = locked.balance().breakdown()
    if consumed:  # first give the reserved money back to the payment, then spend it
        _consume(commitment=commitment, line=locked, amount=consumed, date=date, actor=actor, voucher=voucher)
    _post(
        line=locked,
        kind=LedgerKind.EXPENDITURE,
        amount=amount,
        date=date,
        actor=actor,
        voucher=voucher,
        memo=summary,
    )
    audit_record(
        actor=actor,
        action="expenditure_post",
        action_label="支出记账",
        target=voucher,
        department=department,
        before={"line": locked.label, **before},
        after={
            "line": locked.label,
            "amount": amount,
            "fund_source": expense_key.fund_source,
            **({"commitment": commitment.pk, "consumed": consumed} if commitment is not None else {}),
            **locked.balance().breakdown(),
        },
    )
    return voucher


# ---------------------------------------------------------------- commitments (预占)


def _commit(
    *,
    line: BudgetLine,
    kind: CommitmentKind,
    amount: Decimal,
    date: dt.date,
    actor,
    memo: str,
    **links,
) -> Commitment:
    """Reserve ``amount`` on a locked line, refused when the line cannot hold it."""
    if amount <= 0:
        raise BudgetControlError("预占金额必须大于0。")
    balance = line.balance()
    if amount > balance.available:
        raise BudgetExceeded(
            f"可用余额不足，不能预占：{memo}需预占{yuan_fixed(amount)}元，指标“{line.label}”"
            f"{balance.breakdown_text()}，超出{yuan_fixed(amount - balance.available)}元。",
            requested=amount,
            **balance.breakdown(),
        )
    commitment = Commitment.objects.create(
        line=line, kind=kind, amount=amount, memo=memo[:255], created_at=timezone.now(), **links
    )
    _post(
        line=line,
        kind=LedgerKind.COMMIT,
        amount=amount,
        date=date,
        actor=actor,
        commitment=commitment,
        transfer=links.get("transfer"),
        memo=f"预占：{memo}",
    )
    return commitment


def _consume(
    *,
    commitment: Commitment,
    line: BudgetLine,
    amount: Decimal,
    date: dt.date,
    actor,
    voucher=None,
    transfer=None,
) -> None:
    """A payment (or an executed 调剂) uses reserved money: the reservation shrinks by ``amount``.
    The caller holds the line's and the commitment's locks."""
    _post(
        line=line,
        kind=LedgerKind.RELEASE,
        amount=-amount,
        date=date,
        actor=actor,
        commitment=commitment,
        voucher=voucher,
        transfer=transfer,
        memo=f"核销预占：{commitment.source_label}",
    )
    commitment.consumed += amount
    if commitment.open_amount == 0:
        commitment.state = CommitmentState.CONSUMED
        commitment.closed_at = timezone.now()
    commitment.save(update_fields=["consumed", "state", "closed_at"])


def _release(*, commitment: Commitment, date: dt.date, actor, reason: str) -> Decimal:
    """Give back what is left of a reservation (cancel / close / reject). Locks line, then commitment."""
    line = _lock_line(commitment.line)
    locked = Commitment.objects.select_for_update(of=("self",)).get(pk=commitment.pk)
    rest = locked.open_amount
    if locked.state != CommitmentState.OPEN or rest <= 0:
        return ZERO
    _post(
        line=line,
        kind=LedgerKind.RELEASE,
        amount=-rest,
        date=date,
        actor=actor,
        commitment=locked,
        transfer=locked.transfer,
        memo=f"释放预占：{locked.source_label}（{reason}）"[:255],
    )
    locked.released += rest
    locked.state = CommitmentState.RELEASED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["released", "state", "closed_at"])
    return rest


def _release_open(*, date: dt.date, actor, reason: str, **links) -> Decimal:
    released = ZERO
    for commitment in Commitment.objects.filter(state=CommitmentState.OPEN, **links).order_by("pk"):
        released += _release(commitment=commitment, date=date, actor=actor, reason=reason)
    return released


@_records_refusal("expenditure_reverse")
def expenditure_reverse(*, actor, voucher: Voucher, date: dt.date, reason: str) -> Voucher:
    """红字冲销: a new negative voucher and ledger row; the original stays untouched."""
    department = voucher.department
    _require_department_writer(actor, department)
    if not reason.strip():
        raise BudgetControlError("红字冲销必须填写原因。")
    if voucher.is_reversal:
        raise BudgetControlError("红字冲销凭证不能再次冲销。")
    locked = _lock_line(voucher.line)
    if Voucher.objects.filter(reversal_of=voucher).exists():
        raise BudgetControlError(f"凭证“{voucher.number}”已经冲销过。")
    if date.year != voucher.year or date < voucher.date:
        raise BudgetControlError("冲销日期必须在原凭证日期之后且在同一年度内。")
    reversal = Voucher.objects.create(
        department=department,
        year=voucher.year,
        date=date,
        number=f"{voucher.number}-冲",
        summary=f"冲销：{voucher.summary}（{reason.strip()}）"[:255],
        payee=voucher.payee,
        amount=-voucher.amount,
        line=locked,
        func_code=voucher.func_code,
        econ_code=voucher.econ_code,
        fund_type=voucher.fund_type,
        fund_source=voucher.fund_source,
        project=voucher.project,
        reversal_of=voucher,
        is_demo=voucher.is_demo,
        created_by=actor,
        created_at=timezone.now(),
    )
    before = locked.balance().breakdown()
    _post(
        line=locked,
        kind=LedgerKind.REVERSAL,
        amount=-voucher.amount,
        date=date,
        actor=actor,
        voucher=reversal,
        memo=reason,
    )
    audit_record(
        actor=actor,
        action="expenditure_reverse",
        action_label="红字冲销",
        target=reversal,
        department=department,
        before=before,
        after=locked.balance().breakdown(),
        reason=reason,
    )
    return reversal


# ---------------------------------------------------------------- 调剂


def _source_held(transfer: TransferRequest) -> Decimal:
    """What this transfer has reserved on its source line itself (its own money at execution)."""
    open_commitments = Commitment.objects.filter(transfer=transfer, state=CommitmentState.OPEN)
    return sum((c.open_amount for c in open_commitments), ZERO)


@_records_refusal("transfer_create")
def transfer_create(
    *,
    actor,
    source: BudgetLine,
    target: BudgetLine,
    amount: Decimal | str,
    reason: str,
    is_demo: bool = False,
) -> TransferRequest:
    """A draft 调剂; one its source line cannot pay is refused now, with the breakdown."""
    department = source.department
    _require_department_writer(actor, department)
    amount = yuan(amount)
    if not reason.strip():
        raise BudgetControlError("请填写调剂理由。")
    if target.department_id != department.pk or target.year != source.year:
        raise BudgetControlError("调出和调入指标必须属于本单位的同一年度。")
    if source.pk == target.pk:
        raise BudgetControlError("调出指标与调入指标不能相同。")
    if amount <= 0:
        raise BudgetControlError("调剂金额必须大于0。")
    check_source_available(source=_lock_line(source).to_domain(), amount=amount)
    count = TransferRequest.objects.filter(department=department, year=source.year).count()
    now = timezone.now()
    transfer = TransferRequest.objects.create(
        department=department,
        year=source.year,
        number=f"TJ{source.year}-{count + 1:03d}",
        source=source,
        target=target,
        amount=amount,
        reason=reason.strip(),
        needs_bureau=transfer_needs_bureau_approval(source.control_key(), target.control_key()),
        created_by=actor,
        created_at=now,
        updated_at=now,
        is_demo=is_demo,
    )
    audit_record(
        actor=actor,
        action="transfer_create",
        action_label="新建调剂申请",
        target=transfer,
        department=department,
        after=transfer.snapshot(),
        reason=reason,
    )
    return transfer


def _event_date(year: int) -> dt.date:
    """The ledger date of a step taken now for a year's budget: today, kept inside that year."""
    today = timezone.localdate()
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def _lock_transfer_lines(transfer: TransferRequest) -> tuple[BudgetLine, BudgetLine]:
    """Lock both lines in a fixed order so two transfers never deadlock."""
    lines = {pk: _lock_line(BudgetLine(pk=pk)) for pk in sorted([transfer.source_id, transfer.target_id])}
    return lines[transfer.source_id], lines[transfer.target_id]


def _transfer_handler(*, actor, date: dt.date | None = None):
    """The checks and effects transfer.yaml names, run inside the step's transaction."""

    def handle(transfer: TransferRequest, transition: Transition) -> None:
        source, target = _lock_transfer_lines(transfer)
        held = _source_held(transfer)
        if "source_available" in transition.checks:
            check_source_available(source=source.to_domain(), amount=transfer.amount, held=held)
        if "executable" in transition.checks:
            try:
                check_executable(
                    source=source.to_domain(),
                    target=target.to_domain(),
                    amount=transfer.amount,
                    held=held,
                    econ_level=source.department.econ_control_level,
                )
            except BudgetControlError as error:
                if transition.action == "execute":
                    raise
                # An approval that execution would refuse is refused now, saying why.
                raise type(error)(execution_warning(error.message), **error.details) from error
        if transition.doc_no:
            transfer.doc_no = transition.doc_no
        if "commit" in transition.effects:
            _commit(
                line=source,
                kind=CommitmentKind.TRANSFER,
                amount=transfer.amount,
                date=_event_date(transfer.year),
                actor=actor,
                memo=f"调剂{transfer.number}调出",
                transfer=transfer,
            )
        if "release" in transition.effects:
            _release_open(
                date=_event_date(transfer.year), actor=actor, reason=transition.reason, transfer=transfer
            )
        if "execute" in transition.effects:
            _execute(transfer=transfer, source=source, target=target, date=date, actor=actor)

    return handle


def _execute(*, transfer: TransferRequest, source: BudgetLine, target: BudgetLine, date, actor) -> None:
    """Move the money: the reservation turns into the move itself."""
    if date is None or date.year != transfer.year:
        raise BudgetControlError(f"执行日期必须在{transfer.year}年度内。")
    memo = f"调剂{transfer.number}：{transfer.reason}"
    reserved = Commitment.objects.select_for_update(of=("self",)).filter(
        transfer=transfer, state=CommitmentState.OPEN
    )
    for commitment in reserved:
        _consume(
            commitment=commitment,
            line=source,
            amount=commitment.open_amount,
            date=date,
            actor=actor,
            transfer=transfer,
        )
    for line, kind in ((source, LedgerKind.TRANSFER_OUT), (target, LedgerKind.TRANSFER_IN)):
        _post(
            line=line,
            kind=kind,
            amount=transfer.amount,
            date=date,
            actor=actor,
            transfer=transfer,
            doc_no=transfer.doc_no,
            memo=memo,
        )
    transfer.executed_on = date


def _transfer_step(
    *, actor, transfer: TransferRequest, action: str, reason: str = "", doc_no: str = "", date=None
) -> TransferRequest:
    locked, _ = approval_advance(
        actor=actor,
        record=transfer,
        action=action,
        handler=_transfer_handler(actor=actor, date=date),
        reason=reason,
        doc_no=doc_no,
    )
    return locked


@_records_refusal("transfer_submit")
def transfer_submit(*, actor, transfer: TransferRequest) -> TransferRequest:
    """Submission checks the source line again: a transfer it cannot pay is not sent for approval."""
    return _transfer_step(actor=actor, transfer=transfer, action="submit")


@_records_refusal("transfer_approve")
def transfer_approve(*, actor, transfer: TransferRequest, doc_no: str = "") -> TransferRequest:
    """The department head approves (the amount is reserved on the source line); the finance
    bureau approves as the second step when needed. Refused when execution would be refused."""
    action = "approve_bureau" if getattr(actor, "role", "") == "bureau_staff" else "approve_head"
    return _transfer_step(actor=actor, transfer=transfer, action=action, doc_no=doc_no)


@_records_refusal("transfer_reject")
def transfer_reject(*, actor, transfer: TransferRequest, reason: str) -> TransferRequest:
    return _transfer_step(actor=actor, transfer=transfer, action="reject", reason=reason)


@_records_refusal("transfer_withdraw")
def transfer_withdraw(*, actor, transfer: TransferRequest, reason: str) -> TransferRequest:
    return _transfer_step(actor=actor, transfer=transfer, action="withdraw", reason=reason)


@_records_refusal("transfer_execute")
def transfer_execute(*, actor, transfer: TransferRequest, date: dt.date) -> TransferRequest:
    """Move the money: the only way money moves between budget lines. The approval's
    reservation is what it moves, so later spending on the source line cannot stop it."""
    return _transfer_step(actor=actor, transfer=transfer, action="execute", date=date)


TRANSFER_ACTIONS = {
    "submit": transfer_submit,
    "approve_head": transfer_approve,
    "approve_bureau": transfer_approve,
    "reject": transfer_reject,
    "withdraw": transfer_withdraw,
    "execute": transfer_execute,
}


# ---------------------------------------------------------------- projects


@_records_refusal("project_create")
def project_create(
    *,
    actor,
    department: Department,
    year: int,
    code: str,
    name: str,
    is_key: bool = False,
    description: str = "",
) -> Project:
    _require_department_writer(actor, department)
    if not code.strip() or not name.strip():
        raise BudgetControlError("项目编码和项目名称不能为空。")
    if Project.objects.filter(department=department, year=year, code=code).exists():
        raise BudgetControlError(f"项目编码“{code}”在{year}年度已存在。")
    project = Project.objects.create(
        department=department,
        year=year,
        code=code.strip(),
        name=name.strip(),
        is_key=is_key,
        description=description,
    )
    audit_record(
        actor=actor,
        action="project_create",
        action_label="新建项目",
        target=project,
        department=department,
        after={"code": code, "name": name, "is_key": is_key},
    )
    return project


@_records_refusal("sangong_budget_set")
def sangong_budget_set(
    *, actor, department: Department, year: int, item: str, amount: Decimal | str, doc_no: str = ""
) -> SanGongBudget:
    """Record the approved “三公”经费 budget of one item (a new value replaces the old, audited)."""
    _require_department_writer(actor, department)
    amount = yuan(amount)
    if amount < 0:
        raise BudgetControlError("“三公”经费预算数不能为负数。")
    if item not in dict(SanGongBudget._meta.get_field("item").choices):
        raise BudgetControlError(f"未知的“三公”经费项目：{item}")
    existing = (
        SanGongBudget.objects.select_for_update().filter(department=department, year=year, item=item).first()
    )
    before = {"amount": existing.amount, "doc_no": existing.doc_no} if existing else None
    budget, _ = SanGongBudget.objects.update_or_create(
        department=department, year=year, item=item, defaults={"amount": amount, "doc_no": doc_no}
    )
    audit_record(
        actor=actor,
        action="sangong_budget_set",
        action_label="设定“三公”经费预算",
        target=budget,
        department=department,
        before=before,
        after={"amount": amount, "doc_no": doc_no},
    )
    return budget


# ---------------------------------------------------------------- 决算补充信息 and 政府采购


class SettlementInvalid(DomainError):
    code = "settlement_invalid"


def _amount(value, label: str, *, positive: bool = False) -> Decimal:
    """An amount in 元 as entered, or a Chinese refusal naming the field."""
    text = str(value).strip().replace(",", "")
    try:
        amount = Decimal(text)
    except (ArithmeticError, ValueError):
        raise SettlementInvalid(f"{label}“{value}”不是有效的金额。") from None
    if not amount.is_finite():
        raise SettlementInvalid(f"{label}“{value}”不是有效的金额。")
    if amount != amount.quantize(Decimal("0.01")):
        raise SettlementInvalid(f"{label}最多保留两位小数（分），收到“{value}”。")
    if amount < 0 or (positive and amount == 0):
        raise SettlementInvalid(f"{label}必须{'大于0' if positive else '不小于0'}，收到“{value}”。")
    return yuan(amount)


@_records_refusal("settlement_set")
def settlement_set(
    *,
    actor,
    department: Department,
    year: int,
    carry_over_start: Decimal | str,
    procurement_budget: Decimal | str,
    source: str = "",
    is_demo: bool = False,
) -> YearSettlement:
    """Record 上年结转结余 and 政府采购预算 of a department-year (a new value replaces the old, audited)."""
    _require_department_writer(actor, department)
    carry = _amount(carry_over_start, "上年结转结余")
    procurement = _amount(procurement_budget, "政府采购预算")
    existing = YearSettlement.objects.select_for_update().filter(department=department, year=year).first()
    before = existing.snapshot() if existing else None
    settlement, _ = YearSettlement.objects.update_or_create(
        department=department,
        year=year,
        defaults={
            "carry_over_start": carry,
            "procurement_budget": procurement,
            "source": source.strip()[:255],
            "is_demo": is_demo,
            "updated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="settlement_set",
        action_label="填报决算补充信息",
        target=settlement,
        department=department,
        before=before,
        after=settlement.snapshot(),
    )
    return settlement


@_records_refusal("procurement_record")
def procurement_record(
    *,
    actor,
    department: Department,
    year: int,
    date: dt.date,
    contract_no: str,
    item: str,
    method: str,
    amount: Decimal | str,
    line: BudgetLine | None = None,
    is_demo: bool = False,
    already_paid: Decimal | str = ZERO,
) -> ProcurementRecord:
    """Register one 政府采购 contract of the year.

    A contract paid from a budget line reserves (预占) its amount on that line until it is paid,
    closed or cancelled. ``already_paid`` is what was paid on it before it was registered (a
    contract recorded after the fact, its payments already in the ledger): only the rest is
    reserved.
    """
    _require_department_writer(actor, department)
    contract_no, item = contract_no.strip(), item.strip()
    if not contract_no:
        raise SettlementInvalid("请填写合同编号。")
    if not item:
        raise SettlementInvalid("请填写采购项目。")
    if method not in ProcurementMethod.values:
        raise SettlementInvalid(f"未知的采购方式：{method}")
    if date.year != year:
        raise SettlementInvalid(f"合同签订日期{date:%Y年%m月%d日}不在{year}年度内。")
    amount = _amount(amount, "合同金额", positive=True)
    paid_before = _amount(already_paid, "登记前已支付金额")
    if paid_before > amount:
        raise SettlementInvalid(
            f"登记前已支付金额{yuan_fixed(paid_before)}元不能大于合同金额{yuan_fixed(amount)}元。"
        )
    if line is not None and (line.department_id != department.pk or line.year != year):
        raise SettlementInvalid("资金来源指标不属于本单位本年度。")
    if ProcurementRecord.objects.filter(department=department, year=year, contract_no=contract_no).exists():
        raise SettlementInvalid(f"合同编号“{contract_no}”已登记，不能重复登记。")
    locked_line = _lock_line(line) if line is not None else None
    if locked_line is not None and paid_before > locked_line.spent:
        raise SettlementInvalid(
            f"登记前已支付金额{yuan_fixed(paid_before)}元超过指标“{locked_line.label}”的已支出"
            f"{yuan_fixed(locked_line.spent)}元。"
        )
    record = ProcurementRecord.objects.create(
        department=department,
        year=year,
        date=date,
        contract_no=contract_no,
        item=item,
        method=method,
        amount=amount,
        line=line,
        is_demo=is_demo,
        created_by=actor,
        created_at=timezone.now(),
    )
    reserved = amount - paid_before
    if locked_line is not None and reserved > 0:
        _commit(
            line=locked_line,
            kind=CommitmentKind.PROCUREMENT,
            amount=reserved,
            date=date,
            actor=actor,
            memo=f"政府采购合同{contract_no}",
            procurement=record,
        )
    audit_record(
        actor=actor,
        action="procurement_record",
        action_label="登记政府采购合同",
        target=record,
        department=department,
        after={
            "contract_no": contract_no,
            "item": item,
            "method": method,
            "amount": amount,
            "date": date,
            "already_paid": paid_before,
            "committed": reserved if locked_line is not None else ZERO,
        },
    )
    return record


@_records_refusal("procurement_cancel")
def procurement_cancel(*, actor, record: ProcurementRecord, reason: str) -> ProcurementRecord:
    """作废 a wrongly registered contract: it stays on record, marked, and no longer counts."""
    _require_department_writer(actor, record.department)
    locked = ProcurementRecord.objects.select_for_update().get(pk=record.pk)
    if locked.is_cancelled:
        raise SettlementInvalid(f"合同“{locked.contract_no}”已作废。")
    if not reason.strip():
        raise SettlementInvalid("作废政府采购记录须填写原因。")
    return _end_contract(
        actor,
        locked,
        "cancel",
        reason,
        action_label="作废政府采购记录",
        note="合同作废",
        before={"amount": locked.amount, "cancelled": False},
        after={"cancelled": True},
    )


@_records_refusal("procurement_close")
def procurement_close(*, actor, record: ProcurementRecord, reason: str) -> ProcurementRecord:
    """关闭 a contract that will not be paid further: it still counts as procurement, and what is
    left of its reservation goes back to the line."""
    _require_department_writer(actor, record.department)
    locked = ProcurementRecord.objects.select_for_update().get(pk=record.pk)
    if locked.is_cancelled:
        raise SettlementInvalid(f"合同“{locked.contract_no}”已作废。")
    if locked.is_closed:
        raise SettlementInvalid(f"合同“{locked.contract_no}”已关闭。")
    if not reason.strip():
        raise SettlementInvalid("关闭合同须填写说明（如：已履行完毕，尾款不再支付）。")
    return _end_contract(
        actor,
        locked,
        "close",
        reason,
        action_label="关闭政府采购合同",
        note="合同关闭",
        before={"closed": False},
        after={"closed": True},
    )


def _end_contract(actor, locked, kind, reason, *, action_label, note, before, after):
    """作废 (kind "cancel") or 关闭 ("close") a locked contract: who, when and why on its own
    fields, what is left of its reservation released, one audit event."""
    prefix = "cancelled" if kind == "cancel" else "closed"
    setattr(locked, f"{prefix}_by", actor)
    setattr(locked, f"{prefix}_at", timezone.now())
    setattr(locked, f"{kind}_reason", reason.strip()[:255])
    locked.save(update_fields=[f"{prefix}_by", f"{prefix}_at", f"{kind}_reason"])
    released = _release_open(
        date=_event_date(locked.year),
        actor=actor,
        reason=f"{note}：{getattr(locked, f'{kind}_reason')}",
        procurement=locked,
    )
    audit_record(
        actor=actor,
        action=f"procurement_{kind}",
        action_label=action_label,
        target=locked,
        department=locked.department,
        before=before,
        after={**after, "released": released},
        reason=getattr(locked, f"{kind}_reason"),
    )
    return locked


# ---------------------------------------------------------------- 上年数（录入）


@_records_refusal("prior_year_set")
def prior_year_set(
    *,
    actor,
    department: Department,
    year: int,
    summary: PriorYear,
    source: str = "",
    is_demo: bool = False,
) -> PriorYearSummary:
    """Record the summary of a year before the department's first year in jixiao (上年数（录入））.

    A new entry replaces the old one whole, audited with both. A year whose budget is in the
    ledger needs no summary: its figures come from the ledger."""
    _require_department_writer(actor, department)
    return prior_year_store(
        actor=actor, department=department, year=year, summary=summary, source=source, is_demo=is_demo
    )


def prior_year_store(
    *, actor, department: Department, year: int, summary: PriorYear, source: str = "", is_demo: bool = False
) -> PriorYearSummary:
    """The write of ``prior_year_set``, for callers that checked the actor themselves (the import,
    which the command line runs as the operator). Call inside a transaction."""
    if summary.year != year:
        raise PriorYearInvalid(f"上年数的年度应为{year}年，收到{summary.year}年。")
    if summary.is_empty:
        raise PriorYearInvalid("上年数为空：请至少填写一项。")
    if BudgetLine.objects.filter(department=department, year=year).exists():
        raise PriorYearInvalid(f"{year}年度已有预算账簿数据，上年数由账簿计算，不需要录入。")
    existing = PriorYearSummary.objects.select_for_update().filter(department=department, year=year).first()
    before = existing.figures if existing else None
    record, _ = PriorYearSummary.objects.update_or_create(
        department=department,
        year=year,
        defaults={
            "figures": summary.to_json(),
            "source": source.strip()[:255],
            "is_demo": is_demo,
            "updated_by": actor if getattr(actor, "pk", None) else None,
            "updated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="prior_year_set",
        action_label="录入上年数",
        target=record,
        department=department,
        before=before,
        after=record.figures,
        reason=source,
    )
    return record


# ---------------------------------------------------------------- early-warning thresholds


@_records_refusal("warning_thresholds_set")
def warning_thresholds_set(*, actor, bureau, values: dict) -> WarningThresholds:
    """A finance bureau's early-warning thresholds: each value given overrides the default of
    monitoring-thresholds.yaml for the bureau's departments; a blank one returns to the default."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    if actor.role != "bureau_staff" or actor.bureau_id != bureau.pk:
        raise PermissionRefused("只有本财政局的工作人员可以设定预警阈值。")
    cleaned = clean_overrides(values)
    existing = WarningThresholds.objects.select_for_update().filter(bureau=bureau).first()
    before = dict(existing.values) if existing is not None else {}
    stored = {name: str(value) for name, value in cleaned.items()}
    record, _ = WarningThresholds.objects.update_or_create(
        bureau=bureau, defaults={"values": stored, "updated_by": actor, "updated_at": timezone.now()}
    )
    audit_record(
        actor=actor,
        action="warning_thresholds_set",
        action_label="设定预警阈值",
        target=record,
        department=None,
        before=before,
        after=stored,
    )
    return record
