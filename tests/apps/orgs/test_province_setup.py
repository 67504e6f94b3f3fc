"""province_setup: a 省/市财政厅（局） over bureaus, audited; refusals change nothing."""

from __future__ import annotations

import pytest

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.orgs.models import FinanceBureau, Province, Role, User
from jixiao.apps.orgs.services import OrgRefused, province_setup
from tests.factories import BureauFactory

pytestmark = pytest.mark.django_db


def test_a_province_takes_bureaus_and_an_account_and_each_change_is_audited(bureau):
    second = BureauFactory(code="CZJ-LY", name="耒阳市财政局")
    result = province_setup(
        name="湖南省财政厅",
        code="HN",
        bureaus=["常宁市财政局", "CZJ-LY"],
        staff_username="ssj",
        staff_role=Role.PROVINCE_AUDITOR,
        password="Sheng-Shen-2026!",
    )
    province = result["province"]
    assert set(province.bureaus.all()) == {bureau, second}
    staff = User.objects.get(username="ssj")
    assert (staff.role, staff.province, staff.bureau, staff.is_read_only) == (
        Role.PROVINCE_AUDITOR,
        province,
        None,
        True,
    )
    assert staff.check_password("Sheng-Shen-2026!")
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["province_create", "bureau_province_set", "bureau_province_set", "user_create"]
    again = province_setup(name="湖南省财政厅", bureaus=["CZJ-LY"])
    assert not again["created"] and again["attached"] == []
    assert AuditEvent.objects.count() == 4


def test_a_bureau_of_another_province_or_an_unknown_one_is_refused_and_nothing_changes(bureau):
    province_setup(name="湖南省财政厅", bureaus=[bureau.code])
    with pytest.raises(OrgRefused, match="已属于“湖南省财政厅”"):
        province_setup(name="广东省财政厅", bureaus=[bureau.name])
    with pytest.raises(OrgRefused, match="没有找到财政局“不存在财政局”"):
        province_setup(name="江西省财政厅", bureaus=["不存在财政局"])
    assert list(Province.objects.values_list("name", flat=True)) == ["湖南省财政厅"]
    assert FinanceBureau.objects.get(pk=bureau.pk).province.name == "湖南省财政厅"


def test_a_bureau_admin_cannot_give_a_province_role(bureau):
    from jixiao.apps.orgs.forms import UserForm
    from jixiao.apps.orgs.services import user_create
    from tests.factories import bureau_user

    admin = bureau_user(bureau, role=Role.SYSTEM_ADMIN, username="admin")
    with pytest.raises(OrgRefused, match="属于省/市财政厅（局），不属于本财政局"):
        user_create(
            actor=admin, bureau=bureau, username="sheng", full_name="省里人", role=Role.PROVINCE_STAFF
        )
    assert not User.objects.filter(username="sheng").exists()
    assert Role.PROVINCE_STAFF not in dict(UserForm.base_fields["role"].choices)
