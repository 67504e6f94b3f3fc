"""双监控: 序时进度, indicator progress against expected progress, budget execution, and warnings."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from jixiao.domain.goals import CurveKind, CurvePoint, ProgressCurve, load_demo_goal
from jixiao.domain.money import percent_text
from jixiao.domain.monitoring import (
    BudgetLine,
    FundKind,
    MonitoringThresholds,
    ProgressStatus,
    TimeBasis,
    WarningKind,
    expected_share,
    load_monitoring_thresholds,
    monitor,
    standard_checkpoints,
    time_progress,
)

from .conftest import indicator, small_goal

JUNE_30 = date(2023, 6, 30)
JULY_31 = date(2023, 7, 31)
THRESHOLDS = MonitoringThresholds()


def trips(**extra):
    return indicator("下乡科普场次", "产出指标", "数量指标", "≥25", "次", **extra)


def watch(*indicators, as_of=JULY_31, actuals=None, thresholds=THRESHOLDS, budget_lines=()):
    goal = small_goal(*indicators)
    return monitor(goal, as_of=as_of, actuals=actuals or {}, thresholds=thresholds, budget_lines=budget_lines)


# --- 序时进度 ---


def test_time_progress_at_the_standard_checkpoints():
    assert standard_checkpoints(2023) == (JUNE_30, JULY_31)
    assert time_progress(JUNE_30) == Decimal(50)
    assert percent_text(time_progress(JULY_31), 2) == "58.33%"


def test_time_progress_counts_the_part_of_the_current_month():
    assert time_progress(date(2023, 2, 14)) == Decimal("12.5")


def test_time_progress_can_count_days_instead():
    assert time_progress(JUNE_30, basis=TimeBasis.DAYS) == Decimal(181) * 100 / Decimal(365)
    assert time_progress(date(2024, 6, 30), basis="days") == Decimal(182) * 100 / Decimal(366)


def test_time_progress_is_zero_before_the_year_and_full_at_its_end():
    assert time_progress(date(2022, 12, 31), year=2023) == 0
    assert time_progress(date(2023, 12, 31)) == 100
    assert time_progress(date(2024, 3, 1), year=2023) == 100


def test_thresholds_are_data_and_match_the_defaults():
    assert load_monitoring_thresholds() == MonitoringThresholds()


# --- expected progress ---


def test_each_curve_gives_its_own_expected_share():
    elapsed = time_progress(JULY_31)
    assert expected_share(ProgressCurve(), JULY_31, year=2023, elapsed=elapsed) == elapsed
    assert expected_share(ProgressCurve(CurveKind.LEVEL), JULY_31, year=2023, elapsed=elapsed) == 100
    assert expected_share(ProgressCurve(CurveKind.YEAR_END), JULY_31, year=2023, elapsed=elapsed) is None
    assert (
        expected_share(ProgressCurve(CurveKind.YEAR_END), date(2023, 12, 31), year=2023, elapsed=elapsed)
        == 100
    )
    quarterly = ProgressCurve(
        CurveKind.POINTS,
        tuple(
            CurvePoint(m, d, Decimal(s)) for m, d, s in ((3, 31, 25), (6, 30, 50), (9, 30, 75), (12, 31, 100))
        ),
    )
    assert expected_share(quarterly, JUNE_30, year=2023, elapsed=elapsed) == 50
    assert expected_share(quarterly, JULY_31, year=2023, elapsed=elapsed) == 50
    assert expected_share(quarterly, date(2023, 3, 30), year=2023, elapsed=elapsed) == 0


# --- indicators ---


def test_work_behind_the_expected_pace_warns_with_its_figures():
    report = watch(trips(), actuals={"下乡科普场次": Decimal(12)})
    [warning] = report.warnings
    assert warning.kind is WarningKind.BEHIND
    assert warning.subject == "下乡科普场次"
    assert warning.figures["expected"] == Decimal(25) * time_progress(JULY_31) / 100
    assert warning.message == (
        "三级指标“下乡科普场次”截至2023年7月31日实际完成12次，目标≥25次，"
        "按序时进度（58.3%）应完成14.58次，完成率48.0%，进度滞后"
    )
    assert report.progress_of("下乡科普场次").status is ProgressStatus.BEHIND


def test_a_pace_that_cannot_reach_the_target_warns_it_is_likely_missed():
    report = watch(trips(), actuals={"下乡科普场次": Decimal(8)})
    [warning] = report.warnings
    assert warning.kind is WarningKind.LIKELY_MISS
    assert round(warning.figures["projected"], 2) == Decimal("13.71")
    assert "按当前进度推算全年约13.71次，不足目标的80%，预计无法完成" in warning.message


def test_work_on_pace_has_no_warning():
    report = watch(trips(), actuals={"下乡科普场次": Decimal(15)})
    assert report.warnings == ()
    progress = report.progress_of("下乡科普场次")
    assert progress.status is ProgressStatus.ON_TRACK
    assert progress.completion == Decimal(60)


def test_far_exceeding_the_target_suggests_it_was_set_too_low():
    report = watch(trips(), actuals={"下乡科普场次": Decimal(31)})
    [warning] = report.warnings
    assert warning.kind is WarningKind.FAR_EXCEEDED
    assert "已达到目标的124.0%，大幅超额，目标可能设定偏低" in warning.message
    paced = watch(trips(), as_of=JUNE_30, actuals={"下乡科普场次": Decimal(22)})
    assert [w.kind for w in paced.warnings] == [WarningKind.FAR_EXCEEDED]
    assert "按当前进度推算全年约44次" in paced.warnings[0].message


def test_nothing_recorded_counts_as_zero_for_accumulating_work():
    report = watch(trips())
    assert report.progress_of("下乡科普场次").actual is None
    assert [w.kind for w in report.warnings] == [WarningKind.LIKELY_MISS]


def test_no_projection_is_made_early_in_the_year():
    report = watch(trips(), as_of=date(2023, 2, 14))
    assert [w.kind for w in report.warnings] == [WarningKind.BEHIND]
    assert report.progress_of("下乡科普场次").projected is None


def test_thresholds_passed_as_arguments_change_the_verdict():
    lenient = replace(THRESHOLDS, behind_below_expected_percent=Decimal(80))
    assert watch(trips(), actuals={"下乡科普场次": Decimal(12)}, thresholds=lenient).warnings == ()


def test_actuals_may_be_keyed_by_library_code():
    report = watch(trips(code="KX-SL-02"), actuals={"KX-SL-02": Decimal(15)})
    assert report.progress_of("下乡科普场次").actual == Decimal(15)


def science_day():
    curve = ProgressCurve(CurveKind.POINTS, (CurvePoint(9, 30, Decimal(100)),))
    return indicator("全国科普日参与单位数", "产出指标", "数量指标", "≥30", "家", progress=curve)


def test_work_scheduled_later_in_the_year_is_not_behind_before_its_date():
    report = watch(science_day())
    assert report.warnings == ()
    assert report.progress_of("全国科普日参与单位数").expected == 0


def test_work_done_on_its_date_is_judged_against_the_whole_target():
    short = watch(science_day(), as_of=date(2023, 9, 30), actuals={"全国科普日参与单位数": Decimal(25)})
    assert [w.kind for w in short.warnings] == [WarningKind.LIKELY_MISS]
    assert "完成率83.3%，预计无法完成" in short.warnings[0].message
    met = watch(science_day(), as_of=date(2023, 9, 30), actuals={"全国科普日参与单位数": Decimal(33)})
    assert met.warnings == ()


def satisfaction():
    return indicator(
        "公众满意度",
        "满意度指标",
        "服务对象满意度指标",
        "≥90",
        "%",
        progress=ProgressCurve(CurveKind.YEAR_END),
    )


def test_year_end_indicators_are_not_judged_during_the_year():
    report = watch(satisfaction(), actuals={"公众满意度": Decimal(70)})
    assert report.warnings == ()
    assert report.progress_of("公众满意度").status is ProgressStatus.YEAR_END
    at_end = watch(satisfaction(), as_of=date(2023, 12, 31), actuals={"公众满意度": Decimal(85)})
    assert [w.kind for w in at_end.warnings] == [WarningKind.LIKELY_MISS]


def test_a_level_below_its_target_is_behind():
    posted = indicator(
        "派驻驻村工作队员", "产出指标", "数量指标", "=2", "人", progress=ProgressCurve(CurveKind.LEVEL)
    )
    report = watch(posted, actuals={"派驻驻村工作队员": Decimal(1)})
    assert [w.kind for w in report.warnings] == [WarningKind.BEHIND]
    assert "目前尚未达到目标" in report.warnings[0].message
    assert watch(posted, actuals={"派驻驻村工作队员": Decimal(2)}).warnings == ()


def test_a_cost_cap_warns_when_spending_will_pass_it():
    cost = indicator("科普宣传活动支出", "产出指标", "成本指标", "≤20", "万元")
    heading_over = watch(cost, actuals={"科普宣传活动支出": Decimal(130000)})
    [warning] = heading_over.warnings
    assert warning.kind is WarningKind.LIKELY_MISS
    assert warning.figures["target"] == Decimal(200000)
    assert "将超出目标≤20万元的上限" in warning.message
    over = watch(cost, actuals={"科普宣传活动支出": Decimal(210000)})
    assert "已超出目标≤20万元的上限" in over.warnings[0].message
    assert watch(cost, actuals={"科普宣传活动支出": Decimal(100000)}).warnings == ()


def test_unquantified_indicators_are_listed_but_not_monitored():
    vague = indicator("社会影响", "效益指标", "社会效益指标", "效果明显", "")
    report = watch(vague)
    assert report.progress_of("社会影响").status is ProgressStatus.NOT_MONITORED
    assert report.warnings == ()


# --- budgets ---

LINES_JULY = (
    BudgetLine("人员经费", FundKind.BASIC, Decimal("1384049.00"), Decimal("800000.00")),
    BudgetLine("公用经费", FundKind.BASIC, Decimal("260000.00"), Decimal("150000.00")),
    BudgetLine("科普益民宣传与全国科普日", FundKind.PROJECT, Decimal("200000.00"), Decimal("60000.00")),
    BudgetLine("青少年科技教育", FundKind.PROJECT, Decimal("120000.00"), Decimal("70000.00")),
    BudgetLine("乡村振兴科普惠农", FundKind.PROJECT, Decimal("80000.00"), Decimal("50000.00")),
    BudgetLine("“银龄”科普专项行动", FundKind.PROJECT, Decimal("40000.00"), Decimal("0.00")),
)


def test_budget_execution_is_shown_for_basic_projects_and_each_project():
    report = watch(trips(), actuals={"下乡科普场次": Decimal(15)}, budget_lines=LINES_JULY)
    rows = {row.name: row for row in report.budgets}
    assert list(rows) == [
        "基本支出",
        "项目支出",
        "科普益民宣传与全国科普日",
        "青少年科技教育",
        "乡村振兴科普惠农",
        "“银龄”科普专项行动",
    ]
    assert rows["基本支出"].budget == Decimal("1644049.00")
    assert percent_text(rows["基本支出"].rate) == "57.8%"
    assert not rows["基本支出"].behind
    assert percent_text(rows["项目支出"].rate) == "40.9%"
    assert rows["项目支出"].behind


def test_budget_execution_behind_time_progress_warns():
    report = watch(trips(), actuals={"下乡科普场次": Decimal(15)}, budget_lines=LINES_JULY)
    warnings = report.warnings_of(WarningKind.BUDGET_BEHIND)
    assert [w.subject for w in warnings] == ["项目支出", "科普益民宣传与全国科普日", "“银龄”科普专项行动"]
    assert warnings[0].message == (
        "项目支出截至2023年7月31日预算执行率40.9%（已支出18万元/预算44万元），"
        "低于序时进度58.3%达17.4个百分点（预警线10个百分点）"
    )
    assert warnings[0].figures["executed"] == Decimal("180000.00")
    assert warnings[0].key == "预算执行滞后:项目支出"


def test_a_line_without_budget_has_no_rate_and_no_warning():
    report = watch(
        trips(), budget_lines=(BudgetLine("新项目", FundKind.PROJECT, Decimal("0.00"), Decimal("0.00")),)
    )
    assert report.budgets[-1].rate is None
    assert report.warnings_of(WarningKind.BUDGET_BEHIND) == ()


# --- the demo at 7月31日 ---


def test_the_demo_goal_at_july_31_warns_where_the_seed_activities_lag():
    """Up to 7月31日 the seed records no 银龄 activity (they were in August): the view must say so."""
    demo = load_demo_goal()
    actuals = {
        "下乡科普场次": Decimal(17),  # weekly market-day trips since February
        "派驻驻村工作队员": Decimal(2),  # the second one posted in mid-June
        "青少年科技创新大赛参赛作品数": Decimal(20),  # first half of the year
        "青少年科技创新大赛获奖数": Decimal(2),
        "科技辅导教师培训人数": Decimal(16),  # 2月24日
    }
    report = monitor(demo.goal, as_of=JULY_31, actuals=actuals)
    assert report.time_progress == Decimal(7) * 100 / Decimal(12)
    silver = [w for w in report.warnings if w.subject == "银龄科普服务人次"]
    assert [w.kind for w in silver] == [WarningKind.LIKELY_MISS]
    assert silver[0].figures["actual"] == 0
    assert silver[0].figures["target"] == Decimal(250)
    assert report.progress_of("下乡科普场次").status is ProgressStatus.ON_TRACK
    assert report.progress_of("青少年科技创新大赛获奖数").status is ProgressStatus.FAR_EXCEEDED
    assert report.progress_of("公众满意度").status is ProgressStatus.YEAR_END
    assert report.progress_of("全国科普日参与单位数").status is ProgressStatus.ON_TRACK


def test_the_demo_tasks_become_budget_lines_for_basic_and_each_project():
    from jixiao.domain.monitoring import budget_lines_from_goal

    demo = load_demo_goal()
    lines = budget_lines_from_goal(demo.goal, {"科普益民宣传与全国科普日": Decimal("54000.00")})
    assert [(line.fund, line.budget) for line in lines[:2]] == [
        (FundKind.BASIC, Decimal("1150000.00")),
        (FundKind.BASIC, Decimal("494049.00")),
    ]
    assert sum(line.budget for line in lines if line.fund is FundKind.PROJECT) == Decimal("440000.00")
    report = monitor(demo.goal, as_of=JULY_31, actuals={}, budget_lines=lines)
    rows = {row.name: row for row in report.budgets}
    assert rows["基本支出"].budget == Decimal("1644049.00")
    assert rows["科普益民宣传与全国科普日"].rate == Decimal(30)
