"""The 省/市财政厅（局） level: its overview (a row per bureau), the drill-down to a bureau, a department
and a voucher, and the 404 matrix extended to the province roles in both directions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from jixiao.apps.budgets.services import expenditure_post
from jixiao.apps.orgs.models import Province, Role
from jixiao.apps.orgs.selectors import departments_visible_to
from jixiao.apps.oversight.selectors import province_figures
from tests.apps.conftest import _books
from tests.apps.oversight.test_views import _object_urls, reviewed  # noqa: F401  (the fixture)
from tests.factories import BureauFactory, DepartmentFactory, UserFactory, bureau_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(bureau):
    """常宁's bureau under a province; the 404 matrix's department A belongs to it."""
    province = Province.objects.create(code="HN-CZT", name="湖南省财政厅")
    bureau.province = province
    bureau.save()
    return province


@pytest.fixture
def province_staff(province):
    return UserFactory(
        role=Role.PROVINCE_STAFF, province=province, department=None, bureau=None, username="sczt"
    )


@pytest.fixture
def province_auditor(province):
    return UserFactory(
        role=Role.PROVINCE_AUDITOR, province=province, department=None, bureau=None, username="ssj"
    )


@pytest.fixture
def elsewhere(db):
    """Another province with its own bureau, department, officer, bureau staff and province staff."""
    province = Province.objects.create(code="GD-CZT", name="广东省财政厅")
    bureau = BureauFactory(code="CZJ-SZ", name="深圳市财政局", province=province)
    department = DepartmentFactory(bureau=bureau, code="440300-KX", name="深圳市科学技术协会")
    officer = UserFactory(role="finance_officer", department=department, username="sz_officer")
    books = _books(officer, department)
    return {
        "province": province,
        "bureau": bureau,
        "department": department,
        "books": books,
        "officer": officer,
        "bureau_staff": bureau_user(bureau, username="sz_czj"),
        "province_staff": UserFactory(
            role=Role.PROVINCE_STAFF, province=province, department=None, bureau=None, username="gd_czt"
        ),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("home"), {"year": 2023})
    return client


@pytest.mark.parametrize("role", ["province_staff", "province_auditor"])
def test_province_users_reach_every_object_of_their_departments_and_nothing_outside(
    role,
    request,
    books,
    reviewed,  # noqa: F811
    elsewhere,
):
    client = _client(request.getfixturevalue(role))
    for name, url in _object_urls(books, reviewed).items():
        response = client.get(url)
        assert response.status_code in (200, 302), (name, response.status_code)
    theirs = elsewhere["books"]
    for name, url in {
        "budget line": reverse("budgets:line-detail", args=[theirs.public.pk]),
        "voucher": reverse("budgets:voucher-detail", args=[theirs.voucher.pk]),
        "transfer": reverse("budgets:transfer-detail", args=[theirs.transfer.pk]),
        "oversight department": reverse("oversight:department", args=[elsewhere["department"].pk]),
        "execution": reverse("budgets:department", args=[elsewhere["department"].pk]),
        "bureau overview": reverse("oversight:bureau", args=[elsewhere["bureau"].pk]),
        "voucher list": reverse("budgets:voucher-list") + f"?department={elsewhere['department'].pk}",
    }.items():
        assert client.get(url).status_code == 404, name


def test_the_other_province_and_its_bureau_see_nothing_of_ours(books, reviewed, elsewhere, bureau):  # noqa: F811
    for who in ("province_staff", "bureau_staff", "officer"):
        client = _client(elsewhere[who])
        for name, url in _object_urls(books, reviewed).items():
            assert client.get(url).status_code == 404, (who, name)
        assert client.get(reverse("oversight:bureau", args=[bureau.pk])).status_code == 404, who


def test_province_pages_are_404_below_the_province_and_bureaus_see_only_their_own(
    client_for, bureau, elsewhere, province
):
    for role in ("officer", "head", "bureau_staff", "auditor"):
        assert client_for(role).get(reverse("oversight:province")).status_code == 404, role
    for role in ("officer", "head"):
        assert client_for(role).get(reverse("oversight:bureau", args=[bureau.pk])).status_code == 404, role
    staff = client_for("bureau_staff")
    assert staff.get(reverse("oversight:bureau", args=[bureau.pk])).status_code == 200
    assert staff.get(reverse("oversight:bureau", args=[elsewhere["bureau"].pk])).status_code == 404
    anonymous = Client().get(reverse("oversight:province"))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")


@pytest.fixture
def client_for(request, as_user):
    def get(role: str) -> Client:
        return as_user(request.getfixturevalue(role))

    return get


def test_province_overview_has_a_row_per_bureau_with_its_departments_added_up(
    province_staff, province, bureau, books, other_books, elsewhere, officer
):
    second = BureauFactory(code="CZJ-LY", name="耒阳市财政局", province=province)
    lonely = DepartmentFactory(bureau=second, code="430481-KX", name="耒阳市科学技术协会")
    lonely_officer = UserFactory(role="finance_officer", department=lonely, username="ly")
    lonely_books = _books(lonely_officer, lonely)
    expenditure_post(
        actor=officer,
        line=books.public,
        date=dt.date(2023, 4, 1),
        amount=Decimal("300.00"),
        summary="公务接待",
        econ_code="30217",
        fund_type="basic_public",
    )

    rows = {r.name: r for r in province_figures(user=province_staff, year=2023, as_of=dt.date(2023, 6, 30))}

    assert set(rows) == {"常宁市财政局", "耒阳市财政局"}  # not 深圳 of the other province
    changning = rows["常宁市财政局"]
    assert changning.departments == 2
    assert changning.spent_total == Decimal("2300.00")  # 1000 + 300 (A) + 1000 (B)
    assert changning.budget_total == Decimal("320000.00")  # 160000 for each department
    assert changning.sangong_actual == Decimal("300.00")
    assert changning.sangong_over == 1  # department A has no 三公 budget
    assert rows["耒阳市财政局"].spent_total == lonely_books.voucher.amount
    assert rows["耒阳市财政局"].departments == 1

    client = _client(province_staff)
    page = client.get(reverse("oversight:province"), {"sort": "-spent"})
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("常宁市财政局") < text.index("耒阳市财政局") and "深圳市财政局" not in text
    ascending = client.get(reverse("oversight:province"), {"sort": "spent"}).content.decode()
    assert ascending.index("耒阳市财政局") < ascending.index("常宁市财政局")
    assert reverse("oversight:bureau", args=[second.pk]) in text
    drill = client.get(reverse("oversight:bureau", args=[bureau.pk]))
    assert drill.status_code == 200
    body = drill.content.decode()
    assert "常宁市科学技术协会" in body and "耒阳市科学技术协会" not in body and "各财政局概览" in body


def test_province_users_land_on_their_overview_and_write_nothing(province_staff, books):
    client = _client(province_staff)
    assert client.get(reverse("home")).url == reverse("oversight:province")
    assert client.get(reverse("oversight:overview")).url == reverse("oversight:province")
    refused = client.post(
        reverse("budgets:voucher-create"),
        {"line": books.public.pk, "date": "2023-05-01", "amount": "10.00", "summary": "省里录入"},
    )
    assert refused.status_code in (403, 404)
    assert set(departments_visible_to(province_staff)) == {books.public.department}


def test_a_province_role_needs_a_province_and_nothing_below_it(province, bureau):
    user = UserFactory.build(role=Role.PROVINCE_STAFF, province=None, bureau=None, department=None)
    with pytest.raises(ValidationError) as error:
        user.clean()
    assert "须选择所属财政厅（局）" in str(error.value)
    user = UserFactory.build(role=Role.PROVINCE_STAFF, province=province, bureau=bureau, department=None)
    with pytest.raises(ValidationError):
        user.clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role=Role.PROVINCE_AUDITOR, province=None, bureau=bureau, department=None, username="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role=Role.BUREAU_STAFF, province=province, bureau=bureau, department=None, username="y")


def test_no_page_of_the_navigation_fails_for_a_province_user(province_staff, books):
    """Whatever page a province user opens (by the menu of any role, or a typed address), the answer
    is a page, a redirect, a 403 or a 404: never a server error."""
    from jixiao.apps.core.navigation import NAVIGATION

    client = _client(province_staff)
    client.raise_request_exception = False
    failed = {}
    for group in NAVIGATION:
        for item in group.items:
            url = reverse(item.url_name)
            status = client.get(url).status_code
            if status not in (200, 302, 403, 404):
                failed[url] = status
    assert failed == {}
