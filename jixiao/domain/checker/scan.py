"""Finding a rule's pattern in a whole report fast, with exactly the matches ``finditer`` gives.

Python's regex engine looks for a pattern that starts with a character class or an alternation
(``[由从]``, ``比|较``, ``(?:个|家|所)``) by trying the pattern at every character of the text (some
10 ns a character: 30–60 µs for a seed-sized report, and the rules scan the report dozens of
times), while ``str.find`` skips to one given character at memory speed. :func:`finditer` reads
from the parsed pattern the few characters a match can start with, finds them with ``str.find``
and calls ``pattern.match`` only there: every match starts on one of them, so the leftmost
non-overlapping matches are the same. Patterns that may start with many characters (a digit, any
Chinese character) or match the empty string are left to ``pattern.finditer``. A report's
:class:`CharIndex` (``ParsedReport.places``) holds the places of all the characters the scans
start from, found in one numpy pass, so that each scan need not look for them again;
:func:`finditer_around` tries a pattern only before a rarer character inside every match,
:func:`finditer_anchored` before the characters read from the pattern (:func:`anchors`), and
:func:`number_matches` only before the character that follows a number.

For lists of words with many first characters (the curated typos, the vague phrases)
:class:`PairIndex` finds where their first two characters stand, for several patterns in one numpy
pass; :func:`char_positions` finds many single characters at once.

What the scans start from is read from the compiled patterns by the pattern analysis below
(:func:`first_chars`, :func:`first_pairs`, :func:`anchors` …): the rule modules ask it rather than
read ``re``'s parse trees themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import wraps
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import TypeVar

import numpy as np

# more first characters (or characters of an anchor) than this: one scan by the regex engine is faster
MAX_FIRST_CHARS = 12
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)  # the parsed elements that match no character

# ---------------------------------------------------------------------------------------------
# Pattern analysis: what a compiled pattern's parse tree says about where its matches stand (the
# only module that reads ``re``'s parser). Each public analysis is a function of a compiled
# pattern, worked out once for it (:func:`per_pattern`), written as a function of its parse tree:
# the characters a match starts with (:func:`first_chars`, :func:`first_pairs`), those around its
# first character (:func:`neighbours`), a character it holds after a choice of words
# (:func:`char_after_words`) or at known distances from its start (:func:`anchors`); and
# :func:`head_widths`, the lengths of a pattern's head.

T = TypeVar("T")


def per_pattern(analyse: Callable[[sre_parse.SubPattern], T | None]) -> Callable[[re.Pattern], T | None]:
    """``analyse`` made a function of a compiled pattern: given the pattern's parse tree, worked
    out once per pattern (by its text and flags), and None for a bytes pattern or one that ignores
    case (its characters are not only those written)."""
    found: dict[tuple[str, int], T | None] = {}

    @wraps(analyse)
    def analysed(pattern: re.Pattern) -> T | None:
        key = (pattern.pattern, pattern.flags)
        if key in found:
            return found[key]
        result = None
        if isinstance(pattern.pattern, str) and not pattern.flags & re.IGNORECASE:
            result = analyse(sre_parse.parse(pattern.pattern, pattern.flags))
        found[key] = result
        return result

    return analysed


def literal_chars(item) -> set[str] | None:
    """The characters one parsed element matches when it is a literal or a class of literals
    ('[亩户人]'), else None (a range, a category, a negated class …)."""
    op, value = item
    if op is sre.LITERAL:
        return {chr(value)}
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):
        return {chr(member) for _, member in value}
    return None


def _sequence(items) -> tuple[set[str], bool] | None:
    """(characters a match of ``items`` may start with, whether it may be empty), or None."""
    chars: set[str] = set()
    for item in items:
        found = _item(item)
        if found is None:
            return None
        first, nullable = found
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _item(item) -> tuple[set[str], bool] | None:
    op, value = item
    if op is sre.LITERAL:
        return {chr(value)}, False
    if op is sre.IN:
        chars = set()
        for kind, member in value:
            if kind is sre.LITERAL:
                chars.add(chr(member))
            elif kind is sre.RANGE and member[1] - member[0] < MAX_FIRST_CHARS:
                chars.update(chr(code) for code in range(member[0], member[1] + 1))
            else:
                return None  # a negated set, a category (\d, \s), a wide range
        return chars, False
    if op is sre.SUBPATTERN:
        _, add_flags, _, pattern = value
        if add_flags & sre.SRE_FLAG_IGNORECASE:
            return None
        return _sequence(pattern)
    if op is sre.ATOMIC_GROUP:
        return _sequence(value)
    if op is sre.BRANCH:
        chars = set()
        nullable = False
        for branch in value[1]:
            found = _sequence(branch)
            if found is None:
                return None
            chars |= found[0]
            nullable = nullable or found[1]
        return chars, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, pattern = value
        found = _sequence(pattern)
        if found is None:
            return None
        return found[0], found[1] or low == 0
    if op in _ZERO_WIDTH:
        return set(), True  # zero width: the match's first character comes after it
    return None  # any character, a back reference, a conditional …


@per_pattern
def first_chars(parsed) -> str | None:
    """The characters every match of ``pattern`` starts with (at most MAX_FIRST_CHARS), or None."""
    found = _sequence(parsed)
    if found is not None and not found[1] and 0 < len(found[0]) <= MAX_FIRST_CHARS:
        return "".join(sorted(found[0]))
    return None


MAX_PAIRS = 400


def _pairs_of(items) -> set[str] | None:
    items = list(items)
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN and not items[0][1][1]:
        items = list(items[0][1][3])  # a group around the whole: (?:…)
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        pairs: set[str] = set()
        for branch in items[0][1][1]:
            found = _pairs_of(branch)
            if found is None:
                return None
            pairs |= found
        return pairs
    if len(items) < 2:
        return None
    first, second = literal_chars(items[0]), literal_chars(items[1])
    if first is not None and second is None:  # a trie of words: 一(?:如继往|愁莫展)
        rest = _sequence(items[1:])
        second = rest[0] if rest is not None and not rest[1] else None
    if first is None or second is None or len(first) * len(second) > MAX_PAIRS:
        return None
    return {a + b for a in first for b in second}


@per_pattern
def first_pairs(parsed) -> frozenset[str] | None:
    """The two characters every match of ``pattern`` starts with (a list of words, '[亩户人]元'),
    or None when they are not known from the pattern's first two elements."""
    found = _pairs_of(parsed)
    if found and len(found) <= MAX_PAIRS and all(max(map(ord, pair)) < 0xFFFF for pair in found):
        return frozenset(found)
    return None


def edge_chars(items, last: bool = False) -> frozenset[str] | None:
    """The characters a match of the parsed ``items`` must begin (or, ``last``, end) with, when
    its first (last) element is a literal, a set of literals, or a group or choice of such
    sequences; None when not known that way (or when the sequence may be empty)."""
    if not items:
        return None
    op, value = item = items[-1] if last else items[0]
    chars = literal_chars(item)
    if chars is not None:
        return frozenset(chars)
    if op is sre.SUBPATTERN and not value[1] and not value[2]:
        return edge_chars(list(value[3]), last)
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            inner = edge_chars(list(branch), last)
            if inner is None:
                return None
            found |= inner
        return frozenset(found)
    return None


@per_pattern
def neighbours(parsed) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(the characters that must stand right before a match of ``pattern``, those that must
    follow its first character) when the pattern says so: a lookbehind of words before it
    ('(?<=较好|圆满)的' → 好, 满) and, after a first literal, a literal or a lookahead of words
    ('的(?=完成|落实)' → 完, 落); None for either when the pattern does not fix it."""
    items = list(parsed)
    before = None
    index = 0
    while index < len(items) and items[index][0] in _ZERO_WIDTH:
        op, value = items[index]
        if op is sre.ASSERT and value[0] == -1 and before is None:
            before = edge_chars(list(value[1]), last=True)
        index += 1
    after = None
    if index + 1 < len(items) and items[index][0] is sre.LITERAL:
        op, value = items[index + 1]
        if op is sre.ASSERT and value[0] == 1:
            after = edge_chars(list(value[1]))
        elif op in (sre.LITERAL, sre.IN):
            after = edge_chars([items[index + 1]])
    return before, after


@per_pattern
def char_after_words(parsed) -> tuple[str, tuple[int, ...], frozenset[str] | str | None] | None:
    r"""(the character, its distances from the start, what must follow it) of a pattern that
    opens with a choice of plain words followed by one literal character
    ('(?:基本|项目|财政拨款)支(?=\d)' → 支 at 2 or 4, then a digit), or None. What must follow
    the literal: a set of characters (a literal, a set of them, or a lookahead of words), "digit"
    for a ``\d`` or a lookahead of one, or None when not known that way (a test the character
    after the literal must pass: a match is still made by the pattern itself)."""
    items = list(parsed)
    if len(items) < 2 or items[1][0] is not sre.LITERAL:
        return None
    first = [items[0]]
    if items[0][0] is sre.SUBPATTERN and not items[0][1][1]:
        first = list(items[0][1][3])  # (?P<name>…): the group around the choice
    if len(first) != 1 or first[0][0] is not sre.BRANCH:
        return None
    branches = first[0][1][1]
    if not all(branch and all(op is sre.LITERAL for op, _ in branch) for branch in branches):
        return None
    return chr(items[1][1]), tuple(sorted({len(branch) for branch in branches})), _follow(items)


def _follow(items) -> frozenset[str] | str | None:
    """What must follow the literal of :func:`char_after_words` (its third element)."""
    if len(items) < 3:
        return None
    op, value = items[2]
    if op is sre.ASSERT and value[0] == 1:
        inner = list(value[1])
        if not inner:
            return None
        op, value = inner[0]
        if op is sre.BRANCH or op is sre.SUBPATTERN:
            return edge_chars(inner)
    if op is sre.IN and value == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
        return "digit"
    return edge_chars([(op, value)])


def _required_chars(op, value) -> set[str] | None:
    """The characters one element must match (a literal, a class of literals, or one of those
    repeated at least once), or None."""
    chars = literal_chars((op, value))
    if chars is not None or op is sre.IN:
        return chars
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and value[0] >= 1:
        inner = list(value[2])
        if len(inner) == 1:
            return _required_chars(*inner[0])
    return None


def _anchors_of(items, state, low: int, high: int) -> list[tuple[str, int, int]] | None:
    """(characters, low, high) such that every match of the sequence ``items`` that starts
    ``low``..``high`` characters into a match holds one of the characters at an offset from the
    match's start between its low and high; None when no such element is found before an element
    of unbounded width."""
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue  # matches no character: the offsets stay
        chars = _required_chars(op, value)
        if chars is not None and len(chars) <= MAX_FIRST_CHARS:
            return [("".join(sorted(chars)), low, high)]
        if op is sre.BRANCH:
            found: list[tuple[str, int, int]] = []
            for branch in value[1]:
                anchors = _anchors_of(branch, state, low, high)
                if anchors is None:
                    break
                found += anchors
            else:
                return found
        elif op is sre.SUBPATTERN and not value[1] & sre.SRE_FLAG_IGNORECASE:
            anchors = _anchors_of(value[3], state, low, high)
            if anchors is not None:
                return anchors
        least, most = sre_parse.SubPattern(state, [(op, value)]).getwidth()
        if most >= sre.MAXREPEAT - 1:
            return None
        low, high = low + least, high + most
    return None


@per_pattern
def anchors(parsed) -> list[tuple[str, int, int]] | None:
    """(characters, low, high) for each of the characters that every match of ``pattern`` holds
    somewhere between ``low`` and ``high`` characters from its start (one of the branches' for a
    choice: '…[xX×]{2,4}…|某某|…'), or None when the pattern may match the empty string or none
    is known before an element of unbounded width (the input of :func:`finditer_anchored`)."""
    if parsed.getwidth()[0] <= 0:
        return None
    found = _anchors_of(parsed, parsed.state, 0, 0)
    if found is None:
        return None
    merged: dict[tuple[int, int], set[str]] = {}  # the characters of the same offsets looked up at once
    for chars, low, high in found:
        merged.setdefault((low, high), set()).update(chars)
    return [("".join(sorted(chars)), low, high) for (low, high), chars in merged.items()]


def head_widths(head: str) -> range:
    """The lengths a match of the pattern ``head`` (its text) may have, from the shortest to the
    longest: the distances from a match's start of what follows the head (the offsets of
    :func:`finditer_around`, the ``heads`` of :func:`number_matches`)."""
    low, high = sre_parse.parse(head).getwidth()
    if high >= sre.MAXREPEAT:
        raise ValueError(f"unbounded: {head}")
    return range(low, high + 1)


# ---------------------------------------------------------------------------------------------
# Where characters stand in a text, and the matches found from them


def char_codes(text: str) -> np.ndarray:
    """The code points of ``text`` (uint32, read-only), for scans done in numpy at once."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def table_index(codes: np.ndarray) -> np.ndarray:
    """Code points as indices into tables of 0x10000 entries (numpy indexes far faster with
    ``intp`` than with ``uint32``); a character beyond U+FFFF reads entry 0xFFFF, a noncharacter
    that no table holds."""
    return np.minimum(codes, 0xFFFF).astype(np.intp)


_CHAR_TABLES: dict[str, np.ndarray] = {}


def char_positions(index: np.ndarray, chars: str) -> list[int]:
    """The positions of the characters ``chars`` (all below U+FFFF) in a text, found in one numpy
    pass (``index``: :func:`table_index` of the text): for many characters, where one ``str.find``
    each would read the text as often and a regex class tests each character slowly."""
    table = _CHAR_TABLES.get(chars)
    if table is None:
        table = np.zeros(0x10000, dtype=bool)
        table[[ord(char) for char in chars]] = True
        table[0xFFFF] = False  # where the characters beyond U+FFFF are read
        _CHAR_TABLES[chars] = table
    return np.flatnonzero(table[index]).tolist()


def occurrences(text: str, chars: str, start: int = 0, end: int | None = None) -> list[int]:
    """The positions of the characters ``chars`` in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    found: list[int] = []
    find = text.find
    append = found.append
    for char in chars:
        at = find(char, start, end)
        while at >= 0:
            append(at)
            at = find(char, at + 1, end)
    if len(chars) > 1:
        found.sort()
    return found


# The characters the scans have looked for in this process (at most 255, all below U+FFFF), each
# with its number, and the table of those numbers: replaced as a whole when one is added, so a
# CharIndex always reads a table and a list of characters that agree.
_ALPHABET: tuple[dict[str, int], np.ndarray] = ({}, np.zeros(0x10000, dtype=np.uint8))


def _learn(chars: str) -> None:
    """Add ``chars`` to the characters the next texts' indexes hold."""
    global _ALPHABET
    numbers, table = _ALPHABET
    new = [char for char in dict.fromkeys(chars) if char not in numbers and ord(char) < 0xFFFF]
    if not new or len(numbers) + len(new) > 255:
        return
    numbers, table = dict(numbers), table.copy()
    for char in new:
        numbers[char] = len(numbers) + 1
        table[ord(char)] = numbers[char]
    _ALPHABET = numbers, table


# for a string of characters asked for, the alphabet (its dict of numbers) found to hold every
# one of them, and the runs of consecutive numbers they have there, (first, last) each: the
# characters of one string are mostly learned together, so their places are mostly one stretch
# of a CharIndex's list (an alphabet is never changed, only replaced when it grows)
_RUNS_OF: dict[str, tuple[dict[str, int], tuple[tuple[int, int], ...]]] = {}


def _number_runs(numbers: list[int]) -> tuple[tuple[int, int], ...]:
    """Ascending ``numbers`` as runs of consecutive ones, (first, last) each (a number given twice
    starts a run of its own: its places are listed twice, as for a character given twice)."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return tuple(runs)


class CharIndex:
    """Where the characters that the scans look for stand in one text, found for all of them in
    one numpy pass on the first question: a report is scanned from some forty characters (年, 比,
    。 …), and a ``str.find`` loop costs about as much for each of them as the one pass for all.
    The characters are those asked for in this process; one not asked for before is found with
    ``str.find`` this time and held by the indexes of the texts that follow."""

    def __init__(self, text: str, index: np.ndarray):
        """``index``: :func:`table_index` of ``text``."""
        self.text = text
        self.index = index
        self._ends: list[int] | None = None
        self._at: list[int] = []
        self._held: dict[str, int] = {}

    def _build(self) -> list[int]:
        """The places of all the alphabet's characters, as one list sorted by character number
        (each one's places in order), and where each character's run of it ends: the run of the
        character numbered n is ``_at[_ends[n - 1] : _ends[n]]``, sliced only when asked for (a
        report asks for some 60 of the 120 characters it holds)."""
        numbers, table = _ALPHABET
        self._held = numbers
        found = table[self.index]
        at = np.flatnonzero(found.astype(bool))  # (nonzero reads bool far faster than uint8)
        if at.size:
            found = found[at]
            order = np.argsort(found, kind="stable")  # by character, each one's places in order
            self._at = at[order].tolist()
            # (the numbers are 1..255; found holds no 0, so each run ends where the counts of the
            # numbers up to its own do)
            self._ends = np.bincount(found, minlength=256).cumsum().tolist()
        else:
            self._ends = [0] * 256
        return self._ends

    def occurrences(self, chars: str) -> list[int]:
        """``occurrences(text, chars)``: the positions of the characters ``chars``, in order."""
        ends = self._ends if self._ends is not None else self._build()
        held = self._held
        known = _RUNS_OF.get(chars)
        if known is None or known[0] is not held:  # not yet known to be held by this alphabet
            if not all(char in held for char in chars):
                _learn(chars)
                return occurrences(self.text, chars)
            known = (held, _number_runs(sorted(held[char] for char in chars)))
            if len(_RUNS_OF) < 4096:
                _RUNS_OF[chars] = known
        at = self._at
        runs = known[1]
        if len(runs) == 1:
            first, last = runs[0]
            found = at[ends[first - 1] : ends[last]]
            if first != last:
                found.sort()  # (the places of several characters, one after the other)
            return found
        found = []
        for first, last in runs:
            found += at[ends[first - 1] : ends[last]]
        found.sort()
        return found


def places_of(text: str, chars: str, places: CharIndex | None = None) -> list[int]:
    """``occurrences(text, chars)``, from the text's :class:`CharIndex` when the caller has it."""
    return places.occurrences(chars) if places is not None else occurrences(text, chars)


def matches_at(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """``list(pattern.finditer(text))`` when every match starts at one of ``starts`` (ascending)
    and none is empty."""
    found = []
    taken = 0
    match = pattern.match
    for start in starts:
        if start < taken:
            continue
        hit = match(text, start)
        if hit is not None:
            found.append(hit)
            taken = hit.end()
    return found


def finditer(pattern: re.Pattern, text: str, places: CharIndex | None = None) -> Iterable[re.Match]:
    """The matches of ``pattern.finditer(text)``, found by their first characters when few
    (``places``: the :class:`CharIndex` of ``text``, when the caller has it)."""
    chars = first_chars(pattern)
    if chars is None:
        return pattern.finditer(text)
    return matches_at(pattern, text, places_of(text, chars, places))


def finditer_around(
    pattern: re.Pattern, text: str, anchors: str, offsets: Iterable[int], places: CharIndex | None = None
) -> list[re.Match]:
    """``list(pattern.finditer(text))`` for a pattern whose every match holds one of the
    characters ``anchors`` at one of ``offsets`` from its start (the 年 of '2023年度…项目', the 分
    of '自评得分95分'): for patterns that may start with common characters while a rarer one
    stands inside every match. Tried only at those distances before each anchor."""
    found = places_of(text, anchors, places)
    if not found:
        return []
    offsets = tuple(offsets)
    starts = sorted({at - offset for at in found for offset in offsets if at >= offset})
    return matches_at(pattern, text, starts)


def finditer_anchored(pattern: re.Pattern, text: str, places: CharIndex | None = None) -> list[re.Match]:
    """``list(pattern.finditer(text))``, tried only where a match can start: at the offsets before
    the characters every match holds (:func:`anchors`; an alternation such as the placeholders,
    '…[xX×]{2,4}…|某某|…', is tried at every character by the regex engine). Every match starts at
    one of those places, so the leftmost matches that do not overlap are the same. :func:`finditer_around`
    with the anchors read from the pattern."""
    found = anchors(pattern)
    if found is None:
        return list(pattern.finditer(text))
    starts = set()
    for chars, low, high in found:
        for at in places_of(text, chars, places):
            starts.update(range(max(at - high, 0), at - low + 1))
    if len(starts) * 25 > len(text):  # (a match tried costs some 25 characters of a scan)
        return list(pattern.finditer(text))
    return matches_at(pattern, text, sorted(starts))


def number_matches(
    pattern: re.Pattern, text: str, places: CharIndex | None, end: str, heads: range, whole: int = 1
) -> list[re.Match]:
    """``list(pattern.finditer(text))`` for a pattern made of a head (no digit in it, of one of the
    lengths ``heads``: :func:`head_widths`, never ending with '.'), a number (digits, maybe a '.'
    and more digits; ``whole`` digits at least before the '.') and the character ``end`` ('%',
    '分'), with no lookaround. Every match ends at an ``end`` right after a digit (few in a text)
    and holds no other, its number is all the digits and dots that run back from that ``end``,
    and it starts at most ``heads[-1]`` characters before them. So the pattern is searched only
    there, up to that ``end`` (the leftmost match there is the one ``finditer`` finds: any match
    in that stretch ends at that ``end``), not tried at each of its first characters (many: 增,
    上, 下 …) or before every ``end`` at every distance."""
    found = []
    low = 0  # past the last such end: no match holds two
    reach = heads[-1]
    search = pattern.search
    for at in places_of(text, end, places):
        if not at or not text[at - 1].isdecimal():  # (\d, as re reads it)
            continue
        number = at - 1
        while number > low:
            char = text[number - 1]
            if char != "." and not char.isdecimal():
                break
            number -= 1
        dot = text.find(".", number, at)
        if (dot if dot >= 0 else at) - number >= whole:
            match = search(text, max(low, number - reach), at + 1)
            if match is not None:
                found.append(match)
        low = at + 1
    return found


def search(pattern: re.Pattern, text: str, places: CharIndex | None = None) -> re.Match | None:
    """``pattern.search(text)``, tried only at the characters a match can start with (the first
    of them where the pattern matches is where the leftmost match starts)."""
    chars = first_chars(pattern)
    if chars is None:
        return pattern.search(text)
    match = pattern.match
    for start in places_of(text, chars, places):
        hit = match(text, start)
        if hit is not None:
            return hit
    return None


# ---------------------------------------------------------------------------------------------
# Patterns that start with two known characters (lists of words: typos, vague phrases):
# :func:`first_pairs` found for several patterns at once


class PairIndex:
    """The first two characters of several patterns' matches, looked up for every position of a
    text in one numpy pass: each character that occurs in a pair has a small number, and a table
    indexed by the numbers of two neighbours says whether they form a pair."""

    def __init__(self, patterns: tuple[re.Pattern, ...]):
        self.pairs = {pattern: first_pairs(pattern) for pattern in patterns}
        known = sorted({pair for pairs in self.pairs.values() if pairs for pair in pairs})
        chars = sorted({char for pair in known for char in pair})
        if len(chars) > 250:  # a character's number would not fit in a byte: plain scans
            self.pairs = dict.fromkeys(patterns)
            known, chars = [], []
        self.number = np.zeros(0x10000, dtype=np.uint8)
        self.number[[ord(char) for char in chars]] = np.arange(1, len(chars) + 1, dtype=np.uint8)
        self.width = len(chars) + 1
        self.table = np.zeros(self.width * self.width, dtype=bool)
        for pair in known:
            self.table[int(self.number[ord(pair[0])]) * self.width + int(self.number[ord(pair[1])])] = True

    def starts(self, text: str, index: np.ndarray) -> dict[str, list[int]]:
        """Pair → the positions where it stands in ``text`` (``index``: :func:`table_index`)."""
        if index.size < 2:
            return {}
        number = self.number[index]
        first = np.flatnonzero(number[:-1].astype(bool))  # the characters that start some pair (few)
        pair = number[first].astype(np.intp)
        pair *= self.width
        pair += number[first + 1]
        found: dict[str, list[int]] = {}
        for at in first[self.table[pair]].tolist():
            found.setdefault(text[at : at + 2], []).append(at)
        return found

    def finditer(self, pattern: re.Pattern, text: str, starts: dict[str, list[int]]) -> Iterable[re.Match]:
        """``pattern.finditer(text)``, tried only where its pairs stand (``starts``: :meth:`starts`)."""
        pairs = self.pairs.get(pattern)
        if pairs is None:
            return finditer(pattern, text)
        places = [at for pair in pairs.intersection(starts) for at in starts[pair]]
        if not places:
            return []
        places.sort()
        return matches_at(pattern, text, places)
