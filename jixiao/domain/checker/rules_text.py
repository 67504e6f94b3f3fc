"""Wording rules: leftover template text, doubled words and clauses, doubled approximations,
the title against the body, malformed dates, one place name written two ways, list numbers
repeated or skipped inside a paragraph, and sentences run together.

Word lists live in ``jixiao/data/checker/wording.yaml``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.config import literal_trie
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.parse import ParsedReport
from jixiao.domain.checker.rules import has_any, has_word, word_places, word_starts, year_starts
from jixiao.domain.checker.rules_levels import self_reference, unit_level
from jixiao.domain.checker.tables import columns_for, score_row
from jixiao.domain.checker.vocabulary import words

# ---------------------------------------------------------------------------------------------
# Looking for a word of several characters in a report

# ``text.find`` of one character runs at memory speed, while ``word in text`` for a word of several
# characters steps through a Chinese text slowly (its skip test, 64 entries wide, tells few Chinese
# characters apart): some 3–6 µs for a seed-sized report each time. These find one character of
# the word (``anchor``: its index in the word) and compare the word there; when that character is
# common in the text (more than _TRIES places compared in vain), the rest is left to ``str.find``.
# The answers are those of ``str.find``, ``in`` and ``str.count``.

_TRIES = 8


def find_word(text: str, word: str, start: int = 0, anchor: int = 0) -> int:
    """``text.find(word, start)`` (``start`` ≥ 0)."""
    char = word[anchor]
    find = text.find
    startswith = text.startswith
    at = find(char, start + anchor)
    tries = _TRIES
    while at >= 0:
        if startswith(word, at - anchor):
            return at - anchor
        tries -= 1
        if not tries:  # a common character: every place before ``at`` is compared already
            return find(word, at - anchor + 1)
        at = find(char, at + 1)
    return -1


def contains_word(text: str, word: str, anchor: int = 0) -> bool:
    """``word in text``, found from one character of the word (no CharIndex needed; rules that have
    the report's CharIndex use ``rules.has_word``)."""
    return find_word(text, word, 0, anchor) >= 0


def count_word(text: str, word: str, anchor: int = 0) -> int:
    """``text.count(word)``: the occurrences that do not overlap, from the left."""
    count = 0
    at = find_word(text, word, 0, anchor)
    while at >= 0:
        count += 1
        at = find_word(text, word, at + len(word), anchor)
    return count


# ---------------------------------------------------------------------------------------------
# The word lists of the checker data as tuples and sets, made once per list, not once per report

_AS_TUPLE: dict[int, tuple[object, int, tuple]] = {}
_AS_SET: dict[int, tuple[object, int, frozenset]] = {}


def _made_once(words, cache: dict, make):
    """``make(words)`` kept with the list it was made of, and made again when the list is another
    one or grew or shrank."""
    known = cache.get(id(words))
    if known is None or known[0] is not words or known[1] != len(words):
        if len(cache) > 256:
            cache.clear()
        known = cache[id(words)] = (words, len(words), make(words))
    return known[2]


def as_tuple(words) -> tuple:
    """``tuple(words or ())`` for a list of the checker data, made once per list."""
    return _made_once(words, _AS_TUPLE, tuple) if words else ()


def as_set(words) -> frozenset:
    """``frozenset(words or ())`` for a list of the checker data, made once per list."""
    return _made_once(words, _AS_SET, frozenset) if words else frozenset()


# ---------------------------------------------------------------------------------------------
# Leftover template text

# what every placeholder of wording.yaml holds: one of these characters or words
_PLACEHOLDER_CHARS = "xX×ｘＸ{【[〈<○"
_PLACEHOLDER_WORDS = (
    "某某",
    "(部门)",
    "(单位)",
    "名称)",
    "(姓名)",
    "(签名)",
    "电话)",
    "号码)",
    "(职务)",
    "金额)",
    "数量)",
    "数字)",
)
# between Chinese characters or before %: '满意度达到XX%', '按照XX要求' (vocabulary.yaml)
_MORE_PLACEHOLDERS = re.compile("|".join(words("rules_text.more_placeholders")))


@lru_cache(maxsize=4)
def _template_patterns(key: int, phrases: tuple[str, ...], labels: tuple[str, ...], tail: str, hint: str):
    phrase_regex = re.compile("|".join(re.escape(p) for p in phrases) or "(?!)")
    # (the phrases' first characters, and their first two when none is shorter: a match is one of
    # them, tried only where they stand)
    firsts = "".join(sorted({p[0] for p in phrases if p}))
    heads = frozenset(p[:2] for p in phrases) if all(len(p) >= 2 for p in phrases) else None
    answer_regex = (
        re.compile(rf"^(?:{'|'.join(re.escape(label) for label in labels)})\s*\|?$") if labels else None
    )
    tail_regex, hint_regex = re.compile(tail + r"\s*\|?\s*$"), re.compile(hint or "(?!)")
    return phrase_regex, (firsts, heads), answer_regex, tail_regex, hint_regex


class _TemplateWords(NamedTuple):
    patterns: tuple  # _template_patterns
    fields: tuple[str, ...]  # form_fields, and their patterns
    field_regex: re.Pattern
    field_name: re.Pattern
    stamp_only: re.Pattern
    rows: frozenset[str]
    row_fields: frozenset[str]


def _template_words(data) -> _TemplateWords:
    wording = data.wording
    key = id(wording)
    fields = as_tuple(wording.get("form_fields"))
    return _TemplateWords(
        _template_patterns(
            key,
            as_tuple(wording.get("template_phrases")),
            as_tuple(wording.get("answer_labels")),
            wording.get("instruction_tail") or "(?!)",
            wording.get("guidance_note") or "",
        ),
        fields,
        _form_field_regex(key, fields),
        _field_name(key, fields),
        _stamp_only(key, fields),
        as_set(wording.get("answer_rows")),
        as_set(wording.get("row_fields")),
    )


@rule(
    "template.leftover",
    "模板残留：xx年、××县等占位符，“参考提纲”等提示字样，照抄的填表说明，自评表中空着的得分",
)
def check_template_leftovers(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    findings: list[Finding] = []
    places = report.places
    placeholders = []
    # the patterns are tried only when one of their marks is written (x, ×, 某某 …), and then only
    # where a placeholder can start
    if scan.places_of(text, _PLACEHOLDER_CHARS, places) or has_any(text, _PLACEHOLDER_WORDS, places):
        placeholders = [
            m
            for m in scan.finditer_anchored(context.data.placeholder_regex, text, places)
            if not _in_source_line(text, m.start())
        ]
        if scan.places_of(text, "xXｘＸ", places):
            taken = [(m.start(), m.end()) for m in placeholders]
            more = [
                m
                for m in scan.finditer_anchored(_MORE_PLACEHOLDERS, text, places)
                if not any(a < m.end() and m.start() < b for a, b in taken)
                and not _in_source_line(text, m.start())
            ]
            if more:
                placeholders = sorted(placeholders + more, key=lambda m: m.start())
    if placeholders:
        first = placeholders[0]
        more = f"，全文共{len(placeholders)}处" if len(placeholders) > 1 else ""
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"模板占位符未填实：“{first.group(0)}”{more}（年份、文号、名称应写具体）",
                first.start(),
                first.end(),
                found=first.group(0),
            )
        )
    template = context.data.once(_template_words)
    phrase_regex, (firsts, heads), answer_regex, tail_regex, hint_regex = template.patterns
    if heads is None:
        phrases = scan.finditer(phrase_regex, text, places)
    else:
        starts = [at for at in scan.places_of(text, firsts, places) if text[at : at + 2] in heads]
        phrases = scan.matches_at(phrase_regex, text, starts)
    for match in phrases:
        if (
            "一行" in match.group(0)
            and text[match.start() - 1 : match.start()] in ("\n", "")
            and text[match.end() : match.end() + 1] in ("\n", "")
        ):
            continue  # a form's instruction on its own line: template.form_instruction's
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"模板提示字样“{match.group(0)}”未删除",
                match.start(),
                match.end(),
                found=match.group(0),
            )
        )
    if answer_regex is not None and has_word(text, "字以内", places):
        paragraphs = report.paragraphs
        for index in range(1, len(paragraphs)):
            paragraph = paragraphs[index]
            if not tail_regex.search(paragraph.text):
                continue
            cells = []
            for back in range(index - 1, max(index - 4, -1), -1):
                cells = [c.strip() for c in paragraphs[back].text.split("|") if c.strip()]
                if cells and answer_regex.match(cells[-1]):
                    break
                cells = []
            if not cells:
                continue
            findings.append(
                context.finding(
                    "template.leftover",
                    WARNING,
                    f"“{cells[-1]}”一栏照抄了填表说明，没有填写",
                    paragraph.start,
                    paragraph.end,
                    found=paragraph.text[:30],
                )
            )
    findings.extend(_empty_scores(context))
    findings.extend(_empty_actuals(context))
    findings.extend(_empty_form_fields(context, template))
    findings.extend(_empty_date_fields(context))
    findings.extend(_unchecked_options(context))
    findings.extend(_guidance_notes(context, hint_regex))
    for match in _empty_slots(text, places):
        slot = text[match.start() - 2 if match.lastgroup == "money" else match.start() : match.end()]
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"模板留下的空位没有填：“{slot.strip()}”（{_SLOT_WHAT[match.lastgroup]}）",
                match.start(),
                match.end(),
                found=match.group(0),
            )
        )
    for first, start, end in _empty_items(text, places, _digit_marks(context)) + _empty_bracket_items(
        text, places
    ):
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"编号“{first}.”后面没有内容，紧接着是“{first + 1}.”（模板的条目没有填写）"
                if text[start:end].strip(" \t;；。|\n")[0] != "("
                else f"编号“({first})”后面没有内容，紧接着是“({first + 1})”（模板的条目没有填写）",
                start,
                end,
                found=text[start:end],
            )
        )
    for match in _blanks(text, places):
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"应填的数字没有填：“{match.group(0)}”",
                match.start(),
                match.end(),
                found=match.group(0),
            )
        )
    for match in scan.finditer(_BARE_PERCENTS, text, places) if has_word(text, "%、%", places) else ():
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"百分比只剩“%”，数字没有填：“{match.group(0).strip('、,;。')}”",
                match.start(),
                match.end(),
                found=match.group(0),
            )
        )
    return findings


# numbered items left empty: '1.完成道路养护300公里; 2. 3.' (the number of the next item at once);
# found from a mark followed by the next number (a class first: scanned in C), then read back
_NEXT_NUMBER = re.compile(r"[.．、][ \n]*(\d{1,2})[.．、](?!\d)")


def _empty_items(
    text: str, places: scan.CharIndex | None = None, marks: list[int] | None = None
) -> list[tuple[int, int, int]]:
    """(the empty item's number, start, end) of each item number followed at once by the next one,
    where the first opens a clause (after ';', '。', a line break or a cell's '|')."""
    found = []
    for match in _next_numbers(text, places, marks):
        mark = match.start()
        digits = mark
        while digits and text[digits - 1].isdecimal() and mark - digits < 2:
            digits -= 1
        if digits == mark or (digits and text[digits - 1].isdecimal()):
            continue
        opener = digits - 1 if digits and text[digits - 1] == " " else digits
        if opener and text[opener - 1] not in ";；。\n|":
            continue
        first = int(text[digits:mark])
        if "\n" in match.group(0) and text[match.end() : match.end() + 1] not in ("\n", ""):
            continue  # '2.' alone on its line, '3.' opening the next with its item: a heading's line break
        if int(match.group(1)) == first + 1:
            if (
                match.group(0)[1:-1] == match.group(1)
                and "\u4e00" <= text[match.end() : match.end() + 1] <= "\u9fff"
                and re.search(rf"(?m)^{first}\.(?!{first + 1}\.)\d{{1,2}}\.(?=[\u4e00-\u9fff])", text)
            ):
                continue  # '1.2.效益分析' among '1.1.…' '1.3.…': a decimal heading, no empty item 1.
            found.append((first, digits, match.end()))
    return found


# '(1)完成造林;(2)(3)': bracketed item numbers one after the other, the first with nothing after it
_NEXT_BRACKET = re.compile(r"(?<=[;；。\n|])[ \t]*\((\d{1,2})\)[ \t]*\((\d{1,2})\)(?=[ \t]*(?:$|\n|\(\d))")


def _empty_bracket_items(text: str, places: scan.CharIndex | None = None) -> list[tuple[int, int, int]]:
    """(the empty item's number, start, end) of each '(n)' followed at once by '(n+1)' and then by
    the line's end or a third number."""
    if not has_word(text, ")(", places) and not has_word(text, ") (", places):
        return []
    return [
        (int(match.group(1)), match.start(), match.end())
        for match in _NEXT_BRACKET.finditer(text)
        if int(match.group(2)) == int(match.group(1)) + 1
    ]


def _next_numbers(text: str, places: scan.CharIndex | None, marks: list[int] | None = None) -> list[re.Match]:
    """``_NEXT_NUMBER.finditer(text)``, tried only before the marks that follow a digit (``marks``:
    :func:`_marks_after_digits` of ".．、", when the caller has them): a match is a mark, spaces,
    one or two digits (all those before the second mark) and the second mark, so it starts at the
    mark before the spaces before those digits."""
    if marks is None:
        marks = _marks_after_digits(text, places, ".．、")
    starts = []
    for mark in marks:
        digits = mark - 1  # (a digit)
        if digits and text[digits - 1].isdecimal():
            digits -= 1
            if digits and text[digits - 1].isdecimal():
                continue  # three digits or more: no number of one or two
        start = digits - 1
        while start >= 0 and text[start] in " \n":
            start -= 1
        if start >= 0 and text[start] in ".．、" and (text[start + 1 : digits].count("\n") <= 1):
            starts.append(start)
    return scan.matches_at(_NEXT_NUMBER, text, starts)


# a blank left for a figure: '预算执行率为……%', '评价得分:____分'
_BLANK = re.compile(
    r"(?:…{2,}|_{2,}|＿{2,})\s*(?:%|万元|元|人次|人|个百分点|个|项|次|分|年)|(?<=:)(?:_{3,}|＿{3,})(?=[。,;\n]|$)"
)
_BLANK_MARKS = ("……", "__", "＿＿")


def _blanks(text: str, places: scan.CharIndex | None = None) -> list[re.Match]:
    if not has_any(text, _BLANK_MARKS, places):
        return []
    return list(_BLANK.finditer(text))


# slots of a template nobody filled: a document number without its number ('湛财评〔2018〕号'), a
# row of boxes for a code ('项目编码:□□□□□□'), empty brackets where a figure goes ('经费【】万元'),
# a sum named with its unit but without its figure ('政府专项经费万元')
_MONEY_WORDS = ("经费", "资金", "拨款", "投资", "金额", "补助", "收入", "支出")
_EMPTY_SLOT = re.compile(
    r"(?P<number>[〔﹝\[［【]\s*(?:19|20)\d{2}\s*[〕﹞\]］】]\s*[号號]"
    # '报告文号:永信德威会绩字(2018)' at the end of its line: the 字 of a document number, its year,
    # then nothing
    r"|(?<=[字发函])[〔﹝\[［【(（]\s*(?:19|20)\d{2}\s*[〕﹞\]］】)）](?=[ \t]*(?:\n|$|[,;。、]|文件)))"
    r"|(?P<boxes>□{3,})"
    r"|(?P<figure>[(（【\[［][ 　]*[)）】\]］](?=万元|元|人次|人|个|项|次|%|件|场|户|家|名|台|套|公里|亩))"
    rf"|(?P<money>[万亿]元(?<=(?:{'|'.join(_MONEY_WORDS)})[万亿]元))"
)
# '< >绩效自评工作开展情况': a heading whose number was never put into its brackets
_HEADING_SLOT = re.compile(
    r"(?m)^[ \t　]*(?P<heading>[<〈(（【\[][ \t　]*[>〉)）】\]])(?=[ \t　]*[\u4e00-\u9fff])"
)
_SLOT_WHAT = {
    "heading": "标题的编号空着",
    "number": "文号缺序号",
    "boxes": "编码的方格没有填",
    "percent": "百分比的数字没有填",
    "figure": "括号里应填数字",
    "money": "金额的数字没有填",
}


# (达到, 不低于, 控制在, 超过 …: 到于在过; not 增长/下降, which name a table's column: '比上年增长%')
_PERCENT_SLOT = re.compile(r"(?P<percent>[为达是约:到于在过]%)")


_MONEY_SLOT = "万亿"  # the money's 万元, 亿元 (万 is common: what stands around it is looked at first)
_SLOT_OPENERS = "".join(c for c in scan.first_chars(_EMPTY_SLOT) or "" if c not in _MONEY_SLOT)
_ROUND = "(（"  # (round brackets open only the empty brackets of a figure: spaces or a closer follow)
_FIGURE_NEXT = frozenset(" 　)）】]］")


def _empty_slots(text: str, places: scan.CharIndex) -> list[re.Match]:
    """The slots of _EMPTY_SLOT, and a percent sign with no figure after 为/达/是 ('完成率为%'),
    found from the few '%' of the text (a class of first characters would be scanned everywhere).
    _EMPTY_SLOT is tried at its first characters only: a round bracket only when a space or a
    closer follows it (or a year, after the 字 of a document number), a 万 or 亿 only between one
    of the money words and 元."""
    starts = [
        at
        for at in scan.places_of(text, _SLOT_OPENERS, places)
        if text[at] not in _ROUND
        or text[at + 1 : at + 2] in _FIGURE_NEXT
        or (text[at - 1 : at] in "字发函" and text[at + 1 : at + 3] in ("19", "20"))
    ]
    money = [
        at
        for at in scan.places_of(text, _MONEY_SLOT, places)
        if text.startswith("元", at + 1) and text.endswith(_MONEY_WORDS, 0, at)
    ]
    if money:
        starts = sorted(starts + money)
    found = scan.matches_at(_EMPTY_SLOT, text, starts)
    if has_any(text, "<〈", places) or " )" in text or " ）" in text:
        found = sorted(found + list(_HEADING_SLOT.finditer(text)), key=lambda m: m.start())
    percents = [m for at in scan.places_of(text, "%", places) if (m := _PERCENT_SLOT.match(text, at - 1))]
    return sorted(found + percents, key=lambda m: m.start()) if percents else found


def _guidance_notes(context: CheckContext, regex: re.Pattern) -> list[Finding]:
    """An outline's writing hint left in brackets at the end of a heading that the body then
    follows ('(一)部门基本情况(包括在职人员情况、机构设置、主要职能等)'). A heading that ends
    the text is left alone: the text may stop before its body (an opening cut short)."""
    report = context.report
    text = report.text
    headings = report.headings
    starts = report._heading_starts
    # the last bracket of each heading that has one, from the brackets of the text (each heading
    # is a paragraph of its own: they do not overlap)
    last: dict[int, int] = {}
    for at in scan.places_of(text, "(（", report.places):
        index = bisect_right(starts, at) - 1
        if index >= 0 and at < headings[index].end:
            last[index] = at
    findings = []
    for index, opening in last.items():  # (in the order of the headings)
        heading = headings[index]
        if heading.rank < 1:
            continue
        match = regex.match(text, opening, heading.end) if opening > heading.start else None
        if match is None or not text[heading.end : heading.end + 400].strip():
            continue
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"标题后括号里是提纲的写作提示，没有删去：“{match.group(0).rstrip('。. ')}”",
                match.start(),
                match.end(),
                found=match.group(0),
            )
        )
    return findings


_BARE_PERCENTS = re.compile(r"(?:^|(?<=[、,;。:]))%(?:、%)+", re.M)  # “…状态。%、%、%,未按规定…”


@lru_cache(maxsize=4)
def _form_field_regex(key: int, fields: tuple[str, ...]) -> re.Pattern:
    names = "|".join(fields) or "(?!)"
    # (a field of the project's own: '项目主管部门(盖章):')
    return re.compile(rf"^(?:项目|预算)?(?:{names})(?:\((?:盖章|公章|签章|签字|签名)\)|签名|签字|签章)?\s*:$")


@lru_cache(maxsize=4)
def _stamp_only(key: int, fields: tuple[str, ...]) -> re.Pattern:
    names = "|".join(fields) or "(?!)"
    return re.compile(
        rf"(?:^|(?<=[\s|)]))(?P<label>{names})\s*:\s*(?P<stamp>\((?:盖章|公章|签章)\))"
        r"(?=[ \t]*(?:$|\||[\u4e00-\u9fff()]{2,16}:))",
        re.M,
    )


_COLON_THEN_FIELD = re.compile(r":(?=[\u4e00-\u9fff()]{2,10}:)")
_CJK_BEFORE = re.compile(r"[\u4e00-\u9fff()]{2,12}$")
_STAMP_MARK = re.compile(r"\((?:盖章|公章|签章|签字)\)$")


@lru_cache(maxsize=4)
def _field_name(key: int, fields: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(fields) or "(?!)")


def _empty_form_fields(context: CheckContext, template: _TemplateWords) -> list[Finding]:
    """A cover or form field left empty: a line that is only “预算编码:” or “单位名称(盖章):”,
    followed by a blank line or by the next field (“评价方式:…”)."""
    report = context.report
    if not template.fields:
        return []
    regex = template.field_regex
    places = report.places
    text = report.text
    findings = []
    paragraphs = report.paragraphs
    # “主管部门:               单位:万元”: a field followed on its line by the next field
    field_name = template.field_name
    for colon in _COLON_THEN_FIELD.finditer(text):  # (a literal first: the regex engine finds it fast)
        label = _CJK_BEFORE.search(text, max(0, colon.start() - 12), colon.start())
        after = text[colon.end() : text.find(":", colon.end())]
        if label is None or not field_name.fullmatch(_STAMP_MARK.sub("", label.group(0))):
            continue
        if after != "单位" and not field_name.fullmatch(after):
            continue
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"“{label.group(0)}”一栏没有填写",
                label.start(),
                colon.end(),
                expected=label.group(0),
            )
        )
    # “单位名称:(盖章)” alone on its line, or before the next field: only the stamp's place is there
    for stamp in template.stamp_only.finditer(text) if has_word(text, "章)", places) else ():
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"“{stamp.group('label')}”一栏没有填写，只有“{stamp.group('stamp')}”",
                stamp.start(),
                stamp.end(),
                expected=stamp.group("label"),
            )
        )
    rows = template.rows
    # a header row of a form whose field is followed only by empty cells (“单位 | |||||||”)
    row_fields = template.row_fields
    for paragraph in paragraphs if rows and "|" in text else ():
        # the first cell is looked at first, the others only for a field's name: the cells after
        # it are all empty when what follows the first '|' is only '|' and spaces
        head, _, rest = paragraph.text.partition("|")
        label = head.strip()
        if label not in rows and label not in row_fields:
            continue
        if rest.replace("|", " ").strip():
            continue
        if label in rows or paragraph.text.count("|") >= 3:  # (a field with three cells or more)
            findings.append(
                context.finding(
                    "template.leftover",
                    WARNING,
                    f"自评表“{label}”一栏没有填写",
                    paragraph.start,
                    paragraph.end,
                    expected=label,
                )
            )
    # the paragraphs that end with ':' (a field's label alone), found from the colons when they are
    # few (most texts); a form with colons on most lines has each paragraph's end looked at
    colons = []
    colon = text.find(":")
    limit = len(paragraphs) // 4
    while colon >= 0 and len(colons) <= limit:
        colons.append(colon)
        colon = text.find(":", colon + 1)
    if len(colons) > limit:
        ending = [index for index, paragraph in enumerate(paragraphs[:-1]) if paragraph.text.endswith(":")]
    else:
        ending = []
        for colon in colons:
            index = report.paragraph_index(colon)
            if 0 <= index < len(paragraphs) - 1 and paragraphs[index].end == colon + 1:
                ending.append(index)
    for index in ending:
        paragraph = paragraphs[index]
        if len(paragraph.text) > 16 or not regex.match(paragraph.text):
            continue
        following = paragraphs[index + 1].text
        next_is_field = ":" in following and regex.match(following[: following.index(":") + 1])
        # (or the signature's date under it, left as blank as the field: '年 月 日')
        if not (text.startswith("\n\n", paragraph.end) or next_is_field or _BLANK_DATE_LINE.match(following)):
            continue
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"“{paragraph.text.rstrip(':')}”一栏没有填写",
                paragraph.start,
                paragraph.end,
                expected=paragraph.text.rstrip(":"),
            )
        )
    return findings


_BOXED_SPLIT = re.compile(r"\s*□\s*")


def _empty_cells_after(context: CheckContext, table, row, cell, count: int) -> bool:
    """A '|' row that goes on after ``cell`` with at least ``count`` empty cells (“| 10 | | |”)."""
    rest = context.report.text[cell.end : row.end]
    return table.layout == "pipe" and rest.count("|") >= count and not rest.replace("|", "").strip()


# a date field whose 年 月 日 stand with nothing before them: '填报日期:    年  月  日' (the spaces
# dropped in the normalised text), '| 填报日期 | 20  年  月  日 |'
_EMPTY_DATE = re.compile(
    r"(?P<label>[\u4e00-\u9fff]{0,4}(?:日期|时间))(?:\((?:盖章|签字)\))?[:|]\s*(?:19|20)?\s*年\s*月(?:\s*日)?(?![\d])"
)


# a date line with its month and day left blank: '年 月 日', '二〇二四年 月 日', '2024年 月 日' (the spaces
# dropped in the normalised text); with its year written, it is a date begun and not finished
_YEAR_WRITTEN = r"(?:(?:19|20)\d{2}|[一二][〇○0零][〇○0零一二三四五六七八九]{2})"
_BLANK_DATE_LINE = re.compile(rf"[ \t]*(?:{_YEAR_WRITTEN}|20)?[ \t]*年[ \t]*月[ \t]*日?[ \t]*$")
_HALF_DATE = re.compile(rf"{_YEAR_WRITTEN}[ \t]*年[ \t]*月[ \t]*日")


def _empty_date_fields(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    for at in word_starts(text, "年月", context.report.places):
        match = _EMPTY_DATE.search(text, max(0, at - 16), at + 3)
        if match is None or match.end() < at + 2:
            half = _HALF_DATE.search(text, max(0, at - 5), at + 3)
            if half is not None and half.end() >= at + 2 and not _in_source_line(text, half.start()):
                findings.append(
                    context.finding(
                        "template.leftover",
                        WARNING,
                        f"日期只写了年份，月、日空着：“{half.group(0)}”",
                        half.start(),
                        half.end(),
                        found=half.group(0),
                    )
                )
            continue
        if match is not None and match.end() >= at + 2:
            findings.append(
                context.finding(
                    "template.leftover",
                    WARNING,
                    f"“{match.group('label')}”一栏没有填写，只有“年月日”的空位",
                    match.start(),
                    match.end(),
                    expected=match.group("label"),
                    found=match.group(0),
                )
            )
    return findings


def _unchecked_options(context: CheckContext) -> list[Finding]:
    """A form's choice left open: every option of a line has its box and none is ticked
    (“评价类型:项目实施过程评价□项目完成结果评价□”). An option written without a box
    (“□财政部门□主管部门 项目单位”) is the one ticked, its mark lost in the copy."""
    text = context.report.text
    if "□" not in text:
        return []
    ticks = re.compile((context.data.wording.get("evaluation") or {}).get("checked_marks") or "[☑√■✔]")
    findings = []
    source = context.report.source
    for paragraph in context.report.paragraphs:
        if paragraph.text.count("□") < 2:
            continue
        line = source.original_text(paragraph.start, paragraph.end)
        if ticks.search(line) or "?" in line:
            continue
        line = line.replace("：", ":").replace("\u3000", " ")
        if "|" in line:  # a form's row: the cell that holds the boxes ('| 评价方式 | 自评□ 第三方评价□ |')
            choices = max(line.split("|"), key=lambda cell: cell.count("□"))
            choices = choices[choices.find(":") + 1 :] if ":" in choices[:12] else choices
        else:
            choices = line[line.find(":") + 1 :] if ":" in line[:12] else line
        options = [o for o in _BOXED_SPLIT.split(choices.strip()) if o]
        if len(options) < 2 or any(" " in o or len(o) > 16 for o in options):
            continue
        findings.append(
            context.finding(
                "template.leftover",
                WARNING,
                f"选项都没有勾选：“{line[:40]}”",
                paragraph.start,
                paragraph.end,
                found=line[:40],
            )
        )
    return findings


def _in_source_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return text.startswith(("SOURCE:", "TITLE:", "http"), line_start)


_TARGET_COLUMNS = words("rules_text.target_columns")
_ACTUAL_COLUMNS = words("rules_text.actual_columns")


def _empty_actuals(context: CheckContext) -> list[Finding]:
    """An indicator row of the form with its target and its score but no achieved value
    ('| 当年竣工率 | ≥95% | | 5 | 5 |'): the completion was never filled in, yet points were given."""
    findings = []
    for table in context.tables:
        score_at = table.column("score")
        names = [name.replace(" ", "") for name in table.columns]
        target_at = next((i for i, n in enumerate(names) if n in _TARGET_COLUMNS), None)
        actual_at = next((i for i, n in enumerate(names) if n in _ACTUAL_COLUMNS), None)
        if score_at is None or target_at is None or actual_at is None or not target_at < actual_at < score_at:
            continue
        filled = sum(1 for row in table.rows if row.cell(actual_at) is not None)
        if filled < 2:
            continue  # a table whose achieved column is read nowhere: its layout, not an empty cell
        for row in table.rows:
            target, actual, score = row.cell(target_at), row.cell(actual_at), row.cell(score_at)
            if (
                target is None
                or actual is not None
                or score is None
                or score.value is None
                or not target.text
            ):
                continue
            name = next(
                (
                    c.text
                    for c in reversed(row.cells[:target_at])
                    if c is not None and c.text and c.value is None
                ),
                row.label,
            )
            findings.append(
                context.finding(
                    "template.leftover",
                    WARNING,
                    f"自评表“{name}”一行实际完成值没有填写，却给了{score.text}分",
                    target.start,
                    score.end,
                    expected="实际完成值",
                )
            )
    return findings


def _empty_scores(context: CheckContext) -> list[Finding]:
    """A row of the self-evaluation form with a weight but no score: a fund row with its 执行数, or an
    indicator row with its completion (实际完成值, 完成率) in a table whose other rows are scored."""
    findings = []
    for table in context.tables:
        weight_at, score_at, actual_at = table.column("weight"), table.column("score"), table.column("执行数")
        if weight_at is None or score_at is None:
            continue
        if actual_at is None:  # an indicator table: the row's completion stands between weight and score
            scored = sum(1 for row in table.rows if row.cell(score_at) is not None)
            if scored < 2 or not weight_at < score_at - 2:
                continue
        for row in table.rows:
            weight, score = row.cell(weight_at), row.cell(score_at)
            if weight is None or weight.value is None or score is not None:
                continue
            # the row's last cell ('10 | 102.59% | | |': the rate after the weight)
            last_at = len(row.cells) - 1
            if len(row.cells) <= score_at and (
                row.cells[last_at] is None
                or (last_at != weight_at and not row.cells[last_at].text.endswith("%"))
                or not _empty_cells_after(context, table, row, row.cells[last_at], score_at - last_at)
            ):
                continue  # the row ends before the score column: cells lost, not left empty
            if weight.text.endswith("%"):
                continue  # a rate read into the weight column of a row that keeps no points
            if actual_at is not None and row.cell(actual_at) is None:
                continue
            if actual_at is None and not any(
                row.cell(at) for at in range(max(weight_at + 2, score_at - 2), score_at)
            ):
                continue  # no completion (the cells before the score, past the target) written: no score to give
            findings.append(
                context.finding(
                    "template.leftover",
                    WARNING,
                    f"自评表“{row.label}”一行有权重{weight.text}，得分却没有填写",
                    weight.start,
                    row.end,
                    expected="得分",
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# Doubled words, doubled clauses, doubled approximations

_DOUBLE_CHARS = frozenset(words("rules_text.double_chars"))
_WORDS_ENDING_IN_DE = frozenset(words("rules_text.words_ending_in_de"))
_WORDS_BEFORE_DE = frozenset(words("rules_text.words_before_de"))
_DOUBLE_CHAR = re.compile(r"的的|是是|在在|和和|了了(?!之)")


def _repeated_clauses(
    text: str, minimum: int, places: scan.CharIndex | None = None
) -> list[tuple[int, int, str]]:
    """Clauses written twice or more in a row ('A;A;A' — A may hold commas). The pieces of the
    text between its ';' (found in its CharIndex) are compared each with the next; a backtracking
    regex over every position is far slower."""
    repeats: list[tuple[int, int, str]] = []
    for separator, stops in ((";", ("。", "\n", ":")),):
        separators = scan.places_of(text, separator, places)
        if len(separators) < 2:
            continue
        head_start = 0
        for at in separators:  # the piece before ``at`` against the one after it
            # the clause is read back to the last stop, looked for only as far as a clause of 60
            # characters goes: with no stop there, one that starts further back is too long
            low = max(head_start, at - 61)
            clause_start = max(text.rfind(stop, low, at) for stop in stops) + 1 or low
            if clause_start == low > head_start:
                head_start = at + 1
                continue
            head_start, clause = at + 1, text[clause_start:at]
            # (the clause holds no ';': when the text goes on with it, so does the next piece)
            if minimum <= len(clause) <= 60 and text.startswith(clause, at + 1):
                start = clause_start
                rest = text[at + 1 + len(clause) : at + 2 + len(clause)]  # ';' ends the next piece
                if rest in ("", separator, *stops) and not any(a <= start < b for a, b, _ in repeats):
                    end = start + 2 * len(clause) + 1
                    while text.startswith(separator + clause, end):
                        end += 1 + len(clause)
                    repeats.append((start, end, clause))
    return repeats


# '我县共计实施…项目共计125个': a word of summing said twice in one clause (no mark, no figure
# between: '合计 41375 合计 32258' is a table's cells)
_SUM_HEADS = frozenset("共合累总")  # of 共计, 合计, 累计, 总计
_CLAUSE_BREAKS = re.compile(r"[,，。;；:：、\n\d| ]")


def _twice_in_a_clause(text: str, places: scan.CharIndex | None) -> list[tuple[int, int, str]]:
    """(start, end, word) of each such pair, found from the places of 计 (one character, from
    the text's CharIndex) rather than by a regex tried at every 共, 合, 累 and 总."""
    ends = scan.places_of(text, "计", places)
    starts = [at - 1 for at in ends if at and text[at - 1] in _SUM_HEADS]
    found = []
    taken = -1
    for first, second in itertools.pairwise(starts):
        if first < taken or second - first > 32 or text[first : first + 2] != text[second : second + 2]:
            continue
        if _CLAUSE_BREAKS.search(text, first + 2, second) is None:
            found.append((first, second + 2, text[first : first + 2]))
            taken = second + 2
    return found


def _approx_of(data) -> tuple[tuple[str, ...], re.Pattern, str | None]:
    wording = data.wording
    return _approx_regexes(as_tuple(wording.get("approx_before")), as_tuple(wording.get("approx_after")))


@lru_cache(maxsize=4)
def _approx_regexes(
    before: tuple[str, ...], after: tuple[str, ...]
) -> tuple[tuple[str, ...], re.Pattern, str | None]:
    """The 'after' words (多, 余), each looked for on its own (from the CharIndex), the check of
    what stands before the number, and the last characters of the 'before' words (逾, 近 …: one
    of them stands in every match of the check), None when a word is not a plain one."""
    anchors = tuple(after)
    head = re.compile(rf"(?:{'|'.join(before)})\d+(?:\.\d+)?(?:万|亿)?$") if before else re.compile("(?!)")
    plain = all(word and re.escape(word) == word and ord(word[-1]) < 0xFFFF for word in before)
    lasts = "".join(sorted({word[-1] for word in before})) if plain else None
    return anchors, head, lasts


# A doubled word before a digit or a Latin letter is a column header and the next cell's label
# (数量指标|指标1, 经济效益指标|指标L read off a scan); a doubled character between digits is two
# cells of a table (标准|是|是|8): neither is a slip of the pen.
_LABEL_AFTER = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _starts_a_column_name(context: CheckContext, at: int, word: str) -> bool:
    """The second of two words starts a longer column name of a self-evaluation form (指标名称)."""
    match = columns_for(context.data).any_name.match(context.report.text, at)
    return match is not None and len(match.group(0)) > len(word)


@rule("typo.doubled", "叠词叠字（“服务对象对象”）、连续重复的分句、约数词重复（“近400多名”“逾20多万”）")
def check_doubled(context: CheckContext) -> list[Finding]:
    text = context.report.text
    wording = context.data.wording
    allowed = as_set(wording.get("reduplication_ok"))
    findings = []
    source = context.report.source
    for start, end in context.doubled_spans:  # ([\u4e00-\u9fff]{1,2})\1, from one numpy pass
        doubled = text[start:end]
        if end - start == 2 and doubled not in _DOUBLE_CHARS:
            continue  # (one character twice: only the pairs below are looked at, first)
        if text[end : end + 1] in _LABEL_AFTER or (
            len(doubled) == 2 and text[start - 1 : start] in _LABEL_AFTER
        ):
            continue  # table cells run together: 二级指标|指标1, 8|是|是|8 (target, actual, score)
        if len(doubled) == 2:
            # one character twice: only the pairs that are never a word boundary (的的, 是是 …)
            if doubled not in _DOUBLE_CHARS or (doubled == "了了" and text.startswith("之", end)):
                continue
            if context.in_glued_form(start):
                continue  # “评审程序是否公正是是”: the target and the actual cell of a glued form
            if (
                doubled == "的的"
                and text[start - 1 : start + 1] in _WORDS_ENDING_IN_DE
                and text[start - 2 : start] not in _WORDS_BEFORE_DE
            ):
                continue  # 以营利为目的|的: a word that ends in 的, then the particle (not 项目|的|的)
            a, b = source.original_span(start, end)
            if b - a != 2:
                continue
            findings.append(
                context.finding(
                    "typo.doubled",
                    WARNING,
                    f"叠字：“{doubled}”",
                    start,
                    end,
                    expected=doubled[0],
                    found=doubled,
                )
            )
            continue
        word = doubled[:2]
        if doubled in allowed or word[0] == word[1] or "每" in word:
            continue  # '按寄宿生每生每年300元': 每 before each unit, not a word said twice
        if word in _WORDS_ENDING_IN_DE and text[start - 1 : start + 1] in _WORDS_BEFORE_DE:
            continue  # '项目的目的': 项目|的|目的, not 目的 twice
        if _starts_a_column_name(context, start + 2, word) or context.in_glued_form(start):
            continue  # a table run together: 绩效指标|指标名称|计量单位…, 医疗服务|服务范围
        paragraph = context.report.paragraph_at(start)
        if paragraph is not None and score_row(context.report, paragraph):
            continue  # '3 分)项目执行执行规范': a score table's level and indicator cells side by side
        a, b = source.original_span(start, end)
        if b - a != 4:
            continue  # a space or line break stood between the two words (table cells)
        findings.append(
            context.finding(
                "typo.doubled",
                WARNING,
                f"叠词：“{doubled}”中“{word}”重复",
                start,
                end,
                expected=word,
                found=doubled,
            )
        )
    places = context.report.places
    repeats = _repeated_clauses(text, int(wording.get("repeated_clause_min") or 6), places)
    for start, end, clause in repeats:
        findings.append(
            context.finding(
                "typo.doubled",
                WARNING,
                f"分句“{clause}”连续重复",
                start,
                end,
                found=clause,
            )
        )
    for start, end, word in _twice_in_a_clause(text, places):
        findings.append(
            context.finding(
                "typo.doubled",
                WARNING,
                f"同一分句里“{word}”用了两次：“{text[start:end]}”（删去一个）",
                start,
                end,
                found=text[start:end],
            )
        )
    anchors, head, lasts = context.data.once(_approx_of)
    before = scan.places_of(text, lasts, places) if lasts is not None else None
    hits = []
    for after in anchors:
        for at in word_places(text, after, places):
            if not at or text[at - 1] not in "0123456789万亿":
                continue
            low = max(0, at - 16)
            if before is not None:  # the word before the number ends between low and at
                index = bisect_left(before, low)
                if index == len(before) or before[index] >= at:
                    continue
            number = head.search(text, low, at)
            if number is not None:
                hits.append(_Hit(number.start(), at + len(after), text[number.start() : at + len(after)]))
    for match in sorted(hits):
        findings.append(
            context.finding(
                "typo.doubled",
                WARNING,
                f"约数说法重复：“{match.group(0)}”（“逾/近/约”与“多/余”留一个）",
                match.start(),
                match.end(),
                found=match.group(0),
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# The title against the body


def _evaluation_patterns(data):
    """The patterns of wording.yaml's evaluation section, made once per data (``data.once``)."""
    spec = data.wording.get("evaluation") or {}
    compiled = {
        name: re.compile("|".join(spec.get(name) or ()) or "(?!)") for name in spec if name != "checked_marks"
    }
    marks = spec.get("checked_marks") or "(?!)"
    return compiled, re.compile(rf"绩效自评\s*{marks}"), re.compile(rf"中介机构\s*{marks}")


@rule(
    "title.body",
    "标题与正文的评价方式一致：标题称“自评报告”而正文是受托机构所作的评价，或“自评”“中介机构”两个勾选项同时勾选",
)
def check_title_against_body(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    spec = context.data.wording.get("evaluation") or {}
    if not spec or not report.paragraphs:
        return []
    patterns, self_checked, agency_checked = context.data.once(_evaluation_patterns)
    title = next(
        (
            p
            for p in report.paragraphs[:8]
            if "报告" in p.text and len(p.text) <= 80 and not p.text.startswith("SOURCE")
        ),
        None,
    )
    findings = []
    if title is not None and patterns["self_title"].search(title.text):
        body = text[title.end :]
        title_text = title.text
        # a self-evaluation titled 评价报告 is the usual template wording (湖南“部门整体支出绩效评价报告”), not a defect
        third_party = None
        for candidate in patterns["third_party_body"].finditer(body):
            sentence = _sentence_of(body, candidate.start())
            if "评价" in sentence and not any(w in sentence for w in ("协助", "配合", "参与")):
                third_party = candidate
                break
        if patterns["self_title"].search(title_text) and third_party:
            findings.append(
                context.finding(
                    "title.body",
                    WARNING,
                    f"标题称自评报告，正文却是受托机构所作的评价（“{third_party.group(0)}”）",
                    title.start,
                    title.end,
                    expected="绩效评价报告",
                    found=title_text[:40],
                )
            )

    findings.extend(_titles_disagree(context, patterns["self_title"]))
    self_mark = agency_mark = None
    if has_word(text, "中介机构", report.places):
        self_mark, agency_mark = self_checked.search(text), agency_checked.search(text)
    if self_mark and agency_mark:
        findings.append(
            context.finding(
                "title.body",
                WARNING,
                "评价方式勾选了“绩效自评”，评价机构又勾选了“中介机构”，两者矛盾",
                agency_mark.start(),
                agency_mark.end(),
                found=agency_mark.group(0),
            )
        )
    return findings


def _titles_disagree(context: CheckContext, self_title: re.Pattern) -> list[Finding]:
    """The report names itself twice, once a 自评报告 and once a 评价报告 (the cover says
    “…绩效自评报告”, the heading of the text “…绩效评价报告”): one document, two titles."""
    report = context.report
    paragraphs = report.paragraphs
    index_of = report.paragraph_index
    # (a title that ends with 报告 holds it: the paragraphs that do, found from its places)
    holding = sorted({index_of(at) for at in word_starts(report.text, "报告", report.places)})
    titles = [
        p
        for p in (paragraphs[index] for index in holding)
        if len(p.text) <= 60 and p.text.rstrip("| ").endswith("报告") and "绩效" in p.text
    ]
    own = [p for p in titles if self_title.search(p.text)]
    other = [p for p in titles if "自评" not in p.text and p.text.rstrip("| ").endswith("评价报告")]
    if not own or not other:
        return []
    first = other[0]
    return [
        context.finding(
            "title.body",
            WARNING,
            f"报告的名称前后不一：前面称“{own[0].text[-12:]}”，这里称“{first.text[-12:]}”（自评报告还是评价报告）",
            first.start,
            first.end,
            expected=own[0].text,
            found=first.text,
        )
    ]


def _sentence_of(text: str, position: int) -> str:
    start = max(text.rfind(ch, 0, position) for ch in "。\n") + 1
    ends = [e for e in (text.find(ch, position) for ch in "。\n") if e >= 0]
    return text[start : min(ends) if ends else len(text)]


# ---------------------------------------------------------------------------------------------
# Dates written without 年/月

_DATE_FIELD = re.compile(r"[期间](?:[:：]|为|是)?\s*((?:19|20)\d{2})(\d{1,2})(\d{2})?(?![\d年.\-/])")
_YEAR_NO_NIAN = tuple(
    re.compile(
        rf"({century}\d{{2}})(?=[\u4e00-\u9fff“《])(?![年届版期号级件个人次份元名家所条台套户篇批座辆万亿千百米吨亩余多])"
        r"(?!项(?!目))"  # “2022项”是项数，“2022项目”是缺了“年”的年份
        r"(?!立方|平方|平米|公里|公顷|公斤|延米|株|棵|头|只|处|块|册|张|间|栋|眼|盏|箱|袋|瓶)"  # “2000立方米”是量
        r"(?![至到](?:19|20)\d{2}年)"  # “2019至2021年”: the 年 closes the range
    )
    for century in ("20", "19")
)
_NOT_BEFORE_YEAR = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz〔【[(（.-/:#_—~～"
    "款额"  # “本年财政拨款2020其他资金”: amounts of a table flattened into one string, not a year
)


_FILE_NAME = re.compile(r"\.(?:pdf|PDF|docx?|DOCX?|xlsx?|XLSX?|wps|ofd)(?![A-Za-z])")


@rule("date.malformed", "日期缺“年”“月”：“填报日期:202511”“对2023转移支付资金”")
def check_malformed_dates(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    for match in (
        scan.finditer(_DATE_FIELD, text, context.report.places)
        if (contains_word(text, "日期", 1) or contains_word(text, "时间", 1))
        else ()
    ):
        if not text.startswith(("日期", "时间"), match.start() - 1):
            continue
        year, month = match.group(1), int(match.group(2))
        if not 1 <= month <= 12:
            continue
        findings.append(
            context.finding(
                "date.malformed",
                WARNING,
                f"日期写法不完整：“{match.group(0)[1:].lstrip(':：为是').strip()}”缺少“年”“月”",
                match.start(1),
                match.end(),
                expected=f"{year}年{month}月",
                found=match.group(0),
            )
        )
    findings.extend(_spaced_date_lines(context))
    findings.extend(_date_slips(context, {f.location.start for f in findings}))
    slips: dict[str, list[re.Match]] = {}  # the same slip written again (a title repeated) is one finding
    for match in (m for regex in _YEAR_NO_NIAN for m in regex.finditer(text)):
        year = int(match.group(1))
        before = text[match.start() - 1] if match.start() else ""
        if before in _NOT_BEFORE_YEAR and not (
            before == ":" or (before in "—~～-" and text.startswith("月", match.end()))
        ):  # (a year then 月: '2019年7月—2020月12月' lacks its 年; so does '时间:2020第一季度')
            continue  # '2019—2020' is a range
        if not 1990 <= year <= 2040 or _in_source_line(text, match.start()):
            continue
        line_end = text.find("\n", match.end())
        if _FILE_NAME.search(text, match.end(), len(text) if line_end < 0 else line_end):
            continue  # '…局2021部门整体绩效自评报告.pdf': a file's name (of a page the text was copied from)
        if context.in_glued_form(match.start()):
            continue  # “合格合格2020质量指标”: two score cells (20|20) of a form glued together
        slips.setdefault(f"{match.group(1)}{text[match.end() : match.end() + 4]}", []).append(match)
    for written, matches in slips.items():
        # reported where it reads in a sentence: the longest paragraph of its places (not a page list)
        match = max(matches, key=lambda m: _paragraph_length(context.report, m.start()))
        findings.append(
            context.finding(
                "date.malformed",
                WARNING,
                f"年份后缺“年”字：“{written}”" + (f"（全文共{len(matches)}处）" if len(matches) > 1 else ""),
                match.start(),
                match.end() + 1,
                expected=f"{match.group(1)}年",
                found=match.group(1),
            )
        )
    return findings


# a line that is a date with its 年, 月, 日 lost ('2021  4 25' under the title): the copy kept the digits
_SPACED_DATE_LINE = re.compile(r"((?:19|20)\d{2})\s+(\d{1,2})\s+(\d{1,2})")


def _spaced_date_lines(context: CheckContext) -> list[Finding]:
    findings = []
    for paragraph in context.report.paragraphs:
        text = paragraph.text
        if len(text) > 14 or not text.startswith(("19", "20")):
            continue
        match = _SPACED_DATE_LINE.fullmatch(text)
        if match is None:
            continue
        year, month, day = (int(g) for g in match.groups())
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        findings.append(
            context.finding(
                "date.malformed",
                WARNING,
                f"日期缺“年”“月”“日”：“{text}”（应为“{year}年{month}月{day}日”）",
                paragraph.start,
                paragraph.end,
                expected=f"{year}年{month}月{day}日",
                found=text,
            )
        )
    return findings


# A date whose 年, 月 or 日 is lost, doubled or written as another: each branch starts at its year
# (tried only where a year 19xx/20xx stands, not at every character).
_DATE_END = r"(?=[\s,，。;；:：、)）|\]】]|$|[前后起止])"
# after the digits of a date whose cue is plain (截至, 于, 年): anything but a unit or a longer number
_DIGITS_END = r"(?![\d.%‰年届版期号级件个人次份元名家所条台套户篇批座辆万亿千百米吨亩余多项立平公株棵头只处块册张间栋眼盏箱袋瓶])"
# after the day of a date with no 日: anything but 日/号, a span's or a list's mark ('5月10至12日',
# '3月15、16日') or a unit ('5月10多名')
_DAY_END = r"(?![\d日曰号至到、\-—~～.%‰年届版期级件个人次份元名家所条台套户篇批座辆万亿千百米吨亩余多项立平公株棵头只处块册张间栋眼盏箱袋瓶天周])"
_DATE_SLIP = re.compile(
    # two dates run together with no 至 between them: '2023年1月1日2023年12月31日'
    r"(?P<pair>(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?)(?P<second>(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?)"
    # a span of months whose end is written with 日: '2023年1月至12日'
    r"|(?P<mspan>(?:19|20)\d{2}年(?P<m1>\d{1,2})月\s*[-—~至到]\s*(?P<m2>\d{1,2})日)"
    # a day with no 日: '2023年12月31,', '2022 年 5 月 20'
    rf"|(?P<noday>(?:19|20)\d{{2}}年\d{{1,2}}月\d{{1,2}}){_DAY_END}"
    # month and day glued before 日: '20231231日', '2023228日', '2024年315日'; a month written as
    # 日: '2023年12日', '2023年1-12日'
    r"|(?P<year>(?:19|20)\d{2})(?P<nian>年?)(?P<digits>\d{1,4})(?:[-—~至到](?P<last>\d{1,2}))?日"
    # a year with a digit too many: '20233年12月'
    r"|(?P<long>(?:19|20)\d{3})年"
    # month and day written with a dot after 年: '2023年12.31'
    rf"|(?P<dotted>(?:19|20)\d{{2}}年\d{{1,2}}\.\d{{1,2}}){_DATE_END}"
    # month and day glued after 年, no 日: '2024年0315'
    rf"|(?P<glued>(?:19|20)\d{{2}})年(?P<md>\d{{3,4}}){_DIGITS_END}"
)
# a date of digits alone after 截至 / 于 / 在 …, or on the last lines (the date signed): '截至20231231,'
_DATE_DIGITS = re.compile(rf"((?:19|20)\d{{2}})(\d{{3,4}}){_DIGITS_END}")
# the words a date follows: 截至/截止(到), 于, 在…前, 自/从…起
_DATE_CUES = frozenset("至止于在到自从")
_A_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}")
_DAY_AS_YUE = re.compile(r"(?<=月)\d{1,2}曰")
_DOUBLED_MARKS = ("年年", "月月", "日日", "号日")
_DOUBLED_DATE_MARK = re.compile(r"(?<=\d)(?:年年|月月)(?=\d)|(?<=\d)(?:日日|号日)(?![\u4e00-\u9fff])")


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_day(digits: str) -> tuple[int, int] | None:
    """The month and day a run of three or four digits reads as ('1231' → 12, 31; '228' → 2, 28;
    '116' → 1, 16), or None when no split is a real date."""
    splits = (
        [(digits[:2], digits[2:])]
        if len(digits) == 4
        else [(digits[:1], digits[1:]), (digits[:2], digits[2:])]
    )
    for month, day in splits:
        if month[0] != "0" or len(month) == 2:
            m, d = int(month), int(day)
            if (
                1 <= m <= 12
                and 1 <= d <= _DAYS_IN_MONTH[m - 1]
                and not (len(day) == 2 and day[0] == "0" and len(digits) == 3)
            ):
                return m, d
    return None


def _date_slips(context: CheckContext, taken: set[int]) -> list[Finding]:
    """Dates with a 年/月/日 lost, doubled or run into the next date (the spans of ``taken``, a
    date of a 日期/时间 field already reported, are skipped)."""
    text = context.report.text
    findings = []

    def add(start: int, end: int, message: str, expected: str | None = None) -> None:
        if start in taken or context.in_glued_form(start) or _in_source_line(text, start):
            return
        taken.add(start)
        found = text[start:end]
        findings.append(
            context.finding(
                "date.malformed", WARNING, message.format(found), start, end, expected=expected, found=found
            )
        )

    paragraphs = context.report.paragraphs
    signed = {p.start for p in paragraphs[-3:]}
    for at in year_starts(context):
        after = text[at + 4 : at + 6]
        if not after[:1].isdecimal() and not (after[:1] == "年" and after[1:].isdecimal()):
            continue  # every slip has a digit after the year or after its 年 ('2023年度' has none)
        match = _DATE_SLIP.match(text, at)
        if match is None:
            cue = text[at - 1 : at] if at else ""
            if cue in _DATE_CUES or (at in signed and "\n" not in text[at : at + 9]):
                digits = _DATE_DIGITS.match(text, at)
                day = digits and _month_day(digits.group(2))
                if (
                    digits
                    and day
                    and (cue in _DATE_CUES or digits.end() == len(text) or text[digits.end()] == "\n")
                ):
                    y = digits.group(1)
                    add(at, digits.end(), "日期缺“年”“月”“日”：“{}”", f"{y}年{day[0]}月{day[1]}日")
            continue
        if match.group("pair"):
            first = match.group("pair")
            add(at, match.end(), "两个日期连在一起，中间缺“至”：“{}”", f"{first}至{match.group('second')}")
        elif match.group("mspan"):
            first, last = int(match.group("m1")), int(match.group("m2"))
            if first < last <= 12:  # (a day after the month it starts from would be '1月5日至12日')
                fixed = match.group(0)[:-1] + "月"
                add(at, match.end(), "日期区间的“月”写成了“日”：“{}”", fixed)
        elif match.group("noday"):
            if text.startswith(("\n日", "\n号"), match.end()) or not text[match.end() :].strip():
                continue  # the text cut off, or a line broken inside the date: its 日 is on the next line
            add(at, match.end(), "日期缺“日”字：“{}”", match.group(0) + "日")
        elif match.group("long"):
            digits = match.group("long")
            years = {digits[:i] + digits[i + 1 :] for i in range(1, 5) if digits[i] == digits[i - 1]}
            if years:  # a digit typed twice ('20233'): the year it stands for is plain
                add(at, match.end(), "年份多了一位数字：“{}”", f"{min(years)}年")
        elif match.group("dotted"):
            year, _, rest = match.group(0).partition("年")
            month, _, day = rest.partition(".")
            if 1 <= int(month) <= 12 and 1 <= int(day) <= _DAYS_IN_MONTH[int(month) - 1]:
                add(
                    at,
                    match.end(),
                    "日期写法不一：“{}”年后用了点号，应写“月”“日”",
                    f"{year}年{int(month)}月{int(day)}日",
                )
        elif match.group("year"):
            year, digits, last = match.group("year"), match.group("digits"), match.group("last")
            if len(digits) >= 3 and last is None:
                day = _month_day(digits)
                if day is None:
                    continue
                lost = "“月”" if match.group("nian") else "“年”“月”"
                add(at, match.end(), f"日期缺{lost}：“{{}}”", f"{year}年{day[0]}月{day[1]}日")
            elif len(digits) <= 2 and match.group("nian") and 1 <= int(digits) <= 12:
                months = f"{int(digits)}-{int(last)}" if last else str(int(digits))
                if last and not int(digits) < int(last) <= 12:
                    continue
                add(at, match.end(), "日期缺“月”（“月”写成了“日”）：“{}”", f"{year}年{months}月")
        else:
            day = _month_day(match.group("md"))
            if day is not None:
                year = match.group("glued")
                add(at, match.end(), "日期缺“月”“日”：“{}”", f"{year}年{day[0]}月{day[1]}日")
    if "曰" in text:
        for match in _DAY_AS_YUE.finditer(text):
            add(match.start(), match.end(), "日期中“日”写成了“曰”：“{}”", match.group(0)[:-1] + "日")
    if has_any(text, _DOUBLED_MARKS, context.report.places):
        for match in _DOUBLED_DATE_MARK.finditer(text):
            at, mark = match.start(), match.group(0)[0]
            if mark != "年" and not _A_YEAR_BEFORE.search(text, max(0, at - 10), at):
                continue  # a day or a month with no year before it: no date
            what = "与“日”重复" if mark == "号" else "写重了"
            add(at, match.end(), f"日期中“{mark}”{what}：“{{}}”", None)
    return findings


def _paragraph_length(report: ParsedReport, position: int) -> int:
    paragraph = report.paragraph_at(position)
    return paragraph.end - paragraph.start if paragraph is not None else 0


# ---------------------------------------------------------------------------------------------
# One place or body named two ways

# a place name: two characters and 县 or 区, followed by one of these (its 县/区 are found in the
# report's CharIndex)
_PLACE_SUFFIXES = "县区"
_AFTER_PLACE = re.compile(r"[\u4e00-\u9fff\d,、;。:(（]")
_NOT_STEM = frozenset("县区市省州镇乡村全本我各该其")


class _Hit(NamedTuple):
    first: int
    last: int
    text: str

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last

    def group(self, _: int = 0) -> str:
        return self.text


class _Place(NamedTuple):
    name: str
    start: int
    end: int


_ORG = re.compile(r"人民政府|人民检察院|人民法院")
_CJK_RUN_BACK = re.compile(r"[\u4e00-\u9fff]{4,12}$")


@rule("name.variant", "同一地名、单位名称前后写法不一（繁昌县/繁昌区、湾沚区/湾址区、漏字的单位名称）")
def check_name_variants(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    word_stems = as_set(context.data.wording.get("place_word_stems"))
    after_place = _AFTER_PLACE.match
    places = [  # (in the order of the text)
        _Place(text[at - 2 : at + 1], at - 2, at + 1)
        for at in scan.places_of(text, _PLACE_SUFFIXES, context.report.places)
        if at >= 2
        and after_place(text, at + 1)
        and "\u4e00" <= text[at - 2] <= "\u9fff"
        and "\u4e00" <= text[at - 1] <= "\u9fff"
        and text[at - 2] not in _NOT_STEM
        and text[at - 1] not in _NOT_STEM
        and text[at - 2 : at] not in word_stems
    ]
    counts: dict[str, int] = {}  # (a plain dict: a Counter's code costs more on a few names)
    for place in places:
        counts[place.name] = counts.get(place.name, 0) + 1
    by_stem: dict[str, set[str]] = {}
    for name in counts:
        by_stem.setdefault(name[:2], set()).add(name[2])
    reported: set[str] = set()
    for match in places:
        name = match.name
        if name in reported:
            continue
        other = None
        if len(by_stem.get(name[:2], ())) > 1:
            other = next(n for n in counts if n[:2] == name[:2] and n != name)
            if counts[name] > counts[other] or (counts[name] == counts[other] and name > other):
                continue
        elif counts[name] == 1:
            similar = [
                n for n in counts if n != name and n[0] == name[0] and n[2] == name[2] and counts[n] >= 2
            ]
            if len(similar) == 1:
                other = similar[0]
        if other is None:
            continue
        reported.add(name)
        findings.append(
            context.finding(
                "name.variant",
                WARNING,
                f"地名前后写法不一：这里写“{name}”，文中其他地方写“{other}”",
                match.start,
                match.end,
                expected=other,
                found=name,
            )
        )
    findings.extend(_own_name_variants(context))
    findings.extend(_level_variants(context))
    orgs: dict[str, list[int]] = {}
    # _ORG.finditer(text): every match starts with 人民
    for match in scan.matches_at(_ORG, text, word_starts(text, "人民", context.report.places)):
        head = _CJK_RUN_BACK.search(text, max(0, match.start() - 12), match.start())
        if head is not None:
            orgs.setdefault(head.group(0) + match.group(0), []).append(head.start())
    findings.extend(_other_towns(context, orgs))
    for name, starts in orgs.items():
        short = name[1:]
        if len(short) < 6:
            continue
        alone = [
            start
            for start in word_places(text, short, None)
            if not (start and (text[start - 1] == name[0] or "\u4e00" <= text[start - 1] <= "\u9fff"))
        ]
        if len(alone) > len(starts):
            continue  # '是金寨县麻埠镇人民政府' once, '金寨县麻埠镇人民政府' often: a word run into the name
        for start in alone:
            findings.append(
                context.finding(
                    "name.variant",
                    WARNING,
                    f"单位名称漏字：“{short}”，文中其他地方写“{name}”",
                    start,
                    start + len(short),
                    expected=name,
                    found=short,
                )
            )
    return findings


# a town's government named with its county: '金寨县' + '麻埠镇' (+ 人民政府)
_COUNTY_TOWN = re.compile(r"([\u4e00-\u9fff]{2}[县市区旗])([\u4e00-\u9fff]{1,5}?(?:镇|乡|街道))$")


def _other_towns(context: CheckContext, orgs: dict[str, list[int]]) -> list[Finding]:
    """A town's own report that names another town of its county in the same full form, once
    (金寨县麻埠镇人民政府 six times, from the opening on; 金寨县白塔畈镇人民政府 once): a passage
    taken over from another town's report."""
    towns: dict[tuple[str, str, str], list[int]] = {}
    for name, starts in orgs.items():
        organ = _ORG.search(name)
        match = _COUNTY_TOWN.search(name, 0, organ.start()) if organ else None
        if match is not None:  # (the county's place: past any word run into the name, '是金寨县…')
            key = (match.group(1), match.group(2), organ.group(0))
            towns.setdefault(key, []).extend(start + match.start() for start in starts)
    if len(towns) < 2:
        return []
    own = max(towns, key=lambda key: len(towns[key]))
    if len(towns[own]) < 3 or min(towns[own]) > 400:
        return []  # no town the report is plainly about
    title_name = _own_name(context)
    if title_name is not None and own[1] not in title_name:
        return []  # a county body's report, naming towns (its title or cover names the body)
    findings = []
    for key, starts in towns.items():
        if key == own or key[0] != own[0] or key[2] != own[2] or key[1][-1] != own[1][-1] or len(starts) > 1:
            continue
        written, usual = "".join(key), "".join(own)
        findings.append(
            context.finding(
                "name.variant",
                WARNING,
                f"单位名称前后不一：全文写“{usual}”（{len(towns[own])}处），这里写“{written}”"
                f"（同县的另一个{own[1][-1]}，疑为套用别处的材料）",
                starts[0],
                starts[0] + len(written),
                expected=usual,
                found=written,
            )
        )
    return findings


_CJK = re.compile(r"[\u4e00-\u9fff]+")
_YEAR_IN_TITLE = re.compile(r"(?:19|20)\d{2}年")


def _name_patterns_of(data):
    wording = data.wording
    return _name_patterns(
        id(wording), as_tuple(wording.get("name_fields")), as_tuple(wording.get("org_suffixes"))
    )


@lru_cache(maxsize=4)
def _name_patterns(key: int, fields: tuple[str, ...], suffixes: tuple[str, ...]):
    field = re.compile(rf"(?:{'|'.join(fields) or '(?!)'})\s*$")
    return field, tuple(suffixes)


_NAME_AFTER = re.compile(r"\s*([\u4e00-\u9fff()（）]{4,30})")


def _own_name(context: CheckContext) -> str | None:
    """The reporting unit's own name: a cover field (部门名称: …), else the part of a title line
    before its year (“寻甸回族彝族自治县档案馆2024年部门整体支出绩效自评报告”)."""
    field, suffixes = context.data.once(_name_patterns_of)
    text = context.report.text
    colons = scan.places_of(text, ":：", context.report.places)  # a field is found from its colon (fast)
    for colon in colons[: bisect_left(colons, 3000)]:
        if field.search(text, max(0, colon - 10), colon) is None:
            continue
        value = _NAME_AFTER.match(text, colon + 1)
        if value and value.group(1).endswith(suffixes):
            return value.group(1)
    for paragraph in context.report.paragraphs[:12]:
        if "年" not in paragraph.text or "报告" not in paragraph.text:
            continue  # (the year is written with 年: one character, looked for at once)
        year = _YEAR_IN_TITLE.search(paragraph.text)
        if year is None:
            continue
        head = _CJK.fullmatch(paragraph.text[: year.start()])
        if head and len(head.group(0)) >= 6 and head.group(0).endswith(suffixes):
            return head.group(0)
    return None


def _own_name_variants(context: CheckContext) -> list[Finding]:
    """The unit's own name written another way: with a prefix it has nowhere else (“中共” +
    name), or with one character of its middle dropped or changed. The name must stand at least
    twice as written; a different last character names another body (档案局/档案馆) and is left alone."""
    name = _own_name(context)
    if name is None or len(name) < 6:
        return []
    text = context.report.text
    if text.count(name) < 2:
        return []
    findings = []
    for prefix in context.data.wording.get("name_prefixes") or ():
        variant = prefix + name
        at = text.find(variant)
        if at >= 0 and text.count(name) - text.count(variant) >= 2:
            findings.append(_name_finding(context, at, at + len(variant), variant, name))
    core = len(name) - 1  # the last character names the kind of body: not a variant
    wrong = set()
    for i in range(1, core):
        wrong.add(name[:i] + name[i + 1 :])  # a character dropped
    # the name with its character i changed: what ``name[:i] + [\u4e00-\u9fff] + name[i + 1:]``
    # finds (left to right, without overlaps), found from the head with str.find and compared in
    # place — a regex made for each name and place costs a compilation of the class (~0.7 ms)
    size = len(name)
    for i in range(1, core):
        head, tail = name[:i], name[i + 1 :]
        taken = 0
        at = text.find(head)
        while at >= 0:
            middle = text[at + i : at + i + 1]
            if at >= taken and "\u4e00" <= middle <= "\u9fff" and text.startswith(tail, at + i + 1):
                taken = at + size
                if text[at:taken] != name:
                    wrong.add(text[at:taken])  # a character changed
            at = text.find(head, at + 1)
    for variant in sorted(wrong):
        if variant in name:
            continue
        for start in word_places(text, variant, None):
            end = start + len(variant)
            if text.startswith(name, start) or name in text[max(0, start - 2) : end + 2]:
                continue
            findings.append(_name_finding(context, start, end, variant, name))
            break
    return findings


class _Levels(NamedTuple):
    regex: re.Pattern  # every form of a group of levels (longest first)
    level_of: dict[str, str]  # form → level
    anchors: str  # the levels' first characters
    offsets: tuple[int, ...] | None  # where the forms hold their level (None: a form does not)
    heads: frozenset[str]  # the first two characters of the forms


@lru_cache(maxsize=8)
def _level_regex(levels: tuple[tuple[str, tuple[str, ...]], ...]) -> _Levels:
    level_of = {form: level for level, forms in levels for form in forms}
    anchors = "".join(sorted({level[0] for level, _ in levels if level}))
    offsets: tuple[int, ...] | None = tuple(sorted({form.find(level) for form, level in level_of.items()}))
    if not all(level and len(form) >= 2 for form, level in level_of.items()) or -1 in offsets:
        offsets = None
    heads = frozenset(form[:2] for form in level_of)
    return _Levels(re.compile(literal_trie(level_of) or "(?!)"), level_of, anchors, offsets, heads)


_LEVELS: dict[int, tuple[object, int, _Levels]] = {}


def _levels_of(levels: dict) -> _Levels:
    """_level_regex of a group of levels, made once per group (not its items again per report)."""
    return _level_regex(tuple((level, tuple(forms)) for level, forms in levels.items()))


def _level_variants(context: CheckContext) -> list[Finding]:
    """The unit calling itself by two administrative levels (本镇 and 本乡, 我县 and 我区): those
    not of the unit's own level (the title's, when it names a township) are reported, or else the
    fewer, text copied from another unit's report. A tie with no title to tell tells nothing."""
    text = context.report.text
    wording = context.data.wording
    compounds = wording.get("self_level_compounds") or ""
    findings = []
    for levels in wording.get("self_levels") or ():
        if sum(1 for level in levels if level in text) < 2:
            continue  # one level's character is not even written
        said: dict[str, list[tuple[int, str]]] = {}
        unit = unit_level(context)
        regex, level_of, anchors, offsets, heads = _made_once(levels, _LEVELS, _levels_of)
        if offsets is None or not level_of:
            matches = scan.finditer(regex, text, context.report.places)
        else:  # every form holds its level (本镇, 镇政府): tried before the levels, where a form's
            # first two characters stand (乡镇 is none)
            found = scan.places_of(text, anchors, context.report.places)
            starts = [
                at - offset
                for at in found
                for offset in offsets
                if text[at - offset : at - offset + 2] in heads and at >= offset
            ]
            matches = scan.matches_at(regex, text, sorted(set(starts)))
        for match in matches:
            start, end, form = match.start(), match.end(), match.group(0)
            level = level_of[form]
            if (start and text[start - 1] in compounds) or (
                text[end : end + 1] in levels and text[end] != level
            ):
                continue  # 各乡镇政府, 城乡政府, 本乡镇
            if unit is not None and not self_reference(text, start, form, level):
                # 安全乡村, 白土乡政府: a word, or another unit named in full (read so where the
                # title names the unit: its level decides, so a look-alike alone would be reported)
                continue
            said.setdefault(level, []).append((start, form))
        if len(said) < 2:
            continue  # one level only: name.level holds it against the unit's own (the title's)
        if unit is not None and unit[1] in said:  # the title names the unit: its level is the right one
            major, many = unit[1], said[unit[1]]
            few = [place for level, places in said.items() if level != major for place in places]
        else:
            (major, many), (_, few) = sorted(said.items(), key=lambda item: -len(item[1]))[:2]
            if len(many) == len(few):
                continue
        many.sort()
        for start, form in sorted(few):
            findings.append(
                context.finding(
                    "name.variant",
                    WARNING,
                    f"单位层级前后写法不一：这里写“{form}”，文中其他{len(many)}处按“{major}”称"
                    f"（如“{many[0][1]}”），像是套用了别的单位的文字",
                    start,
                    start + len(form),
                    expected=major,
                    found=form,
                )
            )
    return findings


def _name_finding(context: CheckContext, start: int, end: int, found: str, name: str) -> Finding:
    return context.finding(
        "name.variant",
        WARNING,
        f"单位名称前后写法不一：这里写“{found}”，文中其他地方写“{name}”",
        start,
        end,
        expected=name,
        found=found,
    )


# ---------------------------------------------------------------------------------------------
# List numbers inside one paragraph

# a page number left in the text (“。 -1- 5.市分发”) may stand between the sentence end and the number
_INLINE_NUMBER = re.compile(r"[。;:；：\n] *(?:[-—－] *\d{1,3} *[-—－] *)?(\d{1,2})[.、](?!\d)")
_LIST_OPENERS = frozenset("。;:；：\n")
_SECTION_INLINE = re.compile(r"[。;；][一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,2}[)）]")
_PAGE_BEFORE = re.compile(r"[。;:；：\n] *[-—－] *\d{1,3} *[-—－] *$")
_COMMA_NUMBER = re.compile(r",(\d{1,2})[.、](?=[\u4e00-\u9fff])")


def _inline_numbers(
    text: str, places: scan.CharIndex | None = None, marks: list[int] | None = None
) -> list[re.Match]:
    """``_INLINE_NUMBER.finditer(text)``, found from the '.' or '、' after the number: a match is an
    opener, spaces, one or two digits (all the digits before the mark) and the mark. ``marks``:
    the places of the marks that follow a digit, when the caller has them."""
    if marks is None:
        marks = _marks_after_digits(text, places)
    starts = []
    isdecimal = str.isdecimal
    for mark in marks:
        digits = mark - 1  # (a digit: the marks follow one)
        if digits and isdecimal(text[digits - 1]):
            digits -= 1
            if digits and isdecimal(text[digits - 1]):
                continue  # three digits or more: no list number
        opener = digits - 1
        while opener >= 0 and text[opener] == " ":
            opener -= 1
        if opener >= 0 and text[opener] in "-—－":
            page = _PAGE_BEFORE.search(text, max(0, digits - 14), digits)
            opener = page.start() if page else opener
        if opener >= 0 and text[opener] in _LIST_OPENERS:
            starts.append(opener)
    return scan.matches_at(_INLINE_NUMBER, text, starts)


def _marks_after_digits(text: str, places: scan.CharIndex | None, marks: str = ".、") -> list[int]:
    """The places of the marks (by default '.' and '、') that follow a digit (from the text's
    CharIndex)."""
    return [mark for mark in scan.places_of(text, marks, places) if mark and text[mark - 1].isdecimal()]


def _digit_marks(context: CheckContext) -> list[int]:
    """_marks_after_digits of ".．、" for the report, found once (template.leftover and
    list.numbering both read them)."""
    found = context.memo.get("rules_text.digit_marks")
    if found is None:
        report = context.report
        found = context.memo["rules_text.digit_marks"] = _marks_after_digits(
            report.text, report.places, ".．、"
        )
    return found


def _comma_numbers(text: str, marks: list[int]) -> list[re.Match]:
    """``_COMMA_NUMBER.finditer(text)`` from ``marks`` (:func:`_marks_after_digits`): a match is
    a comma, one or two digits and the mark; each holds one comma, at its start, so none overlap."""
    found = []
    for mark in marks:
        for start in (mark - 2, mark - 3):
            if start >= 0 and text[start] == ",":
                match = _COMMA_NUMBER.match(text, start)
                if match is not None and match.end() == mark + 1:
                    found.append(match)
    return found


_FIRST_NUMBER = re.compile(r" *(\d{1,2})[.、](?!\d)")


@rule("list.numbering", "段落内的列举编号（1. 2. 3.）重复或跳号")
def check_inline_numbering(context: CheckContext) -> list[Finding]:
    """Numbers that open a clause ('…。4.对受理的…') are read in order within each paragraph; the
    same number twice in a row, or one skipped, is reported. A list starting again at 1 is not."""
    findings = []
    report = context.report
    text = report.text
    current = None
    previous = previous_mark = None
    mixed = False
    marks = [mark for mark in _digit_marks(context) if text[mark] != "．"]
    matches = _inline_numbers(text, marks=marks)
    first = _FIRST_NUMBER.match(text)
    if first:
        matches.insert(0, first)
    # after a comma a number opens an item only inside a list already open in the paragraph
    # (“注:1.一级指标分值…,3.定量指标…”)
    matches += [m for m in _comma_numbers(text, marks) if text[m.start() - 1 : m.start()] != "."]
    matches.sort(key=lambda m: m.start(1))
    for match in matches:
        start = match.start(1)
        paragraph = report.paragraph_at(start)
        if paragraph is None:
            continue
        if paragraph is not current:
            current, previous, previous_end, previous_mark, mixed = paragraph, None, start, None, False
        elif previous is not None and _SECTION_INLINE.search(text, previous_end, start):
            previous = None  # a page run into one line: a heading between them opens another list
        if previous is not None and text.find("|", previous_end, start) >= 0:
            previous = None  # a table's row: each cell's list is numbered on its own
        if match.re is _COMMA_NUMBER and previous is None:
            continue
        number = int(match.group(1))
        if (
            previous is not None
            and number > previous + 1
            and (between := re.search(rf"(?<![\d.]){previous + 1}([.、])(?!\d)", text[previous_end:start]))
        ):
            # “…1 分; 财务制度 3 3 2、项目管理制度…”: the item is there, after a form's cell (or after a
            # comma: '…服务, 3.完成…'), numbered as the one before it is
            if number == previous + 2:
                previous, previous_mark = previous + 1, between.group(1)
            else:
                previous, previous_end, previous_mark = number, match.end(), match.group(0)[-1]
                continue
        if previous is not None and number in (previous, previous + 2, previous + 3):
            what = "重复" if number == previous else f"跳号（缺{previous + 1}）"
            findings.append(
                context.finding(
                    "list.numbering",
                    WARNING,
                    f"段内编号{what}：“{previous}.”之后是“{number}.”",
                    start,
                    min(match.end() + 12, paragraph.end),
                    expected=f"{previous + 1}.",
                    found=f"{number}.",
                )
            )
        mark = match.group(0)[-1]
        if (
            previous is not None
            and number == previous + 1
            and previous_mark not in (None, mark)
            and not mixed
        ):
            mixed = True  # (one finding a paragraph: '1.…;2、…;3.…')
            findings.append(
                context.finding(
                    "list.numbering",
                    WARNING,
                    f"段内编号写法不一：“{previous}{previous_mark}”之后是“{number}{mark}”，同一组编号应统一用一种标点",
                    start,
                    min(match.end() + 12, paragraph.end),
                    expected=f"{number}{previous_mark}",
                    found=f"{number}{mark}",
                )
            )
        previous, previous_end, previous_mark = number, match.end(), mark
    return findings


# ---------------------------------------------------------------------------------------------
# Sentences run together

_RUN_ON = tuple(re.compile(rf"{unit}(?=(?:19|20)\d{{2}}年)") for unit in ("元", "%"))
# a figure's unit, then at once the subject a new sentence opens with ('120.00万元我县配套…', '1,260公里
# 其中县道…', '96.5%本项目…'): the full stop or comma between was lost
_RUN_ON_UNITS = words("rules_text.run_on_units")
_RUN_ON_COUNT_UNITS = words("rules_text.run_on_count_units")  # followed by 其中 only
_RUN_ON_OPENERS = words("rules_text.run_on_openers")
_LONGEST_UNIT = max(map(len, _RUN_ON_UNITS + _RUN_ON_COUNT_UNITS))


def _run_on_openers_of(data) -> tuple[tuple[str, ...], str]:
    """The words that open a new sentence after a figure (the list above and the report subjects of
    wording.yaml), longest first, and their first characters."""
    every = {*_RUN_ON_OPENERS, *as_tuple(data.wording.get("sentence_subjects"))}
    openers = tuple(sorted(every, key=len, reverse=True))
    return openers, "".join(sorted({word[0] for word in openers}))


def _unit_before(text: str, at: int) -> str | None:
    """The unit of a figure that ends right before ``at`` ('万元' of '860.00万元'), or None; a count's
    word ('5个') only before 其中 ('5个我县项目': the subject word names what is counted)."""
    for size in range(min(_LONGEST_UNIT, at), 0, -1):
        unit = text[at - size : at]
        if unit in _RUN_ON_UNITS or (unit in _RUN_ON_COUNT_UNITS and text.startswith("其中", at)):
            before = at - size
            if before and text[before - 1] in "万亿千":
                before -= 1
            return unit if before and text[before - 1] in "0123456789" else None
    return None


def _two_problems_of(data) -> tuple[tuple[str, ...], tuple]:
    wording = data.wording
    ends = as_tuple(wording.get("problem_ends"))
    return ends, _two_problems(id(wording), ends, as_tuple(wording.get("problem_predicates")))


@lru_cache(maxsize=4)
def _two_problems(
    key: int, ends: tuple[str, ...], predicates: tuple[str, ...]
) -> tuple[re.Pattern, str, frozenset[str] | None]:
    """The pattern, the first characters of its ``ends`` and their first two characters (None when
    a word is shorter)."""
    regex = re.compile(
        rf"(?:{literal_trie(ends) or '(?!)'})(?![,;。:、\s的地得和及与或等问现情])"
        rf"[\u4e00-\u9fff]{{2,12}}?(?:{literal_trie(predicates) or '(?!)'})"
    )
    firsts = "".join(sorted({end[0] for end in ends if end}))
    heads = frozenset(end[:2] for end in ends) if all(len(end) >= 2 for end in ends) else None
    return regex, firsts, heads


@rule(
    "punct.run_on",
    "金额后直接接“其中”或下一句（“803.74万元其中”“859.6万元2023年支出”）、两个问题连写（“…有待提升村民自治制度不健全”），缺少标点",
)
def check_run_on(context: CheckContext) -> list[Finding]:
    findings = []
    text = context.report.text
    places = context.report.places
    ends, (two, firsts, heads) = context.data.once(_two_problems_of)
    if heads is None:
        matches = scan.finditer(two, text, places)
    else:  # a match starts with one of the words: tried where their first two characters stand
        starts = [at for at in scan.places_of(text, firsts, places) if text[at : at + 2] in heads]
        matches = scan.matches_at(two, text, starts)
    for match in matches:
        first = next(end for end in ends if text.startswith(end, match.start()))
        findings.append(
            context.finding(
                "punct.run_on",
                WARNING,
                f"两个问题连在一起，“{first}”后缺少标点：“{match.group(0)}”",
                match.start(),
                match.end(),
                expected=f"{first}，",
            )
        )
    # (each pattern starts with its unit, a literal: the regex engine finds it fast on its own)
    joins = []  # (where the unit ends, the unit)
    for match in sorted((m for regex in _RUN_ON for m in regex.finditer(text)), key=lambda m: m.start()):
        before = match.start() - 1
        if before > 0 and text[before] == "万":
            before -= 1
        if before >= 0 and text[before] in "0123456789":
            joins.append((match.end(), match.group(0)))
    openers, opener_firsts = context.data.once(_run_on_openers_of)
    for at in scan.places_of(text, opener_firsts, places):
        if at and text[at - 1] not in "0123456789,;。:、(\n " and text.startswith(openers, at):
            unit = _unit_before(text, at)
            if unit is not None:
                joins.append((at, unit))
    for end, unit in sorted(set(joins)):
        start = end - len(unit)
        head = max(0, start - 6, text.rfind("\n", 0, start) + 1)
        if context.in_glued_form(start):
            continue  # “执行率得分…10100%其中:当年财政拨款”: cells of a form glued together
        findings.append(
            context.finding(
                "punct.run_on",
                WARNING,
                f"“{text[head : end + 4]}”中{'金额' if unit in ('元', '%') else '数字'}后缺少标点",
                head,
                min(end + 4, len(text)),
                expected=f"{unit}，",
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# Document numbers and marks between sentences

_BARE_DOC_NUMBER = re.compile(r"((?:19|20)[0-4]\d)(\d{1,4})号")


def _bare_doc_numbers(text: str, places: scan.CharIndex | None = None) -> list[re.Match]:
    """Year and serial run together before 号, found from the literal 号 (its places in the text's
    CharIndex)."""
    found = []
    for at in scan.places_of(text, "号", places):
        if at >= 5 and text[at - 1].isdigit():
            match = _BARE_DOC_NUMBER.search(text, max(0, at - 8), at + 1)
            if match is not None and match.end() == at + 1:
                found.append(match)
    return found


# A document number is written 湘财绩〔2023〕15号: the issuer's code, the year in 〔〕, the serial and 号.
# Its slips, read from the brackets and 号 around a year: the closer lost (石发﹝20198号, 国发(202214号),
# the opener lost (湘财预2023〕15号), both lost (零财绩20231号, and with 号 too: (保财教202060)), 号
# lost (湘财绩〔2023〕15文件), the year with three or five digits (〔202〕15号). Any pair of brackets
# ([2023], 【2023】, (2023), spaced 〔 2023 〕) is written right; so is a number after 第 or a field's label.
_DOC_OPENERS = "〔﹝[【("
_DOC_CLOSERS = "〕﹞]】)"
_CLOSER_OF = dict(zip(_DOC_OPENERS, _DOC_CLOSERS, strict=True))
_HALF_BRACKETED = re.compile(r"((?:19|20)[0-4]\d)(\d{1,4})号")  # after an opener: the closer lost
_YEAR_DIGITS = re.compile(
    r"((?:19|20)\d|(?:19|20)\d{3})([〕﹞\]】)])(\d{1,4})号"
)  # 〔202〕15号, 〔20223〕5号
_NO_HAO = re.compile(r"((?:19|20)[0-4]\d)([〕﹞\]】)])(\d{1,4})(?![\d号號.\-—~～])")  # 〔2023〕15文件
_OPENER_LOST = re.compile(r"(\d{1,4})号")  # after 2023〕
_BARE_ENDING = re.compile(r"([\u4e00-\u9fff]{2,6}?)((?:19|20)[0-4]\d)(\d{1,3})$")  # 湘财绩202315文件
_AFTER_BARE = re.compile(r"文件|号文|[|\n、]|印发|下达|转发")  # where a bare number ends
_BARE_IN_BRACKETS = re.compile(r"[\u4e00-\u9fff]{2,6}?((?:19|20)[0-4]\d)(\d{1,3})")  # (保财教202060)
# what may follow a document number whose 号 was lost: the end of the brackets or cell it stands in,
# a list's next member, or the words that name the document
_AFTER_NO_HAO = re.compile(r"[)、,;。:\s|]|文件|文|等|和|及|的|精神|要求|规定|通知|印发|下达|转发|$")
# after the six-cornered brackets, used for nothing but document numbers, any word but 号 says it was lost
_NOT_NO_HAO = frozenset("号號0123456789.-—~～")
_SERIALS_JOINED = re.compile(r"[、,和及至\-—~～]\d{1,4}号")  # 〔2023〕15、16号: two serials share 号
_NOT_AN_ISSUER = words("rules_text.not_doc_issuers")  # 电话、编号…: a field's label, not an issuer
_ASCII_PERIOD = re.compile(r"\.(?=[ \t\n]|$|[\u4e00-\u9fff])")
_CN_NUMERALS = frozenset("一二三四五六七八九十")
_PAGE_NUMBER_LINE = re.compile(r"[ \t]*\d{1,3}[ \t]*(?:\n|$)")


_FORM_MARKS = re.compile(
    r"指标\d{1,2}[:：]|[(（]\d{1,3}分[)）]|指标值|实际值|完成值|分值|得分|[一二三]级指标"
)


def _issuer_before(text: str, at: int) -> bool:
    """An issuer's code stands right before ``at`` (湘财绩, 国发): a CJK character, not 第 and not a
    field's label (电话, 编号, 合同号, 批次), on a line that is no page's address."""
    before = text[at - 1] if at else ""
    return (
        _is_cjk(before)
        and before not in "第号码次期批"  # '第15号', '合同号2023015', '批次2023001': a label's number
        and not text.endswith(_NOT_AN_ISSUER, max(0, at - 4), at)
        and not _in_source_line(text, at)
    )


def _doc_number_slips(text: str, places: scan.CharIndex | None) -> list[tuple[int, int, str, str, str]]:
    """The document numbers written wrong, as (start, end, year, serial, what is wrong): found from
    the brackets and 号 that stand next to a year's digits (a few places of the text)."""
    found: dict[int, tuple[int, int, str, str, str]] = {}  # by start: one finding per number
    for match in _bare_doc_numbers(text, places):
        if _issuer_before(text, match.start()):
            found[match.start()] = (*match.span(), *match.groups(), "缺六角括号，年份与序号连在一起")
    # (each character's places on their own: the order does not matter, and a merged list costs more)
    for at in itertools.chain.from_iterable(
        scan.places_of(text, ch, places) for ch in _DOC_OPENERS + _DOC_CLOSERS
    ):
        ch = text[at]
        if ch in _CLOSER_OF:
            if not text.startswith(("19", "20"), at + 1) or not _issuer_before(text, at):
                continue
            match = _HALF_BRACKETED.match(text, at + 1)
            if match is not None:
                found[at] = (at, match.end(), *match.groups(), "的括号不全，年份与序号连在一起")
                continue
            match = _YEAR_DIGITS.match(text, at + 1)
            if match is not None and match.group(2) == _CLOSER_OF[ch]:
                year, serial = match.group(1), match.group(3)
                found[at] = (at, match.end(), "20XX", serial, f"的年份“{year}”不是四位数")
                continue
            match = _NO_HAO.match(text, at + 1)
            if (
                match is not None
                and match.group(2) == _CLOSER_OF[ch]
                and (
                    text[match.end() : match.end() + 1] not in _NOT_NO_HAO
                    if ch in "〔﹝"
                    else _AFTER_NO_HAO.match(text, match.end())
                )
                and not _SERIALS_JOINED.match(text, match.end())
            ):
                found[at] = (at, match.end(), match.group(1), match.group(3), "缺“号”字")
            continue
        if not "0" <= text[at - 1] <= "9":
            continue  # (every shape below has a digit before its closer)
        if ch == ")":  # (保财教202060)
            opener = text.rfind("(", max(0, at - 12), at)
            match = _BARE_IN_BRACKETS.fullmatch(text, opener + 1, at) if opener >= 0 else None
            if match is not None and _issuer_before(text, match.start(1)):
                start = match.start(1)
                found.setdefault(start, (start, at, *match.groups(), "缺六角括号和“号”字"))
                continue
        # 湘财预2023〕15号: the opener lost
        if at >= 5 and text[at - 4 : at].isdigit() and text.startswith(("19", "20"), at - 4):
            match = _OPENER_LOST.match(text, at + 1)
            if match is not None and _issuer_before(text, at - 4):
                found[at - 4] = (at - 4, match.end(), text[at - 4 : at], match.group(1), "缺左括号")
    # 湘财绩202315文件, 以国发202214印发, '湘财预〔2023〕8号、国发202214、…', a cell '| 湘财绩202315 |'
    # or a field '文号:国发202214': both brackets and 号 lost, the number ends there
    for end in itertools.chain.from_iterable(scan.places_of(text, ch, places) for ch in "文|\n、印下转"):
        at = end
        if text[end] == "|":
            while at and text[at - 1] == " ":
                at -= 1
        if not at or not "0" <= text[at - 1] <= "9" or not _AFTER_BARE.match(text, end):
            continue
        match = _BARE_ENDING.search(text, max(0, at - 13), at)
        if match is None or not _issuer_before(text, match.start(2)):
            continue
        if text[end] in "|\n" and text[match.start() - 1 : match.start()] not in ("|", " ", "\n", ":", ""):
            continue  # a cell or a field holds the number alone
        start = match.start(2)
        found.setdefault(start, (start, at, match.group(2), match.group(3), "缺六角括号和“号”字"))
    return [found[start] for start in sorted(found)]


def _run_together_form(line: str) -> bool:
    """A scoring form pressed into one line (“…(10分)…指标2:…指标值…得分…”): its periods end cells,
    not sentences."""
    return len(line) > 60 and len(_FORM_MARKS.findall(line)) >= 3


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_LINE_NUMBER_BEFORE = re.compile(r"[ \t]*\(\d{1,2}$")  # '(1).' at a line's start: a number's marks


def _closes_cjk(text: str, at: int) -> bool:
    """A percentage or a closing mark of Chinese text stands at ``at`` ('94.47%', '(详见附表1)',
    '”', '》'): a sentence can end right after it; not the bracket of a number '(1).' opening a line."""
    if text[at] not in "%)”》" or at < 1 or not (_is_cjk(text[at - 1]) or text[at - 1] in "0123456789"):
        return False
    return text[at] != ")" or not _LINE_NUMBER_BEFORE.fullmatch(text, text.rfind("\n", 0, at) + 1, at)


@rule(
    "punct.marks",
    "文号缺六角括号（“零财绩20231号”应为“零财绩〔2023〕1号”）、中文句末用了英文句点、两个文件名之间缺顿号",
)
def check_marks(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    for start, end, year, serial, what in _doc_number_slips(text, context.report.places):
        head = text[max(0, start - 3) : start]
        findings.append(
            context.finding(
                "punct.marks",
                WARNING,
                f"文号“{head}{text[start:end]}”{what}（应写作“{head}〔{year}〕{serial}号”）",
                max(0, start - 3),
                end,
                expected=f"〔{year}〕{serial}号",
                found=text[start:end],
            )
        )
    periods: list[tuple[int, int]] = []
    for match in _ASCII_PERIOD.finditer(text):
        at = match.start()
        if not at or not (_is_cjk(text[at - 1]) or _closes_cjk(text, at - 1)):
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if "|" in line or line.startswith(("SOURCE:", "TITLE:")) or _run_together_form(line):
            continue
        if at - line_start == 1 and text[line_start] in _CN_NUMERALS:
            continue  # “一.概况”: a heading number
        if "/" in text[max(line_start, at - 3) : at] and _is_cjk(text[at + 1 : at + 2] or " "):
            continue  # “720元/生.年”: a unit per student and year
        if line_end >= 0 and at + 1 == line_end and _PAGE_NUMBER_LINE.match(text, line_end + 1):
            continue  # “摘要.” over “2”: what is left of a table of contents' dot leader
        periods.append((max(line_start, at - 8), at + 1))
    if len(periods) >= 3 and len(periods) > text.count("。"):
        # every full stop of the copy is '.': the conversion of the page did it, one finding says so
        periods, systematic = periods[:1], f"（全文共{len(periods)}处，多于“。”，像是整篇转换时换掉的）"
    else:
        systematic = ""
    for start, end in periods:
        findings.append(
            context.finding(
                "punct.marks",
                WARNING,
                f"中文句末用了英文句点“.”，应为“。”{systematic}",
                start,
                end,
                expected="。",
                found=".",
            )
        )
    at = find_word(text, "号)《")
    while at >= 0:
        findings.append(
            context.finding(
                "punct.marks",
                WARNING,
                "两个文件名连在一起，中间缺顿号",
                max(0, at - 10),
                at + 3,
                expected="号)、《",
                found="号)《",
            )
        )
        at = find_word(text, "号)《", at + 3)
    return findings


RULES = (
    check_template_leftovers,
    check_doubled,
    check_title_against_body,
    check_malformed_dates,
    check_name_variants,
    check_inline_numbering,
    check_run_on,
    check_marks,
)
