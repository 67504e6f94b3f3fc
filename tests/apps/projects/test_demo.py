"""The demo (演示数据) of 专项 and fixed assets tells a consistent story."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.apps.assets import selectors as asset_selectors
from jixiao.apps.assets.models import Asset, Disposal, StockTake
from jixiao.apps.demo.builder import demo_build
from jixiao.apps.projects.models import DemonstrationBase, SpecialProject

D = Decimal


@pytest.mark.django_db
def test_demo_projects_bases_and_register_tell_one_consistent_story():
    demo = demo_build(steps=("jixiao.apps.projects.demo", "jixiao.apps.assets.demo"))
    _projects_stand_at_different_stages()
    _the_seeds_two_demonstration_bases()
    _register_is_plausible_and_reconciles(demo)


def _projects_stand_at_different_stages():
    stages = {
        s.project.code: (s.project.year, s.project.stage)
        for s in SpecialProject.objects.select_related("project")
    }
    assert stages == {
        "P01": (2023, "completed"),
        "P02": (2023, "inspecting"),
        "P03": (2023, "implementing"),
        "SB2024-01": (2024, "reviewed"),
    }
    p01 = SpecialProject.objects.get(project__code="P01")
    assert p01.reviews.count() == 3 and p01.average_score == D("90.0")
    assert p01.inspections.filter(closed_on__isnull=True).count() == 0
    p02 = SpecialProject.objects.get(project__code="P02")
    assert p02.inspections.filter(closed_on__isnull=True).count() == 1
    new = SpecialProject.objects.get(project__code="SB2024-01")
    assert new.reviews.count() == 2 and new.review_conclusion == "" and not new.project.budget_lines.exists()


def _the_seeds_two_demonstration_bases():
    assert sorted(DemonstrationBase.objects.values_list("name", flat=True)) == [
        "常宁市德社种植专业合作社",
        "常宁市福来油茶加工农民专业合作社",
    ]


def _register_is_plausible_and_reconciles(demo):
    department = demo["department"]
    held = Asset.objects.filter(department=department).exclude(status="disposed")
    assert 40 <= held.count() <= 80
    assert Asset.objects.filter(status="idle").count() == 1
    assert Asset.objects.filter(status="disposed").count() == 4
    disposal = Disposal.objects.get()
    assert (disposal.state, disposal.total_value, disposal.needs_bureau) == (
        "disposed",
        D("13670.00"),
        False,
    )
    for year in (2022, 2023):
        report = asset_selectors.ledger_for(department, year)
        assert report.findings == [] and report.ledger.closing == report.register_total
    ledger_2023 = asset_selectors.ledger_for(department, 2023).ledger
    assert ledger_2023.additions == D("40000.00")  # 36,800 of 2023 purchases + the 3,200 盘盈
    assert ledger_2023.disposals == D("13670.00")
    assert asset_selectors.held_total(department) == ledger_2023.closing
    assert StockTake.objects.get().differences.filter(resolved_on__isnull=True).count() == 0
    purchases_2022 = sum(a.original_value for a in Asset.objects.filter(acquired_on__year=2022, category="6"))
    assert purchases_2022 == D("19200.00")
    usage = asset_selectors.utilisation(department)
    assert usage.rate is not None and D("95") < usage.rate < D("100")  # one idle 4,500 元 projector
