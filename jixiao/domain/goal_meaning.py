"""Meaning checks of a 绩效目标表: findings a reader of the table would raise, given as 提示.

The structural rules (jixiao/domain/goals.py) say whether each indicator is well formed. These say
whether it means something for this goal:

- an indicator copied from another kind of project ("维护社会稳定 ≥95%" on a salary project);
- a unit that clashes with the indicator's name ("培训230人" with the value "≥230个", or a "…率"
  counted in 个);
- a 效益 indicator that restates an output (the same thing as an 产出 indicator, or a work count);
- a target equal to (or below) last year's actual where the framework asks for an improvement.

The word lists are data (jixiao/data/indicators/meaning-checks.yaml). Every finding is a 提示
(Severity.NOTICE): the table may still be submitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from jixiao.domain.goals import (
    DATA_DIR,
    Goal,
    GoalFinding,
    GoalIndicator,
    Operator,
    Severity,
    TargetParseError,
    goal_rules,
    read_data_file,
)


@dataclass(frozen=True, slots=True)
class MeaningRules:
    copied: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    number_unit: re.Pattern
    name_units: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    min_core: int
    core_strip: tuple[str, ...]
    output_words: tuple[str, ...]
    benefit_words: tuple[str, ...]
    increase_level2: frozenset[str]


@cache
def meaning_rules() -> MeaningRules:
    data = read_data_file(DATA_DIR / "meaning-checks.yaml")
    units = sorted((str(u) for u in data["number_units"]), key=len, reverse=True)
    restate = data["benefit_restates_output"]
    return MeaningRules(
        copied=tuple(
            (tuple(map(str, item["indicator"])), tuple(map(str, item["projects"])))
            for item in data["copied_indicators"]
        ),
        number_unit=re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(map(re.escape, units)) + ")"),
        name_units=tuple(
            (tuple(map(str, item["endings"])), tuple(map(str, item["units"]))) for item in data["name_units"]
        ),
        min_core=int(restate["min_core"]),
        core_strip=tuple(sorted(map(str, restate["core_strip"]), key=len, reverse=True)),
        output_words=tuple(map(str, restate["output_words"])),
        benefit_words=tuple(map(str, restate["benefit_words"])),
        increase_level2=frozenset(map(str, data["expects_increase"]["level2"])),
    )


def _squash(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", str(text or ""))


def _ref(indicator: GoalIndicator) -> str:
    return f"三级指标“{indicator.name}”"


def _notice(code: str, indicator: GoalIndicator, message: str, **details) -> GoalFinding:
    return GoalFinding(code, message, indicator.name, indicator.row, Severity.NOTICE, details)


def _subject(goal: Goal) -> str:
    """What the goal is about: the project (name and goal) or the department (name, duties, goal)."""
    if goal.project:
        return _squash(goal.project + goal.overall_goal)
    return _squash(goal.department + goal.duties + goal.overall_goal)


def meaning_findings(goal: Goal) -> list[GoalFinding]:
    rules = meaning_rules()
    structure = goal_rules()
    findings: list[GoalFinding] = []
    subject = _subject(goal)
    outputs = [i for i in goal.indicators if (i.category(structure) or ("",))[0] == "产出指标"]
    for indicator in goal.indicators:
        category = indicator.category(structure)
        findings.extend(_copied(indicator, goal, subject, rules))
        findings.extend(_unit_clash(indicator, rules))
        if category is not None and category[0] == "效益指标":
            findings.extend(_restates_output(indicator, outputs, rules))
        if category is not None and category[1] in rules.increase_level2:
            findings.extend(_no_increase(indicator))
    return findings


def _copied(indicator: GoalIndicator, goal: Goal, subject: str, rules: MeaningRules) -> list[GoalFinding]:
    if not subject:
        return []
    name = _squash(indicator.name)
    for phrases, projects in rules.copied:
        phrase = next((p for p in phrases if p in name), None)
        if phrase and not any(word in subject for word in projects):
            about = (
                f"项目“{goal.project}”" if goal.project else f"“{goal.department or '本部门'}”的职责和目标"
            )
            return [
                _notice(
                    "copied_indicator",
                    indicator,
                    f"{_ref(indicator)}（含“{phrase}”）与{about}无关，像是从其他类项目套用的：请换成反映本项目产出和效果的指标",
                    phrase=phrase,
                )
            ]
    return []


def _target_unit(indicator: GoalIndicator) -> str:
    try:
        return indicator.parsed_target().unit
    except TargetParseError:
        return _squash(indicator.unit).replace("％", "%")


def _unit_clash(indicator: GoalIndicator, rules: MeaningRules) -> list[GoalFinding]:
    if indicator.is_qualitative:
        return []
    unit = _target_unit(indicator)
    if not unit:
        return []
    name = _squash(indicator.name)
    match = rules.number_unit.search(name)
    if match and match.group(2) != unit:
        return [
            _notice(
                "unit_clash",
                indicator,
                f"{_ref(indicator)}的名称写着“{match.group(0)}”，指标值的单位却是“{unit}”：名称与单位矛盾，请核对",
                name_unit=match.group(2),
                unit=unit,
            )
        ]
    for endings, units in rules.name_units:
        ending = next((e for e in endings if name.endswith(e)), None)
        if ending and not unit.startswith(units):
            return [
                _notice(
                    "unit_clash",
                    indicator,
                    f"{_ref(indicator)}以“{ending}”结尾，应以{'、'.join(units[:3])}等计量，指标值的单位却是“{unit}”",
                    unit=unit,
                )
            ]
    return []


def _core(name: str, rules: MeaningRules) -> str:
    core = _squash(name)
    for word in rules.core_strip:
        core = core.replace(word, "")
    return core


def _restates_output(
    indicator: GoalIndicator, outputs: list[GoalIndicator], rules: MeaningRules
) -> list[GoalFinding]:
    core = _core(indicator.name, rules)
    name = _squash(indicator.name)
    says_effect = any(word in name for word in rules.benefit_words)
    if len(core) >= rules.min_core and not says_effect:
        for output in outputs:
            other = _core(output.name, rules)
            if len(other) >= rules.min_core and (core in other or other in core):
                return [
                    _notice(
                        "benefit_restates_output",
                        indicator,
                        f"效益指标“{indicator.name}”与产出指标“{output.name}”"
                        + (f"（第{output.row}行）" if output.row else "")
                        + "说的是同一件事："
                        "效益应写产出带来的效果（如受益人数、知晓率、满意度的提高），而不是再数一遍产出",
                        output=output.name,
                    )
                ]
    word = next((w for w in rules.output_words if w in name), None)
    if word and not says_effect:
        return [
            _notice(
                "benefit_restates_output",
                indicator,
                f"效益指标“{indicator.name}”（含“{word}”）写的是工作量，是产出而不是效益：请写它带来的效果",
                word=word,
            )
        ]
    return []


_NUMBER = re.compile(r"(\d+(?:\.\d+)?)")


def _no_increase(indicator: GoalIndicator) -> list[GoalFinding]:
    baseline_text = _squash(indicator.baseline)
    match = _NUMBER.search(baseline_text.replace(",", ""))
    if not match or indicator.is_qualitative:
        return []
    try:
        target = indicator.parsed_target()
        baseline = Decimal(match.group(1))
    except (TargetParseError, InvalidOperation):
        return []
    if target.operator not in (Operator.GE, Operator.GT, Operator.EQ):
        return []
    if target.unit == "%" and target.value >= 100:
        return []
    if target.value > baseline:
        return []
    said = "相同" if target.value == baseline else "还低"
    return [
        _notice(
            "no_increase",
            indicator,
            f"{_ref(indicator)}的目标值{target.text()}与上年实际值{indicator.baseline}{said}，没有体现提高："
            "请参考上年实际设定有进步的目标，或说明不提高的理由",
            target=target.value,
            baseline=baseline,
        )
    ]
