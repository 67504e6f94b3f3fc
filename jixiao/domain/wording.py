"""Chinese wording of figures and their changes, exactly as the seed report writes them.

    比上年增加24.01万元，增长13.0%
    比上年减少7万元，下降13.7%
    比上年减少0.12万元，降低35.3%
    比上年增减0万元

The seed uses both 下降 and 降低 for a fall. The rule chosen here: budget amounts 下降,
spending-control items (三公经费 and its parts) 降低 — which is what the seed does — and the
word is a template setting (``Wording.decrease_word``), not a special case for a figure.
Percentages come from the unrounded 元 amounts; only the printed figures are rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.money import percent_text, ratio_percent, wan, wan_text


@dataclass(frozen=True, slots=True)
class Wording:
    """Template settings for year-on-year sentences."""

    increase_word: str = "增长"
    decrease_word: str = "下降"
    compared_to: str = "比上年"
    no_change: str = "{compared_to}增减0万元"
    previous_zero: str = "上年无此项，本年新增{amount}万元"
    percent_places: int = 1


BUDGET_WORDING = Wording(decrease_word="下降")
CONTROL_WORDING = Wording(decrease_word="降低")


def change_text(current: Decimal, previous: Decimal, wording: Wording = BUDGET_WORDING) -> str:
    """'比上年增加24.01万元，增长13.0%' computed from two amounts in 元."""
    delta = Decimal(current) - Decimal(previous)
    delta_text = wan_text(abs(delta))
    if delta_text == "0":
        return wording.no_change.format(compared_to=wording.compared_to)
    if previous == 0:
        return wording.previous_zero.format(amount=delta_text, compared_to=wording.compared_to)
    percent = percent_text(abs(ratio_percent(delta, previous)), wording.percent_places)
    if delta > 0:
        return f"{wording.compared_to}增加{delta_text}万元，{wording.increase_word}{percent}"
    return f"{wording.compared_to}减少{delta_text}万元，{wording.decrease_word}{percent}"


def direction_word(current: Decimal, previous: Decimal) -> str:
    """增加 / 减少 / 持平 (for reason phrases)."""
    if wan_text(abs(Decimal(current) - Decimal(previous))) == "0":
        return "持平"
    return "增加" if current > previous else "减少"


def amount_with_change(
    label: str, current: Decimal, previous: Decimal, wording: Wording = BUDGET_WORDING
) -> str:
    """'基本支出年初预算164.4万元，比上年增加31.01万元，增长23.3%'."""
    return f"{label}{wan(current)}，{change_text(current, previous, wording)}"
