"""Oversight page speed: 100 departments and 500,000 vouchers, on SQLite and on PostgreSQL.

    python bench/bench_oversight.py [--departments 100] [--vouchers 500000] [--engines sqlite,postgres]

For each engine the script builds a fresh database (SQLite file in a temp dir; PostgreSQL
database ``jixiao_bench`` on 127.0.0.1:5432), fills it with bulk inserts that keep the budget
lines' running totals equal to their ledger sums, then requests the finance bureau's
oversight page through Django's test client and prints the median server time (the time
Django takes to answer, no network) against the 300 ms target. It also times the same
aggregates done in raw SQL queries, side by side, as a floor for comparison.

Besides the money, every department has what the 目标完成 / 监控预警 / 自评得分 columns read:
an overall goal of 25 indicators from the shipped library (a few departments add their own),
40 activities with about 60 outputs feeding them, and (for most departments) one to three
submitted report versions with their snapshot columns filled and a stored self-evaluation score.
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
    from jixiao.apps.oversight.selectors import goal_progress_for, latest_reports, oversight_figures

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(7)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        bureau = FinanceBureau.objects.create(code="BENCH", name="基准测试财政局")
        staff = User.objects.create(username="bench_czj", role=Role.BUREAU_STAFF, bureau=bureau)
        departments = Department.objects.bulk_create(
            [
                Department(
                    bureau=bureau,
                    code=f"B{i:04d}",
                    name=f"基准单位{i:03d}",
                    department_type="科协",
                    is_demo=True,
                )
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
        goals_and_reports(rng, departments, staff, now)
    with connection.cursor() as cursor:
        # A live PostgreSQL is autovacuumed; VACUUM sets the visibility map so the covering
        # 三公 index is read index-only, as it would be in production. SQLite has no such step.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    fill = time.perf_counter() - started
    from jixiao.apps.goals.models import ActivityOutput, GoalIndicator
    from jixiao.apps.oversight.models import ReportSubmission

    print(
        f"  数据：{len(departments)} 个单位，{Voucher.objects.count():,} 张凭证，"
        f"{GoalIndicator.objects.count():,} 个绩效指标，{ActivityOutput.objects.count():,} 项活动产出，"
        f"{ReportSubmission.objects.count():,} 份提交报告（生成用时 {fill:.1f} s）"
    )

    client = Client()
    client.force_login(staff)
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("oversight:overview") + "?year=2023"
    except NoReverseMatch:
        url = None
    as_of = dt.date(2023, 7, 31)
    ids = list(Department.objects.values_list("id", flat=True))
    timings_sel, timings_page, timings_raw, timings_goals, timings_reports = [], [], [], [], []
    queries = None
    for _ in range(args.repeat):
        t = time.perf_counter()
        rows = oversight_figures(user=staff, year=2023, as_of=as_of)
        timings_sel.append(time.perf_counter() - t)
        assert sum(1 for r in rows if r.goal and r.goal.assessed) == len(departments), (
            "每个单位都应有可计指标"
        )
        t = time.perf_counter()
        goal_progress_for(ids, year=2023, as_of=as_of)
        timings_goals.append(time.perf_counter() - t)
        t = time.perf_counter()
        latest_reports(ids, year=2023)
        timings_reports.append(time.perf_counter() - t)
        if url:
            from django.test.utils import CaptureQueriesContext

            t = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            timings_page.append(time.perf_counter() - t)
            queries = len(captured)
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
                "SELECT year, econ_code, department_id, SUM(amount) FROM budgets_voucher WHERE year IN (%s, %s) "
                "AND econ_code IN ('30212','30217','30231','31013') GROUP BY year, econ_code, department_id",
                [2023, 2022],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT i.goal_id, i.name, i.target, i.unit, i.code FROM goals_goalindicator i "
                "JOIN goals_goal g ON g.id = i.goal_id WHERE g.year = %s",
                [2023],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT a.department_id, o.output_key, SUM(o.value) FROM goals_activityoutput o "
                "JOIN goals_activity a ON a.id = o.activity_id WHERE a.year = %s AND a.date <= %s "
                "GROUP BY a.department_id, o.output_key",
                [2023, as_of],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT department_id, version, state, self_score FROM oversight_reportsubmission WHERE year = %s",
                [2023],
            )
            cursor.fetchall()
        timings_raw.append(time.perf_counter() - t)
    timings_changed, timings_cold = [], []
    if url:
        from jixiao.apps.goals import overview

        for _ in range(5):
            # every department's data changed since the last request (or a new day of the current year)
            overview.evaluate.cache_clear()
            t = time.perf_counter()
            client.get(url)
            timings_changed.append(time.perf_counter() - t)
            # nothing remembered at all, as on the first request of a new server process
            overview.forget_evaluations()
            t = time.perf_counter()
            client.get(url)
            timings_cold.append(time.perf_counter() - t)
    med = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    print(f"  选择器（全部单位的汇总）中位数：{med(timings_sel):.1f} ms")
    print(
        f"    其中 目标完成与双监控：{med(timings_goals):.1f} ms；最新报告与自评得分：{med(timings_reports):.1f} ms"
    )
    if timings_page:
        verdict = "达标" if med(timings_page) < 300 else "未达标"
        print(f"  全局概览页面（服务器处理）中位数：{med(timings_page):.1f} ms  目标 < 300 ms：{verdict}")
        print(f"  页面查询次数：{queries}（与单位数无关）")
        print(
            f"  全部{len(departments)}个单位的数据都有变动、逐一重新评估目标时：{med(timings_changed):.1f} ms"
            f"（比值 / 中位数 = {med(timings_changed) / med(timings_page):.2f}）"
        )
        print(
            f"  什么都未记住（新启动的服务进程的第一次请求）：{med(timings_cold):.1f} ms"
            f"（比值 / 中位数 = {med(timings_cold) / med(timings_page):.2f}）"
        )
    else:
        print("  全局概览页面尚未提供（oversight:overview 未注册），仅测选择器")
    print(
        f"  同样汇总的原始 SQL 中位数：{med(timings_raw):.1f} ms（比值 选择器/原始SQL = {med(timings_sel) / med(timings_raw):.1f}）"
    )


def goals_and_reports(rng, departments, staff, now) -> None:
    """Goals, activities and submitted reports for every department, in bulk (see the module text)."""
    import datetime as dt
    from decimal import Decimal

    from jixiao.apps.goals.models import (
        Activity,
        ActivityOutput,
        CustomIndicator,
        Goal,
        GoalIndicator,
        GoalState,
        WorkArea,
    )
    from jixiao.apps.goals.services import curve_data
    from jixiao.apps.oversight.models import ReportSubmission
    from jixiao.domain.indicator_library import load_indicator_library
    from jixiao.domain.scoring import grade_for

    library = load_indicator_library("kexie-v1")
    chosen = library.indicators[:25]
    fed_outputs = sorted({key for item in chosen for key in item.fed_by})
    goals = Goal.objects.bulk_create(
        [
            Goal(
                department=d,
                year=2023,
                library_version="kexie-v1",
                common_version="gongxing-v1",
                state=GoalState.SUBMITTED if i % 3 else GoalState.DRAFT,
                is_demo=True,
                created_at=now,
            )
            for i, d in enumerate(departments)
        ]
    )
    customs, indicators = [], []
    for i, (department, goal) in enumerate(zip(departments, goals, strict=True)):
        for order, item in enumerate(chosen, start=1):
            if item.value_type != "定量":
                target = "优"
            elif item.unit == "%":
                target = f"{item.operator.value}{rng.choice([90, 95, 100])}"
            else:
                target = f"{item.operator.value}{rng.randint(5, 400)}"
            indicators.append(
                GoalIndicator(
                    goal=goal,
                    order=order,
                    code=item.code,
                    level1=item.level1,
                    level2=item.level2,
                    name=item.name,
                    value_type=item.value_type,
                    operator=item.operator.value,
                    target=target,
                    unit=item.unit,
                    explanation=item.explanation,
                    scoring_rule=item.scoring_rule,
                    progress=curve_data(item.progress),
                )
            )
        if i % 5 == 0:  # a fifth of the departments add two indicators of their own
            for number, name in enumerate(("专项检查次数", "政策宣讲人次"), start=1):
                unit = "次" if number == 1 else "人次"
                customs.append(
                    CustomIndicator(
                        department=department,
                        code=f"ZD-{number:02d}",
                        level1="产出指标",
                        level2="数量指标",
                        name=name,
                        explanation=name,
                        unit=unit,
                        operator="≥",
                        scoring_rule="达到目标值得满分",
                        own_output=True,
                        created_at=now,
                    )
                )
                indicators.append(
                    GoalIndicator(
                        goal=goal,
                        order=len(chosen) + number,
                        code=f"ZD-{number:02d}",
                        level1="产出指标",
                        level2="数量指标",
                        name=name,
                        target=f"≥{rng.randint(10, 200)}",
                        unit=unit,
                    )
                )
    CustomIndicator.objects.bulk_create(customs)
    GoalIndicator.objects.bulk_create(indicators, batch_size=2000)
    areas = WorkArea.objects.bulk_create([WorkArea(department=d, name="业务工作") for d in departments])
    activities = []
    for department, area in zip(departments, areas, strict=True):
        for _ in range(40):
            start = dt.date(2023, rng.randint(1, 12), rng.randint(1, 28))
            activities.append(
                Activity(
                    department=department,
                    year=2023,
                    date=start,
                    end_date=start if rng.random() < 0.8 else dt.date(2023, 12, 31),
                    title="基准测试履职活动",
                    area=area,
                    is_demo=True,
                    created_at=now,
                )
            )
    activities = Activity.objects.bulk_create(activities, batch_size=2000)
    outputs = []
    for index, activity in enumerate(activities):
        keys = rng.sample(fed_outputs, rng.choice([1, 1, 2]))
        if (index // 40) % 5 == 0 and index % 10 == 0:  # 40 activities a department, in order
            keys.append("专项检查次数")
        for key in keys:
            outputs.append(
                ActivityOutput(
                    activity=activity, output_key=key, value=Decimal(rng.randint(1, 60)), unit="次"
                )
            )
    ActivityOutput.objects.bulk_create(outputs, batch_size=2000)
    paragraphs = [
        {"id": f"p{n}", "kind": "paragraph", "section": "", "text": "正文" * 40} for n in range(200)
    ]
    submissions = []
    for i, department in enumerate(departments):
        if i % 5 == 4:
            continue  # a fifth have not submitted
        for version in range(1, 1 + rng.randint(1, 3)):
            score = Decimal(rng.randint(1100, 1990)) / Decimal(20)
            submissions.append(
                ReportSubmission(
                    department=department,
                    year=2023,
                    version=version,
                    source="upload" if i % 4 == 0 else "jixiao",
                    state="submitted",
                    title="基准测试报告",
                    document={"sections": paragraphs},
                    paragraphs=paragraphs,
                    docx=bytes(rng.getrandbits(8) for _ in range(20000)),
                    text="正文" * 10000,
                    html="<p>正文</p>" * 4000,
                    self_score=score if i % 7 else None,
                    self_grade=grade_for(score).value if i % 7 and i % 3 == 0 else "",
                    score_basis=("stated" if i % 4 == 0 else "computed") if i % 7 else "",
                    submitted_by=staff,
                    submitted_at=now,
                )
            )
    ReportSubmission.objects.bulk_create(submissions, batch_size=100)


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
