"""Placeholder text: what the generator writes where the data cannot say what happened
("【待填写】本年度履职活动尚未录入本系统，请据实填写…"), kept as data in
jixiao/data/report/placeholders.yaml, and the check that finds any of it left in a report.

A report that still holds a placeholder is not ready for the finance bureau: the check names
each paragraph (by its section and opening words) so the person knows what to write.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jixiao.data import load_yaml
from jixiao.domain.report.document import Paragraph, Report, Section


@dataclass(frozen=True, slots=True)
class Placeholders:
    marker: str
    texts: dict[str, str]
    phrases: tuple[str, ...]

    def text(self, key: str) -> str:
        """The placeholder the generator writes for ``key``, with its mark."""
        return self.marker + self.texts[key]

    def found_in(self, text: str) -> bool:
        return self.marker in text or any(phrase in text for phrase in self.phrases)


@cache
def placeholders() -> Placeholders:
    data = load_yaml("report/placeholders.yaml")
    texts = {str(k): str(v) for k, v in data["texts"].items()}
    return Placeholders(marker=str(data["marker"]), texts=texts, phrases=tuple(data.get("phrases", ())))


def placeholder(key: str) -> str:
    return placeholders().text(key)


@dataclass(frozen=True, slots=True)
class PlaceholderFound:
    section: str  # "五、部门履职情况" (the innermost heading above it)
    text: str

    @property
    def where(self) -> str:
        opening = self.text if len(self.text) <= 24 else self.text[:24] + "…"
        return f"{self.section}“{opening}”" if self.section else f"“{opening}”"


def _walk(children, heading: str, out: list[PlaceholderFound]) -> None:
    marks = placeholders()
    for child in children:
        if isinstance(child, Section):
            _walk(child.children, f"{child.number}{child.title}", out)
        elif isinstance(child, Paragraph) and marks.found_in(child.text):
            out.append(PlaceholderFound(section=heading, text=child.text))


def placeholder_paragraphs(report: Report) -> list[PlaceholderFound]:
    """Every paragraph of the report (body and annexes) that still holds placeholder text."""
    out: list[PlaceholderFound] = []
    _walk(report.sections, "", out)
    for annex in report.annexes:
        _walk(annex.children, annex.title, out)
    return out


def paragraph_is_placeholder(text: str) -> bool:
    return placeholders().found_in(text)
