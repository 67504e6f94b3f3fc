"""Benchmark: how fast a department's full .docx (with its three charts) is rendered.

    python bench/bench_report_render.py [--runs 15] [--departments 200]

Prints
- the median time of one department's .docx (seven sections, the 决算 table, three charts,
  two annexes), over ``--runs`` builds (target < 1 s);
- a batch of ``--departments`` reports rendered by a process pool of 1 worker and of 2 workers,
  measured side by side, and the speed-up (target ≥ 1.7× on two cores).

Each department gets its own figures, so no chart is drawn twice; what a process keeps between
reports is its set-up only (imports, the CJK font found by ``charts.cjk_font``, the empty 公文
template), which every worker warms before the clock starts. The batch is measured by
bench/_scaling.py: warm pools, 1 and 2 workers alternating, a pure-Python calibration of the
machine at the same moment, and the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._scaling import compare, load_text
from jixiao.domain.money import rate_text, wan, wan_fixed
from jixiao.domain.report.chart_data import (
    budget_composition_chart,
    monthly_execution_chart,
    year_on_year_chart,
)
from jixiao.domain.report.document import (
    Annex,
    Chart,
    HeaderCell,
    Paragraph,
    Report,
    ReportMetadata,
    Section,
    Table,
)
from jixiao.domain.wording import amount_with_change, change_text
from jixiao.formats import charts
from jixiao.formats.docx_writer import render_docx

OUTLINE = (
    "部门概况",
    "部门整体支出情况",
    "部门专项组织实施情况",
    "资产管理情况",
    "部门整体支出绩效情况",
    "存在的主要问题",
    "改进措施和建议",
)


def department_report(index: int) -> Report:
    """A plausible department report whose figures depend on ``index``."""
    step = Decimal(index * 1373)
    personnel = Decimal("1234600.00") + step
    public = Decimal("409400.00") + step / 3
    project = Decimal("440000.00") + step * 2
    basic = personnel + public
    total = basic + project
    last_basic, last_project = basic * Decimal("0.9"), project * Decimal("1.1")
    adjusted_basic, adjusted_project = basic + Decimal("79500.00"), project + Decimal("25000.00")
    spent_basic, spent_project = adjusted_basic - Decimal("22300.00"), adjusted_project - Decimal("27000.00")
    name = f"示范县第{index + 1}部门"
    rows = []
    for label, budget, adjusted, spent in (
        ("基本支出", basic, adjusted_basic, spent_basic),
        ("项目支出", project, adjusted_project, spent_project),
        ("合计", total, adjusted_basic + adjusted_project, spent_basic + spent_project),
    ):
        rows.append(
            (label, wan_fixed(budget), wan_fixed(adjusted), wan_fixed(spent), rate_text(spent, adjusted))
        )
    table = Table(
        caption="预算及决算执行情况",
        unit="单位：万元",
        header_rows=(
            (
                HeaderCell("项目", rowspan=2),
                HeaderCell("预算数", colspan=2),
                HeaderCell("决算数", rowspan=2),
                HeaderCell("执行率", rowspan=2),
            ),
            (HeaderCell("年初预算"), HeaderCell("调整后预算")),
        ),
        body_rows=tuple(rows),
        total_row=True,
        number_columns=(1, 2, 3, 4),
    )
    monthly = [
        (adjusted_basic + adjusted_project) * Decimal(w) / Decimal(100)
        for w in (6, 7, 8, 8, 8, 9, 8, 8, 9, 8, 9, 10)
    ]
    monthly = [m.quantize(Decimal("0.01")) for m in monthly]
    figures = (
        budget_composition_chart(personnel=personnel, public=public, project=project, year=2023),
        year_on_year_chart([("基本支出", basic, last_basic), ("项目支出", project, last_project)], year=2023),
        monthly_execution_chart(monthly, budget=adjusted_basic + adjusted_project, year=2023),
    )
    prose = (
        f"2023年，本部门年初预算支出{wan(total)}，{change_text(total, last_basic + last_project)}。"
        f"其中：{amount_with_change('基本支出年初预算', basic, last_basic)}；"
        f"{amount_with_change('项目支出年初预算', project, last_project)}。"
    )
    filler = "本部门严格执行预算，按照专款专用的原则支付和使用资金，定期对项目实施进度开展督查。" * 3
    sections = []
    for i, title in enumerate(OUTLINE):
        children: list = [Paragraph.of(filler)]
        if i == 1:
            children = [Section(3, "", (Paragraph.of(prose),), run_in=True), table, figures[0], figures[1]]
        if i == 2:
            children = [
                Section(2, "专项组织情况分析", (Paragraph.of(filler),)),
                Section(2, "专项管理情况分析", (Paragraph.of(filler), figures[2])),
            ]
        sections.append(Section(1, title, tuple(children)))
    annex_rows = tuple((label, *values, "—", "—", "—", "—") for label, *values in rows)
    annex = Table(
        caption="",
        unit="单位：万元",
        header_rows=(
            tuple(
                HeaderCell(h)
                for h in (
                    "指标",
                    "年初预算",
                    "调整后预算",
                    "决算数",
                    "执行率",
                    "上年决算",
                    "增减额",
                    "增减率",
                    "备注",
                )
            ),
        ),
        body_rows=annex_rows,
        total_row=True,
        number_columns=tuple(range(1, 8)),
    )
    return Report(
        title=f"2023年度{name}整体支出绩效评价报告",
        year=2023,
        department=name,
        sections=tuple(sections),
        signature=name,
        date=date(2024, 3, 5),
        annexes=(Annex("部门整体支出绩效评价基础数据表", (annex,)),),
        metadata=ReportMetadata(demo=True),
    )


def render_one(index: int) -> int:
    return len(render_docx(department_report(index)))


def warm() -> None:
    """Imports, the CJK font, the 公文 template: once per worker, before the clock starts."""
    render_one(10_000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="batch rounds; 1 and 2 workers alternate and the best of each is kept (other load on the machine hits both alike)",
    )
    args = parser.parse_args()

    font = charts.cjk_font()
    print(f"机器：{os.cpu_count()} 个 CPU；中文字体：{font.name if font else '无'}；系统负载 {load_text()}")
    warm()
    times = []
    cpu_times = []
    chart_times = []
    size = 0
    for run in range(args.runs):
        report = department_report(run + 1)  # each run its own figures: no chart is drawn twice
        cpu_started = time.process_time()
        started = time.perf_counter()
        size = len(render_docx(report))
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
        drawn = list(_charts(report.sections))
        started = time.perf_counter()
        for chart in drawn:
            charts.chart_png(chart)
        chart_times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(
        f"单个部门 .docx（含3张图）：中位数 {median:.3f} s（{args.runs} 次，最快 {min(times):.3f} s，最慢 {max(times):.3f} s，{size // 1024} KB）"
        f" — 目标 < 1 s：{'达到' if median < 1 else '未达到'}；本进程 CPU 时间中位数 {statistics.median(cpu_times):.3f} s，"
        f"其中3张图单独计时中位数 {statistics.median(chart_times):.3f} s"
    )
    if args.departments:
        compare(args.departments, render_one, warm, rounds=args.rounds)
    return 0


def _charts(blocks):
    for block in blocks:
        if isinstance(block, Chart):
            yield block
        yield from _charts(getattr(block, "children", ()))


if __name__ == "__main__":
    raise SystemExit(main())
