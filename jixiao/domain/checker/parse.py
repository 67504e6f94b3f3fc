"""Reading a report text into plain facts: paragraphs, headings, tables and printed quantities.

Everything here works on the normalised text (see ``text.py``); spans are normalised offsets
and are mapped back to the original text only when a finding or figure is built. Nothing is
computed or guessed here: a quantity is what the text prints, with its unit and precision.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

import numpy as np

from jixiao.domain.checker.findings import Figure, Location
from jixiao.domain.checker.scan import CharIndex, char_codes, table_index
from jixiao.domain.checker.text import NormalizedText, normalize
from jixiao.domain.checker.vocabulary import words

ASCII_DIGITS = frozenset("0123456789")
CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CN_NUMERAL_TEXT = "零一二三四五六七八九十"


_CN_NUMBERS: dict[str, int | None] = {}  # numerals already read (a report uses a few dozen)


def cn_number(text: str) -> int | None:
    """'三' → 3, '十二' → 12, '二十' → 20, '12' → 12; anything else → None."""
    known = _CN_NUMBERS.get(text, _CN_NUMBERS)
    if known is not _CN_NUMBERS:
        return known  # type: ignore[return-value]
    value = _cn_number(text)
    if len(_CN_NUMBERS) < 4096:
        _CN_NUMBERS[text] = value
    return value


def _cn_number(text: str) -> int | None:
    if text and text.isascii() and text.isdigit():
        return int(text)
    if text in CIRCLED:
        return CIRCLED.index(text) + 1
    if not text or any(ch not in CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    tens_value = CN_DIGITS.get(tens) if tens else 1
    units_value = CN_DIGITS.get(units) if units else 0
    if tens_value is None or units_value is None:
        return None
    return tens_value * 10 + units_value


def int_to_cn(value: int) -> str:
    if value <= 10:
        return CN_NUMERAL_TEXT[value]
    if value < 20:
        return "十" + CN_NUMERAL_TEXT[value - 10]
    tens, units = divmod(value, 10)
    return CN_NUMERAL_TEXT[tens] + "十" + (CN_NUMERAL_TEXT[units] if units else "")


# ---------------------------------------------------------------------------------------------
# Quantities

MONEY_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_ZERO, _ONE = Decimal(0), Decimal(1)
_HALVES = tuple(Decimal(5).scaleb(-(decimals + 1)) for decimals in range(12))  # 0.5, 0.05, …
COUNT_UNITS = "个|家|所|名|人次|人|辆|项|场次|场|次|份|册|件|块|幅|处|户|套|台|篇|期|批|条|座|起|段|卷|例"
_QUANTITY = re.compile(
    r"(?P<int>\d(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*))(?:\.(?P<frac>\d+))?"
    r"(?:(?P<money>亿元|万元|千元|元)|(?P<pct>%)|(?P<pp>个百分点)"
    rf"|(?P<count>个(?!月|工作日|小时|季度|百分点)|(?:{COUNT_UNITS[2:]})))"
)
# what may follow the digits of a quantity: its unit, or the rest of its number (',' '.')
_AFTER_DIGITS = "".join(
    sorted({unit[0] for unit in MONEY_UNITS} | {u[0] for u in COUNT_UNITS.split("|")} | set("%,."))
)
_AFTER_DIGITS_SET = frozenset(_AFTER_DIGITS)
_FOLLOWS_DIGITS = np.zeros(0x10000, dtype=bool)
_FOLLOWS_DIGITS[[ord(ch) for ch in _AFTER_DIGITS]] = True
_DECIMAL = np.array([chr(code).isdecimal() for code in range(0x10000)], dtype=bool)  # \d, as re reads it
_COUNT_UNIT_ENDS = frozenset(unit[-1] for unit in COUNT_UNITS.split("|"))
_NOT_BEFORE_NUMBER = frozenset("0123456789.,/_-" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_APPROX_BEFORE = words("parse.approx_before")
_NOT_APPROX = words("parse.not_approx")
_APPROX_AFTER = words("parse.approx_after")
_LABEL_REVERSED = re.compile(r"[^\d,;:。、\n|!?%<>《》=+×÷*/]{0,24}")
_DIRECTION_WORDS = words("parse.direction_words")
_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})年")
_CARRIED = re.compile(r"上年度?(?:结转|结余)")
_LEFTOVER_UNIT = re.compile(r"^[个家所名人次项份件场元万亿.、]+")
_PREVIOUS_WORDS = words("parse.previous_words")


class Quantity(NamedTuple):
    """A number printed with a unit. ``value`` is in the printed unit, exactly as printed.

    The records read from a text are immutable NamedTuples (as beancount's directives are):
    a report holds hundreds of them and they are built on every check.
    """

    kind: str  # money | percent | points | count
    value: Decimal
    unit: str
    decimals: int
    start: int
    end: int
    number_end: int
    label: str
    raw_label: str
    approx: bool
    role: str  # level | delta | previous
    year: str = ""  # '2022' when the label is preceded by '2022年'

    @property
    def text(self) -> str:
        return format(self.value, "f")

    @property
    def scale(self) -> Decimal:
        return MONEY_UNITS.get(self.unit, _ONE)

    @property
    def base_value(self) -> Decimal:
        """Value in 元 for money, else the value itself."""
        return self.value * MONEY_UNITS.get(self.unit, _ONE)

    def half_unit(self, report_decimals: int = 0) -> Decimal:
        """Half of the last printed digit, in 元 for money (the rounding envelope of the printed figure).

        Amounts printed with fewer decimals than the report uses elsewhere in the same unit are
        taken to have lost trailing zeros (the seed prints 44万元 for 44.00万元).
        """
        if self.kind == "count":
            return _ZERO  # counts of people, bodies, posts are exact
        decimals = max(self.decimals, report_decimals) if self.kind == "money" else self.decimals
        half = _HALVES[decimals] if decimals < len(_HALVES) else Decimal(5).scaleb(-(decimals + 1))
        return half * MONEY_UNITS.get(self.unit, _ONE)


class Paragraph(NamedTuple):
    start: int
    end: int
    text: str


class Heading(NamedTuple):
    rank: int  # 0 第一部分, 1 一、, 2 (一), 3 1., 4 (1), 5 ①
    number: int | None  # None for an unnumbered heading-like line
    marker: str
    title: str
    start: int
    end: int
    path: str


class Cell(NamedTuple):
    text: str
    start: int
    end: int


class TableRow(NamedTuple):
    cells: tuple[Cell, ...]
    start: int
    end: int


_HEADING = re.compile(
    r"第(?P<r0>[一二三四五六七八九十]{1,3})(?:部分|章)"  # 第一部分
    r"|(?P<r1>[一二三四五六七八九十]{1,3})、"  # 一、
    r"|\((?P<r2>[一二三四五六七八九十]{1,3})\)[、.]?"  # (一) (一)、
    r"|(?P<r3>\d{1,2})(?:[、.](?!\d)|[、.](?=\d{4}年))"  # 1. 1、 and 1.2023年, 1、2021年
    r"|\((?P<r4>\d{1,2})\)[、.]?"  # (1)
    rf"|(?P<r5>[{CIRCLED}])"  # ①
)


_NUMBER_BEFORE_DIGITS = re.compile(r"(\d{1,2})\.\d+(?:\.\d+)?%?(?=[\u4e00-\u9fff])")


_GROUP_RANKS = {f"r{rank}": rank for rank in range(6)}  # int(group[1]) of a _HEADING group


def _heading_match(text: str) -> tuple[int, re.Match] | None:
    """(rank, match) of a numbered heading at the start of ``text``: 0 第一部分 … 5 ①."""
    match = _HEADING.match(text)
    if match is None:
        return None
    return int(match.lastgroup[1]), match


_ANNEX = re.compile(r"附件(?:\d{1,2}|[:：])")
_HEADING_FIRST = frozenset("第一二三四五六七八九十(0123456789" + CIRCLED)
_TITLE_END = re.compile(r"[。:;,!?]")
TERMINAL = "。!?…;”’」』)】》>|"
# (a closing date may name the month only: '2024年3月')
_DATE_LINE = re.compile(
    r"^(?:\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{4}-\d{1,2}-\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?|特此报告)$"
)


@dataclass(slots=True)
class ParsedReport:
    """The facts read from one report text (normalised), plus the way back to the original."""

    source: NormalizedText
    paragraphs: list[Paragraph]
    headings: list[Heading]
    quantities: list[Quantity]
    table_rows: list[TableRow]
    truncated: bool
    report_decimals: dict[str, int]
    _heading_starts: list[int] = field(default_factory=list)
    _quantity_by_start: dict[int, Quantity] = field(default_factory=dict)
    _quantity_starts: list[int] = field(default_factory=list)
    _paragraph_starts: list[int] = field(default_factory=list)
    codes: np.ndarray | None = None  # the code points of the text (uint32), for scans in numpy
    code_index: np.ndarray | None = None  # the same as indices into tables (scan.table_index)
    places: CharIndex | None = None  # where the characters the scans start from stand
    # source.text and source.original, kept as attributes: the rules read report.text some
    # 160 times a check (a property call each)
    text: str = field(init=False, repr=False, compare=False)
    original: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.source.text
        self.original = self.source.original

    def section_at(self, position: int) -> str:
        index = bisect_right(self._heading_starts, position) - 1
        return self.headings[index].path if index >= 0 else "（正文开头）"

    def location(self, start: int, end: int) -> Location:
        """A location for the normalised span [start, end), quoting the original text."""
        original_start, original_end = self.source.original_span(start, end)
        return Location(
            section=self.section_at(start),
            start=original_start,
            end=original_end,
            quote=self.original[original_start:original_end],
        )

    def paragraph_at(self, position: int) -> Paragraph | None:
        index = bisect_right(self._paragraph_starts, position) - 1
        if index >= 0 and self.paragraphs[index].start <= position <= self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    def paragraph_index(self, position: int) -> int:
        return bisect_right(self._paragraph_starts, position) - 1

    def paragraphs_with(self, words: tuple[str, ...]) -> set[int]:
        """The indices of the paragraphs that hold one of ``words`` (words of no space or line
        break): each word is looked for once in the whole text, not once in every paragraph."""
        found: set[int] = set()
        text = self.text
        for word in words:
            at = text.find(word)
            while at >= 0:
                index = self.paragraph_index(at)
                found.add(index)
                at = text.find(word, max(self.paragraphs[index].end, at + 1))  # on to the next paragraph
        return found

    def quantity_starting(self, position: int, *, slack: int = 0) -> Quantity | None:
        for offset in range(slack + 1):
            quantity = self._quantity_by_start.get(position + offset)
            if quantity is not None:
                return quantity
        return None

    def quantities_between(self, start: int, end: int) -> list[Quantity]:
        low = bisect_right(self._quantity_starts, start - 1)
        high = bisect_right(self._quantity_starts, end - 1)
        return [q for q in self.quantities[low:high] if q.end <= end]

    def half_unit(self, quantity: Quantity) -> Decimal:
        return quantity.half_unit(self.report_decimals.get(quantity.unit, 0))

    def figures(self) -> list[Figure]:
        figures = []
        for quantity in self.quantities:
            kind = {"money": "amount", "percent": "percent", "points": "points", "count": "count"}[
                quantity.kind
            ]
            figures.append(
                Figure(
                    kind=kind,
                    label=quantity.label,
                    value=quantity.text,
                    unit=quantity.unit,
                    yuan=format(quantity.base_value.quantize(Decimal("0.01")), "f")
                    if quantity.kind == "money"
                    else None,
                    role=quantity.role,
                    location=self.location(quantity.start, quantity.end),
                )
            )
        for row in self.table_rows:
            numeric = sum(1 for cell in row.cells if table_number(cell.text) is not None)
            for cell in row.cells:
                number = table_number(cell.text)
                if number is None:
                    continue
                if numeric == 1 and not any(mark in cell.text for mark in ".,%"):
                    continue  # a lone whole number in a form row is a phone number or a code
                figures.append(
                    Figure(
                        kind="table_number",
                        label=row.cells[0].text if row.cells and row.cells[0] is not cell else "",
                        value=format(number, "f"),
                        unit=None,
                        yuan=None,
                        role="table",
                        location=self.location(cell.start, cell.start + len(cell.text)),
                    )
                )
        figures.sort(key=lambda figure: figure.location.start)
        return figures


_LABEL_NUMBERING = re.compile(r"^(?:\d{1,2}[、.]|[一二三四五六七八九十]+[、是]|\d{4}年度?|\(\S{1,2}\))")


# words that end in a suffix of the label's linking verb (达 of 达到) but are verbs of their own:
# '项目资金下达' is not '项目资金下'
KEPT_ENDINGS = ("下达", "到达", "送达", "传达", "抵达", "直达", "表达")


def clean_label(raw: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str:
    """'1、收入' → '收入'; '其中：基本支出就' → '基本支出'; '“三公”经费完成' → '三公经费'."""
    label = raw.strip("()“”\"' ")
    if label and (label[0] in ASCII_DIGITS or label[0] in "(一二三四五六七八九十"):
        label = _LABEL_NUMBERING.sub("", label, count=1)
    stripped = label.startswith(prefixes)
    while stripped:
        stripped = False
        for prefix in prefixes:
            if label.startswith(prefix) and len(label) > len(prefix):
                label = label[len(prefix) :]
                stripped = True
                break
    stripped = label.endswith(suffixes) and not label.endswith(KEPT_ENDINGS)
    while stripped:
        stripped = False
        for suffix in suffixes:
            if label.endswith(suffix) and len(label) > len(suffix):
                label = label[: -len(suffix)]
                stripped = not label.endswith(KEPT_ENDINGS)
                break
    if "“" in label or "”" in label or '"' in label:
        label = label.replace("“", "").replace("”", "").replace('"', "")
    return label


def _quantity_matches(text: str, codes: np.ndarray, index: np.ndarray) -> list[re.Match]:
    """``_QUANTITY.finditer(text)``, tried only where a run of digits starts that is followed by
    a unit, ',' or '.' (``codes``: the text's code points, ``index``: :func:`scan.table_index`).

    The runs come from one numpy pass. A match from a later digit of a run needs the same
    follower as one from its first digit, and fails when that fails (its number may stop at any
    digit of the run), except through the thousands form when more than three digits stand
    before a comma ('1234,567个' matches from '234'): then every digit of the run is tried, as
    ``finditer`` does. A match ends on a unit, never inside a run."""
    size = codes.size
    if size == 0:
        return []
    if int(codes.max()) > 0xFFFF:
        return list(_QUANTITY.finditer(text))  # a character beyond the tables: the plain scan
    digit = _DECIMAL[index]
    # where a run of digits starts or ends: starts and ends alternate, from a start
    bounds = np.flatnonzero(digit[1:] != digit[:-1])
    bounds += 1
    if digit[0]:
        bounds = np.concatenate(([0], bounds))
    if bounds.size % 2:
        bounds = bounds[:-1]  # the text ends in a run: nothing follows it, no match
    starts, ends = bounds[0::2], bounds[1::2]
    # only a run followed by a unit, ',' or '.' (each end is a character of the text) is tried
    followed = _FOLLOWS_DIGITS[index[ends]]
    found = []
    taken = 0
    match = _QUANTITY.match
    for start, end in zip(starts[followed].tolist(), ends[followed].tolist(), strict=True):
        if start < taken:
            continue
        hit = match(text, start)
        if hit is None and end - start > 3 and text[end] == ",":
            for inner in range(start + 1, end):
                hit = match(text, inner)
                if hit is not None:
                    break
        if hit is not None:
            found.append(hit)
            taken = hit.end()
    return found


class _Everything:
    """A set that holds every string."""

    def __contains__(self, item: object) -> bool:
        return True


def _last_chars(words: tuple[str, ...]) -> frozenset[str] | _Everything:
    """The last characters of ``words``, or everything when one of them is empty."""
    return frozenset(word[-1] for word in words) if all(words) else _Everything()


_AFFIX_TABLES: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[dict, dict] | None] = {}


def _affix_tables(prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> tuple[dict, dict] | None:
    """The prefixes by their first character and the suffixes by their last one, each list in
    the order given (the first that :func:`clean_label` would strip is the first of its list
    that fits); None when one is empty (then :func:`clean_label` itself is used)."""
    key = (prefixes, suffixes)
    tables = _AFFIX_TABLES.get(key, _AFFIX_TABLES)
    if tables is _AFFIX_TABLES:
        tables = None
        if all(prefixes) and all(suffixes):
            by_first: dict[str, tuple[str, ...]] = {}
            for prefix in prefixes:
                by_first[prefix[0]] = (*by_first.get(prefix[0], ()), prefix)
            by_last: dict[str, tuple[str, ...]] = {}
            for suffix in suffixes:
                by_last[suffix[-1]] = (*by_last.get(suffix[-1], ()), suffix)
            tables = (by_first, by_last)
        if len(_AFFIX_TABLES) < 64:
            _AFFIX_TABLES[key] = tables
    return tables


# the last characters of _APPROX_BEFORE and _DIRECTION_WORDS (every character when a word is
# empty: an empty word ends every label)
_APPROX_LAST = _last_chars(_APPROX_BEFORE)
_DIRECTION_LAST = _last_chars(_DIRECTION_WORDS)
_DIGIT_OR_PERCENT = ASCII_DIGITS | {"%"}
_LABEL_QUOTES = "()“”\"' "
_NUMBERING_FIRST = frozenset("0123456789(一二三四五六七八九十")


def _read_quantities(
    text: str,
    prefixes: tuple[str, ...],
    suffixes: tuple[str, ...],
    codes: np.ndarray | None = None,
    index: np.ndarray | None = None,
) -> tuple[list[Quantity], dict[str, int]]:
    """The quantities printed in ``text``; ``codes``: its code points, when the caller has them.

    The label is cleaned as :func:`clean_label` does, inlined, with the prefixes and suffixes
    looked up by their first (last) character instead of tried one by one."""
    quantities: list[Quantity] = []
    report_decimals: dict[str, int] = {}
    label_reversed = _LABEL_REVERSED.match
    not_before = _NOT_BEFORE_NUMBER
    if codes is not None and index is None:
        index = table_index(codes)
    matches = _quantity_matches(text, codes, index) if codes is not None else _QUANTITY.finditer(text)
    tables = _affix_tables(prefixes, suffixes)
    by_first, by_last = tables if tables is not None else ({}, {})
    numbering_first = _NUMBERING_FIRST
    numbering_sub = _LABEL_NUMBERING.sub
    new = tuple.__new__
    append = quantities.append
    size = len(text)
    approx_last, direction_last = _APPROX_LAST, _DIRECTION_LAST
    reverse = text[::-1]  # the labels are read backwards from each number, in this one copy
    for match in matches:
        start, end = match.span()
        if (
            start
            and text[start - 1] in not_before
            # ('…1,234' is a piece of a longer number; '项目14个,3,105.60万元' an amount after a count)
            and not (text[start - 1] == "," and start >= 2 and text[start - 2] in _COUNT_UNIT_ENDS)
        ):
            continue
        integer, fraction, money, pct, pp, count = match.groups()
        if money:
            kind, unit = "money", money
        elif pct:
            kind, unit = "percent", "%"
        elif pp:
            kind, unit = "points", "个百分点"
        else:
            if fraction:
                continue  # counts are whole numbers; '0.3个' is a cut-off '0.3个百分点'
            kind, unit = "count", count
        number_end = start + len(integer)  # the int group starts the match
        if "," in integer:
            integer = integer.replace(",", "")
        if fraction:
            value = Decimal(f"{integer}.{fraction}")
            number_end += 1 + len(fraction)
            decimals = len(fraction)
        else:
            value = Decimal(integer)
            decimals = 0
        back = size - start  # text[start - 25 : start] reversed is reverse[back : back + 25]
        if start and reverse[back] == ":":  # (the label read up to the ':' is empty)
            raw_label = label_reversed(reverse, back + 1, back + 25).group(0)[::-1]
        else:
            raw_label = label_reversed(reverse, back, back + 25).group(0)[::-1]
        label_start = start - len(raw_label)
        year = ""
        if label_start > 0 and text[label_start - 1] in _DIGIT_OR_PERCENT:
            year_match = _YEAR_BEFORE.search(text, max(0, label_start - 4), label_start + 2)
            if year_match and raw_label.startswith("年"):
                year = year_match.group(1)  # '2022年基本支出…': the year qualifies the figure
                # '2023年项目支出': 项 stays; '2023年末结转和结余': 年末 is the label's own
                if not raw_label.startswith(("年末", "年初", "年底")):
                    raw_label = raw_label.removeprefix("年度").removeprefix("年")
            elif raw_label[:1] in ".、":
                raw_label = raw_label.lstrip(".、")  # '2.项目支出173.84万元': a list's number, then the label
            else:
                raw_label = _LEFTOVER_UNIT.sub("", raw_label)
        if tables is None:
            label = clean_label(raw_label, prefixes, suffixes)
        else:  # clean_label(raw_label, prefixes, suffixes)
            label = raw_label.strip(_LABEL_QUOTES)
            if label:
                if label[0] in numbering_first:
                    label = numbering_sub("", label, count=1)
                candidates = by_first.get(label[0]) if label else None
                while candidates:
                    for prefix in candidates:
                        if label.startswith(prefix) and len(label) > len(prefix):
                            label = label[len(prefix) :]
                            candidates = by_first.get(label[0])
                            break
                    else:
                        break
                candidates = by_last.get(label[-1]) if label and not label.endswith(KEPT_ENDINGS) else None
                while candidates:
                    for suffix in candidates:
                        if label.endswith(suffix) and len(label) > len(suffix):
                            label = label[: -len(suffix)]
                            candidates = None if label.endswith(KEPT_ENDINGS) else by_last.get(label[-1])
                            break
                    else:
                        break
                if "“" in label or "”" in label or '"' in label:
                    label = label.replace("“", "").replace("”", "").replace('"', "")
        # (the last character of a label is looked up first: a word it ends with ends with it)
        last = raw_label[-1:]
        approx = (
            last in approx_last and raw_label.endswith(_APPROX_BEFORE) and not raw_label.endswith(_NOT_APPROX)
        ) or text.startswith(_APPROX_AFTER, end)
        if last == "了":
            last = raw_label[-2:-1]  # the last character of raw_label.removesuffix("了")
        if last in direction_last and raw_label.removesuffix("了").endswith(_DIRECTION_WORDS):
            role = "delta"
        elif (
            "年" in raw_label  # (in each of the words below)
            and (
                ("上年" in raw_label and "加上年" not in raw_label)
                or "去年" in raw_label
                or "上一年" in raw_label
            )
            and not _CARRIED.search(raw_label)
        ):
            # _PREVIOUS_WORDS; '上年结转20万元' is this year's money brought forward, not last year's;
            # '加上年初结余20万元' is 加上 and 年初
            role = "previous"
        else:
            role = "level"
        append(
            new(  # Quantity(...), without the Python-level __new__ of a NamedTuple
                Quantity,
                (kind, value, unit, decimals, start, end, number_end, label, raw_label, approx, role, year),
            )
        )
        if kind == "money" and decimals >= report_decimals.get(unit, 0):
            report_decimals[unit] = decimals
    return quantities, report_decimals


_TABLE_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")


def table_number(cell: str) -> Decimal | None:
    """A table cell holding just a number ('3,724,055.00', '96.85', '96.85%'); None otherwise."""
    text = cell.strip().rstrip("?")
    if not text or not _TABLE_NUMBER.match(text):
        return None
    return Decimal(text.rstrip("%").replace(",", ""))


def _read_table_row(line: Paragraph) -> TableRow:
    pieces = line.text.split("|")
    # the empty cells at the end are dropped: they are not made (a form's rows often end in a run)
    count = len(pieces)
    while count and not pieces[count - 1].strip():
        count -= 1
    cells = []
    position = line.start
    new = tuple.__new__  # Cell(...), without the Python-level __new__ of a NamedTuple
    for piece in pieces[:count]:
        stripped = piece.strip()
        offset = piece.find(stripped) if stripped else 0
        cells.append(new(Cell, (stripped, position + offset, position + offset + len(stripped))))
        position += len(piece) + 1
    return TableRow(tuple(cells), line.start, line.end)


_COLUMN_WORDS = words("parse.column_words")


def _is_header_cell(text: str) -> bool:
    return len(text) <= 16 and text[-1] not in "。;,:" and "|" not in text and table_number(text) is None


def _vertical_rows(paragraphs: list[Paragraph]) -> list[TableRow]:
    """A table flattened one cell per line: a run of column names, then a label and its numbers.

    年初预算数 / 全年预算数 / 全年执行数 / 执行率 / 权重 / 得分 / 财政拨款 / 100.00 / … become rows
    like the '|' ones, so the table checks apply to both layouts.
    """
    rows: list[TableRow] = []
    index, count = 0, len(paragraphs)
    # whether each line may be a column name, asked once per line (a long line is not one):
    # _is_header_cell, inlined; a paragraph's text is stripped and not empty, so one that opens
    # with neither a sign nor a digit is no table number (its regex needs one first)
    header_cell = [
        len(text) <= 16
        and text[-1] not in "。;,:"
        and "|" not in text
        and ((text[0] not in "+-" and not text[0].isdecimal()) or table_number(text) is None)
        for text in [p.text for p in paragraphs]
    ]
    if sum(header_cell) < 3:
        return rows  # no run of three column names
    while index < count:
        if not header_cell[index]:
            try:
                index = header_cell.index(True, index)  # (no run starts before the next one)
            except ValueError:
                break  # (nor after this line)
        run = index
        while run < count and header_cell[run]:
            run += 1
        header = paragraphs[index:run]
        if len(header) < 3 or sum(1 for p in header if any(w in p.text for w in _COLUMN_WORDS)) < 2:
            index = max(run, index + 1)
            continue
        # the run may end with the first row's label: keep it out of the header
        position = run
        data: list[TableRow] = []
        label = header[-1] if run < count and table_number(paragraphs[run].text) is not None else None
        names = header[:-1] if label is not None else header
        while position < count:
            numbers = []
            while position < count and table_number(paragraphs[position].text) is not None:
                numbers.append(paragraphs[position])
                position += 1
            if not numbers:
                break
            cells = [Cell(p.text, p.start, p.end) for p in ([label] if label else []) + numbers]
            data.append(TableRow(tuple(cells), cells[0].start, cells[-1].end))
            if (
                position < count
                and header_cell[position]
                and position + 1 < count
                and (table_number(paragraphs[position + 1].text) is not None)
            ):
                label = paragraphs[position]
                position += 1
            else:
                break
        if data:
            width = len(data[0].cells) - (1 if header[-1] is not names[-1] else 0)
            names = names[-width:] if 0 < width < len(names) else names  # drop a caption above the columns
            rows.append(
                TableRow(tuple(Cell(p.text, p.start, p.end) for p in names), names[0].start, names[-1].end)
            )
            rows.extend(data)
        index = max(position, index + 1)
    return rows


def _read_headings(paragraphs: list[Paragraph], source: NormalizedText | None = None) -> list[Heading]:
    found: list[tuple[int, int | None, str, str, Paragraph]] = []
    first_numbered = None
    annex_list = False
    heading_match = _HEADING.match
    title_end = _TITLE_END.search
    cn_numbers = _CN_NUMBERS
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if first_numbered is not None and text.startswith("附件") and _ANNEX.match(text):
            # 附件：1．…评分表 / 附件1: the annexes start here, outside the last numbered section.
            cut = _TITLE_END.search(text)
            found.append((0, None, "", text[: cut.start()] if cut else text[:30], paragraph))
            annex_list = text[2] in ":："
            continue
        if annex_list and _heading_match(text) is not None:
            continue  # “2．…基础数据表”: the next line of the 附件 list, not a heading
        annex_list = False
        if text[0] not in _HEADING_FIRST:
            if (
                first_numbered is not None
                and len(text) <= 30  # (_looks_like_unnumbered_heading's first test, before the call)
                and "|" not in text
                and _looks_like_unnumbered_heading(paragraphs, index)
            ):
                next_rank = _rank_of(paragraphs[index + 1].text)
                found.append((max(next_rank - 1, 1), None, "", text, paragraph))
            continue
        match = heading_match(text) if "|" not in text else None  # _heading_match, inlined
        if match is not None:
            end = match.end()
            if end == len(text) or (text[end] in " .、:" and not text[end:].strip(" .、:")):
                match = None  # a bare '(50)' is a table cell, not a heading
        if match is not None:
            group = match.lastgroup
            numeral = match.group(group)
            number = cn_numbers.get(numeral, cn_numbers)
            if number is cn_numbers:
                number = cn_number(numeral)
            cut = title_end(text, end, end + 30)  # the title up to its first mark, 30 at most
            title = text[end : cut.start()] if cut else text[end : end + 30]
            found.append((_GROUP_RANKS[group], number, match.group(0), title, paragraph))
            if first_numbered is None:
                first_numbered = index
        else:
            # (the pattern opens with a digit; the only digits of _HEADING_FIRST are ASCII ones)
            glued = _NUMBER_BEFORE_DIGITS.match(text) if text[0] in ASCII_DIGITS else None
            if glued is not None and (
                (
                    found
                    and found[-1][0] == 3
                    and found[-1][2].endswith(".")
                    and found[-1][1] == int(glued.group(1)) - 1
                )
                or (
                    glued.group(1) == "1"
                    and index + 1 < len(paragraphs)
                    and paragraphs[index + 1].text.startswith("2.")
                )
            ):
                # '3.20座设施中按期完工18座' after '2.…': item 3 whose text opens with a figure, not 3.2
                end = glued.end() - 1
                cut = title_end(text, end, end + 30)
                title = text[end : cut.start()] if cut else text[end : end + 30]
                found.append((3, int(glued.group(1)), text[:end], title, paragraph))
                continue
            if first_numbered is None or len(text) > 30 or "|" in text:
                continue  # (a line of more than 30 characters is no unnumbered heading either)
            if _looks_like_unnumbered_heading(paragraphs, index):
                next_rank = _rank_of(paragraphs[index + 1].text)
                found.append((max(next_rank - 1, 1), None, "", text, paragraph))
    headings: list[Heading] = []
    ranks: list[int] = []
    labels: list[str] = []  # the path: the label of each heading above, by rank
    new = tuple.__new__
    if source is not None:
        original, breaks, shifts = source.original, source._breaks, source._shifts
    for rank, number, marker, title, paragraph in found:
        while ranks and ranks[-1] >= rank:
            ranks.pop()
            labels.pop()
        shown = f"{marker}{title if rank <= 2 else title[:12]}"
        start = paragraph.start
        if source is not None:  # the path quotes the heading as written (（一） not (一))
            if shown:  # source.original_text(start, start + len(shown)), inlined
                last = start + len(shown) - 1
                at = bisect_right(breaks, start) - 1
                # the last character's shift is the first one's unless a break stands between them
                to = at if at + 1 == len(breaks) or breaks[at + 1] > last else bisect_right(breaks, last) - 1
                shown = original[start + shifts[at] : last + 1 + shifts[to]]
            else:
                shown = source.original_text(start, start)
        ranks.append(rank)
        labels.append(shown)
        headings.append(new(Heading, (rank, number, marker, title, start, paragraph.end, " > ".join(labels))))
    return headings


def _rank_of(text: str) -> int:
    if text[0] not in _HEADING_FIRST:
        return 99
    numbered = _heading_match(text)
    return numbered[0] if numbered is not None else 99


def _looks_like_unnumbered_heading(paragraphs: list[Paragraph], index: int) -> bool:
    """A short line with no final punctuation and no digits, followed by a numbered sub-heading."""
    text = paragraphs[index].text
    if len(text) > 30 or len(text) < 4 or text[-1] in TERMINAL + ",:" or not ASCII_DIGITS.isdisjoint(text):
        return False
    if index + 1 >= len(paragraphs):
        return False
    return _rank_of(paragraphs[index + 1].text) in (2, 3)


def _is_truncated(paragraphs: list[Paragraph]) -> bool:
    """A text that stops mid-sentence: its last line does not end the way a report ends."""
    if not paragraphs:
        return True
    last = paragraphs[-1].text
    if "|" in last:
        # a text that stops inside a table is cut off: the row ends without its closing '|', or
        # has fewer cells than the row above; a table flattened one cell a line ('人员支出 |')
        # ends each row with a line of bars, so a text whose last line is one cell stops mid-row
        if not last.endswith("|") or (last.count("|") == 1 and last.strip("| ")):
            return True
        above = paragraphs[-2].text if len(paragraphs) >= 2 else ""
        if _header_row(last):
            return True  # a table does not end on its header row
        return "|" in above and last.count("|") < above.count("|")
    if last[-1] in TERMINAL or _DATE_LINE.match(last):
        return False
    if len(paragraphs) >= 2 and _DATE_LINE.match(paragraphs[-2].text) and len(last) <= 30:
        return False  # date then signature
    return not (
        len(last) <= 30 and len(paragraphs) >= 2 and paragraphs[-2].text[-1] in TERMINAL and _is_org(last)
    )


_HEADER_WORDS = words("parse.header_words")


def _header_row(line: str) -> bool:
    """A row of column names only: three or more cells, no digit, naming columns (指标值, 得分 …)."""
    cells = [c.strip() for c in line.split("|") if c.strip()]
    return (
        len(cells) >= 3
        and ASCII_DIGITS.isdisjoint(line)
        and sum(1 for c in cells if c.endswith(_HEADER_WORDS)) >= 2
    )


def _is_org(text: str) -> bool:
    return text.endswith(
        ("局", "委员会", "协会", "办公室", "中心", "政府", "院", "所", "站", "馆", "会", "部", "队", "联合会")
    )


def parse_report(
    original: str, *, prefixes: tuple[str, ...] = (), suffixes: tuple[str, ...] = ()
) -> ParsedReport:
    source = normalize(original)
    text = source.text
    paragraphs: list[Paragraph] = []
    append = paragraphs.append
    position = 0
    new = tuple.__new__  # Paragraph(...), without the Python-level __new__ of a NamedTuple
    for line in text.split("\n"):
        if not line:
            position += 1  # (a blank line: nothing to strip)
            continue
        stripped = line.strip()
        if stripped is line:  # (str.strip gives the string itself when there is nothing to strip)
            append(new(Paragraph, (position, position + len(line), line)))
        elif stripped:
            start = position + line.find(stripped)
            append(new(Paragraph, (start, start + len(stripped), stripped)))
        position += len(line) + 1
    headings = _read_headings(paragraphs, source)
    codes = char_codes(text)
    index = table_index(codes)
    quantities, report_decimals = _read_quantities(text, prefixes, suffixes, codes, index)
    table_rows = (  # (a text with no '|' at all has no row of them: one scan, not one a line)
        [_read_table_row(p) for p in paragraphs if p.text.count("|") >= 2] if "|" in text else []
    )
    table_rows.extend(_vertical_rows(paragraphs))
    table_rows.sort(key=lambda row: row.start)
    report = ParsedReport(
        source=source,
        paragraphs=paragraphs,
        headings=headings,
        quantities=quantities,
        table_rows=table_rows,
        truncated=_is_truncated(paragraphs),
        report_decimals=report_decimals,
    )
    report._heading_starts = [h.start for h in headings]
    report._quantity_by_start = {q.start: q for q in quantities}
    report._quantity_starts = [q.start for q in quantities]
    report._paragraph_starts = [p.start for p in paragraphs]
    report.codes = codes
    report.code_index = index
    report.places = CharIndex(text, index)
    return report
