"""Admin: read-only views; every change goes through jixiao.apps.goals.services (audited)."""

from django.contrib import admin

from jixiao.apps.goals.models import (
    Activity,
    CustomIndicator,
    Evidence,
    Goal,
    LibraryVersion,
    TaskCompletion,
    WarningResponse,
    WorkArea,
    YearEndActual,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["department", "year", "kind", "project", "state", "submitted_at"]
    list_filter = ["year", "kind", "state"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["department", "date", "end_date", "title", "area"]
    list_filter = ["year", "area"]
    search_fields = ["title", "place", "partners"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["activity", "original_name", "kind", "size", "uploaded_at"]


admin.site.register(CustomIndicator, ReadOnlyAdmin)
admin.site.register(WorkArea, ReadOnlyAdmin)
admin.site.register(WarningResponse, ReadOnlyAdmin)


@admin.register(YearEndActual)
class YearEndActualAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "text", "value", "unit", "entered_by", "entered_at"]


@admin.register(TaskCompletion)
class TaskCompletionAdmin(ReadOnlyAdmin):
    list_display = ["task", "completed", "finished_on", "quality_passed", "recorded_by", "recorded_at"]


@admin.register(LibraryVersion)
class LibraryVersionAdmin(ReadOnlyAdmin):
    list_display = ["version", "bureau", "department_type", "indicator_count", "state", "published_at"]
    list_filter = ["state", "department_type"]
    exclude = ["text"]
