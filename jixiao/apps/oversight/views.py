"""Oversight, review and public screens. Thin: parse, call one selector or service, render.

Objects are fetched with access_* functions (404 for what the user may not see); the public
page reaches submissions only by their unguessable slug, and only once published.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from jixiao.apps.budgets.charts import execution_chart
from jixiao.apps.budgets.selectors import sangong_year, thresholds_for
from jixiao.apps.budgets.templatetags.jixiao_money import money, money_cell, pct
from jixiao.apps.core.approval import approval_history, approval_options
from jixiao.apps.core.listing import Column, build_listing
from jixiao.apps.orgs.selectors import access_bureau, access_department, departments_visible_to
from jixiao.apps.oversight import services
from jixiao.apps.oversight.forms import ReturnForm, UploadForm
from jixiao.apps.oversight.selectors import (
    access_comment,
    access_submission,
    department_figures,
    oversight_figures,
    province_figures,
    public_report,
    published_reports,
    review_queue,
)
from jixiao.domain.classification import sangong_items
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.money import ratio_percent
from jixiao.domain.monitoring import WarningKind, load_monitoring_thresholds, time_progress
from jixiao.domain.oversight import GRADE_CHOICES, province_total
from jixiao.domain.review import STATE_LABELS, ReviewState, refuse_unless_role_may
from jixiao.formats.html_writer import CSS as report_html_css

# Drill-down targets in the budgets and goals apps, kept in one place.
DRILL = {
    "department": "budgets:department",
    "vouchers": "budgets:voucher-list",
    "monitoring": "goals:monitoring",
    "goals": "goals:goal-list",
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
    "report": lambda f: f.report.state if f.report else "",
    "goal": lambda f: f.goal.rate if f.goal else None,
    "monitoring": lambda f: f.goal.warning_count if f.goal else None,
    "score": lambda f: f.report.score if f.report else None,
}


def _sum(attribute):
    return lambda rows: sum((getattr(r, attribute) for r in rows), Decimal(0))


def _rate_of(spent, budget):
    return lambda rows: ratio_percent(_sum(spent)(rows), _sum(budget)(rows)) if _sum(budget)(rows) else None


# The one table component's columns, in the order of the cells _overview_rows writes. On a
# 1366px screen all fifteen do not fit: the three read least often start hidden (the column
# chooser shows them again, and the choice stays in the URL).
OVERVIEW_COLUMNS = (
    Column("name", "单位", value=SORTS["name"]),
    Column("initial", "年初预算", kind="money", value=SORTS["initial"], total=True, hideable=True),
    Column("budget", "调整后预算", kind="money", value=SORTS["budget"], total=True, hideable=True),
    Column("spent", "支出", kind="money", value=SORTS["spent"], total=True, hideable=True),
    Column(
        "rate_basic",
        "基本执行率",
        kind="rate",
        value=SORTS["rate_basic"],
        hideable=True,
        foot=_rate_of("spent_basic", "budget_basic"),
    ),
    Column(
        "rate_project",
        "项目执行率",
        kind="rate",
        value=SORTS["rate_project"],
        hideable=True,
        foot=_rate_of("spent_project", "budget_project"),
    ),
    Column(
        "rate_total",
        "总执行率",
        kind="rate",
        value=SORTS["rate_total"],
        foot=_rate_of("spent_total", "budget_total"),
    ),
    Column("sangong", "三公支出", kind="money", value=SORTS["sangong"], total=True, hideable=True),
    Column("sangong_vs_budget", "三公/预算", kind="rate", value=SORTS["sangong_vs_budget"], hideable=True),
    Column("sangong_change", "三公比上年", kind="rate", value=SORTS["sangong_change"], hideable=True),
    Column("goal", "目标完成", kind="rate", value=SORTS["goal"], hideable=True),
    Column("monitoring", "监控预警", kind="count", value=SORTS["monitoring"], hideable=True),
    Column("score", "自评得分/等级", value=SORTS["score"], hideable=True),
    Column("report", "报告", value=SORTS["report"], hideable=True),
    Column("warnings", "预警", value=SORTS["warnings"], hideable=True),
)
OVERVIEW_HIDDEN = ("initial", "sangong_vs_budget", "sangong_change")

RATE_FIELDS = {"total": "rate_total", "basic": "rate_basic", "project": "rate_project"}
WARNING_KINDS = ("预算执行滞后", "三公超预算", "三公增长")
MONITORING_KINDS = tuple(kind.value for kind in WarningKind)
GRADE_FILTERS = (*GRADE_CHOICES, "未自评", "未提交")


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
    rows = _filtered_by_goals(rows, params.get("monitor", ""))
    grade = params.get("grade", "")
    if grade == "未提交":
        rows = [r for r in rows if r.report is None]
    elif grade == "未自评":
        rows = [r for r in rows if r.report is not None and r.report.score is None]
    elif grade in GRADE_CHOICES:
        rows = [r for r in rows if r.report is not None and r.report.effective_grade == grade]
    demo = params.get("demo", "")
    if demo == "only":
        rows = [r for r in rows if r.is_demo]
    elif demo == "exclude":
        rows = [r for r in rows if not r.is_demo]
    return rows


def _filtered_by_goals(rows, monitor: str):
    if monitor == "nogoal":
        return [r for r in rows if r.goal is None]
    if monitor == "any":
        return [r for r in rows if r.goal is not None and r.goal.warnings]
    if monitor == "none":
        return [r for r in rows if r.goal is not None and not r.goal.error and not r.goal.warnings]
    if monitor in MONITORING_KINDS:
        return [r for r in rows if r.goal is not None and any(w.kind == monitor for w in r.goal.warnings)]
    return rows


def monitoring_url(department_id: int, year: int, as_of) -> str:
    query = {"department": department_id, "year": year, "as_of": as_of.isoformat()}
    return f"{reverse(DRILL['monitoring'])}?{urlencode(query)}"


def goals_url(department_id: int, year: int) -> str:
    return f"{reverse(DRILL['goals'])}?{urlencode({'department': department_id, 'year': year})}"


def _goal_cells(r, year: int) -> tuple[tuple, tuple]:
    """(text, link, title, muted) of the 目标完成 and 监控预警 cells."""
    goal = r.goal
    if goal is None:
        why = f"{year}年度尚未录入部门整体绩效目标"
        link = goals_url(r.department_id, year)
        return ("未设定目标", link, why, True), ("—", "", why, True)
    link = monitoring_url(r.department_id, year, goal.as_of)
    return (
        (goal.completion_text, link, goal.completion_note, not goal.assessed),
        (goal.warnings_text, link, goal.warnings_note, not goal.warnings),
    )


def _score_cell(r, review: str) -> tuple:
    report = r.report
    if report is None:
        return ("未提交", "", "本年度尚未提交评价报告", True)
    return (report.score_text, review.format(report.submission_id), report.score_note, report.score is None)


NORMAL = '<span class="muted">正常</span>'


def _td(text, href: str = "", title: str = "", css: str = "num") -> str:
    """One table cell: the text (a link when there is somewhere to go), with a tooltip."""
    inner = conditional_escape(text)
    if href:
        inner = f'<a href="{escape(href)}">{inner}</a>'
    tip = f' title="{escape(title)}"' if title else ""
    klass = f' class="{css}"' if css else ""
    return f"<td{klass}{tip}>{inner}</td>"


def _overview_rows(rows, year: int, unit: str) -> list[str]:
    """Each row as ready HTML (escaped here), so the 100-row, 15-column table costs the template
    one node per row."""
    vouchers = reverse(DRILL["vouchers"])
    execution = reverse(DRILL["department"], args=[0]).replace("/0/", "/{}/")
    detail = reverse("oversight:department", args=[0]).replace("/0/", "/{}/")
    review = reverse("oversight:review-detail", args=[0]).replace("/0/", "/{}/")
    out = []
    for r in rows:
        dept = execution.format(r.department_id) + f"?year={year}"
        own = detail.format(r.department_id) + f"?year={year}"
        base = f"{vouchers}?department={r.department_id}&year={year}"
        report = r.report
        cells = [
            _td(money_cell(r.initial_total, unit), dept),
            _td(money_cell(r.budget_total, unit), dept),
            _td(money_cell(r.spent_total, unit), dept),
            _td(
                pct(r.rate_basic),
                base + "&fund_type=basic_public",
                f"基本支出：{money(r.spent_basic, unit)}／{money(r.budget_basic, unit)}",
            ),
            _td(
                pct(r.rate_project),
                base + "&fund_type=project",
                f"项目支出：{money(r.spent_project, unit)}／{money(r.budget_project, unit)}",
            ),
            _td(pct(r.rate_total)),
            _td(money_cell(r.sangong_actual, unit), own + "#sangong"),
            _td(pct(r.sangong_vs_budget), "", f"“三公”预算 {money(r.sangong_budget, unit)}"),
            _td(pct(r.sangong_change), "", f"上年“三公” {money(r.sangong_previous, unit)}"),
        ]
        goal_cell, monitoring_cell = _goal_cells(r, year)
        for (text, href, title, muted), css in (
            (goal_cell, "num"),
            (monitoring_cell, "num"),
            (_score_cell(r, review), "score"),
        ):
            cells.append(_td(text, href, title, f"{css} muted" if muted else css))
        if report:
            cells.append(_td(report.state_label, review.format(report.submission_id), css=""))
        else:
            cells.append('<td><span class="muted">未提交</span></td>')
        badges = " ".join(
            f'<span class="badge bad" title="{escape(w.message)}">{escape(w.kind)}</span>'
            for w in r.extra["warnings"]
        )
        cells.append(f"<td>{badges or NORMAL}</td>")
        # the 演示数据 label is said once, above the table; a demo row carries a marker explained there
        demo = ' <span class="demo-mark" title="演示数据">※</span>' if r.is_demo else ""
        name = f'<th scope="row" class="first"><a href="{escape(own)}">{escape(r.name)}</a>{demo}</th>'
        out.append(mark_safe(f"<tr>{name}{''.join(cells)}</tr>"))  # every part is escaped above
    return out


@login_required
def overview(request):
    if request.user.is_province_user:  # a province sees its bureaus first, then one bureau's table
        return redirect("oversight:province")
    return _overview_page(request, bureau=None)


@login_required
def bureau_overview(request, pk: int):
    """One bureau's overview, for the province above it (read-only) or the bureau itself."""
    bureau = access_bureau(user=request.user, id=pk)
    return _overview_page(request, bureau=bureau)


def _overview_page(request, *, bureau):
    year = request.year
    unit = "yuan" if request.GET.get("unit") == "yuan" else "wan"
    rows = oversight_figures(user=request.user, year=year, as_of=timezone.localdate(), bureau=bureau)
    for row in rows:
        row.extra["warnings"] = row.warnings
    shown = _filtered(rows, request.GET)
    listing = build_listing(
        request,
        shown,
        OVERVIEW_COLUMNS,
        default_sort="name",
        table_id="oversight-table",
        hidden=OVERVIEW_HIDDEN,
    )
    own_bureau = bureau or (request.user.bureau if request.user.bureau_id else None)
    chart = execution_chart(
        ((r.name, r.spent_total, r.budget_total) for r in shown),
        year=year,
        as_of=timezone.localdate(),
        thresholds=thresholds_for(own_bureau) if own_bureau else load_monitoring_thresholds(),
        title=f"{year}年度 各单位预算执行率与序时进度（执行率由低到高）",
        element_id="department-chart-svg",
        laggards_first=True,
        category_label="单位",
    )
    return render(
        request,
        "oversight/bureau_overview.html" if bureau is not None else "oversight/overview.html",
        {
            "title": f"{year}年度 {bureau.name} 全局概览" if bureau is not None else f"{year}年度 全局概览",
            "bureau": bureau,
            "rows": _overview_rows(listing.rows, year, unit),
            "listing": listing,
            "chart": chart,
            "total_count": len(rows),
            "shown_demo": any(r.is_demo for r in shown),
            "sort": listing.sort,
            "unit": unit,
            "warning_kinds": WARNING_KINDS,
            "monitoring_kinds": MONITORING_KINDS,
            "grade_filters": GRADE_FILTERS,
            "any_demo": any(r.is_demo for r in rows),
            "time_progress": rows[0].time_progress if rows else None,
            "params": request.GET,
        },
    )


PROVINCE_SORTS = {
    "name": lambda f: f.code,
    "departments": lambda f: f.departments,
    "budget": lambda f: f.budget_total,
    "spent": lambda f: f.spent_total,
    "rate_basic": lambda f: f.rate_basic,
    "rate_project": lambda f: f.rate_project,
    "rate_total": lambda f: f.rate_total,
    "sangong": lambda f: f.sangong_actual,
    "sangong_change": lambda f: f.sangong_change,
    "lagging": lambda f: f.lagging,
    "sangong_over": lambda f: f.sangong_over,
    "reports": lambda f: f.reports_submitted,
    "published": lambda f: f.reports_published,
}


@login_required
def province(request):
    """The 省/市财政厅（局）'s overview: a row per bureau, its departments added up, sortable;
    each bureau opens that bureau's own overview (read-only)."""
    if not request.user.is_province_user:
        raise Http404("没有找到该页面，或您无权查看。")
    year = request.year
    unit = "yuan" if request.GET.get("unit") == "yuan" else "wan"
    as_of = timezone.localdate()
    rows = province_figures(user=request.user, year=year, as_of=as_of)
    sort = request.GET.get("sort", "name")
    key = sort.lstrip("-")
    if key not in PROVINCE_SORTS:
        sort, key = "name", "name"
    present = [r for r in rows if PROVINCE_SORTS[key](r) is not None]
    missing = [r for r in rows if PROVINCE_SORTS[key](r) is None]
    shown = sorted(present, key=PROVINCE_SORTS[key], reverse=sort.startswith("-")) + missing
    bureau_url = reverse("oversight:bureau", args=[0]).replace("/0/", "/{}/")
    return render(
        request,
        "oversight/province.html",
        {
            "title": f"{year}年度 {request.user.province.name} 各财政局概览",
            "province": request.user.province,
            "rows": [{"f": r, "url": bureau_url.format(r.bureau_id) + f"?year={year}"} for r in shown],
            "totals": province_total(rows),
            "sort": sort,
            "unit": unit,
            "time_progress": time_progress(as_of, year=year),
            "any_demo": any(r.demo_departments for r in rows),
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
            "monitoring_url": monitoring_url(dept.pk, year, figures.goal.as_of) if figures.goal else "",
            "goals_url": goals_url(dept.pk, year),
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


def _review_actions(user, submission) -> set[str]:
    """The workflow steps this user may take on this version now: the page shows only these."""
    return {step.action for step in approval_options(user=user, record=submission)}


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
            "title": f"{submission.department.name} {submission.year}年度报告（{submission.version_label}）",
            "s": submission,
            "department": submission.department,
            "paragraphs": paragraphs,
            "general_comments": comments.get("", []),
            "form": form or ReturnForm(paragraphs=submission.paragraphs),
            "refusal": refusal,
            "review_actions": _review_actions(request.user, submission),
            "history": approval_history(submission),
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
        refuse_unless_role_may(request.user.role, action)
        if action in ("return", "comment"):
            if not form.is_valid():
                return review_detail(request, pk, form=form)
            pid, text = form.cleaned_data["paragraph"], form.cleaned_data["comment"]
            if action == "comment":
                services.submission_comment(
                    actor=request.user, submission=submission, paragraph_id=pid, text=text
                )
                messages.success(request, f"已添加审核意见（{submission.version_label}）。")
            else:
                services.submission_return(
                    actor=request.user, submission=submission, reason=text, paragraph_id=pid
                )
                messages.success(request, f"已退回{submission.version_label}，单位修改后提交下一版。")
        elif action == "accept":
            services.submission_accept(actor=request.user, submission=submission)
            messages.success(request, f"{submission.version_label}已审核通过，可以公开发布。")
        else:
            services.submission_publish(actor=request.user, submission=submission)
            messages.success(request, f"{submission.version_label}已公开发布，公众无需登录即可查看。")
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


_AT_BLOCKS = re.compile(r"@(media|page)[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_PAGE = re.compile(r'<main class="page">(.*)</main>', re.S)


def _scoped(selector: str) -> str:
    """The report writer's selector, kept inside the report's own box on the public page."""
    selector = selector.strip()
    if selector in (":root", "html", "body", "*"):
        return ".report-doc" if selector != "*" else ".report-doc *"
    return f".report-doc {selector}"


@cache
def report_css() -> str:
    """The stylesheet the report's standalone HTML carries (html_writer.CSS), scoped to
    ``.report-doc`` so that the report is typeset as written without restyling the page."""
    rules = []
    for match in _RULE.finditer(_AT_BLOCKS.sub("", report_html_css)):
        selectors = ", ".join(_scoped(s) for s in match.group(1).split(","))
        rules.append(f"{selectors} {{{match.group(2)}}}")
    return "\n".join(rules)


def _report_body(html: str) -> str:
    """The report's body from the published snapshot. The snapshot is written by html_writer
    (every text escaped) at submission; reports uploaded from outside have none."""
    match = _PAGE.search(html or "")
    return match.group(1) if match else ""


def _key_figures(report) -> list[tuple[str, str]]:
    """The summary at the top: 预算, 决算支出 and 执行率 as recorded when the report was submitted,
    and the self-evaluation score and grade as the report states them."""
    figures = report.figures or {}
    rows = []
    for key, label in (("budget_total", "预算总额"), ("spent_total", "决算支出")):
        if figures.get(key) is not None:
            rows.append((label, f"{money(figures[key])}万元"))
    if figures.get("rate_total") is not None:
        rows.append(("预算执行率", pct(figures["rate_total"])))
    rows.append(("自评得分及等级", report.self_score_text))
    return rows


def public_report_view(request, slug: str):
    report = public_report(slug=slug)
    return render(
        request,
        "oversight/public_report.html",
        {
            "r": report,
            "title": report.title,
            "figures": _key_figures(report),
            "body": mark_safe(_report_body(report.html)),  # html_writer escaped every text
            "report_css": mark_safe(report_css()),  # our own stylesheet
        },
    )


def public_download(request, slug: str):
    return _docx_response(public_report(slug=slug))
