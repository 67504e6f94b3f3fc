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
    """科普示范基地 belong to one 部门类型 (the 科协's library keeps them): the admin lists only those
    departments' bases, and a user of a department of another type does not see the model at all."""

    list_display = ["name", "department", "kind", "field", "town", "year"]

    @staticmethod
    def _types() -> tuple[str, ...]:
        from jixiao.domain.indicator_library import types_keeping

        return types_keeping("projects.DemonstrationBase")

    def _shown_to(self, request) -> bool:
        user = request.user
        department = getattr(user, "department", None) if getattr(user, "is_department_user", False) else None
        return department is None or department.department_type in self._types()

    def has_module_permission(self, request):
        return self._shown_to(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._shown_to(request) and super().has_view_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(department__department_type__in=self._types())
