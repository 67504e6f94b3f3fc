"""Early-warning thresholds as data per finance bureau, and the budget warnings they give.

jixiao/data/indicators/monitoring-thresholds.yaml holds the defaults; a bureau overrides any of
them (stored by the shell as {name: value}). ``thresholds_with`` applies the overrides, refusing
an unknown name or a value that is not a sensible percentage, with a Chinese message naming the
threshold. The budget warnings are the ones the home table, the execution page, the 双监控 page
and the overview show:

- a line used (已支出 + 已预占) to ``line_used_percent`` of its 调整后预算 or more;
- 执行率 more than ``budget_lag_points`` behind 序时进度.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from functools import cache

from jixiao.data import load_yaml
from jixiao.domain.errors import DomainError
from jixiao.domain.money import HUNDRED, percent_text, ratio_percent
from jixiao.domain.monitoring import MonitoringThresholds, load_monitoring_thresholds


class ThresholdsInvalid(DomainError):
    code = "thresholds_invalid"


@cache
def threshold_labels() -> dict[str, str]:
    """{name: the label the settings page shows}, in the order of the data file."""
    return dict(load_yaml("indicators/monitoring-thresholds.yaml")["labels"])


def default_thresholds() -> MonitoringThresholds:
    return load_monitoring_thresholds()


def clean_overrides(values: Mapping[str, object]) -> dict[str, Decimal]:
    """Blank values dropped (they fall back to the default); the rest checked and made Decimal."""
    labels = threshold_labels()
    known = {f.name for f in fields(MonitoringThresholds)} - {"time_progress_basis"}
    cleaned: dict[str, Decimal] = {}
    for name, raw in values.items():
        if name not in known or name not in labels:
            raise ThresholdsInvalid(f"未知的预警阈值：{name}")
        text = str(raw if raw is not None else "").strip().rstrip("%％")
        if not text:
            continue
        try:
            value = Decimal(text)
        except (InvalidOperation, ValueError):
            raise ThresholdsInvalid(f"{labels[name]}“{raw}”不是数字。") from None
        if not value.is_finite() or value < 0 or value > 1000:
            raise ThresholdsInvalid(f"{labels[name]}应在0到1000之间，收到“{raw}”。")
        if name == "line_used_percent" and not 0 < value <= 100:
            raise ThresholdsInvalid(f"{labels[name]}应大于0且不超过100，收到“{raw}”。")
        if value != value.quantize(Decimal("0.01")):
            raise ThresholdsInvalid(f"{labels[name]}最多保留两位小数，收到“{raw}”。")
        cleaned[name] = value
    return cleaned


def thresholds_with(
    overrides: Mapping[str, object], base: MonitoringThresholds | None = None
) -> MonitoringThresholds:
    """The defaults (or ``base``) with a bureau's overrides applied."""
    base = base or default_thresholds()
    cleaned = clean_overrides(overrides)
    return replace(base, **cleaned) if cleaned else base


def threshold_rows(thresholds: MonitoringThresholds, overrides: Mapping[str, object]) -> list[dict]:
    """For the settings page: each threshold's label, value in force, default, and whether overridden."""
    defaults = default_thresholds()
    return [
        {
            "name": name,
            "label": label,
            "value": getattr(thresholds, name),
            "default": getattr(defaults, name),
            "overridden": name in overrides,
        }
        for name, label in threshold_labels().items()
    ]


@dataclass(frozen=True, slots=True)
class LineUse:
    label: str
    budget: Decimal
    spent: Decimal
    committed: Decimal = Decimal(0)

    @property
    def used_percent(self) -> Decimal | None:
        return ratio_percent(self.spent + self.committed, self.budget)


@dataclass(frozen=True, slots=True)
class BudgetWarning:
    kind: str
    message: str


def line_warnings(lines: Iterable[LineUse], thresholds: MonitoringThresholds) -> list[BudgetWarning]:
    limit = thresholds.line_used_percent
    warnings = []
    for line in lines:
        used = line.used_percent
        if used is not None and used >= limit:
            committed = (
                f"（其中已预占{percent_text(line.committed * HUNDRED / line.budget)}）"
                if line.committed
                else ""
            )
            warnings.append(
                BudgetWarning(
                    "指标使用率预警",
                    f"指标“{line.label}”已使用{percent_text(used)}{committed}，达到预警线{percent_text(limit)}",
                )
            )
    return warnings


def lag_warning(
    *, label: str, spent: Decimal, budget: Decimal, time_progress: Decimal, thresholds: MonitoringThresholds
) -> BudgetWarning | None:
    rate = ratio_percent(spent, budget)
    if rate is None or time_progress - rate <= thresholds.budget_lag_points:
        return None
    return BudgetWarning(
        "预算执行滞后",
        f"{label}执行率{percent_text(rate)}，低于序时进度{percent_text(time_progress)}"
        f"超过{_points(thresholds.budget_lag_points)}个百分点",
    )


def _points(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


__all__ = [
    "BudgetWarning",
    "LineUse",
    "ThresholdsInvalid",
    "clean_overrides",
    "default_thresholds",
    "lag_warning",
    "line_warnings",
    "threshold_labels",
    "threshold_rows",
    "thresholds_with",
]
