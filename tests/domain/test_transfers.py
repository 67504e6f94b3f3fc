import pytest

from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.transfers import Actor, TAction, TState, next_state

OFFICER = Actor(role="finance_officer", is_creator=True, same_department=True, same_bureau=False)
HEAD = Actor(role="department_head", is_creator=False, same_department=True, same_bureau=False)
HEAD_CREATOR = Actor(role="department_head", is_creator=True, same_department=True, same_bureau=False)
BUREAU = Actor(role="bureau_staff", is_creator=False, same_department=False, same_bureau=True)
OTHER_BUREAU = Actor(role="bureau_staff", is_creator=False, same_department=False, same_bureau=False)
AUDITOR = Actor(role="auditor", is_creator=False, same_department=False, same_bureau=True)


def test_full_path_with_bureau():
    state = next_state(TState.DRAFT, TAction.SUBMIT, needs_bureau=True, actor=OFFICER)
    state = next_state(state, TAction.APPROVE_HEAD, needs_bureau=True, actor=HEAD)
    state = next_state(state, TAction.APPROVE_BUREAU, needs_bureau=True, actor=BUREAU)
    assert next_state(state, TAction.EXECUTE, needs_bureau=True, actor=OFFICER) is TState.EXECUTED


def test_head_cannot_approve_own_request():
    with pytest.raises(PermissionRefused, match="自己"):
        next_state(TState.SUBMITTED, TAction.APPROVE_HEAD, needs_bureau=False, actor=HEAD_CREATOR)


def test_bureau_of_another_region_cannot_approve():
    with pytest.raises(PermissionRefused):
        next_state(TState.HEAD_APPROVED, TAction.APPROVE_BUREAU, needs_bureau=True, actor=OTHER_BUREAU)


def test_execute_before_approval_is_refused():
    with pytest.raises(TransitionNotAllowed):
        next_state(TState.SUBMITTED, TAction.EXECUTE, needs_bureau=False, actor=OFFICER)


def test_closed_requests_cannot_move():
    for state in (TState.EXECUTED, TState.REJECTED, TState.WITHDRAWN):
        with pytest.raises(TransitionNotAllowed):
            next_state(state, TAction.WITHDRAW, needs_bureau=False, actor=OFFICER, reason="x")


def test_auditor_can_do_nothing():
    with pytest.raises(PermissionRefused):
        next_state(TState.SUBMITTED, TAction.APPROVE_HEAD, needs_bureau=False, actor=AUDITOR)
