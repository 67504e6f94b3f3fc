"""决算补充信息 (上年结转结余, 政府采购预算) and 政府采购 contracts: services, figures, the report's
indicators and the screen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets import services
from jixiao.apps.budgets.models import ProcurementRecord, YearSettlement
from jixiao.apps.budgets.selectors import settlement_figures
from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.apps.reports.selectors import department_year_facts
from jixiao.domain.errors import DomainError, PermissionRefused
from jixiao.domain.indicators import compute_indicator
from tests.factories import PASSWORD, make_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(officer, department):
    line = make_line(actor=officer, department=department, amount="200000.00")
    services.expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(2023, 5, 6),
        amount=Decimal("150000.00"),
        summary="办公费",
        econ_code="30201",
        fund_type="basic_public",
    )
    return line


def _contract(officer, department, number="CG-01", amount="30000.00", **extra):
    return services.procurement_record(
        actor=officer,
        department=department,
        year=2023,
        date=dt.date(2023, 4, 1),
        contract_no=number,
        item="台式计算机",
        method="e_mall",
        amount=amount,
        **extra,
    )


def test_year_end_balance_is_the_carry_over_plus_the_budget_minus_spending(officer, department, books):
    services.settlement_set(
        actor=officer,
        department=department,
        year=2023,
        carry_over_start="12000.00",
        procurement_budget="40000",
    )
    figures = settlement_figures(department=department, year=2023)
    assert figures.carry_over_start == Decimal("12000.00")
    assert figures.carry_over_end == Decimal("62000.00")  # 12,000 + 200,000 − 150,000
    assert figures.procurement_budget == Decimal("40000.00")
    assert figures.procurement_actual is None  # no contract registered: unknown, not 0


def test_procurement_actual_sums_the_contracts_that_are_not_cancelled(officer, department, books):
    _contract(officer, department, "CG-01", "30000.00")
    wrong = _contract(officer, department, "CG-02", "8000.00")
    services.procurement_cancel(actor=officer, record=wrong, reason="合同编号录错，重新登记")
    _contract(officer, department, "CG-03", "6400.50")
    assert settlement_figures(department=department, year=2023).procurement_actual == Decimal("36400.50")
    wrong.refresh_from_db()
    assert wrong.is_cancelled and wrong.cancel_reason == "合同编号录错，重新登记"


def test_report_indicators_use_the_settlement_and_the_contracts(officer, department, books):
    services.settlement_set(
        actor=officer, department=department, year=2023, carry_over_start="0", procurement_budget="40000"
    )
    _contract(officer, department, "CG-01", "36800.00")
    facts = department_year_facts(department=department, year=2023)
    assert compute_indicator("预算完成率", facts).percent == Decimal("75.0")  # 150,000 / (0 + 200,000)
    assert compute_indicator("政府采购执行率", facts).percent == Decimal("92.0")  # 36,800 / 40,000
    assert compute_indicator("结转结余率", facts).percent == Decimal("25.0")  # 50,000 / 200,000


def test_without_a_settlement_the_indicators_say_what_is_missing(department, books):
    facts = department_year_facts(department=department, year=2023)
    value = compute_indicator("预算完成率", facts)
    assert value.percent is None and value.missing == ("上年结转数",)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("carry_over_start", "-1", "上年结转结余必须不小于0"),
        ("carry_over_start", "12.345", "上年结转结余最多保留两位小数"),
        ("procurement_budget", "四万", "政府采购预算“四万”不是有效的金额"),
    ],
)
def test_bad_settlement_figures_are_refused_naming_the_field(officer, department, field, value, message):
    values = {"carry_over_start": "0", "procurement_budget": "0", field: value}
    with pytest.raises(DomainError, match=message):
        services.settlement_set(actor=officer, department=department, year=2023, **values)
    assert not YearSettlement.objects.exists()
    assert RefusalEvent.objects.filter(action="settlement_set", department=department).count() == 1


def test_a_new_settlement_replaces_the_old_and_the_audit_keeps_both(officer, department):
    services.settlement_set(
        actor=officer, department=department, year=2023, carry_over_start="100", procurement_budget="0"
    )
    services.settlement_set(
        actor=officer, department=department, year=2023, carry_over_start="250.50", procurement_budget="0"
    )
    assert YearSettlement.objects.get().carry_over_start == Decimal("250.50")
    event = AuditEvent.objects.filter(action="settlement_set").order_by("-id").first()
    assert event.before["carry_over_start"] == "100.00" and event.after["carry_over_start"] == "250.50"


def test_contract_numbers_are_unique_dates_must_fall_in_the_year_and_nothing_is_saved_on_refusal(
    officer, department
):
    _contract(officer, department, "CG-01")
    with pytest.raises(DomainError, match="合同编号“CG-01”已登记"):
        _contract(officer, department, "CG-01")
    with pytest.raises(DomainError, match="不在2023年度内"):
        services.procurement_record(
            actor=officer,
            department=department,
            year=2023,
            date=dt.date(2022, 12, 30),
            contract_no="CG-09",
            item="打印机",
            method="inquiry",
            amount="100",
        )
    with pytest.raises(DomainError, match="合同金额必须大于0"):
        _contract(officer, department, "CG-10", "0")
    assert ProcurementRecord.objects.count() == 1


def test_a_cancelled_contract_cannot_be_cancelled_again_and_needs_a_reason(officer, department):
    record = _contract(officer, department)
    with pytest.raises(DomainError, match="须填写原因"):
        services.procurement_cancel(actor=officer, record=record, reason=" ")
    services.procurement_cancel(actor=officer, record=record, reason="重复登记")
    with pytest.raises(DomainError, match="已作废"):
        services.procurement_cancel(actor=officer, record=record, reason="再次作废")


def test_only_the_departments_own_staff_may_record(other_officer, auditor, department):
    for actor in (other_officer, auditor):
        with pytest.raises(PermissionRefused):
            services.settlement_set(
                actor=actor, department=department, year=2023, carry_over_start="0", procurement_budget="0"
            )
    assert not YearSettlement.objects.exists()


def test_settlement_page_saves_lists_totals_and_cancels(client, officer, department, books):
    client.login(username=officer.username, password=PASSWORD)
    url = reverse("budgets:settlement")
    response = client.post(
        url, {"carry_over_start": "0", "procurement_budget": "40,000", "source": "2022年决算"}
    )
    assert response.status_code == 302
    client.post(
        reverse("budgets:procurement-create"),
        {
            "date": "2023-04-10",
            "contract_no": "CG-01",
            "item": "台式计算机4台",
            "method": "e_mall",
            "amount": "20800",
        },
    )
    client.post(
        reverse("budgets:procurement-create"),
        {
            "date": "2023-08-08",
            "contract_no": "CG-02",
            "item": "打印机",
            "method": "inquiry",
            "amount": "16000",
        },
    )
    page = client.get(url).content.decode()
    assert "40,000.00 元" in page and "36,800.00" in page and "台式计算机4台" in page
    assert "50,000.00 元" in page  # 年末结转结余 = 0 + 200,000 − 150,000
    second = ProcurementRecord.objects.get(contract_no="CG-02")
    response = client.post(reverse("budgets:procurement-cancel", args=[second.pk]), {"reason": "录错"})
    assert not ProcurementRecord.objects.get(pk=second.pk).is_cancelled  # no confirmation ticked
    client.post(reverse("budgets:procurement-cancel", args=[second.pk]), {"reason": "录错", "confirm": "on"})
    page = client.get(url).content.decode()
    assert "已作废（录错）" in page and "20,800.00" in page


def test_settlement_page_shows_a_field_error_in_chinese_and_saves_nothing(client, officer, department):
    client.login(username=officer.username, password=PASSWORD)
    response = client.post(
        reverse("budgets:settlement"), {"carry_over_start": "-5", "procurement_budget": "0"}
    )
    assert response.status_code == 200
    assert "金额不能为负数" in response.content.decode()
    assert not YearSettlement.objects.exists()


def test_bureau_staff_read_the_page_of_any_department_but_cannot_write(
    client, bureau_staff, department, officer
):
    services.settlement_set(
        actor=officer, department=department, year=2023, carry_over_start="0", procurement_budget="500"
    )
    client.login(username=bureau_staff.username, password=PASSWORD)
    page = client.get(
        reverse("budgets:settlement"), {"department": department.pk, "year": 2023}
    ).content.decode()
    assert "500.00 元" in page and "<h3>登记政府采购合同</h3>" not in page and "保存</button>" not in page
    response = client.post(
        reverse("budgets:settlement") + f"?department={department.pk}",
        {"carry_over_start": "1", "procurement_budget": "1"},
    )
    assert response.status_code == 403


def test_another_departments_contract_cannot_be_cancelled(client, other_officer, officer, department):
    record = _contract(officer, department)
    client.login(username=other_officer.username, password=PASSWORD)
    response = client.post(
        reverse("budgets:procurement-cancel", args=[record.pk]), {"reason": "x", "confirm": "on"}
    )
    assert response.status_code == 404
    assert not ProcurementRecord.objects.get(pk=record.pk).is_cancelled
