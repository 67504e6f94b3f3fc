"""Typo rules that need to know which strings are words (the lexicon, see lexicon.py): one
character written twice ("优待金金发放"), a book title or a bracket dropped into the middle of a
word ("企事《…》业单位"), and a number followed by letters that are no unit of measurement
("32.49hmm").

The lexicon, the characters that end a name and the units are data in
``jixiao/data/checker/typos.yaml``. Without the lexicon (jieba not installed) the first two rules
fall back to what needs no lexicon: the fixed pairs 的的, 是是 … of ``typo.doubled``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.config import DATA_DIR, CheckerData
from jixiao.domain.checker.confusion import ConfusionIndex, load_confusion
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.lexicon import MAX_WORD, Lexicon, load_lexicon
from jixiao.domain.checker.rules import has_word, word_places
from jixiao.domain.checker.rules_text import _DOUBLE_CHARS, _is_cjk, as_set
from jixiao.domain.checker.tables import score_row
from jixiao.domain.checker.vocabulary import words

_CONTEXT = 5  # characters of context on each side that the segmentation sees


def _data_lexicon(data: CheckerData) -> Lexicon | None:
    return load_lexicon(tuple((data.typos.get("lexicon") or {}).get("extra_words") or ()))


def lexicon_of(context: CheckContext) -> Lexicon | None:
    """The lexicon with the checker data's extra words (looked up once per data, not per rule);
    None for a text in traditional characters, which a lexicon of simplified Chinese misreads."""
    return None if context.traditional else context.data.once(_data_lexicon)


# a run of Chinese characters: matched by the regex engine in one call, not a character at a time
# in Python (each character read from a Chinese text is a new string object)
_CJK_RUN = re.compile("[\u4e00-\u9fff]*")
_CJK_RUN_TO_END = re.compile("[\u4e00-\u9fff]*\\Z")  # (not $: that matches before a final line break too)


def _run_left(text: str, end: int, limit: int = _CONTEXT) -> int:
    """Where the run of Chinese characters that ends at ``end`` starts, at most ``limit`` back."""
    return _CJK_RUN_TO_END.search(text, max(end - limit, 0), end).start()


def _run_right(text: str, start: int, limit: int = _CONTEXT) -> int:
    """Where the run of Chinese characters that starts at ``start`` ends, at most ``limit`` on."""
    if start >= len(text):
        return start
    return _CJK_RUN.match(text, start, start + limit).end()


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
    lexicon: Lexicon, text: str, first: int, name_suffixes: str, particles: str = "", verbs: str = ""
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
    if lone == right_start and char in verbs:
        return None  # a one-character verb after a post that ends in it: 主任|任|副组长
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


def doubled_after_number(lexicon: Lexicon, text: str, first: int) -> str | None:
    """Why the second of the two characters after a number ("2023年年国有企业") is one too many,
    or None: it starts no word (年初, 年度, 个人 would) and a word follows it."""
    right = first + 1
    if any(lexicon.is_word(text[right : right + n]) for n in (2, 3, 4)):
        return None
    following = next((n for n in (4, 3, 2) if lexicon.is_word(text[right + 1 : right + 1 + n])), 0)
    if not following:
        return None
    start = first
    while start > 0 and text[start - 1] in "0123456789":
        start -= 1
    char = text[first]
    quote = text[start : right + 1 + following]
    fixed = text[start:right] + text[right + 1 : right + 1 + following]
    return f"“{char * 2}”叠字：“{quote}”中多了一个“{char}”（删去后为“{fixed}”）"


def doubled_in_a_term(lexicon: Lexicon, text: str, first: int, name_suffixes: str) -> str | None:
    """Why one of the two characters at ``first`` is one too many in a term the text writes
    without it elsewhere ("开州区区民政局" beside "开州区民政局"), or None. The pair may be a word
    (区区), so the split does not tell; the text's own spelling of the term does. Three
    characters on each side must match, and two words meeting at the pair (上年|年末) stay. Only a
    pair that is a word itself (any other is told by the split alone) and whose character ends
    names (区, 县, 局 …: 开州区|区民政局) is looked at."""
    if text[first] not in name_suffixes or not lexicon.is_word(text[first : first + 2]):
        return None  # not the end of a name, or the split told already (doubled_character)
    low, high = _run_left(text, first, 2), _run_right(text, first + 2, 3)
    if first - low < 2 or high - first - 2 < 3:
        return None
    short = text[low : first + 1] + text[first + 2 : high]
    if short not in text:
        return None
    if _plainly_two_words(lexicon, text, first):
        return None
    if _starts_a_word(lexicon, text, first + 1):
        return None  # a name, then a word with the same character: 保山站|站房 beside 保山站房
    char = text[first]
    return f"“{char * 2}”叠字：“{text[low:high]}”中多了一个“{char}”（文中别处写作“{short}”）"


def _plainly_two_words(lexicon: Lexicon, text: str, first: int) -> bool:
    """The common case, told without splitting: a word ends at the left character, a word starts
    at the right one, and no word starting after the right one runs past that word's end (which
    would make the right one stand alone: 优待金|金发 against 金|发放)."""
    is_word = lexicon.is_word
    for k in (1, 2, 3):
        if k <= first and is_word(text[first - k : first + 1]):
            return _starts_a_word(lexicon, text, first + 1)
    return False


def _starts_a_word(lexicon: Lexicon, text: str, right_at: int) -> bool:
    """A word starts at ``right_at`` and no word starting inside it runs past its end (站房|规模
    holds; 区民|政局 does not: 民政局 runs past)."""
    is_word = lexicon.is_word
    for n in (4, 3, 2):  # the longest word that starts there
        if is_word(text[right_at : right_at + n]):
            end = right_at + n
            break
    else:
        return False
    length = len(text)
    if end > length:
        return False
    for start in range(right_at + 1, end):
        for n in (2, 3, 4):
            stop = start + n
            if (
                end < stop <= length
                and "\u4e00" <= text[stop - 1] <= "\u9fff"  # _is_cjk, inlined
                and is_word(text[start:stop])
            ):
                return False
    return True


@rule("typo.doubled_char", "单字叠字（“优待金金发放”）：按词表切分，叠用的两个字中有一个不属于任何词")
def check_doubled_characters(context: CheckContext) -> list[Finding]:
    text = context.report.text
    # every Chinese character written twice (one numpy pass, shared with typo.doubled): those
    # inside a run of three or more, which ([\u4e00-\u9fff])\1 would skip, are skipped below
    candidates = context.doubles[0]
    if not candidates:
        return []
    lexicon = lexicon_of(context)
    if lexicon is None:
        return []
    spec = context.data.typos.get("lexicon") or {}
    suffixes = spec.get("name_suffixes") or ""
    particles = spec.get("particles") or ""
    verbs = spec.get("verbs_alone") or ""
    fixed_pairs = _DOUBLE_CHARS
    each = frozenset(spec.get("each_doubles") or "")  # 件件 事事 月月: '每一' by reduplication
    source = context.report.source
    findings = []
    for first in candidates:
        if text[first : first + 2] in fixed_pairs:
            continue  # typo.doubled reports these
        if text[first] in each and not (first and text[first - 1] in "0123456789"):
            continue  # '确保件件有着落、事事有回音', '账账相符': a measure word doubled means 'every
        if (first and text[first - 1] == text[first]) or text[first + 2 : first + 3] == text[first]:
            continue  # three in a row (哈哈哈) is not a slip of one character
        after_number = bool(first) and text[first - 1] in "0123456789"
        a, b = source.original_span(first, first + 2)
        if b - a != 2:
            continue  # a space or line break stood between them (table cells)
        if after_number:
            # the first one counts the number before it (2022年|年初, 3个|个人): one too many only
            # when the second starts no word and a word follows it (2023年|年|国有企业)
            why = doubled_after_number(lexicon, text, first)
        else:
            why = doubled_character(lexicon, text, first, suffixes, particles, verbs)
            if why is None:
                why = doubled_in_a_term(lexicon, text, first, suffixes)
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
_SCOPE_WORDS = words("rules_words.scope_words")
_INSERTED = (  # (opening mark, the span it opens): a span holds no opening mark but its first
    ("《", re.compile(r"《[^《》\n]{1,80}》")),
    ("(", re.compile(r"\([^()\n]{1,80}\)")),
)


def inserted_into_word(lexicon: Lexicon, left: str, right: str) -> str | None:
    """The word that ``left`` and ``right`` (the characters on each side of an inserted span)
    form across the span, when neither part is a word of its own; None otherwise."""
    is_word = lexicon.is_word
    tails = [right[:b] for b in range(1, min(len(right), 3) + 1)]
    across = False
    for a in range(1, min(len(left), 3) + 1):
        head = left[-a:]
        for tail in tails:
            # (Chinese characters only, here: more than MAX_WORD of them are no word of the lexicon)
            if a + len(tail) <= MAX_WORD and is_word(head + tail):
                across = True
                break
        if across:
            break
    if not across:
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
    length = len(text)
    brackets = _INSERTED[1][1]
    for opening, regex in _INSERTED:
        # the matches of regex.finditer are those that start at each opening mark (no match holds
        # another): tried only there, and only after a Chinese character (_is_cjk, inlined)
        for start in scan.places_of(text, opening, context.report.places):
            if start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff":
                continue
            match = regex.match(text, start)
            if match is None:
                continue
            end = match.end()
            if end >= length or not "\u4e00" <= text[end] <= "\u9fff":
                continue
            # what stands inside the marks, text[start + 1 : end - 1], is read in place (not copied)
            if regex is brackets and end - start <= 4:
                continue  # an alternative reading: 学（协）会, 维修（护）费
            if _CJK_CHAR.search(text, start + 1, end - 1) is None:  # no _is_cjk character inside
                continue  # a gloss or an abbreviation: 数字表（figure table）里
            if text.startswith(_SCOPE_WORDS, start + 1, end - 1):
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


def _units(data: CheckerData) -> tuple[frozenset, dict, frozenset]:
    """The unit lists of the checker data as sets, made once per data (``data.once``; not a tuple
    of every unit built and hashed for each report)."""
    spec = data.typos.get("units") or {}
    return (
        frozenset(spec.get("known") or ()),
        {str(k): str(v) for k, v in (spec.get("case") or {}).items()},
        frozenset(spec.get("skip") or ()),
    )


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
    known, case, skip = context.data.once(_units)
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
    seen: dict[str, int] = {}  # the letters of each unit reported, in order, and how often they stand
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
        if letters in seen:
            seen[letters] += 1  # the same unit written the same way again: one finding says how often
            continue
        seen[letters] = 1
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
    return [
        replace(f, message=f"{f.message}（全文共{seen[letters]}处）") if seen[letters] > 1 else f
        for f, letters in zip(findings, seen, strict=True)
    ]


# ---------------------------------------------------------------------------------------------
# Money written without its unit, or with 元 where the arithmetic of the text says 万元; a
# stray character between an age and 岁

# each regex starts with a literal (scanned fast); the number before it is read in Python
# (or before a conjunction or verb that starts the next words: '预算资金13.971129万并且全部到位')
_WAN_BARE = re.compile(r"万(?=[,;.。、)\s]|$|并且|全部|均已|已经|用于|和|及)")
_PER = re.compile(r"/(?=[人户亩名所村])")
# '沉淀池800平方;': an area in 平方 with no 米 (平方米, 平方公里, 平方千米 are whole units)
_SQUARE_BARE = re.compile(r"(?<=\d)平方(?![米公千分厘])")
_EACH = re.compile(r"每(?=[人户亩名所村])")
_EACH_RATE = re.compile(r"[\u4e00-\u9fff]{0,6}?(\d+(?:\.\d+)?)元")  # 每人|发放慰问金|500元
_AGE = re.compile("岁")
_COUNT = re.compile(r"(\d+)([人户亩名所村])")
_YUAN = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(万)?元(?![/每])")
# what stands between a number and 岁 in a well-formed age: 18周岁, 60多岁, 3虚岁, 6个月至3岁
_AGE_INFIX = frozenset("周虚足多余几个半来")
# words that make a bare "N万" before them money (an integer alone may count people or 亩)
_MONEY_WORDS = words("rules_words.money_words")


def _number_before(text: str, end: int) -> int:
    """Where the number that ends at ``end`` starts (``end`` when there is none)."""
    start = end
    while start > 0 and (text[start - 1] in "0123456789."):
        start -= 1
    while start < end and text[start] not in "0123456789":
        start += 1
    return start


@rule(
    "typo.number_unit",
    "数字的单位写错或缺失：“29.6万”缺“元”（文中别处写“29.6万元”）、“300/人”缺“元”、“800平方”缺“米”、"
    "人数×每人标准是万元却写成元（120人×300元=3.6万元，写“3.6元”）、“0毛岁”（数字和“岁”之间混入别的字）",
)
def check_number_units(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    if "万" in text:
        findings.extend(_wan_without_yuan(context, text))
    if "岁" in text:
        for match in _AGE.finditer(text):
            at = match.start()
            if at < 2 or text[at - 2] not in "0123456789" or not _is_cjk(text[at - 1]):
                continue
            if text[at - 1] in _AGE_INFIX:
                continue
            start = _number_before(text, at - 1)
            findings.append(
                context.finding(
                    "typo.number_unit",
                    WARNING,
                    f"年龄写法有误：“{text[start : at + 1]}”中数字和“岁”之间多了“{text[at - 1]}”"
                    f"（年龄段应写作“0～6岁”这样的形式）",
                    start,
                    at + 1,
                    found=text[start : at + 1],
                )
            )
    if "/" in text:
        for match in _PER.finditer(text):
            end = match.start()
            start = _number_before(text, end)
            if start == end or start == 0 or not _is_cjk(text[start - 1]):
                continue  # no number, or a date or a code (2023/人, A3/户)
            per = text[end + 1]
            findings.append(
                context.finding(
                    "typo.number_unit",
                    WARNING,
                    f"标准缺金额单位：“{text[start:end]}/{per}”应写明单位（如“{text[start:end]}元/{per}”）",
                    start,
                    end + 2,
                    expected=f"{text[start:end]}元/{per}",
                    found=text[start : end + 2],
                )
            )
    if "平方" in text:
        for match in _SQUARE_BARE.finditer(text):
            start = _number_before(text, match.start())
            findings.append(
                context.finding(
                    "typo.number_unit",
                    WARNING,
                    f"面积单位不全：“{text[start : match.end()]}”缺“米”（应为“{text[start : match.end()]}米”）",
                    start,
                    match.end(),
                    expected=f"{text[start : match.end()]}米",
                    found=text[start : match.end()],
                )
            )
    findings.extend(_yuan_against_rates(context, text))
    # every match has its 数 two characters on (预算数, 执行数 …): tried only there, not at each 预, 执 …
    for match in scan.finditer_around(_BARE_AMOUNT, text, "数", (2,), context.report.places):
        sentence_start = max(text.rfind("。", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        sentence_end = text.find("。", match.end())
        sentence = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
        unit = next((u for u in ("万元", "亿元", "元") if u in sentence), None)
        if unit is None:
            continue  # no amount of the sentence tells the unit
        findings.append(
            context.finding(
                "typo.number_unit",
                WARNING,
                f"金额缺单位：“{match.group(0)}”后没有单位（同一句的其他金额以“{unit}”为单位）",
                match.start("n"),
                match.end(),
                expected=f"{match.group(0)}{unit}",
                found=match.group(0),
            )
        )
    return findings


# '全区执行数1032849.44(含中央资金689139.31万元,…)': a money label, a number with decimals, no unit
_BARE_AMOUNT = re.compile(r"(?:预算数|执行数|决算数|支出数)(?P<n>\d{1,12}\.\d{1,4})(?=[(（,，;；。])")


def _wan_without_yuan(context: CheckContext, text: str) -> list[Finding]:
    """ "29.6万," where the same figure is written "29.6万元" elsewhere in the text."""
    findings = []
    for match in _WAN_BARE.finditer(text):
        end = match.start()
        start = _number_before(text, end)
        if start == end or text[start - 1 : start] in ("/", "-", ":"):
            continue
        number = text[start:end]
        if "." not in number and not any(word in text[max(start - 8, 0) : start] for word in _MONEY_WORDS):
            continue  # "2万" of people beside "2万元" of money: only a decimal or a money word tells
        written = f"{number}万元"
        at = text.find(written)
        while at > 0 and text[at - 1] in "0123456789.":
            at = text.find(written, at + 1)
        if at < 0:
            continue  # 3.2万 (people, 亩) with no 万元 of the same number: not money
        if not text[end + 1 :].strip():
            continue  # the copy stops right after 万: the 元 may be cut off, not missing
        findings.append(
            context.finding(
                "typo.number_unit",
                WARNING,
                f"金额缺单位：“{number}万”应为“{written}”（文中别处写作“{written}”）",
                start,
                end + 1,
                expected=written,
                found=f"{number}万",
            )
        )
    return findings


def _yuan_against_rates(context: CheckContext, text: str) -> list[Finding]:
    """An amount in 元 that is the product of a count and a rate per head in 万元 (or the other
    way round): 120人, 300元/人, "配套3.6元" — 120 × 300 = 36000元 = 3.6万元."""
    rates: dict[str, set[Decimal]] = {}
    if "/" in text:
        for match in _PER.finditer(text):
            end = match.start() - (text[match.start() - 1 : match.start()] == "元")
            start = _number_before(text, end)
            if start < end:
                rates.setdefault(text[match.end()], set()).add(Decimal(text[start:end]))
    if "每" in text:
        for match in _EACH.finditer(text):
            number = _EACH_RATE.match(text, match.end() + 1)
            if number is not None:
                rates.setdefault(text[match.end()], set()).add(Decimal(number.group(1)))
    if not rates:
        return []
    products: dict[Decimal, str] = {}
    for match in _COUNT.finditer(text):
        unit = match.group(2)
        if match.start() and text[match.start() - 1] in "0123456789.,":
            continue  # the tail of a longer number ('244,000亩' is not 000亩)
        for rate in rates.get(unit, ()):
            count = Decimal(match.group(1))
            products.setdefault(count * rate, f"{match.group(1)}{unit}×每{unit}{rate}元")
    if not products:
        return []
    findings = []
    for match in _YUAN.finditer(text):
        amount = Decimal(match.group(1))
        if amount == 0:
            continue
        if match.group(2):
            how = products.get(amount)
            if how is None or amount < 100:
                continue
            total = f"{amount.normalize():f}元"
            right = f"{match.group(1)}元"
        else:
            how = products.get(amount * 10000)
            if how is None:
                continue
            total = f"{(amount * 10000).normalize():f}元"
            right = f"{match.group(1)}万元"
        wrong = match.group(0)
        findings.append(
            context.finding(
                "typo.number_unit",
                WARNING,
                f"金额单位与计算不符：{how}={total}，这里写“{wrong}”，应为“{right}”",
                match.start(),
                match.end(),
                expected=right,
                found=wrong,
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A name written once with a character too many or too few

_CJK_TAIL = re.compile(r"[\u4e00-\u9fff]*\Z")  # (\Z: $ also matches before a final line break)
_NUMERALS = str.maketrans(dict.fromkeys("一二三四五六七八九十", "#"))
_NUMERAL_CHARS = frozenset("一二三四五六七八九十")  # (a term without them is its own translation)


def _may_pair(spellings: set[str]) -> bool:
    """Whether two of the spellings may make a pair of ``check_term_variants``: they end with the
    same character (each tail it looks up ends with the longer one's last character) and neither
    ends with the other (an added prefix is no slip, and one_character_apart finds no difference
    from a name that ends with it)."""
    by_last: dict[str, list[str]] = {}
    for term in spellings:
        by_last.setdefault(term[-1], []).append(term)
    return any(
        not a.endswith(b) and not b.endswith(a)
        for alike in by_last.values()
        if len(alike) > 1
        for a, b in itertools.combinations(alike, 2)
    )


def one_character_apart(long: str, short: str, context: int) -> tuple[int, int] | None:
    """(i, n) when deleting ``long[i]`` makes the last n characters of ``long`` and ``short`` the
    same, with at least two characters after the deleted one and ``context`` in all (刑事审判庭第#
    against 民事审判第#: 庭, and 事审判第# in common); None otherwise."""
    for i in range(1, len(long) - 1):
        if long[i] in (long[i - 1], long[i + 1]):
            continue  # a doubled character: typo.doubled_char
        cut = long[:i] + long[i + 1 :]
        n = 0
        while n < len(cut) and n < len(short) and cut[-1 - n] == short[-1 - n]:
            n += 1
        tail = len(long) - 1 - i  # characters after the deleted one
        if n >= context and n >= tail + 2 and long[-1 - tail :] != short[-1 - tail :]:
            return i, n
    return None


def _lone_characters(lexicon: Lexicon, text: str) -> int:
    return sum(len(word) == 1 for word in lexicon.segment(text))


@rule(
    "typo.term",
    "名称一处多字或少字（“市级文艺术家协会”与“市级文学艺术家协会”）：同一名称在文中别处的写法",
)
def check_term_variants(context: CheckContext) -> list[Finding]:
    """A name ending in 协会, 委员会, 庭 … written twice, once with one character more than the other
    (the rest alike). Which one is wrong: the one the text writes less often, the endings compared;
    as often as each other, the one whose words leave a character on its own (市级|文|艺术家 against
    市级|文学|艺术家); otherwise nothing is said."""
    spec = context.data.typos.get("terms") or {}
    text = context.report.text
    index = context.report.places
    size = int(spec.get("context") or 5)
    groups: dict[str, list[tuple[int, str]]] = {}
    for ending in spec.get("endings") or ():
        ends = word_places(text, ending, index)
        if len(ends) < 2:
            continue  # two spellings need two places
        places = []
        for end in ends:
            term = _CJK_TAIL.search(text, max(end - 8, 0), end).group(0)
            if len(term) > 4:
                if not _NUMERAL_CHARS.isdisjoint(term):
                    term = term.translate(_NUMERALS)  # (one character for one: the start stays)
                places.append((end - len(term), term))
        spellings = {term for _, term in places}
        if len(spellings) < 2:
            continue
        if size > 0 and not _may_pair(spellings):
            continue  # no pair below can be one character apart
        groups[ending] = places
    if not groups:
        return []
    lexicon = lexicon_of(context)
    if lexicon is None:
        return []
    findings = []
    source = context.report.source
    for ending, places in groups.items():
        terms = Counter(term for _, term in places)
        # a pair shares its last ``size`` characters once the extra one is deleted: look the
        # shorter up by them instead of trying every pair
        by_tail: dict[str, list[str]] = {}
        for term in terms:
            if len(term) >= size:
                by_tail.setdefault(term[-size:], []).append(term)
        pairs = set()
        for long in terms:
            if len(long) <= size:
                continue
            # a deletion left of the last ``size`` characters leaves them as they are
            tails = {long[-size:]} if len(long) > size + 1 else set()
            # (a deletion at i among the last size + 1 characters: those before i and after it)
            last = long[-size - 1 :]
            for i in range(max(len(long) - size, 1) - (len(long) - size - 1), size):
                tails.add(last[:i] + last[i + 1 :])
            for tail in tails:
                for short in by_tail.get(tail, ()):
                    if short != long and not long.endswith(short) and not short.endswith(long):
                        # (a longer name that only adds a prefix is no slip; nor is one character
                        # apart from a name it ends: one_character_apart would find no difference)
                        pairs.add((long, short))
        for long, short in pairs:
            apart = one_character_apart(long, short, size)
            if apart is None:
                continue
            i, n = apart
            long_tail, short_tail = long[-n - 1 :], short[-n:]
            more = sum(c for t, c in terms.items() if t.endswith(long_tail))
            fewer = sum(c for t, c in terms.items() if t.endswith(short_tail) and not t.endswith(long_tail))
            if more == fewer:
                lone_long = _lone_characters(lexicon, long_tail)
                lone_short = _lone_characters(lexicon, short_tail)
                if lone_long == lone_short:
                    continue
                wrong_is_long = lone_long > lone_short
            else:
                wrong_is_long = more < fewer
            wrong = long if wrong_is_long else short
            wrong_tail, right_tail = (long_tail, short_tail) if wrong_is_long else (short_tail, long_tail)
            for start, term in places:
                if term != wrong:
                    continue
                at = start + len(term) - len(wrong_tail)
                end = start + len(term) + len(ending)
                a, b = source.original_span(at, end)
                if b - a != end - at:
                    continue  # a space or a line break inside: table cells
                found = text[at:end]
                how = f"多了“{long[i]}”" if wrong_is_long else f"漏了“{long[i]}”"
                findings.append(
                    context.finding(
                        "typo.term",
                        WARNING,
                        f"名称写法不一：“{found}”{how}（文中别处写作“…{_spelled(text, right_tail, ending)}”）",
                        at,
                        end,
                        found=found,
                    )
                )
    return findings


def _spelled(text: str, tail: str, ending: str) -> str:
    """``tail`` + ``ending`` as the text writes it (the numerals as written, not #)."""
    pattern = re.escape(tail + ending).replace("\\#", "#").replace("#", "[一二三四五六七八九十]")
    match = re.search(pattern, text)
    return match.group(0) if match else tail + ending


# ---------------------------------------------------------------------------------------------
# One usage written two ways in the same text


@rule("typo.mixed_usage", "同一用法文中两种写法（“截止到”与“截至”）：按文中别处的规范写法提示")
def check_mixed_usage(context: CheckContext) -> list[Finding]:
    """A usage that may stand (截止到 2021年) where the same text writes the standard form (截至)
    elsewhere: the text's own usage says which one it meant. Pairs in ``typos.yaml`` (mixed_usage)."""
    pairs = context.data.typos.get("mixed_usage") or {}
    text = context.report.text
    places = context.report.places
    findings = []
    for variant, standard in pairs.items():
        starts = word_places(text, variant, places)
        if not starts or not has_word(text, standard, places):
            continue
        for at in starts:
            findings.append(
                context.finding(
                    "typo.mixed_usage",
                    WARNING,
                    f"用法不一致：这里写“{variant}”，文中别处写作“{standard}”（宜统一为“{standard}”）："
                    f"“{text[at : at + len(variant) + 8]}”",
                    at,
                    at + len(variant),
                    expected=standard,
                    found=variant,
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# A count run into the year after it

_DIGITS = frozenset("0123456789")
_MONTH_AFTER = re.compile(r"\d{1,2}月")


def _head_missing(context: CheckContext, text: str, at: int) -> list[Finding]:
    spec = context.data.typos.get("lexicon") or {}
    bound = int(spec.get("bound_alone") or 0)
    if not bound:
        return []
    if text[at] in _NOT_HEADLESS:
        return []
    lexicon = lexicon_of(context)
    if lexicon is None:
        return []
    word = word_missing_its_head(lexicon, text, at, bound)
    if word is None:
        return []
    start = at - 1
    while start > 0 and text[start - 1] in _DIGITS:
        start -= 1
    end = _run_right(text, at + 1, 2)
    return [
        context.finding(
            "typo.number_year",
            WARNING,
            f"疑似漏字：“{text[start:end]}”中的“{text[at]}”单独不成词，文中别处写作“{word}”"
            f"（应为“{text[start:at]}{word}{text[at + 1 : end]}”？）",
            start,
            end,
            expected=f"{text[start:at]}{word}{text[at + 1 : end]}",
            found=text[start:end],
        )
    ]


# characters that follow a year as they stand (年度, 年初, 年底 … start words; these stand alone)
_NOT_HEADLESS = frozenset("度初底末中内前后来起至以的是和与及共全各第在为对由将已")


def word_missing_its_head(lexicon: Lexicon, text: str, at: int, bound: int) -> str | None:
    """The word that the character at ``at`` (right after a year: "2022年央补助") was meant to
    end (中央), or None. The character is rare on its own (score ≤ ``bound``), starts no word and
    is followed by one, and its usual word — the one that holds nearly every other use of it in
    the text — ends with it."""
    char = text[at]
    if not _is_cjk(char):
        return None
    alone = lexicon.score(char)
    if alone is not None and alone > bound:
        return None
    if lexicon.is_word(text[at - 1 : at + 1]) or any(lexicon.is_word(text[at : at + n]) for n in (2, 3, 4)):
        return None
    if not any(lexicon.is_word(text[at + 1 : at + 1 + n]) for n in (2, 3, 4)):
        return None
    uses: Counter = Counter()
    position = text.find(char)
    while position >= 0:
        if position != at and lexicon.is_word(text[position - 1 : position + 1]):
            uses[text[position - 1 : position + 1]] += 1
        position = text.find(char, position + 1)
    if not uses:
        return None
    word, count = uses.most_common(1)[0]
    if count < 2 or count < 0.8 * (text.count(char) - 1):
        return None
    return word


@rule(
    "typo.number_year",
    "年份处的笔误：数字和年份连写（“其他为72020年度示范县”，漏了量词）；"
    "年份后的词少了头一个字（“2022年央补助”，文中别处写作“中央”）",
)
def check_glued_years(context: CheckContext) -> list[Finding]:
    """A number of five to seven digits before 年 whose last four make a year: a count and a year
    written together, the measure word between them lost (7个2020年度). A full date after it
    (52021年12月) is more often a table cell's number run into the next cell, and is left alone."""
    text = context.report.text
    findings = []
    source = context.report.source
    length = len(text)
    for here in scan.places_of(text, "年", context.report.places):  # (from the CharIndex: no scan)
        if here < 5 or text[here - 1] not in _DIGITS:
            continue  # both readings need a digit before 年 (年度, 今年 … have none)
        if here + 1 < length:
            after = text[here + 1]
            if "\u4e00" <= after <= "\u9fff" and after not in _NOT_HEADLESS:  # (_head_missing's test)
                findings.extend(_head_missing(context, text, here + 1))
        digits = text[here - 5 : here]
        if not digits.isascii() or not digits.isdigit():
            continue
        start = here - 5
        while start > 0 and text[start - 1] in _DIGITS:
            start -= 1
        if here - start > 7 or text[here - 4 : here - 2] not in ("19", "20"):
            continue
        if start and (text[start - 1].isascii() and (text[start - 1].isalnum() or text[start - 1] in "./_-")):
            continue  # a code (HT2021052021年) or a decimal
        if _MONTH_AFTER.match(text, here + 1):
            continue  # 52021年12月: a table cell's number run into a date
        end = here + 1
        a, b = source.original_span(start, end)
        if b - a != end - start:
            continue  # a space or a line break between them: table cells
        count, year = text[start : here - 4], text[here - 4 : here]
        found = text[start:end]
        findings.append(
            context.finding(
                "typo.number_year",
                WARNING,
                f"数字和年份连写：“{found}”应是“{count}”和“{year}年”两个数"
                f"（中间漏了量词，如“{count}个{year}年”）",
                start,
                end,
                found=found,
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A word cut short before 的

_DE = re.compile("的")  # (the rule finds 的 with str.find, one character: faster still)


def cut_short(
    lexicon: Lexicon, text: str, at: int, suffixes: str | frozenset[str], common: int
) -> tuple[str, str] | None:
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
    if count < 2 or count < 0.8 * (text.count(char) - 1):
        return (
            None  # not the character's usual word: it is written in other words too, or alone (党派 / 党的)
        )
    low = _run_left(text, at - 1, 4)
    words = lexicon.segment(text[low:at])
    if len(words) < 2 or words[-1] != char or len(words[-2]) < 2:
        return None
    return word, words[-2]


_CHAR_SETS: dict[str, frozenset[str]] = {}


def _char_set(chars: str) -> frozenset[str]:
    """The characters of ``chars`` as a set, made once per string of the checker data."""
    known = _CHAR_SETS.get(chars)
    if known is None:
        if len(_CHAR_SETS) > 64:
            _CHAR_SETS.clear()
        known = _CHAR_SETS[chars] = frozenset(chars)
    return known


_CUT_BEFORE = "的\n|0123456789"
_CUT_TABLE = np.zeros(0x10000, dtype=bool)
_CUT_TABLE[[ord(char) for char in _CUT_BEFORE]] = True


def _loose_characters(data: CheckerData) -> tuple[np.ndarray, frozenset[str]]:
    """A table over the code points (``scan.table_index``) of the Chinese characters that seldom
    stand alone (a single-character code of at most ``common_alone``) and are no suffix, and the
    suffixes (name endings, word endings, those used alone before 的, complements)."""
    spec = data.typos.get("lexicon") or {}
    common = int(spec.get("common_alone") or 0)
    table = np.zeros(0x10000, dtype=bool)
    stops = frozenset(
        (spec.get("name_suffixes") or "")
        + (spec.get("word_suffixes") or "")
        + (spec.get("alone_before_de") or "")
        + (spec.get("complements") or "")
    )
    lexicon = _data_lexicon(data)
    if lexicon is None or not common:
        return table, stops
    for char, alone in lexicon.singles.items():
        if "\u4e00" <= char <= "\u9fff" and alone <= common and char not in stops:
            table[ord(char)] = True
    return table, stops


_WRAPPED = re.compile(r"[\s|]*(.?)")
_BEFORE_A_NUMBER = frozenset("达为约共计增减超近逾合占至到余比均自从于在")
_AMOUNT = re.compile(r"[\d,]+(?:\.\d+)?[万亿]?元")


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
    loose, stops = context.data.once(_loose_characters)
    findings = []
    # each 的 after a character that seldom stands alone, and each end of a clause, a line or a
    # table's cell right after one ('…管理情\n', '…监督实;'), and a number run into the word before it
    # ('服务体系建84.5万元'): one numpy pass over the text's code points
    index = context.code_index
    found_at = np.flatnonzero(loose[index[:-1]] & _CUT_TABLE[index[1:]]) + 1
    confusion = confusion_of(context)
    if confusion is not None and found_at.size:
        # most of these characters end a word of two (资金, 情况): told for all at once, from the
        # confusion index's filter of such words, before any look-up in Python
        found_at = found_at[found_at >= 2]
        found_at = found_at[~confusion.may_end_pairs(context.codes, found_at)]
    places = found_at.tolist()
    if not places:
        return []
    # the characters written before 的 (or before an end) more than once are meant, not slips
    # (经费行的、人员行的)
    ends = [text[at - 1] + ("的" if text[at] == "的" else "") for at in places]
    seen: set[str] = set()
    meant = {end for end in ends if end in seen or seen.add(end)}
    is_word = lexicon.is_word
    for at, end in zip(places, ends, strict=True):
        if end in meant:
            continue
        if text[at] in "0123456789" and (text[at - 1] in _BEFORE_A_NUMBER or not _AMOUNT.match(text, at)):
            continue  # '检出率达11.25%', '项目自2011年启动', '事业编18名': a verb or a short
            # name before its number; a label cut short is looked for before an amount of money
        if (
            (at >= 2 and is_word(text[at - 2 : at]))
            or (at >= 3 and is_word(text[at - 3 : at]))
            or (at >= 4 and is_word(text[at - 4 : at]))
        ):
            continue  # the character ends a word (管理费的, 终端的): cut_short's next test, inlined
        wrapped = None
        if text[at] != "的":
            wrapped = _WRAPPED.match(text, at)
            if wrapped.end() == len(text):
                continue  # the text stops there (an opening cut short)
        found = cut_short(lexicon, text, at, stops, common)
        if found is None:
            continue
        word, before = found
        if wrapped is not None and wrapped.group(1) == word[1:]:
            continue  # '项目资\n金': the word goes on past the line's (or the cell's) end
        start = at - 1 - len(before)
        after = "的" if text[at] == "的" else ""
        findings.append(
            context.finding(
                "typo.missing_char",
                WARNING,
                f"疑似漏字：“{text[start:at]}{after}”中的“{word[0]}”单独不成词，"
                f"文中别处写作“{word}”（应为“{text[start : at - 1]}{word}{after}”？）",
                start,
                at + len(after),
                expected=f"{text[start : at - 1]}{word}{after}",
                found=text[start : at + len(after)],
            )
        )
    return findings


def _in_its_line(text: str, start: int, end: int, before: int, after: int) -> str:
    """The quote of ``text[start:end]`` with up to ``before`` and ``after`` characters around it,
    not past the line it stands on."""
    line = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1)  # (-1: the text's end)
    return text[max(start - before, line) : min(end + after, line_end)]


# characters no common text needs: CJK Extension A, the compatibility ideographs, the supplementary
# planes' ideographs ('福䘵贝尔教具' for 福禄贝尔): an input method's or a converter's slip
_RARE_BLOCKS = ((0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
_MAX_RARE = 3  # more distinct rare characters than this: the text is written so (a name list, a script)


@rule("typo.rare_char", "生僻字、兼容区汉字混在正文中（“福䘵贝尔教具”），多为输入法或转换的错字")
def check_rare_characters(context: CheckContext) -> list[Finding]:
    codes = context.codes
    if not ((codes - np.uint32(0x3400)) <= np.uint32(0x4DBF - 0x3400)).any() and not (codes >= 0xF900).any():
        return []  # (most texts: two passes in numpy, no Extension A and nothing from 0xF900 on)
    rare = np.zeros(codes.size, dtype=bool)
    for low, high in _RARE_BLOCKS:
        rare |= (codes >= low) & (codes <= high)
    places = rare.nonzero()[0].tolist()
    if not places:
        return []
    text = context.report.text
    if len({text[at] for at in places}) > _MAX_RARE:
        return []
    findings = []
    seen: set[str] = set()
    for at in places:
        char = text[at]
        if char in seen:
            continue
        seen.add(char)
        findings.append(
            context.finding(
                "typo.rare_char",
                WARNING,
                f"生僻字“{char}”（U+{ord(char):04X}，常用字里没有），疑为录入错误：“{_in_its_line(text, at, at + 1, 6, 5)}”",
                at,
                at + 1,
                found=char,
            )
        )
    return findings


# a number whose thousands separators stand wrong ('7,00.0,77', '1,23.45万元', '12,3456元'), or an
# amount with two decimal points ('1,234.5.6万元'); found from each ',' and '.' between digits
_BAD_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*,(?:\d{1,2}|\d{4,})(?=[.,]\d|亿元|万元|千元|元|%)")
_TWO_POINTS = re.compile(r"(?<![\d.,])\d[\d,]*\.\d+\.\d+(?=亿元|万元|千元|元)")
_NUMBER_MARKS = ",."  # (normalised: full-width ones are these too)
_AMOUNT_UNITS = ("亿元", "万元", "千元", "元", "%")
_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)*")


@rule(
    "typo.number_format",
    "数字写法错误：千分位逗号位置不对（“7,00.0,77”“1,23.45万元”），或一个金额有两个小数点",
)
def check_number_formats(context: CheckContext) -> list[Finding]:
    text = context.report.text
    source = context.report.source
    codes = context.codes
    if codes.size < 3:
        return []
    # in numpy, the few places worth a look: a ',' between digits that is not followed by exactly three
    # digits, and a '.' between digits with another '.' one to three digits on (most commas are a
    # sentence's, normalised; most separators stand right)
    padded = np.zeros(codes.size + 6, dtype=np.uint32)
    padded[1 : codes.size + 1] = codes
    digit = (padded - np.uint32(0x30)) <= np.uint32(9)
    comma, dot = padded == 0x2C, padded == 0x2E
    d = [digit[k : k + codes.size] for k in range(6)]  # d[k][i]: a digit k − 1 places after text[i]
    three = d[2] & d[3] & d[4] & ~d[5]
    bad_comma = comma[1 : codes.size + 1] & d[0] & d[2] & ~three
    dots = [dot[k : k + codes.size] for k in range(6)]
    second_dot = (dots[3] & d[4]) | (d[3] & dots[4] & d[5])
    bad_dot = dots[1] & d[0] & d[2] & second_dot
    starts = (bad_comma | bad_dot).nonzero()[0].tolist()
    if not starts:
        return []
    findings = []
    taken = -1
    for at in starts:
        if at < taken:
            continue
        low, high = at - 1, at + 1
        while low and (text[low - 1].isdecimal() or text[low - 1] in _NUMBER_MARKS):
            low -= 1
        while high < len(text) and (text[high].isdecimal() or text[high] in _NUMBER_MARKS):
            high += 1
        taken = high  # (one look at each run of digits and marks)
        end = high - (text[high - 1] in _NUMBER_MARKS)
        if _WELL_FORMED.fullmatch(text, low, end) or not (
            text.startswith(_AMOUNT_UNITS, end)
            or ("." in text[low:end] and text[end:].lstrip(" ")[:1] in ("|", "\n", ""))
        ):
            continue  # 1,234.56 / 2023.12.31 / 1.2.3: most numbers; '第1,2,3项' lists numbers, no amount
        a, b = source.original_span(low, end)
        if b - a != end - low:
            continue  # cells parted by spaces in the original ('18,240 102.33%'), read as one run
        for pattern, why in ((_BAD_GROUPS, "千分位逗号位置不对"), (_TWO_POINTS, "有两个小数点")):
            match = pattern.match(text, low)
            if match is None or not (match.start() <= at < match.end()):
                continue
            if pattern is _BAD_GROUPS and "，" in source.original_text(match.start(), match.end()):
                continue  # full-width commas between numbers: a list ('12，34万元' of two figures), no separators
            findings.append(  # (the whole run is quoted: '7,00.0,77')
                context.finding(
                    "typo.number_format",
                    WARNING,
                    f"数字“{text[low:end]}”{why}，请核对原数",
                    low,
                    end,
                    found=text[low:end],
                )
            )
            break
    return findings


@rule(
    "typo.doubled_phrase",
    "词语连写两遍（“林业局林业局”“绩效评价报告绩效评价报告”“2023年2023年度”），原文两遍之间没有空格、换行或表格分隔",
)
def check_doubled_phrases(context: CheckContext) -> list[Finding]:
    """A word or phrase of 3 to 12 characters written twice in a row (林业局林业局, 部门整体支出部门
    整体支出, 2023年2023年度) where the original text has nothing between the two (no space, line
    break or table cell) and no form's cells run together."""
    text = context.report.text
    source = context.report.source
    allowed = as_set(context.data.wording.get("reduplication_ok"))
    lexicon = lexicon_of(context)
    findings = []
    for at, length in context.long_doubles:
        start = _word_aligned(lexicon, text, at, length)
        word = text[start : start + length]
        end = start + 2 * length
        if word in allowed or len(set(word)) == 1:
            continue
        if word[-1] == "、" and start and "\u4e00" <= text[start - 1] <= "\u9fff":
            continue  # '党建办公室、办公室、人事教育科': a longer item, then the one it ends with
        a, b = source.original_span(start, end)
        if b - a != 2 * length or context.in_glued_form(start):
            continue
        paragraph = context.report.paragraph_at(start)
        if paragraph is not None and score_row(context.report, paragraph):
            continue
        findings.append(
            context.finding(
                "typo.doubled_phrase",
                WARNING,
                f"叠词：“{word}”连写了两遍：“{_in_its_line(text, start, end, 4, 4)}”",
                start,
                end,
                expected=word,
                found=text[start:end],
            )
        )
    return findings


def _word_aligned(lexicon: Lexicon | None, text: str, at: int, length: int) -> int:
    """Where a doubled run reads as words: '本局林业局林业局' doubles '局林业' from its first place
    and '林业局' one on; the start whose phrase best opens and ends with a word of the lexicon."""
    if lexicon is None:
        return at
    best, best_score = at, -1
    for start in range(at, at + length):
        phrase = text[start : start + length]
        if text[start + length : start + 2 * length] != phrase:
            break
        score = (
            (len(phrase) <= MAX_WORD and lexicon.is_word(phrase))
            + lexicon.is_word(phrase[:2])
            + lexicon.is_word(phrase[-2:])
        )
        if score > best_score:
            best, best_score = start, score
    return best


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
    name_words: tuple[str, ...] = ("中心",)  # a span followed by one of these is a name (优知文库)
    drop_margin: float = 0.0  # the margin for a word with a character dropped (义务教 → 义务教育)


def _guards_of(data: CheckerData) -> ConfusionGuards:
    """The guards of typos.yaml's confusion section (read once per checker data: ``data.once``)."""
    spec = data.typos.get("confusion") or {}
    return ConfusionGuards(
        margin=float(spec.get("margin") or 0),
        common_alone=int(spec.get("common_alone") or 99),
        name_suffixes=spec.get("name_suffixes") or "",
        surnames=spec.get("surnames") or "",
        numerals=spec.get("numerals") or "",
        word_suffixes=(data.typos.get("lexicon") or {}).get("word_suffixes") or "",
        name_words=tuple(spec.get("name_words") or ("中心",)),
        drop_margin=float(spec.get("drop_margin") or spec.get("margin") or 0),
    )


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


def _data_confusion(data: CheckerData) -> ConfusionIndex | None:
    return load_confusion(*confusion_parameters(data))


def confusion_of(context: CheckContext) -> ConfusionIndex | None:
    """The confusion index of the checker data (its parameters read once per data, not per report)."""
    return context.data.once(_data_confusion)


# a character replaced in these is taken as written: '纠纷按件给予补贴' is no slip of '案件'
_FUNCTION_CHARS = frozenset(words("rules_words.function_chars"))


def _alone_on_a_line(text: str, start: int, end: int) -> bool:
    """The two characters are a line (a table cell) of their own: "宜传" is read as it stands."""
    return (start == 0 or text[start - 1] == "\n") and text[end : end + 1] in ("\n", "")


def confusion_at(
    lexicon: Lexicon, index: ConfusionIndex, text: str, start: int, size: int, guards: ConfusionGuards
) -> tuple[str, int, str] | None:
    """(word, position, kind) when ``text[start:start + size]`` reads as a slip of one character
    of the frequent ``word`` (at ``position``; kind 同音 or 形近), or None."""
    span = text[start : start + size]  # Chinese characters only (ConfusionIndex.windows)
    known = lexicon.score(span)
    if known is not None and known > index.rare_score:
        return None  # a word as written
    return _slip_of(lexicon, index, text, start, span, guards)


def _may_be_written(text: str, word: str, position: int) -> bool:
    """False when ``word`` is surely not in ``text``: its character at ``position`` (that of a
    correction, seldom a common one) stands there a few times at most, none of them in the word.
    (A search for a string of Chinese characters reads a report at some 5 µs; one for a single
    character is memchr-fast. A character found more often is not followed further: True.)"""
    char, find, startswith = word[position], text.find, text.startswith
    at = find(char, position)  # (the word starts ``position`` characters before its character)
    for _ in range(4):
        if at < 0:
            return False
        if startswith(word, at - position):
            return True
        at = find(char, at + 1)
    return at >= 0


def _slip_of(
    lexicon: Lexicon,
    index: ConfusionIndex,
    text: str,
    start: int,
    span: str,
    guards: ConfusionGuards,
    only_reported: bool = False,
    replaced: bool = True,
    dropped: bool = True,
) -> tuple[str, int, str] | None:
    """``confusion_at`` of a span that is no word as written (its caller has looked it up).
    ``only_reported``: None, too, when no word it may return would be reported by
    ``check_confusions`` (one the text writes elsewhere, for a character that is no function
    word), as far as that is told cheaply before the text around is split (the costly part).
    ``replaced`` / ``dropped``: whether the span may be a word with a character replaced (or two
    swapped) / one dropped, as the filter of ``ConfusionIndex.windows`` tells."""
    size = len(span)
    end = start + size
    # (the tests on the text around and the look-ups of a few words come before the span's
    # corrections, which are worked out from the lexicon the first time a span is seen: each test
    # alone says None; remembered ones that are none are told first, in one look-up)
    dropped = dropped and size <= 3
    options = index.seen.get(span) if replaced else []
    if options is not None and not options and not dropped:
        return None
    if not _char_set(guards.numerals).isdisjoint(span):
        return None
    # (a slice past the end is "", which every string holds: a span that ends the text is no name)
    if (end < len(text) and text[end] in guards.name_suffixes) or text.startswith(guards.name_words, end):
        return None  # a name: 弥泉村, 洋泉镇, 优知文库
    run_start, run_end = _run_left(text, start), _run_right(text, end)
    if run_end < len(text) and text[run_end] in "〔[【":
        return None  # a document number (鄂财绩发〔2012〕)
    if run_end - run_start <= 4 and not (
        size == 2 and (run_start, run_end) == (start, end) and _alone_on_a_line(text, start, end)
    ):
        return None  # a name in a list (、黄杏、), a short table cell; a cell of two alone: see below
    if span[-1] in guards.word_suffixes and lexicon.is_word(span[:-1]):
        return None  # a word and a suffix (覆盖数 beside 覆盖率): a compound of its own, not a slip
    if (
        start
        and text[start - 1] in guards.surnames
        and not any(lexicon.is_word(text[start - k : start]) for k in (2, 3) if k <= start)
    ):
        return None  # a given name after a surname: 张静扬
    if options is None:
        options = index.corrections(lexicon, span, guards.common_alone)
    if span[-1] in guards.name_suffixes:
        # a place: 弥泉村 is not 全村 (only the name's suffix may be the slip); nor is a name cut
        # short a dropped character (经开区, 文广旅局: names are shortened so)
        options = [option for option in options[:3] if option[2] == size - 1 and option[3] != "倒字"]
    else:
        # a word of the text with a character dropped: 义务教 where the text writes 义务教育
        options = options[:3] + (index.dropped(lexicon, text, span)[:2] if dropped else [])
    if only_reported:  # (a dropped character's word is written in the text: found there)
        options = [
            option
            for option in options
            if option[3] == "漏字"
            or (span[option[2]] not in _FUNCTION_CHARS and _may_be_written(text, option[1], option[2]))
        ]
    if not options:
        return None
    low, high = max(run_start, start - 4), min(run_end, end + 4)  # _run_left(text, start, 4) …
    window = text[low:high]
    words, score = lexicon.split(window)
    offset = start - low
    for _, word, position, kind in options:
        if kind == "漏字":  # a character next to the gap stands alone as written (义务|教|保障)
            if all(
                len(_word_at(words, offset + at)[1]) > 1 for at in (position - 1, position) if 0 <= at < size
            ):
                continue
            written = text[start : start + len(word)]
            if len(written) == len(word):
                differ = [(a, b) for a, b in zip(written, word, strict=True) if a != b]
                if len(differ) == 1 and differ[0][1] in "".join(index.table.get(differ[0][0], ())):
                    continue  # one character replaced, not dropped (迫在眉捷: the longer span's slip)
        elif len(_word_at(words, offset + position)[1]) > 1:
            continue  # the character sits in a word as written
        fixed_words, fixed_score = lexicon.split(window[:offset] + word + window[offset + size :])
        token_start, token = _word_at(fixed_words, offset)
        if token_start > offset or token_start + len(token) < offset + len(word):
            continue  # the word does not read as one with the text around it
        if fixed_score - score >= (guards.drop_margin if kind == "漏字" else guards.margin):
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
    guards = context.data.once(_guards_of)
    source = context.report.source
    curated = context.data.typo_regex
    findings: list[Finding] = []
    taken = -1
    score, rare = lexicon.score, index.rare_score
    for start, size, replaced, dropped in sorted(windows):
        end = start + size
        if start < taken:
            continue  # one finding per place
        span = text[start:end]
        known = score(span)
        if known is not None and known > rare:
            continue  # a word as written (confusion_at's first test)
        word_and_more = _slip_of(lexicon, index, text, start, span, guards, True, replaced, dropped)
        if word_and_more is None:
            continue
        word, position, kind = word_and_more
        # text.count(span) > 1, read only as far as the second occurrence (count, too, takes them
        # from the left without overlap): span stands at start, so the first is found
        if text.find(span, text.find(span) + len(span)) >= 0 and (
            kind != "漏字" or text.count(span) - text.count(word) > 1
        ):
            continue  # written the same way twice: meant (a name, a term of the report)
        if kind != "漏字" and span[position] in _FUNCTION_CHARS:
            continue  # '纠纷按件给予补贴': a preposition before a noun, not a slip of '案件'
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
        # the text's own spelling elsewhere is the evidence; without it the swap is not reported
        # (on report openings nobody annotated, 9 of 10 such swaps were sound words, and on the
        # 24 of batch 7 all 8 were: 晴热, 侧深施肥, 快检室 …)
        if word not in text:
            continue
        taken = end
        quote_start, quote_end = max(_run_left(text, start, 3), start - 3), _run_right(text, end, 3)
        if kind == "漏字":
            how = f"漏字：漏了“{word[position]}”"
        elif kind == "倒字":
            how = f"倒字：“{span[position : position + 2]}”两字颠倒"
        else:
            how = f"{kind}字：“{span[position]}”应为“{word[position]}”"
        findings.append(
            context.finding(
                "typo.confusion",
                WARNING,
                f"“{span}”疑为“{word}”之误（{how}）：“{text[quote_start:quote_end]}”",
                start,
                end,
                expected=word,
                found=span,
            )
        )
    return findings


RULES = (
    check_doubled_characters,
    check_doubled_phrases,
    check_rare_characters,
    check_number_formats,
    check_inserted_spans,
    check_units,
    check_number_units,
    check_glued_years,
    check_term_variants,
    check_mixed_usage,
    check_missing_characters,
    check_confusions,
)
