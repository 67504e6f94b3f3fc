"""Start Django for the subcommands that need the database (honours DATABASE_URL).

Every command that reads or writes the database starts with ``database_ready()``: on a database
without schema, without a finance bureau or with migrations not yet applied it prints one Chinese
line (never a traceback) and the command exits 2. ``jixiao init`` makes a database ready;
``jixiao restore`` fills an empty one; ``jixiao demo`` builds the demo database.
"""

from __future__ import annotations

import os
import sys

NOT_INITIALISED = "数据库尚未初始化，请先运行 jixiao init"
NOT_MIGRATED = "数据库结构需要更新，请先运行 jixiao init（只执行迁移，不改动已有数据）"
EXIT_NOT_READY = 2


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.config.settings.base")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def migrate_if_needed(verbosity: int = 0) -> None:
    """Create or update the schema (jixiao init and jixiao demo run this)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def pending_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def database_state() -> str:
    """'unreachable', 'empty' (no schema), 'no-bureau', 'outdated' (migrations pending) or 'ready'."""
    from django.db import DatabaseError, connection

    try:
        tables = set(connection.introspection.table_names())
    except DatabaseError:
        return "unreachable"
    if "orgs_financebureau" not in tables or "django_migrations" not in tables:
        return "empty"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM orgs_financebureau LIMIT 1")
            has_bureau = cursor.fetchone() is not None
    except DatabaseError:
        return "empty"
    if not has_bureau:
        return "no-bureau"
    if pending_migrations():
        return "outdated"
    return "ready"


def database_ready(*, migrate: bool = False) -> bool:
    """Set Django up and check the database; print why not and return False when it is not ready.
    ``migrate``: apply pending migrations of an initialised database instead of refusing (serve)."""
    setup_django()
    from django.db import connection

    state = database_state()
    if state == "outdated" and migrate:
        migrate_if_needed()
        state = "ready"
    if state == "ready":
        return True
    if state == "unreachable":
        name = connection.settings_dict.get("NAME")
        print(f"无法连接数据库（{name}）：请检查 DATABASE_URL。{NOT_INITIALISED}", file=sys.stderr)
    elif state == "outdated":
        print(NOT_MIGRATED, file=sys.stderr)
    else:
        print(NOT_INITIALISED, file=sys.stderr)
    return False
