"""Demo step: the demo department's 2023 report draft (演示数据), generated from the demo data.

The 资产管理 narrative is the demo department's own wording from its 2023 report (the seed);
everything with a figure stays computed.
"""

from __future__ import annotations

from jixiao.apps.orgs.models import Role
from jixiao.apps.reports.services import (
    current_problems,
    movement_labels,
    report_confirm_problems,
    report_edit_paragraph,
    report_generate,
    report_judge,
)

ASSETS_MANAGEMENT = (
    "为规范和加强固定资产管理，我单位制定了《固定资产管理办法》，资产管理具体由办公室财务负责，"
    "统一资产处置和购置管理，登记造册备案，每年建立台账。物品由各股室主要负责人管理。"
    "对报废物品实施申报、上报相关部门审批处理，并建立报废处理清单。"
)


# The officer's checklist answers, each with what shows it (the seed's own statements and the
# system's records). 预决算信息公开性 is left unjudged: the demo has no record of publication.
FINANCE_RULES = "单位建立健全内部财务管理制度和会计核算等相关制度，专项核算（2023年度自评报告）"
CHECKLIST = [
    {"row_key": "finance_rules", "item_key": "exists", "met": True, "evidence": FINANCE_RULES},
    {
        "row_key": "finance_rules",
        "item_key": "lawful",
        "met": True,
        "evidence": "制度依据《政府会计准则制度》等规定制定",
    },
    {
        "row_key": "finance_rules",
        "item_key": "applied",
        "met": True,
        "evidence": "全年支出均经预算指标控制和审核后支付",
    },
    {
        "row_key": "funds_compliance",
        "item_key": "regulations",
        "met": True,
        "evidence": "支出凭证要素齐全，经审核支付",
    },
    {
        "row_key": "funds_compliance",
        "item_key": "approval",
        "met": True,
        "evidence": "预算调剂均经部门负责人批准后执行",
    },
    {
        "row_key": "funds_compliance",
        "item_key": "assessment",
        "met": True,
        "evidence": "专项均经申报、论证后立项",
    },
    {
        "row_key": "funds_compliance",
        "item_key": "purpose",
        "met": True,
        "evidence": "支出均使用对应的预算指标",
    },
    {
        "row_key": "funds_compliance",
        "item_key": "no_misuse",
        "met": True,
        # A request the control refused moved no money: the control worked, nothing was 挪用.
        "evidence": "全年无截留、挤占、挪用、虚列支出；1笔拟用项目支出指标支付办公用品的申请被预算控制拒绝，未形成支出",
    },
    {"row_key": "asset_rules", "item_key": "exists", "met": True, "evidence": "制定了《固定资产管理办法》"},
    {
        "row_key": "asset_rules",
        "item_key": "ledger",
        "met": True,
        "evidence": "资产登记造册，固定资产台账在本系统登记",
    },
]
MANUAL = [
    {
        "row_key": "asset_safety",
        "level": "部分达成",
        "evidence": "资产保存完整，处置按规定报批；有闲置资产（投影仪）",
    },
]


# The officer's year-end explanations of the large movements (演示数据: the seed names only the
# first cause, "公用经费年初预算安排增加").
MOVEMENTS = {
    "movement:public_initial": "2023年起办公楼维修、信息化设备更新和纲要办日常运转经费列入公用经费年初预算（演示数据）",
    "movement:public_actual": "公用经费年初预算安排增加，办公楼维修、信息化设备更新等支出随之增加（演示数据）",
    "movement:personnel_addition": (
        "年中调入1名工作人员，另有2名工作人员调出或退休，调入人员的工资和当年调资由追加预算保障（演示数据）"
    ),
}


def build(context) -> None:
    officer = context.users.get(Role.FINANCE_OFFICER)
    draft = report_generate(actor=officer, department=context.department, year=2023)
    if draft.latest.narratives.get("assets_management") != ASSETS_MANAGEMENT:
        report_edit_paragraph(actor=officer, draft=draft, key="assets_management", text=ASSETS_MANAGEMENT)
    if not draft.latest.judgements:
        report_judge(actor=officer, draft=draft, checklist=CHECKLIST, manual=MANUAL)
    for key, text in MOVEMENTS.items():
        if key in movement_labels(draft) and draft.latest.narratives.get(key) != text:
            report_edit_paragraph(actor=officer, draft=draft, key=key, text=text)
    # The officer read the problems the data and the score raise, and confirms them as worded.
    # 预决算信息公开性 is still unscored: the demo report stays a 草稿 until someone scores it.
    if not draft.latest.confirmed:
        problems = [{"key": p["key"], "kind": p["kind"], "text": p["text"]} for p in current_problems(draft)]
        report_confirm_problems(actor=officer, draft=draft, problems=problems)
