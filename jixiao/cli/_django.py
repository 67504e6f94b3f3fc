"""Start Django for the subcommands that need the database (honours DATABASE_URL)."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.config.settings.base")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def migrate_if_needed(verbosity: int = 0) -> None:
    """Create or update the schema (jixiao demo runs this on an empty database)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
