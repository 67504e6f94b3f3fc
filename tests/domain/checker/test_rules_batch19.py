"""Causes found in batch 19 of the evaluation set (the tuning half of files 476–523), each written
here in other words for departments nobody modelled: the real defect that must be reported, and
beside it the sound text of the same shape that must stay silent."""

from tests.domain.checker.helpers import findings, only

HEAD = "东坪县粮食和物资储备局2023年度项目支出绩效自评报告\n一、项目概况\n"
WHOLE = "东坪县总工会2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule, head=HEAD):
    return findings(head + body + "\n", rule, report_type="auto")


def test_members_after_fen_bie_wei_break_down_the_part_before_them():
    # 红河州粮储局 2023 (evaluation set 513): 一是A 2531.96, 分别为 a1…a4; 二是B 282.80
    body = (
        "项目支出预算为2,814.76万元,其中:一是粮食风险基金2,531.96万元,分别为州级专项资金2,258.96万元、"
        "成品粮储备资金23.00万元、食用油储备资金24.00万元、县级专项资金226.00万元;"
        "二是粮食专项业务经费282.80万元。"
    )
    assert not [f for f in fired(body, "parts.sum") if f.severity == "error"]
    # a list that does not add up is still found: the parts here are plain siblings
    wrong = "项目支出预算为2,814.76万元,其中:粮食风险基金2,531.96万元,粮食专项业务经费292.80万元。"
    finding = only(HEAD + wrong + "\n", "parts.sum")
    assert "2824.76万元" in finding.message


def test_a_fund_row_with_its_rate_filled_and_its_score_left_empty():
    # 金寨县茶谷和美丽乡村建设服务中心 2023 (evaluation set 523)
    form = (
        "部门整体支出绩效自评表 | | | | | |\n"
        "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | | |\n"
        "年度资金总额 | 329.77 | 329.77 | 338.31 | 10 | 102.59% | {score} | |\n"
    )
    hits = [f for f in fired(form.format(score=""), "template.leftover") if "得分却没有填写" in f.message]
    assert len(hits) == 1 and "“年度资金总额”一行有权重10" in hits[0].message
    filled = [f for f in fired(form.format(score="10"), "template.leftover") if "得分" in f.message]
    assert not filled
    # a row that simply stops after its rate (cells lost in the copy, no empty cells after) is silent
    cut = form.format(score="").replace("102.59% |  | |\n", "102.59%\n")
    assert not [f for f in fired(cut, "template.leftover") if "得分却没有填写" in f.message]


def test_the_template_word_bu_men_left_after_the_filled_in_name():
    # 河口县总工会 2023 (evaluation set 506): '河口县总工会(部门)于2023年5月…'
    finding = only(WHOLE + "东坪县总工会(部门)按要求开展了绩效自评。\n", "template.leftover")
    assert finding.found == "(部门)"
    # the outline's own '部门(单位)' and a name's bracketed note are not leftovers
    for sound in ("一、部门(单位)基本情况\n", "东坪县总工会(本级)按要求开展了绩效自评。\n"):
        assert not fired(sound, "template.leftover", WHOLE), sound


def test_a_self_evaluation_done_before_the_year_it_evaluates_was_over():
    # 河口县总工会 2023 (evaluation set 506): the 2023 evaluation '于2023年5月…开展绩效自评'
    finding = only(WHOLE + "我会于2023年5月对部门整体支出开展绩效自评。\n", "date.format")
    assert "“2023年5月”开展自评" in finding.message
    for sound in (
        "我会于2024年3月对部门整体支出开展绩效自评。\n",
        "我会于2023年5月对2022年度部门整体支出开展绩效自评。\n",
        "我会于2023年5月开展年中绩效监控。\n",
    ):
        assert not fired(sound, "date.format", WHOLE), sound


def test_gen_hao_de_before_a_verb_is_an_adverb():
    # 广西生态环境厅 2021 (evaluation set 501): '为更好的完成农村环境整治目标任务'
    finding = only(HEAD + "为更好的完成整治目标任务,成立了工作专班。\n", "typo.curated")
    assert finding.found == "的" and "地" in finding.message
    assert not fired("为提高更好的完成率,成立了工作专班。\n", "typo.curated")


def test_the_words_of_the_form_name_in_the_wrong_order():
    # 宣城市公安局 2021 (evaluation set 224): '禁毒项目绩效支出自评表' for 项目支出绩效自评表
    finding = only(HEAD + "附件:禁毒项目绩效支出自评表\n", "typo.curated")
    assert finding.found == "绩效支出" and "支出绩效" in finding.message
    for sound in ("附件:禁毒项目支出绩效自评表\n", "绩效支出占比逐年下降。\n"):
        assert not fired(sound, "typo.curated"), sound


def test_headings_numbered_without_their_mark():
    # 宁国市生态补偿 2020 (evaluation set 293): '1补偿资金结算' … '2资金管理及投入' beside '1、水质状况'
    body = "1、水质状况\n断面水质稳定达标。\n2、机制建设\n建立了考核机制。\n1补偿资金结算\n资金已结算。\n2资金管理及投入\n管理规范。"
    hits = fired(body, "list.bare_number")
    assert [f.found for f in hits] == ["1补", "2资"]
    assert "“1补偿资金结算”" in hits[0].message
    # counts opening a line (1年, 2人), a list of sentences written bare throughout, a form's cells
    for sound in (
        "1、水质状况\n1年内完成改造\n2年内通过验收",
        "1、水质状况\n1人负责财务\n2人负责项目",
        "1、水质状况\n1补偿资金结算,按季度拨付到村。\n2资金管理规范,账目清楚。",
        "1、水质状况\n0 过程\n8 预算控制率",
    ):
        assert not fired(sound, "list.bare_number"), sound


def test_a_date_line_that_lost_its_nian_yue_ri():
    # 衡阳县公安局 2020 (evaluation set 229): '2021  4 25' under the title
    finding = only(
        WHOLE.replace("\n一、", "\n2024  3 18\n一、") + "本部门2023年支出如下。\n", "date.malformed"
    )
    assert finding.expected == "2024年3月18日"
    for sound in ("2024年3月18日", "2024 13 18", "2024 3 18 25"):  # a date, no month 13, a row of figures
        assert not fired(sound, "date.malformed", WHOLE), sound


def test_two_counts_of_one_kind_run_together():
    # 屏边县纪委 2023 (evaluation set 265): '共设立1个巡察办3个巡察组'; 411: '1个预算项目1个追加预算项目'
    finding = only(HEAD + "共设立1个督查办4个督查组,负责日常督查。\n", "punct.count_pause")
    assert finding.expected == "督查办、" and "1个督查办、4个督查组" in finding.message
    assert fired("全年有2个预算项目1个追加预算项目。\n", "punct.count_pause")
    for sound in (
        "覆盖7个乡镇58个村庄。\n",  # the villages are in the towns
        "从5个项目中选出4个项目作为示范。\n",  # a clause between the counts
        "共设立1个督查办、4个督查组。\n",
    ):
        assert not fired(sound, "punct.count_pause"), sound


def test_an_indicator_row_with_its_completion_filled_and_its_score_left_empty():
    # shaped like the probe set's p4_02: the other rows of the indicator table are scored
    form = (
        "| 一级指标 | 二级指标 | 三级指标 | 权重 | 年度指标值 | 实际完成值 | 完成率 | 得分 |\n"
        "| 产出指标 | 数量指标 | 法律援助案件办理数 | 6 | 180件 | 172件 | 95.56% | 5.73 |\n"
        "| | 质量指标 | 社区矫正对象教育管理覆盖率 | 6 | 100% | 100% | 100.00% | 6 |\n"
        "| 过程指标 | 预算管理 | 公用经费控制率 | 5 | ≤100% | 96.33% | 100.00% | {score} |\n"
        "| 满意度指标 | 服务对象满意度 | 群众满意度 | 10 | ≥90% | 93.6% | 100.00% | 10 |\n"
    )
    hits = [f for f in fired(form.format(score=""), "template.leftover") if "得分却没有填写" in f.message]
    assert len(hits) == 1 and "“过程指标”一行有权重5" in hits[0].message
    assert not [f for f in fired(form.format(score="5"), "template.leftover") if "得分" in f.message]
    # a blank form (no row scored yet) and a row with nothing done written are left alone
    blank = form.replace("| 5.73 |", "| |").replace("| 6 |\n", "| |\n").replace("| 10 |\n", "| |\n")
    assert not [f for f in fired(blank.format(score=""), "template.leftover") if "得分" in f.message]
    idle = form.replace("| ≤100% | 96.33% | 100.00% |", "| ≤100% | | |")
    assert not [f for f in fired(idle.format(score=""), "template.leftover") if "得分" in f.message]
