"""Where the checker loses the figures of hand-found defects: for every quoted place of a defect of
the arithmetic kinds (conflict, total.items, rate, claim.rate, balance, breakdown), is a number
parsed there at all, is it in the figure table (``context.figures``), and has it a role there?

The issue's design asks for a figure table of every figure with its label, role, unit and place;
this prints how far the table reaches the places the rules must reach, part by part (the probe
set's tuning part and each held-out round; the eval set's tuning part and its held-out part).
Held-out parts print totals only; ``--verbose`` lists the tuning part's places one by one.

    python bench/bench_figure_coverage.py [--kinds conflict,rate] [--verbose]

This is a benchmark, not a test: it prints numbers and never fails.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.domain.checker.api import CheckContext, default_checker_data, detect_report_type, parse  # noqa: E402
from tests.domain.checker.eval_sets import DATA, load, spans  # noqa: E402

KINDS = ("conflict", "total.items", "rate", "claim.rate", "balance", "breakdown")
STAGES = (
    ("quote", "引文在规范化文本中找不到"),
    ("unparsed", "引文处没有读出数字"),
    ("outside", "读出了数字，但不在数字表里（数字表只收金额）"),
    ("no_role", "在数字表里，没有口径"),
    ("role", "在数字表里，有口径"),
)


def places(folder: Path, files: dict, kinds: set[str], verbose: bool) -> Counter:
    """How many quoted places of the defects of ``kinds`` stop at each stage."""
    data = default_checker_data()
    stages: Counter = Counter()
    for name, meta in files.items():
        text = (folder / name).read_text(encoding="utf-8")
        report = parse(text, data)
        context = CheckContext.build(report, data, data.report_types[detect_report_type(text, data)])
        figures = context.figures.figs
        for defect in meta["defects"]:
            if defect["kind"] not in kinds:
                continue
            for quote in (defect["quote"], *defect.get("also", [])):
                found = spans(report.text, [quote])
                if not found:
                    stages["quote"] += 1
                    continue
                start, end = found[0]
                inside = [f for f in figures if start <= f.start < end]
                if inside:
                    stage = "role" if inside[-1].role else "no_role"
                elif any(start <= q.start < end for q in report.quantities):
                    stage = "outside"
                else:
                    stage = "unparsed"
                stages[stage] += 1
                if verbose and not meta["held_out"]:
                    shown = f"，标签“{inside[-1].label}”口径“{inside[-1].role}”" if inside else ""
                    print(f"  {name} [{defect['kind']}] {quote[:30]!r}：{stage}{shown}")
    return stages


def show(title: str, stages: Counter) -> None:
    total = sum(stages.values())
    print(f"{title}：{total} 处")
    for key, words in STAGES:
        share = f"{100 * stages[key] / total:.0f}%" if total else "—"
        print(f"    {words:<28} {stages[key]:4}（{share}）")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kinds", default=",".join(KINDS), help="问题种类，逗号分隔")
    parser.add_argument("--verbose", action="store_true", help="逐处列出调规则部分")
    args = parser.parse_args()
    kinds = set(args.kinds.split(","))
    probe_folder, eval_folder = DATA / "checker_probe", DATA / "checker_eval"
    probe = load(probe_folder, "annotations_*.yaml")
    evaluation = load(eval_folder)
    print(f"数字表覆盖：{'、'.join(sorted(kinds))} 各问题的引文处")
    show("探针集调规则部分", places(probe_folder, _part(probe, False), kinds, args.verbose))
    for batch in sorted({m.get("batch", 1) for m in probe.values() if m["held_out"]}):
        held = {n: m for n, m in _part(probe, True).items() if m.get("batch", 1) == batch}
        show(f"探针集留出部分（第{batch}轮，只看合计）", places(probe_folder, held, kinds, False))
    show("评测集调规则部分", places(eval_folder, _part(evaluation, False), kinds, args.verbose))
    show("评测集留出部分（只看合计）", places(eval_folder, _part(evaluation, True), kinds, False))
    return 0


def _part(files: dict, held_out: bool) -> dict:
    return {name: meta for name, meta in files.items() if meta["held_out"] == held_out}


if __name__ == "__main__":
    raise SystemExit(main())
