"""A share whose part or whole is named, not printed, in its sentence.

'基本支出占支出合计的93.78%' after '支出合计18,402.18万元，其中基本支出17,256.90万元…' in the sentence
before; '工资福利支出占本年支出的72.21%' a paragraph after both figures; '卫生技术人员538人，占在职
职工的87.91%' with '年末在职职工612人' earlier. Each name is looked up among the figures stated
before the share in its chapter (the 一、 heading around it): the figure whose label is that name,
once the words that do not change what is measured are set aside (其中, 全年, 本年, 年末, 合计, 总额 …:
本年支出, 全部支出 and 支出合计 are one whole). A name stated there with two values is left alone.
"""

from __future__ import annotations

import re

from jixiao.domain.checker.base import CheckContext, major_section_span, overlaps, pct, show
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.parse import Quantity
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import HUNDRED, round_half_up

_NAMED = re.compile(
    r"(?P<part>[\u4e00-\u9fff]{2,14}?)?占(?P<whole>[\u4e00-\u9fff]{2,12}?)的(?:比重|比例)?(?:为|达|是)?$"
)
_CLAUSE_END = re.compile(r"[,;:。\n(（)）]")
_PREFIXES = words("shares.name_prefixes")
_TAILS = words("shares.name_tails")
_EARLIER = words("shares.earlier_years")


def name_of(label: str) -> str:
    """'本年支出', '全部支出', '支出合计', '总支出' → '支出'; '其中基本支出' → '基本支出'."""
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if label.startswith(prefix) and len(label) > len(prefix) + 1:
                label, changed = label[len(prefix) :], True
    for tail in _TAILS:
        if label.endswith(tail) and len(label) > len(tail) + 1:
            return label[: -len(tail)]
    return label


def share_by_names(context: CheckContext, share: Quantity) -> list[Finding]:
    report = context.report
    text = report.text
    clause_start = share.start
    while clause_start > 0 and not _CLAUSE_END.match(text, clause_start - 1):
        clause_start -= 1
    named = _NAMED.search(text, clause_start, share.start)
    if named is None:
        return []
    chapter = major_section_span(report, share.start, max_rank=1)
    if named.group("part"):
        part = _the_figure(context, name_of(named.group("part")), chapter[0], clause_start, None)
    else:  # '年末在职职工612人，其中卫生技术人员538人，占在职职工的87.91%': the figure before the comma
        before = report.quantities_between(max(0, clause_start - 30), clause_start)
        part = before[-1] if before and before[-1].end == clause_start - 1 else None
        if part is not None and (part.kind not in ("money", "count") or part.approx):
            part = None
    if part is None:
        return []
    whole = _the_figure(context, name_of(named.group("whole")), chapter[0], clause_start, part)
    if whole is None or whole.base_value <= part.base_value:
        return []
    if whole.base_value <= report.half_unit(whole) or share_fits(report, share, part, whole):
        return []
    return [
        share_finding(context, share, part, whole, WARNING, named.start(), report.section_at(whole.start))
    ]


def share_fits(report, share: Quantity, part: Quantity, whole: Quantity) -> bool:
    """The printed share is part ÷ whole, to its printed decimals or within the rounding of the
    printed figures."""
    n, un = part.base_value, report.half_unit(part)
    d, ud = whole.base_value, report.half_unit(whole)
    exact = n * HUNDRED / d
    return round_half_up(exact, share.decimals) == share.value or overlaps(
        (n - un) * HUNDRED / (d + ud), (n + un) * HUNDRED / (d - ud), share.value, share.half_unit()
    )


def share_finding(
    context: CheckContext,
    share: Quantity,
    part: Quantity,
    whole: Quantity,
    severity: str,
    start: int,
    where: str = "",
) -> Finding:
    """'占比与金额不符：“基本支出”…÷“全年支出”…=…，报告写…%' (``where``: the section of a whole stated
    away from the share)."""
    expected = pct(part.base_value * HUNDRED / whole.base_value, share.decimals)
    return context.finding(
        "rate.recompute",
        severity,
        f"占比与{'金额' if part.kind == 'money' else '数字'}不符：“{part.label}”{show(part)}÷"
        f"“{whole.label.removeprefix('占')}”{show(whole)}{f'（{where}）' if where else ''}={expected}，"
        f"报告写{share.text}%",
        start,
        share.end,
        expected=expected,
        found=f"{share.text}%",
    )


def _the_figure(
    context: CheckContext, name: str, low: int, high: int, like: Quantity | None
) -> Quantity | None:
    """The one value stated for ``name`` in [low, high): amounts of this year, or counts in the unit
    of ``like``; None when the name is not there or has two values."""
    if len(name) < 2:
        return None
    found = [
        q
        for q in context.report.quantities_between(low, high)
        if q.kind in ("money", "count")
        and q.role == "level"
        and not q.approx
        and (like is None or (q.kind == like.kind and (q.kind == "money" or q.unit == like.unit)))
        and not any(word in q.raw_label for word in _EARLIER)
        and name_of(q.label) == name
    ]
    if len({q.base_value for q in found}) != 1:
        return None
    return found[-1]
