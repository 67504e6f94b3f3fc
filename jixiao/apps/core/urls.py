"""The audit trail, the year-end checklist and the login locks."""

from django.urls import path

from jixiao.apps.core import login_views, views

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_list, name="audit-list"),
    path("checklist/", views.inbox_checklist, name="inbox-checklist"),
    path("login-locks/", login_views.login_locks, name="login-locks"),
    path("login-locks/unlock/", login_views.login_unlock, name="login-unlock"),
]
