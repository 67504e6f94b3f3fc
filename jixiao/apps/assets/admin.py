from django.contrib import admin

from jixiao.apps.assets.models import (
    Asset,
    AssetMovement,
    Disposal,
    DisposalItem,
    StockTake,
    StockTakeDifference,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The register changes only through services (they keep the 台账 in step); the admin looks."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Asset)
class AssetAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "category", "original_value", "custodian_unit", "status"]
    list_filter = ["department", "status", "category"]
    search_fields = ["number", "name"]


@admin.register(AssetMovement)
class AssetMovementAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "asset", "amount"]


@admin.register(Disposal)
class DisposalAdmin(ReadOnlyAdmin):
    list_display = ["number", "method", "total_value", "state", "needs_bureau"]


admin.site.register(DisposalItem, ReadOnlyAdmin)
admin.site.register(StockTake, ReadOnlyAdmin)
admin.site.register(StockTakeDifference, ReadOnlyAdmin)
