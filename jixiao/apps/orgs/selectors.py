"""Who may see which department. A department user sees only their own department; finance
bureau staff and auditors see the departments of their bureau; a 省/市财政厅（局）'s staff and
auditors see the bureaus under it and their departments. Anything else is a 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau


def departments_visible_to(user) -> QuerySet[Department]:
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    if user.is_department_user:
        return Department.objects.filter(pk=user.department_id)
    if user.is_bureau_user:
        return Department.objects.filter(bureau_id=user.bureau_id)
    if user.is_province_user:
        return Department.objects.filter(bureau__province_id=user.province_id)
    return Department.objects.none()


def bureaus_visible_to(user) -> QuerySet[FinanceBureau]:
    """The bureaus whose overview this user may open: a province user's bureaus, a bureau user's own."""
    if not getattr(user, "is_authenticated", False):
        return FinanceBureau.objects.none()
    if user.is_province_user:
        return FinanceBureau.objects.filter(province_id=user.province_id)
    if user.is_bureau_user:
        return FinanceBureau.objects.filter(pk=user.bureau_id)
    return FinanceBureau.objects.none()


def access_bureau(*, user, id: int) -> FinanceBureau:
    bureau = bureaus_visible_to(user).filter(pk=id).first()
    if bureau is None:
        raise Http404("没有找到该财政局，或您无权查看。")
    return bureau


def access_department(*, user, id: int) -> Department:
    department = departments_visible_to(user).filter(pk=id).first()
    if department is None:
        raise Http404("没有找到该单位，或您无权查看。")
    return department


def department_by_name_or_code(name_or_code: str) -> Department:
    department = (
        Department.objects.filter(code=name_or_code).first()
        or Department.objects.filter(name=name_or_code).first()
    )
    if department is None:
        raise Department.DoesNotExist(f"没有找到预算单位“{name_or_code}”（请输入单位全称或预算单位编码）")
    return department


def profile_for(department: Department, year: int) -> DepartmentProfile | None:
    return DepartmentProfile.objects.filter(department=department, year=year).first()


def default_department_for(user) -> Department | None:
    if user.is_department_user:
        return user.department
    return departments_visible_to(user).first()
