"""Text normalisation that remembers where every character came from.

Full-width digits and punctuation become ASCII (one character for one, so offsets do not move);
carriage returns, byte-order marks, zero-width characters and spaces next to Chinese text are
removed; in a line set with a space after every character (text taken from some PDF files:
"其 中 ： 基 本 支 出 6 0 . 0 0 万 元") the single spaces go too, digits included, and so do the
spaces that set a figure's groups of three apart ("收入合计1 023.60万元").
``NormalizedText.original_span`` maps a span of the normalised text back to the text as
read, so every finding can quote the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from jixiao.domain.checker.scan import occurrences

_ONE_FOR_ONE_MAP = dict(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "﹪": "%",
        "．": ".",
        "，": ",",
        "：": ":",
        "；": ";",
        "（": "(",
        "）": ")",
        "！": "!",
        "？": "?",
        "［": "[",
        "］": "]",
        "｛": "{",
        "｝": "}",
        "＜": "<",
        "＞": ">",
        "／": "/",
        "＋": "+",
        "－": "-",
        "｜": "|",
        "\u3000": " ",
        "\xa0": " ",
        "\t": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\x0b": " ",
        "\x0c": " ",
    }
)
_ONE_FOR_ONE = tuple(_ONE_FOR_ONE_MAP.items())


# the same map as a table of the code points below U+10000, for texts long enough that one numpy
# pass beats the 36 ``in`` tests (each reads the whole text when the character is absent)
_ONE_FOR_ONE_TABLE = np.arange(0x10000, dtype=np.uint32)
_ONE_FOR_ONE_TABLE[[ord(wide) for wide, _ in _ONE_FOR_ONE]] = [ord(narrow) for _, narrow in _ONE_FOR_ONE]
_ONE_FOR_ONE_BY_TABLE = 1000  # characters: below this the loop is faster


def _one_for_one(text: str) -> str:
    """str.translate is slow on CJK text; a replace per character that occurs is not, and one
    look-up of every code point in a table (then read back as UTF-32) is faster still on a report."""
    if len(text) >= _ONE_FOR_ONE_BY_TABLE:
        try:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:  # a lone surrogate: the loop below keeps it as it is
            codes = None
        # (a character beyond U+FFFF is not in the table: the loop below)
        if codes is not None and int(codes.max()) <= 0xFFFF:
            return _ONE_FOR_ONE_TABLE[codes.astype(np.intp)].tobytes().decode("utf-32-le")
    for wide, narrow in _ONE_FOR_ONE:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


_WIDE = frozenset(
    [chr(c) for c in range(0x2E80, 0xA000)]
    + [chr(c) for c in range(0x3000, 0x3040)]
    + list("“”‘’《》【】〔〕\n")
)
# Zero-width and carriage-return characters always go; a run of spaces goes when it touches
# Chinese text, a line end or a percent sign (so '2023 年' → '2023年' but '1 2' stays '1 2').
_CANDIDATES = " \r\ufeff\u200b\u200c\u200d\u2060"  # found by str.find: a class is slow to scan for


# A letter-spaced stretch: at least eight characters each followed by one space, with Chinese among
# them (so a table row of column numbers "0 1 2 3 4 5 6 7" stays as it is).
_LETTER_SPACED = re.compile(r"(?:[^\s] ){7,}[^\s]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _letter_spaced(text: str) -> frozenset[int]:
    """Offsets of the single spaces inside letter-spaced stretches. A text with few spaces is looked
    at line by line (one such line in an ordinary report); only lines half made of spaces are scanned."""
    spaces_in_text = text.count(" ")
    if spaces_in_text < 7:
        return frozenset()
    if spaces_in_text * 4 >= len(text):
        spans = [(0, len(text))]
    else:
        spans, start = [], 0
        for line in text.split("\n"):
            if len(line) >= 15 and line.count(" ") * 2 >= len(line) - 1:
                spans.append((start, start + len(line)))
            start += len(line) + 1
    spaces: set[int] = set()
    for low, high in spans:
        for match in _LETTER_SPACED.finditer(text, low, high):
            if len(_HAN.findall(match.group())) >= 4:
                spaces.update(range(match.start() + 1, match.end(), 2))
    return frozenset(spaces)


MANY_SPACES = 32  # spaces looked at one by one before one scan looks at the rest

# a space as the thousands separator ('1 023.60万元', '157 500公顷'): a figure after a word, its
# groups of three set apart, then its unit — not the single-spaced columns of a table ('350 120.00')
_SPACED_THOUSANDS = re.compile(r"(?<=[\u4e00-\u9fff:,(])\d{1,3}(?: \d{3})+(?:\.\d+)?(?=[\u4e00-\u9fff%])")
_DIGIT_SPACE_GROUP = re.compile(r"\d \d{3}")


def _thousands_spaces(text: str) -> frozenset[int]:
    at = text.find(" ")
    looked = 0
    while at >= 0 and not (text[at - 1 : at].isdigit() and _DIGIT_SPACE_GROUP.match(text, at - 1)):
        looked += 1
        if looked == MANY_SPACES:
            # a table set with ' | ': one scan for a digit, a space and three digits after this
            # space ('\d' is a digit for str.isdigit too, so its space is one the loop looks for)
            at = 0 if _DIGIT_SPACE_GROUP.search(text, at) else -1
            break
        at = text.find(" ", at + 1)  # few spaces in most texts: each looked at, no scan of the digits
    if at < 0:
        return frozenset()
    spaces: set[int] = set()
    for match in _SPACED_THOUSANDS.finditer(text):
        spaces.update(match.start() + i for i, ch in enumerate(match.group()) if ch == " ")
    return frozenset(spaces)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    original: str
    text: str
    _breaks: tuple[int, ...]
    _shifts: tuple[int, ...]

    def original_index(self, index: int) -> int:
        """Offset in the original text of the character at ``index`` in the normalised text."""
        return index + self._shifts[bisect_right(self._breaks, index) - 1]

    def normalized_index(self, original_index: int, starts: tuple[int, ...] | None = None) -> int:
        """Offset in the normalised text of the original character at ``original_index`` (a deleted
        character maps to the character after it). ``starts`` is :meth:`original_starts`, passed
        in when many offsets are mapped."""
        starts = starts if starts is not None else self.original_starts()
        k = bisect_right(starts, original_index) - 1
        index = original_index - self._shifts[k]
        return min(index, self._breaks[k + 1]) if k + 1 < len(self._breaks) else index

    def original_starts(self) -> tuple[int, ...]:
        return tuple(b + s for b, s in zip(self._breaks, self._shifts, strict=True))

    def original_text(self, start: int, end: int) -> str:
        """The text as read behind the normalised span (spaces, full-width forms and all)."""
        a, b = self.original_span(start, end)
        return self.original[a:b]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            position = self.original_index(start) if start < len(self.text) else len(self.original)
            return position, position
        breaks, shifts = self._breaks, self._shifts  # original_index, inlined (every finding asks)
        return start + shifts[bisect_right(breaks, start) - 1], end + shifts[
            bisect_right(breaks, end - 1) - 1
        ]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, those that overlap or touch joined into one."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _runs(text: str) -> list[tuple[int, int]]:
    """Runs of spaces, and runs of characters that always go, in order."""
    runs: list[tuple[int, int]] = []
    for a in occurrences(text, _CANDIDATES):
        kind = text[a] == " "
        if runs and runs[-1][1] == a and (text[runs[-1][0]] == " ") == kind:
            runs[-1] = (runs[-1][0], a + 1)
        else:
            runs.append((a, a + 1))
    return runs


# a line that opens a block of its own: a heading, a list item, a table, a note — never a
# wrapped line's continuation ('22.65万元' after a break is one, '2.资金管理' is not)
_BLOCK_START = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、.]|[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,2}(?:[、]|\.(?!\d))"
    r"|第[一二三四五六七八九十\d]{1,3}[章节条部]|[①-⑳]|表\s*\d|图\s*\d|注[:\d①]|附件|[|—-])"
)
_ENDS_BLOCK = frozenset("。!?;:”」)")
MIN_WRAPPED_LINES = 6
MIN_WRAPPED_WIDTH = 40  # columns: twenty Chinese characters


def _line_starts(lines: list[str]) -> list[int]:
    """Where each of the lines (the text split at its line breaks) starts in the text."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return starts


def _display_width(line: str) -> int:
    """The width a line takes on the page: a Chinese character or full-width mark is two columns,
    a digit, Latin letter or space one (its length in GBK bytes, counted in C)."""
    return len(line.encode("gbk", "replace"))


def _wrapped_breaks(text: str) -> list[int]:
    """The line breaks a PDF's fixed line width put inside sentences. Among the lines that end in the
    middle of a sentence, when many have one width on the page (±1 column: a line is cut at the last
    character that fits), each of about that width runs on into the next line, unless that one opens
    a block of its own (a heading, a list item, a table, a note). Ordinary paragraphs end their lines
    with a mark; lines that do not (headings, table rows) differ in width."""
    if text.count("\n") < MIN_WRAPPED_LINES:
        return []
    lines = text.split("\n")
    open_ended = [
        index
        for index, line in enumerate(lines[:-1])
        # (a line that ends in one of the marks, no space after it, is not looked at twice)
        if len(line) >= MIN_WRAPPED_WIDTH // 2
        and line[-1] not in _ENDS_BLOCK
        and line.rstrip()[-1:] not in _ENDS_BLOCK
    ]
    if len(open_ended) < MIN_WRAPPED_LINES:
        return []
    widths = {index: _display_width(lines[index].rstrip()) for index in open_ended}
    counts: dict[int, int] = {}
    for width in widths.values():
        if width >= MIN_WRAPPED_WIDTH:
            counts[width] = counts.get(width, 0) + 1
    if not counts:
        return []
    page = max(counts, key=lambda w: counts.get(w - 1, 0) + counts[w] + counts.get(w + 1, 0))
    near = counts.get(page - 1, 0) + counts[page] + counts.get(page + 1, 0)
    if near < MIN_WRAPPED_LINES or near * 3 < sum(counts.values()):
        return []
    starts = _line_starts(lines)
    breaks = []
    for index in open_ended:
        body = lines[index].rstrip()
        if not page - 4 <= widths[index] <= page + 1 or "|" in body or "  " in body.strip():
            continue  # another width, or a table's row
        following = lines[index + 1]
        if not following.strip() or _BLOCK_START.match(following):
            continue
        breaks.append(starts[index] + len(lines[index]))
    return breaks


_PAGE_MARKER = re.compile(r"(\d{1,3})、[ \t]*")
_PAGE_MARKER_LINE = re.compile(r"\n(\d{1,3})、[ \t]*")  # (a literal first: found fast, unlike '^')
_ENDS_PAGE = _ENDS_BLOCK | {"》"}  # (the text is read after full-width marks became half-width)
MIN_PAGE_LINE = 40  # characters: a page of text, not a heading
MIN_PAGE_TEXT = 150  # characters: every page but the last of a document site's run (about 300 each)


def _page_markers(text: str) -> list[tuple[int, int]]:
    """The page numbers a document site puts before each page's text ('1、<page one>' …
    '2、<page two>'), cutting a sentence where a page ends ('…相关协会\n2、参加各类专业比赛'). A
    marker is a long line opening with 'N、' whose last line before it ends in the middle of a
    sentence; only a run of them numbered one after another counts (a page 1 may follow the
    site's own words). Each is removed with the break before it, so the sentence reads on; the
    first page's number alone. Ordinary numbered paragraphs follow a sentence's stop."""
    later = list(_PAGE_MARKER_LINE.finditer(text))
    if not later:
        return []  # (no line opens with 'N、' after the first: most texts; a run needs two markers)
    found: list[tuple[int, int, int, int]] = []  # (number, delete from, delete to, the page's length)
    first = _PAGE_MARKER.match(text)
    for match in ([first] if first else []) + later:
        start = match.start(1)  # the line that opens with 'N、'
        line_end = text.find("\n", start)
        length = (line_end if line_end >= 0 else len(text)) - start
        if length < MIN_PAGE_LINE:
            continue
        # the last line before, blank lines skipped: it ends at the last non-blank character
        last_end = start
        while last_end and text[last_end - 1].isspace():
            last_end -= 1
        last_start = text.rfind("\n", 0, last_end) + 1
        number = int(match.group(1))
        open_before = last_end - last_start >= 20 and text[last_end - 1] not in _ENDS_PAGE
        if number == 1 or open_before:
            found.append((number, start if number == 1 else last_end, match.end(), length))
    runs: list[list[tuple[int, int, int, int]]] = []
    for marker in found:
        if runs and marker[0] == runs[-1][-1][0] + 1:
            runs[-1].append(marker)
        else:
            runs.append([marker])
    return [
        (a, b)
        for run in runs
        # a site shows a page as one long line; a list's items are shorter (the last page may be too)
        if len(run) >= 2 and run[1][0] >= 2 and all(length >= MIN_PAGE_TEXT for *_, length in run[:-1])
        for _, a, b, _ in run
    ]


def normalize(original: str) -> NormalizedText:
    translated = _one_for_one(original)
    pieces: list[str] = []
    breaks = [0]
    shifts = [0]
    deleted = 0
    position = 0
    length = len(translated)
    spaced = _letter_spaced(translated) | _thousands_spaces(translated)
    runs = _runs(translated)
    wrapped = _wrapped_breaks(translated)
    if wrapped:
        runs = sorted(runs + [(at, at + 1) for at in wrapped])
    pages = _page_markers(translated)
    if pages:
        runs = _merged(runs + pages)
    for a, b in runs:
        if translated[a] == " " and not (b == a + 1 and a in spaced):
            before = translated[a - 1] if a > 0 else "\n"
            after_index = b + 1 if b < length and translated[b] == "\r" else b
            after = translated[after_index] if after_index < length else "\n"
            if before not in _WIDE and after not in _WIDE and after != "%" and before != "\r":
                continue
        pieces.append(translated[position:a])
        deleted += b - a
        breaks.append(a - deleted + (b - a))
        shifts.append(deleted)
        position = b
    pieces.append(translated[position:])
    return NormalizedText(original, "".join(pieces), tuple(breaks), tuple(shifts))
