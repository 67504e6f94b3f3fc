"""The table component on its own: paging, sorting and totals of Python rows and of QuerySets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import RequestFactory

from jixiao.apps.core.listing import Column, build_listing

COLUMNS = (
    Column("name", "名称", value=lambda r: r["name"]),
    Column("amount", "金额", kind="money", value=lambda r: r["amount"], total=True, hideable=True),
    Column(
        "rate",
        "比率",
        kind="rate",
        value=lambda r: r["rate"],
        foot=lambda rows: sum((r["amount"] for r in rows), Decimal(0)) / len(rows),
    ),
)
ROWS = [
    {
        "name": f"单位{n:03d}",
        "amount": Decimal(n) + Decimal("0.01"),
        "rate": None if n % 10 == 0 else Decimal(n),
    }
    for n in range(1, 121)
]


def _listing(**params):
    return build_listing(RequestFactory().get("/", params), ROWS, COLUMNS, default_sort="name")


def test_python_rows_are_paged_by_fifty_with_the_total_of_every_row():
    first, last = _listing(), _listing(page=3)
    assert (first.count, first.pages, len(first.rows), len(last.rows)) == (120, 3, 50, 20)
    assert first.totals["amount"] == last.totals["amount"] == Decimal("7261.20")  # 1+…+120 + 120×0.01
    assert (last.first_index, last.last_index) == (101, 120)


def test_a_page_beyond_the_last_shows_the_last_and_garbage_shows_the_first():
    assert _listing(page=99).page == 3
    assert _listing(page="x").page == 1


def test_rows_without_a_figure_sort_last_either_way():
    ascending = _listing(sort="rate").rows
    descending = _listing(sort="-rate").rows
    assert ascending[0]["rate"] == Decimal(1)
    assert descending[0]["rate"] == Decimal(119)
    tail = _listing(sort="-rate", page=3).rows
    assert all(r["rate"] is None for r in tail[-12:])


def test_an_unknown_sort_falls_back_to_the_default():
    assert _listing(sort="password").sort == "name"


def test_the_computed_foot_and_the_page_numbers():
    listing = _listing(page=2)
    assert listing.totals["rate"] == Decimal("7261.20") / 120
    assert listing.page_numbers == [1, 2, 3]
    many = build_listing(RequestFactory().get("/", {"page": 10}), ROWS * 10, COLUMNS, default_sort="name")
    assert many.page_numbers == [1, None, 8, 9, 10, 11, 12, None, 24]


def test_hideable_columns_follow_the_chooser_or_the_default():
    assert _listing(cols=1).hidden == ("amount",)
    assert _listing(cols=1, show="amount").hidden == ()
    default = build_listing(
        RequestFactory().get("/"), ROWS, COLUMNS, default_sort="name", hidden=("amount", "name")
    )
    assert default.hidden == ("amount",)  # 名称 is not hideable


@pytest.mark.django_db
def test_a_queryset_is_counted_and_totalled_in_the_database(books):
    from jixiao.apps.budgets.models import BudgetLine

    columns = (
        Column("id", "编号", order=("id",)),
        Column("allocated", "年初预算", kind="money", order=("allocated",), total=True),
    )
    lines = BudgetLine.objects.all()
    listing = build_listing(
        RequestFactory().get("/", {"sort": "-allocated"}), lines, columns, default_sort="id"
    )
    assert listing.count == 3
    assert listing.totals["allocated"] == Decimal("160000.00")
    assert [line.allocated for line in listing.rows] == [
        Decimal("100000.00"),
        Decimal("50000.00"),
        Decimal("10000.00"),
    ]


@pytest.mark.django_db
def test_known_totals_count_only_up_to_the_limit_and_page_on(books):
    from jixiao.apps.budgets.models import BudgetLine

    columns = (
        Column("id", "编号", order=("id",)),
        Column("allocated", "年初预算", kind="money", order=("allocated",), total=True),
    )
    known = {"allocated": Decimal("1.00")}

    def listing(**params):
        request = RequestFactory().get("/", params)
        return build_listing(
            request,
            BudgetLine.objects.all(),
            columns,
            default_sort="id",
            per_page=1,
            known_totals=known,
            count_limit=2,
        )

    first = listing()
    # three lines, counted up to two: the count says "2 以上", the totals are the ones given
    assert (first.count_exact, first.count_text, first.totals) == (False, "2 以上", known)
    assert (first.pages, first.has_next, len(first.rows)) == (2, True, 1)
    third = listing(page=3)
    assert (third.page, third.has_next, third.last_index) == (3, False, 3)
    assert listing(page=9).page == 1  # beyond the end: the first page, not an empty one
