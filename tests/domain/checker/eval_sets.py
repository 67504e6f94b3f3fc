"""What the tests of a hand-checked set of reports share (tests/data/checker_eval, the real reports;
tests/data/checker_probe, the probe set written apart from the rules): where a quote stands, the kinds
of defect, and the two checks run on a set's tuning part."""

from pathlib import Path

import yaml

from jixiao.domain.checker import ERROR, WARNING, check_text

DATA = Path(__file__).resolve().parents[2] / "data"
KINDS = {
    "total.items", "count.names", "conflict", "claim.rate", "balance", "rate", "breakdown", "numbering",
    "typo", "title", "template", "date", "punct", "name",
}  # fmt: skip
WINDOW = 10  # a finding within this many characters of a quote points at it


def load(folder: Path, pattern: str = "annotations.yaml") -> dict:
    """The files of every annotation file of ``folder`` matching ``pattern``, merged."""
    files: dict = {}
    for path in sorted(folder.glob(pattern)):
        files.update(yaml.safe_load(path.read_text(encoding="utf-8"))["files"])
    return files


def spans(text, quotes):
    found = []
    for quote in quotes:
        at = text.find(quote)
        while at >= 0:
            found.append((at, at + len(quote)))
            at = text.find(quote, at + 1)
    return found


def near(finding, places) -> bool:
    start, end = finding.location.start - WINDOW, finding.location.end + WINDOW
    return any(start < b and end > a for a, b in places)


def assert_well_formed(text: str, meta: dict) -> None:
    for entry in meta["defects"]:
        assert entry["kind"] in KINDS
        assert entry["severity"] in ("error", "warning")
        assert spans(text, [entry["quote"], *entry.get("also", [])]), entry["quote"]
    for entry in meta["consistent"] or ():
        assert spans(text, [entry["quote"]]), entry["quote"]


def assert_errors_only_at_defects(text: str, meta: dict) -> None:
    """No error where the hand check found nothing wrong."""
    defects = [s for entry in meta["defects"] for s in spans(text, [entry["quote"], *entry.get("also", [])])]
    for finding in check_text(text, report_type="auto").findings:
        if finding.severity == ERROR:
            assert near(finding, defects), finding.message


def assert_every_error_reported(text: str, meta: dict) -> None:
    """Every hand-found error-level defect is reported (as an error or a warning) where it stands."""
    findings = [f for f in check_text(text, report_type="auto").findings if f.severity in (ERROR, WARNING)]
    for entry in meta["defects"]:
        if entry["severity"] == "error":
            places = spans(text, [entry["quote"], *entry.get("also", [])])
            assert any(near(f, places) for f in findings), entry["note"]
