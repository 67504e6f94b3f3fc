"""Import rules without a database: headers, cells, row validation, set-based budget control."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.domain.budget_control import BudgetLineView, ControlKey, LineBalance
from jixiao.domain.classification import FundType
from jixiao.domain.imports import (
    BudgetContext,
    CellError,
    ImportRefused,
    LineRef,
    ProjectRef,
    VoucherContext,
    detect_layout,
    parse_amount,
    parse_date,
    split_code,
    validate_budget,
    validate_sangong,
    validate_vouchers,
)

HEADER = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "项目编码", "借方金额", "贷方金额"]


def line(id, fund, econ="302", func="2012901", project=None, allocated="1000.00", name=""):
    key = ControlKey(
        year=2023, department="KX", func_code=func, fund_type=fund, project=project, econ_code=econ
    )
    return LineRef(
        id=id,
        view=BudgetLineView(
            key=key, label=name or f"指标{id}", balance=LineBalance(allocated=Decimal(allocated))
        ),
        name=name,
    )


CONTEXT = VoucherContext(
    department="KX",
    year=2023,
    econ_level=3,
    lines=(
        line(1, FundType.BASIC_PUBLIC, name="公用经费302"),
        line(2, FundType.BASIC_PERSONNEL, econ="301", allocated="5000.00", name="人员经费301"),
        line(3, FundType.PROJECT, func="2060702", project="P01", allocated="800.00", name="科普活动302"),
    ),
    projects=(
        ProjectRef(code="P01", name="科普活动"),
        ProjectRef(code="P09", name="已验收项目", payable=False, stage_label="完成验收"),
    ),
    existing_numbers=frozenset({"记-0099"}),
)


def run(rows, header=HEADER, context=CONTEXT, head=()):
    all_rows = [*head, header, *rows]
    layout = detect_layout(all_rows[:20], kind="vouchers")
    data = all_rows[layout.data_start - 1 :]
    return validate_vouchers(
        ((n, r) for n, r in enumerate(data, start=layout.data_start)), layout=layout, context=context
    )


def ok_row(number="记-0001", amount="100.00", econ="30201", date="2023-03-15", project="", func="2012901"):
    return [date, number, "办公用品", func, econ, project, amount, ""]


# ---------------------------------------------------------------- headers


def test_header_row_is_found_below_title_and_meta_rows_by_keyword_scoring():
    head = [["凭证序时簿"], ["单位：常宁市科协", None, "期间：2023年"], [None]]
    layout = detect_layout([*head, HEADER, ok_row()], kind="vouchers")
    assert layout.header_row == 4
    assert layout.columns["voucher_no"] == 1
    assert layout.columns["debit"] == 6
    assert layout.missing == ()


def test_vendor_header_synonyms_map_to_the_same_fields():
    layout = detect_layout(
        [["制单日期", "凭证字号", "凭证摘要", "支出功能分类科目", "部门经济分类", "金额借方", "金额贷方"]],
        kind="vouchers",
    )
    assert layout.columns == {
        "date": 0, "voucher_no": 1, "summary": 2, "func_code": 3, "econ_code": 4, "debit": 5, "credit": 6,
    }  # fmt: skip


def test_merged_two_level_header_is_forward_filled_and_joined_with_a_slash():
    top = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "借方", None, "贷方", None]
    below = [None, None, None, None, None, "数量", "金额", "数量", "金额"]
    layout = detect_layout(
        [top, below, ["2023-01-05", "记-1", "x", "2012901", "30201", 1, 5, None, None]], kind="vouchers"
    )
    assert layout.header_rows == 2
    assert layout.headers[6] == "借方/金额"
    assert layout.columns["debit"] == 6
    assert layout.columns["credit"] == 8
    assert layout.data_start == 3


def test_unit_is_read_from_the_meta_row_or_the_header_cell():
    in_meta = detect_layout(
        [["指标表"], ["金额单位：万元"], ["功能分类", "经济分类", "支出性质", "指标金额"]], kind="budget"
    )
    in_header = detect_layout([["功能分类", "经济分类", "支出性质", "指标金额（元）"]], kind="budget")
    assert in_meta.units["bgt_amount"] == Decimal(10000)
    assert in_header.units["bgt_amount"] == Decimal(1)


def test_saved_mapping_wins_over_the_synonym_table_and_fills_unknown_headers():
    header = ["记账日", "凭证号", "摘要", "功能分类", "经济分类", "支出额"]
    assert set(detect_layout([header], kind="vouchers").missing) == {"date", "amount"}
    layout = detect_layout([header], kind="vouchers", saved={"记账日": "date", "支出额": "amount"})
    assert layout.missing == ()
    assert layout.columns["amount"] == 5


def test_a_file_without_any_recognisable_header_is_refused_in_chinese():
    with pytest.raises(ImportRefused, match="没有找到表头行"):
        detect_layout([["a", "b"], [1, 2]], kind="vouchers")


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,234.56", "1234.56"),
        ("¥1,234.5", "1234.50"),
        ("(1,234.56)", "-1234.56"),
        ("1,234.56-", "-1234.56"),
        ("'88", "88.00"),
        (Decimal("12.3"), "12.30"),
        (7, "7.00"),
        ("  1 000.00 元", "1000.00"),
    ],
)
def test_amount_text_is_parsed_to_decimal_yuan(cell, expected):
    assert parse_amount(cell) == Decimal(expected)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("一百元", "不是有效金额"),
        ("12.345", "超过两位小数"),
        (Decimal("0.001"), "超过两位小数"),
        ("1.2.3", "不是有效金额"),
    ],
)
def test_bad_amounts_are_refused_with_a_chinese_message(cell, message):
    with pytest.raises(CellError, match=message):
        parse_amount(cell)


def test_amounts_in_wan_yuan_become_yuan():
    assert parse_amount("208.4", unit=Decimal(10000)) == Decimal("2084000.00")
    with pytest.raises(CellError, match="超过两位小数"):
        parse_amount("0.0000001", unit=Decimal(10000))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-01-15", dt.date(2024, 1, 15)),
        ("2024/1/5", dt.date(2024, 1, 5)),
        ("2024年3月26日", dt.date(2024, 3, 26)),
        ("20240115", dt.date(2024, 1, 15)),
        (45742, dt.date(2025, 3, 26)),
        (dt.datetime(2023, 2, 1, 0, 0), dt.date(2023, 2, 1)),
    ],
)
def test_dates_in_the_formats_seen_in_exports(cell, expected):
    assert parse_date(cell) == expected


def test_impossible_dates_are_refused():
    with pytest.raises(CellError, match="该日不存在"):
        parse_date("2023-02-30")
    with pytest.raises(CellError, match="不是有效日期"):
        parse_date("下周一")


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("2012901-行政运行", "2012901"),
        ("2012901 行政运行", "2012901"),
        ("[30201]办公费", "30201"),
        (2012901, "2012901"),
        ("30201办公费", "30201"),
    ],
)
def test_code_and_name_in_one_cell_are_split(cell, code):
    assert split_code(cell)[0] == code


# ---------------------------------------------------------------- voucher rows


def test_a_clean_file_validates_and_totals_per_line():
    result = run([ok_row("记-0001", "100.00"), ok_row("记-0002", "250.50", econ="30211")])
    assert result.ok
    assert result.valid_rows == 2
    assert result.line_totals[1].amount == Decimal("350.50")
    assert result.line_totals[1].after == Decimal("649.50")


def test_every_error_is_reported_with_row_column_and_message():
    result = run(
        [
            ok_row("记-0001"),
            ok_row("记-0002", date="2023-13-01"),
            ok_row("记-0003", amount="-5.00"),
            ok_row("记-0004", amount="12.345"),
            ok_row("记-0005", amount="壹佰"),
            ok_row("记-0006", econ="39999"),
            ok_row("记-0007", func="2019999"),
            ["2023-03-01", "记-0008", "", "2012901", "30201", "", "1.00", ""],
            ok_row("记-0001"),
            ok_row("记-0099"),
            ok_row("记-0010", date="2022-12-31"),
        ]
    )
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (3, "日期"),
        (4, "借方金额"),
        (5, "借方金额"),
        (6, "借方金额"),
        (7, "经济分类"),
        (8, "功能分类"),
        (9, "摘要"),
        (10, "凭证号"),
        (11, "凭证号"),
        (12, "日期"),
    }
    messages = {e.row: e.message for e in result.errors}
    assert "冲销（红字/退回）" in messages[4] and "都找不到" in messages[4]
    assert "超过两位小数" in messages[5]
    assert "与第2行重复" in messages[10]
    assert "已导入或已录入" in messages[11]
    assert "不在2023年度内" in messages[12]


def test_voucher_keys_are_forward_filled_and_lines_of_one_voucher_are_numbered():
    rows = [
        ["2023-04-01", "记-7", "会议费", "2012901", "30215", "", "300.00", ""],
        [None, None, "培训费", "2012901", "30216", "", "200.00", ""],
        [None, None, "零余额账户用款额度", None, None, None, None, "500.00"],
    ]
    result = run(rows)
    assert result.ok, result.errors
    assert result.valid_rows == 2
    assert result.skipped_rows == 1


def test_total_rows_are_never_imported_and_do_not_carry_voucher_keys():
    rows = [
        ok_row("记-1"),
        ["合计", None, None, None, None, None, "100.00", None],
        [None, None, "x", "2012901", "30201", "", "1.00", ""],
    ]
    result = run(rows)
    assert result.total_rows == 1
    assert {(e.row, e.column) for e in result.errors} == {(4, "日期"), (4, "凭证号")}


def test_set_based_control_refuses_a_batch_whose_sum_exceeds_a_line_even_when_each_row_fits():
    rows = [ok_row(f"记-{i}", "300.00") for i in range(1, 5)]  # 4 × 300 > 1,000 available
    result = run(rows)
    assert result.error_count == 1
    error = result.errors[0]
    assert error.row == 5  # the fourth row is where the running sum first exceeds the line
    assert "合计1,200.00元" in error.message
    assert "超出200.00元" in error.message


def test_cross_use_between_basic_and_project_uses_the_check_expenditure_rules():
    header = [*HEADER, "指标名称"]
    rows = [[*ok_row("记-1"), "科普活动302"], [*ok_row("记-2", project="P01", func="2060702"), "公用经费302"]]
    result = run(rows, header=header)
    assert [e.row for e in result.errors] == [2, 3]
    assert "不得串用资金" in result.errors[0].message
    assert "不得串用资金" in result.errors[1].message


def test_unknown_or_unpayable_projects_are_refused():
    result = run(
        [ok_row("记-1", project="P77", func="2060702"), ok_row("记-2", project="P09", func="2060702")]
    )
    assert [e.column for e in result.errors] == ["项目编码", "项目编码"]
    assert "完成验收" in result.errors[1].message


def test_an_expense_without_a_matching_line_says_which_key_has_no_budget():
    result = run([ok_row("记-1", econ="31002")])
    assert result.errors[0].column == "功能分类"
    assert "没有对应的预算指标" in result.errors[0].message


# ---------------------------------------------------------------- budget rows


def test_budget_rows_validate_codes_fund_types_and_duplicates():
    header = ["功能分类", "支出性质", "项目编码", "项目名称", "经济分类", "指标金额（元）"]
    rows = [
        ["2012901 行政运行", "人员经费", None, None, "301", "500,000.00"],
        ["2012901", "公用经费", None, None, "301", "1.00"],
        ["2060702", "项目支出", None, None, "302", "1.00"],
        ["2012901", "基本支出", None, None, "302", "10000"],
        ["2012901", "基本支出", None, None, "302", "5"],
    ]
    layout = detect_layout([header], kind="budget")
    result, valid = validate_budget(
        enumerate(rows, start=2),
        layout=layout,
        context=BudgetContext(department="KX", year=2023, econ_level=3),
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "支出性质"), (4, "项目编码"), (6, "功能分类")]
    assert [v.fund_type for v in valid] == [FundType.BASIC_PERSONNEL, FundType.BASIC_PUBLIC]
    assert valid[0].amount == Decimal("500000.00")


def test_a_budget_table_without_a_unit_is_refused_rather_than_guessed():
    layout = detect_layout([["功能分类", "支出性质", "经济分类", "指标金额"]], kind="budget")
    result, _ = validate_budget(
        iter([(2, ["2012901", "公用经费", "302", "1"])]),
        layout=layout,
        context=BudgetContext(department="KX", year=2023, econ_level=3),
    )
    assert result.errors[0].row is None
    assert "未找到金额单位" in result.errors[0].message


# ---------------------------------------------------------------- “三公”经费 budget rows


def _sangong(rows, head=(["单位：常宁市科协", "金额单位：元"],)):
    header = ["项目", "预算数", "2023年支出数"]
    all_rows = [*head, header, *rows]
    layout = detect_layout(all_rows[:20], kind="sangong")
    data = all_rows[layout.data_start - 1 :]
    return validate_sangong(enumerate(data, start=layout.data_start), layout=layout)


def test_sangong_budget_rows_are_read_by_item_name_as_the_export_writes_them():
    result, valid = _sangong(
        [
            ["因公出国（境）费", "0.00", "0"],
            ["公务用车购置及运行维护费", "12,000.00", "6500.5"],
            ["　其中：公务用车运行维护费", "12000", "6500.5"],
            ["　　　　公务用车购置费", "0", "0"],
            ["公务接待费", "5000.00", "3400"],
            ["合计", "17000.00", "9900.5"],
            ["说明：预算数为批复的“三公”经费预算（控制数）"],
        ]
    )
    assert result.ok, result.errors
    assert {r.item: r.amount for r in valid} == {
        "abroad": Decimal("0.00"),
        "vehicle_running": Decimal("12000.00"),
        "vehicle_purchase": Decimal("0.00"),
        "reception": Decimal("5000.00"),
    }
    assert result.total_rows == 2


def test_sangong_rows_with_unknown_items_or_a_group_that_does_not_add_up_are_refused():
    result, valid = _sangong(
        [
            ["2.公务接待费", "5000"],
            ["会议费", "300"],
            ["公务用车购置及运行维护费", "9000"],
            ["其中：公务用车运行维护费", "8000"],
            ["接待费", "1"],
        ]
    )
    assert valid == []
    assert [(e.row, e.column) for e in result.errors] == [(4, "项目"), (5, "预算数"), (7, "项目")]
    assert "不是“三公”经费项目" in result.errors[0].message
    assert "不等于其中两项之和8,000.00元" in result.errors[1].message
    assert "与第3行重复" in result.errors[2].message


def test_numbers_too_long_for_the_ledger_and_invisible_control_characters_are_refused():
    result = run(
        [
            ok_row("记-" + "9" * 40),
            ["2023-03-01", "记-2", "办公\x00用品", "2012901", "30201", "", "1.00", ""],
            ok_row("记-\x073"),
        ]
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "凭证号"), (3, "摘要"), (4, "凭证号")]
    assert "超过40个字符" in result.errors[0].message
    assert "控制字符" in result.errors[1].message and "控制字符" in result.errors[2].message
