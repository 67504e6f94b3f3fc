from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jixiao.apps.core"
    label = "core"
    verbose_name = "审计与公共"

    def ready(self) -> None:
        # Connects the audit of every login attempt (success, failure, lockout).
        from jixiao.apps.core import login_protection  # noqa: F401
