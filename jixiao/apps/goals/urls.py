from django.urls import path, re_path

from jixiao.apps.goals import views

app_name = "goals"
urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("libraries/", views.library_versions, name="library-versions"),
    path("libraries/<int:pk>/", views.library_version_detail, name="library-version"),
    path("libraries/<int:pk>/publish/", views.library_version_publish, name="library-version-publish"),
    path("libraries/<int:pk>/discard/", views.library_version_discard, name="library-version-discard"),
    re_path(
        r"^libraries/(?P<version>[a-z]+(?:-[a-z0-9]+)+)\.yaml$",
        views.library_download,
        name="library-download",
    ),
    path("", views.goal_list, name="goal-list"),
    path("new/", views.goal_create, name="goal-create"),
    path("import/", views.goal_import, name="goal-import"),
    path("<int:pk>/", views.goal_detail, name="goal-detail"),
    path("<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("<int:pk>/table.xlsx", views.goal_table_export, name="goal-table-export"),
    path("<int:pk>/add-indicator/", views.goal_indicator_add, name="goal-indicator-add"),
    path("<int:pk>/validate/", views.goal_validate, name="goal-validate"),
    path("<int:pk>/submit/", views.goal_submit, name="goal-submit"),
    path("<int:pk>/actuals/", views.goal_actuals, name="goal-actuals"),
    path("<int:pk>/completion/", views.goal_completion, name="goal-completion"),
    path("activities/", views.activity_list, name="activity-list"),
    path("activities/areas/", views.work_area_create, name="work-area-create"),
    path("activities/new/", views.activity_create, name="activity-create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity-detail"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("monitoring/respond/", views.monitoring_respond, name="monitoring-respond"),
    re_path(r"^monitoring/export\.(?P<fmt>xlsx|docx)$", views.monitoring_export, name="monitoring-export"),
]
