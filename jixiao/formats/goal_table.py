"""Read 绩效目标表 workbooks (.xlsx) into the goal dataclasses (domain-rules.md §3.5, §4.2).

Two kinds of table are read, each into goals of its kind (``Goal.kind``):

- the Hunan 整体绩效目标表 of a department (one goal), laid out as below;
- 项目支出绩效目标表 as departments publish them: a 申报表 with 项目名称 / 资金总额 / 年度目标 above
  its indicator grid (佳县 2016, 广水 2021), several such blocks on one sheet (鄂州 2022: one per
  project), or one grid with a 项目名称 column merged down over each project's rows and a
  年度绩效目标 column beside it (the 预算公开 项目支出绩效目标表): one goal per project.

Column by column, whatever the province calls it:

- the comparison sign may stand in 指标值 ("≥95") or in a column of its own, which the disclosure
  tables head 指标性质 (its cells ≥ ≤ = 定性) while 指标属性 holds 定量指标 / 定性指标; a column is
  taken for what its cells hold, so a sign is never read as 指标值类型;
- the 二级-as-leaf layout (一级指标 | 二级指标 | 绩效标准 | 当年预期实现值) writes the 二级 category
  (数量指标) in the 一级 column and the indicator itself in the 二级 column: the category's parent
  (产出指标) is filled in from the rules;
- a 上年实际值 column, when present, is kept as the indicator's baseline for the meaning checks.

The 整体 layout, as departments fill it in:

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
from jixiao.domain.goals import (
    Goal,
    GoalFinding,
    GoalIndicator,
    GoalKind,
    TargetParseError,
    Task,
    goal_rules,
    parse_operator,
)
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
    rows: tuple[int, int] | None = None  # the Excel rows of this goal's indicators (first, last)
    department_type: str = ""  # 部门类型 as the header states it (picks the indicator library)

    @property
    def title(self) -> str:
        """'项目“…”' for a project goal, '部门整体' otherwise."""
        return f"项目“{self.goal.project}”" if self.goal.project else GoalKind.DEPARTMENT.value


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
    ("target", lambda t: t in _TARGET_HEADERS or t.startswith("指标值(")),
    ("unit", lambda t: t in ("计量单位", "单位", "度量单位", "指标单位")),
    ("explanation", lambda t: t.startswith("指标解释") or t in ("绩效标准", "指标说明", "指标内容")),
    ("scoring_rule", lambda t: "评分标准" in t or "扣分标准" in t or "评(扣)分标准" in t),
    ("note", lambda t: t == "备注"),
    ("points", lambda t: t in ("分值", "权重", "分值(权重)", "权重(分值)", "指标分值")),
    ("operator", lambda t: t in ("比较符", "运算符", "指标值比较符")),
    ("task", lambda t: t in ("关联任务", "对应任务", "所属任务", "年度主要任务")),
    (
        "baseline",
        lambda t: (
            t in _BASELINE_HEADERS or bool(re.fullmatch(r"(20\d{2}年)?上年(度)?(实际|完成)(值|数)?", t))
        ),
    ),
    ("project", lambda t: t in ("项目名称", "项目", "预算项目", "项目全称")),
    ("project_goal", lambda t: t in ("年度绩效目标", "绩效目标", "项目绩效目标", "年度目标", "项目年度目标")),
)
# The columns whose cells say 定量/定性 or hold the comparison sign, taken by what they hold.
_QUALIFIER_HEADERS = ("指标值类型", "指标类型", "指标性质", "指标属性", "指标值性质", "指标方向")
_TARGET_HEADERS = (
    "指标值", "目标值", "年度指标值", "指标目标值", "绩效指标值", "当年预期实现值", "预期实现值",
    "年度目标值", "预期目标值", "年度预期目标值",
)  # fmt: skip
_BASELINE_HEADERS = ("上年实际值", "上年完成值", "上年实际完成值", "上年指标值", "上年值", "历史值", "基期值")

_TASK_COLUMNS: tuple[tuple[str, _Matcher], ...] = (
    ("name", lambda t: t in ("任务名称", "任务", "主要任务")),
    ("content", lambda t: t.startswith("主要内容") or t in ("任务内容", "工作内容")),
    ("budget", lambda t: t.startswith("预算金额") or t.startswith("预算数") or t.startswith("金额")),
    ("fund_type", lambda t: t in ("支出类型", "资金类型", "经费类型")),
)

_HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "department": ("部门(单位)名称", "单位(部门)名称", "部门名称", "单位名称", "预算单位"),
    "duties": ("部门(单位)职责", "部门职责", "单位职责", "部门职能概述"),
    "overall_goal": ("年度总体绩效目标", "总体绩效目标", "年度总体目标", "年度绩效目标", "年度目标", "项目年度目标"),
    "budget": (
        "预算总额", "资金总额", "年度资金总额", "部门预算总额", "年度预算总额", "预算资金总额", "项目资金总额",
        "项目预算金额", "项目金额",
    ),
    "project": ("项目名称", "项目全称"),
    "department_type": ("部门类型",),
}  # fmt: skip

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
    if (
        spec is _INDICATOR_COLUMNS
        and "name" not in found
        and _norm(row[found.get("explanation", 0)]) == "指标内容"
    ):
        found["name"] = found.pop("explanation")  # 一级指标 | 二级指标 | 指标内容 | 指标值 (佳县)
    if spec is _INDICATOR_COLUMNS and "name" not in found and "level2" in found and "target" in found:
        found["name"] = found.pop("level2")  # 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值
        found["leaf_level2"] = found["name"]
    return found


def _qualifier_columns(row: Sequence[str]) -> list[int]:
    return [index for index, text in enumerate(row) if _norm(text) in _QUALIFIER_HEADERS]


def _is_indicator_header(row: Sequence[str]) -> bool:
    columns = _columns(row, _INDICATOR_COLUMNS)
    return "name" in columns and "target" in columns


def _is_task_header(row: Sequence[str]) -> bool:
    columns = _columns(row, _TASK_COLUMNS)
    return "name" in columns and "budget" in columns


def _sheets(workbook: Any, sheet: str | None) -> list[tuple[str, list[list[str]], list[int]]]:
    """(title, grid, indicator header rows) of each sheet holding an indicator grid."""
    names = [sheet] if sheet else workbook.sheetnames
    found = []
    for name in names:
        if name not in workbook.sheetnames:
            raise GoalTableError(f"工作簿中没有名为“{name}”的工作表")
        grid = _grid(workbook[name])
        headers = [index for index, row in enumerate(grid) if _is_indicator_header(row)]
        if headers:
            found.append((name, grid, headers))
    if not found:
        where = f"工作表“{sheet}”" if sheet else "任何工作表"
        raise GoalTableError(
            f"{where}中找不到绩效指标表头（须含“三级指标”或“二级指标”，以及“指标值”或“当年预期实现值”），"
            "不是绩效目标表的格式"
        )
    return found


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


def _header_fields(grid: list[list[str]], stop: int, start: int = 0) -> dict[str, tuple[str, int, str]]:
    """{field: (value, row index, label)} from the rows above the indicator header."""
    fields: dict[str, tuple[str, int, str]] = {}
    for r in range(start, stop):
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


def _year(grid: list[list[str]], stop: int, start: int = 0) -> int | None:
    for row in grid[start : stop + 1]:
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


def _qualifier(text: str) -> tuple[str, str]:
    """(operator, value type) from a cell of a 指标性质/指标属性/指标值类型 column: by what it holds."""
    cleaned = _norm(text)
    if not cleaned:
        return "", ""
    try:
        parse_operator(cleaned)
    except TargetParseError:
        return "", _value_type(text)
    return cleaned, ""


@dataclass(slots=True)
class _Row:
    project: str
    project_goal: str
    indicator: GoalIndicator


def _read_indicators(
    grid: list[list[str]],
    header: int,
    task_names: Sequence[str],
    problems: list[GoalFinding],
    *,
    end: int | None = None,
) -> tuple[list[_Row], int]:
    """The indicators under one header row, and the index of the row after the last one read."""
    columns = _columns(grid[header], _INDICATOR_COLUMNS)
    qualifiers = [i for i in _qualifier_columns(grid[header]) if i not in columns.values()]
    rules = goal_rules()

    def cell(cells: Sequence[str], key: str) -> str:
        return cells[columns[key]].strip() if key in columns else ""

    found: list[_Row] = []
    level1 = level2 = project = project_goal = ""
    stop = len(grid) if end is None else end
    r = header + 1
    while r < stop:
        cells = grid[r]
        if _is_task_header(cells) or _is_indicator_header(cells):
            break
        if "project" not in columns and _is_header_field_row(cells):
            break  # the next project's block (项目名称 … above its own grid)
        name = cell(cells, "name")
        row_project = cell(cells, "project")
        if row_project and row_project != project:
            project, level1, level2, project_goal = row_project, "", "", ""
        project_goal = cell(cells, "project_goal") or project_goal
        # blank 一级/二级 cells continue the category above (merged or simply left empty)
        first = cell(cells, "level1")
        second = "" if "leaf_level2" in columns else cell(cells, "level2")
        if first and not second and not rules.level1_known(first) and rules.parent_of(first):
            level1, level2 = rules.parent_of(first) or "", first  # 二级 written in the 一级 column
        elif first and not second and first != level1 and rules.level1_known(first):
            level1, level2 = first, _sole_level2(rules, first)  # a new 一级 with no 二级 of its own
        else:
            level1 = first or level1
            level2 = second or level2
        r += 1
        if not name or name == first:
            continue
        if not level1 and level2:
            level1 = rules.parent_of(level2) or ""
        operator, value_type = cell(cells, "operator"), ""
        for index in qualifiers:
            sign, kind = _qualifier(cells[index])
            operator = operator or sign
            value_type = value_type or kind
        note = cell(cells, "note")
        task = cell(cells, "task") or _link_task(note, task_names)
        found.append(
            _Row(
                project,
                project_goal,
                GoalIndicator(
                    name=name,
                    level1=level1,
                    level2=level2,
                    value_type=value_type,
                    target=cell(cells, "target"),
                    unit=cell(cells, "unit"),
                    operator=operator,
                    explanation=cell(cells, "explanation"),
                    scoring_rule=cell(cells, "scoring_rule"),
                    points=_points(cell(cells, "points"), r, name, problems),
                    task=task,
                    note=note,
                    row=r,
                    baseline=cell(cells, "baseline"),
                ),
            )
        )
    return found, r


def _sole_level2(rules: Any, level1: str) -> str:
    """The 二级 name of a 一级 category that has only one (满意度指标 → 服务对象满意度指标), else ''."""
    for category in rules.categories:
        if _norm(level1) in category.aliases and len(category.level2) == 1:
            return category.level2[0][0]
    return ""


_PROJECT_TITLE = re.compile(r"项目(支出)?(绩效|资金)|项目名称")


def _table_kind(grid: list[list[str]], header: int) -> GoalKind:
    """项目 when the title or a field above the grid, or a column of it, names a project."""
    columns = _columns(grid[header], _INDICATOR_COLUMNS)
    if "project" in columns:
        return GoalKind.PROJECT
    for row in grid[:header]:
        for text in row:
            label = _norm(text)
            if "整体" in label:
                return GoalKind.DEPARTMENT
            if _PROJECT_TITLE.search(label):
                return GoalKind.PROJECT
    return GoalKind.DEPARTMENT


def _is_long_term(grid: list[list[str]], header: int) -> bool:
    """The 长期绩效指标 grid of a 申报表 (its 年度 grid follows): not what the year is checked on."""
    texts = [_norm(t) for t in (*grid[header], *(grid[header - 1] if header else ()))]
    return any("长期" in t for t in texts) and not any("年度" in t for t in texts)


def _budget(
    fields: dict[str, tuple[str, int, str]], problems: list[GoalFinding]
) -> tuple[Decimal | None, str]:
    if "budget" in fields and fields["budget"][0]:
        value, row, label = fields["budget"]
        try:
            return _money(value, label), f"表头“{label}”（第{row + 1}行）"
        except (InvalidAmount, TypeError) as error:
            problems.append(GoalFinding("budget_unreadable", f"预算总额无法读取：{error}", row=row + 1))
    return None, ""


def _open(path: Path) -> Any:
    try:  # openpyxl holds every part and cell in memory: the package must be within the limits
        with zipfile.ZipFile(path) as archive:
            parts = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
            limits.check_archive(archive, parts=parts, name=path.name)
    except limits.LimitExceeded as error:
        raise GoalTableError(error.message) from error
    except (zipfile.BadZipFile, OSError):
        pass  # not a package, or not there: load_workbook says which
    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError as error:
        raise GoalTableError(f"找不到文件“{path}”") from error
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise GoalTableError(
            f"无法读取“{path.name}”：不是有效的 .xlsx 工作簿（{type(error).__name__}）"
        ) from error


def read_goal_tables(path: Path | str, *, sheet: str | None = None) -> list[GoalTable]:
    """Every goal in a 绩效目标表 workbook: the department's (整体 table) or one per project (项目
    tables, one or several projects per sheet). Raises ``GoalTableError`` when none can be read."""
    path = Path(path)
    workbook = _open(path)
    try:
        sheets = _sheets(workbook, sheet)
    finally:
        workbook.close()
    tables: list[GoalTable] = []
    for title, grid, headers in sheets:
        kind = _table_kind(grid, headers[0])
        if kind is GoalKind.DEPARTMENT:
            tables.append(_department_table(title, grid, headers[0]))
            continue
        start = 0
        for index, header in enumerate(headers):
            end = headers[index + 1] if index + 1 < len(headers) else len(grid)
            problems: list[GoalFinding] = []
            fields = _header_fields(grid, header, start)
            rows, after = _read_indicators(grid, header, (), problems, end=end)
            if _is_long_term(grid, header):
                start = after
                continue
            tables.extend(_project_tables(title, grid, header, start, fields, rows, problems))
            start = after
    if not tables:
        raise GoalTableError(f"“{path.name}”的表头下没有任何三级指标")
    return tables


def _project_tables(
    title: str,
    grid: list[list[str]],
    header: int,
    start: int,
    fields: dict[str, tuple[str, int, str]],
    rows: list[_Row],
    problems: list[GoalFinding],
) -> list[GoalTable]:
    def field(key: str) -> str:
        return fields[key][0] if key in fields else ""

    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.project or field("project"), []).append(row)
    budget, source = _budget(fields, problems)
    tables = []
    for project, items in groups.items():
        indicators = tuple(item.indicator for item in items)
        numbers = [i.row for i in indicators if i.row is not None]
        span = (min(numbers), max(numbers)) if numbers else None
        goal = Goal(
            department=field("department"),
            indicators=indicators,
            year=_year(grid, header, start) or _year(grid, header),
            overall_goal=next((item.project_goal for item in items if item.project_goal), "")
            or field("overall_goal"),
            kind=GoalKind.PROJECT,
            project=project,
        )
        own = tuple(p for p in problems if span is None or p.row is None or span[0] <= p.row <= span[1])
        single = len(groups) == 1
        tables.append(
            GoalTable(
                goal, title, header + 1, budget if single else None, source if single else "", own, span
            )
        )
    return tables


def _department_table(title: str, grid: list[list[str]], header: int) -> GoalTable:
    problems: list[GoalFinding] = []
    fields = _header_fields(grid, header)
    tasks, task_total, total_row = _read_tasks(grid, problems)
    rows, _ = _read_indicators(grid, header, [task.name for task in tasks], problems)
    if not rows:
        raise GoalTableError(f"工作表“{title}”第{header + 1}行表头下没有任何三级指标")
    budget, budget_source = _budget(fields, problems)
    if budget is None and task_total is not None:
        budget = task_total
        budget_source = f"年度主要任务合计行（第{total_row}行）"

    def field(key: str) -> str:
        return fields[key][0] if key in fields else ""

    indicators = tuple(row.indicator for row in rows)
    goal = Goal(
        department=field("department"),
        indicators=indicators,
        tasks=tuple(tasks),
        year=_year(grid, header),
        overall_goal=field("overall_goal"),
        duties=field("duties"),
    )
    span = (indicators[0].row or 0, indicators[-1].row or 0)
    return GoalTable(
        goal,
        title,
        header + 1,
        budget,
        budget_source,
        tuple(problems),
        span,
        department_type=field("department_type"),
    )


def read_goal_table(path: Path | str, *, sheet: str | None = None) -> GoalTable:
    """The one goal of a 绩效目标表 workbook (an 整体 table, or a 项目 table of one project);
    raises ``GoalTableError`` when it cannot be read or holds several goals."""
    tables = read_goal_tables(path, sheet=sheet)
    if len(tables) > 1:
        names = "、".join(table.title for table in tables[:5])
        raise GoalTableError(
            f"“{Path(path).name}”中有{len(tables)}个绩效目标（{names}…），请用 jixiao goals check 逐项检查"
        )
    return tables[0]
