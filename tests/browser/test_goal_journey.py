"""The goal journey in a real browser: enter a vague target and see it refused (live, then on
submit), fix it, record an activity, and watch the indicator's progress move on the 双监控 page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jixiao.apps.goals import services
from jixiao.apps.goals.models import Goal, GoalState, WorkArea
from tests.apps.goals.conftest import good_indicators, good_tasks
from tests.browser.conftest import login
from tests.factories import PASSWORD, make_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(officer, department):
    make_line(actor=officer, department=department, amount="100000.00")
    WorkArea.objects.create(department=department, name="科普宣传", order=1)
    goal = services.goal_create(actor=officer, department=department, year=2023)
    return services.goal_save(
        actor=officer, goal=goal, duties="", overall_goal="", tasks=good_tasks(), indicators=good_indicators()
    )


def _progress_row(page):
    page.goto("/goals/monitoring/?as_of=2023-07-31")
    return page.locator("table.monitoring tbody tr", has_text="下乡科普场次")


def test_vague_target_refused_fixed_then_an_activity_moves_the_indicator(
    browser_page, live_server, officer, draft, shot
):
    page = browser_page
    login(page, live_server, officer.username, PASSWORD)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))

    # 1. enter a goal with a vague target
    page.goto(f"/goals/{draft.pk}/edit/")
    target = page.locator("input[name='ind-0-target']")
    target.fill("有效提高")
    # 2. see it refused: live, under the row and in the findings box …
    message = "三级指标“下乡科普场次”的指标值“有效提高”是模糊表述"
    expect(page.locator("tr[data-findings-for='1']")).to_contain_text(message)
    expect(page.locator("#findings-body")).to_contain_text(message)
    shot(page, "vague-target-live")
    # … and on submit, with nothing saved
    page.get_by_role("button", name="保存并提交").click()
    expect(page.locator(".refusal")).to_contain_text("三级指标“下乡科普场次”有错误，绩效目标不能提交")
    draft.refresh_from_db()
    assert draft.state == GoalState.DRAFT
    shot(page, "vague-target-refused")

    # 3. fix it
    page.locator("input[name='ind-0-target']").fill("≥24")
    expect(page.locator("#findings-body")).to_contain_text("未发现问题，可以提交")
    page.get_by_role("button", name="保存并提交").click()
    expect(page.locator(".messages")).to_contain_text("已提交并锁定")
    assert dialogs[-1] == "提交后绩效目标将锁定，不能再修改。确定提交？"
    assert Goal.objects.get(pk=draft.pk).state == GoalState.SUBMITTED

    row = _progress_row(page)
    expect(row).to_contain_text("0.0%")
    shot(page, "progress-before")

    # 4. record an activity
    page.goto("/goals/activities/new/")
    page.fill("#id_title", "科普大篷车下乡赶集科普")
    page.fill("#id_date", "2023-03-05")
    page.select_option("#id_area", label="科普宣传")
    page.select_option("#id_out-0-output_key", "下乡科普次数")
    page.fill("#id_out-0-quantity", "近10次")
    page.get_by_role("button", name="保存履职活动").click()
    expect(page.locator(".messages")).to_contain_text("已记录履职活动")
    expect(page.locator("table.data")).to_contain_text("近10次")

    # 5. watch the indicator's progress move
    row = _progress_row(page)
    expect(row).to_contain_text("41.7%")  # 10 of ≥24
    expect(row).to_contain_text("科普大篷车下乡赶集科普 近10次")
    shot(page, "progress-after")
