"""Section 二 (部门整体支出情况) of the evaluation report, composed from ledger figures.

Sentences follow the seed report word for word where it has them; the main reason for a
change is derived from the figures (the component that moved most in the total's
direction), never typed in. What the seed lacks — 调整后预算, 决算 and 执行率, the 资金来源 and
the 决算 picture (上年结转结余 + 本年收入 = 本年支出 + 年末结转结余, per source, checked) — is added.

A previous year jixiao knows nothing of is not a year with nothing: its sentences say the
figure was not recorded instead of "上年无此项". A previous year entered as a summary
(上年数（录入）) is compared with, and said to be entered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.budget_control import LineBalance
from jixiao.domain.classification import FundSource, fund_source, sangong_group_label, sangong_items
from jixiao.domain.money import ZERO, rate_text, wan
from jixiao.domain.wording import BUDGET_WORDING, CONTROL_WORDING, change_text

ENTERED_NOTE = "上年数（录入）"
NOT_RECORDED = "上年数未录入，不作比较"


@dataclass(frozen=True, slots=True)
class SourceYear:
    """One 资金来源's lines of a year: 人员/公用/项目 balances (running totals), its 追加 and 调减,
    and what the ledger says is left of them (年末, from the ledger rows, not the totals)."""

    source: str
    personnel: LineBalance = field(default_factory=LineBalance)
    public: LineBalance = field(default_factory=LineBalance)
    project: LineBalance = field(default_factory=LineBalance)
    additions: Decimal = ZERO
    reductions: Decimal = ZERO
    ledger_unspent: Decimal | None = None

    @property
    def info(self) -> FundSource:
        return fund_source(self.source)

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def initial(self) -> Decimal:
        return self.personnel.allocated + self.public.allocated + self.project.allocated

    @property
    def budget(self) -> Decimal:
        return self.personnel.budget + self.public.budget + self.project.budget

    @property
    def basic_spent(self) -> Decimal:
        return self.personnel.spent + self.public.spent

    @property
    def spent(self) -> Decimal:
        return self.basic_spent + self.project.spent

    @property
    def unspent(self) -> Decimal:
        return self.budget - self.spent


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
    sources: tuple[SourceYear, ...] = ()
    # known: False for a year jixiao has no figures of (no ledger, nothing entered).
    known: bool = True
    # entered: the figures are a summary entered for a year before jixiao (上年数（录入）).
    entered: bool = False
    # split_known: 人员/公用 known apart (an entered summary may give 基本支出 only, held in personnel).
    split_known: bool = True

    def _carry(self, component: str) -> Decimal:
        """年初预算 of the lines funded by 上年结转结余 (counted in 年初结转和结余, not 年初预算)."""
        return sum(
            (getattr(s, component).allocated for s in self.sources if s.info.carry_over),
            ZERO,
        )

    def initial_of(self, component: str) -> Decimal:
        return getattr(self, component).allocated - self._carry(component)

    @property
    def basic_initial(self) -> Decimal:
        return self.initial_of("personnel") + self.initial_of("public")

    @property
    def project_initial(self) -> Decimal:
        return self.initial_of("project")

    @property
    def total_initial(self) -> Decimal:
        return self.basic_initial + self.project_initial

    @property
    def current_sources(self) -> tuple[SourceYear, ...]:
        """The sources of 本年收入 (all but 上年结转结余), in the order of the data."""
        return tuple(sorted((s for s in self.sources if not s.info.carry_over), key=lambda s: s.info.order))

    @property
    def carry_sources(self) -> tuple[SourceYear, ...]:
        return tuple(s for s in self.sources if s.info.carry_over)

    @property
    def has_several_sources(self) -> bool:
        return len([s for s in self.sources if s.budget or s.spent or s.initial]) > 1

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
    known: bool = True
    entered: bool = False

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
    sign = 1 if total_delta > 0 else -1
    word = "增加" if sign > 0 else "减少"
    if not (current.split_known and previous.split_known):
        deltas = {
            "基本支出": current.basic_initial - previous.basic_initial,
            "项目支出": current.project_initial - previous.project_initial,
        }
        key = max(deltas, key=lambda k: deltas[k] * sign)
        return f"{key}年初预算安排{word}"
    deltas = {key: current.initial_of(key) - previous.initial_of(key) for key in COMPONENT_LABELS}
    key = max(deltas, key=lambda k: deltas[k] * sign)
    return f"{COMPONENT_LABELS[key]}年初预算安排{word}"


def budget_paragraph(current: BudgetYear, previous: BudgetYear, number: str = "1.") -> str:
    if not previous.known:
        text = (
            f"{number}{current.year}年，本部门年初预算支出{wan(current.total_initial)}（{NOT_RECORDED}）。"
            f"其中：基本支出年初预算{wan(current.basic_initial)}；"
            f"项目支出年初预算{wan(current.project_initial)}。"
        )
        return text + source_sentence(current) + adjustment_sentence(current)
    total_delta = current.total_initial - previous.total_initial
    change_word = "增加" if total_delta > 0 else "减少" if total_delta < 0 else "增减"
    text = (
        f"{number}{current.year}年，本部门年初预算支出{wan(current.total_initial)}，"
        f"{change_text(current.total_initial, previous.total_initial, BUDGET_WORDING)}，"
        f"{change_word}变化的主要原因是：{main_budget_reason(current, previous)}。"
        f"其中：基本支出年初预算{wan(current.basic_initial)}，"
        f"{change_text(current.basic_initial, previous.basic_initial, BUDGET_WORDING)}；"
        f"项目支出年初预算{wan(current.project_initial)}，"
        f"{change_text(current.project_initial, previous.project_initial, BUDGET_WORDING)}。"
    )
    if previous.entered:
        text += f"（比较所用{previous.year}年数为{ENTERED_NOTE}。）"
    return text + source_sentence(current) + adjustment_sentence(current)


def source_sentence(current: BudgetYear) -> str:
    """按资金来源: '年初预算按资金来源分：一般公共预算财政拨款57.28万元，其他收入21.31万元。'"""
    if not current.has_several_sources:
        return ""
    parts = [f"{s.name}{wan(s.initial)}" for s in current.current_sources if s.initial]
    carry = sum((s.initial for s in current.carry_sources), ZERO)
    text = f"年初预算按资金来源分：{'，'.join(parts)}。" if parts else ""
    if carry:
        text += f"另安排使用上年结转结余{wan(carry)}。"
    return text


def adjustment_sentence(current: BudgetYear) -> str:
    parts = []
    by_source = current.has_several_sources
    if current.adjustment_increase:
        detail = _by_source(current, "additions") if by_source else ""
        parts.append(f"追加预算{wan(current.adjustment_increase)}{detail}")
    if current.adjustment_decrease:
        detail = _by_source(current, "reductions") if by_source else ""
        parts.append(f"追减预算{wan(current.adjustment_decrease)}{detail}")
    if current.transfers_executed:
        parts.append(f"经批准调剂{current.transfers_executed}笔共{wan(current.transfers_amount)}")
    if not parts:
        return "年度执行中预算未作调整。"
    reasons = "、".join(dict.fromkeys(m.split("：")[0] for m in current.adjustment_memos if m))
    cause = f"因{reasons}" if reasons else ""
    return f"年度执行中{cause}，" + "，".join(parts) + f"，调整后预算{wan(current.total_budget)}。"


def _by_source(current: BudgetYear, attribute: str) -> str:
    parts = [f"{s.name}{wan(getattr(s, attribute))}" for s in current.sources if getattr(s, attribute)]
    return f"（{'，'.join(parts)}）" if parts else ""


def _sangong_reason(current: Decimal, previous: Decimal, item_name: str) -> str:
    if current < previous:
        return f"厉行节约，压减{item_name}"
    return f"{item_name}支出增加"


def sangong_paragraph(current: SanGongYear, previous: SanGongYear, number: str = "2.") -> str:
    items = {i.key: i for i in sangong_items()}
    total_now, total_before = current.total, previous.total
    if not previous.known:
        parts = [
            f"{label}完成{wan(now)}"
            for label, now in (
                (items["abroad"].name, current.item("abroad")),
                (items["reception"].name, current.item("reception")),
                (sangong_group_label("vehicle"), current.group("vehicle")),
            )
        ]
        return (
            f"{number}“三公”经费支出情况：{current.year}年，“三公”经费完成{wan(total_now)}（{NOT_RECORDED}）。"
            f"其中：{'；'.join(parts)}。"
        )
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
    note = f"（比较所用{previous.year}年数为{ENTERED_NOTE}。）" if previous.entered else ""
    return text + "；".join(parts) + "。" + note


def execution_paragraph(current: BudgetYear, number: str = "3.") -> str:
    """What the seed lacks: 调整后预算, 决算 and 执行率, for 基本 and 项目 (and 财政拨款, when the
    department spends money of other sources too)."""
    text = (
        f"{number}预算执行情况：{current.year}年，本部门调整后预算{wan(current.total_budget)}，"
        f"决算支出{wan(current.total_spent)}，预算执行率{rate_text(current.total_spent, current.total_budget)}。"
        f"其中：基本支出调整后预算{wan(current.basic_budget)}，决算支出{wan(current.basic_spent)}，"
        f"执行率{rate_text(current.basic_spent, current.basic_budget)}"
        f"（人员经费决算{wan(current.personnel.spent)}，公用经费决算{wan(current.public.spent)}）；"
        f"项目支出调整后预算{wan(current.project.budget)}，决算支出{wan(current.project.spent)}，"
        f"执行率{rate_text(current.project.spent, current.project.budget)}。"
    )
    if current.has_several_sources:
        fiscal = [s for s in current.current_sources if s.info.fiscal]
        budget = sum((s.budget for s in fiscal), ZERO)
        spent = sum((s.spent for s in fiscal), ZERO)
        if budget:
            text += (
                f"财政拨款调整后预算{wan(budget)}，支出{wan(spent)}，财政拨款执行率{rate_text(spent, budget)}"
                "（财政拨款执行率＝财政拨款支出÷本年财政拨款调整后预算，不含上年结转结余）。"
            )
    return text


# --- 决算: 上年结转结余 + 本年收入 = 本年支出 + 年末结转结余, per 资金来源 -----------------------------


@dataclass(frozen=True, slots=True)
class SettlementRow:
    """One 资金来源 of the 决算 (or the 合计). 年末结转结余 is computed from the ledger rows, so the
    identity is a real check of the running totals against the ledger."""

    label: str
    carry_over_start: Decimal
    income: Decimal
    personnel: Decimal
    public: Decimal
    project: Decimal
    carry_over_end: Decimal
    initial: Decimal = ZERO
    additions: Decimal = ZERO
    reductions: Decimal = ZERO
    fiscal: bool = False
    is_carry_over: bool = False
    is_total: bool = False

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def spent(self) -> Decimal:
        return self.basic + self.project

    @property
    def identity_holds(self) -> bool:
        return self.carry_over_start + self.income == self.spent + self.carry_over_end


@dataclass(frozen=True, slots=True)
class Settlement:
    """The 决算 picture of a department-year by 资金来源.

    ``carry_over_start`` is the year's 上年结转结余 (entered as 决算补充信息, or the prior year's
    年末结转结余 entered or computed); None when nobody knows it — then the 年末结转结余 is unknown
    too and only the year's own 收支结余 is stated. Lines funded by 上年结转结余 spend it: they are
    the 上年结转结余 row, not 本年收入.
    """

    year: int
    rows: tuple[SettlementRow, ...]
    carry_over_start: Decimal | None
    start_basis: str = ""

    @property
    def income(self) -> Decimal:
        return sum((r.income for r in self.rows), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((r.spent for r in self.rows), ZERO)

    @property
    def balance_of_year(self) -> Decimal:
        """本年收支结余 = 本年收入 − 本年支出 (what the year's own money left)."""
        return self.income - sum((r.spent for r in self.rows if not r.is_carry_over), ZERO)

    @property
    def carry_over_end(self) -> Decimal | None:
        if self.carry_over_start is None:
            return None
        return sum((r.carry_over_end for r in self.rows), ZERO)

    def total(self) -> SettlementRow | None:
        if self.carry_over_start is None:
            return None
        return SettlementRow(
            label="合计",
            carry_over_start=self.carry_over_start,
            income=self.income,
            personnel=sum((r.personnel for r in self.rows), ZERO),
            public=sum((r.public for r in self.rows), ZERO),
            project=sum((r.project for r in self.rows), ZERO),
            carry_over_end=self.carry_over_end or ZERO,
            initial=sum((r.initial for r in self.rows), ZERO),
            additions=sum((r.additions for r in self.rows), ZERO),
            reductions=sum((r.reductions for r in self.rows), ZERO),
            is_total=True,
        )

    def findings(self) -> list[str]:
        """What does not add up, in Chinese; empty when the identity holds for every row."""
        found = []
        for row in self.rows:
            if not row.identity_holds:
                found.append(
                    f"{row.label}：上年结转结余{wan(row.carry_over_start)}＋本年收入{wan(row.income)}"
                    f"≠本年支出{wan(row.spent)}＋年末结转结余{wan(row.carry_over_end)}（账簿与指标余额不一致）"
                )
            if row.carry_over_end < 0:
                found.append(f"{row.label}：年末结转结余为负数{wan(row.carry_over_end)}（支出超过可用资金）")
        return found

    @property
    def fiscal(self) -> tuple[Decimal, Decimal]:
        """(本年财政拨款收入, 财政拨款支出)."""
        rows = [r for r in self.rows if r.fiscal]
        return sum((r.income for r in rows), ZERO), sum((r.spent for r in rows), ZERO)


def settlement_from(
    current: BudgetYear, *, carry_over_start: Decimal | None, start_basis: str = ""
) -> Settlement:
    """The 决算 picture from a year's lines by source. ``SourceYear.ledger_unspent`` (Σ 调整后预算 −
    Σ 支出 over the ledger rows) gives 年末结转结余; the running totals give the rest."""
    rows = []
    for source in current.current_sources:
        if not (source.budget or source.spent or source.initial):
            continue
        end = source.ledger_unspent if source.ledger_unspent is not None else source.unspent
        rows.append(
            SettlementRow(
                label=source.name,
                carry_over_start=ZERO,
                income=source.budget,
                personnel=source.personnel.spent,
                public=source.public.spent,
                project=source.project.spent,
                carry_over_end=end,
                initial=source.initial,
                additions=source.additions,
                reductions=source.reductions,
                fiscal=source.info.fiscal,
            )
        )
    carry_lines = current.carry_sources
    issued = sum((s.budget for s in carry_lines), ZERO)
    start = carry_over_start
    if start is None and carry_lines:
        start, start_basis = issued, "按上年结转结余安排的指标"
    if start is not None and (start or carry_lines):
        spent = {part: sum((getattr(s, part).spent for s in carry_lines), ZERO) for part in COMPONENT_LABELS}
        left = sum(
            ((s.ledger_unspent if s.ledger_unspent is not None else s.unspent) for s in carry_lines), ZERO
        )
        rows.append(
            SettlementRow(
                label="上年结转结余",
                carry_over_start=start,
                income=ZERO,
                personnel=spent["personnel"],
                public=spent["public"],
                project=spent["project"],
                # what the carry-over lines left, plus the carry-over never issued as a line
                carry_over_end=left + (start - issued),
                initial=issued,
                is_carry_over=True,
            )
        )
    return Settlement(year=current.year, rows=tuple(rows), carry_over_start=start, start_basis=start_basis)


def settlement_paragraph(settlement: Settlement, number: str = "4.") -> str:
    """'4.收支决算情况：…上年结转结余A＋本年收入B＝本年支出C＋年末结转结余D。' per 资金来源."""
    income_rows = [r for r in settlement.rows if not r.is_carry_over]
    several = len(income_rows) > 1

    def income_part(row: SettlementRow) -> str:
        detail = []
        if row.additions or row.reductions:
            detail.append(f"年初预算{wan(row.initial)}")
            if row.additions:
                detail.append(f"追加{wan(row.additions)}")
            if row.reductions:
                detail.append(f"调减{wan(row.reductions)}")
            other = row.income - row.initial - row.additions + row.reductions
            if other:
                detail.append(f"调剂{'调入' if other > 0 else '调出'}{wan(abs(other))}")
        return f"{row.label}{wan(row.income)}" + (f"（{'，'.join(detail)}）" if detail else "")

    basic = sum((r.basic for r in settlement.rows), ZERO)
    personnel = sum((r.personnel for r in settlement.rows), ZERO)
    public = sum((r.public for r in settlement.rows), ZERO)
    project = sum((r.project for r in settlement.rows), ZERO)
    income = "；".join(income_part(r) for r in income_rows)
    text = f"{number}收支决算情况：{settlement.year}年，本部门"
    if settlement.carry_over_start is not None:
        text += f"上年结转结余{wan(settlement.carry_over_start)}，"
    text += f"本年收入{wan(settlement.income)}"
    if several or (
        income_rows and income_rows[0].label and (income_rows[0].additions or income_rows[0].reductions)
    ):
        text += f"（其中：{income}）"
    elif income_rows:
        text += f"（均为{income_rows[0].label}）"
    text += (
        f"，本年支出{wan(settlement.spent)}（基本支出{wan(basic)}，其中人员经费{wan(personnel)}、"
        f"公用经费{wan(public)}；项目支出{wan(project)}）"
    )
    end = settlement.carry_over_end
    if end is None:
        text += (
            f"，本年收支结余{wan(settlement.balance_of_year)}；上年结转结余未录入，年末结转结余无法确定"
            "（请在“决算补充与政府采购”页填报上年结转结余，或录入上年数）。"
        )
        return text
    text += (
        f"，年末结转结余{wan(end)}。上年结转结余{wan(settlement.carry_over_start)}＋本年收入{wan(settlement.income)}"
        f"＝本年支出{wan(settlement.spent)}＋年末结转结余{wan(end)}。"
    )
    if several or any(r.is_carry_over for r in settlement.rows):
        parts = []
        for row in settlement.rows:
            if row.is_carry_over:
                parts.append(f"上年结转结余使用{wan(row.spent)}，结转{wan(row.carry_over_end)}")
            else:
                parts.append(f"{row.label}支出{wan(row.spent)}，年末结转结余{wan(row.carry_over_end)}")
        text += "按资金来源：" + "；".join(parts) + "。"
    return text


def section_two(
    current: BudgetYear,
    previous: BudgetYear,
    sangong_now: SanGongYear,
    sangong_before: SanGongYear,
    settlement: Settlement | None = None,
) -> list[str]:
    paragraphs = [
        budget_paragraph(current, previous),
        sangong_paragraph(sangong_now, sangong_before),
        execution_paragraph(current),
    ]
    if settlement is not None and (settlement.rows or settlement.carry_over_start is not None):
        paragraphs.append(settlement_paragraph(settlement))
    return paragraphs


def settlement_lines(settlement: Settlement) -> tuple[list[str], list[str]]:
    """The 决算 by 资金来源 as plain-text table lines (万元) and the identity check's findings."""
    if not settlement.rows:
        return [], []
    header = (
        "资金来源",
        "上年结转结余",
        "本年收入",
        "本年支出",
        "其中基本支出",
        "其中项目支出",
        "年末结转结余",
    )
    rows = [header]
    shown = list(settlement.rows)
    total = settlement.total()
    if total is not None:
        shown.append(total)
    for row in shown:
        rows.append(
            (
                row.label,
                wan(row.carry_over_start)
                if not row.is_total or settlement.carry_over_start is not None
                else "—",
                wan(row.income),
                wan(row.spent),
                wan(row.basic),
                wan(row.project),
                wan(row.carry_over_end),
            )
        )
    lines = [f"收入支出决算（按资金来源）{settlement.year}年"]
    lines += ["｜".join(cells) for cells in rows]
    if settlement.carry_over_start is None:
        lines.append(
            f"本年收支结余{wan(settlement.balance_of_year)}；上年结转结余未录入，年末结转结余无法确定。"
        )
    else:
        held = "成立" if not settlement.findings() else "不成立"
        lines.append(
            f"核对：上年结转结余{wan(settlement.carry_over_start)}＋本年收入{wan(settlement.income)}"
            f"＝本年支出{wan(settlement.spent)}＋年末结转结余{wan(settlement.carry_over_end or ZERO)}，{held}"
            + (f"（上年结转结余来自{settlement.start_basis}）" if settlement.start_basis else "")
            + "。"
        )
    return lines, settlement.findings()


def source_rows(facts) -> list[tuple[str, Decimal, Decimal, Decimal, Decimal, Decimal]]:
    """The 决算 by 资金来源 from the evaluation facts (``DepartmentYearFacts``): per source 上年结转结余,
    本年收入 (调整后预算), 本年支出, 年末结转结余, then 合计 — for the report's table. Empty unless
    the department has money of more than one source (or spends 上年结转结余 through its lines);
    None-free: without a known 上年结转结余 the table is not made."""
    sources = tuple(facts.sources)
    if facts.carry_over_start is None:
        return []
    current = [s for s in sources if not s.carry_over and (s.adjusted or s.actual)]
    carry = [s for s in sources if s.carry_over]
    if len(current) + (1 if carry else 0) < 2:
        return []
    rows = [(s.name, ZERO, s.adjusted, s.actual, s.adjusted - s.actual) for s in current]
    carry_spent = sum((s.actual for s in carry), ZERO)
    if facts.carry_over_start or carry:
        rows.append(
            ("上年结转结余", facts.carry_over_start, ZERO, carry_spent, facts.carry_over_start - carry_spent)
        )
    total = tuple(sum((row[i] for row in rows), ZERO) for i in range(1, 5))
    rows.append(("合计", *total))
    return rows
