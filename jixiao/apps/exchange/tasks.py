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
