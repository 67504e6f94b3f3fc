"""Build (or rebuild) the demo database. Everything it creates is labelled 演示数据.

The money core builds 常宁市科学技术协会; every other area adds its own data through a
``build(context: DemoContext)`` function in ``jixiao/apps/<area>/demo.py``, run in the order
of DEMO_STEPS (an area without that module is skipped).
"""

from __future__ import annotations

import importlib
import importlib.util

from django.core.management import call_command
from django.db import transaction

from jixiao.apps.demo.changning import DEMO_PASSWORD, DEMO_USERS, build_changning
from jixiao.apps.demo.context import DemoContext
from jixiao.apps.orgs.models import Department, FinanceBureau, User
from jixiao.domain.errors import DomainError

DEMO_STEPS = (
    "jixiao.apps.goals.demo",
    "jixiao.apps.projects.demo",
    "jixiao.apps.assets.demo",
    "jixiao.apps.reports.demo",
    "jixiao.apps.oversight.demo",
)


class RealDataPresent(DomainError):
    code = "real_data_present"


def demo_build(*, force: bool = False, steps: tuple[str, ...] = DEMO_STEPS) -> dict:
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
        users = {u.role: u for u in User.objects.filter(username__in=[name for name, _, _ in DEMO_USERS])}
        context = DemoContext(bureau=bureau, department=department, users=users)
        for step in steps:
            if importlib.util.find_spec(step) is not None:
                importlib.import_module(step).build(context)
    return {"bureau": bureau, "department": department, "users": DEMO_USERS, "password": DEMO_PASSWORD}
