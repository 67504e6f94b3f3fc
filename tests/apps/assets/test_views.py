"""Asset pages: register filters and 合计, refusals shown and saving nothing, approval-gated
disposal with its 报废处理清单, 台账 reconciliation, 盘点, and 404 across departments."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from jixiao.apps.assets import services
from jixiao.apps.assets.models import Asset, Disposal, StockTake
from tests.apps.assets.test_services import register

D = Decimal


def _disposal(officer, department, *assets):
    return services.disposal_request(
        actor=officer,
        department=department,
        assets=list(assets),
        method="scrap",
        reason="已达使用年限，无维修价值",
        requested_on=dt.date(2024, 3, 1),
    )


def test_register_filters_sorts_and_totals(client, officer, department):
    register(officer, department, "KX-001", "4800.00")
    register(officer, department, "KX-002", "3200.00", name="激光打印机", status="idle")
    register(officer, department, "KX-003", "1500.00", name="办公桌", category="6", unit="科普股")
    client.force_login(officer)
    page = client.get(reverse("assets:asset-list")).content.decode()
    assert "合计（3项）" in page and "9,500.00" in page
    assert "66.3%" in page  # 在用 4800 + 1500 = 6300 over 9500
    page = client.get(reverse("assets:asset-list") + "?status=idle").content.decode()
    assert "合计（1项）" in page and "激光打印机" in page and "KX-001" not in page
    page = client.get(reverse("assets:asset-list") + "?category=6&sort=-value").content.decode()
    assert "合计（1项）" in page and "1,500.00" in page


def test_register_exports_xlsx_with_frozen_header_and_total(client, officer, department):
    register(officer, department, "KX-001", "4800.00")
    register(officer, department, "KX-002", "3200.00")
    client.force_login(officer)
    response = client.get(reverse("assets:asset-list") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "资产编号" and sheet["F2"].value == "原值（元）"
    assert sheet.freeze_panes == "A3"
    assert (sheet["A5"].value, sheet["F5"].value) == ("合计", 8000)


def test_registering_through_the_form(client, officer, department):
    client.force_login(officer)
    response = client.post(
        reverse("assets:asset-create"),
        {
            "number": "KX-010",
            "name": "科普展板",
            "category": "3",
            "spec": "",
            "acquired_on": "2023-05-01",
            "original_value": "12,000.00",
            "funding_source": "project",
            "custodian_unit": "科普股",
            "custodian_person": "刘股长",
            "location": "科普仓库",
            "status": "in_use",
        },
    )
    asset = Asset.objects.get()
    assert response.status_code == 302 and asset.original_value == D("12000.00")


def test_setting_disposed_by_hand_is_not_offered_and_is_refused(client, officer, department):
    asset = register(officer, department, "KX-001")
    client.force_login(officer)
    response = client.post(
        reverse("assets:asset-action", args=[asset.pk, "status"]), {"status": "disposed", "reason": "坏了"}
    )
    assert response.status_code == 400
    assert Asset.objects.get(pk=asset.pk).status == "in_use"


def test_disposal_needs_the_heads_approval_before_execution_and_list_is_offered_after(
    client, officer, head, department
):
    asset = register(officer, department, "KX-001")
    client.force_login(officer)
    response = client.post(
        reverse("assets:disposal-list"),
        {
            "assets": [asset.pk],
            "method": "scrap",
            "reason": "主板损坏",
            "counterparty": "",
            "requested_on": "2024-03-01",
        },
    )
    disposal = Disposal.objects.get()
    assert response.status_code == 302 and Asset.objects.get(pk=asset.pk).status == "pending"
    # the officer is offered no execution before approval, and posting it is 404
    assert (
        client.post(
            reverse("assets:disposal-action", args=[disposal.pk, "complete"]), {"completed_on": "2024-03-05"}
        ).status_code
        == 404
    )
    assert client.get(reverse("assets:disposal-download", args=[disposal.pk, "xlsx"])).status_code == 404
    client.force_login(head)
    page = client.get(disposal.get_absolute_url()).content.decode()
    assert 'id="act-approve_head"' in page and "批准后即可执行处置" in page
    assert "等待本单位部门负责人办理“部门负责人批准”" in page
    assert (
        client.post(
            reverse("assets:disposal-action", args=[disposal.pk, "approve"]), {"approved_on": "2024-03-02"}
        ).status_code
        == 302
    )
    client.force_login(officer)
    response = client.post(
        reverse("assets:disposal-action", args=[disposal.pk, "complete"]), {"completed_on": "2024-03-05"}
    )
    assert response.status_code == 302
    assert Asset.objects.get(pk=asset.pk).status == "disposed"

    xlsx = client.get(reverse("assets:disposal-download", args=[disposal.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "常宁市科学技术协会固定资产报废处理清单"
    assert sheet.freeze_panes == "A3" and sheet["B3"].value == "KX-001"
    assert (sheet["A4"].value, sheet["G4"].value) == ("合计", 4800)
    docx = client.get(reverse("assets:disposal-download", args=[disposal.pk, "docx"]))
    document = Document(io.BytesIO(docx.content))
    assert document.paragraphs[0].text == "常宁市科学技术协会固定资产报废处理清单"
    table = document.tables[0]
    assert table.rows[1].cells[1].text == "KX-001" and table.rows[-1].cells[6].text == "4,800.00"
    run = table.rows[1].cells[1].paragraphs[0].runs[0]
    assert (
        run._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋_GB2312"
    )


def test_the_requesting_head_is_not_offered_approval(client, head, department):
    asset = register(head, department, "KX-001")
    disposal = _disposal(head, department, asset)
    client.force_login(head)
    page = client.get(disposal.get_absolute_url()).content.decode()
    assert 'id="act-approve_head"' not in page and 'id="act-withdraw"' in page
    assert (
        client.post(
            reverse("assets:disposal-action", args=[disposal.pk, "approve"]), {"approved_on": "2024-03-02"}
        ).status_code
        == 404
    )
    assert Disposal.objects.get(pk=disposal.pk).state == "submitted"


def test_bureau_staff_approves_above_the_threshold(client, officer, head, bureau_staff, department):
    asset = register(officer, department, "KX-CAR", "80000.00", name="科普大篷车车载设备", category="3")
    disposal = _disposal(officer, department, asset)
    services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    client.force_login(bureau_staff)
    response = client.post(
        reverse("assets:disposal-action", args=[disposal.pk, "approve"]),
        {"approved_on": "2024-03-03", "doc_no": ""},
    )
    assert response.status_code == 400 and "批复文号" in response.content.decode()
    response = client.post(
        reverse("assets:disposal-action", args=[disposal.pk, "approve"]),
        {"approved_on": "2024-03-03", "doc_no": "常财资〔2024〕8号"},
    )
    assert response.status_code == 302
    filed = Disposal.objects.get(pk=disposal.pk)
    assert (filed.state, filed.bureau_doc_no, filed.bureau_filed_on) == (
        "bureau_filed",
        "常财资〔2024〕8号",
        dt.date(2024, 3, 3),
    )


def test_ledger_page_shows_reconciled_balances(client, officer, department):
    register(officer, department, "KX-001", "6000.00", on=dt.date(2022, 3, 1))
    register(officer, department, "KX-002", "4000.00", on=dt.date(2023, 6, 1))
    client.force_login(officer)
    page = client.get(reverse("assets:ledger") + "?y=2023").content.decode()
    assert 'id="ledger-closing">1.00<' in page and 'id="register-sum">1.00<' in page
    assert "账卡相符" in page


def test_stocktake_pages_record_a_difference_and_its_resolution(client, officer, head, department):
    asset = register(officer, department, "KX-001")
    client.force_login(officer)
    response = client.post(
        reverse("assets:stocktake-list"), {"year": "2024", "taken_on": "2024-12-10", "team": "李会计"}
    )
    stocktake = StockTake.objects.get()
    assert response.status_code == 302
    client.post(
        reverse("assets:stocktake-action", args=[stocktake.pk, "difference"]),
        {"kind": "mismatch", "asset": asset.pk, "description": "实际在科普股"},
    )
    difference = stocktake.differences.get()
    response = client.post(
        reverse("assets:stocktake-action", args=[stocktake.pk, "resolve"]),
        {
            "difference": difference.pk,
            "resolution": "更正存放地点",
            "resolved_on": "2024-12-12",
            "custodian_unit": "科普股",
            "custodian_person": "",
            "location": "三楼",
        },
    )
    assert response.status_code == 302
    asset.refresh_from_db()
    assert (asset.custodian_unit, asset.location, asset.custodian_person) == ("科普股", "三楼", "李会计")
    page = client.get(stocktake.get_absolute_url()).content.decode()
    assert "更正存放地点" in page


def test_another_departments_asset_disposal_and_stocktake_are_404(client, officer, other_officer, department):
    asset = register(officer, department, "KX-001")
    disposal = _disposal(officer, department, asset)
    stocktake = services.stocktake_open(
        actor=officer, department=department, year=2024, taken_on=dt.date(2024, 12, 1), team="李会计"
    )
    client.force_login(other_officer)
    assert client.get(asset.get_absolute_url()).status_code == 404
    assert client.get(disposal.get_absolute_url()).status_code == 404
    assert client.get(stocktake.get_absolute_url()).status_code == 404
    assert (
        client.post(
            reverse("assets:asset-action", args=[asset.pk, "status"]), {"status": "idle", "reason": "x"}
        ).status_code
        == 404
    )
    assert "KX-001" not in client.get(reverse("assets:asset-list")).content.decode()
