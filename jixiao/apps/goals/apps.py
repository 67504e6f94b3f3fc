from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "jixiao.apps.goals"
    label = "goals"
    verbose_name = "绩效目标与履职活动"
