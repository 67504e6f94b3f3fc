"""Round 3 of the probe set: a page's title and the document's own heading naming two types of report."""

from tests.domain.checker.helpers import findings


def fired(text):
    return findings(text, "title.type")


def test_the_page_title_and_the_heading_name_two_types_of_report():
    text = (
        "TITLE: 平江县图书馆2024年度部门整体支出绩效评价报告\n\n"
        "平江县图书馆2024年度项目支出绩效评价报告\n一、部门基本情况\n馆内设4个股室。\n"
    )
    (finding,) = fired(text)
    assert "部门整体支出还是项目支出" in finding.message
    assert not fired(text.replace("2024年度项目支出绩效评价报告", "2024年度部门整体支出绩效评价报告"))
    # the other way round, as a self-evaluation run into one line with the body
    other = (
        "TITLE: 岳阳县农机服务中心2023年度农机购置补贴项目支出绩效自评报告\n\n"
        "岳阳县农机服务中心2023年度农机购置补贴部门整体支出绩效自评报告 一、项目概况 补贴资金320万元。\n"
    )
    assert fired(other)


def test_a_project_form_inside_a_whole_report_and_another_units_title_are_no_second_type():
    form = (
        "TITLE: 平江县图书馆2024年度部门整体支出绩效评价报告\n\n"
        "平江县图书馆2024年度部门整体支出绩效评价报告\n一、部门基本情况\n"
        "平江县图书馆2024年度项目支出绩效自评表\n| 项目名称 | 阅读推广 |\n"
    )
    assert not fired(form)
    named = (
        "TITLE: 平江县图书馆2024年度部门整体支出绩效评价报告\n\n"
        "平江县图书馆2024年度部门整体支出绩效评价报告\n"
        "平江县图书馆2024年度全民阅读推广专项资金项目支出绩效评价报告\n一、部门基本情况\n"
    )
    assert not fired(named)


def test_a_forms_filling_prompt_without_brackets_left_in_a_line_or_a_cell():
    head = "平江县2023年度耕地保护项目支出绩效自评表\n年度总体目标\n预期目标\n实际完成情况\n完成耕地保护面积12万亩。\n"
    (finding,) = findings(head + "请根据年度目标如实填写完成情况\n绩效指标\n", "template.form_instruction")
    assert "请根据年度目标如实填写完成情况" in finding.message
    cell = "| 年度总体目标 | 完成耕地保护面积12万亩 | 请据实填报 |\n"
    assert findings(head + cell, "template.form_instruction")
    # a sentence of the body that asks for something is no prompt of the form
    body = head + "请各乡镇于每月5日前填报上月进度,县局汇总后通报。\n"
    assert not findings(body, "template.form_instruction")
    assert not findings(head + "完成情况已填写在附表中\n", "template.form_instruction")


INDICATORS = (
    "平江县2023年度耕地保护项目支出绩效自评表\n"
    "| 项目资金(万元) | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 120.00 | 118.20 | 10 | 98.50% | 9.85 |\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 耕地保护面积 | 12万亩 | 12.4万亩 | 20 | 20 |\n"
    "| 产出指标 | 时效指标 | 补助发放及时率 | ≥95% | {} | 10 | 10 |\n"
    "| 效益指标 | 社会效益指标 | 群众满意度 | ≥90% | 96% | 10 | 10 |\n"
)


def test_an_indicator_row_scored_with_no_achieved_value():
    (finding,) = [
        f for f in findings(INDICATORS.format(""), "template.leftover") if "实际完成值" in f.message
    ]
    assert "“补助发放及时率”" in finding.message and "10分" in finding.message
    assert not [
        f for f in findings(INDICATORS.format("98%"), "template.leftover") if "实际完成值" in f.message
    ]
    # a row with no target either is a category line, not an unfilled completion
    bare = INDICATORS.format("").replace("| ≥95% |  |", "|  |  |")
    assert not [f for f in findings(bare, "template.leftover") if "实际完成值" in f.message]
