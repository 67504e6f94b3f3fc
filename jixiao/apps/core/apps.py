from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jixiao.apps.core"
    label = "core"
    verbose_name = "审计与公共"
