"""A 妇联's officer in a real browser: the goal, activity, monitoring and year-end pages speak the
妇联's words — its library, its outputs, its examples — and never a 科协's (no 科普, no 科协)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jixiao.apps.goals import selectors
from tests.apps.goals.typed import composed_goal, record_outputs, typed_department
from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORBIDDEN = ("科普", "科协")


@pytest.fixture
def fulian(bureau):
    department, officer = typed_department(bureau, "妇联", code="430482-FL", name="常宁市妇女联合会")
    goal, _line = composed_goal(officer, department)
    activities = record_outputs(officer, department)
    return department, officer, goal, activities


def _clean(page, name: str, shot) -> str:
    expect(page.locator("main")).to_be_visible()
    text = page.locator("body").inner_text()
    shot(page, name)
    for word in FORBIDDEN:
        assert word not in text, f"{name}页出现“{word}”"
    return text


def test_a_fulian_officers_goal_activity_monitoring_and_year_end_pages_have_no_kexie_words(
    browser_page, live_server, fulian, shot
):
    department, officer, goal, activities = fulian
    page = browser_page
    login(page, live_server, officer.username, PASSWORD)

    page.goto(f"{live_server.url}/goals/")
    _clean(page, "goal-list", shot)
    page.goto(f"{live_server.url}{goal.get_absolute_url()}")
    text = _clean(page, "goal-detail", shot)
    assert "巾帼宣讲场次" in text and "fulian-v1" in text
    page.goto(f"{live_server.url}/goals/indicators/")
    text = _clean(page, "indicator-library", shot)
    assert "妇女群众满意度" in text and "维权咨询接待人次" in text

    page.goto(f"{live_server.url}/goals/activities/")
    text = _clean(page, "activity-list", shot)
    assert "妇女维权专项行动" in text
    page.goto(f"{live_server.url}/goals/activities/new/")
    text = _clean(page, "activity-form", shot)
    assert "全年开展“巾帼大宣讲”20场次" in text
    page.locator("select[name='out-0-output_key']").select_option("维权咨询接待人次")
    page.goto(f"{live_server.url}{activities[0].get_absolute_url()}")
    _clean(page, "activity-detail", shot)

    page.goto(f"{live_server.url}/goals/monitoring/?as_of=2023-07-31")
    text = _clean(page, "monitoring", shot)
    assert "巾帼宣讲场次" in text

    page.goto(f"{live_server.url}/goals/{goal.pk}/actuals/")
    text = _clean(page, "year-end-actuals", shot)
    assert "系统计算" in text and "妇女群众满意度" in text
    page.goto(f"{live_server.url}/goals/{goal.pk}/completion/")
    _clean(page, "year-end-completion", shot)
    assert selectors.department_goal(department, 2023).pk == goal.pk
