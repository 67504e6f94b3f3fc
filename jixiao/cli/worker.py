"""jixiao worker: run background tasks (imports over 50,000 rows, batch report generation) from the
database queue, in one process or, with ``--processes N``, in N processes on this machine.

With N > 1 this process is a supervisor: it marks what a killed predecessor left unfinished, starts
N children (each the database worker of django-tasks-db, in its own process group so a Ctrl-C on
the terminal reaches them once, through here), forwards SIGTERM and SIGINT to them, and exits when
they have all exited. A task is run once: the worker claims a queued task inside a transaction
(PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED``; SQLite: an EXCLUSIVE transaction, so one writer
at a time), and a batch report item is claimed again by a conditional UPDATE (pending → running)
before it is generated.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys

from jixiao.cli._django import EXIT_NOT_READY, database_ready, setup_django

CHILD_FLAG = "--as-child"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "worker",
        help="启动后台任务进程（大文件导入、批量生成报告）",
        description="退出码：0 正常退出；1 未启用数据库任务队列，或有子进程异常退出；2 数据库未初始化。",
    )
    parser.add_argument("--queue", action="append", dest="queues", help="队列名（默认 default）")
    parser.add_argument("--interval", type=float, default=1.0, help="空闲时轮询间隔（秒）")
    parser.add_argument("--batch", action="store_true", help="处理完当前队列后退出")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="在本机启动的工作进程数（默认 1；批量生成报告时可设为 CPU 核数）",
    )
    parser.add_argument(CHILD_FLAG, action="store_true", dest="as_child", help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.processes < 1:
        print("错误：--processes 须为正整数")
        return 2
    setup_django()
    from django.apps import apps
    from django.conf import settings

    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if not apps.is_installed("django_tasks_db") or "django_tasks_db" not in backend:
        print(
            "后台任务未启用数据库队列：请在设置中导入 jixiao.config.settings.tasks "
            "（INSTALLED_APPS 加入 django_tasks_db，TASKS 使用 django_tasks_db.DatabaseBackend）。"
        )
        return 1
    if not database_ready():
        return EXIT_NOT_READY
    if not args.as_child:
        _fail_interrupted()
    if args.processes > 1:
        return supervise(args)
    return _work(args)


def _fail_interrupted() -> None:
    """Only the first process (never a child: its siblings' work is not interrupted) does this."""
    from jixiao.apps.exchange.tasks import fail_stale_batches
    from jixiao.apps.reports.batch import fail_interrupted_items

    stale = fail_stale_batches(worker=True)
    if stale:
        print(f"已将{stale}个上次未完成（后台任务进程中止）的导入批次标记为“失败”。", flush=True)
    items = fail_interrupted_items()
    if items:
        print(f"已将批量生成中{items}个上次未完成（后台任务进程中止）的单位标记为“失败”。", flush=True)


def _work(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    options = {"interval": args.interval, "batch": args.batch, "reload": False}
    if args.queues:
        options["queue_name"] = ",".join(args.queues)
    call_command("db_worker", **options)
    return 0


def child_command(args: argparse.Namespace) -> list[str]:
    command = [sys.executable, "-m", "jixiao", "worker", CHILD_FLAG, "--interval", str(args.interval)]
    if args.batch:
        command.append("--batch")
    for queue in args.queues or []:
        command += ["--queue", queue]
    return command


def supervise(args: argparse.Namespace) -> int:
    """Start ``args.processes`` children, forward SIGTERM/SIGINT, wait for all of them."""
    from django.db import connections

    connections.close_all()  # the children open their own
    command = child_command(args)
    children: list[subprocess.Popen] = []
    stopping = False

    def forward(signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):  # it exited just now
                    child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        for _ in range(args.processes):
            if stopping:  # asked to stop while starting: start no more
                break
            children.append(subprocess.Popen(command, start_new_session=True, env=os.environ.copy()))
        pids = "、".join(str(child.pid) for child in children)
        print(
            f"已启动{len(children)}个工作进程（进程号 {pids}）；按 Ctrl-C 或发送 SIGTERM 停止。", flush=True
        )
        codes = [child.wait() for child in children]  # a forwarded signal does not interrupt wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for child in children:  # never leave an orphan behind, whatever happened here
            if child.poll() is None:
                child.terminate()
                child.wait()
    failed = [code for code in codes if code not in (0, -signal.SIGTERM, -signal.SIGINT)]
    if failed and not stopping:
        print(f"有{len(failed)}个工作进程异常退出（退出码 {failed}）。")
    print(f"{len(children)}个工作进程均已退出。", flush=True)
    return 1 if failed else 0
