"""Excel output of the report checker: the findings list and a summary of many files.

Takes the JSON dicts of ``CheckResult.to_json_dict(file=...)`` so it does not depend on the
checker's classes. Chinese headers, frozen header row, columns wide enough to read.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.formats import spreadsheet_out as xlsx
from jixiao.formats.spreadsheet_out import Alignment, Font, PatternFill, get_column_letter

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
_FILLS = {
    "error": PatternFill("solid", fgColor="F8D7DA"),
    "warning": PatternFill("solid", fgColor="FFF3CD"),
}
FINDING_HEADERS = ("文件", "级别", "规则", "说明", "章节", "起始位置", "结束位置", "原文", "应为", "实为")
SUMMARY_HEADERS = (
    "文件",
    "报告类型",
    "全文完整",
    "错误",
    "警告",
    "提示",
    "识别的数字",
    "其中金额",
    "能否读取",
    "主要问题",
)
_FINDING_WIDTHS = (28, 8, 20, 70, 36, 10, 10, 40, 18, 18)
_SUMMARY_WIDTHS = (36, 10, 10, 8, 8, 8, 12, 10, 30, 80)
_REPORT_TYPES = {"zhengti": "部门整体支出", "xiangmu": "项目支出"}


def _header(sheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    style = {
        "font": Font(bold=True),
        "fill": PatternFill("solid", fgColor="D9E1F2"),
        "alignment": Alignment(horizontal="center", vertical="center"),
    }
    xlsx.append(sheet, [xlsx.make_cell(sheet, header, **style) for header in headers])
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _findings_sheet(sheet, results: list[dict]) -> None:
    _header(sheet, FINDING_HEADERS, _FINDING_WIDTHS)
    for result in results:
        for finding in result.get("findings", []):
            location = finding["location"]
            xlsx.append(
                sheet,
                [
                    result.get("file", ""),
                    SEVERITY_LABELS.get(finding["severity"], finding["severity"]),
                    finding["rule"],
                    finding["message"],
                    location["section"],
                    location["start"],
                    location["end"],
                    location["quote"],
                    finding.get("expected") or "",
                    finding.get("found") or "",
                ],
            )
            fill = _FILLS.get(finding["severity"])
            if fill is not None:
                sheet.cell(row=sheet.max_row, column=2).fill = fill
            sheet.cell(row=sheet.max_row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_HEADERS))}{max(sheet.max_row, 1)}"


def write_findings_xlsx(results: list[dict], path: str | Path) -> Path:
    """One sheet '问题清单' with every finding of every file (one row each)."""
    workbook = xlsx.new_workbook()
    _findings_sheet(xlsx.add_sheet(workbook, "问题清单"), results)
    return xlsx.save(workbook, Path(path))


def write_summary_xlsx(results: list[dict], path: str | Path) -> Path:
    """Sheet '汇总' (one row per file) and sheet '问题清单' (every finding)."""
    workbook = xlsx.new_workbook()
    summary_sheet = xlsx.add_sheet(workbook, "汇总")
    _header(summary_sheet, SUMMARY_HEADERS, _SUMMARY_WIDTHS)
    for result in results:
        summary = result.get("summary", {})
        readable = summary.get("readable", True)
        main = [f["message"] for f in result.get("findings", []) if f["severity"] == "error"][:3]
        if not main:
            main = [f["message"] for f in result.get("findings", []) if f["severity"] == "warning"][:3]
        xlsx.append(
            summary_sheet,
            [
                result.get("file", ""),
                _REPORT_TYPES.get(summary.get("report_type", ""), summary.get("report_type", "")),
                ("是" if summary.get("complete") else "否（中途结束）") if readable else "",
                summary.get("errors", 0),
                summary.get("warnings", 0),
                summary.get("infos", 0),
                summary.get("figures", 0),
                summary.get("money_figures", 0),
                "是" if readable else f"否：{summary.get('error', '')}",
                "；".join(main),
            ],
        )
        if summary.get("errors"):
            summary_sheet.cell(row=summary_sheet.max_row, column=4).fill = _FILLS["error"]
    _findings_sheet(xlsx.add_sheet(workbook, "问题清单"), results)
    return xlsx.save(workbook, Path(path))
