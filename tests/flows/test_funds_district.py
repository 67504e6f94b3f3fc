"""Issue 13's district department, entered only through the import templates and `jixiao import`:

- 财政拨款 (一般公共预算): 年初预算 57.28万元, 追加 11.78万元 during the year (69.06万元 in all);
- 其他资金来源 (其他收入): 21.31万元;
- spending 76.36万元, all 基本支出;
- a first year in jixiao: its 2021 comes in as 上年数（录入）.

Nothing is refused on import; `jixiao figures` shows the sources, the 决算 and the 年末结转结余
computed from the ledger; the generated report passes `jixiao check`; the YoY figures and
三公变动率 come from the imported prior year, with no "上年无此项".
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, Voucher
from jixiao.apps.budgets.selectors import settlement_for
from jixiao.apps.reports.selectors import department_year_facts
from jixiao.cli import main
from jixiao.domain.imports import example_label, import_kinds
from jixiao.domain.indicators import compute_indicator
from jixiao.formats.tabular import write_csv
from tests.factories import DepartmentFactory, ProfileFactory

NAME = "城西区妇女联合会"
D = Decimal


def template_rows(kind: str, rows: list[dict[str, str]]) -> list[list[str]]:
    """A filled template: the header row and the 示例 row exactly as the template writes them
    (序号 first), then the department's rows."""
    columns = import_kinds()[kind].columns
    header = ["序号", *(c.header for c in columns)]
    example = [example_label(), *(c.example for c in columns)]
    body = [[str(n), *(row.get(c.field, "") for c in columns)] for n, row in enumerate(rows, start=1)]
    return [header, example, *body]


BUDGET_2022 = [
    # 财政拨款 年初预算 57.28万元: 人员 40万元 + 公用 17.28万元
    {"fund_type": "基本支出-人员经费", "func_code": "2012901", "econ_code": "301", "fund_source": "一般公共预算资金",
     "bgt_kind": "年初预算", "doc_no": "西财预〔2022〕1号", "bgt_amount": "400000.00"},
    {"fund_type": "基本支出-公用经费", "func_code": "2012901", "econ_code": "302", "fund_source": "一般公共预算财政拨款",
     "bgt_kind": "年初预算", "doc_no": "西财预〔2022〕1号", "bgt_amount": "172800.00"},
    # 追加 11.78万元 (公用经费)
    {"fund_type": "基本支出-公用经费", "func_code": "2012901", "econ_code": "302", "fund_source": "一般公共预算财政拨款",
     "bgt_kind": "追加", "doc_no": "西财预〔2022〕35号", "bgt_amount": "117800.00", "bgt_memo": "妇女儿童维权工作经费"},
    # 其他收入 21.31万元 (公用经费)
    {"fund_type": "基本支出-公用经费", "func_code": "2012901", "econ_code": "302", "fund_source": "其他收入",
     "bgt_kind": "年初预算", "doc_no": "", "bgt_amount": "213100.00"},
]  # fmt: skip

SANGONG_2022 = [
    {"sg_item": "因公出国（境）费", "bgt_amount": "0"},
    {"sg_item": "公务接待费", "bgt_amount": "8000.00"},
    {"sg_item": "公务用车购置费", "bgt_amount": "0"},
    {"sg_item": "公务用车运行维护费", "bgt_amount": "12000.00"},
]

PRIOR_2021 = [
    {"py_category": "年初预算", "sg_item": "人员经费", "fund_source": "一般公共预算财政拨款", "bgt_amount": "380000.00"},
    {"py_category": "年初预算", "sg_item": "公用经费", "fund_source": "一般公共预算财政拨款", "bgt_amount": "160000.00"},
    {"py_category": "年初预算", "sg_item": "项目支出", "fund_source": "一般公共预算财政拨款", "bgt_amount": "50000.00"},
    {"py_category": "年初预算", "sg_item": "公用经费", "fund_source": "其他收入", "bgt_amount": "200000.00"},
    {"py_category": "决算", "sg_item": "基本支出", "fund_source": "一般公共预算财政拨款", "py_actual": "530000.00"},
    {"py_category": "决算", "sg_item": "项目支出", "fund_source": "一般公共预算财政拨款", "py_actual": "50000.00"},
    {"py_category": "决算", "sg_item": "年末结转结余", "fund_source": "一般公共预算财政拨款", "py_actual": "10000.00"},
    {"py_category": "决算", "sg_item": "基本支出", "fund_source": "其他收入", "py_actual": "190000.00"},
    {"py_category": "决算", "sg_item": "年末结转结余", "fund_source": "其他收入", "py_actual": "10000.00"},
    {"py_category": "三公经费", "sg_item": "因公出国（境）费", "bgt_amount": "0", "py_actual": "0"},
    {"py_category": "三公经费", "sg_item": "公务接待费", "bgt_amount": "10000.00", "py_actual": "9500.00"},
    {"py_category": "三公经费", "sg_item": "公务用车购置费", "bgt_amount": "0", "py_actual": "0"},
    {"py_category": "三公经费", "sg_item": "公务用车运行维护费", "bgt_amount": "12000.00", "py_actual": "11800.00"},
    {"py_category": "人员", "sg_item": "编制数", "py_count": "6"},
    {"py_category": "人员", "sg_item": "在编人数", "py_count": "5"},
    {"py_category": "人员", "sg_item": "实有人数", "py_count": "5"},
    {"py_category": "人员", "sg_item": "退休人数", "py_count": "2"},
]  # fmt: skip


def voucher_rows() -> list[dict[str, str]]:
    """76.36万元 in all, all 基本支出: 人员 40万元 (财政拨款), 公用 15.05万元 (财政拨款, of which
    公务接待 0.65万元 and 公务用车运行 1.1万元) and 公用 21.31万元 (其他收入)."""
    rows = []
    for month in range(1, 13):
        rows.append(
            {
                "date": f"2022-{month:02d}-15",
                "voucher_no": f"{month:02d}01",
                "summary": f"{month}月工资",
                "func_code": "2012901",
                "econ_code": "30101",
                "amount": "33333.33" if month < 12 else "33333.37",
            }
        )
    fiscal_public = [
        ("2022-03-10", "0310", "办公用品", "30201", "45000.00"),
        ("2022-05-12", "0512", "公务接待", "30217", "6500.00"),
        ("2022-07-20", "0720", "车辆运行维护", "30231", "11000.00"),
        ("2022-09-08", "0908", "维权活动差旅", "30211", "88000.00"),
    ]
    for date, number, summary, econ, amount in fiscal_public:
        rows.append(
            {
                "date": date,
                "voucher_no": number,
                "summary": summary,
                "func_code": "2012901",
                "econ_code": econ,
                "fund_source": "一般公共预算财政拨款",
                "amount": amount,
            }
        )
    for date, number, summary, amount in (
        ("2022-04-18", "0418", "妇女之家活动", "100000.00"),
        ("2022-10-26", "1026", "培训会", "113100.00"),
    ):
        rows.append(
            {
                "date": date,
                "voucher_no": number,
                "summary": summary,
                "func_code": "2012901",
                "econ_code": "30216",
                "fund_source": "其他收入",
                "amount": amount,
            }
        )
    return rows  # fmt: skip


@pytest.fixture
def district(db):
    department = DepartmentFactory(name=NAME, code="430101099")
    ProfileFactory(department=department, year=2022, staffing_quota=6, actual_staff=5, retired=2)
    return department


def _import(kind: str, path, year: int, capsys) -> str:
    code = main(["import", kind, str(path), "--department", NAME, "--year", str(year)])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


@pytest.mark.django_db(transaction=True)
def test_the_district_department_from_templates_shows_every_source_and_its_settlement(
    district, tmp_path, capsys
):
    _import(
        "prior-year", write_csv(tmp_path / "prior.csv", template_rows("prior_year", PRIOR_2021)), 2021, capsys
    )
    budget_out = _import(
        "budget", write_csv(tmp_path / "budget.csv", template_rows("budget", BUDGET_2022)), 2022, capsys
    )
    assert "年初预算3条，追加1条" in budget_out
    _import(
        "sangong", write_csv(tmp_path / "sangong.csv", template_rows("sangong", SANGONG_2022)), 2022, capsys
    )
    vouchers = write_csv(tmp_path / "vouchers.csv", template_rows("vouchers", voucher_rows()))
    voucher_out = _import("vouchers", vouchers, 2022, capsys)
    assert "超出预算" not in voucher_out

    lines = {
        (line.econ_code, line.fund_source): line for line in BudgetLine.objects.filter(department=district)
    }
    assert set(lines) == {("301", "general_budget"), ("302", "general_budget"), ("302", "other_income")}
    assert lines[("302", "general_budget")].budget == D("290600.00")  # 17.28 + 11.78 万元
    assert lines[("302", "other_income")].spent == D("213100.00")
    assert Voucher.objects.filter(department=district).count() == 18

    # Re-importing the budget file (a new copy, so not refused by its fingerprint) adds nothing.
    again = write_csv(tmp_path / "budget-again.csv", template_rows("budget", BUDGET_2022), encoding="gbk")
    entries = LedgerEntry.objects.count()
    code = main(["import", "budget", str(again), "--department", NAME, "--year", "2022"])
    assert code == 0 and "已全部导入过" in capsys.readouterr().out
    assert LedgerEntry.objects.count() == entries

    assert main(["figures", "--department", NAME, "--year", "2022"]) == 0
    out = capsys.readouterr().out
    for figure in ("57.28万元", "11.78万元", "69.06万元", "21.31万元", "76.36万元"):
        assert figure in out, figure
    # 年末结转结余 = 上年结转结余 2万元 (2021 决算, entered) + 本年收入 90.37万元 − 本年支出 76.36万元
    settlement = settlement_for(department=district, year=2022)
    assert settlement.carry_over_start == D("20000.00")
    assert settlement.income == D("903700.00") and settlement.spent == D("763600.00")
    assert settlement.carry_over_end == D("160100.00")
    assert settlement.findings() == []
    assert "年末结转结余16.01万元" in out
    assert "一般公共预算财政拨款69.06万元（年初预算57.28万元，追加11.78万元）" in out
    assert "其他收入21.31万元" in out
    assert "上年结转结余2万元＋本年收入90.37万元＝本年支出76.36万元＋年末结转结余16.01万元" in out
    assert "核对：" in out and "成立" in out
    # YoY against the entered 2021, never "上年无此项"
    assert "上年无此项" not in out
    assert "本部门年初预算支出78.59万元，比上年减少0.41万元" in out  # 2021: 79万元
    assert "比较所用2021年数为上年数（录入）" in out

    facts = department_year_facts(department=district, year=2022)
    assert facts.previous is not None and facts.previous.entered
    change = compute_indicator("三公经费变动率", facts)
    assert change.computed and change.denominator == D("22000.00")  # 2021 三公 budget, entered
    assert change.numerator == D("-2000.00")
    fiscal = compute_indicator("财政拨款执行率", facts)
    assert (fiscal.numerator, fiscal.denominator) == (D("550500.00"), D("690600.00"))
    adjustment = compute_indicator("预算调整率", facts)
    assert adjustment.denominator == D("785900.00")  # 年初预算 of both sources, not the 追加 booked as 年初
    assert facts.staff_actual_previous == 5

    report = tmp_path / "report.txt"
    assert (
        main(["report", "--department", NAME, "--year", "2022", "--format", "txt", "--out", str(report)]) == 0
    ), capsys.readouterr().out
    capsys.readouterr()
    text = report.read_text(encoding="utf-8")
    assert "上年无此项" not in text
    assert "三公经费支出有所上升" not in text
    assert "其他收入" in text and "年末结转结余16.01万元" in text
    assert "2022年度收入支出决算（按资金来源）" in text
    assert "| 一般公共预算财政拨款 | 0.00 | 69.06 | 55.05 | 14.01 |" in text
    assert "| 合计 | 2.00 | 90.37 | 76.36 | 16.01 |" in text
    code = main(["check", str(report), "--format", "json"])
    result = json.loads(capsys.readouterr().out)
    errors = [f for f in result["findings"] if f.get("severity") == "error"]
    assert code == 0 and errors == [], errors


@pytest.mark.django_db(transaction=True)
def test_without_a_prior_year_the_report_says_not_recorded_not_nothing(district, tmp_path, capsys):
    _import("budget", write_csv(tmp_path / "budget.csv", template_rows("budget", BUDGET_2022)), 2022, capsys)
    assert main(["figures", "--department", NAME, "--year", "2022"]) == 0
    out = capsys.readouterr().out
    assert "上年无此项" not in out
    assert "上年数未录入，不作比较" in out
    assert "上年结转结余未录入，年末结转结余无法确定" in out
    facts = department_year_facts(department=district, year=2022)
    assert not compute_indicator("三公经费变动率", facts).computed
