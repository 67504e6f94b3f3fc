"""Run the real ``jixiao`` command in a child process against a database of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "Bureau-admin-2026"


@dataclass
class Jixiao:
    database_url: str
    var_dir: Path

    def env(self, **overrides) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
        env.update(
            DATABASE_URL=self.database_url,
            JIXIAO_VAR_DIR=str(self.var_dir),
            DJANGO_SETTINGS_MODULE="jixiao.config.settings.base",
            PYTHONPATH=str(ROOT),
        )
        env.update(overrides)
        return env

    def run(self, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "jixiao", *map(str, args)],
            env=self.env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            input=stdin,
            timeout=600,
        )

    def init(self, tmp_path: Path, bureau: str = "常宁市财政局") -> subprocess.CompletedProcess:
        password = tmp_path / "admin-password.txt"
        password.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
        return self.run("init", "--bureau", bureau, "--admin", "admin", "--password-file", password)


@pytest.fixture
def sqlite_jixiao(tmp_path) -> Jixiao:
    return Jixiao(f"sqlite:///{tmp_path / 'db' / 'jixiao.sqlite3'}", tmp_path / "var")


@pytest.fixture
def fresh_db_dir(tmp_path):
    (tmp_path / "db").mkdir()
    return tmp_path / "db"
