"""部门类型: the kinds of department a county has, kept as data (jixiao/data/orgs/department-types.yaml).

A department's type picks its indicator library and activity vocabulary (``<slug>-v1``). The list is
data so that a bureau's roster import, the 系统管理 pages and the libraries all read the same names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jixiao.data import load_yaml

DEFAULT_TYPE = "其他"


@dataclass(frozen=True)
class DepartmentType:
    name: str  # 部门类型 as users write it: 妇联, 卫生健康 …
    slug: str  # pinyin; names the library file jixiao/data/indicators/<slug>-v1.yaml

    @property
    def library_version(self) -> str:
        return f"{self.slug}-v1"


@cache
def department_types() -> tuple[DepartmentType, ...]:
    return tuple(
        DepartmentType(entry["name"], entry["slug"])
        for entry in load_yaml("orgs/department-types.yaml")["types"]
    )


def department_type_names() -> tuple[str, ...]:
    return tuple(kind.name for kind in department_types())


def department_type(name: str) -> DepartmentType:
    """The type called ``name``; a ValueError naming the allowed values when there is none."""
    for kind in department_types():
        if kind.name == name:
            return kind
    raise ValueError(f"部门类型“{name}”不在列表中（可选：{'、'.join(department_type_names())}）")
