"""Migration 0002 puts the 专项 decisions on the approval mechanism keeping the data: the
decisions already taken get the history the mechanism writes today (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps

from jixiao.apps.budgets.models import Project
from jixiao.apps.core.models import ApprovalStep
from jixiao.apps.projects import services
from tests.apps.projects.helpers import apply, approve, plan, review
from tests.apps.projects.test_services import _inspect_and_close

MIGRATION = "jixiao.apps.projects.migrations.0002_decisions_on_approval_mechanism"


def history():
    return sorted(
        (s.object_id, s.action, s.from_state, s.to_state, s.actor_id, s.actor_role, s.comment, s.doc_no)
        for s in ApprovalStep.objects.filter(workflow="special_project")
    )


def test_decisions_already_taken_get_the_history_the_mechanism_writes(officer, head, department):
    done = approve(head, review(officer, apply(officer, department)))
    done = plan(officer, done)
    _inspect_and_close(officer, done)
    services.project_accept(actor=head, special=done, accepted_on=dt.date(2024, 12, 28), opinion="同意验收")
    refused = review(officer, apply(officer, department, name="科普讲座"))
    services.project_reject(
        actor=head, special=refused, reason="与年度重点不符", decided_on=dt.date(2024, 2, 1)
    )
    written = history()
    assert sorted(row[1] for row in written) == ["accept", "approve", "reject"]
    stages = dict(Project.objects.values_list("pk", "stage"))

    ApprovalStep._base_manager.filter(workflow="special_project").delete()
    importlib.import_module(MIGRATION).history_of_existing_decisions(apps, None)

    assert history() == written
    assert dict(Project.objects.values_list("pk", "stage")) == stages
