"""Province scale on PostgreSQL: a 省/市财政厅（局） over 20 bureaus, COPY bulk loading.

    python bench/bench_province.py                 # small: 200 departments, 200,000 vouchers
    python bench/bench_province.py --full          # 2,000 departments, 10,000,000 vouchers
    python bench/bench_province.py --departments N --vouchers M [--reuse] [--repeat R]

The script (re)creates the PostgreSQL database ``h_province_bench`` on 127.0.0.1:5432 (``--reuse``
keeps a database an earlier run filled), runs the migrations, and fills it: a province with 20
bureaus sharing the departments, 3 budget lines a department, vouchers and their ledger rows
loaded with COPY (psycopg ``cursor.copy``), each line's running totals set from what was loaded,
and for every department the goals (25 indicators: 50,000 at 2,000 departments), activities and
submitted reports of bench_oversight. The spending summary is kept by the database's own
trigger during COPY; the script checks every summary row and every line against the ledger.

A second, small province (one bureau of 10 departments) gives the same pages at another size,
so the query counts can be compared: they must not grow with the number of departments.

It then times, through Django's test client (server time, no network), and beside raw SQL for
the same aggregates: the province overview and one bureau's overview (target < 300 ms median,
warm and cold; cold = the first request on a fresh database connection with nothing remembered in
the process, ``--cold`` times, the slowest shown beside the median), a department's home page
(< 150 ms) and the first page of its voucher list (< 100 ms). 首次 is one more request after the
stored goal readings were deleted: every department's goal evaluated again.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DB_NAME = "h_province_bench"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
YEAR = 2023
BUREAUS = 20
SMALL_DEPARTMENTS = 10
TARGETS = {"province": 300, "bureau": 300, "home": 150, "vouchers": 100}


def child(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from jixiao.apps.orgs.models import Province

    call_command("migrate", verbosity=0, interactive=False)
    if args.reuse and Province.objects.filter(code="BENCH-SHENG").exists():
        print("  沿用已生成的数据库（--reuse）")
    else:
        build(args)
    check_consistency(connection)
    measure(args)


# ---------------------------------------------------------------------------------------------
# Building


def build(args: argparse.Namespace) -> None:
    import datetime as dt
    import random
    from decimal import Decimal

    from bench_oversight import goals_and_reports
    from django.db import connection, transaction
    from django.utils import timezone

    from jixiao.apps.budgets.models import BudgetLine, Project, SanGongBudget
    from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau, Province, Role, User

    rng = random.Random(7)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        province = Province.objects.create(code="BENCH-SHENG", name="基准测试省财政厅")
        small = Province.objects.create(code="BENCH-DUIZHAO", name="对照市财政局（小）")
        bureaus = FinanceBureau.objects.bulk_create(
            [
                FinanceBureau(code=f"BENCH-{i:02d}", name=f"基准测试{i:02d}县财政局", province=province)
                for i in range(BUREAUS)
            ]
            + [FinanceBureau(code="BENCH-DZ", name="对照县财政局", province=small)]
        )
        User.objects.create(username="bench_sheng", role=Role.PROVINCE_STAFF, province=province)
        User.objects.create(username="bench_duizhao", role=Role.PROVINCE_STAFF, province=small)
        staff = User.objects.bulk_create(
            [User(username=f"bench_czj_{b.code}", role=Role.BUREAU_STAFF, bureau=b) for b in bureaus]
        )
        departments = Department.objects.bulk_create(
            [
                Department(
                    bureau=bureaus[i % BUREAUS] if i < args.departments else bureaus[-1],
                    code=f"B{i:05d}",
                    name=f"基准单位{i:05d}",
                    department_type="科协",
                    is_demo=True,
                )
                for i in range(args.departments + SMALL_DEPARTMENTS)
            ]
        )
        User.objects.create(username="bench_dept", role=Role.FINANCE_OFFICER, department=departments[0])
        User.objects.create(
            username="bench_dept_small", role=Role.FINANCE_OFFICER, department=departments[-1]
        )
        DepartmentProfile.objects.bulk_create(
            [
                DepartmentProfile(department=d, year=YEAR, staffing_quota=20, actual_staff=19)
                for d in departments
            ]
        )
        projects = Project.objects.bulk_create(
            [Project(department=d, year=YEAR, code="P01", name="业务专项") for d in departments]
        )
        lines = []
        for d, p in zip(departments, projects, strict=True):
            lines.append(
                BudgetLine(
                    department=d, year=YEAR, func_code="2012901", fund_type="basic_personnel", econ_code="301"
                )
            )
            lines.append(
                BudgetLine(
                    department=d, year=YEAR, func_code="2012901", fund_type="basic_public", econ_code="302"
                )
            )
            lines.append(
                BudgetLine(
                    department=d,
                    year=YEAR,
                    func_code="2012902",
                    fund_type="project",
                    project=p,
                    econ_code="302",
                )
            )
        lines = BudgetLine.objects.bulk_create(lines, batch_size=5000)
        SanGongBudget.objects.bulk_create(
            [
                SanGongBudget(department=d, year=YEAR, item="reception", amount=Decimal("20000.00"))
                for d in departments
            ],
            batch_size=5000,
        )
    print(f"  机构与指标：{time.perf_counter() - started:.1f} s")

    t = time.perf_counter()
    spent = copy_vouchers(connection, lines, args.vouchers, rng, now)
    print(f"  COPY 凭证与账簿：{args.vouchers:,} 张凭证，{time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        rows = []
        for line in lines:
            used = spent.get(line.pk, 0)
            allocated = used * 108 // 100 + 100_000  # 分
            rows.append((line.pk, allocated, used))
        initial = io.StringIO()
        for pk, allocated, _used in rows:
            initial.write(
                f"{pk}\tinitial\t{allocated // 100}.{allocated % 100:02d}\t{YEAR}-01-01\t\t\t{now.isoformat()}\n"
            )
        with cursor.copy(
            "COPY budgets_ledgerentry (line_id, kind, amount, date, doc_no, memo, created_at) FROM STDIN"
        ) as copy:
            copy.write(initial.getvalue())
        cursor.execute(
            "CREATE TEMP TABLE bench_totals (id bigint, allocated bigint, spent bigint) ON COMMIT DROP"
        )
        with cursor.copy("COPY bench_totals FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            "UPDATE budgets_budgetline l SET allocated = t.allocated / 100.0, spent = t.spent / 100.0 "
            "FROM bench_totals t WHERE l.id = t.id"
        )
    print(f"  指标年初数与运行合计：{time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    goals_and_reports(rng, departments, staff[0], now)
    print(f"  绩效目标、活动与报告：{time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  VACUUM ANALYZE：{time.perf_counter() - t:.1f} s；合计 {time.perf_counter() - started:.1f} s")
    del dt


def copy_vouchers(connection, lines, count: int, rng, now) -> dict[int, int]:
    """Vouchers and their 支出 ledger rows by COPY, 500,000 to a statement; returns 分 spent by line.

    Ids are taken from the tables' own sequences up front, so each ledger row names its voucher."""
    econ_for = {
        "basic_personnel": ["30101", "30102"],
        "basic_public": ["30201", "30211", "30217", "30231"],
        "project": ["30227", "30218", "30212"],
    }
    spent: dict[int, int] = {}
    created = now.isoformat()
    columns = (
        "id, department_id, year, date, number, summary, payee, amount, line_id, func_code, econ_code, "
        "fund_type, fund_source, project_id, is_demo, created_at"
    )
    chunk = 500_000
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('budgets_voucher', 'id'))")
        first = cursor.fetchone()[0]
        cursor.execute("SELECT setval(pg_get_serial_sequence('budgets_voucher', 'id'), %s)", [first + count])
    per_line = count // len(lines)
    extra = count - per_line * len(lines)
    plan = [(line, per_line + (1 if i < extra else 0)) for i, line in enumerate(lines)]
    voucher_id = first
    source = lines[0].fund_source
    vbuf, lbuf, in_chunk = io.StringIO(), io.StringIO(), 0

    def flush() -> None:
        nonlocal vbuf, lbuf, in_chunk
        if not in_chunk:
            return
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY budgets_voucher ({columns}) FROM STDIN") as copy:
                copy.write(vbuf.getvalue())
            with cursor.copy(
                "COPY budgets_ledgerentry (line_id, kind, amount, date, voucher_id, doc_no, memo, created_at) "
                "FROM STDIN"
            ) as copy:
                copy.write(lbuf.getvalue())
        vbuf, lbuf, in_chunk = io.StringIO(), io.StringIO(), 0

    randint, choice = rng.randint, rng.choice
    for line, n in plan:
        econs = econ_for[line.fund_type]
        project = str(line.project_id) if line.project_id else r"\N"
        total = 0
        head = f"{line.department_id}\t{YEAR}\t"
        for number in range(n):
            cents = randint(100, 500_000)
            total += cents
            date = f"{YEAR}-{randint(1, 12):02d}-{randint(1, 28):02d}"
            amount = f"{cents // 100}.{cents % 100:02d}"
            vbuf.write(
                f"{voucher_id}\t{head}{date}\tL{line.pk}-{number:06d}\t基准测试支出\t\t{amount}\t{line.pk}\t"
                f"{line.func_code}\t{choice(econs)}\t{line.fund_type}\t{source}\t{project}\tt\t{created}\n"
            )
            lbuf.write(f"{line.pk}\texpenditure\t{amount}\t{date}\t{voucher_id}\t\t\t{created}\n")
            voucher_id += 1
            in_chunk += 1
            if in_chunk >= chunk:
                flush()
        spent[line.pk] = total
    flush()
    return spent


def check_consistency(connection) -> None:
    """Every summary row equals its vouchers' sum, every line's 已支出 its ledger's sum."""
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM (
              SELECT department_id, year, econ_code, SUM(amount) AS amount, COUNT(*) AS n
              FROM budgets_voucher GROUP BY 1, 2, 3
            ) v FULL JOIN budgets_spendingsummary s USING (department_id, year, econ_code)
            WHERE s.amount IS DISTINCT FROM v.amount OR s.vouchers IS DISTINCT FROM v.n
            """
        )
        bad_summary = cursor.fetchone()[0]
        cursor.execute(
            """
            SELECT count(*) FROM budgets_budgetline l LEFT JOIN (
              SELECT line_id,
                     SUM(amount) FILTER (WHERE kind IN ('expenditure', 'reversal')) AS spent,
                     SUM(amount) FILTER (WHERE kind = 'initial') AS allocated
              FROM budgets_ledgerentry GROUP BY line_id
            ) e ON e.line_id = l.id
            WHERE l.spent <> COALESCE(e.spent, 0) OR l.allocated <> COALESCE(e.allocated, 0)
            """
        )
        bad_lines = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM budgets_spendingsummary")
        summaries = cursor.fetchone()[0]
    print(
        f"  一致性：{summaries:,} 行支出汇总与凭证合计不符 {bad_summary} 行；预算指标运行合计与账簿不符 "
        f"{bad_lines} 行（{time.perf_counter() - t:.1f} s）"
    )
    if bad_summary or bad_lines:
        raise SystemExit("汇总与账簿不一致")


# ---------------------------------------------------------------------------------------------
# Measuring


def measure(args: argparse.Namespace) -> None:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from jixiao.apps.budgets.models import Voucher
    from jixiao.apps.goals import overview
    from jixiao.apps.goals.models import GoalIndicator, GoalProgressSummary
    from jixiao.apps.orgs.models import Department, FinanceBureau, User

    departments = Department.objects.filter(bureau__province__code="BENCH-SHENG").count()
    print(
        f"  数据：{departments:,} 个单位、{BUREAUS} 个财政局，{Voucher.objects.count():,} 张凭证，"
        f"{GoalIndicator.objects.count():,} 个绩效指标"
    )
    big_bureau = FinanceBureau.objects.get(code="BENCH-00")
    small_bureau = FinanceBureau.objects.get(code="BENCH-DZ")
    big_dept = User.objects.get(username="bench_dept").department
    query = f"?year={YEAR}"
    pages = {
        "province": (
            "各财政局概览",
            "bench_sheng",
            "bench_duizhao",
            reverse("oversight:province") + query,
            None,
        ),
        "bureau": (
            "一个财政局的全局概览",
            "bench_sheng",
            "bench_duizhao",
            reverse("oversight:bureau", args=[big_bureau.pk]) + query,
            reverse("oversight:bureau", args=[small_bureau.pk]) + query,
        ),
        "home": ("单位首页（预算执行情况）", "bench_dept", "bench_dept_small", reverse("home") + query, None),
        "vouchers": (
            "凭证列表第一页",
            "bench_dept",
            "bench_dept_small",
            reverse("budgets:voucher-list") + query,
            None,
        ),
    }
    raw = {
        "province": lambda c: raw_province(c),
        "bureau": lambda c: raw_bureau(c, big_bureau.pk),
        "home": lambda c: raw_home(c, big_dept.pk),
        "vouchers": lambda c: raw_vouchers(c, big_dept.pk),
    }
    med = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    results = []
    for key, (label, user, small_user, url, small_url) in pages.items():
        client = Client()
        client.force_login(User.objects.get(username=user))
        # First: nothing stored yet (every department's goal evaluated, as after a change to every
        # department's data); then cold: a fresh connection and process memory, readings stored.
        GoalProgressSummary.objects.all().delete()
        connection.close()
        overview.forget_evaluations()
        t = time.perf_counter()
        assert client.get(url).status_code == 200
        first = time.perf_counter() - t
        cold = []
        for _ in range(args.cold):
            connection.close()  # a fresh connection, nothing remembered in the process
            overview.forget_evaluations()
            t = time.perf_counter()
            response = client.get(url)
            cold.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, response.status_code)
        warm = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            client.get(url)
            warm.append(time.perf_counter() - t)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = len(captured)
        small_client = Client()
        small_client.force_login(User.objects.get(username=small_user))
        small_client.get(small_url or url)
        with CaptureQueriesContext(connection) as captured:
            response = small_client.get(small_url or url)
        assert response.status_code == 200
        small_queries = len(captured)
        raw_times = []
        for _ in range(args.repeat):
            with connection.cursor() as cursor:
                t = time.perf_counter()
                raw[key](cursor)
                raw_times.append(time.perf_counter() - t)
        results.append(
            (
                key,
                label,
                med(warm),
                med(cold),
                max(cold) * 1000,
                first * 1000,
                med(raw_times),
                queries,
                small_queries,
            )
        )
        reset_queries()
    # The selector behind the voucher list's first page (50 rows and the filtered total), without
    # the template: what a paged list costs whatever the department's voucher count.
    from django.db.models import Sum

    from jixiao.apps.budgets.selectors import vouchers_for

    dept_user = User.objects.get(username="bench_dept")
    first_page = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        chosen = vouchers_for(user=dept_user, department=big_dept, year=YEAR).order_by("-date", "-id")
        list(chosen[:50])
        chosen.aggregate(total=Sum("amount"))
        first_page.append(time.perf_counter() - t)
    scope = {
        "province": f"{departments} 个单位",
        "bureau": f"{departments // BUREAUS} 个单位",
        "home": f"{Voucher.objects.filter(department=big_dept).count():,} 张凭证",
        "vouchers": f"{Voucher.objects.filter(department=big_dept).count():,} 张凭证",
    }
    print()
    print(
        f"  {'页面':<14}{'范围':>12}{'中位数 ms':>11}{'冷启动 ms':>11}{'冷最慢 ms':>11}{'首次 ms':>10}"
        f"{'原始SQL ms':>12}{'比值':>7}{'目标 ms':>9}  {'结论':<6}{'查询次数（大/小）':>14}"
    )
    for key, label, warm, cold, slowest, first, raw_ms, queries, small_queries in results:
        target = TARGETS[key]
        verdict = "达标" if warm < target and cold < target else f"差 {max(warm, cold) - target:.0f} ms"
        print(
            f"  {label:<14}{scope[key]:>12}{warm:>11.1f}{cold:>11.1f}{slowest:>11.1f}{first:>10.1f}"
            f"{raw_ms:>12.1f}{warm / raw_ms:>7.1f}{target:>9}  {verdict:<6}{queries:>8} / {small_queries}"
        )
    print(f"  凭证列表第一页的选择器（前50张及合计，不含模板）中位数：{med(first_page):.1f} ms")
    print(
        f"  （冷启动：新数据库连接、进程内什么都未记住时的第一次请求，{args.cold} 次的中位数（目标按中位数），"
        f"最慢一次另列；"
        f"首次：另外先删去已存的目标监控结果，每个单位的目标都重新计算（如每个单位的数据都变了）；"
        f"查询次数的“小”为对照省：1 个财政局、{SMALL_DEPARTMENTS} 个单位）"
    )


def raw_province(cursor) -> None:
    cursor.execute(
        """
        SELECT d.bureau_id, l.fund_type, SUM(l.allocated + l.adjusted + l.transferred_in - l.transferred_out),
               SUM(l.spent)
        FROM budgets_budgetline l JOIN orgs_department d ON d.id = l.department_id
        JOIN orgs_financebureau b ON b.id = d.bureau_id
        WHERE b.province_id = (SELECT id FROM orgs_province WHERE code = 'BENCH-SHENG') AND l.year = %s
        GROUP BY 1, 2
        """,
        [YEAR],
    )
    cursor.fetchall()
    cursor.execute(
        """
        SELECT d.bureau_id, SUM(s.amount) FROM budgets_spendingsummary s
        JOIN orgs_department d ON d.id = s.department_id
        WHERE s.year IN (%s, %s) AND s.econ_code IN ('30212', '30217', '30231', '31013') GROUP BY 1
        """,
        [YEAR, YEAR - 1],
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT d.bureau_id, COUNT(DISTINCT r.department_id) FROM oversight_reportsubmission r "
        "JOIN orgs_department d ON d.id = r.department_id WHERE r.year = %s GROUP BY 1",
        [YEAR],
    )
    cursor.fetchall()


def raw_bureau(cursor, bureau_id: int) -> None:
    ids = "SELECT id FROM orgs_department WHERE bureau_id = %s"
    cursor.execute(
        f"SELECT department_id, fund_type, SUM(allocated), SUM(spent) FROM budgets_budgetline "
        f"WHERE year = %s AND department_id IN ({ids}) GROUP BY 1, 2",
        [YEAR, bureau_id],
    )
    cursor.fetchall()
    cursor.execute(
        f"SELECT department_id, year, SUM(amount) FROM budgets_spendingsummary WHERE year IN (%s, %s) "
        f"AND econ_code IN ('30212','30217','30231','31013') AND department_id IN ({ids}) GROUP BY 1, 2",
        [YEAR, YEAR - 1, bureau_id],
    )
    cursor.fetchall()
    cursor.execute(
        f"SELECT i.goal_id, i.name, i.target, i.unit, i.code FROM goals_goalindicator i "
        f"JOIN goals_goal g ON g.id = i.goal_id WHERE g.year = %s AND g.department_id IN ({ids})",
        [YEAR, bureau_id],
    )
    cursor.fetchall()
    cursor.execute(
        f"SELECT a.department_id, o.output_key, SUM(o.value) FROM goals_activityoutput o "
        f"JOIN goals_activity a ON a.id = o.activity_id WHERE a.year = %s AND a.department_id IN ({ids}) "
        f"GROUP BY 1, 2",
        [YEAR, bureau_id],
    )
    cursor.fetchall()
    cursor.execute(
        f"SELECT department_id, version, state, self_score FROM oversight_reportsubmission "
        f"WHERE year = %s AND department_id IN ({ids})",
        [YEAR, bureau_id],
    )
    cursor.fetchall()


def raw_home(cursor, department_id: int) -> None:
    cursor.execute(
        "SELECT id, fund_type, func_code, econ_code, allocated, adjusted, transferred_in, transferred_out, "
        "spent, committed FROM budgets_budgetline WHERE department_id = %s AND year = %s",
        [department_id, YEAR],
    )
    cursor.fetchall()


def raw_vouchers(cursor, department_id: int) -> None:
    cursor.execute(
        "SELECT COUNT(*), SUM(amount) FROM budgets_voucher WHERE department_id = %s AND year = %s",
        [department_id, YEAR],
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT id, date, number, summary, amount, econ_code FROM budgets_voucher "
        "WHERE department_id = %s AND year = %s ORDER BY date DESC, id DESC LIMIT 50",
        [department_id, YEAR],
    )
    cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description="省级规模基准（PostgreSQL，COPY 批量装载）")
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--vouchers", type=int, default=200_000)
    parser.add_argument("--full", action="store_true", help="2,000 个单位、10,000,000 张凭证")
    parser.add_argument("--reuse", action="store_true", help="沿用已生成的 h_province_bench，只测量")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.full:
        args.departments, args.vouchers = 2000, 10_000_000
    if args.child:
        child(args)
        return
    if not args.reuse:
        subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True)
        subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"CREATE DATABASE {DB_NAME}"], check=True)
    env = dict(os.environ, DATABASE_URL=DB_URL)
    print(f"== postgres {DB_NAME}：{args.departments:,} 个单位，{args.vouchers:,} 张凭证")
    cmd = [
        sys.executable,
        __file__,
        "--child",
        f"--departments={args.departments}",
        f"--vouchers={args.vouchers}",
        f"--repeat={args.repeat}",
        f"--cold={args.cold}",
    ]
    if args.reuse:
        cmd.append("--reuse")
    subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
