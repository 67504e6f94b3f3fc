"""政府收支分类: 功能分类, 部门经济分类, 基本支出 (人员/公用) vs 项目支出, the 三公 items, and
the 资金来源 (fund sources) of the 部门决算.

The codes are data (jixiao/data/classification/*.yaml). 基本支出 = 人员经费 (301, 303) +
公用经费 (302, 310 within basic spending); 项目支出 is everything charged to a project.
资金来源 is one more dimension of the budget control key (fund-sources.yaml).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache

from jixiao.data import load_yaml


class FundType(enum.StrEnum):
    """支出性质: the fund a line belongs to. It is part of the budget control key."""

    BASIC_PERSONNEL = "basic_personnel"
    BASIC_PUBLIC = "basic_public"
    PROJECT = "project"

    @property
    def label(self) -> str:
        return FUND_TYPE_LABELS[self]

    @property
    def is_basic(self) -> bool:
        return self is not FundType.PROJECT

    @property
    def family_label(self) -> str:
        return "基本支出" if self.is_basic else "项目支出"


FUND_TYPE_LABELS = {
    FundType.BASIC_PERSONNEL: "基本支出-人员经费",
    FundType.BASIC_PUBLIC: "基本支出-公用经费",
    FundType.PROJECT: "项目支出",
}


@dataclass(frozen=True, slots=True)
class SanGongItem:
    """A “三公”经费 item, identified by its 经济分类 code."""

    key: str
    code: str
    name: str
    group: str | None = None


@cache
def functional_codes() -> dict[str, str]:
    return {str(k): v for k, v in load_yaml("classification/functional.yaml")["codes"].items()}


@cache
def _economic() -> dict:
    return load_yaml("classification/economic.yaml")


def economic_classes() -> dict[str, dict]:
    return {str(k): v for k, v in _economic()["classes"].items()}


def economic_items() -> dict[str, str]:
    return {str(k): v for k, v in _economic()["items"].items()}


@cache
def sangong_items() -> tuple[SanGongItem, ...]:
    data = load_yaml("classification/sangong.yaml")
    return tuple(SanGongItem(**{**item, "code": str(item["code"])}) for item in data["items"])


# --- 资金来源 ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FundSource:
    """One 资金来源 (a 收入 category of the 收入支出决算总表)."""

    key: str
    name: str
    fiscal: bool = False
    carry_over: bool = False
    order: int = 0

    @property
    def group_label(self) -> str:
        if self.carry_over:
            return "上年结转结余"
        return "财政拨款" if self.fiscal else "非财政拨款资金"


_SPELLING_DIRT = str.maketrans({"（": "(", "）": ")", " ": "", "\u3000": "", "：": ":"})


def _spelling(text: str) -> str:
    return str(text).translate(_SPELLING_DIRT).strip()


@cache
def _fund_source_data() -> tuple[tuple[FundSource, ...], dict[str, str], str]:
    data = load_yaml("classification/fund-sources.yaml")
    sources = tuple(
        FundSource(
            key=entry["key"],
            name=entry["name"],
            fiscal=bool(entry.get("fiscal", False)),
            carry_over=bool(entry.get("carry_over", False)),
            order=index,
        )
        for index, entry in enumerate(data["sources"])
    )
    spellings: dict[str, str] = {}
    for source, entry in zip(sources, data["sources"], strict=True):
        for text in (entry["name"], entry["key"], *entry.get("spellings", ())):
            spellings.setdefault(_spelling(text), source.key)
    return sources, spellings, data["default"]


def fund_sources() -> tuple[FundSource, ...]:
    return _fund_source_data()[0]


def default_fund_source() -> str:
    """一般公共预算财政拨款: the source of every line entered before sources existed."""
    return _fund_source_data()[2]


def fund_source(key: str) -> FundSource:
    for source in fund_sources():
        if source.key == key:
            return source
    raise ValueError(f"未知的资金来源：{key}")


def is_fund_source(key: str) -> bool:
    return any(source.key == key for source in fund_sources())


def fund_source_name(key: str | None) -> str:
    if not key:
        return "资金来源未填"
    try:
        return fund_source(key).name
    except ValueError:
        return key


def fund_source_for(text: object) -> FundSource | None:
    """'一般公共预算资金', '1-一般公共预算资金', '其他收入', 'other_income' → the source; None if unknown."""
    raw = _spelling(str(text or ""))
    if not raw:
        return None
    spellings = _fund_source_data()[1]
    candidates = [raw]
    head, sep, tail = raw.partition("-")
    if sep and head.isdigit() and tail:
        candidates.append(tail)
    stripped = raw.lstrip("0123456789[]【】 ")
    if stripped != raw:
        candidates.append(stripped.lstrip("-_ "))
    for candidate in candidates:
        key = spellings.get(candidate)
        if key is not None:
            return fund_source(key)
    return None


def fund_source_choices() -> list[tuple[str, str]]:
    return [(source.key, source.name) for source in fund_sources()]


def sangong_group_label(group: str) -> str:
    return load_yaml("classification/sangong.yaml")["groups"][group]


SANGONG_CODES = frozenset(item.code for item in sangong_items())


def sangong_item_for(econ_code: str) -> SanGongItem | None:
    for item in sangong_items():
        if econ_code.startswith(item.code):
            return item
    return None


def function_name(code: str) -> str | None:
    return functional_codes().get(code)


def function_path(code: str) -> str:
    """'2060702' → '科学技术支出/科学技术普及/科普活动'."""
    parts = [functional_codes().get(code[:n]) for n in (3, 5, 7) if len(code) >= n]
    return "/".join(p for p in parts if p)


def economic_name(code: str) -> str | None:
    if len(code) == 3:
        entry = economic_classes().get(code)
        return entry["name"] if entry else None
    return economic_items().get(code)


def economic_class(code: str) -> str:
    return code[:3]


def is_known_economic_code(code: str) -> bool:
    return economic_name(code) is not None


def is_known_function_code(code: str) -> bool:
    return function_name(code) is not None


def is_personnel_economic(code: str) -> bool:
    entry = economic_classes().get(economic_class(code))
    return bool(entry) and entry["group"] == "personnel"


def basic_fund_type_for(econ_code: str) -> FundType:
    """Which basic fund an economic code belongs to: 301/303 → 人员经费; 302/310 → 公用经费."""
    return FundType.BASIC_PERSONNEL if is_personnel_economic(econ_code) else FundType.BASIC_PUBLIC
