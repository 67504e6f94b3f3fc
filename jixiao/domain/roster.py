"""The bureau roster (单位与用户名册): three sheets read into plain records, every bad cell named.

Reading is pure: the caller passes each sheet's rows (as the file reader yields them) and what it
knows (the role names, the codes that already exist elsewhere); this module returns the records
and the errors, each with its sheet, row and column. Whether a record is new, changed or the
same is decided by the service that holds the database.

The column specification is data (jixiao/data/orgs/roster.yaml); the template is written from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from jixiao.data import load_yaml
from jixiao.domain.department_types import department_type_names
from jixiao.domain.imports import Cell, ImportColumn, cell_text, example_label

MAX_ROWS = 20_000  # per sheet; a bureau has hundreds of departments, not tens of thousands
MAX_ERRORS = 1_000
YEARS = range(2000, 2101)
USERNAME = re.compile(r"^[\w.@+-]+\Z")


@dataclass(frozen=True, slots=True)
class RosterSheet:
    name: str
    columns: tuple[ImportColumn, ...]


@dataclass(frozen=True, slots=True)
class RosterSpec:
    title: str
    sheets: tuple[RosterSheet, ...]
    unit_kinds: tuple[tuple[str, str], ...]
    default_unit_kind: str
    econ_levels: dict[str, int]

    def sheet(self, name: str) -> RosterSheet:
        return next(s for s in self.sheets if s.name == name)


@cache
def roster_spec() -> RosterSpec:
    data = load_yaml("orgs/roster.yaml")
    return RosterSpec(
        title=str(data["title"]),
        sheets=tuple(
            RosterSheet(
                name=str(sheet["name"]),
                columns=tuple(
                    ImportColumn(
                        field=str(c["field"]),
                        header=str(c["header"]),
                        required=bool(c.get("required", True)),
                        values=str(c.get("values") or ""),
                        example=str(c.get("example") or ""),
                    )
                    for c in sheet["columns"]
                ),
            )
            for sheet in data["sheets"]
        ),
        unit_kinds=tuple((str(k["suffix"]), str(k["kind"])) for k in data["internal_unit_kinds"]),
        default_unit_kind=str(data["default_internal_unit_kind"]),
        econ_levels={str(k): int(v) for k, v in data["econ_control_levels"].items()},
    )


# ---------------------------------------------------------------- cell rules shared with the forms


_UNIT_SEPARATORS = re.compile(r"[、，,；;\n]+")
# （一） anywhere; 一、 and 1. only at the start or after a line break or a full stop.
_DUTY_NUMBER = re.compile(
    r"[（(][一二三四五六七八九十百]+[)）]\s*"
    r"|(?:^|(?<=[\s。；;]))(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)）])\s*"
)


def unit_kind(name: str) -> str:
    spec = roster_spec()
    for suffix, kind in spec.unit_kinds:
        if name.endswith(suffix):
            return kind
    return spec.default_unit_kind


def parse_internal_units(text: str) -> list[dict[str, str]]:
    """'办公室、权益部' → [{'name': '办公室', 'kind': '股室'}, …]; '无' or blank → []."""
    text = (text or "").strip()
    if text in {"", "无", "没有", "-", "—"}:
        return []
    names: list[str] = []
    for part in _UNIT_SEPARATORS.split(text):
        name = part.strip()
        if not name:
            continue
        if len(name) > 64:
            raise ValueError(f"内设机构名称“{name[:20]}…”超过64个字符")
        if name in names:
            raise ValueError(f"内设机构“{name}”重复")
        names.append(name)
    return [{"name": name, "kind": unit_kind(name)} for name in names]


def internal_units_text(units: Iterable[Mapping]) -> str:
    names = [str(u.get("name", "")) for u in units if u.get("name")]
    return "、".join(names) if names else "无"


def parse_duties(text: str) -> list[str]:
    """主要职责 → its items: one a line, or numbered （一）（二）… / 一、二、 / 1. 2. in one line."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    parts = _DUTY_NUMBER.split(text)
    if len(parts) == 1:
        parts = text.split("\n")
    items = []
    for part in parts:
        for line in part.split("\n"):
            item = line.strip().rstrip("；;").strip()
            if item:
                items.append(item)
    return items


CHINESE_NUMBERS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    if n < 20:
        return "十" + CHINESE_NUMBERS[n - 11]
    tens, ones = divmod(n, 10)
    return CHINESE_NUMBERS[tens - 1] + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


def numbered_duties(items: Sequence[str]) -> list[str]:
    """['a', 'b'] → ['（一）a', '（二）b'] (how a 主要职责 list is shown)."""
    return [f"（{chinese_number(i)}）{item}" for i, item in enumerate(items, start=1)]


def check_staffing(
    quota: int, by_kind: Mapping[str, int | None], labels: Mapping[str, str]
) -> tuple[str, str] | None:
    """(field, message) when the 编制数 by kind given do not add up to 编制数."""
    given = {k: v for k, v in by_kind.items() if v is not None}
    if given and sum(given.values()) != quota:
        parts = "＋".join(f"{labels[k]}{v}" for k, v in given.items())
        return next(iter(given)), f"{parts}＝{sum(given.values())}，不等于编制数{quota}"
    return None


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class RosterError:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "表头"
        return f"工作表“{self.sheet}”{where}【{self.column}】{self.message}"


@dataclass(frozen=True, slots=True)
class DepartmentRecord:
    row: int
    code: str
    name: str
    department_type: str
    budget_unit_count: int
    internal_units: tuple[tuple[str, str], ...]  # (name, kind)
    econ_control_level: int | None  # None: the column is absent (keep the record's own)


@dataclass(frozen=True, slots=True)
class ProfileRecord:
    row: int
    code: str
    year: int
    staffing_quota: int
    actual_staff: int
    retired_cadres: int
    retired: int
    duties: tuple[str, ...]
    staffing_admin: int | None
    staffing_institution: int | None
    staffing_worker: int | None
    by_kind_given: bool  # the 行政/事业/工勤编制 columns are in the file


@dataclass(frozen=True, slots=True)
class UserRecord:
    row: int
    username: str
    full_name: str
    role: str
    code: str  # '' for the bureau's own staff


@dataclass
class Roster:
    departments: list[DepartmentRecord] = field(default_factory=list)
    profiles: list[ProfileRecord] = field(default_factory=list)
    users: list[UserRecord] = field(default_factory=list)
    errors: list[RosterError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Sheet:
    """Header lookup and cell access for one sheet; errors name the sheet, row and header."""

    def __init__(self, spec: RosterSheet, rows: Iterable[Sequence[Cell]], roster: Roster) -> None:
        self.spec = spec
        self.roster = roster
        self.at: dict[str, int] = {}
        self.data: list[tuple[int, Sequence[Cell]]] = []
        rows = iter(rows)
        header_row = None
        for number, raw in enumerate(rows, start=1):
            texts = [cell_text(c).replace(" ", "") for c in raw]
            if any(texts):
                header_row = number
                break
        if header_row is None:
            self.error(None, "—", "工作表是空的，没有表头行")
            return
        by_text = {text: i for i, text in reversed(list(enumerate(texts))) if text}
        for column in spec.columns:
            index = by_text.get(column.header)
            if index is None:
                if column.required:
                    found = "、".join(t for t in texts if t) or "（无）"
                    self.error(None, column.header, f"缺少这一列（表头行为第{header_row}行：{found}）")
                continue
            self.at[column.field] = index
        label = example_label()
        for number, raw in enumerate(rows, start=header_row + 1):
            if number - header_row > MAX_ROWS:
                self.error(number, "—", f"数据行超过{MAX_ROWS}行的上限")
                break
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in raw):
                continue
            first = next((cell_text(c) for c in raw if cell_text(c)), "")
            if first == label:
                continue  # the template's 示例 row
            self.data.append((number, raw))

    def header(self, name: str) -> str:
        return next(c.header for c in self.spec.columns if c.field == name)

    def has(self, name: str) -> bool:
        return name in self.at

    def error(self, row: int | None, column: str, message: str) -> None:
        if len(self.roster.errors) < MAX_ERRORS:
            self.roster.errors.append(RosterError(self.spec.name, row, column, message))

    def text(
        self, raw: Sequence[Cell], name: str, row: int, *, required: bool, limit: int, lines: bool = False
    ) -> str | None:
        index = self.at.get(name)
        value = raw[index] if index is not None and index < len(raw) else None
        if lines and isinstance(value, str):  # keep the line breaks that separate items
            text = value.replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n").strip()
        else:
            text = cell_text(value).strip() if value is not None else ""
        if text.startswith("'"):
            text = text[1:].strip()
        if not text:
            if required:
                self.error(row, self.header(name), "不能为空")
                return None
            return ""
        if len(text) > limit:
            self.error(row, self.header(name), f"超过{limit}个字符")
            return None
        if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
            self.error(row, self.header(name), "含有不可见的控制字符")
            return None
        return text

    def number(
        self, raw: Sequence[Cell], name: str, row: int, *, minimum: int = 0, blank: int | None = None
    ) -> int | None:
        """A whole number; ``blank`` is what an empty cell means (None: it is an error)."""
        if name not in self.at:
            return None
        index = self.at[name]
        value = raw[index] if index < len(raw) else None
        text = cell_text(value).strip() if value is not None else ""
        if not text:
            if blank is None:
                self.error(row, self.header(name), "不能为空")
            return blank
        try:
            number = Decimal(text.replace(",", ""))
        except ArithmeticError:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            self.error(row, self.header(name), f"“{text}”不是整数")
            return None
        if number < minimum or number > 1_000_000:
            self.error(row, self.header(name), f"“{text}”应为不小于{minimum}的整数")
            return None
        return int(number)


def read_roster(
    sheets: Mapping[str, Iterable[Sequence[Cell]] | None],
    *,
    roles: Mapping[str, str],
    department_roles: Iterable[str],
    known_codes: Iterable[str] = (),
) -> Roster:
    """Read the three sheets. ``sheets`` maps a sheet name to its rows (None: no such sheet);
    ``roles`` maps a role's Chinese name to its key; ``known_codes`` are the 单位编码 that exist in
    the database for this bureau (年度概况 and 用户 may name them without a 单位 row)."""
    spec = roster_spec()
    roster = Roster()
    readers: dict[str, _Sheet] = {}
    for sheet_spec in spec.sheets:
        rows = sheets.get(sheet_spec.name)
        if rows is None:
            roster.errors.append(
                RosterError(sheet_spec.name, None, "—", f"工作簿中没有工作表“{sheet_spec.name}”")
            )
            continue
        readers[sheet_spec.name] = _Sheet(sheet_spec, rows, roster)
    if not roster.ok:
        return roster
    types = set(department_type_names())
    department_roles = set(department_roles)
    units, profiles, users = (readers[s.name] for s in spec.sheets)

    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for row, raw in units.data:
        code = units.text(raw, "code", row, required=True, limit=32)
        name = units.text(raw, "name", row, required=True, limit=128)
        kind = units.text(raw, "department_type", row, required=True, limit=32)
        count = units.number(raw, "budget_unit_count", row, minimum=1)
        units_text = units.text(raw, "internal_units", row, required=True, limit=2000)
        level_text = units.text(raw, "econ_control_level", row, required=False, limit=4)
        ok = None not in (code, name, kind, count, units_text, level_text)
        if code and code in codes:
            units.error(row, units.header("code"), f"单位编码“{code}”与第{codes[code]}行重复")
            ok = False
        if name and name in names:
            units.error(row, units.header("name"), f"单位名称“{name}”与第{names[name]}行重复")
            ok = False
        if kind and kind not in types:
            units.error(
                row,
                units.header("department_type"),
                f"“{kind}”不是部门类型（可选：{'、'.join(department_type_names())}）",
            )
            ok = False
        parsed_units: list[dict[str, str]] = []
        if units_text:
            try:
                parsed_units = parse_internal_units(units_text)
            except ValueError as problem:
                units.error(row, units.header("internal_units"), str(problem))
                ok = False
        level = None
        if units.has("econ_control_level"):
            level = spec.econ_levels.get(level_text or "款")
            if level is None:
                units.error(row, units.header("econ_control_level"), f"“{level_text}”应为 款 或 项")
                ok = False
        if code:
            codes.setdefault(code, row)
        if name:
            names.setdefault(name, row)
        if ok:
            roster.departments.append(
                DepartmentRecord(
                    row=row,
                    code=code,
                    name=name,
                    department_type=kind,
                    budget_unit_count=count,
                    internal_units=tuple((u["name"], u["kind"]) for u in parsed_units),
                    econ_control_level=level,
                )
            )
    all_codes = set(codes) | set(known_codes)

    seen_years: dict[tuple[str, int], int] = {}
    kind_fields = ("staffing_admin", "staffing_institution", "staffing_worker")
    kind_labels = {f: profiles.header(f) for f in kind_fields}
    for row, raw in profiles.data:
        code = profiles.text(raw, "code", row, required=True, limit=32)
        year = profiles.number(raw, "year", row, minimum=0)
        quota = profiles.number(raw, "staffing_quota", row)
        actual = profiles.number(raw, "actual_staff", row)
        cadres = profiles.number(raw, "retired_cadres", row, blank=0)
        retired = profiles.number(raw, "retired", row, blank=0)
        duties_text = profiles.text(raw, "duties", row, required=False, limit=5000, lines=True)
        by_kind = {f: profiles.number(raw, f, row, blank=-1) for f in kind_fields}
        ok = None not in (code, year, quota, actual, cadres, retired, duties_text) and all(
            profiles.has(f) is False or v is not None for f, v in by_kind.items()
        )
        by_kind = {f: (None if v in (None, -1) else v) for f, v in by_kind.items()}
        if code and code not in all_codes:
            profiles.error(row, profiles.header("code"), f"单位编码“{code}”不在“单位”表中，系统中也没有")
            ok = False
        if year is not None and year not in YEARS:
            profiles.error(row, profiles.header("year"), f"“{year}”不是有效年度（2000—2100）")
            ok = False
        if code and year is not None:
            if (code, year) in seen_years:
                profiles.error(
                    row,
                    profiles.header("year"),
                    f"单位“{code}”{year}年度与第{seen_years[(code, year)]}行重复",
                )
                ok = False
            seen_years.setdefault((code, year), row)
        if ok and quota is not None:
            mismatch = check_staffing(quota, by_kind, kind_labels)
            if mismatch:
                profiles.error(row, kind_labels[mismatch[0]], mismatch[1])
                ok = False
        if ok:
            roster.profiles.append(
                ProfileRecord(
                    row=row,
                    code=code,
                    year=year,
                    staffing_quota=quota,
                    actual_staff=actual,
                    retired_cadres=cadres,
                    retired=retired,
                    duties=tuple(parse_duties(duties_text or "")),
                    by_kind_given=any(profiles.has(f) for f in kind_fields),
                    **by_kind,
                )
            )

    usernames: dict[str, int] = {}
    for row, raw in users.data:
        username = users.text(raw, "username", row, required=True, limit=150)
        full_name = users.text(raw, "full_name", row, required=True, limit=64)
        role_text = users.text(raw, "role", row, required=True, limit=32)
        code = users.text(raw, "code", row, required=False, limit=32)
        ok = None not in (username, full_name, role_text, code)
        if username and not USERNAME.match(username):
            users.error(row, users.header("username"), f"“{username}”只能包含字母、数字、汉字及 @.+-_")
            ok = False
        if username:
            if username.lower() in usernames:
                users.error(
                    row,
                    users.header("username"),
                    f"用户名“{username}”与第{usernames[username.lower()]}行重复",
                )
                ok = False
            usernames.setdefault(username.lower(), row)
        role = roles.get(role_text or "")
        if role_text and role is None:
            users.error(row, users.header("role"), f"“{role_text}”不是角色（可选：{'、'.join(roles)}）")
            ok = False
        if role is not None and code is not None:
            if role in department_roles and not code:
                users.error(row, users.header("code"), f"{role_text}必须填写所属单位编码")
                ok = False
            elif role not in department_roles and code:
                users.error(row, users.header("code"), f"{role_text}属于财政局本级，单位编码应为空")
                ok = False
            elif code and code not in all_codes:
                users.error(row, users.header("code"), f"单位编码“{code}”不在“单位”表中，系统中也没有")
                ok = False
        if ok:
            roster.users.append(
                UserRecord(row=row, username=username, full_name=full_name, role=role, code=code)
            )
    roster.errors.sort(key=lambda e: ([s.name for s in spec.sheets].index(e.sheet), e.row or 0))
    return roster
