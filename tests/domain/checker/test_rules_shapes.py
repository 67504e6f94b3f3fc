"""Other sentence shapes of the kinds issue 17 names, written here for a department nobody modelled
(a county 妇联): each shape that must fire, and the consistent one beside it that must stay silent."""

import pytest

from jixiao.domain.checker import ERROR, WARNING
from tests.domain.checker.helpers import findings, only

HEAD = "常乐县妇女联合会2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


# count.items: '内设机构4个，分别为…' and 'A、B、C、D、E等4个…'


def test_a_count_introduced_by_fenbiewei_is_held_against_its_list():
    finding = only(HEAD + "内设机构4个，分别为办公室、组织联络部、权益部。\n", "count.items")
    assert finding.severity == ERROR
    assert "说4个，列出的名称有3个" in finding.message


def test_a_complete_list_after_fenbiewei_is_silent():
    assert not fired("内设机构4个，分别为办公室、组织联络部、权益部、宣传部。", "count.items")
    # items of another kind after 分别为 (amounts separated by ;) are no list of names
    assert not fired("涉及2个项目，分别为：妇女培训经费30万元；儿童关爱经费30万元。", "count.items")


def test_more_names_before_deng_than_the_count_is_an_error():
    finding = only(HEAD + "设有办公室、组织联络部、权益部、宣传部、财务室等4个内设机构。\n", "count.items")
    assert "说4个，列出的名称有5个" in finding.message


def test_fewer_names_before_deng_may_stand_for_more_and_stay_silent():
    assert not fired("设有办公室、组织联络部、权益部等4个内设机构。", "count.items")
    assert not fired("设有办公室、组织联络部、权益部、宣传部等4个内设机构。", "count.items")


# claim.rate: an adverb between 均已 and the verb, and 拨付到位


@pytest.mark.parametrize(
    "body",
    [
        "各项目均已按期完成，项目完成率为85%。",
        "资金均已及时拨付到位，资金到位率为95%。",
        "资金已全部拨付到位，资金拨付率为92.5%。",
    ],
)
def test_a_claim_with_an_adverb_is_held_against_the_rate(body):
    finding = only(HEAD + body + "\n", "claim.rate")
    assert finding.severity == WARNING
    assert "并未全部" in finding.message


def test_a_claim_that_the_rate_bears_out_is_silent():
    assert not fired("资金均已及时拨付到位，资金到位率为100%。", "claim.rate")
    assert not fired("各项目均已按期完成，项目完成率为100%。", "claim.rate")


# balance.identity: 可用资金 − 支出 = 结余


def test_available_money_minus_spending_against_the_stated_balance():
    finding = only(
        HEAD + "2023年可用资金合计150万元，全年支出132万元，年末结余16万元。\n", "balance.identity"
    )
    assert "可用资金合计150万元−全年支出132万元=18万元" in finding.message
    assert "相差2万元" in finding.message


def test_a_balance_that_agrees_with_the_available_money_is_silent():
    assert not fired("2023年可用资金合计150万元，全年支出132万元，年末结余18万元。", "balance.identity")
    assert not fired("项目到位资金150万元，已支出132万元，结余18万元。", "balance.identity")


# count.changes: the total at the head of its clause, counts in 项


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("年初确定重点项目8个，年中新增3个，全年共实施项目12个。", "年初8个+3个=11个"),
        ("年初确定重点工作8项，年中新增3项，全年共完成重点工作12项。", "年初8项+3项=11项"),
    ],
)
def test_a_count_that_changed_during_the_year_against_its_total(body, expected):
    finding = only(HEAD + body + "\n", "count.changes")
    assert finding.severity == ERROR
    assert expected in finding.message


def test_counts_that_agree_or_count_other_things_are_silent():
    assert not fired("年初确定重点项目8个，年中新增3个，全年共实施项目11个。", "count.changes")
    assert not fired("年初确定重点项目8个，年中新增培训班3个，全年共实施项目12个。", "count.changes")
    assert not fired("年初计划建设站点8个，新增培训3项，共完成11个。", "count.changes")


# score.list_total: category points listed without 其中


def test_weights_that_do_not_make_the_stated_maximum():
    finding = only(
        HEAD
        + "评价指标体系中，决策类指标20分、过程类指标25分、产出类指标30分、效益类指标20分，满分100分。\n",
        "score.list_total",
    )
    assert finding.severity == ERROR
    assert "20+25+30+20=95分" in finding.message
    assert "满分" in finding.message


def test_scores_that_do_not_make_the_stated_total():
    finding = only(
        HEAD + "项目决策得分19.5分、过程得分18.25分、产出得分38分、效益得分19分，总分93.75分。\n",
        "score.list_total",
    )
    assert "19.5+18.25+38+19=94.75分" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "评价指标体系中，决策类指标20分、过程类指标20分、产出类指标40分、效益类指标20分，满分100分。",
        "决策指标20分，过程指标20分，产出指标40分，效益指标20分，共计100分。",
        # scores are never held against the maximum
        "决策得分18分、过程得分20分、产出得分35分、效益得分19分，满分100分。",
        "项目决策得分19.5分、过程得分18.25分、产出得分38分、效益得分19分，总分94.75分。",
        # two items are no list
        "决策类指标20分、过程类指标20分，满分100分。",
    ],
)
def test_points_that_add_up_or_are_not_comparable_are_silent(body):
    assert not fired(body, "score.list_total")


# yoy: the previous year's figure between the marker and the change word


def test_a_previous_figure_inside_the_comparison_is_held_against_the_change():
    wrong_way = only(HEAD + "2023年三公经费支出3.2万元，比上年2.8万元减少0.4万元。\n", "yoy.direction")
    assert "应为增加" in wrong_way.message
    wrong_amount = only(
        HEAD + "2023年三公经费支出3.25万元，较2022年的2.83万元增加0.52万元。\n", "yoy.arithmetic"
    )
    assert "本年3.25万元−上年2.83万元=0.42万元" in wrong_amount.message


def test_a_previous_figure_inside_a_right_comparison_is_silent():
    for body in (
        "2023年三公经费支出3.2万元，比上年2.8万元增加0.4万元。",
        "三公经费支出3.2万元，较上年的2.8万元有所增加。",
    ):
        assert not fired(body, "yoy.direction") and not fired(body, "yoy.arithmetic")


# budget.difference: '比预算减少/节约/超支X'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("三公经费预算5万元，实际支出4.2万元，比预算减少0.6万元。", "相差0.8万元，报告写减少0.6万元"),
        ("年初预算50万元，全年实际支出48.6万元，较预算节约1.2万元。", "相差1.4万元，报告写节约1.2万元"),
        ("年初预算50万元，全年实际支出48.6万元，较预算超支1.4万元。", "应为减少，报告却写“超支”"),
        ("三公经费预算5万元，实际支出5.2万元，比预算节约0.2万元。", "应为增加，报告却写“节约”"),
    ],
)
def test_a_difference_from_the_budget_against_the_two_figures(body, expected):
    finding = only(HEAD + body + "\n", "budget.difference")
    assert finding.severity == ERROR
    assert expected in finding.message


def test_a_right_difference_from_the_budget_is_silent():
    assert not fired("三公经费预算5万元，实际支出4.2万元，比预算减少0.8万元。", "budget.difference")
    assert not fired("年初预算50万元，全年实际支出48.6万元，较预算节约1.4万元。", "budget.difference")


def test_jieyue_before_an_amount_is_no_approximation():
    from jixiao.domain.checker.api import parse

    saving = [q for q in parse("全年节约0.2万元，约5万元用于培训。").quantities]
    assert [(q.text, q.approx) for q in saving] == [("0.2", False), ("5", True)]


# rate.recompute: the rates of allocating, receiving and paying out money, and shares that name their whole


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("全年下达资金80万元，已拨付72万元，拨付率92%。", "72万元÷80万元=90.00%，报告写92%"),
        ("计划到位资金100万元，实际到位95万元，资金到位率为98%。", "95万元÷100万元=95.00%，报告写98%"),
        ("全年支出200万元，其中人员经费150万元，占总支出的70%。", "150万元÷“全年支出”200万元=75%，报告写70%"),
        ("人员经费150万元，占全年支出200万元的70%。", "150万元÷“全年支出”200万元=75%，报告写70%"),
    ],
)
def test_a_rate_or_share_against_its_amounts(body, expected):
    finding = only(HEAD + body + "\n", "rate.recompute")
    assert finding.severity == ERROR
    assert expected in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "下达资金80万元，实际拨付72万元，资金拨付率为90%。",
        "应发放补贴60万元，实际发放54万元，发放率90%。",
        "全年支出200万元，其中人员经费150万元，占总支出的75%。",
        "人员经费150万元，占全年支出200万元的75%。",
    ],
)
def test_a_rate_or_share_that_agrees_is_silent(body):
    assert [f.message for f in fired(body, "rate.recompute") if f.severity != "info"] == []


# totals followed by their sources or uses, and 'A、B、C等3个项目共计X'


def test_the_sources_of_a_total_must_make_it():
    finding = only(
        HEAD + "项目总投资300万元，资金来源为：中央资金200万元，省级资金50万元，县级配套40万元。\n",
        "parts.sum",
    )
    assert finding.severity == ERROR
    assert "=290万元" in finding.message and "300万元" in finding.message


def test_uses_listed_after_a_total_that_fall_short_are_a_warning():
    finding = only(
        HEAD + "安排资金共计120万元，用于A村道路建设50万元、B村饮水工程40万元、C村文化广场20万元。\n",
        "parts.sum",
    )
    assert finding.severity == WARNING


def test_sources_and_uses_that_add_up_are_silent():
    assert not fired(
        "项目总投资300万元，资金来源为中央资金200万元、省级资金50万元、县级配套50万元。", "parts.sum"
    )
    assert not fired(
        "安排资金共计120万元，用于A村道路建设50万元、B村饮水工程40万元、C村文化广场30万元。", "parts.sum"
    )
    assert not fired("安排资金共计120万元，用于A村道路建设50万元。", "parts.sum")


def test_items_closed_by_deng_n_and_a_total():
    finding = only(
        HEAD + "A村道路建设50万元、B村饮水工程40万元、C村文化广场20万元等3个项目共计120万元。\n", "list.total"
    )
    assert "列举的3项合计110万元（50+40+20）" in finding.message


def test_items_closed_by_deng_with_more_items_than_written_are_silent():
    assert not fired(
        "A村道路建设50万元、B村饮水工程40万元、C村文化广场20万元等5个项目共计120万元。", "list.total"
    )
    assert not fired(
        "A村道路建设50万元、B村饮水工程40万元、C村文化广场30万元等3个项目共计120万元。", "list.total"
    )


# quantity.conflict / stock.changed: one figure stated twice


def test_a_figure_with_and_without_the_evaluated_year_is_one_figure():
    finding = only(
        HEAD + "2023年年初预算208.4万元。\n二、支出情况\n年初预算数为218.4万元。\n", "quantity.conflict"
    )
    assert "前面写208.4万元" in finding.message and "这里写218.4万元" in finding.message


def test_a_figure_of_another_year_is_another_figure():
    assert not fired("2022年年初预算198.4万元。\n二、支出情况\n年初预算数为218.4万元。", "quantity.conflict")


def test_the_same_label_under_two_totals_is_two_figures():
    body = (
        "一批项目批复投资3374.3万元(其中建筑工程3292万元)，二批项目批复投资2069.51万元"
        "(其中建筑工程1975.775万元)。"
    )
    assert not fired(body, "quantity.conflict")


def test_staff_stated_twice_with_two_counts():
    finding = only(HEAD + "在职人员14人。\n二、支出情况\n本单位在职人员15人。\n", "stock.changed")
    assert "前面写14人（一、部门基本情况），这里写15人" in finding.message
    assert not fired("年末在职人员14人。\n二、支出情况\n在职人员15人。", "stock.changed")


def test_staff_introduced_by_gongyou_and_of_the_year_evaluated_is_the_same_stock():
    body = (
        "2023年本单位共有在编人员12人。\n二、人员情况\n本单位在编人员共14人，其中行政编制8人、事业编制6人。"
    )
    assert "前面写12人" in only(HEAD + body + "\n", "stock.changed").message
    assert not fired(body.replace("12人", "14人"), "stock.changed")
    # a count at the year's start and one at its end are two figures
    assert not fired(body.replace("本单位在编人员共", "年末本单位在编人员共"), "stock.changed")


def test_the_opening_balance_stated_twice_with_two_values():
    body = "年初结转和结余8.20万元。\n二、决算情况\n年初结转和结余10.20万元，本年收入100.00万元。"
    finding = only(HEAD + body + "\n", "stock.changed")
    assert "前面写8.20万元" in finding.message and "这里写10.20万元" in finding.message
    assert not fired(body.replace("10.20万元", "8.2万元"), "stock.changed")


# list.numbering_styles: (1)(2), ①②, 一是二是, 第一第二


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "主要措施：（1）加强领导；（2）完善制度；（2）强化监管；（3）开展自评。",
            "段内编号重复：“(2)”之后是“(2)”",
        ),
        ("主要措施：①加强领导；②完善制度；④强化监管。", "段内编号跳号（缺③）"),
        ("主要措施：一是加强领导；二是完善制度；四是强化监管。", "跳号（缺三是）"),
        ("主要措施：第一，加强领导；第二，完善制度；第二，强化监管。", "“第二”之后是“第二”"),
    ],
)
def test_numbers_of_a_list_inside_a_paragraph_in_other_styles(body, expected):
    finding = only(HEAD + body + "\n", "list.numbering_styles")
    assert finding.severity == WARNING
    assert expected in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "主要措施：一是加强领导；二是完善制度；三是强化监管。统一是关键。",
        "依据(1)号文件和(3)号文件。",
        "主要措施：（1）加强领导；（2）完善制度。\n下一步：（1）强化监管；（2）开展自评。",
        "①加强领导；②完善制度；③强化监管。",
    ],
)
def test_numbers_in_order_or_not_a_list_are_silent(body):
    assert not fired(body, "list.numbering_styles")


# table.full_score_missed / table.points_total: the indicator part of a self-evaluation form

FORM = """常乐县妇女联合会2023年度项目支出绩效自评表
项目名称|妇女创业培训
项目资金（万元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分
年度资金总额|50|50|45|10|90%|9
其中：当年财政拨款|50|50|45|-|90%|-
一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分
产出指标|数量指标|培训人次|≥500人次|520人次|{w1}|{w1}
产出指标|质量指标|合格率|≥90%|95%|20|20
效益指标|社会效益|就业率|≥30%|{done}|20|{s3}
满意度指标|服务对象满意度|满意度|≥90%|92%|20|20
总分|||||100|{total}
"""


def test_an_indicator_below_its_target_with_full_points():
    text = FORM.format(w1=30, done="25%", s3=20, total=99)
    finding = only(text, "table.full_score_missed", report_type="auto")
    assert "“就业率”的实际完成值25%没有达到年度指标值≥30%，却得了满分20分" in finding.message
    assert finding.severity == WARNING


def test_an_indicator_below_its_target_with_points_taken_off_or_met_is_silent():
    assert not findings(FORM.format(w1=30, done="25%", s3=16, total=95), "table.full_score_missed")
    assert not findings(FORM.format(w1=30, done="31%", s3=20, total=99), "table.full_score_missed")


def test_the_points_of_the_rows_against_the_total_row():
    finding = only(FORM.format(w1=20, done="31%", s3=20, total=89), "table.points_total")
    assert "各行分值之和为80分，连同资金执行行10分为90分，与“总分”行的100分不符" in finding.message
    assert finding.severity == ERROR


def test_rows_that_make_the_total_row_are_silent():
    assert not findings(FORM.format(w1=30, done="31%", s3=20, total=99), "table.points_total")


# parts.sum '分3批下达'; budget.difference '节约资金'; average.recompute '平均每期'


def test_batches_of_a_total_said_to_be_all_of_it():
    finding = only(
        HEAD + "全年资金总额100万元，分3批下达，第一批40万元，第二批30万元，第三批20万元。\n", "parts.sum"
    )
    assert finding.severity == ERROR
    assert "各批之和与合计不符：第一批40万元+第二批30万元+第三批20万元=90万元" in finding.message
    assert not fired(
        "全年资金总额100万元，分3批下达：第一批40万元，第二批30万元，第三批30万元。", "parts.sum"
    )
    # four batches said, three listed: the list may go on, so only a warning
    assert (
        only(
            HEAD + "全年资金总额100万元，分4批下达，第一批40万元，第二批30万元，第三批20万元。\n", "parts.sum"
        ).severity
        == WARNING
    )


def test_a_saving_against_the_budget_and_the_actual_spending():
    finding = only(HEAD + "政府采购预算50万元，实际采购48万元，节约资金2.5万元。\n", "budget.difference")
    assert "相差2万元，报告写节约2.5万元" in finding.message
    assert not fired("政府采购预算50万元，实际采购48万元，节约资金2万元，节约率4%。", "budget.difference")


def test_an_average_against_its_total_and_count():
    finding = only(
        HEAD + "全年共开展培训12期，培训妇女1200人次，平均每期培训120人次。\n", "average.recompute"
    )
    assert "1200人次÷12期=100人次" in finding.message
    for body in (
        "全年共开展培训12期，培训妇女1200人次，平均每期培训100人次。",
        "全年共开展培训12期，培训妇女1250人次，平均每期培训104人次。",
        "发放补助资金36万元，惠及120户，平均每户3000元。",
    ):
        assert not fired(body, "average.recompute")


def test_works_with_quantities_before_a_count_are_no_list_of_names():
    body = "村道项目铺设水泥路3公里、新建4个过水涵洞及附属设施、硬化场地200平方米。"
    assert not fired(body, "count.items")
    # a real list of names before its count is still counted
    assert only(HEAD + "妇联、团委、科协共两个群团组织参加。\n", "count.items").severity == ERROR


# breakdown.groupings: one total grouped two ways


GROUPINGS = (
    "本年支出合计230.1万元。按支出经济分类：工资福利支出150万元，商品和服务支出60万元，对个人和家庭的补助20.1万元。"
    "按支出功能分类：一般公共服务支出{a}万元，社会保障和就业支出25万元，卫生健康支出5万元。"
)


def test_two_groupings_of_one_total_must_add_up_alike():
    finding = only(HEAD + GROUPINGS.format(a=201) + "\n", "breakdown.groupings")
    assert finding.severity == ERROR
    assert "“按支出功能分类”各项之和231万元（201+25+5）" in finding.message


def test_groupings_that_add_up_alike_are_silent():
    assert not fired(GROUPINGS.format(a="200.1"), "breakdown.groupings")


# score.grade: the grade stated with a total score


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("经综合评价，该项目得分85分，评价等级为“优”。", "应评为“良”"),
        ("经综合评价，该项目得分95分，评价等级为“良”。", "应评为“优”"),
        ("自评得分为88.5分，等级为优秀。", "应评为“良”"),
    ],
)
def test_a_grade_that_does_not_follow_from_the_score(body, expected):
    finding = only(HEAD + body + "\n", "score.grade")
    assert finding.severity == WARNING
    assert expected in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "自评得分为90分，等级为优秀。",
        "上年得分85分，等级为良。本年自评得分92分，评价等级为优。",
        "项目得分85分，评价结果为良好。",
        "项目得分59.5分，评价等级为差。",
    ],
)
def test_a_grade_that_follows_from_the_score_is_silent(body):
    assert not fired(body, "score.grade")


# table.prose_conflict: the form's fund row against the prose

FORM_AND_PROSE = """常乐县妇女联合会2023年度妇女创业培训项目支出绩效自评报告
一、项目基本情况
2023年项目全年预算50万元，全年执行45万元，预算执行率90%。
二、绩效自评表
项目资金（万元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分
年度资金总额|50|{budget}|45|10|{rate}|{score}
三、存在的问题
无。
"""


def test_the_forms_fund_row_against_the_prose():
    finding = only(
        FORM_AND_PROSE.format(budget=52, rate="86.5%", score="8.65"),
        "table.prose_conflict",
        report_type="auto",
    )
    assert "全年预算数为52万元，正文写全年预算50万元（一、项目基本情况）" in finding.message


def test_a_fund_row_that_agrees_with_the_prose_is_silent():
    assert not findings(
        FORM_AND_PROSE.format(budget=50, rate="90%", score="9"), "table.prose_conflict", report_type="auto"
    )


# rate.conflict: a whole-body rate stated twice


def test_a_whole_body_rate_stated_twice_with_two_values():
    body = "2023年预算执行率为97.8%。\n二、支出情况\n全年预算216.4万元，支出211.71万元，预算执行率为97.5%。\n"
    finding = only(HEAD + body, "rate.conflict")
    assert "“预算执行率”前后不一致：前面写97.8%（一、部门基本情况），这里写97.5%" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "2022年预算执行率为95.1%。\n二、支出情况\n2023年预算执行率为97.8%。",
        "中央资金完成636.75万元，预算执行率81.97%；省级资金完成288.26万元，预算执行率99.28%。",
        "本年支出合计610万元，预算执行率97.10%。项目支出480万元，项目预算执行率96.29%。",
    ],
)
def test_rates_of_other_years_or_of_parts_are_silent(body):
    assert not fired(body, "rate.conflict")


# list.total_before: the total first, then its items, no 其中


@pytest.mark.parametrize(
    ("body", "severity", "expected"),
    [
        (
            "2023年共下达资金100万元，A村道路项目40万元，B村饮水项目30万元，C村广场项目20万元。",
            WARNING,
            "少10万元",
        ),
        (
            "2023年共下达资金100万元，A村道路项目40万元，B村饮水项目30万元，C村广场项目40万元。",
            ERROR,
            "多10万元",
        ),
        ("全年共支出100万元：A村道路项目40万元，B村饮水项目30万元，C村广场项目20万元。", ERROR, "少10万元"),
    ],
)
def test_items_after_their_total(body, severity, expected):
    finding = only(HEAD + body + "\n", "list.total_before")
    assert finding.severity == severity
    assert expected in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "2023年共下达资金100万元，A村道路项目40万元，B村饮水项目30万元，C村广场项目30万元。",
        # 一般公共服务支出 is no total: its 共 belongs to 公共
        "按功能分类，一般公共支出75.76万元，社会保障和就业支出4.21万元，卫生健康支出2.11万元。",
        # the sentence goes on: the amounts are not all items of the total
        "共下达资金100万元，A项目40万元，B项目30万元，已全部拨付到位。",
    ],
)
def test_items_that_make_their_total_or_are_no_list_are_silent(body):
    assert not fired(body, "list.total_before")


def test_groupings_written_with_qi_goucheng_wei():
    body = (
        "按功能分类其构成为一般公共服务支出75.76万元，社会保障和就业支出36.46万元；"
        "按经济分类其构成为工资福利支出29.99万元，商品和服务支出80.62万元，对个人和家庭的补助2.61万元。"
    )
    finding = only(HEAD + body + "\n", "breakdown.groupings")
    assert (
        "“按功能分类”各项之和112.22万元" in finding.message
        and "“按经济分类”各项之和113.22万元" in finding.message
    )


# count.completion: planned and actual counts against the completion rate or a claim


def test_a_completion_rate_against_the_counts():
    finding = only(HEAD + "计划培训10期，实际完成8期，完成率为100%。\n", "count.completion")
    assert finding.severity == ERROR
    assert "实际8期÷计划10期=80%，报告写100%" in finding.message


def test_a_claim_of_full_completion_against_the_counts():
    finding = only(HEAD + "计划培训10期，实际完成8期，全面完成年度目标任务。\n", "count.completion")
    assert finding.severity == WARNING


@pytest.mark.parametrize(
    "body",
    [
        "计划培训10期，实际完成8期，完成率为80%。",
        "计划新建站点12个，实际建成12个，完成率100%。",
        "年度目标培训1000人次，实际培训1200人次，完成率120%。",
        "年度目标培训1000人次，实际培训1200人次，完成率100%。",
        "计划培训3期，实际完成2期，完成率66.7%。",
    ],
)
def test_counts_that_agree_with_the_rate_are_silent(body):
    assert not fired(body, "count.completion")


# count.conflict: an output count stated twice


def test_an_output_count_stated_twice_with_two_values():
    body = "全年开展妇女创业培训12期，培训妇女1200人次。\n二、绩效情况\n开展妇女创业培训12期，培训妇女1250人次。\n"
    finding = only(HEAD + body, "count.conflict")
    assert "“培训妇女”前后不一致：前面写1200人次（一、部门基本情况），这里写1250人次" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        # one field repeated for each project, in one part of the report
        "“科普大篷车”设置关键节点3个，开展督查2次。\n“科普日”设置关键节点2个，开展督查1次。\n“创新大赛”设置关键节点2个。",
        # a plan and what was done
        "计划培训妇女1000人次。\n二、绩效情况\n培训妇女1250人次。",
        # a scoring rule's threshold is no statement
        "预算执行率为97.8%。\n二、评分\n| 预算执行率 | 预算执行率达到100%得3分 |",
    ],
)
def test_counts_of_other_things_and_thresholds_are_silent(body):
    assert not fired(body, "count.conflict")
    assert not fired(body, "rate.conflict")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("重点项目支出38万元，项目支出44万元，重点支出安排率为90%。", "38万元÷44万元=86.36%，报告写90%"),
        (
            "全年预算216.4万元，年末结转结余4.69万元，结转结余率为3.2%。",
            "4.69万元÷216.4万元=2.17%，报告写3.2%",
        ),
    ],
)
def test_the_key_spending_and_balance_rates_of_the_scoring_table(body, expected):
    finding = only(HEAD + body + "\n", "rate.recompute")
    assert finding.severity == ERROR and expected in finding.message


def test_the_key_spending_and_balance_rates_that_agree_are_silent():
    for body in (
        "重点项目支出38万元，项目支出44万元，重点支出安排率为86.4%。",
        "全年预算216.4万元，年末结转结余4.69万元，结转结余率为2.2%。",
        # 预算调整率 counts every 追加, 调减 and 调剂: it is not the net change of the budget
        "年初预算208.4万元，调整后预算216.4万元，预算调整率为5.8%。",
    ):
        assert [f for f in fired(body, "rate.recompute") if f.severity == ERROR] == []


def test_the_staff_control_rate_against_the_counts():
    finding = only(
        HEAD + "在职人员编制15人，实有在职人员14人，在职人员控制率为92.3%。\n", "staff.control_rate"
    )
    assert "在职14人÷编制15人=93.3%，报告写92.3%" in finding.message
    assert not fired("核定编制15名，年末在职人员14人，在职人员控制率为93.3%。", "staff.control_rate")
    assert not fired("核定编制15名，年末在职人员14人，在职人员控制率为93.3%。", "rate.recompute")


# false errors found on report openings nobody annotated (helper errscan): each cause, in other words


def test_a_count_inside_a_closed_aside_is_no_total_of_the_list_after_it():
    body = "全县共安排项目40个(其中3个用于配套),其中36个项目已完工,4个项目实施中。"
    assert [f for f in fired(body, "parts.sum") if f.severity == ERROR] == []


def test_a_rate_after_a_bracketed_breakdown_is_not_divided_by_the_brackets_last_item():
    body = "全年预算数500万元,执行数480(含中央资金300万元,地方资金170万元,其他资金10万元),执行率96%。"
    assert [f for f in fired(body, "rate.recompute") if f.severity == ERROR] == []


# a self-evaluation form flattened with its first empty cell lost (the shape of a county school's
# published form; names and amounts changed)
SHIFTED_FORM = """2022年度项目支出绩效自评表 | 部门:常乐县实验小学 |
|
|
|
|
| 公开14表 | 项目名称 | 学生营养餐专项资金 | 主管部门 | 常乐县教育局 | 实施单位 | 常乐县实验小学 | 项目资金 (元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |
| 285000.5 | 285000.5 | 10 | 100% | 10 | 其中:当年财政 拨款 |
| 285000.5 | 285000.5 | — |
| — | 上年结转 资金 |
|
|
| — |
| — | 其他资金 | — | — | — | — |
| — | 年度 总体 目标 | 预期目标 | 实际完成情况 | 确保每一个学生都能享受到国家政策福利,改善学生体质 | 确保每一个学生都能享受到国家政策福利,改善学生体质 | 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 学生受资助人数 | ≧ | 735 | 人次 | 735 | 10 | 10 |
| 质量指标 | 营养改善计划覆盖率 | ≧ | 100 | % | 100% | 10 | 10 |
| 时效指标 | 资金到位及时率 | ≧ | 100 | % | 100% | 10 | 7 |
| 成本指标 | 生均补助标准达标率 | ═ | 100 | % | 100% | 10 | 10 |
| 效益指标 | 经济效益 指标 | 减轻贫困学生家庭经济负担 |
| 有效 |
| 有效 | 10 | 10 |
| 社会效益 指标 | 政策知晓率 | ═ | 100 | % | 98% | 10 | 9 |
| 生态效益 指标 |
|
|
|
|
|
"""


def test_a_form_row_without_label_and_with_a_cell_lost_is_not_recomputed():
    assert [
        f for f in findings(SHIFTED_FORM, "score.recompute", report_type="auto") if f.severity == ERROR
    ] == []


def test_figures_of_paragraphs_about_different_counties_are_different_figures():
    body = (
        "全市基础养老金预算4.99亿元。\n"
        "青阳县基础养老金实际支出239.53万元，超出预算金额1.19万元。\n"
        "石台县基础养老金实际支出93.34万元，超出预算金额3.34万元。"
    )
    assert not fired(body, "quantity.conflict")
    # the same county's figure stated twice is still a conflict
    again = "青阳县基础养老金实际支出239.53万元。\n二、绩效情况\n青阳县基础养老金实际支出293.53万元。"
    assert len(fired(again, "quantity.conflict")) == 1


def test_a_full_stop_inside_a_unit_per_student_and_year_is_no_sentence_end():
    assert not fired("小学人均补助标准为720元/生.年，初中为940元/生.年。", "punct.marks")
    assert len(fired("本单位按时开展自评.财政重点评价中也按规定配合。", "punct.marks")) == 1


# claim.none: '无结余', '未发生三公经费' against the figures


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("项目资金已全部使用完毕，无结余。全年预算50万元，实际支出45万元，结余5万元。", "写结余5万元"),
        ("本年度未发生“三公”经费支出。\n二、支出情况\n公务接待费1.2万元。", "写公务接待费1.2万元"),
    ],
)
def test_a_claim_of_none_against_a_figure_above_zero(body, expected):
    finding = only(HEAD + body + "\n", "claim.none")
    assert finding.severity == WARNING and expected in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "项目资金已全部使用完毕，无结余。全年预算50万元，实际支出50万元。",
        "本年度未发生“三公”经费支出。\n二、支出情况\n公务接待费预算1.2万元，实际支出0万元。",
        "| 资金结余 | 无结余得3分；结余不超过上年结转得2分 | 3 | 0 |\n年末结转结余4.69万元。",
    ],
)
def test_a_claim_of_none_that_holds_or_a_scoring_rule_is_silent(body):
    assert not fired(body, "claim.none")


def test_a_balance_against_the_full_year_budget_and_the_spending():
    finding = only(
        HEAD + "全年预算50万元，实际支出50万元，预算执行率100%，资金结余3万元。\n", "balance.identity"
    )
    assert "全年预算50万元−实际支出50万元=0万元" in finding.message
    assert not fired("全年预算216.4万元，支出211.71万元，年末结转结余4.69万元。", "balance.identity")


def test_a_change_that_fits_the_head_total_of_the_sentence_is_no_error():
    body = (
        "事业运行经费总预算安排3733.74万元，其中：基本支出预算48.82万元，\n项目支出预算3684.92万元，"
        "同比增加2712.52万元，增长265.6%。"
    )
    assert [f for f in fired(body, "yoy.arithmetic") if f.severity == ERROR] == []
    wrong = body.replace("265.6%", "215.6%")
    assert [f.severity for f in fired(wrong, "yoy.arithmetic")] == [ERROR]


# false warnings found on a second set of openings nobody annotated (helper errscan2), in other words


def test_income_and_spending_of_one_budget_are_two_quantities():
    body = "全县一般公共预算收入预计完成8.1亿元。\n二、支出情况\n全县一般公共预算支出预计完成41.1亿元。"
    assert not fired(body, "quantity.conflict")


def test_the_base_of_a_share_is_neither_a_part_nor_a_second_value():
    body = (
        "一般公共预算收入3.77亿元，其中：税收收入2.24亿元，为全年预算3.30亿元的67.8%；"
        "非税收入1.53亿元，为全年预算1.39亿元的110.2%。\n二、收入情况\n全年预算4.69亿元。"
    )
    assert not fired(body, "quantity.conflict")
    assert not fired(body, "parts.sum")


def test_a_rate_per_person_and_a_figure_beside_the_list_are_no_parts():
    assert not fired("计划使用资金45万元，其中工资3万元每年每人，保险费共3万元。", "parts.sum")
    assert not fired(
        "教职工总人数84人，其中在职在编人员77人，特岗人员6人，三支一扶1人，另外退休教师81人。", "parts.sum"
    )


# change.rate: this year's and last year's figures against the stated change


@pytest.mark.parametrize(
    "body",
    [
        "2023年三公经费支出32.05万元，2022年三公经费支出36.12万元，三公经费变动率为-8%。",
        "2023年三公经费支出32.05万元，上年36.12万元，下降8%。",
        "2023年三公经费支出32.05万元，上年36.12万元，增长8%。",
    ],
)
def test_a_change_rate_against_the_two_years(body):
    finding = only(HEAD + body + "\n", "change.rate")
    assert finding.severity == ERROR and "=-11%" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        "三公经费本年支出32.05万元，上年支出36.12万元，变动率为-11.27%。",
        "2023年三公经费支出32.05万元，上年36.12万元，下降11.3%。",
        "2023年三公经费支出3.2万元，上年3.6万元，下降8%。",  # within the rounding of one decimal
    ],
)
def test_a_change_rate_that_the_two_years_bear_out_is_silent(body):
    assert not fired(body, "change.rate")


def test_a_change_stated_as_an_amount_is_left_to_the_year_on_year_rule():
    body = (
        "其中:税收收入8103万元,比上年增收1284万元,增长18.8%;非税收入16524万元,比上年减收2354万元,下降12.5%。"
    )
    assert not fired(body, "change.rate")


# parts.sum: '具体为…' lists the whole of the total, item by item


def test_an_itemised_list_after_jutiwei_must_make_its_total():
    finding = only(
        HEAD
        + "项目资金共计50万元，具体为：维权服务18万元，创业培训15万元，家庭教育指导10万元，春蕾助学3万元。\n",
        "parts.sum",
    )
    assert finding.severity == ERROR
    assert "=46万元" in finding.message and "50万元" in finding.message


def test_an_itemised_list_that_makes_its_total_is_silent():
    body = "项目资金共计50万元，具体为：维权服务18万元，创业培训15万元，家庭教育指导14万元，春蕾助学3万元。"
    assert not [f for f in fired(body, "parts.sum") if f.severity in (ERROR, WARNING)]


# score.list_total: points in brackets after each name, and weight/score pairs


def test_bracketed_points_of_an_indicator_system_against_its_total():
    finding = only(
        HEAD + "指标体系由投入(20分)、过程(20分)、产出(30分)、效益(20分)四个一级指标构成，总分100分。\n",
        "score.list_total",
    )
    assert "20+20+30+20=90分" in finding.message


def test_bracketed_points_that_make_the_total_are_silent():
    body = "指标体系由投入(20分)、过程(20分)、产出(40分)、效益(20分)四个一级指标构成，总分100分。"
    assert not fired(body, "score.list_total")


def test_scores_of_weight_and_score_pairs_against_the_overall_score():
    body = (
        "产出指标权重40分，得分36分；效益指标权重30分，得分28分；投入和过程指标权重30分，得分30分；"
        "综合得分92分，评价等级为“优”。"
    )
    finding = only(HEAD + body + "\n", "score.list_total")
    assert "3项得分之和36+28+30=94分" in finding.message and "92分" in finding.message
    assert not fired(body.replace("得分28分", "得分26分"), "score.list_total")


def test_weights_of_weight_and_score_pairs_against_the_maximum():
    body = "产出指标权重40分，得分36分；效益指标权重30分，得分26分；投入和过程指标权重40分，得分30分；满分100分。"
    finding = only(HEAD + body + "\n", "score.list_total")
    assert "3项分值之和40+30+40=110分" in finding.message
    assert not fired(body.replace("过程指标权重40分", "过程指标权重30分"), "score.list_total")


# change.direction: the two years' amounts against a change stated without a figure


def test_a_bare_increase_against_two_amounts_that_fell_is_an_error():
    body = "2023年部门支出120万元，2022年部门支出150万元，支出比上年有所增加。"
    finding = only(HEAD + body + "\n", "change.direction")
    assert finding.severity == ERROR and "本年120万元，上年150万元，减少了" in finding.message
    assert not fired(body.replace("有所增加", "有所减少"), "change.direction")


def test_a_bare_decrease_of_a_figure_that_rose_is_an_error_and_a_verb_alone_is_silent():
    assert only(HEAD + "三公经费1.8万元，上年1.1万元，比上年下降。\n", "change.direction")
    assert not fired("三公经费1.8万元，上年1.1万元，增加接待任务。", "change.direction")


# rate.recompute: a share of a whole the sentence names after it; balance with 执行数 and 结余资金


def test_shares_of_a_total_named_after_them_are_checked_against_that_total():
    body = "2023年基本支出112.5万元，占总支出的75.9%；项目支出35.7万元，占总支出的24.1%，总支出148.2万元。"
    assert not fired(body, "rate.recompute")  # 基本支出 is the sibling of 项目支出, not its whole
    wrong = body.replace("75.9%", "70.9%").replace("24.1%", "29.1%")
    messages = [f.message for f in fired(wrong, "rate.recompute")]
    assert any("÷“总支出”148.2万元=75.9%" in m for m in messages)
    assert any("35.7万元÷“总支出”148.2万元=24.1%" in m for m in messages)


def test_a_balance_after_the_budget_and_the_amount_spent():
    body = "本年度全年预算数152.36万元，全年执行数148.20万元，结余资金5.16万元。"
    assert "=4.16万元" in only(HEAD + body + "\n", "balance.identity").message
    assert not fired(body.replace("5.16万元", "4.16万元"), "balance.identity")


# count.completion: quoted names between the plan and its count; a claim after a consistent rate


def test_a_completion_rate_of_a_quoted_programme_is_recomputed():
    body = "计划完成“两癌”筛查3000人，实际完成2850人，完成率为96%。"
    assert "2850人÷计划3000人=95%" in only(HEAD + body + "\n", "count.completion").message
    assert not fired(body.replace("96%", "95%"), "count.completion")


def test_full_completion_claimed_after_a_rate_below_the_plan():
    body = "计划完成“两癌”筛查3000人，实际完成2850人，完成率95%，全面完成年度目标任务。"
    assert only(HEAD + body + "\n", "count.completion").severity == WARNING
    assert not fired(body.replace("2850人，完成率95%", "3000人，完成率100%"), "count.completion")


# the indicator part of a self-evaluation form flattened one cell a line

VERTICAL_FORM = "\n".join(
    [
        "项目支出绩效自评表", "项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "30", "30", "27", "10", "90%", "9",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "产出指标", "数量指标", "培训人次", "500人次", "520人次", "20", "20",
        "质量指标", "培训合格率", "≥90%", "{passed}", "20", "{points}",
        "时效指标", "按时完成率", "100%", "100%", "10", "10",
        "效益指标", "社会效益指标", "带动就业人数", "≥50人", "60人", "30", "30",
        "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "10", "10",
        "总分", "100", "{total}",
    ]
)  # fmt: skip


def test_a_missed_target_with_full_points_in_a_form_one_cell_a_line():
    text = VERTICAL_FORM.format(passed="85%", points="20", total="99") + "\n"
    finding = only(text, "table.full_score_missed", report_type="auto")
    assert "“培训合格率”的实际完成值85%没有达到年度指标值≥90%" in finding.message
    consistent = VERTICAL_FORM.format(passed="92%", points="20", total="99") + "\n"
    assert findings(consistent, "table.full_score_missed", report_type="auto") == []
    assert findings(consistent, "table.points_total", report_type="auto") == []


def test_scores_of_a_form_one_cell_a_line_against_its_total_row():
    text = VERTICAL_FORM.format(passed="85%", points="15", total="99") + "\n"
    finding = only(text, "table.points_total", report_type="auto")
    assert "连同资金执行行9分为94分" in finding.message and "99分" in finding.message


def test_a_missed_target_with_full_points_in_a_form_of_space_separated_rows():
    rows = [
        "项目支出绩效自评表",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 培训人次 500人次 520人次 20 20",
        " 质量指标 培训合格率 ≥90% {passed} 20 20",
        "总分 100 99",
    ]
    text = "\n".join(rows) + "\n"
    finding = only(text.format(passed="85%"), "table.full_score_missed", report_type="auto")
    assert "实际完成值85%没有达到年度指标值≥90%" in finding.message
    assert findings(text.format(passed="91%"), "table.full_score_missed", report_type="auto") == []


# the categories of a score table: rows that lost their merged first cell, the 合计 row, the prose

SCORE_TABLE = (
    "本次评价设决策、过程、产出、效益四类一级指标，其中决策指标15分、过程指标{process}分、产出指标35分、效益指标30分。\n"
    "一级指标 | 二级指标 | 分值 | 得分\n"
    "决策(15分) | 项目立项 | 5 | 5\n | 绩效目标 | 5 | 4\n | 资金投入 | 5 | 5\n"
    "过程(20分) | 资金管理 | 10 | 9\n | 组织实施 | 10 | 10\n"
    "产出(35分) | 产出数量 | 15 | 15\n | 产出质量 | 10 | 10\n | 产出时效 | 10 | 9\n"
    "效益(30分) | 社会效益 | 20 | 18\n | 满意度 | 10 | 9\n"
    "合计 | | 100 | 94\n"
)


def test_a_score_table_with_merged_category_cells_adds_up_by_category():
    assert not fired(SCORE_TABLE.format(process=20), "table.categories")
    wrong = SCORE_TABLE.format(process=20).replace(" | 组织实施 | 10 | 10", " | 组织实施 | 15 | 10")
    assert "10+15=25分" in only(HEAD + wrong, "table.categories").message


def test_the_weight_of_a_category_in_prose_against_the_score_table():
    finding = only(HEAD + SCORE_TABLE.format(process=25), "table.prose_points")
    assert "“过程指标25分”，评分表中这一类标20分" in finding.message
    assert not fired(SCORE_TABLE.format(process=20), "table.prose_points")


def test_a_grade_goes_with_the_last_score_before_it():
    body = (
        "决策指标得分14分，过程指标得分19分，产出指标得分34分，效益指标得分27分，综合得分94分，等级为“优”。"
    )
    assert not fired(body, "score.grade")
    assert fired(body.replace("94分", "84分").replace("34分", "24分"), "score.grade")


def test_whole_scores_after_a_total_and_its_qizhong_are_exact():
    body = "该项目综合得分92分，其中：决策指标14分，过程指标19分，产出指标34分，效益指标27分。"
    assert "14+19+34+27=94分" in only(HEAD + body + "\n", "score.parts").message
    assert not fired(body.replace("92分", "94分"), "score.parts")


# budget.adjustment: 年初预算 + 追加 − 调减 = 调整后预算; a share of a whole named later in the paragraph


def test_the_budget_after_the_years_changes_is_the_initial_one_plus_and_minus_them():
    body = "年初预算186.2万元，年中追加23.6万元，调整后预算211.8万元，决算支出205.4万元。"
    finding = only(HEAD + body + "\n", "budget.adjustment")
    assert finding.severity == ERROR and "=209.8万元" in finding.message and "211.8万元" in finding.message
    assert not fired(body.replace("211.8万元", "209.8万元"), "budget.adjustment")
    reduced = "年初预算数为100万元，本年追加预算20万元，调减5万元，全年预算数{n}万元。"
    assert fired(reduced.format(n=125), "budget.adjustment")
    assert not fired(reduced.format(n=115), "budget.adjustment")


def test_a_change_the_words_do_not_name_leaves_the_budget_unchecked():
    body = "年初预算140万元(基本支出100万元、项目支出40万元),经核批继续使用1.5万元,年中追加20万元,全年预算161.5万元。"
    assert not fired(body, "budget.adjustment")


def test_a_share_of_a_whole_stated_in_the_next_sentence():
    body = "本年度人员经费支出98.5万元，占基本支出的{p}%；公用经费支出41.8万元，占基本支出的29.8%。基本支出140.3万元。"
    assert "÷“基本支出”140.3万元=70.2%" in only(HEAD + body.format(p="72.2") + "\n", "rate.recompute").message
    assert not fired(body.format(p="70.2"), "rate.recompute")


def test_the_whole_bodys_spending_under_two_labels_is_one_figure():
    body = (
        "2023年度部门整体支出决算数为152.36万元。\n二、部门整体支出情况\n2023年度本部门决算支出合计{n}万元。"
    )
    finding = only(HEAD + body.format(n="155.36") + "\n", "quantity.conflict")
    assert "前面写152.36万元" in finding.message and "155.36万元" in finding.message
    assert not fired(body.format(n="152.36"), "quantity.conflict")
    # a narrower spending is another figure
    assert not fired(
        "2023年度部门整体支出决算数为152.36万元。\n二、支出\n基本支出120.00万元。", "quantity.conflict"
    )


def test_a_change_that_fits_only_a_sibling_figure_is_still_an_error():
    """'基本支出164.4万元…；项目支出44万元，比上年减少7万元，下降4.1%': 7÷(164.4+7) happens to be 4.1%,
    but 基本支出 is a sibling, not the head total the change could be said of."""
    body = (
        "年初预算合计208.4万元，其中：基本支出年初预算164.4万元，比上年增加31.01万元，增长23.3%；"
        "项目支出年初预算44万元，比上年减少7万元，下降{p}%。"
    )
    assert not [f for f in fired(body.format(p="13.7"), "yoy.arithmetic") if f.severity == ERROR]
    assert [f for f in fired(body.format(p="4.1"), "yoy.arithmetic") if f.severity == ERROR]


# template.leftover: blanks left for figures, instructions of the template


def test_blanks_left_for_figures_are_a_template_left_unfilled():
    finding = fired("2023年度预算执行率为……%，较上年提高……个百分点。", "template.leftover")
    assert [f.found for f in finding] == ["……%", "……个百分点"]
    assert [f.found for f in fired("评价得分:____分,评价等级:______。", "template.leftover")] == [
        "____分",
        "______",
    ]
    assert not fired("2023年度预算执行率为96.5%……详见附表。", "template.leftover")


def test_an_instruction_of_the_template_left_in_the_text():
    assert fired("(此部分主要填写部门基本情况,包括职能、机构设置、人员编制等)", "template.leftover")


def test_a_projects_execution_rate_against_its_project_funds():
    body = "项目资金共80万元，实际支出72万元，结余8万元，资金执行率为{p}%。"
    assert "72万元÷80万元=90.00%" in only(HEAD + body.format(p=92) + "\n", "rate.recompute").message
    assert not [f for f in fired(body.format(p=90), "rate.recompute") if f.severity in (ERROR, WARNING)]
