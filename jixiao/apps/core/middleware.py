"""The year switcher: ``?year=2023`` is kept in the session and exposed as ``request.year``."""

from __future__ import annotations

from django.utils import timezone

MIN_YEAR, MAX_YEAR = 2000, 2100


def current_year() -> int:
    return timezone.localdate().year


class YearMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        year = None
        raw = request.GET.get("year")
        if raw and raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
            year = int(raw)
            if hasattr(request, "session"):
                request.session["year"] = year
        elif hasattr(request, "session"):
            year = request.session.get("year")
        request.year = year or latest_year_with_books(request) or request_default_year()
        return self.get_response(request)


def request_default_year() -> int:
    return current_year() - 1 if timezone.localdate().month <= 3 else current_year()


def latest_year_with_books(request) -> int | None:
    """A new session opens on the latest year the user's departments have budget lines for."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    from django.db.models import Max

    from jixiao.apps.budgets.models import BudgetLine
    from jixiao.apps.orgs.selectors import departments_visible_to

    year = BudgetLine.objects.filter(department__in=departments_visible_to(user)).aggregate(y=Max("year"))["y"]
    if year and hasattr(request, "session"):
        request.session["year"] = year
    return year
