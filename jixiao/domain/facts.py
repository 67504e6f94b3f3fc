"""One department-year's facts: THE contract between the database and the evaluation.

Selectors in ``jixiao.apps`` build a ``DepartmentYearFacts`` from the ledgers, the goals system
and the asset register; ``indicators``, ``scoring`` and ``problems`` read nothing else. Every
amount is a ``Decimal`` in 元; ``None`` means "no data" (never zero), so that a missing figure
is reported as missing instead of silently scoring as if it were 0.

The field groups follow the 基础数据表 (docs/domain-rules.md §3.3): 财政供养人员情况, 经费控制情况
(三公经费, 项目支出, 公用经费, 政府采购 as 上年决算数 | 本年预算数 | 本年决算数), plus what the
formulas of §1.2 need (结转结余, 固定资产, 职责履行) and what the problems of issue 6 need
(goal results, refused cross-use attempts, transfers, the personnel projection).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from jixiao.domain.classification import sangong_items
from jixiao.domain.errors import DomainError

ZERO = Decimal("0.00")


class FactsInvalid(DomainError):
    code = "facts_invalid"


def _decimal(owner: str, name: str, value: object, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise FactsInvalid(f"{owner}的“{name}”必须是Decimal金额（元），收到：{value!r}")
    if not value.is_finite():
        raise FactsInvalid(f"{owner}的“{name}”不是有效数字：{value!r}")


def _count(owner: str, name: str, value: object, *, optional: bool = True) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FactsInvalid(f"{owner}的“{name}”必须是非负整数，收到：{value!r}")


class FundKind(Enum):
    """The three budget buckets a department spends from."""

    PERSONNEL = "基本支出（人员经费）"
    PUBLIC = "基本支出（公用经费）"
    PROJECT = "项目支出"

    @property
    def label(self) -> str:
        return self.value

    @property
    def is_basic(self) -> bool:
        return self is not FundKind.PROJECT

    @property
    def group(self) -> str:
        return "基本支出" if self.is_basic else "项目支出"


class _SanGongItemBase(Enum):
    @property
    def key(self) -> str:
        return self.value[0]

    @property
    def code(self) -> str:
        return self.value[1]

    @property
    def label(self) -> str:
        return self.value[2]


# “三公”经费 items by 经济分类 code, one member per item of data/classification/sangong.yaml
# (SanGongItem.ABROAD, .RECEPTION, .VEHICLE_RUNNING, .VEHICLE_PURCHASE); the codes live only there.
SanGongItem = _SanGongItemBase(
    "SanGongItem", {item.key.upper(): (item.key, item.code, item.name) for item in sangong_items()}
)


class IndicatorKind(Enum):
    QUANTITATIVE = "定量"
    QUALITATIVE = "定性"


class Achievement(Enum):
    """The three bands of a qualitative result (财预〔2020〕10号 self-evaluation)."""

    ACHIEVED = "达成"
    PARTLY = "部分达成"
    NOT_ACHIEVED = "未达成"


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One bucket's budget through the year, in 元.

    ``additions``/``reductions`` are 追加/追减 (both written as positive amounts);
    ``transfers_in``/``transfers_out`` are approved 调剂 between buckets or projects.
    ``excluded_adjustments`` is the part of the 追加/追减 caused by national policy, force majeure
    or ad-hoc assignments from above, which 预算调整率 leaves out (domain-rules.md §1.2).
    """

    initial: Decimal
    additions: Decimal = ZERO
    reductions: Decimal = ZERO
    transfers_in: Decimal = ZERO
    transfers_out: Decimal = ZERO
    actual: Decimal | None = None
    excluded_adjustments: Decimal = ZERO

    def __post_init__(self) -> None:
        for name in (
            "initial",
            "additions",
            "reductions",
            "transfers_in",
            "transfers_out",
            "excluded_adjustments",
        ):
            _decimal("预算行", name, getattr(self, name))
        _decimal("预算行", "actual", self.actual, optional=True)

    @property
    def adjusted(self) -> Decimal:
        """调整后预算 = 年初预算 + 追加 − 追减 + 调剂转入 − 调剂转出."""
        return self.initial + self.additions - self.reductions + self.transfers_in - self.transfers_out

    @property
    def adjustment_amount(self) -> Decimal:
        """预算调整数 counted for 预算调整率: 追加 + 追减 + 调剂转出 − 政策性等除外调整.

        An internal 调剂 is counted once, on the side it leaves, so that moving money between
        two of the department's own lines is not counted twice.
        """
        return self.additions + self.reductions + self.transfers_out - self.excluded_adjustments

    @staticmethod
    def total(lines: tuple[BudgetLine, ...] | list[BudgetLine]) -> BudgetLine:
        actuals = [line.actual for line in lines]
        return BudgetLine(
            initial=sum((line.initial for line in lines), ZERO),
            additions=sum((line.additions for line in lines), ZERO),
            reductions=sum((line.reductions for line in lines), ZERO),
            transfers_in=sum((line.transfers_in for line in lines), ZERO),
            transfers_out=sum((line.transfers_out for line in lines), ZERO),
            actual=None if any(a is None for a in actuals) else sum(actuals, ZERO),
            excluded_adjustments=sum((line.excluded_adjustments for line in lines), ZERO),
        )


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """One 专项 (project) with its budget line. ``category`` as in the 基础数据表: 业务工作专项 / 运行维护专项."""

    name: str
    line: BudgetLine
    is_key: bool = False
    category: str = "业务工作专项"
    carry_over_start: Decimal = ZERO
    procurement_budget: Decimal | None = None
    procurement_actual: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise FactsInvalid("项目名称不能为空")
        _decimal(f"项目“{self.name}”", "上年结转", self.carry_over_start)


@dataclass(frozen=True, slots=True)
class ExpenseControl:
    """One 公用经费 detail line of the 基础数据表 (办公经费; 水费、电费、差旅费; 会议费、培训费)."""

    label: str
    previous_actual: Decimal | None
    budget: Decimal | None
    actual: Decimal | None

    def __post_init__(self) -> None:
        for name in ("previous_actual", "budget", "actual"):
            _decimal(f"公用经费明细“{self.label}”", name, getattr(self, name), optional=True)


@dataclass(frozen=True, slots=True)
class PriorYearFacts:
    """What the evaluation needs of the previous year (年初预算, and 决算 for the 基础数据表's 上年决算数 column)."""

    year: int
    basic_initial: Decimal
    project_initial: Decimal
    personnel_initial: Decimal | None = None
    public_initial: Decimal | None = None
    personnel_actual: Decimal | None = None
    public_actual: Decimal | None = None
    project_actual: Decimal | None = None
    procurement_actual: Decimal | None = None
    carry_over_end: Decimal | None = None
    project_actual_by_category: tuple[tuple[str, Decimal], ...] = ()
    # entered: the year before jixiao, from its entered summary (上年数（录入）), not a ledger.
    entered: bool = False

    def __post_init__(self) -> None:
        _decimal("上年数据", "基本支出年初预算", self.basic_initial)
        _decimal("上年数据", "项目支出年初预算", self.project_initial)
        for name in (
            "personnel_initial",
            "public_initial",
            "personnel_actual",
            "public_actual",
            "project_actual",
            "procurement_actual",
            "carry_over_end",
        ):
            _decimal("上年数据", name, getattr(self, name), optional=True)

    @property
    def total_initial(self) -> Decimal:
        return self.basic_initial + self.project_initial


@dataclass(frozen=True, slots=True)
class SourceFigures:
    """One 资金来源's budget and spending of the year, in 元 (fund-sources.yaml names the sources).

    ``carry_over`` marks the lines funded by 上年结转结余: their budget is already part of
    ``DepartmentYearFacts.carry_over_start`` and is not 本年 budget."""

    source: str
    name: str
    initial: Decimal = ZERO
    additions: Decimal = ZERO
    reductions: Decimal = ZERO
    transfers_in: Decimal = ZERO
    transfers_out: Decimal = ZERO
    personnel_actual: Decimal = ZERO
    public_actual: Decimal = ZERO
    project_actual: Decimal = ZERO
    fiscal: bool = False
    carry_over: bool = False

    def __post_init__(self) -> None:
        for name in (
            "initial",
            "additions",
            "reductions",
            "transfers_in",
            "transfers_out",
            "personnel_actual",
            "public_actual",
            "project_actual",
        ):
            _decimal(f"资金来源“{self.name}”", name, getattr(self, name))

    @property
    def adjusted(self) -> Decimal:
        return self.initial + self.additions - self.reductions + self.transfers_in - self.transfers_out

    @property
    def actual(self) -> Decimal:
        return self.personnel_actual + self.public_actual + self.project_actual


@dataclass(frozen=True, slots=True)
class SanGongFigures:
    """One 三公 item: budget and actual this year and last year (元)."""

    item: SanGongItem
    budget: Decimal | None
    actual: Decimal | None
    previous_budget: Decimal | None = None
    previous_actual: Decimal | None = None

    def __post_init__(self) -> None:
        for name in ("budget", "actual", "previous_budget", "previous_actual"):
            _decimal(f"三公经费“{self.item.label}”", name, getattr(self, name), optional=True)


@dataclass(frozen=True, slots=True)
class IdleAsset:
    name: str
    original_value: Decimal
    idle_since: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _decimal(f"闲置资产“{self.name}”", "原值", self.original_value)


@dataclass(frozen=True, slots=True)
class FixedAssets:
    """Fixed assets at 原值 (元): in use, all, and the idle ones by name."""

    in_use_value: Decimal
    total_value: Decimal
    idle: tuple[IdleAsset, ...] = ()

    def __post_init__(self) -> None:
        _decimal("固定资产", "在用原值", self.in_use_value)
        _decimal("固定资产", "全部原值", self.total_value)
        if self.in_use_value > self.total_value:
            raise FactsInvalid("固定资产“在用原值”不能大于“全部原值”")

    @property
    def idle_value(self) -> Decimal:
        return sum((asset.original_value for asset in self.idle), ZERO)


@dataclass(frozen=True, slots=True)
class WorkCompletion:
    """职责履行 counts: planned work items and how many were done, on time, up to standard; 重点工作."""

    planned: int | None = None
    completed: int | None = None
    timely: int | None = None
    quality_passed: int | None = None
    key_assigned: int | None = None
    key_done: int | None = None

    def __post_init__(self) -> None:
        for name in ("planned", "completed", "timely", "quality_passed", "key_assigned", "key_done"):
            _count("职责履行", name, getattr(self, name))


OPERATORS = ("≥", "≤", "=", ">", "<")


@dataclass(frozen=True, slots=True)
class GoalIndicatorResult:
    """A 绩效指标 from the goals system with its year-end result.

    ``quantified`` is the goals system's verdict: the target is a measurable value
    (operator, number, unit) or a graded 定性 scale. ``target_text`` is the target as written,
    so that an unquantified one ("效果明显") can be quoted as evidence. ``project`` is None for
    the department's overall goals.
    """

    name: str
    level1: str
    level2: str
    kind: IndicatorKind
    target_text: str
    quantified: bool
    operator: str | None = None
    target: Decimal | None = None
    unit: str = ""
    actual: Decimal | None = None
    actual_text: str = ""
    achievement: Achievement | None = None
    evidence: str = ""
    project: str | None = None
    weight: Decimal | None = None

    def __post_init__(self) -> None:
        owner = f"绩效指标“{self.name}”"
        if self.operator is not None and self.operator not in OPERATORS:
            raise FactsInvalid(f"{owner}的比较符“{self.operator}”无效，应为 {' '.join(OPERATORS)} 之一")
        _decimal(owner, "指标值", self.target, optional=True)
        _decimal(owner, "实际完成值", self.actual, optional=True)
        _decimal(owner, "分值", self.weight, optional=True)

    @property
    def target_display(self) -> str:
        if self.operator is not None and self.target is not None:
            return f"{self.operator}{_plain(self.target)}{self.unit}"
        return self.target_text

    @property
    def actual_display(self) -> str:
        if self.actual is not None:
            return f"{_plain(self.actual)}{self.unit}"
        return self.actual_text


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True, slots=True)
class CrossUseAttempt:
    """A spending request the budget control refused because it would use one bucket's money for another."""

    on: date
    source: FundKind
    target: FundKind
    amount: Decimal
    description: str
    economic_code: str = ""

    def __post_init__(self) -> None:
        _decimal("被拒绝的串用申请", "金额", self.amount)


@dataclass(frozen=True, slots=True)
class BudgetTransfer:
    """An executed 调剂 of budget between buckets; ``approval_document`` is the 批复文号 (None if unapproved)."""

    on: date
    source: FundKind
    target: FundKind
    amount: Decimal
    description: str = ""
    approval_document: str | None = None

    def __post_init__(self) -> None:
        _decimal("预算调剂", "金额", self.amount)

    @property
    def crosses_basic_and_project(self) -> bool:
        return self.source.is_basic != self.target.is_basic


@dataclass(frozen=True, slots=True)
class PersonnelProjection:
    """Personnel spending projected for the whole year against the personnel budget, as of a date."""

    as_of: date
    projected_spending: Decimal
    personnel_budget: Decimal
    basis: str = ""

    def __post_init__(self) -> None:
        _decimal("人员经费测算", "全年预计支出", self.projected_spending)
        _decimal("人员经费测算", "人员经费预算", self.personnel_budget)

    @property
    def gap(self) -> Decimal:
        return self.projected_spending - self.personnel_budget


@dataclass(frozen=True, slots=True)
class PaymentCheckpoint:
    """支付进度 at a date: spent so far against the annual budget, and the 既定支付进度 (%) set for that date."""

    as_of: date
    spent: Decimal
    annual_budget: Decimal
    planned_percent: Decimal

    def __post_init__(self) -> None:
        _decimal("支付进度", "已支付金额", self.spent)
        _decimal("支付进度", "全年预算", self.annual_budget)
        _decimal("支付进度", "既定支付进度", self.planned_percent)


@dataclass(frozen=True, slots=True)
class ManualJudgement:
    """A score or qualitative level given by a person for one framework row. Evidence is mandatory."""

    row_key: str
    evidence: str
    score: Decimal | None = None
    level: Achievement | None = None
    judged_by: str = ""

    def __post_init__(self) -> None:
        if not self.evidence or not self.evidence.strip():
            raise FactsInvalid(f"评分项“{self.row_key}”的人工评分必须填写评分依据（证据说明），不能为空")
        if self.score is None and self.level is None:
            raise FactsInvalid(f"评分项“{self.row_key}”的人工评分须给出得分或完成档次")
        _decimal(f"评分项“{self.row_key}”", "得分", self.score, optional=True)


@dataclass(frozen=True, slots=True)
class ChecklistAnswer:
    """Whether one checklist item of a framework row is met, with what shows it."""

    row_key: str
    item_key: str
    met: bool
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class DepartmentYearFacts:
    department: str
    year: int
    basic_personnel: BudgetLine
    basic_public: BudgetLine
    projects: tuple[ProjectFacts, ...] = ()
    staff_quota: int | None = None
    staff_actual: int | None = None
    staff_actual_previous: int | None = None
    retired: int | None = None
    previous: PriorYearFacts | None = None
    san_gong: tuple[SanGongFigures, ...] = ()
    carry_over_start: Decimal | None = None
    carry_over_end: Decimal | None = None
    procurement_budget: Decimal | None = None
    procurement_actual: Decimal | None = None
    assets: FixedAssets | None = None
    work: WorkCompletion = field(default_factory=WorkCompletion)
    goals: tuple[GoalIndicatorResult, ...] = ()
    cross_use_attempts: tuple[CrossUseAttempt, ...] = ()
    transfers: tuple[BudgetTransfer, ...] = ()
    personnel_projection: PersonnelProjection | None = None
    payment_checkpoint: PaymentCheckpoint | None = None
    judgements: tuple[ManualJudgement, ...] = ()
    checklist: tuple[ChecklistAnswer, ...] = ()
    public_details: tuple[ExpenseControl, ...] = ()
    sources: tuple[SourceFigures, ...] = ()

    def __post_init__(self) -> None:
        if not self.department.strip():
            raise FactsInvalid("部门名称不能为空")
        for name in ("staff_quota", "staff_actual", "staff_actual_previous", "retired"):
            _count("部门", name, getattr(self, name))
        for name in ("carry_over_start", "carry_over_end", "procurement_budget", "procurement_actual"):
            _decimal("部门", name, getattr(self, name), optional=True)
        names = [project.name for project in self.projects]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise FactsInvalid(f"项目名称重复：{'、'.join(duplicates)}")
        items = [figures.item for figures in self.san_gong]
        if len(items) != len(set(items)):
            raise FactsInvalid("三公经费同一项目出现了多次")
        if self.previous is not None and self.previous.year != self.year - 1:
            raise FactsInvalid(f"上年数据的年度应为{self.year - 1}年，收到{self.previous.year}年")

    # --- budget totals -------------------------------------------------------------------
    @property
    def basic(self) -> BudgetLine:
        return BudgetLine.total([self.basic_personnel, self.basic_public])

    @property
    def project_total(self) -> BudgetLine:
        return BudgetLine.total([project.line for project in self.projects])

    @property
    def total(self) -> BudgetLine:
        return BudgetLine.total([self.basic_personnel, self.basic_public, *(p.line for p in self.projects)])

    # --- 资金来源 ------------------------------------------------------------------------
    @property
    def carry_over_budget(self) -> Decimal:
        """调整后预算 of the lines funded by 上年结转结余 (already in ``carry_over_start``)."""
        return sum((s.adjusted for s in self.sources if s.carry_over), ZERO)

    @property
    def carry_over_initial(self) -> Decimal:
        return sum((s.initial for s in self.sources if s.carry_over), ZERO)

    @property
    def this_year_budget(self) -> Decimal:
        """本年调整后预算: all lines' 调整后预算 but those funded by 上年结转结余."""
        return self.total.adjusted - self.carry_over_budget

    @property
    def this_year_initial(self) -> Decimal:
        return self.total.initial - self.carry_over_initial

    def fiscal_figures(self) -> tuple[Decimal, Decimal] | None:
        """(本年财政拨款调整后预算, 财政拨款支出); None when the sources are not known."""
        if not self.sources:
            return None
        fiscal = [s for s in self.sources if s.fiscal]
        return sum((s.adjusted for s in fiscal), ZERO), sum((s.actual for s in fiscal), ZERO)

    def project(self, name: str) -> ProjectFacts:
        for project in self.projects:
            if project.name == name:
                return project
        raise FactsInvalid(f"{self.department}{self.year}年没有名为“{name}”的项目")

    def line(self, kind: FundKind) -> BudgetLine:
        if kind is FundKind.PERSONNEL:
            return self.basic_personnel
        if kind is FundKind.PUBLIC:
            return self.basic_public
        return self.project_total

    # --- 三公 ----------------------------------------------------------------------------
    def san_gong_total(self, attribute: str) -> Decimal | None:
        """Sum of one attribute (budget/actual/previous_budget/previous_actual) over the four items.

        None when no item has a figure; items without the figure count as no data, so a
        partial set also gives None rather than an understated total.
        """
        if not self.san_gong:
            return None
        values = [getattr(figures, attribute) for figures in self.san_gong]
        if any(value is None for value in values):
            return None
        return sum(values, ZERO)

    def san_gong_item(self, item: SanGongItem) -> SanGongFigures | None:
        for figures in self.san_gong:
            if figures.item is item:
                return figures
        return None

    def judgement(self, row_key: str) -> ManualJudgement | None:
        for judgement in self.judgements:
            if judgement.row_key == row_key:
                return judgement
        return None

    def checklist_answers(self, row_key: str) -> dict[str, ChecklistAnswer]:
        return {answer.item_key: answer for answer in self.checklist if answer.row_key == row_key}

    def goals_for(self, project: str | None) -> tuple[GoalIndicatorResult, ...]:
        return tuple(goal for goal in self.goals if goal.project == project)
