"""报告体检: find what is wrong in a performance report text (pure Python, no Django).

from jixiao.domain.checker import check_text
result = check_text(text, report_type="zhengti")
result.findings, result.figures, result.summary, result.has_errors
result.to_json_dict(file="report.txt")
"""

from jixiao.domain.checker.api import CheckResult, UnknownReportType, check_text, detect_report_type, parse
from jixiao.domain.checker.findings import ERROR, INFO, WARNING, Figure, Finding, Location
from jixiao.domain.checker.registry import ALL_RULES, RULE_DESCRIPTIONS

__all__ = [
    "ALL_RULES",
    "ERROR",
    "INFO",
    "RULE_DESCRIPTIONS",
    "WARNING",
    "CheckResult",
    "Figure",
    "Finding",
    "Location",
    "UnknownReportType",
    "check_text",
    "detect_report_type",
    "parse",
]
