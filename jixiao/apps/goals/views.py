"""Goal, activity and 双监控 screens. Thin: parse the form, call one service or selector, render.

Objects are fetched with ``access_*`` functions, so another department's goal, activity or evidence
is a 404. A DomainError from a service becomes a refusal box at the top of the form, and nothing
is saved.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.apps.budgets.models import Project
from jixiao.apps.core.files import protected_file_response
from jixiao.apps.goals import libraries, selectors, services
from jixiao.apps.goals.forms import (
    ActivityFilterForm,
    ActivityForm,
    CustomIndicatorForm,
    EvidenceForm,
    GoalCreateForm,
    GoalHeaderForm,
    GoalImportForm,
    IndicatorFormSet,
    LibraryPickForm,
    LibraryUploadForm,
    OutputFormSet,
    TaskCompletionForm,
    TaskFormSet,
    WarningResponseForm,
    YearEndActualForm,
    rows_of,
)
from jixiao.apps.goals.models import CustomIndicator
from jixiao.apps.orgs.selectors import access_department, default_department_for
from jixiao.domain.errors import DomainError
from jixiao.domain.goals import Severity
from jixiao.domain.indicator_library import MAX_LIBRARY_BYTES
from jixiao.domain.money import rate_text
from jixiao.domain.year_end import work_completion

READ_ONLY_MESSAGE = "审计账号只能查看，不能修改数据。"
WRITER_MESSAGE = "只有本单位的人员可以填报本单位的绩效目标和履职活动。"


# ---------------------------------------------------------------- helpers


def _department(request):
    user = request.user
    if user.is_department_user:
        return user.department
    raw = request.GET.get("department", "")
    if raw.isdigit():
        return access_department(user=user, id=int(raw))
    department = default_department_for(user)
    if department is None:
        raise PermissionDenied("您的账号没有可查看的单位。")
    return department


def _require_writer(request, department) -> None:
    user = request.user
    if user.is_read_only:
        raise PermissionDenied(READ_ONLY_MESSAGE)
    if not user.is_department_user or user.department_id != department.pk:
        raise PermissionDenied(WRITER_MESSAGE)


def _can_write(request, department) -> bool:
    user = request.user
    return user.is_department_user and user.department_id == department.pk


def _refusal(error: DomainError) -> dict:
    return {"message": error.message, "code": error.code, "details": error.details}


def _findings_json(findings) -> list[dict]:
    return [
        {
            "code": finding.code,
            "message": finding.message,
            "indicator": finding.indicator,
            "row": finding.row,
            "severity": finding.severity.value,
            "error": finding.severity is Severity.ERROR,
        }
        for finding in findings
    ]


# ---------------------------------------------------------------- indicator library


@login_required
def indicator_list(request):
    department = _department(request)
    library = selectors.library_for(department)
    outputs = selectors.output_choices(library)
    form = CustomIndicatorForm(request.POST or None, outputs=outputs)
    refusal = None
    if request.method == "POST":
        _require_writer(request, department)
        if form.is_valid():
            try:
                indicator = services.custom_indicator_create(
                    actor=request.user, department=department, **form.cleaned_data
                )
            except DomainError as error:
                refusal = _refusal(error)
            else:
                messages.success(request, f"已新增自定义指标“{indicator.name}”。")
                return redirect(reverse("goals:indicator-list") + "#custom")
    groups: dict[tuple[str, str], list] = {}
    for indicator in library.indicators:
        groups.setdefault((indicator.level1, indicator.level2), []).append(indicator)
    return render(
        request,
        "goals/indicator_list.html",
        {
            "title": f"绩效指标库（{library.label}）",
            "library": library,
            "versions": libraries.current_versions(department),
            "groups": [(level1, level2, items) for (level1, level2), items in groups.items()],
            "custom": CustomIndicator.objects.filter(department=department),
            "form": form,
            "refusal": refusal,
            "can_write": _can_write(request, department),
            "department": department,
        },
    )


# ---------------------------------------------------------------- goals


@login_required
def goal_list(request):
    department = _department(request)
    year = request.year
    projects = Project.objects.filter(department=department, year=year)
    return render(
        request,
        "goals/goal_list.html",
        {
            "title": f"{year}年度 绩效目标",
            "department": department,
            "goals": selectors.goals_for(user=request.user, department=department, year=year),
            "create_form": GoalCreateForm(projects=projects),
            "import_form": GoalImportForm(),
            "can_write": _can_write(request, department),
            "year": year,
        },
    )


@login_required
@require_POST
def goal_create(request):
    department = _department(request)
    _require_writer(request, department)
    projects = Project.objects.filter(department=department, year=request.year)
    form = GoalCreateForm(request.POST, projects=projects)
    if not form.is_valid():
        messages.error(request, "请选择目标类型（项目绩效目标须选择项目）。")
        return redirect("goals:goal-list")
    try:
        goal = services.goal_create(
            actor=request.user,
            department=department,
            year=request.year,
            kind=form.cleaned_data["kind"],
            project=form.cleaned_data["project"],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("goals:goal-list")
    messages.success(request, f"已新建{goal}（草稿），请填写年度主要任务和绩效指标。")
    return redirect("goals:goal-edit", pk=goal.pk)


@login_required
@require_POST
def goal_import(request):
    department = _department(request)
    _require_writer(request, department)
    form = GoalImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要导入的整体绩效目标表（.xlsx）。")
        return redirect("goals:goal-list")
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "goal.xlsx"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            goal = services.goal_import_table(
                actor=request.user, department=department, year=request.year, path=path, origin=upload.name
            )
        except DomainError as error:
            messages.error(request, f"导入失败：{error.message}")
            return redirect("goals:goal-list")
    messages.success(request, f"已从“{upload.name}”导入{goal}（草稿），请核对后提交。")
    return redirect(goal)


@login_required
def goal_detail(request, pk: int):
    goal = selectors.access_goal(user=request.user, id=pk)
    findings = selectors.goal_findings(goal)
    by_indicator: dict[str, list] = {}
    for finding in findings:
        if finding.indicator:
            by_indicator.setdefault(finding.indicator, []).append(finding)
    return render(
        request,
        "goals/goal_detail.html",
        {
            "title": str(goal),
            "goal": goal,
            "department": goal.department,
            "tasks": goal.tasks.all(),
            "task_total": sum((task.budget for task in goal.tasks.all()), Decimal("0.00")),
            "indicators": [(row, by_indicator.get(row.name, [])) for row in goal.indicators.all()],
            "findings": findings,
            "goal_wide": [finding for finding in findings if not finding.indicator],
            "errors": selectors.errors_of(findings),
            "budget": selectors.budget_for_goal(
                department=goal.department, year=goal.year, project_id=goal.project_id
            ),
            "can_write": _can_write(request, goal.department) and not goal.is_locked,
        },
    )


def _goal_forms(request, goal):
    if request.method == "POST":
        return (
            GoalHeaderForm(request.POST),
            TaskFormSet(request.POST, prefix="tasks"),
            IndicatorFormSet(request.POST, prefix="ind"),
        )
    header = GoalHeaderForm(initial={"duties": goal.duties, "overall_goal": goal.overall_goal})
    tasks = TaskFormSet(
        prefix="tasks",
        initial=[
            {
                "name": t.name,
                "content": t.content,
                "fund_type": t.fund_type,
                "budget": t.budget,
                "due_date": t.due_date,
                "is_key": t.is_key,
            }
            for t in goal.tasks.all()
        ],
    )
    fields = ("code", "level1", "level2", "name", "value_type", "operator", "target", "unit", "points")
    indicators = IndicatorFormSet(
        prefix="ind",
        initial=[
            {
                **{name: getattr(row, name) for name in fields},
                "explanation": row.explanation,
                "scoring_rule": row.scoring_rule,
                "task": row.task,
                "note": row.note,
            }
            for row in goal.indicators.all()
        ],
    )
    return header, tasks, indicators


@login_required
def goal_edit(request, pk: int):
    goal = selectors.access_goal(user=request.user, id=pk)
    _require_writer(request, goal.department)
    if goal.is_locked:
        messages.error(request, f"{goal}已提交锁定，不能修改。")
        return redirect(goal)
    header, tasks, indicators = _goal_forms(request, goal)
    refusal = None
    findings = None
    if request.method == "POST" and header.is_valid() and tasks.is_valid() and indicators.is_valid():
        try:
            services.goal_save(
                actor=request.user,
                goal=goal,
                duties=header.cleaned_data["duties"],
                overall_goal=header.cleaned_data["overall_goal"],
                tasks=rows_of(tasks),
                indicators=rows_of(indicators),
            )
            if request.POST.get("action") == "submit":
                services.goal_submit(actor=request.user, goal=goal)
                messages.success(request, f"{goal}已提交并锁定。")
                return redirect(goal)
        except DomainError as error:
            refusal = _refusal(error)
            findings = selectors.goal_findings(goal)
        else:
            messages.success(request, "已保存草稿。")
            return redirect("goals:goal-edit", pk=goal.pk)
    return render(
        request,
        "goals/goal_edit.html",
        {
            "title": f"填报{goal}",
            "goal": goal,
            "department": goal.department,
            "header": header,
            "tasks": tasks,
            "indicators": indicators,
            "refusal": refusal,
            "findings": findings if findings is not None else selectors.goal_findings(goal),
            "budget": selectors.budget_for_goal(
                department=goal.department, year=goal.year, project_id=goal.project_id
            ),
            "task_names": [task.name for task in goal.tasks.all()],
            "pick": LibraryPickForm(
                library=selectors.library_for_goal(goal),
                tasks=[task.name for task in goal.tasks.all()],
            ),
        },
    )


@login_required
@require_POST
def goal_indicator_add(request, pk: int):
    goal = selectors.access_goal(user=request.user, id=pk)
    _require_writer(request, goal.department)
    form = LibraryPickForm(
        request.POST,
        library=selectors.library_for_goal(goal),
        tasks=[task.name for task in goal.tasks.all()],
    )
    if form.is_valid():
        try:
            row = services.goal_indicator_add(actor=request.user, goal=goal, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已从指标库添加“{row.name}”。")
    else:
        messages.error(request, "请选择指标库中的指标。")
    return redirect("goals:goal-edit", pk=goal.pk)


@login_required
@require_POST
def goal_validate(request, pk: int):
    """Live validation: the findings for the rows as posted, saving nothing."""
    goal = selectors.access_goal(user=request.user, id=pk)
    header = GoalHeaderForm(request.POST)
    tasks = TaskFormSet(request.POST, prefix="tasks")
    indicators = IndicatorFormSet(request.POST, prefix="ind")
    if not (header.is_valid() and tasks.is_valid() and indicators.is_valid()):
        problems = [
            str(error) for form in [*tasks.forms, *indicators.forms] for error in form.errors.values()
        ]
        return JsonResponse({"findings": [], "form_errors": problems, "submittable": False})
    findings = selectors.findings_for_rows(
        goal,
        duties=header.cleaned_data["duties"],
        overall_goal=header.cleaned_data["overall_goal"],
        tasks=rows_of(tasks),
        indicators=rows_of(indicators),
    )
    return JsonResponse(
        {
            "findings": _findings_json(findings),
            "form_errors": [],
            "submittable": not selectors.errors_of(findings),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
@require_POST
def goal_submit(request, pk: int):
    goal = selectors.access_goal(user=request.user, id=pk)
    _require_writer(request, goal.department)
    try:
        services.goal_submit(actor=request.user, goal=goal)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{goal}已提交并锁定。")
    return redirect(goal)


# ---------------------------------------------------------------- year end: actuals and task completion


def _year_end_writable(request, goal) -> bool:
    return _can_write(request, goal.department) and goal.is_locked


@login_required
def goal_actuals(request, pk: int):
    """The goal's indicators at year end: traced actuals as they are, and an entry form for each
    indicator no activity feeds."""
    goal = selectors.access_goal(user=request.user, id=pk)
    forms: dict[int, YearEndActualForm] = {}
    refusal = None
    failed = None
    if request.method == "POST":
        _require_writer(request, goal.department)
        raw = request.POST.get("indicator", "")
        row = selectors.access_goal_indicator(
            user=request.user, goal=goal, id=int(raw) if raw.isdigit() else 0
        )
        form = YearEndActualForm(request.POST)
        if form.is_valid():
            try:
                actual = services.year_end_actual_enter(
                    actor=request.user, indicator=row, **form.cleaned_data
                )
            except DomainError as error:
                refusal = _refusal(error)
            else:
                messages.success(request, f"已保存“{row.name}”的年末实际完成值：{actual.text}。")
                return redirect(reverse("goals:goal-actuals", args=[goal.pk]) + f"#ind-{row.pk}")
        forms[row.pk] = form
        failed = row.pk
    rows = selectors.year_end_rows(goal)
    for item in rows:
        if not item.automatic and item.row.pk not in forms:
            initial = {"text": item.entered.text, "evidence": item.entered.evidence} if item.entered else None
            forms[item.row.pk] = YearEndActualForm(initial=initial, auto_id=f"id_{item.row.pk}_%s")
    fed = sum(1 for item in rows if item.fed)
    computed = sum(1 for item in rows if item.is_computed and not item.fed)
    entered = sum(1 for item in rows if not item.automatic and item.entered)
    return render(
        request,
        "goals/goal_actuals.html",
        {
            "title": f"{goal.year}年度 绩效指标年末实际完成值",
            "goal": goal,
            "department": goal.department,
            "rows": [(item, forms.get(item.row.pk)) for item in rows],
            "counts": {
                "total": len(rows),
                "fed": fed,
                "computed": computed,
                "entered": entered,
                "missing": len(rows) - fed - computed - entered,
            },
            "refusal": refusal,
            "failed": failed,
            "can_write": _year_end_writable(request, goal),
        },
    )


@login_required
def goal_completion(request, pk: int):
    """年度任务完成情况: each 年度主要任务 (计划工作) with how it ended, and the 职责履行 counts."""
    goal = selectors.access_goal(user=request.user, id=pk)
    forms: dict[int, TaskCompletionForm] = {}
    refusal = None
    failed = None
    if request.method == "POST":
        _require_writer(request, goal.department)
        raw = request.POST.get("task", "")
        task = selectors.access_goal_task(user=request.user, goal=goal, id=int(raw) if raw.isdigit() else 0)
        form = TaskCompletionForm(request.POST)
        if form.is_valid():
            try:
                services.task_completion_record(actor=request.user, task=task, **form.cleaned_data)
            except DomainError as error:
                refusal = _refusal(error)
            else:
                messages.success(request, f"已保存年度主要任务“{task.name}”的完成情况。")
                return redirect(reverse("goals:goal-completion", args=[goal.pk]) + f"#task-{task.pk}")
        forms[task.pk] = form
        failed = task.pk
    rows = selectors.completion_rows(goal)
    for item in rows:
        if item.task.pk not in forms:
            done = item.completion
            initial = (
                {
                    "completed": done.completed,
                    "finished_on": done.finished_on,
                    "quality_passed": done.quality_passed,
                    "evidence": done.evidence,
                }
                if done
                else None
            )
            forms[item.task.pk] = TaskCompletionForm(initial=initial, auto_id=f"id_{item.task.pk}_%s")
    counts = work_completion([item.outcome for item in rows], year=goal.year)
    rates = []
    if counts is not None:
        rates = [
            ("实际完成率", "实际完成工作数 / 计划工作数", counts.completed, counts.planned),
            ("完成及时率", "及时完成实际工作数 / 计划工作数", counts.timely, counts.planned),
            ("质量达标率", "质量达标实际工作数 / 计划工作数", counts.quality_passed, counts.planned),
            ("重点工作办结率", "重点工作实际完成数 / 交办或下达数", counts.key_done, counts.key_assigned),
        ]
        rates = [
            (
                name,
                formula,
                done,
                of,
                rate_text(Decimal(done), Decimal(of)) if of else "不适用（无交办或下达）",
            )
            for name, formula, done, of in rates
        ]
    return render(
        request,
        "goals/goal_completion.html",
        {
            "title": f"{goal.year}年度 年度任务完成情况",
            "goal": goal,
            "department": goal.department,
            "rows": [(item, forms[item.task.pk]) for item in rows],
            "counts": counts,
            "rates": rates,
            "refusal": refusal,
            "failed": failed,
            "can_write": _year_end_writable(request, goal),
        },
    )


# ---------------------------------------------------------------- activities


@login_required
def activity_list(request):
    department = _department(request)
    year = request.year
    form = ActivityFilterForm(request.GET or None, department=department)
    area_id = month = None
    if form.is_valid():
        area = form.cleaned_data.get("area")
        area_id = area.pk if area else None
        month = form.cleaned_data.get("month")
    activities = list(
        selectors.activities_for(
            user=request.user, department=department, year=year, area_id=area_id, month=month
        )
    )
    return render(
        request,
        "goals/activity_list.html",
        {
            "title": f"{year}年度 履职活动",
            "department": department,
            "activities": activities,
            "totals": selectors.output_totals(activities, selectors.library_for_year(department, year)),
            "form": form,
            "can_write": _can_write(request, department),
        },
    )


@login_required
@require_POST
def work_area_create(request):
    department = _department(request)
    _require_writer(request, department)
    try:
        area = services.work_area_create(
            actor=request.user, department=department, name=request.POST.get("name", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已新增工作领域“{area.name}”。")
    return redirect("goals:activity-list")


@login_required
def activity_create(request):
    department = _department(request)
    _require_writer(request, department)
    library = selectors.library_for_year(department, request.year)
    outputs = selectors.output_choices(library)
    form = ActivityForm(request.POST or None, department=department, library=library)
    output_forms = OutputFormSet(
        request.POST or None, prefix="out", form_kwargs={"outputs": outputs, "library": library}
    )
    refusal = None
    if request.method == "POST" and form.is_valid() and output_forms.is_valid():
        data = form.cleaned_data
        try:
            activity = services.activity_record(
                actor=request.user,
                department=department,
                outputs=[item for item in output_forms.cleaned_data if item],
                **data,
            )
        except DomainError as error:
            refusal = _refusal(error)
        else:
            messages.success(request, f"已记录履职活动“{activity.title}”。")
            return redirect(activity)
    return render(
        request,
        "goals/activity_form.html",
        {
            "title": "记录履职活动",
            "department": department,
            "form": form,
            "outputs": output_forms,
            "output_example": library.example("output"),
            "refusal": refusal,
        },
    )


@login_required
def activity_detail(request, pk: int):
    activity = selectors.access_activity(user=request.user, id=pk)
    form = EvidenceForm()
    refusal = None
    if request.method == "POST":
        _require_writer(request, activity.department)
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                evidence = services.evidence_attach(
                    actor=request.user, activity=activity, upload=form.cleaned_data["file"]
                )
            except DomainError as error:
                refusal = _refusal(error)
            else:
                messages.success(request, f"已上传佐证材料“{evidence.original_name}”。")
                return redirect(activity)
    return render(
        request,
        "goals/activity_detail.html",
        {
            "title": activity.title,
            "activity": activity,
            "department": activity.department,
            "outputs": activity.outputs.all(),
            "evidence": activity.evidence.all(),
            "form": form,
            "refusal": refusal,
            "can_write": _can_write(request, activity.department),
        },
    )


@login_required
def evidence_download(request, pk: int):
    evidence = selectors.access_evidence(user=request.user, id=pk)
    return protected_file_response(
        evidence.file,
        content_type=evidence.content_type,
        as_attachment=not evidence.is_image or request.GET.get("download") == "1",
        filename=evidence.original_name,
    )


# ---------------------------------------------------------------- 双监控


def _as_of(request, year: int) -> dt.date:
    raw = request.GET.get("as_of", "")
    try:
        chosen = dt.date.fromisoformat(raw)
    except ValueError:
        today = timezone.localdate()
        chosen = dt.date(year, 7, 31) if today.year != year else today
    return chosen


@login_required
def monitoring(request):
    department = _department(request)
    year = request.year
    as_of = _as_of(request, year)
    view = selectors.monitoring_view(department=department, year=year, as_of=as_of)
    charts = {}
    if view.report is not None:
        from jixiao.apps.goals.charts import budget_chart, indicator_chart
        from jixiao.formats.charts import svg_element

        drawn = {"budget": budget_chart(view.report), "indicators": indicator_chart(view.report)}
        charts = {
            name: svg_element(chart, f"chart-{name}") for name, chart in drawn.items() if chart.categories
        }
    return render(
        request,
        "goals/monitoring.html",
        {
            "title": f"{year}年度 双监控（截至{as_of.month}月{as_of.day}日）",
            "department": department,
            "view": view,
            "report": view.report,
            "rows": selectors_rows(view),
            "warning_rows": [(w, view.responses.get(w.key)) for w in view.report.warnings]
            if view.report
            else [],
            "charts": charts,
            "can_write": _can_write(request, department),
            "year": year,
            "period_example": selectors.library_for_year(department, year).example("period_activity"),
        },
    )


def selectors_rows(view):
    """Indicator rows with their trace, for the table."""
    if view.report is None:
        return []
    return [(item, view.traced.get(item.indicator)) for item in view.report.indicators]


@login_required
@require_POST
def monitoring_respond(request):
    department = _department(request)
    _require_writer(request, department)
    as_of = _as_of(request, request.year)
    form = WarningResponseForm(request.POST)
    goal = selectors.department_goal(department, request.year)
    url = f"{reverse('goals:monitoring')}?as_of={as_of.isoformat()}"
    if goal is None or not form.is_valid():
        messages.error(request, "请同时填写偏差原因和纠偏措施。")
        return redirect(url)
    view = selectors.monitoring_view(department=department, year=request.year, as_of=as_of)
    key = form.cleaned_data["key"]
    message = next((w.message for w in view.report.warnings if w.key == key), "") if view.report else ""
    try:
        services.warning_respond(
            actor=request.user,
            goal=goal,
            as_of=as_of,
            key=key,
            message=message,
            cause=form.cleaned_data["cause"],
            measures=form.cleaned_data["measures"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已记录偏差原因和纠偏措施。")
    return redirect(url)


@login_required
def monitoring_export(request, fmt: str):
    from jixiao.formats import monitoring_export

    department = _department(request)
    as_of = _as_of(request, request.year)
    view = selectors.monitoring_view(department=department, year=request.year, as_of=as_of)
    if view.report is None:
        messages.error(request, "本年度尚无部门整体绩效目标，无法导出监控表。")
        return redirect("goals:monitoring")
    table = monitoring_export.MonitoringTable.from_report(
        view.report,
        department=department.display_name,
        responses={key: (r.cause, r.measures) for key, r in view.responses.items()},
        actual_texts={name: traced_text(item) for name, item in view.traced.items()},
    )
    name = f"{department.name}{request.year}年度双监控表（截至{as_of:%m%d}）"
    if fmt == "xlsx":
        data = monitoring_export.write_xlsx(table)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        from jixiao.apps.goals.charts import budget_chart, indicator_chart

        charts = [budget_chart(view.report), indicator_chart(view.report)]
        data = monitoring_export.write_docx(table, charts=[chart for chart in charts if chart.categories])
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=content_type)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


def traced_text(item) -> str:
    """'2500人次（约数）' style text for an actual summed from approximate parts."""
    from jixiao.domain.quantity import Quantity

    text = Quantity(item.actual.value.normalize(), item.actual.unit).text()
    return f"{text}（含约数）" if item.actual.approximate else text


# ---------------------------------------------------------------- a bureau's library versions


def _bureau(request):
    user = request.user
    if not user.is_bureau_user or user.bureau_id is None:
        raise PermissionDenied("指标库版本由财政局管理：只有财政局工作人员和审计账号可以查看。")
    return user.bureau


@login_required
def library_versions(request):
    """Each 部门类型's library as the bureau's departments get it now, the bureau's own versions, and
    the upload of a new version (checked entry by entry, kept as a draft until published)."""
    bureau = _bureau(request)
    form = LibraryUploadForm(request.POST or None, request.FILES or None)
    refusal = None
    if request.method == "POST":
        if request.user.is_read_only:
            raise PermissionDenied(READ_ONLY_MESSAGE)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            raw = upload.read(MAX_LIBRARY_BYTES + 1)
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                refusal = {
                    "message": f"文件“{upload.name}”不是UTF-8编码的文本文件。",
                    "code": "",
                    "details": {},
                }
            else:
                try:
                    row = services.library_version_upload(
                        actor=request.user,
                        bureau=bureau,
                        text=text,
                        file_name=upload.name,
                        note=form.cleaned_data["note"],
                    )
                except DomainError as error:
                    refusal = _refusal(error)
                else:
                    messages.success(
                        request, f"已上传指标库版本“{row.version}”（{row.indicator_count}个指标），待发布。"
                    )
                    return redirect(row)
    return render(
        request,
        "goals/library_versions.html",
        {
            "title": "指标库版本",
            "bureau": bureau,
            "types": selectors.library_overview(bureau),
            "versions": selectors.bureau_library_versions(bureau),
            "form": form,
            "refusal": refusal,
            "can_write": not request.user.is_read_only,
        },
    )


@login_required
def library_version_detail(request, pk: int):
    bureau = _bureau(request)
    row = selectors.access_library_version(bureau=bureau, id=pk)
    library = libraries.base_library(bureau.pk, row.version)
    return render(
        request,
        "goals/library_version.html",
        {
            "title": f"指标库版本 {row.version}",
            "row": row,
            "library": library,
            "bureau": bureau,
            "groups": _grouped_entries(library),
            "can_write": not request.user.is_read_only,
            "in_use": selectors.goals_using_version(bureau, row.version),
        },
    )


def _grouped_entries(library):
    groups: dict[tuple[str, str], list] = {}
    for indicator in library.indicators:
        groups.setdefault((indicator.level1, indicator.level2), []).append(indicator)
    return [(level1, level2, items) for (level1, level2), items in groups.items()]


@login_required
@require_POST
def library_version_publish(request, pk: int):
    bureau = _bureau(request)
    row = selectors.access_library_version(bureau=bureau, id=pk)
    try:
        services.library_version_publish(actor=request.user, version=row)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        what = f"“{row.department_type}”类部门" if row.department_type else "各部门"
        messages.success(request, f"已发布指标库版本“{row.version}”：{what}此后新建的绩效目标使用此版本。")
    return redirect(row)


@login_required
@require_POST
def library_version_discard(request, pk: int):
    bureau = _bureau(request)
    row = selectors.access_library_version(bureau=bureau, id=pk)
    try:
        services.library_version_discard(actor=request.user, version=row)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(row)
    messages.success(request, f"已删除未发布的指标库版本“{row.version}”。")
    return redirect("goals:library-versions")


@login_required
def library_download(request, version: str):
    """A library's YAML as a file: a shipped one (the template for a bureau's own version) or one of
    the user's bureau's versions. Department users may download their own libraries' files."""
    from django.http import Http404
    from django.utils.http import content_disposition_header

    from jixiao.domain.indicator_library import DATA_DIR, is_shipped

    if is_shipped(version):
        data = (DATA_DIR / f"{version}.yaml").read_bytes()
    else:
        bureau_id = request.user.scope_bureau_id
        row = selectors.library_version_text(bureau_id=bureau_id, version=version)
        if row is None:
            raise Http404("没有找到该指标库版本，或您无权查看。")
        data = row.encode("utf-8")
    response = HttpResponse(data, content_type="application/x-yaml; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{version}.yaml")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def goal_table_export(request, pk: int):
    """The goal as a Hunan 整体绩效目标表 (.xlsx), with the 部门类型 and library versions in its header
    (``jixiao goals check`` then reads it against that library)."""
    from django.utils.http import content_disposition_header

    from jixiao.formats.goal_table_writer import write_goal_table

    goal = selectors.access_goal(user=request.user, id=pk)
    library = selectors.library_for_goal(goal)
    data = write_goal_table(
        selectors.goal_to_domain(goal),
        department_type=goal.department.department_type,
        budget=selectors.budget_for_goal(
            department=goal.department, year=goal.year, project_id=goal.project_id
        ),
        library=library.label,
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{goal.department.name}{goal.year}年度{goal.title}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
