"""Fixed-asset rules without a database: status, disposal approval, the 台账, 利用率, 盘点."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.assets import (
    AssetRuleError,
    DisposalNotApproved,
    MoveKind,
    Movement,
    balance_at,
    categories,
    check_difference,
    check_resolution,
    check_status_change,
    default_bureau_threshold,
    ledger_year,
    needs_bureau_approval,
    reconcile,
    utilisation_rate,
)
from jixiao.domain.errors import PermissionRefused

D = Decimal


def test_categories_are_the_six_top_level_classes_of_gb_t_14885():
    assert [(c.code, c.name) for c in categories()] == [
        ("1", "土地、房屋及构筑物"),
        ("2", "通用设备"),
        ("3", "专用设备"),
        ("4", "文物和陈列品"),
        ("5", "图书、档案"),
        ("6", "家具、用具、装具及动植物"),
    ]


def test_the_default_bureau_threshold_is_5_wan_and_reaching_it_counts():
    assert default_bureau_threshold() == D("50000.00")
    assert needs_bureau_approval(D("50000.00"), D("50000.00"))
    assert not needs_bureau_approval(D("49999.99"), D("50000.00"))


def test_disposed_is_never_set_by_hand():
    with pytest.raises(DisposalNotApproved, match=r"KX-7.*处置申请"):
        check_status_change(number="KX-7", current="in_use", new="disposed")
    with pytest.raises(AssetRuleError, match="已处置"):
        check_status_change(number="KX-7", current="disposed", new="in_use")
    check_status_change(number="KX-7", current="in_use", new="idle")


def test_ledger_year_opening_additions_disposals_closing():
    moves = [
        Movement(dt.date(2022, 3, 1), MoveKind.ACQUIRE, D("6000.00")),
        Movement(dt.date(2022, 6, 1), MoveKind.ACQUIRE, D("4000.00")),
        Movement(dt.date(2023, 4, 1), MoveKind.SURPLUS, D("3500.00")),
        Movement(dt.date(2023, 8, 1), MoveKind.DISPOSE, D("4000.00")),
        Movement(dt.date(2023, 12, 1), MoveKind.LOSS, D("500.00")),
    ]
    year = ledger_year(moves, 2023)
    assert (year.opening, year.additions, year.disposals, year.closing) == (
        D("10000.00"),
        D("3500.00"),
        D("4500.00"),
        D("9000.00"),
    )
    assert balance_at(moves, dt.date(2023, 6, 30)) == D("13500.00")


@given(
    st.lists(
        st.tuples(st.integers(0, 2000), st.sampled_from(list(MoveKind)), st.integers(1, 10**8)), max_size=40
    )
)
def test_each_years_closing_is_the_next_years_opening(raw):
    moves = [Movement(dt.date(2020, 1, 1) + dt.timedelta(days=d), k, D(c).scaleb(-2)) for d, k, c in raw]
    for year in range(2020, 2026):
        assert ledger_year(moves, year).closing == ledger_year(moves, year + 1).opening
        assert ledger_year(moves, year).closing == balance_at(moves, dt.date(year, 12, 31))


def test_reconcile_names_the_difference_in_wan():
    assert reconcile(ledger_closing=D("10.00"), register_total=D("10.00"), label="2023年末") == []
    [finding] = reconcile(ledger_closing=D("215000.00"), register_total=D("210000.00"), label="2023年末")
    assert finding.message == "2023年末：台账期末余额21.5万元与资产卡片原值合计21万元不符，差额0.5万元。"
    assert finding.difference == D("5000.00")


def test_utilisation_is_in_use_value_over_all_held_value():
    assert utilisation_rate(in_use_value=D("180000.00"), total_value=D("200000.00")) == D("90")
    assert utilisation_rate(in_use_value=D("0"), total_value=D("0")) is None


def test_stocktake_differences_and_their_resolution():
    with pytest.raises(AssetRuleError, match="盘亏须指明资产卡片"):
        check_difference(kind="loss", has_asset=False, description="未找到")
    with pytest.raises(PermissionRefused, match="盘亏核销须由部门负责人"):
        check_resolution(kind="loss", resolution="核销", actor_role="finance_officer")
    check_resolution(kind="surplus", resolution="补登记", actor_role="finance_officer")
