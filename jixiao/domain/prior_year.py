"""上年数（录入）: the year before a department's first year in jixiao.

A department that starts using jixiao has no ledger for its previous year, yet its report
compares with that year (年初预算, “三公”经费, 人员) and its 上年结转结余 comes from that year's
决算. The summary is imported (`jixiao import prior-year`) or entered on its page, audited, and
shown as 上年数（录入）. It holds:

- 年初预算 基本 (人员/公用)/项目 by 资金来源;
- 决算 基本 (人员/公用)/项目 and 年末结转结余 by 资金来源;
- “三公”经费 by item, budget and actual;
- 编制数, 在编, 实有 and 退休 人数.

A figure that was not given is None — never 0 — so a comparison with it is "not recorded",
and "上年无此项" is said only where last year really had nothing (a 0 that was entered).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.classification import fund_source, is_fund_source, sangong_items
from jixiao.domain.errors import DomainError

ZERO = Decimal("0.00")

AMOUNT_FIELDS = (
    "basic_initial",
    "personnel_initial",
    "public_initial",
    "project_initial",
    "basic_actual",
    "personnel_actual",
    "public_actual",
    "project_actual",
    "carry_over_end",
)
STAFF_FIELDS = ("quota", "on_roll", "actual", "retired")
STAFF_LABELS = {"quota": "编制数", "on_roll": "在编人数", "actual": "实有人数", "retired": "退休人数"}
AMOUNT_LABELS = {
    "basic_initial": "年初预算·基本支出",
    "personnel_initial": "年初预算·人员经费",
    "public_initial": "年初预算·公用经费",
    "project_initial": "年初预算·项目支出",
    "basic_actual": "决算·基本支出",
    "personnel_actual": "决算·人员经费",
    "public_actual": "决算·公用经费",
    "project_actual": "决算·项目支出",
    "carry_over_end": "决算·年末结转结余",
}


class PriorYearInvalid(DomainError):
    code = "prior_year_invalid"


def _sum(values) -> Decimal | None:
    values = [v for v in values if v is not None]
    return sum(values, ZERO) if values else None


@dataclass(frozen=True, slots=True)
class PriorSource:
    """One 资金来源's figures of the prior year, in 元; None where not given."""

    source: str
    basic_initial: Decimal | None = None
    personnel_initial: Decimal | None = None
    public_initial: Decimal | None = None
    project_initial: Decimal | None = None
    basic_actual: Decimal | None = None
    personnel_actual: Decimal | None = None
    public_actual: Decimal | None = None
    project_actual: Decimal | None = None
    carry_over_end: Decimal | None = None

    def __post_init__(self) -> None:
        if not is_fund_source(self.source):
            raise PriorYearInvalid(f"未知的资金来源：{self.source}")
        for name in AMOUNT_FIELDS:
            value = getattr(self, name)
            if value is not None and (not isinstance(value, Decimal) or not value.is_finite() or value < 0):
                raise PriorYearInvalid(
                    f"{fund_source(self.source).name}{AMOUNT_LABELS[name]}必须是不小于0的金额"
                )
        for kind in ("initial", "actual"):
            basic = getattr(self, f"basic_{kind}")
            personnel = getattr(self, f"personnel_{kind}")
            public = getattr(self, f"public_{kind}")
            if (
                basic is not None
                and personnel is not None
                and public is not None
                and basic != personnel + public
            ):
                word = "年初预算" if kind == "initial" else "决算"
                raise PriorYearInvalid(
                    f"{fund_source(self.source).name}{word}基本支出{basic}元不等于人员经费{personnel}元与"
                    f"公用经费{public}元之和"
                )

    @property
    def name(self) -> str:
        return fund_source(self.source).name

    def basic(self, kind: str) -> Decimal | None:
        """基本支出 (``kind`` initial/actual): as given, or 人员经费 + 公用经费 (a part not given
        beside one that is counts 0: a source with 公用经费 only has no 人员经费)."""
        basic = getattr(self, f"basic_{kind}")
        if basic is not None:
            return basic
        parts = [getattr(self, f"personnel_{kind}"), getattr(self, f"public_{kind}")]
        if all(p is None for p in parts):
            return None
        return sum((p for p in parts if p is not None), ZERO)

    def part(self, component: str, kind: str) -> Decimal | None:
        """人员经费/公用经费 as given, or 0 beside a given other part (None when only 基本 is known)."""
        if not self.split_known(kind):
            return None
        if self.basic(kind) is None:
            return None
        return getattr(self, f"{component}_{kind}") or ZERO

    def split_known(self, kind: str) -> bool:
        """人员/公用 known apart: given as parts (not as 基本支出 alone)."""
        if getattr(self, f"basic_{kind}") is None:
            return True
        return getattr(self, f"personnel_{kind}") is not None and getattr(self, f"public_{kind}") is not None

    @property
    def has_any(self) -> bool:
        return any(getattr(self, name) is not None for name in AMOUNT_FIELDS)


@dataclass(frozen=True, slots=True)
class PriorSanGong:
    item: str
    budget: Decimal | None = None
    actual: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PriorYear:
    year: int
    sources: tuple[PriorSource, ...] = ()
    sangong: tuple[PriorSanGong, ...] = ()
    quota: int | None = None
    on_roll: int | None = None
    actual: int | None = None
    retired: int | None = None

    def __post_init__(self) -> None:
        keys = [s.source for s in self.sources]
        if len(keys) != len(set(keys)):
            raise PriorYearInvalid("同一资金来源出现了多次")
        items = [s.item for s in self.sangong]
        known = {item.key for item in sangong_items()}
        if len(items) != len(set(items)) or not set(items) <= known:
            raise PriorYearInvalid("“三公”经费项目重复或无效")
        for name in STAFF_FIELDS:
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise PriorYearInvalid(f"{STAFF_LABELS[name]}必须是不小于0的整数")

    # --- totals over sources (None when no source gives the figure) ---------------------
    def total(self, name: str, *, include_carry_over: bool = True) -> Decimal | None:
        return _sum(
            getattr(s, name)
            for s in self.sources
            if include_carry_over or not fund_source(s.source).carry_over
        )

    def basic(self, kind: str) -> Decimal | None:
        return _sum(s.basic(kind) for s in self.sources)

    def part(self, component: str, kind: str) -> Decimal | None:
        """Total 人员经费/公用经费 over sources; None unless every source with 基本支出 splits it."""
        if not self.split_known(kind):
            return None
        return _sum(s.part(component, kind) for s in self.sources)

    def split_known(self, kind: str) -> bool:
        relevant = [s for s in self.sources if s.basic(kind) is not None]
        return bool(relevant) and all(s.split_known(kind) for s in relevant)

    @property
    def basic_initial(self) -> Decimal | None:
        return self.basic("initial")

    @property
    def project_initial(self) -> Decimal | None:
        return self.total("project_initial")

    @property
    def carry_over_end(self) -> Decimal | None:
        return self.total("carry_over_end")

    @property
    def has_budget(self) -> bool:
        return self.basic_initial is not None or self.project_initial is not None

    def sangong_item(self, key: str) -> PriorSanGong | None:
        for entry in self.sangong:
            if entry.item == key:
                return entry
        return None

    def sangong_total(self, attribute: str) -> Decimal | None:
        """Sum over the four items; None unless every item has the figure."""
        values = []
        for item in sangong_items():
            entry = self.sangong_item(item.key)
            value = getattr(entry, attribute) if entry is not None else None
            if value is None:
                return None
            values.append(value)
        return sum(values, ZERO)

    @property
    def is_empty(self) -> bool:
        return (
            not any(s.has_any for s in self.sources)
            and not any(e.budget is not None or e.actual is not None for e in self.sangong)
            and all(getattr(self, name) is None for name in STAFF_FIELDS)
        )

    # --- storage -----------------------------------------------------------------------
    def to_json(self) -> dict:
        def money(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "year": self.year,
            "sources": [
                {"source": s.source, **{name: money(getattr(s, name)) for name in AMOUNT_FIELDS}}
                for s in self.sources
            ],
            "sangong": [
                {"item": e.item, "budget": money(e.budget), "actual": money(e.actual)} for e in self.sangong
            ],
            **{name: getattr(self, name) for name in STAFF_FIELDS},
        }

    @classmethod
    def from_json(cls, data: dict) -> PriorYear:
        def money(value) -> Decimal | None:
            return None if value is None else Decimal(str(value))

        return cls(
            year=int(data["year"]),
            sources=tuple(
                PriorSource(
                    source=entry["source"], **{name: money(entry.get(name)) for name in AMOUNT_FIELDS}
                )
                for entry in data.get("sources", ())
            ),
            sangong=tuple(
                PriorSanGong(item=e["item"], budget=money(e.get("budget")), actual=money(e.get("actual")))
                for e in data.get("sangong", ())
            ),
            **{name: data.get(name) for name in STAFF_FIELDS},
        )


@dataclass
class PriorYearBuilder:
    """Collects figures row by row (the importer, the entry form) into a PriorYear."""

    year: int
    sources: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    sangong: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)

    def has(self, kind: str, key: tuple) -> bool:
        if kind == "source":
            return key[1] in self.sources.get(key[0], {})
        if kind == "sangong":
            return key[1] in self.sangong.get(key[0], {})
        return key[0] in self.staff

    def set_amount(self, source: str, name: str, amount: Decimal) -> None:
        self.sources.setdefault(source, {})[name] = amount

    def set_sangong(self, item: str, attribute: str, amount: Decimal) -> None:
        self.sangong.setdefault(item, {})[attribute] = amount

    def set_staff(self, name: str, count: int) -> None:
        self.staff[name] = count

    def build(self) -> PriorYear:
        order = {item.key: index for index, item in enumerate(sangong_items())}
        return PriorYear(
            year=self.year,
            sources=tuple(
                PriorSource(source=key, **values)
                for key, values in sorted(self.sources.items(), key=lambda kv: fund_source(kv[0]).order)
            ),
            sangong=tuple(
                PriorSanGong(item=key, **values)
                for key, values in sorted(self.sangong.items(), key=lambda kv: order[kv[0]])
            ),
            **self.staff,
        )
