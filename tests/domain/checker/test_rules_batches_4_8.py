"""Causes found in batches 4 and 8 of the evaluation set (held out until 2026-12-08, their first
results kept in the README), each written here in other words for departments nobody modelled: the
real defect that must be reported, and beside it the sound text of the same shape that must stay
silent."""

from tests.domain.checker.helpers import findings, only

HEAD = "通山县文化和旅游局2022年度部门整体支出绩效评价报告\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


def test_net_value_is_original_value_less_depreciation_not_a_sum():
    # a provincial society's assets (evaluation set 188): 净值 = 原值 − 累计折旧 in a bracket
    sound = (
        "截至年底,资产总额812.40万元,其中流动资产96.15万元,"
        "固定资产净值716.25万元(固定资产原值903.60万元,累计折旧187.35万元)。"
    )
    assert not [f for f in fired(sound, "parts.sum") if "原值" in f.message]
    assert not fired(sound, "asset.net")
    # the same three figures that do not agree: 903.60 − 187.35 = 716.25, not 726.25
    wrong = sound.replace("净值716.25", "净值726.25").replace("总额812.40", "总额822.40")
    finding = only(HEAD + wrong + "\n", "asset.net")
    assert finding.severity == "error"
    assert "716.25万元" in finding.message and "相差10万元" in finding.message


def test_net_value_rule_needs_one_original_value_and_one_depreciation():
    # two assets' original values in one sentence: which one goes with the net value is unsure
    body = "房屋原值300.00万元,设备原值120.00万元,累计折旧80.00万元,固定资产净值350.00万元。"
    assert not fired(body, "asset.net")


def test_a_semicolon_ends_a_list_of_parts_written_at_commas():
    # a county bureau (evaluation set 189): the 其中 list is 基本 and 项目 at ',', and after the ';'
    # the whole year's spending is stated again, dated
    sound = (
        "本单位2021年收到财政资金2310.40万元,无年初结转结余。其中基本支出980.15万元,"
        "项目支出1330.25万元;2021年全年实际支出2310.40万元;财政资金无结余。"
    )
    assert not fired(sound, "parts.sum")
    # the two parts at ',' are still added up against the total
    wrong = sound.replace("项目支出1330.25", "项目支出1350.25")
    finding = only(HEAD + wrong + "\n", "parts.sum")
    assert "2330.4万元" in finding.message


def test_another_town_of_the_same_county_named_once_in_a_towns_report():
    # a township's report (evaluation set 101) whose last paragraph names a neighbouring town's
    # government in the same full form: a passage taken over from that town's report
    own = "通山县九宫山镇人民政府"
    body = (
        f"{own}2022年度收到上级转移支付资金512.30万元。{own}按项目设置绩效目标。"
        f"{own}安排专人监督项目实施。\n(二)总体绩效目标完成情况\n"
        "通山县大畈镇人民政府2022年度收到上级转移支付资金512.30万元,分解8个项目。"
    )
    town_head = "(存档中没有标题,正文从“一、绩效目标分解下达情况”开始)\n"
    finding = only(town_head + body + "\n", "name.variant", report_type="auto")
    assert finding.found == "通山县大畈镇人民政府" and finding.expected == own
    # a county bureau's report that names several towns' governments is no town's own report
    # (its title names the bureau, not the town)
    county = (
        "本局2022年度向各乡镇拨付资金512.30万元,其中通山县九宫山镇人民政府120万元。\n"
        + "(二)资金使用\n" * 20
        + "通山县九宫山镇人民政府、通山县九宫山镇人民政府按期报账,通山县大畈镇人民政府报账滞后。"
    )
    assert not [f for f in fired(county, "name.variant") if "大畈" in f.message]


def test_a_word_run_into_a_full_name_once_is_no_shorter_spelling():
    # the evaluation set's 101 again: '…是金寨县麻埠镇人民政府' once, the plain name six times
    name = "通山县九宫山镇人民政府"
    body = f"本报告的单位,是{name}。" + "".join(f"{name}完成第{n}项任务。" for n in "一二三四")
    assert not fired(body, "name.variant")
    # a name written once with a character dropped, beside its full spelling, is still named
    dropped = "山县九宫山镇人民政府完成第五项任务。"
    assert [
        f for f in fired(body.replace("本报告的单位,是", "") + dropped, "name.variant") if "漏字" in f.message
    ]
