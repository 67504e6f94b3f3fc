"""The named cast every test can use: one bureau, two departments, a user of each role."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from tests.factories import BureauFactory, DepartmentFactory, UserFactory, bureau_user

# The machines are shared and noisy: no test may fail because an example ran slowly.
settings.register_profile("jixiao", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jixiao")


@pytest.fixture
def bureau(db):
    return BureauFactory(code="CZJ-CN", name="常宁市财政局")


@pytest.fixture
def department(bureau):
    return DepartmentFactory(
        bureau=bureau, code="430482-KX", name="常宁市科学技术协会", department_type="科协"
    )


@pytest.fixture
def other_department(bureau):
    return DepartmentFactory(
        bureau=bureau, code="430482-WL", name="常宁市文化旅游广电体育局", department_type="文化旅游"
    )


@pytest.fixture
def officer(department):
    return UserFactory(username="officer", full_name="李会计", role="finance_officer", department=department)


@pytest.fixture
def head(department):
    return UserFactory(username="head", full_name="王主席", role="department_head", department=department)


@pytest.fixture
def other_officer(other_department):
    return UserFactory(
        username="other", full_name="张会计", role="finance_officer", department=other_department
    )


@pytest.fixture
def bureau_staff(bureau):
    return bureau_user(bureau, username="czj", full_name="赵科长")


@pytest.fixture
def auditor(bureau):
    return bureau_user(bureau, role="auditor", username="audit", full_name="审计员")
