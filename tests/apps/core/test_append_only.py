"""Append-only in the database itself: raw SQL (and the ORM's base manager) cannot UPDATE or DELETE
posted ledger rows, vouchers, asset movements, audit events or report snapshots — on SQLite and on
PostgreSQL (``make test-pg``). Only ``flush`` (tests, the demo rebuild) passes, through the one
maintenance path."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from jixiao.apps.assets.models import AssetMovement
from jixiao.apps.budgets.models import LedgerEntry, Voucher
from jixiao.apps.core import append_only
from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.apps.oversight import services as oversight
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.formats.txt_writer import render_txt
from tests.apps.assets.test_services import register
from tests.apps.oversight.sample import review_report
from tests.factories import bureau_user

ROOT = Path(__file__).resolve().parents[3]


def _sql(statement: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def _refused(statement: str, params=()) -> str:
    with pytest.raises(DatabaseError) as refused:
        _sql(statement, params)
    return str(refused.value)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@pytest.fixture
def posted(books, officer, department):
    register(officer, department, "KX-001", "4800.00")
    return {
        Voucher: books.voucher.pk,
        LedgerEntry: LedgerEntry.objects.filter(voucher=books.voucher).get().pk,
        AssetMovement: AssetMovement.objects.get().pk,
        AuditEvent: AuditEvent.objects.first().pk,
    }


@pytest.mark.parametrize(
    ("model", "column", "value"),
    [
        (Voucher, "amount", Decimal("1.00")),
        (Voucher, "summary", "改过的摘要"),
        (LedgerEntry, "amount", Decimal("1.00")),
        (AssetMovement, "amount", Decimal("1.00")),
        (AuditEvent, "reason", "抹掉痕迹"),
    ],
)
def test_raw_sql_cannot_update_or_delete_a_posted_row(posted, model, column, value):
    pk = posted[model]
    message = _refused(f"UPDATE {_table(model)} SET {column} = %s WHERE id = %s", [value, pk])
    assert "不能修改或删除" in message
    assert "不能修改或删除" in _refused(f"DELETE FROM {_table(model)} WHERE id = %s", [pk])
    assert model.objects.filter(pk=pk).exists()


def test_the_base_manager_cannot_go_around_the_model_either(posted):
    with pytest.raises(DatabaseError), transaction.atomic():
        Voucher._base_manager.filter(pk=posted[Voucher]).update(summary="改过的摘要")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent._base_manager.filter(pk=posted[AuditEvent]).delete()
    assert Voucher.objects.get(pk=posted[Voucher]).summary == "购买办公用品"


def test_refusals_are_append_only_too(officer, department):
    from jixiao.apps.core.services import refusal_record
    from jixiao.domain.errors import DomainError

    refusal_record(actor=officer, action="test", error=DomainError("超支"), department=department)
    pk = RefusalEvent.objects.get().pk
    _refused(f"UPDATE {_table(RefusalEvent)} SET message = 'x' WHERE id = %s", [pk])
    _refused(f"DELETE FROM {_table(RefusalEvent)} WHERE id = %s", [pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncate_is_refused_on_postgresql(posted):
    _refused(f"TRUNCATE {_table(AuditEvent)} CASCADE")
    assert AuditEvent.objects.exists()


def test_a_published_snapshot_keeps_its_text_and_its_publication(department, officer, bureau):
    report = review_report()
    submission = oversight.report_submit(
        actor=officer,
        department=department,
        year=2023,
        document=report,
        docx=b"PK-docx",
        text=render_txt(report),
    )
    staff = bureau_user(bureau, username="czj", full_name="赵科长")
    oversight.submission_accept(actor=staff, submission=submission)
    oversight.submission_publish(actor=staff, submission=submission)
    table = _table(ReportSubmission)
    for column, value in (
        ("text", "改写后的报告"),
        ("docx", b"PK-other"),
        ("self_score", Decimal("99")),
        ("title", "另一个标题"),
        ("published_at", dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
    ):
        _refused(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, submission.pk])
    _refused(f"DELETE FROM {table} WHERE id = %s", [submission.pk])
    # Its review state may still move on (a later version supersedes it), through the services.
    _sql(f"UPDATE {table} SET state = 'superseded' WHERE id = %s", [submission.pk])
    submission.refresh_from_db()
    assert submission.state == "superseded" and submission.text == render_txt(report)


@pytest.mark.django_db(transaction=True)
def test_flush_is_the_one_way_past_the_triggers_and_puts_them_back(posted):
    call_command("flush", interactive=False, verbosity=0)
    assert not Voucher.objects.exists() and not AuditEvent.objects.exists()
    if connection.vendor == "sqlite":
        names = append_only.sqlite_installed()
        assert len(names) == 2 * sum(1 for _ in append_only.protected()) // 3  # update + delete per table
    # The triggers hold again after the flush.
    AuditEvent.objects.create(
        at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), action="x", action_label="x", target_type=""
    )
    _refused(f"DELETE FROM {_table(AuditEvent)}")


def test_no_code_but_flush_uses_the_maintenance_path():
    users = []
    for path in (ROOT / "jixiao").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bmaintenance\(|pgtrigger\.ignore\(|session_replication_role|DISABLE TRIGGER", text):
            users.append(path.relative_to(ROOT).as_posix())
    assert sorted(users) == [
        "jixiao/apps/core/append_only.py",
        "jixiao/apps/core/management/commands/flush.py",
    ]
