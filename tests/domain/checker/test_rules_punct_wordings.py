"""The punctuation families in wordings of our own (a sample of the combinations of
bench/bench_checker_punct_wordings.py): each slip, written in several shapes and places, draws one
warning where it stands; its twin written right, and strings that merely look like it, draw none."""

import pytest

from jixiao.domain.checker import check_text

HEAD = (
    "湘潭县交通运输局2023年度农村公路养护项目支出绩效自评报告\n一、项目基本情况\n（一）项目概况\n"
    "本项目由县交通运输局组织实施，覆盖全县17个乡镇，养护农村公路1,260公里。\n（二）资金安排\n"
)
TAIL = (
    "\n二、绩效目标完成情况\n全年完成农村公路养护里程1,260公里，完成率100%。\n"
    "三、存在问题\n部分路段养护不及时，日常巡查记录不完整。\n"
)


def punct(body):
    return [
        f
        for f in check_text(HEAD + body + TAIL, report_type="auto").findings
        if f.rule.startswith("punct.") and f.severity in ("error", "warning")
    ]


def test_the_base_text_draws_no_punctuation_warning():
    assert punct("") == []


# ---------------------------------------------------------------------------------------------
# Document numbers

DOC_PLACES = [
    "根据《湖南省财政厅关于下达农村公路养护补助资金的通知》（{d}），下达资金860.00万元。",
    "县财政局按照{d}文件要求，及时下达资金860.00万元。",
    "依据《湖南省农村公路养护管理办法》（湘交发〔2022〕8号）、《关于做好养护工作的通知》（{d}）等文件，制定了方案。",
    "| 序号 | 文件名称 | 文号 | 金额 |\n| 1 | 农村公路养护补助资金 | {d} | 860.00 |",
    "资金下达文件\n文号\n金额\n农村公路养护补助资金\n{d}\n860.00",
]


@pytest.mark.parametrize(
    ("wrong", "right", "what"),
    [
        ("湘财绩【202315号", "湘财绩【2023】15号", "括号不全"),
        ("国发（202214号", "国发〔2022〕14号", "括号不全"),
        ("川卫发2023〕15号", "川卫发〔2023〕15号", "缺左括号"),
        ("冀民发2023]15号", "冀民发[2023]15号", "缺左括号"),
        ("湘政办发〔2023〕15", "湘政办发〔2023〕15号", "缺“号”字"),
        ("中办发〔202〕15号", "中办发〔2023〕15号", "不是四位数"),
        ("保财教202060", "保财教〔2020〕60号", "缺六角括号和“号”字"),
    ],
)
@pytest.mark.parametrize("place", range(len(DOC_PLACES)))
def test_a_document_number_written_wrong_is_reported_once_wherever_it_stands(wrong, right, what, place):
    sentence = DOC_PLACES[place]
    (found,) = punct(sentence.format(d=wrong))
    assert found.rule == "punct.marks" and what in found.message
    assert punct(sentence.format(d=right)) == []


@pytest.mark.parametrize(
    "twin",
    [
        "按照湘财预〔 2023 〕15号文件要求，及时下达资金860.00万元。",
        "按照湘财预［2023］15号文件要求，及时下达资金860.00万元。",
        "按照湘财预〔2023〕15号、16号文件要求，及时下达资金860.00万元。",
        "按照湘财预〔2023〕15、16号文件要求，及时下达资金860.00万元。",
        "项目联系人：王明，联系电话：0731-57221234，邮政编码：411228。",
        "项目编码：430321230000000015，合同编号：XTJT-2023-015号，合同金额202315元。",
        "根据县交通运输局公告第202315号，下达资金860.00万元。",
        "本年度（2023年）下达资金860.00万元，共养护路段202315米。",
        "（联系电话20231588）",
        "评价时间\n2024116\n评价时间2024116",
    ],
)
def test_strings_that_look_like_document_numbers_are_left_alone(twin):
    assert punct(twin) == []
