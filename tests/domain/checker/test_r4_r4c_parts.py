"""分别为 / 分别是 / 分别用于 right after a figure opens the list of that figure's parts (parts.sum): the
parts must add to it. 分别为 after names ('甲乡、乙乡分别为…') pairs names with figures and lists no parts.
Wordings of our own; each defect beside a consistent look-alike."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "某县妇女联合会2022年度部门整体支出绩效评价报告\n一、部门概况\n"


def sums(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.rule == "parts.sum"]


@pytest.mark.parametrize(
    ("body", "recomputed", "silent"),
    [
        (
            "2022年项目支出80.56万元分别为：“两癌”检查补助32.40万元、维权服务18.60万元、家政培训16.80万元、"
            "家庭教育指导11.36万元。",
            "79.16万元",
            "2022年项目支出79.16万元分别为：“两癌”检查补助32.40万元、维权服务18.60万元、家政培训16.80万元、"
            "家庭教育指导11.36万元。",
        ),
        (
            "全年培训学员312人，分别是：家政班120人、育婴班100人、电商班82人。",
            "302人",
            "全年培训学员302人，分别是：家政班120人、育婴班100人、电商班82人。",
        ),
        (
            "下达资金805,600元，分别为市级补助324,000元、县级配套186,000元和单位自筹168,000元。",
            "678000元",
            "下达资金678,000元，分别为市级补助324,000元、县级配套186,000元和单位自筹168,000元。",
        ),
        (
            "项目支出80.56万元，分别用于检查补助32.40万元、维权服务18.60万元。",
            "51万元",
            "甲乡、乙乡分别为32.40万元、18.60万元，合计80.56万元。",
        ),
    ],
)
def test_the_parts_listed_after_fenbiewei_add_up_to_the_figure_before_it(body, recomputed, silent):
    (finding,) = sums(body)
    assert finding.severity == "error" and f"={recomputed}" in finding.message
    assert sums(silent) == []
