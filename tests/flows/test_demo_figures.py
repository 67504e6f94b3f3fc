"""After the demo is built, `jixiao figures` prints the seed's section 二 from the ledger."""

from __future__ import annotations

import pytest

from jixiao.apps.budgets.models import BudgetLine, TransferRequest, Voucher
from jixiao.apps.budgets.selectors import ledger_sums_by_line
from jixiao.apps.core.models import RefusalEvent
from jixiao.cli import main

SEED_FIGURES = [
    "208.4万元",
    "24.01万元",
    "13.0%",
    "164.4万元",
    "31.01万元",
    "23.3%",
    "44万元",
    "7万元",
    "13.7%",
    "0.22万元",
    "0.12万元",
    "35.3%",
]


@pytest.fixture
def demo(django_db_blocker, django_db_setup):
    from jixiao.apps.demo.builder import demo_build

    with django_db_blocker.unblock():
        result = demo_build(steps=())
    yield result


@pytest.mark.django_db(transaction=True)
def test_figures_prints_every_seed_figure_inside_the_seed_sentences(demo, capsys):
    assert main(["figures", "--department", "常宁市科学技术协会", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "（演示数据）" in out
    assert (
        "本部门年初预算支出208.4万元，比上年增加24.01万元，增长13.0%，增加变化的主要原因是：公用经费年初预算安排增加。"
        "其中：基本支出年初预算164.4万元，比上年增加31.01万元，增长23.3%；项目支出年初预算44万元，比上年减少7万元，下降13.7%。"
    ) in out
    assert "“三公”经费完成0.22万元，比上年减少0.12万元，降低35.3%" in out
    assert "公务接待费完成0.22万元，比上年减少0.12万元，降低35.3%" in out
    for figure in SEED_FIGURES:
        assert figure in out
    # What the seed lacks: 决算 and execution rates for 基本 and 项目.
    assert "决算支出" in out and "预算执行率" in out
    assert "基本支出调整后预算" in out and "项目支出调整后预算" in out


@pytest.mark.django_db(transaction=True)
def test_demo_is_labelled_and_shows_the_refused_cross_use_and_the_executed_transfers(demo):
    department = demo["department"]
    assert department.is_demo and "演示数据" in department.display_name
    assert Voucher.objects.filter(department=department, is_demo=False).count() == 0
    assert Voucher.objects.filter(department=department, year=2023).count() > 100
    assert TransferRequest.objects.filter(department=department, state="executed").count() == 2
    assert RefusalEvent.objects.filter(department=department, error_code="cross_use").count() == 1
    sums = ledger_sums_by_line(department=department, year=2023)
    for line in BudgetLine.objects.filter(department=department, year=2023):
        assert line.spent == sums[line.pk].get("expenditure", 0) + sums[line.pk].get("reversal", 0)
        assert line.available >= 0


@pytest.mark.django_db(transaction=True)
def test_figures_for_an_unknown_department_says_so(bureau, capsys):
    assert main(["figures", "--department", "不存在的单位", "--year", "2023"]) == 1
    assert "没有找到预算单位" in capsys.readouterr().out
