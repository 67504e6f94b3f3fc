from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao.apps.budgets import views as budget_views
from jixiao.apps.core import login_views
from jixiao.apps.orgs import views as org_views

urlpatterns = [
    path("", budget_views.home, name="home"),
    path("login/", login_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", org_views.password_change_view, name="password-change"),
    path("system/", include("jixiao.apps.orgs.urls")),
    path("budgets/", include("jixiao.apps.budgets.urls")),
    path("core/", include("jixiao.apps.core.urls")),
    path("goals/", include("jixiao.apps.goals.urls")),
    path("projects/", include("jixiao.apps.projects.urls")),
    path("assets/", include("jixiao.apps.assets.urls")),
    path("exchange/", include("jixiao.apps.exchange.urls")),
    path("reports/", include("jixiao.apps.reports.urls")),
    path("oversight/", include("jixiao.apps.oversight.urls")),
    path("checks/", include("jixiao.apps.checks.urls")),
    path("public/", include("jixiao.apps.oversight.public_urls")),
    path("admin/", admin.site.urls),
]
