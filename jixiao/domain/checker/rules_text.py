"""Wording rules: leftover template text, doubled words and clauses, doubled approximations,
the title against the body, malformed dates, one place name written two ways, list numbers
repeated or skipped inside a paragraph, and sentences run together.

Word lists live in ``jixiao/data/checker/wording.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding

# ---------------------------------------------------------------------------------------------
# Leftover template text

# one literal each: a pattern that starts with a literal is scanned many times faster than a class
_PLACEHOLDER_MARKS = tuple(re.compile(mark) for mark in ("x", "X", "×", "ｘ", "Ｘ", "某某"))


@lru_cache(maxsize=4)
def _template_patterns(key: int, phrases: tuple[str, ...], labels: tuple[str, ...], tail: str):
    phrase_regex = re.compile("|".join(re.escape(p) for p in phrases) or "(?!)")
    answer_regex = (
        re.compile(rf"^(?:{'|'.join(re.escape(label) for label in labels)})\s*\|?$") if labels else None
    )
    return phrase_regex, answer_regex, re.compile(tail + r"\s*\|?\s*$")


@rule(
    "template.leftover",
    "模板残留：xx年、××县等占位符，“参考提纲”等提示字样，照抄的填表说明，自评表中空着的得分",
)
def check_template_leftovers(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    wording = context.data.wording
    findings: list[Finding] = []
    placeholders = []
    if any(mark.search(text) for mark in _PLACEHOLDER_MARKS):  # the full patterns are slow to scan
        placeholders = [
            m for m in context.data.placeholder_regex.finditer(text) if not _in_source_line(text, m.start())
        ]
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
    phrase_regex, answer_regex, tail_regex = _template_patterns(
        id(wording),
        tuple(wording.get("template_phrases") or ()),
        tuple(wording.get("answer_labels") or ()),
        wording.get("instruction_tail") or "(?!)",
    )
    for match in phrase_regex.finditer(text):
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
    if answer_regex is not None and "字以内" in text:
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
    return findings


def _in_source_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return text.startswith(("SOURCE:", "TITLE:", "http"), line_start)


def _empty_scores(context: CheckContext) -> list[Finding]:
    """A fund row of the self-evaluation form with a weight but no score."""
    findings = []
    for table in context.tables:
        weight_at, score_at, actual_at = table.column("weight"), table.column("score"), table.column("执行数")
        if weight_at is None or score_at is None or actual_at is None:
            continue
        for row in table.rows:
            weight, score = row.cell(weight_at), row.cell(score_at)
            if weight is None or weight.value is None or score is not None or len(row.cells) <= score_at:
                continue
            if row.cell(actual_at) is None:
                continue
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

_DOUBLE_CHARS = frozenset(("的的", "是是", "在在", "和和", "了了"))
_DOUBLE_CHAR = re.compile(r"的的|是是|在在|和和|了了(?!之)")


def _repeated_clauses(text: str, minimum: int) -> list[tuple[int, int, str]]:
    """Clauses written twice or more in a row ('A;A;A' — A may hold commas). The text is split
    at ';' (str.split, one pass in C) and each piece is compared with the next; a backtracking
    regex over every position is far slower."""
    repeats: list[tuple[int, int, str]] = []
    for separator, stops in ((";", ("。", "\n", ":")),):
        if text.count(separator) < 2:
            continue
        position = 0
        pieces = text.split(separator)
        for index in range(len(pieces) - 1):
            head = pieces[index]
            clause = head[max(head.rfind(stop) for stop in stops) + 1 :]
            following = pieces[index + 1]
            if minimum <= len(clause) <= 60 and following.startswith(clause):
                start = position + len(head) - len(clause)
                rest = following[len(clause) : len(clause) + 1]
                if rest in ("", *stops) and not any(a <= start < b for a, b, _ in repeats):
                    end = start + 2 * len(clause) + 1
                    while text.startswith(separator + clause, end):
                        end += 1 + len(clause)
                    repeats.append((start, end, clause))
            position += len(head) + 1
    return repeats


@lru_cache(maxsize=4)
def _approx_regexes(
    before: tuple[str, ...], after: tuple[str, ...]
) -> tuple[tuple[re.Pattern, ...], re.Pattern]:
    """One literal pattern per 'after' word (多, 余) — a pattern that starts with a literal is
    scanned far faster — and the check of what stands before the number."""
    anchors = tuple(re.compile(re.escape(word)) for word in after)
    head = re.compile(rf"(?:{'|'.join(before)})\d+(?:\.\d+)?(?:万|亿)?$") if before else re.compile("(?!)")
    return anchors, head


@rule("typo.doubled", "叠词叠字（“服务对象对象”）、连续重复的分句、约数词重复（“近400多名”“逾20多万”）")
def check_doubled(context: CheckContext) -> list[Finding]:
    text = context.report.text
    wording = context.data.wording
    allowed = frozenset(wording.get("reduplication_ok") or ())
    findings = []
    source = context.report.source
    for start, end in context.doubled_spans:  # ([\u4e00-\u9fff]{1,2})\1, from one numpy pass
        doubled = text[start:end]
        if len(doubled) == 2:
            # one character twice: only the pairs that are never a word boundary (的的, 是是 …)
            if doubled not in _DOUBLE_CHARS or (doubled == "了了" and text.startswith("之", end)):
                continue
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
        if doubled in allowed or word[0] == word[1]:
            continue
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
    repeats = _repeated_clauses(text, int(wording.get("repeated_clause_min") or 6))
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
    anchors, head = _approx_regexes(
        tuple(wording.get("approx_before") or ()), tuple(wording.get("approx_after") or ())
    )
    hits = []
    for anchor in anchors:
        for word in anchor.finditer(text):
            if not word.start() or text[word.start() - 1] not in "0123456789万亿":
                continue
            number = head.search(text, max(0, word.start() - 16), word.start())
            if number is not None:
                hits.append(_Hit(number.start(), word.end(), text[number.start() : word.end()]))
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


@lru_cache(maxsize=4)
def _evaluation_patterns(key: int, spec_items: tuple):
    spec = dict(spec_items)
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
    items = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in spec.items())
    patterns, self_checked, agency_checked = _evaluation_patterns(id(spec), items)
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

    self_mark = agency_mark = None
    if "中介机构" in text:
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


def _sentence_of(text: str, position: int) -> str:
    start = max(text.rfind(ch, 0, position) for ch in "。\n") + 1
    ends = [e for e in (text.find(ch, position) for ch in "。\n") if e >= 0]
    return text[start : min(ends) if ends else len(text)]


# ---------------------------------------------------------------------------------------------
# Dates written without 年/月

_DATE_FIELD = re.compile(r"[期间][:：]\s*((?:19|20)\d{2})(\d{1,2})(\d{2})?(?![\d年.\-/])")
_YEAR_NO_NIAN = tuple(
    re.compile(
        rf"({century}\d{{2}})(?=[\u4e00-\u9fff])(?![年届版期号级件个人次份元名家所项条台套户篇批座辆万亿千百米吨亩余多])"
    )
    for century in ("20", "19")
)
_NOT_BEFORE_YEAR = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz〔【[(（.-/:#_—~～"
)


@rule("date.malformed", "日期缺“年”“月”：“填报日期:202511”“对2023转移支付资金”")
def check_malformed_dates(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    for match in _DATE_FIELD.finditer(text) if ("日期" in text or "时间" in text) else ():
        if not text.startswith(("日期", "时间"), match.start() - 1):
            continue
        year, month = match.group(1), int(match.group(2))
        if not 1 <= month <= 12:
            continue
        findings.append(
            context.finding(
                "date.malformed",
                WARNING,
                f"日期写法不完整：“{match.group(0)}”缺少“年”“月”",
                match.start(1),
                match.end(),
                expected=f"{year}年{month}月",
                found=match.group(0),
            )
        )
    for match in (m for regex in _YEAR_NO_NIAN for m in regex.finditer(text)):
        year = int(match.group(1))
        if match.start() and text[match.start() - 1] in _NOT_BEFORE_YEAR:
            continue
        if not 1990 <= year <= 2040 or _in_source_line(text, match.start()):
            continue
        findings.append(
            context.finding(
                "date.malformed",
                WARNING,
                f"年份后缺“年”字：“{match.group(1)}{text[match.end() : match.end() + 4]}”",
                match.start(),
                match.end() + 1,
                expected=f"{match.group(1)}年",
                found=match.group(1),
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# One place or body named two ways

_PLACE = tuple(re.compile(rf"{suffix}(?=[\u4e00-\u9fff\d,、;。:(（])") for suffix in ("县", "区"))
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
    places = [
        _Place(text[m.start() - 2 : m.end()], m.start() - 2, m.end())
        for regex in _PLACE
        for m in regex.finditer(text)
        if m.start() >= 2
        and "\u4e00" <= text[m.start() - 2] <= "\u9fff"
        and "\u4e00" <= text[m.start() - 1] <= "\u9fff"
        and text[m.start() - 2] not in _NOT_STEM
        and text[m.start() - 1] not in _NOT_STEM
    ]
    places.sort(key=lambda place: place.start)
    counts = Counter(m.name for m in places)
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
    orgs: Counter = Counter()
    for match in _ORG.finditer(text):
        head = _CJK_RUN_BACK.search(text, max(0, match.start() - 12), match.start())
        if head is not None:
            orgs[head.group(0) + match.group(0)] += 1
    for name in orgs:
        short = name[1:]
        if len(short) < 6:
            continue
        for match in re.finditer(re.escape(short), text):
            if match.start() and text[match.start() - 1] == name[0]:
                continue
            if match.start() and "\u4e00" <= text[match.start() - 1] <= "\u9fff":
                continue
            findings.append(
                context.finding(
                    "name.variant",
                    WARNING,
                    f"单位名称漏字：“{short}”，文中其他地方写“{name}”",
                    match.start(),
                    match.end(),
                    expected=name,
                    found=short,
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# List numbers inside one paragraph

_INLINE_NUMBER = re.compile(r"[。;:；：\n] *(\d{1,2})[.、](?!\d)")
_LIST_OPENERS = frozenset("。;:；：\n")


@rule("list.numbering", "段落内的列举编号（1. 2. 3.）重复或跳号")
def check_inline_numbering(context: CheckContext) -> list[Finding]:
    """Numbers that open a clause ('…。4.对受理的…') are read in order within each paragraph; the
    same number twice in a row, or one skipped, is reported. A list starting again at 1 is not."""
    findings = []
    report = context.report
    text = report.text
    current = None
    previous = None
    matches = list(_INLINE_NUMBER.finditer(text))
    first = re.match(r" *(\d{1,2})[.、](?!\d)", text)
    if first:
        matches.insert(0, first)
    for match in matches:
        start = match.start(1)
        paragraph = report.paragraph_at(start)
        if paragraph is None or "|" in paragraph.text:
            continue
        if paragraph is not current:
            current, previous = paragraph, None
        number = int(match.group(1))
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
        previous = number
    return findings


# ---------------------------------------------------------------------------------------------
# Sentences run together

_RUN_ON = tuple(re.compile(rf"{unit}(?=其中|(?:19|20)\d{{2}}年)") for unit in ("元", "%"))


@rule("punct.run_on", "金额后直接接“其中”或下一句（“803.74万元其中”“859.6万元2023年支出”），缺少标点")
def check_run_on(context: CheckContext) -> list[Finding]:
    findings = []
    text = context.report.text
    for match in sorted((m for regex in _RUN_ON for m in regex.finditer(text)), key=lambda m: m.start()):
        before = match.start() - 1
        if before > 0 and text[before] == "万":
            before -= 1
        if before < 0 or text[before] not in "0123456789":
            continue
        findings.append(
            context.finding(
                "punct.run_on",
                WARNING,
                f"“{text[max(0, match.start() - 6) : match.end() + 4]}”中金额后缺少标点",
                max(0, match.start() - 6),
                min(match.end() + 4, len(text)),
                expected=f"{match.group(0)}，",
            )
        )
    return findings


RULES = (
    check_template_leftovers,
    check_doubled,
    check_title_against_body,
    check_malformed_dates,
    check_name_variants,
    check_inline_numbering,
    check_run_on,
)
