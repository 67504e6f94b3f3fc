"""Reading a Hunan 整体绩效目标表 workbook into the goal dataclasses, keeping Excel row numbers."""

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from jixiao.domain.goals import Severity, is_submittable, validate_goal
from jixiao.formats.goal_table import GoalTableError, read_goal_table

HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值类型",
    "*指标值",
    "计量单位",
    "*指标解释",
    "*评(扣)分标准",
    "备注",
]

# (一级, 二级, 三级, 类型, 指标值, 单位, 解释, 评分标准, 备注)
INDICATORS = [
    (
        "产出指标",
        "数量指标",
        "下乡科普场次",
        "定量",
        "≥25",
        "次",
        "科普大篷车下乡赶集科普",
        "达到得满分",
        "科普益民宣传",
    ),
    (
        "产出指标",
        "数量指标",
        "科普资料发放份数",
        "定量",
        "≥25000",
        "份",
        "免费发放科普资料",
        "达到得满分",
        "科普益民宣传",
    ),
    (
        "产出指标",
        "质量指标",
        "科普活动按计划完成率",
        "定量",
        "≥95%",
        "",
        "完成计划活动比例",
        "达到得满分",
        "科普益民宣传",
    ),
    (
        "产出指标",
        "时效指标",
        "资金在年底前支付完成率",
        "定量",
        "≥95",
        "%",
        "年底前支付比例",
        "达到得满分",
        "科普益民宣传",
    ),
    (
        "产出指标",
        "成本指标",
        "科普宣传活动支出",
        "定量",
        "≤20",
        "万元",
        "不超预算",
        "超支不得分",
        "科普益民宣传",
    ),
    (
        "效益指标",
        "社会效益指标",
        "科普活动受益群众总人次",
        "定量",
        "≥38000",
        "人次",
        "受益人次",
        "达到得满分",
        "科普益民宣传",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "公众满意度",
        "定量",
        "≥90",
        "%",
        "问卷调查",
        "达到得满分",
        "科普益民宣传",
    ),
]

TASKS = [
    ("机构运转", "保障人员工资和日常运转", "1644049.00"),
    ("科普益民宣传", "下乡科普、全国科普日", "440000.00"),
]


def build_goal_workbook(
    path: Path,
    *,
    indicators=INDICATORS,
    tasks=TASKS,
    task_total: str | None = "2084049.00",
    budget_unit: str = "元",
    merge_categories: bool = True,
    with_tasks: bool = True,
    leading_rows: int = 0,
) -> dict[str, int]:
    """A workbook laid out like the Hunan form; returns the Excel row of each indicator by name."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "整体绩效目标表"
    for _ in range(leading_rows):
        sheet.append([])
    sheet.append(["常宁市科学技术协会2023年度整体绩效目标表"])
    title_row = sheet.max_row
    sheet.merge_cells(start_row=title_row, start_column=1, end_row=title_row, end_column=9)
    sheet.append(["部门（单位）名称", None, "常宁市科学技术协会"])
    row = sheet.max_row
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=9)
    sheet.append(["*部门（单位）职责", None, "开展科学普及等工作"])
    sheet.append(["*年度总体绩效目标", None, "开展下乡科普和全国科普日活动，服务对象满意度不低于90%"])
    if with_tasks:
        sheet.append(["年度主要任务", "任务名称", "主要内容", f"预算金额（{budget_unit}）"])
        first = sheet.max_row
        for name, content, amount in tasks:
            sheet.append([None, name, content, amount])
        if task_total is not None:
            sheet.append([None, "合计", None, task_total])
        sheet.merge_cells(start_row=first, start_column=1, end_row=sheet.max_row, end_column=1)
    sheet.append([])
    sheet.append(["年度绩效指标"])
    sheet.append(HEADER)
    rows: dict[str, int] = {}
    start = sheet.max_row + 1
    for item in indicators:
        sheet.append(list(item))
        rows[item[2]] = sheet.max_row
    if merge_categories:
        # merge runs of equal 一级 and 二级 cells, leaving only the top value as Excel does
        for column in (1, 2):
            run_start = start
            for r in range(start, sheet.max_row + 2):
                value = sheet.cell(r, column).value if r <= sheet.max_row else object()
                if value != sheet.cell(run_start, column).value:
                    if r - 1 > run_start:
                        sheet.merge_cells(
                            start_row=run_start, start_column=column, end_row=r - 1, end_column=column
                        )
                    run_start = r
    workbook.save(path)
    return rows


@pytest.fixture
def table_path(tmp_path):
    path = tmp_path / "目标表.xlsx"
    rows = build_goal_workbook(path)
    return path, rows


def test_a_clean_table_reads_into_a_valid_goal(table_path):
    path, _rows = table_path
    table = read_goal_table(path)
    goal = table.goal
    assert goal.department == "常宁市科学技术协会"
    assert goal.year == 2023
    assert goal.overall_goal.startswith("开展下乡科普")
    assert goal.duties == "开展科学普及等工作"
    assert [task.name for task in goal.tasks] == ["机构运转", "科普益民宣传"]
    assert goal.tasks[0].budget == Decimal("1644049.00")
    assert table.budget == Decimal("2084049.00")
    assert "合计行" in table.budget_source
    assert table.problems == ()
    assert validate_goal(goal, department_budget=table.budget) == []


def test_each_indicator_keeps_its_excel_row(table_path):
    path, rows = table_path
    goal = read_goal_table(path).goal
    assert {indicator.name: indicator.row for indicator in goal.indicators} == rows
    assert read_goal_table(path).header_row == rows["下乡科普场次"] - 1


def test_merged_category_cells_are_filled_down(table_path):
    path, _ = table_path
    goal = read_goal_table(path).goal
    second = goal.indicators[1]
    assert (second.level1, second.level2) == ("产出指标", "数量指标")
    assert goal.indicators[4].level1 == "产出指标"


def test_blank_category_cells_without_merges_continue_the_category_above(tmp_path):
    blank = [INDICATORS[0], ("", "", *INDICATORS[1][2:]), *INDICATORS[2:]]
    path = tmp_path / "t.xlsx"
    build_goal_workbook(path, indicators=blank, merge_categories=False)
    goal = read_goal_table(path).goal
    assert (goal.indicators[1].level1, goal.indicators[1].level2) == ("产出指标", "数量指标")


def test_the_header_row_is_found_wherever_it_stands(tmp_path):
    path = tmp_path / "t.xlsx"
    rows = build_goal_workbook(path, leading_rows=4)
    table = read_goal_table(path)
    assert table.goal.indicators[0].row == rows["下乡科普场次"]


def test_target_value_and_unit_columns_combine(table_path):
    path, _ = table_path
    goal = read_goal_table(path).goal
    assert [str(indicator.parsed_target()) for indicator in goal.indicators[:5]] == [
        "≥25次",
        "≥25000份",
        "≥95%",
        "≥95%",
        "≤20万元",
    ]


def test_the_task_named_in_the_note_column_links_the_indicator(table_path):
    path, _ = table_path
    goal = read_goal_table(path).goal
    assert {indicator.task for indicator in goal.indicators} == {"科普益民宣传"}


def test_a_vague_target_is_refused_with_its_row_and_indicator(tmp_path):
    vague = [
        *INDICATORS[:6],
        (
            "满意度指标",
            "服务对象满意度指标",
            "公众满意度",
            "定量",
            "有效提高",
            "",
            "问卷调查",
            "达到得满分",
            "科普益民宣传",
        ),
    ]
    path = tmp_path / "t.xlsx"
    rows = build_goal_workbook(path, indicators=vague)
    table = read_goal_table(path)
    findings = validate_goal(table.goal, department_budget=table.budget)
    assert [(finding.code, finding.row, finding.indicator) for finding in findings] == [
        ("vague_target", rows["公众满意度"], "公众满意度")
    ]
    assert "三级指标“公众满意度”的指标值“有效提高”是模糊表述" in findings[0].message
    assert not is_submittable(findings)


def test_numeric_cells_and_percent_formats_are_read_as_written(tmp_path):
    path = tmp_path / "t.xlsx"
    build_goal_workbook(path)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.active
    for row in sheet.iter_rows():
        if row[2].value == "科普活动按计划完成率":
            row[4].value = 0.95
            row[4].number_format = "0%"
        if row[2].value == "下乡科普场次":
            row[4].value = 25
    workbook.save(path)
    goal = read_goal_table(path).goal
    by_name = {indicator.name: indicator for indicator in goal.indicators}
    assert by_name["科普活动按计划完成率"].target == "95%"
    assert by_name["下乡科普场次"].target == "25"
    findings = validate_goal(goal, department_budget=Decimal("2084049.00"))
    # a bare number has no comparison sign: the table must say ≥, ≤ or =
    assert [(f.code, f.indicator) for f in findings] == [
        ("unparsable_target", "下乡科普场次"),
        ("unparsable_target", "科普活动按计划完成率"),
    ]


def test_task_budgets_in_wan_are_converted_to_yuan(tmp_path):
    path = tmp_path / "t.xlsx"
    tasks = [("机构运转", "运转", "164.4049"), ("科普益民宣传", "科普", "44")]
    build_goal_workbook(path, tasks=tasks, task_total="208.4049", budget_unit="万元")
    table = read_goal_table(path)
    assert [task.budget for task in table.goal.tasks] == [Decimal("1644049.00"), Decimal("440000.00")]
    assert table.budget == Decimal("2084049.00")


def test_a_task_total_that_does_not_match_the_tasks_is_found(tmp_path):
    path = tmp_path / "t.xlsx"
    build_goal_workbook(path, task_total="2100000.00")
    table = read_goal_table(path)
    findings = validate_goal(table.goal, department_budget=table.budget)
    assert [finding.code for finding in findings] == ["task_budget_mismatch"]


def test_an_unreadable_task_budget_is_a_finding_with_its_row(tmp_path):
    path = tmp_path / "t.xlsx"
    build_goal_workbook(path, tasks=[("机构运转", "运转", "一百万"), TASKS[1]])
    table = read_goal_table(path)
    assert [(p.code, p.severity) for p in table.problems] == [("task_budget_unreadable", Severity.ERROR)]
    assert "机构运转" in table.problems[0].message
    assert table.problems[0].row == table.goal.tasks[0].row


def test_a_table_without_tasks_is_read_and_the_missing_tasks_are_found(tmp_path):
    path = tmp_path / "t.xlsx"
    build_goal_workbook(path, with_tasks=False)
    table = read_goal_table(path)
    assert table.goal.tasks == ()
    assert table.budget is None
    findings = validate_goal(table.goal, department_budget=table.budget)
    assert [finding.code for finding in findings] == ["no_tasks"]


def test_a_file_that_is_not_a_workbook_is_unreadable(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(GoalTableError, match=r"不是有效的 \.xlsx 工作簿"):
        read_goal_table(path)


def test_a_missing_file_is_unreadable(tmp_path):
    with pytest.raises(GoalTableError, match="找不到文件"):
        read_goal_table(tmp_path / "没有.xlsx")


def test_a_workbook_without_an_indicator_header_is_unreadable(tmp_path):
    path = tmp_path / "t.xlsx"
    workbook = Workbook()
    workbook.active.append(["科目编码", "科目名称", "金额"])
    workbook.save(path)
    with pytest.raises(GoalTableError, match="找不到绩效指标表头"):
        read_goal_table(path)


def test_header_fields_in_one_cell_and_optional_columns_are_read(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["部门（单位）名称：常宁市科学技术协会"])
    sheet.append(["预算总额（万元）", "208.4049"])
    sheet.append(["年度总体绩效目标：完成下乡科普25次以上"])
    sheet.append(["任务名称", "主要内容", "预算金额（元）"])
    sheet.append(["机构运转", "运转", 1644049])
    sheet.append(["科普益民宣传", "科普", "440,000.00"])
    sheet.append([])
    sheet.append(
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值类型",
            "比较符",
            "指标值",
            "计量单位",
            "分值",
            "关联任务",
            "指标解释",
            "评分标准",
        ]
    )
    sheet.append(
        ["产出指标", "数量指标", "下乡科普场次", "定量指标", "≥", 25, "次", 10, "科普益民宣传", "x", "x"]
    )
    sheet.append(
        [
            "满意度",
            "满意度",
            "公众满意度",
            "定性",
            "",
            "良好",
            "等级",
            "10分",
            "科普益民宣传",
            "x",
            "优：≥95%；良：≥90%；中：≥80%；差：<80%",
        ]
    )
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    table = read_goal_table(path)
    goal = table.goal
    assert goal.department == "常宁市科学技术协会"
    assert goal.overall_goal == "完成下乡科普25次以上"
    assert table.budget == Decimal("2084049.00")
    assert "预算总额(万元)" in table.budget_source
    assert [task.budget for task in goal.tasks] == [Decimal("1644049.00"), Decimal("440000.00")]
    trips, satisfaction = goal.indicators
    assert (trips.operator, trips.target, trips.value_type, trips.points, trips.task, trips.row) == (
        "≥",
        "25",
        "定量",
        Decimal(10),
        "科普益民宣传",
        9,
    )
    assert str(trips.parsed_target()) == "≥25次"
    assert satisfaction.points == Decimal(10)
    findings = validate_goal(goal, department_budget=table.budget)
    # the graded qualitative indicator passes; only the missing output categories remain
    assert {finding.code for finding in findings} == {"missing_category"}
    assert [f.details["level2"] for f in findings if "level2" in f.details] == [
        "质量指标",
        "时效指标",
        "成本指标",
    ]


def test_a_zip_bomb_named_as_a_goal_table_is_refused_naming_the_limit():
    from jixiao.formats.goal_table import GoalTableError, read_goal_table
    from tests.formats.bombs.make_bombs import HERE

    with pytest.raises(GoalTableError, match=r"超过了解压后的总大小上限（最多1 GiB）"):
        read_goal_table(HERE / "xlsx_zip_bomb.xlsx")
    with pytest.raises(GoalTableError, match=r"超过了单个须整体读入的XML部件的大小上限"):
        read_goal_table(HERE / "xlsx_unclosed_whitespace.xlsx")
