"""Voucher imports: all or nothing, set-based budget control, idempotent, totals equal the ledger."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, SpendingSummary, Voucher
from jixiao.apps.budgets.selectors import ledger_sums_by_line
from jixiao.apps.core.models import AuditEvent
from jixiao.apps.exchange.models import HeaderMapping, ImportStatus
from jixiao.apps.exchange.services import voucher_import
from jixiao.formats.tabular import write_csv, write_xlsx
from tests.apps.exchange.helpers import HEADER, three_lines, voucher_rows


def _running_totals_equal_ledger(department, year=2023):
    sums = ledger_sums_by_line(department=department, year=year)
    for line in BudgetLine.objects.filter(department=department, year=year):
        by_kind = sums.get(line.pk, {})
        assert line.spent == by_kind.get("expenditure", Decimal("0")) + by_kind.get("reversal", Decimal("0"))
        assert line.allocated == by_kind.get("initial", Decimal("0"))


def test_a_valid_file_imports_every_row_in_one_audited_event(officer, department, tmp_path):
    public, _, _ = three_lines(actor=officer, department=department)
    path = write_csv(tmp_path / "v.csv", [HEADER, *voucher_rows(300)])
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.IMPORTED
    assert Voucher.objects.filter(department=department).count() == 300
    assert LedgerEntry.objects.filter(line=public, kind="expenditure").count() == 300
    public.refresh_from_db()
    assert public.spent == Decimal("3000.00")
    _running_totals_equal_ledger(department)
    assert AuditEvent.objects.filter(action="voucher_import").count() == 1
    assert "已导入300笔支出凭证，合计3,000.00元" in outcome.message


def test_ten_thousand_rows_with_five_bad_rows_report_exactly_those_five_and_write_nothing(
    officer, department, tmp_path
):
    three_lines(actor=officer, department=department)
    rows = [HEADER, *voucher_rows(10_000, amount="0.01")]
    bad = {101: (6, "1.234"), 2002: (0, "2023-02-30"), 5003: (4, "39999"), 7004: (2, ""), 9999: (6, "-3.00")}
    for row_number, (column, value) in bad.items():
        rows[row_number - 1][column] = value
    path = write_csv(tmp_path / "bad.csv", rows)
    before = (Voucher.objects.count(), LedgerEntry.objects.count())
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.REFUSED
    assert sorted(e.row for e in outcome.errors) == sorted(bad)
    assert {e.row: e.column for e in outcome.errors} == {
        101: "借方金额", 2002: "日期", 5003: "经济分类", 7004: "摘要", 9999: "借方金额",
    }  # fmt: skip
    assert (Voucher.objects.count(), LedgerEntry.objects.count()) == before
    assert BudgetLine.objects.aggregate(s=Sum("spent"))["s"] == Decimal("0.00")


def test_a_batch_whose_sum_exceeds_a_line_is_refused_even_when_each_row_fits(officer, department, tmp_path):
    three_lines(actor=officer, department=department)
    # 11 rows of 10,000.00 on a line with 100,000.00 available: each fits, the batch does not.
    path = write_csv(tmp_path / "over.csv", [HEADER, *voucher_rows(11, amount="10000.00")])
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.REFUSED
    assert len(outcome.errors) == 1
    assert outcome.errors[0].row == 12
    assert "超出10,000.00元" in outcome.errors[0].message
    assert Voucher.objects.count() == 0


def test_importing_the_same_file_twice_imports_nothing_the_second_time_and_says_so(
    officer, department, tmp_path
):
    three_lines(actor=officer, department=department)
    path = write_csv(tmp_path / "v.csv", [HEADER, *voucher_rows(20)])
    voucher_import(actor=officer, department=department, year=2023, file=path)
    again = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert again.status == ImportStatus.ALREADY
    assert "本次未导入任何数据" in again.message
    resaved = write_xlsx(tmp_path / "same-vouchers.xlsx", [HEADER, *voucher_rows(20)])
    third = voucher_import(actor=officer, department=department, year=2023, file=resaved)
    assert third.status == ImportStatus.ALREADY
    assert "已全部导入过" in third.message
    assert Voucher.objects.count() == 20


def test_a_file_partly_in_the_ledger_is_refused_naming_the_duplicates(officer, department, tmp_path):
    three_lines(actor=officer, department=department)
    voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "a.csv", [HEADER, *voucher_rows(5)]),
    )
    outcome = voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "b.csv", [HEADER, *voucher_rows(8)]),
    )
    assert outcome.status == ImportStatus.REFUSED
    assert [e.row for e in outcome.errors] == [2, 3, 4, 5, 6]
    assert Voucher.objects.count() == 5


def test_dry_run_previews_totals_per_line_and_writes_nothing(officer, department, tmp_path):
    public, _, project_line = three_lines(actor=officer, department=department)
    rows = [
        *voucher_rows(3, amount="100.00"),
        ["2023-05-01", "记-P1", "科普讲座", "2060702", "30201", "P01", "700.00", ""],
    ]
    outcome = voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "p.csv", [HEADER, *rows]),
        dry_run=True,
    )
    assert outcome.status == ImportStatus.PREVIEWED
    totals = {t["line_id"]: t for t in outcome.batch.totals}
    assert totals[public.pk]["amount"] == "300.00"
    assert totals[public.pk]["after"] == "99700.00"
    assert totals[project_line.pk]["amount"] == "700.00"
    assert Voucher.objects.count() == 0


def test_gbk_csv_from_chinese_excel_imports(officer, department, tmp_path):
    three_lines(actor=officer, department=department)
    path = write_csv(tmp_path / "gbk.csv", [["凭证序时簿"], HEADER, *voucher_rows(10)], encoding="gbk")
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.IMPORTED
    assert Voucher.objects.get(number="记-000003").summary == "办公用品3"


def test_header_mapping_is_saved_once_and_reused(officer, department, tmp_path):
    three_lines(actor=officer, department=department)
    odd = ["记账日", "单据号", "摘要", "功能分类", "经济分类", "项目编码", "支出额", "贷方金额"]
    first = write_csv(tmp_path / "odd1.csv", [odd, *voucher_rows(3)])
    refused = voucher_import(actor=officer, department=department, year=2023, file=first)
    assert refused.status == ImportStatus.REFUSED
    assert "缺少必需的列：日期、凭证号" in refused.message
    mapped = voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=first,
        mapping={"记账日": "date", "单据号": "voucher_no", "支出额": "debit"},
    )
    assert mapped.status == ImportStatus.IMPORTED
    assert HeaderMapping.objects.filter(department=department).count() == 3
    second = write_csv(tmp_path / "odd2.csv", [odd, *voucher_rows(4, start=100)])
    reused = voucher_import(actor=officer, department=department, year=2023, file=second)
    assert reused.status == ImportStatus.IMPORTED
    assert Voucher.objects.count() == 7


def test_cross_use_is_refused_per_row(officer, department, tmp_path):
    three_lines(actor=officer, department=department)
    header = [*HEADER, "指标名称"]
    rows = [
        [
            "2023-05-01",
            "记-X",
            "科普讲座",
            "2060702",
            "30201",
            "P01",
            "70.00",
            "",
            "基本支出-公用经费·302商品和服务支出",
        ]
    ]
    outcome = voucher_import(
        actor=officer, department=department, year=2023, file=write_csv(tmp_path / "x.csv", [header, *rows])
    )
    assert outcome.status == ImportStatus.REFUSED
    assert "不得串用资金" in outcome.errors[0].message


def test_rows_already_written_are_rolled_back_when_a_late_row_fails(officer, department, tmp_path):
    """Valid rows are inserted in chunks while the file is read; a bad row near the end (and a
    number repeated from the start) must still leave no voucher, ledger row or spent amount."""
    three_lines(actor=officer, department=department)
    rows = [HEADER, *voucher_rows(12_000, amount="1.00")]
    rows[11_000][0] = "2023-02-30"  # sheet row 11,001
    rows[11_500][1] = rows[2][1]  # sheet row 11,501 repeats the number of sheet row 3
    before = (Voucher.objects.count(), LedgerEntry.objects.count())
    outcome = voucher_import(
        actor=officer, department=department, year=2023, file=write_xlsx(tmp_path / "late.xlsx", rows)
    )
    assert outcome.status == ImportStatus.REFUSED
    assert [(e.row, e.column, e.message) for e in outcome.errors] == [
        (11_001, "日期", "“2023-02-30”不是有效日期（该日不存在）"),
        (11_501, "凭证号", "凭证号与第3行重复"),
    ]
    assert (Voucher.objects.count(), LedgerEntry.objects.count()) == before
    assert BudgetLine.objects.aggregate(s=Sum("spent"))["s"] == Decimal("0.00")


def test_repeated_numbers_within_a_file_are_all_named_in_a_dry_run_too(officer, department, tmp_path):
    three_lines(actor=officer, department=department)
    rows = [HEADER, *voucher_rows(6)]
    rows[4][1] = rows[6][1] = rows[1][1]  # rows 5 and 7 repeat row 2's number
    outcome = voucher_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "dup.csv", rows),
        dry_run=True,
    )
    assert outcome.status == ImportStatus.REFUSED
    assert [(e.row, e.message) for e in outcome.errors] == [
        (5, "凭证号与第2行重复"),
        (7, "凭证号与第2行重复"),
    ]


def test_on_postgresql_a_chunk_of_vouchers_is_one_insert_statement(officer, department, tmp_path):
    """The spending summary's statement-level trigger runs once per chunk, not once per voucher:
    a counting trigger of the same kind sees one INSERT statement for the whole file."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("语句级触发器只在 PostgreSQL 上")
    three_lines(actor=officer, department=department)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE voucher_statements (n integer)")
        cursor.execute(
            "CREATE FUNCTION pg_temp.count_voucher_statements() RETURNS trigger AS $$ "
            "BEGIN INSERT INTO voucher_statements VALUES (1); RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER count_voucher_statements AFTER INSERT ON budgets_voucher "
            "FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.count_voucher_statements()"
        )
    path = write_csv(tmp_path / "v.csv", [HEADER, *voucher_rows(250)])
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.IMPORTED
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM voucher_statements")
        statements = cursor.fetchone()[0]
        cursor.execute("DROP TRIGGER count_voucher_statements ON budgets_voucher")
    assert statements == 1
    summary = SpendingSummary.objects.get(department=department, year=2023, econ_code="30201")
    assert (summary.amount, summary.vouchers) == (Decimal("2500.00"), 250)
