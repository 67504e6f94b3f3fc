"""Goal, activity and evidence services: refusals name what is at fault and save nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.apps.goals import selectors, services
from jixiao.apps.goals.models import Activity, CustomIndicator, Evidence, GoalState
from jixiao.domain.errors import PermissionRefused
from jixiao.domain.goals import GoalError
from jixiao.domain.indicator_library import IndicatorLibraryError
from tests.apps.goals.conftest import good_indicators, good_tasks

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def test_a_goal_with_every_category_quantified_is_submitted_locked_and_audited(officer, draft_goal):
    assert selectors.errors_of(selectors.goal_findings(draft_goal)) == []
    goal = services.goal_submit(actor=officer, goal=draft_goal)
    assert goal.state == GoalState.SUBMITTED and goal.submitted_by == officer
    event = AuditEvent.objects.get(action="goal_submit")
    assert event.after["state"] == "submitted" and event.after["indicators"] == 6


def test_vague_target_is_refused_and_names_the_indicator(officer, draft_goal):
    rows = good_indicators()
    rows[0]["target"] = "有效提高"
    services.goal_save(
        actor=officer, goal=draft_goal, duties="", overall_goal="", tasks=good_tasks(), indicators=rows
    )
    with pytest.raises(GoalError) as refused:
        services.goal_submit(actor=officer, goal=draft_goal)
    assert "“下乡科普场次”" in refused.value.message
    assert "有效提高" in refused.value.message and "模糊表述" in refused.value.message
    draft_goal.refresh_from_db()
    assert draft_goal.state == GoalState.DRAFT
    refusal = RefusalEvent.objects.get(action="goal_submit")
    assert refusal.error_code == "goal_not_submittable" and "下乡科普场次" in refusal.details["indicators"]


def test_submit_is_refused_while_any_error_exists_and_lists_every_error(officer, draft_goal):
    rows = good_indicators()[:4]  # no 效益, no 满意度
    tasks = [{**good_tasks()[0], "budget": "90000.00"}]  # 10,000元 short of the ledger's 年初预算
    services.goal_save(
        actor=officer, goal=draft_goal, duties="", overall_goal="", tasks=tasks, indicators=rows
    )
    with pytest.raises(GoalError) as refused:
        services.goal_submit(actor=officer, goal=draft_goal)
    message = refused.value.message
    assert message.startswith("三级指标“科普宣传支出”有错误，绩效目标不能提交（共4处错误）")
    assert "缺少效益指标" in message and "缺少满意度指标" in message
    assert "年度主要任务预算金额合计90,000.00元，与部门预算100,000.00元不一致（少10,000.00元）" in message
    assert "成本上限100,000.00元超过所关联任务“科普宣传”的预算90,000.00元" in message


def test_a_submitted_goal_is_locked_against_changes(officer, draft_goal):
    services.goal_submit(actor=officer, goal=draft_goal)
    with pytest.raises(Exception, match="已提交锁定"):
        services.goal_save(
            actor=officer, goal=draft_goal, duties="x", overall_goal="", tasks=[], indicators=[]
        )
    assert draft_goal.indicators.count() == 6


def test_another_departments_user_cannot_touch_the_goal(other_officer, draft_goal):
    with pytest.raises(PermissionRefused):
        services.goal_submit(actor=other_officer, goal=draft_goal)


def test_library_rows_keep_their_progress_curve_when_saved_from_the_form(officer, draft_goal):
    rows = good_indicators()
    rows[4]["code"] = "KX-SL-12"  # 全国科普日参与单位数: all of it by 30 September
    rows[4]["name"] = "全国科普日参与单位数"
    services.goal_save(
        actor=officer, goal=draft_goal, duties="", overall_goal="", tasks=good_tasks(), indicators=rows
    )
    stored = draft_goal.indicators.get(name="全国科普日参与单位数")
    assert stored.progress == {"points": [{"date": "09-30", "share": "100"}]}


def test_outputs_feed_indicator_actuals_with_the_activities_behind_them(
    officer, department, draft_goal, record
):
    first = record(
        [
            {"output_key": "下乡科普次数", "quantity": "近10次"},
            {"output_key": "受益群众人次", "quantity": "2000余人"},
        ]
    )
    second = record(
        [{"output_key": "受益群众人次", "quantity": "1274人次"}], date=dt.date(2023, 6, 1), title="科技周"
    )
    record([{"output_key": "受益群众人次", "quantity": "500人次"}], date=dt.date(2023, 9, 1), title="九月")
    domain_goal = selectors.goal_to_domain(draft_goal)
    traced = selectors.traced_actuals(
        domain_goal, selectors.library_for(department), department, 2023, dt.date(2023, 7, 31)
    )
    assert traced["下乡科普场次"].value == Decimal(10)
    beneficiaries = traced["科普活动受益群众总人次"]
    assert beneficiaries.value == Decimal(3274)
    assert [(item.activity, item.quantity.text()) for item in beneficiaries.items] == [
        (first, "2000余人"),
        (second, "1274人次"),
    ]
    assert beneficiaries.actual.approximate


def test_an_approximate_quantity_is_stored_as_its_number_and_qualifier(record):
    activity = record(
        [
            {"output_key": "下乡科普次数", "quantity": "近30次"},
            {"output_key": "受益群众人次", "quantity": "2万余名"},
        ]
    )
    first, second = activity.outputs.all()
    assert (first.value, first.unit, first.qualifier, first.text) == (Decimal(30), "次", "近", "近30次")
    assert (second.value, second.unit, second.qualifier, second.text) == (
        Decimal(20000),
        "名",
        "余",
        "2万余名",
    )


def test_an_output_the_library_does_not_know_is_refused_and_nothing_is_saved(record):
    with pytest.raises(services.ActivityError, match="产出“植树棵数”不在本单位指标库"):
        record([{"output_key": "植树棵数", "quantity": "30棵"}])
    assert Activity.objects.count() == 0


def test_a_quantity_without_a_unit_is_refused_naming_the_output(record):
    with pytest.raises(services.ActivityError, match="产出“下乡科普次数”的数量“30”缺少单位"):
        record([{"output_key": "下乡科普次数", "quantity": "30"}])


def test_a_custom_indicator_is_validated_and_then_feeds_from_its_own_output(officer, department, record):
    with pytest.raises(IndicatorLibraryError, match="定性指标，评\\(扣\\)分标准须分级分档"):
        services.custom_indicator_create(
            actor=officer,
            department=department,
            code="ZDY-01",
            level1="效益指标",
            level2="社会效益指标",
            name="群众评价",
            explanation="x",
            unit="等级",
            operator="=",
            scoring_rule="好就行",
            value_type="定性",
        )
    assert CustomIndicator.objects.count() == 0
    services.custom_indicator_create(
        actor=officer,
        department=department,
        code="ZDY-02",
        level1="效益指标",
        level2="可持续影响指标",
        name="科技志愿服务团队成员数",
        explanation="团队成员人数",
        unit="名",
        operator="≥",
        scoring_rule="达到目标值得满分",
        own_output=True,
    )
    library = selectors.library_for(department)
    assert library.get("ZDY-02").custom and library.output("科技志愿服务团队成员数").unit == "名"
    activity = record([{"output_key": "科技志愿服务团队成员数", "quantity": "37名"}])
    assert activity.outputs.get().text == "37名"
    with pytest.raises(IndicatorLibraryError, match="三级指标“科技志愿服务团队成员数”重复"):
        services.custom_indicator_create(
            actor=officer,
            department=department,
            code="ZDY-03",
            level1="效益指标",
            level2="可持续影响指标",
            name="科技志愿服务团队成员数",
            explanation="x",
            unit="名",
            operator="≥",
            scoring_rule="x",
        )


# ---------------------------------------------------------------- evidence


def test_evidence_is_stored_under_a_random_name_with_its_hash(officer, record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = record([])
    evidence = services.evidence_attach(
        actor=officer,
        activity=activity,
        upload=SimpleUploadedFile("现场照片.png", PNG, content_type="image/png"),
    )
    assert evidence.kind == "png" and evidence.size == len(PNG) and evidence.original_name == "现场照片.png"
    stored = evidence.file.name
    assert stored.startswith("evidence/") and "现场照片" not in stored and stored.endswith(".png")
    assert (tmp_path / stored).read_bytes() == PNG


def test_evidence_over_ten_megabytes_is_refused(officer, record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = record([])
    big = SimpleUploadedFile("大图.png", PNG + b"\x00" * (10 * 1024 * 1024), content_type="image/png")
    with pytest.raises(services.EvidenceRefused, match="超过10MB上限"):
        services.evidence_attach(actor=officer, activity=activity, upload=big)
    assert Evidence.objects.count() == 0 and not any(tmp_path.rglob("*.png"))


def test_evidence_type_is_checked_by_content_not_by_extension(officer, record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = record([])
    disguised = SimpleUploadedFile(
        "照片.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    with pytest.raises(services.EvidenceRefused, match="内容不是允许的类型"):
        services.evidence_attach(actor=officer, activity=activity, upload=disguised)
    renamed = SimpleUploadedFile("报告.docx", PDF, content_type="application/pdf")
    with pytest.raises(services.EvidenceRefused, match="扩展名与内容不符：内容是PDF"):
        services.evidence_attach(actor=officer, activity=activity, upload=renamed)
    assert (
        services.evidence_attach(
            actor=officer, activity=activity, upload=SimpleUploadedFile("报告.pdf", PDF)
        ).kind
        == "pdf"
    )


def test_an_auditor_cannot_attach_evidence(auditor, record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = record([])
    with pytest.raises(PermissionRefused, match="审计账号只能查看"):
        services.evidence_attach(actor=auditor, activity=activity, upload=SimpleUploadedFile("a.png", PNG))


def test_a_project_goal_is_checked_against_the_projects_own_budget(officer, department, budgeted):
    from tests.factories import make_line, make_project

    project = make_project(actor=officer, department=department, code="P01", name="科普大篷车")
    make_line(
        actor=officer,
        department=department,
        fund_type="project",
        func_code="2060702",
        amount="180000.00",
        project=project,
    )
    goal = services.goal_create(actor=officer, department=department, year=2023, kind="项目", project=project)
    tasks = [{**good_tasks()[0], "budget": "100000.00"}]
    services.goal_save(
        actor=officer, goal=goal, duties="", overall_goal="", tasks=tasks, indicators=good_indicators()
    )
    messages = [finding.message for finding in selectors.goal_findings(goal)]
    assert "年度主要任务预算金额合计100,000.00元，与部门预算180,000.00元不一致（少80,000.00元）" in messages
    with pytest.raises(GoalError, match="项目绩效目标须选择项目"):
        services.goal_create(actor=officer, department=department, year=2023, kind="项目")
