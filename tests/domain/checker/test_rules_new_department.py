"""Wordings of a department nobody here modelled (a county 妇联 of three staff, written for this
test): slips planted in them that an earlier run of the checker missed, each beside the sound
text of the same shape that must stay silent."""

from tests.domain.checker.helpers import findings, only

HEAD = "青川县妇女联合会2023年度部门整体支出绩效评价报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


USES = "项目资金25.00万元，{}：一是妇女技能培训12.00万元；二是留守儿童关爱{}万元；三是宣传活动4.20万元。"


def test_a_use_list_that_says_how_many_parts_it_has_is_the_whole():
    for opener in ("主要用于三个方面", "共三个方面", "具体用于以下三个方面"):
        finding = only(HEAD + USES.format(opener, "8.50") + "\n", "parts.sum")
        assert finding.severity == "error" and "24.7万元" in finding.message, opener
        assert not fired(USES.format(opener, "8.80"), "parts.sum"), opener


def test_the_sum_clause_after_a_list_of_uses_is_no_member_of_it():
    body = "资金用于三个方面：一是妇女技能培训12.00万元；二是留守儿童关爱8.80万元；三是宣传活动4.20万元，合计25.00万元。"
    assert not fired(body, "count.items")
    assert not fired(body, "list.total")
    wrong = body.replace("8.80", "8.50")
    assert "0.3万元" in only(HEAD + wrong + "\n", "list.total").message
    assert not fired(wrong, "count.items")


def test_an_income_listed_before_its_sum_stands_for_the_sum():
    body = (
        "2023年收入：财政拨款55.00万元，其他收入5.00万元，共计60.00万元。全年支出52.30万元，年末结余{}万元。"
    )
    assert not fired(body.format("7.70"), "balance.identity")
    finding = only(HEAD + body.format("8.70") + "\n", "balance.identity")
    assert "共计60.00万元−全年支出52.30万元=7.7万元" in finding.message


def test_counts_written_before_what_they_count_and_their_total():
    # a county health commission's own wording (written for this test)
    body = "全县{}个乡镇卫生院和198个村卫生室全部纳入基本公共卫生服务项目管理，共212个服务网点。"
    assert not fired(body.format(14), "list.total")
    finding = only(HEAD + body.format(12) + "\n", "list.total")
    assert finding.severity == "warning" and finding.expected == "210个" and finding.found == "212个"
    # a count of something else between the items and the total is no total of them
    assert not fired("全县12个乡镇卫生院和198个村卫生室，其中共3个卫生院通过验收。", "list.total")


def test_rates_per_mille_against_the_comparison_word():
    assert not fired("婴儿死亡率为2.1‰，低于年度目标4‰。", "compare.words")
    assert "前者不大于后者" in only(HEAD + "婴儿死亡率为2.1‰，高于年度目标4‰。\n", "compare.words").message


def test_a_managed_rate_is_not_read_against_the_counts_of_another_member_of_its_sentence():
    body = (
        "全年为辖区65岁及以上老年人提供健康管理服务58,320人次，完成年度目标55,000人次的106.04%；"
        "高血压患者规范管理率达到72.5%，糖尿病患者规范管理率达到70.8%。"
    )
    assert not fired(body, "rate.counts")
    # the members summed by a rate of its own member still are read
    summed = "调查家长1,200人，满意1,128人，满意度94%；两类合计1,500人，满意1,407人，综合满意度{}%。"
    assert not fired(summed.format("93.8"), "rate.counts")
    assert fired(summed.format("94.8"), "rate.counts")


def test_a_project_named_basic_is_no_basic_spending():
    # '基本公共卫生服务项目' is a project's name, not 基本支出: its own budget is its rate's base
    body = (
        "全年共实施项目5个，项目资金共计4,318.70万元，主要用于以下五个方面：\n"
        "1.基本公共卫生服务项目2,860.40万元，年初预算2,900.00万元，执行率{}%；\n"
        "2.重大传染病防控项目612.30万元；\n3.妇幼健康服务项目385.00万元；\n"
        "4.家庭医生签约服务项目261.00万元；\n5.乡村医生补助200.00万元。\n"
    )
    assert not [f for f in fired(body.format("98.63"), "rate.recompute") if f.severity != "info"]
    assert "98.63%" in only(HEAD + body.format("97.63") + "\n", "rate.recompute").message


PROJECT = "桃源县农业农村局2023年度高标准农田建设项目支出绩效评价报告\n一、项目基本情况\n"


def project_fired(body, rule):
    return findings(PROJECT + body + "\n", rule, report_type="auto")


def test_measures_listed_under_a_whole_after_qizhong():
    body = "建设面积2.1万亩，其中漳江镇0.8万亩、陬市镇{}万亩、热市镇0.6万亩。"
    assert not project_fired(body.format("0.7"), "list.measure_total")
    finding = only(PROJECT + body.format("0.9") + "\n", "list.measure_total")
    assert finding.severity == "error" and finding.expected == "2.3万亩"
    # less than the whole is only worth a look (a 其中 list may name some parts)
    assert only(PROJECT + body.format("0.5") + "\n", "list.measure_total").severity == "warning"
    # the list ends where a clause of another kind begins
    stores = "计划规模8,000吨，其中小麦3,000吨、稻谷5,000吨，由县粮食购销公司（5,000吨）和城南粮库（3,000吨）承储。"
    assert not project_fired(stores, "list.measure_total")


def test_names_before_their_count_past_a_year_and_zai():
    body = "2023年我县在漳江、陬市、热市{}个镇实施高标准农田建设。"
    assert not project_fired(body.format(3), "count.items")
    assert "说4个" in only(PROJECT + body.format(4) + "\n", "count.items").message


def test_measures_against_the_comparison_word():
    assert not project_fired("亩均粮食产能提高82公斤，高于目标值80公斤。", "compare.words")
    assert (
        "82公斤低于80公斤"
        in only(PROJECT + "亩均粮食产能提高82公斤，低于目标值80公斤。\n", "compare.words").message
    )
    assert project_fired("完成造林1.2万亩，高于计划1.5万亩。", "compare.words")


def test_the_prose_restating_the_forms_target_leaves_its_actual_value_to_compare():
    body = (
        "绩效目标：新建和改造灌排渠道65公里。\n项目共新建和改造灌排渠道65.3公里。\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 产出指标 | 数量指标 | 灌排渠道长度 | 65公里 | {}公里 | 10 | 10 |"
    )
    assert not project_fired(body.format("65.3"), "indicator.prose_conflict")
    assert only(PROJECT + body.format("66.3") + "\n", "indicator.prose_conflict").expected == "66.3公里"


def test_a_deduction_explained_by_its_group_or_by_what_its_name_implies():
    table = (
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 产出指标 | 时效指标 | 完工及时率 | 100% | 90% | 10 | 6 |\n"
        "| 效益指标 | 可持续影响 | 耕地质量等级提升 | 0.5个等级 | 0.5个等级 | 10 | 8 |\n"
    )
    explained = table + "六、存在的问题\n一是部分工程进度滞后；二是可持续影响指标缺少量化值。\n"
    assert not project_fired(explained, "consistency.deduction_unexplained")
    silent = table + "六、存在的问题\n一是管护机制不健全；二是宣传不够。\n"
    assert len(project_fired(silent, "consistency.deduction_unexplained")) == 2


def test_a_mean_whose_total_holds_an_extra_amount_named_after_it():
    # a county disabled persons' federation's wording (written for this test)
    body = "残疾人康复救助资金836,500.00元，为167名残疾儿童提供康复训练，每人每年5,000.00元，另支付辅具适配费{}元。"
    assert not fired(body.format("1,500.00"), "mean.recompute")
    # an extra that does not make up the difference leaves the mean unexplained
    assert fired(body.format("2,500.00"), "mean.recompute")


TOWN = "宁乡市双江口镇人民政府2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def test_the_actual_against_the_budget_and_the_saving_stated():
    body = "2023年“三公”经费决算10.85万元，比年初预算12.00万元节约{}万元。"
    assert not findings(TOWN + body.format("1.15") + "\n", "compare.words", report_type="auto")
    finding = only(TOWN + body.format("1.25") + "\n", "compare.words", report_type="auto")
    assert finding.expected == "1.15万元" and finding.found == "1.25万元"
    assert findings(
        TOWN + "全年支出13.20万元，比预算12.00万元超支1.30万元。\n", "compare.words", report_type="auto"
    )


def test_a_balance_against_the_accounts_table_of_the_year():
    table = (
        "2023年度收支情况见下表（单位：万元）：\n"
        "| 项目 | 年初预算 | 调整后预算 | 决算数 | 执行率 |\n"
        "| 收入合计 | 2,860.00 | 3,214.50 | 3,214.50 | 100.00% |\n"
        "| 支出合计 | 2,860.00 | 3,214.50 | 3,105.80 | 96.62% |\n"
        "全年结余{}万元，主要为项目结转资金。\n"
    )
    assert not findings(TOWN + table.format("108.70"), "balance.identity", report_type="auto")
    finding = only(TOWN + table.format("118.70"), "balance.identity", report_type="auto")
    assert finding.expected == "108.7万元"


JUSTICE = "攸县司法局2023年度部门整体支出绩效评价报告\n一、部门基本情况\n"


def justice_fired(body, rule):
    return findings(JUSTICE + body + "\n", rule, report_type="auto")


def test_a_whole_rate_in_its_own_member_after_a_list_of_parts():
    body = "全年支出1,249.72万元，其中基本支出803.15万元、项目支出446.57万元；预算执行率{}%。"
    head = "2023年部门预算收入1,286.40万元，全部为一般公共预算财政拨款；"
    assert not [
        f for f in justice_fired(head + body.format("97.15"), "rate.recompute") if f.severity != "info"
    ]
    wrong = [f for f in justice_fired(head + body.format("96.15"), "rate.recompute") if f.severity != "info"]
    assert wrong and "1249.72万元÷1286.40万元=97.15%" in wrong[0].message


def test_counts_changed_by_words_that_open_their_clause():
    body = "年初在册社区矫正对象186人，全年新接收142人，解除矫正151人，年末在册{}人。"
    assert not justice_fired(body.format(177), "count.changes")
    assert only(JUSTICE + body.format(179) + "\n", "count.changes").expected == "177人"
    # a change that names a thing of its own ('新增培训班') is no change of the total's count
    assert not justice_fired("年初确定重点项目8个，年中新增培训班3个，全年共实施项目12个。", "count.changes")


def test_a_rate_of_the_count_right_before_it_named_with_a_word_of_its_own():
    body = "全年受理法律援助案件1,128件，其中刑事案件402件、民事案件693件、行政案件33件；办结1,096件，结案率{}%。"
    assert not justice_fired(body.format("97.16"), "rate.counts")
    assert "1096件÷1128件" in only(JUSTICE + body.format("96.16") + "\n", "rate.counts").message


SCHOOLS = "汝城县教育局2023年度学生资助项目支出绩效自评报告\n一、项目基本情况\n"


def test_item_lines_are_summed_by_their_spending_not_by_their_standard():
    lines = (
        "截至2023年12月31日，实际支出{total}万元。各子项目支出如下：\n"
        "1.学前教育幼儿资助：按每生每年1,000元标准，资助幼儿1,850人，支出185.00万元；\n"
        "2.生活补助：资助寄宿生3,420人，其中寄宿生每生每年小学1,000元、初中1,250元，共支出612.40万元；\n"
        "3.普通高中免学费：免除学费2,770人，每生每年1,000元，支出277.00万元。\n"
    )
    assert not findings(SCHOOLS + lines.format(total="1,074.40"), "list.lines_total", report_type="auto")
    finding = only(SCHOOLS + lines.format(total="1,047.40"), "list.lines_total", report_type="auto")
    assert "1074.4万元" in finding.message


def test_a_standard_per_student_against_its_count_and_its_spending():
    body = "普通高中国家助学金：按每生每年2,000元标准，资助{}人，支出247.20万元；"
    assert not findings(SCHOOLS + body.format("1,236") + "\n", "mean.recompute", report_type="auto")
    assert (
        "1957.24元"
        in only(SCHOOLS + body.format("1,263") + "\n", "mean.recompute", report_type="auto").message
    )


def test_a_monthly_standard_against_a_years_total():
    body = "乡村教师生活补助按每人每月{}元发放，全年覆盖乡村学校教师1,272人，合计610.56万元。"
    assert not findings(SCHOOLS + body.format(400) + "\n", "mean.recompute", report_type="auto")
    finding = only(SCHOOLS + body.format(450) + "\n", "mean.recompute", report_type="auto")
    assert "÷12个月=400元" in finding.message
