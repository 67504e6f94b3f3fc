"""table.column_total: a table's 合计 row against its rows, column by column, on tables of
departments nobody modelled (flattened to '|' rows, as an uploaded .docx gives them)."""

from tests.domain.checker.helpers import findings, only

HEAD = "南坪县卫生健康局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n表1 “三公”经费支出情况（单位：万元）\n"
RULE = "table.column_total"


def fired(table):
    return findings(HEAD + table + "\n注：数据来源于部门决算。\n", RULE)


def test_a_total_row_under_its_rows_that_does_not_add_up_is_an_error_with_the_recomputation():
    table = (
        "| 项目 | 2022年决算 | 2023年决算 | 增减 |\n"
        "| 公务接待费 | 2.10 | 1.80 | -0.30 |\n"
        "| 公务用车运行维护费 | 3.50 | 3.20 | -0.30 |\n"
        "| 因公出国（境）费 | 0 | 0 | 0 |\n"
        "| 合计 | 5.60 | 5.20 | -0.60 |"
    )
    finding = only(HEAD + table + "\n", RULE)
    assert finding.severity == "error"
    assert "“2023年决算”为5.20，与其上各行之和5.00（1.80+3.20+0）不符，相差0.20" in finding.message
    assert finding.location.quote == "5.20" and (finding.expected, finding.found) == ("5.00", "5.20")
    assert not fired(table.replace("| 合计 | 5.60 | 5.20 |", "| 合计 | 5.60 | 5.00 |"))


def test_a_total_row_over_its_rows_with_subtotals_is_read_as_a_tree():
    table = (
        "| 科目 | 预算数 | 决算数 |\n"
        "| 合计 | 1,250.00 | 1,198.40 |\n"
        "| 基本支出 | 900.00 | 880.40 |\n"
        "| 工资福利支出 | 700.00 | 690.10 |\n"
        "| 商品和服务支出 | 200.00 | 190.30 |\n"
        "| 项目支出 | 350.00 | 318.00 |\n"
    )
    assert not fired(table)  # 900 stands for 700 + 200; the total is 900 + 350
    finding = only(HEAD + table.replace("| 1,198.40 |", "| 1,189.40 |") + "\n", RULE)
    assert finding.severity == "warning"  # the tree was read from the sums: less certain
    assert "1,189.40" in finding.message and "1198.40" in finding.message


def test_rows_set_in_under_their_parent_are_its_parts():
    table = (
        "| 项目 | 决算数 | 执行率 |\n"
        "| 基本支出 | 96.50 | 99.1% |\n"
        "| 　人员经费 | 80.20 | 99.5% |\n"
        "| 　公用经费 | 15.30 | 97.0% |\n"
        "| 项目支出 | 40.00 | 88.9% |\n"
        "| 合计 | 136.50 | 96.0% |"
    )
    parent = only(HEAD + table + "\n", RULE)  # 80.20 + 15.30 = 95.50, not 96.50; the total holds
    assert parent.severity == "warning" and "“基本支出”行的“决算数”为96.50" in parent.message
    assert not fired(
        table.replace("| 96.50 | 99.1% |", "| 95.50 | 99.1% |").replace("| 136.50 |", "| 135.50 |")
    )


def test_other_columns_and_other_tables_are_not_summed():
    rates = (
        "| 项目 | 预算数 | 执行数 | 执行率 | 占比 |\n"
        "| 人员经费 | 80 | 79 | 98.75% | 60% |\n"
        "| 公用经费 | 20 | 18 | 90% | 15% |\n"
        "| 合计 | 100 | 97 | 97% | 75% |"
    )
    assert not fired(rates)  # 执行率 and 占比 are not added up
    partial = "| 项目 | 决算数 |\n| 基本支出 | 96.5 |\n| 其中：人员经费 | 80.2 |\n| 项目支出 | 40 |\n| 合计 | 136.5 |"
    assert not fired(partial)  # a 其中 row is a part of the row above
    groups = "| 项目 | 金额 |\n| 甲 | 1 |\n| 乙 | 2 |\n| 小计 | 3 |\n| 合计 | 9 |\n| 丙 | 6 |\n| 合计 | 6 |"
    assert not fired(groups)  # two 合计 rows: groups not read
    words = "| 项目 | 说明 |\n| 甲 | 已完成 |\n| 乙 | 未完成 |\n| 合计 | 2 |"
    assert not fired(words)


PROSE = (
    "东岭县妇女联合会2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
    "全年支出101.36万元，其中基本支出72.16万元，项目支出29.2万元。\n"
    "表1 2023年支出情况（单位：万元）\n"
    "| 项目 | 调整后预算 | 决算数 | 执行率 |\n"
    "| 基本支出 | 74.5 | {basic} | {rate} |\n"
    "| 项目支出 | 30.2 | 29.2 | 96.69% |\n"
    "| 合计 | 104.7 | {total} | 97.77% |\n"
)


def test_a_table_rows_amount_against_the_same_figure_in_the_prose():
    table = PROSE.format(
        basic="73.16", rate="98.20%", total="102.36"
    )  # the table adds up; the prose says 72.16
    finding = only(table, "table.row_conflict")
    assert (
        finding.severity == "warning"
        and "表中“基本支出”的决算数为73.16万元，正文写基本支出72.16万元" in finding.message
    )
    assert not findings(PROSE.format(basic="72.16", rate="96.86%", total="101.36"), "table.row_conflict")
    # no caption naming the unit: the table's numbers are not compared with the prose
    assert not findings(table.replace("（单位：万元）", ""), "table.row_conflict")


def test_a_total_row_that_restates_one_of_the_rows_is_not_a_sum_of_them():
    table = (
        "| 指标 | 2022年 | 2023年 | 增减额 |\n"
        "| 财政拨款收入 | 184.39 | 208.40 | 24.01 |\n"
        "| 基本支出 | 133.39 | 164.40 | 31.01 |\n"
        "| 项目支出 | 51.00 | 44.00 | -7.00 |\n"
        "| “三公”经费 | 0.34 | 0.22 | -0.12 |\n"
        "| 合计 | 184.39 | 208.40 | 24.01 |"
    )
    assert not fired(table)  # 合计 repeats 财政拨款收入; 基本 + 项目 make it; 三公 is within them
    three = "| 项目 | 决算数 |\n| 基本支出 | 164.40 |\n| 项目支出 | 44.00 |\n| “三公”经费 | 0.22 |\n| 合计 | 208.40 |"
    finding = only(HEAD + three + "\n", RULE)  # over by exactly one row: it may lie within another
    assert finding.severity == "warning"


def test_the_change_columns_of_a_table_against_its_two_years():
    table = (
        "某县统计局2024年度部门整体支出绩效自评报告\n一、部门概况\n表1 支出对比（单位：万元）\n"
        "| 科目 | 本年决算 | 上年决算 | 增减额 | 增减率 |\n| 基本支出 | 356.74 | 330.12 | {delta} | 8.06% |\n"
        "| 项目支出 | 122.16 | 130.50 | -8.34 | {rate} |\n"
    )
    assert not findings(table.format(delta="26.62", rate="-6.39%"), "table.change_columns")
    (wrong_delta,) = findings(table.format(delta="26.26", rate="-6.39%"), "table.change_columns")
    assert wrong_delta.severity == "error" and wrong_delta.expected == "26.62"
    (wrong_rate,) = findings(table.format(delta="26.62", rate="-6.93%"), "table.change_columns")
    assert wrong_rate.expected == "-6.39%"
    # a table whose columns are not named as the two years is not read
    unnamed = table.replace("本年决算", "甲").replace("上年决算", "乙")
    assert not findings(unnamed.format(delta="26.26", rate="-6.93%"), "table.change_columns")


def test_a_prose_figure_equal_to_another_cell_of_its_row_is_that_columns_figure():
    # '其中小学6,084,000元' is the planned (测算数) figure of the row, not its spending beside it
    text = (
        "东岭县教育局2024年度城乡义务教育公用经费项目支出绩效自评报告\n一、项目基本情况\n"
        "按生均标准测算，全年公用经费9,956,800元，其中小学6,084,000元、初中3,872,800元。\n"
        "二、资金使用\n表1 资金使用情况（单位：元）\n"
        "| 类别 | 测算数（元） | 支出数（元） | 执行率 |\n"
        "| 小学 | 6,084,000 | 6,010,000 | 98.78% |\n"
        "| 初中 | 3,872,800 | 3,820,500 | 98.65% |\n"
        "| 合计 | 9,956,800 | 9,830,500 | 98.73% |\n"
    )
    assert not findings(text, "table.row_conflict", report_type="auto")
    # a prose figure that is none of the row's cells is still compared
    assert findings(
        text.replace("其中小学6,084,000元", "其中小学6,048,000元"), "table.row_conflict", report_type="auto"
    )
