"""A list of the money's sources or uses that stands apart from the total it breaks down.

``list.whole``: '资金来源：中央资金600.00万元，省级资金300.00万元，县级配套130.00万元。' in one section and
'项目资金共1,000.00万元' in another. The rules of a total and its parts read a list only in the total's
own sentence (其中, 主要用于 after the figure); this one reads a list that opens a sentence of its own
(资金来源, 按资金来源分, 主要用于, 资金用途 …) and holds two money figures at least, against the
whole money of the report: the figures that name no part and no stage of their own other than the
money of the year (资金总额, 总投资, 项目资金, 年初预算, 下达, 到位, 调整后预算, 实际支出 …), read by the
figure table's roles. The list fits when its sum is any of those (the sources of what arrived, the
uses of what was spent). A list of sources that fits none is reported; a list of uses only when it
adds up to more than every whole figure ('主要用于' may name the main uses only). A warning: which
whole the writer meant is not certain.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.checker.base import CheckContext, of_the_project, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.rules import amount_like
from jixiao.domain.checker.rules_compare import prose_money
from jixiao.domain.checker.vocabulary import words

_SOURCES = words("rules_listed.source_markers")  # 资金来源, 按资金来源分 …
_USES = words("rules_listed.use_markers")  # 主要用于, 资金用途, 按用途分 …
_WHOLE_ROLES = frozenset(words("rules_listed.whole_roles"))  # 预算, 下达, 到位, 执行 …
_MARKERS = tuple(sorted((*_SOURCES, *_USES), key=len, reverse=True))
# what may stand between the sentence's start and the marker: a heading number, the project
_LEAD = re.compile(r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?(?:本项目|项目|该项目)?")
# after the marker, before the list: '情况', '为', ':' … ('（一）资金来源。中央…': a heading of the sentence after it)
_AFTER = re.compile(r"(?:情况)?(?:为|是|如下)?[:：,，。]?")
ZERO = Decimal(0)
_COMPLEX = re.compile("|".join(map(re.escape, words("rules_listed.complex_words"))))
_NOT_WHOLE = words("rules_listed.not_whole")
_TOTAL_FIRST = re.compile(r"[\u4e00-\u9fff]{0,8}中[，,]")
# a total named by no stage: the project's, no part's ('项目资金共1,000.00万元', '项目总投资…')
_WHOLE_LABELS = ("资金总额", "总投资", "投资总额", "资金")
# the project's own besides those of_the_project allows ('该项目总投资' leaves 该项目, '项目总投资' 项目总)
_OWN_SUBJECTS = ("本项目", "该项目", "项目总", "总")


def _wholes(context: CheckContext) -> list:
    """The report's figures of the whole money: no part of a list, no subject but the project's own
    (or a name the title holds: '学生资助补助经费共下达资金…' in the report on it), no change."""
    return [
        f
        for f in prose_money(context)
        if f.parent is None
        and not f.per_unit
        and (f.subject in _OWN_SUBJECTS or of_the_project(context, f.subject))
        and not any(word in f.raw_label for word in _NOT_WHOLE)
        and (f.role in _WHOLE_ROLES or (not f.role and f.label.endswith(_WHOLE_LABELS)))
    ]


def _openings(text: str) -> list[tuple[str, int, int]]:
    """(marker, where the sentence starts, where its list starts) of each sentence that a marker
    opens (after a heading number or 项目 at most), in the order of the text."""
    found = {}
    for marker in _MARKERS:
        at = text.find(marker)
        while at >= 0:
            sentence = max(text.rfind(mark, 0, at) for mark in "。；;\n") + 1
            lead = _LEAD.match(text, sentence, at)
            if lead is not None and lead.end() == at and sentence not in found:
                found[sentence] = (marker, sentence, _AFTER.match(text, at + len(marker)).end())
            at = text.find(marker, at + len(marker))
    return [found[key] for key in sorted(found)]


@rule(
    "list.whole",
    "另起一句列出的资金来源（或用途）各项之和与报告中的资金总额（预算、下达、到位、支出）都对不上",
)
def check_lists_apart(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if not any(marker in text for marker in _MARKERS):
        return []
    figures = prose_money(context)
    all_wholes = _wholes(context)
    findings = []
    for marker, sentence, list_start in _openings(text):
        stop = min(
            (end for end in (text.find(mark, list_start) for mark in "。\n") if end >= 0), default=len(text)
        )
        if _COMPLEX.search(text, list_start, stop):
            continue  # '合计350.00万元', '分两批下达，即…', '其中…': a total and its parts, or parts of parts
        listed = [f for f in figures if list_start <= f.start < stop]
        if len(listed) < 2 or any(
            f.parent is not None or f.per_unit or f.unit != listed[0].unit for f in listed
        ):
            continue  # (a list with its own 其中 or a price in it is read by the rules of parts)
        added = sum((f.base for f in listed), ZERO)
        if any(f.base * 2 == added for f in listed) or _TOTAL_FIRST.match(text, listed[0].end):
            continue  # one of them is the others' total ('1,521.00万元产业资金中，中央…'), read as parts
        wholes = [f for f in all_wholes if not sentence <= f.start < stop]
        if not wholes:
            continue
        envelope = sum((f.half for f in listed), ZERO)
        if any(abs(added - w.base) <= envelope + w.half for w in wholes):
            continue  # the sources of what arrived, the uses of what was spent …
        sources = marker in _SOURCES
        if not sources and added <= max(w.base for w in wholes):
            continue  # '主要用于' may name the main uses only
        # the whole nearest the list's sum (the mildest claim of a gap), a total named by no stage first
        whole = min(wholes, key=lambda w: (abs(added - w.base), bool(w.role), -w.start))
        listing = "+".join(f.quantity.text if f.quantity is not None else str(f.value) for f in listed)
        what = "资金来源" if sources else "资金用途"
        findings.append(
            context.finding(
                "list.whole",
                WARNING,
                f"所列{what}{len(listed)}项之和{amount_like(added, listed[0].quantity)}（{listing}），"
                f"与报告中的“{whole.label}”{amount_like(whole.base, whole.quantity)}不符，"
                f"相差{amount_like(abs(added - whole.base), whole.quantity)}，也不等于文中其他的资金总数",
                listed[0].start,
                listed[-1].end,
                expected=amount_like(whole.base, whole.quantity),
                found=amount_like(added, listed[0].quantity),
            )
        )
    return findings


RULES = (check_lists_apart,)
