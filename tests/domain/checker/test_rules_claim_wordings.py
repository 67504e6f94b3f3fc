"""Claims of completeness against the report's own figures, in wordings of our own: 按时足额拨付 with
the money handed on a section before, 已全部支出 against the execution rate, 各项绩效指标均已完成
against a count of the indicators done, 项目资金无结余 against a 结余 stated in another section. A
sample of bench/bench_checker_wordings.py (“全部/均已/无结余”与文中的数：更多说法), each with its twin;
and wordings that are no claim."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "鹤山市农业农村局2023年度高标准农田建设项目支出绩效自评报告\n一、项目基本情况\n项目位于共和镇。\n二、资金与产出\n"
MIDDLE = "\n三、绩效分析\n"
TAIL = "\n四、存在问题\n进度偏慢。\n"
RULES = ("claim.rate", "claim.none")
CASES = [
    ("项目资金下达1,520.00万元，已拨付{a}万元。", "资金已按时足额拨付到位。", "1,380.00", "1,520.00"),
    ("项目预算1,520.00万元，实际支出{a}万元。", "项目资金已全部支出。", "1,380.00", "1,520.00"),
    ("年度绩效指标共12项，完成{a}项。", "各项绩效指标均已完成。", "10", "12"),
    ("项目预算1,520.00万元，实际支出1,380.00万元，结余{a}万元。", "项目资金无结余。", "140.00", "0.00"),
]


def _claims(text):
    return [f for f in check_text(text, report_type="auto").findings if f.rule in RULES]


@pytest.mark.parametrize(("fact", "claim", "short", "full"), CASES)
def test_a_claim_against_a_figure_stated_elsewhere(fact, claim, short, full):
    (found,) = _claims(HEAD + fact.format(a=short) + MIDDLE + claim + TAIL)
    assert short.replace(",", "") in found.message.replace(",", "")
    assert _claims(HEAD + fact.format(a=full) + MIDDLE + claim + TAIL) == []


@pytest.mark.parametrize(
    ("fact", "claim"),
    [
        # 全部支出 as a noun (all the spending), not 已全部支出
        ("项目预算1,520.00万元，实际支出1,380.00万元。", "人员经费占全部支出的30%。"),
        # a named project's money: no claim about the report's own 结余
        ("项目预算1,520.00万元，实际支出1,380.00万元，结余140.00万元。", "其中机耕路子项目资金无结余。"),
        # a count of indicators that were met, and the claim is of something else
        ("年度绩效指标共12项，完成10项。", "各项建设任务均已完成。"),
    ],
)
def test_what_is_no_claim_about_those_figures(fact, claim):
    assert _claims(HEAD + fact + MIDDLE + claim + TAIL) == []
