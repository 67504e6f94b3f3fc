"""The report checker against another checkout of it, side by side on the seed report.

On a shared machine one number from one run says little; this runs rounds of both checkouts
alternately, each round in a fresh process (so neither warms the other's caches), and prints the
median CPU rate (seed-sized reports per second) of each and their ratio.

    python bench/bench_checker_ab.py --against /work/wt-base [--rounds 7] [--reports 200] [--cold]

``--cold`` forgets the per-phrase caches (the lexicon's look-ups and splits, the confusion index's
corrections) before every check: the bench checks one text again and again, so these caches are
always warm there and may flatter it. Both numbers are printed with ``--both``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in a child process, with the checkout's root first on sys.path.
_WORKER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from jixiao.domain.checker import check_text
from jixiao.domain.checker.config import default_checker_data
from jixiao.domain.checker.rules_words import confusion_of, lexicon_of
reports, cold = int(sys.argv[2]), sys.argv[3] == "cold"
root = sys.argv[1]
seed = open(root + "/tests/domain/checker/texts/2023-changning-kexie-report.txt", encoding="utf-8").read()
result = check_text(seed)
class _Context:
    data = default_checker_data()
lexicon, index = lexicon_of(_Context), confusion_of(_Context)
def forget():
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


def one_round(root: Path, reports: int, cold: bool) -> float:
    output = subprocess.run(
        [sys.executable, "-c", _WORKER, str(root), str(reports), "cold" if cold else "warm"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(output.split()[-1])


def compare(against: Path, rounds: int, reports: int, cold: bool) -> tuple[float, float]:
    mine: list[float] = []
    base: list[float] = []
    for number in range(1, rounds + 1):
        pair = [(ROOT, mine), (against, base)]
        if number % 2 == 0:
            pair.reverse()  # neither side always runs first
        for root, rates in pair:
            rates.append(one_round(root, reports, cold))
        print(f"  round {number}: this {mine[-1]:6.1f}/s   base {base[-1]:6.1f}/s", flush=True)
    return statistics.median(mine), statistics.median(base)


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
    args = parser.parse_args()
    for cold in (False, True) if args.both else (args.cold,):
        print(
            f"seed report, {'cold' if cold else 'warm'} per-phrase caches, CPU time, {args.reports} checks a round"
        )
        mine, base = compare(args.against, args.rounds, args.reports, cold)
        print(f"median: this {mine:.1f}/s, base {base:.1f}/s, ratio {mine / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
