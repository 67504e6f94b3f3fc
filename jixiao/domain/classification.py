"""政府收支分类: 功能分类, 部门经济分类, 基本支出 (人员/公用) vs 项目支出, and the 三公 items.

The codes are data (jixiao/data/classification/*.yaml). 基本支出 = 人员经费 (301, 303) +
公用经费 (302, 310 within basic spending); 项目支出 is everything charged to a project.
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
