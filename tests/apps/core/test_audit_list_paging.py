"""The audit trail pages through every event (it stopped at the latest 300 before)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.core.services import audit_record

pytestmark = pytest.mark.django_db


def test_the_audit_trail_shows_fifty_a_page_and_every_event(as_user, officer, department):
    before = AuditEvent.objects.filter(department=department).count()
    for n in range(75):
        audit_record(
            actor=officer,
            action="note",
            action_label="测试留痕",
            target=department,
            department=department,
            reason=f"第{n}条",
        )
    client = as_user(officer)
    total = AuditEvent.objects.filter(department=department).count()
    assert total == before + 75
    first = client.get(reverse("core:audit-list")).content.decode()
    last = client.get(reverse("core:audit-list"), {"page": 2}).content.decode()
    body = lambda page: page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]  # noqa: E731
    assert body(first).count('<td class="nowrap first">') == 50
    assert body(last).count('<td class="nowrap first">') == total - 50
    assert "第74条" in first and "第0条" in last  # newest first
    assert f"共 {total} 行" in first
