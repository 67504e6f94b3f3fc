"""Dates written wrong and template text left in, in wordings of our own (a sample of the
combinations of bench/bench_checker_surface_wordings.py): each slip where reports write it (a
sentence, a table row, a cover line, a one-cell-a-line table), each with its consistent twin, and
things that look like the slips (codes, document numbers, amounts, 2023-12-31) that stay silent."""

import pytest

from tests.domain.checker.helpers import findings

TITLE = "鹤山市林业局2023年度部门整体支出绩效自评报告"
HEAD = TITLE + "\n一、部门基本情况\n本局内设5个股室，编制20名。\n二、部门预算收支情况\n"
TAIL = "\n三、存在问题\n部分项目进度偏慢。\n四、下一步工作\n加快项目实施进度。\n"
COVER = "{}\n" + TITLE + "\n一、部门基本情况\n本局内设5个股室，编制20名。\n二、存在问题\n部分项目进度偏慢。\n"
PLACES = {
    "sentence": HEAD + "评价期间为{}，评价组完成了现场核查。" + TAIL,
    "as_of": HEAD + "截至{}，项目已完工。" + TAIL,
    "row": HEAD + "| 事项 | 时间 |\n| 现场核查 | {} |" + TAIL,
    "cell": HEAD + "事项\n时间\n现场核查\n{}" + TAIL,
}

DATE_RULES = ("date.format", "date.malformed")
TEMPLATE_RULES = ("template.leftover", "template.unfilled")


def surface(text, rules):
    return [f for rule in rules for f in findings(text, rule, report_type="auto") if f.severity == "warning"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(
    ("wrong", "right", "expected"),
    [
        ("2023年1月1日2023年12月31日", "2023年1月1日至2023年12月31日", "至"),
        ("20231231日", "2023年12月31日", "2023年12月31日"),
        ("2023228日", "2023年2月28日", "2023年2月28日"),
        ("2024年315日", "2024年3月15日", "2024年3月15日"),
        ("2023年12月31", "2023年12月31日", "2023年12月31日"),
        ("2023年年12月", "2023年12月", None),
        ("2023年12月月31日", "2023年12月31日", None),
        ("2023年12月31号日", "2023年12月31日", None),
        ("2023年1-12日", "2023年1-12月", "2023年1-12月"),
    ],
)
def test_a_date_with_its_marks_lost_doubled_or_run_together(place, wrong, right, expected):
    shape = PLACES[place]
    found = surface(shape.format(wrong), DATE_RULES)
    assert found, wrong
    if expected:
        assert any(expected in (f.expected or "") for f in found), [f.expected for f in found]
    assert surface(shape.format(right), DATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("项目于2021726完成验收。", "项目于2021年7月26日完成验收。"),
        ("截至20240315，全年支出1,187.50万元。", "截至2024年3月15日，全年支出1,187.50万元。"),
        ("现场核查于2024年0315完成。", "现场核查于2024年3月15日完成。"),
    ],
)
def test_a_date_of_digits_after_its_cue(wrong, right):
    assert surface(HEAD + wrong + TAIL, DATE_RULES)
    assert surface(HEAD + right + TAIL, DATE_RULES) == []


def test_a_date_of_digits_signed_under_the_report():
    assert surface(HEAD + "加快项目实施进度。\n鹤山市林业局\n20240315", DATE_RULES)
    assert surface(HEAD + "加快项目实施进度。\n鹤山市林业局\n2024年3月15日", DATE_RULES) == []


def test_a_year_with_month_but_no_year_mark_on_a_cover_line():
    assert surface(COVER.format("评价时间：2020月12月"), DATE_RULES)
    assert surface(COVER.format("评价时间：2024年12月"), DATE_RULES) == []


@pytest.mark.parametrize(
    "twin",
    [
        "2023年1015万元",
        "开展2022年100日攻坚行动",
        "2023年5月10至12日",
        "补助标准不低于2023128元",
        "截至2023年12月31日 日常监管正常",
        "2023年1、2月",
        "项目编号：20230012",
        "联系电话：13802023123",
        "依据鹤林〔2022〕35号文",
        "评价时间：2024-03-15",
        "评价时间：2024.03.15",
        "完成造林2023亩",
    ],
)
@pytest.mark.parametrize("place", ["sentence", "row", "cell"])
def test_what_looks_like_a_date_slip_stays_silent(twin, place):
    shape = {
        "sentence": HEAD + "根据上级要求，{}，全年工作有序推进。" + TAIL,
        "row": HEAD + "| 项目 | 内容 |\n| 资金情况 | {} |" + TAIL,
        "cell": HEAD + "项目\n内容\n资金情况\n{}" + TAIL,
    }[place]
    assert surface(shape.format(twin), DATE_RULES) == []


def test_a_date_cut_off_at_the_texts_end_is_not_a_lost_day():
    # a text cut off inside a date ('…2020年05月11' and nothing after): the copy ended, not a slip
    assert surface(HEAD + "工可报告已于2020年7月编制完成。2020年05月11", DATE_RULES) == []


@pytest.mark.parametrize(
    ("note", "fixed"),
    [
        ("(包括…等)", "(包括人员经费、公用经费)"),
        ("（包括......等）", "（包括森林防火、病虫害防治）"),
        ("（一个项目一行）", ""),
        ("(仅供参考)", ""),
    ],
)
@pytest.mark.parametrize("place", ["sentence", "row"])
def test_a_templates_own_words_left_in(note, fixed, place):
    shape = {
        "sentence": HEAD + "根据上级要求，{}，全年工作有序推进。" + TAIL,
        "row": HEAD + "| 项目 | 内容 |\n| 资金情况 | {} |" + TAIL,
    }[place]
    assert surface(shape.format("项目主要内容" + note), TEMPLATE_RULES)
    assert surface(shape.format("项目主要内容" + fixed), TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("填报日期", "2024年3月15日"),
        ("单位名称（盖章）", "鹤山市林业局"),
        ("预算编码", "101001"),
        ("项目负责人", "张明"),
    ],
)
def test_a_field_left_empty_in_a_forms_row(field, value):
    row = f"| {field} | {{}} | 填报人 | 李华 |\n| 年初预算 | 1,250.00 | 全年支出 | 1,187.50 |"
    assert surface(HEAD + row.format("") + TAIL, TEMPLATE_RULES)
    assert surface(HEAD + row.format(value) + TAIL, TEMPLATE_RULES) == []


def test_an_empty_field_at_a_rows_end_or_a_header_row_is_left_alone():
    # a published form leaves its unused last field empty; a header row has no value in it at all
    assert surface(HEAD + "| 项目名称 | 森林防火 | 项目负责人 | |" + TAIL, TEMPLATE_RULES) == []
    header = "| 项目名称 | | 预算数 | 执行数 |\n| 森林防火 | | 120.00 | 118.50 |"
    assert surface(HEAD + header + TAIL, TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("field", "colon"), [("单位名称（盖章）", "："), ("填报单位（盖章）", ":"), ("项目负责人", "：")]
)
def test_a_cover_field_left_empty_before_the_next(field, colon):
    assert surface(COVER.format(f"{field}{colon}        填报人：李华"), TEMPLATE_RULES)
    assert surface(COVER.format(f"{field}{colon}鹤山市林业局    填报人：李华"), TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("评价方式：自评□ 第三方评价□", "评价方式：自评☑ 第三方评价□"),
        ("项目类型：常年性□ 延续性□ 一次性□", "项目类型：常年性■ 延续性□ 一次性□"),
    ],
)
def test_options_of_a_forms_cell_none_ticked(wrong, right):
    def row(line):
        return HEAD + "| " + line.replace("：", " | ") + " |" + TAIL

    assert surface(row(wrong), TEMPLATE_RULES)
    assert surface(row(right), TEMPLATE_RULES) == []


def test_numbered_items_left_empty_one_a_line():
    shape = HEAD + "(一)主要产出\n{}" + TAIL
    wrong = "1.完成造林3,600亩。\n2.\n3."
    right = "1.完成造林3,600亩。\n2.培训林农1,250人次。\n3.森林覆盖率达到57%。"
    assert surface(shape.format(wrong), TEMPLATE_RULES)
    assert surface(shape.format(right), TEMPLATE_RULES) == []


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("2023年10月至2023年3月", "2023年10月至2024年3月"),
        ("2023年6月30日至6月1日", "2023年6月1日至6月30日"),
        ("2023年12.31", "2023年12月31日"),
        ("20233年12月", "2023年12月"),
    ],
)
def test_a_span_backwards_a_dotted_day_and_a_year_of_five_digits(place, wrong, right):
    shape = PLACES[place]
    assert surface(shape.format(wrong), DATE_RULES)
    assert surface(shape.format(right), DATE_RULES) == []


@pytest.mark.parametrize("span", ["森林防火期为2023年10月至次年3月", "冬春季(2023年11月至3月)"])
def test_a_season_into_the_next_year_is_no_backward_span(span):
    assert surface(HEAD + span + "。" + TAIL, DATE_RULES) == []


def test_a_year_in_a_files_name_is_left_alone():
    text = "鹤山市林业局2021部门整体绩效自评报告.pdf\n" + HEAD + "全年支出1,187.50万元。" + TAIL
    assert [f for f in surface(text, DATE_RULES) if "2021" in f.message] == []
    assert surface(HEAD + "鹤山市林业局2021部门整体支出情况如下。" + TAIL, DATE_RULES)


@pytest.mark.parametrize(
    "blank", ["填报日期：    年  月  日", "报告日期：20  年  月  日", "评价时间：    年    月"]
)
def test_a_date_field_with_only_its_year_month_day_marks(blank):
    assert surface(COVER.format(blank), TEMPLATE_RULES)
    assert surface(COVER.format("填报日期：2024年3月15日"), TEMPLATE_RULES) == []


def test_a_stamps_empty_date_without_a_label_is_left_alone():
    # the stamp's '年 月 日' of a published form, no field named: left as published
    assert surface(HEAD + "财政资金管理科室(盖章)    年  月  日" + TAIL, TEMPLATE_RULES) == []


def test_bracketed_items_left_empty():
    shape = HEAD + "(一)主要产出\n{}" + TAIL
    assert surface(shape.format("(1)完成造林3,600亩；(2) (3)"), TEMPLATE_RULES)
    assert (
        surface(
            shape.format("(1)完成造林3,600亩；(2)培训林农1,250人次；(3)森林覆盖率达到57%。"), TEMPLATE_RULES
        )
        == []
    )


NUMBER_RULES = ("list.numbering", "list.numbering_styles", "heading.numbering")


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("1.完成造林；2、培训林农；3.森林覆盖率达标。", "1.完成造林；2.培训林农；3.森林覆盖率达标。"),
        ("1、完成造林；2.培训林农；3、森林覆盖率达标。", "1、完成造林；2、培训林农；3、森林覆盖率达标。"),
    ],
)
def test_one_list_numbered_with_two_marks(wrong, right):
    shape = HEAD + "(一)产出情况\n主要产出：{}" + TAIL
    (found,) = surface(shape.format(wrong), NUMBER_RULES)
    assert "写法不一" in found.message
    assert surface(shape.format(right), NUMBER_RULES) == []


def test_two_lists_in_one_paragraph_each_with_its_own_mark():
    text = HEAD + "主要职能：1、造林绿化；2、森林防火。年度目标：1.完成造林；2.培训林农。" + TAIL
    assert surface(text, NUMBER_RULES) == []


@pytest.mark.parametrize(("numbers", "what"), [((1, 2, 2, 4), "重复"), ((1, 2, 4, 5), "跳号")])
def test_di_yi_lists_one_a_line(numbers, what):
    items = ["完成造林3,600亩", "培训林农1,250人次", "森林覆盖率达到57%", "成灾率控制在3‰以内"]

    def lines(nums):
        return "\n".join(
            "第" + "一二三四五"[n - 1] + "，" + item + "。" for n, item in zip(nums, items, strict=True)
        )

    shape = HEAD + "(一)产出情况\n主要产出：\n{}" + TAIL
    found = surface(shape.format(lines(numbers)), NUMBER_RULES)
    assert found and what in found[0].message
    assert surface(shape.format(lines((1, 2, 3, 4))), NUMBER_RULES) == []


@pytest.mark.parametrize(
    ("body", "fill", "title"),
    [
        (
            "一、部门概况\n(一)主要职能\n本局负责全市林业工作。\n1.负责造林绿化工作，组织实施重点工程。\n"
            "2.负责森林防火工作，组织开展巡查。\n{}人员情况\n本局编制20名，实有18人。\n(三)资产情况\n资产总额520万元。\n",
            "(二)",
            "人员情况",
        ),
        (
            "一、项目基本情况\n本项目为常年性项目。\n(一)项目概况\n概况良好。\n(二)资金安排\n安排到位。\n"
            "{}绩效目标完成情况\n全年完成造林3,600亩。\n三、存在的问题\n进度偏慢。\n",
            "二、",
            "绩效目标完成情况",
        ),
    ],
)
def test_a_heading_that_lost_its_number_after_a_deeper_list_is_named(body, fill, title):
    # the line after the previous part's list is the heading without its number: it is named there,
    # not only the gap at the next heading
    found = findings(TITLE + "\n" + body.format(""), "heading.numbering", report_type="auto")
    assert [f.location.quote for f in found] == [title]
    assert findings(TITLE + "\n" + body.format(fill), "heading.numbering", report_type="auto") == []


def test_a_gap_with_two_short_lines_in_it_names_the_gap():
    # two short lines could each be the lost heading: the gap is reported at the next heading
    body = (
        "一、部门概况\n(一)主要职能\n1.负责造林绿化工作。\n2.负责森林防火工作。\n人员情况\n本局编制20名。\n"
        "资产情况\n资产总额520万元。\n(三)其他情况\n无。\n"
    )
    (found,) = findings(TITLE + "\n" + body, "heading.numbering", report_type="auto")
    assert "不连续" in found.message


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("于2023年3月15完成招标", "于2023年3月15日完成招标"),
        ("2023年2月29日", "2024年2月29日"),
        ("2023.13.01", "2023.12.01"),
        ("2023-02-30", "2023-02-28"),
    ],
)
@pytest.mark.parametrize("place", ["sentence", "row", "cell"])
def test_a_day_lost_before_a_verb_and_a_date_that_does_not_exist(wrong, right, place):
    shape = {
        "sentence": HEAD + "根据上级要求，{}，全年工作有序推进。" + TAIL,
        "row": HEAD + "| 项目 | 内容 |\n| 资金情况 | {} |" + TAIL,
        "cell": HEAD + "项目\n内容\n资金情况\n{}" + TAIL,
    }[place]
    assert surface(shape.format(wrong), DATE_RULES)
    assert surface(shape.format(right), DATE_RULES) == []


@pytest.mark.parametrize("twin", ["2023年3月15、16日", "2023年5月10多名", "版本号2019.10.15", "192.168.1.1"])
def test_days_listed_or_counted_and_dotted_numbers_stay_silent(twin):
    assert surface(HEAD + "根据上级要求，" + twin + "，全年工作有序推进。" + TAIL, DATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("XX单位按要求完成", "鹤山市林业局按要求完成"),
        ("{项目名称}", "森林防火项目"),
        ("【项目名称】", "森林防火项目"),
        ("○○县林业局", "鹤山市林业局"),
        ("满意度达到  %", "满意度达到95%"),
    ],
)
def test_more_placeholders(wrong, right):
    shape = HEAD + "根据上级要求，{}，全年工作有序推进。" + TAIL
    assert surface(shape.format(wrong), TEMPLATE_RULES)
    assert surface(shape.format(right), TEMPLATE_RULES) == []


@pytest.mark.parametrize("twin", ["二○二三年十二月", "依据财农指【2023】41号", "字体:【大】", "完成率%"])
def test_zeros_document_numbers_and_unit_cells_are_no_placeholders(twin):
    assert surface(HEAD + "根据上级要求，" + twin + "，全年工作有序推进。" + TAIL, TEMPLATE_RULES) == []


def test_a_half_bracket_list_skipping_a_number():
    shape = HEAD + "(一)产出情况\n主要产出：{}" + TAIL
    found = findings(
        shape.format("1)完成造林；2)培训林农；4)森林防火。"), "list.numbering_styles", report_type="auto"
    )
    assert found and "跳号" in found[0].message
    assert (
        findings(
            shape.format("1)完成造林；2)培训林农；3)森林防火。"), "list.numbering_styles", report_type="auto"
        )
        == []
    )


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("截止到20231231，资金已全部拨付", "截止到2023年12月31日，资金已全部拨付"),
        ("项目须在20230630前完工", "项目须在2023年6月30日前完工"),
        ("自20230101起实施", "自2023年1月1日起实施"),
    ],
)
def test_a_date_of_digits_after_more_cues(wrong, right):
    assert surface(HEAD + wrong + "。" + TAIL, DATE_RULES)
    assert surface(HEAD + right + "。" + TAIL, DATE_RULES) == []


@pytest.mark.parametrize("twin", ["增长到2023128元", "达到20231231人次", "在2023年完成"])
def test_amounts_after_the_cues_stay_silent(twin):
    assert surface(HEAD + "全年" + twin + "。" + TAIL, DATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("（示例）", "（见表1）"), ("详见附件X", "详见附件1"), ("（此处插入表格）", "（见表1）")],
)
def test_a_templates_example_marks_and_unnumbered_annexes(wrong, right):
    shape = HEAD + "根据上级要求，{}，全年工作有序推进。" + TAIL
    assert surface(shape.format(wrong), TEMPLATE_RULES)
    assert surface(shape.format(right), TEMPLATE_RULES) == []


@pytest.mark.parametrize("field", ["填表人：", "审核人：", "分管领导："])
def test_more_cover_fields_left_empty(field):
    assert surface(COVER.format(f"{field}        联系电话：0750-8881234"), TEMPLATE_RULES)
    assert surface(COVER.format(f"{field}王刚    联系电话：0750-8881234"), TEMPLATE_RULES) == []


def test_a_numeric_date_after_a_chinese_word():
    # (a Chinese character before the year is no part of a longer code)
    assert surface(HEAD + "于2023/2/30召开评审会。" + TAIL, DATE_RULES)
    assert surface(HEAD + "于2023/2/28召开评审会。" + TAIL, DATE_RULES) == []
    assert surface(HEAD + "标准编号GB2023-13-01。" + TAIL, DATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right", "rules"),
    [
        ("上报时间为2024116", "上报时间为2024年1月16日", DATE_RULES),
        ("2023年12月30日至29日", "2023年12月29日至30日", DATE_RULES),
        ("2023年12月31曰", "2023年12月31日", DATE_RULES),
        ("（单位名称）", "鹤山市林业局", TEMPLATE_RULES),
        ("⑴完成造林；⑵培训林农；⑷森林防火", "⑴完成造林；⑵培训林农；⑶森林防火", ("list.numbering_styles",)),
    ],
)
def test_the_fourth_group(wrong, right, rules):
    shape = HEAD + "根据上级要求，{}，全年工作有序推进。" + TAIL
    assert surface(shape.format(wrong), rules)
    assert surface(shape.format(right), rules) == []


def test_a_cell_of_xx_alone_and_an_empty_compiling_unit():
    table = HEAD + "| 项目 | 内容 |\n| 资金情况 | {} |" + TAIL
    assert surface(table.format("XX"), TEMPLATE_RULES)
    assert surface(table.format("120.00"), TEMPLATE_RULES) == []
    assert surface(COVER.format("编制单位（盖章）：\n填报人：李华"), TEMPLATE_RULES)
    assert surface(COVER.format("编制单位（盖章）：鹤山市林业局\n填报人：李华"), TEMPLATE_RULES) == []


@pytest.mark.parametrize("place", ["sentence", "row", "cell"])
@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("二〇二三年十二月三十二日", "二〇二三年十二月三十一日"),
        ("二○二三年二月三十日", "二○二三年二月二十八日"),
        ("二0二三年十三月", "二0二三年十二月"),
        ("二〇二三十二月", "二〇二三年十二月"),
        ("2023年1月1日至12月32日", "2023年1月1日至12月31日"),
        ("2023年1-13月", "2023年1-12月"),
        ("2023年第五季度", "2023年第四季度"),
        ("2023年1月至12日", "2023年1月至12月"),
        ("2023-12-31至2023-01-01", "2023-01-01至2023-12-31"),
    ],
)
def test_chinese_numeral_dates_spans_and_quarters_that_do_not_exist(place, wrong, right):
    shape = PLACES[place]
    assert surface(shape.format(wrong), DATE_RULES), wrong
    assert surface(shape.format(right), DATE_RULES) == []


@pytest.mark.parametrize("label", ["报告日期：", "日期:"])
def test_a_dotted_date_after_a_labels_colon(label):
    assert surface(COVER.format(label + "2023.12.32"), DATE_RULES)
    assert surface(COVER.format(label + "2023.12.31"), DATE_RULES) == []


def test_a_vouchers_number_of_the_month_is_no_day():
    assert surface(HEAD + "抽查了11月46号、12月75号凭证。" + TAIL, DATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("a.完成造林；b.培训林农；d.森林防火。", "a.完成造林；b.培训林农；c.森林防火。"),
        ("A、完成造林。B、培训林农。B、森林防火。", "A、完成造林。B、培训林农。C、森林防火。"),
        ("（a）完成造林；（b）培训林农；（d）森林防火。", "（a）完成造林；（b）培训林农；（c）森林防火。"),
        ("Ⅰ、完成造林；Ⅱ、培训林农；Ⅳ、森林防火。", "Ⅰ、完成造林；Ⅱ、培训林农；Ⅲ、森林防火。"),
        (
            "其一，完成造林；其二，培训林农；其四，森林防火。",
            "其一，完成造林；其二，培训林农；其三，森林防火。",
        ),
        (
            "首先，完成造林；其次，培训林农；其次，开展森林防火。",
            "首先，完成造林；其次，培训林农；再次，开展森林防火。",
        ),
    ],
)
def test_lists_of_letters_roman_numerals_qi_yi_and_shou_xian(wrong, right):
    shape = HEAD + "(一)产出情况\n主要产出：{}" + TAIL
    assert surface(shape.format(wrong), NUMBER_RULES), wrong
    assert surface(shape.format(right), NUMBER_RULES) == []


@pytest.mark.parametrize(
    "twin",
    [
        "Ⅲ类水质达标率100%，4A级景区3个",
        "A.完成造林；b.培训林农",
        "首先，完成造林；再次强调资金管理",
        "B超机2台",
    ],
)
def test_what_looks_like_a_list_of_letters_stays_silent(twin):
    assert surface(HEAD + "主要产出：" + twin + "。" + TAIL, NUMBER_RULES) == []


@pytest.mark.parametrize("place", ["sentence", "row", "cell"])
@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("（项目主管部门名称）", "鹤山市林业局"),
        ("[项目单位名称]", "鹤山市林业局"),
        ("×年×月×日", "2023年5月10日"),
        ("【填写说明】本部分填写项目基本情况", "本项目基本情况如下"),
        ("资金情况（请根据实际情况修改）", "资金情况"),
    ],
)
def test_placeholders_and_hints_of_other_templates(place, wrong, right):
    rules = (*TEMPLATE_RULES, "template.instruction")
    shape = PLACES[place]
    assert surface(shape.format(wrong), rules), wrong
    assert surface(shape.format(right), rules) == []


def test_a_web_pages_bracketed_labels_are_no_placeholders():
    text = "[发布机构]鹤山市林业局[发布日期]2024-03-15\n" + HEAD + "全年支出1,187.50万元。" + TAIL
    assert surface(text, TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("项目实施单位负责人签名：\n年  月  日", "项目实施单位负责人签名：王刚\n2024年3月15日"),
        ("鹤山市林业局（盖章）\n二〇二四年  月  日", "鹤山市林业局（盖章）\n二〇二四年三月十五日"),
        ("经办人：          审核人：王刚", "经办人：李华    审核人：王刚"),
        ("项目起止时间：\n项目负责人：王刚", "项目起止时间：2023年1月至12月\n项目负责人：王刚"),
        ("负责人（签字）：\n填报人：李华", "负责人（签字）：王刚\n填报人：李华"),
    ],
)
def test_signature_and_cover_fields_left_empty(wrong, right):
    assert surface(COVER.format(wrong), TEMPLATE_RULES), wrong
    assert surface(COVER.format(right), TEMPLATE_RULES) == []
    end = HEAD + "全年支出1,187.50万元。" + TAIL + "{}\n"
    assert surface(end.format(wrong), TEMPLATE_RULES), wrong
    assert surface(end.format(right), TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("body", "bad", "good"),
    [
        (
            "一、绩效分析\n1.1 产出分析\n完成造林。\n1.2 效益分析\n良好。\n1.2 满意度分析\n95%。\n",
            "1.2 满意度",
            "1.3 满意度",
        ),
        (
            "一、绩效分析\n2.1.1 数量指标\n完成。\n2.1.2 质量指标\n良好。\n2.1.4 时效指标\n按时。\n",
            "2.1.4",
            "2.1.3",
        ),
        ("Ⅰ、基本情况\n情况良好。\nⅡ、绩效分析\n分析如下。\nⅣ、存在问题\n进度偏慢。\n", "Ⅳ、", "Ⅲ、"),
        ("第一节 基本情况\n情况良好。\n第三节 存在问题\n进度偏慢。\n", "第三节", "第二节"),
    ],
)
def test_decimal_roman_and_section_headings_skipped_or_repeated(body, bad, good):
    assert surface(TITLE + "\n" + body, NUMBER_RULES), bad
    assert surface(TITLE + "\n" + body.replace(bad, good, 1), NUMBER_RULES) == []


def test_sections_start_again_under_each_chapter_and_decimals_under_each_parent():
    text = (
        TITLE + "\n第一章 总则\n第一节 目的\n内容。\n第二节 依据\n内容。\n第二章 评价\n第一节 方法\n内容。\n"
        "1.1 产出\n完成。\n1.2 效益\n良好。\n2.1 问题\n偏慢。\n2.2 建议\n加快。\n1.5万元已拨付\n2.5亩已完成\n"
    )
    assert surface(text, NUMBER_RULES) == []


@pytest.mark.parametrize("place", ["sentence", "row", "cell"])
@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("2023.12.31-2023.1.1", "2023.1.1-2023.12.31"),
        ("2023/12/31-2023/01/01", "2023/01/01-2023/12/31"),
        ("二〇二三年十二月三十一日至二〇二三年一月一日", "二〇二三年一月一日至二〇二三年十二月三十一日"),
    ],
)
def test_spans_of_dotted_slashed_and_chinese_dates_backwards(place, wrong, right):
    shape = PLACES[place]
    assert surface(shape.format(wrong), DATE_RULES), wrong
    assert surface(shape.format(right), DATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("由本单位（部门）负责实施", "由本局负责实施"),
        ("[单位盖章]", "鹤山市林业局"),
        ("资金情况（可根据需要增减）", "资金情况"),
    ],
)
def test_a_templates_choice_of_words_and_its_stamp_left_in(wrong, right):
    rules = (*TEMPLATE_RULES, "template.instruction")
    shape = PLACES["sentence"]
    assert surface(shape.format(wrong), rules), wrong
    assert surface(shape.format(right), rules) == []
    assert surface(shape.format("各单位（部门）要加强资金管理"), rules) == []


def test_a_projects_own_field_left_empty():
    assert surface(COVER.format("项目主管部门（盖章）：\n填报人：李华"), TEMPLATE_RULES)
    assert surface(COVER.format("项目主管部门（盖章）：鹤山市林业局\n填报人：李华"), TEMPLATE_RULES) == []


def test_dotted_decimal_headings_and_headings_numbered_without_a_mark():
    dotted = TITLE + "\n一、绩效分析\n1.1.产出分析\n完成。\n1.2.效益分析\n良好。\n{}.满意度\n95%。\n"
    assert surface(dotted.format("1.4"), NUMBER_RULES)
    assert surface(dotted.format("1.3"), (*NUMBER_RULES, *TEMPLATE_RULES)) == []
    bare = TITLE + "\n一、基本情况\n1 项目概况\n概况。\n2 资金安排\n安排。\n{} 组织实施\n实施。\n"
    assert surface(bare.format("4"), NUMBER_RULES)
    assert surface(bare.format("3"), NUMBER_RULES) == []
    cells = HEAD + "序号\n项目\n1\n森林防火\n2\n造林绿化\n4\n病虫害防治" + TAIL
    assert surface(cells, NUMBER_RULES) == []


def test_the_years_money_as_of_the_end_of_the_year_before():
    head = "鹤山市林业局2021年度部门整体支出绩效自评报告\n一、基本情况\n"
    assert surface(head + "截至2020年12月31日，项目资金101.2万元已全部落实到位。\n", DATE_RULES)
    assert surface(head + "截至2021年12月31日，项目资金101.2万元已全部落实到位。\n", DATE_RULES) == []
    assert surface(head + "截至2020年12月31日，结转资金20万元已全部拨付。\n", DATE_RULES) == []


@pytest.mark.parametrize("place", ["sentence", "row", "cell"])
@pytest.mark.parametrize(
    ("wrong", "right"),
    [("2023年4月31号", "2023年4月30号"), ("2023—12—32", "2023—12—31")],
)
def test_a_day_written_with_hao_and_a_date_of_long_dashes(place, wrong, right):
    shape = PLACES[place]
    assert surface(shape.format(wrong), DATE_RULES), wrong
    assert surface(shape.format(right), DATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("项目负责人（姓名）", "项目负责人王刚"),
        ("（填写年份）年度", "2023年度"),
        ("资金情况（选填）", "资金情况"),
        ("资金情况（不适用的可删除）", "资金情况"),
        ("资金情况（填写完毕后删除本说明）", "资金情况"),
    ],
)
def test_a_fields_name_in_brackets_and_hints_to_delete_or_choose(wrong, right):
    rules = (*TEMPLATE_RULES, "template.instruction")
    for place in ("sentence", "row"):
        assert surface(PLACES[place].format(wrong), rules), wrong
        assert surface(PLACES[place].format(right), rules) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("报送日期：\n填报人：李华", "报送日期：2024年3月15日\n填报人：李华"),
        ("编报单位：\n联系电话：0750-8881234", "编报单位：鹤山市林业局\n联系电话：0750-8881234"),
    ],
)
def test_a_reports_own_date_or_unit_field_left_empty(wrong, right):
    assert surface(COVER.format(wrong), TEMPLATE_RULES), wrong
    assert surface(COVER.format(right), TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("一要完成造林；二要培训林农；四要做好森林防火。", "一要完成造林；二要培训林农；三要做好森林防火。"),
        ("❶完成造林；❷培训林农；❹森林防火。", "❶完成造林；❷培训林农；❸森林防火。"),
        ("㈠完成造林；㈡培训林农；㈣森林防火。", "㈠完成造林；㈡培训林农；㈢森林防火。"),
        ("⒈完成造林；⒉培训林农；⒋森林防火。", "⒈完成造林；⒉培训林农；⒊森林防火。"),
        (
            "第1项，完成造林；第2项，培训林农；第2项，森林防火。",
            "第1项，完成造林；第2项，培训林农；第3项，森林防火。",
        ),
    ],
)
def test_lists_of_yi_yao_dingbats_and_di_n_xiang(wrong, right):
    shape = HEAD + "(一)产出情况\n主要产出：{}" + TAIL
    assert surface(shape.format(wrong), NUMBER_RULES), wrong
    assert surface(shape.format(right), NUMBER_RULES) == []


@pytest.mark.parametrize(
    ("body", "bad", "good"),
    [
        ("一.基本情况\n情况良好。\n二.绩效分析\n分析如下。\n四.存在问题\n进度偏慢。\n", "四.存在", "三.存在"),
        ("壹、基本情况\n情况良好。\n贰、绩效分析\n分析如下。\n肆、存在问题\n进度偏慢。\n", "肆、", "叁、"),
        ("㈠基本情况\n情况良好。\n㈡绩效分析\n分析如下。\n㈡存在问题\n进度偏慢。\n", "㈡存在", "㈢存在"),
        ("A.基本情况\n情况良好。\nB.绩效分析\n分析如下。\nD.存在问题\n进度偏慢。\n", "D.存在", "C.存在"),
    ],
)
def test_headings_numbered_yi_dot_financial_numerals_and_letters(body, bad, good):
    assert surface(TITLE + "\n" + body, NUMBER_RULES), bad
    assert surface(TITLE + "\n" + body.replace(bad, good, 1), NUMBER_RULES) == []


def test_options_and_sums_in_words_are_no_headings():
    text = (
        TITLE
        + "\nA.是 B.否\n壹万元整\n一要加强管理，二要规范程序。\n"
        + HEAD
        + "全年支出1,187.50万元。"
        + TAIL
    )
    assert surface(text, NUMBER_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("2023年元月32日", "2023年元月31日"), ("2023年下半年（7-13月）", "2023年下半年（7-12月）")],
)
def test_yuan_yue_and_a_half_years_months(wrong, right):
    for place in ("sentence", "row", "cell"):
        assert surface(PLACES[place].format(wrong), DATE_RULES), wrong
        assert surface(PLACES[place].format(right), DATE_RULES) == []
    assert surface(HEAD + "为6-18月龄婴幼儿发放营养包。" + TAIL, DATE_RULES) == []


@pytest.mark.parametrize("hint", ["（注：此部分由评价机构填写）", "（此部分内容可根据实际删减）"])
def test_hints_opening_with_zhu_or_ci_bu_fen(hint):
    rules = (*TEMPLATE_RULES, "template.instruction")
    assert surface(PLACES["sentence"].format("资金情况" + hint), rules)
    assert surface(PLACES["sentence"].format("资金情况（注：单位为万元）"), rules) == []


def test_approvers_and_stamp_fields_left_empty():
    assert surface(COVER.format("审批人：\n填报人：李华"), TEMPLATE_RULES)
    assert surface(COVER.format("单位公章：\n填报人：李华"), TEMPLATE_RULES)
    assert surface(COVER.format("审批人：王刚\n填报人：李华"), TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("一、完成造林；二、培训林农；四、森林防火。", "一、完成造林；二、培训林农；三、森林防火。"),
        ("甲、完成造林；乙、培训林农；丁、森林防火。", "甲、完成造林；乙、培训林农；丙、森林防火。"),
        ("（Ⅰ）完成造林；（Ⅱ）培训林农；（Ⅳ）森林防火。", "（Ⅰ）完成造林；（Ⅱ）培训林农；（Ⅲ）森林防火。"),
    ],
)
def test_inline_chinese_numeral_stem_and_bracketed_roman_lists(wrong, right):
    shape = HEAD + "(一)产出情况\n主要产出：{}" + TAIL
    assert surface(shape.format(wrong), NUMBER_RULES), wrong
    assert surface(shape.format(right), NUMBER_RULES) == []
    assert surface(shape.format("甲方乙方签订合同，第一、二季度完成（Ⅱ类）水质监测。"), NUMBER_RULES) == []


@pytest.mark.parametrize(
    ("body", "bad", "good"),
    [
        ("一、基本情况\n1)项目概况\n概况。\n2)资金安排\n安排。\n4)组织实施\n实施。\n", "4)组织", "3)组织"),
        ("甲、基本情况\n情况良好。\n乙、绩效分析\n分析如下。\n丁、存在问题\n进度偏慢。\n", "丁、", "丙、"),
    ],
)
def test_headings_numbered_with_a_half_bracket_or_stems(body, bad, good):
    assert surface(TITLE + "\n" + body, NUMBER_RULES), bad
    assert surface(TITLE + "\n" + body.replace(bad, good, 1), NUMBER_RULES) == []


def test_a_span_of_days_written_with_hao_backwards():
    shape = PLACES["sentence"]
    assert surface(shape.format("2023年7月10号至7月1号"), DATE_RULES)
    assert surface(shape.format("2023年7月1号至7月10号"), DATE_RULES) == []
    assert surface(shape.format("2023年9月1号至6月30号"), DATE_RULES) == []  # a school year


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("（此处粘贴附件）", ""),
        ("，详见附表XX", "，详见附表2"),
        ("单击此处输入文字。", "全年支出1,187.50万元。"),
        ("〈项目名称〉", "森林防火项目"),
    ],
)
def test_a_word_processors_placeholders_and_an_annex_left_unnumbered(wrong, right):
    rules = (*TEMPLATE_RULES, "template.instruction")
    for place in ("sentence", "row", "cell"):
        assert surface(PLACES[place].format("资金情况" + wrong), rules), wrong
        assert surface(PLACES[place].format("资金情况" + right), rules) == []


@pytest.mark.parametrize("field", ["日期：", "评价组成员："])
def test_a_date_or_members_field_left_empty(field):
    assert surface(COVER.format(field + "\n填报人：李华"), TEMPLATE_RULES)
    assert surface(COVER.format(field + "王刚\n填报人：李华"), TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("一则完成造林，二则培训林农，四则做好森林防火。", "一则完成造林，二则培训林农，三则做好森林防火。"),
        (
            "第一点，完成造林；第二点，培训林农；第四点，森林防火。",
            "第一点，完成造林；第二点，培训林农；第三点，森林防火。",
        ),
    ],
)
def test_lists_of_yi_ze_and_di_yi_dian(wrong, right):
    shape = HEAD + "(一)产出情况\n主要产出：{}" + TAIL
    assert surface(shape.format(wrong), NUMBER_RULES), wrong
    assert surface(shape.format(right), NUMBER_RULES) == []
    assert surface(shape.format("一则以喜，一则以忧。"), NUMBER_RULES) == []


@pytest.mark.parametrize(
    ("body", "bad", "good"),
    [
        ("一）基本情况\n情况良好。\n二）绩效分析\n分析如下。\n四）存在问题\n进度偏慢。\n", "四）", "三）"),
        (
            "【一】基本情况\n情况良好。\n【二】绩效分析\n分析如下。\n【四】存在问题\n进度偏慢。\n",
            "【四】",
            "【三】",
        ),
        ("一、绩效分析\n1-1 产出分析\n完成。\n1-2 效益分析\n良好。\n1-4 满意度\n95%。\n", "1-4", "1-3"),
        ("一、基本情况\n⑴项目概况\n概况。\n⑵资金安排\n安排。\n⑷组织实施\n实施。\n", "⑷", "⑶"),
    ],
)
def test_headings_in_half_brackets_black_brackets_dashed_decimals_and_parenthesized_digits(body, bad, good):
    assert surface(TITLE + "\n" + body, NUMBER_RULES), bad
    assert surface(TITLE + "\n" + body.replace(bad, good, 1), NUMBER_RULES) == []


def test_a_heading_run_into_its_body_still_counts_in_its_list():
    body = "一)资金投入情况。\n到位及时。\n二)绩效目标完成情况分析。严格落实中央和省、市文件要求，按计划推进各项工作，完成了全年目标。\n三)绩效指标完成情况\n良好。\n"
    assert surface(TITLE + "\n" + body, NUMBER_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("2023年2月29号", "2024年2月29号"),
        ("2023年度（2023.1.1-2023.12.32）", "2023年度（2023.1.1-2023.12.31）"),
        ("2023年十三月", "2023年十二月"),
    ],
)
def test_hao_of_a_common_year_a_spans_bad_end_and_a_mixed_date(wrong, right):
    for place in ("sentence", "row", "cell"):
        assert surface(PLACES[place].format(wrong), DATE_RULES), wrong
        assert surface(PLACES[place].format(right), DATE_RULES) == []


@pytest.mark.parametrize("hint", ["【请删除此段】", "（填写）", "（待补充）"])
def test_a_black_bracket_to_delete_and_a_bracket_left_to_fill(hint):
    rules = (*TEMPLATE_RULES, "template.instruction")
    assert surface(PLACES["sentence"].format("资金情况" + hint), rules)
    assert surface(PLACES["sentence"].format("待补充资料已补齐"), rules) == []


@pytest.mark.parametrize("field", ["法定代表人：", "单位地址：", "邮政编码："])
def test_a_units_own_particulars_left_empty(field):
    assert surface(COVER.format(field + "\n联系电话：0750-8881234"), TEMPLATE_RULES)
    assert surface(COVER.format(field + "王刚\n联系电话：0750-8881234"), TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("一.完成造林；二.培训林农；四.森林防火。", "一.完成造林；二.培训林农；三.森林防火。"),
        (
            "第1条，完成造林；第2条，培训林农；第4条，森林防火。",
            "第1条，完成造林；第2条，培训林农；第3条，森林防火。",
        ),
        ("⑩完成造林；⑪培训林农；⑬森林防火。", "⑩完成造林；⑪培训林农；⑫森林防火。"),
    ],
)
def test_inline_yi_dot_di_n_tiao_and_circled_numbers_past_ten(wrong, right):
    shape = HEAD + "(一)产出情况\n主要产出：{}" + TAIL
    assert surface(shape.format(wrong), NUMBER_RULES), wrong
    assert surface(shape.format(right), NUMBER_RULES) == []


@pytest.mark.parametrize(
    ("body", "bad", "good"),
    [
        ("I.基本情况\n情况良好。\nII.绩效分析\n分析如下。\nIV.存在问题\n进度偏慢。\n", "IV.", "III."),
        ("第1章 基本情况\n情况。\n第2章 绩效分析\n分析。\n第4章 存在问题\n问题。\n", "第4章", "第3章"),
    ],
)
def test_headings_in_latin_roman_numerals_and_digit_chapters(body, bad, good):
    assert surface(TITLE + "\n" + body, NUMBER_RULES), bad
    assert surface(TITLE + "\n" + body.replace(bad, good, 1), NUMBER_RULES) == []


def test_a_letter_list_through_i_is_no_roman_list():
    body = "".join(f"{c}.第{c}项工作\n内容。\n" for c in "ABCDEFGHIJ")
    assert surface(TITLE + "\n" + body, NUMBER_RULES) == []


def test_a_fifth_quarter_written_q5():
    assert surface(PLACES["sentence"].format("2023年Q5"), DATE_RULES)
    assert surface(PLACES["sentence"].format("2023年Q4季度"), DATE_RULES) == []


@pytest.mark.parametrize(
    "hint", ["（在此填写）", "（编写提示：简要介绍项目背景）", "[此处为图表]", "（说明：如无此项内容可不填）"]
)
def test_hints_that_name_themselves_or_the_place_they_hold(hint):
    rules = (*TEMPLATE_RULES, "template.instruction")
    for place in ("sentence", "row", "cell"):
        assert surface(PLACES[place].format("资金情况" + hint), rules), hint
    assert surface(PLACES["sentence"].format("资金情况（说明：单位为万元）"), rules) == []


def test_stars_that_hide_a_published_name_are_no_placeholder():
    text = HEAD + "****财政局下达资金120万元，****水务局负责实施。" + TAIL
    assert surface(text, TEMPLATE_RULES) == []


@pytest.mark.parametrize("field", ["项目实施地点：", "资金来源：", "完成时间："])
def test_a_projects_place_source_or_time_left_empty(field):
    assert surface(COVER.format(field + "\n项目负责人：王刚"), TEMPLATE_RULES)
    assert surface(COVER.format(field + "共和镇\n项目负责人：王刚"), TEMPLATE_RULES) == []


def test_a_list_of_di_yi_xiang():
    shape = HEAD + "(一)产出情况\n主要产出：{}" + TAIL
    assert surface(shape.format("第一项，完成造林；第二项，培训林农；第四项，森林防火。"), NUMBER_RULES)
    assert surface(shape.format("第一项，完成造林；第二项，培训林农；第三项，森林防火。"), NUMBER_RULES) == []


@pytest.mark.parametrize(
    ("body", "bad", "good"),
    [
        (
            "第1部分 基本情况\n情况。\n第2部分 绩效分析\n分析。\n第4部分 存在问题\n问题。\n",
            "第4部分",
            "第3部分",
        ),
        ("Ⅰ 基本情况\n情况良好。\nⅡ 绩效分析\n分析如下。\nⅣ 存在问题\n进度偏慢。\n", "Ⅳ ", "Ⅲ "),
        ("一·基本情况\n情况良好。\n二·绩效分析\n分析如下。\n四·存在问题\n进度偏慢。\n", "四·", "三·"),
    ],
)
def test_headings_of_digit_parts_bare_roman_numerals_and_a_middle_dot(body, bad, good):
    assert surface(TITLE + "\n" + body, NUMBER_RULES), bad
    assert surface(TITLE + "\n" + body.replace(bad, good, 1), NUMBER_RULES) == []


def test_water_quality_classes_one_a_line_are_no_headings():
    cells = HEAD + "水质类别\n断面数\nⅠ类水质\n2个\nⅡ类水质\n3个\nⅣ类水质\n1个" + TAIL
    assert surface(cells, NUMBER_RULES) == []
