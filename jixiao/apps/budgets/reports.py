"""Report sections built from the ledger: selectors gather facts, the domain words them."""

from __future__ import annotations

from jixiao.apps.budgets.selectors import budget_year, sangong_year
from jixiao.apps.orgs.models import Department
from jixiao.domain.figures import section_two


def section_two_for(*, department: Department, year: int) -> list[str]:
    return section_two(
        budget_year(department=department, year=year),
        budget_year(department=department, year=year - 1),
        sangong_year(department=department, year=year),
        sangong_year(department=department, year=year - 1),
    )
