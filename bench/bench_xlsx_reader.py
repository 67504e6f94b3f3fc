"""Benchmark: jixiao's own .xlsx reader against python-calamine on the same voucher files.

    python bench/bench_xlsx_reader.py                     # 20,000 and 200,000 rows (quick)
    python bench/bench_xlsx_reader.py --full              # 200,000 and 1,000,000 rows
    python bench/bench_xlsx_reader.py --rows 100000 1000000 --reuse DIR

The files are bench_import.py's voucher files (openpyxl write-only, numbers typed as numbers).
Each read runs in a fresh process and walks every row; for each reader and size it prints:
- CPU time, and rows per CPU second;
- the growth of peak resident memory (RSS) over the process before the read: flat means the
  same at the large size as at the small one;
- exactness: calamine hands numbers over as doubles; the adapter a calamine reader would need
  turns each into the Decimal of its shortest repr (repr(float)). The values are compared with
  the own reader's exact Decimals cell by cell (a digest of every row), and the amounts summed;
- and, from bench_bombs.py, what each reader does with the .xlsx files of the bomb corpus.
At the end it says which reader jixiao keeps, and why, from these figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _normal(value):
    """One cell as both readers should agree on it: Decimal (integral → int), text, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = Decimal(repr(value))  # the shortest repr: 1234.56, not 1234.5599999999999
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def child(reader: str, path: str) -> dict:
    from bench_import import peak_rss_mb, reset_peak_rss, rss_mb

    if reader == "calamine":
        from python_calamine import CalamineWorkbook

        def rows():
            yield from CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows()
    else:
        from jixiao.formats.tabular import read_rows

        def rows():
            yield from read_rows(path)

    reset_peak_rss()
    before = rss_mb()
    cpu = time.process_time()
    digest, count, total, floats = hashlib.sha256(), 0, Decimal(0), 0
    for count, row in enumerate(rows(), start=1):
        cells = [_normal(v) for v in row]
        while cells and cells[-1] is None:
            cells.pop()
        floats += sum(1 for v in row if isinstance(v, float))
        if count > 1 and len(cells) > 6:
            total += cells[6]
        digest.update(repr(cells).encode())
    cpu = time.process_time() - cpu
    return {
        "cpu": cpu,
        "rss": peak_rss_mb() - before,
        "rows": count,
        "total": str(total),
        "digest": digest.hexdigest()[:16],
        "floats": floats,
    }


def run(reader: str, path: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", reader, str(path)], capture_output=True, text=True, check=False
    )
    if output.returncode:
        return {"error": (output.stderr.strip().splitlines() or ["?"])[-1][:100]}
    return json.loads(output.stdout.strip().splitlines()[-1])


def bombs() -> dict[str, dict[str, dict]]:
    from bench_bombs import measure

    from tests.formats.bombs.make_bombs import HERE, MANIFEST

    found: dict[str, dict[str, dict]] = {}
    for name in MANIFEST:
        if name.endswith(".xlsx"):
            found[name] = {reader: measure(reader, HERE / name) for reader in ("jixiao", "calamine")}
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs=2, default=[20_000, 200_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--full", action="store_true", help="200,000 and 1,000,000 rows (as issue 14 asks)")
    parser.add_argument("--reuse", help="folder of voucher files from an earlier run (kept)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    from bench_import import write_files

    sizes = [200_000, 1_000_000] if args.full else sorted(args.rows)
    folder = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="jixiao-xlsx-"))
    print(f"jixiao .xlsx reader vs python-calamine: {sizes[0]:,} and {sizes[1]:,} voucher rows")
    print(f"  load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    results: dict[tuple[str, int], dict] = {}
    for size in sizes:
        path = write_files(folder, size)[1]
        for reader in ("jixiao", "calamine"):
            results[(reader, size)] = run(reader, path)
    print(
        f"\n  {'reader':10} {'rows':>10} {'CPU s':>7} {'rows/s CPU':>11} {'peak RSS +MB':>13}  {'sum of 借方金额':>18}  digest"
    )
    for size in sizes:
        for reader in ("jixiao", "calamine"):
            r = results[(reader, size)]
            if "error" in r:
                print(f"  {reader:10} {size:>10,} failed: {r['error']}")
                continue
            print(
                f"  {reader:10} {r['rows'] - 1:>10,} {r['cpu']:7.2f} {(r['rows'] - 1) / r['cpu']:11,.0f} "
                f"{r['rss']:13.1f}  {r['total']:>18}  {r['digest']}"
            )
    small, large = sizes
    own, cal = results[("jixiao", large)], results[("calamine", large)]
    verdict: list[str] = []
    if "error" in own or "error" in cal:
        print("\n  a reader failed; no comparison")
        return 1
    faster = cal["cpu"] < own["cpu"]
    print(f"\n  at {large:,} rows calamine takes {cal['cpu'] / own['cpu']:.2f}× the own reader's CPU time")
    growth = {
        reader: results[(reader, large)]["rss"] - results[(reader, small)]["rss"]
        for reader in ("jixiao", "calamine")
    }
    flat = {reader: growth[reader] < max(10.0, 0.1 * results[(reader, small)]["rss"]) for reader in growth}
    for reader in ("jixiao", "calamine"):
        print(
            f"  memory, {reader}: +{results[(reader, small)]['rss']:.1f} MB at {small:,} rows, "
            f"+{results[(reader, large)]['rss']:.1f} MB at {large:,} rows: {'flat' if flat[reader] else 'NOT flat'}"
        )
    same = own["digest"] == cal["digest"] and own["total"] == cal["total"]
    print(
        f"  exactness: Decimal(repr(double)) from calamine {'equals' if same else 'DIFFERS from'} the own reader's "
        f"Decimals in every cell (digest {own['digest']} / {cal['digest']}); calamine returned "
        f"{cal['floats']:,} floats that an adapter must convert before they reach money, the own reader {own['floats']}"
    )
    print("\n  the .xlsx bombs (each in a process capped at 4 GiB of address space and 60 s):")
    failed: list[str] = []
    for name, by_reader in bombs().items():
        for reader, r in by_reader.items():
            print(f"    {name:32} {reader:9} {r['cpu']:6.2f} s {r['rss']:6.0f} MB  {r['result'][:70]}")
        c = by_reader["calamine"]
        if not (c.get("refused") and c["rss"] < 200 and c["cpu"] < 5):
            failed.append(f"{name} ({c['result'][:45]}; {c['rss']:.0f} MB)")
    if not flat["calamine"]:
        verdict.append(f"its memory is not flat (+{growth['calamine']:.0f} MB more at {large:,} rows)")
    if failed:
        verdict.append(f"{len(failed)} bombs are not refused within 5 s and 200 MB: " + "; ".join(failed))
    if not same:
        verdict.append("its doubles do not give the exact amounts back")
    if not faster:
        verdict.append("it is not faster")
    if verdict:
        print("\n  verdict: jixiao keeps its own streaming reader for .xlsx. With python-calamine:")
        for reason in verdict:
            print(f"    - {reason}")
        if faster:
            print(
                f"  (calamine is faster by CPU, {own['cpu'] / cal['cpu']:.2f}×, but fails the points above.)"
            )
    else:
        print(
            "\n  verdict: calamine is faster, flat, exact and survives the bombs: jixiao should switch to it."
        )
    if not args.reuse:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
