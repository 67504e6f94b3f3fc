"""Report sections built from the ledger: selectors gather facts, the domain words them."""

from __future__ import annotations

from jixiao.apps.budgets.selectors import (
    budget_year,
    prior_year_summary,
    sangong_year,
    settlement_for,
)
from jixiao.apps.orgs.models import Department
from jixiao.domain.facts import PriorYearFacts, SourceFigures
from jixiao.domain.figures import BudgetYear, section_two
from jixiao.domain.money import ZERO


def section_two_for(*, department: Department, year: int) -> list[str]:
    return section_two(
        budget_year(department=department, year=year),
        budget_year(department=department, year=year - 1),
        sangong_year(department=department, year=year),
        sangong_year(department=department, year=year - 1),
        settlement_for(department=department, year=year),
    )


def source_facts(*, department: Department, year: int) -> tuple[SourceFigures, ...]:
    """The year's figures by 资金来源, for the facts the evaluation reads."""
    money = budget_year(department=department, year=year)
    if not money.known or money.entered:
        return ()
    return tuple(_source_figures(money, s) for s in sorted(money.sources, key=lambda s: s.info.order))


def _source_figures(money: BudgetYear, source) -> SourceFigures:
    parts = (source.personnel, source.public, source.project)
    return SourceFigures(
        source=source.source,
        name=source.name,
        initial=source.initial,
        additions=source.additions,
        reductions=source.reductions,
        transfers_in=sum((p.transferred_in for p in parts), ZERO),
        transfers_out=sum((p.transferred_out for p in parts), ZERO),
        personnel_actual=source.personnel.spent,
        public_actual=source.public.spent,
        project_actual=source.project.spent,
        fiscal=source.info.fiscal,
        carry_over=source.info.carry_over,
    )


def entered_prior_year_facts(*, department: Department, year: int) -> PriorYearFacts | None:
    """PriorYearFacts of ``year`` from its entered summary (上年数（录入）), when its 年初预算 is known."""
    summary = prior_year_summary(department=department, year=year)
    if summary is None or not summary.has_budget:
        return None
    split = summary.split_known("initial")
    actual_split = summary.split_known("actual")
    return PriorYearFacts(
        year=year,
        basic_initial=summary.basic_initial or ZERO,
        project_initial=summary.project_initial or ZERO,
        personnel_initial=summary.part("personnel", "initial") if split else None,
        public_initial=summary.part("public", "initial") if split else None,
        personnel_actual=summary.part("personnel", "actual") if actual_split else None,
        public_actual=summary.part("public", "actual") if actual_split else None,
        project_actual=summary.total("project_actual"),
        carry_over_end=summary.carry_over_end,
        entered=True,
    )


def entered_staff(*, department: Department, year: int) -> int | None:
    """实有人数 (or 在编人数) of a year from its entered summary."""
    summary = prior_year_summary(department=department, year=year)
    if summary is None:
        return None
    return summary.actual if summary.actual is not None else summary.on_roll
