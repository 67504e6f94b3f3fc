"""General fixes found on the second batch of real reports (tests/data/checker_eval 47–63, tuning
data since it was read): each on text reconstructed in our own words, with the true case that must
still fire and the consistent shape that must stay silent."""

from jixiao.domain.checker import ERROR, INFO, WARNING
from tests.domain.checker.helpers import findings, only

# --- parallel totals, each with a bracketed 其中 ------------------------------------------------------

PARALLEL_TOTALS = (
    "一、资金批复情况\n"
    "本项目分两期建设,一期批复总投资1200.5万元(其中土建工程1000万元),二期批复总投资800.25万元"
    "(其中土建工程650.5万元),合计批复总投资2000.75万元(其中土建工程1650.5万元)。\n"
)


def test_a_bracket_right_after_a_figure_lists_that_figures_parts():
    """The last bracket belongs to 合计…2000.75, not to the earlier 土建工程650.5 named like its part."""
    assert findings(PARALLEL_TOTALS, "parts.sum") == []


def test_a_bracketed_part_larger_than_its_own_total_still_fires():
    text = PARALLEL_TOTALS.replace("合计批复总投资2000.75万元", "合计批复总投资1500.75万元")
    found = only(text, "parts.sum")
    assert found.severity == ERROR
    assert "1500.75万元" in found.message and "1650.5万元" in found.message


def test_one_part_stated_twice_under_the_same_total_still_conflicts():
    """(Parts of totals about different things are two quantities: main's quantity.conflict,
    test_rules_shapes.test_the_same_label_under_two_totals_is_two_figures.)"""
    text = (
        "一、资金情况\n一期批复总投资1200.5万元(其中土建工程1000万元)。\n"
        "二、资金使用\n一期批复总投资1200.5万元(其中土建工程1100万元)。\n"
    )
    found = only(text, "quantity.conflict")
    assert found.severity == WARNING and "1000万元" in found.message and "1100万元" in found.message


# --- an opening excerpt is not a report that left its sections out ------------------------------------

OPENING = (
    "某县农村公路建设项目绩效自评报告\n"
    "一、资金批复情况\n本项目批复资金300万元。\n"
    "二、项目安排情况\n项目涉及3个乡镇,主要建设道路12公里。\n"
)


def test_a_text_with_only_its_first_two_sections_is_an_excerpt():
    found = findings(OPENING, "outline.required", report_type="xiangmu")
    assert [f.severity for f in found] == [INFO]
    assert "数据不足" in found[0].message


def test_a_complete_report_missing_sections_still_fires():
    text = OPENING + "三、绩效目标完成情况\n目标全部完成。\n四、存在的问题\n进度偏慢。\n"
    found = findings(text, "outline.required", report_type="xiangmu")
    assert [f.severity for f in found] == [WARNING, WARNING]
    assert {f.expected for f in found} == {"项目概况", "改进措施和建议"}


def test_a_short_report_that_ends_with_its_date_is_checked():
    text = OPENING + "某县交通运输局\n2022年3月1日\n"
    found = findings(text, "outline.required", report_type="xiangmu")
    assert found and all(f.severity == WARNING for f in found)


# --- parallel clauses joined by colons --------------------------------------------------------------


def test_parallel_duties_joined_by_colons_are_reported():
    text = "一、职责\n1.负责全县教育经费的管理,参与制定各项教育发展规划:提出改善办学条件的意见建议:组织实施学校建设。\n"
    found = only(text, "punct.colons")
    assert found.severity == WARNING and "分号" in found.message


def test_colons_that_introduce_or_fill_form_fields_stay_silent():
    assert findings("其中:基本支出:900.47万元。", "punct.colons") == []
    assert findings("项目实施单位:某县农业农村局 组织单位: 某县财政局\n", "punct.colons") == []
    assert findings("主要职责如下:一是管理经费;二是组织建设。", "punct.colons") == []
    assert findings("联系人:王明 联系电话:0730-1234567\n", "punct.colons") == []
    assert findings("“三公”经费:“三公”经费预算数5.00万元,其中:公务接待费1.50万元。", "punct.colons") == []


# --- a numbered heading run into its body -----------------------------------------------------------


def test_a_numbered_heading_run_into_its_body_is_reported():
    text = "(二)资金情况\n2、专项资金分配下达情况根据《关于下达2020年专项资金的通知》,下达资金100万元。\n"
    found = only(text, "punct.heading_run_on")
    assert found.found == "专项资金分配下达情况根据"


def test_a_heading_on_its_own_line_or_a_sentence_opening_with_the_word_is_silent():
    assert findings("2、专项资金分配下达情况\n根据通知,下达资金100万元。\n", "punct.heading_run_on") == []
    assert findings("2、专项资金分配下达情况:根据通知,下达资金100万元。\n", "punct.heading_run_on") == []
    text = "1、根据实际情况按照规定拨付资金。\n"
    assert findings(text, "punct.heading_run_on") == []


# --- a score row of a form pressed into one string ----------------------------------------------------


def test_a_run_together_rate_row_whose_score_is_below_weight_times_rate_is_reported():
    text = "项目管理(20分)资金管理预算执行率10—98%8财务管理制度健全5—健全5\n"
    found = only(text, "score.run_together")
    assert found.severity == WARNING
    assert found.expected == "10" and found.found == "8"  # 10 × 98% = 9.8 → 10


def test_a_run_together_rate_row_that_agrees_is_silent():
    assert findings("资金管理预算执行率10—98%10财务管理\n", "score.run_together") == []
    assert findings("资金管理预算执行率10—85.5%8.55财务管理\n", "score.run_together") == []
    assert findings("资金管理预算执行率10—100%10财务管理\n", "score.run_together") == []


# --- a template's evaluation year left unchanged ------------------------------------------------------


def test_an_indicator_note_evaluating_an_old_year_is_a_template_leftover():
    text = "某区2023年度部门整体支出绩效自评报告\n资产管理:该指标以2016年购置的固定资产为评价内容。\n"
    found = only(text, "template.stale_year")
    assert found.found == "2016年" and found.expected == "2023年"


def test_an_indicator_note_of_the_year_or_the_year_before_is_silent():
    text = "某区2023年度部门整体支出绩效自评报告\n该指标以2022年完工的项目为评价对象。\n"
    assert findings(text, "template.stale_year") == []


# --- a title that drops part of the unit's name -------------------------------------------------------


def test_a_file_title_missing_part_of_the_units_name_is_reported():
    text = (
        "中国农工民主党2022年度部门整体支出绩效自评报告.docx\n"
        "中国农工民主党某市某区委员会 2022 年度部门整体支出绩效自评报告 一、部门概况\n正文。\n"
    )
    found = only(text, "title.name_missing")
    assert found.found == "中国农工民主党" and "某市某区委员会" in found.message


def test_two_titles_of_different_years_or_the_same_name_are_silent():
    same = "某县妇女联合会2022年度部门整体支出绩效自评报告\n某县妇女联合会2022年度部门整体支出绩效自评报告\n"
    assert findings(same, "title.name_missing") == []
    other_year = (
        "某县妇联2021年度部门整体支出绩效自评报告\n某县妇联某镇委员会2022年度部门整体支出绩效自评报告\n"
    )
    assert findings(other_year, "title.name_missing") == []


# --- the year's goal against the indicator table -------------------------------------------------------

GOAL_AND_TABLE = (
    "年度总体目标:一是集中采购脱毒种苗300万株,免费发放给种植户;二是由合作社自行采购种苗100万株。"
    "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标数量指标指标1免费发放脱毒种苗"
    "{first}万株{first}万株10指标2合作社自行采购10100万株100万株10\n"
)


def test_an_output_of_the_goal_stated_otherwise_in_the_indicator_table_is_reported():
    found = only(GOAL_AND_TABLE.format(first="380"), "goal.indicator_conflict")
    assert found.severity == WARNING
    assert (found.expected, found.found) == ("300万株", "380万株")


def test_the_goal_and_the_indicator_table_that_agree_are_silent():
    assert findings(GOAL_AND_TABLE.format(first="300"), "goal.indicator_conflict") == []
    bound = GOAL_AND_TABLE.format(first="300").replace("免费发放脱毒种苗300万株", "免费发放脱毒种苗≥280万株")
    assert findings(bound, "goal.indicator_conflict") == []


# --- cells of a form run together are not doubled words or sentence ends -------------------------------


def test_a_period_ending_a_cell_of_a_run_together_form_is_not_a_sentence_end():
    form = (
        "效益指标(30分)社会效益指标指标1:改善办学条件10改善办学条件.改善办学条件.10指标2:"
        "满意度指标(10分)学生满意度10≥90%95%10\n"
    )
    assert findings(form, "punct.marks") == []
    assert only("本单位没有其他二级单位.人员情况如下。", "punct.marks").found == "."


# --- a year written without 年 before 项目 ------------------------------------------------------------


def test_a_year_without_nian_before_xiangmu_is_reported_and_a_count_of_items_is_not():
    found = only("某市卫生健康委员会2022项目绩效自评报告\n", "date.malformed")
    assert found.expected == "2022年"
    assert findings("全年共完成检测2022项,合格率100%。", "date.malformed") == []


# --- an empty header field of a form -------------------------------------------------------------------


def test_a_form_header_field_followed_only_by_empty_cells_is_unfilled():
    text = "2023年度部门整体支出绩效评价自评表\n单位 | |||||||\n序号 | 一级指标 | 分值 |\n"
    assert "单位" in only(text, "template.leftover").message
    filled = "2023年度部门整体支出绩效评价自评表\n单位 | 某县财政局 ||||||\n序号 | 一级指标 | 分值 |\n"
    assert findings(filled, "template.leftover") == []
    one_cell_a_line = "单位 |\n某县财政局 |\n"
    assert findings(one_cell_a_line, "template.leftover") == []


# --- one project named two ways ---------------------------------------------------------------------


def test_one_project_named_two_ways_is_reported():
    text = (
        "一、资金情况\n我局实施某县2022年度中央财政衔接资金农村供水保障提升改造项目,总投资500万元。\n"
        "二、项目安排\n我局承担的某县2022年财政以工代赈资金农村供水保障提升改造项目涉及5个乡镇。\n"
    )
    found = only(text, "name.project_variant")
    assert found.severity == WARNING
    assert "2022年财政以工代赈资金农村供水保障提升改造项目" in found.message


def test_projects_of_different_levels_or_one_name_twice_are_silent():
    levels = (
        "下达2022年中央农村供水保障提升改造项目资金300万元,2022年省级农村供水保障提升改造项目资金200万元。\n"
    )
    assert findings(levels, "name.project_variant") == []
    same = "实施2022年农村供水保障提升改造项目。2022年农村供水保障提升改造项目已完工。\n"
    assert findings(same, "name.project_variant") == []


# --- the self-evaluation score against the points a run-together form shows as lost ------------------

RUN_TOGETHER_FORM = (
    "某县项目支出绩效自评表(2022年)项目名称农村道路养护自评得分{total}\n"
    "一级指标二级指标三级指标分值指标值全年实际值得分项目决策(10分)目标明确性5一目标明确5依据充分性5一依据充分5"
    "项目管理(30分)预算执行率10一96%9财务制度健全性10一制度健全10资金到位率10一100%10"
    "项目产出(40分)养护里程10120公里120公里10完成时间102022年11月完成2022年11月完成8质量达标率20达标达标20"
    "项目效益(20分)群众满意度20满意满意17\n"
)


def test_a_stated_total_above_what_the_lost_points_allow_is_reported():
    found = only(RUN_TOGETHER_FORM.format(total="98"), "score.total_bound")
    assert found.severity == WARNING
    assert found.expected == "≤94" and "共扣6分" in found.message  # 1 + 2 + 3 lost


def test_a_stated_total_within_the_bound_is_silent():
    assert findings(RUN_TOGETHER_FORM.format(total="94"), "score.total_bound") == []
    assert findings(RUN_TOGETHER_FORM.format(total="90"), "score.total_bound") == []


# --- completing the year's work as a whole is no effect to measure ------------------------------------


def test_completing_all_the_years_tasks_needs_no_number_but_an_effect_does():
    assert findings("圆满完成了各项工作任务,保证了机关正常运转。", "claim.no_number") == []
    assert findings("全面完成全部目标任务。", "claim.no_number") == []
    assert only("圆满完成了培训任务。", "claim.no_number").location.quote == "圆满完成"
    assert findings("群众满意度明显提高。", "claim.no_number")


def test_the_goal_against_the_indicator_table_in_kilometres():
    text = (
        "年度目标:新建农村公路12.5公里,改造危桥3座。绩效指标一级指标二级指标三级指标分值指标值实际完成值得分"
        "数量指标新建农村公路里程1015公里15公里10改造危桥数量103座3座10\n"
    )
    found = only(text, "goal.indicator_conflict")
    assert (found.expected, found.found) == ("12.5公里", "15公里")
    assert findings(text.replace("1015公里15公里", "1012.5公里12.5公里"), "goal.indicator_conflict") == []


def test_form_fields_run_together_are_not_parallel_clauses():
    fields = "项目名称:农村饮水安全巩固提升工程项目负责人:王明联系电话略。\n"
    assert findings(fields, "punct.colons") == []
