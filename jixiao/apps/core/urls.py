"""The audit trail."""

from django.urls import path

from jixiao.apps.core import views

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_list, name="audit-list"),
]
