"""Totals against their items — in prose without 其中 (“A10万元，B20万元，共计30万元”), counts that
change during the year (“年初8个，年中增加8个，共15个”), and the self-evaluation form read back
as a table: 执行率 = 执行数 ÷ 预算数, 得分 = 权重 × 执行率, the total row against its 其中 rows,
the points of a category against its items, and scores left empty.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import ZERO, CheckContext, amount_like, pct, plain, rule, show
from jixiao.domain.checker.config import any_word
from jixiao.domain.checker.figures import is_per_unit
from jixiao.domain.checker.findings import ERROR, INFO, WARNING, Finding
from jixiao.domain.checker.parse import KEPT_ENDINGS, Quantity, cn_number
from jixiao.domain.checker.rules import (
    DEPRECIATION,
    GROSS_VALUE,
    adds_up,
    has_word,
    last_mark,
    paragraphs_with,
    word_starts,
)
from jixiao.domain.checker.rules_compare import of_kind
from jixiao.domain.checker.tables import Table, TableCell, TableRow, category_points, number_cell
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import HUNDRED, round_half_up

# ---------------------------------------------------------------------------------------------
# Listed items followed by their total


# (the last item often after 和/及: 'A52.30万元、B38.60万元和C41.20万元，共计…')
_ITEM_GAP = re.compile(r"^(?:[,;、]|和|及|以及)\s*[^\d,;:。!?\n]{0,24}$")
# after a total that points back (以上共计, 上述合计): items a sentence or a line each, numbered or not
# ('森林防火安排52.30万元。有害生物防治安排38.60万元。…以上共计…', '(一)森林防火:支出52.30万元。\n(二)…')
_SENTENCE_ITEM_GAP = re.compile(
    r"^[,;、。]?\n?\s*(?:\(?[一二三四五六七八九十\d]{1,2}[).、]\s*|[\u2460-\u2473])?[^\d,;。!?\n]{0,24}$"
)
_BACK = ("以上", "上述", "前述")
# '合计为', '共计达': the linking words after a total's label (not the 达 of 下达, 送达 …: parse's KEPT_ENDINGS)
_LINKING_END = re.compile(
    "(?:为|是|:|" + "".join(f"(?<!{word[0]})" for word in KEPT_ENDINGS if word.endswith("达")) + "达)+$"
)
_SENTENCE_GAPS = ("。", "。\n", "\n", ";\n")
# an ordinal item (第一期, 第2批): a part of what the total counts, whatever the total names
_ORDINAL = re.compile(r"^第[一二三四五六七八九十\d]{1,2}[\u4e00-\u9fff]{0,2}$")
# what the counts count, written after each number ('共和镇3个村、址山镇5个村，共8个村')
_COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff]{1,3}(?=[,;、。和及]|$)")


# '三个项目合计支出90万元', '以上各项共计', '合计支出': the total of the amounts just listed, named
# by their count or as 以上/上述, or the total word followed by what it adds up (not '支出合计',
# which labels a figure of its own)
_NAMED_TOTAL = re.compile(
    r"^(?:以上|上述|前述)?(?:(?P<n>[一二三四五六七八九十两\d]{1,3})(?:个|项|家|所|处|类|笔|批|条)?|各项)?"
    r"[\u4e00-\u9fff]{0,4}?(?P<word>共计|合计|总计|累计|总共|一共)"
    r"(?:完成|实现|实际)?(?:支出|资金|金额|投入|投资|拨付|下达|安排|发放|使用|补助)?$"
)  # ('累计完成投资': the total of the 完成投资 of each part listed before it)


def _named_total(raw: str, words: tuple[str, ...]) -> re.Match | None:
    match = _NAMED_TOTAL.match(raw)
    if match is None or match.group("word") not in words:
        return None
    if match.start("word") > 0 and not raw.startswith(("以上", "上述", "前述")) and not match.group("n"):
        return None  # '支出合计', '项目资金合计': a label before the word, no count
    return match


_ETC_TOTAL = re.compile(
    r"^(?:等|[,;]?(?:以上|上述|前述)?)(?P<n>\d{1,3})(?:个|项|家|所|处|类|笔|批|条)[\u4e00-\u9fff]{0,6}?"
    r"(?P<word>共计|合计|总计|累计|总共|一共|共)(?:支出|资金|金额|投入|拨付|下达|安排|发放|使用|补助)?(?:为|达|是)?$"
)


# '全年共开展文体活动37场次' after '上半年开展文体活动14场次、下半年开展21场次': the total word at the
# head of the label, after a time word, then what is counted (named as the first item names it)
_HEAD_TOTAL = re.compile(
    r"^(?:全年|本年|年度|当年|全年度|截至年底|截至年末)?(?P<word>共计|合计|总计|累计|总共|一共|共)"
    r"(?P<noun>[\u4e00-\u9fff]{2,10})$"
)


def _names_the_items(noun: str, first_label: str) -> bool:
    """The total's noun and the first item's label share a word of two characters ('开展文体活动' and
    '上半年开展文体活动')."""
    return any(noun[i : i + 2] in first_label for i in range(len(noun) - 1))


def _counted_noun(text: str, total: Quantity) -> str:
    """The noun a count's number is followed by ('13个村' → '村'), '' for money or none."""
    if total.kind != "count":
        return ""
    match = _COUNTED_NOUN.match(text, total.end)
    return match.group() if match else ""


@rule("list.total", "列举的各项金额与随后的“共计/合计”是否相等（不写“其中”的列举）")
def check_listed_totals(context: CheckContext) -> list[Finding]:
    """'无为市93万元,南陵县52万元,…,三山经开区16.192万元,共计237万元': the items are the
    amounts of the same unit right before the total, each after a list separator and a label,
    none a change, an approximation or a per-unit price. Their sum must equal the total within
    the rounding envelope; outside it is an error stating the recomputation."""
    report = context.report
    text = report.text
    words = tuple(context.data.identities.get("list_totals") or ())
    findings = []
    quantities = report.quantities
    for index, total in enumerate(quantities):
        if total.role != "level" or total.approx or total.kind not in ("money", "count"):
            continue
        raw = _LINKING_END.sub("", total.raw_label.strip())
        last = index - 1
        # (a closing '等3个项目共计' is read only after a count: after any other figure it is not used)
        closing = (
            _ETC_TOTAL.match(text[quantities[index - 2].end : total.start])
            if index >= 2
            and quantities[index - 1].kind == "count"
            and text.startswith(("等", ",", ";", "以上", "上述", "前述"), quantities[index - 2].end)
            else None
        )
        head = None
        noun = None  # (what the counts count, read once: in the gap before the total, then between items)
        if closing:
            # 'A50万元、B40万元、C20万元等3个项目共计120万元', '…，以上3个项目合计支出120万元'
            last, raw = index - 2, closing.group(0).lstrip(",;").removeprefix("等").rstrip("为达是")
        elif (
            raw not in words
            and ("计" in raw or "共" in raw)
            and not _named_total(raw, words)
            and (head := _HEAD_TOTAL.match(raw)) is not None
        ):
            gap = text[quantities[index - 1].end : total.start - len(total.raw_label)] if index else ""
            if index == 0 or gap not in (",", ";", "，", "；"):
                continue
        elif raw not in words and (("计" not in raw and "共" not in raw) or not _named_total(raw, words)):
            # '共计237万元' after the list; '支出合计95万元' is a label, not a list total (every
            # total word of _NAMED_TOTAL holds 计 or 共)
            continue
        else:
            gap = text[quantities[index - 1].end : total.start - len(total.raw_label)] if index else ""
            noun = _counted_noun(text, total)
            if noun and gap.startswith(noun):
                gap = gap[len(noun) :]  # '…鹤城镇4个村,共13个村'
            if index == 0 or (
                gap not in (",", ";", "，", "；", "")
                and not (gap in _SENTENCE_GAPS and (raw.startswith(_BACK) or raw.startswith(words)))
            ):
                continue
        backward = raw.startswith(_BACK)
        if noun is None:
            noun = _counted_noun(text, total)
        items: list[Quantity] = []
        cursor = last
        style = None
        while cursor >= 0:
            item = quantities[cursor]
            if item.kind != total.kind or item.unit != total.unit or item.role != "level" or item.approx:
                break
            if is_per_unit(item, context.data):
                break
            items.insert(0, item)
            if cursor == 0:
                break
            previous = quantities[cursor - 1]
            between = text[previous.end : item.start]
            if noun and between.startswith(noun):
                between = between[len(noun) :]
            # the items are all of one style: a clause each, or (after 以上) a sentence or a line each
            # — '项目支出X。\n项目支出情况:A,B,C,以上合计Y': X is no item of the list A, B, C
            sentence = "。" in between or "\n" in between
            if style is None:
                style = sentence
            if (
                sentence != style
                or not (_SENTENCE_ITEM_GAP.match(between) if sentence else _ITEM_GAP.match(between))
                or (sentence and not backward)
                or between.lstrip(",;。\n").startswith("其中")
            ):
                break  # '本年支出X，其中A，B，合计Y': the head of a 其中 list is no item of it
            cursor -= 1
        if len(items) < 2 or (closing and last == index - 2 and int(closing.group("n")) != len(items)):
            continue  # '等5个项目' after 3 amounts: the others are not written out
        named = _named_total(raw, words)
        if named is not None and named.group("n") and cn_number(named.group("n")) != len(items):
            continue  # '以上4个项目合计' after 3 amounts: one is written elsewhere
        if (
            head is not None
            and not _names_the_items(head.group("noun"), items[0].raw_label)
            and not all(_ORDINAL.match(q.raw_label.lstrip(",;，；")) for q in items)
        ):
            continue  # '…，共完成投资…' after amounts of something else (not '第一期120人，第二期96人，共培训…')
        total_sum = sum((q.base_value for q in items), ZERO)
        envelope = sum((report.half_unit(q) for q in items), report.half_unit(total))
        difference = total_sum - total.base_value
        if abs(difference) < envelope or difference == 0:
            continue
        listing = "+".join(f"{q.text}" for q in items)
        findings.append(
            context.finding(
                "list.total",
                ERROR if head is None else WARNING,  # a total named at its head is read, not marked
                f"列举的{len(items)}项合计{amount_like(total_sum, total)}（{listing}），"
                f"与所述“{raw}”{total.text}{total.unit}相差{amount_like(abs(difference), total)}",
                items[0].start - len(items[0].raw_label),
                total.end,
                expected=amount_like(total_sum, total),
                found=f"{total.text}{total.unit}",
            )
        )
    if "共" in text or "计" in text:
        findings.extend(_counted_lists(context))
    return findings


# '全县14个乡镇卫生院和198个村卫生室…，共210个服务网点': counts written before what they count,
# joined by 、 和 及, then the total of the same unit later in the sentence
_COUNT_FIRST = re.compile(r"(?<![\d.,])(?P<n>\d{1,5})(?P<unit>[个所家座处户名人条项])(?=[\u4e00-\u9fff])")
_COUNT_JOIN = re.compile(r"^[\u4e00-\u9fff]{1,16}?(?:、|和|及|以及|,)$")  # what the count counts, then a join
_COUNT_TOTAL = re.compile(r"(?:共计|合计|总计|共有|一共|共)(?P<n>\d{1,6})(?P<unit>[个所家座处户名人条项])")


def _counted_lists(context: CheckContext) -> list[Finding]:
    text = context.report.text
    findings = []
    # (every match holds 共 or 计 at its start or one after: tried only there)
    for total in scan.finditer_around(_COUNT_TOTAL, text, "共计", (0, 1), context.report.places):
        low = last_mark(text, "。;\n", 0, total.start()) + 1
        items = []
        for match in _COUNT_FIRST.finditer(text, low, total.start()):
            if match.group("unit") != total.group("unit"):
                items = []
                continue
            if items and not _COUNT_JOIN.match(text[items[-1].end() : match.start()]):
                items = []
            items.append(match)
        if len(items) < 2:
            continue
        between = text[items[-1].end() : total.start()]
        if len(between) > 30 or any(char.isdecimal() for char in between) or "其中" in between:
            continue  # the total of something else, or a part of the last item
        numbers = [int(item.group("n")) for item in items]
        stated = int(total.group("n"))
        if sum(numbers) == stated or stated > 2 * sum(numbers):
            continue  # (far more than the items: what they hold, '2个镇、7个街道共38个行政村')
        counted = set(text[total.end() : total.end() + 8])
        if sum(1 for item in items if counted & set(text[item.end() : item.end() + 2])) == 1:
            continue  # '3个镇、12个村，共12个村完成验收': the total counts one of the items' kind only
        unit = total.group("unit")
        listing = "+".join(str(n) for n in numbers)
        findings.append(
            context.finding(
                "list.total",
                WARNING,  # (what the total counts is named otherwise than the items: read, not sure)
                f"列举的{len(items)}项合计{sum(numbers)}{unit}（{listing}），与所述“{total.group(0)[: -len(total.group('n')) - 1]}”"
                f"{stated}{unit}相差{abs(sum(numbers) - stated)}{unit}",
                items[0].start(),
                total.end(),
                expected=f"{sum(numbers)}{unit}",
                found=f"{stated}{unit}",
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# Counts that change during the year


_COUNT_OF = re.compile(
    r"(?P<n>\d{1,4})(?P<unit>[个项家所处户人名条座台套辆间件宗])(?P<noun>[\u4e00-\u9fff]{1,6})?"
)
# '全年共实施项目12个', '年末累计建成17处': a total word at the head of the clause, after a time word
_TOTAL_HEAD = re.compile(r"^(?:全年|本年|年末|年度|当年|截至年底|截至年末)?(?:共计|合计|总计|累计|共)")


@rule("count.changes", "个数的年初数＋增加数−减少数＝总数（“年初8个，年中增加8个，共15个”）")
def check_count_changes(context: CheckContext) -> list[Finding]:
    """In one paragraph: a total count (共K个), an initial count (年初…N个) and an added (年中增加M个)
    or removed one, all of the same noun and outside brackets. K must be N + M − removed."""
    spec = context.data.identities.get("count_changes") or {}
    if not spec:
        return []
    report = context.report
    text = report.text
    findings = []
    # a clause is part of its paragraph: one without a word of a change, or of a total (the words of
    # the data, or 共/计 of _TOTAL_HEAD), has no count this rule compares (checked before its counts)
    initial_words, change_word, total_word = context.data.once(_count_words)
    for index in sorted(paragraphs_with(report, initial_words)):
        paragraph = report.paragraphs[index]
        if not change_word.search(paragraph.text) or not total_word.search(paragraph.text):
            continue
        found: dict[str, list] = {"total": [], "initial": [], "added": [], "removed": []}
        for match in _COUNT_OF.finditer(text, paragraph.start, paragraph.end):
            start = match.start()
            if start and text[start - 1] in "0123456789.":
                continue
            if _inside_brackets(text, paragraph.start, start):
                continue
            clause_start = last_mark(text, ",;。:(", paragraph.start, start) + 1
            clause = text[max(clause_start, paragraph.start) : start]
            noun = match.group("noun") or ""
            if not noun:
                noun = re.sub(r"[^\u4e00-\u9fff]", "", clause).rstrip("共有计合总累")[-4:]
            kind = _change_kind(clause, spec)
            if kind:
                found[kind].append(
                    (
                        int(match.group("n")),
                        noun,
                        start,
                        match.end(),
                        clause,
                        match.group("unit"),
                        match.group("noun") or "",
                    )
                )
        if not found["total"] or not found["initial"] or not (found["added"] or found["removed"]):
            continue
        total = found["total"][0]
        change_words = [w for kind in ("initial", "added", "removed") for w in spec.get(kind) or ()]
        noun = _common_noun(
            total[1],
            [found["initial"][0][1]]
            + [x[1] for x in found["added"] + found["removed"] if not _only_change_words(x[1], change_words)],
        )
        if noun is None:
            noun = _implied_noun(total, found, spec)
        if noun is None:
            continue
        initial = found["initial"][0]
        unit = total[5]
        if any(x[5] != unit for x in (initial, *found["added"], *found["removed"])):
            continue  # '年初8个项目，新增3项任务': different things counted
        added = sum(x[0] for x in found["added"])
        removed = sum(x[0] for x in found["removed"])
        expected = initial[0] + added - removed
        if expected == total[0]:
            continue
        steps = f"年初{initial[0]}{unit}" + "".join(f"+{x[0]}{unit}" for x in found["added"])
        steps += "".join(f"−{x[0]}{unit}" for x in found["removed"])
        findings.append(
            context.finding(
                "count.changes",
                ERROR,
                f"个数前后不符：{steps}={expected}{unit}{'' if unit in '人名户' else noun}，"
                f"而文中说{_total_word(total[4], spec)}{total[0]}{unit}",
                total[2],
                max(x[3] for x in (total, initial, *found["added"], *found["removed"])),
                expected=f"{expected}{unit}",
                found=f"{total[0]}{unit}",
            )
        )
    return findings


def _count_words(data) -> tuple[tuple[str, ...], re.Pattern, re.Pattern]:
    """Of the count_changes data, made once per data (``data.once``): the initial words that hold
    none of the others (a paragraph with 原有 has 原: the paragraphs with either are those with 原),
    and the patterns of the change words and of the total words."""
    spec = data.identities.get("count_changes") or {}
    initial = tuple(spec.get("initial") or ())
    least = tuple(w for w in initial if not any(other != w and other in w for other in initial))
    added = any_word((*(spec.get("added") or ()), *(spec.get("removed") or ())))
    total = any_word((*(spec.get("total") or ()), *(spec.get("end") or ()), "共", "计"))
    return least, added, total


def _total_word(clause: str, spec: dict) -> str:
    """How the text names its total: 年末 ('年末帮扶对象125户'), or 共."""
    return next((word for word in spec.get("end") or () if clause.startswith(word)), "共")


def _inside_brackets(text: str, low: int, position: int) -> bool:
    depth = 0
    for ch in text[low:position]:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
    return depth > 0


def _change_kind(clause: str, spec: dict) -> str | None:
    for kind in ("removed", "added", "initial", "total"):
        for word in sorted(spec.get(kind) or (), key=len, reverse=True):
            if kind == "total":
                if clause.endswith(word) or clause.endswith(word + "有") or f"{word}计" in clause[-3:]:
                    return kind
                if _TOTAL_HEAD.match(clause) or clause.startswith(tuple(spec.get("end") or ())):
                    return kind
            elif word in clause:
                return kind
    return None


_TIME_WORDS = re.compile(r"年中|年内|全年|本年|当年|年初|年末|期间|又|另")


def _only_change_words(noun: str, change_words: list[str]) -> bool:
    """'年中新增' (the clause of '年中新增3个'): no noun of its own, it counts what the total counts."""
    for word in sorted(change_words, key=len, reverse=True):
        noun = noun.replace(word, "")
    return not _TIME_WORDS.sub("", noun)


def _implied_noun(total: tuple, found: dict[str, list], spec: dict) -> str | None:
    """The total's noun when the other counts name nothing else: '保洁服务片区年初划定12个，年中因新建
    道路移交增加3个，全年共计16个片区' — the initial count's clause names the total's noun (片区)
    anywhere, and each change, between the two, stands right after its word (增加3个: nothing
    between; the reason before the word counts nothing), no count but the total naming a noun after
    its unit."""
    initial = found["initial"][0]
    changes = found["added"] + found["removed"]
    if initial[6] or not initial[2] < total[2]:
        return None
    words = tuple(w for kind in ("added", "removed") for w in spec.get(kind) or ())
    if not all(
        not x[6]
        # ('增加3个', '全年新接收142人', '解除矫正151人': the change's word ends or opens its clause)
        and (x[4].rstrip("了").endswith(words) or _opens_with_the_change(x[4], words))
        and initial[2] < x[2] < total[2]
        for x in changes
    ):
        return None
    # (the noun after the total's unit, or else the one its clause ends with: '全年共扶持经营主体102家')
    named = total[6] or total[1]
    for size in (2, 1):
        tail = named[-size:]
        if tail and tail in initial[4]:
            return tail
    # '年初在册帮扶户120户，年内因识别新增15户，…年末共计131户': 户, 人 and 名 count the one thing; so
    # does a bare total ('…增加18条，共计148条'), which names nothing of its own
    return "" if not total[6] and (total[5] in "人名户" or not total[1]) else None


def _opens_with_the_change(clause: str, words: tuple[str, ...]) -> bool:
    """'全年新接收', '解除矫正': the clause opens with the change's word, and what follows it is a
    word of the change itself (two characters at most), not a noun of its own ('新增培训班')."""
    clause = clause.rstrip("了").lstrip("全年内度中")
    word = next((w for w in sorted(words, key=len, reverse=True) if clause.startswith(w)), None)
    return word is not None and len(clause) - len(word) <= 2


def _common_noun(total_noun: str, others: list[str]) -> str | None:
    """The noun the counts share ('项目'), or None when they count different things."""
    for size in (2, 1):
        tail = total_noun[-size:] if total_noun else ""
        if tail and all(tail in other for other in others):
            return tail
    return None


# ---------------------------------------------------------------------------------------------
# The self-evaluation form


def _budget_column(table: Table) -> int | None:
    return table.column("全年预算", "年初预算")


def _money(cell: TableCell | None) -> Decimal | None:
    return None if cell is None or cell.value is None else cell.value * cell.scale


def _total_rows(context: CheckContext, table: Table) -> list[tuple[TableRow, list[TableRow]]]:
    """Each total row with the 其中 rows that follow it: rows named as parts (其中…, 财政拨款 …), and
    after '其中:基本支出' the rows that go on with it a breakdown that is whole (项目支出)."""
    totals = tuple(context.data.tables.get("total_rows") or ())
    parts_words = tuple(context.data.tables.get("part_rows") or ())
    groups = []
    current: tuple[TableRow, list[TableRow]] | None = None
    for row in table.rows:
        label = row.label.replace(" ", "")
        if label.startswith(totals):
            current = (row, [])
            groups.append(current)
        elif current is not None and (
            label.startswith(parts_words) or _goes_on_with(context, current[1], _part_name(label))
        ):
            current[1].append(row)
        else:
            current = None
    return groups


def _goes_on_with(context: CheckContext, parts: list[TableRow], name: str) -> bool:
    """'其中:基本支出' then '项目支出': the names so far and this one are members of one whole breakdown."""
    if not parts or not name:
        return False
    names = {_part_name(p.label) for p in parts} | {name}
    return any(names <= set(group) for group in context.data.complete_breakdowns)


def _part_name(label: str) -> str:
    return label.replace(" ", "").removeprefix("其中").lstrip(":：").strip()


@rule("score.recompute", "自评表中执行率（= 执行数 ÷ 预算数）、得分（= 权重 × 执行率）与表中金额是否相符")
def check_table_rates_and_scores(context: CheckContext) -> list[Finding]:
    """For every row of a form with 预算数, 执行数 and 执行率 columns (and 权重/得分):
    1. 执行率 = 执行数 ÷ 全年预算数 (年初预算数 when there is no 全年), to the printed decimals;
       a total row printed as all zeros while its only filled 其中 row has amounts is judged by
       that row;
    2. 得分 = 权重 × 执行率, rounded half-up; a score equal to the truncated value but not the
       rounded one is a warning (截尾而非四舍五入), any other difference an error.
    Prose 'x执行率…，权重10分，得分…分' is checked the same way."""
    findings = _prose_scores(context) + _glued_fund_rates(context)
    for table in context.tables:
        budget_at, actual_at = _budget_column(table), table.column("执行数")
        rate_at, weight_at, score_at = table.column("rate"), table.column("weight"), table.column("score")
        if rate_at is None and score_at is None:
            continue
        arrived_at = next((i for i, name in enumerate(table.columns) if "到位" in name), None)
        fallback = {}
        for total, parts in _total_rows(context, table):
            filled = [p for p in parts if _money(p.cell(budget_at))]
            if _money(total.cell(budget_at)) == 0 and _money(total.cell(actual_at)) == 0 and len(filled) == 1:
                fallback[id(total)] = filled[0]
        for row in table.rows:
            if not row.label.strip(" -—/") and len(row.cells) < len(table.columns):
                continue  # a row with no label and cells missing was flattened out of line: no column is sure
            source = fallback.get(id(row), row)
            budget, actual = _money(source.cell(budget_at)), _money(source.cell(actual_at))
            exact = actual * HUNDRED / budget if budget and actual is not None and budget > 0 else None
            basis = ""
            if exact is not None:
                b_cell, a_cell = source.cell(budget_at), source.cell(actual_at)
                basis = f"{a_cell.text.rstrip('?')}÷{b_cell.text.rstrip('?')}"
                if source is not row:
                    basis = f"按其中“{source.label}”一行{basis}"
            rate_cell = row.cell(rate_at)
            if rate_cell is None and table.layout == "line" and exact is not None:
                rate_cell = _rate_elsewhere(context, row, exact)
            if rate_cell is not None and rate_cell.value is not None and exact is not None:
                envelope = _rate_envelope(source.cell(budget_at), source.cell(actual_at))
                arrived = _money(source.cell(arrived_at)) if arrived_at is not None else None
                if (
                    arrived
                    and actual is not None
                    and not _judge_table_rate(context, row, rate_cell, actual * HUNDRED / arrived, basis)
                ):
                    pass  # '| 预算数 | 到位数 | 支出数 | 执行率 |': the rate may be of the money that arrived
                else:
                    findings.extend(_judge_table_rate(context, row, rate_cell, exact, basis, envelope))
            weight_cell, score_cell = row.cell(weight_at), row.cell(score_at)
            if weight_at is None and score_at is not None:
                weight_cell = _weight_in_name(table.columns[score_at], score_cell)
            if (
                weight_cell is None
                or score_cell is None
                or weight_cell.value is None
                or score_cell.value is None
            ):
                continue
            stated_rate = _rate_value(rate_cell)
            if exact is None and stated_rate is None:
                continue
            weight = weight_cell.value
            rate = exact if exact is not None else stated_rate
            exact_score = min(weight * rate / HUNDRED, weight)
            places = score_cell.decimals
            rounded = round_half_up(exact_score, places)
            if rounded == score_cell.value:
                continue
            if (
                stated_rate is not None
                and exact is not None
                and abs(stated_rate - exact) <= Decimal(5).scaleb(-(rate_cell.decimals + 1))
                and round_half_up(min(weight * stated_rate / HUNDRED, weight), places) == score_cell.value
            ):
                continue  # 10×96.95%=9.70: the score of the rate as printed, itself right (10×580.72÷599=9.69)
            score_basis = (
                f"{weight_cell.text}×{basis}"
                if exact is not None
                else f"{weight_cell.text}×{rate_cell.text.rstrip('?')}%"
            )
            truncated = exact_score.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
            # rounded up at the printed decimals (2.154824 → 2.16); a whole score raised to the next
            # point is no rounding but points given (9.29 → 10, full marks for a rate of 92.87%)
            raised = exact_score.quantize(Decimal(1).scaleb(-places), rounding=ROUND_UP) if places else None
            if score_cell.value in (truncated, raised):
                findings.append(
                    context.finding(
                        "score.recompute",
                        WARNING,
                        f"表中“{row.label}”得分{score_cell.text.rstrip('?')}是"
                        f"{'截尾' if score_cell.value == truncated else '进位'}取数："
                        f"{score_basis}={format(exact_score.normalize(), 'f')[:8]}，四舍五入应为{rounded}",
                        score_cell.start,
                        score_cell.end,
                        expected=format(rounded, "f"),
                        found=score_cell.text.rstrip("?"),
                    )
                )
                continue
            findings.append(
                context.finding(
                    "score.recompute",
                    ERROR,
                    f"表中“{row.label}”得分与权重×执行率不符：{score_basis}={rounded}，表中为{score_cell.text.rstrip('?')}",
                    score_cell.start,
                    score_cell.end,
                    expected=format(rounded, "f"),
                    found=score_cell.text.rstrip("?"),
                )
            )
    return findings


# '得分(20分*执行率)': the score column's name gives the weight
_WEIGHT_IN_NAME = re.compile(r"[(（](?P<n>\d{1,3}(?:\.\d{1,2})?)分?\s*[*×xX]\s*(?:预算)?执行率[)）]")


def _weight_in_name(name: str, score: TableCell | None) -> TableCell | None:
    """The weight a score column's name states, as a cell (placed at the score's own cell)."""
    match = _WEIGHT_IN_NAME.search(name)
    if match is None or score is None:
        return None
    return TableCell(match.group("n"), score.start, score.end, Decimal(match.group("n")))


def _rate_value(cell: TableCell | None) -> Decimal | None:
    if cell is None or cell.value is None:
        return None
    if cell.unit != "%" and cell.value <= 1 and cell.decimals >= 3:
        return cell.value * HUNDRED
    return cell.value


def _rate_envelope(budget: TableCell, actual: TableCell) -> tuple[Decimal, Decimal] | None:
    """The 执行率 (%) the printed amounts allow: each amount is itself rounded to its last printed
    digit (10.02万元 is anything from 10.015 to 10.025), so a rate computed from the unrounded 元
    (81.82%, printed 81.8%) may differ from the one the printed amounts give (81.86%)."""
    budget_value, actual_value = _money(budget), _money(actual)
    if budget_value is None or actual_value is None:
        return None
    budget_half, actual_half = budget.half * budget.scale, actual.half * actual.scale
    if budget_value - budget_half <= 0:
        return None
    low = max(actual_value - actual_half, Decimal(0)) * HUNDRED / (budget_value + budget_half)
    high = (actual_value + actual_half) * HUNDRED / (budget_value - budget_half)
    return low, high


_GLUED_FUND_HEAD = r"资金(?:总额)?:?"
_GLUED_FUND_WHOLE = r"\d{4,12}"
_GLUED_FUND = re.compile(_GLUED_FUND_HEAD + rf"(?P<digits>{_GLUED_FUND_WHOLE}(?:\.\d{{1,2}})?)%")
# found from the '%' after its digits, four of them at least before the '.'
_GLUED_FUND_HEADS, _GLUED_FUND_DIGITS = (
    scan.head_widths(_GLUED_FUND_HEAD),
    scan.head_widths(_GLUED_FUND_WHOLE)[0],
)


def _glued_fund_rates(context: CheckContext) -> list[Finding]:
    """A fund row of a form whose cells were glued into one number (“年度资金总额:1484631.00%” is
    148 | 46 | 31.00%): each way of cutting the digits into budget, amount spent and rate is tried.
    When one cut gives the rate exactly, the row is consistent; when none does and exactly one comes
    within a tenth of a point, that reading is taken and its rate is off."""
    text = context.report.text
    if "%" not in text or "资金" not in text:
        return []
    findings = []
    for match in scan.number_matches(
        _GLUED_FUND, text, context.report.places, "%", _GLUED_FUND_HEADS, _GLUED_FUND_DIGITS
    ):
        if not context.in_glued_form(match.start()):
            continue
        digits = match.group("digits")
        whole, _, decimals = digits.partition(".")
        exact, near = False, []
        for width in (1, 2, 3):
            rate_text = whole[-width:] + (f".{decimals}" if decimals else "")
            prefix = whole[:-width]
            if not prefix or (width > 1 and rate_text.startswith("0")):
                continue
            rate = Decimal(rate_text)
            half = Decimal(5).scaleb(-(len(decimals) + 1))
            for cut in range(1, len(prefix)):
                budget, spent = prefix[:cut], prefix[cut:]
                if spent.startswith("0") and len(spent) > 1:
                    continue
                computed = Decimal(spent) * HUNDRED / Decimal(budget) if int(budget) else None
                if computed is None:
                    continue
                if abs(computed - rate) <= half:
                    exact = True
                elif abs(computed - rate) <= Decimal("0.1"):
                    near.append((budget, spent, rate_text, computed))
        if exact or len(near) != 1:
            continue
        budget, spent, rate_text, computed = near[0]
        start = match.start("digits")
        findings.append(
            context.finding(
                "score.recompute",
                ERROR,
                f"粘连的表格一行“{digits}%”读作预算数{budget}、执行数{spent}、执行率{rate_text}%："
                f"{spent}÷{budget}={pct(computed, max(len(decimals), 2))}，与所写执行率不符",
                start,
                match.end(),
                expected=pct(computed, len(decimals)),
                found=f"{rate_text}%",
            )
        )
    return findings


_PERCENT_CELL = re.compile(r"(?<![\d.])\d{1,3}\.\d{1,2}%")


def _rate_elsewhere(context: CheckContext, row: TableRow, exact: Decimal) -> TableCell | None:
    """The 执行率 of a form read into one line, printed away from its row: the one percentage of
    the line within a tenth of a point of the rate its amounts give."""
    text = context.report.text
    near = [
        m
        for m in _PERCENT_CELL.finditer(text, row.start, row.end)
        if abs(Decimal(m.group(0)[:-1]) - exact) <= Decimal("0.1")
    ]
    if len(near) != 1:
        return None
    return number_cell(near[0].group(0), near[0].start())


def _judge_table_rate(
    context: CheckContext,
    row: TableRow,
    cell: TableCell,
    exact: Decimal,
    basis: str,
    envelope: tuple[Decimal, Decimal] | None = None,
) -> list[Finding]:
    places = cell.decimals
    stated = _rate_value(cell)
    if round_half_up(exact, places) == stated:
        return []
    if cell.unit != "%" and cell.value <= 1 and round_half_up(exact / HUNDRED, places) == cell.value:
        return []  # the rate as a fraction to its printed decimals (94÷650 → 0.1)
    if envelope is not None and stated is not None:
        low, high = envelope
        if round_half_up(low, places) <= stated <= round_half_up(high, places):
            return []  # the difference is the rounding of the printed amounts
    return [
        context.finding(
            "score.recompute",
            ERROR,
            f"表中“{row.label}”执行率与金额不符：{basis}={pct(exact, max(places, 2))}，表中为{cell.text.rstrip('?')}",
            cell.start,
            cell.end,
            expected=format(round_half_up(exact, places), "f"),
            found=cell.text.rstrip("?"),
        )
    ]


_WEIGHT = re.compile(r"权重(?:分值)?(?:为|是|:)?(?P<n>\d+(?:\.\d+)?)分?")
# '得分9.69分', and '得9.56分' (the points given, the unit 分 after them)
_SCORE = re.compile(r"得分(?:为|是|:)?(?P<n>\d+(?:\.\d+)?)分?|(?<![获取])得(?P<m>\d+(?:\.\d+)?)分")
_SENTENCE_ENDS = "。;\n"  # found by str.find


def _prose_scores(context: CheckContext) -> list[Finding]:
    """'预算执行率96.85%，权重10分，得分9.69分': one rate, one weight, one score in a sentence."""
    report = context.report
    text = report.text
    findings: list[Finding] = []
    if not has_word(text, "权重", report.places) or "得" not in text:
        return findings
    start = 0
    for boundary in [*scan.places_of(text, _SENTENCE_ENDS, report.places), len(text)]:
        sentence = text[start:boundary]
        offset, start = start, boundary + 1
        if "权重" not in sentence or "得" not in sentence or "|" in sentence:
            continue
        weights = list(_WEIGHT.finditer(sentence))
        scores = list(_SCORE.finditer(sentence))
        rates = [
            q
            for q in report.quantities_between(offset, offset + len(sentence))
            if q.kind == "percent" and "率" in q.label and not q.approx
        ]
        if len(weights) != 1 or len(scores) != 1 or len(rates) != 1:
            continue
        weight = Decimal(weights[0].group("n"))
        score_text = scores[0].group("n") or scores[0].group("m")
        score = Decimal(score_text)
        rate = rates[0]
        places = len(score_text.split(".", 1)[1]) if "." in score_text else 0
        exact = min(weight * rate.value / HUNDRED, weight)
        if round_half_up(exact, places) == score:
            continue
        half = rate.half_unit()
        low = weight * (rate.value - half) / HUNDRED
        high = weight * (rate.value + half) / HUNDRED
        score_half = Decimal(5).scaleb(-(places + 1))
        inside = low <= score + score_half and high >= score - score_half
        findings.append(
            context.finding(
                "score.recompute",
                INFO if inside else ERROR,
                f"得分{score_text}分与权重×{rate.label}不符：{weights[0].group('n')}×{rate.text}%="
                f"{round_half_up(exact, places)}" + ("（差别在执行率四舍五入范围内）" if inside else ""),
                offset + scores[0].start(),
                offset + scores[0].end(),
                expected=format(round_half_up(exact, places), "f"),
                found=score_text,
            )
        )
    return findings


@rule("table.totals", "自评表合计行（年度资金总额）与其中各行：任一行不大于合计；完整构成时之和等于合计")
def check_table_totals(context: CheckContext) -> list[Finding]:
    # the form's own fund-source rows, and the breakdowns that are whole wherever they stand (基本支出 +
    # 项目支出 under 年度资金总额)
    complete = [
        *(tuple(group) for group in context.data.tables.get("complete_part_rows") or ()),
        *context.data.complete_breakdowns,
    ]
    findings = []
    for table in context.tables:
        money_columns = [
            i for i, kind in enumerate(table.kinds) if kind in ("年初预算", "全年预算", "执行数", "year")
        ]
        if not money_columns:
            continue
        for total, parts in _total_rows(context, table):
            if not parts:
                continue
            names = [_part_name(p.label) for p in parts]
            is_complete = any(
                len(group) == len(names) and all(n in group for n in names) for group in complete
            )
            for part in parts:
                over = []
                for column in money_columns:
                    whole, piece = _money(total.cell(column)), _money(part.cell(column))
                    if whole is None or piece is None:
                        continue
                    half = (
                        total.cell(column).half * total.cell(column).scale
                        + part.cell(column).half * part.cell(column).scale
                    )
                    if piece - whole >= half:
                        over.append((table.columns[column], total.cell(column), part.cell(column)))
                if over:
                    detail = "；".join(f"{name}合计{w.text}、其中{p.text}" for name, w, p in over)
                    findings.append(
                        context.finding(
                            "table.totals",
                            ERROR,
                            f"表中其中一行大于合计：“{total.label}”与“{part.label}”——{detail}",
                            part.start,
                            part.end,
                            expected=f"不大于{over[0][1].text}",
                            found=over[0][2].text,
                        )
                    )
            if not is_complete:
                continue
            for column in money_columns:
                whole = _money(total.cell(column))
                pieces = [_money(p.cell(column)) for p in parts]
                if whole is None or all(p is None for p in pieces):
                    continue
                total_sum = sum((p for p in pieces if p is not None), ZERO)
                half = sum(
                    (p.cell(column).half * p.cell(column).scale for p in parts if p.cell(column) is not None),
                    total.cell(column).half * total.cell(column).scale,
                )
                if abs(total_sum - whole) >= half and total_sum > whole:
                    continue  # already reported as a part larger than the total
                if abs(total_sum - whole) >= half:
                    filled = [p.cell(column) for p in parts if p.cell(column) is not None]
                    listing = "+".join(cell.text for cell in filled)
                    findings.append(
                        context.finding(
                            "table.totals",
                            ERROR,
                            f"表中“{total.label}”{table.columns[column]}{total.cell(column).text}与其中各行之和"
                            f"{plain(total_sum)}（{listing}）不符",
                            total.cell(column).start,
                            max(cell.end for cell in filled),  # the total and the rows it is held against
                            expected=plain(total_sum),
                            found=total.cell(column).text,
                        )
                    )
        findings.extend(_complete_part_rows(context, table, money_columns))
    return findings


def _names_member(name: str, member: str) -> bool:
    """A row's name is the member of a breakdown: it ends with it, or holds a member of four characters
    or more with the rest of the row's own words ('公务接待费', '公务用车运行维护费', '因公出国(境)费' for
    公务接待, 公务用车, 因公出国)."""
    return name.endswith(member) or (len(member) >= 4 and member in name)


def _complete_part_rows(context: CheckContext, table: Table, money_columns: list[int]) -> list[Finding]:
    """'基本支出 / 其中：人员经费 / 公用经费': rows opened by 其中 under a row, whose names make one of the
    complete breakdowns (人员经费 and 公用经费 are all of 基本支出), add up to it in every column of
    amounts (a table of any layout; the 合计 rows of a form are read above)."""
    totals = tuple(context.data.tables.get("total_rows") or ())
    groups = context.data.complete_breakdowns
    rows = table.rows
    findings = []
    for at in range(1, len(rows)):
        if not rows[at].label.replace(" ", "").startswith("其中"):
            continue
        parent = rows[at - 1]
        if parent.label.replace(" ", "").startswith(totals):
            continue
        names: list[str] = []
        parts: list[TableRow] = []
        group = None
        for row in rows[at : at + 4]:
            names.append(_part_name(row.label))
            parts.append(row)
            # the first rows that make a whole breakdown (人员经费, 公用经费: not the 项目支出 after them)
            group = next(
                (
                    g
                    for g in groups
                    if len(g) == len(names)
                    and all(any(_names_member(n, member) for n in names) for member in g)
                ),
                None,
            )
            if group is not None:
                break
        if group is None:
            continue
        for column in money_columns:
            whole_cell = parent.cell(column)
            cells = [p.cell(column) for p in parts]
            if (
                whole_cell is None
                or whole_cell.value is None
                or any(c is None or c.value is None for c in cells)
            ):
                continue
            added = sum((c.value * c.scale for c in cells), ZERO)
            half = sum((c.half * c.scale for c in cells), whole_cell.half * whole_cell.scale)
            if abs(added - whole_cell.value * whole_cell.scale) <= half:
                continue
            places = Decimal(1).scaleb(-max(c.decimals for c in (whole_cell, *cells)))
            shown = f"{(added / whole_cell.scale).quantize(places):f}"
            gap = f"{abs(added / whole_cell.scale - whole_cell.value).quantize(places):f}"
            findings.append(
                context.finding(
                    "table.totals",
                    ERROR,
                    f"表中“{parent.label}”{table.columns[column]}{whole_cell.text}与其下其中各行之和{shown}"
                    f"（{'+'.join(c.text for c in cells)}）不符，相差{gap}",
                    whole_cell.start,
                    whole_cell.end,
                    expected=shown,
                    found=whole_cell.text,
                )
            )
    return findings


_TOTAL_LABELS = words("rules_sums.total_labels")
_ELLIPSIS = " .…。·"


def _elided(row: TableRow) -> bool:
    """A row standing for rows left out ('……'); an empty first cell is the category's merged cell."""
    label = row.label.strip()
    if label:
        return not label.strip(_ELLIPSIS)
    return any(cell is not None and cell.text and not cell.text.strip(_ELLIPSIS) for cell in row.cells)


@rule("table.categories", "评分表中一级指标所标分值（如“产出指标(50分)”）与其下各项分值之和是否相等")
def check_score_categories(context: CheckContext) -> list[Finding]:
    findings = []
    for table in context.tables:
        weight_at, score_at = table.column("weight"), table.column("score")
        if weight_at is None or score_at is None or table.layout == "vertical":
            continue
        categories: list[tuple[TableRow, Decimal, list[Decimal]]] = []
        elided: set[int] = set()  # categories with rows left out ('……')
        for row in table.rows:
            if row.label.replace(" ", "").startswith(_TOTAL_LABELS):
                break  # the table's 合计 row closes the last category
            points = category_points(row.label)
            if points is not None:
                categories.append((row, points, []))
            if not categories:
                continue
            if _elided(row):
                elided.add(len(categories) - 1)
            weight = row.cell(weight_at)
            if weight is not None and weight.value is not None:
                categories[-1][2].append(weight.value)
        for number, (row, points, weights) in enumerate(categories):
            if len(weights) < 2 or number in elided:
                continue
            total = sum(weights, ZERO)
            if total == points:
                continue
            listing = "+".join(plain(w) for w in weights)
            findings.append(
                context.finding(
                    "table.categories",
                    ERROR,
                    f"“{row.label.split()[0]}”标{plain(points)}分，其下各项分值{listing}={plain(total)}分",
                    row.label_start,
                    row.label_start + len(row.label.split()[0]),
                    expected=plain(points),
                    found=plain(total),
                )
            )
    return findings


_ITEM_LINE = re.compile(
    r"(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）]|[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}[、是]|[①-⑳])"
)
_EXHAUSTIVE_INTRO = re.compile(
    r"(?:具体如下|具体为|明细如下|分别为|分别是|如下|(?:用于|包括)以下[^,，。:：]{0,8}"
    # '支出总计1,042.63万元，按经济分类：': a classification leaves nothing out
    r"|按[\u4e00-\u9fff]{1,6}?分(?:类)?(?:看)?)[:：]$"
)


_COUNTED_ITEMS = re.compile(r"以下([一二三四五六七八九十\d]{1,2})(?:个|项|类)")


def _marker_style(marker: str) -> str:
    """'1.' and '2.' are one style, '(1)' another, '一、' another: the digits and numerals made alike."""
    return re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "1", marker))


def _colon_ended(report) -> list[int]:
    """The indices of the paragraphs that end with a colon, in order: found from the colons (few in
    a text) that only whitespace follows on their line (a paragraph is a line, stripped), not by
    reading the end of every paragraph."""
    text = report.text
    found = []
    for colon in scan.places_of(text, ":：", report.places):
        after = text[colon + 1 : colon + 2]
        if after == "\n" or not after:
            found.append(report.paragraph_index(colon))
        elif after.isspace():  # (spaces, then the line's end?)
            line_end = text.find("\n", colon)
            if text[colon + 1 : line_end if line_end >= 0 else len(text)].isspace():
                found.append(report.paragraph_index(colon))
    return found


_LINE_SPENDING = ("支出", "发放", "拨付", "使用", "安排资金", "下达")


@rule("list.lines_total", "“项目支出X万元，具体如下：”后分行列出的各项金额之和与X是否相符")
def check_totals_over_item_lines(context: CheckContext) -> list[Finding]:
    """'全年项目支出6,617,756.30元，主要用于以下四个方面：' then '1.…经费A元；' '2.…B元；' on lines of their
    own: the first amount of each numbered line is a part of the total. With 主要 (mainly) the list
    may leave things out: only a sum above the total is reported."""
    report = context.report
    paragraphs = report.paragraphs
    findings = []
    for index in _colon_ended(report):
        if index >= len(paragraphs) - 2:
            break
        paragraph = paragraphs[index]
        line = paragraph.text.rstrip()
        if not line.endswith((":", "：")) or not _EXHAUSTIVE_INTRO.search(line):
            continue
        amounts = [
            q
            for q in report.quantities_between(paragraph.start, paragraph.end)
            if q.kind == "money" and q.role == "level" and not q.approx
        ]
        if len(amounts) != 1:
            continue
        total = amounts[0]
        items: list[Quantity] = []
        style = None
        last_line = index
        for item_paragraph in paragraphs[index + 1 :]:
            marker = _ITEM_LINE.match(item_paragraph.text)
            if marker is None or (style is not None and _marker_style(marker.group()) != style):
                break  # the list ends, or the next chapter ('四、…') begins
            style = _marker_style(marker.group())
            amounts = [
                q
                for q in report.quantities_between(item_paragraph.start, item_paragraph.end)
                if q.kind == "money"
                and q.role == "level"
                and not q.approx
                # ('按每生每年1,000元标准，资助幼儿1,850人，支出185.00万元': a rate per head is no item)
                and not is_per_unit(q, context.data)
                and not report.text.startswith("标准", q.end)
            ]
            # the line's own spending when it names one ('…小学1,000元、初中1,250元，共支出612.40万元')
            spent = [q for q in amounts if q.raw_label.endswith(_LINE_SPENDING)]
            first = (spent or amounts or [None])[0]
            if first is None or first.base_value > total.base_value:
                items = []
                break
            items.append(first)
            last_line += 1
        if len(items) < 2:
            continue
        added = sum((q.base_value for q in items), ZERO)
        envelope = sum((report.half_unit(q) for q in items), report.half_unit(total))
        difference = added - total.base_value
        if difference < 0 and report.truncated and last_line == len(paragraphs) - 1:
            continue  # the text stops in the list: the lines after the last one shown are lost
        counted = _COUNTED_ITEMS.search(line)
        mainly = "主要" in line and not (counted and cn_number(counted.group(1)) == len(items))
        if abs(difference) <= envelope or (mainly and difference < 0):
            continue
        findings.append(
            context.finding(
                "list.lines_total",
                WARNING if mainly or difference < 0 else ERROR,
                f"分行列出的{len(items)}项合计{amount_like(added, total)}"
                f"（{'+'.join(q.text for q in items)}），与所述{total.label}{total.text}{total.unit}"
                f"相差{amount_like(abs(difference), total)}",
                total.start,
                items[-1].end,
                expected=amount_like(added, total),
                found=f"{total.text}{total.unit}",
            )
        )
    return findings


# '基本支出中，人员经费…，公用经费…。', '本年收入中，…', '项目支出分别为：…', '基本支出包括…': a figure
# stated before, broken down by a sentence that opens with its name
_NAMED_BREAKDOWN = re.compile(
    r"(?:各)?(?P<name>[\u4e00-\u9fff]{2,8}?)(?:中|包括|分别为|分别是)[,:，：]?(?=[\u4e00-\u9fff])"
)  # matched only where a sentence starts


# '按内容分，…', '按经济分类，…', '按支出性质分：…': the whole broken down by a kind, the whole in the
# sentence before
# ('分类别看，…', '分项目看：…' likewise)
_BY_KIND = re.compile(
    r"(?:按(?P<name>[\u4e00-\u9fff]{1,6}?)分(?:类)?(?:看)?|分(?P<by>[\u4e00-\u9fff]{1,4}?)看)[,:，：](?=[\u4e00-\u9fff])"
)
_SUM_WORDS = words("rules_sums.sum_words")
_PIECE_MARK = re.compile(r"(?<!\d)[,，、;；]|[,，、;；](?!\d)")


_BRACKETED = re.compile(r"\([^()]*\)")
_SUBLIST = re.compile(r",(?:包括|其中|含)[^;。]*")


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


@rule(
    "parts.named_whole", "“基本支出中，人员经费A，公用经费B”等以合计名称起句的分项之和与前文的该合计是否相符"
)
def check_named_breakdowns(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    findings = []
    starts = set()
    # the words are few in a text: found first (from the report's CharIndex), then the sentence
    # they open
    places = report.places
    for at in scan.places_of(text, "按分", places):
        # 按 or 分 opens _BY_KIND (a sentence that opens with it); the start of a _NAMED_BREAKDOWN
        # match is found from its own 中, 包括 or 分别
        if at == 0 or text[at - 1] in "。\n":
            starts.add(at)
    triggers = scan.places_of(text, "中", places)
    triggers += word_starts(text, "包括", places) + word_starts(text, "分别", places)
    stops = scan.places_of(text, "。\n", places)  # (the sentences' ends, found once, not before each word)
    for at in triggers:
        before = bisect_left(stops, at)  # the last stop before the word: within its 11 characters
        start = stops[before - 1] + 1 if before and stops[before - 1] >= at - 11 else 0
        if start or at <= 11:  # a sentence opens within the 10 characters before the word
            starts.add(start)
    for start in sorted(starts):
        if not "\u4e00" <= text[start : start + 1] <= "\u9fff":
            continue  # both patterns open with a Chinese character (各, the name, 按)
        match = _NAMED_BREAKDOWN.match(text, start) or _BY_KIND.match(text, start)
        if match is None:
            continue
        name = match.group("name") or match.group("by")
        paragraph_index = report.paragraph_index(match.start())
        if paragraph_index < 0:
            continue
        low = report.paragraphs[max(0, paragraph_index - 1)].start
        if match.re is _BY_KIND:
            # '按内容分，A…，B…，C…': a breakdown of the whole amount of the sentence before
            end = match.start()
            while end > low and text[end - 1] in "。\n":
                end -= 1  # the sentence before may end its own paragraph
            before = max(text.rfind("。", low, end), text.rfind("\n", low, end), low - 1) + 1
            if _BY_KIND.match(text, before) or text.startswith(("从", "按"), before):
                continue  # '按功能分类，…' then '按经济分类，…': two groupings of one whole (breakdown.groupings)
            earlier = [
                q
                for q in report.quantities_between(before, match.start())
                if q.kind == "money"
                and q.role == "level"
                and not q.approx
                and (f := context.figures.of(q)) is not None
                and f.parent is None
            ]
        else:
            earlier = [
                q
                for q in report.quantities_between(low, match.start())
                if q.kind == "money"
                and q.role == "level"
                and not q.approx
                and name in q.label
                and len(q.label) <= len(name) + 4
            ][-1:]
            if not earlier:
                # '（二）支出。本年支出375.07万元…' then a table, then '本年支出中，A…，B…': the whole
                # named exactly so a few paragraphs before
                earlier = [
                    q
                    for q in report.quantities_between(
                        report.paragraphs[max(0, paragraph_index - 8)].start, low
                    )
                    if q.kind == "money" and q.role == "level" and not q.approx and q.label == name
                ][-1:]
        if not earlier:
            continue
        total = earlier[-1]
        stop = text.find("。", match.end())
        if match.re is _BY_KIND and any(
            w in text[match.end() : len(text) if stop < 0 else stop] for w in _SUM_WORDS
        ):
            continue  # '…，其他费用266,000.00元，合计5,384,800.00元': the list states its own total
        stop = len(text) if stop < 0 else stop
        # not the commas of 5,702,600.00, nor the marks inside a bracket ('基本支出A（人员经费B、公用经费C），
        # 项目支出D': the bracket breaks down A)
        masked = _BRACKETED.sub(_blank, text[match.end() : stop])
        # '基本支出X，包括人员经费A、公用经费B；项目支出Y': a part's own list is no part
        masked = _SUBLIST.sub(_blank, masked)
        pieces = _PIECE_MARK.split(masked)
        parts: list[Quantity] = []
        position = match.end()
        for piece in pieces:
            first = next(
                (
                    q
                    for q in report.quantities_between(position, position + len(piece))
                    if q.kind == "money"
                    and q.role == "level"
                    and not q.approx
                    and masked[q.start - match.end()] != " "  # not inside a bracket or a part's own list
                ),
                None,
            )
            position += len(piece) + 1
            if first is None:
                break  # the list ends where a piece names no amount ('基本支出预算…' is another statement)
            if "预算" in first.raw_label or "率" in first.raw_label:
                break
            if text.startswith("中", first.end):
                earlier = [first]  # '按经济分类，本年支出100万元中，…': the whole, stated in the list
                continue
            parts.append(first)
        if len(parts) < 2 or any(q.unit != total.unit and q.kind != total.kind for q in parts):
            continue
        if match.re is _BY_KIND:
            # a whole is no smaller than any of its parts: '4.资本性支出20.00万元' before '按功能分类，…
            # 卫生健康支出993.12万元…' is the last item of another grouping, not the whole of this one
            biggest = max(q.base_value for q in parts)
            earlier = [q for q in earlier if q.base_value >= biggest]
            if not earlier:
                continue
        labels = [q.label for q in parts]
        exhaustive = any(
            all(any(member in label for label in labels) for member in group)
            for group in context.data.complete_breakdowns
        )
        added = sum((q.base_value for q in parts), ZERO)
        if match.re is _BY_KIND:
            # the sentence before may state several wholes (预算, 支出, 结余): the one the parts make
            # is theirs; when none is, the nearest in size is compared, and only as a warning
            total = min(earlier, key=lambda q: abs(q.base_value - added))
        envelope = sum((report.half_unit(q) for q in parts), report.half_unit(total))
        difference = added - total.base_value
        if abs(difference) <= envelope or (difference < 0 and not exhaustive and match.re is not _BY_KIND):
            continue
        findings.append(
            context.finding(
                "parts.named_whole",
                WARNING if match.re is _BY_KIND else ERROR if exhaustive or difference > 0 else WARNING,
                f"“{name}”的分项之和{amount_like(added, total)}（{'+'.join(f'{q.label}{q.text}' for q in parts)}），"
                f"与前文“{total.label}”{total.text}{total.unit}不符",
                # (a grouping of the sentence before is shown with that sentence's whole)
                min(total.start, match.start()) if match.re is _BY_KIND else match.start(),
                parts[-1].end,
                expected=f"{total.text}{total.unit}",
                found=amount_like(added, total),
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# One figure split between 基本支出 and 项目支出 in sentences (or sections) of their own


def _scope_of(
    text: str, quantity: Quantity, scopes: tuple[str, ...], funds: tuple[str, ...]
) -> tuple[str, str]:
    """(the 基本支出/项目支出 a figure speaks of, or "" for the whole; the fund words before it) — read
    back to the sentence's start, a short heading on the line before included (no further: the
    report's title names 项目支出 too)."""
    line = text.rfind("\n", 0, quantity.start)
    heading = text.rfind("\n", 0, max(line, 0))  # the line before, when it is a short heading
    start = heading + 1 if line >= 0 and line - heading <= 30 else line + 1
    window = text[max(start, text.rfind("。", 0, quantity.start) + 1, quantity.start - 160) : quantity.start]
    at = max(((window.rfind(s), s) for s in scopes), default=(-1, ""))
    fund = "".join(f for f in funds if f in window)
    return (at[1] if at[0] >= 0 else ""), fund


def _scope_words(data) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    spec = data.identities.get("scope_split") or {}
    return tuple(spec.get("labels") or ()), tuple(spec.get("scopes") or ()), tuple(spec.get("funds") or ())


@rule(
    "parts.scope_sum",
    "同一数字分基本支出、项目支出两部分各写一次时（本年收入、本年支出、结转和结余），两部分之和等于总数",
)
def check_scope_sums(context: CheckContext) -> list[Finding]:
    labels, scopes, funds = context.data.once(_scope_words)
    if (
        len(scopes) != 2
        or not labels
        or not all(has_word(context.report.text, s, context.report.places) for s in scopes)
    ):
        return []
    report, text = context.report, context.report.text
    by_label: dict[str, list[tuple[str, str, Quantity]]] = {}
    for quantity in of_kind(context, "money"):
        if quantity.approx:
            continue
        if not quantity.label.endswith(labels):  # (most labels: one test for all the names)
            continue
        label = next((name for name in labels if quantity.label.endswith(name)), None)
        if label is not None:  # '本年收入', or '基本支出本年收入' read with its scope
            by_label.setdefault(label, []).append((*_scope_of(text, quantity, scopes, funds), quantity))
    findings = []
    for label, found in by_label.items():
        for index, (scope, fund, whole) in enumerate(found):
            if scope:
                continue
            # the two parts that follow the whole, before the same label is stated whole again
            after = []
            for later in found[index + 1 :]:
                if not later[0]:
                    break
                after.append(later)
            pieces = {s: q for s, f, q in after if f == fund}
            if len(after) != 2 or set(pieces) != set(scopes):
                continue
            first, second = (pieces[s] for s in scopes)
            total = first.base_value + second.base_value
            if adds_up(whole, total, report.half_unit(first) + report.half_unit(second), report):
                continue
            findings.append(
                context.finding(
                    "parts.scope_sum",
                    ERROR,
                    f"{scopes[0]}{label}{show(first)}+{scopes[1]}{label}{show(second)}="
                    f"{amount_like(total, whole)}，与前面的“{label}”{show(whole)}相差"
                    f"{amount_like(abs(total - whole.base_value), whole)}",
                    whole.start,
                    whole.end,
                    expected=amount_like(total, whole),
                    found=show(whole),
                )
            )
    return findings


_TOP_DIMENSIONS = words("rules_sums.top_dimensions")
_WEIGHT_WORDS = words("rules_sums.weight_words")
# one weight: '决策（15分）', '决策指标15分', or a bare '15分' of a '分值分别为15分、20分…' list
_TOP_WEIGHT = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{0,8}?)(?:类|类指标|指标)?(?:\(|:)?(?P<n>\d{1,3}(?:\.\d{1,2})?)分\)?(?![值数钟析别])"
)
_WEIGHT_SEPARATOR = re.compile(r"[、,;]|和|及")
_STATED_TOTAL = re.compile(r"满分|总分|合计|共计|总计|共\d|计\d|得分|扣")
# a sentence that sets the weights of the whole system ('…设置权重', '权重设置为…')
_SETS_WEIGHTS = ("设置权重", "权重设置", "设定权重", "权重分配", "分配权重")
_NAMED_COUNT = re.compile(r"([一二三四五六七八九十\d])个(?:一级指标|维度|方面|一级)")


@rule(
    "score.weights_hundred",
    "列出全部一级指标的分值（“决策（15分）、过程（20分）、产出（40分）、效益（20分）四个一级指标”）而未写满分时，各项之和是否为100分",
)
def check_top_weights(context: CheckContext) -> list[Finding]:
    """A sentence that names 一级指标 and lists the points of each (three or more, in one run parted
    by 、 , ; 和) with a word of weights (构成, 设置, 分值, 权重 …) and no total, score or deduction of its
    own (those are score.list_total's): the weights of a whole system add to 100. The run is the
    whole top level when its names are dimensions of the data (决策, 过程, 产出, 效益 …; named before
    the run when it is a bare '分值分别为15分、20分…') and it is as long as a count the sentence states
    ('四个一级指标'), if any."""
    report = context.report
    text = report.text
    if not has_word(text, "一级", report.places) and not has_word(text, "权重", report.places):
        return []
    findings = []
    for index in sorted(paragraphs_with(report, ("一级", *_SETS_WEIGHTS))):
        paragraph = report.paragraphs[index]
        start = paragraph.start
        while start < paragraph.end:
            stop = text.find("。", start, paragraph.end)
            end = stop if stop >= 0 else paragraph.end
            finding = _top_weights_of(context, start, end)
            if finding is not None:
                findings.append(finding)
            start = end + 1
    return findings


def _top_weights_of(context: CheckContext, start: int, end: int) -> Finding | None:
    text = context.report.text
    sentence = text[start:end]
    # ('按照预算执行率10分、产出指标40分…设置权重': the weights of the system, though 一级 is not said)
    if ("一级" not in sentence and not any(w in sentence for w in _SETS_WEIGHTS)) or not any(
        w in sentence for w in _WEIGHT_WORDS
    ):
        return None
    if _STATED_TOTAL.search(sentence) or "二级" in sentence.split("一级")[0]:
        return None
    # the first run of three or more weights, each right after the last (parted only by a separator)
    run: list[re.Match] = []
    position = start
    for match in _TOP_WEIGHT.finditer(text, start, end):
        between = text[run[-1].end() : match.start()] if run else ""
        if match.group("name").startswith(("和", "及")):
            between += match.group("name")[0]  # '…产出(30分)和项目效益(20分)': 和 read into the name
        if run and not _WEIGHT_SEPARATOR.fullmatch(between.strip()):
            if len(run) >= 3:
                break
            run = []
        run.append(match)
        position = match.end()
    if len(run) < 3 or "下设" in text[start : run[0].start()]:
        return None
    # '分值分别为15分、…': the words before a bare weight are no name
    names = ["" if m.group("name").endswith(("为", "是")) else m.group("name") for m in run]
    head_end = run[0].start("n") - (text[run[0].start("n") - 1] in "(:") if not names[0] else run[0].start()
    if all(names):
        dimensions = [name for name in names if name.endswith(_TOP_DIMENSIONS)]
        if len(dimensions) != len(names):
            return None
    else:
        if any(names) or not re.search(r"分别(?:为|是)[:]?$", text[start:head_end]):
            return None
        listed = [n for n in re.split(r"[、,和及]", text[start:head_end]) if n]
        named = [n for n in listed if n.endswith(_TOP_DIMENSIONS) or n.startswith(_TOP_DIMENSIONS)]
        if len(named) < 3:
            return None
    stated = _NAMED_COUNT.search(sentence)
    if stated is not None and cn_number(stated.group(1)) != len(run):
        return None
    values = [Decimal(m.group("n")) for m in run]
    found = sum(values, ZERO)
    if found == 100:
        return None
    listing = "+".join(m.group("n") for m in run)
    return context.finding(
        "score.weights_hundred",
        ERROR,
        f"一级指标分值之和{listing}={plain(found)}分，{'不足' if found < 100 else '超过'}100分"
        f"（全部一级指标的分值合计应为100分，相差{plain(abs(found - 100))}分）",
        run[0].start(),
        position,
        expected="100分",
        found=f"{plain(found)}分",
    )


# ---------------------------------------------------------------------------------------------
# An asset's net value against its original value and the depreciation written beside it

_NET = any_word(words("rules_sums.net_value"))


@rule("asset.net", "资产净值与原值、累计折旧：净值 = 原值 − 累计折旧（同一句或同一括号里三者都写出时）")
def check_net_values(context: CheckContext) -> list[Finding]:
    report = context.report
    text = report.text
    if "折旧" not in text:
        return []
    findings = []
    for net in report.quantities:
        if net.kind != "money" or net.role != "level" or not _NET.search(net.label):
            continue
        low = max(text.rfind("。", 0, net.start), text.rfind("\n", 0, net.start)) + 1
        stops = [at for at in (text.find("。", net.end), text.find("\n", net.end)) if at >= 0]
        members = [
            q for q in report.quantities_between(low, min(stops, default=len(text))) if q.kind == "money"
        ]
        gross = [q for q in members if GROSS_VALUE.search(q.label) and not _NET.search(q.label)]
        lost = [q for q in members if DEPRECIATION.search(q.label) and not _NET.search(q.label)]
        if len(gross) != 1 or len(lost) != 1 or gross[0].approx or lost[0].approx or net.approx:
            continue  # none, or two assets' values in one sentence: which goes with which is unsure
        expected = gross[0].base_value - lost[0].base_value
        envelope = report.half_unit(gross[0]) + report.half_unit(lost[0]) + report.half_unit(net)
        gap = abs(expected - net.base_value)
        if gap <= envelope:
            continue
        findings.append(
            context.finding(
                "asset.net",
                ERROR,
                f"资产净值与原值、折旧不符：“{gross[0].label}”{show(gross[0])} − “{lost[0].label}”{show(lost[0])}"
                f" = {amount_like(expected, net)}，与所述“{net.label}”{show(net)}相差{amount_like(gap, net)}",
                net.start,
                net.end,
                expected=amount_like(expected, net),
                found=show(net),
            )
        )
    return findings


RULES = (
    check_named_breakdowns,
    check_totals_over_item_lines,
    check_listed_totals,
    check_count_changes,
    check_table_rates_and_scores,
    check_table_totals,
    check_score_categories,
    check_scope_sums,
    check_top_weights,
    check_net_values,
)
