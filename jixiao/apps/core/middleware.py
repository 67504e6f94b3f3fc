"""The year switcher: ``?year=2023`` is kept in the session and exposed as ``request.year``.
And the must-change-password gate: a user with an initial or reset password uses nothing else
until they have set their own."""

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
            # only a change is stored: assigning the same value would write the session every request
            if hasattr(request, "session") and request.session.get("year") != year:
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

    year = BudgetLine.objects.filter(department__in=departments_visible_to(user)).aggregate(y=Max("year"))[
        "y"
    ]
    if year and hasattr(request, "session"):
        request.session["year"] = year
    return year


# Pages a user who must change their password may still open.
OPEN_WHILE_MUST_CHANGE = {"password-change", "logout", "login"}


class MustChangePasswordMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not getattr(user, "must_change_password", False):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_WHILE_MUST_CHANGE and not match.namespace:
            return None
        from django.shortcuts import redirect

        return redirect("password-change")


YEAR_SOURCES = ("budgets.BudgetLine", "orgs.DepartmentProfile", "goals.Goal")


def data_years(user) -> set[int]:
    """Years for which the user's departments have budget lines, a profile or goals (one query: the
    distinct years of each source, united; the models' default ordering cleared so that DISTINCT
    is over the year alone)."""
    from django.apps import apps

    from jixiao.apps.orgs.selectors import departments_visible_to

    departments = departments_visible_to(user)
    sources = []
    for label in YEAR_SOURCES:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        sources.append(
            model.objects.filter(department__in=departments)
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )
    if not sources:
        return set()
    first, *rest = sources
    return set(first.union(*rest))


def year_choices(user, current: int | None) -> list[int]:
    """The switcher offers the years with data plus the current budget year. A department that has
    no data yet may choose its first year among the last few."""
    budget_year = current_year()
    years = data_years(user) if getattr(user, "is_authenticated", False) else set()
    if not years:
        years = set(range(budget_year - 3, budget_year + 1))
    years |= {budget_year, request_default_year()}
    if current:
        years.add(current)
    return sorted(years)
