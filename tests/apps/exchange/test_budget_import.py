"""Budget imports: the 指标 table and the “三公”经费 budget.

The round trip through a fresh database is tests/flows/test_import_export_round_trip.py.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Project, SanGongBudget
from jixiao.apps.core.models import AuditEvent
from jixiao.apps.exchange.models import ImportStatus
from jixiao.apps.exchange.services import budget_import, sangong_import
from jixiao.formats.tabular import write_csv

BUDGET_HEADER = [
    "功能分类",
    "支出性质",
    "项目编码",
    "项目名称",
    "经济分类",
    "指标名称",
    "指标文号",
    "指标金额",
]


def test_budget_table_in_wan_yuan_creates_projects_lines_and_initial_ledger_rows(
    officer, department, tmp_path
):
    rows = [
        ["部门预算批复表"],
        ["单位：常宁市科协", None, None, None, "金额单位：万元"],
        BUDGET_HEADER,
        ["2012901-行政运行", "人员经费", None, None, "301", "工资", "常财预〔2023〕1号", "120.5"],
        ["2012901-行政运行", "公用经费", None, None, "302", "公用", "常财预〔2023〕1号", "20"],
        ["2060702-科普活动", "项目支出", "P01", "科普活动", "302", "科普", "常财预〔2023〕2号", "44"],
        ["合计", None, None, None, None, None, None, "184.5"],
    ]
    outcome = budget_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "b.csv", rows, encoding="gbk"),
    )
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    lines = {line.name: line for line in BudgetLine.objects.filter(department=department)}
    assert lines["工资"].allocated == Decimal("1205000.00")
    assert lines["科普"].project.code == "P01"
    assert Project.objects.get(code="P01").name == "科普活动"
    for line in lines.values():
        assert LedgerEntry.objects.get(line=line, kind="initial").amount == line.allocated
    again = budget_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "b2.csv", rows, encoding="utf-8"),
    )
    assert again.status == ImportStatus.ALREADY
    assert BudgetLine.objects.filter(department=department).count() == 3


def test_budget_rows_with_errors_write_nothing(officer, department, tmp_path):
    rows = [
        [*BUDGET_HEADER[:-1], "指标金额（元）"],
        ["2012901", "人员经费", None, None, "301", "工资", "", "100.00"],
        ["2012901", "人员经费", None, None, "302", "错", "", "100.00"],
    ]
    outcome = budget_import(
        actor=officer, department=department, year=2023, file=write_csv(tmp_path / "e.csv", rows)
    )
    assert outcome.status == ImportStatus.REFUSED
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "支出性质")]
    assert BudgetLine.objects.count() == 0


def test_sangong_budget_is_previewed_imported_once_and_audited(officer, department, tmp_path):
    rows = [
        ["常宁市科学技术协会2023年度一般公共预算“三公”经费支出表"],
        ["单位：常宁市科学技术协会　金额单位：万元"],
        ["项目", "预算数", "2023年支出数"],
        ["因公出国（境）费", "0", None],
        ["公务用车购置及运行维护费", "1.2", None],
        ["其中：公务用车运行维护费", "1.2", None],
        ["公务接待费", "0.5", None],
        ["合计", "1.7", None],
    ]
    path = write_csv(tmp_path / "sg.csv", rows)
    preview = sangong_import(actor=officer, department=department, year=2023, file=path, dry_run=True)
    assert preview.status == ImportStatus.PREVIEWED, preview.batch.errors
    assert {t["label"]: t["amount"] for t in preview.batch.totals} == {
        "因公出国（境）费": "0.00",
        "公务用车运行维护费": "12000.00",
        "公务接待费": "5000.00",
    }
    assert not SanGongBudget.objects.exists()
    done = sangong_import(actor=officer, department=department, year=2023, file=path)
    assert done.status == ImportStatus.IMPORTED
    budgets = dict(
        SanGongBudget.objects.filter(department=department, year=2023).values_list("item", "amount")
    )
    assert budgets == {
        "abroad": Decimal("0.00"),
        "vehicle_running": Decimal("12000.00"),
        "reception": Decimal("5000.00"),
    }
    assert AuditEvent.objects.filter(action="sangong_budget_import").count() == 1
    again = sangong_import(
        actor=officer,
        department=department,
        year=2023,
        file=write_csv(tmp_path / "sg2.csv", rows, encoding="gbk"),
    )
    assert again.status == ImportStatus.ALREADY
    assert "与已记录的相同" in again.message
