"""Concurrency on one budget line from 8 threads (PostgreSQL): expenditures, and commitments with
payments."""

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


@pytest.mark.django_db(transaction=True)
def test_concurrent_commitments_and_payments_never_overdraw_a_line(officer, head, department):
    """200 concurrent operations on one line from 8 workers: approvals reserve (预占), payments
    consume, cancellations release, plain expenditures spend. Committed + spent never exceeds the
    budget (a CHECK constraint holds it on every row write), the ledger equals what was accepted,
    and nothing refused left a row."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrency test runs on PostgreSQL (make test-pg)")
    from jixiao.apps.budgets import payments
    from jixiao.apps.budgets.models import Commitment, PaymentRequest

    budget = Decimal("10000.00")
    line = make_line(actor=officer, department=department, amount=str(budget))
    requests = []
    for i in range(100):
        request = payments.payment_request_create(
            actor=officer,
            line=line,
            amount=Decimal(150 + (i % 5) * 40),
            econ_code="30201",
            purpose=f"并发用款{i}",
        )
        requests.append(payments.payment_request_submit(actor=officer, request=request))
    spends = [Decimal(60 + (i % 7) * 30) for i in range(100)]

    def approve_then_pay(index: int) -> tuple[str, int, str]:
        request = requests[index]
        try:
            try:
                payments.payment_request_approve(actor=head, request=request)
            except BudgetExceeded:
                return "request", index, "refused"
            if index % 5 == 0:
                payments.payment_request_cancel(actor=officer, request=request, reason="并发取消")
                return "request", index, "cancelled"
            payments.payment_request_pay(actor=officer, request=request, date=dt.date(2023, 4, 1))
            return "request", index, "paid"
        finally:
            connections.close_all()

    def spend(index: int) -> tuple[str, int, str]:
        try:
            services.expenditure_post(
                actor=officer,
                line=line,
                date=dt.date(2023, 4, 2),
                amount=spends[index],
                summary=f"并发直接支出{index}",
                econ_code="30201",
                fund_type="basic_public",
                number=f"S-{index:03d}",
            )
            return "spend", index, "paid"
        except BudgetExceeded:
            return "spend", index, "refused"
        finally:
            connections.close_all()

    jobs = [(approve_then_pay, i) for i in range(100)] + [(spend, i) for i in range(100)]
    jobs = [job for pair in zip(jobs[:100], jobs[100:], strict=True) for job in pair]  # interleave
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: job[0](job[1]), jobs))

    outcome = {(kind, index): state for kind, index, state in results}
    paid_requests = [i for i in range(100) if outcome[("request", i)] == "paid"]
    cancelled = [i for i in range(100) if outcome[("request", i)] == "cancelled"]
    refused_requests = [i for i in range(100) if outcome[("request", i)] == "refused"]
    paid_spends = [i for i in range(100) if outcome[("spend", i)] == "paid"]
    refused_spends = [i for i in range(100) if outcome[("spend", i)] == "refused"]
    assert paid_requests and paid_spends and (refused_requests or refused_spends)

    accepted = sum((requests[i].amount for i in paid_requests), Decimal(0)) + sum(
        (spends[i] for i in paid_spends), Decimal(0)
    )
    line.refresh_from_db()
    assert line.spent == accepted
    assert line.committed == Decimal("0.00")  # every approved request was paid or cancelled
    assert line.spent + line.committed <= budget
    ledger = {
        kind: sum(
            LedgerEntry.objects.filter(line=line, kind=kind).values_list("amount", flat=True), Decimal(0)
        )
        for kind in ("expenditure", "commit", "release")
    }
    assert ledger["expenditure"] == accepted
    approved = paid_requests + cancelled
    assert ledger["commit"] == sum((requests[i].amount for i in approved), Decimal(0))
    assert ledger["commit"] + ledger["release"] == line.committed
    assert Voucher.objects.filter(line=line).count() == len(paid_requests) + len(paid_spends)
    # nothing refused left a row
    assert not Voucher.objects.filter(number__in=[f"S-{i:03d}" for i in refused_spends]).exists()
    refused_ids = [requests[i].pk for i in refused_requests]
    assert not Commitment.objects.filter(payment_request_id__in=refused_ids).exists()
    assert set(PaymentRequest.objects.filter(pk__in=refused_ids).values_list("state", flat=True)) <= {
        "submitted"
    }
    assert Commitment.objects.filter(line=line).count() == len(approved)
    assert LedgerEntry.objects.filter(line=line, kind="commit").count() == len(approved)
