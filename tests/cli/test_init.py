"""From nothing: every database command on an empty database says to run `jixiao init` (exit 2,
no traceback); `jixiao init` creates the bureau and its administrator once; templates need no
database."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.usefixtures("fresh_db_dir")

MESSAGE = "数据库尚未初始化，请先运行 jixiao init"


def test_figures_on_an_empty_database_exits_2_with_the_message_and_no_traceback(sqlite_jixiao):
    result = sqlite_jixiao.run("figures", "--department", "X", "--year", "2023")
    assert result.returncode == 2
    assert MESSAGE in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--department", "X", "--year", "2023", "--format", "txt", "--out", "r.txt"),
        ("import", "budget", __file__, "--department", "X", "--year", "2023"),
        ("export", "execution", "--department", "X", "--year", "2023", "--out", "x.xlsx"),
        ("backup", "--out", "b.tar.gz"),
    ],
)
def test_other_database_commands_say_the_same(sqlite_jixiao, args):
    result = sqlite_jixiao.run(*args)
    assert (result.returncode, result.stderr.strip()) == (2, MESSAGE)
    assert "Traceback" not in result.stdout


def test_init_then_again_changes_nothing_and_says_so(sqlite_jixiao, tmp_path):
    first = sqlite_jixiao.init(tmp_path)
    assert first.returncode == 0, first.stderr
    assert "已初始化：财政局“常宁市财政局”，系统管理员 admin。" in first.stdout
    again = sqlite_jixiao.init(tmp_path)
    assert again.returncode == 0
    assert "没有任何改动" in again.stdout and "已执行数据库迁移" not in again.stdout
    other = sqlite_jixiao.init(tmp_path, bureau="别的财政局")
    assert other.returncode == 1 and "不能再初始化为“别的财政局”" in other.stderr
    # A database with its bureau is ready: the guard lets figures through to its own answer.
    figures = sqlite_jixiao.run("figures", "--department", "不存在", "--year", "2023")
    assert figures.returncode == 1 and "没有找到预算单位" in figures.stdout


def test_init_without_a_password_file_and_without_a_terminal_says_what_to_do(sqlite_jixiao):
    result = sqlite_jixiao.run("init", "--bureau", "某财政局", "--admin", "admin", stdin="")
    assert result.returncode == 2 and "--password-file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_without_a_bureau_is_not_initialised(sqlite_jixiao):
    import subprocess
    import sys

    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        env=sqlite_jixiao.env(),
        cwd=sqlite_jixiao.env()["PYTHONPATH"],
    )
    assert migrate.returncode == 0
    result = sqlite_jixiao.run("figures", "--department", "X", "--year", "2023")
    assert (result.returncode, result.stderr.strip()) == (2, MESSAGE)


@pytest.mark.parametrize("kind", ["org", "budget", "vouchers", "sangong"])
def test_templates_need_no_database(tmp_path, kind):
    from tests.cli.conftest import Jixiao

    nowhere = Jixiao("sqlite:////nonexistent-folder/x.sqlite3", tmp_path / "var")
    out = tmp_path / f"{kind}.xlsx"
    result = nowhere.run("template", kind, "--out", out)
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    assert "说明" in book.sheetnames
    first = book.worksheets[0]
    assert first.cell(row=2, column=1).value == "示例"
