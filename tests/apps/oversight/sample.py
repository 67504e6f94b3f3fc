"""The renderers' sample report without its charts (drawing charts costs a second per report;
the review rules do not depend on them)."""

from __future__ import annotations

import dataclasses

from jixiao.domain.report.document import Chart, Report, Section
from tests.formats.sample_report import sample_report


def _drop_charts(children):
    kept = []
    for child in children:
        if isinstance(child, Chart):
            continue
        if isinstance(child, Section):
            child = dataclasses.replace(child, children=tuple(_drop_charts(child.children)))
        kept.append(child)
    return tuple(kept)


def review_report(*, demo: bool = False) -> Report:
    report = sample_report(demo=demo)
    return dataclasses.replace(
        report,
        sections=_drop_charts(report.sections),
        annexes=tuple(dataclasses.replace(a, children=_drop_charts(a.children)) for a in report.annexes),
    )
