"""Findings: what the checker returns, as data (beancount's validation errors are the model).

Every rule returns a list of ``Finding``; none raises and none stops at the first problem.
Offsets in ``Location`` always refer to the text as it was read, before normalisation.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding sits: heading path, offsets into the original text, and the quoted text."""

    section: str
    start: int
    end: int
    quote: str

    def to_dict(self) -> dict:
        return {"section": self.section, "start": self.start, "end": self.end, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or note) found in a report text."""

    rule: str
    severity: str
    message: str
    location: Location
    expected: str | None = None
    found: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"未知的级别：{self.severity}")

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "expected": self.expected,
            "found": self.found,
        }


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read from the text, exactly as printed (never computed)."""

    kind: str  # amount | percent | count | points | score
    label: str
    value: str
    unit: str | None
    yuan: str | None
    role: str  # level | delta | table
    location: Location

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "yuan": self.yuan,
            "role": self.role,
            "location": self.location.to_dict(),
        }
