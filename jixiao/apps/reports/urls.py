from django.urls import path

from jixiao.apps.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("generate/", views.report_generate, name="report-generate"),
    path("outline/", views.outline_choose, name="outline-choose"),
    path("batch/", views.batch_start, name="batch-start"),
    path("batch/<int:pk>/", views.batch_detail, name="batch-detail"),
    path("batch/<int:pk>/file/<int:item>/", views.batch_file, name="batch-file"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
    path("<int:pk>/preview/", views.report_preview, name="report-preview"),
    path("<int:pk>/edit/<str:key>/", views.paragraph_edit, name="paragraph-edit"),
    path("<int:pk>/problems/", views.problems_confirm, name="problems-confirm"),
    path("<int:pk>/score/", views.score_review, name="score-review"),
    path("<int:pk>/diff/", views.version_diff, name="version-diff"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="report-download"),
    path("<int:pk>/submit/", views.report_submit, name="report-submit"),
]
