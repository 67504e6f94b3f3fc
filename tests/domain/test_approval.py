"""The approval mechanism: states, who may act, never on one's own request, reasons, audit."""

from __future__ import annotations

import pytest

from jixiao.domain.approval import Actor, load_workflow
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed

PAYMENT = load_workflow("payment_request")

OFFICER = Actor(role="finance_officer", is_creator=True, same_department=True, same_bureau=False)
HEAD = Actor(role="department_head", is_creator=False, same_department=True, same_bureau=False)
OTHER_HEAD = Actor(role="department_head", is_creator=False, same_department=False, same_bureau=False)
BUREAU = Actor(role="bureau_staff", is_creator=False, same_department=False, same_bureau=True)
AUDITOR = Actor(role="auditor", is_creator=False, same_department=False, same_bureau=True)


def test_payment_request_runs_apply_approve_pay_with_checks_and_effects():
    step = PAYMENT.advance("draft", "submit", actor=OFFICER)
    assert (step.from_state, step.to_state, step.checks, step.effects) == (
        "draft",
        "submitted",
        ("budget_control",),
        (),
    )
    step = PAYMENT.advance("submitted", "approve", actor=HEAD)
    assert step.to_state == "approved" and step.effects == ("commit",)
    step = PAYMENT.advance("approved", "pay", actor=OFFICER)
    assert step.to_state == "paid" and step.effects == ("pay",)
    assert step.audit() == {
        "workflow": "payment_request",
        "action": "pay",
        "from": "approved",
        "to": "paid",
        "role": "finance_officer",
        "doc_no": "",
        "checks": ["budget_control"],
        "effects": ["pay"],
    }


def test_nobody_approves_or_rejects_their_own_request():
    own_head = Actor(role="department_head", is_creator=True, same_department=True, same_bureau=False)
    with pytest.raises(PermissionRefused, match="不能批准自己提交的用款申请"):
        PAYMENT.advance("submitted", "approve", actor=own_head)
    with pytest.raises(PermissionRefused, match="不能驳回自己提交的用款申请"):
        PAYMENT.advance("submitted", "reject", actor=own_head, reason="不需要")


def test_only_the_departments_head_approves_and_an_auditor_never_acts():
    with pytest.raises(PermissionRefused, match="本单位部门负责人"):
        PAYMENT.advance("submitted", "approve", actor=OFFICER)
    with pytest.raises(PermissionRefused):
        PAYMENT.advance("submitted", "approve", actor=OTHER_HEAD)
    with pytest.raises(PermissionRefused, match="审计账号只能查看"):
        PAYMENT.advance("draft", "submit", actor=AUDITOR)


def test_reasons_are_required_and_closed_requests_stay_closed():
    with pytest.raises(TransitionNotAllowed, match="驳回必须填写原因"):
        PAYMENT.advance("submitted", "reject", actor=HEAD, reason="  ")
    cancel = PAYMENT.advance("approved", "cancel", actor=OFFICER, reason="合同取消")
    assert cancel.reason == "合同取消" and cancel.effects == ("release",)
    with pytest.raises(TransitionNotAllowed, match="已支付，不能再取消"):
        PAYMENT.advance("paid", "cancel", actor=OFFICER, reason="x")
    with pytest.raises(TransitionNotAllowed, match="当前为“草稿”，不能支付"):
        PAYMENT.advance("draft", "pay", actor=OFFICER)


def test_allowed_lists_what_this_person_may_do_now():
    assert [s.action for s in PAYMENT.allowed("submitted", actor=HEAD)] == ["approve", "reject", "withdraw"]
    assert [s.action for s in PAYMENT.allowed("submitted", actor=OFFICER)] == ["withdraw"]
    assert PAYMENT.allowed("paid", actor=HEAD) == []
