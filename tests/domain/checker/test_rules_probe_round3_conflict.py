"""Shapes from the probe set's third round (tests/data/checker_probe p8–p10) of the kinds conflict,
name and count.names: a count and the names it stands for, one quantity stated twice. Each with
look-alikes that must stay silent, in wording of our own."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

HEAD = "安化县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule)


def errors(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.severity == "error"]


# ---------------------------------------------------------------------------------------------
# count.names: a bracket after the counted noun


def test_a_bracket_that_qualifies_the_counted_noun_does_not_hide_the_list_after_it():
    body = "项目覆盖库区{}个乡(镇),具体是:东坪镇、柘溪镇、马路镇、江南镇。"
    (finding,) = fired(body.format(5), "count.items")
    assert finding.severity == "error" and "说5个" in finding.message and "4个" in finding.message
    assert not fired(body.format(4), "count.items")
    other = "全年抽查参建企业{}家(含监理单位),分别为:湘中建设公司、益阳水电公司、华禹监理公司。"
    assert fired(other.format(4), "count.items")
    assert not fired(other.format(3), "count.items")


def test_names_in_a_bracket_right_after_a_count_are_its_list_read_as_a_warning():
    body = "会同{}个部门(县财政局、县自然资源局、县农业农村局、县林业局)开展联合督查。"
    (finding,) = fired(body.format(6), "count.items")
    assert finding.severity == "warning" and "说6个" in finding.message
    assert not fired(body.format(4), "count.items")
    second = "下辖{}所学校(城南小学、城北小学)参与试点。"
    assert fired(second.format(3), "count.items")
    assert not fired(second.format(2), "count.items")


def test_a_bracket_that_names_only_examples_or_a_breakdown_is_no_list_of_all():
    for aside in (
        "如县财政局、县审计局",
        "包括县财政局、县审计局",
        "县财政局、县审计局等",
        "其中县直2家、乡镇3家",
        "县财政局2人、县审计局3人",
    ):
        assert not fired(f"邀请5家单位({aside})参加评审。", "count.items"), aside


# ---------------------------------------------------------------------------------------------
# stock.changed: staff counts stated twice


def test_staff_that_money_is_for_are_the_bodys_staff():
    said = "截至2023年12月31日,全局在职人员42人,退休人员17人。\n二、部门整体支出情况\n"
    body = "基本支出312.40万元,主要用于保障在职人员{}人、退休人员17人的工资福利。"
    (finding,) = fired(said + body.format(43), "stock.changed")
    assert "42人" in finding.message and "43人" in finding.message and finding.severity == "warning"
    assert not fired(said + body.format(42), "stock.changed")
    paid = "人员经费用于支付在编人员{}人的工资和社会保险缴费。"
    staff = "本局共有在编人员27人。\n二、部门整体支出情况\n"
    assert fired(staff + paid.format(25), "stock.changed")
    assert not fired(staff + paid.format(27), "stock.changed")


def test_a_count_with_no_point_in_time_is_not_held_against_one_of_two_points():
    said = "年初在职人员40人,年末在职人员42人。\n二、部门整体支出情况\n"
    # 40 at the start of the year, 42 at its end: a count naming neither may be either
    assert not fired(said + "基本支出主要用于保障在职人员40人的工资福利。", "stock.changed")
    assert not fired(said + "基本支出主要用于保障在职人员42人的工资福利。", "stock.changed")


def test_a_count_with_no_point_in_time_is_of_the_stated_one_only_when_its_sentence_agrees_with_it():
    said = "截至12月31日,在职人员42人,退休人员17人。\n二、部门整体支出情况\n"
    body = "基本支出主要用于在职人员{}人、退休人员{}人的工资福利。"
    assert fired(said + body.format(44, 17), "stock.changed")  # 17 retired as at the year's end
    # retired counted otherwise: the sentence may speak of another moment (the year's average)
    assert not fired(said + body.format(44, 16), "stock.changed")
    assert not fired(said + "基本支出主要用于在职人员44人的工资福利。", "stock.changed")


def test_a_cell_of_a_form_without_a_label_of_its_own_takes_its_rows():
    said = (
        "年末在职人员120人,其中专业技术人员96人。\n二、绩效指标完成情况\n|一级指标|指标|目标值|完成值|说明|\n"
    )
    (finding,) = fired(said + f"|产出|在职人员| / |{102}人|年末数|", "stock.changed")
    assert "120人" in finding.message and "102人" in finding.message
    assert not fired(said + "|产出|在职人员| / |120人|年末数|", "stock.changed")
    # a row with a target and an actual value states the label twice on purpose
    assert not fired(said + "|产出|在职人员|118人|121人|基本持平|", "stock.changed")


def test_a_form_read_one_cell_a_line_pairs_its_headers_with_its_values():
    head = "安化县疾病预防控制中心2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
    prose = "中心核定编制{}名,年末实际在职28人。\n"
    form = "附表\n基础数据表\n财政供养人员情况(人)\n编制数\n2023年实际在职人数\n控制率\n30\n28\n93.33%\n资金情况(元)\n"
    (finding,) = findings(head + prose.format(32) + form, "stock.changed")
    assert "32名" in finding.message and "这里写30" in finding.message
    assert not findings(head + prose.format(30) + form, "stock.changed")
    staff = "中心在职人员{}人。\n"
    assert findings(head + staff.format(26) + form, "stock.changed")
    assert not findings(head + staff.format(28) + form, "stock.changed")
    # the values of another header run (no stock label among the headers paired) are not read so
    other = "附表\n基础数据表\n项目\n金额\n编制数\n48\n"
    assert not findings(head + prose.format(32) + other, "stock.changed")


# ---------------------------------------------------------------------------------------------
# count.conflict: one count whose label is worded two ways

PROJECT = "桃江县2023年度高素质农民培育项目绩效自评报告\n一、项目基本情况\n"
LATER = "\n二、绩效目标完成情况\n"


def counted(first, second):
    return findings(PROJECT + first + LATER + second + "\n", "count.conflict", report_type="xiangmu")


def test_a_count_whose_label_has_its_words_in_another_order():
    first = "全年共培训新型职业农民人员320人,培训补助标准每人3,000元。"
    (finding,) = counted(first, "新型职业农民培训335人,完成年度目标。")
    assert "320人" in finding.message and "335人" in finding.message and finding.severity == "warning"
    assert not counted(first, "新型职业农民培训320人,完成年度目标。")
    # one part of the report: maybe two batches side by side
    assert not counted(first + "新型职业农民培训335人。", "培训合格率96%。")


def test_the_people_a_project_reaches_after_two_verbs_of_reaching():
    first = "项目惠及全县脱贫户2,310户,户均增收1,200元。"
    (finding,) = counted(first, "从效果看,项目覆盖脱贫户2,130户。")
    assert "2310户" in finding.message and "2130户" in finding.message
    assert not counted(first, "从效果看,项目覆盖脱贫户2,310户。")
    # training is no verb of reaching: the trained may be some of those reached
    assert not counted(first, "从效果看,培训脱贫户2,130户。")
    second = "资金保障全市社区网格员{}人。"
    assert counted("全年服务社区网格员640人。", second.format(604))
    assert not counted("全年服务社区网格员640人。", second.format(640))


def test_a_count_within_another_count_is_keyed_by_both():
    first = "项目涉及8个乡镇45个村,以庭院式改造为主。"
    (finding,) = counted(first, "实施范围覆盖8个乡镇54个村,与方案一致。")
    assert "45个" in finding.message and "54个" in finding.message
    assert not counted(first, "实施范围覆盖8个乡镇45个村,与方案一致。")
    # a sample of them is another count
    assert not counted(first, "评价组抽查了3个乡镇的12个村。")


# ---------------------------------------------------------------------------------------------
# quantity.conflict: a stage of the budget worded otherwise than a key quantity; a heading run
# into its sentence


def test_a_budget_stage_in_another_wording_is_compared_as_the_bodys():
    first = "本年调整后预算为{}万元,决算支出512.30万元。\n二、部门整体支出情况\n"
    second = "全年调整后预算526.40万元,预算执行率97.32%。"
    (finding,) = fired(first.format("562.40") + second, "quantity.conflict")
    assert (
        "562.40万元" in finding.message and "526.40万元" in finding.message and finding.severity == "warning"
    )
    assert not fired(first.format("526.40") + second, "quantity.conflict")
    approved = "年初批复{}万元。\n二、部门整体支出情况\n本部门年初批复318.00万元,年中追加20.00万元。"
    assert fired(approved.format("381.00"), "quantity.conflict")
    assert not fired(approved.format("318.00"), "quantity.conflict")


def test_another_stage_or_an_items_budget_is_no_conflict():
    body = "年初批复318.00万元。\n二、部门整体支出情况\n调整后预算338.00万元,决算支出330.10万元。"
    assert not fired(body, "quantity.conflict")
    item = "年初批复318.00万元。\n二、项目支出情况\n1.河道保洁:年初批复38.00万元,支出37.50万元。"
    assert not fired(item, "quantity.conflict")


def test_a_heading_run_into_its_sentence_is_no_part_of_the_figures_label():
    flat = (
        "安化县机关事务中心2024年度部门整体支出绩效自评报告 一、部门基本情况 本中心负责机关后勤保障。"
        "二、部门预算执行情况 年初预算742.10万元,年中追加60.00万元,调整后预算802.10万元。"
        "三、存在问题调整后预算数{}万元,较年初预算增加较多,预算编制不够精细。"
    )
    (finding,) = findings(flat.format("820.10"), "quantity.conflict")
    assert "802.10万元" in finding.message and "820.10万元" in finding.message
    assert not findings(flat.format("802.10"), "quantity.conflict")
    # a heading in brackets that names a part of the report, before the label of a balance
    balance = (
        "安化县机关事务中心2024年度部门整体支出绩效自评报告 本中心负责机关后勤保障。(一)收支情况上年结转{}万元,本年收入800.00万元,"
        "本年支出790.00万元,年末结转结余22.00万元。"
    )
    assert not findings(balance.format("12.00"), "balance.identity")
    (wrong,) = findings(balance.format("21.00"), "balance.identity")
    assert "上年结转21.00万元" in wrong.message and "收支情况" not in wrong.message


# ---------------------------------------------------------------------------------------------
# table.prose_conflict: the project's total of money in prose against the form's fund row

ROAD = "桃江县2023年度农村公路养护资金项目支出绩效自评报告\n一、项目概况\n{}\n二、项目支出绩效自评表\n"
FORM = (
    "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 1,100.00 | 1,240.60 | 1,180.20 | 10 | 95.13% | 9.51 |\n"
)


def against_form(prose):
    return findings(ROAD.format(prose) + FORM, "table.prose_conflict", report_type="xiangmu")


def test_the_projects_total_in_prose_is_the_forms_full_year_budget():
    said = "2023年全县农村公路养护资金总额{}万元,截至年末已支出1,180.20万元。"
    (finding,) = against_form(said.format("1,204.60"))
    assert "1,240.60万元" in finding.message and "资金总额1204.60万元" in finding.message
    assert finding.severity == "warning"
    assert not against_form(said.format("1,240.60"))
    assert not against_form(said.format("1,100.00"))  # the total budgeted at the year's start
    plain_total = "项目资金总额{}万元,全部为县级财政资金。"
    assert against_form(plain_total.format("1,420.60"))
    assert not against_form(plain_total.format("1,240.60"))


def test_a_total_of_a_part_or_of_another_project_is_not_the_forms():
    assert not against_form("中央资金总额1,204.60万元,其余为县级配套。")
    assert not against_form("其中桥梁维修资金总额204.60万元。")


def test_a_count_followed_by_what_the_counted_things_have_is_no_threshold():
    first = "项目覆盖全县乡镇,受益学校23所,受益学生1.2万人。"
    (finding,) = counted(first, "项目实施后,受益学校21所的寄宿生住宿条件明显改善。")
    assert "23所" in finding.message and "21所" in finding.message
    assert not counted(first, "项目实施后,受益学校23所的寄宿生住宿条件明显改善。")
    # a scoring rule's threshold still is one
    assert not counted(first, "评分标准:受益学校达到21所的得5分。")


def test_a_short_label_with_the_thing_counted_after_its_unit():
    first = "全县11个乡镇综合文化站、186个村级综合服务中心纳入补助范围。"
    (finding,) = counted(first, "全县12所乡镇综合文化站均完成免费开放。")
    assert "11个" in finding.message and "12所" in finding.message
    assert not counted(first, "全县11所乡镇综合文化站均完成免费开放。")
    # a short label of its own before the count: another count of the same things
    assert not counted(first, "抽查5个乡镇综合文化站,均达标。")


def test_a_forms_row_of_label_and_value_cells():
    form = "| 编制人数 | 32 | 实有人数 | 30 |\n二、部门整体支出情况\n"
    (finding,) = fired(form + f"本局实有人数{31}人,承担全县气象服务。", "stock.changed")
    assert "前面写30" in finding.message and "这里写31人" in finding.message
    assert not fired(form + "本局实有人数30人,承担全县气象服务。", "stock.changed")
    assert fired(form + "本局核定编制34名。", "stock.changed")
    assert not fired(form + "本局核定编制32名。", "stock.changed")


def test_the_body_named_by_a_demonstrative_is_the_body_and_prose_after_the_form_is_read():
    form = (
        "(二)资金情况。本院部门预算资金情况见下表(单位:万元)。\n"
        "|项目|年初预算数|全年预算数|全年执行数|执行率|\n"
        "|年度资金总额| 1,532.40 | 1,690.10 | 1,672.35 | 98.95% |\n"
        "三、绩效分析\n(一)投入情况。该院年初预算{}万元,年中追加157.70万元。\n"
    )
    (finding,) = fired(form.format("1,523.40"), "table.prose_conflict")
    assert "1,532.40万元" in finding.message and "1523.40万元" in finding.message
    assert not fired(form.format("1,532.40"), "table.prose_conflict")
    twice = "本院年初预算{}万元。\n二、部门整体支出情况\n年初预算612.50万元,调整后预算640.00万元。"
    assert fired(twice.format("621.50"), "quantity.conflict")
    assert not fired(twice.format("612.50"), "quantity.conflict")


# ---------------------------------------------------------------------------------------------
# count.conflict: measures (吨, 平方米, 公里 …) stated twice


def test_a_measure_in_prose_against_the_same_row_of_the_indicator_form():
    first = "项目新建机耕道6.4公里,硬化晒坪{}平方米。"
    form = "|产出指标|硬化晒坪面积|≥1,200平方米|1,260平方米|完成|\n"
    # the prose label and the row's name differ: nothing compared
    assert not counted(first.format("1,320"), form)
    first = "项目新建机耕道6.4公里,硬化晒坪面积{}平方米。"
    (finding,) = counted(first.format("1,320"), form)
    assert "1,320平方米" in finding.message and "1,260平方米" in finding.message
    assert not counted(first.format("1,260"), form)
    # the row's bound is the target, not a second statement of the measure
    assert not counted(first.format("1,200"), "|产出指标|硬化晒坪面积|≥1,200平方米|完成|\n")


def test_a_measure_stated_twice_in_prose():
    first = "全年完成河道清淤疏浚{}万立方米,新建护岸2.6公里。"
    (finding,) = counted(first.format("3.8"), "经验收,河道清淤疏浚4.2万立方米,工程质量合格。")
    assert "3.8万立方米" in finding.message and "4.2万立方米" in finding.message
    assert not counted(first.format("4.2"), "经验收,河道清淤疏浚4.2万立方米,工程质量合格。")
    # a plan or a bound is another figure
    assert not counted(first.format("4.2"), "计划河道清淤疏浚5万立方米。")
    assert not counted(first.format("4.2"), "要求河道清淤疏浚不低于5万立方米。")
    # parts in a bracket after a total are no label of their own
    parts = "建设林果基地21.7万亩(核桃10.0万亩、花椒9.4万亩)。"
    assert not counted(parts, "其中2017年建设林果基地10.8万亩(核桃7.3万亩、花椒2.4万亩)。")


# ---------------------------------------------------------------------------------------------
# name: the unit's own name with a character dropped, for kinds of body named by their ending


def test_the_own_name_of_a_party_school_or_a_cooperative_with_a_character_dropped():
    school = (
        "中共安化县委党校2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
        "中共安化县委党校承担全县干部培训任务。下一步,{}将加强现场教学。\n"
    )
    (finding,) = findings(school.format("中共安化县党校"), "name.variant")
    assert "中共安化县党校" in finding.message and finding.severity == "warning"
    assert not findings(school.format("中共安化县委党校"), "name.variant")
    coop = (
        "安化县供销合作社2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
        "安化县供销合作社负责农资供应。{}年内新建庄稼医院3个。\n"
    )
    assert findings(coop.format("安化县供销合社"), "name.variant")
    assert not findings(coop.format("安化县供销合作社"), "name.variant")


def test_the_actual_value_of_an_indicators_line_against_the_prose():
    prose = "全年举办农民夜校培训班24期,培训农民{}人次。\n"
    table = "(二)主要绩效指标\n1.培训农民人次:年度指标值2,000人次,实际完成2,316人次,完成率115.80%;\n"
    body = "二、绩效目标完成情况\n(一)产出\n" + prose + table
    (finding,) = findings(
        PROJECT + "项目面向全县农民。\n" + body.format("2,136") + "\n",
        "count.conflict",
        report_type="xiangmu",
    )
    assert "2136人次" in finding.message and "2316人次" in finding.message
    assert not findings(
        PROJECT + "项目面向全县农民。\n" + body.format("2,316") + "\n",
        "count.conflict",
        report_type="xiangmu",
    )
    # the target of the line is no statement of the actual value
    other = table.replace("实际完成2,316人次", "实际完成2,000人次")
    assert not findings(PROJECT + "二、绩效目标\n" + other, "count.conflict", report_type="xiangmu")


def test_an_indicators_actual_value_is_not_held_against_its_target_stated_in_a_part_on_targets():
    body = (
        "(二)绩效目标\n2.绩效指标:资助困难学生覆盖1,300人;完成家访800户。\n"
        "二、绩效目标完成情况\n(1)资助困难学生覆盖人数:目标值1,300人,实际1,342人,完成率103.23%。\n"
        "(2)家访户数:目标值800户,实际812户。\n"
    )
    assert not findings(PROJECT + body, "count.conflict", report_type="xiangmu")


# ---------------------------------------------------------------------------------------------
# quantity.conflict: a form whose columns are years and stages against the prose


FUND = (
    "| 年度预算(万元) | 年初预算数 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 512.00 | 540.00 | 528.00 |\n"
)


def test_a_form_of_years_and_stages_against_the_prose_of_the_same_subject_stage_and_year():
    form = (
        FUND + '| "三公"经费(万元) | 2022年决算数 | 2023年预算数 | 2023年决算数 |\n| 6.12 | 6.50 | 5.48 |\n'
    )
    said = '二、部门整体支出情况\n2023年"三公"经费决算{}万元,比上年减少0.64万元。\n'
    (finding,) = fired(form + said.format("5.84"), "quantity.conflict")
    assert "5.48万元" in finding.message and "5.84万元" in finding.message and finding.severity == "warning"
    assert not fired(form + said.format("5.48"), "quantity.conflict")
    # another stage or another year of the same subject is another figure
    assert not fired(form + '二、部门整体支出情况\n2023年"三公"经费预算6.50万元。\n', "quantity.conflict")
    assert not fired(form + '二、部门整体支出情况\n2022年"三公"经费决算6.12万元。\n', "quantity.conflict")
    rows = FUND + (
        "| 项目(万元) | 2022年决算数 | 2023年预算数 | 2023年决算数 |\n"
        "| 公务接待费 | 1.20 | 1.50 | 1.35 |\n"
        "二、部门整体支出情况\n2023年公务接待费决算{}万元。\n"
    )
    assert fired(rows.format("1.53"), "quantity.conflict")
    assert not fired(rows.format("1.35"), "quantity.conflict")


def test_a_forms_header_of_stock_labels_over_a_row_of_values():
    form = "| 指标 | 编制数 | 实际在职人数 | 控制率 |\n| 财政供养人员 | 40 | 37 | 92.50% |\n二、部门整体支出情况\n"
    (finding,) = fired(form + f"全局实际在职人数{38}人。", "stock.changed")
    assert "前面写37" in finding.message and "这里写38人" in finding.message
    assert not fired(form + "全局实际在职人数37人。", "stock.changed")
    shifted = "| 财政供养人员情况(人) | 编制数 | 实际在职人数 | 控制率 |\n| 40 | 37 | 92.50% |\n二、部门整体支出情况\n"
    assert fired(shifted + "本局核定编制42名。", "stock.changed")
    assert not fired(shifted + "本局核定编制40名。", "stock.changed")


def test_a_header_over_a_row_for_each_unit_is_no_statement_of_the_bodys_staff():
    form = (
        "本局由局机关和2个下属单位组成,核定编制58名。\n二、部门整体支出情况\n"
        "| 单位名称 | 编制数 | 实有人数 |\n| 局机关 | 20 | 19 |\n| 县水文站 | 16 | 15 |\n| 县灌溉中心 | 22 | 21 |\n"
        "| 合计 | 58 | 55 |\n"
    )
    assert not fired(form, "stock.changed")


def test_a_form_one_cell_a_line_with_a_row_for_each_unit_is_not_read_as_the_bodys():
    head = "安化县疾病预防控制中心2023年度部门整体支出绩效自评报告\n一、部门基本情况\n中心核定编制58名,实有人数55人。\n"
    form = "附表\n单位名称\n编制数\n实有人数\n中心本级\n36\n34\n检验所\n22\n21\n"
    assert not findings(head + form, "stock.changed")
