"""Fixed assets as pure rules: status, disposal approval, the annual ledger (台账) and 盘点.

The register holds each asset and its 原值; the ledger is the list of value movements
(增加: 购置/盘盈, 减少: 处置/盘亏). For every year, closing = opening + additions − disposals,
and the closing balance at any date must equal the register's sum of 原值 of the assets held
then: ``reconcile`` says so, or names each difference.

A disposal (报废/调拨/出售) always needs the department head's approval, and also the finance
bureau's 批复备案 when its total 原值 reaches the threshold (data: jixiao/data/assets/rules.yaml).
Its steps are the approval mechanism's workflow ``disposal`` (jixiao/data/workflows/disposal.yaml):
nobody approves their own request, and an asset only becomes 已处置 through a completed,
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
from jixiao.domain.errors import DomainError, PermissionRefused
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


def needs_bureau_approval(total: Decimal, threshold: Decimal) -> bool:
    """达到或超过 the threshold (原值合计) also needs the finance bureau."""
    return total >= threshold


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
