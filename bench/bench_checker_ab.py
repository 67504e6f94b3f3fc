"""The report checker against another checkout of it, side by side on the seed report.

On a shared machine one number from one run says little; this runs rounds of both checkouts
alternately, each round in a fresh process (so neither warms the other's caches), and prints the
median CPU rate (seed-sized reports per second) of each and their ratio.

    python bench/bench_checker_ab.py --against /work/wt-base [--rounds 7] [--reports 200] [--cold] [--together]

``--cold`` forgets the per-phrase caches (the lexicon's look-ups and splits, the confusion index's
corrections) before every check: the bench checks one text again and again, so these caches are
always warm there and may flatter it. Both numbers are printed with ``--both``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in a child process, with the checkout's root first on sys.path.
_WORKER = """
import os, sys, time
if sys.argv[4] != "-" and hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {int(sys.argv[4])})
sys.path.insert(0, sys.argv[1])
from jixiao.domain.checker import check_text
from jixiao.domain.checker.config import default_checker_data
try:  # a checkout older than the lexicon's caches has nothing to forget
    from jixiao.domain.checker.rules_words import confusion_of, lexicon_of
except ImportError:
    confusion_of = lexicon_of = None
reports, cold = int(sys.argv[2]), sys.argv[3] == "cold"
root = sys.argv[1]
seed = open(root + "/tests/domain/checker/texts/2023-changning-kexie-report.txt", encoding="utf-8").read()
result = check_text(seed)
class _Context:
    data = default_checker_data()
    traditional = False
lexicon = lexicon_of(_Context) if lexicon_of else None
index = confusion_of(_Context) if confusion_of else None
def forget():
    if lexicon is not None:
        lexicon.forget()
        index.seen.clear()
check_text(seed)
elapsed = 0.0
for _ in range(reports):
    if cold:
        forget()
    start = time.process_time()
    check_text(seed)
    elapsed += time.process_time() - start
print(reports / elapsed)
"""


def _start(root: Path, reports: int, cold: bool, core: int | None) -> subprocess.Popen:
    arguments = [str(root), str(reports), "cold" if cold else "warm", "-" if core is None else str(core)]
    return subprocess.Popen([sys.executable, "-c", _WORKER, *arguments], stdout=subprocess.PIPE, text=True)


def _rate(process: subprocess.Popen) -> float:
    output, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"a round failed (exit {process.returncode})")
    return float(output.split()[-1])


def compare(
    against: Path, rounds: int, reports: int, cold: bool, together: bool
) -> tuple[float, float, float]:
    """(median rate of this checkout, of the other, median of the rounds' ratios)."""
    mine: list[float] = []
    base: list[float] = []
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    for number in range(1, rounds + 1):
        sides = [(ROOT, mine), (against, base)]
        if number % 2 == 0:
            sides.reverse()  # neither side always runs first, or on the same core
        if together and len(cores) >= 2:
            # both at once, one core each: the machine's other load falls on both alike
            started = [
                (_start(root, reports, cold, core), rates)
                for (root, rates), core in zip(sides, cores, strict=False)
            ]
            for process, rates in started:
                rates.append(_rate(process))
        else:
            for root, rates in sides:
                rates.append(_rate(_start(root, reports, cold, None)))
        print(f"  round {number}: this {mine[-1]:6.1f}/s   base {base[-1]:6.1f}/s", flush=True)
    ratios = [a / b for a, b in zip(mine, base, strict=True)]
    return statistics.median(mine), statistics.median(base), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--against", type=Path, required=True, help="the root of the other checkout")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--reports", type=int, default=200)
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--cold", action="store_true", help="forget the per-phrase caches before every check")
    modes.add_argument("--both", action="store_true", help="warm caches, then cold ones")
    parser.add_argument(
        "--together",
        action="store_true",
        help="run both sides at once, each on a core of its own (two cores or more)",
    )
    args = parser.parse_args()
    for cold in (False, True) if args.both else (args.cold,):
        how = "both at once, one core each" if args.together else "one after the other"
        print(
            f"seed report, {'cold' if cold else 'warm'} per-phrase caches, CPU time, {args.reports} checks a round, {how}"
        )
        mine, base, ratio = compare(args.against, args.rounds, args.reports, cold, args.together)
        print(
            f"median: this {mine:.1f}/s, base {base:.1f}/s, ratio of the medians {mine / base:.2f}, "
            f"median of the rounds' ratios {ratio:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
