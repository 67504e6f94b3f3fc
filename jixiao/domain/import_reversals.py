"""Reversals inside a voucher import: 红字 (negative) lines and 贷方 refunds.

Accounting exports hold the corrections of the year next to what they correct: a 红字 voucher
(the amount written negative) or a refund booked on the credit side of the expense account
(退回, 退款). Refusing them would block the whole all-or-nothing batch, so each becomes a
红字冲销 of the voucher it reverses, in the same batch:

- by number: the 原凭证号 column, or the 摘要 ("冲销记-0004号凭证", "退回记-12 多报差旅费");
- otherwise by amount and payee (or, with no payee, by amount on the same budget line).

The reversed voucher must be earlier (an earlier row of the file, or already in the ledger),
on the same budget line, not reversed before, and at least as large as the refund (a refund may
be part of the payment). A line that matches nothing is an error that says what was looked for.
The validator collects the reversal lines (few); the importer gathers the candidate originals
(the ledger's from the database, the file's by a second read of only what is wanted) and
``match_reversals`` pairs them, so memory stays flat however large the file is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.import_layouts import summary_reference
from jixiao.domain.imports import Cell, Layout, VoucherRow, cell_text
from jixiao.domain.money import yuan_fixed

_NUMBER = re.compile(r"^(?P<word>\D*?)[\s\-－—#第字]*(?P<digits>\d+)号?$")
_SUFFIX = re.compile(r"/\d+$")  # the importer numbers the lines of one voucher 记-1, 记-1/2, …
_MONTH = re.compile(r"^(\d{1,2})月")  # and an accounting export's vouchers with their month, 3月记-1


def number_key(number: str) -> tuple[int, str, int] | str:
    """'记-0004', '记 - 4', '记字第4号', '记-0004/2' → (0, '记', 4); '3月记-0004' → (3, '记', 4);
    other forms are kept as text."""
    text = _SUFFIX.sub("", re.sub(r"\s+", "", cell_text(number)))
    month = 0
    found = _MONTH.match(text)
    if found:
        month, text = int(found.group(1)), text[found.end() :]
    match = _NUMBER.match(text)
    if not match:
        return text
    return month, match.group("word").strip("-－—#第字"), int(match.group("digits"))


def numbers_match(stored: str, reference: str) -> bool:
    """Whether a stored voucher number is the one a reversal names ('12' names 记-0012 too; a
    month is compared only when both say one)."""
    left, right = number_key(stored), number_key(reference)
    if isinstance(left, tuple) and isinstance(right, tuple):
        return (
            left[2] == right[2]
            and (not right[1] or not left[1] or left[1] == right[1])
            and (not left[0] or not right[0] or left[0] == right[0])
        )
    return left == right


@dataclass(frozen=True, slots=True)
class ReversalRow:
    """A 红字 or refund line: ``voucher`` carries the negative amount and the budget line."""

    voucher: VoucherRow
    reference: str  # the voucher number it names, as written ('' when it names none)
    column: str  # the amount column, for messages

    @property
    def row(self) -> int:
        return self.voucher.row

    @property
    def amount(self) -> Decimal:
        return -self.voucher.amount


@dataclass(frozen=True, slots=True)
class Original:
    """A voucher a reversal may reverse: in the ledger (``voucher_id``) or earlier in the file (``row``)."""

    number: str
    date: dt.date
    amount: Decimal
    payee: str
    line_id: int
    line_label: str = ""
    voucher_id: int | None = None
    row: int | None = None
    reversed: bool = False

    @property
    def where(self) -> str:
        return (
            f"第{self.row}行的凭证“{self.number}”" if self.row is not None else f"已入账的凭证“{self.number}”"
        )


@dataclass(frozen=True, slots=True)
class ReversalPlan:
    reversal: ReversalRow
    original: Original

    @property
    def partial(self) -> bool:
        return self.reversal.amount != self.original.amount


class ReversalCollector:
    """Kept by the validator: the reversal lines of a file, in row order."""

    def __init__(self, layout: Layout) -> None:
        self.reference_at = layout.columns.get("orig_voucher_no")
        self.summary_at = layout.columns.get("summary")
        self.rows: list[ReversalRow] = []

    def add(self, voucher: VoucherRow, raw: list[Cell] | tuple[Cell, ...], column: str) -> None:
        reference = ""
        if self.reference_at is not None and self.reference_at < len(raw):
            reference = re.sub(r"\s+", "", cell_text(raw[self.reference_at]))
        if not reference:
            reference = summary_reference(voucher.summary)
        self.rows.append(ReversalRow(voucher, reference, column))

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def amount(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal("0.00"))

    def wanted(self, voucher: VoucherRow) -> bool:
        """Whether a voucher of the file could be the one some reversal reverses (second read)."""
        for reversal in self.rows:
            if voucher.row >= reversal.row:
                continue
            if reversal.reference:
                if numbers_match(voucher.number, reversal.reference):
                    return True
            elif voucher.amount == reversal.amount:
                return True
        return False


def match_reversals(
    reversals: Iterable[ReversalRow], originals: Iterable[Original]
) -> tuple[list[ReversalPlan], list[tuple[ReversalRow, str]]]:
    """Pair each reversal with the voucher it reverses; (plans, [(reversal, error message)])."""
    pool = list(originals)
    taken: set[int] = set()
    plans: list[ReversalPlan] = []
    errors: list[tuple[ReversalRow, str]] = []
    for reversal in sorted(reversals, key=lambda r: r.row):
        original, problem = _match(reversal, pool, taken)
        if original is None:
            errors.append((reversal, problem))
            continue
        taken.add(id(original))
        plans.append(ReversalPlan(reversal, original))
    return plans, errors


def _earlier(original: Original, reversal: ReversalRow) -> bool:
    if original.row is not None and original.row >= reversal.row:
        return False
    return original.date <= reversal.voucher.date


def _match(reversal: ReversalRow, pool: list[Original], taken: set[int]) -> tuple[Original | None, str]:
    amount = reversal.amount
    voucher = reversal.voucher
    if reversal.reference:
        named = [o for o in pool if numbers_match(o.number, reversal.reference) and _earlier(o, reversal)]
        if not named:
            return None, (
                f"冲销（红字/退回）{yuan_fixed(amount)}元：注明的原凭证“{reversal.reference}”在本文件此前各行"
                "和已入账的凭证中都找不到，无法冲销"
            )
        free = [o for o in named if not o.reversed and id(o) not in taken]
        if not free:
            return (
                None,
                f"冲销（红字/退回）{yuan_fixed(amount)}元：原凭证“{reversal.reference}”已经冲销过，不能再次冲销",
            )
        same_line = [o for o in free if o.line_id == voucher.line_id]
        if not same_line:
            return None, (
                f"冲销（红字/退回）{yuan_fixed(amount)}元：原凭证“{reversal.reference}”支付的是指标“{free[0].line_label}”，"
                "与本行的功能分类、经济分类或项目不一致，不能冲销"
            )
        exact = [o for o in same_line if o.amount == amount]
        if exact:  # the latest earlier one when months repeat the number
            return max(exact, key=lambda o: (o.date, o.row or 0, o.voucher_id or 0)), ""
        larger = [o for o in same_line if o.amount > amount]
        if not larger:
            return None, (
                f"冲销（红字/退回）{yuan_fixed(amount)}元超过原凭证“{reversal.reference}”的金额"
                f"{yuan_fixed(max(o.amount for o in same_line))}元"
            )
        return max(larger, key=lambda o: o.amount), ""
    payee = voucher.payee
    if payee:
        found = [o for o in pool if o.amount == amount and o.payee == payee and _earlier(o, reversal)]
        looked = f"按金额{yuan_fixed(amount)}元和收款人“{payee}”查找"
    else:
        found = [
            o for o in pool if o.amount == amount and o.line_id == voucher.line_id and _earlier(o, reversal)
        ]
        looked = f"按金额{yuan_fixed(amount)}元在同一预算指标下查找"
    free = [o for o in found if not o.reversed and id(o) not in taken]
    if not free:
        said = "已经冲销过" if found else "在本文件此前各行和已入账的凭证中都找不到"
        return None, (
            f"冲销（红字/退回）行没有注明原凭证号，{looked}，可冲销的凭证{said}：请在“原凭证号”列或摘要中注明"
            "它冲销的凭证（如“冲销记-0012”）"
        )
    if not payee and len(free) > 1:
        return None, (
            f"冲销（红字/退回）行没有注明原凭证号和收款人，{looked}有{len(free)}张凭证金额相同，无法确定冲销哪一张："
            "请注明原凭证号"
        )
    original = max(free, key=lambda o: (o.date, o.row or 0, o.voucher_id or 0))
    if original.line_id != voucher.line_id:
        return None, (
            f"冲销（红字/退回）{yuan_fixed(amount)}元：{original.where}支付的是指标“{original.line_label}”，"
            "与本行的功能分类、经济分类或项目不一致，不能冲销"
        )
    return original, ""
