"""The title against what the report says of itself (title.self_declared, title.year), on texts of
departments nobody modelled: each defect beside the consistent text of the same shape."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

BODY = (
    "按照县财政局《关于做好2023年度预算绩效自评工作的通知》要求，我会对2023年度整体支出开展了绩效自评，"
    "现将自评情况报告如下：\n一、部门基本情况\n（一）部门职能\n负责全县妇女儿童工作。\n"
)


def test_a_report_titled_an_evaluation_that_declares_itself_a_self_evaluation_is_reported():
    found = findings("东溪县妇女联合会2023年度部门整体支出绩效评价报告\n" + BODY, "title.self_declared")
    assert len(found) == 1
    assert "现将自评情况报告如下" in found[0].message and "评价报告" in found[0].message
    assert found[0].location.quote.startswith("东溪县妇女联合会2023年度")


def test_a_self_evaluation_titled_as_one_or_a_body_that_does_not_declare_itself_stays_silent():
    assert not findings("东溪县妇女联合会2023年度部门整体支出绩效自评报告\n" + BODY, "title.self_declared")
    assert not findings(
        "东溪县妇女联合会2023年度部门整体支出绩效评价报告\n受县财政局委托，我所对该会2023年度整体支出进行了评价，"
        "现将评价情况报告如下：\n一、部门基本情况\n",
        "title.self_declared",
    )
    # a page's collection name is not the report's title
    assert not findings("部门整体支出绩效评价报告精选(12篇)\n" + BODY, "title.self_declared")


def test_two_titles_of_one_report_naming_different_years_are_reported():
    text = (
        "TITLE: 北岗区水务局2022年度部门整体绩效自评表.docx\n"
        "1、北岗区水务局2023年度部门整体绩效自评表主管部门北岗区水务局联系人王某\n"
        "年度总金额 120.5 118.2 98.09%\n"
    )
    found = findings(text, "title.year")
    assert len(found) == 1 and (found[0].expected, found[0].found) == ("2022", "2023")


def test_titles_of_one_year_or_of_two_bodies_stay_silent():
    same = "TITLE: 北岗区水务局2023年度部门整体绩效自评表.docx\n1、北岗区水务局2023年度部门整体绩效自评表主管部门\n"
    assert not findings(same, "title.year")
    two = (
        "北岗区水务局2023年度部门整体支出绩效评价报告\n一、基本情况\n"
        "北岗区河道管理所2022年度部门整体支出绩效评价报告已于去年公开。\n"
    )
    assert not findings(two, "title.year")


def test_a_title_year_the_body_never_mentions_while_it_reports_on_another_year():
    body = (
        "\n一、部门概况\n截至2024年12月31日，本馆在职12人。\n二、支出情况\n2024年度部门决算支出100.00万元。\n"
    )
    wrong = "某县档案馆2023年度部门整体支出绩效自评报告" + body
    (finding,) = [f for f in check_text(wrong).findings if f.rule == "title.body_year"]
    assert finding.severity == "warning" and finding.found == "2023" and finding.expected == "2024"
    right = "某县档案馆2024年度部门整体支出绩效自评报告" + body
    assert not [f for f in check_text(right).findings if f.rule == "title.body_year"]
    # a body that names the title's year too (the year before, a plan for the next) is left alone
    both = wrong + "2023年度工作任务全部完成。\n"
    assert not [f for f in check_text(both).findings if f.rule == "title.body_year"]


def test_a_title_year_against_the_year_the_body_gives_the_titles_own_subject_and_its_table():
    body = (
        "\n一、项目基本情况\n城乡低保资金由县民政局管理。\n二、自评情况\n项目支出绩效自评表\n(2023年度)\n"
        "| 项目名称 | 2023年城乡居民最低生活保障资金 |\n"
    )
    wrong = "林口县2022年城乡居民最低生活保障资金项目支出绩效自评报告" + body
    (finding,) = [f for f in check_text(wrong).findings if f.rule == "title.body_year"]
    assert (finding.found, finding.expected) == ("2022", "2023")
    # the page's title line and the document's own heading under it are one title, not the body
    paged = "TITLE: " + wrong.split("\n")[0] + "\n\n" + wrong
    (finding,) = [f for f in check_text(paged).findings if f.rule == "title.body_year"]
    assert (finding.found, finding.expected) == ("2022", "2023")
    right = "林口县2023年城乡居民最低生活保障资金项目支出绩效自评报告" + body
    assert not [f for f in check_text(right).findings if f.rule == "title.body_year"]
    # the subject named once for another year (last year's funds carried over) is too little
    once = "林口县2022年城乡居民最低生活保障资金项目支出绩效自评报告\n一、项目基本情况\n2023年城乡居民最低生活保障资金提前下达。\n"
    assert not [f for f in check_text(once).findings if f.rule == "title.body_year"]


def test_the_title_year_against_the_year_the_body_works_on_in_other_words():
    from jixiao.domain.checker import check_text

    body = (
        "一、基本情况\n根据县财政局通知要求，我局对2022年度项目开展了绩效自评。\n二、资金情况\n"
        "2022年项目预算100.00万元，2022年支出95.00万元。\n三、自评结论\n2022年度自评得分92分。\n"
    )

    def fired(title):
        return [
            f for f in check_text(title + body, report_type="auto").findings if f.rule == "title.body_year"
        ]

    (finding,) = fired("鹤山市林业局2023年度造林补助项目支出绩效自评报告\n")
    assert finding.expected == "2022" and finding.found == "2023"
    assert fired("鹤山市林业局2022年度造林补助项目支出绩效自评报告\n") == []
    # the title's year written anywhere in the body: the body may speak of other years too
    assert fired("鹤山市林业局2023年度造林补助项目支出绩效自评报告\n" + "2023年3月完成自评。\n") == []
