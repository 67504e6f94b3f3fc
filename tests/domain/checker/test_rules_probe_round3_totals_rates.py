"""Shapes from the probe set's third round (tests/data/checker_probe p8–p10, read after its first run)
of the kinds total.items, rate and breakdown: each with look-alikes that must stay silent, in wording
of our own."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

HEAD = "宁远县文化旅游广电局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
PROJECT = "宁远县2023年乡村公路养护项目绩效自评报告\n一、项目基本情况\n"


def fired(body, rule, head=HEAD):
    return [f for f in findings(head + body + "\n", rule, report_type="auto") if f.severity != "info"]


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


# a money rate with the remainder written after it: the paid amount and the remainder make the whole


def test_a_payment_rate_against_the_paid_amount_and_the_remainder_after_it():
    body = "截至年底,累计拨付资金81.20万元,资金拨付率{}%;余款5.20万元待验收后拨付。"
    assert not fired(body.format("93.98"), "rate.remainder")  # 81.20 ÷ (81.20 + 5.20)
    (finding,) = fired(body.format("96.98"), "rate.remainder")
    assert "81.20万元÷（81.20万元+余款5.20万元）=93.98%" in finding.message
    other = "已兑付补贴312.50万元,兑付率{}%,尚未支付的7.50万元为账户异常农户补贴。"
    assert not fired(other.format("97.66"), "rate.remainder")
    assert fired(other.format("96.66"), "rate.remainder")
    # the amount after the rate is another figure, not what is left
    assert not fired("已支付资金81.20万元,支付率90.00%,带动社会投资30.00万元。", "rate.remainder")


# a score stated as '得N分' after the weight and the rule '得分=权重×执行率'


def test_a_score_written_as_de_n_fen_against_weight_times_rate():
    body = "预算执行率指标分值权重8分,依据“得分=权重×执行率”,该项执行率87.50%,得{}分。"
    assert not fired(body.format("7.00"), "score.recompute")  # 8 × 87.50% = 7.00
    (finding,) = fired(body.format("7.60"), "score.recompute")
    assert "8×87.50%=7.00" in finding.message
    other = "资金使用率的权重为12分,使用率95%,最后得{}分。"
    assert not fired(other.format("11.4"), "score.recompute")
    assert fired(other.format("11.8"), "score.recompute")


# a total after its items, named by a total word with a verb ('累计完成投资') or at its head ('全年共…')


def test_a_total_after_its_items_with_a_verb_after_the_total_word():
    body = "一期完成投资0.3120亿元,二期完成投资0.2455亿元,累计完成投资{}亿元。"
    assert not fired(body.format("0.5575"), "list.total")
    (finding,) = fired(body.format("0.5755"), "list.total")
    assert "0.3120+0.2455" in finding.message


def test_a_count_total_named_at_its_head_after_items_of_the_same_thing():
    body = "第一季度举办培训班6期、第二季度举办4期、下半年举办9期,全年共举办培训班{}期。"
    assert not fired(body.format("19"), "list.total")
    (finding,) = fired(body.format("21"), "list.total")
    assert finding.severity == "warning" and "6+4+9" in finding.message
    # the total counts something else than the items: not read
    assert not fired("新建站点8个、改造站点5个,全年共服务群众260个。", "list.total")


# scores listed with their weights in brackets ('决策(20分)得18分')


def test_scores_given_after_bracketed_weights_against_the_total_score():
    body = "投入(20分)得19分,过程(30分)得27.5分,产出(30分)得28分,效益(20分)得17分,评价总分{}分。"
    assert not fired(body.format("91.5"), "score.list_total")
    (finding,) = fired(body.format("93.5"), "score.list_total")
    assert "19+27.5+28+17=91.5" in finding.message and "评价总分" in finding.message
    # the weights add up to 100: not held against the score total
    assert not fired(body.format("91.5").replace("评价总分", "综合得分"), "score.list_total")


# tables: 其中 rows named with their own words, indicator rows of words and dates, merged total rows


def test_the_rows_of_a_three_public_expenses_breakdown_named_with_fei_add_up_to_their_row():
    form = (
        "| 年度预算申请(元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
        "| 年度资金总额 | 900,000.00 | 950,000.00 | 931,000.00 | 10 | 98.00% | 9.80 |\n"
    )
    table = form + (
        "| 经费控制情况(元) | 上年决算数 | 本年预算数 | 本年决算数 |\n"
        "| 三公经费 | 22,400.00 | 20,000.00 | {} |\n"
        "| 其中:公务接待费 | 6,100.00 | 5,000.00 | 4,380.00 |\n"
        "| 公务用车运行维护费 | 16,300.00 | 15,000.00 | 13,960.00 |\n"
        "| 因公出国(境)费 | 0.00 | 0.00 | 0.00 |\n"
        "| 公用经费 | 190,000.00 | 180,000.00 | 176,540.00 |\n"
    )
    assert not fired(table.format("18,340.00"), "table.totals")
    (finding,) = fired(table.format("19,340.00"), "table.totals")
    assert "18340.00" in finding.message
    staff = form + (
        "| 项目 | 上年决算 | 本年预算 | 本年决算 |\n"
        "| 基本支出 | 500.00 | 520.00 | {} |\n"
        "| 其中:人员经费支出 | 400.00 | 410.00 | 405.00 |\n"
        "| 公用经费支出 | 100.00 | 110.00 | 98.00 |\n"
    )
    assert not fired(staff.format("503.00"), "table.totals")
    assert fired(staff.format("513.00"), "table.totals")


FORM = (
    "年度资金总额\n0.00\n500,000.00\n490,000.00\n10\n98.00%\n9.80\n"
    "绩效指标\n一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n偏差原因分析及改进措施\n"
    "产出指标\n数量指标\n维修路段\n≥20公里\n21公里\n20\n20\n"
    "时效指标\n完工时间\n2023年10月底前\n2023年11月15日\n20\n16\n雨季延误工期\n"
    "效益指标\n社会效益指标\n通行条件\n明显改善\n明显改善\n20\n20\n"
    "可持续影响指标\n管护机制\n长效\n长效\n20\n20\n"
    "满意度指标\n服务对象满意度指标\n群众满意度\n≥90%\n94%\n10\n10\n"
    "总分\n100\n{}\n"
)


def test_a_score_total_of_a_form_whose_indicator_rows_hold_words_and_dates():
    head = "某县2023年农村公路维修项目支出绩效自评表\n项目资金\n(元)\n年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n"
    assert not fired(FORM.format("95.80"), "table.points_total", head)  # 20+16+20+20+10 + 9.80
    (finding,) = fired(FORM.format("96.80"), "table.points_total", head)
    assert "95.8" in finding.message


def test_a_merged_total_row_of_a_table_with_a_serial_number_and_names():
    spaced = (
        "表3 村级道路硬化明细(单位:万元)\n"
        "序号 村名 路段 长度(公里) 投资额\n"
        "1 东岭村 村委会至小学 1.2 36.00\n"
        "2 西沟村 主干道 2.5 75.50\n"
        "3 南湾村 环村路 — 28.40\n"
        "合计 3.7 {}\n"
    )
    assert not fired(spaced.format("139.90"), "table.column_total")
    (finding,) = fired(spaced.format("149.90"), "table.column_total")
    assert "139.90" in finding.message
    # a row of notes at the end of each row: the total's figures do not line up, nothing is read
    noted = (
        "序号 村名 预算额度 调整额度 实际额度 备注\n"
        "1 东岭村 30.00 30.00 注1\n"
        "2 西沟村 70.00 5.50 75.50 注2\n"
        "3 南湾村 28.40 28.40 注1\n"
        "合计 128.40 5.50 133.90\n"
    )
    assert not fired(noted, "table.column_total")


def test_a_bound_of_a_grade_is_no_score_given():
    table = (
        "| 一级指标 | 二级指标 | 分值 | 得分 |\n| 产出 | 数量 | 50 | 48 |\n| 效益 | 社会效益 | 50 | 47 |\n"
        "| 总分 | | 100 | 95 |\n"
    )
    bound = "说明:综合得分{}分(含)以上为优,80分至90分为良。"
    assert not fired(table + bound.format("90"), "score.prose_table")
    assert not fired(table + "说明:评价得分85分及以上为优。", "score.prose_table")
    assert fired(table + "本项目综合得分92分。", "score.prose_table")  # a score given, not a bound


# two breakdowns of one total in prose, each after a marker of its dimension


def test_a_breakdown_by_use_against_the_total_that_the_breakdown_by_source_confirms():
    body = (
        "本年安排专项资金960.00万元。按资金来源分,省级补助600.00万元,县级配套360.00万元;"
        "按资金用途分,设备购置420.00万元,人员培训{}万元(共3期,每期30.00万元),运行维护450.00万元。"
    )
    assert not fired(body.format("90.00"), "breakdown.alternative")
    (finding,) = fired(body.format("80.00"), "breakdown.alternative")
    assert finding.severity == "error" and "420.00+80.00+450.00" in finding.message
    other = "全年项目资金356.80万元,其中中央200.00万元、市级156.80万元;从用途看不清。按用途划分:购置图书{}万元,改造场馆236.80万元。"
    assert not fired(other.format("120.00"), "breakdown.alternative")
    assert fired(other.format("110.00"), "breakdown.alternative")
    # the amounts after the marker are a few items of something far larger: no total to hold them to
    body = "全年支出1,250.00万元。按用途分,培训40.00万元,宣传12.50万元。"
    assert not fired(body, "breakdown.alternative")
    # a breakdown that adds up
    assert not fired("项目资金88.00万元。按来源分,省级50.00万元,县级38.00万元。", "breakdown.alternative")


# a rate of a quality of an action ('审核及时率') against the count named by the action


def test_a_rate_of_a_quality_against_the_count_named_by_its_action():
    body = "全年接收门诊报告病例2,400例,48小时内完成复核2,352例,复核及时率{}%。"
    assert not fired(body.format("98"), "rate.counts")  # 2352 ÷ 2400 = 98.00%
    (finding,) = fired(body.format("99.5"), "rate.counts")
    assert "2352例÷2400例=98.00%" in finding.message
    other = "全年受理申请320件,按期办结312件,办结按期率{}%。"
    assert not fired(other.format("97.5"), "rate.counts")
    assert fired(other.format("95.5"), "rate.counts")
    # '补贴购机农户5户': 补贴 inside the label names the farmers, not the subsidies done
    body = "补贴购机农户5户,其中东区1户,补贴金额13.6万元,资金补贴完成率17%。"
    assert not fired(body, "rate.counts")
    body = "全年计划完成课题8项,实际完成8项;其中7项在合同期内完成,完成及时率87.50%。"
    assert not fired(body, "rate.counts")


def test_a_total_row_of_one_figure_under_rows_of_three_cells():
    table = (
        "资金来源 文件 金额(万元)\n"
        "省级补助 湘财农〔2023〕12号 120.00\n"
        "市级补助 永财农〔2023〕5号 36.50\n"
        "县级配套 县财预〔2023〕8号 23.50\n"
        "合计 {}\n"
    )
    assert not fired(table.format("180.00"), "table.column_total")
    (finding,) = fired(table.format("183.00"), "table.column_total")
    assert "180.00" in finding.message


def test_a_completion_rate_against_the_target_in_the_indicator_table():
    table = (
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 产出 | 数量指标 | 巡回放映电影场次 | 240场 | 228场 | 10 | 9.5 |\n"
        "| 产出 | 质量指标 | 放映合格率 | 100% | 100% | 10 | 10 |\n"
        "| 合计 | | | | | 20 | 19.5 |\n"
    )
    body = table + "四、完成情况\n全年组织农村巡回放映电影228场,放映计划完成率{}%。\n"
    assert not fired(body.format("95.00"), "rate.target")  # 228 ÷ 240
    (finding,) = fired(body.format("96.00"), "rate.target")
    assert "228场÷目标240场" in finding.message


def test_a_total_named_first_in_a_row_of_names_over_a_row_of_amounts():
    form = (
        "| 支出合计 | 基本支出 | 项目支出 |\n| {} | 1,204,300.00 | 356,120.40 |\n"
        "| 收入合计 | 财政拨款收入 | 其他收入 |\n| 1,600,000.00 | 1,580,000.00 | 20,000.00 |\n"
    )
    assert not fired(form.format("1,560,420.40"), "table.column_total")
    (finding,) = fired(form.format("1,566,420.40"), "table.column_total")
    assert finding.severity == "error" and "1560420.40" in finding.message
    # parts that need not be all of it: a warning
    other = "| 收入合计 | 财政拨款收入 | 上级补助收入 |\n| 980.00 | 900.00 | 60.00 |\n| 说明 | 见附表 | — |\n"
    (warning,) = fired(other, "table.column_total")
    assert warning.severity == "warning"


def test_rows_under_a_marker_of_a_dimension_in_a_form_add_up_to_the_total_row():
    form = (
        "| 年度预算申请 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
        "| 年度资金总额 | 300.00 | 360.00 | 342.00 | 10 | 95.00% | 9.50 |\n"
        "| 按资金来源分: | | | | | | |\n"
        "| 本级财政拨款 | 280.00 | 330.00 | 314.00 | — | 95.15% | — |\n"
        "| 上级转移支付 | 20.00 | 30.00 | 28.00 | — | 93.33% | — |\n"
        "| 按经济分类分: | | | | | | |\n"
        "| 工资福利支出 | 180.00 | 200.00 | 198.00 | — | 99.00% | — |\n"
        "| 商品和服务支出 | 120.00 | 160.00 | {} | — | — | — |\n"
    )
    assert not fired(form.format("144.00"), "breakdown.alternative")
    (finding,) = fired(form.format("134.00"), "breakdown.alternative")
    assert finding.severity == "error" and "198.00+134.00" in finding.message


def test_a_breakdown_whose_items_are_parted_by_semicolons():
    body = (
        "全年安排衔接资金1,100.00万元。按项目类别分:产业发展类{}万元;基础设施类300.00万元;其他类50.00万元。"
    )
    assert not fired(body.format("750.00"), "breakdown.alternative")
    (finding,) = fired(body.format("760.00"), "breakdown.alternative")
    assert finding.severity == "warning" and "760.00+300.00+50.00" in finding.message
    # the clause after the first holds two amounts: only the marker's own clause is its list
    assert not fired(
        "项目资金90.00万元。按来源分,省级60.00万元,县级30.00万元;另有社会捐赠5.00万元、自筹2.00万元。",
        "breakdown.alternative",
    )


def test_an_amount_right_after_a_count_and_a_comma_is_read():
    from jixiao.domain.checker.parse import parse_report

    report = parse_report("标题\n文化类项目6个,1,250.00万元;体育类项目2个,380.50万元。支出1,234.5万元。\n")
    amounts = [(str(q.value), q.unit) for q in report.quantities if q.kind == "money"]
    assert amounts == [("1250.00", "万元"), ("380.50", "万元"), ("1234.5", "万元")]
    # after a comma that follows a word other than a count's unit, a number stays unread as before
    assert [q.value for q in parse_report("标题\n按功能分类,880.00万元支出中。\n").quantities] == []
    body = "全年安排项目8个、资金1,630.50万元。按项目类别分:文化类项目6个,{}万元;体育类项目2个,380.50万元。"
    assert not fired(body.format("1,250.00"), "breakdown.alternative")
    (finding,) = fired(body.format("1,260.00"), "breakdown.alternative")
    assert "1260.00+380.50" in finding.message
