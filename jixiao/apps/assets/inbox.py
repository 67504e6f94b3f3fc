"""The 待办 inbox's provider for 资产处置 while it is not yet on the approval mechanism: the domain's
``next_disposal_state`` decides which steps this user may take now, as the service does."""

from __future__ import annotations

from jixiao.apps.assets.models import Disposal
from jixiao.apps.core.inbox import RETURNED, TODO, InboxItem, on_mechanism, register
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.domain.assets import (
    DACTION_LABELS,
    DSTATE_LABELS,
    DAction,
    DisposalActor,
    DState,
    next_disposal_state,
)
from jixiao.domain.errors import DomainError

OPEN = (DState.SUBMITTED, DState.HEAD_APPROVED, DState.BUREAU_APPROVED)
MOVING_ON = (DAction.APPROVE_HEAD, DAction.APPROVE_BUREAU, DAction.COMPLETE)


def _actions(disposal: Disposal, user) -> list[str]:
    actor = DisposalActor(
        role=user.role,
        is_requester=user.pk == disposal.requested_by_id,
        same_department=user.is_department_user and user.department_id == disposal.department_id,
        same_bureau=user.is_bureau_user and user.bureau_id == disposal.department.bureau_id,
    )
    allowed = []
    for action in (*MOVING_ON, DAction.REJECT):
        try:
            next_disposal_state(
                disposal.state, action, needs_bureau=disposal.needs_bureau, actor=actor, reason="（预检）"
            )
        except DomainError:
            continue
        allowed.append(action)
    if not any(action in MOVING_ON for action in allowed):
        return []
    return [DACTION_LABELS[action] for action in allowed]


def disposal_requests(*, user, year):
    if on_mechanism(Disposal):
        return []
    visible = Disposal.objects.filter(department__in=departments_visible_to(user)).select_related(
        "department"
    )
    items = []
    for disposal in visible.filter(state__in=OPEN).order_by("requested_on", "pk"):
        actions = _actions(disposal, user)
        if actions:
            items.append(
                InboxItem(
                    kind=TODO,
                    workflow="资产处置",
                    title=f"处置申请{disposal}",
                    url=disposal.get_absolute_url(),
                    state=DSTATE_LABELS[DState(disposal.state)],
                    actions="、".join(actions),
                    department=str(disposal.department),
                    at=disposal.requested_on,
                )
            )
    if user.is_department_user:
        mine = visible.filter(state=DState.REJECTED, requested_by=user)
        if year is not None:
            mine = mine.filter(year=year)
        for disposal in mine:
            items.append(
                InboxItem(
                    kind=RETURNED,
                    workflow="资产处置",
                    title=f"处置申请{disposal}",
                    url=disposal.get_absolute_url(),
                    state=DSTATE_LABELS[DState.REJECTED],
                    reason=disposal.closed_reason,
                    department=str(disposal.department),
                    at=disposal.requested_on,
                )
            )
    return items


register(requests=disposal_requests)
