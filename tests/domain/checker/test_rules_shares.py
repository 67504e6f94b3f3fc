"""shares.sum: the shares of one whole listed in a sentence add up to more than 100%, in the ways
reports word a share; and lists that are no such slip."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "鹤山市林业局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本局内设5个股室。\n二、支出情况\n"
TAIL = "\n三、存在问题\n进度偏慢。\n"


def _shares(body):
    return [f for f in check_text(HEAD + body + TAIL, report_type="auto").findings if f.rule == "shares.sum"]


@pytest.mark.parametrize(
    ("body", "right"),
    [
        ("本年支出1,187.50万元，其中基本支出831.25万元，占{a}；项目支出356.25万元，占35%。", "65%"),
        ("其中基本支出占{a}，项目支出占35%。", "65%"),
        ("工资福利支出占55.2%，商品和服务支出占30.1%，对个人和家庭的补助占{a}。", "14.7%"),
        ("基本支出占比{a}，项目支出占比30.00%。", "70.00%"),
        ("基本支出所占比重为{a}，项目支出所占比重为30%。", "70%"),
        ("基本支出占本年支出的{a}，项目支出占本年支出的30%。", "70%"),
    ],
)
def test_shares_of_one_whole_over_100_percent(body, right):
    (found,) = _shares(body.format(a="75%"))
    assert found.severity == "error" and "超过100%" in found.message
    assert _shares(body.format(a=right)) == []


@pytest.mark.parametrize(
    "body",
    [
        "2022年基本支出占70%，2023年基本支出占75%。",  # two years
        "基本支出占本年支出的70%，项目支出占预算的45%。",  # two wholes
        "基本支出占70%，比上年增长35%。",  # a change, not a share
        "基本支出占70%，其中人员经费占60%。",  # a part of a part
        "基本支出占比21.49%；项目支出占比75.40%；经营支出占比0.21%。",  # under 100%: another whole, maybe
    ],
)
def test_what_is_no_list_of_shares_over_the_whole(body):
    assert _shares(body) == []
