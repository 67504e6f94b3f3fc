"""The public page (no login): published reports only, reached by unguessable slugs."""

from django.urls import path

from jixiao.apps.oversight import views

app_name = "public"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("reports/<str:slug>/", views.public_report_view, name="report"),
    path("reports/<str:slug>/report.docx", views.public_download, name="download"),
]
