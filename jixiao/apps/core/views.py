"""The audit trail page: who, when, what, before/after, reason — scoped to what the user may see;
and the finance officer's year-end checklist."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from jixiao.apps.budgets.web_selectors import audit_events_visible_to, budget_line_labels, sees_demo_data
from jixiao.apps.core.audit_display import display_value, field_label, related_ids, related_labels
from jixiao.apps.core.inbox import inbox_for
from jixiao.apps.core.listing import Column, build_listing
from jixiao.apps.orgs.selectors import departments_visible_to

TARGET_URLS = {
    "budgets.Voucher": "budgets:voucher-detail",
    "budgets.TransferRequest": "budgets:transfer-detail",
    "budgets.BudgetLine": "budgets:line-detail",
}


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _target_url(event) -> str | None:
    name = TARGET_URLS.get(event.target_type)
    if not name or not event.target_id.isdigit():
        return None
    try:
        return reverse(name, args=[int(event.target_id)])
    except NoReverseMatch:
        return None


LINE_KEYS = ("source", "target", "line")


def _changes(event, related: dict) -> tuple[list[dict], list[dict]]:
    """Before/after side by side, in Chinese: the fields that changed (or were set), and those
    that did not."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    kind = event.target_type
    changed, unchanged = [], []
    for key in keys:
        row = {
            "key": key,
            "label": field_label(kind, key),
            "before": display_value(kind, key, before.get(key), related),
            "after": display_value(kind, key, after.get(key), related),
        }
        (changed if not before or before.get(key) != after.get(key) else unchanged).append(row)
    return changed, unchanged


def _line_labels(events, user) -> dict:
    """Budget lines named only as the viewer may see them (budget_line_labels checks)."""
    ids = {
        value
        for event in events
        for snapshot in (event.before, event.after)
        if isinstance(snapshot, dict)
        for key, value in snapshot.items()
        if key in LINE_KEYS and isinstance(value, int)
    }
    line_model = apps.get_model("budgets", "BudgetLine")
    return {(line_model, pk): label for pk, label in budget_line_labels(user=user, ids=ids).items()}


def _rows(events, user) -> list[dict]:
    events = list(events)
    wanted: dict = {}
    for event in events:
        for model, ids in related_ids(event.target_type, (event.before, event.after)).items():
            wanted.setdefault(model, set()).update(ids)
    related = related_labels(
        wanted, departments=departments_visible_to(user), known=_line_labels(events, user)
    )
    rows = []
    for event in events:
        changed, unchanged = _changes(event, related)
        rows.append({"event": event, "url": _target_url(event), "changes": changed, "unchanged": unchanged})
    return rows


def _audit_columns(user) -> tuple[Column, ...]:
    department = (
        () if user.is_department_user else (Column("department", "单位", order=("department__code",)),)
    )
    return (
        Column("at", "时间", kind="date", order=("at",)),
        Column("actor", "操作人", order=("actor__username",)),
        *department,
        Column("action", "操作", order=("action",)),
        Column("target", "对象", sortable=False),
        Column("changes", "变更前 → 变更后", sortable=False),
        Column("reason", "原因/说明", sortable=False),
    )


@login_required
def audit_list(request):
    events = audit_events_visible_to(request.user)
    action = request.GET.get("action", "")
    department = request.GET.get("department", "")
    date_from = _date(request.GET.get("from", ""))
    date_to = _date(request.GET.get("to", ""))
    q = request.GET.get("q", "").strip()
    action_choices = list(events.order_by("action").values_list("action", "action_label").distinct())
    if action:
        events = events.filter(action=action)
    if department.isdigit():
        events = events.filter(department_id=int(department))
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    if q:
        events = events.filter(target_label__icontains=q) | events.filter(reason__icontains=q)
    listing = build_listing(
        request, events, _audit_columns(request.user), default_sort="-at", table_id="audit"
    )
    return render(
        request,
        "core/audit_list.html",
        {
            "rows": _rows(listing.rows, request.user),
            "listing": listing,
            "action": action,
            "action_choices": sorted(set(action_choices), key=lambda kv: kv[0]),
            "departments": departments_visible_to(request.user) if request.user.is_bureau_user else None,
            "department_filter": department,
            "date_from": request.GET.get("from", ""),
            "date_to": request.GET.get("to", ""),
            "q": q,
            "department": request.user.department if request.user.is_department_user else None,
            "title": "审计记录",
            "any_demo": sees_demo_data(request.user),
        },
    )


@login_required
def inbox_checklist(request):
    """The finance officer's year-end checklist (the home page's 待办 loads it from here)."""
    inbox = inbox_for(request.user, request.year)
    if not inbox.has_checklist:
        raise PermissionDenied("年末清单由本单位财务人员办理。")
    context = {"checklist": inbox.checklist, "title": f"{request.year}年度 年末清单"}
    if request.GET.get("part") == "1":  # the home page's script takes the list alone
        return render(request, "core/_checklist.html", context)
    return render(request, "core/checklist.html", context)
