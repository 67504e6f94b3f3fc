"""Activity outputs add up to indicator actual values, and each actual traces back to its activities."""

from datetime import date
from decimal import Decimal

import pytest

from jixiao.domain.goals import load_demo_goal
from jixiao.domain.indicator_library import (
    IndicatorLibraryError,
    RecordedOutput,
    actual_values,
    indicator_actuals,
    load_indicator_library,
)
from jixiao.domain.monitoring import WarningKind, monitor
from jixiao.domain.quantity import parse_quantity


def out(output, said, source, on):
    return RecordedOutput(output, parse_quantity(said), source, on)


# Outputs of the seed's section 五, as its activities would record them, each said as the seed says it.
SEED_OUTPUTS = (
    out("受益群众人次", "500余人次", "4月27日 庙前镇“三下乡”暨智慧农业科普", date(2023, 4, 27)),
    out("科普资料发放份数", "1000余份", "5月25日 科技活动周", date(2023, 5, 25)),
    out("受益群众人次", "2000余人", "5月25日 科技活动周", date(2023, 5, 25)),
    out("科技创新大赛参赛作品数", "20件", "上半年 第37届衡阳市青少年科技创新大赛", date(2023, 6, 30)),
    out("科技创新大赛获奖数", "2个", "上半年 第37届衡阳市青少年科技创新大赛", date(2023, 6, 30)),
    out("银龄科普服务人次", "300余人次", "8月 “银铃跨越数字鸿沟”科普宣传", date(2023, 8, 31)),
    out("科普日参与单位数", "33家", "9月19日 全国科普日", date(2023, 9, 19)),
    out("科技志愿者人数", "近400多名", "9月19日 全国科普日", date(2023, 9, 19)),
    out("科普资料发放份数", "2万余份", "9月19日 全国科普日", date(2023, 9, 19)),
    out("受益群众人次", "2500余人", "9月19日 全国科普日", date(2023, 9, 19)),
    out("下乡科普次数", "近30次", "全年 科普大篷车乡镇集市下乡科普", date(2023, 12, 31)),
    out("科普资料发放份数", "6000余册", "全年 科普大篷车乡镇集市下乡科普", date(2023, 12, 31)),
    out("受益群众人次", "2万余名", "全年 科普大篷车乡镇集市下乡科普", date(2023, 12, 31)),
    out("受益师生人次", "1万6千余师生", "全年 科普大篷车进校园", date(2023, 12, 31)),
)


@pytest.fixture(scope="module")
def demo():
    return load_demo_goal().goal


@pytest.fixture(scope="module")
def library():
    return load_indicator_library("kexie-v1")


def test_outputs_add_up_to_the_indicator_they_feed_and_trace_to_their_activities(demo, library):
    actuals = indicator_actuals(demo, library, SEED_OUTPUTS)
    leaflets = actuals["科普资料发放份数"]
    assert leaflets.value == Decimal(27000)
    assert leaflets.code == "KX-SL-03"
    assert leaflets.approximate
    assert leaflets.sources == (
        "5月25日 科技活动周",
        "9月19日 全国科普日",
        "全年 科普大篷车乡镇集市下乡科普",
    )
    assert [item.quantity.text() for item in leaflets.contributions] == ["1000余份", "2万余份", "6000余册"]


def test_one_output_can_feed_several_indicators(demo, library):
    actuals = indicator_actuals(demo, library, SEED_OUTPUTS)
    assert actuals["受益人次"].value == Decimal(25000)
    assert actuals["科普活动受益群众总人次"].value == Decimal(25000 + 16000 + 300)


def test_only_outputs_up_to_the_date_count(demo, library):
    actuals = indicator_actuals(demo, library, SEED_OUTPUTS, as_of=date(2023, 7, 31))
    assert actuals["科普资料发放份数"].value == Decimal(1000)
    assert actuals["银龄科普服务人次"].value == 0
    assert actuals["银龄科普服务人次"].contributions == ()


def test_indicators_nothing_feeds_are_absent(demo, library):
    actuals = indicator_actuals(demo, library, SEED_OUTPUTS)
    assert "公众满意度" not in actuals
    assert "科普活动按计划完成率" not in actuals


def test_an_output_unknown_to_the_library_is_refused_naming_the_activity(demo, library):
    with pytest.raises(
        IndicatorLibraryError, match="活动“某活动”记录的产出“放映场次”不在指标库kexie-v1的活动产出中"
    ):
        indicator_actuals(demo, library, [out("放映场次", "3场", "某活动", date(2023, 3, 1))])


def test_traced_actuals_drive_the_july_monitoring_view(demo, library):
    july = date(2023, 7, 31)
    actuals = actual_values(indicator_actuals(demo, library, SEED_OUTPUTS, as_of=july))
    report = monitor(demo, as_of=july, actuals=actuals)
    silver = [w for w in report.warnings if w.subject == "银龄科普服务人次"]
    assert [w.kind for w in silver] == [WarningKind.LIKELY_MISS]
    assert silver[0].figures["actual"] == 0
