from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jixiao.apps.core"
    label = "core"
    verbose_name = "审计与公共"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Connects the audit of every login attempt (success, failure, lockout).
        from jixiao.apps.core import login_protection  # noqa: F401
        from jixiao.apps.core.append_only import on_post_migrate

        # SQLite: (re)create the append-only triggers after every migrate.
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="jixiao_append_only_sqlite")
