"""Benchmark: import N voucher rows into SQLite with full validation and budget control.

    python bench/bench_import.py               # 1,000,000 rows (a few minutes)
    python bench/bench_import.py --rows 50000  # quick run

Measured side by side in the same run, on the same machine and the same kind of database file:
1. ``voucher_import`` from .csv (two streamed passes: validate every row, set-based budget
   control, then bulk insert of vouchers + ledger rows + running totals, one transaction);
2. the same from .xlsx;
3. raw ``sqlite3.executemany`` inserting the same rows (already parsed tuples) into a copy of
   the voucher table, in one transaction — the target is ours ≥ 1/3 of this.
Then peak memory (RSS, in child processes) for a small and the full file, to show it stays flat.
All generated files go to a temporary directory.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "项目编码", "借方金额", "贷方金额"]
KINDS = [
    ("2012901", "30201", ""),
    ("2012901", "30211", ""),
    ("2012901", "30215", ""),
    ("2012901", "30101", ""),
    ("2012901", "30102", ""),
    ("2060702", "30201", "P01"),
    ("2060702", "30216", "P01"),
]


def generate_rows(n: int, seed: int = 7):
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    for i in range(1, n + 1):
        func, econ, project = KINDS[i % len(KINDS)]
        cents = rng.randint(100, 500_000)
        yield [
            (start + dt.timedelta(days=i % 365)).isoformat(),
            f"记-{i:07d}",
            f"支出摘要{i % 1000}",
            func,
            econ,
            project,
            f"{cents // 100}.{cents % 100:02d}",
            "",
        ]


def write_files(folder: Path, n: int, *, xlsx: bool = True) -> tuple[Path, Path | None]:
    from jixiao.formats.tabular import write_csv, write_xlsx

    folder.mkdir(parents=True, exist_ok=True)
    csv_path = write_csv(folder / f"vouchers-{n}.csv", [HEADER, *generate_rows(n)])
    xlsx_path = None
    if xlsx:
        xlsx_path = write_xlsx(
            folder / f"vouchers-{n}.xlsx",
            [HEADER, *([*r[:6], Decimal(r[6]), None] for r in generate_rows(n))],
        )
    return csv_path, xlsx_path


def setup(folder: Path):
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["JIXIAO_VAR_DIR"] = str(folder / "var")
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.config.settings.base"
    from jixiao.cli._django import migrate_if_needed, setup_django

    setup_django()
    migrate_if_needed()


def make_department(code: str):
    from jixiao.apps.budgets.services import budget_line_create, project_create
    from jixiao.apps.orgs.models import Department, FinanceBureau, User

    bureau, _ = FinanceBureau.objects.get_or_create(code="BENCH", defaults={"name": "基准测试财政局"})
    department = Department.objects.create(bureau=bureau, code=code, name=f"基准测试单位{code}")
    user = User.objects.create(username=f"bench-{code}", role="finance_officer", department=department)
    big = Decimal("900000000000.00")
    for fund, func, econ in (("basic_public", "2012901", "302"), ("basic_personnel", "2012901", "301")):
        budget_line_create(
            actor=user, department=department, year=2023, func_code=func, fund_type=fund, econ_code=econ,
            initial_amount=big, date=dt.date(2023, 1, 1),
        )  # fmt: skip
    project = project_create(actor=user, department=department, year=2023, code="P01", name="科普活动")
    budget_line_create(
        actor=user, department=department, year=2023, func_code="2060702", fund_type="project", econ_code="302",
        initial_amount=big, date=dt.date(2023, 1, 1), project=project,
    )  # fmt: skip
    return department, user


class Clock:
    """Wall time and this process's CPU time (the machine may be shared; CPU time is steadier)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def timed_import(path: Path, code: str) -> tuple[Clock, object]:
    from jixiao.apps.exchange.services import voucher_import

    department, user = make_department(code)
    with Clock() as clock:
        outcome = voucher_import(actor=user, department=department, year=2023, file=path)
    if outcome.status != "imported":
        raise SystemExit(f"import failed: {outcome.message} {outcome.errors[:3]}")
    return clock, outcome


def raw_executemany(folder: Path, path: Path, n: int) -> Clock:
    """The same rows, parsed to tuples beforehand, into a copy of the voucher table."""
    source = sqlite3.connect(folder / "bench.sqlite3")
    # The table with the same indexes (unique voucher number, date, line, econ code).
    ddl = [
        sql
        for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'budgets_voucher' AND sql IS NOT NULL ORDER BY type DESC"
        )
    ]
    source.close()
    raw_db = folder / "raw.sqlite3"
    raw_db.unlink(missing_ok=True)
    connection = sqlite3.connect(raw_db, isolation_level=None)
    for statement in ddl:
        connection.execute(statement)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        now = "2026-01-01 00:00:00.000000"
        rows = [
            (1, 2023, r[0], r[1], r[2], "", r[6], 1, r[3], r[4], "basic_public", None, None, 0, 1, now)
            for r in reader
        ]
    columns = (
        "department_id, year, date, number, summary, payee, amount, line_id, func_code, econ_code, "
        "fund_type, project_id, reversal_of_id, is_demo, created_by_id, created_at"
    )
    with Clock() as clock:
        connection.execute("BEGIN")
        connection.executemany(
            f"INSERT INTO budgets_voucher ({columns}) VALUES ({', '.join('?' * 16)})", rows
        )
        connection.execute("COMMIT")
    assert connection.execute("SELECT count(*) FROM budgets_voucher").fetchone()[0] == n
    connection.close()
    return clock


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_memory(n: int, kind: str, file: str | None = None) -> None:
    """Run in a fresh process: import n rows; print the peak RSS growth over the set-up."""
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-mem-"))
    if file:
        csv_path = xlsx_path = Path(file)
    else:
        csv_path, xlsx_path = write_files(folder, n, xlsx=kind == "xlsx")
    setup(folder)
    import tracemalloc

    department, user = make_department("MEM")
    baseline = peak_rss_mb()
    tracemalloc.start()
    from jixiao.apps.exchange.services import voucher_import

    outcome = voucher_import(
        actor=user, department=department, year=2023, file=xlsx_path if kind == "xlsx" else csv_path
    )
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert outcome.status == "imported", outcome.message
    print(f"{peak_rss_mb() - baseline:.1f} {traced_peak / 1024 / 1024:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=None, help="rows of the small file in the memory test")
    parser.add_argument("--skip-xlsx", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--child-memory", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-kind", default="csv", help=argparse.SUPPRESS)
    parser.add_argument("--child-file", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_memory:
        child_memory(args.child_memory, args.child_kind, args.child_file)
        return 0
    n = args.rows
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    print(f"jixiao import benchmark: {n:,} voucher rows, SQLite, files in {folder}")
    began = time.perf_counter()
    csv_path, xlsx_path = write_files(folder, n, xlsx=not args.skip_xlsx)
    print(f"  generated files in {time.perf_counter() - began:.1f}s "
          f"(csv {csv_path.stat().st_size / 1e6:.1f} MB" + (f", xlsx {xlsx_path.stat().st_size / 1e6:.1f} MB)" if xlsx_path else ")"))  # fmt: skip
    setup(folder)

    raw = raw_executemany(folder, csv_path, n)
    ours_csv, outcome = timed_import(csv_path, "CSV")
    results = [
        ("raw sqlite3.executemany, one transaction", raw),
        ("jixiao import from .csv (validate+write)", ours_csv),
    ]
    if xlsx_path:
        ours_xlsx, _ = timed_import(xlsx_path, "XLSX")
        results.append(("jixiao import from .xlsx (validate+write)", ours_xlsx))
    print(f"  {'':44} {'rows/s (CPU)':>14} {'rows/s (wall)':>14}")
    for label, clock in results:
        print(f"  {label:44} {n / clock.cpu:14,.0f} {n / clock.wall:14,.0f}")
    for label, clock in results[1:]:
        kind = label.split(".")[1].split()[0]
        print(
            f"  ratio {kind:4} / raw: {raw.cpu / clock.cpu:.3f} by CPU time, {raw.wall / clock.wall:.3f} by wall time"
            "  (target ≥ 0.333)"
        )
    print(f"  imported {outcome.batch.imported_rows:,} vouchers, {outcome.batch.amount} 元")

    if not args.skip_memory:
        small = args.small or max(1, n // 10)
        small_csv, small_xlsx = write_files(folder / "small", small, xlsx=not args.skip_xlsx)
        files = {
            ("csv", n): csv_path,
            ("xlsx", n): xlsx_path,
            ("csv", small): small_csv,
            ("xlsx", small): small_xlsx,
        }
        for kind in ["csv"] + ([] if args.skip_xlsx else ["xlsx"]):
            figures = {}
            for rows in (small, n):
                output = subprocess.run(
                    [sys.executable, __file__, "--child-memory", str(rows), "--child-kind", kind,
                     "--child-file", str(files[(kind, rows)])],
                    capture_output=True, text=True, check=True,
                ).stdout.split()  # fmt: skip
                figures[rows] = (float(output[-2]), float(output[-1]))
            (rss_small, py_small), (rss_big, py_big) = figures[small], figures[n]
            print(
                f"  peak memory {kind:4} {small:>9,} rows: RSS +{rss_small:7.1f} MB, Python heap {py_small:6.1f} MB"
                f" | {n:>9,} rows: RSS +{rss_big:7.1f} MB, Python heap {py_big:6.1f} MB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
