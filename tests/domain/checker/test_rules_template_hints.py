"""A template's writing hints left in a report (template.instruction) and a form left unfilled
(template.unfilled), written here in other words than any report of the evaluation set: the hint
that must be reported, and beside it a report's own account of the same shape that stays silent."""

from tests.domain.checker.helpers import findings

HEAD = "青禾县林业和草原局2023年度项目支出绩效自评报告\n"


def fired(body, rule="template.instruction"):
    return findings(HEAD + body + "\n", rule, report_type="auto")


# --- imperative sentences of the template -----------------------------------------------------


def test_an_instruction_after_a_frame_is_named():
    body = "二、绩效目标完成情况\n对照项目申报时的绩效目标,逐条说明各项指标的实现情况。\n三、存在问题\n资金拨付偏慢。"
    assert fired(body)
    body = "二、偏差分析\n围绕预算执行与产出指标逐项分析。\n三、下一步打算\n加快进度。"
    assert fired(body)


def test_an_instruction_opening_its_sentence_with_a_length_limit_is_named():
    body = "四、评价结论\n简要说明本项目自评得分及主要成效(300字以内)\n五、附件\n评分表一份。"
    found = fired(body)
    assert (found and "300字以内" in found[0].message) or "说明" in found[0].message


def test_a_conditional_instruction_about_the_report_is_named():
    body = "备注:年度中途调整产出指标的,须在报告中予以说明。\n一、基本情况\n本局下设3个股室。"
    assert fired(body)


def test_the_reports_own_account_with_the_same_verbs_stays_silent():
    silent = (
        "二、绩效目标完成情况\n对照年初目标,我局逐项说明了12项指标的完成情况,均已达到预期。\n"
        "根据抽查结果分析,造林成活率为93%。\n"
        "结合现场核查,说明项目管护效果良好。\n"
        "说明:本表金额单位为万元,公用经费填报基本支出中的商品和服务支出。\n"
        "(三)分析存在的问题及原因\n个别乡镇报账滞后。\n"
        "现将有关情况说明如下:\n全年完成造林1.2万亩。\n"
        "依据管护合同,对各标段的管护质量进行分析。"
    )
    assert not fired(silent)


def test_an_adverb_before_the_frame_is_read_through():
    assert fired("(三)偏差情况\n请围绕当年产出指标,简要说明未完成的原因。\n(四)整改\n已整改。")
    assert fired("(三)偏差情况\n着重结合抽查结果逐项说明。\n(四)整改\n已整改。")


def test_an_indicator_definition_beginning_with_its_verb_stays_silent():
    # indicator tables explain each indicator with '反映…情况' / '分析…' : not a hint
    silent = (
        "| 资金到位率 | 反映项目资金的到位情况。 | 10 | 10 |\n| 预算执行率 | 分析预算执行进度。 | 10 | 9 |"
    )
    assert not fired(silent)


# --- a list of topics under a heading ---------------------------------------------------------


def test_a_list_of_topics_right_under_a_heading_is_named():
    body = "(一)项目基本情况。主要包括立项依据、建设内容和资金安排等。\n(二)绩效目标\n完成管护面积。"
    assert fired(body)
    # a text flattened from a PDF, the heading run on from the title before it
    body = "报告正文一、部门概况:含机构设置、人员编制及主要职责。我局内设4个股室。"
    assert fired(body)


def test_a_list_of_topics_on_the_line_after_its_heading_is_named():
    assert fired("(二)绩效目标\n包括长期目标和年度目标。\n年度完成造林800亩。")
    assert fired("2.评价内容\n主要包括决策、过程、产出和效益等方面情况。\n评价组查阅了资料。")


def test_a_heading_followed_by_the_reports_own_list_stays_silent():
    silent = (
        "(一)机构设置。包括办公室、资源股和执法大队等3个内设机构。\n"
        "(二)主要工作。主要包括完成退化草原修复、开展森林防火巡查等。\n"
        "(三)项目内容。包括苗木采购、整地和栽植。\n"
        "(四)资金情况。我局资金来源主要包括财政拨款和上年结转等。\n"
        "全年工作主要包括防火、防虫和管护等方面情况。\n"
        "(五)人员情况。包括在职人员和退休人员。\n"
        "(六)项目内容\n本项目主要包括苗圃改造、灌溉设施和管护用房等方面内容。"
    )
    assert not fired(silent)


# --- brackets that limit the length or say how to write ---------------------------------------


def test_a_bracket_limiting_the_length_or_saying_how_to_write_is_named():
    assert fired("摘要(1500字左右)\n本项目总投资80万元。")
    assert fired("(二)人员和机构情况(须列出内设股室名称及编制人数)\n内设股室4个。")
    assert fired("三、支出明细(可以附表形式列示)\n全年支出80万元。")
    assert fired("五、结论(字数不超过800字)\n本项目自评得分95分。")
    assert fired("(三)目标完成情况(未完成的,请逐项说明原因)\n全部完成。")


def test_a_bracket_of_the_reports_own_stays_silent():
    silent = (
        "全年培训护林员120人次(按照培训签到表统计)。\n"
        "支出80万元(详见附表2)。\n"
        "执行率未达到90%的需说明原因(100字以内);本项目执行率为98%。\n"
        "信息公开(已在县政府网站公开)。\n"
        "(请据实填写)\n"
    )
    assert not fired(silent)


# --- a form left unfilled ---------------------------------------------------------------------


def test_options_on_lines_of_their_own_none_ticked_are_named():
    body = "评价方式:单位自评☑\n第三方评价□\n评价机构:本单位评价小组□\n委托机构□\n报告日期:2024年3月1日\n一、基本情况"
    found = fired(body, "template.unfilled")
    assert len(found) == 1 and "评价机构" in found[0].message


def test_a_year_cut_short_is_named_and_a_full_year_stays_silent():
    assert fired("项目负责人: 202\n一、基本情况\n本项目于2023年实施。", "template.unfilled")
    assert fired("报告日期:201 年 5 月\n一、基本情况", "template.unfilled")
    assert not fired("报告日期:2019年5月\n全县201户农户受益,2020年完成。", "template.unfilled")


def test_stars_for_a_figure_are_named_unless_the_text_masks_its_figures():
    assert fired("建设育苗大棚(面积≥**平方米)。", "template.unfilled")
    masked = "全县普查单位****户,建设育苗大棚(面积≥**平方米),文号〔****〕12号。"
    assert not fired(masked, "template.unfilled")


def test_a_field_with_only_its_name_between_filled_fields_is_named():
    body = "项目名称:退化林修复\n项目单位 青禾县林草局\n主管部门\n评价方式:单位自评\n一、基本情况"
    found = fired(body, "template.unfilled")
    assert found and "主管部门" in found[0].message
    # the field's name and its value on two lines, the value filled, is silent
    silent = "项目名称:退化林修复\n主管部门\n青禾县林草局\n一、基本情况"
    assert not fired(silent, "template.unfilled")


def test_a_field_run_on_from_a_title_and_followed_by_the_unit_is_named():
    assert fired("附表1:项目资金明细表填报单位:单位:万元\n合计 80", "template.unfilled")
    assert not fired("附表1:项目资金明细表填报单位:青禾县林草局 单位:万元\n合计 80", "template.unfilled")


def test_a_form_row_with_an_amount_left_out_is_named():
    body = (
        "预算执行情况 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 得分 |\n"
        "年度资金总额 | 120 | 118.5 | 98.75% | 10 |\n"
    )
    found = fired(body, "template.unfilled")
    assert found and "年度资金总额" in found[0].message
    body = "资金执行 | 预算数 | 执行数 | 预算执行率 | 分值 | 得分 |\n合计 | 56.3 | 100% | 20 | 20 |\n"
    assert fired(body, "template.unfilled")


def test_a_form_row_with_all_its_amounts_stays_silent():
    silent = (
        "预算执行情况 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 得分 |\n"
        "年度资金总额 | 120 | 120 | 118.5 | 98.75% | 10 |\n"
        "其中:财政拨款 | 120 | 120 | 118.5 | 98.75% | / |\n"
    )
    assert not fired(silent, "template.unfilled")
    # a group's name over the amounts: the header has a cell more than the rows
    grouped = (
        "预算执行情况 | 年度资金(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 得分 |\n"
        "总额 | 40 | 40 | 39 | 97.50% | 10 |\n"
    )
    assert not fired(grouped, "template.unfilled")
