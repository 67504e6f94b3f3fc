"""Wording rules on texts from real reports of the evaluation set, and the consistent texts on
which they must stay silent."""

import pytest

from jixiao.domain.checker import ERROR, WARNING, check_text
from tests.domain.checker.helpers import findings, only


def test_placeholders_left_in_the_text_are_reported_once_with_their_count():
    text = "根据《关于开展xx年省级财政资金绩效自评工作的通知》（粤财绩﹝xx﹞13号），对xx年度项目开展评价。"
    finding = only(text, "template.leftover")
    assert finding.severity == WARNING and "全文共3处" in finding.message
    # a multiplication sign is no placeholder
    assert findings("设备房1间（3.0m×3.0m），潜水泵2台。", "template.leftover") == []


def test_template_hints_and_copied_form_instructions():
    assert (
        only("部门整体支出绩效评价报告\n（参考提纲）\n一、部门基本情况", "template.leftover").found
        == "参考提纲"
    )
    cells = "评价结论 |\n结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内) |\n存在问题 |\n无 |"
    assert "照抄了填表说明" in only(cells, "template.leftover").message
    # the same instruction in the form's own note column is part of the form
    note = "原因 |\n1.预算执行率未达到90%的需说明原因(100字以内) |"
    assert findings(note, "template.leftover") == []


def test_doubled_words_doubled_clauses_and_doubled_approximations():
    # 临河区退役军人事务局 2023 and 东阳市文广旅体局 2020
    assert only("404名服务对象对象发放补助金2126.81万元。", "typo.doubled").found == "对象对象"
    clause = only(
        "按年初规划执行;及时拨付项目资金,履行项目资金保障;及时拨付项目资金,履行项目资金保障;及时拨付项目资金,履行项目资金保障。",
        "typo.doubled",
    )
    assert clause.found == "及时拨付项目资金,履行项目资金保障"
    assert only("参与群众逾20多万人次。", "typo.doubled").found == "逾20多"
    # reduplicated words that are correct, and words split by a table cell break, stay silent
    assert findings("请研究研究这个问题。", "typo.doubled") == []
    assert findings("一级指标 二级指标 三级指标 指标值", "typo.doubled") == []
    assert findings("中央资金1372.7万元，其中中央直达资金100万元。", "typo.doubled") == []


def test_title_that_says_self_evaluation_over_an_agencys_evaluation():
    # 寿县肖严湖排灌站涵工程: a firm evaluated it on the finance bureau's behalf
    text = (
        "16绩效自评报告(寿县肖严湖排灌站涵工程项目)\n"
        "安徽裕信会计师事务所受寿县财政局委托，对2022年度新增债券资金项目开展了绩效评价。\n"
    )
    assert only(text, "title.body").severity == WARNING
    # a self-evaluation a firm only helped with is still a self-evaluation
    helped = "项目2018年度绩效自评报告\n省残联组建自评专班，我公司受委托加入专班，协助完成本次自评。\n"
    assert findings(helped, "title.body") == []
    # a self-evaluation titled 评价报告 is the usual template title, not a defect
    assert findings("部门整体支出绩效评价报告\n本部门整体支出绩效自评得分91.24分。", "title.body") == []


def test_checked_self_evaluation_and_agency_boxes_contradict_each_other():
    text = "评价方式:部门(单位)绩效自评R 财政部门组织评价□\n评价机构:中介机构R 部门(单位)评价组□"
    assert only(text, "title.body").found.startswith("中介机构")


def test_dates_without_year_or_month_characters():
    assert only("填报日期:202511", "date.malformed").expected == "2025年11月"
    assert only("临夏市对2023转移支付资金开展了绩效自评。", "date.malformed").expected == "2023年"
    silent = "2023年度资金2000余万元，受理2019件，〔2023〕13号，ISO9001认证，2022-2023学年。"
    assert findings(silent, "date.malformed") == []


def test_the_same_place_or_body_named_two_ways():
    # 芜湖市文化和旅游局 2022
    text = "分配湾沚区16.2万元，繁昌区16.2万元。湾沚区23万元，繁昌区25万元。繁昌县56.5万元。湾址区3.73万元。"
    found = {(f.found, f.expected) for f in findings(text, "name.variant")}
    assert found == {("繁昌县", "繁昌区"), ("湾址区", "湾沚区")}
    # 徐闻县前山镇 2024
    dropped = "评价单位:徐闻县前山镇人民政府\n1. 单位基本情况\n闻县前山镇人民政府为行政单位。"
    assert only(dropped, "name.variant").expected == "徐闻县前山镇人民政府"
    assert findings("分配无为市93万元，南陵县52万元，繁昌区25万元，湾沚区23万元。", "name.variant") == []


def test_list_numbers_repeated_or_skipped_inside_a_paragraph():
    # 岳阳市城市管理监督指挥中心 2018
    text = "1.完成监督指挥工作。2.做好平台维护。3.收集整理信息。4.完成考核考评。4.处理投诉举报。5.业务指导。"
    finding = only(text, "list.numbering")
    assert (finding.expected, finding.found) == ("5.", "4.")
    assert findings("1.完成甲。2.完成乙。3.完成丙。", "list.numbering") == []
    assert findings("一是：1.甲。2.乙。二是：1.丙。2.丁。", "list.numbering") == []


def test_amount_run_into_the_next_clause():
    assert only("部门预算总金额 803.74 万元其中:基本支出 757.49 万元。", "punct.run_on").severity == WARNING
    assert only("其他资金859.6万元2023年支出2310.4万元。", "punct.run_on").severity == WARNING
    assert findings("部门预算总金额803.74万元，其中：基本支出757.49万元。", "punct.run_on") == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("该专项资金已拔入到秀英区水务局。", "拔入", "拨入"),
        ("截止2022年12月8日，已完成拨付。", "截止", "截至"),
        ("因由于项目暂未完工，下一步加快进度。", "因由于", "由于"),
        (
            "依据《中共中央国务院关于全面落实预算绩效管理的意见》。",
            "全面落实预算绩效管理的意见",
            "全面实施预算绩效管理的意见",
        ),
        ("间接费用3万亩元（每亩3元）。", "3万亩元", None),
        ("做好资金支付的帐户管理。", "帐户", "账户"),
    ],
)
def test_curated_typos_from_real_reports_and_usage_guides(text, wrong, right):
    finding = only(text, "typo.curated")
    assert finding.found == wrong
    assert finding.expected == right


def test_deadline_usage_of_jiezhi_is_not_a_typo():
    assert findings("报名截止日期为5月30日，报名6月30日截止，截止到目前已有200人。", "typo.curated") == []


def test_no_error_from_wording_rules():
    text = "近400多名志愿者参加。服务对象对象满意。填报日期:202511"
    assert [
        f for f in check_text(text).findings if f.severity == ERROR and f.rule.startswith(("typo", "date"))
    ] == []


def test_a_writing_hint_of_the_outline_left_after_a_heading_that_the_body_follows():
    # 怀化市工信局 2022 and 彭山区审计局 2023 (evaluation set 269, 175)
    hint = "(一)部门基本情况(包括部门的在职人员情况、机构设置、主要职能及重点工作计划等)。\n1、在职人员情况。\n在职98人。"
    assert only(hint, "template.leftover").found.startswith("(包括部门的在职人员情况")
    duty = "(一)主要职能。(职能参照区政府批准的三定方案)\n依照审计法的规定履行审计监督职责。"
    assert "三定方案" in only(duty, "template.leftover").message
    for written in (
        "二、绩效目标（主要从产出和效益两方面描述）\n全年完成培训10场。",
        "（一）项目基本情况（简要说明项目的立项依据和资金来源）\n本项目于2019年立项。",
    ):
        assert only(written, "template.leftover").message.startswith("标题后括号里是提纲的写作提示")
    # a heading's own note (a unit, a scope) stays silent, and so does a hint that ends the text
    # (an opening cut short before the body: whether it was filled in cannot be told)
    for note in (
        "(三)项目资金(含中央、省级资金)\n共100万元。",
        "一、部门概况(单位:万元)\n预算100万元。",
        "三、绩效指标分析情况(对照附件2《项目绩效自评指标评分表》分析)\n(一)自评分数。\n自评得分95分。",
        "(三)绩效评价指标分析\n1.预算执行情况分析(包括完成情况和偏差原因等)\n",
    ):
        assert findings(note, "template.leftover") == [], note


def test_template_slots_left_empty_document_numbers_code_boxes_and_bracketed_figures():
    # 湛江市供销社 2017 and 下花园区植被恢复 2019 (evaluation set 288, 295)
    assert "文号缺序号" in only("按照《通知》(湛財評[2018] 號)的要求开展自评。", "template.leftover").message
    assert "方格" in only("项目编码: □□□□□□□□□□□□□□□□□\n项目名称: 植被恢复", "template.leftover").message
    assert only("本年经费为【】万元。", "template.leftover").found == "【】"
    assert only("全年共培训(  )人次。", "template.leftover").found == "(  )"
    assert "〔20XX〕" in only("根据甘财绩〔20XX〕5号文件。", "template.leftover").message
    assert "全文共2处" in only("项目于X月X日完成验收。", "template.leftover").message
    assert only("全年任务完成率为  %。", "template.leftover").found == "为%"
    # 一份农村公路养护项目的 2020 年评价 (evaluation set 259): a sum named with its unit and no figure
    empty_sum = only("其中:专项经费474.68万元、政府专项经费万元),涵盖项目24个。", "template.leftover")
    assert empty_sum.found == "万元" and "“经费万元”（金额的数字没有填）" in empty_sum.message
    # filled in: a number with its serial, a checkbox, empty brackets of page furniture
    for filled in (
        "根据财预〔2020〕12号文件。",
        "评价类型: √阶段评价 □结束评价",
        "浏览次数: 字体:[ ] 打印",
        "项目类型经常性项目(√)一次性项目()",
        "购置X光机2台，满意度达95%。",
        "本报告金额均以万元为单位,投入资金数万元,政府专项经费12万元。",
    ):
        assert findings(filled, "template.leftover") == [], filled


def test_the_unit_calling_itself_by_two_administrative_levels():
    # 绥阳县太白镇 2021 and 龙陵县象达镇 2019 (evaluation set 296, 316): a 镇 written as a 乡 once
    town = "太白镇人民政府主要职责：做好商品流通，协调本乡同外地的经济往来。本镇共有6个村。"
    finding = only(town, "name.variant")
    assert finding.found == "本乡" and finding.expected == "镇" and "其他2处" in finding.message
    county = "我区共有12个乡镇。本区财政收入增长。我县农业发展较快。"
    assert only(county, "name.variant").found == "我县"
    # compounds of both levels, one level only, and a tie (which one is meant cannot be told)
    for consistent in (
        "各乡镇政府要加强管理。本镇共有6个村，镇政府驻地在太白。",
        "城乡政府共同推进。本镇共有6个村。",
        "本乡共有6个村。我乡财政收入增长。",
        "本镇共有6个村。本乡财政收入增长。",
    ):
        assert findings(consistent, "name.variant") == [], consistent


def test_staff_counted_at_the_end_of_the_year_before_the_one_evaluated():
    # 徐闻县地方公路局 2024 (evaluation set 181): the profile of the year before, not updated
    head = "徐闻县地方公路局2024年度部门整体支出绩效自评报告\n一、部门概况\n"
    stale = head + "截至 2023 年 12 月 31日,本单位财政核定编制在职人员为 36 人,年末实有在职人员为 34 人。"
    finding = only(stale, "date.format")
    assert finding.found == "截至2023年12月31日" and finding.expected == "2024年12月31日"
    # the year evaluated, a comparison with the year before, a baseline that is no staff count,
    # and a later date (a third party evaluating after the year) stay silent
    for consistent in (
        "截至2024年12月31日,本单位在职人员34人。",
        "截至2023年底,在职人员32人,比上年减少2人。",
        "截至2023年底全县已建警报器48台,警报音响覆盖率86.5%。",
        "截至2025年3月31日,实有在职人员34人。",
    ):
        assert findings(head + consistent, "date.format") == [], consistent


def test_curated_slips_that_differ_from_a_sound_phrase_only_by_the_next_character():
    for slip, expected in (
        ("项目以经完成验收。", "已经"),
        ("在次基础上进一步完善。", "再次"),
        ("按装了监控设备。", "安装"),
        ("一、中心基本概括\n本中心成立于2001年。", "基本概况"),
    ):
        assert expected in only(slip, "typo.curated").message, slip
    for sound in (
        "坚持以经济建设为中心。",
        "以经费保障为重点。",
        "在次年3月完成。",
        "按装机容量计算。",
        "可以基本概括为三点。",
    ):
        assert findings(sound, "typo.curated") == [], sound


def test_queshi_in_a_requirement_is_a_slip_of_qieshi():
    # 张家界中院 2016, 寻甸统战部 2024 (evaluation set 122, 331): “为确实做好…工作”
    for slip in ("为确实做好2016年度部门整体支出绩效自我评价工作,成立了评价小组。", "要确实加强资金管理。"):
        finding = only(slip, "typo.curated")
        assert (finding.found, finding.expected) == ("确实", "切实"), slip
    for sound in (
        "群众满意度确实提高了。",
        "经核实,项目确实做好了前期准备。",
        "为确实做好了准备的单位拨付资金。",
        "为切实做好绩效自评工作,成立了评价小组。",
    ):
        assert findings(sound, "typo.curated") == [], sound


def test_two_problems_written_together_without_a_mark_between_them():
    # 芜湖市民政局社区建设奖补 2022 (evaluation set 299)
    finding = only("规范管理水平有待提升村民自治制度不健全。", "punct.run_on")
    assert finding.expected == "有待提升，" and "村民自治制度不健全" in finding.message
    for separated in (
        "宣传力度有待加强，制度不健全。",
        "资金管理不规范问题依然存在，制度不健全。",
        "制度不健全的问题有待解决。",
    ):
        assert findings(separated, "punct.run_on") == [], separated


def test_the_last_member_of_a_list_joined_by_a_comma_instead_of_a_pause_mark():
    # 邵阳县残联 2018 (evaluation set 168)
    listed = "整体支出围绕残疾人教育就业与扶贫、残疾人康复、残疾人无障碍改造、残疾人燃油补贴,残疾人阳光家园等项目展开。"
    finding = only(listed, "punct.list_comma")
    assert finding.found == "," and "“残疾人燃油补贴”与“残疾人阳光家园”" in finding.message
    # a new clause after the comma, and a last member of another kind, stay silent
    for other in (
        "公开招生范围、程序、时间和结果,保障适龄儿童少年平等入学等权利。",
        "承担文电、会务、信息档案、保密、固定资产,后勤保障等工作。",
    ):
        assert findings(other, "punct.list_comma") == [], other


def test_one_item_of_a_numbered_line_without_the_stop_the_others_end_with():
    # 绥阳县太白镇 2021 (evaluation set 296): item (2) runs into (3)
    line = (
        "主要成效：(1)认真履职，较好完成了各项工作任务。 (2)通过强化预算收支管理，部门整体支出管理水平得到提升"
        " (3)编制并实施村镇建设规划。 (4)按计划组织本级财政收入。"
    )
    finding = only(line, "punct.item_end")
    assert "第(3)条前" in finding.message and finding.expected == "升。"
    # the number is there: no skip is reported for it; a number really skipped still is
    assert findings(line, "list.numbering_styles") == []
    assert (
        "缺(3)" in only("主要成效：(1)认真履职。(2)强化管理。(4)编制规划。", "list.numbering_styles").message
    )
    # items that all end without a stop (a list of short names) stay silent
    assert findings("主要成效：(1)认真履职 (2)强化管理 (3)编制规划。", "punct.item_end") == []


def test_a_doubled_de_after_a_word_whose_last_character_also_starts_a_word_ending_in_de():
    assert only("加强对项目的的监督管理。", "typo.doubled").found == "的的"
    assert only("确保各项指标的的完成。", "typo.doubled").found == "的的"
    for sound in ("以营利为目的的机构不得参与。", "投资标的的价值评估。"):
        assert findings(sound, "typo.doubled") == [], sound


def test_the_commonest_slips_of_chinese_print_are_curated_with_their_source():
    # 《咬文嚼字》's list of the 100 commonest wrong characters (typos.yaml, sources)
    assert only("项目已全部峻工验收。", "typo.curated").message.endswith("“峻工”应为“竣工”")
    assert "再接再厉" in only("各项工作再接再励。", "typo.curated").message
    assert findings("项目已全部竣工验收，各项工作再接再厉。", "typo.curated") == []


def test_a_report_signed_before_the_end_of_the_year_it_evaluates():
    head = "某县某局2024年度部门整体支出绩效自评报告\n一、部门概况\n全年支出100万元。\n某县某局\n"
    finding = only(head + "2024年3月15日", "date.format")
    assert finding.found == "2024年3月15日" and "落款日期" in finding.message
    assert findings(head + "2025年3月15日", "date.format") == []
    # a monitoring report is written within its year
    monitoring = (
        "某县某局2024年度项目绩效运行监控报告\n一、执行情况\n1—6月支出50万元。\n某县某局\n2024年7月10日"
    )
    assert findings(monitoring, "date.format") == []
