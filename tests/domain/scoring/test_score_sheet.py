"""The demo department's 2023 score sheet against the default Hunan table and the 2020 project table."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from jixiao.domain.facts import ManualJudgement
from jixiao.domain.money import round_half_up
from jixiao.domain.scoring import (
    Grade,
    RowStatus,
    ScoringRefused,
    load_framework,
    score_department,
    score_project,
)

from .demo import ACADEMIC, POPULARISATION

# row key → score for the demo facts (hand-computed from demo.py).
EXPECTED_ROWS = {
    "staff_control": "5",  # 14/14 = 100%
    "san_gong_change": "5",  # (0.4 − 0.5)/0.5 = −20% ≤ 0
    "key_spending": "4",  # 38/44 = 86.4% → 80（含）–90
    "budget_adjustment": "2",  # 8.6/208.4 = 4.1% → 0–10（含）
    "payment_progress": "2.5",  # 97.9% → one 5% step below 100
    "carry_over": "0",  # 结余 5.55万元 above 上年结转 1.2万元
    "san_gong_control": "6",  # 55% ≤ 100%
    "finance_rules": "3",
    "funds_compliance": "2",  # one violation (串用)
    "disclosure": "2",  # manual
    "budget_completion": "2",  # 97.5% → one 5% step
    "public_expense_control": "2",  # 95.1%
    "procurement": "1.87",  # 2 × 93.6%
    "goal_clarity": "2",  # 3 × 6/9
    "asset_rules": "2",
    "asset_safety": "2",  # 达成
    "asset_utilisation": "3",  # 95.1% ≥ 95
    "completion": "7",
    "timeliness": "5.5",  # 6 × 11/12
    "quality": "6",
    "key_work": "6",
    "benefits": "10.2",  # 6 (受益人数) + 6 × 70% (部分达成)
    "satisfaction": "8",
}


def test_every_row_of_the_demo_score_sheet(kexie, hunan):
    sheet = score_department(kexie, hunan)
    assert {row.key: row.score for row in sheet.rows} == {key: D(v) for key, v in EXPECTED_ROWS.items()}


def test_demo_total_level_scores_and_grade(kexie, hunan):
    sheet = score_department(kexie, hunan)
    assert sheet.total == D("89.07")
    assert [(level.name, level.score) for level in sheet.levels] == [
        ("投入", D("14.00")),
        ("过程", D("32.37")),
        ("产出", D("24.50")),
        ("效果", D("18.20")),
    ]
    assert sheet.grade is Grade.GOOD
    assert sheet.conclusion == "自评得分89.07分，评价等级为“良”。"
    assert sheet.missing == ()


def test_rows_carry_the_indicator_formula_and_the_deduction_reason_in_chinese(kexie, hunan):
    sheet = score_department(kexie, hunan)
    key = sheet.row("key_spending")
    assert key.indicator.name == "重点支出安排率"
    assert key.basis == key.indicator.text
    assert key.reason == "重点支出安排率为86.4%，在80%（含）至90%之间，得4分，扣1分"
    assert sheet.row("staff_control").reason == ""
    assert sheet.row("funds_compliance").reason == (
        "存在1项问题，每项扣1分：④符合部门预算批复的用途（预算执行中存在不同科目预算资金串用），扣1分"
    )
    assert sheet.row("benefits").reason == "“公民科学素质”定性评定为“部分达成”，按70%计分，扣1.8分"
    assert sheet.row("disclosure").status is RowStatus.JUDGED
    assert sheet.row("disclosure").basis.startswith("评分依据：2023年3月公开部门预算")


def test_not_applicable_scores_full_marks_only_where_the_source_says_so_and_cites_it(kexie, hunan):
    sheet = score_department(
        replace(kexie, procurement_budget=D("0.00"), procurement_actual=D("0.00")), hunan
    )
    row = sheet.row("procurement")
    assert row.status is RowStatus.NOT_APPLICABLE
    assert row.score == row.points == D(2)
    assert "政府采购预算数为0，无法按公式计算" in row.basis
    assert "湖南评分表对部门不涉及的事项计满分" in row.basis and "domain-rules.md §7" in row.basis
    assert sheet.total == D("89.20")


def test_a_zero_denominator_the_source_is_silent_on_waits_for_a_persons_score(kexie, hunan):
    no_quota = replace(kexie, staff_quota=0)
    row = score_department(no_quota, hunan).row("staff_control")
    assert row.status is RowStatus.NEEDS_JUDGEMENT and row.score == 0
    assert row in score_department(no_quota, hunan).missing
    judged = replace(
        no_quota,
        judgements=(
            *kexie.judgements,
            ManualJudgement("staff_control", "编委未核定编制，实有4人均为聘用", score=D(4)),
        ),
    )
    row = score_department(judged, hunan).row("staff_control")
    assert row.status is RowStatus.JUDGED and row.score == D(4)
    assert "编委未核定编制" in row.basis


def test_missing_data_scores_nothing_and_is_listed(kexie, hunan):
    sheet = score_department(replace(kexie, staff_quota=None, judgements=()), hunan)
    assert [row.key for row in sheet.missing] == ["staff_control", "disclosure", "asset_safety"]
    assert sheet.row("staff_control").reason == "缺少编制数，本项暂不得分"
    assert sheet.row("disclosure").reason == "尚未填写人工评分及评分依据，本项暂不得分"
    assert sheet.total == D("89.07") - 5 - 2 - 2


def test_a_manual_score_above_the_row_points_is_refused(kexie, hunan):
    too_high = ManualJudgement("disclosure", "公开及时完整", score=D(3))
    with pytest.raises(ScoringRefused, match="评分项“预决算信息公开性”的得分3分超出0至2分的范围"):
        score_department(replace(kexie, judgements=(too_high,)), hunan)


def test_a_qualitative_row_judged_without_a_level_is_refused(kexie, hunan):
    no_level = ManualJudgement("asset_safety", "资产清查账实相符", score=D(2))
    with pytest.raises(ScoringRefused, match="须评定完成档次"):
        score_department(replace(kexie, judgements=(kexie.judgements[0], no_level)), hunan)


def test_the_staff_over_quota_costs_half_a_point_per_percentage_point(kexie, hunan):
    sheet = score_department(replace(kexie, staff_quota=13), hunan)  # 14/13 = 107.69%
    row = sheet.row("staff_control")
    assert row.score == D("1.15")
    assert row.reason == "在职人员控制率为107.7%，超过标准100%共7.7个百分点，每个百分点扣0.5分，扣3.85分"


def test_a_project_scored_with_the_2020_self_evaluation(kexie, mof_project):
    sheet = score_project(kexie, mof_project, POPULARISATION)
    assert [(row.name, row.score) for row in sheet.rows] == [
        ("预算执行率", D("9.83")),  # 22.6 / 23
        ("产出指标", D("50.00")),
        ("效益指标", D("30.00")),
        ("满意度指标", D("10.00")),
    ]
    assert sheet.total == D("99.83")
    assert sheet.grade is Grade.EXCELLENT
    assert sheet.project == POPULARISATION


def test_a_project_without_goals_shows_missing_rows_not_full_marks(kexie, mof_project):
    sheet = score_project(kexie, mof_project, ACADEMIC)
    assert sheet.total == D("7.00")
    assert sheet.grade is Grade.POOR
    assert [row.name for row in sheet.missing] == ["产出指标", "效益指标", "满意度指标"]
    assert sheet.row("outputs").reason == "未设置产出指标，本项暂不得分"


def test_the_department_goals_under_the_2020_table(kexie):
    sheet = score_department(kexie, load_framework(authority="财政部", year=2023))
    outputs = sheet.row("outputs")
    # six 产出 goals × 50/6: 科普日 2500/3000, 时效 unquantified and unjudged → 0, the other four full.
    assert outputs.score == round_half_up(D(50) * (4 + D(2500) / D(3000)) / 6, 2) == D("40.28")
    assert "“工作完成及时性”指标未量化，且未评定完成档次，不得分，扣8.33分" in outputs.reason
