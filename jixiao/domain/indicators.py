"""The computable indicators of the 部门整体支出 framework (财预〔2013〕53号 附件2, domain-rules.md §1.2).

Each indicator returns an ``IndicatorValue``: the unrounded Decimal percentage, its numerator and
denominator, the formula in words and the same formula with the figures filled in, e.g.

    在职人员控制率 = 在职人员数 / 编制数 × 100% = 14 / 14 × 100% = 100.0%

A zero denominator means the indicator does not apply (no 编制, no 三公 budget last year, no
projects…): the status is 不适用 and the Hunan tables give full marks. A missing figure (None in
the facts) is different: the status is 缺少数据 and the text names what is missing.
Amounts are shown in 万元 the way the reports write them; the percentage is always computed
from the 元 amounts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from jixiao.domain.errors import DomainError
from jixiao.domain.facts import ZERO, BudgetLine, DepartmentYearFacts, SanGongItem
from jixiao.domain.money import HUNDRED, percent_text, wan_text


class IndicatorUnknown(DomainError):
    code = "indicator_unknown"


class IndicatorStatus(Enum):
    COMPUTED = "已计算"
    NOT_APPLICABLE = "不适用"
    NO_DATA = "缺少数据"


MONEY = "元"
PEOPLE = "人"
ITEMS = "项"
PERCENT = "%"


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    name: str
    formula: str
    status: IndicatorStatus
    percent: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    text: str
    unit: str = ""
    missing: tuple[str, ...] = ()

    @property
    def applicable(self) -> bool:
        return self.status is not IndicatorStatus.NOT_APPLICABLE

    @property
    def computed(self) -> bool:
        return self.status is IndicatorStatus.COMPUTED

    def percent_text(self, places: int = 1) -> str:
        if self.status is IndicatorStatus.NOT_APPLICABLE:
            return "不适用"
        return percent_text(self.percent, places)


def _shown(value: Decimal, unit: str) -> str:
    if unit == MONEY:
        return wan_text(value)
    if unit == PERCENT:
        return percent_text(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _no_data(name: str, formula: str, missing: list[str], unit: str) -> IndicatorValue:
    return IndicatorValue(
        name=name,
        formula=formula,
        status=IndicatorStatus.NO_DATA,
        percent=None,
        numerator=None,
        denominator=None,
        text=f"{formula}：缺少{'、'.join(missing)}，无法计算",
        unit=unit,
        missing=tuple(missing),
    )


def _ratio(
    name: str,
    formula: str,
    numerator: Decimal | int | None,
    denominator: Decimal | int | None,
    *,
    unit: str,
    labels: tuple[str, str],
    numerator_shown: str | None = None,
) -> IndicatorValue:
    missing = [label for label, value in zip(labels, (numerator, denominator), strict=True) if value is None]
    if missing:
        return _no_data(name, formula, missing, unit)
    numerator = Decimal(numerator)
    denominator = Decimal(denominator)
    if denominator == 0:
        return IndicatorValue(
            name=name,
            formula=formula,
            status=IndicatorStatus.NOT_APPLICABLE,
            percent=None,
            numerator=numerator,
            denominator=denominator,
            text=f"{formula}：{labels[1]}为0，本项不适用（评分时按满分计）",
            unit=unit,
        )
    percent = numerator * HUNDRED / denominator
    top = numerator_shown if numerator_shown is not None else _shown(numerator, unit)
    text = f"{formula} = {top} / {_shown(denominator, unit)} × 100% = {percent_text(percent)}"
    if unit == MONEY:
        text += "（金额单位：万元）"
    return IndicatorValue(
        name=name,
        formula=formula,
        status=IndicatorStatus.COMPUTED,
        percent=percent,
        numerator=numerator,
        denominator=denominator,
        text=text,
        unit=unit,
    )


def _sum_optional(*values: Decimal | None) -> Decimal | None:
    if any(value is None for value in values):
        return None
    return sum(values, ZERO)  # type: ignore[arg-type]


def _scope_line(facts: DepartmentYearFacts, project: str | None) -> tuple[BudgetLine, Decimal | None, str]:
    if project is None:
        return facts.total, facts.carry_over_start, "部门"
    chosen = facts.project(project)
    return chosen.line, chosen.carry_over_start, f"项目“{project}”"


def _full_year_budget(facts: DepartmentYearFacts, project: str | None) -> tuple[Decimal | None, str]:
    """全年预算数 = 上年结转结余 + 本年调整后预算. Lines funded by 上年结转结余 are part of the
    上年结转结余 already, so for the department they are not counted again."""
    line, carry, _ = _scope_line(facts, project)
    if carry is None:
        return None, ""
    if project is None and facts.carry_over_budget:
        note = f"（本年调整后预算不含按上年结转结余安排的指标{wan_text(facts.carry_over_budget)}万元）"
        return carry + facts.this_year_budget, note
    return carry + line.adjusted, ""


# --- 投入 · 预算配置 ----------------------------------------------------------------------


def staff_control_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    return _ratio(
        "在职人员控制率",
        "在职人员控制率 = 在职人员数 / 编制数 × 100%",
        facts.staff_actual,
        facts.staff_quota,
        unit=PEOPLE,
        labels=("在职人员数", "编制数"),
    )


def san_gong_change_rate(
    facts: DepartmentYearFacts, project: str | None = None, basis: str = "预算"
) -> IndicatorValue:
    """财预〔2013〕53号 compares budget with budget; some local tables use 决算 (``basis="决算"``)."""
    if basis not in ("预算", "决算"):
        raise IndicatorUnknown(f"三公经费变动率的口径“{basis}”无效，应为“预算”或“决算”")
    word = "预算数" if basis == "预算" else "决算数"
    current = facts.san_gong_total("budget" if basis == "预算" else "actual")
    previous = facts.san_gong_total("previous_budget" if basis == "预算" else "previous_actual")
    formula = (
        f"“三公经费”变动率 = (本年度三公经费{word} − 上年度三公经费{word}) / 上年度三公经费{word} × 100%"
    )
    labels = (f"本年度三公经费{word}", f"上年度三公经费{word}")
    if current is None or previous is None:
        return _no_data(
            "三公经费变动率",
            formula,
            [lab for lab, v in zip(labels, (current, previous), strict=True) if v is None],
            MONEY,
        )
    return _ratio(
        "三公经费变动率",
        formula,
        current - previous,
        previous,
        unit=MONEY,
        labels=("本年与上年之差", labels[1]),
        numerator_shown=f"({wan_text(current)} − {wan_text(previous)})",
    )


def key_spending_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    key = sum((p.line.initial for p in facts.projects if p.is_key), ZERO)
    return _ratio(
        "重点支出安排率",
        "重点支出安排率 = 重点项目支出年初预算数 / 项目支出年初预算总数 × 100%",
        key,
        facts.project_total.initial,
        unit=MONEY,
        labels=("重点项目支出", "项目支出年初预算总数"),
    )


# --- 过程 · 预算执行 ----------------------------------------------------------------------


def _completion(name: str, facts: DepartmentYearFacts, project: str | None) -> IndicatorValue:
    line, _, _ = _scope_line(facts, project)
    formula = f"{name} = 决算支出数 / (上年结转 + 调整后预算数) × 100%"
    denominator, note = _full_year_budget(facts, project)
    if denominator is None:
        return _no_data(name, formula, ["上年结转数"], MONEY)
    return _noted(
        _ratio(
            name,
            formula,
            line.actual,
            denominator,
            unit=MONEY,
            labels=("决算支出数", "全年预算数（上年结转 + 调整后预算数）"),
        ),
        note,
    )


def _noted(value: IndicatorValue, note: str) -> IndicatorValue:
    if not note or not value.computed:
        return value
    return IndicatorValue(
        name=value.name,
        formula=value.formula,
        status=value.status,
        percent=value.percent,
        numerator=value.numerator,
        denominator=value.denominator,
        text=value.text + note,
        unit=value.unit,
        missing=value.missing,
    )


def budget_completion_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    return _completion("预算完成率", facts, project)


def budget_execution_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    """The 2020 self-evaluation's 预算执行率: the same computation as 预算完成率, named as the 自评表 names it."""
    return _completion("预算执行率", facts, project)


def budget_adjustment_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    line, _, _ = _scope_line(facts, project)
    initial = line.initial if project is not None else facts.this_year_initial
    note = (
        f"（年初预算数为各资金来源年初预算之和，不含按上年结转结余安排的指标{wan_text(facts.carry_over_initial)}万元）"
        if project is None and facts.carry_over_initial
        else ""
    )
    return _noted(
        _ratio(
            "预算调整率",
            "预算调整率 = 预算调整数（追加 + 追减 + 调剂转出，不含政策性等调整）/ 年初预算数 × 100%",
            line.adjustment_amount,
            initial,
            unit=MONEY,
            labels=("预算调整数", "年初预算数"),
        ),
        note,
    )


def fiscal_execution_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    """财政拨款执行率. 财预〔2013〕53号 does not define it; the denominator used is the year's
    财政拨款 调整后预算 (一般公共预算, 政府性基金预算, 国有资本经营预算), without 上年结转结余,
    and the text says so."""
    name = "财政拨款执行率"
    formula = "财政拨款执行率 = 财政拨款支出 / 本年财政拨款调整后预算 × 100%"
    figures = facts.fiscal_figures()
    if figures is None:
        return _no_data(name, formula, ["资金来源数据"], MONEY)
    budget, spent = figures
    return _noted(
        _ratio(name, formula, spent, budget, unit=MONEY, labels=("财政拨款支出", "本年财政拨款调整后预算")),
        "（框架未规定本指标的分母，本报告采用本年财政拨款调整后预算，不含上年结转结余及其他资金来源）",
    )


def payment_progress_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    name = "支付进度率"
    formula = "支付进度率 = 实际支付进度 / 既定支付进度 × 100%"
    checkpoint = facts.payment_checkpoint
    if checkpoint is None:
        return _no_data(name, formula, ["支付进度数据"], PERCENT)
    if checkpoint.annual_budget == 0:
        return _ratio(name, formula, ZERO, ZERO, unit=PERCENT, labels=("实际支付进度", "全年支出预算"))
    actual_progress = checkpoint.spent * HUNDRED / checkpoint.annual_budget
    value = _ratio(
        name,
        formula,
        actual_progress,
        checkpoint.planned_percent,
        unit=PERCENT,
        labels=("实际支付进度", "既定支付进度"),
    )
    if value.computed:
        value = IndicatorValue(
            name=value.name,
            formula=value.formula,
            status=value.status,
            percent=value.percent,
            numerator=value.numerator,
            denominator=value.denominator,
            text=(
                f"{value.text}（截至{checkpoint.as_of.month}月{checkpoint.as_of.day}日实际支付进度 = "
                f"{wan_text(checkpoint.spent)}万元 / {wan_text(checkpoint.annual_budget)}万元 × 100% = "
                f"{percent_text(actual_progress)}）"
            ),
            unit=value.unit,
        )
    return value


def carry_over_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    formula = "结转结余率 = 年末结转结余总额 / (上年结转 + 调整后支出预算数) × 100%"
    denominator, note = _full_year_budget(facts, project)
    if denominator is None:
        return _no_data("结转结余率", formula, ["上年结转数"], MONEY)
    return _noted(
        _ratio(
            "结转结余率",
            formula,
            facts.carry_over_end if project is None else None,
            denominator,
            unit=MONEY,
            labels=("年末结转结余总额", "支出预算数（含上年结转）"),
        ),
        note,
    )


def carry_over_change_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    end, start = facts.carry_over_end, facts.carry_over_start
    formula = "结转结余变动率 = (本年末结转结余 − 上年结转结余) / 上年结转结余 × 100%"
    if end is None or start is None:
        missing = [lab for lab, v in (("本年末结转结余", end), ("上年结转结余", start)) if v is None]
        return _no_data("结转结余变动率", formula, missing, MONEY)
    return _ratio(
        "结转结余变动率",
        formula,
        end - start,
        start,
        unit=MONEY,
        labels=("变动额", "上年结转结余"),
        numerator_shown=f"({wan_text(end)} − {wan_text(start)})",
    )


def public_expense_control_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    line = facts.basic_public
    return _ratio(
        "公用经费控制率",
        "公用经费控制率 = 实际支出公用经费总额 / 预算安排公用经费总额（调整后）× 100%",
        line.actual,
        line.adjusted,
        unit=MONEY,
        labels=("实际支出公用经费总额", "预算安排公用经费总额"),
    )


def san_gong_control_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    return _ratio(
        "三公经费控制率",
        "“三公经费”控制率 = 三公经费实际支出数 / 三公经费预算安排数 × 100%",
        facts.san_gong_total("actual"),
        facts.san_gong_total("budget"),
        unit=MONEY,
        labels=("三公经费实际支出数", "三公经费预算安排数"),
    )


def procurement_execution_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    if project is None:
        actual, budget = facts.procurement_actual, facts.procurement_budget
    else:
        chosen = facts.project(project)
        actual, budget = chosen.procurement_actual, chosen.procurement_budget
    return _ratio(
        "政府采购执行率",
        "政府采购执行率 = 实际政府采购金额 / 政府采购预算数 × 100%",
        actual,
        budget,
        unit=MONEY,
        labels=("实际政府采购金额", "政府采购预算数"),
    )


def fixed_asset_utilisation_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    assets = facts.assets
    return _ratio(
        "固定资产利用率",
        "固定资产利用率 = 实际在用固定资产总额 / 所有固定资产总额 × 100%",
        None if assets is None else assets.in_use_value,
        None if assets is None else assets.total_value,
        unit=MONEY,
        labels=("实际在用固定资产总额", "所有固定资产总额"),
    )


# --- 产出 · 职责履行 ----------------------------------------------------------------------


def _work(name: str, formula: str, numerator: int | None, denominator: int | None, labels: tuple[str, str]):
    return _ratio(name, formula, numerator, denominator, unit=ITEMS, labels=labels)


def completion_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    w = facts.work
    return _work(
        "实际完成率",
        "实际完成率 = 实际完成工作数 / 计划工作数 × 100%",
        w.completed,
        w.planned,
        ("实际完成工作数", "计划工作数"),
    )


def timeliness_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    w = facts.work
    return _work(
        "完成及时率",
        "完成及时率 = 及时完成实际工作数 / 计划工作数 × 100%",
        w.timely,
        w.planned,
        ("及时完成实际工作数", "计划工作数"),
    )


def quality_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    w = facts.work
    return _work(
        "质量达标率",
        "质量达标率 = 质量达标实际工作数 / 计划工作数 × 100%",
        w.quality_passed,
        w.planned,
        ("质量达标实际工作数", "计划工作数"),
    )


def key_work_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    w = facts.work
    return _work(
        "重点工作办结率",
        "重点工作办结率 = 重点工作实际完成数 / 交办或下达数 × 100%",
        w.key_done,
        w.key_assigned,
        ("重点工作实际完成数", "交办或下达数"),
    )


def goal_quantification_rate(facts: DepartmentYearFacts, project: str | None = None) -> IndicatorValue:
    goals = facts.goals_for(project)
    quantified = sum(1 for goal in goals if goal.quantified)
    return _ratio(
        "绩效指标量化率",
        "绩效指标量化率 = 已量化的绩效指标数 / 绩效指标总数 × 100%",
        quantified,
        len(goals),
        unit=ITEMS,
        labels=("已量化的绩效指标数", "绩效指标总数"),
    )


IndicatorFunction = Callable[..., IndicatorValue]

INDICATORS: dict[str, IndicatorFunction] = {
    "在职人员控制率": staff_control_rate,
    "三公经费变动率": san_gong_change_rate,
    "重点支出安排率": key_spending_rate,
    "预算完成率": budget_completion_rate,
    "预算执行率": budget_execution_rate,
    "预算调整率": budget_adjustment_rate,
    "支付进度率": payment_progress_rate,
    "结转结余率": carry_over_rate,
    "财政拨款执行率": fiscal_execution_rate,
    "结转结余变动率": carry_over_change_rate,
    "公用经费控制率": public_expense_control_rate,
    "三公经费控制率": san_gong_control_rate,
    "政府采购执行率": procurement_execution_rate,
    "固定资产利用率": fixed_asset_utilisation_rate,
    "实际完成率": completion_rate,
    "完成及时率": timeliness_rate,
    "质量达标率": quality_rate,
    "重点工作办结率": key_work_rate,
    "绩效指标量化率": goal_quantification_rate,
}

# The fifteen indicators issue 6 names, in the order of the framework (投入 → 过程 → 产出).
DEPARTMENT_INDICATORS: tuple[str, ...] = (
    "在职人员控制率",
    "三公经费变动率",
    "重点支出安排率",
    "预算完成率",
    "预算调整率",
    "支付进度率",
    "结转结余率",
    "公用经费控制率",
    "三公经费控制率",
    "政府采购执行率",
    "固定资产利用率",
    "实际完成率",
    "完成及时率",
    "质量达标率",
    "重点工作办结率",
)


def compute_indicator(
    name: str, facts: DepartmentYearFacts, project: str | None = None, **params: object
) -> IndicatorValue:
    try:
        function = INDICATORS[name]
    except KeyError:
        raise IndicatorUnknown(f"未知的计算指标“{name}”，可用：{'、'.join(INDICATORS)}") from None
    return function(facts, project, **params)


def compute_all(facts: DepartmentYearFacts, project: str | None = None) -> dict[str, IndicatorValue]:
    """Every department indicator, keyed by its Chinese name, in framework order."""
    return {name: compute_indicator(name, facts, project) for name in DEPARTMENT_INDICATORS}


# --- 基础数据表 (domain-rules.md §3.3) ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BasicDataRow:
    """One 经费控制情况 row of the 基础数据表: 上年决算数 | 本年预算数 | 本年决算数, in 元 (None = no data).

    ``depth`` is the indentation the table prints (0 a heading row, 1 “1.”, 2 “其中：”).
    本年预算数 is the adjusted full-year budget (调整后预算).
    """

    label: str
    previous_actual: Decimal | None
    budget: Decimal | None
    actual: Decimal | None
    depth: int = 0


@dataclass(frozen=True, slots=True)
class BasicDataTable:
    department: str
    year: int
    staff_quota: int | None
    staff_actual: int | None
    staff_control: IndicatorValue
    rows: tuple[BasicDataRow, ...]


def _san_gong_row(
    facts: DepartmentYearFacts, label: str, items: tuple[SanGongItem, ...], depth: int
) -> BasicDataRow:
    figures = [facts.san_gong_item(item) for item in items]

    def total(attribute: str) -> Decimal | None:
        values = [None if f is None else getattr(f, attribute) for f in figures]
        return _sum_optional(*values)

    return BasicDataRow(label, total("previous_actual"), total("budget"), total("actual"), depth)


def basic_data_table(facts: DepartmentYearFacts) -> BasicDataTable:
    """附件：部门整体支出绩效评价基础数据表 — the figures, for the report to print."""
    previous = facts.previous
    vehicle = (SanGongItem.VEHICLE_PURCHASE, SanGongItem.VEHICLE_RUNNING)
    rows = [
        BasicDataRow(
            "“三公”经费",
            facts.san_gong_total("previous_actual"),
            facts.san_gong_total("budget"),
            facts.san_gong_total("actual"),
        ),
        _san_gong_row(facts, "1.公务用车购置和维护经费", vehicle, 1),
        _san_gong_row(facts, "其中：公车购置", (SanGongItem.VEHICLE_PURCHASE,), 2),
        _san_gong_row(facts, "公车运行维护", (SanGongItem.VEHICLE_RUNNING,), 2),
        _san_gong_row(facts, "2.出国经费", (SanGongItem.ABROAD,), 1),
        _san_gong_row(facts, "3.公务接待", (SanGongItem.RECEPTION,), 1),
        BasicDataRow(
            "项目支出",
            None if previous is None else previous.project_actual,
            facts.project_total.adjusted,
            facts.project_total.actual,
        ),
    ]
    previous_by_category = dict(previous.project_actual_by_category) if previous is not None else {}
    for number, category in enumerate(("业务工作专项", "运行维护专项"), start=1):
        lines = [p.line for p in facts.projects if p.category == category]
        line = BudgetLine.total(lines) if lines else None
        rows.append(
            BasicDataRow(
                f"{number}.{category}",
                previous_by_category.get(category),
                ZERO if line is None else line.adjusted,
                ZERO if line is None else line.actual,
                1,
            )
        )
    rows.append(
        BasicDataRow(
            "公用经费",
            None if previous is None else previous.public_actual,
            facts.basic_public.adjusted,
            facts.basic_public.actual,
        )
    )
    for index, detail in enumerate(facts.public_details):
        label = ("其中：" if index == 0 else "") + detail.label
        rows.append(BasicDataRow(label, detail.previous_actual, detail.budget, detail.actual, 2))
    rows.append(
        BasicDataRow(
            "政府采购金额",
            None if previous is None else previous.procurement_actual,
            facts.procurement_budget,
            facts.procurement_actual,
        )
    )
    # The 预算调整 row has one figure: the year's 预算调整数 (as 预算调整率 counts it), in the 本年 column.
    rows.append(BasicDataRow("部门整体支出预算调整", None, facts.total.adjustment_amount, None))
    return BasicDataTable(
        department=facts.department,
        year=facts.year,
        staff_quota=facts.staff_quota,
        staff_actual=facts.staff_actual,
        staff_control=staff_control_rate(facts),
        rows=tuple(rows),
    )
