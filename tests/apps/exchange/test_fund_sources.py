"""资金来源 and 指标类型 in the budget and voucher imports (issue 13)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.budgets import services
from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, PriorYearSummary, Voucher
from jixiao.apps.core.models import AuditEvent
from jixiao.apps.exchange.models import ImportStatus
from jixiao.apps.exchange.services import budget_import, prior_year_import, voucher_import
from jixiao.formats.tabular import write_csv

D = Decimal
BUDGET = ["功能分类", "支出性质", "经济分类", "资金性质", "指标类型", "指标文号", "指标金额（元）"]
VOUCHERS = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "资金来源", "金额（元）"]


def _budget(officer, department, tmp_path, rows, name="b.csv"):
    return budget_import(
        actor=officer, department=department, year=2023, file=write_csv(tmp_path / name, [BUDGET, *rows])
    )


def _lines(department):
    return {
        (line.econ_code, line.fund_source): line for line in BudgetLine.objects.filter(department=department)
    }


def test_rows_are_initial_additions_and_reductions_of_the_line_with_the_same_key(
    officer, department, tmp_path
):
    rows = [
        ["2012901", "公用经费", "302", "一般公共预算资金", "年初预算", "财预〔2023〕1号", "100000.00"],
        ["2012901", "公用经费", "302", "1-一般公共预算资金", "追加", "财预〔2023〕8号", "20000.00"],
        ["2012901", "公用经费", "302", "一般公共预算资金", "调减", "财预〔2023〕9号", "5000.00"],
        ["2012901", "公用经费", "302", "其他收入", "年初预算", "", "30000.00"],
        # 资金来源 上年结转结余: data, not a total row (today's total pattern matches “上年结转”)
        ["2012901", "公用经费", "302", "上年结转结余", "年初预算", "", "8000.00"],
        ["合计", None, None, None, None, None, "153000.00"],
    ]
    outcome = _budget(officer, department, tmp_path, rows)
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    lines = _lines(department)
    assert set(lines) == {("302", "general_budget"), ("302", "other_income"), ("302", "carry_over")}
    fiscal = lines[("302", "general_budget")]
    assert (fiscal.allocated, fiscal.adjusted, fiscal.budget) == (
        D("100000.00"),
        D("15000.00"),
        D("115000.00"),
    )
    kinds = sorted(LedgerEntry.objects.filter(line=fiscal).values_list("kind", "amount", "doc_no"))
    assert kinds == [
        ("adjustment", D("-5000.00"), "财预〔2023〕9号"),
        ("adjustment", D("20000.00"), "财预〔2023〕8号"),
        ("initial", D("100000.00"), "财预〔2023〕1号"),
    ]
    assert lines[("302", "carry_over")].budget == D("8000.00")
    assert outcome.batch.skipped_rows == 1  # the 合计 row
    assert "年初预算3条，追加1条，调减1条" in outcome.message

    # A later file with the same rows plus one new 追加: only the new row is imported.
    rows.insert(3, ["2012901", "公用经费", "302", "一般公共预算资金", "追加", "财预〔2023〕15号", "1000.00"])
    again = _budget(officer, department, tmp_path, rows, name="b2.csv")
    assert again.status == ImportStatus.IMPORTED, again.batch.errors
    assert "已导入1条预算指标（追加1条）" in again.message and "另有5条已导入过" in again.message
    fiscal.refresh_from_db()
    assert fiscal.budget == D("116000.00")


def test_the_same_row_with_another_amount_and_a_reduction_below_spending_are_refused(
    officer, department, tmp_path
):
    _budget(
        officer,
        department,
        tmp_path,
        [["2012901", "公用经费", "302", "", "年初预算", "财预〔2023〕1号", "10000.00"]],
    )
    line = BudgetLine.objects.get(department=department)
    services.expenditure_post(
        actor=officer, line=line, date=dt.date(2023, 3, 1), amount="9000.00", summary="办公",
        econ_code="30201", fund_type="basic_public",
    )  # fmt: skip
    outcome = _budget(
        officer,
        department,
        tmp_path,
        [
            ["2012901", "公用经费", "302", "", "年初预算", "财预〔2023〕1号", "12000.00"],
            ["2012901", "公用经费", "302", "", "调减", "财预〔2023〕7号", "2000.00"],
            ["2012901", "公用经费", "302", "", "追加", "", "100.00"],
            ["2012901", "公用经费", "302", "", "调减", "财预〔2023〕8号", "-10.00"],
            ["2012901", "公用经费", "302", "自有资金", "年初预算", "", "100.00"],
            ["2012901", "公用经费", "302", "", "减少", "财预〔2023〕9号", "100.00"],
        ],
        name="bad.csv",
    )
    assert outcome.status == ImportStatus.REFUSED
    messages = {e.row: (e.column, e.message) for e in outcome.errors}
    assert "已导入" in messages[2][1] and "10,000.00元" in messages[2][1]
    assert messages[3][0] == "指标金额（元）" and "可用余额" in messages[3][1]
    assert messages[4][0] == "指标文号" and "追加必须填写指标文号" in messages[4][1]
    assert "请填正数" in messages[5][1]
    assert messages[6][0] == "资金性质" and "自有资金" in messages[6][1]
    assert messages[7][0] == "指标类型" and "减少" in messages[7][1]
    assert LedgerEntry.objects.filter(kind="adjustment").count() == 0


def _two_sources(officer, department):
    fiscal = services.budget_line_create(
        actor=officer, department=department, year=2023, func_code="2012901", fund_type="basic_public",
        econ_code="302", initial_amount=D("10000.00"), date=dt.date(2023, 1, 1),
    )  # fmt: skip
    other = services.budget_line_create(
        actor=officer, department=department, year=2023, func_code="2012901", fund_type="basic_public",
        econ_code="302", initial_amount=D("5000.00"), date=dt.date(2023, 1, 1), fund_source="other_income",
    )  # fmt: skip
    return fiscal, other


def test_a_voucher_must_name_its_source_where_the_key_has_lines_of_two_sources(officer, department, tmp_path):
    fiscal, other = _two_sources(officer, department)
    rows = [
        ["2023-03-01", "1", "办公", "2012901", "30201", "", "100.00"],
        ["2023-03-02", "2", "办公", "2012901", "30201", "财政拨款", "200.00"],
        ["2023-03-03", "3", "活动", "2012901", "30201", "其他收入", "300.00"],
        ["2023-03-04", "4", "活动", "2012901", "30201", "单位奖金", "1.00"],
    ]
    outcome = voucher_import(
        actor=officer, department=department, year=2023, file=write_csv(tmp_path / "v.csv", [VOUCHERS, *rows])
    )
    assert outcome.status == ImportStatus.REFUSED
    messages = {e.row: (e.column, e.message) for e in outcome.errors}
    assert set(messages) == {2, 5}
    assert messages[2][0] == "资金来源" and "一般公共预算财政拨款、其他收入" in messages[2][1]
    assert "单位奖金" in messages[5][1]
    good = write_csv(tmp_path / "good.csv", [VOUCHERS, *rows[1:3]])
    outcome = voucher_import(actor=officer, department=department, year=2023, file=good)
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    fiscal.refresh_from_db()
    other.refresh_from_db()
    assert (fiscal.spent, other.spent) == (D("200.00"), D("300.00"))
    assert set(Voucher.objects.values_list("fund_source", flat=True)) == {"general_budget", "other_income"}


def test_a_key_with_one_source_needs_no_source_column_and_a_wrong_source_is_cross_use(
    officer, department, tmp_path
):
    services.budget_line_create(
        actor=officer, department=department, year=2023, func_code="2012901", fund_type="basic_public",
        econ_code="302", initial_amount=D("5000.00"), date=dt.date(2023, 1, 1), fund_source="other_income",
    )  # fmt: skip
    header = ["日期", "凭证号", "摘要", "功能分类", "经济分类", "金额（元）"]
    plain = write_csv(
        tmp_path / "plain.csv", [header, ["2023-03-01", "1", "办公", "2012901", "30201", "50.00"]]
    )
    outcome = voucher_import(actor=officer, department=department, year=2023, file=plain)
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    assert Voucher.objects.get().fund_source == "other_income"
    wrong = write_csv(
        tmp_path / "wrong.csv",
        [VOUCHERS, ["2023-03-02", "2", "办公", "2012901", "30201", "一般公共预算", "10.00"]],
    )
    outcome = voucher_import(actor=officer, department=department, year=2023, file=wrong)
    assert outcome.status == ImportStatus.REFUSED
    (error,) = outcome.errors
    assert error.column == "资金来源"
    assert "一般公共预算财政拨款" in error.message and "其他收入" in error.message


def test_spending_other_income_leaves_the_fiscal_balance_unchanged(officer, department):
    fiscal, other = _two_sources(officer, department)
    services.expenditure_post(
        actor=officer, line=other, date=dt.date(2023, 4, 1), amount="4999.00", summary="活动",
        econ_code="30216", fund_type="basic_public",
    )  # fmt: skip
    fiscal.refresh_from_db()
    other.refresh_from_db()
    assert fiscal.available == D("10000.00") and other.available == D("1.00")


PRIOR = ["类别", "项目", "资金来源", "预算数（元）", "决算数（元）", "人数"]


def test_prior_year_import_records_audits_and_refuses_bad_rows(officer, department, tmp_path):
    rows = [
        ["年初预算", "人员经费", "一般公共预算财政拨款", "300000", "", ""],
        ["年初预算", "公用经费", "", "100000", "", ""],
        ["决算", "年末结转结余", "一般公共预算财政拨款", "", "5000", ""],
        ["三公经费", "公务接待费", "", "8000", "7000", ""],
        ["人员", "实有人数", "", "", "", "4"],
    ]
    outcome = prior_year_import(
        actor=officer, department=department, year=2022, file=write_csv(tmp_path / "p.csv", [PRIOR, *rows])
    )
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    summary = PriorYearSummary.objects.get(department=department, year=2022)
    assert summary.figures["actual"] == 4
    assert AuditEvent.objects.filter(action="prior_year_set").count() == 1
    bad = [
        ["年初预算", "人员经费", "一般公共预算财政拨款", "300000", "", ""],
        ["年初预算", "人员经费", "一般公共预算", "1", "", ""],
        ["收入", "人员经费", "", "1", "", ""],
        ["三公经费", "公务用车购置及运行维护费", "", "1", "", ""],
        ["人员", "实有人数", "", "", "", "四"],
        ["决算", "基本支出", "", "", "-1", ""],
    ]
    refused = prior_year_import(
        actor=officer, department=department, year=2022, file=write_csv(tmp_path / "bad.csv", [PRIOR, *bad])
    )
    assert refused.status == ImportStatus.REFUSED
    assert sorted(e.row for e in refused.errors) == [3, 4, 5, 6, 7]
    summary.refresh_from_db()
    assert summary.figures["actual"] == 4  # unchanged
    # a year whose budget is in the ledger needs no summary
    services.budget_line_create(
        actor=officer, department=department, year=2022, func_code="2012901", fund_type="basic_public",
        econ_code="302", initial_amount=D("1.00"), date=dt.date(2022, 1, 1),
    )  # fmt: skip
    other = [["年初预算", "人员经费", "", "1", "", ""]]
    outcome = prior_year_import(
        actor=officer,
        department=department,
        year=2022,
        file=write_csv(tmp_path / "late.csv", [PRIOR, *other]),
    )
    assert outcome.status == ImportStatus.REFUSED and "已有预算账簿数据" in outcome.message
