"""Large movements in 人员经费 / 公用经费 / 项目支出 that the report must explain.

A reviewer asks "why?" of any part of the budget that moved by more than a fifth against last year
(年初预算 against 上年年初预算, 决算 against 上年决算), and of a personnel 追加 in a year whose
head count fell. Each such movement gets an explanation field the officer fills at year end; until
it is filled, the report is a 草稿 that names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.facts import BudgetLine, DepartmentYearFacts
from jixiao.domain.money import HUNDRED, percent_text, wan
from jixiao.domain.wording import BUDGET_WORDING, change_text

THRESHOLD = Decimal(20)  # per cent, either way
MOVEMENT_PREFIX = "movement:"


@dataclass(frozen=True, slots=True)
class Movement:
    key: str
    label: str  # what the 草稿 list names: "公用经费决算比上年增长57.1%"
    statement: str  # the movement in words: "公用经费决算44.08万元，比上年增加16.02万元，增长57.1%"

    @property
    def narrative_key(self) -> str:
        return MOVEMENT_PREFIX + self.key


def _moved(current: Decimal, previous: Decimal | None) -> bool:
    if previous is None or previous == 0:
        return False
    return abs(current - previous) * HUNDRED / previous > THRESHOLD


def _direction(current: Decimal, previous: Decimal) -> str:
    share = percent_text(abs(current - previous) * HUNDRED / previous)
    return f"增长{share}" if current > previous else f"下降{share}"


def movements(facts: DepartmentYearFacts) -> tuple[Movement, ...]:
    found: list[Movement] = []
    previous = facts.previous
    parts: tuple[tuple[str, str, BudgetLine, Decimal | None, Decimal | None], ...] = (
        (
            "personnel",
            "人员经费",
            facts.basic_personnel,
            previous.personnel_initial if previous else None,
            previous.personnel_actual if previous else None,
        ),
        (
            "public",
            "公用经费",
            facts.basic_public,
            previous.public_initial if previous else None,
            previous.public_actual if previous else None,
        ),
        (
            "project",
            "项目支出",
            facts.project_total,
            previous.project_initial if previous else None,
            previous.project_actual if previous else None,
        ),
    )
    for key, name, line, previous_initial, previous_actual in parts:
        if _moved(line.initial, previous_initial):
            found.append(
                Movement(
                    f"{key}_initial",
                    f"{name}年初预算比上年{_direction(line.initial, previous_initial)}",
                    f"{name}年初预算{wan(line.initial)}，{change_text(line.initial, previous_initial, BUDGET_WORDING)}",
                )
            )
        if line.actual is not None and _moved(line.actual, previous_actual):
            found.append(
                Movement(
                    f"{key}_actual",
                    f"{name}决算比上年{_direction(line.actual, previous_actual)}",
                    f"{name}决算{wan(line.actual)}，{change_text(line.actual, previous_actual, BUDGET_WORDING)}",
                )
            )
    personnel = facts.basic_personnel
    fell = (
        facts.staff_actual is not None
        and facts.staff_actual_previous is not None
        and facts.staff_actual < facts.staff_actual_previous
    )
    if fell and personnel.additions > 0:
        found.append(
            Movement(
                "personnel_addition",
                f"在编人数减少而人员经费追加{wan(personnel.additions)}",
                f"年末在编人数比上年减少{facts.staff_actual_previous - facts.staff_actual}人，"
                f"人员经费却追加预算{wan(personnel.additions)}"
                + (
                    f"（追加后比年初预算增加{percent_text(personnel.additions * HUNDRED / personnel.initial)}）"
                    if personnel.initial
                    else ""
                ),
            )
        )
    return tuple(found)
