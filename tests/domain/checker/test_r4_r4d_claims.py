"""Claims of a thing done in full (已全额支付, 已足额兑现, 均已全部到位, 均已按期完成) held against evidence
far from them: a 支付比例 of another section, a pair of an abbreviated subject, money paid to the payee
the claim names, the items told before a '上述' claim, and a grid whose last column is the act's rate.
Our own wording; each shape has a look-alike that must stay silent."""

from tests.domain.checker.helpers import findings

HEAD = "青河县农业农村局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body):
    return findings(HEAD + body + "\n", "claim.rate")


def test_a_payment_share_named_bili_in_another_section_tells_a_full_payment_claim_wrong():
    paid = "二、资金情况\n（三）运维费支付。合同约定年度运维费860.00万元，已支付{}万元，支付比例{}%。\n"
    said = "三、项目管理\n专班按月巡查，运维费已按考核结果全额支付。\n"
    (finding,) = fired(paid.format("774.00", "90.00") + said)
    assert "支付比例为90.00%" in finding.message
    assert not fired(paid.format("860.00", "100.00") + said)
    # the share of another subject says nothing of the 运维费
    other = "二、资金情况\n（三）保洁合同。合同约定年度保洁费860.00万元，已支付774.00万元，支付比例90.00%。\n"
    assert not fired(other + said)
    # 到位比例 in a line of its own, the claim in the conclusion
    arrive = "二、资金情况\n配套资金到位比例为{}%。\n四、评价结论\n配套资金已全部到位。\n"
    assert fired(arrive.format("92.50"))
    assert not fired(arrive.format("100.00"))


def test_a_short_subject_is_read_as_the_abbreviation_of_its_full_name():
    pair = (
        "二、重点项目\n（一）耕地地力保护补助奖励。全县应发放补助奖励资金860.00万元，年内实际发放{}万元。\n"
    )
    said = "三、主要做法\n一是坚持一卡通发放，补奖资金已足额兑现到户。\n"
    (finding,) = fired(pair.format("817.00") + said)
    assert "817.00÷860.00=95.00%" in finding.message
    assert not fired(pair.format("860.00") + said)
    # 兑现 as the pair's own verb, the claim before the pair
    cash = "一、概况\n惠农补贴已全部兑现。\n二、资金情况\n惠农补贴资金应兑现500.00万元，实际兑现{}万元。\n"
    assert fired(cash.format("480.00"))
    assert not fired(cash.format("500.00"))


def test_money_handed_to_the_payee_the_claim_names_is_money_paid():
    pair = "二、资金拨付\n上级下达儿童先心病筛查补助资金48.00万元，年内支付{}万元，余款待结算后支付。\n"
    said = "三、效益\n儿童先心病筛查补助已全部拨付定点医院，筛查工作平稳有序。\n"
    (finding,) = fired(pair.format("43.20") + said)
    assert "43.20÷48.00=90.00%" in finding.message
    assert not fired(pair.format("48.00") + said)
    # with no payee named, money paid out is not money transferred
    assert not fired(pair.format("43.20") + said.replace("拨付定点医院", "拨付到位"))


def test_a_claim_of_the_items_above_is_held_against_each_of_them():
    items = (
        "三、重点项目实施情况\n（一）农村饮水安全巩固。下达资金1,200.00万元，实际到位{}万元。\n"
        "（二）高标准农田建设。新建高标准农田2.1万亩。\n"
        "上述重点项目资金均已全部到位，未出现挤占挪用。\n"
    )
    (finding,) = fired(items.format("1,140.00"))
    assert "1140.00÷1200.00=95.00%" in finding.message
    assert not fired(items.format("1,200.00"))
    listed = (
        "二、资金发放\n耕地保护补贴应发放640.00万元，实际发放{}万元；种粮补贴已发放210.00万元。"
        "以上各项补贴均已足额发放到户。\n"
    )
    assert fired(listed.format("608.00"))
    assert not fired(listed.format("640.00"))
    # without 上述 the claim is of its own subject, not of the items before it
    assert not fired(items.format("1,140.00").replace("上述重点项目资金", "农业保险保费补贴"))


def test_a_grid_with_the_act_rate_as_its_last_column_tells_a_claim_wrong():
    grid = (
        "二、补贴资金情况\n表2 2023年农机购置补贴资金兑付情况（单位：万元）\n"
        "补贴类别|应兑付金额|实兑付金额|兑付率\n"
        "粮食生产机械|420.00|399.00|{}%\n"
        "合计|420.00|399.00|{}%\n"
        "三、总体评价\n全年各类农机购置补贴资金均已及时足额兑付。\n"
    )
    (finding,) = fired(grid.format("95.00", "95.00"))
    assert "“合计”一行兑付率为95.00%" in finding.message
    assert not fired(grid.format("100.00", "100.00").replace("399.00", "420.00"))
    # a grid of another subject, not pointed at, is not the claim's
    assert not fired(grid.format("95.00", "95.00").replace("农机购置补贴资金均已", "耕地保护资金均已"))
    spaced = (
        "三、产出完成情况\n主要产出指标完成情况见下表：\n"
        "指标名称 年度目标值 实际完成值 完成率\n"
        "新建机耕道（公里） 40 {} {}%\n"
        "新建灌溉渠（公里） 12 12 100%\n"
        "从上表看，本年度各项建设任务均已按期完成。\n"
    )
    (finding,) = fired(spaced.format("38", "95.00"))
    assert "完成率为95.00%" in finding.message
    assert not fired(spaced.format("40", "100"))
