"""What the base template's frame needs: year, the user's scope, the navigation for the role."""

from __future__ import annotations

from jixiao.apps.core.middleware import year_choices
from jixiao.apps.core.navigation import navigation_for
from jixiao.apps.core.uploads import upload_refusal


def frame(request):
    user = getattr(request, "user", None)
    year = getattr(request, "year", None)
    return {
        "current_year": year,
        "year_choices": year_choices(user, year) if user is not None and user.is_authenticated else [],
        "nav_groups": navigation_for(user) if user is not None and user.is_authenticated else [],
        "upload_refusal": upload_refusal(request),
    }
