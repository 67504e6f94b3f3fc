"""Causes found on batch 12 of the evaluation set (tuning data), each written here in other words
for departments nobody modelled: the false alarm that must stay silent, and beside it the real
defect of the same shape that must still be reported."""

from jixiao.domain.checker import ERROR, WARNING
from tests.domain.checker.helpers import findings, only

HEAD = "北坡县供销合作社联合社2023年度部门整体支出绩效自评报告\n一、基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


def test_a_total_printed_without_its_unit_before_its_parts_is_not_replaced_by_another():
    in_brackets = "2023年末在职15人,离退休人员40(其中:离休人员3人,退休人员37人);"
    assert not [f for f in fired(in_brackets, "parts.sum") if f.severity in (ERROR, WARNING)]
    after_comma = "共有编制12人,人数30,其中财政供养人员10人、离退休18人、其他人员2人;"
    assert not [f for f in fired(after_comma, "parts.sum") if f.severity in (ERROR, WARNING)]
    assert fired("共有人员30人,其中财政供养人员10人、离退休18人、其他人员4人。", "parts.sum")


def test_a_closer_after_a_masked_part_of_the_line_is_not_stray():
    body = "******街道对2025年公益事业建设项目实施方案的批复》(北财农〔2024〕27号)批复。"
    assert not fired(body, "punct.brackets")
    assert fired("街道对2025年公益事业建设项目实施方案的批复》(北财农〔2024〕27号)批复。", "punct.brackets")


def test_a_districts_project_title_is_no_unit_name_cut_short():
    text = (
        "北坡县发展和改革委员会2023年储备粮补贴项目绩效评价报告\n"
        "北坡县2023年储备粮补贴项目绩效评价报告\n一、基本情况\n"
    )
    assert not findings(text, "title.name_missing", report_type="auto")


def test_a_first_heading_whose_number_lost_its_mark():
    body = "(一)部门基本情况\n1职能职责\n负责全县供销社的发展规划。\n2.机构和人员情况\n内设办公室、业务股。"
    finding = only(HEAD + body + "\n", "heading.numbering")
    assert "“1职能职责”的编号缺少标点" in finding.message


def test_a_breakdown_in_brackets_right_after_an_amount():
    body = "共投入资金120万元,其中中央投入资金80万元(奖励扶助资金30万元,特别扶助资金{n}万元),县级投入40万元。"
    finding = only(HEAD + body.format(n=40) + "\n", "parts.sum")
    assert "70万元小于“中央投入资金”80万元" in finding.message
    assert not [f for f in fired(body.format(n=50), "parts.sum") if f.severity in (ERROR, WARNING)]


def test_a_group_listed_beside_the_parts_that_make_the_total():
    body = "特别扶助对象120人:其中伤残家庭特别扶助对象50人,死亡家庭特别扶助对象70人,手术并发症对象2人。"
    assert not [f for f in fired(body, "parts.sum") if f.severity == ERROR]


def test_a_form_row_broken_over_two_lines_and_a_points_caption():
    rows = (
        "部门(单位)总体资金(万元) | 资金来源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 |\n"
        "基本支出 | 200.00 | 180.00 |\n{score} | |\n"
    )
    finding = only(HEAD + rows.format(score="10 | 10") + "\n", "score.recompute")
    assert "10×180.00÷200.00=9" in finding.message
    assert not fired(rows.format(score="10 | 9"), "score.recompute")
