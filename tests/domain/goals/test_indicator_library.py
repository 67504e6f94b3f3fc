"""The indicator library is versioned data; every entry is checked when it loads."""

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.domain.goals import CurveKind, Operator, validate_goal
from jixiao.domain.indicator_library import (
    IndicatorLibraryError,
    load_indicator_library,
    load_indicator_library_file,
)

from .conftest import BUDGET, small_goal

SEED_STARTERS = [
    "科普活动次数",
    "下乡科普场次",
    "科普资料发放份数",
    "受益人次",
    "科普示范基地数",
    "青少年科技创新大赛参赛作品数",
    "青少年科技创新大赛获奖数",
    "科技志愿者人数",
    "派驻驻村工作队员",
    "银龄科普服务人次",
    "公众满意度",
    "科普活动按计划完成率",
    "资金在年底前支付完成率",
    "人均科普成本",
]


@pytest.fixture(scope="module")
def library():
    return load_indicator_library("kexie-v1")


def test_the_library_says_its_version(library):
    assert library.version == "kexie-v1"


@pytest.mark.parametrize("name", SEED_STARTERS)
def test_the_starter_library_holds_the_seeds_work(library, name):
    entry = library.find(name)
    assert entry is not None
    assert entry.explanation and entry.unit and entry.scoring_rule


def test_every_category_of_the_hunan_table_has_indicators(library):
    for level2 in ("数量指标", "质量指标", "时效指标", "成本指标"):
        assert library.in_category("产出指标", level2)
    for level2 in ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"):
        assert library.in_category("效益指标", level2)
    assert library.in_category("满意度指标", "服务对象满意度指标")


def test_an_entry_carries_its_unit_operator_and_feeding_outputs(library):
    entry = library.find("下乡科普场次")
    assert (entry.code, entry.unit, entry.operator, entry.value_type) == (
        "KX-SL-02",
        "次",
        Operator.GE,
        "定量",
    )
    assert entry.fed_by == ("下乡科普次数",)
    assert library.output("下乡科普次数").unit == "次"
    assert [item.name for item in library.fed_by("受益师生人次")] == [
        "科普进校园受益师生人次",
        "科普活动受益群众总人次",
    ]


def test_entries_declare_how_progress_is_expected(library):
    assert library.find("下乡科普场次").progress.kind is CurveKind.LINEAR
    assert library.find("公众满意度").progress.kind is CurveKind.YEAR_END
    science_day = library.find("全国科普日参与单位数").progress
    assert science_day.kind is CurveKind.POINTS
    assert (science_day.points[0].month, science_day.points[0].day, science_day.points[0].share) == (
        9,
        30,
        100,
    )


def test_the_only_qualitative_entry_has_a_graded_scale(library):
    qualitative = [entry for entry in library.indicators if entry.value_type == "定性"]
    assert [entry.name for entry in qualitative] == ["科普工作社会评价"]


def test_a_library_entry_placed_on_a_goal_validates(library):
    goal = small_goal()
    placed = library.get("KX-SL-11").goal_indicator("≥250", task="科普宣传", points=Decimal(2))
    assert placed.target == "≥250" and placed.unit == "人次" and placed.code == "KX-SL-11"
    goal = type(goal)(goal.department, (*goal.indicators, placed), goal.tasks, goal.year)
    assert validate_goal(goal, department_budget=BUDGET) == []


def test_a_department_can_add_its_own_indicators(library):
    own = library.extended(
        indicators=[
            {
                "code": "CN-01",
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "科普讲座场次",
                "explanation": "面向农户的种养殖科普讲座",
                "unit": "场",
                "operator": ">=",
                "scoring_rule": "达到目标值得满分",
                "fed_by": ["科普讲座"],
            }
        ],
        outputs=[{"key": "科普讲座", "unit": "场"}],
    )
    added = own.get("CN-01")
    assert added.custom and added.operator is Operator.GE
    assert len(own.indicators) == len(library.indicators) + 1
    assert not library.find("科普讲座场次")


def test_a_duplicate_code_is_refused(library):
    with pytest.raises(IndicatorLibraryError, match="指标编码“KX-SL-01”重复"):
        library.extended(
            indicators=[
                {
                    "code": "KX-SL-01",
                    "level1": "产出",
                    "level2": "数量",
                    "name": "另一个指标",
                    "explanation": "x",
                    "unit": "次",
                    "operator": "≥",
                    "scoring_rule": "x",
                }
            ]
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"level2": "政治效益"}, "不是产出、效益或满意度下的类别"),
        ({"operator": "约"}, "比较符“约”无效"),
        ({"value_type": "定性"}, "须分级分档"),
        ({"fed_by": ["没有的产出"]}, "不存在的活动产出“没有的产出”"),
        ({"explanation": ""}, "缺少“explanation”"),
    ],
)
def test_a_bad_entry_is_refused_naming_it(tmp_path: Path, change, message):
    entry = {
        "code": "X-1",
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "测试指标",
        "explanation": "解释",
        "unit": "次",
        "operator": "≥",
        "scoring_rule": "达到目标值得满分",
        "value_type": "定量",
    } | change
    import yaml

    path = tmp_path / "bad.yaml"
    path.write_text(
        yaml.safe_dump({"version": "t1", "outputs": [], "indicators": [entry]}, allow_unicode=True)
    )
    with pytest.raises(IndicatorLibraryError, match=message):
        load_indicator_library_file(path)


def test_an_unknown_version_is_refused():
    with pytest.raises(IndicatorLibraryError, match="没有版本为“kexie-v9”的指标库"):
        load_indicator_library("kexie-v9")
