from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "jixiao.apps.orgs"
    label = "orgs"
    verbose_name = "单位与用户"
