"""The indicator libraries: versioned 三级 indicators as data, the activity outputs that feed them,
and the words a department of that kind uses for its work.

Every department's 整体支出 goal draws on two libraries (domain-rules.md §1.2, §4.2):

- the 共性指标 library ``gongxing-v1`` — what every department has under the frameworks (任务完成率,
  预算执行率, 三公经费控制率, 服务对象满意度 …), each saying where jixiao takes its actual from
  (the ledger, the department's profile, the year's task completion, the asset register, or entered at
  year end) and, for those jixiao computes, which computation of ``jixiao.domain.indicators`` it is;
- the library of the department's type (``<slug>-v1``: 妇联 → ``fulian-v1``, see
  jixiao/data/orgs/department-types.yaml): its own indicators, the activity outputs (计入产出) that feed
  them with their units, its vocabulary and examples for forms and section 五, and the published goal
  tables and self-evaluations it was drawn from.

``combined`` puts the two together; a department adds its own indicators with
``IndicatorLibrary.extended`` (codes and names stay unique). Loading checks every entry and refuses a
bad one with a Chinese message naming it; a finance bureau's own version is read from its text with
``parse_indicator_library`` under the same checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from jixiao.data import parse_yaml
from jixiao.domain.goals import (
    DATA_DIR,
    LINEAR,
    QUALITATIVE,
    QUANTITATIVE,
    Goal,
    GoalError,
    GoalFinding,
    GoalIndicator,
    GoalRules,
    Operator,
    ProgressCurve,
    Severity,
    TargetParseError,
    curve_from_data,
    goal_rules,
    normalize_unit,
    parse_grading_scale,
    parse_operator,
    parse_target,
    read_data_file,
)
from jixiao.domain.indicators import INDICATORS
from jixiao.domain.quantity import Quantity

COMMON_VERSION = "gongxing-v1"  # the shipped 共性指标 library
COMMON_SLUG = "gongxing"
TYPE_KIND = "type"
COMMON_KIND = "common"

# Where jixiao takes an indicator's actual from.
DATA_SOURCES: dict[str, str] = {
    "activities": "履职活动记录（产出累计）",
    "ledger": "预算账（含决算补充）",
    "profile": "单位年度概况",
    "work_completion": "年度任务完成情况",
    "assets": "资产账",
    "entered": "年末录入（附依据）",
}
COMPUTED_SOURCES = ("ledger", "profile", "work_completion", "assets")

# A library file a bureau uploads is read whole: these bound what it may hold.
MAX_LIBRARY_BYTES = 512 * 1024
MAX_LIBRARY_ENTRIES = 400
_VERSION = re.compile(r"^[a-z]+(?:-[a-z0-9]+)+$")


class IndicatorLibraryError(GoalError):
    code = "indicator_library_error"


@dataclass(frozen=True, slots=True)
class ActivityOutput:
    """A kind of quantity an activity records (维权咨询接待人次 in 人次), which feeds indicators.
    ``area`` is the 工作领域 it usually belongs to (from the library's vocabulary)."""

    key: str
    unit: str
    name: str = ""
    area: str = ""


@dataclass(frozen=True, slots=True)
class LibrarySource:
    """A published document a library was drawn from (reworded; its figures kept)."""

    title: str
    url: str
    kind: str = ""  # 绩效目标表 / 自评报告 / 决算说明 / 框架 …
    note: str = ""  # what was taken from it


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words of a kind of department: its usual 工作领域, the verbs its activity names start
    with, and examples the forms show (keys such as ``period_activity``, ``quantity``)."""

    work_areas: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    object_verbs: tuple[str, ...] = ()
    trailing_verbs: tuple[str, ...] = ()
    examples: tuple[tuple[str, str], ...] = ()

    def example(self, key: str, default: str = "") -> str:
        return next((text for name, text in self.examples if name == key), default)


EXAMPLE_KEYS = (
    "activity_title",  # 活动名称
    "period_activity",  # 一条记录覆盖一段时间
    "quantity",  # 数量的写法
    "output",  # 计入产出：数量
    "work_area",  # 工作领域
    "project_indicator",  # 专项的一项绩效指标
    "project_milestone",  # 专项的关键节点
    "project_function_code",  # 专项的功能分类
    "project_responsible",  # 专项的实施责任人
)


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
    target_basis: str = ""  # how a department usually sets the target (上年实际、工作计划 …)
    typical_target: str = ""  # a target such departments publish, e.g. "≥95" or "优"
    source: str = ""  # a key of DATA_SOURCES
    formula: str = ""
    computed: str = ""  # the computation of jixiao.domain.indicators that gives the actual
    common: bool = False  # from the 共性指标 library

    @property
    def direction(self) -> str:
        """越高越好 / 越低越好 / 等于目标."""
        if self.operator in (Operator.GE, Operator.GT):
            return "越高越好"
        if self.operator in (Operator.LE, Operator.LT):
            return "越低越好"
        return "等于目标值"

    @property
    def source_label(self) -> str:
        return DATA_SOURCES.get(self.source, "")

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
    kind: str = TYPE_KIND
    department_type: str = ""  # the 部门类型 a type library is for
    common_version: str = ""  # the 共性 library combined into this one, if any
    authority: str = ""
    sources: tuple[LibrarySource, ...] = ()
    sources_note: str = ""  # what the search for sources found (or did not)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    # Reference objects only departments of this type keep (app_label.Model), e.g. the 科协's
    # 科普示范基地 (projects.DemonstrationBase): pages, forms and the admin show them to this type only.
    reference_objects: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """'fulian-v1 + gongxing-v1' for a combined library; the version otherwise."""
        if self.common_version and self.common_version != self.version:
            return f"{self.version} + {self.common_version}"
        return self.version

    def get(self, code: str) -> LibraryIndicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise IndicatorLibraryError(f"指标库{self.label}中没有编码为“{code}”的指标", code=code)

    def find(self, name: str) -> LibraryIndicator | None:
        return next((indicator for indicator in self.indicators if indicator.name == name), None)

    def entry_for(self, indicator: GoalIndicator) -> LibraryIndicator | None:
        """The library entry a goal indicator was taken from: by its code, or else by its name."""
        if indicator.code:
            entry = next((item for item in self.indicators if item.code == indicator.code), None)
            if entry is not None:
                return entry
        return self.find(indicator.name.strip())

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
        raise IndicatorLibraryError(f"指标库{self.label}中没有名为“{key}”的活动产出", key=key)

    def fed_by(self, output_key: str) -> tuple[LibraryIndicator, ...]:
        """The indicators whose actual value an activity output of this kind adds to."""
        return tuple(indicator for indicator in self.indicators if output_key in indicator.fed_by)

    @property
    def own_indicators(self) -> tuple[LibraryIndicator, ...]:
        """The type's indicators (not the 共性 ones, not the department's own)."""
        return tuple(item for item in self.indicators if not item.common and not item.custom)

    def example(self, key: str, default: str = "") -> str:
        return self.vocabulary.example(key, default)

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
            replace(_indicator_from(item, rules or goal_rules(), check_units=False), custom=True)
            for item in indicators
        )
        library = replace(self, outputs=new_outputs, indicators=new_indicators)
        _check_library(library)
        return library


def combined(library: IndicatorLibrary | None, common: IndicatorLibrary) -> IndicatorLibrary:
    """A department's library: its type's indicators followed by the 共性 ones (``library`` None
    for a type without its own library, which then has the 共性 ones only). A code, name or output
    in both is refused, naming it."""
    marked = tuple(replace(item, common=True) for item in common.indicators)
    if library is None:
        return replace(common, indicators=marked, common_version=common.version)
    result = replace(
        library,
        outputs=library.outputs + common.outputs,
        indicators=library.indicators + marked,
        common_version=common.version,
        vocabulary=library.vocabulary if library.vocabulary.examples else common.vocabulary,
    )
    _check_library(result)
    return result


# --- reading a library -----------------------------------------------------------------------------


def _text(item: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = item.get(key)
    if value is None or not str(value).strip():
        if required:
            raise IndicatorLibraryError(f"{where}缺少“{key}”")
        return ""
    return str(value).strip()


def _mapping(item: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(item, Mapping):
        raise IndicatorLibraryError(f"{where}应为键值结构（如 key: 值），实际是“{str(item)[:40]}”")
    return item


def _list(data: Mapping[str, Any], key: str, where: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise IndicatorLibraryError(f"{where}的“{key}”应为列表")
    return value


@cache
def unit_table() -> tuple[frozenset[str], frozenset[str]]:
    """(units a quantity may be counted in, units a qualitative indicator may name) from units.yaml."""
    data = read_data_file(DATA_DIR / "units.yaml")
    return (
        frozenset(str(unit) for unit in data.get("units", [])),
        frozenset(str(unit) for unit in data.get("grade_units", [])),
    )


def unit_known(unit: str) -> bool:
    """'人次', '万元', '元/人次', '等级' … known to units.yaml (a ratio of known units counts as known).
    A 万-prefixed count unit ('万人次') is not: an actual typed as '2.5万人次' reads as 25000 人次,
    so such an indicator is kept in the plain unit."""
    units, grades = unit_table()
    cleaned = normalize_unit(unit)
    if cleaned in grades:
        return True
    return all(part in units for part in cleaned.split("/"))


def _output_from(item: Any, where: str = "活动产出") -> ActivityOutput:
    item = _mapping(item, where)
    key = _text(item, "key", where)
    return ActivityOutput(
        key=key,
        unit=_text(item, "unit", f"活动产出“{key}”"),
        name=str(item.get("name", "") or ""),
        area=str(item.get("area", "") or ""),
    )


def _indicator_from(
    item: Mapping[str, Any], rules: GoalRules, *, check_units: bool = True, where: str = "指标库条目"
) -> LibraryIndicator:
    item = _mapping(item, where)
    code = _text(item, "code", where)
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
    unit = _text(item, "unit", where)
    if check_units and not unit_known(unit):
        raise IndicatorLibraryError(
            f"{where}的计量单位“{unit}”不在计量单位表（jixiao/data/indicators/units.yaml）中"
        )
    try:
        operator = parse_operator(_text(item, "operator", where))
        progress = curve_from_data(item.get("progress"))
    except GoalError as error:
        raise IndicatorLibraryError(f"{where}：{error.message}") from error
    fed_by = item.get("fed_by", []) or []
    if not isinstance(fed_by, list):
        raise IndicatorLibraryError(f"{where}的“fed_by”应为活动产出名称的列表")
    source = _text(item, "source", where, required=False) or ("activities" if fed_by else "entered")
    if source not in DATA_SOURCES:
        raise IndicatorLibraryError(f"{where}的数据来源“{source}”无效：应为{'、'.join(DATA_SOURCES)}之一")
    computed = _text(item, "computed", where, required=False)
    if computed:
        if computed not in INDICATORS:
            raise IndicatorLibraryError(
                f"{where}的计算方法“{computed}”不是jixiao能计算的指标（可用：{'、'.join(INDICATORS)}）"
            )
        if source not in COMPUTED_SOURCES:
            raise IndicatorLibraryError(
                f"{where}由“{computed}”计算，数据来源应为预算账、单位概况、任务完成情况或资产账"
            )
        if normalize_unit(unit) != "%":
            raise IndicatorLibraryError(f"{where}由“{computed}”计算，计量单位应为%")
    elif source in COMPUTED_SOURCES:
        raise IndicatorLibraryError(f"{where}的数据来源是{DATA_SOURCES[source]}，须写明计算方法（computed）")
    typical = _text(item, "typical_target", where, required=False)
    if typical and value_type == QUANTITATIVE:
        try:
            target = parse_target(typical, unit=unit, default_operator=operator)
        except TargetParseError as error:
            raise IndicatorLibraryError(f"{where}的典型目标值：{error.message}") from error
        if target.operator is not operator:
            raise IndicatorLibraryError(
                f"{where}的典型目标值“{typical}”的比较符与指标的比较符“{operator.value}”不一致"
            )
    return LibraryIndicator(
        code=code,
        level1=level1,
        level2=level2,
        name=_text(item, "name", where),
        explanation=_text(item, "explanation", where),
        unit=unit,
        operator=operator,
        scoring_rule=scoring_rule,
        value_type=value_type,
        fed_by=tuple(str(key) for key in fed_by),
        progress=progress,
        target_basis=_text(item, "target_basis", where, required=False),
        typical_target=typical,
        source=source,
        formula=_text(item, "formula", where, required=False),
        computed=computed,
    )


def _check_library(library: IndicatorLibrary) -> None:
    codes: set[str] = set()
    names: set[str] = set()
    output_keys = {output.key for output in library.outputs}
    if len(output_keys) != len(library.outputs):
        seen: set[str] = set()
        twice = next(output.key for output in library.outputs if output.key in seen or seen.add(output.key))
        raise IndicatorLibraryError(f"指标库{library.label}中活动产出“{twice}”重复")
    for indicator in library.indicators:
        if indicator.code in codes:
            raise IndicatorLibraryError(f"指标库{library.label}中指标编码“{indicator.code}”重复")
        if indicator.name in names:
            raise IndicatorLibraryError(f"指标库{library.label}中三级指标“{indicator.name}”重复")
        codes.add(indicator.code)
        names.add(indicator.name)
        for key in indicator.fed_by:
            if key not in output_keys:
                raise IndicatorLibraryError(
                    f"指标“{indicator.name}”（{indicator.code}）引用了不存在的活动产出“{key}”"
                )


def _vocabulary(data: Any) -> Vocabulary:
    if not data:
        return Vocabulary()
    data = _mapping(data, "vocabulary（措辞）")

    def words(key: str) -> tuple[str, ...]:
        return tuple(
            str(word).strip() for word in _list(data, key, "vocabulary（措辞）") if str(word).strip()
        )

    examples = data.get("examples") or {}
    examples = _mapping(examples, "vocabulary.examples（示例）")
    unknown = sorted(set(examples) - set(EXAMPLE_KEYS))
    if unknown:
        raise IndicatorLibraryError(
            f"vocabulary.examples中的“{'、'.join(map(str, unknown))}”不是可用的示例名（可用：{'、'.join(EXAMPLE_KEYS)}）"
        )
    return Vocabulary(
        work_areas=words("work_areas"),
        verbs=words("verbs"),
        object_verbs=words("object_verbs"),
        trailing_verbs=words("trailing_verbs"),
        examples=tuple((str(key), str(text)) for key, text in examples.items() if text),
    )


def _sources(data: Mapping[str, Any]) -> tuple[LibrarySource, ...]:
    sources = []
    for number, item in enumerate(_list(data, "sources", "指标库"), start=1):
        where = f"第{number}个来源（sources）"
        item = _mapping(item, where)
        sources.append(
            LibrarySource(
                title=_text(item, "title", where),
                url=_text(item, "url", where),
                kind=_text(item, "kind", where, required=False),
                note=_text(item, "note", where, required=False),
            )
        )
    return tuple(sources)


def library_from_data(
    data: Any, *, rules: GoalRules | None = None, where: str = "指标库"
) -> IndicatorLibrary:
    """A library from its parsed YAML mapping; every entry is checked (Chinese messages name it)."""
    data = _mapping(data, where)
    version = str(data.get("version") or "").strip()
    if not version:
        raise IndicatorLibraryError(f"{where}缺少“version”（版本号，如fulian-v2）")
    kind = str(data.get("kind") or TYPE_KIND).strip()
    if kind not in (TYPE_KIND, COMMON_KIND):
        raise IndicatorLibraryError(f"{where}的“kind”应为type（部门类型指标库）或common（共性指标库）")
    rules = rules or goal_rules()
    outputs = _list(data, "outputs", where)
    indicators = _list(data, "indicators", where)
    if len(outputs) + len(indicators) > MAX_LIBRARY_ENTRIES:
        raise IndicatorLibraryError(f"{where}的条目超过{MAX_LIBRARY_ENTRIES}个上限")
    library = IndicatorLibrary(
        version=version,
        name=str(data.get("name", "") or ""),
        outputs=tuple(
            _output_from(item, f"第{number}个活动产出") for number, item in enumerate(outputs, start=1)
        ),
        indicators=tuple(
            _indicator_from(item, rules, where=f"第{number}个指标")
            for number, item in enumerate(indicators, start=1)
        ),
        kind=kind,
        department_type=str(data.get("type", "") or "").strip(),
        authority=str(data.get("authority", "") or ""),
        sources=_sources(data),
        sources_note=str(data.get("sources_note", "") or "").strip(),
        vocabulary=_vocabulary(data.get("vocabulary")),
        reference_objects=tuple(str(item) for item in _list(data, "reference_objects", where)),
    )
    for output in library.outputs:
        if not unit_known(output.unit):
            raise IndicatorLibraryError(
                f"活动产出“{output.key}”的单位“{output.unit}”不在计量单位表（jixiao/data/indicators/units.yaml）中"
            )
    _check_library(library)
    return library


def parse_indicator_library(text: str, *, rules: GoalRules | None = None) -> IndicatorLibrary:
    """A library from the text of a YAML file (as a finance bureau uploads its own version).

    Refuses text over ``MAX_LIBRARY_BYTES``, YAML that does not parse (saying the line), and any
    entry that does not check, naming it."""
    if len(text.encode("utf-8")) > MAX_LIBRARY_BYTES:
        raise IndicatorLibraryError(f"指标库文件超过{MAX_LIBRARY_BYTES // 1024}KB上限")
    try:
        data = parse_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"第{mark.line + 1}行" if mark is not None else ""
        raise IndicatorLibraryError(f"指标库文件{line}不是有效的YAML：{error.problem or error}") from error
    except yaml.YAMLError as error:
        raise IndicatorLibraryError(f"指标库文件不是有效的YAML：{error}") from error
    return library_from_data(data, rules=rules, where="指标库文件")


def load_indicator_library_file(path: Path, *, rules: GoalRules | None = None) -> IndicatorLibrary:
    data = read_data_file(Path(path))
    if not data.get("version"):
        raise IndicatorLibraryError(f"指标库文件“{Path(path).name}”缺少“version”")
    return library_from_data(data, rules=rules, where=f"指标库文件“{Path(path).name}”")


def shipped_versions() -> tuple[str, ...]:
    """The versions shipped with jixiao (the YAML files named <slug>-v<n>.yaml)."""
    return tuple(sorted(path.stem for path in DATA_DIR.glob("*-v*.yaml") if _VERSION.match(path.stem)))


def is_shipped(version: str) -> bool:
    return bool(_VERSION.match(version)) and (DATA_DIR / f"{version}.yaml").exists()


def version_slug(version: str) -> str:
    """'fulian-v2' → 'fulian'; 'fulian-hengyang-2024' → 'fulian' (the slug is the part before the first '-')."""
    return version.split("-", 1)[0]


def check_version_name(version: str) -> None:
    if not _VERSION.match(version):
        raise IndicatorLibraryError(
            f"版本号“{version}”无效：应为部门类型的拼音加版本，如fulian-v2、gongxing-v2（小写字母、数字和连字符）"
        )


@cache
def load_indicator_library(version: str) -> IndicatorLibrary:
    """A shipped library by version name, e.g. 'kexie-v1' (read once per process: shipped data
    does not change while the program runs, and the library is frozen)."""
    if not _VERSION.match(version) or not (DATA_DIR / f"{version}.yaml").exists():
        raise IndicatorLibraryError(f"没有版本为“{version}”的指标库")
    return load_indicator_library_file(DATA_DIR / f"{version}.yaml")


def type_library_version(department_type: str) -> str:
    """The shipped library version of a 部门类型 ('妇联' → 'fulian-v1'); '' for a type without one
    (其他), which has the 共性 library only."""
    from jixiao.domain.department_types import department_type as find_type

    version = find_type(department_type).library_version
    return version if is_shipped(version) else ""


@cache
def library_for_type(department_type: str, common_version: str = COMMON_VERSION) -> IndicatorLibrary:
    """The shipped library of a 部门类型 combined with the 共性 library."""
    version = type_library_version(department_type)
    common = load_indicator_library(common_version)
    return combined(load_indicator_library(version) if version else None, common)


def types_keeping(reference: str) -> tuple[str, ...]:
    """The 部门类型 whose shipped library keeps the reference object ``reference`` (app_label.Model)."""
    from jixiao.domain.department_types import department_types

    return tuple(
        kind.name
        for kind in department_types()
        if (version := type_library_version(kind.name))
        and reference in load_indicator_library(version).reference_objects
    )


# --- checking a goal against a library --------------------------------------------------------------


def library_findings(goal: Goal, library: IndicatorLibrary) -> list[GoalFinding]:
    """提示 for each goal indicator the library does not hold (``unknown_indicator``), or holds under
    another unit or category: a goal table from outside jixiao is read against the department's
    library this way. Indicators taken from the library raise nothing."""
    rules = goal_rules()
    found = []
    for indicator in goal.indicators:
        ref = f"三级指标“{indicator.name or '（未命名）'}”"
        if not indicator.name.strip():
            continue
        entry = library.entry_for(indicator)
        if entry is None:
            found.append(
                GoalFinding(
                    "unknown_indicator",
                    f"{ref}不在指标库{library.label}中：请核对名称，或将其登记为本单位自定义指标",
                    indicator.name,
                    indicator.row,
                    Severity.NOTICE,
                    {"library": library.label},
                )
            )
            continue
        category = indicator.category(rules)
        if category is not None and category != (entry.level1, entry.level2):
            found.append(
                GoalFinding(
                    "library_category_mismatch",
                    f"{ref}列在“{category[0]}/{category[1]}”下，指标库{library.label}中它属于“{entry.level1}/{entry.level2}”",
                    indicator.name,
                    indicator.row,
                    Severity.NOTICE,
                )
            )
        unit = indicator.unit
        if indicator.is_quantitative:
            try:
                unit = indicator.parsed_target().unit
            except TargetParseError:
                unit = indicator.unit
        if entry.value_type == QUANTITATIVE and unit and normalize_unit(unit) != normalize_unit(entry.unit):
            found.append(
                GoalFinding(
                    "library_unit_mismatch",
                    f"{ref}的计量单位“{unit}”与指标库{library.label}中的“{entry.unit}”不一致",
                    indicator.name,
                    indicator.row,
                    Severity.NOTICE,
                )
            )
    return found


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
