"""The database side of reading accounting exports: opening a voucher file through its export
layout, and the 红字冲销 of reversal lines found in it (jixiao/domain/import_layouts.py and
import_reversals.py hold the rules).

A reversal line names (or by amount and payee points at) an earlier voucher: one already in the
ledger, found here with a query, or one earlier in the same file, found by a second read of the
file that keeps only the vouchers some reversal could name. The reversal vouchers are written
after the batch's own vouchers, each as the 红字冲销 of its original (``Voucher.reversal_of``)
with a 红字冲销 ledger row, in the import's transaction: all or nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, LedgerKind, Project, Voucher
from jixiao.apps.exchange.models import ImportBatch
from jixiao.apps.orgs.models import Department
from jixiao.domain.import_layouts import VoucherExport
from jixiao.domain.import_reversals import (
    Original,
    ReversalCollector,
    ReversalPlan,
    match_reversals,
    number_key,
)
from jixiao.domain.imports import (
    HEADER_SCAN_ROWS,
    ImportRefused,
    Layout,
    RowError,
    ValidationResult,
    VoucherContext,
    VoucherValidator,
    detect_layout,
    missing_columns_message,
)
from jixiao.domain.money import yuan_fixed
from jixiao.formats.tabular import read_rows


def open_vouchers(
    path: Path, *, mapping: dict[str, str], year: int
) -> tuple[Layout, Iterator[tuple[int, list]], VoucherExport]:
    """The voucher layout of the file as its export writes it, and its canonical rows."""
    rows = read_rows(path)
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    export = VoucherExport(head, detect_layout(head, kind="vouchers", saved=mapping), year=year)
    layout = export.layout
    if layout.missing:
        raise ImportRefused(missing_columns_message(layout), missing=list(layout.missing))
    start = layout.data_start
    data = itertools.chain(head[start - 1 :], rows)
    return layout, export.rows(enumerate(data, start=start)), export


class _NoNumbers:
    """The second read needs no repeat check (the first read did it)."""

    def add(self, number: str, row: int) -> None:
        return None

    def duplicates(self):
        return iter(())


def _ledger_originals(department: Department, year: int, collector: ReversalCollector) -> list[Original]:
    """The ledger's vouchers that some reversal line could name (queried, never all loaded)."""
    query = Q()
    for reversal in collector.rows:
        if reversal.reference:
            key = number_key(reversal.reference)
            digits = str(key[2]) if isinstance(key, tuple) else key
            query |= Q(number__contains=digits)
        elif reversal.voucher.payee:
            query |= Q(amount=reversal.amount, payee=reversal.voucher.payee)
        else:
            query |= Q(amount=reversal.amount, line_id=reversal.voucher.line_id)
    if not query:
        return []
    vouchers = (
        Voucher.objects.filter(query, department=department, year=year, reversal_of__isnull=True)
        .select_related("line", "line__project", "reversed_by")
        .order_by("date", "id")
    )
    return [
        Original(
            number=v.number,
            date=v.date,
            amount=v.amount,
            payee=v.payee,
            line_id=v.line_id,
            line_label=v.line.label,
            voucher_id=v.pk,
            reversed=hasattr(v, "reversed_by"),
        )
        for v in vouchers
    ]


def _file_originals(
    collector: ReversalCollector,
    layout_rows: Callable[[], tuple[Layout, Iterator[tuple[int, list]]]],
    context: VoucherContext,
    labels: dict[int, str],
) -> list[Original]:
    """A second read of the file keeping only the vouchers a reversal could name."""
    if not collector.rows:
        return []
    layout, rows = layout_rows()
    validator = VoucherValidator(layout, context, numbers=_NoNumbers())
    last_row = max(r.row for r in collector.rows)
    found: list[Original] = []
    for number, cells in rows:
        if number >= last_row:
            break
        voucher = validator.row(number, cells)
        if voucher is not None and collector.wanted(voucher):
            found.append(
                Original(
                    number=voucher.number,
                    date=voucher.date,
                    amount=voucher.amount,
                    payee=voucher.payee,
                    line_id=voucher.line_id,
                    line_label=labels.get(voucher.line_id, ""),
                    row=voucher.row,
                )
            )
    return found


def match_import_reversals(
    *,
    department: Department,
    year: int,
    collector: ReversalCollector,
    result: ValidationResult,
    context: VoucherContext,
    reopen: Callable[[], tuple[Layout, Iterator[tuple[int, list]]]],
) -> list[ReversalPlan]:
    """Pair the file's reversal lines with their originals; an unmatched one is an error of the batch."""
    if not collector.rows:
        return []
    labels = {line.id: line.view.label for line in context.lines}
    originals = _ledger_originals(department, year, collector)
    originals += _file_originals(collector, reopen, context, labels)
    plans, problems = match_reversals(collector.rows, originals)
    for reversal, message in problems:
        result.add(RowError(reversal.row, reversal.column, message))
    result.errors.sort(key=lambda e: e.row or 0)
    if plans:
        amount = sum((p.reversal.amount for p in plans), Decimal("0.00"))
        partial = sum(1 for p in plans if p.partial)
        result.notes.append(
            f"红字冲销：{len(plans)}笔红字/退回分录冲销原凭证，合计−{yuan_fixed(amount)}元"
            + (f"（其中{partial}笔为部分退回）" if partial else "")
            + "；合计金额已扣除。"
        )
    return plans


def write_import_reversals(
    *, batch: ImportBatch, department: Department, year: int, plans: list[ReversalPlan], actor
) -> list[dict]:
    """Write each reversal as the 红字冲销 of its original (after the batch's vouchers are in)."""
    if not plans:
        return []
    in_file = [p.original.number for p in plans if p.original.voucher_id is None]
    by_number = dict(
        Voucher.objects.filter(department=department, year=year, number__in=in_file).values_list(
            "number", "pk"
        )
    )
    originals = Voucher.objects.in_bulk(
        [p.original.voucher_id or by_number[p.original.number] for p in plans]
    )
    lines = {
        line.pk: line
        for line in BudgetLine.objects.filter(pk__in={p.reversal.voucher.line_id for p in plans})
    }
    projects = dict(Project.objects.filter(department=department, year=year).values_list("code", "pk"))
    own = [p.reversal.voucher.number for p in plans if p.reversal.voucher.number]
    taken = set(
        Voucher.objects.filter(department=department, year=year, number__in=own).values_list(
            "number", flat=True
        )
    )
    created_by = actor if getattr(actor, "pk", None) else None
    now = timezone.now()
    written: list[dict] = []
    for plan in plans:
        original = originals[plan.original.voucher_id or by_number[plan.original.number]]
        row = plan.reversal.voucher
        number = row.number if row.number and row.number not in taken else f"{original.number}-冲"
        taken.add(number)
        refund = "部分退回" if plan.partial else "冲销"
        reversal = Voucher.objects.create(
            department=department,
            year=year,
            date=row.date,
            number=number[:40],
            summary=f"{refund}：{original.number} {row.summary}"[:255],
            payee=row.payee or original.payee,
            amount=row.amount,
            line=lines[row.line_id],
            func_code=row.func_code,
            econ_code=row.econ_code,
            fund_type=row.fund_type.value,
            project_id=projects.get(row.project_code) if row.project_code else None,
            reversal_of=original,
            created_by=created_by,
            created_at=now,
        )
        LedgerEntry.objects.create(
            line=lines[row.line_id],
            kind=LedgerKind.REVERSAL,
            amount=row.amount,
            date=row.date,
            voucher=reversal,
            memo=f"红字冲销（导入批次{batch.pk}）：{original.number}"[:255],
            created_by=created_by,
            created_at=now,
        )
        written.append({"voucher": reversal.number, "reverses": original.number, "amount": str(row.amount)})
    return written
