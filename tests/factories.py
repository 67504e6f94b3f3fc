"""factory_boy factories; money as Decimal literals, never floats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau, Role, User

PASSWORD = "test-pass-123"


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinanceBureau
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"CZJ{n:03d}")
    name = factory.Sequence(lambda n: f"测试市财政局{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    bureau = factory.SubFactory(BureauFactory)
    code = factory.Sequence(lambda n: f"9{n:05d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentProfile

    department = factory.SubFactory(DepartmentFactory)
    year = 2023
    staffing_quota = 14
    actual_staff = 14
    retired = 4


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.FINANCE_OFFICER
    department = factory.SubFactory(DepartmentFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def bureau_user(bureau: FinanceBureau, role: str = Role.BUREAU_STAFF, **kwargs) -> User:
    return UserFactory(role=role, department=None, bureau=bureau, **kwargs)


def make_line(
    *,
    actor,
    department,
    year=2023,
    fund_type="basic_public",
    func_code="2012901",
    econ_code="302",
    amount="100000.00",
    project=None,
    name="",
):
    from jixiao.apps.budgets.services import budget_line_create

    return budget_line_create(
        actor=actor,
        department=department,
        year=year,
        func_code=func_code,
        fund_type=fund_type,
        econ_code=econ_code,
        initial_amount=Decimal(amount),
        date=dt.date(year, 1, 1),
        project=project,
        name=name,
    )


def make_project(*, actor, department, year=2023, code="P01", name="科普活动", is_key=True):
    from jixiao.apps.budgets.services import project_create

    return project_create(actor=actor, department=department, year=year, code=code, name=name, is_key=is_key)
