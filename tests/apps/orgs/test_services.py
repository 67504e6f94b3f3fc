"""系统管理 services: atomic, audited, refusals in Chinese naming the field, admin only."""

from __future__ import annotations

import pytest

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau, Role, User
from jixiao.apps.orgs.services import (
    OrgRefused,
    bureau_init,
    department_create,
    department_update,
    password_change,
    profile_save,
    user_create,
    user_reset_password,
    user_set_active,
    user_update,
)
from jixiao.domain.errors import PermissionRefused
from tests.factories import BureauFactory, bureau_user

FULIAN = {
    "code": "430482-FL",
    "name": "常宁市妇女联合会",
    "department_type": "妇联",
    "budget_unit_count": 1,
    "internal_units": [{"name": "办公室", "kind": "股室"}],
    "econ_control_level": 3,
}


def test_bureau_init_creates_the_bureau_and_its_administrator_once(db):
    first = bureau_init(bureau_name="某某区财政局", admin_username="admin", password="Admin-pass-2026")
    assert first["created"] and first["admin"].role == Role.SYSTEM_ADMIN
    assert first["admin"].check_password("Admin-pass-2026") and first["admin"].is_superuser
    again = bureau_init(bureau_name="某某区财政局", admin_username="admin", password="")
    assert not again["created"] and again["bureau"] == first["bureau"]
    assert FinanceBureau.objects.count() == 1 and User.objects.count() == 1
    assert AuditEvent.objects.filter(action="bureau_init").count() == 1
    with pytest.raises(OrgRefused, match="不能再初始化为“另一个财政局”"):
        bureau_init(bureau_name="另一个财政局", admin_username="admin", password="Admin-pass-2026")


def test_bureau_init_refuses_a_weak_password_and_changes_nothing(db):
    with pytest.raises(OrgRefused) as refused:
        bureau_init(bureau_name="某某区财政局", admin_username="admin", password="123")
    assert refused.value.field == "password" and "密码不符合要求" in refused.value.message
    assert not FinanceBureau.objects.exists()


def test_a_department_of_any_type_is_created_and_audited(sysadmin):
    department = department_create(actor=sysadmin, bureau=sysadmin.bureau, **FULIAN)
    assert (department.department_type, department.internal_units) == (
        "妇联",
        [{"name": "办公室", "kind": "股室"}],
    )
    event = AuditEvent.objects.get(action="department_create")
    assert event.actor == sysadmin and event.department == department
    assert event.after["部门类型"] == "妇联" and event.after["内设机构"] == "办公室"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"code": ""}, "code", "请填写单位编码。"),
        ({"name": "x" * 129}, "name", "单位名称超过128个字符。"),
        ({"department_type": "科普"}, "department_type", "部门类型“科普”不在列表中"),
        ({"budget_unit_count": 0}, "budget_unit_count", "预算单位个数应为不小于1的整数。"),
        ({"econ_control_level": 4}, "econ_control_level", "经济分类控制级次应为款级或项级。"),
    ],
)
def test_bad_department_input_is_refused_naming_the_field(sysadmin, change, field, message):
    with pytest.raises(OrgRefused) as refused:
        department_create(actor=sysadmin, bureau=sysadmin.bureau, **{**FULIAN, **change})
    assert refused.value.field == field and message in refused.value.message
    assert not Department.objects.exists() and not AuditEvent.objects.exists()


def test_duplicate_code_or_name_is_refused(sysadmin, department):
    with pytest.raises(OrgRefused, match="已被“常宁市科学技术协会”使用") as refused:
        department_create(actor=sysadmin, bureau=sysadmin.bureau, **{**FULIAN, "code": department.code})
    assert refused.value.field == "code"
    with pytest.raises(OrgRefused, match="已存在") as refused:
        department_create(actor=sysadmin, bureau=sysadmin.bureau, **{**FULIAN, "name": department.name})
    assert refused.value.field == "name"


def test_only_an_administrator_of_the_same_bureau_may_act(sysadmin, officer, bureau_staff):
    for actor in (officer, bureau_staff, bureau_user(BureauFactory(), role=Role.SYSTEM_ADMIN)):
        with pytest.raises(PermissionRefused):
            department_create(actor=actor, bureau=sysadmin.bureau, **FULIAN)
    assert not Department.objects.filter(code="430482-FL").exists()


def test_update_records_before_and_after_and_an_unchanged_save_writes_nothing(sysadmin):
    department = department_create(actor=sysadmin, bureau=sysadmin.bureau, **FULIAN)
    department_update(actor=sysadmin, department=department, **{**FULIAN, "budget_unit_count": 2})
    department_update(actor=sysadmin, department=department, **{**FULIAN, "budget_unit_count": 2})
    (event,) = AuditEvent.objects.filter(action="department_update")
    assert (event.before["预算单位个数"], event.after["预算单位个数"]) == (1, 2)


def test_the_control_level_of_a_department_with_budget_lines_cannot_change(sysadmin, department, officer):
    from tests.factories import make_line

    make_line(actor=officer, department=department)
    values = {**FULIAN, "code": department.code, "name": department.name, "econ_control_level": 5}
    with pytest.raises(OrgRefused, match="已有预算指标") as refused:
        department_update(actor=sysadmin, department=department, **values)
    assert refused.value.field == "econ_control_level"


def test_profile_keeps_staffing_by_kind_that_adds_up_and_duties_one_a_line(sysadmin, department):
    values = dict(
        staffing_quota=3,
        staffing_admin=2,
        staffing_institution=1,
        staffing_worker=0,
        actual_staff=3,
        retired_cadres=0,
        retired=1,
        nature="",
        duties="（一）团结动员妇女（二）维护妇女儿童合法权益",
    )
    profile = profile_save(actor=sysadmin, department=department, year=2023, **values)
    assert profile.duties == "团结动员妇女\n维护妇女儿童合法权益"
    assert AuditEvent.objects.filter(action="profile_create").count() == 1
    with pytest.raises(OrgRefused) as refused:
        profile_save(actor=sysadmin, department=department, year=2023, **{**values, "staffing_admin": 1})
    assert refused.value.field == "staffing_admin"
    assert refused.value.message == "行政编制1＋事业编制1＋工勤编制0＝2，不等于编制数3。"
    assert DepartmentProfile.objects.get(department=department, year=2023).staffing_admin == 2


def test_a_new_user_gets_a_random_password_that_must_be_changed(sysadmin, department):
    user, password = user_create(
        actor=sysadmin,
        bureau=sysadmin.bureau,
        username="fl_caiwu",
        full_name="陈会计",
        role=Role.FINANCE_OFFICER,
        department=department,
    )
    assert user.must_change_password and user.check_password(password) and len(password) >= 12
    assert password not in str(AuditEvent.objects.get(action="user_create").after)
    password_change(user=user, new_password="My-own-pass-2026")
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("My-own-pass-2026")


@pytest.mark.parametrize(
    ("role", "with_department", "field", "message"),
    [
        (Role.FINANCE_OFFICER, False, "department", "部门财务人员必须选择所属单位。"),
        (Role.AUDITOR, True, "department", "审计（只读）属于财政局本级，不能选择所属单位。"),
        ("", False, "role", "请选择角色。"),
    ],
)
def test_role_and_scope_must_match(sysadmin, department, role, with_department, field, message):
    with pytest.raises(OrgRefused) as refused:
        user_create(
            actor=sysadmin,
            bureau=sysadmin.bureau,
            username="x1",
            full_name="某人",
            role=role,
            department=department if with_department else None,
        )
    assert (refused.value.field, refused.value.message) == (field, message)
    assert not User.objects.filter(username="x1").exists()


def test_role_change_disable_and_reset_are_audited(sysadmin, officer, department):
    user_update(
        actor=sysadmin, user=officer, full_name="李会计", role=Role.DEPARTMENT_HEAD, department=department
    )
    officer.refresh_from_db()
    assert officer.role == Role.DEPARTMENT_HEAD
    user_set_active(actor=sysadmin, user=officer, active=False, reason="调离")
    officer.refresh_from_db()
    assert not officer.is_active
    password = user_reset_password(actor=sysadmin, user=officer)
    officer.refresh_from_db()
    assert officer.must_change_password and officer.check_password(password)
    actions = list(AuditEvent.objects.filter(actor=sysadmin).order_by("id").values_list("action", flat=True))
    assert actions == ["user_update", "user_disable", "user_password_reset"]
    with pytest.raises(OrgRefused, match="不能停用自己的账号"):
        user_set_active(actor=sysadmin, user=sysadmin, active=False)


def test_generated_passwords_use_fewer_pbkdf2_iterations_and_still_verify(settings, officer):
    from django.contrib.auth.hashers import check_password

    from jixiao.apps.orgs.services import GENERATED_PASSWORD_ITERATIONS, generate_password, hash_passwords

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    passwords = [generate_password() for _ in range(5)]
    hashes = hash_passwords(passwords)
    assert all(h.startswith(f"pbkdf2_sha256${GENERATED_PASSWORD_ITERATIONS}$") for h in hashes)
    assert all(check_password(p, h) for p, h in zip(passwords, hashes, strict=True))
    assert len(set(hashes)) == 5 and not check_password(passwords[0], hashes[1])
