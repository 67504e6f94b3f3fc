"""Shapes from the probe set's third round (tests/data/checker_probe p8–p10, read after its first
run): claims of a thing done in full against a rate or a planned/achieved pair, balances, and a
false error, each with look-alikes that must stay silent, in wording of our own."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

HEAD = "平江县文化馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule)


def errors(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.severity == "error"]


def test_a_rate_whose_own_sentence_holds_an_amount_and_a_budget_is_not_held_against_an_earlier_sum():
    # one long line: the headings run inline, the spending of the whole sits two sentences back
    body = (
        "(二)支出 本年支出612.40万元,其中基本支出401.22万元,项目支出211.18万元。"
        "(三)公务接待 全年只列支公务接待费{}万元,年初预算安排1.60万元,控制率{}%。"
    )
    assert not errors(body.format("1.20", "75.00"))
    assert not [f for f in fired(body.format("1.20", "75.00"), "rate.recompute") if f.severity != "info"]
    (finding,) = fired(body.format("1.20", "85.00"), "rate.recompute")
    assert "1.20万元÷1.60万元" in finding.message
    other = (
        "(二)支出 本年支出612.40万元。(三)三公经费 “三公”经费共开支{}万元,预算额度4.00万元,预算控制率{}%。"
    )
    assert not errors(other.format("3.10", "77.50"))
    assert fired(other.format("3.10", "87.50"), "rate.recompute")


def test_a_claim_of_works_finished_in_the_conclusion_is_held_against_the_completion_rate_of_its_subject():
    works = "二、产出情况\n年初计划修缮村级文化活动室12处,年内完工10处,完工率{}%。\n"
    said = "三、评价结论\n经自评,全乡村级文化活动室修缮工程已全部完工,群众反映良好。\n"
    (finding,) = fired(works.format("83.33") + said, "claim.rate")
    assert "完工率为83.33%" in finding.message and "已全部完工" in finding.location.quote
    assert not fired(works.format("100.00").replace("完工10处", "完工12处") + said, "claim.rate")
    # another subject's completion rate is not the claim's
    roads = "二、产出情况\n年初计划硬化通组道路12条,年内完工10条,完工率83.33%。\n"
    assert not fired(roads + said, "claim.rate")


def test_a_claim_that_everyone_eligible_was_taken_in_is_held_against_the_coverage_rate_of_that_group():
    group = "二、产出情况\n全年核定符合条件的低收入老年人2,400人,实际发放补贴2,352人,补贴覆盖率{}%。\n"
    said = "四、总体评价\n本年度坚持应保尽保,符合条件的低收入老年人已全部纳入补贴范围。\n"
    (finding,) = fired(group.format("98.00") + said, "claim.rate")
    assert "覆盖率为98.00%" in finding.message
    assert not fired(group.format("100.00") + said, "claim.rate")
    other = "二、产出情况\n全年救助困难残疾人2,400人,护理补贴覆盖率98.00%。\n"
    assert not fired(other + said, "claim.rate")


def test_a_claim_is_held_against_the_pair_told_in_the_sentence_after_it():
    # the amount handed down at the end of the claim's clause, the amount paid in the next sentence
    money = "文化惠民工程省级下达补助资金120.00万元,已全部拨付到位。截至年底,按合同进度共拨付施工单位{}万元,建成农家书屋8个。"
    (finding,) = fired(money.format("102.60"), "claim.rate")
    assert "102.60÷120.00=85.50%" in finding.message
    assert not fired(money.format("120.00"), "claim.rate")
    # the next sentence lists parts of the money: none of them is the amount paid
    parts = "文化惠民工程省级下达补助资金120.00万元,已全部拨付到位。其中拨付甲镇60.00万元、乙镇60.00万元。"
    assert not fired(parts, "claim.rate")
    # a task, its due and done counts in the next sentence ('应…', '实…')
    task = "全县送戏下乡演出任务已全部完成。全年应演出360场次,实演{}场次,观众满意率96%。"
    (finding,) = fired(task.format("342"), "claim.rate")
    assert "342÷360=95.00%" in finding.message
    assert not fired(task.format("360"), "claim.rate")
    # a figure of an emergency fund ('应急') is no due figure
    urgent = "各项演出任务已全部完成。应急演出队伍出动12次,实际参演8次。"
    assert not fired(urgent, "claim.rate")


def test_a_claim_of_a_named_fund_is_held_against_the_rate_of_its_act_elsewhere_in_the_report():
    paid = (
        "二、资金使用情况\n(一)资金发放。护理补贴经乡镇审核后按月打卡发放。截至年底,"
        "累计发放护理补贴386.40万元,发放率{}%。\n"
    )
    said = "三、绩效目标完成情况\n(一)时效指标:按季度汇总审核,护理补贴已全部发放到位。\n"
    (finding,) = fired(paid.format("96.60") + said, "claim.rate")
    assert "发放率为96.60%" in finding.message
    assert not fired(paid.format("100.00") + said, "claim.rate")
    # a rate of the same act for another fund is not the claim's
    other = "二、资金使用情况\n截至年底,累计发放高龄津贴386.40万元,发放率96.60%。\n"
    assert not fired(other + said, "claim.rate")


def test_a_claim_of_a_named_fund_is_held_against_an_indicator_row_named_after_it():
    form = (
        "二、绩效自评表\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 产出指标 | 数量指标 | 奖补资金拨付到村率 | 100% | {} | 10 | 9.5 |\n"
        "| 产出指标 | 质量指标 | 项目验收合格率 | 100% | 100% | 10 | 10 |\n"
        "三、绩效分析\n年度内奖补资金已全部拨付,带动村集体增收。\n"
    )
    (finding,) = fired(form.format("95.00%"), "claim.rate")
    assert "奖补资金拨付到村率" in finding.message and "95.00%" in finding.message
    assert not fired(form.format("100%"), "claim.rate")
    # a row named after another subject
    assert not fired(form.format("95.00%").replace("奖补资金拨付到村率", "工程款拨付到位率"), "claim.rate")


def test_a_claim_word_after_a_negation_and_an_adverb_is_no_claim():
    body = (
        "二、资金情况\n市级配套资金到位180.00万元,到位率75.00%。\n"
        "三、存在问题\n市级配套资金未按计划足额到位,影响了工程进度。\n"
    )
    assert not fired(body, "claim.rate")
    assert fired(body.replace("未按计划足额到位", "已按计划足额到位"), "claim.rate")


def test_a_claim_counting_its_own_task_is_held_against_a_rate_worked_out_on_that_count():
    # the summary's '360户' and the output section's 342÷360 = 95.00%
    summary = "摘要\n截至年底,工程已顺利收尾,360户危房改造任务全部完成,群众满意。\n"
    output = "二、产出情况\n经逐户核查,已竣工并入住342户,在建18户,竣工率{}%。\n"
    (finding,) = fired(summary + output.format("95.00"), "claim.rate")
    assert "竣工率为95.00%" in finding.message
    # the rate of another count (342 of 400) is not worked out on the claim's 360
    assert not fired(summary + output.format("85.50").replace("在建18户", "在建58户"), "claim.rate")
    # the rate's sentence states the claim's own count
    plan = "三、项目实施\n年度安排的12座小型水库除险加固工程均已完工,汛前投入运行。\n"
    works = "二、实施情况\n12座水库中已完工11座,完工率{}%,1座因汛期停工。\n"
    (finding,) = fired(works.format("91.67") + plan, "claim.rate")
    assert "完工率为91.67%" in finding.message


def test_a_target_that_names_the_claim_words_is_no_claim():
    body = (
        "二、绩效目标\n年度绩效目标:护理补贴按月足额发放,发放准确率100%。\n"
        "三、产出情况\n按季度审核护理补贴,按期发放率88.50%。\n"
    )
    assert not fired(body, "claim.rate")
    assert fired(body.replace("年度绩效目标:护理补贴按月足额发放", "全年护理补贴按月足额发放"), "claim.rate")


def test_a_balance_after_money_received_and_spent_in_one_sentence():
    body = "二、资金使用情况\n年内省级补助资金到位{},实际支出2,405.30万元,结余资金{}万元,已结转下年使用。\n"
    (finding,) = fired(body.format("2,560.00万元", "145.70"), "balance.identity")
    assert "=154.7万元" in finding.message
    assert not fired(body.format("2,560.00万元", "154.70"), "balance.identity")
    handed = "二、资金使用情况\n市财政下达86.40万元,当年支付79.15万元,结余{}万元。\n"
    assert fired(handed.format("8.25"), "balance.identity")
    assert not fired(handed.format("7.25"), "balance.identity")


FORM = (
    "二、项目支出绩效自评表\n"
    "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 860.00 | 912.50 | 884.26 | 10 | 96.91% | 9.69 |\n"
    "| 其中:当年财政拨款 | 860.00 | 912.50 | 884.26 | — | — | — |\n"
    "三、绩效分析\n全年预算数较年初增加52.50万元。{}\n"
)


def test_a_balance_in_prose_is_held_against_the_forms_total_row():
    (finding,) = fired(FORM.format("项目结余资金38.24万元,已按规定结转。"), "balance.identity")
    assert "912.50万元−全年执行884.26万元=28.24万元" in finding.message
    assert not fired(FORM.format("项目结余资金28.24万元,已按规定结转。"), "balance.identity")
    # a balance of a part of the money is not the form's
    assert not fired(FORM.format("县级资金结余38.24万元,已按规定结转。"), "balance.identity")
    # a balance with its own income and spending in its section is read there
    own = "全年到位资金120.00万元,支出81.76万元,结余资金38.24万元。"
    assert not fired(FORM.format(own), "balance.identity")


def test_a_claim_in_the_conclusion_is_held_against_a_planned_and_achieved_pair_of_its_subject():
    work = "二、产出情况\n(一)数量指标。年初计划新建村级文化广场18个,年内已建成完工15个;配置健身器材40套。\n"
    said = "三、评价结论\n本年度村级文化广场建设任务全部完成,群众满意度95%。\n"
    (finding,) = fired(work + said, "claim.rate")
    assert "15÷18=83.33%" in finding.message
    assert not fired(work.replace("完工15个", "完工18个") + said, "claim.rate")
    # the pair of another subject is not the claim's
    other = "二、产出情况\n(一)数量指标。年初计划新建农家书屋18个,年内已建成完工15个。\n"
    assert not fired(other + said, "claim.rate")
    # money: the heading of the paragraph names the fund
    fund = (
        "二、资金使用\n(三)临时救助。临时救助资金预算80,000.00元,已向困难家庭发放66,400.00元,救助42户。\n"
        "三、评价结论\n经自评,临时救助资金已全部发放到位,各项工作有序推进。\n"
    )
    (finding,) = fired(fund, "claim.rate")
    assert "66400.00÷80000.00=83.00%" in finding.message
    assert not fired(fund.replace("66,400.00", "80,000.00"), "claim.rate")


def test_a_claim_of_a_named_fund_is_held_against_its_row_in_a_table_of_money_received():
    table = (
        "二、项目支出绩效自评表\n"
        "| 项目资金(元) | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
        "| 年度资金总额 | 4,500,000.00 | 4,320,000.00 | 10 | 96.00% | 9.6 |\n"
        "| 资金来源 | 应到位 | 实际到位 | 到位率 |\n"
        "| 省级补助资金 | 3,600,000.00 | {} | {} |\n"
        "| 县级配套资金 | 900,000.00 | 900,000.00 | 100.00% |\n"
        "| 合计 | 4,500,000.00 | 4,320,000.00 | 96.00% |\n"
        "三、绩效目标完成情况\n工程按期开工,省级补助资金已足额到位,县级配套资金按进度拨付。\n"
    )
    (finding,) = fired(table.format("3,420,000.00", "95.00%"), "claim.rate")
    assert "“省级补助资金”一行到位率为95.00%" in finding.message
    assert not fired(table.format("3,600,000.00", "100.00%"), "claim.rate")
    # the claim of the county's money is held against the county's row, which is full
    county = table.replace("省级补助资金已足额到位,县级配套资金按进度拨付", "县级配套资金已足额到位")
    assert not fired(county.format("3,420,000.00", "95.00%"), "claim.rate")


def test_a_claim_counting_its_own_works_is_held_against_an_indicator_row_of_that_count():
    rows = (
        "二、产出指标完成情况\n三级指标 目标值 完成值 完成情况\n"
        "竣工移交泵站座数 14座 {} 未完成\n新增灌溉面积 ≥2万亩 2.3万亩 完成\n"
        "三、评价结论\n评价组认为,14座灌排泵站更新改造工程均已完工,灌溉条件明显改善。\n"
    )
    (finding,) = fired(rows.format("12座"), "claim.rate")
    assert "“竣工移交泵站座数”目标14座、实际12座" in finding.message
    assert not fired(rows.format("14座"), "claim.rate")
    # a row that counts something else than the claim's act
    other = rows.replace("竣工移交泵站座数", "配套管护人员人数")
    assert not fired(other.format("12座"), "claim.rate")
    piped = (
        "二、绩效指标\n| 产出指标 | 数量指标 | 完工改造卫生室 | 9所 | 7所 | 10 | 7.8 |\n"
        "三、评价结论\n全镇9所村卫生室改造均已完工并投入使用。\n"
    )
    assert fired(piped, "claim.rate")
