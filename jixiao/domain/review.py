"""Review of department reports by the finance bureau: states, who may do what, and snapshots.

A report moves draft → submitted → returned (退回修改) or accepted → published, as the
workflow report_review of the one approval mechanism (jixiao.domain.approval) decides. A returned
report is fixed by submitting a new version; a later change to a published report is also a new
version, submitted and published again. 第N版 is the Nth version the department (or the bureau
for it) submitted for the year; the screens of generating, submitting, reviewing and publishing
all speak of that one number. The snapshot of a submission is plain JSON with stable
paragraph ids, so that comments can point at a paragraph and a published report never changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from enum import Enum, StrEnum

from jixiao.data import load_yaml
from jixiao.domain.approval import Workflow, load_workflow
from jixiao.domain.errors import PermissionRefused
from jixiao.domain.report.document import Chart, Paragraph, Report, Section, Table


class ReviewState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


def review_workflow() -> Workflow:
    """Report review as a configuration of the one approval mechanism
    (jixiao/data/workflows/report-review.yaml): states, steps, who takes them, reasons."""
    return load_workflow("report_review")


def refuse_unless_role_may(role: str, action: str) -> None:
    """PermissionRefused when no step of ``action`` is ever taken by ``role``, whatever the
    state: a department user posting 发布 is told it is not theirs to do, not that the report
    is in the wrong state."""
    workflow = review_workflow()
    steps = [step for step in workflow.steps if step.action == action]
    if not any(role in step.roles for step in steps):
        who = "、".join(dict.fromkeys(step.who for step in steps))
        raise PermissionRefused(f"只有{who}可以{steps[0].label if steps else action}。")


STATE_LABELS = {state: review_workflow().state_label(state.value) for state in ReviewState}

# A version in one of these states is with the finance bureau: the department waits, and its
# draft cannot be changed or submitted again until the bureau returns it.
WITH_BUREAU = frozenset({ReviewState.SUBMITTED, ReviewState.ACCEPTED})


def version_label(version: int) -> str:
    return f"第{version}版"


def review_status(state: str, version: int, *, reason: str = "") -> str:
    """Where a submitted version stands, in one sentence a department reads:
    "已提交财政局审核（第2版），等待财政局审核"; "已退回（第2版）：理由…"; "已发布（第2版）".
    The sentences are data (the ``status`` of report-review.yaml)."""
    template = load_yaml("workflows/report-review.yaml")["status"][ReviewState(state).value]
    text = template.format(version=version_label(version), reason=reason.strip() or "（未写明理由）")
    return text


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
