"""Clean reports of departments nobody modelled, written for these tests (synthetic: not from any
real department; every figure consistent), each changed in one place at a time.

The clean text must draw no error and no warning; every change listed in its .muts file must draw
a new one. Lines starting with ! are known misses: each says why, and the test checks that they
are still missed, so that a fix is noticed and the line moved."""

from pathlib import Path

import pytest

from jixiao.domain.checker import check_text

HERE = Path(__file__).parent / "synthetic"
NAMES = sorted(p.stem for p in HERE.glob("*.txt"))


def _issues(text: str) -> set[tuple[str, str, str]]:
    result = check_text(text, report_type="auto")
    return {(f.rule, f.severity, f.message) for f in result.findings if f.severity != "info"}


def _mutations(name: str):
    for line in (HERE / f"{name}.muts").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        known = line.startswith("!")
        before, after = line.lstrip("!").split("  # ")[0].split("=>")
        yield before, after, known


@pytest.mark.parametrize("name", NAMES)
def test_the_clean_report_draws_nothing_but_missing_key_figures(name):
    found = _issues((HERE / f"{name}.txt").read_text(encoding="utf-8"))
    assert {rule for rule, _, _ in found} <= {"key_figures.missing"}, found


@pytest.mark.parametrize("name", NAMES)
def test_every_single_change_is_reported(name):
    clean = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    base = _issues(clean)
    missed, noticed = [], []
    for before, after, known in _mutations(name):
        assert before in clean, before
        new = _issues(clean.replace(before, after, 1)) - base
        if not new and not known:
            missed.append(after)
        if new and known:
            noticed.append(after)
    assert missed == [], f"未查出：{missed}"
    assert noticed == [], f"已知漏报现在查出了，请把这些行的 ! 去掉：{noticed}"
