"""The goal's year-end record: actuals typed for indicators no activity feeds, and how each 年度主要任务
ended. Both are entered after the goal is submitted (the plan stays locked), by the department's own
finance officer or head, audited old → new; the annual report reads them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.apps.goals import selectors, services
from jixiao.apps.goals.models import GoalTask, TaskCompletion, YearEndActual
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.facts import WorkCompletion
from jixiao.domain.year_end import YearEndRefused
from tests.apps.goals.conftest import good_indicators
from tests.factories import PASSWORD

D = dt.date

# 5 tasks adding up to the ledger's 100,000元; two are 重点工作 (交办或下达); one has no due date.
TASKS = [
    {"name": "科普宣传", "budget": "40000.00", "due_date": D(2023, 6, 30), "is_key": True},
    {"name": "全国科普日", "budget": "15000.00", "due_date": D(2023, 9, 30), "is_key": True},
    {"name": "青少年科技教育", "budget": "15000.00", "due_date": D(2023, 10, 31)},
    {"name": "乡村振兴", "budget": "15000.00", "due_date": D(2023, 11, 30)},
    {"name": "机关党建", "budget": "15000.00"},
]


def _indicators() -> list[dict]:
    rows = good_indicators()
    rows[3]["target"] = "≤4"  # 科普宣传支出 (万元) within its task's 40,000元
    return rows


@pytest.fixture
def submitted(officer, department, budgeted):
    goal = services.goal_create(actor=officer, department=department, year=2023)
    services.goal_save(
        actor=officer, goal=goal, duties="", overall_goal="", tasks=TASKS, indicators=_indicators()
    )
    return services.goal_submit(actor=officer, goal=goal)


def _indicator(goal, name):
    return goal.indicators.get(name=name)


def _task(goal, name):
    return goal.tasks.get(name=name)


# ---------------------------------------------------------------- plan fields


def test_tasks_keep_their_due_date_and_key_flag_through_save_and_into_the_domain_goal(submitted):
    task = _task(submitted, "全国科普日")
    assert (task.due_date, task.is_key) == (D(2023, 9, 30), True)
    domain_goal = selectors.goal_to_domain(submitted)
    assert [(t.name, t.due, t.is_key) for t in domain_goal.tasks][-1] == ("机关党建", None, False)
    assert AuditEvent.objects.get(action="goal_save").after["tasks"][1] == [
        "全国科普日",
        "15000.00",
        "2023-09-30",
        True,
    ]


# ---------------------------------------------------------------- year-end actuals


def test_an_actual_is_entered_parsed_in_the_indicators_unit_and_audited(officer, submitted):
    row = _indicator(submitted, "公众满意度")
    actual = services.year_end_actual_enter(
        actor=officer, indicator=row, text="96.2%", evidence="问卷186份，满意179份"
    )
    assert (actual.value, actual.unit, actual.text, actual.entered_by) == (
        Decimal("96.2"),
        "%",
        "96.2%",
        officer,
    )
    event = AuditEvent.objects.get(action="year_end_actual_enter")
    assert event.before is None and event.action_label == "录入年末实际完成值"
    assert event.after["indicator"] == "公众满意度" and event.after["text"] == "96.2%"


def test_re_entry_replaces_the_value_and_the_audit_keeps_old_and_new(officer, head, submitted):
    row = _indicator(submitted, "科普宣传支出")
    services.year_end_actual_enter(actor=officer, indicator=row, text="3.9万元", evidence="账簿")
    services.year_end_actual_enter(actor=head, indicator=row, text="38,500.00元", evidence="账簿（决算后）")
    actual = YearEndActual.objects.get(indicator=row)
    assert (actual.value, actual.unit, actual.entered_by) == (Decimal("3.85"), "万元", head)
    events = AuditEvent.objects.filter(action="year_end_actual_enter").order_by("id")
    assert [e.action_label for e in events] == ["录入年末实际完成值", "修改年末实际完成值"]
    assert events[1].before["text"] == "3.9万元" and events[1].after["text"] == "38,500.00元"
    assert YearEndActual.objects.count() == 1


def test_an_unparseable_actual_is_refused_naming_the_indicator_and_nothing_is_saved(officer, submitted):
    row = _indicator(submitted, "公众满意度")
    with pytest.raises(YearEndRefused) as refused:
        services.year_end_actual_enter(actor=officer, indicator=row, text="基本满意", evidence="问卷")
    assert refused.value.message.startswith("三级指标“公众满意度”的实际完成值“基本满意”无法识别")
    assert not YearEndActual.objects.exists()
    assert RefusalEvent.objects.get(action="year_end_actual_enter").error_code == "year_end_refused"


def test_evidence_is_required(officer, submitted):
    with pytest.raises(YearEndRefused, match="三级指标“公众满意度”：请填写实际完成值的依据/佐证说明"):
        services.year_end_actual_enter(
            actor=officer, indicator=_indicator(submitted, "公众满意度"), text="96%", evidence="  "
        )
    assert not YearEndActual.objects.exists()


def test_an_indicator_fed_by_activities_keeps_its_traced_actual(officer, submitted):
    assert selectors.fed_by_activities(submitted) == {"下乡科普场次", "科普活动受益群众总人次"}
    with pytest.raises(YearEndRefused, match="三级指标“下乡科普场次”的实际完成值由履职活动记录累计得出"):
        services.year_end_actual_enter(
            actor=officer, indicator=_indicator(submitted, "下乡科普场次"), text="30次", evidence="台账"
        )


def test_a_draft_goal_takes_no_year_end_record(officer, draft_goal):
    with pytest.raises(TransitionNotAllowed, match="尚未提交锁定"):
        services.year_end_actual_enter(
            actor=officer, indicator=_indicator(draft_goal, "公众满意度"), text="96%", evidence="问卷"
        )


def test_only_the_departments_own_people_may_enter(other_officer, auditor, bureau_staff, submitted):
    for user in (other_officer, auditor, bureau_staff):
        with pytest.raises(PermissionRefused):
            services.year_end_actual_enter(
                actor=user, indicator=_indicator(submitted, "公众满意度"), text="96%", evidence="问卷"
            )
    assert not YearEndActual.objects.exists()


def test_the_report_uses_the_entered_actual_and_its_evidence_when_no_activity_feeds_the_indicator(
    officer, department, submitted, area, record
):
    record([{"output_key": "下乡科普次数", "quantity": "近30次"}], date=D(2023, 12, 1))
    services.year_end_actual_enter(
        actor=officer,
        indicator=_indicator(submitted, "公众满意度"),
        text="88%",
        evidence="问卷50份，满意44份",
    )
    results = {r.name: r for r in selectors.goal_results_for(department=department, year=2023)}
    assert (results["公众满意度"].actual, results["公众满意度"].evidence) == (
        Decimal(88),
        "问卷50份，满意44份",
    )
    assert results["公众满意度"].actual_display == "88%"
    assert results["下乡科普场次"].actual == Decimal(30)
    assert results["下乡科普场次"].evidence == "下乡科普近30次"
    assert results["重点科普活动按期举办率"].actual is None  # neither traced nor entered


# ---------------------------------------------------------------- task completion


def _complete(actor, goal, name, finished_on, quality=True, evidence="验收意见"):
    return services.task_completion_record(
        actor=actor,
        task=_task(goal, name),
        completed=True,
        finished_on=finished_on,
        quality_passed=quality,
        evidence=evidence,
    )


def test_work_completion_counts_five_tasks_four_done_three_on_time_four_up_to_standard_two_key_done(
    officer, department, submitted
):
    _complete(officer, submitted, "科普宣传", D(2023, 6, 20))
    _complete(officer, submitted, "全国科普日", D(2023, 10, 10))  # after its due date 9-30
    _complete(officer, submitted, "青少年科技教育", D(2023, 10, 31))  # on the due date
    _complete(officer, submitted, "机关党建", D(2023, 12, 31))  # no due date: by year end
    # 乡村振兴 has no record: it counts as not done
    assert selectors.work_completion_for(department=department, year=2023) == WorkCompletion(
        planned=5, completed=4, timely=3, quality_passed=4, key_assigned=2, key_done=2
    )


def test_a_task_recorded_as_not_done_and_one_not_up_to_standard_count_as_such(officer, department, submitted):
    _complete(officer, submitted, "科普宣传", D(2023, 6, 20), quality=False)
    services.task_completion_record(
        actor=officer,
        task=_task(submitted, "全国科普日"),
        completed=False,
        finished_on=None,
        quality_passed=False,
    )
    assert selectors.work_completion_for(department=department, year=2023) == WorkCompletion(5, 1, 1, 0, 2, 1)


def test_no_department_goal_or_no_task_means_no_work_completion(
    officer, department, other_department, budgeted
):
    assert selectors.work_completion_for(department=other_department, year=2023) is None
    services.goal_create(actor=officer, department=department, year=2023)
    assert selectors.work_completion_for(department=department, year=2023) is None


def test_marking_a_task_done_needs_a_date_and_evidence_and_saves_nothing_otherwise(officer, submitted):
    with pytest.raises(YearEndRefused) as refused:
        services.task_completion_record(
            actor=officer,
            task=_task(submitted, "科普宣传"),
            completed=True,
            finished_on=None,
            quality_passed=True,
            evidence="",
        )
    assert refused.value.message == (
        "年度主要任务“科普宣传”已完成，请填写完成日期；"
        "年度主要任务“科普宣传”已完成，请填写完成依据（佐证说明：文件、记录或成果）"
    )
    assert not TaskCompletion.objects.exists()
    assert RefusalEvent.objects.get(action="task_completion_record").details["task"] == "科普宣传"


def test_revising_a_completion_is_audited_old_to_new_and_the_plan_stays_locked(officer, head, submitted):
    _complete(officer, submitted, "全国科普日", D(2023, 9, 19))
    _complete(head, submitted, "全国科普日", D(2023, 9, 19), quality=False, evidence="督查整改未销号")
    completion = TaskCompletion.objects.get(task__name="全国科普日")
    assert (completion.quality_passed, completion.recorded_by) == (False, head)
    event = AuditEvent.objects.filter(action="task_completion_record").latest("id")
    assert event.action_label == "修改年度任务完成情况"
    assert (event.before["quality_passed"], event.after["quality_passed"]) == (True, False)
    assert event.after["finished_on"] == "2023-09-19"
    with pytest.raises(TransitionNotAllowed):
        services.goal_save(
            actor=officer, goal=submitted, duties="", overall_goal="", tasks=TASKS, indicators=[]
        )
    assert GoalTask.objects.get(goal=submitted, name="全国科普日").due_date == D(2023, 9, 30)


def test_completion_is_entered_only_after_submission(officer, draft_goal):
    with pytest.raises(TransitionNotAllowed, match="年度任务完成情况须在绩效目标提交后填写"):
        _complete(officer, draft_goal, "科普宣传", D(2023, 6, 1))
    assert not TaskCompletion.objects.exists()


def test_completion_is_entered_only_by_the_departments_own_people(other_officer, auditor, submitted):
    for user in (other_officer, auditor):
        with pytest.raises(PermissionRefused):
            _complete(user, submitted, "科普宣传", D(2023, 6, 1))
    assert not TaskCompletion.objects.exists()


# ---------------------------------------------------------------- screens


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    session = client.session
    session["year"] = 2023
    session.save()
    return client


def test_the_officer_enters_an_actual_on_the_page_and_sees_it(client, officer, submitted):
    _login(client, officer)
    url = f"/goals/{submitted.pk}/actuals/"
    html = client.get(url).content.decode()
    row = _indicator(submitted, "公众满意度")
    fed = _indicator(submitted, "下乡科普场次")
    assert f'name="indicator" value="{row.pk}"' in html
    assert f'name="indicator" value="{fed.pk}"' not in html
    assert "由履职活动记录累计，不在此录入" in html
    assert "尚未填报 4 个" in html
    response = client.post(url, {"indicator": row.pk, "text": "96%", "evidence": "问卷100份，满意96份"})
    assert response.status_code == 302 and response["Location"] == f"{url}#ind-{row.pk}"
    html = client.get(url).content.decode()
    assert "已保存“公众满意度”的年末实际完成值：96%。" in html and "问卷100份，满意96份" in html
    assert "尚未填报 3 个" in html


def test_a_refused_actual_shows_the_refusal_box_and_saves_nothing(client, head, submitted):
    _login(client, head)
    row = _indicator(submitted, "公众满意度")
    response = client.post(
        f"/goals/{submitted.pk}/actuals/", {"indicator": row.pk, "text": "96次", "evidence": "问卷"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "已拒绝，未保存任何数据" in html
    assert "三级指标“公众满意度”的实际完成值“96次”的单位“次”与计量单位“%”不一致" in html
    assert not YearEndActual.objects.exists()


def test_the_officer_records_completion_on_the_page_and_sees_the_rates(client, officer, submitted):
    _login(client, officer)
    url = f"/goals/{submitted.pk}/completion/"
    task = _task(submitted, "全国科普日")
    response = client.post(
        url,
        {
            "task": task.pk,
            "completed": "on",
            "finished_on": "2023-09-19",
            "quality_passed": "on",
            "evidence": "9月19日主场活动",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{url}#task-{task.pk}"
    html = client.get(url).content.decode()
    assert "已保存年度主要任务“全国科普日”的完成情况。" in html
    assert '<td class="num">1</td><td class="num">5</td><td class="num">20.0%</td>' in html
    assert '<td class="num">1</td><td class="num">2</td><td class="num">50.0%</td>' in html  # 重点工作
    assert "未填（按2023-12-31）" in html  # 机关党建 has no due date


def test_bureau_and_auditor_read_the_pages_without_forms_and_may_not_post(
    client, bureau_staff, auditor, officer, submitted
):
    services.year_end_actual_enter(
        actor=officer, indicator=_indicator(submitted, "公众满意度"), text="96%", evidence="问卷"
    )
    for user in (bureau_staff, auditor):
        _login(client, user)
        for page in ("actuals", "completion"):
            response = client.get(f"/goals/{submitted.pk}/{page}/")
            assert response.status_code == 200
            assert '<form method="post" class="form compact">' not in response.content.decode()
        row = _indicator(submitted, "公众满意度")
        assert (
            client.post(
                f"/goals/{submitted.pk}/actuals/", {"indicator": row.pk, "text": "1%", "evidence": "x"}
            )
        ).status_code == 403
        client.logout()
    assert YearEndActual.objects.get().text == "96%"


def test_another_department_gets_404_on_both_pages(client, other_officer, submitted):
    _login(client, other_officer)
    for page in ("actuals", "completion"):
        assert client.get(f"/goals/{submitted.pk}/{page}/").status_code == 404
        assert client.post(f"/goals/{submitted.pk}/{page}/", {}).status_code == 404


def test_a_row_of_another_goal_is_404(client, officer, submitted, department):
    _login(client, officer)
    response = client.post(
        f"/goals/{submitted.pk}/actuals/", {"indicator": "999999", "text": "96%", "evidence": "问卷"}
    )
    assert response.status_code == 404


def test_the_goal_and_monitoring_pages_link_to_the_year_end_pages(client, officer, submitted):
    _login(client, officer)
    for url in (f"/goals/{submitted.pk}/", "/goals/monitoring/?as_of=2023-12-31"):
        html = client.get(url).content.decode()
        assert f'href="/goals/{submitted.pk}/actuals/"' in html, url
        assert f'href="/goals/{submitted.pk}/completion/"' in html, url


def test_due_dates_and_key_flags_are_edited_with_the_tasks(client, officer, draft_goal):
    from tests.apps.goals.test_views import _entry_data

    _login(client, officer)
    tasks = [
        {
            "name": "科普宣传",
            "content": "",
            "fund_type": "",
            "budget": "100000.00",
            "due_date": "2023-09-30",
            "is_key": "on",
        }
    ]
    response = client.post(
        f"/goals/{draft_goal.pk}/edit/", _entry_data(tasks, good_indicators(), action="save")
    )
    assert response.status_code == 302
    task = draft_goal.tasks.get()
    assert (task.due_date, task.is_key) == (D(2023, 9, 30), True)
    html = client.get(f"/goals/{draft_goal.pk}/edit/").content.decode()
    assert 'value="2023-09-30"' in html and ">重点工作（交办或下达）<" in html
