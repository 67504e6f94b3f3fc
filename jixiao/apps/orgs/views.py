"""系统管理 pages (系统管理员 only): departments, their yearly profiles, users, the roster import.
Also the page every user changes their own password on."""

from __future__ import annotations

import base64
from functools import wraps

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from jixiao.apps.core import login_protection
from jixiao.apps.orgs.forms import DepartmentForm, ProfileForm, RosterUploadForm, UserForm
from jixiao.apps.orgs.models import BUREAU_ROLE_CHOICES, Department, DepartmentProfile, Role, User
from jixiao.apps.orgs.roster import passwords_workbook, roster_import
from jixiao.apps.orgs.services import (
    department_create,
    department_update,
    password_change,
    profile_save,
    user_create,
    user_reset_password,
    user_set_active,
    user_update,
)
from jixiao.domain.errors import DomainError
from jixiao.domain.roster import internal_units_text, numbered_duties, parse_duties

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROSTER_SESSION = "roster_upload"


def admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_system_admin or request.user.bureau_id is None:
            raise PermissionDenied("只有系统管理员可以使用系统管理。")
        return view(request, *args, **kwargs)

    return wrapper


def _refused(form, error: DomainError) -> None:
    field = getattr(error, "field", "")
    form.add_error(field if field in form.fields else None, error.message)


def _department(request, pk: int) -> Department:
    department = Department.objects.filter(pk=pk, bureau_id=request.user.bureau_id).first()
    if department is None:
        raise Http404("没有找到该单位。")
    return department


def _managed_user(request, pk: int) -> User:
    user = (
        User.objects.filter(pk=pk)
        .filter(Q(bureau_id=request.user.bureau_id) | Q(department__bureau_id=request.user.bureau_id))
        .select_related("department")
        .first()
    )
    if user is None:
        raise Http404("没有找到该用户。")
    return user


# ---------------------------------------------------------------- departments


@admin_required
def department_list(request):
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("type", "")
    departments = (
        Department.objects.filter(bureau_id=request.user.bureau_id)
        .annotate(user_count=Count("users", filter=Q(users__is_active=True)), last_year=Max("profiles__year"))
        .order_by("code")
    )
    if q:
        departments = departments.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if kind:
        departments = departments.filter(department_type=kind)
    rows = [{"department": d, "units": internal_units_text(d.internal_units)} for d in departments]
    types = sorted(
        set(
            Department.objects.filter(bureau_id=request.user.bureau_id).values_list(
                "department_type", flat=True
            )
        )
    )
    return render(
        request,
        "orgs/department_list.html",
        {
            "rows": rows,
            "title": f"系统管理 · 单位（{request.user.bureau.name}）",
            "q": q,
            "kind": kind,
            "types": types,
        },
    )


@admin_required
def department_create_view(request):
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department = department_create(
                actor=request.user, bureau=request.user.bureau, **form.cleaned_data
            )
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, f"已新建单位：{department.name}。下一步：填报年度概况、添加用户。")
            return redirect("orgs:department-detail", pk=department.pk)
    return render(request, "orgs/department_form.html", {"form": form, "title": "新建单位"})


@admin_required
def department_detail(request, pk: int):
    department = _department(request, pk)
    profiles = [
        {"profile": p, "duties": numbered_duties(parse_duties(p.duties))}
        for p in DepartmentProfile.objects.filter(department=department).order_by("-year")
    ]
    users = User.objects.filter(department=department).order_by("role", "username")
    return render(
        request,
        "orgs/department_detail.html",
        {
            "department": department,
            "units": internal_units_text(department.internal_units),
            "profiles": profiles,
            "users": users,
            "next_year": request.year,
            "title": f"单位：{department.name}",
        },
    )


@admin_required
def department_edit(request, pk: int):
    department = _department(request, pk)
    form = DepartmentForm.for_department(department, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department_update(actor=request.user, department=department, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, "单位信息已保存。")
            return redirect("orgs:department-detail", pk=department.pk)
    return render(
        request,
        "orgs/department_form.html",
        {"form": form, "department": department, "title": f"修改单位信息：{department.name}"},
    )


@admin_required
def profile_edit(request, pk: int):
    department = _department(request, pk)
    raw_year = request.POST.get("year") or request.GET.get("year") or str(request.year)
    year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100 else request.year
    profile = DepartmentProfile.objects.filter(department=department, year=year).first()
    initial = {"year": year}
    if profile is None:
        previous = (
            DepartmentProfile.objects.filter(department=department, year__lt=year).order_by("-year").first()
        )
        profile_source = previous
    else:
        profile_source = profile
    if profile_source is not None:
        initial.update(
            {
                name: getattr(profile_source, name)
                for name in (
                    "staffing_quota",
                    "staffing_admin",
                    "staffing_institution",
                    "staffing_worker",
                    "actual_staff",
                    "retired_cadres",
                    "retired",
                    "nature",
                    "duties",
                )
            }
        )
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        year = data.pop("year")
        try:
            profile_save(actor=request.user, department=department, year=year, **data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{year}年度概况已保存。")
            return redirect("orgs:department-detail", pk=department.pk)
    return render(
        request,
        "orgs/profile_form.html",
        {
            "form": form,
            "department": department,
            "year": year,
            "exists": profile is not None,
            "copied_from": profile_source.year if profile is None and profile_source else None,
            "title": f"{department.name} {year}年度概况",
        },
    )


# ---------------------------------------------------------------- users


@admin_required
def user_list(request):
    users = (
        User.objects.filter(
            Q(bureau_id=request.user.bureau_id) | Q(department__bureau_id=request.user.bureau_id)
        )
        .select_related("department")
        .order_by("department__code", "role", "username")
    )
    q = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    status = request.GET.get("status", "")
    if q:
        users = users.filter(
            Q(username__icontains=q) | Q(full_name__icontains=q) | Q(department__name__icontains=q)
        )
    if role in Role.values:
        users = users.filter(role=role)
    if status in ("active", "disabled"):
        users = users.filter(is_active=status == "active")
    return render(
        request,
        "orgs/user_list.html",
        {
            "users": users[:1000],
            "total": users.count(),
            "q": q,
            "role": role,
            "status": status,
            "roles": BUREAU_ROLE_CHOICES,
            "title": "系统管理 · 用户",
        },
    )


@admin_required
def user_create_view(request):
    initial = {}
    if request.GET.get("department", "").isdigit():
        initial["department"] = _department(request, int(request.GET["department"]))
    form = UserForm(request.POST or None, bureau=request.user.bureau, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = user_create(actor=request.user, bureau=request.user.bureau, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            # The password is shown in this one response and stored nowhere.
            return render(
                request,
                "orgs/password_shown.html",
                {
                    "managed": user,
                    "password": password,
                    "title": f"已新建用户：{user.username}",
                    "created": True,
                },
            )
    return render(request, "orgs/user_form.html", {"form": form, "title": "新建用户"})


@admin_required
def user_detail(request, pk: int):
    managed = _managed_user(request, pk)
    form = UserForm(
        request.POST or None,
        bureau=request.user.bureau,
        editing=True,
        initial={"full_name": managed.full_name, "role": managed.role, "department": managed.department},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_update(actor=request.user, user=managed, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, "用户信息已保存。")
            return redirect("orgs:user-detail", pk=managed.pk)
    return render(
        request,
        "orgs/user_detail.html",
        {
            "managed": managed,
            "form": form,
            "locked": login_protection.is_locked(managed.username),
            "lockout_text": login_protection.lockout_text(),
            "title": f"用户：{managed.display_name}（{managed.username}）",
        },
    )


@admin_required
def user_active(request, pk: int):
    """停用/启用: GET asks for confirmation and names the consequence; POST acts."""
    managed = _managed_user(request, pk)
    active = request.GET.get("active", request.POST.get("active")) == "1"
    if request.method == "POST":
        try:
            user_set_active(
                actor=request.user, user=managed, active=active, reason=request.POST.get("reason", "")
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已{'启用' if active else '停用'}用户 {managed.username}。")
        return redirect("orgs:user-detail", pk=managed.pk)
    return render(
        request,
        "orgs/user_confirm.html",
        {
            "managed": managed,
            "action": "enable" if active else "disable",
            "active": active,
            "title": f"{'启用' if active else '停用'}用户：{managed.display_name}",
        },
    )


@admin_required
def user_password_reset(request, pk: int):
    managed = _managed_user(request, pk)
    if request.method == "POST":
        try:
            password = user_reset_password(actor=request.user, user=managed)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("orgs:user-detail", pk=managed.pk)
        return render(
            request,
            "orgs/password_shown.html",
            {"managed": managed, "password": password, "title": f"已重置密码：{managed.username}"},
        )
    return render(
        request,
        "orgs/user_confirm.html",
        {"managed": managed, "action": "reset", "title": f"重置密码：{managed.display_name}"},
    )


# ---------------------------------------------------------------- roster


@admin_required
def roster_view(request):
    """Upload → check (nothing written) → confirm. The staged file is kept by its hash in the
    session; confirming reads it again and imports all or nothing."""
    from jixiao.apps.exchange.services import file_sha256, stage_upload

    form = RosterUploadForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and request.POST.get("confirm"):
        staged = request.session.get(ROSTER_SESSION) or {}
        path = staged.get("path")
        if not path or staged.get("sha") != request.POST.get("confirm"):
            messages.error(request, "请重新上传名册文件。")
            return redirect("orgs:roster")
        try:
            if file_sha256(path) != staged["sha"]:
                raise OSError
        except OSError:
            messages.error(request, "上传的名册文件已不存在，请重新上传。")
            return redirect("orgs:roster")
        outcome = roster_import(actor=request.user, bureau=request.user.bureau, path=path, dry_run=False)
        request.session.pop(ROSTER_SESSION, None)
        passwords = None
        if outcome.passwords:
            content = passwords_workbook(outcome)
            passwords = f"data:{XLSX};base64,{base64.b64encode(content).decode('ascii')}"
        return render(
            request,
            "orgs/roster.html",
            {
                "form": RosterUploadForm(),
                "outcome": outcome,
                "passwords_href": passwords,
                "title": "批量导入单位与用户",
            },
        )
    if request.method == "POST" and form.is_valid():
        path, sha, name = stage_upload(form.cleaned_data["file"])
        outcome = roster_import(actor=request.user, bureau=request.user.bureau, path=path, dry_run=True)
        if outcome.ok:
            request.session[ROSTER_SESSION] = {"path": str(path), "sha": sha, "name": name}
        return render(
            request,
            "orgs/roster.html",
            {
                "form": form,
                "outcome": outcome,
                "staged_sha": sha if outcome.ok else None,
                "file_name": name,
                "title": "批量导入单位与用户",
            },
        )
    return render(request, "orgs/roster.html", {"form": form, "title": "批量导入单位与用户"})


# ---------------------------------------------------------------- own password


@login_required
def password_change_view(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    for field in form.fields.values():
        field.widget.attrs.pop("autofocus", None)
    if request.method == "POST" and form.is_valid():
        password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "密码已修改。")
        return redirect(reverse("home"))
    return render(
        request,
        "orgs/password_change.html",
        {"form": form, "must": request.user.must_change_password, "title": "修改密码"},
    )
