"""项目支出绩效目标表 in the layouts departments publish (tests/samples/goals, made by
tests/samples/make_goal_samples.py): several projects on one sheet, the 二级-as-leaf layout, the
comparison sign in its own column or in the value, each table kind's own rules, meaning checks."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from jixiao.cli import main
from jixiao.domain.goals import Goal, GoalIndicator, GoalKind, Severity, validate_goal
from jixiao.formats.goal_table import GoalTableError, read_goal_table, read_goal_tables
from jixiao.formats.tabular import read_rows
from tests.samples import make_goal_samples

SAMPLES = Path(make_goal_samples.__file__).resolve().parent / "goals"
MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
MULTI = SAMPLES / "xiangmu_duoxiangmu.xlsx"
LEAF = SAMPLES / "xiangmu_erji_yezi.xlsx"
# Findings that would only come from reading a column as the wrong thing.
READING_ERRORS = {
    "invalid_value_type",
    "missing_value_type",
    "unparsable_target",
    "missing_target",
    "unknown_category",
    "missing_category",
    "missing_unit",
    "no_tasks",
    "missing_name",
}


def findings_by_project(path):
    return {
        table.goal.project: validate_goal(table.goal, department_budget=table.budget)
        for table in read_goal_tables(path)
    }


def test_a_sheet_of_several_projects_gives_one_goal_per_project_with_its_own_rows():
    tables = read_goal_tables(MULTI)
    assert [t.goal.project for t in tables] == list(MANIFEST[MULTI.name])
    for table in tables:
        assert table.goal.kind is GoalKind.PROJECT
        rows = MANIFEST[MULTI.name][table.goal.project]
        assert [[i.name, i.row] for i in table.goal.indicators] == rows
        assert table.rows == (rows[0][1], rows[-1][1])
    salary = tables[0].goal
    assert salary.overall_goal.startswith("按时足额发放在职人员工资")
    assert salary.year == 2024


def test_the_sign_column_is_read_as_the_operator_and_the_attribute_column_as_the_value_type():
    salary, training, _ = (t.goal for t in read_goal_tables(MULTI))
    stability = next(i for i in salary.indicators if i.name == "维护社会稳定")
    assert (stability.operator, stability.target, stability.unit, stability.value_type) == (
        "≥",
        "95",
        "%",
        "定量",
    )
    assert str(stability.parsed_target()) == "≥95%"
    cost = next(i for i in salary.indicators if i.name == "人员经费支出")
    assert str(cost.parsed_target()) == "≤60万元"
    ability = next(i for i in training.indicators if i.name == "基层妇联干部履职能力")
    assert (ability.operator, ability.value_type) == ("", "定性")


def test_goals_check_on_a_multi_project_table_lists_findings_per_project_and_none_from_misreading(capsys):
    code = main(["goals", "check", str(MULTI)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "表中有3个绩效目标，逐项检查：" in out
    sections = out.split("项目：")[1:]
    assert [s.split("（", 1)[0] for s in sections] == list(MANIFEST[MULTI.name])
    assert "维护社会稳定" in sections[0] and "像是从其他类项目套用的" in sections[0]
    assert "“230人”，指标值的单位却是“个”" in sections[1]
    assert "与产出指标“举办培训班期数”（第10行）说的是同一件事" in sections[1]
    assert "未发现问题" in sections[2]
    found = findings_by_project(MULTI)
    assert {f.code for fs in found.values() for f in fs} & READING_ERRORS == set()
    assert {f.code for f in found["在职人员工资及社保缴费"]} == {"copied_indicator"}
    assert {f.code for f in found["基层妇女骨干能力提升培训"]} == {
        "unit_clash",
        "benefit_restates_output",
        "vague_target",
    }
    assert all(f.severity is Severity.NOTICE for fs in found.values() for f in fs)


def test_the_second_level_as_leaf_layout_reads_categories_targets_budgets_and_last_years_actuals():
    office, training = read_goal_tables(LEAF)
    assert (office.goal.project, training.goal.project) == tuple(MANIFEST[LEAF.name])
    first = office.goal.indicators[0]
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "办公楼日常维修维护次数")
    assert first.explanation == "反映办公楼全年维修维护情况" and first.baseline == "80次"
    satisfaction = office.goal.indicators[-1]
    assert (satisfaction.level1, satisfaction.level2) == ("满意度指标", "服务对象满意度指标")
    assert (office.budget, training.budget) == (Decimal("300000.00"), Decimal("120000.00"))
    found = findings_by_project(LEAF)
    assert {f.code for fs in found.values() for f in fs} == {"no_increase"}
    assert sorted(f.indicator for fs in found.values() for f in fs) == [
        "办公楼日常维修维护次数",
        "带动妇女就业人数",
        "干部职工满意度",
    ]


def test_a_workbook_of_several_goals_is_refused_where_one_goal_is_expected():
    with pytest.raises(GoalTableError, match="有3个绩效目标"):
        read_goal_table(MULTI)


def _one_project(path, header, rows, title="2024年项目支出绩效目标表"):
    book = Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(["项目名称", "样例项目"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return read_goal_table(path).goal


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位"], ["产出指标", "数量指标", "培训人次", "≥", "300", "人次"]),
        (["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位"], ["产出指标", "数量指标", "培训人次", "定量", "≥300", "人次"]),
        (["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位"], ["产出指标", "数量指标", "培训人次", "定量", "≥300", "人次"]),
        (["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "指标性质"], ["产出指标", "数量指标", "培训人次", "300", "人次", "大于等于"]),
    ],
)  # fmt: skip
def test_the_comparison_may_stand_in_its_own_column_or_in_the_value(tmp_path, header, row):
    goal = _one_project(tmp_path / "t.xlsx", header, [row])
    [indicator] = goal.indicators
    assert str(indicator.parsed_target()) == "≥300人次"
    assert indicator.value_type in ("", "定量")


def test_whole_table_rules_are_not_applied_to_project_tables():
    indicator = GoalIndicator("培训人次", "产出指标", "数量指标", value_type="", target="≥300", unit="人次")
    qualitative = GoalIndicator("宣传效果", "效益指标", "社会效益指标", value_type="", target="明显提升")
    department = Goal("样例单位", (indicator, qualitative))
    project = Goal("样例单位", (indicator, qualitative), kind=GoalKind.PROJECT, project="样例项目")
    whole = {f.code: f.severity for f in validate_goal(department, department_budget=None)}
    assert whole["missing_value_type"] is Severity.ERROR and whole["no_tasks"] is Severity.ERROR
    per_project = {f.code: f.severity for f in validate_goal(project, department_budget=None)}
    assert "missing_value_type" not in per_project and "no_tasks" not in per_project
    assert "missing_scoring_rule" not in per_project
    assert per_project["vague_target"] is Severity.NOTICE  # 定性 by its value, no scale asked


@pytest.mark.parametrize(
    ("name", "target", "unit", "code"),
    [
        ("资金支付完成率", "≥95", "个", "unit_clash"),
        ("接待群众来访人次", "≥300", "人次", None),
        ("宣传活动经费", "≤3", "次", "unit_clash"),
        ("培训30人", "≥30", "人", None),
    ],
)
def test_a_unit_that_clashes_with_the_name_is_a_notice(name, target, unit, code):
    goal = Goal("样例单位", (GoalIndicator(name, "产出指标", "数量指标", "定量", target, unit),))
    codes = {f.code for f in validate_goal(goal, department_budget=None) if f.code == "unit_clash"}
    assert codes == ({code} if code else set())


def test_a_boilerplate_indicator_fits_a_project_of_its_own_kind():
    indicator = GoalIndicator("维护社会稳定", "效益指标", "社会效益指标", "定量", "≥95", "%")
    fits = Goal("样例单位", (indicator,), kind=GoalKind.PROJECT, project="矛盾纠纷多元化解")
    copied = Goal("样例单位", (indicator,), kind=GoalKind.PROJECT, project="在职人员工资")
    assert "copied_indicator" not in {f.code for f in validate_goal(fits, department_budget=None)}
    assert "copied_indicator" in {f.code for f in validate_goal(copied, department_budget=None)}


def test_a_work_count_under_benefits_is_an_output():
    count = GoalIndicator("开展宣传活动次数", "效益指标", "社会效益指标", "定量", "≥12", "次")
    effect = GoalIndicator("群众知晓率提升", "效益指标", "社会效益指标", "定量", "≥80", "%")
    goal = Goal("样例单位", (count, effect), kind=GoalKind.PROJECT, project="普法宣传")
    restated = [
        f.indicator
        for f in validate_goal(goal, department_budget=None)
        if f.code == "benefit_restates_output"
    ]
    assert restated == ["开展宣传活动次数"]


def test_the_committed_goal_samples_are_what_the_script_makes(tmp_path):
    made = make_goal_samples.main(tmp_path)
    assert json.loads((made / "manifest.json").read_text(encoding="utf-8")) == MANIFEST
    for name in MANIFEST:
        assert list(read_rows(made / name)) == list(read_rows(SAMPLES / name)), name
