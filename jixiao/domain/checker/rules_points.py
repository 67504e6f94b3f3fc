"""Points listed in prose against the total they are said to make: the weights of an indicator
system (“决策类指标20分、过程类指标25分、产出类指标30分、效益类指标20分，满分100分”) or the scores
of its parts (“决策得分18分、过程得分20分…，总得分85分”), written without 其中 (which
``score.parts`` reads).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import ZERO, CheckContext, plain, rule
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.rules import first_mark, has_word, last_mark
from jixiao.domain.checker.tables import category_points
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import round_half_up
from jixiao.domain.scoring import GRADE_WORDS, grade_for

TOTAL_SCORE_LABELS = words("scores.total_labels")

# one item: a name of 2–12 characters, then the points ('产出类指标30分', '效益得分19.5分'); the
# points are found first (a digit is rare), the name is read backwards from them
_POINTS = re.compile(r"\d{1,3}(?:\.\d{1,2})?分(?![值数钟])")
_NAME_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{2,12})$")


class _Item(NamedTuple):
    name: str
    n: str
    begin: int
    finish: int

    def group(self, key: str) -> str:
        return self.name if key == "name" else self.n

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


def _items(text: str, start: int, end: int) -> list[_Item]:
    items = []
    for match in _POINTS.finditer(text, start, end):
        if match.start() and text[match.start() - 1] in "0123456789.":
            continue
        # '投入(20分)、过程(20分)…': the points in a bracket right after the name
        bracketed = (
            match.start() > start and text[match.start() - 1] == "(" and text.startswith(")", match.end())
        )
        name_end = match.start() - 1 if bracketed else match.start()
        name = _NAME_BEFORE.search(text, max(start, name_end - 12), name_end)
        if (
            (name is not None and name.group() == "得")
            or (name is None and text[name_end - 1 : name_end] == "得")
        ) and (items and items[-1].finish == name_end - 1 and text[name_end - 2] == ")"):
            # '决策(15分)得15分': the score given right after the bracketed weight of the same name
            items.append(_Item(items[-1].name + "得", match.group()[:-1], name_end - 1, match.end()))
            continue
        if name is None:
            continue
        label = name.group()
        if len(label) > 2 and label.endswith(("为", "占")):
            label = label[:-1]
        items.append(_Item(label, match.group()[:-1], name.start(), match.end() + bracketed))
    return items


# the total after the list: '，满分100分' / '，合计100分' / '，总得分85分'
_TOTAL = re.compile(
    # ('…满意度指标10分设置权重，满分100分': a short clause of what the list is, then the total)
    r"[,，;；]?\s*(?:[\u4e00-\u9fff]{2,6}[,，]\s*)?(?:[\u4e00-\u9fff]{0,6}?)(?P<word>满分|总分值|总分|合计|共计|总计|共|总得分|综合得分|自评得分|得分合计)"
    r"(?:为|是|:|：)?(?P<n>\d{1,3}(?:\.\d{1,2})?)分"
)
_SEPARATOR = re.compile(r"^\s*[、,，;；]\s*$")
# the total a few words after a bracketed list: '…效益(20分)四个一级指标构成,总分100分'
_TOTAL_NEAR = re.compile(
    r"[^\d。;；\n]{0,16}?(?P<word>满分|总分值|总分|合计)(?:为|是|:|：)?(?P<n>\d{1,3}(?:\.\d{1,2})?)分"
)
_MAXIMUM_WORDS = ("满分", "总分值")
_SCORED_BY = re.compile("自评|评价|综合|考核|得")
_SCORE_WORDS = words("rules_points.score_words")
_TOTAL_WORDS = ("满分", "总分值", "总分", "合计", "共计", "总计", "共", *_SCORE_WORDS)


@rule(
    "score.list_total", "列举的各类指标分值（或得分）之和与随后的“满分/总分/合计”是否相符（不写“其中”的列举）"
)
def check_listed_points(context: CheckContext) -> list[Finding]:
    """Three or more items of points in one run (separated by 、 , ;) followed in the same sentence
    by a total. Weights go with 满分/总分/合计, scores (names with 得分) with 总得分/总分/合计; a
    list of scores is never held against 满分. The sum must equal the total within the rounding
    envelope of the printed points; outside it is an error that states the recomputation."""
    report = context.report
    text = report.text
    marks = scan.places_of(text, "分", report.places)
    if len(marks) < 4:
        return []
    paragraphs = report.paragraphs
    if len(marks) < len(paragraphs):
        # (for speed) the paragraphs that hold four 分, found from the few 分, not by counting in each
        held = Counter(map(report.paragraph_index, marks))
        paragraphs = [paragraphs[index] for index in sorted(held) if held[index] >= 4]
    findings = []
    for paragraph in paragraphs:
        if paragraph.text.count("分") < 4:
            continue
        run: list[_Item] = []
        for match in _items(text, paragraph.start, paragraph.end):
            if run and not (
                _SEPARATOR.match(text[run[-1].end() : match.start()])
                or (run[-1].end() == match.start() and match.group("name") == run[-1].group("name") + "得")
            ):
                findings.extend(_check_run(context, run, paragraph.end))
                run = []
            run.append(match)
        findings.extend(_check_run(context, run, paragraph.end))
    return findings


def _check_run(context: CheckContext, run: list[_Item], limit: int) -> list[Finding]:
    text = context.report.text
    # the run ends where the total begins: '…效益类指标20分，满分100分' reads 满分100分 as an item too
    while run and run[-1].group("name").endswith(_TOTAL_WORDS):
        run = run[:-1]
    if len(run) < 3:
        return []
    total = _TOTAL.match(text, run[-1].end(), limit)
    if total is None and text[run[-1].end() - 1] == ")":
        total = _TOTAL_NEAR.match(text, run[-1].end(), limit)
    if total is None or "。" in total.group(0):
        return []
    word = total.group("word")
    # '自评总分', as written (not the clause before it: '设置权重,满分' is '满分')
    said = re.split(r"[,，]", text[total.start() : total.end("word")].lstrip(",，;； "))[-1].strip()
    if word not in _SCORE_WORDS and _SCORED_BY.search(text, total.start(), total.start("word")):
        word = "总得分"  # '自评总分92.5分', '评价总分': what was scored, not the maximum
    scores = [("得分" in m.group("name") or m.group("name").endswith("得")) for m in run]
    if any(scores) and not all(scores):
        # '产出指标权重40分,得分36分;效益指标权重30分,得分28分;…': weight and score in pairs
        paired = len(run) % 2 == 0 and all(scores[1::2]) and not any(scores[0::2])
        if not paired or len(run) < 6:
            return []  # weights and scores mixed some other way
        run = run[1::2] if word in _SCORE_WORDS else run[0::2]
        scores = [word in _SCORE_WORDS] * len(run)
    if all(scores) and word in _MAXIMUM_WORDS:
        return []  # what was scored is not held against the maximum
    if not all(scores) and word in _SCORE_WORDS:
        return []
    if any(("满分" in m.group("name") or "扣" in m.group("name")) for m in run):
        return []  # '决策满分20分' inside a list of scores, '扣2分' is a deduction
    values = [Decimal(m.group("n")) for m in run]
    stated = Decimal(total.group("n"))
    places = max(-v.as_tuple().exponent for v in (*values, stated))
    envelope = Decimal(5).scaleb(-(places + 1)) * (len(values) + 1) if places else Decimal(0)
    found = sum(values, ZERO)
    if abs(found - stated) <= envelope:
        return []
    listing = "+".join(m.group("n") for m in run)
    return [
        context.finding(
            "score.list_total",
            ERROR,
            f"列举的{len(run)}项{'得分' if all(scores) else '分值'}之和{listing}={plain(found)}分，与所述“{said}”{plain(stated)}分不符，"
            f"相差{plain(abs(found - stated))}分",
            run[0].start(),
            total.end(),
            expected=f"{plain(found)}分",
            found=f"{plain(stated)}分",
        )
    ]


# a total score and the grade stated with it: '得分85分，评价等级为“优”', '自评得分为88.5分，等级为优秀'
# (the label and its verb, then the points: every match is found from the 分 after its number)
_TOTAL_SCORE_HEAD = r"(?P<label>" + "|".join(TOTAL_SCORE_LABELS) + r"|得分)(?:为|是|:|：)?"
_TOTAL_SCORE = re.compile(_TOTAL_SCORE_HEAD + r"(?P<n>\d{1,3}(?:\.\d{1,2})?)分")
_TOTAL_SCORE_HEADS = scan.head_widths(_TOTAL_SCORE_HEAD)


_GRADE_BOUND = re.compile(r"\s*(?:[(（]含[)）])?\s*(?:及|或)?(?:以上|以下|至\d|到\d|[~～—-]\d)")


def _total_scores(context: CheckContext) -> list[re.Match]:
    """The matches of _TOTAL_SCORE, found once for score.grade and score.prose_table."""
    found = context.memo.get("rules_points.total_scores")
    if found is None:
        report = context.report
        found = scan.number_matches(_TOTAL_SCORE, report.text, report.places, "分", _TOTAL_SCORE_HEADS)
        # '自评得分90分（含）以上为优': a bound of a grade, not a score given
        found = [m for m in found if not _GRADE_BOUND.match(report.text, m.end())]
        context.memo["rules_points.total_scores"] = found
    return found


_GRADE_AFTER = re.compile(
    r"[^。;；\n]{0,16}?(?:评价|自评|绩效|综合)?(?:等级|等次|结果|评级)(?:为|是|评定为|:|：)?[“\"「]?"
    r"(?P<g>优秀|优|良好|良|中等|中|较差|差)(?![\u4e00-\u9fff])"
)

_PREVIOUS = words("rules_points.previous")
# a total score earned ('自评总分99分', '总得分95分'), not a weight ('满分100分')
_SCORED_TOTAL = re.compile(
    r"(?:自评总分|自评得分|总得分|综合得分|综合评分|评价得分|项目得分|总体得分)(?:为|是|:)?\d"
)
_GRADE_LATER = re.compile(
    r"(?:评价|自评|绩效|综合)?(?:等级|等次|评级)(?:为|是|评定为|:|：)?[“\"「]?"
    r"(?P<g>优秀|优|良好|良|中等|中|较差|差)(?![\u4e00-\u9fff])"
)
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_PART_POINTS = re.compile(r"(?P<n>\d{1,3}(?:\.\d{1,2})?)分")


def _grade_after_parts(text: str, score: re.Match) -> re.Match | None:
    """'自评得分92分，其中产出指标45分、…预算执行率10分，评价等级为“优”': the grade after the
    score's own 其中 breakdown (its parts add up to it) goes with the score."""
    if not text.startswith("其中", score.end() + (text[score.end() : score.end() + 1] in ",;，；")):
        return None
    end = min((e for e in (text.find(ch, score.end()) for ch in "。;\n") if e >= 0), default=len(text))
    grade = _GRADE_LATER.search(text, score.end(), end)
    if grade is None:
        return None
    listed = _ASIDE.sub("", text[score.end() : grade.start()])  # '决策18分（满分20分）': not the 20
    parts = [Decimal(m.group("n")) for m in _PART_POINTS.finditer(listed)]
    return grade if len(parts) >= 2 and sum(parts) == Decimal(score.group("n")) else None


@rule(
    "score.grade",
    "总得分与同一句所说的评价等级是否相符（优 ≥ 90、良 ≥ 80、中 ≥ 60、差 < 60，财预〔2020〕10号）",
)
def check_grade(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if ("等" not in text and not has_word(text, "评级", context.report.places)) or "分" not in text:
        return []
    findings = []
    for match in _total_scores(context):
        if text[max(0, match.start() - 6) : match.start()].endswith(_PREVIOUS):
            continue
        sentence = text[last_mark(text, "。\n", 0, match.start()) + 1 : match.start()]
        if "其中" in sentence and _SCORED_TOTAL.search(sentence.split("其中", 1)[0]):
            continue  # a category's score inside the 其中 list of the total: the grade is the total's
        grade = _GRADE_AFTER.match(text, match.end()) or _grade_after_parts(text, match)
        if grade is None or (
            grade.re is _GRADE_AFTER and _POINTS.search(text, match.end(), grade.start("g"))
        ):
            continue  # '效益得分27分，综合得分94分，等级为优': the grade goes with the last score
        score = Decimal(match.group("n"))
        if score > 100:
            continue
        stated = GRADE_WORDS[grade.group("g")]
        expected = grade_for(score).value
        if stated == expected:
            continue
        findings.append(
            context.finding(
                "score.grade",
                WARNING,
                f"得分{plain(score)}分应评为“{expected}”（优≥90分、良≥80分、中≥60分、差<60分），"
                f"报告写“{grade.group('g')}”",
                match.start(),
                grade.end(),
                expected=expected,
                found=grade.group("g"),
            )
        )
    return findings


_NAME_HEADS = words("rules_points.name_heads")
_CATEGORIES = frozenset(words("rules_points.categories"))
_NAME_TAILS = words("rules_points.name_tails")


def _category_name(name: str) -> str:
    """'其中决策指标' / '决策(15分)' / '产出类指标' → '决策' / '产出'."""
    name = name.split("(", 1)[0].strip()
    for head in _NAME_HEADS:
        if name.startswith(head) and len(name) > len(head) + 1:
            name = name[len(head) :]
    for tail in _NAME_TAILS:
        if name.endswith(tail) and len(name) > len(tail) + 1:
            return name[: -len(tail)]
    return name


@rule(
    "table.prose_points",
    "文中所写各类指标分值（“过程指标25分”）与评分表一级指标所标分值（“过程(20分)”）是否一致",
)
def check_points_against_the_table(context: CheckContext) -> list[Finding]:
    """The weight of a category stated in prose and in the label of the score table's category
    row: one indicator system, so one weight."""
    tabled: dict[str, tuple[Decimal, int]] = {}
    for table in context.tables:
        weight_at = table.column("weight")
        for row in table.rows:
            points = category_points(row.label)
            if points is not None:
                tabled.setdefault(_category_name(row.label), (points, row.label_start))
        if weight_at is None:
            continue
        # '| 决策 | 15 | 13.5 |' under 一级指标 | 分值 | 得分: a table of the categories alone (not of
        # indicators, whose first row in a category holds the first indicator's points)
        rows = [r for r in table.rows if not r.label.replace(" ", "").startswith(_TABLE_TOTALS)]
        names = [_category_name(r.label).removeprefix("项目") for r in rows]
        if len(rows) < 2 or any(name not in _CATEGORIES for name in names):
            continue
        for name, row in zip(names, rows, strict=True):
            cell = row.cell(weight_at)
            if cell is not None and cell.value is not None:
                tabled.setdefault(name, (cell.value, row.label_start))
    if len(tabled) < 2:
        return []
    text = context.report.text
    findings = []
    for paragraph in context.report.paragraphs:
        if "|" in paragraph.text or paragraph.text.count("分") < 2:
            continue
        for item in _items(text, paragraph.start, paragraph.end):
            name = item.group("name")
            if "得分" in name or name.endswith("得"):
                continue  # what was scored, not what the category is worth
            sentence = text[
                max(text.rfind("。", paragraph.start, item.start()) + 1, paragraph.start) : item.start()
            ]
            if _SCORED_TOTAL.search(sentence) or "得分" in sentence:
                continue  # '自评总分99分，其中产出指标49分…', '各部分得分：产出指标47.73分': points earned
            known = tabled.get(_category_name(name))
            if known is None or Decimal(item.group("n")) == known[0]:
                continue
            findings.append(
                context.finding(
                    "table.prose_points",
                    ERROR,
                    f"文中写“{name}{item.group('n')}分”，评分表中这一类标{plain(known[0])}分",
                    item.start(),
                    item.end(),
                    expected=f"{plain(known[0])}分",
                    found=f"{item.group('n')}分",
                )
            )
    return findings


_OVER_MAX_HEAD = r"(?P<s>\d{1,3}(?:\.\d{1,2})?)分[(（]"  # then 满: found from it (few), not from every digit
_OVER_MAX = re.compile(_OVER_MAX_HEAD + r"满分(?:为)?(?P<m>\d{1,3}(?:\.\d{1,2})?)分[)）]")
_OVER_MAX_HEADS = scan.head_widths(_OVER_MAX_HEAD)


@rule("score.over_max", "得分超过括号中所写的满分（“产出42分（满分40分）”）")
def check_scores_over_their_maximum(context: CheckContext) -> list[Finding]:
    text = context.report.text
    places = context.report.places
    if not has_word(text, "满分", places):
        return []
    findings = []
    for match in scan.finditer_around(_OVER_MAX, text, "满", _OVER_MAX_HEADS, places):
        if match.start() and text[match.start() - 1] in "0123456789.":
            continue
        score, maximum = Decimal(match.group("s")), Decimal(match.group("m"))
        if score <= maximum:
            continue
        findings.append(
            context.finding(
                "score.over_max",
                ERROR,
                f"得分{match.group('s')}分超过满分{match.group('m')}分",
                match.start(),
                match.end(),
                expected=f"不超过{match.group('m')}分",
                found=f"{match.group('s')}分",
            )
        )
    return findings


_TABLE_TOTALS = words("rules_points.table_totals")


@rule("score.prose_table", "正文所写总得分与评分表“总分/合计”行的得分是否一致")
def check_total_against_the_table(context: CheckContext) -> list[Finding]:
    totals = [cell for table in context.tables for cell in table.labelled_cells("score", _TABLE_TOTALS)]
    if len({cell.value for cell in totals}) != 1:
        return []  # no scored table, or several totals: which one the prose means is not clear
    table_total = totals[0]
    text = context.report.text
    findings = []
    matches = _total_scores(context)
    # '项目单位自评得分92分，评价组复核后核定得分89分': a sentence that states the table's total
    # among other totals (the unit's own, the evaluator's) speaks of the table through that one
    agreeing = {
        _sentence_of(text, match.start())
        for match in matches
        if Decimal(match.group("n")) == table_total.value
    }
    # '（一）决策指标分析 该指标分值15分，评价得分13分': the score of one of the table's rows
    row_scores = {
        cell.value
        for table in context.tables
        if (column := table.column("score")) is not None
        for row in table.rows
        if not row.label.replace(" ", "").startswith(_TABLE_TOTALS)
        and (cell := row.cell(column)) is not None
        and cell.value is not None
    }
    for match in matches:
        paragraph = context.report.paragraph_at(match.start())
        if paragraph is None or "|" in paragraph.text or match.group("label") == "得分":
            continue
        if text[max(0, match.start() - 6) : match.start()].endswith(_PREVIOUS):
            continue
        stated = Decimal(match.group("n"))
        if stated == table_total.value or _sentence_of(text, match.start()) in agreeing:
            continue
        if stated in row_scores:
            continue
        sentence = text[last_mark(text, "。\n", 0, match.start()) + 1 : match.start()]
        if "分值" in sentence:
            continue  # '该指标分值15分，评价得分13.5分': a category's points, then its score
        findings.append(
            context.finding(
                "score.prose_table",
                WARNING,
                f"正文写{match.group('label')}{match.group('n')}分，评分表合计行的得分为{table_total.text}分",
                match.start(),
                match.end(),
                expected=f"{table_total.text}分",
                found=f"{match.group('n')}分",
            )
        )
    return findings


_DEDUCTION_WORD = r"(?:共|合计|累计|总计|共计)"  # then 扣: found from it, not from every 共, 合, 累 …
_DEDUCTION_TOTAL = re.compile(_DEDUCTION_WORD + r"扣(?:减)?(?P<n>\d{1,3}(?:\.\d{1,2})?)分")
_DEDUCTION_WORDS = scan.head_widths(_DEDUCTION_WORD)
_DEDUCTION = re.compile(r"(?P<each>各)?扣(?:减|除)?了?(?P<n>\d{1,3}(?:\.\d{1,2})?)分")
_NAME_JOINERS = re.compile(r"[和、及与]")


@rule("score.deductions", "“A扣1分、B扣3.5分……共扣N分”中列出的扣分之和与所写的共扣分数是否相符")
def check_deduction_totals(context: CheckContext) -> list[Finding]:
    """The deductions listed before a total deduction in its sentence ('决策扣1分、过程扣3.5分、产出扣
    2分、效益扣5分，共扣11.5分'), or after it up to the end of its paragraph ('自评共扣8分：A扣1.5分；
    B扣0.5分…'), add up to it. '绩效目标和资金投入各扣0.5分' counts once per name. A list whose items
    hold a heading and its own items (a run that adds up to an item before it) is left alone."""
    text = context.report.text
    if "扣" not in text:
        return []
    findings = []
    for total in scan.finditer_around(_DEDUCTION_TOTAL, text, "扣", _DEDUCTION_WORDS, context.report.places):
        paragraph = context.report.paragraph_at(total.start())
        if paragraph is None:
            continue
        if text[total.end() : total.end() + 1] == ":":
            low, high = total.end(), paragraph.end
        elif text[total.start() - 1 : total.start()] in (",", ";"):
            low, high = (
                max(text.rfind("。", paragraph.start, total.start()) + 1, paragraph.start),
                total.start(),
            )
        else:
            continue
        items = list(_DEDUCTION.finditer(text, low, high))
        if len(items) < 2:
            continue
        values = []
        previous_end = low
        for item in items:
            value = Decimal(item.group("n"))
            if item.group("each"):
                clause_start = max(last_mark(text, ",;:。", previous_end, item.start()) + 1, previous_end)
                names = [n for n in _NAME_JOINERS.split(text[clause_start : item.start()]) if n.strip()]
                value *= max(len(names), 1)
            values.append(value)
            previous_end = item.end()
        stated = Decimal(total.group("n"))
        added = sum(values, Decimal(0))
        if added == stated or _nested(values):
            continue
        findings.append(
            context.finding(
                "score.deductions",
                WARNING,
                f"扣分之和与合计不符：列出的扣分{'+'.join(plain(v) for v in values)}={plain(added)}分，"
                f"报告写{total.group()}",
                min(total.start(), items[0].start()),
                max(total.end(), items[-1].end()),
                expected=f"{plain(added)}分",
                found=f"{total.group('n')}分",
            )
        )
    return findings


def _nested(values: list[Decimal]) -> bool:
    """An item equal to the sum of two or more items right after it: a heading with its own items."""
    for i, value in enumerate(values):
        run = Decimal(0)
        for j in range(i + 1, len(values)):
            run += values[j]
            if j > i + 1 and run == value:
                return True
            if run > value:
                break
    return False


def _sentence_of(text: str, position: int) -> int:
    return max(text.rfind("。", 0, position), text.rfind("\n", 0, position))


_WEIGHTS = re.compile(
    r"权重[^。；;\n]{0,12}?[:：为是]\s*(?P<list>(?:[\u4e00-\u9fff]{2,12}?指标\s*\d{1,3}(?:\.\d+)?%[、,，和及]?\s*){2,})"
)
_WEIGHT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,12}?指标)\s*(?P<n>\d{1,3}(?:\.\d+)?)%")


@rule(
    "score.weights_total",
    "列举的各类指标权重百分比（“权重为:产出指标50%、效益指标30%、满意度指标20%”）之和是否为100%",
)
def check_weight_percents(context: CheckContext) -> list[Finding]:
    """The weights of an indicator system given in percent, listed after 权重, make 100%; a list
    that goes on (等, 其中) or stops at the end of the text is not judged."""
    text = context.report.text
    if not has_word(text, "权重", context.report.places) or "%" not in text:
        return []
    findings = []
    for match in _WEIGHTS.finditer(text):
        after = text[match.end() : match.end() + 2]
        if not after or after.startswith(("等", "其")) or match.end() >= len(text.rstrip()):
            continue
        items = list(_WEIGHT.finditer(match.group("list")))
        total = sum((Decimal(i.group("n")) for i in items), ZERO)
        if total == 100:
            continue
        listing = "+".join(f"{i.group('name')}{i.group('n')}%" for i in items)
        findings.append(
            context.finding(
                "score.weights_total",
                WARNING,
                f"各类指标权重之和不是100%：{listing}={plain(total)}%",
                match.start("list"),
                match.end("list"),
                expected="100%",
                found=f"{plain(total)}%",
            )
        )
    return findings


# the rule a score is computed by, said in prose: '按实际执行率乘以分值计分', '按“得分=分值×执行率”',
# '(分值10分×执行率96.39%)', '以执行率乘以权重计分'
_BY_RATE = re.compile(
    r"(?:乘以|[×*xX])\s*(?:分值|权重|该项分值|指标分值)|(?:分值|权重)(?:\d{1,3}(?:\.\d+)?分)?\s*(?:[×*xX]|乘以)"
    r"|按(?:实际)?(?:完成率|执行率|完成比例)计分"  # '该指标分值8分，按完成率计分，得7.55分'
)
# the indicator a clause of its rule names first: '预算执行率指标按执行率乘以分值计分'
_RULED = re.compile(r"[“\"]?(?P<name>[\u4e00-\u9fff]{2,10}?率)[”\"]?(?:指标)?(?=按|以)")
# an indicator's weight in a sentence that sets the weights: '按产出指标50分、…、预算执行率10分设置分值'
_LISTED_WEIGHT = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,10}率)(?:指标)?(?P<n>\d{1,3}(?:\.\d+)?)分(?=[、,，;；]|设置)"
)
# the points given: '该项得9.63分', '计得9.63分', '计算得9.9分', '得分为9.36分'
_GIVEN = re.compile(r"(?<![获取])得(?:分)?(?:为|是|:)?\s*(?P<n>\d{1,3}(?:\.\d{1,2})?)分")
# an indicator's weight: '分值10分', '指标分值为10分', '权重10分'
_OWN_WEIGHT = re.compile(r"(?:分值|权重)(?:为|是|:)?\s*(?P<n>\d{1,3}(?:\.\d+)?)分")
# an indicator's weight next to its name elsewhere: '预算执行率（10分）', '“预算执行率”指标（10分）'
_NAMED_WEIGHT = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,10}率)[”\"」]?(?:指标)?[（(](?P<n>\d{1,3}(?:\.\d+)?)分[）)]"
)


@rule(
    "score.by_rate",
    "正文说明“得分＝分值×执行率（完成率）”时，所写得分与分值×比率是否相符（分值可在前文指标名称后的括号里）",
)
def check_scores_by_their_rule(context: CheckContext) -> list[Finding]:
    """'"预算执行率"指标分值10分,执行率93.60%,按"得分=分值×执行率"计得9.63分': a clause (up to ；
    or 。) that states the rule a score is computed by, one rate (a percent named …率) and one score:
    the score is the weight times the rate (at most the weight), within the rounding of the printed
    score and rate. The weight is the clause's own (分值10分) or, with none there, the one the report
    gives after the rate's name ('其中过程指标下设资金到位率(5分)、预算执行率(10分)'), if it gives one
    only. A clause whose weight is written 权重N分 is score.recompute's."""
    report = context.report
    text = report.text
    if not has_word(text, "分值", report.places) and not has_word(text, "权重", report.places):
        return []
    findings: list[Finding] = []
    seen: set[int] = set()
    for marker in _BY_RATE.finditer(text):
        start = max(last_mark(text, "。；;\n", 0, marker.start()) + 1, 0)
        end = first_mark(text, "。；;\n", marker.end(), len(text))
        if start in seen:
            continue
        seen.add(start)
        clause = text[start:end]
        if re.search(r"权重\s*(?:为|是|:)?\s*\d", clause):
            continue
        given = list(_GIVEN.finditer(clause))
        rates = [
            q
            for q in report.quantities_between(start, end)
            if q.kind == "percent" and q.label.endswith("率") and not q.approx
        ]
        if not rates and len(given) == 1:
            rates = _rate_outside(context, start)
        if len(given) != 1 or len(rates) != 1:
            continue
        rate, score_match = rates[0], given[0]
        if start + score_match.start() < rate.start and marker.start() < start + score_match.end():
            # '得9.1分(分值10分×执行率96.39%)': the score before its rule is fine, a score of
            # another indicator before the rate is not this one's
            continue
        own = list(_OWN_WEIGHT.finditer(clause))
        if len(own) > 1:
            continue
        if own:
            weight_text = own[0].group("n")
        else:
            named = {
                m.group("n")
                for m in _NAMED_WEIGHT.finditer(text)
                if rate.label.endswith(m.group("name")) and m.end() <= start
            } or _listed_weights(text, rate, start)
            if len(named) != 1:
                continue
            weight_text = named.pop()
        weight = Decimal(weight_text)
        score_text = score_match.group("n")
        score = Decimal(score_text)
        if weight <= 0 or score > weight or rate.value <= 0:
            continue
        places = len(score_text.split(".", 1)[1]) if "." in score_text else 0
        exact = min(weight * rate.value / 100, weight)
        shown = round_half_up(exact, places)
        if shown == score:
            continue
        half = rate.half_unit()
        low = min(weight * (rate.value - half) / 100, weight)
        high = min(weight * (rate.value + half) / 100, weight)
        score_half = Decimal(5).scaleb(-(places + 1))
        if low <= score + score_half and high >= score - score_half:
            continue  # within the rounding of the printed rate
        findings.append(
            context.finding(
                "score.by_rate",
                ERROR,
                f"得分{score_text}分与所述计分方法（分值×{rate.label.removeprefix('实际')}）不符："
                f"{weight_text}×{rate.text}%={round_half_up(exact, 2)}，约{shown}分",
                start + score_match.start(),
                start + score_match.end(),
                expected=format(shown, "f"),
                found=score_text,
            )
        )
    return findings


def _rate_outside(context: CheckContext, start: int) -> list:
    """The rate of a clause that states a rule and a score but no rate: the one rate of its sentence
    ('完成率86.84%；该指标分值8分，按完成率计分，得7.55分'), or else, when the clause opens with the
    indicator's name ('预算执行率指标按执行率…计分'), the rates so named before it, if of one value."""
    report, text = context.report, context.report.text
    sentence = last_mark(text, "。\n", 0, start) + 1
    rates = [
        q
        for q in report.quantities_between(sentence, start)
        if q.kind == "percent" and q.label.endswith("率") and not q.approx
    ]
    if rates:
        return rates[-1:] if len(rates) == 1 else []
    ruled = _RULED.match(text, start, start + 16)
    if ruled is None:
        return []
    named = [
        q
        for q in report.quantities_between(0, start)
        if q.kind == "percent" and q.label.endswith(ruled.group("name")) and not q.approx
    ]
    return named[-1:] if named and len({q.value for q in named}) == 1 else []


def _listed_weights(text: str, rate, start: int) -> set[str]:
    """The weights of the rate's indicator in the sentences before ``start`` that set the weights of
    the whole system ('按产出指标50分、…、预算执行率10分设置分值')."""
    found = set()
    for match in _LISTED_WEIGHT.finditer(text, 0, start):
        if not rate.label.endswith(match.group("name")):
            continue
        sentence_end = first_mark(text, "。\n", match.end(), len(text))
        if any(word in text[match.end() : sentence_end] for word in ("设置分值", "设置权重", "权重设置")):
            found.add(match.group("n"))
    return found


# what may stand before the total's label in its clause when the score is the whole report's
# ('经自评，综合得分92分', '本局自评得分93分', '本项目最终得分…'): anything else names a part or
# another project ('决策指标得分13分', 'A项目自评得分95分')
_WHOLE_SCORE_PREFIX = re.compile(
    r"^(?:经|通过)?(?:自评|评价|综合评价|综合评定|评定|评审|认真自评)?(?:后)?"
    r"(?:[本该我](?:局|委|办|院|会|馆|所|站|中心|单位|部门|项目)|部门|单位|整体|最终|全年|年度|本年度|(?:19|20)\d{2}年度?)*"
    r"(?:的|为|是)?$"
)
_STAGE_WORDS = words("rules_points.stage_words")


@rule("score.conflict", "全文的总得分（综合得分、自评得分）在两处写成不同的分数")
def check_total_score_conflicts(context: CheckContext) -> list[Finding]:
    """The report's total score stated in two sentences with two values: the label one of the
    total's own (not plain 得分), nothing before it in its clause but the report's own name or a
    verb of evaluating, not in a table row, not a previous year's, and no sentence that states two
    totals (the unit's own and a reviewer's: two stages, each stated once)."""
    text = context.report.text
    seen = None
    findings = []
    for match in _total_scores(context):
        label = match.group("label")
        if label in ("得分", "自评为", "自评"):
            continue
        paragraph = context.report.paragraph_at(match.start())
        if paragraph is None or "|" in paragraph.text:
            continue
        clause_start = last_mark(text, "。;\n,:，；：", 0, match.start()) + 1
        if not _WHOLE_SCORE_PREFIX.match(text[clause_start : match.start()]):
            continue
        sentence_start = last_mark(text, "。\n", 0, match.start()) + 1
        sentence_end = first_mark(text, "。\n", match.end(), len(text))
        sentence = text[sentence_start:sentence_end]
        if _POINTS.search(sentence, 0, match.start() - sentence_start) or _POINTS.search(
            sentence, match.end() - sentence_start
        ):
            continue  # two scores in one sentence: stages, categories or a rule, not one total
        if any(word in sentence for word in _STAGE_WORDS) or any(word in sentence for word in _PREVIOUS):
            continue
        if seen is None:
            seen = match
            continue
        if Decimal(seen.group("n")) == Decimal(match.group("n")):
            continue
        findings.append(
            context.finding(
                "score.conflict",
                WARNING,
                f"总得分前后不一致：前面写{seen.group('label')}{seen.group('n')}分"
                f"（{context.report.section_at(seen.start()).split(' > ')[0] or '开头'}），"
                f"这里写{label}{match.group('n')}分",
                match.start(),
                match.end(),
                expected=f"{seen.group('n')}分",
                found=f"{match.group('n')}分",
            )
        )
        break  # one finding: which of the two is right is for the reader to say
    return findings


RULES = (
    check_total_score_conflicts,
    check_scores_by_their_rule,
    check_weight_percents,
    check_listed_points,
    check_deduction_totals,
    check_grade,
    check_points_against_the_table,
    check_scores_over_their_maximum,
    check_total_against_the_table,
)
