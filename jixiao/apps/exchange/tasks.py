"""Background tasks (django-tasks): imports of files over BACKGROUND_BYTES run in ``jixiao worker``."""

from __future__ import annotations

from django_tasks import task

from jixiao.apps.exchange.models import ImportBatch, ImportStatus


@task()
def import_batch_task(batch_id: int, user_id: int | None, dry_run: bool) -> str:
    from django.contrib.auth import get_user_model

    from jixiao.apps.exchange.services import run_import

    batch = ImportBatch.objects.select_related("department").get(pk=batch_id)
    actor = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        outcome = run_import(actor=actor, batch=batch, dry_run=dry_run)
    except Exception as error:  # the page must never spin forever: record the failure
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportStatus.FAILED, message=f"后台导入失败：{error}"
        )
        raise
    return outcome.status


def enqueue_import(*, batch: ImportBatch, actor, dry_run: bool) -> None:
    batch.status = ImportStatus.QUEUED
    batch.save(update_fields=["status"])
    result = import_batch_task.enqueue(batch.pk, getattr(actor, "pk", None), dry_run)
    ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id)[:64])


# An import killed half-way (the process restarted or was stopped) leaves its batch 校验中 or 导入中
# for ever. Nothing of it was written: every import runs in one transaction. When a process that
# runs imports starts, it marks the batches left by its predecessor as 失败, saying why.
# jixiao runs one web server (imports of a page's upload run in its requests; batches without a
# task) and one worker (batches with a task); a batch whose progress was written moments ago is
# still being worked on (a ``jixiao import`` at the command line) and is left alone.
STALE_STATUSES = (ImportStatus.CHECKING, ImportStatus.RUNNING)
ALIVE_WITHIN = 30  # seconds since the batch last reported progress


def fail_stale_batches(*, worker: bool) -> int:
    """Mark the batches a killed server (``worker=False``) or worker (``worker=True``) left
    unfinished as 失败 with the reason; returns how many."""
    import time

    from django.db import transaction
    from django.utils import timezone

    from jixiao.apps.core.services import audit_record
    from jixiao.apps.exchange.services import progress_path

    who = "后台任务进程" if worker else "网页服务"
    message = f"导入未完成：处理该文件的{who}已中止（被重启或强行结束），没有导入任何数据。请重新上传该文件。"
    failed = 0
    with transaction.atomic():
        batches = ImportBatch.objects.select_for_update().filter(status__in=STALE_STATUSES)
        batches = batches.exclude(task_id="") if worker else batches.filter(task_id="")
        for batch in batches.select_related("department"):
            try:
                if time.time() - progress_path(batch.pk).stat().st_mtime < ALIVE_WITHIN:
                    continue
            except OSError:
                pass
            before = batch.status
            batch.status, batch.message, batch.finished_at = ImportStatus.FAILED, message, timezone.now()
            batch.save(update_fields=["status", "message", "finished_at"])
            audit_record(
                actor=None,
                action="import_interrupted",
                action_label="中断的导入标记为失败",
                target=batch,
                department=batch.department,
                before={"status": before},
                after={"status": batch.status},
                reason=message,
            )
            failed += 1
    return failed
