"""The voucher list through the one table component: 50 rows a page, the 合计 of every filtered
row (not only the page's), amounts of single vouchers in 元, the 演示数据 label once a page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets.models import Voucher
from jixiao.apps.budgets.services import expenditure_post
from jixiao.domain.money import yuan_fixed

pytestmark = pytest.mark.django_db

YEAR = 2023


def _amounts(page: str) -> list[Decimal]:
    """The 金额（元） cells of the body rows, as Decimals."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        Decimal(v.replace(",", ""))
        for v in re.findall(r'<td class="num">(?:<span class="neg">)?(-?[\d,]+\.\d\d)', body)
    ]


def _total(page: str) -> Decimal:
    foot = page.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    return Decimal(
        re.search(r'col-amount">(?:<span class="neg">)?(-?[\d,]+\.\d\d)', foot).group(1).replace(",", "")
    )


@pytest.fixture
def many(books, officer):
    """120 more vouchers: 70 on the public line in May and June, 50 on the personnel line in July."""
    posted = []
    for n in range(120):
        line = books.public if n < 70 else books.personnel
        month = 5 + n % 2 if n < 70 else 7
        posted.append(
            expenditure_post(
                actor=officer,
                line=line,
                date=dt.date(YEAR, month, 1 + n % 28),
                amount=Decimal("12.34") + Decimal(n),
                summary=f"办公支出{n}",
                econ_code="30201" if line == books.public else "30101",
                fund_type=line.fund_type,
                payee="供应商",
            )
        )
    return posted


def test_a_page_has_fifty_rows_and_the_total_is_of_every_filtered_row(as_user, officer, books, many):
    client = as_user(officer)
    url = reverse("budgets:voucher-list")
    filtered = Voucher.objects.filter(line=books.public, year=YEAR)
    expected = sum((v.amount for v in filtered), Decimal(0))
    assert filtered.count() == 71  # the books' voucher and 70 more

    pages = [client.get(url, {"line": books.public.pk, "page": n}).content.decode() for n in (1, 2)]
    assert [len(_amounts(p)) for p in pages] == [50, 21]
    # every page shows the 合计 of all 71 filtered rows, and the rows of the two pages add up to it
    assert _total(pages[0]) == _total(pages[1]) == expected
    assert sum(_amounts(pages[0]) + _amounts(pages[1]), Decimal(0)) == expected
    assert "筛选后 71 行" in pages[0]


def test_the_month_filter_totals_only_that_month(as_user, officer, books, many):
    client = as_user(officer)
    page = client.get(reverse("budgets:voucher-list"), {"month": 6}).content.decode()
    june = Voucher.objects.filter(year=YEAR, date__month=6, department=books.public.department)
    assert _total(page) == sum((v.amount for v in june), Decimal(0))
    assert len(_amounts(page)) == june.count() == 35


def test_single_vouchers_are_in_yuan_and_the_total_row_is_pinned(as_user, officer, books):
    page = as_user(officer).get(reverse("budgets:voucher-list")).content.decode()
    assert "金额（元）" in page and "单位：元" in page
    assert yuan_fixed(Decimal("1000.00")) == "1,000.00"
    assert _amounts(page) == [Decimal("1000.00")]  # not 0.10 (万元)
    assert '<tr class="total pinned">' in page and "合计" in page


def test_sorting_by_amount_descending_puts_the_largest_first(as_user, officer, books, many):
    page = as_user(officer).get(reverse("budgets:voucher-list"), {"sort": "-amount"}).content.decode()
    amounts = _amounts(page)
    assert amounts == sorted(amounts, reverse=True)
    assert amounts[0] == Decimal("1000.00")  # the books' voucher beats 12.34 + 119


def test_the_demo_label_is_said_once_per_page(as_user, officer, department, books, many):
    department.is_demo = True
    department.save(update_fields=["is_demo"])
    page = as_user(officer).get(reverse("budgets:voucher-list")).content.decode()
    assert len(_amounts(page)) == 50
    assert page.count('class="badge demo"') == 1


def test_hidden_columns_are_chosen_in_the_url(as_user, officer, books):
    page = (
        as_user(officer)
        .get(reverse("budgets:voucher-list"), {"cols": 1, "show": ["econ", "line"]})
        .content.decode()
    )
    # 收款人 (4th) and 支出性质 (6th) are hidden, header and body alike; the 合计 cell by class
    assert "#vouchers&gt;thead" not in page  # the rule is not escaped
    assert "#vouchers>thead>tr>:nth-child(4)" in page and "#vouchers>tbody>tr>:nth-child(6)" in page
    assert "#vouchers>tfoot .col-payee" in page
    assert 'value="econ" checked' in page and 'value="payee">' in page


def test_a_reversal_is_in_the_rows_and_in_the_total(as_user, officer, books, many):
    from jixiao.apps.budgets.services import expenditure_reverse

    expenditure_reverse(actor=officer, voucher=many[0], date=dt.date(YEAR, 8, 1), reason="重复报销")
    page = (
        as_user(officer).get(reverse("budgets:voucher-list"), {"fund_type": "basic_public"}).content.decode()
    )
    rows = Voucher.objects.filter(line=books.public)
    assert rows.count() == 72
    # the 合计 (taken from the line's 已支出 for this filter) equals the sum of the rows, reversal included
    assert (
        _total(page)
        == sum((v.amount for v in rows), Decimal(0))
        == books.public.__class__.objects.get(pk=books.public.pk).spent
    )
    assert "-12.34" in page  # the reversal, in 元, with its minus sign


def test_the_home_chart_gives_each_line_its_rate_and_status(as_user, officer, books):
    page = as_user(officer).get(reverse("home")).content.decode()
    chart = page.split('id="line-chart-title"', 1)[1]
    assert "<svg" in chart and "序时进度 100.0%" in chart  # 2023 is over
    rows = re.findall(
        r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td><td class="status [^"]*">([^<]+)<', chart
    )
    # 1,000 of the public line's 10,000 元 spent; nothing on the other two: all far behind 100%
    assert (books.public.label, "10.0%", "滞后") in rows
    assert (books.personnel.label, "0.0%", "滞后") in rows
    assert len(rows) == 3
    # the totals of the home table sit in the pinned 合计 row
    assert '<tr class="total pinned">' in page
