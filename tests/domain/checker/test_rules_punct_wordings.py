"""The punctuation families in wordings of our own (a sample of the combinations of
bench/bench_checker_punct_wordings.py): each slip, written in several shapes and places, draws one
warning where it stands; its twin written right, and strings that merely look like it, draw none."""

import pytest

from jixiao.domain.checker import check_text

HEAD = (
    "湘潭县交通运输局2023年度农村公路养护项目支出绩效自评报告\n一、项目基本情况\n（一）项目概况\n"
    "本项目由县交通运输局组织实施，覆盖全县17个乡镇，养护农村公路1,260公里。\n（二）资金安排\n"
)
TAIL = (
    "\n二、绩效目标完成情况\n全年完成农村公路养护里程1,260公里，完成率100%。\n"
    "三、存在问题\n部分路段养护不及时，日常巡查记录不完整。\n"
)


def punct(body):
    return [
        f
        for f in check_text(HEAD + body + TAIL, report_type="auto").findings
        if f.rule.startswith("punct.") and f.severity in ("error", "warning")
    ]


def test_the_base_text_draws_no_punctuation_warning():
    assert punct("") == []


# ---------------------------------------------------------------------------------------------
# Document numbers

DOC_PLACES = [
    "根据《湖南省财政厅关于下达农村公路养护补助资金的通知》（{d}），下达资金860.00万元。",
    "县财政局按照{d}文件要求，及时下达资金860.00万元。",
    "依据《湖南省农村公路养护管理办法》（湘交发〔2022〕8号）、《关于做好养护工作的通知》（{d}）等文件，制定了方案。",
    "| 序号 | 文件名称 | 文号 | 金额 |\n| 1 | 农村公路养护补助资金 | {d} | 860.00 |",
    "资金下达文件\n文号\n金额\n农村公路养护补助资金\n{d}\n860.00",
    "依据湘财预〔2023〕8号、{d}、湘财绩〔2023〕21号文件，下达资金860.00万元。",
    "县财政局以{d}印发了实施方案，明确了资金用途。",
    "文件依据：{d}\n下达资金860.00万元。",
]


@pytest.mark.parametrize(
    ("wrong", "right", "what"),
    [
        ("湘财绩【202315号", "湘财绩【2023】15号", "括号不全"),
        ("国发（202214号", "国发〔2022〕14号", "括号不全"),
        ("川卫发2023〕15号", "川卫发〔2023〕15号", "缺左括号"),
        ("冀民发2023]15号", "冀民发[2023]15号", "缺左括号"),
        ("湘政办发〔2023〕15", "湘政办发〔2023〕15号", "缺“号”字"),
        ("中办发〔202〕15号", "中办发〔2023〕15号", "不是四位数"),
        ("湘财预〔20223〕5号", "湘财预〔2022〕35号", "不是四位数"),
        ("保财教202060", "保财教〔2020〕60号", "缺六角括号和“号”字"),
    ],
)
@pytest.mark.parametrize("place", range(len(DOC_PLACES)))
def test_a_document_number_written_wrong_is_reported_once_wherever_it_stands(wrong, right, what, place):
    sentence = DOC_PLACES[place]
    (found,) = punct(sentence.format(d=wrong))
    assert found.rule == "punct.marks" and what in found.message
    assert punct(sentence.format(d=right)) == []


@pytest.mark.parametrize(
    "twin",
    [
        "按照湘财预〔 2023 〕15号文件要求，及时下达资金860.00万元。",
        "按照湘财预［2023］15号文件要求，及时下达资金860.00万元。",
        "按照湘财预〔2023〕15号、16号文件要求，及时下达资金860.00万元。",
        "按照湘财预〔2023〕15、16号文件要求，及时下达资金860.00万元。",
        "项目联系人：王明，联系电话：0731-57221234，邮政编码：411228。",
        "项目编码：430321230000000015，合同编号：XTJT-2023-015号，合同金额202315元。",
        "根据县交通运输局公告第202315号，下达资金860.00万元。",
        "本年度（2023年）下达资金860.00万元，共养护路段202315米。",
        "（联系电话20231588）",
        "（合同号2023015）（批次2023001）（项目编码2023001）",
        "全年接待游客202315人次、过境车辆20231辆，下达资金860.00万元。",
        "本年度(2023)15个乡镇完成养护任务。",
        "评价时间\n2024116\n评价时间2024116",
    ],
)
def test_strings_that_look_like_document_numbers_are_left_alone(twin):
    assert punct(twin) == []


# ---------------------------------------------------------------------------------------------
# A paragraph without its full stop right before a heading


@pytest.mark.parametrize(
    "paragraph",
    [
        "经过一年的集中整治，全县农村公路路况明显改善，养护质量明显提升",
        "项目实施后开展了满意度调查，发放问卷500份，群众满意度达到96.5%",
        "资金主要用于农村公路日常养护，包括路面修补、边沟清理、标志标牌维护等",
        "各乡镇均按计划完成了年度养护任务，并通过了县级验收（详见附表1）",
        "全年实际支出812.40万元",
        "项目受益群众3.2万人",
        "各乡镇均通过县级验收（详见附表1）",
    ],
)
@pytest.mark.parametrize("heading", ["（三）项目实施情况", "2.项目实施情况", "二、项目实施情况"])
def test_a_paragraph_that_stops_short_of_its_full_stop_before_a_heading(paragraph, heading):
    (found,) = punct(paragraph + "\n" + heading + "\n各乡镇按计划实施。")
    assert found.rule == "punct.paragraph_end" and found.severity == "warning"
    assert punct(paragraph + "。\n" + heading + "\n各乡镇按计划实施。") == []


@pytest.mark.parametrize("paragraph", ["全县农村公路养护质量明显提升", "资金用于路面修补、边沟清理等"])
def test_a_short_line_that_states_a_result_or_ends_a_list_before_the_next_section(paragraph):
    # (before a heading one rank down, such a line is read as an unnumbered heading over it: left alone)
    (found,) = punct(paragraph + "\n二、项目实施情况\n各乡镇按计划实施。")
    assert found.rule == "punct.paragraph_end" and found.severity == "warning"
    assert punct(paragraph + "。\n二、项目实施情况\n各乡镇按计划实施。") == []


@pytest.mark.parametrize(
    "twin",
    [
        "主要工作内容：\n1.路面修补\n2.边沟清理\n3.标志标牌维护\n（三）项目实施情况\n各乡镇按计划实施。",
        "项目\n预算数\n支出数\n路面修补\n500.00\n480.00\n（三）项目实施情况\n各乡镇按计划实施。",
        "（三）项目实施情况\n（四）项目管理情况\n各乡镇按计划实施，资金管理规范。",
        "全县农村公路养护质量提升情况\n（三）项目实施情况\n各乡镇按计划实施。",
        "表1  2023年农村公路养护资金安排表（单位：万元）\n（三）项目实施情况\n各乡镇按计划实施。",
        "本项目资金安排如下：\n（三）项目实施情况\n各乡镇按计划实施。",
        "全年下达资金860.00万元。2.效益指标完成情况分析\n（三）项目实施情况\n各乡镇按计划实施。",
        "全部资金到位情况\n（三）项目实施情况\n各乡镇按计划实施。",
        "主要内容\n路面修补、边沟清理等\n（三）项目实施情况\n各乡镇按计划实施。",
    ],
)
def test_lines_that_need_no_full_stop_before_a_heading_are_left_alone(twin):
    assert punct(twin) == []


# ---------------------------------------------------------------------------------------------
# Two sentences run together; a heading run into its text


@pytest.mark.parametrize(
    "sentence",
    [
        "全年下达资金860.00万元{s}2023年支出812.40万元，执行率94.47%。",
        "群众满意度达到96.5%{s}本项目社会效益明显。",
        "省级补助资金860.00万元{s}我县配套资金120.00万元，已全部到位。",
        "全年养护农村公路1,260公里{s}其中县道320公里、乡道940公里。",
        "全年培训养护人员320人次{s}其中乡镇养护员210人次。",
        "（二）资金使用情况{s}2023年实际支出812.40万元，执行率94.47%。",
        "（一）主要做法{s}一是加强组织领导，二是完善制度。",
        "1.资金安排情况{s}2023年共安排补助资金860.00万元。",
        "1.省内资金安排{s}我省共安排农村公路养护补助资金860.00万元。",
        "四、项目概况{s}湘潭县位于湘中地区，辖17个乡镇。",
    ],
)
def test_two_sentences_or_a_heading_and_its_text_run_together(sentence):
    (found,) = punct(sentence.format(s=""))
    assert found.rule in ("punct.run_on", "punct.heading_run_on")
    assert punct(sentence.format(s="。" if sentence.startswith(("全", "项", "群", "省")) else "\n")) == []


@pytest.mark.parametrize(
    "twin",
    [
        "全年完成5项本年度重点任务，3个当年新建项目均已开工。",
        "已投入运营的1,250.10万元全年收取资产收益78.36万元。",
        "全市共有5个我县项目入选省级示范，抽查了3家本单位下属机构。",
        "（一）全年资金安排情况\n全年安排资金860.00万元。",
        "（一）湘潭县基本情况\n湘潭县位于湘中地区，辖17个乡镇。",
        "2.本年度工作完成情况\n全年养护农村公路1,260公里。",
        "安排100万元项目资金用于路面修补，共3个2023年新建项目。",
        "2023年全年支出812.40万元，2022年支出760.00万元。",
    ],
)
def test_figures_and_headings_followed_by_their_own_words_are_left_alone(twin):
    assert punct(twin) == []


# ---------------------------------------------------------------------------------------------
# Unbalanced brackets and quotes

BRACKET_PLACES = [
    "二、项目资金{o}含中央补助资金{c}使用情况\n全年支出812.40万元。",
    "县交通运输局根据{o}湘潭县农村公路养护管理办法{c}的规定，制定了年度养护计划。",
    "| 项目 | 预算数{o}万元{c} | 支出数（万元） |\n| 路面修补 | 500.00 | 480.00 |",
    "项目\n预算数{o}万元{c}\n支出数（万元）\n路面修补\n500.00\n480.00",
]


@pytest.mark.parametrize(("o", "c"), [("（", "）"), ("《", "》"), ("“", "”"), ("【", "】")])
@pytest.mark.parametrize("place", range(len(BRACKET_PLACES)))
@pytest.mark.parametrize("lost", ["opener", "closer"])
def test_a_bracket_or_quote_left_without_its_pair_is_reported(o, c, place, lost):
    sentence = BRACKET_PLACES[place]
    wrong = sentence.format(o="" if lost == "opener" else o, c="" if lost == "closer" else c)
    (found,) = punct(wrong)
    assert found.rule == "punct.brackets"
    assert punct(sentence.format(o=o, c=c)) == []


@pytest.mark.parametrize(
    "twin",
    [
        "项目\n预算数(万\n元)\n支出数(万元)\n路面修补\n500.00\n480.00",
        "| 项目 | 预算数(万 | 支出数 |\n| 元) | | |\n| 路面修补 | 500.00 | 480.00 |",
        "根据《湘潭县农村公路养护管理办法》（湘交发〔2022〕8号）规定的“以奖代补”（含《考核细则》）方式，下达资金。",
        "主要工作：\n1)路面修补；\n2)边沟清理；\n3)标志标牌维护。",
        "主要工作：\na)路面修补；\nb)边沟清理；\nc)标志标牌维护。",
        "投诉率<5%，群众满意度≥90%。",
        "| 单位名称 | 湖南省湘潭县交通运输局(湘潭县公路建设养护中心) |",
    ],
)
def test_brackets_that_pair_across_lines_or_number_a_list_are_left_alone(twin):
    assert punct(twin) == []


# ---------------------------------------------------------------------------------------------
# Wrong marks


@pytest.mark.parametrize(
    ("sentence", "wrong", "right", "rule"),
    [
        ("全年下达资金860.00万元{a}资金已全部拨付到位。", "。。", "。", "punct.doubled_marks"),
        ("全年下达资金860.00万元{a}资金已全部拨付到位。", "，，", "，", "punct.doubled_marks"),
        ("资金主要用于以下方面{a}路面修补、边沟清理和标志标牌维护。", ",:", "：", "punct.doubled_marks"),
        ("全年下达资金860.00万元{a}资金已全部拨付到位。", ".", "。", "punct.marks"),
        ("预算执行率94.47%{a}全年共养护农村公路1,260公里。", ".", "。", "punct.marks"),
        ("各乡镇均通过县级验收（详见附表1）{a}全年共养护农村公路1,260公里。", ".", "。", "punct.marks"),
        ("资金用于路面修补、边沟清理、标志标牌维护{a}工作。", "、等", "等", "punct.list_comma"),
        ("资金用于路面修补、边沟清理{a}，全年支出812.40万元。", "、等", "等", "punct.list_comma"),
        ("资金用于路面修补、边沟清理、桥涵维护{a}标志标牌维护等。", "，", "、", "punct.list_comma"),
        ("主要包括县道、乡道、村道{a}桥梁等。", "，", "、", "punct.list_comma"),
    ],
)
def test_a_wrong_or_doubled_mark_is_reported(sentence, wrong, right, rule):
    (found,) = punct(sentence.format(a=wrong))
    assert found.rule == rule
    assert punct(sentence.format(a=right)) == []


@pytest.mark.parametrize(
    ("wrong", "right", "following"),
    [("（一）、", "（一）", "（二）"), ("（1）、", "（1）", "（2）"), ("1.、", "1.", "2.")],
)
def test_a_mark_after_a_numbers_own_mark_is_reported(wrong, right, following):
    body = (
        "{n}资金下达情况\n全年下达资金860.00万元，资金已全部拨付到位。\n{m}资金使用情况\n全年支出812.40万元。"
    )
    (found,) = punct(body.format(n=wrong, m=following))
    assert found.rule == "punct.bracket_number_mark"
    assert punct(body.format(n=right, m=following)) == []


@pytest.mark.parametrize(
    "twin",
    [
        "全年下达资金860.00万元……资金已全部拨付到位。",
        "(1).资金下达情况\n全年下达资金860.00万元。\n(2).资金使用情况\n全年支出812.40万元。",
        "三、等级评定\n评价等级为优。",
        "（1）、资金下达情况\n全年下达资金860.00万元。\n（2）、资金使用情况\n全年支出812.40万元。",
        "资金用于路面修补、边沟清理等，全年支出812.40万元。",
        "资金用于路面修补、边沟清理、桥涵维护，改善了群众出行条件等。",
        "全县开展路面修补、边沟清理、桥涵维护，组织养护培训等活动。",
    ],
)
def test_marks_written_one_way_throughout_or_as_an_ellipsis_are_left_alone(twin):
    assert punct(twin) == []


def test_headings_that_all_run_into_their_text_are_the_documents_layout():
    text = (
        "湘潭县城市管理局2023年度部门整体支出绩效自评报告\n一、部门基本情况本局内设8个股室，下属单位3个。\n"
        "二、部门收支情况2023年共安排资金3,860.00万元，全年支出3,812.40万元。\n"
        "三、项目实施情况本年度共实施项目21个，均已完工。\n四、存在问题及措施一是前期工作不充分，二是调整较多。\n"
    )
    assert [
        f for f in check_text(text, report_type="auto").findings if f.rule == "punct.heading_run_on"
    ] == []
    one = text.replace("一、部门基本情况本局", "一、部门基本情况\n本局").replace(
        "二、部门收支情况2023", "二、部门收支情况\n2023"
    )
    one = one.replace("四、存在问题及措施一是", "四、存在问题及措施\n一是")
    (found,) = [f for f in check_text(one, report_type="auto").findings if f.rule == "punct.heading_run_on"]
    assert "本年度" in found.message


def test_an_ellipsis_written_with_full_stops_is_a_wrong_ellipsis_not_a_doubled_stop():
    (found,) = punct("全年下达资金860.00万元。。。资金已全部拨付到位。")
    assert found.rule == "punct.ellipsis" and found.found == "。。。"


# ---------------------------------------------------------------------------------------------
# The group written before the rules were widened (bench: 新写的组合): GB/T 15834 slips


@pytest.mark.parametrize(
    ("sentence", "wrong", "right", "rule"),
    [
        ("每个乡镇配备{a}名专职护路员。", "三、四", "三四", "punct.pause_misused"),
        ("每批培训护路员{a}十人。", "二、三", "二三", "punct.pause_misused"),
        ("资金用于路面修补、边沟清理{a}标志标牌维护。", "、以及", "以及", "punct.pause_misused"),
        ("对县道、乡道{a}村道开展了集中整治。", "、和", "和", "punct.pause_misused"),
        ("全县开展“四好农村路{a}示范创建，创建示范路段12条。", "，”", "”", "punct.mark_before_closer"),
        (
            "各乡镇均通过县级验收（详见附表1{a}，全年养护里程1,260公里。",
            "，）",
            "）",
            "punct.mark_before_closer",
        ),
        (
            "按照《湘潭县农村公路养护考核办法{a}的要求，对各乡镇进行了考核。",
            "，》",
            "》",
            "punct.mark_before_closer",
        ),
        ("资金是否全部到位{a}经核查，资金已全部到位。", "？。", "？", "punct.mark_before_closer"),
        ("资金用于路面修补、边沟清理{a}，全年支出812.40万元。", "……等", "等", "punct.ellipsis"),
        ("资金用于路面修补、边沟清理{a}全年支出812.40万元。", "...", "等。", "punct.ellipsis"),
        ("部分路段存在路面破损、边沟堵塞{a}问题。", "......等", "等", "punct.ellipsis"),
        (
            "按照{a}的要求，对各乡镇进行了考核。",
            "〈湘潭县农村公路养护考核办法〉",
            "《湘潭县农村公路养护考核办法》",
            "punct.title_marks",
        ),
        (
            "按照{a}的要求，对各乡镇进行了考核。",
            "<<湘潭县农村公路养护考核办法>>",
            "《湘潭县农村公路养护考核办法》",
            "punct.title_marks",
        ),
        (
            "全县开展{a}示范创建，推行“路长制”养护模式。",
            '"四好农村路"',
            "“四好农村路”",
            "punct.straight_quotes",
        ),
    ],
)
def test_a_gb_t_15834_slip_is_reported_and_its_twin_is_not(sentence, wrong, right, rule):
    (found,) = punct(sentence.format(a=wrong))
    assert found.rule == rule
    assert punct(sentence.format(a=right)) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (
            "三，资金使用情况\n全年支出812.40万元。\n四、项目管理情况\n资金管理规范。",
            "三、资金使用情况\n全年支出812.40万元。\n四、项目管理情况\n资金管理规范。",
        ),
        (
            "（三），资金使用情况\n全年支出812.40万元。\n（四）项目管理情况\n资金管理规范。",
            "（三）资金使用情况\n全年支出812.40万元。\n（四）项目管理情况\n资金管理规范。",
        ),
    ],
)
def test_a_heading_number_followed_by_a_comma(wrong, right):
    (found,) = punct(wrong)
    assert found.rule == "punct.number_comma"
    assert punct(right) == []


@pytest.mark.parametrize(
    "twin",
    [
        "全年下达资金1,260.50万元，共养护农村公路1,260公里。",
        "会议于2023年3月15日10:30召开，会期1天。",
        "第一、二季度完成养护里程630公里，第三、四季度完成630公里。",
        "全县三、四级公路共1,260公里。",
        "本报告第三、四部分分别说明资金使用和项目管理情况。",
        "资金用于美丽乡村建设、和谐社区建设和平安乡镇建设。",
        "考核内容包括资金拨付、及时性和规范性。",
        "技术上可行、与财务预算相符，项目立项规范。",
        "负责人表示：“将进一步加强养护管理。”",
        "全县开展“四好农村路”“路长制”等改革，成效明显。",
        "按照《湖南省交通运输厅关于印发〈农村公路养护管理办法〉的通知》要求，制定了计划。",
        "依据《开远市财政局关于印发<开远市预算绩效管理暂行办法>的通知》，制定了计划。",
        "依据<开远市预算绩效管理暂行办法>，制定了计划。",
        "投诉率<5%，群众满意度>90%，路况指数≥80。",
        "第一、第二批资金已全部下达。",
        "首先，加强组织领导；其次，完善管理制度。",
        "（三）加强资金管理。\n（四）完善养护制度。\n（五）强化考核评价。",
        "根据《中共中央 国务院关于全面实施预算绩效管理的意见》，制定了计划。",
        "全面提高全社会的禁毒意识 毒品犯罪得到有力打击，成效明显。",
        "目录\n一、项目基本情况......3\n二、绩效目标完成情况......5",
    ],
)
def test_marks_of_figures_titles_and_layouts_that_are_right_are_left_alone(twin):
    assert punct(twin) == []
