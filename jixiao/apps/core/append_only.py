"""Append-only tables, enforced by the database itself.

``ImmutableModel`` refuses edits through the ORM; these triggers refuse them to anything that
reaches the database — ``_base_manager.update()``, raw SQL, a psql or sqlite3 session:

- posted ledger rows (budgets.LedgerEntry, assets.AssetMovement), vouchers (budgets.Voucher) and
  the audit trail (core.AuditEvent, core.RefusalEvent): no UPDATE, no DELETE (and on PostgreSQL
  no TRUNCATE);
- report snapshots (oversight.ReportSubmission): the snapshot columns never change, the
  decision and publication columns are written once, and no row is deleted.

A model declares its rule in ``Meta.triggers = append_only(...)``. On PostgreSQL these are
django-pgtrigger triggers, installed by the migrations that pgtrigger writes. django-pgtrigger
supports PostgreSQL only, so on SQLite the same rule is written as plain SQLite triggers by
``sqlite_install``, run after every ``migrate`` (post_migrate): Django's SQLite schema editor
rebuilds a table to alter it, and a rebuilt table has lost its triggers.

The one way past them is ``maintenance()``, used by the ``flush`` command alone (the test
runner's flush between transactional tests, and ``jixiao demo``'s rebuild); no view, service or
other command uses it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import pgtrigger
from django.apps import apps
from django.db import connections, transaction

MESSAGE = "已记账的记录、审计记录和已提交的报告快照不能修改或删除，如需更正请做红字冲销或提交新版本"
_PREFIX = "jixiao_append_only"


class AppendOnly(pgtrigger.Trigger):
    """One refusal (UPDATE, DELETE or TRUNCATE) of an append-only table."""

    when = pgtrigger.Before

    def __init__(self, *, kind: str, frozen: Sequence[str] = (), write_once: Sequence[str] = ()):
        self.kind = kind
        self.frozen, self.write_once = tuple(frozen), tuple(write_once)
        operation = {"update": pgtrigger.Update, "delete": pgtrigger.Delete, "truncate": pgtrigger.Truncate}[
            kind
        ]
        level = pgtrigger.Statement if kind == "truncate" else pgtrigger.Row
        condition = self.when_sql("postgresql")
        super().__init__(
            name=f"append_only_{kind}",
            operation=operation,
            level=level,
            condition=pgtrigger.Condition(condition) if condition else None,
            func=f"RAISE EXCEPTION '{MESSAGE}（%）', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';",
        )

    def when_sql(self, vendor: str) -> str:
        """The UPDATE condition: a frozen column changed, or a written-once column changed after
        it was set. Empty when every UPDATE (or every DELETE) is refused."""
        if self.kind != "update" or not (self.frozen or self.write_once):
            return ""
        differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
        parts = [f'OLD."{c}" {differs} NEW."{c}"' for c in self.frozen]
        parts += [f'(OLD."{c}" IS NOT NULL AND OLD."{c}" {differs} NEW."{c}")' for c in self.write_once]
        return " OR ".join(parts)


def append_only(*, frozen: Sequence[str] = (), write_once: Sequence[str] = ()) -> list[AppendOnly]:
    """``Meta.triggers`` of an append-only model. Without columns, every UPDATE is refused;
    with them, only an UPDATE that changes a frozen column or a written-once column already set.
    Columns are database column names (``department_id``)."""
    return [
        AppendOnly(kind="update", frozen=frozen, write_once=write_once),
        AppendOnly(kind="delete"),
        AppendOnly(kind="truncate"),
    ]


def protected() -> Iterator[tuple[type, AppendOnly]]:
    """Every (model, trigger) declared with ``append_only``."""
    for model in apps.get_models():
        for trigger in getattr(model._meta, "triggers", ()) or ():
            if isinstance(trigger, AppendOnly):
                yield model, trigger


# ---------------------------------------------------------------- SQLite


def _sqlite_name(model, trigger: AppendOnly) -> str:
    return f"{_PREFIX}_{model._meta.db_table}_{trigger.kind}"


def _sqlite_create(model, trigger: AppendOnly) -> str:
    table = model._meta.db_table
    when = trigger.when_sql("sqlite")
    return (
        f'CREATE TRIGGER IF NOT EXISTS "{_sqlite_name(model, trigger)}" '
        f'BEFORE {trigger.kind.upper()} ON "{table}" FOR EACH ROW '
        + (f"WHEN {when} " if when else "")
        + f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}（{table}）'); END"
    )


def _sqlite_triggers():
    return [(model, trigger) for model, trigger in protected() if trigger.kind != "truncate"]


def sqlite_install(using: str = "default") -> int:
    """Create the SQLite triggers that are missing (tables that exist only)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return 0
    tables = set(connection.introspection.table_names())
    created = 0
    with connection.cursor() as cursor:
        for model, trigger in _sqlite_triggers():
            if model._meta.db_table in tables:
                cursor.execute(_sqlite_create(model, trigger))
                created += 1
    return created


def sqlite_installed(using: str = "default") -> set[str]:
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{_PREFIX}%"]
        )
        return {row[0] for row in cursor.fetchall()}


def _sqlite_drop(using: str) -> None:
    with connections[using].cursor() as cursor:
        for model, trigger in _sqlite_triggers():
            cursor.execute(f'DROP TRIGGER IF EXISTS "{_sqlite_name(model, trigger)}"')


def on_post_migrate(sender, using: str = "default", **kwargs) -> None:
    if sender.label == "core":
        sqlite_install(using)


# ---------------------------------------------------------------- the maintenance path


@contextlib.contextmanager
def maintenance(using: str = "default") -> Iterator[None]:
    """Empty the append-only tables: for ``flush`` only (tests, rebuilding the demo).

    PostgreSQL: django-pgtrigger ignores these triggers for this connection's statements inside
    the block (a transaction-local setting). SQLite: the triggers are dropped and recreated in one
    transaction, which no other connection can see half-way.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        uris = [f"{model._meta.label}:{trigger.name}" for model, trigger in protected()]
        with pgtrigger.ignore(*uris, databases=[using]), transaction.atomic(using=using):
            yield
    elif connection.vendor == "sqlite":
        with transaction.atomic(using=using):
            _sqlite_drop(using)
            try:
                yield
            finally:
                sqlite_install(using)
    else:
        yield
