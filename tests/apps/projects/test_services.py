"""The 专项 lifecycle through its services: each step, each refusal, and money only from 立项 on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.apps.budgets import services as money
from jixiao.apps.budgets.models import BudgetLine, Project, Voucher
from jixiao.apps.core.models import ApprovalStep, AuditEvent, RefusalEvent
from jixiao.apps.projects import services
from jixiao.apps.projects.models import Inspection, SpecialProject
from jixiao.domain.budget_control import BudgetControlError, BudgetExceeded
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.projects import ProjectRuleError
from tests.apps.projects.helpers import apply, approve, plan, review
from tests.factories import UserFactory, make_line

D = Decimal


@pytest.fixture
def second_head(department):
    return UserFactory(username="head2", full_name="刘副主席", role="department_head", department=department)


def _pay(actor, special, amount, *, on=dt.date(2024, 4, 10)):
    line = BudgetLine.objects.get(project=special.project)
    return money.expenditure_post(
        actor=actor,
        line=line,
        date=on,
        amount=D(amount),
        summary="科普大篷车展品维护",
        econ_code="302",
        fund_type="project",
        project=special.project,
    )


def _inspect_and_close(officer, special):
    milestones = list(special.milestones.all())
    for m in milestones:
        services.milestone_complete(actor=officer, milestone=m, done_on=m.due, note="按计划完成")
    inspection = services.inspection_record(
        actor=officer,
        special=special,
        milestone=milestones[0],
        inspected_on=dt.date(2024, 7, 3),
        inspectors="办公室 李会计、科普股 刘股长",
        findings="下乡台账不全，缺3次活动照片",
        needs_rectification=True,
        rectification_due=dt.date(2024, 7, 31),
    )
    services.inspection_close(
        actor=officer,
        inspection=inspection,
        closed_on=dt.date(2024, 7, 20),
        rectification="已补齐活动照片和签到表",
    )
    return inspection


def test_application_creates_a_project_at_the_apply_stage_with_its_goals(officer, department):
    special = apply(officer, department)
    assert special.project.stage == "applied"
    assert special.project.code == "P01"
    assert special.requested_amount == D("50000.00")
    assert special.indicators == ["下乡科普≥30次", "受益群众≥2万人次"]
    event = AuditEvent.objects.get(action="project_apply")
    assert event.actor == officer and event.department == department


def test_incomplete_application_names_every_missing_field_and_saves_nothing(officer, department):
    with pytest.raises(ProjectRuleError) as error:
        services.project_apply(
            actor=officer,
            department=department,
            year=2024,
            name="全国科普日",
            basis="",
            content="科普日宣传",
            amount=D("0"),
            goal_summary="",
            indicators=[],
            applied_on=dt.date(2024, 1, 5),
        )
    message = str(error.value)
    for field in ("立项依据", "申报预算", "绩效目标", "绩效指标"):
        assert field in message
    assert not Project.objects.exists() and not SpecialProject.objects.exists()
    assert RefusalEvent.objects.get().action == "project_apply"


def test_the_whole_lifecycle_from_application_to_acceptance(officer, head, department):
    special = apply(officer, department)
    special = review(officer, special)
    assert special.project.stage == "reviewed"
    assert special.review_conclusion == "pass"
    assert special.average_score == D("88.3")
    special = approve(head, special)
    assert special.project.stage == "approved"
    line = BudgetLine.objects.get(project=special.project)
    assert (line.fund_type, line.func_code, line.budget) == ("project", "2060702", D("50000.00"))
    assert special.approved_amount == D("50000.00") and special.decided_by == head
    special = plan(officer, special)
    assert special.project.stage == "implementing"
    assert [m.name for m in special.milestones.all()] == ["上半年下乡科普15次", "全年下乡科普30次"]
    _pay(officer, special, "12000.00")
    _inspect_and_close(officer, special)
    special.refresh_from_db()
    assert special.project.stage == "inspecting"
    special = services.project_accept(
        actor=head, special=special, accepted_on=dt.date(2024, 12, 28), opinion="目标全部完成，同意验收"
    )
    assert Project.objects.get(pk=special.project_id).stage == "completed"
    actions = list(
        AuditEvent.objects.filter(target_type="projects.SpecialProject").values_list("action", flat=True)
    )
    for action in (
        "project_apply",
        "project_review",
        "project_conclude",
        "special_project_approve",
        "project_plan",
        "project_inspect",
        "project_close_inspection",
        "special_project_accept",
    ):
        assert action in actions
    # the decisions run on the approval mechanism: each is a step of the project's history
    steps = ApprovalStep.objects.filter(workflow="special_project", object_id=special.pk).order_by("pk")
    assert [(s.action, s.from_state, s.to_state, s.actor) for s in steps] == [
        ("approve", "reviewed", "approved", head),
        ("accept", "inspecting", "completed", head),
    ]
    assert steps[0].doc_no and steps[1].comment == "目标全部完成，同意验收"


def test_a_project_cannot_be_paid_before_its_approval(officer, head, department):
    special = review(officer, apply(officer, department))
    basic = make_line(actor=officer, department=department, year=2024, amount="10000.00")
    with pytest.raises(BudgetControlError) as error:
        money.expenditure_post(
            actor=officer,
            line=basic,
            date=dt.date(2024, 3, 1),
            amount=D("500.00"),
            summary="提前支付科普大篷车耗材",
            econ_code="302",
            fund_type="project",
            project=special.project,
        )
    assert "立项后" in str(error.value) and "论证" in str(error.value)
    with pytest.raises(BudgetControlError, match="尚未立项"):
        make_line(
            actor=officer,
            department=department,
            year=2024,
            fund_type="project",
            func_code="2060702",
            project=special.project,
            amount="1000.00",
        )
    assert not Voucher.objects.exists()
    special = approve(head, special)
    voucher = _pay(officer, special, "500.00", on=dt.date(2024, 3, 1))
    assert voucher.line.project == special.project


def test_a_project_spends_only_from_its_own_lines_within_their_balance(officer, head, department):
    special = plan(
        officer,
        approve(head, review(officer, apply(officer, department, amount="20000.00")), amount="20000.00"),
    )
    other = plan(
        officer,
        approve(
            head,
            review(officer, apply(officer, department, name="全国科普日", amount="30000.00")),
            amount="30000.00",
        ),
    )
    own_line = BudgetLine.objects.get(project=special.project)
    with pytest.raises(BudgetControlError):
        money.expenditure_post(
            actor=officer,
            line=BudgetLine.objects.get(project=other.project),
            date=dt.date(2024, 4, 1),
            amount=D("100.00"),
            summary="用科普日经费付大篷车耗材",
            econ_code="302",
            fund_type="project",
            project=special.project,
        )
    with pytest.raises(BudgetExceeded):
        _pay(officer, special, "20000.01")
    _pay(officer, special, "20000.00")
    own_line.refresh_from_db()
    assert own_line.available == D("0.00")


def test_payment_stops_once_the_project_is_accepted(officer, head, department):
    special = plan(officer, approve(head, review(officer, apply(officer, department))))
    _inspect_and_close(officer, special)
    special = services.project_accept(
        actor=head, special=special, accepted_on=dt.date(2024, 12, 1), opinion="同意验收"
    )
    with pytest.raises(BudgetControlError, match="完成验收"):
        _pay(officer, special, "100.00")


def test_self_approval_is_refused_and_recorded(head, second_head, officer, department):
    special = review(officer, apply(head, department))
    with pytest.raises(PermissionRefused, match="不能审批自己申报的项目"):
        approve(head, special)
    special.refresh_from_db()
    assert special.project.stage == "reviewed"
    assert not BudgetLine.objects.exists()
    refusal = RefusalEvent.objects.get(action="project_approve")
    assert refusal.actor == head and refusal.department == department and refusal.year == 2024
    approve(second_head, special)
    assert Project.objects.get(pk=special.project_id).stage == "approved"


def test_only_the_head_approves_and_accepts(officer, department):
    special = review(officer, apply(officer, department))
    with pytest.raises(PermissionRefused, match="部门负责人"):
        approve(officer, special)


def test_the_responsible_head_cannot_accept_their_own_project(officer, head, second_head, department):
    special = plan(
        officer, approve(head, review(officer, apply(officer, department))), responsible_user=second_head
    )
    _inspect_and_close(officer, special)
    with pytest.raises(PermissionRefused, match="实施责任人"):
        services.project_accept(
            actor=second_head, special=special, accepted_on=dt.date(2024, 12, 1), opinion="同意"
        )
    services.project_accept(actor=head, special=special, accepted_on=dt.date(2024, 12, 1), opinion="同意")


def test_other_department_bureau_and_auditor_cannot_act(
    officer, other_officer, bureau_staff, auditor, department
):
    special = apply(officer, department)
    for actor in (other_officer, bureau_staff, auditor):
        with pytest.raises(PermissionRefused):
            services.project_review_add(
                actor=actor,
                special=special,
                reviewer="刘教授",
                score=D("80"),
                opinion="同意",
                recommendation="pass",
                reviewed_on=dt.date(2024, 1, 10),
            )
    assert special.reviews.count() == 0
    assert RefusalEvent.objects.filter(action="project_review").count() == 3
    with pytest.raises(PermissionRefused):
        apply(other_officer, department)


def test_approval_needs_a_passed_review_and_lines_within_the_request(officer, head, department):
    special = apply(officer, department)
    with pytest.raises(TransitionNotAllowed, match="申报"):
        approve(head, special)
    special = review(officer, special)
    with pytest.raises(ProjectRuleError, match="超过申报预算"):
        approve(head, special, amount="50000.01")
    with pytest.raises(ProjectRuleError, match="至少填写一条指标"):
        services.project_approve(
            actor=head, special=special, lines=[], decided_on=dt.date(2024, 2, 1), doc_no="X"
        )
    assert Project.objects.get(pk=special.project_id).stage == "reviewed"
    assert not BudgetLine.objects.exists()


def test_a_failed_review_ends_the_project_as_not_approved(officer, head, department):
    special = review(officer, apply(officer, department), conclude="fail")
    assert special.project.stage == "rejected"
    with pytest.raises(TransitionNotAllowed):
        approve(head, special)


def test_a_review_score_outside_0_to_100_is_refused_and_names_the_reviewer(officer, department):
    special = apply(officer, department)
    with pytest.raises(ProjectRuleError, match=r"刘教授.*105"):
        services.project_review_add(
            actor=officer,
            special=special,
            reviewer="刘教授",
            score=D("105"),
            opinion="好",
            recommendation="pass",
            reviewed_on=dt.date(2024, 1, 10),
        )
    assert Project.objects.get(pk=special.project_id).stage == "applied"


def test_a_conclusion_needs_at_least_one_review(officer, department):
    special = apply(officer, department)
    with pytest.raises(TransitionNotAllowed):
        services.project_review_conclude(
            actor=officer,
            special=special,
            conclusion="pass",
            concluded_on=dt.date(2024, 1, 20),
            summary="同意",
        )


def test_a_plan_milestone_outside_the_period_is_refused(officer, head, department):
    from jixiao.domain.projects import MilestonePlan

    special = approve(head, review(officer, apply(officer, department)))
    with pytest.raises(ProjectRuleError, match="不在实施期"):
        services.project_plan(
            actor=officer,
            special=special,
            responsible_person="刘股长",
            start=dt.date(2024, 3, 1),
            end=dt.date(2024, 6, 30),
            summary="",
            milestones=[MilestonePlan("年终总结", dt.date(2024, 12, 1))],
        )
    assert special.milestones.count() == 0
    assert Project.objects.get(pk=special.project_id).stage == "approved"


def test_acceptance_is_refused_while_an_inspection_is_open(officer, head, department):
    special = plan(officer, approve(head, review(officer, apply(officer, department))))
    for m in special.milestones.all():
        services.milestone_complete(actor=officer, milestone=m, done_on=m.due, note="完成")
    inspection = services.inspection_record(
        actor=officer,
        special=special,
        inspected_on=dt.date(2024, 7, 1),
        inspectors="李会计",
        findings="资金支付凭证缺少验收单",
        needs_rectification=True,
        rectification_due=dt.date(2024, 7, 15),
    )
    with pytest.raises(ProjectRuleError, match="未整改销号"):
        services.project_accept(actor=head, special=special, accepted_on=dt.date(2024, 12, 1), opinion="同意")
    with pytest.raises(ProjectRuleError, match="整改情况"):
        services.inspection_close(actor=officer, inspection=inspection, closed_on=dt.date(2024, 7, 10))
    assert not Inspection.objects.get(pk=inspection.pk).is_closed


def test_attaching_a_file_to_a_budget_project_records_its_past_review_but_refuses_self_approval(
    officer, head, department
):
    from jixiao.apps.projects.services import PastReview
    from tests.factories import make_project

    project = make_project(actor=officer, department=department, year=2023, code="P01", name="科普大篷车")
    make_line(
        actor=officer,
        department=department,
        fund_type="project",
        func_code="2060702",
        project=project,
        amount="180000.00",
    )
    past = [PastReview("刘教授", "教授", D("90"), "同意", "pass", dt.date(2022, 11, 8))]
    common = dict(
        project=project,
        basis="纲要",
        content="下乡科普",
        goal_summary="30次",
        indicators=["下乡科普≥30次"],
        applied_on=dt.date(2022, 10, 20),
        reviews=past,
        decided_on=dt.date(2023, 1, 1),
        doc_no="常财预〔2023〕3号",
    )
    with pytest.raises(PermissionRefused, match="不能审批自己申报的项目"):
        services.project_attach(actor=head, approved_by=head, **common)
    assert not SpecialProject.objects.exists()
    special = services.project_attach(actor=officer, approved_by=head, **common)
    assert (special.requested_amount, special.approved_amount) == (D("180000.00"), D("180000.00"))
    assert special.review_conclusion == "pass" and special.reviews.get().score == D("90")
    assert Project.objects.get(pk=project.pk).stage == "approved"  # its money is untouched


def test_a_project_still_in_application_cannot_get_a_file_attached(officer, head, department):
    special = apply(officer, department)
    with pytest.raises(ProjectRuleError, match="尚未立项"):
        services.project_attach(
            actor=officer,
            project=special.project,
            basis="x",
            content="x",
            goal_summary="x",
            indicators=["x"],
            applied_on=dt.date(2024, 1, 1),
        )
