"""A department nobody modelled: a county 妇联 with 3 staff, its whole 2023 entered through the
services a user's pages call (budget, spending, goal, activities, year-end record, assets, the
report's judgements). Its figures are its own — nothing here is copied from the demo 科协.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.assets import services as assets
from jixiao.apps.budgets import services as budgets
from jixiao.apps.goals import services as goals
from jixiao.apps.orgs.models import DepartmentProfile
from jixiao.apps.reports import services as reports
from tests.factories import DepartmentFactory, UserFactory

D = Decimal
NAME = "常宁市妇女联合会"

# (fund type, econ code, 2022 年初, 2023 年初) in 元
LINES = (
    ("basic_personnel", "301", "396000.00", "412000.00"),
    ("basic_public", "302", "52000.00", "55000.00"),
)
PROJECT = "妇女儿童维权和家庭教育"
PROJECT_BUDGET = {2022: "50000.00", 2023: "60000.00"}
# share of each line spent in each month of 2023 (the personnel line evenly, the rest later)
SPENT_2023 = {"basic_personnel": "411200.00", "basic_public": "54300.00", PROJECT: "59100.00"}
SPENT_2022 = {"basic_personnel": "395000.00", "basic_public": "51800.00", PROJECT: "49600.00"}

TASKS = [
    {
        "name": "机构运转保障",
        "fund_type": "基本支出-人员经费",
        "budget": "412000.00",
        "due_date": "2023-12-31",
    },
    {
        "name": "日常办公运转",
        "fund_type": "基本支出-公用经费",
        "budget": "55000.00",
        "due_date": "2023-12-31",
    },
    {
        "name": "妇女儿童维权和家庭教育",
        "fund_type": "项目支出",
        "budget": "60000.00",
        "due_date": "2023-11-30",
        "is_key": True,
    },
]


def _indicator(
    level1, level2, name, operator, target, unit, explanation, rule="达到目标值得满分；未达到按比例计分"
):
    return {
        "level1": level1,
        "level2": level2,
        "name": name,
        "value_type": "定量",
        "operator": operator,
        "target": target,
        "unit": unit,
        "explanation": explanation,
        "scoring_rule": rule,
        "task": "妇女儿童维权和家庭教育",
        "points": "5",
    }


INDICATORS = [
    _indicator("产出指标", "数量指标", "进村入户宣讲场次", "≥", "12", "场", "面向妇女群众的政策宣讲场次"),
    _indicator("产出指标", "数量指标", "调解婚姻家庭纠纷数", "≥", "20", "件", "参与调解的婚姻家庭纠纷"),
    _indicator("产出指标", "质量指标", "维权来访办结率", "≥", "95", "%", "已办结的维权来访占受理来访的比例"),
    _indicator("产出指标", "时效指标", "维权来访按期办结率", "≥", "90", "%", "在规定期限内办结的比例"),
    _indicator(
        "产出指标", "成本指标", "维权和家庭教育项目支出", "≤", "6", "万元", "项目年度支出不超过项目预算"
    ),
    _indicator(
        "效益指标", "社会效益指标", "家庭教育讲座受益家长人次", "≥", "600", "人次", "参加家庭教育讲座的家长"
    ),
    _indicator("满意度指标", "服务对象满意度指标", "来访妇女满意度", "≥", "90", "%", "回访中表示满意的比例"),
]
# Actuals no activity feeds, with what they rest on.
ACTUALS = {
    "维权来访办结率": ("96.4%", "维权来访登记：受理56件，办结54件（54÷56＝96.4%）"),
    "维权来访按期办结率": ("92.6%", "维权来访登记：办结54件，其中按期办结50件（50÷54＝92.6%）"),
    "维权和家庭教育项目支出": ("5.91万元", "预算账簿：项目“妇女儿童维权和家庭教育”全年支出59100元"),
    "来访妇女满意度": ("94.1%", "年末电话回访51人，满意48人（48÷51＝94.1%）"),
}
# (start, end, date_text, area, title, place, partners, description, outputs, results)
ACTIVITIES = [
    (
        dt.date(2023, 3, 1),
        dt.date(2023, 3, 8),
        "3月上旬",
        "妇女维权",
        "“三八”维权周普法宣传",
        "城区步行街",
        "常宁市司法局、常宁市人民法院",
        "现场解答婚姻家庭、劳动就业等法律咨询。",
        [{"quantity": "1500余份", "label": "发放宣传资料", "output_key": ""}],
        "",
    ),
    (
        dt.date(2023, 1, 1),
        dt.date(2023, 12, 31),
        "全年",
        "妇女维权",
        "调解婚姻家庭纠纷",
        "",
        "各乡镇妇联",
        "",
        [
            {"quantity": "23件", "label": "受理", "output_key": ""},
            {"quantity": "21件", "label": "调解成功", "output_key": ""},
        ],
        "另有2件引导当事人通过诉讼解决。",
    ),
    (
        dt.date(2023, 4, 1),
        dt.date(2023, 11, 30),
        "4月至11月",
        "思想引领",
        "开展“巾帼大宣讲”进村入户宣讲",
        "全市各乡镇",
        "",
        "宣讲围绕党的二十大精神和妇女儿童权益保护。",
        [
            {"quantity": "14场", "label": "宣讲", "output_key": ""},
            {"quantity": "1100余人次", "label": "受益群众", "output_key": ""},
        ],
        "",
    ),
    (
        dt.date(2023, 9, 1),
        dt.date(2023, 10, 31),
        "9月至10月",
        "家庭家教家风",
        "举办家庭教育公益讲座",
        "各中小学",
        "常宁市教育局",
        "",
        [
            {"quantity": "8场", "label": "讲座", "output_key": ""},
            {"quantity": "640人次", "label": "受益家长", "output_key": ""},
        ],
        "评选“最美家庭”10户，其中2户获评衡阳市“最美家庭”。",
    ),
]


def build(bureau, *, staff_quota: int = 3) -> dict:
    department = DepartmentFactory(bureau=bureau, code="430482-FL", name=NAME, department_type="妇联")
    officer = UserFactory(
        username="fl_caiwu", full_name="刘会计", role="finance_officer", department=department
    )
    head = UserFactory(username="fl_zhuxi", full_name="陈主席", role="department_head", department=department)
    for year, actual in ((2022, 3), (2023, 3)):
        DepartmentProfile.objects.create(
            department=department,
            year=year,
            nature="常宁市委领导下的群团组织，财政全额拨款",
            duties="主要团结引导妇女、维护妇女儿童合法权益、推动家庭家教家风建设",
            staffing_quota=staff_quota,
            actual_staff=actual,
            retired=1,
            internal_units=[{"name": "办公室", "kind": "股室"}, {"name": "权益部", "kind": "股室"}],
        )
    lines = {}
    for year in (2022, 2023):
        for fund, econ, amount_2022, amount_2023 in LINES:
            lines[(year, fund)] = budgets.budget_line_create(
                actor=officer,
                department=department,
                year=year,
                func_code="2012901",
                fund_type=fund,
                econ_code=econ,
                initial_amount=D(amount_2022 if year == 2022 else amount_2023),
                date=dt.date(year, 1, 5),
                doc_no=f"常财预〔{year}〕1号",
            )
        project = budgets.project_create(
            actor=officer, department=department, year=year, code="FL01", name=PROJECT, is_key=True
        )
        lines[(year, PROJECT)] = budgets.budget_line_create(
            actor=officer,
            department=department,
            year=year,
            func_code="2012902",
            fund_type="project",
            econ_code="302",
            initial_amount=D(PROJECT_BUDGET[year]),
            date=dt.date(year, 1, 5),
            project=project,
            doc_no=f"常财预〔{year}〕1号",
        )
        for item in ("reception", "abroad", "vehicle_running", "vehicle_purchase"):
            budgets.sangong_budget_set(actor=officer, department=department, year=year, item=item, amount="0")
        spent = SPENT_2022 if year == 2022 else SPENT_2023
        for key, total in spent.items():
            line = lines[(year, key)]
            monthly = (D(total) / 12).quantize(D("0.01"))
            for month in range(1, 13):
                amount = monthly if month < 12 else D(total) - monthly * 11
                econ = {"basic_personnel": "30101", "basic_public": "30201"}.get(key, "30227")
                budgets.expenditure_post(
                    actor=officer,
                    line=line,
                    date=dt.date(year, month, 20),
                    amount=amount,
                    summary=f"{month}月支出",
                    econ_code=econ,
                    fund_type=line.fund_type,
                    project=line.project,
                )
    budgets.settlement_set(
        actor=officer,
        department=department,
        year=2023,
        carry_over_start=D("0"),
        procurement_budget=D("0"),
        source="2022年度部门决算",
    )
    for number, name, value in (("FL-001", "台式计算机", "5200.00"), ("FL-002", "多功能一体机", "3800.00")):
        assets.asset_register(
            actor=officer,
            department=department,
            number=number,
            name=name,
            category="2",
            acquired_on=dt.date(2021, 6, 1),
            original_value=value,
            custodian_unit="办公室",
            custodian_person="刘会计",
            location="机关办公室",
        )
    goal = goals.goal_create(actor=officer, department=department, year=2023)
    goal = goals.goal_save(
        actor=officer,
        goal=goal,
        duties="维护妇女儿童合法权益，推动家庭家教家风建设",
        overall_goal="保障机构运转；开展巾帼宣讲和普法维权；调解婚姻家庭纠纷；开展家庭教育指导。",
        tasks=TASKS,
        indicators=INDICATORS,
    )
    goals.goal_submit(actor=officer, goal=goal)
    areas = {}
    for start, end, text, area, title, place, partners, description, outputs, results in ACTIVITIES:
        if area not in areas:
            areas[area] = goals.work_area_create(actor=officer, department=department, name=area)
        goals.activity_record(
            actor=officer,
            department=department,
            date=start,
            end_date=end,
            date_text=text,
            area=areas[area],
            title=title,
            place=place,
            partners=partners,
            description=description,
            outputs=outputs,
            results=results,
        )
    for task in goal.tasks.all():
        goals.task_completion_record(
            actor=officer,
            task=task,
            completed=True,
            finished_on=task.due_date or dt.date(2023, 12, 31),
            quality_passed=True,
            evidence="按计划完成，工作台账齐全",
        )
    fed = {"进村入户宣讲场次": "14场", "调解婚姻家庭纠纷数": "23件", "家庭教育讲座受益家长人次": "640人次"}
    for row in goal.indicators.all():
        text, evidence = ACTUALS.get(row.name, (fed.get(row.name), "履职活动记录"))
        goals.year_end_actual_enter(actor=officer, indicator=row, text=text, evidence=evidence)
    draft = reports.report_generate(actor=officer, department=department, year=2023)
    return {"department": department, "officer": officer, "head": head, "draft": draft, "goal": goal}


CHECKLIST = (
    [
        {"row_key": "finance_rules", "item_key": key, "met": True, "evidence": evidence}
        for key, evidence in (
            ("exists", "已制定《财务管理制度》《预算管理办法》"),
            ("lawful", "制度依据《政府会计制度》制定"),
            ("applied", "支出均经预算指标控制和审批后支付"),
        )
    ]
    + [
        {"row_key": "funds_compliance", "item_key": key, "met": True, "evidence": "抽查凭证未发现问题"}
        for key in ("regulations", "approval", "assessment", "purpose", "no_misuse")
    ]
    + [
        {"row_key": "asset_rules", "item_key": "exists", "met": True, "evidence": "已制定资产管理制度"},
        {"row_key": "asset_rules", "item_key": "ledger", "met": True, "evidence": "资产在本系统登记"},
    ]
)
MANUAL = [
    {"row_key": "disclosure", "score": "2", "evidence": "部门预算、决算均在批复后20日内公开"},
    {"row_key": "asset_safety", "level": "达成", "evidence": "年末清查账实相符"},
]


def finish(built: dict) -> None:
    """What the officer does at year end to make the report final: score, explain, confirm."""
    officer, draft = built["officer"], built["draft"]
    reports.report_judge(actor=officer, draft=draft, checklist=CHECKLIST, manual=MANUAL)
    for key in reports.movement_labels(draft):
        reports.report_edit_paragraph(actor=officer, draft=draft, key=key, text="按年度工作安排调整")
    problems = [
        {"key": p["key"], "kind": p["kind"], "text": p["text"]} for p in reports.current_problems(draft)
    ]
    reports.report_confirm_problems(actor=officer, draft=draft, problems=problems)
