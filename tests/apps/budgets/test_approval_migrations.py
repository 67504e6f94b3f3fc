"""The migrations that move 调剂 and 资产处置 onto the approval mechanism keep existing data:
every old row keeps its state (renamed where the workflow names it otherwise), and the old
approver fields become approval steps with the same people and times."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jixiao.apps.assets.models import Disposal
from jixiao.apps.budgets.models import TransferRequest
from jixiao.apps.core.models import ApprovalStep
from tests.factories import make_line

BEFORE = [("budgets", "0008_append_only_triggers"), ("assets", "0002_append_only_triggers")]
UTC = dt.UTC


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2023, 5, day, hour, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_transfers_and_disposals_keep_their_states_and_their_history(
    officer, head, bureau_staff, department
):
    office = make_line(actor=officer, department=department, amount="10000.00")
    wages = make_line(actor=officer, department=department, fund_type="basic_personnel", econ_code="301")
    old = _migrate(BEFORE)
    old_transfer = old.get_model("budgets", "TransferRequest")
    common = dict(department_id=department.pk, year=2023, source_id=office.pk, target_id=wages.pk)
    executed = old_transfer.objects.create(
        **common,
        number="TJ2023-001",
        amount=Decimal("500.00"),
        reason="人员经费缺口",
        state="executed",
        created_by_id=officer.pk,
        created_at=at(1),
        submitted_at=at(2),
        head_approved_by_id=head.pk,
        head_approved_at=at(3),
        executed_by_id=officer.pk,
        executed_at=at(4),
        executed_on=dt.date(2023, 5, 4),
    )
    rejected = old_transfer.objects.create(
        **common,
        number="TJ2023-002",
        amount=Decimal("300.00"),
        reason="x",
        state="rejected",
        created_by_id=officer.pk,
        created_at=at(5),
        submitted_at=at(6),
        closed_by_id=head.pk,
        closed_reason="理由不充分",
    )
    draft = old_transfer.objects.create(
        **common,
        number="TJ2023-003",
        amount=Decimal("100.00"),
        reason="y",
        created_by_id=officer.pk,
        created_at=at(7),
    )
    old_disposal = old.get_model("assets", "Disposal")
    filed = old_disposal.objects.create(
        department_id=department.pk,
        year=2024,
        number="CZ2024-001",
        method="scrap",
        reason="展品老化",
        total_value=Decimal("60000.00"),
        needs_bureau=True,
        state="bureau_approved",
        requested_by_id=officer.pk,
        requested_on=dt.date(2024, 3, 1),
        head_approved_by_id=head.pk,
        head_approved_on=dt.date(2024, 3, 2),
        bureau_approved_by_id=bureau_staff.pk,
        bureau_approved_on=dt.date(2024, 3, 4),
        bureau_doc_no="常财资〔2024〕8号",
    )
    completed = old_disposal.objects.create(
        department_id=department.pk,
        year=2024,
        number="CZ2024-002",
        method="scrap",
        reason="损坏",
        total_value=Decimal("4800.00"),
        state="completed",
        requested_by_id=officer.pk,
        requested_on=dt.date(2024, 3, 1),
        head_approved_by_id=head.pk,
        head_approved_on=dt.date(2024, 3, 2),
        completed_by_id=officer.pk,
        completed_on=dt.date(2024, 3, 5),
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    states = dict(TransferRequest.objects.values_list("number", "state"))
    assert states == {"TJ2023-001": "executed", "TJ2023-002": "rejected", "TJ2023-003": "draft"}
    history = ApprovalStep.objects.filter(workflow="transfer", object_id=executed.pk).order_by("at")
    assert [(s.action, s.from_state, s.to_state, s.actor_id, s.at) for s in history] == [
        ("submit", "draft", "submitted", officer.pk, at(2)),
        ("approve_head", "submitted", "head_approved", head.pk, at(3)),
        ("execute", "head_approved", "executed", officer.pk, at(4)),
    ]
    assert history[1].actor_role == "department_head" and history[1].action_label == "部门负责人批准"
    closed = ApprovalStep.objects.filter(workflow="transfer", object_id=rejected.pk).order_by("at")
    assert [(s.action, s.to_state, s.actor_id, s.comment) for s in closed] == [
        ("submit", "submitted", officer.pk, ""),
        ("reject", "rejected", head.pk, "理由不充分"),
    ]
    assert not ApprovalStep.objects.filter(workflow="transfer", object_id=draft.pk).exists()
    assert TransferRequest.objects.get(pk=executed.pk).updated_at == at(4)

    moved = Disposal.objects.get(pk=filed.pk)
    assert (moved.state, moved.created_by_id, moved.bureau_filed_on, moved.bureau_doc_no) == (
        "bureau_filed",
        officer.pk,
        dt.date(2024, 3, 4),
        "常财资〔2024〕8号",
    )
    assert Disposal.objects.get(pk=completed.pk).state == "disposed"
    steps = ApprovalStep.objects.filter(workflow="disposal", object_id=filed.pk).order_by("at", "id")
    assert [(s.action, s.actor_id, s.doc_no) for s in steps] == [
        ("submit", officer.pk, ""),
        ("approve_head", head.pk, ""),
        ("file_bureau", bureau_staff.pk, "常财资〔2024〕8号"),
    ]
    assert [s.action for s in ApprovalStep.objects.filter(workflow="disposal", object_id=completed.pk)] == [
        "submit",
        "approve_head",
        "dispose",
    ]
