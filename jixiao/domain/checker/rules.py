"""The checks. Each rule is a plain function ``rule(context) -> list[Finding]`` with an id.

Built like beancount's validations: small functions registered in ``ALL_RULES``, run together,
every finding returned. Arithmetic is Decimal only and judged against the rounding envelope of
the printed figures (GovBudgetChecker): recomputed exactly → fine; off, but inside what the
rounding of the printed figures allows → info; outside → error. When a check lacks the data it
needs it says so (info, "数据不足") and never guesses.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import (
    RULE_DESCRIPTIONS,
    ZERO,
    CheckContext,
    Rule,
    _pair_index,
    amount_like,
    major_section_span,
    of_the_project,
    overlaps,
    pct,
    rule,
    section_span,
    sentence_span,
    show,
)
from jixiao.domain.checker.config import CheckerData, any_word, literal_trie
from jixiao.domain.checker.figures import TOTAL_WINDOW, is_per_unit, within_rounding
from jixiao.domain.checker.findings import ERROR, INFO, WARNING, Finding
from jixiao.domain.checker.parse import (
    _DATE_LINE,
    ASCII_DIGITS,
    TERMINAL,
    ParsedReport,
    Quantity,
    cn_number,
    int_to_cn,
)
from jixiao.domain.checker.shares import share_by_names, share_finding, share_fits
from jixiao.domain.checker.statements import Parts, direction_of, in_closed_aside, parts_after
from jixiao.domain.checker.tables import run_together_table as _run_together_table
from jixiao.domain.checker.tables import score_row
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import HUNDRED, round_half_up

__all__ = ["RULES", "RULE_DESCRIPTIONS", "CheckContext", "Rule", "rule"]


def last_mark(text: str, marks: str, low: int, high: int) -> int:
    """``max(text.rfind(mark, low, high) for mark in marks)``: each mark after the first is looked
    for only after the last one found (a mark that does not occur is not looked for back to
    ``low``)."""
    best = -1
    rfind = text.rfind
    for mark in marks:
        at = rfind(mark, best + 1 if best >= low else low, high)
        if at > best:
            best = at
    return best


def first_mark(text: str, marks: str, low: int, high: int) -> int:
    """The first of ``marks`` in ``text[low:high]``, or ``high`` when none is there (each mark
    after the first is looked for only up to the first one found)."""
    best = high
    find = text.find
    for mark in marks:
        at = find(mark, low, best)
        if at >= 0:
            best = at
    return best


# From this length on, a look-up in the report's CharIndex beats reading the text with str.find
# (a short text is read in well under a microsecond; most excerpts are under 1000 characters)
LONG_TEXT = 2000


def long_text_index(text: str, places: scan.CharIndex | None) -> scan.CharIndex | None:
    """``places`` for a long text, None for a short one (which ``str.find`` reads faster)."""
    return places if len(text) >= LONG_TEXT else None


def has_word(text: str, word: str, places: scan.CharIndex | None) -> bool:
    """``word in text``, from the text's :class:`scan.CharIndex` (``places``): ``str.find`` reads
    the whole text when the word is absent (most of the words the rules test for), while the index
    already holds the few places of its first (or, when that one is common, its last) character."""
    if places is None or len(word) < 2 or len(text) < LONG_TEXT:
        return word in text
    found = places.occurrences(word[0])
    if not found:
        return False
    startswith = text.startswith
    if len(found) > 8:
        last = places.occurrences(word[-1])
        if len(last) < len(found):
            back = len(word) - 1
            for at in last:  # noqa: SIM110 (a plain loop: called often, on short lists)
                if at >= back and startswith(word, at - back):
                    return True
            return False
    for at in found:  # noqa: SIM110
        if startswith(word, at):
            return True
    return False


def word_starts(text: str, word: str, places: scan.CharIndex | None) -> list[int]:
    """Every place where ``word`` (not empty) starts in ``text``, overlapping ones too, in order:
    found from the places of its first (or, when that one is common, its last) character, or
    with ``str.find`` when ``places`` is None."""
    if places is None:
        found = []
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
        return found
    found = places.occurrences(word[0])
    if len(word) == 1:
        return found
    startswith = text.startswith
    if len(found) > 8:
        last = places.occurrences(word[-1])
        if len(last) < len(found):
            back = len(word) - 1
            return [at - back for at in last if at >= back and startswith(word, at - back)]
    return [at for at in found if startswith(word, at)]


def word_places(text: str, word: str, places: scan.CharIndex | None) -> list[int]:
    """The starts of ``re.finditer(re.escape(word), text)``: each place ``text.find`` finds again
    from the end of the last one (no overlaps); a character's from the CharIndex, a longer word's
    from :func:`word_starts`, with ``str.find`` when ``places`` is None (an empty word matches at
    every place)."""
    if len(word) == 1:
        return scan.places_of(text, word, places)
    if not word:
        return list(range(len(text) + 1))
    if places is None:
        found = []
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + len(word))
        return found
    found = []
    taken = 0  # where the last one found ends
    for at in word_starts(text, word, places):
        if at >= taken:
            found.append(at)
            taken = at + len(word)
    return found


def paragraphs_with(report: ParsedReport, words: tuple[str, ...]) -> set[int]:
    """``report.paragraphs_with(words)`` (the indices of the paragraphs that hold one of the words,
    none empty nor holding a space or line break), each word found from the report's CharIndex:
    every place of such a word is inside one paragraph."""
    if report.places is None or not all(words) or len(report.text) < LONG_TEXT:
        return report.paragraphs_with(words)
    index_of = report.paragraph_index
    return {index_of(at) for word in words for at in word_starts(report.text, word, report.places)}


def has_any(text: str, words, places: scan.CharIndex | None) -> bool:
    """``any(word in text for word in words)``, each word looked up as :func:`has_word` does."""
    for word in words:  # noqa: SIM110
        if has_word(text, word, places):
            return True
    return False


_EXPONENTS = {places: Decimal(1).scaleb(-places) for places in range(13)}


def _round_half_up(value: Decimal, places: int) -> Decimal:
    """``round_half_up(value, places)`` for a Decimal, with the exponent made once per number of
    places (money.round_half_up builds it and copies the value on every call)."""
    exponent = _EXPONENTS.get(places)
    if exponent is None or type(value) is not Decimal:
        return round_half_up(value, places)
    return value.quantize(exponent, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------
# Year on year


def _rate_from_two_years(context: CheckContext, statement) -> list[Finding]:
    """'支出4.8万元，较上年决算5.6万元下降14.29%': the rate from the two years' amounts."""
    current, previous = statement.current, statement.previous
    if current.approx or previous.kind != current.kind:
        return []
    sign = direction_of(statement.percent_word)
    if not sign:
        return []
    change = current.base_value - previous.base_value
    formula = f"（{show(current)}−上年{show(previous)}）÷上年{show(previous)}"
    name = f"“{current.label or '该项'}”的增减幅度与两年数不符"
    return _rate_over_previous(
        context, statement, change, context.report.half_unit(current), sign, name, formula
    )


def _rate_of_the_change(context: CheckContext, statement) -> list[Finding]:
    """'较上年1268.50万元增加123.80万元，增长9.76%': the change over the previous year's amount."""
    delta, previous = statement.delta, statement.previous
    if delta.approx or previous.kind != delta.kind:
        return []
    formula = f"{show(delta)}÷上年{show(previous)}"
    half = context.report.half_unit(delta)
    return _rate_over_previous(context, statement, delta.base_value, half, 1, "增减幅度与增减额不符", formula)


def _rate_over_previous(context, statement, change, change_half, sign, name, formula) -> list[Finding]:
    """The stated rate against ``change`` ÷ the previous year's amount, within the rounding of the
    printed figures (the stated rate signed by ``sign``)."""
    previous, percent = statement.previous, statement.percent
    before = previous.base_value
    if previous.approx or percent.approx or before <= 0:
        return []
    half = context.report.half_unit(previous)
    exact = change * HUNDRED / before
    low = (change - change_half - half) * HUNDRED / (before + half)
    high = (change + change_half + half) * HUNDRED / max(before - half, half)
    stated = percent.value * sign
    if low - percent.half_unit() <= stated <= high + percent.half_unit():
        return []
    return [
        context.finding(
            "yoy.arithmetic",
            ERROR,
            f"{name}：{formula}={pct(exact, percent.decimals)}，报告写{statement.percent_word}{percent.text}%",
            statement.start,
            statement.end,
            expected=pct(abs(exact), percent.decimals),
            found=f"{percent.text}%",
        )
    ]


@rule("yoy.arithmetic", "同比增减额与增减幅度是否相符（按印出数字的四舍五入范围判断）")
def check_year_on_year_arithmetic(context: CheckContext) -> list[Finding]:
    """For 'C，比上年增加D，增长P%': previous = C − D (or C + D for a fall), P = D ÷ previous.

    1. Recomputed from the printed C and D and rounded half-up to P's decimals, P must match;
    2. if it does not, but some C, D within their printing precision give P → info;
    3. otherwise → error.
    4. When the previous year's figure is printed too ('上年184.39万元'), D = |C − previous|.
    """
    findings = []
    report = context.report
    for statement in context.year_on_year:
        current, delta, percent = statement.current, statement.delta, statement.percent
        if delta is None and current is not None and percent is not None and statement.previous is not None:
            findings.extend(_rate_from_two_years(context, statement))
            continue
        if current is None and delta is not None and percent is not None and statement.previous is not None:
            findings.extend(_rate_of_the_change(context, statement))
            continue
        if current is None or delta is None or current.approx or delta.approx:
            continue
        if current.kind == "count" and current.unit != delta.unit:
            continue
        sign = direction_of(statement.delta_word) or direction_of(statement.percent_word)
        if statement.previous is not None and statement.previous.kind == current.kind:
            stated_previous = statement.previous.base_value
            gap = abs(current.base_value - stated_previous) - delta.base_value
            allowed = (
                report.half_unit(current) + report.half_unit(statement.previous) + report.half_unit(delta)
            )
            if abs(gap) > allowed and not _head_differs_by(context, current, statement.previous, delta):
                difference = amount_like(abs(current.base_value - stated_previous), current)
                findings.append(
                    context.finding(
                        "yoy.arithmetic",
                        ERROR,
                        f"增减额与两年数之差不符：本年{show(current)}−上年{show(statement.previous)}={difference}，"
                        f"报告写{show(delta)}",
                        statement.start,
                        statement.end,
                        expected=difference,
                        found=show(delta),
                    )
                )
                continue
        if percent is None or percent.approx:
            continue
        c, d, p = current.base_value, delta.base_value, percent.value
        places = percent.decimals
        if d == 0:
            if p != 0:
                findings.append(
                    context.finding(
                        "yoy.arithmetic",
                        ERROR,
                        f"“{current.label or '该项'}”增减额为0，增减幅度却是{percent.text}%",
                        statement.start,
                        statement.end,
                        expected="0%",
                        found=f"{percent.text}%",
                    )
                )
            continue
        if sign == 0:
            continue
        previous = c - sign * d
        if previous <= 0:
            findings.append(
                context.finding(
                    "yoy.arithmetic",
                    ERROR,
                    f"“{current.label or '该项'}”的增加额{show(delta)}不小于本年数{show(current)}，推算的上年数不为正数，"
                    f"增长{percent.text}%无从谈起",
                    statement.start,
                    statement.end,
                    expected="增加额小于本年数",
                    found=show(delta),
                )
            )
            continue
        exact = d * HUNDRED / previous
        if _round_half_up(exact, places) == p:
            continue
        if _fits_an_earlier_figure(context, current, d, sign, p, places):
            continue
        # the rounding envelopes, needed only now that the rate is off (most rates are exact)
        uc, ud, up = report.half_unit(current), report.half_unit(delta), percent.half_unit()
        label = current.label or "该项"
        if sign > 0:
            low_denominator = c + uc - (d - ud)
            high_denominator = c - uc - (d + ud)
        else:
            low_denominator = c + uc + d - ud
            high_denominator = c - uc + d + ud
        if high_denominator <= 0 or low_denominator <= 0:
            continue
        low = (d - ud) * HUNDRED / low_denominator
        high = (d + ud) * HUNDRED / high_denominator
        previous_text = amount_like(previous, current)
        if overlaps(low, high, p, up):
            findings.append(
                context.finding(
                    "yoy.arithmetic",
                    INFO,
                    f"“{label}”的增减幅度：按印出的金额严格计算为{pct(exact, places)}（{show(delta)}÷上年{previous_text}），"
                    f"报告写{percent.text}%；差别在金额四舍五入的范围内（{pct(low, places + 2)}～{pct(high, places + 2)}），"
                    "可能是用未取整的金额算的，不算错误",
                    statement.start,
                    statement.end,
                    expected=pct(exact, places),
                    found=f"{percent.text}%",
                )
            )
        else:
            findings.append(
                context.finding(
                    "yoy.arithmetic",
                    ERROR,
                    f"“{label}”的增减额与增减幅度不符：{show(delta)}÷上年{previous_text}={pct(exact, places)}，"
                    f"报告写{percent.text}%（即使考虑金额四舍五入，也只能在{pct(low, places + 2)}～{pct(high, places + 2)}之间）",
                    statement.start,
                    statement.end,
                    expected=pct(exact, places),
                    found=f"{percent.text}%",
                )
            )
    return findings


def _fits_an_earlier_figure(
    context: CheckContext, current: Quantity, delta, sign: int, stated, places: int
) -> bool:
    """The change may be said of an earlier figure of the sentence — the head total of a list whose
    last part stands right before it ('总预算…，其中…项目支出…，同比增加X，增长P%'): when one of them
    gives the stated rate, the reading is ambiguous, not wrong."""
    for other in _list_heads_before(context, current):
        before = other.base_value - sign * delta
        if before > 0 and _round_half_up(delta * HUNDRED / before, places) == stated:
            return True
    return False


def _head_differs_by(context: CheckContext, current: Quantity, previous: Quantity, delta: Quantity) -> bool:
    """'“三公”经费决算6.12万元，其中…公务用车运行维护费5.27万元；比上年6.48万元减少0.36万元': the change
    is of the list's head total (6.48 − 6.12), not of its last part."""
    report = context.report
    for other in _list_heads_before(context, current):
        allowed = report.half_unit(other) + report.half_unit(previous) + report.half_unit(delta)
        if abs(abs(other.base_value - previous.base_value) - delta.base_value) <= allowed:
            return True
    return False


def _list_heads_before(context: CheckContext, current: Quantity) -> list[Quantity]:
    """The head totals of lists in the sentence of ``current``, before it — not any earlier figure
    ('基本支出164.4万元…；项目支出44万元，比上年减少7万元' speaks of 项目支出 alone)."""
    report = context.report
    text = report.text
    heads = {
        candidate.start
        for parts in context.parts
        if parts.start < current.start
        for candidate in parts.candidates
    }
    if not heads:
        return []
    # the sentence back to its full stop: a page's hard line breaks may stand inside it
    sentence_start = max(text.rfind("。", 0, current.start) + 1, current.start - 300)
    return [
        other
        for other in report.quantities_between(sentence_start, current.start)
        if other.kind == current.kind
        and other.role == "level"
        and not other.approx
        and other is not current
        and other.start in heads
    ]


@rule("yoy.direction", "增减方向用词（增加/增长 与 减少/下降/降低）前后一致、与数字的正负相符")
def check_year_on_year_direction(context: CheckContext) -> list[Finding]:
    """1. The change word and the percent word of one statement point the same way;
    2. '增减X' with X ≠ 0 does not say which way (warning);
    3. '由A增加到B' needs B > A, '由A减少到B' needs B < A.
    """
    findings = []
    for statement in context.year_on_year:
        first = direction_of(statement.delta_word)
        second = direction_of(statement.percent_word) if statement.delta is not None else 0
        if first and second and first != second:
            findings.append(
                context.finding(
                    "yoy.direction",
                    ERROR,
                    f"增减方向前后矛盾：先说“{statement.delta_word}”，后说“{statement.percent_word}”",
                    statement.start,
                    statement.end,
                    expected=statement.delta_word,
                    found=statement.percent_word,
                )
            )
        if statement.delta_word == "增减" and statement.delta is not None and statement.delta.value != 0:
            findings.append(
                context.finding(
                    "yoy.direction",
                    WARNING,
                    f"“增减{show(statement.delta)}”没有说明是增加还是减少",
                    statement.start,
                    statement.end,
                )
            )
    for statement in context.year_on_year:
        if statement.current is None or statement.previous is None:
            continue
        actual = statement.current.base_value - statement.previous.base_value
        stated = direction_of(statement.delta_word)
        if actual != 0 and stated and (actual > 0) != (stated > 0):
            findings.append(
                context.finding(
                    "yoy.direction",
                    ERROR,
                    f"本年{show(statement.current)}、上年{show(statement.previous)}，应为"
                    f"{'增加' if actual > 0 else '减少'}，报告却写“{statement.delta_word}”",
                    statement.start,
                    statement.end,
                    expected="增加" if actual > 0 else "减少",
                    found=statement.delta_word,
                )
            )
    for change in context.from_to:
        actual = change.after.base_value - change.before.base_value
        stated = direction_of(change.word)
        if actual != 0 and stated and (actual > 0) != (stated > 0):
            findings.append(
                context.finding(
                    "yoy.direction",
                    ERROR,
                    f"由{show(change.before)}到{show(change.after)}是{'增加' if actual > 0 else '减少'}，报告却写“{change.word}”",
                    change.start,
                    change.end,
                    expected="增加" if actual > 0 else "减少",
                    found=change.word,
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# Parts against total


_NARROWING = words("rules.narrowing_prefixes")


def _narrowed(label: str, member: str) -> bool:
    """The label names a kind of the member: a fund's name stands before it."""
    head = label[: label.find(member)]
    for prefix in _NARROWING:  # noqa: SIM110 (a plain loop: called for every member of a group)
        if prefix in head:
            return True
    return False


def _breakdown_members(labels: list[str], data: CheckerData) -> bool:
    """True when the labels are exactly a known complete breakdown (基本支出 + 项目支出 …)."""
    for group in data.complete_breakdowns:
        if len(group) != len(labels):
            continue
        used = set()
        for label in labels:
            # the first member the label names ('政府性基金预算财政拨款收入' is one kind of
            # 财政拨款收入, not all of it)
            for member in group:
                if member in label and member not in used and not _narrowed(label, member):
                    used.add(member)
                    break
            else:
                break  # the label names no member left
        else:
            return True
    return False


def _affinity(total: Quantity, parts: tuple[Quantity, ...]) -> int:
    """2 when the total's label holds a part's last two characters (支出合计 / 基本支出), 1 for the last one."""
    labels = [p.label for p in parts if p.label]
    if any(len(label) >= 2 and label[-2:] in total.label for label in labels):
        return 2
    return 1 if any(label[-1:] in total.label for label in labels) else 0


def _likely_totals(parts: Parts, data: CheckerData) -> list[Quantity]:
    """The candidates named like the parts (实有人员 for 行政人员/工勤人员, not 核定编制), nearest first;
    never a price per unit ('小学生均750元' is named like 小学 but no total of it)."""
    largest = max(p.base_value for p in parts.parts)
    candidates = [
        c for c in parts.candidates[:4] if not is_per_unit(c, data) and c.base_value >= largest
    ] or list(parts.candidates[:1])  # '结余22.6万元。其中抚恤补助发放1,152.6万元…': no total of a larger part
    if any(_affinity(c, parts.parts) == 2 for c in candidates):
        return [c for c in candidates if _affinity(c, parts.parts) == 2]
    return candidates


def _parallel(labels: list[str]) -> bool:
    """Parts named alike (…收入/…收入, …编制/…编制) are disjoint pieces of one whole; a single part too."""
    if len(labels) <= 1:
        return True
    endings = {label[-2:] for label in labels if label}
    return len(endings) == 1 or len({label[-1:] for label in labels if label}) == 1


def _family(unit: str, data: CheckerData) -> frozenset | str:
    return next((family for family in data.unit_families if unit in family), unit)


def _same_family(parts: Parts, data: CheckerData) -> Parts | None:
    """Counts are summed only within one family of units: 人 and 名 together, 个 apart from 人.
    The parts keep the family of the first part; the totals must share it."""
    first = parts.parts[0]
    if first.kind != "count":
        return parts
    family = _family(first.unit, data)
    kept = tuple(p for p in parts.parts if _family(p.unit, data) == family)
    candidates = tuple(c for c in parts.candidates if _family(c.unit, data) == family)
    if not candidates:
        return None
    return replace(parts, parts=kept, candidates=candidates)


def _hierarchy_counts(parts: Parts, hierarchy: tuple[str, ...], nouns: tuple[str, ...]) -> bool:
    """一级指标3个、二级指标9个、三级指标12个: levels of one tree, not pieces of a total (but
    一级残疾12户、二级残疾15户 are grades, pieces of the total)."""
    levels = [p.label for p in parts.parts if p.label.startswith(hierarchy)]
    return bool(hierarchy) and sum(1 for label in levels if any(noun in label for noun in nouns)) >= 2


def _last_one_beside(parts: Parts, report: ParsedReport) -> bool:
    """All the parts but the last make the nearest total exactly: the last is listed beside them
    (another group named alongside), not one of them."""
    if len(parts.parts) < 3:
        return False
    total = parts.candidates[0]
    rest = sum((p.base_value for p in parts.parts[:-1]), ZERO)
    envelope = sum((report.half_unit(p) for p in parts.parts[:-1]), ZERO)
    return adds_up(total, rest, envelope, report) and parts.parts[-1].base_value > 0


def _quota_and_staff(parts: Parts) -> bool:
    """'其中:行政编制10人;在职在编实有行政人员12人': a quota and the staff who fill it, side by
    side — two statements about the posts, not pieces of one total."""
    labels = [p.label for p in parts.parts]
    quota = any("编制" in label and "实有" not in label and "在职" not in label for label in labels)
    staff = any("实有" in label or "在职" in label for label in labels)
    return quota and staff


_DONE_HEADS = words("rules.done_heads")


def _plan_and_done(parts: Parts) -> bool:
    """'总投资2480万元，其中2024年度计划投资1860万元，已完成投资1860万元': what was planned and what
    of it was done, side by side — one piece of the total stated twice, not two pieces."""
    labels = [p.label for p in parts.parts]
    planned = {label.split("计划", 1)[1] for label in labels if "计划" in label and label.split("计划", 1)[1]}
    return any(
        label.startswith(_DONE_HEADS) and label.removeprefix("已").lstrip("实际累计完成") in planned
        for label in labels
    )


def _parts_of_another_stage(context: CheckContext, parts: Parts) -> bool:
    """Every part names its own stage (预算) and no candidate total is of that stage ('…剩余153,200元
    结转下年使用。其中：技能培训预算…'): they break down a total stated elsewhere."""
    roles = {
        (f.own_role if (f := context.figures.of(p)) is not None else "")
        for p in parts.parts
        if p.kind == "money"
    }
    if len(roles) != 1 or "" in roles:
        return False
    (role,) = roles
    totals = [context.figures.of(c) for c in parts.candidates[:4]]
    return all(f is not None and f.own_role and f.own_role != role for f in totals)


def _budget_and_spending_pairs(parts: Parts) -> bool:
    """'其中：技能培训预算120万元，支出115.2万元；创业扶持预算150万元，支出140.48万元…': each item's
    budget and spending side by side, not pieces of one total."""
    labels = [p.label for p in parts.parts]
    budgets = sum(1 for label in labels if "预算" in label)
    spent = sum(1 for label in labels if "支出" in label and "预算" not in label)
    return budgets >= 2 and spent >= 2


def adds_up(total: Quantity, found: Decimal, envelope: Decimal, report: ParsedReport) -> bool:
    """The parts' sum is the total, within the rounding of the printed figures (exactly, for
    whole counts, which have none)."""
    return within_rounding(abs(total.base_value - found), envelope + report.half_unit(total))


def _counted_in_brackets(text: str, parts: Parts) -> bool:
    """'在职人员18人(公务员12人,机关工人2人,事业人员5人)': counts in a bracket opened right after a
    count are that count's parts, even when they add up to a figure before it (财政供养人员19人)."""
    nearest = parts.candidates[0]
    return (
        nearest.kind == "count"
        and text[nearest.end : nearest.end + 1] in ("(", "（")
        and parts.parts[0].start > nearest.end
        and text.find(")", nearest.end, parts.parts[0].start) < 0
    )


def _bracket_after(text: str, quantity: Quantity) -> bool:
    """'…6222.4万元(其中…' — the figure is followed at once by a bracket that opens with 其中."""
    return text[quantity.end : quantity.end + 1] in ("(", "（") and text.startswith("其中", quantity.end + 1)


_PARTS_NAMES = {
    "其中": "其中各项",
    "资金来源": "资金来源各项",
    "分": "各批",
    "分项": "所分各项",
    "用于": "所列各项用途",
    "具体": "逐项列出的各项",
    "包括": "所列各项",
}


def _complete_breakdown(parts: Parts, labels: list[str], data: CheckerData) -> bool:
    return len(parts.parts) >= 2 and (parts.exhaustive or _breakdown_members(labels, data))


def _sum_text(total_sum: Decimal, total: Quantity) -> str:
    return amount_like(total_sum, total) if total.kind == "money" else f"{total_sum}{total.unit}"


# 原值 (原价) and 折旧 are the terms of 净值 = 原值 − 累计折旧, never parts of a sum
GROSS_VALUE = any_word(words("rules_sums.gross_value"))
DEPRECIATION = any_word(words("rules_sums.depreciation"))


@rule("parts.sum", "“其中”所列各项与合计：完整构成时之和等于合计，否则各项之和不超过合计")
def check_parts_against_total(context: CheckContext) -> list[Finding]:
    """1. The total is the nearest preceding figure of the same kind that the parts add up to
       (or, when none does, the nearest one);
    2. a known complete breakdown (基本+项目, 人员+公用, the three 三公 items …) must add up
       within the rounding envelope (n+1 half-units): outside → error, inside but not exact → info;
    3. otherwise the parts may not exceed the total (error); less than the total with two or
       more parts → warning (the list may be incomplete).
    """
    findings = []
    report = context.report
    hierarchy = tuple(context.data.identities.get("hierarchy") or ())
    hierarchy_nouns = tuple(context.data.identities.get("hierarchy_nouns") or ())
    for parts in context.parts:
        parts = _same_family(parts, context.data)
        if parts is None:
            continue
        labels = [p.label for p in parts.parts]
        joined = "\n".join(labels)  # (a word in one of the labels: none holds a line break)
        if (
            _hierarchy_counts(parts, hierarchy, hierarchy_nouns)
            # each of these needs its words in the labels: most lists have none of them
            or ("编制" in joined and _quota_and_staff(parts))
            or ("计划" in joined and _plan_and_done(parts))
            or ("预算" in joined and "支出" in joined and _budget_and_spending_pairs(parts))
            or _parts_of_another_stage(context, parts)
        ):
            continue
        if GROSS_VALUE.search(joined) or DEPRECIATION.search(joined):
            continue  # '净值6216.38万元(原值6606.25万元,累计折旧389.87万元)': a difference (asset.net)
        if parts.marker == "用于" and len(parts.parts) < 2:
            continue  # '…,用于疫情防控方面,其他资本性支出44859.80元': one use named, no list of parts
        if _last_one_beside(parts, report) and not (
            parts.exhaustive or _breakdown_members(labels, context.data)
        ):
            # '特别扶助对象404人:其中伤残198人,死亡206人,手术并发症对象3人': 198+206=404; but the
            # three 三公 items, or 基本 and 项目, are the whole, the last of them included
            continue
        # the sums of a list of money parts, which the figure table (built by now, for
        # _parts_of_another_stage) has made in the same order from the same values
        known = context.figures.part_sums.get(id(parts)) if parts.parts[0].kind == "money" else None
        if known is not None and known[0] is parts:
            _, total_sum, envelope_parts = known
        else:
            total_sum = envelope_parts = ZERO  # (summed in one pass, in the same order as sum())
            for part in parts.parts:
                total_sum += part.base_value
                envelope_parts += report.half_unit(part)
        # a nearby figure the parts add up to is their total, whatever its label says — but
        # "合计6222.4万元(其中建筑工程6025.215万元)": a bracket opened right after a figure lists
        # that figure's parts, even when an earlier figure is named like them
        if _bracket_after(report.text, parts.candidates[0]) or _counted_in_brackets(report.text, parts):
            total = parts.candidates[0]
        else:
            # the nearest that they add up to (counts are exact: the nearest figure or the likeliest
            # total, never a farther figure that happens to match ('核定编制15名，实有人员14名，其中：
            # 10名、5名')), else the first of the likeliest totals that they add up to, or the first
            total = next(
                (
                    c
                    for c in parts.candidates[: 1 if parts.parts[0].kind == "count" else TOTAL_WINDOW]
                    if adds_up(c, total_sum, envelope_parts, report)
                ),
                None,
            )
            if total is None:
                likely = _likely_totals(parts, context.data)
                total = (
                    next((c for c in likely if adds_up(c, total_sum, envelope_parts, report)), None)
                    or likely[0]
                )
        corrected = _unit_corrected(total, parts)
        if corrected is not total:
            findings.append(
                context.finding(
                    "parts.sum",
                    WARNING,
                    f"“{total.label}”写作{show(total)}，其中各项之和为{show(corrected)}：数字相同，单位疑有误",
                    total.start,
                    total.end,
                    expected=corrected.unit,
                    found=total.unit,
                )
            )
            continue
        envelope = envelope_parts + report.half_unit(total)
        difference = total_sum - total.base_value
        start, end = min(total.start, parts.start), parts.end
        # whether the parts are a complete breakdown, and the texts of the messages, are worked out
        # only when a message may be written (the parts of most lists add up exactly)
        if abs(difference) < envelope or difference == 0:
            if difference != 0 and _complete_breakdown(parts, labels, context.data):
                sum_text = _sum_text(total_sum, total)
                findings.append(
                    context.finding(
                        "parts.sum",
                        INFO,
                        f"“{total.label}”{show(total)}与其中各项之和{sum_text}相差在四舍五入范围内",
                        start,
                        end,
                        expected=show(total),
                        found=sum_text,
                    )
                )
            continue
        if _closed_by_own_total(report, parts, total_sum, envelope_parts):
            continue  # '其中人员经费A，公用经费B，二者合计C': the parts of that subtotal, not of the total
        if (
            difference > 0
            and total.kind != "count"  # '编制20名，实有18名，其中：…': alternatives, not amounts to add
            and _whole_sentence_total(report, parts, total, total_sum, envelope_parts)
        ):
            continue  # '下达市县A万元,安排本级B万元。其中:1.…C万元 2.…D万元' with C+D=A+B
        complete = _complete_breakdown(parts, labels, context.data)
        sum_text = _sum_text(total_sum, total)
        if len(parts.parts) == 1 and difference < 0:
            continue  # one part listed: it only has to fit inside the whole
        if not parts.complete and difference < 0:
            findings.append(
                context.finding(
                    "parts.sum",
                    INFO,
                    f"数据不足：文本在“其中”所列各项中途结束，已列各项之和{sum_text}，无法与“{total.label}”{show(total)}核对",
                    start,
                    end,
                )
            )
            continue
        listing = "+".join(f"{p.label}{show(p)}" for p in parts.parts)
        if not complete and _not_a_list_of_parts(parts, total):
            continue
        if difference < 0 and _goes_on_to_add_up(report, parts, total, total_sum, envelope):
            continue  # '预算支出910.47万元,其中人员经费580.72万元,公用经费167.75万元;项目支出162万元'
        if complete or (difference > 0 and _parallel(labels)):
            message = (
                f"{_PARTS_NAMES[parts.marker]}之和与合计不符：{listing}={sum_text}，"
                f"而“{total.label}”为{show(total)}"
                if complete
                else f"其中各项之和超过合计：{listing}={sum_text}，大于“{total.label}”{show(total)}"
            )
            findings.append(
                context.finding("parts.sum", ERROR, message, start, end, expected=show(total), found=sum_text)
            )
        elif difference > 0:
            findings.append(
                context.finding(
                    "parts.sum",
                    WARNING,
                    f"其中各项之和超过合计：{listing}={sum_text}，大于“{total.label}”{show(total)}"
                    "（各项口径不同，可能有重叠，请核对）",
                    start,
                    end,
                    expected=show(total),
                    found=sum_text,
                )
            )
        elif len(parts.parts) >= 2:
            if report.text.startswith("等", parts.parts[-1].end):
                continue  # '其中流动资产20万元、固定资产70万元等': some of the parts only
            if not complete and total.kind == "count" and total_sum * 2 < total.base_value:
                # '教职工247人,其中正高级教师1人,特级教师1人,高级教师23人,研究生8人': the notable
                # among them (57 of 247), no breakdown that left a part out
                continue
            if _bare_wan_makes_up(report, parts, total, total_sum, envelope):
                continue  # '其中运营补贴48万、建设15万元、幸福院50万元': 48万 (its 元 left out) is a part too
            findings.append(
                context.finding(
                    "parts.sum",
                    WARNING,
                    f"{_PARTS_NAMES[parts.marker]}之和{sum_text}小于“{total.label}”{show(total)}；"
                    "如果所列各项就是全部构成，则不相符",
                    start,
                    end,
                    expected=show(total),
                    found=sum_text,
                )
            )
    return findings


_STAGE_ONLY = frozenset(words("rules.stage_only_labels"))
_SUBTOTAL_WORDS = ("合计", "小计", "共计", "总计")


_EARLIER_REACH = 200  # characters back from a rate to the spending of an earlier sentence


def _goes_on_to_add_up(
    report: ParsedReport, parts: Parts, total: Quantity, total_sum: Decimal, envelope: Decimal
) -> bool:
    """The list goes on after ';' (or ',') to the sentence's end, and with those parts adds up."""
    more = parts_after(report, parts)
    if not more:
        return False
    whole = total_sum + sum((p.base_value for p in more), ZERO)
    slack = envelope + sum((report.half_unit(p) for p in more), ZERO)
    return abs(whole - total.base_value) < slack


def _whole_sentence_total(
    report: ParsedReport, parts: Parts, total: Quantity, total_sum: Decimal, envelope: Decimal
) -> bool:
    """The sentence before 其中 names several figures of the parts' kind ('下达市县39565.55万元,安排
    本级13540.45万元。其中:'), and the parts, more than the last of them, add up to them together (or,
    in a text that ends inside the list, stay below their sum): 其中 lists the parts of their sum."""
    whole, slack = total.base_value, envelope + report.half_unit(total)
    for earlier in parts.candidates:
        if earlier is total or earlier.start >= total.start:
            continue
        if earlier.kind != total.kind or any(
            mark in report.text[earlier.end : total.start] for mark in "。;；\n"
        ):
            break
        whole += earlier.base_value
        slack += report.half_unit(earlier)
    return whole > total.base_value and (
        abs(total_sum - whole) < slack or (not parts.complete and total_sum < whole)
    )


_BARE_WAN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)万(?![元\d])")


def _bare_wan_makes_up(
    report: ParsedReport, parts: Parts, total: Quantity, total_sum: Decimal, envelope: Decimal
) -> bool:
    """Among money parts, amounts written 'N万' with no 元 (not read as money) make up the rest."""
    if total.kind != "money" or total.unit != "万元":
        return False
    extra = sum((Decimal(m.group(1)) for m in _BARE_WAN.finditer(report.text, parts.start, parts.end)), ZERO)
    return extra > 0 and abs(
        total_sum + extra * total.scale - total.base_value
    ) < envelope + report.half_unit(total)


def _closed_by_own_total(report: ParsedReport, parts: Parts, total_sum: Decimal, envelope: Decimal) -> bool:
    """Right after the parts, a figure named as their total ('二者合计671.09万元') that they make."""
    following = report.quantities_between(parts.end, parts.end + 16)
    if not following:
        return False
    closing = following[0]
    return (
        any(word in closing.raw_label for word in _SUBTOTAL_WORDS)
        and closing.kind == parts.parts[0].kind
        and abs(closing.base_value - total_sum) <= envelope + report.half_unit(closing)
    )


def _not_a_list_of_parts(parts: Parts, total: Quantity) -> bool:
    """Figures after 其中 that are no parts of the total: a later one larger than the total alone
    ('享受护理补贴3,325人，其中同时享受两项补贴的471人，实际受益残疾人5,980人' — a whole again), or one
    whose label is only a stage of the figure before it ('其中县级配套370.00万元，到位300.00万元')."""
    return any(
        p.base_value > total.base_value
        or (p.kind == "count" and p.base_value == total.base_value)  # '…；18项工作均通过考核'
        or p.label in _STAGE_ONLY
        for p in parts.parts[1:]
    )


@rule("parts.change_sum", "合计的增减额等于各组成部分增减额之和（完整构成时）")
def check_parts_changes(context: CheckContext) -> list[Finding]:
    """When a total and every one of its parts (a complete breakdown) state a year-on-year change,
    the signed changes of the parts add up to the signed change of the total."""
    if not context.parts:
        return []
    findings = []
    report = context.report
    change_of = {
        s.current.start: s for s in context.year_on_year if s.current is not None and s.delta is not None
    }
    for parts in context.parts:
        total = parts.candidates[0]
        if len(parts.parts) < 2:
            continue
        statements = [change_of.get(q.start) for q in (total, *parts.parts)]
        if any(s is None for s in statements):
            continue  # (tested first: far cheaper than whether the parts are a breakdown)
        if not _breakdown_members([p.label for p in parts.parts], context.data):
            continue
        signed = []
        for statement in statements:
            sign = direction_of(statement.delta_word) or direction_of(statement.percent_word)
            if sign == 0 and statement.delta.value != 0:
                break
            signed.append(sign * statement.delta.base_value)
        else:
            expected = signed[0]
            found = sum(signed[1:], ZERO)
            if expected == found:
                continue  # (the envelope, a sum of half-units, is never below 0)
            envelope = sum((report.half_unit(s.delta) for s in statements), ZERO)
            if abs(expected - found) > envelope:
                findings.append(
                    context.finding(
                        "parts.change_sum",
                        ERROR,
                        f"各组成部分的增减额之和（{amount_like(found, total)}）与“{total.label}”的增减额"
                        f"（{amount_like(expected, total)}）不符",
                        min(total.start, parts.start),
                        parts.end,
                        expected=amount_like(expected, total),
                        found=amount_like(found, total),
                    )
                )
    return findings


# ---------------------------------------------------------------------------------------------
# Rates and scores

_SUBJECTS = words("rules.subjects")


def _subject(label: str) -> str | None:
    return next((s for s in _SUBJECTS if s in label and _names_the_subject(label, s)), None)


def _names_the_subject(label: str, subject: str) -> bool:
    """基本 and 项目 name the kind of spending (基本支出, 项目预算, '项目年初预算') only when the
    money follows them (or, for 项目, the label opens with it): '基本公共卫生服务项目' is a
    project's name."""
    if subject not in ("基本", "项目") or (subject == "项目" and label.startswith(subject)):
        return True
    at = label.find(subject)
    while at >= 0:
        if label.startswith(_SUBJECT_MONEY, at + len(subject)) or at + len(subject) == len(label) == 2:
            return True
        at = label.find(subject, at + 1)
    return False


_SUBJECT_MONEY = ("支出", "经费", "预算", "资金", "开支", "费用", "年初", "调整", "全年", "决算", "执行")


def _rate_name(label: str, data: CheckerData) -> str | None:
    return next((name for name in data.rates if name in label), None)


def _last_denominator(levels: list, spec: dict) -> int:
    """How many of ``levels`` stand up to and before the last one labelled as a denominator (0: none)."""
    return next(
        (i for i in range(len(levels) - 1, -1, -1) if any(t in levels[i].label for t in spec["denominator"])),
        0,
    )


@rule("rate.recompute", "执行率、控制率、调剂比例、占比与同处给出的分子分母是否相符")
def check_stated_rates(context: CheckContext) -> list[Finding]:
    """For every stated rate: numerator = the amount right before it in the same sentence;
    denominators = amounts with a budget label in the same sentence (for whole-department
    figures also in the same section). A match with any candidate is fine; no match against a
    全年/调整预算 of the same subject → error; no usable denominator → 数据不足 (info).
    Shares (占比) are checked against the total of their '其中' list and the budgets nearby.
    """
    findings = []
    report = context.report
    text = report.text
    parts_total_of = {}
    for parts in context.parts:
        for part in parts.parts:
            parts_total_of[part.start] = parts
    for quantity in report.quantities:
        if quantity.kind != "percent" or quantity.approx:
            continue
        if "占" in quantity.raw_label or "比重" in quantity.raw_label or _share_after_whole(report, quantity):
            findings.extend(_check_share(context, quantity, parts_total_of))
            continue
        name = _rate_name(quantity.label, context.data)
        if name is None or "人员控制率" in quantity.label:
            continue  # 在职人员控制率 divides counts of people (staff.control_rate)
        if quantity.label[: quantity.label.find(name)].endswith(_TARGET_MARKS):
            continue  # '既定支付进度为45%', '序时进度': a target to reach, not a rate of amounts
        spec = context.data.rates[name]
        explicit = _EXPLICIT_RATE.match(text, quantity.end)
        if explicit:
            findings.extend(_check_explicit_rate(context, quantity, name, explicit))
            continue
        paragraph = report.paragraph_at(quantity.start)
        if paragraph is None:
            continue
        sentence_start, _sentence_end = sentence_span(text, quantity.start, paragraph.start, paragraph.end)
        before = [
            q
            for q in report.quantities_between(sentence_start, quantity.start)
            if q.kind == "money" and not in_closed_aside(text, q, quantity.start)
        ]  # '执行数1032849.44(含中央资金…万元,其他资金11185.14万元),执行率95.61%': not the bracket's last item
        levels = [
            q
            for q in before
            if not q.approx
            and (
                q.role == "level" or (q.role == "delta" and any(t in q.raw_label for t in spec["numerator"]))
            )
        ]  # '节约54000元，节约率2.92%': the saving is the numerator of its own rate
        own_sentence = bool(levels)
        # '…仅发生公务用车运行维护费2.46万元,预算3.00万元,控制率82.00%': an amount and, after it, a
        # budget in the rate's own sentence are its pair, though the amount's label names no numerator word
        own_pair = [
            q
            for q in levels[: _last_denominator(levels, spec)]
            if not any(t in q.label for t in spec["denominator"])
        ]
        if not own_pair and not any(
            any(t in q.label or t in q.raw_label for t in spec["numerator"]) for q in levels
        ):
            # '支出合计…。全年预算…，预算执行率…': the spending may sit in an earlier sentence
            # (a nearby one: a page of web text run into one line has its headings inline)
            levels = [
                q
                for q in report.quantities_between(
                    max(paragraph.start, quantity.start - _EARLIER_REACH), quantity.start
                )
                if q.kind == "money"
                and q.role == "level"
                and not q.approx
                and not in_closed_aside(text, q, quantity.start)
            ]
        if spec.get("kind") == "change":
            numerators = [q for q in levels if any(t in q.label for t in spec["numerator"])]
            denominators = [q for q in levels if any(t in q.label for t in spec["denominator"])]
            if not numerators or not denominators:
                findings.append(_insufficient(context, quantity, f"{name}缺少调整前后的预算数"))
                continue
            numerator, denominator = numerators[-1], denominators[-1]
            if denominator.base_value == 0:
                continue
            exact = (numerator.base_value - denominator.base_value) * HUNDRED / denominator.base_value
            findings.extend(
                _judge_rate(context, quantity, name, exact, [(numerator, denominator)], change=True)
            )
            continue
        if not levels:
            # '执行率84.71%（实际支出231.45万元，年初预算264.80万元）': the members in a bracket after it
            members = bracketed_members(context, quantity, spec)
            if members is not None:
                numerator, denominator = members
                exact = numerator.base_value * HUNDRED / denominator.base_value
                findings.extend(
                    _judge_rate(
                        context, quantity, name, exact, [(numerator, denominator)], single=True,
                        alone="括号里写明的分母",
                    )
                )  # fmt: skip
                continue
            findings.append(_insufficient(context, quantity, f"{name}前面没有给出支出金额"))
            continue
        labelled = [
            q
            for q in levels
            if any(t in q.label or (q.role == "delta" and t in q.raw_label) for t in spec["numerator"])
        ]
        # '基本支出年初预算164.4万元，调整后预算170.4万元，决算167.62万元，执行率98.4%': a figure
        # labelled as a budget is no spending figure, though its subject (基本支出) says 支出
        labelled = [q for q in labelled if not any(t in q.label for t in spec["denominator"])] or labelled
        if not labelled and own_pair:
            labelled = own_pair
        if _subject(quantity.label) is None and (_subject(levels[-1].label) is None or not own_sentence):
            # '预算执行率' of the whole department: not the 项目支出 listed just before it (nor the
            # last part of a breakdown in an earlier sentence: '支出101.36万元，其中…项目支出29.2万元。预算执行率…')
            labelled = [q for q in labelled if _subject(q.label) is None] or labelled
        if not labelled and any(t in levels[-1].raw_label for t in spec["denominator"]):
            spent = _whole_spending_before(context, quantity, name, sentence_start, levels[-1])
            if spent is not None:
                # '全年支出合计372.18万元。…按调整后预算391.62万元计算，全年预算执行率达到97%': the body's
                # spending, stated just before, over the base the rate's own sentence names
                exact = spent.base_value * HUNDRED / levels[-1].base_value
                findings.extend(
                    _judge_rate(context, quantity, name, exact, [(spent, levels[-1])], named=True)
                )
                continue
            # '全年实际下达71万元,已全额划转…发放,发放率100%': the rate tells how much of that
            # allocation was paid; the amount paid is not printed
            findings.append(_insufficient(context, quantity, f"{name}前面只有下达或预算数，没有写出实际金额"))
            continue
        if not labelled and not own_sentence:
            # '…教育培训13.20万元。前3个项目为重点项目，重点支出安排率85.66%': the last amount of an
            # earlier sentence, named like no numerator of the rate, is not its numerator
            findings.append(_insufficient(context, quantity, f"{name}所在的句子没有给出金额"))
            continue
        numerator = labelled[-1] if labelled else levels[-1]
        listed_whole = _whole_after_its_parts(context, numerator, quantity)
        if listed_whole is not None and _subject(quantity.label) is None:
            # '全年支出4925850元，其中基本支出…，项目支出…，预算执行率96.59%': the whole's rate
            numerator = listed_whole
        levels = [q for q in levels if q is not numerator] + [numerator]
        subject = _subject(quantity.label) or _subject(numerator.label)
        own_subject = _subject(numerator.label)
        candidates = [
            q
            for q in levels[:-1]
            if any(t in q.label for t in spec["denominator"])
            and q.base_value > 0
            and (own_subject is None or own_subject in q.label)
        ]
        whole = listed_whole is numerator or _names_the_whole_spending(numerator.label, context.data)
        if not candidates and whole:
            # the whole body's budget in its section, or else in the chapter around it ('（一）预算安排
            # 情况…全年预算数…' beside '（二）预算执行情况…决算支出…，预算执行率…')
            for section_start, section_end in (
                section_span(report, quantity.start),
                major_section_span(report, quantity.start, max_rank=1),
            ):
                candidates = [
                    q
                    for q in report.quantities_between(section_start, section_end)
                    if q.kind == "money"
                    and q.role == "level"
                    and not q.approx
                    and q is not numerator
                    and any(t in q.label for t in spec["denominator"])
                    and _subject(q.label) is None
                    and q.base_value > 0
                ]
                if candidates:
                    break
        if not candidates:
            # '共投入资金1987.08万元。其中…。全年执行资金1847.85万元,执行率92.9%': the denominator may
            # stand earlier in the paragraph; the parts listed under it are not candidates
            own = context.figures.of(numerator)
            paragraph_figures = [
                context.figures.of(q)
                for q in report.quantities_between(paragraph.start, quantity.start)
                if q.kind == "money" and q.role == "level" and not q.approx and q is not numerator
            ]
            candidates = [
                f.quantity
                for f in paragraph_figures
                if own is not None
                and own.parent is None
                and f is not None
                and f.parent is None
                and _same_subject(context, f.subject, own.subject)
                and f.quantity.base_value > numerator.base_value / 2
                and any(t in f.quantity.label for t in spec["denominator"])
            ]
        the_projects, alone = False, "同段唯一的总额"
        if not candidates:
            # '其中小额信贷贴息2,900,000.00元…。分项看，贴息支出2,846,372.16元，执行率98.15%': the part's own budget
            candidates = _own_budget(context, numerator)
            the_projects, alone = bool(candidates), "前文所写该项的预算"
        if not candidates and not _before_the_year_end(text, numerator):
            # ('至6月30日累计支出222.13万元，实际支付进度46.00%': half a year's spending is no share of
            # the year's budget the rate is read against)
            candidates = _the_projects_budget(context, numerator, spec, quantity)
            the_projects, alone = bool(candidates), "报告中唯一的项目资金总额"
        named = _named_base(context, quantity, numerator, spec)
        if named:
            # '按调整后预算计算，执行率93.09%；若按年初预算口径计算，执行率为102.18%': the base the
            # rate's own clause names is its denominator, not the adjusted budget found for the other
            candidates = named
        if not candidates:
            findings.append(_insufficient(context, quantity, f"找不到与{name}对应的预算数（分母）"))
            continue
        if (
            not named
            and "预算" in quantity.label
            and all("到位" in c.label and "预算" not in c.label for c in candidates)
        ):
            # '预算执行率' beside '资金到位2,280万元': the budget, stated earlier, is its denominator; the
            # money that arrived is one only of a rate of the funds ('资金执行率')
            low, _ = major_section_span(report, quantity.start, max_rank=1)
            budgets = [
                q
                for q in report.quantities_between(min(low, paragraph.start), quantity.start)
                if q.kind == "money"
                and q.role == "level"
                and not q.approx
                and "预算" in q.label
                and q.base_value > 0
            ]
            if not budgets:
                findings.append(_insufficient(context, quantity, f"{name}前面只有到位数，没有写出预算数"))
                continue
            candidates = candidates + budgets
        own = context.figures.of(numerator)
        if own is not None and own.parent is None:
            # a whole figure is not divided by a part listed under another total
            wholes = [d for d in candidates if (f := context.figures.of(d)) is None or f.parent is None]
            candidates = wholes or candidates
        single = (
            the_projects
            or (
                len(candidates) == 1
                and own is not None
                and (f := context.figures.of(candidates[0])) is not None
                and f.parent is None
                and (
                    (
                        own.parent is None and (not own.subject or f.subject == own.subject)
                    )  # '项目预算资金…，实际支出…' of one 项目
                    # '下达资金264.80万元，其中已拨付231.45万元，拨付率…': the part paid of the money it is listed under
                    or (
                        own.parent is not None
                        and context.figures.figs[own.parent] is f
                        and own.role != f.role
                    )
                    # '1.抽检经费1,746,520.00元，年初预算1,800,000.00元，执行率97.03%；': a listed part's own
                    # budget, in its own member of the list
                    or (
                        own.parent is not None
                        and numerator.start < candidates[0].start
                        and not any(mark in text[numerator.start : quantity.start] for mark in ";。\n")
                    )
                )
            )
        )
        pairs = [(numerator, d) for d in candidates]
        exact = numerator.base_value * HUNDRED / candidates[-1].base_value
        findings.extend(
            _judge_rate(
                context, quantity, name, exact, pairs, subject=subject, single=single,
                alone=alone, named=bool(named),
            )
        )  # fmt: skip
    return findings


_TARGET_MARKS = words("rules.rate_target_marks")
# a date within the year ('至6月30日', '截至9月底'): the amount after it is spent so far, not the year's
_WITHIN_THE_YEAR = re.compile(r"(?:截至|截止|至|到)\s*(?:(?:19|20)\d{2}\s*年\s*)?(\d{1,2})\s*月")


def _before_the_year_end(text: str, amount: Quantity) -> bool:
    """The amount's clause dates it before December ('至6月30日累计支出222.13万元')."""
    clause = last_mark(text, "。;；，,\n", 0, amount.start) + 1
    found = _WITHIN_THE_YEAR.search(text, clause, amount.start)
    return found is not None and int(found.group(1)) < 12


def bracketed_members(context: CheckContext, rate: Quantity, spec: dict) -> tuple[Quantity, Quantity] | None:
    """(numerator, denominator) written in a bracket right after the rate, each named by its label
    ('…率84.71%（实际支出231.45万元，年初预算264.80万元）'), or None."""
    text = context.report.text
    at = rate.end
    while at < len(text) and text[at] in " 　":
        at += 1
    if text[at : at + 1] not in ("(", "（"):
        return None
    close = first_mark(text, ")）\n", at + 1, min(len(text), at + 80))
    if text[close : close + 1] not in (")", "）"):
        return None  # no closing bracket on the line, near enough
    inside = [
        q
        for q in context.report.quantities_between(at + 1, close)
        if q.kind == "money" and not q.approx and q.base_value > 0
    ]
    numerators = [q for q in inside if any(t in q.label for t in spec["numerator"])]
    denominators = [q for q in inside if any(t in q.label for t in spec["denominator"])]
    numerators = [q for q in numerators if q not in denominators]
    if len(inside) != 2 or len(numerators) != 1 or len(denominators) != 1:
        return None
    return numerators[0], denominators[0]


# '若按年初预算口径计算，执行率为102.18%', '以调整后预算为基数，执行率…', '执行率102.18%（按年初预算计算）'
_NAMED_BASE = re.compile(
    r"(?:按照|按|以|依)(?P<base>[\u4e00-\u9fff（）()]{2,12}?)(?:口径|为分母|为基数|为基础|计算|核算|测算)"
)
_NAMED_BASE_AFTER = re.compile(
    r"[（(](?:按照|按|以|依)(?P<base>[\u4e00-\u9fff]{2,12}?)(?:口径|为分母|为基数|计算|核算|测算)"
)


def _named_base(context: CheckContext, rate: Quantity, numerator: Quantity, spec: dict) -> list[Quantity]:
    """The budget a rate's own clause names as its base ('按年初预算口径计算，执行率…'), stated before
    the rate for the numerator's subject: [that figure], or [] when no base is named or none is found."""
    text = context.report.text
    low = max(text.rfind(mark, 0, rate.start) for mark in ("。", ";", "；", "\n"))
    clause = text[low + 1 : rate.start]
    found = list(_NAMED_BASE.finditer(clause))
    match = found[-1] if found else _NAMED_BASE_AFTER.match(text, rate.end)
    if match is None:
        return []
    base = match.group("base").removeprefix("照")
    term = next((t for t in spec["denominator"] if t in base), None)
    if term is None:
        return []
    own = _subject(numerator.label)
    budgets = [
        q
        for q in context.report.quantities_between(0, rate.start)
        if q.kind == "money"
        and q.role == "level"
        and not q.approx
        and q is not numerator
        and q.base_value > 0
        and base.removesuffix("数") in q.label
        and _same_subject(context, _subject(q.label) or "", own or "")
    ]
    return budgets[-1:]


def _whole_after_its_parts(context: CheckContext, numerator: Quantity, rate: Quantity) -> Quantity | None:
    """The total a 其中 list breaks down, when ``numerator`` is the list's last part, the rate follows
    it in the same sentence and no part has a rate of its own ('…，其中基本支出A，项目支出B，预算执行率
    X%' — not '其中基本支出A，执行率a%；项目支出B，执行率b%')."""
    own = context.figures.of(numerator)
    if own is None or own.parent is None:
        return None
    parent = context.figures.figs[own.parent]
    siblings = [
        f
        for f in context.figures.figs
        if f.parent == own.parent and f.place != "table" and f.start < rate.start
    ]
    if parent.quantity is None or not siblings or siblings[-1] is not own or len(siblings) < 2:
        return None
    text = context.report.text
    if "。" in text[parent.start : rate.start] or "\n" in text[parent.start : rate.start]:
        return None
    between = context.report.quantities_between(siblings[0].start, rate.start)
    if any(q.kind == "percent" for q in between) or ";" in text[siblings[0].start : own.end]:
        return None
    # '…其中基本支出803.15万元、项目支出446.57万元；预算执行率97.15%': a ';' after the list that
    # opens the rate's own member, no figure between
    semicolon = text.find(";", own.end, rate.start)
    if semicolon >= 0 and context.report.quantities_between(semicolon, rate.start):
        return None
    return parent.quantity


_BUDGET_ROLES = ("预算", "调整后", "年初预算", "下达")


def _own_budget(context: CheckContext, numerator: Quantity) -> list[Quantity]:
    """The one budget stated earlier for the spending's own subject (a part of a list of budgets:
    '其中小额信贷贴息2,900,000.00元' for '贴息支出2,846,372.16元'), when the subject is a name of its own."""
    own = context.figures.of(numerator)
    if own is None or len(own.subject) < 2 or numerator.raw_label.startswith(("全年", "本年", "全部")):
        return []  # '全年拨付补助资金…': the year's whole, not one listed source's
    found = [
        f.quantity
        for f in context.figures.prose()
        if f.quantity is not None
        and f.start < numerator.start
        and f.kind == "money"
        and f.role in _BUDGET_ROLES
        and f.parent is not None  # one of a list of budgets, each of its own item
        and not f.change
        and not f.approx
        and len(f.subject) >= 2
        and (own.subject in f.subject or f.subject in own.subject)
        and f.quantity.base_value >= numerator.base_value / 2
    ]
    return found[-1:] if len({q.base_value for q in found}) == 1 else []


def _names_the_whole_spending(label: str, data: CheckerData) -> bool:
    """The label names the body's whole spending (支出合计, 本年支出 …; a word of whole_department
    written '=决算支出' must be the whole label)."""
    return any((label == t[1:]) if t.startswith("=") else (t in label) for t in data.whole_department)


def _whole_spending_before(
    context: CheckContext, rate: Quantity, name: str, sentence_start: int, base: Quantity
) -> Quantity | None:
    """The body's whole spending (支出合计, 本年支出 …) stated within a few sentences before a whole
    body's execution rate whose own sentence names only its base ('按调整后预算391.62万元计算，全年预算
    执行率达到97%'), when it is the only such figure there and no more than the base."""
    if name != "执行率" or _subject(rate.label) is not None or _subject(base.label) is not None:
        return None
    whole = [
        q
        for q in context.report.quantities_between(max(0, rate.start - _EARLIER_REACH), sentence_start)
        if q.kind == "money"
        and q.role == "level"
        and not q.approx
        and _names_the_whole_spending(q.label, context.data)
    ]
    if len({q.base_value for q in whole}) != 1 or whole[-1].base_value > base.base_value:
        return None
    return whole[-1]


def _the_projects_budget(
    context: CheckContext, numerator: Quantity, spec: dict, rate: Quantity
) -> list[Quantity]:
    """In a project's report, its one budget stated anywhere ('共下达资金3,465,800元' in the
    project's overview, the spending and its rate in a later section): the only whole amount with a
    budget's label, whatever the section, when all such amounts agree. In a whole department's
    report the same for the department's own budget, stated before the rate ('（一）收入情况 … 调整后
    预算1,286.40万元' beside '（二）支出情况 全年支出1,232.86万元，预算执行率95.84%'): a rate and a
    spending figure that name no subject (基本支出, 项目…) are the whole body's."""
    if context.report_type.code == "xiangmu":

        def own_subject(subject: str) -> bool:
            return of_the_project(context, subject)

        before = len(context.report.text)
    elif (
        _subject(rate.label) is None
        and _subject(numerator.label) is None
        # not under '三、项目支出情况' or '三、项目绩效目标实现情况' (any word of a subject in the heading)
        and not any(word in context.report.section_at(rate.start) for word in _SUBJECTS)
    ):

        def own_subject(subject: str) -> bool:
            return subject == ""

        before = rate.start
    else:
        return []

    own = context.figures.of(numerator)
    if own is None or own.parent is not None or not own_subject(own.subject):
        return []
    found = [
        f.quantity
        for f in context.figures.prose()
        if f.quantity is not None
        and f.quantity is not numerator
        and f.kind == "money"
        and f.parent is None
        and not f.change
        and not f.approx
        and own_subject(f.subject)
        and f.start < before
        and f.quantity.role == "level"
        and any(t in f.quantity.label for t in spec["denominator"])
        and f.quantity.base_value >= numerator.base_value / 2
    ]
    if len({q.base_value for q in found}) != 1:
        # '年初预算3500万元，年中追加200万元，调整后预算3700万元': the adjusted budget is the one
        found = [q for q in found if any(t in q.label for t in spec.get("strong_denominator", ()))]
    return found[-1:] if len({q.base_value for q in found}) == 1 else []


def _same_subject(context: CheckContext, a: str, b: str) -> bool:
    """Two figures' subjects are one; in a project's report its 项目预算资金 and the 实际支出 that
    names no subject are of the one project."""
    if a == b:
        return True
    return context.report_type.code == "xiangmu" and {a, b} <= {"", "项目"}


_EXPLICIT_RATE = re.compile(
    r"\((?P<a>\d[\d,]*(?:\.\d+)?)(?P<ua>亿元|万元|元)?(?:[/÷])(?P<b>\d[\d,]*(?:\.\d+)?)(?P<ub>亿元|万元|元)?"
    r"(?:[×x*]100%)?\)"
)
_UNIT_SCALE = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000), None: Decimal(1)}


def printed_half(number: str) -> Decimal:
    """Half the last printed digit of a number as written ('1,146' → 0.5, '7.740' → 0.0005)."""
    return Decimal(5).scaleb(-(len(number.split(".", 1)[1]) + 1)) if "." in number else Decimal("0.5")


def _check_explicit_rate(
    context: CheckContext, stated: Quantity, name: str, match: re.Match
) -> list[Finding]:
    """'执行率96.85%（4,614,453.11/4,764,453.11）': the rate and its own numerator and denominator."""
    a_text, b_text = match.group("a").replace(",", ""), match.group("b").replace(",", "")
    scale_a, scale_b = _UNIT_SCALE[match.group("ua")], _UNIT_SCALE[match.group("ub") or match.group("ua")]
    a, b = Decimal(a_text) * scale_a, Decimal(b_text) * scale_b
    ua, ub = printed_half(a_text) * scale_a, printed_half(b_text) * scale_b
    if b <= ub:
        return []
    exact = a * HUNDRED / b
    places = stated.decimals
    if round_half_up(exact, places) == stated.value:
        return []
    low, high = (a - ua) * HUNDRED / (b + ub), (a + ua) * HUNDRED / (b - ub)
    inside = overlaps(low, high, stated.value, stated.half_unit())
    return [
        context.finding(
            "rate.recompute",
            INFO if inside else ERROR,
            f"{name}{stated.text}%与括号里的算式不符：{match.group('a')}÷{match.group('b')}={pct(exact, places)}"
            + ("（差别在四舍五入范围内）" if inside else ""),
            stated.start,
            match.end(),
            expected=pct(exact, places),
            found=f"{stated.text}%",
        )
    ]


def _judge_rate(
    context: CheckContext,
    stated: Quantity,
    name: str,
    first_exact: Decimal,
    pairs: list[tuple[Quantity, Quantity]],
    *,
    change: bool = False,
    subject: str | None = None,
    single: bool = False,
    alone: str = "同段唯一的总额",
    named: bool = False,
) -> list[Finding]:
    """``single``: the one denominator is the only total of the paragraph (not a part of one), so a
    mismatch is worth a warning rather than a 数据不足 note."""
    report = context.report
    places = stated.decimals
    p, up = stated.value, stated.half_unit()
    spec = context.data.rates[name]
    near_miss = None
    for numerator, denominator in pairs:
        n, un = numerator.base_value, report.half_unit(numerator)
        d, ud = denominator.base_value, report.half_unit(denominator)
        if change:
            exact = (n - d) * HUNDRED / d
            low = (n - un - d - ud) * HUNDRED / (d + ud)
            high = (n + un - d + ud) * HUNDRED / (d - ud)
        else:
            exact = n * HUNDRED / d
            low = (n - un) * HUNDRED / (d + ud)
            high = (n + un) * HUNDRED / (d - ud) if d > ud else exact
        if round_half_up(exact, places) == p:
            return []
        if overlaps(low, high, p, up):
            near_miss = (numerator, denominator, exact)
    start = min(pairs[0][0].start, stated.start)
    if near_miss is not None:
        numerator, denominator, exact = near_miss
        return [
            context.finding(
                "rate.recompute",
                INFO,
                f"{name}按印出的金额严格计算为{pct(exact, places)}（{show(numerator)}÷{show(denominator)}），"
                f"报告写{stated.text}%；差别在金额四舍五入范围内",
                start,
                stated.end,
                expected=pct(exact, places),
                found=f"{stated.text}%",
            )
        ]
    strong_pairs = [
        pair for pair in pairs if any(t in pair[1].label for t in spec.get("strong_denominator", ()))
    ]
    if named:
        strong_pairs = pairs  # the base the rate's own clause names
    if not strong_pairs and (len(pairs) > 1 or (pairs and "预算" in stated.raw_label)):
        # '基本支出预算898.15万元,支出873.52万元;项目支出预算2,964.30万元,支出2,801.66万元,执行率为94.87%':
        # one budget in the rate's own member of the sentence (after its last ';') is its denominator;
        # so is the one budget of a rate named for it ('实际下达预算2596万元,…支出…,项目预算执行率99%')
        text = report.text
        strong_pairs = [
            pair
            for pair in pairs
            if pair[1].start < stated.start
            and pair[0].start < stated.start
            and not any(mark in text[min(pair[1].start, pair[0].start) : stated.start] for mark in ";。\n")
            and any(word in pair[1].label for word in ("预算", "计划"))
        ]
        if len(strong_pairs) != 1:
            strong_pairs = []
        else:
            subject = None
    numerator, denominator = strong_pairs[-1] if strong_pairs else pairs[-1]
    strong = bool(strong_pairs)
    same_subject = subject is None or subject in denominator.label or len(pairs) == 1
    if strong and len(strong_pairs) == 1:
        first_exact = (
            (numerator.base_value - denominator.base_value) * HUNDRED / denominator.base_value
            if change
            else numerator.base_value * HUNDRED / denominator.base_value
        )
        pairs = strong_pairs
    formula = (
        f"（{show(numerator)}−{show(denominator)}）÷{show(denominator)}"
        if change
        else f"{show(numerator)}÷{show(denominator)}"
    )
    if strong and same_subject and len(pairs) == 1:
        coarse = places == 0 and abs(first_exact - stated.value) < 1
        return [
            context.finding(
                "rate.recompute",
                WARNING if coarse else ERROR,
                f"{name}与金额不符：{formula}={pct(first_exact, 2)}，报告写{stated.text}%"
                + ("（整数百分比印得比数据粗，四舍五入应为" + pct(first_exact, 0) + "）" if coarse else ""),
                start,
                stated.end,
                expected=pct(first_exact, places),
                found=f"{stated.text}%",
            )
        ]
    tried = "、".join(f"{d.label}{show(d)}" for _, d in pairs)
    if single:
        numerator, denominator = pairs[0]
        return [
            context.finding(
                "rate.recompute",
                WARNING,
                f"{name}与金额不符：以“{denominator.label}”为分母，{show(numerator)}÷{show(denominator)}="
                f"{pct(first_exact, max(places, 2))}，报告写{stated.text}%（分母是{alone}，请核对口径）",
                start,
                stated.end,
                expected=pct(first_exact, places),
                found=f"{stated.text}%",
            )
        ]
    return [
        context.finding(
            "rate.recompute",
            WARNING if strong else INFO,
            f"{'' if strong else '数据不足：'}{name}{stated.text}%无法用文中的金额复算（分子{show(numerator)}，试过的分母：{tried}）",
            start,
            stated.end,
            expected=pct(first_exact, places),
            found=f"{stated.text}%",
        )
    ]


_SHARE_LINK = re.compile(r"^[,;:]?(?:占比|占|比重|所占比重|所占比例)(?:为|达|是)?$")


# '占总支出的70%' names its denominator; '人员经费150万元，占全年支出200万元的70%' prints it
_SHARE_OF = re.compile(
    r"^[,;:]?占(?:总|全年|本年|全部|全)?(?P<whole>[\u4e00-\u9fff]{1,10}?)的?(?:比重|比例)?(?:为|达|是)?$"
)
_SHARE_FILLERS = words("rules.share_fillers")


_ASIDE_BEFORE = re.compile(r"[^()（）]*[)）]")  # the end of a bracket between a figure and its share


def _check_named_share(context: CheckContext, share: Quantity) -> list[Finding] | None:
    """A share whose denominator the sentence names: checked against that figure only. None when
    the sentence does not name it."""
    report = context.report
    text = report.text
    before = [
        q
        for q in report.quantities_between(max(0, share.start - 60), share.start)
        if q.kind == "money" and q.role == "level" and not q.approx
    ]
    if not before:
        return None
    last = before[-1]
    between = text[last.end : share.start]
    aside = _ASIDE_BEFORE.match(between)
    if aside is not None and len(before) >= 2 and in_closed_aside(text, last, share.start):
        # '完成投资16,200.00万元（其中2023年完成8,490.60万元），占项目总投资的74.47%': the bracket is
        # an aside of the figure before it
        kept = [q for q in before if not in_closed_aside(text, q, share.start)]
        if kept and text[kept[-1].end : kept[-1].end + 1] in "(（":
            last, between = kept[-1], between[aside.end() :]
            before = kept
    if (
        len(before) >= 2
        and between in ("的", "的比重为", "的比例为", "的比重", "的比例")
        and last.raw_label.startswith("占")
    ):
        part, whole = before[-2], last  # '人员经费150万元，占全年支出200万元的70%'
        if text[part.end : whole.start - len(whole.raw_label)] not in (",", "，", ""):
            return None
    else:
        named = _SHARE_OF.match(between)
        if not named:
            return None
        part = last
        word = named.group("whole")
        # '三公经费预算15.00万元，实际支出11.86万元，占预算的79.07%': the sentence's own budget first
        sentence_start = max(text.rfind(mark, 0, share.start) for mark in "。;\n") + 1
        own = [
            q
            for q in report.quantities_between(sentence_start, part.start)
            if q.kind == "money"
            and q.role == "level"
            and not q.approx
            and q.base_value > part.base_value
            and q.raw_label.rstrip("为是:").endswith(word)
        ]
        if word.endswith("预算") and len({q.base_value for q in own}) == 1:
            return _share_finding(context, share, part, own[-1])
        section_start, _ = section_span(report, share.start)
        paragraph_end = text.find("\n", share.end)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        wholes = [
            q
            for q in (
                *report.quantities_between(section_start, part.start),
                *report.quantities_between(share.end, paragraph_end),  # '…，总支出148.2万元'
            )
            if q.kind == "money"
            and q.role == "level"
            and not q.approx
            and q.base_value > part.base_value
            and _names_the_whole(q.label, word)
        ]
        if not wholes:
            # '项目总投资2.35亿元' in the overview, '…完成投资16,200.00万元，占项目总投资的74.47%' in a later
            # part: the whole the share names, stated anywhere before it with one value
            wholes = [
                q
                for q in report.quantities_between(0, section_start)
                if q.kind == "money"
                and q.role == "level"
                and not q.approx
                and q.base_value > part.base_value
                and q.label.endswith(word)  # (its own name, not one that holds it: '与2022年支出')
                and not (q.year and q.year != context.fiscal_year)
                and not any(w in q.raw_label for w in ("上年", "去年", "较", "比"))
            ]
            if len({q.base_value for q in wholes}) != 1:
                return None
            wholes = wholes[-1:]
        if len(wholes) != 1:
            return None if not wholes else []
        whole = wholes[0]
    return _share_finding(context, share, part, whole)


def _share_finding(context: CheckContext, share: Quantity, part: Quantity, whole: Quantity) -> list[Finding]:
    """``share`` against ``part`` ÷ ``whole``, within the rounding of the printed figures."""
    if whole.base_value <= context.report.half_unit(whole) or share_fits(context.report, share, part, whole):
        return []
    return [share_finding(context, share, part, whole, ERROR, part.start)]


def _share_after_whole(report: ParsedReport, quantity: Quantity) -> bool:
    """'占全年支出200万元的70%': the percentage's own label is only 的."""
    if not quantity.raw_label.startswith("的"):
        return False
    before = report.quantities_between(max(0, quantity.start - 30), quantity.start)
    return bool(before) and before[-1].raw_label.startswith("占")


_WHOLE_TAILS = words("rules.whole_tails")


def _names_the_whole(label: str, word: str) -> bool:
    """'全年支出' or '支出合计' is the 支出 a share names; '基本支出' is a sibling of its part."""
    stripped = _strip_fillers(label)
    for tail in _WHOLE_TAILS:
        if stripped.endswith(tail) and stripped != tail and not word.endswith(tail):
            stripped = stripped[: -len(tail)]
            break
    return stripped == word


def _strip_fillers(label: str) -> str:
    for filler in _SHARE_FILLERS:
        label = label.removeprefix(filler)
    return label.removeprefix("占")


def _check_share(context: CheckContext, share: Quantity, parts_total_of: dict) -> list[Finding]:
    named = _check_named_share(context, share)
    if named is not None:
        return named
    report = context.report
    part = None
    for quantity in report.quantities_between(max(0, share.start - 30), share.start):
        if quantity.kind == "money" and quantity.role == "level":
            part = quantity
    if part is None:
        return share_by_names(context, share)  # '基本支出占支出合计的93.78%' with the figures before
    between = report.text[part.end : share.start]
    if not _SHARE_LINK.match(between):
        # '人员经费占基本支出的比重为80%' names its own subject; '538人，占在职职工的87.91%' its whole
        return share_by_names(context, share)
    own_total = None
    parts = parts_total_of.get(part.start)
    if parts is not None:
        own_total = next(
            (
                c
                for c in parts.candidates
                if abs(c.base_value - sum((p.base_value for p in parts.parts), ZERO))
                <= sum((report.half_unit(p) for p in parts.parts), report.half_unit(c))
            ),
            parts.candidates[0],
        )
    if own_total is not None and parts is not None:
        own_total = _unit_corrected(own_total, parts)
    section_start, section_end = section_span(report, share.start)
    candidates = [own_total] if own_total is not None else []
    for quantity in report.quantities_between(section_start, section_end):
        if (
            quantity.kind == "money"
            and quantity.role == "level"
            and quantity.base_value > part.base_value
            and quantity is not own_total
            and _subject(quantity.label) is None
        ):
            candidates.append(quantity)
    if not candidates:
        return [_insufficient(context, share, "找不到占比的分母")]
    places = share.decimals
    p, up = share.value, share.half_unit()
    for candidate in candidates:
        n, un = part.base_value, report.half_unit(part)
        d, ud = candidate.base_value, report.half_unit(candidate)
        exact = n * HUNDRED / d
        if round_half_up(exact, places) == p or overlaps(
            (n - un) * HUNDRED / (d + ud), (n + un) * HUNDRED / (d - ud), p, up
        ):
            if own_total is not None and candidate is not own_total:
                expected = pct(part.base_value * HUNDRED / own_total.base_value, places)
                return [
                    context.finding(
                        "rate.recompute",
                        INFO,
                        f"“{part.label}”占比{share.text}%是以“{candidate.label}”{show(candidate)}为分母算的；"
                        f"以其所属合计“{own_total.label}”{show(own_total)}为分母应为{expected}，请写明口径",
                        part.start,
                        share.end,
                        expected=expected,
                        found=f"{share.text}%",
                    )
                ]
            return []
    if own_total is None and _fits_a_whole_elsewhere(context, part, share):
        return []
    first = candidates[0]
    expected = pct(part.base_value * HUNDRED / first.base_value, places)
    return [
        context.finding(
            "rate.recompute",
            ERROR if own_total is not None else WARNING,
            f"“{part.label}”占比{share.text}%与文中任何合计都对不上（以“{first.label}”{show(first)}为分母应为{expected}）",
            part.start,
            share.end,
            expected=expected,
            found=f"{share.text}%",
        )
    ]


def _fits_a_whole_elsewhere(context: CheckContext, part: Quantity, share: Quantity) -> bool:
    """A share that names no whole may be of one stated in another section ('截至2024年12月31日，
    项目累计支出33,258,000.00元' in the overview; '截至9月底累计支付23,280,600.00元，占70.00%'
    later): a whole amount of the report (no part of a list) that gives the share is its base."""
    report = context.report
    for fig in context.figures.prose():
        q = fig.quantity
        if (
            q is None
            or q.kind != "money"
            or fig.parent is not None
            or fig.change
            or q.approx
            or q.role != "level"
            or q.base_value <= part.base_value
        ):
            continue
        if share_fits(report, share, part, q):
            return True
    return False


def _unit_corrected(total: Quantity, parts: Parts) -> Quantity:
    """'全年预算数2089元:其中…1777万元…312万元': the parts add up to the total's number in their own
    unit, so the total's unit is a slip (reported by quantity.conflict and parts.sum); shares are
    taken of the total the parts make."""
    units = {p.unit for p in parts.parts}
    if len(units) != 1 or total.unit in units or total.kind != "money":
        return total
    (unit,) = units
    if sum((p.value for p in parts.parts), ZERO) != total.value:
        return total
    return total._replace(unit=unit)


def _insufficient(context: CheckContext, quantity: Quantity, why: str) -> Finding:
    return context.finding(
        "rate.recompute",
        INFO,
        f"数据不足：{why}，无法核对{quantity.label}{quantity.text}%",
        quantity.start,
        quantity.end,
    )


# ---------------------------------------------------------------------------------------------
# Counts of listed names


_JOINERS = re.compile(r"以及|[和及与]")
_NAMED_RANGE = re.compile(r"第([一二三四五六七八九十\d]{1,3})至第([一二三四五六七八九十\d]{1,3})")


_MEMBER_COUNT = re.compile(r"(\d{1,3}|[一二三四五六七八九十两]{1,3})(?:个|家|所|座|处|支|名)")


def _counted_members(items: list[str]) -> int | None:
    """The names listed when a member states how many it stands for ('下属6个事业单位' is six), each
    name joined by 和/及 counted apart; None when no member states a count."""
    total, counted = 0, False
    for item in items:
        for member in _JOINERS.split(item):
            match = _MEMBER_COUNT.search(member)
            value = cn_number(match.group(1)) if match else None
            if value:
                total, counted = total + value, True
            elif member.strip():
                total += 1
    return total if counted else None


def _names_in(item: str) -> int:
    """One name, or the several a range names ('第一至第六纪检监察室' is six)."""
    match = _NAMED_RANGE.search(item)
    if match is None:
        return 1
    first, last = cn_number(match.group(1)), cn_number(match.group(2))
    return last - first + 1 if first is not None and last is not None and last > first else 1


_UNIT_ENDINGS = words("rules.unit_name_endings")


def _unit_list(items: list[str]) -> bool:
    """Every item ends like a unit's name (委员会, 办公室, 中心 …)."""
    return len(items) >= 2 and all(_bare(i).endswith(_UNIT_ENDINGS) for i in items)


def _joined_names(item: str, units: bool) -> int:
    """How many names more an item holds by its 和/及/与. In a list of units (``units``: every item
    ends like a unit's name) a joiner parts two names only when the words before it end so too
    ('秩序中队和宣传中队'), not inside one name ('生态环境和农业农村综合服务中心'); in other lists
    every joiner may."""
    # a joiner with one character or none on a side is a character of the name ('双和村', '共和镇',
    # '和平街道'), not a joiner of two names
    joins = [j for j in _JOINERS.finditer(item) if j.start() >= 2 and len(item) - j.end() >= 2]
    if not joins or not units:
        return len(joins)
    name = _bare(item)  # (a 与 in the bracket's note joins nothing of the list)
    return sum(
        1
        for join in _JOINERS.finditer(name)
        if join.start() >= 2 and len(name) - join.end() >= 2 and name[: join.start()].endswith(_UNIT_ENDINGS)
    )


_PLAIN_NAME = re.compile(r"[\u4e00-\u9fff]{2,30}")


def _common_ending(names: list[str]) -> str:
    """The longest ending all the names share ('东航道', '大榄坪南航道' → '航道')."""
    ending = names[0] if names else ""
    for name in names[1:]:
        while ending and not name.endswith(ending):
            ending = ending[1:]
    return ending


def _joined_alike(items: list[str]) -> int:
    """How many names more the last item holds when its 和/及/与 stands between two names: the words
    before it end as every other item does (one shared ending of the list, '航道', '村'), none
    of the items being a bare name with an ending of one character shared by chance; 0 else."""
    if len(items) < 2 or not all(_PLAIN_NAME.fullmatch(_bare(item)) for item in items[:-1]):
        return 0
    ending = _common_ending([_bare(item) for item in items[:-1]])
    if not ending or any(_bare(item) == ending for item in items[:-1]):
        return 0
    last = _bare(items[-1])
    more = 0
    for join in _JOINERS.finditer(last):
        before, after = last[: join.start()], last[join.end() :]
        if (
            len(before) > len(ending)
            and before.endswith(ending)
            and _PLAIN_NAME.fullmatch(after)
            and not _JOINERS.search(after)
        ):
            more += 1
    return more


def _bare(name: str) -> str:
    """A name without its bracketed note ('社会保障综合服务中心(加挂“退役军人服务站”牌子)')."""
    cut = min((at for at in (name.find("("), name.find("（")) if at >= 0), default=len(name))
    return name[:cut].strip()


@rule("count.items", "“下设N个…，即…”等说法中的个数与列出的名称个数是否相符")
def check_counts(context: CheckContext) -> list[Finding]:
    """The stated count equals the number of names listed (split on 、, brackets ignored; a last
    name joined by 和/及 counts as two when that makes it agree). A list cut off by the end of the
    text → 数据不足 (info)."""
    findings = []
    for count_list in context.count_lists:
        items = list(count_list.items)
        listed = sum(_names_in(item) for item in items)
        units = _unit_list(items)
        if listed == count_list.count:
            # (the last name only: '局机关和A、B、C 3个二级单位' counts the units after 局机关)
            joined = _joined_names(items[-1], units) if units else 0
            alike = _joined_alike(items) if count_list.complete and not joined else 0
            if alike:
                # '3个区段，分别为东航道、大榄坪南航道、金鼓江航道和三墩作业区锚地': the words before 和
                # end as the other names do (航道), so 和 parts two names
                findings.append(
                    context.finding(
                        "count.items",
                        WARNING,
                        f"个数与名单不符：说{count_list.count}{count_list.measure or '个'}，列出的名称有{listed + alike}个"
                        f"（“和”前的名称与其他名称同样以“{_common_ending(items[:-1])}”结尾，和后另是一个名称）",
                        min(count_list.count_start, count_list.list_start),
                        max(count_list.count_end, count_list.list_end),
                        expected=str(listed + alike),
                        found=str(count_list.count),
                    )
                )
                continue
            if joined and count_list.complete:
                # '内设机构8个:A委员会、…、H委员会和县人大办公室': 和 joins two units' names, nine in all
                findings.append(
                    context.finding(
                        "count.items",
                        WARNING,
                        f"个数与名单不符：说{count_list.count}个，“和”连起的单位名称各算一个，列出的有{listed + joined}个",
                        min(count_list.count_start, count_list.list_start),
                        max(count_list.count_end, count_list.list_end),
                        expected=str(listed + joined),
                        found=str(count_list.count),
                    )
                )
            continue
        if not count_list.complete:
            findings.append(
                context.finding(
                    "count.items",
                    INFO,
                    f"数据不足：文本在名单中途结束，已列{listed}个，无法核对所说的{count_list.count}个",
                    count_list.count_start,
                    count_list.list_end,
                )
            )
            continue
        extra = sum(_joined_names(item, units) for item in items)
        if listed < count_list.count <= listed + extra:
            continue
        counted = _counted_members(items)
        if counted == count_list.count:
            continue  # '预算单位7个，即局机关及下属6个事业单位': a member that is a count of its own
        if (
            listed < count_list.count
            and not count_list.measure  # ('5场次，分别为A、B、C、D，反响良好': no name goes on)
            and listed + _names_continued(context.report, count_list.list_end) == count_list.count
        ):
            continue  # “其他事业单位8个:A、B、C、D,新增E、F、G、H”: the list goes on after the comma
        findings.append(
            context.finding(
                "count.items",
                WARNING if count_list.bracketed or count_list.measure else ERROR,
                f"个数与名单不符：说{count_list.count}{count_list.measure or '个'}，列出的名称有{listed}个"
                + (
                    f"（连同名单中自带的个数，共{counted}个）"
                    if counted is not None
                    else f"（“和”“及”连起的名称各算一个，也只有{listed + extra}个）"
                    if extra
                    else ""
                ),
                min(count_list.count_start, count_list.list_start),
                max(count_list.count_end, count_list.list_end),
                expected=str(count_list.count),
                found=str(listed),
            )
        )
    return findings


_CONTINUES = re.compile(r"(?:新增|另有|另|还有|以及|及|和|包括)?")
_NAME = re.compile(r"[\u4e00-\u9fff()（）]{2,30}")


def _names_continued(report: ParsedReport, position: int) -> int:
    """How many more names follow a comma that ended a list, in clauses that are lists of names
    themselves (“…,新增沐溪片区自然资源所、舟坝片区自然资源所…”), up to the sentence's end."""
    text = report.text
    if text[position : position + 1] != ",":
        return 0
    paragraph = report.paragraph_at(position)
    end = paragraph.end if paragraph is not None else len(text)
    for stop in "。;":
        at = text.find(stop, position, end)
        if at >= 0:
            end = at
    more = 0
    for clause in text[position + 1 : end].split(","):
        clause = clause[_CONTINUES.match(clause).end() :]
        names = [n for n in clause.split("、") if n]
        if not names or not all(_NAME.fullmatch(n) for n in names):
            break
        more += len(names)
    return more


# ---------------------------------------------------------------------------------------------
# Structure


_MARKERS = {
    0: lambda n: f"第{int_to_cn(n)}部分",
    1: lambda n: f"{int_to_cn(n)}、",
    2: lambda n: f"（{int_to_cn(n)}）",
    3: lambda n: f"{n}.",
    4: lambda n: f"（{n}）",
    5: lambda n: "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[n - 1] if 0 < n <= 20 else str(n),
}


def _bare_marker_before(context: CheckContext, heading, wanted: str) -> bool:
    """A line holding only the missing number ('(1)'), a little before the heading."""
    report = context.report
    index = report.paragraph_index(heading.start)
    wanted = wanted.replace("（", "(").replace("）", ")")
    return any(
        p.text.strip().replace("（", "(").replace("）", ")") == wanted
        for p in report.paragraphs[max(0, index - 12) : index]
    )


def _table_of_contents(report: ParsedReport) -> frozenset[int]:
    """Starts of the headings listed under a '目录' line: the run of heading lines after it, but
    the last one when body text follows it at once (the contents ended, the body began)."""
    # only a paragraph that holds 录 (few: 记录 …) may be the '目录' line
    places = scan.places_of(report.text, "录", report.places)
    if not places:
        return frozenset()
    starts = set(report._heading_starts)
    listed: set[int] = set()
    paragraphs = report.paragraphs
    for index in sorted({report.paragraph_index(at) for at in places}):
        paragraph = paragraphs[index]
        if paragraph.text.replace(" ", "") != "目录":
            continue
        run = []
        for following in paragraphs[index + 1 :]:
            if following.start not in starts:
                break
            run.append(following.start)
        after = index + 1 + len(run)
        if run and after < len(paragraphs) and len(paragraphs[after].text) > 30:
            run.pop()
        listed.update(run)
    return frozenset(listed)


def _listed_again(report: ParsedReport) -> int | None:
    """Where the body begins after a contents list with no '目录' line: the first part's heading
    ('第一部分 2022年度部门决算报表', or '一、…') written again, the whole line, as a later heading
    of its rank. The list and the body are numbered each on their own."""
    seen: set[str] = set()
    for heading in report.headings:
        if heading.rank > 1 or heading.number != 1:
            continue
        paragraph = report.paragraphs[report.paragraph_index(heading.start)]
        if paragraph.start != heading.start:
            continue
        line = paragraph.text.strip()
        if line in seen:
            return heading.start
        seen.add(line)
    return None


_BARE_ONE = re.compile(r"1[\u4e00-\u9fff]{2,18}$")


def _unnumbered_first(context: CheckContext, last_end: dict[int, int], rank: int, heading):
    """The short line right under the parent heading, where the first heading of the level belongs
    (“二、绩效目标自评完成情况分析\n资金投入情况分析。\n1.…\n(二)…”), or None."""
    parents = [r for r in last_end if r < rank]
    if not parents:
        return None
    report = context.report
    index = report.paragraph_index(last_end[max(parents)])
    following = report.paragraphs[index + 1] if 0 <= index + 1 < len(report.paragraphs) else None
    if following is None or following.start >= heading.start:
        return None
    line = following.text.rstrip("。:")
    if _BARE_ONE.match(line):
        return following  # '1职能职责': the number without its mark
    if (
        not 2 <= len(line) <= 20
        or any(ch in line for ch in ",;0123456789")
        or following.start in report._heading_starts
    ):
        return None
    return following


_NOT_IN_A_TITLE = frozenset(",;:、。!?|0123456789%")  # (a line that holds one is a sentence or a cell)


def _unnumbered_between(context: CheckContext, low: int, heading):
    """The one short line between the previous heading of a level (ending at ``low``) and
    ``heading``, numbered one past it, that reads as the heading whose number was lost (“(一)主要职能
    …1.…2.… / 人员情况 / …(三)资产情况”: the parser took no heading there, a list before it), or
    None when there is none or more than one (a table of one cell a line has many short lines)."""
    report = context.report
    paragraphs = report.paragraphs
    starts = report._heading_starts
    # (looked for after the last heading before this one: the deeper list that ends the previous
    # sibling's part, after which the parser took the line for the list's text)
    before = starts[bisect_left(starts, heading.start) - 1] if starts and starts[0] < heading.start else 0
    first, last = report.paragraph_index(max(low, before)), report.paragraph_index(heading.start)
    if first < 0 or last - first > 30:
        return None
    found = None
    for index in range(first + 1, last):
        paragraph = paragraphs[index]
        line = paragraph.text.strip().rstrip(":")
        if (
            not 2 <= len(line) <= 20
            or paragraph.start in report._heading_starts
            or any(ch in _NOT_IN_A_TITLE for ch in line)
            or not "\u4e00" <= line[0] <= "\u9fff"
        ):
            continue
        if found is not None:
            return None
        found = paragraph
    if found is None or report.paragraph_index(found.end) + 1 >= last:
        return None  # (a heading has its text under it before the next heading)
    return found


def _opened_inline(context: CheckContext, heading, marker: str) -> bool:
    """The number before ``heading``'s stands inside the paragraph right before it, after a word
    ('注:①…', '说明:1.…')."""
    report = context.report
    index = report.paragraph_index(heading.start)
    if index <= 0:
        return False
    before = report.paragraphs[index - 1].text
    at = before.find(marker)
    if at > 0:
        return True
    # '一、工作情况及成效 (一)专项基本情况 1.立项申报情况' a few paragraphs up: headings run into one
    # heading line, the number right before its title
    starts = report._heading_starts
    for paragraph in report.paragraphs[max(index - 4, 0) : index - 1]:
        at = paragraph.text.find(marker, 1)
        if (
            at > 0
            and paragraph.start in starts
            and "\u4e00" <= paragraph.text[at + len(marker) : at + len(marker) + 1] <= "\u9fff"
        ):
            return True
    return False


def _midway(context: CheckContext) -> bool:
    """The text has no title among its opening lines: it begins mid-document (asked only of a
    first heading numbered past 1)."""
    opening = [p.text for p in context.report.paragraphs[:5] if not p.text.startswith(("SOURCE:", "TITLE:"))]
    return not any(
        len(line) <= 60 and ("报告" in line or line.endswith(("自评表", "自评"))) for line in opening[:3]
    )


@rule("heading.numbering", "标题编号：缺号、重号、顺序颠倒，以及像标题却缺编号的行")
def check_heading_numbering(context: CheckContext) -> list[Finding]:
    """Under each parent, headings of one level are numbered 1, 2, 3 … with no gap, repeat or
    step back. A short unnumbered line that stands where a missing number belongs (the seed's
    '部门专项组织实施情况' between 二、 and 四、) is named as the heading that lacks it."""
    findings = []
    last: dict[int, int] = {}
    pending: dict[int, tuple] = {}
    last_end: dict[int, int] = {}
    carried: dict[int, int] = {}  # a rank's last number before a higher heading closed its list
    repeats: set[int] = set()  # the ranks whose last heading repeated the number before it
    contents = _table_of_contents(context.report)
    body_again = _listed_again(context.report)
    for heading in context.report.headings:
        rank, number, _, _, start, end, _ = heading  # (one unpacking, not an attribute each)
        if contents and start in contents:
            continue
        if start == body_again:
            last.clear()
            pending.clear()
            carried.clear()
        if last and max(last) > rank:  # (the list of a deeper level closed: most headings close none)
            for deeper in [r for r in last if r > rank]:
                carried[deeper] = last.pop(deeper)
        if (
            number == 1
            and last.get(rank, 0) > 1
            and not any(r < rank for r in last)
            and _new_part_between(
                context.report,
                last_end.get(rank, 0),
                start,
                tuple(context.data.wording.get("part_names") or ()),
            )
        ):
            last.clear()
            pending.clear()  # 摘要 一、二、三, then 正文 一、二、三、四: each part numbers its own
        sibling_end = last_end.get(rank, 0)
        last_end[rank] = end
        if pending and max(pending) > rank:
            for deeper in [r for r in pending if r > rank]:
                del pending[deeper]
        previous = last.get(rank, 0)
        if number is None:
            pending[rank] = (heading, previous)
            continue
        waiting = pending.pop(rank, None) if pending else None
        if number == previous + 1 and (waiting is None or number != waiting[1] + 2):
            last[rank] = number  # the next number (most headings): none of the cases below applies
            if repeats:
                repeats.discard(rank)
            continue
        after_repeat = rank in repeats
        repeats.discard(rank)
        if not previous and number > 1 and number == carried.get(rank, 0) + 1 and waiting is None:
            last[rank] = number  # '(一)…1.…(二)…2.…': the items are numbered on across the subsections
            continue
        marker = _MARKERS[rank]
        if waiting is not None and number == waiting[1] + 2:
            unnumbered = waiting[0]
            expected = marker(waiting[1] + 1)
            findings.append(
                context.finding(
                    "heading.numbering",
                    WARNING,
                    f"标题“{unnumbered.title}”缺少编号：它在“{marker(waiting[1])}”和“{marker(number)}”之间，应为“{expected}”",
                    unnumbered.start,
                    unnumbered.end,
                    expected=f"{expected}{unnumbered.title}",
                    found=unnumbered.title,
                )
            )
        elif number == 1 and rank >= 3 and previous:
            pass  # a new numbered list under the same heading starts again at 1.
        elif number == previous:
            repeats.add(rank)
            findings.append(
                context.finding(
                    "heading.numbering",
                    WARNING,
                    f"标题编号重复：“{marker(number)}”出现了两次",
                    heading.start,
                    heading.end,
                    expected=marker(previous + 1),
                    found=marker(number),
                )
            )
        elif number < previous:
            findings.append(
                context.finding(
                    "heading.numbering",
                    WARNING,
                    f"标题编号顺序颠倒：“{marker(previous)}”之后是“{marker(number)}”",
                    heading.start,
                    heading.end,
                    expected=marker(previous + 1),
                    found=marker(number),
                )
            )
        elif number > previous + 1 and not previous and not any(r < rank for r in last) and _midway(context):
            pass  # the first heading of an untitled text, under no parent: it begins mid-document
        elif number == 2 and not previous and (first := _unnumbered_first(context, last_end, rank, heading)):
            findings.append(
                context.finding(
                    "heading.numbering",
                    WARNING,
                    (
                        f"标题“{first.text}”的编号缺少标点：应为“{marker(1)}{first.text[1:]}”"
                        if _BARE_ONE.match(first.text.rstrip("。:"))
                        else f"标题“{first.text.rstrip('。:')}”缺少编号：它在“{marker(2)}”之前，应为“{marker(1)}”"
                    ),
                    first.start,
                    first.end,
                    expected=marker(1),
                )
            )
        elif number == previous + 2 and _bare_marker_before(context, heading, marker(previous + 1)):
            pass  # '(1)' alone on its line, its title on the next: the number is there
        elif not previous and _opened_inline(context, heading, marker(number - 1)):
            pass  # '注:①参保率…' then '②救助资金…': the list began inside the line before
        elif after_repeat and number == previous + 2:
            pass  # '1. 2. 2. 4.': the second 2. stands for the 3., reported as a repeat already
        elif (
            number == previous + 2
            and sibling_end
            and (lost := _unnumbered_between(context, sibling_end, heading)) is not None
        ):
            title = lost.text.strip().rstrip("。:")
            findings.append(
                context.finding(
                    "heading.numbering",
                    WARNING,
                    f"标题“{title}”缺少编号：它在“{marker(previous)}”和“{marker(number)}”之间，应为“{marker(previous + 1)}”",
                    lost.start,
                    lost.end,
                    expected=f"{marker(previous + 1)}{title}",
                    found=title,
                )
            )
        elif number > previous + 1:
            missing = "、".join(f"“{marker(n)}”" for n in range(previous + 1, number))
            after = f"“{marker(previous)}”之后是" if previous else "第一个编号是"
            findings.append(
                context.finding(
                    "heading.numbering",
                    WARNING,
                    f"标题编号不连续：{after}“{marker(number)}”，缺少{missing}",
                    heading.start,
                    heading.end,
                    expected=marker(previous + 1),
                    found=marker(number),
                )
            )
        last[rank] = 1 if (number == 1 and rank >= 3) else (number if number > previous else previous)
    findings.extend(_mixed_number_marks(context))
    findings.extend(_doubled_markers(context))
    findings.extend(_bare_pause_marks(context))
    findings.extend(_other_heading_numbers(context))
    return findings


# headings numbered in the styles the outline leaves aside (parse reads 第一部分, 一、, (一), 1., (1), ①):
# '1.1 产出分析' / '2.1.3 时效指标' (the number's last part counts under the parts before it),
# 'Ⅰ、基本情况', '第一节 …' (its count starts again under each 第…章)
_DECIMAL_HEADING = re.compile(
    r"(\d{1,2}(?:([.\-])\d{1,2})(?:\2\d{1,2}){0,2})[.、．]?(?:[ \t]+|(?=[\u4e00-\u9fff]{2}))(?![万亿元个倍%‰亩吨米人户天年月日次项分])"
)
# '1 项目概况': a number and a space, a short title with no figure in it
# (the space is dropped in the normalised text: '1项目概况'; a measure word after the number is a count)
_SPACED_HEADING = re.compile(
    r"(\d{1,2})[ \t]*(?![个年月日号项人名家次元万亿倍所座条台套户处间批期支只辆本册场届])[\u4e00-\u9fff]{2,20}$"
)
_SECTION_HEADING = re.compile(r"第([一二三四五六七八九十]{1,3}|\d{1,2})(节|章|部分)")
# 'I.', 'II.', 'IV.': roman numerals of Latin letters (a lone I. in a list of letters is the letter's)
_ASCII_ROMAN = re.compile(r"(?P<n>[IVX]{1,4})(?P<c>[.、．])[ \t]*(?=[\u4e00-\u9fff]{2})")
_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_ROMAN_NUMERALS = {value: numeral for numeral, value in _ROMAN_VALUES.items()}
# a heading numbered by a Chinese numeral, a number in 【】 or one character of a run ('Ⅰ、', '㈠',
# 'A.', '壹、', '甲、', '⑴'), with or without a bracket around it or a mark after it: '一.', '一)',
# '【一】', '(A)', '(Ⅰ)'. The styles the outline parser reads (一、, (一), ①) are left to it.
_HEADING_RUNS = (
    "".join(chr(c) for c in range(0x2160, 0x216C)),  # Ⅰ Ⅱ …
    "".join(chr(c) for c in range(0x2170, 0x217C)),  # ⅰ ⅱ …
    "ABCDEFGHIJ",
    "abcdefghij",
    "壹贰叁肆伍陆柒捌玖拾",
    "甲乙丙丁戊己庚辛壬癸",
    "".join(chr(c) for c in range(0x3220, 0x322A)),  # ㈠ ㈡ …
    "".join(chr(c) for c in range(0x2474, 0x2488)),  # ⑴ ⑵ …
    "".join(chr(c) for c in range(0x2488, 0x249C)),  # ⒈ ⒉ …
    "".join(chr(c) for c in range(0x2776, 0x2780)),  # ❶ ❷ …
    "".join(chr(c) for c in range(0x2780, 0x278A)),  # ➀ ➁ …
    "".join(chr(c) for c in range(0x278A, 0x2794)),  # ➊ ➋ …
    "".join(chr(c) for c in range(0x24F5, 0x24FF)),  # ⓵ ⓶ …
)
# (a number of its own, no mark needed; so is a roman numeral, but not before 类/级/型…: 'Ⅳ类水质')
_SELF_MARKED = frozenset("".join(_HEADING_RUNS[6:]) + _HEADING_RUNS[0] + _HEADING_RUNS[1])
_NOT_AFTER_ROMAN = frozenset("类级型期度号段批档等")
_RUN_OF = {ch: run for run in _HEADING_RUNS for ch in run}
_BRACKETS = {"(": ")", "[": "]", "【": "】", "〔": "〕"}
_RUN_HEADING = re.compile(
    r"(?P<o>[(\[【〔]?)(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2}|["
    + re.escape("".join(_HEADING_RUNS))
    + r"])(?P<c>[)\]】〕、.．·]?)[ \t]*(?=[\u4e00-\u9fff]{2})"
)
_HEADING_LINE_FIRSTS = frozenset("0123456789第一二三四五六七八九十([【〔") | frozenset("".join(_HEADING_RUNS))
# '1)项目概况': the half bracket of a heading's number
_HALF_BRACKET_HEADING = re.compile(r"(\d{1,2})\)(?=[\u4e00-\u9fff]{2})")


def _run_heading(line: str):
    """(key, number, how a number of its style is shown, match) of a heading of _RUN_HEADING's
    styles at the start of ``line``, or None."""
    match = _RUN_HEADING.match(line)
    if match is None:
        return None
    opening, numeral, closing = match.group("o"), match.group("n"), match.group("c")
    if opening and closing != _BRACKETS[opening]:
        return None
    if not opening and not closing and (numeral not in _SELF_MARKED or line[match.end()] in _NOT_AFTER_ROMAN):
        return None  # ('A级', '壹万元', '甲方': no number)
    if numeral[0].isdecimal() and opening in ("", "("):
        return None  # (1. 1、 1) …: read by the digits' own branch; (1): the outline parser's)
    chinese = numeral[0] in "一二三四五六七八九十"
    if chinese and ((not opening and closing == "、") or (opening == "(" and closing == ")")):
        return None  # 一、 and (一): the outline parser's
    if chinese:
        number, run = cn_number(numeral), ""
    elif numeral[0].isdecimal():
        number, run = int(numeral), ""
    else:
        run = _RUN_OF[numeral]
        number = run.index(numeral) + 1
    kind = "cn" if chinese else ("digit" if not run else run[0])
    key = f"{opening}{kind}{closing}"

    def shown(n: int) -> str:
        if chinese:
            written = int_to_cn(n)
        elif not run:
            written = str(n)
        else:
            written = run[n - 1] if 0 < n <= len(run) else str(n)
        return f"{opening}{written}{closing}"

    return key, number, shown, match


def _other_heading_numbers(context: CheckContext) -> list[Finding]:
    """Sibling headings of these styles that repeat a number or skip one or two. A number that
    steps back starts a new list (a table of contents, then the body): left alone."""
    findings = []
    last: dict[str, int] = {}
    paragraphs = context.report.paragraphs
    outline = {h.start for h in context.report.headings if h.rank <= 2}
    for index, paragraph in enumerate(paragraphs):
        line = paragraph.text
        if paragraph.start in outline:
            last.pop(" ", None)  # numbers with no mark count again under each section
        if not line or line[0] not in _HEADING_LINE_FIRSTS or "|" in line:
            continue
        # (a long line is a heading run into its body: its number counts, only a short one is named)
        short = len(line) <= 40
        if line[0] == "第":
            match = _SECTION_HEADING.match(line)
            if match is None:
                continue
            digits = match.group(1).isdecimal()
            if match.group(2) == "部分":
                if not digits:
                    continue  # (第一部分: the outline parser's)
                key, number = "部分", int(match.group(1))
                shown = lambda n: f"第{n}部分"  # noqa: E731
            elif match.group(2) == "章":
                last.pop("节", None)  # each chapter numbers its own sections
                if not digits:
                    continue  # (第一章: the outline parser's)
                key, number = "章", int(match.group(1))
                shown = lambda n: f"第{n}章"  # noqa: E731
            else:
                key, number = "节", cn_number(match.group(1))
                shown = (lambda n: f"第{n}节") if digits else (lambda n: f"第{int_to_cn(n)}节")
        elif line[0].isdecimal():
            match = _DECIMAL_HEADING.match(line)
            half = _HALF_BRACKET_HEADING.match(line) if match is None else None
            if half is not None:
                match, key, number = half, ")", int(half.group(1))
                shown = lambda n: f"{n})"  # noqa: E731
            elif match is None:
                match = _SPACED_HEADING.match(line)
                following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
                if (
                    match is None
                    or not following
                    or _SPACED_HEADING.match(following)
                    or following[0].isdecimal()
                ):
                    continue  # (a heading has its body under it: a column of numbered cells has none)
                key, number = " ", int(match.group(1))
                shown = lambda n: f"{n} "  # noqa: E731
            elif line.rstrip().endswith(("。", ";", "；")):
                continue
            else:
                dot = match.group(2)
                *parent, own = match.group(1).split(dot)
                key, number = dot.join(parent) + dot, int(own)
                shown = lambda n, key=key: f"{key}{n}"  # noqa: E731
        else:
            roman = _ASCII_ROMAN.match(line) if line[0] in "IVX" else None
            numeral = roman.group("n") if roman else ""
            mark = roman.group("c") if roman else ""
            if numeral in _ROMAN_VALUES and (len(numeral) > 1 or f"A{mark}" not in last):
                key, number, match = f"I{mark}", _ROMAN_VALUES[numeral], roman
                shown = lambda n, mark=mark: _ROMAN_NUMERALS.get(n, str(n)) + mark  # noqa: E731
            else:
                found = _run_heading(line)
                if found is None:
                    continue
                key, number, shown, match = found
        previous = last.get(key)
        last[key] = number
        if (
            not short
            or previous is None
            or number is None
            or number not in (previous, previous + 2, previous + 3)
        ):
            continue
        what = (
            f"标题编号重复：“{shown(number)}”出现了两次"
            if number == previous
            else f"标题编号不连续：“{shown(previous)}”之后是“{shown(number)}”，缺少"
            + "、".join(f"“{shown(n)}”" for n in range(previous + 1, number))
        )
        findings.append(
            context.finding(
                "heading.numbering",
                WARNING,
                what,
                paragraph.start,
                paragraph.start + match.end(),
                expected=shown(previous + 1),
                found=shown(number),
            )
        )
    return findings


def _closed(line: str) -> bool:
    """The line ends a sentence or is a heading of its own (short, no comma)."""
    return line.endswith(("。", ";", "；", ":", "：")) or (
        len(line) <= 40 and not any(m in line for m in ",，、")
    )


def _bare_pause_marks(context: CheckContext) -> list[Finding]:
    """A short line that begins with the 、 of a heading number whose numeral was lost
    ('、综合评价情况及评价结论' between '(二)…' and the body)."""
    findings = []
    before = ""  # the paragraph before
    for paragraph in context.report.paragraphs:
        line = paragraph.text
        if (
            line.startswith("、")
            and 3 <= len(line) <= 40
            and "\u4e00" <= line[1] <= "\u9fff"
            # not a list or a sentence broken at its 、 (a PDF's line)
            and not any(mark in line for mark in "。,，;；等")
            and _closed(before)
        ):
            findings.append(
                context.finding(
                    "heading.numbering",
                    WARNING,
                    f"标题“{line[1:]}”前只有“、”，缺少编号",
                    paragraph.start,
                    paragraph.start + 1,
                    found="、",
                )
            )
        before = line
    return findings


def _new_part_between(report: ParsedReport, start: int, end: int, part_names: tuple[str, ...]) -> bool:
    """A short line naming a part of the document (“摘要”, “3 正文6” in a table of contents) stands
    between two top-level headings."""
    for paragraph in report.paragraphs:
        if paragraph.start >= end:
            break
        if (
            paragraph.start >= start
            and len(paragraph.text) <= 20
            and any(n in paragraph.text for n in part_names)
        ):
            return True
    return False


# '(一) (一)项目基本情况': the number of a heading written twice
_DOUBLED_MARKER = re.compile(r"\(([一二三四五六七八九十]{1,2})\)[ \t]*\(\1\)(?=[\u4e00-\u9fff])")


def _doubled_markers(context: CheckContext) -> list[Finding]:
    return [
        context.finding(
            "heading.numbering",
            WARNING,
            f"标题编号写了两次：“{match.group(0)}”",
            match.start(),
            match.end(),
            expected=f"({match.group(1)})",
            found=match.group(0),
        )
        for match in scan.finditer(_DOUBLED_MARKER, context.report.text, context.report.places)
    ]


def _mixed_number_marks(context: CheckContext) -> list[Finding]:
    """Sibling headings numbered 1、 and 2. (one list, two ways of writing its numbers). The one
    whose way is the rarer in the whole text is named (on a tie, the first of the pair)."""
    style = {}
    for rank, number, marker, _, start, _, _ in context.report.headings:
        if rank == 3 and number is not None and marker[-1] in "、.":
            style[start] = marker[-1]
    marks = list(style.values())
    if "、" not in marks or "." not in marks:
        return []  # (one way of writing the numbers: most texts)
    totals = {mark: marks.count(mark) for mark in "、."}
    findings = []
    siblings: list = []
    for heading in context.report.headings:
        if heading.number is None:
            continue
        if heading.rank < 3:
            siblings = []
            continue
        if heading.rank != 3 or heading.start not in style:
            continue
        if siblings and style[siblings[-1].start] != style[heading.start]:
            before, after = siblings[-1], heading
            odd = after if totals[style[after.start]] < totals[style[before.start]] else before
            findings.append(
                context.finding(
                    "heading.numbering",
                    WARNING,
                    f"同一级标题编号写法不一：“{before.marker}{before.title[:8]}”用“{style[before.start]}”，"
                    f"“{after.marker}{after.title[:8]}”用“{style[after.start]}”",
                    odd.start,
                    odd.end,
                    found=odd.marker,
                )
            )
            siblings = []
            continue
        siblings.append(heading)
    return findings


@rule("text.truncated", "文本是否在中途结束（结束则不核对必备章节和关键数字，只说明数据不足）")
def check_truncated(context: CheckContext) -> list[Finding]:
    report = context.report
    if not report.truncated or not report.paragraphs:
        return []
    last = report.paragraphs[-1]
    return [
        context.finding(
            "text.truncated",
            INFO,
            "文本在此中途结束（最后一句不完整）。必备章节和关键数字（决算/执行率、三公经费）因数据不足未核对；已有内容照常核对",
            max(last.start, last.end - 20),
            last.end,
        )
    ]


_TITLE_ENDS = TERMINAL + ",:"


def _heading_titles(report: ParsedReport) -> list[str]:
    """Titles of the sections: numbered headings of rank ≤ 2, and short lines standing on their
    own (no final punctuation, no digits) — a heading is seen even when the text around it is
    dense and it carries no number."""
    titles = [h.title for h in report.headings if h.rank <= 2]
    titles += [
        p.text
        for p in report.paragraphs
        if 2 <= len(p.text) <= 20 and p.text[-1] not in _TITLE_ENDS and ASCII_DIGITS.isdisjoint(p.text)
    ]
    return titles


def _is_form(report: ParsedReport) -> bool:
    """A self-evaluation form (“就业补助资金绩效自评表”), not a report: it has rows, not sections."""
    return any(
        p.text.rstrip(" |").endswith(("自评表", "评价表", "评分表"))
        or p.text.startswith(("项目支出绩效自评表",))
        for p in report.paragraphs[:4]
    )


def _top_count(report: ParsedReport) -> int:
    """How many sections of the top numbered rank (一、 or 第一部分) the text has."""
    numbered = [h for h in report.headings if h.number is not None and h.rank <= 1]
    if not numbered:
        return 0
    top = min(h.rank for h in numbered)
    return sum(1 for h in numbered if h.rank == top)


def _only_opening_sections(report: ParsedReport) -> bool:
    """The text has only its first one or two top sections (一、…二、…) and nothing that closes a
    report (a date, a signature): an opening excerpt, not a report that left sections out."""
    numbered = [h for h in report.headings if h.number is not None and h.rank <= 1]
    if not numbered or any(_DATE_LINE.match(p.text) for p in report.paragraphs[-2:]):
        return False
    top = min(h.rank for h in numbered)
    if max(h.number for h in numbered if h.rank == top) <= 2:
        return True
    # the last top section opens its first subsection (“(一)资金投入情况分析”) and the text ends
    # there, with no “(二)”: the copy stopped inside the report
    last = max((h for h in numbered if h.rank == top), key=lambda h: h.start)
    below = [h for h in report.headings if h.start > last.start and h.number is not None]
    sub_rank = min((h.rank for h in below), default=None)
    return sub_rank is not None and [h.number for h in below if h.rank == sub_rank] == [1]


_NOT_EVALUATION_REPORTS = words("rules.not_evaluation_reports")


def _not_an_evaluation_report(report: ParsedReport) -> bool:
    """A finance bureau's notice of results, a rectification or a monitoring report (its title
    says so): not held to an evaluation report's sections, and written within the year."""
    # (each word looked for once in the three lines joined: no word holds a line break)
    opening = "\n".join([p.text for p in report.paragraphs[:3]])
    return any(word in opening for word in _NOT_EVALUATION_REPORTS)


def _not_an_evaluation(context: CheckContext) -> bool:
    """:func:`_not_an_evaluation_report` of the context's report, found once (outline.required
    and date.format both ask)."""
    known = context.memo.get("rules.not_an_evaluation_report")
    if known is None:
        known = context.memo["rules.not_an_evaluation_report"] = _not_an_evaluation_report(context.report)
    return known


@rule("outline.required", "报告类型要求的必备章节是否都有（接受同义说法；只在全文完整时核对）")
def check_required_sections(context: CheckContext) -> list[Finding]:
    report = context.report
    if report.truncated or not context.report_type.required or _is_form(report) or context.traditional:
        return []
    if _not_an_evaluation(context):
        return []
    # the numbered headings' titles first (they begin :func:`_heading_titles`): a section named
    # there is named among all the titles; the lines standing alone are read only when one is not
    titles = [h.title for h in report.headings if h.rank <= 2]
    joined = "\n".join(titles)  # a synonym is in one of the titles: no title holds a line break
    missing = [s for s in context.report_type.required if not any(w in joined for w in s.synonyms)]
    if missing or not titles:
        titles = _heading_titles(report)
        if not titles:
            return [
                context.finding(
                    "outline.required",
                    INFO,
                    "数据不足：全文没有可识别的章节标题（一、（一）等），未核对必备章节",
                    0,
                    min(len(report.text), 20),
                )
            ]
        joined = "\n".join(titles)
        missing = [s for s in missing if not any(w in joined for w in s.synonyms)]
    findings = []
    end = report.paragraphs[-1].end
    if len(missing) >= 2 and _only_opening_sections(report):
        names = "、".join(f"“{s.name}”" for s in missing)
        return [
            context.finding(
                "outline.required",
                INFO,
                f"数据不足：文本只有前{_top_count(report)}个一级章节就结束了，像是报告开头的节选，"
                f"未核对必备章节（没有看到{names}）",
                max(0, end - 1),
                end,
            )
        ]
    for section in missing:
        findings.append(
            context.finding(
                "outline.required",
                WARNING,
                f"{context.report_type.name}缺少必备章节“{section.name}”（也可写作：{'、'.join(section.synonyms[:4])}）",
                max(0, end - 1),
                end,
                expected=section.name,
                found=None,
            )
        )
    return findings


@rule("key_figures.missing", "整体支出报告是否给出决算数/预算执行率和三公经费的三项构成")
def check_key_figures(context: CheckContext) -> list[Finding]:
    report = context.report
    figures = context.report_type.key_figures
    if report.truncated or not figures or context.traditional:
        return []  # a text shown in traditional characters is not searched with simplified words
    text = report.text
    findings = []
    anchor = report.headings[0] if report.headings else None
    start, end = (anchor.start, anchor.end) if anchor else (0, min(len(text), 20))
    execution = figures.get("execution")
    if execution and not has_any(text, execution["any_of"], report.places):
        findings.append(
            context.finding(
                "key_figures.missing",
                WARNING,
                f"没有{execution['name']}：整体支出报告应写明决算支出和预算执行率，否则无法评价预算执行",
                start,
                end,
                expected=execution["name"],
            )
        )
    sangong = figures.get("sangong")
    if sangong:
        mention = next((m for m in sangong["mention"] if m in text), None)
        if mention is None:
            findings.append(
                context.finding(
                    "key_figures.missing",
                    WARNING,
                    "没有“三公”经费情况（因公出国（境）费、公务接待费、公务用车购置及运行维护费）",
                    start,
                    end,
                    expected=sangong["name"],
                )
            )
        else:
            missing = [
                item["name"] for item in sangong["items"] if not any(t in text for t in item["any_of"])
            ]
            if missing and not _one_item_is_the_whole(text, sangong):
                at = text.find(mention)
                findings.append(
                    context.finding(
                        "key_figures.missing",
                        WARNING,
                        f"“三公”经费缺少分项：{'、'.join(missing)}",
                        at,
                        at + len(mention),
                        expected="、".join(missing),
                    )
                )
    return findings


def _one_item_is_the_whole(text: str, sangong: dict) -> bool:
    """'“三公”经费支出3,240.00元，全部为公务接待费': one item is all of it, the others are none."""
    return any(
        f"{whole}{word}" in text
        for whole in sangong.get("whole_of") or ()
        for item in sangong["items"]
        for word in item["any_of"]
    )


# ---------------------------------------------------------------------------------------------
# Wording and punctuation

_SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")


FORECAST_WORDS = words("rules_compare.forecast")  # '预计…': a forecast, no result
_CHINESE_COUNT = re.compile(r"[一二两三四五六七八九十百千万]+(?:个|家|所|名|人|次|项)")


@rule("claim.no_number", "绩效表述（“明显提高”“成效显著”等）所在的句子没有任何数字")
def check_claims_without_numbers(context: CheckContext) -> list[Finding]:
    findings = []
    text = context.report.text
    totality = context.data.wording.get("totality_claims") or {}
    completion = tuple(totality.get("words") or ())
    everything = tuple(totality.get("objects") or ())
    _, _, vague_pairs, vague_words, _, _ = _typo_plan(context.data)
    for match in _pair_matches(context.data.vague_regex, vague_pairs, text, context.data_pairs, vague_words):
        after = match.end() + (1 if text.startswith("了", match.end()) else 0)
        if match.group(0) in completion and text.startswith(everything, after):
            continue  # “圆满完成了各项工作任务”: the year's work as a whole, not an effect to measure
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = first_mark(text, "\n", match.end(), len(text))
        if line_end - line_start <= len(match.group(0)) + 4 or "|" in text[line_start:line_end]:
            continue  # a form's cell ('明显改善' as a target or a result): a value, not a claim
        sentence_start = last_mark(text, "。!?;\n", 0, match.start()) + 1
        sentence_end = first_mark(text, "。!?;\n", match.end(), len(text))
        sentence = text[sentence_start:sentence_end]
        if not ASCII_DIGITS.isdisjoint(sentence) or _CHINESE_COUNT.search(sentence):
            continue
        if any(word in sentence for word in FORECAST_WORDS):
            continue  # '各项绩效指标预计能够全面完成': a forecast of a monitoring report, no claim of a result
        if text[sentence_end : sentence_end + 1] != "\n":
            # '“五老”宣讲成效明显。全年组织宣讲218场，比上年186场增加32场': the next sentence of the
            # paragraph gives the figures
            following = text[sentence_end + 1 : first_mark(text, "。!?;\n", sentence_end + 1, len(text))]
            if not ASCII_DIGITS.isdisjoint(following):
                continue
        findings.append(
            context.finding(
                "claim.no_number",
                WARNING,
                f"“{match.group(0)}”没有数字支撑：请写明提高/完成了多少（指标值、完成值或比率）",
                match.start(),
                match.end(),
            )
        )
    return findings


_PAIRS = {
    ")": "(",
    "】": "【",
    "》": "《",
    ">": "<",
    "〉": "〈",
    "〕": "〔",
    "﹞": "﹝",
    "]": "[",
    "”": "“",
    "’": "‘",
    "」": "「",
    "』": "『",
}
_OPEN_SET = set(_PAIRS.values())
_BRACKET = re.compile(r"[()【】《》<>〈〉〔〕﹝﹞\[\]“”‘’「」『』]")
_BRACKET_CHARS = "()【】《》<>〈〉〔〕﹝﹞[]“”‘’「」『』"  # the class of _BRACKET
_DOC_NUMBER_AFTER = re.compile(r"(?:19|20)\d{3,6}号")  # 〔201834号: reported by punct.marks
_DOC_SERIAL_AFTER = re.compile(r"\d{1,4}号")  # 湘财预2023〕15号: reported by punct.marks too


def _doc_number_bracket(text: str, at: int) -> bool:
    """The bracket at ``at`` is the one left of a document number's pair (湘财绩〔202315号,
    湘财预2023〕15号, 国发(202214号): punct.marks reports the number, once."""
    if text[at] in "〔﹝[【(":
        return (
            at >= 1
            and "\u4e00" <= text[at - 1] <= "\u9fff"
            and _DOC_NUMBER_AFTER.match(text, at + 1) is not None
        )
    return (
        at >= 5
        and text[at - 4 : at].isdigit()
        and text.startswith(("19", "20"), at - 4)
        and "\u4e00" <= text[at - 5] <= "\u9fff"
        and _DOC_SERIAL_AFTER.match(text, at + 1) is not None
    )


def _balanced(marks: str) -> bool:
    """Quick test: every mark closes in order (ASCII angle brackets only when both appear)."""
    if "<" not in marks and ">" not in marks:  # the usual case, in fewer steps
        stack: list[str] = []
        for ch in marks:
            opener = _PAIRS.get(ch)
            if opener is None:
                stack.append(ch)
            elif not stack or stack.pop() != opener:
                return False
        return not stack
    angle = "<" in marks and ">" in marks
    stack: list[str] = []
    for ch in marks:
        if ch in "<>" and not angle:
            continue
        if ch in _OPEN_SET:
            stack.append(ch)
        elif not stack or stack.pop() != _PAIRS[ch]:
            return False
    return not stack


def _page_metadata(text: str, words: tuple[str, ...]) -> bool:
    """The web page's info bar (来源、发布时间、【字体 大 中 小】【打印】), not report text: two of its
    words, or one of its buttons (“【字体”, “【打印”) cut off by the copy."""
    if len(text) > 120:
        return False
    return sum(1 for word in words if word in text) >= 2 or (
        "【" in text and any("【" + word in text for word in words)
    )


# “1)负责…”, “a)…”: a list marker at the start of a paragraph or after a sentence end has no opener
_LIST_MARKER_BEFORE = re.compile(r"(?:^|[\s。；;：:，,])(?:\d{1,2}|[a-zA-Z])$")


def _list_marker(text: str, at: int) -> bool:
    """“1)负责…” at a paragraph's or a sentence's start, in a list whose other numbers are written
    the same way; “1)借助…;(2)组织…” lost the opener of its first number (a real slip)."""
    marker = _LIST_MARKER_BEFORE.search(text, 0, at)
    if marker is None:
        return False
    number = text[marker.start() : at].lstrip(" \t\n。；;：:，,")
    if number.isdigit():
        following = str(int(number) + 1)
        return f"({following})" not in text and f"（{following}）" not in text
    return True


_PINYIN_BEFORE = re.compile(r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*$")


def _wraps_to(report, index: int, at: int) -> bool:
    """The paragraph at ``index`` goes on in the next line, where ``at`` stands: that line follows at
    once, and the first is a table's cell or row (short, or with '|') or a line a PDF broke."""
    paragraph = report.paragraphs[index]
    if index + 1 >= len(report.paragraphs) or report.text[paragraph.end : paragraph.end + 1] != "\n":
        return False
    following = report.paragraphs[index + 1]
    if following.start != paragraph.end + 1 or not following.start <= at < following.end:
        return False
    return len(paragraph.text) <= 16 or "|" in paragraph.text or _wrapped(report, paragraph)


@rule("punct.brackets", "括号、书名号、引号是否成对（多出的或没有闭合的）")
def check_brackets(context: CheckContext) -> list[Finding]:
    """Within each paragraph every opening bracket or quote is closed by its own closer, in
    order. A stray closer, an unclosed opener, and reversed quotes (”…“) are reported; an opener
    left open by a text that stops early is not."""
    report = context.report
    findings = []
    last_index = len(report.paragraphs) - 1
    page_words = tuple(context.data.wording.get("page_metadata") or ())
    whole = report.text
    positions = scan.places_of(whole, _BRACKET_CHARS, report.places)  # every bracket, at once
    every_mark = "".join([whole[at] for at in positions])  # _BRACKET.findall(whole), as one string
    count = len(positions)
    paragraphs = report.paragraphs
    paragraph_index = report.paragraph_index
    continued: set[int] = set()  # closers of a bracket opened on the line before (a wrapped cell)
    low = 0
    while low < count:  # from bracket to bracket, one paragraph (that holds some) at a time
        index = paragraph_index(positions[low])
        paragraph = paragraphs[index]
        high = bisect_left(positions, paragraph.end, low + 1)
        marks = every_mark[low:high]  # _BRACKET.findall(text)
        low = high
        # a pair that closes at once ('“”', '()', '《》') dropped: what is left nests exactly when
        # the marks did (nothing left: they did; else the full test)
        if not marks.replace("“”", "").replace("()", "").replace("《》", ""):
            continue
        text = paragraph.text
        if (len(marks) == 2 and _PAIRS.get(marks[1]) == marks[0]) or _balanced(marks):
            continue  # one pair (the usual case) is balanced whatever it is; else the full test
        if _page_metadata(text, page_words):
            continue
        if _run_together_table(text, context.data):
            continue
        angle = "<" in text and ">" in text
        stack: list[tuple[str, int]] = []
        stray: list[tuple[str, int]] = []
        for match in _BRACKET.finditer(text):
            ch = match.group(0)
            if ch in "<>" and not angle:
                continue  # '首页 > 通知公告' breadcrumbs, not brackets
            position = paragraph.start + match.start()
            if position in continued:
                continue
            if ch in _OPEN_SET:
                if ch in "〔﹝[【(" and _doc_number_bracket(text, match.start()):
                    continue  # a document number whose closer was lost: one finding, from punct.marks
                stack.append((ch, position))
                continue
            opener = _PAIRS[ch]
            if (
                ch in "〕﹞]】)"
                and not any(o == opener for o, _ in stack)
                and _doc_number_bracket(text, match.start())
            ):
                continue  # its opener lost: the same
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                while stack and stack[-1][0] != opener:
                    stray.append(stack.pop())
                stack.pop()
            elif ch in ")）" and _list_marker(text, match.start()):
                continue
            elif ch == ")" and _PINYIN_BEFORE.search(text, max(0, match.start() - 8), match.start()):
                continue  # '?shù)': a web page's pinyin gloss (動當(dāng)), its opener garbled by the copy
            else:
                stray.append((ch, position))
        if stack and low < count and _wraps_to(report, index, positions[low]):
            # '预算数(万' over '元)': a cell (or a line) wrapped, its bracket closes on the next line
            closing = positions[low]
            if whole[closing] in _PAIRS and _PAIRS[whole[closing]] == stack[-1][0]:
                stack.pop()
                continued.add(closing)
        if index == last_index and report.truncated:
            stack = []
        leftovers = sorted(stray + stack, key=lambda item: item[1])
        reversed_quotes = [(a, b) for a, b in itertools.pairwise(leftovers) if a[0] == "”" and b[0] == "“"]
        reported = set()
        for closing, opening in reversed_quotes:
            reported.update({closing[1], opening[1]})
            findings.append(
                context.finding(
                    "punct.brackets",
                    WARNING,
                    "引号方向颠倒：应为“…”，这里写成了”…“",
                    closing[1],
                    opening[1] + 1,
                    expected="“…”",
                    found=report.text[closing[1] : opening[1] + 1],
                )
            )
        for ch, position in leftovers:
            if position in reported:
                continue
            if ch not in _OPEN_SET and "***" in report.text[paragraph.start : position]:
                continue  # a reposting site masked part of the line ('******街道…批复》'): its opener too
            if ch in "()" and score_row(report, paragraph):
                continue  # '5 5 (' / '10 ) 绩效目标明确性': a score table's cells broken over lines
            if ch in _OPEN_SET:
                message = f"“{ch}”没有对应的闭合符号"
            else:
                message = f"多出一个“{ch}”（前面没有对应的“{_PAIRS[ch]}”）"
            findings.append(
                context.finding(
                    "punct.brackets",
                    WARNING,
                    message,
                    max(paragraph.start, position - 12),
                    position + 1,
                    found=ch,
                )
            )
    return findings


_LAST_SENTENCE = re.compile(r"[^。!?;]*$")
_INTRODUCES_A_TABLE = re.compile(r"(?:见|如)(?:下)?(?:表|附表|图)\s*[\d\-—.]*$|如下$")


def _prose_sentence_at_end(report, paragraph) -> bool:
    """The paragraph ends in a sentence of prose (clauses joined by commas, few figures, no cells
    set apart by runs of spaces): its missing full stop is a slip, not the end of a table row, a
    caption or page metadata."""
    last = _LAST_SENTENCE.search(paragraph.text).group(0)
    if not 15 <= len(last) <= 200 or "," not in last or last.count(":") > 1:
        return False
    if _INTRODUCES_A_TABLE.search(last):
        return False  # '…主要职能职责见表1-1' stands over the table it names
    if "  " in report.source.original_text(paragraph.start, paragraph.end) or _wrapped(report, paragraph):
        return False
    return sum(ch in ASCII_DIGITS for ch in last) * 2 < len(last)


_ITEM_OPENING = re.compile(r"[一二三四五六七八九十]+、|[(（]|\d{1,2}[、.．)]|[-•·①-⑳第]")


def _wrapped(report, paragraph) -> bool:
    """The line goes on in the next one (a PDF's line break: “…部分预留总预\n算资金346.87万元”):
    the next line follows at once and opens no heading or list item."""
    text = report.text
    if not text.startswith("\n", paragraph.end) or text.startswith("\n\n", paragraph.end):
        return False
    following = paragraph.end + 1
    return following not in report._heading_starts and not _ITEM_OPENING.match(text, following)


_PARAGRAPH_ENDS = TERMINAL + ":,"
_SENTENCE_INSIDE = re.compile(r"[,。;][^,。;]*$")  # a clause ends inside the paragraph
_CAPTION = re.compile(r"(?:附?表|图)\s*[\d一二三四五六七八九十]|单位[:：]")
_REFERENCE_ASIDES = words("rules.reference_asides")
_SENTENCE_PREDICATES = words("rules.sentence_predicates")
_FIGURE_AT_END = re.compile(r"[\u4e00-\u9fff]{6,}[\d,.]+(?:%|[\u4e00-\u9fff]{1,2})$")  # …支出812.40万元


def _open_before_heading(report, index: int, heading_starts: set[int]) -> bool:
    """The paragraph at ``index`` is prose that stops short of its full stop right before a heading:
    a clause of it ends inside (a comma, a full stop) or, short, under a heading or after a full
    stop, it states a figure (…全年实际支出812.40万元), a list ending in 等, a result (明显提升, 均已)
    or points to a table in its aside ((详见附表1)); it ends on a word, a percentage or the closing
    bracket of an aside. Not so: a heading, a caption, a form's row, a line of cells set apart by
    spaces, a short line that names a topic (an unnumbered heading, a list member)."""
    paragraphs = report.paragraphs
    paragraph = paragraphs[index]
    text = paragraph.text
    if (
        len(text) < 10
        or paragraph.start in heading_starts
        or paragraphs[index + 1].start not in heading_starts
    ):
        return False
    last = text[-1]
    if not ("\u4e00" <= last <= "\u9fff" or last in "%)"):
        return False
    if last == ")":
        # '(单位:万元)', a line in brackets, or brackets nested: no aside at a sentence's end
        opener = text.rfind("(")
        if opener <= 0 or ")" in text[opener:-1]:
            return False
        text = text[:opener]
    if "|" in text or "://" in text or _CAPTION.match(text) or _INTRODUCES_A_TABLE.search(text):
        return False
    if "  " in report.source.original_text(paragraph.start, paragraph.end):
        return False  # cells set apart by spaces
    if sum(ch in ASCII_DIGITS for ch in text) * 2 >= len(text):
        return False
    inside = _SENTENCE_INSIDE.search(text)
    if inside is not None:
        # '…。2.效益指标完成情况分析': the last clause is a heading run into the paragraph, its
        # sentences end with their stops
        return _ITEM_OPENING.match(text[inside.start() + 1 :].lstrip()) is None
    previous = paragraphs[index - 1] if index else None
    after_prose = previous is not None and (previous.text.endswith("。") or previous.start in heading_starts)
    return (
        after_prose
        and (
            _FIGURE_AT_END.search(text) is not None
            or (
                text.endswith("等") and "、" in text
            )  # '资金用于路面修补、边沟清理等': a list that ends a sentence
            or paragraph.text[len(text) + 1 :].startswith(_REFERENCE_ASIDES)  # '…通过验收(详见附表1)'
            or any(word in text for word in _SENTENCE_PREDICATES)  # '养护质量明显提升': it states a result
        )
    )


@rule("punct.paragraph_end", "正文段落末尾缺少句号等结束标点")
def check_paragraph_end(context: CheckContext) -> list[Finding]:
    report = context.report
    heading_starts = set(report._heading_starts)
    findings = []
    body_start = report._heading_starts[0] if report._heading_starts else 0
    page_words = tuple(context.data.wording.get("page_metadata") or ())
    for index, paragraph in enumerate(report.paragraphs[:-1]):
        text = paragraph.text
        if len(text) < 40 or text[-1] in _PARAGRAPH_ENDS:
            # (the usual case, tested first) a short one, or one that ends on an aside's bracket,
            # only when it stops short right before a heading
            if text[-1:] in ":," or not _open_before_heading(report, index, heading_starts):
                continue
            if paragraph.start < body_start or _page_metadata(text, page_words):
                continue
            findings.append(_no_full_stop(context, paragraph, WARNING))
            continue
        if text[-1] == "." and not text[-2].isdigit():
            continue  # '…的95.10%.': a full stop, written half-width (punct.marks tells of that)
        if (
            paragraph.start < body_start
            or "://" in text
            or (paragraph.start in heading_starts and "。" not in text)  # 一 heading, no body
            or "|" in text
        ):
            continue
        prose = (
            _prose_sentence_at_end(report, paragraph) or _open_before_heading(report, index, heading_starts)
        ) and not _page_metadata(paragraph.text, page_words)
        findings.append(_no_full_stop(context, paragraph, WARNING if prose else INFO))
    apart = _items_ended_apart(context, heading_starts)
    if apart:  # (the reason they give replaces the plain finding of the same paragraph)
        ends = {finding.location.end for finding in apart}
        findings = [finding for finding in findings if finding.location.end not in ends] + apart
    return findings


def _items_ended_apart(context: CheckContext, heading_starts: set[int]) -> list[Finding]:
    """A paragraph of prose that ends unlike the paragraphs around it: with ';' right before a
    heading of 一、 or (一) ('…其中:财政全供养1人;' then '(二)部门职能'), or with no stop where its
    numbered siblings ('1.产出指标完成情况:…', '2.效益指标…', '3.满意度…') each end with '。'."""
    report = context.report
    paragraphs = report.paragraphs
    headings = {h.start: h for h in report.headings}
    body_start = report._heading_starts[0] if report._heading_starts else 0
    findings = []
    for index, paragraph in enumerate(paragraphs[:-1]):
        text = paragraph.text
        if text.endswith("如下") and len(text) >= 8 and "|" not in text:
            # '现将自评情况报告如下' with the report's first heading on the next line
            findings.append(_no_full_stop(context, paragraph, WARNING, "“如下”引出下文，后面缺冒号", "："))
            continue
        if paragraph.start < body_start or len(text) < 15 or "|" in text or "," not in text + "，":
            continue
        following = headings.get(paragraphs[index + 1].start)
        if text[-1] == ";":
            if following is not None and following.rank <= 2 and paragraph.start not in heading_starts:
                findings.append(
                    _no_full_stop(context, paragraph, WARNING, "段落以分号结束，紧接下一个标题，段末应为句号")
                )
            continue
        own = headings.get(paragraph.start)
        if (
            own is None
            or own.number is None
            or not ("\u4e00" <= text[-1] <= "\u9fff" or text[-1] in "%0123456789")
        ):
            continue
        if ":" not in text[:40] or "。" not in text:
            continue  # a heading of its own, not an item whose prose runs on after its colon
        siblings = [
            paragraphs[report.paragraph_index(h.start)].text
            for h in _siblings(report.headings, own)
            if h.number is not None and abs(h.number - own.number) <= 2
        ]
        if len(siblings) >= 2 and all(sibling.endswith("。") and ":" in sibling[:40] for sibling in siblings):
            findings.append(
                _no_full_stop(context, paragraph, WARNING, "段落末尾缺少句号（同一组其他各条都以句号结束）")
            )
    return findings


def _siblings(headings, own) -> list:
    """The other headings of ``own``'s rank under the same parent (no heading of a higher rank
    between them)."""
    at = headings.index(own)
    found = []
    for step in (-1, 1):
        index = at + step
        while 0 <= index < len(headings) and headings[index].rank >= own.rank:
            if headings[index].rank == own.rank:
                found.append(headings[index])
            index += step
    return found


def _no_full_stop(
    context: CheckContext, paragraph, severity: str, message: str = "段落末尾缺少句号", ending: str = "。"
) -> Finding:
    return context.finding(
        "punct.paragraph_end",
        severity,
        message,
        max(paragraph.start, paragraph.end - 12),
        paragraph.end,
        expected=f"{paragraph.text[-6:]}{ending}",
        found=paragraph.text[-6:],
    )


class _TypoScan(NamedTuple):
    """How a typo pattern that the pair index does not hold is looked for."""

    chars: str  # the characters its matches start with
    firsts: frozenset[str]  # the same, as a set
    anchor: tuple[str, tuple[int, ...]] | None  # :func:`scan.char_after_words`: the character, where
    before: frozenset[str] | None  # :func:`scan.neighbours`
    after: frozenset[str] | None
    follow: frozenset[str] | str | None = None  # :func:`scan.char_after_words`: what follows it


def _typo_scan(pattern: re.Pattern) -> _TypoScan | None:
    chars = scan.first_chars(pattern)
    if chars is None:  # (also for the patterns the analysis does not read: bytes, ignoring case)
        return None
    before, after = scan.neighbours(pattern)
    found = scan.char_after_words(pattern)
    anchor, follow = (found[:2], found[2]) if found is not None else (None, None)
    return _TypoScan(chars, frozenset(chars), anchor, before, after, follow)


def _typo_matches(
    pattern: re.Pattern, text: str, places: scan.CharIndex | None, how: _TypoScan | None = None
) -> Iterable[re.Match]:
    """``pattern.finditer(text)`` for a typo pattern that the pair index does not hold: tried only
    where one of its first characters stands and, for a choice of words followed by a literal, where
    that literal follows at one of the words' lengths (far fewer places than either alone); else
    only where the characters its lookbehind and its second element require stand around the first
    (``how``: :func:`_typo_scan` of the pattern, when the caller has it)."""
    if how is None:
        how = _typo_scan(pattern)
    if how is None or places is None:
        return scan.finditer(pattern, text, places)
    if how.anchor is not None:
        # the places at each word's length before the literal where a first character stands
        # (the places of the first characters themselves are many: 项, 人 …)
        char, offsets = how.anchor
        firsts = how.firsts
        anchors = places.occurrences(char)
        # the literal where what the pattern needs after it follows (exact: a match has it there)
        if how.follow == "digit":
            anchors = [at for at in anchors if text[at + 1 : at + 2].isdecimal()]
        elif how.follow is not None:
            anchors = [at for at in anchors if text[at + 1 : at + 2] in how.follow]
        starts = sorted(
            {
                start
                for at in anchors
                for offset in offsets
                if (start := at - offset) >= 0 and text[start] in firsts
            }
        )
        return scan.matches_at(pattern, text, starts)
    starts = places.occurrences(how.chars)
    before, after = how.before, how.after
    # (exact: a match starts only where both hold; a lookbehind sees no character before 0)
    if before is not None and after is not None:  # (one pass: the test before is the rarer)
        starts = [at for at in starts if at and text[at - 1] in before and text[at + 1 : at + 2] in after]
    elif before is not None:
        starts = [at for at in starts if at and text[at - 1] in before]
    elif after is not None:
        starts = [at for at in starts if text[at + 1 : at + 2] in after]
    return scan.matches_at(pattern, text, starts)


def _by_pair(words) -> dict[str, tuple[str, ...]]:
    """Words by their first two characters."""
    grouped: dict[str, list[str]] = {}
    for word in words:
        grouped.setdefault(word[:2], []).append(word)
    return {pair: tuple(group) for pair, group in grouped.items()}


def _typo_plan(data: CheckerData) -> tuple:
    return data.once(_made_typo_plan)


def _made_typo_plan(data: CheckerData) -> tuple:
    """(the pairs of the typo list, its words by their first two characters, the pairs of the
    vague phrases, the phrases by their first two characters, for each typo pattern (the
    pattern, its pairs, its :class:`_TypoScan`), and the patterns each pair begins), made once
    per data: a compiled pattern is hashed anew on every dict look-up (some 1.5 µs for the typo
    list's). The words are kept only when the regex is the one made of them (a trie, an
    alternation): a match is one of them."""
    pairs = _pair_index(data).pairs
    typo_words = vague_words = None
    if data.typo_regex.pattern == literal_trie(data.typo_words):
        typo_words = _by_pair(data.typo_words)
    if data.vague_regex.pattern == "|".join(re.escape(phrase) for phrase in data.vague_phrases):
        vague_words = _by_pair(data.vague_phrases)
    patterns = tuple(
        (pattern, found, None if found is not None else _typo_scan(pattern.regex))
        for pattern in data.typo_patterns
        for found in (pairs.get(pattern.regex),)
    )
    patterns_of: dict[str, list[int]] = {}  # pair → the patterns that it begins
    for index, (_, found, _) in enumerate(patterns):
        for pair in found or ():
            patterns_of.setdefault(pair, []).append(index)
    return (
        pairs.get(data.typo_regex),
        typo_words,
        pairs.get(data.vague_regex),
        vague_words,
        patterns,
        patterns_of,
    )


def _pair_matches(
    pattern: re.Pattern,
    pairs: frozenset[str] | None,
    text: str,
    starts: dict[str, list[int]],
    words: dict[str, tuple[str, ...]] | None = None,
) -> Iterable[re.Match]:
    """``context.data_finditer(pattern)`` with the pattern's pairs already looked up (``starts``:
    ``context.data_pairs``); ``words``: when the pattern matches only a list of words, those
    words by their first two characters (tried only where one of them stands: a pair such as 财政
    or 有效 begins many words of a report, and a typo or a vague phrase at few of them)."""
    if pairs is None:
        return scan.finditer(pattern, text)
    found = pairs.intersection(starts)
    if not found:
        return ()
    if words is None:
        places = [at for pair in found for at in starts[pair]]
    else:
        startswith = text.startswith
        places = [at for pair in found for at in starts[pair] if startswith(words.get(pair, pair), at)]
    places.sort()
    return scan.matches_at(pattern, text, places)


@rule("typo.curated", "常见错别字和笔误（人工整理的清单，如 派遗→派遣、支出就5967100.39元）")
def check_typos(context: CheckContext) -> list[Finding]:
    findings = []
    text = context.report.text
    data = context.data
    typo_pairs, typo_words, _, _, patterns, patterns_of = _typo_plan(data)
    starts = context.data_pairs
    for match in _pair_matches(data.typo_regex, typo_pairs, text, starts, typo_words):
        wrong = match.group(0)
        right = data.typo_words[wrong]
        findings.append(
            context.finding(
                "typo.curated",
                WARNING,
                f"疑似错别字：“{wrong}”应为“{right}”",
                match.start(),
                match.end(),
                expected=right,
                found=wrong,
            )
        )
    places = context.report.places
    # the patterns with a pair in the text (looked up once, not a pattern at a time)
    active = {index for pair in starts if pair in patterns_of for index in patterns_of[pair]}
    for index, (pattern, pairs, how) in enumerate(patterns):
        if pairs is None:
            # no pairs to look them up by: scanned from their first characters, which the
            # report's CharIndex holds (data_finditer would look for them with str.find)
            matches = _typo_matches(pattern.regex, text, places, how)
        elif index in active:
            matches = _pair_matches(pattern.regex, pairs, text, starts)
        else:
            continue
        for match in matches:
            start = match.start()
            if pattern.preceded_by:
                word = next((w for w in pattern.preceded_by if text.endswith(w, 0, start)), None)
                if word is None:
                    continue
                start -= len(word)
            if pattern.after_digits:
                if pattern.skip_before and text[start - 1 : start] == pattern.skip_before:
                    start -= 1  # '3万亩元': the 万 between the digits and the match
                anchor = start
                while start > 0 and text[start - 1] in ASCII_DIGITS:
                    start -= 1
                if start == anchor or (start > 0 and text[start - 1] in ".,"):
                    continue
                if pattern.insert_after_digits and anchor - start >= 5:
                    continue  # '2101102 事业单位医疗': a classification code and its name
            wrong = text[start : match.end()]
            if pattern.suggest_drop:
                right = wrong.replace(pattern.suggest_drop, "", 1)
            elif pattern.replace:
                right = wrong.replace(*pattern.replace, 1)
            elif pattern.insert_after_digits:
                digits = match.start() - start
                right = wrong[:digits] + pattern.insert_after_digits + wrong[digits:]
            else:
                right = None
            findings.append(
                context.finding(
                    "typo.curated",
                    WARNING,
                    f"{pattern.message}：“{wrong}”",
                    start,
                    match.end(),
                    right,
                    wrong,
                )
            )
    return findings


_DATE_MISSING_YEAR = re.compile(r"((?:19|20)\d{2})(1[0-2]|0?[1-9])(?:([-—~至])(1[0-2]|0?[1-9]))?月")
_DATE_FULL = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_DIGITS = frozenset("0123456789")  # what ends a match of _DATE_MISSING_YEAR before its 月
_MONTH_DASHES = frozenset("-—~至")  # its dash between two months
_CENTURIES = ("19", "20")


def _month_starts(text: str, places: scan.CharIndex | None = None) -> tuple[list[int], list[int]]:
    """(where :func:`_dates_missing_year` tries _DATE_MISSING_YEAR, :func:`_year_month_starts`),
    both from one pass over the places of 月."""
    missing = set()
    year_months = []
    startswith = text.startswith
    for at in scan.places_of(text, "月", places):
        digit = text[at - 1 : at]
        if not digit.isdecimal():
            # a match of either ends in a digit (\d) and its 月; the other 月 (个月, 月份, 四月)
            # start none, and a start that matches nothing changes no scan of them
            continue
        for start in (at - 7, at - 6):  # a year-month: '2023年5月', '2023年12月'
            if start >= 0 and startswith("年", start + 4) and startswith(_CENTURIES, start):
                year_months.append(start)
        if digit not in _MONTH_DIGITS:
            continue  # a match ends in a month's digit (most 月 follow one: '…。4月' too)
        before = text[at - 2 : at - 1]
        if not before.isdecimal() and before not in _MONTH_DASHES:
            continue  # before it: the month's other digit, the year's last one or a dash
        low = max(at - 9, 0)
        if "19" not in text[low : at - 3] and "20" not in text[low : at - 3]:
            continue  # no year starts 5–9 characters before this 月 (most of them)
        missing.update(start for start in range(low, at - 4) if startswith(_CENTURIES, start))
    return sorted(missing), year_months


def _dates_missing_year(
    text: str, places: scan.CharIndex | None = None, starts: list[int] | None = None
) -> list[re.Match]:
    """``_DATE_MISSING_YEAR.finditer(text)``, tried only 5–9 characters before a 月 (the year,
    one or two digits of the month, maybe a second month) where a year 19xx/20xx starts
    (``starts``: the first of :func:`_month_starts`, when the caller has them)."""
    if starts is None:
        starts = _month_starts(text, places)[0]
    return scan.matches_at(_DATE_MISSING_YEAR, text, starts)


def _year_month_starts(text: str, places: scan.CharIndex | None = None) -> list[int]:
    """Where a year 19xx/20xx followed by 年, a month of one or two digits and 月 may start: six or
    seven characters before a 月 (fewer than the 年 of a report) where a century and a 年 stand
    (every match of _DATE_FULL and of _DEADLINE starts at one of them), in order."""
    return _month_starts(text, places)[1]


def _full_dates(
    text: str, places: scan.CharIndex | None = None, starts: list[int] | None = None
) -> list[re.Match]:
    """``_DATE_FULL.finditer(text)``, tried only at :func:`_year_month_starts`."""
    return scan.matches_at(_DATE_FULL, text, _year_month_starts(text, places) if starts is None else starts)


@rule("date.format", "日期笔误：缺“年”字（20213月）、不存在的月份或日期")
def check_dates(context: CheckContext) -> list[Finding]:
    findings = []
    text = context.report.text
    missing_year, year_months = _month_starts(text, context.report.places)  # (one pass over 月)
    for match in _dates_missing_year(text, starts=missing_year):
        if match.start() and text[match.start() - 1] in "0123456789.":
            continue
        year, month = match.group(1), match.group(2)
        months = f"{int(month)}{match.group(3)}{int(match.group(4))}" if match.group(4) else f"{int(month)}"
        findings.append(
            context.finding(
                "date.format",
                WARNING,
                f"日期缺少“年”字：“{match.group(0)}”应为“{year}年{months}月”",
                match.start(),
                match.end(),
                expected=f"{year}年{months}月",
                found=match.group(0),
            )
        )
    for match in _full_dates(text, starts=year_months):
        if match.start() and text[match.start() - 1] in "0123456789.":
            continue
        month = int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if (
            not 1 <= month <= 12
            or (day is not None and not 1 <= day <= _DAYS[month - 1])
            or (month == 2 and day == 29 and not _leap(int(match.group(1))))
        ):
            findings.append(_date_slip(context, match))
    findings.extend(_numeric_dates(context))
    findings.extend(_chinese_dates(context))
    findings.extend(_months_and_days_out_of_range(context))
    findings.extend(_report_date_before_year_end(context, year_months))
    findings.extend(_targets_of_an_earlier_year(context, year_months))
    findings.extend(_staff_counted_a_year_early(context))
    findings.extend(_years_in_reverse(context))
    findings.extend(_dates_in_reverse(context, year_months))
    findings.extend(_days_in_reverse(context))
    return findings


def _date_slip(context: CheckContext, match: re.Match, message: str | None = None) -> Finding:
    """date.format's warning at a match: '日期不存在：“…”' unless ``message`` says otherwise."""
    return context.finding(
        "date.format",
        WARNING,
        message or f"日期不存在：“{match.group(0)}”",
        match.start(),
        match.end(),
        found=match.group(0),
    )


# a date in Chinese numerals: '二〇二三年十二月三十一日' (the zero written 〇, ○, 零, 0, O); its 年 may be
# lost ('二〇二三十二月')
_CN_ZERO = "〇○零0OoＯ"
_CN_DIGITS = "一二三四五六七八九"
_CN_DATE = re.compile(
    rf"(?<![{_CN_DIGITS}{_CN_ZERO}十])([一二][{_CN_ZERO}{_CN_DIGITS}]{{3}})(年?)"
    rf"([{_CN_DIGITS}十{_CN_ZERO}]{{1,3}})月(?:([{_CN_DIGITS}十{_CN_ZERO}]{{1,3}})[日号])?"
)


def _chinese_number(written: str) -> int | None:
    """The value of a month or day in Chinese numerals ('十二' → 12, '三十一' → 31, '〇三' → 3)."""
    if "十" not in written:
        if len(written) > 2:
            return None
        value = 0
        for ch in written:
            value = value * 10 + (0 if ch in _CN_ZERO else _CN_DIGITS.index(ch) + 1)
        return value
    tens, _, ones = written.partition("十")
    if (
        len(tens) > 1
        or len(ones) > 1
        or "十" in ones
        or (tens and tens in _CN_ZERO)
        or (ones and ones in _CN_ZERO)
    ):
        return None
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(ones) + 1 if ones else 0)


def _chinese_date(match: re.Match) -> tuple[int, int, int] | None:
    """(year, month, day) of a match of _CN_DATE (day 0 when it names none), or None when it is
    no date ('二十一…' has no zero where a year's stands)."""
    written_year, _, month_written, day_written = match.groups()
    if not any(zero in written_year[1:3] for zero in _CN_ZERO):
        return None
    year = 0
    for ch in written_year:
        year = year * 10 + (0 if ch in _CN_ZERO else _CN_DIGITS.index(ch) + 1)
    month = _chinese_number(month_written)
    day = _chinese_number(day_written) if day_written else 0
    if month is None or day is None or not 1900 <= year <= 2099:
        return None
    return year, month, day


def _chinese_dates(context: CheckContext) -> list[Finding]:
    """A date in Chinese numerals whose month or day does not exist, or whose 年 is lost; a span
    of two that ends before it starts."""
    text = context.report.text
    findings = []
    if not any(zero in text for zero in "〇○零") and "二0" not in text and "二O" not in text:
        return findings  # (every such year has its zero)
    for match in _CN_DATE.finditer(text):
        date = _chinese_date(match)
        if date is None:
            continue
        year, month, day = date
        found, end = match.group(0), match.end()
        if not _real_day(year, month, day or 1):
            message = f"日期不存在：“{found}”"
        elif not match.group(2):
            message = f"日期缺少“年”字：“{found}”"
        else:
            mark = _NUMERIC_SPAN_MARK.match(text, end)
            last = mark and _CN_DATE.match(text, mark.end())
            last_date = last and _chinese_date(last)
            if not last_date or not _real_day(last_date[0], last_date[1], last_date[2] or 1):
                continue
            if (last_date[0], last_date[1], last_date[2] or 32) >= date:
                continue
            end = last.end()
            found = text[match.start() : end]
            message = f"日期区间倒置：“{found}”的结束日期早于起始日期"
        findings.append(context.finding("date.format", WARNING, message, match.start(), end, found=found))
    return findings


# a month and day with no year, a day the month has not: '12月32日', '6月31日' (a span's end); a month
# span after a year with a month past 12: '2023年1-13月'; a fifth quarter
# (日 only: '12月75号凭证' numbers a voucher of the month; a day past 39 is no slip of a day)
_MONTH_DAY = re.compile(r"(?<![\d.\-/])(\d{1,2})月([0-3]?\d)日")
# (号 after a year and a month is a day: '2023年4月31号')
_YEAR_MONTH_HAO = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月([0-3]?\d)号")
# a year in digits, its month and day in Chinese numerals: '2023年十三月'
_MIXED_DATE = re.compile(
    r"((?:19|20)\d{2})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})[日号])?"
)
_MONTH_SPAN = re.compile(
    r"(?:19|20)\d{2}年(?:[上下]半年)?\(?(\d{1,2})\s*(?:至|到|—|–|-|~|～)\s*(\d{1,2})月(?!龄)"
)
# 元月 is January: '2023年元月32日'
_FIRST_MONTH_DAY = re.compile(r"元月([0-3]?\d)[日号]")
_QUARTER = re.compile(r"(?:19|20)\d{2}年(?:度)?(?:第([五六七八九]|[5-9])季度|[Qq]([5-9])(?!\d))")


def _months_and_days_out_of_range(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    places = context.report.places
    if has_word(text, "日", places) or has_word(text, "号", places):
        for match in itertools.chain(
            # (tried only before each 月 and each 年: a scan at every digit of the text costs)
            scan.finditer_around(_MONTH_DAY, text, "月", (1, 2), places)
            if has_word(text, "日", places)
            else (),
            scan.finditer_around(_YEAR_MONTH_HAO, text, "年", (4,), places)
            if has_word(text, "号", places)
            else (),
        ):
            year = int(match.group(1)) if match.re is _YEAR_MONTH_HAO else 2024  # (no year: a leap one)
            month, day = (int(g) for g in match.groups()[-2:])
            if not 1 <= month <= 12 or _real_day(year, month, day):
                continue
            if day == 0 or month == 0:
                continue
            findings.append(_date_slip(context, match))
    for match in scan.finditer_around(_MIXED_DATE, text, "年", (4,), places) if "十" in text else ():
        month = _chinese_number(match.group(2))
        day = _chinese_number(match.group(3)) if match.group(3) else 1
        if month is None or day is None or _real_day(int(match.group(1)), month, day):
            continue
        findings.append(_date_slip(context, match))
    for match in _FIRST_MONTH_DAY.finditer(text) if "元月" in text else ():
        if int(match.group(1)) > 31:
            findings.append(_date_slip(context, match))
    for match in scan.finditer_around(_MONTH_SPAN, text, "年", (4,), places):
        first, last = int(match.group(1)), int(match.group(2))
        if 1 <= first <= 12 and last > 12:
            findings.append(_date_slip(context, match, f"月份不存在：“{match.group(0)}”"))
    if has_word(text, "季度", places) or "Q" in text or "q" in text:
        for match in scan.finditer_around(_QUARTER, text, "年", (4,), places):
            findings.append(_date_slip(context, match, f"季度不存在：“{match.group(0)}”（一年只有四个季度）"))
    return findings


# a span of days within one month: '2023年12月30日至29日'
_DAY_SPAN = re.compile(
    r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})[日号]\s*(?:至|到|—|–|-|~|～)\s*(?:\2月)?(\d{1,2})[日号]"
)


def _days_in_reverse(context: CheckContext) -> list[Finding]:
    """A span of days of one month that ends before it starts (“2023年12月30日至29日”)."""
    text = context.report.text
    findings = []
    if not has_any(text, ("日至", "日到", "日-", "日—", "日~", "号至", "号到", "号-"), context.report.places):
        return findings  # (every span of days holds one)
    for match in scan.finditer(_DAY_SPAN, text, context.report.places):
        if int(match.group(4)) >= int(match.group(3)):
            continue
        findings.append(_date_slip(context, match, f"日期区间倒置：“{match.group(0)}”的结束日期早于起始日期"))
    return findings


_DATE_SEPARATORS = frozenset(".-/—")


def year_starts(context: CheckContext) -> list[int]:
    """Where a year 19xx/20xx starts in the report's text (not inside a longer number or a
    decimal), found once (date.format and date.malformed both read them)."""
    found = context.memo.get("rules.year_starts")
    if found is None:
        text = context.report.text
        found = []
        for century in _CENTURIES:
            at = text.find(century)
            while at >= 0:
                if text[at + 2 : at + 4].isdecimal() and not (at and text[at - 1] in "0123456789."):
                    found.append(at)
                at = text.find(century, at + 1)
        found.sort()
        context.memo["rules.year_starts"] = found
    return found


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# a date of digits and a separator: '2023.13.01', '2023-02-30', '2023/4/31'
# (a colon after a letter or digit: a code or a time, 'No:2023-12-40'; after a label it is a date's)
_NUMERIC_DATE = re.compile(
    r"(?<![0-9A-Za-z_.\-/])(?<![0-9A-Za-z]:)((?:19|20)\d{2})([.\-/—])(\d{1,2})\2(\d{1,2})(?![\d./%—])(?!-(?!(?:19|20)\d{2}[./]))"
)
_NUMERIC_SPAN_END = re.compile(r"((?:19|20)\d{2})([.\-/])(\d{1,2})\2(\d{1,2})(?![\d./%\-])")
_NUMERIC_SPAN_MARK = re.compile(r"\s*(?:至|到|—{1,2}|–|~|～|-)\s*")


def _real_day(year: int, month: int, day: int) -> bool:
    return (
        1 <= month <= 12
        and 1 <= day <= _DAYS[month - 1]
        and not (month == 2 and day == 29 and not _leap(year))
    )


def _numeric_dates(context: CheckContext) -> list[Finding]:
    """A date written with dots, dashes or slashes whose month or day does not exist."""
    text = context.report.text
    findings = []
    # (from the years of the text, those with a separator after them: far fewer than the dots)
    for at in year_starts(context):
        if text[at + 4 : at + 5] in _DATE_SEPARATORS:
            match = _NUMERIC_DATE.match(text, at)
            if match is None:
                continue
            year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
            if _real_day(year, month, day):
                # a span of two such dates that ends before it starts: '2023-12-31至2023-01-01'
                mark = _NUMERIC_SPAN_MARK.match(text, match.end())
                end = mark and _NUMERIC_SPAN_END.match(text, mark.end())
                if (
                    end
                    and end.group(2) == match.group(2)
                    and not ("-" in mark.group(0) and match.group(2) == "-")
                ):
                    last = (int(end.group(1)), int(end.group(3)), int(end.group(4)))
                    if not _real_day(*last):  # the span's end, which no date of its own starts
                        findings.append(
                            context.finding(
                                "date.format",
                                WARNING,
                                f"日期不存在：“{end.group(0)}”",
                                end.start(),
                                end.end(),
                                found=end.group(0),
                            )
                        )
                    elif last < (year, month, day):
                        findings.append(
                            context.finding(
                                "date.format",
                                WARNING,
                                f"日期区间倒置：“{text[match.start() : end.end()]}”的结束日期早于起始日期",
                                match.start(),
                                end.end(),
                                found=text[match.start() : end.end()],
                            )
                        )
                continue
            findings.append(_date_slip(context, match))
    return findings


# a span of two dates: '2023年10月至2023年3月', '2023年6月30日至6月1日'
_DATE_SPAN = re.compile(
    r"((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})[日号])?\s*(?:至|到|—|–|-|~|～)\s*"
    r"(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:(\d{1,2})[日号])?"
)


def _dates_in_reverse(context: CheckContext, year_months: list[int]) -> list[Finding]:
    """A span of dates that ends before it starts (“2023年10月至2023年3月”, “2023年6月30日至6月1日”):
    one of them is mistyped. A span whose end names no year and an earlier month (“2023年11月至3月”,
    a winter's work into the next year) is left alone; so is one whose end names no year and whose
    months differ."""
    text = context.report.text
    findings = []
    for match in scan.matches_at(_DATE_SPAN, text, year_months):
        year, month, day, end_year, end_month, end_day = match.groups()
        if end_year is None and end_month != month:
            continue
        start = (int(year), int(month), int(day or 0))
        end = (int(end_year or year), int(end_month), int(end_day or 32))
        if end >= start or not 1 <= start[1] <= 12 or not 1 <= end[1] <= 12:
            continue
        findings.append(_date_slip(context, match, f"日期区间倒置：“{match.group(0)}”的结束日期早于起始日期"))
    return findings


_YEAR_RANGE = re.compile(
    r"(?<![\dA-Za-z/.\-])((?:19|20)\d{2})年?\s*(?:—|–|-|~|～|至|到)+\s*((?:19|20)\d{2})(?![\d.])"
)


_RANGE_MARKS = ("—", "–", "-", "~", "～", "至", "到")
_RANGE_CHARS = "".join(_RANGE_MARKS)
_AFTER_A_YEAR = frozenset("0123456789.")  # a longer number, not a year


def _year_ranges(text: str, places: scan.CharIndex | None = None) -> list[re.Match]:
    """The matches of _YEAR_RANGE, tried only a few characters before a range mark followed by a
    year (a pattern that starts with digits is slow to scan for). The marks are single characters,
    found in the text's CharIndex at once; each mark and century in turn, as a ``str.find`` of
    ``mark + century`` would find them."""
    startswith = text.startswith
    # the marks a year follows (few), tried in the order the loops over each mark, then each
    # century, then the places would reach them: the first match found at a start is kept
    years = sorted(
        (_RANGE_MARKS.index(text[at]), 0 if startswith("19", at + 1) else 1, at)
        for at in scan.places_of(text, _RANGE_CHARS, places)
        if startswith(_CENTURIES, at + 1)
    )
    found: dict[int, re.Match] = {}
    for _, _, at in years:
        match = _YEAR_RANGE.search(text, max(0, at - 8), at + 5)
        if match is not None and text[match.end() : match.end() + 1] not in _AFTER_A_YEAR:
            found.setdefault(match.start(), match)
    return [found[start] for start in sorted(found)]


def _years_in_reverse(context: CheckContext) -> list[Finding]:
    """A span of years that ends before it starts (“规划期(2018—2010)”): one of them is mistyped."""
    text = context.report.text
    findings = []
    for match in _year_ranges(text, context.report.places):
        first, last = int(match.group(1)), int(match.group(2))
        if last >= first or re.search(r"[A-Za-z]", text[max(0, match.start() - 4) : match.start()]):
            continue  # 'GB/T 2018-2010' is a standard's number and year
        findings.append(_date_slip(context, match, f"年份区间倒置：“{match.group(0)}”的结束年份早于起始年份"))
    return findings


_DEADLINE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日前")


def _targets_of_an_earlier_year(context: CheckContext, year_months: list[int] | None = None) -> list[Finding]:
    """A target of the year evaluated whose deadline lies in an earlier year (“2023年度…年度总体目标：
    在2022年12月31日前至少为120人…”): last year's target (or the form's) was not updated."""
    text = context.report.text
    if not has_word(text, "日前", context.report.places):
        return []
    year = _fiscal_year_of(context)
    if year is None:
        return []
    fiscal = int(year.group(1))
    findings = []
    # _DEADLINE.finditer(text): every match starts at one of _year_month_starts
    if year_months is None:
        year_months = _year_month_starts(text, context.report.places)
    for match in scan.matches_at(_DEADLINE, text, year_months):
        if int(match.group(1)) >= fiscal:
            continue
        before = text[max(0, match.start() - 200) : match.start()]
        if "目标" not in before and "指标" not in before:
            continue
        findings.append(
            context.finding(
                "date.format",
                WARNING,
                f"{fiscal}年度的目标写的期限是“{match.group(0)}”，早于所评价的年度（上年或模板的目标没有改）",
                match.start(),
                match.end(),
                expected=f"{fiscal}年",
                found=match.group(0),
            )
        )
    return findings


_STAFF_AS_OF = re.compile(
    r"截[至止]\s*((?:19|20)\d{2})\s*年\s*(?:12\s*月\s*31\s*日|年?底|年?末)"
    r"(?=[^。\n]{0,40}(?:在职|实有|在编|编制))"
)
# the year's money given as of the end of the year before ('截至2020年12月31日,…资金…已全部落实到位' in a
# 2021 report): what is said of it is the year's outcome (到位, 支付, 执行率)
_FUNDS_AS_OF = re.compile(
    r"截[至止]到?\s*((?:19|20)\d{2})\s*年\s*(?:12\s*月\s*31\s*日|年?底|年?末)"
    r"(?=[^。\n]{0,60}(?:全部到位|落实到位|已全部支付|全部拨付|已拨付|预算执行率|资金到位率|支出进度))"
)


def _staff_counted_a_year_early(context: CheckContext) -> list[Finding]:
    """The unit's staff given as of the end of the year before the one evaluated (a 2024 report:
    “截至2023年12月31日，本单位…在职人员36人”): last year's profile copied without its update. A
    sentence that compares with that year (上年, 同比) is left alone."""
    text = context.report.text
    if "截" not in text:
        return []
    year = _fiscal_year_of(context)
    if year is None:
        return []
    previous = str(int(year.group(1)) - 1)
    findings = []
    for match in [
        *scan.finditer(_STAFF_AS_OF, text, context.report.places),
        *scan.finditer(_FUNDS_AS_OF, text, context.report.places),
    ]:
        if match.group(1) != previous:
            continue
        sentence_end = first_mark(text, "。\n", match.end(), len(text))
        if any(
            word in text[match.end() : sentence_end]
            for word in ("上年", "去年", "同比", "结转", "结余", "累计", "以前年度", year.group(1))
        ):
            continue
        findings.append(
            context.finding(
                "date.format",
                WARNING,
                f"{year.group(0)}的报告，{'人员' if match.re is _STAFF_AS_OF else '资金'}情况却写“{match.group(0)}”，"
                f"是上一年末的时点（应为{year.group(1)}年末？）",
                match.start(),
                match.end(),
                expected=f"{year.group(1)}年12月31日",
                found=match.group(0),
            )
        )
    return findings


_FISCAL_YEAR = re.compile(r"((?:19|20)\d{2})年度")


def _fiscal_year(text: str, limit: int = 1500) -> re.Match | None:
    """``_FISCAL_YEAR.search(text[:limit])``, tried only four characters before a 年度."""
    at = text.find("年度", 4, limit)
    while at >= 0:
        if text.startswith(_CENTURIES, at - 4):
            match = _FISCAL_YEAR.match(text, at - 4)
            if match is not None:
                return match
        at = text.find("年度", at + 1, limit)
    return None


def _fiscal_year_of(context: CheckContext) -> re.Match | None:
    """:func:`_fiscal_year` of the context's report, found once (three checks of date.format ask)."""
    memo = context.memo
    if "rules.fiscal_year" not in memo:
        memo["rules.fiscal_year"] = _fiscal_year(context.report.text)
    return memo["rules.fiscal_year"]


_REPORT_DATE_HEADS = ("报告", "填报", "评价报告", "报告完成")
_REPORT_DATE_WORDS = ("日期", "时间")
_REPORT_DATE = re.compile(
    f"(?:{'|'.join(_REPORT_DATE_HEADS)})(?:{'|'.join(_REPORT_DATE_WORDS)})"
    r"[:：]?\s*((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?"
)
_REPORT_DATE_OFFSETS = tuple(sorted({len(head) for head in _REPORT_DATE_HEADS}))


def _report_date(head: str, text: str = "", places: scan.CharIndex | None = None) -> re.Match | None:
    """``_REPORT_DATE.search(head)``: every match holds 日期 or 时间 right after its first word
    (报告, 评价报告 …), so it is tried only that far before each of them (few), leftmost first.
    ``text`` and ``places``: the text that ``head`` opens and its CharIndex, when the caller has
    them (for a long text, the words are found there, those that end inside the head kept)."""
    if long_text_index(text, places) is not None:
        found = [
            at
            for word in _REPORT_DATE_WORDS
            for at in word_starts(text, word, places)
            if at + len(word) <= len(head)
        ]
    else:
        found = [at for word in _REPORT_DATE_WORDS for at in word_starts(head, word, None)]
    starts = sorted({at - offset for at in found for offset in _REPORT_DATE_OFFSETS if at >= offset})
    match = _REPORT_DATE.match
    for start in starts:
        found = match(head, start)
        if found is not None:
            return found
    return None


_SIGNED_ON = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$")


def _signed_before_year_end(context: CheckContext, year: re.Match) -> list[Finding]:
    """The date the report is signed on, its last line ('某县某局 / 2023年3月15日'), within or
    before the year it evaluates."""
    paragraphs = context.report.paragraphs
    if not paragraphs:
        return []
    last = paragraphs[-1]
    signed = _SIGNED_ON.match(last.text.strip())
    if signed is None or int(signed.group(1)) > int(year.group(1)):
        return []
    return [
        context.finding(
            "date.format",
            WARNING,
            f"落款日期“{signed.group(0)}”不晚于所评价的{year.group(0)}结束，年度决算之前不能完成这一年的评价，请核对日期",
            last.start,
            last.end,
            found=signed.group(0),
        )
    ]


# '于2023年5月对部门整体支出开展绩效自评' (in the report on 2023): the month the evaluation was done
_EVALUATED_ON = re.compile(
    r"((?:19|20)\d{2})年(\d{1,2})月(?:\d{1,2}日)?[^。;\n]{0,20}?(?:开展|进行|组织|完成)[^。;\n]{0,12}?自评"
)


_EVALUATED_REACH = 60  # the longest match of _EVALUATED_ON: 年月日 (11), 20, a verb (2), 12, 自评
_A_YEAR = re.compile(r"(?:19|20)\d{2}年")


def _evaluated_within_the_year(
    context: CheckContext, year: re.Match, year_months: list[int] | None = None
) -> list[Finding]:
    """The self-evaluation of a year said to be done in a month of that same year before December
    ('2023年度…自评报告' … '于2023年5月对部门整体支出开展绩效自评'): the year was not over."""
    text = context.report.text
    if year_months is None:
        year_months = _year_month_starts(text, context.report.places)
    if not year_months:
        return []  # every match starts at one of them
    findings = []
    seen: set[int] = set()
    match = _EVALUATED_ON.match
    for at in word_starts(text, "自评", context.report.places):
        # the match that ends at this 自评: looked for in the stretch before it, not over the text
        # (_EVALUATED_ON.search(text, low, at + 2), tried only at the year-months of the stretch,
        # where every match starts: the first of them that matches is where search finds it)
        low = max(0, at - _EVALUATED_REACH)
        done = None
        for index in range(bisect_left(year_months, low), len(year_months)):
            start = year_months[index]
            if start >= at + 2:
                break
            done = match(text, start, at + 2)
            if done is not None:
                break
        if done is None or done.start() in seen or done.end() != at + 2:
            continue
        seen.add(done.start())
        if done.group(1) != year.group(1) or int(done.group(2)) >= 12:
            continue
        if _A_YEAR.search(text, done.end(2), done.end()):
            continue  # '2023年5月对2022年度…开展自评': the year it evaluates is named
        findings.append(
            context.finding(
                "date.format",
                WARNING,
                f"“{done.group(1)}年{done.group(2)}月”开展自评，早于所评价的{year.group(0)}结束，"
                "年度决算之前不能完成这一年的自评，请核对日期",
                done.start(),
                done.end(),
                found=done.group(0),
            )
        )
    return findings


def _report_date_before_year_end(
    context: CheckContext, year_months: list[int] | None = None
) -> list[Finding]:
    """An evaluation of a year (“2021年度…自评报告”) dated within that year (“报告日期:2021年12月
    31日”): the year's accounts were not closed yet, so the date is a slip or copied from a form."""
    text = context.report.text
    head = text[:1500]
    year = _fiscal_year_of(context)
    if year is None or "评" not in head:
        return []
    if _not_an_evaluation(context):
        return []
    date = _report_date(head, text, context.report.places)  # (head: the opening of text)
    if date is None:
        return _signed_before_year_end(context, year) + _evaluated_within_the_year(context, year, year_months)
    if int(date.group(1)) > int(year.group(1)):
        return []
    return [
        context.finding(
            "date.format",
            WARNING,
            f"报告日期“{date.group(0)[-11:].strip(':：')}”不晚于所评价的{year.group(0)}结束，"
            "年度决算之前不能完成这一年的评价，请核对日期",
            date.start(),
            date.end(),
            found=date.group(0),
        )
    ]


RULES: tuple[Rule, ...] = (
    check_year_on_year_arithmetic,
    check_year_on_year_direction,
    check_parts_against_total,
    check_parts_changes,
    check_stated_rates,
    check_counts,
    check_heading_numbering,
    check_truncated,
    check_required_sections,
    check_key_figures,
    check_claims_without_numbers,
    check_brackets,
    check_paragraph_end,
    check_typos,
    check_dates,
)
