"""Benchmark: what each file of the bomb corpus (tests/formats/bombs/) costs the readers.

    python bench/bench_bombs.py                 # every bomb through jixiao's readers
    python bench/bench_bombs.py --calamine      # and the .xlsx ones through python-calamine too

Each file is read in a fresh process (limited to 4 GiB of address space and 60 s, so that a
reader that does fall for a bomb cannot take the machine with it). The table shows, per file,
whether it was refused and by which limit, the CPU time and the peak resident memory (RSS) of
that process; the target is under 5 s and under 200 MB each. A process that only imports the
readers is measured first, for the memory every process starts with.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CPU_TARGET, RSS_TARGET = 5.0, 200.0
ADDRESS_SPACE = 4 << 30
TIMEOUT = 60


def child(reader: str, path: str) -> dict:
    """In the fresh process: read the file to its end, or to its refusal."""
    outcome: dict = {}
    try:
        if reader == "baseline":
            import jixiao.formats.report_readers
            import jixiao.formats.tabular  # noqa: F401

            outcome["result"] = "imports only"
        elif reader == "calamine":
            from python_calamine import CalamineWorkbook

            sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
            rows = sum(1 for _ in sheet.iter_rows())
            outcome["result"] = f"read {rows:,} rows"
        elif path.endswith((".docx", ".pdf")):
            from jixiao.formats.report_readers import read_report

            outcome["result"] = f"read {len(read_report(path).text):,} characters"
        else:
            from jixiao.formats.tabular import read_rows

            outcome["result"] = f"read {sum(1 for _ in read_rows(path)):,} rows"
    except Exception as error:
        limit = getattr(error, "limit", None)
        outcome["refused"] = True
        outcome["limit"] = limit.key if limit is not None else None
        outcome["result"] = f"{type(error).__name__}: {str(error)[:90]}"
    return outcome


def measure(reader: str, path: Path | None) -> dict:
    """Run one read in a fresh, limited process; its own CPU time and peak RSS from wait4."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", reader, str(path or "")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit,
    )  # fmt: skip
    timed_out = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - began > TIMEOUT:
            process.kill()
            timed_out = True
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    out = process.stdout.read().decode(errors="replace")
    err = process.stderr.read().decode(errors="replace")
    process.stdout.close()
    process.stderr.close()
    result = {"cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}
    if timed_out:
        result.update(refused=False, result=f"still running after {TIMEOUT} s: killed")
    elif os.WIFSIGNALED(status) or os.waitstatus_to_exitcode(status) != 0:
        code = os.waitstatus_to_exitcode(status)
        last = (err.strip().splitlines() or [""])[0][:80]
        result.update(refused=False, result=f"process died (exit {code}): {last}")
    else:
        result.update(json.loads(out.strip().splitlines()[-1]))
    return result


def _size(value: int) -> str:
    return f"{value:,} B" if value < 10_000 else f"{value / 1024:,.0f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--calamine", action="store_true", help="also read the .xlsx bombs with python-calamine"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0

    from tests.formats.bombs.make_bombs import HERE, MANIFEST

    print(f"jixiao bomb corpus: {len(MANIFEST)} files in {HERE.relative_to(ROOT)}")
    print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    base = measure("baseline", None)
    print(
        f"  a process that only imports the readers: {base['cpu']:.2f} s CPU, {base['rss']:.0f} MB peak RSS\n"
    )
    print(f"  {'file':34} {'size':>9} {'CPU s':>6} {'RSS MB':>7}  outcome")
    failures = []
    readers = ["jixiao"] + (["calamine"] if args.calamine else [])
    for name, (key, _what) in MANIFEST.items():
        path = HERE / name
        for reader in readers:
            if reader == "calamine" and path.suffix != ".xlsx":
                continue
            result = measure(reader, path)
            label = name if reader == "jixiao" else "  └ python-calamine"
            ok = result.get("refused") and result["cpu"] < CPU_TARGET and result["rss"] < RSS_TARGET
            if reader == "jixiao":
                ok = ok and result.get("limit") == key
                if not ok:
                    failures.append(name)
            mark = "ok " if ok else "!! "
            size = _size(path.stat().st_size) if reader == "jixiao" else ""
            print(
                f"  {label:34} {size:>9} {result['cpu']:6.2f} {result['rss']:7.0f}  {mark}{result['result']}"
            )
    print()
    print(
        f"  jixiao's readers: {len(MANIFEST) - len(failures)} of {len(MANIFEST)} refused by the intended limit "
        f"within {CPU_TARGET:.0f} s and {RSS_TARGET:.0f} MB"
        + (f"; NOT: {', '.join(failures)}" if failures else "")
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
