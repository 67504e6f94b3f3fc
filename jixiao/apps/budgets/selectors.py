"""Reads of budgets, vouchers and 调剂, always filtered by what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from jixiao.apps.budgets.models import (
    BudgetLine,
    Commitment,
    CommitmentKind,
    CommitmentState,
    LedgerEntry,
    LedgerKind,
    PriorYearSummary,
    ProcurementRecord,
    SanGongBudget,
    TransferRequest,
    TransferState,
    Voucher,
    YearSettlement,
)
from jixiao.apps.orgs.models import Department
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.domain.budget_control import BudgetControlError, LineBalance
from jixiao.domain.classification import (
    FUND_TYPE_LABELS,
    SANGONG_CODES,
    FundType,
    is_personnel_economic,
    sangong_items,
)
from jixiao.domain.early_warning import BudgetWarning, LineUse, lag_warning, line_warnings, thresholds_with
from jixiao.domain.figures import BudgetYear, SanGongYear, Settlement, SourceYear, settlement_from
from jixiao.domain.money import ZERO, ratio_percent
from jixiao.domain.monitoring import MonitoringThresholds, time_progress
from jixiao.domain.prior_year import PriorYear
from jixiao.domain.transfers import check_executable, execution_warning


def _visible(queryset: QuerySet, user) -> QuerySet:
    return queryset.filter(department__in=departments_visible_to(user))


def access_budget_line(*, user, id: int) -> BudgetLine:
    line = _visible(BudgetLine.objects.select_related("department", "project"), user).filter(pk=id).first()
    if line is None:
        raise Http404("没有找到该预算指标，或您无权查看。")
    return line


def access_voucher(*, user, id: int) -> Voucher:
    voucher = (
        _visible(Voucher.objects.select_related("department", "line", "project"), user).filter(pk=id).first()
    )
    if voucher is None:
        raise Http404("没有找到该凭证，或您无权查看。")
    return voucher


def access_transfer(*, user, id: int) -> TransferRequest:
    transfer = (
        _visible(TransferRequest.objects.select_related("department", "source", "target", "created_by"), user)
        .filter(pk=id)
        .first()
    )
    if transfer is None:
        raise Http404("没有找到该调剂申请，或您无权查看。")
    return transfer


def transfer_execution_warning(transfer: TransferRequest) -> str:
    """For an approver, before approving: "执行时将被拒绝，因为…" with the breakdown, or "" when
    execution would pass on today's balances (the transfer's own reservation counts as its money)."""
    if transfer.state not in (TransferState.SUBMITTED, TransferState.HEAD_APPROVED):
        return ""
    held = sum(
        (c.open_amount for c in Commitment.objects.filter(transfer=transfer, state=CommitmentState.OPEN)),
        ZERO,
    )
    try:
        check_executable(
            source=transfer.source.to_domain(),
            target=transfer.target.to_domain(),
            amount=transfer.amount,
            held=held,
            econ_level=transfer.department.econ_control_level,
        )
    except BudgetControlError as error:
        return execution_warning(error.message)
    return ""


def budget_lines_for(*, department: Department, year: int) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(department=department, year=year).select_related("project", "department")


def open_contract_commitments(*, department: Department, year: int) -> QuerySet[Commitment]:
    """Reservations a voucher may pay against: registered 政府采购 contracts still open (用款申请
    are paid from their own page, 调剂 by being executed)."""
    return Commitment.objects.filter(
        line__department=department,
        line__year=year,
        state=CommitmentState.OPEN,
        kind=CommitmentKind.PROCUREMENT,
    ).select_related("line", "line__project", "procurement")


def commitments_for_line(*, line: BudgetLine) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(line=line)
        .select_related("payment_request", "procurement", "transfer")
        .order_by("-state", "created_at")
    )


def vouchers_for(
    *,
    user,
    department: Department,
    year: int,
    line_id: int | None = None,
    fund_type: str | None = None,
    econ_prefix: str | None = None,
    month: int | None = None,
    q: str | None = None,
) -> QuerySet[Voucher]:
    vouchers = _visible(Voucher.objects.filter(department=department, year=year), user).select_related(
        "line",
        "line__project",
        "project",  # a line's label names its project
    )
    if line_id:
        vouchers = vouchers.filter(line_id=line_id)
    if fund_type:
        vouchers = vouchers.filter(fund_type=fund_type)
    if econ_prefix:
        vouchers = vouchers.filter(econ_code__startswith=econ_prefix)
    if month:
        # a date range, not date__month: the range is read from the (department, year, date) index
        start = dt.date(year, month, 1)
        end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
        vouchers = vouchers.filter(date__gte=start, date__lt=end)
    if q:
        vouchers = vouchers.filter(Q(summary__icontains=q) | Q(number__icontains=q) | Q(payee__icontains=q))
    return vouchers


def transfers_for(
    *, user, department: Department | None = None, year: int, state: str | None = None
) -> QuerySet:
    transfers = _visible(TransferRequest.objects.filter(year=year), user).select_related(
        "department", "source", "target", "created_by", "source__project", "target__project"
    )
    if department is not None:
        transfers = transfers.filter(department=department)
    if state == "open":
        transfers = transfers.exclude(
            state__in=[TransferState.EXECUTED, TransferState.REJECTED, TransferState.WITHDRAWN]
        )
    elif state:
        transfers = transfers.filter(state=state)
    return transfers


def transfers_awaiting(*, user, year: int) -> QuerySet:
    """What this user is asked to act on."""
    transfers = transfers_for(user=user, year=year)
    if user.role == "department_head":
        return transfers.filter(state=TransferState.SUBMITTED).exclude(created_by=user)
    if user.role == "bureau_staff":
        return transfers.filter(state=TransferState.HEAD_APPROVED, needs_bureau=True)
    if user.role == "finance_officer":
        return transfers.filter(
            Q(state=TransferState.HEAD_APPROVED, needs_bureau=False) | Q(state=TransferState.BUREAU_APPROVED)
        )
    return transfers.none()


@dataclass
class ExecutionRow:
    label: str
    balance: LineBalance
    line: BudgetLine | None = None
    is_total: bool = False
    warning: str = ""

    @property
    def execution_rate(self) -> Decimal | None:
        return ratio_percent(self.balance.spent, self.balance.budget)


@dataclass
class ExecutionGroup:
    fund_type: FundType
    rows: list[ExecutionRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return FUND_TYPE_LABELS[self.fund_type]

    @property
    def subtotal(self) -> ExecutionRow:
        return ExecutionRow(
            label=f"{self.label}小计", balance=_sum_balances(r.balance for r in self.rows), is_total=True
        )


def _sum_balances(balances) -> LineBalance:
    totals = {
        k: ZERO for k in ("allocated", "adjusted", "transferred_in", "transferred_out", "spent", "committed")
    }
    for balance in balances:
        for key in totals:
            totals[key] += getattr(balance, key)
    return LineBalance(**totals)


def execution_by_source(*, department: Department, year: int) -> list[ExecutionRow]:
    """One row per 资金来源 of the department-year (empty when it has one source only)."""
    sums: dict[str, list[LineBalance]] = {}
    for line in budget_lines_for(department=department, year=year):
        sums.setdefault(line.fund_source, []).append(line.balance())
    if len(sums) < 2:
        return []
    from jixiao.domain.classification import fund_source

    ordered = sorted(sums, key=lambda key: fund_source(key).order)
    rows = [ExecutionRow(label=fund_source(key).name, balance=_sum_balances(sums[key])) for key in ordered]
    rows.append(ExecutionRow(label="合计", balance=_sum_balances(r.balance for r in rows), is_total=True))
    return rows


def execution_table(*, department: Department, year: int) -> tuple[list[ExecutionGroup], ExecutionRow]:
    """Per line, grouped by 基本-人员 / 基本-公用 / 项目, with a 合计."""
    groups = {ft: ExecutionGroup(ft) for ft in FundType}
    for line in budget_lines_for(department=department, year=year):
        groups[line.fund].rows.append(ExecutionRow(label=line.label, balance=line.balance(), line=line))
    ordered = [g for g in groups.values() if g.rows]
    total = ExecutionRow(
        label="合计", balance=_sum_balances(g.subtotal.balance for g in ordered), is_total=True
    )
    return ordered, total


def ledger_sums_by_line(*, department: Department, year: int) -> dict[int, dict[str, Decimal]]:
    """Sums straight from the ledger (used to prove the running totals are right)."""
    rows = (
        LedgerEntry.objects.filter(line__department=department, line__year=year)
        .values("line_id", "kind")
        .annotate(total=Sum("amount"))
    )
    result: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        result.setdefault(row["line_id"], {})[row["kind"]] = row["total"]
    return result


COMPONENT_OF = {
    FundType.BASIC_PERSONNEL: "personnel",
    FundType.BASIC_PUBLIC: "public",
    FundType.PROJECT: "project",
}
LEDGER_BUDGET_KINDS = {
    LedgerKind.INITIAL: 1,
    LedgerKind.ADJUSTMENT: 1,
    LedgerKind.TRANSFER_IN: 1,
    LedgerKind.TRANSFER_OUT: -1,
    LedgerKind.EXPENDITURE: -1,
    LedgerKind.REVERSAL: -1,
}


def prior_year_summary(*, department: Department, year: int) -> PriorYear | None:
    """上年数（录入） of ``year``, when one was imported or entered."""
    record = PriorYearSummary.objects.filter(department=department, year=year).first()
    return PriorYear.from_json(record.figures) if record is not None else None


def _entered_budget_year(summary: PriorYear) -> BudgetYear:
    """A BudgetYear from an entered summary: 年初预算 (and 决算, as spending) by source."""
    sources = []
    for entry in summary.sources:
        split = entry.split_known("initial") and entry.split_known("actual")
        if split:
            personnel = LineBalance(
                allocated=entry.part("personnel", "initial") or ZERO,
                spent=entry.part("personnel", "actual") or ZERO,
            )
            public = LineBalance(
                allocated=entry.part("public", "initial") or ZERO,
                spent=entry.part("public", "actual") or ZERO,
            )
        else:  # 基本支出 known as a whole: held as 人员经费, and the year says its split is unknown
            personnel = LineBalance(
                allocated=entry.basic("initial") or ZERO, spent=entry.basic("actual") or ZERO
            )
            public = LineBalance()
        project = LineBalance(allocated=entry.project_initial or ZERO, spent=entry.project_actual or ZERO)
        sources.append(SourceYear(source=entry.source, personnel=personnel, public=public, project=project))
    totals = {
        part: _sum_balances(getattr(s, part) for s in sources) for part in ("personnel", "public", "project")
    }
    return BudgetYear(
        year=summary.year,
        sources=tuple(sources),
        known=summary.has_budget,
        entered=True,
        split_known=summary.split_known("initial") and summary.split_known("actual"),
        **totals,
    )


def budget_year(*, department: Department, year: int) -> BudgetYear:
    """The year's budget figures in 元, split 人员 / 公用 / 项目 and by 资金来源, from the line totals
    (年末 from the ledger rows). A year without lines is the entered 上年数 when there is one, else
    a year jixiao does not know (``known`` False)."""
    lines = list(budget_lines_for(department=department, year=year))
    if not lines:
        summary = prior_year_summary(department=department, year=year)
        if summary is not None:
            return _entered_budget_year(summary)
        return BudgetYear(year=year, known=False)
    sums = {ft: _sum_balances([]) for ft in FundType}
    by_source: dict[str, dict[str, list[LineBalance]]] = {}
    for line in lines:
        sums[line.fund] = _sum_balances([sums[line.fund], line.balance()])
        by_source.setdefault(line.fund_source, {}).setdefault(COMPONENT_OF[line.fund], []).append(
            line.balance()
        )
    adjustments = list(
        LedgerEntry.objects.filter(line__department=department, line__year=year, kind=LedgerKind.ADJUSTMENT)
        .order_by("date", "id")
        .values_list("amount", "memo", "line__fund_source")
    )
    unspent: dict[str, Decimal] = {}
    for row in (
        LedgerEntry.objects.filter(
            line__department=department, line__year=year, kind__in=list(LEDGER_BUDGET_KINDS)
        )
        .values("line__fund_source", "kind")
        .annotate(total=Sum("amount"))
    ):
        sign = LEDGER_BUDGET_KINDS[LedgerKind(row["kind"])]
        # a reversal is a negative expenditure: it adds back with the expenditure's sign
        unspent[row["line__fund_source"]] = unspent.get(row["line__fund_source"], ZERO) + sign * row["total"]
    sources = tuple(
        SourceYear(
            source=key,
            personnel=_sum_balances(parts.get("personnel", [])),
            public=_sum_balances(parts.get("public", [])),
            project=_sum_balances(parts.get("project", [])),
            additions=sum((a for a, _, src in adjustments if src == key and a > 0), ZERO),
            reductions=sum((-a for a, _, src in adjustments if src == key and a < 0), ZERO),
            ledger_unspent=unspent.get(key, ZERO),
        )
        for key, parts in by_source.items()
    )
    executed = TransferRequest.objects.filter(department=department, year=year, state=TransferState.EXECUTED)
    return BudgetYear(
        year=year,
        personnel=sums[FundType.BASIC_PERSONNEL],
        public=sums[FundType.BASIC_PUBLIC],
        project=sums[FundType.PROJECT],
        adjustment_memos=tuple(memo for _, memo, _ in adjustments if memo),
        adjustment_increase=sum((a for a, _, _ in adjustments if a > 0), ZERO),
        adjustment_decrease=sum((-a for a, _, _ in adjustments if a < 0), ZERO),
        transfers_executed=executed.count(),
        transfers_amount=sum((t.amount for t in executed), ZERO),
        sources=sources,
    )


def sangong_year(*, department: Department, year: int) -> SanGongYear:
    """三公 actual spending (决算) per item, from the vouchers' 经济分类 codes; for a year before
    jixiao, the entered 上年数; ``known`` False when there is neither."""
    vouchers = Voucher.objects.filter(department=department, year=year)
    budget = dict(
        SanGongBudget.objects.filter(department=department, year=year).values_list("item", "amount")
    )
    if not budget and not BudgetLine.objects.filter(department=department, year=year).exists():
        summary = prior_year_summary(department=department, year=year)
        if summary is not None and summary.sangong:
            return SanGongYear(
                year=year,
                actual={e.item: e.actual for e in summary.sangong if e.actual is not None},
                budget={e.item: e.budget for e in summary.sangong if e.budget is not None},
                entered=True,
            )
        if not vouchers.exists():
            return SanGongYear(
                year=year, actual={item.key: ZERO for item in sangong_items()}, budget={}, known=False
            )
    rows = (
        vouchers.filter(Q(*[Q(econ_code__startswith=code) for code in SANGONG_CODES], _connector=Q.OR))
        .values("econ_code")
        .annotate(total=Sum("amount"))
    )
    actual = {item.key: ZERO for item in sangong_items()}
    for row in rows:
        for item in sangong_items():
            if row["econ_code"].startswith(item.code):
                actual[item.key] += row["total"]
    return SanGongYear(year=year, actual=actual, budget=budget)


def personnel_spent_by_econ(*, department: Department, year: int) -> Decimal:
    total = ZERO
    for row in (
        Voucher.objects.filter(department=department, year=year).values("econ_code").annotate(t=Sum("amount"))
    ):
        if is_personnel_economic(row["econ_code"]):
            total += row["t"]
    return total


@dataclass(frozen=True)
class SettlementFigures:
    """决算补充信息 of a department-year as the report reads it (元). None: not entered."""

    carry_over_start: Decimal | None
    carry_over_end: Decimal | None
    procurement_budget: Decimal | None
    procurement_actual: Decimal | None
    source: str = ""


def procurement_records_for(*, department: Department, year: int) -> QuerySet[ProcurementRecord]:
    return ProcurementRecord.objects.filter(department=department, year=year).select_related(
        "line", "line__project", "created_by", "cancelled_by"
    )


def procurement_actual(*, department: Department, year: int) -> Decimal | None:
    """实际政府采购金额: the contracts of the year that are not cancelled; None when none is registered."""
    records = procurement_records_for(department=department, year=year)
    if not records.exists():
        return None
    return records.filter(cancelled_at__isnull=True).aggregate(total=Sum("amount"))["total"] or ZERO


def carry_over_start(*, department: Department, year: int, depth: int = 0) -> tuple[Decimal | None, str]:
    """上年结转结余 of a year and where it comes from: the 决算补充信息 entered for the year; else
    the previous year's 年末结转结余 — entered (上年数（录入）) or computed from its ledger."""
    settlement = YearSettlement.objects.filter(department=department, year=year).first()
    if settlement is not None:
        return settlement.carry_over_start, "决算补充信息"
    summary = prior_year_summary(department=department, year=year - 1)
    if summary is not None and summary.carry_over_end is not None:
        return summary.carry_over_end, f"{year - 1}年数（录入）的年末结转结余"
    if depth < 5 and BudgetLine.objects.filter(department=department, year=year - 1).exists():
        previous = settlement_for(department=department, year=year - 1, depth=depth + 1)
        if previous.carry_over_end is not None:
            return previous.carry_over_end, f"{year - 1}年账簿计算的年末结转结余"
    return None, ""


def settlement_for(*, department: Department, year: int, depth: int = 0) -> Settlement:
    """The 决算 picture by 资金来源: 上年结转结余 + 本年收入 = 本年支出 + 年末结转结余."""
    start, basis = carry_over_start(department=department, year=year, depth=depth)
    money = budget_year(department=department, year=year)
    if not money.known or money.entered:
        return Settlement(year=year, rows=(), carry_over_start=start, start_basis=basis)
    return settlement_from(money, carry_over_start=start, start_basis=basis)


def settlement_figures(*, department: Department, year: int) -> SettlementFigures:
    """上年结转结余 and 政府采购预算 as entered; 年末结转结余 from the 决算 picture (上年结转结余 +
    本年收入 − 本年支出, 本年 from the ledger); 实际政府采购金额 from the procurement records."""
    settlement = YearSettlement.objects.filter(department=department, year=year).first()
    actual = procurement_actual(department=department, year=year)
    picture = settlement_for(department=department, year=year)
    return SettlementFigures(
        carry_over_start=picture.carry_over_start,
        carry_over_end=picture.carry_over_end,
        procurement_budget=settlement.procurement_budget if settlement is not None else None,
        procurement_actual=actual,
        source=settlement.source if settlement is not None else picture.start_basis,
    )


# ---------------------------------------------------------------- early-warning thresholds


def thresholds_overrides(bureau) -> dict:
    from jixiao.apps.budgets.models import WarningThresholds

    record = WarningThresholds.objects.filter(bureau=bureau).first() if bureau is not None else None
    return dict(record.values) if record is not None else {}


def thresholds_for(bureau) -> MonitoringThresholds:
    """The defaults of monitoring-thresholds.yaml with the bureau's overrides."""
    return thresholds_with(thresholds_overrides(bureau))


def budget_warnings(
    *, department: Department, year: int, as_of: dt.date, thresholds: MonitoringThresholds | None = None
) -> tuple[list[BudgetWarning], dict[int, str]]:
    """The department-year's budget warnings (lines used to the limit while the year runs, 执行率
    behind 序时进度), and each warned line's message by line id."""
    thresholds = thresholds or thresholds_for(department.bureau)
    lines = list(budget_lines_for(department=department, year=year))
    by_line: dict[int, str] = {}
    warnings: list[BudgetWarning] = []
    # A line used up is an early warning while the year runs; after it, a used-up line is the
    # expected end of a year, not news (执行率 behind 序时进度 still is).
    running = as_of <= dt.date(year, 12, 31)
    for line in lines if running else ():
        found = line_warnings([LineUse(line.label, line.budget, line.spent, line.committed)], thresholds)
        if found:
            by_line[line.pk] = found[0].message
            warnings.extend(found)
    progress = time_progress(
        min(as_of, dt.date(year, 12, 31)), year=year, basis=thresholds.time_progress_basis
    )
    for label, parts in (
        ("基本支出", [line for line in lines if line.fund_type != FundType.PROJECT]),
        ("项目支出", [line for line in lines if line.fund_type == FundType.PROJECT]),
    ):
        lag = lag_warning(
            label=label,
            spent=sum((line.spent for line in parts), ZERO),
            budget=sum((line.budget for line in parts), ZERO),
            time_progress=progress,
            thresholds=thresholds,
        )
        if lag is not None and as_of >= dt.date(year, 1, 1):
            warnings.append(lag)
    return warnings, by_line


# ---------------------------------------------------------------- 用款申请


def access_payment_request(*, user, id: int):
    from jixiao.apps.budgets.models import PaymentRequest

    request = (
        _visible(
            PaymentRequest.objects.select_related("department", "line", "line__project", "created_by"), user
        )
        .filter(pk=id)
        .first()
    )
    if request is None:
        raise Http404("没有找到该用款申请，或您无权查看。")
    return request


def payments_for(*, user, department: Department | None, year: int, state: str | None = None) -> QuerySet:
    from jixiao.apps.budgets.models import PaymentRequest

    requests = _visible(PaymentRequest.objects.filter(year=year), user).select_related(
        "department", "line", "line__project", "created_by"
    )
    if department is not None:
        requests = requests.filter(department=department)
    if state == "open":
        requests = requests.filter(state__in=["draft", "submitted", "approved"])
    elif state:
        requests = requests.filter(state=state)
    return requests


def payments_awaiting(*, user, year: int) -> QuerySet:
    """What this user is asked to act on: the head approves submitted requests (not their own);
    finance officers pay approved ones."""
    requests = payments_for(user=user, department=None, year=year)
    if user.role == "department_head":
        return requests.filter(state="submitted").exclude(created_by=user)
    if user.role == "finance_officer":
        return requests.filter(state="approved")
    return requests.none()
