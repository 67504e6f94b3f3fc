"""The demo department's 2023 facts: 常宁市科学技术协会, as the selectors would build them.

Figures from the seed report (2023-changning-kexie-report.txt) are exact: 在编 14 (上年 15), 退休 4;
年初预算 基本 1,644,049.00 元 / 项目 440,000.00 元 (2022: 1,333,900.00 / 510,000.00); 三公 2023
公务接待 2,200.00 元, 2022 3,400.00 元, other items 0.
Everything else is ASSUMED for the demo and marked so: 编制数 14, the 人员/公用 split, the three
projects, 调整/调剂, 决算, 三公 budgets, 政府采购, assets, work counts and goal results. They are
chosen to be plausible for a county 科协 and to exercise every problem the evaluation can find.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from jixiao.domain.facts import (
    Achievement,
    BudgetLine,
    BudgetTransfer,
    ChecklistAnswer,
    CrossUseAttempt,
    DepartmentYearFacts,
    ExpenseControl,
    FixedAssets,
    FundKind,
    GoalIndicatorResult,
    IdleAsset,
    IndicatorKind,
    ManualJudgement,
    PaymentCheckpoint,
    PersonnelProjection,
    PriorYearFacts,
    ProjectFacts,
    SanGongFigures,
    SanGongItem,
    WorkCompletion,
)

DEPARTMENT = "常宁市科学技术协会"
POPULARISATION = "科普活动经费"
YOUTH = "青少年科技教育活动经费"
ACADEMIC = "学会学术交流经费"

QUANT = IndicatorKind.QUANTITATIVE
QUAL = IndicatorKind.QUALITATIVE


def goal(name, level1, level2, operator, target, unit, actual, **extra) -> GoalIndicatorResult:
    return GoalIndicatorResult(
        name=name,
        level1=level1,
        level2=level2,
        kind=QUANT,
        target_text=f"{operator}{target}{unit}",
        quantified=True,
        operator=operator,
        target=D(target),
        unit=unit,
        actual=D(actual),
        **extra,
    )


DEPARTMENT_GOALS = (
    goal("科普下乡次数", "产出指标", "数量指标", "≥", "24", "次", "30"),
    goal("发放科普资料", "产出指标", "数量指标", "≥", "5000", "册", "6000"),
    goal("全国科普日活动受众人数", "产出指标", "数量指标", "≥", "3000", "人", "2500"),
    goal("青少年科技创新作品征集", "产出指标", "数量指标", "≥", "20", "件", "20"),
    GoalIndicatorResult(
        name="科普活动质量",
        level1="产出指标",
        level2="质量指标",
        kind=QUAL,
        target_text="效果明显",
        quantified=False,
        achievement=Achievement.ACHIEVED,
        evidence="全年活动未发生安全事故，群众反映良好",
    ),
    GoalIndicatorResult(
        name="工作完成及时性",
        level1="产出指标",
        level2="时效指标",
        kind=QUAL,
        target_text="按时完成",
        quantified=False,
    ),
    GoalIndicatorResult(
        name="公民科学素质",
        level1="效益指标",
        level2="社会效益指标",
        kind=QUAL,
        target_text="逐步提高",
        quantified=False,
        achievement=Achievement.PARTLY,
        evidence="公民科学素质抽样调查结果尚未发布",
    ),
    goal("科普受益人数", "效益指标", "社会效益指标", "≥", "20000", "人", "20000"),
    goal("服务对象满意度", "满意度指标", "服务对象满意度指标", "≥", "90", "%", "95"),
)

PROJECT_GOALS = (
    goal("科普大篷车进校园次数", "产出指标", "数量指标", "≥", "10", "次", "12", project=POPULARISATION),
    goal("受益师生人数", "效益指标", "社会效益指标", "≥", "15000", "人", "16000", project=POPULARISATION),
    goal("参与师生满意度", "满意度指标", "服务对象满意度指标", "≥", "90", "%", "93", project=POPULARISATION),
)


def changning_kexie_2023() -> DepartmentYearFacts:
    return DepartmentYearFacts(
        department=DEPARTMENT,
        year=2023,
        staff_quota=14,  # assumed
        staff_actual=14,
        staff_actual_previous=15,
        retired=4,
        basic_personnel=BudgetLine(
            initial=D("1274049.00"),
            additions=D("96000.00"),
            excluded_adjustments=D("40000.00"),  # 2023 政策性调资
            transfers_in=D("30000.00"),
            actual=D("1398500.00"),
        ),
        basic_public=BudgetLine(initial=D("370000.00"), actual=D("352000.00")),
        projects=(
            ProjectFacts(
                name=POPULARISATION,
                line=BudgetLine(initial=D("260000.00"), transfers_out=D("30000.00"), actual=D("226000.00")),
                is_key=True,
            ),
            ProjectFacts(
                name=YOUTH,
                line=BudgetLine(initial=D("120000.00"), actual=D("118000.00")),
                is_key=True,
            ),
            ProjectFacts(
                name=ACADEMIC,
                line=BudgetLine(initial=D("60000.00"), actual=D("42000.00")),
            ),
        ),
        previous=PriorYearFacts(
            year=2022,
            basic_initial=D("1333900.00"),
            project_initial=D("510000.00"),
            public_actual=D("301000.00"),  # assumed
            project_actual=D("498000.00"),  # assumed
            procurement_actual=D("38000.00"),  # assumed
            project_actual_by_category=(("业务工作专项", D("498000.00")),),
        ),
        public_details=(
            ExpenseControl("办公经费", D("62000.00"), D("70000.00"), D("66500.00")),
            ExpenseControl("水费、电费、差旅费", D("41000.00"), D("45000.00"), D("43200.00")),
            ExpenseControl("会议费、培训费", D("18000.00"), D("20000.00"), D("16800.00")),
        ),
        san_gong=(
            SanGongFigures(SanGongItem.ABROAD, D("0.00"), D("0.00"), D("0.00"), D("0.00")),
            SanGongFigures(SanGongItem.RECEPTION, D("4000.00"), D("2200.00"), D("5000.00"), D("3400.00")),
            SanGongFigures(SanGongItem.VEHICLE_RUNNING, D("0.00"), D("0.00"), D("0.00"), D("0.00")),
            SanGongFigures(SanGongItem.VEHICLE_PURCHASE, D("0.00"), D("0.00"), D("0.00"), D("0.00")),
        ),
        carry_over_start=D("12000.00"),
        carry_over_end=D("55549.00"),
        procurement_budget=D("50000.00"),
        procurement_actual=D("46800.00"),
        assets=FixedAssets(
            in_use_value=D("462300.00"),
            total_value=D("486300.00"),
            idle=(
                IdleAsset("投影仪（2016年购置）", D("6800.00"), idle_since=date(2022, 11, 1)),
                IdleAsset("台式计算机2台", D("17200.00"), note="待报废处置"),
            ),
        ),
        work=WorkCompletion(
            planned=12, completed=12, timely=11, quality_passed=12, key_assigned=5, key_done=5
        ),
        goals=DEPARTMENT_GOALS + PROJECT_GOALS,
        cross_use_attempts=(
            CrossUseAttempt(
                on=date(2023, 9, 14),
                source=FundKind.PROJECT,
                target=FundKind.PERSONNEL,
                amount=D("8600.00"),
                description="拟用科普活动经费发放津贴补贴",
                economic_code="30102",
            ),
        ),
        transfers=(
            BudgetTransfer(
                on=date(2023, 10, 20),
                source=FundKind.PROJECT,
                target=FundKind.PERSONNEL,
                amount=D("30000.00"),
                description="科普活动经费调剂用于人员经费",
                approval_document="常财预〔2023〕86号",
            ),
        ),
        personnel_projection=PersonnelProjection(
            as_of=date(2023, 6, 30),
            projected_spending=D("1370049.00"),
            personnel_budget=D("1274049.00"),
            basis="在编14人工资标准调整及退休人员补贴",
        ),
        payment_checkpoint=PaymentCheckpoint(
            as_of=date(2023, 6, 30),
            spent=D("1020000.00"),
            annual_budget=D("2084049.00"),
            planned_percent=D("50"),
        ),
        judgements=(
            ManualJudgement(
                row_key="disclosure",
                score=D("2"),
                evidence="2023年3月公开部门预算，9月公开2022年度部门决算及“三公”经费，均在批复后20日内",
            ),
            ManualJudgement(
                row_key="asset_safety",
                level=Achievement.ACHIEVED,
                evidence="年末资产清查账实相符，无资产出租出借及处置收入",
            ),
        ),
        checklist=(
            ChecklistAnswer("finance_rules", "exists", True, "《财务管理制度》《固定资产管理办法》"),
            ChecklistAnswer("finance_rules", "lawful", True),
            ChecklistAnswer("finance_rules", "applied", True),
            ChecklistAnswer("funds_compliance", "regulations", True),
            ChecklistAnswer("funds_compliance", "approval", True),
            ChecklistAnswer("funds_compliance", "assessment", True),
            ChecklistAnswer("funds_compliance", "purpose", False, "预算执行中存在不同科目预算资金串用"),
            ChecklistAnswer("funds_compliance", "no_misuse", True),
            ChecklistAnswer("asset_rules", "exists", True, "《固定资产管理办法》"),
            ChecklistAnswer("asset_rules", "ledger", True, "每年建立台账"),
        ),
    )
