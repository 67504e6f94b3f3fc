from django.urls import path

from jixiao.apps.budgets import views

app_name = "budgets"
urlpatterns = []
