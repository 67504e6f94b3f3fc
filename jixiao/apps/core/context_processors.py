"""What the base template's frame needs: year, the user's scope, the navigation for the role, and
the 待办 inbox (built once per request, only when a template reads it)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from jixiao.apps.core.inbox import inbox_for
from jixiao.apps.core.middleware import year_choices
from jixiao.apps.core.navigation import navigation_for
from jixiao.apps.core.uploads import upload_refusal


def frame(request):
    user = getattr(request, "user", None)
    year = getattr(request, "year", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "inbox": SimpleLazyObject(lambda: inbox_for(user, year)) if signed_in else None,
        "current_year": year,
        "year_choices": year_choices(user, year) if user is not None and user.is_authenticated else [],
        "nav_groups": navigation_for(user) if user is not None and user.is_authenticated else [],
        "upload_refusal": upload_refusal(request),
    }
