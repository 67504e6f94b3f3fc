"""DB → ``DepartmentYearFacts`` and ``ReportInputs``: the facts builder of the evaluation report.

Each source is its own function and returns None (or an empty tuple) when its app holds
nothing for the department-year, so a missing area shows in the report as "no data" and is
never filled with an invented figure. Amounts stay Decimal 元 throughout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import ExtractMonth

from jixiao.apps.assets import selectors as asset_selectors
from jixiao.apps.budgets.models import (
    BudgetLine as BudgetLineModel,
)
from jixiao.apps.budgets.models import (
    LedgerEntry,
    LedgerKind,
    Project,
    TransferRequest,
    TransferState,
    Voucher,
)
from jixiao.apps.budgets.reports import section_two_for
from jixiao.apps.budgets.selectors import budget_year, sangong_year, settlement_figures
from jixiao.apps.core.models import RefusalEvent
from jixiao.apps.goals import selectors as goal_selectors
from jixiao.apps.orgs.models import Department
from jixiao.apps.orgs.selectors import profile_for
from jixiao.apps.projects.models import SpecialProject
from jixiao.domain.facts import (
    Achievement,
    BudgetLine,
    BudgetTransfer,
    ChecklistAnswer,
    CrossUseAttempt,
    DepartmentYearFacts,
    FixedAssets,
    FundKind,
    IdleAsset,
    ManualJudgement,
    PaymentCheckpoint,
    PersonnelProjection,
    PriorYearFacts,
    ProjectFacts,
    SanGongFigures,
    SanGongItem,
)
from jixiao.domain.problems import (
    Evidence,
    Problem,
    ProblemKind,
    Suggestion,
    derive_problems,
    derive_suggestions,
)
from jixiao.domain.report.chart_data import time_schedule_percent
from jixiao.domain.report.inputs import (
    ActivityGroup,
    AssetsSummary,
    DepartmentProfileInputs,
    ExecutionLine,
    GoalRow,
    InternalUnit,
    ProjectSummary,
    ReportInputs,
)
from jixiao.domain.roster import parse_duties
from jixiao.domain.scoring import Framework, load_framework, score_department

ZERO = Decimal("0.00")
FUND_KIND = {
    "basic_personnel": FundKind.PERSONNEL,
    "basic_public": FundKind.PUBLIC,
    "project": FundKind.PROJECT,
}
DEFAULT_AUTHORITY = "湖南省"


# --- budget lines -----------------------------------------------------------------------------


def _lines_by(department: Department, year: int, **filters) -> BudgetLine:
    lines = BudgetLineModel.objects.filter(department=department, year=year, **filters)
    totals = lines.aggregate(
        initial=Sum("allocated"),
        transfers_in=Sum("transferred_in"),
        transfers_out=Sum("transferred_out"),
        actual=Sum("spent"),
    )
    adjustments = LedgerEntry.objects.filter(line__in=lines, kind=LedgerKind.ADJUSTMENT).aggregate(
        up=Sum("amount", filter=Q(amount__gt=0)),
        down=Sum("amount", filter=Q(amount__lt=0)),
    )
    return BudgetLine(
        initial=totals["initial"] or ZERO,
        additions=adjustments["up"] or ZERO,
        reductions=-(adjustments["down"] or ZERO),
        transfers_in=totals["transfers_in"] or ZERO,
        transfers_out=totals["transfers_out"] or ZERO,
        actual=totals["actual"] or ZERO,
    )


def project_facts(department: Department, year: int) -> tuple[ProjectFacts, ...]:
    projects = Project.objects.filter(department=department, year=year, budget_lines__isnull=False).distinct()
    return tuple(
        ProjectFacts(name=p.name, line=_lines_by(department, year, project=p), is_key=p.is_key)
        for p in projects.order_by("code")
    )


def prior_year_facts(department: Department, year: int) -> PriorYearFacts | None:
    if not BudgetLineModel.objects.filter(department=department, year=year - 1).exists():
        return None
    personnel = _lines_by(department, year - 1, fund_type="basic_personnel")
    public = _lines_by(department, year - 1, fund_type="basic_public")
    project = _lines_by(department, year - 1, fund_type="project")
    settled = settlement_figures(department=department, year=year - 1)
    return PriorYearFacts(
        year=year - 1,
        basic_initial=personnel.initial + public.initial,
        project_initial=project.initial,
        personnel_initial=personnel.initial,
        public_initial=public.initial,
        personnel_actual=personnel.actual,
        public_actual=public.actual,
        project_actual=project.actual,
        procurement_actual=settled.procurement_actual,
        carry_over_end=settled.carry_over_end,
    )


def san_gong_facts(department: Department, year: int) -> tuple[SanGongFigures, ...]:
    now = sangong_year(department=department, year=year)
    before = sangong_year(department=department, year=year - 1)
    return tuple(
        SanGongFigures(
            item=item,
            budget=now.budget.get(item.key),
            actual=now.actual.get(item.key, ZERO),
            previous_budget=before.budget.get(item.key),
            previous_actual=before.actual.get(item.key, ZERO),
        )
        for item in SanGongItem
    )


def cross_use_attempts(department: Department, year: int) -> tuple[CrossUseAttempt, ...]:
    """Refused basic↔project spending requests (RefusalEvent, error_code cross_use)."""
    attempts = []
    for event in RefusalEvent.objects.filter(
        department=department, year=year, error_code="cross_use"
    ).order_by("at"):
        details = event.details or {}
        if details.get("kind") != "basic_project":
            continue
        amount = details.get("amount")
        attempts.append(
            CrossUseAttempt(
                on=event.at.date(),
                source=FUND_KIND.get(details.get("line_fund", ""), FundKind.PROJECT),
                target=FUND_KIND.get(details.get("expense_fund", ""), FundKind.PUBLIC),
                # The refusal record holds no amount yet; 0 keeps the count honest without inventing one.
                amount=Decimal(str(amount)) if amount is not None else ZERO,
                description=event.message,
                economic_code=str(details.get("econ_code", "")),
            )
        )
    return tuple(attempts)


def executed_transfers(department: Department, year: int) -> tuple[BudgetTransfer, ...]:
    transfers = TransferRequest.objects.filter(
        department=department, year=year, state=TransferState.EXECUTED
    ).select_related("source", "target")
    return tuple(
        BudgetTransfer(
            on=t.executed_on or t.created_at.date(),
            source=FUND_KIND[t.source.fund_type],
            target=FUND_KIND[t.target.fund_type],
            amount=t.amount,
            description=t.reason,
            approval_document=t.doc_no or None,
        )
        for t in transfers.order_by("executed_on", "id")
    )


def payment_checkpoint(department: Department, year: int, annual_budget: Decimal) -> PaymentCheckpoint | None:
    """支付进度 at 30 June: paid by then against the year's adjusted budget, 既定进度 = 序时进度 (50%)."""
    vouchers = Voucher.objects.filter(department=department, year=year)
    if not vouchers.exists():
        return None
    spent = vouchers.filter(date__lte=dt.date(year, 6, 30)).aggregate(total=Sum("amount"))["total"] or ZERO
    return PaymentCheckpoint(
        as_of=dt.date(year, 6, 30),
        spent=spent,
        annual_budget=annual_budget,
        planned_percent=time_schedule_percent(6),
    )


def personnel_projection(personnel: BudgetLine, year: int) -> PersonnelProjection | None:
    """Full-year personnel spending against the personnel 年初预算 (the seed's 人员经费缺口)."""
    if personnel.actual is None or personnel.initial == 0:
        return None
    return PersonnelProjection(
        as_of=dt.date(year, 12, 31),
        projected_spending=personnel.actual,
        personnel_budget=personnel.initial,
        basis="全年人员经费决算数与人员经费年初预算比较",
    )


# --- areas kept by the other apps -------------------------------------------------------------


def goal_results(department: Department, year: int):
    """Goals with year-end actuals (traced from activities or entered with evidence)."""
    return tuple(goal_selectors.goal_results_for(department=department, year=year))


def work_completion(department: Department, year: int):
    return goal_selectors.work_completion_for(department=department, year=year)


def activity_groups(department: Department, year: int) -> tuple[ActivityGroup, ...] | None:
    return tuple(goal_selectors.activity_groups_for(department=department, year=year)) or None


def fixed_assets(department: Department, year: int) -> FixedAssets | None:
    """固定资产 at 原值 from the asset register; None when the register is empty."""
    app = asset_selectors
    if not app.Asset.objects.filter(department=department).exists():
        return None
    use = app.utilisation(department)
    idle = tuple(
        IdleAsset(name=a.name, original_value=a.original_value, note=a.note)
        for a in app.Asset.objects.filter(department=department, status="idle").order_by("number")
    )
    return FixedAssets(in_use_value=use.in_use, total_value=use.total, idle=idle)


def assets_summary(department: Department, year: int) -> AssetsSummary | None:
    app = asset_selectors
    if not app.Asset.objects.filter(department=department).exists():
        return None
    use = app.utilisation(department)
    ledger = app.ledger_for(department, year).ledger
    held = app.Asset.objects.filter(department=department).exclude(status="disposed")
    return AssetsSummary(
        total_value=use.total,
        in_use_value=use.in_use,
        count=held.count(),
        added_value=ledger.additions,
        disposed_value=ledger.disposals,
        idle_names=tuple(held.filter(status="idle").order_by("number").values_list("name", flat=True)),
    )


def project_outputs(department: Department, year: int) -> dict[str, tuple[str, ...]]:
    """What the 专项 lifecycle records per project: 批复, 关键节点, 督查 and 整改 — worded, counted."""
    result: dict[str, tuple[str, ...]] = {}
    specials = SpecialProject.objects.filter(
        project__department=department, project__year=year
    ).select_related("project")
    for special in specials:
        parts = []
        if special.approval_doc_no:
            parts.append(f"立项批复文号{special.approval_doc_no}")
        milestones = list(special.milestones.all())
        if milestones:
            done = sum(1 for m in milestones if m.done_on)
            parts.append(f"设置关键节点{len(milestones)}个，已完成{done}个")
        inspections = list(special.inspections.all())
        if inspections:
            rectify = [i for i in inspections if i.needs_rectification]
            closed = sum(1 for i in rectify if i.closed_on)
            text = f"开展督查{len(inspections)}次"
            if rectify:
                text += f"，发现需整改问题{len(rectify)}个，已整改销号{closed}个"
            parts.append(text)
        if parts:
            result[special.project.name] = tuple(parts)
    return result


def project_summaries(
    department: Department, year: int, facts: DepartmentYearFacts
) -> tuple[ProjectSummary, ...]:
    stages = dict(Project.objects.filter(department=department, year=year).values_list("name", "stage"))
    labels = dict(Project._meta.get_field("stage").choices)
    outputs = project_outputs(department, year)
    return tuple(
        ProjectSummary(
            name=p.name,
            initial=p.line.initial,
            adjusted=p.line.adjusted,
            actual=p.line.actual or ZERO,
            stage=str(labels.get(stages.get(p.name), "")),
            is_key=p.is_key,
            outputs=outputs.get(p.name, ()),
        )
        for p in facts.projects
    )


# --- facts and inputs ---------------------------------------------------------------------------


def judgement_facts(judgements: dict | None) -> dict:
    """The officer's checklist answers and manual scores (saved in the draft) as facts."""
    if not judgements:
        return {}
    checklist = tuple(
        ChecklistAnswer(
            row_key=a["row_key"], item_key=a["item_key"], met=bool(a["met"]), evidence=a.get("evidence", "")
        )
        for a in judgements.get("checklist", [])
    )
    manual = tuple(
        ManualJudgement(
            row_key=j["row_key"],
            evidence=j.get("evidence", ""),
            score=Decimal(str(j["score"])) if j.get("score") not in (None, "") else None,
            level=Achievement(j["level"]) if j.get("level") else None,
            judged_by=j.get("judged_by", ""),
        )
        for j in judgements.get("manual", [])
    )
    return {"checklist": checklist, "judgements": manual}


def department_year_facts(
    *, department: Department, year: int, judgements: dict | None = None
) -> DepartmentYearFacts:
    personnel = _lines_by(department, year, fund_type="basic_personnel")
    public = _lines_by(department, year, fund_type="basic_public")
    profile = profile_for(department, year)
    previous_profile = profile_for(department, year - 1)
    extra = judgement_facts(judgements)
    work = work_completion(department, year)
    if work is not None:
        extra["work"] = work
    projects = project_facts(department, year)
    total_budget = BudgetLine.total([personnel, public, *(p.line for p in projects)]).adjusted
    settled = settlement_figures(department=department, year=year)
    return DepartmentYearFacts(
        department=department.name,
        year=year,
        basic_personnel=personnel,
        basic_public=public,
        projects=projects,
        staff_quota=profile.staffing_quota if profile else None,
        staff_actual=profile.actual_staff if profile else None,
        staff_actual_previous=previous_profile.actual_staff if previous_profile else None,
        retired=profile.retired if profile else None,
        previous=prior_year_facts(department, year),
        san_gong=san_gong_facts(department, year),
        assets=fixed_assets(department, year),
        goals=goal_results(department, year),
        cross_use_attempts=cross_use_attempts(department, year),
        transfers=executed_transfers(department, year),
        personnel_projection=personnel_projection(personnel, year),
        payment_checkpoint=payment_checkpoint(department, year, total_budget),
        carry_over_start=settled.carry_over_start,
        carry_over_end=settled.carry_over_end,
        procurement_budget=settled.procurement_budget,
        procurement_actual=settled.procurement_actual,
        **extra,
    )


def execution_lines(facts: DepartmentYearFacts) -> tuple[ExecutionLine, ...]:
    def row(label: str, line: BudgetLine, depth: int = 0, is_total: bool = False) -> ExecutionLine:
        return ExecutionLine(label, line.initial, line.adjusted, line.actual or ZERO, depth, is_total)

    rows = [
        row("基本支出", facts.basic),
        row("人员经费", facts.basic_personnel, 1),
        row("公用经费", facts.basic_public, 1),
        row("项目支出", facts.project_total),
    ]
    rows += [row(p.name, p.line, 1) for p in facts.projects]
    rows.append(row("合计", facts.total, is_total=True))
    return tuple(rows)


def monthly_spending(department: Department, year: int) -> tuple[Decimal, ...]:
    sums = dict(
        Voucher.objects.filter(department=department, year=year)
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    if not sums:
        return ()
    last = max(sums)
    return tuple(sums.get(month, ZERO) for month in range(1, last + 1))


def profile_inputs(department: Department, year: int) -> DepartmentProfileInputs:
    profile = profile_for(department, year)
    previous = profile_for(department, year - 1)
    # A year's own list of 内设机构 first; else the department's current one (系统管理, roster).
    listed = (profile.internal_units if profile else None) or department.internal_units or []
    units = tuple(InternalUnit(name=u.get("name", ""), kind=u.get("kind", "股室")) for u in listed)
    return DepartmentProfileInputs(
        name=department.name,
        nature=profile.nature if profile else "",
        # 主要职责 is kept one item a line; the paragraph joins them.
        duties="；".join(parse_duties(profile.duties)) if profile else "",
        staffing_quota=profile.staffing_quota if profile else None,
        actual_staff=profile.actual_staff if profile else None,
        actual_staff_previous=previous.actual_staff if previous else None,
        retired=profile.retired if profile else None,
        internal_units=units,
    )


def goal_rows(facts: DepartmentYearFacts) -> tuple[GoalRow, ...] | None:
    if not facts.goals:
        return None
    rows = []
    for goal in facts.goals:
        if goal.achievement is not None:
            result = goal.achievement.value
        elif goal.actual is not None and goal.target is not None and goal.operator:
            met = {
                "≥": goal.actual >= goal.target,
                "≤": goal.actual <= goal.target,
                "=": goal.actual == goal.target,
                ">": goal.actual > goal.target,
                "<": goal.actual < goal.target,
            }[goal.operator]
            result = "达成" if met else "未达成"
        else:
            result = "未填报"
        rows.append(
            GoalRow(
                f"{goal.level1}/{goal.level2}",
                goal.name,
                goal.target_display,
                goal.actual_display or "—",
                result,
            )
        )
    return tuple(rows)


def _without_unknown_amounts(
    problems: tuple[Problem, ...], facts: DepartmentYearFacts
) -> tuple[Problem, ...]:
    """Refusal records hold no amount yet: drop the "共0万元" the wording would print for them."""
    if not any(a.amount == ZERO or a.on.year != facts.year for a in facts.cross_use_attempts):
        return problems
    result = []
    for problem in problems:
        if problem.kind is ProblemKind.CROSS_USE:
            evidence = tuple(
                Evidence(_undated(e.label, facts.year), e.detail.replace("0万元：", "："))
                if "被拒绝" in e.label
                else e
                for e in problem.evidence
            )
            problem = replace(problem, text=problem.text.replace("共0万元", ""), evidence=evidence)
        result.append(problem)
    return tuple(result)


def _undated(label: str, year: int) -> str:
    """A refusal recorded outside the report year (demo data built later) prints without its date."""
    head, sep, rest = label.partition("年")
    if sep and head.isdigit() and int(head) != year and "日" in rest:
        return rest.split("日", 1)[1]
    return label


def framework_for(year: int, authority: str = DEFAULT_AUTHORITY) -> Framework:
    return load_framework(authority=authority, year=year)


def report_inputs(
    *,
    department: Department,
    year: int,
    as_of: dt.date | None = None,
    narratives: dict[str, str] | None = None,
    problems: tuple[Problem, ...] | None = None,
    suggestions: tuple[Suggestion, ...] | None = None,
    version: int = 0,
    authority: str = DEFAULT_AUTHORITY,
    judgements: dict | None = None,
) -> ReportInputs:
    """Everything the report needs. ``problems``/``suggestions`` as confirmed by the officer, else derived."""
    facts = department_year_facts(department=department, year=year, judgements=judgements)
    framework = framework_for(year, authority)
    sheet = score_department(facts, framework)
    if problems is None:
        problems = _without_unknown_amounts(derive_problems(facts, framework), facts)
    if suggestions is None:
        suggestions = derive_suggestions(problems)
    return ReportInputs(
        department=department.name,
        year=year,
        as_of=as_of or dt.date(year + 1, 3, 31),
        profile=profile_inputs(department, year),
        section_two=tuple(section_two_for(department=department, year=year)),
        execution=execution_lines(facts),
        facts=facts,
        score=sheet,
        problems=tuple(problems),
        suggestions=tuple(suggestions),
        monthly_spending=monthly_spending(department, year),
        narratives=tuple((narratives or {}).items()),
        activities=activity_groups(department, year),
        projects=project_summaries(department, year, facts),
        assets=assets_summary(department, year),
        goal_rows=goal_rows(facts),
        demo=department.is_demo,
        department_code=department.code,
        version=version,
    )


def check_budget_year_matches(*, department: Department, year: int, facts: DepartmentYearFacts) -> bool:
    """The facts' totals equal the money core's (a guard used by tests)."""
    money = budget_year(department=department, year=year)
    return money.total_initial == facts.total.initial and money.total_spent == (facts.total.actual or ZERO)
