"""Shapes from the probe set's third round (tests/data/checker_probe p8–p10, read after its first
run): claims of a thing done in full against a rate or a planned/achieved pair, balances, and a
false error, each with look-alikes that must stay silent, in wording of our own."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

HEAD = "平江县文化馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule)


def errors(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.severity == "error"]


def test_a_rate_whose_own_sentence_holds_an_amount_and_a_budget_is_not_held_against_an_earlier_sum():
    # one long line: the headings run inline, the spending of the whole sits two sentences back
    body = (
        "(二)支出 本年支出612.40万元,其中基本支出401.22万元,项目支出211.18万元。"
        "(三)公务接待 全年只列支公务接待费{}万元,年初预算安排1.60万元,控制率{}%。"
    )
    assert not errors(body.format("1.20", "75.00"))
    assert not [f for f in fired(body.format("1.20", "75.00"), "rate.recompute") if f.severity != "info"]
    (finding,) = fired(body.format("1.20", "85.00"), "rate.recompute")
    assert "1.20万元÷1.60万元" in finding.message
    other = (
        "(二)支出 本年支出612.40万元。(三)三公经费 “三公”经费共开支{}万元,预算额度4.00万元,预算控制率{}%。"
    )
    assert not errors(other.format("3.10", "77.50"))
    assert fired(other.format("3.10", "87.50"), "rate.recompute")


def test_a_claim_of_works_finished_in_the_conclusion_is_held_against_the_completion_rate_of_its_subject():
    works = "二、产出情况\n年初计划修缮村级文化活动室12处,年内完工10处,完工率{}%。\n"
    said = "三、评价结论\n经自评,全乡村级文化活动室修缮工程已全部完工,群众反映良好。\n"
    (finding,) = fired(works.format("83.33") + said, "claim.rate")
    assert "完工率为83.33%" in finding.message and "已全部完工" in finding.location.quote
    assert not fired(works.format("100.00") + said, "claim.rate")
    # another subject's completion rate is not the claim's
    roads = "二、产出情况\n年初计划硬化通组道路12条,年内完工10条,完工率83.33%。\n"
    assert not fired(roads + said, "claim.rate")


def test_a_claim_that_everyone_eligible_was_taken_in_is_held_against_the_coverage_rate_of_that_group():
    group = "二、产出情况\n全年核定符合条件的低收入老年人2,400人,实际发放补贴2,352人,补贴覆盖率{}%。\n"
    said = "四、总体评价\n本年度坚持应保尽保,符合条件的低收入老年人已全部纳入补贴范围。\n"
    (finding,) = fired(group.format("98.00") + said, "claim.rate")
    assert "覆盖率为98.00%" in finding.message
    assert not fired(group.format("100.00") + said, "claim.rate")
    other = "二、产出情况\n全年救助困难残疾人2,400人,护理补贴覆盖率98.00%。\n"
    assert not fired(other + said, "claim.rate")


def test_a_claim_is_held_against_the_pair_told_in_the_sentence_after_it():
    # the amount handed down at the end of the claim's clause, the amount paid in the next sentence
    money = "文化惠民工程省级下达补助资金120.00万元,已全部拨付到位。截至年底,按合同进度共拨付施工单位{}万元,建成农家书屋8个。"
    (finding,) = fired(money.format("102.60"), "claim.rate")
    assert "102.60÷120.00=85.50%" in finding.message
    assert not fired(money.format("120.00"), "claim.rate")
    # the next sentence lists parts of the money: none of them is the amount paid
    parts = "文化惠民工程省级下达补助资金120.00万元,已全部拨付到位。其中拨付甲镇60.00万元、乙镇60.00万元。"
    assert not fired(parts, "claim.rate")
    # a task, its due and done counts in the next sentence ('应…', '实…')
    task = "全县送戏下乡演出任务已全部完成。全年应演出360场次,实演{}场次,观众满意率96%。"
    (finding,) = fired(task.format("342"), "claim.rate")
    assert "342÷360=95.00%" in finding.message
    assert not fired(task.format("360"), "claim.rate")
    # a figure of an emergency fund ('应急') is no due figure
    urgent = "各项演出任务已全部完成。应急演出队伍出动12次,实际参演8次。"
    assert not fired(urgent, "claim.rate")
