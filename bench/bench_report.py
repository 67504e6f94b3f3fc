"""Annual report speed, from data to .docx (with its three charts).

    python bench/bench_report.py [--database sqlite:////path/demo.sqlite3] [--batch 200] [--runs 7]
                                 [--rounds 2] [--skip-db]

1. One department from the database: selectors (facts, score, problems) → compose → .docx,
   timed ``--runs`` times on the demo department's 2023 data; prints the median against the
   1 s target. Without ``--database`` a fresh demo database is built in a temp dir first.
   Prints where the time goes: the selectors (report_inputs), compose, the .docx (and, timed
   again on their own, its three charts). Nothing of a report is cached between runs: what
   each process keeps is its set-up (imports, the CJK font, the empty 公文 template).
2. A batch of ``--batch`` departments (synthetic facts, varied per department): facts → score
   → problems → compose → .docx, with 1 and 2 warm worker processes alternating over
   ``--rounds``, side by side with a pure-Python calibration of the machine at that moment;
   prints both wall times, the speed-up against the 1.7× target, and the load (bench/_scaling.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._scaling import compare, load_text  # noqa: E402

# --- 1. one department from the database ---------------------------------------------------------


def one_department(database: str | None, runs: int) -> float:
    tmp = None
    if database is None:
        tmp = tempfile.TemporaryDirectory()
        database = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.config.settings.base")
    import django

    django.setup()
    from jixiao.apps.orgs.models import Department

    if tmp is not None or not Department.objects.filter(is_demo=True).exists():
        from django.core.management import call_command

        from jixiao.apps.demo.builder import demo_build

        call_command("migrate", verbosity=0, interactive=False)
        print("正在生成演示数据库……", flush=True)
        demo_build()
    from jixiao.apps.reports.selectors import report_inputs
    from jixiao.domain.report.compose import compose_evaluation_report
    from jixiao.formats import charts
    from jixiao.formats.docx_writer import render_docx

    department = Department.objects.get(name="常宁市科学技术协会")
    render_docx(compose_evaluation_report(report_inputs(department=department, year=2023)))  # warm-up (fonts)
    stages: dict[str, list[float]] = {
        "selectors": [],
        "compose": [],
        "docx": [],
        "total": [],
        "charts": [],
        "cpu": [],
    }
    size = 0
    print(f"单个单位：系统负载（1/5/15 分钟）{load_text()}", flush=True)
    for _ in range(runs):
        cpu_started = time.process_time()
        started = time.perf_counter()
        inputs = report_inputs(department=department, year=2023)
        selected = time.perf_counter()
        report = compose_evaluation_report(inputs)
        composed = time.perf_counter()
        data = render_docx(report)
        done = time.perf_counter()
        stages["cpu"].append(time.process_time() - cpu_started)
        size = len(data)
        for stage, seconds in (
            ("selectors", selected - started),
            ("compose", composed - selected),
            ("docx", done - composed),
            ("total", done - started),
        ):
            stages[stage].append(seconds)
        # the three charts once more on their own, outside the total: how much of "docx" they are
        drawn = list(_charts((*report.sections, *report.annexes)))
        started = time.perf_counter()
        for chart in drawn:
            charts.chart_png(chart)
        stages["charts"].append(time.perf_counter() - started)
    median = {stage: statistics.median(values) * 1000 for stage, values in stages.items()}
    print(
        f"单个单位（数据库→.docx，含{len(drawn)}张图，不缓存任何报告内容）：中位数 {median['total']:.0f} ms"
        f"（{runs}次，最快 {min(stages['total']) * 1000:.0f} ms，文件 {size // 1024} KB），"
        f"目标 < 1000 ms：{'达到' if median['total'] < 1000 else '未达到'}；本进程 CPU 时间中位数 {median['cpu']:.0f} ms"
    )
    print(
        f"  其中：查询（report_inputs）{median['selectors']:.0f} ms，组稿 {median['compose']:.0f} ms，"
        f"生成 .docx {median['docx']:.0f} ms（{len(drawn)}张图单独计时 {median['charts']:.0f} ms）"
    )
    print(f"单个单位后：系统负载（1/5/15 分钟）{load_text()}")
    return median["total"] / 1000


def _charts(blocks):
    from jixiao.domain.report.document import Chart

    for block in blocks:
        if isinstance(block, Chart):
            yield block
        yield from _charts(getattr(block, "children", ()))


# --- 2. a batch of synthetic departments ---------------------------------------------------------


def synthetic_inputs(index: int):
    from jixiao.domain.facts import BudgetLine
    from jixiao.domain.problems import derive_problems, derive_suggestions
    from jixiao.domain.report.inputs import (
        DepartmentProfileInputs,
        ExecutionLine,
        InternalUnit,
        ProjectSummary,
        ReportInputs,
    )
    from jixiao.domain.scoring import load_framework, score_department
    from tests.domain.scoring.demo import changning_kexie_2023

    base = changning_kexie_2023()
    factor = Decimal(100 + index % 37) / Decimal(100)

    def scaled(line: BudgetLine) -> BudgetLine:
        return replace(
            line,
            initial=(line.initial * factor).quantize(Decimal("0.01")),
            actual=None if line.actual is None else (line.actual * factor).quantize(Decimal("0.01")),
        )

    facts = replace(
        base,
        department=f"合成单位{index:03d}",
        basic_personnel=scaled(base.basic_personnel),
        basic_public=scaled(base.basic_public),
        projects=tuple(replace(p, line=scaled(p.line)) for p in base.projects),
    )
    framework = load_framework(authority="湖南省", year=2023)
    problems = derive_problems(facts, framework)

    def row(label, line, depth=0, total=False):
        return ExecutionLine(label, line.initial, line.adjusted, line.actual or Decimal(0), depth, total)

    execution = (
        row("基本支出", facts.basic),
        row("人员经费", facts.basic_personnel, 1),
        row("公用经费", facts.basic_public, 1),
        row("项目支出", facts.project_total),
        *(row(p.name, p.line, 1) for p in facts.projects),
        row("合计", facts.total, total=True),
    )
    monthly = tuple((facts.total.actual / 12).quantize(Decimal("0.01")) for _ in range(12))
    return ReportInputs(
        department=facts.department,
        year=2023,
        as_of=date(2024, 3, 31),
        profile=DepartmentProfileInputs(
            name=facts.department,
            nature="财政全额拨款单位",
            duties="主要承担本单位法定职责",
            staffing_quota=facts.staff_quota,
            actual_staff=facts.staff_actual,
            actual_staff_previous=facts.staff_actual_previous,
            retired=facts.retired,
            internal_units=(InternalUnit("办公室", "股室"), InternalUnit("业务股", "股室")),
        ),
        section_two=(f"1.2023年，本部门年初预算支出{facts.total.initial}元。",),
        execution=execution,
        facts=facts,
        score=score_department(facts, framework),
        problems=problems,
        suggestions=derive_suggestions(problems),
        monthly_spending=monthly,
        projects=tuple(
            ProjectSummary(
                p.name, p.line.initial, p.line.adjusted, p.line.actual or Decimal(0), is_key=p.is_key
            )
            for p in facts.projects
        ),
        demo=True,
    )


def render_one(index: int) -> int:
    from jixiao.domain.report.compose import compose_evaluation_report
    from jixiao.formats.docx_writer import render_docx

    return len(render_docx(compose_evaluation_report(synthetic_inputs(index))))


def warm() -> None:
    """Imports, the CJK font, the 公文 template: once per worker, before the clock starts."""
    render_one(10_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument(
        "--rounds", type=int, default=2, help="1- and 2-worker batches alternate; best of each"
    )
    parser.add_argument("--skip-db", action="store_true")
    args = parser.parse_args()
    print(f"CPU：{os.cpu_count()} 核")
    if args.batch:
        compare(args.batch, render_one, warm, rounds=args.rounds)
    if not args.skip_db:
        one_department(args.database, args.runs)


if __name__ == "__main__":
    main()
