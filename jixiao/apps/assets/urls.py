from django.urls import path

from jixiao.apps.assets import views

app_name = "assets"
urlpatterns = [
    path("", views.asset_list, name="asset-list"),
    path("new/", views.asset_create, name="asset-create"),
    path("<int:pk>/", views.asset_detail, name="asset-detail"),
    path("<int:pk>/<slug:action>/", views.asset_action, name="asset-action"),
    path("disposals/", views.disposal_list, name="disposal-list"),
    path("disposals/<int:pk>/", views.disposal_detail, name="disposal-detail"),
    path("disposals/<int:pk>/list.<str:fmt>", views.disposal_download, name="disposal-download"),
    path("disposals/<int:pk>/<slug:action>/", views.disposal_action, name="disposal-action"),
    path("ledger/", views.ledger, name="ledger"),
    path("stocktakes/", views.stocktake_list, name="stocktake-list"),
    path("stocktakes/<int:pk>/", views.stocktake_detail, name="stocktake-detail"),
    path("stocktakes/<int:pk>/<slug:action>/", views.stocktake_action, name="stocktake-action"),
]
