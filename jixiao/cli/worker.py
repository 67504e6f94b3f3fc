"""jixiao worker: run background tasks (imports over 50,000 rows) from the database queue."""

from __future__ import annotations

import argparse

from jixiao.cli._django import EXIT_NOT_READY, database_ready, setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("worker", help="启动后台任务进程（大文件导入）")
    parser.add_argument("--queue", action="append", dest="queues", help="队列名（默认 default）")
    parser.add_argument("--interval", type=float, default=1.0, help="空闲时轮询间隔（秒）")
    parser.add_argument("--batch", action="store_true", help="处理完当前队列后退出")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if not apps.is_installed("django_tasks_db") or "django_tasks_db" not in backend:
        print(
            "后台任务未启用数据库队列：请在设置中导入 jixiao.config.settings.tasks "
            "（INSTALLED_APPS 加入 django_tasks_db，TASKS 使用 django_tasks_db.DatabaseBackend）。"
        )
        return 1
    if not database_ready():
        return EXIT_NOT_READY
    from jixiao.apps.exchange.tasks import fail_stale_batches

    stale = fail_stale_batches(worker=True)
    if stale:
        print(f"已将{stale}个上次未完成（后台任务进程中止）的导入批次标记为“失败”。", flush=True)
    options = {"interval": args.interval, "batch": args.batch}
    if args.queues:
        options["queue_name"] = ",".join(args.queues)
    call_command("db_worker", **options)
    return 0
