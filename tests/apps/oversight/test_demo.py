"""The oversight demo: 24 synthetic departments (演示数据) with goals, activities and reports in
every review state, some scored in jixiao and some uploaded with the score they state. Each
department's goal, activities and year end come from its own 部门类型's indicator library, and a
妇联's annual report, generated end to end, is written in a 妇联's words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from jixiao.apps.goals import selectors as goal_selectors
from jixiao.apps.goals.models import ActivityOutput, Goal, GoalState, LibraryVersion, YearEndActual
from jixiao.apps.orgs.models import Department, Role, User
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.apps.oversight.selectors import oversight_figures
from jixiao.domain.department_types import department_type
from jixiao.domain.money import wan

FULIAN = "常宁市妇女联合会"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from jixiao.apps.demo.builder import demo_build

    with django_db_blocker.unblock():
        demo_build(steps=("jixiao.apps.oversight.demo",))
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def built(demo, db):
    return demo


def test_demo_has_synthetic_departments_goals_scores_and_reports_in_every_review_state(built):
    assert Department.objects.filter(is_demo=True).count() >= 21
    states = sorted(ReportSubmission.objects.values_list("state", flat=True))
    assert states == ["accepted", "published", "returned"] + ["submitted"] * 5
    published = ReportSubmission.objects.get(state="published")
    assert f"全年支出{wan(Decimal(published.figures['spent_total']))}" in published.text
    page = Client().get(reverse("public:report", args=[published.public_slug])).content.decode()
    assert "演示数据" in page and published.department.name in page
    returned = ReportSubmission.objects.get(state="returned")
    assert returned.comments.get().paragraph_id == "p4.1"
    assert returned.comments.get().paragraph_text == "项目支出执行进度偏慢。"

    # goals and scores that differ from one department to the next
    synthetic = Department.objects.filter(is_demo=True).exclude(name="常宁市科学技术协会")
    assert Goal.objects.filter(department__in=synthetic, year=2023, state=GoalState.SUBMITTED).count() == 24

    staff = User.objects.get(role=Role.BUREAU_STAFF)
    rows = oversight_figures(user=staff, year=2023, as_of=dt.date(2024, 3, 1))
    completions = {r.goal.completion_text for r in rows if r.goal}
    assert len(completions) >= 3  # the activities reach the targets to different degrees
    assert any(r.goal.warnings for r in rows if r.goal)

    scores = [r.report for r in rows if r.report]
    assert len(scores) == 8
    composed = [s for s in scores if not s.uploaded]
    # scored in jixiao from each department's own data, with the shipped framework
    assert all(s.score is not None and s.basis == "computed" for s in composed)
    uploaded = [s for s in scores if s.uploaded]
    assert sorted(s.score is None for s in uploaded) == [False, False, False, True]
    assert {s.basis for s in uploaded if s.score is not None} == {"stated"}


def test_each_synthetic_department_works_from_its_own_types_library(built):
    synthetic = Department.objects.filter(is_demo=True).exclude(name="常宁市科学技术协会")
    assert synthetic.count() == 24
    for department in synthetic:
        goal = goal_selectors.department_goal(department, 2023)
        assert goal.library_version == department_type(department.department_type).library_version
        assert goal.common_version == "gongxing-v1"
        library = goal_selectors.library_for_goal(goal)
        names = [row.name for row in goal.indicators.all()]
        assert len(names) >= 19
        assert all(library.find(name) is not None for name in names), department.name
        keys = set(
            ActivityOutput.objects.filter(activity__department=department).values_list(
                "output_key", flat=True
            )
        )
        assert keys and keys <= {output.key for output in library.outputs}
        # the year end: tasks done, every indicator nothing feeds or computes has its actual (演示数据)
        rows = goal_selectors.year_end_rows(goal)
        assert all(item.actual_text for item in rows if item.computed is None), department.name
        assert all(
            "演示数据" in actual.evidence for actual in YearEndActual.objects.filter(indicator__goal=goal)
        )
    fulian = Department.objects.get(name=FULIAN)
    assert fulian.department_type == "妇联"
    areas = set(fulian.work_areas.values_list("name", flat=True))
    assert {"妇女维权", "巾帼建功"} <= areas


def test_the_bureau_has_a_draft_library_version_that_changes_no_goal(built):
    draft = LibraryVersion.objects.get(version="fulian-cn2024")
    assert not draft.is_published and draft.is_demo and draft.department_type == "妇联"
    assert not Goal.objects.filter(library_version="fulian-cn2024").exists()


def test_a_fulian_report_generated_end_to_end_has_its_work_and_goals_in_its_own_words(built, tmp_path):
    from jixiao.cli import main

    out = tmp_path / "fulian.txt"
    assert (
        main(["report", "--department", FULIAN, "--year", "2023", "--format", "txt", "--out", str(out)]) == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "科普" not in text and "科协" not in text
    work = text[text.index("（一）年度主要工作完成情况") : text.index("（二）绩效目标完成情况")]
    assert "在妇女维权方面" in work and "维权咨询接待" in work and "巾帼宣讲" in work
    goals = text[text.index("表2") :]
    for name in ("巾帼宣讲场次", "维权咨询接待人次", "妇女群众满意度", "年度工作任务完成率"):
        assert name in goals
