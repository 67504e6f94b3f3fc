"""jixiao import / export on the command line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.apps.budgets.models import BudgetLine, Voucher
from jixiao.cli import main
from jixiao.formats.tabular import read_rows, write_csv
from tests.apps.exchange.helpers import HEADER, three_lines, voucher_rows


@pytest.fixture
def lines(officer, department):
    return three_lines(actor=officer, department=department)


def test_import_vouchers_dry_run_prints_per_line_totals_and_writes_nothing(
    lines, department, tmp_path, capsys
):
    path = write_csv(tmp_path / "v.csv", [HEADER, *voucher_rows(5, amount="20.00")])
    code = main(
        ["import", "vouchers", str(path), "--department", department.code, "--year", "2023", "--dry-run"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "校验通过：5笔，合计100.00元" in out
    assert "5笔 100.00元，可用余额 100000.00元，导入后 99900.00元" in out
    assert Voucher.objects.count() == 0


def test_import_vouchers_then_again_says_nothing_was_imported(lines, department, tmp_path, capsys):
    path = write_csv(tmp_path / "v.csv", [HEADER, *voucher_rows(5)])
    assert main(["import", "vouchers", str(path), "--department", department.name, "--year", "2023"]) == 0
    assert "已导入5笔支出凭证" in capsys.readouterr().out
    assert main(["import", "vouchers", str(path), "--department", department.name, "--year", "2023"]) == 0
    assert "本次未导入任何数据" in capsys.readouterr().out
    assert Voucher.objects.count() == 5


def test_import_with_errors_lists_them_saves_the_report_and_exits_1(lines, department, tmp_path, capsys):
    rows = [HEADER, *voucher_rows(3)]
    rows[2][3] = "9999999"
    path = write_csv(tmp_path / "v.csv", rows)
    report = tmp_path / "errors.xlsx"
    code = main(
        [
            "import",
            "vouchers",
            str(path),
            "--department",
            department.code,
            "--year",
            "2023",
            "--errors-xlsx",
            str(report),
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "第3行【功能分类】功能分类“9999999”不是有效的7位项级科目" in out
    assert list(read_rows(report))[3] == [3, "功能分类", "功能分类“9999999”不是有效的7位项级科目"]


def test_import_budget_with_a_header_mapping(officer, department, tmp_path, capsys):
    rows = [["功能分类", "支出性质", "经济分类", "核定数（元）"], ["2012901", "公用经费", "302", "5000"]]
    path = write_csv(tmp_path / "b.csv", rows)
    code = main(
        [
            "import",
            "budget",
            str(path),
            "--department",
            department.code,
            "--year",
            "2023",
            "--map",
            "核定数=bgt_amount",
        ]
    )
    assert code == 0, capsys.readouterr().out
    assert BudgetLine.objects.get(department=department).allocated == Decimal("5000.00")


def test_export_writes_an_xlsx_with_totals(lines, department, tmp_path, capsys):
    out = tmp_path / "exec.xlsx"
    assert (
        main(
            [
                "export",
                "execution",
                "--department",
                department.code,
                "--year",
                "2023",
                "--out",
                str(out),
                "--unit",
                "万元",
            ]
        )
        == 0
    )
    rows = list(read_rows(out))
    assert "金额单位：万元" in rows[1][0]
    total = next(r for r in rows if r[0] == "合计")
    assert total[9] == 68  # 680,000.00元 = 68万元


def test_worker_explains_when_the_database_queue_is_not_configured(capsys):
    assert main(["worker", "--batch"]) == 1
    assert "django_tasks_db" in capsys.readouterr().out
