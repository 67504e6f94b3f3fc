"""Fixed assets as pure rules: status, disposal approval, the annual ledger (台账) and 盘点.

The register holds each asset and its 原值; the ledger is the list of value movements
(增加: 购置/盘盈, 减少: 处置/盘亏). For every year, closing = opening + additions − disposals,
and the closing balance at any date must equal the register's sum of 原值 of the assets held
then: ``reconcile`` says so, or names each difference.

A disposal (报废/调拨/出售) always needs the department head's approval, and also the finance
bureau's when its total 原值 reaches the threshold (data: jixiao/data/assets/rules.yaml).
Nobody approves their own request, and an asset only becomes 已处置 through a completed,
approved disposal (or a 盘亏 write-off approved by the head).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from jixiao.data import load_yaml
from jixiao.domain.errors import DomainError, PermissionRefused, TransitionNotAllowed
from jixiao.domain.money import ratio_percent, wan, yuan

ZERO = Decimal("0.00")


class AssetRuleError(DomainError):
    code = "asset_rule"


class DisposalNotApproved(DomainError):
    code = "disposal_not_approved"


class LedgerMismatch(DomainError):
    code = "ledger_mismatch"


# ---------------------------------------------------------------- reference data


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    examples: str = ""


@cache
def categories() -> tuple[Category, ...]:
    data = load_yaml("assets/categories.yaml")
    return tuple(
        Category(code=str(c["code"]), name=c["name"], examples=c.get("examples", ""))
        for c in data["categories"]
    )


def category_name(code: str) -> str | None:
    return next((c.name for c in categories() if c.code == code), None)


@cache
def funding_sources() -> tuple[tuple[str, str], ...]:
    return tuple((s["code"], s["name"]) for s in load_yaml("assets/rules.yaml")["funding_sources"])


@cache
def default_bureau_threshold() -> Decimal:
    return yuan(str(load_yaml("assets/rules.yaml")["disposal_bureau_threshold_yuan"]))


# ---------------------------------------------------------------- status


class AssetStatus(enum.StrEnum):
    IN_USE = "in_use"
    IDLE = "idle"
    PENDING = "pending"
    DISPOSED = "disposed"


STATUS_LABELS = {
    AssetStatus.IN_USE: "在用",
    AssetStatus.IDLE: "闲置",
    AssetStatus.PENDING: "待处置",
    AssetStatus.DISPOSED: "已处置",
}

HELD = frozenset({AssetStatus.IN_USE, AssetStatus.IDLE, AssetStatus.PENDING})


def check_status_change(*, number: str, current: AssetStatus | str, new: AssetStatus | str) -> None:
    """The custodian may move an asset between 在用 and 闲置; the rest goes through disposal."""
    current, new = AssetStatus(current), AssetStatus(new)
    if current is AssetStatus.DISPOSED:
        raise AssetRuleError(f"资产{number}已处置，不能再变更状态。")
    if current is AssetStatus.PENDING:
        raise AssetRuleError(f"资产{number}正在处置审批中（待处置），请先办结或驳回处置申请。")
    if new is AssetStatus.DISPOSED:
        raise DisposalNotApproved(f"资产{number}不能直接改为“已处置”：须提出处置申请，经审批后执行处置。")
    if new is AssetStatus.PENDING:
        raise AssetRuleError(f"资产{number}不能直接改为“待处置”：请提出处置申请。")
    if new is current:
        raise AssetRuleError(f"资产{number}已是“{STATUS_LABELS[new]}”状态。")


def check_new_asset(
    *, number: str, name: str, category: str, original_value: Decimal, acquired_on: dt.date
) -> None:
    if not number.strip():
        raise AssetRuleError("资产编号不能为空。")
    if not name.strip():
        raise AssetRuleError(f"资产{number}：资产名称不能为空。")
    if category_name(category) is None:
        raise AssetRuleError(f"资产{number}：资产分类“{category}”不是 GB/T 14885 的门类代码。")
    if original_value <= 0:
        raise AssetRuleError(f"资产{number}：原值须大于0（当前{original_value}元）。")


def utilisation_rate(*, in_use_value: Decimal, total_value: Decimal) -> Decimal | None:
    """固定资产利用率 = 在用原值 / 全部原值 × 100 (unrounded; None when nothing is held)."""
    return ratio_percent(in_use_value, total_value)


# ---------------------------------------------------------------- disposal


class DisposalMethod(enum.StrEnum):
    SCRAP = "scrap"
    TRANSFER = "transfer"
    SALE = "sale"


METHOD_LABELS = {DisposalMethod.SCRAP: "报废", DisposalMethod.TRANSFER: "调拨", DisposalMethod.SALE: "出售"}


class DState(enum.StrEnum):
    SUBMITTED = "submitted"
    HEAD_APPROVED = "head_approved"
    BUREAU_APPROVED = "bureau_approved"
    COMPLETED = "completed"
    REJECTED = "rejected"


DSTATE_LABELS = {
    DState.SUBMITTED: "待部门负责人审批",
    DState.HEAD_APPROVED: "部门负责人已批准",
    DState.BUREAU_APPROVED: "财政局已批准",
    DState.COMPLETED: "已处置",
    DState.REJECTED: "已驳回",
}


class DAction(enum.StrEnum):
    APPROVE_HEAD = "approve_head"
    APPROVE_BUREAU = "approve_bureau"
    COMPLETE = "complete"
    REJECT = "reject"


DACTION_LABELS = {
    DAction.APPROVE_HEAD: "部门负责人批准",
    DAction.APPROVE_BUREAU: "财政局批准",
    DAction.COMPLETE: "执行处置",
    DAction.REJECT: "驳回",
}


@dataclass(frozen=True, slots=True)
class DisposalActor:
    role: str
    is_requester: bool
    same_department: bool
    same_bureau: bool


def needs_bureau_approval(total: Decimal, threshold: Decimal) -> bool:
    """达到或超过 the threshold (原值合计) also needs the finance bureau."""
    return total >= threshold


def is_approved(state: DState | str, *, needs_bureau: bool) -> bool:
    state = DState(state)
    if needs_bureau:
        return state in {DState.BUREAU_APPROVED, DState.COMPLETED}
    return state in {DState.HEAD_APPROVED, DState.BUREAU_APPROVED, DState.COMPLETED}


def next_disposal_state(
    state: DState | str, action: DAction | str, *, needs_bureau: bool, actor: DisposalActor, reason: str = ""
) -> DState:
    state, action = DState(state), DAction(action)
    label = DACTION_LABELS[action]
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能办理资产处置。")
    if state in {DState.COMPLETED, DState.REJECTED}:
        raise TransitionNotAllowed(f"该处置申请{DSTATE_LABELS[state]}，不能再{label}。")
    if action is DAction.APPROVE_HEAD:
        if actor.role != "department_head" or not actor.same_department:
            raise PermissionRefused("资产处置须由本单位部门负责人批准。")
        if actor.is_requester:
            raise PermissionRefused("不能审批自己提出的处置申请，须由其他负责人批准。")
        if state is not DState.SUBMITTED:
            raise TransitionNotAllowed(f"该处置申请{DSTATE_LABELS[state]}，不需要部门负责人再次批准。")
        return DState.HEAD_APPROVED
    if action is DAction.APPROVE_BUREAU:
        if actor.role != "bureau_staff" or not actor.same_bureau:
            raise PermissionRefused("只有主管财政局的工作人员可以作财政局审批。")
        if not needs_bureau:
            raise TransitionNotAllowed("该处置申请原值未达到财政局审批限额，部门负责人批准即可。")
        if state is not DState.HEAD_APPROVED:
            raise TransitionNotAllowed("须先经部门负责人批准，再报财政局审批。")
        return DState.BUREAU_APPROVED
    if action is DAction.REJECT:
        if not reason.strip():
            raise AssetRuleError("驳回处置申请须写明理由。")
        head_ok = actor.role == "department_head" and actor.same_department and not actor.is_requester
        bureau_ok = actor.role == "bureau_staff" and actor.same_bureau and state is DState.HEAD_APPROVED
        if not (head_ok or bureau_ok):
            raise PermissionRefused("只有部门负责人（非申请人）或主管财政局可以驳回处置申请。")
        return DState.REJECTED
    # COMPLETE
    if actor.role not in {"finance_officer", "department_head"} or not actor.same_department:
        raise PermissionRefused("只有本单位的财务人员或负责人可以执行资产处置。")
    if not is_approved(state, needs_bureau=needs_bureau):
        missing = "财政局" if state is DState.HEAD_APPROVED else "部门负责人"
        raise DisposalNotApproved(
            f"该处置申请尚未经{missing}批准（当前：{DSTATE_LABELS[state]}），不能执行处置。"
        )
    return DState.COMPLETED


# ---------------------------------------------------------------- the ledger (台账)


class MoveKind(enum.StrEnum):
    ACQUIRE = "acquire"  # 购置/新增
    SURPLUS = "surplus"  # 盘盈
    DISPOSE = "dispose"  # 处置 (报废/调拨/出售)
    LOSS = "loss"  # 盘亏核销


MOVE_LABELS = {
    MoveKind.ACQUIRE: "购置新增",
    MoveKind.SURPLUS: "盘盈",
    MoveKind.DISPOSE: "处置减少",
    MoveKind.LOSS: "盘亏核销",
}
ADDITIONS = frozenset({MoveKind.ACQUIRE, MoveKind.SURPLUS})


@dataclass(frozen=True, slots=True)
class Movement:
    date: dt.date
    kind: MoveKind
    amount: Decimal  # always positive; the kind says which way it goes

    @property
    def signed(self) -> Decimal:
        return self.amount if self.kind in ADDITIONS else -self.amount


@dataclass(frozen=True, slots=True)
class LedgerYear:
    year: int
    opening: Decimal
    additions: Decimal
    disposals: Decimal
    closing: Decimal


def ledger_year(movements: Iterable[Movement], year: int) -> LedgerYear:
    opening = additions = disposals = ZERO
    for m in movements:
        if m.date.year < year:
            opening += m.signed
        elif m.date.year == year:
            if m.kind in ADDITIONS:
                additions += m.amount
            else:
                disposals += m.amount
    return LedgerYear(
        year=year,
        opening=opening,
        additions=additions,
        disposals=disposals,
        closing=opening + additions - disposals,
    )


def balance_at(movements: Iterable[Movement], as_of: dt.date) -> Decimal:
    return sum((m.signed for m in movements if m.date <= as_of), ZERO)


@dataclass(frozen=True, slots=True)
class Finding:
    message: str
    difference: Decimal


def reconcile(*, ledger_closing: Decimal, register_total: Decimal, label: str) -> list[Finding]:
    """[] when the ledger's closing balance equals the register's sum of 原值; else the difference."""
    difference = ledger_closing - register_total
    if difference == 0:
        return []
    return [
        Finding(
            message=f"{label}：台账期末余额{wan(ledger_closing)}与资产卡片原值合计{wan(register_total)}不符，"
            f"差额{wan(difference)}。",
            difference=difference,
        )
    ]


# ---------------------------------------------------------------- 盘点


class DiffKind(enum.StrEnum):
    LOSS = "loss"  # 盘亏: on the register, not found
    SURPLUS = "surplus"  # 盘盈: found, not on the register
    MISMATCH = "mismatch"  # 账实不符: found, but custodian/location/status differ


DIFF_LABELS = {DiffKind.LOSS: "盘亏", DiffKind.SURPLUS: "盘盈", DiffKind.MISMATCH: "账实不符"}


def check_difference(*, kind: DiffKind | str, has_asset: bool, description: str) -> None:
    kind = DiffKind(kind)
    if not description.strip():
        raise AssetRuleError("盘点差异须写明情况。")
    if kind in {DiffKind.LOSS, DiffKind.MISMATCH} and not has_asset:
        raise AssetRuleError(f"{DIFF_LABELS[kind]}须指明资产卡片。")
    if kind is DiffKind.SURPLUS and has_asset:
        raise AssetRuleError("盘盈是账上没有的资产，不能指向已有卡片；请在处理时登记新卡片。")


def check_resolution(*, kind: DiffKind | str, resolution: str, actor_role: str) -> None:
    kind = DiffKind(kind)
    if not resolution.strip():
        raise AssetRuleError("请写明差异的处理结果。")
    if kind is DiffKind.LOSS and actor_role != "department_head":
        raise PermissionRefused("盘亏核销须由部门负责人审批处理。")


def check_stocktake_close(*, unresolved: int) -> None:
    if unresolved:
        raise AssetRuleError(f"尚有{unresolved}条盘点差异未处理，不能结束盘点。")
