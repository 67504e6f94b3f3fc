"""One stage of the body's money stated twice (quantity.conflict), in wordings of our own: the
stage named in other words or after a heading's number, the year's spending as 决算 and as what
was spent by the year's end, the means it was paid through, and a form's 合计 row against the
prose. Each shape with a consistent twin that must stay silent."""

import pytest

from jixiao.domain.checker import check_text

PROJECT = "梧州市长洲区2024年度乡村污水收集管网项目支出绩效自评报告\n一、项目基本情况\n"
BODY = "长洲区林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def conflicts(head, body):
    return [
        f
        for f in check_text(head + body + "\n", report_type="auto").findings
        if f.rule == "quantity.conflict"
    ]


# (head, text with {a} where first stated and {b} where stated again)
STAGE_TWICE = [
    # the stage named in other words, the second time under a problems heading
    (
        PROJECT,
        "项目年初预算{a}万元，年中追加96.00万元。\n二、存在问题\n（一）前期滞后。年初下达预算资金{b}万元，仅完成招标。",
    ),
    (PROJECT, "年初批复项目预算{a}万元。\n二、资金使用\n截至年底，年初预算{b}万元已支出1,700.00万元。"),
    # what was done first, then the stage ('…后调整后预算'), against a heading's number run into the label
    (
        PROJECT,
        "（二）资金来源\n年中争取省级资金后调整后预算为{a}万元。\n二、存在问题\n（二）项目调整后预算{b}万元，执行偏慢。",
    ),
    # a heading's number the label lost but its subject kept ('一是')
    (
        BODY,
        "2023年年初预算数为{a}万元，调整后预算9,800.00万元。\n二、问题\n一是年初部门预算{b}万元，编制不够细。",
    ),
    # the year's spending: 决算 against 共完成 / 实际 / 截至年底 / 截至12月31日
    (BODY, "全年支出决算{a}万元，其中基本支出1,326.72万元。\n二、总体评价\n2023年度我局共完成支出{b}万元。"),
    (BODY, "本年支出合计{a}万元。\n二、结论\n全年实际支出{b}万元，预算执行良好。"),
    (PROJECT, "截至2024年12月31日，项目累计支出{a}万元。\n二、问题\n（一）支出偏慢。截至年底已支出{b}万元。"),
    (PROJECT, "项目资金实际支出{a}万元。\n二、问题\n截至2024年12月31日实际支出{b}万元。"),
    # the means it was paid through ('已通过…发放补贴') against the same money named plainly
    (PROJECT, "已通过惠农“一卡通”发放补贴{a}万元。\n二、问题\n全年累计兑付补贴资金{b}万元。"),
]


@pytest.mark.parametrize(("head", "body"), STAGE_TWICE)
def test_one_stage_of_the_bodys_money_stated_twice_is_a_conflict(head, body):
    (finding,) = conflicts(head, body.format(a="1,864.00", b="1,846.00"))
    assert finding.severity == "warning"
    assert "1864.00万元" in finding.message and "1846.00万元" in finding.message
    assert "相差18万元" in finding.message
    assert not conflicts(head, body.format(a="1,864.00", b="1,864.00"))


def test_the_difference_of_two_units_is_shown_in_the_smaller():
    body = "已通过惠农“一卡通”发放补贴{a}。\n二、问题\n全年累计兑付补贴资金{b}。"
    (finding,) = conflicts(PROJECT, body.format(a="96,372.48万元", b="9.67亿元"))
    assert "相差327.52万元" in finding.message
    assert not conflicts(PROJECT, body.format(a="96,372.48万元", b="9.64亿元"))


@pytest.mark.parametrize(
    ("head", "body"),
    [
        # two items' spending, each under its own heading, in a line, or in one sentence
        (
            PROJECT,
            "（一）培训经费。预算20.00万元，实际支出18.00万元。\n（二）设备购置。预算30.00万元，实际支出28.00万元。",
        ),
        (
            PROJECT,
            "1.培训经费：预算20.00万元，实际支出18.00万元。\n2.设备购置：预算30.00万元，实际支出28.00万元。",
        ),
        (PROJECT, "培训经费预算20.00万元，实际支出18.00万元；设备购置预算30.00万元，实际支出28.00万元。"),
        # what was spent since the start, by mid-year, and in the year
        (PROJECT, "项目自2019年启动以来累计支出8,600.00万元。\n二、本年情况\n2024年度支出2,105.00万元。"),
        (
            PROJECT,
            "截至2024年6月30日实际支出900.00万元。\n二、全年\n截至2024年12月31日实际支出2,105.00万元。",
        ),
        (PROJECT, "截至6月底已支出900.00万元，截至年底已支出2,105.00万元。"),
        # a part and the whole, a fund and the whole, the project spending of a body
        (BODY, "全年支出决算6,428.35万元，其中项目支出完成5,101.63万元。"),
        (BODY, "年初预算6,000.00万元。\n二、项目\n项目年初预算2,000.00万元。"),
        (PROJECT, "年初预算2,150.00万元，其中中央资金年初预算1,500.00万元。"),
        (
            PROJECT,
            "已通过“一卡通”发放补贴2,150.00万元，其中耕地地力补贴1,500.00万元。\n二、\n累计兑付种粮补贴资金650.00万元。",
        ),
        # last year's spending beside this year's
        (
            BODY,
            "2023年支出决算6,428.35万元，2022年支出决算6,100.00万元。\n二、\n2023年度我局共完成支出6,428.35万元。",
        ),
    ],
)
def test_figures_of_different_things_draw_nothing(head, body):
    assert not conflicts(head, body)


PIPE = (
    "（一）预算执行表（单位：万元）\n项目|年初预算|调整后预算|决算|执行率\n"
    "基本支出|312.60|318.20|316.45|99.45%\n项目支出|180.00|210.20|178.15|84.75%\n"
    "合计|492.60|528.40|494.60|93.60%\n"
)
SPACED = (
    "（三）预算执行表（单位：万元）\n项目      年初预算    调整后预算    决算数    执行率\n"
    "基本支出  238.20      248.10        246.35    99.29%\n项目支出  114.40      136.90        128.72    94.02%\n"
    "合计      352.60      385.00        375.07    97.42%\n"
)


@pytest.mark.parametrize(
    ("text", "good", "bad", "said"),
    [
        (
            PIPE + "二、绩效分析\n（一）预算管理。年中追加预算，调整后预算{}万元。",
            "528.40",
            "582.40",
            "528.40万元",
        ),
        (
            SPACED + "二、绩效分析\n（一）预算管理。本年度年初预算数为{}万元。",
            "352.60",
            "325.60",
            "352.60万元",
        ),
        (PIPE + "二、分析\n本部门2023年支出决算{}万元。", "494.60", "449.60", "494.60万元"),
        ("二、分析\n全年调整后预算为{}万元。\n" + PIPE, "528.40", "582.40", "528.40万元"),
    ],
)
def test_the_total_row_of_a_form_of_stages_is_the_bodys_figure(text, good, bad, said):
    (finding,) = conflicts(BODY, text.format(bad))
    assert f"合计为{said}" in finding.message and "相差" in finding.message
    assert not conflicts(BODY, text.format(good))


def test_the_total_row_of_a_form_of_projects_is_not_the_bodys():
    form = (
        "（一）项目支出表（单位：万元）\n项目名称|年初预算|调整后预算|决算\n护林员补助|100.00|120.00|118.00\n"
        "森林防火|80.00|90.20|60.15\n合计|180.00|210.20|178.15\n（二）部门年初预算492.60万元，调整后预算528.40万元。"
    )
    assert not conflicts(BODY, form)
    # a part's own figure beside the form is the part's
    assert not conflicts(BODY, PIPE + "（二）年初预算492.60万元，其中基本支出年初预算312.60万元。")
