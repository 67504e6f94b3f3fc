"""The asset register through its services: registration, approval-gated disposal, 盘点, 台账."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.apps.assets import selectors, services
from jixiao.apps.assets.models import Asset, AssetMovement, Disposal
from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.domain.assets import AssetRuleError, DisposalNotApproved
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from tests.factories import UserFactory

D = Decimal


def register(
    actor,
    department,
    number,
    value="4800.00",
    *,
    name="台式计算机",
    category="2",
    on=dt.date(2019, 5, 6),
    **kw,
):
    return services.asset_register(
        actor=actor,
        department=department,
        number=number,
        name=name,
        category=category,
        acquired_on=on,
        original_value=D(value),
        custodian_unit=kw.pop("unit", "办公室"),
        custodian_person=kw.pop("person", "李会计"),
        location=kw.pop("location", "二楼办公室"),
        **kw,
    )


@pytest.fixture
def second_head(department):
    return UserFactory(username="head2", full_name="刘副主席", role="department_head", department=department)


def test_registering_an_asset_writes_its_ledger_row(officer, department):
    asset = register(officer, department, "KX-2019-001")
    assert asset.status == "in_use" and asset.category_label == "通用设备"
    movement = AssetMovement.objects.get(asset=asset)
    assert (movement.kind, movement.amount, movement.date) == ("acquire", D("4800.00"), dt.date(2019, 5, 6))
    assert AuditEvent.objects.get(action="asset_register").actor == officer


def test_a_duplicate_number_or_unknown_category_is_refused_and_saves_nothing(officer, department):
    register(officer, department, "KX-001")
    with pytest.raises(AssetRuleError, match=r"KX-001.*已存在"):
        register(officer, department, "KX-001")
    with pytest.raises(AssetRuleError, match="GB/T 14885"):
        register(officer, department, "KX-002", category="9")
    assert Asset.objects.count() == 1 and AssetMovement.objects.count() == 1
    assert RefusalEvent.objects.filter(action="asset_register").count() == 2


def test_an_asset_cannot_be_disposed_of_without_approval(officer, head, department):
    asset = register(officer, department, "KX-001")
    with pytest.raises(DisposalNotApproved, match="处置申请"):
        services.asset_status_change(actor=officer, asset=asset, status="disposed", reason="坏了")
    disposal = services.disposal_request(
        actor=officer,
        department=department,
        assets=[asset],
        method="scrap",
        reason="主板损坏，无维修价值",
        requested_on=dt.date(2024, 3, 1),
    )
    assert Asset.objects.get(pk=asset.pk).status == "pending"
    with pytest.raises(TransitionNotAllowed, match="不能执行处置：尚待本单位部门负责人办理“部门负责人批准”"):
        services.disposal_complete(actor=officer, disposal=disposal, completed_on=dt.date(2024, 3, 5))
    asset.refresh_from_db()
    assert asset.status == "pending" and asset.disposed_on is None
    assert not AssetMovement.objects.filter(kind="dispose").exists()
    assert RefusalEvent.objects.filter(action="disposal_complete").count() == 1

    services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 3))
    services.disposal_complete(actor=officer, disposal=disposal, completed_on=dt.date(2024, 3, 5))
    asset.refresh_from_db()
    assert (asset.status, asset.disposed_on) == ("disposed", dt.date(2024, 3, 5))
    assert AssetMovement.objects.get(kind="dispose").amount == D("4800.00")


def test_the_requester_cannot_approve_their_own_disposal(head, second_head, department):
    asset = register(head, department, "KX-001")
    disposal = services.disposal_request(
        actor=head,
        department=department,
        assets=[asset],
        method="scrap",
        reason="损坏",
        requested_on=dt.date(2024, 3, 1),
    )
    with pytest.raises(PermissionRefused, match="不能批准自己提交的资产处置申请"):
        services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    assert Disposal.objects.get(pk=disposal.pk).state == "submitted"
    services.disposal_approve(actor=second_head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    assert Disposal.objects.get(pk=disposal.pk).state == "head_approved"


def test_above_the_threshold_the_finance_bureau_must_approve_too(officer, head, bureau_staff, department):
    car = register(officer, department, "KX-CAR", "50000.00", name="科普大篷车车载展品", category="3")
    disposal = services.disposal_request(
        actor=officer,
        department=department,
        assets=[car],
        method="scrap",
        reason="展品老化",
        requested_on=dt.date(2024, 3, 1),
    )
    assert disposal.needs_bureau
    services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    with pytest.raises(TransitionNotAllowed, match="尚待主管财政局财政局工作人员办理“财政局批复备案”"):
        services.disposal_complete(actor=officer, disposal=disposal, completed_on=dt.date(2024, 3, 5))
    with pytest.raises(TransitionNotAllowed, match="批复文号"):
        services.disposal_approve(actor=bureau_staff, disposal=disposal, approved_on=dt.date(2024, 3, 4))
    services.disposal_approve(
        actor=bureau_staff, disposal=disposal, approved_on=dt.date(2024, 3, 4), doc_no="常财资〔2024〕8号"
    )
    services.disposal_complete(actor=officer, disposal=disposal, completed_on=dt.date(2024, 3, 5))
    assert Asset.objects.get(pk=car.pk).status == "disposed"


def test_the_threshold_is_configurable(officer, department, settings):
    settings.JIXIAO_ASSET_DISPOSAL_BUREAU_THRESHOLD = "3000.00"
    asset = register(officer, department, "KX-001", "4800.00")
    disposal = services.disposal_request(
        actor=officer,
        department=department,
        assets=[asset],
        method="scrap",
        reason="损坏",
        requested_on=dt.date(2024, 3, 1),
    )
    assert disposal.needs_bureau


def test_below_the_threshold_the_bureau_approval_is_not_needed(officer, head, bureau_staff, department):
    asset = register(officer, department, "KX-001", "49999.99")
    disposal = services.disposal_request(
        actor=officer,
        department=department,
        assets=[asset],
        method="scrap",
        reason="损坏",
        requested_on=dt.date(2024, 3, 1),
    )
    assert not disposal.needs_bureau
    services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    with pytest.raises(TransitionNotAllowed, match="不能财政局批复备案"):
        services.disposal_approve(
            actor=bureau_staff, disposal=disposal, approved_on=dt.date(2024, 3, 3), doc_no="X"
        )


def test_a_rejected_disposal_gives_each_asset_its_former_status(officer, head, department):
    a = register(officer, department, "KX-001")
    b = register(officer, department, "KX-002", status="idle")
    disposal = services.disposal_request(
        actor=officer,
        department=department,
        assets=[a, b],
        method="transfer",
        reason="调拨给老科协",
        counterparty="常宁市老科协",
        requested_on=dt.date(2024, 3, 1),
    )
    with pytest.raises(TransitionNotAllowed, match="驳回必须填写原因"):
        services.disposal_reject(actor=head, disposal=disposal, reason=" ")
    services.disposal_reject(actor=head, disposal=disposal, reason="仍可使用，暂不调拨")
    assert {x.number: x.status for x in Asset.objects.all()} == {"KX-001": "in_use", "KX-002": "idle"}


def test_sale_needs_a_buyer_and_the_proceeds(officer, head, department):
    asset = register(officer, department, "KX-001")
    with pytest.raises(AssetRuleError, match="买受人"):
        services.disposal_request(
            actor=officer,
            department=department,
            assets=[asset],
            method="sale",
            reason="闲置",
            requested_on=dt.date(2024, 3, 1),
        )
    disposal = services.disposal_request(
        actor=officer,
        department=department,
        assets=[asset],
        method="sale",
        reason="闲置",
        counterparty="某回收公司",
        requested_on=dt.date(2024, 3, 1),
    )
    services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    with pytest.raises(AssetRuleError, match="处置收入"):
        services.disposal_complete(actor=officer, disposal=disposal, completed_on=dt.date(2024, 3, 5))
    done = services.disposal_complete(
        actor=officer, disposal=disposal, completed_on=dt.date(2024, 3, 5), proceeds="300.00"
    )
    assert done.proceeds == D("300.00")


def test_another_department_and_the_auditor_cannot_touch_the_register(
    officer, other_officer, auditor, department
):
    asset = register(officer, department, "KX-001")
    with pytest.raises(PermissionRefused):
        register(other_officer, department, "KX-002")
    with pytest.raises(PermissionRefused):
        services.asset_status_change(actor=auditor, asset=asset, status="idle", reason="查看")
    assert Asset.objects.get(pk=asset.pk).status == "in_use"


def test_status_moves_between_in_use_and_idle_only(officer, department):
    asset = register(officer, department, "KX-001")
    services.asset_status_change(actor=officer, asset=asset, status="idle", reason="人员减少")
    with pytest.raises(AssetRuleError, match="待处置"):
        services.asset_status_change(actor=officer, asset=asset, status="pending", reason="x")
    assert Asset.objects.get(pk=asset.pk).status == "idle"


def test_ledger_reconciles_with_the_register_and_utilisation_is_in_use_over_all(officer, head, department):
    register(officer, department, "KX-001", "6000.00", on=dt.date(2022, 3, 1))
    b = register(officer, department, "KX-002", "4000.00", on=dt.date(2022, 6, 1))
    register(officer, department, "KX-003", "10000.00", on=dt.date(2023, 4, 1), status="idle")
    disposal = services.disposal_request(
        actor=officer,
        department=department,
        assets=[b],
        method="scrap",
        reason="损坏",
        requested_on=dt.date(2023, 8, 1),
    )
    services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2023, 8, 2))
    services.disposal_complete(actor=officer, disposal=disposal, completed_on=dt.date(2023, 8, 10))
    report = selectors.ledger_for(department, 2023)
    assert (
        report.ledger.opening,
        report.ledger.additions,
        report.ledger.disposals,
        report.ledger.closing,
    ) == (
        D("10000.00"),
        D("10000.00"),
        D("4000.00"),
        D("16000.00"),
    )
    assert report.register_total == D("16000.00") and report.findings == []
    usage = selectors.utilisation(department)
    assert (usage.in_use, usage.total) == (D("6000.00"), D("16000.00"))
    assert usage.rate == D("37.5")


def test_stocktake_loss_surplus_and_mismatch_are_each_resolved_and_recorded(officer, head, department):
    lost = register(officer, department, "KX-001", "3000.00")
    moved = register(officer, department, "KX-002", "2000.00")
    stocktake = services.stocktake_open(
        actor=officer, department=department, year=2024, taken_on=dt.date(2024, 12, 10), team="李会计、刘股长"
    )
    assert stocktake.counted == 2
    d_loss = services.stocktake_difference_record(
        actor=officer, stocktake=stocktake, kind="loss", asset=lost, description="账上有、实物未找到"
    )
    d_surplus = services.stocktake_difference_record(
        actor=officer, stocktake=stocktake, kind="surplus", description="会议室发现未入账投影仪一台"
    )
    d_mismatch = services.stocktake_difference_record(
        actor=officer, stocktake=stocktake, kind="mismatch", asset=moved, description="实际存放在科普股"
    )
    with pytest.raises(AssetRuleError, match="未处理"):
        services.stocktake_close(
            actor=officer, stocktake=stocktake, closed_on=dt.date(2024, 12, 20), summary="完成"
        )
    with pytest.raises(PermissionRefused, match="部门负责人"):
        services.stocktake_difference_resolve(
            actor=officer, difference=d_loss, resolution="核销", resolved_on=dt.date(2024, 12, 15)
        )
    services.stocktake_difference_resolve(
        actor=head,
        difference=d_loss,
        resolution="经查系2016年搬迁遗失，报批核销",
        resolved_on=dt.date(2024, 12, 15),
    )
    services.stocktake_difference_resolve(
        actor=officer,
        difference=d_surplus,
        resolution="补登记资产卡片",
        resolved_on=dt.date(2024, 12, 15),
        new_asset={
            "number": "KX-003",
            "name": "投影仪",
            "category": "2",
            "acquired_on": dt.date(2021, 5, 1),
            "original_value": D("3500.00"),
            "custodian_unit": "办公室",
            "custodian_person": "李会计",
            "location": "会议室",
        },
    )
    services.stocktake_difference_resolve(
        actor=officer,
        difference=d_mismatch,
        resolution="更正存放地点",
        resolved_on=dt.date(2024, 12, 15),
        custody={"custodian_unit": "科普股", "location": "三楼科普股"},
    )
    services.stocktake_close(
        actor=officer, stocktake=stocktake, closed_on=dt.date(2024, 12, 20), summary="账实相符"
    )
    assert Asset.objects.get(number="KX-001").status == "disposed"
    assert Asset.objects.get(number="KX-002").location == "三楼科普股"
    report = selectors.ledger_for(department, 2024)
    assert report.ledger.additions == D("3500.00")  # the 盘盈 card, booked when it was found
    assert report.ledger.disposals == D("3000.00")
    assert report.ledger.closing == report.register_total == D("5500.00")
    assert selectors.ledger_for(department, 2022).findings == []  # the 2021 card entered the books in 2024


def test_a_disposal_request_for_another_departments_asset_is_refused(
    officer, other_officer, department, other_department
):
    theirs = register(other_officer, other_department, "WL-001")
    with pytest.raises(PermissionRefused, match="不属于本单位"):
        services.disposal_request(
            actor=officer,
            department=department,
            assets=[theirs],
            method="scrap",
            reason="x",
            requested_on=dt.date(2024, 3, 1),
        )
    assert Asset.objects.get(pk=theirs.pk).status == "in_use" and not Disposal.objects.exists()
    refusal = RefusalEvent.objects.get(action="disposal_request")
    assert refusal.department == department and refusal.actor == officer
