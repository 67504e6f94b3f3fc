"""Spending against its budget in one sentence: “三公经费预算5万元，实际支出4.2万元，比预算减少0.6万元”.
The change must be the difference of the two printed figures and go the way its word says."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import (
    ZERO,
    CheckContext,
    amount_like,
    major_section_span,
    plain,
    rule,
    section_span,
    title_lines,
)
from jixiao.domain.checker.config import any_word
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.parse import Quantity
from jixiao.domain.checker.rules import (
    FORECAST_WORDS,
    check_year_on_year_arithmetic,
    first_mark,
    has_any,
    has_word,
    last_mark,
    long_text_index,
    word_starts,
)
from jixiao.domain.checker.statements import ITEM_NUMBER
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import round_half_up


def matches_in(pattern: re.Pattern, text: str, places: scan.CharIndex | None) -> Iterable[re.Match]:
    """``pattern.finditer(text)`` for a pattern whose every match opens with one of a few characters
    (a literal word): in a long text tried only where they stand (from its CharIndex, ``places``),
    in a short one scanned by the regex engine (which reads it faster than the look-ups cost)."""
    places = long_text_index(text, places)
    return pattern.finditer(text) if places is None else scan.finditer(pattern, text, places)


def first_match_in(pattern: re.Pattern, text: str, places: scan.CharIndex | None) -> re.Match | None:
    """``pattern.search(text)``, read as :func:`matches_in` reads the matches."""
    places = long_text_index(text, places)
    return pattern.search(text) if places is None else scan.search(pattern, text, places)


def _sentence_start(text: str, position: int, stops: str = "。\n;") -> int:
    return last_mark(text, stops, 0, position) + 1


def _by_kind(context: CheckContext) -> tuple[dict, dict]:
    found = context.memo.get("rules_compare.by_kind")
    if found is None:
        quantities: dict[str, list[Quantity]] = {}
        indices: dict[str, list[int]] = {}
        for index, quantity in enumerate(context.report.quantities):
            kind = quantity.kind
            if kind in quantities:  # (no setdefault: a list made for each quantity, twice)
                quantities[kind].append(quantity)
                indices[kind].append(index)
            else:
                quantities[kind] = [quantity]
                indices[kind] = [index]
        found = context.memo["rules_compare.by_kind"] = (quantities, indices)
    return found


def of_kind(context: CheckContext, kind: str) -> list[Quantity]:
    """The report's quantities of one kind (money, percent, count, points), in order: sorted out
    once for the rules that read one kind only, not each from all the quantities."""
    return _by_kind(context)[0].get(kind, [])


def indices_of_kind(context: CheckContext, kind: str) -> list[int]:
    """Where the quantities of one kind stand in ``report.quantities``, in order."""
    return _by_kind(context)[1].get(kind, [])


def prose_money(context: CheckContext) -> list:
    """The figures of the prose that are amounts of money, neither a change nor approximate (in
    their order): listed once for the rules that read them (quantity.conflict, balance.identity,
    sangong.over_budget, claim.none), not each from every figure."""
    found = context.memo.get("rules_compare.prose_money")
    if found is None:
        found = [f for f in context.figures.prose() if f.kind == "money" and not f.change and not f.approx]
        context.memo["rules_compare.prose_money"] = found
    return found


def _printed(stated: Decimal) -> tuple[int, Decimal]:
    """The decimals a figure was printed with, and half its last digit (its rounding envelope)."""
    places = max(-stated.as_tuple().exponent, 0)
    return places, Decimal(5).scaleb(-(places + 1))


def _shown(value: Decimal, places: int) -> str:
    return format(round_half_up(value, places), "f")


# the starts of the figures a rule found stated twice with two values (quantity.conflict,
# count.conflict): figure.transposed, run after them, stays silent on these
CONFLICT_REPORTED = "rules_compare.conflict_reported"


def _stated_twice(context: CheckContext, rule_id: str, label: str, first, quantity) -> Finding:
    """'“预算执行率”前后不一致：前面写97.8%（一、…），这里写97.5%'."""
    context.memo.setdefault(CONFLICT_REPORTED, set()).update((first.start, quantity.start))
    earlier, here = f"{first.text}{first.unit}", f"{quantity.text}{quantity.unit}"
    return context.finding(
        rule_id,
        WARNING,
        f"“{label}”前后不一致：前面写{earlier}（{context.report.section_at(first.start)}），这里写{here}",
        quantity.start,
        quantity.end,
        expected=earlier,
        found=here,
    )


_AGAINST_BUDGET = re.compile(
    r"(?:比|较)(?:年初|全年|调整后)?(?:预算|预算数|计划数|计划)(?:相比)?,?"
    r"(?P<word>减少|节约|节支|少支出|下降|降低|增加|超支|多支出|超出)了?(?=\d)"
)
# '政府采购预算50万元，实际采购48万元，节约资金2万元': the saving right after the actual figure
_SAVING = re.compile(r"(?P<word>节约|节省|节支)(?:资金|金额|财政资金)?(?=\d)")
_LESS = words("rules_compare.less")
_BUDGET_ROLES = ("预算", "年初预算", "调整后")


@rule("budget.difference", "“比预算减少/节约/超支X”与同一句中预算数、实际数之差是否相符")
def check_against_budget(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    if "预算" not in text and "计划" not in text:
        return []
    findings = []
    against = scan.finditer(_AGAINST_BUDGET, text, report.places)  # from 比 and 较, as the index has them
    matches = sorted([*against, *scan.finditer(_SAVING, text, report.places)], key=lambda m: m.start())
    for match in matches:
        delta = report.quantity_starting(match.end())
        if delta is None or delta.kind != "money" or delta.approx:
            continue
        sentence_start = _sentence_start(text, match.start())
        before = [
            q
            for q in report.quantities_between(sentence_start, match.start())
            if q.kind == "money" and not q.approx and q.role == "level"
        ]
        if len(before) < 2:
            continue
        actual = before[-1]
        if match.re is _SAVING and text[match.start() - 1 : match.start()] not in (",", "，"):
            continue
        if (fig := context.figures.of(actual)) is not None and fig.parent is not None:
            continue  # '实际采购92.38万元，其中货物类…，服务类56.78万元，节约…': the last of a 其中 list
        gap = text[actual.end : match.start()]
        if gap.strip(",， ") if match.re is _AGAINST_BUDGET else gap not in (",", "，"):
            continue  # the change is not said of the figure right before it
        budgets = [
            q
            for q in before[:-1]
            if (fig := context.figures.of(q)) is not None and fig.own_role in _BUDGET_ROLES
        ]
        if len(budgets) != 1:
            continue
        budget = budgets[0]
        difference = actual.base_value - budget.base_value
        envelope = report.half_unit(actual) + report.half_unit(budget) + report.half_unit(delta)
        word = match.group("word")
        said_less = word in _LESS
        if difference and abs(difference) > envelope and (difference < 0) != said_less:
            findings.append(
                context.finding(
                    "budget.difference",
                    ERROR,
                    f"预算{budget.text}{budget.unit}、实际{actual.text}{actual.unit}，"
                    f"应为{'减少' if difference < 0 else '增加'}，报告却写“{word}”",
                    budget.start,
                    delta.end,
                    expected="减少" if difference < 0 else "增加",
                    found=word,
                )
            )
            continue
        if abs(abs(difference) - delta.base_value) > envelope:
            shown = amount_like(abs(difference), actual)
            findings.append(
                context.finding(
                    "budget.difference",
                    ERROR,
                    f"与预算的差额不符：预算{budget.text}{budget.unit}与实际{actual.text}{actual.unit}"
                    f"相差{shown}，报告写{word}{delta.text}{delta.unit}",
                    budget.start,
                    delta.end,
                    expected=shown,
                    found=f"{delta.text}{delta.unit}",
                )
            )
    return findings


_PER = "期|次|场|批|个|所|户|人|村|家|班|院|支|校|乡镇|乡|镇|站|队|季度|季|月"
_AVERAGE = re.compile(
    rf"(?:平均每(?P<per>{_PER})|(?P<short>场|村|校|院|站|队|笔|件|季|月)均)"
    r"[\u4e00-\u9fff]{0,6}?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>人次|人|户|亿元|万元|元|次|个|场|件|名|小时|天|笔)"
)
_EVENT = r"(?<![\d.,])(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:个|家|所|座|支|名)?[\u4e00-\u9fff]{{0,5}}?(?:{per})"
# '3,260.00万元' whole, not its '260.00万元'
_AMOUNT = r"(?<![\d.])(?P<m>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<u>{unit})(?![\u4e00-\u9fff]{{0,2}}平均)"
_MONEY_SCALE = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_PER_YEAR = {"月": 12, "季": 4, "季度": 4}


@rule("average.recompute", "“平均每期N人次”“月均N件”等平均数与同一句中的总数÷个数是否相符")
def check_averages(context: CheckContext) -> list[Finding]:
    """'全年共开展培训12期，培训妇女1200人次，平均每期培训120人次': 1200 ÷ 12 = 100. The count of
    the 'per' unit and the total of the average's unit are looked for earlier in the same sentence;
    a sentence with several of either is left alone. A mean per month (月均, 平均每月) or quarter of a
    year's total divides by 12 or 4; amounts may be in another money unit ('全年归集6.35亿元，月均
    归集5,291.67万元')."""
    text = context.report.text
    places = context.report.places
    findings = []
    # every match holds its 均 right after its first character ('平均每…', '月均…'): tried only there
    for match in scan.finditer_around(_AVERAGE, text, "均", (1,), places):
        per = match.group("per") or match.group("short")
        sentence_start = _sentence_start(text, match.start())
        before = text[sentence_start : match.start()]
        unit = match.group("unit")
        money = unit in _MONEY_SCALE
        if unit == per:
            continue
        if per in _PER_YEAR:
            if not any(word in before for word in ("全年", "年度", "本年", "当年")):
                continue  # a mean per month of what? only a year's total is divided by 12
            count, event = _PER_YEAR[per], f"{_PER_YEAR[per]}个{per}"
        else:
            events = list(re.finditer(_EVENT.format(per=re.escape(per)), before))
            if len(events) != 1:
                continue
            count, event = int(events[0].group("n").replace(",", "")), events[0].group()
        units = "亿元|万元|元" if money else re.escape(unit)
        amounts = [
            m
            for m in re.finditer(_AMOUNT.format(unit=units), before)
            if not before[m.end() : m.end() + 1].isdigit()
        ]
        if len(amounts) != 1 or count == 0:
            continue
        amount = amounts[0]
        scale = _MONEY_SCALE[amount.group("u")] / _MONEY_SCALE[unit] if money else Decimal(1)
        total = Decimal(amount.group("m").replace(",", "")) * scale
        stated = Decimal(match.group("n").replace(",", ""))
        exact = total / count
        digits, half_stated = _printed(stated)
        if (
            abs(exact - stated)
            <= half_stated + _printed(Decimal(amount.group("m").replace(",", "")))[1] * scale / count
        ):
            continue
        shown = _shown(exact, digits)
        findings.append(
            context.finding(
                "average.recompute",
                WARNING,
                f"平均数与总数不符：{amount.group()}÷{event}={shown}{unit}，"
                f"报告写{match.group()[: match.start('n') - match.start()]}{match.group('n')}{unit}",
                sentence_start + amount.start(),
                match.end(),
                expected=f"{shown}{unit}",
                found=f"{match.group('n')}{unit}",
            )
        )
    return findings


# '按支出经济分类：…', '按功能分类，…', '按资金来源分：…': a grouping of one total; so is one by
# a kind of item with a word of dividing ('按学段分配：', '按补助对象分,') or a colon ('按工程内容:');
# '按合同内容,支付…' (as the contract says) divides nothing
_GROUPING_BY = "|".join(map(re.escape, words("rules_compare.grouping_by")))
_GROUPING = re.compile(
    r"按(?:支出|收入)?(?:经济|功能|性质|项目|资金来源|来源|用途|科目)(?:分类|性质)?(?:分|划分|统计)?(?:看)?"
    r"(?:[:：,，]\s*|\s*其?构成(?:为|是)|(?=\S))"
    rf"|按[\u4e00-\u9fff]{{0,4}}?(?:{_GROUPING_BY})(?:(?:分类|分配|划分|安排|分)[:：,，]|[:：])\s*"
    # '从资金来源看，…', '从经济分类看：…'
    r"|从(?:支出)?(?:经济|功能|资金来源|来源|用途|支出性质|性质)(?:分类)?(?:来看|看)[:：,，]\s*"
)
# the numbering of a heading right before a grouping ('（三）按功能分类。')
_HEADING_NUMBER = re.compile(
    r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])\s*"
)


def _heads_a_section(text: str, marker: re.Match) -> bool:
    """The grouping is a heading of its own: a numbering, and nothing else, before it on its line."""
    return (
        _HEADING_NUMBER.fullmatch(text, text.rfind("\n", 0, marker.start()) + 1, marker.start()) is not None
    )


# what a single grouping divides, named right before it ('项目资金按学段分配：')
_GROUPED_WHOLE = re.compile(r"([\u4e00-\u9fff]{2,10}?(?:资金|经费|支出|预算))$")
_ASIDE_OPEN = "(（"
# the whole a grouping divides, named at the head of its list ('本年支出中，…', '全年支出中:')
_WHOLE_AFTER = re.compile(r"\s*([\u4e00-\u9fff]{2,10}?(?:资金|经费|支出|预算|收入))中[,，:：]")
_WHOLE_REACH = 800  # characters back from such a grouping to the statement of its whole


def _grouping_name(marker: re.Match) -> str:
    return re.sub(r"\s*其?构成(?:为|是)$", "", marker.group().rstrip(":：,， "))


@rule(
    "breakdown.groupings",
    "同一合计按不同分类（经济分类、功能分类、资金来源…）列出的各项之和是否相等、是否等于合计",
)
def check_groupings(context: CheckContext) -> list[Finding]:
    """Two or more groupings ('按经济分类：…；按功能分类：…') in one paragraph or in consecutive
    sentences of one section, each listing two or more amounts: every grouping's sum is the same
    total, within the rounding envelope of its printed items. When a total is stated right before the
    first grouping (支出合计…), each sum must be that total. A grouping paired with none is held
    against the whole named right before its 按 (:func:`_grouping_against_its_whole`)."""
    report = context.report
    text = report.text
    if "按" not in text and "从" not in text:
        return []
    markers = list(matches_in(_GROUPING, text, report.places))  # (tried at each 按 and 从 only)
    if not markers:
        return []
    findings = []
    groups = []
    headings: set[int] = set()  # the groupings that are headings of their own, their list after them
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        stop = first_mark(text, "。\n", marker.end(), end)
        if stop <= marker.end() + 1 and _heads_a_section(text, marker):
            # '（三）按功能分类。本年支出中，A…，B…。': a heading that names the grouping of the
            # sentence after it
            stop = first_mark(text, "。\n", stop + 1, end)
            headings.add(marker.start())
        items = [
            q
            for q in report.quantities_between(marker.end(), stop)
            if q.kind == "money"
            and q.role == "level"
            and not q.approx
            # '…，其中A1…' lists a part of an item; '按功能分类，其中A、B、C' opens the list itself
            and not (q.raw_label.startswith("其中") and q.start - len(q.raw_label) > marker.end() + 1)
            and not text.startswith("中", q.end)  # '本年支出100万元中，…': the whole, not an item
            and not _in_aside_of_an_item(text, marker.end(), q)
        ]
        groups.append((marker, items, stop))
    paired = set()
    for (first, items_a, _), (second, items_b, stop_b) in pairwise(groups):
        if (
            len(items_a) < 2
            or len(items_b) < 2
            or (
                section_span(report, first.start()) != section_span(report, second.start())
                # ('（二）按经济分类。…（三）按功能分类。…': two headings, each a grouping of one total)
                and not (first.start() in headings and second.start() in headings)
            )
        ):
            continue
        if second.start() - first.start() > 600:
            continue
        paired.update((first.start(), second.start()))
        sum_a = sum((q.base_value for q in items_a), ZERO)
        sum_b = sum((q.base_value for q in items_b), ZERO)
        envelope = sum((report.half_unit(q) for q in (*items_a, *items_b)), ZERO)
        if abs(sum_a - sum_b) <= envelope:
            continue
        like = items_b[0]
        findings.append(
            context.finding(
                "breakdown.groupings",
                ERROR,
                f"同一合计的两种分类不一致：“{_grouping_name(first)}”各项之和"
                f"{amount_like(sum_a, like)}（{'+'.join(q.text for q in items_a)}），"
                f"“{_grouping_name(second)}”各项之和{amount_like(sum_b, like)}"
                f"（{'+'.join(q.text for q in items_b)}），相差{amount_like(abs(sum_a - sum_b), like)}",
                second.start(),
                stop_b,
                expected=amount_like(sum_a, like),
                found=amount_like(sum_b, like),
            )
        )
    for marker, items, stop in groups:
        if len(items) >= 2 and marker.start() not in paired:
            findings.extend(_grouping_against_its_whole(context, marker, items, stop))
    return findings


def _in_aside_of_an_item(text: str, start: int, quantity: Quantity) -> bool:
    """'基本支出1802.16万元(人员经费1598.40万元、公用经费203.76万元)', '村医补助2316000元(每人每年
    6000元)': a figure in a bracket opened after an item's amount is about that item, not an item."""
    opened = max(text.rfind(mark, start, quantity.start) for mark in _ASIDE_OPEN)
    if (
        opened <= start
        or text.find(")", opened, quantity.start) >= 0
        or text.find("）", opened, quantity.start) >= 0
    ):
        return False
    return text[opened - 1 : opened] == "元"


def _grouping_against_its_whole(
    context: CheckContext, marker: re.Match, items: list, stop: int
) -> list[Finding]:
    """'项目资金总额9856400元，其中…。项目资金按学段分配：小学6432600元、初中3323800元': a single
    grouping of a whole named right before 按 adds up to the last figure of that whole stated
    before it in its section (its label holds the name: '项目资金总额')."""
    report = context.report
    text = report.text
    clause_start = last_mark(text, ",，。;；:：\n", 0, marker.start()) + 1
    named = _GROUPED_WHOLE.search(text, clause_start, marker.start())
    low, _high = section_span(report, marker.start())
    if named is None or named.start() != clause_start:
        # '（三）按功能分类。本年支出中，A…': the whole named at the head of the list, stated earlier
        after = _WHOLE_AFTER.match(text, marker.end() + (text[marker.end() : marker.end() + 1] == "。"))
        if after is None or after.end() > stop:
            return []  # '…，按学段分配：' with other words before the name: not read
        named, clause_start = after, marker.start()
        low = max(0, marker.start() - _WHOLE_REACH)
    name = named.group(1)
    wholes = [
        q
        for q in report.quantities_between(low, clause_start)
        if q.kind == "money"
        and q.role == "level"
        and not q.approx
        and name in q.raw_label
        and not q.raw_label.startswith("其中")
    ]
    if not wholes:
        return []
    whole = wholes[-1]
    total = sum((q.base_value for q in items), ZERO)
    envelope = sum((report.half_unit(q) for q in (*items, whole)), ZERO)
    if abs(total - whole.base_value) <= envelope:
        return []
    return [
        context.finding(
            "breakdown.groupings",
            WARNING,
            f"“{_grouping_name(marker)}”各项之和{amount_like(total, whole)}（{'+'.join(q.text for q in items)}），"
            f"与前面的“{whole.raw_label.strip()}”{whole.text}{whole.unit}不符，相差{amount_like(abs(total - whole.base_value), whole)}",
            marker.start(),
            stop,
            expected=f"{whole.text}{whole.unit}",
            found=amount_like(total, whole),
        )
    ]


_KEY_RATES = words("rules_compare.key_rates")
_RATE_FILLERS = re.compile(
    r"^(?:(?:19|20)\d{2}年度?|本年度|全年度|本年|全年|年度|部门|单位|整体|总体|的|为|达到|是|:"
    r"|[我本该](?:局|委|办|院|会|馆|所|站|中心|单位|部门))+|(?:为|达到|达|是|:)+$"
)


@rule("rate.conflict", "同一个整体比率（预算执行率、资金到位率…）在两处写成不同的值")
def check_rate_conflicts(context: CheckContext) -> list[Finding]:
    """'预算执行率为97.8%' in one place and '预算执行率97.5%' in another, both about the whole body
    (the label names nothing but the rate), neither a change nor approximate."""
    seen: dict[str, object] = {}
    findings = []
    for quantity in of_kind(context, "percent"):
        if quantity.approx or quantity.role != "level":
            continue
        label = _RATE_FILLERS.sub("", quantity.raw_label.strip())
        if label not in _KEY_RATES:
            continue  # (most rates: tested before the threshold and the forecast, which need the text)
        if _threshold_or_cell(context, quantity) or _forecast(context.report.text, quantity.start):
            continue
        if quantity.year and context.fiscal_year and quantity.year != context.fiscal_year:
            continue
        if _of_a_part(context, quantity):
            continue  # '中央资金完成636.75万元,预算执行率81.97%': the rate of that money
        first = seen.setdefault(label, quantity)
        if first is quantity or abs(first.value - quantity.value) <= first.half_unit() + quantity.half_unit():
            continue
        findings.append(_stated_twice(context, "rate.conflict", label, first, quantity))
    return findings


def _forecast(text: str, position: int) -> bool:
    """The sentence forecasts ('预计到12月底，全年支出…，预算执行率96.00%'): not what was done."""
    start = last_mark(text, "。;；\n", 0, position) + 1
    return any(word in text[start:position] for word in FORECAST_WORDS)


_THRESHOLD_BEFORE = words("rules_compare.threshold_before")
_THRESHOLD_AFTER = words("rules_compare.threshold_after")


def _threshold_or_cell(context: CheckContext, quantity) -> bool:
    """'预算完成率达到100%得3分' is a scoring rule's threshold, and a form's cells are the form's.
    A count followed by 的 is one only when points follow ('培训达到100人的得2分'), not when what
    the counted things have does ('受益学校21所的寄宿生')."""
    paragraph = context.report.paragraph_at(quantity.start)
    if paragraph is not None and "|" in paragraph.text:
        return True
    text = context.report.text
    if quantity.raw_label.rstrip().endswith(_THRESHOLD_BEFORE):
        return True
    if not text.startswith(_THRESHOLD_AFTER, quantity.end):
        return False
    if quantity.kind == "count" and text.startswith("的", quantity.end):
        return _SCORED.search(text, quantity.end, min(len(text), quantity.end + 12)) is not None
    return True


_SCORED = re.compile(r"[得扣]\d|[得扣]满分|不得分")


_FUND_OPENING = re.compile(
    r"[\u4e00-\u9fff()（）]{2,24}?(?:资金|经费|补助|补贴)(?=全年|共|当年|本年|,|，|:|：)"
)


def _of_a_named_fund(context: CheckContext, rate) -> bool:
    """'天然商品林管护补助资金全年共…万元,当年未使用,预算执行率0%': a sentence that opens by naming
    one fund speaks of that fund's rate, not the whole body's."""
    text = context.report.text
    start = last_mark(text, "。;；\n", 0, rate.start) + 1
    return _FUND_OPENING.match(text, start, rate.start) is not None


# an item of an enumeration opening the rate's clause ('①森林防火补助支付21万元,资金执行率30.88%;②…'):
# the rate of that item, not of the whole


_CIRCLED = re.compile(r"[\u2460-\u2473\u2776-\u277f]")  # ① … ⑳, ❶ … ❿


def _of_a_part(context: CheckContext, rate) -> bool:
    if _of_a_named_fund(context, rate):
        return True
    text = context.report.text
    clause = last_mark(text, "。;；\n", 0, rate.start) + 1
    if _CIRCLED.search(text, clause, rate.start) is not None or ITEM_NUMBER.match(text, clause):
        return True
    before = context.report.quantities_between(max(0, rate.start - 40), rate.start - len(rate.raw_label))
    if not before or before[-1].kind != "money":
        return False
    amount = before[-1]
    if context.report.text[amount.end : rate.start - len(rate.raw_label)] not in (",", "，", ";", "；"):
        return False
    fig = context.figures.of(amount)
    return fig is not None and (bool(fig.subject) or fig.parent is not None)


_TOTAL_WORD = re.compile(r"(?<!公)共|合计|总计|累计|总额")  # not the 共 of 一般公共
_NOT_AN_ITEM = re.compile(  # (共 of a place's name is none: '拨付共和镇…')
    r"其中|共(?![\u4e00-\u9fff]{1,2}(?:镇|乡|村|县|区|市|街道|社区)$)|合计|总计|累计|占|比|增|减|每|人均|平均|约|近|超|余|上年|去年|可用|可支配|结转|结余"
)
_ITEM_GAP = re.compile(r"^[,;、:]\s*[^\d,;:。!?\n]{1,24}$")
_WHOLE_LIST = ("分别", "具体为", "具体是")


@rule(
    "list.total_before",
    "合计在前、各项在后（“共下达资金100万元，A项目40万元，B项目30万元…”）：各项之和与合计是否相符",
)
def check_total_before_items(context: CheckContext) -> list[Finding]:
    """A figure whose label says it is a total (共…/合计/总计/累计), then ',' or ':', then the rest of the
    sentence only items 'label amount' of the same unit. More than the total is an error; less is an
    error after ':' (the list is the breakdown) and a warning after ',' (it may name only some)."""
    report = context.report
    text = report.text
    findings = []
    for total in of_kind(context, "money"):
        if total.role != "level" or total.approx:
            continue
        if not _TOTAL_WORD.search(total.raw_label) or text[total.end : total.end + 1] not in (",", ":"):
            continue
        stop = first_mark(text, "。\n", total.end, len(text))
        following = report.quantities_between(total.end, stop)
        if len(following) < 2 or any(
            q.kind != "money" or q.role != "level" or q.approx or q.unit != total.unit for q in following
        ):
            continue
        previous_end = total.end
        for item in following:
            label_start = item.start - len(item.raw_label)
            if not _ITEM_GAP.match(text[previous_end:label_start] + item.raw_label) or _NOT_AN_ITEM.search(
                item.raw_label
            ):
                break
            previous_end = item.end
        else:
            if text[previous_end:stop].strip(" ,;"):
                continue  # the sentence goes on after the last amount
            mainly = "主要" in text[total.end : following[0].start]  # '主要为A、B': some of the items only
            # ('共拨付X万元，分别拨付A…、B…': 分别 names the whole list, as a colon does)
            whole_list = text[total.end] == ":" or text.startswith(_WHOLE_LIST, total.end + 1)
            findings.extend(_judge_total_before(context, total, following, whole_list, mainly))
    return findings


def _judge_total_before(
    context: CheckContext, total, items, colon: bool, mainly: bool = False
) -> list[Finding]:
    report = context.report
    found = sum((q.base_value for q in items), ZERO)
    envelope = sum((report.half_unit(q) for q in items), report.half_unit(total))
    difference = found - total.base_value
    if abs(difference) < envelope or difference == 0 or (mainly and difference < 0):
        return []
    severity = ERROR if difference > 0 or colon else WARNING
    listing = "+".join(q.text for q in items)
    more = "多" if difference > 0 else "少"
    return [
        context.finding(
            "list.total_before",
            severity,
            f"随后列出的{len(items)}项合计{amount_like(found, total)}（{listing}），比所述“{total.raw_label}”"
            f"{total.text}{total.unit}{more}{amount_like(abs(difference), total)}"
            + ("" if severity == ERROR else "；如果所列各项就是全部，则不相符"),
            total.start - len(total.raw_label),
            items[-1].end,
            expected=amount_like(found, total),
            found=f"{total.text}{total.unit}",
        )
    ]


# a count or a measure, with thousands commas and 万 before its unit ('210.5万亩', '1,286公里')
_COUNT_FIGURE = (
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>万?(?:期|次|场|个|人次|人|户|家|所|项|公里|平方米|亩|件|套|台|座|处|批|吨|头|只|株|剂次))"
)
_PLANNED = re.compile(r"(?:计划|目标|预期|年度目标|任务)[\u4e00-\u9fff“”]{0,10}?" + _COUNT_FIGURE)
_DONE_COUNT = re.compile(r"实际[\u4e00-\u9fff“”]{0,8}?" + _COUNT_FIGURE)
_COMPLETION = re.compile(r"完成率(?:为|达|达到|是|:)?(?P<p>\d+(?:\.\d+)?)%")
_FULL_CLAIM = re.compile(r"全面完成|全部完成|圆满完成|均已完成|如期完成")


@rule("count.completion", "“计划N期、实际完成M期”与随后的完成率、“全面完成”等说法是否相符")
def check_count_completion(context: CheckContext) -> list[Finding]:
    """In one sentence a planned count, an actual count of the same unit, and a completion rate
    (M ÷ N) or a claim of full completion while M < N."""
    text = context.report.text
    places = context.report.places
    if not has_word(text, "实际", places) or not (
        has_word(text, "计划", places) or has_word(text, "目标", places)
    ):
        return []
    findings = []
    places = long_text_index(text, places)
    done_counts = (  # (each opens with 实际: in a long text tried only where that word stands)
        _DONE_COUNT.finditer(text)
        if places is None
        else scan.matches_at(_DONE_COUNT, text, word_starts(text, "实际", places))
    )
    for done in done_counts:
        sentence_start = _sentence_start(text, done.start())
        stop = first_mark(text, "。\n;", done.end(), len(text))
        planned = [
            m
            for m in _PLANNED.finditer(text, sentence_start, done.start())
            if m.group("unit") == done.group("unit")
        ] or [  # '全年实际培训760人次，计划培训800人次，完成率95%': the plan named after what was done
            m for m in _PLANNED.finditer(text, done.end(), stop) if m.group("unit") == done.group("unit")
        ]
        if len(planned) != 1:
            continue
        plan = Decimal(planned[0].group("n").replace(",", ""))
        actual = Decimal(done.group("n").replace(",", ""))
        if plan == 0:
            continue
        findings.extend(_judge_completion(context, planned[0], done, plan, actual, stop))
    return findings


def _judge_completion(context: CheckContext, planned, done, plan, actual, stop) -> list[Finding]:
    text = context.report.text
    unit = done.group("unit")
    rate = _COMPLETION.search(text, max(done.end(), planned.end()), stop) or _rate_next(text, stop)
    if rate is not None:
        stated = Decimal(rate.group("p"))
        places, half = _printed(stated)
        exact = actual * 100 / plan
        if abs(exact - stated) <= half or (stated == 100 and exact > 100):
            # more than planned is often written as 100% (最高按100%计); a consistent rate below
            # 100% may still be followed by a claim of full completion
            return _claimed_in_full(context, planned, done, plan, actual, rate.end(), stop)
        shown = _shown(exact, places)
        return [
            context.finding(
                "count.completion",
                ERROR,
                f"完成率与数量不符：实际{done.group('n')}{unit}÷计划{planned.group('n')}{unit}={shown}%，"
                f"报告写{rate.group('p')}%",
                planned.start(),
                rate.end(),
                expected=f"{shown}%",
                found=f"{rate.group('p')}%",
            )
        ]
    return _claimed_in_full(context, planned, done, plan, actual, done.end(), stop)


def _rate_next(text: str, stop: int):
    """The completion rate that opens the next sentence or paragraph and names no count of its own
    before it ('…实际培训760人次。\n完成率95%，…'): of the counts just stated; None if there is none."""
    start = stop + 1
    while start < len(text) and text[start] in "\n ":
        start += 1
    end = first_mark(text, "。\n;", start, len(text))
    rate = _COMPLETION.search(text, start, end)
    if rate is None or rate.start() - start > 8 or _COUNT_FIGURE_RE.search(text, start, rate.start()):
        return None
    return rate


_COUNT_FIGURE_RE = re.compile(r"\d")


def _claimed_in_full(context: CheckContext, planned, done, plan, actual, start, stop) -> list[Finding]:
    unit = done.group("unit")
    claim = _FULL_CLAIM.search(context.report.text, start, stop)
    if claim is None or actual >= plan:
        return []
    return [
        context.finding(
            "count.completion",
            WARNING,
            f"说“{claim.group()}”，但计划{planned.group('n')}{unit}、实际{done.group('n')}{unit}，没有完成",
            claim.start(),
            claim.end(),
            expected=f"{planned.group('n')}{unit}",
            found=f"{done.group('n')}{unit}",
        )
    ]


# ('为在岗乡村医生368人发放…': the people a verb is for are counted as they are elsewhere)
# time words, summing words and the report's own scope ('2023年我区城镇新增就业' is '城镇新增就业',
# '全支队在职人员' and '委机关在职人员' are the body's '在职人员')
_COUNT_FILLERS = re.compile(
    r"^(?:(?:19|20)\d{2}年度?|本年度|全年度|本年|全年|年度|年末|年底|目前|现有|实有|共计|累计|合计|共|实际|已|全部|本项目|项目|为|向|给"
    r"|[我本全](?:县|区|市|旗|州|盟|乡|镇|局|院|委|会|馆|所|站|中心|单位|部门|系统|支队|大队|厅)"
    r"|[委局院厅]?机关)+"
)
_COUNT_LABEL_STOP = re.compile(
    r"[\d一二三四五六七八九十]|计划|目标|预计|指标|上年|去年|每|其中|平均|人均|约|近|超"
)


_TARGET_HEAD = re.compile(r"目标(?:值)?[:：]")


def _stated_as_a_target(report, quantity) -> bool:
    """A count set as a target: in a section on the targets ('(三)绩效目标', not '绩效目标完成情况')
    or in a line that opens with '绩效目标：'."""
    section = report.section_at(quantity.start).split(" > ")[-1]
    if "目标" in section and not any(word in section for word in ("完成", "实现", "情况", "偏差")):
        return True
    line_start = report.text.rfind("\n", 0, quantity.start) + 1
    return _TARGET_HEAD.search(report.text, line_start, quantity.start) is not None


def _part_of(report, position: int) -> str:
    return report.section_at(position).split(" > ")[0]


# a noun of one to four characters right after a count and before a mark: what it counts
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{1,4}(?=[,;。:、)\n]|$)")


def _noun_after(text: str, quantity) -> str:
    match = _NOUN_AFTER.match(text, quantity.end)
    return match.group() if match else ""


@rule("count.conflict", "同一个数量（同一说法、同一单位，如“培训妇女1200人次”）在两处写成不同的值")
def check_count_conflicts(context: CheckContext) -> list[Finding]:
    """Counts of outputs stated in two paragraphs with the same label of four or more characters
    (once time words and 共/累计/实际 are dropped) and the same unit must agree; plans, targets,
    previous years, per-unit and approximate counts are not compared."""
    report = context.report
    # two counts with one label (of four characters or more, what is left of the label once the
    # fillers before it are taken off) end their labels alike: a count whose last four characters
    # and unit no other count shares is compared with none (its label is not worked out)
    counts = [q for q in of_kind(context, "count") if not q.approx and q.role == "level"]
    text = report.text
    # what is counted may follow the number ('内设5个股室' is '本局内设股室6个')
    labels = {id(q): q.raw_label.strip() + _noun_after(text, q) for q in counts}
    endings: dict[tuple[str, str], int] = {}
    for quantity in counts:
        ending = (labels[id(quantity)][-4:], quantity.unit)
        endings[ending] = endings.get(ending, 0) + 1
    candidates: dict[tuple[str, str], list] = {}
    for quantity in counts:
        if endings[labels[id(quantity)][-4:], quantity.unit] < 2:
            continue
        if quantity.year and context.fiscal_year and quantity.year != context.fiscal_year:
            continue
        label = _COUNT_FILLERS.sub("", labels[id(quantity)])
        if len(label) < 4 or _COUNT_LABEL_STOP.search(label) or "|" in quantity.raw_label:
            continue
        candidates.setdefault((label, quantity.unit), []).append(quantity)
    # a label and unit stated once is compared with nothing: the tests below are read only of the
    # counts that share theirs with another (the groups then taken in the order of their first
    # count, as when they were built of the counts kept)
    # '移送纪检监察机关和有关部门问题线索12件' and '共移送问题线索15件': a label stated once each way,
    # one the other with words put in after its verb (the same verb, the same thing counted)
    tails: dict[tuple[str, str], list] = {}
    for (label, unit), found in candidates.items():
        if len(found) == 1:
            tails.setdefault((label[-4:], unit), []).append((label, found[0]))
    for pair in tails.values():
        if len(pair) == 2 and _widened(pair[0][0], pair[1][0]):
            (label, first), (_, second) = sorted(pair, key=lambda item: item[1].start)
            candidates[(label[-4:], first.unit)] = [first, second]
    occurrences = []
    for (label, _unit), found in candidates.items():
        if len(found) > 1:
            kept = [
                q for q in found if not _threshold_or_cell(context, q) and not _stated_as_a_target(report, q)
            ]
            if kept:
                occurrences.append((label, kept))
    grouped = {q.start for found in candidates.values() if len(found) > 1 for q in found}
    occurrences.extend(_reworded_counts(context, counts, grouped))
    occurrences.extend(_measures_stated_twice(context))
    occurrences.sort(key=lambda group: group[1][0].start)
    findings = []
    for label, found in occurrences:
        # a label stated three times or more is a field repeated for each project or person; two
        # statements in one part of the report may be of two projects side by side
        if len(found) != 2 or found[0].value == found[1].value:
            continue
        first, quantity = found
        if _part_of(report, first.start) == _part_of(report, quantity.start):
            # (an indicator's line is a place of its own: its actual value against the prose)
            lines = context.memo.get("rules_compare.indicator_counts", ())
            if not (id(first) in lines or id(quantity) in lines):
                continue
            if report.section_at(first.start) == report.section_at(quantity.start):
                continue
        findings.append(_stated_twice(context, "count.conflict", label, first, quantity))
    return findings


_COUNT_TAIL = re.compile("(?:" + "|".join(map(re.escape, words("rules_compare.count_tail_nouns"))) + ")$")
_REACH = re.compile("|".join(map(re.escape, words("rules_compare.reach_verbs"))))
_SCOPE = re.compile(r"^(?:[全我本该][县区市旗州乡镇村省]|全部|所有|全体)")
_NOUN_AFTER_COUNT = re.compile(r"[\u4e00-\u9fff]{1,3}")
_NOUN_AFTER_UNIT = re.compile(r"[\u4e00-\u9fff]{3,}")
_THINGS = frozenset(("个", "所", "家", "座", "处"))


def _reworded_counts(context: CheckContext, counts: list, grouped: set[int]) -> list[tuple[str, list]]:
    """Counts of one thing whose labels are worded two ways, each label stated once: the same words
    in another order ('安置公益性岗位人员135人', '公益性岗位安置142人'; a noun that restates the unit,
    人员/户数, left off); the people a project reaches, after a verb of reaching ('保障全县村干部1,002
    人', '资金惠及村干部1,020人'); a count of what lies within another count ('涉及12个乡镇86个村',
    '覆盖12个乡镇68个村', keyed by the 12个乡镇 and the 村). As (the label shown, [the counts])."""
    report, text = context.report, context.report.text
    keyed: dict[tuple, list] = {}
    shown: dict[tuple, str] = {}
    # a count is keyed with its unit (a thing's units as one): one alone in its unit is paired with none
    units: dict[str, int] = {}
    for quantity in counts:
        if quantity.start not in grouped:
            unit = "个" if quantity.unit in _THINGS else quantity.unit
            units[unit] = units[unit] + 1 if unit in units else 1
    if max(units.values(), default=0) < 2:
        return []
    previous = None
    for quantity in counts:
        before, previous = previous, quantity
        if quantity.start in grouped or units["个" if quantity.unit in _THINGS else quantity.unit] < 2:
            continue
        if "|" in quantity.raw_label:
            continue
        if quantity.year and context.fiscal_year and quantity.year != context.fiscal_year:
            continue
        raw = quantity.raw_label  # (stripped only when first read: _read_count_label)
        if raw in _ACTUAL_WORDS:
            # '1.培训学员人次:年度指标值1,400人次,实际完成1,562人次': the actual value of the line's
            # indicator
            lead = _LINE_NAME.match(text, text.rfind("\n", 0, quantity.start) + 1, quantity.start)
            if lead is not None:
                raw = lead.group("name")
                context.memo.setdefault("rules_compare.indicator_counts", set()).add(id(quantity))
        read = _read_count_label(raw)
        if read is None:
            continue  # a plan, a target, a previous year's …
        label, key, name = read
        if (
            before is not None
            and quantity.start - before.end < 12
            and raw
            and quantity.start - before.end == len(raw)
            and text.startswith(raw, before.end)
        ):
            # '12个乡镇86个村': the label is the noun of the count right before
            noun = _NOUN_AFTER_COUNT.match(text, quantity.end)
            if noun is not None:
                head = f"{before.text}{before.unit}{raw}"
                key, name = ("within", head, noun.group()), f"{head}…{noun.group()}"
        elif len(label) < 4 and quantity.unit in _THINGS:
            noun = _NOUN_AFTER_UNIT.match(text, quantity.end)
            if noun is not None:
                # '全县13个乡镇卫生院', '全县12所乡镇卫生院均…': a short label, the thing counted named
                # after the unit, by its first four characters (which of 个/所/家 a writer takes varies;
                # where the noun ends and a verb begins is not read)
                key, name = ("after", label, noun.group()[:4]), f"{label}{noun.group()[:8]}"
        if key is None:
            continue
        key = (*key, "个" if key[0] == "after" else quantity.unit)
        if key in keyed:
            keyed[key].append(quantity)
        else:
            keyed[key] = [quantity]
            shown[key] = name
    occurrences = []
    for key, found in keyed.items():
        if len(found) < 2:
            continue
        kept = [
            q
            for q in found
            if not _threshold_or_cell(context, q)
            and not _stated_as_a_target(report, q)
            and not _in_a_part_on_targets(report, q)
        ]
        if len(kept) > 1:
            occurrences.append((shown[key], kept))
    return occurrences


def _in_a_part_on_targets(report, quantity) -> bool:
    """A heading at any level above the count is on the targets ('(三)项目绩效目标 > 2.绩效指标'),
    not on what was done."""
    return any(
        "目标" in part and not any(word in part for word in ("完成", "实现", "情况", "偏差"))
        for part in report.section_at(quantity.start).split(" > ")
    )


_MEASURE_UNITS = words("rules_compare.measure_units")
_MEASURE = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<wan>万)?"
    r"(?P<u>" + "|".join(map(re.escape, sorted(_MEASURE_UNITS, key=len, reverse=True))) + r")"
)
_MEASURE_LASTS = "".join(sorted({unit[-1] for unit in _MEASURE_UNITS}))  # (rarer than the first: 公, 千)
_MEASURE_LABEL = re.compile(r"[\u4e00-\u9fff]{2,16}$")
_BOUND_BEFORE = re.compile(r"(?:[≥≤><]|不低于|不少于|不超过|不高于|达到|低于|高于|超过|以)\s*$")
_CELL_NAME = re.compile(r"[\u4e00-\u9fff()]{2,20}")
_DONE = re.compile(r"^(?:完成|实现|建成)")  # '全年完成河道清淤疏浚3.8万立方米' is 河道清淤疏浚


class _Measure(NamedTuple):
    """A measure printed with its unit (3.2万吨, 26,800平方米): a count in a unit of length, area,
    volume or weight, read for count.conflict (``text``/``unit`` shown as stated)."""

    value: Decimal  # in the unit without 万
    text: str
    unit: str
    start: int
    end: int


_ACTUAL_WORDS = frozenset(words("rules_compare.actual_value_words"))
_LINE_NAME = re.compile(
    r"\s*(?:\d{1,2}[.、]|[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}、)?"
    r"(?P<name>[\u4e00-\u9fff]{2,16}):"
)
_LABELS_READ: dict[str, tuple | None] = {}  # raw label → what _read_count_label makes of it


def _read_count_label(raw: str) -> tuple | None:
    """What a count's label alone says for _reworded_counts: None for a plan, a target, a previous
    year's count; else (the label without fillers, the key by its words or None, the name shown):
    the people reached after a verb of reaching ('保障全县村干部' → 村干部), else the label's
    characters in any order, a noun that restates the unit left off ('安置公益性岗位人员'), when four
    or more. Read once for each label (labels recur across reports: 培训, 在职人员 …)."""
    known = _LABELS_READ.get(raw, _LABELS_READ)
    if known is not _LABELS_READ:
        return known  # type: ignore[return-value]
    found = None
    if not _COUNT_LABEL_STOP.search(raw):
        label = _COUNT_FILLERS.sub("", raw.strip())
        key, name = None, label
        reaches = list(_REACH.finditer(label))
        if reaches:
            reach = reaches[-1]  # the last verb of reaching
            reached = _COUNT_TAIL.sub("", _SCOPE.sub("", label[reach.end() :]))  # ('覆盖人数': no one named)
            if len(reached) >= 2:
                key, name = ("reach", reached), f"{reach.group()}{reached}"
        if key is None:
            words_only = _COUNT_TAIL.sub("", label)
            if len(words_only) >= 4:
                key, name = ("words", "".join(sorted(words_only))), words_only
        found = (label, key, name)
    if len(_LABELS_READ) < 4096:
        _LABELS_READ[raw] = found
    return found


def _measures_stated_twice(context: CheckContext) -> list[tuple[str, list]]:
    """Measures (公里, 平方米, 吨, 亩 …) whose label is stated twice, in two parts of the report:
    in prose the words right before the number, in a form's row the row's name ('| 维修仓容 | ≥3万吨 |
    3.5万吨 |': the value that is no bound). Bounds and targets, plans and approximations are not
    compared. As (the label, [the two measures])."""
    report, text = context.report, context.report.text
    starts = []  # where a number stands right before a unit of measure (or its 万)
    for last in scan.places_of(text, _MEASURE_LASTS, report.places):
        unit = next((u for u in _MEASURE_UNITS if text.startswith(u, last - len(u) + 1)), None)
        if unit is None:
            continue
        at = last - len(unit) + 1
        end = at - 1 if text[at - 1 : at] == "万" else at
        start = end
        while start and (text[start - 1].isdigit() or text[start - 1] in ",."):
            start -= 1
        if start < end:
            starts.append(start)
    if not starts:
        return []
    keyed: dict[tuple[str, str], list] = {}
    for match in scan.matches_at(_MEASURE, text, starts):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 20) : start]
        if _BOUND_BEFORE.search(before):
            continue  # '≥3万吨', '不低于26,800平方米': a target's bound
        if "|" in before or text.startswith("|", line_start):
            label = _row_name(text[line_start:start])
        else:
            found = _MEASURE_LABEL.search(before)
            label = _DONE.sub("", _COUNT_FILLERS.sub("", found.group())) if found else ""
            if _COUNT_LABEL_STOP.search(label):
                continue
        if len(label) < 4:
            continue
        value = Decimal(match.group("n").replace(",", ""))
        if match.group("wan"):
            value *= 10000
        unit = match.group("u")
        measure = _Measure(value, match.group("n") + (match.group("wan") or ""), unit, start, match.end())
        keyed.setdefault((label, unit), []).append(measure)
    occurrences = []
    for (label, _unit), found in keyed.items():
        if len(found) != 2 or found[0].value == found[1].value:
            continue
        if any(_stated_as_a_target(report, m) for m in found):
            continue
        occurrences.append((label, found))
    return occurrences


def _row_name(row: str) -> str:
    """The name of a form's row up to a value: its last cell of words only, before the value."""
    cells = row.split("|")[:-1]
    for cell in reversed(cells):
        cell = cell.strip()
        if _CELL_NAME.fullmatch(cell):
            return cell
    return ""


def _widened(one: str, other: str) -> bool:
    """The longer label is the shorter with words put in after its first two characters (its verb):
    '移送纪检监察机关和有关部门问题线索' of '移送问题线索'."""
    short, long = sorted((one, other), key=len)
    return len(short) >= 6 and short != long and long.startswith(short[:2]) and long.endswith(short[2:])


_STAFF_RATE = re.compile(r"(?:在职人员控制率|编制使用率|满编率)(?:为|是|达|:)?(?P<p>\d+(?:\.\d+)?)%")


@rule("staff.control_rate", "在职人员控制率、编制使用率（= 在职人数 ÷ 编制数）与同段给出的人数是否相符")
def check_staff_control_rate(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    if not any(has_word(text, word, report.places) for word in ("在职人员控制率", "编制使用率", "满编率")):
        return []
    findings = []
    for match in _STAFF_RATE.finditer(text):
        paragraph = report.paragraph_at(match.start())
        if paragraph is None:
            continue
        counts = [
            q
            for q in report.quantities_between(paragraph.start, match.start())
            if q.kind == "count" and q.unit in ("人", "名") and not q.approx and q.role == "level"
        ]
        staffed = [q for q in counts if "编制" in q.raw_label]
        working = [
            q
            for q in counts
            if "编制" not in q.raw_label and ("在职" in q.raw_label or "实有" in q.raw_label)
        ]
        staffed, working = _whole_count(staffed), _whole_count(working)
        if (
            len({q.value for q in staffed}) != 1
            or len({q.value for q in working}) != 1
            or staffed[0].value == 0
        ):
            continue
        stated = Decimal(match.group("p"))
        places, half = _printed(stated)
        exact = working[0].value * 100 / staffed[0].value
        if abs(exact - stated) <= half:
            continue
        shown = _shown(exact, places)
        findings.append(
            context.finding(
                "staff.control_rate",
                ERROR,
                f"{match.group(0).split('率')[0]}率与人数不符：在职{working[0].text}{working[0].unit}÷编制{staffed[0].text}"
                f"{staffed[0].unit}={shown}%，报告写{match.group('p')}%",
                match.start(),
                match.end(),
                expected=f"{shown}%",
                found=f"{match.group('p')}%",
            )
        )
    return findings


def _whole_count(counts: list) -> list:
    """Of '核定编制5人，其中行政编制4人、工勤编制1人' the whole: the one that the others add up to."""
    if len({q.value for q in counts}) <= 1:
        return counts
    largest = max(counts, key=lambda q: q.value)
    rest = sum((q.value for q in counts if q is not largest), Decimal(0))
    return [largest] if rest == largest.value else counts


_NO_BALANCE = re.compile(
    r"无(?:结转)?结余|零结余|没有(?:形成)?(?:结转)?结余|结余为零|未(?:产生|形成)(?:结转)?结余"
)
_NO_SANGONG = re.compile(
    r"未(?:发生|列支|安排)[“\"]?三公[”\"]?经费(?:支出)?|[“\"]?三公[”\"]?经费(?:支出)?(?:为零|为0元?|零支出)"
)
_SANGONG_ITEMS = words("rules_compare.sangong_items")
_SANGONG_ITEM = re.compile("|".join(map(re.escape, _SANGONG_ITEMS)) or "(?!)")  # any of them, in one call
# every match of _NO_SANGONG holds 三公 right at its start, after the quote it opens with, or
# 3 or 4 characters after the 未 it opens with (未发生“三公…)
_NO_SANGONG_OPENINGS = ((0, ""), (1, '“"'), (3, "未"), (4, "未"))


def _claims(pattern: re.Pattern, text: str, places) -> list[re.Match]:
    """``list(pattern.finditer(text))`` for _NO_BALANCE and _NO_SANGONG: the second tried only
    at the few places the 三公 it holds allows, the first from its first characters."""
    if pattern is _NO_SANGONG:
        starts = {
            at - offset
            for at in word_starts(text, "三公", places)
            for offset, opening in _NO_SANGONG_OPENINGS
            if at >= offset and (not opening or text[at - offset] in opening)
        }
        return scan.matches_at(pattern, text, sorted(starts))
    return list(scan.finditer(pattern, text, places))


@rule("claim.none", "“无结余”“未发生三公经费”等说法与文中写出的结余、三公经费支出（大于零）是否矛盾")
def check_claims_of_none(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    findings = []
    checks = (
        (_NO_BALANCE, lambda f: f.role == "结余" and not f.change, "结余"),
        (
            _NO_SANGONG,
            lambda f: (
                f.role in ("执行", "决算", "")
                and not f.change
                and (_SANGONG_ITEM.search(f.label) or _SANGONG_ITEM.search(f.subject)) is not None
            ),
            "“三公”经费支出",
        ),
    )
    for pattern, wanted, what in checks:
        # both are needed: the one more often missing is looked for first (a 结余 figure; the 三公
        # of a claim), the other only when it is there
        if pattern is _NO_SANGONG:
            claims = _claims(pattern, text, report.places)
            if not claims:
                continue
        figures = [f for f in prose_money(context) if f.base > 0 and wanted(f) and not _previous_year(f)]
        if not figures:
            continue
        if pattern is not _NO_SANGONG:
            claims = _claims(pattern, text, report.places)
            if not claims:
                continue
        for claim in claims:
            paragraph = report.paragraph_at(claim.start())
            if (paragraph is not None and "|" in paragraph.text) or text.startswith(
                ("得", "扣", "的", "时", "则"), claim.end()
            ):
                continue  # '无结余得3分': a scoring rule, not a statement of the year
            section = major_section_span(report, claim.start())
            same = [f for f in figures if section[0] <= f.start < section[1]] or (
                figures
                if what != "结余"
                else [f for f in figures if f.subject in _WHOLE_SUBJECTS]
                if _of_the_whole_money(text, claim.start())
                else []
            )
            if not same:
                continue
            figure = same[0]
            findings.append(
                context.finding(
                    "claim.none",
                    WARNING,
                    f"说“{claim.group()}”，但{report.section_at(figure.start)}写{figure.label}"
                    f"{figure.quantity.text if figure.quantity else plain(figure.value)}{figure.unit}",
                    claim.start(),
                    claim.end(),
                    expected=f"{figure.value}{figure.unit}",
                    found=claim.group(),
                )
            )
    return findings


_WHOLE_MONEY = re.compile(
    r"(?:本项目|该项目|项目|本单位|本部门|部门|全年|年末|本年度?|年度)?(?:资金|经费|预算资金|财政资金|预算)?(?:已|均)?$"
)


_WHOLE_SUBJECTS = ("", "项目", "本项目", "该项目")  # a figure of the body's or the project's own money


def _of_the_whole_money(text: str, at: int) -> bool:
    """'项目资金无结余', '年末无结转结余': the claim's clause names no money but the whole (the
    project's or the body's), so a 结余 stated in another section contradicts it."""
    clause = text[last_mark(text, "。;\n,:", 0, at) + 1 : at]
    return _WHOLE_MONEY.fullmatch(clause) is not None


def _previous_year(fig) -> bool:
    raw = fig.raw_label
    return any(word in raw for word in ("上年", "去年", "年初结转", "上一年"))


_CHANGE_RATE_HEAD = (
    r"(?:变动率|变化率|增长率|增幅|降幅|下降率|下降|增长|减少|降低|上升)(?:了|为|是|达|:)?(?P<sign>-|−)?"
)
_CHANGE_RATE = re.compile(_CHANGE_RATE_HEAD + r"(?P<p>\d+(?:\.\d+)?)%")
_CHANGE_RATE_HEADS = scan.head_widths(_CHANGE_RATE_HEAD)
_DOWN = words("rules_compare.down")
_CHANGE_WORD = re.compile(r"[增减多少超节]|提高|下降|降低|上升")


@rule("change.rate", "同一句中本年数、上年数与所写的变动率（增长/下降百分之几）是否相符")
def check_change_rates(context: CheckContext) -> list[Finding]:
    """'三公经费支出3.2万元，上年3.6万元，下降11.1%' or '…，三公经费变动率为-11.1%': the rate is
    (本年 − 上年) ÷ 上年. The year's figure and the previous year's are the only two amounts before the
    rate in its sentence; the previous one is labelled 上年/去年 or the year before the one evaluated."""
    report = context.report
    text = report.text
    if "%" not in text or ("上年" not in text and "去年" not in text and not context.fiscal_year):
        return []
    if not _previous_amount(context):
        return []
    findings = []
    for match in scan.number_matches(_CHANGE_RATE, text, report.places, "%", _CHANGE_RATE_HEADS):
        pair = _two_years(context, match.start())
        if pair is None:
            continue
        now, before = pair
        word = match.group(0)
        stated = Decimal(match.group("p"))
        if match.group("sign") or word.startswith(_DOWN):
            stated = -stated
        places, half = _printed(stated)
        exact = (now.base_value - before.base_value) * 100 / before.base_value
        un, ub = report.half_unit(now), report.half_unit(before)
        low = (now.base_value - un - before.base_value - ub) * 100 / (before.base_value + ub)
        high = (now.base_value + un - before.base_value + ub) * 100 / max(before.base_value - ub, ub)
        if low - half <= stated <= high + half:
            continue
        shown = _shown(exact, places)
        findings.append(
            context.finding(
                "change.rate",
                ERROR,
                f"变动率与两年数不符：（{now.text}{now.unit}−{before.text}{before.unit}）÷{before.text}{before.unit}"
                f"={shown}%，报告写{match.group(0)}",
                now.start,
                match.end(),
                expected=f"{shown}%",
                found=match.group(0),
            )
        )
    return findings


def _previous_amount(context: CheckContext) -> bool:
    """Whether some amount of the report may be the previous year's of :func:`_two_years` (money,
    not approximate, no change, its label without a change word, labelled 上年/去年 or with the
    year before): without one it finds no pair anywhere, and change.rate and change.direction
    need not look for their words (found once for both)."""
    found = context.memo.get("rules_compare.previous_amount")
    if found is None:
        previous_year = str(int(context.fiscal_year) - 1) if context.fiscal_year else "上年"
        found = any(
            not q.approx
            and q.role != "delta"
            and _of_previous_year(q, previous_year)
            and not _CHANGE_WORD.search(q.raw_label)
            for q in of_kind(context, "money")
        )
        context.memo["rules_compare.previous_amount"] = found
    return found


def _two_years(context: CheckContext, at: int):
    """The year's amount and the previous year's, the only two amounts of the sentence before
    ``at`` (the previous one labelled 上年/去年 or with the year before the one evaluated), or None."""
    report = context.report
    sentence_start = _sentence_start(report.text, at, "。\n;；")
    amounts = [q for q in report.quantities_between(sentence_start, at) if q.kind == "money" and not q.approx]
    if (
        len(amounts) != 2
        or _CHANGE_WORD.search(amounts[0].raw_label)
        or _CHANGE_WORD.search(amounts[1].raw_label)
    ):
        return None  # '比上年增收1284万元，增长18.8%' states the change itself (yoy.arithmetic reads it)
    previous_year = str(int(context.fiscal_year) - 1) if context.fiscal_year else "上年"
    earlier = [q for q in amounts if _of_previous_year(q, previous_year)]
    if len(earlier) != 1 or amounts[1].role == "delta" or amounts[0].role == "delta":
        return None
    before = earlier[0]
    now = amounts[0] if amounts[1] is before else amounts[1]
    if _of_previous_year(now, previous_year) or before.base_value <= 0:
        return None
    return now, before


# a direction stated without a figure after the two years' amounts: '…，支出比上年有所增加'
_BARE_DIRECTION = re.compile(
    r"(?P<word>增加|增长|上升|提高|减少|下降|降低)(?![\d了]|[\u4e00-\u9fff]{0,2}\d)"
)  # the word first (a literal: fast); what stands before it is read backwards
_DIRECTION_BEFORE = re.compile(
    r"(?:(?:比上年|较上年|比去年|较去年|同比)(?:有所|略有|大幅|明显|稍有|均有)?|有所|略有|大幅|明显|稍有|均有)$"
)
_UP = words("rules_compare.up")
_BARE_FIRST = "增上提减下降"  # the first characters of _BARE_DIRECTION's words
_LEAD_ENDS = "年比所有幅显\n"  # the last characters of _DIRECTION_BEFORE's leads, and '\n'


@rule("change.direction", "同一句中本年数、上年数与不带数字的增减说法（“有所增加”“略有下降”）是否一致")
def check_change_directions(context: CheckContext) -> list[Finding]:
    """'2023年支出120万元，2022年支出150万元，支出比上年有所增加': the two amounts say it fell."""
    report = context.report
    text = report.text
    if not context.fiscal_year and "上年" not in text and "去年" not in text:
        return []
    if not _previous_amount(context):
        return []
    findings = []
    # only a word right after the last character of a lead (or a line break: '$' matches before
    # one) can have its lead: the words are tried only there (a word that overlaps one before it
    # starts after that word's first character, never a lead's last, so none is lost or added)
    starts = [
        at for at in scan.places_of(text, _BARE_FIRST, report.places) if at and text[at - 1] in _LEAD_ENDS
    ]
    for anchor in scan.matches_at(_BARE_DIRECTION, text, starts):
        lead = _DIRECTION_BEFORE.search(text, max(0, anchor.start() - 7), anchor.start())
        if lead is None:
            continue  # a bare verb ('增加投入') says nothing of the two amounts
        pair = _two_years(context, lead.start())
        if pair is None:
            # '公用经费比上年有所减少，2023年为42.3万元，2022年为38.6万元': the amounts may follow
            stop = min(
                (e for e in (text.find(ch, anchor.end()) for ch in "。\n;；") if e >= 0), default=len(text)
            )
            pair = _two_years(context, stop)
        if pair is None:
            continue
        now, before = pair
        half = report.half_unit(now) + report.half_unit(before)
        up = anchor.group("word") in _UP
        if (now.base_value > before.base_value + half) == up or abs(
            now.base_value - before.base_value
        ) <= half:
            continue
        findings.append(
            context.finding(
                "change.direction",
                ERROR,
                f"增减说法与两年数相反：本年{now.text}{now.unit}，上年{before.text}{before.unit}，"
                f"{'减少' if up else '增加'}了，报告写“{text[lead.start() : anchor.end()]}”",
                now.start,
                anchor.end(),
                expected="减少" if up else "增加",
                found=anchor.group("word"),
            )
        )
    return findings


def _of_previous_year(quantity, previous_year: str) -> bool:
    return (
        any(word in quantity.raw_label for word in ("上年", "去年", "上一年"))
        or quantity.year == previous_year
    )


_ADJUSTED = words("rules_compare.adjusted")
_INITIAL = ("年初预算",)
_ADDED = words("rules_compare.added")
_REDUCED = words("rules_compare.reduced")


@rule("budget.adjustment", "同一句中年初预算 + 追加（调增）− 调减 = 调整后（全年）预算")
def check_budget_adjustments(context: CheckContext) -> list[Finding]:
    """'年初预算186.2万元，年中追加23.6万元，调整后预算211.8万元': the budget after the year's changes
    is the initial budget plus what was added, less what was taken away, within the rounding of
    the printed amounts."""
    report = context.report
    text = report.text
    adjusted_word = any_word(_ADJUSTED)
    if not any(not q.approx and adjusted_word.search(q.raw_label) for q in of_kind(context, "money")):
        return []  # no amount names a budget after the changes: no sentence has the one it needs
    if "年初预算" not in text or not has_any(text, (*_ADDED, *_REDUCED), report.places):
        return []
    findings = []
    for anchor in scan.finditer(_INITIAL_BUDGET, text, report.places):
        start = _sentence_start(text, anchor.start(), "。\n")
        stop = first_mark(text, "。\n", anchor.end(), len(text))
        own_stop = stop
        sentence = text[start:stop]
        if not any(w in sentence for w in (*_ADDED, *_REDUCED, *_ADJUSTED)) and text[stop : stop + 1] == "。":
            # '年初预算1,020.6万元，其中…。年中追加预算85.4万元，全年预算数1,106万元。': the changes
            # and the budget after them may follow in the next sentence of the paragraph
            following = text.find("。", stop + 1)
            line_end = text.find("\n", stop + 1)
            if following >= 0 and (line_end < 0 or following < line_end):
                stop = following
        amounts = [q for q in report.quantities_between(start, stop) if q.kind == "money" and not q.approx]
        initial = [
            q
            for q in amounts
            if q.raw_label.lstrip("的").startswith(_INITIAL) or q.raw_label.endswith(_INITIAL)
        ]
        added = [q for q in amounts if any(w in q.raw_label for w in _ADDED)]
        reduced = [q for q in amounts if any(w in q.raw_label for w in _REDUCED)]
        adjusted = [
            q for q in amounts if any(w in q.raw_label for w in _ADJUSTED) and q not in added + reduced
        ]
        if (
            len(initial) != 1
            or len(adjusted) != 1
            or not (added or reduced)
            or len(added) > 1
            or len(reduced) > 1
        ):
            continue
        if adjusted[0].start < max(q.start for q in initial + added + reduced):
            continue  # the adjusted budget first, its changes after: another way of writing, not read
        others = [
            q
            for q in amounts
            if initial[0].end <= q.start < adjusted[0].start
            and q not in added + reduced
            and text.count("(", initial[0].end, q.start) <= text.count(")", initial[0].end, q.start)
            and not (q.start < own_stop and "其中" in text[initial[0].end : q.start])  # the initial's parts
        ]
        if others:
            continue  # '经核批继续使用101.08万元': another change the words above do not name
        found = (
            initial[0].base_value
            + sum((q.base_value for q in added), ZERO)
            - sum((q.base_value for q in reduced), ZERO)
        )
        envelope = sum((report.half_unit(q) for q in (*initial, *added, *reduced, *adjusted)), ZERO)
        stated = adjusted[0]
        if abs(found - stated.base_value) <= envelope:
            continue
        formula = "".join(
            [f"{initial[0].label}{initial[0].text}{initial[0].unit}"]
            + [f"+{q.label}{q.text}{q.unit}" for q in added]
            + [f"−{q.label}{q.text}{q.unit}" for q in reduced]
        )
        findings.append(
            context.finding(
                "budget.adjustment",
                ERROR,
                f"调整后预算与增减不符：{formula}={amount_like(found, stated)}，"
                f"而“{stated.label}”为{stated.text}{stated.unit}",
                initial[0].start,
                stated.end,
                expected=amount_like(found, stated),
                found=f"{stated.text}{stated.unit}",
            )
        )
    return findings


_INITIAL_BUDGET = re.compile("年初预算")


# the project's name in a project report's title: after the place and the year, before 项目支出绩效…报告
_TITLE_PROJECT = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,8}?(?:自治县|县|区|市|旗))?(?:(?:19|20)\d{2}年度?)?"
    r"(?P<name>[\u4e00-\u9fff]{4,20}?(?:工程|专项))(?:项目)?(?:支出)?(?:绩效)"
)


@rule("name.project_variant", "项目名称（标题中的工程、专项名称）在正文中写成了另一个说法")
def check_project_name_variants(context: CheckContext) -> list[Finding]:
    """A project report names its works in its title ('平遥县惠济水库除险加固工程项目绩效评价报告'),
    and the text repeats that name. A name with the same first four characters and the same ending
    (工程, 专项), of about the same length, written once where the title's name is written at least
    twice ('惠济水库病险整治工程') is the same works named otherwise."""
    if context.report_type.code != "xiangmu":
        return []
    text = context.report.text
    name = ""
    for line in title_lines(text):
        if "报告" not in line:
            continue
        match = _TITLE_PROJECT.match(line)
        if match is not None:
            name = match.group("name")
            break
    if not name:
        return []
    if text.count(name) < 3:
        return []  # named three times at least, the title (and a TITLE: line) included
    head, end = name[:4], name[-2:]
    variants: dict[str, list[int]] = {}
    at = text.find(head)
    while at >= 0:
        stop = text.find(end, at + len(head), at + len(name) + 4)
        if stop >= 0:
            found = text[at : stop + 2]
            if (
                found != name
                and name not in found
                and all("\u4e00" <= ch <= "\u9fff" for ch in found)
                and abs(len(found) - len(name)) <= 3
            ):
                variants.setdefault(found, []).append(at)
        at = text.find(head, at + 1)
    findings = []
    for found, places in variants.items():
        if len(places) != 1 or len(variants) > 1:
            continue  # one other name, once: a slip; several are several works
        findings.append(
            context.finding(
                "name.project_variant",
                WARNING,
                f"项目名称前后不一：这里写“{found}”，标题和正文其他地方写“{name}”",
                places[0],
                places[0] + len(found),
                expected=name,
                found=found,
            )
        )
    return findings


_COUNT_CHANGE = re.compile(
    r"(?P<word>增长|增加|提高|上升|下降|减少|降低)(?:了|为|达|约)?(?P<sign>-|−)?(?P<p>\d+(?:\.\d+)?)%"
)
_COUNT_CHANGE_TO_END = re.compile(
    _COUNT_CHANGE.pattern + r"\Z"
)  # (searched in the few characters before a %)
_TO = re.compile(r"(?:增加|增长|提高|上升|下降|减少|降低|增|降|减)(?:至|到)")
_PREVIOUS_WORDS = ("上年", "去年", "上一年", "上年度", "上年同期", "同期")


def _count_pattern(data) -> re.Pattern:
    """Figures of a unit other than money ('1,286公里', '8.62万人次'), 万 or 亿 before the unit allowed;
    made once per data."""
    units = (data.wording.get("claims") or {}).get("measure_units") or ()
    units = sorted((u for u in units if not u.endswith("元")), key=len, reverse=True)
    return re.compile(
        r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<x>万|亿)?(?P<u>"
        + ("|".join(map(re.escape, units)) or "(?!)")
        + ")"
    )


def _told_by_yoy(context: CheckContext, start: int, end: int) -> bool:
    """True when yoy.arithmetic finds the same rate wrong (it reads counts the parser knows); its
    findings are looked for only here, where a finding is about to be made (rare)."""
    found = context.memo.get("rules_compare.yoy_findings")
    if found is None:
        found = [(f.location.start, f.location.end) for f in check_year_on_year_arithmetic(context)]
        context.memo["rules_compare.yoy_findings"] = found
    return any(s < end and start < e for s, e in found)


@rule("change.rate_count", "同一句中本年、上年的数量（人次、公里、个…）与所写的增减百分比是否相符")
def check_count_change_rates(context: CheckContext) -> list[Finding]:
    """'全年接待群众8.62万人次,较上年的6.35万人次增长38.5%', '养护里程1,286公里,较上年1,150公里增长
    13.8%', '上年服务1,200人次,本年1,380人次,增长15%': the rate is (本年 − 上年) ÷ 上年 for figures of
    one unit other than money (change.rate reads money). The two are the only figures of their unit
    before the rate in its sentence (up to 。 or ;), the previous one labelled 上年/去年/同期 or with
    the year before the one evaluated, the other not, and neither states a change itself."""
    report = context.report
    text = report.text
    if "%" not in text:
        return []
    previous = tuple(_PREVIOUS_WORDS) + (
        (f"{int(context.fiscal_year) - 1}年",) if context.fiscal_year else ()
    )
    if not any(word in text for word in previous):
        return []
    pattern = context.data.once(_count_pattern)
    findings = []
    matches = (  # each ends at a '%' (few): read back from there, not tried at every 上 and 下
        _COUNT_CHANGE_TO_END.search(text, max(0, at - 24), at + 1)
        for at in scan.places_of(text, "%", report.places)
    )
    for match in filter(None, matches):
        start = _sentence_start(text, match.start(), "。\n;；")
        figures = []
        for m in pattern.finditer(text, start, match.start()):
            floor = figures[-1][1].end() if figures else start
            label = text[max(floor, _sentence_start(text, m.start(), ",，、:：(（")) : m.start()]
            figures.append((label, m))
        units = {m.group("u") for _, m in figures}
        if len(figures) != 2 or len(units) != 1:
            continue
        (label_a, a), (label_b, b) = figures
        if _CHANGE_WORD.search(_TO.sub("", label_a)) or _CHANGE_WORD.search(_TO.sub("", label_b)):
            continue  # '较上年增加120人次,增长11%' states the change itself ('增至1,286公里' does not)
        earlier = [i for i, label in enumerate((label_a, label_b)) if any(w in label for w in previous)]
        if len(earlier) != 1:
            continue
        before, now = (a, b) if earlier[0] == 0 else (b, a)

        def value(m):
            scale = {"万": Decimal(10000), "亿": Decimal(100000000)}.get(m.group("x") or "", Decimal(1))
            number = m.group("n").replace(",", "")
            places = len(number.split(".", 1)[1]) if "." in number else 0
            return Decimal(number) * scale, Decimal(5).scaleb(-(places + 1)) * scale

        (now_value, now_half), (before_value, before_half) = value(now), value(before)
        if before_value <= 0:
            continue
        stated = Decimal(match.group("p"))
        if match.group("sign") or match.group("word") in ("下降", "减少", "降低"):
            stated = -stated
        places, half = _printed(stated)
        exact = (now_value - before_value) * 100 / before_value
        low = (now_value - now_half - before_value - before_half) * 100 / (before_value + before_half)
        high = (
            (now_value + now_half - before_value + before_half)
            * 100
            / max(before_value - before_half, before_half)
        )
        if low - half <= stated <= high + half:
            continue
        shown = _shown(exact, places)
        now_text, before_text = now.group(0), before.group(0)
        turned = low - half <= -stated <= high + half  # the size is right, the direction is not
        message = (
            f"增减方向与两年数量不符：{now_text}比{before_text}{'少' if exact < 0 else '多'}，"
            f"（{now_text}−{before_text}）÷{before_text}={shown}%，报告写{match.group(0)}"
            if turned
            else f"增减幅度与两年数量不符：（{now_text}−{before_text}）÷{before_text}={shown}%，"
            f"报告写{match.group(0)}"
        )
        if _told_by_yoy(context, match.start(), match.end()):
            continue  # '86200人次,比上年63500人次增长38.5%': yoy.arithmetic has said it
        findings.append(
            context.finding(
                "change.rate_count",
                WARNING if turned else ERROR,
                message,
                match.start(),
                match.end(),
                expected=f"{shown}%",
                found=match.group(0),
            )
        )
    return findings


RULES = (
    check_count_change_rates,
    check_budget_adjustments,
    check_against_budget,
    check_averages,
    check_groupings,
    check_rate_conflicts,
    check_total_before_items,
    check_count_completion,
    check_count_conflicts,
    check_staff_control_rate,
    check_claims_of_none,
    check_change_rates,
    check_change_directions,
    check_project_name_variants,
)
