"""Reads for the export tables and the import screens. Figures come from the ledger totals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from jixiao.apps.budgets.models import BudgetLine, Voucher
from jixiao.apps.budgets.selectors import budget_lines_for, execution_table, sangong_year
from jixiao.apps.exchange.models import ImportBatch
from jixiao.apps.orgs.models import Department
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.domain.classification import (
    FUND_TYPE_LABELS,
    FundType,
    economic_name,
    function_name,
    sangong_group_label,
    sangong_items,
)
from jixiao.domain.money import ZERO, ratio_percent, round_half_up
from jixiao.formats.exports import Column, Table

EXPORT_TABLES = {
    "execution": "预算执行情况表（按指标）",
    "function": "一般公共预算支出表",
    "economic": "一般公共预算基本支出表",
    "sangong": "一般公共预算“三公”经费支出表",
    "vouchers": "支出凭证清单",
}


def access_batch(*, user, id: int) -> ImportBatch:
    batch = (
        ImportBatch.objects.filter(department__in=departments_visible_to(user), pk=id)
        .select_related("department")
        .first()
    )
    if batch is None:
        raise Http404("没有找到该导入批次，或您无权查看。")
    return batch


def batches_for(*, department: Department, year: int) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(department=department, year=year).select_related("created_by")


def _meta(department: Department, year: int) -> list[str]:
    return [f"单位：{department.name}", f"年度：{year}"]


# ---------------------------------------------------------------- 预算执行情况（按指标）


EXECUTION_COLUMNS = [
    Column("支出性质", "text", 18),
    Column("功能分类", "code", 12),
    Column("功能分类名称", "text", 20),
    Column("项目编码", "code", 10),
    Column("项目名称", "text", 18),
    Column("经济分类", "code", 10),
    Column("经济分类名称", "text", 16),
    Column("指标名称", "text", 24),
    Column("指标文号", "text", 16),
    Column("年初预算", "money", 16),
    Column("追加追减", "money", 14),
    Column("调入", "money", 14),
    Column("调出", "money", 14),
    Column("调整后预算", "money", 16),
    Column("已支出", "money", 16),
    Column("可用余额", "money", 16),
    Column("执行率（%）", "percent", 10),
]


def execution_export(*, department: Department, year: int, unit: str = "元") -> Table:
    groups, total = execution_table(department=department, year=year)
    rows, bold = [], set()

    def money(balance) -> list:
        return [
            balance.allocated,
            balance.adjusted,
            balance.transferred_in,
            balance.transferred_out,
            balance.budget,
            balance.spent,
            balance.available,
            _rate(balance.spent, balance.budget),
        ]

    for group in groups:
        for row in group.rows:
            line: BudgetLine = row.line
            rows.append(
                [
                    FUND_TYPE_LABELS[line.fund],
                    line.func_code,
                    function_name(line.func_code) or "",
                    line.project.code if line.project_id else "",
                    line.project.name if line.project_id else "",
                    line.econ_code,
                    economic_name(line.econ_code) or "",
                    line.name,
                    line.doc_no,
                    *money(row.balance),
                ]
            )
        bold.add(len(rows))
        rows.append([group.subtotal.label, "", "", "", "", "", "", "", "", *money(group.subtotal.balance)])
    return Table(
        title=f"{department.name}{year}年度预算执行情况表",
        columns=EXECUTION_COLUMNS,
        rows=rows,
        unit=unit,
        meta=_meta(department, year),
        total=["合计", "", "", "", "", "", "", "", "", *money(total.balance)],
        bold_rows=bold,
        notes=["说明：小计、合计行不作为指标导入；“年初预算”列可作为预算指标重新导入。"],
    )


def _rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    rate = ratio_percent(numerator, denominator)
    return round_half_up(rate, 1) if rate is not None else None


# ---------------------------------------------------------------- 一般公共预算支出表（按功能分类）


def function_export(*, department: Department, year: int, unit: str = "元") -> Table:
    """By 功能分类 类/款/项; 基本支出 (人员/公用) and 项目支出 of the adjusted budget."""
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    position = {FundType.BASIC_PERSONNEL: 0, FundType.BASIC_PUBLIC: 1, FundType.PROJECT: 2}
    for line in budget_lines_for(department=department, year=year):
        for length in (3, 5, 7):
            sums[line.func_code[:length]][position[line.fund]] += line.budget
    rows, bold = [], set()
    for code in sorted(sums):
        personnel, public, project = sums[code]
        if len(code) < 7:
            bold.add(len(rows))
        rows.append(
            [
                code,
                function_name(code) or "",
                personnel + public + project,
                personnel + public,
                personnel,
                public,
                project,
            ]
        )
    totals = [sum((sums[c][i] for c in sums if len(c) == 3), ZERO) for i in range(3)]
    return Table(
        title=f"{department.name}{year}年度一般公共预算支出表",
        columns=[
            Column("科目编码", "code", 12),
            Column("科目名称", "text", 28),
            Column("合计", "money", 16),
            Column("小计", "money", 16, group="基本支出"),
            Column("人员经费", "money", 16, group="基本支出"),
            Column("公用经费", "money", 16, group="基本支出"),
            Column("项目支出", "money", 16),
        ],
        rows=rows,
        unit=unit,
        meta=_meta(department, year),
        total=["合计", "", sum(totals, ZERO), totals[0] + totals[1], totals[0], totals[1], totals[2]],
        bold_rows=bold,
        notes=["说明：金额为调整后预算数；类、款行为其下各项之和。"],
    )


# ---------------------------------------------------------------- 基本支出表（按经济分类）


def economic_export(*, department: Department, year: int, unit: str = "元") -> Table:
    """基本支出 actually spent, by 部门预算支出经济分类 类/款, split 人员经费 / 公用经费."""
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    spent = (
        Voucher.objects.filter(department=department, year=year)
        .exclude(fund_type=FundType.PROJECT.value)
        .values("econ_code", "fund_type")
        .annotate(total=Sum("amount"))
    )
    for row in spent:
        index = 0 if row["fund_type"] == FundType.BASIC_PERSONNEL.value else 1
        code = row["econ_code"]
        for length in {3, min(5, len(code))}:
            sums[code[:length]][index] += row["total"]
    rows, bold = [], set()
    for code in sorted(sums):
        personnel, public = sums[code]
        if len(code) == 3:
            bold.add(len(rows))
        rows.append([code, economic_name(code) or "", personnel + public, personnel, public])
    totals = [sum((sums[c][i] for c in sums if len(c) == 3), ZERO) for i in range(2)]
    return Table(
        title=f"{department.name}{year}年度一般公共预算基本支出表",
        columns=[
            Column("科目编码", "code", 12),
            Column("科目名称", "text", 28),
            Column("合计", "money", 16),
            Column("人员经费", "money", 16),
            Column("公用经费", "money", 16),
        ],
        rows=rows,
        unit=unit,
        meta=[*_meta(department, year), "口径：支出数（按经济分类）"],
        total=["合计", "", totals[0] + totals[1], totals[0], totals[1]],
        bold_rows=bold,
    )


# ---------------------------------------------------------------- 三公经费支出表


def sangong_export(*, department: Department, year: int, unit: str = "元") -> Table:
    """预算数 (the approved “三公” budget of each item), 本年支出数, 上年支出数, 增减额 and 增减率."""
    now = sangong_year(department=department, year=year)
    before = sangong_year(department=department, year=year - 1)
    items = sangong_items()
    vehicle = [i for i in items if i.group == "vehicle"]

    def budget(keys) -> Decimal:
        return sum((now.budget.get(k, ZERO) for k in keys), ZERO)

    def row(label: str, keys: list[str]) -> list:
        actual = sum((now.item(k) for k in keys), ZERO)
        previous = sum((before.item(k) for k in keys), ZERO)
        return [label, budget(keys), actual, previous, actual - previous, _rate(actual - previous, previous)]

    rows = []
    for item in items:
        if item.group == "vehicle":
            if item is vehicle[0]:
                rows.append(row(sangong_group_label("vehicle"), [i.key for i in vehicle]))
                for offset, member in enumerate(vehicle):
                    prefix = "　其中：" if offset == 0 else "　　　　"
                    rows.append(row(f"{prefix}{member.name}", [member.key]))
            continue
        rows.append(row(item.name, [item.key]))
    total = row("合计", [i.key for i in items])
    return Table(
        title=f"{department.name}{year}年度一般公共预算“三公”经费支出表",
        columns=[
            Column("项目", "text", 30),
            Column("预算数", "money", 16),
            Column(f"{year}年支出数", "money", 16),
            Column(f"{year - 1}年支出数", "money", 16),
            Column("比上年增减额", "money", 16),
            Column("增减率（%）", "percent", 12),
        ],
        rows=rows,
        unit=unit,
        meta=_meta(department, year),
        total=total,
        notes=[
            "说明：预算数为批复的“三公”经费预算（控制数）；支出数按经济分类"
            + "、".join(f"{i.code}{i.name}" for i in items)
            + "汇总；增减率以上年支出数为基数。"
        ],
    )


# ---------------------------------------------------------------- 凭证清单


VOUCHER_COLUMNS = [
    Column("日期", "date", 12),
    Column("凭证号", "text", 14),
    Column("摘要", "text", 36),
    Column("收款人", "text", 16),
    Column("功能分类", "code", 10),
    Column("经济分类", "code", 10),
    Column("经济分类名称", "text", 16),
    Column("支出性质", "text", 18),
    Column("项目编码", "code", 10),
    Column("项目名称", "text", 18),
    Column("金额", "money", 16),
]


def vouchers_filtered(
    *,
    department: Department,
    year: int,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    fund_type: str | None = None,
    econ_prefix: str | None = None,
    project_code: str | None = None,
    q: str | None = None,
) -> QuerySet[Voucher]:
    vouchers = Voucher.objects.filter(department=department, year=year).select_related("project")
    if date_from:
        vouchers = vouchers.filter(date__gte=date_from)
    if date_to:
        vouchers = vouchers.filter(date__lte=date_to)
    if fund_type:
        vouchers = vouchers.filter(fund_type=fund_type)
    if econ_prefix:
        vouchers = vouchers.filter(econ_code__startswith=econ_prefix)
    if project_code:
        vouchers = vouchers.filter(project__code=project_code)
    if q:
        vouchers = vouchers.filter(Q(summary__icontains=q) | Q(number__icontains=q) | Q(payee__icontains=q))
    return vouchers.order_by("date", "id")


def voucher_export(*, department: Department, year: int, unit: str = "元", **filters) -> Table:
    vouchers = vouchers_filtered(department=department, year=year, **filters)
    total = vouchers.aggregate(total=Sum("amount"))["total"] or ZERO
    labels = {ft.value: FUND_TYPE_LABELS[ft] for ft in FundType}

    def rows():
        for v in vouchers.iterator(chunk_size=5000):
            yield [
                v.date,
                v.number,
                v.summary,
                v.payee,
                v.func_code,
                v.econ_code,
                economic_name(v.econ_code) or "",
                labels.get(v.fund_type, v.fund_type),
                v.project.code if v.project_id else "",
                v.project.name if v.project_id else "",
                v.amount,
            ]

    shown = [f"{k}={v}" for k, v in filters.items() if v]
    return Table(
        title=f"{department.name}{year}年度支出凭证清单",
        columns=VOUCHER_COLUMNS,
        rows=rows(),
        unit=unit,
        meta=[*_meta(department, year), *(["筛选：" + "，".join(shown)] if shown else [])],
        total=["合计", "", "", "", "", "", "", "", "", "", total],
    )


EXPORTERS = {
    "execution": execution_export,
    "function": function_export,
    "economic": economic_export,
    "sangong": sangong_export,
    "vouchers": voucher_export,
}


def export_table(*, table: str, department: Department, year: int, unit: str = "元", **filters) -> Table:
    if table not in EXPORTERS:
        raise ValueError(f"unknown table {table}")
    if table == "vouchers":
        return voucher_export(department=department, year=year, unit=unit, **filters)
    return EXPORTERS[table](department=department, year=year, unit=unit)
