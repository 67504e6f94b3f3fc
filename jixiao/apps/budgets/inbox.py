"""The 待办 inbox's provider for 预算调剂 while it is not yet on the approval mechanism (用款申请 is,
and needs no provider). Once TransferRequest inherits ApprovalRecord this provider stays silent."""

from __future__ import annotations

from jixiao.apps.budgets.models import TransferRequest, TransferState
from jixiao.apps.budgets.selectors import transfers_awaiting, transfers_for
from jixiao.apps.core.inbox import RETURNED, TODO, InboxItem, on_mechanism, register

NEXT_STEP = {
    TransferState.DRAFT: "提交",
    TransferState.SUBMITTED: "批准、驳回",
    TransferState.HEAD_APPROVED: "批准、驳回",
    TransferState.BUREAU_APPROVED: "执行",
}


def transfer_requests(*, user, year):
    if on_mechanism(TransferRequest) or year is None:
        return []
    items = []
    awaiting = transfers_awaiting(user=user, year=year).select_related("department")
    drafts = transfers_for(user=user, year=year).filter(state=TransferState.DRAFT, created_by=user)
    for transfer in [*awaiting, *drafts.select_related("department")]:
        actions = NEXT_STEP.get(transfer.state, "")
        if transfer.state == TransferState.HEAD_APPROVED and not transfer.needs_bureau:
            actions = "执行"
        items.append(
            InboxItem(
                kind=TODO,
                workflow="预算调剂",
                title=f"{transfer}（{transfer.reason}）",
                url=transfer.get_absolute_url(),
                state=transfer.get_state_display(),
                actions=actions,
                department=str(transfer.department),
                at=transfer.submitted_at or transfer.created_at,
            )
        )
    if user.is_department_user:
        rejected = transfers_for(user=user, year=year).filter(state=TransferState.REJECTED, created_by=user)
        for transfer in rejected.select_related("department"):
            items.append(
                InboxItem(
                    kind=RETURNED,
                    workflow="预算调剂",
                    title=f"{transfer}（{transfer.reason}）",
                    url=transfer.get_absolute_url(),
                    state=transfer.get_state_display(),
                    reason=transfer.closed_reason,
                    department=str(transfer.department),
                    at=transfer.created_at,
                )
            )
    return items


register(requests=transfer_requests)
