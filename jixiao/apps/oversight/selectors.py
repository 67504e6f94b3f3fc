"""The oversight table: one query per figure family over every department of the bureau.

Budget figures come from the budget lines' running totals (a few rows per department), and the
三公 actuals from the spending summary the database keeps with each voucher, so no page reads
the vouchers themselves and the time does not grow with their number. Goal completion and the 双监控 warnings
come from ``goals.overview`` (a fixed number of queries for all departments); the
self-evaluation score is the one stored with each department's latest submitted report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from jixiao.apps.budgets.models import BudgetLine, SanGongBudget, SpendingSummary
from jixiao.apps.budgets.selectors import thresholds_for
from jixiao.apps.goals.overview import progress_for_departments
from jixiao.apps.orgs.models import Department, DepartmentProfile
from jixiao.apps.orgs.selectors import bureaus_visible_to, departments_visible_to
from jixiao.domain.classification import SANGONG_CODES
from jixiao.domain.early_warning import thresholds_with
from jixiao.domain.monitoring import MonitoringThresholds, time_progress
from jixiao.domain.oversight import (
    LAG_POINTS,
    BureauFigures,
    DepartmentFigures,
    GoalProgress,
    LatestReport,
    bureau_figures,
)
from jixiao.domain.review import ReviewState

ZERO = Decimal("0.00")


def oversight_figures(*, user, year: int, as_of: dt.date, bureau=None) -> list[DepartmentFigures]:
    """Every department the user may see, or (``bureau``, already fetched with access_bureau)
    those of one bureau."""
    departments = departments_visible_to(user)
    if bureau is not None:
        departments = departments.filter(bureau_id=bureau.pk)
    return figures_for_departments(departments, year=year, as_of=as_of)


def department_figures(*, department, year: int, as_of: dt.date) -> DepartmentFigures:
    """The same figures for one department (what a submission snapshots)."""
    return figures_for_departments(Department.objects.filter(pk=department.pk), year=year, as_of=as_of)[0]


def figures_for_departments(departments, *, year: int, as_of: dt.date) -> list[DepartmentFigures]:
    departments = list(departments.order_by("code").values("id", "name", "code", "is_demo"))
    ids = [d["id"] for d in departments]
    money = department_money(ids, year=year)
    profiles = {
        p["department_id"]: p
        for p in DepartmentProfile.objects.filter(department_id__in=ids, year=year).values(
            "department_id", "staffing_quota", "actual_staff"
        )
    }
    progress = time_progress(as_of, year=year)
    limits = department_limits(ids)
    used = lines_used(ids, year=year, limits=limits) if as_of <= dt.date(year, 12, 31) else {}
    goals = goal_progress_for(ids, year=year, as_of=as_of, limits=limits)
    reports = latest_reports(ids, year=year)
    return [
        DepartmentFigures(
            department_id=d["id"],
            name=d["name"],
            code=d["code"],
            is_demo=d["is_demo"],
            staffing_quota=profiles.get(d["id"], {}).get("staffing_quota"),
            actual_staff=profiles.get(d["id"], {}).get("actual_staff"),
            time_progress=progress,
            goal=goals.get(d["id"]),
            report=reports.get(d["id"]),
            lag_points=limits[d["id"]].budget_lag_points if d["id"] in limits else LAG_POINTS,
            lines_used=used.get(d["id"], ()),
            **dict(money[d["id"]]),
        )
        for d in departments
    ]


def department_money(ids, *, year: int) -> dict[int, dict[str, Decimal]]:
    """Budget, spending and 三公 figures of each department: three queries, whatever the count.
    ``ids`` is a list of department ids or, for thousands, a queryset of them (a subquery)."""
    lines = (
        BudgetLine.objects.filter(department_id__in=ids, year=year)
        .values("department_id", "fund_type")
        .annotate(
            allocated=Sum("allocated"),
            adjusted=Sum("adjusted"),
            tin=Sum("transferred_in"),
            tout=Sum("transferred_out"),
            spent=Sum("spent"),
        )
    )
    money: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for row in lines:
        family = "project" if row["fund_type"] == "project" else "basic"
        bucket = money[row["department_id"]]
        bucket[f"initial_{family}"] += row["allocated"]
        bucket[f"budget_{family}"] += row["allocated"] + row["adjusted"] + row["tin"] - row["tout"]
        bucket[f"spent_{family}"] += row["spent"]
    for row in (
        SanGongBudget.objects.filter(department_id__in=ids, year=year)
        .values("department_id")
        .annotate(total=Sum("amount"))
    ):
        money[row["department_id"]]["sangong_budget"] += row["total"]
    # 三公 actuals from the per-department-year-经济分类 summary the database keeps with every
    # voucher (budgets migration 0009): a few rows per department, whatever the voucher count.
    for row in SpendingSummary.objects.filter(
        department_id__in=ids, year__in=[year, year - 1], econ_code__in=SANGONG_CODES
    ).values_list("year", "department_id", "amount"):
        row_year, department_id, total = row
        key = "sangong_actual" if row_year == year else "sangong_previous"
        money[department_id][key] += total
    return money


def lines_used(
    ids: list[int], *, year: int, limits: dict[int, MonitoringThresholds]
) -> dict[int, tuple[tuple[str, Decimal], ...]]:
    """Lines used (已支出 + 已预占) to their bureau's 指标使用率预警线 or beyond: (label, percent)."""
    found: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for line in BudgetLine.objects.filter(department_id__in=ids, year=year).select_related("project"):
        limit = limits.get(line.department_id)
        budget = line.budget
        if limit is None or budget <= 0:
            continue
        used = (line.spent + line.committed) * 100 / budget
        if used >= limit.line_used_percent:
            found[line.department_id].append((line.label, used))
    return {key: tuple(value) for key, value in found.items()}


def monitoring_date(as_of: dt.date, year: int) -> dt.date:
    """The date the year's goals are watched at: ``as_of``, but no later than the year's end."""
    return min(as_of, dt.date(year, 12, 31))


def department_limits(ids: list[int]) -> dict[int, MonitoringThresholds]:
    """Each department's early-warning thresholds: its bureau's overrides of the defaults."""
    by_bureau: dict[int, MonitoringThresholds] = {}
    limits = {}
    for department_id, bureau_id in Department.objects.filter(pk__in=ids).values_list("pk", "bureau_id"):
        if bureau_id not in by_bureau:
            by_bureau[bureau_id] = thresholds_for(bureau_id)
        limits[department_id] = by_bureau[bureau_id]
    return limits


def goal_progress_for(
    ids: list[int], *, year: int, as_of: dt.date, limits: dict[int, MonitoringThresholds] | None = None
) -> dict[int, GoalProgress]:
    """Goal completion and 双监控 warnings of each department with an overall goal for ``year``."""
    limits = limits if limits is not None else department_limits(ids)
    return progress_for_departments(ids, year=year, as_of=monitoring_date(as_of, year), limits=limits)


def latest_reports(ids: list[int], *, year: int) -> dict[int, LatestReport]:
    """Each department's latest report version of ``year`` with its stored self-evaluation score
    (one query; the snapshot's large columns are not read)."""
    from jixiao.apps.oversight.models import ReportSubmission

    latest: dict[int, LatestReport] = {}
    for row in (
        ReportSubmission.objects.filter(department_id__in=ids, year=year)
        .order_by("department_id", "version")
        .values_list(
            "id", "department_id", "version", "state", "source", "self_score", "self_grade", "score_basis"
        )
    ):
        submission_id, department_id, version, state, source, score, grade, basis = row
        latest[department_id] = LatestReport(
            submission_id=submission_id,
            version=version,
            state=state,
            uploaded=source == ReportSubmission.Source.UPLOAD,
            score=score,
            grade=grade,
            basis=basis,
        )
    return latest


# ---------------------------------------------------------------------------------------------
# The province overview


def province_figures(*, user, year: int, as_of: dt.date) -> list[BureauFigures]:
    """One row per bureau the user may see (a province user: every bureau under the province),
    its departments added up. A fixed number of queries, whatever the number of departments."""
    from jixiao.apps.budgets.models import WarningThresholds
    from jixiao.apps.oversight.models import ReportSubmission

    bureaus = list(bureaus_visible_to(user).order_by("code").values("id", "name", "code"))
    bureau_ids = [b["id"] for b in bureaus]
    scope = Department.objects.filter(bureau_id__in=bureau_ids)
    departments = list(scope.values_list("id", "bureau_id", "is_demo", "code"))
    # Thousands of departments: a subquery, not thousands of parameters, names them to each query.
    ids = scope.values("id")
    money = department_money(ids, year=year)
    overrides = dict(
        WarningThresholds.objects.filter(bureau_id__in=bureau_ids).values_list("bureau_id", "values")
    )
    limits = {bureau_id: thresholds_with(overrides.get(bureau_id, {})) for bureau_id in bureau_ids}
    progress = time_progress(as_of, year=year)
    by_bureau: dict[int, list[DepartmentFigures]] = defaultdict(list)
    for department_id, bureau_id, is_demo, code in departments:
        by_bureau[bureau_id].append(
            DepartmentFigures(
                department_id=department_id,
                name="",
                code=code,
                is_demo=is_demo,
                staffing_quota=None,
                actual_staff=None,
                time_progress=progress,
                lag_points=limits[bureau_id].budget_lag_points,
                **dict(money[department_id]),
            )
        )
    reports = {
        row["department__bureau_id"]: row
        for row in ReportSubmission.objects.filter(department__bureau_id__in=bureau_ids, year=year)
        .values("department__bureau_id")
        .annotate(
            submitted=Count("department_id", distinct=True),
            published=Count("department_id", distinct=True, filter=Q(state=ReviewState.PUBLISHED)),
        )
    }
    return [
        bureau_figures(
            bureau_id=b["id"],
            name=b["name"],
            code=b["code"],
            departments=by_bureau.get(b["id"], []),
            submitted=reports.get(b["id"], {}).get("submitted", 0),
            published=reports.get(b["id"], {}).get("published", 0),
        )
        for b in bureaus
    ]


# ---------------------------------------------------------------------------------------------
# Report submissions


def submissions_visible_to(user) -> QuerySet:
    from jixiao.apps.oversight.models import ReportSubmission

    return ReportSubmission.objects.filter(department__in=departments_visible_to(user)).select_related(
        "department", "submitted_by", "decided_by", "published_by"
    )


def access_submission(*, user, id: int):
    submission = submissions_visible_to(user).filter(pk=id).first()
    if submission is None:
        raise Http404("没有找到该报告，或您无权查看。")
    return submission


def access_comment(*, user, id: int):
    from jixiao.apps.oversight.models import ReviewComment

    comment = (
        ReviewComment.objects.filter(pk=id, submission__department__in=departments_visible_to(user))
        .select_related("submission", "author")
        .first()
    )
    if comment is None:
        raise Http404("没有找到该审核意见，或您无权查看。")
    return comment


def review_queue(*, user, year: int, state: str = "") -> QuerySet:
    submissions = submissions_visible_to(user).filter(year=year).defer("docx", "original", "html", "document")
    if state:
        submissions = submissions.filter(state=state)
    return submissions.order_by("state", "department__code", "-version")


def published_reports(*, year: int | None = None) -> QuerySet:
    """What the public page lists: the current published version of each department-year."""
    from jixiao.apps.oversight.models import ReportSubmission

    reports = (
        ReportSubmission.objects.filter(state=ReviewState.PUBLISHED)
        .select_related("department")
        .only(
            "public_slug",
            "title",
            "year",
            "version",
            "published_at",
            "department__name",
            "department__is_demo",
        )
    )
    if year:
        reports = reports.filter(year=year)
    return reports.order_by("-year", "department__code")


def public_report(*, slug: str):
    """A published snapshot by its unguessable slug; anything else is a 404 (an earlier published
    version stays readable, marked as replaced)."""
    from jixiao.apps.oversight.models import ReportSubmission

    report = (
        ReportSubmission.objects.filter(public_slug=slug, published_at__isnull=False)
        .filter(state__in=[ReviewState.PUBLISHED, ReviewState.SUPERSEDED])
        .select_related("department", "superseded_by")
        .first()
    )
    if report is None:
        raise Http404("没有找到该公开报告。")
    return report
