"""jixiao backup --out F  ·  jixiao restore F

The backup is one file: the database (SQLite online backup API, or pg_dump in custom format) and
the uploaded evidence files. Restore fills an empty database of the same engine and refuses one
that has tables.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli._django import EXIT_NOT_READY, database_ready, setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser("backup", help="备份数据库和上传的佐证材料到一个文件")
    backup.add_argument("--out", required=True, help="备份文件路径，如 var/backup-2026-01-31.tar.gz")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser("restore", help="把备份文件恢复到一个空数据库（DATABASE_URL）")
    restore.add_argument("file", help="jixiao backup 生成的备份文件")
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    if not database_ready():
        return EXIT_NOT_READY
    from jixiao.apps.core.backup import backup_create
    from jixiao.domain.errors import DomainError

    try:
        summary = backup_create(out=args.out)
    except DomainError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    print(
        f"已备份：{summary.path}（{summary.size / 1024 / 1024:.1f} MB；{summary.engine} 数据库 {summary.tables} 张表，"
        f"上传文件 {summary.media_files} 个）"
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到备份文件 {path}", file=sys.stderr)
        return 2
    setup_django()
    from django.db import DatabaseError, connection

    from jixiao.apps.core.backup import restore_from
    from jixiao.domain.errors import DomainError

    try:
        result = restore_from(path=path)
    except DomainError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    except DatabaseError as error:
        print(f"错误：无法连接数据库（{connection.settings_dict.get('NAME')}）：{error}", file=sys.stderr)
        return 2
    print(
        f"已恢复：{path} → {connection.settings_dict.get('NAME')}（备份时间 {result['created']}，"
        f"{result['tables']} 张表，上传文件 {result['media_files']} 个）"
    )
    return 0
