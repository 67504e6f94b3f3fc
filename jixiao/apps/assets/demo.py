"""Demo fixed-asset register (演示数据) of 常宁市科学技术协会, built through the services.

About 60 cards in use for a 14-person 科协 with 办公室, 科普股 and 科技服务中心: computers,
printers, air conditioners, the 科普大篷车 and its on-board exhibits (机器狗, 无人机, 电子战车 —
the seed's 进校园 activity shows them), furniture and a collection of 科普图书. The 2023 and
2022 purchases match the money core's 31002 vouchers (36,800 元 and 19,200 元). One completed
disposal (报废 of four worn-out machines in November 2023, approved by the head), one 闲置
item, and the 2023 盘点 with a 账实不符 and a 盘盈, each resolved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.assets import services

D = Decimal
d = dt.date

OFFICE, KEPU, CENTER = "办公室", "科普股", "科技服务中心"
PEOPLE = {OFFICE: "张主任", KEPU: "刘股长", CENTER: "陈主任"}
PLACES = {OFFICE: "机关二楼办公室", KEPU: "机关三楼科普股", CENTER: "机关三楼科技服务中心"}

# (name, category, spec, acquired_on, value, unit, funding, count)
REGISTER = [
    ("台式计算机", "2", "联想启天M420", d(2017, 4, 12), D("4650.00"), OFFICE, "fiscal", 3),
    ("台式计算机", "2", "联想启天M428", d(2019, 5, 20), D("4980.00"), KEPU, "fiscal", 3),
    ("台式计算机", "2", "联想启天M428", d(2019, 5, 20), D("4980.00"), CENTER, "fiscal", 2),
    ("台式计算机", "2", "华为擎云B730", d(2021, 6, 8), D("5380.00"), OFFICE, "fiscal", 2),
    ("台式计算机", "2", "联想启天M455", d(2023, 4, 15), D("5200.00"), KEPU, "fiscal", 4),
    ("笔记本电脑", "2", "联想昭阳K4e", d(2020, 9, 3), D("5860.00"), OFFICE, "fiscal", 2),
    ("笔记本电脑", "2", "华为擎云L420", d(2023, 8, 15), D("6000.00"), KEPU, "fiscal", 2),
    ("激光打印机", "2", "惠普M1136", d(2018, 3, 6), D("1850.00"), OFFICE, "fiscal", 2),
    ("激光打印机", "2", "奔图P3301DN", d(2021, 6, 8), D("1980.00"), CENTER, "fiscal", 1),
    ("激光打印机", "2", "奔图P3305DN", d(2023, 8, 15), D("2000.00"), KEPU, "fiscal", 2),
    ("彩色多功能一体机", "2", "理光MP C2011", d(2019, 10, 18), D("12800.00"), OFFICE, "fiscal", 1),
    ("数码复印机", "2", "东芝e-STUDIO 2518A", d(2018, 11, 5), D("18500.00"), OFFICE, "fiscal", 1),
    ("投影仪", "2", "爱普生CB-X50", d(2019, 7, 9), D("4500.00"), KEPU, "fiscal", 1),
    ("数码相机", "2", "佳能EOS 90D", d(2020, 5, 26), D("6800.00"), KEPU, "fiscal", 1),
    ("摄像机", "2", "索尼HXR-NX100", d(2021, 8, 30), D("9800.00"), KEPU, "project", 1),
    ("空调", "2", "格力1.5匹壁挂式", d(2016, 6, 2), D("3600.00"), OFFICE, "fiscal", 3),
    ("空调", "2", "格力1.5匹壁挂式", d(2016, 6, 2), D("3600.00"), KEPU, "fiscal", 2),
    ("空调", "2", "美的3匹柜式", d(2020, 7, 1), D("5200.00"), OFFICE, "fiscal", 2),
    ("空调", "2", "格力1.5匹壁挂式", d(2020, 7, 1), D("3800.00"), CENTER, "fiscal", 1),
    (
        "科普大篷车",
        "2",
        "Ⅱ型科普大篷车（中国科协配发）",
        d(2015, 10, 16),
        D("356000.00"),
        KEPU,
        "superior",
        1,
    ),
    ("车载发电机", "3", "5kW汽油发电机", d(2015, 10, 16), D("6500.00"), KEPU, "superior", 1),
    ("VR科普体验设备", "3", "VR一体机及体验座椅", d(2021, 5, 18), D("18000.00"), KEPU, "project", 1),
    ("四足机器狗", "3", "宇树Go1教育版", d(2022, 9, 6), D("26800.00"), KEPU, "project", 1),
    ("无人机", "3", "大疆Mini 3", d(2022, 9, 6), D("8600.00"), KEPU, "project", 1),
    ("电子战车（编程机器人）", "3", "大疆机甲大师S1", d(2022, 9, 6), D("12500.00"), KEPU, "project", 1),
    ("科普展板", "3", "铝合金展架及展板（一套20块）", d(2022, 8, 20), D("9600.00"), KEPU, "project", 1),
    ("便携音响", "2", "雅马哈STAGEPAS 400BT", d(2019, 9, 10), D("4800.00"), KEPU, "project", 1),
    ("办公桌椅", "6", "钢木办公桌及座椅（套）", d(2022, 5, 16), D("1600.00"), CENTER, "fiscal", 6),
    ("文件柜", "6", "钢制四门文件柜", d(2022, 5, 16), D("1600.00"), OFFICE, "fiscal", 6),
    ("会议桌", "6", "实木会议桌（12人）", d(2016, 3, 28), D("6800.00"), OFFICE, "fiscal", 1),
    ("档案密集柜", "6", "手摇式密集架（6列）", d(2017, 9, 12), D("14800.00"), OFFICE, "fiscal", 1),
    ("沙发", "6", "接待沙发（三人位）", d(2016, 3, 28), D("3200.00"), OFFICE, "fiscal", 1),
    ("科普图书资料", "5", "科普图书一批（约900册）", d(2020, 11, 20), D("8600.00"), CENTER, "project", 1),
]

WORN_OUT = [
    ("台式计算机", "2", "联想启天M6900", d(2012, 5, 10), D("4200.00")),
    ("台式计算机", "2", "联想启天M6900", d(2012, 5, 10), D("4200.00")),
    ("台式计算机", "2", "方正文祥E520", d(2013, 9, 2), D("3980.00")),
    ("激光打印机", "2", "惠普P1007", d(2012, 5, 10), D("1290.00")),
]


def build(context) -> None:
    department = context.department
    officer = context.users["finance_officer"]
    head = context.users["department_head"]
    cards = []

    def add(name, category, spec, acquired_on, value, unit, funding="fiscal", status="in_use"):
        number = f"KX{acquired_on.year}-{len([c for c in cards if c.acquired_on.year == acquired_on.year]) + 1:03d}"
        card = services.asset_register(
            actor=officer,
            department=department,
            number=number,
            name=name,
            category=category,
            spec=spec,
            acquired_on=acquired_on,
            original_value=value,
            funding_source=funding,
            custodian_unit=unit,
            custodian_person=PEOPLE[unit],
            location="科普大篷车库" if category == "3" or name == "科普大篷车" else PLACES[unit],
            status=status,
            is_demo=True,
        )
        cards.append(card)
        return card

    worn = [add(name, cat, spec, on, value, OFFICE) for name, cat, spec, on, value in WORN_OUT]
    for name, category, spec, acquired_on, value, unit, funding, count in REGISTER:
        for _ in range(count):
            add(name, category, spec, acquired_on, value, unit, funding)

    # The 闲置 item: the 2019 projector, replaced by the VR equipment at events.
    projector = next(c for c in cards if c.name == "投影仪")
    services.asset_status_change(
        actor=officer,
        asset=projector,
        status="idle",
        reason="科普活动改用VR设备和展板，投影仪暂时闲置，拟调剂给老科协使用",
    )

    # The completed disposal: four machines from 2012–2013, beyond their service life.
    disposal = services.disposal_request(
        actor=officer,
        department=department,
        assets=worn,
        method="scrap",
        reason="已超过规定使用年限，主板和硒鼓损坏，经维修单位鉴定无维修价值",
        requested_on=d(2023, 11, 10),
        is_demo=True,
    )
    services.disposal_approve(actor=head, disposal=disposal, approved_on=d(2023, 11, 14))
    services.disposal_complete(actor=officer, disposal=disposal, completed_on=d(2023, 11, 20))

    # The 2023 盘点: one 账实不符 (a computer moved to the centre) and one 盘盈, both resolved.
    stocktake = services.stocktake_open(
        actor=officer,
        department=department,
        year=2023,
        taken_on=d(2023, 12, 15),
        team="李会计、张主任、刘股长",
        is_demo=True,
    )
    moved = next(c for c in cards if c.custodian_unit == KEPU and c.name == "台式计算机")
    mismatch = services.stocktake_difference_record(
        actor=officer,
        stocktake=stocktake,
        kind="mismatch",
        asset=moved,
        description="卡片登记在科普股，实物在科技服务中心使用",
    )
    services.stocktake_difference_resolve(
        actor=officer,
        difference=mismatch,
        resolution="经核实系2023年9月内部调配，更正使用股室和存放地点",
        resolved_on=d(2023, 12, 18),
        custody={"custodian_unit": CENTER, "custodian_person": PEOPLE[CENTER], "location": PLACES[CENTER]},
    )
    surplus = services.stocktake_difference_record(
        actor=officer, stocktake=stocktake, kind="surplus", description="会议室发现扩音设备一套，未建资产卡片"
    )
    services.stocktake_difference_resolve(
        actor=officer,
        difference=surplus,
        resolution="系2020年会议室改造时随工程购入未单独入账，按发票金额补登记资产卡片",
        resolved_on=d(2023, 12, 18),
        new_asset={
            "number": "KX2023-PY01",
            "name": "会议室扩音设备",
            "category": "2",
            "spec": "功放及吸顶音箱一套",
            "acquired_on": d(2020, 8, 20),
            "original_value": D("3200.00"),
            "custodian_unit": OFFICE,
            "custodian_person": PEOPLE[OFFICE],
            "location": "机关一楼会议室",
            "is_demo": True,
        },
    )
    services.stocktake_close(
        actor=officer,
        stocktake=stocktake,
        closed_on=d(2023, 12, 20),
        summary="盘点在册资产卡片，发现差异2处，均已处理，账实相符，台账与资产卡片一致",
    )
