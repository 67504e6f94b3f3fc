"""Imports of vouchers, budget allocations and the “三公” budget: validate everything, write all
or nothing.

A voucher import is one streamed pass in one transaction: every row is validated (every error
collected), and while no row has failed the valid rows are inserted in chunks as they come, so
a good file is read once and never staged. Voucher numbers go to a temporary table for the
set-based check of repeats; each budget line's batch sum is compared with its available
balance at the end. Any error rolls the transaction back, leaving nothing written; a dry run
never writes. The budget lines of the department and year are locked (select_for_update) for
the whole import, their running totals move once per line, and the import is audited as one
event. Importing the same file again imports nothing and says so (file hash, then voucher
numbers against the ledger). Memory stays flat as files grow: rows are streamed and nothing
is kept per row in the process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import itertools
import json
import shutil
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone

from jixiao.apps.budgets.models import (
    FUNDABLE_STAGES,
    BudgetLine,
    LedgerEntry,
    LedgerKind,
    Project,
    SanGongBudget,
    SpendingSummary,
    Voucher,
)
from jixiao.apps.core.services import audit_record
from jixiao.apps.exchange.accounting import match_import_reversals, open_vouchers, write_import_reversals
from jixiao.apps.exchange.models import HeaderMapping, ImportBatch, ImportKind, ImportStatus
from jixiao.apps.orgs.models import Department
from jixiao.domain.classification import FundType
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.imports import (
    HEADER_SCAN_ROWS,
    BudgetContext,
    BudgetEntryRef,
    ImportRefused,
    Layout,
    LineRef,
    ProjectRef,
    RowError,
    ValidationResult,
    VoucherContext,
    VoucherRow,
    VoucherValidator,
    detect_layout,
    missing_columns_message,
    normalise_header,
    synonyms,
    validate_budget,
    validate_prior_year,
    validate_sangong,
)
from jixiao.domain.money import yuan_fixed
from jixiao.formats.limits import archive_size
from jixiao.formats.tabular import read_rows

# Imports whose content (the file, or an .xlsx's declared decompressed size) is larger than this
# run in the background worker. The size is what a file costs to read; a row estimate is not
# (a 5 KB .xlsx can claim row 900,000,000).
BACKGROUND_BYTES = 4 * 1024 * 1024
INSERT_CHUNK = 5_000
SUMMARY_TRIGGER = "budgets_spending_summary"  # budgets migration 0012
PROGRESS_EVERY = 10_000
STORED_ERRORS = 2_000

Progress = Callable[[str, int], None]


@dataclass
class ImportOutcome:
    batch: ImportBatch
    result: ValidationResult | None = None
    errors: list[RowError] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.batch.status

    @property
    def message(self) -> str:
        return self.batch.message

    @property
    def imported(self) -> int:
        return self.batch.imported_rows

    @property
    def ok(self) -> bool:
        return self.batch.status in {ImportStatus.IMPORTED, ImportStatus.PREVIEWED, ImportStatus.ALREADY}


# ---------------------------------------------------------------- files


def imports_dir() -> Path:
    path = Path(getattr(settings, "JIXIAO_VAR_DIR", tempfile.gettempdir())) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stage_upload(upload, *, name: str | None = None) -> tuple[Path, str, str]:
    """Keep an uploaded file (or a path) under var/imports; return (path, sha256, name)."""
    if isinstance(upload, str | Path):
        path = Path(upload)
        return path, file_sha256(path), name or path.name
    file_name = name or getattr(upload, "name", None) or "upload"
    suffix = Path(file_name).suffix.lower()[:8]
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=imports_dir(), delete=False, suffix=suffix) as out:
        chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(1 << 20), b"")
        for chunk in chunks:
            digest.update(chunk)
            out.write(chunk)
    sha = digest.hexdigest()
    target = imports_dir() / f"{sha}{suffix}"
    shutil.move(out.name, target)
    return target, sha, Path(file_name).name


def runs_in_background(path: str | Path) -> bool:
    """Whether reading this file is work for the background worker, by its real size."""
    size = archive_size(path)
    return (size if size is not None else Path(path).stat().st_size) > BACKGROUND_BYTES


def progress_path(batch_id: int) -> Path:
    return imports_dir() / f"batch-{batch_id}.progress.json"


def progress_read(batch_id: int) -> dict:
    try:
        return json.loads(progress_path(batch_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _progress_writer(batch: ImportBatch, outer: Progress | None, total: int | None) -> Progress:
    path = progress_path(batch.pk)

    def report(phase: str, done: int) -> None:
        if outer is not None:
            outer(phase, done)
        with contextlib.suppress(OSError):
            path.write_text(json.dumps({"phase": phase, "done": done, "total": total}), encoding="utf-8")

    return report


# ---------------------------------------------------------------- header mappings


def saved_mapping(*, department: Department, kind: str) -> dict[str, str]:
    return dict(HeaderMapping.objects.filter(department=department, kind=kind).values_list("header", "field"))


def header_mapping_save(*, actor, department: Department, kind: str, mapping: dict[str, str]) -> int:
    """Save {file header → canonical field}; the department's next imports reuse it."""
    _require_writer(actor, department)
    known = set(synonyms().labels) | {"ignore"}
    saved = 0
    with transaction.atomic():
        for header, field_name in mapping.items():
            name = normalise_header(header)[0]
            if not name or not field_name:
                continue
            if field_name not in known:
                raise ImportRefused(f"列“{header}”对应的字段“{field_name}”无法识别。")
            HeaderMapping.objects.update_or_create(
                department=department,
                kind=kind,
                header=name[:100],
                defaults={"field": field_name, "updated_by": actor if getattr(actor, "pk", None) else None},
            )
            saved += 1
        if saved:
            audit_record(
                actor=actor,
                action="header_mapping_save",
                action_label="保存导入列名对应",
                target=None,
                department=department,
                after={"kind": kind, "mapping": mapping},
            )
    return saved


def _require_writer(actor, department: Department) -> None:
    if actor is None:
        return  # the command line runs as the operator
    if not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能导入数据。")
    if not (actor.is_department_user and actor.department_id == department.pk):
        raise PermissionRefused("只有本单位的财务人员或负责人可以导入本单位的数据。")


# ---------------------------------------------------------------- reading


def _open(path: Path, *, kind: str, mapping: dict[str, str]) -> tuple[Layout, Iterator[tuple[int, list]]]:
    rows = read_rows(path)
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    layout = detect_layout(head, kind=kind, saved=mapping)
    if layout.missing:
        raise ImportRefused(missing_columns_message(layout), missing=list(layout.missing))
    start = layout.data_start
    data = itertools.chain(head[start - 1 :], rows)
    return layout, enumerate(data, start=start)  # (number, row) pairs


class _LedgerNumbers:
    """The voucher numbers already in the department-year's ledger, for the row-by-row
    re-import check: 8 bytes each (a sorted array of 64-bit hashes), and a hash that matches
    is confirmed by the database, so the answer is exact without holding the numbers."""

    def __init__(self, department: Department, year: int) -> None:
        self.vouchers = Voucher.objects.filter(department=department, year=year)
        hashes = array("q")
        for number in self.vouchers.values_list("number", flat=True).iterator(chunk_size=10_000):
            hashes.append(hash(number))
        self.hashes = _sorted_array(hashes)

    def __contains__(self, number: object) -> bool:
        if not self.hashes:
            return False
        value = hash(number)
        position = bisect_left(self.hashes, value)
        if position == len(self.hashes) or self.hashes[position] != value:
            return False
        return self.vouchers.filter(number=number).exists()


def _sorted_array(values: array) -> array:
    """Sorted in numpy (a copy of 8 bytes a value, not a list of Python ints)."""
    import numpy

    ordered = array("q")
    if not values:
        return ordered
    ordered.frombytes(numpy.sort(numpy.frombuffer(values, dtype=numpy.int64)).tobytes())
    return ordered


def _voucher_context(department: Department, year: int, lines) -> VoucherContext:
    projects = Project.objects.filter(department=department, year=year)
    ledger = _LedgerNumbers(department, year)
    existing = ledger if ledger.hashes else frozenset()
    return VoucherContext(
        department=department.code,
        year=year,
        econ_level=department.econ_control_level,
        lines=tuple(
            LineRef(id=line.pk, view=line.to_domain(), name=line.name, doc_no=line.doc_no) for line in lines
        ),
        projects=tuple(
            ProjectRef(code=p.code, name=p.name, payable=p.is_payable, stage_label=p.get_stage_display())
            for p in projects
        ),
        existing_numbers=existing,
    )


def _line_totals_json(result: ValidationResult) -> list[dict]:
    return [
        {
            "line_id": t.line_id,
            "label": t.label,
            "rows": t.rows,
            "amount": str(t.amount),
            "available": str(t.available),
            "after": str(t.after),
            "exceeded": t.exceeded,
        }
        for t in result.line_totals.values()
        if t.rows
    ]


def _errors_json(errors: list[RowError]) -> list[dict]:
    return [{"row": e.row, "column": e.column, "message": e.message} for e in errors[:STORED_ERRORS]]


def _finish(batch: ImportBatch, *, status: str, message: str, result: ValidationResult | None = None) -> None:
    batch.status = status
    batch.message = message
    batch.finished_at = timezone.now()
    if result is not None:
        batch.rows = result.rows
        batch.valid_rows = result.valid_rows
        batch.skipped_rows = result.skipped_rows + result.total_rows
        batch.error_count = result.error_count
        batch.amount = result.amount
        batch.errors = _errors_json(result.errors)
        batch.totals = (
            _line_totals_json(result)
            if result.kind == "vouchers"
            else [{"label": k, "amount": str(v)} for k, v in result.group_totals.items()]
        )
    batch.save()


def _begin(*, actor, department, year, kind, file, batch: ImportBatch | None) -> tuple[ImportBatch, Path]:
    if batch is not None:
        batch.status = ImportStatus.CHECKING
        batch.save(update_fields=["status"])
        return batch, Path(batch.file_path)
    path, sha, name = stage_upload(file)
    batch = ImportBatch.objects.create(
        department=department,
        year=year,
        kind=kind,
        file_name=name[:255],
        file_path=str(path),
        file_sha256=sha,
        status=ImportStatus.CHECKING,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    return batch, path


@dataclass
class _Start:
    """What every import has once it may go ahead: its batch, the staged file, the progress
    writer and the department's saved header mapping."""

    batch: ImportBatch
    path: Path
    report: Progress
    saved: dict[str, str]


def _start(
    *, actor, department, year, kind, file, mapping, batch, progress, unit: str, rows_known: bool = False
) -> _Start | ImportOutcome:
    """The start of every import: only the department's writers; the mapping the user chose is
    remembered; the file staged as a batch; the same file imported before is refused (an
    ImportOutcome is returned then)."""
    _require_writer(actor, department)
    if mapping:
        header_mapping_save(actor=actor, department=department, kind=kind, mapping=mapping)
    batch, path = _begin(actor=actor, department=department, year=year, kind=kind, file=file, batch=batch)
    report = _progress_writer(batch, progress, (batch.rows or None) if rows_known else None)
    repeated = _refuse_repeat(batch, unit=unit)
    if repeated is not None:
        return repeated
    return _Start(batch, path, report, saved_mapping(department=department, kind=kind))


def _refuse_repeat(batch: ImportBatch, *, unit: str) -> ImportOutcome | None:
    """The same file imported before into the same department-year and kind: import nothing and
    say when (and how many ``unit`` it brought, when the kind counts them)."""
    previous = _already_imported(batch)
    if previous is None:
        return None
    count = f"，{previous.imported_rows}{unit}" if unit else ""
    _finish(
        batch,
        status=ImportStatus.ALREADY,
        message=f"该文件已于{timezone.localtime(previous.finished_at or previous.created_at):%Y-%m-%d %H:%M}"
        f"导入（批次{previous.pk}{count}），本次未导入任何数据。",
    )
    return ImportOutcome(batch=batch)


def _already_imported(batch: ImportBatch) -> ImportBatch | None:
    return (
        ImportBatch.objects.filter(
            department=batch.department,
            year=batch.year,
            kind=batch.kind,
            file_sha256=batch.file_sha256,
            status=ImportStatus.IMPORTED,
        )
        .exclude(pk=batch.pk)
        .order_by("created_at")
        .first()
    )


def _refuse_file(batch: ImportBatch, error: DomainError) -> ImportOutcome:
    row_error = RowError(None, "文件", error.message)
    batch.errors = _errors_json([row_error])
    batch.error_count = 1
    _finish(batch, status=ImportStatus.REFUSED, message=error.message)
    return ImportOutcome(batch=batch, errors=[row_error])


# ---------------------------------------------------------------- vouchers


class _NumbersTable:
    """The file's voucher numbers in a temporary table, to find repeats set-based (GROUP BY)
    without holding a million numbers in the process: memory stays flat as the file grows."""

    NAME = "jixiao_import_numbers"
    CHUNK = 5_000

    def __init__(self) -> None:
        # Always the connection's own temporary schema, never a permanent table of that name.
        schema = {"sqlite": "temp.", "postgresql": "pg_temp."}.get(connection.vendor, "")
        self.table = f"{schema}{self.NAME}"
        self.pending: list[tuple[str, int]] = []
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.NAME} (number TEXT NOT NULL, row_no INTEGER NOT NULL)"
            )

    def add(self, number: str, row: int) -> None:
        self.pending.append((number, row))
        if len(self.pending) >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {self.table} (number, row_no) VALUES (%s, %s)", self.pending)
            self.pending.clear()

    def duplicates(self) -> Iterator[tuple[int, int]]:
        self._flush()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT number FROM {self.table} GROUP BY number HAVING COUNT(*) > 1) repeated"
            )
            if not cursor.fetchone()[0]:
                return
            cursor.execute(
                f"SELECT t.row_no, f.first_row FROM {self.table} t JOIN ("
                f"SELECT number, MIN(row_no) AS first_row FROM {self.table} GROUP BY number HAVING COUNT(*) > 1"
                f") f ON f.number = t.number WHERE t.row_no > f.first_row ORDER BY t.row_no"
            )
            while batch := cursor.fetchmany(10_000):
                yield from batch

    def drop(self) -> None:
        self.pending.clear()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")


@contextlib.contextmanager
def _long_lived_objects_frozen():
    """A million-row import allocates tens of millions of short-lived rows, cells and tuples;
    each of Python's cyclic collections would also walk every long-lived object of the process
    (Django's models, URL patterns, templates). gc.freeze() sets those aside for the import's
    duration (3–10% of its CPU time at 200,000 rows); nothing is kept alive by it, and
    unfreeze() hands them back to the collector."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _VoucherWriter:
    """Inserts validated vouchers in chunks (executemany) while the file is being validated;
    the import's transaction is rolled back if any row fails, so nothing partial remains."""

    def __init__(self, *, department: Department, year: int, actor, now) -> None:
        ops, quote = connection.ops, connection.ops.quote_name
        meta = Voucher._meta
        self.department, self.year = department, year
        self.department_id = department.pk
        self.funds = {fund: fund.value for fund in FundType}
        fields = [
            meta.get_field(name)
            for name in (
                "department", "year", "date", "number", "summary", "payee", "amount", "line", "func_code",
                "econ_code", "fund_type", "project", "reversal_of", "is_demo", "created_by", "created_at",
                "fund_source",
            )
        ]  # fmt: skip
        into = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        # A number repeated within the file is reported by the validator; here it must not
        # stop the insert halfway through a chunk.
        self.columnar = connection.vendor == "postgresql"
        if self.columnar:
            # One statement per chunk, each column one array parameter: psycopg's executemany
            # sends one INSERT per row, and the spending summary's statement-level trigger
            # (budgets migration 0012) would then run once per voucher instead of once per chunk.
            arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
            self.sql = f"{into}SELECT * FROM unnest({arrays}) ON CONFLICT DO NOTHING"
        else:
            self.sql = f"{into}VALUES ({', '.join(['%s'] * len(fields))}) ON CONFLICT DO NOTHING"
        self.projects = dict(
            Project.objects.filter(department=department, year=year).values_list("code", "pk")
        )
        self.created_by = actor.pk if getattr(actor, "pk", None) else None
        self.after_id = Voucher.objects.aggregate(last=Max("id"))["last"] or 0
        self.stamp = ops.adapt_datetimefield_value(now)
        self.adapt_date = ops.adapt_datefield_value
        self.dates: dict = {}
        self.chunk: list[tuple] = []
        self.attempted = 0
        self.inserted = 0
        self.trigger: str | None = None  # the summary trigger's SQL while it is suspended

    def add(self, voucher: VoucherRow) -> None:
        date = self.dates.get(voucher.date)
        if date is None:
            date = self.dates[voucher.date] = self.adapt_date(voucher.date)
        self.chunk.append(
            (
                self.department_id,
                self.year,
                date,
                voucher.number,
                voucher.summary,
                voucher.payee,
                voucher.amount,
                voucher.line_id,
                voucher.func_code,
                voucher.econ_code,
                self.funds[voucher.fund_type],
                self.projects.get(voucher.project_code) if voucher.project_code else None,
                None,
                False,
                self.created_by,
                self.stamp,
                voucher.fund_source,
            )
        )
        if len(self.chunk) >= INSERT_CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.chunk:
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite" and self.trigger is None:
                    self.trigger = self._suspend_summary_trigger(cursor)
                if self.columnar:
                    cursor.execute(self.sql, [list(column) for column in zip(*self.chunk, strict=True)])
                else:
                    cursor.executemany(self.sql, self.chunk)
                self.attempted += len(self.chunk)
                self.inserted += max(cursor.rowcount, 0)
            self.chunk.clear()

    @staticmethod
    def _suspend_summary_trigger(cursor) -> str:
        """SQLite keeps the spending summary with a row trigger (budgets migration 0012), which cost
        an import of a million vouchers more than the vouchers themselves. Inside this import's
        transaction the trigger is dropped, and ``derive`` adds the import's vouchers to the summary
        in one grouped statement and creates the trigger again from its own stored SQL. DDL is
        transactional in SQLite and there is one writer at a time: no other connection inserts a
        voucher meanwhile or ever sees the table without its trigger, and a failed import rolls
        the drop back with everything else. Returns the trigger's SQL ('' if there is none)."""
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [SUMMARY_TRIGGER]
        )
        row = cursor.fetchone()
        if row is None:
            return ""
        cursor.execute(f"DROP TRIGGER {SUMMARY_TRIGGER}")
        return row[0]

    def derive(self) -> int:
        """What follows from this import's vouchers, each in one INSERT … SELECT: an expenditure
        ledger row per voucher, and (on SQLite, where the summary's row trigger was suspended) their
        sums added to the spending summary, the trigger then restored. Returns the ledger rows."""
        quote, meta, ledger = connection.ops.quote_name, Voucher._meta, LedgerEntry._meta
        lcol = {name: quote(ledger.get_field(name).column) for name in (
            "line", "kind", "amount", "date", "voucher", "transfer", "doc_no", "memo", "created_by", "created_at",
        )}  # fmt: skip
        vcol = {name: quote(meta.get_field(name).column) for name in (
            "line", "amount", "date", "summary", "created_by", "created_at", "department", "year", "econ_code",
        )}  # fmt: skip
        # This import's vouchers are the ids above the largest one before it; the unary plus keeps
        # SQLite on that id range (read in order) instead of the (department, year, date) index,
        # whose order makes the copy jump around the table (2.5× slower).
        these = (
            f"FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} > %s AND +{vcol['department']} = %s "
            f"AND +{vcol['year']} = %s AND {vcol['created_at']} = %s"
        )
        key = [self.after_id, self.department.pk, self.year, self.stamp]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(ledger.db_table)} ({lcol['line']}, {lcol['kind']}, {lcol['amount']}, "
                f"{lcol['date']}, {lcol['voucher']}, {lcol['transfer']}, {lcol['doc_no']}, {lcol['memo']}, "
                f"{lcol['created_by']}, {lcol['created_at']}) "
                f"SELECT {vcol['line']}, %s, {vcol['amount']}, {vcol['date']}, {quote(meta.pk.column)}, NULL, '', "
                f"{vcol['summary']}, {vcol['created_by']}, {vcol['created_at']} {these}",
                [LedgerKind.EXPENDITURE.value, *key],
            )
            rows = cursor.rowcount
            if self.trigger:
                summary = quote(SpendingSummary._meta.db_table)
                group = f"{vcol['department']}, {vcol['year']}, {vcol['econ_code']}"
                cursor.execute(
                    f"INSERT INTO {summary} (department_id, year, econ_code, amount, vouchers) "
                    f"SELECT {group}, SUM({vcol['amount']}), COUNT(*) {these} GROUP BY {group} "
                    "ON CONFLICT (department_id, year, econ_code) DO UPDATE "
                    "SET amount = amount + excluded.amount, vouchers = vouchers + excluded.vouchers",
                    key,
                )
                cursor.execute(self.trigger)
                self.trigger = None
            return rows


class _Undo(Exception):
    """Leaves the import's transaction (rolling back what was written) with the result."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__("undo")
        self.result = result


def voucher_import(
    *,
    actor,
    department: Department,
    year: int,
    file=None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import expenditure vouchers from a .xlsx/.xls/.csv file: all rows or none.

    ``mapping`` ({file header: field}) is saved for the department and reused next time.
    ``dry_run`` validates and returns the per-line totals without writing any voucher.

    One streamed pass: each row is validated and, while no row has failed, inserted at once
    (in chunks); voucher numbers go to a temporary table for the set-based duplicate check and
    each line's batch sum is compared with its available balance at the end. If anything
    failed, the transaction is rolled back: nothing written remains.
    """
    started = _start(
        actor=actor,
        department=department,
        year=year,
        kind=ImportKind.VOUCHERS,
        file=file,
        mapping=mapping,
        batch=batch,
        progress=progress,
        unit="笔",
        rows_known=True,
    )
    if isinstance(started, ImportOutcome):
        return started
    batch, path, report, saved = started.batch, started.path, started.report, started.saved
    try:
        with _long_lived_objects_frozen(), transaction.atomic():
            lines = list(
                BudgetLine.objects.select_for_update(of=("self",))
                .filter(department=department, year=year)
                .select_related("department", "project")
                .order_by("pk")
            )
            context = _voucher_context(department, year, lines)
            layout, rows, export = open_vouchers(path, mapping=saved, year=year)
            numbers = _NumbersTable()
            validator = VoucherValidator(layout, context, numbers=numbers)
            writer = None
            if not dry_run:
                writer = _VoucherWriter(
                    department=department, year=year, actor=actor, now=_unique_timestamp(department, year)
                )
            result = validator.result
            add = writer.add if writer is not None else None
            for count, (number, cells) in enumerate(rows, start=1):
                voucher = validator.row(number, cells)
                if voucher is not None and add is not None:
                    if result.error_count:
                        add = None  # the import will be refused: stop writing, keep checking
                    else:
                        add(voucher)
                if count % PROGRESS_EVERY == 0:
                    report("校验", count)
            validator.finish()
            numbers.drop()
            result.skipped_rows += export.dropped
            result.notes.extend(export.summary_notes())
            plans = match_import_reversals(
                department=department,
                year=year,
                collector=validator.reversals,
                result=result,
                context=context,
                reopen=lambda: open_vouchers(path, mapping=saved, year=year)[:2],
            )
            report("校验", result.rows)
            if writer is None or not result.ok or result.valid_rows == 0:
                raise _Undo(result)
            writer.flush()
            if writer.inserted != result.valid_rows - len(validator.reversals):
                raise DomainError("写入的凭证数与校验结果不一致，已取消导入。")
            report("写入", writer.inserted)
            if writer.derive() not in (-1, writer.inserted):
                raise DomainError("写入账簿的行数与凭证数不一致，已取消导入。")
            reversals = write_import_reversals(
                batch=batch, department=department, year=year, plans=plans, actor=actor
            )
            written = result.amount_by_line()
            for line_id, amount in written.items():
                BudgetLine.objects.filter(pk=line_id).update(spent=F("spent") + amount)
            message = (
                f"已导入{result.valid_rows}笔支出凭证，合计{yuan_fixed(result.amount)}元，"
                f"涉及{len(written)}条预算指标"
                + (
                    f"；跳过对方科目行和合计行{result.skipped_rows + result.total_rows}行"
                    if result.skipped_rows + result.total_rows
                    else ""
                )
                + "。"
                + "".join(f"\n{note}" for note in result.notes)
            )
            batch.imported_rows = result.valid_rows
            _finish(batch, status=ImportStatus.IMPORTED, message=message, result=result)
            audit_record(
                actor=actor,
                action="voucher_import",
                action_label="批量导入支出凭证",
                target=batch,
                department=department,
                after={
                    "file": batch.file_name,
                    "sha256": batch.file_sha256,
                    "rows": result.valid_rows,
                    "amount": result.amount,
                    "lines": {str(k): v for k, v in written.items()},
                    **({"reversals": reversals} if reversals else {}),
                },
            )
            report("完成", result.valid_rows)
            return ImportOutcome(batch=batch, result=result, errors=[])
    except _Undo as undo:
        return _voucher_refusal_or_preview(batch, undo.result, dry_run=dry_run)
    except DomainError as error:
        return _refuse_file(batch, error)


def _voucher_refusal_or_preview(
    batch: ImportBatch, result: ValidationResult, *, dry_run: bool
) -> ImportOutcome:
    if result.rows and result.duplicates_of_ledger == result.rows and result.error_count == result.rows:
        _finish(
            batch,
            status=ImportStatus.ALREADY,
            message=f"文件中的{result.rows}笔凭证已全部导入过，本次未导入任何数据。",
            result=result,
        )
        batch.errors, batch.error_count = [], 0
        batch.save(update_fields=["errors", "error_count"])
        return ImportOutcome(batch=batch, result=result)
    if not result.ok:
        _finish(
            batch,
            status=ImportStatus.REFUSED,
            message=f"发现{result.error_count}处错误，未导入任何数据。请修改后重新上传。"
            + "".join(f"\n{note}" for note in result.notes),
            result=result,
        )
        return ImportOutcome(batch=batch, result=result, errors=result.errors)
    if result.valid_rows == 0:
        result.add(
            RowError(None, "文件", "文件中没有可导入的凭证行（表头下没有数据，或只有合计行和对方科目行）")
        )
        _finish(batch, status=ImportStatus.REFUSED, message="文件中没有可导入的凭证行。", result=result)
        return ImportOutcome(batch=batch, result=result)
    _finish(
        batch,
        status=ImportStatus.PREVIEWED,
        message=f"校验通过：{result.valid_rows}笔，合计{yuan_fixed(result.amount)}元。确认后导入。"
        + "".join(f"\n{note}" for note in result.notes),
        result=result,
    )
    return ImportOutcome(batch=batch, result=result)


def _unique_timestamp(department: Department, year: int):
    now = timezone.now()
    while Voucher.objects.filter(department=department, year=year, created_at=now).exists():
        now = now + dt.timedelta(microseconds=1)
    return now


# ---------------------------------------------------------------- budget allocations


def budget_import(
    *,
    actor,
    department: Department,
    year: int,
    file=None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import the approved budget (指标/批复 table): 年初预算, 追加 and 调减 rows, each with its
    资金来源 and 指标文号. Creates projects and lines, and one ledger row per imported row (年初预算
    or 追加/追减); rows already in the ledger are skipped, so importing again adds nothing."""
    started = _start(
        actor=actor,
        department=department,
        year=year,
        kind=ImportKind.BUDGET,
        file=file,
        mapping=mapping,
        batch=batch,
        progress=progress,
        unit="条指标",
    )
    if isinstance(started, ImportOutcome):
        return started
    batch, path, report, saved = started.batch, started.path, started.report, started.saved
    try:
        with transaction.atomic():
            existing = list(
                BudgetLine.objects.select_for_update(of=("self",))
                .filter(department=department, year=year)
                .select_related("project")
            )
            lines_by_key = {_line_key(line): line for line in existing}
            projects = {p.code: p for p in Project.objects.filter(department=department, year=year)}
            context = BudgetContext(
                department=department.code,
                year=year,
                econ_level=department.econ_control_level,
                existing_keys=frozenset(lines_by_key),
                projects=tuple(
                    ProjectRef(
                        code=p.code,
                        name=p.name,
                        payable=p.stage in FUNDABLE_STAGES,
                        stage_label=p.get_stage_display(),
                    )
                    for p in projects.values()
                ),
                entries=_budget_entries(existing),
                balances={key: line.balance() for key, line in lines_by_key.items()},
            )
            layout, rows = _open(path, kind="budget", mapping=saved)
            result, valid = validate_budget(rows, layout=layout, context=context)
            report("校验", result.rows)
            for budget_row in valid:
                project = projects.get(budget_row.project_code or "")
                if project is not None and project.stage not in FUNDABLE_STAGES:
                    result.add(
                        RowError(
                            budget_row.row,
                            layout.column_label("project_code"),
                            f"项目“{project.name}”尚未立项（当前阶段：{project.get_stage_display()}），不能安排预算指标",
                        )
                    )
            if result.rows and result.duplicates_of_ledger == result.rows and result.ok:
                _finish(
                    batch,
                    status=ImportStatus.ALREADY,
                    message=f"文件中的{result.rows}条指标已全部导入过，本次未导入任何数据。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result)
            if not result.ok:
                _finish(
                    batch,
                    status=ImportStatus.REFUSED,
                    message=f"发现{result.error_count}处错误，未导入任何数据。请修改后重新上传。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result, errors=result.errors)
            if not valid:
                _finish(
                    batch, status=ImportStatus.REFUSED, message="文件中没有可导入的指标行。", result=result
                )
                return ImportOutcome(batch=batch, result=result)
            skipped = (
                f"（另有{result.duplicates_of_ledger}条已导入过，跳过）"
                if result.duplicates_of_ledger
                else ""
            )
            if dry_run:
                _finish(
                    batch,
                    status=ImportStatus.PREVIEWED,
                    message=f"校验通过：{len(valid)}条指标，合计{yuan_fixed(result.amount)}元{skipped}。确认后导入。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result)
            now = timezone.now()
            for budget_row in valid:
                if budget_row.project_code and budget_row.project_code not in projects:
                    projects[budget_row.project_code] = Project.objects.create(
                        department=department,
                        year=year,
                        code=budget_row.project_code,
                        name=budget_row.project_name or budget_row.project_code,
                    )
            new_lines = {}
            for r in valid:
                if r.key not in lines_by_key and r.key not in new_lines:
                    first = next((v for v in valid if v.key == r.key and v.kind == "initial"), r)
                    new_lines[r.key] = BudgetLine(
                        department=department,
                        year=year,
                        func_code=r.func_code,
                        fund_type=r.fund_type.value,
                        project=projects.get(r.project_code) if r.project_code else None,
                        econ_code=r.econ_code,
                        fund_source=r.fund_source,
                        name=first.name,
                        doc_no=first.doc_no,
                    )
            for line in BudgetLine.objects.bulk_create(list(new_lines.values())):
                lines_by_key[_line_key(line)] = line
            if any(line.pk is None for line in lines_by_key.values()):  # pragma: no cover - no RETURNING
                lines_by_key = {
                    _line_key(line): line
                    for line in BudgetLine.objects.filter(department=department, year=year).select_related(
                        "project"
                    )
                }
            actor_or_none = actor if getattr(actor, "pk", None) else None
            entries, moves = [], {}
            for r in valid:
                line = lines_by_key[r.key]
                if r.signed_amount == 0:
                    continue
                kind = LedgerKind.INITIAL if r.kind == "initial" else LedgerKind.ADJUSTMENT
                memo = "年初预算（导入）" if r.kind == "initial" else r.memo
                entries.append(
                    LedgerEntry(
                        line=line,
                        kind=kind,
                        amount=r.signed_amount,
                        date=r.date or dt.date(year, 1, 1),
                        doc_no=r.doc_no,
                        memo=memo,
                        created_by=actor_or_none,
                        created_at=now,
                    )
                )
                field_name = "allocated" if kind == LedgerKind.INITIAL else "adjusted"
                moves.setdefault(line.pk, {}).setdefault(field_name, Decimal(0))
                moves[line.pk][field_name] += r.signed_amount
            LedgerEntry.objects.bulk_create(entries, batch_size=INSERT_CHUNK)
            for line_id, fields in moves.items():
                BudgetLine.objects.filter(pk=line_id).update(**{f: F(f) + v for f, v in fields.items()})
            batch.imported_rows = len(valid)
            counts = {
                label: sum(1 for r in valid if r.kind == kind)
                for kind, label in (("initial", "年初预算"), ("addition", "追加"), ("reduction", "调减"))
            }
            shown = "，".join(f"{label}{n}条" for label, n in counts.items() if n)
            _finish(
                batch,
                status=ImportStatus.IMPORTED,
                message=f"已导入{len(valid)}条预算指标（{shown}），合计{yuan_fixed(result.amount)}元{skipped}。",
                result=result,
            )
            audit_record(
                actor=actor,
                action="budget_import",
                action_label="批量导入预算指标",
                target=batch,
                department=department,
                after={
                    "file": batch.file_name,
                    "sha256": batch.file_sha256,
                    "rows": len(valid),
                    "new_lines": len(new_lines),
                    **counts,
                    "amount": result.amount,
                    "skipped": result.duplicates_of_ledger,
                },
            )
            report("完成", len(valid))
            return ImportOutcome(batch=batch, result=result)
    except DomainError as error:
        return _refuse_file(batch, error)


def _line_key(line: BudgetLine) -> tuple:
    """The key validate_budget uses for a line: 功能分类, 支出性质, 项目编码, 经济分类, 资金来源."""
    return (
        line.func_code,
        line.fund_type,
        line.project.code if line.project_id else None,
        line.econ_code,
        line.fund_source,
    )


def _budget_entries(lines: list[BudgetLine]) -> tuple[BudgetEntryRef, ...]:
    """The 年初预算 and 追加/调减 rows already in the ledger, by row identity (key, 指标类型, 文号)."""
    by_id = {line.pk: line for line in lines}
    totals: dict[tuple, Decimal] = {}
    for line_id, kind, amount, doc_no in LedgerEntry.objects.filter(
        line_id__in=by_id, kind__in=[LedgerKind.INITIAL, LedgerKind.ADJUSTMENT]
    ).values_list("line_id", "kind", "amount", "doc_no"):
        if kind == LedgerKind.INITIAL:
            name = "initial"
        else:
            name = "addition" if amount > 0 else "reduction"
        identity = (_line_key(by_id[line_id]), name, doc_no)
        totals[identity] = totals.get(identity, Decimal(0)) + abs(amount)
    return tuple(
        BudgetEntryRef(key=k, kind=kind, doc_no=doc, amount=v) for (k, kind, doc), v in totals.items()
    )


# ---------------------------------------------------------------- “三公”经费 budget


def sangong_import(
    *,
    actor,
    department: Department,
    year: int,
    file=None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import the approved “三公”经费 budget (one 预算数 per item) from a table such as the
    三公经费支出表 export; each item listed replaces the recorded budget of that item."""
    started = _start(
        actor=actor,
        department=department,
        year=year,
        kind=ImportKind.SANGONG,
        file=file,
        mapping=mapping,
        batch=batch,
        progress=progress,
        unit="",
    )
    if isinstance(started, ImportOutcome):
        return started
    batch, path, report, saved = started.batch, started.path, started.report, started.saved
    try:
        with transaction.atomic():
            recorded = {
                budget.item: budget
                for budget in SanGongBudget.objects.select_for_update().filter(
                    department=department, year=year
                )
            }
            layout, rows = _open(path, kind="sangong", mapping=saved)
            result, valid = validate_sangong(rows, layout=layout)
            report("校验", result.rows)
            if not result.ok:
                _finish(
                    batch,
                    status=ImportStatus.REFUSED,
                    message=f"发现{result.error_count}处错误，未导入任何数据。请修改后重新上传。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result, errors=result.errors)
            if not valid:
                _finish(
                    batch, status=ImportStatus.REFUSED, message="文件中没有“三公”经费预算数。", result=result
                )
                return ImportOutcome(batch=batch, result=result)
            changed = [r for r in valid if r.item not in recorded or recorded[r.item].amount != r.amount]
            if not changed:
                _finish(
                    batch,
                    status=ImportStatus.ALREADY,
                    message="文件中的“三公”经费预算数与已记录的相同，本次未导入任何数据。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result)
            if dry_run:
                _finish(
                    batch,
                    status=ImportStatus.PREVIEWED,
                    message=f"校验通过：{len(valid)}项“三公”经费预算，合计{yuan_fixed(result.amount)}元。确认后导入。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result)
            before = {r.item: str(recorded[r.item].amount) for r in changed if r.item in recorded}
            for entry in changed:
                SanGongBudget.objects.update_or_create(
                    department=department, year=year, item=entry.item, defaults={"amount": entry.amount}
                )
            batch.imported_rows = len(changed)
            _finish(
                batch,
                status=ImportStatus.IMPORTED,
                message=f"已导入{len(changed)}项“三公”经费预算，文件中合计{yuan_fixed(result.amount)}元。",
                result=result,
            )
            audit_record(
                actor=actor,
                action="sangong_budget_import",
                action_label="导入“三公”经费预算",
                target=batch,
                department=department,
                before=before or None,
                after={
                    "file": batch.file_name,
                    "sha256": batch.file_sha256,
                    **{r.item: r.amount for r in changed},
                },
            )
            report("完成", len(changed))
            return ImportOutcome(batch=batch, result=result)
    except DomainError as error:
        return _refuse_file(batch, error)


# ---------------------------------------------------------------- 上年数（录入）


def prior_year_import(
    *,
    actor,
    department: Department,
    year: int,
    file=None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import the summary of the year before the department's first year in jixiao (``year`` is
    that prior year): 年初预算 and 决算 by 资金来源, “三公”经费 by item, 人员. The file replaces the
    recorded summary whole (audited); the same figures again import nothing."""
    from jixiao.apps.budgets.models import PriorYearSummary
    from jixiao.apps.budgets.services import prior_year_store

    started = _start(
        actor=actor,
        department=department,
        year=year,
        kind=ImportKind.PRIOR_YEAR,
        file=file,
        mapping=mapping,
        batch=batch,
        progress=progress,
        unit="",
    )
    if isinstance(started, ImportOutcome):
        return started
    batch, path, report, saved = started.batch, started.path, started.report, started.saved
    try:
        with transaction.atomic():
            existing = (
                PriorYearSummary.objects.select_for_update().filter(department=department, year=year).first()
            )
            layout, rows = _open(path, kind="prior_year", mapping=saved)
            result, summary = validate_prior_year(rows, layout=layout, year=year)
            report("校验", result.rows)
            if summary is None:
                _finish(
                    batch,
                    status=ImportStatus.REFUSED,
                    message=f"发现{result.error_count}处错误，未导入任何数据。请修改后重新上传。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result, errors=result.errors)
            if existing is not None and existing.figures == summary.to_json():
                _finish(
                    batch,
                    status=ImportStatus.ALREADY,
                    message=f"文件中的{year}年数与已录入的相同，本次未导入任何数据。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result)
            if dry_run:
                _finish(
                    batch,
                    status=ImportStatus.PREVIEWED,
                    message=f"校验通过：{result.valid_rows}项{year}年数。确认后导入。",
                    result=result,
                )
                return ImportOutcome(batch=batch, result=result)
            prior_year_store(
                actor=actor,
                department=department,
                year=year,
                summary=summary,
                source=f"导入：{batch.file_name}"[:255],
            )
            batch.imported_rows = result.valid_rows
            _finish(
                batch,
                status=ImportStatus.IMPORTED,
                message=f"已导入{result.valid_rows}项{year}年数（上年数（录入））"
                + ("，替换了此前录入的上年数" if existing is not None else "")
                + "。",
                result=result,
            )
            report("完成", result.valid_rows)
            return ImportOutcome(batch=batch, result=result)
    except DomainError as error:
        return _refuse_file(batch, error)


def run_import(
    *, actor, batch: ImportBatch, dry_run: bool, progress: Progress | None = None
) -> ImportOutcome:
    """Run (or preview) an uploaded batch: the web confirm step and the background task."""
    function = {
        ImportKind.VOUCHERS: voucher_import,
        ImportKind.BUDGET: budget_import,
        ImportKind.SANGONG: sangong_import,
        ImportKind.PRIOR_YEAR: prior_year_import,
    }[ImportKind(batch.kind)]
    return function(
        actor=actor,
        department=batch.department,
        year=batch.year,
        batch=batch,
        dry_run=dry_run,
        progress=progress,
    )
