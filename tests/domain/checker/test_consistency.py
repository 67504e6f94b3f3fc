"""The checker's consistency warnings, read from a report's text (jixiao.domain.checker.consistency).

An outside report is only text: what the reviewer of issue 16 saw — a deduction no problem
explains, a refused request called 串用, an open 督查 finding missing from the problems, an
uncited chart, a sentence printed twice — is a warning, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.domain.checker import ERROR, WARNING, check_text

HEAD = "2023年度某单位整体支出绩效评价报告\n\n一、部门概况\n本单位在编5人。\n\n二、部门整体支出情况\n全年支出100万元，预算执行率98.0%。\n"


def _report(
    *,
    body: str = "",
    problems: str,
    measures: str = "（一）加快预算执行\n1.按月分析支出进度。\n",
    table: str = "",
) -> str:
    return (
        HEAD
        + body
        + "\n三、部门整体支出绩效情况\n自评得分92分，评价等级为“优”。\n"
        + "\n四、存在的主要问题\n"
        + problems
        + "\n五、改进措施和建议\n"
        + measures
        + table
    )


SCORE_TABLE = (
    "\n附件1\n评分表\n"
    "| 一级指标 | 二级指标 | 三级指标 | 评分标准 | 分值 | 自评得分 | 扣分原因和其他说明 |\n"
    "| 过程 | 预算执行 | 支付进度 | 每低5%扣0.5分 | 3 | 2 | 支付进度率90.8% |\n"
    "| 过程 | 预算管理 | 资金使用合规性 | 每发现一项扣1分 | 3 | 3 |  |\n"
)


def _rules(text: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in check_text(text, report_type="zhengti").findings:
        found.setdefault(finding.rule, []).append(finding)
    return found


def test_a_deduction_the_problems_never_name_is_a_warning():
    unexplained = SCORE_TABLE.replace("| 支付进度率90.8% |", "| 无 |")
    text = _report(problems="1.部分支出进度偏慢。\n依据：月度支出台账。\n", table=unexplained)
    (finding,) = _rules(text)["consistency.deduction_unexplained"]
    assert finding.severity == WARNING
    assert "“支付进度”扣1分" in finding.message
    named = _report(problems="1.支付进度未达到既定进度。\n", table=unexplained)
    assert "consistency.deduction_unexplained" not in _rules(named)
    # the form's own 扣分原因 cell, or a sentence after the table, explains it too
    reasoned = _report(problems="1.部分支出进度偏慢。\n", table=SCORE_TABLE)
    assert "consistency.deduction_unexplained" not in _rules(reasoned)
    told = _report(
        problems="1.部分支出进度偏慢。\n", table=unexplained + "支付进度率90.8%，支付进度扣1分。\n"
    )
    assert "consistency.deduction_unexplained" not in _rules(told)


def test_a_refused_request_called_cross_use_among_the_problems_is_a_warning():
    body = "1笔拟用项目资金支付办公用品的申请被预算控制拒绝，未形成支出。\n"
    text = _report(body=body, problems="1.预算执行中存在不同科目预算资金串用问题。\n")
    (finding,) = _rules(text)["consistency.refusal_as_misuse"]
    assert finding.severity == WARNING and "串用" in finding.message
    clean = _report(body=body, problems="1.部分支出进度偏慢。\n")
    assert "consistency.refusal_as_misuse" not in _rules(clean)


def test_an_open_inspection_finding_missing_from_the_problems_is_a_warning():
    body = "9月25日督查发现补助发放名单缺2人签字，目前尚未整改销号。\n"
    text = _report(body=body, problems="1.部分支出进度偏慢。\n")
    assert _rules(text)["consistency.open_inspection"][0].severity == WARNING
    listed = _report(body=body, problems="1.督查发现的问题尚未整改。\n")
    assert "consistency.open_inspection" not in _rules(listed)


def test_an_uncited_chart_and_a_repeated_sentence_are_warnings():
    body = (
        "图1　2023年度年初预算支出构成\n"
        "| 支出类别 | 预算数 |\n| 人员经费 | 80 |\n"
        "本年度加强预算管理，严格按照预算批复用途使用资金。\n"
        "本年度加强预算管理，严格按照预算批复用途使用资金。\n"
    )
    found = _rules(_report(body=body, problems="1.部分支出进度偏慢。\n"))
    assert found["consistency.chart_not_cited"][0].message == "图1在正文中没有被引用"
    assert len(found["consistency.repeated_sentence"]) == 1
    cited = body.replace("图1　", "年初预算构成见图1。\n图1　", 1)
    assert "consistency.chart_not_cited" not in _rules(_report(body=cited, problems="1.部分支出进度偏慢。\n"))


def test_measures_without_any_problem_listed_is_a_warning():
    found = _rules(_report(problems="无。\n"))
    assert found["consistency.measures_without_problems"][0].severity == WARNING


SEED = Path(__file__).resolve().parents[4] / "shared" / "seed" / "2023-changning-kexie-report.txt"


@pytest.mark.skipif(not SEED.exists(), reason="种子报告不在本机")
def test_the_seed_report_gets_no_consistency_error_only_at_most_warnings():
    findings = check_text(SEED.read_text(encoding="utf-8"), report_type="zhengti").findings
    assert not [f for f in findings if f.rule.startswith("consistency.") and f.severity == ERROR]
