"""The figure table: every amount of a document, built once, with what it measures.

Amounts (元/万元/亿元, in sentences, lists and table cells) are the figures whose identities the
rules check (收入 = 支出 + 结余, totals, one quantity stated twice); counts and percentages stay
plain quantities (``parse.Quantity``) read by the rules that use them. Table cells of every kind
(rates, weights, scores) are included, so a form's row can be read through the same table.

Each :class:`Fig` carries

* its **subject** — what it is about (基本支出, 案件审判, 中央资金, or "" for the whole body),
* its **role** — the stage of the money it states (年初预算 / 调整后 / 预算 / 下达 / 到位 / 决算 /
  执行 / 结余 / 收入 / 得分 / 权重, or "" when the text does not say),
* its unit, its rounding envelope, its year, and where it stands: a sentence, a list item, or a
  table row and column (``row``/``column``), with the figure it is a part of (``parent``).

Roles and subjects come from the words of the label (``jixiao/data/checker/roles.yaml``). A part
listed after 其中 or in brackets that names no role of its own takes its total's role; in
"A、B分别为X、Y" X belongs to A and Y to B; "A 6万元，年末结算支出6万元" — the second figure is
still about A. Rules compare figures through this table instead of re-reading sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.checker.config import CheckerData, any_word
from jixiao.domain.checker.parse import MONEY_UNITS, ParsedReport, Quantity
from jixiao.domain.checker.statements import Parts
from jixiao.domain.checker.tables import Table
from jixiao.domain.checker.vocabulary import words

_PUNCT = re.compile(r"[\s,;:、()“”\"'《》〔〕【】\[\]|.]+")


class Fig(NamedTuple):
    kind: str  # money | percent | count | points
    value: Decimal  # in the printed unit
    unit: str
    base: Decimal  # 元 for money, the value itself otherwise
    half: Decimal  # rounding envelope of the printed figure, in base units
    label: str
    subject: str
    role: str
    year: str
    place: str  # sentence | list | table
    start: int
    end: int
    paragraph: int
    quantity: Quantity | None = None
    parent: int | None = None  # index in FigureTable.figs of the total this is a part of
    approx: bool = False
    change: bool = False  # a year-on-year change or a previous-year figure
    per_unit: bool = False  # 每亩197元, 人均…
    row: str = ""  # table row label
    column: str = ""  # table column name
    own_role: str = ""  # the role the label itself names ("" when inherited or unknown)

    @property
    def raw_label(self) -> str:
        """The label as printed before the figure (the quantity's), or the cleaned one of a figure
        read from a table cell."""
        return self.quantity.raw_label if self.quantity is not None else self.label


@dataclass(slots=True)
class FigureTable:
    figs: list[Fig] = field(default_factory=list)
    by_quantity: dict[int, int] = field(default_factory=dict)  # quantity.start → index
    # id(group) → (the group, the sum of its parts' base values, the sum of their rounding
    # envelopes), for each list of money parts: worked out here, read again by parts.sum
    part_sums: dict[int, tuple[Parts, Decimal, Decimal]] = field(default_factory=dict)

    def of(self, quantity: Quantity) -> Fig | None:
        index = self.by_quantity.get(quantity.start)
        return self.figs[index] if index is not None else None

    def prose(self) -> list[Fig]:
        return [f for f in self.figs if f.place != "table"]


class _RoleWords:
    """The role and subject word lists of the data, compiled once."""

    def __init__(self, data: CheckerData) -> None:
        self.subjects = any_word(data.subject_terms)
        self.priority = {}
        for rank, (name, names) in enumerate(data.roles):
            for word in names:
                self.priority.setdefault(word, (rank, name))
        self.any_role = any_word(tuple(self.priority))
        self.fillers = any_word(data.fillers)
        # leading time phrases, one after another ('截至年底', '日' of '截至12月31日'); trailing '…以来'
        times = "|".join(f"(?:{phrase})" for phrase in data.time_phrases) or "(?!)"
        self.times = re.compile(rf"^(?:{times})+|(?:{times})$")
        self.per_unit = any_word(tuple(data.identities.get("per_unit") or ()))
        # the names of a report's parts (收支情况, 存在问题 …): a heading run into the sentence after
        # it ('。四、存在问题调整后预算数1,486.25万元') leaves its name at the head of the label
        titles = {
            synonym
            for report_type in data.report_types.values()
            for section in report_type.required
            for synonym in section.synonyms
            if len(synonym) >= 4
        }
        self.section_titles = tuple(sorted(titles, key=len, reverse=True))


def _role_words(data: CheckerData) -> _RoleWords:
    return data.once(_RoleWords)


def _MASK(match: re.Match) -> str:
    return "\x00"


# '雨露计划支出178.35万元', '营养改善计划执行…': 计划 closing a programme's name is no plan; '全年计划支出',
# '项目计划支出' are plans
_NAMED_PLAN = re.compile(
    r"(?<![全年度本当初目定照按])(?<=[\u4e00-\u9fff]{2})计划(?=支出|执行|使用|拨付|发放|资金支出)"
)


def _MASK_PLAN(match: re.Match) -> str:
    return ""  # the subject is the name without it, as when 计划 was read as the role


def role_and_subject(label: str, data: CheckerData, words: _RoleWords | None = None) -> tuple[str, str]:
    """'基本支出年初预算' → ('年初预算', '基本支出'); '年末结算支出' → ('执行', ''); '一般公共预算' → ('', '一般公共预算').

    The role is the first role of roles.yaml (in its order) one of whose words the label holds,
    once the subject terms (基本支出, 一般公共预算 …) are masked."""
    words = words or _role_words(data)
    if "计划" in label:
        label = _NAMED_PLAN.sub(_MASK_PLAN, label)  # '雨露计划支出': a programme's name, then its spending
    kept = words.subjects.findall(label) if label else []
    masked = words.subjects.sub("\x00", label) if kept else label  # (as _MASK does)
    found = words.any_role.findall(masked)
    role = min(map(words.priority.__getitem__, found))[1] if found else ""
    rest = masked.replace("\x00", "") if kept else masked
    if found:
        rest = words.any_role.sub("", rest)  # '年末结算支出': neither 支出 nor 结算 is the subject
    if rest:
        rest = _PUNCT.sub("", words.fillers.sub("", rest))
        if rest:
            rest = words.times.sub("", rest)  # '截至年底' of '截至年底实际支出' is when, not what
    return role, "".join(kept) + rest


def is_per_unit(quantity: Quantity, data: CheckerData) -> bool:
    """'每亩197元', '人均…': a price per unit, never an item of a sum."""
    return _role_words(data).per_unit.search(quantity.raw_label) is not None


def subject_key(subject: str, data: CheckerData) -> str:
    """Subjects compared loosely: '地方资金' and '地方' are one subject ('中央专项资金' is '中央专项',
    not '中央': a fund named as special is a part of the money, not all of it)."""
    for filler in ("资金", "经费"):
        if subject.endswith(filler) and len(subject) > len(filler):
            subject = subject[: -len(filler)]
    return subject


_BRACKET_OPEN = "(（"
_RESPECTIVELY = re.compile(r"分别(?:为|是|实现|完成|支出|达到|占)?")


def build_figure_table(
    report: ParsedReport, data: CheckerData, parts: list[Parts], tables: list[Table]
) -> FigureTable:
    table = FigureTable()
    text = report.text
    words = _role_words(data)
    per_unit = words.per_unit
    decimals = report.report_decimals
    paragraph_starts = report._paragraph_starts
    new = tuple.__new__
    read: dict[str, tuple[str, str]] = {}  # label → (role, subject)
    # the rounding envelope of an amount depends only on its printed decimals and its unit (the
    # report's decimals are per unit): worked out once for each pair
    halves: dict[tuple[int, str], Decimal] = {}
    for quantity in report.quantities:
        if quantity.kind != "money":
            continue
        half = halves.get((quantity.decimals, quantity.unit))
        if half is None:
            half = halves[quantity.decimals, quantity.unit] = quantity.half_unit(
                decimals.get(quantity.unit, 0)
            )
        label = quantity.raw_label.strip()
        shown = quantity.label
        label_start = quantity.start - len(quantity.raw_label)
        if label[:1] in _BRACKET_OPEN or text[label_start - 1 : label_start] == "、":
            own = _without_heading(label, text, label_start, words)
            if own != label:
                heading = label[: len(label) - len(own)]
                for head in (heading, heading.lstrip("(（")):
                    if shown.startswith(head):
                        shown = shown[len(head) :]
                        break
                label = own
        known = read.get(label)  # a label met before in this text ('比上年增加') is read once
        if known is None:
            known = read[label] = role_and_subject(label, data, words)
        own_role, subject = known
        # '项目支出2604.1万元' names no stage: a spending category on its own is what was spent,
        # unless a total it belongs to says otherwise (its parts take the total's role below)
        role = own_role or ("执行" if subject.endswith(("支出", "经费", "费")) else "")
        table.by_quantity[quantity.start] = len(table.figs)
        table.figs.append(
            new(  # Fig(...) with every field, without the Python-level __new__ of a NamedTuple
                Fig,
                (
                    quantity.kind,
                    quantity.value,
                    quantity.unit,
                    quantity.base_value,
                    half,
                    shown,
                    subject,
                    role,
                    quantity.year,
                    "sentence",
                    quantity.start,
                    quantity.end,
                    bisect_right(paragraph_starts, quantity.start) - 1,
                    quantity,
                    None,
                    quantity.approx,
                    quantity.role != "level",
                    per_unit.search(quantity.raw_label) is not None,
                    "",
                    "",
                    own_role,
                ),
            )
        )
    _continue_roles(table, text)
    _link_parts(table, parts, report)
    _link_brackets(table, text)
    _link_respectively(table, text, data)
    _inherit_subjects(table, text)
    _add_table_cells(table, tables, report)
    return table


_HEADING_IN_LABEL = re.compile(r"[(（][一二三四五六七八九十\d]{1,3}[)）]")
_HEADING_BEFORE = re.compile(r"(?:^|[。\n])\s*[一二三四五六七八九十]{1,3}、$")


def _without_heading(label: str, text: str, start: int, words: _RoleWords) -> str:
    """A label that opens with a heading run into its sentence ('(二)收支情况上年结转', or after
    '。四、': '存在问题调整后预算数'), without the heading's number and name when the name is one of
    a report's parts: what follows is the figure's own label."""
    opened = _HEADING_IN_LABEL.match(label)
    if opened is not None:
        rest = label[opened.end() :]
    elif _HEADING_BEFORE.search(text, max(0, start - 6), start):
        rest = label
    else:
        return label
    title = next((t for t in words.section_titles if rest.startswith(t)), None)
    return rest[len(title) :] if title is not None and len(rest) > len(title) else label


def _continue_roles(table: FigureTable, text: str) -> None:
    """'预算分为检验费48万元、培训费15万元': an item joined by 、 to the figure before it, naming no
    stage of its own, is of that figure's stage (a budget, not what was spent)."""
    figs = table.figs
    for index in range(1, len(figs)):
        fig, previous = figs[index], figs[index - 1]
        if fig.own_role or not previous.own_role or fig.quantity is None:
            continue
        if text[previous.end : fig.start - len(fig.quantity.raw_label)] == "、":
            figs[index] = _replaced(fig, role=previous.role)


def _link_parts(table: FigureTable, parts: list[Parts], report: ParsedReport) -> None:
    """Parts listed after 其中 point to their total and take its role when they name none."""
    figs, by_quantity = table.figs, table.by_quantity
    for group in parts:
        if group.parts[0].kind != "money":
            continue
        total = _chosen_total(group, report, table)
        total_index = by_quantity.get(total.start)
        if total_index is None:
            continue
        parent = figs[total_index]
        indices = [by_quantity.get(part.start) for part in group.parts]
        # '全年支出100万元，其中基本支出60万元，项目支出40万元，结转结余10万元' (= the budget of 110):
        # a list that holds a balance mixes stages, and its parts keep their own
        mixed = any(index is not None and figs[index].own_role == "结余" for index in indices)
        for part, index in zip(group.parts, indices, strict=True):
            if index is None or index == total_index:
                continue
            fig = figs[index]
            if fig.parent is not None and figs[fig.parent].start > parent.start:
                continue  # already a part of a nearer total
            if group.marker == "用于" and part.base_value > total.base_value:
                continue  # '追加预算12万元，用于…，调整后预算112万元': a whole again, no use of the 12
            figs[index] = _replaced(
                fig,
                parent=total_index,
                place="list",
                role=fig.own_role or (fig.role if mixed else parent.role),
                year=fig.year or parent.year,
            )


_FIELDS = {name: index for index, name in enumerate(Fig._fields)}


def _replaced(fig: Fig, **changes) -> Fig:
    """``fig._replace(**changes)`` without NamedTuple's Python-level _make (a figure is replaced
    several times as the table is built)."""
    values = list(fig)
    for name, value in changes.items():
        values[_FIELDS[name]] = value
    return tuple.__new__(Fig, values)


def _base_and_half(quantity: Quantity, report: ParsedReport, table: FigureTable) -> tuple[Decimal, Decimal]:
    """(quantity.base_value, report.half_unit(quantity)), as its figure holds them already."""
    index = table.by_quantity.get(quantity.start)
    if index is not None:
        fig = table.figs[index]
        if fig.quantity is quantity:
            return fig.base, fig.half
    return quantity.base_value, report.half_unit(quantity)


TOTAL_WINDOW = 8  # how many of a list's candidate totals, nearest first, may be the one it adds up to


def within_rounding(difference: Decimal, envelope: Decimal) -> bool:
    """A sum that is off from its total by ``difference`` adds up within the rounding ``envelope`` of
    the printed figures (half the last printed digit of each part and of the total); exact when the
    envelope is 0 (whole counts)."""
    return difference == 0 or difference < envelope


def _chosen_total(group: Parts, report: ParsedReport, table: FigureTable) -> Quantity:
    """The total a list of amounts belongs to: the nearest candidate they add up to, as parts.sum
    reads it (the same window, the same rounding), else the nearest."""
    total_sum = envelope = Decimal(0)  # (summed in the order of sum(), one pass)
    for part in group.parts:
        base, half = _base_and_half(part, report, table)
        total_sum += base
        envelope += half
    table.part_sums[id(group)] = (group, total_sum, envelope)
    for candidate in group.candidates[:TOTAL_WINDOW]:
        base, half = _base_and_half(candidate, report, table)
        if within_rounding(abs(base - total_sum), envelope + half):
            return candidate
    return group.candidates[0]


def _link_brackets(table: FigureTable, text: str) -> None:
    """'年初预算批复14818万元(基本支出9896万元、项目支出4922万元)': the bracketed figures are
    parts of the figure right before the bracket."""
    figs = table.figs
    for index, fig in enumerate(figs):
        if fig.kind != "money" or fig.end >= len(text) or text[fig.end] not in _BRACKET_OPEN:
            continue
        close = text.find(")", fig.end, fig.end + 200)
        if close < 0:
            continue
        inner = [
            j
            for j in range(index + 1, len(figs))
            if figs[j].start < close and figs[j].kind == fig.kind and figs[j].parent is None
        ]
        if len(inner) < 2 or text.startswith(("含", "其中"), fig.end + 1):
            continue
        for j in inner:
            part = figs[j]
            figs[j] = _replaced(
                part, parent=index, place="list", role=part.own_role or fig.role, year=part.year or fig.year
            )


def _link_respectively(table: FigureTable, text: str, data: CheckerData) -> None:
    """'基本支出、项目支出分别实现支出10914.9万元、6226.47万元': X is 基本支出's, Y is 项目支出's."""
    figs = table.figs
    for match in _RESPECTIVELY.finditer(text):
        clause_start = max(text.rfind(ch, 0, match.start()) for ch in ",;。:\n") + 1
        names = [n for n in text[clause_start : match.start()].split("、") if n]
        if len(names) < 2:
            continue
        following = [
            j
            for j, f in enumerate(figs)
            if match.end() <= f.start < match.end() + 30 * len(names) and not f.change
        ]
        following = following[: len(names)]
        if len(following) != len(names):
            continue
        role, _ = role_and_subject(text[match.end() : figs[following[0]].start], data)
        for name, j in zip(names, following, strict=True):
            own_role, subject = role_and_subject(name.strip(), data)
            fig = figs[j]
            figs[j] = _replaced(fig, subject=subject, role=role or fig.role or own_role, label=name.strip())


_CHANGES = frozenset((*words("rules_compare.added"), *words("rules_compare.reduced")))
_NOT_SUBJECTS = (*_CHANGES, "结转", "结余", "下达", "安排")
_TIME_ONLY = frozenset(words("rules_figures.time_subjects"))


def _inherit_subjects(table: FigureTable, text: str) -> None:
    """'案件审判411.95万元,年末结算支出411.95万元': a figure whose label is only a role, right after
    another figure of the same clause group, is about that figure's subject."""
    figs = table.figs
    for index in range(1, len(figs)):
        fig = figs[index]
        if fig.subject or not fig.role or fig.place == "table":
            continue
        previous = figs[index - 1]
        between = text[previous.end : fig.start - len(fig.quantity.raw_label) if fig.quantity else fig.start]
        if (
            previous.subject
            and previous.kind == fig.kind
            and between in (",", "，")
            and previous.role != fig.role
            # '年中调减160万元，调整后预算…', '因故追加20万元，调整后预算…', '上年结转20万元，全年预算…':
            # a change, or money brought forward, is no subject of the total after it
            and not any(word in previous.subject for word in _NOT_SUBJECTS)
            and previous.subject not in _TIME_ONLY  # '9月下达72.50万元，全年预算…': a month is no subject
            # '年中追加公共卫生应急处置、县级医院能力提升等资金1205.48万元，调整后预算…': the items of
            # an addition listed with 、 (the label keeps only the last) are no subject of the total either
            and not _added_in_clause(text, previous)
        ):
            figs[index] = _replaced(fig, subject=previous.subject)


def _added_in_clause(text: str, fig: Fig) -> bool:
    """A change word (追加, 调减 …) stands in the clause before the figure's label."""
    label_start = fig.start - len(fig.quantity.raw_label) if fig.quantity else fig.start
    clause_start = max(text.rfind(mark, 0, label_start) for mark in ",，;；。\n") + 1
    clause = text[clause_start:label_start]
    return bool(clause) and any(word in clause for word in _CHANGES)


_COLUMN_ROLE = {
    "年初预算": "年初预算",
    "全年预算": "调整后",
    "执行数": "执行",
    "weight": "权重",
    "score": "得分",
}


def _add_table_cells(table: FigureTable, tables: list[Table], report: ParsedReport) -> None:
    for grid in tables:
        for row in grid.rows:
            for column, kind, cell in zip(grid.columns, grid.kinds, row.cells, strict=False):
                if cell is None or cell.value is None:
                    continue
                unit = cell.unit or ""
                if unit == "%" or kind == "rate":
                    fig_kind = "percent"
                elif kind in ("weight", "score"):
                    fig_kind = "points"
                else:
                    fig_kind = (
                        "money" if kind in _COLUMN_ROLE or kind == "year" or unit in MONEY_UNITS else "number"
                    )
                scale = MONEY_UNITS.get(unit, Decimal(1))
                table.figs.append(
                    Fig(
                        kind=fig_kind,
                        value=cell.value,
                        unit=unit,
                        base=cell.value * scale,
                        half=cell.half * scale,
                        label=row.label,
                        subject=row.label,
                        role=_COLUMN_ROLE.get(kind, ""),
                        year="",
                        place="table",
                        start=cell.start,
                        end=cell.end,
                        paragraph=report.paragraph_index(cell.start),
                        row=row.label,
                        column=column,
                    )
                )
