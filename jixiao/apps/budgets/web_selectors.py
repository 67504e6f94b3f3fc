"""Reads the web screens need beyond budgets.selectors; always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Project
from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.apps.orgs.models import User
from jixiao.apps.orgs.selectors import departments_visible_to


def ledger_for_line(*, line: BudgetLine, kind: str | None = None) -> QuerySet[LedgerEntry]:
    """The ledger rows of a line the caller already fetched with access_budget_line."""
    entries = LedgerEntry.objects.filter(line=line).select_related(
        "voucher",
        "transfer",
        "created_by",
        "commitment",
        "commitment__payment_request",
        "commitment__procurement",
    )
    if kind:
        entries = entries.filter(kind=kind)
    return entries.order_by("date", "id")


def projects_for(*, department, year: int) -> QuerySet[Project]:
    return Project.objects.filter(department=department, year=year).order_by("code")


def sees_demo_data(user) -> bool:
    """Whether any department this user may see holds demo data (the frame then says 演示数据)."""
    return departments_visible_to(user).filter(is_demo=True).exists()


def budget_line_labels(*, user, ids) -> dict[int, str]:
    """Labels of the budget lines the user may see, for showing ids kept in audit snapshots."""
    lines = BudgetLine.objects.filter(pk__in=ids, department__in=departments_visible_to(user)).select_related(
        "project"
    )
    return {line.pk: line.label for line in lines}


def refusals_visible_to(user) -> QuerySet[RefusalEvent]:
    """Department users see their own department's refusals; bureau users their bureau's."""
    if not getattr(user, "is_authenticated", False):
        return RefusalEvent.objects.none()
    departments = departments_visible_to(user)
    scope = Q(department__in=departments)
    if user.is_bureau_user:
        scope |= Q(department__isnull=True, actor=user)
    return RefusalEvent.objects.filter(scope).select_related("actor", "department")


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    if not getattr(user, "is_authenticated", False):
        return AuditEvent.objects.none()
    scope = Q(department__in=departments_visible_to(user))
    if user.is_bureau_user:
        scope |= Q(department__isnull=True, actor=user)
    if user.is_system_admin:  # the 系统管理 changes of the bureau (departments, profiles, users)
        bureau_users = [
            str(pk) for pk in User.objects.filter(bureau_id=user.bureau_id).values_list("pk", flat=True)
        ]
        scope = Q(target_type__startswith="orgs.") & (
            Q(department__bureau_id=user.bureau_id)
            | Q(department__isnull=True, target_type="orgs.User", target_id__in=bureau_users)
            | Q(department__isnull=True, target_type="orgs.FinanceBureau", target_id=str(user.bureau_id))
        )
    return AuditEvent.objects.filter(scope).select_related("actor", "department")
