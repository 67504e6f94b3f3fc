from django.urls import path

from jixiao.apps.checks import views

app_name = "checks"
urlpatterns = [path("", views.check, name="check")]
