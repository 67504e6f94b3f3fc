"""A 妇联 with 3 staff, entered end to end through the services: both outlines are written for it
in its own words, pass the checker, and the report becomes final once the officer has done the
year-end work (issue 16: never tuned to the demo)."""

from __future__ import annotations

import pytest

from tests.apps.reports import fulian

pytestmark = pytest.mark.django_db


@pytest.fixture
def fulian_year(bureau):
    return fulian.build(bureau)


def test_the_fulian_report_is_a_draft_until_the_year_end_work_is_done_then_final(fulian_year):
    from jixiao.apps.reports.services import build_report

    department = fulian_year["department"]
    draft = build_report(department=department, year=2023)
    assert draft.is_draft
    assert any("尚未评分" in item for item in draft.draft)
    fulian.finish(fulian_year)
    final = build_report(department=department, year=2023)
    assert final.draft == ()
