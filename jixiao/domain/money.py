"""Money: Decimal 元 with two places; display in 万元 the way the reports write it.

Rounding happens here and only here, always ROUND_HALF_UP (四舍五入), with the mode passed
explicitly rather than taken from the ambient decimal context. A float is refused outright.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jixiao.domain.errors import InvalidAmount

FEN = Decimal("0.01")
TENTH = Decimal("0.1")
ZERO = Decimal("0.00")
WAN = Decimal(10000)
YI = Decimal(100000000)
HUNDRED = Decimal(100)

_AMOUNT_TEXT = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")


def round_half_up(value: Decimal, places: int) -> Decimal:
    """The one rounding function of the system (四舍五入 to ``places`` decimals)."""
    if isinstance(value, float):
        raise TypeError("金额不能使用浮点数")
    exponent = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)


def yuan(value: Decimal | int | str) -> Decimal:
    """An amount in 元 with exactly two decimals. Accepts Decimal, int or text like '1,234.56'.

    Text with more than two decimals, or anything that is not a number, is refused: an
    amount is never silently rounded on the way in.
    """
    if isinstance(value, (bool, float)):
        raise TypeError("金额不能使用浮点数或布尔值")
    if isinstance(value, str):
        text = value.strip().replace("，", ",").replace(" ", "").replace("\u3000", "")
        text = text.removesuffix("元")
        if not _AMOUNT_TEXT.match(text):
            raise InvalidAmount(f"金额“{value}”不是有效数字（示例：1234.56 或 1,234.56）")
        value = Decimal(text.replace(",", ""))
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise InvalidAmount(f"金额“{value}”不是有效数字") from error
    if not amount.is_finite():
        raise InvalidAmount(f"金额“{value}”不是有效数字")
    if amount != amount.quantize(FEN, rounding=ROUND_HALF_UP):
        raise InvalidAmount(f"金额“{value}”超过两位小数（金额以元为单位，最多到分）")
    return amount.quantize(FEN)


def to_wan(amount_yuan: Decimal, places: int = 2) -> Decimal:
    """元 → 万元, rounded half-up to ``places`` decimals (the reports use 0.01万元)."""
    return round_half_up(Decimal(amount_yuan) / WAN, places)


def _strip(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def wan_text(amount_yuan: Decimal, places: int = 2) -> str:
    """元 shown as the seed writes 万元: 208.4, 44, 24.01, 0.22, 0 (no trailing zeros)."""
    return _strip(to_wan(amount_yuan, places))


def wan(amount_yuan: Decimal, places: int = 2) -> str:
    """``wan_text`` with the unit: '208.4万元'."""
    return f"{wan_text(amount_yuan, places)}万元"


def wan_fixed(amount_yuan: Decimal, places: int = 2) -> str:
    """万元 with a fixed number of decimals, for tables: '208.40'."""
    return format(to_wan(amount_yuan, places), "f")


def yuan_fixed(amount_yuan: Decimal) -> str:
    """元 with thousands separators and two decimals, for tables: '2,084,049.00'."""
    return f"{round_half_up(Decimal(amount_yuan), 2):,.2f}"


def ratio_percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator × 100, unrounded; None when the denominator is zero."""
    if denominator == 0:
        return None
    return Decimal(numerator) * HUNDRED / Decimal(denominator)


def percent_text(value: Decimal | None, places: int = 1) -> str:
    """A percentage as the seed prints it: '13.0%'. None prints as '—'."""
    if value is None:
        return "—"
    return f"{round_half_up(value, places)}%"


def rate_text(numerator: Decimal, denominator: Decimal, places: int = 1) -> str:
    return percent_text(ratio_percent(numerator, denominator), places)


def parse_wan_text(text: str) -> Decimal:
    """'208.4' (万元) → 2084000.00 元. For data entry and tests, never for report figures."""
    return yuan(Decimal(text.replace(",", "")) * WAN)
