"""`jixiao goals check` reads a goal table against its 部门类型's library: for every type, a goal table
composed from that type's library (written with the goal-table export) passes, and none of its
indicators is reported as unknown; one that is not in the library is."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.cli import main
from jixiao.domain.department_types import department_types
from jixiao.domain.goals import Goal, GoalIndicator, Task
from jixiao.domain.indicator_library import library_for_type
from jixiao.formats.goal_table import read_goal_table
from jixiao.formats.goal_table_writer import write_goal_table

BUDGET = Decimal("5000000.00")
UNKNOWN = "不在指标库"


def library_goal(type_name: str) -> Goal:
    """Every indicator of the type's library and of the 共性 library at its typical target."""
    library = library_for_type(type_name)
    tasks = (
        Task("机关运转", Decimal("1500000.00"), "保障人员和日常运转", "基本支出"),
        Task("业务工作", BUDGET - Decimal("1500000.00"), "年度履职业务", "项目支出"),
    )
    indicators = tuple(
        entry.goal_indicator(entry.typical_target, task=tasks[1].name) for entry in library.indicators
    )
    work = "完成" + "、".join(output.name for output in library.outputs) + "等年度重点工作"
    return Goal(
        department=f"某县{type_name}单位", indicators=indicators, tasks=tasks, year=2024, overall_goal=work
    )


def write(tmp_path, goal: Goal, type_name: str = "") -> str:
    path = tmp_path / "目标表.xlsx"
    path.write_bytes(write_goal_table(goal, department_type=type_name, budget=BUDGET))
    return str(path)


@pytest.mark.parametrize("kind", department_types(), ids=lambda kind: kind.slug)
def test_a_goal_table_of_each_type_passes_and_raises_no_unknown_indicator(tmp_path, capsys, kind):
    goal = library_goal(kind.name)
    path = write(tmp_path, goal, kind.name)
    assert main(["goals", "check", path]) == 0
    out = capsys.readouterr().out
    assert UNKNOWN not in out
    assert f"部门类型“{kind.name}”，取自表头“部门类型”" in out
    assert "未发现问题" in out, out
    assert f"三级指标{len(goal.indicators)}个" in out


def test_the_export_reads_back_as_the_same_goal(tmp_path):
    goal = library_goal("妇联")
    table = read_goal_table(write(tmp_path, goal, "妇联"))
    assert table.department_type == "妇联"
    assert table.budget == BUDGET
    assert [(row.name, row.target, row.unit, row.task) for row in table.goal.indicators] == [
        (row.name, row.target, row.unit, row.task) for row in goal.indicators
    ]
    assert [(task.name, task.budget) for task in table.goal.tasks] == [
        (task.name, task.budget) for task in goal.tasks
    ]


def test_the_type_on_the_command_line_wins_and_another_types_indicators_are_unknown(tmp_path, capsys):
    path = write(tmp_path, library_goal("妇联"), "妇联")
    assert main(["goals", "check", path, "--type", "水利"]) == 0  # 提示 do not block
    out = capsys.readouterr().out
    assert "部门类型“水利”，取自命令行 --type" in out
    assert "三级指标“巾帼宣讲场次”不在指标库shuili-v1 + gongxing-v1中" in out
    assert "三级指标“预算执行率”" not in out  # 共性 indicators are in every department's library


def test_an_indicator_outside_the_library_is_a_notice_naming_it(tmp_path, capsys):
    goal = library_goal("妇联")
    own = GoalIndicator(
        "妇女微家建设数",
        "产出指标",
        "数量指标",
        "定量",
        "≥5",
        unit="个",
        explanation="新建妇女微家",
        scoring_rule="达到目标值得满分",
        task="业务工作",
    )
    misfiled = replace(goal.indicators[0], unit="次")  # 巾帼宣讲场次 is counted in 场
    goal = replace(goal, indicators=(misfiled, *goal.indicators[1:], own))
    assert main(["goals", "check", write(tmp_path, goal, "妇联")]) == 0
    out = capsys.readouterr().out
    assert "提示　三级指标“妇女微家建设数”不在指标库fulian-v1 + gongxing-v1中" in out
    assert "三级指标“巾帼宣讲场次”的计量单位“次”与指标库fulian-v1 + gongxing-v1中的“场”不一致" in out


def test_without_a_type_the_library_is_not_checked_and_says_how_to_give_one(tmp_path, capsys):
    path = write(tmp_path, library_goal("信访"))
    assert main(["goals", "check", path]) == 0
    out = capsys.readouterr().out
    assert "未指定部门类型" in out and "--type" in out and UNKNOWN not in out


def test_an_unknown_type_exits_2_listing_the_types(tmp_path, capsys):
    path = write(tmp_path, library_goal("信访"))
    assert main(["goals", "check", path, "--type", "宣传部"]) == 2
    err = capsys.readouterr().err
    assert "部门类型“宣传部”不在列表中" in err and "妇联" in err


def test_a_bureau_library_file_can_be_given(tmp_path, capsys):
    from jixiao.domain.indicator_library import DATA_DIR

    text = (DATA_DIR / "fulian-v1.yaml").read_text(encoding="utf-8")
    own = tmp_path / "fulian-v2.yaml"
    own.write_text(text.replace("version: fulian-v1", "version: fulian-v2"), encoding="utf-8")
    path = write(tmp_path, library_goal("妇联"), "妇联")
    assert main(["goals", "check", path, "--library", str(own)]) == 0
    out = capsys.readouterr().out
    assert "指标库：fulian-v2 + gongxing-v1（取自文件“fulian-v2.yaml”）" in out and UNKNOWN not in out
