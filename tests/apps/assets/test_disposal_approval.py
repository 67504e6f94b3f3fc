"""资产处置 on the approval mechanism: draft → submitted → head_approved → [bureau_filed] → disposed,
reject/withdraw with a reason, never one's own request, every step an approval step and an
audit event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from jixiao.apps.assets import services
from jixiao.apps.assets.models import Asset, Disposal
from jixiao.apps.core.models import ApprovalStep, AuditEvent
from jixiao.domain.errors import TransitionNotAllowed
from tests.apps.assets.test_services import register


def _request(actor, department, *assets, submit=True):
    return services.disposal_request(
        actor=actor,
        department=department,
        assets=list(assets),
        method="scrap",
        reason="已达使用年限且无维修价值",
        requested_on=dt.date(2024, 3, 1),
        submit=submit,
    )


def test_a_draft_holds_nothing_until_it_is_submitted(officer, department):
    asset = register(officer, department, "KX-001")
    draft = _request(officer, department, asset, submit=False)
    assert (draft.state, Asset.objects.get(pk=asset.pk).status) == ("draft", "in_use")
    submitted = services.disposal_submit(actor=officer, disposal=draft)
    assert (submitted.state, Asset.objects.get(pk=asset.pk).status) == ("submitted", "pending")


def test_above_the_filing_limit_the_bureau_step_is_needed_and_every_step_is_recorded(
    officer, head, bureau_staff, department
):
    car = register(officer, department, "KX-CAR", "60000.00", name="科普大篷车车载展品", category="3")
    disposal = _request(officer, department, car)
    assert disposal.needs_bureau
    services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    with pytest.raises(TransitionNotAllowed, match="尚待主管财政局财政局工作人员办理“财政局批复备案”"):
        services.disposal_complete(actor=officer, disposal=disposal, completed_on=dt.date(2024, 3, 5))
    services.disposal_approve(
        actor=bureau_staff, disposal=disposal, approved_on=dt.date(2024, 3, 4), doc_no="常财资〔2024〕8号"
    )
    done = services.disposal_complete(actor=officer, disposal=disposal, completed_on=dt.date(2024, 3, 5))
    assert (done.state, done.head_approved_on, done.bureau_filed_on, done.completed_on) == (
        "disposed",
        dt.date(2024, 3, 2),
        dt.date(2024, 3, 4),
        dt.date(2024, 3, 5),
    )
    steps = ApprovalStep.objects.filter(workflow="disposal", object_id=disposal.pk).order_by("id")
    assert [(s.action, s.to_state, s.actor.username) for s in steps] == [
        ("submit", "submitted", "officer"),
        ("approve_head", "head_approved", "head"),
        ("file_bureau", "bureau_filed", "czj"),
        ("dispose", "disposed", "officer"),
    ]
    assert steps[2].doc_no == "常财资〔2024〕8号"
    actions = AuditEvent.objects.filter(
        target_type="assets.Disposal", target_id=str(disposal.pk)
    ).values_list("action", flat=True)
    assert sorted(actions) == sorted(
        [
            "disposal_request",
            "disposal_submit",
            "disposal_approve_head",
            "disposal_file_bureau",
            "disposal_dispose",
        ]
    )


def test_withdrawing_after_approval_gives_the_assets_back_and_needs_a_reason(officer, head, department):
    a = register(officer, department, "KX-001")
    b = register(officer, department, "KX-002", status="idle")
    disposal = _request(officer, department, a, b)
    services.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    with pytest.raises(TransitionNotAllowed, match="撤回必须填写原因"):
        services.disposal_withdraw(actor=officer, disposal=disposal, reason="")
    withdrawn = services.disposal_withdraw(actor=officer, disposal=disposal, reason="改为调拨给老科协")
    assert (withdrawn.state, withdrawn.closed_reason) == ("withdrawn", "改为调拨给老科协")
    assert {x.number: x.status for x in Asset.objects.all()} == {"KX-001": "in_use", "KX-002": "idle"}


def test_the_page_says_where_it_stands_and_offers_only_what_the_user_may_do(
    client, officer, head, auditor, department
):
    asset = register(officer, department, "KX-001")
    disposal = _request(officer, department, asset)
    client.force_login(officer)
    page = client.get(disposal.get_absolute_url()).content.decode()
    assert "等待本单位部门负责人办理“部门负责人批准”" in page
    assert 'id="act-withdraw"' in page and 'id="act-approve_head"' not in page
    client.force_login(head)
    page = client.get(disposal.get_absolute_url()).content.decode()
    assert 'id="act-approve_head"' in page and 'id="act-reject"' in page and 'id="act-dispose"' not in page
    client.force_login(auditor)
    page = client.get(disposal.get_absolute_url()).content.decode()
    assert "act-" not in page and "审计账号：只读查看" in page
    response = client.post(reverse("assets:disposal-action", args=[disposal.pk, "approve_head"]), {})
    assert response.status_code == 404
    assert Disposal.objects.get(pk=disposal.pk).state == "submitted"
