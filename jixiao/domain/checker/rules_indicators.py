"""An indicator's actual value in the self-evaluation form against the prose's figure of the same
indicator.

``indicator.prose_conflict``: the form's row '| 低产茶园改造面积 | 3万亩 | 3.5万亩 |' (target, actual)
and the prose's '全年完成低产茶园改造3.2万亩' state one output twice with two values. The rows are
those of a form with a target column and an actual column (年度指标值 / 实际完成值 …), read from its
``|`` lines or from the tables the table reader made of it (one cell a line). The indicator's name,
without a unit in brackets and a noun that only restates the unit (面积, 人数, 数量 …), must keep four
characters at least, stand in the label of the prose figure (the words before it in its clause) and
name no other row. The prose figure must be of the same unit and not a plan, a target, a previous
year's figure or an approximate one; every such figure of the indicator states one value, which is
neither the row's actual value nor its target (within the rounding of the printed figures). A warning:
which of the two is right is not known. Money rows are the business of ``table.row_conflict``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import WARNING, Finding
from jixiao.domain.checker.rules import last_mark
from jixiao.domain.checker.rules_measures import in_base
from jixiao.domain.checker.vocabulary import words

_UNITS = "|".join(sorted(map(re.escape, words("rules_indicators.units")), key=len, reverse=True))
_NUMBER = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = rf"(?P<u>%|(?P<wan>万)?(?:{_UNITS}))"
# a cell's value: '3.5万亩', '840人', '99.2%', '6.82' (its unit then in the indicator's name or column)
_CELL = re.compile(rf"^\s*{_NUMBER}\s*{_UNIT}?\s*$")
_TARGET_CELL = re.compile(rf"^\s*(?P<op>[^\d\s]{{0,4}}?)\s*{_NUMBER}\s*{_UNIT}?\s*$")
_PROSE = re.compile(rf"(?<![\d.,，])(?<!第){_NUMBER}{_UNIT}")
_BRACKETED_UNIT = re.compile(rf"[(（]{_UNIT}[)）]")
_UNIT_ALONE = re.compile(rf"^{_UNIT}$")
_CELL_PREFIX = re.compile(rf"{_NUMBER}\s*{_UNIT}")  # the value at the head of '287户，未达到…'

_NAME_TAIL = re.compile("(?:" + "|".join(map(re.escape, words("rules_indicators.name_tails"))) + ")+$")
_TARGET_NAMES = frozenset((*words("rules_forms.target_columns"), *words("rules_indicators.target_columns")))
_ACTUAL_NAMES = frozenset((*words("rules_forms.actual_columns"), *words("rules_indicators.actual_columns")))
_UNIT_NAMES = frozenset(("度量单位", "计量单位", "单位"))
_COLUMN_MARK = re.compile(r"[(（][A-Z][)）]$")  # '年初目标值(A)', '实际完成值(B)'
_SPACES = re.compile(r"\s+")
_NOT_DONE = words("rules_indicators.not_done_words")
_APPROX_BEFORE = ("约", "近", "超过", "逾", "不足", "达到近")
_APPROX_AFTER = ("余", "多", "以上", "以内", "左右", "以下")
_CLAUSE_END = ",，。;；:：、\n|"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_AFTER_CORE = re.compile(
    "(?:"
    + "|".join(
        map(re.escape, (*words("rules_indicators.name_tails"), "为", "达到", "达", "共计", "共", "是", "有"))
    )
    + ")*"
)


class _Row(NamedTuple):
    core: str  # the indicator's name without its unit and unit-restating noun
    name: str
    actual: Decimal  # in the unit's base ('3.5万亩' is 35000 亩)
    actual_text: str
    target: Decimal | None
    unit: str  # without 万
    half: Decimal
    start: int
    end: int


def _norm(text: str) -> str:
    return text.replace(" ", "").replace("（", "(").replace("）", ")").replace("\u3000", "")


def _column_name(text: str) -> str:
    return _COLUMN_MARK.sub("", _norm(text))


def _columns(cells: list[str]) -> tuple[int, int, int | None] | None:
    """Where a header's target, actual and unit columns stand, when it has the first two."""
    names = [_column_name(cell) for cell in cells]
    target = next((i for i, name in enumerate(names) if name in _TARGET_NAMES), None)
    actual = next((i for i, name in enumerate(names) if name in _ACTUAL_NAMES), None)
    if target is None or actual is None or actual <= target:
        return None
    unit = next((i for i, name in enumerate(names) if name in _UNIT_NAMES), None)
    return target, actual, unit


def _base_unit(match: re.Match | None) -> str | None:
    if match is None or not match.group("u"):
        return None
    unit = match.group("u")
    return unit[1:] if match.group("wan") else unit


def _core(name: str) -> tuple[str, re.Match | None]:
    """'新增（恢复）灌溉面积（万亩）' → ('新增(恢复)灌溉', the bracketed unit)."""
    name = _norm(name)
    unit = _BRACKETED_UNIT.search(name)
    if unit is not None:
        name = name[: unit.start()] + name[unit.end() :]
    return _NAME_TAIL.sub("", name), unit


def _row(
    name: str, target: str, actual: str, start: int, end: int, column: str = "", unit_cell: str = ""
) -> _Row | None:
    name = _NAME_HEAD.sub("", _norm(name))
    if not _names_an_indicator(name) or any(word in name for word in _MONEY_WORDS):
        return None  # a category (产出指标), or a row of money (其中:财政资金)
    core, named_unit = _core(name)
    if len(_CJK.findall(core)) < 4:
        return None
    done = _CELL.match(_norm(actual))
    if done is None:
        return None
    wanted = _TARGET_CELL.match(_norm(target)) if target else None
    # the unit: the actual cell's own, the name's or the column's in brackets, or a unit column's cell
    elsewhere = named_unit or _BRACKETED_UNIT.search(_norm(column)) or _UNIT_ALONE.match(_norm(unit_cell))
    scaled = done if done.group("u") else elsewhere
    unit = _base_unit(done) or _base_unit(elsewhere)
    if unit is None:
        return None
    wan = scaled is not None and bool(scaled.group("wan"))
    value, half = in_base(done.group("n"), wan)
    target_value = None
    if wanted is not None and _base_unit(wanted) in (None, unit):
        target_value = in_base(
            wanted.group("n"), bool(wanted.group("wan")) or (not wanted.group("u") and wan)
        )[0]
    # the actual value as printed, with its unit when the cell has none ('1.52' → '1.52万亩')
    shown = actual.strip() + ("" if done.group("u") or scaled is None else scaled.group("u"))
    return _Row(
        core,
        name.strip(),
        value,
        shown,
        target_value,
        unit,
        half,
        start,
        end,
    )


def _pipe_rows(context: CheckContext) -> list[_Row]:
    """The rows of every '|' form with a target and an actual column; a row shorter than the header
    lost its merged cells at the start (产出指标, 数量指标) and is read from the right."""
    rows = []
    header: list[str] | None = None
    columns: tuple[int, int, int | None] = (0, 0, None)
    for paragraph in context.report.paragraphs:
        text = paragraph.text
        if text.count("|") < 2:
            header = None
            continue
        inner = text.strip()
        lead = len(text) - len(text.lstrip())
        if inner.startswith("|"):
            inner, lead = inner[1:], lead + 1
        pieces = inner.rstrip("|").split("|")
        cells = [_norm(piece) for piece in pieces]
        found_columns = _columns(cells)
        if found_columns is not None:
            header, columns = cells, found_columns
            continue
        while cells and not cells[-1] and header is not None and len(cells) > len(header):
            cells.pop()
        if header is None or len(cells) > len(header):
            continue
        shift = len(header) - len(cells)
        target_at, actual_at = columns[0] - shift, columns[1] - shift
        unit_at = columns[2] - shift if columns[2] is not None else None
        if min(target_at, actual_at) < 1:
            continue
        names = [cell for cell in cells[:target_at] if _names_an_indicator(cell)]
        if not names:
            continue
        offsets, at = [], paragraph.start + lead
        for piece in pieces:
            offsets.append(at)
            at += len(piece) + 1
        start = offsets[actual_at] + len(pieces[actual_at]) - len(pieces[actual_at].lstrip())
        found = _row(
            names[-1],
            cells[target_at],
            pieces[actual_at],
            start,
            start + len(pieces[actual_at].strip()),
            header[actual_at + shift],
            cells[unit_at] if unit_at is not None and unit_at >= 0 else "",
        )
        if found is not None:
            rows.append(found)
    return rows


def _names_an_indicator(cell: str) -> bool:
    """A cell that may be an indicator's name: no figure in it, two Chinese characters at least, not a
    word of the 指标性质 column (定量, 正向 …) nor a category (产出指标)."""
    return (
        len(_CJK.findall(cell)) >= 2
        and not _DIGIT.search(cell)
        and cell not in _NATURES
        and not cell.endswith("指标")  # a category: 产出指标, 数量指标
    )


_DIGIT = re.compile(r"\d")
# the category and the number an indicator's name may carry before it ('数量指标 指标1:', '三、')
_NAME_HEAD = re.compile(
    r"^(?:(?:[\u4e00-\u9fff]{0,6}指标(?:\(\d+分\))?)(?=.)|指标\d+[:：.、]?|[一二三四五六七八九十]+、|\d+[.、])+"
)
_MONEY_WORDS = ("资金", "经费", "预算", "其中")
_NATURES = frozenset(("定量", "定性", "正向", "反向", "正向指标", "反向指标", "共性指标", "个性指标"))
_TOKEN = re.compile(r"\S+")
# every actual column's name holds one of these (a look-up of three words, before any line is read)
_ACTUAL_STEMS = ("完成值", "实际值", "实际完成")
assert all(any(stem in name for stem in _ACTUAL_STEMS) for name in _ACTUAL_NAMES)
_ACTUAL_WORD = re.compile("|".join(map(re.escape, sorted(_ACTUAL_NAMES, key=len, reverse=True))))
_PROSE_LINE = 60  # a line this long with fewer than three cells is prose: the spaced form has ended


def _spaced_rows(context: CheckContext) -> list[_Row]:
    """The rows of a form whose cells are parted by spaces ('三级指标 年度指标值 实际完成值 分值 得分'
    over '数量指标 基建工程委托业务项目数量 ≥50个 50 8 8'): in each row, the first cell that reads as a
    target followed by one that reads as an actual value, the indicator's name right before them."""
    rows = []
    on = False
    for paragraph in context.report.paragraphs:
        text = paragraph.text
        if "|" in text:
            on = False
            continue
        if not on and not _ACTUAL_WORD.search(text):
            continue  # (a header names an actual column: most lines are read no further)
        tokens = [(m.group(), paragraph.start + m.start()) for m in _TOKEN.finditer(text)]
        if _columns([token for token, _ in tokens]) is not None:
            on = True
            continue
        if not on:
            continue
        if len(tokens) < 3:
            if len(text) > _PROSE_LINE:
                on = False
            continue
        for index in range(1, len(tokens) - 1):
            (target, _), (actual, at) = tokens[index], tokens[index + 1]
            if _TARGET_CELL.match(target) and _CELL.match(actual):
                name = tokens[index - 1][0]
                if _names_an_indicator(name):
                    found = _row(name, target, actual, at, at + len(actual))
                    if found is not None:
                        rows.append(found)
                break
    return rows


# an indicator told in a sentence of its own: '农村危房改造：年度目标300户，实际完成287户', '1. 截污管网建设：
# 年度目标12公里，实际完成13.2公里'
_LINE_ROW = re.compile(
    r"(?P<name>[\u4e00-\u9fff()（）]{4,20})[:：]\s*(?:年度|全年)?(?:目标|指标值|计划)值?(?:为)?\s*"
    rf"(?P<target>{_NUMBER}\s*{_UNIT})[,，]\s*实际(?:完成|开工|建成)?(?:值)?(?:为)?\s*(?P<actual>\d[\d,.]*\s*%?[\u4e00-\u9fff]{{0,3}})"
)


def _line_rows(context: CheckContext) -> list[_Row]:
    text = context.report.text
    rows = []
    at = text.find("实际")
    while at >= 0:
        sentence = last_mark(text, "。\n;；", 0, at) + 1
        match = _LINE_ROW.search(text, sentence, min(len(text), at + 24))
        if match is not None:
            actual = _CELL_PREFIX.match(match.group("actual"))
            if actual is not None:
                found = _row(
                    match.group("name"), match.group("target"), actual.group(), match.start("actual"),
                    match.start("actual") + len(actual.group()),
                )  # fmt: skip
                if found is not None:
                    rows.append(found)
        at = text.find("实际", at + 2)
    return rows


def _table_rows(context: CheckContext) -> list[_Row]:
    """The rows of the forms the table reader made (one cell a line) with a target and an actual column."""
    rows = []
    for table in context.tables:
        columns = [_norm(name) for name in table.columns]
        target_at = next((i for i, name in enumerate(columns) if name in _TARGET_NAMES), None)
        actual_at = next((i for i, name in enumerate(columns) if name in _ACTUAL_NAMES), None)
        if target_at is None or actual_at is None:
            continue
        for row in table.rows:
            target, actual = row.cell(target_at), row.cell(actual_at)
            if actual is None or not row.label:
                continue
            found = _row(
                row.label,
                target.text if target is not None else "",
                actual.text,
                actual.start,
                actual.end,
                table.columns[actual_at],
            )
            if found is not None:
                rows.append(found)
    return rows


class _Stated(NamedTuple):
    label: str
    value: Decimal
    half: Decimal
    unit: str
    printed: str
    start: int
    end: int


def _prose_figures(context: CheckContext, spans: list[tuple[int, int]]) -> list[_Stated]:
    """Numbers with a unit outside the forms, with the words before them in their clause; plans,
    targets, previous years' and approximate figures left out."""
    text = context.report.text
    found = []
    for match in _PROSE.finditer(text):
        start = match.start()
        if any(low <= start < high for low, high in spans):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if text.count("|", line_start, start) >= 1:
            continue  # a cell of a '|' row
        clause = last_mark(text, _CLAUSE_END, 0, start) + 1
        label = _norm(text[max(clause, start - 40) : start])
        if not label or any(word in label for word in _NOT_DONE):
            continue
        if label.endswith(_APPROX_BEFORE) or text.startswith(_APPROX_AFTER, match.end()):
            continue
        value, half = in_base(match.group("n"), bool(match.group("wan")))
        found.append(_Stated(label, value, half, _base_unit(match) or "", match.group(), start, match.end()))
    return found


def _ends_with(label: str, core: str) -> bool:
    """The prose figure's label ends with the indicator's name, or with it and words that only restate
    the unit or link it to its figure ('…灌溉面积', '…改造面积达到'); not '年供餐天数因停课少' (a difference)."""
    at = label.rfind(core)
    return at >= 0 and _AFTER_CORE.fullmatch(label, at + len(core)) is not None


@rule("indicator.prose_conflict", "自评表中某一指标的实际完成值与正文所写同一指标的数不一致")
def check_indicators_against_prose(context: CheckContext) -> list[Finding]:
    text = context.report.text
    if not any(word in text for word in _ACTUAL_STEMS):
        return []  # no form names an actual column
    rows = {
        (row.core, row.actual, row.unit): row
        for row in (*_pipe_rows(context), *_spaced_rows(context), *_table_rows(context), *_line_rows(context))
    }
    if not rows:
        return []
    cores: dict[str, int] = {}
    for row in rows.values():
        cores[row.core] = cores.get(row.core, 0) + 1
    spans = [(table.start, table.end) for table in context.tables]
    stated = _prose_figures(context, spans)
    findings = []
    for row in rows.values():
        if cores[row.core] > 1 or any(
            other.core != row.core and row.core in other.core for other in rows.values()
        ):
            continue  # a name that two rows share (or that another row's name holds) names neither
        same = [s for s in stated if s.unit == row.unit and _ends_with(s.label, row.core)]
        if row.target is not None:
            # '绩效目标：新建和改造灌排渠道65公里' beside the form's target 65: the prose restates the target
            same = [s for s in same if abs(s.value - row.target) > s.half + row.half]
        if not same:
            continue
        first = same[0]
        if any(abs(s.value - first.value) > s.half + first.half for s in same):
            continue  # the prose itself gives several values (of several places or stages)
        if abs(first.value - row.actual) <= first.half + row.half:
            continue
        findings.append(
            context.finding(
                "indicator.prose_conflict",
                WARNING,
                f"指标“{row.name}”的实际完成值为{row.actual_text}（{context.report.section_at(row.start)}），"
                f"另一处写“{first.label}{first.printed}”（{context.report.section_at(first.start)}），同一指标前后两个值",
                first.start,
                first.end,
                expected=row.actual_text,
                found=first.printed,
            )
        )
    return findings


RULES = (check_indicators_against_prose,)
