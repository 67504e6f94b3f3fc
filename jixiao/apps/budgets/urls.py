"""Budget screens: execution table, budget lines, vouchers, 调剂 and refused operations."""

from django.urls import path

from jixiao.apps.budgets import views

app_name = "budgets"
urlpatterns = [
    path("departments/<int:pk>/", views.department_execution, name="department"),
    path("lines/<int:pk>/", views.line_detail, name="line-detail"),
    path("lines/<int:pk>/adjust/", views.line_adjust, name="line-adjust"),
    path("vouchers/", views.voucher_list, name="voucher-list"),
    path("vouchers/new/", views.voucher_create, name="voucher-create"),
    path("vouchers/<int:pk>/", views.voucher_detail, name="voucher-detail"),
    path("vouchers/<int:pk>/reverse/", views.voucher_reverse, name="voucher-reverse"),
    path("transfers/", views.transfer_list, name="transfer-list"),
    path("transfers/new/", views.transfer_create, name="transfer-create"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer-detail"),
    path("transfers/<int:pk>/<slug:action>/", views.transfer_action, name="transfer-action"),
    path("refusals/", views.refusal_list, name="refusal-list"),
    path("settlement/", views.settlement, name="settlement"),
    path("settlement/procurements/", views.procurement_create, name="procurement-create"),
    path("settlement/procurements/<int:pk>/cancel/", views.procurement_cancel, name="procurement-cancel"),
    path("settlement/procurements/<int:pk>/close/", views.procurement_close, name="procurement-close"),
    path("payments/", views.payment_list, name="payment-list"),
    path("payments/new/", views.payment_create, name="payment-create"),
    path("payments/<int:pk>/", views.payment_detail, name="payment-detail"),
    path("payments/<int:pk>/<slug:action>/", views.payment_action, name="payment-action"),
    path("prior-year/", views.prior_year, name="prior-year"),
    path("thresholds/", views.thresholds, name="thresholds"),
]
