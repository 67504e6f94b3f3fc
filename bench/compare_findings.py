"""Check that a change of the checker (a speed-up) leaves every finding as it was.

    python bench/compare_findings.py dump /tmp/before.json   # on the commit before the change
    python bench/compare_findings.py diff /tmp/before.json   # after it: prints only counts
    python bench/compare_findings.py diff /tmp/before.json --show   # and what changed

Each text is checked with report_type="auto" and with the default type; for every finding the rule,
severity, offsets, message, quote, expected and found are kept, and the figure list too. The texts:
the seed and the corpus excerpts of tests/domain/checker/texts and every file of the evaluation set
whose annotation has held_out: false. Held-out files are never read, and the diff prints counts
only, never findings.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.data import parse_yaml  # noqa: E402
from jixiao.domain.checker import check_text  # noqa: E402

TEXTS = ROOT / "tests" / "domain" / "checker" / "texts"
EVAL = ROOT / "tests" / "data" / "checker_eval"


def texts() -> dict[str, str]:
    found = {f"texts/{p.name}": p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))}
    with open(EVAL / "annotations.yaml", encoding="utf-8") as handle:
        files = (parse_yaml(handle) or {}).get("files") or {}
    for name, annotation in sorted(files.items()):
        if annotation.get("held_out") is False:  # the held-out part is never looked at
            found[f"eval/{name}"] = (EVAL / name).read_text(encoding="utf-8")
    return found


def run(text: str, report_type: str | None) -> dict:
    try:
        result = check_text(text, report_type=report_type) if report_type else check_text(text)
    except Exception as error:  # an error is a result to compare too
        return {"error": type(error).__name__}
    return {
        "report_type": result.report_type,
        "sections": list(result.sections),
        "findings": [
            [
                f.rule,
                f.severity,
                f.location.start,
                f.location.end,
                f.message,
                f.location.quote,
                f.expected,
                f.found,
            ]
            for f in result.findings
        ],
        "figures": [figure.to_dict() for figure in result.figures],
    }


def results() -> dict[str, dict]:
    found = {}
    for name, text in texts().items():
        found[f"{name} auto"] = run(text, "auto")
        found[f"{name} default"] = run(text, None)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=("dump", "diff"))
    parser.add_argument("path", type=Path)
    parser.add_argument(
        "--show", action="store_true", help="diff: print the findings that changed (auto runs)"
    )
    args = parser.parse_args()
    now = results()
    if args.mode == "dump":
        args.path.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
        count = sum(len(r.get("findings", ())) for r in now.values())
        print(f"{len(now)} runs, {count} findings written to {args.path}")
        return 0
    before = json.loads(args.path.read_text(encoding="utf-8"))
    changed = [key for key in before if before[key] != now.get(key)]
    findings = sum(
        len(
            {json.dumps(f) for f in before[key].get("findings", ())}
            ^ {json.dumps(f) for f in now.get(key, {}).get("findings", ())}
        )
        for key in changed
    )
    figures = sum(1 for key in changed if before[key].get("figures") != now.get(key, {}).get("figures"))
    print(f"{len(before)} runs compared: {len(changed)} differ ({findings} findings, {figures} figure lists)")
    for key in changed if args.show else ():
        if not key.endswith(" auto"):
            continue
        old = {json.dumps(f, ensure_ascii=False) for f in before[key].get("findings", ())}
        new = {json.dumps(f, ensure_ascii=False) for f in now.get(key, {}).get("findings", ())}
        for sign, entries in (("-", old - new), ("+", new - old)):
            for entry in sorted(entries):
                rule, severity, *_, message = json.loads(entry)[:5]
                print(f"{sign} {key[:-5]} {rule} {severity} {message}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
