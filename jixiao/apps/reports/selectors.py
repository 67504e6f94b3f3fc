"""DB → ``DepartmentYearFacts`` and ``ReportInputs``: the facts builder of the evaluation report.

Each source is its own function and returns None (or an empty tuple) when its app holds
nothing for the department-year, so a missing area shows in the report as "no data" and is
never filled with an invented figure. Amounts stay Decimal 元 throughout.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
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
from jixiao.apps.budgets.reports import (
    entered_prior_year_facts,
    entered_staff,
    section_two_for,
    source_facts,
)
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
    InspectionFinding,
    ManualJudgement,
    PaymentCheckpoint,
    PersonnelProjection,
    PriorYearFacts,
    ProjectFacts,
    SanGongFigures,
    SanGongItem,
    TaskShortfall,
)
from jixiao.domain.problems import Problem, Suggestion, derive_problems, derive_suggestions
from jixiao.domain.report.chart_data import time_schedule_percent
from jixiao.domain.report.compose import goal_rows_of
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
from jixiao.domain.review import STATE_LABELS, WITH_BUREAU, ReviewState, review_status, version_label
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
        return entered_prior_year_facts(department=department, year=year - 1)
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
    # A previous year jixiao knows nothing of has no figures (None), not zeros; an entered one
    # has the figures that were entered.
    return tuple(
        SanGongFigures(
            item=item,
            budget=now.budget.get(item.key),
            actual=now.actual.get(item.key, ZERO),
            previous_budget=before.budget.get(item.key),
            previous_actual=(
                before.actual.get(item.key) if before.entered else before.actual.get(item.key, ZERO)
            )
            if before.known
            else None,
        )
        for item in SanGongItem
    )


_LINE_IN_MESSAGE = re.compile(r"指标“(?P<line>[^”]+)”支付")


def cross_use_attempts(department: Department, year: int) -> tuple[CrossUseAttempt, ...]:
    """Refused basic↔project spending requests (RefusalEvent, error_code cross_use). The
    description names the line the request tried to use, never the refusal's system message."""
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
                description=_attempted_line(event.message),
                economic_code=str(details.get("econ_code", "")),
            )
        )
    return tuple(attempts)


def _attempted_line(message: str) -> str:
    found = _LINE_IN_MESSAGE.search(message or "")
    return f"“{found.group('line')}”指标" if found else ""


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
    """职责履行 counts, with the tasks that fell short named (and what their record says)."""
    counts = goal_selectors.work_completion_for(department=department, year=year)
    goal = goal_selectors.department_goal(department, year)
    if counts is None or goal is None:
        return counts
    shortfalls = []
    for row in goal_selectors.completion_rows(goal):
        outcome = row.outcome
        aspects = []
        if not outcome.completed:
            aspects.append("未完成")
        else:
            if not row.timely:
                aspects.append("未按时完成")
            if not outcome.quality_passed:
                aspects.append("质量未达标")
        if outcome.is_key and not outcome.completed:
            aspects.append("重点工作未办结")
        if aspects:
            evidence = (row.completion.evidence if row.completion else "").replace("（演示数据）", "")
            shortfalls.append(TaskShortfall(outcome.name, tuple(aspects), evidence.strip()))
    return replace(counts, shortfalls=tuple(shortfalls))


def _vocabulary(library_version: str) -> dict:
    """The department library's own words (its ``vocabulary``), if the library file has any."""
    from jixiao.data import DATA_DIR, load_yaml

    path = f"indicators/{library_version}.yaml"
    if not (DATA_DIR / path).exists():
        return {}
    return (load_yaml(path) or {}).get("vocabulary") or {}


def work_groups(department: Department, year: int) -> tuple[tuple[ActivityGroup, ...] | None, str]:
    """Section 五's work from the activity record, grouped by work area, each output that alone
    makes up an indicator set against its target, and the closing sentence for the others."""
    from collections import OrderedDict

    from jixiao.apps.goals.models import Activity
    from jixiao.domain.activity_wording import IndicatorTarget, load_wording
    from jixiao.domain.activity_wording import work_groups as word_groups
    from jixiao.domain.goals import TargetParseError

    activities = (
        Activity.objects.filter(department=department, year=year)
        .select_related("area")
        .prefetch_related("outputs")
        .order_by("area__order", "area__id", "date", "id")
    )
    grouped: OrderedDict[str, list] = OrderedDict()
    for activity in activities:
        grouped.setdefault(f"在{activity.area.name}方面", []).append(goal_selectors.activity_record(activity))
    if not grouped:
        return None, ""
    goal = goal_selectors.department_goal(department, year)
    targets = []
    vocabulary = {}
    if goal is not None:
        vocabulary = _vocabulary(goal.library_version)
        for row in goal_selectors.year_end_rows(goal):
            if row.traced is None:
                continue
            try:
                target = row.indicator.parsed_target()
            except TargetParseError:  # an unquantified target: nothing to compare with
                continue
            targets.append(
                IndicatorTarget(
                    name=row.indicator.name,
                    operator=target.operator.value,
                    target=target.value,
                    unit=target.unit or row.indicator.unit,
                    fed_by=tuple(dict.fromkeys(item.output for item in row.traced.items)),
                    actual=row.traced.value,
                )
            )
    groups, summary = word_groups(grouped.items(), targets, load_wording(vocabulary=vocabulary))
    return tuple(ActivityGroup(g.heading, g.items, g.summary) for g in groups), summary


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


def inspection_findings(department: Department, year: int) -> tuple[InspectionFinding, ...]:
    """督查 of the year's 专项 that found something to rectify, with their 销号 (if any)."""
    from jixiao.apps.projects.models import Inspection

    inspections = (
        Inspection.objects.filter(
            special__project__department=department, special__project__year=year, needs_rectification=True
        )
        .select_related("special__project")
        .order_by("inspected_on", "id")
    )
    return tuple(
        InspectionFinding(
            project=i.special.project.name,
            on=i.inspected_on,
            finding=i.findings,
            due=i.rectification_due,
            closed_on=i.closed_on,
            rectification=i.rectification,
        )
        for i in inspections
    )


def project_summaries(
    department: Department, year: int, facts: DepartmentYearFacts
) -> tuple[ProjectSummary, ...]:
    stages = dict(Project.objects.filter(department=department, year=year).values_list("name", "stage"))
    labels = dict(Project._meta.get_field("stage").choices)
    outputs = project_outputs(department, year)
    specials = {
        special.project.name: special
        for special in SpecialProject.objects.filter(project__department=department, project__year=year)
        .select_related("project")
        .prefetch_related("milestones", "inspections")
    }
    as_of = dt.date(year, 12, 31)
    summaries = []
    for p in facts.projects:
        special = specials.get(p.name)
        milestones = list(special.milestones.all()) if special else []
        summaries.append(
            ProjectSummary(
                name=p.name,
                initial=p.line.initial,
                adjusted=p.line.adjusted,
                actual=p.line.actual or ZERO,
                stage=str(labels.get(stages.get(p.name), "")),
                is_key=p.is_key,
                outputs=outputs.get(p.name, ()),
                has_file=special is not None,
                accepted_on=special.accepted_on if special and special.accepted_on else None,
                milestones=len(milestones),
                pending_milestones=tuple(
                    m.name for m in milestones if m.done_on is None or m.done_on > as_of
                ),
                open_findings=sum(
                    1
                    for i in (special.inspections.all() if special else ())
                    if i.needs_rectification and (i.closed_on is None or i.closed_on > as_of)
                ),
                plan_end=special.plan_end if special else None,
            )
        )
    return tuple(summaries)


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
        staff_actual_previous=(
            previous_profile.actual_staff
            if previous_profile
            else entered_staff(department=department, year=year - 1)
        ),
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
        # no contract registered where the 政府采购 budget is 0: the department bought nothing
        procurement_actual=(
            ZERO
            if settled.procurement_actual is None and settled.procurement_budget == 0
            else settled.procurement_actual
        ),
        inspections=inspection_findings(department, year),
        sources=source_facts(department=department, year=year),
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
        actual_staff_previous=(
            previous.actual_staff if previous else entered_staff(department=department, year=year - 1)
        ),
        retired=profile.retired if profile else None,
        internal_units=units,
    )


def goal_rows(facts: DepartmentYearFacts) -> tuple[GoalRow, ...] | None:
    return goal_rows_of(facts)


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
        problems = derive_problems(facts, framework, sheet=sheet)
    if suggestions is None:
        suggestions = derive_suggestions(problems)
    activities, work_summary = work_groups(department, year)
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
        activities=activities,
        work_summary=work_summary,
        projects=project_summaries(department, year, facts),
        assets=assets_summary(department, year),
        goal_rows=goal_rows(facts),
        demo=department.is_demo,
        department_code=department.code,
        version=version,
        spending_by_source=spending_by_source(facts),
    )


def spending_by_source(facts: DepartmentYearFacts) -> tuple[tuple[str, Decimal], ...]:
    """本年支出 by 资金来源 (names as in fund-sources.yaml); the Hunan outline's sections on the
    other budgets (政府性基金, 国有资本经营 …) read this. A department whose lines carry no source
    figures spends 一般公共预算财政拨款 only."""
    by_source = tuple((source.name, source.actual) for source in facts.sources if source.actual)
    return by_source or (("一般公共预算财政拨款", facts.total.actual or ZERO),)


def check_budget_year_matches(*, department: Department, year: int, facts: DepartmentYearFacts) -> bool:
    """The facts' totals equal the money core's (a guard used by tests)."""
    money = budget_year(department=department, year=year)
    return money.total_initial == facts.total.initial and money.total_spent == (facts.total.actual or ZERO)


def outline_for(*, department: Department, year: int) -> str:
    """The outline key the department's finance bureau asks for in ``year`` (its latest choice
    valid then), or the default outline's."""
    from jixiao.apps.reports.models import OutlineChoice
    from jixiao.domain.report.outlines import load_outline

    choice = (
        OutlineChoice.objects.filter(bureau_id=department.bureau_id, valid_from__lte=year)
        .order_by("-valid_from")
        .first()
    )
    return choice.outline if choice else load_outline().key


# --- where a report stands with the finance bureau ------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ReportStanding:
    """Where a department's report for a year stands, in the one numbering (第N版) that
    generating, submitting, reviewing and publishing share: N is the version being reviewed or
    published, or the next one to be submitted while the department is still writing."""

    version: int
    submission: object | None  # the latest oversight.ReportSubmission, if any
    editable: bool  # the department may change and submit it (nothing waits at the bureau)

    @property
    def version_label(self) -> str:
        return version_label(self.version)

    @property
    def state(self) -> str:
        return "draft" if self.editing else self.submission.state

    @property
    def editing(self) -> bool:
        """The department is writing 第N版 (not yet submitted)."""
        return self.submission is None or self.submission.version != self.version

    @property
    def state_label(self) -> str:
        return STATE_LABELS[ReviewState(self.state)]

    @property
    def status_text(self) -> str:
        if self.editing:
            text = review_status(ReviewState.DRAFT, self.version)
            if self.submission is not None and self.submission.state == ReviewState.RETURNED:
                text += f"；{review_status(ReviewState.RETURNED, self.submission.version, reason=self.submission.return_reason)}"
            return text
        return self.submission.status_text


_STANDING_FIELDS = ("pk", "department_id", "year", "version", "state", "return_reason", "submitted_at")


def _standing_of(submission, latest_edit_at) -> ReportStanding:
    if submission is None:
        return ReportStanding(version=1, submission=None, editable=True)
    if submission.state in WITH_BUREAU:
        return ReportStanding(version=submission.version, submission=submission, editable=False)
    changed_since = latest_edit_at is not None and latest_edit_at > submission.submitted_at
    if submission.state == ReviewState.PUBLISHED and not changed_since:
        return ReportStanding(version=submission.version, submission=submission, editable=True)
    return ReportStanding(version=submission.version + 1, submission=submission, editable=True)


def _live_submissions():
    from jixiao.apps.oversight.models import ReportSubmission

    return ReportSubmission.objects.exclude(state=ReviewState.SUPERSEDED).only(*_STANDING_FIELDS)


def report_standing(*, department, year: int, latest_edit_at=None) -> ReportStanding:
    """The report's 第N版 and state. ``latest_edit_at``: when the draft was last saved; a
    published version changed after its submission is being rewritten as the next version."""
    submission = _live_submissions().filter(department=department, year=year).order_by("-version").first()
    return _standing_of(submission, latest_edit_at)


def report_standings(drafts) -> dict[int, ReportStanding]:
    """The standing of each draft (by its pk), in two queries whatever the number of drafts."""
    from django.db.models import Max

    from jixiao.apps.reports.models import DraftVersion

    drafts = list(drafts)
    edits = dict(
        DraftVersion.objects.filter(draft__in=drafts)
        .values("draft_id")
        .annotate(at=Max("created_at"))
        .values_list("draft_id", "at")
    )
    latest: dict[tuple[int, int], object] = {}
    for submission in _live_submissions().filter(
        department_id__in={d.department_id for d in drafts}, year__in={d.year for d in drafts}
    ):
        key = (submission.department_id, submission.year)
        if key not in latest or submission.version > latest[key].version:
            latest[key] = submission
    return {d.pk: _standing_of(latest.get((d.department_id, d.year)), edits.get(d.pk)) for d in drafts}
