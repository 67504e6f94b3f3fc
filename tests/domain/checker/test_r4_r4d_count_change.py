"""A growth or fall of a count or a length (人次, 公里, 场次) against the previous year's figure of the
same sentence: (本年 − 上年) ÷ 上年. Our own wording; each shape has a consistent look-alike."""

from jixiao.domain.checker import check_text
from tests.domain.checker.helpers import findings

HEAD = "南溪区文化馆2023年度项目支出绩效自评报告\n一、项目基本情况\n"


def fired(body):
    return findings(HEAD + body + "\n", "change.rate_count")


def test_the_previous_figure_after_the_year_figure():
    body = "全年接待群众{}万人次，较上年的6.35万人次增长{}%，群众参与热情明显提高。"
    (finding,) = fired(body.format("8.62", "38.5"))
    assert "35.7%" in finding.message and finding.severity == "error"
    assert not fired(body.format("8.62", "35.7"))
    # the same figures written out in full are read by yoy.arithmetic: one finding, not two
    full = HEAD + "全年接待群众86200人次，比上年63500人次增长38.5%。\n"
    assert [f.rule for f in check_text(full).findings if "增长38.5%" in f.message] == ["yoy.arithmetic"]


def test_the_previous_year_first_and_a_fall():
    body = "上年开展送戏下乡150场次，本年开展{}场次，同比下降{}%。"
    (finding,) = fired(body.format("120", "25.0"))
    assert "-20.0%" in finding.message
    assert not fired(body.format("120", "20.0"))


def test_rising_to_a_figure_and_the_year_before_by_its_number():
    body = "农村公路养护里程由2022年的1,150公里增至1,286公里，增长{}%。"
    (finding,) = fired(body.format("13.8"))
    assert "11.8%" in finding.message
    assert not fired(body.format("11.8"))
    # a figure that states the change itself is no year's figure
    assert not fired("养护里程1,286公里，较上年增加136公里，增长11.8%。")
    # two figures of different units are not two years of one thing
    assert not fired("上年培训1,200人次，本年新建书屋30个，增长12.0%。")


def test_the_right_size_in_the_wrong_direction_is_a_warning():
    body = "全年生活垃圾收运量4.26万吨，较上年4.51万吨{}5.54%，主要是源头减量成效显现。"
    (finding,) = fired(body.format("增加"))
    assert finding.severity == "warning" and "方向" in finding.message
    assert not fired(body.format("减少"))
