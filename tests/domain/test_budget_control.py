"""Budget control as pure rules, without a database."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.budget_control import (
    BudgetExceeded,
    BudgetLineView,
    ControlKey,
    CrossUseForbidden,
    IncompleteControlKey,
    LineBalance,
    SubjectMismatch,
    check_expenditure,
    transfer_needs_bureau_approval,
)
from jixiao.domain.classification import FundType, basic_fund_type_for, sangong_item_for


def key(fund=FundType.BASIC_PUBLIC, econ="302", func="2012901", project=None, year=2023):
    return ControlKey(
        year=year, department="KX", func_code=func, fund_type=fund, project=project, econ_code=econ
    )


def line(k, allocated="1000.00", spent="0.00"):
    return BudgetLineView(
        key=k, label="测试指标", balance=LineBalance(allocated=D(allocated), spent=D(spent))
    )


def test_available_balance_is_allocated_plus_moves_minus_spent():
    balance = LineBalance(
        allocated=D("100"), adjusted=D("20"), transferred_in=D("5"), transferred_out=D("15"), spent=D("30")
    )
    assert balance.budget == D("110")
    assert balance.available == D("80")


def test_expense_within_the_line_passes():
    check_expenditure(expense_key=key(econ="30201"), line=line(key()), amount=D("1000.00"))


def test_one_fen_over_is_refused():
    with pytest.raises(BudgetExceeded, match=r"超出0\.01元"):
        check_expenditure(expense_key=key(econ="30201"), line=line(key()), amount=D("1000.01"))


def test_basic_expense_on_project_line_is_cross_use():
    project_line = line(key(fund=FundType.PROJECT, project="P01", func="2060702"))
    with pytest.raises(CrossUseForbidden, match="基本支出"):
        check_expenditure(expense_key=key(econ="30201", func="2060702"), line=project_line, amount=D("1"))


def test_project_expense_on_another_projects_line_is_cross_use():
    with pytest.raises(CrossUseForbidden, match="项目之间"):
        check_expenditure(
            expense_key=key(fund=FundType.PROJECT, project="P01", econ="30218"),
            line=line(key(fund=FundType.PROJECT, project="P02")),
            amount=D("1"),
        )


@pytest.mark.parametrize(
    ("expense", "missing"),
    [
        (key(func=None), "功能分类"),
        (key(func="20129"), "功能分类"),
        (key(fund=None), "支出性质"),
        (key(fund=FundType.PROJECT, project=None), "项目"),
        (key(econ=None), "经济分类"),
        (key(econ="99999"), "经济分类"),
        (key(year=None), "年度"),
    ],
)
def test_incomplete_key_is_blocked_never_skipped(expense, missing):
    with pytest.raises(IncompleteControlKey, match=missing):
        check_expenditure(expense_key=expense, line=line(key()), amount=D("1"))


def test_personnel_code_booked_as_public_fund_is_a_subject_mismatch():
    with pytest.raises(SubjectMismatch, match="人员经费"):
        check_expenditure(expense_key=key(econ="30101"), line=line(key()), amount=D("1"))


def test_item_level_control_refuses_a_sibling_item():
    item_line = line(key(econ="30217"))
    with pytest.raises(SubjectMismatch):
        check_expenditure(expense_key=key(econ="30201"), line=item_line, amount=D("1"), econ_level=5)
    check_expenditure(expense_key=key(econ="30217"), line=item_line, amount=D("1"), econ_level=5)


def test_transfers_crossing_basic_and_project_or_two_projects_need_the_bureau():
    assert transfer_needs_bureau_approval(key(), key(fund=FundType.PROJECT, project="P1"))
    assert transfer_needs_bureau_approval(
        key(fund=FundType.PROJECT, project="P1"), key(fund=FundType.PROJECT, project="P2")
    )
    assert not transfer_needs_bureau_approval(key(), key(fund=FundType.BASIC_PERSONNEL, econ="301"))


def test_classification_groups_and_sangong_items():
    assert basic_fund_type_for("30101") is FundType.BASIC_PERSONNEL
    assert basic_fund_type_for("30305") is FundType.BASIC_PERSONNEL
    assert basic_fund_type_for("31002") is FundType.BASIC_PUBLIC
    assert sangong_item_for("30217").name == "公务接待费"
    assert sangong_item_for("31013").name == "公务用车购置费"
    assert sangong_item_for("30201") is None


@given(
    allocated=st.decimals(min_value=0, max_value=D("1e9"), places=2),
    spent=st.decimals(min_value=0, max_value=D("1e9"), places=2),
    amount=st.decimals(min_value=D("0.01"), max_value=D("1e9"), places=2),
)
def test_an_accepted_expense_never_leaves_a_negative_balance(allocated, spent, amount):
    view = line(key(), allocated=str(allocated), spent=str(spent))
    try:
        check_expenditure(expense_key=key(econ="30201"), line=view, amount=amount)
    except BudgetExceeded:
        assert amount > view.balance.available
    else:
        assert view.balance.available - amount >= 0


def test_a_fiscal_expense_from_an_other_income_line_is_refused_naming_both_sources():
    from dataclasses import replace

    other = line(replace(key(), fund_source="other_income"))
    with pytest.raises(CrossUseForbidden) as refusal:
        check_expenditure(expense_key=key(econ="30201"), line=other, amount=D("1"))
    assert "一般公共预算财政拨款" in refusal.value.message and "其他收入" in refusal.value.message
    assert refusal.value.details["kind"] == "fund_source"
    check_expenditure(
        expense_key=replace(key(econ="30201"), fund_source="other_income"), line=other, amount=D("1")
    )


def test_a_key_without_a_valid_source_is_incomplete():
    from dataclasses import replace

    with pytest.raises(IncompleteControlKey, match="资金来源"):
        check_expenditure(
            expense_key=replace(key(econ="30201"), fund_source=None), line=line(key()), amount=D("1")
        )
    with pytest.raises(IncompleteControlKey, match="不是有效的资金来源"):
        check_expenditure(
            expense_key=replace(key(econ="30201"), fund_source="own_money"), line=line(key()), amount=D("1")
        )


def test_committed_money_is_not_available_and_a_payment_may_use_its_own_reservation():
    balance = LineBalance(allocated=D("1000"), spent=D("300"), committed=D("500"))
    assert balance.available == D("200") and balance.unspent == D("700")
    reserved = BudgetLineView(key=key(), label="测试指标", balance=balance)
    with pytest.raises(BudgetExceeded, match=r"已预占500\.00元"):
        check_expenditure(expense_key=key(econ="30201"), line=reserved, amount=D("400"))
    own = BudgetLineView(key=key(), label="测试指标", balance=balance.without_commitment(D("400")))
    check_expenditure(expense_key=key(econ="30201"), line=own, amount=D("400"))


def test_a_transfer_between_sources_needs_the_bureau():
    from dataclasses import replace

    assert transfer_needs_bureau_approval(key(), replace(key(), fund_source="other_income"))
    assert not transfer_needs_bureau_approval(key(), key(econ="301", fund=FundType.BASIC_PERSONNEL))
