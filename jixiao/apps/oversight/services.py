"""Review of reports: one service per state change (submit, upload, comment, return, accept,
publish), each a step of the workflow ``report_review`` on the one approval mechanism
(jixiao.apps.core.approval.approval_advance): it runs in one transaction, locks the submission,
lets the workflow decide who may act (never on one's own submission) and whether a reason is
required, and records the step as an ApprovalStep and an AuditEvent with the acting user. On
refusal nothing changes and the refused attempt is kept on record (RefusalEvent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath

from django.db.models import Max
from django.utils import timezone

from jixiao.apps.core.approval import approval_actor, approval_advance
from jixiao.apps.core.services import records_refusal
from jixiao.apps.orgs.models import Department
from jixiao.apps.oversight.models import ReportSubmission, ReviewComment
from jixiao.apps.oversight.selectors import department_figures
from jixiao.domain.checker import ERROR, INFO, WARNING, check_text
from jixiao.domain.errors import DomainError
from jixiao.domain.oversight import SelfScore, self_score_of_report, self_score_stated
from jixiao.domain.report.document import Report
from jixiao.domain.review import ReviewState, report_snapshot, text_paragraphs, version_label
from jixiao.formats.report_readers import read_report_bytes

OPEN_STATES = (ReviewState.SUBMITTED, ReviewState.RETURNED, ReviewState.ACCEPTED)
UPLOAD_SUFFIXES = (".docx", ".txt", ".pdf")


class ReviewInputError(DomainError):
    code = "review_input"


def _scope(kwargs) -> tuple:
    submission = kwargs.get("submission")
    department = kwargs.get("department") or getattr(submission, "department", None)
    year = kwargs.get("year") or getattr(submission, "year", None)
    return department, year


def _records_refusal(action: str):
    return records_refusal(action, scope=_scope)


def _figures(department: Department, year: int, as_of: dt.date) -> dict:
    f = department_figures(department=department, year=year, as_of=as_of)
    values = {
        "as_of": as_of.isoformat(),
        "budget_basic": f.budget_basic,
        "budget_project": f.budget_project,
        "budget_total": f.budget_total,
        "spent_basic": f.spent_basic,
        "spent_project": f.spent_project,
        "spent_total": f.spent_total,
        "rate_basic": f.rate_basic,
        "rate_project": f.rate_project,
        "rate_total": f.rate_total,
        "sangong_budget": f.sangong_budget,
        "sangong_actual": f.sangong_actual,
        "sangong_previous": f.sangong_previous,
    }
    return {k: (None if v is None else str(v)) for k, v in values.items()}


def run_checker(text: str) -> tuple[list[dict], dict]:
    """Every finding of the report checker for ``text``, and a summary of them."""
    result = check_text(text, report_type="auto")
    findings = [f.to_dict() for f in result.findings]
    return findings, {
        "available": True,
        "report_type": result.report_type,
        "errors": result.count(ERROR),
        "warnings": result.count(WARNING),
        "infos": result.count(INFO),
    }


def _supersede_open(department: Department, year: int, new: ReportSubmission, actor) -> None:
    """The new version replaces the department's open ones (a workflow step on each, so the
    department's submission may replace only a returned version: one still with the bureau
    refuses the new submission instead)."""
    for old in (
        ReportSubmission.objects.select_for_update()
        .filter(department=department, year=year, state__in=[s.value for s in OPEN_STATES])
        .exclude(pk=new.pk)
    ):

        def link(locked, transition, new=new):
            locked.superseded_by = new

        approval_advance(actor=actor, record=old, action="supersede", handler=link)


def _refuse_while_with_bureau(department: Department, year: int) -> None:
    pending = (
        ReportSubmission.objects.filter(
            department=department, year=year, state__in=[ReviewState.SUBMITTED, ReviewState.ACCEPTED]
        )
        .order_by("-version")
        .first()
    )
    if pending is not None:
        raise ReviewInputError(
            f"{department.name}{year}年度报告{pending.version_label}{pending.state_label}，"
            "财政局退回后才能修改并提交下一版。",
            version=pending.version,
        )


def next_version(department: Department, year: int) -> int:
    """The number the department's next submission for the year will carry (第N版)."""
    latest = ReportSubmission.objects.filter(department=department, year=year).aggregate(v=Max("version"))
    return (latest["v"] or 0) + 1


def _create(
    *,
    actor,
    department,
    year,
    source,
    title,
    document,
    paragraphs,
    docx,
    text,
    html,
    name,
    original,
    score: SelfScore | None,
):
    if not paragraphs:
        raise ReviewInputError(f"{department.name}{year}年度报告没有正文，不能提交。")
    uploaded = source == ReportSubmission.Source.UPLOAD
    action = "upload" if uploaded else "submit"
    # Who may submit (or upload) is asked first, before anything about the department is said.
    unsaved = ReportSubmission(department=department, year=year, submitted_by=actor, state=ReviewState.DRAFT)
    ReportSubmission.workflow().advance(ReviewState.DRAFT, action, actor=approval_actor(actor, unsaved))
    Department.objects.select_for_update().filter(pk=department.pk).first()
    if not uploaded:
        _refuse_while_with_bureau(department, year)
    version = next_version(department, year)
    now = timezone.now()
    findings, summary = run_checker(text)
    submission = ReportSubmission.objects.create(
        department=department,
        year=year,
        version=version,
        source=source,
        state=ReviewState.DRAFT,
        title=title[:255],
        document=document,
        paragraphs=paragraphs,
        docx=docx,
        text=text,
        html=html,
        figures=_figures(department, year, timezone.localdate()),
        original_name=name,
        original=original,
        findings=findings,
        check_summary=summary,
        self_score=score.score if score else None,
        self_grade=score.grade if score else "",
        score_basis=score.basis.value if score else "",
        submitted_by=actor,
        submitted_at=now,
        updated_at=now,
    )
    # The step on the mechanism: checked again, recorded as ApprovalStep and AuditEvent.
    submission, _ = approval_advance(actor=actor, record=submission, action=action)
    _supersede_open(department, year, submission, actor)
    return submission


@_records_refusal("report_submit")
def report_submit(
    *,
    actor,
    department: Department,
    year: int,
    document: Report,
    docx: bytes,
    text: str,
    source: str = "jixiao",
) -> ReportSubmission:
    """Submit a report composed in jixiao: snapshot it (document JSON with paragraph ids, .docx,
    text, HTML, the department's key figures now), run the checker, store its findings, and keep
    the self-evaluation score the report's score table carries (or, failing that, its text states)."""
    from jixiao.formats.html_writer import render_html

    if document.year != year:
        raise ReviewInputError(f"报告年度（{document.year}年）与提交年度（{year}年）不一致。")
    snapshot = report_snapshot(document)
    return _create(
        actor=actor,
        department=department,
        year=year,
        source=source,
        title=document.title,
        document=snapshot["document"],
        paragraphs=snapshot["paragraphs"],
        docx=bytes(docx),
        text=text,
        html=render_html(document),
        name="",
        original=b"",
        score=self_score_of_report(document) or self_score_stated(text),
    )


def read_uploaded(name: str, data: bytes) -> str:
    """The text of an uploaded report (.docx/.txt/.pdf), through the checker's readers."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ReviewInputError(f"文件“{name}”的格式不支持，请上传 .docx、.txt 或 .pdf 文件。")
    return read_report_bytes(bytes(data), name=name).text


@_records_refusal("report_upload")
def report_upload(*, actor, department: Department, year: int, name: str, data: bytes) -> ReportSubmission:
    """The bureau uploads a report the department wrote outside jixiao; it is checked and joins
    the same review workflow (the uploader may not review it). The self-evaluation score is the
    one its text states, if it states one (else none is stored: 未自评)."""
    text = read_uploaded(name, data)
    paragraphs = text_paragraphs(text)
    title = paragraphs[0]["text"] if paragraphs else name
    return _create(
        actor=actor,
        department=department,
        year=year,
        source=ReportSubmission.Source.UPLOAD,
        title=title,
        document=None,
        paragraphs=paragraphs,
        docx=bytes(data) if name.lower().endswith(".docx") else b"",
        text=text,
        html="",
        name=PurePath(name).name,
        original=bytes(data),
        score=self_score_stated(text),
    )


@dataclass(frozen=True)
class UploadOutcome:
    name: str
    department: Department | None
    submission: ReportSubmission | None = None
    error: str = ""


def reports_upload_batch(
    *, actor, year: int, files: list[tuple[Department, str, bytes]]
) -> list[UploadOutcome]:
    """Upload and check several reports; each file succeeds or is refused on its own."""
    outcomes = []
    for department, name, data in files:
        try:
            submission = report_upload(actor=actor, department=department, year=year, name=name, data=data)
        except DomainError as error:
            outcomes.append(UploadOutcome(name=name, department=department, error=error.message))
        else:
            outcomes.append(UploadOutcome(name=name, department=department, submission=submission))
    return outcomes


def _paragraph(submission: ReportSubmission, paragraph_id: str) -> dict:
    for paragraph in submission.paragraphs:
        if paragraph["id"] == paragraph_id:
            return paragraph
    raise ReviewInputError(f"{submission}中没有编号为“{paragraph_id}”的段落，意见无法附在段落上。")


def _add_comment(actor, submission, paragraph_id: str, text: str) -> ReviewComment:
    """A comment the department reads: on one paragraph, or on the whole report when
    ``paragraph_id`` is empty."""
    text = (text or "").strip()
    if not text:
        raise ReviewInputError("审核意见不能为空。")
    paragraph = _paragraph(submission, paragraph_id) if paragraph_id else {"text": ""}
    return ReviewComment.objects.create(
        submission=submission,
        paragraph_id=paragraph_id,
        paragraph_text=paragraph["text"],
        text=text,
        author=actor,
        created_at=timezone.now(),
    )


@_records_refusal("report_comment")
def submission_comment(*, actor, submission: ReportSubmission, paragraph_id: str, text: str) -> ReviewComment:
    """Add a comment without deciding yet (the version stays with the bureau)."""
    added = []

    def comment(locked, transition):
        added.append(_add_comment(actor, locked, paragraph_id, text))

    approval_advance(actor=actor, record=submission, action="comment", handler=comment, reason=text.strip())
    return added[0]


@_records_refusal("report_return")
def submission_return(
    *, actor, submission: ReportSubmission, reason: str = "", paragraph_id: str = ""
) -> ReportSubmission:
    """退回修改 with one comment the department reads: the reason, on one paragraph or (with no
    ``paragraph_id``) on the whole report."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewInputError(f"退回{submission}时请写明退回理由（单位将看到这段话）。")

    def decide(locked, transition):
        _add_comment(actor, locked, paragraph_id, reason)
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.return_reason = reason

    submission, _ = approval_advance(
        actor=actor, record=submission, action="return", handler=decide, reason=reason
    )
    return submission


@_records_refusal("report_accept")
def submission_accept(*, actor, submission: ReportSubmission) -> ReportSubmission:
    def decide(locked, transition):
        locked.decided_by, locked.decided_at = actor, timezone.now()

    submission, _ = approval_advance(actor=actor, record=submission, action="accept", handler=decide)
    return submission


@_records_refusal("report_publish")
def submission_publish(*, actor, submission: ReportSubmission) -> ReportSubmission:
    """Publish an accepted version on the public page (its snapshot, never live data); the
    version published before it is replaced."""

    def publish(locked, transition):
        locked.published_by, locked.published_at = actor, timezone.now()
        for old in ReportSubmission.objects.select_for_update().filter(
            department_id=locked.department_id, year=locked.year, state=ReviewState.PUBLISHED
        ):

            def link(previous, step, new=locked):
                previous.superseded_by = new

            approval_advance(actor=actor, record=old, action="supersede", handler=link)

    submission, _ = approval_advance(actor=actor, record=submission, action="publish", handler=publish)
    return submission


__all__ = [
    "ReviewInputError",
    "next_version",
    "report_submit",
    "report_upload",
    "reports_upload_batch",
    "submission_accept",
    "submission_comment",
    "submission_publish",
    "submission_return",
    "version_label",
]
