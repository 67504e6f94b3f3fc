"""One table component for every list: sorting, 50 rows a page, totals of the filtered rows.

A list view describes its columns once (label, kind, how to sort, whether it is totalled or may be
hidden) and hands the filtered rows to ``Listing``. The rows may be a QuerySet (sorted, counted and
totalled in the database, in one aggregate query, so a page of a million-voucher ledger costs a
count-and-sum plus the 50 rows) or a list of already computed rows (sorted and totalled in Python).

The templates share the pieces (``core/table/*.html`` through the ``jixiao_table`` tags): the
header with sort links, the pinned 合计 row, the pager and the column chooser. Each list keeps its
own row template, because what a cell links to is the list's business.

The totals are always those of *every* filtered row, not of the page shown: a user who filters
by 指标 and month reads the month's total whatever page they are on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

PER_PAGE = 50
ZERO = Decimal("0.00")

# kinds whose cells never wrap and are right-aligned (numbers) or kept on one line (codes, dates)
NUMERIC_KINDS = {"money", "rate", "count"}
NOWRAP_KINDS = NUMERIC_KINDS | {"code", "date"}


@dataclass(frozen=True)
class Column:
    """One column. ``order`` is the database fields (QuerySet rows) it sorts by; ``value`` reads a
    row's figure for Python rows (sorting and totals). ``total`` marks a money/count column whose
    filtered rows are summed into the 合计 row; ``field`` is the database field summed."""

    key: str
    label: str
    kind: str = "text"  # text | code | date | money | rate | count | state
    order: tuple[str, ...] = ()
    value: Callable[[Any], Any] | None = None
    total: bool = False
    field: str = ""
    hideable: bool = False
    sortable: bool = True
    # the 合计 row's figure of a column that is not a plain sum (a rate: total spent ÷ total
    # budget), computed from every filtered row (Python rows only)
    foot: Callable[[list], Any] | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def nowrap(self) -> bool:
        return self.kind in NOWRAP_KINDS

    @property
    def css(self) -> str:
        return "num" if self.numeric else ("nowrap" if self.nowrap else "")

    @property
    def can_sort(self) -> bool:
        return self.sortable and bool(self.order or self.value)


@dataclass
class Listing:
    """A sorted, paged, totalled list of rows ready for the shared table templates."""

    columns: Sequence[Column]
    rows: list
    page: int
    pages: int
    count: int
    totals: dict[str, Decimal]
    sort: str
    per_page: int
    params: dict[str, str] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()
    table_id: str = "list"
    # False when the rows were counted only up to a limit (``count`` is then that limit, and the
    # last page is not known: the pager offers the next one while there is one)
    count_exact: bool = True

    @property
    def first_index(self) -> int:
        return 0 if not self.count else (self.page - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        return (self.page - 1) * self.per_page + len(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def count_text(self) -> str:
        return f"{self.count:,}" if self.count_exact else f"{self.count:,} 以上"

    @property
    def page_numbers(self) -> list[int | None]:
        """Pages to offer: the first, the last and two either side of the current (None = gap)."""
        wanted = {1, self.pages, *range(self.page - 2, self.page + 3)}
        shown: list[int | None] = []
        previous = 0
        for number in sorted(n for n in wanted if 1 <= n <= self.pages):
            if number - previous > 1:
                shown.append(None)
            shown.append(number)
            previous = number
        return shown

    @property
    def hideable(self) -> list[Column]:
        return [c for c in self.columns if c.hideable]

    @property
    def total_columns(self) -> list[Column]:
        return [c for c in self.columns if c.total]

    @property
    def has_totals(self) -> bool:
        return any(c.total or c.foot for c in self.columns)

    @property
    def leading_span(self) -> int:
        """How many columns the 合计 label spans: those before the first totalled column (a
        hideable one is never spanned, or hiding it would shift the row)."""
        for index, column in enumerate(self.columns):
            if column.total or column.foot or column.hideable:
                return max(index, 1)
        return len(self.columns)


def build_listing(
    request,
    rows: QuerySet | Sequence,
    columns: Sequence[Column],
    *,
    default_sort: str,
    per_page: int = PER_PAGE,
    tiebreak: tuple[str, ...] = ("id",),
    table_id: str = "list",
    hidden: Sequence[str] = (),
    known_totals: dict[str, Decimal] | None = None,
    count_limit: int = 10_000,
) -> Listing:
    """Sort by ``?sort=`` (a column key, ``-`` for descending), total every filtered row, cut page
    ``?page=``. An unknown sort key or page number falls back to the default / the nearest page.

    ``known_totals``: the totals of every filtered row when the caller has them without reading
    the rows (a ledger's running totals kept in the same transaction as its rows). Then the rows
    are counted only up to ``count_limit``, so a page of a million-row ledger reads no more than
    that many index entries; otherwise the count and the sums come from one aggregate query."""
    by_key = {c.key: c for c in columns}
    sort = request.GET.get("sort", default_sort)
    if sort.lstrip("-") not in by_key or not by_key[sort.lstrip("-")].can_sort:
        sort = default_sort
    column = by_key[sort.lstrip("-")]
    descending = sort.startswith("-")
    raw_page = request.GET.get("page", "1")
    page = int(raw_page) if raw_page.isdigit() and int(raw_page) > 0 else 1

    count_exact = True
    if isinstance(rows, QuerySet):
        order = [*(column.order or (column.key,)), *tiebreak]
        ordered = rows.order_by(*[f"-{f}" if descending else f for f in dict.fromkeys(order)])
        if known_totals is not None:
            totals = dict(known_totals)
            count = rows.order_by()[: count_limit + 1].count()
            count_exact = count <= count_limit
        else:
            summed = {c.key: Sum(c.field or c.key) for c in columns if c.total}
            found = rows.order_by().aggregate(_count=Count("pk"), **summed)
            count = found.pop("_count")
            totals = {key: (value if value is not None else ZERO) for key, value in found.items()}
        if count_exact:
            pages = max(1, -(-count // per_page))
            page = min(page, pages)
            start = (page - 1) * per_page
            shown = list(ordered[start : start + per_page])
        else:
            count = count_limit
            start = (page - 1) * per_page
            shown = list(ordered[start : start + per_page + 1])
            if not shown and page > 1:  # beyond the end: back to page 1 rather than an empty page
                page, start = 1, 0
                shown = list(ordered[: per_page + 1])
            pages = page + 1 if len(shown) > per_page else page
            shown = shown[:per_page]
    else:
        items = list(rows)
        count = len(items)
        totals = {
            c.key: sum((Decimal(c.value(row) or 0) for row in items), ZERO)
            for c in columns
            if c.total and c.value
        }
        for c in columns:
            if c.foot is not None:
                totals[c.key] = c.foot(items)
        if column.value is not None:
            present = [r for r in items if column.value(r) is not None]
            absent = [r for r in items if column.value(r) is None]
            present.sort(key=column.value, reverse=descending)
            items = present + absent  # rows without a figure (no budget yet) go last either way
        pages = max(1, -(-count // per_page))
        page = min(page, pages)
        start = (page - 1) * per_page
        shown = items[start : start + per_page]

    if "cols" in request.GET:  # the column chooser was used: what is not ticked is hidden
        ticked = set(request.GET.getlist("show"))
        hidden_keys = tuple(c.key for c in columns if c.hideable and c.key not in ticked)
    else:
        hidden_keys = tuple(k for k in hidden if k in by_key and by_key[k].hideable)
    return Listing(
        columns=list(columns),
        rows=shown,
        page=page,
        pages=pages,
        count=count,
        totals=totals,
        sort=sort,
        per_page=per_page,
        hidden=hidden_keys,
        table_id=table_id,
        count_exact=count_exact,
    )
