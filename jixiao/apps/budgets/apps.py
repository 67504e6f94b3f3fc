from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "jixiao.apps.budgets"
    label = "budgets"
    verbose_name = "预算与支出"
