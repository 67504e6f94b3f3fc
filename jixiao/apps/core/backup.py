"""Backup and restore: the database by its engine's own tools, plus the uploaded files, in one file.

A backup is a gzip'd tar holding ``manifest.json``, the database and ``media/`` (MEDIA_ROOT: the
evidence photos and documents). The database is copied by SQLite's online backup API (a
consistent copy while the site runs) or by ``pg_dump --format=custom``. Restore goes into an
empty database of the same engine only (SQLite: the backup API again; PostgreSQL: ``pg_restore``)
and refuses a database that already has tables, so it never mixes two systems' data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection

from jixiao.domain.errors import DomainError

FORMAT = "jixiao-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupRefused(DomainError):
    code = "backup_refused"


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    engine: str
    tables: int
    media_files: int
    size: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupRefused(f"不支持的数据库类型：{vendor}（只支持 SQLite 和 PostgreSQL）。")
    return vendor


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", str(db.get("PORT") or "")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
    ):
        if value:
            env[key] = str(value)
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupRefused(
            f"没有找到 {name}：请安装 PostgreSQL 客户端（apt-get install postgresql-client）。"
        )
    return path


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _migrations() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        latest: dict[str, str] = {}
        for app, name in cursor.fetchall():
            latest[app] = name
    return latest


def backup_create(*, out: str | Path) -> BackupSummary:
    """Write one backup file: the database and the uploaded files."""
    engine = _engine()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tables = len(connection.introspection.table_names())
    with tempfile.TemporaryDirectory(prefix="jixiao-backup-") as work:
        database = Path(work) / DATABASE_FILES[engine]
        if engine == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(database)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            result = subprocess.run(
                [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", f"--file={database}"],
                env=_pg_env(),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupRefused(f"pg_dump 失败：{result.stderr.strip()}")
        media = sorted(p for p in _media_root().rglob("*") if p.is_file()) if _media_root().is_dir() else []
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "engine": engine,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": DATABASE_FILES[engine],
            "tables": tables,
            "migrations": _migrations(),
            "media_files": len(media),
        }
        (Path(work) / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(database, arcname=database.name)
            for path in media:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(_media_root()).as_posix()}")
        partial.replace(out)
    return BackupSummary(
        path=out, engine=engine, tables=tables, media_files=len(media), size=out.stat().st_size
    )


# ---------------------------------------------------------------- restore


def _safe_member(member: tarfile.TarInfo) -> bool:
    name = PurePosixPath(member.name)
    return member.isfile() and not name.is_absolute() and ".." not in name.parts


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        handle = archive.extractfile(MANIFEST)
        manifest = json.loads(handle.read(1 << 20).decode("utf-8")) if handle else None
    except (KeyError, ValueError, UnicodeDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused("这不是 jixiao 备份文件（缺少 manifest.json）。")
    if manifest.get("version") != VERSION or manifest.get("engine") not in DATABASE_FILES:
        raise BackupRefused(f"备份文件版本（{manifest.get('version')}）不受支持。")
    return manifest


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def restore_from(*, path: str | Path) -> dict:
    """Fill an empty database (and MEDIA_ROOT) from a backup file."""
    path = Path(path)
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupRefused(f"无法读取备份文件 {path}：{error}") from None
    with archive, tempfile.TemporaryDirectory(prefix="jixiao-restore-") as work:
        manifest = _read_manifest(archive)
        engine = _engine()
        if manifest["engine"] != engine:
            raise BackupRefused(
                f"备份来自 {ENGINE_NAMES[manifest['engine']]} 数据库，当前数据库是 {ENGINE_NAMES[engine]}："
                "请恢复到同类数据库（DATABASE_URL）。"
            )
        tables = connection.introspection.table_names()
        if tables:
            raise BackupRefused(
                f"当前数据库不是空的（已有{len(tables)}张数据表）。jixiao restore 只恢复到空数据库，"
                "不会覆盖已有数据：请新建一个空数据库并让 DATABASE_URL 指向它，再运行 jixiao restore。"
            )
        members = [m for m in archive.getmembers() if _safe_member(m)]
        names = {m.name for m in members}
        if manifest["database"] not in names:
            raise BackupRefused("备份文件不完整：缺少数据库文件。")
        media_root = _media_root()
        media = [m for m in members if m.name.startswith(f"{MEDIA}/")]
        extracted: list[tuple[Path, Path]] = []
        for member in media:
            relative = PurePosixPath(member.name).relative_to(MEDIA)
            staged = Path(work) / "media" / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, open(staged, "wb") as target:
                shutil.copyfileobj(source, target)
            final = media_root / relative
            if final.exists() and _digest(final) != _digest(staged):
                raise BackupRefused(
                    f"上传文件目录中已有同名但内容不同的文件：{final}。请换一个空的 MEDIA 目录（JIXIAO_VAR_DIR）再恢复。"
                )
            extracted.append((staged, final))
        database = Path(work) / manifest["database"]
        with archive.extractfile(manifest["database"]) as source, open(database, "wb") as target:
            shutil.copyfileobj(source, target)
        connection.close()
        if engine == "sqlite":
            source = sqlite3.connect(database)
            target = sqlite3.connect(connection.settings_dict["NAME"])
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
        else:
            result = subprocess.run(
                [
                    _pg_tool("pg_restore"),
                    "--no-owner",
                    "--no-acl",
                    "--exit-on-error",
                    "--single-transaction",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(database),
                ],
                env=_pg_env(),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupRefused(f"pg_restore 失败，数据库未改动：{result.stderr.strip()}")
        for staged, final in extracted:
            final.parent.mkdir(parents=True, exist_ok=True)
            if not final.exists():
                shutil.copy2(staged, final)
    return {
        "engine": engine,
        "tables": manifest.get("tables"),
        "media_files": len(extracted),
        "created": manifest.get("created"),
    }
