"""Import templates come from each kind's column specification: header row, a 示例 row the
importers skip, a 说明 sheet with every column. And the 三公 group row the export writes."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.apps.budgets.models import BudgetLine, SanGongBudget, Voucher
from jixiao.apps.exchange import import_templates
from jixiao.apps.exchange.import_templates import template_file, template_kinds
from jixiao.apps.exchange.models import ImportStatus
from jixiao.apps.exchange.services import budget_import, sangong_import, voucher_import
from jixiao.domain.imports import ImportColumn, ImportKindSpec, detect_layout, import_kinds
from jixiao.formats.tabular import read_rows, write_csv


def saved(tmp_path, kind: str, rows: list[dict] = ()):
    """The template of ``kind`` with ``rows`` filled in under the example, each given by header (the
    template's own column order decides where a value goes, as when a user types into it)."""
    _, content = template_file(kind)
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for offset, row in enumerate(rows, start=3):
        unknown = set(row) - set(headers)
        assert not unknown, f"模板没有这些列：{unknown}"
        for column, header in enumerate(headers, start=1):
            sheet.cell(row=offset, column=column, value=row.get(header))
    path = tmp_path / f"{kind}.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("kind", sorted(import_kinds()))
def test_each_template_maps_every_column_to_its_field_and_explains_it(tmp_path, kind):
    spec = import_kinds()[kind]
    path = saved(tmp_path, kind)
    rows = list(read_rows(path))
    assert rows[0] == ["序号", *(c.header for c in spec.columns)]
    assert rows[1][0] == "示例"
    layout = detect_layout(rows, kind=kind)
    assert layout.missing == () and layout.unit_found
    assert {c.field: i for i, c in enumerate(spec.columns, start=1)} == layout.columns
    notes = list(read_rows(path, sheet="说明"))
    listed = {row[0]: row[1:] for row in notes if row and row[0] in {c.header for c in spec.columns}}
    for column in spec.columns:
        assert listed[column.header][0] == ("必填" if column.required else "可选")
        assert listed[column.header][1] == column.values


def test_the_roster_template_has_the_three_sheets_and_the_allowed_values(tmp_path):
    path = saved(tmp_path, "org")
    book = load_workbook(path)
    assert book.sheetnames == ["单位", "年度概况", "用户", "说明"]
    notes = [[c for c in row] for row in book["说明"].iter_rows(values_only=True)]
    by_header = {(row[0], row[1]): row for row in notes if row and row[0] in {"单位", "年度概况", "用户"}}
    assert "妇联" in by_header[("单位", "部门类型")][3] and "卫生健康" in by_header[("单位", "部门类型")][3]
    assert (
        by_header[("用户", "角色")][3] == "部门财务人员、部门负责人、财政局工作人员、审计（只读）、系统管理员"
    )
    assert by_header[("年度概况", "行政编制")][2] == "可选"


def test_a_kind_added_to_the_specification_gets_its_template_without_code(monkeypatch, tmp_path):
    extra = ImportKindSpec(
        "prior_year",
        "上年数",
        (ImportColumn("func_code", "功能分类编码", True, "7位", "2012901"),),
    )
    monkeypatch.setattr(import_templates, "import_kinds", lambda: {**import_kinds(), "prior_year": extra})
    assert template_kinds()["prior-year"] == "上年数"
    name, content = template_file("prior-year")
    assert template_file("prior_year")[1][:2] == b"PK"
    assert name == "上年数导入模板.xlsx"
    assert next(iter(load_workbook(io.BytesIO(content)).worksheets[0].values)) == ("序号", "功能分类编码")


def test_a_filled_budget_template_imports_its_rows_but_not_the_example(officer, department, tmp_path):
    path = saved(
        tmp_path,
        "budget",
        [
            {
                "支出性质": "基本支出-公用经费",
                "功能分类编码": "2012901",
                "经济分类编码": "302",
                "指标名称": "公用经费",
                "指标文号": "常财预〔2023〕1号",
                "发文时间": "2023-01-10",
                "指标金额（元）": Decimal("80000.00"),
            }
        ],
    )
    outcome = budget_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    (line,) = BudgetLine.objects.filter(department=department, year=2023)
    assert line.allocated == Decimal("80000.00")


def test_a_filled_voucher_template_imports_its_rows_but_not_the_example(officer, department, tmp_path):
    from tests.factories import make_line

    make_line(actor=officer, department=department, econ_code="302", amount="100000.00")
    path = saved(
        tmp_path,
        "vouchers",
        [
            {
                "日期": dt.date(2023, 4, 2),
                "凭证字": "记",
                "凭证号": "7",
                "摘要": "购买打印纸",
                "功能分类编码": "2012901",
                "经济分类编码": "30201",
                "收款人": "文具店",
                "金额（元）": Decimal("356.00"),
            }
        ],
    )
    outcome = voucher_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    assert list(Voucher.objects.filter(department=department).values_list("number", "amount")) == [
        ("记-7", Decimal("356.00"))
    ]


def test_the_import_page_lists_required_columns_and_offers_each_template(client, officer):
    client.force_login(officer)
    page = client.get(reverse("exchange:import-start")).content.decode()
    for kind, spec in import_kinds().items():
        row = re.search(rf'<tr id="kind-{kind.replace("_", "-")}">(.*?)</tr>', page, re.S).group(1)
        assert reverse("exchange:template", args=[kind.replace("_", "-")]) in row
        uls = re.findall(r'<ul class="columns[^"]*">(.*?)</ul>', row, re.S)
        required, optional = uls[0], (uls[1] if len(uls) > 1 else "")
        assert re.findall(r"<li>(.*?)</li>", required) == [c.header for c in spec.columns if c.required]
        assert re.findall(r"<li>(.*?)</li>", optional) == [c.header for c in spec.columns if not c.required]
    response = client.get(reverse("exchange:template", args=["budget"]))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["预算指标", "说明"]
    assert client.get(reverse("exchange:template", args=["nope"])).status_code == 404


def test_the_sangong_group_row_alone_at_zero_records_both_vehicle_items(officer, department, tmp_path):
    """The issue's file: 公务用车购置及运行维护费 = 0 with no item rows imported and stored nothing."""
    rows = [
        ["金额单位：元"],
        ["项目", "预算数"],
        ["因公出国（境）费", "0"],
        ["公务用车购置及运行维护费", "0"],
        ["公务接待费", "3000"],
    ]
    outcome = sangong_import(
        actor=officer, department=department, year=2023, file=write_csv(tmp_path / "sg.csv", rows)
    )
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    assert (outcome.batch.rows, outcome.batch.valid_rows) == (3, 3)
    stored = dict(
        SanGongBudget.objects.filter(department=department, year=2023).values_list("item", "amount")
    )
    assert stored == {
        "abroad": Decimal("0.00"),
        "vehicle_purchase": Decimal("0.00"),
        "vehicle_running": Decimal("0.00"),
        "reception": Decimal("3000.00"),
    }


def test_a_sangong_row_that_cannot_be_placed_is_an_error_not_dropped(officer, department, tmp_path):
    rows = [["金额单位：元"], ["项目", "预算数"], ["公务接待费", "3000"], ["", "500"], ["会议费", "100"]]
    outcome = sangong_import(
        actor=officer, department=department, year=2023, file=write_csv(tmp_path / "sg.csv", rows)
    )
    assert outcome.status == ImportStatus.REFUSED
    messages = [(e["row"], e["message"]) for e in outcome.batch.errors]
    assert (4, "有预算数但没有“三公”经费项目名称，无法确定属于哪一项") in messages
    assert any(row == 5 and "不是“三公”经费项目" in message for row, message in messages)
    assert not SanGongBudget.objects.exists()


def test_the_sangong_export_reads_back_through_the_import(officer, department, tmp_path):
    from jixiao.apps.budgets.services import sangong_budget_set
    from jixiao.apps.exchange.selectors import export_table
    from jixiao.formats.exports import write_table

    for item, amount in (
        ("abroad", "0.00"),
        ("vehicle_running", "0.00"),
        ("vehicle_purchase", "0.00"),
        ("reception", "2500.00"),
    ):
        sangong_budget_set(actor=officer, department=department, year=2022, item=item, amount=Decimal(amount))
    path = tmp_path / "sg.xlsx"
    write_table(export_table(table="sangong", department=department, year=2022), path)
    outcome = sangong_import(actor=officer, department=department, year=2023, file=path)
    assert outcome.status == ImportStatus.IMPORTED, outcome.batch.errors
    stored = dict(
        SanGongBudget.objects.filter(department=department, year=2023).values_list("item", "amount")
    )
    assert stored == {
        "abroad": 0,
        "vehicle_running": 0,
        "vehicle_purchase": 0,
        "reception": Decimal("2500.00"),
    }
