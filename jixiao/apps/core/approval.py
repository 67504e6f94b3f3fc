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
