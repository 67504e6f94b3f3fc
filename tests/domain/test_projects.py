"""The 专项 lifecycle rules, without a database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.projects import (
    Application,
    InspectionState,
    MilestonePlan,
    PAction,
    ProjectActor,
    ProjectRuleError,
    Stage,
    average_score,
    check_acceptance,
    check_application,
    check_approval,
    check_plan,
    is_payable,
    next_stage,
)

OFFICER = ProjectActor(role="finance_officer", same_department=True)
HEAD = ProjectActor(role="department_head", same_department=True)


def test_the_happy_path_walks_every_stage_in_order():
    stage = Stage.APPLIED
    for action, actor, expected in [
        (PAction.REVIEW, OFFICER, Stage.REVIEWED),
        (PAction.CONCLUDE, OFFICER, Stage.REVIEWED),
        (PAction.APPROVE, HEAD, Stage.APPROVED),
        (PAction.PLAN, OFFICER, Stage.IMPLEMENTING),
        (PAction.INSPECT, OFFICER, Stage.INSPECTING),
        (PAction.CLOSE_INSPECTION, OFFICER, Stage.INSPECTING),
        (PAction.ACCEPT, HEAD, Stage.COMPLETED),
    ]:
        stage = next_stage(stage, action, actor=actor)
        assert stage is expected


def test_only_approved_implementing_and_inspecting_projects_are_payable():
    assert [s.value for s in Stage if is_payable(s)] == ["approved", "implementing", "inspecting"]


def test_self_approval_is_refused_with_the_project_named():
    applicant_head = ProjectActor(role="department_head", same_department=True, is_applicant=True)
    with pytest.raises(PermissionRefused, match="不能审批自己申报的项目：专项“全国科普日”"):
        next_stage(Stage.REVIEWED, PAction.APPROVE, actor=applicant_head, name="全国科普日")


def test_an_officer_cannot_approve_and_an_auditor_cannot_act():
    with pytest.raises(PermissionRefused, match="部门负责人"):
        next_stage(Stage.REVIEWED, PAction.APPROVE, actor=OFFICER)
    with pytest.raises(PermissionRefused, match="审计"):
        next_stage(Stage.APPLIED, PAction.REVIEW, actor=ProjectActor(role="auditor", same_department=False))
    with pytest.raises(PermissionRefused, match="本单位"):
        next_stage(
            Stage.APPLIED, PAction.REVIEW, actor=ProjectActor(role="finance_officer", same_department=False)
        )


def test_skipping_a_stage_is_refused_and_names_the_stage_required():
    with pytest.raises(TransitionNotAllowed, match="当前阶段为“申报”，不能批准立项（须在“论证”阶段）"):
        next_stage(Stage.APPLIED, PAction.APPROVE, actor=HEAD)
    with pytest.raises(TransitionNotAllowed):
        next_stage(Stage.COMPLETED, PAction.INSPECT, actor=OFFICER)


def test_an_application_lists_every_missing_field():
    problems = check_application(
        Application(name="", basis="", content="", amount=Decimal("0"), goal_summary="", indicators=(" ",))
    )
    assert [p.split("：")[0] for p in problems] == [
        "项目名称",
        "立项依据",
        "项目内容",
        "申报预算",
        "绩效目标",
        "绩效指标",
    ]


def test_approval_total_may_not_exceed_the_request():
    assert check_approval(
        conclusion="pass",
        requested=Decimal("100000.00"),
        line_amounts=[Decimal("60000.00"), Decimal("40000.00")],
    ) == Decimal("100000.00")
    with pytest.raises(ProjectRuleError, match=r"立项预算合计10\.01万元超过申报预算10万元"):
        check_approval(conclusion="pass", requested=Decimal("100000.00"), line_amounts=[Decimal("100100.00")])
    with pytest.raises(ProjectRuleError, match="论证结论"):
        check_approval(conclusion="fail", requested=Decimal("1.00"), line_amounts=[Decimal("1.00")])


def test_average_score_is_rounded_half_up_to_one_place():
    assert average_score([Decimal("88"), Decimal("92"), Decimal("85")]) == Decimal("88.3")
    assert average_score([Decimal("80"), Decimal("80.5")]) == Decimal("80.3")
    assert average_score([]) is None


def test_a_plan_needs_a_responsible_person_and_milestones_inside_the_period():
    start, end = dt.date(2024, 3, 1), dt.date(2024, 12, 31)
    check_plan(
        responsible="刘股长", start=start, end=end, milestones=[MilestonePlan("中期", dt.date(2024, 6, 30))]
    )
    with pytest.raises(ProjectRuleError, match="责任人"):
        check_plan(
            responsible=" ", start=start, end=end, milestones=[MilestonePlan("中期", dt.date(2024, 6, 30))]
        )
    with pytest.raises(ProjectRuleError, match="关键节点"):
        check_plan(responsible="刘股长", start=start, end=end, milestones=[])
    with pytest.raises(ProjectRuleError, match="“启动”的日期2024-01-01不在实施期"):
        check_plan(
            responsible="刘股长",
            start=start,
            end=end,
            milestones=[MilestonePlan("启动", dt.date(2024, 1, 1))],
        )


def test_acceptance_needs_done_milestones_and_closed_inspections():
    closed = InspectionState(date=dt.date(2024, 7, 1), closed=True, needs_rectification=True)
    check_acceptance(open_milestones=[], inspections=[closed], opinion="同意")
    with pytest.raises(ProjectRuleError, match="年终总结"):
        check_acceptance(open_milestones=["年终总结"], inspections=[closed], opinion="同意")
    with pytest.raises(ProjectRuleError, match="没有任何督查记录"):
        check_acceptance(open_milestones=[], inspections=[], opinion="同意")
    with pytest.raises(ProjectRuleError, match="1条督查记录未整改销号"):
        check_acceptance(
            open_milestones=[],
            inspections=[
                closed,
                InspectionState(date=dt.date(2024, 8, 1), closed=False, needs_rectification=True),
            ],
            opinion="同意",
        )


# ---------------------------------------------------------------- on the approval mechanism


def test_the_lifecycle_is_a_configuration_of_the_approval_mechanism():
    from jixiao.domain.approval import Actor
    from jixiao.domain.projects import project_workflow

    workflow = project_workflow()
    head = Actor(role="department_head", is_creator=False, same_department=True, same_bureau=False)
    own = Actor(role="department_head", is_creator=True, same_department=True, same_bureau=False)
    officer = Actor(role="finance_officer", is_creator=False, same_department=True, same_bureau=False)
    assert (
        workflow.advance("reviewed", "approve", actor=head, doc_no="常科协字〔2024〕5号").to_state
        == "approved"
    )
    with pytest.raises(PermissionRefused, match="不能批准立项自己提交的专项"):
        workflow.advance("reviewed", "approve", actor=own, doc_no="X")
    with pytest.raises(PermissionRefused, match="部门负责人"):
        workflow.advance("reviewed", "approve", actor=officer, doc_no="X")
    with pytest.raises(TransitionNotAllowed, match="必须填写批复文号"):
        workflow.advance("reviewed", "approve", actor=head)
    with pytest.raises(TransitionNotAllowed, match="完成验收必须填写原因"):
        workflow.advance("inspecting", "accept", actor=head)
    assert (
        workflow.advance("reviewed", "conclude", actor=officer, flags={"review_failed"}).to_state
        == "rejected"
    )


@pytest.mark.parametrize(
    ("stage", "conclusion", "ready", "sentence"),
    [
        ("applied", "", False, "下一步：部门财务人员或部门负责人录入专家论证意见"),
        ("reviewed", "", False, "下一步：部门财务人员或部门负责人作出论证结论"),
        ("reviewed", "pass", False, "下一步：部门负责人作出立项决定（批准立项或不予立项）"),
        (
            "approved",
            "pass",
            False,
            "下一步：部门财务人员或部门负责人制定实施方案（实施责任人、实施期和关键节点）",
        ),
        (
            "inspecting",
            "pass",
            False,
            "下一步：部门财务人员或部门负责人完成全部关键节点，督查发现的问题整改销号",
        ),
        ("inspecting", "pass", True, "下一步：部门负责人组织完成验收（实施责任人本人不能验收）"),
        ("completed", "pass", False, "已完成验收，流程结束"),
        ("rejected", "fail", False, "未立项，流程结束"),
    ],
)
def test_the_next_step_names_who_takes_it(stage, conclusion, ready, sentence):
    from jixiao.domain.projects import next_step

    assert next_step(stage, conclusion=conclusion, ready_for_acceptance=ready).sentence == sentence


def test_the_stepper_marks_done_current_and_next():
    from jixiao.domain.projects import stage_marks

    assert [mark for _, _, mark in stage_marks("approved")] == ["done", "done", "current", "next", "", ""]
    assert [mark for _, _, mark in stage_marks("completed")] == ["done"] * 6
    assert [(s, mark) for s, _, mark in stage_marks("rejected")] == [
        ("applied", "done"),
        ("reviewed", "done"),
        ("rejected", "current"),
    ]
