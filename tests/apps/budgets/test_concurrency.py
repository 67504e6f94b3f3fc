"""200 concurrent expenditures from 8 threads against one line (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections

from jixiao.apps.budgets import services
from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Voucher
from jixiao.domain.budget_control import BudgetExceeded
from tests.factories import make_line

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_concurrent_expenditures_never_overspend(officer, department):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency test runs on PostgreSQL (make test-pg)")
    line = make_line(actor=officer, department=department, amount="10000.00")
    amounts = [Decimal(100 + (i % 7) * 25) for i in range(200)]  # 100..250 元, total well above 10000

    def attempt(index: int) -> tuple[int, bool]:
        try:
            services.expenditure_post(
                actor=officer,
                line=line,
                date=dt.date(2023, 3, 1),
                amount=amounts[index],
                summary=f"并发支出{index}",
                econ_code="30201",
                fund_type="basic_public",
                number=f"C-{index:03d}",
            )
            return index, True
        except BudgetExceeded:
            return index, False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(200)))

    accepted = [i for i, ok in results if ok]
    refused = [i for i, ok in results if not ok]
    accepted_sum = sum((amounts[i] for i in accepted), Decimal(0))
    assert accepted and refused
    assert accepted_sum <= Decimal("10000.00")
    ledger_sum = sum(
        LedgerEntry.objects.filter(line=line, kind="expenditure").values_list("amount", flat=True), Decimal(0)
    )
    assert ledger_sum == accepted_sum
    line.refresh_from_db()
    assert line.spent == accepted_sum
    assert Voucher.objects.filter(number__in=[f"C-{i:03d}" for i in refused]).count() == 0
    assert Voucher.objects.filter(line=line).count() == len(accepted)
    assert BudgetLine.objects.get(pk=line.pk).available >= 0
