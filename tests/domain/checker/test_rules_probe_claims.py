"""claim.rate: the wordings of the probe set (tests/data/checker_probe, p3) the rule did not read —
a claim about a task held against that task's own rate, a rate computed from the planned and the
achieved figure before the claim, '已拨付完毕' — each with look-alikes that must stay silent."""

from jixiao.domain.checker import WARNING

from .helpers import findings, only

HEAD = "一、资金及绩效情况\n"


def claim(text):
    return findings(HEAD + text, "claim.rate")


def one_claim(text):
    finding = only(HEAD + text, "claim.rate")
    assert finding.severity == WARNING
    return finding


# --- a claim about a task: the task's own rate, in the claim's own sentence -------------------------


def test_a_task_claim_is_held_against_the_rate_its_subject_names():
    finding = one_claim("全县志愿者培训任务全部完成,培训率93.5%。")
    assert "培训率为93.5%" in finding.message and "全部完成" in finding.message
    assert claim("全县志愿者培训任务全部完成,培训率100%。") == []


def test_a_task_claim_is_held_against_the_completion_rate_of_its_sentence_but_not_a_money_rate():
    finding = one_claim("全年计划开展巡查800次,完成776次,巡查完成率97.0%,各项巡查任务均已完成。")
    assert "巡查完成率为97.0%" in finding.message
    # a money rate says nothing of the task; nor does a completion rate of another sentence
    assert claim("预算执行率95.00%,各项巡查任务均已完成。") == []
    assert claim("宣传活动完成率90.0%。\n各关键节点均已完成。") == []


# --- a rate computed from the planned and the achieved figure -----------------------------------------


def test_planned_and_achieved_counts_of_the_claims_sentence():
    finding = one_claim("计划培训600人次,实际完成570人次,全年培训任务全部完成。")
    assert "570÷600=95.00%" in finding.message
    assert "计划培训600人次" in finding.message and "实际完成570人次" in finding.message
    assert claim("计划培训600人次,实际完成600人次,全年培训任务全部完成。") == []
    assert claim("计划培训600人次,实际完成630人次,全年培训任务全部完成。") == []
    # two units, a figure between the pair and the claim, a planned figure that is not planned
    assert claim("计划培训600人次,实际完成57场,全年培训任务全部完成。") == []
    assert claim("计划培训600人次,实际完成570人次,另有30人次转入下年,全年培训任务全部完成。") == []
    assert claim("上年培训600人次,本年实际完成570人次,全年培训任务全部完成。") == []


def test_planned_and_paid_money_of_the_sentence_before():
    text = "下达专项资金5,000,000.00元,截至年底已拨付4,600,000.00元。专项资金已全额拨付到位。"
    finding = one_claim(text)
    assert "4600000.00÷5000000.00=92.00%" in finding.message and "全额拨付到位" in finding.message
    # a part of the money ('其中'), the remainder paid, a difference within rounding
    assert claim("下达专项资金500.00万元,其中已拨付460.00万元。专项资金已全额拨付到位。") == []
    assert claim("下达专项资金500.00万元,已拨付460.00万元,未拨付40.00万元已全部拨付到位。") == []
    assert claim("下达专项资金120.5万元,已拨付120.46万元。专项资金已全额拨付到位。") == []
    # a rate printed in between is the stated-rate rule's (it agrees here: no computed finding)
    assert claim("下达专项资金500.00万元,已拨付460.00万元,拨付率100%,资金已全额拨付到位。") == []


def test_a_claim_about_one_source_of_money_is_held_only_against_that_sources_figures():
    finding = one_claim("县级应配套300.00万元,实际到位270.00万元,县级配套资金已足额拨付。")
    assert "270.00÷300.00=90.00%" in finding.message and "县级应配套300.00万元" in finding.message
    assert claim("市级应配套300.00万元,实际到位270.00万元,县级配套资金已足额拨付。") == []


def test_a_task_claim_is_not_held_against_money():
    assert claim("下达项目资金500.00万元,已完成支付460.00万元,建设任务全部完成。") == []


# --- the claim's own clause, its own amount, and '拨付完毕' ---------------------------------------------


def test_a_thousands_separator_does_not_end_the_claims_clause():
    # '中央和省级资金12,300.00万元全部到位' names its sources; the 98.50% is of all the money
    text = "中央和省级资金12,300.00万元全部到位,到位率100%。全部资金实际到位15,600.00万元,到位率98.50%。"
    assert claim(text) == []


def test_paid_out_to_the_end_is_held_against_the_spending_rate_of_the_sentence_before():
    finding = one_claim("全年发放补贴4,200人次,资金执行率96.20%。截至12月31日,项目资金均已拨付完毕。")
    assert "拨付完毕" in finding.message and "执行率为96.20%" in finding.message
    finding = one_claim("补贴资金发放率95.5%。\n补贴资金已发放完毕。")
    assert "发放完毕" in finding.message and "发放率为95.5%" in finding.message
    # 拨付 without 完毕: money allocated in full may still be partly unspent
    assert claim("全年发放补贴4,200人次,资金执行率96.20%。截至12月31日,项目资金均已拨付到位。") == []


def test_a_claim_about_the_amount_its_own_sentence_states():
    text = "全年预算数1,932.48万元,全年执行1,889.06万元,执行率97.75%。基本支出预算1,402.60万元,全部执行完毕。"
    assert claim(text) == []
    # the same sum in the rate's sentence: the rate is of the claim's money
    text = "项目预算500.00万元,实际执行460.00万元,执行率92.00%。项目预算500.00万元已全部执行完毕。"
    assert "执行率为92.00%" in one_claim(text).message


# --- balance.identity: several balances in a section, each with its own sentence ---------------------

BALANCES = (
    "二、预算执行情况\n"
    "本年收入2,000,000.00元,本年支出1,900,000.00元,年末结转结余100,000.00元。\n"
    "项目支出方面,全年项目预算{budget}元,实际支出409,460.00元,项目结余{left}元。"
)


def test_a_balance_of_its_own_sentence_beside_the_sections_balance():
    finding = only(BALANCES.format(budget="456,000.00", left="36,540.00"), "balance.identity")
    assert "456000.00元−实际支出409460.00元=46540元" in finding.message and "相差10000元" in finding.message
    assert findings(BALANCES.format(budget="456,000.00", left="46,540.00"), "balance.identity") == []


def test_a_sentence_balance_is_not_read_with_a_carry_over_or_a_change():
    # a balance carried over the years, an add-on in the sentence, a previous-year figure
    text = BALANCES.format(budget="456,000.00", left="36,540.00")
    assert findings(text.replace("项目结余", "项目结转结余"), "balance.identity") == []
    text = BALANCES.format(budget="456,000.00", left="56,540.00").replace(
        "全年项目预算", "上年结转10,000.00元,全年项目预算"
    )
    assert findings(text, "balance.identity") == []
    text = BALANCES.format(budget="456,000.00", left="36,540.00").replace(
        "实际支出409,460.00元", "比上年409,460.00元"
    )
    assert findings(text, "balance.identity") == []
