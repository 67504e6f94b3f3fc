"""The overview's goal completion (from the 双监控 report) and the self-evaluation score read from a
submitted report: its score table when jixiao composed it, the sentence that states it otherwise."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from jixiao.domain.goals import LINEAR, CurveKind, Goal, GoalIndicator, ProgressCurve
from jixiao.domain.monitoring import monitor
from jixiao.domain.oversight import (
    LatestReport,
    ScoreBasis,
    goal_progress,
    self_score_of_report,
    self_score_stated,
)
from jixiao.domain.report.document import Annex, HeaderCell, Table
from tests.apps.oversight.sample import review_report

YEAR_END = dt.date(2023, 12, 31)


def indicator(name, target, unit, *, level2="数量指标", progress=LINEAR):
    level1 = "满意度指标" if level2 == "服务对象满意度指标" else "产出指标"
    return GoalIndicator(name, level1, level2, "定量", target, unit=unit, progress=progress)


def goal(*indicators) -> Goal:
    return Goal(department="常宁市科学技术协会", indicators=indicators, tasks=(), year=2023)


def test_three_of_four_assessed_indicators_met_is_75_percent_and_unrecorded_ones_are_apart():
    subject = goal(
        indicator("下乡科普场次", "≥24", "次"),
        indicator("科普资料发放份数", "≥2", "万份"),  # compared in 份: 21000 ≥ 20000
        indicator("科技志愿者人数", "≥50", "人"),  # 50 meets ≥50
        indicator("受益群众人次", "≥10000", "人次"),
        indicator(
            "公众满意度", "≥90", "%", level2="服务对象满意度指标", progress=ProgressCurve(CurveKind.YEAR_END)
        ),
    )
    actuals = {
        "下乡科普场次": Decimal(30),
        "科普资料发放份数": Decimal(21000),
        "科技志愿者人数": Decimal(50),
        "受益群众人次": Decimal(6000),
    }
    report = monitor(subject, as_of=YEAR_END, actuals=actuals)

    progress = goal_progress(report, goal_id=7, submitted=True)

    assert (progress.indicators, progress.assessed, progress.met, progress.unassessed) == (5, 4, 3, 1)
    assert progress.rate == Decimal(75)
    assert progress.completion_text == "75.0%（3/4）"
    assert "4项有实际值的定量指标中3项达到目标值" in progress.completion_note
    assert "另有1项尚无实际值" in progress.completion_note
    # 6000 of 10000 at year end is missed; 30 of 24 is 125% of the target
    assert progress.warning_kinds == {"大幅超额(目标偏低)": 1, "预计无法完成": 1}
    assert progress.warnings_text == "2条"
    assert progress.warning_count == 2


def test_an_upper_bound_target_is_met_below_it_and_missed_above_it():
    subject = goal(
        indicator("办公费支出", "≤5", "万元", level2="成本指标", progress=ProgressCurve(CurveKind.LEVEL)),
        indicator("差旅费支出", "≤2", "万元", level2="成本指标", progress=ProgressCurve(CurveKind.LEVEL)),
    )
    report = monitor(
        subject, as_of=YEAR_END, actuals={"办公费支出": Decimal(48000), "差旅费支出": Decimal(20500)}
    )
    progress = goal_progress(report, goal_id=1, submitted=False)
    assert (progress.assessed, progress.met) == (2, 1)
    assert progress.completion_text == "50.0%（1/2）"
    assert "目标尚未提交" in progress.completion_note


def test_a_goal_whose_indicators_have_no_actuals_has_no_rate():
    subject = goal(
        indicator(
            "公众满意度", "≥90", "%", level2="服务对象满意度指标", progress=ProgressCurve(CurveKind.YEAR_END)
        )
    )
    progress = goal_progress(monitor(subject, as_of=YEAR_END, actuals={}), goal_id=1, submitted=True)
    assert progress.rate is None and progress.completion_text == "无可计指标"
    assert progress.warnings_text == "无预警"


@pytest.mark.parametrize(
    ("text", "score", "grade"),
    [
        ("三、自评结论\n本部门2023年度整体支出绩效自评得分86.5分，评价等级为“良”。", "86.5", "良"),
        (
            "2024年度部门整体绩效自评表\n技术协会整体监控 | 项目编码: | 5002 | 自评总分: | 99.68 |",
            "99.68",
            "",
        ),
        ("经综合评价，综合得分为92分。\n评价结果为优秀。", "92", "优"),
        ("评价等级为“中”，自评得分为71.5分。", "71.5", "中"),
        ("自评得分８７.５分，“良”等次。", "87.5", "良"),
    ],
)
def test_the_score_a_report_states_is_read_with_its_grade(text, score, grade):
    found = self_score_stated(text)
    assert found is not None
    assert (found.score, found.grade, found.basis) == (Decimal(score), grade, ScoreBasis.STATED)


@pytest.mark.parametrize(
    "text",
    [
        "项目预算执行率96.85%，权重10分，执行率得分9.69分。",  # one row's score, not the total
        "自评得分120分。",  # not out of 100
        "本部门已开展绩效自评，详见附表。",
    ],
)
def test_no_total_score_is_read_where_the_report_states_none(text):
    assert self_score_stated(text) is None


def test_a_composed_report_gives_the_total_of_its_score_table():
    found = self_score_of_report(review_report())  # the sample's table: 合计 100 92
    assert (found.score, found.grade, found.basis) == (Decimal(92), "", ScoreBasis.COMPUTED)


def test_the_grade_in_the_score_tables_total_row_is_kept():
    table = Table(
        caption="",
        header_rows=(tuple(HeaderCell(h) for h in ("一级指标", "三级指标", "分值", "自评得分")),),
        body_rows=(("投入", "在职人员控制率", "5", "5"), ("合计", "评价等级：良", "100", "84.25")),
        total_row=True,
    )
    report = dataclasses.replace(review_report(), annexes=(Annex("自评得分表", (table,)),))
    found = self_score_of_report(report)
    assert (found.score, found.grade) == (Decimal("84.25"), "良")


def test_a_report_without_a_score_table_gives_none():
    assert self_score_of_report(dataclasses.replace(review_report(), annexes=())) is None


@pytest.mark.parametrize(
    ("latest", "text"),
    [
        (LatestReport(1, 1, "submitted", False, Decimal("86.50"), "良", "computed"), "86.5 良（已提交）"),
        (LatestReport(1, 2, "published", False, Decimal("92.00"), "", "computed"), "92 优（已公开）"),
        (LatestReport(1, 1, "returned", True, Decimal("79.50"), "中", "stated"), "79.5 中（上传报告所述）"),
        (LatestReport(1, 1, "submitted", True, None, "", ""), "未自评（上传报告）"),
    ],
)
def test_the_score_column_says_where_the_score_comes_from(latest, text):
    assert latest.score_text == text


def test_a_grade_the_report_does_not_state_follows_from_the_score_and_says_so():
    latest = LatestReport(3, 2, "accepted", False, Decimal("89.99"), "", "computed")
    assert latest.effective_grade == "良"
    assert "报告未写明等级" in latest.score_note and "第2版" in latest.score_note
