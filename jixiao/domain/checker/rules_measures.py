"""Measures listed and totalled in one sentence: '全年完成人工造林1.26万亩、退化林修复2.35万亩、森林抚育
3.80万亩，共计完成营造林7.61万亩' (1.26 + 2.35 + 3.80 = 7.41).

The parse reads money and counts; areas, lengths, weights and volumes (亩, 公里, 吨, 平方米 …) are
read here only. ``list.measure_total``: the measures of one unit that follow each other in a sentence,
each after its own label and a list separator, then a total of the same unit whose clause opens with
a total word (共计, 合计, 共 …). The labels name no change, plan, share or approximation (比上年增加,
计划, 每亩, 约); a list that ends with 等 is not read (it names some of the items only). The sum must
equal the total within the rounding of the printed figures. A bare total ('共计7.61万亩') is an error;
one that names what it totals ('共计完成营造林7.61万亩') a warning, for it may count more than the list.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.rules import last_mark, printed_half
from jixiao.domain.checker.vocabulary import words

_UNITS = "|".join(sorted(map(re.escape, words("rules_measures.units")), key=len, reverse=True))
_MEASURE = re.compile(
    rf"(?<![\d.,])(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<u>(?P<wan>万)?(?:{_UNITS}))"
)
_TOTAL = re.compile(
    r"(?:全年|本年|年度|当年)?(?:共计|合计|总计|累计|总共|一共|共)(?P<named>[\u4e00-\u9fff]*)"
)
# between two items: a separator and the next item's label (no figure, no other mark)
_ITEM_GAP = re.compile(r"^[、,，;；]\s*(?P<label>[\u4e00-\u9fff“”()（）]{1,24})$")
_NOT_ITEMS = words("rules_measures.not_item_words")
_CLAUSE_MARKS = ",，;；。:：\n"


# the last characters of the units: a text is read only where one of them stands (a scan of the
# whole text for a number and a unit costs a hundred times more than looking up these few places)
_UNIT_ENDS = "".join(sorted({unit[-1] for unit in words("rules_measures.units")}))
_MEASURE_BEFORE = re.compile(_MEASURE.pattern + "$")


def _measures(text: str, places: scan.CharIndex | None) -> list[re.Match]:
    """``list(_MEASURE.finditer(text))``, each found by the place its unit ends."""
    found = []
    taken = 0
    for at in scan.places_of(text, _UNIT_ENDS, places):
        match = _MEASURE_BEFORE.search(text, max(taken, at - 24), at + 1)
        if match is not None:
            found.append(match)
            taken = match.end()
    return found


class _Measure(NamedTuple):
    value: Decimal  # in the unit's base ('1.26万亩' is 12600 亩)
    half: Decimal
    unit: str  # without 万
    printed: str
    start: int
    end: int


def in_base(number: str, wan: bool) -> tuple[Decimal, Decimal]:
    """A number as printed ('1,234.5') of a unit with 万 before it or not: its value in the unit's base
    ('1.26万亩' is 12600 亩) and the half of its last printed digit in that base."""
    scale = _TEN_THOUSAND if wan else Decimal(1)
    return Decimal(number.replace(",", "")) * scale, printed_half(number) * scale


_TEN_THOUSAND = Decimal(10000)


def _measure(match: re.Match) -> _Measure:
    value, half = in_base(match.group("n"), bool(match.group("wan")))
    unit = match.group("u")[1:] if match.group("wan") else match.group("u")
    return _Measure(value, half, unit, match.group(), match.start(), match.end())


def _shown(value: Decimal, like: _Measure) -> str:
    """A sum in the total's own printing: in 万 when the total is, with as many decimals as it has."""
    wan = "万" in like.printed
    number = value / 10000 if wan else value
    decimals = len(like.printed.split(".", 1)[1].rstrip("万" + like.unit)) if "." in like.printed else 0
    return f"{number:.{decimals}f}{'万' if wan else ''}{like.unit}"


@rule(
    "list.measure_total", "列举的面积、长度、重量等各项与随后的“共计/合计”是否相等（亩、公里、吨、平方米等）"
)
def check_measure_totals(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if not any(word in text for word in ("共", "计", "其中")):
        return []
    found = _measures(text, context.report.places)
    findings = _measure_parts(context, found) if "其中" in text else []
    for index, match in enumerate(found):
        clause = last_mark(text, _CLAUSE_MARKS, 0, match.start()) + 1
        head = _TOTAL.fullmatch(text, clause, match.start())
        if head is None or index < 2:
            continue
        total = _measure(match)
        items: list[_Measure] = []
        labels: list[str] = []
        cursor, end = index - 1, clause
        while cursor >= 0:
            item = found[cursor]
            between = text[item.end() : end].rstrip()
            if not items:
                # the last item ends the clause before the total: a separator only between them
                if between not in (",", "，", ";", "；", ""):
                    break
            else:
                gap = _ITEM_GAP.match(between)
                if gap is None:
                    break
                labels.append(gap.group("label"))
            measure = _measure(item)
            if measure.unit != total.unit:
                break
            items.insert(0, measure)
            end = item.start()
            cursor -= 1
        if len(items) < 2:
            continue
        first_clause = last_mark(text, _CLAUSE_MARKS, 0, items[0].start) + 1
        labels.append(text[first_clause : items[0].start])
        if any(word in label for label in labels for word in _NOT_ITEMS) or not labels[-1].strip():
            continue
        if text.startswith("等", items[-1].end):
            continue
        total_sum = sum((m.value for m in items), Decimal(0))
        envelope = sum((m.half for m in items), total.half)
        difference = total_sum - total.value
        if abs(difference) < envelope or difference == 0:
            continue
        named = head.group("named")
        listing = "+".join(m.printed for m in items)
        findings.append(
            context.finding(
                "list.measure_total",
                WARNING if named else ERROR,
                f"列举的{len(items)}项合计{_shown(total_sum, total)}（{listing}），"
                f"与所述“{text[clause : match.start()]}”{total.printed}相差{_shown(abs(difference), total)}",
                items[0].start,
                total.end,
                expected=_shown(total_sum, total),
                found=total.printed,
            )
        )
    return findings


_NOT_A_PART = ("由", "为", "按", "经", "对", "向", "从", "在")
_PARTS_OPEN = re.compile(r"[,，]?\s*其中[:：]?\s*(?P<label>[\u4e00-\u9fff“”()（）]{1,24})$")


def _measure_parts(context: CheckContext, found: list[re.Match]) -> list[Finding]:
    """'建设面积2.1万亩，其中漳江镇0.8万亩、陬市镇0.7万亩、热市镇0.6万亩': the parts listed under a
    measure after 其中, in its sentence. More than the whole is an error; less, with three or more
    parts, a warning (a 其中 list may name some parts only)."""
    text = context.report.text
    findings = []
    for index, match in enumerate(found[:-2]):
        total = _measure(match)
        first = found[index + 1]
        opened = _PARTS_OPEN.match(text[match.end() : first.start()])
        if opened is None or any(word in opened.group("label") for word in _NOT_ITEMS):
            continue
        items = [_measure(first)]
        for previous, following in zip(found[index + 1 :], found[index + 2 :], strict=False):
            gap = _ITEM_GAP.match(text[previous.end() : following.start()])
            if (
                gap is None
                or any(word in gap.group("label") for word in _NOT_ITEMS)
                or any(bracket in gap.group("label") for bracket in "(（")
                or gap.group("label").startswith(_NOT_A_PART)
            ):
                break  # '其中小麦3,000吨、稻谷5,000吨，由A公司（5,000吨）…': the list has ended
            items.append(_measure(following))
        if (
            len(items) < 2
            or any(item.unit != total.unit for item in items)
            or text.startswith("等", items[-1].end)
        ):
            continue
        total_sum = sum((m.value for m in items), Decimal(0))
        envelope = sum((m.half for m in items), total.half)
        difference = total_sum - total.value
        if abs(difference) < envelope or (difference < 0 and len(items) < 3):
            continue
        listing = "+".join(m.printed for m in items)
        more = difference > 0
        findings.append(
            context.finding(
                "list.measure_total",
                ERROR if more else WARNING,
                f"其中各项合计{_shown(total_sum, total)}（{listing}），{'大于' if more else '小于'}"
                f"所述{total.printed}{'' if more else '；如果所列各项就是全部构成，则不相符'}",
                total.start,
                items[-1].end,
                expected=_shown(total_sum, total),
                found=total.printed,
            )
        )
    return findings


RULES = (check_measure_totals,)
