"""False alarms and misses found on the fifth batch of the evaluation set: list markers “1)”,
forms flattened with their cells glued together, web-page buttons, and the like. Texts are
reconstructed in our own words; each fix has a consistent text that stays silent and a true case
that still fires."""

from jixiao.domain.checker import WARNING
from tests.domain.checker.helpers import findings, only

# --- punct.brackets ----------------------------------------------------------------------------


def test_list_markers_with_a_closing_bracket_only_are_not_stray_brackets():
    text = (
        "本中心的主要职责是：\n\n1)负责全区的新闻宣传工作,把握舆论导向。\n\n"
        "2)负责各新媒体平台(网站、微信、客户端等)的维护管理。\n\n3)完成上级交办的其他事项。a)其一。"
    )
    assert findings(text, "punct.brackets") == []
    # a closer after a word is still stray
    stray = only("本年度完成了道路修缮)并按期验收。\n下一段。", "punct.brackets")
    assert stray.found == ")"


def test_a_form_flattened_with_glued_cells_is_not_read_for_brackets():
    glued = (
        "部门整体绩效自评表主管部门财政处室自评总分(分)95部门预算执行情况相)资金年初预算数全年(调整)预算数"
        "全年执行数执行率(%)执行率权重执行率得分(分)80%108.0指标名称“三公经费变动率%100%22否“三公经费控制率%100%22否"
    )
    assert findings(glued + "\n下一段。", "punct.brackets") == []
    # prose that names the same columns with words between them is still read
    prose = "全年预算数120万元，全年执行数96万元，执行率80%，执行率权重10分，执行率得分8分)。\n下一段。"
    assert only(prose, "punct.brackets").found == ")"


def test_a_web_page_button_cut_off_by_the_copy_is_page_text():
    text = "发布时间:2021-02-03 10:20 来源:某县商务局 浏览:\n【字体大小:\n\n为做好项目建设，开展了自评。\n"
    assert findings(text, "punct.brackets") == []
    assert only("【重要提示:本项目资金已拨付。\n下一段。", "punct.brackets").found == "【"


# --- heading.numbering -------------------------------------------------------------------------

SUMMARY_AND_MAIN_TEXT = (
    "某区体育经费项目绩效评价报告\n目录\n摘要\n一、项目概况\n二、评价结论\n三、经验和建议\n正文\n"
    "一、项目基本情况\n二、绩效评价工作情况\n三、评价结论和绩效分析\n四、存在的问题和建议\n"
    "摘要\n一、项目概况\n本项目用于全民健身设施。\n二、评价结论\n总体评价为良。\n"
)


def test_a_summary_and_a_main_text_each_numbered_from_one_are_two_parts():
    assert findings(SUMMARY_AND_MAIN_TEXT, "heading.numbering") == []
    # without a part name between them, a step back from 三、 to 一、 is still reported
    flat = "某单位绩效自评报告\n一、基本情况\n内容。\n二、绩效目标\n内容。\n三、自评结论\n内容。\n一、存在问题\n内容。\n"
    assert "顺序颠倒" in only(flat, "heading.numbering").message


# --- punct.marks -------------------------------------------------------------------------------


def test_a_dot_leader_left_in_a_table_of_contents_is_not_a_full_stop():
    toc = "目录\n1 摘要.\n2\n一、项目概况\n2\n二、评价结论\n3\n"
    assert findings(toc, "punct.marks") == []
    assert only("经费列入本级财政预算.国家已经建成了健身设施网络。\n", "punct.marks").found == "."
    assert only("经费列入本级财政预算.\n下一段说明了用途。\n", "punct.marks").found == "."


# --- list.numbering ----------------------------------------------------------------------------


def test_a_page_number_between_two_list_items_does_not_hide_the_next_number():
    text = (
        "主要职责：1.负责新闻宣传;2.负责设备维护。 3.负责平台管理等事项。 -2- 4.市级分发。 "
        "5.负责新技术培训。\n"
    )
    assert findings(text, "list.numbering") == []
    skipped = text.replace("5.负责新技术培训", "6.负责新技术培训")
    assert only(skipped, "list.numbering").found == "6."


# --- consistency.measures_without_problems -----------------------------------------------------

_MEASURES = (
    "某馆2022年免费开放项目绩效自评报告\n一、项目概况\n本项目保障免费开放。\n"
    "二、存在的问题和原因分析\n{problems}\n三、下一步改进措施\n1.加强对申报项目的指导。\n2.建议:无。\n"
)


def test_one_unnumbered_problem_is_a_problem_listed():
    text = _MEASURES.format(problems="经费不足。按现有资金量难以提供更多服务。")
    assert findings(text, "consistency.measures_without_problems") == []
    for none in ("无。", "暂无。", "未发现问题。"):
        assert len(findings(_MEASURES.format(problems=none), "consistency.measures_without_problems")) == 1


# --- quantity.conflict -------------------------------------------------------------------------


def test_the_same_label_in_two_numbered_project_items_is_two_quantities():
    text = (
        "2021年度项目绩效评价情况如下:\n\n"
        "1、东山村农田道路建设项目,铺设砂石路8公里。2021年下达财政专项扶贫资金150万元,实际已支付140万元。\n\n"
        "2、西山村集贸市场建设项目,新建管理用房一座。2021年度下达财政专项扶贫资金90万元,实际已支付85万元。\n"
    )
    assert findings(text, "quantity.conflict") == []
    # one project's item stating its allocation twice, differently, is still a conflict
    same = (
        "2021年度项目绩效评价情况如下:\n\n"
        "1、东山村农田道路建设项目,2021年下达财政专项扶贫资金150万元。\n\n"
        "经复核,2021年下达财政专项扶贫资金160万元,实际已支付140万元。\n"
    )
    assert len(findings(same, "quantity.conflict")) == 1


# --- parts.sum ---------------------------------------------------------------------------------


def test_parts_after_colon_go_on_past_a_bracketed_aside_and_a_semicolon():
    text = (
        "经公开招标,某公司中标,合同价为1650000.00元,其中:改造工程费1200000.00元,其他费用50000.00元"
        "(监理费40000.00元,咨询费10000.00元);支付2019年、2020年场地补助经费30万元,展品购置经费10万元。\n"
    )
    assert findings(text, "parts.sum") == []
    short = text.replace("展品购置经费10万元", "展品购置经费5万元")
    assert only(short, "parts.sum").severity == "warning"


def test_a_first_list_number_that_lost_its_opener_is_still_a_stray_bracket():
    text = "主要职能:1)宣传党的路线方针政策;(2)组织举办文艺演出;(3)辅导培训业务干部。\n下一段。"
    assert only(text, "punct.brackets").found == ")"


# --- punct.doubled_marks, punct.bracket_number_mark, list.bare_number (rules_slips) ------------


def test_two_marks_in_a_row_are_a_slip():
    finding = only("3、某村蔬菜大棚建设项目,:新建大棚4座,已通过验收。\n", "punct.doubled_marks")
    assert finding.found == ",:" and finding.severity == WARNING
    assert findings("3、某村蔬菜大棚建设项目:新建大棚4座,已通过验收。\n", "punct.doubled_marks") == []
    assert findings("| 项目 | ,: |\n", "punct.doubled_marks") == []


def test_a_bracketed_number_with_a_comma_beside_ones_without_is_a_slip():
    text = (
        "一、项目投入\n(一)、项目申报\n内容。\n(二)资金落实\n内容。\n二、项目过程\n(一)、项目管理\n内容。\n"
    )
    found = findings(text, "punct.bracket_number_mark")
    assert [f.found for f in found] == ["(一)、", "(一)、"]
    # a document that writes every bracketed number with the comma has a consistent style
    consistent = "一、概况\n(一)、设施建设:更新展板。\n(二)、宣传力度:开展活动。\n(三)、活动开展:举办讲座。\n"
    assert findings(consistent, "punct.bracket_number_mark") == []


def test_a_bare_list_number_beside_marked_ones_is_a_slip():
    text = "本年支出622.5万元\n其中:1、运行维护经费\n300\n2专项资金\n322.5\n"
    finding = only(text, "list.bare_number")
    assert finding.found == "2专" and "1、" in finding.message
    # a list written bare throughout, and amounts at a line's start, stay silent
    bare = (
        "依据如下:\n1短信费用项目。依据:某文件。\n2手机渠道项目。依据:某通知。\n3政务对接项目。\n4.其他。\n"
    )
    assert findings(bare, "list.bare_number") == []
    assert findings("1.资金情况\n5万元用于培训。\n3个项目已完工。\n", "list.bare_number") == []


# --- template.empty_heading ---------------------------------------------------------------------


def test_an_outline_heading_with_nothing_under_it_is_a_template_left_unfilled():
    text = (
        "一、部门基本情况\n(一)部门概况\n1.主要职能\n本中心负责公积金的归集和使用。\n2.机构设置\n内设科室6个。\n"
        "3.年度工作计划及重点任务\n(二)年度履职目标\n1.保证机构正常运转。\n"
    )
    finding = only(text, "template.empty_heading")
    assert finding.found == "3.年度工作计划及重点任务"
    filled = text.replace("3.年度工作计划及重点任务\n", "3.年度工作计划及重点任务\n全年完成归集任务。\n")
    assert findings(filled, "template.empty_heading") == []
    # a heading whose line goes on, and a table of contents, are not empty headings
    inline = text.replace("3.年度工作计划及重点任务\n", "3.年度工作计划。全年完成归集任务。\n")
    assert findings(inline, "template.empty_heading") == []
    contents = "目录\n一、部门概况\n(一)机构设置\n(二)固定资产情况\n二、绩效目标\n正文\n一、部门概况\n(一)机构设置\n内容。\n"
    assert findings(contents, "template.empty_heading") == []
    # “1.单位基本情况” over “(一)…”: a document that ranks its marks the other way
    inverted = "一、概况\n1.单位基本情况\n(一)机构设置。内设3个科室。\n(二)人员情况。在编10人。\n"
    assert findings(inverted, "template.empty_heading") == []


def test_a_forms_filling_instruction_left_on_its_own_line_is_a_template_leftover():
    text = "其中:1、运行维护经费\n300\n2、专项资金\n(每个项目一行)\n慰问资金\n200\n"
    assert only(text, "template.form_instruction").found == "(每个项目一行)"
    assert findings("本项目按要求如实填写了自评表(见附件一行说明)。\n", "template.form_instruction") == []
    assert findings("其中:1、运行维护经费\n300\n(单位:万元)\n", "template.form_instruction") == []


def test_a_word_in_brackets_written_again_after_them_is_a_doubled_name():
    text = "为双城经济圈和西部(四川)四川新城建设营造良好氛围。\n"
    finding = only(text, "name.bracket_repeat")
    assert finding.found.endswith("(四川)四川")
    assert findings("为双城经济圈和西部(四川)新城建设营造良好氛围。\n", "name.bracket_repeat") == []
    assert findings("中国(上海)自由贸易试验区上海片区。\n", "name.bracket_repeat") == []


# --- punct.heading_run_on (wider shapes) --------------------------------------------------------


def test_a_heading_with_an_aside_or_ending_in_anpai_run_into_its_body():
    aside = "(三)项目资金(主要是指财政资金)使用情况资金支付情况如下:全年支付120万元。\n"
    assert only(aside, "punct.heading_run_on").found.startswith("项目资金(主要是指财政资金)使用情况")
    anpai = "(二)资金安排和下达情况。\n  1.市内资金安排我市共安排项目资金500万元。\n"
    assert only(anpai, "punct.heading_run_on").found == "市内资金安排我市"
    # headings closed by a mark, and “具体如下:” after a title, stay silent
    assert (
        findings("(三)项目资金使用情况。资金支付情况如下:全年支付120万元。\n", "punct.heading_run_on") == []
    )
    assert findings("1.市内资金安排。我市共安排项目资金500万元。\n", "punct.heading_run_on") == []
    assert findings("(一)资金使用情况具体如下:全年支付120万元。\n", "punct.heading_run_on") == []


# --- punct.missing_stop, punct.score_item_colon ------------------------------------------------


def test_a_new_sentence_right_after_a_closing_bracket_lacks_its_full_stop():
    text = "共安排补助资金600万元(其中3个示范县每县150万元,其余为上年尾款)我市随即下达了资金。\n"
    assert only(text, "punct.missing_stop").found == ")我市"
    assert findings(text.replace("尾款)我市", "尾款)。我市"), "punct.missing_stop") == []
    assert findings("资金(含上年结转)按照合同约定支付。\n", "punct.missing_stop") == []


def test_a_name_run_into_the_next_field_lacks_a_comma():
    assert only("项目负责人为李明华联系电话:13800000000。\n", "punct.missing_stop").expected == "李明华,"
    assert findings("项目负责人为李明华,联系电话:13800000000。\n", "punct.missing_stop") == []
    # a form flattened into one string (“联系人王芳联系电话”) has no marks anywhere: not reported
    assert findings("部门联系人王芳联系电话部门预算执行情况\n", "punct.missing_stop") == []


def test_a_score_item_without_the_colon_its_siblings_have():
    text = (
        "(一)资金落实\n(1)资金到位率:收到省级资金50万元。得2分。\n(2)资金到位及时率得2分。\n"
        "(二)项目管理\n(1)管理制度健全性:制定了管理办法,得2分。\n"
    )
    finding = only(text, "punct.score_item_colon")
    assert finding.expected == "(2)资金到位及时率:得2分"
    assert findings(text.replace("及时率得2分", "及时率:资金及时到位,得2分"), "punct.score_item_colon") == []


# --- punct.list_colon --------------------------------------------------------------------------


def test_names_glued_to_their_count_lack_a_colon():
    text = "本馆内设4个业务科室办公室、展览部、研究部、信息部。\n"
    assert only(text, "punct.list_colon").found == "4个业务科室办公室"
    assert findings("本馆内设4个业务科室:办公室、展览部、研究部、信息部。\n", "punct.list_colon") == []
    assert findings("成立3个工作组分别负责宣传、培训、督查。\n", "punct.list_colon") == []
    assert findings("本馆内设4个业务科室办公室、展览部、研究部。\n", "punct.list_colon") == []


# --- staff.over_quota ----------------------------------------------------------------------------


def test_staff_of_a_kind_above_that_kinds_quota():
    text = "3.人员情况。本单位行政编制 2 个,事业编制 3 个,实有行政编制人员 4 人,合计在岗人数为 5 人。\n"
    finding = only(text, "staff.over_quota")
    assert (finding.expected, finding.found) == ("不超过2", "4")
    assert "多2人" in finding.message
    assert findings(text.replace("人员 4 人", "人员 2 人"), "staff.over_quota") == []
    assert findings(text.replace("合计在岗", "因机构改革暂时超编,合计在岗"), "staff.over_quota") == []
    assert findings("参公编制10名,实有参公人员9名。\n", "staff.over_quota") == []


# --- punct.list_end ------------------------------------------------------------------------------


def test_a_list_of_names_ending_a_paragraph_without_a_stop_before_a_heading():
    text = (
        "(一)机构组成\n本局共有独立核算单位5个。其他事业单位3个:东城片区服务所、西城片区服务所、南城片区服务所\n"
        "(二)人员概况\n在职人员20人。\n"
    )
    finding = only(text, "punct.list_end")
    assert finding.expected == "城片区服务所。"
    assert findings(text.replace("南城片区服务所\n", "南城片区服务所。\n"), "punct.list_end") == []
    # a paragraph ending without a stop in other shapes is information only (punct.paragraph_end)
    other = "(一)人员\n本单位实有人员9名,工勤人员1名。另有退休人员14名\n(二)支出\n支出100万元。\n"
    assert findings(other, "punct.list_end") == []


def test_a_quarter_or_a_floor_at_a_lines_start_is_no_list_number():
    text = "1.进度情况\n3季度完成主体工程。\n2.质量情况\n5层楼完成装修。\n"
    assert findings(text, "list.bare_number") == []


def test_a_count_before_activities_is_no_list_of_names():
    assert findings("组织3个村开展培训、宣传、检查。\n", "punct.list_colon") == []
    assert findings("完成3个乡镇的道路、桥梁、水渠建设。\n", "punct.list_colon") == []
