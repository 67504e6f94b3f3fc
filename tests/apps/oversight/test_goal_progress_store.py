"""The overview stores each department's goal reading (``GoalProgressSummary``) under a digest of
its inputs: a later request in any process reads it back instead of evaluating again, any change to
the department's data is evaluated afresh, and the older reading is deleted (issue 19)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.apps.goals import overview
from jixiao.apps.goals import services as goals
from jixiao.apps.goals.models import GoalProgressSummary, WorkArea
from jixiao.apps.orgs.models import Department
from jixiao.apps.oversight.selectors import goal_progress_for
from jixiao.domain.monitoring import MonitoringThresholds
from jixiao.domain.oversight import progress_from_data, progress_to_data
from tests.apps.oversight.goal_sample import build_watched, populate

pytestmark = pytest.mark.django_db
LATER = dt.date(2024, 3, 1)
YEAR_END = dt.date(2023, 12, 31)


@pytest.fixture
def evaluations(monkeypatch):
    """Count the departments ``overview.evaluate`` is asked to evaluate."""
    seen = []
    real = overview.evaluate

    def counting(*args):
        seen.append(args[0])
        return real(*args)

    monkeypatch.setattr(overview, "evaluate", counting)
    return seen


def test_a_stored_reading_is_read_back_without_evaluating_again(officer, department, evaluations):
    build_watched(officer, department)
    first = goal_progress_for([department.pk], year=2023, as_of=LATER)[department.pk]
    assert evaluations == [department.pk]
    stored = GoalProgressSummary.objects.get(department=department)
    assert (stored.year, stored.as_of) == (2023, YEAR_END)

    overview.forget_evaluations()  # a new process: nothing remembered but the stored reading
    again = goal_progress_for([department.pk], year=2023, as_of=LATER)[department.pk]
    assert evaluations == [department.pk]  # not evaluated a second time
    assert again == first
    assert again.completion_text == "75.0%（3/4）"
    assert again.warning_kinds == {"大幅超额(目标偏低)": 1, "预计无法完成": 1, "预算执行滞后": 2}


def test_new_activity_output_is_evaluated_afresh_and_the_old_reading_goes(officer, department, evaluations):
    build_watched(officer, department)
    before = goal_progress_for([department.pk], year=2023, as_of=LATER)[department.pk]
    old_digest = GoalProgressSummary.objects.get(department=department).digest
    area = WorkArea.objects.get(department=department)
    goals.activity_record(  # four more 科普活动: 6 of 6, the missed target is now met
        actor=officer,
        department=department,
        date=dt.date(2023, 11, 20),
        title="科普活动",
        area=area,
        outputs=[{"quantity": "4次", "output_key": "科普活动次数"}],
    )
    after = goal_progress_for([department.pk], year=2023, as_of=LATER)[department.pk]
    assert evaluations == [department.pk, department.pk]
    assert (before.met, after.met) == (3, 4)
    assert after.completion_text == "100.0%（4/4）"
    rows = list(GoalProgressSummary.objects.filter(department=department))
    assert len(rows) == 1 and rows[0].digest != old_digest


def test_other_thresholds_are_another_reading(officer, department, evaluations):
    build_watched(officer, department)
    default = goal_progress_for([department.pk], year=2023, as_of=LATER)[department.pk]
    lenient = MonitoringThresholds(budget_lag_points=Decimal(70))
    relaxed = goal_progress_for([department.pk], year=2023, as_of=LATER, limits={department.pk: lenient})
    assert len(evaluations) == 2
    assert "预算执行滞后" in default.warning_kinds
    assert "预算执行滞后" not in relaxed[department.pk].warning_kinds


def test_stored_readings_cost_the_same_queries_for_one_department_or_many(
    officer, department, bureau, bureau_staff, evaluations
):
    build_watched(officer, department)
    populate(bureau, bureau_staff, 0, 12)
    ids = list(Department.objects.filter(bureau=bureau).values_list("pk", flat=True))
    goal_progress_for([department.pk], year=2023, as_of=LATER)
    goal_progress_for(ids, year=2023, as_of=LATER)  # stores the others' readings
    assert len(evaluations) == 13 and GoalProgressSummary.objects.count() == 13
    with CaptureQueriesContext(connection) as one:
        goal_progress_for([department.pk], year=2023, as_of=LATER)
    with CaptureQueriesContext(connection) as many:
        readings = goal_progress_for(ids, year=2023, as_of=LATER)
    assert len(evaluations) == 13  # everything read back, nothing evaluated
    assert len(one) == len(many)
    assert len(readings) == 13
    assert sum(r.completion_text == "33.3%（1/3）" for r in readings.values()) == 12


def test_a_reading_survives_its_json_form(officer, department):
    build_watched(officer, department)
    progress = goal_progress_for([department.pk], year=2023, as_of=LATER)[department.pk]
    assert progress.warnings and any(w.figures for w in progress.warnings)
    assert progress_from_data(progress_to_data(progress)) == progress


def test_a_busy_database_only_postpones_storing(officer, department, evaluations, monkeypatch):
    """When the write fails (SQLite busy with an import), the page still gets the reading it
    computed; nothing is stored, and the next request stores it."""
    from django.db import OperationalError

    build_watched(officer, department)

    def busy(*args, **kwargs):
        raise OperationalError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(GoalProgressSummary.objects, "bulk_create", busy)
        first = goal_progress_for([department.pk], year=2023, as_of=LATER)[department.pk]
    assert first.completion_text == "75.0%（3/4）"
    assert not GoalProgressSummary.objects.exists()
    again = goal_progress_for([department.pk], year=2023, as_of=LATER)[department.pk]
    assert again == first and evaluations == [department.pk, department.pk]
    assert GoalProgressSummary.objects.count() == 1
