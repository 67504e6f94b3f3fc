"""Typo rules that need to know which strings are words (the lexicon, see lexicon.py): one
character written twice ("优待金金发放"), a book title or a bracket dropped into the middle of a
word ("企事《…》业单位"), and a number followed by letters that are no unit of measurement
("32.49hmm").

The lexicon, the characters that end a name and the units are data in
``jixiao/data/checker/typos.yaml``. Without the lexicon (jieba not installed) the first two rules
fall back to what needs no lexicon: the fixed pairs 的的, 是是 … of ``typo.doubled``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.config import DATA_DIR, CheckerData
from jixiao.domain.checker.confusion import ConfusionIndex, load_confusion
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.lexicon import Lexicon, load_lexicon
from jixiao.domain.checker.rules_text import _DOUBLE_CHARS, _is_cjk

_CONTEXT = 5  # characters of context on each side that the segmentation sees


_LEXICON_OF: dict[int, tuple[CheckerData, Lexicon | None]] = {}


def lexicon_of(context: CheckContext) -> Lexicon | None:
    """The lexicon with the checker data's extra words (looked up once per data, not per rule)."""
    data = context.data
    known = _LEXICON_OF.get(id(data))
    if known is None or known[0] is not data:
        spec = data.typos.get("lexicon") or {}
        known = _LEXICON_OF[id(data)] = (data, load_lexicon(tuple(spec.get("extra_words") or ())))
    return known[1]


def _run_left(text: str, end: int, limit: int = _CONTEXT) -> int:
    start = end
    low = max(end - limit, 0)
    while start > low and "\u4e00" <= text[start - 1] <= "\u9fff":  # _is_cjk, inlined
        start -= 1
    return start


def _run_right(text: str, start: int, limit: int = _CONTEXT) -> int:
    end = start
    high = min(start + limit, len(text))
    while end < high and "\u4e00" <= text[end] <= "\u9fff":  # _is_cjk, inlined
        end += 1
    return end


def _word_at(words: tuple[str, ...], position: int) -> tuple[int, str]:
    """(start, word) of the word of ``words`` that covers character ``position``."""
    start = 0
    for word in words:
        if start <= position < start + len(word):
            return start, word
        start += len(word)
    return start, ""


# ---------------------------------------------------------------------------------------------
# One character written twice


def doubled_character(
    lexicon: Lexicon, text: str, first: int, name_suffixes: str, particles: str = ""
) -> str | None:
    """Why the character at ``first`` and ``first + 1`` (the same) is one too many, or None.

    The few characters around are split into their most probable words. The pair is
    legitimate when both characters sit in one word (常常, 仅仅, 管管) or each in a word of two
    or more characters (资金|金额, 其中|中央, 宣传部|部长); and when the right one starts a word
    and the left one ends a name (市, 县, 街, 部 …: 安宁市|市场, 县街|街道) or any word of the
    lexicon, even one the split passed over for being rare (本年|年末). Otherwise one of them
    stands alone between words ("优待金|金|发放", "完成|成|了"): one is too many. The right one
    must start a word of the most probable split: "优待金|金发|放" is not how the text reads.
    """
    if _plainly_two_words(lexicon, text, first):
        return None
    if text[first] in name_suffixes and lexicon.is_word(text[first + 1 : first + 3]):
        return None  # a name, then a word with the same character: 组织部|部长, 安宁市|市场
    low, high = _run_left(text, first), _run_right(text, first + 2)
    window = text[low:high]
    words = lexicon.segment(window)
    at = first - low
    left_start, left = _word_at(words, at)
    right_start, right = _word_at(words, at + 1)
    if left_start == right_start or (len(left) > 1 and len(right) > 1):
        return None
    char = text[first]
    if len(right) > 1 and (
        char in name_suffixes
        or any(lexicon.is_word(text[first - k : first + 1]) for k in (1, 2, 3) if k <= first)
    ):
        return None  # a word ends at the left one, even a rare one the split passed over (本年|年末)
    lone = left_start if len(left) == 1 else right_start
    neighbour = right if len(left) == 1 else left
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word))
    # the word on the far side of the lone character: a word of its own ("优待金|金|发放") makes
    # the character superfluous; nothing, or one more lone character that is no particle
    # ("公路|路|长", "耕地|地|力"), is more likely a word the lexicon lacks (路长, 地力)
    index = starts.index(lone)
    if len(left) > 1:
        far = words[index + 1] if index + 1 < len(words) else ""  # the pair ends the text ("208.4万元元")
    else:
        far = words[index - 1] if index else ""
    if not far or (len(far) == 1 and far not in particles):
        return None
    # quote the pair with the word on each side: "优待金金发放", not the whole window
    low_index = max(starts.index(left_start) - (len(left) == 1), 0)
    high_index = min(starts.index(right_start) + 1 + (len(right) == 1), len(words))
    quote_start, quote_end = starts[low_index], starts[high_index]
    quote = window[quote_start:quote_end]
    fixed = window[quote_start:lone] + window[lone + 1 : quote_end]
    return (
        f"“{char * 2}”叠字：“{quote}”中多了一个“{char}”（“{neighbour}”旁的“{char}”不成词，删去后为“{fixed}”）"
    )


def _plainly_two_words(lexicon: Lexicon, text: str, first: int) -> bool:
    """The common case, told without splitting: a word ends at the left character, a word starts
    at the right one, and no word starting after the right one runs past that word's end (which
    would make the right one stand alone: 优待金|金发 against 金|发放)."""
    right_at = first + 1
    if not any(lexicon.is_word(text[first - k : first + 1]) for k in (1, 2, 3) if k <= first):
        return False
    end = next(
        (right_at + n for n in (4, 3, 2) if lexicon.is_word(text[right_at : right_at + n])),
        None,
    )
    if end is None or end > len(text):
        return False
    return not any(
        lexicon.is_word(text[start : start + n])
        for start in range(right_at + 1, end)
        for n in (2, 3, 4)
        if start + n > end and start + n <= len(text) and _is_cjk(text[start + n - 1])
    )


@rule("typo.doubled_char", "单字叠字（“优待金金发放”）：按词表切分，叠用的两个字中有一个不属于任何词")
def check_doubled_characters(context: CheckContext) -> list[Finding]:
    text = context.report.text
    candidates = context.doubled_characters  # ([\u4e00-\u9fff])\1, one numpy pass
    if not candidates:
        return []
    lexicon = lexicon_of(context)
    if lexicon is None:
        return []
    spec = context.data.typos.get("lexicon") or {}
    suffixes = spec.get("name_suffixes") or ""
    particles = spec.get("particles") or ""
    fixed_pairs = _DOUBLE_CHARS
    source = context.report.source
    findings = []
    for first in candidates:
        if text[first : first + 2] in fixed_pairs:
            continue  # typo.doubled reports these
        if (first and text[first - 1] == text[first]) or text[first + 2 : first + 3] == text[first]:
            continue  # three in a row (哈哈哈) is not a slip of one character
        if first and text[first - 1] in "0123456789":
            continue  # the first one counts the number before it: 2022年|年初, 3个|个人
        a, b = source.original_span(first, first + 2)
        if b - a != 2:
            continue  # a space or line break stood between them (table cells)
        why = doubled_character(lexicon, text, first, suffixes, particles)
        if why is None:
            continue
        findings.append(
            context.finding(
                "typo.doubled_char",
                WARNING,
                why,
                first,
                first + 2,
                expected=text[first],
                found=text[first : first + 2],
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A book title or a bracket inside a word

_CJK_CHAR = re.compile("[\u4e00-\u9fff]")
_SCOPE_WORDS = ("含", "包括", "包含", "不含", "不包括", "其中", "以下", "以上")
_INSERTED = (
    re.compile(r"《[^《》\n]{1,80}》"),
    re.compile(r"\([^()\n]{1,80}\)"),
)


def inserted_into_word(lexicon: Lexicon, left: str, right: str) -> str | None:
    """The word that ``left`` and ``right`` (the characters on each side of an inserted span)
    form across the span, when neither part is a word of its own; None otherwise."""
    if not any(
        lexicon.is_word(left[-a:] + right[:b])
        for a in range(1, min(len(left), 3) + 1)
        for b in range(1, min(len(right), 3) + 1)
    ):
        return None  # no word across the span at all: the usual case, told without splitting
    words = lexicon.segment(left + right)
    start = 0
    for word in words:
        end = start + len(word)
        if start < len(left) < end:
            head, tail = word[: len(left) - start], word[len(left) - start :]
            if lexicon.is_word(head) and lexicon.is_word(tail):
                return None  # two words that may well stand apart (资金（含…）管理)
            return word
        start = end
    return None


@rule(
    "typo.inserted",
    "书名号或括号插在一个词中间（“企事《…》业单位”）：两边的字连起来才成词",
)
def check_inserted_spans(context: CheckContext) -> list[Finding]:
    text = context.report.text
    spans = []
    for regex in _INSERTED:
        for match in regex.finditer(text):
            start, end = match.start(), match.end()
            if start == 0 or end >= len(text) or not _is_cjk(text[start - 1]) or not _is_cjk(text[end]):
                continue
            inner = match.group(0)[1:-1]
            if regex is _INSERTED[1] and len(inner) <= 2:
                continue  # an alternative reading: 学（协）会, 维修（护）费
            if _CJK_CHAR.search(inner) is None:  # no _is_cjk character inside
                continue  # a gloss or an abbreviation: 数字表（figure table）里
            if inner.startswith(_SCOPE_WORDS):
                continue  # the scope of the noun it stands in: 脱贫(含监测对象)户, 人员(不含借调)数
            spans.append((start, end))
    if not spans:
        return []
    lexicon = lexicon_of(context)
    if lexicon is None:
        return []
    findings = []
    for start, end in spans:
        left = text[_run_left(text, start, 4) : start]
        right = text[end : _run_right(text, end, 4)]
        word = inserted_into_word(lexicon, left, right)
        if word is None:
            continue
        findings.append(
            context.finding(
                "typo.inserted",
                WARNING,
                f"“{text[start:end][:20]}”插在词中间：前后的“{left}”“{right}”连起来是“{word}”，"
                f"疑为误粘，应为“{left}{right}”",
                max(0, start - len(left)),
                end + len(right),
                expected=left + right,
                found=text[start - len(left) : end + len(right)],
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A number followed by letters that are no unit

# digits, then letters (with ² ³ or a 2/3 power), then no more letters, digits or code marks
_NUMBER_LETTERS = re.compile(r"(\d+(?:\.\d+)?) ?([A-Za-z]+[²³23]?)(?!\.?[A-Za-z0-9_%/=&#-])")
_DIGIT_LETTER = re.compile(r"[0-9] ?[A-Za-z]")  # found first (fast), then the whole number before
# the same on the text's ASCII skeleton (digits → 0, letters → a, any other character kept or '?'):
# a pattern that starts with a literal is scanned many times faster than one with a class
_SKELETON = bytes(
    ord("0") if chr(code).isdigit() else ord("a") if chr(code).isalpha() else code for code in range(128)
) + bytes(range(128, 256))
_DIGIT_LETTER_SKELETON = re.compile(rb"0 ?a")


def _digit_letters(text: str) -> list[tuple[int, int]]:
    """The spans of ``_DIGIT_LETTER.finditer(text)``: ASCII only, so found in one byte a character."""
    skeleton = text.encode("ascii", "replace").translate(_SKELETON)
    return [pair.span() for pair in _DIGIT_LETTER_SKELETON.finditer(skeleton)]


_CODE_MARKS = frozenset("/_%=&#?:@-.\\")


@lru_cache(maxsize=4)
def _units(key: int, known: tuple[str, ...], case: tuple[tuple[str, str], ...], skip: tuple[str, ...]):
    return frozenset(known), dict(case), frozenset(skip)


def unit_problem(
    letters: str, known: frozenset, case: dict, skip: frozenset, used: Counter | None = None
) -> tuple[str, str | None] | None:
    """(message, suggestion) for letters after a number that are no known unit, or None. The
    suggestion is a known unit one letter shorter, the one the document uses most (``used``)."""
    if letters in known or letters in skip:
        return None
    if letters in case:
        right = case[letters]
        return f"单位“{letters}”大小写不规范，应写“{right}”", right
    if not letters.islower() and not letters.rstrip("23²³").islower():
        return None  # capitals: an acronym or a model (LED, PVC, 5G), not a unit attempt
    if set(letters.rstrip("23²³")) <= {"x"}:
        return None  # the 20xx placeholder: template.leftover reports it
    used = used or Counter()
    near = sorted(
        {letters[:i] + letters[i + 1 :] for i in range(len(letters))} & known,
        key=lambda unit: (-used[unit], unit),
    )
    suggestion = near[0] if near else None
    hint = f"，是否应为“{suggestion}”" if suggestion else ""
    return f"“{letters}”不是常用的计量单位{hint}", suggestion


@rule("typo.unit", "数字后的字母单位写错（“32.49hmm”）：不在常用计量单位表中；编号、网址、型号不查")
def check_units(context: CheckContext) -> list[Finding]:
    text = context.report.text
    spec = context.data.typos.get("units") or {}
    if not spec:
        return []
    known, case, skip = _units(
        id(spec),
        tuple(spec.get("known") or ()),
        tuple((str(k), str(v)) for k, v in (spec.get("case") or {}).items()),
        tuple(spec.get("skip") or ()),
    )
    findings = []
    matches = []
    for pair_start, pair_end in _digit_letters(text):
        begin = pair_start
        while begin > 0 and (text[begin - 1] in "0123456789."):
            begin -= 1
        match = _NUMBER_LETTERS.match(text, begin if text[begin] != "." else begin + 1)
        if match is not None and match.end() >= pair_end:
            matches.append(match)
    used = Counter(m.group(2) for m in matches if m.group(2) in known)
    for match in matches:
        start = match.start()
        before = text[start - 1] if start else ""
        if before and ((before.isalpha() and not _is_cjk(before)) or before in _CODE_MARKS):
            continue  # letters or code marks before the number: an identifier (PVC110, 51000021R…)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if "://" in line or line.startswith(("SOURCE:", "TITLE:")):
            continue
        token_start = start
        while (
            token_start > line_start
            and not _is_cjk(text[token_start - 1])
            and text[token_start - 1] not in " ,;:()"
        ):
            token_start -= 1
        if any(ch.isalpha() for ch in text[token_start:start]):
            continue
        letters = match.group(2)
        if letters not in known and letters not in case and (" " in match.group(0) or len(letters) > 4):
            continue  # a word after a space ("2 decimals") or a long run is no unit attempt
        problem = unit_problem(letters, known, case, skip, used)
        if problem is None:
            continue
        message, suggestion = problem
        findings.append(
            context.finding(
                "typo.unit",
                WARNING,
                f"“{match.group(0)}”：{message}",
                start,
                match.end(),
                expected=f"{match.group(1)}{suggestion}" if suggestion else None,
                found=match.group(0),
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A word cut short before 的

_DE = re.compile("的")  # a literal: scanned far faster than with a look-behind


def cut_short(lexicon: Lexicon, text: str, at: int, suffixes: str, common: int) -> tuple[str, str] | None:
    """The word that the character before 的 at ``at`` was meant to start ("终端单的": 单位) and
    the word before that character (终端), or None. The character stands alone after a word, it is neither a suffix (费, 率, 部 …) nor
    common on its own (中, 下, 人), and its usual word is written elsewhere in the same text."""
    char = text[at - 1]
    if char in suffixes:  # also the characters written before 的 more than once (经费行的、人员行的)
        return None
    alone = lexicon.score(char)
    if alone is None or alone > common:
        return None
    if any(lexicon.is_word(text[at - k : at]) for k in (2, 3, 4) if k <= at):
        return None  # the character ends a word (管理费的, 终端的)
    uses: dict[str, int] = {}
    position = text.find(char)
    while position >= 0:
        pair = text[position : position + 2]
        if pair[1:] not in ("", "的") and lexicon.is_word(pair):
            uses[pair] = uses.get(pair, 0) + 1
        position = text.find(char, position + 1)
    if not uses:
        return None
    word, count = max(uses.items(), key=lambda item: item[1])
    if count < 2:
        return None
    low = _run_left(text, at - 1, 4)
    words = lexicon.segment(text[low:at])
    if len(words) < 2 or words[-1] != char or len(words[-2]) < 2:
        return None
    return word, words[-2]


@rule("typo.missing_char", "漏字：“的”前一个字单独成不了词，文中别处写作一个词（“终端单的”→“终端单位的”）")
def check_missing_characters(context: CheckContext) -> list[Finding]:
    spec = context.data.typos.get("lexicon") or {}
    common = int(spec.get("common_alone") or 0)
    if not common:
        return []
    lexicon = lexicon_of(context)
    if lexicon is None:
        return []
    text = context.report.text
    suffixes = (spec.get("name_suffixes") or "") + (spec.get("word_suffixes") or "")
    findings = []
    places = [at for at in (m.start() for m in _DE.finditer(text)) if at and _is_cjk(text[at - 1])]
    before = Counter(text[at - 1] for at in places)
    suffixes += "".join(char for char, count in before.items() if count > 1)  # meant, not slips
    for at in places:
        found = cut_short(lexicon, text, at, suffixes, common)
        if found is None:
            continue
        word, before = found
        start = at - 1 - len(before)
        findings.append(
            context.finding(
                "typo.missing_char",
                WARNING,
                f"疑似漏字：“{text[start : at + 1]}”中的“{word[0]}”单独不成词，"
                f"文中别处写作“{word}”（应为“{text[start : at - 1]}{word}的”？）",
                start,
                at + 1,
                expected=f"{text[start : at - 1]}{word}的",
                found=text[start : at + 1],
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A character replaced by one of similar sound or shape


@dataclass(frozen=True)
class ConfusionGuards:
    """What keeps the confusion rule quiet (all data in ``typos.yaml``, ``confusion``)."""

    margin: float  # how much better the text must read with the word (½-bit units of the split)
    common_alone: int  # characters more common than this on their own (是, 的, 上) are not replaced
    name_suffixes: str  # a span followed by one of these is a name (弥泉村, 洋泉镇)
    surnames: str  # a span after one of these (not ending a word) is a person's given name
    numerals: str  # spans with a numeral (一是, 四足) are not looked at
    word_suffixes: str = ""  # a word and one of these (覆盖数, 管理费) is a compound, not a slip


_GUARDS_OF: dict[int, tuple[CheckerData, ConfusionGuards]] = {}


def _guards_of(data: CheckerData, spec: dict) -> ConfusionGuards:
    """The guards of typos.yaml's confusion section (read once per checker data)."""
    known = _GUARDS_OF.get(id(data))
    if known is None or known[0] is not data:
        guards = ConfusionGuards(
            margin=float(spec.get("margin") or 0),
            common_alone=int(spec.get("common_alone") or 99),
            name_suffixes=spec.get("name_suffixes") or "",
            surnames=spec.get("surnames") or "",
            numerals=spec.get("numerals") or "",
            word_suffixes=(data.typos.get("lexicon") or {}).get("word_suffixes") or "",
        )
        known = _GUARDS_OF[id(data)] = (data, guards)
    return known[1]


def confusion_parameters(data: CheckerData) -> tuple:
    """The arguments of ``load_confusion`` / ``build_filters`` from ``typos.yaml``."""
    spec = data.typos.get("confusion") or {}
    lexicon_spec = data.typos.get("lexicon") or {}
    counts = tuple(sorted((int(k), int(v)) for k, v in (spec.get("min_count") or {}).items()))
    return (
        str(DATA_DIR / spec["file"]),
        counts,
        int(spec.get("rare_count") or 0),
        tuple(lexicon_spec.get("extra_words") or ()),
        int(spec.get("common_alone") or 99),
        spec.get("numerals") or "",
    )


_CONFUSION_OF: dict[int, tuple[CheckerData, ConfusionIndex | None]] = {}


def confusion_of(context: CheckContext) -> ConfusionIndex | None:
    """The confusion index of the checker data (its parameters read once per data, not per report)."""
    data = context.data
    known = _CONFUSION_OF.get(id(data))
    if known is None or known[0] is not data:
        known = _CONFUSION_OF[id(data)] = (data, load_confusion(*confusion_parameters(data)))
    return known[1]


def confusion_at(
    lexicon: Lexicon, index: ConfusionIndex, text: str, start: int, size: int, guards: ConfusionGuards
) -> tuple[str, int, str] | None:
    """(word, position, kind) when ``text[start:start + size]`` reads as a slip of one character
    of the frequent ``word`` (at ``position``; kind 同音 or 形近), or None."""
    end = start + size
    span = text[start:end]  # Chinese characters only (ConfusionIndex.windows)
    known = lexicon.score(span)
    if known is not None and known > index.rare_score:
        return None  # a word as written
    options = index.corrections(lexicon, span, guards.common_alone)
    if not options or any(char in guards.numerals for char in span):
        return None
    if span[-1] in guards.word_suffixes and lexicon.is_word(span[:-1]):
        return None  # a word and a suffix (覆盖数 beside 覆盖率): a compound of its own, not a slip
    if text[end : end + 1] in guards.name_suffixes or text.startswith("中心", end):
        return None  # a name: 弥泉村, 洋泉镇
    run_start, run_end = _run_left(text, start), _run_right(text, end)
    if run_end - run_start <= 4 or text[run_end : run_end + 1] in "〔[【":
        return None  # a name in a list (、黄杏、), a table cell, a document number (鄂财绩发〔2012〕)
    if (
        start
        and text[start - 1] in guards.surnames
        and not any(lexicon.is_word(text[start - k : start]) for k in (2, 3) if k <= start)
    ):
        return None  # a given name after a surname: 张静扬
    low, high = _run_left(text, start, 4), _run_right(text, end, 4)
    window = text[low:high]
    words, score = lexicon.split(window)
    offset = start - low
    for _, word, position, kind in options[:3]:
        if span[-1] in guards.name_suffixes and position < size - 1:
            continue  # a place: 弥泉村 is not 全村
        token_start, token = _word_at(words, offset + position)
        if len(token) > 1:
            continue  # the character sits in a word as written
        fixed_words, fixed_score = lexicon.split(window[:offset] + word + window[offset + size :])
        token_start, token = _word_at(fixed_words, offset)
        if token_start > offset or token_start + len(token) < offset + size:
            continue  # the word does not read as one with the text around it
        if fixed_score - score >= guards.margin:
            return word, position, kind
    return None


@rule(
    "typo.confusion",
    "同音、形近别字（“布署”→“部署”）：换一个同音或形近字就是常用词（含成语），原样不成词，换后读得通",
)
def check_confusions(context: CheckContext) -> list[Finding]:
    spec = context.data.typos.get("confusion") or {}
    if not spec:
        return []
    lexicon = lexicon_of(context)
    if lexicon is None:
        return []
    index = confusion_of(context)
    if index is None:
        return []
    text = context.report.text
    windows = index.windows(text, context.codes)
    if not windows:
        return []
    guards = _guards_of(context.data, spec)
    source = context.report.source
    curated = context.data.typo_regex
    findings: list[Finding] = []
    taken = -1
    for start, size in sorted(windows):
        end = start + size
        if start < taken:
            continue  # one finding per place
        span = text[start:end]
        word_and_more = confusion_at(lexicon, index, text, start, size, guards)
        if word_and_more is None:
            continue
        if text.count(span) > 1:
            continue  # written the same way twice: meant (a name, a term of the report)
        word, position, kind = word_and_more
        if any(text[i] == text[i + 1] for i in range(max(start - 1, 0), min(end, len(text) - 1))):
            continue  # a doubled character: typo.doubled_char looks at it
        if any(
            m.start() < end and m.end() > start for m in curated.finditer(text, max(start - 8, 0), end + 8)
        ):
            continue  # typo.curated reports it
        opening = text.rfind("《", 0, start)
        if opening >= 0 and text.rfind("》", 0, start) < opening and "》" in text[end : end + 80]:
            continue  # inside a title: quoted as the document is named
        a, b = source.original_span(start, end)
        if b - a != size:
            continue  # a line break or a space between the characters (table cells)
        taken = end
        quote_start, quote_end = max(_run_left(text, start, 3), start - 3), _run_right(text, end, 3)
        findings.append(
            context.finding(
                "typo.confusion",
                WARNING,
                f"“{span}”疑为“{word}”之误（{kind}字：“{span[position]}”应为“{word[position]}”）："
                f"“{text[quote_start:quote_end]}”",
                start,
                end,
                expected=word,
                found=span,
            )
        )
    return findings


RULES = (
    check_doubled_characters,
    check_inserted_spans,
    check_units,
    check_missing_characters,
    check_confusions,
)
