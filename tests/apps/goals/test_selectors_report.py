"""What the goals app gives the annual report: section 五 written from real activity records."""

from __future__ import annotations

import datetime as dt

from jixiao.apps.goals import selectors, services
from jixiao.apps.goals.models import WorkArea

D = dt.date


def test_section_five_sentences_from_recorded_activities(officer, department, area, record):
    party = WorkArea.objects.create(department=department, name="党建", order=2)
    record(
        [
            {"output_key": "科普活动次数", "quantity": "1次"},
            {"output_key": "受益群众人次", "quantity": "500余人次"},
        ],
        date=D(2023, 4, 27),
        title="“三下乡”暨智慧农业科普助力乡村振兴活动",
        place="庙前镇",
    )
    for number, name in enumerate("一二三四", start=1):
        record(
            [{"output_key": "科普橱窗更换次数", "quantity": "1次"}],
            date=D(2023, 3 * number - 2, 1),
            end_date=D(2023, 3 * number, 28),
            date_text=f"第{name}季度",
            title=f"青阳广场科普橱窗内容更换（第{name}季度）",
            place="青阳广场科普橱窗",
        )
    record(
        [
            {"output_key": "下乡科普次数", "quantity": "近30次"},
            {"output_key": "科普资料发放份数", "quantity": "6000余册"},
            {"output_key": "科普宣传品发放件数", "quantity": "2000余件", "label": "发放科普围裙、袖套等"},
            {"output_key": "受益群众人次", "quantity": "2万余名"},
        ],
        date=D(2023, 1, 1),
        end_date=D(2023, 12, 31),
        date_text="全年",
        title="科普大篷车下乡科普",
        place="全市各乡镇集市",
    )
    record([], date=D(2023, 9, 15), title="召开常宁市“全国科普日”活动安排部署会", place="常宁市帝煌大酒店")
    for month in range(1, 13):
        services.activity_record(
            actor=officer,
            department=department,
            date=D(2023, month, 1),
            end_date=D(2023, month, 28),
            date_text=f"{month}月",
            title=f"常宁市科协党组理论学习中心组集中学习（{month}月）",
            place="常宁市科协",
            area=party,
            outputs=[{"output_key": "理论学习次数", "quantity": "1次"}],
        )
    groups = selectors.activity_groups_for(department=department, year=2023)
    # in date order (both year-long records start on 1 January: the one recorded first comes first)
    assert [(group.heading, group.items) for group in groups] == [
        (
            "在科普宣传方面",
            (
                "第一季度至第四季度，青阳广场科普橱窗内容更换4次。",
                "全年，在全市各乡镇集市开展科普大篷车下乡科普近30次，发放科普资料6000余册，"
                "发放科普围裙、袖套等2000余件，受益群众2万余名。",
                "4月27日，在庙前镇开展“三下乡”暨智慧农业科普助力乡村振兴活动，受益群众500余人次。",
                "9月15日，在常宁市帝煌大酒店召开常宁市“全国科普日”活动安排部署会。",
            ),
        ),
        ("在党建方面", ("1月至12月，常宁市科协党组理论学习中心组集中学习12次。",)),
    ]


def test_an_activity_over_a_stated_range_of_days_says_the_range(officer, department, area, record):
    record(
        [{"output_key": "受益师生人次", "quantity": "1200人次"}],
        date=D(2023, 3, 6),
        end_date=D(2023, 3, 10),
        title="科普进校园周",
        place="宜阳小学",
    )
    (group,) = selectors.activity_groups_for(department=department, year=2023)
    assert group.items == ("3月6日至3月10日，在宜阳小学开展科普进校园周，受益师生1200人次。",)
