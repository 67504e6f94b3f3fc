"""`jixiao serve --processes N`: several worker processes answer pages and static files."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(item) for item in text.split()]


@pytest.mark.skipif(
    sys.platform == "win32" or not Path("/proc").exists(), reason="gunicorn 仅在 POSIX 上运行"
)
@pytest.mark.usefixtures("fresh_db_dir")
def test_serve_with_two_processes_answers_pages_and_static_files_from_two_workers(sqlite_jixiao, tmp_path):
    assert sqlite_jixiao.init(tmp_path).returncode == 0  # serve needs an initialised database
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "jixiao",
        "serve",
        "--processes",
        "2",
        "--threads",
        "2",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env=sqlite_jixiao.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
                    login = response.read().decode()
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "服务未在120秒内启动"
                time.sleep(0.5)
        assert "登录" in login
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/jixiao.css", timeout=5) as response:
            assert response.status == 200 and b"font-family" in response.read()
        workers = _children(server.pid)
        assert len(workers) == 2, workers
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def test_serve_refuses_zero_processes(capsys):
    from jixiao.cli import main

    assert main(["serve", "--processes", "0"]) == 2
    assert "进程数和线程数都必须至少为 1" in capsys.readouterr().err
