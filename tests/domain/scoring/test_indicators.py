"""Every computable indicator of issue 6, from the demo department's 2023 facts."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from jixiao.domain.facts import BudgetLine, FixedAssets, SanGongFigures, SanGongItem, WorkCompletion
from jixiao.domain.indicators import (
    DEPARTMENT_INDICATORS,
    IndicatorStatus,
    IndicatorUnknown,
    basic_data_table,
    compute_all,
    compute_indicator,
)
from jixiao.domain.money import round_half_up

from .demo import ACADEMIC, POPULARISATION

# name → (numerator, denominator, text with figures) for the demo facts.
EXPECTED = {
    "在职人员控制率": (
        D(14),
        D(14),
        "在职人员控制率 = 在职人员数 / 编制数 × 100% = 14 / 14 × 100% = 100.0%",
    ),
    "三公经费变动率": (
        D("-1000.00"),
        D("5000.00"),
        "“三公经费”变动率 = (本年度三公经费预算数 − 上年度三公经费预算数) / 上年度三公经费预算数 × 100%"
        " = (0.4 − 0.5) / 0.5 × 100% = -20.0%（金额单位：万元）",
    ),
    "重点支出安排率": (
        D("380000.00"),
        D("440000.00"),
        "重点支出安排率 = 重点项目支出年初预算数 / 项目支出年初预算总数 × 100% = 38 / 44 × 100% = 86.4%（金额单位：万元）",
    ),
    "预算完成率": (
        D("2136500.00"),
        D("2192049.00"),
        "预算完成率 = 决算支出数 / (上年结转 + 调整后预算数) × 100% = 213.65 / 219.2 × 100% = 97.5%（金额单位：万元）",
    ),
    "预算调整率": (
        D("86000.00"),
        D("2084049.00"),
        "预算调整率 = 预算调整数（追加 + 追减 + 调剂转出，不含政策性等调整）/ 年初预算数 × 100%"
        " = 8.6 / 208.4 × 100% = 4.1%（金额单位：万元）",
    ),
    "结转结余率": (
        D("55549.00"),
        D("2192049.00"),
        "结转结余率 = 年末结转结余总额 / (上年结转 + 调整后支出预算数) × 100% = 5.55 / 219.2 × 100% = 2.5%（金额单位：万元）",
    ),
    "公用经费控制率": (
        D("352000.00"),
        D("370000.00"),
        "公用经费控制率 = 实际支出公用经费总额 / 预算安排公用经费总额（调整后）× 100% = 35.2 / 37 × 100% = 95.1%（金额单位：万元）",
    ),
    "三公经费控制率": (
        D("2200.00"),
        D("4000.00"),
        "“三公经费”控制率 = 三公经费实际支出数 / 三公经费预算安排数 × 100% = 0.22 / 0.4 × 100% = 55.0%（金额单位：万元）",
    ),
    "政府采购执行率": (
        D("46800.00"),
        D("50000.00"),
        "政府采购执行率 = 实际政府采购金额 / 政府采购预算数 × 100% = 4.68 / 5 × 100% = 93.6%（金额单位：万元）",
    ),
    "固定资产利用率": (
        D("462300.00"),
        D("486300.00"),
        "固定资产利用率 = 实际在用固定资产总额 / 所有固定资产总额 × 100% = 46.23 / 48.63 × 100% = 95.1%（金额单位：万元）",
    ),
    "实际完成率": (D(12), D(12), "实际完成率 = 实际完成工作数 / 计划工作数 × 100% = 12 / 12 × 100% = 100.0%"),
    "完成及时率": (
        D(11),
        D(12),
        "完成及时率 = 及时完成实际工作数 / 计划工作数 × 100% = 11 / 12 × 100% = 91.7%",
    ),
    "质量达标率": (
        D(12),
        D(12),
        "质量达标率 = 质量达标实际工作数 / 计划工作数 × 100% = 12 / 12 × 100% = 100.0%",
    ),
    "重点工作办结率": (
        D(5),
        D(5),
        "重点工作办结率 = 重点工作实际完成数 / 交办或下达数 × 100% = 5 / 5 × 100% = 100.0%",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_indicator_is_computed_from_the_demo_facts_with_its_formula(kexie, name):
    numerator, denominator, text = EXPECTED[name]
    value = compute_indicator(name, kexie)
    assert value.status is IndicatorStatus.COMPUTED
    assert value.numerator == numerator
    assert value.denominator == denominator
    # the percentage a reader gets from the printed operands, to one decimal
    assert value.percent == D(text.rsplit(" = ", 1)[1].split("%")[0])
    assert value.text == text


def test_all_fifteen_indicators_named_in_the_issue_are_computed(kexie):
    values = compute_all(kexie)
    assert list(values) == list(DEPARTMENT_INDICATORS)
    assert len(values) == 15
    assert all(value.status is IndicatorStatus.COMPUTED for value in values.values())


def test_a_percentage_is_the_one_decimal_a_reader_recomputes_from_the_printed_operands(kexie):
    value = compute_indicator("重点支出安排率", kexie)
    assert value.percent == D("86.4")  # 38 / 44 = 86.36…, printed and scored as 86.4
    assert value.percent_text() == "86.4%"
    # 万元 operands are rounded as printed before dividing: 0.333 / 0.666 reads 0.33 / 0.67 = 49.3%
    odd = replace(kexie, basic_public=BudgetLine(initial=D("6660.00"), actual=D("3330.00")))
    assert compute_indicator("公用经费控制率", odd).percent == round_half_up(D("0.33") * 100 / D("0.67"), 1)


def test_payment_progress_compares_actual_progress_with_the_planned_progress(kexie):
    value = compute_indicator("支付进度率", kexie)
    assert value.numerator == D("48.9")  # 102 / 208.4 as printed
    assert value.denominator == D(50)
    assert value.percent == D("97.8")  # 48.9 / 50.0, not 48.94… / 50 = 97.9
    assert value.text == (
        "支付进度率 = 实际支付进度 / 既定支付进度 × 100% = 48.9% / 50.0% × 100% = 97.8%"
        "（截至6月30日实际支付进度 = 102万元 / 208.4万元 × 100% = 48.9%）"
    )


def test_budget_adjustment_leaves_out_policy_adjustments_and_counts_a_transfer_once(kexie):
    # 追加 96,000 of which 40,000 政策性调资; 调剂 30,000 project → personnel counted on the side it leaves.
    assert kexie.total.adjustment_amount == D("86000.00")
    assert kexie.total.adjusted == D("2180049.00")


def test_project_scope_execution_rate_uses_the_project_line(kexie):
    value = compute_indicator("预算执行率", kexie, POPULARISATION)
    assert (value.numerator, value.denominator) == (D("226000.00"), D("230000.00"))
    assert compute_indicator("预算执行率", kexie, ACADEMIC).percent == D(70)


def test_san_gong_change_rate_can_use_final_accounts_instead_of_budgets(kexie):
    value = compute_indicator("三公经费变动率", kexie, basis="决算")
    assert (value.numerator, value.denominator) == (D("-1200.00"), D("3400.00"))
    assert value.percent_text() == "-35.3%"  # the seed's 降低35.3%


def test_goal_quantification_rate_counts_the_quantified_department_goals(kexie):
    value = compute_indicator("绩效指标量化率", kexie)
    assert (value.numerator, value.denominator) == (D(6), D(9))


# --- zero denominators: the formula cannot be computed, and the text says so ---------------------------


ZERO_CASES = [
    ("在职人员控制率", lambda f: replace(f, staff_quota=0), "编制数为0"),
    (
        "三公经费变动率",
        lambda f: replace(
            f,
            san_gong=tuple(
                SanGongFigures(item, D("0.00"), D("0.00"), D("0.00"), D("0.00")) for item in SanGongItem
            ),
        ),
        "上年度三公经费预算数为0",
    ),
    ("重点支出安排率", lambda f: replace(f, projects=()), "项目支出年初预算总数为0"),
    (
        "三公经费控制率",
        lambda f: replace(f, san_gong=(SanGongFigures(SanGongItem.RECEPTION, D("0.00"), D("0.00")),)),
        "三公经费预算安排数为0",
    ),
    (
        "政府采购执行率",
        lambda f: replace(f, procurement_budget=D("0.00"), procurement_actual=D("0.00")),
        "政府采购预算数为0",
    ),
    ("固定资产利用率", lambda f: replace(f, assets=FixedAssets(D("0.00"), D("0.00"))), "所有固定资产总额为0"),
    (
        "公用经费控制率",
        lambda f: replace(f, basic_public=BudgetLine(D("0.00"), actual=D("0.00"))),
        "预算安排公用经费总额为0",
    ),
    ("实际完成率", lambda f: replace(f, work=WorkCompletion(planned=0, completed=0)), "计划工作数为0"),
    (
        "重点工作办结率",
        lambda f: replace(f, work=WorkCompletion(key_assigned=0, key_done=0)),
        "交办或下达数为0",
    ),
    ("结转结余变动率", lambda f: replace(f, carry_over_start=D("0.00")), "上年结转结余为0"),
]


@pytest.mark.parametrize(("name", "change", "reason"), ZERO_CASES, ids=[case[0] for case in ZERO_CASES])
def test_a_zero_denominator_says_the_formula_cannot_be_computed_and_scores_nothing_by_itself(
    kexie, name, change, reason
):
    value = compute_indicator(name, change(kexie))
    assert value.status is IndicatorStatus.NOT_APPLICABLE
    assert value.percent is None
    assert value.percent_text() == "不适用"
    assert value.text.endswith(f"{reason}，无法按公式计算")  # what it scores is the framework row's rule


def test_missing_data_is_not_zero_and_names_what_is_missing(kexie):
    value = compute_indicator("在职人员控制率", replace(kexie, staff_quota=None))
    assert value.status is IndicatorStatus.NO_DATA
    assert value.missing == ("编制数",)
    assert value.text == "在职人员控制率 = 在职人员数 / 编制数 × 100%：缺少编制数，无法计算"


def test_one_san_gong_item_without_an_actual_means_no_total_rather_than_an_understated_one(kexie):
    partial = (*kexie.san_gong[:1], SanGongFigures(SanGongItem.RECEPTION, D("4000.00"), None))
    value = compute_indicator("三公经费控制率", replace(kexie, san_gong=partial))
    assert value.status is IndicatorStatus.NO_DATA
    assert value.missing == ("三公经费实际支出数",)


def test_budget_completion_without_the_carry_over_is_missing_data(kexie):
    value = compute_indicator("预算完成率", replace(kexie, carry_over_start=None))
    assert value.status is IndicatorStatus.NO_DATA
    assert "缺少上年结转数" in value.text


def test_an_unknown_indicator_is_refused_by_name(kexie):
    with pytest.raises(IndicatorUnknown, match="未知的计算指标“楼堂馆所面积控制率”"):
        compute_indicator("楼堂馆所面积控制率", kexie)


def test_the_basic_data_table_carries_last_year_this_years_budget_and_actual(kexie):
    table = basic_data_table(kexie)
    assert (table.staff_quota, table.staff_actual) == (14, 14)
    assert table.staff_control.text.endswith("= 14 / 14 × 100% = 100.0%")
    rows = {row.label: (row.previous_actual, row.budget, row.actual, row.depth) for row in table.rows}
    assert rows["“三公”经费"] == (D("3400.00"), D("4000.00"), D("2200.00"), 0)
    assert rows["1.公务用车购置和维护经费"] == (D("0.00"), D("0.00"), D("0.00"), 1)
    assert rows["3.公务接待"] == (D("3400.00"), D("4000.00"), D("2200.00"), 1)
    assert rows["项目支出"] == (D("498000.00"), D("410000.00"), D("386000.00"), 0)
    assert rows["1.业务工作专项"] == (D("498000.00"), D("410000.00"), D("386000.00"), 1)
    assert rows["2.运行维护专项"] == (None, D("0.00"), D("0.00"), 1)
    assert rows["公用经费"] == (D("301000.00"), D("370000.00"), D("352000.00"), 0)
    assert rows["其中：办公经费"] == (D("62000.00"), D("70000.00"), D("66500.00"), 2)
    assert rows["政府采购金额"] == (D("38000.00"), D("50000.00"), D("46800.00"), 0)
    assert rows["部门整体支出预算调整"] == (None, D("86000.00"), None, 0)
    assert [row.label for row in table.rows][:6] == [
        "“三公”经费",
        "1.公务用车购置和维护经费",
        "其中：公车购置",
        "公车运行维护",
        "2.出国经费",
        "3.公务接待",
    ]
