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


def test_a_contents_list_without_its_heading_line_is_numbered_on_its_own():
    # two district bodies' final accounts (evaluation set 102, 103): the four parts listed, then the
    # body from the first part on, with no '目录' line above the list
    contents = (
        "第一部分 2023年度部门决算报表\n一、收入支出决算总表\n二、收入决算表\n"
        "第二部分 2023年度部门决算说明\n第三部分 2023年度其他重要事项的情况说明\n"
        "第四部分 2023年度部门绩效评价情况\n"
    )
    body = (
        "第一部分 2023年度部门决算报表\n一、收入支出决算总表\n本年收入合计620.50万元。\n"
        "第二部分 2023年度部门决算说明\n一、部门职责\n负责全区档案的收集和利用。\n"
    )
    assert not fired(contents + body, "heading.numbering")
    # a number skipped inside the list is still named: the list is numbered on its own
    skipped = contents.replace("第三部分 2023年度其他重要事项的情况说明\n", "")
    finding = only(HEAD + skipped + body + "\n", "heading.numbering")
    assert "第三部分" in finding.message


def test_an_area_in_pingfang_without_mi():
    # a township's project (evaluation set 107): '沉淀池800平方;'
    finding = only(HEAD + "新建蓄水池2座,建设沉淀池650平方;硬化道路1.2公里。\n", "typo.number_unit")
    assert finding.found == "650平方" and finding.expected == "650平方米"
    # 平方米, 平方公里 and 平方千米 are whole units
    assert not fired("新建用房650平方米,治理面积3.5平方公里,流域12平方千米。", "typo.number_unit")


def test_the_aim_of_the_project_is_no_word_said_twice():
    # a city's third-party evaluation (evaluation set 92): '项目的目的' is 项目|的|目的
    assert not fired("本项目的目的,是巩固拓展脱贫攻坚成果。", "typo.doubled")
    # 目的 written twice after a word that is no 项目 still is
    assert fired("本次评价的目的目的,是巩固拓展脱贫攻坚成果。", "typo.doubled")


def test_a_first_number_run_into_the_heading_line_above():
    # a city's special fund (evaluation set 97): '一、工作情况及成效 (一)专项基本情况 1.立项申报情况' on
    # one line, a paragraph, then '2.资金安排情况' on its own line
    body = (
        "一、工作情况及成效 (一)专项基本情况 1.立项申报情况\n"
        "该专项没有单独立项,资金主要用于对口支援和区域协作。\n"
        "2.资金安排情况\n全年实际到位资金613万元。\n"
    )
    assert not fired(body, "heading.numbering")
    # without the run-on 1. the gap is still named
    gap = body.replace(" 1.立项申报情况", "")
    assert "缺少“1.”" in only(HEAD + gap + "\n", "heading.numbering").message


def test_a_heading_whose_number_was_never_filled_in():
    # a county's project (evaluation set 98): '< >绩效自评工作开展情况', '< >绩效目标自评完成情况分析'
    body = "< >绩效自评工作开展情况\n按照要求开展了自评。\n( )绩效目标完成情况分析\n目标全部完成。\n"
    found = [f.found.strip() for f in fired(body, "template.leftover")]
    assert found == ["< >", "( )"]
    # a heading numbered in its brackets is no slot
    assert not fired("(二)绩效自评工作开展情况\n按照要求开展了自评。\n", "template.leftover")


def test_a_document_number_that_stops_after_its_year():
    # a firm's evaluation of a county bureau (evaluation set 203): '报告文号:永信德威会绩字(2018)'
    body = "报告文号:恒信会绩字(2019)\n报告日期:二〇一九年四月\n"
    assert [f for f in fired(body, "template.leftover") if "文号缺序号" in f.message]
    # the year followed by its number is a whole document number
    assert not fired("报告文号:恒信会绩字(2019)12号\n依据湘财发〔2019〕8号执行。\n", "template.leftover")


def test_a_list_in_a_table_cell_numbered_with_two_marks():
    # a district's cultural centre (evaluation set 210): '1.… 2.…, 3.… 4、…' in one cell of the form
    row = "年度主要工作内容 |\n1.完成公益培训16场。 2.开展数字文化服务, 3.完成文化进校园。 4、完成送戏下乡12场次。 |\n"
    finding = only(HEAD + row + "\n", "list.numbering")
    assert (finding.expected, finding.found) == ("4.", "4、")
    # each cell of a row numbers its own list: 1. 2. in one cell, 1. 2. in the next
    cells = "工作内容 | 1.完成培训。2.开放场馆。 | 1.送戏下乡。2.组织汇演。 |\n"
    assert not fired(cells, "list.numbering")


def test_the_staff_of_the_subsidiaries_are_not_the_bodys_own():
    # a provincial department (evaluation set 201): its own 在职人员, then its subsidiaries'
    body = (
        "本厅内设处室12个,核定行政编制数为64人,在职人员58人。本厅所属事业单位9个,其中公益一类7个,"
        "公益二类2个,核定编制数210人,在职人员187人。"
    )
    assert not fired(body, "stock.changed")
    # the body's own staff written twice with two values still is a change
    twice = body + "\n二、部门职责\n本厅在职人员56人,负责全省人才工作。"
    assert "56人" in only(HEAD + twice + "\n", "stock.changed").message


def test_a_longer_list_item_and_the_one_it_ends_with_are_two_items():
    # a district office (evaluation set 102): '党建办公室、办公室、人事教育科'
    assert not fired("内设机构包括:党建办公室、办公室、人事教育科、财务科。", "typo.doubled_phrase")
    assert fired("内设机构包括:办公室、办公室、人事教育科、财务科。", "typo.doubled_phrase")


def test_a_word_cut_short_before_the_end_of_its_line_or_its_amount():
    # a township's project (evaluation set 348): '三、项目实施及管理情'; a county's cultural fund
    # (evaluation set 211): '公共文化服务体系建84.5万元' — the word is written whole elsewhere
    words = (
        "一、项目基本情况\n项目建设情况良好,基础设施建设有序推进。\n二、资金使用情况\n资金管理情况规范。\n"
    )
    heading = only(HEAD + words + "三、项目实施及管理情\n项目按期完工。\n", "typo.missing_char")
    assert heading.found == "管理情" and heading.expected == "管理情况"
    amount = only(HEAD + words + "其中用于农田水利建86.5万元。\n", "typo.missing_char")
    assert amount.expected == "农田水利建设"


def test_a_word_that_goes_on_past_the_line_or_stops_with_the_text_is_no_slip():
    words = (
        "一、项目基本情况\n项目建设情况良好,基础设施建设有序推进。\n二、资金使用情况\n资金管理情况规范。\n"
    )
    # the word broken over two lines, as a PDF's lines are
    assert not fired(words + "三、项目实施及管理情\n况良好。\n", "typo.missing_char")
    # an opening that stops inside its last word
    assert not fired(words + "三、项目实施及管理情", "typo.missing_char")
    # a verb before its number, and a short name before a count
    assert not fired(words + "建设完成率达96.5%,核定事业编18名。\n", "typo.missing_char")


def test_a_budget_execution_rate_cut_down_to_a_whole_number():
    # a university's grants (evaluation set 410): 2595.6208 ÷ 2596 = 99.985%, printed 99%
    body = "2022年助学金项目实际下达预算1832万元,全年度实际总支出1831.7406万元,项目预算执行率{}%。"
    finding = only(HEAD + body.format(99) + "\n", "rate.recompute")
    assert finding.severity == "warning" and finding.expected == "100%"
    assert not [f for f in fired(body.format(100), "rate.recompute") if f.severity != "info"]


def test_a_paragraph_that_ends_unlike_the_ones_around_it():
    # a county society (evaluation set 192): the staff paragraph ends with ';' right before '(二)'
    staff = "(一)部门编制\n2023年末参照公务员管理事业编制5人,实有人数3人,其中:财政全供养3人;\n(二)部门职能\n负责全县工作。\n"
    finding = only(HEAD + staff + "\n", "punct.paragraph_end")
    assert "分号" in finding.message
    # a list of items ending with ';' under one heading goes on to its next item
    assert not fired(
        "(一)工作措施\n1.加强培训,提升能力;\n2.完善制度,规范管理。\n(二)部门职能\n负责全县工作。\n",
        "punct.paragraph_end",
    )
    # a city's overseas-Chinese fund (evaluation set 198): the first of three items has no full stop
    items = (
        "(二)项目绩效指标完成情况\n"
        "1.产出指标完成情况:春节慰问困难侨眷共86户,标准为每户500元,共计4.3万元。产出指标完成100%\n"
        "2.效益指标完成情况:慰问经费使用效果良好,取得了较好的社会效益,效益指标完成100%。\n"
        "3.满意度指标完成情况:得到慰问对象的一致好评,满意度100%。\n"
        "四、存在的问题\n无。\n"
    )
    finding = only(HEAD + items + "\n", "punct.paragraph_end")
    assert "同一组" in finding.message and finding.found.endswith("100%")
    assert not fired(items.replace("产出指标完成100%\n", "产出指标完成100%。\n"), "punct.paragraph_end")


def test_batch_20_slips_of_punctuation_and_wording():
    # a provincial society (evaluation set 511): '现将自评情况报告如下' and then the first heading
    opening = "为加强资金管理,我会开展了绩效自评,现将自评情况报告如下\n一、项目基本情况\n项目于年初启动。\n"
    finding = only(HEAD + opening + "\n", "punct.paragraph_end")
    assert finding.expected.endswith("如下：")
    assert not fired(opening.replace("报告如下\n", "报告如下:\n"), "punct.paragraph_end")
    # a county health commission (evaluation set 490): '有步骤的开展工作' is 有步骤地
    assert [f for f in fired("各乡镇有步骤的开展工作。", "typo.curated") if "地" in f.message]
    assert not fired("各乡镇制定了有步骤的实施方案。", "typo.curated")
    # a county's transition fund (evaluation set 484): a template's single X before 户, 人 and 元
    found = fired("突发严重困难户X户X人,已脱贫户人均纯收入X元。", "template.leftover")
    assert found and "全文共3处" in found[0].message
