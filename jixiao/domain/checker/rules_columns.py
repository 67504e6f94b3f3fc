"""A table's 合计 row against the rows it adds up, column by column (``table.column_total``).

Any table flattened into '|' rows (an uploaded .docx gives its tables so) is read: the header is the
first row without numbers; the 合计 (总计) row either closes the table or opens its body. Its every
column of amounts is the sum of the body rows in that column, within the rounding envelope of the
printed figures. Tables nest: a row that is the sum of the rows right below it (基本支出 over 人员经费
and 公用经费, 301 over 30101 …) stands for them, and a 其中 row is a part of the row above it; both
are recognised before the sum is taken. Columns of rates, shares, scores, codes and unit prices are
not summed (their names are data in ``tables.yaml``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.checker.base import CheckContext, rule
from jixiao.domain.checker.findings import ERROR, WARNING, Finding
from jixiao.domain.checker.parse import Paragraph
from jixiao.domain.checker.tables import TableCell, number_cell

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


def _pipe_blocks(report) -> list[list[_Row]]:
    blocks: list[list[_Row]] = []
    current: list[_Row] = []
    for paragraph in report.paragraphs:
        if "|" in paragraph.text and len(current) < _MAX_ROWS:
            cells = _cells(paragraph, report.source.original_text(paragraph.start, paragraph.end))
            if len(cells) >= 2:
                current.append(cells)
                continue
        if len(current) >= 3:
            blocks.append(current)
        current = []
    if len(current) >= 3:
        blocks.append(current)
    return blocks


# an amount alone in its cell (“1,250.00”, “-0.30”, “5.2万元”); “2023年决算” or “98%” is none
_AMOUNT = re.compile(r"[-+−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:万元|元)?|[-+−]?\d+(?:\.\d+)?(?:万元|元)?")


def _is_number(cell: TableCell) -> bool:
    return cell.value is not None and _AMOUNT.fullmatch(cell.text.replace(" ", "")) is not None


def _label(row: list[TableCell]) -> str:
    return next(
        (c.text.replace(" ", "").replace("\u3000", "") for c in row if c.text and c.value is None), ""
    )


@rule("table.column_total", "表格的合计行与其上（或其下）各行逐列相加是否相符（识别其中行和小计层级）")
def check_column_totals(context: CheckContext) -> list[Finding]:
    report = context.report
    if "|" not in report.text:
        return []
    spec = context.data.tables
    total_words = frozenset(spec.get("column_total_rows") or ())
    not_summed = tuple(spec.get("column_not_summed") or ())
    empty = frozenset(spec.get("empty_cells") or ())
    if not total_words:
        return []
    findings = []
    for block in _pipe_blocks(report):
        findings.extend(_check_block(context, block, total_words, not_summed, empty))
    return findings


def _check_block(context, block, total_words, not_summed, empty) -> list[Finding]:
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
    if len(parts) < 2:
        return []
    total = body[at]
    findings = []
    for column in range(1, width):
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
        leaves, summed = _leaves(parts, values)
        where = "其上" if at else "其下"
        checks = [(total, [parts[i] for i in leaves], where, WARNING if summed else ERROR)]
        checks += [(parent, kids, "其下", WARNING) for parent, kids in _set_in_groups(parts)]
        for whole_row, rows, side, severity in checks:
            finding = _mismatch(context, whole_row, rows, column, name, side, severity)
            if finding is not None:
                findings.append(finding)
    return findings


def _mismatch(context, whole_row, rows, column, name, side, severity) -> Finding | None:
    """``whole_row``'s cell of ``column`` against the sum of the ``rows``' cells (empty ones are 0)."""
    whole = whole_row[column]
    picked = [row[column] for row in rows if _is_number(row[column])]
    if not _is_number(whole) or len(picked) < 2:
        return None
    added = sum((cell.value for cell in picked), _ZERO)
    # a cell printed with fewer decimals than the others of its column lost trailing zeros (“0”
    # among “1.80” and “3.20” is 0.00): the envelope is the column's last printed digit
    places = max([whole.decimals, *(cell.decimals for cell in picked)])
    if abs(added - whole.value) <= Decimal(5).scaleb(-(places + 1)) * (len(picked) + 1):
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


def _leaves(parts: list[_Row], values: list[Decimal | None]) -> tuple[list[int], bool]:
    """The rows that add up to the total, and whether a row was taken for the sum of the rows below
    it. A row set in, or labelled 其中, is a part of the row above it and goes; then a row equal to
    the sum of two or more rows right below it stands for them (found from the bottom up, so a
    row's own parts are settled before it is compared)."""
    kept = [
        i
        for i, row in enumerate(parts)
        if not _label(row).startswith("其中") and not (row.indented and i > 0 and not parts[0].indented)
    ]
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
            if run > values[i] >= 0:
                break
    return [i for i in kept if i not in children], bool(children)


def _plain(value: Decimal) -> str:
    return f"{value:f}"


def _term(cell: TableCell) -> str:
    return f"({cell.text})" if cell.value is not None and cell.value < 0 else cell.text


RULES = (check_column_totals,)
