"""Performance goals (绩效目标) with quantified indicators, and their validation.

A goal is laid out like the Hunan 整体绩效目标表 (domain-rules.md §3.5): 年度主要任务 with their budget
amounts, then 三级 indicators filed under 一级/二级 categories, each with 指标值类型, target, unit,
指标解释 and 评(扣)分标准. ``validate_goal`` collects every finding (§4.3) and never stops at the first;
``is_submittable`` says whether the goal may go forward. The rules' vocabularies (vague phrases,
category names, input phrases, grade labels) are data in ``jixiao/data/indicators``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from jixiao.data import parse_yaml
from jixiao.domain.errors import DomainError
from jixiao.domain.money import yuan, yuan_fixed

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "indicators"
DEMO_GOAL_FILE = Path(__file__).resolve().parent.parent / "data" / "demo" / "changning-kexie-2023-goal.yaml"

QUANTITATIVE = "定量"
QUALITATIVE = "定性"


class GoalError(DomainError):
    code = "goal_error"


class TargetParseError(GoalError):
    code = "target_unparsable"


# --- targets -------------------------------------------------------------------------------------


class Operator(StrEnum):
    GE = "≥"
    LE = "≤"
    EQ = "="
    GT = ">"
    LT = "<"

    def holds(self, actual: Decimal, target: Decimal) -> bool:
        """Whether ``actual`` meets ``target`` under this operator."""
        return {
            Operator.GE: actual >= target,
            Operator.LE: actual <= target,
            Operator.EQ: actual == target,
            Operator.GT: actual > target,
            Operator.LT: actual < target,
        }[self]

    @property
    def is_upper_bound(self) -> bool:
        return self in (Operator.LE, Operator.LT)


# Longest spellings first, so '>=' is not read as '>' followed by '='.
_OPERATOR_SPELLINGS: tuple[tuple[str, Operator], ...] = (
    ("大于或等于", Operator.GE),
    ("小于或等于", Operator.LE),
    ("大于等于", Operator.GE),
    ("小于等于", Operator.LE),
    ("不低于", Operator.GE),
    ("不少于", Operator.GE),
    ("不小于", Operator.GE),
    ("不高于", Operator.LE),
    ("不超过", Operator.LE),
    ("不多于", Operator.LE),
    ("不大于", Operator.LE),
    ("＞＝", Operator.GE),
    ("＜＝", Operator.LE),
    (">=", Operator.GE),
    ("<=", Operator.LE),
    ("=>", Operator.GE),
    ("=<", Operator.LE),
    ("==", Operator.EQ),
    ("至少", Operator.GE),
    ("大于", Operator.GT),
    ("高于", Operator.GT),
    ("多于", Operator.GT),
    ("超过", Operator.GT),
    ("小于", Operator.LT),
    ("低于", Operator.LT),
    ("少于", Operator.LT),
    ("等于", Operator.EQ),
    ("≥", Operator.GE),
    ("≧", Operator.GE),
    ("⩾", Operator.GE),
    ("≤", Operator.LE),
    ("≦", Operator.LE),
    ("⩽", Operator.LE),
    ("＝", Operator.EQ),
    ("=", Operator.EQ),
    ("＞", Operator.GT),
    (">", Operator.GT),
    ("＜", Operator.LT),
    ("<", Operator.LT),
)

_TARGET_NUMBER = re.compile(r"^(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>.*)$")
_EXAMPLES = "如≥95%、≥30次、=11个、≤44万元"


def parse_operator(text: str) -> Operator:
    """'≥', '>=', '＞＝', '不低于' … → Operator."""
    cleaned = _squash(text)
    for spelling, operator in _OPERATOR_SPELLINGS:
        if cleaned == spelling:
            return operator
    raise TargetParseError(f"比较符“{text}”无效：应为≥、≤、=、>、<之一")


def normalize_unit(unit: str) -> str:
    return _squash(unit).replace("％", "%")


def _squash(text: str) -> str:
    return str(text).strip().replace(" ", "").replace("\u3000", "").replace("\t", "")


@dataclass(frozen=True, slots=True)
class Target:
    """A quantified target: operator + number + unit, e.g. ≥ 95 %."""

    operator: Operator
    value: Decimal
    unit: str

    def text(self) -> str:
        return f"{self.operator.value}{_plain(self.value)}{self.unit}"

    def __str__(self) -> str:
        return self.text()

    def base(self) -> tuple[Decimal, str]:
        """The value in the base unit: (2, '万人次') → (20000, '人次'); others unchanged."""
        if self.unit.startswith("万") and len(self.unit) > 1:
            return self.value * Decimal(10000), self.unit[1:]
        return self.value, self.unit

    def in_yuan(self, money_units: Mapping[str, Decimal] | None = None) -> Decimal | None:
        """The target as an amount in 元 when its unit is a money unit (元, 万元), else None."""
        units = money_units if money_units is not None else goal_rules().money_units
        factor = units.get(self.unit)
        return None if factor is None else self.value * factor


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@lru_cache(maxsize=4096)  # the same few targets are read again for every page and department
def parse_target(text: str, *, unit: str = "", default_operator: Operator | str | None = None) -> Target:
    """'≥95%', '>=30 次', '=11个', '＞＝ 90 ％', '不低于95' → Target.

    ``unit`` is the separate 计量单位 column, used when the text has none; when both are given they
    must agree. ``default_operator`` is used only when the text has no comparison sign.
    """
    original = "" if text is None else str(text)
    cleaned = _squash(original).replace("％", "%")
    column_unit = normalize_unit(unit or "")
    if not cleaned:
        raise TargetParseError(f"指标值为空，应写成“比较符+数值+单位”（{_EXAMPLES}）")
    operator: Operator | None = None
    for spelling, candidate in _OPERATOR_SPELLINGS:
        if cleaned.startswith(spelling):
            operator = candidate
            cleaned = cleaned[len(spelling) :]
            break
    if operator is None:
        if default_operator is None:
            raise TargetParseError(
                f"指标值“{original}”缺少比较符（≥、≤、=、>、<），应写成“比较符+数值+单位”（{_EXAMPLES}）"
            )
        operator = Operator(default_operator)
    match = _TARGET_NUMBER.match(cleaned)
    if not match:
        raise TargetParseError(f"指标值“{original}”无法解析为“比较符+数值+单位”（{_EXAMPLES}）")
    try:
        value = Decimal(match.group("number").replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the regex admits only numbers
        raise TargetParseError(f"指标值“{original}”中的数值无效") from error
    text_unit = match.group("unit")
    if text_unit[:1] in ("余", "多") or any(word in text_unit for word in ("以上", "以下", "左右")):
        raise TargetParseError(
            f"指标值“{original}”带有“余/多/以上/左右”等约数表述，目标值须是确定的数值（{_EXAMPLES}）"
        )
    if text_unit and column_unit and text_unit != column_unit:
        raise TargetParseError(f"指标值“{original}”中的单位“{text_unit}”与计量单位“{column_unit}”不一致")
    return Target(operator, value, text_unit or column_unit)


# --- goal structure ------------------------------------------------------------------------------


class CurveKind(StrEnum):
    LINEAR = "linear"  # accumulates evenly over the year (counts: 次, 份, 人次)
    POINTS = "points"  # accumulates along declared checkpoints (e.g. all of it on 全国科普日 in September)
    YEAR_END = "year_end"  # judged only at year end (satisfaction surveys, year-end payment rate)
    LEVEL = "level"  # a level or rate, compared with the target itself at any date


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """By ``month``/``day`` (inclusive), ``share`` percent of the annual target is expected."""

    month: int
    day: int
    share: Decimal


@dataclass(frozen=True, slots=True)
class ProgressCurve:
    kind: CurveKind = CurveKind.LINEAR
    points: tuple[CurvePoint, ...] = ()

    def __post_init__(self) -> None:
        if self.kind is CurveKind.POINTS and not self.points:
            raise GoalError("进度曲线为“points”时须给出至少一个时间节点")
        previous = Decimal(0)
        for point in self.points:
            if not Decimal(0) <= point.share <= Decimal(100) or point.share < previous:
                raise GoalError(
                    f"进度节点{point.month}月{point.day}日的累计比例{point.share}%无效：应在0—100之间且逐步增加"
                )
            previous = point.share


LINEAR = ProgressCurve()


@dataclass(frozen=True, slots=True)
class GradeLevel:
    """One level of a qualitative grading scale: 优：全部按期完成，得满分."""

    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Task:
    """A 年度主要任务 with its budget amount in 元, its 计划完成时间 and whether it is a 重点工作
    (交办或下达): the 计划工作 that 实际完成率, 完成及时率 and 重点工作办结率 count."""

    name: str
    budget: Decimal
    content: str = ""
    fund_type: str = ""  # 基本支出-人员经费 / 基本支出-公用经费 / 项目支出
    row: int | None = None
    due: dt.date | None = None
    is_key: bool = False


@dataclass(frozen=True, slots=True)
class GoalIndicator:
    """A 三级 indicator as entered on the goal table. ``target`` is the 指标值 text as written."""

    name: str
    level1: str
    level2: str
    value_type: str
    target: str
    unit: str = ""
    operator: str = ""  # a separate 比较符, when the form keeps one apart from 指标值
    explanation: str = ""
    scoring_rule: str = ""
    points: Decimal | None = None
    task: str = ""
    grading_scale: tuple[GradeLevel, ...] = ()
    code: str = ""
    note: str = ""
    row: int | None = None
    progress: ProgressCurve = LINEAR
    baseline: str = ""  # 上年实际值, when the table gives it

    @property
    def is_quantitative(self) -> bool:
        return _squash(self.value_type) == QUANTITATIVE

    @property
    def is_qualitative(self) -> bool:
        return _squash(self.value_type) == QUALITATIVE

    def parsed_target(self) -> Target:
        """The target as operator + number + unit; raises ``TargetParseError`` naming the indicator."""
        try:
            default = parse_operator(self.operator) if self.operator.strip() else None
            return parse_target(self.target, unit=self.unit, default_operator=default)
        except TargetParseError as error:
            raise TargetParseError(f"三级指标“{self.name}”：{error.message}", indicator=self.name) from error

    def category(self, rules: GoalRules | None = None) -> tuple[str, str] | None:
        """(规范一级名, 规范二级名), or None when either is not a known category."""
        return (rules or goal_rules()).category_of(self.level1, self.level2)


class GoalKind(StrEnum):
    DEPARTMENT = "部门整体"
    PROJECT = "项目"


@dataclass(frozen=True, slots=True)
class Goal:
    department: str
    indicators: tuple[GoalIndicator, ...]
    tasks: tuple[Task, ...] = ()
    year: int | None = None
    overall_goal: str = ""
    duties: str = ""
    kind: GoalKind = GoalKind.DEPARTMENT
    project: str = ""

    def task_named(self, name: str) -> Task | None:
        return next((task for task in self.tasks if task.name == name), None)

    @property
    def task_budget_total(self) -> Decimal:
        return sum((task.budget for task in self.tasks), Decimal("0.00"))


# --- rules as data -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    aliases: tuple[str, ...]
    required: str  # each / any
    level2: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class GoalRules:
    vague_phrases: tuple[str, ...]
    categories: tuple[Category, ...]
    input_level1: tuple[str, ...]
    input_phrases: tuple[str, ...]
    money_units: Mapping[str, Decimal]
    grade_label_sets: tuple[tuple[str, ...], ...]
    min_grade_levels: int
    table_kinds: Mapping[str, Mapping[str, bool]] = field(default_factory=dict)

    def applies(self, kind: GoalKind, rule: str) -> bool:
        """Whether a rule of the table kinds (goal-rules.yaml ``table_kinds``) holds for ``kind``."""
        return bool(self.table_kinds.get(kind.value, {}).get(rule, True))

    def parent_of(self, level2: str) -> str | None:
        """'数量指标' → '产出指标': the 一级 category a 二级 name belongs to."""
        second = _squash(level2)
        for category in self.categories:
            if any(second in aliases for _, aliases in category.level2):
                return category.name
        return None

    def category_of(self, level1: str, level2: str) -> tuple[str, str] | None:
        first = _squash(level1)
        second = _squash(level2)
        for category in self.categories:
            if first not in category.aliases:
                continue
            for name, aliases in category.level2:
                if second in aliases:
                    return category.name, name
            return None
        return None

    def level1_known(self, level1: str) -> bool:
        return any(_squash(level1) in category.aliases for category in self.categories)

    def vague_phrase_in(self, text: str) -> str | None:
        cleaned = _squash(text)
        return next((phrase for phrase in self.vague_phrases if phrase in cleaned), None)

    def input_phrase_in(self, text: str) -> str | None:
        cleaned = _squash(text)
        return next((phrase for phrase in self.input_phrases if phrase in cleaned), None)


def read_data_file(path: Path) -> dict[str, Any]:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GoalError(f"无法读取数据文件“{path.name}”：{error}") from error
    if not isinstance(data, dict):
        raise GoalError(f"数据文件“{path.name}”格式不对：应为键值结构")
    return data


def load_goal_rules(
    rules_file: Path = DATA_DIR / "goal-rules.yaml", vague_file: Path = DATA_DIR / "vague-phrases.yaml"
) -> GoalRules:
    rules = read_data_file(rules_file)
    vague = read_data_file(vague_file)
    categories = tuple(
        Category(
            name=str(entry["name"]),
            aliases=tuple(str(alias) for alias in entry.get("aliases", [entry["name"]])),
            required=str(entry.get("required", "any")),
            level2=tuple(
                (str(item["name"]), tuple(str(alias) for alias in item.get("aliases", [item["name"]])))
                for item in entry["level2"]
            ),
        )
        for entry in rules["categories"]
    )
    grading = rules.get("grading", {})
    return GoalRules(
        vague_phrases=tuple(str(phrase) for phrase in vague["phrases"]),
        categories=categories,
        input_level1=tuple(str(name) for name in rules.get("input_level1", [])),
        input_phrases=tuple(str(phrase) for phrase in rules.get("input_phrases", [])),
        money_units={
            str(unit): Decimal(str(factor)) for unit, factor in rules.get("money_units", {}).items()
        },
        grade_label_sets=tuple(
            tuple(str(label) for label in labels) for labels in grading.get("label_sets", [])
        ),
        min_grade_levels=int(grading.get("min_levels", 2)),
        table_kinds={
            str(kind): {str(rule): bool(value) for rule, value in flags.items()}
            for kind, flags in rules.get("table_kinds", {}).items()
        },
    )


@lru_cache(maxsize=1)
def goal_rules() -> GoalRules:
    """The shipped rules, loaded once."""
    return load_goal_rules()


_GRADE_SEGMENT = re.compile(r"^\s*(?P<label>[^：:，,。；;（(\s]{1,4})\s*[：:]\s*(?P<description>.*)$")


def parse_grading_scale(text: str, rules: GoalRules | None = None) -> tuple[GradeLevel, ...]:
    """'优：…；良：…；中：…；差：…' → the levels; () when the text is not a graded scale."""
    rules = rules or goal_rules()
    segments = [segment for segment in re.split(r"[；;\n]+", text or "") if segment.strip()]
    levels = []
    for segment in segments:
        match = _GRADE_SEGMENT.match(segment)
        if match:
            levels.append(GradeLevel(match.group("label"), match.group("description").strip()))
    for label_set in rules.grade_label_sets:
        graded = tuple(level for level in levels if level.label in label_set)
        if len(graded) >= rules.min_grade_levels:
            return graded
    return ()


# --- findings ------------------------------------------------------------------------------------


class Severity(StrEnum):
    ERROR = "错误"
    NOTICE = "提示"


@dataclass(frozen=True, slots=True)
class GoalFinding:
    code: str
    message: str
    indicator: str = ""
    row: int | None = None
    severity: Severity = Severity.ERROR
    details: Mapping[str, Any] = field(default_factory=dict, hash=False)


def is_submittable(findings: Iterable[GoalFinding]) -> bool:
    """A goal may be submitted when no finding is an error (提示 do not block)."""
    return not any(finding.severity is Severity.ERROR for finding in findings)


def _ref(indicator: GoalIndicator) -> str:
    return f"三级指标“{indicator.name or '（未命名）'}”"


def validate_goal(
    goal: Goal, *, department_budget: Decimal | None, rules: GoalRules | None = None
) -> list[GoalFinding]:
    """Every finding about ``goal`` (domain-rules.md §4.3), in table order, then the goal-wide ones.

    ``department_budget`` is the department's (or project's) budget in 元 that the tasks must add up
    to; None means it is not known, which is said as a 提示 rather than silently skipped.
    """
    rules = rules or goal_rules()
    findings: list[GoalFinding] = []
    for indicator in goal.indicators:
        findings.extend(_indicator_findings(indicator, goal, rules))
    findings.extend(_duplicate_findings(goal))
    findings.extend(_category_findings(goal, rules))
    if goal.tasks or rules.applies(goal.kind, "tasks_required"):
        findings.extend(_task_findings(goal, department_budget))
    findings.extend(_cost_findings(goal, department_budget, rules))
    from jixiao.domain.goal_meaning import meaning_findings  # the meaning checks build on this module

    findings.extend(meaning_findings(goal))
    return findings


def _indicator_findings(indicator: GoalIndicator, goal: Goal, rules: GoalRules) -> list[GoalFinding]:
    found: list[GoalFinding] = []
    ref = _ref(indicator)

    def add(code: str, message: str, severity: Severity = Severity.ERROR, **details: Any) -> None:
        found.append(GoalFinding(code, message, indicator.name, indicator.row, severity, details))

    if not indicator.name.strip():
        add("missing_name", f"{ref}：未填写三级指标名称")
    if _squash(indicator.level1) in rules.input_level1:
        add(
            "input_as_goal",
            f"{ref}列在“{indicator.level1}”下：财力、人力、物力是投入，不能作为绩效目标，请改为产出、效益或满意度指标",
        )
    elif indicator.category(rules) is None:
        if not rules.level1_known(indicator.level1):
            add("unknown_category", f"{ref}的一级指标“{indicator.level1}”不是产出、效益或满意度指标")
        else:
            add("unknown_category", f"{ref}的二级指标“{indicator.level2}”不属于一级指标“{indicator.level1}”")
    category = indicator.category(rules)
    if category is None or category[1] != "成本指标":
        phrase = rules.input_phrase_in(indicator.name)
        if phrase and _squash(indicator.level1) not in rules.input_level1:
            add(
                "input_as_goal",
                f"{ref}含“{phrase}”，是财力、人力或物力投入，不能作为绩效目标：请写它带来的产出或效益",
                phrase=phrase,
            )

    if not (indicator.is_quantitative or indicator.is_qualitative):
        if _squash(indicator.value_type):
            add("invalid_value_type", f"{ref}的指标值类型“{indicator.value_type}”无效：应为“定量”或“定性”")
        elif rules.applies(goal.kind, "value_type_required"):
            add("missing_value_type", f"{ref}未填写指标值类型（定量/定性）")
        elif not re.search(r"\d", indicator.target):  # a 项目 table without the column: by its value
            indicator = dataclasses.replace(indicator, value_type=QUALITATIVE)

    target_text = _squash(indicator.target)
    graded = bool(indicator.grading_scale) or bool(parse_grading_scale(indicator.scoring_rule, rules))
    # a value with a number in it ("较上年提高5个百分点") is judged by parsing, not as a vague phrase
    phrase = None if re.search(r"\d", target_text) else rules.vague_phrase_in(indicator.target)
    if not target_text:
        add("missing_target", f"{ref}未填写指标值")
    elif phrase and not (indicator.is_qualitative and graded):
        add(
            "vague_target",
            f"{ref}的指标值“{indicator.target}”是模糊表述{'' if target_text == phrase else f'（“{phrase}”）'}，"
            + (
                "无法衡量：请给出分级分档的评(扣)分标准（如“优：…；良：…；中：…；差：…”）"
                if indicator.is_qualitative
                else f"无法衡量：请写成“比较符+数值+单位”（{_EXAMPLES}），或改为定性指标并给出分级分档的评(扣)分标准"
            ),
            Severity.ERROR
            if not indicator.is_qualitative or rules.applies(goal.kind, "qualitative_scale_required")
            else Severity.NOTICE,
            phrase=phrase,
        )
    elif indicator.is_qualitative and not graded:
        add(
            "qualitative_without_scale",
            f"{ref}是定性指标，但评(扣)分标准没有分级分档（如“优：…；良：…；中：…；差：…”），无法评价",
            Severity.ERROR if rules.applies(goal.kind, "qualitative_scale_required") else Severity.NOTICE,
        )
    elif not indicator.is_qualitative:
        try:
            target = indicator.parsed_target()
        except TargetParseError as error:
            add("unparsable_target", error.message)
        else:
            if not target.unit:
                add("missing_unit", f"{ref}未填写计量单位（如%、次、人次、个）")
            if category and category[0] == "满意度指标" and target.unit != "%":
                add("satisfaction_unit", f"{ref}是满意度指标，应以百分比（%）计量", Severity.NOTICE)

    if not _squash(indicator.explanation):
        add("missing_explanation", f"{ref}未填写指标解释", Severity.NOTICE)
    if (
        not _squash(indicator.scoring_rule)
        and not indicator.grading_scale
        and rules.applies(goal.kind, "scoring_rule_expected")
    ):
        add("missing_scoring_rule", f"{ref}未填写评(扣)分标准", Severity.NOTICE)

    if goal.tasks:
        if not indicator.task.strip():
            add("missing_task_link", f"{ref}未关联年度主要任务，无法说明它对应哪项工作和预算")
        elif goal.task_named(indicator.task.strip()) is None:
            add("unknown_task", f"{ref}关联的任务“{indicator.task}”不在年度主要任务中")
    return found


def _duplicate_findings(goal: Goal) -> list[GoalFinding]:
    seen: dict[tuple[str, str], GoalIndicator] = {}
    found = []
    for indicator in goal.indicators:
        key = (_squash(indicator.level2), _squash(indicator.name))
        if indicator.name.strip() and key in seen:
            found.append(
                GoalFinding(
                    "duplicate_indicator",
                    f"{_ref(indicator)}在“{indicator.level2}”下重复出现",
                    indicator.name,
                    indicator.row,
                    Severity.NOTICE,
                )
            )
        seen.setdefault(key, indicator)
    return found


def _category_findings(goal: Goal, rules: GoalRules) -> list[GoalFinding]:
    present = {indicator.category(rules) for indicator in goal.indicators} - {None}
    found = []
    for category in rules.categories:
        if category.required == "each":
            for name, _aliases in category.level2:
                if (category.name, name) not in present:
                    found.append(
                        GoalFinding(
                            "missing_category",
                            f"{category.name}缺少“{name}”：至少应设1个可衡量的三级指标",
                            details={"level1": category.name, "level2": name},
                        )
                    )
        elif not any(level1 == category.name for level1, _ in present):
            found.append(
                GoalFinding(
                    "missing_category",
                    f"缺少{category.name}：至少应设1个三级指标",
                    details={"level1": category.name},
                )
            )
    return found


def _task_findings(goal: Goal, department_budget: Decimal | None) -> list[GoalFinding]:
    found = []
    if not goal.tasks:
        found.append(
            GoalFinding(
                "no_tasks", "未列出年度主要任务（任务名称、主要内容、预算金额），指标无法对应到工作和预算"
            )
        )
        return found
    names: set[str] = set()
    for task in goal.tasks:
        if not task.name.strip():
            found.append(GoalFinding("task_without_name", "有一项年度主要任务未填写任务名称", row=task.row))
        elif task.name in names:
            found.append(GoalFinding("duplicate_task", f"年度主要任务“{task.name}”重复出现", row=task.row))
        names.add(task.name)
        if task.due is not None and goal.year is not None and task.due.year != goal.year:
            found.append(
                GoalFinding(
                    "task_due_outside_year",
                    f"年度主要任务“{task.name}”的计划完成时间{task.due.year}年{task.due.month}月{task.due.day}日"
                    f"不在{goal.year}年度内",
                    row=task.row,
                )
            )
        if task.budget < 0:
            found.append(
                GoalFinding(
                    "negative_task_budget",
                    f"年度主要任务“{task.name}”的预算金额{yuan_fixed(task.budget)}元为负数",
                    row=task.row,
                )
            )
    total = goal.task_budget_total
    if department_budget is None:
        found.append(
            GoalFinding(
                "budget_unknown",
                f"未提供部门预算总额，未核对年度主要任务预算合计（{yuan_fixed(total)}元）",
                severity=Severity.NOTICE,
                details={"task_total": total},
            )
        )
    elif total != department_budget:
        difference = total - department_budget
        found.append(
            GoalFinding(
                "task_budget_mismatch",
                f"年度主要任务预算金额合计{yuan_fixed(total)}元，与部门预算{yuan_fixed(department_budget)}元不一致"
                f"（{'多' if difference > 0 else '少'}{yuan_fixed(abs(difference))}元）",
                details={"task_total": total, "budget": department_budget, "difference": difference},
            )
        )
    return found


def _cost_findings(goal: Goal, department_budget: Decimal | None, rules: GoalRules) -> list[GoalFinding]:
    found = []
    total = Decimal("0.00")
    for indicator in goal.indicators:
        if indicator.category(rules) != ("产出指标", "成本指标") or not indicator.is_quantitative:
            continue
        try:
            target = indicator.parsed_target()
        except TargetParseError:
            continue  # already reported with the indicator
        amount = target.in_yuan(rules.money_units)
        if amount is None:
            continue  # a unit cost (元/人次) is not a share of the budget
        if not target.operator.is_upper_bound and target.operator is not Operator.EQ:
            found.append(
                GoalFinding(
                    "cost_operator",
                    f"{_ref(indicator)}是成本指标，应设上限（≤或<），而不是“{target.operator.value}”",
                    indicator.name,
                    indicator.row,
                )
            )
        total += amount
        task = goal.task_named(indicator.task.strip())
        if task is not None and amount > task.budget:
            found.append(
                GoalFinding(
                    "cost_over_task_budget",
                    f"{_ref(indicator)}的成本上限{yuan_fixed(amount)}元超过所关联任务“{task.name}”的预算"
                    f"{yuan_fixed(task.budget)}元",
                    indicator.name,
                    indicator.row,
                    details={"cost": amount, "task_budget": task.budget},
                )
            )
    if department_budget is not None and total > department_budget:
        found.append(
            GoalFinding(
                "cost_over_budget",
                f"成本指标合计{yuan_fixed(total)}元，超过部门预算{yuan_fixed(department_budget)}元",
                details={"cost_total": total, "budget": department_budget},
            )
        )
    return found


# --- building goals from data --------------------------------------------------------------------


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(str(value).replace(",", ""))
    except InvalidOperation as error:
        raise GoalError(f"{what}“{value}”不是有效数字") from error


def _date_or_none(value: Any, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise GoalError(f"{what}“{value}”不是有效日期（应写成2023-06-30）") from error


def curve_from_data(data: Any) -> ProgressCurve:
    """'linear' / 'year_end' / 'level', or {points: [{date: '09-30', share: 100}, …]}."""
    if data is None:
        return LINEAR
    if isinstance(data, str):
        try:
            return ProgressCurve(CurveKind(data))
        except ValueError as error:
            raise GoalError(f"进度曲线“{data}”无效：应为linear、year_end、level或points") from error
    points = []
    for point in data.get("points", []):
        month_text, _, day_text = str(point["date"]).partition("-")
        points.append(CurvePoint(int(month_text), int(day_text), _decimal(point["share"], "进度比例")))
    return ProgressCurve(CurveKind.POINTS, tuple(points))


def _library_defaults(item: Mapping[str, Any], library: Any) -> dict[str, Any]:
    code = item.get("code")
    if not code or library is None:
        return dict(item)
    entry = library.get(str(code))
    merged: dict[str, Any] = {
        "name": entry.name,
        "level1": entry.level1,
        "level2": entry.level2,
        "value_type": entry.value_type,
        "unit": entry.unit,
        "operator": entry.operator.value,
        "explanation": entry.explanation,
        "scoring_rule": entry.scoring_rule,
        "progress": entry.progress,
    }
    merged.update(item)
    return merged


def goal_from_data(data: Mapping[str, Any], *, library: Any = None) -> Goal:
    """A Goal from a mapping as stored in the demo YAML (see jixiao/data/demo/*-goal.yaml).

    An indicator with a ``code`` takes its name, categories, unit, operator, 指标解释, 评(扣)分标准 and
    progress curve from ``library`` (an ``IndicatorLibrary``); what the item itself says wins.
    """
    tasks = tuple(
        Task(
            name=str(item["name"]),
            budget=yuan(str(item["budget"])),
            content=str(item.get("content", "")),
            fund_type=str(item.get("fund_type", "")),
            due=_date_or_none(item.get("due"), f"年度主要任务“{item['name']}”的计划完成时间"),
            is_key=bool(item.get("key", False)),
        )
        for item in data.get("tasks", [])
    )
    indicators = []
    for raw in data.get("indicators", []):
        item = _library_defaults(raw, library)
        where = f"三级指标“{item.get('name') or item.get('code') or '（未命名）'}”"
        missing = [key for key in ("name", "level1", "level2", "target") if not item.get(key)]
        if missing:
            raise GoalError(f"{where}缺少字段：{'、'.join(missing)}")
        scale = tuple(
            GradeLevel(str(level["label"]), str(level.get("description", "")))
            for level in item.get("grading_scale", [])
        )
        points = item.get("points")
        progress = item.get("progress")
        indicators.append(
            GoalIndicator(
                name=str(item["name"]),
                level1=str(item["level1"]),
                level2=str(item["level2"]),
                value_type=str(item.get("value_type", QUANTITATIVE)),
                target=str(item["target"]),
                unit=str(item.get("unit", "")),
                operator=str(item.get("operator", "")),
                explanation=str(item.get("explanation", "")),
                scoring_rule=str(item.get("scoring_rule", "")),
                points=None if points is None else _decimal(points, "分值"),
                task=str(item.get("task", "")),
                grading_scale=scale,
                code=str(item.get("code", "")),
                note=str(item.get("note", "")),
                progress=progress if isinstance(progress, ProgressCurve) else curve_from_data(progress),
            )
        )
    return Goal(
        department=str(data["department"]),
        indicators=tuple(indicators),
        tasks=tasks,
        year=int(data["year"]) if data.get("year") is not None else None,
        overall_goal=str(data.get("overall_goal", "")),
        duties=str(data.get("duties", "")),
        kind=GoalKind(data.get("kind", GoalKind.DEPARTMENT.value)),
        project=str(data.get("project", "")),
    )


@dataclass(frozen=True, slots=True)
class GoalDocument:
    """A goal as stored in a YAML file, with the budget it must match."""

    goal: Goal
    budget: Decimal | None
    budget_parts: Mapping[str, Decimal]
    note: str = ""
    department_type: str = ""  # 部门类型, when the file says it (picks the library to read it against)


def load_goal_file(path: Path) -> GoalDocument:
    data = read_data_file(Path(path))
    budget = data.get("budget", {})
    total = budget.get("total")
    library = None
    type_name = str(data.get("department_type", "") or "")
    if data.get("library") or type_name:
        # the library builds on goals; a file names its library version, or its 部门类型
        from jixiao.domain.indicator_library import (
            COMMON_VERSION,
            combined,
            library_for_type,
            load_indicator_library,
        )

        if data.get("library"):
            own = load_indicator_library(str(data["library"]))
            library = combined(own, load_indicator_library(COMMON_VERSION))
            type_name = type_name or own.department_type
        else:
            library = library_for_type(type_name)
    return GoalDocument(
        goal=goal_from_data(data, library=library),
        budget=None if total is None else yuan(str(total)),
        budget_parts={str(key): yuan(str(value)) for key, value in budget.items() if key != "total"},
        note=str(data.get("note", "")),
        department_type=type_name,
    )


def load_demo_goal() -> GoalDocument:
    """常宁市科学技术协会 2023 年度部门整体绩效目标（演示数据）."""
    return load_goal_file(DEMO_GOAL_FILE)
