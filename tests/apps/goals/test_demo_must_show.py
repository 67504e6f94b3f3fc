"""The must-shows on the demo: the 2023 goal passes and is quantified; 双监控 at 2023-07-31 warns from
the data; every figure of the seed's section 五 is recorded as the seed says it and traced to its activity.

The demo is built once for this module (it takes a while) and emptied afterwards.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from jixiao.apps.budgets.models import Voucher
from jixiao.apps.core.models import AuditEvent
from jixiao.apps.goals import selectors, services
from jixiao.apps.goals.models import Activity, ActivityOutput, GoalState, WarningResponse
from jixiao.domain.goals import Severity, load_demo_goal
from jixiao.domain.monitoring import WarningKind
from tests.factories import PASSWORD

JULY_31 = dt.date(2023, 7, 31)
YEAR_END = dt.date(2023, 12, 31)

# Every quantity section 五 states, as the seed writes it.
SEED_QUANTITIES = [
    "500余人次",
    "2人",
    "2家",
    "近30次",
    "6000余册",
    "2000余件",
    "2万余名",
    "7块",
    "1000余份",
    "2000余人",
    "300余人次",
    "33家",
    "近400多名",
    "20幅",
    "90余块",
    "2万余份",
    "1274人次",
    "150人次",
    "2500余人",
    "1万6千余师生",
    "37名",
    "16名",
    "13名",
    "6位",
    "20件",
    "2所",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from jixiao.apps.demo.builder import demo_build
    from jixiao.apps.orgs.models import User

    with django_db_blocker.unblock():
        result = demo_build(steps=("jixiao.apps.goals.demo",))
        for user in User.objects.all():
            user.set_password(PASSWORD)
            user.save()
    yield result
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def kexie(demo, db):
    return demo["department"]


def test_the_demo_2023_goal_is_submitted_passes_validation_and_every_indicator_is_quantified(kexie):
    goal = selectors.department_goal(kexie, 2023)
    assert goal.state == GoalState.SUBMITTED and goal.is_demo
    findings = selectors.goal_findings(goal)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    domain_goal = selectors.goal_to_domain(goal)
    assert [i.name for i in domain_goal.indicators] == [i.name for i in load_demo_goal().goal.indicators]
    assert len(domain_goal.indicators) == 31
    for indicator in domain_goal.indicators:
        assert indicator.is_quantitative, indicator.name
        target = indicator.parsed_target()
        assert target.unit, indicator.name
    # the tasks add up to the 年初预算 in the ledger
    assert (
        domain_goal.task_budget_total
        == selectors.budget_for_goal(department=kexie, year=2023)
        == Decimal("2084049.00")
    )


def test_monitoring_at_31_july_warns_that_the_science_day_project_has_spent_nothing(kexie):
    view = selectors.monitoring_view(department=kexie, year=2023, as_of=JULY_31)
    lagging = {w.subject: w for w in view.report.warnings_of(WarningKind.BUDGET_BEHIND)}
    assert set(lagging) == {"P02 全国科普日系列活动"}
    warning = lagging["P02 全国科普日系列活动"]
    # the figures follow from the ledger: no P02 voucher before 全国科普日 in September
    assert not Voucher.objects.filter(
        department=kexie, year=2023, project__code="P02", date__lte=JULY_31
    ).exists()
    assert (
        Voucher.objects.filter(department=kexie, year=2023, project__code="P02").earliest("date").date.month
        == 9
    )
    assert warning.figures["budget"] == Decimal("100000.00") and warning.figures["executed"] == Decimal(
        "0.00"
    )
    assert "预算执行率0.0%" in warning.message and "低于序时进度58.3%达58.3个百分点" in warning.message
    # the 20,000元 追加 of 28 August is not yet in the budget at 31 July; by year end it is
    year_end = selectors.monitoring_view(department=kexie, year=2023, as_of=YEAR_END)
    p02 = next(row for row in year_end.report.budgets if row.name.startswith("P02"))
    assert p02.budget == Decimal("120000.00")


def test_monitoring_at_31_july_warns_on_activity_counts_from_the_activities_recorded_by_then(kexie):
    view = selectors.monitoring_view(department=kexie, year=2023, as_of=JULY_31)
    activities = view.report.progress_of("科普活动次数")
    traced = view.traced["科普活动次数"]
    assert activities.actual == Decimal(2)
    assert [item.activity.date for item in traced.items] == [dt.date(2023, 4, 27), dt.date(2023, 5, 25)]
    warning = next(w for w in view.report.warnings if w.subject == "科普活动次数")
    assert warning.kind is WarningKind.LIKELY_MISS
    assert "实际完成2次，目标≥6次" in warning.message


def test_the_seed_section_five_quantities_render_back_as_the_seed_says_them(kexie):
    recorded = [output.text for output in ActivityOutput.objects.filter(activity__department=kexie)]
    for text in SEED_QUANTITIES:
        assert text in recorded, text
    down = ActivityOutput.objects.get(activity__department=kexie, output_key="下乡科普次数")
    assert (down.value, down.qualifier, down.activity.date, down.activity.end_date) == (
        Decimal(30),
        "近",
        dt.date(2023, 1, 1),
        YEAR_END,
    )
    assert Activity.objects.get(
        department=kexie, title="“三下乡”暨智慧农业科普助力乡村振兴活动"
    ).date == dt.date(2023, 4, 27)


def test_the_actual_of_beneficiaries_lists_the_activities_and_quantities_that_produced_it(kexie):
    view = selectors.monitoring_view(department=kexie, year=2023, as_of=YEAR_END)
    traced = view.traced["受益人次"]
    assert traced.value == Decimal(25000)
    assert [(item.activity.title, item.quantity.text()) for item in traced.items] == [
        ("科普大篷车下乡科普", "2万余名"),
        ("“三下乡”暨智慧农业科普助力乡村振兴活动", "500余人次"),
        ("参加2023年科技活动周活动", "2000余人"),
        ("举办常宁市2023年“全国科普日”系列宣传活动", "2500余人"),
    ]
    assert traced.actual.approximate
    materials = view.traced["科普资料发放份数"]
    assert materials.value == Decimal(27000)
    assert [item.quantity.text() for item in materials.items] == ["6000余册", "1000余份", "2万余份"]
    assert view.traced["下乡科普场次"].value == Decimal(30)


def test_the_officer_records_cause_and_measures_for_a_warning_audited(kexie, demo):
    officer = demo["department"].users.get(role="finance_officer")
    goal = selectors.department_goal(kexie, 2023)
    key = "预算执行滞后:P02 全国科普日系列活动"
    response = services.warning_respond(
        actor=officer,
        goal=goal,
        as_of=JULY_31,
        key=key,
        message="…",
        cause="全国科普日活动安排在9月，资金集中在9月支付",
        measures="9月活动结束后及时办理支付，年底前支付完毕",
    )
    assert WarningResponse.objects.get(goal=goal, as_of=JULY_31, key=key) == response
    event = AuditEvent.objects.get(action="warning_respond")
    assert event.after["cause"].startswith("全国科普日活动安排在9月")
    with pytest.raises(Exception, match="没有预警“进度滞后:不存在”"):
        services.warning_respond(
            actor=officer,
            goal=goal,
            as_of=JULY_31,
            key="进度滞后:不存在",
            message="",
            cause="a",
            measures="b",
        )


def test_the_dashboard_shows_warnings_charts_and_the_trace(kexie, client):
    assert client.login(username="kx_caiwu", password=PASSWORD)
    response = client.get("/goals/monitoring/?as_of=2023-07-31&year=2023")
    html = response.content.decode()
    assert response.status_code == 200
    assert "项目“P02 全国科普日系列活动”截至2023年7月31日预算执行率0.0%" in html
    assert html.count("<svg") == 2 and 'aria-label="预算执行率与序时进度（截至7月31日）"' in html
    assert "参加2023年科技活动周活动</a> 2000余人" in html
    p02_line = kexie.budget_lines.get(year=2023, project__code="P02")
    assert f'href="/budgets/vouchers/?line={p02_line.pk}"' in html


def test_the_monitoring_table_exports_to_excel_and_word_with_east_asian_fonts(kexie, client):
    from docx import Document
    from docx.oxml.ns import qn
    from openpyxl import load_workbook

    assert client.login(username="kx_caiwu", password=PASSWORD)
    xlsx = client.get("/goals/monitoring/export.xlsx?as_of=2023-07-31&year=2023")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "常宁市科学技术协会（演示数据）2023年度绩效运行监控表（双监控）"
    p02 = next(row for row in values if row[0] == "P02 全国科普日系列活动")
    assert p02[1:7] == ["10.00", "0.00", "0.0%", "58.3%", "-58.3", "预警"]
    docx = client.get("/goals/monitoring/export.docx?as_of=2023-07-31&year=2023")
    document = Document(io.BytesIO(docx.content))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if run.text]
    assert runs[0].text.endswith("绩效运行监控表（双监控）")
    assert all(run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in runs)
    assert len(document.inline_shapes) == 2  # both dashboard charts, drawn as PNG by the report's chart code
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "P02 全国科普日系列活动" in cells


def test_the_officer_answers_a_warning_from_the_dashboard_and_sees_it_there(kexie, client):
    assert client.login(username="kx_caiwu", password=PASSWORD)
    url = "/goals/monitoring/?as_of=2023-06-30&year=2023"
    html = client.get(url).content.decode()
    key = "预计无法完成:下乡科普场次"
    assert f'value="{key}"' in html
    response = client.post(
        "/goals/monitoring/respond/?as_of=2023-06-30",
        {"key": key, "cause": "下乡科普次数按全年合计在年末记录", "measures": "改为每次下乡后当月记录"},
    )
    assert response.status_code == 302 and response["Location"] == "/goals/monitoring/?as_of=2023-06-30"
    html = client.get(url).content.decode()
    assert "偏差原因：</strong>下乡科普次数按全年合计在年末记录" in html
    assert (
        WarningResponse.objects.get(key=key, as_of=dt.date(2023, 6, 30)).measures == "改为每次下乡后当月记录"
    )


def test_the_demo_year_end_record_counts_the_tasks_and_gives_every_indicator_an_actual(kexie):
    from jixiao.apps.budgets.selectors import budget_lines_for
    from jixiao.apps.goals.models import TaskCompletion, YearEndActual
    from jixiao.domain.facts import WorkCompletion

    # 6 tasks all done on time; 全国科普日 not yet up to standard (督查整改未销号); 3 key tasks all done
    assert selectors.work_completion_for(department=kexie, year=2023) == WorkCompletion(6, 6, 6, 5, 3, 3)
    assert TaskCompletion.objects.get(task__name="全国科普日系列活动").quality_passed is False
    results = {r.name: r for r in selectors.goal_results_for(department=kexie, year=2023)}
    assert len(results) == 31 and all(r.actual is not None for r in results.values())
    entered = YearEndActual.objects.filter(indicator__goal__department=kexie)
    assert entered.count() == 14 and all(a.is_demo and a.evidence.endswith("（演示数据）") for a in entered)
    # cost and payment actuals are the ledger's figures
    spent = {
        line.project.code: line.balance().spent
        for line in budget_lines_for(department=kexie, year=2023)
        if line.project_id
    }
    assert spent["P01"] == Decimal("171000.00") and spent["P03"] == Decimal("107800.00")
    assert results["科普益民宣传活动支出"].actual == spent["P01"] / 10000
    assert results["青少年科技教育活动支出"].actual == spent["P03"] / 10000
    assert results["人均科普成本"].actual == Decimal("6.84")  # 171,000元 ÷ 受益群众25,000人次
    assert results["资金在年底前支付完成率"].actual == Decimal("95.85")  # 440,900 ÷ 460,000
    assert results["公用经费支出控制数"].actual == Decimal("440800.00")
    # where the seed states the fact, the actual is what it says
    assert results["科普乡镇覆盖率"].actual == Decimal(100)
    assert "遍布全市所有乡镇" in results["科普乡镇覆盖率"].evidence
    assert results["科技志愿服务团队数"].actual == Decimal(1)


def test_the_demo_section_five_reads_as_sentences_not_a_log(kexie):
    """Section 五 from the activity record: time, partners, place, what was done, its outputs set
    against their indicators, the account and the named results (issue 16 point 6)."""
    from jixiao.apps.reports.selectors import work_groups

    found, summary = work_groups(kexie, 2023)
    groups = {g.heading: g.items for g in found}
    assert groups["在党建方面"][0].startswith(
        "1月至12月，常宁市科协党组理论学习中心组集中学习12次，达到年度目标12次。"
    )
    assert groups["在乡村振兴方面"][0].startswith(
        "4月27日，联合常宁市禁毒办、常宁市老科协在庙前镇弥泉村综合服务中心、双凤村合作社田间、庙前镇中学"
        "开展“三下乡”暨智慧农业科普助力乡村振兴活动，现场观摩学习村民500余人次。"
    )
    rural = "".join(groups["在乡村振兴方面"])
    assert "联合常宁市农业农村局等单位在新河镇兴旺村开展种养殖暨食品储存科普知识讲座培训活动" in rural
    assert "常宁市福来油茶加工农民专业合作社和常宁市德社种植专业合作社入围“常宁市科普示范基地”名单" in rural
    assert "在自身人力资源不能满足日常工作需要的情况下" in rural
    assert any(
        item.startswith("全年，在全市各乡镇集市开展科普大篷车下乡科普近30次，超过年度目标25次，")
        for item in groups["在科普宣传方面"]
    )
    youth = "".join(groups["在青少年科技教育方面"])
    for named in ("常宁市科协获优秀组织奖", "第44届湖南省青少年科技创新大赛", "龙雨珂荣获二等奖", "吴满丽"):
        assert named in youth, named
    assert summary.startswith("从履职活动记录汇总看，全年科普活动次数6次，达到年度目标6次；")
    sentences = [item for items in groups.values() for item in items]
    assert len(sentences) == 22  # 37 activity records: 12 monthly sessions and 4 quarterly changes merged
    for item in sentences:
        assert item.endswith("。") and "开展开展" not in item and "1次2次" not in item, item
