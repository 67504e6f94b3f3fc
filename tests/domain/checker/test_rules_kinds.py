"""The issue's kinds of defect in shapes the rules did not read before, each written for a
department nobody modelled, beside its consistent twin that must stay silent."""

from tests.domain.checker.helpers import findings, only

HEAD = "青川县民政局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule)


def test_a_total_named_by_its_count_after_a_list_of_amounts():
    listed = "养老服务补贴45.2万元、孤儿基本生活费12.8万元、临时救助30万元，"
    for total in ("三个项目合计支出90万元。", "以上3个项目合计支出90万元。", "上述各项共计90万元。"):
        finding = only(HEAD + listed + total + "\n", "list.total")
        assert finding.severity == "error" and "45.2+12.8+30" in finding.message
        assert not fired(listed + total.replace("90", "88"), "list.total")
    assert not fired(listed + "以上4个项目合计支出90万元。", "list.total")  # one item is written elsewhere
    assert not fired(listed + "支出合计90万元。", "list.total")  # a label of its own, not the list's total
    assert only(
        HEAD + "本年度共实施3个项目，分别支出45.2万元、12.8万元、30万元，合计支出90万元。\n", "list.total"
    )


def test_a_claim_of_full_payment_against_the_payment_rate_of_the_sentence_before():
    body = "低保资金全年预算500万元，实际拨付470万元，拨付率94%。资金已全部拨付到位。"
    assert "拨付率为94%" in only(HEAD + body + "\n", "claim.rate").message
    assert not fired(body.replace("470", "500").replace("94%", "100%"), "claim.rate")


def test_a_staff_count_introduced_by_the_bodys_own_name_is_one_stock_figure():
    body = "本局编制人数28人，实有在职人员25人。\n二、人员情况\n本局实有在职人员{}人。"
    assert only(HEAD + body.format(26) + "\n", "stock.changed").found == "26人"
    assert not fired(body.format(25), "stock.changed")


def test_the_rate_after_the_previous_years_figure_and_the_change_is_checked():
    body = "2023年三公经费支出4.2万元，比上年5.1万元减少0.9万元，下降{}%。"
    finding = only(HEAD + body.format("21.4") + "\n", "yoy.arithmetic")
    assert finding.expected == "17.6%" and finding.severity == "error"
    assert not fired(body.format("17.6"), "yoy.arithmetic")


def test_a_projects_rate_against_its_only_budget_in_the_sentence():
    body = "项目预算资金50万元，实际支出48.5万元，预算执行率{}%。"
    # a rate named for the budget (预算执行率) and the one budget of its clause: beyond the rounding
    # of the printed figures, an error (48.5 ÷ 50 = 97%); one point off an integer by truncation
    # (99.99% printed 99%) is a warning, the coarse print
    finding = only(HEAD + body.format(96) + "\n", "rate.recompute")
    assert finding.severity == "error" and finding.expected == "97%"
    assert not [f for f in fired(body.format(97), "rate.recompute") if f.severity != "info"]


def test_the_year_before_a_label_beginning_with_xiang_keeps_the_label_whole():
    body = "2023年项目支出决算44.09万元。\n二、项目情况\n项目支出决算{}万元，执行率95.8%。"
    finding = only(HEAD + body.format("44.9") + "\n", "quantity.conflict")
    assert "项目支出（决算）" in finding.message
    assert not fired(body.format("44.09"), "quantity.conflict")


def test_nothing_spent_this_year_yet_a_rise_stated_in_percent_is_impossible():
    finding = only(HEAD + "公务接待费0万元，比上年增长15%。\n", "value.impossible")
    assert finding.severity == "error" and finding.found == "15%"
    assert not fired("公务接待费0万元，比上年下降100%。", "value.impossible")


def test_a_bare_direction_against_the_two_years_amounts_that_follow_it():
    body = "公用经费比上年有所{}，2023年为42.3万元，2022年为38.6万元。"
    assert only(HEAD + body.format("减少") + "\n", "change.direction").expected == "增加"
    assert not fired(body.format("增加"), "change.direction")
    assert only(HEAD + "公用经费42.3万元，比上年减少，上年为38.6万元。\n", "change.direction")


def test_a_mean_per_head_against_the_total_and_the_count_of_its_sentence():
    body = "发放补贴共计12.6万元，惠及困难群众{}人，人均发放450元。"
    finding = only(HEAD + body.format(320) + "\n", "mean.recompute")
    assert finding.expected == "393.75元" and "12.6万元÷320人" in finding.message
    assert not fired(body.format(280), "mean.recompute")
    assert only(HEAD + "共发放补助资金86.4万元，惠及1200户，户均补助820元。\n", "mean.recompute")
    assert not fired("全年培训经费3.2万元，培训200人次，人均160元，另有讲座12场。", "mean.recompute")


def test_the_staff_quota_is_the_whole_of_its_parts_for_the_control_rate():
    body = (
        "核定编制5人，其中行政编制4人、工勤编制1人；年末实有在职人员3人，退休人员2人，在职人员控制率为{}%。"
    )
    assert only(HEAD + body.format(75) + "\n", "staff.control_rate").expected == "60%"
    assert not fired(body.format(60), "staff.control_rate")


def test_the_last_of_the_three_sangong_items_is_one_of_them():
    body = "2023年“三公”经费实际支出0.86万元。其中公务接待费0.36万元，公务用车运行维护费0.5万元，因公出国（境）费{}万元。"
    assert only(HEAD + body.format("0.1") + "\n", "parts.sum").severity == "error"
    assert not fired(body.format("0"), "parts.sum")


def test_the_whole_bodys_rate_after_its_breakdown_is_of_the_whole():
    body = (
        "2023年调整后预算104.7万元。全年支出101.36万元，其中基本支出72.16万元，项目支出29.2万元。"
        "预算执行率为{}%，全年收入104.7万元，年末结转结余{}万元。"
    )
    assert only(HEAD + body.format("97.81", "3.34") + "\n", "rate.recompute").expected == "96.81%"
    assert not [f for f in fired(body.format("96.81", "3.34"), "rate.recompute") if f.severity != "info"]
    # the budget and the income state one amount: the balance is checked against it
    assert only(HEAD + body.format("96.81", "3.54") + "\n", "balance.identity").expected == "3.34万元"
    assert not fired(body.format("96.81", "3.34"), "balance.identity")


PROJECT = "临江区卫生健康局2024年基本公共卫生服务项目支出绩效自评报告\n一、项目概况\n"


def test_in_a_projects_report_its_budget_is_the_denominator_of_its_rates():
    body = (
        "2024年项目预算资金8,856,000.00元，其中中央补助资金6,200,000.00元，区级配套资金2,656,000.00元。"
        "全年实际到位资金8,856,000.00元，资金到位率{}%。全年实际支出8,412,300.50元，预算执行率{}%。"
    )
    wrong = [
        f for f in findings(PROJECT + body.format(98, "95.99") + "\n", "rate.recompute", report_type="auto")
    ]
    assert sorted((f.severity, f.expected) for f in wrong) == [("warning", "100%"), ("warning", "94.99%")]
    right = findings(PROJECT + body.format(100, "94.99") + "\n", "rate.recompute", report_type="auto")
    assert not [f for f in right if f.severity != "info"]


def test_the_grade_after_the_scores_own_breakdown_goes_with_the_score():
    body = "项目自评得分{}分，其中产出指标45分、效益指标{}分、满意度指标9分、预算执行率10分，评价等级为“优”。"
    assert only(HEAD + body.format(82, 18) + "\n", "score.grade").expected == "良"
    assert not fired(body.format(92, 28), "score.grade")
    # parts that do not make the score: the grade may go with something else
    assert not fired(body.format(82, 28), "score.grade")


def test_a_rate_of_counts_against_the_counts_of_its_sentence():
    body = "全年完成65岁以上老年人健康管理11,820人，管理率为{}%（辖区65岁以上老年人16,348人）。"
    assert only(HEAD + body.format("73.3") + "\n", "rate.counts").expected == "72.3%"
    assert not fired(body.format("72.3"), "rate.counts")
    survey = "共发放问卷600份，收回580份，满意556份，满意度为{}%。"
    assert only(HEAD + survey.format("92.86") + "\n", "rate.counts")
    assert not fired(survey.format("95.86"), "rate.counts") and not fired(
        survey.format("92.67"), "rate.counts"
    )
    assert not fired("全年培训1200人，其中女性600人，合格率98%。", "rate.counts")  # no count named like it


def test_two_names_joined_by_he_are_a_list_of_two():
    body = "下属事业单位{}个，分别是县农业技术推广中心和县动物疫病预防控制中心。"
    finding = only(HEAD + body.format(3) + "\n", "count.items")
    assert "也只有2个" in finding.message
    assert not fired(body.format(2), "count.items")
    assert not fired("下设1个事业单位，即县文化和旅游服务中心。", "count.items")


def test_the_balance_is_of_the_canonical_totals_beside_other_spending_figures():
    body = (
        "2023年部门收入合计2,356.78万元，比上年增加215.36万元。\n"
        "2023年部门支出合计2,298.45万元，其中基本支出896.32万元，项目支出1,402.13万元。年末结转结余{}万元。\n"
        "“三公”经费支出12.6万元，政府采购支出325万元。"
    )
    assert only(HEAD + body.format("68.33") + "\n", "balance.identity").expected == "58.33万元"
    assert not fired(body.format("58.33"), "balance.identity")


FORM = (
    "项目支出绩效自评表\n（2023年度）\n项目名称：农村饮水安全巩固提升工程\n"
    "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 500 | 620 | 589 | 10 | 95.00% | 9.5 |\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标({cat}分) | 数量指标 | 新建集中供水工程 | 12处 | 12处 | 15 | 15 |\n"
    "|  |  | 改造供水管网 | ≥80公里 | 86公里 | 15 | 15 |\n"
    "|  | 质量指标 | 工程验收合格率 | 100% | 100% | 10 | 10 |\n"
    "|  | 时效指标 | 按期完工率 | 100% | 95% | 10 | 9 |\n"
    "| 效益指标(30分) | 社会效益指标 | 受益人口 | ≥3.5万人 | 3.8万人 | 15 | 15 |\n"
    "|  | 可持续影响指标 | 工程运行年限 | ≥15年 | 15年 | 15 | 15 |\n"
    "| 满意度指标(10分) | 服务对象满意度指标 | 受益群众满意度 | ≥90% | 93% | 10 | {sat} |\n"
    "| 总分 |  |  |  |  | 100 | {total} |\n"
)


def form(cat=50, sat=10, total="98.5"):
    return FORM.format(cat=cat, sat=sat, total=total)


def test_a_score_forms_merged_category_cells_are_no_rows_left_out():
    assert not findings(form(), "table.categories", report_type="auto")
    finding = only(form(cat=55), "table.categories", report_type="auto")
    assert (finding.expected, finding.found) == ("55", "50")


def test_the_total_score_of_a_form_whose_indicator_rows_open_with_their_category():
    assert not findings(form(), "table.points_total", report_type="auto")
    finding = only(form(total="97.5"), "table.points_total", report_type="auto")
    assert finding.expected == "98.5分"


def test_a_score_above_its_weight_is_an_error():
    found = findings(form(sat=12, total="100.5"), "table.score_over_weight", report_type="auto")
    assert [(f.severity, f.found) for f in found] == [("error", "12分"), ("error", "100.5分")]
    assert "“受益群众满意度”得分12分超过其分值10分" in found[0].message
    assert not findings(form(), "table.score_over_weight", report_type="auto")


def test_a_rate_of_a_named_base():
    body = "完成城镇新增就业1,860人，完成年度目标1,800人的{}%。"
    finding = only(HEAD + body.format("105.33") + "\n", "rate.of_base")
    assert finding.expected == "103.33%" and finding.severity == "error"
    assert not fired(body.format("103.33"), "rate.of_base")
    assert only(HEAD + "实际支出96万元，为预算100万元的98%。\n", "rate.of_base")
    assert not fired("项目资金3.2亿元，占全县财政支出40亿元的9%。", "rate.of_base")  # a share: rate.recompute


RENSHE = (
    "龙溪县人力资源和社会保障局2022年度部门整体支出绩效评价报告\n一、部门基本情况\n县人社局为县政府工作部门。\n"
    "二、部门预算及执行情况\n"
    "（一）预算安排情况。2022年部门年初预算1,020.6万元，其中基本支出612.4万元、项目支出408.2万元。"
    "年中追加预算85.4万元，全年预算数{adjusted}万元。\n"
    "（二）预算执行情况。2022年部门决算支出1,068.2万元，预算执行率{rate}%。\n"
    "（三）“三公”经费。2022年“三公”经费预算6万元，决算支出4.8万元，较预算减少1.2万元，较上年决算5.6万元下降{fall}%。\n"
)


def renshe(adjusted="1,106", rate="96.58", fall="14.29"):
    return RENSHE.format(adjusted=adjusted, rate=rate, fall=fall)


def test_the_changes_of_the_budget_in_the_sentence_after_the_initial_budget():
    assert not findings(renshe(), "budget.adjustment")
    assert only(renshe(adjusted="1,116"), "budget.adjustment").expected == "1106万元"


def test_the_whole_bodys_rate_against_its_budget_in_the_sibling_section():
    assert not [f for f in findings(renshe(), "rate.recompute") if f.severity != "info"]
    assert only(renshe(rate="95.58"), "rate.recompute").expected == "96.58%"


def test_a_rate_of_change_against_the_previous_years_amount_after_other_changes():
    assert not findings(renshe(), "yoy.arithmetic")
    assert only(renshe(fall="16.29"), "yoy.arithmetic").expected == "14.29%"


def test_a_projects_one_budget_in_another_section_is_the_denominator_of_its_rate():
    text = (
        "永和县教育局2023年学生资助补助经费项目绩效自评报告\n一、项目基本情况\n"
        "2023年学生资助补助经费共下达资金3,465,800元，其中中央资金2,426,060元，省级资金1,039,740元。\n"
        "二、项目资金使用情况\n截至2023年12月31日，项目实际支出3,301,450元，资金执行率{}%。\n"
    )
    finding = only(text.format("96.26"), "rate.recompute", report_type="auto")
    assert (
        finding.severity == "warning"
        and finding.expected == "95.26%"
        and "唯一的项目资金总额" in finding.message
    )
    assert not [
        f
        for f in findings(text.format("95.26"), "rate.recompute", report_type="auto")
        if f.severity != "info"
    ]


def test_a_year_end_count_of_households_or_staff_after_the_years_changes():
    body = "年初确定帮扶对象120户，年中新增15户，退出8户，年末帮扶对象{}户。"
    finding = only(HEAD + body.format(125) + "\n", "count.changes")
    assert finding.expected == "127户" and "而文中说年末125户" in finding.message
    assert not fired(body.format(127), "count.changes")
    staff = "2023年初有在编人员25人，调入2人，退休3人，年末在编人员{}人。"
    assert only(HEAD + staff.format(26) + "\n", "count.changes").expected == "24人"
    assert not fired(staff.format(24), "count.changes")


def test_a_rate_of_change_against_the_previous_amount_and_the_change_when_this_years_is_elsewhere():
    body = "2023年支出较上年1268.50万元增加123.80万元，增长{}%。"
    assert only(HEAD + body.format("8.76") + "\n", "yoy.arithmetic").expected == "9.76%"
    assert not fired(body.format("9.76"), "yoy.arithmetic")
    compared = "公务接待费与上年2.90万元相比，减少0.26万元，下降{}%。"
    assert only(HEAD + compared.format("9.87") + "\n", "yoy.arithmetic").expected == "8.97%"
    assert not fired(compared.format("8.97"), "yoy.arithmetic")


def test_percentage_points_against_the_two_rates():
    body = "预算执行率为96.91%，较上年94.35%提高{}个百分点。"
    assert only(HEAD + body.format("3.56") + "\n", "rate.points").expected == "2.56个百分点"
    assert not fired(body.format("2.56"), "rate.points")
    assert only(HEAD + "覆盖率由79.2%提高到82.6%，提高4.4个百分点。\n", "rate.points")
    assert only(HEAD + "病床使用率88.6%，较上年85.4%下降3.2个百分点。\n", "rate.points")  # it rose
    assert not fired("覆盖率由79.2%提高到82.6%，提高3.4个百分点。", "rate.points")


def test_a_score_above_the_maximum_in_its_bracket_and_other_named_rates_and_totals():
    assert only(HEAD + "决策17分（满分20分），产出42分（满分40分）。\n", "score.over_max").found == "42分"
    assert not fired("决策17分（满分20分），产出38分（满分40分）。", "score.over_max")
    assert (
        only(HEAD + "核定编制12人，实有人员11人，编制使用率93.67%。\n", "staff.control_rate").expected
        == "91.67%"
    )
    assert (
        only(HEAD + "设临床科室18个、医技科室6个、职能科室9个，共35个科室。\n", "list.total").expected
        == "33个"
    )
    assert not fired("设临床科室18个、医技科室6个、职能科室9个，共33个科室。", "list.total")
    assert only(HEAD + "支出45.8万元，适配辅助器具916件，件均550元。\n", "mean.recompute").expected == "500元"


def test_a_balance_a_rate_of_the_budget_a_mean_after_its_total_and_the_prose_total_score():
    chapter = (
        "二、部门整体支出情况\n（一）预算情况\n2023年年初预算3856200元，年中追加1243800元，调整后预算5100000元。\n"
        "（二）支出情况\n全年支出4925850元，年末结转结余{}元。\n"
    )
    assert only(HEAD + chapter.format(147150), "balance.identity").expected == "174150元"
    assert not fired(chapter.format(174150), "balance.identity")
    budget = "三公经费预算3.41万元，实际支出2.64万元，为预算的{}%。"
    assert only(HEAD + budget.format("75.43") + "\n", "rate.of_base").expected == "77.42%"
    assert not fired(budget.format("77.42"), "rate.of_base")
    households = "改造326户，每户补助1200元，发放改厕补助{}万元。"
    assert only(HEAD + households.format("36.12") + "\n", "mean.recompute")
    assert not fired(households.format("39.12"), "mean.recompute")
    form = (
        "| 一级指标 | 分值 | 得分 |\n| 投入 | 20 | 18 |\n| 过程 | 30 | 28 |\n| 产出 | 50 | 47 |\n| 合计 | 100 | 93 |\n"
        "本项目自评总得分{}分。\n"
    )
    assert only(HEAD + form.format(95), "score.prose_table").expected == "93分"
    assert not fired(form.format(93), "score.prose_table")


def test_the_rate_after_a_breakdown_of_the_whole_in_its_sentence_is_the_wholes():
    body = (
        "二、部门整体支出情况\n（一）预算情况\n2023年调整后预算5100000元。\n（二）支出情况\n"
        "全年支出4925850元，其中基本支出1682450元，项目支出3243400元，预算执行率{}%，年末结转结余174150元。\n"
    )
    assert only(HEAD + body.format("95.59"), "rate.recompute").expected == "96.59%"
    assert not [f for f in fired(body.format("96.59"), "rate.recompute") if f.severity != "info"]


def test_amounts_on_numbered_lines_against_the_total_that_introduces_them():
    body = (
        "全年项目支出6,617,756.30元，主要用于以下四个方面：\n1.食品安全抽检经费1,746,520.00元；\n"
        "2.特种设备安全检查经费985,400.00元；\n3.知识产权保护经费612,300.00元；\n4.智慧监管平台建设经费{}元。\n"
        "四、绩效目标完成情况\n全年完成抽检1200批次。\n"
    )
    finding = only(HEAD + body.format("3,237,536.30"), "list.lines_total")
    assert finding.expected == "6581756.3元"
    assert not fired(body.format("3,273,536.30"), "list.lines_total")
    mainly = body.replace("以下四个方面", "以下方面")  # 主要 and no count: items may be left out
    assert not fired(mainly.format("3,237,536.30"), "list.lines_total")


def test_a_breakdown_in_brackets_after_an_amount_in_yuan():
    body = "基本支出13,256,480.20元（人员经费11,902,115.60元，公用经费{}元）。"
    assert only(HEAD + body.format("1,345,364.60") + "\n", "parts.sum").severity == "error"
    assert not fired(body.format("1,354,364.60"), "parts.sum")


def test_assets_debts_and_net_assets_and_other_listed_shapes():
    body = "年末资产总额32568.40万元，负债总额12306.25万元，净资产{}万元，资产负债率{}%。"
    found = findings(HEAD + body.format("20626.15", "39.79") + "\n", "assets.identity")
    assert sorted(f.expected for f in found) == ["20262.15万元", "37.79%"]
    assert not fired(body.format("20262.15", "37.79"), "assets.identity")
    lines = "一是加强学习。\n二是完善制度。\n{}是强化考核。"
    assert only(HEAD + lines.format("四") + "\n", "list.numbering_styles").expected == "三是"
    found = only(HEAD + lines.format("四") + "\n五是加强宣传。\n", "list.numbering_styles")
    assert found.location.quote == "四是强化考核。"  # the line of the slip, not the line after it
    assert not fired(lines.format("三"), "list.numbering_styles")
    duties = "主要职能:一是组织科普;二是联系科技工作者;二是承办咨询任务;{}是组织青少年科技创新大赛。"
    assert only(HEAD + duties.format("四") + "\n", "list.numbering_styles").found == "二是"  # one slip
    assert [f.found for f in fired(duties.format("三"), "list.numbering_styles")] == ["二是"]
    grade = "评价组综合评分{}分，其中决策18分（满分20分）、过程18分（满分20分）、产出37分（满分40分）、效益18分（满分20分）。"
    assert only(HEAD + grade.format(93) + "\n", "score.parts").expected == "91分"
    assert not fired(grade.format(91), "score.parts")


def test_a_sentence_opening_with_the_name_of_an_earlier_figure_breaks_it_down():
    body = (
        "2024年收入总计5,968,950.00元，其中上年结转126,350.00元，本年收入5,842,600.00元。\n"
        "本年收入中，财政拨款收入5,702,600.00元，其他收入{}元。\n"
    )
    finding = only(HEAD + body.format("104,000.00"), "parts.named_whole")
    assert finding.expected == "5842600.00元" and finding.severity == "error"  # 财政拨款 + 其他: all of it
    assert not fired(body.format("140,000.00"), "parts.named_whole")
    basic = "全年支出980.52万元，其中基本支出846.52万元。\n基本支出中，人员经费712.30万元，公用经费{}万元。\n"
    assert (
        only(HEAD + basic.format("143.22"), "parts.named_whole").severity == "error"
    )  # 人员 + 公用 is all of it
    assert not fired(basic.format("134.22"), "parts.named_whole")


def test_a_breakdown_by_kind_of_the_whole_of_the_sentence_before():
    body = (
        "2024年本年支出53,486万元，比上年50,210万元增加3,276万元。按经济分类，工资福利支出38,620万元，"
        "商品和服务支出10,206万元，对个人和家庭的补助2,600万元，资本性支出{}万元。\n"
    )
    finding = only(HEAD + body.format("2,160"), "parts.named_whole")
    assert finding.severity == "warning" and finding.expected == "53486万元"
    assert not fired(body.format("2,060"), "parts.named_whole")
    own_total = "全年支出5,384,800.00元。按支出用途分，工程施工费4,620,000.00元，监理费498,800.00元，其他费用266,000.00元，合计5,384,800.00元。"
    assert not fired(own_total, "parts.named_whole")  # the list states its own total: list.total reads it


def test_the_whole_bodys_rate_against_its_adjusted_budget_in_an_earlier_subsection():
    body = (
        "二、预算执行情况\n（一）预算安排\n年初预算620.00万元，年中追加38.50万元，调整后预算658.50万元。\n"
        "（二）预算执行\n全年实际支出{}万元，预算执行率{}%。"
    )
    finding = only(HEAD + body.format("631.20", "96.85") + "\n", "rate.recompute")
    assert finding.expected == "95.85%" and "658.50万元" in finding.message
    assert not [f for f in fired(body.format("631.20", "95.85"), "rate.recompute") if f.severity != "info"]
    # a rate under a project's heading is not the department's, and a budget written after it is no
    # denominator of a rate already stated
    under_project = body.replace("（二）预算执行", "三、项目支出情况").format("631.20", "96.85")
    assert not [f for f in fired(under_project, "rate.recompute") if f.severity != "info"]
    later = "全年实际支出631.20万元，预算执行率96.85%。\n二、预算安排\n调整后预算658.50万元。"
    assert not [f for f in fired(later, "rate.recompute") if f.severity != "info"]


PROJECT = "岚谷县水利局2024年度农村供水保障项目支出绩效自评报告\n一、项目概况\n"


def test_a_completion_rate_against_the_target_stated_in_another_section():
    goals = (
        "（二）绩效目标\n新建集中供水点≥25处，改造供水管网不少于36.0公里，全年计划巡检220天。\n二、完成情况\n"
    )
    done = "1.新建集中供水点27处，完成率{}%。\n2.实际改造供水管网38.5公里，完成率{}%。\n3.实际巡检209天，完成计划巡检天数的{}%。"
    text = PROJECT + goals + done.format("108", "106.94", "95") + "\n"
    assert not [f for f in findings(text, "rate.target")]
    for wrong, expected in ((("118", "106.94", "95"), "108%"), (("108", "109.94", "95"), "106.94%"),
                            (("108", "106.94", "96"), "95%")):  # fmt: skip
        finding = only(PROJECT + goals + done.format(*wrong) + "\n", "rate.target")
        assert finding.severity == "warning" and finding.expected == expected
        assert "（二）绩效目标" in finding.message
    # more than planned may be written as 100%; a count of 达到 is no target; two different targets
    # of one indicator leave the rate alone
    assert not findings(PROJECT + goals + done.format("100", "106.94", "95") + "\n", "rate.target")
    reached = PROJECT + "全县供水点总数达到50处。\n二、完成情况\n新建集中供水点27处，完成率90%。\n"
    assert not findings(reached, "rate.target")
    two = goals.replace("全年计划巡检220天", "全年计划巡检220天，汛期计划巡检200天")
    assert not findings(PROJECT + two + done.format("108", "106.94", "99") + "\n", "rate.target")


def test_a_share_whose_part_and_whole_are_named_with_the_figures_stated_before():
    body = (
        "2024年本年支出2,486.50万元，其中基本支出1,902.30万元，项目支出584.20万元。\n"
        "从结构看，基本支出占全部支出的{}%，是支出的主要部分。"
    )
    finding = only(HEAD + body.format("78.50") + "\n", "rate.recompute")
    assert finding.severity == "warning" and finding.expected == "76.51%"
    assert "基本支出" in finding.message and "2486.50万元" in finding.message
    assert not [f for f in fired(body.format("76.51"), "rate.recompute") if f.severity != "info"]
    # a name stated with two values is not resolved; a previous year's figure is no whole
    twice = body.replace("。\n从结构看", "。决算口径下，本年支出2,500.00万元。\n从结构看")
    assert not [f for f in fired(twice.format("78.50"), "rate.recompute") if f.severity != "info"]


def test_a_share_of_people_against_the_count_it_names():
    body = "年末在职职工412人，其中编内人员305人、编外聘用人员107人；卫生技术人员356人，占在职职工的{}%。"
    finding = only(HEAD + body.format("84.61") + "\n", "rate.recompute")
    assert finding.expected == "86.41%" and "356人" in finding.message
    assert not [f for f in fired(body.format("86.41"), "rate.recompute") if f.severity != "info"]
    # counts of another unit are no whole of people
    other = "全县设卫生院412个。卫生技术人员356人，占卫生院的84.61%。"
    assert not [f for f in fired(other, "rate.recompute") if f.severity != "info"]


def test_a_breakdown_by_kind_on_its_own_line_against_the_whole_of_the_line_before():
    body = "全年实际支出2,418,600元，预算执行率96.74%。\n按用途分，设备购置支出1,602,000元，安装调试支出{}元，培训支出236,600元。"
    finding = only(HEAD + body.format("850,000") + "\n", "parts.named_whole")
    assert finding.severity == "warning" and "2418600元" in finding.message
    assert not fired(body.format("580,000"), "parts.named_whole")
    # the line before states only last year's spending and the change: no whole of this year's parts
    previous = "全年支出同比增加218,600元，增长9.94%，上年同期支出为2,200,000元。\n按用途分，设备购置支出1,602,000元，安装调试支出580,000元，培训支出236,600元。"
    assert not fired(previous, "parts.named_whole")


def test_parts_introduced_by_baokuo_or_han_and_joined_by_he():
    for body in (
        "基本支出1,865.30万元，包括人员经费1,502.10万元和公用经费{}万元。",
        "基本支出1,865.30万元，含人员经费1,502.10万元、公用经费{}万元。",
        "基本支出1,865.30万元，其中人员经费1,502.10万元和公用经费{}万元。",
    ):
        finding = only(HEAD + body.format("373.20") + "\n", "parts.sum")
        assert finding.severity == "error" and "人员经费1502.10万元+公用经费373.20万元" in finding.message
        assert not fired(body.format("363.20"), "parts.sum")
    # 包含 inside a word opens no list; 和 inside a name splits nothing
    assert not fired("培训内容包含政策解读8课时、实务操作6课时。", "parts.sum")
    names = "本年支出2,400.00万元，其中对个人和家庭的补助2,400.00万元。"
    assert not fired(names, "parts.sum")


def test_a_claim_of_everything_done_against_a_rate_of_things_not_money():
    for claim, rate in (
        ("全年受理信访事项236件，已全部办结，办结率{}%。", "98.31"),
        ("督查发现的5个问题均已整改销号，整改率{}%。", "80"),
        ("12个项目全部通过竣工验收，验收合格率{}%。", "91.67"),
        ("14个乡镇均已覆盖，覆盖率{}%。", "92.86"),
    ):
        finding = only(HEAD + claim.format(rate) + "\n", "claim.rate")
        assert finding.severity == "warning" and f"{rate}%" in finding.message
        assert not fired(claim.format("100"), "claim.rate")


def test_means_per_month_per_place_and_per_event():
    cases = (
        ("全年组织检查48次，平均每月{}次。", "4", "5"),
        ("全年受理群众来信1,236件，月均{}件。", "103", "113"),
        ("全年归集住房公积金6.35亿元，月均归集{}万元。", "5,291.67", "5,921.67"),
        ("派驻医师26名，覆盖13个乡镇卫生院，平均每院{}名。", "2", "3"),
        ("组织活动180场，参与66,000人次，场均参与{}人次。", "366.67", "396.67"),
    )
    for body, right, wrong in cases:
        finding = only(HEAD + body.format(wrong) + "\n", "average.recompute")
        assert finding.severity == "warning" and finding.expected.startswith(right.replace(",", ""))
        assert not fired(body.format(right), "average.recompute")
    # a mean per month of something that is not a year's total is not divided by 12
    assert not fired("第四季度组织检查48次，平均每月16次。", "average.recompute")


def test_listed_deductions_against_the_total_deduction():
    before = "扣分情况：决策扣1分、过程扣3.5分、产出扣2分、效益扣{}分，共扣11.5分。"
    finding = only(HEAD + before.format(6) + "\n", "score.deductions")
    assert finding.severity == "warning" and finding.expected == "12.5分" and finding.found == "11.5分"
    assert not fired(before.format(5), "score.deductions")
    after = "扣分主要在：绩效目标和资金投入各扣0.5分；资金管理、组织实施因拨付滞后各扣1分；产出数量扣{}分，合计扣6分。"
    assert (
        only(HEAD + after.format("3.5") + "\n", "score.deductions").expected == "6.5分"
    )  # 0.5×2 + 1×2 + 3.5
    assert not fired(after.format("3"), "score.deductions")
    # a heading's deduction followed by its own items is no list of separate deductions
    nested = "共扣3分：决策扣1.5分，其中绩效目标扣1分、资金投入扣0.5分；过程扣1.5分。"
    assert not fired(nested, "score.deductions")


def test_parts_after_a_colon_or_made_of_a_stated_composition():
    cases = (
        ("年末实有人员56人：在编30人，编外聘用{}人，退休返聘6人。", "20", "22", "warning"),
        (
            "项目预算1,260,000元，由两部分组成：县级资金900,000元，镇级财力配套{}元。",
            "360,000",
            "380,000",
            "error",
        ),
        (
            "全年预算120.00万元，由年初预算90.00万元、年中追加{}万元和上年结转10.00万元组成。",
            "20.00",
            "30.00",
            "error",
        ),
        ("资金总额100万元，资金构成为：中央50万元、省级30万元、县级{}万元。", "20", "25", "error"),
    )
    for body, right, wrong, severity in cases:
        assert only(HEAD + body.format(wrong) + "\n", "parts.sum").severity == severity
        assert not fired(body.format(right), "parts.sum")
    # a colon after a count that opens a list of names is no list of parts
    names = "设置内设机构5个：办公室、财务股、业务股、法规股和监察室，下辖二级单位2个和直属站1个。"
    assert not fired(names, "parts.sum")


def test_a_price_per_item_times_the_count_against_the_amount():
    cases = (
        ("全年新设和更新河长公示牌156块，每块0.15万元，计{}万元。", "23.40", "25.40"),
        ("资助春蕾女童13名，每名400元，合计{}万元。", "0.52", "0.62"),
        (
            "资金支出明细：卡口建设318.60万元，劝导站运行补助{}万元（36个站，每站每年2.4万元）。",
            "86.40",
            "84.60",
        ),
    )
    for body, right, wrong in cases:
        assert only(HEAD + body.format(wrong) + "\n", "mean.recompute").severity == "warning"
        assert not fired(body.format(right), "mean.recompute")


def test_cases_counted_in_qi_are_counts():
    body = "全年发生较大交通事故3起，较上年5起减少2起，下降{}%。"
    assert only(HEAD + body.format(50) + "\n", "yoy.arithmetic").expected == "40%"
    assert not fired(body.format(40), "yoy.arithmetic")
    assert not [f for f in fired("本办法自2024年1月1日起施行。", "yoy.arithmetic")]


def test_other_names_of_the_execution_and_staffing_rates():
    budget = "2024年调整预算386.72万元，决算支出378.45万元，预算完成率{}%。"
    assert only(HEAD + budget.format("98.86") + "\n", "rate.recompute").expected == "97.86%"
    assert not [f for f in fired(budget.format("97.86"), "rate.recompute") if f.severity != "info"]
    staff = "核定编制30名，实有在编人员28人，满编率{}%。"
    assert only(HEAD + staff.format("95.33") + "\n", "staff.control_rate").severity == "error"
    assert not fired(staff.format("93.33"), "staff.control_rate")


def test_a_change_named_again_after_xiangbi():
    body = "2024年支出5,457.59万元，与上年决算5,120.30万元相比，支出增加337.29万元，增幅{}%。"
    assert only(HEAD + body.format("7.59") + "\n", "yoy.arithmetic").expected == "6.59%"
    assert not fired(body.format("6.59"), "yoy.arithmetic")


def test_total_scores_written_without_defen():
    assert only(HEAD + "经综合评定，自评为93.5分，等级“良”。\n", "score.grade").expected == "优"
    assert not fired("经综合评定，自评为93.5分，等级“优”。", "score.grade")
    parts = "本局部门整体支出绩效得分86.5分，其中决策14分、过程18分、产出30分、效益{}分。"
    assert only(HEAD + parts.format("25.5") + "\n", "score.parts").severity == "error"
    assert not fired(parts.format("24.5"), "score.parts")
    assert fired("总分92分，其中决策15分、过程18分、产出33分、效益27分。", "score.parts")


def test_score_parts_after_a_colon_or_a_named_list():
    for body in (
        "自评得分94分：部门管理20分，履职效能28分，预算执行26分，社会效益{}分。",
        "项目自评得分94分，各部分得分为：部门管理20分、履职效能28分、预算执行26分、社会效益{}分。",
    ):
        assert only(HEAD + body.format(21) + "\n", "score.parts").severity == "error"
        assert not fired(body.format(20), "score.parts")


def test_a_balance_against_a_budget_named_for_the_project_or_the_fund():
    for body in (
        "项目预算436,000元，全年支出428,560元，结余{}元。",
        "财政拨款预算386.50万元，实际支出379.82万元，结余{}万元。",
    ):
        right, wrong = ("7,440", "7,540") if "元，全年" in body else ("6.68", "7.78")
        assert only(HEAD + body.format(wrong) + "\n", "balance.identity").severity == "warning"
        assert not fired(body.format(right), "balance.identity")


def test_a_remainder_of_the_sentences_budget_and_spending():
    body = "项目预算1,860,000元，全年拨付资金1,823,180元，预算执行率98.02%，剩余{}元为预留的村级应急经费。"
    assert only(HEAD + body.format("38,620") + "\n", "balance.identity").expected == "36820元"
    assert not fired(body.format("36,820"), "balance.identity")
    # a remainder of something else in a later sentence is not the budget's
    other = "全年业务收入5,860.42万元，业务支出3,126.75万元。提取风险准备金1,640.20万元，剩余1,093.47万元上缴县财政。"
    assert not fired(other, "balance.identity")


def test_more_zhang_words_of_accounts_written_with_the_curtain_zhang():
    for wrong, right in (("专帐", "专账"), ("帐卡", "账卡"), ("村帐", "村账"), ("帐实", "账实")):
        finding = only(HEAD + f"各单位按规定{wrong}管理。\n", "typo.curated")
        assert finding.expected == right
    assert not fired("驻村工作队搭建帐篷，发放蚊帐。", "typo.curated")
