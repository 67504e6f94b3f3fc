"""Batch report generation through the task queue: 1 worker process against 2.

    python bench/bench_report_batch.py [--departments 20] [--engine sqlite|postgres] [--rounds 1]
                                       [--format docx]

Builds a fresh database (SQLite in a temp dir, or the PostgreSQL database ``jixiao_bench_batch`` on
127.0.0.1:5432) with one finance bureau and ``--departments`` departments (演示数据: two years of
budget lines, a project, vouchers every quarter, varied per department). Then, for 1 and for 2
worker processes (alternating over ``--rounds``; the best of each is kept), it does what an
operator does: ``jixiao report --bureau … --all --no-wait`` queues one task per department, and
``jixiao worker --processes N --batch`` generates every report (through the checker) and exits.

Printed per run: the wall time of the worker command (process start to exit, so it includes
Django's start-up in every process), the span from the first report claimed to the last one
written (from the batch's own timestamps), the CPU seconds of the worker processes (user + system,
summed over the children), CPU per report and how many CPUs the workers got on average
(CPU / wall: 1.0 and 2.0 on an idle machine). Beside it, a calibration: the same pure-Python loop
in 1 process and in 2 processes just before and just after each run, whose ratio is what this machine gives two
processes right now — on a loaded machine both ratios fall together. Target: ≥ 1.7× by wall time
with 2 workers when the machine is idle. Full size: ``--departments 200``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._scaling import TARGET_SPEEDUP, busy_cpus_elsewhere, load_text  # noqa: E402

PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/jixiao_bench_batch"
BUREAU = "演示市财政局（批量基准）"
YEAR = 2023
CALIBRATION_LOOPS = 3_000_000  # about 0.2 s of pure Python


# --- the database --------------------------------------------------------------------------------


def build(departments: int) -> None:
    """One bureau, ``departments`` departments with two years of books (in this process)."""
    import datetime as dt
    import random
    from decimal import Decimal

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from jixiao.apps.budgets.services import budget_line_create, expenditure_post, project_create
    from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau, User

    rng = random.Random(20231231)
    bureau = FinanceBureau.objects.create(code="CZJ-BENCH", name=BUREAU)
    for index in range(departments):
        department = Department.objects.create(
            bureau=bureau, code=f"BENCH{index:04d}", name=f"演示单位{index + 1:04d}", is_demo=True
        )
        officer = User.objects.create(
            username=f"bench-officer-{index}", role="finance_officer", department=department
        )
        staff = rng.randint(8, 60)
        for year in (YEAR - 1, YEAR):
            DepartmentProfile.objects.create(
                department=department, year=year, staffing_quota=staff, actual_staff=staff - rng.randint(0, 3)
            )
        scale = Decimal(rng.randint(60, 400)) * 10000
        for year in (YEAR - 1, YEAR):
            growth = Decimal("1.00") if year < YEAR else Decimal(rng.randint(95, 120)) / 100
            lines = [
                budget_line_create(
                    actor=officer,
                    department=department,
                    year=year,
                    func_code="2012901",
                    fund_type=fund_type,
                    econ_code=econ,
                    initial_amount=(scale * share * growth).quantize(Decimal("0.01")),
                    date=dt.date(year, 1, 1),
                    project=None,
                    name="",
                )
                for fund_type, econ, share in (
                    ("basic_personnel", "301", Decimal("0.55")),
                    ("basic_public", "302", Decimal("0.15")),
                )
            ]
            project = project_create(
                actor=officer, department=department, year=year, code="P01", name="重点工作经费", is_key=True
            )
            lines.append(
                budget_line_create(
                    actor=officer,
                    department=department,
                    year=year,
                    func_code="2012901",
                    fund_type="project",
                    econ_code="302",
                    initial_amount=(scale * Decimal("0.30") * growth).quantize(Decimal("0.01")),
                    date=dt.date(year, 1, 1),
                    project=project,
                    name="",
                )
            )
            for month in (3, 6, 9, 12):
                for line in lines:
                    expenditure_post(
                        actor=officer,
                        line=line,
                        date=dt.date(year, month, 15),
                        amount=(line.allocated * Decimal(rng.randint(55, 80)) / 400).quantize(
                            Decimal("0.01")
                        ),
                        summary="日常支出",
                        econ_code=line.econ_code + ("01" if line.econ_code == "301" else "11"),
                        fund_type=line.fund_type,
                        payee="演示收款单位",
                        project=line.project,
                        is_demo=True,
                    )
        if (index + 1) % 20 == 0:
            print(f"  已建 {index + 1}/{departments} 个单位", flush=True)
    from django.db import connections

    connections.close_all()


# --- the runs ------------------------------------------------------------------------------------


def jixiao(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def one_run(workers: int, out_dir: Path, env: dict, fmt: str) -> dict:
    queued = jixiao(
        "report", "--bureau", BUREAU, "--year", str(YEAR), "--all", "--format", fmt,
        "--out-dir", str(out_dir), "--no-wait", env=env,
    )  # fmt: skip
    if queued.returncode != 0:
        raise SystemExit(f"排队失败：{queued.stdout}{queued.stderr}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    worker = jixiao("worker", "--processes", str(workers), "--batch", "--interval", "0.1", env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if worker.returncode != 0:
        raise SystemExit(f"工作进程失败：{worker.stdout}{worker.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"workers": workers, "wall": wall, "cpu": cpu, **batch_figures()}


def batch_figures() -> dict:
    from django.db import connections
    from django.db.models import Max, Min

    from jixiao.apps.reports.models import ReportBatch

    batch = ReportBatch.objects.order_by("-pk").first()
    items = batch.items.all()
    span = items.aggregate(first=Min("started_at"), last=Max("finished_at"))
    figures = {
        "span": (span["last"] - span["first"]).total_seconds(),
        "done": items.filter(state="done").count(),
        "failed": items.filter(state="failed").count(),
        "total": items.count(),
    }
    connections.close_all()
    return figures


def _loop(loops: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i * i % 7
    return time.perf_counter() - started


def calibrate() -> float:
    """2 × (one process alone) / (two processes at once) on the same pure-Python loop."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_loop, [10_000, 10_000]))  # both processes started
        alone = pool.submit(_loop, CALIBRATION_LOOPS).result()
        started = time.perf_counter()
        list(pool.map(_loop, [CALIBRATION_LOOPS, CALIBRATION_LOOPS]))
        together = time.perf_counter() - started
    return 2 * alone / together


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--departments", type=int, default=20, help="单位数（默认 20；完整规模 200）")
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--format", default="docx")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="jixiao-batch-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    if args.engine == "postgres":
        subprocess.run(
            ["psql", PG_ADMIN_URL, "-qc", "DROP DATABASE IF EXISTS jixiao_bench_batch"], check=True
        )
        subprocess.run(["psql", PG_ADMIN_URL, "-qc", "CREATE DATABASE jixiao_bench_batch"], check=True)
        env["DATABASE_URL"] = PG_URL
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    env.update(
        JIXIAO_VAR_DIR=str(tmp / "var"),
        DJANGO_SETTINGS_MODULE="jixiao.config.settings.base",
        PYTHONPATH=str(ROOT),
    )
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "JIXIAO_VAR_DIR", "DJANGO_SETTINGS_MODULE")})
    try:
        print(f"建库（{args.engine}）：{args.departments} 个单位 …", flush=True)
        started = time.perf_counter()
        build(args.departments)
        print(f"  建库用时 {time.perf_counter() - started:.1f} s", flush=True)
        print(
            f"开始前：系统负载（1/5/15 分钟）{load_text()}；其他进程占用约 {busy_cpus_elsewhere():.2f} 个 CPU"
        )
        best: dict[int, dict] = {}
        calibrations: list[float] = []
        for round_ in range(1, args.rounds + 1):
            for workers in (1, 2):
                before = calibrate()
                run = one_run(workers, tmp / f"out-{round_}-{workers}", env, args.format)
                calibration = (before + calibrate()) / 2  # just before and just after the run
                calibrations.append(calibration)
                run["calibration"] = calibration
                print(
                    f"  第{round_}轮 {workers} 个工作进程：总用时 {run['wall']:.2f} s（首份开始到末份写完 {run['span']:.2f} s），"
                    f"CPU {run['cpu']:.2f} s（每份 {run['cpu'] / run['total'] * 1000:.0f} ms，"
                    f"平均得到 {run['cpu'] / run['wall']:.2f} 个 CPU），"
                    f"已生成 {run['done']}/{run['total']}，失败 {run['failed']}；同一时刻纯计算校准 {calibration:.2f}×",
                    flush=True,
                )
                if workers not in best or run["wall"] < best[workers]["wall"]:
                    best[workers] = run
        one, two = best[1], best[2]
        speedup = one["wall"] / two["wall"]
        span_speedup = one["span"] / two["span"]
        print(
            f"{args.departments} 个单位（{args.engine}，{args.format}）：1 个进程 {one['wall']:.2f} s，"
            f"2 个进程 {two['wall']:.2f} s，加速比 {speedup:.2f}×（不计启动 {span_speedup:.2f}×）"
            f" — 目标 ≥ {TARGET_SPEEDUP}×：{'达到' if speedup >= TARGET_SPEEDUP else '未达到'}"
        )
        print(
            f"CPU：1 个进程 {one['cpu']:.2f} s（平均得到 {one['cpu'] / one['wall']:.2f} 个 CPU），"
            f"2 个进程 {two['cpu']:.2f} s（{two['cpu'] / two['wall']:.2f} 个 CPU）（子进程合计）；"
            f"两个 CPU 都空闲时可期 ≈ 2 × {one['cpu']:.1f} / {two['cpu']:.1f} = {2 * one['cpu'] / two['cpu']:.2f}×；"
            f"纯计算校准（同一时刻 2 个进程对 1 个）{min(calibrations):.2f}–{max(calibrations):.2f}×"
        )
        print(f"结束后：系统负载（1/5/15 分钟）{load_text()}（负载来自其他程序时，加速比与校准一起下降）")
    finally:
        if args.engine == "postgres":
            from django.db import connections

            connections.close_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
