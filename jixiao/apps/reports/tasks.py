"""Background tasks (django-tasks): one department's report of a batch per task (``jixiao worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def report_batch_item_task(item_id: int) -> str:
    from jixiao.apps.reports.batch import batch_run_item

    return batch_run_item(item_id)
