"""jixiao check: 报告体检 — find what is wrong in performance report files. Needs no database.

    jixiao check 报告.docx
    jixiao check 报告文件夹/ --format json --out 结果.json
    jixiao check a.txt b.pdf --format xlsx --out 问题清单.xlsx --summary 汇总.xlsx

Exit code: 0 no error-level finding; 1 at least one error; 2 an input could not be read or holds
no text (whatever its extension; a damaged, hostile or oversized file included). In a batch every
readable file is still checked and reported; one unreadable file makes the batch's code 2.
Only jixiao's own messages go to stderr: the PDF libraries' logging and warnings are kept off it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jixiao.domain.checker import RULE_DESCRIPTIONS, check_text
from jixiao.domain.checker.findings import SEVERITY_LABELS
from jixiao.formats.report_readers import UnreadableFile, expand_paths, read_report

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2
DEFAULT_XLSX = "报告体检结果.xlsx"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="报告体检：检查绩效评价报告中的计算、数字、章节和文字问题（不需要数据库）",
        description="检查 .txt（UTF-8/GBK）、.docx、.pdf 报告；文件夹会检查其中所有报告文件。"
        "退出码：0 无错误，1 有错误级问题，2 有文件无法读取或没有文字（一批文件中有一个如此即为 2，其余文件照常检查）。",
    )
    parser.add_argument("files", nargs="*", metavar="文件", help="报告文件或文件夹")
    parser.add_argument(
        "--format", choices=("text", "json", "xlsx"), default="text", help="输出格式（默认 text）"
    )
    parser.add_argument("--out", metavar="PATH", help="把结果写入文件（xlsx 格式默认写到 报告体检结果.xlsx）")
    parser.add_argument("--summary", metavar="PATH", help="另写一份所有文件的汇总 .xlsx")
    parser.add_argument(
        "--type",
        dest="report_type",
        default="auto",
        choices=("auto", "zhengti", "xiangmu"),
        help="报告类型：auto 自动判断（默认），zhengti 部门整体支出，xiangmu 项目支出",
    )
    parser.add_argument("--rules", action="store_true", help="列出全部检查规则后退出")
    parser.set_defaults(func=run)


def _unreadable_result(file: str, message: str, *, rule: str = "input.unreadable") -> dict:
    return {
        "file": file,
        "findings": [
            {
                "rule": rule,
                "severity": "error",
                "message": message,
                "location": {"section": "", "start": 0, "end": 0, "quote": ""},
                "expected": None,
                "found": None,
            }
        ],
        "figures": [],
        "summary": {"readable": False, "error": message, "errors": 1, "warnings": 0, "infos": 0},
    }


def check_files(paths: list[str], *, report_type: str = "auto") -> tuple[list[dict], bool]:
    """Check every file; return (JSON dicts, whether some input was unreadable)."""
    results = []
    unreadable = False
    for path in expand_paths(paths):
        try:
            report = read_report(path)
        except UnreadableFile as error:  # damaged, wrong format, or beyond a reader's limit
            unreadable = True
            results.append(_unreadable_result(str(path), str(error)))
            continue
        if not report.text.strip():
            unreadable = True
            kind = {"docx": "Word 文件", "pdf": "PDF 文件"}.get(report.kind, "文件")
            results.append(
                _unreadable_result(
                    str(path), f"“{path.name}”是空的：这个{kind}里没有任何文字，无法检查", rule="input.empty"
                )
            )
            continue
        try:
            result = check_text(report.text, report_type=report_type)
        except Exception as error:  # a fault in the checker must not lose the other files' findings
            unreadable = True
            results.append(
                _unreadable_result(
                    str(path),
                    f"检查“{path.name}”时程序出错（{type(error).__name__}），其他文件照常检查。请把此文件交给维护人员",
                    rule="check.failed",
                )
            )
            continue
        payload = result.to_json_dict(file=str(path))
        payload["summary"]["readable"] = True
        payload["summary"]["format"] = report.kind
        if report.encoding:
            payload["summary"]["encoding"] = report.encoding
        results.append(payload)
    return results, unreadable


def render_text(results: list[dict]) -> str:
    lines = []
    for result in results:
        summary = result["summary"]
        lines.append(f"== {result['file']}")
        if not summary.get("readable", True):
            lines.append(f"  无法检查：{summary.get('error', '')}")
            lines.append("")
            continue
        state = "全文完整" if summary.get("complete") else "文本中途结束"
        lines.append(
            f"  {state}；错误 {summary['errors']}，警告 {summary['warnings']}，提示 {summary['infos']}；"
            f"识别数字 {summary['figures']} 个（金额 {summary['money_figures']} 个）"
        )
        for finding in result["findings"]:
            location = finding["location"]
            label = SEVERITY_LABELS.get(finding["severity"], finding["severity"])
            lines.append(f"  [{label}] {finding['rule']}  {finding['message']}")
            where = location["section"] or "（正文开头）"
            quote = location["quote"].replace("\n", "⏎")
            if len(quote) > 60:
                quote = quote[:57] + "…"
            lines.append(f"      位置：{where}（第{location['start']}–{location['end']}字）「{quote}」")
            if finding.get("expected") or finding.get("found"):
                lines.append(
                    f"      应为：{finding.get('expected') or '—'}；实为：{finding.get('found') or '—'}"
                )
        if not result["findings"]:
            lines.append("  未发现问题。")
        lines.append("")
    return "\n".join(lines)


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


def run(args: argparse.Namespace) -> int:
    if args.rules:
        for rule_id, description in RULE_DESCRIPTIONS.items():
            print(f"{rule_id:22} {description}")
        return EXIT_OK
    if not args.files:
        print("请给出要检查的报告文件或文件夹，例如：jixiao check 报告.docx", file=sys.stderr)
        return EXIT_UNREADABLE
    results, unreadable = check_files(args.files, report_type=args.report_type)
    if not results:
        print("没有找到可检查的报告文件（支持 .txt、.docx、.pdf）", file=sys.stderr)
        return EXIT_UNREADABLE
    for result in results:
        if not result["summary"].get("readable", True):
            print(f"无法检查 {result['file']}：{result['summary']['error']}", file=sys.stderr)
    if args.format == "json":
        payload = results[0] if len(results) == 1 else results
        _write(json.dumps(payload, ensure_ascii=False, indent=2), args.out)
    elif args.format == "xlsx":
        from jixiao.formats.checker_xlsx import write_findings_xlsx

        target = write_findings_xlsx(results, args.out or DEFAULT_XLSX)
        print(f"已写入 {target}", file=sys.stderr)
    else:
        _write(render_text(results), args.out)
    if args.summary:
        from jixiao.formats.checker_xlsx import write_summary_xlsx

        target = write_summary_xlsx(results, args.summary)
        print(f"汇总已写入 {target}", file=sys.stderr)
    if unreadable:
        return EXIT_UNREADABLE
    if any(r["summary"].get("errors", 0) for r in results):
        return EXIT_ERRORS
    return EXIT_OK
