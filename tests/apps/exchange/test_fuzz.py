"""Hypothesis: random cells, types, encodings, truncated and corrupt files never raise an
unhandled exception and never leave partial data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Voucher
from jixiao.apps.exchange.models import ImportStatus
from jixiao.apps.exchange.services import budget_import, voucher_import
from jixiao.formats.tabular import write_csv, write_xlsx
from tests.apps.exchange.helpers import HEADER, three_lines, voucher_rows

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

cells = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        ["2023-03-01", "2012901", "30201", "P01", "记-1", "合计", "1,234.56", "-1", "12.345", "（1）"]
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=10), min_size=0, max_size=12)


def _state():
    return (
        Voucher.objects.count(),
        LedgerEntry.objects.count(),
        BudgetLine.objects.count(),
        sorted(BudgetLine.objects.values_list("spent", flat=True)),
    )


def _consistent(outcome, before):
    if outcome.status != ImportStatus.IMPORTED:
        assert _state() == before
    else:
        spent = sum(BudgetLine.objects.values_list("spent", flat=True), Decimal("0"))
        expenses = sum(
            LedgerEntry.objects.filter(kind="expenditure").values_list("amount", flat=True), Decimal("0")
        )
        assert spent == expenses


@FUZZ
@given(
    body=rows,
    header_first=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
)
def test_random_csv_cells_never_crash_and_never_write_partially(
    officer, department, tmp_path_factory, body, header_first, encoding
):
    if not BudgetLine.objects.exists():
        three_lines(actor=officer, department=department)
    data = [HEADER, *body] if header_first else body
    path = tmp_path_factory.mktemp("fz") / "f.csv"
    try:
        write_csv(path, [[str(c) if c is not None else "" for c in r] for r in data], encoding=encoding)
    except UnicodeEncodeError:
        return
    before = _state()
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    _consistent(outcome, before)


@FUZZ
@given(body=rows)
def test_random_xlsx_cells_of_every_type_never_crash(officer, department, tmp_path_factory, body):
    if not BudgetLine.objects.exists():
        three_lines(actor=officer, department=department)
    path = tmp_path_factory.mktemp("fx") / "f.xlsx"
    clean = [
        [c if not isinstance(c, str) else "".join(ch for ch in c if ch.isprintable()) for c in r]
        for r in body
    ]
    write_xlsx(path, [HEADER, *clean])
    before = _state()
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    _consistent(outcome, before)
    budget_outcome = budget_import(actor=officer, department=department, year=2023, file=path)
    assert budget_outcome.status in {ImportStatus.REFUSED, ImportStatus.IMPORTED, ImportStatus.ALREADY}


@FUZZ
@given(
    cut=st.integers(min_value=0, max_value=4000),
    flip=st.integers(min_value=0, max_value=255),
    kind=st.sampled_from(["csv", "xlsx"]),
)
def test_truncated_or_corrupted_files_are_refused_cleanly(
    officer, department, tmp_path_factory, cut, flip, kind
):
    _truncated_or_corrupted(officer, department, tmp_path_factory, cut, flip, kind)


def _truncated_or_corrupted(officer, department, tmp_path_factory, cut, flip, kind):
    if not BudgetLine.objects.exists():
        three_lines(actor=officer, department=department)
    folder = tmp_path_factory.mktemp("fc")
    source = [HEADER, *voucher_rows(40)]
    good = (
        write_csv(folder / "g.csv", source, encoding="gbk")
        if kind == "csv"
        else write_xlsx(folder / "g.xlsx", source)
    )
    data = bytearray(good.read_bytes()[: max(1, cut)])
    data[len(data) // 2] ^= flip
    broken = folder / f"broken.{kind}"
    broken.write_bytes(bytes(data))
    before = _state()
    outcome = voucher_import(actor=officer, department=department, year=2023, file=broken)
    assert outcome.status in {ImportStatus.REFUSED, ImportStatus.IMPORTED, ImportStatus.ALREADY}
    if outcome.status == ImportStatus.REFUSED:
        assert outcome.batch.errors, "a refusal always says why"
    _consistent(outcome, before)


def test_a_nul_character_in_a_cell_is_reported_and_stored_on_every_database(officer, department, tmp_path):
    """PostgreSQL refuses \\u0000 in text: the error report shows it as a visible symbol instead."""
    three_lines(actor=officer, department=department)
    rows = [HEADER, *voucher_rows(2)]
    rows[1] = list(rows[1])
    code_column = next(i for i, name in enumerate(HEADER) if "功能" in name)
    rows[1][code_column] = "\x00"
    path = tmp_path / "nul.csv"
    write_csv(path, [[str(c) for c in r] for r in rows], encoding="utf-8")
    before = _state()
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status != ImportStatus.IMPORTED
    assert _state() == before
    outcome.batch.refresh_from_db()
    assert outcome.batch.errors == [
        {"row": 2, "column": "功能分类", "message": "功能分类“␀”不是有效的7位项级科目"}
    ]


def test_control_characters_in_numbers_summaries_and_payees_are_refused_on_every_database(
    officer, department, tmp_path
):
    """PostgreSQL cannot store \\u0000: such cells are reported, never sent to the database."""
    three_lines(actor=officer, department=department)
    rows = [[*HEADER, "收款人"], *([*r, "文具店"] for r in voucher_rows(4))]
    rows[1][1] = "记-\x00001"
    rows[2][2] = "办公\x00用品"
    rows[3][8] = "文具\x00店"
    path = tmp_path / "nul.csv"
    write_csv(path, rows, encoding="utf-8")
    before = _state()
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.REFUSED
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "凭证号"), (3, "摘要"), (4, "收款人")]
    assert _state() == before
