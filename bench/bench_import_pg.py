"""Benchmark: a voucher import into PostgreSQL, one statement per chunk against one per row.

    python bench/bench_import_pg.py [--rows 50000] [--url postgres://postgres@127.0.0.1:5432/postgres]

On PostgreSQL the spending summary is kept by a statement-level trigger (budgets migration 0012).
psycopg's ``executemany`` sends one INSERT per row, so that trigger ran once per voucher; the
import now sends each chunk as one ``INSERT … SELECT * FROM unnest(…)``. Measured side by side in
one run, on the same file and a freshly emptied ledger each time, alternating:
1. ``voucher_import`` as it is (one statement per chunk);
2. the same import with the row-by-row ``executemany`` it had before;
3. raw psycopg ``executemany`` of the same rows as tuples into a plain copy of the voucher table
   (no triggers, no validation): the floor.
A scratch database ``jixiao_bench_import`` is created on the server and dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_import import add_bench_department, generate_rows, write_files  # noqa: E402

SCRATCH = "jixiao_bench_import"


def scratch_database(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
        admin.execute(f"CREATE DATABASE {SCRATCH}")
    return url.rsplit("/", 1)[0] + "/" + SCRATCH


def drop_scratch(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")


def setup(url: str, var: Path):
    os.environ["DATABASE_URL"] = url
    os.environ["JIXIAO_VAR_DIR"] = str(var)
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.config.settings.base"
    from jixiao.cli._django import migrate_if_needed, setup_django

    setup_django()
    migrate_if_needed()
    return add_bench_department()


def run_import(user, path: Path, *, columnar: bool) -> float:
    """Seconds of wall time for one import (the server's work is not in this process's CPU time);
    everything it wrote is rolled back afterwards, so each round starts from the same ledger."""
    from django.db import transaction

    from jixiao.apps.exchange import services

    init = services._VoucherWriter.__init__

    def patched(self, **kwargs):
        init(self, **kwargs)
        if self.columnar and not columnar:  # the row-by-row statement it had before
            self.columnar = False
            columns = self.sql.split(") SELECT", 1)[0] + ")"
            self.sql = (
                f"{columns} VALUES ({', '.join(['%s'] * columns.count(','))}, %s) ON CONFLICT DO NOTHING"
            )

    services._VoucherWriter.__init__ = patched
    try:
        with transaction.atomic():
            started = time.perf_counter()
            outcome = services.voucher_import(actor=user, department=user.department, year=2023, file=path)
            elapsed = time.perf_counter() - started
            if outcome.status != "imported":
                raise SystemExit(f"import failed: {outcome.message} {outcome.errors[:3]}")
            transaction.set_rollback(True)
    finally:
        services._VoucherWriter.__init__ = init
    return elapsed


def run_raw(rows: list[tuple]) -> float:
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE raw_voucher ON COMMIT DROP AS SELECT * FROM budgets_voucher WITH NO DATA"
            )
            started = time.perf_counter()
            cursor.executemany(
                "INSERT INTO raw_voucher (department_id, year, date, number, summary, payee, amount, line_id, "
                "func_code, econ_code, fund_type, project_id, reversal_of_id, is_demo, created_by_id, created_at, "
                f"fund_source) VALUES ({', '.join(['%s'] * 17)})",
                rows,
            )
            elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    url = scratch_database(args.url)
    try:
        with tempfile.TemporaryDirectory() as work:
            user = setup(url, Path(work) / "var")
            csv_path, _ = write_files(Path(work) / "files", args.rows)
            now = dt.datetime.now(dt.UTC)
            raw_rows = [
                (user.department_id, 2023, dt.date.fromisoformat(r[0]), r[1], r[2], "", Decimal(r[6]), None,
                 r[3], r[4], "basic_public", None, None, False, user.pk, now, "")
                for r in generate_rows(args.rows)
            ]  # fmt: skip
            times: dict[str, list[float]] = {"chunk": [], "row": [], "raw": []}
            for _ in range(args.rounds):
                times["chunk"].append(run_import(user, csv_path, columnar=True))
                times["row"].append(run_import(user, csv_path, columnar=False))
                times["raw"].append(run_raw(raw_rows))
    finally:
        from django.db import connection

        connection.close()
        drop_scratch(args.url)
    rate = {k: args.rows / statistics.median(v) for k, v in times.items()}
    print(f"PostgreSQL voucher import, {args.rows:,} rows, median of {args.rounds} rounds (wall time):")
    print(f"  1. jixiao, one INSERT … unnest per chunk : {rate['chunk']:>10,.0f} rows/s")
    print(f"  2. jixiao, executemany (one INSERT a row) : {rate['row']:>10,.0f} rows/s")
    print(f"  3. raw psycopg executemany, no triggers   : {rate['raw']:>10,.0f} rows/s")
    print(f"  1 ÷ 2 = {rate['chunk'] / rate['row']:.2f}×   1 ÷ 3 = {rate['chunk'] / rate['raw']:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
