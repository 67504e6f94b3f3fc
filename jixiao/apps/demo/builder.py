"""Build (or rebuild) the demo database. Everything it creates is labelled 演示数据."""

from __future__ import annotations

from django.core.management import call_command
from django.db import transaction

from jixiao.apps.demo.changning import DEMO_PASSWORD, DEMO_USERS, build_changning
from jixiao.apps.orgs.models import Department, FinanceBureau
from jixiao.domain.errors import DomainError


class RealDataPresent(DomainError):
    code = "real_data_present"


def demo_build(*, force: bool = False) -> dict:
    """Empty the database and build the demo. Refuses when non-demo departments exist."""
    if Department.objects.filter(is_demo=False).exists() and not force:
        raise RealDataPresent(
            "数据库中已有非演示单位的数据，为防止覆盖，已拒绝重建演示数据（确需重建请加 --force）。"
        )
    call_command("flush", interactive=False, verbosity=0)
    with transaction.atomic():
        bureau = FinanceBureau.objects.create(
            code="430482-CZJ", name="常宁市财政局", region="湖南省衡阳市常宁市"
        )
        department = build_changning(bureau=bureau)
    return {"bureau": bureau, "department": department, "users": DEMO_USERS, "password": DEMO_PASSWORD}
