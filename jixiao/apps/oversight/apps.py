from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "jixiao.apps.oversight"
    label = "oversight"
    verbose_name = "财政监督与公开"
