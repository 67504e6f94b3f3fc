"""A sentence that opens with a whole's name ('本年支出中，…', '项目支出包括…') breaks down the figure
stated under that exact name a few paragraphs before, a table or a heading between
(parts.named_whole). Our own wordings; each defect beside a consistent look-alike."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "某区台港澳办2024年度部门整体支出绩效评价报告\n一、部门概况\n"
TABLE = (
    "（三）预算执行表（单位：万元）\n项目      决算数\n基本支出  246.35\n项目支出  128.72\n合计      375.07\n"
)


def named(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.rule == "parts.named_whole"]


@pytest.mark.parametrize(
    ("body", "silent"),
    [
        (
            "（二）支出。本年支出375.07万元，年末结转结余12.50万元。\n"
            + TABLE
            + "（四）按功能分类。本年支出中，"
            "一般公共服务支出318.40万元，社会保障和就业支出32.16万元，卫生健康支出11.43万元，住房保障支出14.08万元。",
            "（二）支出。本年支出376.07万元，年末结转结余12.50万元。\n"
            + TABLE
            + "（四）按功能分类。本年支出中，"
            "一般公共服务支出318.40万元，社会保障和就业支出32.16万元，卫生健康支出11.43万元，住房保障支出14.08万元。",
        ),
        (
            "（二）项目情况。项目支出128.72万元，均为财政拨款。\n（三）项目管理。项目均按程序实施。\n（四）明细。项目支出中，"
            "交流活动经费80.50万元，经贸服务经费30.22万元，宣传经费19.00万元。",
            "（二）项目情况。项目支出128.72万元，均为财政拨款。\n（三）项目管理。项目均按程序实施。\n（四）明细。项目支出中，"
            "交流活动经费80.50万元，经贸服务经费30.22万元，宣传经费18.00万元。",
        ),
    ],
)
def test_a_whole_named_paragraphs_before_its_breakdown_is_checked(body, silent):
    assert named(body)
    assert named(silent) == []
