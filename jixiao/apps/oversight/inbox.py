"""The 待办 inbox's provider for report review while it is not yet on the approval mechanism: the
finance bureau reviews submitted reports and publishes accepted ones; a department sees its
report returned, with the 退回说明."""

from __future__ import annotations

from django.urls import reverse

from jixiao.apps.core.inbox import RETURNED, TODO, InboxItem, on_mechanism, register
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.apps.oversight.selectors import review_queue
from jixiao.domain.review import ReviewState

BUREAU_STEPS = {ReviewState.SUBMITTED: "审核（通过或退回修改）", ReviewState.ACCEPTED: "公开发布"}


def review_requests(*, user, year):
    if on_mechanism(ReportSubmission) or year is None:
        return []
    items = []
    if user.role == "bureau_staff":
        for submission in review_queue(user=user, year=year).filter(state__in=list(BUREAU_STEPS)):
            items.append(
                InboxItem(
                    kind=TODO,
                    workflow="报告审核",
                    title=str(submission),
                    url=reverse("oversight:review-detail", args=[submission.pk]),
                    state=submission.state_label,
                    actions=BUREAU_STEPS[ReviewState(submission.state)],
                    department=str(submission.department),
                    at=submission.decided_at or submission.submitted_at,
                )
            )
    elif user.is_department_user:
        for submission in review_queue(user=user, year=year, state=ReviewState.RETURNED):
            items.append(
                InboxItem(
                    kind=RETURNED,
                    workflow="报告审核",
                    title=str(submission),
                    url=reverse("oversight:review-detail", args=[submission.pk]),
                    state=submission.state_label,
                    reason=submission.return_reason,
                    department=str(submission.department),
                    at=submission.decided_at,
                )
            )
    return items


register(requests=review_requests)
