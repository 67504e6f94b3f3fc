"""Demo data (演示数据): the 2023 department goal, every activity of the seed's section 五, and
the goal's year-end record (how each 年度主要任务 ended; actuals of the indicators no activity feeds).

Numbers, qualifiers and dates are the seed's own ("近30次" is 30 with 近, "6月中旬" is the period
11—20 June). A figure the seed states only for a period (下乡科普近30次 over the year, 银龄科普
in August) is one record covering that period; its outputs count from the period's end.

Year-end actuals: where the seed states the fact (科普足迹遍布全市所有乡镇 → 覆盖率100%) it is
used as stated; cost and payment indicators take the ledger's figures (read through the budgets
selectors); the rest (满意度 surveys, 带动农户数) are plausible values, and every evidence text says
演示数据.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.apps.budgets.selectors import budget_lines_for, budget_year
from jixiao.apps.goals import selectors, services
from jixiao.apps.goals.models import WorkArea
from jixiao.domain.goals import load_demo_goal
from jixiao.domain.money import ratio_percent, round_half_up, wan, yuan_fixed

D = dt.date


def _o(quantity: str, output_key: str = "", label: str = "") -> dict:
    return {"quantity": quantity, "output_key": output_key, "label": label}


# (start, end, date_text, area, title, place, partners, description, outputs, results)
ACTIVITIES = [
    # (一) 助力乡村振兴
    (
        D(2023, 4, 27),
        None,
        "",
        "乡村振兴",
        "“三下乡”暨智慧农业科普助力乡村振兴活动",
        "庙前镇弥泉村综合服务中心、双凤村合作社田间、庙前镇中学",
        "常宁市禁毒办、常宁市老科协",
        "活动设综合服务中心会场、合作社田间机械插秧示范作业区和庙前镇中学机器人表演及禁毒宣传教育三个场地，"
        "种粮大户和专家在双凤村开展机械插秧示范作业，现场演示运用“智慧农业”科技知识帮助农民增产增收。",
        [_o("1次", "科普活动次数"), _o("500余人次", "受益群众人次", "现场观摩学习村民")],
        "",
    ),
    (
        D(2023, 8, 9),
        None,
        "",
        "乡村振兴",
        "种养殖暨食品储存科普知识讲座培训活动",
        "新河镇兴旺村",
        "常宁市农业农村局等单位",
        "",
        [_o("1次", "科普活动次数")],
        "",
    ),
    (
        D(2023, 6, 11),
        D(2023, 6, 20),
        "6月中旬",
        "乡村振兴",
        "派遣一名业务骨干至天堂山办事处江龙村担任乡村振兴驻村工作队队长兼第一书记",
        "天堂山办事处江龙村",
        "",
        "在自身人力资源不能满足日常工作需要的情况下，常宁市科协再次选派业务骨干驻村，全力响应支持乡村振兴事业发展。",
        [_o("2人", "驻村工作队员人数", "目前已派遣驻村工作队员及村两委第一书记共计")],
        "",
    ),
    (
        D(2023, 6, 21),
        D(2023, 6, 30),
        "6月下旬",
        "乡村振兴",
        "召开全体人员会议研究科普惠农兴村计划，评选科普示范基地",
        "",
        "",
        "评选采取先由各乡村农业合作社主动申报资料、再结合工作组现场考察情况、最后进行名额核定的方法。",
        [_o("2家", "科普示范基地数")],
        "常宁市福来油茶加工农民专业合作社和常宁市德社种植专业合作社入围“常宁市科普示范基地”名单。",
    ),
    # (二) 科普益民宣传
    (
        D(2023, 1, 1),
        D(2023, 12, 31),
        "全年",
        "科普宣传",
        "科普大篷车下乡科普",
        "全市各乡镇集市",
        "",
        "科技志愿者每周至少下乡科普一次，每次都选择乡镇赶集时段，科普足迹遍布全市所有乡镇。",
        [
            _o("近30次", "下乡科普次数"),
            _o("6000余册", "科普资料发放份数"),
            _o("2000余件", "科普宣传品发放件数", "发放科普围裙、袖套等"),
            _o("2万余名", "受益群众人次"),
        ],
        "",
    ),
    (
        D(2023, 5, 25),
        None,
        "",
        "科普宣传",
        "参加2023年科技活动周活动",
        "",
        "",
        "活动响应市政府的通知要求，现场设立科普咨询台，发放的科普书本有《人工智能应用技术科普宣传》《转基因作物无公害科普宣传》等。",
        [
            _o("1次", "科普活动次数"),
            _o("7块", "科普展板块数", "摆放科普展板"),
            _o("1000余份", "科普资料发放份数", "发放科普书本"),
            _o("2000余人", "受益群众人次", "前来观看及咨询群众"),
        ],
        "",
    ),
    *[
        (
            D(2023, 3 * q - 2, 1),
            D(2023, 3 * q, 30 if q in (2, 3) else 31),
            f"第{'一二三四'[q - 1]}季度",
            "科普宣传",
            f"青阳广场科普橱窗内容更换（第{'一二三四'[q - 1]}季度）",
            "青阳广场科普橱窗",
            "",
            "橱窗内容均从中国数字科技馆等官方渠道获取，坚持每个季度更换一次。",
            [_o("1次", "科普橱窗更换次数")],
            "",
        )
        for q in (1, 2, 3, 4)
    ],
    (
        D(2023, 8, 1),
        D(2023, 8, 31),
        "8月",
        "科普宣传",
        "“银铃跨越数字鸿沟”科普宣传活动",
        "洋泉镇土桥村、烟洲镇石岭村",
        "",
        "科技志愿者帮助农村老人注册湘易办、微信、QQ、抖音等APP，教授老年人网络视频聊天、拍摄抖音视频等技能。",
        [_o("2次", "科普活动次数"), _o("300余人次", "银龄科普服务人次", "“银龄”科普专项行动服务老年人")],
        "",
    ),
    # (三) 全国科普日
    (
        D(2023, 9, 1),
        D(2023, 9, 30),
        "9月",
        "全国科普日",
        "常宁市全民科学素质纲要办公室制定下发《关于调整常宁市全民科学素质纲要实施工作办公室组成人员》文件",
        "常宁市全民科学素质纲要办公室",
        "",
        "文件根据湖南省科协、衡阳市科协的科普计划任务制定，进一步加强纲要办成员单位领导队伍建设，责任明确到人。",
        [],
        "",
    ),
    (
        D(2023, 9, 15),
        None,
        "",
        "全国科普日",
        "召开常宁市“全国科普日”活动安排部署会",
        "常宁市帝煌大酒店",
        "",
        "市委常委、宣传部部长、组织部部长龙显蓉，副市长曹阳等领导出席会议，要求全市纲要办各成员单位及科协所属基层科普组织积极参与。",
        [],
        "",
    ),
    (
        D(2023, 9, 19),
        None,
        "",
        "全国科普日",
        "举办常宁市2023年“全国科普日”系列宣传活动",
        "市政府青阳广场",
        "市全民科学素质各成员单位、市级各学（协）会及科普示范基地",
        "参加单位通过科技咨询服务、义诊义疗、法律法规和食品安全宣传、科普大篷车车载展品演示等形式，向公众展示了一场科学、文明、健康的科普盛宴。",
        [
            _o("1次", "科普活动次数"),
            _o("33家", "科普日参与单位数", "参加单位"),
            _o("近400多名", "科技志愿者人数", "科技工作者和科普志愿者"),
            _o("20幅", "宣传标语幅数", "悬挂宣传标语"),
            _o("90余块", "科普展板块数", "展板"),
            _o("2万余份", "科普资料发放份数", "发放宣传资料"),
            _o("1274人次", "咨询服务人次"),
            _o("150人次", "义诊义疗人次"),
            _o("2500余人", "受益群众人次", "受众达"),
        ],
        "",
    ),
    # (四) 青少年科技教育
    (
        D(2023, 4, 27),
        None,
        "",
        "青少年科技教育",
        "科普大篷车进校园科普助力（双减）活动",
        "庙前镇中学",
        "",
        "活动展示四足机器狗、无人飞机、电子战车等设备，让学生亲身体验科技带来的乐趣。",
        [],
        "",
    ),
    (
        D(2023, 5, 15),
        None,
        "",
        "青少年科技教育",
        "出台2023—2026年“科技引领未来、创新点亮梦想”主题科普进校园教育活动方案",
        "",
        "常宁市教育局、常宁市老科协",
        "方案为下一步开展青少年科技教育活动奠定了基础。",
        [],
        "",
    ),
    (
        D(2023, 7, 1),
        D(2023, 7, 31),
        "7月",
        "青少年科技教育",
        "组建中高级教师科技志愿服务团队",
        "",
        "常宁市教育局",
        "团队以“百名院士进校园　万名科技工作者上讲台”活动为契机，开展科学家精神宣讲、科学知识普及和科创活动实践。",
        [_o("37名", "", "团队成员（中高级教师）")],
        "",
    ),
    (
        D(2023, 1, 1),
        D(2023, 12, 31),
        "全年",
        "青少年科技教育",
        "科普大篷车进校园活动（全年）",
        "全市各学校",
        "",
        "",
        [_o("1万6千余师生", "受益师生人次")],
        "",
    ),
    (
        D(2023, 2, 24),
        None,
        "",
        "青少年科技教育",
        "组织合江、尚宇等科技示范学校辅导老师参加青少年科技创新大赛赛前培训",
        "衡阳市科协六楼会议室",
        "",
        "培训全面提升了科技辅导教师队伍的科学素质和业务技能。",
        [_o("16名", "辅导教师培训人数", "参训辅导老师")],
        "",
    ),
    (
        D(2023, 5, 14),
        None,
        "",
        "青少年科技教育",
        "组织常宁一中、二中学生参加2023年全国中学生生物学联赛（湖南赛区）",
        "",
        "",
        "比赛采取笔试形式，不进行实验操作性考试。",
        [_o("13名", "", "参赛学生"), _o("2个", "学科竞赛获奖数")],
        "常宁一中龙雨珂荣获二等奖，常宁二中陈骞荣获三等奖。",
    ),
    (
        D(2023, 6, 27),
        None,
        "",
        "青少年科技教育",
        "组织尚宇学校学生参加第八届衡阳市青少年机器人竞赛（Scratch现场创意编程）",
        "衡阳高新技术产业开发区成章实验学校",
        "",
        "",
        [_o("6位", "", "参赛同学"), _o("2个", "学科竞赛获奖数", "获三等奖")],
        "",
    ),
    (
        D(2023, 1, 1),
        D(2023, 6, 30),
        "上半年",
        "青少年科技教育",
        "组织参加第37届衡阳市青少年科技创新大赛",
        "",
        "",
        "",
        [
            _o("20件", "科技创新大赛参赛作品数", "通过全市各学校申报征集遴选作品"),
            _o("1个", "科技创新大赛获奖数", "获衡阳市一等奖"),
            _o("1个", "科技创新大赛获奖数", "获衡阳市二等奖"),
        ],
        "常宁市科协获优秀组织奖，合江学校辅导老师吴满丽和泉峰小学张芬获优秀科技教师奖；"
        "获衡阳市一等奖的《植物微课堂》被推荐参加第44届湖南省青少年科技创新大赛，"
        "获湖南省青少年科技创新成果作品一等奖。",
    ),
    (
        D(2023, 6, 1),
        D(2023, 6, 30),
        "6月",
        "青少年科技教育",
        "推荐常宁市水口山中心小学和常宁市塔山瑶族乡狮元完小为2023年“科技教育乡村行”服务学校",
        "",
        "",
        "推荐依据中国科协青少年科技中心、中国青少年科技辅导员协会《关于开展2023年“科技教育乡村行”活动的通知》精神。",
        [_o("2所", "推荐服务学校数", "共")],
        "",
    ),
    (
        D(2023, 10, 1),
        D(2023, 10, 31),
        "10月",
        "青少年科技教育",
        "常宁市宜阳小学教师宣讲队经衡阳市科协和衡阳市教育局评选推荐，参加“弘扬科学家精神、立科技报国宏志”湖南省校园宣讲联赛",
        "常宁市宜阳小学",
        "衡阳市科协、衡阳市教育局",
        "联赛由湖南省科协主办。",
        [],
        "",
    ),
    # (五) 党建: 理论学习中心组每月学习
    *[
        (
            D(2023, month, 1),
            D(2023, month + 1, 1) - dt.timedelta(days=1) if month < 12 else D(2023, 12, 31),
            f"{month}月",
            "党建",
            f"常宁市科协党组理论学习中心组集中学习（{month}月）",
            "常宁市科协",
            "",
            "每次学习均学习习近平总书记重要讲话或重要指示精神，由班子成员带头领学，学后撰写心得体会。",
            [_o("1次", "理论学习次数")],
            "",
        )
        for month in range(1, 13)
    ],
]


def build(context) -> None:
    department = context.department
    officer = context.users["finance_officer"]
    document = load_demo_goal()
    goal = services.goal_import(
        actor=officer,
        department=department,
        year=2023,
        source=document.goal,
        is_demo=True,
        origin="演示数据：jixiao/data/demo/changning-kexie-2023-goal.yaml",
    )
    services.goal_submit(actor=officer, goal=goal)

    areas = {  # the 科协's work areas, as its library names them
        name: WorkArea.objects.create(department=department, name=name, order=order)
        for order, name in enumerate(selectors.library_for(department).vocabulary.work_areas, start=1)
    }
    for start, end, date_text, area, title, place, partners, description, outputs, results in ACTIVITIES:
        services.activity_record(
            actor=officer,
            department=department,
            date=start,
            end_date=end,
            date_text=date_text,
            area=areas[area],
            title=title,
            place=place,
            partners=partners,
            description=description,
            outputs=outputs,
            results=results,
            is_demo=True,
        )
    build_year_end(goal=goal, officer=officer)


DEMO = "（演示数据）"

# 年度主要任务完成情况: (completed, finished_on, quality_passed, evidence). Dates and facts from the seed
# and the demo's project files (P01 accepted 2023-12-28; P02 inspected 2023-09-25 with a rectification
# still open, so its quality is not yet confirmed).
COMPLETIONS = {
    "机构运转与履职保障": (
        True,
        D(2023, 12, 31),
        True,
        "全年在编人员工资福利和离退休人员经费按时足额保障；党组理论学习中心组1月至12月每月集中学习，共12次；"
        "驻村工作队员及村两委第一书记2人在岗。",
    ),
    "日常运转与科普阵地管理": (
        True,
        D(2023, 12, 31),
        True,
        "办公运转正常；青阳广场科普橱窗每季度更换一次，全年4次，内容取自中国数字科技馆等官方渠道；"
        "9月下发调整纲要办组成人员文件。",
    ),
    "科普益民宣传与全国科普日": (
        True,
        D(2023, 12, 20),
        True,
        "全年下乡科普近30次，科普足迹遍布全市所有乡镇；5月25日参加科技活动周；8月开展“银龄”科普；"
        "项目“科普大篷车进校园及下乡科普”12月28日通过验收。",
    ),
    "全国科普日系列活动": (
        True,
        D(2023, 9, 19),
        False,
        "9月15日召开部署会，9月19日在市政府青阳广场举办主场活动，33家单位参加；9月25日项目督查发现"
        "志愿者服务补助发放名单缺2人签字，整改尚未销号，质量暂不认定达标。",
    ),
    "青少年科技教育": (
        True,
        D(2023, 10, 31),
        True,
        "2月24日组织16名辅导老师赛前培训；上半年遴选20件作品参加第37届衡阳市青少年科技创新大赛，"
        "获一等奖1个、二等奖1个；7月组建37名中高级教师科技志愿服务团队；10月宜阳小学教师宣讲队参加湖南省联赛。",
    ),
    "乡村振兴科普惠农": (
        True,
        D(2023, 8, 9),
        True,
        "4月27日在庙前镇开展“三下乡”暨智慧农业科普；6月下旬评选科普示范基地2家；"
        "8月9日在新河镇兴旺村开展种养殖暨食品储存科普知识讲座培训活动。",
    ),
}

# Actuals the seed states, or plausible survey and register figures (演示数据).
STATED_ACTUALS = {
    "科普乡镇覆盖率": (
        "100%",
        "种子报告：科普足迹遍布全市所有乡镇；项目P01年末督查：全年下乡科普近30次，覆盖所有乡镇。",
    ),
    "科普宣传内容官方来源率": (
        "100%",
        "种子报告：坚持从官方渠道获取最新科普宣传资料，每次都在中国数字科技馆等科普网站下载内容用于科普橱窗更换。",
    ),
    "重点科普活动按期举办率": (
        "100%",
        "科技活动周于5月25日、全国科普日主场活动于9月19日按期举办（见履职活动记录）。",
    ),
    "科普进校园长效工作方案": (
        "1个",
        "5月15日同教育局、老科协联合出台2023—2026年“科技引领未来、创新点亮梦想”主题科普进校园教育活动方案。",
    ),
    "科技志愿服务团队数": ("1个", "7月联合常宁市教育局组织37名中高级教师成立科技志愿服务团队。"),
    "科普示范基地带动农户数": (
        "112户",
        "两家科普示范基地（常宁市福来油茶加工农民专业合作社、常宁市德社种植专业合作社）年末报送的技术示范带动农户名册合计112户。",
    ),
    "公众满意度": ("96.2%", "年末随机问卷：发放200份，收回186份，满意及基本满意179份（179÷186＝96.2%）。"),
    "学校师生满意度": ("97.5%", "年末在受益学校问卷：发放130份，收回120份，满意117份（117÷120＝97.5%）。"),
}


def _derived_actuals(department, rows) -> dict[str, tuple[str, str]]:
    """The actuals that follow from the ledger and the activity record: spending, payment rate, the unit
    cost (P01 spending per beneficiary) and the share of the planned 主题科普活动 held (plan = the target
    of 科普活动次数)."""
    traced = {item.indicator.name: item.traced for item in rows if item.fed}
    plan = (
        next(item for item in rows if item.indicator.name == "科普活动次数").indicator.parsed_target().value
    )
    spent = {
        line.project.code: line.balance().spent
        for line in budget_lines_for(department=department, year=2023)
        if line.project_id
    }
    names = {
        line.project.code: line.project.name
        for line in budget_lines_for(department=department, year=2023)
        if line.project_id
    }
    figures = budget_year(department=department, year=2023)
    project = figures.project
    beneficiaries = traced["受益人次"].value
    held = traced["科普活动次数"].value
    paid_rate = round_half_up(ratio_percent(project.spent, project.budget), 2)
    unit_cost = round_half_up(spent["P01"] / beneficiaries, 2)
    return {
        "资金在年底前支付完成率": (
            f"{paid_rate}%",
            f"预算账簿：项目支出调整后预算{yuan_fixed(project.budget)}元，12月31日前已支付{yuan_fixed(project.spent)}元。",
        ),
        "人均科普成本": (
            f"{unit_cost}元/人次",
            f"项目“{names['P01']}”全年支出{yuan_fixed(spent['P01'])}元（预算账簿）÷ 受益群众"
            f"{beneficiaries.normalize():f}人次（履职活动记录合计，含约数）。",
        ),
        "公用经费支出控制数": (
            f"{yuan_fixed(figures.public.spent)}元",
            f"预算账簿：公用经费全年支出{yuan_fixed(figures.public.spent)}元。",
        ),
        "科普益民宣传活动支出": (
            wan(spent["P01"]),
            f"预算账簿：项目“{names['P01']}”（P01）全年支出{yuan_fixed(spent['P01'])}元。",
        ),
        "青少年科技教育活动支出": (
            wan(spent["P03"]),
            f"预算账簿：项目“{names['P03']}”（P03）全年支出{yuan_fixed(spent['P03'])}元，"
            f"调整后预算{yuan_fixed(_project_budget(department, 'P03'))}元。",
        ),
        "科普活动按计划完成率": (
            f"{round_half_up(ratio_percent(min(held, plan), plan), 1).normalize():f}%",
            f"年度计划主题科普活动{plan.normalize():f}次（“三下乡”、科技活动周、种养殖讲座、“银龄”科普2次、"
            f"全国科普日），履职活动记录实际开展{held.normalize():f}次。",
        ),
    }


def _project_budget(department, code: str) -> Decimal:
    return sum(
        (
            line.balance().budget
            for line in budget_lines_for(department=department, year=2023)
            if line.project_id and line.project.code == code
        ),
        Decimal("0.00"),
    )


def build_year_end(*, goal, officer) -> None:
    """How each task ended, and the year-end actual of every indicator no activity feeds."""
    for task in goal.tasks.all():
        completed, finished_on, quality_passed, evidence = COMPLETIONS[task.name]
        services.task_completion_record(
            actor=officer,
            task=task,
            completed=completed,
            finished_on=finished_on,
            quality_passed=quality_passed,
            evidence=evidence + DEMO,
            is_demo=True,
        )
    rows = selectors.year_end_rows(goal)
    actuals = {**STATED_ACTUALS, **_derived_actuals(goal.department, rows)}
    for item in rows:
        if item.fed:
            continue
        text, evidence = actuals[item.row.name]
        services.year_end_actual_enter(
            actor=officer, indicator=item.row, text=text, evidence=evidence + DEMO, is_demo=True
        )
