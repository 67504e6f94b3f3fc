"""Admin: posted records (ledger rows, vouchers) are read-only; state changes go through services."""

from django.contrib import admin

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Project, TransferRequest, Voucher


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["date", "line", "kind", "amount", "doc_no", "memo"]
    list_filter = ["kind"]


@admin.register(Voucher)
class VoucherAdmin(ReadOnlyAdmin):
    list_display = ["date", "number", "summary", "amount", "econ_code", "department"]
    search_fields = ["number", "summary", "payee"]


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ["department", "year", "fund_type", "func_code", "econ_code", "allocated", "spent"]
    list_filter = ["year", "fund_type"]


@admin.register(TransferRequest)
class TransferRequestAdmin(ReadOnlyAdmin):
    list_display = ["number", "department", "amount", "state", "needs_bureau"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "department", "year", "is_key"]
