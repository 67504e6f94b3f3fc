"""Budget control through the services: every refusal changes nothing and is kept on record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.apps.budgets import services
from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, TransferState, Voucher
from jixiao.apps.budgets.selectors import ledger_sums_by_line
from jixiao.apps.core.immutable import PostedRecordImmutable
from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.domain.budget_control import (
    BudgetExceeded,
    CrossUseForbidden,
    IncompleteControlKey,
    SubjectMismatch,
)
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from tests.factories import make_line, make_project

DAY = dt.date(2023, 5, 10)


@pytest.fixture
def public_line(officer, department):
    return make_line(actor=officer, department=department, amount="10000.00")


@pytest.fixture
def personnel_line(officer, department):
    return make_line(
        actor=officer, department=department, fund_type="basic_personnel", econ_code="301", amount="50000.00"
    )


@pytest.fixture
def project_a(officer, department):
    project = make_project(actor=officer, department=department, code="P01", name="科普大篷车")
    return make_line(
        actor=officer,
        department=department,
        fund_type="project",
        func_code="2060702",
        project=project,
        amount="20000.00",
    )


@pytest.fixture
def project_b(officer, department):
    project = make_project(actor=officer, department=department, code="P02", name="全国科普日")
    return make_line(
        actor=officer,
        department=department,
        fund_type="project",
        func_code="2060702",
        project=project,
        amount="8000.00",
    )


def counts():
    return Voucher.objects.count(), LedgerEntry.objects.count()


def pay(officer, line, amount, econ="30201", fund="basic_public", project=None, **kwargs):
    return services.expenditure_post(
        actor=officer,
        line=line,
        date=DAY,
        amount=Decimal(amount),
        summary="购买办公用品",
        econ_code=econ,
        fund_type=fund,
        project=project,
        **kwargs,
    )


def test_expenditure_within_balance_is_posted_and_moves_the_running_total(officer, public_line):
    voucher = pay(officer, public_line, "2500.00")
    public_line.refresh_from_db()
    assert voucher.amount == Decimal("2500.00")
    assert public_line.spent == Decimal("2500.00")
    assert public_line.available == Decimal("7500.00")
    assert AuditEvent.objects.filter(action="expenditure_post", target_id=str(voucher.pk)).exists()


def test_overspending_is_refused_with_the_breakdown_and_nothing_is_written(officer, public_line):
    pay(officer, public_line, "9000.00")
    before = counts()
    with pytest.raises(BudgetExceeded) as refusal:
        pay(officer, public_line, "1000.01")
    assert "可用余额1,000.00元" in str(refusal.value)
    assert "超出0.01元" in str(refusal.value)
    assert refusal.value.details["available"] == Decimal("1000.00")
    assert counts() == before
    public_line.refresh_from_db()
    assert public_line.spent == Decimal("9000.00")
    assert RefusalEvent.objects.filter(error_code="budget_exceeded").count() == 1


def test_cross_use_between_basic_and_project_is_refused(officer, project_a):
    before = counts()
    with pytest.raises(CrossUseForbidden, match="该支出属于基本支出，不能使用项目支出指标"):
        pay(officer, project_a, "100.00", econ="30201", fund="basic_public", func_code="2060702")
    assert counts() == before
    assert RefusalEvent.objects.get().details["kind"] == "basic_project"


def test_cross_use_between_two_projects_is_refused(officer, project_a, project_b):
    before = counts()
    with pytest.raises(CrossUseForbidden, match="不得在项目之间串用资金"):
        pay(officer, project_b, "100.00", econ="30218", fund="project", project=project_a.project)
    assert counts() == before


def test_cross_use_between_personnel_and_public_is_refused(officer, personnel_line):
    with pytest.raises(CrossUseForbidden):
        pay(officer, personnel_line, "100.00", econ="30201", fund="basic_public")


def test_an_incomplete_key_blocks_the_expenditure_instead_of_skipping_the_check(officer, public_line):
    before = counts()
    with pytest.raises(IncompleteControlKey, match="经济分类"):
        pay(officer, public_line, "100.00", econ="")
    with pytest.raises(IncompleteControlKey, match="支出性质"):
        pay(officer, public_line, "100.00", fund=None)
    with pytest.raises(IncompleteControlKey, match="项目"):
        pay(officer, public_line, "100.00", fund="project")
    assert counts() == before
    assert RefusalEvent.objects.filter(error_code="incomplete_key").count() == 3


def test_spending_on_another_economic_subject_is_refused(officer, public_line):
    with pytest.raises(SubjectMismatch, match="经济分类"):
        pay(officer, public_line, "100.00", econ="31002")


def test_posted_ledger_rows_and_vouchers_cannot_be_edited_or_deleted(officer, public_line):
    voucher = pay(officer, public_line, "100.00")
    entry = LedgerEntry.objects.get(voucher=voucher)
    entry.amount = Decimal("1.00")
    with pytest.raises(PostedRecordImmutable):
        entry.save()
    with pytest.raises(PostedRecordImmutable):
        entry.delete()
    voucher.summary = "改过的摘要"
    with pytest.raises(PostedRecordImmutable):
        voucher.save()
    with pytest.raises(PostedRecordImmutable):
        Voucher.objects.filter(pk=voucher.pk).update(amount=Decimal("1.00"))
    with pytest.raises(PostedRecordImmutable):
        LedgerEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.amount == Decimal("100.00")


def test_reversal_is_a_new_red_voucher_and_restores_the_balance(officer, public_line):
    voucher = pay(officer, public_line, "600.00")
    reversal = services.expenditure_reverse(actor=officer, voucher=voucher, date=DAY, reason="重复报销")
    public_line.refresh_from_db()
    assert reversal.amount == Decimal("-600.00")
    assert reversal.reversal_of == voucher
    assert public_line.spent == Decimal("0.00")
    with pytest.raises(Exception, match="已经冲销过"):
        services.expenditure_reverse(actor=officer, voucher=voucher, date=DAY, reason="再次")


def test_duplicate_voucher_number_is_refused(officer, public_line):
    pay(officer, public_line, "10.00", number="记-0001")
    with pytest.raises(services.DuplicateVoucherNumber, match="记-0001"):
        pay(officer, public_line, "10.00", number="记-0001")


def test_another_departments_user_cannot_spend_from_this_department(other_officer, public_line):
    with pytest.raises(PermissionRefused):
        pay(other_officer, public_line, "10.00")


def test_auditor_is_read_only(auditor, public_line):
    with pytest.raises(PermissionRefused, match="只能查看"):
        pay(auditor, public_line, "10.00")


def test_approving_ones_own_transfer_is_refused(officer, head, public_line, personnel_line):
    transfer = services.transfer_create(
        actor=head, source=public_line, target=personnel_line, amount="500", reason="人员经费缺口"
    )
    services.transfer_submit(actor=head, transfer=transfer)
    with pytest.raises(PermissionRefused, match="不能批准自己提交"):
        services.transfer_approve(actor=head, transfer=transfer)
    transfer.refresh_from_db()
    assert transfer.state == TransferState.SUBMITTED


def test_transfer_within_basic_needs_only_the_head_and_moves_money_when_executed(
    officer, head, public_line, personnel_line
):
    transfer = services.transfer_create(
        actor=officer, source=public_line, target=personnel_line, amount="3000", reason="人员经费缺口"
    )
    assert not transfer.needs_bureau
    services.transfer_submit(actor=officer, transfer=transfer)
    services.transfer_approve(actor=head, transfer=transfer)
    services.transfer_execute(actor=officer, transfer=transfer, date=DAY)
    public_line.refresh_from_db()
    personnel_line.refresh_from_db()
    assert public_line.available == Decimal("7000.00")
    assert personnel_line.available == Decimal("53000.00")


def test_transfer_between_basic_and_project_needs_the_finance_bureau(
    officer, head, bureau_staff, public_line, project_a
):
    transfer = services.transfer_create(
        actor=officer, source=project_a, target=public_line, amount="2000", reason="项目结余"
    )
    assert transfer.needs_bureau
    services.transfer_submit(actor=officer, transfer=transfer)
    services.transfer_approve(actor=head, transfer=transfer)
    with pytest.raises(TransitionNotAllowed, match="尚待主管财政局财政局工作人员办理“财政局批准”"):
        services.transfer_execute(actor=officer, transfer=transfer, date=DAY)
    services.transfer_approve(actor=bureau_staff, transfer=transfer, doc_no="常财预〔2023〕1号")
    executed = services.transfer_execute(actor=officer, transfer=transfer, date=DAY)
    assert executed.state == TransferState.EXECUTED
    project_a.refresh_from_db()
    assert project_a.available == Decimal("18000.00")


def test_rejection_needs_a_reason_and_closes_the_request(officer, head, public_line, personnel_line):
    transfer = services.transfer_create(
        actor=officer, source=public_line, target=personnel_line, amount="100", reason="测试"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    with pytest.raises(TransitionNotAllowed, match="必须填写原因"):
        services.transfer_reject(actor=head, transfer=transfer, reason=" ")
    rejected = services.transfer_reject(actor=head, transfer=transfer, reason="理由不充分")
    assert rejected.state == TransferState.REJECTED
    with pytest.raises(TransitionNotAllowed):
        services.transfer_approve(actor=head, transfer=transfer)


def test_an_approved_transfer_reserves_its_money_until_it_is_executed(
    officer, head, public_line, personnel_line
):
    """The money an approved 调剂 moves is 预占 on the source line: spending it meanwhile is refused,
    so execution never finds the source short (before commitments it did)."""
    transfer = services.transfer_create(
        actor=officer, source=public_line, target=personnel_line, amount="6000", reason="缺口"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    services.transfer_approve(actor=head, transfer=transfer)
    public_line.refresh_from_db()
    assert public_line.committed == Decimal("6000.00") and public_line.available == Decimal("4000.00")
    before = counts()
    with pytest.raises(BudgetExceeded, match=r"已预占6,000\.00元，可用余额4,000\.00元"):
        pay(officer, public_line, "5000.00")
    assert counts() == before
    pay(officer, public_line, "4000.00")
    services.transfer_execute(actor=officer, transfer=transfer, date=DAY)
    public_line.refresh_from_db()
    personnel_line.refresh_from_db()
    assert (public_line.committed, public_line.spent, public_line.budget) == (
        Decimal("0.00"),
        Decimal("4000.00"),
        Decimal("4000.00"),
    )
    assert personnel_line.transferred_in == Decimal("6000.00")


def test_a_rejected_or_withdrawn_transfer_releases_its_reservation(
    officer, head, public_line, personnel_line
):
    transfer = services.transfer_create(
        actor=officer, source=public_line, target=personnel_line, amount="3000", reason="缺口"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    services.transfer_approve(actor=head, transfer=transfer)
    public_line.refresh_from_db()
    assert public_line.committed == Decimal("3000.00")
    services.transfer_withdraw(actor=officer, transfer=transfer, reason="不再需要")
    public_line.refresh_from_db()
    assert public_line.committed == Decimal("0.00") and public_line.available == Decimal("10000.00")
    kinds = list(LedgerEntry.objects.filter(line=public_line).values_list("kind", "amount"))
    assert ("commit", Decimal("3000.00")) in kinds and ("release", Decimal("-3000.00")) in kinds


def test_a_transfer_the_source_cannot_hold_is_refused_at_approval(officer, head, public_line, personnel_line):
    transfer = services.transfer_create(
        actor=officer, source=public_line, target=personnel_line, amount="2000", reason="缺口"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    pay(officer, public_line, "9000.00")  # spent after submission: 1,000 left
    with pytest.raises(BudgetExceeded, match=r"执行时将被拒绝，因为调出指标.*可用余额1,000\.00元"):
        services.transfer_approve(actor=head, transfer=transfer)
    transfer.refresh_from_db()
    assert transfer.state == TransferState.SUBMITTED


def test_adjustment_needs_a_document_number_and_may_not_cut_below_spending(officer, public_line):
    with pytest.raises(Exception, match="批复文号"):
        services.budget_adjust(actor=officer, line=public_line, amount=Decimal("1000"), date=DAY, doc_no="")
    pay(officer, public_line, "9500.00")
    with pytest.raises(BudgetExceeded):
        services.budget_adjust(
            actor=officer, line=public_line, amount=Decimal("-600"), date=DAY, doc_no="常财预〔2023〕9号"
        )
    services.budget_adjust(
        actor=officer, line=public_line, amount=Decimal("2000"), date=DAY, doc_no="常财预〔2023〕9号"
    )
    public_line.refresh_from_db()
    assert public_line.budget == Decimal("12000.00")


def test_running_totals_equal_the_ledger_sums(officer, head, department, public_line, personnel_line):
    pay(officer, public_line, "1234.56")
    voucher = pay(officer, public_line, "100.00")
    services.expenditure_reverse(actor=officer, voucher=voucher, date=DAY, reason="退回")
    transfer = services.transfer_create(
        actor=officer, source=public_line, target=personnel_line, amount="1000", reason="缺口"
    )
    services.transfer_submit(actor=officer, transfer=transfer)
    services.transfer_approve(actor=head, transfer=transfer)
    services.transfer_execute(actor=officer, transfer=transfer, date=DAY)
    sums = ledger_sums_by_line(department=department, year=2023)
    for line in BudgetLine.objects.all():
        by_kind = sums.get(line.pk, {})
        assert line.allocated == by_kind.get("initial", 0)
        assert line.spent == by_kind.get("expenditure", 0) + by_kind.get("reversal", 0)
        assert line.transferred_in == by_kind.get("transfer_in", 0)
        assert line.transferred_out == by_kind.get("transfer_out", 0)


def test_a_project_before_approval_can_neither_hold_budget_nor_pay(officer, department, project_a):
    from jixiao.apps.budgets.models import ProjectStage

    applied = make_project(actor=officer, department=department, code="P09", name="待论证项目")
    applied.stage = ProjectStage.APPLIED
    applied.save()
    with pytest.raises(Exception, match="尚未立项"):
        make_line(
            actor=officer, department=department, fund_type="project", func_code="2060702", project=applied
        )
    project = project_a.project
    project.stage = ProjectStage.COMPLETED
    project.save()
    before = counts()
    with pytest.raises(Exception, match="立项后、验收前才能支付"):
        pay(officer, project_a, "10.00", econ="30218", fund="project", project=project, func_code="2060702")
    assert counts() == before


def test_a_stale_copy_of_the_project_cannot_pay_after_acceptance(officer, project_a):
    from jixiao.apps.budgets.models import Project, ProjectStage

    stale = project_a.project  # still at 立项 in memory
    Project.objects.filter(pk=stale.pk).update(stage=ProjectStage.COMPLETED)
    with pytest.raises(Exception, match="立项后、验收前才能支付"):
        pay(officer, project_a, "10.00", econ="30218", fund="project", project=stale, func_code="2060702")
