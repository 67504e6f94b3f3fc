"""The indicator part of a self-evaluation form read as a table: an indicator that missed its
target yet scored full points, and the points of the rows against the form's 总分 row.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.checker.base import ZERO, CheckContext, plain, rule, title_lines
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.parse import MONEY_UNITS
from jixiao.domain.checker.rules import has_word
from jixiao.domain.checker.tables import Table, TableCell, TableRow
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.money import round_half_up

# '≥500人次', '不低于90%', '≤5天', '=100%': a comparison and a number with its unit
_TARGET = re.compile(
    r"^(?P<op>≥|>=|≧|不低于|不少于|大于等于|≤|<=|≦|不高于|不超过|不多于|小于等于|>|大于|<|小于|=|＝|等于)?\s*"
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>%|[\u4e00-\u9fff]{0,3})$"
)
_ACTUAL = re.compile(r"^(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>%|[\u4e00-\u9fff]{0,3})$")
_AT_LEAST = words("rules_forms.at_least")
_AT_MOST = words("rules_forms.at_most")
_TARGET_COLUMNS = words("rules_forms.target_columns")
_ACTUAL_COLUMNS = words("rules_forms.actual_columns")
_TOTAL_ROWS = words("rules_forms.total_rows")
_FUND_ROWS = words("rules_forms.fund_rows")


INDICATOR_COLUMNS = ("三级指标", "指标名称", "绩效指标")


def _column(table: Table, names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in table.columns:
            return table.columns.index(name)
    return None


def _indicator_name(table: Table, row: TableRow, shift: int) -> str:
    """The row's indicator name (its 三级指标 cell), else its label; a row ``shift`` cells short of
    the header is read from the right."""
    at = _column(table, INDICATOR_COLUMNS)
    named = row.cell(at - shift) if at is not None and at >= shift else None
    return named.text if named is not None and named.text else row.label


def plain_target_and_actual(target: TableCell, actual: TableCell) -> tuple[Decimal, Decimal] | None:
    """The numbers of a plain target (a number and its unit, no ≥/≤: an amount to reach) and of
    the actual value in the same unit, else None."""
    wanted = _TARGET.match(target.text.replace(" ", "").replace(",", ""))
    done = _ACTUAL.match(actual.text.replace(" ", "").replace(",", ""))
    if not wanted or not done or wanted.group("op") or wanted.group("unit") != done.group("unit"):
        return None
    return Decimal(wanted.group("n")), Decimal(done.group("n"))


def _missed(op: str | None, target: Decimal, actual: Decimal) -> bool:
    if op in _AT_LEAST:
        return actual < target
    if op in _AT_MOST:
        return actual > target
    if op in (">", "大于"):
        return actual <= target
    if op in ("<", "小于"):
        return actual >= target
    if op in (None, "=", "＝", "等于"):
        return actual < target  # '500人次' as a plain target: fewer done is a miss, more is not
    return False


@rule("table.full_score_missed", "自评表中实际完成值没有达到年度指标值的指标却得了满分")
def check_full_score_on_missed_target(context: CheckContext) -> list[Finding]:
    findings = []
    for table in context.tables:
        weight, score = table.column("weight"), table.column("score")
        target, actual = _column(table, _TARGET_COLUMNS), _column(table, _ACTUAL_COLUMNS)
        if None in (weight, score, target, actual):
            continue
        for row in table.rows:
            shift = len(table.columns) - len(row.cells)
            if shift < 0 or (shift and min(weight, score, target, actual) < shift):
                continue
            # a row short of cells lost the merged level cells at its start (产出指标, 数量指标):
            # read from the right; the target, actual and points must then each look like one
            cells = [row.cell(i - shift) for i in (weight, score, target, actual)]
            if any(c is None for c in cells):
                continue
            weight_cell, score_cell, target_cell, actual_cell = cells
            if weight_cell.value is None or score_cell.value is None or weight_cell.value <= 0:
                continue
            if score_cell.value < weight_cell.value:
                continue
            wanted = _TARGET.match(target_cell.text.replace(" ", ""))
            done = _ACTUAL.match(actual_cell.text.replace(" ", ""))
            if not wanted or not done or wanted.group("unit") != done.group("unit"):
                continue
            if not _missed(wanted.group("op"), Decimal(wanted.group("n")), Decimal(done.group("n"))):
                continue
            name = _indicator_name(table, row, shift)
            findings.append(
                context.finding(
                    "table.full_score_missed",
                    WARNING,
                    f"“{name}”的实际完成值{actual_cell.text}没有达到年度指标值{target_cell.text}，"
                    f"却得了满分{plain(score_cell.value)}分（分值{plain(weight_cell.value)}分），请说明或扣分",
                    target_cell.start,
                    score_cell.end,
                    expected=f"低于{plain(weight_cell.value)}分",
                    found=f"{plain(score_cell.value)}分",
                )
            )
    return findings


# the note under an indicator table that says how a score is computed: '注：得分=权重×完成率',
# '注：数量指标、时效指标得分=分值×完成率' (then only the rows of those categories)
_SCORE_NOTE = re.compile(
    r"(?P<scope>[\u4e00-\u9fff、和及]{0,30}?)得分\s*[=＝]\s*(?:权重|分值)\s*[×*xX]\s*(?:指标)?完成率"
)
# the same rule worded by what it divides: '定量指标未达目标值的，按实际完成值占目标值的比例计算得分'
# (a row below its target scores its weight times actual ÷ target)
_RATIO_NOTE = re.compile(
    r"按(?:实际)?完成(?:值|数)?占(?:年度)?(?:目标值|指标值|计划数?)的?比例(?:计算|计)?得分"
)
_RATE_COLUMNS = ("完成率", "指标完成率")
_LEVEL_COLUMNS = ("二级指标", "一级指标")
_NOTE_REACH = 200  # the note stands within this many characters after the table


def _completion(row, table: Table, shift: int, rate_at: int | None) -> Decimal | None:
    """The row's completion rate in %: its 完成率 cell, or the actual over a plain target of one
    unit (no ≥/≤: a plain amount to reach)."""
    if rate_at is not None:
        cell = row.cell(rate_at - shift) if rate_at >= shift else None
        return cell.value if cell is not None and cell.value is not None and cell.unit == "%" else None
    target_at, actual_at = _column(table, _TARGET_COLUMNS), _column(table, _ACTUAL_COLUMNS)
    if target_at is None or actual_at is None or min(target_at, actual_at) < shift:
        return None
    target, actual = row.cell(target_at - shift), row.cell(actual_at - shift)
    if target is None or actual is None:
        return None
    values = plain_target_and_actual(target, actual)
    if values is None:
        return None
    goal, done = values
    return done * 100 / goal if goal > 0 else None


@rule("table.score_rate", "指标表注明“得分=权重（分值）×完成率”时，各行得分与权重×完成率是否相符")
def check_scores_by_completion(context: CheckContext) -> list[Finding]:
    """Under an indicator table, '注：得分=权重×完成率，完成率超过100%的按100%计': each row's score is its
    weight times its completion rate (the 完成率 column, or actual ÷ target; at most 100%), within the
    rounding of the printed score and rate. A note that names categories ('数量指标、时效指标得分=…')
    speaks of their rows only."""
    text = context.report.text
    if not has_word(text, "完成率", context.report.places) and not has_word(
        text, "比例", context.report.places
    ):
        return []
    findings = []
    for table in context.tables:
        weight_at, score_at = table.column("weight"), table.column("score")
        if weight_at is None or score_at is None:
            continue
        reach = min(len(text), table.end + _NOTE_REACH)
        note = _SCORE_NOTE.search(text, table.end, reach)
        ratio = note is None and (note := _RATIO_NOTE.search(text, table.end, reach)) is not None
        if note is None or "。" in text[table.end : note.start()]:
            continue
        scope = () if ratio else tuple(n for n in re.split("[、和及]", note.group("scope")) if n)
        rate_at = None if ratio else _column(table, _RATE_COLUMNS)
        if rate_at is None and not scope and not ratio:
            continue  # a rate read from target and actual only for the categories the note names
        level_at = _column(table, _LEVEL_COLUMNS)
        category = ""
        for row in table.rows:
            shift = len(table.columns) - len(row.cells)
            # the category stands in its first row only (a merged cell): it holds for the rows below
            cell = row.cell(level_at - shift) if level_at is not None and level_at >= shift else None
            if cell is not None and cell.text and cell.value is None:
                category = cell.text.replace(" ", "")
            elif level_at == 0 and row.label:
                category = row.label.replace(" ", "")
            if scope and not (category and category in scope):
                continue
            if shift < 0 or min(weight_at, score_at) < shift:
                continue
            weight, score = row.cell(weight_at - shift), row.cell(score_at - shift)
            if weight is None or score is None or weight.value is None or score.value is None:
                continue
            rate = _completion(row, table, shift, rate_at)
            if rate is None or rate < 0 or weight.value <= 0 or (ratio and rate >= 100):
                continue  # (the ratio rule speaks of the rows below their target only)
            capped = min(rate, Decimal(100))
            expected = weight.value * capped / 100
            # the rate cell's own rounding ('97%' is 96.5%–97.5%); a rate of target and actual has none
            rate_cell = row.cell(rate_at - shift) if rate_at is not None else None
            rate_half = rate_cell.half if rate_cell is not None else ZERO
            envelope = score.half + weight.value * rate_half / 100
            if abs(expected - score.value) <= envelope:
                continue
            name = _indicator_name(table, row, shift)
            shown = round_half_up(expected, max(score.decimals, 2))
            findings.append(
                context.finding(
                    "table.score_rate",
                    ERROR,
                    f"“{name}”的得分应为{plain(weight.value)}×{round_half_up(capped, 2):f}%={shown:f}分"
                    f"（表注：{note.group(0).strip()}），表中写{score.text}",
                    score.start,
                    score.end,
                    expected=f"{shown:f}",
                    found=score.text,
                )
            )
    return findings


@rule("table.points_total", "自评表各行分值（或得分）之和与“总分/合计”行是否相符（含资金执行行的分值）")
def check_points_against_total_row(context: CheckContext) -> list[Finding]:
    findings = []
    tables = list(context.tables)
    for index, table in enumerate(tables):
        for kind, what in (("weight", "分值"), ("score", "得分")):
            column = table.column(kind)
            if column is None:
                continue
            if any(len(r.cells) != len(table.columns) for r in table.rows):
                continue  # rows read with fewer cells than the header may be shifted: no sum is safe
            totals = [r for r in table.rows if r.label.replace(" ", "").startswith(_TOTAL_ROWS)]
            if len(totals) != 1 or (total_cell := totals[0].cell(column)) is None or total_cell.value is None:
                continue
            rows = [
                r
                for r in table.rows
                if r is not totals[0] and not r.label.replace(" ", "").startswith("其中")
            ]
            values = [(r, c.value) for r in rows if (c := r.cell(column)) is not None and c.value is not None]
            if len(values) < 2 or any(_category_row(r) for r, _ in values):
                continue
            own = sum((v for _, v in values), ZERO)
            fund = _fund_points(tables[:index], kind, context.report.text, table.start)
            stated = total_cell.value
            places = max([_places(v) for _, v in values] + [_places(stated)])
            envelope = Decimal(5).scaleb(-(places + 1)) * (len(values) + 1) if places else ZERO
            candidates = (own, own + fund, own / 2, _without_details(table, totals[0], column))
            if any(abs(candidate - stated) <= envelope for candidate in candidates):
                continue
            funds = tuple(
                _fund_points(tables[:index], k, context.report.text, table.start) for k in ("weight", "score")
            )
            if table.layout != "pipe" and _a_row_dropped(table, totals[0], funds):
                continue  # a form read back from one cell a line lost a row of words ('明显改善'): no sum is safe
            extra = f"，连同资金执行行{plain(fund)}分为{plain(own + fund)}分" if fund else ""
            findings.append(
                context.finding(
                    "table.points_total",
                    ERROR,
                    f"表中各行{what}之和为{plain(own)}分{extra}，与“{totals[0].label}”行的{plain(stated)}分不符",
                    total_cell.start,
                    total_cell.end,
                    expected=f"{plain(own + fund)}分",
                    found=f"{plain(stated)}分",
                )
            )
    return findings


def _without_details(table, total: TableRow, column: int) -> Decimal:
    """The sum of the rows without the details of a row (“| 决策 | 15 |” then “| 其中：项目立项 | 5 |”,
    “| 绩效目标 | 5 |”, “| 资金投入 | 5 |”): the rows after a 其中 row stay details of the row above
    it until they add up to it."""
    found = last = block = ZERO
    parent: Decimal | None = None
    for row in table.rows:
        cell = row.cell(column)
        value = cell.value if cell is not None else None
        if row is total or value is None:
            continue
        if row.label.replace(" ", "").startswith("其中") and found:
            parent, block = last, value
            continue
        if parent is not None and block + value <= parent:
            block += value
            continue
        parent = None
        found += value
        last = value
    return found


def _a_row_dropped(table, total: TableRow, funds: tuple[Decimal, Decimal]) -> bool:
    """Both the weights and the scores fall short of the total row, the scores by no more than the
    weights: the shape of one row left out while reading the form, not of a slip in one figure."""
    weight_at, score_at = table.column("weight"), table.column("score")
    if weight_at is None or score_at is None:
        return False
    sums = []
    for column, fund in zip((weight_at, score_at), funds, strict=True):
        cells = [r.cell(column) for r in table.rows if r is not total]
        sums.append(sum((c.value for c in cells if c is not None and c.value is not None), fund))
    total_weight, total_score = total.cell(weight_at), total.cell(score_at)
    if total_weight is None or total_score is None or total_weight.value is None or total_score.value is None:
        return False
    weight_gap, score_gap = total_weight.value - sums[0], total_score.value - sums[1]
    return weight_gap > 0 and 0 <= score_gap <= weight_gap


def _places(value: Decimal) -> int:
    return max(-value.as_tuple().exponent, 0)


def _has_category_points(row: TableRow) -> bool:
    return re.search(r"\(\d{1,3}分?\)", row.label.replace("（", "(").replace("）", ")")) is not None


def _category_row(row: TableRow) -> bool:
    """A category's own row ('产出指标(50分)' alone, its points in the 分值 column), not an indicator's
    row that begins with the category's merged cell ('产出指标(50分) | 数量指标 | 新建供水工程 | …')."""
    if not _has_category_points(row):
        return False
    words = [cell for cell in row.cells if cell is not None and cell.text and cell.value is None]
    return len(words) < 2


def _fund_points(before: list[Table], kind: str, text: str, start: int) -> Decimal:
    """The points of the fund row (年度资金总额, 分值10) of the form's money table right before."""
    for table in reversed(before):
        if start - table.end > 1500:  # (the form's 年度总体目标 row, often long, stands between)
            break
        cells = table.labelled_cells(kind, _FUND_ROWS)
        if cells:
            return cells[0].value
    return ZERO


_MONEY_CAPTION = re.compile(r"[(（](?P<unit>万元|元)[)）]|单位[:：]\s*(?P<unit2>万元|元)")
_FORM_ROLES = (
    ("年初预算", "年初预算", "年初预算数"),
    ("全年预算", "调整后", "全年预算数"),
    ("执行数", "执行", "全年执行数"),
)


@rule("table.prose_conflict", "自评表“年度资金总额”行的年初预算、全年预算、执行数与正文所写是否一致")
def check_form_against_prose(context: CheckContext) -> list[Finding]:
    """One self-evaluation form with one fund row (年度资金总额) in 万元 or 元: each of its budget,
    full-year budget and spending cells against the one figure of that role the prose states for
    the whole project (no subject of its own, not a part of another total)."""
    fund_rows = [
        (table, row)
        for table in context.tables
        if table.column("全年预算", "年初预算", "执行数") is not None
        for row in table.rows
        if row.label.replace(" ", "").startswith(_FUND_ROWS[:3]) and len(row.cells) == len(table.columns)
    ]
    if len(fund_rows) != 1:
        return []
    table, row = fund_rows[0]
    text = context.report.text
    caption = _MONEY_CAPTION.search(text, max(0, table.start - 60), table.start + 60)
    if caption is None:
        return []
    unit = caption.group("unit") or caption.group("unit2")
    whole = [
        f
        for f in context.figures.prose()
        if f.kind == "money"
        and f.unit == unit
        and f.parent is None
        and not (f.change or f.approx or f.per_unit)
        and not table.start <= f.start < table.end
    ]
    prose = [f for f in whole if not f.subject.strip("项目资金总额")]
    findings = []
    for kind, role, name in _FORM_ROLES:
        cell = row.cell(table.column(kind))
        if cell is None or cell.value is None:
            continue
        stated = [f for f in prose if f.own_role == role]
        if not stated and role == "调整后":
            # '2023年全县生态公益林补偿资金总额5,368.42万元': the project's total of money, naming no
            # stage, is what the form's 年度资金总额 row holds for the year: its 全年预算数 — unless it
            # is one of the row's other cells (a total of what was budgeted at the start, or spent)
            others = {c.value for c in row.cells if c is not None and c.value is not None}
            stated = [
                f for f in whole if not f.own_role and _projects_total(context, f) and f.value not in others
            ]
        if len({f.value for f in stated}) != 1:
            continue  # none, or the prose itself states several: another rule's business
        figure = stated[0]
        if abs(figure.value - cell.value) <= cell.half + figure.half / MONEY_UNITS[unit]:
            continue
        if _another_row_states(table, kind, figure.value):
            continue  # '年初预算386.40万元' is the form's '其中：当年财政拨款' row, without 上年结转
        findings.append(
            context.finding(
                "table.prose_conflict",
                WARNING,
                f"自评表“{row.label}”的{name}为{cell.text}{unit}，正文写"
                f"{name.removesuffix('数') if figure.own_role == role else '资金总额'}"
                f"{figure.quantity.text if figure.quantity else plain(figure.value)}{unit}"
                f"（{context.report.section_at(figure.start)}），前后不一致",
                cell.start,
                cell.end,
                expected=f"{plain(figure.value)}{unit}",
                found=f"{cell.text}{unit}",
            )
        )
    return findings


_TOTAL_WORDS = ("资金总额", "预算总额")
_NAME_HEAD = re.compile(r"^(?:(?:19|20)\d{2}年度?)?(?:[全本该我][县区市旗州乡镇省]|本|该)?")
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}年")


def _projects_total(context: CheckContext, fig) -> bool:
    """The figure is the total of the project's money: its label ends with 资金总额 (预算总额) and names
    nothing before it but the project, as the report's title names it ('全县生态公益林补偿资金总额' in
    '遂昌县2023年度生态公益林补偿资金项目…报告'), or nothing ('项目资金总额')."""
    label = fig.quantity.raw_label.strip() if fig.quantity is not None else fig.label
    word = next((w for w in _TOTAL_WORDS if label.endswith(w)), None)
    if word is None:
        return False
    name = _NAME_HEAD.sub("", label[: -len(word)]).removesuffix("项目")
    if not name:
        return True
    for line in title_lines(context.report.text):
        if "报告" in line and _TITLE_YEAR.search(line):
            return len(name) >= 3 and name in line
    return False


def _another_row_states(table, kind: str, value) -> bool:
    column = table.column(kind)
    return any(
        (cell := row.cell(column)) is not None and cell.value == value
        for row in table.rows
        if not row.label.replace(" ", "").startswith(_FUND_ROWS[:3])
    )


_DIGIT = re.compile(r"\d")


@rule("table.score_over_weight", "自评表中某一行的得分超过了它的分值（权重）")
def check_scores_within_weights(context: CheckContext) -> list[Finding]:
    findings = []
    for table in context.tables:
        weight_at, score_at = table.column("weight"), table.column("score")
        if weight_at is None or score_at is None:
            continue
        if any(len(r.cells) != len(table.columns) for r in table.rows):
            continue  # rows with fewer cells than the header may be shifted
        for row in table.rows:
            weight, score = row.cell(weight_at), row.cell(score_at)
            if weight is None or score is None or weight.value is None or score.value is None:
                continue
            if score.unit == "%" or weight.unit == "%" or score.value <= weight.value:
                continue
            # the indicator's own name: the last cell before the points without a figure in it
            names = [
                c.text
                for c in row.cells[:weight_at]
                if c is not None and c.text and not _DIGIT.search(c.text)
            ]
            name = names[-1] if names else row.label or "该行"
            findings.append(
                context.finding(
                    "table.score_over_weight",
                    ERROR,
                    f"“{name}”得分{score.text}分超过其分值{weight.text}分",
                    score.start,
                    score.end,
                    expected=f"不超过{weight.text}分",
                    found=f"{score.text}分",
                )
            )
    return findings


RULES = (
    check_full_score_on_missed_target,
    check_points_against_total_row,
    check_form_against_prose,
    check_scores_within_weights,
    check_scores_by_completion,
)
