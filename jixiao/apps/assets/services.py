"""Every change of the asset register goes through one function here (architecture rule 4).

Keyword-only, atomic, locking what it checks, audited; a refusal raises a DomainError with a
Chinese message, changes nothing and is kept on record (RefusalEvent). Every change of value
writes its AssetMovement (台账) in the same transaction as the register change, which is why
the ledger's closing balance always equals the register's sum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from jixiao.apps.assets.models import (
    Asset,
    AssetMovement,
    Disposal,
    DisposalItem,
    StockTake,
    StockTakeDifference,
)
from jixiao.apps.core.approval import approval_advance
from jixiao.apps.core.services import audit_record, records_refusal
from jixiao.apps.orgs.models import Department
from jixiao.domain.approval import Transition
from jixiao.domain.assets import (
    DIFF_LABELS,
    METHOD_LABELS,
    STATUS_LABELS,
    AssetRuleError,
    AssetStatus,
    DiffKind,
    DisposalMethod,
    MoveKind,
    check_difference,
    check_new_asset,
    check_resolution,
    check_status_change,
    check_stocktake_close,
    default_bureau_threshold,
    needs_bureau_approval,
)
from jixiao.domain.errors import PermissionRefused
from jixiao.domain.money import yuan


def _scope(kwargs) -> tuple:
    department = kwargs.get("department")
    for key in ("asset", "disposal", "stocktake"):
        department = department or getattr(kwargs.get(key), "department", None)
    if department is None and kwargs.get("difference") is not None:
        department = kwargs["difference"].stocktake.department
    return department, None


def _records_refusal(action: str):
    """Roll the service back on refusal, then keep the refused attempt on record."""
    return records_refusal(action, scope=_scope)


def bureau_threshold() -> Decimal:
    """The 原值 from which a disposal also needs the finance bureau (setting, else the data file)."""
    value = getattr(settings, "JIXIAO_ASSET_DISPOSAL_BUREAU_THRESHOLD", None)
    return yuan(str(value)) if value is not None else default_bureau_threshold()


def _require_writer(actor, department: Department) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能修改资产数据。")
    if not (actor.is_department_user and actor.department_id == department.pk):
        raise PermissionRefused("只有本单位的财务人员或负责人可以办理本单位的资产登记和处置。")


def _lock_assets(pks) -> dict[int, Asset]:
    return {
        a.pk: a
        for a in Asset.objects.select_for_update(of=("self",)).filter(pk__in=sorted(pks)).order_by("pk")
    }


def _move(
    *, asset: Asset, kind: MoveKind, date: dt.date, actor, disposal=None, memo: str = ""
) -> AssetMovement:
    return AssetMovement.objects.create(
        department_id=asset.department_id,
        asset=asset,
        kind=kind.value,
        date=date,
        amount=asset.original_value,
        disposal=disposal,
        memo=memo[:255],
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=timezone.now(),
    )


# ---------------------------------------------------------------- register


def _register(
    *,
    actor,
    department: Department,
    number: str,
    name: str,
    category: str,
    acquired_on: dt.date,
    original_value,
    custodian_unit: str,
    custodian_person: str,
    location: str,
    funding_source: str = "fiscal",
    spec: str = "",
    note: str = "",
    status: str = AssetStatus.IN_USE,
    is_demo: bool = False,
    kind: MoveKind = MoveKind.ACQUIRE,
    moved_on: dt.date | None = None,
) -> Asset:
    value = yuan(original_value)
    number = number.strip()
    check_new_asset(
        number=number, name=name, category=category, original_value=value, acquired_on=acquired_on
    )
    if AssetStatus(status) not in {AssetStatus.IN_USE, AssetStatus.IDLE}:
        raise AssetRuleError(f"资产{number}：新登记的资产只能是“在用”或“闲置”。")
    if not custodian_unit.strip() or not custodian_person.strip() or not location.strip():
        raise AssetRuleError(f"资产{number}：请填写使用股室、保管人和存放地点。")
    Department.objects.select_for_update(of=("self",)).get(pk=department.pk)
    if Asset.objects.filter(department=department, number=number).exists():
        raise AssetRuleError(f"资产编号“{number}”已存在，请勿重复登记。")
    asset = Asset.objects.create(
        department=department,
        number=number,
        name=name.strip(),
        category=category,
        spec=spec.strip(),
        acquired_on=acquired_on,
        booked_on=moved_on or acquired_on,
        original_value=value,
        funding_source=funding_source,
        custodian_unit=custodian_unit.strip(),
        custodian_person=custodian_person.strip(),
        location=location.strip(),
        status=AssetStatus(status).value,
        note=note,
        is_demo=is_demo,
        created_at=timezone.now(),
    )
    _move(asset=asset, kind=kind, date=asset.booked_on, actor=actor, memo=f"{asset.number} {asset.name}")
    audit_record(
        actor=actor,
        action="asset_register",
        action_label="登记固定资产" if kind is MoveKind.ACQUIRE else "盘盈登记固定资产",
        target=asset,
        department=department,
        after=asset.snapshot(),
    )
    return asset


@_records_refusal("asset_register")
def asset_register(
    *,
    actor,
    department: Department,
    number: str,
    name: str,
    category: str,
    acquired_on: dt.date,
    original_value: Decimal | str,
    custodian_unit: str,
    custodian_person: str,
    location: str,
    funding_source: str = "fiscal",
    spec: str = "",
    note: str = "",
    status: str = AssetStatus.IN_USE,
    is_demo: bool = False,
) -> Asset:
    """登记: a new card in the register and its 购置新增 row in the 台账, dated the acquisition."""
    _require_writer(actor, department)
    return _register(
        actor=actor,
        department=department,
        number=number,
        name=name,
        category=category,
        acquired_on=acquired_on,
        original_value=original_value,
        custodian_unit=custodian_unit,
        custodian_person=custodian_person,
        location=location,
        funding_source=funding_source,
        spec=spec,
        note=note,
        status=status,
        is_demo=is_demo,
    )


@_records_refusal("asset_status_change")
def asset_status_change(*, actor, asset: Asset, status: str, reason: str) -> Asset:
    """在用 ↔ 闲置. 待处置 and 已处置 come only from a disposal."""
    _require_writer(actor, asset.department)
    locked = _lock_assets([asset.pk])[asset.pk]
    check_status_change(number=locked.number, current=locked.status, new=status)
    if not reason.strip():
        raise AssetRuleError(f"资产{locked.number}：变更状态须写明原因。")
    before = locked.snapshot()
    locked.status = AssetStatus(status).value
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="asset_status_change",
        action_label=f"资产状态改为{STATUS_LABELS[AssetStatus(status)]}",
        target=locked,
        department=locked.department,
        before=before,
        after=locked.snapshot(),
        reason=reason,
    )
    return locked


@_records_refusal("asset_custody_change")
def asset_custody_change(
    *, actor, asset: Asset, custodian_unit: str, custodian_person: str, location: str, reason: str
) -> Asset:
    _require_writer(actor, asset.department)
    locked = _lock_assets([asset.pk])[asset.pk]
    if locked.status == AssetStatus.DISPOSED:
        raise AssetRuleError(f"资产{locked.number}已处置，不能变更保管信息。")
    if not custodian_unit.strip() or not custodian_person.strip() or not location.strip():
        raise AssetRuleError(f"资产{locked.number}：请填写使用股室、保管人和存放地点。")
    before = locked.snapshot()
    locked.custodian_unit, locked.custodian_person = custodian_unit.strip(), custodian_person.strip()
    locked.location = location.strip()
    locked.save(update_fields=["custodian_unit", "custodian_person", "location"])
    audit_record(
        actor=actor,
        action="asset_custody_change",
        action_label="变更资产保管信息",
        target=locked,
        department=locked.department,
        before=before,
        after=locked.snapshot(),
        reason=reason,
    )
    return locked


# ---------------------------------------------------------------- disposal


@_records_refusal("disposal_request")
def disposal_request(
    *,
    actor,
    department: Department,
    assets: Sequence[Asset],
    method: str,
    reason: str,
    requested_on: dt.date,
    counterparty: str = "",
    is_demo: bool = False,
    submit: bool = True,
) -> Disposal:
    """处置申请 of one or more assets, submitted at once unless ``submit=False`` (a draft): from
    submission the assets are 待处置 until the request is executed, rejected or withdrawn."""
    _require_writer(actor, department)
    method = DisposalMethod(method)
    if not assets:
        raise AssetRuleError("处置申请至少包括一项资产。")
    if not reason.strip():
        raise AssetRuleError("请写明处置理由（如：已达使用年限且无维修价值）。")
    if method in {DisposalMethod.TRANSFER, DisposalMethod.SALE} and not counterparty.strip():
        raise AssetRuleError(
            f"{METHOD_LABELS[method]}须写明{'接收单位' if method is DisposalMethod.TRANSFER else '买受人'}。"
        )
    locked = _lock_assets([a.pk for a in assets])
    for asset in locked.values():
        if asset.department_id != department.pk:
            raise PermissionRefused(f"资产{asset.number}不属于本单位。")
        _check_held(asset)
    total = sum((a.original_value for a in locked.values()), Decimal("0.00"))
    Department.objects.select_for_update(of=("self",)).get(pk=department.pk)
    count = Disposal.objects.filter(department=department, year=requested_on.year).count()
    now = timezone.now()
    disposal = Disposal.objects.create(
        department=department,
        year=requested_on.year,
        number=f"CZ{requested_on.year}-{count + 1:03d}",
        method=method.value,
        reason=reason.strip(),
        counterparty=counterparty.strip(),
        total_value=total,
        needs_bureau=needs_bureau_approval(total, bureau_threshold()),
        created_by=actor,
        created_at=now,
        updated_at=now,
        requested_on=requested_on,
        is_demo=is_demo,
    )
    for asset in locked.values():
        DisposalItem.objects.create(
            disposal=disposal, asset=asset, original_value=asset.original_value, previous_status=asset.status
        )
    audit_record(
        actor=actor,
        action="disposal_request",
        action_label=f"提出资产{METHOD_LABELS[method]}申请",
        target=disposal,
        department=department,
        after={**disposal.snapshot(), "assets": [a.number for a in locked.values()]},
        reason=reason,
    )
    if submit:
        disposal = _step(actor=actor, disposal=disposal, action="submit")
    return disposal


def _check_held(asset: Asset) -> None:
    if asset.status not in {AssetStatus.IN_USE, AssetStatus.IDLE}:
        raise AssetRuleError(
            f"资产{asset.number}当前为“{STATUS_LABELS[AssetStatus(asset.status)]}”，不能再提出处置申请。"
        )


def _handler(*, actor, date: dt.date | None, proceeds=None):
    """The checks and effects the disposal workflow names, run inside the step's transaction."""

    def handle(disposal: Disposal, transition: Transition) -> None:
        items = list(disposal.items.all())
        assets = _lock_assets([i.asset_id for i in items])
        if "assets_held" in transition.checks:
            for asset in assets.values():
                _check_held(asset)
        if "hold" in transition.effects:
            for item in items:
                asset = assets[item.asset_id]
                item.previous_status = asset.status
                item.save(update_fields=["previous_status"])
                asset.status = AssetStatus.PENDING.value
                asset.save(update_fields=["status"])
        if "restore" in transition.effects and transition.from_state != "draft":
            for item in items:
                asset = assets[item.asset_id]
                asset.status = item.previous_status
                asset.save(update_fields=["status"])
        if "record_head_approval" in transition.effects:
            disposal.head_approved_on = _stated_date(disposal, date, "批准日期")
        if "record_bureau_filing" in transition.effects:
            disposal.bureau_filed_on = _stated_date(disposal, date, "批复日期")
            disposal.bureau_doc_no = transition.doc_no
        if "dispose_date" in transition.checks:
            _stated_date(disposal, date, "处置日期")
        if "proceeds" in transition.checks and disposal.method == DisposalMethod.SALE and proceeds is None:
            raise AssetRuleError("出售须填写处置收入（元），收入按规定上缴国库。")
        if "dispose" in transition.effects:
            for item in items:
                asset = assets[item.asset_id]
                if asset.status != AssetStatus.PENDING:
                    raise AssetRuleError(f"资产{asset.number}不在“待处置”状态，不能执行处置。")
                if date < asset.acquired_on:
                    raise AssetRuleError(f"资产{asset.number}：处置日期早于取得日期。")
                asset.status, asset.disposed_on = AssetStatus.DISPOSED.value, date
                asset.save(update_fields=["status", "disposed_on"])
                _move(
                    asset=asset,
                    kind=MoveKind.DISPOSE,
                    date=date,
                    actor=actor,
                    disposal=disposal,
                    memo=f"{disposal.number} {disposal.get_method_display()} {asset.number} {asset.name}",
                )
            disposal.completed_on = date
            disposal.proceeds = yuan(proceeds) if proceeds is not None else None

    return handle


def _stated_date(disposal: Disposal, date: dt.date | None, label: str) -> dt.date:
    if date is None:
        raise AssetRuleError(f"请填写{label}。")
    if date < disposal.requested_on:
        raise AssetRuleError(f"{label}不能早于申请日期（{disposal.requested_on:%Y-%m-%d}）。")
    return date


def _step(
    *, actor, disposal: Disposal, action: str, reason: str = "", doc_no: str = "", date=None, proceeds=None
) -> Disposal:
    locked, _ = approval_advance(
        actor=actor,
        record=disposal,
        action=action,
        handler=_handler(actor=actor, date=date, proceeds=proceeds),
        reason=reason,
        doc_no=doc_no,
    )
    return locked


@_records_refusal("disposal_submit")
def disposal_submit(*, actor, disposal: Disposal) -> Disposal:
    return _step(actor=actor, disposal=disposal, action="submit")


@_records_refusal("disposal_approve")
def disposal_approve(*, actor, disposal: Disposal, approved_on: dt.date, doc_no: str = "") -> Disposal:
    """The head approves; above the filing limit the finance bureau 批复备案 as the second step."""
    action = "file_bureau" if getattr(actor, "role", "") == "bureau_staff" else "approve_head"
    return _step(actor=actor, disposal=disposal, action=action, date=approved_on, doc_no=doc_no)


@_records_refusal("disposal_reject")
def disposal_reject(*, actor, disposal: Disposal, reason: str) -> Disposal:
    """驳回: every asset goes back to the status it had before the request."""
    return _step(actor=actor, disposal=disposal, action="reject", reason=reason)


@_records_refusal("disposal_withdraw")
def disposal_withdraw(*, actor, disposal: Disposal, reason: str) -> Disposal:
    """撤回 by the department before execution: the assets go back to their former status."""
    return _step(actor=actor, disposal=disposal, action="withdraw", reason=reason)


@_records_refusal("disposal_complete")
def disposal_complete(
    *, actor, disposal: Disposal, completed_on: dt.date, proceeds: Decimal | str | None = None
) -> Disposal:
    """执行处置 of an approved request: the assets become 已处置 and leave the 台账."""
    return _step(actor=actor, disposal=disposal, action="dispose", date=completed_on, proceeds=proceeds)


# ---------------------------------------------------------------- 盘点


@_records_refusal("stocktake_open")
def stocktake_open(
    *, actor, department: Department, year: int, taken_on: dt.date, team: str, is_demo: bool = False
) -> StockTake:
    _require_writer(actor, department)
    if not team.strip():
        raise AssetRuleError("请填写盘点人员。")
    if StockTake.objects.filter(department=department, year=year).exists():
        raise AssetRuleError(f"{year}年度的资产盘点已经建立。")
    counted = Asset.objects.filter(department=department).exclude(status=AssetStatus.DISPOSED).count()
    stocktake = StockTake.objects.create(
        department=department,
        year=year,
        taken_on=taken_on,
        team=team.strip(),
        counted=counted,
        is_demo=is_demo,
    )
    audit_record(
        actor=actor,
        action="stocktake_open",
        action_label="开始年度资产盘点",
        target=stocktake,
        department=department,
        after={"year": year, "counted": counted},
    )
    return stocktake


def _lock_stocktake(stocktake: StockTake) -> StockTake:
    return StockTake.objects.select_for_update(of=("self",)).select_related("department").get(pk=stocktake.pk)


@_records_refusal("stocktake_difference")
def stocktake_difference_record(
    *, actor, stocktake: StockTake, kind: str, description: str, asset: Asset | None = None
) -> StockTakeDifference:
    _require_writer(actor, stocktake.department)
    locked = _lock_stocktake(stocktake)
    if locked.is_closed:
        raise AssetRuleError(f"{locked}已结束，不能再登记差异。")
    check_difference(kind=kind, has_asset=asset is not None, description=description)
    if asset is not None and (
        asset.department_id != locked.department_id or asset.status == AssetStatus.DISPOSED
    ):
        raise AssetRuleError(f"资产{asset.number}不在本单位在册资产中。")
    difference = StockTakeDifference.objects.create(
        stocktake=locked, kind=DiffKind(kind).value, asset=asset, description=description.strip()
    )
    audit_record(
        actor=actor,
        action="stocktake_difference",
        action_label=f"登记盘点差异（{DIFF_LABELS[DiffKind(kind)]}）",
        target=locked,
        department=locked.department,
        after={"kind": kind, "asset": asset.number if asset else None, "description": description},
    )
    return difference


@_records_refusal("stocktake_resolve")
def stocktake_difference_resolve(
    *,
    actor,
    difference: StockTakeDifference,
    resolution: str,
    resolved_on: dt.date,
    new_asset: dict | None = None,
    custody: dict | None = None,
) -> StockTakeDifference:
    """Resolve one difference: 盘亏 is written off (head only), 盘盈 is registered as a new card
    (``new_asset``: the asset_register fields), 账实不符 corrects the card (``custody``)."""
    stocktake = _lock_stocktake(difference.stocktake)
    _require_writer(actor, stocktake.department)
    diff = StockTakeDifference.objects.select_for_update(of=("self",)).get(pk=difference.pk)
    if diff.is_resolved:
        raise AssetRuleError("该盘点差异已处理。")
    kind = DiffKind(diff.kind)
    check_resolution(kind=kind, resolution=resolution, actor_role=actor.role)
    if kind is DiffKind.LOSS:
        asset = _lock_assets([diff.asset_id])[diff.asset_id]
        if asset.status == AssetStatus.PENDING:
            raise AssetRuleError(f"资产{asset.number}正在处置审批中，请先办结处置申请。")
        asset.status, asset.disposed_on = AssetStatus.DISPOSED.value, resolved_on
        asset.note = f"盘亏核销：{resolution.strip()}"[:255]
        asset.save(update_fields=["status", "disposed_on", "note"])
        _move(
            asset=asset,
            kind=MoveKind.LOSS,
            date=resolved_on,
            actor=actor,
            memo=f"{stocktake} 盘亏核销 {asset.number}",
        )
    elif kind is DiffKind.SURPLUS:
        if not new_asset:
            raise AssetRuleError("盘盈须登记新的资产卡片（编号、名称、分类、原值等）。")
        diff.new_asset = _register(
            actor=actor,
            department=stocktake.department,
            kind=MoveKind.SURPLUS,
            moved_on=resolved_on,
            **new_asset,
        )
    elif custody:
        asset = _lock_assets([diff.asset_id])[diff.asset_id]
        for field in ("custodian_unit", "custodian_person", "location"):
            if custody.get(field):
                setattr(asset, field, custody[field].strip())
        asset.save(update_fields=["custodian_unit", "custodian_person", "location"])
    diff.resolution, diff.resolved_on, diff.resolved_by = resolution.strip(), resolved_on, actor
    diff.save()
    audit_record(
        actor=actor,
        action="stocktake_resolve",
        action_label=f"处理盘点差异（{DIFF_LABELS[kind]}）",
        target=stocktake,
        department=stocktake.department,
        after={
            "difference": diff.pk,
            "resolution": resolution,
            "new_asset": getattr(diff.new_asset, "number", None),
        },
    )
    return diff


@_records_refusal("stocktake_close")
def stocktake_close(*, actor, stocktake: StockTake, closed_on: dt.date, summary: str) -> StockTake:
    _require_writer(actor, stocktake.department)
    locked = _lock_stocktake(stocktake)
    if locked.is_closed:
        raise AssetRuleError(f"{locked}已结束。")
    check_stocktake_close(unresolved=locked.differences.filter(resolved_on__isnull=True).count())
    if not summary.strip():
        raise AssetRuleError("请填写盘点结论。")
    locked.is_closed, locked.closed_on, locked.summary = True, closed_on, summary.strip()
    locked.save()
    audit_record(
        actor=actor,
        action="stocktake_close",
        action_label="结束年度资产盘点",
        target=locked,
        department=locked.department,
        after={"closed_on": closed_on, "summary": summary},
    )
    return locked


__all__ = [
    "asset_custody_change",
    "asset_register",
    "asset_status_change",
    "bureau_threshold",
    "disposal_approve",
    "disposal_complete",
    "disposal_reject",
    "disposal_request",
    "disposal_submit",
    "disposal_withdraw",
    "stocktake_close",
    "stocktake_difference_record",
    "stocktake_difference_resolve",
    "stocktake_open",
]
