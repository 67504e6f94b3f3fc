"""False alarms found on fresh report openings nobody annotated (the warnscan pass): lists with a
name's aside in brackets, forms flattened with their cells glued together, quantities with
their unit, and the like. Texts are our own; each fix has a consistent text that stays silent and,
where it makes sense, a twin with a real defect that still fires."""

from jixiao.domain.checker import ERROR
from tests.domain.checker.helpers import findings, only

# --- count.items -------------------------------------------------------------------------------


def test_a_name_with_an_aside_in_brackets_does_not_cut_the_list():
    text = (
        "一、部门基本情况\n县妇联机关设办公室、组织联络部(宣传部)、权益部、家庭儿童工作部"
        "(妇女儿童活动中心)、发展部共5个内设机构。\n"
    )
    assert findings(text, "count.items") == []
    # the same list with a wrong count is still an error
    wrong = text.replace("共5个", "共7个")
    found = only(wrong, "count.items")
    assert found.severity == ERROR and found.found == "5"


def test_kinds_of_units_each_standing_for_several_are_not_a_list_of_names():
    text = "6月10日,全县各成员单位、各乡镇卫生院(站)及志愿者队伍共41家单位参加了义诊活动。\n"
    assert findings(text, "count.items") == []


# --- forms flattened with their cells glued together -------------------------------------------

GLUED_FORM = (
    "项目支出绩效自评表(2022年度)项目名称河道保洁专项经费主管部门县水利局项目资金(万元)"
    "年初预算数全年预算数全年执行数分值执行率得分年度资金总额505010100%其中:当年财政拨款505010100%"
    "产出指标数量指标保洁河道长度20公里20公里2020质量指标保洁合格率95%96%1515"
    "满意度指标群众满意度是否达标是是\n"
)


def test_cells_of_a_glued_form_are_not_read_as_dates_rates_or_doubled_words():
    for rule in ("date.malformed", "value.impossible", "punct.run_on", "typo.doubled"):
        assert findings(GLUED_FORM, rule) == [], rule


def test_prose_keeps_its_checks_next_to_a_glued_form():
    prose = "本年度完成河道保洁20公里,群众满意度达105%,资金执行率100%。对2022水利资金开展了自评。\n"
    assert findings(prose, "value.impossible")
    assert findings(prose, "date.malformed")


def test_a_glued_column_header_is_not_a_doubled_word():
    header = "绩效指标\n一级指标二级指标三级指标指标值全年实际完成值未完成原因\n"
    assert findings(header, "typo.doubled") == []
    assert only("本项目的服务对象对象满意度较高。\n", "typo.doubled").found == "对象对象"


# --- date.malformed: a quantity with its unit ----------------------------------------------------


def test_a_four_digit_area_or_length_is_not_a_year():
    text = "新建文体活动广场一处,占地面积2000平方米,修缮步道2025延米,清淤2010立方米。\n"
    assert findings(text, "date.malformed") == []
    assert only("对2023专项资金开展了绩效自评。\n", "date.malformed").found == "2023"


# --- quantity.conflict: items of an inline enumeration ------------------------------------------


def test_the_same_wording_in_items_of_an_inline_enumeration_is_not_one_quantity():
    text = (
        "一、自评工作开展情况\n2023年我局实施项目12个,分为三类:一是农村饮水维修养护经费合计86万元,"
        "已于本年度支出86万元,执行率100%;二是小型水库安全运行经费合计1203.5万元,已于本年度支出"
        "1203.5万元,执行率100%;三是河湖长制工作经费合计42万元,已于本年度支出42万元。\n"
    )
    assert findings(text, "quantity.conflict") == []
    # the same spending stated twice, differently, outside an enumeration still conflicts
    twice = "一、自评工作开展情况\n我局已于本年度支出86万元,执行率100%;年末我局已于本年度支出68万元。\n"
    assert findings(twice, "quantity.conflict")


# --- parts.sum: the whole stated again after the parts --------------------------------------------


def test_a_whole_stated_again_after_the_parts_is_not_a_part():
    text = (
        "2023年上级下达我县妇女“两癌”检查补助资金58万元,其中宫颈癌检查资金40万元,乳腺癌检查资金18万元,"
        "全年实际拨付52.6万元,执行率90.7%。\n"
    )
    assert findings(text, "parts.sum") == []
    text = (
        "2022年省级安排水利救灾资金9600万元,其中中央资金7200万元、省级资金2400万元,"
        "全省水利救灾资金共支出15326.8万元。\n"
    )
    assert findings(text, "parts.sum") == []
    # parts that overrun the total still fire
    over = "2023年下达补助资金58万元,其中宫颈癌检查资金40万元,乳腺癌检查资金28万元。\n"
    assert findings(over, "parts.sum")


# --- name.project_variant: the place or level the money is of -----------------------------------


def test_our_county_and_the_county_named_are_one_place():
    text = (
        "根据上级文件要求,我们开展了2022年泸溪县农村危房改造工程绩效自评。\n"
        "2022年我县农村危房改造工程共改造危房126户,全部通过验收。\n"
    )
    assert findings(text, "name.project_variant") == []


def test_a_province_and_the_central_level_name_whose_money_it_is():
    text = (
        "一、2023年度中央财政农村危房改造工程资金绩效自评\n"
        "2023年度湖南省农村危房改造工程中央和省级资金共计3.2亿元。\n"
    )
    assert findings(text, "name.project_variant") == []
    # two wordings of the money itself still differ
    text = (
        "2021年度财政衔接资金统筹整合使用道路建设项目已完工。\n"
        "2021年财政涉农资金统筹整合使用道路建设项目验收合格。\n"
    )
    assert findings(text, "name.project_variant")


# --- outline.required: the official outline of a transfer payment's self-evaluation ---------------

TRANSFER_OUTLINE = (
    "某县2023年度农业生产发展资金绩效自评报告\n"
    "一、绩效目标分解下达情况\n2023年上级下达我县农业生产发展资金320万元。\n"
    "二、绩效目标完成情况分析\n资金执行率100%,完成耕地地力保护补贴发放。\n"
    "三、偏离绩效目标的原因和下一步改进措施\n部分指标设定不够细化,下一步将加强指标设定。\n"
    "四、绩效自评结果拟应用和公开情况\n自评结果将在县政府网站公开。\n"
)


def test_the_official_outline_of_a_transfer_payment_has_every_required_section():
    assert findings(TRANSFER_OUTLINE, "outline.required", report_type="auto") == []
    # a report that leaves out the problems and the overview is still told
    bare = TRANSFER_OUTLINE.replace("一、绩效目标分解下达情况", "一、资金使用情况").replace(
        "三、偏离绩效目标的原因和下一步改进措施", "三、下一步工作打算"
    )
    missing = {f.expected for f in findings(bare, "outline.required", report_type="auto")}
    assert missing == {"项目概况", "存在的问题"}


def test_a_text_that_stops_in_the_first_subsection_of_its_last_section_is_an_excerpt():
    text = (
        "某镇2022年度衔接资金项目绩效自评报告\n一、绩效目标分解下达情况\n下达资金40万元。\n"
        "二、绩效自评开展情况\n镇里组织人员开展了自评。\n三、绩效目标自评完成情况分析\n"
        "(一)资金投入情况分析\n1、年度资金40万元。\n2、项目资金执行率为100%。\n"
    )
    assert [f.severity for f in findings(text, "outline.required", report_type="auto")] == ["info"]


# --- report type: a text without a title -------------------------------------------------------


def test_an_untitled_transfer_payment_self_evaluation_is_a_project_report():
    from jixiao.domain.checker.api import detect_report_type

    text = "一、绩效目标分解下达情况\n省卫生健康委下达我县计划生育转移支付资金86万元,用于奖励扶助。\n"
    assert detect_report_type(text) == "xiangmu"
    assert findings(text + "资金全部到位。\n", "key_figures.missing", report_type="auto") == []
    cited = (
        "根据《关于开展2023年度部门绩效自评和部门评价的通知》要求,我局对2023年度林业专项资金"
        "开展了绩效评价,现将情况报告如下:\n一、基本情况\n"
    )
    assert detect_report_type(cited) == "xiangmu"
    # a text that speaks of the whole department is still read as one
    whole = "一、部门基本情况\n县档案馆部门整体支出186万元,其中基本支出150万元,专项资金36万元。\n"
    assert detect_report_type(whole) == "zhengti"


# --- rate.recompute: a rate of an allocation whose paid amount is not printed ---------------------


def test_a_rate_after_an_allocation_alone_is_not_recomputed_against_an_earlier_total():
    text = "2023年上级下达我县残疾人两项补贴资金260万元,全年实际下达225万元,已全额发放,发放率100%。\n"
    assert [f.severity for f in findings(text, "rate.recompute")] == ["info"]
    # a paid amount that is printed is still recomputed
    paid = "2023年上级下达我县残疾人两项补贴资金260万元,全年实际发放225万元,发放率100%。\n"
    assert findings(paid, "rate.recompute")


# --- list.numbering: an item after a cell of a form flattened with spaces --------------------------


def test_an_item_after_a_score_cell_of_a_flattened_form_is_not_skipped():
    text = (
        "评价标准及依据 有年度工作计划计 2 分,没有不得分。 1、单位财务管理制度 1 分; 财务制度 3 3 "
        "2、项目管理制度 1 分; 3、有制度执行佐证资料 1 分。\n"
    )
    assert findings(text, "list.numbering") == []
    skipped = "主要做法:1.建立台账,逐户核实。2.按月发放补贴。4.开展回访抽查。\n"
    assert only(skipped, "list.numbering").found == "4."


# --- date.malformed: a range of years closed by one 年 ----------------------------------------------


def test_a_range_of_years_closed_by_one_nian_is_not_a_missing_nian():
    text = "2019至2021年期间项目预算总额1200万元,2020到2022年累计支出1100万元。\n"
    assert findings(text, "date.malformed") == []
    assert [f.found for f in findings("2019至2021项目预算总额1200万元。\n", "date.malformed")] == [
        "2019",
        "2021",
    ]


# --- rate.conflict: a sentence that opens by naming one fund ----------------------------------------


def test_the_rate_of_a_fund_named_at_the_sentence_start_is_not_the_whole_bodys():
    text = (
        "中央财政补助资金全年共86万元,已全部拨付,预算执行率100%。"
        "草原禁牧补助资金全年共12万元,当年未使用,预算执行率0%。\n"
    )
    assert findings(text, "rate.conflict") == []
    twice = "本年度预算执行率100%,各项工作顺利完成。经核对,本年度预算执行率为92.5%。\n"
    assert findings(twice, "rate.conflict")


# --- parts.sum: parts that include reductions ---------------------------------------------------------


def test_parts_that_include_a_reduction_are_not_summed_as_if_all_were_added():
    text = (
        "根据文件下达我单位资金1.6万元,其中:造林补助2.4万元,公益林补偿资金调减2.7万元,退耕还林补助1.9万元。\n"
    )
    assert findings(text, "parts.sum") == []


# --- headings and sections run into one paragraph ------------------------------------------------------


def test_a_numbered_heading_that_opens_with_a_year_is_a_heading():
    text = "1、2022年度河长制工作经费绩效自评报告一、项目概况\n2、河湖巡查和保洁情况。\n3、资金使用情况。\n"
    assert findings(text, "heading.numbering") == []


def test_a_total_before_a_heading_run_into_the_text_is_not_the_total_of_the_next_parts():
    text = (
        "一、绩效目标分解下达情况省财政厅下达我县2022年非遗保护专项资金12万元,二、绩效目标完成情况分析"
        "(一)资金投入情况分析1.项目资金到位情况,其中专项资金12万元于2022年3月到位,2.项目资金执行情况,"
        "传承人补助8万元,展演活动经费4万元。\n"
    )
    assert findings(text, "parts.sum") == []
    over = "省财政厅下达我县2022年非遗保护专项资金12万元,其中传承人补助8万元,展演活动经费6万元。\n"
    assert findings(over, "parts.sum")
