"""Batch report generation: every department of a bureau (or a province) for one year.

``batch_start`` records the batch and one item per department, then enqueues one django-tasks
task per item (``jixiao worker`` runs them, in as many processes as ``--processes`` says) or
leaves them for the caller to run inline. ``batch_run_item`` generates one department's report:
it claims the item with a conditional update (pending → running), so an item is generated once
even if two workers were handed the same task; composes the report, runs it through the report
checker, stores the findings and writes the file. Any failure — a refusal with a Chinese message
or an unexpected error in that department's data — is stored on that item only: one failed
department never stops the others.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from jixiao.apps.core.services import audit_record
from jixiao.apps.orgs.models import Department
from jixiao.apps.reports.models import BatchState, ReportBatch, ReportBatchItem
from jixiao.domain.errors import DomainError

# Characters Windows, macOS or a zip file refuse in a file name, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


class BatchRefused(DomainError):
    code = "report_batch_refused"


def report_file_name(*, department: Department, year: int, fmt: str) -> str:
    """``2023年度常宁市科学技术协会整体支出绩效评价报告.docx``; demo departments say so."""
    name = f"{year}年度{department.name}整体支出绩效评价报告"
    if department.is_demo:
        name += "（演示数据）"
    name = _UNSAFE.sub("_", name).strip(" .") or f"{year}年度{department.code}"
    return f"{name}.{fmt}"


def default_out_dir(batch_pk: int) -> Path:
    return Path(settings.JIXIAO_VAR_DIR) / "report-batches" / str(batch_pk)


def batch_start(
    *,
    actor,
    departments: QuerySet[Department],
    year: int,
    scope: str,
    bureau=None,
    fmt: str = "docx",
    out_dir: str | os.PathLike | None = None,
    final: bool = False,
    enqueue: bool = True,
) -> ReportBatch:
    """Record a batch of every department in ``departments`` and (``enqueue``) hand each one to
    the task queue. Refused, recording nothing, when the scope has no department or the format
    or year cannot be used."""
    from jixiao.apps.reports.services import FORMATS

    if fmt not in FORMATS:
        raise BatchRefused(f"不支持的导出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    if not 2000 <= int(year) <= 2100:
        raise BatchRefused(f"年度“{year}”无效，应为 2000—2100 之间的年份")
    with transaction.atomic():
        members = list(departments.order_by("code"))
        if not members:
            raise BatchRefused(f"{scope}没有任何预算单位，未生成报告")
        batch = ReportBatch.objects.create(
            bureau=bureau,
            scope=scope,
            year=year,
            fmt=fmt,
            final=final,
            out_dir=str(out_dir) if out_dir else "",
            created_at=timezone.now(),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if not out_dir:
            batch.out_dir = str(default_out_dir(batch.pk))
            batch.save(update_fields=["out_dir"])
        ReportBatchItem.objects.bulk_create(
            [ReportBatchItem(batch=batch, department=department) for department in members]
        )
        audit_record(
            actor=actor,
            action="report_batch_start",
            action_label="批量生成评价报告",
            target=batch,
            after={"scope": scope, "year": year, "format": fmt, "departments": len(members), "final": final},
        )
    # After the commit: a worker must find the items it is handed.
    if enqueue:
        batch_enqueue(batch)
    return batch


def batch_enqueue(batch: ReportBatch) -> None:
    from jixiao.apps.reports.tasks import report_batch_item_task

    for item_pk in batch.items.filter(state=BatchState.PENDING).values_list("pk", flat=True):
        result = report_batch_item_task.enqueue(item_pk)
        ReportBatchItem.objects.filter(pk=item_pk).update(task_id=str(result.id)[:64])


def _claim(item_pk: int) -> bool:
    """pending → running in one UPDATE: on SQLite and PostgreSQL alike only one caller wins."""
    return bool(
        ReportBatchItem.objects.filter(pk=item_pk, state=BatchState.PENDING).update(
            state=BatchState.RUNNING, started_at=timezone.now()
        )
    )


def batch_run_item(item_pk: int) -> str:
    """Generate one department's report of a batch; returns the item's state afterwards
    (``skipped`` when another worker has it already)."""
    if not _claim(item_pk):
        return "skipped"
    item = ReportBatchItem.objects.select_related("batch", "batch__created_by", "department").get(pk=item_pk)
    try:
        _generate(item)
    except DomainError as error:
        details = error.details or {}
        findings = [{"severity": "错误", "message": str(m)} for m in details.get("findings", [])]
        _finish(item, state=BatchState.FAILED, message=error.message, findings=findings, errors=len(findings))
    except Exception as error:  # one department's broken data must not stop the batch
        _finish(
            item,
            state=BatchState.FAILED,
            message=f"生成时出错（{type(error).__name__}）：{error}",
        )
    return item.state


def _generate(item: ReportBatchItem) -> None:
    from jixiao.apps.reports.services import build_report, check_report_text, render, require_final
    from jixiao.formats.txt_writer import render_txt

    batch, department = item.batch, item.department
    report = build_report(department=department, year=batch.year)
    if batch.final:
        require_final(report)
    text = render_txt(report)
    found = check_report_text(text)
    findings = [{"severity": f.severity, "message": f.message} for f in found]
    errors = sum(1 for f in found if f.is_error)
    if errors:
        _finish(
            item,
            state=BatchState.FAILED,
            message=f"报告检查发现{errors}个错误，未生成文件，请修改后重新生成。",
            findings=findings,
            errors=errors,
            warnings=len(found) - errors,
            draft_items=list(report.draft),
        )
        return
    data = text.encode("utf-8") if batch.fmt == "txt" else render(report, batch.fmt)
    out = Path(batch.out_dir) / report_file_name(department=department, year=batch.year, fmt=batch.fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, out)  # a reader never sees half a file
    _finish(
        item,
        state=BatchState.DONE,
        file_path=str(out),
        findings=findings,
        warnings=len(found),
        draft_items=list(report.draft),
    )


def _finish(item: ReportBatchItem, *, state: str, message: str = "", **fields) -> None:
    with transaction.atomic():
        item.state, item.message, item.finished_at = state, message, timezone.now()
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
        audit_record(
            actor=item.batch.created_by,
            action="report_batch_item",
            action_label="批量生成评价报告：" + BatchState(state).label,
            target=item,
            department=item.department,
            before={"state": BatchState.RUNNING},
            after={
                "state": state,
                "batch": item.batch_id,
                "file": Path(item.file_path).name if item.file_path else "",
                "errors": item.errors,
                "warnings": item.warnings,
            },
            reason=message,
        )


# An item left 生成中 by a worker that was killed mid-report would stay so for ever. When the
# worker starts (one ``jixiao worker`` per machine; ``--processes`` for more), it marks the items
# its predecessor was running as failed, saying why; items generated inline are left alone.
INTERRUPTED = "生成未完成：处理该单位的后台任务进程已中止（被重启或强行结束），没有写出文件。请重新批量生成。"


def fail_interrupted_items() -> int:
    failed = 0
    running = ReportBatchItem.objects.filter(state=BatchState.RUNNING).exclude(task_id="")
    for item in running.select_related("batch", "batch__created_by", "department"):
        _finish(item, state=BatchState.FAILED, message=INTERRUPTED)
        failed += 1
    return failed


# --- reads --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    total: int
    pending: int
    running: int
    done: int
    failed: int

    @property
    def remaining(self) -> int:
        return self.pending + self.running

    @property
    def finished(self) -> bool:
        return self.remaining == 0

    @property
    def percent(self) -> int:
        return round(100 * (self.done + self.failed) / self.total) if self.total else 100


def batch_progress(batch: ReportBatch) -> Progress:
    counts = dict(batch.items.order_by().values("state").annotate(n=Count("pk")).values_list("state", "n"))
    return Progress(
        total=sum(counts.values()),
        pending=counts.get(BatchState.PENDING, 0),
        running=counts.get(BatchState.RUNNING, 0),
        done=counts.get(BatchState.DONE, 0),
        failed=counts.get(BatchState.FAILED, 0),
    )


@dataclass(frozen=True)
class Scope:
    """Whose reports a batch generates: a label, the bureau (None for a province) and the
    departments, as one queryset — ``batch_start`` takes any queryset of departments."""

    label: str
    bureau: object | None
    departments: QuerySet[Department]


def bureau_scope(name_or_code: str) -> Scope:
    from jixiao.apps.orgs.models import FinanceBureau

    bureau = (
        FinanceBureau.objects.filter(code=name_or_code).first()
        or FinanceBureau.objects.filter(name=name_or_code).first()
    )
    if bureau is None:
        raise BatchRefused(f"没有找到财政局“{name_or_code}”（请输入财政局全称或编码）")
    return Scope(bureau.name, bureau, Department.objects.filter(bureau=bureau))


def province_scope(name_or_code: str) -> Scope:
    """Every department of every bureau under a province (or city) finance department, looked up
    by ``code`` or ``name`` like a bureau."""
    from jixiao.apps.orgs.models import Province

    province = (
        Province.objects.filter(code=name_or_code).first()
        or Province.objects.filter(name=name_or_code).first()
    )
    if province is None:
        raise BatchRefused(f"没有找到省（市）级财政部门“{name_or_code}”（请输入全称或编码）")
    return Scope(str(province), None, Department.objects.filter(bureau__province=province))
