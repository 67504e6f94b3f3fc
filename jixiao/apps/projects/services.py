"""Every change of a 专项 goes through one function here (architecture rule 4).

Each function is keyword-only and atomic, locks the project it checks (select_for_update),
asks jixiao.domain.projects whether the step is allowed, raises a DomainError with a Chinese
message and changes nothing when it refuses, writes an AuditEvent on success, and leaves the
refused attempt on record (RefusalEvent) through the money core's ``_records_refusal``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from jixiao.apps.budgets.models import Project
from jixiao.apps.budgets.services import budget_line_create
from jixiao.apps.core.approval import approval_advance
from jixiao.apps.core.services import audit_record, records_refusal
from jixiao.apps.orgs.models import Department
from jixiao.apps.projects.models import (
    DemonstrationBase,
    Inspection,
    Milestone,
    ProjectReview,
    SpecialProject,
)
from jixiao.domain.errors import PermissionRefused
from jixiao.domain.money import yuan
from jixiao.domain.projects import (
    ACTION_LABELS,
    CONCLUSION_LABELS,
    Application,
    InspectionState,
    MilestonePlan,
    PAction,
    ProjectActor,
    ProjectRuleError,
    Stage,
    check_acceptance,
    check_application,
    check_approval,
    check_conclusion,
    check_inspection_close,
    check_plan,
    check_review_score,
    next_stage,
)


def _scope(kwargs) -> tuple:
    department, year = kwargs.get("department"), kwargs.get("year")
    special = kwargs.get("special") or getattr(
        kwargs.get("milestone") or kwargs.get("inspection"), "special", None
    )
    project = kwargs.get("project") or getattr(special, "project", None)
    if project is not None:
        department, year = project.department, project.year
    return department, year


def _records_refusal(action: str):
    """The shared refusal recorder, finding the department and year of a 专项."""
    return records_refusal(action, scope=_scope)


@dataclass(frozen=True, slots=True)
class LineRequest:
    """One budget line to create at 立项: 功能分类, 经济分类 (at the department's control level), 元."""

    func_code: str
    econ_code: str
    amount: Decimal
    name: str = ""


def _actor(actor, special: SpecialProject) -> ProjectActor:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    return ProjectActor(
        role=actor.role,
        same_department=actor.is_department_user and actor.department_id == special.project.department_id,
        is_applicant=actor.pk == special.applicant_id,
        is_responsible=special.responsible_user_id is not None and actor.pk == special.responsible_user_id,
    )


def _lock(special: SpecialProject) -> SpecialProject:
    """Lock the 专项 and its Project (the stage the money core reads) in a fixed order."""
    Project.objects.select_for_update(of=("self",)).get(pk=special.project_id)
    return (
        SpecialProject.objects.select_for_update(of=("self",))
        .select_related("project", "project__department")
        .get(pk=special.pk)
    )


def _move(*, actor, special: SpecialProject, action: PAction, reason: str = "", after: dict | None = None):
    """Check the step, move the stage, audit it. The caller holds the lock and did its own checks."""
    before = special.snapshot()
    target = next_stage(
        special.project.stage, action, actor=_actor(actor, special), name=special.project.name
    )
    if target != special.project.stage:
        Project.objects.filter(pk=special.project_id).update(stage=target.value)
        special.project.stage = target.value
    audit_record(
        actor=actor,
        action=f"project_{action.value}",
        action_label=ACTION_LABELS[action],
        target=special,
        department=special.project.department,
        before=before,
        after={**special.snapshot(), **(after or {})},
        reason=reason,
    )
    return special


def _next_code(department: Department, year: int) -> str:
    Department.objects.select_for_update(of=("self",)).get(pk=department.pk)
    n = Project.objects.filter(department=department, year=year).count()
    while True:
        n += 1
        code = f"P{n:02d}"
        if not Project.objects.filter(department=department, year=year, code=code).exists():
            return code


# ---------------------------------------------------------------- 申报


@_records_refusal("project_apply")
def project_apply(
    *,
    actor,
    department: Department,
    year: int,
    name: str,
    basis: str,
    content: str,
    amount: Decimal | str,
    goal_summary: str,
    indicators: Sequence[str],
    applied_on: dt.date,
    code: str = "",
    is_key: bool = False,
    is_demo: bool = False,
) -> SpecialProject:
    """申报: a new 专项 and its budgets.Project at stage 申报 (it may not hold lines or pay yet)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能申报专项。")
    if not (actor.is_department_user and actor.department_id == department.pk):
        raise PermissionRefused("只有本单位的财务人员或负责人可以申报本单位的专项。")
    amount = yuan(amount)
    indicators = [i.strip() for i in indicators if i.strip()]
    problems = check_application(
        Application(
            name=name,
            basis=basis,
            content=content,
            amount=amount,
            goal_summary=goal_summary,
            indicators=tuple(indicators),
        )
    )
    if problems:
        raise ProjectRuleError("申报材料不完整：" + "".join(problems), problems=problems)
    code = code.strip() or _next_code(department, year)
    if Project.objects.filter(department=department, year=year, code=code).exists():
        raise ProjectRuleError(f"项目编码“{code}”在{year}年度已存在。")
    project = Project.objects.create(
        department=department,
        year=year,
        code=code,
        name=name.strip(),
        is_key=is_key,
        description=content.strip(),
        stage=Stage.APPLIED.value,
    )
    special = SpecialProject.objects.create(
        project=project,
        basis=basis.strip(),
        content=content.strip(),
        requested_amount=amount,
        goal_summary=goal_summary.strip(),
        indicators=indicators,
        applicant=actor,
        applied_on=applied_on,
        is_demo=is_demo,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="project_apply",
        action_label="专项申报",
        target=special,
        department=department,
        after={"code": code, "name": project.name, "amount": amount, **special.snapshot()},
    )
    return special


@dataclass(frozen=True, slots=True)
class PastReview:
    """An expert opinion from the 论证 that preceded a project approved in the budget (补录)."""

    reviewer: str
    reviewer_title: str
    score: Decimal
    opinion: str
    recommendation: str
    reviewed_on: dt.date


@_records_refusal("project_attach")
def project_attach(
    *,
    actor,
    project: Project,
    basis: str,
    content: str,
    goal_summary: str,
    indicators: Sequence[str],
    applied_on: dt.date,
    reviews: Sequence[PastReview] = (),
    review_summary: str = "",
    concluded_on: dt.date | None = None,
    approved_by=None,
    decided_on: dt.date | None = None,
    doc_no: str = "",
    is_demo: bool = False,
) -> SpecialProject:
    """Open the 专项 file of a project that came straight from the approved budget (already 立项),
    with the application and the 论证 that preceded it (补录). Nothing about its money changes."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    if not (actor.is_department_user and actor.department_id == project.department_id):
        raise PermissionRefused("只有本单位的财务人员或负责人可以建立本单位的专项档案。")
    locked = Project.objects.select_for_update(of=("self",)).select_related("department").get(pk=project.pk)
    if locked.stage not in {
        s.value for s in (Stage.APPROVED, Stage.IMPLEMENTING, Stage.INSPECTING, Stage.COMPLETED)
    }:
        raise ProjectRuleError(f"项目“{locked.name}”尚未立项，请走申报、论证、立项流程。")
    if SpecialProject.objects.filter(project=locked).exists():
        raise ProjectRuleError(f"项目“{locked.name}”已有专项档案。")
    for review in reviews:
        check_review_score(review.score, reviewer=review.reviewer)
    if approved_by is not None:
        if approved_by.role != "department_head" or approved_by.department_id != locked.department_id:
            raise PermissionRefused("立项审批人须是本单位部门负责人。")
        if approved_by.pk == actor.pk:
            raise PermissionRefused("不能审批自己申报的项目：补录的立项审批人不能是申报人本人。")
    budget = sum((line.budget for line in locked.budget_lines.all()), Decimal("0.00"))
    special = SpecialProject.objects.create(
        project=locked,
        basis=basis.strip(),
        content=content.strip(),
        requested_amount=budget,
        goal_summary=goal_summary.strip(),
        indicators=[i.strip() for i in indicators if i.strip()],
        applicant=actor,
        applied_on=applied_on,
        review_conclusion="pass" if reviews else "",
        review_concluded_on=concluded_on,
        review_summary=review_summary.strip(),
        decided_by=approved_by,
        decided_on=decided_on,
        approval_doc_no=doc_no.strip(),
        approved_amount=budget,
        is_demo=is_demo,
        created_at=timezone.now(),
    )
    for review in reviews:
        ProjectReview.objects.create(
            special=special,
            reviewer=review.reviewer,
            reviewer_title=review.reviewer_title,
            score=review.score,
            opinion=review.opinion,
            recommendation=review.recommendation,
            reviewed_on=review.reviewed_on,
            recorded_by=actor,
        )
    audit_record(
        actor=actor,
        action="project_attach",
        action_label="建立专项档案（补录申报论证材料）",
        target=special,
        department=locked.department,
        after={**special.snapshot(), "reviews": len(reviews), "budget": budget},
    )
    return special


# ---------------------------------------------------------------- 论证


@_records_refusal("project_review")
def project_review_add(
    *,
    actor,
    special: SpecialProject,
    reviewer: str,
    score: Decimal | str,
    opinion: str,
    recommendation: str,
    reviewed_on: dt.date,
    reviewer_title: str = "",
) -> ProjectReview:
    """Record one expert's review; the first one opens 论证."""
    locked = _lock(special)
    score = Decimal(str(score))
    check_review_score(score, reviewer=reviewer)
    if recommendation not in CONCLUSION_LABELS:
        raise ProjectRuleError(f"论证意见：专家“{reviewer}”的建议只能是“通过”或“不通过”。")
    if not opinion.strip():
        raise ProjectRuleError(f"论证意见：请填写专家“{reviewer}”的评审意见。")
    if locked.review_conclusion:
        raise ProjectRuleError("论证已作出结论，不能再追加专家意见。")
    review = ProjectReview.objects.create(
        special=locked,
        reviewer=reviewer.strip(),
        reviewer_title=reviewer_title.strip(),
        score=score,
        opinion=opinion.strip(),
        recommendation=recommendation,
        reviewed_on=reviewed_on,
        recorded_by=actor,
    )
    _move(
        actor=actor,
        special=locked,
        action=PAction.REVIEW,
        after={"reviewer": reviewer, "score": score, "recommendation": recommendation},
    )
    return review


@_records_refusal("project_conclude")
def project_review_conclude(
    *, actor, special: SpecialProject, conclusion: str, concluded_on: dt.date, summary: str
) -> SpecialProject:
    """论证结论: 通过 (ready for 立项) or 不通过 (the project ends as 未立项)."""
    locked = _lock(special)
    next_stage(locked.project.stage, PAction.CONCLUDE, actor=_actor(actor, locked), name=locked.project.name)
    if locked.review_conclusion:
        raise ProjectRuleError("论证已作出结论。")
    check_conclusion(conclusion, review_count=locked.reviews.count())
    if not summary.strip():
        raise ProjectRuleError("请填写论证综合意见。")
    locked.review_conclusion = conclusion
    locked.review_concluded_on = concluded_on
    locked.review_summary = summary.strip()
    locked.save(update_fields=["review_conclusion", "review_concluded_on", "review_summary"])
    if conclusion == "fail":
        Project.objects.filter(pk=locked.project_id).update(stage=Stage.REJECTED.value)
        locked.project.stage = Stage.REJECTED.value
    audit_record(
        actor=actor,
        action="project_conclude",
        action_label=f"论证结论：{CONCLUSION_LABELS[conclusion]}",
        target=locked,
        department=locked.project.department,
        after=locked.snapshot(),
        reason=summary,
    )
    return locked


# ---------------------------------------------------------------- 立项


def _decide(*, actor, special: SpecialProject, action: PAction, handler, reason: str = "", doc_no: str = ""):
    """A 立项 or 验收 decision on the approval mechanism: the mechanism locks the file, lets the
    workflow decide who may act (the department head, never on their own application), runs
    ``handler`` (the step's checks and effects) in the same transaction, moves the stage and
    writes the step as an ApprovalStep and an AuditEvent."""
    locked, _ = approval_advance(
        actor=actor, record=special, action=action.value, handler=handler, reason=reason, doc_no=doc_no
    )
    return SpecialProject.objects.select_related("project", "project__department").get(pk=locked.pk)


@_records_refusal("project_approve")
def project_approve(
    *,
    actor,
    special: SpecialProject,
    lines: Sequence[LineRequest],
    decided_on: dt.date,
    doc_no: str,
) -> SpecialProject:
    """立项 by the department head (never the applicant), with the project's own budget lines."""
    locked = _lock(special)
    # The rules of the lifecycle first, for the refusal that names the project and the person.
    next_stage(locked.project.stage, PAction.APPROVE, actor=_actor(actor, locked), name=locked.project.name)
    if not doc_no.strip():
        raise ProjectRuleError("立项须填写批复文号。")
    amounts = [yuan(line.amount) for line in lines]
    total = check_approval(
        conclusion=locked.review_conclusion, requested=locked.requested_amount, line_amounts=amounts
    )

    def approve(record, transition):
        # Stage first: the money core only lets a project from 立项 on hold budget lines.
        Project.objects.filter(pk=record.project_id).update(stage=transition.to_state)
        record.project.stage = transition.to_state
        for request, amount in zip(lines, amounts, strict=True):
            budget_line_create(
                actor=actor,
                department=record.project.department,
                year=record.project.year,
                func_code=request.func_code,
                fund_type="project",
                econ_code=request.econ_code,
                initial_amount=amount,
                date=decided_on,
                project=record.project,
                name=request.name or f"{record.project.name}（项目）",
                doc_no=doc_no.strip(),
            )
        record.decided_by = actor
        record.decided_on = decided_on
        record.approval_doc_no = doc_no.strip()
        record.approved_amount = total

    return _decide(actor=actor, special=locked, action=PAction.APPROVE, handler=approve, doc_no=doc_no)


@_records_refusal("project_reject")
def project_reject(*, actor, special: SpecialProject, reason: str, decided_on: dt.date) -> SpecialProject:
    """The head refuses 立项; the project ends as 未立项 and can never hold budget lines."""
    locked = _lock(special)
    if not reason.strip():
        raise ProjectRuleError("不予立项须写明理由。")
    next_stage(locked.project.stage, PAction.REJECT, actor=_actor(actor, locked), name=locked.project.name)

    def reject(record, transition):
        record.decided_by = actor
        record.decided_on = decided_on
        record.rejection_reason = reason.strip()

    return _decide(actor=actor, special=locked, action=PAction.REJECT, handler=reject, reason=reason)


# ---------------------------------------------------------------- 实施


@_records_refusal("project_plan")
def project_plan(
    *,
    actor,
    special: SpecialProject,
    responsible_person: str,
    start: dt.date,
    end: dt.date,
    summary: str,
    milestones: Sequence[MilestonePlan],
    responsible_user=None,
) -> SpecialProject:
    """实施方案: who is responsible, from when to when, and the key milestones to inspect."""
    locked = _lock(special)
    next_stage(locked.project.stage, PAction.PLAN, actor=_actor(actor, locked), name=locked.project.name)
    check_plan(responsible=responsible_person, start=start, end=end, milestones=milestones)
    if responsible_user is not None and responsible_user.department_id != locked.project.department_id:
        raise PermissionRefused("实施责任人须是本单位人员。")
    locked.responsible_person = responsible_person.strip()
    locked.responsible_user = responsible_user
    locked.plan_start, locked.plan_end = start, end
    locked.plan_summary = summary.strip()
    locked.save(
        update_fields=["responsible_person", "responsible_user", "plan_start", "plan_end", "plan_summary"]
    )
    for seq, m in enumerate(sorted(milestones, key=lambda m: m.due), start=1):
        Milestone.objects.create(special=locked, seq=seq, name=m.name.strip(), due=m.due)
    _move(
        actor=actor,
        special=locked,
        action=PAction.PLAN,
        after={"milestones": [f"{m.due:%Y-%m-%d} {m.name}" for m in milestones]},
    )
    return locked


@_records_refusal("project_milestone_done")
def milestone_complete(*, actor, milestone: Milestone, done_on: dt.date, note: str) -> Milestone:
    locked = _lock(milestone.special)
    next_stage(
        locked.project.stage,
        PAction.COMPLETE_MILESTONE,
        actor=_actor(actor, locked),
        name=locked.project.name,
    )
    m = Milestone.objects.select_for_update(of=("self",)).get(pk=milestone.pk, special=locked)
    if m.done_on is not None:
        raise ProjectRuleError(f"关键节点“{m.name}”已于{m.done_on:%Y-%m-%d}完成。")
    if not note.strip():
        raise ProjectRuleError(f"请填写关键节点“{m.name}”的完成情况。")
    m.done_on, m.done_note = done_on, note.strip()
    m.save(update_fields=["done_on", "done_note"])
    _move(
        actor=actor,
        special=locked,
        action=PAction.COMPLETE_MILESTONE,
        after={"milestone": m.name, "done_on": done_on},
    )
    return m


# ---------------------------------------------------------------- 督查


@_records_refusal("project_inspect")
def inspection_record(
    *,
    actor,
    special: SpecialProject,
    inspected_on: dt.date,
    inspectors: str,
    findings: str,
    needs_rectification: bool,
    milestone: Milestone | None = None,
    rectification_due: dt.date | None = None,
) -> Inspection:
    """A 督查 record at a key milestone; the project enters (or stays in) 督查."""
    locked = _lock(special)
    next_stage(locked.project.stage, PAction.INSPECT, actor=_actor(actor, locked), name=locked.project.name)
    if not inspectors.strip() or not findings.strip():
        raise ProjectRuleError("督查记录须填写督查人员和督查发现。")
    if milestone is not None and milestone.special_id != locked.pk:
        raise ProjectRuleError("所选关键节点不属于本专项。")
    if needs_rectification and rectification_due is None:
        raise ProjectRuleError("督查发现问题需要整改时，须明确整改期限。")
    inspection = Inspection.objects.create(
        special=locked,
        milestone=milestone,
        inspected_on=inspected_on,
        inspectors=inspectors.strip(),
        findings=findings.strip(),
        needs_rectification=needs_rectification,
        rectification_due=rectification_due,
        recorded_by=actor,
    )
    _move(
        actor=actor,
        special=locked,
        action=PAction.INSPECT,
        after={
            "inspected_on": inspected_on,
            "findings": findings,
            "needs_rectification": needs_rectification,
        },
    )
    return inspection


@_records_refusal("project_inspection_close")
def inspection_close(
    *, actor, inspection: Inspection, closed_on: dt.date, rectification: str = ""
) -> Inspection:
    """销号: the findings are rectified (or needed none); the record is closed."""
    locked = _lock(inspection.special)
    next_stage(
        locked.project.stage, PAction.CLOSE_INSPECTION, actor=_actor(actor, locked), name=locked.project.name
    )
    record = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk, special=locked)
    if record.is_closed:
        raise ProjectRuleError(f"该督查记录已于{record.closed_on:%Y-%m-%d}销号。")
    check_inspection_close(needs_rectification=record.needs_rectification, rectification=rectification)
    if closed_on < record.inspected_on:
        raise ProjectRuleError("销号日期不能早于督查日期。")
    record.rectification = rectification.strip()
    record.closed_on, record.closed_by = closed_on, actor
    record.save(update_fields=["rectification", "closed_on", "closed_by"])
    _move(
        actor=actor,
        special=locked,
        action=PAction.CLOSE_INSPECTION,
        after={"inspection": record.pk, "closed_on": closed_on, "rectification": rectification},
    )
    return record


# ---------------------------------------------------------------- 完成验收


@_records_refusal("project_accept")
def project_accept(*, actor, special: SpecialProject, accepted_on: dt.date, opinion: str) -> SpecialProject:
    """完成验收 by the head (not the responsible person); payments stop from here on."""
    locked = _lock(special)
    next_stage(locked.project.stage, PAction.ACCEPT, actor=_actor(actor, locked), name=locked.project.name)
    check_acceptance(
        open_milestones=[m.name for m in locked.milestones.filter(done_on__isnull=True)],
        inspections=[
            InspectionState(
                date=i.inspected_on, closed=i.is_closed, needs_rectification=i.needs_rectification
            )
            for i in locked.inspections.all()
        ],
        opinion=opinion,
    )

    def accept(record, transition):
        record.accepted_by, record.accepted_on = actor, accepted_on
        record.acceptance_opinion = opinion.strip()

    return _decide(actor=actor, special=locked, action=PAction.ACCEPT, handler=accept, reason=opinion)


# ---------------------------------------------------------------- 科普示范基地

DEMONSTRATION_BASE = "projects.DemonstrationBase"


def keeps_demonstration_bases(department: Department) -> bool:
    """Whether the department's type keeps 科普示范基地 (a reference object of one type's library)."""
    from jixiao.domain.indicator_library import types_keeping

    return department.department_type in types_keeping(DEMONSTRATION_BASE)


@_records_refusal("demonstration_base_add")
def demonstration_base_add(
    *,
    actor,
    department: Department,
    name: str,
    year: int,
    selection: str,
    kind: str = "农民专业合作社",
    field: str = "",
    town: str = "",
    special: SpecialProject | None = None,
    is_demo: bool = False,
) -> DemonstrationBase:
    """A 科普示范基地 selected by the department (申报 → 现场考察 → 名额核定)."""
    if actor is None or not (
        getattr(actor, "is_department_user", False) and actor.department_id == department.pk
    ):
        raise PermissionRefused("只有本单位的财务人员或负责人可以登记本单位的科普示范基地。")
    if not keeps_demonstration_bases(department):
        raise ProjectRuleError(
            f"部门类型“{department.department_type}”的指标库不含科普示范基地这类参照对象，不能登记。"
        )
    if not name.strip() or not selection.strip():
        raise ProjectRuleError("请填写基地名称和遴选过程。")
    if DemonstrationBase.objects.filter(department=department, name=name.strip()).exists():
        raise ProjectRuleError(f"科普示范基地“{name}”已登记。")
    base = DemonstrationBase.objects.create(
        department=department,
        name=name.strip(),
        kind=kind,
        field=field,
        town=town,
        year=year,
        selection=selection.strip(),
        special=special,
        is_demo=is_demo,
    )
    audit_record(
        actor=actor,
        action="demonstration_base_add",
        action_label="认定科普示范基地",
        target=base,
        department=department,
        after={"name": base.name, "year": year},
    )
    return base
