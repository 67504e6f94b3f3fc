"""The public entry point: ``check_text(text) -> CheckResult``.

Used by ``jixiao check`` on submitted reports and by the rest of the system on every report it
generates itself, before export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from jixiao.domain.checker.base import CheckContext, Rule
from jixiao.domain.checker.config import CheckerData, default_checker_data
from jixiao.domain.checker.findings import ERROR, INFO, SEVERITIES, WARNING, Figure, Finding, Location
from jixiao.domain.checker.parse import ParsedReport, parse_report
from jixiao.domain.checker.registry import ALL_RULES
from jixiao.domain.checker.vocabulary import words
from jixiao.domain.errors import DomainError


class UnknownReportType(DomainError):
    """The report type asked for is not in outline.yaml."""

    code = "unknown_report_type"


_SEVERITY_ORDER = {severity: index for index, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class CheckResult:
    """Everything the checker found in one text. ``findings`` are ordered by position; ``figures``
    (every figure as printed, with its place) are read from the parsed text when first asked for
    — the export gate needs only the findings."""

    text: str
    report_type: str
    truncated: bool
    findings: tuple[Finding, ...]
    sections: tuple[str, ...]
    report: ParsedReport = field(repr=False, compare=False)

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(self.report.figures())

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def summary(self) -> dict:
        by_rule: dict[str, int] = {}
        for finding in self.findings:
            by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
        return {
            "report_type": self.report_type,
            "characters": len(self.text),
            "complete": not self.truncated,
            "errors": self.count(ERROR),
            "warnings": self.count(WARNING),
            "infos": self.count(INFO),
            "insufficient_data": sum(1 for f in self.findings if "数据不足" in f.message),
            "figures": len(self.figures),
            "money_figures": sum(1 for f in self.figures if f.kind == "amount"),
            "sections": list(self.sections),
            "by_rule": by_rule,
        }

    def to_json_dict(self, file: str | None = None) -> dict:
        return {
            "file": file if file is not None else "",
            "findings": [f.to_dict() for f in self.findings],
            "figures": [f.to_dict() for f in self.figures],
            "summary": self.summary,
        }


_TITLE_ENDS = words("api.title_ends")


def _titled(line: str) -> bool:
    """A line that names the document: it holds 报告, or ends with 自评表 / 自评 / 评价."""
    return "报告" in line or line.rstrip(" |)）").endswith(_TITLE_ENDS)


_PROJECT_OPENINGS = words("api.project_openings")


_CITED_TITLE = re.compile(r"《[^《》\n]{0,80}》")


def detect_report_type(text: str, data: CheckerData | None = None) -> str:
    """'xiangmu' when the opening lines name a project report and not a whole-department one.

    The title decides first: the first title-like line (short, naming a 报告 or 自评表) that holds a
    word of either type (整体支出 … / 项目, 专项资金, 工程 …). A text with no such title falls back
    on its first 600 characters: 项目支出 (项目名称, 项目概况) there and no whole-department word."""
    data = data or default_checker_data()
    whole = data.report_types["zhengti"].detect
    project = data.report_types["xiangmu"].detect if "xiangmu" in data.report_types else ()
    lines = [line.strip() for line in text[:3000].split("\n")[:40]]
    for line in lines:
        if not line or len(line) > 80 or line.startswith("SOURCE") or not _titled(line):
            continue
        line = _CITED_TITLE.sub("", line)
        if any(word in line for word in whole):
            return "zhengti"
        if project and any(word in line for word in project):
            return "xiangmu"
    head = _CITED_TITLE.sub(
        "", text[:600]
    )  # 《关于开展…部门绩效自评和部门评价的通知》 names another document
    if any(word in head for word in _PROJECT_OPENINGS) and not any(word in head for word in whole):
        return "xiangmu"
    return "zhengti"


def check_text(
    text: str,
    *,
    report_type: str = "zhengti",
    data: CheckerData | None = None,
    rules: tuple[Rule, ...] = ALL_RULES,
) -> CheckResult:
    """Run every rule on ``text`` and return all findings (never stops at the first).

    ``report_type`` is a key of outline.yaml (``zhengti``, ``xiangmu``) or ``auto``.
    """
    data = data or default_checker_data()
    if report_type == "auto":
        report_type = detect_report_type(text, data)
    if report_type not in data.report_types:
        known = "、".join(data.report_types)
        raise UnknownReportType(
            f"未知的报告类型“{report_type}”（可选：{known}、auto）", report_type=report_type
        )
    report = parse(text, data)
    context = CheckContext.build(report, data, data.report_types[report_type])
    findings: list[Finding] = []
    for check in rules:
        try:
            findings.extend(check(context))
        except Exception as error:  # one broken rule must not hide the findings of the others
            findings.append(_rule_failure(check, error))
    findings.sort(key=lambda f: (f.location.start, _SEVERITY_ORDER[f.severity], f.rule))
    return CheckResult(
        text=text,
        report_type=report_type,
        truncated=report.truncated,
        findings=tuple(findings),
        sections=tuple(h.path for h in report.headings if h.rank <= 2),
        report=report,
    )


def _rule_failure(check: Rule, error: Exception) -> Finding:
    rule_id = getattr(check, "rule_id", check.__name__)
    return Finding(
        rule="checker.rule_failed",
        severity=WARNING,
        message=f"检查规则 {rule_id} 在这份文本上出错，未能完成（{type(error).__name__}），请人工核对相应内容",
        location=Location(section="", start=0, end=0, quote=""),
    )


def parse(text: str, data: CheckerData | None = None) -> ParsedReport:
    data = data or default_checker_data()
    return parse_report(text, prefixes=data.label_prefixes, suffixes=data.label_suffixes)
