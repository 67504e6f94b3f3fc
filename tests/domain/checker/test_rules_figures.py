"""Rules on the figure table: one quantity stated twice in one role, balances, claims against
rates, two breakdowns of one total, comparison words, 三公 over budget, stock figures, score
parts. Texts from real reports of the evaluation set; each rule also stays silent on consistent
text."""

from jixiao.domain.checker import ERROR, WARNING, parse
from jixiao.domain.checker.base import CheckContext
from jixiao.domain.checker.config import default_checker_data
from tests.domain.checker.helpers import findings, only


def figures(text):
    data = default_checker_data()
    context = CheckContext.build(parse(text, data), data, data.report_types["zhengti"])
    return context.figures.prose()


# --- roles -------------------------------------------------------------------------------------

SHANDONG = (
    "年初预算批复14818万元（基本支出9896万元、项目支出4922万元），经核批继续使用101.08万元，年中追加2633.19万元，"
    "全年预算17552.27万元（基本支出11245.31万元、项目支出6306.96万元）。\n"
    "2023年办公厅实现支出17141.37万元，预算执行率为97.66%。基本支出、项目支出分别实现支出10914.9万元、6226.47万元。"
)


def test_every_amount_gets_its_subject_and_role_and_bracketed_parts_take_their_totals_role():
    by_value = {str(f.value): (f.subject, f.role) for f in figures(SHANDONG)}
    assert by_value["14818"] == ("", "年初预算")
    assert by_value["9896"] == ("基本支出", "年初预算")
    assert by_value["11245.31"] == ("基本支出", "调整后")
    assert by_value["10914.9"] == ("基本支出", "执行")
    assert by_value["6226.47"] == ("项目支出", "执行")


def test_budget_adjusted_budget_and_spending_of_one_subject_are_not_a_conflict():
    # 山东省政协办公厅 2023 (all figures consistent)
    assert findings(SHANDONG, "quantity.conflict") == []


def test_the_same_subject_in_the_same_role_with_two_values_is_a_conflict():
    # 儋州市人民法院 2018: 案件审判 spent 414.35万元 in one place, 411.95万元 in another
    text = (
        "2018年度支出5560.46万元，其中：基本支出2956.36万元，项目支出2604.1万元。\n"
        "项目支出2604.1万元，其中：案件审判414.35万元；案件执行6.25万元；“两庭”建设411.27万元；其他法院支出1772.23万元。\n"
        "我院2018年共有8个支出项目。其中，法院执行年初预算数6万元，年末结算支出6万元；案件审判411.95万元，"
        "年末结算支出411.95万元，项目资金支出进度比率为100%。"
    )
    finding = only(text, "quantity.conflict")
    assert finding.severity == WARNING
    assert (finding.expected, finding.found) == ("414.35万元", "411.95万元")


def test_a_figure_without_subject_is_compared_only_with_figures_of_the_same_part_of_the_money():
    # "年初预算44万元" under a 专项 heading is the 专项's budget, not the department's 208.4万元
    text = (
        "二、部门整体支出情况\n4.收支决算情况：2023年，本部门本年收入216.4万元（其中：一般公共预算财政拨款"
        "216.4万元（年初预算208.4万元，追加8万元）），本年支出211.71万元（基本支出167.62万元，其中人员经费"
        "123.54万元、公用经费44.08万元；项目支出44.09万元），年末结转结余4.69万元。\n"
        "三、部门专项组织实施情况\n（一）专项资金安排及使用情况\n"
        "2023年，本部门共安排专项4个（其中重点项目3个），年初预算{n}万元，调整后预算46万元，全年支出44.09万元。\n"
        "四、其他说明\n2023年，本部门年初预算{m}万元。"
    )
    assert findings(text.format(n=44, m="208.4"), "quantity.conflict") == []
    # within the whole body two values still conflict
    assert len(findings(text.format(n=44, m="210.4"), "quantity.conflict")) == 1


def test_one_document_allocating_two_different_amounts_is_a_conflict():
    # **河县 2023: 呼财农指【2023】41号 allocated 5万元, later 6万元
    text = (
        "财政局呼财农指【2023】41号文件《关于下达2023年自治区水利发展资金预算的通知》，下达我县2023年资金5万元。\n"
        "财政局呼财农指【2023】41号文件《关于下达2023年自治区水利发展资金预算的通知》，下达我县2023年山洪灾害防治设施维养{n}万元。"
    )
    assert only(text.format(n=6), "quantity.conflict").found == "6万元"
    assert findings(text.format(n=5), "quantity.conflict") == []


# --- balance ------------------------------------------------------------------------------------

HETANG = (
    "2022年预算收入69.06万元，其中年初预算57.28万元，调整追加11.78万元。其他资金来源21.31万元。\n"
    "2022年支出76.36万元，其中基本支出76.36万元，项目支出0万元，结余结转{balance}万元。"
)


def test_stated_balance_against_income_plus_other_sources_minus_spending():
    # 株洲市荷塘区妇联 2022: 69.06 + 21.31 − 76.36 = 14.01, the report says 0
    finding = only(HETANG.format(balance=0), "balance.identity")
    assert finding.severity in (ERROR, WARNING)
    assert finding.expected == "14.01万元"
    assert findings(HETANG.format(balance="14.01"), "balance.identity") == []


def test_fund_identity_with_the_balance_carried_in_from_last_year():
    text = "年初结转结余10.00万元，本年收入合计100.00万元，本年支出合计95.00万元，年末结转结余{n}万元。"
    assert findings(text.format(n="15.00"), "balance.identity") == []
    assert only(text.format(n="5.00"), "balance.identity").severity == ERROR


# --- claims against rates --------------------------------------------------------------------------

XIPING = (
    "(一)资金投入情况分析\n"
    "1、项目资金到位情况分析。乡村振兴衔接资金2179万元目前已全部拨付，及时安排到相关项目。\n"
    "2、项目资金执行情况分析。项目资金共2179万元，截至2022年12月8日，已完成拨付2113.63万元，执行率{rate}%。"
)


def test_paid_in_full_against_a_rate_below_100():
    # 西平县交通运输局 2022
    finding = only(XIPING.format(rate=97), "claim.rate")
    assert finding.severity == WARNING and "97%" in finding.message
    assert findings(XIPING.format(rate=100), "claim.rate") == []


PROJECTS = (
    "(一)专项资金安排及使用情况\n"
    "共安排专项2个。其中：“甲项目”预算12万元，已拨付11.65万元，执行率97.1%，{first}；"
    "“乙项目”预算11万元，已拨付11万元，执行率100.0%，{second}，尚待验收。"
)


def test_a_claim_about_another_member_of_a_list_or_about_milestones_is_not_held_against_a_rate():
    # each member of a ";" list speaks of its own project
    assert findings(PROJECTS.format(first="整改中", second="资金已全部拨付"), "claim.rate") == []
    # the same claim about the project at 97.1% is flagged
    finding = only(PROJECTS.format(first="资金已全部拨付", second="整改中"), "claim.rate")
    assert finding.severity == WARNING and "97.1%" in finding.message
    # '各关键节点均已完成' is about milestones, not money
    text = PROJECTS.replace("已拨付11.65万元", "已完成拨付11.65万元")
    assert findings(text.format(first="各关键节点均已完成", second="整改中"), "claim.rate") == []
    assert len(findings(text.format(first="资金均已完成", second="整改中"), "claim.rate")) == 1


# --- two breakdowns of one total -------------------------------------------------------------------

BREAKDOWN = (
    "按收入性质分:{income}\n按支出性质分:1925.67\n其中: 一般公共预算:1325.68\n其中:基本支出:900.47\n"
    "政府性基金拨款:118.82\n项目支出:1025.20\n其他资金:{other}\n年度总体目标"
)


def test_income_and_spending_breakdowns_of_one_total_must_agree():
    # 衡山县贯塘乡 2023: 2030.12 by income, 1925.67 by spending
    finding = only(BREAKDOWN.format(income="2030.12", other="585.62"), "breakdown.alternative")
    assert finding.severity == ERROR and "104.45" in finding.message
    assert findings(BREAKDOWN.format(income="1925.67", other="481.17"), "breakdown.alternative") == []


# --- rates whose denominator is paid + unpaid, impossible values ----------------------------------------


def test_payment_rate_is_paid_over_paid_plus_unpaid():
    text = "资金支付18501.096万元，未支703万元，支付率{rate}%。"
    assert only(text.format(rate=95), "rate.paid_unpaid").severity == ERROR
    assert only(text.format(rate="96.8"), "rate.paid_unpaid").severity == ERROR
    assert findings(text.format(rate=96), "rate.paid_unpaid") == []


def test_satisfaction_above_100_percent_is_impossible():
    assert only("群众满意度达105%。", "value.impossible").severity == WARNING
    assert findings("群众满意度达95%，指标值为≥100%。", "value.impossible") == []


def test_an_increase_larger_than_this_years_figure_is_impossible():
    assert only("公务接待费完成0万元，比上年增加0.5万元。", "value.impossible").severity == ERROR
    assert findings("公务接待费完成0.6万元，比上年增加0.5万元。", "value.impossible") == []


def test_comparison_words_against_the_numbers():
    assert only("本年支出12万元，高于上年15万元。", "compare.words").severity == ERROR
    assert findings("本年支出18万元，高于上年15万元。", "compare.words") == []
    assert only("支出100万元，与上年持平，比上年增加5万元。", "compare.words").severity == ERROR


def test_three_public_expenses_above_budget_without_a_reason():
    assert only("公务接待费预算1.00万元，实际支出1.50万元。", "sangong.over_budget").severity == WARNING
    assert (
        findings("公务接待费预算1.00万元，实际支出1.50万元，超支原因是承办省级会议。", "sangong.over_budget")
        == []
    )


def test_staffing_stated_twice_with_two_values():
    text = "一、部门概况\n本单位核定编制47名。\n二、支出情况\n本单位核定编制{n}名。"
    assert only(text.format(n=45), "stock.changed").found == "45名"
    assert findings(text.format(n=47), "stock.changed") == []


def test_score_parts_and_their_full_marks():
    text = "自评得分91.24分，评价等级为“优”。其中：投入14分（满分15分）、过程33.24分（满分40分）、产出24分（满分25分）、效果{e}分（满分20分）。"
    assert findings(text.format(e=20), "score.parts") == []
    finding = only(text.format(e=19), "score.parts")
    assert finding.severity == ERROR and (finding.expected, finding.found) == ("90.24分", "91.24分")


def test_full_marks_written_before_the_score_are_not_parts_of_the_score():
    text = "自评得分91分。其中：投入满分15分，得分14分；过程满分40分，得分36分；产出满分25分，得分23分；效果满分20分，得分18分。"
    assert findings(text, "score.parts") == []


def test_a_rate_is_recomputed_from_the_spending_figure_not_from_a_budget_whose_subject_says_spending():
    """Hunan outline of jixiao's own report: 年初预算 of 基本支出 carries 支出 in its subject but is a
    budget; the rate is 决算 ÷ 调整后预算 (167.62 ÷ 170.4 = 98.4%)."""
    text = "（一）基本支出\n基本支出年初预算164.4万元，调整后预算170.4万元，决算167.62万元，执行率98.4%。\n"
    assert not [f for f in findings(text, "rate.recompute") if f.severity in (ERROR, WARNING)]
    wrong = text.replace("98.4%", "96.5%")
    assert only(wrong, "rate.recompute").severity == ERROR
    assert "167.62万元÷170.4万元" in only(wrong, "rate.recompute").message


def test_a_list_belongs_to_the_total_that_parts_sum_checks_even_five_figures_back():
    """The figure table and parts.sum read 'adds up' alike (the same window of candidate totals and
    the same rounding): 150+70 is the 220 five figures back, not the nearest 结余 of 10."""
    text = "全年支出220万元，年初结转5万元，年末结转6万元，收回7万元，结余10万元，其中基本支出150万元，项目支出70万元。"
    by_value = {str(f.value): f for f in figures(text)}
    total = figures(text).index(by_value["220"])
    assert (by_value["150"].parent, by_value["150"].role) == (total, "执行")
    assert (by_value["70"].parent, by_value["70"].role) == (total, "执行")
    assert not findings(
        "某县某局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + text + "\n", "parts.sum"
    )
