"""Statements that tie printed figures together: year-on-year changes, totals with their parts,
stated rates, and counts with listed items. Extraction only; the rules judge them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import chain

from jixiao.domain.checker import scan
from jixiao.domain.checker.parse import ASCII_DIGITS, ParsedReport, Quantity, cn_number
from jixiao.domain.checker.vocabulary import words

UP_WORDS = frozenset(words("statements.up_words"))
DOWN_WORDS = frozenset(words("statements.down_words"))

_YOY = re.compile(
    r"(?:同比(?:上年度?|去年)?|(?:比|较)(?:上年度?|上一年度?|去年|上年同期|20\d\d年度?)(?:同期)?"
    r"|与(?:上年度?|去年)(?:同期)?相比,?)"
    r"(?P<word>增加|增长|减少|下降|降低|增减|上升|少了|多了|减|增)了?"
)
# '比上年2.8万元减少0.4万元', '较2022年的2.8万元增加0.5万元': the previous figure between marker and word
_YOY_INLINE = re.compile(
    r"(?:比|较|与)(?:上年度?|上一年度?|去年|上年同期|20\d\d年度?)(?:同期)?的?(?P<named>决算数?|实际支出|支出|完成的?)?(?=\d)"
)
# '比上年X增加Y'; '与上年决算X相比，支出增加Y' (what grew may be named again after 相比)
_INLINE_WORD = re.compile(
    r",?(?:(?:相比|比较),?(?P<named_after>[\u4e00-\u9fff]{1,4}?)?)?"
    r"(?P<word>增加|增长|减少|下降|降低|上升|多了|少了|提高|扩大|缩小)了?"
)
_PERCENT_AFTER = re.compile(
    r"[,;(]?(?:同比)?(?P<word>增长率|下降率|增长|增加|上升|增幅|涨幅|下降|降低|减少|降幅|减幅)了?(?:为|达|幅度为|比例为|幅度)?"
)
_FROM_TO = re.compile(r"(?:由|从)(?=\d)")
_FROM_TO_WORD = re.compile(r"(?P<word>增加|增长|减少|下降|降低|上升|提高)(?:到|至)")
# '其中：…', and the lists that follow a total the same way: '资金来源为…', '(主要)用于：…'
_PARTS_MARKER = re.compile(
    r"其中[:,]?|资金来源(?:为|是|:)"
    # '项目资金25.00万元,主要用于三个方面:…', '…,共三个方面:…', '…,分为五项:…': the parts of the
    # figure, as many as it says
    r"|(?:分为|(?:主要|具体)?用于(?:以下)?|共(?:有|计)?)"
    r"(?P<items>\d{1,2}|[二三四五六七八九十])(?:项|类|个方面|方面|部分|块)(?:内容|用途)?[:：]"
    r"|主要用于:?|具体用于:?|用于:?|具体(?:为|是|包括):?|明细(?:为|如下):?"
    # '项目支出8,504.65万元全部用于以下五个方面:…': every use of the total, item by item
    r"|全部用于(?:以下[^,，。:：;；\n]{0,8})?:"
    # '城镇新增就业6850人,分县区看,A区4120人、…', '按资金来源分:…': a classification, every class listed
    r"|分[\u4e00-\u9fff]{1,4}?看[:,]|按[\u4e00-\u9fff]{1,6}?分(?:类)?看?[:,]"
    r"|包括:?|含(?=[\u4e00-\u9fff])"  # '基本支出…，包括人员经费A和公用经费B', '…，含人员经费A、公用经费B'
    # '年末实有人员56人:A30人，B20人'; '资金构成为:…'; '由两部分组成:…', '由四级财政共同承担:…',
    # '由A、B和C组成' (the whole of the total, item by item)
    r"|:(?!其中)|资金构成(?:为|是|如下)?:?"  # ':' right after a figure's unit (checked in find_parts)
    r"|由(?:[\u4e00-\u9fff]{0,8}?(?:组成|构成|共同承担|承担)[:,]|(?=[^。;\n]{2,80}?(?:组成|构成)))"
    # '中央投入资金279万元(A资金81万元,B资金161万元)', '在职18人(公务员12人,工勤2人,事业5人)': a
    # breakdown in brackets
    r"|(?<=[元人名个项户家所])\((?!其中)"
    # '项目支出80.56万元分别为:A…、B…': 分别为 right after a figure (checked in find_parts)
    r"|分别(?:为|是|用于):?"
    r"|分(?P<batches>\d{1,2}|[二三四五六七八九十])(?:批|次|期)(?:下达|拨付|到位|安排|支付)?[:,]"
    # '项目支出3,172.45万元，分为五项：…': the parts of the figure, as many as it says
)  # each alternative starts with a literal: scanned fast
_COUNT_OF_PARTS = re.compile(r"共(?:有|计)?(?:\d{1,2}|[二三四五六七八九十])(?:项|类|个方面|方面|部分|块)")
_OPENERS = "(【《〔[“"
_CLOSERS = ")】》〕]”"


def direction_of(word: str | None) -> int:
    if word in UP_WORDS:
        return 1
    if word in DOWN_WORDS:
        return -1
    return 0


@dataclass(frozen=True, slots=True)
class YearOnYear:
    """'208.4万元，比上年增加24.01万元，增长13.0%' (each part may be absent but the change word)."""

    current: Quantity | None
    delta: Quantity | None
    delta_word: str
    percent: Quantity | None
    percent_word: str | None
    start: int
    end: int
    previous: Quantity | None = None  # '上年184.39万元' stated in the same sentence
    named: bool = False  # the sentence opens with the name of ``current``, stated before it

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return tuple(q for q in (self.current, self.delta, self.percent) if q is not None)


@dataclass(frozen=True, slots=True)
class FromTo:
    """'由50万元增加到60万元'."""

    before: Quantity
    after: Quantity
    word: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Parts:
    """A total followed by '其中：…；…' listing its parts."""

    candidates: tuple[Quantity, ...]  # possible totals, nearest first
    parts: tuple[Quantity, ...]
    start: int
    end: int
    complete: bool = True  # False when the text stops inside the list of parts
    marker: str = "其中"  # '资金来源' (the sources of the total, all of them), '分3批' (all the batches), '用于',  # '具体' ('具体为…', '明细如下…': item by item, all of them)
    batches: int | None = None  # '分3批下达': how many parts the text says there are

    @property
    def exhaustive(self) -> bool:
        """The parts are the whole of the total, by what the text says of them."""
        return self.marker in ("资金来源", "具体") or (
            self.batches is not None and self.batches == len(self.parts)
        )


@dataclass(frozen=True, slots=True)
class CountList:
    """'内设机构8个，即A、B、…' or 'A、B、C共三个部室'."""

    count: int
    count_start: int
    count_end: int
    items: tuple[str, ...]
    list_start: int
    list_end: int
    complete: bool  # False when the text stops inside the list
    # the names stand in a bracket right after the count ('5家单位(A、B、C)'): an aside that may name
    # only some of them, so a count that disagrees is worth a look rather than certainly wrong
    bracketed: bool = False
    # the measure word of a count by another than 个/家/所 ('5场次'): one event may hold two sessions,
    # so a count that disagrees is worth a look too
    measure: str = ""


def _preceding_level(
    report: ParsedReport, position: int, kinds: tuple[str, ...], gap: str = ",;。: "
) -> Quantity | None:
    """The quantity that ends right before ``position`` (only separators between)."""
    index = bisect_right(report._quantity_starts, position - 1) - 1
    if index < 0:
        return None
    quantity = report.quantities[index]
    between = report.text[quantity.end : position]
    if (
        quantity.kind in kinds
        and quantity.role == "level"
        and len(between) <= 2
        and not between.strip(gap)  # (every character of it one of gap)
    ):
        return quantity
    return None


def _preceding_previous(report: ParsedReport, position: int) -> Quantity | None:
    """'…208.4万元，上年184.39万元，比上年增加…': the previous-year figure right before the marker."""
    index = bisect_right(report._quantity_starts, position - 1) - 1
    if index < 0:
        return None
    quantity = report.quantities[index]
    between = report.text[quantity.end : position]
    if quantity.role == "previous" and len(between) <= 2 and not between.strip(",;。: "):
        return quantity
    return None


def find_year_on_year(report: ParsedReport) -> list[YearOnYear]:
    text = report.text
    statements = []
    for match in scan.finditer(_YOY, text, report.places):  # found from 同, 比, 较, 与
        word = match.group("word")
        first = report.quantity_starting(match.end(), slack=1)
        delta = percent = None
        percent_word = None
        end = match.end()
        if first is not None and first.kind == "percent":
            percent, percent_word, end = first, word, first.end
        elif first is not None and first.kind in ("money", "count"):
            delta, end = first, first.end
            after = _PERCENT_AFTER.match(text, first.end)
            if after:
                candidate = report.quantity_starting(after.end())
                if candidate is not None and candidate.kind == "percent":
                    percent, percent_word, end = candidate, after.group("word"), candidate.end
        current = _preceding_level(report, match.start(), ("money", "count")) or _bracketed_level(
            report, match.start()
        )
        previous = None
        if current is None:
            previous = _preceding_previous(report, match.start())
            if previous is not None:
                label_start = previous.start - len(previous.raw_label)
                current = _preceding_level(report, label_start, ("money", "count"))
                if current is None or current.kind != previous.kind:
                    current = previous = None
        start = current.start if current is not None else match.start()
        if current is not None and delta is not None and (current.kind != delta.kind):
            current = previous = None
        statements.append(YearOnYear(current, delta, word, percent, percent_word, start, end, previous))
    if "比" in text or "较" in text:
        statements.extend(_inline_previous(report))
    return statements


def _bracketed_level(report: ParsedReport, position: int) -> Quantity | None:
    """'前期咨询费(0万元)，比上年增加3.2万元': the figure alone in the bracket right before the marker."""
    text = report.text
    close = position - 1 if position > 0 and text[position - 1] in ",;" else position
    if text[close - 1 : close] != ")":
        return None
    quantity = _preceding_level(report, close - 1, ("money", "count"), gap="")
    if quantity is None or text[quantity.start - 1 : quantity.start] != "(":
        return None
    return quantity


def _level_before_changes(report: ParsedReport, position: int) -> Quantity | None:
    """'决算支出4.8万元，较预算减少1.2万元，较上年…': the level the sentence is about, before the
    changes stated in between (only changes may stand between)."""
    index = bisect_right(report._quantity_starts, position - 1) - 1
    text = report.text
    while index >= 0:
        quantity = report.quantities[index]
        if "。" in text[quantity.end : position] or "\n" in text[quantity.end : position]:
            return None
        if (
            quantity.role == "level"
            and index > 0
            and _aside_of(text, report.quantities[index - 1], quantity, position)
        ):
            index -= 1  # '支出15.62万元(预算18.50万元),比上年…': the budget in the bracket is an aside
            continue
        if quantity.role == "level":
            return None if quantity.approx else quantity
        if quantity.role != "delta":
            return None
        index -= 1
    return None


def _aside_of(text: str, before: Quantity, quantity: Quantity, position: int) -> bool:
    """``quantity`` stands in a bracket closed before ``position`` and opened right after ``before``."""
    opened = text.rfind("(", before.end, quantity.start)
    return opened >= 0 and not text[before.end : opened].strip() and in_closed_aside(text, quantity, position)


def _inline_previous(report: ParsedReport) -> list[YearOnYear]:
    """'三公经费支出3.2万元，比上年2.8万元减少0.4万元': current, previous and change in one run."""
    text = report.text
    found = []
    for match in scan.finditer(_YOY_INLINE, text, report.places):  # found from 比, 较
        previous = report.quantity_starting(match.end())
        if previous is None or previous.kind not in ("money", "count") or previous.approx:
            continue
        word = _INLINE_WORD.match(text, previous.end)
        if not word:
            continue
        delta = report.quantity_starting(word.end(), slack=1)
        percent = percent_word = None
        if delta is not None and delta.kind == "percent":
            # '较上年决算5.6万元下降14.29%': the change stated as a rate only
            percent, percent_word, delta = delta, word.group("word"), None
        if delta is not None and delta.kind != previous.kind:
            delta = None
        current = _preceding_level(report, match.start(), ("money", "count")) or _level_before_changes(
            report, match.start()
        )
        if current is not None and _PER_HEAD.search(current.raw_label):
            # '结对留守儿童1260名，平均每人2名；较上年1150名增加110名': not the average's change
            current = _level_before(report, current)
        named = (match.group("named") or word.group("named_after") or "")[:2]
        if current is not None and named and (named not in current.label or _NOT_DONE.search(current.label)):
            # '全年支出331.47万元，年末结余7.43万元。比上年支出318.06万元增加…': the comparison names what
            # it compares, which the balance before it is not
            current = _named_level_before(report, match.start(), named)
        named_subject = False
        if current is None:
            current = _subject_stated_before(report, match.start())
            named_subject = current is not None
        if current is not None and current.kind != previous.kind:
            continue
        if current is None and delta is None:
            continue  # nothing to compare: neither this year's figure nor the change of it
        end = delta.end if delta is not None else (percent.end if percent is not None else word.end())
        after = _PERCENT_AFTER.match(text, delta.end) if delta is not None else None
        if after:  # '比上年2.8万元减少0.4万元，下降14.3%'
            candidate = report.quantity_starting(after.end())
            if candidate is not None and candidate.kind == "percent":
                percent, percent_word, end = candidate, after.group("word"), candidate.end
        start = current.start if current is not None else match.start()
        found.append(
            YearOnYear(
                current, delta, word.group("word"), percent, percent_word, start, end, previous, named_subject
            )
        )
    return found


_NOT_DONE = re.compile(r"未|结余|剩余|结转")  # '尚未支出51.74万元' is no spending
_PER_HEAD = re.compile(r"平均|人均|户均|每")


def _nearest_level(report: ParsedReport, low: int, position: int, accept) -> Quantity | None:
    """The last level figure in [low, position), not approximate, that ``accept`` takes, or None."""
    for quantity in reversed(report.quantities_between(low, position)):
        if quantity.role == "level" and not quantity.approx and accept(quantity):
            return quantity
    return None


def _level_before(report: ParsedReport, quantity: Quantity) -> Quantity | None:
    """The level figure of the same kind right before ``quantity`` in its sentence, or None."""
    text = report.text
    sentence_start = max(text.rfind("。", 0, quantity.start), text.rfind("\n", 0, quantity.start)) + 1
    return _nearest_level(
        report,
        sentence_start,
        quantity.start,
        lambda q: q.kind == quantity.kind and not _PER_HEAD.search(q.raw_label),
    )


_SUBJECT = re.compile(r"[\u4e00-\u9fff]{2,8}")


def _subject_stated_before(report: ParsedReport, position: int) -> Quantity | None:
    """'…公用经费58.36万元。公用经费比上年的61.20万元增加2.84万元': a comparison whose sentence opens
    with a bare name compares the figure of that name stated just before in its paragraph (the
    last one so labelled)."""
    text = report.text
    low = max(0, position - 9)  # (the name is of 8 characters at most, after the mark)
    start = max(text.rfind(mark, low, position) for mark in "。;\n") + 1
    subject = text[start:position]
    if (not start and low) or _SUBJECT.fullmatch(subject) is None:
        return None
    paragraph = report.paragraph_at(position)
    if paragraph is None:
        return None
    return _nearest_level(
        report,
        paragraph.start,
        start,
        lambda q: q.label == subject,
    )


def _named_level_before(report: ParsedReport, position: int, named: str) -> Quantity | None:
    """The nearest level figure before ``position`` in its paragraph whose label names ``named``."""
    paragraph = report.paragraph_at(position)
    if paragraph is None:
        return None
    return _nearest_level(
        report, paragraph.start, position, lambda q: named in q.label and not _NOT_DONE.search(q.label)
    )


def find_from_to(report: ParsedReport) -> list[FromTo]:
    found = []
    for match in scan.finditer(_FROM_TO, report.text, report.places):
        before = report.quantity_starting(match.end())
        if before is None:
            continue
        word = _FROM_TO_WORD.match(report.text, before.end)
        if not word:
            continue
        after = report.quantity_starting(word.end())
        if after is None or after.kind != before.kind:
            continue
        found.append(FromTo(before, after, word.group("word"), match.start(), after.end))
    return found


def _thousands(text: str, position: int) -> bool:
    return (
        text[position] == ","
        and 0 < position < len(text) - 1
        and text[position - 1] in ASCII_DIGITS
        and text[position + 1] in ASCII_DIGITS
    )


_MARKS: dict[str, re.Pattern] = {}


def _marks(separators: str) -> re.Pattern:
    """The brackets and ``separators``: the only characters the scans below act on (the regex
    engine skips the rest of the text at once)."""
    pattern = _MARKS.get(separators)
    if pattern is None:
        pattern = _MARKS[separators] = re.compile(f"[{re.escape(_OPENERS + _CLOSERS + separators)}]")
    return pattern


def _depth_zero_splits(text: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    if len(separators) == 1 and text.find(separators, start, end) < 0:
        return [(start, end)] if end > start else []  # no separator: one piece (str.find is fast)
    pieces = []
    depth = 0
    piece_start = start
    for mark in _marks(separators).finditer(text, start, end):
        ch = mark.group()
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0:
            position = mark.start()
            if _thousands(text, position):
                continue  # 1,200.00
            pieces.append((piece_start, position))
            piece_start = position + 1
    pieces.append((piece_start, end))
    return [(a, b) for a, b in pieces if b > a]


def _finer_pieces(report: ParsedReport, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces split at ',' or ';' that are themselves lists joined by '、' ("2021年省级资金248000万元、
    中央资金597784万元，2022年省级资金316390万元、中央资金676073万元"): every member is a part, not only
    the first of each piece — when each member of the piece leads with a part of the same kind."""
    finer: list[tuple[int, int]] = []
    for a, b in pieces:
        if _NESTED_LIST.search(report.text, a, b) or report.text[a:b].lstrip(" ,;、").startswith(
            _SUBLIST_WORDS
        ):
            finer.append((a, b))  # '本年收入X，由A、B和C构成': the 、 list is a part's own, not more parts
            continue
        # 'A、B和C' (the last joined by 和), '保管费80.00万元和轮换费28.80万元，…'
        split = [
            piece
            for x, y in _depth_zero_splits(report.text, a, b, "、")
            for piece in _joined_by_he(report, x, y)
        ]
        if len(split) < 2:
            finer.append((a, b))
            continue
        members = [_first_part(report, x, y) for x, y in split]
        if (
            all(member is not None for member in members)
            and len({member.kind for member in members}) == 1
            and not _breaks_down_its_first(report, split)
        ):
            finer.extend(split)
        else:
            finer.append((a, b))
    return finer


def _breaks_down_its_first(report: ParsedReport, split: list[tuple[int, int]]) -> bool:
    """'本级48个项目评价等级为优有37个、为中有5个、为良有6个': the first member states a figure and
    then its first piece, the others one piece each — the list breaks down the first member's own
    figure, it does not go on with the list of parts around it."""
    (a, b), rest = split[0], split[1:]
    return len(report.quantities_between(a, b)) >= 2 and all(
        len(report.quantities_between(x, y)) == 1 for x, y in rest
    )


_MEMBER_END = re.compile(r"[,;、。\n]")
_NESTED_LIST = re.compile(r"[,:](?:由|其中|包括|含)")
_SUBLIST_WORDS = ("含", "包括", "由")
_UNIT_BEFORE_COLON = frozenset("元人个户项所家名次件")


def _figure_first(report: ParsedReport, position: int) -> bool:
    """The first member after ``position`` (to the first mark that ends it) states a figure."""
    member = _MEMBER_END.search(report.text, position, min(len(report.text), position + 40))
    return bool(report.quantities_between(position, member.start() if member else position + 40))


def _joined_by_he(report: ParsedReport, a: int, b: int) -> list[tuple[int, int]]:
    """[a, b) cut at each 和 that follows a figure at once, when every piece then holds one figure
    ('保管费80.00万元和轮换费28.80万元'; not '基本支出A，占…，包括人员经费B和公用经费C', whose 和 joins
    the parts of a part): else one piece."""
    if report.text.find("和", a, b + 1) < 0:
        return [(a, b)]  # no 和 where a figure in [a, b) may end
    figures = report.quantities_between(a, b)
    joins = [q.end for q in figures if report.text.startswith("和", q.end)]
    if not joins or len(figures) != len(joins) + 1:
        return [(a, b)]
    return list(zip([a, *(j + 1 for j in joins)], [*joins, b], strict=True))


def _as_part(quantity: Quantity) -> Quantity | None:
    """The first quantity of a piece is a part when it states a level of money or a count."""
    return quantity if quantity.role == "level" and quantity.kind in ("money", "count") else None


def _first_part(report: ParsedReport, start: int, end: int) -> Quantity | None:
    """The first level quantity of a piece, outside brackets and in its first clause."""
    text = report.text
    starts = report._quantity_starts
    index = bisect_left(starts, start)
    if index >= len(starts) or starts[index] >= end:
        return None  # no quantity starts in the piece
    quantities = report.quantities
    first = quantities[index]
    if first.end <= end and _marks(",。").search(text, start, first.start + 1) is None:
        # no bracket or mark up to the first quantity: the loop below returns it at once
        return _as_part(_amount_after_count(quantities, index + 1, first, end))
    count = len(starts)
    depth = 0
    for mark in _marks(",。").finditer(text, start, end):
        position = mark.start()
        if depth == 0:
            # the quantities before this mark start outside brackets (a quantity never starts at one)
            while index < count and starts[index] < position:
                quantity = quantities[index]
                index += 1
                if quantity.end <= end:
                    return _as_part(_amount_after_count(quantities, index, quantity, end))
        else:
            while index < count and starts[index] < position:
                index += 1
        if index >= count or starts[index] >= end:
            return None
        ch = mark.group()
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0 and not _thousands(text, position):
            return None  # the first clause ends before any quantity
    if depth == 0:
        while index < count and starts[index] < end:
            quantity = quantities[index]
            index += 1
            if quantity.end <= end:
                return _as_part(_amount_after_count(quantities, index, quantity, end))
    return None


def _amount_after_count(quantities, following: int, quantity: Quantity, end: int) -> Quantity:
    """'车辆3辆62.30万元': the amount right after a count of the thing is the part, not the count."""
    if quantity.kind == "count" and following < len(quantities):
        amount = quantities[following]
        if amount.kind == "money" and amount.start == quantity.end and amount.end <= end:
            return amount
    return quantity


def _parts_end(text: str, marker_start: int, list_start: int, low: int, limit: int) -> int:
    """Where the parts after 其中 end: at the sentence's end, and earlier
    - at the bracket that closes an enclosing one ("（基本支出…，其中人员…、公用…）"), and
    - at the next ";" when 其中 continues a clause of its own total ("基本支出…，其中人员…、公用…；
      项目支出…": the ";" starts the next member of an outer list, not another part)."""
    stop = text.find("。", list_start, limit)
    end = stop if stop >= 0 else limit
    # back from 其中 to the sentence's start: an enclosing bracket left open
    sentence = max(text.rfind("。", low, marker_start), text.rfind(";", low, marker_start))
    brackets = [m.start() for m in _marks("").finditer(text, max(sentence + 1, low), marker_start)]
    depth = 0
    for position in reversed(brackets):
        if text[position] in _CLOSERS:
            depth += 1
        else:
            if depth == 0:
                end = min(end, _matching_close(text, position, end))
                break
            depth -= 1
    if marker_start and text[marker_start - 1] == "," and text.find(";", list_start, end) >= 0:
        depth = 0  # (no ';' after the list's start: nothing to stop at)
        for mark in _marks(";").finditer(text, list_start, end):
            ch = mark.group()
            if ch in _OPENERS:
                depth += 1
            elif ch in _CLOSERS:
                depth = max(depth - 1, 0)
            elif depth == 0:
                if len(_NUMBER.findall(text, list_start, mark.start())) == 1 and (
                    not text.startswith("其中", marker_start) or _ENUMERATED.match(text, list_start)
                ):
                    # '主要用于：A 35.60万元；B 28.40万元；…', '其中：①A…；②B…': one part a member, the
                    # ';' between the parts (a bare 其中 list cut by ';' may have ended: '基本支出…，其中
                    # 人员经费…；项目支出…')
                    return end
                return mark.start()
    return end


_NUMBER = re.compile(r"(?<![(（\d.])\d+(?:\.\d+)?(?![)）、.．\d])")  # a figure, not a list number ((1), 1、)
# an item's number opening it: (1), 1、 1. (not 1.5)
ITEM_NUMBER = re.compile(r"\s*(?:[(（]\d{1,2}[)）]|\d{1,2}[、.．](?!\d))")
_ENUMERATED = re.compile(rf"[:：]?(?:\s*[\u2460-\u2473]|{ITEM_NUMBER.pattern})")  # ① … ⑳ too


def _matching_close(text: str, open_at: int, limit: int) -> int:
    depth = 0
    for mark in _marks("").finditer(text, open_at, limit):
        if mark.group() in _OPENERS:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return mark.start()
    return limit


def _counts_of_the_figure_before(report: ParsedReport, bracket: int, inside: list) -> bool:
    """'在职人员18人(公务员12人,机关工人2人,事业人员5人)': the bracket opens right after a count, and
    every figure in it counts in the same unit."""
    before = report.quantities_between(max(0, bracket - 12), bracket)
    if not before or before[-1].end != bracket or before[-1].kind != "count":
        return False
    if report.text.startswith(("含", "包括", "包含"), bracket + 1):
        return False  # '全额拨款单位15个(含行政单位1个,参公事业单位1个)': some of them named
    unit = before[-1].unit
    return all(q.kind == "count" and q.unit == unit for q in inside)


def _parts_markers(text: str, places: scan.CharIndex | None) -> list[re.Match]:
    """``list(_PARTS_MARKER.finditer(text))``, tried at the characters a match starts with: 其 主 具 用
    明 ( 分 包 含 : 由, and 资 only two before a 来 or 构 (资金来源, 资金构成: the only alternatives that
    start with 资, a character of nearly every sentence of a report on funds), 全 only two before 用."""
    starts = scan.places_of(text, "(:主其具分包含明用由按", places)
    # (共: only right before a count of parts: '共三个方面:', '共有5项:')
    starts += [at for at in scan.places_of(text, "共", places) if _COUNT_OF_PARTS.match(text, at)]
    starts.sort()
    funds = [at - 2 for at in scan.places_of(text, "来构", places) if at >= 2 and text[at - 2] == "资"]
    # (全部用于: tried two before a 用)
    funds += [at - 2 for at in scan.places_of(text, "用", places) if at >= 2 and text[at - 2 : at] == "全部"]
    if funds:
        starts += funds
        starts.sort()
    return scan.matches_at(_PARTS_MARKER, text, starts)


def _names_the_figure_before(report: ParsedReport, position: int) -> bool:
    """True when a sentence opens with nothing but the label of the figure that ends the sentence
    before ('…项目支出103.48万元,占27.83%。项目支出具体为:…'): the list that follows is of that figure."""
    text = report.text
    start = text.rfind("。", max(0, position - 12), position)
    label = text[start + 1 : position]
    if start < 0 or len(label) < 2 or not all("\u4e00" <= char <= "\u9fff" for char in label):
        return False
    return any(
        q.kind == "money" and q.label.endswith(label)
        for q in report.quantities_between(max(0, start - 200), start)
    )


def _right_after_a_total(report: ParsedReport, match: re.Match) -> bool:
    """'项目支出80.56万元分别为:…' / '…80.56万元,分别是…': 分别为 follows (past one comma) a level of money
    or a count, not a share, and the first member after it states a figure, two or more following."""
    text = report.text
    at = match.start() - (1 if text[match.start() - 1 : match.start()] == "," else 0)
    before = report.quantities_between(max(0, at - 16), at)
    if not before or before[-1].end != at or _as_part(before[-1]) is None or before[-1].approx:
        return False
    following = report.quantities_between(match.end(), match.end() + 80)
    if len(following) < 2:
        return False
    total, first = before[-1], following[0]
    if first.kind != total.kind or (total.kind == "count" and first.unit != total.unit):
        return False  # '事业单位5个，分别为A(实有22人)、…': names with counts of another thing
    # the first member states a figure outside brackets: no mark ends it before the first figure
    return not re.search(r"[,;、。()\n]", text[match.end() : first.start])


def find_parts(report: ParsedReport) -> list[Parts]:
    text = report.text
    found = []
    for match in _parts_markers(text, report.places):
        # '资金来源为…', '用于…' list parts only when they open a clause after the total; '具体是…'
        # may open the next sentence ('下达预算资金9378万元。具体是:…')
        opens = (",", ":", "。") if match.group().startswith(("具体", "明细")) else (",", ":")
        if (
            match.group().startswith(
                ("资金来源", "主要用于", "具体", "用于", "明细", "包括", "含", "资金构成", "由")
            )
            and (
                text[match.start() - 1 : match.start()] not in opens
                or len(report.quantities_between(match.end(), match.end() + 60)) < 2
            )
            and not (
                match.group().startswith(("具体", "明细")) and _names_the_figure_before(report, match.start())
            )
        ):
            continue
        if (match.group().startswith("按") or match.group()[-2:-1] == "看") and text[
            match.start() - 1 : match.start()
        ] != ",":
            continue  # a classification lists the parts of the figure its clause follows ('…6850人,分县区看,')
        if match.group().startswith(("用于", "主要用于")):
            sentence = max(text.rfind(mark, 0, match.start()) for mark in "。；;\n") + 1
            if "其中" in text[sentence : match.start()] or "用于" in text[sentence : match.start()]:
                continue  # '其中用于A…万元，用于B…万元': 用于 heads each item of a list already open
        if match.group() == ":" and (
            text[match.start() - 1 : match.start()] not in _UNIT_BEFORE_COLON
            or not _figure_first(report, match.end())
        ):
            continue  # '设置党政机构10个:即党政综合办公室、…': a list of names, not of parts
        if match.group().startswith("分别") and not _right_after_a_total(report, match):
            continue  # 'A、B分别为…': 分别为 after names pairs names with figures; it lists parts only after a figure
        paragraph_index = report.paragraph_index(match.start())
        if paragraph_index < 0:
            continue
        paragraph = report.paragraphs[paragraph_index]
        before_end = match.start()
        if match.group() == "(":
            close = _matching_close(text, match.start(), paragraph.end)
            inside = report.quantities_between(match.end(), close)
            if (
                len(inside) < 2
                or not (
                    all(q.kind == "money" for q in inside)
                    or _counts_of_the_figure_before(report, match.start(), inside)
                )
                or close >= paragraph.end
                or "其中" in text[match.end() : close]
            ):
                continue  # a bracket of amounts only (or of counts in the unit of the count just before it),
                # closed in its paragraph, with no 其中 list inside
            open_at, in_brackets = match.start(), True
        else:
            open_at = text.rfind("(", paragraph.start, match.start())
            in_brackets = (
                open_at >= 0 and text.find(")", open_at, match.start()) < 0 and match.start() - open_at <= 1
            )
        if in_brackets and _BARE_NUMBER_BEFORE.search(text, max(paragraph.start, open_at - 8), open_at):
            continue  # '离退休人员62(其中:…)': the total is printed without its unit, not read as a figure
        if in_brackets:
            before_end = open_at
            segment_end = _matching_close(text, open_at, paragraph.end)
            pieces_span = [(match.end(), segment_end)]
        elif match.end() >= paragraph.end:
            pieces_span = []
            segment_end = paragraph.end
            for following in report.paragraphs[paragraph_index + 1 : paragraph_index + 13]:
                if _first_part(report, following.start, following.end) is None:
                    break
                pieces_span.append((following.start, following.end))
                segment_end = following.end
        else:
            if _BARE_NUMBER_THEN.search(text, max(paragraph.start, match.start() - 8), match.start()):
                continue  # '共有编制18人,人数37,其中…': the total right before 其中 has no unit
            segment_end = _parts_end(text, match.start(), match.end(), paragraph.start, paragraph.end)
            pieces_span = [(match.end(), segment_end)]
        at_semicolons = False
        if len(pieces_span) == 1:
            a, b = pieces_span[0]
            for separators in (";", ",", "、"):
                at_semicolons = separators == ";"
                split = _depth_zero_splits(text, a, b, separators)
                if separators == "、" and len(split) >= 2 and _breaks_down_its_first(report, split):
                    pieces_span = []  # '本级48个项目评价为优有37个、为中有5个…': one part and its own
                    break  # pieces, not the parts of the total before the 其中
                if len(split) >= 2:
                    pieces_span = (
                        _finer_pieces(report, split)
                        if separators != "、"
                        # 'A、B和C': the last member joined by 和
                        else [piece for x, y in split for piece in _joined_by_he(report, x, y)]
                    )
                    break
            else:  # '包括人员经费1,502.10万元和公用经费363.20万元': 和 right after a figure joins two parts
                pieces_span = _joined_by_he(report, a, b)
        for cut, (a, b) in enumerate(pieces_span):
            piece = text[a:b].lstrip(" ,;、")
            if cut and (
                "其中" in piece
                or piece.startswith(_OWN_BREAKDOWN)
                or piece.startswith(_BESIDES)
                or _YEAR_FIRST.sub("", piece, count=1).startswith(_WHOLE_AGAIN)
                or piece.startswith(_SCOPE_VERBS)
            ):
                # a nested 其中 (or 分别为) starts the parts of another total; '另外退休教师81人' is beside the list;
                # '全年实际下达71万元', '全省…共支出…' speak of a whole again
                pieces_span = pieces_span[:cut]
                segment_end = a
                if cut == 1 and at_semicolons:
                    # '其中基本支出759万元,项目支出996.06万元;2021年全年实际支出…': the list before
                    # the ';' that ends it is written at ','
                    first = _depth_zero_splits(text, *pieces_span[0], ",")
                    if len(first) >= 2 and all(_first_part(report, x, y) is not None for x, y in first):
                        pieces_span = first
                break
        if any(_REDUCTION.search(text, a, b) for a, b in pieces_span):
            continue  # '其中:退耕还林抚育…,公益林补偿资金调减2.66万元,造林补助2.42万元': signed parts
        parts = []
        for a, b in pieces_span:
            if parts and text[a:b].lstrip(" ,;、").startswith(_SUBLIST_WORDS):
                continue  # '基本支出800万元，含人员经费…、公用经费…；项目支出…': the part's own list
            part = _first_part(report, a, b)
            if part is not None and not part.approx and not base_or_rate(text, part):
                parts.append(part)
        if not parts:
            continue
        kind = parts[0].kind
        parts = [p for p in parts if p.kind == kind]
        low = (
            report.paragraphs[paragraph_index - 1].start
            if (match.start() == paragraph.start and paragraph_index)
            else paragraph.start
        )
        candidates = []
        heading, scanned_from = None, before_end  # where the last inline heading starts (-1: none)
        for q in report.quantities_between(low, before_end):
            if (
                q.kind == kind
                and q.role == "level"
                and not q.approx
                and before_end - q.end <= 200
                and not in_closed_aside(text, q, before_end)
            ):
                if heading is None:
                    # one scan from the first candidate on: two headings never overlap (none
                    # starts inside one), so finditer meets every place where one starts
                    heading, scanned_from = -1, q.end
                    for run_in in _INLINE_HEADING.finditer(text, q.end, before_end):
                        heading = run_in.start()
                if (
                    heading < q.end  # (no _INLINE_HEADING.search(text, q.end, before_end))
                    if q.end >= scanned_from
                    else not _INLINE_HEADING.search(text, q.end, before_end)
                ):
                    candidates.append(q)
        if not candidates:
            continue
        cut_off = report.truncated and segment_end >= report.paragraphs[-1].end
        found.append(
            Parts(
                tuple(reversed(candidates)),
                tuple(parts),
                candidates[-1].start,
                segment_end,
                not cut_off,
                _marker(match),
                cn_number(match.group("batches") or match.group("items"))
                if match.group("batches") or match.group("items")
                else None,
            )
        )
    return found


_BESIDES = words("statements.besides")
_SCOPE_VERBS = words("statements.scope_verbs")
# '一是风险基金2,531.96万元,分别为A…、B…;二是…': the members after 分别为 break down the part before
_OWN_BREAKDOWN = ("分别为", "分别是")
_REDUCTION = re.compile(r"调减|核减|扣减|收回|压减[\u4e00-\u9fff]{0,6}\d")
# a heading run into the text (“…20万元,二、绩效目标完成情况分析(一)资金投入…1.到位情况,其中…”):
# what stands before it belongs to another section
_INLINE_HEADING = re.compile(r"[,，。;；][一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)")
_WHOLE_AGAIN = words("statements.whole_again")
_YEAR_FIRST = re.compile(r"^(?:19|20)\d\d年度?")  # '2021年全年实际支出…': the whole again, dated
_SHARE_BASE = re.compile(r"的\d|每|/人|/年|/户")


_BARE_NUMBER_BEFORE = re.compile(r"[\u4e00-\u9fff]\d{1,6}$")
_BARE_NUMBER_THEN = re.compile(r"[\u4e00-\u9fff]\d{1,6},$")


def base_or_rate(text: str, quantity: Quantity) -> bool:
    """'为全年预算32972万元的67.8%' (the base of a share) and '30000元每年每人' (a rate per person)
    are no parts of a total."""
    return _SHARE_BASE.match(text, quantity.end) is not None


def in_closed_aside(text: str, quantity: Quantity, end: int) -> bool:
    """'项目55个(其中2个用于…),其中50个…': the 2个 stands in a bracket closed before the second 其中,
    an aside about the figure before the bracket, so it is no total of what follows."""
    opened = text.rfind("(", max(0, quantity.start - 60), quantity.start)
    if opened < 0 or text.find(")", opened, quantity.start) >= 0:
        return False
    return 0 <= text.find(")", quantity.end, end) < end


def _marker(match: re.Match) -> str:
    word = match.group()
    if word == "(":
        return "其中"  # a breakdown in brackets reads as a 其中 list
    if word.startswith("分别"):
        return "具体"  # '项目支出80.56万元分别为:…': the whole of the total, item by item
    if match.group("items"):
        return "分项"  # '分为五项:', '主要用于三个方面:', '共三个方面:': as many parts as it says
    if word[-2:-1] == "看" or word.startswith("按"):
        return "具体"  # '分县区看,…', '按用途分:…': every class, one by one
    for marker in ("其中", "资金来源", "分", "包括"):
        if word.startswith(marker):
            return marker
    if word == "含":
        return "包括"
    if word == ":":
        return "其中"
    if word.startswith(("由", "资金构成", "全部用于")):
        return "具体"  # '由…组成', '资金构成为…', '全部用于以下五个方面:': all of the total
    if word.startswith(("具体", "明细")) and "用于" not in word:
        return "具体"  # '具体为…', '明细如下…': the whole of the total, item by item
    return "用于"


def parts_after(report: ParsedReport, parts: Parts) -> list[Quantity]:
    """The parts listed after the first group, to the end of the sentence: “其中九山河…22万元，…
    16.11万元；耒水河…12.66万元，…27.55万元。” lists two groups of one total, the second after ';'."""
    text = report.text
    stop = text.find("。", parts.end)
    paragraph = report.paragraph_at(parts.end)
    limit = paragraph.end if paragraph is not None else len(text)
    end = min(stop, limit) if stop >= 0 else limit
    after = parts.end
    if text[after : after + 1] in ("(", "（"):  # “其他费38976元(监理费…,咨询费…);支付…”
        close = text.find(")" if text[after] == "(" else "）", after, end)
        after = close + 1 if close >= 0 else after
    if end <= after or text[after : after + 1] not in (";", ","):
        return []
    kind = parts.parts[0].kind
    found = []
    for a, b in _depth_zero_splits(text, after + 1, end, ";,、"):
        part = _first_part(report, a, b)
        if part is None and text[b : b + 1] == "、":
            continue  # “2018年、2019年场地补助经费50万元”: the label goes on after '、'
        if part is None or part.approx or part.kind != kind or "其中" in text[a:b]:
            return []  # not a plain continuation of the list
        found.append(part)
    return found


_COUNT = re.compile(
    r"(?P<n>[\d一二两三四五六七八九十][\d一二两三四五六七八九十]*)(?:个|家|所)(?!月|工作日|小时|季度|百分点)"
)


_COUNT_NUMERALS = frozenset("一二两三四五六七八九十")


def _count_matches(text: str, places: scan.CharIndex | None = None) -> list[re.Match]:
    """``_COUNT.finditer(text)``, tried only at the numerals right before a 个, 家 or 所 (a match
    is a run of numerals and one of these: it starts where the run does)."""
    starts = []
    for at in scan.places_of(text, "个家所", places):
        start = at
        while start and (text[start - 1] in _COUNT_NUMERALS or text[start - 1].isdecimal()):
            start -= 1  # \d: a decimal digit of any script, as str.isdecimal
        if start < at:
            starts.append(start)
    return scan.matches_at(_COUNT, text, starts)


def _count_value(text: str, match: re.Match) -> int | None:
    """The number of a count match, or None for '一个' (an article), decimals and mixed forms."""
    number = match.group("n")
    if match.start() and text[match.start() - 1] in "0123456789.":
        return None
    if number == "一" or (not (number.isascii() and number.isdigit()) and len(number) > 3):
        return None
    return cn_number(number)


_DIGIT = re.compile(r"\d")
_VERB_BEFORE_COUNT = re.compile(
    r"(?:建|修建|新建|建成|改造|购置|完成|开展|举办|组织|实施|培训|安装|配备|打造|创建)$"
)
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{1,10}")
_INTRO = re.compile(r"[,:]?(?:即|分别为|分别是|具体为|具体是)[:]?|:")


# a bracket after a count's noun that names other kinds of it, one character each: '县(市、区)', '乡(镇、街道)'
_QUALIFIER = re.compile(r"[\u4e00-\u9fff]{1,2}(?:、[\u4e00-\u9fff]{1,2}){1,3}")


def find_count_lists(report: ParsedReport) -> list[CountList]:
    text = report.text
    found: list[CountList] = []
    consumed_until = 0
    for match in _count_matches(text, report.places):
        if match.start() < consumed_until:
            continue
        count = _count_value(text, match)
        if count is None or count == 0:
            continue
        paragraph = report.paragraph_at(match.start())
        if paragraph is None:
            continue
        if text.startswith(("余", "多", "以上", "左右"), match.end()):
            continue
        noun = _NOUN_AFTER.match(text, match.end())
        # compound counts joined by 、/和/及: '下设4个科、1个事业单位，即…'
        group_end = noun.end() if noun else match.end()
        total = count
        while True:
            if text[group_end : group_end + 1] not in ("、", "和", "及", "与") or group_end >= len(text):
                break
            more = _COUNT.match(text, group_end + 1)
            if not more or _count_value(text, more) is None:
                break
            total += _count_value(text, more)
            more_noun = _NOUN_AFTER.match(text, more.end())
            group_end = more_noun.end() if more_noun else more.end()
        consumed_until = group_end
        aside = (
            _aside_after(text, group_end, paragraph.end) if text[group_end : group_end + 1] == "(" else None
        )
        if aside is not None:
            open_at, close_at = aside
            if "、" in text[open_at:close_at]:
                # '联合5家单位(A、B、C)开展…': the names in the bracket after the count are its list
                items = _items(text, open_at + 1, close_at)
                if (
                    len(items) >= 2
                    and all(_LISTED_NAME.fullmatch(item) for item in items)
                    and not items[0].startswith(_OPEN_LIST_HEADS)
                    and not items[-1].endswith("等")
                ):
                    found.append(
                        CountList(
                            total, match.start(), group_end, tuple(items), open_at + 1, close_at, True, True
                        )
                    )
                    continue
                if not _QUALIFIER.fullmatch(text, open_at + 1, close_at):
                    continue
            # '5个镇(街道),分别为:…', '6个县(市、区),即…': the bracket only qualifies what is counted
            group_end = close_at + 1
        intro = _INTRO.match(text, group_end)
        if intro:
            is_colon = "即" not in text[group_end : intro.end()]  # ':' or '分别为': a list of one is no list
            list_start = intro.end()
            list_end, complete = _list_end(text, list_start, paragraph.end, report)
            items = _items(text, list_start, list_end)
            if len(items) == 1 and _DIGIT.search(items[0]):
                # '项目支出共三个：A项目预算15万元，B项目预算13万元，C经费12万元': one clause a member, to
                # the sentence's end
                sentence_end = text.find("。", list_start, paragraph.end)
                sentence_end = sentence_end if sentence_end >= 0 else paragraph.end
                clauses = _figured_clauses(text, list_start, sentence_end)
                if len(clauses) > 1:
                    items, list_end = clauses, sentence_end
            # a list of one is no list, unless its one item joins two names ('A和B')
            if items and (not is_colon or len(items) >= 2 or any(j in items[0] for j in "和及与")):
                if _listed_by_an_earlier_count(text, paragraph.start, match.start(), len(items), total):
                    continue  # '产业项目共12个，分布在6个乡镇，分别是：(12个项目)': the list is the 12's
                found.append(
                    CountList(total, match.start(), group_end, tuple(items), list_start, list_end, complete)
                )
            continue
        # list before the count: 'A、B、C共三个部室' / 'A、B…21个股室和直属单位'
        if noun is None or total != count:
            continue
        before = match.start()
        prefix_end = before
        if text[before - 1 : before] == "共":
            prefix_end = before - 1
        listed_with_etc = text[prefix_end - 1 : prefix_end] == "等"
        if listed_with_etc:
            prefix_end -= (
                1  # 'A、B、C、D、E等4个': 等 closes the list, which may still be longer than the count
            )
        elif text[prefix_end - 1 : prefix_end] in ("余", "近", "的", "是", "有", "为"):
            continue
        if text.find("、", paragraph.start, prefix_end) < 0:
            continue  # the names are listed with '、' after the clause's start, which is in the paragraph
        clause_start = _clause_start(text, paragraph.start, prefix_end)
        heading = _HEADING_MARK.match(text, clause_start)
        if heading is not None:
            # '二、评价结论 按决策、过程、产出、效益四个维度': 二、 numbers a heading, not a name
            clause_start = heading.end()
        verb = _CLAUSE_VERB.search(text, clause_start, prefix_end)
        if verb is not None:
            clause_start = verb.end()  # '党委、政府设党政办、经发办2个机构': the names after the verb
        if "、" not in text[clause_start:prefix_end] or _COUNT.search(text, clause_start, prefix_end):
            continue
        if text.count(")", clause_start, prefix_end) > text.count("(", clause_start, prefix_end):
            continue  # '4个林场(甲、乙、丙、丁)、1个苗圃': the names in the bracket are the 4's
        if _DIGIT.search(text, clause_start, prefix_end) or _VERB_BEFORE_COUNT.search(
            text, clause_start, prefix_end
        ):
            continue  # '铺建砂石路11公里、修建4个桥涵': works and their quantities, not a list of names
        items = _items(text, clause_start, prefix_end)
        if not items:
            continue  # '、12个…': no name stands before the count
        if any("各" in item for item in items):
            continue  # '各成员单位、各学会及示范基地共33家': kinds of units, each standing for several
        if listed_with_etc and len(items) <= count:
            continue  # 'A、B等4个': 等 may stand for names not written out
        # '…和沿江8个乡镇': after the last 和 only a word or two that qualifies the counted things (no
        # 共/等, no name: '…秩序中队和宣传中队3个中队' counts the names)
        joined = [m.end() for m in _JOINED.finditer(items[-1])]
        joined_last = prefix_end == before and bool(joined) and len(items[-1]) - joined[-1] <= 3
        if (
            text[prefix_end - 1 : prefix_end] in ("和", "及", "与", "、")
            or joined_last
            or _ACTOR_WORDS.search(items[-1])
        ):
            # '县财政局、人民银行县支行和4家合作银行', '…和沿江8个乡镇', '平台升级、云资源租用、3个应用开发':
            # the count is a member of the list;
            # '县农业农村局、县财政局对全县12个项目…': the names act on the counted things
            continue
        if len(items) >= 2:
            found.append(
                CountList(count, match.start(), group_end, tuple(items), clause_start, prefix_end, True)
            )
    found.extend(_measured_count_lists(report, found))
    return found


_MEASURES = tuple(sorted(set(words("statements.count_measures")), key=lambda m: (-len(m), m)))
_MEASURED_COUNT = re.compile(
    r"(?P<n>[\d一二两三四五六七八九十]+)(?:" + "|".join(map(re.escape, _MEASURES)) + r")"
)
_MEASURE_FIRSTS = "".join(sorted({m[0] for m in _MEASURES}))
# a listed name of a measured count: words (quoted or bracketed words too), no figure, no 等
_MEASURED_NAME = re.compile(r"[\u4e00-\u9fff“”\"()《》]{2,30}")


def _measured_matches(text: str, places: scan.CharIndex | None) -> list[re.Match]:
    """Counts by a measure word of ``statements.count_measures`` ('5场次', '4次', '3项'), not an
    ordinal ('第3次')."""
    starts = []
    for at in scan.places_of(text, _MEASURE_FIRSTS, places):
        start = at
        while start and (text[start - 1] in _COUNT_NUMERALS or text[start - 1].isdecimal()):
            start -= 1
        if start < at and text[start - 1 : start] != "第":
            starts.append(start)
    return scan.matches_at(_MEASURED_COUNT, text, sorted(set(starts)))


def _measured_count_lists(report: ParsedReport, taken: list[CountList]) -> list[CountList]:
    """'宣传推介活动5场次，分别为A、B、C、D' / '举办4场活动：A、B、C' / '督查3次(A、B、C)': a count by
    another measure word than 个/家/所, read only where 分别为/即/a colon or a bracket right after
    it (or after its noun) opens a list of plain names — words, no figure, no 等."""
    text = report.text
    found: list[CountList] = []
    for match in _measured_matches(text, report.places):
        count = _count_value(text, match)
        if not count or count < 2:
            continue
        if any(c.count_start <= match.start() < max(c.count_end, c.list_end) for c in taken):
            continue
        paragraph = report.paragraph_at(match.start())
        if paragraph is None:
            continue
        noun = _NOUN_AFTER.match(text, match.end())
        after = match.end()
        if not _INTRO.match(text, after) and text[after : after + 1] != "(" and noun is not None:
            if any(verb in noun.group() for verb in _SCOPE_VERBS):
                continue  # '三批项目涉及临城镇(A村、B村)': the bracket names the places of a scope
            after = noun.end()
        if text[after : after + 1] == "(":
            aside = _aside_after(text, after, paragraph.end)
            if aside is None:
                continue
            list_start, list_end, complete, bracketed = aside[0] + 1, aside[1], True, True
        else:
            intro = _INTRO.match(text, after)
            if intro is None:
                continue
            list_start = intro.end()
            list_end, complete = _list_end(text, list_start, paragraph.end, report)
            bracketed = False
        items = _items(text, list_start, list_end)
        if (
            len(items) < 2
            or not all(_MEASURED_NAME.fullmatch(item) for item in items)
            or items[0].startswith(_OPEN_LIST_HEADS)
            or items[-1].endswith("等")
        ):
            continue
        measure = text[match.start("n") + len(match.group("n")) : match.end()]
        found.append(
            CountList(
                count, match.start(), after, tuple(items), list_start, list_end, complete, bracketed, measure
            )
        )
    return found


def _aside_after(text: str, position: int, limit: int) -> tuple[int, int] | None:
    """A bracket that opens right after the counted noun and closes within the paragraph, with no
    bracket inside: (where it opens, where it closes), else None."""
    if text[position : position + 1] != "(":
        return None
    close = text.find(")", position + 1, min(limit, position + 160))
    if close < 0 or "(" in text[position + 1 : close]:
        return None
    return position, close


# a name in a bracketed list: words only, no figure; a list opened by 如/包括/其中 (some of the
# names, or a breakdown) or closed by 等 is no list of all of them
_LISTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,30}")
_OPEN_LIST_HEADS = ("如", "例如", "比如", "包括", "其中", "含", "主要", "重点")


_ACTOR_WORDS = re.compile(r"对|向|给|会同|联合|组织|牵头")
_JOINED = re.compile(r"[和及与]")
_HEADING_MARK = re.compile(r"\s*[一二三四五六七八九十]{1,3}、")
# the verb of a clause whose subject is itself a list ('党委、政府设…'): 设 alone only where it is
# no part of a word (建设, 设计, 设施, 设备 …)
_CLAUSE_VERB = re.compile(
    # ('2023年我县在A、B、C 3个镇实施': the names after 在, past the year)
    r"(?:下设|内设|设有|共设|下辖|包括|(?<![建假摆陈增开预架敷铺创新装])设(?![计施备想法定立置有])|(?<![存现实所])在)"
    r"(?=[\u4e00-\u9fff]{2,}、)"
)


def _listed_by_an_earlier_count(text: str, low: int, position: int, listed: int, count: int) -> bool:
    """Another count earlier in the sentence is the number of names listed, this one is not."""
    if listed == count:
        return False
    sentence_start = max(text.rfind("。", low, position) + 1, low)
    for earlier in _COUNT.finditer(text, sentence_start, position):
        if _count_value(text, earlier) == listed:
            return True
    return False


_CLAUSE_MARKS = re.compile(f"[{re.escape(_OPENERS + _CLOSERS)},。;:]")


def _clause_start(text: str, lo: int, hi: int) -> int:
    """Where the clause that ends at ``hi`` starts: after the last ',。;:' or unclosed opening
    bracket before it. A bracket closed before ``hi`` is a name's aside (“水土保持处(水土保持委员会
    办公室)、农村水利水电处…共25个”), not the clause's start."""
    # the marks of the last 40 characters, found by the regex engine and read backwards; on back
    # from there, one character at a time (most clauses start within the 40)
    window = max(lo, hi - 40)
    marks = reversed([mark.start() for mark in _CLAUSE_MARKS.finditer(text, window, hi)])
    depth = 0
    for position in chain(marks, range(window - 1, lo - 1, -1)):
        ch = text[position]
        if ch in _CLOSERS:
            depth += 1
        elif ch in _OPENERS:
            if depth == 0 and ch == "(":
                return position + 1
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in ",。;:":
            return position + 1
    return lo


def _list_end(text: str, start: int, limit: int, report: ParsedReport) -> tuple[int, bool]:
    depth = 0
    for mark in _marks(",。;").finditer(text, start, limit):
        ch = mark.group()
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0 and not _thousands(text, mark.start()):
            return mark.start(), True
    is_last = limit >= len(text.rstrip())
    return limit, not (is_last and report.truncated)


_SUM_OPENERS = (
    "合计",
    "共计",
    "总计",
    "累计",
    "以上合计",
    "以上共计",
    "上述合计",
    "上述共计",
    "总共",
    "一共",
)


def _figured_clauses(text: str, start: int, end: int) -> list[str]:
    """The names of a list whose members are clauses parted by ',' or ';', each naming its figure ('A项目
    预算150,000.00元，B项目预算130,000.00元'): the words before each figure; [] when a clause holds none."""
    names = []
    for a, b in _depth_zero_splits(text, start, end, ";,"):
        clause = text[a:b].strip()
        figure = _DIGIT.search(clause)
        if names and clause.startswith(_SUM_OPENERS):
            break  # '…,三是宣传活动4.20万元,合计25.00万元': the members' sum, after them
        if not clause or figure is None or figure.start() == 0:
            return []
        names.append(clause[: figure.start()])
    return names


def _items(text: str, start: int, end: int) -> list[str]:
    return [text[a:b].strip() for a, b in _depth_zero_splits(text, start, end, "、") if text[a:b].strip()]
