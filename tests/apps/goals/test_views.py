"""Goal, activity and evidence screens: thin views over the services; another department's rows are 404."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.apps.goals import services
from jixiao.apps.goals.models import Activity, CustomIndicator, Goal, GoalState
from tests.apps.goals.conftest import good_indicators, good_tasks
from tests.factories import PASSWORD
from tests.formats.test_goal_table import INDICATORS, build_goal_workbook

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    session = client.session
    session["year"] = 2023
    session.save()
    return client


def _entry_data(tasks, indicators, **extra) -> dict:
    data = {
        "duties": "",
        "overall_goal": "",
        "tasks-TOTAL_FORMS": str(len(tasks)),
        "tasks-INITIAL_FORMS": "0",
        "ind-TOTAL_FORMS": str(len(indicators)),
        "ind-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(tasks):
        data.update({f"tasks-{index}-{key}": value for key, value in row.items()})
    for index, row in enumerate(indicators):
        data.update({f"ind-{index}-{key}": value for key, value in row.items()})
    data.update(extra)
    return data


@pytest.fixture
def evidence(officer, record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = record([{"output_key": "下乡科普次数", "quantity": "1次"}])
    return services.evidence_attach(
        actor=officer, activity=activity, upload=SimpleUploadedFile("照片.png", PNG)
    )


def test_another_departments_goal_activity_and_evidence_are_404(client, other_officer, draft_goal, evidence):
    _login(client, other_officer)
    activity = evidence.activity
    for url in (
        f"/goals/{draft_goal.pk}/",
        f"/goals/{draft_goal.pk}/edit/",
        f"/goals/activities/{activity.pk}/",
        f"/goals/evidence/{evidence.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/goals/{draft_goal.pk}/submit/").status_code == 404
    assert client.post(f"/goals/{draft_goal.pk}/validate/", {}).status_code == 404


def test_evidence_is_served_only_through_the_checked_view_with_nosniff(client, officer, evidence):
    _login(client, officer)
    response = client.get(f"/goals/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    client.logout()
    assert client.get(f"/goals/evidence/{evidence.pk}/").status_code == 302  # to the login page


def test_live_validation_names_the_vague_indicator_and_saves_nothing(client, officer, draft_goal):
    _login(client, officer)
    rows = good_indicators()
    rows[0]["target"] = "有效提高"
    response = client.post(f"/goals/{draft_goal.pk}/validate/", _entry_data(good_tasks(), rows))
    data = json.loads(response.content)
    assert data["submittable"] is False
    vague = [f for f in data["findings"] if f["code"] == "vague_target"]
    assert vague[0]["indicator"] == "下乡科普场次" and vague[0]["error"] is True
    assert "三级指标“下乡科普场次”的指标值“有效提高”是模糊表述" in vague[0]["message"]
    assert draft_goal.indicators.get(name="下乡科普场次").target == "≥24"


def test_save_and_submit_without_javascript_shows_the_refusal_then_succeeds_when_fixed(
    client, officer, draft_goal
):
    _login(client, officer)
    rows = good_indicators()
    rows[0]["target"] = "有效提高"
    response = client.post(f"/goals/{draft_goal.pk}/edit/", _entry_data(good_tasks(), rows, action="submit"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "已拒绝，未保存任何数据" in html and "三级指标“下乡科普场次”有错误，绩效目标不能提交" in html
    draft_goal.refresh_from_db()
    assert draft_goal.state == GoalState.DRAFT
    rows[0]["target"] = "≥24"
    response = client.post(f"/goals/{draft_goal.pk}/edit/", _entry_data(good_tasks(), rows, action="submit"))
    assert response.status_code == 302 and response["Location"] == f"/goals/{draft_goal.pk}/"
    draft_goal.refresh_from_db()
    assert draft_goal.state == GoalState.SUBMITTED


def test_the_goal_page_is_laid_out_like_the_hunan_table(client, officer, draft_goal):
    _login(client, officer)
    html = client.get(f"/goals/{draft_goal.pk}/").content.decode()
    for heading in (
        "年度主要任务",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值类型",
        "指标值",
        "计量单位",
        "分值",
        "指标解释",
        "评(扣)分标准",
        "关联任务",
    ):
        assert f">{heading}<" in html, heading
    assert "≥24" in html and "未发现问题，可以提交" in html


def test_a_goal_is_imported_from_a_hunan_goal_table(client, officer, department, budgeted, tmp_path):
    _login(client, officer)
    path = tmp_path / "目标表.xlsx"
    build_goal_workbook(path)
    with path.open("rb") as handle:
        response = client.post("/goals/import/", {"file": handle})
    goal = Goal.objects.get(department=department, year=2023)
    assert response.status_code == 302 and response["Location"] == f"/goals/{goal.pk}/"
    assert [row.name for row in goal.indicators.all()] == [item[2] for item in INDICATORS]
    assert goal.state == GoalState.DRAFT


def test_activities_are_filtered_by_area_and_month_with_totals_per_unit(
    client, officer, department, area, record
):
    from jixiao.apps.goals.models import WorkArea

    other_area = WorkArea.objects.create(department=department, name="党建", order=2)
    record(
        [{"output_key": "受益群众人次", "quantity": "2000余人"}], date=dt.date(2023, 5, 25), title="科技周"
    )
    record(
        [{"output_key": "受益群众人次", "quantity": "2500余人"}], date=dt.date(2023, 9, 19), title="科普日"
    )
    record(
        [
            {"output_key": "下乡科普次数", "quantity": "近30次"},
            {"output_key": "受益群众人次", "quantity": "2万余名"},
        ],
        date=dt.date(2023, 1, 1),
        end_date=dt.date(2023, 12, 31),
        date_text="全年",
        title="下乡科普",
    )
    services.activity_record(
        actor=officer,
        department=department,
        date=dt.date(2023, 5, 1),
        title="理论学习",
        area=other_area,
        outputs=[{"output_key": "理论学习次数", "quantity": "1次"}],
    )
    _login(client, officer)
    response = client.get(f"/goals/activities/?area={area.pk}&month=5")
    titles = [activity.title for activity in response.context["activities"]]
    assert titles == ["下乡科普", "科技周"]
    totals = {(t.key, t.unit): (t.number, t.approximate) for t in response.context["totals"]}
    assert totals == {
        ("下乡科普次数", "次"): ("30", True),
        ("受益群众人次", "人次"): ("22000", True),  # 2000余人 + 2万余名, in the output's unit
    }
    assert "近30次" in response.content.decode()


def test_an_activity_is_recorded_through_the_form(client, officer, department, area):
    _login(client, officer)
    data = {
        "title": "“三下乡”科普",
        "date": "2023-04-27",
        "end_date": "",
        "date_text": "",
        "place": "庙前镇",
        "area": str(area.pk),
        "partners": "禁毒办",
        "description": "",
        "out-TOTAL_FORMS": "2",
        "out-INITIAL_FORMS": "0",
        "out-0-output_key": "受益群众人次",
        "out-0-quantity": "500余人次",
        "out-0-label": "",
        "out-1-output_key": "",
        "out-1-quantity": "",
        "out-1-label": "",
    }
    response = client.post("/goals/activities/new/", data)
    activity = Activity.objects.get(department=department)
    assert response.status_code == 302 and response["Location"] == f"/goals/activities/{activity.pk}/"
    assert [output.text for output in activity.outputs.all()] == ["500余人次"]


def test_a_department_adds_its_own_indicator_from_the_library_page(client, officer, department):
    _login(client, officer)
    data = {
        "code": "ZDY-01",
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "科普讲座场次",
        "explanation": "举办科普讲座的场次",
        "unit": "场",
        "operator": "≥",
        "scoring_rule": "达到得满分",
        "value_type": "定量",
        "fed_by": ["科普活动次数"],
    }
    response = client.post("/goals/indicators/", data)
    assert response.status_code == 302
    assert CustomIndicator.objects.get(department=department).fed_by == ["科普活动次数"]
    html = client.get("/goals/indicators/").content.decode()
    assert "科普讲座场次" in html and "自定义" in html and "下乡科普场次" in html


def test_an_auditor_sees_goals_but_cannot_submit(client, auditor, draft_goal):
    _login(client, auditor)
    assert client.get(f"/goals/{draft_goal.pk}/").status_code == 200
    assert client.post(f"/goals/{draft_goal.pk}/submit/").status_code == 403


def test_a_library_indicator_is_added_to_a_draft_with_the_librarys_wording(client, officer, draft_goal):
    _login(client, officer)
    response = client.post(
        f"/goals/{draft_goal.pk}/add-indicator/", {"code": "KX-SL-12", "target": "≥30", "task": "科普宣传"}
    )
    assert response.status_code == 302
    row = draft_goal.indicators.get(code="KX-SL-12")
    assert (row.name, row.unit, row.operator, row.target, row.task) == (
        "全国科普日参与单位数",
        "家",
        "≥",
        "≥30",
        "科普宣传",
    )
    assert row.progress == {"points": [{"date": "09-30", "share": "100"}]}
    assert row.scoring_rule == "达到目标值得满分；每少1家扣该项分值的5%"
    client.post(f"/goals/{draft_goal.pk}/add-indicator/", {"code": "KX-SL-12", "target": "≥30"})
    assert draft_goal.indicators.filter(code="KX-SL-12").count() == 1
    assert "已在目标中" in client.get(f"/goals/{draft_goal.pk}/edit/").content.decode()


def test_monitoring_without_a_goal_says_so_and_with_one_counts_activities_up_to_the_date(
    client, officer, department, draft_goal, record
):
    other = department.goals.get()
    other.delete()  # cascade: the draft's rows; a department with no goal yet
    _login(client, officer)
    html = client.get("/goals/monitoring/?as_of=2023-07-31").content.decode()
    assert "2023年度还没有部门整体绩效目标，无法监控" in html
    goal = services.goal_create(actor=officer, department=department, year=2023)
    services.goal_save(
        actor=officer, goal=goal, duties="", overall_goal="", tasks=good_tasks(), indicators=good_indicators()
    )
    record([{"output_key": "下乡科普次数", "quantity": "12次"}], date=dt.date(2023, 6, 1))
    record([{"output_key": "下乡科普次数", "quantity": "5次"}], date=dt.date(2023, 8, 1))
    response = client.get("/goals/monitoring/?as_of=2023-07-31")
    progress = response.context["report"].progress_of("下乡科普场次")
    assert progress.actual == 12 and progress.expected == 14  # 24 × 58.33%; August's 5 not yet counted
    assert progress.status.value == "进度滞后"
    assert response.context["report"].time_progress.quantize(Decimal("0.01")) == Decimal("58.33")


def test_a_department_names_its_work_areas_before_recording_activities(client, officer, department):
    _login(client, officer)
    assert client.post("/goals/activities/areas/", {"name": "乡村振兴"}).status_code == 302
    client.post("/goals/activities/areas/", {"name": "乡村振兴"})
    assert list(department.work_areas.values_list("name", flat=True)) == ["乡村振兴"]
    assert "工作领域“乡村振兴”已存在" in client.get("/goals/activities/").content.decode()
