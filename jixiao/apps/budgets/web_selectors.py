"""Reads the web screens need beyond budgets.selectors; always scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Project, TransferRequest
from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.apps.orgs.models import User
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.transfers import ACTION_LABELS, Actor, TAction, next_state


def ledger_for_line(*, line: BudgetLine, kind: str | None = None) -> QuerySet[LedgerEntry]:
    """The ledger rows of a line the caller already fetched with access_budget_line."""
    entries = LedgerEntry.objects.filter(line=line).select_related(
        "voucher",
        "transfer",
        "created_by",
        "commitment",
        "commitment__payment_request",
        "commitment__procurement",
    )
    if kind:
        entries = entries.filter(kind=kind)
    return entries.order_by("date", "id")


def projects_for(*, department, year: int) -> QuerySet[Project]:
    return Project.objects.filter(department=department, year=year).order_by("code")


def sees_demo_data(user) -> bool:
    """Whether any department this user may see holds demo data (the frame then says 演示数据)."""
    return departments_visible_to(user).filter(is_demo=True).exists()


def budget_line_labels(*, user, ids) -> dict[int, str]:
    """Labels of the budget lines the user may see, for showing ids kept in audit snapshots."""
    lines = BudgetLine.objects.filter(pk__in=ids, department__in=departments_visible_to(user)).select_related(
        "project"
    )
    return {line.pk: line.label for line in lines}


def refusals_visible_to(user) -> QuerySet[RefusalEvent]:
    """Department users see their own department's refusals; bureau users their bureau's."""
    if not getattr(user, "is_authenticated", False):
        return RefusalEvent.objects.none()
    departments = departments_visible_to(user)
    scope = Q(department__in=departments)
    if user.is_bureau_user:
        scope |= Q(department__isnull=True, actor=user)
    return RefusalEvent.objects.filter(scope).select_related("actor", "department")


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    if not getattr(user, "is_authenticated", False):
        return AuditEvent.objects.none()
    scope = Q(department__in=departments_visible_to(user))
    if user.is_bureau_user:
        scope |= Q(department__isnull=True, actor=user)
    if user.is_system_admin:  # the 系统管理 changes of the bureau (departments, profiles, users)
        bureau_users = [
            str(pk) for pk in User.objects.filter(bureau_id=user.bureau_id).values_list("pk", flat=True)
        ]
        scope = Q(target_type__startswith="orgs.") & (
            Q(department__bureau_id=user.bureau_id)
            | Q(department__isnull=True, target_type="orgs.User", target_id__in=bureau_users)
            | Q(department__isnull=True, target_type="orgs.FinanceBureau", target_id=str(user.bureau_id))
        )
    return AuditEvent.objects.filter(scope).select_related("actor", "department")


@dataclass(frozen=True)
class TransferActionOption:
    action: str  # submit / approve / reject / withdraw / execute (the URL's action)
    label: str
    consequence: str
    needs_reason: bool = False
    needs_date: bool = False
    needs_doc_no: bool = False


def _actor(user, transfer: TransferRequest, *, is_creator: bool | None = None) -> Actor:
    return Actor(
        role=user.role,
        is_creator=(user.pk == transfer.created_by_id) if is_creator is None else is_creator,
        same_department=user.is_department_user and user.department_id == transfer.department_id,
        same_bureau=user.is_bureau_user and user.bureau_id == transfer.department.bureau_id,
    )


def _allowed(
    user, transfer: TransferRequest, action: TAction, *, is_creator: bool | None = None
) -> DomainError | None:
    try:
        next_state(
            transfer.state,
            action,
            needs_bureau=transfer.needs_bureau,
            actor=_actor(user, transfer, is_creator=is_creator),
            reason="（预检）",
        )
    except DomainError as error:
        return error
    return None


def transfer_actions_for(*, user, transfer: TransferRequest) -> tuple[list[TransferActionOption], list[str]]:
    """The actions this user may take now, each naming its consequence, and notes on blocked ones.

    The state machine of jixiao.domain.transfers decides; the service checks again on POST.
    """
    amount = f"{transfer.amount:,.2f}元"
    route = f"从“{transfer.source.label}”调出{amount}到“{transfer.target.label}”"
    approve = TAction.APPROVE_BUREAU if user.role == "bureau_staff" else TAction.APPROVE_HEAD
    if approve is TAction.APPROVE_HEAD and transfer.needs_bureau:
        after_approve = "批准后转财政局审批。"
    else:
        after_approve = "批准后即可由本单位执行调剂。"
    candidates = [
        (TAction.SUBMIT, "submit", "提交", "提交后申请将送部门负责人审批，不能再修改。", {}),
        (
            approve,
            "approve",
            "批准",
            f"同意{route}。{after_approve}",
            {"needs_doc_no": approve is TAction.APPROVE_BUREAU},
        ),
        (
            TAction.REJECT,
            "reject",
            "驳回",
            "驳回后该申请结束，不能再执行；需要时请重新申请。",
            {"needs_reason": True},
        ),
        (
            TAction.WITHDRAW,
            "withdraw",
            "撤回",
            "撤回后该申请结束，不能再执行；需要时请重新申请。",
            {"needs_reason": True},
        ),
        (
            TAction.EXECUTE,
            "execute",
            "执行调剂",
            f"执行后将{route}，记入预算账簿，不可撤销。",
            {"needs_date": True},
        ),
    ]
    options, notes = [], []
    for action, slug, label, consequence, flags in candidates:
        error = _allowed(user, transfer, action)
        if error is None:
            options.append(TransferActionOption(slug, label, consequence, **flags))
        elif (
            isinstance(error, PermissionRefused)
            and _allowed(user, transfer, action, is_creator=False) is None
        ):
            notes.append(f"不能{ACTION_LABELS[action]}：{error.message}")
    return options, notes


def transfer_steps(transfer: TransferRequest) -> list[dict]:
    """The approval path of a 调剂: steps done, the one it waits for (current), those to come."""
    path = [
        "draft",
        "submitted",
        "head_approved",
        *(["bureau_approved"] if transfer.needs_bureau else []),
        "executed",
    ]
    labels = {
        "draft": "草稿",
        "submitted": "已提交",
        "head_approved": "部门负责人批准",
        "bureau_approved": "财政局批准",
        "executed": "已执行",
    }
    closed = transfer.state in {"rejected", "withdrawn"}
    reached = path.index(transfer.state) if transfer.state in path else None
    steps = []
    for index, state in enumerate(path):
        if reached is None:
            status = (
                "done" if state == "draft" or (state == "submitted" and transfer.submitted_at) else "todo"
            )
            if state == "head_approved" and transfer.head_approved_by_id:
                status = "done"
            if state == "bureau_approved" and transfer.bureau_approved_by_id:
                status = "done"
        elif index <= reached:
            status = "done"
        elif index == reached + 1:
            status = "current"
        else:
            status = "todo"
        steps.append({"label": labels[state], "status": status})
    if closed:
        steps.append({"label": transfer.get_state_display(), "status": "closed"})
    return steps
