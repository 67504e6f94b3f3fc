"""Benchmark of the report checker on the probe set (tests/data/checker_probe).

The probe set is short report texts written by helpers who never read the checker's rules, each with
planted defects of the kinds issue 17 names (totals against listed items, one figure stated twice,
claims against rates, balances, percentages, numbering, titles, leftover template text) and with
statements that look wrong but are consistent. It measures whether the rules reach other wordings of
those kinds than the real reports they were tuned on. Its held-out quarter (held_out: true, drawn with
a fixed seed before the checker first ran on the set) and its third round (p8–p10, written while the
second round was being tuned on, all held out) are reported apart and never listed item by item.

Prints, like bench_checker_recall.py, recall by kind and false errors and warnings per 20 reports:

    python bench/bench_checker_probe.py [--verbose]

This is a benchmark, not a test: it prints numbers and never fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_checker_recall import report, score  # noqa: E402

from tests.domain.checker.eval_sets import DATA, load  # noqa: E402

PROBE = DATA / "checker_probe"


_ROUND = "零一二三四五六七八九十"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="列出调规则部分的每个漏报和误报")
    args = parser.parse_args()
    files = load(PROBE, "annotations_*.yaml")
    texts = {name: (PROBE / name).read_text(encoding="utf-8") for name in files}
    tuning = {n: m for n, m in files.items() if not m["held_out"]}
    held = {n: m for n, m in files.items() if m["held_out"]}
    print(
        f"报告体检探针集 {PROBE.relative_to(ROOT)}：{len(files)} 份（调规则用 {len(tuning)} 份，留出 {len(held)} 份）"
    )
    report("全部", score(files, texts, verbose=False))
    if args.verbose:
        print("调规则部分：")
    report("调规则部分", score(tuning, texts, args.verbose))
    for batch, first_run in ((2, "61%"), (3, "45%"), (4, "39%"), (5, "54%"), (6, "57%"), (7, "49%")):
        part = {n: m for n, m in tuning.items() if m.get("batch", 1) == batch}
        report(
            f"其中第{_ROUND[batch]}轮（第一次运行 {first_run}，之后改作调规则用）",
            score(part, texts, verbose=False),
        )
    first = {n: m for n, m in held.items() if m.get("batch", 1) == 1}
    report("留出部分（第一轮：抽出后才第一次运行检查器，不逐条列出）", score(first, texts, verbose=False))
    for batch in sorted({m.get("batch", 1) for m in held.values()} - {1}):
        part = {n: m for n, m in held.items() if m.get("batch", 1) == batch}
        report(
            f"留出部分（第{_ROUND[batch]}轮：前几轮调规则之后才写，全部留出，不逐条列出）",
            score(part, texts, verbose=False),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
