"""An import killed half-way leaves its batch 校验中/导入中; the next start of the web server (for
batches its requests ran) or of the worker (for batches with a task) marks them 失败, saying why."""

from __future__ import annotations

import pytest

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.exchange.models import ImportBatch, ImportStatus
from jixiao.apps.exchange.services import progress_path
from jixiao.apps.exchange.tasks import fail_stale_batches
from jixiao.cli import main as cli_main


def _batch(department, status, task_id="", name="v.xlsx"):
    return ImportBatch.objects.create(
        department=department, year=2023, kind="vouchers", file_name=name, file_sha256="0" * 64,
        status=status, task_id=task_id,
    )  # fmt: skip


@pytest.fixture
def batches(department, settings, tmp_path):
    settings.JIXIAO_VAR_DIR = tmp_path  # progress files of other tests' batches are not these
    return {
        "web": _batch(department, ImportStatus.CHECKING),
        "web_running": _batch(department, ImportStatus.RUNNING),
        "task": _batch(department, ImportStatus.RUNNING, task_id="t-1"),
        "queued": _batch(department, ImportStatus.QUEUED, task_id="t-2"),
        "done": _batch(department, ImportStatus.IMPORTED),
    }


def _status(batch) -> str:
    batch.refresh_from_db()
    return batch.status


def test_the_server_fails_the_batches_its_requests_left_and_says_why(batches):
    assert fail_stale_batches(worker=False) == 2
    for key in ("web", "web_running"):
        batch = batches[key]
        assert _status(batch) == ImportStatus.FAILED and batch.finished_at is not None
        assert "网页服务已中止" in batch.message and "没有导入任何数据" in batch.message
    assert [_status(batches[k]) for k in ("task", "queued", "done")] == ["running", "queued", "imported"]
    events = AuditEvent.objects.filter(action="import_interrupted")
    assert events.count() == 2 and events.first().after == {"status": "failed"}


def test_the_worker_fails_the_batches_a_killed_worker_left(batches):
    assert fail_stale_batches(worker=True) == 1
    assert _status(batches["task"]) == ImportStatus.FAILED
    assert "后台任务进程已中止" in batches["task"].message
    assert _status(batches["queued"]) == ImportStatus.QUEUED  # it will still run
    assert _status(batches["web"]) == ImportStatus.CHECKING


def test_a_batch_reporting_progress_right_now_is_left_alone(batches):
    path = progress_path(batches["web"].pk)
    path.write_text('{"phase": "校验", "done": 1000, "total": null}', encoding="utf-8")
    try:
        assert fail_stale_batches(worker=False) == 1
        assert _status(batches["web"]) == ImportStatus.CHECKING
    finally:
        path.unlink()


def test_jixiao_serve_does_it_when_it_starts(batches, monkeypatch, capsys):
    monkeypatch.setattr("waitress.serve", lambda *args, **kwargs: None)
    assert cli_main(["serve", "--port", "8999"]) == 0
    assert "已将2个上次未完成" in capsys.readouterr().out
    assert _status(batches["web"]) == ImportStatus.FAILED
