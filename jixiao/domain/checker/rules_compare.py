"""Spending against its budget in one sentence: “三公经费预算5万元，实际支出4.2万元，比预算减少0.6万元”.
The change must be the difference of the two printed figures and go the way its word says."""

from __future__ import annotations

import re

from jixiao.domain.checker.base import CheckContext, amount_like, rule
from jixiao.domain.checker.findings import ERROR, Finding

_AGAINST_BUDGET = re.compile(
    r"(?:比|较)(?:年初|全年|调整后)?(?:预算|预算数|计划数|计划)(?:相比)?,?"
    r"(?P<word>减少|节约|节支|少支出|下降|降低|增加|超支|多支出|超出)了?(?=\d)"
)
_LESS = ("减少", "节约", "节支", "少支出", "下降", "降低")
_BUDGET_ROLES = ("预算", "年初预算", "调整后")


@rule("budget.difference", "“比预算减少/节约/超支X”与同一句中预算数、实际数之差是否相符")
def check_against_budget(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    if "预算" not in text and "计划" not in text:
        return []
    findings = []
    for match in _AGAINST_BUDGET.finditer(text):
        delta = report.quantity_starting(match.end())
        if delta is None or delta.kind != "money" or delta.approx:
            continue
        sentence_start = max(text.rfind(ch, 0, match.start()) for ch in "。\n;") + 1
        before = [
            q
            for q in report.quantities_between(sentence_start, match.start())
            if q.kind == "money" and not q.approx and q.role == "level"
        ]
        if len(before) < 2:
            continue
        actual = before[-1]
        if text[actual.end : match.start()].strip(",， "):
            continue  # the change is not said of the figure right before it
        budgets = [
            q
            for q in before[:-1]
            if (fig := context.figures.of(q)) is not None and fig.own_role in _BUDGET_ROLES
        ]
        if len(budgets) != 1:
            continue
        budget = budgets[0]
        difference = actual.base_value - budget.base_value
        envelope = report.half_unit(actual) + report.half_unit(budget) + report.half_unit(delta)
        word = match.group("word")
        said_less = word in _LESS
        if difference and abs(difference) > envelope and (difference < 0) != said_less:
            findings.append(
                context.finding(
                    "budget.difference",
                    ERROR,
                    f"预算{budget.text}{budget.unit}、实际{actual.text}{actual.unit}，"
                    f"应为{'减少' if difference < 0 else '增加'}，报告却写“{word}”",
                    budget.start,
                    delta.end,
                    expected="减少" if difference < 0 else "增加",
                    found=word,
                )
            )
            continue
        if abs(abs(difference) - delta.base_value) > envelope:
            shown = amount_like(abs(difference), actual)
            findings.append(
                context.finding(
                    "budget.difference",
                    ERROR,
                    f"与预算的差额不符：预算{budget.text}{budget.unit}与实际{actual.text}{actual.unit}"
                    f"相差{shown}，报告写{word}{delta.text}{delta.unit}",
                    budget.start,
                    delta.end,
                    expected=shown,
                    found=f"{delta.text}{delta.unit}",
                )
            )
    return findings


RULES = (check_against_budget,)
