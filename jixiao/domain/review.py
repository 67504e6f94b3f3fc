"""Review of department reports by the finance bureau: states, who may do what, and snapshots.

A report moves draft → submitted → returned (退回修改) or accepted → published. A returned
report is fixed by submitting a new version; a later change to a published report is also a new
version, submitted and published again. The snapshot of a submission is plain JSON with stable
paragraph ids, so that comments can point at a paragraph and a published report never changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from enum import Enum, StrEnum

from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.report.document import Chart, Paragraph, Report, Section, Table


class ReviewState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


STATE_LABELS = {
    ReviewState.DRAFT: "草稿",
    ReviewState.SUBMITTED: "已提交待审核",
    ReviewState.RETURNED: "退回修改",
    ReviewState.ACCEPTED: "审核通过",
    ReviewState.PUBLISHED: "已公开",
    ReviewState.SUPERSEDED: "已被新版本替代",
}


class ReviewAction(StrEnum):
    SUBMIT = "submit"
    COMMENT = "comment"
    RETURN = "return"
    ACCEPT = "accept"
    PUBLISH = "publish"
    SUPERSEDE = "supersede"


ACTION_LABELS = {
    ReviewAction.SUBMIT: "提交报告",
    ReviewAction.COMMENT: "审核意见",
    ReviewAction.RETURN: "退回修改",
    ReviewAction.ACCEPT: "审核通过",
    ReviewAction.PUBLISH: "公开发布",
    ReviewAction.SUPERSEDE: "被新版本替代",
}

TRANSITIONS: dict[tuple[ReviewState, ReviewAction], ReviewState] = {
    (ReviewState.DRAFT, ReviewAction.SUBMIT): ReviewState.SUBMITTED,
    (ReviewState.SUBMITTED, ReviewAction.COMMENT): ReviewState.SUBMITTED,
    (ReviewState.SUBMITTED, ReviewAction.RETURN): ReviewState.RETURNED,
    (ReviewState.SUBMITTED, ReviewAction.ACCEPT): ReviewState.ACCEPTED,
    (ReviewState.ACCEPTED, ReviewAction.PUBLISH): ReviewState.PUBLISHED,
    (ReviewState.SUBMITTED, ReviewAction.SUPERSEDE): ReviewState.SUPERSEDED,
    (ReviewState.RETURNED, ReviewAction.SUPERSEDE): ReviewState.SUPERSEDED,
    (ReviewState.ACCEPTED, ReviewAction.SUPERSEDE): ReviewState.SUPERSEDED,
    (ReviewState.PUBLISHED, ReviewAction.SUPERSEDE): ReviewState.SUPERSEDED,
}


def next_state(state: str, action: str, *, label: str = "该报告") -> ReviewState:
    """The state after ``action``, or TransitionNotAllowed naming both."""
    state, action = ReviewState(state), ReviewAction(action)
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise TransitionNotAllowed(
            f"{label}当前为“{STATE_LABELS[state]}”，不能{ACTION_LABELS[action]}。",
            state=state.value,
            action=action.value,
        ) from None


DEPARTMENT_ROLES = frozenset({"finance_officer", "department_head"})
REVIEWER_ROLES = frozenset({"bureau_staff"})


@dataclasses.dataclass(frozen=True, slots=True)
class Actor:
    """What the rules need to know about whoever acts."""

    id: int
    role: str
    department_id: int | None = None
    bureau_id: int | None = None


def check_may(
    actor: Actor,
    action: str,
    *,
    department_id: int,
    bureau_id: int,
    submitted_by_id: int | None = None,
    uploaded: bool = False,
) -> None:
    """Refuse (PermissionRefused, Chinese message) whatever the actor's role does not allow."""
    action = ReviewAction(action)
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能提交或审核报告。", role=actor.role)
    if action is ReviewAction.SUBMIT:
        if uploaded:
            if actor.role not in REVIEWER_ROLES or actor.bureau_id != bureau_id:
                raise PermissionRefused("只有本级财政局工作人员可以上传单位在系统外编写的报告。")
            return
        if actor.role not in DEPARTMENT_ROLES or actor.department_id != department_id:
            raise PermissionRefused("只有本单位的财务人员或负责人可以提交本单位的报告。")
        return
    if actor.role not in REVIEWER_ROLES or actor.bureau_id != bureau_id:
        raise PermissionRefused(f"只有财政局工作人员可以{ACTION_LABELS[action]}。", role=actor.role)
    if submitted_by_id is not None and submitted_by_id == actor.id and action is not ReviewAction.COMMENT:
        raise PermissionRefused(
            f"不能审核自己提交或上传的报告（{ACTION_LABELS[action]}），请由另一位工作人员办理。"
        )


# ---------------------------------------------------------------------------------------------
# Snapshots


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        out = {"_type": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _plain(getattr(value, f.name))
        return out
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _paragraph_entries(children, path: str, heading: str, out: list[dict]) -> None:
    for index, child in enumerate(children, start=1):
        here = f"{path}.{index}" if path else str(index)
        if isinstance(child, Section):
            title = f"{child.number}{child.title}"
            out.append({"id": f"h{here}", "kind": "heading", "section": title, "text": title})
            _paragraph_entries(child.children, here, title, out)
        elif isinstance(child, Paragraph):
            out.append({"id": f"p{here}", "kind": "paragraph", "section": heading, "text": child.text})
        elif isinstance(child, Table):
            out.append(
                {"id": f"t{here}", "kind": "table", "section": heading, "text": f"表：{child.caption}"}
            )
        elif isinstance(child, Chart):
            out.append({"id": f"c{here}", "kind": "chart", "section": heading, "text": f"图：{child.title}"})


def report_paragraphs(report: Report) -> list[dict]:
    """Every heading, paragraph, table and chart of the body, in reading order, with an id that
    depends only on its position ("p2.1.3" = third block of section 二(一)), so the same document
    always gives the same ids."""
    out: list[dict] = []
    _paragraph_entries(report.sections, "", "", out)
    for number, annex in enumerate(report.annexes, start=1):
        out.append({"id": f"a{number}", "kind": "heading", "section": annex.title, "text": annex.title})
        _paragraph_entries(annex.children, f"a{number}", annex.title, out)
    return out


def text_paragraphs(text: str) -> list[dict]:
    """The paragraphs of a plain-text report (uploaded from outside jixiao): one per non-empty
    line, numbered in reading order."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.append({"id": f"p{len(out) + 1}", "kind": "paragraph", "section": "", "text": line})
    return out


def report_snapshot(report: Report) -> dict:
    """The document as JSON-ready data (every dataclass tagged with its type), plus its paragraphs."""
    return {"document": _plain(report), "paragraphs": report_paragraphs(report)}


def paragraph_ids(paragraphs: list[dict]) -> set[str]:
    return {p["id"] for p in paragraphs}
