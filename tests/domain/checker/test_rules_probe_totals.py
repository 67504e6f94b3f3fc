"""Totals against their items, counts against names, and rates, in wordings of the probe set
(tests/data/checker_probe, tuning part) that the rules did not reach: each written here in other
words, with the defect that must be reported and the sound text of the same shape that stays silent."""

from tests.domain.checker.helpers import findings, only

HEAD = "长宁县民政局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


# ---------------------------------------------------------------------------------------------
# A table of people: its 合计 row is exact


STAFF = (
    "人员情况如下:\n| 类别 | 编制数 | 实有人数 |\n| 行政编制 | {a} | 9 |\n| 事业编制 | 5 | 5 |\n"
    "| 合计 | {total} | 14 |\n另有退休人员3人。"
)


def test_a_count_column_of_whole_numbers_is_summed_exactly():
    finding = only(HEAD + STAFF.format(a=10, total=14) + "\n", "table.column_total")
    assert "编制数" in finding.message and "15（10+5）" in finding.message and finding.found == "14"
    assert not fired(STAFF.format(a=9, total=14), "table.column_total")


def test_whole_amounts_keep_their_rounding_envelope():
    # amounts in 万元 printed whole may each have been rounded: 8 + 4 against 11 is within it
    money = (
        "支出情况(单位:万元):\n| 项目 | 预算数 | 决算数 |\n| 基本支出 | 8 | 7 |\n| 项目支出 | 4 | 4 |\n"
        "| 合计 | 11 | 11 |\n"
    )
    assert not fired(money, "table.column_total")


# ---------------------------------------------------------------------------------------------
# Count units: 段, 卷


def test_parts_in_sections_and_volumes_are_added_up():
    body = "评价组抽查道路共30段,其中县道6段、乡道10段、村道12段,抽查里程86.5公里。"
    assert "28段" in only(HEAD + body + "\n", "parts.sum").message
    body = "全年接收进馆档案3,120卷,其中文书档案2,100卷、会计档案920卷、基建档案180卷。"
    assert "3200卷" in only(HEAD + body + "\n", "parts.sum").message
    assert not fired("评价组抽查道路共28段,其中县道6段、乡道10段、村道12段。", "parts.sum")
    assert not fired(
        "全年接收进馆档案3,200卷,其中文书档案2,100卷、会计档案920卷、基建档案180卷。", "parts.sum"
    )


# ---------------------------------------------------------------------------------------------
# A classification on numbered lines after '总计X，按经济分类：'

ECONOMIC = (
    "支出总计860.50万元,按经济分类:\n1.工资福利支出 402.10万元\n2.商品和服务支出 {goods}万元\n"
    "3.对个人和家庭的补助 300.00万元\n4.资本性支出 18.00万元\n"
    "按功能分类:社会保障和就业支出45.20万元、卫生健康支出806.30万元、住房保障支出9.00万元。"
)


def test_a_classification_on_lines_of_its_own_adds_up_to_the_total():
    finding = only(HEAD + ECONOMIC.format(goods="150.40") + "\n", "list.lines_total")
    assert "870.5万元" in finding.message and "相差10万元" in finding.message
    assert not fired(ECONOMIC.format(goods="140.40"), "list.lines_total")


def test_the_last_item_of_one_grouping_is_no_whole_of_the_next():
    # '按功能分类' after the numbered lines: its parts make 860.50, not the 18.00 of the line before
    assert not fired(ECONOMIC.format(goods="140.40"), "parts.named_whole")


def test_a_grouping_opened_with_fen_kan_is_held_against_the_whole_before_it():
    body = (
        "截至年底,已支出资金5,620.40万元,执行率95.10%。分类别看,产业发展类3,210.20万元,"
        "就业类820.00万元,乡村建设类{build}万元,项目管理费90.20万元。"
    )
    finding = only(HEAD + body.format(build="1,600.00") + "\n", "parts.named_whole")
    assert "5720.4万元" in finding.message and "5620.40万元" in finding.message
    assert finding.location.quote.startswith("5,620.40万元")
    assert not fired(body.format(build="1,500.00"), "parts.named_whole")


# ---------------------------------------------------------------------------------------------
# A category's score and its 其中 parts


def test_a_category_score_is_the_sum_of_its_parts():
    body = "(一)产出。产出指标得分{n}分,其中数量指标14分、质量指标10分、时效指标5分、成本指标6.5分。"
    finding = only(HEAD + body.format(n="36.5") + "\n", "score.parts")
    assert "14+10+5+6.5=35.5分" in finding.message
    assert not fired(body.format(n="35.5"), "score.parts")


# ---------------------------------------------------------------------------------------------
# A survey named by the rate is no count of what the rate counts


def test_the_questionnaires_of_a_satisfaction_survey_are_not_the_satisfied():
    body = "发放服务对象满意度问卷400份,收回有效问卷380份,满意度为96.8%。"
    assert not fired(body, "rate.counts")
    # the satisfied, counted by name, are still divided by the questionnaires returned
    wrong = "发放问卷400份,收回380份,满意360份,满意度为96.8%。"
    assert "94.74%" in only(HEAD + wrong + "\n", "rate.counts").message


# ---------------------------------------------------------------------------------------------
# Comparisons with last year


def test_a_comparison_that_opens_with_the_name_of_a_figure_before_compares_that_figure():
    body = (
        "基本支出520.40万元,其中人员经费450.10万元,公用经费70.30万元。"
        "公用经费比上年的{before}万元增加3.50万元,主要用于办公设备维护。"
    )
    finding = only(HEAD + body.format(before="73.80") + "\n", "yoy.direction")
    assert "本年70.30万元、上年73.80万元，应为减少" in finding.message
    assert not fired(body.format(before="66.80"), "yoy.direction")
    assert not fired(body.format(before="66.80"), "yoy.arithmetic")


def test_a_figure_alone_in_a_bracket_before_the_comparison_is_this_years():
    body = "本年度未列支评审费({now}万元),比上年增加2.4000万元。"
    finding = only(HEAD + body.format(now="0") + "\n", "value.impossible")
    assert "本年只有0万元" in finding.message
    assert not fired(body.format(now="5.6000"), "value.impossible")


def test_roughly_flat_is_held_against_the_two_years_figures():
    body = "本年收入{now}万元,与上年({before}万元)基本持平。"
    finding = only(HEAD + body.format(now="4,630.50", before="4,120.00") + "\n", "compare.words")
    assert "增加510.5万元" in finding.message and "12.39%" in finding.message
    # within a tenth is roughly flat; plain 持平 allows only a small difference
    assert not fired(body.format(now="4,230.50", before="4,120.00"), "compare.words")
    plain = "本年收入{now}万元,与上年{before}万元持平。"
    assert (
        "下降3.40%"
        in only(HEAD + plain.format(now="3,980.00", before="4,120.00") + "\n", "compare.words").message
    )
    assert not fired(plain.format(now="4,125.00", before="4,120.00"), "compare.words")


# ---------------------------------------------------------------------------------------------
# A score row under the note 得分=权重×完成率

INDICATORS = (
    "三、绩效指标完成情况\n"
    "| 一级指标 | 二级指标 | 三级指标 | 权重 | 年度指标值 | 实际完成值 | 完成率 | 得分 |\n"
    "| 产出指标 | 数量指标 | 救助对象人数 | 10 | 500人 | 468人 | 93.60% | 9.36 |\n"
    "| | | 培训场次 | 6 | 20场 | 24场 | 120.00% | 6 |\n"
    "| | 时效指标 | 资金支付进度 | 8 | 100% | 91.25% | 91.25% | {score} |\n"
    "| 满意度指标 | 服务对象满意度 | 群众满意度 | 10 | ≥90% | 95.1% | 100.00% | 10 |\n"
    "注:得分=权重×完成率,完成率超过100%的按100%计。\n"
)


def test_a_score_is_the_weight_times_the_completion_rate_the_note_states():
    finding = only(HEAD + INDICATORS.format(score="7.03") + "\n", "table.score_rate")
    assert "8×91.25%=7.30分" in finding.message and finding.found == "7.03"
    assert not fired(INDICATORS.format(score="7.30"), "table.score_rate")
    # a rate printed whole is 91%–92%: 7.30 is 8×91.25%, within its rounding
    whole_rate = INDICATORS.replace("91.25% | {score}", "91% | {score}")
    assert not fired(whole_rate.format(score="7.30"), "table.score_rate")
    # without the note the table does not say how its scores were given
    without = INDICATORS.format(score="7.03").replace("注:得分=权重×完成率,完成率超过100%的按100%计。\n", "")
    assert not fired(without, "table.score_rate")


SCOPED = (
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 保障人数 | 2,000人 | 1,940人 | 10 | 9.70 |\n"
    "| | 时效指标 | 按月发放及时率 | 100% | 83.33% | 10 | {score} |\n"
    "| | 成本指标 | 月人均补助 | ≥450元 | 486元 | 10 | 10 |\n"
    "| 效益指标 | 社会效益指标 | 基本生活保障率 | 100% | 95% | 20 | 20 |\n"
    "注:数量指标、时效指标得分=分值×完成率。\n"
)


def test_a_note_that_names_categories_speaks_of_their_rows_only():
    finding = only(HEAD + SCOPED.format(score="8.83") + "\n", "table.score_rate")
    assert "10×83.33%=8.33分" in finding.message
    # the 效益 row (95% done, full points) is not under the note
    assert not fired(SCOPED.format(score="8.33"), "table.score_rate")


# ---------------------------------------------------------------------------------------------
# The note under a score table against the table's own 分值 column

SUMMARY = (
    "三、评价结论\n评分汇总表\n一级指标\n分值\n得分\n得分率\n决策\n20\n18\n90.00%\n过程\n20\n17\n85.00%\n"
    "产出\n35\n32\n91.43%\n效益\n25\n23\n92.00%\n合计\n100\n90\n90.00%\n"
    "说明:本次评价指标体系中决策指标20分、过程指标20分、产出指标{output}分、效益指标{benefit}分。\n"
)


def test_the_points_a_note_gives_a_category_are_those_of_the_table():
    found = fired(SUMMARY.format(output=40, benefit=20), "table.prose_points")
    assert sorted(f.message for f in found) == [
        "文中写“产出指标40分”，评分表中这一类标35分",
        "文中写“效益指标20分”，评分表中这一类标25分",
    ]
    assert not fired(SUMMARY.format(output=35, benefit=25), "table.prose_points")


# ---------------------------------------------------------------------------------------------
# The weight a score column's name states: '得分(20分*执行率)'

FUND_ROW = (
    "2022年度项目支出绩效自评表\n"
    "| 预算执行情况(万元) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率) |\n"
    "| 年度财政资金总额 | 312.5000 | 48.00 | 15.36% | {score} |\n"
    "| 年度绩效目标 | 一级指标 | 二级指标 | 三级指标 | 得分 |\n"
)


def test_a_score_is_the_weight_its_column_names_times_the_rate():
    finding = only(HEAD + FUND_ROW.format(score="3.17") + "\n", "score.recompute")
    assert "20×48.00÷312.5000=3.07" in finding.message and finding.found == "3.17"
    assert not fired(FUND_ROW.format(score="3.07"), "score.recompute")
    # rounded up, not half-up (3.072 → 3.08): a warning, as a truncated score is
    raised = only(HEAD + FUND_ROW.format(score="3.08") + "\n", "score.recompute")
    assert raised.severity == "warning" and "进位取数" in raised.message
    # a whole score raised to the next point is points given, not rounding: an error
    whole = only(HEAD + FUND_ROW.format(score="4") + "\n", "score.recompute")
    assert whole.severity == "error" and "=3" in whole.message


# ---------------------------------------------------------------------------------------------
# 其中 rows that make a whole breakdown, in a table of one cell a line

SPENDING = (
    "二、部门整体支出情况\n2022年度收支情况表(单位:元)\n项目\n预算数\n决算数\n"
    "支出合计\n1,300,000.00\n1,262,450.20\n基本支出\n980,000.00\n{basic}\n"
    "其中:人员经费\n850,000.00\n842,310.60\n公用经费\n130,000.00\n121,689.40\n"
    "项目支出\n320,000.00\n298,450.20\n全年支出1,262,450.20元,预算执行率97.11%。\n"
)


def test_the_rows_under_qizhong_that_make_a_whole_add_up_to_the_row_above():
    finding = only(HEAD + SPENDING.format(basic="974,000.00") + "\n", "table.totals")
    assert "964000.00（842,310.60+121,689.40）" in finding.message and "相差10000.00" in finding.message
    assert not fired(SPENDING.format(basic="964,000.00"), "table.totals")
    # a 其中 that names one part only may leave the others out
    partial = SPENDING.format(basic="974,000.00").replace("公用经费\n130,000.00\n121,689.40\n", "")
    assert not fired(partial, "table.totals")


# ---------------------------------------------------------------------------------------------
# The share of its target an indicator of the form reached, said in prose


def test_the_share_of_a_target_said_in_prose_is_the_forms_actual_over_its_target():
    body = (
        SCOPED.format(score="8.33")
        + "三、绩效目标完成情况\n全年保障困难群众1,940人,保障人数完成年度目标的{rate}%。\n"
    )
    finding = only(HEAD + body.format(rate=95) + "\n", "rate.of_base")
    assert "1,940人÷年度指标值2,000人=97.00%" in finding.message
    assert not fired(body.format(rate=97), "rate.of_base")


def test_a_rate_is_recomputed_with_the_one_budget_of_its_own_member_of_the_sentence():
    body = (
        "全年支出3,675.18万元,预算执行率95.15%。其中,基本支出预算898.15万元,支出873.52万元;"
        "项目支出预算2,964.30万元,支出2,801.66万元,执行率为{}%。"
    )
    (finding,) = [f for f in fired(body.format("94.87"), "rate.recompute") if f.severity == "error"]
    assert "2801.66万元÷2964.30万元=94.51%" in finding.message
    assert not [f for f in fired(body.format("94.51"), "rate.recompute") if f.severity != "info"]
    # two budgets in the rate's member: which one is meant is not told, so no error
    both = "基本支出预算898.15万元、项目支出预算2,964.30万元,项目支出2,801.66万元,执行率为94.87%。"
    assert not [f for f in fired(both, "rate.recompute") if f.severity == "error"]


def test_the_row_after_qizhong_that_completes_a_whole_breakdown_is_a_part_too():
    form = (
        "| 项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
        "| 年度资金总额 | 1,846.30 | 2,116.80 | 2,096.54 | 99.04% |\n"
        "| 其中:基本支出 | 1,498.60 | 1,538.20 | 1,523.18 | 99.02% |\n"
        "| 项目支出 | 347.70 | 578.60 | {} | 97.37% |\n"
    )
    (finding,) = [f for f in fired(form.format("563.36"), "table.totals") if f.severity == "error"]
    assert "1523.18+563.36" in finding.message.replace(",", "")
    assert not fired(form.format("573.36"), "table.totals")
    # a row that makes no whole breakdown with the 其中 row is not taken as a part
    other = form.format("573.36").replace("| 项目支出 |", "| 上年结余 |").replace("573.36", "563.36")
    assert not fired(other, "table.totals")
