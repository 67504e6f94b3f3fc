"""系统管理: the finance bureau, its departments, their yearly profiles and the users.

Each state change is one service: keyword-only arguments, atomic, the rows it checks locked,
an audit event written, a Chinese refusal naming the field (``OrgRefused.field``) and nothing
changed when it refuses. Only a 系统管理员 of the same bureau may act (``actor=None`` is the
command line, run by whoever holds the server).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction

from jixiao.apps.core.services import audit_record
from jixiao.apps.orgs.models import (
    DEPARTMENT_ROLES,
    PROVINCE_ROLES,
    Department,
    DepartmentProfile,
    FinanceBureau,
    Province,
    Role,
    User,
)
from jixiao.domain.department_types import department_type_names
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.roster import check_staffing, internal_units_text, parse_duties

PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12
STAFFING_LABELS = {
    "staffing_admin": "行政编制",
    "staffing_institution": "事业编制",
    "staffing_worker": "工勤编制",
}


class OrgRefused(DomainError):
    """A 系统管理 change refused; ``field`` names the form field it is about ('' for the form)."""

    code = "org_refused"

    def __init__(self, message: str, *, field: str = "", **details: object) -> None:
        super().__init__(message, field=field, **details)
        self.field = field


class NotInitialised(DomainError):
    code = "not_initialised"


def generate_password() -> str:
    """A random initial password (about 70 bits), without look-alike characters."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


# Generated passwords are random (about 70 bits) and must be changed at the first login, when
# Django re-hashes the user's own password with the full work factor. Key stretching adds nothing
# that matters to a secret of 70 random bits, so they are hashed with fewer PBKDF2 iterations:
# a roster of 900 users takes seconds instead of minutes (bench/bench_roster.py).
GENERATED_PASSWORD_ITERATIONS = 20_000


def hash_generated_password(password: str) -> str:
    from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher

    hasher = get_hasher("default")
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(
            password, hasher.salt(), iterations=min(hasher.iterations, GENERATED_PASSWORD_ITERATIONS)
        )
    return make_password(password)


def hash_passwords(passwords: Iterable[str]) -> list[str]:
    """Hash many generated passwords. PBKDF2 spends its time in hashlib, which releases the GIL,
    so a thread pool uses every core (a roster brings hundreds of users)."""
    passwords = list(passwords)
    if len(passwords) < 4:
        return [hash_generated_password(p) for p in passwords]
    with ThreadPoolExecutor() as pool:
        return list(pool.map(hash_generated_password, passwords))


def _require_admin(actor, bureau: FinanceBureau) -> None:
    if actor is None:
        return
    if not (getattr(actor, "is_system_admin", False) and actor.bureau_id == bureau.pk and actor.is_active):
        raise PermissionRefused("只有本财政局的系统管理员可以进行系统管理操作。")


# ---------------------------------------------------------------- init


def bureau_init(*, bureau_name: str, admin_username: str, password: str, bureau_code: str = "") -> dict:
    """The first finance bureau and its 系统管理员 (``jixiao init``). Running it again with the same
    names changes nothing and says so; another bureau name on an initialised database is refused."""
    bureau_name = (bureau_name or "").strip()
    admin_username = (admin_username or "").strip()
    if not bureau_name:
        raise OrgRefused("请填写财政局名称（--bureau）。", field="bureau")
    if len(bureau_name) > 128:
        raise OrgRefused("财政局名称超过128个字符。", field="bureau")
    _check_username(admin_username, field="admin")
    with transaction.atomic():
        existing = FinanceBureau.objects.select_for_update().order_by("pk").first()
        if existing is not None:
            if existing.name != bureau_name:
                raise OrgRefused(
                    f"数据库已初始化（财政局：{existing.name}），不能再初始化为“{bureau_name}”。",
                    field="bureau",
                )
            admin = User.objects.filter(username=admin_username).first()
            if admin is None:
                raise OrgRefused(
                    f"数据库已初始化（财政局：{existing.name}），但没有用户“{admin_username}”；"
                    "请用已有的系统管理员登录后在“系统管理 › 用户”中添加。",
                    field="admin",
                )
            return {"bureau": existing, "admin": admin, "created": False}
        if User.objects.filter(username=admin_username).exists():
            raise OrgRefused(f"用户名“{admin_username}”已被使用。", field="admin")
        _check_password(password, username=admin_username)
        code = (bureau_code or "").strip() or "CZJ-001"
        bureau = FinanceBureau.objects.create(code=code[:32], name=bureau_name)
        admin = User(
            username=admin_username,
            full_name="系统管理员",
            role=Role.SYSTEM_ADMIN,
            bureau=bureau,
            # The first administrator may also open the Django admin (/admin/) for repairs.
            is_staff=True,
            is_superuser=True,
        )
        admin.set_password(password)
        admin.save()
        audit_record(
            actor=None,
            action="bureau_init",
            action_label="初始化系统（财政局与系统管理员）",
            target=bureau,
            after={"财政局": bureau.name, "编码": bureau.code, "系统管理员": admin.username},
        )
        return {"bureau": bureau, "admin": admin, "created": True}


# ---------------------------------------------------------------- the province above the bureaus


def province_setup(
    *,
    name: str,
    code: str = "",
    bureaus: Iterable[str] = (),
    staff_username: str = "",
    staff_role: str = Role.PROVINCE_STAFF,
    password: str = "",
) -> dict:
    """A 省/市财政厅（局） (``jixiao province``): created if new, found by name or code if not; the
    bureaus named (name or code) put under it; optionally one account of its own. Every change is
    audited; a refusal (an unknown bureau, a bureau under another province, a name taken) changes
    nothing. Running it again with the same arguments changes nothing."""
    name = (name or "").strip()
    code = (code or "").strip()
    if not name:
        raise OrgRefused("请填写财政厅（局）名称（--name）。", field="name")
    if len(name) > 128 or len(code) > 32:
        raise OrgRefused("财政厅（局）名称不超过128个字符，编码不超过32个字符。", field="name")
    if staff_username and staff_role not in (Role.PROVINCE_STAFF, Role.PROVINCE_AUDITOR):
        raise OrgRefused("财政厅（局）的账号只能是省/市财政工作人员或省/市审计。", field="role")
    with transaction.atomic():
        province = Province.objects.select_for_update().filter(name=name).first()
        created = province is None
        if created:
            code = code or f"SZ-{Province.objects.count() + 1:03d}"
            if Province.objects.filter(code=code).exists():
                raise OrgRefused(f"财政厅（局）编码“{code}”已被使用。", field="code")
            province = Province.objects.create(name=name, code=code)
            audit_record(
                actor=None,
                action="province_create",
                action_label="新建财政厅（局）",
                target=province,
                after={"名称": province.name, "编码": province.code},
            )
        elif code and code != province.code:
            raise OrgRefused(
                f"财政厅（局）“{name}”已存在，编码是“{province.code}”，不是“{code}”。", field="code"
            )
        attached = []
        for wanted in bureaus:
            wanted = wanted.strip()
            bureau = (
                FinanceBureau.objects.select_for_update().filter(code=wanted).first()
                or FinanceBureau.objects.select_for_update().filter(name=wanted).first()
            )
            if bureau is None:
                raise OrgRefused(f"没有找到财政局“{wanted}”（请输入财政局全称或编码）。", field="bureau")
            if bureau.province_id == province.pk:
                continue
            if bureau.province_id is not None:
                raise OrgRefused(
                    f"财政局“{bureau.name}”已属于“{bureau.province.name}”，不能再归入“{province.name}”。",
                    field="bureau",
                )
            bureau.province = province
            bureau.save(update_fields=["province"])
            attached.append(bureau)
            audit_record(
                actor=None,
                action="bureau_province_set",
                action_label="财政局归入财政厅（局）",
                target=bureau,
                before={"上级财政厅（局）": ""},
                after={"上级财政厅（局）": province.name},
            )
        staff = None
        if staff_username:
            _check_username(staff_username, field="staff")
            existing = User.objects.filter(username__iexact=staff_username).first()
            if existing is not None:
                if existing.province_id != province.pk:
                    raise OrgRefused(f"用户名“{staff_username}”已被使用。", field="staff")
                staff = existing
            else:
                _check_password(password, username=staff_username)
                staff = User(username=staff_username, full_name="", role=staff_role, province=province)
                staff.set_password(password)
                staff.save()
                audit_record(
                    actor=None,
                    action="user_create",
                    action_label="新建用户",
                    target=staff,
                    after={
                        "用户名": staff.username,
                        "角色": staff.get_role_display(),
                        "所属财政厅（局）": province.name,
                    },
                )
    return {"province": province, "created": created, "attached": attached, "staff": staff}


def _check_password(password: str, *, username: str, field: str = "password") -> None:
    from django.contrib.auth.password_validation import validate_password

    if not password:
        raise OrgRefused("密码不能为空。", field=field)
    try:
        validate_password(password, user=User(username=username))
    except ValidationError as error:
        raise OrgRefused("密码不符合要求：" + "；".join(error.messages), field=field) from None


def _check_username(username: str, *, field: str = "username") -> None:
    if not username:
        raise OrgRefused("请填写用户名。", field=field)
    if len(username) > 150:
        raise OrgRefused("用户名超过150个字符。", field=field)
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise OrgRefused(f"用户名“{username}”只能包含字母、数字、汉字及 @.+-_。", field=field) from None


# ---------------------------------------------------------------- departments


def _department_values(
    *,
    code: str,
    name: str,
    department_type: str,
    budget_unit_count: int,
    internal_units: list[dict],
    econ_control_level: int,
) -> dict:
    code, name = (code or "").strip(), (name or "").strip()
    if not code:
        raise OrgRefused("请填写单位编码。", field="code")
    if len(code) > 32:
        raise OrgRefused("单位编码超过32个字符。", field="code")
    if not name:
        raise OrgRefused("请填写单位名称。", field="name")
    if len(name) > 128:
        raise OrgRefused("单位名称超过128个字符。", field="name")
    if department_type not in department_type_names():
        raise OrgRefused(
            f"部门类型“{department_type}”不在列表中（可选：{'、'.join(department_type_names())}）。",
            field="department_type",
        )
    if not isinstance(budget_unit_count, int) or budget_unit_count < 1:
        raise OrgRefused("预算单位个数应为不小于1的整数。", field="budget_unit_count")
    if econ_control_level not in (3, 5):
        raise OrgRefused("经济分类控制级次应为款级或项级。", field="econ_control_level")
    return {
        "code": code,
        "name": name,
        "department_type": department_type,
        "budget_unit_count": budget_unit_count,
        "internal_units": [{"name": u["name"], "kind": u["kind"]} for u in internal_units],
        "econ_control_level": econ_control_level,
    }


def _unique_department(values: dict, *, exclude: int | None = None) -> None:
    others = Department.objects.exclude(pk=exclude) if exclude else Department.objects.all()
    clash = others.filter(code=values["code"]).first()
    if clash:
        raise OrgRefused(f"单位编码“{values['code']}”已被“{clash.name}”使用。", field="code")
    clash = others.filter(name=values["name"]).first()
    if clash:
        raise OrgRefused(f"单位名称“{values['name']}”已存在（编码{clash.code}）。", field="name")


def _department_snapshot(department: Department) -> dict:
    return {
        "单位编码": department.code,
        "单位名称": department.name,
        "部门类型": department.department_type,
        "预算单位个数": department.budget_unit_count,
        "内设机构": internal_units_text(department.internal_units),
        "经济分类控制级次": department.get_econ_control_level_display(),
    }


def department_create(*, actor, bureau: FinanceBureau, **fields) -> Department:
    _require_admin(actor, bureau)
    values = _department_values(**fields)
    with transaction.atomic():
        FinanceBureau.objects.select_for_update().get(pk=bureau.pk)
        _unique_department(values)
        department = Department.objects.create(bureau=bureau, **values)
        audit_record(
            actor=actor,
            action="department_create",
            action_label="新建单位",
            target=department,
            department=department,
            after=_department_snapshot(department),
        )
    return department


def _has_budget_lines(department: Department) -> bool:
    # budgets sits above orgs; ask the registry rather than import it.
    line = apps.get_model("budgets", "BudgetLine")
    return line.objects.filter(department=department).exists()


def department_update(*, actor, department: Department, **fields) -> Department:
    _require_admin(actor, department.bureau)
    values = _department_values(**fields)
    with transaction.atomic():
        locked = Department.objects.select_for_update().get(pk=department.pk)
        _unique_department(values, exclude=locked.pk)
        if values["econ_control_level"] != locked.econ_control_level and _has_budget_lines(locked):
            raise OrgRefused(
                "本单位已有预算指标，不能修改经济分类控制级次（已有指标按原级次控制）。",
                field="econ_control_level",
            )
        before = _department_snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        after = _department_snapshot(locked)
        if before == after:
            return locked
        locked.full_clean(exclude=["bureau"])
        locked.save()
        audit_record(
            actor=actor,
            action="department_update",
            action_label="修改单位信息",
            target=locked,
            department=locked,
            before=before,
            after=after,
        )
    return locked


# ---------------------------------------------------------------- yearly profile


def _profile_snapshot(profile: DepartmentProfile) -> dict:
    return {
        "年度": profile.year,
        "编制数": profile.staffing_quota,
        "行政编制": profile.staffing_admin,
        "事业编制": profile.staffing_institution,
        "工勤编制": profile.staffing_worker,
        "实有人数": profile.actual_staff,
        "离休人数": profile.retired_cadres,
        "退休人数": profile.retired,
        "单位性质": profile.nature,
        "主要职责": profile.duties,
    }


PROFILE_FIELDS = (
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
PROFILE_LABELS = {
    "staffing_quota": "编制数",
    **STAFFING_LABELS,
    "actual_staff": "实有人数",
    "retired_cadres": "离休人数",
    "retired": "退休人数",
}


def _profile_values(values: dict) -> dict:
    for name, label in PROFILE_LABELS.items():
        value = values.get(name)
        if value is None and name in STAFFING_LABELS:
            continue
        if not isinstance(value, int) or value < 0:
            raise OrgRefused(f"{label}应为非负整数。", field=name)
    mismatch = check_staffing(
        values["staffing_quota"], {k: values.get(k) for k in STAFFING_LABELS}, STAFFING_LABELS
    )
    if mismatch:
        raise OrgRefused(mismatch[1] + "。", field=mismatch[0])
    duties = "\n".join(parse_duties(values.get("duties") or ""))
    if len(duties) > 5000:
        raise OrgRefused("主要职责超过5000个字符。", field="duties")
    nature = (values.get("nature") or "").strip()
    return {**{k: values.get(k) for k in PROFILE_LABELS}, "duties": duties, "nature": nature}


def profile_save(*, actor, department: Department, year: int, **fields) -> DepartmentProfile:
    """Create or update a department's 年度概况."""
    _require_admin(actor, department.bureau)
    if not (2000 <= int(year) <= 2100):
        raise OrgRefused("年度应在2000—2100之间。", field="year")
    values = _profile_values(fields)
    with transaction.atomic():
        Department.objects.select_for_update().get(pk=department.pk)
        profile = DepartmentProfile.objects.filter(department=department, year=year).first()
        before = _profile_snapshot(profile) if profile else None
        if profile is None:
            profile = DepartmentProfile(department=department, year=year, internal_units=[])
        for name, value in values.items():
            setattr(profile, name, value)
        after = _profile_snapshot(profile)
        if before == after:
            return profile
        profile.save()
        audit_record(
            actor=actor,
            action="profile_update" if before else "profile_create",
            action_label="修改单位年度概况" if before else "填报单位年度概况",
            target=profile,
            department=department,
            before=before,
            after=after,
        )
    return profile


# ---------------------------------------------------------------- users


def _user_snapshot(user: User) -> dict:
    return {
        "用户名": user.username,
        "姓名": user.full_name,
        "角色": user.get_role_display(),
        "所属单位": user.department.name if user.department_id else "",
        "状态": "启用" if user.is_active else "停用",
    }


def _scope(*, role: str, department: Department | None, bureau: FinanceBureau) -> dict:
    if role not in Role.values:
        raise OrgRefused("请选择角色。", field="role")
    if role in PROVINCE_ROLES:
        raise OrgRefused(
            f"{Role(role).label}属于省/市财政厅（局），不属于本财政局；请用 jixiao province 建立。",
            field="role",
        )
    if role in DEPARTMENT_ROLES:
        if department is None:
            raise OrgRefused(f"{Role(role).label}必须选择所属单位。", field="department")
        if department.bureau_id != bureau.pk:
            raise OrgRefused("所属单位不属于本财政局。", field="department")
        return {"department": department, "bureau": None}
    if department is not None:
        raise OrgRefused(f"{Role(role).label}属于财政局本级，不能选择所属单位。", field="department")
    return {"department": None, "bureau": bureau}


def user_create(
    *,
    actor,
    bureau: FinanceBureau,
    username: str,
    full_name: str,
    role: str,
    department: Department | None = None,
) -> tuple[User, str]:
    """A new account with a random initial password that must be changed at the first login.
    Returns the user and the password (shown once to the administrator, stored nowhere)."""
    _require_admin(actor, bureau)
    username = (username or "").strip()
    full_name = (full_name or "").strip()
    _check_username(username)
    if not full_name:
        raise OrgRefused("请填写姓名。", field="full_name")
    if len(full_name) > 64:
        raise OrgRefused("姓名超过64个字符。", field="full_name")
    scope = _scope(role=role, department=department, bureau=bureau)
    password = generate_password()
    with transaction.atomic():
        FinanceBureau.objects.select_for_update().get(pk=bureau.pk)
        if User.objects.filter(username__iexact=username).exists():
            raise OrgRefused(f"用户名“{username}”已被使用。", field="username")
        user = User(username=username, full_name=full_name, role=role, must_change_password=True, **scope)
        user.password = hash_generated_password(password)
        user.save()
        audit_record(
            actor=actor,
            action="user_create",
            action_label="新建用户",
            target=user,
            department=user.department,
            after=_user_snapshot(user),
        )
    return user, password


def _locked_user(actor, user: User) -> tuple[User, FinanceBureau]:
    locked = (
        User.objects.select_for_update(of=("self",))
        .select_related("department__bureau", "bureau")
        .get(pk=user.pk)
    )
    bureau = locked.bureau or (locked.department.bureau if locked.department_id else None)
    if bureau is None:
        raise OrgRefused("该用户不属于任何财政局，无法管理。")
    _require_admin(actor, bureau)
    return locked, bureau


def user_update(
    *, actor, user: User, full_name: str, role: str, department: Department | None = None
) -> User:
    full_name = (full_name or "").strip()
    if not full_name:
        raise OrgRefused("请填写姓名。", field="full_name")
    if len(full_name) > 64:
        raise OrgRefused("姓名超过64个字符。", field="full_name")
    with transaction.atomic():
        locked, bureau = _locked_user(actor, user)
        scope = _scope(role=role, department=department, bureau=bureau)
        if actor is not None and locked.pk == actor.pk and role != Role.SYSTEM_ADMIN:
            raise OrgRefused("不能取消自己的系统管理员角色（请由另一位系统管理员操作）。", field="role")
        before = _user_snapshot(locked)
        locked.full_name, locked.role = full_name, role
        locked.department, locked.bureau = scope["department"], scope["bureau"]
        after = _user_snapshot(locked)
        if before == after:
            return locked
        locked.save()
        audit_record(
            actor=actor,
            action="user_update",
            action_label="修改用户角色或单位",
            target=locked,
            department=locked.department,
            before=before,
            after=after,
        )
    return locked


def user_set_active(*, actor, user: User, active: bool, reason: str = "") -> User:
    """停用 (the account can no longer log in; its records stay) or 启用."""
    with transaction.atomic():
        locked, _ = _locked_user(actor, user)
        if actor is not None and locked.pk == actor.pk and not active:
            raise OrgRefused("不能停用自己的账号。")
        if locked.is_active == active:
            return locked
        before = _user_snapshot(locked)
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="user_enable" if active else "user_disable",
            action_label="启用用户" if active else "停用用户",
            target=locked,
            department=locked.department,
            before=before,
            after=_user_snapshot(locked),
            reason=reason,
        )
    return locked


def user_reset_password(*, actor, user: User) -> str:
    """A new random password that must be changed at the next login; returned once."""
    password = generate_password()
    with transaction.atomic():
        locked, _ = _locked_user(actor, user)
        locked.password = hash_generated_password(password)
        locked.must_change_password = True
        locked.save(update_fields=["password", "must_change_password"])
        audit_record(
            actor=actor,
            action="user_password_reset",
            action_label="重置密码",
            target=locked,
            department=locked.department,
            after={"下次登录须修改密码": True},
        )
    return password


def password_change(*, user: User, new_password: str) -> None:
    """The user sets a password of their own (already validated by the form); the must-change
    flag is cleared in the same transaction, and the change audited (never the password)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        was = locked.must_change_password
        locked.set_password(new_password)
        locked.must_change_password = False
        locked.save(update_fields=["password", "must_change_password"])
        audit_record(
            actor=locked,
            action="password_change",
            action_label="修改密码",
            target=locked,
            department=locked.department,
            after={"重置或初始密码后修改": was},
        )
    user.password = locked.password
    user.must_change_password = False


def bureau_for_admin(user) -> FinanceBureau:
    if not getattr(user, "is_system_admin", False) or user.bureau_id is None:
        raise PermissionRefused("只有系统管理员可以进行系统管理操作。")
    return user.bureau
