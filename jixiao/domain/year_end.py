"""The year-end record of a goal: actuals typed for indicators no activity feeds, and the
completion of the 年度主要任务 (计划工作) that 职责履行 is scored on.

An indicator fed by activity outputs takes its actual from the activity record
(``indicator_library.indicator_actuals``). The others — rates, satisfaction, cost, time limits —
are judged at year end from a survey, the ledger or a document; the officer types the value as
the report would say it ("96%", "8.5元/人次", "17.1万元") with what it rests on, and this module
reads it against the indicator's unit.

职责履行 counts (domain-rules.md §1.2): 实际完成率 = 实际完成工作数 / 计划工作数; 完成及时率 =
及时完成实际工作数 / 计划工作数; 质量达标率 = 质量达标实际工作数 / 计划工作数; 重点工作办结率 =
重点工作实际完成数 / 交办或下达数. A task without a 计划完成时间 is due by the end of its year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.facts import Achievement, WorkCompletion
from jixiao.domain.goals import (
    GoalError,
    GoalIndicator,
    TargetParseError,
    goal_rules,
    normalize_unit,
    parse_grading_scale,
)
from jixiao.domain.quantity import InvalidQuantity, parse_quantity

EXAMPLES = "如96%、8.5元/人次、17.1万元、120户"


class YearEndRefused(GoalError):
    code = "year_end_refused"


# --- actuals typed at year end -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EnteredActual:
    """A typed actual read against its indicator: ``value`` in the indicator's unit (None for a
    qualitative indicator, which has an ``achievement`` instead); ``text`` as typed."""

    text: str
    value: Decimal | None
    unit: str
    qualifier: str = ""
    achievement: Achievement | None = None


def grade_labels(indicator: GoalIndicator) -> tuple[str, ...]:
    """The grade labels of a qualitative indicator, best first (优、良、中、差)."""
    scale = indicator.grading_scale or parse_grading_scale(indicator.scoring_rule)
    return tuple(level.label for level in scale)


def achievement_of(label: str, labels: tuple[str, ...]) -> Achievement:
    """A grade of the indicator's own scale as the three bands the scoring uses: the best grade is
    达成, the worst 未达成, any grade between 部分达成."""
    index = labels.index(label)
    if index == 0:
        return Achievement.ACHIEVED
    if index == len(labels) - 1:
        return Achievement.NOT_ACHIEVED
    return Achievement.PARTLY


def read_actual(
    indicator: GoalIndicator, text: str, *, money_units: Mapping[str, Decimal] | None = None
) -> EnteredActual:
    """The typed actual of ``indicator``; refused, naming the indicator, when it is not a value in
    the indicator's unit (or, for a qualitative indicator, not one of its grades)."""
    ref = f"三级指标“{indicator.name}”"
    typed = str(text or "").strip().replace("\u3000", "")
    if not typed:
        raise YearEndRefused(f"{ref}：请填写实际完成值（{EXAMPLES}）", indicator=indicator.name)
    if indicator.is_qualitative:
        labels = grade_labels(indicator)
        bands = tuple(level.value for level in Achievement)
        if typed in bands:
            return EnteredActual(typed, None, "", achievement=Achievement(typed))
        if typed in labels:
            return EnteredActual(typed, None, "", achievement=achievement_of(typed, labels))
        choices = "、".join((*labels, *bands))
        raise YearEndRefused(
            f"{ref}是定性指标，实际完成情况“{typed}”应为以下档次之一：{choices}", indicator=indicator.name
        )
    try:
        target = indicator.parsed_target()
    except TargetParseError as error:
        raise YearEndRefused(
            f"{ref}的指标值“{indicator.target}”无法解析，不能对照录入实际值", indicator=indicator.name
        ) from error
    try:
        quantity = parse_quantity(typed.replace("％", "%"))
    except InvalidQuantity as error:
        raise YearEndRefused(
            f"{ref}的实际完成值“{typed}”无法识别：应写成数值加单位（{EXAMPLES}）",
            indicator=indicator.name,
        ) from error
    unit = normalize_unit(quantity.unit)
    value = quantity.value
    if unit and unit != target.unit:
        units = money_units if money_units is not None else goal_rules().money_units
        if unit in units and target.unit in units:
            value = value * units[unit] / units[target.unit]
        else:
            raise YearEndRefused(
                f"{ref}的实际完成值“{typed}”的单位“{unit}”与计量单位“{target.unit}”不一致",
                indicator=indicator.name,
            )
    if value < 0:
        raise YearEndRefused(f"{ref}的实际完成值“{typed}”为负数", indicator=indicator.name)
    return EnteredActual(typed, value, target.unit, quantity.qualifier)


# --- completion of the year's tasks --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskOutcome:
    """One 计划工作 (a 年度主要任务) and how it ended. ``completed`` is False when nothing is recorded."""

    name: str
    due: dt.date | None = None
    is_key: bool = False
    completed: bool = False
    finished_on: dt.date | None = None
    quality_passed: bool = False

    def due_by(self, year: int) -> dt.date:
        return self.due or dt.date(year, 12, 31)

    def timely(self, year: int) -> bool:
        return self.completed and self.finished_on is not None and self.finished_on <= self.due_by(year)


def work_completion(tasks: Iterable[TaskOutcome], *, year: int) -> WorkCompletion | None:
    """The 职责履行 counts over the year's tasks; None when there is no task to count."""
    tasks = tuple(tasks)
    if not tasks:
        return None
    return WorkCompletion(
        planned=len(tasks),
        completed=sum(1 for task in tasks if task.completed),
        timely=sum(1 for task in tasks if task.timely(year)),
        quality_passed=sum(1 for task in tasks if task.completed and task.quality_passed),
        key_assigned=sum(1 for task in tasks if task.is_key),
        key_done=sum(1 for task in tasks if task.is_key and task.completed),
    )


def check_completion(
    *,
    task: str,
    year: int,
    completed: bool,
    finished_on: dt.date | None,
    quality_passed: bool,
    evidence: str,
    today: dt.date,
) -> list[str]:
    """Every reason the completion record of ``task`` cannot be kept (empty when it can)."""
    ref = f"年度主要任务“{task}”"
    problems = []
    if completed:
        if finished_on is None:
            problems.append(f"{ref}已完成，请填写完成日期")
        if not str(evidence or "").strip():
            problems.append(f"{ref}已完成，请填写完成依据（佐证说明：文件、记录或成果）")
    else:
        if finished_on is not None:
            problems.append(f"{ref}未完成，不能填写完成日期")
        if quality_passed:
            problems.append(f"{ref}未完成，不能认定质量达标")
    if finished_on is not None:
        if finished_on.year < year:
            problems.append(f"{ref}的完成日期{_date(finished_on)}早于{year}年度")
        if finished_on > today:
            problems.append(f"{ref}的完成日期{_date(finished_on)}晚于今天（{_date(today)}）")
    return problems


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
