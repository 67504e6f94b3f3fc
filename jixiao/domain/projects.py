"""The 专项 (special project) lifecycle as pure rules.

申报 (applied) → 论证 (reviewed) → 立项 (approved) → 实施 (implementing) → 督查 (inspecting)
→ 完成验收 (completed); a review that concludes 不通过, or a head who refuses 立项, ends the
project as 未立项 (rejected).

The stage values are the ones budgets.Project.stage stores, so the money core's gates
(lines from 立项 on, payments only while 立项/实施/督查) and this lifecycle read one field.

Who may act: the department's own finance officer or head prepares and records; only the
department head approves 立项 and accepts 完成验收, and never for a project they applied for
(立项) or are responsible for (验收). Finance bureau staff and auditors only read.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.data import load_yaml
from jixiao.domain.approval import ROLE_LABELS, Workflow, load_workflow
from jixiao.domain.errors import DomainError, PermissionRefused, TransitionNotAllowed
from jixiao.domain.money import round_half_up, wan


class Stage(enum.StrEnum):
    APPLIED = "applied"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    IMPLEMENTING = "implementing"
    INSPECTING = "inspecting"
    COMPLETED = "completed"
    REJECTED = "rejected"


STAGE_LABELS = {
    Stage.APPLIED: "申报",
    Stage.REVIEWED: "论证",
    Stage.APPROVED: "立项",
    Stage.IMPLEMENTING: "实施",
    Stage.INSPECTING: "督查",
    Stage.COMPLETED: "完成验收",
    Stage.REJECTED: "未立项",
}

STAGE_ORDER = (
    Stage.APPLIED,
    Stage.REVIEWED,
    Stage.APPROVED,
    Stage.IMPLEMENTING,
    Stage.INSPECTING,
    Stage.COMPLETED,
)


class PAction(enum.StrEnum):
    REVIEW = "review"  # record an expert's review opinion (starts 论证)
    CONCLUDE = "conclude"  # record the review conclusion 通过 / 不通过
    APPROVE = "approve"  # 立项, with the project's own budget lines
    REJECT = "reject"  # the head refuses 立项
    PLAN = "plan"  # the implementation plan: responsible person, dates, milestones
    INSPECT = "inspect"  # an inspection record at a milestone
    CLOSE_INSPECTION = "close_inspection"  # rectification done, the record is closed
    COMPLETE_MILESTONE = "complete_milestone"
    ACCEPT = "accept"  # 完成验收


ACTION_LABELS = {
    PAction.REVIEW: "录入论证意见",
    PAction.CONCLUDE: "论证结论",
    PAction.APPROVE: "批准立项",
    PAction.REJECT: "不予立项",
    PAction.PLAN: "制定实施方案",
    PAction.INSPECT: "督查记录",
    PAction.CLOSE_INSPECTION: "督查整改销号",
    PAction.COMPLETE_MILESTONE: "完成里程碑",
    PAction.ACCEPT: "完成验收",
}

DEPT_ROLES = {"finance_officer", "department_head"}


def project_workflow() -> Workflow:
    """The 专项 lifecycle as a configuration of the one approval mechanism
    (jixiao/data/workflows/special-project.yaml): stages, steps, who takes them."""
    return load_workflow("special_project")


def _allowed() -> dict[PAction, tuple[frozenset[Stage], dict[Stage, Stage]]]:
    """From which stages each action may be taken, and where it usually leads from each (a
    step that depends on a flag, like 论证不通过 → 未立项, is taken by its service)."""
    out: dict[PAction, tuple[frozenset[Stage], dict[Stage, Stage]]] = {}
    for action in PAction:
        targets = {
            Stage(source): Stage(step.target)
            for step in project_workflow().steps
            if step.action == action.value and step.applies(frozenset())
            for source in step.sources
        }
        out[action] = (frozenset(targets), targets)
    return out


_ALLOWED = _allowed()
# Steps only the department head takes (立项, 不予立项, 完成验收), as the workflow says.
HEAD_ONLY = {
    PAction(step.action) for step in project_workflow().steps if step.roles == frozenset({"department_head"})
}

PASS, FAIL = "pass", "fail"
CONCLUSION_LABELS = {PASS: "通过", FAIL: "不通过"}
MIN_SCORE, MAX_SCORE = Decimal(0), Decimal(100)


class ProjectRuleError(DomainError):
    code = "project_rule"


@dataclass(frozen=True, slots=True)
class ProjectActor:
    role: str
    same_department: bool
    is_applicant: bool = False
    is_responsible: bool = False


def next_stage(stage: Stage | str, action: PAction | str, *, actor: ProjectActor, name: str = "") -> Stage:
    """Return the stage after ``action``; raise PermissionRefused or TransitionNotAllowed."""
    stage, action = Stage(stage), PAction(action)
    label = ACTION_LABELS[action]
    subject = f"专项“{name}”" if name else "该专项"
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能办理专项。")
    if actor.role not in DEPT_ROLES or not actor.same_department:
        raise PermissionRefused(f"只有本单位的财务人员或负责人可以办理{subject}的“{label}”。")
    if action in HEAD_ONLY and actor.role != "department_head":
        raise PermissionRefused(f"“{label}”须由部门负责人办理，财务人员不能代为{label}。")
    if action in (PAction.APPROVE, PAction.REJECT) and actor.is_applicant:
        raise PermissionRefused(f"不能审批自己申报的项目：{subject}由您本人申报，须由其他负责人{label}。")
    if action is PAction.ACCEPT and actor.is_responsible:
        raise PermissionRefused(f"不能验收自己负责实施的项目：您是{subject}的实施责任人。")
    allowed, targets = _ALLOWED[action]
    if stage not in allowed:
        raise TransitionNotAllowed(
            f"{subject}当前阶段为“{STAGE_LABELS[stage]}”，不能{label}"
            f"（须在“{'、'.join(STAGE_LABELS[s] for s in STAGE_ORDER if s in allowed)}”阶段）。",
            stage=stage.value,
        )
    return targets[stage]


# ---------------------------------------------------------------- what comes next


@dataclass(frozen=True, slots=True)
class NextStep:
    text: str  # "作出立项决定（批准立项或不予立项）"
    who: str = ""  # "部门负责人"; empty once the project is closed
    action: str = ""

    @property
    def sentence(self) -> str:
        """ "下一步：部门负责人作出立项决定（批准立项或不予立项）"; "未立项，流程结束"."""
        return f"下一步：{self.who}{self.text}" if self.who else self.text


ROLE_ORDER = ("finance_officer", "department_head")


def next_step(stage: Stage | str, *, conclusion: str = "", ready_for_acceptance: bool = False) -> NextStep:
    """What the 专项 page says comes next and who takes it (from the workflow's ``next``)."""
    stage = Stage(stage)
    key = stage.value
    if stage is Stage.REVIEWED and conclusion == PASS:
        key = "reviewed_pass"
    if stage is Stage.INSPECTING and ready_for_acceptance:
        key = "inspecting_ready"
    entry = load_yaml("workflows/special-project.yaml")["next"][key]
    action = entry.get("action", "")
    if not action:
        return NextStep(text=entry["text"])
    roles = next(step.roles for step in project_workflow().steps if step.action == action)
    who = "或".join(ROLE_LABELS[role] for role in ROLE_ORDER if role in roles)
    return NextStep(text=entry["text"], who=who, action=action)


def stage_marks(stage: Stage | str) -> list[tuple[str, str, str]]:
    """The stepper: (stage, label, "done" | "current" | "next" | "") along the main path; a
    project that was not approved ends at 未立项 after the stages it passed."""
    stage = Stage(stage)
    path = [Stage(s) for s in project_workflow().path]
    if stage is Stage.REJECTED:
        return [(s.value, STAGE_LABELS[s], "done") for s in path[:2]] + [
            (stage.value, STAGE_LABELS[stage], "current")
        ]
    here = path.index(stage)
    marks = []
    for index, s in enumerate(path):
        mark = "done" if index < here else "current" if index == here else "next" if index == here + 1 else ""
        if s is Stage.COMPLETED and stage is Stage.COMPLETED:
            mark = "done"
        marks.append((s.value, STAGE_LABELS[s], mark))
    return marks


def is_payable(stage: Stage | str) -> bool:
    return Stage(stage) in {Stage.APPROVED, Stage.IMPLEMENTING, Stage.INSPECTING}


# ---------------------------------------------------------------- application and review


@dataclass(frozen=True, slots=True)
class Application:
    name: str
    basis: str  # 立项依据
    content: str
    amount: Decimal
    goal_summary: str
    indicators: tuple[str, ...] = ()


def check_application(app: Application) -> list[str]:
    """Every problem with an application, as Chinese sentences naming the field; [] when fine."""
    problems = []
    if not app.name.strip():
        problems.append("项目名称：不能为空。")
    if not app.basis.strip():
        problems.append("立项依据：请写明政策文件或上级任务（如文件名称和文号）。")
    if not app.content.strip():
        problems.append("项目内容：请写明实施内容。")
    if app.amount <= 0:
        problems.append(f"申报预算：金额须大于0（当前{app.amount}元）。")
    if not app.goal_summary.strip():
        problems.append("绩效目标：请填写项目绩效目标。")
    if not [i for i in app.indicators if i.strip()]:
        problems.append("绩效指标：至少填写一项可量化的绩效指标（写成“指标名称+比较符+数值+单位”）。")
    return problems


def check_review_score(score: Decimal, *, reviewer: str) -> None:
    if not reviewer.strip():
        raise ProjectRuleError("论证意见：请填写评审专家姓名。")
    if score < MIN_SCORE or score > MAX_SCORE:
        raise ProjectRuleError(f"论证意见：专家“{reviewer}”的评分{score}不在0～100分之间。")


def average_score(scores: Iterable[Decimal]) -> Decimal | None:
    scores = list(scores)
    if not scores:
        return None
    return round_half_up(sum(scores, Decimal(0)) / len(scores), 1)


def check_conclusion(conclusion: str, *, review_count: int) -> None:
    if conclusion not in CONCLUSION_LABELS:
        raise ProjectRuleError("论证结论只能是“通过”或“不通过”。")
    if review_count < 1:
        raise ProjectRuleError("尚无任何论证意见，不能作出论证结论：请先录入专家评审意见。")


def check_approval(*, conclusion: str, requested: Decimal, line_amounts: Sequence[Decimal]) -> Decimal:
    """立项 needs a passed review and at least one budget line of its own, within the request."""
    if conclusion != PASS:
        raise ProjectRuleError("论证结论不是“通过”，不能立项。")
    if not line_amounts:
        raise ProjectRuleError("立项须同时安排本项目的预算指标（专项核算），请至少填写一条指标。")
    for amount in line_amounts:
        if amount <= 0:
            raise ProjectRuleError(f"立项预算指标金额须大于0（当前{amount}元）。")
    total = sum(line_amounts, Decimal("0.00"))
    if total > requested:
        raise ProjectRuleError(
            f"立项预算合计{wan(total)}超过申报预算{wan(requested)}，请核减或重新申报。",
            total=total,
            requested=requested,
        )
    return total


# ---------------------------------------------------------------- plan, inspection, completion


@dataclass(frozen=True, slots=True)
class MilestonePlan:
    name: str
    due: dt.date


def check_plan(
    *, responsible: str, start: dt.date, end: dt.date, milestones: Sequence[MilestonePlan]
) -> None:
    if not responsible.strip():
        raise ProjectRuleError("实施方案：请明确责任人。")
    if end < start:
        raise ProjectRuleError(f"实施方案：结束日期{end:%Y-%m-%d}早于开始日期{start:%Y-%m-%d}。")
    if not milestones:
        raise ProjectRuleError("实施方案：至少设定一个关键节点（里程碑），督查按节点进行。")
    for m in milestones:
        if not m.name.strip():
            raise ProjectRuleError("实施方案：关键节点名称不能为空。")
        if not start <= m.due <= end:
            raise ProjectRuleError(
                f"实施方案：关键节点“{m.name}”的日期{m.due:%Y-%m-%d}不在实施期"
                f"{start:%Y-%m-%d}至{end:%Y-%m-%d}之内。"
            )


@dataclass(frozen=True, slots=True)
class InspectionState:
    date: dt.date
    closed: bool
    needs_rectification: bool


def check_inspection_close(*, needs_rectification: bool, rectification: str) -> None:
    if needs_rectification and not rectification.strip():
        raise ProjectRuleError("督查发现问题须整改：请填写整改情况后再销号。")


def check_acceptance(
    *, open_milestones: Sequence[str], inspections: Sequence[InspectionState], opinion: str
) -> None:
    """完成验收 only when every milestone is done and every inspection is closed."""
    if not opinion.strip():
        raise ProjectRuleError("验收意见不能为空。")
    if open_milestones:
        raise ProjectRuleError(f"尚有关键节点未完成：{'、'.join(open_milestones)}，不能验收。")
    if not inspections:
        raise ProjectRuleError("该专项没有任何督查记录，关键节点须经督查后才能验收。")
    still_open = [i for i in inspections if not i.closed]
    if still_open:
        raise ProjectRuleError(f"尚有{len(still_open)}条督查记录未整改销号，不能验收。")
