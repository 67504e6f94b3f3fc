"""The finance bureau's view of one department-year: execution against 序时进度, 三公 against
budget and the previous year, and the warnings that follow from those figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.money import ZERO, percent_text, ratio_percent, wan

LAG_POINTS = Decimal(10)


@dataclass(frozen=True, slots=True)
class OversightWarning:
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class DepartmentFigures:
    department_id: int
    name: str
    code: str
    is_demo: bool
    staffing_quota: int | None
    actual_staff: int | None
    initial_basic: Decimal = ZERO
    initial_project: Decimal = ZERO
    budget_basic: Decimal = ZERO
    budget_project: Decimal = ZERO
    spent_basic: Decimal = ZERO
    spent_project: Decimal = ZERO
    sangong_budget: Decimal = ZERO
    sangong_actual: Decimal = ZERO
    sangong_previous: Decimal = ZERO
    time_progress: Decimal = ZERO
    extra: dict = field(default_factory=dict)

    @property
    def initial_total(self) -> Decimal:
        return self.initial_basic + self.initial_project

    @property
    def budget_total(self) -> Decimal:
        return self.budget_basic + self.budget_project

    @property
    def spent_total(self) -> Decimal:
        return self.spent_basic + self.spent_project

    @property
    def rate_basic(self) -> Decimal | None:
        return ratio_percent(self.spent_basic, self.budget_basic)

    @property
    def rate_project(self) -> Decimal | None:
        return ratio_percent(self.spent_project, self.budget_project)

    @property
    def rate_total(self) -> Decimal | None:
        return ratio_percent(self.spent_total, self.budget_total)

    @property
    def sangong_vs_budget(self) -> Decimal | None:
        return ratio_percent(self.sangong_actual, self.sangong_budget)

    @property
    def sangong_change(self) -> Decimal | None:
        return ratio_percent(self.sangong_actual - self.sangong_previous, self.sangong_previous)

    @property
    def warnings(self) -> list[OversightWarning]:
        return department_warnings(self)


def department_warnings(f: DepartmentFigures) -> list[OversightWarning]:
    warnings = []
    for label, rate in (("基本支出", f.rate_basic), ("项目支出", f.rate_project)):
        if rate is not None and f.time_progress - rate > LAG_POINTS:
            warnings.append(
                OversightWarning(
                    "预算执行滞后",
                    f"{label}执行率{percent_text(rate)}，低于序时进度{percent_text(f.time_progress)}"
                    f"超过{LAG_POINTS}个百分点",
                )
            )
    if f.sangong_actual > f.sangong_budget:
        warnings.append(
            OversightWarning(
                "三公超预算",
                f"“三公”经费支出{wan(f.sangong_actual)}，超过预算{wan(f.sangong_budget)}",
            )
        )
    if f.sangong_previous and f.sangong_actual > f.sangong_previous:
        warnings.append(
            OversightWarning(
                "三公增长",
                f"“三公”经费支出{wan(f.sangong_actual)}，比上年增长{percent_text(f.sangong_change)}",
            )
        )
    return warnings
