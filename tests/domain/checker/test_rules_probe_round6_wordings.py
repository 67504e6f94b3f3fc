"""Shapes read after the misses of the probe set's fifth and sixth rounds (tuning part), in wording
of our own: claims opened by a list marker, paid against a table's execution rate, arrived (到账),
of 中央和省级 against 上级; a project's money from above as a rate's base; a total 全部用于以下N个方面,
分县区看, restated before 具体为; staff counted under the body's own name (全支队, 委机关); and a form's
indicator against the prose (indicator.prose_conflict). Each with a consistent twin that stays silent."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

WHOLE = "汝城县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
PROJECT = "汝城县2023年度农村饮水安全巩固提升项目支出绩效自评报告\n一、项目概况\n"


def fired(head, body, rule):
    return findings(head + body + "\n", rule, report_type="auto")


def contrast(head, body, rule, wrong, right):
    """The one finding of ``rule`` on ``body`` filled with the ``wrong`` values; none with the ``right`` ones."""
    (finding,) = fired(head, body.format(*wrong), rule)
    assert not fired(head, body.format(*right), rule)
    return finding


def test_a_claim_after_a_list_marker_is_held_against_the_money_paid():
    money = "（二）资金情况\n项目调整后预算1,200,000.00元，截至年底累计拨付资金{}元。\n四、存在问题\n"
    for marker in ("（一）", "1.", "(2)", "①"):
        claim = f"{marker}项目补助资金已全部拨付到位，但部分乡镇报账滞后。\n"
        (finding,) = fired(PROJECT, money.format("1,140,000.00") + claim, "claim.rate")
        assert "95.00%" in finding.message, marker
        assert not fired(PROJECT, money.format("1,200,000.00") + claim, "claim.rate"), marker


def test_a_named_item_paid_in_full_is_held_against_its_row_of_the_execution_table():
    table = (
        "二、资金使用情况\n| 子项目 | 预算数 | 执行数 | 执行率 |\n"
        "| 山塘清淤整治 | 500,000.00 | {} | {} |\n| 水质检测 | 200,000.00 | 200,000.00 | 100.00% |\n"
        "| 合计 | 700,000.00 | {} | {} |\n"
    )
    claim = "三、绩效情况\n据实施单位反映，山塘清淤整治经费已全部支付，水质检测按季度开展。\n"
    (finding,) = fired(
        PROJECT, table.format("470,000.00", "94.00%", "670,000.00", "95.71%") + claim, "claim.rate"
    )
    assert "94.00%" in finding.message
    full = table.format("500,000.00", "100.00%", "700,000.00", "100.00%")
    assert not fired(PROJECT, full + claim, "claim.rate")


def test_money_that_arrived_on_the_account_is_what_a_claim_of_arrival_is_held_against():
    body = (
        "（一）资金情况\n省级下达防汛抗旱专项资金860.00万元，截至年末实际到账{}万元。\n"
        "（二）资金管理\n省级防汛抗旱专项资金已全部拨付到位，实行专账核算。\n"
    )
    finding = contrast(WHOLE, body, "claim.rate", ("774.00",), ("860.00",))
    assert "90.00%" in finding.message


def test_a_claim_of_the_central_and_provincial_money_is_held_against_the_money_from_above():
    body = (
        "三、项目资金使用情况\n上级下达资金1,500.00万元，已拨付至项目单位{}万元，县级配套资金已拨付300.00万元。\n"
        "四、自评结论\n经自评，中央和省级资金已全部拨付，项目建设总体按计划推进。\n"
    )
    finding = contrast(PROJECT, body, "claim.rate", ("1,350.00",), ("1,500.00",))
    assert "90.00%" in finding.message
    # a sentence of the county's own money names neither the central nor the provincial money
    county = body.format("1,500.00").replace("上级下达资金1,500.00万元", "县级安排资金1,500.00万元")
    assert not fired(PROJECT, county.replace("1,500.00万元，已拨付", "1,500.00万元，已拨付"), "claim.rate")


def test_a_claim_of_money_arrived_in_full_is_held_against_the_total_investment():
    body = (
        "（一）资金来源。项目总投资2,400万元，其中中央财政资金2,000万元，县级配套资金400万元。\n"
        "（二）资金到位。中央资金2,000万元全部到位，县级配套资金到位{}万元，共到位{}万元。"
        "项目资金已按时足额拨付到位。\n"
    )
    finding = contrast(
        PROJECT,
        body,
        "claim.rate",
        (
            "280",
            "2,280",
        ),
        (
            "400",
            "2,400",
        ),
    )
    assert "95.00%" in finding.message


def test_the_projects_money_from_above_is_the_base_of_its_execution_rate():
    body = (
        "为巩固农村饮水安全，2023年上级共下达我县农村饮水安全巩固提升资金3,200,000.00元。\n"
        "二、资金使用情况\n截至2023年12月31日，项目实际支出3,040,000.00元，资金执行率为{}%。\n"
    )
    (finding,) = fired(PROJECT, body.format("98.00"), "rate.recompute")
    assert "3040000.00" in finding.message.replace(",", "") and "95.00%" in finding.message
    assert not [f for f in fired(PROJECT, body.format("95.00"), "rate.recompute") if f.severity != "info"]


def test_the_staff_of_the_body_named_by_its_own_name_are_the_staff_counted_before():
    for scope in ("全支队", "全大队", "局机关", "委机关"):
        body = (
            "核定编制120名，年末实有在职人员{}人。\n二、部门整体支出情况\n人员经费保障有力，"
            + scope
            + "在职人员112人的工资均按时发放。\n"
        )
        assert fired(WHOLE, body.format("118"), "count.conflict"), scope
        assert not fired(WHOLE, body.format("112"), "count.conflict"), scope


def test_a_total_spent_wholly_on_the_uses_listed_after_it_must_equal_their_sum():
    body = (
        "二、部门整体支出情况\n项目支出612.30万元全部用于以下三个方面：河道保洁186.20万元，"
        "水毁修复{}万元，水土保持监测126.10万元。\n"
    )
    finding = contrast(WHOLE, body, "parts.sum", ("260.00",), ("300.00",))
    assert finding.severity == "error" and "=572.3" in finding.message


def test_a_count_broken_down_by_place_must_equal_the_sum_of_the_places():
    body = "二、履职情况\n全县新增节水灌溉面积{}人次，分乡镇看，土桥镇1,200人次、暖水镇860人次、集龙乡540人次。\n"
    finding = contrast(WHOLE, body, "parts.sum", ("2,800",), ("2,600",))
    assert "2600人次" in finding.message
    # a classification heading its own line lists the parts of no figure right before it
    lines = "支出总计620.00万元。\n4.资本性支出 20.00万元\n按功能分类:农林水支出600.00万元、住房保障支出20.00万元。\n"
    assert not fired(WHOLE, "二、部门整体支出情况\n" + lines, "parts.sum")


def test_a_list_after_the_label_of_the_figure_before_is_that_figures_breakdown():
    body = (
        "二、部门整体支出情况\n全年支出合计420.00万元，其中基本支出300.00万元；项目支出{}万元，占28.57%。"
        "项目支出具体为：河长制工作经费50.00万元、水政执法经费40.00万元、防汛物资储备30.00万元。\n"
    )
    finding = contrast(WHOLE, body, "parts.sum", ("125.00",), ("120.00",))
    assert finding.severity == "error" and "=120" in finding.message


INDICATORS = "三、绩效指标完成情况\n| 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n{}\n"


def test_an_indicators_actual_value_in_the_form_is_held_against_the_prose():
    rows = "| 数量指标 | 新建蓄水池容量 | 1.2万立方米 | {} |\n| 数量指标 | 巡河护岸人次 | 2,000人次 | 2,150人次 |"
    prose = "二、主要工作\n全年新建蓄水池容量1.35万立方米，巡河护岸2,150人次。\n"
    (finding,) = fired(
        WHOLE, prose + INDICATORS.format(rows.format("1.5万立方米")), "indicator.prose_conflict"
    )
    assert "1.5万立方米" in finding.message and finding.found == "1.35万立方米"
    assert not fired(
        WHOLE, prose + INDICATORS.format(rows.format("1.35万立方米")), "indicator.prose_conflict"
    )


def test_the_unit_of_an_indicator_may_stand_in_its_name_or_in_a_column_of_its_own():
    named = INDICATORS.format("| 数量指标 | 新增恢复灌溉面积（万亩） | 0.80 | 0.92 |")
    assert fired(
        WHOLE, "二、主要工作\n项目区新增恢复灌溉面积0.86万亩。\n" + named, "indicator.prose_conflict"
    )
    assert not fired(
        WHOLE, "二、主要工作\n项目区新增恢复灌溉面积0.92万亩。\n" + named, "indicator.prose_conflict"
    )
    column = (
        "三、绩效指标完成情况\n| 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 |\n"
        "| 水质抽检样本数量 | ≥ | 120 | 份 | 132 |\n"
    )
    assert fired(WHOLE, "二、主要工作\n全年完成水质抽检样本128份。\n" + column, "indicator.prose_conflict")
    assert not fired(
        WHOLE, "二、主要工作\n全年完成水质抽检样本132份。\n" + column, "indicator.prose_conflict"
    )


def test_a_form_whose_cells_are_parted_by_spaces_is_read_too():
    form = (
        "三、绩效指标完成情况\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "产出指标 数量指标 堤防除险加固长度 ≥12公里 {} 10 10\n"
    )
    prose = "二、主要工作\n全年完成堤防除险加固长度13.4公里。\n"
    assert fired(WHOLE, prose + form.format("14.2公里"), "indicator.prose_conflict")
    assert not fired(WHOLE, prose + form.format("13.4公里"), "indicator.prose_conflict")


def test_prose_that_only_looks_like_an_indicators_figure_stays_silent():
    rows = INDICATORS.format("| 数量指标 | 新建蓄水池容量 | 1.2万立方米 | 1.5万立方米 |")
    for prose in (
        "计划新建蓄水池容量1.2万立方米。",  # the target
        "年度目标新建蓄水池容量1.3万立方米。",  # a target of another wording
        "上年新建蓄水池容量0.9万立方米。",  # last year's
        "新建蓄水池容量约1.4万立方米。",  # an approximate figure
        "新建蓄水池容量因雨季少0.1万立方米。",  # a difference
        "新建蓄水池容量1.4万立方米以上。",  # a floor
    ):
        assert not fired(WHOLE, "二、主要工作\n" + prose + "\n" + rows, "indicator.prose_conflict"), prose
    # two rows share the name: neither is compared
    twice = INDICATORS.format(
        "| 数量指标 | 新建蓄水池容量 | 1.2万立方米 | 1.5万立方米 |\n| 数量指标 | 新建蓄水池容量 | 0.2万立方米 | 0.3万立方米 |"
    )
    assert not fired(WHOLE, "二、主要工作\n新建蓄水池容量1.4万立方米。\n" + twice, "indicator.prose_conflict")
    # a name shorter than four characters once its unit word is off names too little
    short = INDICATORS.format("| 数量指标 | 培训人次 | 200人次 | 260人次 |")
    assert not fired(WHOLE, "二、主要工作\n全年培训人次240人次。\n" + short, "indicator.prose_conflict")
    assert not check_text(WHOLE + "二、主要工作\n无表格。\n").has_errors


def test_a_count_that_grew_during_the_year_names_what_it_counts_before_its_total():
    body = (
        "二、履职情况\n年初计划扶持家庭农场经营主体64家，年中根据乡镇（街道）申报情况增加9家，"
        "全年共扶持经营主体{}家，带动农户增收。\n"
    )
    finding = contrast(WHOLE, body, "count.changes", ("75",), ("73",))
    assert "73家" in finding.message


def test_measures_listed_before_their_total_must_add_up():
    body = "二、主要工作\n全年完成河道清淤2.45万立方米、塘坝清淤1.30万立方米、渠道清淤0.86万立方米，共计{}万立方米。\n"
    finding = contrast(WHOLE, body, "list.measure_total", ("4.81",), ("4.61",))
    assert finding.severity == "error" and finding.expected == "4.61万立方米"
    named = "二、主要工作\n新建防渗渠道12.5公里、整修机耕道路8.3公里，共计完成田间工程{}公里。\n"
    finding = contrast(WHOLE, named, "list.measure_total", ("21.6",), ("20.8",))
    assert finding.severity == "warning" and finding.expected == "20.8公里"
    for silent in (
        "新建渠道12.5公里，比上年增加3.2公里，共计15.9公里。",  # a change is no item
        "新建渠道12.5公里、维修渠道8.3公里等，共计25.0公里。",  # 等: some of the items only
        "新建渠道12.5公里、维修渠道8.3公里，共计完成投资20.8万元。",  # another unit
        "计划新建渠道12.5公里、维修渠道8.3公里，共计22.0公里。",  # a plan
    ):
        assert not fired(WHOLE, "二、主要工作\n" + silent + "\n", "list.measure_total"), silent


def test_a_bracket_that_names_kinds_of_what_is_counted_does_not_hide_the_list():
    before = "二、履职情况\n项目覆盖东安镇、西岭镇、南桥乡、北山街道共{}个乡（镇、街道）。\n"
    finding = contrast(WHOLE, before, "count.items", ("5",), ("4",))
    assert "5个" in finding.message and "4个" in finding.message
    after = "二、履职情况\n项目实施范围共{}个县（市、区），即东湖区、西湖区、青山湖区和新建区。\n"
    assert fired(WHOLE, after.format("5"), "count.items")
    assert not fired(WHOLE, after.format("4"), "count.items")


def test_groupings_told_from_a_point_of_view_must_add_up_to_one_total():
    body = (
        "二、部门整体支出情况\n从资金来源看，全年支出中财政拨款1,260.40万元，其他资金48.60万元。\n"
        "从经济分类看，工资福利支出860.20万元，商品和服务支出{}万元，资本性支出96.30万元。\n"
    )
    finding = contrast(WHOLE, body, "breakdown.groupings", ("334.50",), ("352.50",))
    assert "1309.00万元" in finding.message.replace(",", "") or "1309万元" in finding.message


def test_groupings_that_are_headings_of_their_own_are_held_against_each_other_and_their_whole():
    body = (
        "二、部门整体支出情况\n本年支出612.00万元。\n（一）按经济分类。基本支出420.00万元，项目支出192.00万元。\n"
        "（二）按功能分类。本年支出中，农林水支出{}万元，社会保障和就业支出80.00万元。\n"
    )
    found = fired(WHOLE, body.format("526.00"), "breakdown.groupings")
    assert found and all(f.severity == "error" for f in found)
    assert not fired(WHOLE, body.format("532.00"), "breakdown.groupings")
    alone = "二、部门整体支出情况\n本年支出612.00万元。\n（三）按功能分类。本年支出中，农林水支出{}万元，社会保障和就业支出80.00万元。\n"
    finding = contrast(WHOLE, alone, "breakdown.groupings", ("526.00",), ("532.00",))
    assert "“本年支出”612.00万元" in finding.message


def test_weights_set_in_a_sentence_without_naming_the_top_level_add_up_to_the_full_score():
    body = (
        "三、自评情况\n本次自评按照预算执行率10分、产出指标{}分、效益指标30分、满意度指标10分设置权重{}。\n"
    )
    finding = contrast(
        WHOLE,
        body,
        "score.weights_hundred",
        (
            "40",
            "",
        ),
        (
            "50",
            "",
        ),
    )
    assert finding.found == "90分"
    finding = contrast(
        WHOLE,
        body,
        "score.list_total",
        (
            "40",
            "，满分100分",
        ),
        (
            "50",
            "，满分100分",
        ),
    )
    assert "与所述“满分”100分不符" in finding.message


def test_a_score_by_its_rate_is_read_when_the_rate_stands_before_the_rule_or_elsewhere():
    same = (
        "三、产出\n计划改造供水管网40公里，完成36公里，完成率90.00%；该指标分值10分，按完成率计分，得{}分。\n"
    )
    finding = contrast(WHOLE, same, "score.by_rate", ("9.50",), ("9.00",))
    assert finding.expected == "9.00"
    apart = (
        "二、预算执行\n全年预算执行率92.00%。\n三、自评得分\n本次自评按产出指标50分、效益指标30分、满意度指标10分、"
        "预算执行率10分设置分值。产出指标得46分；预算执行率指标按执行率乘以分值计分，得{}分。\n"
    )
    finding = contrast(WHOLE, apart, "score.by_rate", ("9.80",), ("9.20",))
    assert finding.expected == "9.20"


def test_a_form_whose_note_scores_a_missed_target_by_its_share_is_checked_row_by_row():
    form = (
        "三、评分\n| 指标 | 目标值 | 实际值 | 分值 | 得分 |\n| 新建蓄水池 | 20座 | {} | 8 | {} |\n"
        "| 巡河护岸 | 300次 | 320次 | 6 | 6 |\n其中定量指标未达目标值的，按实际完成值占目标值的比例计算得分。\n"
    )
    finding = contrast(
        WHOLE,
        form,
        "table.score_rate",
        (
            "16座",
            "7.2",
        ),
        (
            "16座",
            "6.4",
        ),
    )
    assert "8×80.00%=6.40" in finding.message
    assert not fired(WHOLE, form.format("22座", "8"), "table.score_rate")  # above its target: full points


def test_a_parts_spending_is_not_the_bodys_spending_in_the_balance():
    body = (
        "二、收支情况\n2023年收入合计1,200.00万元，其中财政拨款收入1,150.00万元，其他收入50.00万元。\n"
        "按经济性质划分，全年支出由人员经费700.00万元、公用经费120.00万元和项目支出{}万元三部分构成。"
        "收支相抵后，年末结转结余30.00万元。\n"
    )
    assert not [f for f in fired(WHOLE, body.format("350.00"), "balance.identity") if f.severity == "error"]


def test_a_list_of_members_each_with_its_amount_counts_its_clauses():
    body = "二、项目支出\n项目支出共{}个：妇女维权项目预算150,000.00元，巾帼建功项目预算130,000.00元，基层组织建设经费120,000.00元。\n"
    assert not fired(WHOLE, body.format("三"), "count.items")
    (finding,) = fired(WHOLE, body.format("四"), "count.items")
    assert "说4个" in finding.message and "有3个" in finding.message


def test_claims_with_a_concessive_or_secured_wording_are_read():
    money = "二、资金拨付\n文物修缮项目下达预算350.00万元，当年实际拨付312.85万元，拨付率89.39%。\n三、存在问题\n修缮资金虽已全部拨付到位，但验收滞后。\n"
    (finding,) = fired(WHOLE, money, "claim.rate")
    assert "89.39%" in finding.message
    assert not fired(WHOLE, money.replace("312.85", "350.00").replace("89.39", "100.00"), "claim.rate")
    secured = "二、资金情况\n人口普查经费预算60.00万元，年内实际到位{}万元。\n三、评价结论\n人口普查经费足额保障到位。\n"
    assert fired(WHOLE, secured.format("51.00"), "claim.rate")
    assert not fired(WHOLE, secured.format("60.00"), "claim.rate")


def test_a_claim_is_held_against_its_money_planned_and_achieved_in_two_places():
    body = (
        "二、资金安排\n市级水土保持补助资金860.00万元已全部拨付至各县（区）。\n"
        "三、资金使用\n截至年底，市级水土保持补助资金实际拨付{}万元。\n"
    )
    finding = contrast(WHOLE, body, "claim.rate", ("774.00",), ("860.00",))
    assert "90.00%" in finding.message
    levels = (
        "一、资金来源\n项目总投资6,000.00万元，其中中央资金3,600.00万元，省级配套资金2,400.00万元。\n"
        "二、资金到位\n中央资金已到位3,600.00万元；省级配套资金实际到位{}万元。\n三、结论\n项目各级资金均已足额到位。\n"
    )
    finding = contrast(PROJECT, levels, "claim.rate", ("2,160.00",), ("2,400.00",))
    assert "90.00%" in finding.message


def test_a_figure_split_into_as_many_items_as_it_says_must_equal_their_sum():
    body = "二、项目支出\n项目支出{}万元，分为三项：河道保洁186.20万元，水毁修复300.00万元，水土保持监测126.10万元。\n"
    finding = contrast(WHOLE, body, "parts.sum", ("640.30",), ("612.30",))
    assert finding.severity == "error" and "所分各项之和" in finding.message


def test_counts_of_roads_and_other_things_change_during_the_year_too():
    body = "二、履职情况\n年初计划养护路段126条，年中因汛后水毁修复增加18条，共计{}条。\n"
    finding = contrast(WHOLE, body, "count.changes", ("148",), ("144",))
    assert "144条" in finding.message


def test_an_indicator_told_in_a_sentence_of_its_own_is_held_against_the_prose():
    body = (
        "二、主要工作\n全年完成农村危房改造{}户，全部通过竣工验收；全年新建截污管网12.6公里。\n"
        "三、绩效指标完成情况\n1.数量指标。农村危房改造：年度目标300户，实际完成287户，未达到年度目标。"
        "截污管网建设：年度目标12公里，实际完成{}公里。\n"
    )
    found = fired(WHOLE, body.format("312", "12.6"), "indicator.prose_conflict")
    assert [f.found for f in found] == ["312户"]
    found = fired(WHOLE, body.format("287", "13.2"), "indicator.prose_conflict")
    assert [f.found for f in found] == ["12.6公里"]
    assert not fired(WHOLE, body.format("287", "12.6"), "indicator.prose_conflict")


def test_a_whole_execution_rate_whose_sentence_names_only_its_base_uses_the_spending_just_before():
    body = (
        "二、部门整体支出情况\n全年支出合计372.18万元。其中基本支出298.56万元，项目支出73.62万元。\n"
        "按调整后预算391.62万元计算，全年预算执行率达到{}%。\n"
    )
    (finding,) = [f for f in fired(WHOLE, body.format("97"), "rate.recompute") if f.severity != "info"]
    assert "95.04%" in finding.message or finding.expected in ("95%", "95.04%")
    assert not [f for f in fired(WHOLE, body.format("95"), "rate.recompute") if f.severity != "info"]
    # a project's rate is not the body's: its sentence's base is no whole budget
    project = body.format("97").replace("全年预算执行率", "项目支出执行率")
    assert not [f for f in fired(WHOLE, project, "rate.recompute") if f.severity != "info"]


def test_a_share_of_a_named_whole_stated_in_an_earlier_part_is_recomputed():
    body = (
        "项目总投资2.35亿元，建设期为2023—2025年。\n二、资金使用情况\n截至年底，项目累计完成投资16,200.00万元"
        "（其中2023年完成8,490.60万元），占项目总投资的{}%。\n"
    )
    (finding,) = [f for f in fired(PROJECT, body.format("74.47"), "rate.recompute") if f.severity != "info"]
    assert finding.expected == "68.94%"
    assert not [f for f in fired(PROJECT, body.format("68.94"), "rate.recompute") if f.severity != "info"]
    # the whole stated twice with two values: no base to take
    twice = body.format("74.47").replace("建设期为", "调整后总投资2.50亿元，项目总投资2.50亿元，建设期为")
    assert not [f for f in fired(PROJECT, twice, "rate.recompute") if f.severity != "info"]
