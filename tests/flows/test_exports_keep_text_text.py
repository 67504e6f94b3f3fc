"""Every .xlsx download, fed text that a user typed to look like a formula in every free-text field
it shows (department name, budget line and project names, 摘要, 收款人, 凭证号, asset fields,
处置理由, the uploaded file's name …): opened with openpyxl, no cell anywhere is a formula, and the
text is there as text. A department name with ``: / ? * [ ]`` no longer breaks the sheet title."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.assets import services as assets
from jixiao.apps.budgets.services import expenditure_post
from jixiao.apps.exchange.services import voucher_import
from jixiao.formats.tabular import write_csv
from tests.apps.exchange.helpers import HEADER
from tests.apps.projects.helpers import apply, approve, plan, review
from tests.factories import make_line, make_project
from tests.spreadsheets import assert_text_kept

# Services strip leading whitespace, so the web path is fed the visible starts; tab and CR are
# covered by tests/formats/test_spreadsheet_out.py.
_n = itertools.count(1)


def typed(label: str) -> str:
    n = next(_n)
    return f"{'=+-@'[n % 4]}{'HYPERLINK(1)' if n % 4 == 0 else '1+1'}{label}"


NAME = "=HYPERLINK(1)科协:机关/本级?*[1]"


@pytest.fixture
def hostile_department(department, officer):
    department.name = NAME
    department.save()
    officer.full_name = typed("会计")
    officer.save()
    return department


def test_every_table_of_the_export_page(client, officer, hostile_department):
    project = make_project(actor=officer, department=hostile_department, code="P01", name=typed("项目"))
    line_name, project_line_name = typed("指标"), typed("项目指标")
    line = make_line(actor=officer, department=hostile_department, name=line_name)
    make_line(
        actor=officer,
        department=hostile_department,
        fund_type="project",
        func_code="2060702",
        project=project,
        name=project_line_name,
    )
    summary, payee, number = typed("摘要"), typed("收款人"), typed("号")
    expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(2023, 3, 1),
        amount=Decimal("1200.00"),
        summary=summary,
        econ_code="30217",
        fund_type="basic_public",
        payee=payee,
        number=number,
    )
    client.force_login(officer)
    expected = {
        "vouchers": [NAME, summary, payee, number],
        "execution": [NAME, line_name, project_line_name],
        "function": [NAME],
        "economic": [NAME],
        "sangong": [NAME],
    }
    for table, values in expected.items():
        response = client.get(reverse("exchange:export"), {"table": table, "unit": "元"})
        assert response.status_code == 200, table
        assert_text_kept(response.content, *values)


def test_the_import_error_list(client, officer, hostile_department, tmp_path):
    make_line(actor=officer, department=hostile_department)
    path = write_csv(
        tmp_path / "=cmd|'calc'!A0.csv",
        [HEADER, ["2023-01-05", "=1+1", "@SUM(1)", "=2012901", "-302", "+P", "=10", ""]],
    )
    batch = voucher_import(actor=officer, department=hostile_department, year=2023, file=path).batch
    assert batch.error_count
    client.force_login(officer)
    response = client.get(reverse("exchange:batch-errors", args=[batch.pk]))
    assert response.status_code == 200
    assert_text_kept(response.content, NAME, batch.file_name, "“=2012901”")


def test_the_asset_register_and_the_disposal_list(client, officer, head, hostile_department):
    fields = {k: typed(k) for k in ("name", "spec", "custodian_unit", "custodian_person", "location", "note")}
    number = typed("编号")
    asset = assets.asset_register(
        actor=officer,
        department=hostile_department,
        number=number,
        category="2",
        acquired_on=dt.date(2019, 5, 6),
        original_value=Decimal("4800.00"),
        **fields,
    )
    client.force_login(officer)
    response = client.get(reverse("assets:asset-list") + "?format=xlsx")
    assert response.status_code == 200
    assert_text_kept(response.content, NAME, number, *(v for k, v in fields.items() if k != "note"))

    reason, counterparty = typed("理由"), typed("对象")
    disposal = assets.disposal_request(
        actor=officer,
        department=hostile_department,
        assets=[asset],
        method="transfer",
        reason=reason,
        counterparty=counterparty,
        requested_on=dt.date(2024, 3, 1),
    )
    head.full_name = typed("主席")
    head.save()
    assets.disposal_approve(actor=head, disposal=disposal, approved_on=dt.date(2024, 3, 2))
    response = client.get(reverse("assets:disposal-download", args=[disposal.pk, "xlsx"]))
    assert response.status_code == 200
    assert_text_kept(response.content, NAME, reason, counterparty, number, head.full_name, officer.full_name)


def test_the_project_list(client, officer, head, hostile_department):
    name = typed("专项")
    special = approve(head, review(officer, apply(officer, hostile_department, name=name)))
    plan(officer, special)
    client.force_login(officer)
    response = client.get(reverse("projects:project-list") + "?format=xlsx")
    assert response.status_code == 200
    assert_text_kept(response.content, NAME, name)


def test_the_monitoring_table(client, officer, hostile_department):
    from jixiao.apps.goals import services as goals
    from tests.apps.goals.conftest import good_indicators, good_tasks

    indicators = good_indicators()
    indicators[0]["name"] = typed("指标")
    goal = goals.goal_create(actor=officer, department=hostile_department, year=2023)
    goals.goal_save(
        actor=officer, goal=goal, duties="", overall_goal="", tasks=good_tasks(), indicators=indicators
    )
    client.force_login(officer)
    response = client.get(reverse("goals:monitoring-export", args=["xlsx"]) + "?year=2023&as_of=2023-07-31")
    assert response.status_code == 200
    assert_text_kept(response.content, NAME, indicators[0]["name"])
