"""Write a goal as a Hunan 整体绩效目标表 (.xlsx), the layout ``goal_table.read_goal_table`` reads.

The sheet holds the header fields (部门(单位)名称, 部门类型, 职责, 年度总体绩效目标, 预算总额), the
年度主要任务 block with its 合计 row and the indicator grid (一级 | 二级 | 三级 | 指标值类型 | 指标值 |
计量单位 | 指标解释 | 评(扣)分标准 | 关联任务 | 备注), one row per indicator. Every cell a person wrote
is written as text through ``spreadsheet_out`` (a target "≥95" or a code stays as written, and text
never becomes a formula); amounts are numbers with two decimals.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.goals import Goal
from jixiao.formats.spreadsheet_out import (
    Alignment,
    Border,
    Font,
    Side,
    add_sheet,
    get_column_letter,
    new_workbook,
    save,
    set_cell,
)

INDICATOR_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值类型",
    "*指标值",
    "计量单位",
    "*指标解释",
    "*评(扣)分标准",
    "关联任务",
    "备注",
)
WIDTHS = (12, 16, 28, 10, 12, 10, 40, 40, 20, 20)
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
BOLD = Font(bold=True)


def _text(sheet, row: int, column: int, value: str, *, bold: bool = False) -> None:
    text = str(value) if value is not None else ""
    set_cell(
        sheet, row, column, text, number_format="@", alignment=WRAP, border=BOX, font=BOLD if bold else None
    )


def _amount(sheet, row: int, column: int, value: Decimal) -> None:
    set_cell(sheet, row, column, value, number_format="#,##0.00", border=BOX)


def _field(sheet, row: int, label: str, value: str) -> None:
    _text(sheet, row, 1, label, bold=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    _text(sheet, row, 3, value)
    sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=len(INDICATOR_HEADER))


def write_goal_table(
    goal: Goal,
    *,
    department_type: str = "",
    budget: Decimal | None = None,
    library: str = "",
) -> bytes:
    """The goal as an .xlsx 整体绩效目标表. ``department_type`` and ``library`` (the version the goal
    was made with) go into the header so that a reader can check the indicators against that library;
    ``budget`` (元) is the department budget the tasks must add up to, when known."""
    workbook = new_workbook()
    sheet = add_sheet(workbook, "整体绩效目标表")
    year = f"{goal.year}年度" if goal.year else ""
    set_cell(
        sheet,
        1,
        1,
        f"{goal.department}{year}整体绩效目标表",
        font=Font(bold=True, size=14),
        alignment=Alignment(horizontal="center"),
    )
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(INDICATOR_HEADER))
    row = 2
    _field(sheet, row, "部门（单位）名称", goal.department)
    if department_type:
        row += 1
        _field(sheet, row, "部门类型", department_type)
    if library:
        row += 1
        _field(sheet, row, "指标库版本", library)
    row += 1
    _field(sheet, row, "*部门（单位）职责", goal.duties)
    row += 1
    _field(sheet, row, "*年度总体绩效目标", goal.overall_goal)
    if budget is not None:
        row += 1
        _text(sheet, row, 1, "预算总额（元）", bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        _amount(sheet, row, 3, budget)
    if goal.tasks:
        row += 1
        first = row
        for column, label in enumerate(("年度主要任务", "任务名称", "主要内容", "预算金额（元）"), start=1):
            _text(sheet, row, column, label, bold=True)
        for task in goal.tasks:
            row += 1
            _text(sheet, row, 2, task.name)
            _text(sheet, row, 3, task.content)
            _amount(sheet, row, 4, task.budget)
        row += 1
        _text(sheet, row, 2, "合计", bold=True)
        _amount(sheet, row, 4, goal.task_budget_total)
        sheet.merge_cells(start_row=first, start_column=1, end_row=row, end_column=1)
    row += 2
    set_cell(sheet, row, 1, "年度绩效指标", font=BOLD)
    row += 1
    for column, label in enumerate(INDICATOR_HEADER, start=1):
        _text(sheet, row, column, label, bold=True)
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    for indicator in goal.indicators:
        row += 1
        scoring = indicator.scoring_rule or "；".join(
            f"{level.label}：{level.description}" for level in indicator.grading_scale
        )
        target = indicator.target
        if indicator.operator and target.strip()[:1].isdigit():  # a bare number: its operator is kept apart
            target = f"{indicator.operator}{target.strip()}"
        values = (
            indicator.level1,
            indicator.level2,
            indicator.name,
            indicator.value_type,
            target,
            indicator.unit,
            indicator.explanation,
            scoring,
            indicator.task,
            indicator.note,
        )
        for column, value in enumerate(values, start=1):
            _text(sheet, row, column, value)
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return save(workbook)
