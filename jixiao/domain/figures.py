"""Section 二 (部门整体支出情况) of the evaluation report, composed from ledger figures.

Sentences follow the seed report word for word where it has them; the main reason for a
change is derived from the figures (the component that moved most in the total's
direction), never typed in. What the seed lacks — 调整后预算, 决算 and 执行率 — is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.budget_control import LineBalance
from jixiao.domain.classification import sangong_group_label, sangong_items
from jixiao.domain.money import ZERO, rate_text, wan
from jixiao.domain.wording import BUDGET_WORDING, CONTROL_WORDING, change_text


@dataclass(frozen=True, slots=True)
class BudgetYear:
    year: int
    personnel: LineBalance = field(default_factory=LineBalance)
    public: LineBalance = field(default_factory=LineBalance)
    project: LineBalance = field(default_factory=LineBalance)
    adjustment_memos: tuple[str, ...] = ()
    adjustment_increase: Decimal = ZERO
    adjustment_decrease: Decimal = ZERO
    transfers_executed: int = 0
    transfers_amount: Decimal = ZERO

    @property
    def basic_initial(self) -> Decimal:
        return self.personnel.allocated + self.public.allocated

    @property
    def total_initial(self) -> Decimal:
        return self.basic_initial + self.project.allocated

    @property
    def basic_budget(self) -> Decimal:
        return self.personnel.budget + self.public.budget

    @property
    def total_budget(self) -> Decimal:
        return self.basic_budget + self.project.budget

    @property
    def basic_spent(self) -> Decimal:
        return self.personnel.spent + self.public.spent

    @property
    def total_spent(self) -> Decimal:
        return self.basic_spent + self.project.spent


@dataclass(frozen=True, slots=True)
class SanGongYear:
    year: int
    actual: dict[str, Decimal]
    budget: dict[str, Decimal] = field(default_factory=dict)

    @property
    def budget_total(self) -> Decimal:
        return sum(self.budget.values(), ZERO)

    @property
    def total(self) -> Decimal:
        return sum(self.actual.values(), ZERO)

    def item(self, key: str) -> Decimal:
        return self.actual.get(key, ZERO)

    def group(self, group: str) -> Decimal:
        return sum((self.item(i.key) for i in sangong_items() if i.group == group), ZERO)


COMPONENT_LABELS = {"personnel": "人员经费", "public": "公用经费", "project": "项目支出"}


def main_budget_reason(current: BudgetYear, previous: BudgetYear) -> str:
    """'公用经费年初预算安排增加': the component whose change drove the total's change."""
    total_delta = current.total_initial - previous.total_initial
    if total_delta == 0:
        return "年初预算安排与上年持平"
    deltas = {
        key: getattr(current, key).allocated - getattr(previous, key).allocated for key in COMPONENT_LABELS
    }
    sign = 1 if total_delta > 0 else -1
    key = max(deltas, key=lambda k: deltas[k] * sign)
    word = "增加" if sign > 0 else "减少"
    return f"{COMPONENT_LABELS[key]}年初预算安排{word}"


def budget_paragraph(current: BudgetYear, previous: BudgetYear, number: str = "1.") -> str:
    total_delta = current.total_initial - previous.total_initial
    change_word = "增加" if total_delta > 0 else "减少" if total_delta < 0 else "增减"
    text = (
        f"{number}{current.year}年，本部门年初预算支出{wan(current.total_initial)}，"
        f"{change_text(current.total_initial, previous.total_initial, BUDGET_WORDING)}，"
        f"{change_word}变化的主要原因是：{main_budget_reason(current, previous)}。"
        f"其中：基本支出年初预算{wan(current.basic_initial)}，"
        f"{change_text(current.basic_initial, previous.basic_initial, BUDGET_WORDING)}；"
        f"项目支出年初预算{wan(current.project.allocated)}，"
        f"{change_text(current.project.allocated, previous.project.allocated, BUDGET_WORDING)}。"
    )
    return text + adjustment_sentence(current)


def adjustment_sentence(current: BudgetYear) -> str:
    parts = []
    if current.adjustment_increase:
        parts.append(f"追加预算{wan(current.adjustment_increase)}")
    if current.adjustment_decrease:
        parts.append(f"追减预算{wan(current.adjustment_decrease)}")
    if current.transfers_executed:
        parts.append(f"经批准调剂{current.transfers_executed}笔共{wan(current.transfers_amount)}")
    if not parts:
        return "年度执行中预算未作调整。"
    reasons = "、".join(dict.fromkeys(m.split("：")[0] for m in current.adjustment_memos if m))
    cause = f"因{reasons}" if reasons else ""
    return f"年度执行中{cause}，" + "，".join(parts) + f"，调整后预算{wan(current.total_budget)}。"


def _sangong_reason(current: Decimal, previous: Decimal, item_name: str) -> str:
    if current < previous:
        return f"厉行节约，压减{item_name}"
    return f"{item_name}支出增加"


def sangong_paragraph(current: SanGongYear, previous: SanGongYear, number: str = "2.") -> str:
    items = {i.key: i for i in sangong_items()}
    total_now, total_before = current.total, previous.total
    text = (
        f"{number}“三公”经费支出情况：{current.year}年，“三公”经费完成{wan(total_now)}，"
        f"{change_text(total_now, total_before, CONTROL_WORDING)}"
    )
    if wan(abs(total_now - total_before)) != "0万元":
        # The reason names the item that moved most in the total's direction.
        sign = 1 if total_now > total_before else -1
        driver = max(items.values(), key=lambda i: (current.item(i.key) - previous.item(i.key)) * sign)
        text += f"，增减变化的主要原因是：{_sangong_reason(total_now, total_before, driver.name)}"
    text += "。其中："
    parts = []
    for label, now, before in (
        (items["abroad"].name, current.item("abroad"), previous.item("abroad")),
        (items["reception"].name, current.item("reception"), previous.item("reception")),
        (sangong_group_label("vehicle"), current.group("vehicle"), previous.group("vehicle")),
    ):
        part = f"{label}完成{wan(now)}，{change_text(now, before, CONTROL_WORDING)}"
        if wan(abs(now - before)) != "0万元":
            part += f"，增减变化的主要原因是：{_sangong_reason(now, before, label)}"
        parts.append(part)
    return text + "；".join(parts) + "。"


def execution_paragraph(current: BudgetYear, number: str = "3.") -> str:
    """What the seed lacks: 调整后预算, 决算 and 执行率, for 基本 and 项目."""
    return (
        f"{number}预算执行情况：{current.year}年，本部门调整后预算{wan(current.total_budget)}，"
        f"决算支出{wan(current.total_spent)}，预算执行率{rate_text(current.total_spent, current.total_budget)}。"
        f"其中：基本支出调整后预算{wan(current.basic_budget)}，决算支出{wan(current.basic_spent)}，"
        f"执行率{rate_text(current.basic_spent, current.basic_budget)}"
        f"（人员经费决算{wan(current.personnel.spent)}，公用经费决算{wan(current.public.spent)}）；"
        f"项目支出调整后预算{wan(current.project.budget)}，决算支出{wan(current.project.spent)}，"
        f"执行率{rate_text(current.project.spent, current.project.budget)}。"
    )


def section_two(
    current: BudgetYear, previous: BudgetYear, sangong_now: SanGongYear, sangong_before: SanGongYear
) -> list[str]:
    return [
        budget_paragraph(current, previous),
        sangong_paragraph(sangong_now, sangong_before),
        execution_paragraph(current),
    ]
