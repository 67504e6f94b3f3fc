"""Voucher list speed: one department with many vouchers (1,000,000 at full size), first page.

    python bench/bench_voucher_list.py [--vouchers 50000] [--engines sqlite,postgres] [--repeat 15]
    python bench/bench_voucher_list.py --vouchers 1000000          # the size the target is set for

For each engine the script builds a fresh database (SQLite file in a temp dir; PostgreSQL database
``jixiao_bench_vouchers`` on 127.0.0.1:5432, or ``--pg-db``), bulk-inserts the vouchers of one
department over 12 budget lines (keeping each line's 已支出 equal to its vouchers' sum), then asks
for the voucher list as the department's finance officer through Django's test client:

- the first page (50 rows, newest first, with the count and 合计 of every row of the year);
- the first page filtered by one budget line and one month (count and 合计 of the filtered rows);
- a page deep in the list (page 200).

Each is timed (median server time, no network) beside the raw SQL that reads the same page and
the same count-and-sum, and the ratio is printed, with the number of queries the view made. The
target is < 100 ms median for the first page at 1,000,000 vouchers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "jixiao_bench_vouchers"
TARGET_MS = 100
LINES = 12
YEAR = 2023

COLUMNS = (
    "department_id",
    "year",
    "date",
    "number",
    "summary",
    "payee",
    "amount",
    "line_id",
    "func_code",
    "econ_code",
    "fund_type",
    "fund_source",
    "project_id",
    "is_demo",
    "created_at",
)


def child(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.config.settings.base")
    import django

    django.setup()
    import datetime as dt
    import random
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from jixiao.apps.budgets.models import BudgetLine, Voucher, default_fund_source
    from jixiao.apps.orgs.models import Department, FinanceBureau, Role, User

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(11)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        bureau = FinanceBureau.objects.create(code="BENCH", name="基准测试财政局")
        department = Department.objects.create(
            bureau=bureau, code="V0001", name="基准测试单位（凭证）", department_type="科协", is_demo=True
        )
        # a second department with a few vouchers: the list must not read them
        other = Department.objects.create(
            bureau=bureau, code="V0002", name="基准测试单位（其他）", department_type="科协", is_demo=True
        )
        officer = User.objects.create(
            username="bench_cw", role=Role.FINANCE_OFFICER, department=department, bureau=None
        )
        kinds = [("basic_personnel", "301", "30101"), ("basic_public", "302", "30201")]
        lines = BudgetLine.objects.bulk_create(
            [
                BudgetLine(
                    department=d,
                    year=YEAR,
                    func_code=f"20129{i + 1:02d}",  # one line per 功能分类: lines are unique by key
                    fund_type=kinds[i % 2][0],
                    econ_code=kinds[i % 2][1],
                    name=f"基准指标{i + 1:02d}",
                )
                for d in (department, other)
                for i in range(LINES if d is department else 1)
            ]
        )
        own_lines = [line for line in lines if line.department_id == department.pk]
    source = default_fund_source()
    spent = {line.pk: Decimal(0) for line in lines}

    def rows(count: int, dept, dept_lines, prefix: str):
        for n in range(count):
            line = dept_lines[n % len(dept_lines)]
            amount = Decimal(rng.randint(100, 5_000_000)) / Decimal(100)
            spent[line.pk] += amount
            econ = next(k[2] for k in kinds if k[0] == line.fund_type)
            yield (
                dept.pk,
                YEAR,
                dt.date(YEAR, rng.randint(1, 12), rng.randint(1, 28)),
                f"{prefix}{n + 1:07d}",
                f"基准测试支出{n % 97}",
                f"收款单位{n % 113}",
                amount,
                line.pk,
                line.func_code,
                econ,
                line.fund_type,
                source,
                None,
                True,
                now,
            )

    insert(connection, rows(args.vouchers, department, own_lines, "V"))
    insert(connection, rows(1000, other, [line for line in lines if line.department_id == other.pk], "W"))
    with transaction.atomic():
        for line in lines:
            BudgetLine.objects.filter(pk=line.pk).update(
                allocated=(spent[line.pk] * Decimal("1.1")).quantize(Decimal("0.01")), spent=spent[line.pk]
            )
    with connection.cursor() as cursor:
        # a live PostgreSQL is autovacuumed (visibility map, statistics); SQLite gets its statistics
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    fill = time.perf_counter() - started
    count = Voucher.objects.filter(department=department).count()
    print(f"  数据：1 个单位 {count:,} 张凭证（另一单位 1,000 张），{LINES} 个指标（生成用时 {fill:.1f} s）")

    client = Client()
    client.force_login(officer)
    url = reverse("budgets:voucher-list")
    line = own_lines[3]
    # the year is chosen once and kept in the session, as when a user works through the pages
    assert client.get(url, {"year": YEAR}).status_code == 200
    cases = [
        ("第一页（全年，按日期倒序）", {}, {}),
        ("按指标和月份筛选后的第一页", {"line": line.pk, "month": 6}, {"line": line.pk, "month": 6}),
        ("第200页", {"page": 200}, {"page": 200}),
    ]
    verdicts = []
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"  （机器负载 {load:.1f}，CPU {os.cpu_count()} 核；“本进程CPU”不含等待CPU的时间，PostgreSQL 服务器的时间也不在其中）"
    )
    print(f"  {'页面':<22}{'视图中位数':>10}{'原始SQL':>10}{'比值':>8}{'查询次数':>8}{'本进程CPU':>10}")
    for label, params, raw in cases:
        client.get(url, params)  # warm: session, templates, caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        page = response.content.decode()
        rows_shown = page.count('<td class="nowrap first">')
        # fifty rows a page, fewer only on a small run (a filtered or the last page)
        assert "合计" in page and (rows_shown == 50 or args.vouchers < 100_000), (
            f"每页应有50行和合计行（{rows_shown}行）"
        )
        queries = len(captured)
        view_times, raw_times, cpu_times = [], [], []
        for _ in range(args.repeat):
            t, cpu = time.perf_counter(), time.process_time()
            client.get(url, params)
            view_times.append(time.perf_counter() - t)
            cpu_times.append(time.process_time() - cpu)
            t = time.perf_counter()
            raw_page(connection, department.pk, **raw)
            raw_times.append(time.perf_counter() - t)
        view_ms = statistics.median(view_times) * 1000
        raw_ms = statistics.median(raw_times) * 1000
        cpu_ms = statistics.median(cpu_times) * 1000
        print(
            f"  {label:<22}{view_ms:>9.1f}ms{raw_ms:>8.1f}ms{view_ms / raw_ms:>8.1f}{queries:>8}{cpu_ms:>10.1f}ms"
        )
        verdicts.append((label, view_ms))
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            client.get(url, cases[0][1])
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        with CaptureQueriesContext(connection) as captured:
            client.get(url, cases[0][1])
        for query in captured.captured_queries:
            print(f"  {query['time']}s {query['sql'][:300]}")
    full = []
    for _ in range(max(3, args.repeat // 3)):
        t = time.perf_counter()
        full_count_and_sum(connection, department.pk)
        full.append(time.perf_counter() - t)
    print(
        f"  （参考：逐行统计全年 {count:,} 张凭证的行数与合计需 {statistics.median(full) * 1000:.1f} ms，"
        "第一页改用指标的已支出和“数到10,000行为止”）"
    )
    first = verdicts[0][1]
    print(
        f"  第一页中位数 {first:.1f} ms，目标 < {TARGET_MS} ms：{'达标' if first < TARGET_MS else '未达标'}"
    )


def raw_page(
    connection, department_id: int, line: int | None = None, month: int | None = None, page: int = 1
):
    """The same page in raw SQL, read the way the view reads it: without a month the 合计 is the
    lines' 已支出 and the rows are counted up to 10,000; with one, the filtered rows are counted
    and summed. Then 50 rows with their line."""
    where = ["v.department_id = %s", "v.year = %s"]
    params: list = [department_id, YEAR]
    if line:
        where.append("v.line_id = %s")
        params.append(line)
    if month:
        where.append("v.date >= %s AND v.date < %s")
        params += [
            f"{YEAR}-{month:02d}-01",
            f"{YEAR}-{month + 1:02d}-01" if month < 12 else f"{YEAR + 1}-01-01",
        ]
    condition = " AND ".join(where)
    with connection.cursor() as cursor:
        if month:
            cursor.execute(f"SELECT COUNT(*), SUM(v.amount) FROM budgets_voucher v WHERE {condition}", params)
        else:
            cursor.execute(
                "SELECT SUM(spent) FROM budgets_budgetline WHERE department_id = %s AND year = %s"
                + (" AND id = %s" if line else ""),
                [department_id, YEAR, *([line] if line else [])],
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT v.id FROM budgets_voucher v WHERE {condition} LIMIT 10001) t",
                params,
            )
        cursor.fetchall()
        cursor.execute(
            "SELECT v.id, v.date, v.number, v.summary, v.payee, v.econ_code, v.fund_type, v.amount, "
            f"v.line_id, l.name FROM budgets_voucher v JOIN budgets_budgetline l ON l.id = v.line_id "
            f"WHERE {condition} ORDER BY v.date DESC, v.id DESC LIMIT 50 OFFSET %s",
            [*params, (page - 1) * 50],
        )
        cursor.fetchall()


def full_count_and_sum(connection, department_id: int) -> None:
    """What the first page would cost if it counted and summed every row of the year (for scale)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), SUM(amount) FROM budgets_voucher WHERE department_id = %s AND year = %s",
            [department_id, YEAR],
        )
        cursor.fetchall()


def insert(connection, rows) -> None:
    """Bulk insert: COPY on PostgreSQL, executemany in large transactions on SQLite."""
    names = ", ".join(COLUMNS)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY budgets_voucher ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        connection.connection.commit()
        return
    marks = ", ".join(["%s"] * len(COLUMNS))
    batch = []
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:
            # SQLite keeps Django's text forms: ISO dates and times, decimals as numbers
            batch.append(
                (*row[:2], row[2].isoformat(), *row[3:6], str(row[6]), *row[7:14], row[14].isoformat())
            )
            if len(batch) >= 50_000:
                cursor.executemany(f"INSERT INTO budgets_voucher ({names}) VALUES ({marks})", batch)
                batch = []
        if batch:
            cursor.executemany(f"INSERT INTO budgets_voucher ({names}) VALUES ({marks})", batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vouchers", type=int, default=50_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--pg-db", default=PG_BENCH_DB, help="PostgreSQL database to drop and create for the run"
    )
    parser.add_argument("--profile", action="store_true", help="profile the first page and list its queries")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    for engine in args.engines.split(","):
        env = dict(os.environ)
        if engine == "sqlite":
            tmp = tempfile.mkdtemp(prefix="jixiao-bench-")
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"DROP DATABASE IF EXISTS {args.pg_db}"], check=True)
            subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"CREATE DATABASE {args.pg_db}"], check=True)
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.pg_db}"
        print(f"== {engine}")
        cmd = [sys.executable, __file__, "--child", f"--vouchers={args.vouchers}", f"--repeat={args.repeat}"]
        cmd += ["--profile"] if args.profile else []
        subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
