"""Read side of the 专项 lifecycle: permission-checked fetchers and what each page shows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from jixiao.apps.budgets.models import BudgetLine, Voucher
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.apps.projects.models import SpecialProject

ZERO = Decimal("0.00")


def projects_visible_to(user) -> QuerySet[SpecialProject]:
    return SpecialProject.objects.filter(project__department__in=departments_visible_to(user)).select_related(
        "project", "project__department", "applicant"
    )


def access_special_project(*, user, id: int) -> SpecialProject:
    special = projects_visible_to(user).filter(pk=id).first()
    if special is None:
        raise Http404("没有找到该专项，或您无权查看。")
    return special


def project_list(*, department, year: int | None = None, stage: str = "") -> QuerySet[SpecialProject]:
    rows = SpecialProject.objects.filter(project__department=department).select_related("project")
    if year:
        rows = rows.filter(project__year=year)
    if stage:
        rows = rows.filter(project__stage=stage)
    return rows.order_by("-project__year", "project__code")


@dataclass(frozen=True)
class Money:
    budget: Decimal
    spent: Decimal
    available: Decimal


def project_money(special: SpecialProject) -> Money:
    lines = list(BudgetLine.objects.filter(project=special.project))
    budget = sum((line.budget for line in lines), ZERO)
    spent = sum((line.spent for line in lines), ZERO)
    return Money(budget=budget, spent=spent, available=budget - spent)


def project_lines(special: SpecialProject) -> list[BudgetLine]:
    return list(BudgetLine.objects.filter(project=special.project).select_related("department", "project"))


def project_vouchers(special: SpecialProject) -> QuerySet[Voucher]:
    return Voucher.objects.filter(line__project=special.project).order_by("-date", "-id")


def usual_project_function_code(department) -> str:
    """The function code the department's project budget lines use most (the usual one for a new
    project), or '' when it has none yet."""
    from django.db.models import Count

    from jixiao.apps.budgets.models import BudgetLine

    row = (
        BudgetLine.objects.filter(department=department, fund_type="project")
        .values("func_code")
        .annotate(n=Count("id"))
        .order_by("-n", "func_code")
        .first()
    )
    return row["func_code"] if row else ""
