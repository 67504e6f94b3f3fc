"""The report tests' small department: two years of budget lines, one project, two profiles."""

from __future__ import annotations

import pytest

from tests.factories import ProfileFactory, make_line, make_project


@pytest.fixture
def ledger(department, officer):
    ProfileFactory(department=department, year=2022, staffing_quota=15, actual_staff=15)
    ProfileFactory(
        department=department,
        year=2023,
        staffing_quota=15,
        actual_staff=14,
        internal_units=[{"name": "办公室", "kind": "股室"}, {"name": "科普股", "kind": "股室"}],
    )
    for year, amount in ((2022, "1000000.00"), (2023, "1200000.00")):
        make_line(
            actor=officer,
            department=department,
            year=year,
            fund_type="basic_personnel",
            econ_code="301",
            amount=amount,
        )
        make_line(actor=officer, department=department, year=year, amount="300000.00")
    project = make_project(actor=officer, department=department, name="科普活动")
    make_line(actor=officer, department=department, fund_type="project", project=project, amount="440000.00")
    return department
