"""Which indicator library a department reads, and which versions a new goal takes.

A department's library is its 部门类型's library combined with the 共性 library
(``jixiao.domain.indicator_library.combined``), each either shipped with jixiao
(``jixiao/data/indicators/<version>.yaml``) or a version its finance bureau published
(``LibraryVersion``), plus the department's own indicators. A new goal takes the versions current
when it is created — the bureau's latest published version of the type (and of the 共性 library), or
else the shipped one — and keeps them: a later version changes nothing for an old year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from threading import Lock
from typing import Any

from jixiao.apps.goals.models import LibraryState, LibraryVersion
from jixiao.domain.department_types import department_type
from jixiao.domain.indicator_library import (
    COMMON_KIND,
    COMMON_VERSION,
    IndicatorLibrary,
    IndicatorLibraryError,
    combined,
    is_shipped,
    load_indicator_library,
    parse_indicator_library,
    type_library_version,
)

EMPTY = IndicatorLibrary(version="", name="（未选用指标库）", outputs=(), indicators=())

_parsed: dict[tuple[int, str], IndicatorLibrary] = {}
_parsed_lock = Lock()
PARSED_KEPT = 256  # bureau versions kept parsed in a process (each is a few dozen entries)


def _bureau_version(row_id: int, sha256: str, text: str) -> IndicatorLibrary:
    """A bureau's version parsed from its stored text; remembered by its id and content hash (a
    stored version is never changed, and a new text gets a new hash)."""
    key = (row_id, sha256)
    with _parsed_lock:
        found = _parsed.get(key)
    if found is not None:
        return found
    library = parse_indicator_library(text)
    with _parsed_lock:
        if len(_parsed) >= PARSED_KEPT:
            _parsed.clear()
        _parsed[key] = library
    return library


def base_library(bureau_id: int | None, version: str) -> IndicatorLibrary | None:
    """The library ``version``: shipped with jixiao, or one the bureau uploaded; None for ''."""
    if not version:
        return None
    if is_shipped(version):
        return load_indicator_library(version)
    row = (
        LibraryVersion.objects.filter(bureau_id=bureau_id, version=version)
        .only("id", "sha256", "text")
        .first()
    )
    if row is None:
        raise IndicatorLibraryError(f"没有版本为“{version}”的指标库", version=version)
    return _bureau_version(row.pk, row.sha256, row.text)


@dataclass(frozen=True, slots=True)
class CurrentVersions:
    """The versions a new goal of a department of ``department_type`` takes now."""

    department_type: str
    version: str  # '' for a type without its own library (其他)
    common_version: str
    version_published: bool  # the bureau's own version rather than the shipped one
    common_published: bool


def current_versions_for(bureau_id: int | None, type_name: str) -> CurrentVersions:
    kind = department_type(type_name)
    published = LibraryVersion.objects.filter(bureau_id=bureau_id, state=LibraryState.PUBLISHED).order_by(
        "-published_at", "-id"
    )
    own = published.filter(kind="type", department_type=kind.name).values_list("version", flat=True).first()
    common = published.filter(kind=COMMON_KIND).values_list("version", flat=True).first()
    return CurrentVersions(
        department_type=kind.name,
        version=own or type_library_version(kind.name),
        common_version=common or COMMON_VERSION,
        version_published=bool(own),
        common_published=bool(common),
    )


def current_versions(department) -> CurrentVersions:
    return current_versions_for(department.bureau_id, department.department_type)


def department_library(
    bureau_id: int | None,
    version: str,
    common_version: str,
    custom: Iterable[Mapping[str, Any]] = (),
    custom_outputs: Iterable[Mapping[str, Any]] = (),
) -> IndicatorLibrary:
    """The type library ``version`` combined with the 共性 library ``common_version`` (either may be
    ''), extended with the department's own indicators. An own indicator the library has come to hold
    itself (same code or name, e.g. after the bureau published a version that took it in) is left
    out rather than refused: the library's entry stands for it."""
    own = base_library(bureau_id, version)
    common = base_library(bureau_id, common_version)
    library = combined(own, common) if common is not None else (own or EMPTY)
    codes = {entry.code for entry in library.indicators}
    names = {entry.name for entry in library.indicators}
    keys = {output.key for output in library.outputs}
    items = [item for item in custom if item["code"] not in codes and item["name"] not in names]
    kept = {item["name"] for item in items}
    outputs = [item for item in custom_outputs if item["key"] not in keys and item["key"] in kept]
    if not items:
        return library
    return library.extended(items, outputs)
