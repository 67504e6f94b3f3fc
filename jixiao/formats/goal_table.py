"""Read a Hunan 整体绩效目标表 (.xlsx) into the goal dataclasses (domain-rules.md §3.5).

The layout, as departments fill it in:

- header fields: 部门(单位)名称, 部门(单位)职责, 年度总体绩效目标 (the value is in the same cell after
  "：" or in the next cell to the right), optionally a budget total (预算总额 / 资金总额);
- an optional 年度主要任务 block with a sub-header 任务名称 | 主要内容 | 预算金额 (元 or 万元);
- the indicator grid, whose header row is found by its keywords:
  一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 计量单位 | 指标解释 | 评(扣)分标准 | 备注
  (optionally 分值, 比较符, 关联任务). Merged cells are forward-filled, and so are blank 一级/二级 cells.

Every indicator and task keeps its Excel row number. Cells that cannot be read as the form asks
(a budget that is not a number) become findings with their row; a file that is not a readable
workbook, or has no indicator grid, raises ``GoalTableError``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from jixiao.domain.errors import DomainError, InvalidAmount
from jixiao.domain.goals import Goal, GoalFinding, GoalIndicator, Task
from jixiao.domain.money import WAN, yuan
from jixiao.formats import limits


class GoalTableError(DomainError):
    code = "goal_table_unreadable"


@dataclass(frozen=True, slots=True)
class GoalTable:
    goal: Goal
    sheet: str
    header_row: int
    budget: Decimal | None  # the table's own budget total (header field or the tasks' 合计 row), in 元
    budget_source: str  # where ``budget`` came from, said in Chinese
    problems: tuple[GoalFinding, ...]  # cells the reader could not take as the form asks


def _norm(text: str) -> str:
    """Label text for matching: no spaces, no required-field stars, ASCII parentheses and colon."""
    return (
        str(text)
        .replace(" ", "")
        .replace("\u3000", "")
        .replace("\n", "")
        .replace("*", "")
        .replace("＊", "")
        .replace("（", "(")
        .replace("）", ")")
        .replace("：", ":")
    )


def _number_text(value: int | float | Decimal) -> str:
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal):
        if "%" in str(cell.number_format or ""):
            return _number_text(Decimal(repr(value)) * 100 if isinstance(value, float) else value * 100) + "%"
        return _number_text(value)
    return str(value).strip()


def _grid(sheet: Any) -> list[list[str]]:
    """Cell texts by (row-1, column-1), with every merged range filled with its top-left value."""
    rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows()]
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    for merged in sheet.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(rows) else ""
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, min(merged.max_col, width)):
                rows[r][c] = top
    return rows


# --- column recognition --------------------------------------------------------------------------

_Matcher = Callable[[str], bool]

_INDICATOR_COLUMNS: tuple[tuple[str, _Matcher], ...] = (
    ("level1", lambda t: t.startswith("一级指标")),
    ("level2", lambda t: t.startswith("二级指标")),
    ("name", lambda t: t.startswith("三级指标")),
    ("value_type", lambda t: t in ("指标值类型", "指标类型", "指标性质")),
    ("target", lambda t: t in ("指标值", "目标值", "年度指标值", "指标目标值", "绩效指标值")),
    ("unit", lambda t: t in ("计量单位", "单位", "度量单位")),
    ("explanation", lambda t: t.startswith("指标解释")),
    ("scoring_rule", lambda t: "评分标准" in t or "扣分标准" in t or "评(扣)分标准" in t),
    ("note", lambda t: t == "备注"),
    ("points", lambda t: t in ("分值", "权重", "分值(权重)", "权重(分值)", "指标分值")),
    ("operator", lambda t: t in ("比较符", "运算符", "指标值比较符")),
    ("task", lambda t: t in ("关联任务", "对应任务", "所属任务", "年度主要任务")),
)

_TASK_COLUMNS: tuple[tuple[str, _Matcher], ...] = (
    ("name", lambda t: t in ("任务名称", "任务", "主要任务")),
    ("content", lambda t: t.startswith("主要内容") or t in ("任务内容", "工作内容")),
    ("budget", lambda t: t.startswith("预算金额") or t.startswith("预算数") or t.startswith("金额")),
    ("fund_type", lambda t: t in ("支出类型", "资金类型", "经费类型")),
)

_HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "department": ("部门(单位)名称", "单位(部门)名称", "部门名称", "单位名称", "预算单位"),
    "duties": ("部门(单位)职责", "部门职责", "单位职责", "部门职能概述"),
    "overall_goal": ("年度总体绩效目标", "总体绩效目标", "年度总体目标", "年度绩效目标"),
    "budget": ("预算总额", "资金总额", "年度资金总额", "部门预算总额", "年度预算总额", "预算资金总额"),
}

_TOTAL_NAMES = ("合计", "总计", "小计")


def _columns(row: Sequence[str], spec: tuple[tuple[str, _Matcher], ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, text in enumerate(row):
        label = _norm(text)
        if not label:
            continue
        for key, matches in spec:
            if key not in found and matches(label):
                found[key] = index
                break
    return found


def _is_indicator_header(row: Sequence[str]) -> bool:
    columns = _columns(row, _INDICATOR_COLUMNS)
    return "name" in columns and "target" in columns


def _is_task_header(row: Sequence[str]) -> bool:
    columns = _columns(row, _TASK_COLUMNS)
    return "name" in columns and "budget" in columns


def _find_sheet(workbook: Any, sheet: str | None) -> tuple[Any, list[list[str]], int]:
    names = [sheet] if sheet else workbook.sheetnames
    for name in names:
        if name not in workbook.sheetnames:
            raise GoalTableError(f"工作簿中没有名为“{name}”的工作表")
        grid = _grid(workbook[name])
        for index, row in enumerate(grid):
            if _is_indicator_header(row):
                return workbook[name], grid, index
    where = f"工作表“{sheet}”" if sheet else "任何工作表"
    raise GoalTableError(
        f"{where}中找不到绩效指标表头（须含“三级指标”和“指标值”两列），不是整体绩效目标表的格式"
    )


# --- header fields -------------------------------------------------------------------------------


def _header_value(grid: list[list[str]], row: int, column: int, label: str) -> str:
    text = grid[row][column]
    normalized = _norm(text)
    if ":" in normalized:
        after = normalized.split(":", 1)[1]
        if after:
            return text.split("：", 1)[-1].split(":", 1)[-1].strip()
    for candidate in grid[row][column + 1 :]:
        if candidate and candidate != text:
            return candidate.strip()
    return ""


def _is_header_field_row(cells: Sequence[str]) -> bool:
    for text in cells:
        label = _norm(text).split(":", 1)[0]
        if label and any(
            label == name or label.startswith(name + "(")
            for names in _HEADER_FIELDS.values()
            for name in names
        ):
            return True
    return False


def _header_fields(grid: list[list[str]], stop: int) -> dict[str, tuple[str, int, str]]:
    """{field: (value, row index, label)} from the rows above the indicator header."""
    fields: dict[str, tuple[str, int, str]] = {}
    for r in range(stop):
        for c, text in enumerate(grid[r]):
            label = _norm(text).split(":", 1)[0]
            if not label:
                continue
            for key, labels in _HEADER_FIELDS.items():
                if key in fields:
                    continue
                if any(label == name or label.startswith(name + "(") for name in labels):
                    fields[key] = (_header_value(grid, r, c, text), r, label)
    return fields


def _year(grid: list[list[str]], stop: int) -> int | None:
    for row in grid[: stop + 1]:
        for text in row:
            match = re.search(r"(20\d{2})\s*年度?", text)
            if match:
                return int(match.group(1))
    return None


def _money(text: str, label: str) -> Decimal:
    """An amount as written in a cell, in 元; a label saying 万元 scales it."""
    cleaned = text.replace(",", "").replace("，", "").strip()
    in_wan = "万元" in label or cleaned.endswith("万元")
    cleaned = cleaned.removesuffix("万元").removesuffix("元")
    if in_wan:
        try:
            return yuan(Decimal(cleaned) * WAN)
        except (InvalidOperation, ValueError) as error:
            raise InvalidAmount(f"金额“{text}”不是有效数字") from error
    return yuan(cleaned)


# --- blocks --------------------------------------------------------------------------------------


def _read_tasks(
    grid: list[list[str]], problems: list[GoalFinding]
) -> tuple[list[Task], Decimal | None, int | None]:
    tasks: list[Task] = []
    total: Decimal | None = None
    total_row: int | None = None
    for index, row in enumerate(grid):
        if not _is_task_header(row):
            continue
        columns = _columns(row, _TASK_COLUMNS)
        budget_label = _norm(row[columns["budget"]])
        for r in range(index + 1, len(grid)):
            cells = grid[r]
            if _is_indicator_header(cells) or _is_task_header(cells):
                break
            if _is_header_field_row(cells):
                break
            name = cells[columns["name"]].strip()
            budget_text = cells[columns["budget"]].strip()
            if not name and not budget_text:
                if tasks or any(cells):
                    break
                continue
            if _norm(name).replace("：", "") in _TOTAL_NAMES:
                try:
                    total = _money(budget_text, budget_label)
                    total_row = r + 1
                except (InvalidAmount, TypeError) as error:
                    problems.append(
                        GoalFinding("task_budget_unreadable", f"年度主要任务合计：{error}", row=r + 1)
                    )
                continue
            if name == budget_text:  # a merged label row such as 年度主要任务 spanning the block
                break
            try:
                budget = _money(budget_text, budget_label) if budget_text else Decimal("0.00")
            except (InvalidAmount, TypeError) as error:
                problems.append(
                    GoalFinding(
                        "task_budget_unreadable",
                        f"年度主要任务“{name}”的预算金额无法读取：{error}",
                        row=r + 1,
                    )
                )
                budget = Decimal("0.00")
            else:
                if not budget_text:
                    problems.append(
                        GoalFinding("task_budget_missing", f"年度主要任务“{name}”未填写预算金额", row=r + 1)
                    )
            content = cells[columns["content"]].strip() if "content" in columns else ""
            fund_type = cells[columns["fund_type"]].strip() if "fund_type" in columns else ""
            tasks.append(Task(name=name, budget=budget, content=content, fund_type=fund_type, row=r + 1))
        break
    return tasks, total, total_row


def _value_type(text: str) -> str:
    cleaned = _norm(text).removesuffix("指标")
    return cleaned if cleaned in ("定量", "定性") else text.strip()


def _points(text: str, row: int, name: str, problems: list[GoalFinding]) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return Decimal(text.strip().removesuffix("分"))
    except InvalidOperation:
        problems.append(
            GoalFinding(
                "points_unreadable", f"三级指标“{name}”的分值“{text}”不是数字", indicator=name, row=row
            )
        )
        return None


def _link_task(note: str, task_names: Sequence[str]) -> str:
    """A task named in 备注 (the Hunan form has no task column)."""
    cleaned = _norm(note)
    for name in sorted(task_names, key=len, reverse=True):
        if name and _norm(name) in cleaned:
            return name
    return ""


def _read_indicators(
    grid: list[list[str]], header: int, task_names: Sequence[str], problems: list[GoalFinding]
) -> list[GoalIndicator]:
    columns = _columns(grid[header], _INDICATOR_COLUMNS)

    def cell(cells: Sequence[str], key: str) -> str:
        return cells[columns[key]].strip() if key in columns else ""

    indicators: list[GoalIndicator] = []
    level1 = level2 = ""
    for r in range(header + 1, len(grid)):
        cells = grid[r]
        if _is_task_header(cells) or _is_indicator_header(cells):
            break
        name = cell(cells, "name")
        # blank 一级/二级 cells continue the category above (merged or simply left empty)
        level1 = cell(cells, "level1") or level1
        level2 = cell(cells, "level2") or level2
        if not name:
            continue
        note = cell(cells, "note")
        task = cell(cells, "task") or _link_task(note, task_names)
        indicators.append(
            GoalIndicator(
                name=name,
                level1=level1,
                level2=level2,
                value_type=_value_type(cell(cells, "value_type")),
                target=cell(cells, "target"),
                unit=cell(cells, "unit"),
                operator=cell(cells, "operator"),
                explanation=cell(cells, "explanation"),
                scoring_rule=cell(cells, "scoring_rule"),
                points=_points(cell(cells, "points"), r + 1, name, problems),
                task=task,
                note=note,
                row=r + 1,
            )
        )
    return indicators


def read_goal_table(path: Path | str, *, sheet: str | None = None) -> GoalTable:
    """The goal in a Hunan 整体绩效目标表 workbook; raises ``GoalTableError`` when it cannot be read."""
    path = Path(path)
    try:  # openpyxl holds every part and cell in memory: the package must be within the limits
        with zipfile.ZipFile(path) as archive:
            parts = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
            limits.check_archive(archive, parts=parts, name=path.name)
    except limits.LimitExceeded as error:
        raise GoalTableError(error.message) from error
    except (zipfile.BadZipFile, OSError):
        pass  # not a package, or not there: load_workbook says which
    try:
        workbook = load_workbook(path, data_only=True)
    except FileNotFoundError as error:
        raise GoalTableError(f"找不到文件“{path}”") from error
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise GoalTableError(
            f"无法读取“{path.name}”：不是有效的 .xlsx 工作簿（{type(error).__name__}）"
        ) from error
    try:
        found_sheet, grid, header = _find_sheet(workbook, sheet)
    finally:
        workbook.close()
    problems: list[GoalFinding] = []
    fields = _header_fields(grid, header)
    tasks, task_total, total_row = _read_tasks(grid, problems)
    indicators = _read_indicators(grid, header, [task.name for task in tasks], problems)
    if not indicators:
        raise GoalTableError(f"工作表“{found_sheet.title}”第{header + 1}行表头下没有任何三级指标")

    budget: Decimal | None = None
    budget_source = ""
    if "budget" in fields and fields["budget"][0]:
        value, row, label = fields["budget"]
        try:
            budget = _money(value, label)
            budget_source = f"表头“{label}”（第{row + 1}行）"
        except (InvalidAmount, TypeError) as error:
            problems.append(GoalFinding("budget_unreadable", f"预算总额无法读取：{error}", row=row + 1))
    if budget is None and task_total is not None:
        budget = task_total
        budget_source = f"年度主要任务合计行（第{total_row}行）"

    def field(key: str) -> str:
        return fields[key][0] if key in fields else ""

    goal = Goal(
        department=field("department"),
        indicators=tuple(indicators),
        tasks=tuple(tasks),
        year=_year(grid, header),
        overall_goal=field("overall_goal"),
        duties=field("duties"),
    )
    return GoalTable(goal, found_sheet.title, header + 1, budget, budget_source, tuple(problems))
