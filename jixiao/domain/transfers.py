"""The 调剂 (budget transfer) state machine.

draft → submitted → head_approved → [bureau_approved, when the transfer crosses 基本/项目 or
two projects] → executed. Rejection and withdrawal are possible at every open step, always
with a reason. Nobody approves (or rejects) their own request.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed


class TState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    HEAD_APPROVED = "head_approved"
    BUREAU_APPROVED = "bureau_approved"
    EXECUTED = "executed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class TAction(enum.StrEnum):
    SUBMIT = "submit"
    APPROVE_HEAD = "approve_head"
    APPROVE_BUREAU = "approve_bureau"
    EXECUTE = "execute"
    REJECT = "reject"
    WITHDRAW = "withdraw"


ACTION_LABELS = {
    TAction.SUBMIT: "提交",
    TAction.APPROVE_HEAD: "部门负责人批准",
    TAction.APPROVE_BUREAU: "财政局批准",
    TAction.EXECUTE: "执行调剂",
    TAction.REJECT: "驳回",
    TAction.WITHDRAW: "撤回",
}

STATE_LABELS = {
    TState.DRAFT: "草稿",
    TState.SUBMITTED: "已提交",
    TState.HEAD_APPROVED: "部门负责人已批准",
    TState.BUREAU_APPROVED: "财政局已批准",
    TState.EXECUTED: "已执行",
    TState.REJECTED: "已驳回",
    TState.WITHDRAWN: "已撤回",
}

OPEN_STATES = {TState.DRAFT, TState.SUBMITTED, TState.HEAD_APPROVED, TState.BUREAU_APPROVED}

DEPT_ROLES = {"finance_officer", "department_head"}


@dataclass(frozen=True, slots=True)
class Actor:
    role: str
    is_creator: bool
    same_department: bool
    same_bureau: bool


def _refuse(message: str) -> None:
    raise PermissionRefused(message)


def next_state(
    state: TState, action: TAction, *, needs_bureau: bool, actor: Actor, reason: str = ""
) -> TState:
    """Return the state after ``action``; raise TransitionNotAllowed or PermissionRefused."""
    state, action = TState(state), TAction(action)
    if actor.role == "auditor":
        _refuse("审计账号只能查看，不能办理调剂。")
    if state not in OPEN_STATES:
        raise TransitionNotAllowed(f"该调剂申请{STATE_LABELS[state]}，不能再{ACTION_LABELS[action]}。")

    if action in (TAction.REJECT, TAction.WITHDRAW) and not reason.strip():
        raise TransitionNotAllowed(f"{ACTION_LABELS[action]}必须填写原因。")

    if action is TAction.SUBMIT:
        if state is not TState.DRAFT:
            raise TransitionNotAllowed("只有草稿状态的调剂申请可以提交。")
        if not (actor.same_department and actor.role in DEPT_ROLES):
            _refuse("只有本单位人员可以提交调剂申请。")
        return TState.SUBMITTED

    if action is TAction.APPROVE_HEAD:
        if state is not TState.SUBMITTED:
            raise TransitionNotAllowed("部门负责人只能批准已提交的调剂申请。")
        if not (actor.same_department and actor.role == "department_head"):
            _refuse("只有本单位的部门负责人可以批准调剂申请。")
        if actor.is_creator:
            _refuse("不能批准自己提交的调剂申请。")
        return TState.HEAD_APPROVED

    if action is TAction.APPROVE_BUREAU:
        if not needs_bureau:
            raise TransitionNotAllowed("该调剂不涉及基本支出与项目支出之间或项目之间，无需财政局审批。")
        if state is not TState.HEAD_APPROVED:
            raise TransitionNotAllowed("财政局只能审批部门负责人已批准的调剂申请。")
        if not (actor.same_bureau and actor.role == "bureau_staff"):
            _refuse("只有主管财政局的工作人员可以审批该调剂申请。")
        if actor.is_creator:
            _refuse("不能批准自己提交的调剂申请。")
        return TState.BUREAU_APPROVED

    if action is TAction.EXECUTE:
        ready = TState.BUREAU_APPROVED if needs_bureau else TState.HEAD_APPROVED
        if state is not ready:
            waiting = "财政局审批" if needs_bureau and state is TState.HEAD_APPROVED else "审批"
            raise TransitionNotAllowed(f"调剂申请尚未完成{waiting}，不能执行。")
        if not (actor.same_department and actor.role in DEPT_ROLES):
            _refuse("只有本单位人员可以执行调剂。")
        return TState.EXECUTED

    if action is TAction.REJECT:
        if state is TState.SUBMITTED:
            if not (actor.same_department and actor.role == "department_head"):
                _refuse("只有本单位的部门负责人可以驳回已提交的调剂申请。")
        elif state is TState.HEAD_APPROVED and needs_bureau:
            if not (actor.same_bureau and actor.role == "bureau_staff"):
                _refuse("只有主管财政局的工作人员可以驳回待财政局审批的调剂申请。")
        else:
            raise TransitionNotAllowed("该调剂申请当前不在待审批状态，不能驳回。")
        if actor.is_creator:
            _refuse("不能审批（驳回）自己提交的调剂申请。")
        return TState.REJECTED

    if action is TAction.WITHDRAW:
        if not (actor.same_department and actor.role in DEPT_ROLES):
            _refuse("只有本单位人员可以撤回调剂申请。")
        return TState.WITHDRAWN

    raise TransitionNotAllowed(f"未知操作：{action}")
