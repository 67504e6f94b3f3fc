"""系统管理 pages through the test client: admin only, refusals on the field, confirmations,
passwords shown once, the must-change gate, the roster upload → check → confirm."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from jixiao.apps.orgs.models import Department, Role, User
from tests.factories import PASSWORD


@pytest.fixture
def admin_client(client, sysadmin):
    client.force_login(sysadmin)
    return client


def test_only_the_system_administrator_opens_the_pages(client, officer, bureau_staff, sysadmin):
    pages = [reverse("orgs:department-list"), reverse("orgs:user-list"), reverse("orgs:roster")]
    for user in (officer, bureau_staff):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 403
    client.force_login(sysadmin)
    for url in pages:
        assert client.get(url).status_code == 200
    # The administrator's home is 系统管理, and the navigation offers it.
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("orgs:department-list")
    page = client.get(reverse("orgs:department-list")).content.decode()
    assert "系统管理" in page and 'href="/system/users/"' in page and "预算执行情况" not in page


def test_a_department_is_created_from_the_form_and_a_bad_field_is_refused_in_place(admin_client):
    url = reverse("orgs:department-create")
    data = {
        "code": "430482-FL",
        "name": "常宁市妇女联合会",
        "department_type": "妇联",
        "budget_unit_count": "1",
        "internal_units": "办公室、权益部",
        "econ_control_level": "3",
    }
    response = admin_client.post(url, {**data, "internal_units": "办公室、办公室"})
    assert response.status_code == 200 and "内设机构“办公室”重复" in response.content.decode()
    response = admin_client.post(url, data)
    department = Department.objects.get(code="430482-FL")
    assert response["Location"] == reverse("orgs:department-detail", args=[department.pk])
    page = admin_client.get(response["Location"]).content.decode()
    assert "办公室、权益部" in page and "妇联" in page
    response = admin_client.post(url, {**data, "name": "另一个名称"})
    assert "单位编码“430482-FL”已被“常宁市妇女联合会”使用" in response.content.decode()


def test_profile_form_saves_a_year_and_shows_duties_numbered(admin_client, department):
    url = reverse("orgs:profile-edit", args=[department.pk])
    response = admin_client.post(
        url,
        {
            "year": "2023",
            "staffing_quota": "3",
            "staffing_admin": "3",
            "actual_staff": "3",
            "retired_cadres": "0",
            "retired": "1",
            "duties": "团结动员妇女\n维护妇女儿童合法权益",
        },
    )
    assert response.status_code == 302
    page = admin_client.get(reverse("orgs:department-detail", args=[department.pk])).content.decode()
    assert "（一）团结动员妇女" in page and "（二）维护妇女儿童合法权益" in page


def test_a_user_is_created_with_a_password_shown_once_and_must_change_it(client, admin_client, department):
    response = admin_client.post(
        reverse("orgs:user-create"),
        {
            "username": "fl_caiwu",
            "full_name": "陈会计",
            "role": Role.FINANCE_OFFICER,
            "department": department.pk,
        },
    )
    page = response.content.decode()
    password = re.search(r'id="new-password">([^<]+)<', page).group(1)
    user = User.objects.get(username="fl_caiwu")
    assert user.check_password(password) and user.must_change_password
    # The new user logs in and can do nothing before choosing a password of their own.
    client.logout()
    assert client.login(username="fl_caiwu", password=password)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("password-change")
    assert client.get(reverse("budgets:voucher-list"))["Location"] == reverse("password-change")
    response = client.post(
        reverse("password-change"),
        {"old_password": password, "new_password1": "Fulian-own-2026", "new_password2": "Fulian-own-2026"},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_disable_asks_for_confirmation_naming_the_consequence(admin_client, officer):
    url = reverse("orgs:user-active", args=[officer.pk])
    page = admin_client.get(url + "?active=0").content.decode()
    assert "停用后该用户不能再登录" in page and "确认停用" in page
    officer.refresh_from_db()
    assert officer.is_active
    admin_client.post(url, {"active": "0", "reason": "调离"})
    officer.refresh_from_db()
    assert not officer.is_active


def test_reset_password_shows_the_new_one_and_the_old_one_stops_working(admin_client, officer):
    url = reverse("orgs:user-password-reset", args=[officer.pk])
    assert "原密码立即失效" in admin_client.get(url).content.decode()
    page = admin_client.post(url).content.decode()
    password = re.search(r'id="new-password">([^<]+)<', page).group(1)
    officer.refresh_from_db()
    assert officer.check_password(password) and not officer.check_password(PASSWORD)
    assert officer.must_change_password


def test_another_bureaus_user_is_not_found(admin_client):
    from tests.factories import BureauFactory, bureau_user

    stranger = bureau_user(BureauFactory(), role=Role.AUDITOR)
    assert admin_client.get(reverse("orgs:user-detail", args=[stranger.pk])).status_code == 404


def test_roster_upload_checks_first_then_imports_on_confirmation(admin_client, tmp_path, settings):
    from tests.apps.orgs.test_roster_import import write_roster

    settings.JIXIAO_VAR_DIR = tmp_path
    path = write_roster(tmp_path / "名册.xlsx", departments=2)
    with open(path, "rb") as handle:
        page = admin_client.post(reverse("orgs:roster"), {"file": handle}).content.decode()
    assert "校验通过（未写入）" in page and "确认导入" in page
    assert not Department.objects.filter(code="43040000").exists()
    sha = re.search(r'name="confirm" value="([0-9a-f]+)"', page).group(1)
    page = admin_client.post(reverse("orgs:roster"), {"confirm": sha}).content.decode()
    assert "导入完成" in page and Department.objects.filter(code__startswith="4304").count() == 2
    assert 'download="初始密码.xlsx"' in page and "data:application/vnd.openxmlformats" in page


def test_the_administrator_sees_the_bureaus_system_changes_in_the_audit_trail(
    admin_client, sysadmin, officer, bureau_staff
):
    from jixiao.apps.orgs.services import user_reset_password, user_set_active
    from tests.factories import BureauFactory, bureau_user

    user_reset_password(actor=sysadmin, user=officer)
    user_set_active(actor=sysadmin, user=bureau_staff, active=False)  # a bureau user: no department
    stranger_admin = bureau_user(
        BureauFactory(), role=Role.SYSTEM_ADMIN, username="other_admin", full_name="外局管理员"
    )
    user_reset_password(actor=stranger_admin, user=stranger_admin)
    page = admin_client.get(reverse("core:audit-list")).content.decode()
    assert "重置密码" in page and officer.display_name in page
    assert "停用用户" in page and bureau_staff.display_name in page
    assert "外局管理员" not in page
