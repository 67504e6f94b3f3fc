"""Login protection: after 5 wrong passwords an account (or an IP address) is locked for 15 minutes,
during which no password is checked; every attempt is in the audit trail; the 系统管理员 (or the
operator at the command line) can unlock; passwords follow Django's own validators."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from jixiao.apps.core import login_protection
from jixiao.apps.core.models import AuditEvent
from jixiao.apps.orgs.models import Role, User
from jixiao.cli import main as cli_main
from jixiao.domain.errors import PermissionRefused
from tests.factories import BureauFactory, DepartmentFactory, UserFactory

RIGHT = "Kx-密码-2023-ok"


@pytest.fixture
def account(officer):
    officer.set_password(RIGHT)
    officer.save()
    return officer


def _login(client, username, password, ip="127.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _actions(username):
    return list(
        AuditEvent.objects.filter(action__startswith="login_", after__username=username)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def test_the_login_page_states_the_rule_in_chinese(client, settings):
    page = client.get(reverse("login")).content.decode()
    assert "连续5次输错密码后，将被锁定15分钟" in page
    settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_LOCKOUT_MINUTES = 3, 30
    assert "连续3次输错密码后，将被锁定30分钟" in client.get(reverse("login")).content.decode()


def test_the_sixth_attempt_is_refused_without_checking_the_password_and_the_lockout_is_audited(
    client, account
):
    for attempt in range(1, 5):
        response = _login(client, account.username, f"wrong-{attempt}")
        assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()
    fifth = _login(client, account.username, "wrong-5")
    assert fifth.status_code == 429 and "登录已被暂时锁定" in fifth.content.decode()

    with (
        mock.patch.object(User, "check_password", autospec=True) as check,
        mock.patch.object(User, "set_password", autospec=True) as hash_dummy,
    ):
        sixth = _login(client, account.username, RIGHT)
    assert check.call_count == 0 and hash_dummy.call_count == 0  # the hasher never ran
    assert sixth.status_code == 429 and "15分钟内不能登录" in sixth.content.decode()
    assert "_auth_user_id" not in client.session

    actions = _actions(account.username)
    assert sorted(actions[:6]) == ["login_failure"] * 5 + ["login_lockout"] and actions[6:] == [
        "login_refused"
    ]
    lockout = AuditEvent.objects.get(action="login_lockout")
    assert lockout.action_label == "连续登录失败，已锁定"
    assert lockout.department == account.department and lockout.target_id == str(account.pk)
    assert lockout.after["ip"] == "127.0.0.1" and "锁定15分钟" in lockout.reason
    # The department's audit page shows it.
    client.force_login(account)
    assert "连续登录失败，已锁定" in client.get(reverse("core:audit-list")).content.decode()


def test_the_lock_ends_after_fifteen_minutes_and_a_success_is_audited(client, account):
    for attempt in range(5):
        _login(client, account.username, f"wrong-{attempt}")
    assert _login(client, account.username, RIGHT).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    response = _login(client, account.username, RIGHT)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(account.pk)
    assert _actions(account.username)[-1] == "login_success"
    assert AuditEvent.objects.filter(action="login_success", actor=account).count() == 1


def test_one_address_trying_many_accounts_is_locked_too(client, account, head):
    for n in range(5):
        _login(client, f"guess{n}", "123456", ip="10.1.1.9")
    assert _login(client, account.username, RIGHT, ip="10.1.1.9").status_code == 429
    # The same account from another office's address still logs in.
    assert _login(client, account.username, RIGHT, ip="10.2.2.2").status_code == 302
    unknown = AuditEvent.objects.filter(action="login_failure", after__username="guess0").get()
    assert unknown.reason == "该用户名不存在" and unknown.target_id == ""


def test_the_operator_unlocks_from_the_command_line(client, account, capsys):
    for attempt in range(5):
        _login(client, account.username, f"wrong-{attempt}")
    assert login_protection.is_locked(account.username)
    assert cli_main(["unlock"]) == 0
    assert account.username in capsys.readouterr().out
    assert cli_main(["unlock", account.username, "--reason", "本人电话确认"]) == 0
    assert "已解除" in capsys.readouterr().out
    assert not login_protection.is_locked(account.username)
    assert _login(client, account.username, RIGHT).status_code == 302
    unlock = AuditEvent.objects.get(action="login_unlock")
    assert unlock.actor is None and unlock.reason == "本人电话确认" and unlock.after["cleared"] >= 1


def test_the_locks_page_is_for_administrators_and_unlocks(client, account, head, bureau):
    for attempt in range(5):
        _login(client, account.username, f"wrong-{attempt}")
    client.force_login(head)
    assert client.get(reverse("core:login-locks")).status_code == 404
    assert client.post(reverse("core:login-unlock"), {"username": account.username}).status_code == 404
    admin = UserFactory(
        username="root", role=Role.BUREAU_STAFF, department=None, bureau=bureau, is_superuser=True
    )
    client.force_login(admin)
    page = client.get(reverse("core:login-locks")).content.decode()
    assert account.username in page and "解锁" in page
    response = client.post(reverse("core:login-unlock"), {"username": account.username}, follow=True)
    assert "已解除账号" in response.content.decode()
    assert not login_protection.is_locked(account.username)
    assert AuditEvent.objects.filter(action="login_unlock", actor=admin).exists()


def test_unlock_is_refused_to_anyone_but_an_administrator(account, head, bureau_staff):
    for actor in (head, bureau_staff):
        with pytest.raises(PermissionRefused):
            login_protection.unlock(actor=actor, username=account.username)
    assert not AuditEvent.objects.filter(action="login_unlock").exists()


def test_the_system_administrator_unlocks_only_the_accounts_of_their_bureau(client, account, bureau):
    admin = UserFactory(username="sysadmin", role=Role.SYSTEM_ADMIN, department=None, bureau=bureau)
    far = DepartmentFactory(
        bureau=BureauFactory(code="CZJ-HY", name="衡阳市财政局"), code="HY-1", name="衡阳某局"
    )
    stranger = UserFactory(username="far_officer", role=Role.FINANCE_OFFICER, department=far)
    for username in (account.username, stranger.username):
        for attempt in range(5):
            _login(client, username, f"wrong-{attempt}", ip=f"10.0.{len(username)}.{attempt}")
    client.force_login(admin)
    page = client.get(reverse("core:login-locks")).content.decode()
    assert account.username in page and stranger.username not in page
    with pytest.raises(PermissionRefused):
        login_protection.unlock(actor=admin, username=stranger.username)
    login_protection.unlock(actor=admin, username=account.username)
    assert not login_protection.is_locked(account.username) and login_protection.is_locked(stranger.username)


def test_passwords_follow_djangos_validators(officer):
    officer.full_name = "李会计"
    for weak in ("short-9ch", "officer2023", "password1234", "12345678901"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=officer)
    validate_password("jixiao-demo", user=User(username="kx_caiwu", full_name="李会计（演示）"))
    validate_password("远山-晴川-2024", user=officer)


def test_the_administrator_unlocks_from_the_users_page_and_returns_to_it(client, account, bureau):
    admin = UserFactory(username="sysadmin", role=Role.SYSTEM_ADMIN, department=None, bureau=bureau)
    for attempt in range(5):
        _login(client, account.username, f"wrong-{attempt}", ip=f"10.1.0.{attempt}")
    client.force_login(admin)
    page_url = reverse("orgs:user-detail", args=[account.pk])
    page = client.get(page_url).content.decode()
    assert "该账号因连续输错密码已被锁定" in page and "解除登录锁定" in page
    response = client.post(
        reverse("core:login-unlock"),
        {"username": account.username, "next": page_url, "reason": "已电话核实本人"},
    )
    assert response.status_code == 302 and response["Location"] == page_url
    assert not login_protection.is_locked(account.username)
    assert "解除登录锁定" not in client.get(page_url).content.decode()
    unlock = AuditEvent.objects.get(action="login_unlock")
    assert unlock.actor == admin
    outside = client.post(
        reverse("core:login-unlock"), {"username": account.username, "next": "https://evil.example/"}
    )
    assert outside["Location"] == reverse("core:login-locks")
