"""The named cast every test can use: one bureau, two departments, a user of each role."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.factories import BureauFactory, DepartmentFactory, UserFactory, bureau_user

# The machines are shared and noisy: no test may fail because an example ran slowly.
settings.register_profile("jixiao", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jixiao")

# Fixtures through which a test reaches the database under test (DATABASE_URL).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL pass (``make test-pg``) runs the tests that use the database under test.

    The others — the pure domain and file-format tests, and the command-line tests that make a
    database of their own — do not depend on DATABASE_URL: they run, with the same code, in the
    SQLite pass of the same CI (``make test``), and are deselected here so that CI stays within
    its time. ``JIXIAO_PG_ALL_TESTS=1`` runs everything on PostgreSQL too.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")) or os.environ.get("JIXIAO_PG_ALL_TESTS"):
        return
    keep, drop = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") or item.get_closest_marker("postgres")
        if uses_database or DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            keep.append(item)
        else:
            drop.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


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
