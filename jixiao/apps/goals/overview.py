"""The 双监控 of many departments at once, for the finance bureau's overview. Read only, except for
the stored readings described below.

``selectors.monitoring_view`` answers for one department with a dozen queries; a page of a
hundred departments cannot afford that. Here a fixed number of queries covers every department
given — their overall goals, the goals' indicators, the departments' own indicators, the activity
outputs summed per department and kind of output, and the budget lines' running totals per
department and project — and each department's figures then go through the same domain functions
as the 双监控 page (``indicator_actuals``, ``monitor``), so the overview and the page agree.

Evaluating a hundred goals costs far more than reading them, so each department's reading (goal
completion and warnings, ``GoalProgress``) is stored in ``GoalProgressSummary`` under a digest of
everything it was computed from (the indicator rows as stored, the department's own indicators,
the output totals, the budget totals, the thresholds, the date, and the code and shipped data that
evaluate them). A department whose inputs have not changed since any process last evaluated it is
read back in one query with the others, not evaluated again; any change to its data makes a new
digest, so it is evaluated afresh and its older readings are deleted.

Two differences from the page, both deliberate: budget execution comes from the budget lines'
running totals (what has been spent so far, the overview's own figures) rather than ledger rows
dated up to ``as_of``, which only differ for vouchers dated in the future; and the outputs are
summed in the database (an activity covering a period counts from its end date, as on the page).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.db import OperationalError, connection, transaction
from django.db.models import Q, Sum, TextField
from django.db.models.functions import Cast, Coalesce

from jixiao.apps.budgets.models import BudgetLine
from jixiao.apps.goals import libraries
from jixiao.apps.goals.models import (
    ActivityOutput,
    CustomIndicator,
    Goal,
    GoalIndicator,
    GoalProgressSummary,
    GoalState,
)
from jixiao.domain import goals as domain
from jixiao.domain.goals import GoalKind, curve_from_data
from jixiao.domain.indicator_library import (
    IndicatorLibrary,
    RecordedOutput,
    actual_values,
    indicator_actuals,
)
from jixiao.domain.monitoring import BudgetLine as MonitoredLine
from jixiao.domain.monitoring import (
    FundKind,
    MonitoringThresholds,
    load_monitoring_thresholds,
    monitor,
)
from jixiao.domain.oversight import GoalProgress, goal_progress, progress_from_data, progress_to_data
from jixiao.domain.quantity import Quantity

logger = logging.getLogger(__name__)

INDICATOR_COLUMNS = ("name", "value_type", "target", "unit", "operator", "code")
CUSTOM_COLUMNS = (
    "code",
    "level1",
    "level2",
    "name",
    "explanation",
    "unit",
    "operator",
    "scoring_rule",
    "value_type",
    "fed_by",
    "own_output",
)
JIXIAO = Path(__file__).resolve().parents[2]
# What evaluates a goal besides its data: a change to any of these files after an upgrade makes
# every stored reading's digest new, so none is reused.
EVALUATED_BY = (
    Path(__file__),
    JIXIAO / "apps" / "goals" / "libraries.py",
    *(
        JIXIAO / "domain" / name
        for name in ("goals.py", "indicator_library.py", "monitoring.py", "oversight.py", "quantity.py")
    ),
)
LIBRARY_DATA = JIXIAO / "data" / "indicators"  # the shipped libraries and the default thresholds
REMEMBERED = 4096  # decoded readings kept in the process: a few bureaus' departments


def forget_evaluations() -> None:
    """Drop what this process remembers (parsed targets, libraries, decoded readings); stored
    readings stay."""
    _read_back.cache_clear()
    _indicator.cache_clear()
    _parsed_target.cache_clear()
    _library.cache_clear()
    _code_fingerprint.cache_clear()


@lru_cache(maxsize=1)
def thresholds() -> MonitoringThresholds:
    return load_monitoring_thresholds()


def progress_for_departments(
    department_ids: Iterable[int],
    *,
    year: int,
    as_of: dt.date,
    limits: dict[int, MonitoringThresholds] | None = None,
) -> dict[int, GoalProgress]:
    """Goal completion and 双监控 warnings of each given department that has an overall goal for
    ``year`` (by department id), at ``as_of``.

    Six queries whatever the number of departments when every reading is stored; when some are
    evaluated afresh, one short transaction stores them all and deletes their older readings.
    """
    inputs = _inputs(list(department_ids), year, as_of, limits or {})
    if not inputs:
        return {}
    fingerprint = _code_fingerprint()
    digests = {department_id: _digest(fingerprint, args) for department_id, args in inputs.items()}
    stored = dict(
        GoalProgressSummary.objects.filter(digest__in=digests.values())
        .annotate(text=Cast("progress", TextField()))  # read back here only when not remembered
        .values_list("digest", "text")
    )
    result: dict[int, GoalProgress] = {}
    fresh: list[GoalProgressSummary] = []
    for department_id, args in inputs.items():
        digest = digests[department_id]
        if digest in stored:
            result[department_id] = _read_back(digest, stored[digest])
            continue
        progress = evaluate(*args)
        result[department_id] = progress
        fresh.append(
            GoalProgressSummary(
                department_id=department_id,
                year=year,
                as_of=as_of,
                digest=digests[department_id],
                progress=progress_to_data(progress),
            )
        )
    if fresh:
        _store(fresh, year)
    return result


@lru_cache(maxsize=REMEMBERED)
def _read_back(digest: str, text: str) -> GoalProgress:
    """A stored reading as a ``GoalProgress`` (remembered by its digest: the same digest is the
    same reading, so a warm page decodes nothing)."""
    return progress_from_data(json.loads(text))


def _inputs(
    ids: list[int], year: int, as_of: dt.date, limits: dict[int, MonitoringThresholds]
) -> dict[int, tuple]:
    """Per department with an overall goal for ``year``: the arguments of ``evaluate``. Five queries."""
    goals = {
        row["department_id"]: row
        for row in Goal.objects.filter(
            department_id__in=ids, year=year, kind=GoalKind.DEPARTMENT.value
        ).values("id", "department_id", "department__bureau_id", "state", "library_version", "common_version")
    }
    if not goals:
        return {}
    indicators = _indicator_rows(ids, year)
    custom = _custom_rows(list(goals))
    outputs = _output_totals(ids, year, as_of)
    lines = _budget_lines(ids, year)
    return {
        department_id: (
            department_id,
            goal["id"],
            goal["state"] == GoalState.SUBMITTED,
            year,
            as_of,
            (goal["department__bureau_id"], goal["library_version"], goal["common_version"]),
            custom.get(department_id, ()),
            indicators.get(goal["id"], ()),
            outputs.get(department_id, ()),
            lines.get(department_id, ()),
            limits.get(department_id),  # the bureau's early-warning thresholds, if set
        )
        for department_id, goal in goals.items()
    }


def _digest(fingerprint: str, args: tuple) -> str:
    """A digest of everything a department's reading is computed from (``repr`` of the rows as read:
    Decimals keep their stored scale, dates and dataclasses their fields)."""
    return hashlib.sha256(f"{fingerprint}|{args!r}".encode()).hexdigest()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A digest of the code and shipped indicator libraries that evaluate a goal."""
    digest = hashlib.sha256()
    files = [*EVALUATED_BY, *sorted(path for path in LIBRARY_DATA.rglob("*") if path.is_file())]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _store(fresh: list[GoalProgressSummary], year: int) -> None:
    """Store the new readings and delete the same departments' older ones of ``year``, in one short
    transaction. Best effort: the rows are derived, so when the database is busy with a long write
    (on SQLite, a voucher import holds the only write lock for a minute) the page does not wait
    for it; it shows the readings it computed and the next request stores them. Two requests
    storing the same reading at once both succeed (the second insert is ignored)."""
    try:
        with _short_wait(), transaction.atomic():
            GoalProgressSummary.objects.filter(
                department_id__in=[row.department_id for row in fresh], year=year
            ).exclude(digest__in=[row.digest for row in fresh]).delete()
            GoalProgressSummary.objects.bulk_create(fresh, ignore_conflicts=True)
    except OperationalError:
        logger.info("目标监控结果未保存（数据库正忙），下次请求再保存：%d 个单位", len(fresh))


@contextmanager
def _short_wait(milliseconds: int = 200):
    """On SQLite, wait at most ``milliseconds`` for the write lock (instead of the connection's
    30 s) while the block runs; elsewhere nothing changes."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(before)}")


def evaluate(
    department_id: int,
    goal_id: int,
    submitted: bool,
    year: int,
    as_of: dt.date,
    versions: tuple[int, str, str],
    custom: tuple[tuple, ...],
    indicator_rows: tuple[tuple, ...],
    outputs: tuple[tuple[str, Decimal], ...],
    lines: tuple[MonitoredLine, ...],
    limits: MonitoringThresholds | None = None,
) -> GoalProgress:
    """One department's reading of its overall goal (indicators met, 双监控 warnings), from its data
    as read (every argument is part of the digest the reading is stored under; the result is a pure
    function of them). ``versions`` is (bureau id, the goal's type library version, its 共性
    library version). When the records cannot be read against the indicator library, the reading
    carries only ``error`` (naming the output); the 双监控 page refuses the same data."""
    library = _library(versions, custom)
    goal = domain.Goal(
        department="",
        indicators=tuple(_indicator(row, number) for number, row in enumerate(indicator_rows, start=1)),
        tasks=(),
        year=year,
        kind=GoalKind.DEPARTMENT,
    )
    unknown = sorted({key for key, _total in outputs} - {output.key for output in library.outputs})
    if unknown:
        return GoalProgress(
            goal_id=goal_id,
            submitted=submitted,
            as_of=as_of,
            error=f"履职活动记录的产出“{'、'.join(unknown)}”不在指标库{library.version}的活动产出中，"
            "无法计算指标实际值",
        )
    recorded = [
        RecordedOutput(output=key, quantity=Quantity(total), source="履职活动记录") for key, total in outputs
    ]
    report = monitor(
        goal,
        as_of=as_of,
        actuals=actual_values(indicator_actuals(goal, library, recorded)),
        budget_lines=lines,
        thresholds=limits or thresholds(),
    )
    return goal_progress(report, goal_id=goal_id, submitted=submitted)


class StoredIndicator(domain.GoalIndicator):
    """A stored indicator row whose target text is read once per process: the overview evaluates
    the same rows on every request, and reading a target is a pure function of its text."""

    __slots__ = ()

    def parsed_target(self) -> domain.Target:
        return _parsed_target(self.name, self.target, self.unit, self.operator)


@lru_cache(maxsize=32768)
def _parsed_target(name: str, target: str, unit: str, operator: str) -> domain.Target:
    return domain.GoalIndicator(name, "", "", "定量", target, unit=unit, operator=operator).parsed_target()


@lru_cache(maxsize=32768)
def _indicator(row: tuple, number: int) -> domain.GoalIndicator:
    """A stored indicator row as the domain's GoalIndicator, numbered as ``selectors.goal_to_domain``
    numbers them (without the text columns monitoring does not read)."""
    *values, progress = row
    fields = dict(zip(INDICATOR_COLUMNS, values, strict=True))
    curve = curve_from_data(json.loads(progress) if progress else None)
    return StoredIndicator(level1="", level2="", **fields, row=number, progress=curve)


@lru_cache(maxsize=256)
def _library(versions: tuple[int, str, str], custom: tuple[tuple, ...]) -> IndicatorLibrary:
    """The libraries the goal was made with (its type's and the 共性 one, shipped or the bureau's),
    plus the department's own indicators (as ``selectors.library_for`` extends them). A bureau's
    version is never changed once stored, so the versions are a sufficient key."""
    bureau_id, version, common_version = versions
    items = [dict(zip(CUSTOM_COLUMNS, row, strict=True)) for row in custom]
    indicators = []
    for item in items:
        own = item.pop("own_output")
        item["fed_by"] = list(item["fed_by"]) + ([item["name"]] if own else [])
        indicators.append((item, own))
    return libraries.department_library(
        bureau_id,
        version,
        common_version,
        [item for item, _own in indicators],
        [
            {"key": item["name"], "unit": item["unit"], "name": item["name"]}
            for item, own in indicators
            if own
        ],
    )


def _indicator_rows(ids: list[int], year: int) -> dict[int, tuple[tuple, ...]]:
    """Each goal's indicator rows in table order, as stored (the progress curve as its JSON text)."""
    rows = (
        GoalIndicator.objects.filter(
            goal__department_id__in=ids, goal__year=year, goal__kind=GoalKind.DEPARTMENT.value
        )
        .annotate(progress_text=Cast("progress", TextField()))
        .order_by("goal_id", "order", "id")
        .values_list("goal_id", *INDICATOR_COLUMNS, "progress_text")
    )
    by_goal: dict[int, list[tuple]] = defaultdict(list)
    for goal_id, *row in rows:
        by_goal[goal_id].append(tuple(row))
    return {goal_id: tuple(found) for goal_id, found in by_goal.items()}


def _custom_rows(department_ids: list[int]) -> dict[int, tuple[tuple, ...]]:
    rows = (
        CustomIndicator.objects.filter(department_id__in=department_ids)
        .order_by("department_id", "code")
        .values_list("department_id", *CUSTOM_COLUMNS)
    )
    found: dict[int, list[tuple]] = defaultdict(list)
    for department_id, *row in rows:
        fed_by = tuple(row[CUSTOM_COLUMNS.index("fed_by")] or ())
        row[CUSTOM_COLUMNS.index("fed_by")] = fed_by
        found[department_id].append(tuple(row))
    return {key: tuple(items) for key, items in found.items()}


def _output_totals(ids: list[int], year: int, as_of: dt.date) -> dict[int, tuple[tuple[str, Decimal], ...]]:
    """Per department, each kind of output with the sum of what its activities produced by
    ``as_of`` (an activity covering a period counts from its end). A kind with nothing by then
    still appears, with 0, so that an output the library does not know is refused as on the page."""
    rows = (
        ActivityOutput.objects.filter(activity__department_id__in=ids, activity__year=year)
        .exclude(output_key="")
        .alias(counted_on=Coalesce("activity__end_date", "activity__date"))
        .values("activity__department_id", "output_key")
        .annotate(total=Sum("value", filter=Q(counted_on__lte=as_of)))
        .order_by("activity__department_id", "output_key")
        .values_list("activity__department_id", "output_key", "total")
    )
    found: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for department_id, key, total in rows:
        found[department_id].append((key, total or Decimal(0)))
    return {department_id: tuple(items) for department_id, items in found.items()}


def _budget_lines(ids: list[int], year: int) -> dict[int, tuple[MonitoredLine, ...]]:
    """基本支出 as one line and each project as one line, from the budget lines' running totals."""
    rows = (
        BudgetLine.objects.filter(department_id__in=ids, year=year)
        .values("department_id", "project_id", "project__code", "project__name")
        .annotate(
            allocated=Sum("allocated"),
            adjusted=Sum("adjusted"),
            tin=Sum("transferred_in"),
            tout=Sum("transferred_out"),
            spent=Sum("spent"),
        )
        .order_by("department_id", "project__code")
    )
    found: dict[int, list[MonitoredLine]] = defaultdict(list)
    for row in rows:
        budget = row["allocated"] + row["adjusted"] + row["tin"] - row["tout"]
        if row["project_id"] is None:
            line = MonitoredLine("基本支出", FundKind.BASIC, budget, row["spent"])
        else:
            line = MonitoredLine(
                f"{row['project__code']} {row['project__name']}", FundKind.PROJECT, budget, row["spent"]
            )
        found[row["department_id"]].append(line)
    return {department_id: tuple(items) for department_id, items in found.items()}
