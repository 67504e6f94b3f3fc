"""Oversight page speed: 100 departments and 500,000 vouchers, on SQLite and on PostgreSQL.

    python bench/bench_oversight.py [--departments 100] [--vouchers 500000] [--engines sqlite,postgres]

For each engine the script builds a fresh database (SQLite file in a temp dir; PostgreSQL
database ``jixiao_bench`` on 127.0.0.1:5432), fills it with bulk inserts that keep the budget
lines' running totals equal to their ledger sums, then requests the finance bureau's
oversight page through Django's test client and prints the median server time (the time
Django takes to answer, no network) against the 300 ms target. It also times the same
aggregate done in one raw SQL query, side by side, as a floor for comparison.
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
    from django.utils import timezone

    from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Project, SanGongBudget, Voucher
    from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau, Role, User
    from jixiao.apps.oversight.selectors import oversight_figures

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(7)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        bureau = FinanceBureau.objects.create(code="BENCH", name="基准测试财政局")
        staff = User.objects.create(username="bench_czj", role=Role.BUREAU_STAFF, bureau=bureau)
        departments = Department.objects.bulk_create(
            [
                Department(bureau=bureau, code=f"B{i:04d}", name=f"基准单位{i:03d}", is_demo=True)
                for i in range(args.departments)
            ]
        )
        DepartmentProfile.objects.bulk_create(
            [
                DepartmentProfile(department=d, year=2023, staffing_quota=20, actual_staff=19)
                for d in departments
            ]
        )
        lines = []
        for d in departments:
            lines.append(
                BudgetLine(
                    department=d, year=2023, func_code="2012901", fund_type="basic_personnel", econ_code="301"
                )
            )
            lines.append(
                BudgetLine(
                    department=d, year=2023, func_code="2012901", fund_type="basic_public", econ_code="302"
                )
            )
        projects = Project.objects.bulk_create(
            [Project(department=d, year=2023, code="P01", name="业务专项") for d in departments]
        )
        for p in projects:
            lines.append(
                BudgetLine(
                    department_id=p.department_id,
                    year=2023,
                    func_code="2012902",
                    fund_type="project",
                    project=p,
                    econ_code="302",
                )
            )
        lines = BudgetLine.objects.bulk_create(lines)
        SanGongBudget.objects.bulk_create(
            [
                SanGongBudget(department=d, year=2023, item="reception", amount=Decimal("20000.00"))
                for d in departments
            ]
        )
        per_line = args.vouchers // len(lines)
        econ_for = {
            "basic_personnel": ["30101", "30102"],
            "basic_public": ["30201", "30211", "30217"],
            "project": ["30227", "30218"],
        }
        batch_v, batch_e = [], []
        number = 0
        totals = {}
        for line in lines:
            spent = Decimal(0)
            for _ in range(per_line):
                number += 1
                amount = Decimal(rng.randint(100, 500000)) / Decimal(100)
                spent += amount
                date = dt.date(2023, rng.randint(1, 12), rng.randint(1, 28))
                batch_v.append(
                    Voucher(
                        department_id=line.department_id,
                        year=2023,
                        date=date,
                        number=f"V{number:07d}",
                        summary="基准测试支出",
                        amount=amount,
                        line=line,
                        func_code=line.func_code,
                        econ_code=rng.choice(econ_for[line.fund_type]),
                        fund_type=line.fund_type,
                        project_id=line.project_id,
                        is_demo=True,
                        created_at=now,
                    )
                )
            totals[line.pk] = spent
            if len(batch_v) >= 20000:
                saved = Voucher.objects.bulk_create(batch_v, batch_size=5000)
                batch_e.extend(
                    LedgerEntry(
                        line_id=v.line_id,
                        kind="expenditure",
                        amount=v.amount,
                        date=v.date,
                        voucher=v,
                        created_at=now,
                    )
                    for v in saved
                )
                LedgerEntry.objects.bulk_create(batch_e, batch_size=5000)
                batch_v, batch_e = [], []
        if batch_v:
            saved = Voucher.objects.bulk_create(batch_v, batch_size=5000)
            LedgerEntry.objects.bulk_create(
                [
                    LedgerEntry(
                        line_id=v.line_id,
                        kind="expenditure",
                        amount=v.amount,
                        date=v.date,
                        voucher=v,
                        created_at=now,
                    )
                    for v in saved
                ],
                batch_size=5000,
            )
        for line in lines:
            allocated = (totals[line.pk] * Decimal("1.08")).quantize(Decimal("0.01"))
            LedgerEntry.objects.bulk_create(
                [
                    LedgerEntry(
                        line=line, kind="initial", amount=allocated, date=dt.date(2023, 1, 1), created_at=now
                    )
                ]
            )
            BudgetLine.objects.filter(pk=line.pk).update(allocated=allocated, spent=totals[line.pk])
    with connection.cursor() as cursor:
        # A live PostgreSQL is autovacuumed; VACUUM sets the visibility map so the covering
        # 三公 index is read index-only, as it would be in production. SQLite has no such step.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    fill = time.perf_counter() - started
    print(f"  数据：{len(departments)} 个单位，{Voucher.objects.count():,} 张凭证（生成用时 {fill:.1f} s）")

    client = Client()
    client.force_login(staff)
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("oversight:overview") + "?year=2023"
    except NoReverseMatch:
        url = None
    as_of = dt.date(2023, 7, 31)
    timings_sel, timings_page, timings_raw = [], [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        oversight_figures(user=staff, year=2023, as_of=as_of)
        timings_sel.append(time.perf_counter() - t)
        if url:
            t = time.perf_counter()
            response = client.get(url)
            timings_page.append(time.perf_counter() - t)
            assert response.status_code == 200, response.status_code
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT department_id, fund_type, SUM(allocated), SUM(spent) FROM budgets_budgetline WHERE year=%s "
                "GROUP BY department_id, fund_type",
                [2023],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT department_id, year, SUM(amount) FROM budgets_voucher WHERE year IN (%s, %s) AND econ_code IN "
                "('30212','30217','30231','31013') GROUP BY department_id, year",
                [2023, 2022],
            )
            cursor.fetchall()
        timings_raw.append(time.perf_counter() - t)
    med = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    print(f"  选择器（全部单位的汇总）中位数：{med(timings_sel):.1f} ms")
    if timings_page:
        verdict = "达标" if med(timings_page) < 300 else "未达标"
        print(f"  全局概览页面（服务器处理）中位数：{med(timings_page):.1f} ms  目标 < 300 ms：{verdict}")
    else:
        print("  全局概览页面尚未提供（oversight:overview 未注册），仅测选择器")
    print(
        f"  同样汇总的原始 SQL 中位数：{med(timings_raw):.1f} ms（比值 选择器/原始SQL = {med(timings_sel) / med(timings_raw):.1f}）"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--departments", type=int, default=100)
    parser.add_argument("--vouchers", type=int, default=500_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=15)
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
            subprocess.run(["psql", PG_ADMIN_URL, "-qc", "DROP DATABASE IF EXISTS jixiao_bench"], check=True)
            subprocess.run(["psql", PG_ADMIN_URL, "-qc", "CREATE DATABASE jixiao_bench"], check=True)
            env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/jixiao_bench"
        print(f"== {engine}")
        cmd = [
            sys.executable,
            __file__,
            "--child",
            f"--departments={args.departments}",
            f"--vouchers={args.vouchers}",
            f"--repeat={args.repeat}",
        ]
        subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
