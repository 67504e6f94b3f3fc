"""资产处置 as a configuration of the approval mechanism (jixiao/data/workflows/disposal.yaml)."""

import pytest

from jixiao.domain.approval import Actor, load_workflow
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed

DISPOSAL = load_workflow("disposal")
ABOVE_LIMIT = {"needs_bureau"}

OFFICER = Actor(role="finance_officer", is_creator=True, same_department=True, same_bureau=False)
HEAD = Actor(role="department_head", is_creator=False, same_department=True, same_bureau=False)
REQUESTER_HEAD = Actor(role="department_head", is_creator=True, same_department=True, same_bureau=False)
BUREAU = Actor(role="bureau_staff", is_creator=False, same_department=False, same_bureau=True)


def test_below_the_filing_limit_the_head_approval_is_enough():
    state = "draft"
    for action, actor in (("submit", OFFICER), ("approve_head", HEAD), ("dispose", OFFICER)):
        state = DISPOSAL.advance(state, action, actor=actor).to_state
    assert state == "disposed"
    with pytest.raises(TransitionNotAllowed):
        DISPOSAL.advance("head_approved", "file_bureau", actor=BUREAU, doc_no="X")


def test_above_the_filing_limit_the_bureau_files_before_execution():
    with pytest.raises(TransitionNotAllowed, match="部门负责人已批准"):
        DISPOSAL.advance("head_approved", "dispose", actor=OFFICER, flags=ABOVE_LIMIT)
    with pytest.raises(TransitionNotAllowed, match="必须填写批复文号"):
        DISPOSAL.advance("head_approved", "file_bureau", actor=BUREAU, flags=ABOVE_LIMIT)
    filed = DISPOSAL.advance(
        "head_approved", "file_bureau", actor=BUREAU, flags=ABOVE_LIMIT, doc_no="常财资8号"
    )
    assert (filed.to_state, filed.doc_no) == ("bureau_filed", "常财资8号")
    assert DISPOSAL.advance("bureau_filed", "dispose", actor=OFFICER, flags=ABOVE_LIMIT).effects == (
        "dispose",
    )
    assert DISPOSAL.main_path(ABOVE_LIMIT) == (
        "draft",
        "submitted",
        "head_approved",
        "bureau_filed",
        "disposed",
    )


def test_never_ones_own_request_and_never_the_bureau_first():
    with pytest.raises(PermissionRefused, match="自己提交的资产处置申请"):
        DISPOSAL.advance("submitted", "approve_head", actor=REQUESTER_HEAD)
    with pytest.raises(PermissionRefused):
        DISPOSAL.advance("submitted", "approve_head", actor=OFFICER)
    with pytest.raises(TransitionNotAllowed):
        DISPOSAL.advance("submitted", "file_bureau", actor=BUREAU, flags=ABOVE_LIMIT, doc_no="X")


def test_reject_and_withdraw_need_a_reason_and_restore_the_assets():
    with pytest.raises(TransitionNotAllowed, match="驳回必须填写原因"):
        DISPOSAL.advance("submitted", "reject", actor=HEAD)
    assert DISPOSAL.advance("submitted", "reject", actor=HEAD, reason="仍可使用").effects == ("restore",)
    withdrawn = DISPOSAL.advance(
        "bureau_filed", "withdraw", actor=OFFICER, flags=ABOVE_LIMIT, reason="改为调拨"
    )
    assert (withdrawn.to_state, withdrawn.effects) == ("withdrawn", ("restore",))
    with pytest.raises(TransitionNotAllowed, match="已处置"):
        DISPOSAL.advance("disposed", "withdraw", actor=OFFICER, reason="x")


def test_waiting_names_the_step_that_moves_it_on_for_this_request():
    assert [s.action for s in DISPOSAL.waiting("head_approved")] == ["dispose"]
    assert [s.action for s in DISPOSAL.waiting("head_approved", ABOVE_LIMIT)] == ["file_bureau"]
    assert (
        DISPOSAL.waiting("head_approved", ABOVE_LIMIT)[0].awaiting
        == "主管财政局财政局工作人员办理“财政局批复备案”"
    )
    assert DISPOSAL.waiting("disposed") == []
