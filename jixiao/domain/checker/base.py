"""What every rule module shares: the per-document context, the rule registry decorator and the
small helpers that print amounts and percentages in findings.

The context builds the expensive views of a document once (statements, tables, the figure
table) and every rule reads them; a rule never re-parses the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

import numpy as np

from jixiao.domain.checker import scan
from jixiao.domain.checker.config import CheckerData, ReportType
from jixiao.domain.checker.findings import Finding
from jixiao.domain.checker.parse import ParsedReport, Quantity
from jixiao.domain.checker.statements import (
    CountList,
    FromTo,
    Parts,
    YearOnYear,
    find_count_lists,
    find_from_to,
    find_parts,
    find_year_on_year,
)
from jixiao.domain.money import round_half_up

ZERO = Decimal(0)
_FISCAL_YEAR = re.compile(r"((?:19|20)\d{2})年度")


def _of_list_heads(
    report: ParsedReport, statements: list[YearOnYear], parts: list[Parts]
) -> list[YearOnYear]:
    """'本年支出372.15万元，其中基本支出…，项目支出103.68万元；支出较上年351.26万元增加20.89万元': a change
    stated after the clause of a list (past its ';' or '。') is of the list's total, not of its last
    part."""
    last_parts = {group.parts[-1].start: group for group in parts if group.parts}
    if not last_parts:
        return statements
    text = report.text
    changed = []
    for statement in statements:
        current, previous = statement.current, statement.previous
        group = (
            last_parts.get(current.start)
            if current is not None and previous is not None and not statement.named
            else None
        )
        if group is not None:
            head = group.candidates[0]
            if (
                head.kind == current.kind
                and head.start < current.start
                and (
                    any(mark in text[current.end : previous.start] for mark in ";。")
                    # '“三公”经费2.86万元,其中…,因公出国(境)费0万元,较上年3.10万元下降7.74%': only the
                    # total's change is the one stated
                    or (_fits(statement, head, previous) and not _fits(statement, current, previous))
                )
            ):
                statement = replace(statement, current=head, start=head.start)
        changed.append(statement)
    return changed


def _fits(statement: YearOnYear, current: Quantity, previous: Quantity) -> bool:
    """The stated change (amount and/or rate) is ``previous`` → ``current``, within the rounding of
    the printed figures."""
    if statement.delta is None and statement.percent is None:
        return False
    now, before = current.base_value, previous.base_value
    halves = current.half_unit() + previous.half_unit()
    delta = statement.delta
    if delta is not None and abs(abs(now - before) - delta.base_value) > halves + delta.half_unit():
        return False
    if statement.percent is not None:
        if before <= halves:
            return False
        low = abs(now - before) - halves
        high = abs(now - before) + halves
        rate = statement.percent.value
        half = statement.percent.half_unit()
        if not (
            low * 100 / (before + halves) <= rate + half and rate - half <= high * 100 / (before - halves)
        ):
            return False
    return True


@dataclass
class CheckContext:
    report: ParsedReport
    data: CheckerData
    report_type: ReportType
    year_on_year: list[YearOnYear] = field(default_factory=list)
    from_to: list[FromTo] = field(default_factory=list)
    parts: list[Parts] = field(default_factory=list)
    count_lists: list[CountList] = field(default_factory=list)
    memo: dict = field(default_factory=dict)  # what several rules ask of one document, found once

    @classmethod
    def build(cls, report: ParsedReport, data: CheckerData, report_type: ReportType) -> CheckContext:
        parts = find_parts(report)
        return cls(
            report=report,
            data=data,
            report_type=report_type,
            year_on_year=_of_list_heads(report, find_year_on_year(report), parts),
            from_to=find_from_to(report),
            parts=parts,
            count_lists=find_count_lists(report),
        )

    @cached_property
    def codes(self) -> np.ndarray:
        """The code points of the normalised text (uint32), for the scans done in numpy at once
        (doubled characters, the confusion rule's windows)."""
        codes = self.report.codes  # read by parse_report
        return (
            codes
            if codes is not None
            else np.frombuffer(self.report.text.encode("utf-32-le"), dtype=np.uint32)
        )

    @cached_property
    def code_index(self) -> np.ndarray:
        """The code points as indices into tables (:func:`scan.table_index`)."""
        index = self.report.code_index
        return index if index is not None else scan.table_index(self.codes)

    @cached_property
    def doubles(self) -> tuple[list[int], list[int]]:
        """Where a Chinese character is written twice in a row (的的), and where a pair of them is
        (对象对象): one numpy pass over the text, shared by ``typo.doubled`` and ``typo.doubled_char``
        (each used a regex over every position)."""
        return _doubles(self.codes, self.report.text)

    @cached_property
    def doubled_spans(self) -> list[tuple[int, int]]:
        """(start, end) of what ``([\u4e00-\u9fff]{1,2})\1`` finds left to right without overlap
        (at each place the pair is tried first)."""
        one, two = self.doubles
        pairs = set(two)
        spans: list[tuple[int, int]] = []
        taken = 0
        for start in sorted(pairs.union(one)) if pairs else one:
            if start < taken:
                continue
            taken = start + (4 if start in pairs else 2)
            spans.append((start, taken))
        return spans

    @cached_property
    def long_doubles(self) -> list[tuple[int, int]]:
        """(start, length) where 3 to 12 characters are written twice in a row (林业局林业局,
        绩效评价报告绩效评价报告, 2023年2023年度), longest first at each place, without overlap."""
        return _long_doubles(self.codes, self.report.text)

    @cached_property
    def data_pairs(self) -> dict[str, list[int]]:
        """Where the first two characters of a match of the checker data's word-list patterns
        (typos, vague phrases) stand: one numpy pass over the text, shared by their rules."""
        return _pair_index(self.data).starts(self.report.text, self.code_index)

    def data_finditer(self, pattern: re.Pattern) -> Iterable[re.Match]:
        """``pattern.finditer(text)`` for one of the checker data's patterns, tried only where
        its first two characters stand (the regex engine tries a list of words at every
        character of the text)."""
        return _pair_index(self.data).finditer(pattern, self.report.text, self.data_pairs)

    def in_glued_form(self, position: int) -> bool:
        """Whether ``position`` is in a paragraph that is a form flattened with its cells glued
        together (:func:`tables.run_together_table`): there digits of neighbouring cells run into
        one number (“20 20” → 2020) and a cell's word meets the next one's (是|是), which the copy
        did, not the writer."""
        paragraph = self.report.paragraph_at(position)
        if paragraph is None:
            return False
        glued = self.memo.setdefault("glued_forms", {})
        if paragraph.start not in glued:
            from jixiao.domain.checker.tables import run_together_table

            glued[paragraph.start] = run_together_table(paragraph.text, self.data)
        return glued[paragraph.start]

    @cached_property
    def tables(self):
        """Tables flattened to text, read back into rows and columns (see tables.py)."""
        from jixiao.domain.checker.tables import read_tables

        return read_tables(self.report, self.data)

    @cached_property
    def figures(self):
        """Every printed figure with its subject, role, unit and place (see figures.py)."""
        from jixiao.domain.checker.figures import build_figure_table

        return build_figure_table(self.report, self.data, self.parts, self.tables)

    @cached_property
    def traditional(self) -> bool:
        """The text is shown in traditional characters (a repost site's display): the word lists
        and the lexicon are of simplified Chinese and do not read it."""
        # the code_index is np.minimum(codes, 0xFFFF) as intp, which numpy indexes with fastest
        return int(np.count_nonzero(_TRADITIONAL_TABLE[self.code_index])) >= 12

    @cached_property
    def fiscal_year(self) -> str:
        """The year the report evaluates ('2023' of “2023年度…绩效自评报告”), or "" when its opening
        names none: a figure that states no year of its own is of this year."""
        # _FISCAL_YEAR.search(text, 0, 1500): every match is four digits and 年度, so it is tried
        # four characters before each 年度 (str.find skips to them), leftmost first
        text = self.report.text
        at = text.find("年度", 4, 1500)
        while at >= 0:
            match = _FISCAL_YEAR.match(text, at - 4, 1500)
            if match:
                return match.group(1)
            at = text.find("年度", at + 1, 1500)
        return ""

    def finding(
        self,
        rule: str,
        severity: str,
        message: str,
        start: int,
        end: int,
        expected: str | None = None,
        found: str | None = None,
    ) -> Finding:
        return Finding(rule, severity, message, self.report.location(start, end), expected, found)


def _built_pair_index(data: CheckerData) -> scan.PairIndex:
    return scan.PairIndex(
        (data.typo_regex, data.vague_regex, *(pattern.regex for pattern in data.typo_patterns))
    )


def _pair_index(data: CheckerData) -> scan.PairIndex:
    """The pair index of the word-list patterns of ``data`` (built once per data)."""
    return data.once(_built_pair_index)


# common characters written only in traditional Chinese (their simplified forms differ)
_TRADITIONAL_ONLY = (
    "們個這為會來時說國發務職績資預財經費額與關進單對項實際報據機構門專業產區縣設計劃組織質標準數內員從優勢應"
)

_TRADITIONAL_TABLE = np.zeros(0x10000, dtype=np.uint8)  # a look-up by code: one pass, no sort
_TRADITIONAL_TABLE[[ord(ch) for ch in _TRADITIONAL_ONLY]] = 1

_CJK_LOW, _CJK_HIGH = 0x4E00, 0x9FFF


def _doubles(codes: np.ndarray, text: str) -> tuple[list[int], list[int]]:
    """Starts of a Chinese character written twice (的的) and of a pair of them written twice
    (对象对象): the equal neighbours are found first in numpy (few), then kept when Chinese, read
    in ``text`` (the text of ``codes``): a test in Python on a few places costs less than four
    more numpy calls on small arrays (and ``nonzero`` less than ``flatnonzero``'s wrappers)."""
    if codes.size < 2:
        return [], []
    low, high = chr(_CJK_LOW), chr(_CJK_HIGH)
    same = (codes[:-1] == codes[1:]).nonzero()[0].tolist()
    one = [at for at in same if low <= text[at] <= high]
    if codes.size < 4:
        return one, []
    apart = codes[:-2] == codes[2:]  # the character two places on is the same
    pairs = (apart[:-1] & apart[1:]).nonzero()[0].tolist()
    two = [at for at in pairs if low <= text[at] <= high and low <= text[at + 1] <= high]
    return one, two


_LONGEST_DOUBLE = 12
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}年")
_DOUBLED_MARKS = ":,;、"


def _long_doubles(codes: np.ndarray, text: str) -> list[tuple[int, int]]:
    """``CheckContext.long_doubles``: numpy finds, for each length L from 3 to 12, where three
    characters running equal those L places on (few places in a report; about 75 µs for the seed),
    then each is read in ``text``: the L characters are Chinese (or a year, 2023年) and the next L
    are the same."""
    size = codes.size
    starts: set[tuple[int, int]] = set()
    if size < 6:
        return []
    # the three characters from each place, as one number (each code point below 2^21)
    wide = codes.astype(np.uint64)
    threes = (wide[:-2] << np.uint64(42)) | (wide[1:-1] << np.uint64(21)) | wide[2:]
    for length in range(3, _LONGEST_DOUBLE + 1):
        if size < 2 * length:
            break
        runs = (threes[:-length] == threes[length:]).nonzero()[0]
        starts.update((int(at), length) for at in runs.tolist())
    found = []
    taken = 0
    low, high = chr(_CJK_LOW), chr(_CJK_HIGH)
    for at, length in sorted(starts):
        if at < taken or at + 2 * length > size:
            continue
        word = text[at : at + length]
        if text[at + length : at + 2 * length] != word:
            continue
        if (
            not all(low <= char <= high for char in word)
            and _YEAR_WORD.fullmatch(word) is None
            # a word and its mark written twice ('其中:其中:')
            and not (word[-1] in _DOUBLED_MARKS and all(low <= char <= high for char in word[:-1]))
        ):
            continue
        best = max(  # the longest doubled at this place (a shorter one may be a part of it)
            (
                longer
                for longer in range(length, _LONGEST_DOUBLE + 1)
                if (at, longer) in starts
                and text[at : at + longer] == text[at + longer : at + 2 * longer]
                and (longer == length or all(low <= char <= high for char in text[at : at + longer]))
            ),
        )
        found.append((at, best))
        taken = at + 2 * best
    return found


Rule = Callable[[CheckContext], list[Finding]]
RULE_DESCRIPTIONS: dict[str, str] = {}


def rule(rule_id: str, description: str) -> Callable[[Rule], Rule]:
    """Give a rule function its id and register its Chinese description (shown by --rules)."""

    def register(function: Rule) -> Rule:
        function.rule_id = rule_id  # type: ignore[attr-defined]
        RULE_DESCRIPTIONS[rule_id] = description
        return function

    return register


def show(quantity: Quantity) -> str:
    return f"{quantity.text}{quantity.unit}"


def pct(value: Decimal, places: int) -> str:
    return f"{round_half_up(value, places)}%"


def overlaps(low: Decimal, high: Decimal, stated: Decimal, half: Decimal) -> bool:
    return low <= stated + half and high >= stated - half


def amount_like(value_in_base: Decimal, like: Quantity) -> str:
    """A value in 元 (or a count) printed in the unit of ``like``, trailing zeros dropped."""
    value = value_in_base / like.scale
    places = max(like.decimals, 2) if like.kind == "money" else like.decimals
    text = format(round_half_up(value, places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}{like.unit}"


def plain(value: Decimal) -> str:
    """'52.600' → '52.6', '3.00' → '3'."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def of_the_project(context: CheckContext, subject: str) -> bool:
    """A figure's subject that is the project's own: none, 项目, or a name the report's title holds
    ('学生资助补助' of '…学生资助补助经费项目绩效自评报告', also when 上级 leads it). The title is the first of the first eight
    paragraphs that names a 报告 or an 自评表, found once per report."""
    if subject in ("", "项目"):
        return True
    title = context.memo.get("base.project_title")
    if title is None:
        title = context.memo["base.project_title"] = next(
            (p.text for p in context.report.paragraphs[:8] if "报告" in p.text or "自评表" in p.text), ""
        )
    subject = subject.removeprefix("上级")  # '上级下达…补助资金': the project's money, from above
    return len(subject) >= 2 and subject in title


def title_lines(text: str) -> list[str]:
    """The lines a report's title stands on: its first four lines (of its first 400 characters),
    stripped, past a 'SOURCE:' line, each without a 'TITLE:' tag."""
    lines = []
    for line in text[:400].split("\n")[:4]:
        line = line.strip()
        if not line.startswith("SOURCE:"):
            lines.append(line.removeprefix("TITLE:").strip())
    return lines


def sentence_span(text: str, position: int, low: int, high: int) -> tuple[int, int]:
    start = text.rfind("。", low, position)
    end = text.find("。", position, high)
    return (start + 1 if start >= 0 else low), (end if end >= 0 else high)


def section_span(report: ParsedReport, position: int) -> tuple[int, int]:
    starts = report._heading_starts
    index = bisect_right(starts, position) - 1
    start = starts[index] if index >= 0 else 0
    end = starts[index + 1] if index + 1 < len(starts) else len(report.text)
    return start, end


def major_section_span(report: ParsedReport, position: int, max_rank: int = 2) -> tuple[int, int]:
    """The span of the heading of rank ≤ ``max_rank`` (一、 or （一）) that contains ``position``."""
    start, end = 0, len(report.text)
    for heading in report.headings:
        if heading.rank > max_rank:
            continue
        if heading.start <= position:
            start = heading.start
        else:
            end = heading.start
            break
    return start, end
