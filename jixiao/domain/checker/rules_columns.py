"""A table's 合计 row against the rows it adds up, column by column (``table.column_total``).

Any table flattened into '|' rows (an uploaded .docx gives its tables so) is read: the header is the
first row without numbers; the 合计 (总计) row either closes the table or opens its body. Its every
column of amounts is the sum of the body rows in that column, within the rounding envelope of the
printed figures. Tables nest: a row that is the sum of the rows right below it (基本支出 over 人员经费
and 公用经费, 301 over 30101 …) stands for them, and a 其中 row is a part of the row above it; both
are recognised before the sum is taken. Columns of rates, shares, scores, codes and unit prices are
not summed (their names are data in ``tables.yaml``).

``table.row_conflict``: a table row's amount against the prose. '基本支出' in the 决算数 column of a
table captioned （单位：万元） and the prose's '基本支出72.16万元' (spending) state one figure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import accumulate, pairwise

from jixiao.domain.checker import scan
from jixiao.domain.checker.base import CheckContext, amount_like, pct, plain, rule
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.parse import MONEY_UNITS, Paragraph
from jixiao.domain.checker.tables import TableCell, line_tokens, number_cell

_ZERO = Decimal(0)
_MAX_ROWS = 200  # a longer run of '|' lines is not read as one table


class _Row(list):
    """The cells of one '|' row; ``indented`` when its first cell is set in (a part of the row above)."""

    indented = False


def _cells(paragraph: Paragraph, original: str) -> _Row:
    """The cells of a '|' row with their offsets, empty ones kept; the empty pieces outside a
    Markdown row's first and last '|' are no cells."""
    row = _Row()
    position = paragraph.start
    pieces = paragraph.text.split("|")
    first = 0
    if paragraph.text.lstrip(" ").startswith("|"):
        position += len(pieces[0]) + 1
        first = 1
    for piece in pieces[first:]:
        stripped = piece.strip()
        offset = piece.find(stripped) if stripped else 0
        row.append(number_cell(stripped, position + offset))
        position += len(piece) + 1
    if paragraph.text.rstrip(" ").endswith("|") and row and not row[-1].text:
        row.pop()
    # the normalised text drops the spaces; the original shows a first cell set in (“| 　人员经费 |”)
    lead = original.lstrip(" ").removeprefix("|").removeprefix(" ")
    row.indented = lead.startswith(("\u3000", "  ", "\t")) and not lead.lstrip(" \u3000\t").startswith("|")
    return row


def _cell_count(text: str) -> int:
    """``len(_cells(paragraph, …))`` for a paragraph of ``text`` holding a '|', without reading
    the cells: one a piece between the '|'s, but for the pieces outside a Markdown row's first and
    last '|' (the last one then holds only spaces, so _cells drops it)."""
    count = text.count("|") + 1
    if text.lstrip(" ").startswith("|"):
        count -= 1
    if text.rstrip(" ").endswith("|"):
        count -= 1
    return count


def _pipe_blocks(context: CheckContext) -> list[list[_Row]]:
    """The runs of three '|' rows or more (each of two cells or more), read once for the two rules
    that read them; the cells are read only of the rows of such a run."""
    blocks = context.memo.get("rules_columns.pipe_blocks")
    if blocks is None:
        blocks = context.memo["rules_columns.pipe_blocks"] = _read_pipe_blocks(context.report)
    return blocks


def _read_pipe_blocks(report) -> list[list[_Row]]:
    runs: list[list[Paragraph]] = []
    current: list[Paragraph] = []
    for paragraph in report.paragraphs:
        if "|" in paragraph.text and len(current) < _MAX_ROWS and _cell_count(paragraph.text) >= 2:
            current.append(paragraph)
            continue
        if len(current) >= 3:
            runs.append(current)
        current = []
    if len(current) >= 3:
        runs.append(current)
    source = report.source
    return [[_cells(p, source.original_text(p.start, p.end)) for p in run] for run in runs]


# an amount alone in its cell (“1,250.00”, “-0.30”, “5.2万元”); “2023年决算” or “98%” is none
_AMOUNT = re.compile(r"[-+−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:万元|元)?|[-+−]?\d+(?:\.\d+)?(?:万元|元)?")


def _is_number(cell: TableCell) -> bool:
    return cell.value is not None and _AMOUNT.fullmatch(cell.text.replace(" ", "")) is not None


def _label(row: list[TableCell]) -> str:
    return next(
        (c.text.replace(" ", "").replace("\u3000", "") for c in row if c.text and c.value is None), ""
    )


def _merged_total(row: list[TableCell], width: int, total_words: frozenset[str]) -> bool:
    """A total row shorter than the table: its label first, then only figures."""
    return (
        2 <= len(row) < width
        and row[0].value is None
        and row[0].text.replace(" ", "") in total_words
        and all(_is_number(c) for c in row[1:])
    )


def _padded(row: list[TableCell], width: int) -> _Row:
    """A merged total row with empty cells after its label, its figures under the last columns."""
    gap = (TableCell("", row[0].end, row[0].end) for _ in range(width - len(row)))
    return _Row([row[0], *gap, *row[1:]])


def _line_up_total(row: list[TableCell], width: int, rows: list, total_words: frozenset[str]) -> list:
    """A merged total row set under the last columns, when its figures then stand exactly in the
    columns where most other rows have figures (not when empty cells at the end of the rows, or a
    column of notes, make the last columns other than the figures' ones); else the row as it is."""
    if not _merged_total(row, width, total_words):
        return row
    padded = _padded(row, width)
    others = [r for r in rows if len(r) == width]
    if len(others) < 2:
        return row
    figures = {c for c in range(1, width) if sum(1 for r in others if _is_number(r[c])) * 2 > len(others)}
    filled = {c for c in range(1, width) if _is_number(padded[c])}
    return padded if figures == filled else row


def _three_cells(line: str) -> bool:
    return len(line.split()) >= 3


def _spaced_blocks(report, total_words: frozenset[str] = frozenset()) -> list[list[_Row]]:
    """Tables whose cells are parted by spaces (“支出类别 年初预算 调整后预算 …” then “基本支出
    312.60 318.45 …”): a header line of names, then lines of as many cells, read from the original
    lines (the normalised text drops the spaces next to Chinese, not those between figures)."""
    paragraphs = report.paragraphs
    source = report.source
    # the original lines with three cells or more parted by spaces, as the paragraphs they stand in:
    # runs of such rows, each with its header line
    original = source.original
    spaces = original.count(" ")  # (four spaces already pass: the other two need not be counted)
    if spaces < 4 and spaces + original.count("\u3000") + original.count("\t") < 4:
        return []
    lines = original.split("\n")
    # (str.split parts at spaces, tabs and the ideographic space)
    # (and a total row of a label and one figure: '合计 318.00' under rows of three cells)
    hits = [
        n
        for n, line in enumerate(lines)
        if len(parts := line.split()) >= 3
        or (len(parts) == 2 and parts[0] in total_words and n and _three_cells(lines[n - 1]))
    ]
    if len(hits) < 2:
        return []
    ends = list(accumulate(len(line) + 1 for line in lines))  # where each line's next one starts
    spaced = []
    for n in hits:
        at = ends[n - 1] if n else 0
        spaced.append(at + len(lines[n]) - len(lines[n].lstrip()))
    starts = source.original_starts()
    rows_at = sorted(
        {i for at in spaced if (i := report.paragraph_index(source.normalized_index(at, starts))) >= 0}
        - {i for i, p in enumerate(paragraphs) if "|" in p.text}
    )
    blocks: list[list[_Row]] = []
    index = 0
    while index < len(rows_at):
        first = last = rows_at[index]
        while index + 1 < len(rows_at) and rows_at[index + 1] == last + 1:
            index += 1
            last = rows_at[index]
        index += 1
        if last - first + 1 < 2:
            continue
        lines = [
            _Row(number_cell(t, at) for t, at in line_tokens(source, paragraphs[n], starts))
            for n in range(first, last + 1)
        ]
        # the header is the first of the run, or the line before it when the run opens with figures
        if first and any(_is_number(c) for c in lines[0]):
            lines.insert(
                0, _Row(number_cell(t, at) for t, at in line_tokens(source, paragraphs[first - 1], starts))
            )
        block = []
        for row in lines:
            if block and len(block) >= 3 and _merged_total(row, len(block[0]), total_words):
                # '合计 6,160 215.16' under '序号 学校名称 维修内容 面积 投资额': the total's label spans the
                # cells of names, its figures stand under the last columns
                block.append(_line_up_total(row, len(block[0]), block[1:], total_words))
                break
            if not 3 <= len(row) <= 12 or (block and len(row) != len(block[0])):
                break
            block.append(row)
        if len(block) >= 3 and not any(_is_number(c) for c in block[0]):
            blocks.append(block[:_MAX_ROWS])
    return blocks


@rule("table.column_total", "表格的合计行与其上（或其下）各行逐列相加是否相符（识别其中行和小计层级）")
def check_column_totals(context: CheckContext) -> list[Finding]:
    report = context.report
    total_words, not_summed, empty, counts = context.data.once(_column_words)
    if not total_words:
        return []
    findings = []
    blocks = _pipe_blocks(context) if scan.places_of(report.text, "|", report.places) else []
    for block in blocks + _spaced_blocks(report, total_words):
        findings.extend(_check_block(context, block, total_words, not_summed, empty, counts))
    for block in blocks:
        findings.extend(_totals_beside_their_parts(context, block))
    return findings


def _totals_beside_their_parts(context: CheckContext, block: list[_Row]) -> list[Finding]:
    """'| 支出合计 | 基本支出 | 项目支出 |' over '| 3,351,908.72 | 2,784,316.50 | 587,592.22 |': a row of
    names opened by a total (a name of the form's total rows: 支出合计, 收入合计 …) over a row of as many
    amounts: the first amount is the sum of the others. An error when the parts' names make one of the
    complete breakdowns (基本支出 + 项目支出), else a warning (other income may be left out)."""
    totals = tuple(context.data.tables.get("total_rows") or ())
    findings = []
    for names, row in pairwise(block):
        if len(names) < 3 or len(row) != len(names):
            continue
        head = names[0].text.replace(" ", "")
        if not head.endswith(totals) or any(c.value is not None or not c.text for c in names):
            continue
        if not all(_is_number(c) for c in row):
            continue
        parts = [c.text.replace(" ", "") for c in names[1:]]
        whole = row[0]
        added = sum((c.value for c in row[1:]), _ZERO)
        places = max(c.decimals for c in row)
        if abs(added - whole.value) <= Decimal(5).scaleb(-(places + 1)) * len(row):
            continue
        complete = any(
            len(group) == len(parts) and all(any(member in part for part in parts) for member in group)
            for group in context.data.complete_breakdowns
        )
        listing = "+".join(c.text for c in row[1:])
        findings.append(
            context.finding(
                "table.column_total",
                ERROR if complete else WARNING,
                f"表中“{head}”{whole.text}与同一行所列{'、'.join(parts)}之和{_plain(added.quantize(Decimal(1).scaleb(-places)))}"
                f"（{listing}）不符" + ("" if complete else "；如果所列各项就是全部构成，则不相符"),
                whole.start,
                row[-1].end,
                expected=_plain(added.quantize(Decimal(1).scaleb(-places))),
                found=whole.text,
            )
        )
    return findings


def _column_words(data) -> tuple[frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    spec = data.tables
    return (
        frozenset(spec.get("column_total_rows") or ()),
        tuple(spec.get("column_not_summed") or ()),
        frozenset(spec.get("empty_cells") or ()),
        tuple(spec.get("column_counts") or ()),
    )


def _count_units(data) -> tuple[str, ...]:
    """The endings of a column of things counted by its unit: '(个)', '(户)' … (``column_count_units``)."""
    return tuple(f"({unit})" for unit in data.tables.get("column_count_units") or ())


def _check_block(context, block, total_words, not_summed, empty, counts=()) -> list[Finding]:
    header_rows = []
    body_start = 0
    for row in block:
        if any(_is_number(c) for c in row[1:]):
            break
        header_rows.append(row)
        body_start += 1
    body = block[body_start:]
    totals = [i for i, row in enumerate(body) if _label(row) in total_words]
    if len(totals) != 1 or not header_rows:
        return []  # no 合计 row, or several (小计 groups): not read
    width = max(len(row) for row in block)
    body = [_line_up_total(row, width, body, total_words) for row in body]
    if any(len(row) != width for row in body):
        return []  # rows of unequal length: merged cells lost, columns cannot be lined up
    names = ["" for _ in range(width)]
    for row in header_rows:
        if len(row) == width:
            names = [f"{a}{b.text}" for a, b in zip(names, row, strict=True)]
    at = totals[0]
    if at == len(body) - 1:
        parts = body[:at]
    elif at == 0:
        parts = body[1:]
    else:
        return []
    subtotals = [row for row in parts if _label(row).startswith("小计") or _label(row).endswith("小计")]
    # a 小计 closes the rows above it when the 合计 closes the table (not when both head their rows)
    closing = subtotals and at == len(body) - 1 and parts[0] is not subtotals[0]
    groups = _subtotal_groups(parts) if closing else []
    if subtotals:
        parts = subtotals  # '小计' rows close groups of their own: the total is the sum of the subtotals
    if len(parts) < 2:
        return []
    total = body[at]
    # a column of names in the middle ('| 收入项目 | 金额 | 支出项目 | 金额 |') opens a second table:
    # the amounts to its right are not this one's
    words_at = [
        c
        for c in range(1, width)
        if sum(1 for row in body if row[c].text and not _is_number(row[c]) and row[c].text not in empty) >= 2
    ]
    numeric_at = [c for c in range(1, width) if c not in words_at]
    # only a column of names after one of amounts opens a second table ('| 类别 | 项目 | 预算数 |': no)
    second = [c for c in words_at if numeric_at and min(numeric_at) < c]
    last = min(second) if second else width
    findings = []
    for column in range(1, last):
        name = names[column].replace(" ", "")
        if not name or any(word in name for word in not_summed):
            continue
        if not _is_number(total[column]):
            continue
        cells = [row[column] for row in parts]
        if any(not _is_number(c) and c.text not in empty for c in cells):
            continue  # a column of words, or of rates in one row
        values = [c.value if _is_number(c) else None for c in cells]
        if sum(v is not None for v in values) < 2:
            continue
        if any(v == total[column].value for v in values) and sum(1 for v in values if v) > 1:
            continue  # a row restates the total ('财政拨款收入' over 基本, 项目 and 三公): no parts
        leaves, summed = _leaves(parts, values, total[column].value)
        where = "其上" if at else "其下"
        # the sum over by exactly one row: that row may be a part of another (三公 within 基本支出)
        picked = [values[i] for i in leaves if values[i] is not None]
        over = sum(picked, _ZERO) - total[column].value
        aside = any(over == v for v in picked if v)
        checks = [(total, [parts[i] for i in leaves], where, WARNING if summed or aside else ERROR)]
        checks += [(parent, kids, "其下", WARNING) for parent, kids in _set_in_groups(parts)]
        checks += [(subtotal, rows, "其上本组", WARNING) for subtotal, rows in groups]
        # a column of people or things counted (编制数, 实有人数): its whole numbers are exact
        counted = any(word in name for word in counts) or name.endswith(context.data.once(_count_units))
        for whole_row, rows, side, severity in checks:
            finding = _mismatch(context, whole_row, rows, column, name, side, severity, counted)
            if finding is not None:
                findings.append(finding)
    return findings


def _subtotal_groups(parts: list[_Row]) -> list[tuple[_Row, list[_Row]]]:
    """Each 小计 row with the rows of its group above it (back to the previous 小计), none set in
    or labelled 其中."""
    groups, rows = [], []
    for row in parts:
        label = _label(row)
        if label.startswith("小计") or label.endswith("小计"):
            if len(rows) >= 2:
                groups.append((row, rows))
            rows = []
        elif not label.startswith("其中") and not row.indented:
            rows.append(row)
    return groups


def _mismatch(context, whole_row, rows, column, name, side, severity, counted=False) -> Finding | None:
    """``whole_row``'s cell of ``column`` against the sum of the ``rows``' cells (empty ones are 0);
    a ``counted`` column of whole numbers (people, units) is summed exactly, not within rounding."""
    whole = whole_row[column]
    picked = [row[column] for row in rows if _is_number(row[column])]
    if not _is_number(whole) or len(picked) < 2:
        return None
    added = sum((cell.value for cell in picked), _ZERO)
    # a cell printed with fewer decimals than the others of its column lost trailing zeros (“0”
    # among “1.80” and “3.20” is 0.00): the envelope is the column's last printed digit
    places = max([whole.decimals, *(cell.decimals for cell in picked)])
    if counted and not places:
        if added == whole.value:
            return None
    elif abs(added - whole.value) <= Decimal(5).scaleb(-(places + 1)) * (len(picked) + 1):
        return None
    added = added.quantize(Decimal(1).scaleb(-places))
    return context.finding(
        "table.column_total",
        severity,
        f"表中“{_label(whole_row)}”行的“{name}”为{whole.text}，与{side}各行之和{_plain(added)}"
        f"（{'+'.join(_term(cell) for cell in picked)}）不符，相差{_plain(abs(added - whole.value))}",
        whole.start,
        whole.end,
        expected=_plain(added),
        found=whole.text,
    )


def _set_in_groups(parts: list[_Row]) -> list[tuple[_Row, list[_Row]]]:
    """Each row not set in with the two or more rows set in right below it (none labelled 其中,
    which may list only some of the parts)."""
    groups: list[tuple[_Row, list[_Row]]] = []
    for row in parts:
        if not row.indented:
            groups.append((row, []))
        elif groups:
            groups[-1][1].append(row)
    return [
        (parent, kids)
        for parent, kids in groups
        if len(kids) >= 2 and not any(_label(kid).startswith("其中") for kid in kids)
    ]


def _leaves(parts: list[_Row], values: list[Decimal | None], total: Decimal) -> tuple[list[int], bool]:
    """The rows that add up to the total, and whether a row was taken for the sum of the rows below
    it. A row set in, or labelled 其中, is a part of the row above it and goes; then, unless the rows
    left already make the total (1,440 + 180 + 120 + 60: that 120 + 60 = 180 is chance), a row equal
    to the sum of two or more rows right below it stands for them (found from the bottom up, so a
    row's own parts are settled before it is compared)."""
    kept = [
        i
        for i, row in enumerate(parts)
        if not _label(row).startswith("其中") and not (row.indented and i > 0 and not parts[0].indented)
    ]
    # '公务用车购置及运行维护费 / 其中：公务用车购置费 / 公务用车运行维护费': the rows after a 其中 row
    # that with it make the row above are its parts too
    for i, row in enumerate(parts):
        if i and _label(row).startswith("其中") and values[i - 1] is not None:
            run = _ZERO
            for j in range(i, len(parts)):
                run += values[j] or _ZERO
                if run == values[i - 1]:
                    kept = [k for k in kept if not i <= k <= j]
                    break
                if run > values[i - 1] >= 0:
                    break
    if sum((values[i] or _ZERO for i in kept), _ZERO) == total:
        return kept, False
    children: set[int] = set()
    for i in reversed(kept):
        if values[i] is None:
            continue
        run, count = _ZERO, 0
        for j in (k for k in kept if k > i and k not in children):
            run, count = run + (values[j] or _ZERO), count + 1
            if count >= 2 and run == values[i]:
                children.update(k for k in kept if i < k <= j)
                break
            if run > values[i] >= 0 and all((values[k] or _ZERO) >= 0 for k in kept if k > j):
                break  # no negative amount below could bring the run back
    return [i for i in kept if i not in children], bool(children)


def _plain(value: Decimal) -> str:
    return f"{value:f}"


def _term(cell: TableCell) -> str:
    return f"({cell.text})" if cell.value is not None and cell.value < 0 else cell.text


_CAPTION_UNIT = re.compile(r"单位[:：]\s*(?P<unit>万元|元|亿元)|[(（](?P<unit2>万元|元|亿元)[)）]")
_COMPARED_ROLES = ("执行", "调整后", "年初预算")


@rule("table.row_conflict", "表格某一行的金额（如“基本支出”的决算数）与正文所写同一个数是否一致")
def check_rows_against_prose(context: CheckContext) -> list[Finding]:
    report = context.report
    table_figs = [f for f in context.figures.figs if f.place == "table" and f.unit == "" and f.row]
    if not table_figs:
        return []
    prose: dict[tuple[str, str], list] = {}
    for fig in context.figures.prose():
        if (
            fig.kind == "money"
            and not (fig.change or fig.approx or fig.per_unit)
            and fig.role in _COMPARED_ROLES
        ):
            prose.setdefault((_key(fig.label), fig.role), []).append(fig)
    findings = []
    units: dict[int, str | None] = {}
    # the figures of each row (by its line): a prose figure equal to another of its row's cells is
    # that column's ('其中小学6,084,000元' of the 测算数 column, not of the 支出数 beside it)
    rows: dict[int, list] = {}
    for fig in table_figs:
        rows.setdefault(report.paragraph_index(fig.start), []).append(fig.value)
    for fig in table_figs:
        if fig.role not in _COMPARED_ROLES:
            continue
        stated = prose.get((_key(fig.row), fig.role))
        if not stated or len({f.base for f in stated}) != 1:
            continue  # not in the prose, or the prose itself gives several values
        index = report.paragraph_index(fig.start)
        row_values = rows[index]
        if index < 0:
            continue
        while index > 0 and "|" in report.paragraphs[index - 1].text:
            index -= 1  # the table's first row, under its caption
        if index not in units:
            units[index] = _table_unit(report, report.paragraphs[index].start)
        unit = units[index]
        if unit is None:
            continue
        scale = MONEY_UNITS[unit]
        other = stated[0]
        cell_half = Decimal(5).scaleb(-(_decimals(report.text[fig.start : fig.end]) + 1)) * scale
        if abs(fig.value * scale - other.base) <= cell_half + other.half:
            continue
        if any(abs(value * scale - other.base) <= cell_half + other.half for value in row_values):
            continue
        findings.append(
            context.finding(
                "table.row_conflict",
                WARNING,
                f"表中“{fig.row}”的{fig.column}为{plain(fig.value)}{unit}，正文写{other.label}"
                f"{other.quantity.text if other.quantity else plain(other.value)}{other.unit}"
                f"（{report.section_at(other.start)}），前后不一致",
                fig.start,
                fig.end,
                expected=f"{amount_like(other.base, other.quantity) if other.quantity else plain(other.value)}",
                found=f"{plain(fig.value)}{unit}",
            )
        )
    return findings


def _key(label: str) -> str:
    return label.replace(" ", "").replace("\u3000", "").removeprefix("其中:").removeprefix("其中")


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


def _table_unit(report, table_start: int) -> str | None:
    """The unit of a table's amounts from its caption or header (（单位：万元）, “金额(万元)”)."""
    window = report.text[max(0, table_start - 80) : table_start + 120]
    found = {m.group("unit") or m.group("unit2") for m in _CAPTION_UNIT.finditer(window)}
    return found.pop() if len(found) == 1 else None


_PREVIOUS_COLUMN = re.compile(r"上年|上一年|去年")
_CURRENT_COLUMN = re.compile(r"本年|当年|决算|执行|实际|支出数")
_DELTA_COLUMN = re.compile(r"增减额|增加额|变动额|增减(?:数|金额)?(?:\(|$)")
_RATE_COLUMN = re.compile(r"增减率|增长率|变动率|增幅|同比")


@rule("table.change_columns", "表格中“增减额”“增减率”两列与同一行的本年数、上年数是否相符")
def check_change_columns(context: CheckContext) -> list[Finding]:
    """'| 项目 | 本年决算 | 上年决算 | 增减额 | 增减率 |': in each row the change is this year's figure less
    last year's, and the rate that change over last year's, within the rounding of the printed cells.
    The columns are known by their names: one of last year, one of this year (本年, 决算, 执行 …, not a
    budget), and the change's; a table that names them otherwise is not read."""
    report = context.report
    if not scan.places_of(report.text, "|", report.places) or "上年" not in report.text:
        return []  # (the places of '|' from the CharIndex: a text without one is not read through)
    findings = []
    for block in _pipe_blocks(context):
        header = block[0]
        if any(_is_number(c) for c in header[1:]):
            continue
        names = [c.text.replace(" ", "") for c in header]
        previous = [
            i for i, n in enumerate(names) if _PREVIOUS_COLUMN.search(n) and not _RATE_COLUMN.search(n)
        ]
        delta_at = next((i for i, n in enumerate(names) if _DELTA_COLUMN.search(n)), None)
        rate_at = next((i for i, n in enumerate(names) if _RATE_COLUMN.search(n)), None)
        if len(previous) != 1 or (delta_at is None and rate_at is None):
            continue
        current = [
            i
            for i, n in enumerate(names)
            if i not in (previous[0], delta_at, rate_at)
            and _CURRENT_COLUMN.search(n)
            and "预算" not in n
            and "率" not in n
        ]
        if len(current) != 1:
            continue
        now_at, before_at = current[0], previous[0]
        for row in block[1:]:
            if len(row) != len(header):
                continue
            findings.extend(_check_change_row(context, row, names, now_at, before_at, delta_at, rate_at))
    return findings


def _check_change_row(context, row, names, now_at, before_at, delta_at, rate_at) -> list[Finding]:
    now, before = row[now_at], row[before_at]
    if not (_is_number(now) and _is_number(before)):
        return []
    places = max(now.decimals, before.decimals)
    half = Decimal(5).scaleb(-(places + 1))
    change = now.value - before.value
    found = []
    if delta_at is not None and _is_number(row[delta_at]):
        stated = row[delta_at]
        if abs(abs(stated.value) - abs(change)) > half * 2 + Decimal(5).scaleb(-(stated.decimals + 1)) or (
            stated.value and change and (stated.value > 0) != (change > 0)
        ):
            found.append(
                context.finding(
                    "table.change_columns",
                    ERROR,
                    f"表中“{_label(row)}”行的“{names[delta_at]}”为{stated.text}，与本年{now.text}−上年{before.text}"
                    f"={_plain(change)}不符",
                    stated.start,
                    stated.end,
                    expected=_plain(change),
                    found=stated.text,
                )
            )
    rate = row[rate_at] if rate_at is not None else None
    if rate is not None and rate.value is not None and rate.unit == "%" and before.value > 0:
        exact = change * 100 / before.value
        low = (change - 2 * half) * 100 / (before.value + half)
        high = (change + 2 * half) * 100 / (before.value - half) if before.value > half else exact
        rate_half = Decimal(5).scaleb(-(rate.decimals + 1))
        if not low - rate_half <= rate.value <= high + rate_half:
            shown = pct(exact, max(rate.decimals, 2))
            found.append(
                context.finding(
                    "table.change_columns",
                    ERROR,
                    f"表中“{_label(row)}”行的“{names[rate_at]}”为{rate.text}，按（{now.text}−{before.text}）÷{before.text}"
                    f"应为{shown}",
                    rate.start,
                    rate.end,
                    expected=pct(exact, rate.decimals),
                    found=rate.text,
                )
            )
    return found


RULES = (check_column_totals, check_rows_against_prose, check_change_columns)
