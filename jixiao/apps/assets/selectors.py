"""Read side of the asset register: permission-checked fetchers, the 台账 and its reconciliation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from jixiao.apps.assets.models import Asset, AssetMovement, Disposal, StockTake
from jixiao.apps.core.approval import approval_history
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.domain.assets import (
    AssetStatus,
    Finding,
    LedgerYear,
    MoveKind,
    Movement,
    balance_at,
    ledger_year,
    reconcile,
    utilisation_rate,
)

ZERO = Decimal("0.00")

SORTS = {
    "number": "number",
    "-number": "-number",
    "name": "name",
    "-name": "-name",
    "value": "original_value",
    "-value": "-original_value",
    "acquired": "acquired_on",
    "-acquired": "-acquired_on",
    "unit": "custodian_unit",
    "-unit": "-custodian_unit",
}


def assets_visible_to(user) -> QuerySet[Asset]:
    return Asset.objects.filter(department__in=departments_visible_to(user)).select_related("department")


def access_asset(*, user, id: int) -> Asset:
    asset = assets_visible_to(user).filter(pk=id).first()
    if asset is None:
        raise Http404("没有找到该资产，或您无权查看。")
    return asset


def access_disposal(*, user, id: int) -> Disposal:
    disposal = (
        Disposal.objects.filter(department__in=departments_visible_to(user), pk=id)
        .select_related("department", "created_by")
        .first()
    )
    if disposal is None:
        raise Http404("没有找到该处置申请，或您无权查看。")
    return disposal


def access_stocktake(*, user, id: int) -> StockTake:
    stocktake = StockTake.objects.filter(department__in=departments_visible_to(user), pk=id).first()
    if stocktake is None:
        raise Http404("没有找到该盘点，或您无权查看。")
    return stocktake


def register(
    *, department, status: str = "", category: str = "", unit: str = "", q: str = "", sort: str = "number"
) -> QuerySet[Asset]:
    rows = Asset.objects.filter(department=department)
    if status == "held":
        rows = rows.exclude(status=AssetStatus.DISPOSED)
    elif status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(category=category)
    if unit:
        rows = rows.filter(custodian_unit=unit)
    if q:
        rows = rows.filter(Q(number__icontains=q) | Q(name__icontains=q) | Q(location__icontains=q))
    return rows.order_by(SORTS.get(sort, "number"), "number")


def register_total(rows: QuerySet[Asset]) -> Decimal:
    return rows.aggregate(total=Sum("original_value"))["total"] or ZERO


def held_total(department, *, as_of: dt.date | None = None) -> Decimal:
    """Sum of 原值 of the assets held (not disposed) at ``as_of`` (default: now)."""
    rows = Asset.objects.filter(department=department)
    if as_of is None:
        rows = rows.exclude(status=AssetStatus.DISPOSED)
    else:
        rows = rows.filter(booked_on__lte=as_of).exclude(disposed_on__lte=as_of)
    return register_total(rows)


def movements(department) -> list[Movement]:
    return [
        Movement(date=m.date, kind=MoveKind(m.kind), amount=m.amount)
        for m in AssetMovement.objects.filter(department=department).only("date", "kind", "amount")
    ]


@dataclass(frozen=True)
class LedgerReport:
    ledger: LedgerYear
    register_total: Decimal
    findings: list[Finding]
    rows: list[AssetMovement]


def ledger_for(department, year: int) -> LedgerReport:
    """The 台账 of ``year`` and its reconciliation with the register at 31 December."""
    ledger = ledger_year(movements(department), year)
    year_end = dt.date(year, 12, 31)
    total = held_total(department, as_of=year_end)
    findings = reconcile(ledger_closing=ledger.closing, register_total=total, label=f"{year}年末")
    rows = list(
        AssetMovement.objects.filter(department=department, date__year=year)
        .select_related("asset")
        .order_by("date", "id")
    )
    return LedgerReport(ledger=ledger, register_total=total, findings=findings, rows=rows)


def ledger_balance_now(department) -> Decimal:
    return balance_at(movements(department), dt.date.max)


@dataclass(frozen=True)
class Utilisation:
    in_use: Decimal
    idle: Decimal
    pending: Decimal
    total: Decimal
    rate: Decimal | None


def utilisation(department) -> Utilisation:
    sums = {
        row["status"]: row["total"]
        for row in Asset.objects.filter(department=department)
        .exclude(status=AssetStatus.DISPOSED)
        .values("status")
        .annotate(total=Sum("original_value"))
    }
    in_use = sums.get(AssetStatus.IN_USE, ZERO)
    total = sum(sums.values(), ZERO)
    return Utilisation(
        in_use=in_use,
        idle=sums.get(AssetStatus.IDLE, ZERO),
        pending=sums.get(AssetStatus.PENDING, ZERO),
        total=total,
        rate=utilisation_rate(in_use_value=in_use, total_value=total),
    )


def custodian_units(department) -> list[str]:
    return list(
        Asset.objects.filter(department=department)
        .order_by("custodian_unit")
        .values_list("custodian_unit", flat=True)
        .distinct()
    )


def disposal_sheet(disposal: Disposal):
    """The plain values of a 报废处理清单 for jixiao.formats.asset_disposal."""
    from jixiao.formats.asset_disposal import DisposalRow, DisposalSheet

    approvers = {step.action: step.actor for step in approval_history(disposal)}

    def who(action: str, on) -> str:
        actor = approvers.get(action)
        return f"{actor.display_name} {on:%Y-%m-%d}" if actor and on else ""

    return DisposalSheet(
        department=disposal.department.name,
        number=disposal.number,
        method=disposal.get_method_display(),
        reason=disposal.reason,
        counterparty=disposal.counterparty,
        requested_on=disposal.requested_on,
        requested_by=disposal.created_by.display_name,
        head_approval=who("approve_head", disposal.head_approved_on),
        bureau_approval=(
            f"{who('file_bureau', disposal.bureau_filed_on)} {disposal.bureau_doc_no}".strip()
            if disposal.needs_bureau
            else ""
        ),
        completed_on=disposal.completed_on,
        rows=[
            DisposalRow(
                number=item.asset.number,
                name=item.asset.name,
                category=item.asset.category_label,
                spec=item.asset.spec,
                acquired_on=item.asset.acquired_on,
                original_value=item.original_value,
                custodian=f"{item.asset.custodian_unit}/{item.asset.custodian_person}",
                location=item.asset.location,
            )
            for item in disposal.items.select_related("asset")
        ],
        is_demo=disposal.is_demo,
    )
