"""调剂 on the approval mechanism: checks at every step, the reservation of an approved transfer,
never one's own request, and every step written as an approval step and an audit event."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets import services
from jixiao.apps.budgets.models import BudgetLine, Commitment, TransferRequest
from jixiao.apps.core.models import ApprovalStep, AuditEvent, RefusalEvent
from jixiao.domain.budget_control import BudgetExceeded
from jixiao.domain.errors import PermissionRefused
from tests.factories import make_line, make_project

DAY = dt.date(2023, 5, 10)
D = Decimal


@pytest.fixture
def office(officer, department):
    return make_line(actor=officer, department=department, amount="10000.00")


@pytest.fixture
def wages(officer, department):
    return make_line(
        actor=officer, department=department, fund_type="basic_personnel", econ_code="301", amount="50000.00"
    )


@pytest.fixture
def project_line(officer, department):
    project = make_project(actor=officer, department=department, code="P01", name="科普大篷车")
    return make_line(
        actor=officer, department=department, fund_type="project", func_code="2060702", project=project,
        amount="20000.00",
    )  # fmt: skip


def pay(officer, line, amount):
    return services.expenditure_post(
        actor=officer,
        line=line,
        date=DAY,
        amount=amount,
        summary="办公用品",
        econ_code="30201",
        fund_type=line.fund_type,
        project=line.project,
    )


def available(line) -> Decimal:
    return BudgetLine.objects.get(pk=line.pk).available


def test_a_transfer_beyond_the_available_balance_is_refused_at_creation_with_the_breakdown(
    officer, office, wages
):
    pay(officer, office, "6800.00")
    with pytest.raises(BudgetExceeded) as refused:
        services.transfer_create(
            actor=officer, source=office, target=wages, amount="5000", reason="人员经费缺口"
        )
    assert refused.value.message == (
        "调出指标“基本支出-公用经费·302商品和服务支出”可用余额不足：调剂5,000.00元，预算数10,000.00元，"
        "已支出6,800.00元，已预占0.00元，可用余额3,200.00元，超出1,800.00元。"
    )
    assert not TransferRequest.objects.exists()
    assert RefusalEvent.objects.get(action="transfer_create").error_code == "budget_exceeded"


def test_a_transfer_the_source_can_no_longer_pay_is_refused_at_submission(officer, office, wages):
    transfer = services.transfer_create(
        actor=officer, source=office, target=wages, amount="3000", reason="缺口"
    )
    pay(officer, office, "8000.00")
    with pytest.raises(
        BudgetExceeded,
        match=re.escape("预算数10,000.00元，已支出8,000.00元，已预占0.00元，可用余额2,000.00元"),
    ):
        services.transfer_submit(actor=officer, transfer=transfer)
    transfer.refresh_from_db()
    assert transfer.state == "draft"
    assert not ApprovalStep.objects.filter(workflow="transfer").exists()


def test_at_approval_a_transfer_execution_would_refuse_is_refused_and_says_why(officer, head, office, wages):
    transfer = services.transfer_create(
        actor=officer, source=office, target=wages, amount="3000", reason="缺口"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    pay(officer, office, "7500.00")
    with pytest.raises(BudgetExceeded) as refused:
        services.transfer_approve(actor=head, transfer=transfer)
    assert refused.value.message.startswith("执行时将被拒绝，因为调出指标")
    assert "已支出7,500.00元，已预占0.00元，可用余额2,500.00元" in refused.value.message
    transfer.refresh_from_db()
    assert transfer.state == "submitted" and not Commitment.objects.filter(transfer=transfer).exists()


def test_an_approved_transfer_reserves_its_amount_and_executes_after_the_rest_is_spent(
    officer, head, office, wages
):
    transfer = services.transfer_create(
        actor=officer, source=office, target=wages, amount="3000", reason="缺口"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    services.transfer_approve(actor=head, transfer=transfer)
    assert available(office) == D("7000.00")
    reservation = Commitment.objects.get(transfer=transfer)
    assert (reservation.kind, reservation.state, reservation.amount) == ("transfer", "open", D("3000.00"))
    # Other spending takes everything that is not reserved; a payment beyond that is refused …
    pay(officer, office, "7000.00")
    with pytest.raises(BudgetExceeded):
        pay(officer, office, "0.01")
    # … and the approved transfer still executes: its reservation is its money.
    executed = services.transfer_execute(actor=officer, transfer=transfer, date=DAY)
    assert (executed.state, executed.executed_on) == ("executed", DAY)
    office_now = BudgetLine.objects.get(pk=office.pk)
    assert (office_now.transferred_out, office_now.committed, office_now.available) == (
        D("3000.00"),
        D("0.00"),
        D("0.00"),
    )
    assert BudgetLine.objects.get(pk=wages.pk).transferred_in == D("3000.00")
    reservation.refresh_from_db()
    assert (reservation.state, reservation.consumed) == ("consumed", D("3000.00"))


def test_withdrawing_or_rejecting_after_approval_releases_the_reservation(
    officer, head, bureau_staff, office, wages, project_line
):
    transfer = services.transfer_create(
        actor=officer, source=office, target=wages, amount="3000", reason="缺口"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    services.transfer_approve(actor=head, transfer=transfer)
    services.transfer_withdraw(actor=officer, transfer=transfer, reason="人员经费已另行追加")
    assert available(office) == D("10000.00")
    assert Commitment.objects.get(transfer=transfer).state == "released"

    cross = services.transfer_create(
        actor=officer, source=project_line, target=office, amount="2000", reason="项目结余"
    )
    services.transfer_submit(actor=officer, transfer=cross)
    services.transfer_approve(actor=head, transfer=cross)
    assert available(project_line) == D("18000.00")
    services.transfer_reject(actor=bureau_staff, transfer=cross, reason="项目资金不得调作公用经费")
    assert available(project_line) == D("20000.00")
    cross.refresh_from_db()
    assert (cross.state, cross.closed_reason) == ("rejected", "项目资金不得调作公用经费")


def test_nobody_approves_their_own_transfer_and_the_refusal_writes_nothing(head, office, wages):
    own = services.transfer_create(actor=head, source=office, target=wages, amount="500", reason="自己申请")
    services.transfer_submit(actor=head, transfer=own)
    steps, events = ApprovalStep.objects.count(), AuditEvent.objects.count()
    with pytest.raises(PermissionRefused, match="不能批准自己提交的调剂申请"):
        services.transfer_approve(actor=head, transfer=own)
    assert (ApprovalStep.objects.count(), AuditEvent.objects.count()) == (steps, events)
    assert TransferRequest.objects.get(pk=own.pk).state == "submitted"
    assert available(office) == D("10000.00")


def test_every_step_writes_an_approval_step_and_an_audit_event(
    officer, head, bureau_staff, office, project_line
):
    transfer = services.transfer_create(
        actor=officer, source=project_line, target=office, amount="2000", reason="项目结余"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    services.transfer_approve(actor=head, transfer=transfer)
    services.transfer_approve(actor=bureau_staff, transfer=transfer, doc_no="常财预〔2023〕1号")
    services.transfer_execute(actor=officer, transfer=transfer, date=DAY)
    steps = ApprovalStep.objects.filter(workflow="transfer", object_id=transfer.pk).order_by("id")
    assert [(s.action, s.from_state, s.to_state, s.actor.username, s.actor_role) for s in steps] == [
        ("submit", "draft", "submitted", "officer", "finance_officer"),
        ("approve_head", "submitted", "head_approved", "head", "department_head"),
        ("approve_bureau", "head_approved", "bureau_approved", "czj", "bureau_staff"),
        ("execute", "bureau_approved", "executed", "officer", "finance_officer"),
    ]
    assert steps[2].doc_no == "常财预〔2023〕1号" and steps[1].effects == ["commit"]
    events = AuditEvent.objects.filter(target_type="budgets.TransferRequest", target_id=str(transfer.pk))
    assert sorted(events.values_list("action", flat=True)) == sorted(
        [
            "transfer_create",
            "transfer_submit",
            "transfer_approve_head",
            "transfer_approve_bureau",
            "transfer_execute",
        ]
    )
    executed = events.get(action="transfer_execute")
    assert (executed.before["state"], executed.after["state"]) == ("bureau_approved", "executed")
    assert TransferRequest.objects.get(pk=transfer.pk).doc_no == "常财预〔2023〕1号"


def test_the_create_screen_refuses_an_over_budget_transfer_with_the_figures(as_user, officer, books):
    client = as_user(officer)
    response = client.post(
        reverse("budgets:transfer-create"),
        {"source": books.public.pk, "target": books.personnel.pk, "amount": "9,500", "reason": "办公费调剂"},
    )
    text = response.content.decode()
    assert "已拒绝（超出预算），未保存任何数据" in text
    assert "预算数10,000.00元，已支出1,000.00元，已预占0.00元，可用余额9,000.00元，超出500.00元" in text
    assert not TransferRequest.objects.filter(amount=D("9500.00")).exists()


def test_the_transfer_page_says_where_it_stands_and_offers_only_what_the_user_may_do(
    as_user, officer, head, auditor, books
):
    services.transfer_submit(actor=officer, transfer=books.transfer)
    url = reverse("budgets:transfer-detail", args=[books.transfer.pk])
    page = as_user(officer).get(url).content.decode()
    assert "该调剂申请当前为“已提交”，等待本单位部门负责人办理“部门负责人批准”。" in page
    assert (
        'id="act-withdraw"' in page and 'id="act-approve_head"' not in page and 'id="act-submit"' not in page
    )
    page = as_user(head).get(url).content.decode()
    assert 'id="act-approve_head"' in page and 'id="act-reject"' in page and 'id="act-execute"' not in page
    page = as_user(auditor).get(url).content.decode()
    assert 'id="act-' not in page and "审计账号：只读查看" in page
