"""Imports of vouchers and budget allocations: validate everything, then write all or nothing.

Each import reads the file twice, streaming: the first pass validates every row (collecting
every error) and computes the batch's per-line sums for set-based budget control; only when no
row fails does the second pass write, in one transaction, with bulk inserts. The budget lines
of the department and year are locked (select_for_update) for the whole import, their running
totals move once per line, and the import is audited as one event. Importing the same file
again imports nothing and says so (file hash, then voucher numbers against the ledger).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import itertools
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from jixiao.apps.budgets.models import (
    FUNDABLE_STAGES,
    BudgetLine,
    LedgerEntry,
    LedgerKind,
    Project,
    Voucher,
)
from jixiao.apps.core.services import audit_record
from jixiao.apps.exchange.models import HeaderMapping, ImportBatch, ImportKind, ImportStatus
from jixiao.apps.orgs.models import Department
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.imports import (
    HEADER_SCAN_ROWS,
    BudgetContext,
    ImportRefused,
    Layout,
    LineRef,
    ProjectRef,
    RowError,
    ValidationResult,
    VoucherContext,
    VoucherValidator,
    detect_layout,
    missing_columns_message,
    normalise_header,
    synonyms,
    validate_budget,
)
from jixiao.domain.money import ZERO, yuan_fixed
from jixiao.formats.tabular import read_rows

BACKGROUND_ROWS = 50_000
INSERT_CHUNK = 5_000
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
    return layout, ((number, row) for number, row in enumerate(data, start=start))


def _voucher_context(department: Department, year: int, lines) -> VoucherContext:
    projects = Project.objects.filter(department=department, year=year)
    existing = frozenset(
        Voucher.objects.filter(department=department, year=year).values_list("number", flat=True)
    )
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
    """
    _require_writer(actor, department)
    if mapping:
        header_mapping_save(actor=actor, department=department, kind=ImportKind.VOUCHERS, mapping=mapping)
    batch, path = _begin(
        actor=actor, department=department, year=year, kind=ImportKind.VOUCHERS, file=file, batch=batch
    )
    report = _progress_writer(batch, progress, batch.rows or None)
    previous = _already_imported(batch)
    if previous is not None:
        _finish(
            batch,
            status=ImportStatus.ALREADY,
            message=f"该文件已于{timezone.localtime(previous.finished_at or previous.created_at):%Y-%m-%d %H:%M}"
            f"导入（批次{previous.pk}，{previous.imported_rows}笔），本次未导入任何数据。",
        )
        return ImportOutcome(batch=batch)
    saved = saved_mapping(department=department, kind=ImportKind.VOUCHERS)
    try:
        with transaction.atomic():
            lines = list(
                BudgetLine.objects.select_for_update(of=("self",))
                .filter(department=department, year=year)
                .select_related("department", "project")
                .order_by("pk")
            )
            context = _voucher_context(department, year, lines)
            layout, rows = _open(path, kind="vouchers", mapping=saved)
            validator = VoucherValidator(layout, context)
            with tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=imports_dir()) as staging:
                # Pass 1 validates every row; the normalised valid rows go to a staging file on
                # disk (not memory), and are only written to the ledger when no row failed.
                stage = csv.writer(staging).writerow
                for count, (number, cells) in enumerate(rows, start=1):
                    voucher = validator.row(number, cells)
                    if voucher is not None and validator.result.error_count == 0:
                        stage(_staged(voucher))
                    if count % PROGRESS_EVERY == 0:
                        report("校验", count)
                result = validator.finish()
                report("校验", result.rows)
                if not result.ok or dry_run or result.valid_rows == 0:
                    return _voucher_refusal_or_preview(batch, result, dry_run=dry_run)
                now = _unique_timestamp(department, year)
                staging.seek(0)
                written = _write_vouchers(
                    csv.reader(staging), department=department, year=year, actor=actor, now=now, report=report
                )
            if written != result.amount_by_line():
                raise DomainError("写入的金额与校验结果不一致，已取消导入。")
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
                },
            )
            report("完成", result.valid_rows)
            return ImportOutcome(batch=batch, result=result, errors=[])
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
            message=f"发现{result.error_count}处错误，未导入任何数据。请修改后重新上传。",
            result=result,
        )
        return ImportOutcome(batch=batch, result=result, errors=result.errors)
    if result.valid_rows == 0:
        _finish(batch, status=ImportStatus.REFUSED, message="文件中没有可导入的凭证行。", result=result)
        return ImportOutcome(batch=batch, result=result)
    _finish(
        batch,
        status=ImportStatus.PREVIEWED,
        message=f"校验通过：{result.valid_rows}笔，合计{yuan_fixed(result.amount)}元。确认后导入。",
        result=result,
    )
    return ImportOutcome(batch=batch, result=result)


def _unique_timestamp(department: Department, year: int):
    now = timezone.now()
    while Voucher.objects.filter(department=department, year=year, created_at=now).exists():
        now = now + dt.timedelta(microseconds=1)
    return now


def _staged(voucher) -> tuple:
    return (
        voucher.date.isoformat(),
        voucher.number,
        voucher.summary,
        voucher.payee,
        str(voucher.amount),
        voucher.line_id,
        voucher.func_code,
        voucher.econ_code,
        voucher.fund_type.value,
        voucher.project_code or "",
    )


def _write_vouchers(staged, *, department, year, actor, now, report) -> dict[int, Decimal]:
    """Bulk insert the staged vouchers (executemany in chunks), then their ledger rows in one
    INSERT … SELECT. Insert-only, like every write to these append-only tables."""
    ops, quote = connection.ops, connection.ops.quote_name
    meta = Voucher._meta
    projects = dict(Project.objects.filter(department=department, year=year).values_list("code", "pk"))
    columns = [
        meta.get_field(name).column
        for name in (
            "department", "year", "date", "number", "summary", "payee", "amount", "line", "func_code",
            "econ_code", "fund_type", "project", "reversal_of", "is_demo", "created_by", "created_at",
        )
    ]  # fmt: skip
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    created_by = actor.pk if getattr(actor, "pk", None) else None
    stamp = ops.adapt_datetimefield_value(now)
    adapt_date = ops.adapt_datefield_value
    adapt_amount = ops.adapt_decimalfield_value
    sums: dict[int, Decimal] = {}
    chunk: list[tuple] = []
    written = 0
    department_id = department.pk
    with connection.cursor() as cursor:
        for date, number, summary, payee, amount_text, line_text, func, econ, fund, project in staged:
            amount = Decimal(amount_text)
            line_id = int(line_text)
            sums[line_id] = sums.get(line_id, ZERO) + amount
            chunk.append(
                (
                    department_id,
                    year,
                    adapt_date(dt.date.fromisoformat(date)),
                    number,
                    summary,
                    payee,
                    adapt_amount(amount, 18, 2),
                    line_id,
                    func,
                    econ,
                    fund,
                    projects.get(project) if project else None,
                    None,
                    False,
                    created_by,
                    stamp,
                )
            )
            if len(chunk) >= INSERT_CHUNK:
                cursor.executemany(sql, chunk)
                written += len(chunk)
                chunk.clear()
                if written % PROGRESS_EVERY == 0:
                    report("写入", written)
        if chunk:
            cursor.executemany(sql, chunk)
            written += len(chunk)
        ledger = LedgerEntry._meta
        lcol = {name: quote(ledger.get_field(name).column) for name in (
            "line", "kind", "amount", "date", "voucher", "transfer", "doc_no", "memo", "created_by", "created_at",
        )}  # fmt: skip
        vcol = {name: quote(meta.get_field(name).column) for name in (
            "line", "amount", "date", "summary", "created_by", "created_at", "department", "year",
        )}  # fmt: skip
        cursor.execute(
            f"INSERT INTO {quote(ledger.db_table)} ({lcol['line']}, {lcol['kind']}, {lcol['amount']}, "
            f"{lcol['date']}, {lcol['voucher']}, {lcol['transfer']}, {lcol['doc_no']}, {lcol['memo']}, "
            f"{lcol['created_by']}, {lcol['created_at']}) "
            f"SELECT {vcol['line']}, %s, {vcol['amount']}, {vcol['date']}, {quote(meta.pk.column)}, NULL, '', "
            f"{vcol['summary']}, {vcol['created_by']}, {vcol['created_at']} FROM {quote(meta.db_table)} "
            f"WHERE {vcol['department']} = %s AND {vcol['year']} = %s AND {vcol['created_at']} = %s",
            [LedgerKind.EXPENDITURE.value, department.pk, year, stamp],
        )
        if cursor.rowcount not in (-1, written):
            raise DomainError("写入账簿的行数与凭证数不一致，已取消导入。")
    report("写入", written)
    return sums


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
    """Import the approved budget (指标/批复 table): creates projects, lines and 年初预算 rows."""
    _require_writer(actor, department)
    if mapping:
        header_mapping_save(actor=actor, department=department, kind=ImportKind.BUDGET, mapping=mapping)
    batch, path = _begin(
        actor=actor, department=department, year=year, kind=ImportKind.BUDGET, file=file, batch=batch
    )
    report = _progress_writer(batch, progress, None)
    previous = _already_imported(batch)
    if previous is not None:
        _finish(
            batch,
            status=ImportStatus.ALREADY,
            message=f"该文件已于{timezone.localtime(previous.finished_at or previous.created_at):%Y-%m-%d %H:%M}"
            f"导入（批次{previous.pk}，{previous.imported_rows}条指标），本次未导入任何数据。",
        )
        return ImportOutcome(batch=batch)
    saved = saved_mapping(department=department, kind=ImportKind.BUDGET)
    try:
        with transaction.atomic():
            existing = list(
                BudgetLine.objects.select_for_update(of=("self",))
                .filter(department=department, year=year)
                .select_related("project")
            )
            projects = {p.code: p for p in Project.objects.filter(department=department, year=year)}
            context = BudgetContext(
                department=department.code,
                year=year,
                econ_level=department.econ_control_level,
                existing_keys=frozenset(
                    (
                        line.func_code,
                        line.fund_type,
                        line.project.code if line.project_id else None,
                        line.econ_code,
                    )
                    for line in existing
                ),
                projects=tuple(
                    ProjectRef(
                        code=p.code,
                        name=p.name,
                        payable=p.stage in FUNDABLE_STAGES,
                        stage_label=p.get_stage_display(),
                    )
                    for p in projects.values()
                ),
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
            if (
                result.rows
                and result.duplicates_of_ledger == result.rows
                and result.error_count == result.rows
            ):
                _finish(
                    batch,
                    status=ImportStatus.ALREADY,
                    message=f"文件中的{result.rows}条指标已全部导入过，本次未导入任何数据。",
                    result=result,
                )
                batch.errors, batch.error_count = [], 0
                batch.save(update_fields=["errors", "error_count"])
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
            if dry_run:
                _finish(
                    batch,
                    status=ImportStatus.PREVIEWED,
                    message=f"校验通过：{len(valid)}条指标，合计{yuan_fixed(result.amount)}元。确认后导入。",
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
            lines = BudgetLine.objects.bulk_create(
                [
                    BudgetLine(
                        department=department,
                        year=year,
                        func_code=r.func_code,
                        fund_type=r.fund_type.value,
                        project=projects.get(r.project_code) if r.project_code else None,
                        econ_code=r.econ_code,
                        name=r.name,
                        doc_no=r.doc_no,
                        allocated=r.amount,
                    )
                    for r in valid
                ]
            )
            if any(line.pk is None for line in lines):  # pragma: no cover - databases without RETURNING
                keys = {(r.func_code, r.fund_type.value, r.econ_code, r.project_code) for r in valid}
                lines = [
                    line
                    for line in BudgetLine.objects.filter(department=department, year=year).select_related(
                        "project"
                    )
                    if (
                        line.func_code,
                        line.fund_type,
                        line.econ_code,
                        line.project.code if line.project_id else None,
                    )
                    in keys
                ]
            by_key = {
                (line.func_code, line.fund_type, line.econ_code, line.project_id): line for line in lines
            }
            actor_or_none = actor if getattr(actor, "pk", None) else None
            LedgerEntry.objects.bulk_create(
                [
                    LedgerEntry(
                        line=by_key[
                            (
                                r.func_code,
                                r.fund_type.value,
                                r.econ_code,
                                projects[r.project_code].pk if r.project_code else None,
                            )
                        ],
                        kind=LedgerKind.INITIAL,
                        amount=r.amount,
                        date=r.date or timezone.datetime(year, 1, 1).date(),
                        doc_no=r.doc_no,
                        memo="年初预算（导入）",
                        created_by=actor_or_none,
                        created_at=now,
                    )
                    for r in valid
                    if r.amount
                ],
                batch_size=INSERT_CHUNK,
            )
            batch.imported_rows = len(valid)
            _finish(
                batch,
                status=ImportStatus.IMPORTED,
                message=f"已导入{len(valid)}条预算指标，年初预算合计{yuan_fixed(result.amount)}元。",
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
                    "lines": len(valid),
                    "amount": result.amount,
                },
            )
            report("完成", len(valid))
            return ImportOutcome(batch=batch, result=result)
    except DomainError as error:
        return _refuse_file(batch, error)


def run_import(
    *, actor, batch: ImportBatch, dry_run: bool, progress: Progress | None = None
) -> ImportOutcome:
    """Run (or preview) an uploaded batch: the web confirm step and the background task."""
    function = voucher_import if batch.kind == ImportKind.VOUCHERS else budget_import
    return function(
        actor=actor,
        department=batch.department,
        year=batch.year,
        batch=batch,
        dry_run=dry_run,
        progress=progress,
    )
