"""Shares of one whole listed together must not add up to more than the whole.

``shares.sum``: '其中基本支出占70%，项目支出占35%' (105%), '工资福利支出占55.2%，商品和服务支出占30.1%，
对个人和家庭的补助占20.3%' (105.6%). The shares are the percentages of one sentence that a share word
names (占, 占比, 所占比重, 占…的比重), each of the same whole (none named, or the same one named after
占), one after another with nothing but their own labels and amounts between. More than 100% beyond the
rounding of the printed shares is an error. Less is not reported, even for a complete breakdown
(基本支出 + 项目支出): the whole may be another than the one the parts make up ('本年支出…其中基本支出…
占比21.49%；项目支出…占比75.40%' of the money available, 97.10% of which was spent).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import ERROR, Finding
from jixiao.domain.checker.parse import Quantity
from jixiao.domain.checker.rules_compare import of_kind
from jixiao.domain.money import HUNDRED

# the share word at the end of the percentage's label, and the whole it names ('占本年支出的')
_SHARE = re.compile(
    r"(?:占比|所占比重|所占比例|占(?P<whole>[\u4e00-\u9fff]{0,12}?)(?:的)?(?:比重|比例)?)(?:为|达|是|:)?$"
)
# between two shares of one list: the next part's label and amount, no other percentage
_GAP = re.compile(r"^[,;、]?\s*(?:[\u4e00-\u9fff“”()]{0,16}\d[\d,.]*(?:亿元|万元|千元|元)[,;、]?)?\s*$")
_NOT_A_SHARE = ("增长", "下降", "增加", "减少", "提高", "降低", "同比", "上年", "去年", "百分点")
_YEAR = re.compile(r"(?:19|20)\d{2}年")
# shares of the money spent by a date ('上半年…占30%；前三季度累计…占70%'): each holds the one before
_PROGRESS = ("累计", "截至", "截止", "上半年", "下半年", "季度", "月底", "月末", "年末", "年底")


def _share(quantity: Quantity) -> re.Match | None:
    raw = quantity.raw_label.strip()
    if any(word in raw for word in _NOT_A_SHARE):
        return None
    return _SHARE.search(raw)


def _part_label(context: CheckContext, quantity: Quantity, share: re.Match) -> str:
    """The part a share is of: its own label before 占, or the label of the amount right before it
    ('基本支出831.25万元，占70%')."""
    label = quantity.raw_label.strip()[: share.start()].strip(" ,;、其中")
    if label:
        return label
    before = context.report.quantities_between(max(0, quantity.start - 40), quantity.start - 1)
    if before and before[-1].kind == "money":
        return before[-1].label
    return ""


@rule(
    "shares.sum",
    "同一句里同一整体的各项占比（“基本支出占70%，项目支出占35%”）之和超过100%",
)
def check_share_sums(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    if "占" not in text:
        return []
    groups: list[list[tuple[Quantity, str]]] = []  # (share, the part it is of)
    previous = None
    for quantity in of_kind(context, "percent"):
        share = _share(quantity) if not quantity.approx and quantity.role == "level" else None
        if share is None:
            previous = None
            continue
        whole = share.group("whole") or ""
        label = _part_label(context, quantity, share)
        if previous is not None:
            last, last_whole = previous
            between = text[last.end : quantity.start - len(quantity.raw_label)]
            nested = "其中" in between or "其中" in quantity.raw_label  # a part of the part before
            if whole == last_whole and _GAP.match(between) and not nested:
                groups[-1].append((quantity, label))
                previous = (quantity, whole)
                continue
        groups.append([(quantity, label)])
        previous = (quantity, whole)
    findings = []
    for group in groups:
        if len(group) < 2:
            continue
        labels = [label for _, label in group]
        if (
            len({year for label in labels for year in _YEAR.findall(label)}) > 1
            or len(set(labels)) < len(labels)
            or any(word in label for label in labels for word in _PROGRESS)
        ):
            continue  # shares of different years or dates, or the same part twice: not parts of one whole
        total = sum((q.value for q, _ in group), Decimal(0))
        envelope = sum((q.half_unit() for q, _ in group), Decimal(0))
        first, last = group[0][0], group[-1][0]
        listing = "+".join(f"{label or '（未写名称）'}{q.text}%" for q, label in group)
        if total > HUNDRED + envelope:
            findings.append(
                context.finding(
                    "shares.sum",
                    ERROR,
                    f"各项占比之和超过100%：{listing}={total.normalize():f}%",
                    first.start - len(first.raw_label),
                    last.end,
                    expected="≤100%",
                    found=f"{total.normalize():f}%",
                )
            )
    return findings


RULES = (check_share_sums,)
