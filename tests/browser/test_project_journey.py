"""A 专项 in a real browser: the officer applies and records the 论证, the head approves 立项
(confirming the consequence), the officer pays from the project's own line, sets the plan and
records an inspection at a milestone.

Written against tests/browser/conftest.py's interface: a ``browser_page`` fixture (Playwright
page at 1366×768) and ``live_server``; it uses ``login(page, live_server, username, password)``
from there when it exists, else logs in by putting a Django session cookie into the browser.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from jixiao.apps.budgets.models import BudgetLine, Voucher
from jixiao.apps.projects.models import Inspection, SpecialProject
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

try:  # the shared helper, when the browser conftest provides it
    from tests.browser.conftest import login as shared_login
except ImportError:  # pragma: no cover - depends on the shared conftest
    shared_login = None


def _cookie_login(page, live_server, user) -> None:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def log_in(page, live_server, user) -> None:
    if shared_login is not None:
        page.context.clear_cookies()
        shared_login(page, live_server, user.username, PASSWORD)
    else:
        _cookie_login(page, live_server, user)


@pytest.fixture
def journey_page(request):
    for name in ("browser_page", "page"):  # the shared conftest may call it ``page``
        try:
            return request.getfixturevalue(name)
        except pytest.FixtureLookupError:
            continue
    pytest.skip("BROWSER JOURNEY SKIPPED: tests/browser/conftest.py 尚未提供 browser_page 夹具")


def _submit(page, action: str) -> None:
    page.locator(f"form[action$='/{action}/'] button[type=submit]").click()


def test_apply_review_approve_pay_inspect(journey_page, live_server, officer, head, department):
    page = journey_page
    page.on("dialog", lambda dialog: dialog.accept())
    base = live_server.url

    # 申报 by the finance officer
    log_in(page, live_server, officer)
    page.goto(f"{base}/projects/apply/")
    page.fill("#id_year", "2024")
    page.fill("#id_name", "科普大篷车进校园")
    page.fill("#id_basis", "《全民科学素质行动规划纲要（2021—2035年）》")
    page.fill("#id_content", "科普大篷车进校园和下乡科普")
    page.fill("#id_amount", "50,000.00")
    page.fill("#id_goal_summary", "全年下乡科普30次以上")
    page.fill("#id_indicators", "下乡科普≥30次\n受益群众≥2万人次")
    page.fill("#id_applied_on", "2024-01-05")
    page.get_by_role("button", name="提交申报").click()
    expect(page.locator("#stage")).to_have_text("申报")
    special = SpecialProject.objects.get()

    # 论证: two expert opinions and the conclusion
    for name, score in (("刘教授", "88"), ("陈高工", "92")):
        page.locator("summary", has_text="录入专家论证意见").click()
        page.fill("#id_reviewer", name)
        page.fill("#id_score", score)
        page.select_option("#id_recommendation", "pass")
        page.fill("#id_opinion", "立项依据充分，指标可量化")
        page.fill("#id_reviewed_on", "2024-01-15")
        _submit(page, "review")
        expect(page.locator("#stage")).to_have_text("论证")
    page.locator("summary", has_text="作出论证结论").click()
    page.select_option("#id_conclusion", "pass")
    page.fill("#id_concluded_on", "2024-01-16")
    page.fill("#id_summary", "专家组同意立项")
    _submit(page, "conclude")
    expect(page.locator("#review-conclusion")).to_contain_text("论证结论：通过")
    # the officer is not offered 立项
    expect(page.locator("form[action$='/approve/']")).to_have_count(0)

    # 立项 by the head, confirming that lines are created and payment opens
    log_in(page, live_server, head)
    page.goto(f"{base}{special.get_absolute_url()}")
    page.fill("#id_doc_no", "常科协字〔2024〕5号")
    page.fill("#id_decided_on", "2024-02-01")
    expect(page.locator("#id_func_code")).to_have_value("")  # no project line yet: nothing to propose
    page.fill("#id_func_code", "2060702")
    page.fill("#id_amount", "50000")
    _submit(page, "approve")
    expect(page.locator("#stage")).to_have_text("立项")
    expect(page.get_by_text("可支付")).to_be_visible()
    line = BudgetLine.objects.get(project=special.project)
    assert line.budget == Decimal("50000.00")

    # pay from the project's own line
    log_in(page, live_server, officer)
    page.goto(f"{base}{special.get_absolute_url()}")
    page.locator("summary", has_text="登记支出").click()
    page.select_option("#id_line", str(line.pk))
    page.fill("#id_date", "2024-03-10")
    page.fill("#id_amount", "12,000.00")
    page.fill("#id_summary", "科普大篷车展品维护")
    page.fill("#id_econ_code", "30218")
    _submit(page, "pay")
    expect(page.get_by_text(re.compile(r"已登记支出，凭证号2024-\d+"))).to_be_visible()
    assert Voucher.objects.get().amount == Decimal("12000.00")

    # plan with a milestone, then inspect at it
    page.fill("#id_responsible_person", "科普股 刘股长")
    page.fill("#id_start", "2024-02-01")
    page.fill("#id_end", "2024-12-31")
    page.fill("#id_milestones", "2024-06-30 上半年下乡科普15次")
    _submit(page, "plan")
    expect(page.locator("#stage")).to_have_text("实施")
    page.locator("summary", has_text="登记督查记录").click()
    page.select_option("#id_milestone", label="上半年下乡科普15次")
    page.fill("#id_inspected_on", "2024-07-02")
    page.fill("#id_inspectors", "办公室 李会计")
    page.fill("#id_findings", "下乡台账缺2次活动照片")
    page.check("#id_needs_rectification")
    page.fill("#id_rectification_due", "2024-07-31")
    _submit(page, "inspect")
    expect(page.locator("#stage")).to_have_text("督查")
    expect(page.get_by_text("下乡台账缺2次活动照片")).to_be_visible()
    inspection = Inspection.objects.get()
    assert (inspection.milestone.name, inspection.is_closed) == ("上半年下乡科普15次", False)
    # the frame does not scroll sideways at 1366 px
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
