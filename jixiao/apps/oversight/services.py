"""Review of reports: one service per state change (submit, upload, comment, return, accept,
publish). Each runs in one transaction, locks the submission it changes, checks the rules in
jixiao.domain.review, writes an AuditEvent with the acting user, and on refusal changes nothing
and keeps the refused attempt on record (RefusalEvent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath

from django.db.models import Max
from django.utils import timezone

from jixiao.apps.core.services import audit_record, records_refusal
from jixiao.apps.orgs.models import Department
from jixiao.apps.oversight.models import ReportSubmission, ReviewComment
from jixiao.apps.oversight.selectors import department_figures
from jixiao.domain.checker import ERROR, INFO, WARNING, check_text
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.oversight import SelfScore, self_score_of_report, self_score_stated
from jixiao.domain.report.document import Report
from jixiao.domain.review import (
    ACTION_LABELS,
    Actor,
    ReviewAction,
    ReviewState,
    check_may,
    next_state,
    report_snapshot,
    text_paragraphs,
)
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


def _actor(user) -> Actor:
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    return Actor(id=user.pk, role=user.role, department_id=user.department_id, bureau_id=user.scope_bureau_id)


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
    for old in (
        ReportSubmission.objects.select_for_update()
        .filter(department=department, year=year, state__in=[s.value for s in OPEN_STATES])
        .exclude(pk=new.pk)
    ):
        before = old.state
        old.state = next_state(old.state, ReviewAction.SUPERSEDE)
        old.superseded_by = new
        old.save(update_fields=["state", "superseded_by"])
        audit_record(
            actor=actor,
            action="report_supersede",
            action_label="报告被新版本替代",
            target=old,
            department=department,
            before={"state": before},
            after={"state": old.state, "superseded_by": new.version},
        )


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
    Department.objects.select_for_update().filter(pk=department.pk).first()
    version = (
        ReportSubmission.objects.filter(department=department, year=year).aggregate(v=Max("version"))["v"]
        or 0
    ) + 1
    now = timezone.now()
    findings, summary = run_checker(text)
    submission = ReportSubmission.objects.create(
        department=department,
        year=year,
        version=version,
        source=source,
        state=next_state(ReviewState.DRAFT, ReviewAction.SUBMIT),
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
    )
    _supersede_open(department, year, submission, actor)
    audit_record(
        actor=actor,
        action="report_submit" if source == ReportSubmission.Source.JIXIAO else "report_upload",
        action_label="提交报告" if source == ReportSubmission.Source.JIXIAO else "上传系统外报告",
        target=submission,
        department=department,
        after={
            "state": submission.state,
            "version": version,
            "checker_errors": summary.get("errors", 0),
            "checker_warnings": summary.get("warnings", 0),
            "self_score": str(score.score) if score else None,
            "self_grade": score.grade if score else "",
        },
    )
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

    check_may(_actor(actor), ReviewAction.SUBMIT, department_id=department.pk, bureau_id=department.bureau_id)
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
    check_may(
        _actor(actor),
        ReviewAction.SUBMIT,
        department_id=department.pk,
        bureau_id=department.bureau_id,
        uploaded=True,
    )
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


def _locked(submission: ReportSubmission) -> ReportSubmission:
    return ReportSubmission.objects.select_for_update().select_related("department").get(pk=submission.pk)


def _paragraph(submission: ReportSubmission, paragraph_id: str) -> dict:
    for paragraph in submission.paragraphs:
        if paragraph["id"] == paragraph_id:
            return paragraph
    raise ReviewInputError(f"{submission}中没有编号为“{paragraph_id}”的段落，意见无法附在段落上。")


def _add_comment(actor, submission, paragraph_id: str, text: str) -> ReviewComment:
    text = (text or "").strip()
    if not text:
        raise ReviewInputError(f"对段落“{paragraph_id}”的意见不能为空。")
    paragraph = _paragraph(submission, paragraph_id)
    comment = ReviewComment.objects.create(
        submission=submission,
        paragraph_id=paragraph_id,
        paragraph_text=paragraph["text"],
        text=text,
        author=actor,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="report_comment",
        action_label="审核意见",
        target=submission,
        department=submission.department,
        after={"paragraph": paragraph_id, "comment": text},
    )
    return comment


def _check(actor, submission, action) -> None:
    check_may(
        _actor(actor),
        action,
        department_id=submission.department_id,
        bureau_id=submission.department.bureau_id,
        submitted_by_id=submission.submitted_by_id,
    )


@_records_refusal("report_comment")
def submission_comment(*, actor, submission: ReportSubmission, paragraph_id: str, text: str) -> ReviewComment:
    submission = _locked(submission)
    _check(actor, submission, ReviewAction.COMMENT)
    next_state(submission.state, ReviewAction.COMMENT, label=str(submission))
    return _add_comment(actor, submission, paragraph_id, text)


def _decide(actor, submission, action, *, reason: str = "", comments=()) -> ReportSubmission:
    submission = _locked(submission)
    _check(actor, submission, action)
    before = submission.state
    submission.state = next_state(submission.state, action, label=str(submission))
    fields = ["state"]
    if action in (ReviewAction.RETURN, ReviewAction.ACCEPT):
        submission.decided_by, submission.decided_at = actor, timezone.now()
        fields += ["decided_by", "decided_at"]
    if action is ReviewAction.RETURN:
        for paragraph_id, text in comments:
            _add_comment(actor, submission, paragraph_id, text)
        if not reason.strip() and not submission.comments.exists():
            raise ReviewInputError(f"退回{submission}时请写明退回说明，或对需要修改的段落提出意见。")
        submission.return_reason = reason.strip()
        fields.append("return_reason")
    if action is ReviewAction.PUBLISH:
        submission.published_by, submission.published_at = actor, timezone.now()
        fields += ["published_by", "published_at"]
        for old in ReportSubmission.objects.select_for_update().filter(
            department=submission.department, year=submission.year, state=ReviewState.PUBLISHED
        ):
            old.state, old.superseded_by = next_state(old.state, ReviewAction.SUPERSEDE), submission
            old.save(update_fields=["state", "superseded_by"])
            audit_record(
                actor=actor,
                action="report_supersede",
                action_label="公开报告被新版本替代",
                target=old,
                department=old.department,
                before={"state": ReviewState.PUBLISHED.value},
                after={"state": old.state, "superseded_by": submission.version},
            )
    submission.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=f"report_{action.value}",
        action_label=ACTION_LABELS[action],
        target=submission,
        department=submission.department,
        before={"state": before},
        after={"state": submission.state},
        reason=reason,
    )
    return submission


@_records_refusal("report_return")
def submission_return(
    *, actor, submission: ReportSubmission, reason: str = "", comments: tuple[tuple[str, str], ...] = ()
) -> ReportSubmission:
    """退回修改, with comments on paragraphs (paragraph id, comment) and/or a reason."""
    return _decide(actor, submission, ReviewAction.RETURN, reason=reason, comments=comments)


@_records_refusal("report_accept")
def submission_accept(*, actor, submission: ReportSubmission) -> ReportSubmission:
    return _decide(actor, submission, ReviewAction.ACCEPT)


@_records_refusal("report_publish")
def submission_publish(*, actor, submission: ReportSubmission) -> ReportSubmission:
    """Publish an accepted submission on the public page (its snapshot, never live data)."""
    return _decide(actor, submission, ReviewAction.PUBLISH)
