"""Review of reports: the snapshot, the workflow, the role rules and the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.apps.budgets import services as budget_services
from jixiao.apps.core.models import ApprovalStep, AuditEvent, RefusalEvent
from jixiao.apps.oversight import services
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.formats.txt_writer import render_txt
from tests.apps.oversight.sample import review_report
from tests.factories import bureau_user, make_line


def submit(actor, department, report=None):
    report = report or review_report()
    return services.report_submit(
        actor=actor,
        department=department,
        year=2023,
        document=report,
        docx=b"PK-docx",
        text=render_txt(report),
    )


def spend(officer, line, amount):
    return budget_services.expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(2023, 3, 1),
        amount=Decimal(amount),
        summary="办公费",
        econ_code="30201",
        fund_type="basic_public",
    )


def test_submission_snapshots_document_paragraphs_and_the_ledger_figures(officer, department):
    line = make_line(actor=officer, department=department, amount="100000.00")
    spend(officer, line, "25000.00")
    submission = submit(officer, department)
    assert submission.state == "submitted"
    assert submission.version == 1
    assert submission.document["_type"] == "Report"
    assert submission.document["title"] == "2023年度常宁市科学技术协会整体支出绩效评价报告"
    ids = [p["id"] for p in submission.paragraphs]
    assert ids[:2] == ["h1", "p1.1"]
    assert len(ids) == len(set(ids))
    assert submission.figures["budget_total"] == "100000.00"
    assert submission.figures["spent_total"] == "25000.00"
    assert Decimal(submission.figures["rate_total"]) == Decimal("25")
    assert bytes(submission.docx) == b"PK-docx"
    assert "208.4万元" in submission.text and "208.4万元" in submission.html
    assert len(submission.public_slug) >= 24
    event = AuditEvent.objects.get(action="report_review_submit")
    assert event.actor == officer and event.after["version"] == 1
    step = ApprovalStep.objects.get(workflow="report_review", object_id=submission.pk)
    assert (step.action, step.from_state, step.to_state, step.actor) == (
        "submit",
        "draft",
        "submitted",
        officer,
    )


def test_the_same_document_always_gets_the_same_paragraph_ids(officer, department, bureau_staff):
    first = submit(officer, department)
    services.submission_return(actor=bureau_staff, submission=first, reason="请核对数据。")
    second = submit(officer, department)
    assert [p["id"] for p in first.paragraphs] == [p["id"] for p in second.paragraphs]
    first.refresh_from_db()
    assert (second.version, first.state, first.superseded_by_id) == (2, "superseded", second.pk)


def test_a_version_waiting_at_the_bureau_cannot_be_submitted_again(officer, department, bureau_staff):
    first = submit(officer, department)
    with pytest.raises(
        services.ReviewInputError, match="第1版已提交财政局审核，财政局退回后才能修改并提交下一版"
    ):
        submit(officer, department)
    services.submission_accept(actor=bureau_staff, submission=first)
    with pytest.raises(services.ReviewInputError, match="第1版审核通过"):
        submit(officer, department)
    assert ReportSubmission.objects.count() == 1


def test_return_with_a_paragraph_comment_then_resubmit_accept_and_publish(officer, department, bureau_staff):
    first = submit(officer, department)
    returned = services.submission_return(
        actor=bureau_staff, submission=first, paragraph_id="p1.1", reason="请补充内设机构名称。"
    )
    assert returned.state == "returned"
    comment = returned.comments.get()
    assert comment.paragraph_id == "p1.1" and comment.paragraph_text.startswith("常宁市科学技术协会是")
    assert returned.return_reason == "请补充内设机构名称。"
    second = submit(officer, department)
    first.refresh_from_db()
    assert first.state == "superseded"
    services.submission_accept(actor=bureau_staff, submission=second)
    published = services.submission_publish(actor=bureau_staff, submission=second)
    assert published.state == "published" and published.published_by == bureau_staff
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "report_review_submit",
        "report_review_return",
        "report_review_submit",
        "report_review_supersede",
        "report_review_accept",
        "report_review_publish",
    ]
    history = ApprovalStep.objects.filter(workflow="report_review").order_by("pk")
    assert [(h.object_id, h.action, h.to_state) for h in history] == [
        (first.pk, "submit", "submitted"),
        (first.pk, "return", "returned"),
        (second.pk, "submit", "submitted"),
        (first.pk, "supersede", "superseded"),
        (second.pk, "accept", "accepted"),
        (second.pk, "publish", "published"),
    ]
    assert history[1].comment == "请补充内设机构名称。"


def test_a_return_without_a_paragraph_comments_on_the_whole_report(officer, department, bureau_staff):
    submission = submit(officer, department)
    returned = services.submission_return(
        actor=bureau_staff, submission=submission, reason="请补充第五部分。"
    )
    comment = returned.comments.get()
    assert (returned.state, comment.paragraph_id, comment.text) == ("returned", "", "请补充第五部分。")
    assert returned.status_text == "已退回（第1版）：请补充第五部分。"


def test_a_return_needs_a_reason_and_a_paragraph_comment_needs_a_real_paragraph(
    officer, department, bureau_staff
):
    submission = submit(officer, department)
    with pytest.raises(services.ReviewInputError, match="请写明退回理由"):
        services.submission_return(actor=bureau_staff, submission=submission)
    with pytest.raises(services.ReviewInputError, match="p99"):
        services.submission_return(actor=bureau_staff, submission=submission, paragraph_id="p99", reason="改")
    submission.refresh_from_db()
    assert submission.state == "submitted" and not submission.comments.exists()
    assert RefusalEvent.objects.filter(action="report_return").count() == 2


def test_publishing_needs_acceptance_first(officer, department, bureau_staff):
    submission = submit(officer, department)
    with pytest.raises(TransitionNotAllowed, match=r"已提交财政局审核.*不能公开发布"):
        services.submission_publish(actor=bureau_staff, submission=submission)


def test_role_rules(
    officer, head, other_officer, department, other_department, bureau_staff, auditor, bureau
):
    with pytest.raises(PermissionRefused, match="只有本单位"):
        submit(other_officer, department)
    with pytest.raises(PermissionRefused, match="只有本单位"):
        submit(bureau_staff, department)
    submission = submit(head, department)
    for actor in (officer, other_officer, auditor):
        with pytest.raises(PermissionRefused):
            services.submission_accept(actor=actor, submission=submission)
    with pytest.raises(PermissionRefused, match="只能查看"):
        services.submission_comment(actor=auditor, submission=submission, paragraph_id="p1.1", text="看看")
    submission.refresh_from_db()
    assert submission.state == "submitted" and submission.decided_by is None


def test_the_bureau_uploads_outside_reports_in_a_batch_and_the_uploader_cannot_review_them(
    department, other_department, bureau_staff, bureau
):
    text = "2023年度常宁市科学技术协会整体支出绩效评价报告\n一、部门概况\n本单位年末实有在编人数14人。\n"
    outcomes = services.reports_upload_batch(
        actor=bureau_staff,
        year=2023,
        files=[
            (department, "kx.txt", text.encode("utf-8")),
            (other_department, "wl.xls", b"junk"),
        ],
    )
    assert outcomes[0].submission is not None and outcomes[0].error == ""
    assert "格式不支持" in outcomes[1].error and outcomes[1].submission is None
    uploaded = outcomes[0].submission
    assert uploaded.source == "upload" and [p["id"] for p in uploaded.paragraphs] == ["p1", "p2", "p3"]
    with pytest.raises(PermissionRefused, match="不能审核通过自己提交的评价报告"):
        services.submission_accept(actor=bureau_staff, submission=uploaded)
    colleague = bureau_user(bureau, username="czj2", full_name="钱科员")
    assert services.submission_accept(actor=colleague, submission=uploaded).state == "accepted"


def test_a_published_report_keeps_its_figures_when_the_ledger_changes_later(
    officer, department, bureau_staff
):
    line = make_line(actor=officer, department=department, amount="100000.00")
    spend(officer, line, "40000.00")
    first = submit(officer, department)
    services.submission_accept(actor=bureau_staff, submission=first)
    services.submission_publish(actor=bureau_staff, submission=first)
    html_then, text_then = first.html, first.text

    spend(officer, line, "10000.00")
    first.refresh_from_db()
    assert first.figures["spent_total"] == "40000.00"
    assert (first.html, first.text, first.state) == (html_then, text_then, "published")

    second = submit(officer, department)
    assert second.figures["spent_total"] == "50000.00"
    first.refresh_from_db()
    assert first.state == "published"  # still the public one until the new version is published
    services.submission_accept(actor=bureau_staff, submission=second)
    services.submission_publish(actor=bureau_staff, submission=second)
    first.refresh_from_db()
    assert (first.state, first.superseded_by_id) == ("superseded", second.pk)
    assert list(ReportSubmission.objects.filter(state="published")) == [second]


def test_the_checker_runs_on_submit_and_its_findings_are_stored(officer, department):
    report = review_report()
    text = render_txt(report).replace("增长13.0%", "增长31.0%")
    submission = services.report_submit(
        actor=officer, department=department, year=2023, document=report, docx=b"", text=text
    )
    errors = [f for f in submission.findings if f["severity"] == "error"]
    assert [f["rule"] for f in errors] == ["yoy.arithmetic"]
    assert "报告写31.0%" in errors[0]["message"]
    assert submission.check_summary["errors"] == 1 and submission.error_count == 1
