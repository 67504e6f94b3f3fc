"""Frameworks are data: loaded by authority and year, validated on load."""

import copy
from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml

from jixiao.domain.scoring import (
    FRAMEWORK_DIR,
    Bands,
    CappedRatio,
    Checklist,
    DeductionPerPoint,
    FrameworkInvalid,
    FrameworkNotFound,
    GoalIndicators,
    Manual,
    PerShortfallStep,
    Proportional,
    Qualitative,
    Surplus,
    list_frameworks,
    load_framework,
    parse_framework,
)

HUNAN_FILE = FRAMEWORK_DIR / "hunan-bumen-zhengti-2019.yaml"


def hunan_data():
    return yaml.safe_load(HUNAN_FILE.read_text(encoding="utf-8"))


def test_the_hunan_table_is_100_points_in_four_levels(hunan):
    assert hunan.total == D(100)
    assert [(level.name, level.points) for level in hunan.levels] == [
        ("投入", D(15)),
        ("过程", D(40)),
        ("产出", D(25)),
        ("效果", D(20)),
    ]
    assert sum(row.points for row in hunan.rows) == D(100)


def test_the_hunan_table_uses_the_verified_yueyang_points_and_marks_its_rows(hunan):
    verified = {row.name: row.points for row in hunan.rows if row.source == "V"}
    assert verified == {
        "在职人员控制率": D(5),
        "“三公经费”变动率": D(5),
        "重点支出安排率": D(5),
        "预算调整率": D(3),
        "资金结余": D(3),
        "“三公经费”控制率": D(6),
        "管理制度健全性": D(3),
        "资金使用合规性": D(3),
    }
    assert hunan.row("payment_progress").source == "P"
    assert {row.source for row in hunan.rows} == {"V", "P", "A"}


def test_the_hunan_table_exercises_every_rule_kind(hunan):
    kinds = {type(row.rule) for row in hunan.rows}
    assert kinds == {
        Bands,
        DeductionPerPoint,
        PerShortfallStep,
        Proportional,
        CappedRatio,
        Checklist,
        Qualitative,
        Manual,
        GoalIndicators,
        Surplus,
    }
    assert hunan.row("staff_control").rule == DeductionPerPoint(benchmark=D(100), per_point=D("0.5"))


def test_the_2020_project_self_evaluation_weights(mof_project):
    assert mof_project.authority == "财政部"
    assert mof_project.valid_from == 2020
    assert {row.name: row.points for row in mof_project.rows} == {
        "预算执行率": D(10),
        "产出指标": D(50),
        "效益指标": D(30),
        "满意度指标": D(10),
    }


def test_framework_is_picked_by_authority_and_year():
    assert load_framework(authority="湖南省", year=2019).key == "hunan-bumen-zhengti-2019"
    assert load_framework(authority="财政部", year=2020).key == "mof-xiangmu-ziping-2020"
    assert len(list_frameworks()) == 2


def test_no_framework_valid_that_year_is_refused_with_what_exists():
    with pytest.raises(FrameworkNotFound, match="没有“财政部”发布、适用于2019年度的评分框架"):
        load_framework(authority="财政部", year=2019)
    with pytest.raises(FrameworkNotFound, match="湖南省（2019年起）"):
        load_framework(authority="广东省", year=2023)


def _write(directory: Path, name: str, data: dict) -> None:
    (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_latest_version_valid_from_on_or_before_the_year_is_chosen(tmp_path):
    for year in (2019, 2022, 2025):
        data = hunan_data()
        data["key"] = f"hunan-{year}"
        data["valid_from"] = year
        _write(tmp_path, f"hunan-{year}.yaml", data)
    assert load_framework(authority="湖南省", year=2021, directory=tmp_path).key == "hunan-2019"
    assert load_framework(authority="湖南省", year=2022, directory=tmp_path).key == "hunan-2022"
    assert load_framework(authority="湖南省", year=2024, directory=tmp_path).key == "hunan-2022"
    assert load_framework(authority="湖南省", year=2030, directory=tmp_path).key == "hunan-2025"


def test_row_points_that_do_not_sum_to_the_total_are_refused():
    data = hunan_data()
    data["rows"][0]["points"] = 6
    with pytest.raises(FrameworkInvalid, match="各评分项分值之和为101分，不等于总分100分"):
        parse_framework(data)


def test_a_level_whose_rows_do_not_sum_to_its_points_is_refused():
    data = hunan_data()
    data["rows"][0]["points"] = 6  # 投入 +1
    data["rows"][-1]["points"] = 7  # 效果 −1
    with pytest.raises(FrameworkInvalid, match="一级指标“投入”下各评分项分值之和为16分，不等于其分值15分"):
        parse_framework(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: rows[0].update(indicator="不存在的指标"), "引用的计算指标“不存在的指标”不存在"),
        (lambda rows: rows[0].update(rule={"kind": "lottery"}), "评分规则类型“lottery”未知"),
        (lambda rows: rows[0].pop("rule"), "缺少字段“rule”"),
        (
            lambda rows: rows[2]["rule"].update(bands=[[80, 4], [90, 5]]),
            "分档界限须从高到低排列且不重复",
        ),
        (lambda rows: rows[2]["rule"].update(bands=[[90, 6]]), "分档得分6超出0至5分"),
        (lambda rows: rows[7]["rule"]["items"][0].update(points=2), "各检查项分值之和4不等于该项分值3"),
        (lambda rows: rows[1].update(key="staff_control"), "评分项 key 重复：staff_control"),
        (lambda rows: rows[0].update(source="X"), "来源标记应为"),
    ],
)
def test_invalid_rows_are_refused_naming_the_framework_and_row(change, message):
    data = copy.deepcopy(hunan_data())
    change(data["rows"])
    with pytest.raises(FrameworkInvalid, match=message) as refused:
        parse_framework(data)
    assert "评分框架“部门整体支出绩效评价评分表（湖南省县级参考表）”" in str(refused.value)


def test_yaml_half_points_are_exact_decimals_not_floats(hunan):
    rule = hunan.row("budget_adjustment").rule
    assert rule.bands[-1] == (D(30), D("0.5"))
    assert isinstance(rule.bands[-1][1], D)


def test_an_indicator_parameter_the_indicator_does_not_take_is_refused():
    data = hunan_data()
    data["rows"][1]["params"] = {"口径": "决算"}
    with pytest.raises(FrameworkInvalid, match="指标参数“口径”不被“三公经费变动率”接受"):
        parse_framework(data)
