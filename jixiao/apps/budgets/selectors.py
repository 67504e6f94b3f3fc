"""Reads of budgets, vouchers and 调剂, always filtered by what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from jixiao.apps.budgets.models import (
    BudgetLine,
    LedgerEntry,
    LedgerKind,
    ProcurementRecord,
    SanGongBudget,
    TransferRequest,
    TransferState,
    Voucher,
    YearSettlement,
)
from jixiao.apps.orgs.models import Department
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.domain.budget_control import LineBalance
from jixiao.domain.classification import (
    FUND_TYPE_LABELS,
    SANGONG_CODES,
    FundType,
    is_personnel_economic,
    sangong_items,
)
from jixiao.domain.figures import BudgetYear, SanGongYear
from jixiao.domain.money import ZERO, ratio_percent


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


def budget_lines_for(*, department: Department, year: int) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(department=department, year=year).select_related("project", "department")


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
        "line", "project"
    )
    if line_id:
        vouchers = vouchers.filter(line_id=line_id)
    if fund_type:
        vouchers = vouchers.filter(fund_type=fund_type)
    if econ_prefix:
        vouchers = vouchers.filter(econ_code__startswith=econ_prefix)
    if month:
        vouchers = vouchers.filter(date__month=month)
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
    totals = {k: ZERO for k in ("allocated", "adjusted", "transferred_in", "transferred_out", "spent")}
    for balance in balances:
        for key in totals:
            totals[key] += getattr(balance, key)
    return LineBalance(**totals)


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


def budget_year(*, department: Department, year: int) -> BudgetYear:
    """The year's budget figures in 元, split 人员 / 公用 / 项目, from the line totals."""
    sums = {ft: _sum_balances([]) for ft in FundType}
    for line in budget_lines_for(department=department, year=year):
        sums[line.fund] = _sum_balances([sums[line.fund], line.balance()])
    adjustments = list(
        LedgerEntry.objects.filter(line__department=department, line__year=year, kind=LedgerKind.ADJUSTMENT)
        .order_by("date", "id")
        .values_list("amount", "memo")
    )
    executed = TransferRequest.objects.filter(department=department, year=year, state=TransferState.EXECUTED)
    return BudgetYear(
        year=year,
        personnel=sums[FundType.BASIC_PERSONNEL],
        public=sums[FundType.BASIC_PUBLIC],
        project=sums[FundType.PROJECT],
        adjustment_memos=tuple(memo for _, memo in adjustments if memo),
        adjustment_increase=sum((a for a, _ in adjustments if a > 0), ZERO),
        adjustment_decrease=sum((-a for a, _ in adjustments if a < 0), ZERO),
        transfers_executed=executed.count(),
        transfers_amount=sum((t.amount for t in executed), ZERO),
    )


def sangong_year(*, department: Department, year: int) -> SanGongYear:
    """三公 actual spending (决算) per item, from the vouchers' 经济分类 codes."""
    rows = (
        Voucher.objects.filter(department=department, year=year)
        .filter(Q(*[Q(econ_code__startswith=code) for code in SANGONG_CODES], _connector=Q.OR))
        .values("econ_code")
        .annotate(total=Sum("amount"))
    )
    actual = {item.key: ZERO for item in sangong_items()}
    for row in rows:
        for item in sangong_items():
            if row["econ_code"].startswith(item.code):
                actual[item.key] += row["total"]
    budget = dict(
        SanGongBudget.objects.filter(department=department, year=year).values_list("item", "amount")
    )
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
        "line", "created_by", "cancelled_by"
    )


def procurement_actual(*, department: Department, year: int) -> Decimal | None:
    """实际政府采购金额: the contracts of the year that are not cancelled; None when none is registered."""
    records = procurement_records_for(department=department, year=year)
    if not records.exists():
        return None
    return records.filter(cancelled_at__isnull=True).aggregate(total=Sum("amount"))["total"] or ZERO


def settlement_figures(*, department: Department, year: int) -> SettlementFigures:
    """上年结转结余 and 政府采购预算 as entered; 年末结转结余 = 上年结转结余 + 调整后预算 − 决算支出
    (from the ledger); 实际政府采购金额 from the procurement records."""
    settlement = YearSettlement.objects.filter(department=department, year=year).first()
    actual = procurement_actual(department=department, year=year)
    if settlement is None:
        return SettlementFigures(None, None, None, actual)
    money = budget_year(department=department, year=year)
    end = settlement.carry_over_start + money.total_budget - money.total_spent
    return SettlementFigures(
        carry_over_start=settlement.carry_over_start,
        carry_over_end=end,
        procurement_budget=settlement.procurement_budget,
        procurement_actual=actual,
        source=settlement.source,
    )
