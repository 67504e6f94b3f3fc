"""Demo step: the demo department's 2023 report draft (演示数据), generated from the demo data.

The 资产管理 narrative is the demo department's own wording from its 2023 report (the seed);
everything with a figure stays computed.
"""

from __future__ import annotations

from jixiao.apps.orgs.models import Role
from jixiao.apps.reports.services import report_edit_paragraph, report_generate

ASSETS_MANAGEMENT = (
    "为规范和加强固定资产管理，我单位制定了《固定资产管理办法》，资产管理具体由办公室财务负责，"
    "统一资产处置和购置管理，登记造册备案，每年建立台账。物品由各股室主要负责人管理。"
    "对报废物品实施申报、上报相关部门审批处理，并建立报废处理清单。"
)


def build(context) -> None:
    officer = context.users.get(Role.FINANCE_OFFICER)
    draft = report_generate(actor=officer, department=context.department, year=2023)
    if draft.latest.narratives.get("assets_management") != ASSETS_MANAGEMENT:
        report_edit_paragraph(actor=officer, draft=draft, key="assets_management", text=ASSETS_MANAGEMENT)
