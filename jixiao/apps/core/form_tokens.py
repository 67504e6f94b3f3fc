"""One-time form tokens: a form sent twice (a double click, a resent page, two tabs) books once.

Every form that carries ``{% csrf_token %}`` also carries a fresh random ``form_token`` (the
template tag in ``core/templatetags/form_tokens.py`` is a builtin that wraps Django's own), so
every state-changing form has one without each template asking for it.

``FormTokenMiddleware`` claims the token of a logged-in user's POST before the view runs: the
claim is a row with a unique token, committed on its own, so of two simultaneous posts exactly
one gets it. The other does not reach the view: it is sent where the first one went (the
first's redirect), or told that the form is already being handled (HTTP 409).
A refused post (4xx/5xx: invalid form, refused by a rule, error) gives its token back, so the
same page may be corrected and sent again. Posts without a token (scripts, the test client) are
not affected; CSRF protection still applies to them. Nor are a script's posts of a form's fields
(the goal page's live validation sends them with fetch): only the page's own submission spends
the token.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

FIELD = "form_token"
MAX_LENGTH = 64
KEEP_FOR = dt.timedelta(days=2)
DUPLICATE_MESSAGE = "该表单已经提交过，没有重复保存。"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _page_submission(request) -> bool:
    """A form sent by the browser as a page (not a script's fetch carrying the form's fields)."""
    if request.headers.get("X-Requested-With"):
        return False
    return request.headers.get("Sec-Fetch-Mode", "navigate") == "navigate"


class FormTokenMiddleware:
    """After CsrfViewMiddleware, AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        claimed = getattr(request, "_form_token_claimed", None)
        if claimed is not None:
            self._settle(claimed, response)
        return response

    def process_view(self, request, view, args, kwargs):
        if (
            request.method != "POST"
            or not getattr(request, "user", None)
            or not request.user.is_authenticated
        ):
            return None
        if not _page_submission(request):
            return None  # a script's post (live validation) does not spend the page's token
        token = request.POST.get(FIELD, "")
        if not token or len(token) > MAX_LENGTH:
            return None
        from jixiao.apps.core.models import FormSubmission

        now = timezone.now()
        try:
            with transaction.atomic():
                claimed = FormSubmission.objects.create(
                    token=token, user=request.user, path=request.path[:255], created_at=now
                )
        except IntegrityError:
            return self._duplicate(request, token)
        request._form_token_claimed = claimed
        return None

    def _settle(self, claimed, response) -> None:
        from jixiao.apps.core.models import FormSubmission

        status = response.status_code
        if status >= 400:
            FormSubmission.objects.filter(pk=claimed.pk).delete()
        elif 300 <= status < 400 and response.get("Location"):
            FormSubmission.objects.filter(pk=claimed.pk).update(location=response["Location"][:500])
        FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()

    def _duplicate(self, request, token: str):
        from jixiao.apps.core.models import FormSubmission

        first = FormSubmission.objects.filter(token=token).first()
        if (
            first is not None
            and first.user_id == request.user.pk
            and first.location
            and url_has_allowed_host_and_scheme(first.location, allowed_hosts={request.get_host()})
        ):
            messages.info(request, DUPLICATE_MESSAGE)
            return redirect(first.location)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        return render(request, "core/duplicate_submit.html", {"title": "重复提交", "back": back}, status=409)
