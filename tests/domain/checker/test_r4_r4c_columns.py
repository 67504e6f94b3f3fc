"""A table's 合计 row in a column of things counted, known by the unit bracketed in its name
('小区数（个）', '学校（所）', '数量（处）'): whole numbers that are counted, not rounded, so the total
must be exact (table.column_total). Tables of our own, spaced and '|'; each defect beside a
look-alike that must stay silent (a money column of whole 万元 keeps its rounding envelope)."""

import pytest

from jixiao.domain.checker import check_text

HEAD = "某区住房和城乡建设局2021年度老旧小区改造项目支出绩效评价报告\n一、项目基本情况\n"


def totals(body):
    return [f for f in check_text(HEAD + body + "\n").findings if f.rule == "table.column_total"]


SPACED = (
    "表1 改造小区分布\n街道（镇）  小区数（个）  户数（户）  完成投资（万元）\n大中街道  14  3,126  7,845.20\n"
    "西团镇  8  1,508  3,962.75\n新丰镇  7  1,244  3,105.40\n丰华街道  6  980  2,323.13\n合计  {n}  6,858  17,236.48"
)
PIPED = "| 乡镇 | 学校（所） | 资金（万元） |\n| 甲镇 | 3 | 120 |\n| 乙镇 | 4 | 80 |\n| 丙镇 | 2 | 51 |\n| 合计 | {n} | 250 |"
PLACES = (
    "| 项目类别 | 改造数量（处） | 投资（万元） |\n| 道路 | 12 | 300 |\n| 管网 | 9 | 210 |\n| 绿化 | 5 | 91 |\n"
    "| 合计 | {n} | 600 |"
)


@pytest.mark.parametrize(
    ("table", "wrong", "right", "column"),
    [(SPACED, 37, 35, "小区数(个)"), (PIPED, 10, 9, "学校(所)"), (PLACES, 27, 26, "改造数量(处)")],
)
def test_a_total_of_a_counted_column_off_by_one_or_two_is_an_error(table, wrong, right, column):
    (finding,) = totals(table.format(n=wrong))
    assert finding.severity == "error" and f"“{column}”为{wrong}" in finding.message
    assert f"之和{right}" in finding.message
    assert totals(table.format(n=right)) == []
