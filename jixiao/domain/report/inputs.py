"""What the annual evaluation report is composed from: plain frozen values, no database.

Selectors in ``jixiao.apps.reports`` build a ``ReportInputs`` from the ledgers, the profiles, the
goals/projects/assets apps and the officer's saved draft; ``compose.compose_evaluation_report``
turns it into a ``Report``. ``None`` always means "no data from that source" (the report then
says so); nothing here is ever filled with an invented figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jixiao.domain.facts import DepartmentYearFacts
from jixiao.domain.problems import Problem, Suggestion
from jixiao.domain.scoring import ScoreSheet


@dataclass(frozen=True, slots=True)
class InternalUnit:
    name: str
    kind: str  # 股室 / 中心 / …


@dataclass(frozen=True, slots=True)
class DepartmentProfileInputs:
    """部门概况 of one year, plus last year's head count for the change."""

    name: str
    nature: str
    duties: str
    staffing_quota: int | None
    actual_staff: int | None
    actual_staff_previous: int | None
    retired: int | None
    internal_units: tuple[InternalUnit, ...] = ()


@dataclass(frozen=True, slots=True)
class ExecutionLine:
    """One row of the 决算 table, in 元: 年初预算, 调整后预算, 决算数.

    ``depth`` 0 is a group (基本支出 / 项目支出 / 合计), 1 a part of it (人员经费, one project).
    """

    label: str
    initial: Decimal
    adjusted: Decimal
    actual: Decimal
    depth: int = 0
    is_total: bool = False


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """One 专项 as the projects app (or, failing it, the budget) knows it.

    ``has_file``: the project has a 专项 file (application, plan, milestones, inspections); a project
    entered straight from the approved budget has none and no stage worth stating. The year-end
    wording of its state is derived from these facts (``compose.year_end_state``)."""

    name: str
    initial: Decimal
    adjusted: Decimal
    actual: Decimal
    stage: str = ""
    is_key: bool = False
    description: str = ""
    outputs: tuple[str, ...] = ()  # quantified outputs / inspection results, already worded
    has_file: bool = False
    accepted_on: date | None = None
    milestones: int = 0
    pending_milestones: tuple[str, ...] = ()
    open_findings: int = 0
    plan_end: date | None = None


@dataclass(frozen=True, slots=True)
class AssetsSummary:
    """Fixed assets at 原值 (元) from the asset register."""

    total_value: Decimal
    in_use_value: Decimal
    count: int | None = None
    added_value: Decimal | None = None
    disposed_value: Decimal | None = None
    idle_names: tuple[str, ...] = ()
    vehicles: int | None = None


@dataclass(frozen=True, slots=True)
class ActivityGroup:
    """A group of the year's work (the seed's “（一）在助力乡村振兴上出实招，有成效。”) with its items:
    each item is one point of the group (printed 一是…二是…), already worded from the activity record.
    ``summary`` links outputs counted across the group's items to their indicators."""

    heading: str
    items: tuple[str, ...]
    summary: str = ""


@dataclass(frozen=True, slots=True)
class GoalRow:
    """One 绩效指标 against its actual result."""

    level: str
    name: str
    target: str
    actual: str
    result: str


@dataclass(frozen=True, slots=True)
class ReportInputs:
    department: str
    year: int
    as_of: date
    profile: DepartmentProfileInputs
    section_two: tuple[str, ...]
    execution: tuple[ExecutionLine, ...]
    facts: DepartmentYearFacts
    score: ScoreSheet
    problems: tuple[Problem, ...]
    suggestions: tuple[Suggestion, ...]
    monthly_spending: tuple[Decimal, ...] = ()
    narratives: tuple[tuple[str, str], ...] = ()
    activities: tuple[ActivityGroup, ...] | None = None
    projects: tuple[ProjectSummary, ...] | None = None
    assets: AssetsSummary | None = None
    goal_rows: tuple[GoalRow, ...] | None = None
    demo: bool = False
    department_code: str = ""
    version: int = 0
    # 本年支出 by 资金来源 (决算 收入支出决算总表 categories), in 元; the sections on 政府性基金、
    # 国有资本经营、社会保险基金 of the Hunan outline read it.
    spending_by_source: tuple[tuple[str, Decimal], ...] = ()
    work_summary: str = ""

    def narrative(self, key: str) -> str | None:
        for name, text in self.narratives:
            if name == key:
                return text
        return None
