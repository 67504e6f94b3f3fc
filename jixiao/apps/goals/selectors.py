"""Reads of goals, activities and the 双监控 view, always filtered by what the user may see.

The monitoring figures come from the ledger: each budget line's budget and spending up to the
date are sums over its ledger rows dated on or before ``as_of`` — not the goal's task budgets.
Indicator actuals come from the activity record through ``indicator_actuals``, which keeps the
activities behind every total.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, LedgerKind
from jixiao.apps.budgets.selectors import thresholds_for
from jixiao.apps.goals import libraries
from jixiao.apps.goals.models import (
    Activity,
    ActivityOutput,
    CustomIndicator,
    Evidence,
    Goal,
    GoalIndicator,
    GoalState,
    GoalTask,
    LibraryVersion,
    TaskCompletion,
    WarningResponse,
    WorkArea,
    YearEndActual,
)
from jixiao.apps.orgs.models import Department
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.domain import goals as domain
from jixiao.domain.activity_wording import ActivityRecord, OutputRecord, Wording, load_wording
from jixiao.domain.activity_wording import sentences as activity_sentences
from jixiao.domain.facts import Achievement, WorkCompletion
from jixiao.domain.goals import GoalFinding, GoalKind, Severity, curve_from_data, validate_goal
from jixiao.domain.indicator_library import (
    IndicatorActual,
    IndicatorLibrary,
    RecordedOutput,
    actual_values,
    indicator_actuals,
)
from jixiao.domain.indicators import IndicatorStatus, IndicatorValue
from jixiao.domain.money import round_half_up
from jixiao.domain.monitoring import BudgetLine as MonitoredLine
from jixiao.domain.monitoring import FundKind, MonitoringReport, monitor, standard_checkpoints
from jixiao.domain.quantity import Quantity
from jixiao.domain.year_end import TaskOutcome, grade_labels, work_completion

ZERO = Decimal("0.00")


def _visible(queryset: QuerySet, user) -> QuerySet:
    return queryset.filter(department__in=departments_visible_to(user))


# ---------------------------------------------------------------- access


def access_goal(*, user, id: int) -> Goal:
    goal = _visible(Goal.objects.select_related("department", "project"), user).filter(pk=id).first()
    if goal is None:
        raise Http404("没有找到该绩效目标，或您无权查看。")
    return goal


def access_activity(*, user, id: int) -> Activity:
    activity = _visible(Activity.objects.select_related("department", "area"), user).filter(pk=id).first()
    if activity is None:
        raise Http404("没有找到该履职活动，或您无权查看。")
    return activity


def access_evidence(*, user, id: int) -> Evidence:
    evidence = (
        Evidence.objects.select_related("activity", "activity__department")
        .filter(pk=id, activity__department__in=departments_visible_to(user))
        .first()
    )
    if evidence is None:
        raise Http404("没有找到该佐证材料，或您无权查看。")
    return evidence


# ---------------------------------------------------------------- library


def library_for(
    department: Department, version: str | None = None, common_version: str | None = None
) -> IndicatorLibrary:
    """The department's library: its type's library ``version`` and the 共性 library ``common_version``
    (by default the versions a new goal takes now, see ``libraries.current_versions``), extended with
    the department's own indicators (and their own outputs)."""
    if version is None or common_version is None:
        current = libraries.current_versions(department)
        version = current.version if version is None else version
        common_version = current.common_version if common_version is None else common_version
    custom = list(CustomIndicator.objects.filter(department=department).order_by("code"))
    return libraries.department_library(
        department.bureau_id,
        version,
        common_version,
        [item.library_item() for item in custom],
        [{"key": item.name, "unit": item.unit, "name": item.name} for item in custom if item.own_output],
    )


def library_for_goal(goal: Goal) -> IndicatorLibrary:
    """The library the goal was made with (its versions are kept with it)."""
    return library_for(goal.department, goal.library_version, goal.common_version)


def library_for_year(department: Department, year: int) -> IndicatorLibrary:
    """The library the department's activities of ``year`` are recorded against: that of the year's
    overall goal when there is one (so its outputs count toward it), else the current one."""
    goal = department_goal(department, year)
    return library_for_goal(goal) if goal is not None else library_for(department)


def output_choices(library: IndicatorLibrary) -> list[tuple[str, str]]:
    return [(output.key, f"{output.key}（{output.unit}）") for output in library.outputs]


# ---------------------------------------------------------------- goals


def goals_for(*, user, department: Department, year: int) -> QuerySet[Goal]:
    return _visible(Goal.objects.filter(department=department, year=year), user).select_related("project")


def goal_to_domain(goal: Goal) -> domain.Goal:
    """The stored goal as the domain's Goal (rows numbered from 1 in table order)."""
    tasks = tuple(
        domain.Task(
            name=task.name,
            budget=task.budget,
            content=task.content,
            fund_type=task.fund_type,
            row=number,
            due=task.due_date,
            is_key=task.is_key,
        )
        for number, task in enumerate(goal.tasks.all(), start=1)
    )
    indicators = tuple(
        indicator_to_domain(row, number) for number, row in enumerate(goal.indicators.all(), start=1)
    )
    return domain.Goal(
        department=goal.department.name,
        indicators=indicators,
        tasks=tasks,
        year=goal.year,
        overall_goal=goal.overall_goal,
        duties=goal.duties,
        kind=GoalKind(goal.kind),
        project=goal.project.name if goal.project_id else "",
    )


def indicator_to_domain(row: GoalIndicator, number: int | None = None) -> domain.GoalIndicator:
    return domain.GoalIndicator(
        name=row.name,
        level1=row.level1,
        level2=row.level2,
        value_type=row.value_type,
        target=row.target,
        unit=row.unit,
        operator=row.operator,
        explanation=row.explanation,
        scoring_rule=row.scoring_rule,
        points=row.points,
        task=row.task,
        code=row.code,
        note=row.note,
        row=number,
        progress=curve_from_data(row.progress),
    )


def budget_for_goal(*, department: Department, year: int, project_id: int | None = None) -> Decimal | None:
    """The 年初预算 the tasks must add up to, from the ledger: the department's (or the project's) initial
    budget rows. None when no budget line exists yet."""
    entries = LedgerEntry.objects.filter(
        line__department=department, line__year=year, kind=LedgerKind.INITIAL
    )
    lines = BudgetLine.objects.filter(department=department, year=year)
    if project_id is not None:
        entries = entries.filter(line__project_id=project_id)
        lines = lines.filter(project_id=project_id)
    if not lines.exists():
        return None
    return entries.aggregate(total=Sum("amount"))["total"] or ZERO


def goal_findings(goal: Goal) -> list[GoalFinding]:
    budget = budget_for_goal(department=goal.department, year=goal.year, project_id=goal.project_id)
    return validate_goal(goal_to_domain(goal), department_budget=budget)


def errors_of(findings: list[GoalFinding]) -> list[GoalFinding]:
    return [finding for finding in findings if finding.severity is Severity.ERROR]


def department_goal(department: Department, year: int) -> Goal | None:
    """The year's overall goal: the submitted one if any, else the draft."""
    return (
        Goal.objects.filter(department=department, year=year, kind=GoalKind.DEPARTMENT.value)
        .order_by("-state")  # "submitted" sorts after "draft"
        .first()
    )


# ---------------------------------------------------------------- activities


def work_areas(department: Department) -> QuerySet[WorkArea]:
    return WorkArea.objects.filter(department=department)


def activities_for(
    *, user, department: Department, year: int, area_id: int | None = None, month: int | None = None
) -> QuerySet[Activity]:
    activities = _visible(Activity.objects.filter(department=department, year=year), user)
    if area_id:
        activities = activities.filter(area_id=area_id)
    if month:
        # an activity covering a period shows in every month it touches
        start = dt.date(year, month, 1)
        end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        activities = activities.filter(date__lte=end).filter(
            Q(end_date__gte=start) | Q(end_date__isnull=True, date__gte=start)
        )
    return activities.select_related("area").prefetch_related("outputs", "evidence")


@dataclass(frozen=True, slots=True)
class OutputTotal:
    """The total of one kind of output over the listed activities (approximate when any part is)."""

    key: str
    unit: str
    value: Decimal
    approximate: bool
    count: int

    @property
    def number(self) -> str:
        text = format(self.value, "f")
        return (text.rstrip("0").rstrip(".") if "." in text else text) or "0"


def output_totals(activities, library: IndicatorLibrary | None = None) -> list[OutputTotal]:
    """Totals per kind of output over ``activities``, in the library output's unit (6000余册 and 2万余份
    both count toward 科普资料发放份数 in 份, as ``indicator_actuals`` counts them); figures that feed
    no indicator are totalled by their note and their own unit."""
    units = {output.key: output.unit for output in library.outputs} if library else {}
    sums: OrderedDict[tuple[str, str], list] = OrderedDict()
    for activity in activities:
        for output in activity.outputs.all():
            if output.output_key:
                key = (output.output_key, units.get(output.output_key, output.unit))
            else:
                key = (f"{output.label or '其他'}（不计入指标）", output.unit)
            entry = sums.setdefault(key, [Decimal(0), False, 0])
            entry[0] += output.value
            entry[1] = entry[1] or bool(output.qualifier)
            entry[2] += 1
    return [
        OutputTotal(key, unit, value, approximate, count)
        for (key, unit), (value, approximate, count) in sorted(
            sums.items(), key=lambda item: ("不计入指标" in item[0][0], item[0])
        )
    ]


def recorded_outputs(department: Department, year: int) -> list[RecordedOutput]:
    """Every output that feeds an indicator, with the activity (its id) that produced it."""
    rows = (
        ActivityOutput.objects.filter(activity__department=department, activity__year=year)
        .exclude(output_key="")
        .select_related("activity")
        .order_by("activity__date", "activity_id", "order", "id")
    )
    return [
        RecordedOutput(
            output=row.output_key,
            quantity=Quantity(row.value, row.unit, row.qualifier, row.quantity().notation),
            source=str(row.activity_id),
            on=row.activity.counted_on,
        )
        for row in rows
    ]


@dataclass
class TraceItem:
    activity: Activity
    quantity: Quantity
    output: str


@dataclass
class TracedActual:
    """An indicator's actual value with the activities (and their quantities) behind it."""

    actual: IndicatorActual
    items: list[TraceItem]

    @property
    def value(self) -> Decimal:
        return self.actual.value


def traced_actuals(
    goal: domain.Goal, library: IndicatorLibrary, department: Department, year: int, as_of: dt.date | None
) -> dict[str, TracedActual]:
    actuals = indicator_actuals(goal, library, recorded_outputs(department, year), as_of=as_of)
    ids = {int(item.source) for actual in actuals.values() for item in actual.contributions}
    activities = {
        activity.pk: activity for activity in Activity.objects.filter(pk__in=ids).select_related("area")
    }
    return {
        name: TracedActual(
            actual,
            [
                TraceItem(activities[int(item.source)], item.quantity, item.output)
                for item in actual.contributions
            ],
        )
        for name, actual in actuals.items()
    }


# ---------------------------------------------------------------- 双监控


def ledger_lines_at(*, department: Department, year: int, as_of: dt.date) -> list[MonitoredLine]:
    """Budget and spending by ``as_of`` from the ledger rows dated up to then: 基本支出 lines one by one,
    and one line per project (its lines added up)."""
    budget_kinds = [LedgerKind.INITIAL, LedgerKind.ADJUSTMENT, LedgerKind.TRANSFER_IN]
    spent_kinds = [LedgerKind.EXPENDITURE, LedgerKind.REVERSAL]
    rows = (
        LedgerEntry.objects.filter(line__department=department, line__year=year, date__lte=as_of)
        .values("line_id", "kind")
        .annotate(total=Sum("amount"))
    )
    sums: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        sums.setdefault(row["line_id"], {})[row["kind"]] = row["total"]
    basic: list[MonitoredLine] = []
    projects: OrderedDict[int, list] = OrderedDict()
    for line in BudgetLine.objects.filter(department=department, year=year).select_related("project"):
        line_sums = sums.get(line.pk, {})
        budget = sum((line_sums.get(kind, ZERO) for kind in budget_kinds), ZERO) - line_sums.get(
            LedgerKind.TRANSFER_OUT, ZERO
        )
        spent = sum((line_sums.get(kind, ZERO) for kind in spent_kinds), ZERO)
        if line.project_id:
            entry = projects.setdefault(line.project_id, [line.project, ZERO, ZERO])
            entry[1] += budget
            entry[2] += spent
        else:
            basic.append(MonitoredLine(line.label, FundKind.BASIC, budget, spent))
    project_lines = [
        MonitoredLine(f"{project.code} {project.name}", FundKind.PROJECT, budget, spent)
        for project, budget, spent in sorted(projects.values(), key=lambda entry: entry[0].code)
    ]
    return basic + project_lines


def ledger_drilldown(*, department: Department, year: int) -> dict[str, str]:
    """For each budget row of the 双监控 table, the query of the voucher list showing the rows behind it."""
    links = {"项目支出": "?fund_type=project"}
    by_project: dict[str, list[int]] = {}
    for line in BudgetLine.objects.filter(
        department=department, year=year, project__isnull=False
    ).select_related("project"):
        by_project.setdefault(f"{line.project.code} {line.project.name}", []).append(line.pk)
    for name, ids in by_project.items():
        links[name] = f"?line={ids[0]}" if len(ids) == 1 else "?fund_type=project"
    return links


@dataclass
class MonitoringView:
    goal: Goal | None
    as_of: dt.date
    checkpoints: tuple[dt.date, ...]
    report: MonitoringReport | None
    traced: dict[str, TracedActual] = field(default_factory=dict)
    responses: dict[str, WarningResponse] = field(default_factory=dict)
    drilldown: dict[str, str] = field(default_factory=dict)

    def budget_rows(self):
        """(row, voucher-list query or '') for the budget table."""
        return [(row, self.drilldown.get(row.name, "")) for row in self.report.budgets] if self.report else []


def monitoring_view(*, department: Department, year: int, as_of: dt.date) -> MonitoringView:
    """The 双监控 view of the department's overall goal at ``as_of``."""
    checkpoints = standard_checkpoints(year)
    goal = department_goal(department, year)
    if goal is None:
        return MonitoringView(None, as_of, checkpoints, None)
    domain_goal = goal_to_domain(goal)
    library = library_for_goal(goal)
    traced = traced_actuals(domain_goal, library, department, year, as_of)
    report = monitor(
        domain_goal,
        as_of=as_of,
        actuals=actual_values({name: item.actual for name, item in traced.items()}),
        budget_lines=ledger_lines_at(department=department, year=year, as_of=as_of),
        thresholds=thresholds_for(department.bureau),  # the bureau's early-warning thresholds
    )
    responses = {
        response.key: response for response in WarningResponse.objects.filter(goal=goal, as_of=as_of)
    }
    drilldown = ledger_drilldown(department=department, year=year)
    return MonitoringView(goal, as_of, checkpoints, report, traced, responses, drilldown)


def submitted(goal: Goal) -> bool:
    return goal.state == GoalState.SUBMITTED


def goal_from_rows(goal: Goal, *, duties: str, overall_goal: str, tasks, indicators) -> domain.Goal:
    """The goal as it would be with these (unsaved) rows: for live validation of the entry form."""
    base = goal_to_domain(goal)
    domain_tasks = []
    for number, item in enumerate(tasks, start=1):
        text = str(item.get("budget") or "0").replace(",", "").strip() or "0"
        try:
            budget = Decimal(text).quantize(Decimal("0.01"))
        except ArithmeticError:
            budget = Decimal("-0.01")  # reported as a negative budget below; the form field says why
        due = item.get("due_date")
        domain_tasks.append(
            domain.Task(
                name=str(item.get("name") or "").strip(),
                budget=budget,
                content=str(item.get("content") or ""),
                fund_type=str(item.get("fund_type") or ""),
                row=number,
                due=due if isinstance(due, dt.date) else None,
                is_key=bool(item.get("is_key")),
            )
        )
    domain_indicators = [
        domain.GoalIndicator(
            name=str(item.get("name") or "").strip(),
            level1=str(item.get("level1") or ""),
            level2=str(item.get("level2") or ""),
            value_type=str(item.get("value_type") or ""),
            target=str(item.get("target") or ""),
            unit=str(item.get("unit") or ""),
            operator=str(item.get("operator") or ""),
            explanation=str(item.get("explanation") or ""),
            scoring_rule=str(item.get("scoring_rule") or ""),
            points=item.get("points") or None,
            task=str(item.get("task") or "").strip(),
            code=str(item.get("code") or ""),
            row=number,
        )
        for number, item in enumerate(indicators, start=1)
    ]
    return domain.Goal(
        department=base.department,
        indicators=tuple(domain_indicators),
        tasks=tuple(domain_tasks),
        year=base.year,
        overall_goal=overall_goal,
        duties=duties,
        kind=base.kind,
        project=base.project,
    )


def findings_for_rows(goal: Goal, **rows) -> list[GoalFinding]:
    budget = budget_for_goal(department=goal.department, year=goal.year, project_id=goal.project_id)
    return validate_goal(goal_from_rows(goal, **rows), department_budget=budget)


# ---------------------------------------------------------------- year end: actuals and task completion


def fed_by_activities(goal: Goal) -> set[str]:
    """The goal's indicators whose actual is counted from the activity record (the library's fed_by):
    they keep that actual and take no typed one."""
    library = library_for_goal(goal)
    return set(indicator_actuals(goal_to_domain(goal), library, ()))


# Set while the department's facts are gathered for the computed 共性 indicators: those facts include
# the goal's own results (the report reads them), which must then be read without computing again.
_gathering_facts: ContextVar[bool] = ContextVar("goals_gathering_facts", default=False)


def computed_values(goal: Goal, library: IndicatorLibrary, domain_goal: domain.Goal) -> dict:
    """For each goal indicator whose library entry jixiao computes (the 共性 library's 预算执行率,
    三公经费控制率, 年度工作任务完成率 …), its ``IndicatorValue`` from the department's year — the ledger,
    the profile, the year's task completion, the asset register — as the evaluation report computes it.
    Empty when no indicator is computed (no facts are gathered then)."""
    wanted = {}
    for indicator in domain_goal.indicators:
        entry = library.entry_for(indicator)
        if entry is not None and entry.computed:
            wanted[indicator.name] = entry.computed
    if not wanted or _gathering_facts.get():
        return {}
    from jixiao.apps.reports.selectors import department_year_facts
    from jixiao.domain.indicators import compute_indicator

    token = _gathering_facts.set(True)
    try:
        facts = department_year_facts(department=goal.department, year=goal.year)
    finally:
        _gathering_facts.reset(token)
    return {name: compute_indicator(key, facts) for name, key in wanted.items()}


def computed_value(goal: Goal, row: GoalIndicator) -> IndicatorValue | None:
    """The value jixiao computes for this indicator of the goal from the year's data, when its library
    entry is a computed one and the data is there (or the rule does not apply); such an indicator
    takes no typed actual. None otherwise — one whose data is missing may be entered with evidence."""
    indicator = indicator_to_domain(row)
    library = library_for_goal(goal)
    entry = library.entry_for(indicator)
    if entry is None or not entry.computed:
        return None
    single = domain.Goal(department=goal.department.name, indicators=(indicator,), year=goal.year)
    value = computed_values(goal, library, single).get(indicator.name)
    return value if value is not None and value.status is not IndicatorStatus.NO_DATA else None


@dataclass
class YearEndRow:
    """One indicator of a goal at year end: its traced actual when activities feed it, its computed
    value when jixiao computes it from the year's data, else the one entered (if any)."""

    row: GoalIndicator
    indicator: domain.GoalIndicator
    traced: TracedActual | None
    entered: YearEndActual | None
    computed: IndicatorValue | None = None
    source: str = ""  # where a computed value comes from (预算账 …)

    @property
    def fed(self) -> bool:
        return self.traced is not None

    @property
    def is_computed(self) -> bool:
        """Computed by jixiao from data it holds (a value, or 不适用); not when the data is missing."""
        return self.computed is not None and self.computed.status is not IndicatorStatus.NO_DATA

    @property
    def automatic(self) -> bool:
        return self.fed or self.is_computed

    @property
    def target_text(self) -> str:
        try:
            return self.indicator.parsed_target().text()
        except domain.TargetParseError:
            return self.indicator.target

    @property
    def actual_text(self) -> str:
        if self.traced is not None:
            text = Quantity(self.traced.value.normalize(), self.traced.actual.unit).text()
            return f"{text}（含约数）" if self.traced.actual.approximate else text
        if self.is_computed:
            return self.computed.percent_text()
        return self.entered.text if self.entered else ""

    @property
    def grades(self) -> tuple[str, ...]:
        """For a qualitative indicator, what may be entered: its own grades, then the three bands."""
        if not self.indicator.is_qualitative:
            return ()
        return (*grade_labels(self.indicator), *(level.value for level in Achievement))


def year_end_rows(goal: Goal) -> list[YearEndRow]:
    domain_goal = goal_to_domain(goal)
    library = library_for_goal(goal)
    traced = traced_actuals(domain_goal, library, goal.department, goal.year, dt.date(goal.year, 12, 31))
    computed = computed_values(goal, library, domain_goal)
    entered = {
        actual.indicator_id: actual
        for actual in YearEndActual.objects.filter(indicator__goal=goal).select_related("entered_by")
    }
    rows = list(goal.indicators.all())
    result = []
    for row, indicator in zip(rows, domain_goal.indicators, strict=True):
        entry = library.entry_for(indicator)
        result.append(
            YearEndRow(
                row,
                indicator,
                traced.get(indicator.name),
                entered.get(row.pk),
                computed.get(indicator.name),
                entry.source_label if entry is not None else "",
            )
        )
    return result


def access_goal_indicator(*, user, goal: Goal, id: int) -> GoalIndicator:
    row = GoalIndicator.objects.filter(goal=goal, pk=id).first()
    if row is None or goal.department not in departments_visible_to(user):
        raise Http404("没有找到该绩效指标，或您无权查看。")
    return row


def access_goal_task(*, user, goal: Goal, id: int) -> GoalTask:
    task = GoalTask.objects.filter(goal=goal, pk=id).first()
    if task is None or goal.department not in departments_visible_to(user):
        raise Http404("没有找到该年度主要任务，或您无权查看。")
    return task


@dataclass
class CompletionRow:
    """One 年度主要任务 with how it ended (None until recorded)."""

    task: GoalTask
    completion: TaskCompletion | None
    outcome: TaskOutcome
    year: int

    @property
    def due_by(self) -> dt.date:
        return self.outcome.due_by(self.year)

    @property
    def timely(self) -> bool:
        return self.outcome.timely(self.year)


def _outcome(task: GoalTask, completion: TaskCompletion | None) -> TaskOutcome:
    return TaskOutcome(
        name=task.name,
        due=task.due_date,
        is_key=task.is_key,
        completed=bool(completion and completion.completed),
        finished_on=completion.finished_on if completion else None,
        quality_passed=bool(completion and completion.quality_passed),
    )


def completion_rows(goal: Goal) -> list[CompletionRow]:
    completions = {
        completion.task_id: completion
        for completion in TaskCompletion.objects.filter(task__goal=goal).select_related("recorded_by")
    }
    return [
        CompletionRow(task, completions.get(task.pk), _outcome(task, completions.get(task.pk)), goal.year)
        for task in goal.tasks.all()
    ]


def work_completion_for(*, department: Department, year: int) -> WorkCompletion | None:
    """职责履行 counts for the annual report: the department goal's 年度主要任务 are the 计划工作; a task
    with no completion recorded counts as not done. None when there is no department goal or no task."""
    goal = department_goal(department, year)
    if goal is None:
        return None
    return work_completion([row.outcome for row in completion_rows(goal)], year=year)


# ---------------------------------------------------------------- for the annual report


def goal_results_for(*, department: Department, year: int):
    """The year's overall goal, indicator by indicator, with the year-end actual: traced to the
    activities that feed it, or else the one entered at year end with its evidence.

    An indicator with neither has no actual here: the report says so instead of inventing one.
    """
    from jixiao.domain.facts import GoalIndicatorResult, IndicatorKind

    goal = department_goal(department, year)
    if goal is None:
        return ()
    results = []
    for item in year_end_rows(goal):
        indicator = item.indicator
        try:
            target = indicator.parsed_target()
        except domain.TargetParseError:
            target = None
        quantified = target is not None or (indicator.is_qualitative and bool(grade_labels(indicator)))
        actual: Decimal | None = None
        actual_text = ""
        achievement = None
        evidence = ""
        if item.traced is not None:
            actual = item.traced.value
            evidence = "；".join(f"{part.activity.title}{part.quantity.text()}" for part in item.traced.items)
        elif item.is_computed:
            value = item.computed
            if value.computed:
                actual = round_half_up(value.percent, 2)
            else:  # not applicable: the Hunan tables give full marks, the text says why
                actual_text = "不适用"
                achievement = Achievement.ACHIEVED
            evidence = f"{item.source}：{value.text}"
        elif item.entered is not None:
            actual = item.entered.value
            actual_text = item.entered.text
            achievement = Achievement(item.entered.achievement) if item.entered.achievement else None
            evidence = item.entered.evidence
        results.append(
            GoalIndicatorResult(
                name=indicator.name,
                level1=indicator.level1,
                level2=indicator.level2,
                kind=IndicatorKind.QUALITATIVE if indicator.is_qualitative else IndicatorKind.QUANTITATIVE,
                target_text=indicator.target,
                quantified=quantified,
                operator=target.operator.value if target else None,
                target=target.value if target else None,
                unit=target.unit if target else indicator.unit,
                actual=actual,
                actual_text=actual_text,
                achievement=achievement,
                evidence=evidence,
                weight=indicator.points,
            )
        )
    return tuple(results)


def activity_record(activity: Activity) -> ActivityRecord:
    """An activity as section 五's wording takes it."""
    start, end = activity.date, activity.end_date
    if activity.date_text:
        when = activity.date_text
    elif end and end != start:
        when = f"{start.month}月{start.day}日至{end.month}月{end.day}日"
    else:
        when = f"{start.month}月{start.day}日"
    return ActivityRecord(
        title=activity.title,
        when=when,
        place=activity.place,
        outputs=tuple(
            OutputRecord(output.output_key, output.label, output.quantity())
            for output in activity.outputs.all()
        ),
        is_period=bool(activity.date_text) or bool(end and end != start),
        partners=activity.partners,
        description=activity.description,
        results=activity.results,
    )


def activity_groups_for(*, department: Department, year: int):
    """The year's work for section 五, grouped by work area: one sentence per activity (time, place,
    what was done, what it produced), repeated work over the year written once with its total."""
    from jixiao.domain.report.inputs import ActivityGroup

    activities = (
        Activity.objects.filter(department=department, year=year)
        .select_related("area")
        .prefetch_related("outputs")
        .order_by("area__order", "area__id", "date", "id")
    )
    groups: OrderedDict[str, list[ActivityRecord]] = OrderedDict()
    for activity in activities:
        groups.setdefault(f"在{activity.area.name}方面", []).append(activity_record(activity))
    wording = department_wording(library_for_year(department, year))
    return tuple(
        ActivityGroup(heading=heading, items=activity_sentences(records, wording))
        for heading, records in groups.items()
    )


def department_wording(library: IndicatorLibrary) -> Wording:
    """Section 五's shared wording with the department's own verbs added (a 妇联's 宣讲, 调解 …): an
    activity named with one of them is not given the default verb."""
    base = load_wording()
    vocabulary = library.vocabulary

    def merged(shared: tuple[str, ...], own: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*shared, *own)))

    return replace(
        base,
        verbs=tuple(sorted(merged(base.verbs, vocabulary.verbs), key=len, reverse=True)),
        object_verbs=merged(base.object_verbs, vocabulary.object_verbs),
        trailing_verbs=merged(base.trailing_verbs, vocabulary.trailing_verbs),
    )


# ---------------------------------------------------------------- a bureau's library versions


@dataclass(frozen=True, slots=True)
class TypeLibraryRow:
    """One 部门类型 as the bureau's departments get it now: the type's library and the 共性 one."""

    department_type: str
    current: libraries.CurrentVersions
    indicator_count: int
    departments: int


def library_overview(bureau) -> list[TypeLibraryRow]:
    """Each 部门类型 (and its departments under the bureau) with the library versions a new goal takes."""
    from django.db.models import Count

    from jixiao.domain.department_types import department_types

    counts = dict(
        Department.objects.filter(bureau=bureau)
        .values("department_type")
        .annotate(n=Count("id"))
        .values_list("department_type", "n")
    )
    rows = []
    for kind in department_types():
        current = libraries.current_versions_for(bureau.pk, kind.name)
        own = libraries.base_library(bureau.pk, current.version)
        rows.append(
            TypeLibraryRow(kind.name, current, len(own.indicators) if own else 0, counts.get(kind.name, 0))
        )
    return rows


def bureau_library_versions(bureau) -> QuerySet[LibraryVersion]:
    return LibraryVersion.objects.filter(bureau=bureau).select_related("uploaded_by", "published_by")


def access_library_version(*, bureau, id: int) -> LibraryVersion:
    row = LibraryVersion.objects.filter(bureau=bureau, pk=id).select_related("bureau").first()
    if row is None:
        raise Http404("没有找到该指标库版本，或您无权查看。")
    return row


def library_version_text(*, bureau_id: int | None, version: str) -> str | None:
    return (
        LibraryVersion.objects.filter(bureau_id=bureau_id, version=version)
        .values_list("text", flat=True)
        .first()
    )


def goals_using_version(bureau, version: str) -> int:
    """How many goals of the bureau's departments were made with ``version`` (type or 共性)."""
    return (
        Goal.objects.filter(department__bureau=bureau)
        .filter(Q(library_version=version) | Q(common_version=version))
        .count()
    )
