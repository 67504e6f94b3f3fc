from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "jixiao.apps.checks"
    label = "checks"
    verbose_name = "报告体检"
