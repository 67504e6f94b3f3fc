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
from bisect import bisect_left
from functools import lru_cache

import numpy as np

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.rules import has_word, word_starts
from jixiao.domain.checker.vocabulary import words

# ---------------------------------------------------------------------------------------------
# Two marks in a row

_MARKS = ",，;；:：、。"
_DOUBLED_MARKS = re.compile(f"[{_MARKS}][{_MARKS}]")
_MARK_TABLE = np.zeros(0x10000, dtype=bool)  # by scan.table_index: U+FFFF (and beyond) is no mark
_MARK_TABLE[[ord(mark) for mark in _MARKS]] = True


def _in_table_line(text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    return "|" in line or line.startswith(("SOURCE:", "TITLE:"))


@rule("punct.doubled_marks", "两个标点连用（“项目,:建设”“完成。,”），应只留一个")
def check_doubled_marks(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    # where a mark is followed by another: one numpy pass over the text's code index (the marks
    # are common, and a list of all their places, sorted, costs several times as much)
    is_mark = _MARK_TABLE[context.code_index]
    doubled = np.flatnonzero(is_mark[:-1] & is_mark[1:]).tolist()
    for match in scan.matches_at(_DOUBLED_MARKS, text, doubled):
        if _in_table_line(text, match.start()):
            continue
        pair = match.group(0)
        if pair == "。。" and (
            text[match.start() - 1 : match.start()] == "。" or text[match.end() : match.end() + 1] == "。"
        ):
            continue  # '。。。', '。。。。。。': an ellipsis written with full stops
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
    places = context.report.places
    findings = _dotted_number_marks(context)
    if not has_word(text, ")、", places) and not has_word(text, "）、", places):
        return findings
    # by kind of number: (一)(二) headings and (1)(2) items are often written two ways, each
    # consistently; within one kind, a 、 after some numbers only is the slip
    with_mark: dict[tuple[bool, bool], list[re.Match]] = {
        (k, m): [] for k in (True, False) for m in (True, False)
    }
    for match in _BRACKET_NUMBER_LINE.finditer(text):
        chinese = not match.group("digits").isdigit()
        with_mark[chinese, bool(match.group("mark"))].append(match)
    for chinese in (True, False):
        marked, bare = with_mark[chinese, True], with_mark[chinese, False]
        if not marked or not bare:
            continue  # one way throughout: a consistent style, not a slip
        example = bare[0].group("number")
        findings.extend(
            context.finding(
                "punct.bracket_number_mark",
                WARNING,
                f"括号编号后多了顿号：“{match.group('number')}、”（文中“{example}”后没有顿号；括号编号后不加顿号）",
                match.start("number"),
                min(len(text), match.end() + 6),
                expected=match.group("number"),
                found=match.group("number") + "、",
            )
            for match in marked
        )
    findings.sort(key=lambda f: f.location.start)
    return findings


_DOTTED_NUMBER_MARK = re.compile(r"[ \t]*(\d{1,2}\.)、(?=[\u4e00-\u9fff])")


def _dotted_number_marks(context: CheckContext) -> list[Finding]:
    """'1.、资金下达情况' at a line's start: a number's point and a 顿号 both, one mark too many
    whatever the style (found from the places of 、 after a point)."""
    text = context.report.text
    findings = []
    for at in scan.places_of(text, "、", context.report.places):
        if at < 2 or text[at - 1] != "." or not text[at - 2].isdigit():
            continue
        match = _DOTTED_NUMBER_MARK.match(text, text.rfind("\n", 0, at) + 1)
        if match is None or match.end(1) != at:
            continue
        findings.append(
            context.finding(
                "punct.bracket_number_mark",
                WARNING,
                f"编号后标点重复：“{match.group(1)}、”应只留一个（“{match.group(1)}”）",
                match.start(1),
                min(len(text), match.end() + 6),
                expected=match.group(1),
                found=match.group(1) + "、",
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A bare list number: “2专项资金” after “1、运行维护经费”

# measure words: “5万元”, “3个”, “2人” at a line's start are amounts, not list numbers
_MEASURE = frozenset(
    "万元个年月日人次项分家台套名所座户处条份天亩米吨公千百亿倍批期届号辆栋间张本册场只件组周岁级季类层楼轮线等星档"
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
    source = context.report.source
    findings = []
    for match in bare:
        number = int(match.group(1))
        if not number or " " in source.original_text(match.start(1), match.end() + 1):
            continue  # '0 过程', '8 三公经费': a form's score cell and the next cell, not a list number
        line_end = text.find("\n", match.end())
        line = text[match.end() : line_end if line_end >= 0 else len(text)]
        if len(line) < 3 or "|" in line:
            continue
        if (number - 1 in bare_numbers or number + 1 in bare_numbers) and not _a_heading(line):
            continue  # “1短信…。”, “2手机…。”: a list of sentences written that way throughout
        # (a run of short headings '1补偿资金结算', '2资金管理及投入' beside '1、水质状况' lost their marks)
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


def _a_heading(line: str) -> bool:
    """A line that reads as a heading: short, no figure, no mark that ends or splits a sentence."""
    return len(line) <= 28 and not any(ch.isdigit() for ch in line) and _SENTENCE_MARKS.isdisjoint(line)


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
        if following.number is None and not _SENTENCE_MARKS.isdisjoint(following.title):
            continue  # an unnumbered line with a comma is the heading's content ('按年初目标完成改厕,改善了…')
        if heading.start < contents_end:
            continue
        title = heading.title.strip()
        line = text[heading.start : heading.end].strip()
        if len(title) > 25 or not title or not _SENTENCE_MARKS.isdisjoint(line):
            continue
        if len(line) > len(heading.marker) + len(title) + 2:
            continue  # the heading line goes on: it has its content
        if text[heading.end : following.start].strip() or text.count(title) > 1:
            continue
        if _in_an_outline(report, heading.start):
            continue  # a contents list with no '目录' line: the body that follows was cut off
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


_OUTLINE_RUN = 6  # headings in a row with no line of text between them: an outline, not a report's body


def _in_an_outline(report, start: int) -> bool:
    """The heading at ``start`` stands in a run of at least _OUTLINE_RUN heading lines in a row."""
    starts = report._heading_starts
    paragraphs = report.paragraphs
    index = report.paragraph_index(start)
    low = high = index
    while low > 0 and paragraphs[low - 1].start in starts:
        low -= 1
    while high + 1 < len(paragraphs) and paragraphs[high + 1].start in starts:
        high += 1
    return high - low + 1 >= _OUTLINE_RUN


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
    prompt = context.data.wording.get("form_prompt_line")
    text = context.report.text
    if not pattern:
        return []
    matches = [(m, m.start() + 1) for m in _instruction_regex(pattern).finditer(text)]  # (after the break)
    if prompt:
        # '请…填写…' opening a line or a cell: looked for only where a 请 stands
        regex = _instruction_regex(prompt)
        for at in scan.places_of(text, "请", context.report.places):
            before = at - 1
            while before >= 0 and text[before] in " \t":
                before -= 1
            if before >= 0 and text[before] not in "\n|":
                continue
            match = regex.match(text, at)
            if match is not None:
                matches.append((match, at))
    matches.sort(key=lambda pair: pair[1])
    return [
        context.finding(
            "template.form_instruction",
            WARNING,
            f"表格模板的填写说明“{match.group(0).strip()}”没有删去",
            start,
            match.end(),
            found=match.group(0).strip(),
        )
        for match, start in matches
    ]


# ---------------------------------------------------------------------------------------------
# A word in brackets written again right after them: “西部(重庆)重庆科学城”


@rule("name.bracket_repeat", "括号里的词紧接着括号又写了一遍（“西部(重庆)重庆科学城”），名称多了字")
def check_bracket_repeats(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    for closer, opener in ((")", "("), ("）", "（")):
        for at in scan.places_of(text, closer, context.report.places):
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
    findings.sort(key=lambda f: f.location.start)
    return findings


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# ---------------------------------------------------------------------------------------------
# Marks missing between two sentences or two fields


_CONTACT_RUN_ON = re.compile(r"(?:负责人|联系人)(?:为|是|[:：])([\u4e00-\u9fff]{2,3})$")


@rule(
    "punct.missing_stop",
    "两句或两项之间缺标点：右括号后直接开始新句（“…尾款)我省随…”），人名后直接接“联系电话”",
)
def check_missing_stops(context: CheckContext) -> list[Finding]:
    text = context.report.text
    places = context.report.places
    findings = []
    subjects = tuple(context.data.wording.get("sentence_subjects") or ())
    for closer in (")", "）") if subjects else ():
        for at in scan.places_of(text, closer, places):
            if text.startswith(subjects, at + 1):
                subject = next(s for s in subjects if text.startswith(s, at + 1))
                head = max(0, at - 5)
                end = at + 1 + len(subject)
                findings.append(
                    context.finding(
                        "punct.missing_stop",
                        WARNING,
                        f"括号后另起一句“{text[at + 1 : end + 3]}…”，中间缺句号：“{text[head:end]}”",
                        head,
                        end,
                        expected=f"{closer}。{subject}",
                        found=f"{closer}{subject}",
                    )
                )
    for at in word_starts(text, "电话", places):  # (the word cannot overlap itself)
        field = "联系电话" if text.startswith("联系电话", at - 2) else "电话"
        field_start = at - 2 if field == "联系电话" else at
        match = _CONTACT_RUN_ON.search(text, max(0, field_start - 8), field_start)
        if match is not None and (
            field != "电话" or text[at + 2 : at + 3] in (":", "：") or text[at + 2 : at + 3].isdigit()
        ):
            name = match.group(1)
            findings.append(
                context.finding(
                    "punct.missing_stop",
                    WARNING,
                    f"人名“{name}”与下一项“{field}”之间缺逗号",
                    match.start(1),
                    field_start + len(field),
                    expected=f"{name},",
                    found=text[match.start(1) : field_start + len(field)],
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


# ---------------------------------------------------------------------------------------------
# “内设7个职能科室办公室、表演艺术部、……”: the names follow the count without a colon

_CN_SMALL = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_COUNT_BEFORE_NAMES = re.compile(r"(\d{1,2}|[两二三四五六七八九十])个(?=[\u4e00-\u9fff])")
_CLAUSE_END = re.compile(r"[,，。;；:：(（)）\n]")
_ALL_CJK = re.compile(r"[\u4e00-\u9fff]{2,16}")
_NOT_A_NAME = words("rules_slips.not_a_name")
# names of units and places end so (with ``org_suffixes`` of wording.yaml): 办公室、表演艺术部、某某村
_PLACE_SUFFIXES = words("rules_slips.place_suffixes")


def _counts(text: str, places: scan.CharIndex | None = None):
    """“7个” before a word, found from the literal 个 (its places in the text's CharIndex: a class
    at a pattern's start scans slowly)."""
    for at in scan.places_of(text, "个", places):
        match = _COUNT_BEFORE_NAMES.match(text, at - 2 if at >= 2 and text[at - 2].isdigit() else at - 1)
        if at >= 1 and match is not None:
            yield match


@rule("punct.list_colon", "数量后直接接名单（“内设7个职能科室办公室、表演艺术部……”），中间缺冒号")
def check_list_colons(context: CheckContext) -> list[Finding]:
    """A count of N followed, in the same clause, by exactly N names joined by '、' with no colon:
    the first name is glued to the counted noun."""
    text = context.report.text
    findings = []
    suffixes = tuple(context.data.wording.get("org_suffixes") or ()) + _PLACE_SUFFIXES
    for match in _counts(text, context.report.places) if "、" in text else ():
        digits = match.group(1)
        count = int(digits) if digits.isdigit() else _CN_SMALL[digits]
        if count < 3 or text.count("、", match.end(), match.end() + 20 * count) < count - 1:
            continue
        stop = _CLAUSE_END.search(text, match.end())
        end = stop.start() if stop else len(text)
        items = text[match.end() : end].split("、")
        if len(items) != count or not all(_ALL_CJK.fullmatch(item) for item in items):
            continue
        if any(word in items[0] for word in _NOT_A_NAME) or items[-1].endswith("等"):
            continue
        if not all(item.endswith(suffixes) for item in items):
            continue  # “3个村开展培训、宣传、检查”: not names of units or places
        first = items[0]
        findings.append(
            context.finding(
                "punct.list_colon",
                WARNING,
                f"“{match.group(0)}{first}、…”后面正好列了{count}个名称，数量与名单之间缺冒号"
                f"（名单的第一个名称和“{match.group(0)}…”连在了一起）",
                match.start(),
                match.end() + len(first),
                found=f"{match.group(0)}{first}",
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# Staff on a kind of post above that kind's quota

_QUOTA = re.compile(r"(行政|事业|参公|工勤)编制(?:数|为|是|共|核定)?\s*(\d+)\s*[个名人]")
_ACTUAL = re.compile(
    r"实有(?:在职|在编)?(行政|事业|参公|工勤)(?:编制)?(?:人员|人数)?(?:为|是)?\s*(\d+)\s*[个名人]"
)


@rule("staff.over_quota", "同一段里“实有行政编制人员N人”多于“行政编制M个”（同一类编制），且没有说明超编")
def check_staff_over_quota(context: CheckContext) -> list[Finding]:
    text = context.report.text
    places = context.report.places
    if not has_word(text, "实有", places) or not has_word(text, "编制", places):
        return []
    findings = []
    for paragraph in context.report.paragraphs:
        body = paragraph.text
        if "实有" not in body or "编制" not in body or "超编" in body:
            continue
        quotas: dict[str, list[int]] = {}
        for match in _QUOTA.finditer(body):
            if "实有" not in body[max(0, match.start() - 6) : match.start()]:
                quotas.setdefault(match.group(1), []).append(int(match.group(2)))
        for match in _ACTUAL.finditer(body):
            kind, actual = match.group(1), int(match.group(2))
            quota = quotas.get(kind)
            if quota is None or len(quota) != 1 or actual <= quota[0]:
                continue
            findings.append(
                context.finding(
                    "staff.over_quota",
                    WARNING,
                    f"“{match.group(0)}”多于{kind}编制{quota[0]}个（多{actual - quota[0]}人），"
                    "同一段没有说明超编；请核对人数或编制数",
                    paragraph.start + match.start(),
                    paragraph.start + match.end(),
                    expected=f"不超过{quota[0]}",
                    found=str(actual),
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# A list of names that ends a paragraph with no full stop, right before a heading


@rule("punct.list_end", "段末的名单（“A、B、C”）没有句号就接下一个标题")
def check_list_ends(context: CheckContext) -> list[Finding]:
    """A prose paragraph (it has sentences) whose last clause is a list of three or more names
    joined by '、' and ends on a character, followed by a heading: the full stop is missing. Other
    paragraph ends without a stop are left to ``punct.paragraph_end`` (information only)."""
    report = context.report
    heading_starts = set(report._heading_starts)
    findings = []
    paragraphs = report.paragraphs
    for paragraph, following in itertools.pairwise(paragraphs):
        body = paragraph.text.rstrip()
        if len(body) < 40 or not _is_cjk(body[-1]) or following.start not in heading_starts:
            continue
        if (
            paragraph.start in heading_starts
            or "|" in body
            or ("。" not in body and ";" not in body and "；" not in body)
        ):
            continue
        last = max(
            body.rfind("。"),
            body.rfind(";"),
            body.rfind("；"),
            body.rfind(","),
            body.rfind("，"),
            body.rfind(":"),
            body.rfind("："),
        )
        clause = body[last + 1 :]
        if clause.count("、") < 2:
            continue
        end = paragraph.start + len(body)
        findings.append(
            context.finding(
                "punct.list_end",
                WARNING,
                f"段末的名单“…{body[-12:]}”没有句号，紧接着是标题“{following.text[:12]}”",
                max(paragraph.start, end - 24),
                end,
                expected=f"{body[-6:]}。",
                found=body[-6:],
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A list of names joined by 、 whose last member is joined by a comma

_NUMERALS = frozenset("一二三四五六七八九十")
_NOT_A_LIST_END = frozenset("级到待候于同额值次量比号第")  # '，等级为优', '，等到…': no 等 of a list
_COMMA_MEMBER = re.compile(r"[,，]([\u4e00-\u9fff]{2,12}?)等")
_LIST_MEMBERS = re.compile(r"[\u4e00-\u9fff]{2,12}(?:、[\u4e00-\u9fff]{2,12}){2,}$")
_LAST_MEMBER = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _list_before(text: str, low: int, end: int) -> re.Match | None:
    """``_LIST_MEMBERS.search(text, low, end)``, searched only when the name after the last '、'
    before ``end`` is one: a match ends at ``end`` (or before a line break there, where '$' matches
    too) with that name (the backtracking search over the 80 characters costs far more)."""
    last = end - 1 if text[end - 1 : end] == "\n" else end  # (a name ends on a character, no '\n')
    mark = text.rfind("、", low, last)
    if mark < 0 or _LAST_MEMBER.fullmatch(text, mark + 1, last) is None:
        return None
    return _LIST_MEMBERS.search(text, low, end)


_LIST_INTRODUCERS = words("rules_slips.list_introducers")


def _one_object(names: list[str], last: str) -> bool:
    """The list is the object of a word that introduces a list of things ('资金用于A、B、C，D等':
    the regex reads '资金用于A' as the first name), and the name after the comma is about as short
    as the others, with none of a clause's words: it is one more member, not a new clause."""
    first = names[0]
    return (
        any(word in first[:-2] for word in _LIST_INTRODUCERS)
        and len(last) <= max(len(name) for name in names[1:]) + 2
        and _CLAUSE_CHARS.isdisjoint(last)
    )


@rule(
    "punct.list_comma",
    "顿号并列的名单中最后一项前用了逗号（“残疾人康复、残疾人无障碍改造,残疾人阳光家园等”），或“等”前多了顿号",
)
def check_list_commas(context: CheckContext) -> list[Finding]:
    """Three or more names joined by '、', then a comma and one more name of the same kind before
    等: the comma should be a '、'. Of the same kind: the last name opens with the same two
    characters as one of the others (残疾人…), which a new clause after a comma does not."""
    text = context.report.text
    findings = []
    rfind = text.rfind
    # (fewer than the commas: each looks back for its comma)
    for etc in scan.places_of(text, "等", context.report.places):
        if not etc:
            continue  # (no comma before it)
        if text[etc - 1] == "、" and etc >= 2:
            # '路面修补、边沟清理、等工作': 等 follows the last name, with no mark between ('三、等级评定':
            # a heading's number)
            if (
                _is_cjk(text[etc - 2])
                and text[etc - 2] not in _NUMERALS
                and text[etc + 1 : etc + 2] not in _NOT_A_LIST_END
            ):
                findings.append(
                    context.finding(
                        "punct.list_comma",
                        WARNING,
                        f"“{text[max(0, etc - 8) : etc + 1]}”中“等”前多了顿号：“等”紧接在最后一项后面",
                        etc - 1,
                        etc + 1,
                        expected="等",
                        found="、等",
                    )
                )
            continue
        if text[etc - 1] in ",，" and text[etc + 1 : etc + 2] not in _NOT_A_LIST_END:
            listed = _list_before(text, max(0, etc - 81), etc - 1)
            if listed is not None:  # '财务科、业务科、办公室,等科室': 等 follows the last name at once
                findings.append(
                    context.finding(
                        "punct.list_comma",
                        WARNING,
                        f"名单的末项“{listed.group(0).split('、')[-1]}”与其后的“等”之间多了逗号",
                        etc - 1,
                        etc + 1,
                        expected="等",
                        found=text[etc - 1 : etc + 1],
                    )
                )
            continue
        low = etc - 13 if etc > 13 else 0
        comma = rfind(",", low, etc)
        comma = max(comma, rfind("，", comma + 1 if comma >= 0 else low, etc))
        if etc - comma < 3 or comma < 0:
            continue  # (two names' characters at least stand between the comma and 等)
        member = _COMMA_MEMBER.match(text, comma)
        if member is None or member.end() != etc + 1:
            continue
        if text.count("、", max(0, comma - 80), comma) < 2:
            continue  # (no list of three before the comma: the regex's search is not tried)
        listed = _list_before(text, max(0, comma - 80), comma)
        if listed is None:
            continue
        names = listed.group(0).split("、")
        head = member.group(1)[:2]
        if not any(name.startswith(head) for name in names[1:]) and not _one_object(names, member.group(1)):
            continue
        findings.append(
            context.finding(
                "punct.list_comma",
                WARNING,
                f"顿号并列的名单中“{names[-1]}”与“{member.group(1)}”之间用了逗号，应为顿号",
                comma - len(names[-1]),
                member.end(1),
                expected="、",
                found=text[comma],
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# Items numbered in a line, one of which lacks the stop the others end with

_INLINE_ITEM = re.compile(r"[(（](\d{1,2})[)）]")


@rule("punct.item_end", "一行里连续编号的各条（“(1)…。(2)…(3)…。”）都以句号结束，只有一条没有")
def check_item_ends(context: CheckContext) -> list[Finding]:
    """Numbered items (1) (2) (3)… written one after another in a line: when every item but
    one ends with a full stop or semicolon before the next number, the one that ends on a
    character lacks its stop."""
    findings = []
    report = context.report
    for index in _paragraphs_holding(report, "(（", 3):
        paragraph = report.paragraphs[index]
        offset = 0
        for cell in paragraph.text.split("|"):  # (a table's cells one by one)
            findings.extend(_item_without_stop(context, cell, paragraph.start + offset))
            offset += len(cell) + 1
    findings.extend(_items_run_together(context))
    return findings


_DOTTED_ITEM = re.compile(r"(?<![\d.])(\d{1,2})[.．](?=[\u4e00-\u9fff])")


def _paragraphs_holding(report, chars: str, least: int) -> list[int]:
    """The indices of the paragraphs that hold at least ``least`` of the characters ``chars`` (none
    of them a space), in order: found from their places in the text's CharIndex, each in the
    paragraph that starts before it (a paragraph is a stripped line)."""
    index_of = report.paragraph_index
    found = []
    previous = count = -1
    for at in scan.places_of(report.text, chars, report.places):  # (in order: by paragraph)
        index = index_of(at)
        count = count + 1 if index == previous else 1
        previous = index
        if count == least and index >= 0:
            found.append(index)
    return found


def _items_run_together(context: CheckContext) -> list[Finding]:
    """Items 1. 2. 3. … in a line with no mark at all between them ('…幸福指数2.确保代发系统…速度
    3.加快…'): every item but the last ends on a character. Reported once, at the first join."""
    report = context.report
    text = report.text
    findings = []
    # the paragraphs that hold '2.' or '2．', found from the places of the marks
    marks = scan.places_of(text, ".．", report.places)
    twos = [at for at in marks if at and text[at - 1] == "2"]
    for index in sorted({report.paragraph_index(at) for at in twos}):
        paragraph = report.paragraphs[index]
        line = paragraph.text
        # a run of three items holds three marks after a digit and before a CJK character: the
        # paragraph's marks are looked at before its text is scanned
        low = bisect_left(marks, paragraph.start)
        items = [
            at
            for at in marks[low : bisect_left(marks, paragraph.end, low)]
            if "\u4e00" <= text[at + 1 : at + 2] <= "\u9fff" and text[at - 1].isdecimal()
        ]
        if len(items) < 3:
            continue
        for run in _numbered_runs(list(_DOTTED_ITEM.finditer(line))):
            if len(run) < 3 or run[0].group(1) != "1":
                continue
            if not all("\u4e00" <= line[m.start() - 1] <= "\u9fff" for m in run[1:]):
                continue
            join = paragraph.start + run[1].start()
            findings.append(
                context.finding(
                    "punct.item_end",
                    WARNING,
                    f"编号的各条连在一起，条与条之间没有标点：“…{text[max(paragraph.start, join - 8) : join + 6]}…”",
                    max(paragraph.start, join - 8),
                    join + 2,
                    expected=f"{text[join - 1]}；{run[1].group(1)}.",
                )
            )
    return findings


def _numbered_runs(markers: list[re.Match]) -> list[list[re.Match]]:
    """The markers split into runs numbered one after another ((1)(2)(3), then (1)(2) …)."""
    runs: list[list[re.Match]] = []
    for marker in markers:
        if runs and int(marker.group(1)) == int(runs[-1][-1].group(1)) + 1:
            runs[-1].append(marker)
        else:
            runs.append([marker])
    return runs


def _item_without_stop(context: CheckContext, body: str, start: int) -> list[Finding]:
    """The findings of ``punct.item_end`` in one line or table cell ``body`` starting at ``start``."""
    text = context.report.text
    findings = []
    for run in _numbered_runs(list(_INLINE_ITEM.finditer(body))):
        if len(run) < 3:
            continue
        ends = [body[: m.start()].rstrip()[-1:] for m in run[1:]]  # how each item but the last ends
        bare = [i for i, end in enumerate(ends) if "\u4e00" <= end <= "\u9fff"]
        if len(bare) != 1 or sum(1 for end in ends if end in "。;；") < 2:
            continue
        marker = run[bare[0] + 1]
        end = start + len(body[: marker.start()].rstrip())
        findings.append(
            context.finding(
                "punct.item_end",
                WARNING,
                f"第({marker.group(1)})条前的一条“…{text[max(start, end - 10) : end]}”没有句号，"
                "同一行其他各条都以句号结束",
                max(start, end - 10),
                end,
                expected=f"{text[end - 1]}。",
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# Two counts of things of one kind run together: '1个巡察办3个巡察组'

_COUNT_PAIR = re.compile(r"(\d+)个([\u4e00-\u9fff]{2,8}?)(\d+)个([\u4e00-\u9fff]{2,8})")


_CLAUSE_CHARS = frozenset(words("rules_slips.clause_chars"))


def _of_one_kind(first: str, second: str) -> bool:
    """Names of things of one kind: the same first two characters (巡察办, 巡察组) or the second
    ending in the first (预算项目, 追加预算项目); 乡镇 and 村庄 (one inside the other) are not."""
    return first[:2] == second[:2] or second.endswith(first[-2:]) or first.endswith(second[-2:])


@rule("punct.count_pause", "两个并列的数量连在一起，中间缺顿号（“1个巡察办3个巡察组”）")
def check_count_pauses(context: CheckContext) -> list[Finding]:
    """'N个A M个B' with no mark between, where A and B are things of one kind: a 、 is missing.
    Nested counts ('7个乡镇58个村庄': the villages are in the towns) name things of two kinds."""
    text = context.report.text
    findings = []
    for at in scan.places_of(text, "个", context.report.places):
        start = at
        while start and "0" <= text[start - 1] <= "9":
            start -= 1
        if start == at or text[start - 1 : start] == ".":
            continue  # no count before this 个, or the tail of a decimal
        match = _COUNT_PAIR.match(text, start)
        if match is None:
            continue
        first, second = match.group(2), match.group(4)
        if not _CLAUSE_CHARS.isdisjoint(first) or not _of_one_kind(first, second):
            continue  # '5个项目中选出4个项目': a clause between the counts, not a name
        findings.append(
            context.finding(
                "punct.count_pause",
                WARNING,
                f"两个并列的数量连在一起：“{match.group(0)}”，中间缺顿号"
                f"（应为“{match.group(1)}个{first}、{match.group(3)}个{second}”）",
                match.start(),
                match.end(),
                expected=f"{first}、",
                found=f"{first}{match.group(3)}",
            )
        )
    return findings


RULES = (
    check_count_pauses,
    check_list_ends,
    check_item_ends,
    check_list_commas,
    check_staff_over_quota,
    check_list_colons,
    check_missing_stops,
    check_score_item_colons,
    check_bracket_repeats,
    check_doubled_marks,
    check_bracket_number_mark,
    check_bare_numbers,
    check_empty_headings,
    check_form_instructions,
)
