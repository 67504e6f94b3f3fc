"""The checks of a 调剂 (budget transfer) at every step.

Who may take which step, and in which order, is the approval mechanism's business
(jixiao/data/workflows/transfer.yaml on jixiao.domain.approval). What is left here is the
money: a transfer may only move what its source line has available — refused when it is
created, when it is submitted and when it is approved, not only when it is executed — and the
refusal shows the breakdown the approver needs (预算数, 已支出, 已预占, 可用余额).

Once approved, the amount is reserved (预占) on the source line, so execution can no longer
fail for lack of balance: the transfer's own reservation counts as its money.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.budget_control import (
    BudgetExceeded,
    BudgetLineView,
    LineBalance,
    check_transfer,
)
from jixiao.domain.money import yuan_fixed


def balance_breakdown_text(balance: LineBalance) -> str:
    """预算数 (调整后预算), 已支出, 已预占, 可用余额 — always all four, in 元."""
    return (
        f"预算数{yuan_fixed(balance.budget)}元，已支出{yuan_fixed(balance.spent)}元，"
        f"已预占{yuan_fixed(balance.committed)}元，可用余额{yuan_fixed(balance.available)}元"
    )


def own_view(line: BudgetLineView, held: Decimal) -> BudgetLineView:
    """The source line as this transfer sees it: what it has reserved itself is its own money."""
    if not held:
        return line
    return BudgetLineView(key=line.key, label=line.label, balance=line.balance.without_commitment(held))


def check_source_available(*, source: BudgetLineView, amount: Decimal, held: Decimal = Decimal("0")) -> None:
    """Refuse a transfer its source line cannot pay, with the breakdown."""
    view = own_view(source, held)
    available = view.balance.available
    if amount > available:
        raise BudgetExceeded(
            f"调出指标“{source.label}”可用余额不足：调剂{yuan_fixed(amount)}元，"
            f"{balance_breakdown_text(view.balance)}，超出{yuan_fixed(amount - available)}元。",
            requested=amount,
            **view.balance.breakdown(),
        )


def check_executable(
    *,
    source: BudgetLineView,
    target: BudgetLineView,
    amount: Decimal,
    held: Decimal = Decimal("0"),
    econ_level: int = 3,
) -> None:
    """Everything execution will check (keys complete, same department and year, balance)."""
    check_source_available(source=source, amount=amount, held=held)
    check_transfer(source=own_view(source, held), target=target, amount=amount, econ_level=econ_level)


def execution_warning(message: str) -> str:
    """What the approver reads before approving a transfer that execution would refuse."""
    return f"执行时将被拒绝，因为{message.rstrip('。')}。"
