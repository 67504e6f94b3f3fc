"""The sample exports of tests/samples/accounting (GRP-U8 序时账 as .xls and as HTML, KIS 凭证查询,
一体化 支付明细, a GBK 明细账): each passes a dry run with its count and total, imports into a fresh
department with the ledger equal to its budget-side total, pays each 平行记账 payment once, and
turns its 红字/退回 line into a 红字冲销 of the voucher it names."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.urls import reverse

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Voucher
from jixiao.apps.budgets.services import budget_line_create, project_create
from jixiao.apps.exchange.models import ImportBatch, ImportStatus
from jixiao.apps.exchange.services import voucher_import
from jixiao.cli import main
from jixiao.domain.money import yuan_fixed
from jixiao.formats.tabular import read_rows
from tests.factories import PASSWORD, DepartmentFactory, UserFactory
from tests.samples import make_accounting_samples

SAMPLES = Path(make_accounting_samples.__file__).resolve().parent / "accounting"
MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
FILES = list(MANIFEST["files"])


def fresh_department(bureau):
    """A department nobody modelled, with the budget lines the samples pay from (manifest.json)."""
    department = DepartmentFactory(bureau=bureau, name=MANIFEST["department"], code="439900-FL")
    officer = UserFactory(username="fl-officer", role="finance_officer", department=department)
    year = MANIFEST["year"]
    project = project_create(
        actor=officer,
        department=department,
        year=year,
        code=MANIFEST["project"]["code"],
        name=MANIFEST["project"]["name"],
        is_key=False,
    )
    for line in MANIFEST["lines"]:
        budget_line_create(
            actor=officer,
            department=department,
            year=year,
            func_code=line["func_code"],
            fund_type=line["fund_type"],
            econ_code=line["econ_code"],
            initial_amount=Decimal(line["amount"]),
            date=dt.date(year, 1, 1),
            project=project if line.get("project") else None,
            doc_no=line["doc_no"],
        )
    return department, officer


def ledger_total(department) -> Decimal:
    return LedgerEntry.objects.filter(
        line__department=department, kind__in=["expenditure", "reversal"]
    ).aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


@pytest.mark.parametrize("name", FILES)
def test_each_sample_dry_runs_with_its_count_and_total_and_imports_with_the_ledger_equal_to_it(
    name, bureau, capsys
):
    department, _officer = fresh_department(bureau)
    expected = MANIFEST["files"][name]
    total = Decimal(expected["total"])
    path = SAMPLES / name
    args = ["import", "vouchers", str(path), "--department", department.code, "--year", "2024"]
    assert main([*args, "--dry-run"]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert f"校验通过：{expected['count']}笔，合计{yuan_fixed(total)}元" in out
    assert Voucher.objects.filter(department=department).count() == 0

    assert main(args) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert f"已导入{expected['count']}笔支出凭证，合计{yuan_fixed(total)}元" in out
    assert ledger_total(department) == total
    spent = BudgetLine.objects.filter(department=department).aggregate(s=Sum("spent"))["s"]
    assert spent == total
    assert Voucher.objects.filter(department=department).count() == expected["count"]
    reversed_numbers = sorted(
        Voucher.objects.filter(department=department, reversed_by__isnull=False).values_list(
            "number", flat=True
        )
    )
    assert reversed_numbers == expected["reverses"]


def test_each_grp_u8_payment_booked_on_both_sides_imports_once(bureau):
    department, officer = fresh_department(bureau)
    outcome = voucher_import(
        actor=officer, department=department, year=2024, file=SAMPLES / "grp_u8_xushizhang.xls", dry_run=True
    )
    assert outcome.status == ImportStatus.PREVIEWED, outcome.errors
    # Six payments of 7 budget-side lines; each also has a 5001 line carrying the same 辅助核算.
    assert outcome.result.valid_rows == 7
    assert "只导入预算会计分录" in outcome.message and "略过财务会计分录（5xxx 费用）7行" in outcome.message
    # the depreciation accrual (5001 against 1602) is not a payment
    assert "只有财务会计分录" in outcome.message
    lines = {t["label"]: t for t in outcome.batch.totals}
    personnel = next(t for label, t in lines.items() if "人员经费" in label)
    assert personnel["rows"] == 3 and Decimal(personnel["amount"]) == Decimal("102500.00")


def test_the_voucher_a_red_line_reverses_shows_as_reversed(bureau, client):
    department, officer = fresh_department(bureau)
    outcome = voucher_import(
        actor=officer, department=department, year=2024, file=SAMPLES / "grp_u8_xushizhang.xls"
    )
    assert outcome.status == ImportStatus.IMPORTED, outcome.errors
    original = Voucher.objects.get(department=department, number="2月记-0004")
    reversal = original.reversed_by
    assert reversal.amount == -original.amount == Decimal("-3600.00")
    assert reversal.number == "3月记-0005" and reversal.line_id == original.line_id
    assert LedgerEntry.objects.get(voucher=reversal).kind == "reversal"
    client.login(username=officer.username, password=PASSWORD)
    page = client.get(reverse("budgets:voucher-detail", args=[original.pk])).content.decode()
    assert "该凭证已被红字冲销" in page and "3月记-0005" in page


def test_the_committed_samples_are_what_the_script_makes(tmp_path):
    made = make_accounting_samples.main(tmp_path)
    assert json.loads((made / "manifest.json").read_text(encoding="utf-8")) == MANIFEST
    for name in MANIFEST["files"]:
        assert list(read_rows(made / name)) == list(read_rows(SAMPLES / name)), name


def test_the_web_preview_says_how_the_export_was_read_then_imports_it(bureau, client, settings, tmp_path):
    settings.JIXIAO_VAR_DIR = tmp_path
    department, officer = fresh_department(bureau)
    client.login(username=officer.username, password=PASSWORD)
    data = (SAMPLES / "kis_pingzheng_xushibu.xlsx").read_bytes()
    upload = SimpleUploadedFile("凭证查询.xlsx", data)
    response = client.post(
        reverse("exchange:import-start") + "?year=2024", {"kind": "vouchers", "file": upload}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "校验通过：5笔，合计9,070.00元。确认后导入。<br>" in page
    assert "平行记账：5张凭证同时有财务会计和预算会计分录" in page
    assert "红字冲销：1笔红字/退回分录冲销原凭证，合计−600.00元（其中1笔为部分退回）" in page
    assert "凭证号按月编号" in page
    batch = ImportBatch.objects.get(department=department)
    assert client.post(reverse("exchange:batch-confirm", args=[batch.pk])).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert ledger_total(department) == Decimal("9070.00")
