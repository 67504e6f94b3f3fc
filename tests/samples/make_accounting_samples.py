"""Make the sample exports of accounting and treasury systems in tests/samples/accounting/.

    python tests/samples/make_accounting_samples.py          # (re)write the files and manifest.json

Every file is built from the PUBLIC DESCRIPTIONS of each layout collected in
shared/docs/import-formats.md (the sections are named below); nothing comes from a real
department's books. The department (样例区妇女联合会), payees (城东文具店, 样例印务有限公司…),
project and document numbers are invented; no person is named. Amounts are made up so that
each file's budget-side total is easy to check by hand; manifest.json records, for every file,
the budget lines a fresh department needs, the number of voucher lines that import and their
net total (the 7xxx budget side, refunds subtracted).

1. 用友 GRP-U8 序时账 (§2.2; §1.2 title and meta rows; §1.4 4-2-2-2 codes): title, 单位, 期间 and
   "金额单位：元" above the header 凭证日期 | 凭证号（字号） | 摘要 | 科目编码 | 科目名称 | 借方金额 |
   贷方金额 | 辅助核算. Under 政府会计制度 every payment is booked twice (平行记账): 借 5001 业务活动费用
   / 贷 1011 零余额账户用款额度 and 借 7101 行政支出 / 贷 8001 资金结存, the 功能科目 and 经济科目
   hung on the expense accounts as 辅助核算 text. The voucher date and number are written on the
   first line of a voucher only. One voucher is a 红字 reversal of an earlier one ("冲销记-0004号
   凭证", amounts negative); one is a depreciation accrual (5001 against 1602, no budget side);
   one books a 财政拨款 receipt (no expense at all).
   Written twice: as a BIFF .xls (xlwt) and as the HTML table a GRP web client saves as ".xls",
   GBK-encoded, where the voucher key cells span the voucher's lines (rowspan).
2. 金蝶 KIS 凭证查询 / 会计分录序时簿 (§2.4): 审核 | 过账 | 日期 | 会计期间 | 凭证字号 | 摘要 | 科目代码 |
   科目名称 | 币别 | 原币金额 | 借方 | 贷方 | 核算项目, dotted account codes ("7101.01"), "记 - 1"
   voucher numbers restarting each period, the date, period, number and 摘要 on the first line of
   a voucher only, a
   合计 row with no account code. The 核算项目 text "功能科目---2012901 行政运行；经济科目---…" is
   an assumption ([U] in §2.4: the exact KIS wording was not seen). One refund: 贷 7101 naming the
   voucher it partly refunds in its 摘要 ("退回4月记-1会议费结余").
3. 预算管理一体化 支付明细 (§2.7, the PAY_VOUCHER_BILL / PAY_DETAIL elements and the grids quoted
   there): 支付凭证号 | 支付日期 | 预算单位 | 指标文号 | 预算项目 | 功能分类 | 部门经济分类 | 政府经济分类
   | 资金性质 | 支付方式 | 收款人全称 | 支付金额（元） | 用途 | 原支付凭证号, classifications as
   "code-name" cells (§1.4), 基本支出 listed as the pseudo-projects "…-公用经费" / "…-人员经费",
   projects as "code-name". One 退回 row with a negative amount and no 原支付凭证号: it reverses
   the earlier payment of the same amount to the same payee.
4. 明细账 saved as CSV from Chinese Excel: GBK without a BOM (§1.1), a 三栏式 辅助明细账 of 7101
   行政支出 with 月 | 日 split dates under a "2024年" title (§1.5), 期初余额 / 本月合计 / 本年累计
   rows (§1.2), 方向 | 余额 columns, and one 贷方 refund ("退回记-22差旅费").
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

OUT = Path(__file__).resolve().parent / "accounting"
YEAR = 2024
DEPARTMENT = "样例区妇女联合会"
DOC_BASIC = "样财预〔2024〕1号"
DOC_PROJECT = "样财预〔2024〕5号"
PROJECT = ("4399002401", "妇女儿童维权服务")

# The budget lines a fresh department needs for every sample (amounts in 元).
LINES = [
    {"fund_type": "basic_public", "func_code": "2012901", "econ_code": "302", "amount": "200000.00", "doc_no": DOC_BASIC},
    {"fund_type": "basic_personnel", "func_code": "2012901", "econ_code": "301", "amount": "600000.00", "doc_no": DOC_BASIC},
    {"fund_type": "project", "func_code": "2012999", "econ_code": "302", "amount": "150000.00", "doc_no": DOC_PROJECT, "project": PROJECT[0]},
]  # fmt: skip

FUNC = {"2012901": "行政运行", "2012999": "其他群众团体事务支出"}
ECON = {
    "30101": "基本工资", "30102": "津贴补贴", "30201": "办公费", "30202": "印刷费", "30207": "邮电费",
    "30211": "差旅费", "30213": "维修（护）费", "30215": "会议费", "30216": "培训费", "30227": "委托业务费",
    "30228": "工会经费",
}  # fmt: skip


def money(text: str) -> Decimal:
    return Decimal(text)


# ---------------------------------------------------------------- 1. GRP-U8 序时账


def grp_aux(func: str, econ: str, *, project: bool = False) -> str:
    text = f"功能分类:{func} {FUNC[func]};经济分类:{econ} {ECON[econ]}"
    if project:
        text += f";项目:{PROJECT[0]} {PROJECT[1]}"
    return text + ";资金来源:一般公共预算"


# (date, number, summary, [(func, econ, amount)], project?) — one payment per entry, both sides.
GRP_PAYMENTS = [
    (dt.date(2024, 1, 8), "记-0001", "购买办公用品", [("2012901", "30201", "860.00")], False),
    (dt.date(2024, 1, 15), "记-0002", "发放1月工资", [("2012901", "30101", "42000.00"), ("2012901", "30102", "18500.00")], False),
    (dt.date(2024, 2, 6), "记-0003", "报销差旅费", [("2012901", "30211", "1260.00")], False),
    (dt.date(2024, 2, 20), "记-0004", "印制维权宣传资料", [("2012999", "30202", "3600.00")], True),
    (dt.date(2024, 3, 5), "记-0005", "冲销记-0004号凭证（重复报销）", [("2012999", "30202", "-3600.00")], True),
    (dt.date(2024, 3, 12), "记-0006", "发放2月工资", [("2012901", "30101", "42000.00")], False),
]  # fmt: skip


def grp_rows() -> tuple[list[list], list[list]]:
    """(lines with the voucher key on each voucher's first line only, [rowspan sizes per voucher])."""
    vouchers: list[list[list]] = []
    for date, number, summary, items, project in GRP_PAYMENTS:
        total = sum(money(a) for _, _, a in items)
        lines = []
        for func, econ, amount in items:
            lines.append(
                [
                    summary,
                    "500101",
                    "业务活动费用-商品和服务费用" if econ.startswith("302") else "业务活动费用-工资福利费用",
                    money(amount),
                    None,
                    grp_aux(func, econ, project=project),
                ]
            )
        lines.append([summary, "1011", "零余额账户用款额度", None, total, ""])
        for func, econ, amount in items:
            lines.append(
                [
                    summary,
                    "710101",
                    "行政支出-基本支出" if not project else "行政支出-项目支出",
                    money(amount),
                    None,
                    grp_aux(func, econ, project=project),
                ]
            )
        lines.append([summary, "800101", "资金结存-零余额账户用款额度", None, total, ""])
        vouchers.append([[date, number, *line] for line in lines])
    # an accrual with no budget side, and a receipt of funds: neither is spending
    vouchers.append(
        [
            [
                dt.date(2024, 3, 20),
                "记-0007",
                "计提3月固定资产折旧",
                "500101",
                "业务活动费用-固定资产折旧费",
                money("1450.00"),
                None,
                grp_aux("2012901", "30201"),
            ],
            [
                dt.date(2024, 3, 20),
                "记-0007",
                "计提3月固定资产折旧",
                "1602",
                "固定资产累计折旧",
                None,
                money("1450.00"),
                "",
            ],
        ]
    )
    vouchers.append([
        [dt.date(2024, 3, 25), "记-0008", "收到一季度财政拨款", "1011", "零余额账户用款额度", money("300000.00"), None, ""],
        [dt.date(2024, 3, 25), "记-0008", "收到一季度财政拨款", "4001", "财政拨款收入", None, money("300000.00"), "功能分类:2012901 行政运行"],
        [dt.date(2024, 3, 25), "记-0008", "收到一季度财政拨款", "800101", "资金结存-零余额账户用款额度", money("300000.00"), None, ""],
        [dt.date(2024, 3, 25), "记-0008", "收到一季度财政拨款", "6001", "财政拨款预算收入", None, money("300000.00"), "功能分类:2012901 行政运行"],
    ])  # fmt: skip
    return vouchers


GRP_HEAD = [
    ["序时账"],
    [f"单位：{DEPARTMENT}（样例，非真实数据）"],
    [f"期间：{YEAR}年01月至{YEAR}年03月"],
    ["金额单位：元"],
    ["凭证日期", "凭证号（字号）", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "辅助核算"],
]


def write_grp_xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("序时账")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    amounts = xlwt.easyxf(num_format_str="#,##0.00")
    r = 0
    for row in GRP_HEAD:
        for c, value in enumerate(row):
            sheet.write(r, c, value)
        r += 1
    for voucher in grp_rows():
        for index, line in enumerate(voucher):
            for c, value in enumerate(line):
                if c in (0, 1) and index:
                    continue  # the voucher key on its first line only
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, dates)
                elif isinstance(value, Decimal):
                    sheet.write(r, c, float(value), amounts)  # BIFF stores doubles
                elif value not in (None, ""):
                    sheet.write(r, c, value)
            r += 1
    book.save(str(path))


def write_grp_html(path: Path) -> None:
    parts = [
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>',
        '<table border="1">',
    ]
    for row in GRP_HEAD[:-1]:
        parts.append(f'<tr><td colspan="8">{row[0]}</td></tr>')
    parts.append("<tr>" + "".join(f"<th>{h}</th>" for h in GRP_HEAD[-1]) + "</tr>")
    for voucher in grp_rows():
        for index, line in enumerate(voucher):
            cells = []
            for c, value in enumerate(line):
                if c in (0, 1):
                    if index:
                        continue  # covered by the rowspan of the first line
                    text = value.isoformat() if isinstance(value, dt.date) else value
                    cells.append(f'<td rowspan="{len(voucher)}">{text}</td>')
                elif isinstance(value, Decimal):
                    cells.append(f'<td align="right">{value:,.2f}</td>')
                else:
                    cells.append(f"<td>{value or ''}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table></body></html>")
    path.write_bytes("\n".join(parts).encode("gb18030"))


# ---------------------------------------------------------------- 2. KIS 凭证查询


def kis_aux(func: str, econ: str, *, project: bool = False) -> str:
    text = f"功能科目---{func} {FUNC[func]}；经济科目---{econ} {ECON[econ]}"
    return text + (f"；项目---{PROJECT[0]} {PROJECT[1]}" if project else "")


# KIS numbers vouchers afresh in each period: 记 - 1 in April and again in May and June.
KIS_PAYMENTS = [
    (dt.date(2024, 4, 3), 1, "支付季度工作会议费", "2012901", "30215", "2400.00", False),
    (dt.date(2024, 4, 18), 2, "维权骨干培训班培训费", "2012999", "30216", "5800.00", True),
    (dt.date(2024, 5, 10), 1, "办公设备维修", "2012901", "30213", "1150.00", False),
    (dt.date(2024, 5, 28), 2, "维权热线电话费", "2012901", "30207", "320.00", False),
]


def kis_rows() -> list[list]:
    header = ["审核", "过账", "日期", "会计期间", "凭证字号", "摘要", "科目代码", "科目名称", "币别", "原币金额", "借方", "贷方", "核算项目"]  # fmt: skip
    rows: list[list] = [
        ["会计分录序时簿"],
        [
            f"核算单位：{DEPARTMENT}（样例，非真实数据）",
            None,
            None,
            None,
            None,
            f"会计期间：{YEAR}年第4期至{YEAR}年第6期",
        ],
        header,
    ]

    def voucher(date, number, summary, lines):
        for index, (code, name, debit, credit, aux) in enumerate(lines):
            first = index == 0
            amount = debit if debit is not None else credit
            rows.append(
                [
                    "是" if first else None,
                    "是" if first else None,
                    date if first else None,
                    f"{YEAR}年第{date.month}期" if first else None,
                    f"记 - {number}" if first else None,
                    summary if first else None,
                    code, name, "人民币", amount, debit, credit, aux,
                ]
            )  # fmt: skip

    for date, number, summary, func, econ, amount, project in KIS_PAYMENTS:
        value = money(amount)
        side = "行政支出-项目支出" if project else "行政支出-基本支出"
        voucher(
            date,
            number,
            summary,
            [
                ("5001.01", "业务活动费用-商品和服务费用", value, None, kis_aux(func, econ, project=project)),
                ("1011", "零余额账户用款额度", None, value, ""),
                ("7101.01", side, value, None, kis_aux(func, econ, project=project)),
                ("8001.01", "资金结存-零余额账户用款额度", None, value, ""),
            ],
        )
    refund = money("600.00")
    voucher(
        dt.date(2024, 6, 5),
        1,
        "退回4月记-1会议费结余",
        [
            ("1011", "零余额账户用款额度", refund, None, ""),
            ("5001.01", "业务活动费用-商品和服务费用", None, refund, kis_aux("2012901", "30215")),
            ("8001.01", "资金结存-零余额账户用款额度", refund, None, ""),
            ("7101.01", "行政支出-基本支出", None, refund, kis_aux("2012901", "30215")),
        ],
    )
    total_debit = sum(money(p[5]) for p in KIS_PAYMENTS) * 2 + refund * 2
    rows.append(
        [None, None, None, None, None, "合计", None, None, None, None, total_debit, total_debit, None]
    )
    return rows


def write_kis_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "会计分录序时簿"
    for row in kis_rows():
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=4):
        cells[2].number_format = "yyyy-mm-dd"
        for cell in cells[9:12]:
            cell.number_format = "#,##0.00"
    book.save(path)


# ---------------------------------------------------------------- 3. 一体化 支付明细

PAYMENTS = [
    ("ZF24000101", dt.date(2024, 7, 2), DOC_BASIC, f"{DEPARTMENT}-公用经费", "2012901", "30201", "50201-办公经费", "城东文具店", "1280.00", "购买办公用品", ""),
    ("ZF24000102", dt.date(2024, 7, 10), DOC_BASIC, f"{DEPARTMENT}-人员经费", "2012901", "30101", "50101-工资奖金津补贴", "工资统发专户", "42000.00", "7月工资", ""),
    ("ZF24000103", dt.date(2024, 7, 16), DOC_PROJECT, f"{PROJECT[0]}-{PROJECT[1]}", "2012999", "30227", "50205-委托业务费", "样例法律服务所", "12000.00", "维权法律援助服务费", ""),
    ("ZF24000104", dt.date(2024, 8, 1), DOC_BASIC, f"{DEPARTMENT}-公用经费", "2012901", "30211", "50201-办公经费", "样例旅行服务部", "980.00", "赴市参加培训差旅费", ""),
    ("ZF24000105", dt.date(2024, 8, 9), DOC_BASIC, f"{DEPARTMENT}-公用经费", "2012901", "30211", "50201-办公经费", "样例旅行服务部", "-980.00", "差旅费退回", ""),
    ("ZF24000106", dt.date(2024, 8, 20), DOC_PROJECT, f"{PROJECT[0]}-{PROJECT[1]}", "2012999", "30202", "50201-办公经费", "样例印务有限公司", "2350.00", "印制维权手册", ""),
]  # fmt: skip


def write_payments_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "支付明细"
    sheet.append([f"国库集中支付明细查询（{YEAR}年7月—8月）"])
    sheet.append(
        [
            f"预算单位：439900-{DEPARTMENT}（样例，非真实数据）",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "单位：元",
        ]
    )
    sheet.append(["支付凭证号", "支付日期", "预算单位", "指标文号", "预算项目", "功能分类", "部门经济分类", "政府经济分类", "资金性质", "支付方式", "收款人全称", "支付金额（元）", "用途", "原支付凭证号"])  # fmt: skip
    for number, date, doc, project, func, econ, gov, payee, amount, use, original in PAYMENTS:
        sheet.append(
            [
                number, date.isoformat(), f"439900-{DEPARTMENT}", doc, project, f"{func}-{FUNC[func]}",
                f"{econ}-{ECON[econ]}", gov, "1-一般公共预算资金", "授权支付", payee, money(amount), use,
                original or None,
            ]
        )  # fmt: skip
    book.save(path)


# ---------------------------------------------------------------- 4. GBK 明细账 CSV

LEDGER = [
    (9, 3, "记-21", "购买办公用品", "30201", "540.00", ""),
    (9, 12, "记-22", "报销差旅费", "30211", "1860.00", ""),
    None,  # 本月合计
    (10, 8, "记-23", "退回记-22差旅费", "30211", "", "1860.00"),
    (10, 15, "记-24", "拨付工会经费", "30228", "1200.00", ""),
    None,
]


def write_ledger_csv(path: Path) -> None:
    rows: list[list] = [
        ["明细账"],
        ["科目：710101 行政支出-基本支出"],
        [f"{YEAR}年", "", "", "", "", "", "", "", "金额单位：元"],
        ["月", "日", "凭证号", "摘要", "功能分类", "经济分类", "借方", "贷方", "方向", "余额"],
        ["", "", "", "期初余额", "", "", "", "", "平", "0.00"],
    ]
    balance = Decimal("0.00")
    month_debit = month_credit = Decimal("0.00")
    year_debit = year_credit = Decimal("0.00")
    month = 9
    for entry in LEDGER:
        if entry is None:
            rows.append(
                [
                    "",
                    "",
                    "",
                    "本月合计",
                    "",
                    "",
                    f"{month_debit:,.2f}",
                    f"{month_credit:,.2f}",
                    "借",
                    f"{balance:,.2f}",
                ]
            )
            month_debit = month_credit = Decimal("0.00")
            continue
        month, day, number, summary, econ, debit, credit = entry
        debit_value = money(debit) if debit else Decimal("0.00")
        credit_value = money(credit) if credit else Decimal("0.00")
        balance += debit_value - credit_value
        month_debit += debit_value
        month_credit += credit_value
        year_debit += debit_value
        year_credit += credit_value
        rows.append(
            [
                str(month), str(day), number, summary, "2012901 行政运行", f"{econ} {ECON[econ]}",
                f"{debit_value:,.2f}" if debit else "", f"{credit_value:,.2f}" if credit else "", "借", f"{balance:,.2f}",
            ]
        )  # fmt: skip
    rows.append(
        ["", "", "", "本年累计", "", "", f"{year_debit:,.2f}", f"{year_credit:,.2f}", "借", f"{balance:,.2f}"]
    )
    with open(path, "w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(rows)


# ---------------------------------------------------------------- manifest


def manifest() -> dict:
    grp_total = sum(money(a) for *_, items, _ in GRP_PAYMENTS for _, _, a in items)
    grp_count = sum(len(items) for *_, items, _ in GRP_PAYMENTS)
    kis_total = sum(money(p[5]) for p in KIS_PAYMENTS) - money("600.00")
    pay_total = sum(money(p[8]) for p in PAYMENTS)
    ledger = [e for e in LEDGER if e is not None]
    ledger_total = sum(money(e[5] or "0") - money(e[6] or "0") for e in ledger)
    grp = {"count": grp_count, "total": str(grp_total), "reversals": 1, "reverses": ["2月记-0004"]}
    return {
        "department": DEPARTMENT,
        "year": YEAR,
        "econ_control_level": 3,
        "project": {"code": PROJECT[0], "name": PROJECT[1]},
        "lines": LINES,
        "files": {
            "grp_u8_xushizhang.xls": grp,
            "grp_u8_xushizhang_web.xls": grp,
            "kis_pingzheng_xushibu.xlsx": {"count": len(KIS_PAYMENTS) + 1, "total": str(kis_total), "reversals": 1, "reverses": ["4月记-1"]},
            "yitihua_zhifu_mingxi.xlsx": {"count": len(PAYMENTS), "total": str(pay_total), "reversals": 1, "reverses": ["ZF24000104"]},
            "mingxizhang_gbk.csv": {"count": len(ledger), "total": str(ledger_total), "reversals": 1, "reverses": ["9月记-22"]},
        },
    }  # fmt: skip


def main(out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    write_grp_xls(out / "grp_u8_xushizhang.xls")
    write_grp_html(out / "grp_u8_xushizhang_web.xls")
    write_kis_xlsx(out / "kis_pingzheng_xushibu.xlsx")
    write_payments_xlsx(out / "yitihua_zhifu_mingxi.xlsx")
    write_ledger_csv(out / "mingxizhang_gbk.csv")
    (out / "manifest.json").write_text(
        json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return out


if __name__ == "__main__":
    print(main())
