"""The login page (with the lockout rule stated) and the 系统管理员's list of locked accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jixiao.apps.core import login_protection
from jixiao.domain.errors import DomainError


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(lockout_text=login_protection.lockout_text(), **kwargs)


def _require_unlocker(user) -> None:
    if not (user.is_superuser or getattr(user, "role", None) in login_protection.UNLOCK_ROLES):
        raise Http404("只有系统管理员可以查看登录锁定。")


@login_required
def login_locks(request):
    _require_unlocker(request.user)
    return render(
        request,
        "core/login_locks.html",
        {
            "title": "登录锁定",
            "locks": login_protection.locks(actor=request.user),
            "lockout_text": login_protection.lockout_text(),
        },
    )


@login_required
@require_POST
def login_unlock(request):
    _require_unlocker(request.user)
    username = request.POST.get("username", "").strip()
    if not username:
        messages.error(request, "请选择要解锁的账号。")
        return redirect("core:login-locks")
    try:
        login_protection.unlock(actor=request.user, username=username, reason=request.POST.get("reason", ""))
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"已解除账号“{username}”的登录锁定。")
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("core:login-locks")
