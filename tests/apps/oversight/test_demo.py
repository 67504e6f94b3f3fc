"""The oversight demo: 24 synthetic departments (演示数据) and reports in every review state."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.apps.orgs.models import Department
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.domain.money import wan

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_has_synthetic_departments_and_reports_in_every_review_state():
    from jixiao.apps.demo.builder import demo_build

    demo_build(steps=("jixiao.apps.oversight.demo",))
    assert Department.objects.filter(is_demo=True).count() >= 21
    states = sorted(ReportSubmission.objects.values_list("state", flat=True))
    assert states == ["accepted", "published", "returned", "submitted"]
    published = ReportSubmission.objects.get(state="published")
    assert f"全年支出{wan(Decimal(published.figures['spent_total']))}" in published.text
    page = Client().get(reverse("public:report", args=[published.public_slug])).content.decode()
    assert "演示数据" in page and published.department.name in page
    returned = ReportSubmission.objects.get(state="returned")
    assert returned.comments.get().paragraph_id == "p3.1"
