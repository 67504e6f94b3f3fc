"""The bureau overview as a table component: the 合计 of the filtered departments, the 演示数据
label once, hideable columns, and the chart of 执行率 against 序时进度, laggards first."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets.models import BudgetLine

pytestmark = pytest.mark.django_db


def _foot(page: str) -> str:
    return page.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]


def _wan(cell: str, page: str) -> Decimal:
    return Decimal(re.search(rf'col-{cell}">([\d,.]+)<', _foot(page)).group(1).replace(",", ""))


def test_the_total_row_sums_the_filtered_departments_only(
    as_user, bureau_staff, books, other_books, department
):
    client = as_user(bureau_staff)
    url = reverse("oversight:overview")
    both = client.get(url).content.decode()
    one = client.get(url, {"q": "科学"}).content.decode()
    budget = {
        d: sum((line.budget for line in BudgetLine.objects.filter(department_id=d, year=2023)), Decimal(0))
        for d in (department.pk, other_books.public.department_id)
    }
    # 16万元 each (10,000 + 50,000 + 100,000 元); 合计 in 万元 with two decimals
    assert _wan("budget", one) == Decimal("16.00") == budget[department.pk] / 10000
    assert _wan("budget", both) == Decimal("32.00") == sum(budget.values()) / 10000
    assert "筛选后 1 行" in one and "筛选后 2 行" in both
    # the total 执行率 is total spent ÷ total budget: 2,000 / 320,000 = 0.6%
    assert re.search(r'col-rate_total">0.6%<', _foot(both))


def test_the_demo_label_is_said_once_and_rows_carry_a_marker(
    as_user, bureau_staff, books, other_books, department
):
    department.is_demo = True
    department.save(update_fields=["is_demo"])
    page = as_user(bureau_staff).get(reverse("oversight:overview")).content.decode()
    assert page.count('class="badge demo"') == 1
    assert page.count('class="demo-mark"') == 1
    assert "标 ※ 的单位为演示数据" in page


def test_three_columns_start_hidden_and_the_chooser_shows_them(as_user, bureau_staff, books):
    client = as_user(bureau_staff)
    page = client.get(reverse("oversight:overview")).content.decode()
    assert "#oversight-table>thead>tr>:nth-child(2)" in page  # 年初预算
    page = client.get(
        reverse("oversight:overview"), {"cols": 1, "show": ["initial", "budget", "spent"]}
    ).content.decode()
    assert "nth-child(2)" not in page and "#oversight-table>thead>tr>:nth-child(5)" in page  # 基本执行率


def test_the_chart_lists_every_department_with_its_status(as_user, bureau_staff, books, other_books):
    page = as_user(bureau_staff).get(reverse("oversight:overview")).content.decode()
    chart = page.split('id="department-chart-title"', 1)[1]
    assert "<svg" in chart
    # 2023 is over: 序时进度 100%, and 1,000 of 160,000 元 (0.6%) is far behind
    assert "序时进度 100.0%" in chart
    assert chart.count('class="status status-late">滞后<') == 2
