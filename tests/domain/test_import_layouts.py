"""Voucher exports as accounting and treasury systems write them, read without a database:
辅助核算 text, 平行记账, forward fill, 月/日 dates, unit lines, "项目", pseudo-projects, reversals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.budget_control import BudgetLineView, ControlKey, LineBalance
from jixiao.domain.classification import FundType
from jixiao.domain.import_layouts import (
    VoucherExport,
    account_role,
    basic_pseudo_project,
    parse_auxiliary,
    project_code_and_name,
    summary_reference,
)
from jixiao.domain.import_reversals import numbers_match
from jixiao.domain.imports import LineRef, ProjectRef, VoucherContext, detect_layout, validate_vouchers


def line(id, fund, econ="302", func="2012901", project=None, allocated="100000.00", doc_no=""):
    key = ControlKey(
        year=2024, department="FL", func_code=func, fund_type=fund, project=project, econ_code=econ
    )
    return LineRef(
        id=id,
        view=BudgetLineView(key=key, label=f"指标{id}", balance=LineBalance(allocated=Decimal(allocated))),
        doc_no=doc_no,
    )


CONTEXT = VoucherContext(
    department="FL",
    year=2024,
    econ_level=3,
    lines=(
        line(1, FundType.BASIC_PUBLIC, doc_no="样财预〔2024〕1号"),
        line(2, FundType.BASIC_PERSONNEL, econ="301", doc_no="样财预〔2024〕1号"),
        line(3, FundType.PROJECT, func="2012999", project="4399002401", doc_no="样财预〔2024〕5号"),
    ),
    projects=(ProjectRef(code="4399002401", name="妇女儿童维权服务"),),
)


def read(rows, *, year=2024, context=CONTEXT):
    layout = detect_layout(rows[:20], kind="vouchers")
    export = VoucherExport(rows[:20], layout, year=year)
    data = rows[layout.data_start - 1 :]
    result = validate_vouchers(
        export.rows(enumerate(data, start=layout.data_start)), layout=export.layout, context=context
    )
    return export, result


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize(
    "text",
    [
        "功能分类:2012901 行政运行;经济分类:30201 办公费",
        "功能科目：2012901 行政运行；经济科目：30201 办公费",
        "[功能科目]2012901 行政运行/[经济科目]30201 办公费",
        "部门---办公室；功能科目---2012901 行政运行；经济科目---30201 办公费",
        "经济分类=30201 办公费 | 功能分类=2012901 行政运行",
    ],
)
def test_auxiliary_text_gives_the_classifications_whatever_the_separators(text):
    found = parse_auxiliary(text)
    assert found["func_code"] == "2012901 行政运行"
    assert found["econ_code"] == "30201 办公费"


def test_auxiliary_text_gives_project_and_fund_source_and_ignores_other_items():
    found = parse_auxiliary("往来单位:城东文具店;项目:P01 科普活动;资金来源:一般公共预算;经济分类:30201")
    assert found == {"project": "P01 科普活动", "fund_source": "一般公共预算", "econ_code": "30201"}
    assert parse_auxiliary("") == {} and parse_auxiliary("部门:办公室") == {}


@pytest.mark.parametrize(
    ("code", "name", "role"),
    [
        ("710101", "", "budget"),
        ("7101.01", "", "budget"),
        ("500101", "", "financial"),
        ("1011", "", "counterpart"),
        ("800101", "", "counterpart"),
        ("", "行政支出-基本支出", "budget"),
        ("", "业务活动费用", "financial"),
        ("", "资金结存-零余额账户用款额度", "counterpart"),
        ("", "", None),
    ],
)
def test_account_roles_come_from_code_prefixes_or_names(code, name, role):
    assert account_role(code, name) == role


def test_cells_of_the_payment_system():
    assert basic_pseudo_project("样例区妇女联合会-公用经费") == "公用经费"
    assert basic_pseudo_project("基本支出-在职人员经费") == "人员经费"
    assert basic_pseudo_project("人员经费") == "人员经费"
    assert basic_pseudo_project("妇女儿童维权服务") is None
    assert project_code_and_name("4399002401-妇女儿童维权服务") == ("4399002401", "妇女儿童维权服务")
    assert project_code_and_name("P01 科普活动") == ("P01", "科普活动")
    assert project_code_and_name("妇女儿童维权服务") is None
    assert summary_reference("冲销记-0004号凭证（重复报销）") == "记-0004"
    assert summary_reference("退回 记字第12号 多报差旅费") == "记字第12"
    assert summary_reference("退回4月记-1会议费结余") == "4月记-1"
    assert numbers_match("4月记-0001", "4月记-1") and not numbers_match("5月记-0001", "4月记-1")
    assert summary_reference("购买办公用品") == ""
    assert numbers_match("记-0012/2", "记字第12") and numbers_match("记-0012", "12")
    assert not numbers_match("付-0012", "记-12")


# ---------------------------------------------------------------- layouts

GRP_HEADER = [
    "凭证日期",
    "凭证号（字号）",
    "摘要",
    "科目编码",
    "科目名称",
    "借方金额",
    "贷方金额",
    "辅助核算",
]
AUX = "功能分类:2012901 行政运行;经济分类:30201 办公费"


def payment(number, amount, aux=AUX, *, date="2024-01-08", summary="购买办公用品", financial_aux=None):
    """One payment as 政府会计制度 books it: 5001/1011 and 7101/8001."""
    return [
        [date, number, summary, "500101", "业务活动费用", amount, None, AUX if financial_aux is None else financial_aux],
        [None, None, summary, "1011", "零余额账户用款额度", None, amount, None],
        [None, None, summary, "710101", "行政支出", amount, None, aux],
        [None, None, summary, "800101", "资金结存", None, amount, None],
    ]  # fmt: skip


def test_voucher_number_with_its_word_in_brackets_is_a_known_header():
    layout = detect_layout([GRP_HEADER], kind="vouchers")
    assert layout.columns["voucher_no"] == 1 and layout.columns["aux"] == 7


def test_parallel_bookkeeping_imports_the_budget_side_once_and_says_so():
    export, result = read([GRP_HEADER, *payment("记-1", "860.00"), *payment("记-2", "140.00")])
    assert result.ok, result.errors
    assert (result.valid_rows, result.amount) == (2, Decimal("1000.00"))
    assert export.dropped == 6
    notes = "".join(export.summary_notes())
    assert "只导入预算会计分录" in notes and "略过财务会计分录（5xxx 费用）2行" in notes


def test_when_only_the_expense_line_carries_the_classifications_it_is_taken_instead():
    export, result = read([GRP_HEADER, *payment("记-1", "860.00", aux=None)])
    assert result.ok and result.amount == Decimal("860.00")
    assert "按同一凭证中带有分类的财务会计分录导入" in "".join(export.summary_notes())


def test_a_ledger_with_no_budget_side_reads_its_expense_lines():
    """An old 单位会计制度 file: 5001 经费支出 is the spending, nothing is double."""
    rows = [
        GRP_HEADER,
        ["2024-01-08", "记-1", "办公用品", "500101", "经费支出", "860.00", None, AUX],
        [None, None, "办公用品", "1011", "零余额账户用款额度", None, "860.00", None],
    ]
    _, result = read(rows)
    assert result.ok and (result.valid_rows, result.amount) == (1, Decimal("860.00"))


def test_accruals_without_a_budget_side_are_not_spending_under_parallel_bookkeeping():
    accrual = [
        ["2024-01-31", "记-9", "计提折旧", "500101", "业务活动费用", "300.00", None, AUX],
        [None, None, "计提折旧", "1602", "累计折旧", None, "300.00", None],
    ]
    export, result = read([GRP_HEADER, *accrual, *payment("记-10", "50.00")])
    assert result.ok and result.amount == Decimal("50.00")
    assert "1张凭证（自第2行起，共1行）只有财务会计分录" in "".join(export.summary_notes())


def test_summary_is_filled_down_a_voucher_but_not_into_the_next():
    header = ["日期", "凭证字号", "摘要", "科目代码", "借方", "贷方", "核算项目"]
    aux = "功能科目---2012901 行政运行；经济科目---30201 办公费"
    rows = [
        header,
        ["2024-04-03", "记 - 1", "办公用品", "7101.01", "100.00", None, aux],
        [None, None, None, "7101.01", "20.00", None, aux],
        [None, None, None, "8001.01", None, "120.00", None],
        ["2024-04-04", "记 - 2", None, "7101.01", "5.00", None, aux],
    ]
    _, result = read(rows)
    assert [(e.row, e.column) for e in result.errors] == [(5, "摘要")]
    assert result.valid_rows == 2


def test_month_and_day_columns_make_the_date_with_the_year_of_the_title():
    header = ["月", "日", "凭证号", "摘要", "功能分类", "经济分类", "借方", "贷方", "方向", "余额"]
    rows = [
        ["2024年"],
        header,
        ["3", "5", "记-1", "办公用品", "2012901", "30201", "10.00", "", "借", "10.00"],
    ]
    export, result = read(rows, year=2024)
    assert result.ok and result.valid_rows == 1
    assert "年份取自表头上方的年度" in "".join(export.summary_notes())
    # a title of another year is not silently replaced by the import's year
    _, wrong = read([["2023年"], *rows[1:]], year=2024)
    assert [e.message for e in wrong.errors] == ["日期2023-03-05不在2024年度内"]


def test_a_column_unit_that_contradicts_the_unit_line_is_warned_about():
    header = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "借方金额（万元）"]
    rows = [["金额单位：元"], header, ["2024-03-05", "记-1", "会议费", "2012901", "30215", "0.12"]]
    export, result = read(rows)
    assert result.ok and result.amount == Decimal("1200.00")
    [note] = export.summary_notes()
    assert "第1行注明“金额单位：元”" in note and "“借方金额（万元）”列注明万元" in note


def test_a_column_named_project_is_the_project_in_a_voucher_file():
    header = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "项目", "金额"]
    rows = [
        header,
        ["2024-03-05", "记-1", "宣传资料", "2012999", "30202", "4399002401 妇女儿童维权服务", "90.00"],
    ]
    export, result = read(rows)
    assert export.layout.columns["project_name"] == 5 and "sg_item" not in export.layout.columns
    assert result.ok and result.line_totals[3].amount == Decimal("90.00")


# ---------------------------------------------------------------- 一体化 支付明细

PAY_HEADER = ["支付凭证号", "支付日期", "指标文号", "预算项目", "功能分类", "部门经济分类", "收款人全称", "支付金额（元）", "用途"]  # fmt: skip


def test_payment_detail_reads_pseudo_projects_and_code_name_projects():
    rows = [
        PAY_HEADER,
        ["ZF1", "2024-07-02", "样财预〔2024〕1号", "样例区妇女联合会-公用经费", "2012901-行政运行", "30201-办公费", "城东文具店", "100.00", "办公用品"],
        ["ZF2", "2024-07-10", "样财预〔2024〕1号", "样例区妇女联合会-人员经费", "2012901-行政运行", "30101-基本工资", "工资专户", "900.00", "工资"],
        ["ZF3", "2024-07-16", "样财预〔2024〕5号", "4399002401-妇女儿童维权服务", "2012999-其他群众团体事务支出", "30227-委托业务费", "样例法律服务所", "50.00", "法律服务"],
    ]  # fmt: skip
    _, result = read(rows)
    assert result.ok, result.errors
    assert {k: t.amount for k, t in result.line_totals.items()} == {
        1: Decimal("100.00"),
        2: Decimal("900.00"),
        3: Decimal("50.00"),
    }


def test_an_unmatched_payment_is_an_error_naming_the_key_it_looked_for_never_another_line():
    rows = [
        PAY_HEADER,
        # 项目支出 under the 基本支出 document: both lines of 样财预〔2024〕1号 are basic.
        ["ZF1", "2024-07-02", "样财预〔2024〕1号", "4399002401-妇女儿童维权服务", "2012999-其他群众团体事务支出", "30201-办公费", "城东文具店", "100.00", "办公用品"],
        ["ZF2", "2024-07-02", "样财预〔2024〕5号", "9999-不存在的项目", "2012999-其他群众团体事务支出", "30201-办公费", "城东文具店", "100.00", "办公用品"],
    ]  # fmt: skip
    _, result = read(rows)
    messages = {e.row: (e.column, e.message) for e in result.errors}
    assert messages[2][0] == "指标文号"
    assert "“样财预〔2024〕1号”下没有与本行相符的预算指标（查找：" in messages[2][1]
    assert "项目支出，项目“4399002401”，经济分类30201办公费" in messages[2][1]
    assert messages[3] == (
        "预算项目",
        "项目“9999-不存在的项目”不是本单位2024年度的项目（按项目编码“9999”和名称“不存在的项目”查找）",
    )


# ---------------------------------------------------------------- reversals


def test_a_refund_matches_an_earlier_payment_by_amount_and_payee():
    rows = [
        PAY_HEADER,
        ["ZF1", "2024-08-01", "样财预〔2024〕1号", "公用经费", "2012901", "30211", "样例旅行服务部", "980.00", "差旅费"],
        ["ZF2", "2024-08-09", "样财预〔2024〕1号", "公用经费", "2012901", "30211", "样例旅行服务部", "-980.00", "差旅费退回"],
        ["ZF3", "2024-08-10", "样财预〔2024〕1号", "公用经费", "2012901", "30211", "另一家旅行社", "-50.00", "退回"],
    ]  # fmt: skip
    _, result = read(rows)
    assert [e.row for e in result.errors] == [4]
    assert "按金额50.00元和收款人“另一家旅行社”查找" in result.errors[0].message
    assert result.line_totals[1].amount == Decimal("-50.00")  # 980 − 980 − 50: refused anyway


@pytest.mark.parametrize(
    ("summary", "amount", "message"),
    [
        ("冲销记-0007号凭证", "-100.00", "注明的原凭证“记-0007”在本文件此前各行和已入账的凭证中都找不到"),
        ("冲销记-1号凭证", "-999.00", "超过原凭证“记-1”的金额860.00元"),
        ("冲销记-1号凭证", "-860.00", None),
        ("退回记-1部分款项", "-60.00", None),
    ],
)
def test_a_red_line_names_the_voucher_it_reverses(summary, amount, message):
    rows = [
        GRP_HEADER,
        *payment("记-1", "860.00"),
        *payment("记-2", amount, summary=summary, date="2024-02-01"),
    ]
    _, result = read(rows)
    if message is None:
        assert result.ok, result.errors
        assert result.amount == Decimal("860.00") + Decimal(amount)
    else:
        assert [e.row for e in result.errors] == [8] and message in result.errors[0].message


def test_a_reversal_on_another_line_than_its_original_is_refused():
    rows = [
        GRP_HEADER,
        *payment("记-1", "860.00"),
        *payment("记-2", "-860.00", aux="功能分类:2012901;经济分类:30101", summary="冲销记-1"),
    ]
    _, result = read(rows)
    assert len(result.errors) == 1 and "与本行的功能分类、经济分类或项目不一致" in result.errors[0].message


def test_in_a_plain_voucher_file_the_summary_is_filled_down_its_voucher_only():
    header = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "借方金额"]
    rows = [
        header,
        ["2024-04-03", "记-1", "办公用品", "2012901", "30201", "100.00"],
        [None, None, None, "2012901", "30201", "20.00"],
        ["2024-04-04", "记-2", None, "2012901", "30201", "5.00"],
        ["2024-04-05", "记-3", "会议费", "2012901", "30215", "7.00"],
        ["", "", "本日合计", "", "", "7.00"],
        [None, None, None, "2012901", "30215", "1.00"],
    ]
    export, result = read(rows)
    assert not export.grouped
    # nothing of a voucher carries across a total row: not its key, not its 摘要
    assert sorted((e.row, e.column) for e in result.errors) == [
        (4, "摘要"),
        (7, "凭证号"),
        (7, "摘要"),
        (7, "日期"),
    ]
    assert result.valid_rows == 3 and result.total_rows == 1


def test_year_month_and_day_columns_make_the_date():
    header = ["年", "月", "日", "凭证号", "摘要", "功能分类", "经济分类", "借方"]
    rows = [header, ["2024", "2", "29", "记-1", "办公用品", "2012901", "30201", "10.00"], [None, None, "30", "记-2", "印刷", "2012901", "30202", "5.00"]]  # fmt: skip
    export, result = read(rows)
    assert [(e.row, e.message) for e in result.errors] == [(3, "“2024-02-30”不是有效日期（该日不存在）")]
    assert "年份取自“年”列" in "".join(export.summary_notes())
