"""table.row_identity: the rate column of a table against the identity its other rows
teach, whatever the columns are called. Each shape with silent look-alikes: a table whose rows
teach nothing, a target written with ≥, a cost kept under its target, a rate cut off at its digits."""

import pytest

from tests.domain.checker.helpers import findings

RULE = "table.row_identity"
HEAD = "临夏州民族宗教事务委员会2023年度寺观教堂维修补助项目支出绩效自评报告\n一、项目基本情况\n"


def row_findings(body):
    return findings(HEAD + body + "\n", RULE, report_type="auto")


# (table, the row's printed value reported, the recomputation the message gives)
SLIPS = [
    # columns named as no budget form names them ('安排资金', '实际支出'), '|' rows
    (
        "| 项目类别 | 安排资金 | 实际支出 | 执行率 |\n"
        "| 维修改造 | 1,250.00 | 1,187.50 | 95.00% |\n"
        "| 消防设施 | 480.00 | 465.60 | 97.00% |\n"
        "| 安全监控 | 320.00 | 288.00 | 94.00% |\n"
        "| 合计 | 2,050.00 | 1,941.10 | 94.69% |",
        "94.00%",
        "288.00÷320.00=90.00%",
    ),
    # an indicator table with spaces between its cells, counts in 处 and lengths in 公里
    (
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 完成率\n"
        "产出指标 数量指标 维修场所处数 64处 60处 97.75%\n"
        "产出指标 数量指标 新建消防管网长度 12公里 13.5公里 112.50%\n"
        "产出指标 数量指标 安装监控点位数 150个 141个 94.00%\n"
        "产出指标 质量指标 验收合格率 ≥95% 98% 达标",
        "97.75%",
        "60处÷64处=93.75%",
    ),
]


@pytest.mark.parametrize(("table", "odd", "recomputed"), SLIPS)
def test_a_row_whose_rate_is_not_the_quotient_its_other_rows_teach(table, odd, recomputed):
    (found,) = row_findings("二、资金使用和产出\n" + table)
    assert found.location.quote == odd and found.found == odd
    assert recomputed in found.message and found.severity == "error"


SILENT = [
    # rows that all reach their rate (one rate cut off at its digits: 1157.97÷2000 is 57.8985%)
    "| 资金 | 下达数 | 支付数 | 支付率 |\n| 中央资金 | 2000 | 1157.97 | 57.89% |\n"
    "| 省级资金 | 500.00 | 480.00 | 96.00% |\n| 县级资金 | 300.00 | 270.00 | 90.00% |",
    # every row equal: nothing taught (any two equal columns would 'fit')
    "| 资金 | 下达数 | 支付数 | 支付率 |\n| 中央资金 | 500.00 | 500.00 | 100.00% |\n"
    "| 省级资金 | 300.00 | 300.00 | 100.00% |\n| 县级资金 | 200.00 | 180.00 | 80.00% |",
    # a cost kept under its target: the quotient the other way round
    "指标 目标值 实际值 完成率\n维修场所处数 64处 60处 93.75%\n安装监控点位数 150个 141个 94.00%\n"
    "单处维修成本 18万元 15万元 120.00%",
    # targets written with ≥: no base to divide by
    "指标 目标值 实际值 完成率\n维修场所处数 ≥64处 60处 97.75%\n安装监控点位数 ≥150个 141个 96.00%",
    # more rows off than on: no identity taught
    "| 类别 | 甲 | 乙 | 比率 |\n| 一类 | 100.00 | 80.00 | 80.00% |\n| 二类 | 100.00 | 70.00 | 75.00% |\n"
    "| 三类 | 100.00 | 60.00 | 65.00% |",
]


@pytest.mark.parametrize("table", SILENT)
def test_tables_that_teach_no_identity_or_keep_it_stay_silent(table):
    assert row_findings("二、资金使用\n" + table) == []
