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
