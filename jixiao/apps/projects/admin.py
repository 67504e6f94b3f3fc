from django.contrib import admin

from jixiao.apps.projects.models import (
    DemonstrationBase,
    Inspection,
    Milestone,
    ProjectReview,
    SpecialProject,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The lifecycle changes only through services; the admin is for looking."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SpecialProject)
class SpecialProjectAdmin(ReadOnlyAdmin):
    list_display = ["project", "applied_on", "requested_amount", "review_conclusion", "responsible_person"]
    list_filter = ["project__year", "review_conclusion"]


admin.site.register(ProjectReview, ReadOnlyAdmin)
admin.site.register(Milestone, ReadOnlyAdmin)
admin.site.register(Inspection, ReadOnlyAdmin)


@admin.register(DemonstrationBase)
class DemonstrationBaseAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "field", "town", "year"]
