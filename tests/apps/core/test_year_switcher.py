"""The year switcher offers the years with data plus the current budget year; a new department
(no data yet) chooses its first year among the last few."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from tests.factories import ProfileFactory, make_line


def offered(client) -> list[int]:
    page = client.get(reverse("budgets:voucher-list")).content.decode()
    select = page[page.index('id="year-select"') : page.index("</select>", page.index('id="year-select"'))]
    return [int(y) for y in re.findall(r'<option value="(\d+)"', select)]


def test_a_new_department_can_choose_its_first_year(client, officer):
    this_year = timezone.localdate().year
    client.force_login(officer)
    years = offered(client)
    assert years == sorted(set(years))
    assert {this_year - 3, this_year - 2, this_year - 1, this_year} <= set(years)
    client.get(reverse("home") + f"?year={this_year - 2}")
    assert client.session["year"] == this_year - 2


def test_a_department_with_data_is_offered_its_years_and_the_budget_year(client, officer, department):
    this_year = timezone.localdate().year
    make_line(actor=officer, department=department, year=2019)
    ProfileFactory(department=department, year=2018)
    client.force_login(officer)
    client.get(reverse("home") + "?year=2019")
    years = offered(client)
    assert 2018 in years and 2019 in years and this_year in years
    assert 2017 not in years and 2020 not in years
