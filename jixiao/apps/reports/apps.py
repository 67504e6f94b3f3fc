from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jixiao.apps.reports"
    label = "reports"
    verbose_name = "自评与报告"
