"""Issue 18's must-show journeys, one role after another, in Chromium at 1366×768.

A county 妇联 nobody modelled (tests/apps/reports/fulian.py, its whole 2023 entered through the
services the pages call) is the department, so no step leans on the demo 科协:

- the finance officer enters a 调剂 larger than the source line's available balance and is refused
  at creation, with the line's figures, and nothing is saved; two 调剂 within the balance are saved
  and submitted, then an expense leaves the second one's source short;
- the department head finds both in the 待办 inbox of the home page: the short one says
  "执行时将被拒绝，因为…" and offers no approval; the other one is approved;
- the auditor browses the pages of the navigation: every one answers, none offers a write button;
- the officer submits the year's report; the finance bureau returns it without choosing a
  paragraph, in its one comment box; the officer revises a paragraph and submits 第2版; the bureau
  accepts and publishes it; an anonymous visitor reads it on the public page (no iframe).

Every page of every journey must log no console error and no uncaught script error, and no page
may answer 403 or 5xx; each failure names the page it happened on.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from jixiao.apps.budgets.models import BudgetLine, TransferRequest, TransferState
from jixiao.apps.oversight.models import ReportSubmission
from tests.apps.reports import fulian
from tests.browser.test_budget_journey import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Watch:
    """Everything that went wrong in the browser during one journey, each with its page."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}：脚本错误 {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url") if message.location else ""
            self.problems.append(f"{self.page.url}：控制台错误 {message.text}（{where}）")

    def _response(self, response) -> None:
        if response.request.resource_type == "document" and (
            response.status == 403 or response.status >= 500
        ):
            self.problems.append(f"{response.url}：HTTP {response.status}")

    def assert_clean(self) -> None:
        assert self.problems == [], "\n".join(self.problems)


def _no_horizontal_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


@pytest.fixture
def fl(bureau):
    """The 妇联's 2023, its report generated but not yet finished."""
    return fulian.build(bureau)


def _line(built, fund_type):
    return BudgetLine.objects.get(department=built["department"], year=2023, fund_type=fund_type)


def test_officer_is_refused_an_over_budget_transfer_head_approves_from_the_inbox_auditor_only_reads(
    page, shot, fl, bureau, auditor
):
    watch = Watch(page)
    officer, head = fl["officer"], fl["head"]
    personnel, public = _line(fl, "basic_personnel"), _line(fl, "basic_public")
    # 公用经费: 55,000.00 − 54,300.00 spent = 700.00 left; 人员经费: 412,000.00 − 411,200.00 = 800.00.

    # 1. The officer asks for 5,000元 from a line with 700元 left: refused at creation, nothing saved.
    log_in(page, officer.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("2023年度 预算执行情况")
    shot(page, "officer-home")
    page.get_by_role("link", name="预算调剂").first.click()
    page.get_by_role("link", name="新建调剂申请").click()
    page.select_option("[name=source]", str(public.pk))
    page.select_option("[name=target]", str(personnel.pk))
    expect(page.locator("#approval-note")).to_contain_text("只需部门负责人批准")
    page.fill("[name=amount]", "5,000.00")
    page.fill("[name=reason]", "年底工资差额，从公用经费调剂。")
    page.get_by_role("button", name="保存调剂申请").click()
    refusal = page.locator("section.refusal")
    expect(refusal).to_contain_text("未保存任何数据")
    figures = refusal.locator("table.figures")
    expect(figures).to_contain_text("55,000.00")  # 年初预算
    expect(figures).to_contain_text("54,300.00")  # 已支出
    expect(figures).to_contain_text("700.00")  # 可用余额
    expect(figures).to_contain_text("5,000.00")  # 本次金额
    expect(page.locator("[name=amount]")).to_have_value("5,000.00")  # what was typed is kept
    _no_horizontal_scroll(page)
    shot(page, "officer-transfer-refused-at-creation")
    assert not TransferRequest.objects.exists()

    # 2. Within the balance two 调剂 are saved and submitted: 600元 of 人员经费's 800元 to 公用经费,
    # and 300元 of 公用经费's 700元 the other way.
    def new_transfer(source, target, amount: str, reason: str) -> TransferRequest:
        page.get_by_role("link", name="预算调剂").first.click()
        page.get_by_role("link", name="新建调剂申请").click()
        page.select_option("[name=source]", str(source.pk))
        page.select_option("[name=target]", str(target.pk))
        page.fill("[name=amount]", amount)
        page.fill("[name=reason]", reason)
        page.get_by_role("button", name="保存调剂申请").click()
        expect(page.locator(".messages")).to_contain_text("（草稿）")
        submit = page.locator("form.action-submit")
        submit.get_by_label("我已确认").check()
        submit.get_by_role("button", name="提交").click()
        expect(page.locator(".messages")).to_contain_text("已提交")
        return TransferRequest.objects.latest("pk")

    transfer = new_transfer(
        personnel, public, "600", "打印纸和硒鼓集中采购，公用经费不足，从人员经费结余调剂。"
    )
    shot(page, "officer-transfer-submitted")
    short = new_transfer(public, personnel, "300", "补发年末加班补助。")
    assert TransferRequest.objects.count() == 2

    # ... then pays 500元 from 公用经费, which leaves it 200元: the second 调剂 can no longer be paid.
    page.get_by_role("link", name="支出录入").click()
    page.select_option("[name=line]", str(public.pk))
    page.fill("[name=date]", "2023-12-20")
    page.fill("[name=summary]", "购买会议用纸")
    page.fill("[name=payee]", "常宁市文具商店")
    page.fill("[name=amount]", "500.00")
    page.select_option("[name=econ_code]", "30201")
    page.get_by_role("button", name="记账").click()
    expect(page.locator(".messages")).to_contain_text("已记账")
    shot(page, "officer-expense-paid")
    log_out(page)

    # 3. The head finds both at the top of the home page, with the count in the navigation.
    log_in(page, head.username)
    inbox = page.locator("section.inbox")
    expect(inbox).to_contain_text(transfer.number)
    expect(inbox).to_contain_text(short.number)
    expect(page.locator(".sidenav .badge.count")).to_contain_text("待办 2")
    expect(page.locator(".sidenav")).not_to_contain_text("支出录入")
    _no_horizontal_scroll(page)
    shot(page, "head-home-inbox")

    # The one its source can no longer pay is shown as refused before any click, with the figures.
    inbox.get_by_role("link", name=re.compile(short.number)).first.click()
    expect(page.locator("main")).to_contain_text("执行时将被拒绝，因为调出指标")
    expect(page.locator("main")).to_contain_text("可用余额200.00元")
    expect(page.locator("form.action-approve_head")).to_have_count(0)
    shot(page, "head-sees-transfer-would-be-refused")
    short.refresh_from_db()
    assert short.state == TransferState.SUBMITTED

    # The other one is approved.
    page.goto("/")
    inbox.get_by_role("link", name=re.compile(transfer.number)).first.click()
    expect(page.locator(".state-banner")).to_contain_text("等待本单位部门负责人办理")
    approve = page.locator("form.action-approve_head")
    approve.get_by_label("我已确认").check()
    approve.get_by_role("button", name="部门负责人批准").click()
    expect(page.locator(".messages")).to_contain_text("部门负责人批准完成")
    expect(page.locator(".state-banner")).to_contain_text("办理“执行调剂”")
    shot(page, "head-transfer-approved")
    transfer.refresh_from_db()
    assert transfer.state == TransferState.HEAD_APPROVED
    page.goto("/")
    # approved, it waits only for 执行调剂 (which the head may also do), no longer for approval
    row = page.locator("section.inbox tr").filter(has_text=transfer.number)
    expect(row).to_contain_text("部门负责人已批准")
    expect(row).to_contain_text("执行调剂")
    shot(page, "head-inbox-after-approval")
    log_out(page)

    # 4. The auditor follows every link of the navigation: each page answers, none offers a write.
    log_in(page, auditor.username)
    shot(page, "auditor-home")
    links = page.locator(".sidenav a")
    targets = []
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        if href and href.startswith("/") and href not in targets:
            targets.append(href)
    assert len(targets) >= 3, targets
    writable = []
    for href in targets:
        page.goto(href)
        writable += _read_only(page)
    # the department's pages, reached by clicks, and the approved transfer
    page.goto("/")
    page.get_by_role("link", name=fulian.NAME).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2023年度 预算执行情况")
    writable += _read_only(page)
    shot(page, "auditor-department-home")
    page.get_by_role("link", name="预算调剂").first.click()
    page.get_by_role("link", name=transfer.number).click()
    expect(page.locator(".state-banner")).to_contain_text("执行调剂")
    expect(page.locator("form.action-execute")).to_have_count(0)
    writable += _read_only(page)
    shot(page, "auditor-transfer-read-only")
    page.get_by_role("link", name="自评与报告").first.click()
    writable += _read_only(page)
    shot(page, "auditor-report-list")
    assert writable == [], "\n".join(writable)
    watch.assert_clean()


# POST forms an auditor may use, for they touch no department's books: 报告体检 checks uploaded
# files and saves nothing; 修改密码 is the auditor's own account.
AUDITOR_MAY_POST = ("/checks/", "/password/")


def _read_only(page) -> list[str]:
    """What on this page would let the auditor write, or refuses the auditor (the logout and the
    年度 switcher sit outside main)."""
    expect(page.locator("main")).to_be_visible()
    found = []
    writes = page.locator(
        "main form[method=post] button, main form[method=post] input[type=submit],"
        " main form[method=POST] button, main form[method=POST] input[type=submit]"
    )
    if not urlsplit(page.url).path.startswith(AUDITOR_MAY_POST):
        found += [f"{page.url}：写操作按钮“{writes.nth(i).inner_text()}”" for i in range(writes.count())]
    text = page.locator("main").inner_text()
    found += [f"{page.url}：{word}" for word in ("无权操作", "无权进行该操作", "无权查看") if word in text]
    return found


def test_report_submitted_returned_without_a_paragraph_revised_published_and_read_publicly(
    page, live_server, shot, fl, bureau_staff
):
    watch = Watch(page)
    officer, draft = fl["officer"], fl["draft"]
    fulian.finish(fl)  # the year-end scoring, explanations and confirmed problems

    # 1. The officer submits 第1版 from the report page.
    log_in(page, officer.username)
    page.get_by_role("link", name="自评与报告").first.click()
    page.get_by_role("link", name=re.compile(fulian.NAME)).first.click()
    status = page.locator("#report-status")
    expect(status).to_contain_text("第1版编辑中，尚未提交财政局")
    expect(page.locator("p.note")).to_contain_text("可以作为正式报告提交")
    shot(page, "officer-report-ready")
    submit = page.locator("#submit-form")
    submit.get_by_role("checkbox").check()
    submit.get_by_role("button", name="提交财政局审核（第1版）").click()
    expect(status).to_contain_text("已提交财政局审核（第1版），等待财政局审核")
    expect(page.locator("#submit-form")).to_have_count(0)
    expect(page.get_by_label(re.compile("^修改"))).to_have_count(0)
    _no_horizontal_scroll(page)
    shot(page, "officer-submitted-v1")
    first = ReportSubmission.objects.get()
    log_out(page)

    # 2. The bureau finds it in its inbox and returns it with one comment, on no paragraph.
    log_in(page, bureau_staff.username)
    inbox = page.locator("section.inbox")
    expect(inbox).to_contain_text(fulian.NAME)
    shot(page, "bureau-home-inbox")
    page.goto(f"/oversight/reviews/{first.pk}/")
    expect(page.locator("#review-status")).to_contain_text("已提交财政局审核（第1版）")
    expect(page.locator("textarea")).to_have_count(1)  # one comment box
    paragraph = page.get_by_label("针对段落（可不选）")
    expect(paragraph).to_have_value("")  # the default: the whole report
    page.get_by_label("审核意见（单位可见）").fill("“资产管理情况”请写明年末资产清查的结果。")
    shot(page, "bureau-review-v1")
    page.locator("#do-return").click()
    expect(page.locator(".messages")).to_contain_text("已退回第1版")
    expect(page.locator("#state")).to_have_text("已退回修改")
    shot(page, "bureau-returned-v1")
    log_out(page)

    # 3. The officer reads the reason, revises a paragraph and submits 第2版.
    log_in(page, officer.username)
    page.goto(draft.get_absolute_url())
    expect(status).to_contain_text("第2版编辑中，尚未提交财政局；已退回（第1版）")
    expect(page.locator("#return-heading")).to_have_text("财政局的退回意见（第1版）")
    expect(page.locator("section[aria-labelledby=return-heading]")).to_contain_text(
        "整篇报告：“资产管理情况”请写明年末资产清查的结果。"
    )
    shot(page, "officer-reads-return")
    page.get_by_label("修改资产管理情况（制度与管理）").click()
    text = page.locator("#p-text")
    revised = text.input_value().rstrip() + "2023年12月组织资产清查，台式计算机等2项资产账实相符。"
    text.fill(revised)
    shot(page, "officer-revises-paragraph")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text(re.compile(r"已保存（第\d+次保存）"))).to_be_visible()
    page.goto(draft.get_absolute_url())
    submit = page.locator("#submit-form")
    submit.get_by_role("checkbox").check()
    submit.get_by_role("button", name="提交财政局审核（第2版）").click()
    expect(status).to_contain_text("已提交财政局审核（第2版），等待财政局审核")
    shot(page, "officer-submitted-v2")
    second = ReportSubmission.objects.get(version=2)
    log_out(page)

    # 4. The bureau accepts and publishes 第2版.
    log_in(page, bureau_staff.username)
    page.goto("/oversight/reviews/")
    page.get_by_role("link", name=second.title).first.click()
    expect(page.locator("#version")).to_have_text("第2版")
    expect(page.locator("main")).to_contain_text("2023年12月组织资产清查")
    page.locator("#do-accept").click()
    expect(page.locator("#state")).to_have_text("审核通过（待发布）")
    shot(page, "bureau-accepted-v2")
    page.locator("#do-publish").click()
    expect(page.locator("#state")).to_have_text("已发布")
    expect(page.locator("#review-status")).to_contain_text("已发布（第2版）")
    shot(page, "bureau-published-v2")
    log_out(page)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.state, second.state) == ("superseded", "published")

    # 5. Anyone reads it on the public page: the page itself, no iframe.
    page.goto("/public/")
    shot(page, "public-index")
    page.get_by_role("link", name=second.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(second.title)
    expect(page.locator("main")).to_contain_text("第2版")
    expect(page.locator("iframe")).to_have_count(0)
    expect(page.locator("dl.key-figures")).to_contain_text("预算执行率")
    expect(page.locator("article.report-doc")).to_contain_text("2023年12月组织资产清查")
    expect(page.get_by_role("link", name=re.compile("下载 Word 文档"))).to_be_visible()
    _no_horizontal_scroll(page)
    shot(page, "public-report-v2")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载 Word 文档")).click()
    assert download.value.suggested_filename.endswith(".docx")
    watch.assert_clean()


def test_the_watch_names_the_page_of_every_console_error_script_error_and_refusal(page, auditor):
    """The journeys' 0-errors assertion can fail: a console error, an uncaught error and a 403
    are each reported with their page."""
    watch = Watch(page)
    page.goto("/public/")
    page.evaluate("console.error('探针：控制台错误')")
    page.evaluate("setTimeout(() => { throw new Error('探针：脚本错误'); }, 0)")
    page.wait_for_timeout(200)
    log_in(page, auditor.username)
    page.goto("/budgets/vouchers/new/")  # an auditor never writes: 403
    problems = watch.problems
    assert any("/public/：控制台错误 探针：控制台错误" in p for p in problems), problems
    assert any("/public/：脚本错误" in p and "探针：脚本错误" in p for p in problems), problems
    assert any("/budgets/vouchers/new/：HTTP 403" in p for p in problems), problems
    with pytest.raises(AssertionError, match="探针"):
        watch.assert_clean()
