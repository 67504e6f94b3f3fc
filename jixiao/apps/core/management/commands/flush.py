"""``flush`` through the one maintenance path past the append-only triggers.

Django's own command, run inside ``append_only.maintenance()``. It is what the test runner calls
between transactional tests and what ``jixiao demo`` calls before rebuilding the demo; nothing
else in jixiao empties or edits the append-only tables.
"""

from __future__ import annotations

from django.core.management.commands import flush

from jixiao.apps.core.append_only import maintenance


class Command(flush.Command):
    help = flush.Command.help + " 经由唯一的维护通道，临时越过只增不改的数据库触发器。"

    def handle(self, **options):
        with maintenance(options["database"]):
            return super().handle(**options)
