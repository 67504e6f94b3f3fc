"""The Django shell of the approval mechanism (jixiao.domain.approval): one abstract model and one
service pattern that every workflow uses.

A request model inherits ``ApprovalRecord`` and names its workflow. A service moves it with
``approval_advance``: the request is locked, the domain decides whether this person may take
this step now (never on their own request), the app's ``handler`` runs the step's checks and
effects in the same transaction (a refusal there rolls everything back), the new state is
stored, and the step is written twice — as an ``ApprovalStep`` (the request's history) and as
an ``AuditEvent`` (the department's audit trail).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from jixiao.apps.core.models import ApprovalStep
from jixiao.apps.core.services import audit_record
from jixiao.domain.approval import Actor, Step, Transition, Workflow, load_workflow
from jixiao.domain.errors import PermissionRefused


class ApprovalRecord(models.Model):
    """What every request on the approval mechanism has: a state, its creator, when it was last
    moved and, once closed, why."""

    workflow_key: ClassVar[str] = ""

    state = models.CharField("状态", max_length=20, default="draft")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("申请时间")
    updated_at = models.DateTimeField("最近办理时间")
    closed_reason = models.TextField("驳回/撤回/取消原因", blank=True)

    class Meta:
        abstract = True

    @classmethod
    def workflow(cls) -> Workflow:
        return load_workflow(cls.workflow_key)

    @property
    def state_label(self) -> str:
        return self.workflow().state_label(self.state)

    @property
    def is_open(self) -> bool:
        return not self.workflow().is_closed(self.state)

    def approval_flags(self) -> frozenset[str]:
        """Flags the workflow's conditional steps read (e.g. "needs_bureau")."""
        return frozenset()

    def approval_department(self):
        return self.department

    def snapshot(self) -> dict:
        return {"state": self.state}


Handler = Callable[[ApprovalRecord, Transition], None]


def approval_actor(user, record: ApprovalRecord) -> Actor:
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    department = record.approval_department()
    return Actor(
        role=user.role,
        is_creator=user.pk == record.created_by_id,
        same_department=user.is_department_user and user.department_id == department.pk,
        same_bureau=user.is_bureau_user and user.bureau_id == department.bureau_id,
    )


def approval_advance(
    *,
    actor,
    record: ApprovalRecord,
    action: str,
    handler: Handler | None = None,
    reason: str = "",
    doc_no: str = "",
) -> tuple[ApprovalRecord, Transition]:
    """Take one step. Call inside the service's atomic block; returns the locked, updated record."""
    model = type(record)
    locked = model.objects.select_for_update(of=("self",)).get(pk=record.pk)
    before = locked.snapshot()
    transition = model.workflow().advance(
        locked.state,
        action,
        actor=approval_actor(actor, locked),
        flags=locked.approval_flags(),
        reason=reason,
        doc_no=doc_no,
    )
    if handler is not None:
        handler(locked, transition)
    now = timezone.now()
    locked.state = transition.to_state
    locked.updated_at = now
    if model.workflow().is_closed(transition.to_state) and transition.reason:
        locked.closed_reason = transition.reason
    locked.save()
    department = locked.approval_department()
    ApprovalStep.objects.create(
        workflow=transition.workflow,
        object_id=locked.pk,
        department=department,
        action=transition.action,
        action_label=transition.label,
        from_state=transition.from_state,
        to_state=transition.to_state,
        actor=actor,
        actor_role=transition.actor_role,
        at=now,
        comment=transition.reason,
        doc_no=transition.doc_no,
        checks=list(transition.checks),
        effects=list(transition.effects),
    )
    audit_record(
        actor=actor,
        action=f"{transition.workflow}_{transition.action}",
        action_label=f"{model.workflow().label}{transition.label}",
        target=locked,
        department=department,
        before=before,
        after={**locked.snapshot(), "approval": transition.audit()},
        reason=transition.reason,
    )
    return locked, transition


def approval_options(*, user, record: ApprovalRecord) -> list[Step]:
    """The steps this user may take now (the service checks again when they do)."""
    try:
        actor = approval_actor(user, record)
    except PermissionRefused:
        return []
    return record.workflow().allowed(record.state, actor=actor, flags=record.approval_flags())


def approval_history(record: ApprovalRecord):
    return ApprovalStep.objects.filter(workflow=record.workflow_key, object_id=record.pk).select_related(
        "actor"
    )


def backfill_history(apps, *, workflow: str, target_type: str, records, steps_of) -> int:
    """For data migrations that move a workflow onto the mechanism: write the ApprovalStep rows
    the old approver fields describe. ``steps_of(record)`` yields one dict per step taken —
    action, audit_action (the old AuditEvent action, to take its exact time and actor),
    from_state, to_state, actor_id, at, and optionally comment and doc_no. Where the old audit
    trail has the step, its time and actor are used; otherwise the field values are. Returns
    the number of steps written."""
    step_model = apps.get_model("core", "ApprovalStep")
    event_model = apps.get_model("core", "AuditEvent")
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    roles = dict(user_model.objects.values_list("pk", "role"))
    labels = {step.action: step.label for step in load_workflow(workflow).steps}
    written = 0
    for record in records:
        if step_model.objects.filter(workflow=workflow, object_id=record.pk).exists():
            continue  # already carried over (a migration run again after a reversal)
        events = {}
        for event in event_model.objects.filter(target_type=target_type, target_id=str(record.pk)).order_by(
            "at", "id"
        ):
            events.setdefault(event.action, event)
        for step in steps_of(record):
            event = events.get(step.get("audit_action", ""))
            actor_id = step.get("actor_id") or (event.actor_id if event else None) or record.created_by_id
            at = event.at if event is not None else step["at"]
            step_model.objects.create(
                workflow=workflow,
                object_id=record.pk,
                department_id=record.department_id,
                action=step["action"],
                action_label=labels.get(step["action"], step["action"]),
                from_state=step["from_state"],
                to_state=step["to_state"],
                actor_id=actor_id,
                actor_role=roles.get(actor_id, ""),
                at=at,
                comment=step.get("comment", ""),
                doc_no=step.get("doc_no", ""),
            )
            written += 1
    return written


def approval_waiting(record: ApprovalRecord) -> list[Step]:
    """The steps that move the request on from where it stands (not reject/withdraw/cancel)."""
    return record.workflow().waiting(record.state, record.approval_flags())


def approval_banner(record: ApprovalRecord, history: list | None = None) -> str:
    """Where the request stands, in one sentence: "该调剂申请当前为“已提交”，等待本单位部门负责人办理“部门负责人批准”。"."""
    workflow = record.workflow()
    label = workflow.label
    state = workflow.state_label(record.state)
    if workflow.is_closed(record.state):
        steps = list(history if history is not None else approval_history(record))
        last = steps[-1] if steps else None
        who = f"（{last.actor}，{timezone.localtime(last.at):%Y-%m-%d}）" if last is not None else ""
        why = f"原因：{record.closed_reason}。" if record.closed_reason else ""
        return f"该{label}{state}{who}，办理结束。{why}"
    waiting = approval_waiting(record)
    if not waiting:
        return f"该{label}当前为“{state}”。"
    next_steps = "或".join(step.awaiting for step in waiting)
    return f"该{label}当前为“{state}”，等待{next_steps}。"


def approval_path(record: ApprovalRecord, history: list | None = None) -> list[dict]:
    """The main path for this request (its flags decide the branch): done, current, to come;
    a closed-off request ends with its closing state."""
    workflow = record.workflow()
    path = workflow.main_path(record.approval_flags())
    steps = list(history if history is not None else approval_history(record))
    reached = {step.to_state for step in steps} | {workflow.initial}
    closed_off = workflow.is_closed(record.state) and record.state not in path
    at = path.index(record.state) if record.state in path else None
    items = []
    for index, state in enumerate(path):
        if at is None:
            status = "done" if state in reached else "todo"
        elif index <= at:
            status = "done"
        elif index == at + 1:
            status = "current"
        else:
            status = "todo"
        items.append({"state": state, "label": workflow.state_label(state), "status": status})
    if closed_off:
        items.append({"state": record.state, "label": workflow.state_label(record.state), "status": "closed"})
    return items


def approval_notes(*, user, record: ApprovalRecord) -> list[str]:
    """Steps this user's role could take now but not on this request because it is their own:
    said on the page before they try ("不能批准自己提交的调剂申请。")."""
    try:
        actor = approval_actor(user, record)
    except PermissionRefused:
        return []
    if not actor.is_creator:
        return []
    workflow = record.workflow()
    flags = record.approval_flags()
    as_other = Actor(
        role=actor.role,
        is_creator=False,
        same_department=actor.same_department,
        same_bureau=actor.same_bureau,
    )
    notes = []
    for step in workflow.allowed(record.state, actor=as_other, flags=flags):
        if step.not_own:
            notes.append(
                f"不能{step.verb or step.label}自己提交的{workflow.label}，须由{step.who}中的其他人办理。"
            )
    return list(dict.fromkeys(notes))


def approval_page(*, user, record: ApprovalRecord) -> dict:
    """What an object page of any workflow shows: the banner, the path, the history and the
    actions this user may take now (only those: no button that would answer 403)."""
    workflow = record.workflow()
    history = list(approval_history(record))
    return {
        "banner": approval_banner(record, history),
        "path": approval_path(record, history),
        "history": [
            (step, workflow.state_label(step.from_state), workflow.state_label(step.to_state))
            for step in history
        ],
        "options": approval_options(user=user, record=record),
        "notes": approval_notes(user=user, record=record),
        "state_label": workflow.state_label(record.state),
        "is_open": not workflow.is_closed(record.state),
    }
