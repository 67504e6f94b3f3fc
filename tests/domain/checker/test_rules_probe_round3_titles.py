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
