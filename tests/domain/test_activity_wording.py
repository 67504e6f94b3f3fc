"""Section 五's sentences from the activity record: one sentence per activity, repeated work written
once over its span, the verb the seed would use, outputs named the way the seed names them."""

from __future__ import annotations

from jixiao.domain.activity_wording import (
    ActivityRecord,
    OutputRecord,
    merge_repeated,
    output_phrase,
    output_text,
    sentence,
    sentences,
    split_period,
)
from jixiao.domain.quantity import parse_quantity


def out(key: str, quantity: str, label: str = "") -> OutputRecord:
    return OutputRecord(key, label, parse_quantity(quantity))


def test_a_place_the_title_begins_with_is_not_said_again_and_the_title_is_its_own_subject():
    record = ActivityRecord(
        "青阳广场科普橱窗内容更换（第一季度）",
        "第一季度",
        "青阳广场科普橱窗",
        (out("科普橱窗更换次数", "1次"),),
        is_period=True,
    )
    assert sentence(record) == "第一季度，青阳广场科普橱窗内容更换。"


def test_a_place_inside_the_title_is_not_said_again_but_the_verb_is_added_when_missing():
    record = ActivityRecord("科普大篷车进江龙村宣传", "3月5日", "江龙村")
    assert sentence(record) == "3月5日，开展科普大篷车进江龙村宣传。"


def test_a_title_without_a_verb_gets_kaizhan_and_an_activity_counting_itself_once_says_no_count():
    record = ActivityRecord(
        "“三下乡”暨智慧农业科普助力乡村振兴活动",
        "4月27日",
        "庙前镇弥泉村综合服务中心、双凤村合作社田间、庙前镇中学",
        (out("科普活动次数", "1次"), out("受益群众人次", "500余人次", "现场观摩学习村民")),
    )
    assert sentence(record) == (
        "4月27日，在庙前镇弥泉村综合服务中心、双凤村合作社田间、庙前镇中学"
        "开展“三下乡”暨智慧农业科普助力乡村振兴活动，现场观摩学习村民500余人次。"
    )


def test_a_title_starting_with_a_verb_keeps_it_and_a_repeated_own_count_follows_the_title():
    assert (
        sentence(ActivityRecord("召开常宁市“全国科普日”活动安排部署会", "9月15日", "常宁市帝煌大酒店"))
        == "9月15日，在常宁市帝煌大酒店召开常宁市“全国科普日”活动安排部署会。"
    )
    record = ActivityRecord(
        "“银铃跨越数字鸿沟”科普宣传活动",
        "8月",
        "洋泉镇土桥村、烟洲镇石岭村",
        (out("科普活动次数", "2次"), out("银龄科普服务人次", "300余人次")),
        is_period=True,
    )
    assert sentence(record) == (
        "8月，在洋泉镇土桥村、烟洲镇石岭村开展“银铃跨越数字鸿沟”科普宣传活动2次，银龄科普服务300余人次。"
    )


def test_twelve_monthly_study_sessions_are_one_sentence_over_the_year_with_their_total():
    records = [
        ActivityRecord(
            f"常宁市科协党组理论学习中心组集中学习（{month}月）",
            f"{month}月",
            "常宁市科协",
            (out("理论学习次数", "1次"),),
            is_period=True,
        )
        for month in range(1, 13)
    ]
    assert sentences(records) == ("1月至12月，常宁市科协党组理论学习中心组集中学习12次。",)


def test_quarterly_runs_are_merged_at_the_place_of_the_first_and_other_work_keeps_its_order():
    window = [
        ActivityRecord(
            f"青阳广场科普橱窗内容更换（第{quarter}季度）",
            f"第{quarter}季度",
            "青阳广场科普橱窗",
            (out("科普橱窗更换次数", "1次"),),
            is_period=True,
        )
        for quarter in "一二三四"
    ]
    week = ActivityRecord("参加2023年科技活动周活动", "5月25日", "", (out("科普展板块数", "7块"),))
    assert sentences([window[0], week, *window[1:]]) == (
        "第一季度至第四季度，青阳广场科普橱窗内容更换4次。",
        "5月25日，参加2023年科技活动周活动，科普展板7块。",
    )


def test_merged_outputs_add_up_by_kind_and_an_approximate_part_makes_the_total_approximate():
    records = [
        ActivityRecord("科普讲座", "3月5日", "兴旺村", (out("受益群众人次", "200余人次"),)),
        ActivityRecord("科普讲座", "6月7日", "江龙村", (out("受益群众人次", "150人次"),)),
    ]
    (merged,) = merge_repeated(records)
    assert merged.when == "3月5日、6月7日" and merged.place == "兴旺村、江龙村"
    assert [o.quantity.text() for o in merged.outputs] == ["约350人次"]
    assert sentence(merged) == "3月5日、6月7日，在兴旺村、江龙村开展科普讲座，受益群众约350人次。"


def test_a_year_long_run_is_said_as_the_whole_year():
    records = [
        ActivityRecord(
            "科普大篷车进校园活动（全年）", "全年", "全市各学校", (out("受益师生人次", "1万6千余师生"),), True
        ),
        ActivityRecord("科普大篷车进校园活动（上半年）", "上半年", "全市各学校", (), True),
    ]
    assert sentences(records) == ("全年，在全市各学校开展科普大篷车进校园活动，1万6千余师生受益。",)


def test_a_trailing_bracket_that_is_not_a_period_stays_in_the_title():
    assert split_period("2023年全国中学生生物学联赛（湖南赛区）") == (
        "2023年全国中学生生物学联赛（湖南赛区）",
        "",
    )
    assert split_period("集中学习（12月）") == ("集中学习", "12月")
    assert split_period("更换（第三季度）") == ("更换", "第三季度")


def test_output_names_read_the_way_the_seed_writes_them():
    assert output_phrase("下乡科普次数") + "近30次" == "下乡科普近30次"
    assert output_text(out("科普资料发放份数", "6000余册")) == "发放科普资料6000余册"
    assert output_text(out("科普展板块数", "90余块")) == "科普展板90余块"
    assert output_text(out("宣传标语幅数", "20幅")) == "宣传标语20幅"
    assert output_text(out("受益群众人次", "2万余名")) == "受益群众2万余名"
    assert output_text(out("受益师生人次", "1万6千余师生")) == "1万6千余师生受益"
    assert output_text(out("辅导教师培训人数", "16名")) == "培训辅导教师16名"
    assert output_text(out("科技志愿者人数", "近400多名")) == "科技志愿者近400多名"
    assert output_text(out("科普日参与单位数", "33家", "参加单位")) == "参加单位33家"
    assert output_phrase("数") == "数"


def test_records_of_the_first_and_second_half_year_are_written_as_the_whole_year():
    from jixiao.domain.activity_wording import _span, load_wording

    wording = load_wording()
    halves = [
        ActivityRecord(title="维权咨询（上半年）", when="上半年", is_period=True),
        ActivityRecord(title="维权咨询（下半年）", when="下半年", is_period=True),
    ]
    assert _span(halves, wording) == "全年"
    quarters = [
        ActivityRecord(title="普法宣传（第二季度）", when="第二季度", is_period=True),
        ActivityRecord(title="普法宣传（第四季度）", when="第四季度", is_period=True),
    ]
    assert _span(quarters, wording) == "第二季度至第四季度"
