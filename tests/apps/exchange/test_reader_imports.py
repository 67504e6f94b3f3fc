"""Imports read through the file readers: the layouts web systems export."""

from __future__ import annotations

from decimal import Decimal

from jixiao.apps.exchange.models import ImportStatus
from jixiao.apps.exchange.services import voucher_import
from tests.apps.exchange.helpers import three_lines


def _web_xls(path, body: str):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        f"<body><table>{body}</table></body></html>"
    )
    path.write_bytes(page.encode("gbk"))
    return path


def test_a_web_voucher_export_with_merged_keys_passes_a_dry_run_with_the_right_count_and_total(
    officer, department, tmp_path
):
    three_lines(actor=officer, department=department)
    lines = [
        ("2023-10-11", "记-1011", [("办公费", "30201", "860.00"), ("邮电费", "30207", "39.50")]),
        ("2023-10-12", "记-1012", [("差旅费", "30211", "1,200.00")]),
        (
            "2023-10-15",
            "记-1013",
            [("会议费", "30215", "300.00"), ("培训费", "30216", "450.00"), ("印刷费", "30202", "10.00")],
        ),
    ]
    body = "<tr><th>凭证日期</th><th>凭证号</th><th>摘要</th><th>功能分类</th><th>经济分类</th><th>借方金额</th></tr>"
    for date, number, items in lines:
        for index, (summary, econ, amount) in enumerate(items):
            keys = (
                f"<td rowspan={len(items)}>{date}</td><td rowspan={len(items)}>{number}</td>"
                if index == 0
                else ""
            )
            body += f"<tr>{keys}<td>{summary}</td><td>2012901</td><td>{econ}</td><td>{amount}</td></tr>"
    path = _web_xls(tmp_path / "序时账.xls", body)
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path, dry_run=True)
    assert outcome.errors == []
    assert outcome.status == ImportStatus.PREVIEWED
    assert outcome.result.valid_rows == 6
    assert outcome.result.amount == Decimal("2859.50")
