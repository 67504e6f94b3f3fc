"""Budget screens. Thin: parse the form, call one selector or service, render.

Every object is fetched with an ``access_*`` function, so a department user asking for
another department's line, voucher or 调剂 gets a 404. A DomainError from a service becomes
a refusal box at the top of the form, and the service has saved nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from jixiao.apps.budgets import payments, services
from jixiao.apps.budgets.charts import execution_chart
from jixiao.apps.budgets.forms import (
    LEDGER_KIND_CHOICES,
    AdjustForm,
    CancelForm,
    CloseForm,
    PaymentActionForm,
    PaymentRequestForm,
    PriorYearForm,
    ProcurementForm,
    ReverseForm,
    SettlementForm,
    TransferActionForm,
    TransferForm,
    VoucherFilterForm,
    VoucherForm,
    is_item_level,
    line_facts,
)
from jixiao.apps.budgets.models import (
    FUND_TYPE_CHOICES,
    LedgerKind,
    PaymentRequest,
    PriorYearSummary,
    ProcurementMethod,
    TransferState,
    YearSettlement,
)
from jixiao.apps.budgets.selectors import (
    access_budget_line,
    access_payment_request,
    access_transfer,
    access_voucher,
    budget_lines_for,
    budget_warnings,
    commitments_for_line,
    execution_by_source,
    execution_table,
    open_contract_commitments,
    payments_awaiting,
    payments_for,
    prior_year_summary,
    procurement_records_for,
    settlement_figures,
    thresholds_for,
    thresholds_overrides,
    transfer_execution_warning,
    transfers_awaiting,
    transfers_for,
    vouchers_for,
)
from jixiao.apps.budgets.web_selectors import (
    ledger_for_line,
    projects_for,
    refusals_visible_to,
    sees_demo_data,
)
from jixiao.apps.core.approval import approval_history, approval_options, approval_page
from jixiao.apps.core.listing import Column, build_listing
from jixiao.apps.orgs.selectors import access_department, default_department_for, departments_visible_to
from jixiao.domain.early_warning import threshold_labels, threshold_rows, thresholds_with
from jixiao.domain.errors import DomainError
from jixiao.domain.money import ZERO, ratio_percent, yuan_fixed

READ_ONLY_MESSAGE = "审计账号只能查看，不能修改数据。"
WRITER_MESSAGE = "只有本单位的财务人员或负责人可以办理本单位的预算和支出。"

BREAKDOWN_KEYS = (
    "allocated",
    "adjusted",
    "transferred_in",
    "transferred_out",
    "spent",
    "committed",
    "available",
)

REFUSAL_CODE_LABELS = {
    "budget_exceeded": "超出预算",
    "cross_use": "串用资金",
    "incomplete_key": "控制要素不全",
    "subject_mismatch": "跨科目使用",
    "budget_control": "预算控制",
    "permission_refused": "无权办理",
    "transition_not_allowed": "状态不允许",
    "duplicate_voucher": "凭证号重复",
    "invalid_amount": "金额无效",
    "posted_record_immutable": "修改已记账记录",
    "settlement_invalid": "填报数据无效",
}

ACTION_LABELS = {
    "expenditure_post": "支出记账",
    "expenditure_reverse": "红字冲销",
    "budget_adjust": "追加追减",
    "budget_line_create": "新建预算指标",
    "project_create": "新建项目",
    "transfer_create": "新建调剂申请",
    "transfer_submit": "提交调剂",
    "transfer_approve": "批准调剂",
    "transfer_reject": "驳回调剂",
    "transfer_withdraw": "撤回调剂",
    "transfer_execute": "执行调剂",
    "settlement_set": "填报决算补充信息",
    "procurement_record": "登记政府采购合同",
    "procurement_cancel": "作废政府采购记录",
}


# ---------------------------------------------------------------- helpers


def _unit(request) -> str:
    return "yuan" if request.GET.get("unit") == "yuan" else "wan"


def _default_date(year: int) -> dt.date:
    today = timezone.localdate()
    if today.year == year:
        return today
    return dt.date(year, 12, 31) if today.year > year else dt.date(year, 1, 1)


def _require_writer(request, department=None) -> None:
    """Only a department's own finance officer or head writes; auditors never do."""
    user = request.user
    if user.is_read_only:
        raise PermissionDenied(READ_ONLY_MESSAGE)
    if not user.is_department_user or (department is not None and user.department_id != department.pk):
        raise PermissionDenied(WRITER_MESSAGE)


def _department(request):
    """The department a list shows: the user's own, or (bureau users) the one chosen in ?department=."""
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


def _refusal(error: DomainError, line=None) -> dict:
    """What the refusal box shows: the message and the figures behind it."""
    details = dict(error.details or {})
    figures = None
    if all(key in details for key in BREAKDOWN_KEYS):
        figures = {key: details[key] for key in BREAKDOWN_KEYS}
    elif line is not None:
        figures = line.balance().breakdown()
    return {
        "message": error.message,
        "code": error.code,
        "code_label": REFUSAL_CODE_LABELS.get(error.code, "业务规则"),
        "figures": figures,
        "requested": details.get("requested"),
        "line": line,
    }


def _department_choices(request, department):
    if request.user.is_bureau_user:
        return departments_visible_to(request.user)
    return None


# ---------------------------------------------------------------- home and execution table


def _spent_rate(rows):
    budget = sum((r["total"].balance.budget for r in rows), ZERO)
    return ratio_percent(sum((r["total"].balance.spent for r in rows), ZERO), budget) if budget else None


DEPARTMENT_COLUMNS = (
    Column("code", "预算单位编码", kind="code", value=lambda r: r["department"].code),
    Column("name", "单位名称", value=lambda r: r["department"].name),
    Column("budget", "调整后预算", kind="money", value=lambda r: r["total"].balance.budget, total=True),
    Column("spent", "已支出", kind="money", value=lambda r: r["total"].balance.spent, total=True),
    Column("available", "可用余额", kind="money", value=lambda r: r["total"].balance.available, total=True),
    Column("rate", "执行率", kind="rate", value=lambda r: r["total"].execution_rate, foot=_spent_rate),
    Column("warnings", "预警", value=lambda r: len(r["warnings"])),
)


@login_required
def home(request):
    if request.user.is_system_admin:  # manages departments and users; sees no books
        return redirect("orgs:department-list")
    if request.user.is_province_user:  # a province starts from its bureaus, not thousands of rows
        return redirect("oversight:province")
    if request.user.is_department_user:
        return _execution_page(request, request.user.department)
    departments = list(departments_visible_to(request.user).select_related("bureau"))
    rows = []
    limits = {}
    for department in departments:
        _groups, total = execution_table(department=department, year=request.year)
        if department.bureau_id not in limits:
            limits[department.bureau_id] = thresholds_for(department.bureau)
        warnings, _ = budget_warnings(
            department=department,
            year=request.year,
            as_of=timezone.localdate(),
            thresholds=limits[department.bureau_id],
        )
        rows.append({"department": department, "total": total, "warnings": [w.message for w in warnings]})
    listing = build_listing(request, rows, DEPARTMENT_COLUMNS, default_sort="code", table_id="departments")
    return render(
        request,
        "budgets/department_list.html",
        {
            "listing": listing,
            "unit": _unit(request),
            "title": f"{request.year}年度 各单位预算执行情况",
            "any_demo": any(d.is_demo for d in departments),
        },
    )


@login_required
def department_execution(request, pk: int):
    department = access_department(user=request.user, id=pk)
    return _execution_page(request, department)


def _execution_page(request, department):
    groups, total = execution_table(department=department, year=request.year)
    thresholds = thresholds_for(department.bureau)
    warnings, by_line = budget_warnings(
        department=department, year=request.year, as_of=timezone.localdate(), thresholds=thresholds
    )
    for group in groups:
        for row in group.rows:
            row.warning = by_line.get(row.line.pk, "")
    by_source = execution_by_source(department=department, year=request.year)
    chart = execution_chart(
        ((row.label, row.balance.spent, row.balance.budget) for group in groups for row in group.rows),
        year=request.year,
        as_of=timezone.localdate(),
        thresholds=thresholds,
        title=f"{request.year}年度 各预算指标执行率与序时进度",
        element_id="line-chart-svg",
        category_label="预算指标",
    )
    return render(
        request,
        "budgets/execution.html",
        {
            "department": department,
            "groups": groups,
            "total": total,
            "by_source": by_source,
            "chart": chart,
            "several_sources": bool(by_source),
            "warnings": [w.message for w in warnings],
            "thresholds_label": f"指标使用率预警线{thresholds.line_used_percent:g}%，"
            f"执行率落后序时进度{thresholds.budget_lag_points:g}个百分点",
            "unit": _unit(request),
            "title": f"{request.year}年度 预算执行情况",
            "dept_query": "" if request.user.is_department_user else f"&department={department.pk}",
        },
    )


# ---------------------------------------------------------------- budget lines


@login_required
def line_detail(request, pk: int):
    line = access_budget_line(user=request.user, id=pk)
    return _render_line(request, line)


def _render_line(request, line, *, form=None, refusal=None):
    kind = request.GET.get("kind") or ""
    if kind not in LedgerKind.values:
        kind = ""
    entries = list(ledger_for_line(line=line, kind=kind or None))
    can_write = request.user.is_department_user and request.user.department_id == line.department_id
    if form is None and can_write:
        form = AdjustForm(initial={"date": _default_date(line.year), "direction": "add"})
    return render(
        request,
        "budgets/line_detail.html",
        {
            "line": line,
            "department": line.department,
            "balance": line.balance(),
            "entries": entries,
            "entries_total": sum((e.amount for e in entries), ZERO),
            "commitments": list(commitments_for_line(line=line)),
            "kind": kind,
            "kind_choices": LEDGER_KIND_CHOICES,
            "form": form if can_write else None,
            "refusal": refusal,
            "unit": _unit(request),
            "title": f"预算指标：{line.label}",
        },
    )


@login_required
@require_POST
def line_adjust(request, pk: int):
    line = access_budget_line(user=request.user, id=pk)
    _require_writer(request, line.department)
    form = AdjustForm(request.POST)
    if not form.is_valid():
        return _render_line(request, line, form=form)
    try:
        services.budget_adjust(
            actor=request.user,
            line=line,
            amount=form.signed_amount(),
            date=form.cleaned_data["date"],
            doc_no=form.cleaned_data["doc_no"],
            memo=form.cleaned_data["memo"],
        )
    except DomainError as error:
        line = access_budget_line(user=request.user, id=pk)
        return _render_line(request, line, form=form, refusal=_refusal(error, line))
    word = "追加" if form.cleaned_data["direction"] == "add" else "追减"
    messages.success(
        request,
        f"已{word}“{line.label}”{form.cleaned_data['amount']:,.2f}元（{form.cleaned_data['doc_no']}）。",
    )
    return redirect(line.get_absolute_url())


# ---------------------------------------------------------------- vouchers


@login_required
def voucher_create(request):
    _require_writer(request)
    department = request.user.department
    lines = budget_lines_for(department=department, year=request.year)
    projects = projects_for(department=department, year=request.year)
    commitments = open_contract_commitments(department=department, year=request.year)
    refusal = None
    if request.method == "POST":
        form = VoucherForm(request.POST, lines=lines, projects=projects, commitments=commitments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                voucher = services.expenditure_post(
                    actor=request.user,
                    line=data["line"],
                    date=data["date"],
                    amount=data["amount"],
                    summary=data["summary"],
                    econ_code=data["econ_code"],
                    fund_type=data["fund_type"],
                    project=data["project"],
                    payee=data["payee"],
                    number=data["number"],
                    fund_source=data["fund_source"] or None,
                    commitment=data["commitment"],
                )
            except DomainError as error:
                line = access_budget_line(user=request.user, id=data["line"].pk)
                refusal = _refusal(error, line)
            else:
                messages.success(
                    request,
                    f"已记账：凭证{voucher.number}，{voucher.summary}，{voucher.amount:,.2f}元，由“{voucher.line.label}”支付。",
                )
                return redirect(voucher.get_absolute_url())
    else:
        initial = {"date": _default_date(request.year)}
        if request.GET.get("line", "").isdigit():
            initial["line"] = int(request.GET["line"])
        if request.GET.get("commitment", "").isdigit():
            initial["commitment"] = int(request.GET["commitment"])
        form = VoucherForm(initial=initial, lines=lines, projects=projects, commitments=commitments)
    chosen = _chosen_line(form, lines)
    return render(
        request,
        "budgets/voucher_form.html",
        {
            "form": form,
            "refusal": refusal,
            "department": department,
            "title": f"{request.year}年度 支出录入",
            # what the chosen line fixes, shown without JavaScript too
            "chosen": {k.replace("-", "_"): v for k, v in line_facts(chosen).items()} if chosen else None,
            "chosen_fixes_econ": chosen is not None and is_item_level(chosen.econ_code),
        },
    )


def _chosen_line(form, lines):
    raw = str(form["line"].value() or "")
    return lines.filter(pk=int(raw)).select_related("project").first() if raw.isdigit() else None


VOUCHER_COLUMNS = (
    Column("date", "日期", kind="date", order=("date",)),
    Column("number", "凭证号", kind="code", order=("number",)),
    Column("summary", "摘要", sortable=False),
    Column("payee", "收款人", sortable=False, hideable=True),
    Column("econ", "经济分类", kind="code", order=("econ_code", "date"), hideable=True),
    Column("fund_type", "支出性质", order=("fund_type",), hideable=True),
    Column("line", "支付指标", sortable=False, hideable=True),
    # a single voucher is read in 元, as it was entered (万元 is for aggregates)
    Column("amount", "金额（元）", kind="money", order=("amount",), total=True),
)


def _voucher_totals_from_lines(lines, criteria) -> dict | None:
    """The 合计 of the vouchers a filter by 指标 or 支出性质 shows, from the lines' 已支出: every
    voucher (and 红字冲销) moves its line's 已支出 in the transaction that writes it, so the sum is
    the ledger's without reading a million vouchers. Filters that cut across lines (经济分类,
    month, text) return None: their rows are summed."""
    if criteria.get("econ") or criteria.get("month") or criteria.get("q"):
        return None
    chosen = [
        line
        for line in lines
        if (not criteria.get("line") or line.pk == criteria["line"].pk)
        and (not criteria.get("fund_type") or line.fund_type == criteria["fund_type"])
    ]
    return {"amount": sum((line.spent for line in chosen), ZERO)}


def _voucher_rows(vouchers, *, department) -> list[str]:
    """Each page row as ready HTML (every part escaped here): fifty rows cost the template fifty
    nodes, not four hundred; the voucher list is the ledger's busiest page."""
    detail = reverse("budgets:voucher-detail", args=[0]).replace("/0/", "/{}/")
    line_url = reverse("budgets:line-detail", args=[0]).replace("/0/", "/{}/")
    labels = dict(FUND_TYPE_CHOICES)
    out = []
    for v in vouchers:
        amount = yuan_fixed(v.amount)
        demo = (
            ' <span class="demo-mark" title="演示数据">※</span>'
            if v.is_demo and not department.is_demo
            else ""
        )
        out.append(
            format_html(
                '<tr{}><td class="nowrap first">{}</td><td class="nowrap"><a href="{}">{}</a>{}</td>'
                '<td class="clip" title="{}">{}</td><td class="clip">{}</td><td class="nowrap">{}</td>'
                '<td class="nowrap">{}</td><td class="clip"><a href="{}">{}</a></td><td class="num">{}</td></tr>',
                mark_safe(' class="reversal"') if v.is_reversal else "",
                v.date.isoformat(),
                detail.format(v.pk),
                v.number,
                mark_safe(demo),
                v.summary,
                v.summary,
                v.payee,
                v.econ_label,
                labels.get(v.fund_type, v.fund_type),
                line_url.format(v.line_id),
                v.line.label,
                format_html('<span class="neg">{}</span>', amount) if v.amount < 0 else amount,
            )
        )
    return out


@login_required
def voucher_list(request):
    department = _department(request)
    lines = budget_lines_for(department=department, year=request.year)
    filters = VoucherFilterForm(request.GET or None, lines=lines)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    vouchers = vouchers_for(
        user=request.user,
        department=department,
        year=request.year,
        line_id=criteria["line"].pk if criteria.get("line") else None,
        fund_type=criteria.get("fund_type") or None,
        econ_prefix=criteria.get("econ") or None,
        month=criteria.get("month"),
        q=criteria.get("q") or None,
    )
    listing = build_listing(
        request,
        vouchers.select_related("line__project"),
        VOUCHER_COLUMNS,
        default_sort="-date",
        table_id="vouchers",
        known_totals=_voucher_totals_from_lines(lines, criteria),
    )
    return render(
        request,
        "budgets/voucher_list.html",
        {
            "department": department,
            "departments": _department_choices(request, department),
            "filters": filters,
            "listing": listing,
            "rows": _voucher_rows(listing.rows, department=department),
            "demo_on_page": not department.is_demo and any(v.is_demo for v in listing.rows),
            "title": f"{request.year}年度 支出凭证",
        },
    )


@login_required
def voucher_detail(request, pk: int):
    voucher = access_voucher(user=request.user, id=pk)
    return _render_voucher(request, voucher)


def _render_voucher(request, voucher, *, form=None, refusal=None):
    reversed_by = getattr(voucher, "reversed_by", None) if not voucher.is_reversal else None
    can_reverse = (
        request.user.is_department_user
        and request.user.department_id == voucher.department_id
        and not voucher.is_reversal
        and reversed_by is None
    )
    if can_reverse and form is None:
        form = ReverseForm(initial={"date": max(_default_date(voucher.year), voucher.date)})
    return render(
        request,
        "budgets/voucher_detail.html",
        {
            "voucher": voucher,
            "department": voucher.department,
            "reversed_by": reversed_by,
            "entries": voucher.entries.select_related("line", "created_by").order_by("id"),
            "form": form if can_reverse else None,
            "refusal": refusal,
            "title": f"支出凭证 {voucher.number}",
        },
    )


@login_required
@require_POST
def voucher_reverse(request, pk: int):
    voucher = access_voucher(user=request.user, id=pk)
    _require_writer(request, voucher.department)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        return _render_voucher(request, voucher, form=form)
    try:
        reversal = services.expenditure_reverse(
            actor=request.user,
            voucher=voucher,
            date=form.cleaned_data["date"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as error:
        return _render_voucher(request, voucher, form=form, refusal=_refusal(error, voucher.line))
    messages.success(
        request,
        f"已红字冲销凭证{voucher.number}，冲销凭证为{reversal.number}，{voucher.amount:,.2f}元已退回指标。",
    )
    return redirect(reversal.get_absolute_url())


# ---------------------------------------------------------------- 调剂


def _transfer_columns(user) -> tuple[Column, ...]:
    department = (
        () if user.is_department_user else (Column("department", "单位", order=("department__code",)),)
    )
    return (
        Column("number", "申请编号", kind="code", order=("number",)),
        *department,
        Column("source", "调出指标", sortable=False, hideable=True),
        Column("target", "调入指标", sortable=False, hideable=True),
        Column("amount", "金额（元）", kind="money", order=("amount",), total=True),
        Column("needs_bureau", "审批", order=("needs_bureau",), hideable=True),
        Column("state", "状态", order=("state",)),
        Column("created_by", "申请人", sortable=False, hideable=True),
        Column("created_at", "申请时间", kind="date", order=("created_at",)),
    )


@login_required
def transfer_list(request):
    view = request.GET.get("view", "")
    state = request.GET.get("state", "")
    if view == "mine":
        transfers = transfers_awaiting(user=request.user, year=request.year)
    else:
        transfers = transfers_for(user=request.user, year=request.year, state=state or None)
    awaiting_count = transfers_awaiting(user=request.user, year=request.year).count()
    listing = build_listing(
        request, transfers, _transfer_columns(request.user), default_sort="-created_at", table_id="transfers"
    )
    return render(
        request,
        "budgets/transfer_list.html",
        {
            "listing": listing,
            "view": view,
            "state": state,
            "state_choices": TransferState.choices,
            "awaiting_count": awaiting_count,
            "any_demo": sees_demo_data(request.user),
            "department": request.user.department if request.user.is_department_user else None,
            "unit": _unit(request),
            "title": f"{request.year}年度 预算调剂",
        },
    )


@login_required
def transfer_create(request):
    _require_writer(request)
    department = request.user.department
    lines = budget_lines_for(department=department, year=request.year)
    refusal = None
    if request.method == "POST":
        form = TransferForm(request.POST, lines=lines)
        if form.is_valid():
            data = form.cleaned_data
            try:
                transfer = services.transfer_create(
                    actor=request.user,
                    source=data["source"],
                    target=data["target"],
                    amount=data["amount"],
                    reason=data["reason"],
                )
            except DomainError as error:
                refusal = _refusal(error, access_budget_line(user=request.user, id=data["source"].pk))
            else:
                approvers = "部门负责人和财政局" if transfer.needs_bureau else "部门负责人"
                messages.success(
                    request, f"已保存调剂申请{transfer.number}（草稿），提交后由{approvers}审批。"
                )
                return redirect(transfer.get_absolute_url())
    else:
        initial = {}
        for name in ("source", "target"):
            if request.GET.get(name, "").isdigit():
                initial[name] = int(request.GET[name])
        form = TransferForm(initial=initial, lines=lines)
    return render(
        request,
        "budgets/transfer_form.html",
        {
            "form": form,
            "refusal": refusal,
            "department": department,
            "title": f"{request.year}年度 新建调剂申请",
        },
    )


@login_required
def transfer_detail(request, pk: int):
    transfer = access_transfer(user=request.user, id=pk)
    return _render_transfer(request, transfer)


def _render_transfer(request, transfer, *, failed_action=None, form=None, refusal=None):
    page = approval_page(user=request.user, record=transfer)
    approving = {"approve_head", "approve_bureau"}
    warning = (
        transfer_execution_warning(transfer) if any(o.action in approving for o in page["options"]) else ""
    )
    if warning:  # approval would be refused: the page says why instead of offering the button
        page["options"] = [o for o in page["options"] if o.action not in approving]
    return render(
        request,
        "budgets/transfer_detail.html",
        {
            **page,
            "transfer": transfer,
            "department": transfer.department,
            "source_balance": transfer.source.balance(),
            "target_balance": transfer.target.balance(),
            "execution_warning": warning,
            "commitments": transfer.commitments.all(),
            "failed_action": failed_action,
            "action_form": form,
            "refusal": refusal,
            "default_date": _default_date(transfer.year),
            "entries": transfer.entries.select_related("line").order_by("id"),
            "title": f"调剂申请 {transfer.number}",
        },
    )


@login_required
@require_POST
def transfer_action(request, pk: int, action: str):
    """One step of the transfer workflow; ``action`` is the workflow's (approve_head, …)."""
    transfer = access_transfer(user=request.user, id=pk)
    if request.user.is_read_only:
        raise PermissionDenied(READ_ONLY_MESSAGE)
    if action == "approve":  # the one 批准 button of older pages: the role says which step
        action = "approve_bureau" if request.user.role == "bureau_staff" else "approve_head"
    service = services.TRANSFER_ACTIONS.get(action)
    if service is None:
        raise Http404("未知的调剂操作。")
    step = next(s for s in transfer.workflow().steps if s.action == action)
    form = TransferActionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if step.needs_reason and not data["reason"].strip():
            form.add_error("reason", "请填写原因。")
        if step.needs_date and not data["date"]:
            form.add_error("date", "请填写执行日期。")
    if not form.is_valid():
        return _render_transfer(request, transfer, failed_action=action, form=form)
    data = form.cleaned_data
    kwargs = {"actor": request.user, "transfer": transfer}
    if step.needs_reason:
        kwargs["reason"] = data["reason"]
    if step.needs_date:
        kwargs["date"] = data["date"]
    if step.doc_no:
        kwargs["doc_no"] = data["doc_no"].strip()
    try:
        updated = service(**kwargs)
    except DomainError as error:
        transfer = access_transfer(user=request.user, id=pk)
        return _render_transfer(
            request,
            transfer,
            failed_action=action,
            form=form,
            refusal=_refusal(error, transfer.source if error.details.get("available") is not None else None),
        )
    messages.success(
        request, f"调剂申请{updated.number}：{step.label}完成，当前状态：{updated.state_label}。"
    )
    return redirect(reverse("budgets:transfer-detail", args=[pk]))


# ---------------------------------------------------------------- refusals


@login_required
def refusal_list(request):
    refusals = refusals_visible_to(request.user)
    year = request.year
    refusals = refusals.filter(year=year) | refusals.filter(year__isnull=True, at__year=year)
    code = request.GET.get("code", "")
    action = request.GET.get("action", "")
    q = request.GET.get("q", "").strip()
    if code:
        refusals = refusals.filter(error_code=code)
    if action:
        refusals = refusals.filter(action=action)
    if q:
        refusals = refusals.filter(message__icontains=q)
    rows = [
        {
            "event": event,
            "code_label": REFUSAL_CODE_LABELS.get(event.error_code, event.error_code),
            "action_label": ACTION_LABELS.get(event.action, event.action),
            "figures": {k: event.details[k] for k in BREAKDOWN_KEYS}
            if isinstance(event.details, dict) and all(k in event.details for k in BREAKDOWN_KEYS)
            else None,
        }
        for event in refusals.order_by("-at", "-id")[:500]
    ]
    return render(
        request,
        "budgets/refusal_list.html",
        {
            "rows": rows,
            "code": code,
            "action": action,
            "q": q,
            "code_choices": sorted(REFUSAL_CODE_LABELS.items(), key=lambda kv: kv[1]),
            "action_choices": list(ACTION_LABELS.items()),
            "any_demo": sees_demo_data(request.user),
            "department": request.user.department if request.user.is_department_user else None,
            "title": f"{year}年度 被拒绝的操作",
        },
    )


# ---------------------------------------------------------------- 决算补充信息 and 政府采购


def _settlement_page(request, department, *, settlement_form=None, procurement_form=None, refusal=None):
    year = request.year
    can_write = request.user.is_department_user and not request.user.is_read_only
    settlement = YearSettlement.objects.filter(department=department, year=year).first()
    if settlement_form is None and can_write:
        initial = (
            {
                "carry_over_start": settlement.carry_over_start,
                "procurement_budget": settlement.procurement_budget,
                "source": settlement.source,
            }
            if settlement
            else {}
        )
        settlement_form = SettlementForm(initial=initial)
    if procurement_form is None and can_write:
        procurement_form = ProcurementForm(
            initial={"date": _default_date(year)},
            methods=ProcurementMethod.choices,
            lines=budget_lines_for(department=department, year=year),
        )
    records = procurement_records_for(department=department, year=year)
    return render(
        request,
        "budgets/settlement.html",
        {
            "department": department,
            "settlement": settlement,
            "figures": settlement_figures(department=department, year=year),
            "records": records,
            "settlement_form": settlement_form,
            "procurement_form": procurement_form,
            "cancel_form": CancelForm() if can_write else None,
            "refusal": refusal,
            "departments": _department_choices(request, department),
            "title": f"{year}年度 决算补充信息与政府采购",
        },
    )


@login_required
def settlement(request):
    department = _department(request)
    if request.method != "POST":
        return _settlement_page(request, department)
    _require_writer(request, department)
    form = SettlementForm(request.POST)
    if not form.is_valid():
        return _settlement_page(request, department, settlement_form=form)
    data = form.cleaned_data
    try:
        services.settlement_set(
            actor=request.user,
            department=department,
            year=request.year,
            carry_over_start=data["carry_over_start"],
            procurement_budget=data["procurement_budget"],
            source=data["source"],
        )
    except DomainError as error:
        return _settlement_page(request, department, settlement_form=form, refusal=_refusal(error))
    messages.success(request, "已保存决算补充信息，评价报告和评分将按新数据计算。")
    return redirect("budgets:settlement")


@login_required
@require_POST
def procurement_create(request):
    department = _department(request)
    _require_writer(request, department)
    form = ProcurementForm(
        request.POST,
        methods=ProcurementMethod.choices,
        lines=budget_lines_for(department=department, year=request.year),
    )
    if not form.is_valid():
        return _settlement_page(request, department, procurement_form=form)
    data = form.cleaned_data
    try:
        record = services.procurement_record(
            actor=request.user, department=department, year=request.year, **data
        )
    except DomainError as error:
        return _settlement_page(request, department, procurement_form=form, refusal=_refusal(error))
    messages.success(request, f"已登记政府采购合同{record.contract_no}（{record.amount:,.2f}元）。")
    return redirect("budgets:settlement")


@login_required
@require_POST
def procurement_cancel(request, pk: int):
    department = _department(request)
    _require_writer(request, department)
    record = procurement_records_for(department=department, year=request.year).filter(pk=pk).first()
    if record is None:
        raise Http404("没有找到该政府采购记录，或您无权查看。")
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("budgets:settlement")
    try:
        services.procurement_cancel(actor=request.user, record=record, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已作废政府采购合同{record.contract_no}，该合同不再计入实际政府采购金额。")
    return redirect("budgets:settlement")


@login_required
@require_POST
def procurement_close(request, pk: int):
    department = _department(request)
    _require_writer(request, department)
    record = procurement_records_for(department=department, year=request.year).filter(pk=pk).first()
    if record is None:
        raise Http404("没有找到该政府采购记录，或您无权查看。")
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("budgets:settlement")
    try:
        services.procurement_close(actor=request.user, record=record, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已关闭政府采购合同{record.contract_no}，剩余预占已释放回支付指标。")
    return redirect("budgets:settlement")


# ---------------------------------------------------------------- 用款申请


PAYMENT_COLUMNS = (
    Column("number", "申请编号", kind="code", order=("number",)),
    Column("line", "支付指标", sortable=False, hideable=True),
    Column("econ", "经济分类", kind="code", order=("econ_code",), hideable=True),
    Column("purpose", "用途", sortable=False),
    Column("amount", "金额（元）", kind="money", order=("amount",), total=True),
    Column("state", "状态", order=("state",)),
    Column("created_by", "申请人", sortable=False, hideable=True),
    Column("created_at", "申请时间", kind="date", order=("created_at",)),
)


@login_required
def payment_list(request):
    department = _department(request)
    state = request.GET.get("state", "")
    requests = payments_for(user=request.user, department=department, year=request.year, state=state or None)
    return render(
        request,
        "budgets/payment_list.html",
        {
            "department": department,
            "listing": build_listing(
                request, requests, PAYMENT_COLUMNS, default_sort="-created_at", table_id="payments"
            ),
            "state": state,
            "states": PaymentRequest.workflow().states,
            "awaiting": payments_awaiting(user=request.user, year=request.year).filter(department=department),
            "departments": _department_choices(request, department),
            "title": f"{request.year}年度 用款申请",
        },
    )


@login_required
def payment_create(request):
    _require_writer(request)
    department = request.user.department
    lines = budget_lines_for(department=department, year=request.year)
    refusal = None
    if request.method == "POST":
        form = PaymentRequestForm(request.POST, lines=lines)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = payments.payment_request_create(
                    actor=request.user,
                    line=data["line"],
                    amount=data["amount"],
                    econ_code=data["econ_code"],
                    purpose=data["purpose"],
                    payee=data["payee"],
                )
                if data["submit_now"]:
                    payments.payment_request_submit(actor=request.user, request=created)
            except DomainError as error:
                refusal = _refusal(error, access_budget_line(user=request.user, id=data["line"].pk))
            else:
                messages.success(request, f"已保存用款申请{created.number}。")
                return redirect(created.get_absolute_url())
    else:
        initial = {"submit_now": True}
        if request.GET.get("line", "").isdigit():
            initial["line"] = int(request.GET["line"])
        form = PaymentRequestForm(initial=initial, lines=lines)
    return render(
        request,
        "budgets/payment_form.html",
        {
            "form": form,
            "refusal": refusal,
            "department": department,
            "title": f"{request.year}年度 新建用款申请",
        },
    )


@login_required
def payment_detail(request, pk: int):
    return _render_payment(request, access_payment_request(user=request.user, id=pk))


def _render_payment(request, payment, *, refusal=None, failed_action=None, form=None):
    workflow = payment.workflow()
    done = {step.to_state for step in approval_history(payment)}
    path = [
        {
            "label": workflow.state_label(state),
            "status": "done"
            if state == payment.state or state in done or state == "draft"
            else ("closed" if workflow.is_closed(payment.state) else "todo"),
        }
        for state in workflow.main_path()
    ]
    return render(
        request,
        "budgets/payment_detail.html",
        {
            "payment": payment,
            "department": payment.department,
            "line": payment.line,
            "balance": payment.line.balance(),
            "options": approval_options(user=request.user, record=payment),
            "history": [
                (step, workflow.state_label(step.from_state), workflow.state_label(step.to_state))
                for step in approval_history(payment)
            ],
            "waiting_for": _waiting_for(payment),
            "commitments": payment.commitments.all(),
            "path": path,
            "refusal": refusal,
            "failed_action": failed_action,
            "action_form": form,
            "default_date": _default_date(payment.year),
            "title": f"用款申请{payment.number}",
        },
    )


def _waiting_for(payment) -> str:
    """Who acts next, in words (shown to everyone who cannot take that step themselves)."""
    workflow = payment.workflow()
    if workflow.is_closed(payment.state):
        return ""
    steps = [s for s in workflow.steps if payment.state in s.sources and not s.needs_reason]
    return "；".join(f"待{s.who}{s.label}" for s in steps)


@login_required
@require_POST
def payment_action(request, pk: int, action: str):
    payment = access_payment_request(user=request.user, id=pk)
    service = payments.PAYMENT_ACTIONS.get(action)
    if service is None:
        raise Http404("未知操作。")
    step = next((s for s in payment.workflow().steps if s.action == action), None)
    form = PaymentActionForm(request.POST)
    if form.is_valid() and step is not None:
        if step.needs_reason and not form.cleaned_data["reason"].strip():
            form.add_error("reason", "请填写原因。")
        if step.needs_date and form.cleaned_data["date"] is None:
            form.add_error("date", "请填写支付日期。")
    if not form.is_valid():
        return _render_payment(request, payment, form=form, failed_action=action)
    data = form.cleaned_data
    kwargs = {"actor": request.user, "request": payment}
    if step is not None and step.needs_reason:
        kwargs["reason"] = data["reason"]
    if step is not None and step.needs_date:
        kwargs["date"] = data["date"]
    try:
        updated = service(**kwargs)
    except DomainError as error:
        payment.refresh_from_db()
        return _render_payment(
            request, payment, refusal=_refusal(error, payment.line), failed_action=action, form=form
        )
    messages.success(
        request,
        f"用款申请{updated.number}：{step.label if step else action}完成，当前状态：{updated.state_label}。",
    )
    return redirect(updated.get_absolute_url())


# ---------------------------------------------------------------- 上年数（录入）


@login_required
def prior_year(request):
    department = _department(request)
    year = request.year - 1
    can_write = request.user.is_department_user and not request.user.is_read_only
    summary = prior_year_summary(department=department, year=year)
    has_ledger = budget_lines_for(department=department, year=year).exists()
    refusal = None
    form = None
    if can_write and not has_ledger:
        if request.method == "POST":
            _require_writer(request, department)
            form = PriorYearForm(request.POST, year=year)
            if form.is_valid():
                try:
                    services.prior_year_set(
                        actor=request.user,
                        department=department,
                        year=year,
                        summary=form.summary(),
                        source=form.cleaned_data["source"],
                    )
                except DomainError as error:
                    refusal = _refusal(error)
                else:
                    messages.success(
                        request,
                        f"已保存{year}年数（上年数（录入）），报告的同比和“三公”经费变动率将据此计算。",
                    )
                    return redirect("budgets:prior-year")
        else:
            form = PriorYearForm(year=year, summary=summary)
    record = PriorYearSummary.objects.filter(department=department, year=year).first()
    return render(
        request,
        "budgets/prior_year.html",
        {
            "department": department,
            "year": year,
            "summary": summary,
            "record": record,
            "has_ledger": has_ledger,
            "form": form,
            "refusal": refusal,
            "departments": _department_choices(request, department),
            "title": f"{year}年数（上年数（录入））",
        },
    )


# ---------------------------------------------------------------- 预警阈值


@login_required
def thresholds(request):
    user = request.user
    if user.is_province_user:  # thresholds belong to one bureau; a province has many
        raise Http404("预警阈值由各财政局设定，请从各财政局概览进入该局查看。")
    bureau = user.bureau if user.is_bureau_user else user.department.bureau
    can_write = user.role == "bureau_staff"
    refusal = None
    overrides = thresholds_overrides(bureau)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied("只有财政局工作人员可以设定预警阈值。")
        values = {name: request.POST.get(name, "") for name in threshold_labels()}
        try:
            services.warning_thresholds_set(actor=user, bureau=bureau, values=values)
        except DomainError as error:
            refusal = _refusal(error)
            overrides = {k: v for k, v in values.items() if v.strip()}
        else:
            messages.success(request, "已保存预警阈值，本局所辖单位的预警将按新阈值计算。")
            return redirect("budgets:thresholds")
    try:
        in_force = thresholds_with(overrides)
    except DomainError:
        in_force = thresholds_for(bureau)
    return render(
        request,
        "budgets/thresholds.html",
        {
            "bureau": bureau,
            "rows": threshold_rows(in_force, overrides),
            "overrides": overrides,
            "can_write": can_write,
            "refusal": refusal,
            "title": f"预警阈值（{bureau}）",
        },
    )
