"""The finance bureau's overview at 1366×768 with the goal, monitoring and score columns filled:
it ranks by goal completion, filters by grade, and drills down from a department's goal
completion to its 双监控 page and from its score to the submitted report."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jixiao.apps.oversight.services import report_submit, report_upload
from jixiao.formats.txt_writer import render_txt
from tests.apps.oversight.goal_sample import build_watched
from tests.apps.oversight.sample import review_report
from tests.browser.conftest import login
from tests.factories import PASSWORD, make_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTSIDE = "{name}2023年度部门整体支出绩效自评报告\n一、部门概况\n正文。\n二、自评结论\n自评得分86.5分，评价等级为“良”。\n"


def test_overview_shows_goal_completion_warnings_and_scores_and_drills_down(
    browser_page, live_server, shot, officer, other_officer, department, other_department, bureau_staff
):
    page = browser_page
    build_watched(officer, department)
    report = review_report()
    submitted = report_submit(
        actor=officer, department=department, year=2023, document=report, docx=b"", text=render_txt(report)
    )
    make_line(actor=other_officer, department=other_department, amount="80000.00")
    report_upload(
        actor=bureau_staff,
        department=other_department,
        year=2023,
        name="外部报告.txt",
        data=OUTSIDE.format(name=other_department.name).encode(),
    )

    login(page, live_server, bureau_staff.username, PASSWORD)
    page.goto(f"{live_server.url}/oversight/")
    table = page.locator("#oversight-table")
    ours = table.locator("tbody tr").filter(has_text=department.name)
    theirs = table.locator("tbody tr").filter(has_text=other_department.name)
    expect(ours).to_contain_text("75.0%（3/4）")
    expect(ours).to_contain_text("4条")
    expect(ours).to_contain_text("92 优（已提交）")
    expect(theirs).to_contain_text("未设定目标")
    expect(theirs).to_contain_text("86.5 良（上传报告所述）")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "overview-goals-and-scores")

    page.get_by_role("link", name="目标完成").click()
    expect(page).to_have_url(re.compile(r"sort=goal"))
    expect(table.locator("tbody tr").first).to_contain_text(department.name)

    page.get_by_label("自评等级").select_option("良")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"grade=%E8%89%AF"))
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr")).to_contain_text(other_department.name)
    shot(page, "overview-filtered-by-grade")

    page.goto(f"{live_server.url}/oversight/")
    ours.get_by_role("link", name="75.0%（3/4）").click()
    expect(page).to_have_url(
        re.compile(rf"/goals/monitoring/\?department={department.pk}&year=2023&as_of=2023-12-31")
    )
    expect(page.locator("main")).to_contain_text("预计无法完成")
    expect(page.locator("main")).to_contain_text("科普活动次数")
    shot(page, "drill-down-to-monitoring")

    page.goto(f"{live_server.url}/oversight/")
    ours.get_by_role("link", name="92 优（已提交）").click()
    expect(page).to_have_url(re.compile(rf"/oversight/reviews/{submitted.pk}/$"))
    shot(page, "drill-down-to-submission")
