"""Approximate quantities the way Chinese work reports write them, kept honest.

The seed says "下乡科普近30次", "发放科普资料6000余册", "受益人群达2万余名", "1万6千余师生",
"近400多名科技工作者". Such a figure is stored as the number it states, its unit and its
qualifier, and is written back exactly as it was said:

    Quantity(Decimal(30), "次", "近")      → "近30次"
    Quantity(Decimal(20000), "名", "余")   → "2万余名"
    Quantity(Decimal(16000), "", "余")     → "1万6千余"

Qualifiers: 近 and 约 stand before the number (近 = a little below, 约 = about); 余 and 多 stand
after it (a little above). A report may use one of each ("近400多名"), so ``qualifier`` holds at
most one prefix followed by at most one suffix. Money keeps 万元 as its unit: "208.4万元" is
208.4 in 万元, not 2084000 in 元. The notation (6000 vs 6千, 2万 vs 20000, 三 vs 3) is
how the number was written; it does not change the value and is ignored by equality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from jixiao.data import parse_yaml
from jixiao.domain.errors import DomainError

PREFIX_QUALIFIERS = ("近", "约")
SUFFIX_QUALIFIERS = ("余", "多")
QUALIFIERS = PREFIX_QUALIFIERS + SUFFIX_QUALIFIERS

_WAN = Decimal(10000)
_QIAN = Decimal(1000)
_HANZI_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DIGIT_HANZI = {value: key for key, value in _HANZI_DIGITS.items() if key != "两"}

_UNITS_FILE = Path(__file__).resolve().parent.parent / "data" / "indicators" / "units.yaml"


class InvalidQuantity(DomainError):
    code = "invalid_quantity"


class Notation(StrEnum):
    """How the number was written."""

    AUTO = "auto"  # digits below 1万; whole thousands from 1万 up as 2万 / 1万6千
    DIGITS = "digits"  # 6000, 1274
    WAN = "wan"  # 2万, 1万6千
    WAN_DECIMAL = "wan_decimal"  # 2.3万
    HANZI = "hanzi"  # 三, 十二


@dataclass(frozen=True, slots=True)
class Quantity:
    value: Decimal
    unit: str = ""
    qualifier: str = ""
    notation: Notation = field(default=Notation.AUTO, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.value, float | bool):
            raise TypeError("数量不能使用浮点数或布尔值")
        object.__setattr__(self, "value", Decimal(self.value))
        _check_qualifier(self.qualifier)

    @property
    def prefix(self) -> str:
        return self.qualifier[:1] if self.qualifier[:1] in PREFIX_QUALIFIERS else ""

    @property
    def suffix(self) -> str:
        return self.qualifier[len(self.prefix) :]

    @property
    def is_exact(self) -> bool:
        return not self.qualifier

    def number_text(self) -> str:
        return format_number(self.value, self.notation)

    def text(self) -> str:
        """The quantity as the report says it: '近30次', '2万余名', '1274人次'."""
        return f"{self.prefix}{self.number_text()}{self.suffix}{self.unit}"

    def __str__(self) -> str:
        return self.text()


def _check_qualifier(qualifier: str) -> None:
    rest = qualifier
    if rest[:1] in PREFIX_QUALIFIERS:
        rest = rest[1:]
    if rest and rest not in SUFFIX_QUALIFIERS:
        raise InvalidQuantity(
            f"数量修饰词“{qualifier}”无效：只能是“近”“约”（数字前）和/或“余”“多”（数字后），如“近30次”“6000余册”"
        )


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _hanzi(value: Decimal) -> str | None:
    if value != value.to_integral_value() or not 0 < value < 100:
        return None
    number = int(value)
    tens, units = divmod(number, 10)
    if tens == 0:
        return _DIGIT_HANZI[units]
    text = ("" if tens == 1 else _DIGIT_HANZI[tens]) + "十"
    return text + (_DIGIT_HANZI[units] if units else "")


def _wan(value: Decimal) -> str | None:
    if value < _WAN or value != value.to_integral_value():
        return None
    wan, rest = divmod(value, _WAN)
    if rest == 0:
        return f"{_plain(wan)}万"
    if rest % _QIAN == 0:
        return f"{_plain(wan)}万{_plain(rest / _QIAN)}千"
    return None


def format_number(value: Decimal, notation: Notation = Notation.AUTO) -> str:
    """A number in the given notation; falls back to digits when the notation cannot say it."""
    value = Decimal(value)
    if notation is Notation.HANZI:
        return _hanzi(value) or _plain(value)
    if notation is Notation.WAN_DECIMAL and value >= _WAN:
        return f"{_plain(value / _WAN)}万"
    if notation in (Notation.WAN, Notation.AUTO):
        return _wan(value) or _plain(value)
    return _plain(value)


_NUMBER = (
    r"(?P<wan>\d+)万(?!元)(?:(?P<qian>\d)千)?"
    r"|(?P<wandec>\d+\.\d+)万(?!元)"
    r"|(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<hanzi>[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"
)
_QUANTITY = re.compile(rf"^(?P<prefix>[近约])?(?:{_NUMBER})(?P<suffix>[余多])?(?P<unit>.*)$")


def _number_from(match: re.Match[str]) -> tuple[Decimal, Notation]:
    if match.group("wan") is not None:
        value = Decimal(match.group("wan")) * _WAN
        if match.group("qian"):
            value += Decimal(match.group("qian")) * _QIAN
        return value, Notation.WAN
    if match.group("wandec") is not None:
        return Decimal(match.group("wandec")) * _WAN, Notation.WAN_DECIMAL
    if match.group("digits") is not None:
        return Decimal(match.group("digits").replace(",", "")), Notation.DIGITS
    text = match.group("hanzi")
    if "十" in text:
        tens_text, _, units_text = text.partition("十")
        tens = _HANZI_DIGITS[tens_text] if tens_text else 1
        units = _HANZI_DIGITS[units_text] if units_text else 0
        return Decimal(tens * 10 + units), Notation.HANZI
    return Decimal(_HANZI_DIGITS[text]), Notation.HANZI


def parse_quantity(text: str) -> Quantity:
    """'近30次' → Quantity(30, '次', '近'); '2万余名' → Quantity(20000, '名', '余').

    Whatever follows the number (and its 余/多) is the unit, so '1万6千余师生' has the unit '师生'
    — pass just '1万6千余' when the noun is not a unit.
    """
    cleaned = str(text).strip().replace(" ", "").replace("\u3000", "")
    match = _QUANTITY.match(cleaned)
    if not match:
        raise InvalidQuantity(f"“{text}”不是数量（示例：近30次、6000余册、2万余名、1274人次）")
    value, notation = _number_from(match)
    qualifier = (match.group("prefix") or "") + (match.group("suffix") or "")
    return Quantity(value, match.group("unit"), qualifier, notation)


@dataclass(frozen=True, slots=True)
class FoundQuantity:
    """A quantity found in running text, with where it stands."""

    quantity: Quantity
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def known_units() -> tuple[str, ...]:
    """Measure words and units from data, longest first (so 人次 wins over 人)."""
    data = parse_yaml(_UNITS_FILE.read_text(encoding="utf-8"))
    units = {str(unit) for unit in data["units"]}
    return tuple(sorted(units, key=lambda unit: (-len(unit), unit)))


def find_quantities(text: str, units: tuple[str, ...] | None = None) -> list[FoundQuantity]:
    """Every '<近/约>number<余/多>unit' in ``text`` whose unit is a known unit."""
    unit_pattern = "|".join(re.escape(unit) for unit in (units or known_units()))
    pattern = re.compile(
        rf"(?<![\d.,万千])(?P<all>(?P<prefix>[近约])?(?:{_NUMBER})(?P<suffix>[余多])?(?P<unit>{unit_pattern}))"
    )
    found: list[FoundQuantity] = []
    for match in pattern.finditer(text):
        try:
            value, notation = _number_from(match)
        except (KeyError, InvalidOperation):  # pragma: no cover - the regex only admits numbers
            continue
        qualifier = (match.group("prefix") or "") + (match.group("suffix") or "")
        quantity = Quantity(value, match.group("unit"), qualifier, notation)
        found.append(FoundQuantity(quantity, match.start("all"), match.end("all"), match.group("all")))
    return found
