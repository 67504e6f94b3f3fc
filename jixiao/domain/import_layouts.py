"""What accounting and treasury systems export, turned into the rows the voucher validator reads.

Real exports are not one voucher line per row with a 功能分类 and a 经济分类 column
(shared/docs/import-formats.md §1.2, §2.2, §2.4, §2.7):

- 用友 GRP-U8 and 金蝶 KIS print the classifications as one 辅助核算 text
  ("功能分类:2012901 行政运行;经济分类:30201 办公费");
- under 政府会计制度 one payment is booked twice (平行记账): 5xxx 费用 on the financial side and 7xxx
  预算支出 on the budget side, each against its own counterpart (1011, 8001…);
- 凭证查询 and 序时账 write the voucher key (and in KIS the 摘要) on the first line of a voucher only;
- a 明细账 splits the date into 月 | 日 under a title that holds the year;
- the 一体化 payment detail names 基本支出 as pseudo-projects ("…-公用经费") and projects as
  "code-name" cells.

``VoucherExport`` recognises these from the header row and wraps the row stream: it appends the
derived cells (功能分类, 经济分类, 项目, 资金来源 from 辅助核算; the date from 年/月/日) as extra
columns of the layout, fills the voucher key and 摘要 down the lines of a voucher, keeps only the
budget side of a 平行记账 voucher, and says in ``notes`` what it did, for the preview. The patterns
and account classes are data (jixiao/data/imports/accounting.yaml). Memory stays flat: at most one
voucher's lines are held, plus a bounded look-ahead while it is not yet known whether the file is
kept under 平行记账.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from jixiao.data import load_yaml
from jixiao.domain.imports import (
    Cell,
    CellError,
    Layout,
    cell_text,
    missing_fields,
    normalise_header,
    parse_date,
    synonyms,
)
from jixiao.domain.money import WAN

Row = tuple[int, list[Cell]]

BUDGET, FINANCIAL, COUNTERPART = "budget", "financial", "counterpart"
AUX_FIELDS = ("func_code", "econ_code", "project", "fund_source")
_UNIT_LINE = re.compile(r"单位\s*[:：]?\s*(万元|元)")
_SHORT_NUMBER = re.compile(r"^\D{0,4}?\s*[-－—#第字]*\s*\d{1,6}\s*号?$")  # 记-0001, 记 - 1, 付字第8号, 12
_PERIOD_MONTH = re.compile(r"(\d{1,2})(?:\.0+)?\s*(?:期|月)?\s*$")


@dataclass(frozen=True, slots=True)
class AccountingRules:
    aux_pattern: re.Pattern
    aux_fields: dict[str, str]
    aux_strip: str
    prefixes: tuple[tuple[str, str], ...]  # (account-code prefix, role), longest prefix first
    names: dict[str, str]  # account name (last level) → role
    lookahead: int
    voucher_headers: dict[str, str]
    pseudo_pattern: re.Pattern
    pseudo_kinds: dict[str, str]
    project_code_name: re.Pattern
    title_year: re.Pattern
    summary_reference: re.Pattern
    qualify_by_month: bool


@cache
def accounting_rules() -> AccountingRules:
    data = load_yaml("imports/accounting.yaml")
    aux = data["auxiliary"]
    fields = {str(key): name for name, keys in aux["keys"].items() for key in keys}
    keys = "|".join(re.escape(k) for k in sorted(fields, key=len, reverse=True))
    pairs = "|".join(re.escape(s) for s in sorted(aux["pair_separators"], key=len, reverse=True))
    items = "".join(re.escape(s) for s in aux["item_separators"] if len(s) == 1)
    pattern = re.compile(
        rf"(?:^|(?<=[{items}\s]))\s*(?:\[(?P<bracket>{keys})\]|【(?P<square>{keys})】|(?P<key>{keys})\s*(?:{pairs}))\s*"
    )
    parallel = data["parallel"]
    prefixes = [(str(p), BUDGET) for p in parallel["budget_expense"]]
    prefixes += [(str(p), FINANCIAL) for p in parallel["financial_expense"]]
    prefixes += [(str(p), COUNTERPART) for p in parallel["counterpart"]]
    names = {str(n): BUDGET for n in parallel["budget_expense_names"]}
    names |= {str(n): FINANCIAL for n in parallel["financial_expense_names"]}
    names |= {str(n): COUNTERPART for n in parallel["counterpart_names"]}
    pseudo = data["basic_pseudo_projects"]
    return AccountingRules(
        aux_pattern=pattern,
        aux_fields=fields,
        aux_strip="".join(aux["item_separators"]) + " \u3000",
        prefixes=tuple(sorted(prefixes, key=lambda p: -len(p[0]))),
        names=names,
        lookahead=int(parallel.get("lookahead_rows", 5000)),
        voucher_headers={normalise_header(k)[0]: v for k, v in data["voucher_headers"].items()},
        pseudo_pattern=re.compile(pseudo["pattern"]),
        pseudo_kinds={str(k): str(v) for k, v in pseudo["kinds"].items()},
        project_code_name=re.compile(data["project_code_name"]["pattern"]),
        title_year=re.compile(data["title_year"]),
        summary_reference=re.compile(data["reversals"]["summary_reference"]),
        qualify_by_month=bool(data.get("voucher_numbers", {}).get("qualify_by_month", True)),
    )


# ---------------------------------------------------------------- cells


def parse_auxiliary(text: Cell) -> dict[str, str]:
    """'功能分类:2012901 行政运行;经济分类:30201 办公费' → {'func_code': '2012901 行政运行', …}.

    Items whose name is not known are ignored (部门, 往来单位…); a name given twice keeps the first.
    """
    value = cell_text(text)
    if not value:
        return {}
    rules = accounting_rules()
    found: dict[str, str] = {}
    matches = list(rules.aux_pattern.finditer(value))
    for match, following in itertools.zip_longest(matches, matches[1:]):
        key = match.group("bracket") or match.group("square") or match.group("key")
        end = following.start() if following is not None else len(value)
        item = value[match.end() : end].strip(rules.aux_strip)
        field_name = rules.aux_fields[key]
        if item and field_name not in found:
            found[field_name] = item
    return found


def account_role(code: Cell, name: Cell = None) -> str | None:
    """'budget' (7xxx 预算支出), 'financial' (5xxx 费用), 'counterpart' or None (not known)."""
    rules = accounting_rules()
    digits = "".join(ch for ch in cell_text(code) if ch.isdigit())
    if digits:
        for prefix, role in rules.prefixes:
            if digits.startswith(prefix):
                return role
        return None
    text = cell_text(name)
    if not text:
        return None
    last = re.split(r"[-_/\\—]", text)[-1].strip()
    first = re.split(r"[-_/\\—]", text)[0].strip()
    return rules.names.get(last) or rules.names.get(first)


def basic_pseudo_project(text: Cell) -> str | None:
    """'常宁市妇女联合会-公用经费' → '公用经费'; '基本支出-人员经费' → '人员经费'; a project → None."""
    value = cell_text(text)
    if not value:
        return None
    rules = accounting_rules()
    match = rules.pseudo_pattern.match(value)
    return rules.pseudo_kinds.get(match.group("kind")) if match else None


def project_code_and_name(text: Cell) -> tuple[str, str] | None:
    """'43042124000000000001-妇女儿童维权服务' → (code, name); None when the cell is not "code-name"."""
    value = cell_text(text)
    match = accounting_rules().project_code_name.match(value)
    if not match or not any(ch.isdigit() for ch in match.group("code")):
        return None
    return match.group("code"), match.group("name").strip()


def summary_reference(summary: Cell) -> str:
    """The voucher number a 红字/退回 line names in its 摘要 ('冲销记-0004号凭证' → '记-0004'), or ''."""
    match = accounting_rules().summary_reference.search(cell_text(summary))
    return re.sub(r"\s+", "", match.group("number")) if match else ""


# ---------------------------------------------------------------- the layout


@dataclass(slots=True)
class _Counts:
    parallel_vouchers: int = 0
    financial_dropped: int = 0
    financial_only_vouchers: int = 0
    financial_only_lines: int = 0
    financial_only_first_row: int | None = None
    counterpart_dropped: int = 0
    financial_taken: int = 0
    pseudo_projects: int = 0
    aux_rows: int = 0


class VoucherExport:
    """A voucher file as an accounting or treasury system exports it, read as canonical rows.

    ``layout`` is the layout the validator sees: the detected one plus derived columns (their
    header names the column they come from, e.g. "辅助核算（功能分类）", so errors point at the
    cell the user can fix). ``rows(numbered)`` yields (row number, cells) in file order, leaving
    out the lines that are not spending (the financial side of a 平行记账 voucher, counterpart
    lines on 资金结存 or 零余额账户用款额度); ``dropped`` counts them and ``notes`` says why.
    """

    def __init__(self, head: Sequence[Sequence[Cell]], layout: Layout, *, year: int | None = None) -> None:
        self.rules = accounting_rules()
        self.year = year
        self.notes: list[str] = []
        self.counts = _Counts()
        headers = list(layout.headers)
        columns = dict(layout.columns)
        self.source = layout
        # "项目" in a voucher file is the project (the synonym table gives it to the 三公 item).
        for index, header in enumerate(headers):
            target = self.rules.voucher_headers.get(normalise_header(header)[0])
            if target and target not in columns and "project_code" not in columns:
                for name, at in list(columns.items()):
                    if at == index:
                        del columns[name]
                columns[target] = index
        self.width = len(headers)
        self.derived: dict[str, int] = {}

        def derive(field_name: str, label: str) -> int:
            if field_name in columns:
                return columns[field_name]
            index = len(headers)
            headers.append(label)
            columns[field_name] = index
            self.derived[field_name] = index
            return index

        self.aux_at = columns.get("aux")
        self.aux_targets: dict[str, int] = {}
        if self.aux_at is not None:
            aux_label = headers[self.aux_at] or "辅助核算"
            labels = {
                "func_code": "功能分类",
                "econ_code": "经济分类",
                "project": "项目",
                "fund_source": "资金来源",
            }
            for field_name in AUX_FIELDS:
                target = field_name
                if field_name == "project":
                    target = "project_code" if "project_code" in columns else "project_name"
                self.aux_targets[field_name] = derive(target, f"{aux_label}（{labels[field_name]}）")
        # 月 | 日 (and 年) columns make the date.
        self.split_date = "date" not in columns and "month" in columns and "day" in columns
        self.title_year = self._title_year(head, layout.header_row)
        if self.split_date:
            parts = [headers[columns[p]] for p in ("year", "month", "day") if p in columns]
            self.date_at = derive("date", "/".join(parts))
        # The 基本支出 pseudo-projects need a 支出性质 cell to say which kind.
        self.project_at = columns.get("project_name", columns.get("project_code"))
        self.fund_at = (
            derive("fund_type", f"{headers[self.project_at]}（支出性质）")
            if self.project_at is not None
            else None
        )
        self.summary_at = columns.get("summary")
        self.key_at = [columns[k] for k in ("date", "period", "voucher_word", "voucher_no") if k in columns]
        self.key_at += [columns[k] for k in ("year", "month", "day") if k in columns and self.split_date]
        self.number_at = [columns[k] for k in ("voucher_word", "voucher_no") if k in columns]
        self.acct_at = columns.get("acct_code")
        self.acct_name_at = columns.get("acct_name")
        self.grouped = self.acct_at is not None or self.acct_name_at is not None
        self.class_at = [columns[k] for k in ("func_code", "econ_code") if k in columns]
        self.split_at = [columns[k] for k in ("year", "month", "day") if k in columns]
        self.extra = len(headers) - self.width
        # 用友 and 金蝶 number vouchers afresh each month (记-0001 in January and in March): the
        # vouchers of an accounting export are numbered with their month ("3月记-0001").
        self.qualify_at = columns.get("voucher_word", columns.get("voucher_no"))
        self.date_index = columns.get("date")
        self.period_at = columns.get("period")
        self.qualify = (
            self.rules.qualify_by_month
            and self.qualify_at is not None
            and (self.grouped or self.period_at is not None or self.split_date)
        )
        self.qualified = 0
        self._warn_units(head, layout)
        self.layout = dataclasses.replace(
            layout,
            headers=tuple(headers),
            columns=columns,
            missing=missing_fields(layout.kind, columns),
            units={k: v for k, v in layout.units.items() if k in columns},
        )
        self.dropped = 0

    # ---------------------------------------------------------------- what the head says

    def _title_year(self, head: Sequence[Sequence[Cell]], header_row: int) -> int | None:
        for row in head[: max(header_row - 1, 0)]:
            for cell in row:
                match = self.rules.title_year.search(cell_text(cell))
                if match:
                    return int(match.group("year"))
        return None

    def _warn_units(self, head: Sequence[Sequence[Cell]], layout: Layout) -> None:
        """A column whose header states a unit that contradicts the file's unit line."""
        sheet: tuple[int, str] | None = None
        for number, row in enumerate(head[: max(layout.header_row - 1, 0)], start=1):
            for cell in row:
                match = _UNIT_LINE.search(cell_text(cell))
                if match:
                    sheet = (number, match.group(1))
        if sheet is None:
            return
        for field_name in ("debit", "credit", "amount"):
            index = layout.columns.get(field_name)
            if index is None or index >= len(layout.headers):
                continue
            header = layout.headers[index]
            unit = normalise_header(header)[1]
            if unit is None:
                continue
            said = "万元" if unit == WAN else "元"
            if said != sheet[1]:
                self.notes.append(
                    f"注意：第{sheet[0]}行注明“金额单位：{sheet[1]}”，但“{header}”列注明{said}，"
                    f"两者矛盾；已按该列的{said}读取，请核对金额。"
                )

    # ---------------------------------------------------------------- rows

    def rows(self, numbered: Iterable[Row]) -> Iterator[Row]:
        if not (self.aux_at is not None or self.split_date or self.grouped or self.qualify):
            return self._light(numbered)
        filled = self._filled(numbered)
        if not self.grouped:
            return ((number, cells) for number, cells, _ in filled)
        return self._parallel(filled)

    def _is_total(self, raw: Sequence[Cell]) -> bool:
        syn = synonyms()
        for cell in raw:
            if isinstance(cell, str) and cell.strip():
                text = cell_text(cell)
                if syn.total_pattern.search(text) or syn.note_pattern.match(text):
                    return True
                break
        if self.summary_at is not None and self.summary_at < len(raw):
            summary = raw[self.summary_at]
            if isinstance(summary, str) and syn.total_pattern.match(summary.strip()):
                return True
        return "栏次" in raw

    def _filled(self, numbered: Iterable[Row]) -> Iterator[Row]:
        """Pad each row, derive the cells, fill the voucher key and 摘要 down a voucher."""
        last: dict[int, Cell] = {}
        voucher: tuple | None = None
        summary: Cell = None
        width, extra = self.width, self.extra
        for number, raw in numbered:
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in raw):
                yield number, raw, False
                continue
            if self._is_total(raw):
                last.clear()
                voucher, summary = None, None
                yield number, raw, False
                continue
            cells = list(raw)
            if len(cells) < width:
                cells.extend([None] * (width - len(cells)))
            elif len(cells) > width:
                del cells[width:]
            if extra:
                cells.extend([None] * extra)
            starts = any(not _blank(cells[i]) for i in self.number_at)
            for index in self.key_at:
                if _blank(cells[index]):
                    cells[index] = last.get(index)
                else:
                    last[index] = cells[index]
            key = tuple(cells[i] for i in self.number_at) if self.number_at else (number,)
            same = not starts or key == voucher
            voucher = key
            if self.summary_at is not None:
                if _blank(cells[self.summary_at]):
                    if same:
                        cells[self.summary_at] = summary
                else:
                    summary = cells[self.summary_at]
            if self.aux_at is not None:
                self._derive_aux(cells)
            if self.split_date:
                cells[self.date_at] = self._date(cells)
            if self.project_at is not None:
                self._pseudo(cells)
            if self.qualify:
                self._qualify(cells)
            yield number, cells, True

    def _light(self, numbered: Iterable[Row]) -> Iterator[Row]:
        """A file in the plain voucher layout (the common case, millions of rows): only the 摘要
        is filled down a voucher and 基本支出 pseudo-projects are read; a row is copied only when
        one of its cells changes (the validator fills the voucher key itself)."""
        summary_at, project_at, fund_at = self.summary_at, self.project_at, self.fund_at
        number_at = self.number_at[-1] if self.number_at else None
        total = synonyms().total_pattern
        pseudo: dict[Cell, str | None] = {}
        last_number: Cell = None
        last_summary: Cell = None
        for number, raw in numbered:
            width = len(raw)
            if number_at is not None and number_at < width:
                code = raw[number_at]
                if code is not None and code != last_number and not _blank(code):
                    last_number, last_summary = code, None  # a new voucher
            if summary_at is not None:
                text = raw[summary_at] if summary_at < width else None
                if text is None or (text.__class__ is str and not text.strip()):
                    if last_summary is not None and any(c is not None and not _blank(c) for c in raw):
                        raw = list(raw)
                        raw.extend([None] * (summary_at + 1 - width))
                        raw[summary_at] = last_summary
                        width = len(raw)
                elif text.__class__ is str and text[:1] in "合总小本期上" and total.search(text.strip()):
                    last_number = last_summary = None  # a total row ends the voucher
                else:
                    last_summary = text
            if project_at is not None and project_at < width:
                cell = raw[project_at]
                if cell is not None and not _blank(cell):
                    if cell not in pseudo:
                        if len(pseudo) > 4096:
                            pseudo.clear()
                        pseudo[cell] = basic_pseudo_project(cell)
                    kind = pseudo[cell]
                    if kind is not None:
                        raw = list(raw)
                        raw.extend([None] * (fund_at + 1 - len(raw)))
                        self.counts.pseudo_projects += 1
                        raw[project_at] = None
                        current = cell_text(raw[fund_at])
                        if not current or current in ("基本支出", "基本"):
                            raw[fund_at] = kind
            yield number, raw

    def _derive_aux(self, cells: list[Cell]) -> None:
        found = parse_auxiliary(cells[self.aux_at])
        if not found:
            return
        self.counts.aux_rows += 1
        for field_name, value in found.items():
            index = self.aux_targets[field_name]
            if _blank(cells[index]):
                cells[index] = value

    def _date(self, cells: list[Cell]) -> Cell:
        values = [cell_text(cells[i]) for i in self.split_at]
        if len(values) == 2:
            values.insert(0, str(self.title_year or self.year or ""))
        year, month, day = values
        if not (month and day):
            return None
        if year.isdigit() and month.isdigit() and day.isdigit():
            return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        return f"{year}年{month}月{day}日"

    def _month(self, cells: list[Cell]) -> int | None:
        if self.date_index is not None:
            try:
                found = parse_date(cells[self.date_index])
            except CellError:
                found = None
            if found is not None:
                return found.month
        if self.period_at is not None:
            match = _PERIOD_MONTH.search(cell_text(cells[self.period_at]))
            if match and 1 <= int(match.group(1)) <= 12:
                return int(match.group(1))
        return None

    def _qualify(self, cells: list[Cell]) -> None:
        text = cell_text(cells[self.qualify_at])
        if not text or not _SHORT_NUMBER.match(text):
            return
        month = self._month(cells)
        if month is not None:
            cells[self.qualify_at] = f"{month}月{text}"
            self.qualified += 1

    def _pseudo(self, cells: list[Cell]) -> None:
        kind = basic_pseudo_project(cells[self.project_at])
        if kind is None:
            return
        self.counts.pseudo_projects += 1
        cells[self.project_at] = None
        current = cell_text(cells[self.fund_at])
        if not current or current in ("基本支出", "基本"):
            cells[self.fund_at] = kind

    # ---------------------------------------------------------------- 平行记账

    def _role(self, cells: list[Cell]) -> str | None:
        code = cells[self.acct_at] if self.acct_at is not None else None
        name = cells[self.acct_name_at] if self.acct_name_at is not None else None
        return account_role(code, name)

    def _parallel(self, filled: Iterator[tuple[int, list[Cell], bool]]) -> Iterator[Row]:
        """One voucher at a time. Until a 7xxx line shows that the file is kept under 平行记账, the
        rows are held (at most ``lookahead`` of them): a file with no budget side at all (an old
        单位会计制度 ledger) is read as before, its 5xxx lines being the spending."""
        mode: bool | None = None  # True: 平行记账; False: one side only; None: not known yet
        held: list = []  # vouchers (lists of lines) and single pass-through rows, in file order
        held_rows = 0
        group: list[tuple[int, list[Cell], str | None]] = []
        voucher: tuple | None = None

        def push(entry) -> Iterator[Row]:
            nonlocal mode, held_rows
            held.append(entry)
            held_rows += len(entry) if isinstance(entry, list) else 1
            if mode is None and held_rows < self.rules.lookahead:
                return
            parallel = bool(mode)
            for item in held:
                if isinstance(item, list):
                    yield from self._choose(item, parallel=parallel)
                else:
                    yield item
            held.clear()
            held_rows = 0

        for number, cells, data in filled:
            if not data:
                if group:
                    yield from push(group)
                    group = []
                voucher = None
                yield from push((number, cells))  # blank and total rows: the validator counts them
                continue
            role = self._role(cells)
            if role == BUDGET and mode is None:
                mode = True
            key = tuple(cells[i] for i in self.number_at) if self.number_at else (number,)
            if group and key != voucher:
                yield from push(group)
                group = []
            voucher = key
            group.append((number, cells, role))
        if group:
            held.append(group)
        mode = bool(mode)
        for item in held:
            if isinstance(item, list):
                yield from self._choose(item, parallel=mode)
            else:
                yield item

    def _has_class(self, cells: list[Cell]) -> bool:
        return any(not _blank(cells[i]) for i in self.class_at)

    def _choose(self, lines, *, parallel: bool) -> Iterator[Row]:
        counts = self.counts
        budget = [line for line in lines if line[2] == BUDGET]
        financial = [line for line in lines if line[2] == FINANCIAL]
        keep: list = []
        if budget and financial:
            counts.parallel_vouchers += 1
            if any(self._has_class(line[1]) for line in budget):
                keep = budget
                counts.financial_dropped += len(financial)
            elif any(self._has_class(line[1]) for line in financial):
                keep = [line for line in financial if self._has_class(line[1])]
                counts.financial_taken += len(keep)
            else:
                keep = budget
                counts.financial_dropped += len(financial)
        elif budget:
            keep = budget
        elif financial:
            if parallel:
                counts.financial_only_vouchers += 1
                counts.financial_only_lines += len(financial)
                if counts.financial_only_first_row is None:
                    counts.financial_only_first_row = financial[0][0]
            else:
                keep = financial
        unknown = [line for line in lines if line[2] is None]
        counterpart = [line for line in lines if line[2] == COUNTERPART]
        counts.counterpart_dropped += len(counterpart)
        kept = {id(line) for line in keep} | {id(line) for line in unknown}
        self.dropped += len(lines) - len(kept)
        for line in lines:
            if id(line) in kept:
                yield line[0], line[1]

    # ---------------------------------------------------------------- what was done

    def summary_notes(self) -> list[str]:
        """What the preview says about the reading, after the rows were read."""
        counts = self.counts
        notes = list(self.notes)
        if counts.parallel_vouchers:
            if counts.financial_dropped:
                notes.append(
                    f"平行记账：{counts.parallel_vouchers}张凭证同时有财务会计和预算会计分录，"
                    f"只导入预算会计分录（7xxx 预算支出），略过财务会计分录（5xxx 费用）{counts.financial_dropped}行，"
                    "每笔支付只计一次。"
                )
            if counts.financial_taken:
                notes.append(
                    f"平行记账：{counts.financial_taken}行预算会计分录没有功能分类和经济分类，按同一凭证中"
                    "带有分类的财务会计分录导入。"
                )
        if counts.financial_only_vouchers:
            notes.append(
                f"{counts.financial_only_vouchers}张凭证（自第{counts.financial_only_first_row}行起，"
                f"共{counts.financial_only_lines}行）只有财务会计分录、没有预算会计分录（如计提、折旧、摊销），"
                "不是预算支出，未导入。"
            )
        if counts.counterpart_dropped:
            notes.append(
                f"略过对方科目分录{counts.counterpart_dropped}行（零余额账户用款额度、资金结存、银行存款等，不是支出）。"
            )
        if counts.aux_rows:
            notes.append(f"{counts.aux_rows}行的功能分类、经济分类等取自“辅助核算”。")
        if counts.pseudo_projects:
            notes.append(
                f"{counts.pseudo_projects}行的预算项目是基本支出（人员经费或公用经费），按基本支出导入。"
            )
        if self.qualified:
            notes.append(
                "凭证号按月编号：导入时在凭证号前加上月份（如“3月记-0001”），各月的同号凭证不会混淆。"
            )
        if self.split_date:
            source = "表头上方的年度" if self.title_year else f"导入年度{self.year}"
            if "year" in self.source.columns:
                source = "“年”列"
            notes.append(f"日期由“月”“日”列组成，年份取自{source}。")
        return notes


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def unit_multiplier(text: str) -> Decimal:
    return WAN if text == "万元" else Decimal(1)
