"""Synthetic departments for the finance bureau's oversight screens (all 演示数据).

Sizes, execution rates and 三公 trends vary on purpose, so that ranking, filtering and the
warnings have something to show. Every amount is posted through the money core's services.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from jixiao.apps.budgets import services
from jixiao.apps.demo.changning import DEMO_PASSWORD
from jixiao.apps.demo.context import DemoContext
from jixiao.apps.orgs.models import Department, DepartmentProfile, Role, User
from jixiao.apps.oversight import services as review_services
from jixiao.apps.oversight.selectors import department_figures
from jixiao.domain.money import percent_text, wan
from jixiao.domain.report.document import Paragraph, Report, ReportMetadata, Section
from jixiao.formats.docx_writer import render_docx
from jixiao.formats.txt_writer import render_txt

D = Decimal

# (short name, function code of its administrative running, staff quota, relative size)
SYNTHETIC = [
    ("常宁市教育局", "2050101", 60, 9.0),
    ("常宁市卫生健康局", "2100101", 45, 7.5),
    ("常宁市农业农村局", "2130101", 55, 8.0),
    ("常宁市交通运输局", "2140101", 40, 6.0),
    ("常宁市自然资源局", "2200101", 50, 6.5),
    ("常宁市住房和城乡建设局", "2120101", 48, 6.8),
    ("常宁市民政局", "2080201", 30, 4.2),
    ("常宁市人力资源和社会保障局", "2080101", 42, 5.5),
    ("常宁市文化旅游广电体育局", "2070101", 35, 4.8),
    ("常宁市市场监督管理局", "2013801", 70, 7.0),
    ("常宁市司法局", "2040601", 28, 3.5),
    ("常宁市审计局", "2010801", 22, 2.8),
    ("常宁市统计局", "2010501", 16, 1.9),
    ("常宁市档案馆", "2012601", 12, 1.3),
    ("常宁市妇女联合会", "2012901", 8, 0.9),
    ("共青团常宁市委员会", "2012901", 7, 0.8),
    ("常宁市残疾人联合会", "2012901", 10, 1.4),
    ("常宁市工商业联合会", "2012901", 9, 1.0),
    ("常宁市应急管理局", "2240101", 26, 3.2),
    ("常宁市生态环境分局", "2110101", 24, 3.0),
    ("常宁市水利局", "2130301", 38, 5.0),
    ("常宁市林业局", "2130201", 33, 4.4),
    ("常宁市机关事务服务中心", "2010301", 20, 2.2),
    ("常宁市信访局", "2010301", 14, 1.5),
]

PROJECT_NAMES = ["业务工作专项", "信息化运维专项", "专项整治行动经费", "宣传培训经费", "重点工作推进经费"]


def _amount(rng: random.Random, base: Decimal) -> Decimal:
    return (base * D(rng.randint(85, 115)) / D(100)).quantize(D("100"))


def build(context: DemoContext) -> None:
    rng = random.Random(20231231)
    officers = []
    for index, (name, func, quota, size) in enumerate(SYNTHETIC, start=1):
        department = Department.objects.create(
            bureau=context.bureau, code=f"430482-9{index:02d}", name=name, is_demo=True
        )
        officer = User(
            username=f"dept{index:02d}_cw",
            full_name=f"{name}财务（演示）",
            role=Role.FINANCE_OFFICER,
            department=department,
        )
        officer.set_password(DEMO_PASSWORD)
        officer.save()
        for year, staff_delta in ((2022, 0), (2023, rng.choice([-1, 0, 0, 1]))):
            DepartmentProfile.objects.create(
                department=department,
                year=year,
                staffing_quota=quota,
                actual_staff=max(1, quota - rng.randint(0, 3) + staff_delta),
                retired=rng.randint(2, quota // 2 + 2),
            )
            _build_year(rng, department, officer, year, func, D(str(size)))
        officers.append((department, officer))
    _build_reviews(officers[:4], context.users.get(Role.BUREAU_STAFF))


def _demo_report(department, year: int) -> Report:
    """A short 演示 report written from the department's own 决算 figures (not a real report)."""
    f = department_figures(department=department, year=year, as_of=dt.date(year, 12, 31))
    execution = (
        f"{year}年，本部门调整后预算{wan(f.budget_total)}，其中基本支出{wan(f.budget_basic)}、"
        f"项目支出{wan(f.budget_project)}；全年支出{wan(f.spent_total)}，"
        f"预算执行率{percent_text(f.rate_total)}。"
    )
    sangong = (
        f"{year}年，“三公”经费支出{wan(f.sangong_actual)}，预算{wan(f.sangong_budget)}，"
        f"上年支出{wan(f.sangong_previous)}。"
    )
    return Report(
        title=f"{year}年度{department.name}整体支出绩效评价报告",
        year=year,
        department=department.name,
        sections=(
            Section(1, "部门概况", (Paragraph.of(f"{department.name}为演示单位，本报告由演示数据生成。"),)),
            Section(
                1,
                "部门整体支出情况",
                (
                    Section(3, "预算执行情况", (Paragraph.of(execution),), run_in=True),
                    Section(3, "“三公”经费支出情况", (Paragraph.of(sangong),), run_in=True),
                ),
            ),
            Section(1, "存在的主要问题", (Paragraph.of("项目支出执行进度偏慢。"),)),
            Section(1, "改进措施和建议", (Paragraph.of("加快项目实施进度，提高预算执行率。"),)),
        ),
        signature=department.name,
        date=dt.date(year + 1, 3, 31),
        metadata=ReportMetadata(demo=True, department_code=department.code),
    )


def _build_reviews(officers, staff) -> None:
    """Reports in every state of the review: published, accepted, returned with a comment, submitted."""
    if staff is None:
        return
    for index, (department, officer) in enumerate(officers):
        report = _demo_report(department, 2023)
        submission = review_services.report_submit(
            actor=officer,
            department=department,
            year=2023,
            document=report,
            docx=render_docx(report),
            text=render_txt(report),
        )
        if index == 0:
            review_services.submission_accept(actor=staff, submission=submission)
            review_services.submission_publish(actor=staff, submission=submission)
        elif index == 1:
            review_services.submission_accept(actor=staff, submission=submission)
        elif index == 2:
            review_services.submission_return(
                actor=staff,
                submission=submission,
                comments=(("p3.1", "请结合执行率低于序时进度的项目，具体说明原因。"),),
            )


def _build_year(rng, department, officer, year, func, size):
    jan = dt.date(year, 1, 1)
    scale = D(100000) * size
    personnel = services.budget_line_create(
        actor=officer,
        department=department,
        year=year,
        func_code=func,
        fund_type="basic_personnel",
        econ_code="301",
        initial_amount=_amount(rng, scale * D("6")),
        date=jan,
        name="工资福利支出",
    )
    public = services.budget_line_create(
        actor=officer,
        department=department,
        year=year,
        func_code=func,
        fund_type="basic_public",
        econ_code="302",
        initial_amount=_amount(rng, scale * D("1.6")),
        date=jan,
        name="商品和服务支出",
    )
    reception_budget = _amount(rng, D(3000) * size)
    services.sangong_budget_set(
        actor=officer, department=department, year=year, item="reception", amount=reception_budget
    )
    vehicle_budget = _amount(rng, D(8000) * size) if size > 3 else D(0)
    services.sangong_budget_set(
        actor=officer, department=department, year=year, item="vehicle_running", amount=vehicle_budget
    )
    project_lines = []
    for p in range(1 + int(size) // 3):
        project = services.project_create(
            actor=officer,
            department=department,
            year=year,
            code=f"P{p + 1:02d}",
            name=PROJECT_NAMES[p % 5],
            is_key=p == 0,
        )
        project_lines.append(
            services.budget_line_create(
                actor=officer,
                department=department,
                year=year,
                func_code=func[:5] + "02",
                fund_type="project",
                econ_code="302",
                initial_amount=_amount(rng, scale * D("2.5")),
                date=jan,
                project=project,
            )
        )
    months = range(1, 13) if year == 2023 else (3, 6, 9, 12)
    pace_basic = D(rng.randint(88, 100)) / D(100)
    pace_project = D(rng.randint(45, 98)) / D(100)
    for month in months:
        share = D(1) / D(len(months))
        _pay(
            officer,
            personnel,
            year,
            month,
            personnel.allocated * share * pace_basic,
            "30101",
            "发放工资津补贴",
            "basic_personnel",
        )
        _pay(
            officer,
            public,
            year,
            month,
            public.allocated * share * pace_basic * D("0.9"),
            "30201",
            "日常办公费用",
            "basic_public",
        )
        for line in project_lines:
            weight = D(month) / D(6 * 13) if year == 2023 else share  # projects pay late in the year
            _pay(
                officer,
                line,
                year,
                month,
                line.allocated * weight * pace_project,
                "30227",
                "项目委托业务费",
                "project",
                line.project,
            )
    reception_actual = (reception_budget * D(rng.randint(40, 130)) / D(100)).quantize(D("1"))
    if reception_actual and public.available > reception_actual:
        _pay(officer, public, year, 11, reception_actual, "30217", "公务接待", "basic_public")
    if vehicle_budget:
        running = (vehicle_budget * D(rng.randint(60, 110)) / D(100)).quantize(D("1"))
        if public.available > running:
            _pay(officer, public, year, 10, running, "30231", "公务用车运行维护", "basic_public")


def _pay(officer, line, year, month, amount, econ, summary, fund, project=None):
    amount = amount.quantize(D("0.01"))
    line.refresh_from_db()
    amount = min(amount, line.available)
    if amount <= 0:
        return
    services.expenditure_post(
        actor=officer,
        line=line,
        date=dt.date(year, month, 20),
        amount=amount,
        summary=f"{summary}（{month}月）",
        econ_code=econ,
        fund_type=fund,
        project=project,
        payee="演示收款单位",
        is_demo=True,
    )
