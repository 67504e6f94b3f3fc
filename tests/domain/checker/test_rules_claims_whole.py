"""claim.rate against the whole report, in wordings of our own: a claim that the money arrived,
was paid or spent in full, far from the figures that say otherwise (a rate of its act in another
section, a table's 合计 or source row, the planned and achieved amounts). Each with its consistent
twin, and with claims that speak of something else."""

import pytest

from tests.domain.checker.helpers import findings

HEAD = "鹤山市农业农村局2023年度高标准农田建设项目支出绩效自评报告\n一、项目基本情况\n项目位于共和镇。\n"
TAIL = "五、存在问题\n进度偏慢。\n"

EVIDENCE = {
    "rate": "二、资金到位情况\n项目计划投入资金1,520.00万元，实际到位{a}万元，资金到位率{r}。\n",
    "pair": "二、资金到位情况\n项目计划投入资金1,520.00万元，实际到位资金{a}万元。\n",
    "table": "二、资金到位情况\n| 资金来源 | 计划数 | 到位数 | 到位率 |\n| 中央资金 | 1,000.00 | 1,000.00 | 100.00% |\n"
    "| 县级配套 | 520.00 | {c} | {cr} |\n| 合计 | 1,520.00 | {a} | {r} |\n",
    "paid": "二、资金使用情况\n项目预算1,520.00万元，已支付{a}万元，支付进度{r}。\n",
    "spent": "二、资金使用情况\n项目调整后预算1,520.00万元，全年支出{a}万元。\n",
}
SHORT = {"a": "1,380.00", "r": "90.79%", "c": "380.00", "cr": "73.08%"}
FULL = {"a": "1,520.00", "r": "100.00%", "c": "520.00", "cr": "100.00%"}
CLAIMS = [
    ("rate", "各级资金均已足额到位，保障了项目实施。"),
    ("rate", "项目资金已全部到位。"),
    ("pair", "各级资金均已足额到位，保障了项目实施。"),
    ("pair", "项目资金已全部到位。"),
    ("table", "各级资金均已足额到位。"),
    ("table", "县级配套资金已全部到位。"),
    ("paid", "项目资金已全部支付完毕。"),
    ("paid", "资金已按合同全额支付。"),
    ("spent", "项目资金已全部使用完毕。"),
    ("spent", "年度预算已全部执行完毕。"),
    # a percentage said as the claim: the same claim as 全部
    ("rate", "所有资金100%到位。"),
    ("pair", "所有资金100%到位。"),
    ("paid", "项目资金已100%支付。"),
]


def claim_findings(evidence, claim, figures, where):
    text = HEAD + EVIDENCE[evidence].format(**figures) + where + "项目建设按期推进。" + claim + "\n" + TAIL
    return findings(text, "claim.rate", report_type="auto")


@pytest.mark.parametrize("where", ["三、绩效分析\n", "四、评价结论\n"])
@pytest.mark.parametrize(("evidence", "claim"), CLAIMS)
def test_a_claim_of_full_money_against_the_reports_figures_of_its_act(evidence, claim, where):
    (found,) = claim_findings(evidence, claim, SHORT, where)
    assert found.severity == "warning" and ("90.79%" in found.message or "73.08%" in found.message)
    assert claim_findings(evidence, claim, FULL, where) == []


SILENT = [
    # a source's claim against the whole money's rate: not the same money
    ("rate", "配套资金全额到位。", SHORT),
    # a claim about a named sub-project: read by the shapes that look for its name
    ("spent", "农田水利子项目资金已全部使用完毕。", SHORT),
    # the act differs: arrival claimed, spending short (the money may have arrived in full)
    ("spent", "项目资金已全部到位。", SHORT),
    # negated
    ("rate", "项目资金未能全部到位。", SHORT),
]


@pytest.mark.parametrize(("evidence", "claim", "figures"), SILENT)
def test_claims_about_other_money_or_another_act_stay_silent(evidence, claim, figures):
    assert claim_findings(evidence, claim, figures, "三、绩效分析\n") == []


EVERY = [
    # every level: a table's row of one level short, though the total reads 95%
    (
        "二、资金到位情况\n截至2023年12月31日，中央、省、县各级资金均已足额到位，明细如下：\n"
        "资金来源|计划数|到位数|到位率\n中央资金|1,000.00|1,000.00|100.00%\n省级资金|300.00|300.00|100.00%\n"
        "县级配套|220.00|{c}|{cr}\n合计|1,520.00|{a}|{r}\n",
        "73.08%",
    ),
    # every item, after an enumerator and a colon, against one item's rate stated elsewhere
    (
        "二、资金使用\n电子商务项目已拨付{a}万元，拨付率{r}。\n三、成效\n主要成效：一是上述各项资金均已全部拨付到项目单位。\n",
        "90.79%",
    ),
]


@pytest.mark.parametrize(("body", "shown"), EVERY)
def test_a_claim_of_every_level_or_item_against_any_one_short(body, shown):
    short = {"a": "1,380.00", "r": "90.79%", "c": "160.00", "cr": "72.73%"}
    full = {"a": "1,520.00", "r": "100.00%", "c": "220.00", "cr": "100.00%"}
    (found,) = findings(HEAD + body.format(**short) + TAIL, "claim.rate", report_type="auto")
    assert found.severity == "warning" and ("72.73%" in found.message or shown in found.message)
    assert findings(HEAD + body.format(**full) + TAIL, "claim.rate", report_type="auto") == []
