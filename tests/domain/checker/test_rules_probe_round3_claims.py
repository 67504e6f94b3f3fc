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
