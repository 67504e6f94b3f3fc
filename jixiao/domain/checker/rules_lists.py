"""List numbers inside one paragraph in the styles other than “1.” (which ``list.numbering`` reads):
“（1）…（2）…”, “①…②…”, “一是…二是…”, “第一，…第二，…”. Within a paragraph each style is read in
order; the same number twice in a row, or one skipped, is reported.
"""

from __future__ import annotations

import re

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.parse import cn_number

_CN = "一二三四五六七八九十"
# each style: (pattern, how the number is printed back). Each pattern begins with something rare
# (a bracket, a circled digit, 是, 第) so one scan of the text is cheap; a number opens an item only
# at the start of a line or after a clause's end, so '统一是' and '依据(1)号' are no list numbers
_STYLES = (
    (re.compile(r"\((?P<n>\d{1,2})\)"), "({})"),
    # '1)…2)…4)': the half bracket of a list, its opening one never written
    (re.compile(r"(?<![(\d])(?P<n>\d{1,2})\)(?=[\u4e00-\u9fff])"), "{})"),
    (re.compile(r"(?P<c>[\u2460-\u2473])"), "circled"),
    (re.compile(r"(?P<p>[\u2474-\u2487])"), "parenthesized"),  # ⑴⑵⑶ (one character each)
    (re.compile(rf"(?P<n>[{_CN}]{{1,2}})是"), "{}是"),
    (re.compile(rf"第(?P<n>[{_CN}]{{1,2}})(?=[,，、:：是])"), "第{}"),
    # '(一)…(二)…' run into one paragraph: the sub-headings of a web page run into one line
    (re.compile(rf"\((?P<n>[{_CN}]{{1,2}})\)"), "(cn)"),
    # '其一，…其二，…'
    (re.compile(rf"其(?P<n>[{_CN}]{{1,2}})(?=[,，、:：是])"), "其{}"),
    # 'Ⅰ、…Ⅱ、…' (one character each, rare: found fast)
    (re.compile(r"(?P<o>\(?)(?P<r>[\u2160-\u216b\u2170-\u217b])(?P<m>[、.．)])(?=[\u4e00-\u9fff])"), "roman"),
    # '一、…二、…' run into one paragraph (not opening a line: a heading of its own, heading.numbering's)
    (re.compile(rf"(?P<n>[{_CN}]{{1,2}})、(?=[\u4e00-\u9fff])"), "{}、"),
    # '甲、…乙、…丙、'
    (re.compile(r"(?P<g>[甲乙丙丁戊己庚辛壬癸])(?P<m>[、.．])(?=[\u4e00-\u9fff])"), "stem"),
    # 'a.…b.…', 'A、…B、…', 'a)…b)…', '(a)…(b)…': each case and mark a list of its own
    (re.compile(r"(?<![A-Za-z0-9])(?P<o>\(?)(?P<l>[A-Za-z])(?P<m>[.、)])(?=[\u4e00-\u9fff])"), "letter"),
    # '一要…二要…三要…', '一则…二则…'
    (re.compile(rf"(?P<n>[{_CN}]{{1,2}})要"), "{}要"),
    (re.compile(rf"(?P<n>[{_CN}]{{1,2}})则"), "{}则"),
    # '第一点,…第二点,…'
    (re.compile(rf"第(?P<n>[{_CN}]{{1,2}})点(?=[,，、:：])"), "第{}点"),
    # '第1项,…第2项,…', '第1条,…'
    (re.compile(rf"第(?P<n>\d{{1,2}}|[{_CN}]{{1,2}})项(?=[,，、:：])"), "第{}项"),
    (re.compile(r"第(?P<n>\d{1,2})条(?=[,，、:：])"), "第{}条"),
    # '一.…二.…' run into one paragraph (not opening a line)
    (re.compile(rf"(?P<n>[{_CN}]{{1,2}})[.．](?=[\u4e00-\u9fff])"), "{}."),
    # numbers of one character each in the other blocks: ❶ ➀ ➊ ⒈ ㈠ ⓵ (rare: found fast)
    (re.compile(r"(?P<u>[\u2776-\u2793\u2488-\u249b\u3220-\u3229\u24f5-\u24fe])"), "unicode"),
    # '首先，…其次，…再次，…': only a word said twice is reported ('再次' also means 'again')
    (re.compile(r"(?P<s>首先|其次|再次)(?=[,，])"), "sequence"),
)
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ANY_CIRCLED = re.compile(r"[\u2460-\u2473]")  # (a list may start past ①: '⑩…⑪…')
_SEQUENCE = {"首先": 1, "其次": 2, "再次": 3}
_BLOCKS = (0x2776, 0x2780, 0x278A, 0x2488, 0x3220, 0x24F5)  # the first of each run of ten (⒈: twenty)
_SEQUENCE_WORDS = dict(zip(_SEQUENCE.values(), _SEQUENCE, strict=True))
# a chapter number ('二、') between two numbers of a '(一)' list: the list starts again under it
_CHAPTER = re.compile(rf"[{_CN}]{{1,2}}、")
_OPENS = frozenset("。;:,；：，\n ")


def _shi_matches(
    text: str, pattern: re.Pattern, places: scan.CharIndex | None = None, word: str = "是"
) -> list[re.Match]:
    """'一是…二是…' (or '一要…二要…') found from each 是 (from the text's CharIndex) and the numerals
    right before it."""
    found = []
    for at in scan.places_of(text, word, places):
        if at and text[at - 1] in _CN:
            start = at - 2 if at >= 2 and text[at - 2] in _CN else at - 1
            match = pattern.match(text, start)
            if match is not None:
                found.append(match)
    return found


_AFTER_NUMERAL = {"{}.": ".．"}
_ROMANS = "".join(map(chr, [*range(0x2160, 0x216C), *range(0x2170, 0x217C)]))
_LETTER_MARKS = ".、)"


def _marked_matches(
    text: str, pattern: re.Pattern, places: scan.CharIndex | None, style: str
) -> list[re.Match]:
    """The matches of the roman numerals' pattern, from the places of the numerals (rare), and of
    the letters' one, from the places of the marks after a letter ('a.', 'A、', 'a)'); each tried
    with its opening bracket, when one stands before it."""
    if style == "roman":
        starts = scan.places_of(text, _ROMANS, places)
    else:
        starts = [
            at - 1
            for at in scan.places_of(text, _LETTER_MARKS, places)
            if at and ("a" <= text[at - 1] <= "z" or "A" <= text[at - 1] <= "Z")
        ]
    found = []
    taken = 0
    for at in starts:
        start = at - 1 if at and text[at - 1] == "(" else at
        if start < taken:
            continue
        match = pattern.match(text, start)
        if match is not None:
            found.append(match)
            taken = match.end()
    return found


def _printed(style: str, number: int) -> str:
    if style.startswith("letter"):
        opening, case, mark = style[6:7].strip(), style[7], style[8]
        return opening + chr(ord(case) + number - 1) + mark if 1 <= number <= 26 else str(number)
    if style.startswith("roman"):
        first, mark = style[5], style[6]
        opening = "(" if mark == ")" else ""
        return opening + chr(ord(first) + number - 1) + mark if 1 <= number <= 12 else str(number)
    if style == "sequence":
        return _SEQUENCE_WORDS.get(number, str(number))
    if style == "circled":
        return chr(0x2460 + number - 1) if 1 <= number <= 20 else str(number)
    if style == "parenthesized":
        return chr(0x2474 + number - 1) if 1 <= number <= 20 else f"({number})"
    if style in ("{}是", "{}要", "{}则", "第{}", "第{}点", "其{}"):
        return style.format(_cn(number))
    if style.startswith("stem"):
        return _STEMS[number - 1] + style[4:] if 1 <= number <= 10 else str(number)
    if style in ("{}、", "{}."):
        return style.format(_cn(number))
    if style.startswith("unicode"):
        return chr(int(style[7:]) + number - 1) if 1 <= number <= 10 else str(number)
    if style == "(cn)":
        return f"({_cn(number)})"
    return style.format(number)


def _cn(number: int) -> str:
    if number <= 10:
        return _CN[number - 1] if number else "零"
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


@rule("list.numbering_styles", "段落内（1）（2）、①②、一是二是、第一第二等列举编号重复或跳号")
def check_other_numbering(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    findings = []
    for pattern, style in _STYLES:
        if style == "circled" and not _ANY_CIRCLED.search(text):
            continue
        if style == "parenthesized" and "⑴" not in text and "⑵" not in text:
            continue  # a circled list has its first or second number (a class scanned at every character costs)
        if style in ("{}是", "{}要", "{}则", "{}、", "{}."):
            # from the word or mark after the numeral (the numerals are common characters)
            matches = _shi_matches(text, pattern, report.places, _AFTER_NUMERAL.get(style, style[-1]))
        elif style in ("roman", "letter"):
            # from the numeral's mark (roman) or the letter's ('a.', 'A、', '(a)'): each right after it
            matches = _marked_matches(text, pattern, report.places, style)
        elif style == "(cn)":
            # run in after a clause's end, not opening a line (a heading of its own, heading.numbering's)
            matches = [
                match
                for at in scan.places_of(text, "(", report.places)
                if at
                and text[at - 1] in _OPENS
                and text[at - 1] != "\n"
                and (match := pattern.match(text, at)) is not None
            ]
        elif style == "{})":
            # from the places of ')' right after a digit that no '(' opens ('1)', '12)')
            matches = [
                match
                for at in scan.places_of(text, ")", report.places)
                if at
                and text[at - 1].isdecimal()
                and "(" not in text[max(0, at - 3) : at]
                and (match := pattern.match(text, at - 2 if at > 1 and text[at - 2].isdecimal() else at - 1))
            ]
        elif style == "sequence" and "其次" not in text and "再次" not in text:
            continue  # (a word said twice: 其次 or 再次 is among them)
        else:  # (from the places of their first characters, when the text's index tells them)
            matches = scan.finditer(pattern, text, report.places)
        by_paragraph: dict[int, list[re.Match]] = {}
        styles: dict[int, dict[str, list[re.Match]]] = {}  # letters and roman numerals: by case and mark
        for match in matches:
            start = match.start()
            if style not in ("circled", "unicode") and start and text[start - 1] not in _OPENS:
                continue
            if style in ("{}、", "{}.", "stem") and (not start or text[start - 1] == "\n"):
                continue  # a line's own number: a heading, heading.numbering's
            index = report.paragraph_index(start)
            if style in ("letter", "roman", "unicode", "stem"):
                styles.setdefault(index, {}).setdefault(_substyle(style, match), []).append(match)
            else:
                by_paragraph.setdefault(index, []).append(match)
        lists = [(index, style, matches) for index, matches in by_paragraph.items()] + [
            (index, name, matches) for index, named in styles.items() for name, matches in named.items()
        ]
        for index, style_of, matches in lists:
            if len(matches) < 2 or index < 0:
                continue
            paragraph = report.paragraphs[index]
            # (the list's numbers read first: the paragraph is looked at only when they are out of
            # order, most lists are not)
            found = _out_of_order(context, matches, style_of, paragraph.end)
            if not found:
                continue
            if "|" in paragraph.text or context.in_glued_form(paragraph.start):
                continue  # cells of a form: each cell numbers its own list
            if style == "circled" and any(text.startswith("=", m.end()) for m in matches):
                continue  # '支出实现率⑤=④/③': a table's columns named by their numbers, no list
            findings.extend(found)
        if style in ("{}是", "{}要", "{}则", "第{}", "第{}点", "其{}"):
            findings.extend(_runs_of_lines(context, by_paragraph, style))
    findings.sort(key=lambda f: f.location.start)
    return findings


def _substyle(style: str, match: re.Match) -> str:
    """'letter(a.' / 'letter a.' / 'roman、Ⅰ'…: a list's style of letters or roman numerals, with its
    case and mark (a list of 'a.' items and one of 'A、' items are two lists)."""
    if style == "stem":
        return "stem" + match.group("m")
    if style == "unicode":
        code = ord(match.group("u"))
        return "unicode" + str(max(base for base in _BLOCKS if base <= code))
    if style == "letter":
        letter = match.group("l")
        return "letter" + (match.group("o") or " ") + ("a" if letter.islower() else "A") + match.group("m")
    numeral = match.group("r")
    return "roman" + ("Ⅰ" if numeral <= "\u216b" else "ⅰ") + match.group("m")


def _runs_of_lines(
    context: CheckContext, by_paragraph: dict[int, list[re.Match]], style: str
) -> list[Finding]:
    """'一是…。' '二是…。' '四是…。' (or '第一,…' '第二,…') each opening a line of its own: the lines
    in a row make one list."""
    report = context.report
    openers = {
        index: matches[0]
        for index, matches in by_paragraph.items()
        if index >= 0 and matches[0].start() == report.paragraphs[index].start and len(matches) == 1
    }
    findings = []
    run: list[re.Match] = []
    last = -1  # the paragraph of the run's last opener (each opener opens its paragraph)
    for index in sorted(openers):
        if run and last != index - 1:
            findings.extend(
                _out_of_order(context, run, style, report.paragraphs[index - 1].end) if len(run) > 1 else []
            )
            run = []
        run.append(openers[index])
        last = index
    if len(run) > 1:
        findings.extend(_out_of_order(context, run, style, report.paragraphs[last].end))
    return findings


def _out_of_order(context: CheckContext, matches: list[re.Match], style: str, limit: int) -> list[Finding]:
    findings = []
    previous, last_end = None, 0
    repeated = False  # the number before this one repeated its own predecessor
    for match in matches:
        if style == "circled":
            number = ord(match.group("c")) - 0x2460 + 1
        elif style.startswith("letter"):
            number = ord(match.group("l").lower()) - ord("a") + 1
        elif style.startswith("roman"):
            number = ord(match.group("r")) - ord(style[5]) + 1
        elif style.startswith("unicode"):
            number = ord(match.group("u")) - int(style[7:]) + 1
        elif style.startswith("stem"):
            number = _STEMS.index(match.group("g")) + 1
        elif style == "sequence":
            number = _SEQUENCE[match.group("s")]
            if number != previous:
                previous, last_end = number, match.end()
                continue  # only a word said twice: '首先…再次' may skip 其次, and 再次 also means 'again'
        elif style == "parenthesized":
            number = ord(match.group("p")) - 0x2474 + 1
        else:
            number = cn_number(match.group("n"))
        if number is None:
            continue
        if number == 1 and previous is not None and ":" in context.report.text[last_end : match.start()]:
            previous, repeated = (
                None,
                False,
            )  # '资金来源:(1)…资金结构:(1)…(2)…': a second list after its own label
        if (
            style == "(cn)"
            and previous is not None
            and _CHAPTER.search(context.report.text, last_end, match.start())
        ):
            previous, repeated = (
                None,
                False,
            )  # '…(三)资产情况… 二、预算执行情况(一)…': the next chapter's own list
        if (
            previous is not None
            and number in (previous + 2, previous + 3)
            and _printed(style, previous + 1) in context.report.text[last_end : match.start()]
        ):
            previous, last_end = number, match.end()
            continue  # '(2)…得到提升(3)…(4)': the number is there, only its item's stop is missing
        if repeated and number == previous + 2:
            previous, last_end, repeated = number, match.end(), False
            continue  # '一是…二是…二是…四是': the second 二是 was the 三是, already reported as a repeat
        if style in ("{}要", "{}则") and number == previous == 1:
            last_end = match.end()
            continue  # '一则以喜，一则以忧': a saying, no list
        repeated = number == previous
        if previous is not None and number in (previous, previous + 2, previous + 3):
            what = "重复" if number == previous else f"跳号（缺{_printed(style, previous + 1)}）"
            findings.append(
                context.finding(
                    "list.numbering_styles",
                    WARNING,
                    f"段内编号{what}：“{_printed(style, previous)}”之后是“{_printed(style, number)}”",
                    match.start(),
                    _line_end(context.report.text, match.end(), min(match.end() + 12, limit)),
                    expected=_printed(style, previous + 1),
                    found=_printed(style, number),
                )
            )
        previous, last_end = number, match.end()
    return findings


def _line_end(text: str, start: int, end: int) -> int:
    """``end``, or the first line break before it: a finding on a list number that opens a line of its own
    ('二是…\n四是…') must not reach into the next line."""
    stop = text.find("\n", start, end)
    return end if stop < 0 else stop


RULES = (check_other_numbering,)
