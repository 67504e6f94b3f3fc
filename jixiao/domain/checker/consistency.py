"""Consistency between the parts of a report, read from its text (warnings only).

jixiao's own reports pass a stricter consistency pass on the composed document before they are
exported (``jixiao.domain.report.consistency``). An outside report is only text, and its author may
have reasons the text does not show, so what can be read from the text is reported as a warning:

- a row of the score table that lost points, whose indicator the problems section never names;
- a spending request the text says was refused by the budget control (it moved no money: the
  control worked), while the problems section calls it 串用/挪用 or a deduction rests on it;
- a 督查 finding the text says is not yet rectified, absent from the problems section;
- measures listed while the problems section lists no problem;
- a chart (图N) the text never cites;
- a sentence printed twice in the body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, major_section_span, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.rules_compare import first_match_in, matches_in
from jixiao.domain.checker.vocabulary import words

PROBLEM_TITLES = words("consistency.problem_titles")
MEASURE_TITLES = words("consistency.measure_titles")
_SCORE_HEADERS = ("自评得分", "得分")
_NAME_HEADERS = words("consistency.name_headers")
_REFUSED = re.compile(r"被(?:预算控制|系统)?(?:拒绝|退回)[^。\n]{0,12}未形成支出")
_MISUSE = words("consistency.misuse")
_OPEN_INSPECTION = re.compile(r"督查[^。\n]{0,60}?(?:尚未(?:整改|销号)|未整改|未销号|整改中)")
_FIGURE_CAPTION = re.compile(r"^图(\d{1,2})\s")
MIN_SENTENCE_CHARS = 20


@lru_cache(maxsize=8)
def _titles_regex(titles: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(title) for title in titles) or "(?!)")


def _section_spans(context: CheckContext, titles: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every section whose heading names one of ``titles``, up to the next
    heading of the same or a higher rank (found once per document: several rules ask)."""
    key = ("section_spans", titles)
    spans = context.memo.get(key)
    if spans is None:
        spans = context.memo[key] = _find_section_spans(context, titles)
    return spans


def _find_section_spans(context: CheckContext, titles: tuple[str, ...]) -> list[tuple[int, int]]:
    headings = context.report.headings
    named = _titles_regex(titles).search
    spans = []
    for index, heading in enumerate(headings):
        if named(heading.title) is None:
            continue
        end = len(context.report.text)
        for later in headings[index + 1 :]:
            if later.rank <= heading.rank and later.number is not None:
                end = later.start
                break
        spans.append((heading.end, end))
    return spans


def _section_text(context: CheckContext, titles: tuple[str, ...]) -> str:
    text = context.report.text
    return "\n".join(text[a:b] for a, b in _section_spans(context, titles))


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None


class ScoreRow(NamedTuple):
    name: str
    points: Decimal
    score: Decimal
    row: object  # parse.TableRow
    reason: str  # the row's 扣分原因 / 偏差原因 cell, "" when the table has none


def _score_rows(context: CheckContext) -> list[ScoreRow]:
    """Every row of a score table in the text: a table whose header row names 分值 and 得分
    (自评得分); total rows (合计, 总分) left out."""
    rows = context.report.table_rows
    found = []
    index = 0
    while index < len(rows):
        header = [cell.text.strip() for cell in rows[index].cells]
        points_at = next((i for i, t in enumerate(header) if t == "分值"), None)
        score_at = next((i for i, t in enumerate(header) if t in _SCORE_HEADERS), None)
        name_at = next((i for i, t in enumerate(header) if t in _NAME_HEADERS), None)
        reason_at = next((i for i, t in enumerate(header) if "原因" in t or "说明" in t), None)
        index += 1
        if points_at is None or score_at is None or name_at is None:
            continue
        while index < len(rows) and len(rows[index].cells) == len(header):
            cells = [cell.text.strip() for cell in rows[index].cells]
            points, score = _number(cells[points_at]), _number(cells[score_at])
            name = cells[name_at]
            if points is not None and score is not None and name and not _total_row(cells[0] or name):
                reason = cells[reason_at] if reason_at is not None else ""
                found.append(ScoreRow(name, points, score, rows[index], reason))
            index += 1
    return found


_TOTAL_ROWS = words("consistency.total_rows")
_CATEGORY = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])"
)


def _total_row(name: str) -> bool:
    return any(word in name for word in _TOTAL_ROWS)


@rule("consistency.deduction_unexplained", "评分表中扣分的指标是否在“存在的问题”中说明")
def check_deductions_explained(context: CheckContext) -> list[Finding]:
    """A deducted indicator is explained by its own 扣分原因 / 偏差原因 cell, by the problems
    section naming it (four characters of a longer name are enough: '开学前完工率' in '未能在开学前
    完工'), or by a sentence outside the table that names it with its 扣分. Rows of a category
    ('一、决策') are explained through their indicators."""
    problems = _section_text(context, PROBLEM_TITLES)
    if not problems.strip():
        return []
    text = context.report.text
    findings = []
    for item in _score_rows(context):
        if item.score >= item.points or item.reason.strip("-—/ 无"):
            continue
        if _CATEGORY.match(item.name):
            continue  # '一、决策': a category, whose indicators carry the explanation
        bare = _NUMBERING.sub("", item.name.strip('“”"')).strip()
        if not bare.strip("—-/ ") or any(_total_row(cell.text) for cell in item.row.cells[:2]):
            continue  # a placeholder name ('| 合计 | — | — |'): the table's total row
        if _named_in(bare, problems) or _deducted_in_prose(text, bare, item.row):
            continue
        if _group_named_in(item, problems) or _hinted_in(bare, problems):
            continue
        findings.append(
            context.finding(
                "consistency.deduction_unexplained",
                WARNING,
                f"评分表中“{bare}”扣{item.points - item.score:f}分，但“存在的问题”部分没有提到该指标",
                item.row.start,
                item.row.end,
                expected="扣分原因列入存在的问题",
            )
        )
    return findings


_GENERIC_GROUPS = frozenset(words("consistency.generic_groups"))
# '及时=进度|滞后|延期': an indicator whose name holds the word is explained by a problem that
# names one of the others ('完工及时率' by '部分工程进度滞后')
_DEDUCTION_HINTS = tuple(
    (key, tuple(others.split("|")))
    for key, others in (hint.split("=", 1) for hint in words("consistency.deduction_hints"))
)


def _group_named_in(item: ScoreRow, problems: str) -> bool:
    """The indicator's group (the cells before its name: '可持续影响') is named in the problems
    ('可持续影响指标缺少量化值'); the groups every form has (产出指标, 数量指标 …) tell nothing."""
    for cell in item.row.cells:
        name = cell.text.strip()
        if name == item.name:
            return False
        core = name.removesuffix("指标")
        if len(core) >= 3 and core not in _GENERIC_GROUPS and core in problems:
            return True
    return False


def _hinted_in(name: str, problems: str) -> bool:
    return any(key in name and any(other in problems for other in others) for key, others in _DEDUCTION_HINTS)


def _named_in(name: str, text: str) -> bool:
    if len(name) <= 4:
        return name in text
    return any(name[i : i + 4] in text for i in range(len(name) - 3))


def _deducted_in_prose(text: str, name: str, row) -> bool:
    """'2所学校开学后才完工，开学前完工率扣2分。' after the table."""
    at = text.find(name)
    while at >= 0:
        if not row.start <= at < row.end and text[at - 1 : at] != "|":
            end = text.find("。", at)
            start = text.rfind("。", 0, at) + 1
            if "扣" in text[start : end if end >= 0 else len(text)]:
                return True
        at = text.find(name, at + 1)
    return False


@rule("consistency.refusal_as_misuse", "被预算控制拒绝的申请是否又被当作串用、挪用问题")
def check_refusal_as_misuse(context: CheckContext) -> list[Finding]:
    text = context.report.text
    refused = first_match_in(_REFUSED, text, context.report.places)  # (tried at each 被 only, in a long text)
    if refused is None:
        return []
    problems = _section_text(context, PROBLEM_TITLES)
    findings = []
    named = [word for word in _MISUSE if word in problems]
    if named:
        findings.append(
            context.finding(
                "consistency.refusal_as_misuse",
                WARNING,
                f"报告说明有支出申请被预算控制拒绝、未形成支出（控制有效），“存在的问题”却写有“{named[0]}”",
                refused.start(),
                refused.end(),
                expected="被拒绝的申请说明控制有效，不是串用或挪用",
            )
        )
    for name, points, score, row, _reason in _score_rows(context):
        line = text[row.start : row.end]
        if score < points and "拒绝" in line and any(word in line for word in _MISUSE):
            findings.append(
                context.finding(
                    "consistency.refusal_as_misuse",
                    WARNING,
                    f"评分表“{name}”因被拒绝的支出申请扣分：被拒绝的申请未形成支出，不属于截留、挤占、挪用",
                    row.start,
                    row.end,
                )
            )
    return findings


@rule("consistency.open_inspection", "尚未整改的督查问题是否列入“存在的问题”")
def check_open_inspections(context: CheckContext) -> list[Finding]:
    text = context.report.text
    spans = _section_spans(context, PROBLEM_TITLES)
    if not spans:
        return []
    problems = "\n".join(text[a:b] for a, b in spans)
    if "督查" in problems or "整改" in problems:
        return []
    for match in matches_in(_OPEN_INSPECTION, text, context.report.places):  # (at each 督, in a long text)
        if any(a <= match.start() < b for a, b in spans):
            continue
        return [
            context.finding(
                "consistency.open_inspection",
                WARNING,
                "报告提到督查发现的问题尚未整改，但“存在的问题”部分没有列出",
                match.start(),
                match.end(),
            )
        ]
    return []


_NUMBERED = re.compile(r"(?m)^(?:\d{1,2}[.、]|\(\d{1,2}\)|[一二三四五六七八九十]是)")


_SENTENCE_END = re.compile(r"[。；;！!\n]")
_NONE_STATED = re.compile(r"^(?:无|暂无|没有|未发现|不存在|均无|尚无)")


def _states_a_problem(sentence: str) -> bool:
    """A sentence of some length that is not “无” / “暂无问题” / “未发现问题”."""
    sentence = sentence.strip(" \t:：,，")
    return len(sentence) >= 4 and _NONE_STATED.match(sentence) is None


@rule("consistency.measures_without_problems", "列出了改进措施而“存在的问题”没有列出问题")
def check_measures_need_problems(context: CheckContext) -> list[Finding]:
    problem_spans = _section_spans(context, PROBLEM_TITLES)
    measure_spans = _section_spans(context, MEASURE_TITLES)
    if not problem_spans or not measure_spans:
        return []
    text = context.report.text
    problems = "\n".join(text[a:b] for a, b in problem_spans)
    measures = "\n".join(text[a:b] for a, b in measure_spans)
    if _NUMBERED.search(problems) or not _NUMBERED.search(measures):
        return []
    if len(problems.strip()) > 80:  # problems written as prose rather than a numbered list
        return []
    if any(_states_a_problem(sentence) for sentence in _SENTENCE_END.split(problems)):
        return []  # “经费不足。” — one problem, unnumbered, is still a problem listed
    start, end = measure_spans[0]
    return [
        context.finding(
            "consistency.measures_without_problems",
            WARNING,
            "“改进措施”列出了措施，但“存在的问题”没有列出措施所针对的问题",
            start,
            min(end, start + 20),
        )
    ]


@rule("consistency.chart_not_cited", "每幅图是否在正文中被引用（见图N）")
def check_charts_cited(context: CheckContext) -> list[Finding]:
    report = context.report
    if "图" not in report.text:
        return []  # no line can be a caption
    captions = []
    body = []
    for paragraph in report.paragraphs:
        match = _FIGURE_CAPTION.match(paragraph.text) if paragraph.text.startswith("图") else None
        if match:
            captions.append((int(match.group(1)), paragraph))
        elif not paragraph.text.startswith("|"):
            body.append(paragraph.text)
    findings = []
    if not captions:
        return findings
    text = "\n".join(body)
    for number, paragraph in captions:
        if not re.search(rf"图{number}(?!\d)", text):
            findings.append(
                context.finding(
                    "consistency.chart_not_cited",
                    WARNING,
                    f"图{number}在正文中没有被引用",
                    paragraph.start,
                    paragraph.end,
                    expected=f"正文写明“见图{number}”",
                )
            )
    return findings


@rule("consistency.repeated_sentence", "正文（表格以外）是否有一字不差重复出现的句子")
def check_repeated_sentences(context: CheckContext) -> list[Finding]:
    """A sentence written twice in one place is a slip of copy and paste. A summary restated
    where its details are given is not: the copies stand under different sections (自评结论 and
    佐证材料), or the later copy goes on with its breakdown (“…下达资金791万元。其中：…”)."""
    report = context.report
    text = report.text
    seen: dict[str, int] = {}
    findings = []
    stops = scan.places_of(text, "。!?", report.places)  # the sentences' ends, found once for the text
    # two sentences alike end alike: when no two stops close the same MIN_SENTENCE_CHARS characters
    # (most texts), no sentence that long is written twice
    tails = [
        text[stop - MIN_SENTENCE_CHARS + 1 : stop + 1] for stop in stops if stop >= MIN_SENTENCE_CHARS - 1
    ]
    if len(set(tails)) == len(tails):
        return findings
    for paragraph in report.paragraphs:
        line = paragraph.text
        if len(line) < MIN_SENTENCE_CHARS or "|" in line:
            continue  # (a shorter line holds no sentence long enough); a table's row: a form copies
            # its 预期目标 into 实际完成情况 word for word
        if line.startswith("图") and _FIGURE_CAPTION.match(line):
            continue  # a figure's caption
        previous = 0
        base = paragraph.start
        low = bisect_left(stops, base)
        for stop in stops[low : bisect_left(stops, paragraph.end, low)]:  # each sentence with its 。!?
            sentence = line[previous : stop - base + 1]
            start, previous = base + previous, stop - base + 1
            stripped = sentence.strip()
            # a sentence is a complete one (a title line repeated as a heading is not)
            if len(stripped) >= MIN_SENTENCE_CHARS and stripped[-1] in "。!?":
                if stripped in seen:
                    position = base + previous  # where the sentence ends
                    first = seen[stripped]
                    if major_section_span(report, first) != major_section_span(report, start):
                        continue  # a summary and the section that details it
                    if report.text.startswith("其中", position, paragraph.end):
                        continue  # restated to give its breakdown
                    findings.append(
                        context.finding(
                            "consistency.repeated_sentence",
                            WARNING,
                            "这句话在正文中一字不差地重复出现",
                            start,
                            start + len(sentence),
                        )
                    )
                else:
                    seen[stripped] = start
    return findings


CONSISTENCY_RULES = (
    check_deductions_explained,
    check_refusal_as_misuse,
    check_open_inspections,
    check_measures_need_problems,
    check_charts_cited,
    check_repeated_sentences,
)
