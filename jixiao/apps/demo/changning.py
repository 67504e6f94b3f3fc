"""Demo data (演示数据) for 常宁市科学技术协会, 2022 and 2023.

Every figure the seed report prints is reproduced exactly: the amounts in 元 are chosen so
that, rounded as the seed rounds, they print as 208.4 / 164.4 / 44 / 184.39 / 133.39 / 51
万元 and the percentages (computed from the unrounded 元) as 13.0% / 23.3% / 13.7% / 35.3%.
Everything else (vouchers, adjustments, 调剂, the refused cross-use attempt) is plausible
invented data, labelled 演示数据, posted through the same services a user would use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jixiao.apps.budgets import payments, services
from jixiao.apps.budgets.models import BudgetLine, Project
from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau, Role, User
from jixiao.domain.budget_control import CrossUseForbidden
from jixiao.domain.money import FEN

DEMO_PASSWORD = "jixiao-demo"
DEPARTMENT_NAME = "常宁市科学技术协会"
DEPARTMENT_CODE = "430482-601"

DEMO_USERS = [
    # username, full name, role
    ("kx_caiwu", "李会计（演示）", Role.FINANCE_OFFICER),
    ("kx_fuzeren", "王主席（演示）", Role.DEPARTMENT_HEAD),
    ("czj_jixiao", "赵科长（演示·财政局绩效科）", Role.BUREAU_STAFF),
    ("sj_shenji", "审计员（演示·只读）", Role.AUDITOR),
]

D = Decimal

# (func_code, fund_type, econ_code, name, {year: 年初预算 in 元})
BASIC_LINES = [
    ("2012901", "basic_personnel", "301", "工资福利支出（行政运行）", {2022: D("760000"), 2023: D("830000")}),
    (
        "2080505",
        "basic_personnel",
        "301",
        "机关事业单位基本养老保险缴费",
        {2022: D("120000"), 2023: D("130000")},
    ),
    ("2101101", "basic_personnel", "301", "行政单位医疗", {2022: D("55000"), 2023: D("60000")}),
    ("2210201", "basic_personnel", "301", "住房公积金", {2022: D("90000"), 2023: D("100000")}),
    ("2012901", "basic_personnel", "303", "对个人和家庭的补助", {2022: D("25000"), 2023: D("30000")}),
    ("2012901", "basic_public", "302", "商品和服务支出（公用经费）", {2022: D("263900"), 2023: D("454049")}),
    ("2012901", "basic_public", "310", "办公设备购置（公用经费）", {2022: D("20000"), 2023: D("40000")}),
]

# (code, name, func_code, is_key, {year: 年初预算})
PROJECTS = [
    ("P01", "科普大篷车进校园及下乡科普", "2060702", True, {2022: D("200000"), 2023: D("180000")}),
    ("P02", "全国科普日系列活动", "2060702", True, {2022: D("120000"), 2023: D("100000")}),
    ("P03", "青少年科技创新大赛", "2060703", True, {2022: D("110000"), 2023: D("100000")}),
    ("P04", "乡村振兴驻村帮扶工作经费", "2012902", False, {2022: D("80000"), 2023: D("60000")}),
]


# “三公”经费预算 (控制数), 元. The seed gives only the actual figures (0.22 / 0.34 万元).
SANGONG_BUDGET = {
    2022: {"abroad": D("0"), "reception": D("6000"), "vehicle_running": D("0"), "vehicle_purchase": D("0")},
    2023: {"abroad": D("0"), "reception": D("5000"), "vehicle_running": D("0"), "vehicle_purchase": D("0")},
}


@dataclass(frozen=True)
class Spend:
    """A planned run of vouchers against one line: (econ item, summary, payee, months, total)."""

    econ: str
    summary: str
    payee: str
    months: tuple[int, ...]
    total: Decimal
    day: int = 15


def _split(total: Decimal, parts: int) -> list[Decimal]:
    """Deterministic, slightly uneven parts that sum exactly to ``total`` (remainder last)."""
    weights = [D(100 + ((i * 37) % 23) - 11) for i in range(parts)]
    scale = sum(weights)
    amounts = [(total * w / scale).quantize(D("1"), rounding="ROUND_DOWN").quantize(FEN) for w in weights]
    amounts[-1] += total - sum(amounts)
    return amounts


ALL = tuple(range(1, 13))
QUARTERS = (3, 6, 9, 12)

# year → line key (func, fund, econ or project code) → spending plan
SPENDING = {
    2023: {
        ("2012901", "basic_personnel", "301"): [
            Spend("30101", "发放在职人员基本工资", "在职职工", ALL, D("552000")),
            Spend("30102", "发放津贴补贴", "在职职工", ALL, D("246000")),
            Spend("30103", "发放年终一次性奖金", "在职职工", (12,), D("120000")),
        ],
        ("2080505", "basic_personnel", "301"): [
            Spend("30108", "缴纳机关事业单位基本养老保险", "常宁市社会保险服务中心", ALL, D("129600"))
        ],
        ("2101101", "basic_personnel", "301"): [
            Spend("30110", "缴纳职工基本医疗保险", "常宁市医疗保障事务中心", ALL, D("59400"))
        ],
        ("2210201", "basic_personnel", "301"): [
            Spend("30113", "缴存住房公积金", "衡阳市住房公积金中心常宁办事处", ALL, D("99600"))
        ],
        ("2012901", "basic_personnel", "303"): [
            Spend("30305", "发放遗属生活补助", "遗属", QUARTERS, D("28800"))
        ],
        ("2012901", "basic_public", "302"): [
            Spend("30201", "购买办公用品", "常宁市文星办公用品店", ALL, D("86400")),
            Spend("30202", "印制科普宣传资料", "常宁市华印印务有限公司", (3, 5, 9), D("21600"), day=20),
            Spend("30206", "缴纳办公楼电费", "国网湖南省电力有限公司常宁市供电分公司", ALL, D("31200")),
            Spend("30207", "支付电话及网络费", "中国电信常宁分公司", ALL, D("14400")),
            Spend("30209", "支付物业管理费", "常宁市宜阳物业管理有限公司", QUARTERS, D("36000")),
            Spend("30211", "报销差旅费", "出差人员", ALL, D("58200")),
            Spend("30213", "办公设备维修", "常宁市电脑维修中心", (4, 10), D("9800")),
            Spend("30215", "召开全市科协工作会议", "常宁市会议接待中心", (2,), D("12600")),
            Spend("30216", "组织科技辅导员培训", "常宁市委党校", (6,), D("18000")),
            Spend("30217", "公务接待（衡阳市科协调研）", "常宁市机关食堂", (5,), D("1200")),
            Spend("30217", "公务接待（省科协督导）", "常宁市机关食堂", (11,), D("1000"), day=8),
            Spend("30228", "拨付工会经费", "常宁市科协工会", QUARTERS, D("15200")),
            Spend("30229", "职工福利费", "在职职工", (1, 9), D("16800")),
            Spend("30239", "发放公务交通补贴", "在职职工", ALL, D("50400")),
            Spend("30299", "其他日常公用支出", "常宁市相关单位", (7, 12), D("31200")),
        ],
        ("2012901", "basic_public", "310"): [
            Spend("31002", "购置办公电脑及打印机", "常宁市数码科技有限公司", (4, 8), D("36800"))
        ],
        "P01": [
            Spend("30218", "科普大篷车展品维护及耗材", "湖南科普教育装备有限公司", (3, 4, 9), D("52000")),
            Spend("30202", "印制下乡科普资料6000册", "常宁市华印印务有限公司", (4,), D("36000"), day=20),
            Spend("30226", "科技志愿者下乡劳务补助", "科技志愿者", (4, 5, 6, 9, 10, 11), D("48000")),
            Spend("30239", "科普大篷车下乡燃油及过路费", "中国石化常宁分公司", ALL, D("35000")),
        ],
        "P02": [
            Spend("30202", "全国科普日宣传资料2万余份", "常宁市华印印务有限公司", (9,), D("42000"), day=10),
            Spend("30218", "全国科普日展板90余块及标语", "常宁市广告制作中心", (9,), D("38500"), day=12),
            Spend("30226", "全国科普日志愿者服务补助", "科技志愿者", (9,), D("36000"), day=20),
        ],
        "P03": [
            Spend("30216", "青少年科技创新大赛辅导老师赛前培训", "衡阳市科协", (2,), D("18800"), day=24),
            Spend("30211", "报销学生参加衡阳市青少年机器人竞赛差旅费", "参赛师生", (7,), D("26000"), day=5),
            Spend("30218", "科技创新作品制作材料", "常宁市科教器材店", (3, 4), D("33000")),
            Spend("30227", "青少年科技创新大赛作品评审", "常宁市科技创新评审委员会", (5,), D("30000")),
        ],
        "P04": [
            Spend("30211", "驻村工作队员差旅补助", "驻村工作队员", ALL, D("28800")),
            Spend("30218", "江龙村科普惠农物资", "常宁市农资公司", (6, 10), D("16800")),
        ],
    },
    2022: {
        ("2012901", "basic_personnel", "301"): [
            Spend("30101", "发放在职人员基本工资", "在职职工", ALL, D("504000")),
            Spend("30102", "发放津贴补贴", "在职职工", ALL, D("150000")),
            Spend("30103", "发放年终一次性奖金", "在职职工", (12,), D("104000")),
        ],
        ("2080505", "basic_personnel", "301"): [
            Spend("30108", "缴纳机关事业单位基本养老保险", "常宁市社会保险服务中心", ALL, D("119400"))
        ],
        ("2101101", "basic_personnel", "301"): [
            Spend("30110", "缴纳职工基本医疗保险", "常宁市医疗保障事务中心", ALL, D("54600"))
        ],
        ("2210201", "basic_personnel", "301"): [
            Spend("30113", "缴存住房公积金", "衡阳市住房公积金中心常宁办事处", ALL, D("89400"))
        ],
        ("2012901", "basic_personnel", "303"): [
            Spend("30305", "发放遗属生活补助", "遗属", QUARTERS, D("24000"))
        ],
        ("2012901", "basic_public", "302"): [
            Spend("30201", "购买办公用品", "常宁市文星办公用品店", ALL, D("60000")),
            Spend("30206", "缴纳办公楼电费", "国网湖南省电力有限公司常宁市供电分公司", ALL, D("28800")),
            Spend("30207", "支付电话及网络费", "中国电信常宁分公司", ALL, D("13200")),
            Spend("30209", "支付物业管理费", "常宁市宜阳物业管理有限公司", QUARTERS, D("32000")),
            Spend("30211", "报销差旅费", "出差人员", ALL, D("42000")),
            Spend("30215", "召开全市科协工作会议", "常宁市会议接待中心", (2,), D("10800")),
            Spend("30217", "公务接待（衡阳市科协调研）", "常宁市机关食堂", (4,), D("1400")),
            Spend("30217", "公务接待（兄弟县市科协交流）", "常宁市机关食堂", (10,), D("2000"), day=18),
            Spend("30228", "拨付工会经费", "常宁市科协工会", QUARTERS, D("13600")),
            Spend("30239", "发放公务交通补贴", "在职职工", ALL, D("48000")),
            Spend("30299", "其他日常公用支出", "常宁市相关单位", (7, 12), D("9600")),
        ],
        ("2012901", "basic_public", "310"): [
            Spend("31002", "购置办公桌椅", "常宁市家具城", (5,), D("19200"))
        ],
        "P01": [
            Spend("30218", "科普大篷车展品维护及耗材", "湖南科普教育装备有限公司", (3, 9), D("70000")),
            Spend("30202", "印制下乡科普资料", "常宁市华印印务有限公司", (4,), D("40000")),
            Spend("30226", "科技志愿者下乡劳务补助", "科技志愿者", (4, 5, 10, 11), D("50000")),
            Spend("30239", "科普大篷车下乡燃油及过路费", "中国石化常宁分公司", ALL, D("30000")),
        ],
        "P02": [
            Spend("30202", "全国科普日宣传资料", "常宁市华印印务有限公司", (9,), D("50000"), day=10),
            Spend("30218", "全国科普日展板及标语", "常宁市广告制作中心", (9,), D("40000"), day=12),
            Spend("30226", "全国科普日志愿者服务补助", "科技志愿者", (9,), D("26000"), day=20),
        ],
        "P03": [
            Spend("30216", "科技辅导员培训", "衡阳市科协", (3,), D("20000")),
            Spend("30218", "科技创新作品制作材料", "常宁市科教器材店", (4, 5), D("40000")),
            Spend("30227", "青少年科技创新大赛作品评审", "常宁市科技创新评审委员会", (5,), D("45000")),
        ],
        "P04": [
            Spend("30211", "驻村工作队员差旅补助", "驻村工作队员", ALL, D("36000")),
            Spend("30218", "驻村帮扶物资", "常宁市农资公司", (6, 11), D("40000")),
        ],
    },
}


# 政府采购 contracts of 2023 (date, contract number, item, amount in 元).
PROCUREMENTS_2023 = (
    (dt.date(2023, 4, 10), "CNKX-CG-2023-01", "台式计算机4台", D("20800.00")),
    (dt.date(2023, 8, 8), "CNKX-CG-2023-02", "笔记本电脑2台、激光打印机2台", D("16000.00")),
)


def _date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, 28))


def build_changning(*, bureau: FinanceBureau) -> Department:
    department = Department.objects.create(
        bureau=bureau,
        code=DEPARTMENT_CODE,
        name=DEPARTMENT_NAME,
        department_type="科协",
        is_demo=True,
        econ_control_level=3,
    )
    units = [
        {"name": "办公室", "kind": "股室"},
        {"name": "科普股", "kind": "股室"},
        {"name": "科技服务中心", "kind": "中心"},
    ]
    nature = "中共常宁市委领导下的正科级财政全额拨款单位，属于参照《公务员法》管理的群众团体"
    duties = "主要开展科学普及、学术交流、科技咨询、继续教育和培训、举荐表彰奖励优秀科技工作者以及兴办符合科协宗旨的社会公益性事业等工作"
    for year, staff in ((2022, 15), (2023, 14)):
        DepartmentProfile.objects.create(
            department=department,
            year=year,
            nature=nature,
            duties=duties,
            staffing_quota=15,
            actual_staff=staff,
            retired=4,
            internal_units=units,
        )
    users = {}
    for username, full_name, role in DEMO_USERS:
        scope = (
            {"department": department}
            if role in (Role.FINANCE_OFFICER, Role.DEPARTMENT_HEAD)
            else {"bureau": bureau}
        )
        user = User(username=username, full_name=full_name, role=role, **scope)
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[role] = user
    officer, head, bureau_staff = (
        users[Role.FINANCE_OFFICER],
        users[Role.DEPARTMENT_HEAD],
        users[Role.BUREAU_STAFF],
    )

    for year in (2022, 2023):
        _build_year(department=department, year=year, officer=officer, head=head, bureau_staff=bureau_staff)
    return department


def _build_year(*, department: Department, year: int, officer: User, head: User, bureau_staff: User) -> None:
    jan = dt.date(year, 1, 1)
    doc = f"常财预〔{year}〕3号"
    lines: dict = {}
    for func, fund, econ, name, amounts in BASIC_LINES:
        lines[(func, fund, econ)] = services.budget_line_create(
            actor=officer,
            department=department,
            year=year,
            func_code=func,
            fund_type=fund,
            econ_code=econ,
            initial_amount=amounts[year],
            date=jan,
            name=name,
            doc_no=doc,
        )
    for item, amount in SANGONG_BUDGET[year].items():
        services.sangong_budget_set(
            actor=officer, department=department, year=year, item=item, amount=amount, doc_no=doc
        )
    projects: dict[str, Project] = {}
    for code, name, func, is_key, amounts in PROJECTS:
        project = services.project_create(
            actor=officer, department=department, year=year, code=code, name=name, is_key=is_key
        )
        projects[code] = project
        lines[code] = services.budget_line_create(
            actor=officer,
            department=department,
            year=year,
            func_code=func,
            fund_type="project",
            econ_code="302",
            initial_amount=amounts[year],
            date=jan,
            project=project,
            name=f"{name}（项目）",
            doc_no=doc,
        )

    if year == 2023:
        services.budget_adjust(
            actor=officer,
            line=lines[("2012901", "basic_personnel", "301")],
            amount=D("60000"),
            date=dt.date(2023, 7, 10),
            doc_no="常财预〔2023〕45号",
            memo="单位人数变动：新调入人员工资",
        )
        services.budget_adjust(
            actor=officer,
            line=lines["P02"],
            amount=D("20000"),
            date=dt.date(2023, 8, 28),
            doc_no="常财预〔2023〕88号",
            memo="工作需要：全国科普日活动规模扩大",
        )

    _post_spending(year=year, lines=lines, projects=projects, officer=officer, until_month=6)

    if year == 2023:
        # 调剂 1: 公用经费 → 人员经费 (基本 within 基本: the head's approval is enough).
        t1 = services.transfer_create(
            actor=officer,
            source=lines[("2012901", "basic_public", "302")],
            target=lines[("2012901", "basic_personnel", "301")],
            amount=D("30000"),
            reason="人员经费年初预算存在缺口，调剂公用经费结余弥补在职人员工资",
            is_demo=True,
        )
        services.transfer_submit(actor=officer, transfer=t1)
        services.transfer_approve(actor=head, transfer=t1)
        services.transfer_execute(actor=officer, transfer=t1, date=dt.date(2023, 6, 20))
        # 调剂 2: between two projects — the finance bureau approves as well.
        t2 = services.transfer_create(
            actor=officer,
            source=lines["P04"],
            target=lines["P03"],
            amount=D("10000"),
            reason="青少年科技创新大赛参赛作品增加，调剂驻村帮扶经费结余",
            is_demo=True,
        )
        services.transfer_submit(actor=officer, transfer=t2)
        services.transfer_approve(actor=head, transfer=t2)
        services.transfer_approve(actor=bureau_staff, transfer=t2, doc_no="常财预〔2023〕102号")
        services.transfer_execute(actor=officer, transfer=t2, date=dt.date(2023, 6, 25))
        # The refused attempt: a basic office expense charged to a project line.
        try:
            services.expenditure_post(
                actor=officer,
                line=lines["P01"],
                date=dt.date(2023, 6, 26),
                amount=D("3600"),
                summary="购买办公用品（拟从科普大篷车项目列支）",
                econ_code="30201",
                fund_type="basic_public",
                payee="常宁市文星办公用品店",
                is_demo=True,
            )
        except CrossUseForbidden:
            pass
        else:  # pragma: no cover - the demo must show the refusal
            raise AssertionError("demo cross-use attempt was not refused")

    _post_spending(year=year, lines=lines, projects=projects, officer=officer, from_month=7)

    if year == 2023:
        # A transfer still waiting for the head, so the demo has something to approve.
        pending = services.transfer_create(
            actor=officer,
            source=lines["P01"],
            target=lines[("2012901", "basic_public", "302")],
            amount=D("5000"),
            reason="年末科普大篷车项目结余，申请调剂用于办公楼维修",
            is_demo=True,
        )
        services.transfer_submit(actor=officer, transfer=pending)
        _settle_2023(department=department, officer=officer)
        _payment_requests_2023(lines=lines, officer=officer, head=head)


def _payment_requests_2023(*, lines, officer: User, head: User) -> None:
    """Two 用款申请 at year end: one approved (its amount 预占 on the 公用经费 line, shown as 已预占
    on the execution table) and one waiting for the head. They spend nothing: the seed's figures
    stay as they are."""
    public = lines[("2012901", "basic_public", "302")]
    approved = payments.payment_request_create(
        actor=officer,
        line=public,
        amount=D("3600"),
        econ_code="30202",
        purpose="印制2024年科普宣传资料",
        payee="常宁市印刷厂",
        is_demo=True,
    )
    payments.payment_request_submit(actor=officer, request=approved)
    payments.payment_request_approve(actor=head, request=approved)
    waiting = payments.payment_request_create(
        actor=officer,
        line=public,
        amount=D("1800"),
        econ_code="30211",
        purpose="赴省科协参加年度工作会议差旅费",
        is_demo=True,
    )
    payments.payment_request_submit(actor=officer, request=waiting)


def _settle_2023(*, department: Department, officer: User) -> None:
    """决算补充信息 and the year's 政府采购 contracts (the computers and printers on the asset
    register were bought in the 政府采购电子卖场)."""
    services.settlement_set(
        actor=officer,
        department=department,
        year=2023,
        carry_over_start=D("0"),
        procurement_budget=D("40000"),
        source="2022年度部门决算（年末结转和结余0元）；2023年部门预算政府采购预算表（演示数据）",
        is_demo=True,
    )
    for when, number, item, amount in PROCUREMENTS_2023:
        services.procurement_record(
            actor=officer,
            department=department,
            year=2023,
            date=when,
            contract_no=number,
            item=item,
            method="e_mall",
            amount=amount,
            is_demo=True,
        )


def _post_spending(*, year, lines, projects, officer, from_month: int = 1, until_month: int = 12) -> None:
    plan = SPENDING[year]
    entries = []
    for key, spends in plan.items():
        line: BudgetLine = lines[key]
        project = projects.get(key) if isinstance(key, str) else None
        fund = "project" if project else key[1]
        for spend in spends:
            for month, amount in zip(spend.months, _split(spend.total, len(spend.months)), strict=True):
                if from_month <= month <= until_month:
                    entries.append((month, spend.day, line, project, fund, spend, amount))
    entries.sort(key=lambda e: (e[0], e[1], e[2].pk))
    for month, day, line, project, fund, spend, amount in entries:
        services.expenditure_post(
            actor=officer,
            line=line,
            date=_date(year, month, day),
            amount=amount,
            summary=f"{spend.summary}（{month}月）" if len(spend.months) > 1 else spend.summary,
            econ_code=spend.econ,
            fund_type=fund,
            project=project,
            payee=spend.payee,
            is_demo=True,
        )
