"""The whole body's execution rate against the whole body's budget and spending, wherever each stands.

``rate.whole``: '预算执行率为97.00%' in the analysis, '调整后预算1,250.00万元' and '实际支出1,187.50万元'
in the budget section (or in the form's 合计 row): the rate is the spending divided by the budget,
1,187.50÷1,250.00=95.00%. The rules that read a rate with the amounts of its own sentence leave a
rate stated alone; this one reads its members from the figure table, by their roles, as the year's
identity does: the body's spending (the role 执行, one value in the whole report) and its budgets
(调整后 first; 年初预算, 预算 and 下达 as other bases: a rate that fits any of them is not reported).

``parts.basic``: 基本支出 = 人员经费 + 公用经费, the three read the same way, wherever they stand.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.figures import Fig
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.parse import MONEY_UNITS
from jixiao.domain.checker.rules import bracketed_members, last_mark
from jixiao.domain.checker.rules_columns import _table_unit
from jixiao.domain.checker.rules_compare import of_kind, prose_money
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import HUNDRED, round_half_up

_NAMES = words("rules_whole.rate_names")
# a part named in the rate's sentence: a name of two characters or more before 项目/工程/子项/资金
# ('项目支出', '专项资金' are the money's parts, not a named project)
_NAMED_PART = re.compile(r"([\u4e00-\u9fff]{2,})(?:项目|工程|子项|专项)(?!支出|资金|经费)")
_OWN = ("本", "该", "整体", "部门整体", "全部", "所有", "本年度", "年度", "各", "本部门", "部门", "其中")
_BASES = ("调整后", "年初预算", "预算", "下达")
_TOTAL_ROWS = words("rules_whole.total_rows")


class _Member:
    """A member of the rate: its value in 元 (or in the table's unit), its rounding envelope, how it
    is shown, and where it stands."""

    __slots__ = ("base", "half", "shown", "start")

    def __init__(self, base: Decimal, half: Decimal, shown: str, start: int) -> None:
        self.base, self.half, self.shown, self.start = base, half, shown, start


def _of_fig(fig: Fig) -> _Member:
    printed = fig.quantity.text if fig.quantity is not None else format(fig.value, "f")
    return _Member(fig.base, fig.half, f"{fig.raw_label}{printed}{fig.unit}", fig.start)


_WHOLE_SUBJECTS = ("", "项目", "部门", "整体")


def _of_subject(context: CheckContext, subject: str) -> list[Fig]:
    """The prose's figures of the whole body (``subject`` "") or of one part of its money (项目支出 …)
    that name their stage: the whole amounts (no part of a list) for the whole, any for a part."""
    if not subject:
        return [
            f
            for f in prose_money(context)
            if f.parent is None and not f.per_unit and f.subject in _WHOLE_SUBJECTS and f.own_role
        ]
    # (a part listed after the whole takes the whole's stage: '全年支出…，其中项目支出103.48万元')
    return [f for f in prose_money(context) if not f.per_unit and f.role and f.subject.startswith(subject)]


def _members(context: CheckContext, subject: str = "") -> tuple[list[_Member], dict[str, list[_Member]]]:
    """The spending and the budgets (by role) of the whole body, or of one part of its money: the
    prose's, then a form's total row (the part's row) with its 执行数, 全年预算 and 年初预算 columns.
    Read once per subject for the rates and the shares alike."""
    read = context.memo.setdefault("rules_whole.members", {})
    if subject not in read:
        read[subject] = _read_members(context, subject)
    return read[subject]


def _read_members(context: CheckContext, subject: str) -> tuple[list[_Member], dict[str, list[_Member]]]:
    figs = _of_subject(context, subject)
    rows = (subject,) if subject else _TOTAL_ROWS
    # (支出决算: the year's spending; a part's stage may be its whole's)
    spent = [_of_fig(f) for f in figs if (f.own_role or f.role) in ("执行", "决算")]
    bases = {role: [_of_fig(f) for f in figs if (f.own_role or f.role) == role] for role in _BASES}
    for table in context.tables:
        done, budget, start = table.column("执行数"), table.column("全年预算"), table.column("年初预算")
        if done is None or (budget is None and start is None):
            continue
        unit = _table_unit(context.report, table.start)
        if unit is None:
            continue  # (a form's amounts in a unit it does not name are not compared with the prose's)
        scale = MONEY_UNITS[unit]
        for row in table.labelled_rows(rows)[:1]:
            for index, into in ((done, spent), (budget, bases["调整后"]), (start, bases["年初预算"])):
                cell = row.cell(index)
                if cell is not None and cell.value is not None:
                    shown = f"{row.label}{table.columns[index]}{cell.text}{unit}"
                    into.append(_Member(cell.value * scale, cell.half * scale, shown, cell.start))
    return spent, bases


def _one(members: list[_Member]) -> _Member | None:
    """The member when every statement of it agrees (in 元, or all in one table's unit), else None."""
    if not members:
        return None
    first = members[0]
    if any(abs(m.base - first.base) > m.half + first.half for m in members):
        return None
    return first


@rule(
    "rate.whole",
    "单独写出的预算执行率、占总支出的比重与全文的预算数、执行数（正文或自评表合计行）是否相符",
)
def check_whole_rate(context: CheckContext) -> list[Finding]:
    text = context.report.text
    percents = of_kind(context, "percent")
    rates = [
        q
        for q in percents
        if (q.label in _NAMES or _part_of(q.label) is not None) and not q.approx and q.value <= HUNDRED * 2
    ]
    shares = [q for q in percents if q.raw_label.rstrip("的为").endswith(_OF_THE_WHOLE) and not q.approx]
    if not rates and not shares:
        return []
    findings = _shares(context, shares) if shares else []
    if not rates:
        return findings
    read: dict[str, tuple] = {}
    for rate in rates:
        subject = _part_of(rate.label) or ""
        sentence = last_mark(text, "。;；\n", 0, rate.start) + 1  # (a ';' parts members of one sentence)
        amounts = [q for q in context.report.quantities_between(sentence, rate.start) if q.kind == "money"]
        if not subject and len(amounts) == 1:
            # '项目支出预算12,960,000.00元，执行率93.05%': a bare rate after a part's budget is the part's
            fig = context.figures.of(amounts[0])
            subject = next((part for part in _PARTS if fig is not None and fig.subject.startswith(part)), "")
        if amounts and not (subject and len(amounts) == 1 and _names_a_base(context, amounts[0], subject)):
            continue  # (a rate with amounts before it in its sentence is read with them; a part's rate
            # after the part's budget alone, '项目支出预算12,960,000.00元，执行率93.05%', with its spending elsewhere)
        if not amounts and bracketed_members(context, rate, context.data.rates["执行率"]) is not None:
            continue  # '执行率84.71%（实际支出…，年初预算…）': read with its bracket by rate.recompute
        named = _NAMED_PART.search(text, sentence, rate.start)
        if named is not None and named.group(1) not in _OWN:
            continue  # '质量追溯体系建设项目进度滞后，执行率为86.39%': the rate of a named part
        if subject not in read:
            spent_all, bases = _members(context, subject)
            spent = _one(spent_all)
            readings = [
                (role, member)
                for role in _BASES
                if (member := _one(bases[role])) is not None and member.base > 0
            ]
            read[subject] = (spent, bases, readings)
        spent, bases, readings = read[subject]
        if spent is None or not readings:
            continue
        finding = _rate_finding(context, rate, spent, bases, readings)
        if finding is not None:
            findings.append(finding)
    return findings


_PARTS = words("rules_whole.part_subjects")


def _part_of(label: str) -> str | None:
    """The part of the money a rate's label names ('项目支出执行率' → 项目支出), or None."""
    for part in _PARTS:
        if label.startswith(part) and label[len(part) :] in _NAMES:
            return part
    return None


def _names_a_base(context: CheckContext, quantity, subject: str) -> bool:
    fig = context.figures.of(quantity)
    return fig is not None and fig.subject.startswith(subject) and fig.own_role in _BASES


def _rate_finding(context: CheckContext, rate, spent: _Member, bases: dict, readings: list) -> Finding | None:
    """The rate against the spending over each base stated (none fits: a warning against the first)."""
    half = Decimal(5).scaleb(-(max(-rate.value.as_tuple().exponent, 0) + 1))
    fits = False
    # (any statement of any base the report gives: a rate on a base stated twice with two values,
    # on either of them, is the author's reading, not a slip of the rate)
    for base in (member for role in _BASES for member in bases[role] if member.base > 0):
        exact = spent.base * HUNDRED / base.base
        # the envelope of the quotient from the members' own rounding, and the rate's
        spread = HUNDRED * (spent.half + base.half * spent.base / base.base) / base.base
        if abs(exact - rate.value) <= half + spread:
            fits = True
            break
    if fits:
        return None
    _, base = readings[0]
    if spent.base > base.base:
        return None  # more spent than the budget: the two are not the year's budget and its spending
    shown = round_half_up(spent.base * HUNDRED / base.base, 2)
    return context.finding(
        "rate.whole",
        WARNING,
        f"“{rate.label}”写{rate.text}%，但{context.report.section_at(spent.start)}中"
        f"{spent.shown}÷{base.shown}={shown}%",
        rate.start,
        rate.end,
        expected=f"{shown}%",
        found=f"{rate.text}%",
    )


_OF_THE_WHOLE = tuple(f"占{word}" for word in words("rules_whole.whole_spending"))


def _shares(context: CheckContext, shares: list) -> list[Finding]:
    """'项目支出356.25万元，占总支出的32.00%': the one amount of the share's sentence over the body's
    whole spending stated elsewhere (the role 执行, one value in the report)."""
    text = context.report.text
    spent = _one(_members(context)[0])
    if spent is None or spent.base <= 0:
        return []
    findings = []
    for share in shares:
        sentence = last_mark(text, "。\n", 0, share.start) + 1
        amounts = [q for q in context.report.quantities_between(sentence, share.start) if q.kind == "money"]
        if len(amounts) != 1 or amounts[0].role != "level" or amounts[0].approx:
            continue  # (the whole in the same sentence: read with it by rate.recompute)
        part = amounts[0]
        if part.base_value >= spent.base:
            continue
        exact = part.base_value * HUNDRED / spent.base
        half = Decimal(5).scaleb(-(max(-share.value.as_tuple().exponent, 0) + 1))
        spread = HUNDRED * (context.report.half_unit(part) + spent.half) / spent.base
        if abs(exact - share.value) <= half + spread:
            continue
        shown = round_half_up(exact, 2)
        findings.append(
            context.finding(
                "rate.whole",
                WARNING,
                f"“{share.raw_label.strip()}”写{share.text}%，但{part.raw_label.strip()}{part.text}{part.unit}"
                f"÷{spent.shown}（{context.report.section_at(spent.start)}）={shown}%",
                share.start,
                share.end,
                expected=f"{shown}%",
                found=f"{share.text}%",
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# 基本支出 = 人员经费 + 公用经费, each member wherever the report states it

_BASIC_MEMBERS = (("基本支出",), ("人员经费",), ("日常公用经费", "公用经费"))
_ACTUAL, _PLANNED = ("执行", "决算"), ("调整后", "预算", "年初预算")


def _basic_member(fig: Fig) -> int | None:
    subject = fig.subject
    for index, names in enumerate(_BASIC_MEMBERS):
        if any(subject.startswith(name) for name in names):
            return index
    return None


@rule("parts.basic", "基本支出与人员经费、公用经费之和（全文各写一次，同一口径）是否相符")
def check_basic_spending(context: CheckContext) -> list[Finding]:
    """基本支出 = 人员经费 + 公用经费: the three stated anywhere in the report (one sentence each, or
    one), each with one value among the figures of the same stage (actual: 执行/决算; planned:
    预算/调整后/年初预算) of the whole body and the year evaluated. A member stated with two values,
    or not at all, leaves the stage unread."""
    text = context.report.text
    if "人员经费" not in text or "公用经费" not in text or "基本支出" not in text:
        return []
    findings = []
    for stage in (_ACTUAL, _PLANNED):
        members: list[list[Fig]] = [[], [], []]
        for fig in prose_money(context):
            if fig.per_unit or (fig.own_role and fig.own_role not in stage) or fig.role not in stage:
                continue
            if fig.year and fig.year != context.fiscal_year:
                continue
            index = _basic_member(fig)
            if index is not None:
                members[index].append(fig)
        chosen = [_one([_of_fig(f) for f in found]) for found in members]
        if any(member is None for member in chosen):
            continue
        basic, people, public = chosen
        envelope = basic.half + people.half + public.half
        added = people.base + public.base
        if abs(added - basic.base) <= envelope:
            continue
        like = members[0][0]
        findings.append(
            context.finding(
                "parts.basic",
                WARNING,
                f"基本支出与人员经费、公用经费之和不符：{people.shown}+{public.shown}={_in(added, like)}，"
                f"而{basic.shown}，相差{_in(abs(added - basic.base), like)}",
                members[0][0].start,
                members[0][0].end,
                expected=_in(added, like),
                found=basic.shown,
            )
        )
    return findings


def _in(value: Decimal, like: Fig) -> str:
    scale = MONEY_UNITS.get(like.unit, Decimal(1))
    return f"{round_half_up(value / scale, 2)}{like.unit}"


RULES = (check_whole_rate, check_basic_spending)
