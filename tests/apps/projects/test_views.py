"""The 专项 pages: lifecycle actions per role, refusals shown and saving nothing, 404 across departments."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.apps.budgets.models import Project, Voucher
from jixiao.apps.projects.models import SpecialProject
from tests.apps.projects.helpers import apply, approve, plan, review

D = Decimal


def _post(client, special, action, data):
    return client.post(reverse("projects:project-action", args=[special.pk, action]), data)


def test_apply_through_the_form_creates_the_project_at_apply_stage(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("projects:project-apply"),
        {
            "year": "2024",
            "name": "全国科普日系列活动",
            "code": "",
            "basis": "中国科协关于开展全国科普日活动的通知",
            "content": "9月全国科普日主场活动",
            "amount": "100,000.00",
            "goal_summary": "受众2500人以上",
            "indicators": "悬挂标语≥20幅\n发放资料≥2万份",
            "applied_on": "2024-01-05",
        },
    )
    special = SpecialProject.objects.get()
    assert response.status_code == 302 and response["Location"] == special.get_absolute_url()
    assert special.requested_amount == D("100000.00")
    assert special.indicators == ["悬挂标语≥20幅", "发放资料≥2万份"]
    assert special.project.stage == "applied"


def test_the_officer_sees_review_but_not_approve_and_the_head_sees_approve(client, officer, head, department):
    special = review(officer, apply(officer, department))
    client.force_login(officer)
    page = client.get(special.get_absolute_url()).content.decode()
    assert 'name="reviewer"' not in page  # the review is concluded
    assert 'name="doc_no"' not in page
    client.force_login(head)
    page = client.get(special.get_absolute_url()).content.decode()
    assert 'name="doc_no"' in page
    assert "批准立项后将为本项目建立预算指标，项目可以开始支付" in page


def test_officer_posting_approve_gets_404_and_nothing_changes(client, officer, department):
    special = review(officer, apply(officer, department))
    client.force_login(officer)
    response = _post(
        client,
        special,
        "approve",
        {
            "doc_no": "X",
            "decided_on": "2024-02-01",
            "func_code": "2060702",
            "econ_code": "302",
            "amount": "1000",
        },
    )
    assert response.status_code == 404
    assert Project.objects.get(pk=special.project_id).stage == "reviewed"


def test_self_approval_through_the_page_is_refused_in_a_box_and_saves_nothing(
    client, head, officer, department
):
    special = review(officer, apply(head, department))
    client.force_login(head)
    response = _post(
        client,
        special,
        "approve",
        {
            "doc_no": "常科协字〔2024〕5号",
            "decided_on": "2024-02-01",
            "func_code": "2060702",
            "econ_code": "302",
            "amount": "50000",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "jx-refusal" in page and "不能审批自己申报的项目" in page
    assert Project.objects.get(pk=special.project_id).stage == "reviewed"


def test_pay_from_the_project_page_posts_a_voucher_on_the_projects_own_line(
    client, officer, head, department
):
    special = plan(officer, approve(head, review(officer, apply(officer, department))))
    line = special.project.budget_lines.get()
    client.force_login(officer)
    response = _post(
        client,
        special,
        "pay",
        {
            "line": line.pk,
            "date": "2024-04-10",
            "amount": "1,200.00",
            "summary": "科普资料印制",
            "econ_code": "30202",
            "payee": "华印印务",
        },
    )
    assert response.status_code == 302
    voucher = Voucher.objects.get()
    assert (voucher.line, voucher.amount, voucher.project) == (line, D("1200.00"), special.project)


def test_over_budget_payment_shows_the_refusal_and_posts_nothing(client, officer, head, department):
    special = plan(
        officer,
        approve(head, review(officer, apply(officer, department, amount="1000.00")), amount="1000.00"),
    )
    line = special.project.budget_lines.get()
    client.force_login(officer)
    response = _post(
        client,
        special,
        "pay",
        {
            "line": line.pk,
            "date": "2024-04-10",
            "amount": "1000.01",
            "summary": "超支",
            "econ_code": "30202",
            "payee": "",
        },
    )
    assert response.status_code == 400
    assert "jx-refusal" in response.content.decode()
    assert not Voucher.objects.exists()


def test_another_departments_project_is_404(client, officer, other_officer, department):
    special = apply(officer, department)
    client.force_login(other_officer)
    assert client.get(special.get_absolute_url()).status_code == 404
    assert _post(client, special, "review", {}).status_code == 404


def test_bureau_staff_can_read_but_gets_no_action_forms(client, officer, bureau_staff, department):
    special = apply(officer, department)
    client.force_login(bureau_staff)
    response = client.get(special.get_absolute_url())
    assert response.status_code == 200
    main = response.content.decode().split('<main id="main"', 1)[1]
    assert 'method="post"' not in main  # the frame's year switcher and logout are outside <main>


def test_list_shows_totals_and_exports_xlsx(client, officer, head, department):
    approve(head, review(officer, apply(officer, department, amount="50000.00")))
    apply(officer, department, name="全国科普日", amount="30000.00")
    client.force_login(officer)
    page = client.get(reverse("projects:project-list")).content.decode()
    assert "合计（2项）" in page and "8.00" in page  # 申报预算 5万 + 3万 = 8.00万元
    response = client.get(reverse("projects:project-list") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "年度" and sheet.freeze_panes == "A3"
    assert [sheet.cell(row=r, column=3).value for r in (3, 4)] == ["科普大篷车进校园", "全国科普日"]
    assert sheet["A5"].value == "合计" and sheet["E5"].value == 80000


@pytest.mark.parametrize("action", ["review", "conclude"])
def test_auditor_cannot_post_actions(client, officer, auditor, department, action):
    special = apply(officer, department)
    client.force_login(auditor)
    assert _post(client, special, action, {}).status_code == 404


def _next_step(page: str) -> str:
    start = page.index('id="next-step"')
    return page[start : page.index("</p>", start)]


def _marks(page: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'<li class="(\w*)" data-stage="(\w+)"', page)[i][::-1] for i in range(6))


def test_the_page_says_the_next_step_and_who_takes_it_at_every_stage(client, officer, head, department):
    from tests.apps.projects.test_services import _inspect_and_close

    special = apply(officer, department)
    client.force_login(officer)

    def page():
        return client.get(special.get_absolute_url()).content.decode()

    assert "下一步：部门财务人员或部门负责人录入专家论证意见" in _next_step(page())
    special = review(officer, special)
    client.force_login(officer)
    html = page()
    assert "下一步：部门负责人作出立项决定（批准立项或不予立项）" in _next_step(html)
    assert 'id="decision"' not in html  # the officer does not decide
    assert _marks(html) == {
        "applied": "done",
        "reviewed": "current",
        "approved": "next",
        "implementing": "",
        "inspecting": "",
        "completed": "",
    }
    client.force_login(head)
    html = page()
    # the head finds the decision at the top, not under 论证
    assert 'href="#decision"' in _next_step(html)
    decision = html.index('id="decision"')
    assert decision < html.index("<h2>论证</h2>") and html.index('name="doc_no"') > decision
    special = approve(head, special)
    client.force_login(officer)
    assert "下一步：部门财务人员或部门负责人制定实施方案" in _next_step(page())
    special = plan(officer, special)
    assert "下一步：部门财务人员或部门负责人按关键节点组织实施" in _next_step(page())
    _inspect_and_close(officer, special)
    client.force_login(head)
    html = page()
    assert "下一步：部门负责人组织完成验收" in _next_step(html) and 'href="#acceptance"' in _next_step(html)
    assert _marks(html)["inspecting"] == "current" and _marks(html)["completed"] == "next"


def test_a_rejected_project_says_the_process_ended(client, officer, head, department):
    from jixiao.apps.projects import services

    special = review(officer, apply(officer, department))
    client.force_login(head)
    import datetime as dt

    services.project_reject(actor=head, special=special, reason="论证未通过", decided_on=dt.date(2024, 2, 1))
    html = client.get(special.get_absolute_url()).content.decode()
    assert "未立项，流程结束" in _next_step(html) and "下一步" not in _next_step(html)
    assert 'data-stage="rejected"' in html and 'id="approval-history"' in html and "论证未通过" in html
