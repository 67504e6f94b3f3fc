"""Shapes from the probe set's third round (tests/data/checker_probe p8–p10, read after its first run)
of the kinds total.items, rate and breakdown: each with look-alikes that must stay silent, in wording
of our own."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

HEAD = "宁远县文化旅游广电局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
PROJECT = "宁远县2023年乡村公路养护项目绩效自评报告\n一、项目基本情况\n"


def fired(body, rule, head=HEAD):
    return findings(head + body + "\n", rule)


def reported(body, head=HEAD):
    return [f for f in check_text(head + body + "\n").findings if f.severity in ("error", "warning")]


# a completion rate whose sentence states its own plan without the word 实际


def test_a_completion_rate_against_the_plan_stated_in_its_own_sentence():
    body = "三、产出情况\n全年举办送戏下乡演出126场,年度目标140场,完成率{}%。\n"
    assert not fired(body.format("90.00"), "rate.target")  # 126 ÷ 140 = 90.00%
    (finding,) = fired(body.format("96.00"), "rate.target")
    assert "126场÷目标140场=90.00%" in finding.message
    other = "二、产出情况\n本年度计划修复古籍480册,共修复452册,完成率{}%。\n"
    assert not fired(other.format("94.17"), "rate.target")  # 452 ÷ 480
    assert fired(other.format("97.14"), "rate.target")


def test_a_completion_rate_with_two_units_or_a_plan_only_stays_silent():
    # the plan is of one unit, the done count of another: nothing to divide
    assert not fired("全年建成农家书屋12个,年度目标覆盖3,000户,完成率88%。", "rate.target")
    # more than planned written as 100%
    assert not fired("全年开展培训52期,年度目标50期,完成率100%。", "rate.target")


# a serial-number column before the name column of a '|' table


def test_a_rate_column_of_a_table_whose_rows_open_with_a_serial_number():
    table = (
        "表2 重点项目执行情况(单位:万元)\n"
        "| 序号 | 项目名称 | 全年预算数 | 执行数 | 执行率 |\n"
        "| 1 | 文物保护修缮 | 300.00 | 282.60 | 94.20% |\n"
        "| 2 | 公共文化服务 | 150.00 | 147.30 | {} |\n"
        "| 合计 | | 450.00 | 429.90 | 95.53% |\n"
    )
    assert not fired(table.format("98.20%"), "score.recompute")  # 147.30 ÷ 150.00
    (finding,) = fired(table.format("92.80%"), "score.recompute")
    assert "公共文化服务" in finding.message and "98.20%" in finding.message
    numbered = (
        "| 编号 | 支出项目 | 调整后预算 | 决算数 | 执行率 |\n"
        "| 01 | 图书采购 | 80.00 | 64.00 | {} |\n"
        "| 02 | 数字平台运维 | 40.00 | 40.00 | 100.00% |\n"
    )
    assert not fired(numbered.format("80.00%"), "score.recompute")
    assert fired(numbered.format("88.00%"), "score.recompute")


# a rate of the sound ones, the sentence naming only the flawed ones


def test_a_rate_of_the_sound_ones_against_the_checked_and_the_flawed_counts():
    body = "抽查已登记档案2,400卷,发现著录差错36卷,档案著录规范率{}%。"
    assert not fired(body.format("98.50"), "rate.counts")  # (2400 − 36) ÷ 2400
    (finding,) = fired(body.format("99.50"), "rate.counts")
    assert "（2400卷−36卷）÷2400卷=98.50%" in finding.message
    other = "对800份申报材料复核,其中信息有误12份,审核正确率{}%。"
    assert not fired(other.format("98.5"), "rate.counts")
    assert fired(other.format("97.5"), "rate.counts")


def test_a_flawed_count_with_no_single_whole_before_it_stays_silent():
    # two counts of the unit before the flawed one: which is the whole is not sure
    assert not fired("复核材料60份,其中线上申报25份,信息有误3份,审核正确率88%。", "rate.counts")
    # the share of the flawed ones (差错率) is as right as the share of the sound ones
    assert not fired("抽查报表500份,发现差错5份,差错率1%。", "rate.counts")


def test_counts_with_thousands_separators_and_targets_listed_after_a_lead():
    body = "全年接待游客咨询3,420人次,服务目标3,600人次,完成率{}%。"
    assert not fired(body.format("95.00"), "rate.target")  # 3420 ÷ 3600
    assert fired(body.format("97.00"), "rate.target")
    # the target stated in a list after '年度目标为:' in another section
    goals = "二、绩效目标\n年度绩效目标为:维修村级文化广场1,250平方米;配送图书4,000册。\n"
    done = "三、完成情况\n全年完成维修村级文化广场1,300平方米,完成率{}%。\n"
    assert not fired(goals + done.format("104.00"), "rate.target")
    (finding,) = fired(goals + done.format("106.00"), "rate.target")
    assert "1,250平方米" in finding.message
