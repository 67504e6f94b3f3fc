"""专项 pages. Thin: parse the form, call one service or selector, render; a refusal is shown
at the top of the page in a bordered box, and nothing is saved."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.apps.budgets import services as money_services
from jixiao.apps.budgets.models import ProjectStage
from jixiao.apps.core.approval import approval_history
from jixiao.apps.goals.selectors import library_for
from jixiao.apps.orgs.selectors import access_department, default_department_for
from jixiao.apps.projects import forms, selectors, services
from jixiao.apps.projects.models import DemonstrationBase, Inspection, Milestone
from jixiao.domain.errors import DomainError
from jixiao.domain.money import wan_fixed
from jixiao.domain.projects import stage_marks
from jixiao.formats.asset_disposal import table_xlsx

ZERO = Decimal("0.00")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _department(request):
    raw = request.GET.get("department")
    if raw and raw.isdigit():
        return access_department(user=request.user, id=int(raw))
    department = default_department_for(request.user)
    if department is None:
        raise Http404("没有可查看的单位。")
    return department


def _rows(department, year, stage):
    rows = []
    for special in selectors.project_list(department=department, year=year, stage=stage):
        m = selectors.project_money(special)
        rows.append({"special": special, "money": m})
    return rows


@login_required
def project_list(request):
    department = _department(request)
    year = int(request.GET["y"]) if request.GET.get("y", "").isdigit() else None
    stage = request.GET.get("stage", "")
    rows = _rows(department, year, stage)
    totals = {
        "requested": sum((r["special"].requested_amount for r in rows), ZERO),
        "budget": sum((r["money"].budget for r in rows), ZERO),
        "spent": sum((r["money"].spent for r in rows), ZERO),
    }
    if request.GET.get("format") == "xlsx":
        return _export(department, rows, totals)
    return render(
        request,
        "projects/project_list.html",
        {
            "department": department,
            "rows": rows,
            "totals": totals,
            "stages": ProjectStage.choices,
            "stage": stage,
            "year_filter": year,
            "years": sorted({r["special"].project.year for r in _rows(department, None, "")}, reverse=True),
            "bases": DemonstrationBase.objects.filter(department=department)
            if services.keeps_demonstration_bases(department)
            else DemonstrationBase.objects.none(),
            "can_apply": request.user.is_department_user and request.user.department_id == department.pk,
            "query": request.GET.urlencode(),
        },
    )


def _export(department, rows, totals) -> HttpResponse:
    body = table_xlsx(
        title=f"{department.display_name}专项项目",
        headers=[
            "年度",
            "项目编码",
            "项目名称",
            "阶段",
            "申报预算（元）",
            "立项预算（元）",
            "已支出（元）",
            "论证得分",
            "实施责任人",
            "督查次数",
            "未销号",
        ],
        rows=[
            [
                r["special"].project.year,
                r["special"].project.code,
                r["special"].project.name,
                r["special"].project.get_stage_display(),
                r["special"].requested_amount,
                r["money"].budget,
                r["money"].spent,
                r["special"].average_score,
                r["special"].responsible_person,
                r["special"].inspections.count(),
                r["special"].inspections.filter(closed_on__isnull=True).count(),
            ]
            for r in rows
        ],
        money_columns=(4, 5, 6),
        totals=[
            "合计",
            "",
            f"{len(rows)}项",
            "",
            totals["requested"],
            totals["budget"],
            totals["spent"],
            "",
            "",
            "",
            "",
        ],
        widths=[8, 10, 30, 10, 16, 16, 16, 10, 18, 10, 8],
    )
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''projects.xlsx"
    return response


@login_required
def project_apply(request):
    user = request.user
    if not user.is_department_user:
        raise Http404("只有单位用户可以申报专项。")
    form = forms.ApplyForm(
        request.POST or None, initial={"year": request.year + 1}, library=library_for(user.department)
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            special = services.project_apply(
                actor=user,
                department=user.department,
                year=data["year"],
                name=data["name"],
                code=data["code"],
                is_key=data["is_key"],
                basis=data["basis"],
                content=data["content"],
                amount=data["amount"],
                goal_summary=data["goal_summary"],
                indicators=data["indicators"],
                applied_on=data["applied_on"],
            )
        except DomainError as refused:
            error = refused
        else:
            messages.success(request, f"已申报专项“{special.project.name}”，等待论证。")
            return redirect(special)
    return render(request, "projects/project_apply.html", {"form": form, "error": error})


def _action_forms(special, user, data=None, which=None):
    """The forms this user may use at this stage (the page shows only these)."""
    stage = special.project.stage
    own = user.is_department_user and user.department_id == special.project.department_id
    head = own and user.role == "department_head"
    bound = lambda name: data if which == name else None  # noqa: E731
    milestones = list(special.milestones.all())
    library = library_for(special.project.department)
    found = {}
    if own and stage in ("applied", "reviewed") and not special.review_conclusion:
        found["review"] = forms.ReviewForm(bound("review"))
        if stage == "reviewed":
            found["conclude"] = forms.ConcludeForm(bound("conclude"))
    if head and stage == "reviewed" and special.review_conclusion == "pass":
        initial = {"amount": special.requested_amount}
        func_code = selectors.usual_project_function_code(special.project.department)
        if func_code:
            initial["func_code"] = func_code
        found["approve"] = forms.ApproveForm(bound("approve"), initial=initial, library=library)
    if head and stage in ("applied", "reviewed"):
        found["reject"] = forms.RejectForm(bound("reject"))
    if own and stage == "approved":
        found["plan"] = forms.PlanForm(bound("plan"), library=library)
    if own and stage in ("implementing", "inspecting"):
        found["inspect"] = forms.InspectForm(bound("inspect"), milestones=milestones)
        found["milestone"] = forms.MilestoneDoneForm(bound("milestone"))
        found["close"] = forms.CloseInspectionForm(bound("close"))
    if own and stage in ("approved", "implementing", "inspecting") and user.role != "auditor":
        found["pay"] = forms.PayForm(bound("pay"), lines=selectors.project_lines(special))
    if head and stage == "inspecting":
        found["accept"] = forms.AcceptForm(bound("accept"))
    return found


def _render_detail(request, special, *, action_forms=None, error=None, status=200):
    return render(
        request,
        "projects/project_detail.html",
        {
            "special": special,
            "project": special.project,
            "money": selectors.project_money(special),
            "lines": selectors.project_lines(special),
            "vouchers": selectors.project_vouchers(special)[:50],
            "reviews": special.reviews.all(),
            "milestones": special.milestones.all(),
            "inspections": special.inspections.select_related("milestone", "closed_by"),
            "forms": action_forms if action_forms is not None else _action_forms(special, request.user),
            "error": error,
            "stage_steps": stage_marks(special.project.stage),
            "next_step": special.next_step,
            "history": approval_history(special),
        },
        status=status,
    )


@login_required
def project_detail(request, pk: int):
    special = selectors.access_special_project(user=request.user, id=pk)
    return _render_detail(request, special)


@login_required
@require_POST
def project_action(request, pk: int, action: str):
    special = selectors.access_special_project(user=request.user, id=pk)
    available = _action_forms(special, request.user, request.POST, action)
    form = available.get(action)
    if form is None:
        raise Http404("该操作在当前阶段不可用，或您无权办理。")
    if not form.is_valid():
        return _render_detail(request, special, action_forms=available, status=400)
    data, user = form.cleaned_data, request.user
    try:
        message = _perform(action, special, user, data)
    except DomainError as refused:
        special = selectors.access_special_project(user=request.user, id=pk)
        return _render_detail(request, special, action_forms=available, error=refused, status=400)
    messages.success(request, message)
    return redirect(special)


def _perform(action, special, user, data) -> str:
    if action == "review":
        services.project_review_add(actor=user, special=special, **data)
        return f"已录入专家“{data['reviewer']}”的论证意见。"
    if action == "conclude":
        services.project_review_conclude(actor=user, special=special, **data)
        return f"论证结论：{dict(forms.CONCLUSION_LABELS)[data['conclusion']]}。"
    if action == "approve":
        line = services.LineRequest(
            func_code=data["func_code"], econ_code=data["econ_code"], amount=data["amount"]
        )
        services.project_approve(
            actor=user, special=special, lines=[line], decided_on=data["decided_on"], doc_no=data["doc_no"]
        )
        return f"已批准立项，安排项目预算{wan_fixed(data['amount'])}万元。"
    if action == "reject":
        services.project_reject(actor=user, special=special, **data)
        return "已不予立项。"
    if action == "plan":
        services.project_plan(actor=user, special=special, **data)
        return "实施方案已确定，项目进入实施。"
    if action == "milestone":
        milestone = Milestone.objects.filter(special=special, pk=data["milestone"]).first()
        if milestone is None:
            raise Http404("关键节点不存在。")
        services.milestone_complete(
            actor=user, milestone=milestone, done_on=data["done_on"], note=data["note"]
        )
        return f"关键节点“{milestone.name}”已完成。"
    if action == "inspect":
        milestone = (
            Milestone.objects.filter(special=special, pk=data["milestone"]).first()
            if data["milestone"]
            else None
        )
        services.inspection_record(
            actor=user,
            special=special,
            milestone=milestone,
            inspected_on=data["inspected_on"],
            inspectors=data["inspectors"],
            findings=data["findings"],
            needs_rectification=data["needs_rectification"],
            rectification_due=data["rectification_due"],
        )
        return "督查记录已保存。"
    if action == "close":
        inspection = Inspection.objects.filter(special=special, pk=data["inspection"]).first()
        if inspection is None:
            raise Http404("督查记录不存在。")
        services.inspection_close(
            actor=user,
            inspection=inspection,
            closed_on=data["closed_on"],
            rectification=data["rectification"],
        )
        return "督查记录已整改销号。"
    if action == "pay":
        line = next((x for x in selectors.project_lines(special) if x.pk == data["line"]), None)
        if line is None:
            raise Http404("只能从本项目的指标支付。")
        voucher = money_services.expenditure_post(
            actor=user,
            line=line,
            date=data["date"],
            amount=data["amount"],
            summary=data["summary"],
            econ_code=data["econ_code"],
            fund_type="project",
            project=line.project,
            payee=data["payee"],
        )
        return f"已登记支出，凭证号{voucher.number}，金额{voucher.amount:,.2f}元。"
    if action == "accept":
        services.project_accept(actor=user, special=special, **data)
        return "专项已完成验收，此后不能再从本项目指标支付。"
    raise Http404("未知操作。")
