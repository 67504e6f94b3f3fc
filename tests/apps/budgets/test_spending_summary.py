"""The spending summary (department, year, 经济分类) the database keeps with every voucher: it
follows postings and reversals on both engines, and stays equal to its ledger under concurrent
postings from several connections on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Count, Sum

from jixiao.apps.budgets import services
from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, SpendingSummary, Voucher
from tests.factories import make_line

pytestmark = pytest.mark.django_db


def summaries() -> dict[tuple, tuple[Decimal, int]]:
    return {
        (s.department_id, s.year, s.econ_code): (s.amount, s.vouchers) for s in SpendingSummary.objects.all()
    }


def voucher_sums() -> dict[tuple, tuple[Decimal, int]]:
    return {
        (row["department_id"], row["year"], row["econ_code"]): (row["total"], row["n"])
        for row in Voucher.objects.values("department_id", "year", "econ_code").annotate(
            total=Sum("amount"), n=Count("id")
        )
    }


def test_postings_and_reversals_move_the_summary_of_their_key(officer, department):
    line = make_line(actor=officer, department=department, amount="10000.00")
    first = services.expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(2023, 3, 1),
        amount=Decimal("120.50"),
        summary="公务接待",
        econ_code="30217",
        fund_type="basic_public",
    )
    services.expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(2023, 3, 2),
        amount=Decimal("79.50"),
        summary="公务接待",
        econ_code="30217",
        fund_type="basic_public",
    )
    services.expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(2023, 3, 3),
        amount=Decimal("10.00"),
        summary="办公用品",
        econ_code="30201",
        fund_type="basic_public",
    )
    assert summaries() == {
        (department.pk, 2023, "30217"): (Decimal("200.00"), 2),
        (department.pk, 2023, "30201"): (Decimal("10.00"), 1),
    }
    services.expenditure_reverse(actor=officer, voucher=first, date=dt.date(2023, 3, 4), reason="重复录入")
    assert summaries()[(department.pk, 2023, "30217")] == (Decimal("79.50"), 3)  # the red voucher counts
    assert summaries() == voucher_sums()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_postings_keep_every_summary_equal_to_its_ledger(
    officer, other_officer, department, other_department
):
    """200 postings (a fifth of them reversed later) from 8 threads on their own connections, over
    two departments, four lines and three 经济分类 shared by the lines of a department: then every summary row equals SUM over the
    vouchers, and every line's 已支出 equals SUM over its ledger."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrency test runs on PostgreSQL (make test-pg)")
    # Two lines of each department post to the same 经济分类, so the summary rows are written under
    # different line locks: only the summary's own upsert keeps them from losing an addition.
    lines = [
        make_line(actor=actor, department=dept, func_code=func, amount="1000000.00")
        for actor, dept in ((officer, department), (other_officer, other_department))
        for func in ("2012901", "2060702")
    ]
    codes = ("30201", "30217", "30211")

    def post(index: int) -> int:
        line = lines[index % 4]
        actor = officer if line.department_id == department.pk else other_officer
        try:
            voucher = services.expenditure_post(
                actor=actor,
                line=line,
                date=dt.date(2023, 1 + index % 12, 1 + index % 28),
                amount=Decimal(100 + index) + Decimal("0.25"),
                summary=f"并发支出{index}",
                econ_code=codes[index % 3],
                fund_type=line.fund_type,
                number=f"S-{index:03d}",
            )
            if index % 5 == 0:
                services.expenditure_reverse(
                    actor=actor, voucher=voucher, date=dt.date(2023, 12, 31), reason="并发冲销"
                )
            return voucher.pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        posted = list(pool.map(post, range(200)))

    assert len(set(posted)) == 200
    assert Voucher.objects.count() == 240  # 200 postings and 40 red reversals
    assert summaries() == voucher_sums()
    assert sum(n for _amount, n in summaries().values()) == 240
    for line in BudgetLine.objects.filter(pk__in=[line.pk for line in lines]):
        ledger = LedgerEntry.objects.filter(line=line, kind__in=["expenditure", "reversal"]).aggregate(
            total=Sum("amount")
        )["total"]
        assert line.spent == ledger
        assert line.spent == Voucher.objects.filter(line=line).aggregate(total=Sum("amount"))["total"]


def _summary_trigger_sql() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'budgets_spending_summary'"
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _import(officer, department, path):
    from jixiao.apps.exchange.services import voucher_import

    return voucher_import(actor=officer, department=department, year=2023, file=path)


def test_an_import_adds_its_vouchers_to_the_summary_and_later_postings_still_follow(
    officer, department, tmp_path
):
    """On SQLite the import suspends the row trigger inside its transaction and adds its vouchers
    in one grouped statement; the trigger is back afterwards, unchanged."""
    from jixiao.formats.tabular import write_csv
    from tests.apps.exchange.helpers import HEADER, three_lines, voucher_rows

    public, _, _ = three_lines(actor=officer, department=department)
    services.expenditure_post(
        actor=officer,
        line=public,
        date=dt.date(2023, 1, 5),
        amount=Decimal("5.00"),
        summary="办公用品",
        econ_code="30201",
        fund_type="basic_public",
    )
    trigger = _summary_trigger_sql() if connection.vendor == "sqlite" else None
    rows = [HEADER, *voucher_rows(1200, amount="10.01")]
    assert _import(officer, department, write_csv(tmp_path / "v.csv", rows)).status == "imported"
    assert summaries()[(department.pk, 2023, "30201")] == (Decimal("12017.00"), 1201)
    cents = {key: (total.quantize(Decimal("0.01")), n) for key, (total, n) in voucher_sums().items()}
    assert summaries() == cents  # SQLite sums its stored decimals in floating point
    if connection.vendor == "sqlite":
        assert _summary_trigger_sql() == trigger
    services.expenditure_post(
        actor=officer,
        line=public,
        date=dt.date(2023, 12, 5),
        amount=Decimal("3.00"),
        summary="办公用品",
        econ_code="30201",
        fund_type="basic_public",
    )
    assert summaries()[(department.pk, 2023, "30201")] == (Decimal("12020.00"), 1202)


def test_an_import_that_fails_after_writing_leaves_the_summary_and_its_trigger(
    officer, department, tmp_path, monkeypatch
):
    from jixiao.apps.exchange import services as exchange
    from jixiao.domain.errors import DomainError
    from jixiao.formats.tabular import write_csv
    from tests.apps.exchange.helpers import HEADER, three_lines, voucher_rows

    public, _, _ = three_lines(actor=officer, department=department)
    trigger = _summary_trigger_sql() if connection.vendor == "sqlite" else None

    def broken(self):
        raise DomainError("写入账簿失败（测试）")

    monkeypatch.setattr(exchange._VoucherWriter, "derive", broken)
    outcome = _import(officer, department, write_csv(tmp_path / "v.csv", [HEADER, *voucher_rows(50)]))
    assert outcome.status == "refused" and "写入账簿失败（测试）" in outcome.message
    assert Voucher.objects.count() == 0 and summaries() == {}
    if connection.vendor == "sqlite":
        assert _summary_trigger_sql() == trigger is not None
    monkeypatch.undo()
    services.expenditure_post(
        actor=officer,
        line=public,
        date=dt.date(2023, 2, 5),
        amount=Decimal("7.00"),
        summary="办公用品",
        econ_code="30201",
        fund_type="basic_public",
    )
    assert summaries() == {(department.pk, 2023, "30201"): (Decimal("7.00"), 1)}
