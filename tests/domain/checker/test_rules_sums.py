"""Totals against their items (no 其中), counts that change during the year, and the
self-evaluation form read back as a table. Texts are taken from real reports of the evaluation
set (tests/data/checker_eval); each rule is also shown staying silent on consistent text."""

from jixiao.domain.checker import ERROR, WARNING, check_text
from tests.domain.checker.helpers import findings, only

# --- list.total -------------------------------------------------------------------------------

WUHU = (
    "每村每年补助 4400 元，分配至无为市93万元，南陵县52万元，繁昌区25万元，湾沚区23万元，镜湖区4.224万元，"
    "鸠江区20.064万元，弋江区3.52万元，三山经开区16.192万元，共计237万元。"
)


def test_listed_items_that_add_up_to_the_total_are_silent_and_the_per_unit_price_is_no_item():
    # 芜湖市文化和旅游局 2022: 93+52+25+23+4.224+20.064+3.52+16.192 = 237
    assert findings(WUHU, "list.total") == []


def test_listed_items_that_miss_their_total_are_an_error_with_the_recomputation():
    finding = only(WUHU.replace("共计237万元", "共计240万元"), "list.total")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("237万元", "240万元")
    assert "列举的8项合计237万元" in finding.message and "相差3万元" in finding.message


def test_two_items_and_a_total_in_whole_wan():
    text = "分配芜湖市艺术剧院有限公司梨簧戏演出补助50万元，南陵县文旅体局目连戏50万元，共计100万元。"
    assert findings(text, "list.total") == []
    assert only(text.replace("共计100万元", "共计110万元"), "list.total").severity == ERROR


# --- count.changes -------------------------------------------------------------------------------

HONGHE = (
    "2024年，红河州数据发展中心实施项目共15个（含2023年转列暂付性款项项目5个），年初批复预算8个项目985万元"
    "（含1个年初结转结余项目50万元），调整预算后项目预算861.46万元，年中增加8个项目（含2023年转列暂付性款项项目5个），"
    "实际到位资金334.67万元。"
)


def test_counts_at_the_start_of_the_year_plus_those_added_must_make_the_total():
    # 红河州数据发展中心 2024: 8 + 8 = 16, not 15 (the bracketed counts are inside both)
    finding = only(HONGHE, "count.changes")
    assert finding.severity == ERROR
    assert (finding.expected, finding.found) == ("16个", "15个")


def test_counts_that_agree_are_silent():
    assert findings(HONGHE.replace("共15个", "共16个"), "count.changes") == []


def test_hierarchy_counts_are_not_parts_of_a_total():
    # 西平县交通运输局 2022: 12 indicators = 3 first-level, 9 second-level, 12 third-level
    text = "该项目共编制12个绩效目标指标，其中一级指标3个，二级指标9个，三级指标12个。"
    result = check_text(text)
    assert [f for f in result.findings if f.severity == ERROR] == []


def test_parts_in_different_units_are_not_summed():
    # 儋州市人民法院 2018: 141 posts = 131 + 10 people; the 17 departments are another thing
    text = "儋州市人民法院核定编制141名，其中：公务员131人，工勤人员10人，内设17个职能部门。"
    assert findings(text, "parts.sum") == []
    assert only(text.replace("工勤人员10人", "工勤人员12人"), "parts.sum").severity == ERROR


# --- the self-evaluation form ------------------------------------------------------------------

GUICHI = (
    "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额: {total}\n"
    "其中:本年财政拨款 90 89.974 89.974\n"
    "上年结转资金\n"
    "其他资金\n"
    "年度总体目标 预期目标 实际完成情况\n"
)


def test_a_form_with_cells_separated_by_spaces_is_read_and_a_total_row_below_its_part_is_an_error():
    # 池州市贵池区棠溪镇 2022: the total row is all zeros, the only source row is 90/89.974/89.974
    result = check_text(GUICHI.format(total="0 0 0 10 0 0"))
    totals = [f for f in result.findings if f.rule == "table.totals"]
    assert totals and totals[0].severity == ERROR
    rates = [f for f in result.findings if f.rule == "score.recompute"]
    assert rates and rates[0].severity == ERROR and "100" in rates[0].message


def test_a_consistent_form_with_cells_separated_by_spaces_is_silent():
    result = check_text(GUICHI.format(total="90 89.974 89.974 10 100.00% 10"))
    assert [f.message for f in result.findings if f.rule in ("table.totals", "score.recompute")] == []


def test_vertical_form_with_header_cells_broken_over_lines_and_amounts_with_units():
    # 零陵区林业局 2021: 3824.26 ÷ 4753.66 = 80.45%, the form says 100% and 10 points
    lines = [
        "年度预",
        "算申请",
        "(万元)",
        "年初",
        "预算数",
        "全年预算数",
        "全年",
        "执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "4753.66万元",
        "4753.66万元",
        "3824.26万元",
        "10",
        "{rate}",
        "{score}",
        "按收入性质分:",
    ]
    wrong = check_text("\n".join(lines).format(rate="100%", score="10"))
    rates = [f for f in wrong.findings if f.rule == "score.recompute"]
    assert {f.severity for f in rates} == {ERROR}
    assert any("80.45%" in f.message for f in rates)
    right = check_text("\n".join(lines).format(rate="80.45%", score="8.04"))
    assert [f.message for f in right.findings if f.rule == "score.recompute"] == []


def test_category_points_against_the_points_of_their_items():
    header = "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
    rows = (
        "产出指标(50分) 数量指标 业务项目数量 ≥50个 50 8 8\n"
        "质量指标 报告合格率 ≥100百分比 100 8 8\n"
        "经费支出合规性 严格执行相关制度规定 达成预期指标 8 8\n"
        "时效指标 提交报告及时性 按时完成 达成预期指标 8 8\n"
        "成本指标 项目总成本 ≤90万元 90 8 8\n"
        "单项业务成本 符合相关规定 达成预期指标 {last} {last}\n"
    )
    assert findings(header + rows.format(last=10), "table.categories") == []
    finding = only(header + rows.format(last=12), "table.categories")
    assert finding.severity == ERROR and (finding.expected, finding.found) == ("50", "52")


def test_a_score_left_empty_next_to_its_weight_is_template_leftover():
    # 青神县发展和改革局 2023 (one cell per line, each ending in '|', an empty cell as a lone '|')
    cells = [
        "年度预算数(万元) |",
        "年初预算 |",
        "调整后预算数 |",
        "预算执行数 |",
        "预算执行率 |",
        "权重 |",
        "得分 |",
        "原因 |",
        "总额 |",
        "238.93 |",
        "251.89 |",
        "251.89 |",
        "100.00% |",
        "10 |",
        "{score}",
        "其中:财政资金 |",
        "238.93 |",
        "251.89 |",
        "251.89 |",
        "100.00% |",
        "/ |",
        "/ |",
    ]
    empty = only("\n".join(cells).format(score="|"), "template.leftover")
    assert empty.severity == WARNING and "得分" in empty.message
    assert findings("\n".join(cells).format(score="10 |"), "template.leftover") == []


EXECUTION = (
    "表1　2023年度预算及决算执行情况\n"
    "单位：万元\n"
    "| 项目 | 年初预算 | 调整后预算 | 决算数 | 执行率 |\n"
    "| 公用经费 | 12.24 | 12.24 | 10.02 | {rate} |\n"
)


def test_a_rate_computed_from_the_unrounded_amounts_is_not_an_error():
    # 100,177.00 ÷ 122,438.00 元 = 81.82% (printed 81.8%), while 10.02 ÷ 12.24 万元 = 81.86%:
    # the printed amounts are rounded to 0.01万元 and allow anything from 81.79% to 81.93%
    right = check_text(EXECUTION.format(rate="81.8%"))
    assert [f.message for f in right.findings if f.rule == "score.recompute"] == []
    wrong = check_text(EXECUTION.format(rate="85.0%"))
    rates = [f for f in wrong.findings if f.rule == "score.recompute"]
    assert rates and rates[0].severity == ERROR and "10.02÷12.24=81.86%" in rates[0].message
