"""Reversal lines in a voucher import: of a voucher already in the ledger, all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.budgets.models import LedgerEntry, Voucher
from jixiao.apps.budgets.services import expenditure_post
from jixiao.apps.core.models import AuditEvent
from jixiao.apps.exchange.models import ImportStatus
from jixiao.apps.exchange.services import voucher_import
from jixiao.formats.tabular import write_csv
from tests.apps.exchange.helpers import HEADER, three_lines

REF_HEADER = [*HEADER, "收款人", "原凭证号"]


def test_a_refund_of_a_voucher_posted_before_the_import_reverses_it(officer, department, tmp_path):
    public, _, _ = three_lines(actor=officer, department=department)
    posted = expenditure_post(
        actor=officer,
        line=public,
        date=dt.date(2023, 3, 1),
        amount="500.00",
        summary="会议费",
        econ_code="30215",
        fund_type="basic_public",
        payee="样例宾馆",
        number="记-0031",
    )
    rows = [
        ["2023-04-02", "记-0040", "办公用品", "2012901", "30201", "", "80.00", "", "城东文具店", ""],
        [
            "2023-04-05",
            "记-0041",
            "会议费结余退回",
            "2012901",
            "30215",
            "",
            "",
            "120.00",
            "样例宾馆",
            "记-0031",
        ],
    ]
    outcome = voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "r.csv", [REF_HEADER, *rows]),
    )
    assert outcome.status == ImportStatus.IMPORTED, outcome.errors
    assert "红字冲销：1笔红字/退回分录冲销原凭证，合计−120.00元（其中1笔为部分退回）" in outcome.message
    reversal = Voucher.objects.get(reversal_of=posted)
    assert (reversal.number, reversal.amount) == ("记-0041", Decimal("-120.00"))
    public.refresh_from_db()
    assert public.spent == Decimal("460.00")  # 500 + 80 − 120
    assert LedgerEntry.objects.filter(line=public, kind="reversal").get().amount == Decimal("-120.00")
    event = AuditEvent.objects.get(action="voucher_import")
    assert event.after["reversals"] == [{"voucher": "记-0041", "reverses": "记-0031", "amount": "-120.00"}]


def test_a_reversal_that_matches_nothing_refuses_the_whole_batch(officer, department, tmp_path):
    three_lines(actor=officer, department=department)
    rows = [
        ["2023-04-02", "记-0040", "办公用品", "2012901", "30201", "", "80.00", "", "城东文具店", ""],
        ["2023-04-05", "记-0041", "退回", "2012901", "30201", "", "-80.00", "", "另一家店", ""],
    ]
    outcome = voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "r.csv", [REF_HEADER, *rows]),
    )
    assert outcome.status == ImportStatus.REFUSED
    [error] = outcome.errors
    assert error.row == 3 and error.column == "借方金额"
    assert "按金额80.00元和收款人“另一家店”查找" in error.message
    assert Voucher.objects.count() == 0 and LedgerEntry.objects.filter(kind="expenditure").count() == 0


def test_a_voucher_reversed_before_cannot_be_reversed_again_by_an_import(officer, department, tmp_path):
    three_lines(actor=officer, department=department)
    first = [["2023-04-02", "记-0040", "办公用品", "2012901", "30201", "", "80.00", "", "城东文具店", ""]]
    voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "a.csv", [REF_HEADER, *first]),
    )
    refund = ["2023-04-05", "记-0041", "退回", "2012901", "30201", "", "-80.00", "", "城东文具店", "记-0040"]
    outcome = voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "b.csv", [REF_HEADER, refund]),
    )
    assert outcome.status == ImportStatus.IMPORTED
    again = list(refund)
    again[1] = "记-0042"
    outcome = voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "c.csv", [REF_HEADER, again]),
    )
    assert outcome.status == ImportStatus.REFUSED
    assert "原凭证“记-0040”已经冲销过" in outcome.errors[0].message
