"""`jixiao worker --processes N`: N database workers under one supervisor; a batch is generated once."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32" or not Path("/proc").exists(), reason="需要 POSIX 与 /proc"),
    pytest.mark.usefixtures("fresh_db_dir"),
]

ADD_DEPARTMENTS = """
import django; django.setup()
from jixiao.apps.orgs.models import Department, FinanceBureau
bureau = FinanceBureau.objects.get(name="常宁市财政局")
for i in range(5):
    Department.objects.create(bureau=bureau, code=f"430482-{i:02d}", name=f"常宁市测试单位{i}")
"""


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(item) for item in text.split()]


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def test_worker_processes_starts_n_children_and_stops_them_on_sigterm(sqlite_jixiao, tmp_path):
    assert sqlite_jixiao.init(tmp_path).returncode == 0
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "worker", "--processes", "3", "--interval", "0.2"],
        cwd=ROOT,
        env=sqlite_jixiao.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        first = supervisor.stdout.readline()  # printed once every child has been started
        assert "已启动3个工作进程" in first, first
        children = _children(supervisor.pid)
        assert len(children) == 3, children
        # a loaded machine may still be starting a child's interpreter: look again a few times
        for _ in range(100):
            lines = {pid: _cmdline(pid) for pid in children}
            if all("worker --as-child" in line for line in lines.values()):
                break
            time.sleep(0.1)
        assert all("worker --as-child" in line for line in lines.values()), lines
        supervisor.send_signal(signal.SIGTERM)
        rest = supervisor.communicate(timeout=120)[0]
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
    assert supervisor.returncode == 0, rest
    assert "3个工作进程均已退出" in rest
    assert not any(Path(f"/proc/{pid}").exists() for pid in children)


def test_two_worker_processes_generate_every_report_of_a_batch_once(sqlite_jixiao, tmp_path):
    assert sqlite_jixiao.init(tmp_path).returncode == 0
    subprocess.run(
        [sys.executable, "-c", ADD_DEPARTMENTS], cwd=ROOT, env=sqlite_jixiao.env(), check=True, timeout=300
    )
    out = tmp_path / "reports"
    queued = sqlite_jixiao.run(
        "report", "--bureau", "常宁市财政局", "--year", "2023", "--all", "--format", "txt",
        "--out-dir", out, "--no-wait",
    )  # fmt: skip
    assert queued.returncode == 0, queued.stdout + queued.stderr
    assert "共5个单位" in queued.stdout
    worked = sqlite_jixiao.run("worker", "--processes", "2", "--batch", "--interval", "0.1")
    assert worked.returncode == 0, worked.stdout + worked.stderr
    assert len(list(out.glob("*.txt"))) == 5

    database = sqlite3.connect(tmp_path / "db" / "jixiao.sqlite3")
    try:
        states = database.execute(
            "SELECT state, COUNT(*) FROM reports_reportbatchitem GROUP BY state"
        ).fetchall()
        assert states == [("done", 5)]
        results = database.execute(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
        ).fetchall()
        assert [status for status, _ in results] == ["SUCCESSFUL"] * 5
        assert all(len(json.loads(worker_ids)) == 1 for _, worker_ids in results)  # each task claimed once
        audits = database.execute(
            "SELECT target_id, COUNT(*) FROM core_auditevent WHERE action = 'report_batch_item' GROUP BY target_id"
        ).fetchall()
        assert len(audits) == 5 and all(count == 1 for _, count in audits)
    finally:
        database.close()
