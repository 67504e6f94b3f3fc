"""Figures worked out from a rule the text states itself. Amounts worked out from a base stated in the same sentence: a share of a base (“生均公用经费
总额约1.1亿元，按5%的比例即500万”) and a unit standard times a quantity (“合计共132697卷…按每卷
2元的标准测算，争取到21.44万元”); the points of a score table's categories against the table's
own note (“注:一级指标分值统一设置为:产出指标50分、效益指标30分…”).

The check uses the rounding envelope of the printed amounts; the share (“按5%的比例”) is a rule
the report applies, so it is taken as exact. A finding is a warning when the base is approximate
(“约”) or when the quantity the standard applies to cannot be told for certain.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, plain, rule
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.rules import first_mark, has_word
from jixiao.domain.checker.rules_compare import matches_in
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import HUNDRED

_SCALE = {"亿": Decimal(100000000), "万": Decimal(10000), "": Decimal(1)}
# found from the literal '%' (fast), the share read back from the digits before it
_SHARE = re.compile(r"%的?(?:比例|比率)?(?:即|为|计|共计|合计)(?:约)?(?P<b>\d+(?:\.\d+)?)(?P<bu>亿|万)?元?")
_SHARE_NUMBER = re.compile(r"\d+(?:\.\d+)?$")
_BASE = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(亿|万)?元?")
_STANDARD = re.compile(
    r"每(?P<unit>[\u4e00-\u9fff])(?:\([\u4e00-\u9fff、]{1,8}\))?(?P<price>\d+(?:\.\d+)?)元的?标准"
)
_MONEY_AFTER = re.compile(r"(\d+(?:\.\d+)?)(亿元|万元|元)")
_APPROX = words("rules_standards.approx")
_CHANGE_WORDS = words("rules_standards.change_words")


def _half(number: str, scale: Decimal) -> Decimal:
    decimals = len(number.split(".")[1]) if "." in number else 0
    return Decimal(5).scaleb(-(decimals + 1)) * scale


@rule("rate.share_of", "按比例算出的金额（“总额约1.1亿元，按5%的比例即500万”）与基数×比例是否相符")
def check_share_of_base(context: CheckContext) -> list[Finding]:
    """“<base>…按<share>%的比例即<amount>”: the amount is the base times the share. Only a share
    introduced by 按 counts (a growth rate, “比上年增长10%，即…”, has another base)."""
    text = context.report.text
    if "%" not in text or "按" not in text:
        return []
    findings = []
    for match in matches_in(_SHARE, text, context.report.places):  # (tried at each % only, in a long text)
        number = _SHARE_NUMBER.search(text, max(0, match.start() - 8), match.start())
        if number is None:
            continue
        window_start = max(0, number.start() - 45)
        by = text.rfind("按", window_start, number.start())
        if by < 0 or any(ch in text[by : number.start()] for ch in "。;\n"):
            continue
        bases = [b for b in _BASE.finditer(text, window_start, by) if b.group(2) or text[b.end() - 1] == "元"]
        if not bases:
            continue
        base_match = bases[-1]
        gap = text[base_match.end() : number.start()]
        if any(ch in gap for ch in "。;\n") or any(word in gap for word in _CHANGE_WORDS):
            continue
        if base_match.group(2) is None and match.group("bu") is None:
            continue  # neither figure is an amount in 万 or 亿
        base_scale, stated_scale = _SCALE[base_match.group(2) or ""], _SCALE[match.group("bu") or ""]
        base = Decimal(base_match.group(1).replace(",", "")) * base_scale
        share = Decimal(number.group(0)) / HUNDRED
        stated = Decimal(match.group("b")) * stated_scale
        expected = base * share
        envelope = _half(base_match.group(1), base_scale) * share + _half(match.group("b"), stated_scale)
        if abs(expected - stated) <= envelope:
            continue
        approx = any(word in text[max(0, base_match.start() - 4) : base_match.start()] for word in _APPROX)
        unit = match.group("bu") or ""
        shown = plain((expected / stated_scale).quantize(Decimal("0.01")))
        findings.append(
            context.finding(
                "rate.share_of",
                WARNING if approx else ERROR,
                f"{base_match.group(1).replace(',', '')}{base_match.group(2) or ''}元×{number.group(0)}%={shown}{unit}元，"
                f"与所说{match.group('b')}{unit}不符"
                + ("（基数是约数，仍超出其四舍五入范围）" if approx else ""),
                base_match.start(),
                match.end(),
                expected=f"{shown}{unit}",
                found=f"{match.group('b')}{unit}",
            )
        )
    return findings


@rule(
    "rate.standard",
    "按标准测算的金额（“按每卷2元的标准测算，争取到21.44万元”）与同段所列数量×标准是否相符",
)
def check_standard_times_quantity(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    if not has_word(text, "元的标准", report.places) and not has_word(text, "元标准", report.places):
        return []
    findings = []
    for match in _STANDARD.finditer(text):
        paragraph = report.paragraph_at(match.start())
        if paragraph is None:
            continue
        unit = match.group("unit")
        counts = [
            Decimal(m.group(1).replace(",", ""))
            for m in re.finditer(
                rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d+){re.escape(unit)}",
                text[paragraph.start : match.start()],
            )
        ]
        amount = _MONEY_AFTER.search(text, match.end(), min(paragraph.end, match.end() + 40))
        if not counts or amount is None:
            continue
        if any(mark in text[match.end() : amount.start()] for mark in ";；。"):
            continue  # '按每亩500元标准补助12,350亩；设备38.60万元': the amount of another clause
        price = Decimal(match.group("price"))
        scale = {"亿元": Decimal(100000000), "万元": Decimal(10000), "元": Decimal(1)}[amount.group(2)]
        stated = Decimal(amount.group(1)) * scale
        half = _half(amount.group(1), scale)
        if any(abs(count * price - stated) <= half for count in counts):
            continue
        largest = max(counts)
        shown = plain((largest * price / scale).quantize(Decimal("0.01")))
        findings.append(
            context.finding(
                "rate.standard",
                WARNING,
                f"按每{unit}{match.group('price')}元的标准，段中所列数量都算不出{amount.group(0)}"
                f"（如{plain(largest)}{unit}×{match.group('price')}元={shown}{amount.group(2)}）",
                match.start(),
                amount.end(),
                expected=f"{shown}{amount.group(2)}",
                found=amount.group(0),
            )
        )
    return findings


_CATEGORY_HEADER = re.compile(r"(产出|效益|满意度)指标\((\d+)分\)")
_CATEGORY_NOTE = re.compile(r"(产出|效益|满意度)指标(\d+)分")
_NOTE_MARK = re.compile(r"一级指标分值|分值统一设置|分值设置为")


@rule(
    "table.category_note",
    "评分表一级指标所标分值（“产出指标(70分)”）与表注的统一规定（“产出指标50分、效益指标30分”）是否一致",
)
def check_categories_against_note(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if not has_word(text, "分值", context.report.places):
        return []
    mark = scan.search(_NOTE_MARK, text, context.report.places)
    if mark is None:
        return []
    note_end = first_mark(text, "。\n", mark.end(), len(text))
    note = {m.group(1): (int(m.group(2)), m) for m in _CATEGORY_NOTE.finditer(text, mark.start(), note_end)}
    findings = []
    for match in scan.finditer(_CATEGORY_HEADER, text, context.report.places):
        category, points = match.group(1), int(match.group(2))
        if category not in note or note[category][0] == points:
            continue
        stated = note[category][1].group(0)
        findings.append(
            context.finding(
                "table.category_note",
                ERROR,
                f"一级指标“{category}指标”标{points}分，与表注规定的“{stated}”不符",
                match.start(),
                match.end(),
                expected=f"{note[category][0]}分",
                found=f"{points}分",
            )
        )
    return findings


_UNMET = re.compile(
    r"指标值为?(?:不低于|不少于|≥|大于等于|达到)(?P<target>\d+(?:\.\d+)?)(?P<unit>%|[\u4e00-\u9fff]?)"
    r"[^。;\n]{0,12}?实际完成值为?(?P<actual>\d+(?:\.\d+)?)(?P=unit)"
)
_DONE = re.compile(
    r"已按计划完成目标|已完成(?:全部|各项)?(?:绩效)?目标|全部完成|均已完成|均达到|全部达到|圆满完成"
)
_SHORTFALL_EXPLAINED = words("rules_standards.shortfall_explained")


@rule("claim.targets", "“已按计划完成目标”等说法与未达到指标值的实际完成值（不低于180人、实际164人）不符")
def check_claims_against_targets(context: CheckContext) -> list[Finding]:
    """A claim that the targets were met, while an indicator stated as 不低于N has an actual value
    below N and the shortfall is not explained anywhere in the text."""
    text = context.report.text
    if not has_word(text, "实际完成值", context.report.places):
        return []
    unmet = [m for m in _UNMET.finditer(text) if Decimal(m.group("actual")) < Decimal(m.group("target"))]
    if not unmet or any(word in text for word in _SHORTFALL_EXPLAINED):
        return []
    claim = scan.search(_DONE, text, context.report.places)
    if claim is None:
        return []
    first = unmet[0]
    unit = first.group("unit")
    return [
        context.finding(
            "claim.targets",
            WARNING,
            f"称“{claim.group(0)}”，但有指标没有达到：指标值不低于{first.group('target')}{unit}，"
            f"实际完成值{first.group('actual')}{unit}，文中没有说明原因",
            claim.start(),
            claim.end(),
            expected=f"{first.group('target')}{unit}",
            found=f"{first.group('actual')}{unit}",
        )
    ]


RULES = (
    check_share_of_base,
    check_standard_times_quantity,
    check_categories_against_note,
    check_claims_against_targets,
)
