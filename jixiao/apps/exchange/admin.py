"""Admin: import batches are a record of what happened (read-only); mappings may be corrected."""

from django.contrib import admin

from jixiao.apps.exchange.models import HeaderMapping, ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "department", "year", "kind", "file_name", "status", "rows", "error_count"]
    list_filter = ["kind", "status", "year"]
    search_fields = ["file_name", "file_sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HeaderMapping)
class HeaderMappingAdmin(admin.ModelAdmin):
    list_display = ["department", "kind", "header", "field", "updated_at"]
    list_filter = ["kind"]
