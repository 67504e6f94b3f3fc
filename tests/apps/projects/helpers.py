"""Builders that move a 专项 through its lifecycle with the real services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.projects import services
from jixiao.domain.projects import MilestonePlan

D = Decimal


def apply(actor, department, *, name="科普大篷车进校园", amount="50000.00", year=2024, code=""):
    return services.project_apply(
        actor=actor,
        department=department,
        year=year,
        code=code,
        name=name,
        basis="《全民科学素质行动规划纲要（2021—2035年）》及常宁市科普工作计划",
        content="科普大篷车进校园、下乡开展科普展示和宣传",
        amount=D(amount),
        goal_summary="全年开展科普大篷车进校园及下乡活动，提升公众科学素质",
        indicators=["下乡科普≥30次", "受益群众≥2万人次"],
        applied_on=dt.date(year, 1, 5),
    )


def review(actor, special, *, conclude="pass", year=2024):
    for name, score in (("刘教授", "88"), ("陈高工", "92"), ("周主任", "85")):
        services.project_review_add(
            actor=actor,
            special=special,
            reviewer=name,
            score=D(score),
            opinion="立项依据充分，目标可量化",
            recommendation="pass",
            reviewed_on=dt.date(year, 1, 15),
        )
    return services.project_review_conclude(
        actor=actor,
        special=special,
        conclusion=conclude,
        concluded_on=dt.date(year, 1, 16),
        summary="专家组一致同意立项" if conclude == "pass" else "目标不明确，不予通过",
    )


def approve(head, special, *, amount="50000.00", year=2024):
    return services.project_approve(
        actor=head,
        special=special,
        lines=[services.LineRequest(func_code="2060702", econ_code="302", amount=D(amount))],
        decided_on=dt.date(year, 2, 1),
        doc_no=f"常科协字〔{year}〕5号",
    )


def plan(actor, special, *, year=2024, responsible_user=None):
    return services.project_plan(
        actor=actor,
        special=special,
        responsible_person="科普股 刘股长",
        responsible_user=responsible_user,
        start=dt.date(year, 2, 1),
        end=dt.date(year, 12, 31),
        summary="每周至少下乡科普一次，赶集时段开展",
        milestones=[
            MilestonePlan("上半年下乡科普15次", dt.date(year, 6, 30)),
            MilestonePlan("全年下乡科普30次", dt.date(year, 12, 20)),
        ],
    )
