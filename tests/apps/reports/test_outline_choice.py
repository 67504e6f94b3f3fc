"""A finance bureau chooses the outline of its departments' reports from a year on; the report
follows it, and nobody else may choose it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.reports import services
from jixiao.apps.reports.models import OutlineChoice
from jixiao.apps.reports.selectors import outline_for
from jixiao.domain.errors import DomainError
from tests.factories import BureauFactory, bureau_user

pytestmark = pytest.mark.django_db


def test_without_a_choice_the_report_follows_the_seven_part_outline(ledger):
    assert outline_for(department=ledger, year=2023) == "changning-seven"
    report = services.build_report(department=ledger, year=2023)
    assert report.sections[-1].heading == "七、改进措施和建议"


def test_the_bureau_chooses_the_hunan_template_from_a_year_on_and_the_report_follows_it(ledger, bureau_staff):
    services.outline_choose(
        actor=bureau_staff, bureau=ledger.bureau, valid_from=2023, outline="hunan-ziping-ten"
    )
    assert outline_for(department=ledger, year=2022) == "changning-seven"
    assert outline_for(department=ledger, year=2024) == "hunan-ziping-ten"
    report = services.build_report(department=ledger, year=2023)
    assert report.title.endswith("部门整体支出绩效自评报告")
    assert report.sections[-1].heading == "十、其他需要说明的情况"
    event = AuditEvent.objects.get(action="report_outline_choose")
    assert event.after == {"outline": "hunan-ziping-ten", "valid_from": 2023}
    # choosing again for the same year replaces the choice
    services.outline_choose(
        actor=bureau_staff, bureau=ledger.bureau, valid_from=2023, outline="changning-seven"
    )
    assert OutlineChoice.objects.get().outline == "changning-seven"


def test_an_unknown_outline_is_refused_naming_those_that_exist(ledger, bureau_staff):
    with pytest.raises(DomainError, match="hunan-ziping-ten"):
        services.outline_choose(actor=bureau_staff, bureau=ledger.bureau, valid_from=2023, outline="shanghai")
    assert not OutlineChoice.objects.exists()


@pytest.mark.parametrize("who", ["officer", "auditor", "other_bureau"])
def test_only_the_bureaus_own_staff_may_choose(ledger, officer, auditor, who):
    actor = {"officer": officer, "auditor": auditor}.get(who) or bureau_user(BureauFactory(), username="x")
    with pytest.raises(DomainError, match="只有本财政局的工作人员"):
        services.outline_choose(
            actor=actor, bureau=ledger.bureau, valid_from=2023, outline="hunan-ziping-ten"
        )
    assert not OutlineChoice.objects.exists()


def test_the_bureau_sets_it_on_the_report_list_page(client, ledger, bureau_staff):
    client.force_login(bureau_staff)
    page = client.get(reverse("reports:report-list")).content.decode()
    assert "报告提纲" in page and "湖南省模板" in page
    response = client.post(
        reverse("reports:outline-choose"), {"outline": "hunan-ziping-ten", "valid_from": "2023"}, follow=True
    )
    assert "自2023年起的评价报告按所选提纲编写" in response.content.decode()
    assert OutlineChoice.objects.get().outline == "hunan-ziping-ten"
