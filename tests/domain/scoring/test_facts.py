"""The facts contract refuses what the evaluation cannot trust."""

from datetime import date
from decimal import Decimal as D

import pytest

from jixiao.domain.facts import (
    BudgetLine,
    DepartmentYearFacts,
    FactsInvalid,
    FixedAssets,
    GoalIndicatorResult,
    IndicatorKind,
    PriorYearFacts,
    ProjectFacts,
)


def test_budget_line_adjusted_budget_adds_additions_and_transfers_in():
    line = BudgetLine(
        initial=D("100.00"),
        additions=D("20.00"),
        reductions=D("5.00"),
        transfers_in=D("3.00"),
        transfers_out=D("8.00"),
    )
    assert line.adjusted == D("110.00")
    assert line.adjustment_amount == D("33.00")


def test_a_float_amount_is_refused_naming_the_field():
    with pytest.raises(FactsInvalid, match="预算行的“initial”必须是Decimal金额"):
        BudgetLine(initial=1644049.0)


def test_the_seed_totals_come_out_of_the_demo_facts(kexie):
    assert kexie.total.initial == D("2084049.00")  # 208.4万元
    assert kexie.basic.initial == D("1644049.00")
    assert kexie.project_total.initial == D("440000.00")
    assert kexie.previous.total_initial == D("1843900.00")  # so 比上年增加24.01万元
    assert kexie.san_gong_total("actual") == D("2200.00")
    assert kexie.san_gong_total("previous_actual") == D("3400.00")


def test_previous_year_facts_must_be_the_year_before(kexie):
    with pytest.raises(FactsInvalid, match="上年数据的年度应为2022年，收到2021年"):
        DepartmentYearFacts(
            department="常宁市科学技术协会",
            year=2023,
            basic_personnel=BudgetLine(D("0.00")),
            basic_public=BudgetLine(D("0.00")),
            previous=PriorYearFacts(2021, D("0.00"), D("0.00")),
        )


def test_duplicate_project_names_are_refused():
    project = ProjectFacts("科普活动经费", BudgetLine(D("1.00")))
    with pytest.raises(FactsInvalid, match="项目名称重复：科普活动经费"):
        DepartmentYearFacts(
            department="科协",
            year=2023,
            basic_personnel=BudgetLine(D("0.00")),
            basic_public=BudgetLine(D("0.00")),
            projects=(project, project),
        )


def test_assets_in_use_cannot_exceed_all_assets():
    with pytest.raises(FactsInvalid, match="“在用原值”不能大于“全部原值”"):
        FixedAssets(D("2.00"), D("1.00"))


def test_a_goal_with_an_unknown_operator_is_refused():
    with pytest.raises(FactsInvalid, match="绩效指标“科普下乡次数”的比较符“≈”无效"):
        GoalIndicatorResult(
            "科普下乡次数", "产出指标", "数量指标", IndicatorKind.QUANTITATIVE, "≈24次", True, "≈", D(24)
        )


def test_an_unknown_project_is_refused_by_name(kexie):
    with pytest.raises(FactsInvalid, match="没有名为“楼堂馆所”的项目"):
        kexie.project("楼堂馆所")


def test_facts_are_frozen(kexie):
    with pytest.raises(AttributeError):
        kexie.staff_quota = 20  # type: ignore[misc]
    assert kexie.personnel_projection.as_of == date(2023, 6, 30)
