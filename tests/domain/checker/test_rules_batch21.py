"""Causes found in batch 21 of the evaluation set (the tuning part of files 524–571), each written
here in other words for departments nobody modelled: the real defect that must be reported, and
beside it the sound text of the same shape that must stay silent."""

from tests.domain.checker.helpers import findings, only

HEAD = "北川县乡村振兴局2023年度项目支出绩效评价报告\n"


def fired(body, rule):
    return findings(HEAD + body + "\n", rule, report_type="auto")


OUTLINE = (
    "一、基本情况\n(一)项目概况\n(二)项目绩效目标\n二、绩效评价工作开展情况\n(一)评价目的\n(二)评价方法\n"
    "(三)评价过程\n三、综合评价情况\n"
)


def test_a_contents_list_without_its_heading_is_no_row_of_empty_headings():
    # 通许县 2023 (evaluation set 536): the outline listed before the body, with no '目录' line
    assert not fired(OUTLINE + "全县共实施项目125个。", "template.empty_heading")
    # one heading left empty among headings that have their text is still named
    body = "一、基本情况\n(一)项目概况\n项目建设养殖棚12座。\n(二)项目绩效目标\n二、绩效评价工作开展情况\n按要求组织评价。"
    finding = only(HEAD + body + "\n", "template.empty_heading")
    assert finding.found == "(二)项目绩效目标"


def test_a_member_that_breaks_down_its_own_figure_is_not_three_parts():
    # 腾冲市林草局 2024 (evaluation set 527): 48 = 37 + 5 + 6, within the first member
    body = (
        "自评项目总数为72个,其中:本级48个项目、管理站12个项目、林场12个项目,均已完成自评。"
        "总体来看,自评分97分,综合评价等级为“优”,其中:本级48个项目评价等级为“优”有37个、"
        "评价等级为“中”有5个、评价等级为“良”有6个;管理站12个项目评价等级为“优”。"
    )
    assert not [f for f in fired(body, "parts.sum") if "48" in f.message]
    # three sibling members, each a part of the total, are still added up
    wrong = "自评项目总数为60个,其中:本级48个、管理站10个、林场4个。"
    assert "62个" in only(HEAD + wrong + "\n", "parts.sum").message


def test_a_list_of_lines_cut_off_by_the_end_of_the_text_is_not_summed():
    # 井陉县文旅局 2019 (evaluation set 541): 2000.60 over 27 projects, the page stops after item 2
    intro = "全年共收到各类专项资金2000.60万元,具体如下:\n"
    lines = "1.公共文化服务资金614.02万元,实施项目10个。\n2.旅游推广资金561.95万元,实施项目9个,分别为:(1)咨询点建设"
    assert not fired(intro + lines, "list.lines_total")
    # the same list followed by more text is complete: its sum must be the total
    closed = intro + lines + "130万元。\n二、绩效目标\n全年目标已完成。"
    finding = only(HEAD + closed + "\n", "list.lines_total")
    assert "1175.97万元" in finding.message


def test_the_fund_rows_of_the_central_transfer_form():
    # 广元市朝天区 2023 (evaluation set 562): 中央 1157.9 under a total of 1157.97, 地方/其他 empty
    form = (
        "全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | | |\n"
        "年度资金总额: | 2000 | 1157.97 | 57.90% | | |\n"
        "其中:中央财政资金 | 2000 | {central} | 57.90% | | |\n"
        "地方财政资金 | | | | | |\n"
        "其他资金 | | | | | |\n"
    )
    finding = only(HEAD + form.format(central="1157.9") + "\n", "table.totals")
    assert finding.severity == "error" and "1157.9" in finding.message
    assert not fired(form.format(central="1157.97"), "table.totals")


def test_a_date_field_with_no_colon_and_no_nian_yue():
    # 通许县 2023 (evaluation set 536): '评价时间2024116'
    finding = only(HEAD + "评价单位县财政局\n评价时间2024116\n一、基本情况\n", "date.malformed")
    assert "“2024116”" in finding.message
    assert not fired("评价单位县财政局\n评价时间2024年1月16日\n一、基本情况", "date.malformed")


def test_a_word_of_summing_said_twice_in_one_clause():
    # 通许县 2023 (evaluation set 536): '我县共计实施…项目共计125个'
    finding = only(HEAD + "2023年我县共计实施衔接资金项目共计125个,总投资8000万元。\n", "typo.doubled")
    assert "“共计”用了两次" in finding.message
    for sound in (
        "2023年我县共计实施项目125个,共计投资8000万元。\n",  # two clauses
        "合计 41375 合计 32258\n",  # a table's cells
    ):
        assert not [f for f in fired(sound, "typo.doubled") if "用了两次" in f.message], sound


def test_a_heading_number_written_twice():
    # 遵化市残联 2019 (evaluation set 539): '(一) (一)项目基本情况 (二)…'
    (finding,) = [
        f
        for f in fired("三、项目考评情况 (一) (一)项目基本情况 (二)项目绩效", "heading.numbering")
        if "两次" in f.message
    ]
    assert finding.found == "(一) (一)"
    assert not [
        f
        for f in fired("三、项目考评情况 (一)项目基本情况 (二)项目绩效", "heading.numbering")
        if "两次" in f.message
    ]


def test_zhi_zao_is_a_word_of_its_own():
    # 嘉兴港区 (evaluation set 543): '先进智造产业区' beside 制造 elsewhere is no slip of 制造
    body = "打造先进智造产业区,推动制造业转型升级,引进制造企业12家。"
    assert not fired(body, "typo.confusion")


def test_a_paragraph_ending_in_a_half_width_full_stop_has_its_end_mark():
    # evaluation set 590: '…占编委核定落实的编制数143人的95.10%.' (the whole page writes '.' for '。')
    sentence = "本单位2018年末实有在职人员136人,占编委核定落实的编制数143人的95.10%{end}\n"
    text = (
        "北川县民政局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
        + sentence
        + "二、绩效目标\n全年目标均已完成。\n"
    )
    assert not findings(text.format(end="."), "punct.paragraph_end", report_type="auto")
    assert [f.found for f in findings(text.format(end=""), "punct.paragraph_end", report_type="auto")] == [
        "95.10%"
    ]
