"""系统管理 (the 系统管理员's pages)."""

from django.urls import path

from jixiao.apps.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.department_list, name="department-list"),
    path("departments/new/", views.department_create_view, name="department-create"),
    path("departments/<int:pk>/", views.department_detail, name="department-detail"),
    path("departments/<int:pk>/edit/", views.department_edit, name="department-edit"),
    path("departments/<int:pk>/profile/", views.profile_edit, name="profile-edit"),
    path("users/", views.user_list, name="user-list"),
    path("users/new/", views.user_create_view, name="user-create"),
    path("users/<int:pk>/", views.user_detail, name="user-detail"),
    path("users/<int:pk>/active/", views.user_active, name="user-active"),
    path("users/<int:pk>/password/", views.user_password_reset, name="user-password-reset"),
    path("roster/", views.roster_view, name="roster"),
]
