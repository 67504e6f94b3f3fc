"""The oversight demo: 24 synthetic departments (演示数据) with goals, activities and reports in
every review state, some scored in jixiao and some uploaded with the score they state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.apps.goals.models import Goal, GoalState
from jixiao.apps.orgs.models import Department, Role, User
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.apps.oversight.selectors import oversight_figures
from jixiao.domain.money import wan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def built():
    from jixiao.apps.demo.builder import demo_build

    demo_build(steps=("jixiao.apps.oversight.demo",))


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
