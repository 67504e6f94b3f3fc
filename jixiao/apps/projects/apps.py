from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jixiao.apps.projects"
    label = "projects"
    verbose_name = "专项项目"
