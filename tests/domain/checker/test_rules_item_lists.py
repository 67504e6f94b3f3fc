"""A total against the items listed under it, in the ways reports list them (bench family 合计与所列各项：
各种列法): items opened each by 用于 after 其中 (one list, not a new list at every 用于), items parted by
'；' after 主要用于： or numbered ①②③ after 其中：. Each with its twin written right; a bare 其中 list cut
by '；' still ends there ('基本支出…，其中人员经费…；项目支出…' lists no part of the 基本支出 after the ';')."""

import pytest

from jixiao.domain.checker import check_text

RULES = ("parts.sum", "list.total", "list.total_before", "parts.named_whole", "parts.scope_sum")
HEAD = "鹤山市文化广电旅游体育局2023年度公共文化服务体系建设项目支出绩效自评报告\n一、项目基本情况\n二、资金使用情况\n"
TAIL = "\n三、绩效情况\n项目按期完成。\n"
ITEMS = (
    ("乡镇综合文化站设备购置", "35.60"),
    ("送戏下乡演出", "28.40"),
    ("农家书屋图书更新", "12.75"),
    ("全民健身设施维护", "41.25"),
)
LISTS = [
    "全年共支出资金{t}万元，其中" + "，".join(f"用于{n}{v}万元" for n, v in ITEMS) + "。",
    "项目资金{t}万元，主要用于：" + "；".join(f"{n}{v}万元" for n, v in ITEMS) + "。",
    "累计完成投资{t}万元，具体为：" + "；".join(f"{n}{v}万元" for n, v in ITEMS) + "。",
    "全年共支出资金{t}万元，其中："
    + "".join(f"{'①②③④'[i]}{n}{v}万元；" for i, (n, v) in enumerate(ITEMS)).rstrip("；")
    + "。",
    "项目资金{t}万元，主要用于："
    + "".join(f"({i + 1}){n}{v}万元；" for i, (n, v) in enumerate(ITEMS)).rstrip("；")
    + "。",
]


def _sums(text):
    return [
        f for f in check_text(text, report_type="auto").findings if f.rule in RULES and f.severity != "info"
    ]


@pytest.mark.parametrize("shape", LISTS)
def test_the_items_are_summed_however_they_are_listed(shape):
    found = _sums(HEAD + shape.replace("{t}", "128.00") + TAIL)
    assert len(found) == 1, [f.message for f in found]
    assert "118" in found[0].message, found[0].message
    assert _sums(HEAD + shape.replace("{t}", "118.00") + TAIL) == []


def test_a_bare_qizhong_list_still_ends_at_the_semicolon():
    text = HEAD + "基本支出100.00万元，其中人员经费60.00万元；项目支出50.00万元。" + TAIL
    assert _sums(text) == []
