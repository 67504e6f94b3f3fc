"""Rules found on the second batch of real reports (read, then made tuning data): punctuation
between clauses, a heading run into its body, a form row of scores pressed into one string, a
template's stale evaluation year, and a title that drops part of the unit's name.

Each is general (a shape of sentence or of a flattened table), never one report's string; the
words they use stay data in ``jixiao/data/checker/wording.yaml``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.rules import has_word, word_starts
from jixiao.domain.checker.rules_text import as_set, as_tuple, contains_word
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import HUNDRED, round_half_up

# ---------------------------------------------------------------------------------------------
# Parallel clauses joined by colons

_OPEN = "(（《“【〔["
_CLOSE = ")）》”】〕]"
_SENTENCE = re.compile(r"[^。;!?；！？\n]+")


_DEPTH_CHARS = re.compile(f"[{re.escape(_OPEN + _CLOSE)}:：]")  # the characters that count below


def _depth_zero_colons(text: str, start: int, end: int) -> list[int]:
    depth = 0
    found = []
    for mark in _DEPTH_CHARS.finditer(text, start, end):  # (the other characters change nothing)
        position = mark.start()
        ch = text[position]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in ":：":
            found.append(position)
    return found


def _has_digit_or_space(segment: str) -> bool:
    return any(ch.isdigit() or ch.isspace() or ch == "|" for ch in segment)


@rule("punct.colons", "并列的分句之间用了冒号（“…政策:提出…建议:拟定…”），应为分号或句号")
def check_colon_chains(context: CheckContext) -> list[Finding]:
    """A colon introduces what follows it, so one sentence holds one: 'A:B:C', where B is a whole
    clause (no digits, no spaces of a form, not a label that introduces a list), is a list of
    parallel clauses written with colons instead of semicolons. Form lines (联系人:… 电话:…),
    '其中:基本支出:…' and text in brackets are left alone."""
    report = context.report
    text = report.text
    text_colons = scan.places_of(text, ":：", report.places)
    if len(text_colons) < 2:
        return []
    introducers = as_tuple(context.data.wording.get("colon_introducers"))
    findings = []
    source = report.source
    # the paragraphs that hold two colons or more, found from the colons of the text (in order;
    # a paragraph is a stripped line, so a colon stands in the paragraph that starts before it)
    index_of = report.paragraph_index
    held = [index_of(colon) for colon in text_colons]
    twice = sorted({index for index, following in itertools.pairwise(held) if index == following >= 0})
    for index in twice:
        paragraph = report.paragraphs[index]
        line = paragraph.text
        if "|" in line or line.startswith(("SOURCE", "TITLE")):
            continue
        low = bisect_left(text_colons, paragraph.start)
        for sentence in _SENTENCE.finditer(text, paragraph.start, paragraph.end):
            sentence_start, position = sentence.span()
            # (the sentence's colons counted in the list of the text's colons)
            low = bisect_left(text_colons, sentence_start, low)
            if bisect_left(text_colons, position, low) - low < 2:
                continue
            colons = _depth_zero_colons(text, sentence_start, position)
            for first, second in itertools.pairwise(colons):
                middle = text[first + 1 : second]
                clause_start = max(
                    sentence_start, max(text.rfind(ch, sentence_start, first) for ch in ",，") + 1
                )
                clause = text[clause_start:first]
                after = text[second + 1 : second + 3]
                if (
                    len(middle) < 6
                    or _has_digit_or_space(middle)
                    or _has_digit_or_space(clause)
                    or len(clause) < 4
                    or clause.endswith(introducers)
                    or middle.endswith(introducers)
                    or not after
                    or not all("\u4e00" <= ch <= "\u9fff" for ch in after)
                ):
                    continue
                a, b = source.original_span(clause_start, second + 1)
                if b - a != second + 1 - clause_start:
                    continue  # spaces stood between (form fields on one line), dropped in normalising
                findings.append(
                    context.finding(
                        "punct.colons",
                        WARNING,
                        f"一句中接连用了两个冒号：“{text[max(first - 8, sentence_start) : second + 3]}”，"
                        "冒号后的分句与前面并列，应改为分号",
                        max(first - 8, sentence_start),
                        second + 3,
                        expected=";",
                        found=":",
                    )
                )
                break  # one finding per sentence
    return findings


# ---------------------------------------------------------------------------------------------
# A numbered heading run into its body


@lru_cache(maxsize=4)
def _heading_run_on_regex(key: int, endings: tuple[str, ...], openers: tuple[str, ...]) -> re.Pattern:
    marker = r"(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])"
    # the title may carry a bracketed aside: “(三)项目资金(主要是指财政资金)实际使用情况”
    word = r"(?:[\u4e00-\u9fff]|[(（][\u4e00-\u9fff]{1,12}[)）])"
    return re.compile(
        rf"^[ \t]*{marker}(?P<title>{word}{{2,30}}?(?:{'|'.join(endings)}))(?P<opener>{'|'.join(openers)})"
    )


@rule("punct.heading_run_on", "小标题与正文连在一起，中间缺标点（“2、…分解下达情况依照《…》…”）")
def check_heading_run_on(context: CheckContext) -> list[Finding]:
    """A numbered line whose title ('预算和绩效目标分解下达情况') is followed at once by the body's
    first words ('依照', '根据', '按照' …): the heading and the sentence run together."""
    endings, openers, regex = context.data.once(_heading_words)
    if not endings or not openers:
        return []
    findings = []
    run_in = None  # (read when a heading runs on: seldom)
    for paragraph in context.report.paragraphs:
        match = regex.match(paragraph.text)
        if match is None or match.group("title").startswith(openers):
            continue
        if run_in is None:
            run_in = _run_in_headings(context.report)
        if paragraph.start in run_in:
            continue  # '一、部门基本情况綦江区…', '二、部门收支情况2023年…': every heading of the rank runs in
        at = paragraph.start + match.end("title")
        if _spaced_apart(context, at):
            continue  # '（一）资金使用情况 截至年底…': a space parts them, the layout of a copied web page
        findings.append(
            context.finding(
                "punct.heading_run_on",
                WARNING,
                f"小标题“{match.group('title')}”与正文“{match.group('opener')}…”连在一起，中间缺少标点或换行",
                paragraph.start + match.start("title"),
                at + len(match.group("opener")),
                expected=f"{match.group('title')}。",
                found=match.group("title") + match.group("opener"),
            )
        )
    findings.extend(_headings_after_open_sentences(context, endings))
    return findings


def _run_in_headings(report) -> set[int]:
    """The starts of the headings of a rank whose headings run into their text as the document's
    layout: three or more of the rank, most of them on a line that holds a sentence (a copy that
    lost the breaks after the headings, or a style of its own), not one slip among headings set
    apart."""
    by_rank: dict[int, list[int]] = {}
    running: dict[int, int] = {}
    text = report.text
    for heading in report.headings:
        if heading.number is None:
            continue
        line_end = text.find("\n", heading.start)
        by_rank.setdefault(heading.rank, []).append(heading.start)
        running[heading.rank] = running.get(heading.rank, 0) + (
            "。" in text[heading.start : line_end % (len(text) + 1)]
        )
    return {
        start
        for rank, starts in by_rank.items()
        if len(starts) >= 3 and running[rank] * 2 > len(starts)
        for start in starts
    }


def _heading_words(data) -> tuple[tuple[str, ...], tuple[str, ...], re.Pattern | None]:
    wording = data.wording
    endings = as_tuple(wording.get("heading_endings"))
    openers = as_tuple(wording.get("sentence_openers"))
    regex = _heading_run_on_regex(id(wording), endings, openers) if endings and openers else None
    return endings, openers, regex


def _spaced_apart(context: CheckContext, at: int) -> bool:
    """The characters on either side of ``at`` stood apart in the original text (a space or a line
    break the normalised text dropped)."""
    low, high = context.report.source.original_span(at - 1, at + 1)
    return high - low > 2


@lru_cache(maxsize=4)
def _inline_heading_regex(endings: tuple[str, ...]) -> re.Pattern:
    ends = "|".join(map(re.escape, endings))
    return re.compile(
        rf"(?<=[\u4e00-\u9fff%])(?<![第一二三四五六七八九十、])(?P<number>[二三四五六七八九十])、"
        rf"(?P<title>(?![一二三四五六七八九十])[\u4e00-\u9fff]{{2,16}}?(?:{ends}))"
    )


def _headings_after_open_sentences(context: CheckContext, endings: tuple[str, ...]) -> list[Finding]:
    """The next top-level heading run on to a sentence that has no stop ('读者满意率达90%二、项目实施
    基本情况'): the heading before it ('一、') stands earlier in the text, and the words before the
    number end no sentence (a CJK character or '%'; a page number of a table of contents is a digit)."""
    text = context.report.text
    if "、" not in text:
        return []
    findings = []
    regex = _inline_heading_regex(endings)
    for at in scan.places_of(text, "、", context.report.places):
        if at < 2 or text[at - 1] not in _NUMERALS[1:]:
            continue
        match = regex.match(text, at - 1)
        if match is None:
            continue
        before = _NUMERALS[_NUMERALS.index(match.group("number")) - 1]
        if text.find(f"{before}、", 0, at - 1) < 0:
            continue  # no heading before it
        if _spaced_apart(context, at - 1):
            continue  # '…前完工 四、评价结论': the same layout
        findings.append(
            context.finding(
                "punct.heading_run_on",
                WARNING,
                f"标题“{match.group('number')}、{match.group('title')}”接在没有句号的句子后面：“{text[max(0, at - 9) : at - 1]}”之后缺少句号或换行",
                at - 2,
                match.end("title"),
                expected=f"{text[at - 2]}。{match.group('number')}、",
                found=text[at - 2 : at + 1],
            )
        )
    return findings


_NUMERALS = "一二三四五六七八九十"


# ---------------------------------------------------------------------------------------------
# A score row of a form pressed into one string

_RUN_TOGETHER_SCORE = re.compile(
    r"(?P<label>执行率)\s*(?P<w>\d{1,2})\s*[一—\-－–]\s*(?P<r>\d{1,3}(?:\.\d+)?)%\s*(?P<s>\d{1,2}(?:\.\d+)?)(?![\d.%])"
)


@rule("score.run_together", "压成一串的评分表中“执行率 分值 — 实际值 得分”一行：得分＝分值×执行率")
def check_run_together_scores(context: CheckContext) -> list[Finding]:
    """'预算执行率10—100%9': the weight 10, the target cell '—' (no target value), the actual rate
    100% and the score 9 of one row of a form whose cells were run together. The score of a rate
    row is weight × rate (at most the weight); a score below that, outside the rate's rounding, is
    reported as a warning (the scoring rule is not printed in the row)."""
    text = context.report.text
    if not has_word(text, "执行率", context.report.places):
        return []
    findings = []
    for match in _RUN_TOGETHER_SCORE.finditer(text):
        weight, rate = Decimal(match.group("w")), Decimal(match.group("r"))
        score_text = match.group("s")
        score = Decimal(score_text)
        if weight == 0 or weight > 30 or score > weight or rate > 200:
            continue
        places = len(score_text.split(".", 1)[1]) if "." in score_text else 0
        rate_places = len(match.group("r").split(".", 1)[1]) if "." in match.group("r") else 0
        half_rate = Decimal(5).scaleb(-(rate_places + 1))
        half_score = Decimal(5).scaleb(-(places + 1))
        exact = min(weight * rate / HUNDRED, weight)
        low = min(weight * (rate - half_rate) / HUNDRED, weight)
        high = min(weight * (rate + half_rate) / HUNDRED, weight)
        if low - half_score <= score <= high + half_score:
            continue
        expected = round_half_up(exact, places)
        findings.append(
            context.finding(
                "score.run_together",
                WARNING,
                f"评分表“{match.group('label')}”一行（表格压成一串）：分值{match.group('w')}×执行率"
                f"{match.group('r')}%={expected}，表中得分为{score_text}；如有其他扣分标准请写明",
                match.start(),
                match.end(),
                expected=format(expected, "f"),
                found=score_text,
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A template's evaluation year left unchanged

_FISCAL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
_SCOPE_YEAR = re.compile(
    r"以((?:19|20)\d{2})年[^。;,，；\n]{0,30}?为(?:评价|考核|考评|评分)(?:内容|对象|范围|依据)"
)


@rule("template.stale_year", "指标说明中的评价年份早于所评价的年度（沿用旧模板，“以2015年…为评价内容”）")
def check_stale_scope_year(context: CheckContext) -> list[Finding]:
    """An indicator note that names the year it evaluates ('该指标以2015年完工的…为评价内容') two
    years or more before the year the report evaluates: the note was copied from an old form."""
    text = context.report.text
    if not has_word(text, "为评", context.report.places) and not has_word(
        text, "为考", context.report.places
    ):
        return []
    fiscal = _FISCAL_YEAR.search(text[:1500])
    if fiscal is None:
        return []
    year = int(fiscal.group(1))
    findings = []
    for match in _SCOPE_YEAR.finditer(text):
        stated = int(match.group(1))
        if stated > year - 2:
            continue
        findings.append(
            context.finding(
                "template.stale_year",
                WARNING,
                f"{year}年度的评价，指标说明却写“{match.group(0)}”（早于所评价的年度，疑为旧模板未改）",
                match.start(),
                match.end(),
                expected=f"{year}年",
                found=f"{stated}年",
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# A title that drops part of the unit's name

_TITLE_HEAD = re.compile(
    r"^(?P<name>[\u4e00-\u9fff()（）]{4,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?(?P<rest>[\u4e00-\u9fff\s()（）]{4,40})"
)


_PLACE_ENDINGS = words("rules_marks.place_endings")


@rule("title.name_missing", "标题（文件名）与正文标题的单位名称不一致：一处漏了名称的一部分")
def check_title_names(context: CheckContext) -> list[Finding]:
    """Two titles of one report in its first lines (the page's or file's name and the document's
    own heading: same year, same kind of report) whose unit names differ by a missing part: one is
    the start of the other ('中国共产主义青年团' against '中国共产主义青年团××区委员会')."""
    suffixes = as_tuple(context.data.wording.get("org_suffixes"))
    titles = []
    for paragraph in context.report.paragraphs[:12]:
        match = _TITLE_HEAD.match(paragraph.text)
        if match is None:
            continue
        rest = re.sub(r"\s+", "", match.group("rest"))
        if "报告" not in rest[:30] and "自评" not in rest[:30]:
            continue
        kind = rest[: rest.find("报告") if "报告" in rest else len(rest)]
        titles.append((match.group("name"), match.group("year"), kind, paragraph.start))
    findings = []
    for name, year, kind, start in titles:
        for other, other_year, other_kind, _ in titles:
            if (
                other_year != year
                or other_kind[:6] != kind[:6]
                or len(other) < len(name) + 2
                or not other.startswith(name)
                or not other.endswith(suffixes)
                or name.endswith(_PLACE_ENDINGS)
            ):
                continue  # '重庆市潼南区2023年…项目绩效评价报告': a district's project, not a name cut short
            findings.append(
                context.finding(
                    "title.name_missing",
                    WARNING,
                    f"标题的单位名称“{name}”不完整：正文标题写作“{other}”（漏了“{other[len(name) :]}”）",
                    start,
                    start + len(name),
                    expected=other,
                    found=name,
                )
            )
            break
    return findings


# ---------------------------------------------------------------------------------------------
# The year's goal against the indicator table

_GOAL = re.compile(r"(?:年度)?总体目标|年度目标")


def _goal_search(text: str, places: scan.CharIndex | None) -> re.Match | None:
    """``_GOAL.search(text)``, tried only where a match can start: every match is 总体目标 (with
    the 年度 before it) or 年度目标, found from the places of their characters (CharIndex)."""
    starts = set(word_starts(text, "年度目标", places))
    for at in word_starts(text, "总体目标", places):
        starts.update((at, at - 2) if at >= 2 else (at,))
    for start in sorted(starts):
        match = _GOAL.match(text, start)
        if match is not None:
            return match
    return None


_INDICATORS = re.compile(r"绩效指标|一级指标|三级指标")
_MEASURE = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)(?P<unit>万?(?:公里|千米|平方米|立方米|人次|场次|[粒株头只亩户座台套吨所盏棵张册件处条]))"
    r"(?![\u4e00-\u9fff]*率)"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{3,16}")
_BOUND_WORDS = words("rules_marks.bound_words")


def _common_run(a: str, b: str, size: int) -> bool:
    return any(a[i : i + size] in b for i in range(len(a) - size + 1))


def _glued_with_weight(value: str, others: set[str]) -> bool:
    """'8550' is the weight 8 run into the target 550 of the same row."""
    return any(value[:cut] and value[cut:] in others for cut in (1, 2))


@rule("goal.indicator_conflict", "年度总体目标中的产出数量与绩效指标表中同一指标的指标值不一致")
def check_goal_against_indicators(context: CheckContext) -> list[Finding]:
    """The year's goal ('采购原原种425万粒，免费发放给…') and the indicator table that follows it
    ('免费发放原原种 550万粒') state one output twice. Amounts in a measure unit (万粒, 亩, 座 …) are
    read in the goal and in the table; when exactly one value of a unit in each is unmatched and the
    indicator's label shares three characters with the goal's clause (four when no other value of
    the unit agrees, and each side states only this one), the two disagree. Bounds
    (≥, 不低于 …) and a weight run into a value ('8550万粒' = 8 + 550) are read as such."""
    text = context.report.text
    goal = _goal_search(text, context.report.places)
    if goal is None:
        return []
    table = _INDICATORS.search(text, goal.end())
    if table is None or table.start() - goal.end() > 600:
        return []
    goal_values: dict[str, list[re.Match]] = {}
    for match in _MEASURE.finditer(text, goal.end(), table.start()):
        goal_values.setdefault(match.group("unit"), []).append(match)
    findings = []
    if not goal_values:
        return []
    table_values = list(_MEASURE.finditer(text, table.start(), min(len(text), table.start() + 3000)))
    for unit, in_goal in goal_values.items():
        in_table = [m for m in table_values if m.group("unit") == unit]
        shown = {m.group("n") for m in in_table}
        in_table = [
            m
            for m in in_table
            if not _glued_with_weight(m.group("n"), shown)
            and not text[max(0, m.start() - 3) : m.start()].endswith(_BOUND_WORDS)
        ]
        goal_numbers = {Decimal(m.group("n")) for m in in_goal}
        table_numbers = {Decimal(m.group("n")) for m in in_table}
        lonely_goal = [m for m in in_goal if Decimal(m.group("n")) not in table_numbers]
        lonely_table = {
            Decimal(m.group("n")): m for m in in_table if Decimal(m.group("n")) not in goal_numbers
        }
        # another value of the unit stated alike in both anchors the reading; without one, the
        # goal and the table must each state only this value, and the labels share more
        anchored = bool(table_numbers & goal_numbers)
        if len(lonely_goal) != 1 or len(lonely_table) != 1:
            continue
        if not anchored and (len(goal_numbers) != 1 or len(table_numbers) != 1):
            continue
        stated, listed = lonely_goal[0], next(iter(lonely_table.values()))
        runs = _CJK_RUN.findall(text, max(0, listed.start() - 30), listed.start())
        label = runs[-1] if runs else None
        clause_start = max(text.rfind(ch, goal.end(), stated.start()) for ch in ";。") + 1
        clause_end = min(
            (e for e in (text.find(ch, stated.end(), table.start()) for ch in ";。") if e >= 0),
            default=table.start(),
        )
        clause = text[max(clause_start, goal.end()) : clause_end]
        if label is None or not _common_run(label, clause, 3 if anchored else 4):
            continue
        findings.append(
            context.finding(
                "goal.indicator_conflict",
                WARNING,
                f"年度总体目标写“{text[max(stated.start() - 8, clause_start) : stated.end()]}”，绩效指标表中"
                f"“{label}”的指标值却是{listed.group(0)}，同一产出前后两个数",
                stated.start(),
                stated.end(),
                expected=stated.group(0),
                found=listed.group(0),
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# One project named two ways

_PROJECT_NAME = re.compile(r"((?:19|20)\d{2})年度?([\u4e00-\u9fff]{6,30}?(?:项目|工程))")


def _common_tail(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    return size


def _common_head(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return size


_PLACE_SUFFIX = "省市县区州旗镇乡"


def _names_a_place(middle: str, following: str) -> bool:
    """A middle that names a place (四川省) or the writer's own or whole area (我县, 本市, 全区) says
    whose money it is, like 中央/省级: it names the level, not another wording of the project."""
    if following in _PLACE_SUFFIX:
        return middle in ("我", "本", "全") or len(middle) <= 4
    return len(middle) <= 5 and middle[-1] in _PLACE_SUFFIX


@rule(
    "name.project_variant", "同一项目的名称前后写法不一（同一年份、同样的长结尾，中间的资金或性质说法不同）"
)
def check_project_names(context: CheckContext) -> list[Finding]:
    """'2021年度财政衔接资金统筹整合使用道路建设项目' and later '2021年财政涉农资金统筹整合使用道路
    建设项目': one year, one long ending (eight characters or more, to 项目/工程), a short middle
    that differs. Two names that each stand twice or more are two projects; a middle that only
    names a level or a batch (中央/省级, 第二批) names another project too."""
    text = context.report.text
    qualifiers = as_set(context.data.wording.get("project_qualifiers"))
    names: dict[tuple[str, str], list[int]] = {}
    for match in scan.finditer_around(
        _PROJECT_NAME, text, "年", (4,), context.report.places
    ):  # the 年 after the year
        if text.startswith(("SOURCE", "TITLE"), text.rfind("\n", 0, match.start()) + 1):
            continue
        names.setdefault((match.group(1), match.group(2)), []).append(match.start())
    keys = list(names)
    findings = []
    for index, (year, name) in enumerate(keys):
        for other_year, other in keys[:index]:
            if other_year != year or (len(names[(year, name)]) > 1 and len(names[(year, other)]) > 1):
                continue
            tail = _common_tail(name, other)
            head = _common_head(name, other)
            if tail < 8 or head + tail >= min(len(name), len(other)):
                continue
            middle, other_middle = name[head : len(name) - tail], other[head : len(other) - tail]
            if not middle or not other_middle or len(middle) > 6 or len(other_middle) > 6:
                continue
            if middle in qualifiers or other_middle in qualifiers:
                continue
            joined = name[len(name) - tail]  # what follows the middles: '县' of 我县/开江县
            if _names_a_place(middle, joined) or _names_a_place(other_middle, joined):
                continue  # 我县 and 开江县, 四川省 and 中央财政: the place or level the money is of
            at = names[(year, name)][0]
            end = text.find(name, at) + len(name)
            first = names[(year, other)][0]
            earlier = text[first : text.find(other, first) + len(other)]
            findings.append(
                context.finding(
                    "name.project_variant",
                    WARNING,
                    f"项目名称前后写法不一：这里写“{text[at:end]}”，前文写“{earlier}”"
                    f"（“{middle}”与“{other_middle}”不同）",
                    at,
                    end,
                    expected=other,
                    found=name,
                )
            )
            break
    return findings


# ---------------------------------------------------------------------------------------------
# The self-evaluation score against the points a run-together form shows as lost

# one row of an indicator table pressed into one string: a label, the weight (分值), the target and
# the actual value written the same ('改善办学条件改善办学条件'), the score — or the target left as a
# dash and the actual value after it ('预算执行率10一100%9')
_SAME_CELLS_ROW = re.compile(
    r"(?<=[\u4e00-\u9fff)）])(?P<w>\d{1,2})"
    r"(?P<cell>[^\d\s|]{2,30}?|\d+(?:\.\d+)?[\u4e00-\u9fff%]{1,3}|(?:19|20)\d{2}年\d{1,2}月[\u4e00-\u9fff]{0,4}?)"
    r"(?P=cell)(?P<s>\d{1,2}(?:\.\d)?)(?![\d.%])"
)
_DASH_ROW = re.compile(
    r"(?<=[\u4e00-\u9fff)）])(?P<w>\d{1,2})[一—\-－–](?P<cell>[^\d\s|]{2,40}?|\d{1,3}(?:\.\d+)?%)"
    r"(?P<s>\d{1,2}(?:\.\d)?)(?=[\u4e00-\u9fff(（]|$)"
)
_CATEGORY_POINTS = re.compile(r"[(（]\d{1,2}分[)）]")
_SELF_SCORE = re.compile(
    r"(?:自评得分|自评总分|综合得分|总得分)[:：]?\s*(?P<n>\d{2,3}(?:\.\d{1,2})?)(?![\d.])"
)


@rule(
    "score.total_bound",
    "自评总分与评分表：表中各行已扣的分（分值−得分）之和，使总分最多只有100减去它，所写总分不能更高",
)
def check_total_against_lost_points(context: CheckContext) -> list[Finding]:
    """A form of 100 points whose rows were run together: each row read with certainty (weight,
    target and actual value written alike or a dash, score) that scores below its weight has lost
    weight − score points. The stated total (自评得分98) can be at most 100 minus the points lost in
    the rows read; rows that cannot be read only make the bound looser, never wrong."""
    text = context.report.text
    places = context.report.places
    total = scan.search(_SELF_SCORE, text, places)
    if total is None or (
        not contains_word(text, "分值", 1) and scan.search(_CATEGORY_POINTS, text, places) is None
    ):
        return []
    stated = Decimal(total.group("n"))
    if stated > 100:
        return []
    lost = []
    seen: set[int] = set()
    for regex in (_DASH_ROW, _SAME_CELLS_ROW):
        for row in regex.finditer(text):
            if row.start() in seen:
                continue
            weight, score = Decimal(row.group("w")), Decimal(row.group("s"))
            if weight == 0 or weight > 30 or score > weight:
                continue
            seen.add(row.start())
            if score < weight:
                lost.append(row)
    points = sum((Decimal(r.group("w")) - Decimal(r.group("s")) for r in lost), Decimal(0))
    if not points or stated <= 100 - points:
        return []
    listing = "、".join(f"{r.group('w')}分得{r.group('s')}分" for r in sorted(lost, key=lambda r: r.start()))
    return [
        context.finding(
            "score.total_bound",
            WARNING,
            f"自评得分{total.group('n')}分，但评分表中已能读出的各行共扣{points}分（{listing}），"
            f"满分100分时最多得{100 - points}分",
            total.start(),
            total.end(),
            expected=f"≤{100 - points}",
            found=total.group("n"),
        )
    ]


# ---------------------------------------------------------------------------------------------
# Marks written against GB/T 15834 (标点符号用法): a 顿号 in an approximate number or before the word that joins the last item, a mark before a closing quote or
# bracket, an ellipsis written with other marks or followed by 等/。, 书名号 written 〈〉 or <<>>,
# straight quotes in a text of curly ones, a comma after a heading's number

_NUMERAL_VALUES = {ch: value for value, ch in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
_APPROX_MEASURES = words("rules_marks.approx_measures")
_JOINERS = words("rules_marks.joiners")
_JOINER_WORDS = words("rules_marks.joiner_words")
_PAUSE_NEXT = frozenset(_NUMERAL_VALUES) | {word[0] for word in _JOINERS}  # what a misused 、 is followed by


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _line_of(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)]


def _not_prose(line: str) -> bool:
    """A table's row or the file's own SOURCE/TITLE line: its marks are not a sentence's."""
    return "|" in line or line.startswith(("SOURCE", "TITLE"))


def _quote(text: str, start: int, end: int) -> str:
    return text[max(0, start - 6, text.rfind("\n", 0, start) + 1) : end + 4].split("\n", 1)[0]


@rule(
    "punct.pause_misused",
    "顿号用错：相邻数字表示概数（“三、四个”应为“三四个”）、列举末项的连词前（“A、B、和C”）",
)
def check_pause_misused(context: CheckContext) -> list[Finding]:
    """Two slips of the 顿号 (GB/T 15834 4.5): two neighbouring numerals that give an approximate
    number ('三、四个乡镇', '两、三次'; not 第三、四部分, 三、四级公路, 一、二季度: a list of
    ordinals), and a 顿号 before the conjunction that joins the last item ('、和', '、以及'; not
    '、和谐社区'). (An ordinal that opens a point, '第一、加强…', is left alone: GB/T 15834 asks
    for '第一，', but 第一、 is so common in the reports that flagging it would mostly be noise.)"""
    text = context.report.text
    findings = []
    for at in scan.places_of(text, "、", context.report.places):
        if at < 2 or at + 2 >= len(text) or text[at + 1] not in _PAUSE_NEXT:
            continue  # (what follows is a numeral or the first character of a joiner: few of them)
        before, after = text[at - 1], text[at + 1]
        slip = None
        if before in _NUMERAL_VALUES and after in _NUMERAL_VALUES:
            # (a measure after the pair, or after 十 of 二、三十人)
            measure_at = at + 3 if text.startswith("十", at + 2) else at + 2
            if (
                _NUMERAL_VALUES[after] == _NUMERAL_VALUES[before] + 1
                and text[at - 2] not in _NUMERAL_VALUES
                and text[at - 2] not in "第\n"
                and text.startswith(_APPROX_MEASURES, measure_at)
            ):
                slip = (at - 1, at + 3, f"{before}{after}", "相邻两个数字表示概数，中间不用顿号")
        elif (
            _cjk(before)
            and before not in _NUMERAL_VALUES
            and text.startswith(_JOINERS, at + 1)
            and not text.startswith(_JOINER_WORDS, at + 1)
        ):
            joiner = next(word for word in _JOINERS if text.startswith(word, at + 1))
            slip = (
                at - 2,
                at + 1 + len(joiner) + 2,
                joiner,
                f"列举末项前已用“{joiner}”，“{joiner}”前不用顿号",
            )
        if slip is None or _not_prose(_line_of(text, at)):
            continue
        start, end, expected, why = slip
        findings.append(
            context.finding(
                "punct.pause_misused",
                WARNING,
                f"顿号用错：“{_quote(text, at, at + 1)}”，{why}",
                max(0, start),
                min(len(text), end),
                expected=expected,
                found="、",
            )
        )
    return findings


_CLOSERS_AFTER_MARK = ")”》"
_MARKS_BEFORE_CLOSER = ",、;"


@rule(
    "punct.mark_before_closer",
    "逗号、顿号、分号直接放在后引号、后括号、后书名号前（“…农村路，”示范”），应去掉",
)
def check_mark_before_closer(context: CheckContext) -> list[Finding]:
    """A clause's mark right before a closing quote, bracket or 书名号 ('“四好农村路，”',
    '（详见附表1，）', '《…办法，》'): the quoted words end there, the mark belongs after the
    closer or nowhere. A question or exclamation mark before a full stop or comma ('？。') is
    one mark too many as well."""
    text = context.report.text
    findings = []
    places = context.report.places
    for at in sorted(scan.places_of(text, _CLOSERS_AFTER_MARK + "?!", places)):
        ch = text[at]
        if ch in "?!":
            if at + 1 >= len(text) or text[at + 1] not in "。,;:、" or not at or not _cjk(text[at - 1]):
                continue
            start, pair = at, text[at : at + 2]
        else:
            if at < 2 or text[at - 1] not in _MARKS_BEFORE_CLOSER or text[at - 2] in "(“《,、;\n":
                continue
            start, pair = at - 1, text[at - 1 : at + 1]
        if _not_prose(_line_of(text, at)):
            continue
        findings.append(
            context.finding(
                "punct.mark_before_closer",
                WARNING,
                f"两个标点连用：“{_quote(text, start, start + 2)}”中的“{pair}”应只留后一个",
                max(0, start - 4),
                start + 2,
                expected=pair[1] if ch not in "?!" else pair[0],
                found=pair,
            )
        )
    return findings


_ASCII_ELLIPSIS = re.compile(r"(?<=[\u4e00-\u9fff、])\.{3,6}(?=[\u4e00-\u9fff,。;])")
_STOP_ELLIPSIS = re.compile(r"。{3,}")


@rule("punct.ellipsis", "省略号写法不对（“...”“。。。”应为“……”），或省略号后又加“等”、句号")
def check_ellipsis(context: CheckContext) -> list[Finding]:
    """GB/T 15834 4.11: the ellipsis is six dots in two characters (……). Written '...' or '......'
    after Chinese words, or '。。。', it is the wrong mark; followed by 等 or a full stop, it says
    the same thing twice ('边沟清理……等' — the list is cut off once). Dots at a line's end (what
    is left of a table of contents' leader, its page number on the next line), before a page
    number (目录......3) and in figures are left alone."""
    text = context.report.text
    places = context.report.places
    findings = []
    for match in itertools.chain(
        scan.finditer(_ASCII_ELLIPSIS, text, places), scan.finditer(_STOP_ELLIPSIS, text, places)
    ):
        if _not_prose(_line_of(text, match.start())):
            continue
        findings.append(
            context.finding(
                "punct.ellipsis",
                WARNING,
                f"省略号应写作“……”：“{_quote(text, match.start(), match.end())}”中写成了“{match.group(0)}”",
                max(0, match.start() - 4),
                match.end(),
                expected="……",
                found=match.group(0),
            )
        )
    for at in scan.places_of(text, "…", places):
        if at + 1 >= len(text) or text[at + 1] not in "等。" or (at and text[at - 1] != "…"):
            continue
        if text[at + 1] == "等" and text.startswith("等等", at + 1):
            continue
        if _not_prose(_line_of(text, at)):
            continue
        findings.append(
            context.finding(
                "punct.ellipsis",
                WARNING,
                f"省略号后不再用“{text[at + 1]}”：“{_quote(text, at, at + 2)}”（省略号已表示列举未完）",
                max(0, at - 6),
                at + 2,
                expected="……",
                found="……" + text[at + 1],
            )
        )
    findings.sort(key=lambda f: f.location.start)
    return findings


_ANGLE_TITLE = re.compile(
    r"(?<![<\d])<{1,2}(?P<title>[\u4e00-\u9fff][\u4e00-\u9fff()（）〈〉\d]{2,40})>{1,2}(?![>=\d])"
)


@rule("punct.title_marks", "书名号写成了“〈〉”“<<>>”或“<>”（〈〉只用在《》里面），应为“《》”")
def check_title_marks(context: CheckContext) -> list[Finding]:
    """A title marked 〈…〉 outside any 《》 (GB/T 15834 4.15: 〈〉 is the inner 书名号 only), or with
    the angle signs '<<…>>' of a keyboard, or '<…>' in a text that writes its other titles 《…》:
    written 《…》. Angle signs around figures (投诉率<5%) are comparisons, left alone."""
    text = context.report.text
    places = context.report.places
    findings = []
    for at in scan.places_of(text, "〈", places):
        line_start = text.rfind("\n", 0, at) + 1
        if text.count("《", line_start, at) > text.count("》", line_start, at):
            continue  # 《关于印发〈…〉的通知》: the inner title, written right
        close = text.find("〉", at, at + 60)
        if close < 0 or "\n" in text[at:close] or _not_prose(_line_of(text, at)):
            continue
        if text.endswith(("印发", "转发", "颁发"), line_start, at):
            continue  # '关于印发〈…〉的通知' without its 《》: the outer title's marks are what is lost
        findings.append(
            context.finding(
                "punct.title_marks",
                WARNING,
                f"书名号写成了单书名号：“{text[at : close + 1]}”应为“《{text[at + 1 : close]}》”（〈〉只用在《》之内）",
                at,
                close + 1,
                expected=f"《{text[at + 1 : close]}》",
                found=text[at : close + 1],
            )
        )
    with_titles = has_word(text, "《", places)
    for match in scan.finditer(_ANGLE_TITLE, text, places):
        if _not_prose(_line_of(text, match.start())):
            continue
        if not with_titles and not match.group(0).startswith("<<"):
            continue  # every title of the text in <…>: its style (or a site's display), not a slip
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text.count("《", line_start, match.start()) > text.count("》", line_start, match.start()):
            continue  # 《关于印发<…>的通知》: the inner title, its 〈〉 typed as angle signs
        title = match.group("title")
        findings.append(
            context.finding(
                "punct.title_marks",
                WARNING,
                f"书名号写成了尖括号：“{match.group(0)}”应为“《{title}》”",
                match.start(),
                match.end(),
                expected=f"《{title}》",
                found=match.group(0),
            )
        )
    findings.sort(key=lambda f: f.location.start)
    return findings


_STRAIGHT_QUOTED = re.compile(r'"(?P<words>[^"“”\n]{1,30})"')


@rule("punct.straight_quotes", '文中用弯引号“”，这里却用了直引号""（中文引号应为“”）')
def check_straight_quotes(context: CheckContext) -> list[Finding]:
    """Straight quotes '"四好农村路"' around Chinese words in a text that quotes with “” elsewhere:
    a slip of the input method (a text that uses straight quotes throughout is left alone)."""
    text = context.report.text
    places = context.report.places
    if not has_word(text, "“", places) or not has_word(text, '"', places):
        return []
    findings = []
    for match in scan.finditer(_STRAIGHT_QUOTED, text, places):
        words_ = match.group("words")
        if not _cjk(words_[0]) or not _cjk(words_[-1]) or _not_prose(_line_of(text, match.start())):
            continue
        findings.append(
            context.finding(
                "punct.straight_quotes",
                WARNING,
                f"引号写成了直引号：{match.group(0)}，文中其他处用“”，应为“{words_}”",
                match.start(),
                match.end(),
                expected=f"“{words_}”",
                found=match.group(0),
            )
        )
    return findings


_COMMA_NUMBER = re.compile(
    r"[ \t]*(?P<number>[一二三四五六七八九十]{1,3}|\d{1,2}|\([一二三四五六七八九十]{1,3}\)|\(\d{1,2}\)),(?=[\u4e00-\u9fff])(?![一二三四五六七八九十两第])"
)


@rule("punct.number_comma", "标题编号后用了逗号（“三，资金使用情况”），应为“三、”“3.”或括号编号后不加标点")
def check_number_commas(context: CheckContext) -> list[Finding]:
    """A line that opens with a heading's number followed by a comma ('三，…', '3，…', '（三），…'):
    the number's own mark is 、 (一、), . (1.) or none after brackets."""
    text = context.report.text
    if "," not in text:
        return []
    findings = []
    # (a line's start: the text's and each one after a line break, where the pattern is tried)
    starts = [0, *(at + 1 for at in scan.places_of(text, "\n", context.report.places))]
    for match in scan.matches_at(_COMMA_NUMBER, text, starts):
        number = match.group("number")
        own = (
            f"{number}" if number.startswith("(") else f"{number}、" if not number.isdigit() else f"{number}."
        )
        findings.append(
            context.finding(
                "punct.number_comma",
                WARNING,
                f"标题编号“{number}”后用了逗号，应写作“{own}”",
                match.start("number"),
                min(len(text), match.end() + 6),
                expected=own,
                found=f"{number},",
            )
        )
    return findings


RULES = (
    check_colon_chains,
    check_heading_run_on,
    check_run_together_scores,
    check_stale_scope_year,
    check_title_names,
    check_goal_against_indicators,
    check_project_names,
    check_total_against_lost_points,
    check_pause_misused,
    check_mark_before_closer,
    check_ellipsis,
    check_title_marks,
    check_straight_quotes,
    check_number_commas,
)
