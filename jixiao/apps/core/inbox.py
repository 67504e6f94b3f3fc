"""The 待办 inbox (issue 18 item 2): what waits for this user, their own requests that came back
returned or refused (with the reason), and — for the finance officer — the year-end checklist.

Requests on the approval mechanism need nothing here: every concrete ``ApprovalRecord`` model is
found through the app registry, and ``jixiao.domain.approval.Workflow`` decides which steps this
user may take now. A workflow not yet on the mechanism (and a checklist) comes from a provider:
an app's ``inbox.py`` module calls ``register(...)``; its providers are found by
``autodiscover_modules("inbox")`` the first time an inbox is built. A provider for a model that
has since moved onto the mechanism returns nothing (``on_mechanism``), so nothing shows twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

from jixiao.apps.core.approval import ApprovalRecord, approval_options
from jixiao.apps.core.models import ApprovalStep
from jixiao.apps.orgs.selectors import departments_visible_to

TODO = "todo"
RETURNED = "returned"
CHECK = "check"
SHOWN = 30  # rows per list on the home page; the count says how many there are in all


@dataclass(frozen=True)
class InboxItem:
    kind: str  # TODO (waits for me), RETURNED (mine, returned or refused), CHECK (year-end checklist)
    workflow: str  # 用款申请, 预算调剂, 年末清单 …
    title: str
    url: str = ""
    state: str = ""
    actions: str = ""  # what I may do now: "批准、驳回"
    reason: str = ""
    department: str = ""
    at: dt.datetime | dt.date | None = None


Provider = Callable[..., Iterable[InboxItem]]


@dataclass
class _Registry:
    requests: list[Provider] = field(default_factory=list)
    checklists: list[Provider] = field(default_factory=list)
    discovered: bool = False


_registry = _Registry()


def register(*, requests: Provider | None = None, checklist: Provider | None = None) -> None:
    """Called by an app's inbox.py. ``requests(user=, year=)`` yields TODO and RETURNED items of
    a workflow not on the approval mechanism; ``checklist(user=, year=)`` yields CHECK items."""
    if requests is not None and requests not in _registry.requests:
        _registry.requests.append(requests)
    if checklist is not None and checklist not in _registry.checklists:
        _registry.checklists.append(checklist)


def _discover() -> _Registry:
    if not _registry.discovered:
        autodiscover_modules("inbox")
        _registry.discovered = True
    return _registry


def approval_models() -> list[type[ApprovalRecord]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ApprovalRecord) and not model._meta.abstract and model.workflow_key
    ]


def on_mechanism(model) -> bool:
    """True once ``model`` is on the approval mechanism: its old provider then stays silent."""
    return issubclass(model, ApprovalRecord)


def _field_names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def _scoped(model, user, year: int | None):
    names = _field_names(model)
    records = model.objects.all()
    if "department" in names:
        records = records.filter(department__in=departments_visible_to(user)).select_related("department")
    elif not user.is_superuser:
        return model.objects.none()
    if year is not None and "year" in names:
        records = records.filter(year=year)
    return records


def _on_path(workflow, step) -> bool:
    """A step that moves a request on (not one that only closes it: 撤回, 取消)."""
    return step.target in workflow.path or not workflow.is_closed(step.target)


def _approval_todo(model, user, year) -> list[InboxItem]:
    workflow = model.workflow()
    mine = [step for step in workflow.steps if user.role in step.roles]
    states = {state for step in mine for state in step.sources} - set(workflow.closed)
    if not states:
        return []
    items = []
    for record in _scoped(model, user, year).filter(state__in=states).order_by("updated_at", "pk"):
        if record.state == workflow.initial and record.created_by_id != user.pk:
            continue  # a draft is its author's work until it is submitted
        allowed = approval_options(user=user, record=record)
        if not any(_on_path(workflow, step) for step in allowed):
            continue  # only 撤回/取消 left: nothing waits for this user
        steps = [step for step in allowed if _on_path(workflow, step) or step.not_own]
        items.append(
            InboxItem(
                kind=TODO,
                workflow=workflow.label,
                title=str(record),
                url=_url(record),
                state=record.state_label,
                actions="、".join(step.label for step in steps),
                department=str(getattr(record, "department", "")),
                at=record.updated_at,
            )
        )
    return items


def _returned_states(workflow) -> set[str]:
    """States a request lands in when someone else refuses or returns it (驳回, 退回)."""
    return {step.target for step in workflow.steps if step.needs_reason and step.not_own}


def _approval_returned(model, user, year) -> list[InboxItem]:
    workflow = model.workflow()
    states = _returned_states(workflow)
    if not states or not user.is_department_user:
        return []
    records = list(
        _scoped(model, user, year).filter(state__in=states, created_by=user).order_by("-updated_at")
    )
    if not records:
        return []
    reasons: dict[int, str] = {}
    for step in ApprovalStep.objects.filter(
        workflow=workflow.key, object_id__in=[r.pk for r in records], to_state__in=states
    ).order_by("at", "pk"):
        reasons[step.object_id] = step.comment
    return [
        InboxItem(
            kind=RETURNED,
            workflow=workflow.label,
            title=str(record),
            url=_url(record),
            state=record.state_label,
            reason=reasons.get(record.pk) or record.closed_reason,
            department=str(getattr(record, "department", "")),
            at=record.updated_at,
        )
        for record in records
    ]


def _url(record) -> str:
    getter = getattr(record, "get_absolute_url", None)
    return getter() if getter else ""


def _sort_key(item: InboxItem):
    at = item.at
    if isinstance(at, dt.datetime):
        return at.date(), at.time()
    if isinstance(at, dt.date):
        return at, dt.time()
    return dt.date.max, dt.time()


class Inbox:
    """One user's inbox for one year; lists are built once per request, when first read."""

    def __init__(self, user, year: int | None):
        self.user = user
        self.year = year

    @property
    def active(self) -> bool:
        """The auditor only reads and the system administrator keeps no books: neither has one."""
        user = self.user
        return bool(user and user.is_authenticated and user.role not in ("auditor", "system_admin"))

    @cached_property
    def _requests(self) -> list[InboxItem]:
        if not self.active:
            return []
        items: list[InboxItem] = []
        for model in approval_models():
            items += _approval_todo(model, self.user, self.year)
            items += _approval_returned(model, self.user, self.year)
        for provider in _discover().requests:
            items += list(provider(user=self.user, year=self.year))
        return items

    @cached_property
    def todo(self) -> list[InboxItem]:
        return sorted((i for i in self._requests if i.kind == TODO), key=_sort_key)

    @cached_property
    def returned(self) -> list[InboxItem]:
        return sorted((i for i in self._requests if i.kind == RETURNED), key=_sort_key, reverse=True)

    @cached_property
    def checklist(self) -> list[InboxItem]:
        """The year-end checklist, for the finance officer who prepares the year's report."""
        if not self.has_checklist:
            return []
        items: list[InboxItem] = []
        for provider in _discover().checklists:
            items += list(provider(user=self.user, year=self.year))
        return items

    @property
    def has_checklist(self) -> bool:
        """Whether this user has a year-end checklist (it is built on its own page: composing the
        report to list what it still lacks takes seconds, too long for every home page)."""
        return self.active and self.user.role == "finance_officer" and self.year is not None

    @property
    def count(self) -> int:
        """What the navigation badge shows: requests waiting for me and mine that came back."""
        return len(self.todo) + len(self.returned)

    @property
    def shown(self) -> int:
        return SHOWN


def inbox_for(user, year: int | None) -> Inbox:
    return Inbox(user, year)
