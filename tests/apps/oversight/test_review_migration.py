"""Migration 0004 moves report review onto the approval mechanism keeping the data: every
submission keeps its state, and the history it gets from its own review columns is the history
the mechanism writes today (run on SQLite and PostgreSQL)."""

from __future__ import annotations

import importlib

from django.apps import apps

from jixiao.apps.core.models import ApprovalStep
from jixiao.apps.oversight import services
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.formats.txt_writer import render_txt
from tests.apps.oversight.sample import review_report

MIGRATION = "jixiao.apps.oversight.migrations.0004_review_on_approval_mechanism"


def submit(officer, department):
    report = review_report()
    return services.report_submit(
        actor=officer, department=department, year=2023, document=report, docx=b"", text=render_txt(report)
    )


def history():
    return sorted(
        (s.object_id, s.action, s.from_state, s.to_state, s.actor_id, s.actor_role, s.comment)
        for s in ApprovalStep.objects.filter(workflow="report_review")
    )


def test_existing_submissions_keep_their_state_and_get_the_history_the_mechanism_writes(
    officer, department, bureau_staff
):
    first = submit(officer, department)
    services.submission_return(actor=bureau_staff, submission=first, reason="请补充第五部分。")
    second = submit(officer, department)
    services.submission_accept(actor=bureau_staff, submission=second)
    services.submission_publish(actor=bureau_staff, submission=second)
    third = submit(officer, department)
    services.submission_accept(actor=bureau_staff, submission=third)
    services.submission_publish(actor=bureau_staff, submission=third)  # replaces the second
    fourth = submit(officer, department)  # waits at the bureau
    written = history()
    states = dict(ReportSubmission.objects.values_list("pk", "state"))
    assert [states[s.pk] for s in (first, second, third, fourth)] == [
        "superseded",
        "superseded",
        "published",
        "submitted",
    ]

    # The rows as they were before 0004: no history, no 最近办理时间.
    ApprovalStep._base_manager.filter(workflow="report_review").delete()
    ReportSubmission.objects.update(updated_at=None)
    importlib.import_module(MIGRATION).history_of_existing_submissions(apps, None)

    assert history() == written
    assert dict(ReportSubmission.objects.values_list("pk", "state")) == states
    assert not ReportSubmission.objects.filter(updated_at__isnull=True).exists()
