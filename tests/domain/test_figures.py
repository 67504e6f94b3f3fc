"""Section 二 composed from 元 amounts reproduces the seed's sentences exactly."""

from decimal import Decimal as D

from jixiao.domain.budget_control import LineBalance
from jixiao.domain.figures import BudgetYear, SanGongYear, budget_paragraph, sangong_paragraph

Y2023 = BudgetYear(
    year=2023,
    personnel=LineBalance(allocated=D("1150000.00")),
    public=LineBalance(allocated=D("494049.00")),
    project=LineBalance(allocated=D("440000.00")),
)
Y2022 = BudgetYear(
    year=2022,
    personnel=LineBalance(allocated=D("1050000.00")),
    public=LineBalance(allocated=D("283900.00")),
    project=LineBalance(allocated=D("510000.00")),
)


def test_budget_paragraph_matches_the_seed_sentence():
    text = budget_paragraph(Y2023, Y2022)
    assert text.startswith(
        "1.2023年，本部门年初预算支出208.4万元，比上年增加24.01万元，增长13.0%，"
        "增加变化的主要原因是：公用经费年初预算安排增加。"
        "其中：基本支出年初预算164.4万元，比上年增加31.01万元，增长23.3%；"
        "项目支出年初预算44万元，比上年减少7万元，下降13.7%。"
    )


def test_sangong_paragraph_matches_the_seed_sentence():
    now = SanGongYear(
        2023,
        {"abroad": D("0"), "reception": D("2200.00"), "vehicle_running": D("0"), "vehicle_purchase": D("0")},
    )
    before = SanGongYear(
        2022,
        {"abroad": D("0"), "reception": D("3400.00"), "vehicle_running": D("0"), "vehicle_purchase": D("0")},
    )
    assert sangong_paragraph(now, before) == (
        "2.“三公”经费支出情况：2023年，“三公”经费完成0.22万元，比上年减少0.12万元，降低35.3%，"
        "增减变化的主要原因是：厉行节约，压减公务接待费。其中：因公出国（境）费完成0万元，比上年增减0万元；"
        "公务接待费完成0.22万元，比上年减少0.12万元，降低35.3%，增减变化的主要原因是：厉行节约，压减公务接待费；"
        "公务用车购置及运行维护费完成0万元，比上年增减0万元。"
    )


def test_reason_follows_the_data_not_a_fixed_phrase():
    more_people = BudgetYear(
        year=2023,
        personnel=LineBalance(allocated=D("1400000.00")),
        public=LineBalance(allocated=D("244049.00")),
        project=LineBalance(allocated=D("440000.00")),
    )
    assert "人员经费年初预算安排增加" in budget_paragraph(more_people, Y2022)
