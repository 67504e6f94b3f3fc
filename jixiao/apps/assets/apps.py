from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "jixiao.apps.assets"
    label = "assets"
    verbose_name = "固定资产"
