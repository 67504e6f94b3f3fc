from django.urls import path

from jixiao.apps.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("apply/", views.project_apply, name="project-apply"),
    path("<int:pk>/", views.project_detail, name="project-detail"),
    path("<int:pk>/<slug:action>/", views.project_action, name="project-action"),
]
