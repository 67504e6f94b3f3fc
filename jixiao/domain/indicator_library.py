"""The indicator library: versioned 三级 indicators as data, and the activity outputs that feed them.

The shipped starter library for a 科协 is ``jixiao/data/indicators/kexie-v1.yaml``. A department adds
its own indicators with ``IndicatorLibrary.extended`` (codes and names stay unique). Loading checks
every entry and refuses a bad one with a Chinese message naming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jixiao.domain.goals import (
    DATA_DIR,
    LINEAR,
    QUALITATIVE,
    QUANTITATIVE,
    Goal,
    GoalError,
    GoalIndicator,
    GoalRules,
    Operator,
    ProgressCurve,
    curve_from_data,
    goal_rules,
    parse_grading_scale,
    parse_operator,
    read_data_file,
)
from jixiao.domain.quantity import Quantity


class IndicatorLibraryError(GoalError):
    code = "indicator_library_error"


@dataclass(frozen=True, slots=True)
class ActivityOutput:
    """A kind of quantity an activity records (下乡科普次数 in 次), which feeds indicators."""

    key: str
    unit: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class LibraryIndicator:
    code: str
    level1: str
    level2: str
    name: str
    explanation: str
    unit: str
    operator: Operator
    scoring_rule: str
    value_type: str
    fed_by: tuple[str, ...] = ()
    progress: ProgressCurve = LINEAR
    custom: bool = False

    def goal_indicator(
        self, target: str, *, task: str, points: Decimal | None = None, row: int | None = None
    ) -> GoalIndicator:
        """This library entry placed on a goal with a target (e.g. '≥25' or '≥25次')."""
        return GoalIndicator(
            name=self.name,
            level1=self.level1,
            level2=self.level2,
            value_type=self.value_type,
            target=target,
            unit=self.unit,
            operator=self.operator.value,
            explanation=self.explanation,
            scoring_rule=self.scoring_rule,
            points=points,
            task=task,
            code=self.code,
            row=row,
            progress=self.progress,
        )


@dataclass(frozen=True, slots=True)
class IndicatorLibrary:
    version: str
    name: str
    outputs: tuple[ActivityOutput, ...]
    indicators: tuple[LibraryIndicator, ...]

    def get(self, code: str) -> LibraryIndicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise IndicatorLibraryError(f"指标库{self.version}中没有编码为“{code}”的指标", code=code)

    def find(self, name: str) -> LibraryIndicator | None:
        return next((indicator for indicator in self.indicators if indicator.name == name), None)

    def in_category(self, level1: str, level2: str | None = None) -> tuple[LibraryIndicator, ...]:
        return tuple(
            indicator
            for indicator in self.indicators
            if indicator.level1 == level1 and (level2 is None or indicator.level2 == level2)
        )

    def output(self, key: str) -> ActivityOutput:
        for output in self.outputs:
            if output.key == key:
                return output
        raise IndicatorLibraryError(f"指标库{self.version}中没有名为“{key}”的活动产出", key=key)

    def fed_by(self, output_key: str) -> tuple[LibraryIndicator, ...]:
        """The indicators whose actual value an activity output of this kind adds to."""
        return tuple(indicator for indicator in self.indicators if output_key in indicator.fed_by)

    def extended(
        self,
        indicators: Iterable[Mapping[str, Any]] = (),
        outputs: Iterable[Mapping[str, Any]] = (),
        *,
        rules: GoalRules | None = None,
    ) -> IndicatorLibrary:
        """A new library with a department's own indicators (and outputs) added, checked like the rest."""
        new_outputs = self.outputs + tuple(_output_from(item) for item in outputs)
        new_indicators = self.indicators + tuple(
            replace(_indicator_from(item, rules or goal_rules()), custom=True) for item in indicators
        )
        library = IndicatorLibrary(self.version, self.name, new_outputs, new_indicators)
        _check_library(library)
        return library


def _text(item: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = item.get(key)
    if value is None or not str(value).strip():
        if required:
            raise IndicatorLibraryError(f"{where}缺少“{key}”")
        return ""
    return str(value).strip()


def _output_from(item: Mapping[str, Any]) -> ActivityOutput:
    key = _text(item, "key", "活动产出")
    return ActivityOutput(
        key=key, unit=_text(item, "unit", f"活动产出“{key}”"), name=str(item.get("name", ""))
    )


def _indicator_from(item: Mapping[str, Any], rules: GoalRules) -> LibraryIndicator:
    code = _text(item, "code", "指标库条目")
    where = f"指标“{item.get('name') or code}”（{code}）"
    level1 = _text(item, "level1", where)
    level2 = _text(item, "level2", where)
    if rules.category_of(level1, level2) is None:
        raise IndicatorLibraryError(
            f"{where}的一级/二级指标“{level1}/{level2}”不是产出、效益或满意度下的类别"
        )
    value_type = _text(item, "value_type", where, required=False) or QUANTITATIVE
    if value_type not in (QUANTITATIVE, QUALITATIVE):
        raise IndicatorLibraryError(f"{where}的指标值类型“{value_type}”无效：应为“定量”或“定性”")
    scoring_rule = _text(item, "scoring_rule", where)
    if value_type == QUALITATIVE and not parse_grading_scale(scoring_rule, rules):
        raise IndicatorLibraryError(
            f"{where}是定性指标，评(扣)分标准须分级分档（如“优：…；良：…；中：…；差：…”）"
        )
    try:
        operator = parse_operator(_text(item, "operator", where))
        progress = curve_from_data(item.get("progress"))
    except GoalError as error:
        raise IndicatorLibraryError(f"{where}：{error.message}") from error
    return LibraryIndicator(
        code=code,
        level1=level1,
        level2=level2,
        name=_text(item, "name", where),
        explanation=_text(item, "explanation", where),
        unit=_text(item, "unit", where),
        operator=operator,
        scoring_rule=scoring_rule,
        value_type=value_type,
        fed_by=tuple(str(key) for key in item.get("fed_by", []) or []),
        progress=progress,
    )


def _check_library(library: IndicatorLibrary) -> None:
    codes: set[str] = set()
    names: set[str] = set()
    output_keys = {output.key for output in library.outputs}
    if len(output_keys) != len(library.outputs):
        raise IndicatorLibraryError(f"指标库{library.version}中活动产出名称重复")
    for indicator in library.indicators:
        if indicator.code in codes:
            raise IndicatorLibraryError(f"指标库{library.version}中指标编码“{indicator.code}”重复")
        if indicator.name in names:
            raise IndicatorLibraryError(f"指标库{library.version}中三级指标“{indicator.name}”重复")
        codes.add(indicator.code)
        names.add(indicator.name)
        for key in indicator.fed_by:
            if key not in output_keys:
                raise IndicatorLibraryError(
                    f"指标“{indicator.name}”（{indicator.code}）引用了不存在的活动产出“{key}”"
                )


def load_indicator_library_file(path: Path, *, rules: GoalRules | None = None) -> IndicatorLibrary:
    data = read_data_file(Path(path))
    version = data.get("version")
    if not version:
        raise IndicatorLibraryError(f"指标库文件“{Path(path).name}”缺少“version”")
    rules = rules or goal_rules()
    library = IndicatorLibrary(
        version=str(version),
        name=str(data.get("name", "")),
        outputs=tuple(_output_from(item) for item in data.get("outputs", []) or []),
        indicators=tuple(_indicator_from(item, rules) for item in data.get("indicators", []) or []),
    )
    _check_library(library)
    return library


@cache
def load_indicator_library(version: str = "kexie-v1") -> IndicatorLibrary:
    """A shipped library by version name, e.g. 'kexie-v1' (read once per process: shipped data
    does not change while the program runs, and the library is frozen)."""
    path = DATA_DIR / f"{version}.yaml"
    if not path.exists():
        raise IndicatorLibraryError(f"没有版本为“{version}”的指标库")
    return load_indicator_library_file(path)


# --- from activity outputs to indicator actuals ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordedOutput:
    """One quantified output of one activity: 下乡科普次数 近30次, recorded by activity ``source``."""

    output: str  # an ActivityOutput key of the library
    quantity: Quantity
    source: str  # the activity that produced it (its id or title)
    on: date | None = None


@dataclass(frozen=True, slots=True)
class IndicatorActual:
    """An indicator's actual value and the activity outputs it was added up from."""

    indicator: str
    code: str
    value: Decimal
    unit: str
    contributions: tuple[RecordedOutput, ...]

    @property
    def approximate(self) -> bool:
        """True when any contribution was stated with 近/约/余/多 (the total is then approximate too)."""
        return any(not item.quantity.is_exact for item in self.contributions)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item.source for item in self.contributions))


def indicator_actuals(
    goal: Goal,
    library: IndicatorLibrary,
    outputs: Iterable[RecordedOutput],
    *,
    as_of: date | None = None,
) -> dict[str, IndicatorActual]:
    """Each goal indicator fed by activity outputs, with its actual value (by ``as_of``) and its trace.

    An indicator is matched to the library by its code, or else by its name. Outputs dated after
    ``as_of`` are left out; outputs whose key the library does not know are refused, naming them.
    Indicators nothing feeds (rates, satisfaction) are absent from the result. A contribution keeps
    the words it was said in (6000余册 toward 科普资料发放份数, whose unit is 份): within one kind of
    output the units count as the same measure, and the total is in the indicator's unit.
    """
    outputs = tuple(outputs)
    known = {output.key for output in library.outputs}
    for item in outputs:
        if item.output not in known:
            raise IndicatorLibraryError(
                f"活动“{item.source}”记录的产出“{item.output}”不在指标库{library.version}的活动产出中"
            )
    counted = tuple(item for item in outputs if as_of is None or item.on is None or item.on <= as_of)
    actuals: dict[str, IndicatorActual] = {}
    for indicator in goal.indicators:
        entry = None
        if indicator.code:
            entry = next((item for item in library.indicators if item.code == indicator.code), None)
        entry = entry or library.find(indicator.name)
        if entry is None or not entry.fed_by:
            continue
        contributions = tuple(item for item in counted if item.output in entry.fed_by)
        value = sum((item.quantity.value for item in contributions), Decimal(0))
        actuals[indicator.name] = IndicatorActual(
            indicator.name, entry.code, value, entry.unit, contributions
        )
    return actuals


def actual_values(actuals: Mapping[str, IndicatorActual]) -> dict[str, Decimal]:
    """The plain {indicator: value} mapping that ``monitoring.monitor`` takes."""
    return {name: actual.value for name, actual in actuals.items()}
