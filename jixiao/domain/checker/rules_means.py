"""An amount per head against the total and the count it is the mean of (``mean.recompute``).

'救助资金15万元，救助困难妇女50人，人均0.3万元': 人均 = the amount ÷ the number of people, both stated
in the same sentence before it. The words that name the mean and the units of the count it
divides by are data (``identities.yaml``, ``means``).
"""

from __future__ import annotations

from jixiao.domain.checker.base import CheckContext, amount_like, rule, sentence_span
from jixiao.domain.checker.figures import is_per_unit
from jixiao.domain.checker.findings import WARNING, Finding


@rule("mean.recompute", "人均、户均等平均数与同一句中的总额和人数（户数）是否相符")
def check_means(context: CheckContext) -> list[Finding]:
    spec = context.data.identities.get("means") or {}
    report = context.report
    text = report.text
    if not spec or not any(word in text for word in spec):
        return []
    findings = []
    for mean in report.quantities:
        if mean.kind != "money" or mean.approx:
            continue
        label = mean.raw_label.rstrip("为达是约")
        # '人均0.3万元', '人均发放450元', '户均补助720元': the word, then at most a verb
        word = next((w for w in spec if w in label[-5:] and len(label) - label.rindex(w) - len(w) <= 2), None)
        if word is None:
            continue
        paragraph = report.paragraph_at(mean.start)
        if paragraph is None:
            continue
        start, _ = sentence_span(text, mean.start, paragraph.start, paragraph.end)
        before = report.quantities_between(start, mean.start)
        units = tuple(spec[word])
        counts = [
            q for q in before if q.kind == "count" and q.unit in units and q.role == "level" and not q.approx
        ]
        totals = [
            q
            for q in before
            if q.kind == "money"
            and q.role == "level"
            and not q.approx
            and not is_per_unit(q, context.data)
            and q.unit in ("元", "万元", "亿元")
        ]
        if len(counts) != 1 or len(totals) != 1 or counts[0].value == 0:
            continue  # one amount and one count, or it is not clear which the mean divides
        total, count = totals[0], counts[0]
        exact = total.base_value / count.value
        # the printed mean, the printed total: each within half its last printed digit
        envelope = report.half_unit(mean) + report.half_unit(total) / count.value
        if abs(exact - mean.base_value) <= envelope:
            continue
        shown = amount_like(exact, mean)
        findings.append(
            context.finding(
                "mean.recompute",
                WARNING,
                f"{word}与总额、{'户数' if count.unit == '户' else '人数'}不符：{total.text}{total.unit}÷{count.text}{count.unit}={shown}，"
                f"报告写{word}{mean.text}{mean.unit}",
                mean.start - len(mean.raw_label),
                mean.end,
                expected=shown,
                found=f"{mean.text}{mean.unit}",
            )
        )
    return findings


RULES = (check_means,)
