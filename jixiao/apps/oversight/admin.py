from django.contrib import admin

from jixiao.apps.oversight.models import ReportSubmission, ReviewComment


@admin.register(ReportSubmission)
class ReportSubmissionAdmin(admin.ModelAdmin):
    """Read-only: submissions change only through the review services (and are audited there)."""

    list_display = (
        "department",
        "year",
        "version",
        "state",
        "self_score",
        "self_grade",
        "submitted_at",
        "published_at",
    )
    list_filter = ("state", "year")
    exclude = ("docx", "original", "html", "document")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ("submission", "paragraph_id", "author", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
