"""Oversight, review and public screens. Thin: parse, call one selector or service, render.

Objects are fetched with access_* functions (404 for what the user may not see); the public
page reaches submissions only by their unguessable slug, and only once published.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from jixiao.apps.budgets.selectors import sangong_year
from jixiao.apps.budgets.templatetags.jixiao_money import money, money_cell, pct
from jixiao.apps.orgs.selectors import access_department, departments_visible_to
from jixiao.apps.oversight import services
from jixiao.apps.oversight.forms import ReturnForm, UploadForm
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.apps.oversight.selectors import (
    access_comment,
    access_submission,
    department_figures,
    oversight_figures,
    public_report,
    published_reports,
    review_queue,
)
from jixiao.domain.classification import sangong_items
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.review import STATE_LABELS, ReviewState

NOT_YET = "—/未提交"

# Drill-down targets in the budgets app, kept in one place.
DRILL = {
    "department": "budgets:department",
    "vouchers": "budgets:voucher-list",
}

SORTS = {
    "name": lambda f: f.code,
    "budget": lambda f: f.budget_total,
    "initial": lambda f: f.initial_total,
    "spent": lambda f: f.spent_total,
    "rate_basic": lambda f: f.rate_basic,
    "rate_project": lambda f: f.rate_project,
    "rate_total": lambda f: f.rate_total,
    "sangong": lambda f: f.sangong_actual,
    "sangong_vs_budget": lambda f: f.sangong_vs_budget,
    "sangong_change": lambda f: f.sangong_change,
    "warnings": lambda f: len(f.extra["warnings"]),
    "report": lambda f: f.extra.get("report_state", ""),
}
RATE_FIELDS = {"total": "rate_total", "basic": "rate_basic", "project": "rate_project"}
WARNING_KINDS = ("预算执行滞后", "三公超预算", "三公增长")


def voucher_url(department_id: int, year: int, **filters) -> str:
    query = {"department": department_id, "year": year, **filters}
    return f"{reverse(DRILL['vouchers'])}?{urlencode(query)}"


def department_url(department_id: int, year: int) -> str:
    return f"{reverse(DRILL['department'], args=[department_id])}?{urlencode({'year': year})}"


def _sorted(rows, sort: str):
    key = sort.lstrip("-")
    if key not in SORTS:
        return rows, "name"
    present = [r for r in rows if SORTS[key](r) is not None]
    missing = [r for r in rows if SORTS[key](r) is None]
    return sorted(present, key=SORTS[key], reverse=sort.startswith("-")) + missing, sort


def _filtered(rows, params):
    q = params.get("q", "").strip()
    if q:
        rows = [r for r in rows if q in r.name or q in r.code]
    kind = params.get("warning", "")
    if kind == "any":
        rows = [r for r in rows if r.extra["warnings"]]
    elif kind:
        rows = [r for r in rows if any(w.kind == kind for w in r.extra["warnings"])]
    below = params.get("below", "").strip()
    if below:
        try:
            limit = Decimal(below)
        except InvalidOperation:
            limit = None
        if limit is not None:
            field = RATE_FIELDS.get(params.get("rate", "total"), "rate_total")
            rows = [r for r in rows if getattr(r, field) is not None and getattr(r, field) < limit]
    demo = params.get("demo", "")
    if demo == "only":
        rows = [r for r in rows if r.is_demo]
    elif demo == "exclude":
        rows = [r for r in rows if not r.is_demo]
    return rows


def _latest_reports(user, year: int) -> dict[int, ReportSubmission]:
    latest: dict[int, ReportSubmission] = {}
    for s in (
        review_queue(user=user, year=year)
        .select_related(None)
        .only("id", "department_id", "version", "state")
    ):
        if s.department_id not in latest or s.version > latest[s.department_id].version:
            latest[s.department_id] = s
    return latest


def _overview_rows(rows, year: int, unit: str) -> list[dict]:
    """Each row's cells as ready text and links, so the 100-row table renders in one pass."""
    vouchers = reverse(DRILL["vouchers"])
    execution = reverse(DRILL["department"], args=[0]).replace("/0/", "/{}/")
    detail = reverse("oversight:department", args=[0]).replace("/0/", "/{}/")
    review = reverse("oversight:review-detail", args=[0]).replace("/0/", "/{}/")
    out = []
    for r in rows:
        dept = execution.format(r.department_id) + f"?year={year}"
        own = detail.format(r.department_id) + f"?year={year}"
        base = f"{vouchers}?department={r.department_id}&year={year}"
        report = r.extra.get("report")
        out.append(
            {
                "name": r.name,
                "is_demo": r.is_demo,
                "detail": own,
                "cells": (
                    (money_cell(r.initial_total, unit), dept, ""),
                    (money_cell(r.budget_total, unit), dept, ""),
                    (money_cell(r.spent_total, unit), dept, ""),
                    (
                        pct(r.rate_basic),
                        base + "&fund_type=basic_public",
                        f"基本支出：{money(r.spent_basic, unit)}／{money(r.budget_basic, unit)}",
                    ),
                    (
                        pct(r.rate_project),
                        base + "&fund_type=project",
                        f"项目支出：{money(r.spent_project, unit)}／{money(r.budget_project, unit)}",
                    ),
                    (pct(r.rate_total), "", ""),
                    (money_cell(r.sangong_actual, unit), own + "#sangong", ""),
                    (pct(r.sangong_vs_budget), "", f"“三公”预算 {money(r.sangong_budget, unit)}"),
                    (pct(r.sangong_change), "", f"上年“三公” {money(r.sangong_previous, unit)}"),
                ),
                "report": (report.state_label, review.format(report.pk)) if report else None,
                "warnings": r.extra["warnings"],
            }
        )
    return out


@login_required
def overview(request):
    year = request.year
    unit = "yuan" if request.GET.get("unit") == "yuan" else "wan"
    rows = oversight_figures(user=request.user, year=year, as_of=timezone.localdate())
    reports = _latest_reports(request.user, year)
    for row in rows:
        report = reports.get(row.department_id)
        row.extra["report_state"] = report.state if report else ""
        row.extra["report"] = report
        row.extra["warnings"] = row.warnings
    shown = _filtered(rows, request.GET)
    shown, sort = _sorted(shown, request.GET.get("sort", "name"))
    return render(
        request,
        "oversight/overview.html",
        {
            "title": f"{year}年度 全局概览",
            "rows": _overview_rows(shown, year, unit),
            "total_count": len(rows),
            "sort": sort,
            "unit": unit,
            "not_yet": NOT_YET,
            "warning_kinds": WARNING_KINDS,
            "any_demo": any(r.is_demo for r in rows),
            "time_progress": rows[0].time_progress if rows else None,
            "params": request.GET,
        },
    )


@login_required
def department(request, pk: int):
    dept = access_department(user=request.user, id=pk)
    year = request.year
    figures = department_figures(department=dept, year=year, as_of=timezone.localdate())
    now, before = sangong_year(department=dept, year=year), sangong_year(department=dept, year=year - 1)
    sangong = [
        {
            "label": item.name,
            "actual": now.item(item.key),
            "budget": now.budget.get(item.key),
            "previous": before.item(item.key),
            "url": voucher_url(dept.pk, year, econ=item.code),
        }
        for item in sangong_items()
    ]
    return render(
        request,
        "oversight/department.html",
        {
            "title": f"{year}年度 {dept.name} 监督详情",
            "department": dept,
            "f": figures,
            "sangong": sangong,
            "execution_url": department_url(dept.pk, year),
            "project_url": voucher_url(dept.pk, year, fund_type="project"),
            "reports": review_queue(user=request.user, year=year).filter(department=dept),
        },
    )


@login_required
def review_list(request):
    state = request.GET.get("state", "")
    if state and state not in STATE_LABELS:
        state = ""
    return render(
        request,
        "oversight/review_list.html",
        {
            "title": f"{request.year}年度 报告审核发布",
            "submissions": review_queue(user=request.user, year=request.year, state=state),
            "states": [(s.value, STATE_LABELS[s]) for s in ReviewState if s is not ReviewState.DRAFT],
            "state": state,
            "can_upload": request.user.role == "bureau_staff",
        },
    )


def _can_review(user, submission) -> bool:
    return user.role == "bureau_staff" and submission.submitted_by_id != user.pk


@login_required
def review_detail(request, pk: int, form=None, refusal=None):
    submission = access_submission(user=request.user, id=pk)
    comments: dict[str, list] = {}
    for comment in submission.comments.select_related("author"):
        comments.setdefault(comment.paragraph_id, []).append(comment)
    paragraphs = [{**p, "comments": comments.get(p["id"], [])} for p in submission.paragraphs]
    return render(
        request,
        "oversight/review_detail.html",
        {
            "title": f"{submission.department.name} {submission.year}年度报告（第{submission.version}版）",
            "s": submission,
            "department": submission.department,
            "paragraphs": paragraphs,
            "comment_choices": [p for p in submission.paragraphs if p["kind"] != "chart"],
            "form": form or ReturnForm(paragraphs=submission.paragraphs),
            "refusal": refusal,
            "can_review": _can_review(request.user, submission),
            "public_url": reverse("public:report", args=[submission.public_slug])
            if submission.state == ReviewState.PUBLISHED
            else "",
        },
    )


@login_required
@require_POST
def review_action(request, pk: int, action: str):
    submission = access_submission(user=request.user, id=pk)
    if action not in ("return", "accept", "publish", "comment"):
        raise Http404("没有这个操作。")
    form = ReturnForm(request.POST, paragraphs=submission.paragraphs)
    try:
        if action in ("return", "comment"):
            if not form.is_valid():
                return review_detail(request, pk, form=form)
            pid, text = form.cleaned_data["paragraph"], form.cleaned_data["comment"]
            if action == "comment":
                services.submission_comment(
                    actor=request.user, submission=submission, paragraph_id=pid, text=text
                )
                messages.success(request, "已添加审核意见。")
            else:
                services.submission_return(
                    actor=request.user,
                    submission=submission,
                    reason=form.cleaned_data["reason"],
                    comments=((pid, text),) if pid and text else (),
                )
                messages.success(request, "已退回修改，单位可在修改后重新提交。")
        elif action == "accept":
            services.submission_accept(actor=request.user, submission=submission)
            messages.success(request, "已审核通过，可以公开发布。")
        else:
            services.submission_publish(actor=request.user, submission=submission)
            messages.success(request, "已公开发布，公众无需登录即可查看。")
    except DomainError as error:
        response = review_detail(request, pk, form=form, refusal=error.message)
        if isinstance(error, PermissionRefused):
            response.status_code = 403
        return response
    return redirect("oversight:review-detail", pk=submission.pk)


def _docx_response(submission) -> HttpResponse:
    data, name = bytes(submission.docx), f"{submission.title}.docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if not data:
        data, name, content_type = (
            bytes(submission.original),
            submission.original_name,
            "application/octet-stream",
        )
    if not data:
        raise Http404("该报告没有可下载的文件。")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def review_download(request, pk: int):
    return _docx_response(access_submission(user=request.user, id=pk))


@login_required
def comment_detail(request, pk: int):
    comment = access_comment(user=request.user, id=pk)
    return redirect(
        reverse("oversight:review-detail", args=[comment.submission_id]) + f"#comment-{comment.pk}"
    )


@login_required
def review_upload(request):
    if request.user.role != "bureau_staff":
        raise Http404("只有财政局工作人员可以上传报告。")
    departments = departments_visible_to(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, departments=departments)
    outcomes = None
    if request.method == "POST" and form.is_valid():
        files = [(form.cleaned_data["department"], f.name, f.read()) for f in form.cleaned_data["files"]]
        outcomes = services.reports_upload_batch(actor=request.user, year=request.year, files=files)
    return render(
        request,
        "oversight/review_upload.html",
        {"title": f"{request.year}年度 上传系统外报告", "form": form, "outcomes": outcomes},
    )


# ---------------------------------------------------------------------------------------------
# Public (no login)


def public_index(request):
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else None
    reports = list(published_reports(year=year))
    years = sorted({r.year for r in published_reports()}, reverse=True)
    return render(
        request,
        "oversight/public_index.html",
        {"reports": reports, "years": years, "year": year, "title": "部门整体支出绩效评价报告公开"},
    )


def public_report_view(request, slug: str):
    report = public_report(slug=slug)
    return render(request, "oversight/public_report.html", {"r": report, "title": report.title})


def public_download(request, slug: str):
    return _docx_response(public_report(slug=slug))
