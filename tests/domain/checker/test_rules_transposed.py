"""figure.transposed: one figure keyed twice with two neighbouring digits swapped, whatever words
stand around the two statements. Each shape with silent look-alikes: chance pairs of few digits,
two things listed side by side, labels that share no word."""

import pytest

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

RULE = "figure.transposed"
HEAD = "榆林市横山区统计局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def transposed(body):
    return findings(HEAD + body + "\n", RULE, report_type="auto")


# (text, the figure that is odd, the other): wordings no conflict rule keys on — the two labels
# differ, one is a table cell, the amount is restated in other words or the count after a verb
SWAPPED = [
    (
        "本局统筹安排的普查经费为1,835.26万元。\n二、存在问题\n普查经费中用于入户登记的部分占一半，"
        "已拨付下去的普查经费1,853.26万元还有尾款。",
        "1,853.26万元",
        "1,835.26万元",
    ),
    (
        "单位：万元\n项目|预算数|执行数\n合计|642.18|617.35\n\n二、预算执行\n本单位2023年经费预算624.18万元，"
        "执行617.35万元。",
        "624.18万元",
        "642.18",
    ),
    (
        "全年入户走访调查户数4,157户，覆盖全部样本。\n二、产出\n按时完成了4,517户住户的记账辅导工作，"
        "另有其他户若干。\n三、效益\n记账户4,157户数据质量良好。",
        "4,517户",
        "4,157户",
    ),
    (
        "全年培训基层统计人员316人次，考核合格。\n二、问题\n基层统计人员培训361人次中仍有部分未取得证书。",
        "361人次",
        "316人次",
    ),
    (
        "人员经费合计3.49万元由财政保障。\n二、问题\n（一）专项中人员经费合计3.94万元未单列。",
        "3.94万元",
        "3.49万元",
    ),
    # units of measure the quantity parser leaves, people counted as 名 and as 人
    (
        "全区管养城市道路1,527公里。\n二、产出\n（一）日常养护。城市道路1,257公里全部完成清扫保洁。",
        "1,257公里",
        "1,527公里",
    ),
    (
        "义务教育阶段在校学生8.47万名。\n二、效益\n资助政策覆盖在校学生8.74万人。",
        "8.74万人",
        "8.47万名",
    ),
    # the two digits either side of the point (a table row's actual value against the prose)
    (
        "项目惠及农村供水服务人口27.4万人。\n二、绩效指标\n效益指标 覆盖供水服务人口 ≥25万人 24.7万人 达标",
        "24.7万人",
        "27.4万人",
    ),
]


@pytest.mark.parametrize(("body", "odd", "other"), SWAPPED)
def test_a_figure_keyed_twice_with_two_digits_swapped_is_reported_at_the_odd_statement(body, odd, other):
    found = transposed(body)
    assert len(found) == 1, [f.message for f in found]
    assert odd in found[0].location.quote and found[0].found.replace(",", "") == odd.replace(",", "")
    assert odd.replace(",", "") in found[0].message.replace(",", "")
    assert other.replace(",", "") in found[0].message.replace(",", "")
    assert "颠倒" in found[0].message


SILENT = [
    # two digits only: chance makes such pairs (12 schools visited, 21 schools funded)
    "实地查看学校12所。\n二、效益\n受益学校21所。",
    # round figures: 24,000 and 42,000 are two amounts more often than one keyed twice
    "侨情调查经费24,000.00元。\n二、绩效\n宣传经费42,000.00元。",
    # a count of three digits whose labels share no word: two indicators
    "建立预防接种证221人。\n二、效益\n严重精神障碍患者管理数212人。",
    # one paragraph listing two things side by side
    "甲项目支出1,236.50万元，乙项目支出1,263.50万元。",
    # the same figure twice
    "普查经费1,835.26万元。\n二、问题\n普查经费1,835.26万元已全部支付。",
    # more than two digits moved, or two digits not side by side
    "普查经费1,835.26万元。\n二、问题\n普查经费1,538.26万元已全部支付。",
    "普查经费1,835.26万元。\n二、问题\n普查经费6,835.21万元已全部支付。",
    # a change against the figure it changes
    "普查经费1,835.26万元。\n二、问题\n普查经费比上年增加1,853.26万元。",
    "管养道路1,527公里。\n二、产出\n新建道路比上年增加1,257公里。",
    # a target against the actual value (≥ in the same line)
    "覆盖供水服务人口24.7万人。\n二、指标\n覆盖供水服务人口 ≥27.4万人 达标",
    # people and person-times are two counts; the point moved is no transposition
    "培训学员1,527人。\n二、产出\n培训学员1,257人次。",
    "覆盖人口27.4万人。\n二、效益\n覆盖人口2.74万人。",
]


@pytest.mark.parametrize("body", SILENT)
def test_look_alikes_that_are_not_one_figure_keyed_twice_stay_silent(body):
    assert transposed(body) == []


def test_a_pair_the_conflict_rule_already_reported_is_not_reported_again():
    body = "2023年年初预算数为1,127.46万元。\n二、问题\n一是年初预算数1,172.46万元编制不细。"
    rules = [f.rule for f in check_text(HEAD + body + "\n", report_type="auto").findings]
    assert rules.count("quantity.conflict") == 1 and RULE not in rules, rules


def test_the_odd_figure_is_the_one_stated_fewer_times():
    body = (
        "预算执行率按总预算2,640.35万元计算。\n二、执行\n上级与本级预算合计2,640.35万元全部下达。\n"
        "三、问题\n年中可用预算2,604.35万元中仍有结余。"
    )
    (found,) = transposed(body)
    assert "2,604.35万元" in found.message and found.found == "2,604.35万元"
    assert found.expected == "2,640.35万元"


def test_a_form_read_one_cell_a_line_names_its_figure_by_the_line_above():
    # '营造林面积' / '35万亩' / '38.6万亩': the actual value's name is the indicator's, two lines up
    body = (
        "全市完成营造林面积36.8万亩。\n二、绩效指标完成情况\n三级指标\n年度指标值\n实际完成值\n"
        "营造林面积\n35万亩\n38.6万亩\n三、问题\n管护不足。"
    )
    (found,) = transposed(body)
    assert found.found == "36.8万亩" and found.expected == "38.6万亩"  # (the prose, not the form's cell)


def test_one_trailing_zero_is_a_digit_of_a_count():
    body = (
        "全年共完成定量检测样品4,680批次。\n二、指标\n定量检测样品批次\n≥4,500批次\n4,860批次\n三、问题\n无。"
    )
    (found,) = transposed(body)
    assert found.found == "4,680批次"
