"""One figure stated twice with two neighbouring digits swapped.

``figure.transposed``: '年初预算数1,127.46万元' in one part and '年初预算数1,172.46万元' in another,
'在岗乡村医生386人' and '为在岗乡村医生368人', a table's '352.60' against the prose's '325.60万元'.
Swapping two neighbouring digits is the commonest slip of keying a figure (the accountant's rule:
such a difference divides by 9). Two figures of one kind whose printed digits differ only so are
read as one quantity keyed twice, whatever their labels say: what is compared is the figures'
digits, not the wording around them, so no sentence shape has to be known.

Chance makes such pairs too, so the rule asks for enough digits that a chance pair is rare:
amounts of three significant digits or more (3.49 and 3.94; not 24,000 and 42,000, round figures)
whose labels share a word (预算, 支出, 结转 …; a table cell's label is its row and its column: the
负债总额 1,286.54万元 and a 按功能分类 row's 1,286.45 are two amounts); counts of four digits, or of
three when the two labels share a word (221人 of one indicator and 212人 of another are two counts). The two stand in different paragraphs (one sentence or one table
row listing 1,236 and 1,263 side by side is of two things), and neither is a change, an
approximate figure or a price per unit. Where quantity.conflict or count.conflict already
reported the pair, this rule stays silent.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.rules import has_word, long_text_index, word_starts
from jixiao.domain.checker.rules_compare import CONFLICT_REPORTED, of_kind
from jixiao.domain.checker.vocabulary import words

_MONEY_DIGITS = 3
_COUNT_DIGITS = 4  # (three when the labels share a word)
_TIME_PAIRS = frozenset(
    ("全年", "本年", "年度", "当年", "年末", "年初", "截至", "实际", "累计", "共计", "合计")
)


class _Figure(NamedTuple):
    kind: str
    digits: str  # as printed, without thousands commas: '1127.46'
    unit: str  # '' for a table cell of money whose unit stands in the header
    start: int
    end: int
    label: str
    paragraph: int


def _significant(digits: str) -> int:
    """The significant digits of a figure: 42,000.00 and 560.00万元 have two (round figures make chance
    pairs: 24,000 and 42,000 of two things), 3.49 three, 4,680 four (one trailing zero is a digit)."""
    plain = digits.replace(".", "").lstrip("0")
    bare = plain.rstrip("0")
    return len(bare) if len(plain) - len(bare) >= 2 else len(plain)  # (4,680 has four; 42,000 two)


def _swapped(a: str, b: str) -> bool:
    """``b`` is ``a`` with two neighbouring digits swapped, the point in its place (3.49 / 3.94;
    18.6 / 16.8: the digits 8 and 6 either side of the point are neighbours as keyed)."""
    if len(a) != len(b) or a == b or a.find(".") != b.find("."):
        return False
    a, b = a.replace(".", ""), b.replace(".", "")
    first = next(i for i in range(len(a)) if a[i] != b[i])
    second = first + 1
    return (
        second < len(a)
        and a[first] == b[second]
        and a[second] == b[first]
        and a[second + 1 :] == b[second + 1 :]
    )


def _words(label: str) -> set[str]:
    chinese = [c if "\u4e00" <= c <= "\u9fff" else " " for c in label]
    return {a + b for a, b in pairwise(chinese) if " " not in (a, b)} - _TIME_PAIRS


def _figures(context: CheckContext) -> list[_Figure]:
    report = context.report
    found: dict[int, _Figure] = {}
    for fig in context.figures.figs:
        if fig.kind != "money" or fig.change or fig.approx or fig.per_unit:
            continue
        quantity = fig.quantity
        if quantity is not None and quantity.role != "level":
            continue
        digits = format(fig.value, "f")
        if _significant(digits) < _MONEY_DIGITS:
            continue
        # (a table cell is named by its row and its column: '合计' of '年初预算数')
        label = f"{fig.row or fig.label} {fig.column}" if fig.place == "table" else fig.raw_label
        found.setdefault(
            fig.start, _Figure("money", digits, fig.unit, fig.start, fig.end, label, fig.paragraph)
        )
    text = report.text
    for quantity in of_kind(context, "count"):
        if quantity.approx or quantity.role != "level":
            continue
        digits = format(quantity.value, "f")
        if _significant(digits) < _COUNT_DIGITS - 1:
            continue
        # the parser's unit may be the head of a longer measure ('批' of '4,680批次')
        unit, end = quantity.unit, quantity.end
        longer = next(
            (u for u in _MEASURE_UNITS if u.startswith(unit) and text.startswith(u, end - len(unit))), None
        )
        if longer is not None:
            unit, end = longer, end - len(quantity.unit) + len(longer)
        found.setdefault(
            quantity.start,
            _Figure(
                "count",
                digits,
                _SAME_UNIT.get(unit, unit),
                quantity.start,
                end,
                quantity.raw_label.strip() or _line_above(report.text, quantity.start),
                report.paragraph_index(quantity.start),
            ),
        )
    for figure in _measured(report):
        found.setdefault(figure.start, figure)
    return sorted(found.values(), key=lambda figure: figure.start)


_MEASURE_UNITS = tuple(sorted(words("rules_transposed.measure_units"), key=len, reverse=True))
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NUMBER_CHARS = frozenset("0123456789.,")
_SAME_UNIT = dict(pair.split("=") for pair in words("rules_transposed.same_unit"))
_NOT_A_LEVEL = words("rules_transposed.not_a_level")
_CLAUSE_MARKS = re.compile(r"[，,。；;：:、\n|（(）)]")


def _measured(report) -> list[_Figure]:
    """Figures in units of measure the quantity parser leaves (6,845公里, 12.63万名, 2,864宗), each
    named by the words of its clause before it (by its line's when the clause holds none: a
    table cell), and neither a change, a price nor an estimate (the words just before it). Found
    from the places of each unit (few; the longest unit first, so 万亩 is not read as 亩)."""
    text = report.text
    places = long_text_index(text, report.places)
    found: dict[int, _Figure] = {}
    for unit in _MEASURE_UNITS:
        for end in word_starts(text, unit, places) if has_word(text, unit, places) else ():
            start = end
            while start and text[start - 1] in _NUMBER_CHARS:
                start -= 1
            number = _NUMBER.search(text, start, end)
            if number is None or number.end() != end or number.start() in found:
                continue
            start = number.start()
            digits = number.group().replace(",", "")
            if _significant(digits) < _COUNT_DIGITS - 1:
                continue
            line_start = text.rfind("\n", 0, start) + 1
            marks = [m.end() for m in _CLAUSE_MARKS.finditer(text, max(line_start, start - 24), start)]
            clause = text[marks[-1] if marks else max(line_start, start - 24) : start]
            if clause.rstrip().endswith(_NOT_A_LEVEL) or any(
                word in clause[-4:] for word in _NOT_A_LEVEL[:8]
            ):
                continue
            label = "".join(c for c in clause if "\u4e00" <= c <= "\u9fff") or _line_above(text, start)
            found[start] = _Figure(
                "count",
                digits,
                _SAME_UNIT.get(unit, unit),
                start,
                end + len(unit),
                label,
                report.paragraph_index(start),
            )
    return list(found.values())


def _line_above(text: str, position: int) -> str:
    """The name of a figure that has none before it on its line: its line's words, or those of the
    nearest of the three lines above that has any (a table of one cell a line: '定量检测样品批次',
    '≥4,500批次', '4,860批次')."""
    end = position
    for step in range(4):
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        words = "".join(c for c in line if "\u4e00" <= c <= "\u9fff")
        if words and (step == 0 or not any(c.isdigit() for c in line)):
            return words  # (a line above holding a figure is another cell of the row: '35万亩')
        if start == 0:
            break
        end = start - 1
    return ""


def _same_kind(a: _Figure, b: _Figure) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "money":
        return a.unit == b.unit or not a.unit or not b.unit
    return a.unit == b.unit


def _enough(a: _Figure, b: _Figure) -> bool:
    if a.kind == "count" and _significant(a.digits) >= _COUNT_DIGITS:
        return True
    return bool(_words(a.label) & _words(b.label))


@rule("figure.transposed", "同一类数字在两处只差相邻两位数字的顺序（如1,236与1,263），疑为数字颠倒")
def check_transposed_figures(context: CheckContext) -> list[Finding]:
    figures = _figures(context)
    # a transposed pair has the same digits in another order: figures are grouped by their sorted
    # digits, so only those of one group are compared with each other
    groups: dict[tuple[str, str], list[_Figure]] = {}
    for figure in figures:
        key = (figure.kind, "".join(sorted(figure.digits)))
        groups.setdefault(key, []).append(figure)
    reported = context.memo.get(CONFLICT_REPORTED, set())
    findings = []
    told: set[frozenset[str]] = set()
    for group in groups.values():
        if len(group) < 2 or len({figure.digits for figure in group}) < 2:
            continue
        for index, later in enumerate(group):
            for earlier in group[:index]:
                pair = frozenset((earlier.digits, later.digits))
                if (
                    pair in told
                    or earlier.paragraph == later.paragraph
                    or not _swapped(earlier.digits, later.digits)
                    or not _same_kind(earlier, later)
                    or not _enough(earlier, later)
                ):
                    continue
                told.add(pair)
                odd = _the_odd_one(context.report.text, group, earlier, later)
                other = earlier if odd is later else later
                if odd.start in reported or other.start in reported:
                    continue
                findings.append(_finding(context, odd, other))
    return findings


def _the_odd_one(text: str, group: list[_Figure], earlier: _Figure, later: _Figure) -> _Figure:
    """The figure whose digits the text states fewer times; as often, the one in prose rather than in
    a table (a form's figures are added up and exported, the prose's keyed again), else the later."""
    times = {digits: sum(f.digits == digits for f in group) for digits in (earlier.digits, later.digits)}
    if times[earlier.digits] != times[later.digits]:
        return earlier if times[earlier.digits] < times[later.digits] else later
    if _in_a_table(text, later) and not _in_a_table(text, earlier):
        return earlier
    return later


def _in_a_table(text: str, figure: _Figure) -> bool:
    """The figure stands in a table's cell: a '|' row, a line of its own, or a line of spaced cells."""
    start = text.rfind("\n", 0, figure.start) + 1
    end = text.find("\n", figure.end)
    line = text[start : end if end >= 0 else len(text)]
    rest = line.replace(text[figure.start : figure.end], "")
    return "|" in line or sum("\u4e00" <= c <= "\u9fff" for c in rest) <= 1 or "  " in line


def _shown(context: CheckContext, figure: _Figure) -> str:
    """The figure as the text prints it ('2,604.35万元', a table's '642.18')."""
    return context.report.text[figure.start : figure.end].strip()


def _finding(context: CheckContext, odd: _Figure, other: _Figure) -> Finding:
    label = odd.label or other.label
    named = f"“{label[-16:]}”" if label else "同一数字"
    return context.finding(
        "figure.transposed",
        WARNING,
        f"{named}这里写{_shown(context, odd)}，{context.report.section_at(other.start)}写{_shown(context, other)}："
        "两数只差相邻两位数字的顺序，疑为数字颠倒，请核对哪个是对的",
        odd.start,
        odd.end,
        expected=_shown(context, other),
        found=_shown(context, odd),
    )


RULES = (check_transposed_figures,)
