"""Figures that are one count divided by another.

``mean.recompute``: an amount per head against the total and the count it is the mean of.

'救助资金15万元，救助困难妇女50人，人均0.3万元': 人均 = the amount ÷ the number of people, both stated
in the same sentence before it. The words that name the mean and the units of the count it
divides by are data (``identities.yaml``, ``means``).

``rate.counts``: a rate of counts ('健康管理11,820人，管理率为72.3%（辖区老年人16,348人）',
'收回580份，满意556份，满意度为95.86%') against the counts of its sentence: the count named like
the rate (管理, 满意) divided by another count of the same kind of unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import ZERO, CheckContext, amount_like, pct, plain, rule, sentence_span
from jixiao.domain.checker.figures import is_per_unit
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.rules import LONG_TEXT, first_mark, has_any, has_word, last_mark
from jixiao.domain.checker.rules_compare import indices_of_kind, matches_in, of_kind
from jixiao.domain.checker.rules_forms import INDICATOR_COLUMNS, plain_target_and_actual
from jixiao.domain.checker.vocabulary import words


def _amounts(context: CheckContext, quantities) -> list:
    """The whole amounts among ``quantities`` (no price per unit, no change, no approximation)."""
    return [
        q
        for q in quantities
        if q.kind == "money"
        and q.role == "level"
        and not q.approx
        and not is_per_unit(q, context.data)
        and q.unit in ("元", "万元", "亿元")
    ]


def _grouped(words: tuple[str, ...]) -> tuple[dict, dict, tuple[str, ...]] | None:
    """The words by their first character when several share it (每人, 每户 …), the rest by their
    last character when several share that (人均, 户均 …), and those left alone (None when one
    of the words is empty)."""
    found = None
    if all(words):
        by_first: dict[str, list[str]] = {}
        for word in words:
            by_first.setdefault(word[0], []).append(word)
        by_last: dict[str, list[str]] = {}
        for group in by_first.values():
            if len(group) == 1 and len(group[0]) > 1:
                by_last.setdefault(group[0][-1], []).append(group[0])
        firsts = {first: tuple(g) for first, g in by_first.items() if len(g) > 1}
        lasts = {last: tuple(g) for last, g in by_last.items() if len(g) > 1}
        covered = {word for group in (*firsts.values(), *lasts.values()) for word in group}
        found = (firsts, lasts, tuple(word for word in words if word not in covered))
    return found


def _has_any(text: str, words: tuple[str, ...], groups, places) -> bool:
    """``has_any(text, words, places)`` (whether one of the words, none empty, is in the text), the
    words that share a first character (fifteen of the mean words open with 每) or a last one
    (人均, 户均 … end with 均) looked up together: that character's places read once, each place
    tested for all of them at once (``groups``: :func:`_grouped` of the words)."""
    if groups is None or places is None:
        return has_any(text, words, places)
    by_first, by_last, alone = groups
    startswith, endswith = text.startswith, text.endswith
    for first, group in by_first.items():
        for at in places.occurrences(first):
            if startswith(group, at):
                return True
    for last, group in by_last.items():
        for at in places.occurrences(last):
            if endswith(group, 0, at + 1):
                return True
    return has_any(text, alone, places)


def _families(data) -> list[tuple[str, ...]]:
    return [tuple(f) for f in data.unit_families]


def _mean_words(data) -> tuple[tuple[str, ...], tuple | None]:
    """The words of a mean (人均, 每户 …) and their groups (:func:`_grouped`), once per data."""
    words = tuple(data.identities.get("means") or {})
    return words, _grouped(words)


_PLANNED = words("rules_means.planned")
_COUNTED = {
    "户": "户数",
    "件": "件数",
    "台": "台数",
    "场": "场数",
    "场次": "场次",
    "人": "人数",
    "名": "人数",
}


@rule("mean.recompute", "人均、户均等平均数与同一句中的总额和人数（户数）是否相符")
def check_means(context: CheckContext) -> list[Finding]:
    spec = context.data.identities.get("means") or {}
    report = context.report
    text = report.text
    if not spec:
        return []
    if len(text) < LONG_TEXT or report.places is None:
        named = has_any(text, spec, report.places)  # (a short text is read with `in` at once)
    else:
        named = _has_any(text, *context.data.once(_mean_words), report.places)
    if not named:
        return []
    findings = []
    for mean in of_kind(context, "money"):
        if mean.approx:
            continue
        label = mean.raw_label.rstrip("为达是约")
        tail = label[-5:]
        # '人均0.3万元', '人均发放450元', '户均补助720元': the word, then at most a verb
        word = next((w for w in spec if w in tail and len(label) - label.rindex(w) - len(w) <= 2), None)
        if word is None:
            continue
        paragraph = report.paragraph_at(mean.start)
        if paragraph is None:
            continue
        start, stop = sentence_span(text, mean.start, paragraph.start, paragraph.end)
        # the clause of the sentence: '…每人每年0.90万元计支115.20万元；全年新设…156块，每块…' is two
        start = max(start, text.rfind(";", start, mean.start) + 1)
        semicolon = text.find(";", mean.end, stop)
        stop = semicolon if semicolon >= 0 else stop
        before = report.quantities_between(start, mean.start)
        units = tuple(spec[word])
        counts = [
            q for q in before if q.kind == "count" and q.unit in units and q.role == "level" and not q.approx
        ] or [
            # '按每生每年2,000元标准，资助1,236人，支出247.20万元': the count after the rate
            q
            for q in report.quantities_between(mean.end, stop)
            if q.kind == "count" and q.unit in units and q.role == "level" and not q.approx
        ]
        # the total before the mean, or else after it ('改造326户，每户补助1200元，发放补助39.12万元')
        totals = _amounts(context, before) or _amounts(context, report.quantities_between(mean.end, stop))
        if not any(word in label for word in _PLANNED):
            # '计划供餐200天、预算2,158.00万元；实际供餐196天，人均补助980元': a mean of what was
            # done is not the budget over the count
            totals = [q for q in totals if not any(word in q.raw_label for word in _PLANNED)]
        if (
            len(totals) > 1
            and totals[-1].end < mean.start
            and text[totals[-1].end : totals[-1].end + 1] == "("
        ):
            # '…，劝导站运行补助86.40万元（36个站，每站每年2.4万元）': the bracket is the amount's
            totals = totals[-1:]
            counts = [q for q in counts if q.start > totals[0].end]
        if len(counts) != 1 or len(totals) != 1 or counts[0].value == 0:
            continue  # one amount and one count, or it is not clear which the mean divides
        total, count = totals[0], counts[0]
        exact = total.base_value / count.value
        # the printed mean, the printed total: each within half its last printed digit
        envelope = report.half_unit(mean) + report.half_unit(total) / count.value
        if abs(exact - mean.base_value) <= envelope:
            continue
        if "每月" in mean.raw_label and abs(exact - 12 * mean.base_value) <= 12 * envelope:
            continue  # '每人每月400元…1,272人，合计610.56万元': a month's standard, a year's total
        extra = sum(
            (
                q.base_value
                for q in report.quantities_between(mean.end, stop)
                if q.kind == "money" and q is not total and q.raw_label.startswith(_BESIDES_THE_MEAN)
            ),
            ZERO,
        )
        if extra and abs((total.base_value - extra) / count.value - mean.base_value) <= envelope:
            continue  # '167名…每人每年5,000.00元，另支付辅具适配费1,500.00元': the total holds the extra
        monthly = "每月" in mean.raw_label
        shown = amount_like(exact / 12 if monthly else exact, mean)
        findings.append(
            context.finding(
                "mean.recompute",
                WARNING,
                f"{word}与总额、{_COUNTED.get(count.unit, '个数')}不符：{total.text}{total.unit}÷{count.text}{count.unit}"
                f"{'÷12个月' if monthly else ''}={shown}，报告写{word}{mean.text}{mean.unit}",
                mean.start - len(mean.raw_label),
                mean.end,
                expected=shown,
                found=f"{mean.text}{mean.unit}",
            )
        )
    return findings


_BESIDES_THE_MEAN = (",另", "另", ",此外", "此外", ",另外", "另外", ",并另", ",并支付", ",加上")
_RATE_ENDS = ("率", "满意度")
_NOT_YET = re.compile(r"(?:正在|尚未|未|部分|待)$")  # right before the rate's word: 正在|整改
_CARRIED_COUNTS = words("rules_means.carried_counts")
_NOT_COUNT_RATES = words("rules_means.not_count_rates")
_FLAW_WORDS = words("rules_means.flaw_words")
_REMEDY_WORDS = words("rules_means.remedy_words")


@rule("rate.counts", "以人数、份数等计算的比率（管理率、满意度、完成率）与同一句中的两个数是否相符")
def check_count_rates(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    families = context.data.once(_families)
    findings = []
    for rate in of_kind(context, "percent"):
        if rate.approx or rate.role != "level" or rate.value <= 0:
            continue
        label = rate.label
        if not label.endswith(_RATE_ENDS) or any(word in label for word in _NOT_COUNT_RATES):
            continue
        stem = label.removesuffix("率").removesuffix("度")[-2:]
        if len(stem) < 2:
            continue
        paragraph = report.paragraph_at(rate.start)
        if paragraph is None:
            continue
        start, end = sentence_span(text, rate.start, paragraph.start, paragraph.end)
        outcome = _count_rate_in(context, rate, stem, start, end, families)
        if outcome is _TOO_FEW:
            # '应发放补贴800户。实际发放760户，发放率95%': the whole counted a sentence before, or the
            # sentence before a paragraph that opens with the rate ('…覆盖760个。\n覆盖率95%，…')
            before = _sentence_before(report, start, paragraph)
            if before is not None:
                outcome = _count_rate_in(context, rate, stem, before, end, families, widened=True)
        if isinstance(outcome, Finding):
            findings.append(outcome)
    return findings


_TOO_FEW = object()  # the sentence holds too few counts to tell the rate's members
_PLAN_WORDS = ("计划", "目标")


def _plan_before_done(sentence: str, widened: bool) -> bool:
    """A completion rate's sentence names the plan and then what was actually done: count.completion
    reads it. A span of two sentences with the plan in it is rate.target's."""
    done = sentence.find("实际")
    plans = [at for at in (sentence.find(word) for word in _PLAN_WORDS) if at >= 0]
    if widened:
        return bool(plans)
    return done >= 0 and any(at < done for at in plans)


def _sentence_before(report, start: int, paragraph) -> int | None:
    """Where the sentence before the one at ``start`` starts: in the same paragraph, or the last
    sentence of the paragraph before (a text paragraph, not a heading or a table row) when the
    sentence opens its paragraph. None when there is none, or it holds a rate of its own (its
    counts are that rate's)."""
    text = report.text
    if start > paragraph.start:
        low, high = paragraph.start, start - 1
    else:
        index = report.paragraph_index(paragraph.start) - 1
        if index < 0:
            return None
        previous = report.paragraphs[index]
        if previous.end - previous.start < 8 or "|" in text[previous.start : previous.end]:
            return None
        if any(h.start == previous.start for h in report.headings):
            return None
        low, high = previous.start, previous.end
    before_start, _ = sentence_span(text, max(high - 1, low), low, high)
    if "%" in text[before_start:high]:
        return None
    return before_start


def _count_rate_in(context: CheckContext, rate, stem: str, start: int, end: int, families, widened=False):
    """The finding of a count rate read against the counts between ``start`` and the rate's sentence
    end (``end``); None when they agree or the rate is not read; _TOO_FEW when the counts do not
    name the rate's members. ``widened``: the span holds the sentence before the rate's, and only a
    share of one whole count is taken."""
    report = context.report
    text = report.text
    label = rate.label
    aside_end = _aside_end(text, rate.end, end)
    counts = [
        q
        for q in report.quantities_between(start, aside_end)
        if q.kind == "count" and q.role == "level" and not q.approx and q.value > 0 and q is not rate
    ]
    sentence = text[start:end]
    if label.endswith("完成率") and _plan_before_done(sentence, widened):
        return None  # planned against done: count.completion reads it (rate.target, a sentence apart)
    # the count the rate is of names the rate's own word at the end of its label ('满意556份'), not
    # somewhere in a longer one ('满意度调查共发放问卷200份', '完成乡镇国土空间规划编制11个')
    aside = [q for q in counts if q.start > rate.end]
    if len(aside) >= 2:
        # '家长满意度93.01%（386份中满意359份），教师满意度94.92%（118份中满意112份）': the
        # bracket after the rate holds its own counts
        counts = aside
    # ('发放满意度问卷300份': the label names the survey by the rate's own name, not what is so counted)
    rate_word = label[-(len(stem) + 1) :]
    named = [
        q
        for q in counts
        if stem in q.raw_label[-6:]
        and rate_word not in q.raw_label[-8:]
        and (q.start < rate.start or q in aside)
        and not _of_another_member(text, q, rate, label[: -len(rate_word)], counts)
    ]
    # '已整改130个，正在整改12个，整改率91.55%': what is still being done is no part of what was
    # done, but it is of the whole
    if not named and len(label) >= len(stem) + 3:
        # '24小时内完成审核1,186例，审核及时率97%': the count names what the rate qualifies (审核),
        # not the quality (及时)
        stem = label[: -(len(stem) + 1)][-2:]
        named = [q for q in counts if q.raw_label.endswith(stem) and q.start < rate.start]
        if named and any(named[-1].end <= q.start < rate.start for q in counts):
            named = []  # '实际完成20项；其中19项在时限内完成，完成及时率…': a count nearer the rate is of it
    pending = [q for q in named if _NOT_YET.search(q.raw_label.rsplit(stem, 1)[0][-2:])]
    named = [q for q in named if q not in pending]
    if not named:
        finding = _rate_of_the_flawed(context, rate, [q for q in counts if q.start < rate.start], families)
        if finding is not None:
            return finding
        # '办结1,096件，结案率97.16%': the count right before the rate, named with a word of the
        # rate's own (结), nothing but a comma between
        label_start = rate.start - len(rate.raw_label)
        named = [
            q
            for q in counts
            if q.end <= label_start
            and text[q.end : label_start].strip(",") == ""
            and set(stem) & set(q.raw_label[-3:])
            and not any(word in q.raw_label for word in _FLAW_WORDS)
        ][-1:]
        if not named:
            return _TOO_FEW
    top = named[-1]  # '…问卷600份，收回580份，满意556份，满意度…': the nearest so named
    family = next((f for f in families if top.unit in f), (top.unit,))
    # '受理信访事项1,286件，其中网上信访604件，受理率100%': a part listed under the count is no base of it
    others = [
        q
        for q in counts
        if q is not top and q.unit in family and not (q.start > top.end and "其中" in text[top.end : q.start])
    ]
    if not others:
        return _TOO_FEW
    if widened:
        # a sentence apart, only a share of one whole: the count so named and one larger of its kind
        others = [q for q in others if q.value > top.value]
        if len(others) != 1 or pending:
            return None
    half = rate.half_unit()
    # (numerator, denominator, ratio); '覆盖18个乡镇中的15个，覆盖率83.33%': the count named like
    # the rate may be the whole, when the rate is a share
    ratios = [(top, q, top.value * 100 / q.value) for q in others]
    if rate.value <= 100:
        ratios += [(q, top, q.value * 100 / top.value) for q in others if q.value < top.value]
    # '学生问卷476份、企业问卷78份，表示满意的共522份，满意度94.22%': of all the questionnaires
    listed = [q for q in others if q.start < top.start]
    together = sum((q.value for q in listed), ZERO)
    if len(listed) >= 2 and together > top.value and abs(top.value * 100 / together - rate.value) <= half:
        return None
    if any(abs(ratio - rate.value) <= half for _, _, ratio in ratios):
        return None
    if pending:
        whole = top.value + sum((q.value for q in pending), ZERO)
        if abs(top.value * 100 / whole - rate.value) <= half:
            return None
    if any(word in sentence for word in _CARRIED_COUNTS) and not any("应" in q.raw_label for q in others):
        return None  # '结案293件，结案率96.07%（含上年未结19件）': the base holds last year's cases too
    complement = [
        (f"（{q.text}{q.unit}−{top.text}{top.unit}）", q, (q.value - top.value) * 100 / q.value)
        for q in others
        if q.value > top.value and re.search(f"[不未]{stem}$", top.raw_label)
    ]  # '检查100户，不合格3户，合格率97%': the rate of the others
    if any(abs(ratio - rate.value) <= half for _, _, ratio in complement):
        return None
    if rate.value == 100 and any(ratio > 100 for _, _, ratio in ratios[: len(others)]):
        return None  # '目标690户，完成694户，完成率按上限计100%': more than planned is written as 100%
    shown = complement or [(f"{part.text}{part.unit}", base, ratio) for part, base, ratio in ratios]
    if len(named) >= 2:
        # '一次性验收合格9个、整改后复验合格1个，验收合格率100%': the counts so named add up
        together = sum((q.value for q in named), ZERO)
        wholes = [q for q in others if q not in named and q.value >= together]
        if any(abs(together * 100 / q.value - rate.value) <= half for q in wholes):
            return None
        parts_text = "+".join(f"{q.text}{q.unit}" for q in named)
        shown = [(f"（{parts_text}）", q, together * 100 / q.value) for q in wholes] or shown
    written, base, ratio = min(shown, key=lambda triple: abs(triple[2] - rate.value))
    return _rate_finding(
        context,
        "rate.counts",
        WARNING,
        f"{label}与数字不符：{written}÷{base.text}{base.unit}",
        ratio,
        rate,
        rate.start - len(rate.raw_label),
        tail=f"（同句其他数字也算不出{rate.text}%）" if len(others) > 1 else "",
    )


def _of_another_member(text: str, count, rate, subject: str, counts) -> bool:
    """The count stands in an earlier member of the sentence (before a ';'), the rate's own member
    states no count, and the count shares no word with the subject the rate's label names
    ('…提供健康管理服务58,320人次…；高血压患者规范管理率达到72.5%': 高血压患者, not the elderly's
    健康管理; but '…满意279人，满意度93%；两类合计1,500人，综合满意度93.8%' sums the members)."""
    if count.start > rate.start or len(subject) < 2:
        return False
    member = text.rfind(";", count.end, rate.start)
    if member < 0 or any(member < q.start < rate.start for q in counts):
        return False
    return not any(subject[i : i + 2] in count.raw_label for i in range(len(subject) - 1))


def _rate_of_the_flawed(context: CheckContext, rate, counts, families) -> Finding | None:
    """'抽查1,200户，发现不符18户，核实准确率98.85%': a rate whose sentence names no count by its own
    word, but the flawed ones among those checked (不符, 不合格 …) — the rate is the share of the sound
    ones, (checked − flawed) ÷ checked, or of the flawed ones (差错率)."""
    flawed = [q for q in counts if any(word in q.raw_label[-8:] for word in _FLAW_WORDS)]
    if len(flawed) != 1:
        return None
    flaw = flawed[0]
    text = context.report.text
    if text[flaw.end : rate.start - len(rate.raw_label)].strip(",，;；、 ") or any(
        word in rate.label for word in _REMEDY_WORDS
    ):
        # '…发现不规范凭证9份，已全部整改到位，整改率100%': a rate of what was done about the flawed
        # ones is of them, not of all those checked; the rate must follow the flawed count directly
        return None
    family = next((f for f in families if flaw.unit in f), (flaw.unit,))
    checked = [q for q in counts if q.start < flaw.start and q.unit in family and q.value > flaw.value]
    if len(checked) != 1:
        return None  # the whole the flawed ones are of must be the one count before them
    whole = checked[0]
    half = rate.half_unit()
    sound = (whole.value - flaw.value) * 100 / whole.value
    share = flaw.value * 100 / whole.value
    if abs(sound - rate.value) <= half or abs(share - rate.value) <= half:
        return None
    exact, formula = (
        (sound, f"（{whole.text}{whole.unit}−{flaw.text}{flaw.unit}）")
        if rate.value > 50
        else (
            share,
            f"{flaw.text}{flaw.unit}",
        )
    )
    return _rate_finding(
        context,
        "rate.counts",
        WARNING,
        f"{rate.label}与数字不符：{formula}÷{whole.text}{whole.unit}",
        exact,
        rate,
        rate.start - len(rate.raw_label),
    )


def _rate_finding(
    context: CheckContext,
    rule_id: str,
    severity: str,
    head: str,
    exact: Decimal,
    rate,
    start: int,
    *,
    written: str | None = None,
    tail: str = "",
) -> Finding:
    """'{head}={exact}，报告写{written}{tail}' at ``start``…the rate's end: a printed rate against its
    recomputation, shown to two decimals at least and expected at the rate's own (``written``: the
    rate as quoted, by default its figure and '%')."""
    return context.finding(
        rule_id,
        severity,
        f"{head}={pct(exact, max(rate.decimals, 2))}，报告写{written or f'{rate.text}%'}{tail}",
        start,
        rate.end,
        expected=pct(exact, rate.decimals),
        found=f"{rate.text}%",
    )


def _aside_end(text: str, position: int, limit: int) -> int:
    """Where a bracket opened right after the rate closes ('…72.3%（辖区老年人16,348人）'), or the rate's end."""
    if text[position : position + 1] not in "(（":
        return position
    closed = text.find(")", position, limit + 1)
    closed = closed if closed >= 0 else text.find("）", position, limit + 1)
    return closed if closed >= 0 else position


_OF_THE_BUDGET = re.compile(r"(?:为|是|占|达到?)(?:年初|全年|调整后)?预算(?:数)?的$")


def _rate_of_the_budget(context: CheckContext, index: int) -> list[Finding]:
    """'三公经费预算3.41万元，实际支出2.64万元，为预算的77.42%': the amount before the rate over the
    one budget stated earlier in the sentence."""
    report = context.report
    text = report.text
    rate, top = report.quantities[index], report.quantities[index - 1]
    if top.kind != "money" or top.approx or rate.approx:
        return []
    paragraph = report.paragraph_at(rate.start)
    if paragraph is None:
        return []
    start, _ = sentence_span(text, rate.start, paragraph.start, paragraph.end)
    before = [q for q in report.quantities_between(start, top.start) if q.kind == "money" and not q.approx]
    budgets = [q for q in before if q.role == "level" and "预算" in q.raw_label]
    if len({q.base_value for q in budgets}) != 1 or budgets[0].base_value <= 0:
        return []
    base = budgets[-1]
    if top.role == "delta":
        # '决算7.04万元,比预算7.2万元减少0.16万元,为预算数的97.77%': the rate is of the spending,
        # the amount stated before the budget, not of the change
        spent = [q for q in before if q.role == "level" and "预算" not in q.raw_label and q.end <= base.start]
        if not spent:
            return []
        top = spent[-1]
    finding = _rate_of(
        context, top, base, rate, f"{top.text}{top.unit}÷预算{base.text}{base.unit}", rate.raw_label
    )
    return [finding] if finding is not None else []


def _rate_of(context: CheckContext, top, base, rate, formula: str, written: str) -> Finding | None:
    """``rate`` against ``top`` ÷ ``base``, within the rounding of the three printed figures."""
    report = context.report
    exact = top.base_value * 100 / base.base_value
    envelope = rate.half_unit() + (
        (report.half_unit(top) + report.half_unit(base) * exact / 100) * 100 / base.base_value
    )
    if abs(exact - rate.value) <= envelope:
        return None
    return _rate_finding(
        context,
        "rate.of_base",
        ERROR,
        f"比率与{'金额' if base.kind == 'money' else '数字'}不符：{formula}",
        exact,
        rate,
        top.start,
        written=f"“{written}{rate.text}%”",
    )


@rule("rate.of_base", "“A，为（完成）B的P%”中的P与A÷B是否相符")
def check_rates_of_a_base(context: CheckContext) -> list[Finding]:
    """'实际支出96万元，为预算100万元的96%', '新增就业1,860人，完成年度目标1,800人的103.33%': the
    rate after 的 is the amount just before the base divided by the base."""
    report = context.report
    text = report.text
    if "的" not in text or "%" not in text:
        return []
    families = context.data.once(_families)
    quantities = report.quantities
    findings = []
    for index in indices_of_kind(context, "percent"):
        if index and _OF_THE_BUDGET.search(quantities[index].raw_label):
            findings.extend(_rate_of_the_budget(context, index))
    # (a rate of a target is said after '的': when none is, the words are not looked for)
    if any(q.raw_label.endswith("的") and not q.approx for q in of_kind(context, "percent")) and has_any(
        text, ("目标的", "任务的", "计划的"), report.places
    ):
        findings.extend(_rates_of_a_target(context))
    for after in indices_of_kind(context, "percent"):  # each rate with a base and a figure before it
        if after < 2:
            continue
        index = after - 1
        base, rate = quantities[index], quantities[after]
        if text[base.end : rate.start] != "的" or base.kind not in ("money", "count"):
            continue
        top = quantities[index - 1]
        if top.kind != base.kind or top.approx or base.approx or rate.approx or base.base_value <= 0:
            continue
        if (
            base.kind == "count"
            and not any(top.unit in f and base.unit in f for f in families)
            and top.unit != base.unit
        ):
            continue
        between = text[top.end : base.start - len(base.raw_label)]
        if between not in (",", "，", ";", "；", "") or any(ch in base.raw_label for ch in "。;"):
            continue  # the amount the rate is of stands right before the base's own words
        if "占" in base.raw_label:
            continue  # '占全县财政支出40亿元的8%': a share, which rate.recompute reads
        if base.raw_label.startswith(("和", "及", "与", "、")) or text.startswith(
            ("和", "、", "及"), rate.end
        ):
            continue  # '分别占脱贫村38个和一般村104个的31.58%和15.38%': two bases, each with its rate
        formula = f"{top.text}{top.unit}÷{base.text}{base.unit}"
        finding = _rate_of(context, top, base, rate, formula, f"{base.raw_label}{base.text}{base.unit}的")
        if finding is not None:
            findings.append(finding)
    return findings


# '农村低保保障人数完成年度目标的96%': an indicator of the form named, then the share of its target
_OF_THE_TARGET = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,16}?)(?:已)?(?:完成|达到|为)(?:了)?(?:年度|全年)?(?:绩效)?目标(?:值)?的$"
)
_TARGET_NAMES = words("rules_forms.target_columns")
_ACTUAL_NAMES = words("rules_forms.actual_columns")


def _indicator_values(context: CheckContext) -> dict[str, tuple]:
    """{indicator name: (target cell, actual cell, target, actual)} of the form's indicator rows
    with a plain target above 0 and an actual value of the same unit (rules_forms.plain_target_and_actual)."""
    found: dict[str, tuple] = {}
    for table in context.tables:
        columns = [c.replace(" ", "") for c in table.columns]
        name_at = next((columns.index(n) for n in INDICATOR_COLUMNS if n in columns), None)
        target_at = next((columns.index(n) for n in _TARGET_NAMES if n in columns), None)
        actual_at = next((columns.index(n) for n in _ACTUAL_NAMES if n in columns), None)
        if name_at is None or target_at is None or actual_at is None:
            continue
        for row in table.rows:
            if len(row.cells) != len(table.columns):
                continue  # a row short of cells may be shifted
            name, target, actual = row.cell(name_at), row.cell(target_at), row.cell(actual_at)
            if name is None or target is None or actual is None or not name.text:
                continue
            values = plain_target_and_actual(target, actual)
            if values is not None and values[0] > 0:
                found.setdefault(name.text.replace(" ", ""), (target, actual, *values))
    return found


def _rates_of_a_target(context: CheckContext) -> list[Finding]:
    """The share of its target an indicator of the form reached, said in prose, against the
    indicator's row: actual ÷ target, within the rounding of the printed rate."""
    findings = []
    indicators = None
    for index in indices_of_kind(context, "percent"):
        rate = context.report.quantities[index]
        if rate.approx or not rate.raw_label.endswith("的"):
            continue
        said = _OF_THE_TARGET.match(rate.raw_label)
        if said is None:
            finding = _share_of_the_stated_target(context, index)
            if finding is not None:
                findings.append(finding)
            continue
        if indicators is None:
            indicators = _indicator_values(context)
        row = indicators.get(said.group("name"))
        if row is None:
            continue
        target, actual, goal, done = row
        exact = done * 100 / goal
        if abs(exact - rate.value) <= rate.half_unit():
            continue
        findings.append(
            _rate_finding(
                context,
                "rate.of_base",
                WARNING,
                f"比率与表中数字不符：“{said.group('name')}”实际完成值{actual.text}÷年度指标值{target.text}",
                exact,
                rate,
                rate.start - len(rate.raw_label),
                written=f"“完成目标的{rate.text}%”",
            )
        )
    return findings


# '全年培育高素质农民826人,完成年度任务的108.25%': the share of the year's target, right after the count
_OF_THE_TASK = re.compile(
    r"^[,，]?(?:已)?(?:完成|达到)(?:了)?(?:年度|全年)?(?:计划|目标|任务)(?:任务)?(?:值)?的$"
)
_TASK_FILLERS = re.compile(r"^(?:(?:19|20)\d{2}年度?|全年|年度|本年|共|累计|实际|已|计划|目标)+")


def _share_of_the_stated_target(context: CheckContext, index: int) -> Finding | None:
    """'全年培育高素质农民826人,完成年度任务的108.25%' against the target the report states for the same
    thing, with the same unit, in its goals ('培育高素质农民800人' under 绩效目标): 826÷800."""
    report = context.report
    quantities = report.quantities
    rate = quantities[index]
    if index == 0 or not _OF_THE_TASK.match(rate.raw_label):
        return None
    done = quantities[index - 1]
    if (
        done.kind != "count"
        or done.approx
        or report.text[done.end : rate.start - len(rate.raw_label)] not in ",，"
    ):
        return None
    name = _TASK_FILLERS.sub("", done.raw_label.strip(" ,，;；。"))
    if len(name) < 4:
        return None
    targets = {
        q.value: q
        for q in quantities
        if q is not done
        and q.kind == "count"
        and q.unit == done.unit
        and not q.approx
        and q.role == "level"
        and q.start < done.start
        and _TASK_FILLERS.sub("", q.raw_label.strip(" ,，;；。")).endswith(name)
        and _under_a_goal(report, q.start)
    }
    if len(targets) != 1:
        return None
    (target,) = targets.values()
    if target.value <= 0 or target.value == done.value:
        return None
    exact = done.value * 100 / target.value
    if abs(exact - rate.value) <= rate.half_unit():
        return None
    where = report.section_at(target.start)
    where = "" if where.startswith("（") else f"（{where}）"
    return _rate_finding(  # a warning: the target is found by its words, not printed beside the rate
        context,
        "rate.of_base",
        WARNING,
        f"比率与目标不符：“{name}”{done.text}{done.unit}÷目标{target.text}{target.unit}{where}",
        exact,
        rate,
        done.start,
        written=f"“{rate.raw_label}{rate.text}%”",
    )


def _under_a_goal(report, position: int) -> bool:
    """The figure stands under a heading that names a goal (目标), or in a line at most three lines
    below one that does (a form read one cell a line: '年度总体目标\n预期目标\n实际完成情况\n…800人')."""
    if "目标" in report.section_at(position):
        return True
    text = report.text
    start = position
    for _ in range(4):
        start = text.rfind("\n", 0, max(start - 1, 0))
        if start < 0:
            break
    return "目标" in text[start + 1 : position]


_UP_WORDS = words("rules_means.up_words")
_DOWN_WORDS = words("rules_means.down_words")


@rule("rate.points", "“较上年Y%提高Z个百分点”中的Z与本年、上年两个百分比之差是否相符")
def check_percentage_points(context: CheckContext) -> list[Finding]:
    """'执行率为96.91%，较上年94.35%提高2.56个百分点', '由79.2%提高到82.6%，提高3.4个百分点': the
    points are this year's rate less last year's, in the direction the word says."""
    report = context.report
    text = report.text
    if not has_word(text, "百分点", report.places):
        return []
    quantities = report.quantities
    findings = []
    for index in indices_of_kind(context, "points"):
        points = quantities[index]
        if points.approx:
            continue
        word = next(
            (w for w in (*_UP_WORDS, *_DOWN_WORDS) if points.raw_label.rstrip("了").endswith(w)), None
        )
        if word is None:
            continue
        paragraph = report.paragraph_at(points.start)
        if paragraph is None:
            continue
        start, _ = sentence_span(text, points.start, paragraph.start, paragraph.end)
        rates = [q for q in quantities[max(0, index - 4) : index] if q.kind == "percent" and q.start >= start]
        if len(rates) < 2 or any(q.approx for q in rates[-2:]):
            continue
        earlier, later = rates[-2], rates[-1]
        between = text[earlier.end : later.start]
        if "由" in earlier.raw_label or "从" in earlier.raw_label:
            before, now = earlier, later  # '由79.2%提高到82.6%'
        elif later.role == "previous" or "上年" in later.raw_label or "去年" in later.raw_label:
            before, now = later, earlier  # '96.91%，较上年94.35%提高…'
        else:
            continue
        if "," in between and before is earlier:
            continue
        change = now.value - before.value
        signed = points.value if word in _UP_WORDS else -points.value
        envelope = now.half_unit() + before.half_unit() + points.half_unit()
        if abs(change - signed) <= envelope:
            continue
        findings.append(
            context.finding(
                "rate.points",
                ERROR,
                f"百分点之差不符：{now.text}%−{before.text}%={plain(change)}个百分点，报告写{word}{points.text}个百分点",
                before.start if before.start < now.start else now.start,
                points.end,
                expected=f"{plain(abs(change))}个百分点",
                found=f"{points.text}个百分点",
            )
        )
    return findings


def _one_labelled(quantities, words) -> list:
    return [
        q
        for q in quantities
        if q.kind == "money" and q.role == "level" and not q.approx and q.label.endswith(words)
    ]


@rule("assets.identity", "资产总额 − 负债总额 = 净资产，资产负债率 = 负债 ÷ 资产（同一句中）")
def check_assets(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    if not has_word(text, "负债", report.places):
        return []
    findings = []
    for paragraph in report.paragraphs:
        if "负债" not in paragraph.text or "资产" not in paragraph.text:
            continue
        start = paragraph.start
        while start < paragraph.end:
            stop = text.find("。", start, paragraph.end)
            stop = paragraph.end if stop < 0 else stop
            quantities = report.quantities_between(start, stop)
            assets = _one_labelled(quantities, ("资产总额", "总资产", "资产总计"))
            debts = _one_labelled(quantities, ("负债总额", "总负债", "负债合计", "负债总计"))
            if len(assets) == 1 and len(debts) == 1 and assets[0].base_value > 0:
                findings.extend(_check_assets(context, quantities, assets[0], debts[0]))
            start = stop + 1
    return findings


def _check_assets(context: CheckContext, quantities, assets, debts) -> list[Finding]:
    report = context.report
    findings = []
    net = _one_labelled(quantities, ("净资产", "净资产总额"))
    if len(net) == 1:
        expected = assets.base_value - debts.base_value
        envelope = report.half_unit(assets) + report.half_unit(debts) + report.half_unit(net[0])
        if abs(expected - net[0].base_value) > envelope:
            findings.append(
                context.finding(
                    "assets.identity",
                    ERROR,
                    f"净资产与资产、负债不符：{assets.text}{assets.unit}−{debts.text}{debts.unit}="
                    f"{amount_like(expected, net[0])}，报告写{net[0].text}{net[0].unit}",
                    net[0].start,
                    net[0].end,
                    expected=amount_like(expected, net[0]),
                    found=f"{net[0].text}{net[0].unit}",
                )
            )
    ratio = [q for q in quantities if q.kind == "percent" and q.label.endswith("资产负债率") and not q.approx]
    if len(ratio) == 1:
        exact = debts.base_value * 100 / assets.base_value
        if abs(exact - ratio[0].value) > ratio[0].half_unit() + (
            report.half_unit(debts) * 100 / assets.base_value
        ):
            findings.append(
                _rate_finding(
                    context,
                    "assets.identity",
                    ERROR,
                    f"资产负债率与金额不符：{debts.text}{debts.unit}÷{assets.text}{assets.unit}",
                    exact,
                    ratio[0],
                    ratio[0].start,
                )
            )
    return findings


_TARGET_UNITS = words("rules_means.target_units")
_TARGET_WORDS = words("rules_means.target_words")
_TARGET_MARKS = words("rules_means.target_marks")
_LABEL_FILLERS = words("rules_means.label_fillers")
# a figure of a physical unit with the words before it in its clause: '新建电声警报器≥15台',
# '全年实际建成高标准农田2.05万亩' (万 is part of the printed unit)
_COUNTED_FIGURE = re.compile(
    r"(?P<label>[\u4e00-\u9fff≥]{0,16}?)(?P<mark>" + "|".join(map(re.escape, _TARGET_MARKS)) + r")?"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)"  # '1,856人次' as well as '1856人次'
    r"(?P<wan>万)?(?P<unit>" + "|".join(sorted(map(re.escape, _TARGET_UNITS), key=len, reverse=True)) + r")"
    r"(?![\u4e00-\u9fff]{0,1}(?:元|%))"
)
# the characters a unit of _COUNTED_FIGURE opens with, and those of a label or a mark (what stands
# between a match's start and its number)
_UNIT_FIRSTS = "".join(sorted({unit[0] for unit in _TARGET_UNITS}))
_UNITS_LONGEST_FIRST = tuple(sorted(_TARGET_UNITS, key=len, reverse=True))
_LABEL_RUN = re.compile(  # the characters of a label and a mark, run up to the end
    "[\u4e00-\u9fff≥" + re.escape("".join(sorted(set("".join(_TARGET_MARKS))))) + "]*\\Z"
)
_FIGURE_REACH = 16 + max(map(len, _TARGET_MARKS), default=0)  # the longest label, then a mark


def _counted_matches(text: str, index) -> list[re.Match]:
    """``list(_COUNTED_FIGURE.finditer(text))`` (``index``: the text's code points as table
    indices), tried only before the numbers that end before a unit: the pattern's lazy label, which
    may be empty, makes the regex engine try each of its lengths at every character of the text
    (milliseconds for a report). Every match has its number (digits, commas, points; the first a
    digit) end right before a unit or its 万, and starts either in that run of digits or at most
    _FIGURE_REACH characters of a label and a mark before it."""
    starts: set[int] = set()
    for unit in scan.char_positions(index, _UNIT_FIRSTS):
        end = unit - 1 if text[unit - 1 : unit] != "万" else unit - 2  # the number's last digit
        if end < 0 or not text[end].isdecimal() or not text.startswith(_UNITS_LONGEST_FIRST, unit):
            continue
        first = end
        while first and (text[first - 1].isdecimal() or text[first - 1] in ",."):  # (\d, as re reads it)
            first -= 1
        # (the run of a label's and a mark's characters before the number: its start in the window)
        low = _LABEL_RUN.search(text, max(0, first - _FIGURE_REACH), first).start()
        starts.update(range(low, end + 1))
    return scan.matches_at(_COUNTED_FIGURE, text, sorted(starts))


_COMPLETION_RATE = re.compile(
    r"完成率(?:为|达|达到|是|:)?(?P<p>\d+(?:\.\d+)?)%"
    r"|完成(?:了)?(?:全年|年度)?(?:计划|目标|任务)[\u4e00-\u9fff]{0,10}?的(?P<q>\d+(?:\.\d+)?)%"
)
_CLAUSE_MARKS = ",;:。\n、(（)）"


class _Counted(NamedTuple):
    start: int
    end: int
    value: Decimal  # in the unit without 万
    half: Decimal  # its rounding envelope
    unit: str
    printed: str
    stem: str  # the label without fillers
    target: bool


def _stem(label: str) -> str:
    for filler in _LABEL_FILLERS:
        label = label.replace(filler, "")
    return label.replace("≥", "")


def _counted_figures(text: str, index) -> list[_Counted]:
    figures = []
    for match in _counted_matches(text, index):
        if match.start("n") and (text[match.start("n") - 1].isdigit() or text[match.start("n") - 1] in ".,"):
            continue  # inside a longer number
        label = match.group("label")
        mark_at = last_mark(text, _CLAUSE_MARKS, 0, match.start("n"))
        clause_start = max(mark_at + 1, match.start("n") - 16)
        words_before = text[clause_start : match.start("n")]
        sentence_start = last_mark(text, "。\n", 0, match.start("n")) + 1
        colon = last_mark(text, ":：", sentence_start, match.start("n"))
        if colon >= 0 and not any(word in text[colon : match.start("n")] for word in ("实际", "完成")):
            # '年度绩效目标为:改造生态茶园12,000亩;安装…': the items of a list after a lead that names
            # them targets are targets
            words_before = text[max(sentence_start, colon - 16) : colon] + words_before
        scale = Decimal(10000) if match.group("wan") else Decimal(1)
        value = Decimal(match.group("n").replace(",", ""))
        places = max(-value.as_tuple().exponent, 0)
        figures.append(
            _Counted(
                match.start("n"),
                match.end(),
                value * scale,
                # a count printed whole is exact (16台); '2.05万亩' is a measure rounded to its last digit
                Decimal(5).scaleb(-(places + 1)) * scale if places or scale > 1 else Decimal(0),
                match.group("unit"),
                match.group("n") + (match.group("wan") or "") + match.group("unit"),
                _stem(label),
                bool(match.group("mark")) or any(word in words_before for word in _TARGET_WORDS),
            )
        )
    return figures


def _same_indicator(a: str, b: str) -> bool:
    """Two stems name one indicator: a common run of three characters, or the whole of the
    shorter one when it has two ('供餐' of '全年计划供餐200天' and '全年实际供餐195天')."""
    if len(a) < 2 or len(b) < 2:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == 2:
        return short in long
    return any(short[i : i + 3] in long for i in range(len(short) - 2))


@rule("rate.target", "“实际N…，完成率P%”与别处写明的同一指标的目标值（≥M、计划M）是否相符")
def check_rates_of_a_target(context: CheckContext) -> list[Finding]:
    """'新建电声警报器16台，完成率106.67%' against '新建电声警报器≥15台' in the goals: the done count
    of the rate's sentence divided by the one target stated elsewhere for the same indicator (same
    unit, same words). A sentence that states its own plan is count.completion's."""
    report = context.report
    text = report.text
    if "完成" not in text or "%" not in text:
        return []
    # (every match opens with 完: tried only where one stands, from the report's CharIndex)
    rates = list(matches_in(_COMPLETION_RATE, text, report.places))
    if not rates:
        return []
    figures = _with_table_targets(context, _counted_figures(text, context.code_index))
    findings = []
    for rate in rates:
        paragraph = report.paragraph_at(rate.start())
        if paragraph is None:
            continue
        start, end = sentence_span(text, rate.start(), paragraph.start, paragraph.end)
        start = max(start, last_mark(text, ";\n", 0, rate.start()) + 1)
        own = [f for f in figures if start <= f.start and f.end <= rate.start()]
        if not own:
            continue  # no done count
        if any(f.target for f in own):
            if "实际" not in text[start : rate.start()]:
                # '全年完成培训1,856人次，年度目标2,000人次，完成率92.08%': the sentence states its own
                # plan without the word 实际 that count.completion reads
                findings.extend(_own_plan_rate(context, rate, own))
            continue
        pairs = []
        for done in own:
            targets = {
                t.value: t
                for t in figures
                if t.target
                and not start <= t.start < end
                and t.unit == done.unit
                and t.value > 0
                and _same_indicator(t.stem, done.stem)
            }
            if len(targets) == 1:
                pairs.append((done, next(iter(targets.values()))))
        if not pairs:
            continue
        stated = Decimal(rate.group("p") or rate.group("q"))
        places = max(-stated.as_tuple().exponent, 0)
        half = Decimal(5).scaleb(-(places + 1))
        consistent = False
        for done, target in pairs:
            exact = done.value * 100 / target.value
            envelope = half + done.half * 100 / target.value  # a target is set, not measured: exact
            if abs(exact - stated) <= envelope or (stated == 100 and exact > 100):
                consistent = True
        if consistent:
            continue
        done, target = pairs[0]
        exact = done.value * 100 / target.value
        findings.append(
            context.finding(
                "rate.target",
                WARNING,
                f"完成率与目标不符：实际{done.printed}÷目标{target.printed}（{report.section_at(target.start)}）="
                f"{pct(exact, max(places, 2))}，报告写{stated}%",
                done.start,
                rate.end(),
                expected=pct(exact, places),
                found=f"{stated}%",
            )
        )
    return findings


_TARGET_COLUMNS = frozenset(words("tables.target_names"))


def _with_table_targets(context: CheckContext, figures: list[_Counted]) -> list[_Counted]:
    """A figure in a cell of a table's target column ('| 人工增雨(雪)作业次数 | 45次 | 37次 |' under
    指标值 | 实际完成值) is a target, of the indicator named in the cell before it (or the row's label)."""
    spans = []
    for table in context.tables:
        at = next(
            (i for i, name in enumerate(table.columns) if name.replace(" ", "") in _TARGET_COLUMNS), None
        )
        if at is None:
            continue
        for row in table.rows:
            cell = row.cell(at)
            if cell is None or not cell.text:
                continue
            before = row.cell(at - 1) if at else None
            name = before.text if before is not None and before.text and before.value is None else row.label
            spans.append((cell.start, cell.end, name))
    if not spans:
        return figures
    marked = []
    for figure in figures:
        inside = next((name for low, high, name in spans if low <= figure.start < high), None)
        marked.append(figure if inside is None else figure._replace(target=True, stem=_stem(inside)))
    return marked


def _is_plan(words_before: str) -> bool:
    return any(word in words_before for word in _TARGET_WORDS) or any(
        words_before.endswith(mark) for mark in _TARGET_MARKS
    )


def _own_plan_rate(context: CheckContext, rate: re.Match, own: list[_Counted]) -> list[Finding]:
    """The completion rate of a sentence that names one plan and one done count of the same unit
    before the rate: done ÷ plan, within the rounding of the printed figures."""
    text = context.report.text
    # whether a figure is a plan, from the words since the figure before it only ('年初确定的8项重点任务
    # 完成7项': 任务 names the 8, not the 7)
    own = [
        f._replace(target=_is_plan(text[max(own[i - 1].end if i else 0, f.start - 16) : f.start]))
        for i, f in enumerate(own)
    ]
    units = {f.unit for f in own if f.target}
    if len(units) != 1:
        return []
    unit = units.pop()
    targets = [f for f in own if f.target and f.unit == unit]
    done = [f for f in own if not f.target and f.unit == unit]
    if len(targets) != 1 or len(done) != 1 or targets[0].value <= 0:
        return []
    target, done_figure = targets[0], done[0]
    stated = Decimal(rate.group("p") or rate.group("q"))
    places = max(-stated.as_tuple().exponent, 0)
    half = Decimal(5).scaleb(-(places + 1))
    exact = done_figure.value * 100 / target.value
    envelope = half + (done_figure.half + target.half * exact / 100) * 100 / target.value
    if abs(exact - stated) <= envelope or (stated == 100 and exact > 100):
        return []
    return [
        context.finding(
            "rate.target",
            ERROR,
            f"完成率与数量不符：完成{done_figure.printed}÷目标{target.printed}={pct(exact, max(places, 2))}，"
            f"报告写{stated}%",
            min(done_figure.start, target.start),
            rate.end(),
            expected=pct(exact, places),
            found=f"{stated}%",
        )
    ]


_REMAINDER_WORDS = words("rules_means.remainder_words")
_PAID_RATE_WORDS = words("rules_means.paid_rate_words")


@rule("rate.remainder", "“已支付X，支付率P%；剩余Y…”：比率之后写出余下部分时，P＝X÷（X＋Y）")
def check_rates_with_the_remainder(context: CheckContext) -> list[Finding]:
    """'已支付资金189.62万元，资金支付率93.42%；剩余15.54万元为工程尾款': the amount before the rate
    and the remainder after it (in the same sentence, the next clause at most) make the whole the
    rate is of. The amount paid is the one right before the rate; the remainder the first amount after
    it named by a remainder word."""
    report = context.report
    text = report.text
    findings = []
    quantities = report.quantities
    for index, rate in enumerate(quantities):
        if rate.kind != "percent" or rate.approx or not rate.label.endswith(_PAID_RATE_WORDS) or index == 0:
            continue
        paid = quantities[index - 1]
        if paid.kind != "money" or paid.role != "level" or paid.approx or "。" in text[paid.end : rate.start]:
            continue
        stop = first_mark(text, "。\n", rate.end, len(text))
        after = [q for q in report.quantities_between(rate.end, stop) if q.kind == "money"][:1]
        if not after:
            continue
        rest = after[0]
        if rest.role != "level" or rest.approx or not any(w in rest.raw_label for w in _REMAINDER_WORDS):
            continue
        whole = paid.base_value + rest.base_value
        if whole <= 0:
            continue
        exact = paid.base_value * 100 / whole
        envelope = rate.half_unit() + (report.half_unit(paid) + report.half_unit(rest)) * 100 / whole
        if abs(exact - rate.value) <= envelope:
            continue
        findings.append(
            _rate_finding(
                context,
                "rate.remainder",
                ERROR,
                f"{rate.label}与金额不符：{paid.text}{paid.unit}÷（{paid.text}{paid.unit}+{rest.raw_label}"
                f"{rest.text}{rest.unit}）",
                exact,
                rate,
                rate.start - len(rate.raw_label),
            )
        )
    return findings


RULES = (
    check_rates_with_the_remainder,
    check_means,
    check_count_rates,
    check_rates_of_a_base,
    check_rates_of_a_target,
    check_percentage_points,
    check_assets,
)
