"""调剂 as a configuration of the approval mechanism, and its money checks at every step."""

import re
from decimal import Decimal

import pytest

from jixiao.domain.approval import Actor, load_workflow
from jixiao.domain.budget_control import (
    BudgetExceeded,
    BudgetLineView,
    ControlKey,
    CrossUseForbidden,
    LineBalance,
)
from jixiao.domain.classification import FundType
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.transfers import check_executable, check_source_available, execution_warning

TRANSFER = load_workflow("transfer")
BUREAU_FLAGS = {"needs_bureau"}

OFFICER = Actor(role="finance_officer", is_creator=True, same_department=True, same_bureau=False)
HEAD = Actor(role="department_head", is_creator=False, same_department=True, same_bureau=False)
HEAD_CREATOR = Actor(role="department_head", is_creator=True, same_department=True, same_bureau=False)
BUREAU = Actor(role="bureau_staff", is_creator=False, same_department=False, same_bureau=True)
OTHER_BUREAU = Actor(role="bureau_staff", is_creator=False, same_department=False, same_bureau=False)
AUDITOR = Actor(role="auditor", is_creator=False, same_department=False, same_bureau=True)


def _key(econ: str, department: str = "101") -> ControlKey:
    return ControlKey(
        year=2024,
        department=department,
        func_code="2060101",
        fund_type=FundType.BASIC_PUBLIC,
        project=None,
        econ_code=econ,
    )


# 预算数 10,000 = 10,000 allocated; 6,800 spent; nothing reserved: 3,200 available.
SOURCE = BudgetLineView(
    key=_key("302"),
    label="办公费",
    balance=LineBalance(allocated=Decimal("10000.00"), spent=Decimal("6800.00")),
)
TARGET = BudgetLineView(key=_key("303"), label="对个人和家庭的补助")


def test_full_path_with_bureau_carries_the_checks_and_effects_of_each_step():
    steps = [
        TRANSFER.advance("draft", "submit", actor=OFFICER, flags=BUREAU_FLAGS),
        TRANSFER.advance("submitted", "approve_head", actor=HEAD, flags=BUREAU_FLAGS),
        TRANSFER.advance(
            "head_approved", "approve_bureau", actor=BUREAU, flags=BUREAU_FLAGS, doc_no="常财预1号"
        ),
        TRANSFER.advance("bureau_approved", "execute", actor=OFFICER, flags=BUREAU_FLAGS),
    ]
    assert [(s.to_state, s.checks, s.effects) for s in steps] == [
        ("submitted", ("source_available",), ()),
        ("head_approved", ("executable",), ("commit",)),
        ("bureau_approved", ("executable",), ()),
        ("executed", ("executable",), ("execute",)),
    ]
    assert steps[2].doc_no == "常财预1号"


def test_without_the_bureau_the_head_approval_leads_straight_to_execution():
    with pytest.raises(TransitionNotAllowed):
        TRANSFER.advance("head_approved", "approve_bureau", actor=BUREAU)
    assert TRANSFER.advance("head_approved", "execute", actor=OFFICER).to_state == "executed"
    with pytest.raises(TransitionNotAllowed):
        TRANSFER.advance("head_approved", "execute", actor=OFFICER, flags=BUREAU_FLAGS)


def test_head_cannot_approve_or_reject_own_request():
    with pytest.raises(PermissionRefused, match="不能批准自己提交的调剂申请"):
        TRANSFER.advance("submitted", "approve_head", actor=HEAD_CREATOR)
    with pytest.raises(PermissionRefused, match="自己提交"):
        TRANSFER.advance("submitted", "reject", actor=HEAD_CREATOR, reason="不需要")


def test_bureau_of_another_region_cannot_approve_and_auditor_never_acts():
    with pytest.raises(PermissionRefused, match="主管财政局"):
        TRANSFER.advance("head_approved", "approve_bureau", actor=OTHER_BUREAU, flags=BUREAU_FLAGS)
    with pytest.raises(PermissionRefused, match="审计账号只能查看"):
        TRANSFER.advance("submitted", "approve_head", actor=AUDITOR)


def test_closed_requests_cannot_move_and_leaving_after_approval_releases():
    for state in ("executed", "rejected", "withdrawn"):
        with pytest.raises(TransitionNotAllowed):
            TRANSFER.advance(state, "withdraw", actor=OFFICER, reason="x")
    assert TRANSFER.advance("head_approved", "withdraw", actor=OFFICER, reason="不再需要").effects == (
        "release",
    )
    rejected = TRANSFER.advance(
        "head_approved", "reject", actor=BUREAU, flags=BUREAU_FLAGS, reason="依据不足"
    )
    assert rejected.effects == ("release",)


def test_a_transfer_beyond_the_available_balance_is_refused_with_the_breakdown():
    with pytest.raises(BudgetExceeded) as refused:
        check_source_available(source=SOURCE, amount=Decimal("5000.00"))
    assert refused.value.message == (
        "调出指标“办公费”可用余额不足：调剂5,000.00元，预算数10,000.00元，已支出6,800.00元，"
        "已预占0.00元，可用余额3,200.00元，超出1,800.00元。"
    )
    assert refused.value.details["available"] == Decimal("3200.00")
    check_source_available(source=SOURCE, amount=Decimal("3200.00"))


def test_the_transfers_own_reservation_is_its_money_at_execution():
    reserved = BudgetLineView(
        key=SOURCE.key,
        label=SOURCE.label,
        balance=LineBalance(
            allocated=Decimal("10000.00"), spent=Decimal("6800.00"), committed=Decimal("3200.00")
        ),
    )
    with pytest.raises(BudgetExceeded, match=re.escape("已预占3,200.00元，可用余额0.00元")):
        check_source_available(source=reserved, amount=Decimal("3200.00"))
    check_executable(source=reserved, target=TARGET, amount=Decimal("3200.00"), held=Decimal("3200.00"))


def test_execution_checks_the_whole_rule_set_and_the_warning_says_why():
    elsewhere = BudgetLineView(key=_key("303", department="102"), label="别单位指标")
    with pytest.raises(CrossUseForbidden) as refused:
        check_executable(source=SOURCE, target=elsewhere, amount=Decimal("100.00"))
    assert (
        execution_warning(refused.value.message)
        == "执行时将被拒绝，因为调剂只能在本单位本年度的预算指标之间进行。"
    )
