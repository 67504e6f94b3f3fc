"""Books for the web tests: two departments of one bureau, each with lines, a voucher and a 调剂."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets.models import BudgetLine, TransferRequest, Voucher
from jixiao.apps.budgets.services import expenditure_post, transfer_create
from tests.factories import make_line, make_project

YEAR = 2023


@dataclass
class Books:
    public: BudgetLine
    personnel: BudgetLine
    project_line: BudgetLine
    voucher: Voucher
    transfer: TransferRequest


def _books(actor, department) -> Books:
    public = make_line(
        actor=actor, department=department, fund_type="basic_public", econ_code="302", amount="10000.00"
    )
    personnel = make_line(
        actor=actor, department=department, fund_type="basic_personnel", econ_code="301", amount="50000.00"
    )
    project = make_project(actor=actor, department=department)
    project_line = make_line(
        actor=actor,
        department=department,
        fund_type="project",
        func_code="2060702",
        econ_code="302",
        amount="100000.00",
        project=project,
    )
    voucher = expenditure_post(
        actor=actor,
        line=public,
        date=dt.date(YEAR, 3, 5),
        amount=Decimal("1000.00"),
        summary="购买办公用品",
        econ_code="30201",
        fund_type="basic_public",
        payee="文具店",
    )
    transfer = transfer_create(
        actor=actor, source=personnel, target=public, amount=Decimal("2000.00"), reason="办公费不足"
    )
    return Books(public, personnel, project_line, voucher, transfer)


@pytest.fixture
def books(officer, department):
    return _books(officer, department)


@pytest.fixture
def other_books(other_officer, other_department):
    return _books(other_officer, other_department)


@pytest.fixture
def as_user(client):
    """Log a user in and choose the year 2023 (kept in the session like the 年度 switcher does)."""

    def login(user):
        client.force_login(user)
        client.get(reverse("home"), {"year": YEAR})
        return client

    return login
