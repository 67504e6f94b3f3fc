"""Synthetic departments for the finance bureau's oversight screens (all 演示数据).

Sizes, execution rates and 三公 trends vary on purpose, so that ranking, filtering and the
warnings have something to show. Every amount is posted through the money core's services;
every department's 2023 goal, its own indicators and its activities through the goals services,
with actuals above or below the targets on purpose. Eight departments have a 2023 report: four
composed in jixiao and scored with the shipped framework from their own data, four written
outside jixiao and uploaded by the bureau, three of which state a self-evaluation score.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_DOWN, Decimal

from jixiao.apps.budgets import services
from jixiao.apps.demo.changning import DEMO_PASSWORD
from jixiao.apps.demo.context import DemoContext
from jixiao.apps.goals import services as goal_services
from jixiao.apps.orgs.models import Department, DepartmentProfile, Role, User
from jixiao.apps.oversight import services as review_services
from jixiao.apps.oversight.selectors import department_figures
from jixiao.domain import goals as goal_domain
from jixiao.domain.goals import CurveKind, ProgressCurve
from jixiao.domain.money import percent_text, wan
from jixiao.domain.report.document import (
    Annex,
    HeaderCell,
    Paragraph,
    Report,
    ReportMetadata,
    Section,
    Table,
)
from jixiao.domain.scoring import ScoreSheet, points_text
from jixiao.formats.docx_writer import render_docx
from jixiao.formats.txt_writer import render_txt

D = Decimal

# (name, 部门类型, function code of its administrative running, staff quota, relative size)
SYNTHETIC = [
    ("常宁市教育局", "教育", "2050101", 60, 9.0),
    ("常宁市卫生健康局", "卫生健康", "2100101", 45, 7.5),
    ("常宁市农业农村局", "农业农村", "2130101", 55, 8.0),
    ("常宁市交通运输局", "交通运输", "2140101", 40, 6.0),
    ("常宁市自然资源局", "自然资源", "2200101", 50, 6.5),
    ("常宁市住房和城乡建设局", "住房城乡建设", "2120101", 48, 6.8),
    ("常宁市民政局", "民政", "2080201", 30, 4.2),
    ("常宁市人力资源和社会保障局", "人力资源社会保障", "2080101", 42, 5.5),
    ("常宁市文化旅游广电体育局", "文化旅游", "2070101", 35, 4.8),
    ("常宁市市场监督管理局", "市场监管", "2013801", 70, 7.0),
    ("常宁市司法局", "司法", "2040601", 28, 3.5),
    ("常宁市审计局", "审计", "2010801", 22, 2.8),
    ("常宁市统计局", "统计", "2010501", 16, 1.9),
    ("常宁市档案馆", "档案", "2012601", 12, 1.3),
    ("常宁市妇女联合会", "妇联", "2012901", 8, 0.9),
    ("共青团常宁市委员会", "共青团", "2012901", 7, 0.8),
    ("常宁市残疾人联合会", "残联", "2012901", 10, 1.4),
    ("常宁市工商业联合会", "工商联", "2012901", 9, 1.0),
    ("常宁市应急管理局", "应急管理", "2240101", 26, 3.2),
    ("常宁市生态环境分局", "生态环境", "2110101", 24, 3.0),
    ("常宁市水利局", "水利", "2130301", 38, 5.0),
    ("常宁市林业局", "林业", "2130201", 33, 4.4),
    ("常宁市机关事务服务中心", "机关事务", "2010301", 20, 2.2),
    ("常宁市信访局", "信访", "2010301", 14, 1.5),
]

PROJECT_NAMES = ["业务工作专项", "信息化运维专项", "专项整治行动经费", "宣传培训经费", "重点工作推进经费"]

# Each synthetic department's own indicators (recorded by its activities): (code, 一级, 二级, name,
# unit, base target per unit of size). The targets scale with the department's size.
OWN_INDICATORS = [
    ("YW-SL-01", "产出指标", "数量指标", "重点业务工作开展次数", "次", D(6)),
    ("YW-SL-02", "产出指标", "数量指标", "政策宣传资料发放份数", "份", D(800)),
    ("YW-SL-03", "产出指标", "数量指标", "业务培训人次", "人次", D(60)),
    ("YW-XY-01", "效益指标", "社会效益指标", "服务群众人次", "人次", D(1500)),
]
# How far each department gets against its targets: the share of each target reached by year end.
ACHIEVED = [D("0.62"), D("0.85"), D("0.94"), D("1.00"), D("1.04"), D("1.10"), D("1.25")]
BASIC_TASK = "机关运转和履职保障"
YEAR_END = ProgressCurve(CurveKind.YEAR_END)


def _amount(rng: random.Random, base: Decimal) -> Decimal:
    return (base * D(rng.randint(85, 115)) / D(100)).quantize(D("100"))


def build(context: DemoContext) -> None:
    rng = random.Random(20231231)
    officers = []
    for index, (name, kind, func, quota, size) in enumerate(SYNTHETIC, start=1):
        department = Department.objects.create(
            bureau=context.bureau,
            code=f"430482-9{index:02d}",
            name=name,
            department_type=kind,
            is_demo=True,
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
        _build_goal(rng, department, officer, 2023, D(str(size)))
        officers.append((department, officer))
    staff = context.users.get(Role.BUREAU_STAFF)
    _build_reviews(officers[:4], staff)
    _build_uploads(rng, officers[4:8], staff)


def _target(base: Decimal, size: Decimal) -> Decimal:
    return max(D(1), (base * size).quantize(D("1")))


def _build_goal(rng, department, officer, year: int, size: Decimal) -> None:
    """The department's 2023 goal (tasks add up to its 年初预算; every required category), its own
    indicators fed by its activities, and two half-year activity records whose outputs reach each
    target only partly or beyond it."""
    for code, level1, level2, name, unit, _base in OWN_INDICATORS:
        goal_services.custom_indicator_create(
            actor=officer,
            department=department,
            code=code,
            level1=level1,
            level2=level2,
            name=name,
            explanation=f"全年{name}，由履职活动记录累计",
            unit=unit,
            operator="≥",
            scoring_rule="达到目标值得满分；未达到按实际完成数/目标值×分值计分",
            own_output=True,
        )
    f = department_figures(department=department, year=year, as_of=dt.date(year, 1, 1))
    basic, projects = f.initial_basic, _project_budgets(department, year)
    tasks = [goal_domain.Task(BASIC_TASK, basic, "保障机关正常运转和日常履职", "基本支出")]
    tasks += [goal_domain.Task(name, amount, f"实施{name}", "项目支出") for name, amount in projects]
    targets = {name: _target(base, size) for _c, _l1, _l2, name, _u, base in OWN_INDICATORS}
    common = {"value_type": "定量", "scoring_rule": "达到目标值得满分", "task": BASIC_TASK}
    indicators = [
        goal_domain.GoalIndicator(
            name=name,
            level1=level1,
            level2=level2,
            target=f"≥{targets[name]}",
            unit=unit,
            code=code,
            explanation=f"全年{name}",
            **common,
        )
        for code, level1, level2, name, unit, _base in OWN_INDICATORS
    ]
    indicators += [
        goal_domain.GoalIndicator(
            "业务工作按计划完成率",
            "产出指标",
            "质量指标",
            target="≥95",
            unit="%",
            progress=YEAR_END,
            **common,
        ),
        goal_domain.GoalIndicator(
            "重点工作按期完成率", "产出指标", "时效指标", target="=100", unit="%", progress=YEAR_END, **common
        ),
        goal_domain.GoalIndicator(
            "机关运转支出",
            "产出指标",
            "成本指标",
            target=f"≤{(basic / D(10000)).quantize(D('0.01'), rounding=ROUND_DOWN)}",
            unit="万元",
            progress=YEAR_END,
            **common,
        ),
        goal_domain.GoalIndicator(
            "服务对象满意度",
            "满意度指标",
            "服务对象满意度指标",
            target="≥90",
            unit="%",
            progress=YEAR_END,
            **common,
        ),
    ]
    goal = goal_services.goal_import(
        actor=officer,
        department=department,
        year=year,
        source=goal_domain.Goal(
            department=department.name,
            indicators=tuple(indicators),
            tasks=tuple(tasks),
            year=year,
            duties=f"{department.name}（演示数据）依法履行本部门职责。",
            overall_goal="保障机关正常运转，完成年度重点业务工作，提升服务群众水平。",
        ),
        is_demo=True,
        origin="演示数据：合成单位的部门整体绩效目标",
    )
    goal_services.goal_submit(actor=officer, goal=goal)
    area = goal_services.work_area_create(actor=officer, department=department, name="重点业务工作")
    reached = {name: rng.choice(ACHIEVED) for name in targets}
    halves = (
        (dt.date(year, 1, 1), dt.date(year, 6, 30), "上半年"),
        (dt.date(year, 7, 1), dt.date(year, 12, 20), "下半年"),
    )
    for number, (start, end, when) in enumerate(halves, start=1):
        outputs = []
        for _c, _l1, _l2, name, unit, _base in OWN_INDICATORS:
            total = (targets[name] * reached[name]).quantize(D("1"))
            share = total // 2 + (total % 2 if number == 2 else 0)  # the halves add up to the total
            if share:
                outputs.append({"quantity": f"{share}{unit}", "output_key": name})
        goal_services.activity_record(
            actor=officer,
            department=department,
            date=start,
            end_date=end,
            date_text=when,
            title=f"{when}重点业务工作（演示数据）",
            area=area,
            outputs=outputs,
            description="演示数据：按半年汇总记录的履职活动，产出自期末起计入。",
            is_demo=True,
        )


def _project_budgets(department, year: int) -> list[tuple[str, Decimal]]:
    from jixiao.apps.budgets.models import BudgetLine

    return [
        (name, amount)
        for name, amount in BudgetLine.objects.filter(department=department, year=year, project__isnull=False)
        .order_by("project__code")
        .values_list("project__name", "allocated")
    ]


def _score_sheet(department, year: int) -> ScoreSheet:
    """The department's self-evaluation with the shipped framework, from its own data (rows whose
    data the demo lacks score nothing, as in any report jixiao composes)."""
    from jixiao.apps.reports.selectors import department_year_facts, framework_for
    from jixiao.domain.scoring import score_department

    return score_department(department_year_facts(department=department, year=year), framework_for(year))


def _score_table(sheet: ScoreSheet) -> Table:
    rows = [
        (row.level1, row.level2, row.name, points_text(row.points), points_text(row.score))
        for row in sheet.rows
    ]
    rows.append(
        (
            "合计",
            "",
            f"评价等级：{sheet.grade.value}",
            points_text(sheet.points_total),
            points_text(sheet.total),
        )
    )
    return Table(
        caption="",
        unit="单位：分",
        header_rows=(tuple(HeaderCell(h) for h in ("一级指标", "二级指标", "三级指标", "分值", "自评得分")),),
        body_rows=tuple(rows),
        total_row=True,
        number_columns=(3, 4),
    )


def _execution_text(department, year: int) -> tuple[str, str]:
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
    return execution, sangong


def _demo_report(department, year: int) -> Report:
    """A short 演示 report written from the department's own 决算 figures and scored with the shipped
    framework (not a real report)."""
    execution, sangong = _execution_text(department, year)
    sheet = _score_sheet(department, year)
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
            Section(
                1,
                "自评得分及等级",
                (
                    Paragraph.of(
                        f"按照《{sheet.framework_name}》逐项评分，本部门{year}年度整体支出绩效{sheet.conclusion}"
                    ),
                ),
            ),
            Section(1, "存在的主要问题", (Paragraph.of("项目支出执行进度偏慢。"),)),
            Section(1, "改进措施和建议", (Paragraph.of("加快项目实施进度，提高预算执行率。"),)),
        ),
        signature=department.name,
        date=dt.date(year + 1, 3, 31),
        annexes=(Annex(f"{year}年度部门整体支出绩效自评得分表", (_score_table(sheet),)),),
        metadata=ReportMetadata(demo=True, department_code=department.code, framework=sheet.framework_name),
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
                comments=(("p4.1", "请结合执行率低于序时进度的项目，具体说明原因。"),),
            )


def _outside_report(department, year: int, stated: tuple[Decimal, str] | None) -> bytes:
    """A report the department wrote outside jixiao (plain text, 演示数据); ``stated`` is the
    self-evaluation score and grade it gives, if any."""
    execution, sangong = _execution_text(department, year)
    lines = [
        f"{department.name}{year}年度部门整体支出绩效自评报告（演示数据）",
        "一、部门概况",
        f"{department.name}为演示单位，本报告为系统外编写的演示报告。",
        "二、部门整体支出情况",
        execution,
        sangong,
        "三、绩效自评结论",
    ]
    if stated:
        score, grade = stated
        lines.append(
            f"经自评，本部门{year}年度整体支出绩效自评得分{points_text(score)}分，评价等级为“{grade}”。"
        )
    else:
        lines.append("本部门已按要求开展绩效自评，具体情况见附表（附表未随报告上传）。")
    lines += ["四、存在的主要问题", "部分项目支出进度偏慢。", "五、改进措施", "加快项目实施进度。"]
    return "\n".join(lines).encode()


def _build_uploads(rng, officers, staff) -> None:
    """Reports written outside jixiao, uploaded and checked by the bureau; the last states no score."""
    if staff is None:
        return
    files = []
    for index, (department, _officer) in enumerate(officers):
        stated = None
        if index < len(officers) - 1:
            score = D(rng.randint(150, 196)) / D(2)  # what departments write: 75—98, in half points
            grade = "优" if score >= 90 else "良" if score >= 80 else "中"
            stated = (score, grade)
        files.append(
            (department, f"{department.name}2023年度自评报告.txt", _outside_report(department, 2023, stated))
        )
    review_services.reports_upload_batch(actor=staff, year=2023, files=files)


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
