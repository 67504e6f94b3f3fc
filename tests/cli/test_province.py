"""`jixiao province`: a 省/市财政厅（局） over the bureau `jixiao init` made, with an account of its own;
again changes nothing; an unknown bureau is refused and changes nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("fresh_db_dir")


def test_province_over_the_initialised_bureau_with_its_staff(sqlite_jixiao, tmp_path):
    assert sqlite_jixiao.init(tmp_path).returncode == 0
    password = tmp_path / "province-password.txt"
    password.write_text("Sheng-Cai-2026!\n", encoding="utf-8")
    args = ("province", "--name", "湖南省财政厅", "--code", "HN", "--bureau", "常宁市财政局")
    first = sqlite_jixiao.run(*args, "--staff", "sczt", "--password-file", password)
    assert first.returncode == 0, first.stderr
    assert "已建立财政厅（局）“湖南省财政厅”（编码 HN）。" in first.stdout
    assert "已将财政局“常宁市财政局”归入其下。" in first.stdout
    assert "账号：sczt（省/市财政工作人员）" in first.stdout

    again = sqlite_jixiao.run(*args)
    assert again.returncode == 0, again.stderr
    assert "已有财政厅（局）“湖南省财政厅”" in again.stdout and "已将" not in again.stdout

    unknown = sqlite_jixiao.run("province", "--name", "广东省财政厅", "--bureau", "深圳市财政局")
    assert unknown.returncode == 1
    assert "没有找到财政局“深圳市财政局”" in unknown.stderr
    listed = sqlite_jixiao.run("province", "--name", "湖南省财政厅")
    assert "其下财政局：常宁市财政局" in listed.stdout
