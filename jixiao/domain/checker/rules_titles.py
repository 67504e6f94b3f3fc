"""The report's title against what the report says of itself.

``title.self_declared``: the title calls the report a 评价报告 while the text presents itself as the
unit's own 自评 (“现将2024年度项目支出绩效自评情况报告如下”). ``title.year``: two titles of one
report in its opening lines (the file's or page's name and the document's own heading) name the
same unit and the same kind of report for different years.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.rules import has_word

# The title's own words: a title line ends with them (a page's collection name such as
# “…评价报告精选(15篇)” or “…评价报告[热门]” is not the report's title).
_EXTENSION = re.compile(r"(?:\.(?:docx?|pdf|wps))?\s*$", re.IGNORECASE)
_TITLE_END = re.compile(r"(?:评价|评估)报告(?:\.(?:docx?|pdf|wps))?\s*$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _declarations(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(patterns) or "(?!)")


@rule(
    "title.self_declared",
    "标题称“绩效评价报告”，正文却自称单位自评（“现将……自评情况报告如下”）：标题与正文的评价方式不一致",
)
def check_self_declared(context: CheckContext) -> list[Finding]:
    spec = context.data.wording.get("evaluation") or {}
    patterns = tuple(spec.get("self_declared") or ())
    report = context.report
    if not patterns or not has_word(report.text, "自评", report.places):
        return []
    opening = [p for p in report.paragraphs[:8] if not p.text.startswith("SOURCE") and len(p.text) <= 80]
    own = tuple(spec.get("self_title") or ())
    if any(_EXTENSION.sub("", p.text).endswith(own) for p in opening):
        return []  # a title naming the 自评 itself: two titles disagree, which title.body reports
    title = next((p for p in opening if "报告" in p.text), None)
    if title is None or not _TITLE_END.search(title.text):
        return []
    declared = _declarations(patterns).search(report.text, title.end)
    if declared is None:
        return []
    return [
        context.finding(
            "title.self_declared",
            WARNING,
            f"标题称“{_TITLE_END.search(title.text).group(0).strip()}”，正文却说“{declared.group(0)}”，"
            "是单位自评：标题与正文的评价方式不一致（应为“……绩效自评报告”？）",
            title.start,
            title.end,
            found=title.text,
        )
    ]


# A title line: the unit's name, the year, then the kind of report; a page's “TITLE:” label, a
# list number (“1、”) or the book-title marks of a file name may stand before it.
_TITLE_LINE = re.compile(
    r"^(?:TITLE[:：]\s*|标题[:：]\s*)?(?:\d{1,2}[、.．]\s*)?《?"
    r"(?P<name>[\u4e00-\u9fff()（）]{3,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年度?"
    r"(?P<rest>[\u4e00-\u9fff\s()（）]{4,40})"
)


def _titles(context: CheckContext) -> list[tuple[str, str, str, int, str]]:
    """The title lines among the first paragraphs: (name, year, kind, where the year starts, what the
    kind ends with: 报告, 自评表 or 评价表), read once (title.year and title.type both ask)."""
    titles = context.memo.get("rules_titles.titles")
    if titles is not None:
        return titles
    titles = context.memo["rules_titles.titles"] = []
    for paragraph in context.report.paragraphs[:12]:
        if "年" not in paragraph.text:
            continue  # (no year: no title line; found at once, not by the pattern's tries)
        match = _TITLE_LINE.match(paragraph.text)
        if match is None:
            continue
        rest = re.sub(r"\s+", "", match.group("rest"))
        ends = [(at, word) for word in ("报告", "自评表", "评价表") if (at := rest.find(word)) >= 0]
        if not ends:
            continue
        at, word = min(ends)
        start = paragraph.start + match.start("year")
        titles.append((match.group("name"), match.group("year"), rest[:at], start, word))
    return titles


@rule(
    "title.type", "页面标题与正文标题的报告类型不一致：同一单位、同一年度，一个称部门整体支出，一个称项目支出"
)
def check_title_types(context: CheckContext) -> list[Finding]:
    """Two report titles of one unit and one year that differ only in the type of report (部门整体支出
    绩效自评报告 / 项目支出绩效自评报告: the types' detect words of outline.yaml, and 支出, aside)."""
    types = context.data.report_types
    if "xiangmu" not in types:
        return []
    whole, project = types["zhengti"].detect, types["xiangmu"].detect
    every = sorted({*whole, *project, "支出", "部门", "单位"}, key=len, reverse=True)

    def type_of(kind: str) -> str | None:
        return (
            "部门整体支出"
            if any(w in kind for w in whole)
            else "项目支出"
            if any(w in kind for w in project)
            else None
        )

    def rest_of(kind: str) -> str:
        for word in every:
            kind = kind.replace(word, "")
        return kind

    titles = [t for t in _titles(context) if t[4] == "报告"]  # (a project's 自评表 inside a whole report)
    for index, (name, year, kind, start, _) in enumerate(titles):
        for other, other_year, other_kind, _, _ in titles[:index]:
            if other != name or other_year != year:
                continue
            mine, theirs = type_of(kind), type_of(other_kind)
            if mine and theirs and mine != theirs and rest_of(kind) == rest_of(other_kind):
                return [
                    context.finding(
                        "title.type",
                        WARNING,
                        f"报告类型前后不一：前面称“{other}{other_year}年度{other_kind}报告”，"
                        f"这里称“{name}{year}年度{kind}报告”（{theirs}还是{mine}）",
                        start,
                        start + len(year) + 2 + len(kind) + 2,
                        expected=theirs,
                        found=mine,
                    )
                ]
    return []


@rule("title.year", "标题（文件名）与正文标题的年度不一致：同一单位、同一种报告写了两个年度")
def check_title_years(context: CheckContext) -> list[Finding]:
    titles = [t[:4] for t in _titles(context)]
    for index, (name, year, kind, start) in enumerate(titles):
        for other, other_year, other_kind, _ in titles[:index]:
            if other == name and other_kind == kind and other_year != year:
                return [
                    context.finding(
                        "title.year",
                        WARNING,
                        f"标题的年度前后不一：前面称“{other}{other_year}年度{kind}”，"
                        f"这里称“{name}{year}年度{kind}”",
                        start - len(name),
                        start + 4,
                        expected=other_year,
                        found=year,
                    )
                ]
    return []


# the body naming the year it reports on: '截至2024年12月31日', '2024年度部门整体支出', '2024年度…决算',
# '现将2024年度…'
_OWN_YEAR = re.compile(
    r"截至(?P<a>(?:19|20)\d{2})年12月31日"  # not '截至2023年底', which may be the baseline before the year
    r"|(?P<b>(?:19|20)\d{2})年度?(?:部门|单位)?(?:整体)?(?:支出|收支|预算|项目支出)?(?:决算|绩效自评|绩效评价|执行情况)"
    r"|现将(?P<c>(?:19|20)\d{2})年度?"
)
# failing those, the year of what the report's figures and work are about ('对2022年度项目开展了绩效
# 自评', '2022年项目预算', '2022年度自评得分'), read only where the title's year is written nowhere
_WORK_YEAR = re.compile(
    r"(?<![〔\[（(])((?:19|20)\d{2})年度?(?=项目|预算|支出|收入|资金|部门整体|决算|自评|绩效|全年|年初|年末|实际)"
)


# a table's caption giving its year on a line of its own: '(2023年度)' under 项目支出绩效自评表
_CAPTION_YEAR = re.compile(r"^[(（]((?:19|20)\d{2})年度?[)）]$", re.MULTILINE)
# where the subject named after the title's year ends: '城乡居民最低生活保障资金' of '…资金项目支出绩效自评报告'
_SUBJECT_END = re.compile(r"项目|部门|单位|整体|绩效|支出|自评|评价|报告|\s")


@rule(
    "title.body_year",
    "标题的年度与正文所说的年度不一致（标题2023年度，正文只说“截至2024年12月31日”“2024年度决算”）",
)
def check_title_against_body_year(context: CheckContext) -> list[Finding]:
    """One title naming year Y; the body names the year it reports on at least twice (截至Y'年12月31日,
    Y'年度…决算 …), always Y' ≠ Y, and never writes 'Y年' at all: the title's year is a slip (or the
    body's, when the title is right) — a warning either way."""
    report = context.report
    title = None
    for paragraph in report.paragraphs[:8]:
        match = _TITLE_LINE.match(paragraph.text)
        if match is not None and "报告" in match.group("rest"):
            title = (match, paragraph)
            break
    if title is None:
        return []
    match, paragraph = title
    year = match.group("year")
    # the page's title (TITLE: …) and the document's own heading under it are one title
    heading = match.group(0).removeprefix("TITLE:").removeprefix("标题:").strip()
    end = paragraph.end
    for later in report.paragraphs[:8]:
        if later.start >= end and later.text.strip().startswith(heading):
            end = later.end
            break
    body = report.text[end:]
    if f"{year}年" in body:
        return []
    said = [next(g for g in m.groups() if g) for m in _OWN_YEAR.finditer(body)]
    said += _CAPTION_YEAR.findall(body)
    subject = _SUBJECT_END.split(match.group("rest").strip(), maxsplit=1)[0]
    if len(subject) >= 4:  # '林口县2022年城乡居民最低生活保障资金项目…' and '2023年城乡居民最低生活保障资金'
        said += re.findall(rf"((?:19|20)\d{{2}})年度?{re.escape(subject)}", body)
    if len(said) < 2:
        said += _WORK_YEAR.findall(body)
    stated = set(said)
    if len(said) < 2 or len(stated) != 1 or year in stated:
        return []  # said once is too little to tell
    (other,) = stated
    start = paragraph.start + match.start("year")
    return [
        context.finding(
            "title.body_year",
            WARNING,
            f"标题称{year}年度，正文却只说{other}年（如“截至{other}年12月31日”“{other}年度……”），从未提到{year}年",
            start,
            start + 4,
            expected=other,
            found=year,
        )
    ]


RULES = (check_self_declared, check_title_years, check_title_types, check_title_against_body_year)
