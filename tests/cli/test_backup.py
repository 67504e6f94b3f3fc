"""Backup and restore: one file with the database and the evidence files; restore into a fresh
database gives a byte-identical report, on SQLite and on PostgreSQL; a database with tables is
never overwritten."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.cli.conftest import Jixiao

PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def _fill(sheet, rows) -> None:
    """Rows under the example, by position in the sheet's own columns (list) or by header (dict)."""
    headers = [cell.value for cell in sheet[1]]
    for offset, row in enumerate(rows, start=3):
        values = ["", *row] if isinstance(row, list) else [row.get(header) for header in headers]
        assert not isinstance(row, dict) or set(row) <= set(headers), set(row) - set(headers)
        for column, value in enumerate(values, start=1):
            sheet.cell(row=offset, column=column, value=value)


def fill_template(jixiao: Jixiao, tmp_path, kind: str, rows: list):
    out = tmp_path / f"{kind}-template.xlsx"
    assert jixiao.run("template", kind, "--out", out).returncode == 0
    book = load_workbook(out)
    if kind == "org":
        for name, sheet_rows in rows:
            _fill(book[name], sheet_rows)
    else:
        _fill(book.worksheets[0], rows)
    filled = tmp_path / f"{kind}.xlsx"
    book.save(filled)
    return filled


def build_department(jixiao: Jixiao, tmp_path) -> None:
    """A 3-staff 妇联 from an empty database, through the commands a bureau would use."""
    assert jixiao.init(tmp_path).returncode == 0
    roster = fill_template(
        jixiao,
        tmp_path,
        "org",
        [
            ("单位", [["430482-FL", "常宁市妇女联合会", "妇联", 1, "办公室、权益部", "款"]]),
            (
                "年度概况",
                [["430482-FL", 2023, 3, 3, 0, 1, "（一）团结动员妇女（二）维护妇女儿童合法权益", 3, 0, 0]],
            ),
            (
                "用户",
                [
                    ["fl_caiwu", "陈会计", "部门财务人员", "430482-FL"],
                    ["fl_zhuxi", "刘主席", "部门负责人", "430482-FL"],
                ],
            ),
        ],
    )
    result = jixiao.run("import", "org", roster, "--passwords-out", tmp_path / "passwords.xlsx")
    assert result.returncode == 0, result.stdout + result.stderr
    budget = fill_template(
        jixiao,
        tmp_path,
        "budget",
        [
            {
                "支出性质": "基本支出-人员经费",
                "功能分类编码": "2012901",
                "经济分类编码": "301",
                "指标名称": "人员经费",
                "指标文号": "常财预〔2023〕1号",
                "发文时间": "2023-01-10",
                "指标金额（元）": Decimal("420000.00"),
            },
            {
                "支出性质": "基本支出-公用经费",
                "功能分类编码": "2012901",
                "经济分类编码": "302",
                "指标名称": "公用经费",
                "指标文号": "常财预〔2023〕1号",
                "发文时间": "2023-01-10",
                "指标金额（元）": Decimal("80000.00"),
            },
        ],
    )
    result = jixiao.run("import", "budget", budget, "--department", "430482-FL", "--year", "2023")
    assert result.returncode == 0, result.stdout
    vouchers = fill_template(
        jixiao,
        tmp_path,
        "vouchers",
        [
            {
                "日期": dt.date(2023, 1, 20),
                "凭证字": "记",
                "凭证号": "1",
                "摘要": "发放1月工资",
                "功能分类编码": "2012901",
                "经济分类编码": "30101",
                "收款人": "",
                "金额（元）": Decimal("30000.00"),
            },
            {
                "日期": dt.date(2023, 3, 15),
                "凭证字": "记",
                "凭证号": "2",
                "摘要": "购买办公用品",
                "功能分类编码": "2012901",
                "经济分类编码": "30201",
                "收款人": "文具店",
                "金额（元）": Decimal("1280.50"),
            },
        ],
    )
    result = jixiao.run("import", "vouchers", vouchers, "--department", "430482-FL", "--year", "2023")
    assert result.returncode == 0, result.stdout
    evidence = jixiao.var_dir / "media" / "evidence" / "2023"
    evidence.mkdir(parents=True, exist_ok=True)
    (evidence / "维权咨询现场.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg bytes \x00\x01")


def report(jixiao: Jixiao, out) -> bytes:
    result = jixiao.run(
        "report", "--department", "常宁市妇女联合会", "--year", "2023", "--format", "txt", "--out", out
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out.read_bytes()


def round_trip(source: Jixiao, target: Jixiao, tmp_path) -> None:
    build_department(source, tmp_path)
    before = report(source, tmp_path / "before.txt")
    assert "常宁市妇女联合会" in before.decode("utf-8")
    backup = tmp_path / "backup.tar.gz"
    result = source.run("backup", "--out", backup)
    assert result.returncode == 0, result.stderr
    assert "上传文件 1 个" in result.stdout
    result = target.run("restore", backup)
    assert result.returncode == 0, result.stdout + result.stderr
    assert report(target, tmp_path / "after.txt") == before
    restored = target.var_dir / "media" / "evidence" / "2023" / "维权咨询现场.jpg"
    assert restored.read_bytes() == b"\xff\xd8\xff\xe0 jpeg bytes \x00\x01"
    # Restoring again would mix two systems' data: refused, nothing changed.
    again = target.run("restore", backup)
    assert again.returncode == 1 and "只恢复到空数据库" in again.stderr
    assert "Traceback" not in again.stderr
    assert report(target, tmp_path / "again.txt") == before


def test_backup_and_restore_on_sqlite_give_a_byte_identical_report(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    source = Jixiao(f"sqlite:///{tmp_path / 'a' / 'jixiao.sqlite3'}", tmp_path / "var-a")
    target = Jixiao(f"sqlite:///{tmp_path / 'b' / 'jixiao.sqlite3'}", tmp_path / "var-b")
    round_trip(source, target, tmp_path)


def test_restore_refuses_a_backup_of_another_engine_and_a_file_that_is_not_a_backup(tmp_path):
    (tmp_path / "b").mkdir()
    target = Jixiao(f"sqlite:///{tmp_path / 'b' / 'jixiao.sqlite3'}", tmp_path / "var-b")
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a backup")
    result = target.run("restore", junk)
    assert result.returncode == 1 and "无法读取备份文件" in result.stderr


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture
def pg_databases():
    if not _pg_available():
        pytest.skip("PostgreSQL（127.0.0.1:5432，用户 postgres）不可用：跳过 PostgreSQL 备份恢复测试")
    import psycopg

    names = [f"jixiao_backup_{uuid.uuid4().hex[:10]}_{side}" for side in ("a", "b")]
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')
    yield names
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_on_postgresql_give_a_byte_identical_report(tmp_path, pg_databases):
    source = Jixiao(f"{PG_SERVER}/{pg_databases[0]}", tmp_path / "var-a")
    target = Jixiao(f"{PG_SERVER}/{pg_databases[1]}", tmp_path / "var-b")
    round_trip(source, target, tmp_path)
    # A PostgreSQL backup does not go into SQLite.
    (tmp_path / "c").mkdir()
    sqlite = Jixiao(f"sqlite:///{tmp_path / 'c' / 'jixiao.sqlite3'}", tmp_path / "var-c")
    result = sqlite.run("restore", tmp_path / "backup.tar.gz")
    assert result.returncode == 1 and "备份来自 PostgreSQL 数据库，当前数据库是 SQLite" in result.stderr
