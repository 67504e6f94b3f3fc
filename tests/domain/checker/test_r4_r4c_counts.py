"""A count and the names listed after it (count.items): counts by other measure words than 个/家/所
(场次, 场, 次, 项 …, read from vocabulary.yaml) where 分别为/即/a colon or a bracket opens the list, and
a last name joined by 和 whose first half ends as the other names do. Wordings of our own; each
defect beside a look-alike that must stay silent."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "某县文化旅游局2022年度乡村旅游推广项目支出绩效评价报告\n一、项目基本情况\n"


def counts(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.rule == "count.items"]


@pytest.mark.parametrize(
    ("body", "said", "listed", "silent"),
    [
        (
            "全年组织开展推介活动5场次，分别为踏青节、油菜花节、摆手舞展演、丰收节，反响良好。",
            "5场次",
            "4个",
            "全年组织开展推介活动4场次，分别为踏青节、油菜花节、摆手舞展演、丰收节，反响良好。",
        ),
        (
            "全年举办5场推介活动：踏青节、油菜花节、摆手舞展演和丰收节。",
            "5场",
            "3个",
            "全年举办4场推介活动：踏青节、油菜花节、摆手舞展演和丰收节。",
        ),
        (
            "开展专项督查4次（春季督查、汛前督查、汛中督查），发现问题12个。",
            "4次",
            "3个",
            "开展专项督查3次（春季督查、汛前督查、汛中督查），发现问题12个。",
        ),
        (
            "修订制度3项，即《财务管理办法》、《资产管理办法》、《内控手册》、《采购细则》。",
            "3项",
            "4个",
            "开展培训3期，分别为4月、6月和9月。",
        ),
        (
            "整治河道4条：东河、西河、南河。",
            "4条",
            "3个",
            "三批项目涉及甲镇(北村、南村、东村)、乙镇(西村)等道路建设。",
        ),
        (
            "完成改造5处，分别为老街、新街、南门广场、北门广场。",
            "5处",
            "4个",
            "开展督查3次，主要包括春季督查、汛前督查、汛中督查、秋季督查等。",
        ),
    ],
)
def test_a_count_by_another_measure_word_is_checked_against_its_list(body, said, listed, silent):
    (finding,) = counts(body)
    assert finding.severity == "warning"
    assert f"说{said}" in finding.message and f"列出的名称有{listed}" in finding.message
    assert counts(silent) == []


@pytest.mark.parametrize(
    ("body", "silent"),
    [
        (
            "本年度疏浚共涉及3个区段，分别为东航道、大榄坪南航道、金鼓江航道和三墩作业区锚地。",
            "本年度疏浚共涉及4个区段，分别为东航道、大榄坪南航道、金鼓江航道和三墩作业区锚地。",
        ),
        (
            "全镇共有3个示范村：甲家村、乙家村、丙家村和丁家村。",
            "全镇共有4个示范村：甲家村、乙家村、丙家村和丁家村。",
        ),
        (
            "东航道、大榄坪南航道、金鼓江航道和三墩作业区锚地3个区段均已完工。",
            "下设3个中心，分别为数据中心、服务中心、科技和信息中心。",
        ),
        (
            "完成3个区段（东航道、大榄坪南航道、金鼓江航道和三墩锚地）的疏浚。",
            "涉及3个区段，分别为东航道、西航道和南航道。",
        ),
    ],
)
def test_a_last_name_joined_by_he_that_ends_like_the_others_counts_as_two(body, silent):
    (finding,) = counts(body)
    assert finding.severity == "warning" and "列出的名称有4个" in finding.message
    assert counts(silent) == []
