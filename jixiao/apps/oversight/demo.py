"""Synthetic departments for the finance bureau's oversight screens (all 演示数据).

Sizes, execution rates and 三公 trends vary on purpose, so that ranking, filtering and the
warnings have something to show. Every amount is posted through the money core's services;
every department's 2023 goal is composed from its own 部门类型's indicator library (and three
computed 共性 indicators), and its activities record that library's outputs in that type's work areas,
all through the goals services, with actuals above or below the targets on purpose. Eight departments have a 2023 report: four
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
from jixiao.apps.goals import selectors as goal_selectors
from jixiao.apps.goals import services as goal_services
from jixiao.apps.orgs.models import Department, DepartmentProfile, Role, User
from jixiao.apps.oversight import services as review_services
from jixiao.apps.oversight.selectors import department_figures
from jixiao.domain import goals as goal_domain
from jixiao.domain.goals import CurveKind, Operator
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

# How far each department gets against its targets: the share of each target reached by year end.
ACHIEVED = [D("0.62"), D("0.85"), D("0.94"), D("1.00"), D("1.04"), D("1.10"), D("1.25")]
BASIC_TASK = "机关运转和履职保障"
# The 共性 indicators every synthetic goal adds to its type's own, all computed from the year's data
# the demo holds (task completion, the ledger's 公用经费, the profile's staffing).
COMMON_CODES = ("GX-ZL-01", "GX-SX-01", "GX-CB-03", "GX-CB-04")
HALVES = (("上半年", 1, 6), ("下半年", 7, 12))
DEMO_NOTE = "演示数据：合成单位按其部门类型指标库生成的记录，不是真实单位的数据。"


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
        _build_goal(rng, department, officer, 2023)
        officers.append((department, officer))
    staff = context.users.get(Role.BUREAU_STAFF)
    _build_reviews(officers[:4], staff)
    _build_uploads(rng, officers[4:8], staff)
    _build_library_draft(context.bureau, staff)


def _money_cap(entry, budget: Decimal) -> str | None:
    """A cost target in 元/万元 that the linked task's budget can hold (90% of it at most)."""
    factor = goal_domain.goal_rules().money_units.get(entry.unit)
    if factor is None:
        return None
    target = goal_domain.parse_target(entry.typical_target, unit=entry.unit)
    cap = (budget * D("0.9") / factor).quantize(D("0.01"), rounding=ROUND_DOWN)
    return f"{target.operator.value}{min(target.value, cap)}"


def _build_goal(rng, department, officer, year: int) -> None:
    """The department's 2023 goal composed from its type's library (and three computed 共性
    indicators) at the library's typical targets, the tasks adding up to its 年初预算; activities per
    work area and half-year whose outputs reach each target to a different degree; then the year end:
    how each task ended and the actual of every indicator nothing feeds or computes (all 演示数据)."""
    library = goal_selectors.library_for(department)
    f = department_figures(department=department, year=year, as_of=dt.date(year, 1, 1))
    basic, projects = f.initial_basic, _project_budgets(department, year)
    tasks = [
        goal_domain.Task(
            BASIC_TASK, basic, "保障机关正常运转和日常履职", "基本支出", due=dt.date(year, 12, 31)
        )
    ]
    tasks += [
        goal_domain.Task(
            name, amount, f"实施{name}", "项目支出", due=dt.date(year, 12, 20), is_key=number == 0
        )
        for number, (name, amount) in enumerate(projects)
    ]
    main = max(tasks, key=lambda task: task.budget)
    entries = [*library.own_indicators, *(library.get(code) for code in COMMON_CODES)]
    indicators = [
        entry.goal_indicator(_money_cap(entry, main.budget) or entry.typical_target, task=main.name)
        for entry in entries
    ]
    kind = department.department_type
    goal = goal_services.goal_import(
        actor=officer,
        department=department,
        year=year,
        source=goal_domain.Goal(
            department=department.name,
            indicators=tuple(indicators),
            tasks=tuple(tasks),
            year=year,
            duties=f"{department.name}（演示数据）依法履行{kind}部门职责。",
            overall_goal=f"保障机关正常运转；{'、'.join(library.vocabulary.work_areas)}方面，"
            + "、".join(
                output.name for output in library.outputs if output.area in library.vocabulary.work_areas
            )
            + "等年度重点工作按计划完成，服务对象满意度不低于90%。",
        ),
        is_demo=True,
        origin="演示数据：合成单位按部门类型指标库组成的部门整体绩效目标",
    )
    goal_services.goal_submit(actor=officer, goal=goal)
    reached = {entry.name: rng.choice(ACHIEVED) for entry in entries}
    _record_activities(department, officer, library, entries, reached, year)
    _record_year_end(rng, goal, officer, reached)


def _record_activities(department, officer, library, entries, reached, year: int) -> None:
    """One activity per work area and half-year carrying that area's outputs: each output's total is
    its indicator's target times the share reached, split over the halves (a stock such as 保障人数,
    judged as a level, is recorded once, at the year's end)."""
    targets = {}
    for entry in entries:
        if entry.value_type != "定量":
            continue
        value = goal_domain.parse_target(entry.typical_target, unit=entry.unit).value
        for key in entry.fed_by:
            total = value * reached[entry.name]
            places = D("1") if value == value.to_integral() else D("0.01")
            targets.setdefault(key, (max(total.quantize(places), places), entry.progress.kind))
    areas = {}
    for name in library.vocabulary.work_areas:
        areas[name] = goal_services.work_area_create(actor=officer, department=department, name=name)
    for area_name, area in areas.items():
        outputs = [output for output in library.outputs if output.area == area_name and output.key in targets]
        for number, (when, first, last) in enumerate(HALVES, start=1):
            quantities = []
            for output in outputs:
                total, kind = targets[output.key]
                if kind in (CurveKind.LEVEL, CurveKind.YEAR_END):
                    share = total if number == 2 else D(0)
                else:
                    places = D("1") if total == total.to_integral_value() else D("0.01")
                    first_half = (total / 2).quantize(places, rounding=ROUND_DOWN)
                    share = total - first_half if number == 2 else first_half
                if share > 0:
                    quantities.append(
                        {"quantity": f"{share.normalize():f}{output.unit}", "output_key": output.key}
                    )
            if not quantities:
                continue
            goal_services.activity_record(
                actor=officer,
                department=department,
                date=dt.date(year, first, 1),
                end_date=dt.date(year, last, 30 if last == 6 else 20),
                date_text=when,
                title=f"{area_name}工作（演示数据）（{when}）",
                area=area,
                outputs=quantities,
                # the title says 演示数据; the account stays empty so the report does not repeat a note
                description="",
                is_demo=True,
            )


def _actual_text(indicator, share: Decimal) -> str:
    """A plausible year-end actual for an indicator nothing feeds: its target moved by ``share``
    (below target when the share is under 1), in the indicator's unit; a grade for a 定性 one."""
    if indicator.is_qualitative:
        return "优" if share >= 1 else "良"
    target = indicator.parsed_target()
    value = target.value
    if target.operator.is_upper_bound:
        actual = value * (2 - share) if share < 1 else value * D("0.9")
    elif target.unit == "%":
        actual = (
            min(D(100), value * share)
            if target.operator is not Operator.EQ
            else (D(100) if share >= 1 else value * share)
        )
    else:
        actual = value * share
    counted = target.unit not in ("%", "‰", "元", "万元") and "/" not in target.unit
    actual = max(actual, D(0)).quantize(D("1") if counted else D("0.01"))
    return f"{actual.normalize():f}{target.unit}"


def _record_year_end(rng, goal, officer, reached) -> None:
    for task in goal.tasks.all():
        finished = dt.date(goal.year, 12, rng.choice([10, 18, 20, 28]))
        goal_services.task_completion_record(
            actor=officer,
            task=task,
            completed=True,
            finished_on=finished,
            quality_passed=rng.random() > 0.15,
            evidence=f"{DEMO_NOTE}年末工作台账。",
            is_demo=True,
        )
    for item in goal_selectors.year_end_rows(goal):
        if item.automatic or item.computed is not None:
            continue  # counted from the activities, or computed by jixiao from the year's data
        goal_services.year_end_actual_enter(
            actor=officer,
            indicator=item.row,
            text=_actual_text(item.indicator, reached.get(item.row.name, D(1))),
            evidence=f"{DEMO_NOTE}年末问卷和业务台账统计。",
            is_demo=True,
        )


def _build_library_draft(bureau, staff) -> None:
    """A draft of the bureau's own 妇联 library (演示数据), uploaded but not published: the
    指标库版本 page has something to show, and no goal is affected."""
    if staff is None:
        return
    from jixiao.domain.indicator_library import DATA_DIR

    text = (DATA_DIR / "fulian-v1.yaml").read_text(encoding="utf-8")
    text = text.replace("version: fulian-v1", "version: fulian-cn2024", 1).replace(
        "name: 妇联部门整体绩效指标库", "name: 常宁市妇联部门整体绩效指标库（演示数据，待发布）", 1
    )
    goal_services.library_version_upload(
        actor=staff,
        bureau=bureau,
        text=text,
        file_name="fulian-cn2024.yaml",
        note="演示数据：财政局据本市妇联历年目标表调整的版本，尚未发布。",
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
                paragraph_id="p4.1",
                reason="请结合执行率低于序时进度的项目，具体说明原因。",
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
