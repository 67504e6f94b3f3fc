"""Demo 专项 data (演示数据) for 常宁市科学技术协会, built through the same services a user uses.

- The seed's two cooperatives as 科普示范基地 (selected by application, on-site inspection and
  quota confirmation, as section 五(一)三 of the seed report describes).
- The 2023 projects P01–P03, already approved in the budget and paying, get their 专项 file:
  application and 论证 (补录), implementation plan with milestones, inspections:
  P01 科普大篷车 is 完成验收, P02 全国科普日 is in 督查 with one rectification still open,
  P03 青少年科技创新大赛 is in 实施 with every milestone done (not yet accepted).
- A new 2024 application (科普惠农兴村) still in 论证: two expert opinions, no conclusion yet.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.budgets.models import Project
from jixiao.apps.projects import services
from jixiao.apps.projects.services import PastReview
from jixiao.domain.projects import MilestonePlan

D = Decimal
d = dt.date

EXPERTS = [
    ("刘建华", "衡阳师范学院 教授"),
    ("陈志强", "常宁市农业农村局 高级农艺师"),
    ("周晓红", "常宁市教育局 中学高级教师"),
]

FILES = {
    "P01": {
        "basis": "《全民科学素质行动规划纲要（2021—2035年）》；湖南省科协科普大篷车管理办法；常宁市2023年全民科学素质工作要点",
        "content": "依托科普大篷车开展进校园科普助力“双减”活动和乡镇集市下乡科普，科技志愿者每周至少下乡一次",
        "goal": "全年科普大篷车下乡及进校园活动覆盖全市所有乡镇，提升青少年和农村居民科学素质",
        "indicators": ["下乡科普≥30次", "发放科普资料≥6000册", "进校园受益师生≥1.5万人次", "群众满意度≥90%"],
        "scores": ("90", "88", "92"),
        "plan": (
            "科普股 刘股长",
            d(2023, 2, 1),
            d(2023, 12, 31),
            "每周至少下乡一次，选择乡镇赶集时段；4月起开展进校园活动",
        ),
        "milestones": [
            ("庙前镇中学科普进校园（双减）活动", d(2023, 4, 27)),
            ("上半年下乡科普15次", d(2023, 6, 30)),
            ("全年下乡科普近30次、覆盖所有乡镇", d(2023, 12, 20)),
        ],
    },
    "P02": {
        "basis": "中国科协关于开展2023年全国科普日活动的通知；湖南省科协、衡阳市科协科普计划任务",
        "content": "9月在青阳广场举办全国科普日主场活动，组织纲要办成员单位、学（协）会和科普示范基地参与",
        "goal": "组织全市科普日系列活动，受众2000人以上，宣传资料发放2万份以上",
        "indicators": ["参与单位≥30家", "发放宣传资料≥2万份", "受众≥2000人", "群众满意度≥90%"],
        "scores": ("86", "85", "89"),
        "plan": (
            "办公室 张主任",
            d(2023, 8, 1),
            d(2023, 11, 30),
            "9月15日部署会，9月19日主场活动，10月底前完成总结",
        ),
        "milestones": [("全国科普日活动部署会", d(2023, 9, 15)), ("青阳广场主场活动", d(2023, 9, 19))],
    },
    "P03": {
        "basis": "第37届衡阳市青少年科技创新大赛通知；《关于开展2023年“科技教育乡村行”活动的通知》",
        "content": "征集遴选青少年科技创新作品参加衡阳市大赛，组织辅导教师赛前培训和机器人、五学科竞赛",
        "goal": "遴选20件作品参赛，获市级奖项，提升科技辅导教师业务能力",
        "indicators": ["遴选参赛作品≥20件", "培训辅导教师≥15人", "获市级以上奖项≥2个"],
        "scores": ("87", "84", "91"),
        "plan": (
            "科普股 刘股长",
            d(2023, 2, 1),
            d(2023, 12, 31),
            "2月赛前培训，上半年征集作品，6月机器人竞赛",
        ),
        "milestones": [("辅导教师赛前培训", d(2023, 2, 24)), ("征集遴选20件作品参赛", d(2023, 5, 31))],
    },
}


def build(context) -> None:
    department = context.department
    officer = context.users["finance_officer"]
    head = context.users["department_head"]

    files = {}
    for code, spec in FILES.items():
        project = Project.objects.get(department=department, year=2023, code=code)
        files[code] = services.project_attach(
            actor=officer,
            project=project,
            basis=spec["basis"],
            content=spec["content"],
            goal_summary=spec["goal"],
            indicators=spec["indicators"],
            applied_on=d(2022, 10, 20),
            reviews=[
                PastReview(
                    reviewer=name,
                    reviewer_title=title,
                    score=D(score),
                    opinion="立项依据充分，实施内容具体，绩效指标可量化，建议立项",
                    recommendation="pass",
                    reviewed_on=d(2022, 11, 8),
                )
                for (name, title), score in zip(EXPERTS, spec["scores"], strict=True)
            ],
            review_summary="专家组论证通过，择优纳入2023年部门预算项目支出",
            concluded_on=d(2022, 11, 8),
            approved_by=head,
            decided_on=d(2023, 1, 1),
            doc_no="常财预〔2023〕3号",
            is_demo=True,
        )
        person, start, end, summary = spec["plan"]
        files[code] = services.project_plan(
            actor=officer,
            special=files[code],
            responsible_person=person,
            start=start,
            end=end,
            summary=summary,
            milestones=[MilestonePlan(name, due) for name, due in spec["milestones"]],
        )

    # P01: every milestone done and inspected, rectification closed, 完成验收.
    p01 = files["P01"]
    for milestone in p01.milestones.all():
        services.milestone_complete(
            actor=officer, milestone=milestone, done_on=milestone.due, note="按计划完成"
        )
    first = p01.milestones.get(seq=1)
    i1 = services.inspection_record(
        actor=officer,
        special=p01,
        milestone=first,
        inspected_on=d(2023, 5, 8),
        inspectors="办公室 李会计、科普股 刘股长",
        findings="进校园活动签到表、照片齐全；下乡科普台账缺3次活动照片",
        needs_rectification=True,
        rectification_due=d(2023, 5, 31),
    )
    services.inspection_close(
        actor=officer,
        inspection=i1,
        closed_on=d(2023, 5, 26),
        rectification="补齐3次下乡活动照片和群众签到表",
    )
    i2 = services.inspection_record(
        actor=officer,
        special=p01,
        milestone=p01.milestones.get(seq=3),
        inspected_on=d(2023, 12, 22),
        inspectors="办公室 李会计、科普股 刘股长",
        findings="全年下乡科普近30次，覆盖所有乡镇，资料发放6000余册，支出凭证齐全",
        needs_rectification=False,
    )
    services.inspection_close(actor=officer, inspection=i2, closed_on=d(2023, 12, 22))
    services.project_accept(
        actor=head,
        special=p01,
        accepted_on=d(2023, 12, 28),
        opinion="年度目标全部完成，资金按专款专用原则支付，同意验收",
    )

    # P02: both milestones done; one inspection with a rectification still open (in 督查).
    p02 = files["P02"]
    for milestone in p02.milestones.all():
        services.milestone_complete(
            actor=officer, milestone=milestone, done_on=milestone.due, note="按计划完成"
        )
    services.inspection_record(
        actor=officer,
        special=p02,
        milestone=p02.milestones.get(seq=2),
        inspected_on=d(2023, 9, 25),
        inspectors="办公室 张主任、李会计",
        findings="主场活动完成；志愿者服务补助发放名单缺2人签字",
        needs_rectification=True,
        rectification_due=d(2023, 10, 31),
    )

    # P03: in 实施 with both milestones done (the contest was held in the first half of the year),
    # not yet accepted.
    p03 = files["P03"]
    services.milestone_complete(
        actor=officer,
        milestone=p03.milestones.get(seq=1),
        done_on=d(2023, 2, 24),
        note="16名辅导老师参加赛前培训",
    )
    services.milestone_complete(
        actor=officer,
        milestone=p03.milestones.get(seq=2),
        done_on=d(2023, 5, 31),
        note="征集遴选20件作品参加第37届衡阳市青少年科技创新大赛",
    )

    # 2024: a new application, in 论证 with two opinions and no conclusion yet.
    new = services.project_apply(
        actor=officer,
        department=department,
        year=2024,
        code="SB2024-01",
        name="科普惠农兴村及科普示范基地建设",
        basis="常宁市科协科普惠农兴村计划（2023年6月全体会议研究）；湖南省科协基层科普行动计划",
        content="支持科普示范基地开展油茶加工、种植技术培训和科普宣传，组织专家下乡技术指导",
        amount=D("80000.00"),
        goal_summary="扶持2个科普示范基地开展技术培训，带动周边农户增收",
        indicators=["技术培训≥8场", "培训农户≥400人次", "示范基地≥2个", "农户满意度≥90%"],
        applied_on=d(2023, 11, 15),
        is_demo=True,
    )
    for (name, title), score, opinion in [
        (EXPERTS[1], "85", "依据充分，建议细化培训场次的时间安排"),
        (EXPERTS[0], "80", "建议补充示范基地带动农户增收的测算依据"),
    ]:
        services.project_review_add(
            actor=officer,
            special=new,
            reviewer=name,
            reviewer_title=title,
            score=D(score),
            opinion=opinion,
            recommendation="pass",
            reviewed_on=d(2023, 12, 5),
        )

    selection = (
        "各乡村农业合作社主动申报资料，工作组现场考察，最后进行名额核定（2023年6月下旬科协全体人员会议研究）"
    )
    for name, field, town in [
        ("常宁市福来油茶加工农民专业合作社", "油茶种植与加工技术", ""),
        ("常宁市德社种植专业合作社", "农作物种植技术", ""),
    ]:
        services.demonstration_base_add(
            actor=officer,
            department=department,
            name=name,
            kind="农民专业合作社",
            field=field,
            town=town,
            year=2023,
            selection=selection,
            special=new,
            is_demo=True,
        )
