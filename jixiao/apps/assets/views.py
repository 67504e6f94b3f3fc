"""Asset pages: register (filters, sort, 合计, Excel), card, disposal request/approval and its
报废处理清单, the 台账 and the 盘点. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.apps.assets import forms, selectors, services
from jixiao.apps.assets.models import Asset, Disposal, StockTake
from jixiao.apps.core.approval import approval_options, approval_page
from jixiao.apps.orgs.selectors import access_department, default_department_for
from jixiao.domain.assets import STATUS_LABELS, categories
from jixiao.domain.errors import DomainError
from jixiao.formats.asset_disposal import disposal_docx, disposal_xlsx, table_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _department(request):
    raw = request.GET.get("department")
    if raw and raw.isdigit():
        return access_department(user=request.user, id=int(raw))
    department = default_department_for(request.user)
    if department is None:
        raise Http404("没有可查看的单位。")
    return department


def _writer(request, department) -> bool:
    user = request.user
    return user.is_department_user and user.department_id == department.pk


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


# ---------------------------------------------------------------- register


@login_required
def asset_list(request):
    department = _department(request)
    params = {k: request.GET.get(k, "") for k in ("status", "category", "unit", "q")}
    params["status"] = params["status"] if "status" in request.GET else "held"
    sort = request.GET.get("sort", "number")
    rows = selectors.register(department=department, sort=sort, **params)
    total = selectors.register_total(rows)
    if request.GET.get("format") == "xlsx":
        return _download(_register_xlsx(department, rows, total), XLSX, "assets.xlsx")
    query = request.GET.copy()
    query.pop("sort", None)
    return render(
        request,
        "assets/asset_list.html",
        {
            "department": department,
            "rows": rows,
            "total": total,
            "params": params,
            "sort": sort,
            "query": query.urlencode(),
            "statuses": [
                ("held", "在册（未处置）"),
                *[(s.value, label) for s, label in STATUS_LABELS.items()],
                ("", "全部"),
            ],
            "categories": categories(),
            "units": selectors.custodian_units(department),
            "usage": selectors.utilisation(department),
            "can_write": _writer(request, department),
            "sort_columns": [
                ("number", "资产编号"),
                ("name", "资产名称"),
                ("acquired", "取得日期"),
                ("value", "原值"),
                ("unit", "使用股室"),
            ],
        },
    )


def _register_xlsx(department, rows, total) -> bytes:
    return table_xlsx(
        title=f"{department.display_name}固定资产登记表",
        headers=[
            "资产编号",
            "资产名称",
            "资产分类",
            "规格型号",
            "取得日期",
            "原值（元）",
            "资金来源",
            "使用股室",
            "保管人",
            "存放地点",
            "状态",
        ],
        rows=[
            [
                a.number,
                a.name,
                a.category_label,
                a.spec,
                a.acquired_on,
                a.original_value,
                a.get_funding_source_display(),
                a.custodian_unit,
                a.custodian_person,
                a.location,
                a.get_status_display(),
            ]
            for a in rows
        ],
        money_columns=(5,),
        totals=["合计", f"{len(rows)}项", "", "", "", total, "", "", "", "", ""],
        widths=[16, 22, 18, 16, 12, 14, 10, 12, 10, 16, 8],
    )


@login_required
def asset_create(request):
    department = default_department_for(request.user)
    if department is None or not _writer(request, department):
        raise Http404("只有本单位用户可以登记资产。")
    form = forms.AssetForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            asset = services.asset_register(actor=request.user, department=department, **form.cleaned_data)
        except DomainError as refused:
            error = refused
        else:
            messages.success(request, f"已登记资产{asset.number} {asset.name}。")
            return redirect(asset)
    return render(request, "assets/asset_form.html", {"form": form, "error": error})


def _asset_page(request, asset, *, status_form=None, custody_form=None, error=None, status=200):
    writer = _writer(request, asset.department) and asset.status in ("in_use", "idle")
    return render(
        request,
        "assets/asset_detail.html",
        {
            "asset": asset,
            "movements": asset.movements.all(),
            "disposals": Disposal.objects.filter(items__asset=asset).distinct(),
            "status_form": (status_form or forms.StatusForm()) if writer else None,
            "custody_form": (
                custody_form
                or forms.CustodyForm(
                    initial={
                        "custodian_unit": asset.custodian_unit,
                        "custodian_person": asset.custodian_person,
                        "location": asset.location,
                    }
                )
            )
            if writer
            else None,
            "error": error,
        },
        status=status,
    )


@login_required
def asset_detail(request, pk: int):
    return _asset_page(request, selectors.access_asset(user=request.user, id=pk))


@login_required
@require_POST
def asset_action(request, pk: int, action: str):
    asset = selectors.access_asset(user=request.user, id=pk)
    if not _writer(request, asset.department):
        raise Http404("您无权修改该资产。")
    form_class = {"status": forms.StatusForm, "custody": forms.CustodyForm}.get(action)
    if form_class is None:
        raise Http404("未知操作。")
    form = form_class(request.POST)
    kwargs = {"status_form": form} if action == "status" else {"custody_form": form}
    if not form.is_valid():
        return _asset_page(request, asset, status=400, **kwargs)
    try:
        if action == "status":
            services.asset_status_change(actor=request.user, asset=asset, **form.cleaned_data)
        else:
            services.asset_custody_change(actor=request.user, asset=asset, **form.cleaned_data)
    except DomainError as refused:
        return _asset_page(
            request, selectors.access_asset(user=request.user, id=pk), error=refused, status=400, **kwargs
        )
    messages.success(request, "资产信息已更新。")
    return redirect(asset)


# ---------------------------------------------------------------- disposal


@login_required
def disposal_list(request):
    department = _department(request)
    held = Asset.objects.filter(department=department, status__in=["in_use", "idle"]).order_by("number")
    form = forms.DisposalForm(request.POST or None, assets=held) if _writer(request, department) else None
    error = None
    if request.method == "POST":
        if form is None:
            raise Http404("您无权提出处置申请。")
        if form.is_valid():
            data = dict(form.cleaned_data)
            chosen = list(held.filter(pk__in=data.pop("assets")))
            try:
                disposal = services.disposal_request(
                    actor=request.user, department=department, assets=chosen, **data
                )
            except DomainError as refused:
                error = refused
            else:
                messages.success(request, f"已提出处置申请{disposal.number}，等待部门负责人审批。")
                return redirect(disposal)
    return render(
        request,
        "assets/disposal_list.html",
        {
            "department": department,
            "disposals": Disposal.objects.filter(department=department).select_related("created_by"),
            "form": form,
            "error": error,
            "threshold": services.bureau_threshold(),
        },
        status=400 if error else 200,
    )


# The form each step of the disposal workflow asks for; the workflow decides who sees which.
STEP_FORMS = {
    "submit": forms.SubmitForm,
    "approve_head": forms.ApproveForm,
    "file_bureau": forms.FileForm,
    "dispose": forms.CompleteForm,
    "reject": forms.RejectForm,
    "withdraw": forms.WithdrawForm,
}
# Older links (批准 / 执行): the role and the state say which step they mean.
LEGACY_ACTIONS = {"approve": ("approve_head", "file_bureau"), "complete": ("dispose",)}


def _disposal_forms(request, disposal, data=None, which=None) -> dict:
    """The steps this user may take now, each with its form (bound for the one being posted)."""
    return {
        step.action: (step, STEP_FORMS[step.action](data if which == step.action else None))
        for step in approval_options(user=request.user, record=disposal)
    }


def _disposal_page(request, disposal, *, action_forms=None, error=None, status=200):
    page = approval_page(user=request.user, record=disposal)
    return render(
        request,
        "assets/disposal_detail.html",
        {
            **page,
            "disposal": disposal,
            "items": disposal.items.select_related("asset"),
            "forms": action_forms if action_forms is not None else _disposal_forms(request, disposal),
            "error": error,
        },
        status=status,
    )


@login_required
def disposal_detail(request, pk: int):
    return _disposal_page(request, selectors.access_disposal(user=request.user, id=pk))


@login_required
@require_POST
def disposal_action(request, pk: int, action: str):
    disposal = selectors.access_disposal(user=request.user, id=pk)
    options = approval_options(user=request.user, record=disposal)
    allowed = {step.action for step in options}
    action = next((a for a in LEGACY_ACTIONS.get(action, ()) if a in allowed), action)
    available = _disposal_forms(request, disposal, request.POST, action)
    if action not in available:
        raise Http404("该操作当前不可用，或您无权办理。")
    step, form = available[action]
    if not form.is_valid():
        return _disposal_page(request, disposal, action_forms=available, status=400)
    data = form.cleaned_data
    try:
        if action == "submit":
            services.disposal_submit(actor=request.user, disposal=disposal)
        elif action in ("approve_head", "file_bureau"):
            services.disposal_approve(actor=request.user, disposal=disposal, **data)
        elif action == "reject":
            services.disposal_reject(actor=request.user, disposal=disposal, **data)
        elif action == "withdraw":
            services.disposal_withdraw(actor=request.user, disposal=disposal, **data)
        else:
            services.disposal_complete(actor=request.user, disposal=disposal, **data)
    except DomainError as refused:
        disposal = selectors.access_disposal(user=request.user, id=pk)
        return _disposal_page(request, disposal, action_forms=available, error=refused, status=400)
    disposal.refresh_from_db()
    messages.success(
        request, f"处置申请{disposal.number}：{step.label}完成，当前状态：{disposal.state_label}。"
    )
    return redirect(disposal)


@login_required
def disposal_download(request, pk: int, fmt: str):
    disposal = selectors.access_disposal(user=request.user, id=pk)
    if not disposal.is_approved:
        raise Http404("处置申请经批准后才能生成处理清单。")
    sheet = selectors.disposal_sheet(disposal)
    if fmt == "xlsx":
        return _download(disposal_xlsx(sheet), XLSX, f"{disposal.number}.xlsx")
    if fmt == "docx":
        return _download(disposal_docx(sheet), DOCX, f"{disposal.number}.docx")
    raise Http404("不支持的格式。")


# ---------------------------------------------------------------- 台账 and 盘点


@login_required
def ledger(request):
    department = _department(request)
    year = int(request.GET["y"]) if request.GET.get("y", "").isdigit() else request.year
    report = selectors.ledger_for(department, year)
    return render(
        request,
        "assets/ledger.html",
        {
            "department": department,
            "year": year,
            "report": report,
            "usage": selectors.utilisation(department),
        },
    )


@login_required
def stocktake_list(request):
    department = _department(request)
    writer = _writer(request, department)
    form = forms.StockTakeForm(request.POST or None, initial={"year": request.year}) if writer else None
    error = None
    if request.method == "POST":
        if form is None:
            raise Http404("您无权开始盘点。")
        if form.is_valid():
            try:
                stocktake = services.stocktake_open(
                    actor=request.user, department=department, **form.cleaned_data
                )
            except DomainError as refused:
                error = refused
            else:
                messages.success(request, f"已开始{stocktake}。")
                return redirect(stocktake)
    return render(
        request,
        "assets/stocktake_list.html",
        {
            "department": department,
            "stocktakes": StockTake.objects.filter(department=department),
            "form": form,
            "error": error,
        },
    )


def _stocktake_page(request, stocktake, *, bound=None, which=None, error=None, status=200):
    writer = _writer(request, stocktake.department) and not stocktake.is_closed
    held = Asset.objects.filter(department=stocktake.department).exclude(status="disposed").order_by("number")
    return render(
        request,
        "assets/stocktake_detail.html",
        {
            "stocktake": stocktake,
            "differences": stocktake.differences.select_related("asset", "new_asset", "resolved_by"),
            "difference_form": forms.DifferenceForm(bound if which == "difference" else None, assets=held)
            if writer
            else None,
            "resolve_form": forms.ResolveForm(bound if which == "resolve" else None) if writer else None,
            "close_form": forms.CloseStockTakeForm(bound if which == "close" else None) if writer else None,
            "error": error,
        },
        status=status,
    )


@login_required
def stocktake_detail(request, pk: int):
    return _stocktake_page(request, selectors.access_stocktake(user=request.user, id=pk))


@login_required
@require_POST
def stocktake_action(request, pk: int, action: str):
    stocktake = selectors.access_stocktake(user=request.user, id=pk)
    if not _writer(request, stocktake.department):
        raise Http404("您无权办理盘点。")
    held = Asset.objects.filter(department=stocktake.department).exclude(status="disposed")
    form = {
        "difference": lambda: forms.DifferenceForm(request.POST, assets=held),
        "resolve": lambda: forms.ResolveForm(request.POST),
        "close": lambda: forms.CloseStockTakeForm(request.POST),
    }.get(action, lambda: None)()
    if form is None:
        raise Http404("未知操作。")
    if not form.is_valid():
        return _stocktake_page(request, stocktake, bound=request.POST, which=action, status=400)
    data, user = form.cleaned_data, request.user
    try:
        if action == "difference":
            asset = held.filter(pk=data["asset"]).first() if data["asset"] else None
            services.stocktake_difference_record(
                actor=user,
                stocktake=stocktake,
                kind=data["kind"],
                asset=asset,
                description=data["description"],
            )
        elif action == "resolve":
            difference = stocktake.differences.filter(pk=data["difference"]).first()
            if difference is None:
                raise Http404("盘点差异不存在。")
            place = {k: data[k] for k in ("custodian_unit", "custodian_person", "location")}
            new_asset = None
            if difference.kind == "surplus":
                new_asset = {
                    "number": data["number"],
                    "name": data["name"],
                    "category": data["category"],
                    "acquired_on": data["acquired_on"] or data["resolved_on"],
                    "original_value": data["original_value"] or 0,
                    **place,
                }
            services.stocktake_difference_resolve(
                actor=user,
                difference=difference,
                resolution=data["resolution"],
                resolved_on=data["resolved_on"],
                new_asset=new_asset,
                custody={k: v for k, v in place.items() if v} or None,
            )
        else:
            services.stocktake_close(actor=user, stocktake=stocktake, **data)
    except DomainError as refused:
        return _stocktake_page(
            request, stocktake, bound=request.POST, which=action, error=refused, status=400
        )
    messages.success(request, "盘点记录已保存。")
    return redirect(stocktake)
