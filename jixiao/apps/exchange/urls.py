from django.urls import path

from jixiao.apps.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.import_start, name="import-start"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/confirm/", views.batch_confirm, name="batch-confirm"),
    path("batches/<int:pk>/mapping/", views.batch_mapping, name="batch-mapping"),
    path("batches/<int:pk>/progress/", views.batch_progress, name="batch-progress"),
    path("batches/<int:pk>/errors.xlsx", views.batch_errors_xlsx, name="batch-errors"),
    path("export/", views.export_view, name="export"),
    path("templates/<slug:kind>.xlsx", views.template_download, name="template"),
]
