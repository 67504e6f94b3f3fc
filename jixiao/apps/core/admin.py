from django.contrib import admin

from jixiao.apps.budgets.admin import ReadOnlyAdmin
from jixiao.apps.core.models import AuditEvent, RefusalEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action_label", "target_label", "department"]
    list_filter = ["action"]


@admin.register(RefusalEvent)
class RefusalEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "error_code", "message", "department"]
