"""Tables flattened to text are read back into rows and columns: '|' rows, one cell per line
(header cells broken over lines, empty cells as a lone '|'), and rows with cells separated by
spaces."""

from decimal import Decimal

from jixiao.domain.checker import parse
from jixiao.domain.checker.base import CheckContext
from jixiao.domain.checker.config import default_checker_data


def tables(text):
    data = default_checker_data()
    return CheckContext.build(parse(text, data), data, data.report_types["zhengti"]).tables


def values(row):
    return [c.value if c is not None else None for c in row.cells]


def test_pipe_rows_drop_the_caption_cells_above_the_columns():
    text = (
        "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 | ||\n"
        "总额 | 0.00 | 3.36 | 3.36 | 100.00% | 10 | 10 | 说明文字 | ||\n"
        "其中:财政资金 | 0.00 | 3.36 | 3.36 | 100.00% | / | / | ||||\n"
    )
    (table,) = tables(text)
    assert table.layout == "pipe"
    assert table.kinds[:6] == ("年初预算", "全年预算", "执行数", "rate", "weight", "score")
    assert values(table.rows[0])[:6] == [
        Decimal("0.00"),
        Decimal("3.36"),
        Decimal("3.36"),
        Decimal("100.00"),
        10,
        10,
    ]
    assert values(table.rows[1])[4:6] == [None, None]


def test_one_cell_per_line_joins_broken_header_cells_and_keeps_units():
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
        "100%",
        "10",
    ]
    (table,) = tables("\n".join(lines))
    assert table.columns == ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    cell = table.rows[0].cells[2]
    assert (cell.value, cell.unit, cell.scale) == (Decimal("3824.26"), "万元", Decimal(10000))


def test_rows_with_cells_separated_by_spaces_keep_their_offsets_into_the_text():
    text = "资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分\n年度资金总额 5.28 1.96 1.96 10 100.00% 10\n其中:当年财政拨款 5.28 1.96 1.96 - - -\n"
    (table,) = tables(text)
    assert table.layout == "spaced"
    assert [r.label for r in table.rows] == ["年度资金总额", "其中:当年财政拨款"]
    report = parse(text, default_checker_data())
    cell = table.rows[0].cells[5]
    assert report.text[cell.start : cell.end] == "10"
    assert values(table.rows[1])[3:] == [None, None, None]


def test_prose_has_no_table():
    assert tables("本年支出合计100万元，预算执行率95%，原因是项目延期。") == []


OWN_REPORT_TABLE = (
    "| 项目 | 预算数 |  | 决算数 | 执行率 |\n"
    "|  | 年初预算 | 调整后预算 |  |  |\n"
    "| 基本支出 | 164.40 | 172.35 | 170.12 | {rate} |\n"
    "| 项目支出 | 44.00 | 46.50 | 43.80 | 94.2% |\n"
    "| 合计 | 208.40 | 218.85 | 213.92 | 97.7% |\n"
)


def test_markdown_rows_with_a_header_over_two_lines_as_jixiao_writes_them():
    (table,) = tables(OWN_REPORT_TABLE.format(rate="98.7%"))
    assert table.columns == ("年初预算", "调整后预算", "决算数", "执行率")
    assert [r.label for r in table.rows] == ["基本支出", "项目支出", "合计"]
    from jixiao.domain.checker import ERROR, check_text

    assert [
        f for f in check_text(OWN_REPORT_TABLE.format(rate="98.7%")).findings if f.severity == ERROR
    ] == []
    wrong = [f for f in check_text(OWN_REPORT_TABLE.format(rate="95.7%")).findings if f.severity == ERROR]
    assert [f.expected for f in wrong] == ["98.7"]


def test_a_second_column_of_figures_is_no_second_column_of_names():
    # '县（区） | 建设任务（万亩）' open the header like '类别 | 项目', but every row holds its name
    # and then a figure under each column: the task area is a column of its own
    text = (
        "| 县（区） | 建设任务（万亩） | 预算数（万元） | 执行数（万元） | 执行率 |\n"
        "| 原州区 | 2.5 | 2,750.00 | 2,618.36 | 95.21% |\n"
        "| 西吉县 | 3.5 | 3,850.00 | 3,472.85 | 90.20% |\n"
    )
    (table,) = tables(text)
    assert table.kinds[-3:] == ("全年预算", "执行数", "rate")
    assert values(table.rows[0]) == [Decimal("2.5"), Decimal("2750.00"), Decimal("2618.36"), Decimal("95.21")]
    assert table.rows[1].label == "西吉县"


def test_two_columns_of_names_stay_two_when_the_rows_name_their_group_and_item():
    text = (
        "| 类别 | 项目 | 预算数 | 执行数 | 执行率 |\n"
        "| 基本支出 | 人员经费 | 300.00 | 290.00 | 96.67% |\n"
        "|  | 公用经费 | 50.00 | 45.00 | 90.00% |\n"
    )
    (table,) = tables(text)
    assert table.kinds == ("全年预算", "执行数", "rate")
    assert values(table.rows[0]) == [Decimal("300.00"), Decimal("290.00"), Decimal("96.67")]
