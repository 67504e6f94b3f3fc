"""The 共性 library and one library per 部门类型: each loads, covers the Hunan table's categories with at
least 15 of its own indicators in known units, cites what it was drawn from, and a goal composed only
from it passes validation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.domain.department_types import department_types
from jixiao.domain.goals import Goal, Task, is_submittable, validate_goal
from jixiao.domain.indicator_library import (
    COMMON_VERSION,
    DATA_SOURCES,
    EXAMPLE_KEYS,
    IndicatorLibraryError,
    combined,
    library_for_type,
    load_indicator_library,
    parse_indicator_library,
    type_library_version,
    unit_known,
)
from jixiao.domain.indicators import INDICATORS

DATA = Path(__file__).resolve().parents[3] / "jixiao" / "data" / "indicators"
TYPED = [kind for kind in department_types() if kind.slug != "qita"]
OUTPUT_CATEGORIES = ("数量指标", "质量指标", "时效指标", "成本指标")


@pytest.mark.parametrize("kind", TYPED, ids=lambda kind: kind.slug)
def test_each_type_has_its_library_with_15_indicators_over_every_required_category(kind):
    library = load_indicator_library(kind.library_version)
    assert (library.version, library.department_type) == (kind.library_version, kind.name)
    own = library.indicators
    assert len(own) >= 15
    for level2 in OUTPUT_CATEGORIES:
        assert library.in_category("产出指标", level2), f"{kind.name}缺少产出指标/{level2}"
    assert library.in_category("效益指标"), f"{kind.name}缺少效益指标"
    assert library.in_category("满意度指标"), f"{kind.name}缺少满意度指标"


@pytest.mark.parametrize("kind", TYPED, ids=lambda kind: kind.slug)
def test_every_entry_has_a_known_unit_a_direction_a_target_basis_and_a_typical_target(kind):
    library = load_indicator_library(kind.library_version)
    for entry in library.indicators:
        assert unit_known(entry.unit), f"{entry.code}的单位{entry.unit}"
        assert entry.direction in ("越高越好", "越低越好", "等于目标值")
        assert entry.target_basis and entry.typical_target, entry.code
        assert entry.source in DATA_SOURCES
    for output in library.outputs:
        assert unit_known(output.unit), output.key


@pytest.mark.parametrize("kind", TYPED, ids=lambda kind: kind.slug)
def test_the_activity_outputs_exist_feed_indicators_and_belong_to_a_work_area(kind):
    library = load_indicator_library(kind.library_version)
    keys = {output.key for output in library.outputs}
    fed = {key for entry in library.indicators for key in entry.fed_by}
    assert fed <= keys
    assert len(fed) >= 5, f"{kind.name}只有{len(fed)}种活动产出计入指标"
    areas = set(library.vocabulary.work_areas)
    assert {output.area for output in library.outputs} <= areas


@pytest.mark.parametrize("kind", TYPED, ids=lambda kind: kind.slug)
def test_each_library_cites_its_sources_and_gives_every_form_example(kind):
    library = load_indicator_library(kind.library_version)
    assert library.sources
    for source in library.sources:
        assert source.title and source.url and source.note
    assert {key for key, _text in library.vocabulary.examples} == set(EXAMPLE_KEYS)


@pytest.mark.parametrize("kind", [kind for kind in TYPED if kind.slug != "kexie"], ids=lambda kind: kind.slug)
def test_no_kexie_wording_in_another_types_library(kind):
    text = (DATA / f"{kind.library_version}.yaml").read_text(encoding="utf-8")
    assert "科普" not in text and "科协" not in text


def test_the_common_library_says_where_each_actual_comes_from_and_computes_the_computable_ones():
    common = load_indicator_library(COMMON_VERSION)
    assert common.kind == "common"
    sources = {entry.source for entry in common.indicators}
    assert {"ledger", "profile", "work_completion", "entered"} <= sources
    for entry in common.indicators:
        assert entry.formula or entry.value_type == "定性", entry.code
        if entry.source in ("ledger", "profile", "work_completion", "assets"):
            assert entry.computed in INDICATORS and entry.unit == "%"
    assert common.get("GX-SX-02").computed == "预算执行率"
    assert common.get("GX-CB-04").source == "profile"


@pytest.mark.parametrize("kind", department_types(), ids=lambda kind: kind.slug)
def test_the_type_and_common_libraries_combine_without_a_clash(kind):
    library = library_for_type(kind.name)
    assert library.common_version == COMMON_VERSION
    assert len({entry.code for entry in library.indicators}) == len(library.indicators)
    assert len({entry.name for entry in library.indicators}) == len(library.indicators)
    assert library.version == (type_library_version(kind.name) or COMMON_VERSION)


def work_of(library) -> str:
    """The year's work as an overall goal states it: the library's activity outputs."""
    return "完成" + "、".join(output.name for output in library.outputs) + "等年度重点工作"


def composed_goal(library, department: str, budget: Decimal = Decimal("5000000.00")) -> Goal:
    """Every indicator of ``library`` at its typical target, on one task holding the whole budget."""
    task = Task("年度履职", budget, "部门整体履职", "项目支出")
    return Goal(
        department=department,
        overall_goal=work_of(library),
        indicators=tuple(
            entry.goal_indicator(entry.typical_target, task=task.name, row=number)
            for number, entry in enumerate(library.indicators, start=1)
        ),
        tasks=(task,),
        year=2024,
    )


@pytest.mark.parametrize("kind", TYPED, ids=lambda kind: kind.slug)
def test_a_complete_goal_composed_only_from_the_type_library_passes_validation(kind):
    library = load_indicator_library(kind.library_version)
    budget = Decimal("5000000.00")
    findings = validate_goal(composed_goal(library, f"某县{kind.name}", budget), department_budget=budget)
    assert is_submittable(findings), [finding.message for finding in findings]
    assert findings == []


def test_a_goal_composed_from_the_common_library_alone_passes_validation():
    common = load_indicator_library(COMMON_VERSION)
    budget = Decimal("800000.00")
    findings = validate_goal(composed_goal(common, "某县其他单位", budget), department_budget=budget)
    assert findings == []


def test_a_bureau_version_is_read_from_text_and_a_bad_entry_is_named_in_chinese():
    text = (
        (DATA / "fulian-v1.yaml")
        .read_text(encoding="utf-8")
        .replace("version: fulian-v1", "version: fulian-v2")
    )
    library = parse_indicator_library(text)
    assert library.version == "fulian-v2" and len(library.indicators) >= 15
    assert combined(library, load_indicator_library(COMMON_VERSION)).label == "fulian-v2 + gongxing-v1"
    broken = text.replace("unit: 场\n", "unit: 场子\n", 1)
    with pytest.raises(
        IndicatorLibraryError, match=r"指标“巾帼宣讲场次”（FL-SL-01）的计量单位“场子”不在计量单位表"
    ):
        parse_indicator_library(broken)
    with pytest.raises(IndicatorLibraryError, match="第3行不是有效的YAML"):
        parse_indicator_library("version: x-v1\nindicators: [\n  - a: b: c\n")
    with pytest.raises(IndicatorLibraryError, match="超过512KB上限"):
        parse_indicator_library("#" * (600 * 1024))
