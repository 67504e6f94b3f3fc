"""Benchmark of the report checker (报告体检): seed-sized reports checked per second on one core.

The text is read once; only ``check_text`` is timed (parsing, extraction, every rule, figures).
Runs several rounds and prints each, plus the best and the median, in wall time and in CPU time
(the CPU time counts only this process, so it holds on a loaded machine; the load is printed).
The target (issue 17) is ≥ 500 seed-sized reports per second on one core.

    python bench/bench_checker.py [--reports 400] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.domain.checker import check_text  # noqa: E402

SEED = ROOT / "tests" / "domain" / "checker" / "texts" / "2023-changning-kexie-report.txt"
CORPUS = sorted((ROOT / "tests" / "domain" / "checker" / "texts").glob("[0-9][0-9]_*.txt"))
TARGET = 500


def one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"固定在 CPU {core}"
    return "未固定 CPU"


def rate(texts: list[str], count: int) -> tuple[float, float]:
    """(reports per second of wall time, reports per second of CPU time) for ``count`` checks."""
    wall, cpu = time.perf_counter(), time.process_time()
    for index in range(count):
        check_text(texts[index % len(texts)])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return count / wall, count / cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pin", action="store_true", help="固定在一个 CPU 上运行（机器空闲时用）")
    args = parser.parse_args()
    pinned = one_core() if args.pin else "单线程（一个核）"
    seed = SEED.read_text(encoding="utf-8")
    corpus = [p.read_text(encoding="utf-8") for p in CORPUS]
    check_text(seed)  # load the YAML reference data once, as a running system would
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"报告体检基准：种子报告 {len(seed)} 字，每轮 {args.reports} 份，{args.rounds} 轮，{pinned}，"
        f"开始时机器负载 {load:.1f}（{os.cpu_count()} 核）"
    )
    walls, cpus = [], []
    for number in range(1, args.rounds + 1):
        wall, cpu = rate([seed], args.reports)
        walls.append(wall)
        cpus.append(cpu)
        print(f"  第{number}轮：{wall:7.1f} 份/秒（墙钟）  {cpu:7.1f} 份/秒（CPU）")
    best, median = max(walls), statistics.median(walls)
    best_cpu, median_cpu = max(cpus), statistics.median(cpus)
    print(
        f"种子报告（墙钟）：最好 {best:.1f} 份/秒，中位数 {median:.1f} 份/秒（每份 {1000 / median:.2f} 毫秒）"
    )
    print(
        f"种子报告（CPU）：最好 {best_cpu:.1f} 份/秒，中位数 {median_cpu:.1f} 份/秒（每份 {1000 / median_cpu:.2f} 毫秒）"
    )
    print(
        f"目标 ≥ {TARGET} 份/秒（一个核）：按 CPU 时间中位数 {'达到' if median_cpu >= TARGET else '未达到'}"
        f"（{median_cpu / TARGET:.2f} 倍）；按墙钟最好一轮 {'达到' if best >= TARGET else '未达到'}（{best / TARGET:.2f} 倍）。"
        "机器上有其他进程时墙钟数字偏低，CPU 时间只算本进程真正在核上运行的时间"
    )
    cpu = time.process_time()
    for _ in range(args.reports):
        check_text(seed).figures  # noqa: B018 - the figures list a JSON export also asks for
    with_figures = args.reports / (time.process_time() - cpu)
    print(f"种子报告连同数字清单（--format json 时才生成）：{with_figures:.1f} 份/秒（CPU）")
    wall, cpu = rate(corpus, args.reports)
    average = sum(map(len, corpus)) // len(corpus)
    print(
        f"语料开头段（{len(corpus)} 份，平均 {average} 字）：{wall:.1f} 份/秒（墙钟），{cpu:.1f} 份/秒（CPU）"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
