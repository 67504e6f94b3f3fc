"""Slips of punctuation and numbering found on the fifth batch of real reports (read, then made
tuning data): two marks in a row (“项目,:建设”), a bracketed number followed by a 顿号 where the
same document writes its other bracketed numbers without one (“(一)、” beside “(二)”), and a list
number written bare (“2专项资金”) where the list's other numbers carry their mark, and an
outline heading left with nothing under it, and a form's filling instruction left in.

Each is a shape of text, never one report's string; a document that writes all its numbers one
way, even a non-standard way, is left alone (its style is consistent).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding

# ---------------------------------------------------------------------------------------------
# Two marks in a row

_DOUBLED_MARKS = re.compile(r"[,，;；:：、。][,，;；:：、。]")  # one class each side: the fast form


def _in_table_line(text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    return "|" in line or line.startswith(("SOURCE:", "TITLE:"))


@rule("punct.doubled_marks", "两个标点连用（“项目,:建设”“完成。,”），应只留一个")
def check_doubled_marks(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    for match in _DOUBLED_MARKS.finditer(text):
        if _in_table_line(text, match.start()):
            continue
        pair = match.group(0)
        if pair == "。。":
            continue  # a full stop doubled is left to the typo rules (ellipses written “。。。”)
        findings.append(
            context.finding(
                "punct.doubled_marks",
                WARNING,
                f"两个标点连用：“{text[max(0, match.start() - 6) : match.end() + 4]}”中的“{pair}”应只留一个",
                max(0, match.start() - 6),
                min(len(text), match.end() + 2),
                found=pair,
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# “(一)、” beside “(二)”

_BRACKET_NUMBER_LINE = re.compile(
    r"\n[ \t]*(?P<number>[(（](?P<digits>[一二三四五六七八九十]{1,3}|\d{1,2})[)）])(?P<mark>、?)"
)


@rule(
    "punct.bracket_number_mark",
    "括号编号后又加顿号（“(一)、”），而同一文中其他括号编号没有加：括号编号后不加顿号",
)
def check_bracket_number_mark(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if ")、" not in text and "）、" not in text:
        return []
    with_mark: dict[bool, list[re.Match]] = {True: [], False: []}
    for match in _BRACKET_NUMBER_LINE.finditer(text):
        chinese = not match.group("digits").isdigit()
        if chinese:  # the style that matters: (一)(二) headings; (1)(2) items often differ
            with_mark[bool(match.group("mark"))].append(match)
    if not with_mark[True] or not with_mark[False]:
        return []  # one way throughout: a consistent style, not a slip
    example = with_mark[False][0].group("number")
    return [
        context.finding(
            "punct.bracket_number_mark",
            WARNING,
            f"括号编号后多了顿号：“{match.group('number')}、”（文中“{example}”后没有顿号；括号编号后不加顿号）",
            match.start("number"),
            min(len(text), match.end() + 6),
            expected=match.group("number"),
            found=match.group("number") + "、",
        )
        for match in with_mark[True]
    ]


# ---------------------------------------------------------------------------------------------
# A bare list number: “2专项资金” after “1、运行维护经费”

# measure words: “5万元”, “3个”, “2人” at a line's start are amounts, not list numbers
_MEASURE = frozenset(
    "万元个年月日人次项分家台套名所座户处条份天亩米吨公千百亿倍批期届号辆栋间张本册场只件组周岁级"
)
# a literal '\n' first lets the regex engine jump from line to line (the text starts with TITLE:)
_BARE_NUMBER = re.compile(r"\n[ \t]*(?:其中[:：])?(\d)(?=[\u4e00-\u9fff])")
_MARKED_NUMBER = re.compile(r"\n[ \t]*(?:其中[:：])?(\d{1,2})(?:[、.．]|[)）])(?!\d)")


@rule("list.bare_number", "列举编号后缺少顿号或点号（“2专项资金”），而同一文中其他编号带有标点")
def check_bare_numbers(context: CheckContext) -> list[Finding]:
    text = context.report.text
    bare = [m for m in _BARE_NUMBER.finditer(text) if text[m.end()] not in _MEASURE]
    if not bare:
        return []
    marked = list(_MARKED_NUMBER.finditer(text))
    if not marked:
        return []
    bare_numbers = {int(m.group(1)) for m in bare}
    findings = []
    for match in bare:
        number = int(match.group(1))
        if number - 1 in bare_numbers or number + 1 in bare_numbers:
            continue  # “1短信…”, “2手机…”, “3政务…”: the list is written that way throughout
        line_end = text.find("\n", match.end())
        line = text[match.end() : line_end if line_end >= 0 else len(text)]
        if len(line) < 3 or "|" in line:
            continue
        example = _nearest(marked, match.start())
        findings.append(
            context.finding(
                "list.bare_number",
                WARNING,
                f"编号“{number}”后缺少标点：“{number}{line[:8]}”（文中其他编号写作“{example}”）",
                match.start(1),
                match.end() + min(len(line), 8),
                found=f"{number}{line[:1]}",
            )
        )
    return findings


def _nearest(marked: list[re.Match], position: int) -> str:
    best = min(marked, key=lambda m: abs(m.start() - position))
    return best.group(0).strip().removeprefix("其中:").removeprefix("其中：")  # “\n 1、” → “1、”


# ---------------------------------------------------------------------------------------------
# An outline heading left without content

_SENTENCE_MARKS = frozenset("。，,：:；;！!？?")


@rule(
    "template.empty_heading",
    "提纲里的小标题下面没有任何内容，紧接着就是上一级的下一个标题（模板的标题没有填写）",
)
def check_empty_headings(context: CheckContext) -> list[Finding]:
    """A numbered heading followed at once by a heading of a higher level (“3.年度工作计划…情况”
    then “(二)当年…目标”) has nothing under it. Not reported: a table of contents (its titles come
    again in the body), a heading that opens a list one level up (“1.单位基本情况” then “(一)…”,
    a document that ranks its marks the other way), a heading that is a whole sentence."""
    report = context.report
    text = report.text
    headings = report.headings
    contents_end = _contents_end(text, headings)
    findings = []
    for heading, following in itertools.pairwise(headings):
        if heading.number is None or following.rank >= heading.rank or following.number == 1:
            continue
        if heading.start < contents_end:
            continue
        title = heading.title.strip()
        line = text[heading.start : heading.end].strip()
        if len(title) > 25 or not title or any(ch in _SENTENCE_MARKS for ch in line):
            continue
        if len(line) > len(heading.marker) + len(title) + 2:
            continue  # the heading line goes on: it has its content
        if text[heading.end : following.start].strip() or text.count(title) > 1:
            continue
        findings.append(
            context.finding(
                "template.empty_heading",
                WARNING,
                f"小标题“{heading.marker}{title}”下面没有内容，紧接着是“{following.marker}{following.title[:12]}”"
                "（模板的标题没有填写，或内容漏了）",
                heading.start,
                heading.end,
                found=f"{heading.marker}{title}",
            )
        )
    return findings


_CONTENTS = re.compile(r"\n[ \t]*目[ \t]*录[ \t]*(?=\n|$)")
_CONTENTS_AT_START = re.compile(r"[ \t]*目[ \t]*录[ \t]*(?=\n|$)")


def _contents_end(text: str, headings) -> int:
    """Where a table of contents (a line “目录”) ends: at the first heading whose title comes again
    after it (the body begins), or 0 when there is none."""
    match = (_CONTENTS_AT_START.match(text) or _CONTENTS.search(text)) if "录" in text else None
    if match is None:
        return 0
    titles: set[str] = set()
    for heading in headings:
        if heading.start < match.end():
            continue
        title = heading.title.strip()
        if title in titles:
            return heading.start
        titles.add(title)
    return len(text)


# ---------------------------------------------------------------------------------------------
# A form's filling instruction left on its own line


@lru_cache(maxsize=4)
def _instruction_regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@rule("template.form_instruction", "表格模板的填写说明（“(一个项目一行)”“(可另附页)”）留在表中，没有删去")
def check_form_instructions(context: CheckContext) -> list[Finding]:
    pattern = context.data.wording.get("form_instruction_line")
    text = context.report.text
    if not pattern:
        return []
    return [
        context.finding(
            "template.form_instruction",
            WARNING,
            f"表格模板的填写说明“{match.group(0).strip()}”没有删去",
            match.start() + 1,  # after the line break the pattern starts with
            match.end(),
            found=match.group(0).strip(),
        )
        for match in _instruction_regex(pattern).finditer(text)
    ]


# ---------------------------------------------------------------------------------------------
# A word in brackets written again right after them: “西部(重庆)重庆科学城”


@rule("name.bracket_repeat", "括号里的词紧接着括号又写了一遍（“西部(重庆)重庆科学城”），名称多了字")
def check_bracket_repeats(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    for closer, opener in ((")", "("), ("）", "（")):
        at = text.find(closer)
        while at >= 0:
            start = text.rfind(opener, max(0, at - 7), at)
            word = text[start + 1 : at] if start >= 0 else ""
            if 2 <= len(word) <= 6 and text.startswith(word, at + 1) and all(_is_cjk(ch) for ch in word):
                end = at + 1 + len(word)
                head = max(0, start - 4)
                findings.append(
                    context.finding(
                        "name.bracket_repeat",
                        WARNING,
                        f"括号里的“{word}”紧接着又写了一遍：“{text[head : end + 4]}”（名称多了“{word}”？）",
                        head,
                        min(len(text), end + 2),
                        expected=text[head : at + 1],
                        found=text[head:end],
                    )
                )
            at = text.find(closer, at + 1)
    findings.sort(key=lambda f: f.location.start)
    return findings


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# ---------------------------------------------------------------------------------------------
# Marks missing between two sentences or two fields


@lru_cache(maxsize=4)
def _subject_after_bracket(subjects: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"[)）](?:{'|'.join(map(re.escape, subjects))})")


_CONTACT_RUN_ON = re.compile(
    r"(?:负责人|联系人)(?:为|是|[:：])([\u4e00-\u9fff]{2,3})(?=联系电话|联系方式|电话[:：\d])"
)


@rule(
    "punct.missing_stop",
    "两句或两项之间缺标点：右括号后直接开始新句（“…尾款)我省随…”），人名后直接接“联系电话”",
)
def check_missing_stops(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    subjects = tuple(context.data.wording.get("sentence_subjects") or ())
    if subjects and (")" in text or "）" in text):
        for match in _subject_after_bracket(subjects).finditer(text):
            head = max(0, match.start() - 6)
            findings.append(
                context.finding(
                    "punct.missing_stop",
                    WARNING,
                    f"括号后另起一句“{text[match.start() + 1 : match.end() + 4]}…”，中间缺句号："
                    f"“{text[head : match.end()]}”",
                    head,
                    match.end(),
                    expected=f"{match.group(0)[0]}。{match.group(0)[1:]}",
                    found=match.group(0),
                )
            )
    if "联系" in text or "电话" in text:
        for match in _CONTACT_RUN_ON.finditer(text):
            name = match.group(1)
            findings.append(
                context.finding(
                    "punct.missing_stop",
                    WARNING,
                    f"人名“{name}”与下一项“{text[match.end() : match.end() + 4]}”之间缺逗号",
                    match.start(1),
                    min(len(text), match.end() + 4),
                    expected=f"{name},",
                    found=text[match.start(1) : min(len(text), match.end() + 4)],
                )
            )
    findings.sort(key=lambda f: f.location.start)
    return findings


# ---------------------------------------------------------------------------------------------
# “(2)指标名得2分” among “(1)指标名:……得2分”

_SCORE_ITEM_WITH_COLON = re.compile(r"\n[ \t]*[(（]\d{1,2}[)）][^:：,，。;；\n]{2,16}[:：]")
_SCORE_ITEM_BARE = re.compile(r"\n[ \t]*([(（]\d{1,2}[)）])([^:：,，。;；\n]{2,16}?)(得\d+(?:\.\d+)?分)")


@rule("punct.score_item_colon", "评分条目“(2)指标名得2分”缺冒号，而其他条目都写“指标名:……得X分”")
def check_score_item_colons(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if "分" not in text:
        return []
    bare = list(_SCORE_ITEM_BARE.finditer(text))
    if not bare or len(_SCORE_ITEM_WITH_COLON.findall(text)) < 2:
        return []
    return [
        context.finding(
            "punct.score_item_colon",
            WARNING,
            f"评分条目“{match.group(1)}{match.group(2)}”后缺冒号：其他条目都写“指标名:……得X分”",
            match.start(1),
            match.end(),
            expected=f"{match.group(1)}{match.group(2)}:{match.group(3)}",
            found=match.group(0).strip(),
        )
        for match in bare
    ]


RULES = (
    check_missing_stops,
    check_score_item_colons,
    check_bracket_repeats,
    check_doubled_marks,
    check_bracket_number_mark,
    check_bare_numbers,
    check_empty_headings,
    check_form_instructions,
)
