"""Shapes from the probe set's second round (tests/data/checker_probe p5–p7, read after its first,
untouched run): each defect with look-alikes that must stay silent, in wording of our own."""

from jixiao.domain.checker import check_text, parse
from tests.domain.checker.helpers import findings

HEAD = "青川县民政局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule)


def errors(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.severity == "error"]


def test_a_change_after_a_list_of_items_is_of_the_total_when_only_the_totals_figures_fit_it():
    body = (
        "“三公”经费支出2.86万元,其中公务接待费1.34万元,公务用车运行维护费1.52万元,"
        "因公出国(境)费0万元,较上年3.10万元下降{}%。"
    )
    assert not errors(body.format("7.74"))  # (3.10−2.86)÷3.10 = 7.74%: the total's change
    wrong = fired(body.format("9.74"), "yoy.arithmetic") + fired(body.format("9.74"), "value.impossible")
    assert wrong  # fits neither the total nor the last item: still reported


def test_a_budget_in_a_bracket_after_this_years_figure_is_an_aside_not_this_years_figure():
    body = "“三公”经费支出15.62万元(预算18.50万元),比上年16.90万元减少{}万元,下降7.57%。"
    assert not errors(body.format("1.28"))
    (finding,) = fired(body.format("2.28"), "yoy.arithmetic")
    assert "本年15.62万元−上年16.90万元=1.28万元" in finding.message
    # a figure alone in a bracket after a name is still this year's figure
    alone = "前期咨询费(0万元),比上年增加3.2万元。"
    assert fired(alone, "value.impossible")


def test_a_claim_in_the_conclusion_is_held_against_the_documents_rate_of_its_action():
    spent = "二、预算执行情况\n调整后预算531.40万元,决算支出519.27万元,预算执行率{}%。\n"
    said = "三、自评结论\n经自评,本部门绩效良好,年度预算资金已全部执行完毕,各项工作按计划推进。\n"
    (finding,) = fired(spent.format("97.72") + said, "claim.rate")
    assert "预算执行率为97.72%" in finding.message and finding.location.quote == "已全部执行"
    assert not fired(spent.format("100.00") + said, "claim.rate")
    # the same claim outside a conclusion, far from the rate, is held against it too (the claim of
    # the whole money against the report's one rate of its act: _whole_report_finding)
    elsewhere = said.replace("三、自评结论", "三、主要做法")
    assert "预算执行率为97.72%" in fired(spent.format("97.72") + elsewhere, "claim.rate")[0].message
    assert not fired(spent.format("100.00") + elsewhere, "claim.rate")
    # a subject with a name of its own: only a rate whose sentence names it
    audits = "二、产出\n全年计划审计项目45个,实际完成42个,完成率93.33%。\n"
    plan = "三、自评结论\n本年度审计计划均已完成,全年移送问题线索15件。\n"
    assert "完成率为93.33%" in fired(audits + plan, "claim.rate")[0].message
    other = "二、产出\n全年计划培训45期,实际完成42期,完成率93.33%。\n"
    assert not fired(other + plan, "claim.rate")


def test_a_count_of_another_unit_between_the_figures_and_the_claim():
    body = "司法救助资金预算50.00万元,实际发放{}万元,救助困难当事人67人,司法救助资金均已发放到位。"
    (finding,) = fired(body.format("42.30"), "claim.rate")
    assert "42.30÷50.00=84.60%" in finding.message
    assert not fired(body.format("50.00"), "claim.rate")


def test_a_count_stated_again_with_the_reports_own_scope_before_its_label():
    body = (
        "(一)产出指标。全年城镇新增就业22,460人,完成目标任务的112.30%。\n二、结论\n"
        "总体看,2023年我区城镇新增就业{}人,就业局势总体稳定。"
    )
    (finding,) = fired(body.format("24,460"), "count.conflict")
    assert "“城镇新增就业”前后不一致：前面写22460人" in finding.message
    assert not fired(body.format("22,460"), "count.conflict")
    # another body's count (a town's, not the district's own) is another figure
    assert not fired(body.format("24,460").replace("我区", "城关镇"), "count.conflict")


def test_a_years_end_balance_alone_in_its_section_against_the_chapters_totals():
    body = (
        "二、部门整体支出情况\n(一)收入情况\n2023年度收入合计2,186.43万元。其中:财政拨款1,902.15万元,"
        "其他收入284.28万元。另有年初结转和结余84.57万元。\n(二)支出情况\n2023年度支出合计2,203.68万元,"
        "其中基本支出1,186.34万元、项目支出1,017.34万元。\n(三)结转结余情况\n2023年末结转和结余{}万元。\n"
    )
    (finding,) = fired(body.format("76.32"), "balance.identity")
    assert finding.severity == "error" and "=67.32万元" in finding.message
    assert not fired(body.format("67.32"), "balance.identity")
    # with no balance carried in stated, income − spending is not taken for the year's end balance
    alone = body.replace("另有年初结转和结余84.57万元。", "")
    assert not fired(alone.format("76.32"), "balance.identity")


def test_the_share_of_the_years_task_against_the_target_the_goals_state():
    body = (
        "二、绩效目标\n培育高素质农民800人,建设农民田间学校4所。\n三、完成情况\n"
        "全年培育高素质农民826人,完成年度任务的{}%,建成农民田间学校5所。"
    )
    (finding,) = fired(body.format("108.25"), "rate.of_base")
    assert (
        finding.severity == "warning"
        and "826人÷目标800人" in finding.message
        and "=103.25%" in finding.message
    )
    assert not fired(body.format("103.25"), "rate.of_base")
    # a count of the same thing outside the goals (last year's, another town's) is no target
    no_goal = body.replace("二、绩效目标", "二、上年情况")
    assert not fired(no_goal.format("108.25"), "rate.of_base")


def test_a_count_stated_again_with_words_put_in_after_its_verb():
    body = (
        "(二)产出情况。全年完成审计项目45个,移送纪检监察机关和有关部门问题线索12件。\n四、自评结论\n"
        "审计监督作用得到较好发挥,全年共移送问题线索{}件。"
    )
    (finding,) = fired(body.format("15"), "count.conflict")
    assert "“问题线索”前后不一致：前面写12件" in finding.message
    assert not fired(body.format("12"), "count.conflict")
    # another verb before the same thing counted is another count (received, not passed on)
    assert not fired(body.format("15").replace("共移送问题线索", "共受理问题线索"), "count.conflict")


def test_a_claim_of_allocation_in_the_conclusion_is_not_held_against_the_rate_of_spending():
    spent = "二、预算执行情况\n全年预算800.00万元,支出760.00万元,预算执行率95.00%。\n"
    said = "三、评价结论\n项目资金已全部拨付到位,绩效目标基本实现。\n"
    assert not fired(spent + said, "claim.rate")  # 拨付 (allocated) is not 执行 (spent)
    paid = "二、资金拨付\n上级下达资金800.00万元,资金拨付率95.00%。\n"
    assert "拨付率为95.00%" in fired(paid + said, "claim.rate")[0].message


def test_a_year_before_a_label_is_taken_off_but_the_nian_of_nianmo_stays():
    quantities = parse(
        "2023年末结转和结余76.32万元，2023年项目支出17.34万元，2023年度基本支出6.00万元。"
    ).quantities
    assert [(q.label, q.year) for q in quantities] == [
        ("年末结转和结余", "2023"),
        ("项目支出", "2023"),
        ("基本支出", "2023"),
    ]
