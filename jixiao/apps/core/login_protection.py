"""Login protection: lockout after repeated wrong passwords (django-axes), every attempt audited,
and the 系统管理员's unlock.

django-axes counts failures per account and per IP address (``AXES_LOCKOUT_PARAMETERS``). Once
either reaches ``LOGIN_FAILURE_LIMIT``, ``LockoutBackend`` refuses the next attempts *before* the
password backend runs, so a locked account's password is not checked at all — not even the right
one — until ``LOGIN_LOCKOUT_MINUTES`` have passed or an administrator unlocks it.

Each success, failure, refusal during a lockout, lockout and unlock is an AuditEvent in jixiao's
own trail (action ``login_*``), next to every other state change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from jixiao.apps.core.services import audit_record
from jixiao.domain.errors import PermissionRefused

AUDIT_ACTIONS = {
    "login_success": "登录成功",
    "login_failure": "登录失败（用户名或密码错误）",
    "login_refused": "登录被拒绝（已锁定，未校验密码）",
    "login_lockout": "连续登录失败，已锁定",
    "login_unlock": "解除登录锁定",
}
UNLOCK_ROLES = {"system_admin"}  # 系统管理员 (jixiao.apps.orgs.models.Role.SYSTEM_ADMIN)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first in AUTHENTICATION_BACKENDS.

    Without a request (the test client's ``login()``, a shell) there is neither an IP address nor
    a login page to refuse on; the check is skipped and the password backends decide alone. Every
    web login — jixiao's login page and the admin's — passes its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except PermissionDenied:
            request.jixiao_refused_locked = True  # for the audit: refused unchecked, not a wrong password
            raise


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the proxy header named in LOGIN_CLIENT_IP_HEADER."""
    header = getattr(settings, "LOGIN_CLIENT_IP_HEADER", "")
    if header:
        forwarded = request.META.get(header, "")
        first = forwarded.split(",")[0].strip()
        if first:
            return first[:45]
    return request.META.get("REMOTE_ADDR")


def lockout_text() -> str:
    return (
        f"同一账号或同一IP地址连续{settings.LOGIN_FAILURE_LIMIT}次输错密码后，"
        f"将被锁定{settings.LOGIN_LOCKOUT_MINUTES}分钟；锁定期间不再校验密码，"
        "如需提前解锁请联系财政局系统管理员。"
    )


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, saying in Chinese why the login was refused (HTTP 429)."""
    return render(
        request,
        "core/login.html",
        {
            "form": AuthenticationForm(request, data=request.POST or None),
            "locked_out": True,
            "lockout_text": lockout_text(),
            "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES,
            "next": request.POST.get("next", "") or request.GET.get("next", ""),
        },
        status=429,
    )


# ---------------------------------------------------------------- audit


def _user_named(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).select_related("department").first()


def _audit(*, action: str, user, username: str, request, reason: str = "", actor=None) -> None:
    ip = client_ip(request) if request is not None else None
    department = getattr(user, "department", None) if user is not None else None
    audit_record(
        actor=actor,
        action=action,
        action_label=AUDIT_ACTIONS[action],
        target=user,
        department=department,
        after={"username": username[:150], "ip": ip or ""},
        reason=reason,
    )


def _web_request(request) -> bool:
    # The test client's force_login() logs in with a bare HttpRequest: no address, no login.
    return request is not None and bool(getattr(request, "META", {}).get("REMOTE_ADDR"))


@receiver(user_logged_in, dispatch_uid="jixiao_login_success")
def _on_login(sender, request, user, **kwargs) -> None:
    if _web_request(request):
        _audit(action="login_success", user=user, username=user.get_username(), request=request, actor=user)


@receiver(user_login_failed, dispatch_uid="jixiao_login_failure")
def _on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    if not _web_request(request):
        return
    username = str(credentials.get("username") or "")
    user = _user_named(username)
    if getattr(request, "jixiao_refused_locked", False):
        # LockoutBackend refused before any password backend ran.
        _audit(action="login_refused", user=user, username=username, request=request, reason=lockout_text())
    else:
        reason = "" if user is not None else "该用户名不存在"
        _audit(action="login_failure", user=user, username=username, request=request, reason=reason)


@receiver(user_locked_out, dispatch_uid="jixiao_login_lockout")
def _on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    if request is None or getattr(request, "jixiao_refused_locked", False):
        return  # an attempt during a lockout: already audited as login_refused
    _audit(
        action="login_lockout",
        user=_user_named(username),
        username=str(username or ""),
        request=request,
        reason=f"连续{settings.LOGIN_FAILURE_LIMIT}次登录失败，锁定{settings.LOGIN_LOCKOUT_MINUTES}分钟（IP {ip_address}）",
    )


# ---------------------------------------------------------------- locks and unlock


@dataclass(frozen=True)
class Lock:
    username: str
    ip_address: str
    failures: int
    last_attempt: dt.datetime
    until: dt.datetime


def _may_unlock(actor, user) -> bool:
    """The operator at the command line (actor None), a superuser, or the 系统管理员 of the
    account's own finance bureau."""
    if actor is None or getattr(actor, "is_superuser", False):
        return True
    return (
        user is not None
        and getattr(actor, "role", None) in UNLOCK_ROLES
        and actor.bureau_id is not None
        and user.scope_bureau_id == actor.bureau_id
    )


def locks(*, actor, now: dt.datetime | None = None) -> list[Lock]:
    """The accounts locked now that ``actor`` may unlock, latest first.

    An account is locked when its failures in the lockout window reach the limit, counted over
    every address it was tried from, as django-axes counts them."""
    now = now or timezone.now()
    window = dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    attempts = AccessAttempt.objects.filter(attempt_time__gte=now - window).exclude(username=None)
    totals: dict[str, dict] = {}
    for attempt in attempts.values("username", "ip_address", "failures_since_start", "attempt_time"):
        total = totals.setdefault(
            attempt["username"], {"failures": 0, "last": attempt["attempt_time"], "ips": set()}
        )
        total["failures"] += attempt["failures_since_start"]
        total["last"] = max(total["last"], attempt["attempt_time"])
        total["ips"].add(attempt["ip_address"] or "")
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=list(totals)).select_related("department")
    }
    found = [
        Lock(
            username=username,
            ip_address="、".join(sorted(total["ips"])),
            failures=total["failures"],
            last_attempt=total["last"],
            until=total["last"] + window,
        )
        for username, total in totals.items()
        if total["failures"] >= settings.LOGIN_FAILURE_LIMIT and _may_unlock(actor, users.get(username))
    ]
    return sorted(found, key=lambda lock: lock.last_attempt, reverse=True)


def unlock(*, actor, username: str, ip_address: str = "", reason: str = "") -> int:
    """Lift the lockout of ``username`` (and of ``ip_address`` when given) before it runs out.

    Only the 系统管理员 of the account's finance bureau (or the operator at the command line) may.
    Returns how many attempt records were cleared; the unlock is audited either way.
    """
    user = _user_named(username)
    if not _may_unlock(actor, user):
        raise PermissionRefused("只有该账号所属财政局的系统管理员可以解除登录锁定。")
    with transaction.atomic():
        cleared = reset(username=username)
        if ip_address:
            cleared += reset(ip=ip_address)
        audit_record(
            actor=actor,
            action="login_unlock",
            action_label=AUDIT_ACTIONS["login_unlock"],
            target=user,
            department=getattr(user, "department", None) if user is not None else None,
            after={"username": username, "ip": ip_address, "cleared": cleared},
            reason=reason or ("命令行解锁" if actor is None else ""),
        )
    return cleared


def is_locked(username: str, *, now: dt.datetime | None = None) -> bool:
    """Is this account locked now (by its own failures, from any address)?"""
    return any(lock.username == username for lock in locks(actor=None, now=now))
