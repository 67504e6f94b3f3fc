"""Consistent texts on which the checker raised false alarms (found by the synthetic reports of
tests/domain/checker/synthetic, see synA_false_alarms.md and synB_false_alarms.md): each must now
draw no warning or error of the rule that fired."""

import pytest

from tests.domain.checker.helpers import findings

WHOLE = "某镇人民政府2024年度部门整体支出绩效自评报告\n一、预算情况\n"
PROJECT = "某市生态环境局2024年度项目支出绩效自评报告\n一、项目基本情况\n"

CASES = [
    (
        "rate.recompute",
        WHOLE + "年初预算2,860万元，年中调减160万元，调整后预算2,700万元。全年支出2,646万元，执行率98%。\n",
    ),
    (
        "rate.recompute",
        WHOLE + "2023年年初预算612.5万元，年中追加88.3万元，调整后预算700.8万元。"
        "全年支出672.4万元，预算执行率95.95%，年末结转结余28.4万元。\n",
    ),
    (
        "rate.recompute",
        PROJECT + "项目年初预算3,200.0万元，年中追加650.0万元，调减120.0万元，调整后预算3,730.0万元。"
        "项目资金到位3,730.0万元，到位率100%。\n",
    ),
    (
        "balance.identity",
        WHOLE + "上年结转结余30万元，当年收入2,700万元，当年支出2,646万元，年末结转结余84万元。\n",
    ),
    (
        "parts.sum",
        WHOLE
        + "全年收入合计1450.00万元，其中财政拨款收入1398.00万元、事业收入32.00万元、上年结转20.00万元。\n",
    ),
    (
        "parts.sum",
        WHOLE + "年末固定资产原值2356.78万元，其中房屋1890.20万元、车辆3辆62.30万元、其他设备404.28万元。\n",
    ),
    (
        "parts.sum",
        PROJECT
        + "项目全年预算860.00万元，其中年初预算800.00万元，年中追加20.00万元，上年结转资金40.00万元。\n"
        "全年执行817.00万元，预算执行率95.00%。\n",
    ),
    (
        "parts.sum",
        PROJECT
        + "项目总投资2,480.00万元，其中2024年度计划投资1,860.00万元，已完成投资1,860.00万元，投资完成率100%。\n",
    ),
    (
        "heading.numbering",
        "某县人民医院2024年度项目支出绩效自评报告\n一、绩效目标完成情况\n1.5个临床重点专科建设全部完成。\n"
        "2.12个月内完成设备采购。\n3.2024年门诊量42.6万人次，同比增长3.5%。\n"
        "4.0.5%以下的院内感染率目标得到实现，实际为0.42%。\n5.100%完成基层医疗机构帮扶任务。\n",
    ),
    (
        "quantity.conflict",
        "某县残疾人联合会2023年度部门整体支出绩效自评报告\n一、部门整体支出情况\n2023年支出合计4925850元。\n"
        "二、项目实施情况\n全年实施项目2个，合计支出3243400元：\n（一）残疾儿童康复救助项目。支出1286400元，救助残疾儿童134人。\n"
        "（二）残疾人就业扶持项目。支出1957000元，扶持就业210人。\n",
    ),
]
SCORES = (
    "项目支出绩效自评表\n项目名称：农村生活污水治理项目\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标(50分) | 数量指标 | 建设污水处理设施 | 20座 | 20座 | 25 | 25 |\n"
    "|  | 时效指标 | 按期完工率 | 100% | 90% | 25 | 24 |\n"
    "| 效益指标(40分) | 社会效益指标 | 受益农户 | ≥5000户 | 5320户 | 40 | 40 |\n"
    "| 满意度指标(10分) | 服务对象满意度指标 | 受益群众满意度 | ≥90% | 94% | 10 | 10 |\n"
    "| 总分 |  |  |  |  | 100 | 99 |\n"
)
CASES += [
    (
        "table.prose_points",
        SCORES + "项目自评总分99分，其中产出指标49分、效益指标40分、满意度指标10分，自评等级为“优”。\n",
    ),
    (
        "score.grade",
        SCORES
        + "项目自评总分99分，其中产出指标得分49分、效益指标得分40分、满意度指标得分10分，自评等级为“优”。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES)
def test_a_consistent_text_draws_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


FOREST = "某县林业局2024年度项目支出绩效自评报告\n一、项目概况\n"
CASES_D = [
    (
        "typo.number_unit",
        FOREST + "全县公益林面积244,000亩，补偿标准为每亩16元。\n聘用护林员96名，每人每年10,000元。\n",
    ),
    (
        "score.parts",
        FOREST
        + "经自评，项目总得分88.5分，等级为“良”。共扣11.5分，其中决策扣1分、过程扣3.5分、产出扣2分、效益扣5分。\n",
    ),
    (
        "score.parts",
        FOREST
        + "项目自评总分91分，其中国土绿化子项目92分、森林防火子项目90分，按两个子项目平均计算，等级为优。\n",
    ),
    (
        "quantity.conflict",
        "某县农业农村局2024年度耕地地力保护补贴项目支出绩效自评报告\n一、项目概况\n本项目发放补贴。\n"
        "二、资金投入和使用情况\n项目资金40,816,512.00元，分两批下达：湘财农指〔2024〕12号下达30,000,000.00元，"
        "石财农〔2024〕35号下达10,816,512.00元。\n",
    ),
    (
        "parts.sum",
        "某县退役军人事务局2024年度项目支出绩效自评报告\n一、项目概况\n本项目扶持就业。\n二、资金投入和使用情况\n"
        "项目预算资金3,200,000元。\n全年支出3,046,800元，执行率95.21%，剩余153,200元结转下年使用。\n"
        "其中：技能培训预算1,200,000元，支出1,152,000元；创业扶持预算1,500,000元，支出1,404,800元；"
        "就业补助预算500,000元，支出490,000元。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_D)
def test_more_consistent_texts_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


FAGAI = "某县发展和改革局2024年度部门整体支出绩效自评报告\n一、部门整体支出情况\n"
CASES_C = [
    (
        "budget.difference",
        FAGAI + "全年政府采购预算96.50万元，实际采购金额92.38万元，其中货物类35.60万元，服务类56.78万元，"
        "节约资金4.12万元，节约率4.27%。\n",
    ),
    ("rate.counts", FAGAI + "服务对象满意度调查共发放问卷200份，回收196份，回收率98.00%，满意度96.50%。\n"),
    (
        "rate.recompute",
        FAGAI + "全年政府采购预算1850000.00元，实际采购1796000.00元，节约54000.00元，资金节约率2.92%。\n",
    ),
    ("rate.counts", FAGAI + "完成乡镇国土空间规划编制11个、村庄规划编制36个，规划编制完成率100%。\n"),
    (
        "typo.doubled_char",
        FAGAI
        + "做到账账相符、账实相符。确保件件有着落、事事有回音。实行周周调度、月月通报。确保批批检测、批批合格。\n",
    ),
    (
        "table.column_total",
        FAGAI + "表1 “三公”经费情况表（单位：万元）\n| 项目 | 预算数 | 决算数 | 上年决算数 | 比上年增减 |\n"
        "| 合计 | 18.60 | 15.42 | 16.80 | -1.38 |\n| 因公出国（境）费 | 0 | 0 | 0 | 0 |\n"
        "| 公务接待费 | 4.00 | 3.12 | 3.50 | -0.38 |\n| 公务用车购置及运行维护费 | 14.60 | 12.30 | 13.30 | -1.00 |\n"
        "| 其中：公务用车购置费 | 0 | 0 | 0 | 0 |\n| 公务用车运行维护费 | 14.60 | 12.30 | 13.30 | -1.00 |\n",
    ),
    (
        "table.column_total",
        FAGAI + "表1 项目支出明细（单位：万元）\n| 类别 | 项目 | 预算数 | 支出数 |\n"
        "| 一般公共预算 | 前期工作经费 | 160.00 | 150.00 |\n|  | 价格监测经费 | 50.00 | 48.60 |\n| 小计 |  | 210.00 | 198.60 |\n"
        "| 政府性基金 | 粮食储备经费 | 125.00 | 120.74 |\n|  | 以工代赈管理费 | 70.00 | 67.00 |\n| 小计 |  | 195.00 | 187.74 |\n"
        "| 合计 |  | 405.00 | 386.34 |\n",
    ),
    (
        "table.column_total",
        FAGAI + "表1 收入支出决算总表（单位：万元）\n| 收入项目 | 金额 | 支出项目 | 金额 |\n"
        "| 一般公共预算财政拨款收入 | 1,206.40 | 一般公共服务支出 | 986.30 |\n| 其他收入 | 80.00 | 社会保障和就业支出 | 126.56 |\n"
        "|  |  | 住房保障支出 | 120.00 |\n| 本年收入合计 | 1,286.40 | 本年支出合计 | 1,232.86 |\n"
        "| 年初结转结余 | 0 | 年末结转结余 | 53.54 |\n| 总计 | 1,286.40 | 总计 | 1,286.40 |\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_C)
def test_consistent_texts_of_sync_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_subtotals_are_the_parts_of_the_total_and_a_wrong_one_is_still_found():
    table = CASES_C[6][1].replace("| 小计 |  | 195.00 | 187.74 |", "| 小计 |  | 195.00 | 188.74 |")
    found = findings(table, "table.column_total")
    # the 小计 against its own group's rows, and the 合计 against the 小计 rows
    assert [(f.severity, f.expected) for f in found] == [("warning", "187.74"), ("error", "387.34")]


# found by the synthetic reports synE and synG (synE_false_alarms.md, synG_false_alarms.md)
ORGAN = "某县气象局2024年度部门整体支出绩效自评报告\n一、部门概况\n"
CASES_EG = [
    (
        "yoy.arithmetic",
        ORGAN + "“三公”经费决算6.12万元，其中公务用车运行维护费5.27万元；比上年6.48万元减少0.36万元。\n",
    ),
    (
        "yoy.arithmetic",
        ORGAN + "“三公”经费决算6.12万元，其中公务用车运行维护费5.27万元。与上年6.48万元相比减少0.36万元。\n",
    ),
    ("average.recompute", ORGAN + "维修改造3,260.00万元，维修学校9所，平均每所362.22万元。\n"),
    (
        "mean.recompute",
        ORGAN
        + "全县21,580名学生享受补助，每生每天5元，计划供餐200天、预算2,158.00万元；实际供餐196天，人均补助980元。\n",
    ),
    (
        "claim.rate",
        ORGAN + "项目预算1,860,000元，全年拨付资金1,823,180元，预算执行率98.02%。\n"
        "户均拨付305.95元，村均拨付151,931.67元，每村平均拨付151,931.67元。\n",
    ),
]
_OUTLINE = (
    "某镇人民政府2024年度村级组织运转经费项目绩效自评报告\n一、项目基本情况\n本项目保障村级组织运转。\n"
    "二、资金使用情况\n项目预算100,000元，支出100,000元，执行率100%。\n三、绩效目标完成情况\n完成。\n"
    "四、评价结论\n自评等级为“优”。\n五、{}\n（一）报账不及时。建议加强培训。\n"
)
CASES_EG += [("outline.required", _OUTLINE.format(h)) for h in ("存在的问题及建议", "问题和改进措施")]


@pytest.mark.parametrize(("rule", "text"), CASES_EG)
def test_consistent_texts_of_syne_and_syng_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_the_wrong_change_after_a_list_and_a_wrong_mean_are_still_found():
    wrong = CASES_EG[0][1].replace("减少0.36万元", "减少0.46万元")
    assert [f.severity for f in findings(wrong, "yoy.arithmetic")] == ["error"]
    mean = CASES_EG[2][1].replace("362.22", "326.22")
    assert [f.expected for f in findings(mean, "average.recompute")] == ["362.22万元"]
    claim = CASES_EG[4][1] + "资金均拨付到位。\n"
    assert [f.found for f in findings(claim, "claim.rate")] == ["均拨付到位"]
    outline = _OUTLINE.format("其他事项")
    assert "没有看到“存在的问题”、“改进措施和建议”" in findings(outline, "outline.required")[0].message


# found by the synthetic reports synF (synF_false_alarms.md)
WORKS = "某县水利局2024年度供水工程项目支出绩效评价报告\n一、项目基本情况\n"
CASES_F = [
    ("quantity.conflict", ORGAN + "上级资金3月下达1,500.00万元，8月下达530.00万元。\n"),
    ("quantity.conflict", ORGAN + "7月份支付1,019,000元，8月份支付1,528,500元。\n"),
    ("quantity.conflict", ORGAN + "截至6月底累计支付9,977,400.00元；截至9月底累计支付23,280,600.00元。\n"),
    (
        "rate.recompute",
        ORGAN
        + "截至2024年12月31日，项目累计支出33,258,000.00元。\n截至9月底累计支付23,280,600.00元，占70.00%。\n"
        "工程费用合计31,855,200.00元。\n",
    ),
    (
        "claim.rate",
        ORGAN + "项目资金总额35,000,000.00元。\n财政资金均已足额到位，居民出资实际收取412,600.00元，"
        "全部资金到位34,912,600.00元，到位率99.75%。\n",
    ),
    (
        "parts.sum",
        ORGAN
        + "全县享受生活补贴3,126人，享受护理补贴3,325人，其中同时享受两项补贴的471人，实际受益残疾人5,980人。\n",
    ),
    (
        "parts.sum",
        WORKS
        + "资金到位2,330.00万元，到位率97.08%，其中县级配套370.00万元，到位300.00万元，到位率81.08%。\n",
    ),
    (
        "table.column_total",
        ORGAN
        + "表1 支出明细\n| 支出项目 | 预算（万元） |\n| 户厕改造奖补 | 1,440.00 |\n| 村级公厕建设 | 180.00 |\n"
        "| 粪污收运设备 | 120.00 |\n| 技术指导及验收 | 60.00 |\n| 合计 | 1,800.00 |\n",
    ),
    ("rate.counts", ORGAN + "粪污收运体系覆盖18个乡镇中的15个，覆盖率83.33%。\n"),
    (
        "score.prose_table",
        WORKS + "项目单位自评得分92分，评价组复核后核定得分89分，绩效等级为良。\n| 一级指标 | 分值 | 得分 |\n"
        "| 决策 | 15 | 13.5 |\n| 过程 | 20 | 17.5 |\n| 产出 | 35 | 32 |\n| 效益 | 30 | 26 |\n| 合计 | 100 | 89 |\n",
    ),
    (
        "outline.required",
        WORKS.replace("一、项目基本情况\n", "")
        + "一、项目基本情况\n本项目建设供水工程。\n二、绩效目标实现情况\n完成。\n三、存在的主要问题\n（一）无。\n四、评价建议\n（一）无。\n",
    ),
    (
        "consistency.deduction_unexplained",
        "某县教育局2024年度校舍维修项目支出绩效自评报告\n一、项目基本情况\n维修学校15所。\n二、自评得分情况\n"
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n| 产出 | 产出时效 | 开学前完工率 | 10 | 8 |\n| 合计 |  |  | 10 | 8 |\n"
        "2所学校开学后才完工，开学前完工率扣2分。\n三、存在的问题\n（一）工期偏紧。\n四、改进措施\n（一）合理安排工期。\n",
    ),
    (
        "consistency.deduction_unexplained",
        "某县农业农村局2024年度户厕改造项目支出绩效自评报告\n一、项目基本情况\n改造户厕。\n二、绩效目标完成情况\n完成。\n"
        "三、自评得分\n| 指标 | 分值 | 自评得分 |\n| 一、决策 | 5 | 4.5 |\n| 1.绩效目标 | 5 | 4.5 |\n| 总分 | 5 | 4.5 |\n"
        "四、存在的问题\n（一）绩效目标未细化。\n五、改进措施\n（一）细化绩效目标。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_F)
def test_consistent_texts_of_synf_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_the_synf_shapes_still_report_a_real_slip():
    def one(case: int, old: str, new: str, rule: str):
        text = CASES_F[case][1]
        assert old in text
        return [
            f for f in findings(text.replace(old, new, 1), rule, report_type="auto") if f.severity != "info"
        ]

    assert one(3, "占70.00%", "占75.00%", "rate.recompute")
    assert one(4, "财政资金均已足额到位，居民出资实际收取412,600.00元，", "资金均已足额到位，", "claim.rate")
    assert one(7, "| 合计 | 1,800.00 |", "| 合计 | 1,810.00 |", "table.column_total")
    assert one(8, "覆盖率83.33%", "覆盖率85.33%", "rate.counts")[0].expected == "83.33%"
    assert one(9, "核定得分89分", "核定得分88分", "score.prose_table")
    assert one(11, "开学前完工率扣2分", "工期延误", "consistency.deduction_unexplained")


# found by the synthetic reports synI (synI_false_alarms.md): four of them errors
CASES_I = [
    ("compare.words", ORGAN + "收入合计100万元，比上年90万元增加10万元，其中事业收入0万元，与上年持平。\n"),
    (
        "compare.words",
        ORGAN + "“三公”经费决算31.68万元，比上年34.20万元减少2.52万元，下降7.37%，其中因公出国（境）费、"
        "公务用车购置费均为0，与上年持平。\n",
    ),
    (
        "compare.words",
        ORGAN
        + "“三公”经费决算12.46万元，与上年持平，其中公务用车运行维护费10.20万元，比上年9.84万元增加0.36万元。\n",
    ),
    (
        "breakdown.groupings",
        ORGAN
        + "支出合计100万元。\n按支出功能分类，其中农林水支出70万元、社会保障和就业支出20万元、住房保障支出10万元。\n"
        "按支出经济分类，其中工资福利支出30万元、商品和服务支出20万元、资本性支出50万元。\n",
    ),
    ("balance.identity", ORGAN + "年初结转100万元，本年收入500万元，本年支出520万元，年末结转结余80万元。\n"),
    ("balance.identity", ORGAN + "年初结转100万元加本年收入500万元减本年支出520万元，年末结转结余80万元。\n"),
    (
        "rate.recompute",
        ORGAN + "年初预算100万元，因故追加20万元，调整后预算120万元。全年支出108万元，预算执行率90%。\n",
    ),
    (
        "rate.recompute",
        ORGAN + "年初预算823万元，加上年中追加50万元，全年预算873万元。全年支出850万元，预算执行率97.37%。\n",
    ),
    (
        "rate.recompute",
        ORGAN
        + "年初预算823万元，年中追加50万元，上年结转20万元，全年预算893万元。全年支出850万元，预算执行率95.18%。\n",
    ),
    (
        "parts.named_whole",
        ORGAN
        + "按功能分类，农林水支出70万元、住房保障支出30万元。\n按经济分类，工资福利支出30万元、资本性支出70万元。\n",
    ),
    (
        "parts.named_whole",
        ORGAN + "按功能分类，本年支出100万元中，农林水支出70万元，住房保障支出30万元。\n"
        "按经济分类，本年支出100万元中，工资福利支出40万元，资本性支出60万元。\n",
    ),
    (
        "parts.sum",
        ORGAN
        + "项目支出4,326.44万元，其中环卫服务费年初预算2,460.00万元，追加185.00万元，实际支出2,627.28万元。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_I)
def test_consistent_texts_of_syni_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_the_syni_shapes_still_report_a_real_slip():
    def wrong(case: int, old: str, new: str, rule: str):
        text = CASES_I[case][1]
        assert old in text
        return [
            f.severity
            for f in findings(text.replace(old, new, 1), rule, report_type="auto")
            if f.severity != "info"
        ]

    assert wrong(0, "其中事业收入0万元，与上年持平", "与上年持平", "compare.words") == ["error"]
    assert wrong(3, "资本性支出50万元", "资本性支出60万元", "breakdown.groupings") == ["error"]
    assert wrong(4, "年末结转结余80万元", "年末结转结余90万元", "balance.identity") == ["error"]
    assert wrong(8, "预算执行率95.18%", "预算执行率96.18%", "rate.recompute") == ["error"]


# found by the synthetic reports synH (synH_false_alarms.md): one an error three times over
_FORM = (
    "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 404.90 | 447.50 | 437.12 | 10 | 97.68% | 9.77 |\n"
    "| 其中：当年财政拨款 | 386.40 | 429.00 | 418.62 | — | 97.58% | — |\n"
    "| 上年结转资金 | 18.50 | 18.50 | 18.50 | — | 100% | — |\n"
)
CASES_H = [
    (
        "rate.recompute",
        ORGAN
        + "年初预算150.00万元，追加检测费6.00万元，调整后预算156.00万元。\n全年支出153.30万元，预算执行率98.27%。\n",
    ),
    (
        "rate.recompute",
        ORGAN
        + "年初预算150.00万元。县财政追加预算6.00万元，调整后预算156.00万元。\n全年支出153.30万元，预算执行率98.27%。\n",
    ),
    (
        "rate.recompute",
        ORGAN
        + "年初预算404.90万元，年中追加42.60万元，全年预算调整为447.50万元。全年支出437.12万元，预算执行率97.68%。\n",
    ),
    (
        "rate.recompute",
        ORGAN + "年初预算386.40万元，全年可用资金447.50万元。全年支出437.12万元，执行率97.68%。\n",
    ),
    (
        "parts.named_whole",
        ORGAN
        + "全年支出437.12万元。按经济性质分，基本支出302.45万元（人员经费268.30万元、公用经费34.15万元），项目支出134.67万元。\n",
    ),
    ("table.prose_conflict", ORGAN + "年初结转结余18.50万元。\n" + _FORM),
    ("table.prose_conflict", ORGAN + "年初预算386.40万元；另有上年结转资金18.50万元。\n" + _FORM),
    ("yoy.arithmetic", ORGAN + "全年支出331.47万元，年末结余7.43万元。比上年支出318.06万元增加13.41万元。\n"),
    ("yoy.direction", ORGAN + "全年支出331.47万元，年末结余7.43万元。比上年支出318.06万元增加13.41万元。\n"),
    (
        "value.impossible",
        ORGAN + "全年支出331.47万元，年末结余7.43万元。比上年支出318.06万元增加13.41万元。\n",
    ),
    ("rate.counts", ORGAN + "受理信访事项1,286件，其中网上信访604件，受理率100%。\n"),
    (
        "parts.sum",
        ORGAN
        + "全年支出153.30万元，其中保管费80.00万元和轮换费28.80万元，利息补贴38.64万元，检测费5.86万元。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_H)
def test_consistent_texts_of_synh_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_the_synh_shapes_still_report_a_real_slip():
    def wrong(case: int, old: str, new: str, rule: str):
        text = CASES_H[case][1]
        assert old in text
        return [
            f.severity
            for f in findings(text.replace(old, new, 1), rule, report_type="auto")
            if f.severity != "info"
        ]

    assert wrong(0, "预算执行率98.27%", "预算执行率97.27%", "rate.recompute") == ["error"]
    assert wrong(4, "项目支出134.67万元", "项目支出143.67万元", "parts.named_whole") == ["warning"]
    assert wrong(6, "年初预算386.40万元", "年初预算396.40万元", "table.prose_conflict") == ["warning"]
    assert wrong(7, "增加13.41万元", "增加23.41万元", "yoy.arithmetic") == ["error"]
    assert wrong(11, "检测费5.86万元", "检测费6.86万元", "parts.sum") == ["warning"]


# found by the synthetic reports synL (synL_false_alarms.md): three of them errors
XINDAI = "某县乡村振兴局2024年度小额信贷贴息项目支出绩效自评报告\n一、项目概况\n"
CASES_L = [
    ("count.items", ORGAN + "县农业农村局、县财政局对全县12个项目进行了验收。\n"),
    ("count.items", ORGAN + "县乡村振兴局牵头，县财政局、人民银行县支行和4家合作银行共同组成工作专班。\n"),
    (
        "count.items",
        ORGAN
        + "产业项目共3个，分布在2个乡镇，分别是：三溪镇茶园村茶园、白沙镇河湾村食用菌基地、白沙镇古城村育苗基地。\n",
    ),
    (
        "rate.counts",
        ORGAN + "10个项目均通过验收，其中一次性验收合格9个、整改后复验合格1个，验收合格率100%。\n",
    ),
    ("rate.counts", ORGAN + "年度目标690户，完成694户，超额完成任务，按指标上限计完成率100%。\n"),
    (
        "rate.recompute",
        XINDAI + "项目预算4,700,000.00元，其中小额信贷贴息2,900,000.00元、雨露计划1,800,000.00元。\n"
        "全年支出4,629,872.16元，预算执行率98.51%，结余70,127.84元。分项看，贴息支出2,846,372.16元，执行率98.15%；"
        "雨露计划支出1,783,500.00元，执行率99.08%。\n",
    ),
    (
        "quantity.conflict",
        ORGAN
        + "项目预算470万元，其中贴息290万元、雨露计划180万元。\n全年支出462.99万元。雨露计划支出178.35万元。\n",
    ),
    (
        "rate.recompute",
        ORGAN
        + "年初预算1,000,000.00元。9月追加预算120,000.00元，用于扩大奖补范围和开展技术培训，调整后预算1,120,000.00元。\n"
        "全年执行1,088,400.00元，执行率97.18%。\n",
    ),
    (
        "outline.required",
        "某镇2024年度衔接资金项目绩效自评报告\n一、项目基本情况\n实施项目10个。\n二、绩效目标完成情况\n完成。\n"
        "三、存在问题及下步打算\n（一）问题。进度偏慢。\n（二）打算。加快进度。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_L)
def test_consistent_texts_of_synl_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_the_synl_shapes_still_report_a_real_slip():
    def wrong(case: int, old: str, new: str, rule: str):
        text = CASES_L[case][1]
        assert old in text
        return [
            f for f in findings(text.replace(old, new, 1), rule, report_type="auto") if f.severity != "info"
        ]

    assert wrong(3, "合格9个", "合格8个", "rate.counts")[0].expected == "90%"
    assert "以“小额信贷贴息”为分母" in wrong(5, "执行率98.15%", "执行率97.15%", "rate.recompute")[0].message
    assert wrong(7, "执行率97.18%", "执行率98.18%", "rate.recompute")[0].severity == "error"
    assert wrong(2, "产业项目共3个", "产业项目共4个", "count.items")


# found by the synthetic reports synJ (text as extracted from PDF or Word, synJ_false_alarms.md)
_SPACED = (
    "见下表：\n资金来源    预算数    到位数    支出数    执行率\n中央补助    120.00    120.00    118.60    98.83%\n"
    "省级补助    80.00    80.00    76.40    95.50%\n县级配套    150.00    150.00    143.72    95.81%\n"
    "合计    350.00    350.00    338.72    96.78%\n"
)
CASES_J = [
    (
        "heading.numbering",
        ORGAN + "参保率96.52%。\n注：①参保率＝参保人数÷应参保人数。\n②救助资金不在本部门预算支出中反映。\n",
    ),
    ("score.recompute", ORGAN + _SPACED),
    (
        "score.recompute",
        ORGAN
        + "见下表：\n项目名称    全年预算    实际支出    结余    执行率\n基金监管专项    86.00    82.56    3.44    96.00%\n",
    ),
    (
        "parts.sum",
        ORGAN + "收入合计1 023.60万元，其中财政拨款收入846.20万元，事业收入152.40万元，其他收入25.00万元。\n",
    ),
    (
        "yoy.direction",
        ORGAN
        + "本年支出372.15万元，其中基本支出268.47万元，项目支出103.68万元；支出较上年351.26万元增加20.89万元，增长5.95%。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_J)
def test_consistent_texts_of_synj_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_a_spaced_table_with_a_column_of_unknown_name_still_checks_its_rates():
    wrong = ORGAN + _SPACED.replace("98.83%", "97.83%")
    (finding,) = findings(wrong, "score.recompute")
    assert finding.severity == "error" and "118.60÷120.00" in finding.message.replace(" ", "")


# found by the synthetic reports synK (large departments with many tables, synK_false_alarms.md)
_TWO_NAMES = (
    "表2（单位：万元）\n| 类别 | 项目 | 预算数 | 执行数 | 上年执行数 | 执行率 | 增减率 |\n"
    "| 基本支出 | 人员经费 | 100.00 | 90.00 | 80.00 | 90.00% | 12.50% |\n"
    "| | 公用经费 | 50.00 | 40.00 | 40.00 | 80.00% | 0.00% |\n| 合计 | | 150.00 | 130.00 | 120.00 | 86.67% | 8.33% |\n"
)
_SUBTOTALS = (
    "表1（单位：万元）\n| 项目 | 预算数 |\n| 人员经费 | 80.00 |\n| 公用经费 | 20.00 |\n| 基本支出小计 | 100.00 |\n"
    "| 老旧小区改造 | 50.00 |\n| 危房改造 | 30.00 |\n| 项目支出小计 | 80.00 |\n| 合计 | 180.00 |\n"
)
CASES_K = [
    ("quantity.conflict", ORGAN + "全年支出100万元。\n重点项目6个，支出70万元。\n"),
    ("quantity.conflict", ORGAN + "全年预算100万元。\n实施重点项目6个，全年预算60万元。\n"),
    (
        "parts.sum",
        ORGAN
        + "全年可用资金100万元，包括财政拨款70万元、基金拨款20万元和上年结转10万元。\n全年支出95万元，结余5万元。\n",
    ),
    (
        "balance.identity",
        ORGAN
        + "全年可用资金100万元，包括财政拨款70万元、基金拨款20万元和上年结转10万元。\n全年支出95万元，结余5万元。\n",
    ),
    ("change.rate", ORGAN + "支出比上年90万元扩大10万元，增长11.11%。\n"),
    ("count.items", ORGAN + "预算单位7个，即局机关及下属6个事业单位。\n"),
    ("score.recompute", ORGAN + _TWO_NAMES),
    ("table.row_conflict", ORGAN + _TWO_NAMES),
    ("table.column_total", ORGAN + _SUBTOTALS),
]


@pytest.mark.parametrize(("rule", "text"), CASES_K)
def test_consistent_texts_of_synk_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_the_synk_shapes_still_report_a_real_slip():
    def wrong(text: str, old: str, new: str, rule: str):
        assert old in text
        return [
            f for f in findings(text.replace(old, new, 1), rule, report_type="auto") if f.severity != "info"
        ]

    assert (
        wrong(ORGAN + _TWO_NAMES, "90.00% | 12.50%", "91.00% | 12.50%", "score.recompute")[0].expected
        == "90.00"
    )
    assert wrong(ORGAN + _SUBTOTALS, "| 危房改造 | 30.00 |", "| 危房改造 | 40.00 |", "table.column_total")
    assert (
        wrong(ORGAN + _SUBTOTALS, "| 合计 | 180.00 |", "| 合计 | 190.00 |", "table.column_total")[0].severity
        == "error"
    )
    assert "共7个" in wrong(CASES_K[5][1], "预算单位7个", "预算单位8个", "count.items")[0].message
    partial = ORGAN + "本年收入合计100万元，其中政府性基金预算财政拨款收入30万元，其他收入6万元。\n"
    assert [f.severity for f in findings(partial, "parts.sum")] == [
        "warning"
    ]  # a kind of 财政拨款: the list is partial


# found by the synthetic reports synM, synN and synO (their *_false_alarms.md): seven were errors
CASES_MNO = [
    (
        "parts.named_whole",
        ORGAN
        + "全年支出284.66万元。支出中，基本支出159.98万元，包括人员经费138.52万元、公用经费21.46万元；项目支出124.68万元。\n",
    ),
    (
        "parts.named_whole",
        ORGAN
        + "本年支出合计478.90万元。\n按经济性质分，基本支出356.74万元，占74.49%，其中人员经费311.28万元、公用经费45.46万元；项目支出122.16万元，占25.51%。\n",
    ),
    (
        "parts.sum",
        ORGAN + "年初计划重点工作18项，全部完成；其中按时完成17项，完成及时率94.44%；18项工作均通过考核。\n",
    ),
    (
        "parts.sum",
        ORGAN
        + "本年支出820.35万元，其中人员经费542.63万元，公用经费128.46万元，二者合计671.09万元，占本年支出的81.81%；项目支出149.26万元。\n",
    ),
    (
        "list.total",
        ORGAN
        + "本年支出820.35万元，其中人员经费542.63万元，公用经费128.46万元，合计671.09万元；项目支出149.26万元。\n",
    ),
    (
        "parts.sum",
        ORGAN
        + "本年支出820.35万元，其中人员经费542.63万元，公用经费128.46万元，合计671.09万元；项目支出149.26万元。\n",
    ),
    (
        "rate.recompute",
        ORGAN
        + "项目支出92.02万元，共4个项目：民营经济发展大会38.60万元，商会建设21.50万元，万企兴万村18.72万元，教育培训13.20万元。前3个项目为重点项目，重点支出安排率85.66%。\n",
    ),
    (
        "parts.sum",
        ORGAN
        + "项目预算3,650,000.00元，由中央资金2,100,000.00元、省级资金900,000.00元和县级资金650,000.00元构成，年内全部拨付。\n",
    ),
    (
        "parts.sum",
        ORGAN
        + "收入总计3,355.25万元。其中：上年结转86.35万元；本年收入3,268.90万元，由财政拨款收入3,180.80万元、事业收入24.60万元和其他收入63.50万元构成。\n",
    ),
    (
        "yoy.arithmetic",
        ORGAN
        + "全年支出1098.26万元，尚未支出51.74万元。与上年支出962.40万元相比，增加135.86万元，增长14.12%。\n",
    ),
    (
        "value.impossible",
        ORGAN
        + "全年支出1098.26万元，尚未支出51.74万元。与上年支出962.40万元相比，增加135.86万元，增长14.12%。\n",
    ),
    (
        "score.recompute",
        ORGAN
        + "见下表：\n| 资金来源 | 预算数（元） | 到位数（元） | 支出数（元） | 执行率 |\n| 县级资金 | 2,000,000.00 | 1,800,000.00 | 1,712,460.00 | 95.14% |\n",
    ),
    ("typo.confusion", ORGAN + "全年办理案件12件。纠纷按件给予补贴。\n"),
    ("rate.counts", ORGAN + "检查100户，不合格3户，合格率97%。\n"),
    ("rate.counts", ORGAN + "立案286件，结案293件，结案率96.07%（含上年未结19件）。\n"),
    ("quantity.conflict", ORGAN + "预算分为检验费48万元、培训费15万元。\n培训费支出12.85万元。\n"),
    (
        "quantity.conflict",
        ORGAN
        + "调整后预算110万元。全年支出100万元，其中基本支出60万元，项目支出40万元，结转结余10万元。\n基本支出全年预算65万元，实际支出60万元，执行率92.31%。\n",
    ),
    (
        "rate.recompute",
        ORGAN
        + "调整后预算110万元。全年支出100万元，其中基本支出60万元，项目支出40万元，结转结余10万元。\n基本支出预算65万元，执行率92.31%。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_MNO)
def test_consistent_texts_of_synm_synn_and_syno_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_the_synm_synn_syno_shapes_still_report_a_real_slip():
    def wrong(case: int, old: str, new: str, rule: str):
        text = CASES_MNO[case][1]
        assert old in text
        return [
            f for f in findings(text.replace(old, new, 1), rule, report_type="auto") if f.severity != "info"
        ]

    assert wrong(0, "项目支出124.68万元", "项目支出134.68万元", "parts.named_whole")
    assert wrong(4, "合计671.09万元", "合计681.09万元", "list.total")[0].expected == "671.09万元"
    assert wrong(7, "县级资金650,000.00元", "县级资金750,000.00元", "parts.sum")[0].severity == "error"
    assert wrong(9, "增加135.86万元", "增加145.86万元", "yoy.arithmetic")[0].severity == "error"
    assert wrong(11, "95.14%", "96.14%", "score.recompute")
    assert "（100户−3户）÷100户" in wrong(13, "合格率97%", "合格率96%", "rate.counts")[0].message
    assert wrong(15, "培训费支出12.85万元", "培训费预算16万元", "quantity.conflict")


CASES_MNO_WARNINGS = [
    (
        "rate.counts",
        ORGAN + "有效问卷中学生问卷476份、企业问卷78份，表示满意或基本满意的共522份，总体满意度94.22%。\n",
    ),
    ("claim.rate", ORGAN + "中央、省、市三级资金全部到位。全年实际到位3923.96万元，到位率97.99%。\n"),
    ("claim.rate", ORGAN + "4个项目均已通过竣工验收，其中一次验收通过3个，一次验收合格率75%。\n"),
    (
        "consistency.deduction_unexplained",
        "某县工商联2024年度部门整体支出绩效自评报告\n一、部门概况\n全年支出258.56万元。\n二、自评结论\n"
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n| 投入 | 预算配置 | 在职人员控制率 | 5 | 5 |\n"
        "| 过程 | 预算执行 | 预算完成率 | 4 | 3.5 |\n| 合计 | — | — | 9 | 8.5 |\n三、存在的问题\n（一）预算完成率未达100%。\n"
        "四、改进措施\n（一）无。\n",
    ),
    (
        "outline.required",
        "某县侨联2024年度部门整体支出绩效自评报告\n一、单位基本概况\n（一）部门概况\n县侨联核定编制6名。\n（二）部门整体支出概况\n"
        "全年支出134.26万元。\n二、评价结论\n得分93分。\n三、存在的问题\n（一）无。\n四、改进建议\n（一）无。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_MNO_WARNINGS)
def test_consistent_texts_of_the_last_synthetic_round_draw_no_warning(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_a_claim_of_one_source_beside_that_sources_own_rate_is_still_read():
    assert findings(ORGAN + "中央资金均已足额到位，到位率99.75%。\n", "claim.rate")


# found by the synthetic reports synP (Hunan-style reports of small units, synP_false_alarms.md)
CASES_P = [
    (
        "quantity.conflict",
        ORGAN + "1.因公出国（境）费：预算0万元，决算0万元。\n2.公务接待费：预算0.80万元，决算0.63万元。\n",
    ),
    (
        "quantity.conflict",
        ORGAN
        + "公务接待费：预算5,000.00元，支出3,260.00元。\n公务用车运行维护费：预算10,000.00元，支出9,615.00元。\n",
    ),
    ("compare.words", ORGAN + "三公经费决算22.10万元，较上年减少0.07万元，降幅0.31%，基本与上年持平。\n"),
    ("claim.no_number", ORGAN + "“五老”宣讲成效明显。全年组织宣讲218场，比上年186场增加32场。\n"),
    ("yoy.arithmetic", ORGAN + "结对留守儿童1260名，平均每人2名；较上年1150名增加110名。\n"),
    ("yoy.direction", ORGAN + "结对留守儿童1260名，平均每人2名；较上年1150名增加110名。\n"),
]


@pytest.mark.parametrize(("rule", "text"), CASES_P)
def test_consistent_texts_of_synp_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_the_synp_shapes_still_report_a_real_slip():
    one_line = ORGAN + "公务接待费：预算5,000.00元，支出3,260.00元。\n公务接待费：支出3,620.00元。\n"
    assert findings(one_line, "quantity.conflict")
    flat = ORGAN + "三公经费决算22.10万元，较上年减少0.07万元，与上年持平。\n"
    assert [f.severity for f in findings(flat, "compare.words")] == ["error"]
    mean = CASES_P[4][1].replace("增加110名", "增加120名")
    assert findings(mean, "yoy.arithmetic")[0].expected == "110名"


# found by the synthetic reports synQ (project reports around a 绩效目标表, synQ_false_alarms.md)
NONGJI = "某县农业农村局2024年度农机购置补贴项目支出绩效自评报告\n一、项目概况\n"
_VERTICAL_FORM = (
    "某县教育局2024年度薄弱环节改善项目支出绩效自评报告\n一、项目概况\n本项目改造校舍。\n二、自评表\n"
    "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n产出指标\n数量指标\n改扩建校舍面积\n≥6000平方米\n"
    "6240平方米\n40\n40\n效益指标\n社会效益指标\n学校办学条件\n明显改善\n明显改善\n30\n30\n受益学生人数\n≥3200人\n3356人\n"
    "30\n30\n总分\n100\n100\n"
)
CASES_Q = [
    (
        "rate.recompute",
        NONGJI
        + "年初预算906.20万元。9月下达72.50万元，全年预算978.70万元。\n全年支出949.66万元，执行率97.03%。\n",
    ),
    ("claim.rate", NONGJI + "上年结转资金已全部使用完毕，当年下达资金执行率96.89%。\n"),
    (
        "table.prose_points",
        NONGJI + "项目自评总分97.73分。各部分得分：产出指标47.73分，满意度指标50分。\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 产出指标(50分) | 数量指标 | 补贴机具数量 | ≥1200台套 | 1286台套 | 25 | 25 |\n"
        "| | 时效指标 | 补贴资金兑付时限 | ≤30天 | 33天 | 25 | 22.73 |\n"
        "| 满意度指标(50分) | 服务对象满意度指标 | 购机户满意度 | ≥90% | 94.5% | 50 | 50 |\n"
        "| 总分 | | | | | 100 | 97.73 |\n",
    ),
    ("table.points_total", _VERTICAL_FORM),
    ("claim.no_number", _VERTICAL_FORM),
    (
        "rate.recompute",
        NONGJI + "全年预算124901400元，其中上级补助资金99921120元，县级配套资金24980280元。\n"
        "全年拨付补助资金123655200元，预算执行率99.00%。\n",
    ),
]


@pytest.mark.parametrize(("rule", "text"), CASES_Q)
def test_consistent_texts_of_synq_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


# found by the synthetic reports synR and synS (the last round, synR/synS_false_alarms.md)
CASES_RS = [
    (
        "rate.recompute",
        ORGAN + "全年预算3,560.00万元。三公经费预算15.00万元，实际支出11.86万元，占预算的79.07%。\n",
    ),
    (
        "parts.sum",
        ORGAN
        + "本年支出1,200.00万元，其中基本支出800.00万元，含人员经费600.00万元、公用经费200.00万元；项目支出400.00万元。\n",
    ),
    (
        "quantity.conflict",
        ORGAN
        + "（一）日常养护：预算120万元，支出118.5万元，执行率98.75%。\n（二）桥梁维修：预算80万元，支出76万元，执行率95%。\n",
    ),
    ("typo.doubled", ORGAN + "按寄宿生每生每年300元标准发放。\n"),
]


@pytest.mark.parametrize(("rule", "text"), CASES_RS)
def test_consistent_texts_of_synr_and_syns_draw_no_alarm(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


def test_a_share_of_the_sentences_own_budget_is_still_checked():
    wrong = CASES_RS[0][1].replace("79.07%", "78.07%")
    assert "三公经费预算" in findings(wrong, "rate.recompute")[0].message


def _errors(text, rule):
    """The messages of the errors ``rule`` draws on ``text`` (the report type read from it)."""
    return [f.message for f in findings(text, rule, report_type="auto") if f.severity == "error"]


def _alarms(text, rule):
    """The messages of the errors and warnings ``rule`` draws on ``text`` under the ORGAN heading."""
    return [f.message for f in findings(ORGAN + text, rule, report_type="auto") if f.severity != "info"]


def _assert_silent(rule, text):
    found = [f for f in findings(text, rule, report_type="auto") if f.severity != "info"]
    assert found == [], [f.message for f in found]


# found by the synthetic reports synT–synW (self-evaluation tables, township reports, third-party
# evaluations, scraped web pages; synT/synU/synV/synW_false_alarms.md)
_INDICATORS = (
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
    "| 产出指标（20分） | 数量指标 | 甲 | 10个 | 10个 | 10 | 10 | |\n"
    "| | 质量指标 | 乙 | 95% | 96% | 10 | 10 | |\n"
)
_FUNDS = (
    "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 599.00 | 599.00 | 580.72 | 10 | 96.95% | 9.70 |\n"
)
_DETAILS = (
    "| 指标 | 分值 | 得分 |\n| 决策 | 15 | 13.5 |\n| 其中：项目立项 | 5 | 5 |\n| 绩效目标 | 5 | 4 |\n"
    "| 资金投入 | 5 | 4.5 |\n| 合计 | 15 | 13.5 |\n"
)
_NUMBERED_SPENDING = "收入合计428.36万元。\n支出合计412.58万元。\n1.基本支出238.74万元。\n2.项目支出173.84万元。\n年末结转结余15.78万元。\n"
CASES_TW = [
    ("table.categories", ORGAN + _INDICATORS),
    ("score.recompute", ORGAN + _FUNDS),
    ("table.points_total", ORGAN + _DETAILS),
    ("balance.identity", ORGAN + _NUMBERED_SPENDING),
    ("score.parts", ORGAN + "自评得分37分。其中投入20分，得19分；产出20分，得18分。\n"),
    ("score.parts", ORGAN + "自评得分37分，其中投入满分20分，得19分；产出满分20分，得18分。\n"),
    ("count.items", ORGAN + "县人社局、县公安局和沿江8个乡镇分工负责。\n"),
    ("count.items", ORGAN + "二、评价结论 按决策、过程、产出、效益四个维度评分。\n"),
    ("count.items", ORGAN + "党委、政府设党政办、经发办2个机构。\n"),
    ("rate.of_base", ORGAN + "受益村中，分别占脱贫村38个和一般村104个的31.58%和15.38%。\n"),
    ("rate.standard", ORGAN + "抽查4,180亩。按每亩500元标准补助12,350亩；设备38.60万元。\n"),
]


def test_the_synt_to_synw_shapes_still_report_a_real_slip():
    assert (
        "10+11=21"
        in _errors(ORGAN + _INDICATORS.replace("| 96% | 10 |", "| 96% | 11 |"), "table.categories")[0]
    )
    assert _errors(ORGAN + _FUNDS.replace("9.70", "9.60"), "score.recompute")
    assert _errors(
        ORGAN + _DETAILS.replace("| 合计 | 15 | 13.5 |", "| 合计 | 15 | 14.5 |"), "table.points_total"
    )
    wrong_balance = _NUMBERED_SPENDING.replace("结余15.78", "结余16.78")
    assert "支出合计412.58万元" in _errors(ORGAN + wrong_balance, "balance.identity")[0]
    assert "19+17=36" in _errors(CASES_TW[5][1].replace("得18分", "得17分"), "score.parts")[0]
    assert _errors(ORGAN + "由科技信息中队、秩序中队和宣传中队4个中队分工负责。\n", "count.items")
    assert _errors(ORGAN + "二、评价结论 按决策、过程、产出、效益五个维度评分。\n", "count.items")
    assert _errors(ORGAN + "党委、政府设党政办、经发办3个机构。\n", "count.items")
    assert _errors(ORGAN + "新增就业1,860人，完成年度目标1,800人的105.33%。\n", "rate.of_base")
    assert findings(ORGAN + "共收集1,072卷，按每卷2元的标准测算，争取到21.44万元。\n", "rate.standard")


CASES_TW_WARNINGS = [
    ("punct.heading_run_on", ORGAN + "（一）资金使用情况 截至年底支出347.52万元。\n"),
    ("parts.sum", ORGAN + "安排项目186个，其中产业项目104个、基础项目82个，覆盖14个乡镇、142个村。\n"),
    (
        "parts.sum",
        ORGAN + "收入合计566.45万元，其中年初预算577.60万元，压减支出17.00万元、追加经费5.85万元。\n",
    ),
    ("rate.counts", ORGAN + "家长满意度93.01%（386份中满意359份），教师满意度94.92%（118份中满意112份）。\n"),
    (
        "count.conflict",
        ORGAN + "绩效目标：培训渔民1,200人次。\n二、绩效目标完成情况\n培训渔民1,260人次，完成计划的105%。\n",
    ),
    (
        "count.conflict",
        ORGAN
        + "（三）绩效目标\n为渔船配齐终端；培训渔民1,200人次。\n二、绩效目标完成情况\n培训渔民1,260人次。\n",
    ),
]


def test_the_synt_to_synw_warning_shapes_still_report_a_real_slip():
    assert _alarms("（一）资金使用情况截至年底支出347.52万元。\n", "punct.heading_run_on")
    assert (
        "104个+基础项目92个=196个"
        in _alarms("安排项目186个，其中产业项目104个、基础项目92个，覆盖14个乡镇、142个村。\n", "parts.sum")[
            0
        ]
    )
    satisfied = "家长满意度93.01%（386份中满意359份），教师满意度95.92%（118份中满意112份）。\n"
    assert "112份÷118份" in _alarms(satisfied, "rate.counts")[0]
    assert _alarms("全年培训渔民1,200人次。\n二、绩效目标完成情况\n培训渔民1,260人次。\n", "count.conflict")


def test_tables_parted_by_spaces_have_their_column_totals_and_score_sums_checked():
    spending = (
        "分类执行情况如下（单位：万元）：\n支出类别 年初预算 调整后预算 实际支出 执行率\n"
        "基本支出 312.60 318.45 316.92 99.52%\n项目支出 265.00 248.00 231.76 93.45%\n合计 577.60 566.45 548.68 96.86%\n"
    )
    assert findings(ORGAN + spending, "table.column_total") == []
    wrong = spending.replace("基本支出 312.60", "基本支出 321.60")
    assert "586.60（321.60+265.00）" in findings(ORGAN + wrong, "table.column_total")[0].message
    scores = "一级指标 分值 得分\n投入 20 19\n过程 30 27.5\n产出 30 28\n效益 20 18\n合计 100 92.5\n"
    assert findings(ORGAN + scores, "table.points_total") == []
    assert (
        "91.5"
        in findings(ORGAN + scores.replace("过程 30 27.5", "过程 30 26.5"), "table.points_total")[0].message
    )
    # a fourth column (得分率) is not read as the score: the total's score is 46.5, not 93.00
    rated = "一级指标 分值 得分 得分率\n投入 20 19 95.00%\n过程 30 27.5 91.67%\n合计 50 46.5 93.00%\n"
    assert findings(ORGAN + "评价得分46.5分。\n" + rated, "score.prose_table") == []
    assert "46.5分" in findings(ORGAN + "评价得分43分。\n" + rated, "score.prose_table")[0].message
    # a row's score stated in prose is that row's, not the total's
    assert findings(ORGAN + "评价得分19分。\n" + rated, "score.prose_table") == []


# found by the synthetic reports synY, synZ and synAA (coastal project reports, a finance bureau's
# notices, monitoring and rectification reports; synY/synZ/synAA_false_alarms.md)
CASES_YZ = [
    ("count.items", ORGAN + "建设内容包括平台升级、云资源租用、3个应用开发。\n"),
    ("score.parts", ORGAN + "总分59分，其中甲、乙、丙分别得14分、22分和23分。\n"),
    (
        "score.parts",
        ORGAN + "总分59分，其中甲、乙、丙分值分别为15分、25分、25分，得分分别为14分、22分和23分。\n",
    ),
    ("rate.share_of", ORGAN + "工程量1,120万元，按80%即896万元。\n"),
    (
        "rate.recompute",
        ORGAN + "年度预算2,860万元。\n项目资金到位2,280万元，支出1,201.20万元，预算执行率42.00%。\n",
    ),
    ("rate.recompute", ORGAN + "项目资金到位2,280万元，支出1,201.20万元，预算执行率42.00%。\n"),
]


def test_the_syny_to_synaa_shapes_still_report_a_real_slip():
    assert _errors(ORGAN + "设办公室、财务股、业务股4个股室。\n", "count.items")
    assert "14+22+24=60" in _errors(CASES_YZ[1][1].replace("23分。", "24分。"), "score.parts")[0]
    assert "14+22+22=58" in _errors(CASES_YZ[2][1].replace("和23分", "和22分"), "score.parts")[0]
    assert "1120万元×80%=896万元" in _errors(CASES_YZ[3][1].replace("896", "886"), "rate.share_of")[0]
    assert _errors(CASES_YZ[4][1].replace("42.00%", "45.00%"), "rate.recompute")
    assert _errors(ORGAN + "项目资金到位2,280万元，支出1,201.20万元，资金执行率55.68%。\n", "rate.recompute")


# found by the synthetic reports synX (large departments with many sources, synX_false_alarms.md)
CASES_X = [
    (
        "balance.identity",
        ORGAN + "收入合计100万元，加上年初结余20万元。\n支出合计110万元，年末结余10万元。\n",
    ),
    ("list.total_before", ORGAN + "收入合计100万元，年初结转20万元，可用资金120万元。\n"),
    ("yoy.arithmetic", ORGAN + "结余5万元。与上年100万元相比，支出增加10万元。\n"),
    ("value.impossible", ORGAN + "结余5万元。与上年100万元相比，支出增加10万元。\n"),
    ("typo.curated", ORGAN + "2101102 事业单位医疗 35.60 35.20\n"),
    ("parts.sum", ORGAN + "资产总额100万元，其中流动资产20万元、固定资产70万元等。\n"),
    ("list.total_before", ORGAN + "资产总额100万元，主要为流动资产20万元、固定资产70万元。\n"),
    (
        "outline.required",
        "某县自然资源局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n内设5个股室。\n二、部门整体支出情况\n"
        "全年支出100.00万元。\n三、绩效目标完成情况\n耕地保有量52.48万亩。\n四、偏离绩效目标的原因和下一步改进措施\n"
        "部分项目尾款未付，下一步加快支付。\n",
    ),
]


def test_the_synx_shapes_still_report_a_real_slip():
    assert (
        "加上年初结余20万元"
        in _alarms(CASES_X[0][1][len(ORGAN) :].replace("结余10", "结余12"), "balance.identity")[0]
    )
    assert _alarms("全年支出110万元。与上年100万元相比，支出增加20万元。\n", "yoy.arithmetic")
    assert _alarms("文管所3二级单位。\n", "typo.curated")
    assert _alarms("资产总额100万元，其中流动资产20万元、固定资产70万元。\n", "parts.sum")
    assert _alarms("共下达资金100万元，A项目40万元，B项目30万元。\n", "list.total_before")


CASES_ZAA_WARNINGS = [
    ("rate.counts", ORGAN + "已整改130个，正在整改12个，整改率91.55%。\n"),
    ("rate.counts", ORGAN + "11个问题已完成整改9个，正在整改2个，整改率81.82%。\n"),
    ("quantity.conflict", ORGAN + "共核减预算100万元：2个部门核减预算40万元。\n"),
    ("claim.rate", ORGAN + "到位率79.72%。其中中央资金已全部到位。\n"),
    (
        "rate.conflict",
        ORGAN
        + "累计支出6,342.43万元，预算执行率71.16%。\n预计到12月底，全年支出8,556.00万元，预算执行率96.00%。\n",
    ),
    ("claim.no_number", ORGAN + "各项绩效指标预计能够全面完成。\n"),
    (
        "heading.numbering",
        ORGAN + "（一）资金方面\n1.超拨工程款。已扣回。\n（二）管理方面\n2.变更未报批。已补办。\n",
    ),
    (
        "outline.required",
        "某县财政局关于2024年度部门整体支出绩效评价结果的通报\n一、评价基本情况\n本次评价共32个部门。\n"
        "二、评价结果\n优秀12个，良好15个，中5个。\n三、发现的主要问题\n部分部门绩效目标不明确。\n",
    ),
]


def test_the_synz_and_synaa_warning_shapes_still_report_a_real_slip():
    assert (
        "9个÷11个=81.82%" in _alarms("11个问题已完成整改9个，正在整改2个，整改率85.82%。\n", "rate.counts")[0]
    )
    assert _alarms("共核减预算100万元。\n二、绩效目标完成情况\n全年核减预算120万元。\n", "quantity.conflict")
    assert _alarms("资金已全部到位。到位率79.72%。\n", "claim.rate")
    assert _alarms("累计支出6,342.43万元，预算执行率71.16%。\n全年预算执行率96.00%。\n", "rate.conflict")
    assert _alarms("各项绩效指标全面完成。\n", "claim.no_number")
    renumbered = "（一）资金方面\n1.超拨工程款。已扣回。\n（二）管理方面\n3.变更未报批。已补办。\n"
    assert "缺少“1.”、“2.”" in _alarms(renumbered, "heading.numbering")[0]


def test_a_count_with_no_name_before_it_after_a_pause_mark_breaks_no_rule():
    # found by the property test of test_robustness.py: '、12个' (the list before the count is empty)
    from jixiao.domain.checker import check_text

    result = check_text("、１２个\n一、部门概况\n")
    assert not [f for f in result.findings if f.rule == "checker.rule_failed"]


@pytest.mark.parametrize(
    ("rule", "text"), CASES_TW + CASES_TW_WARNINGS + CASES_YZ + CASES_X + CASES_ZAA_WARNINGS
)
def test_consistent_texts_of_synt_to_synaa_draw_no_alarm(rule, text):
    """The false alarms of the round synT–synAA, each reduced to its smallest text."""
    _assert_silent(rule, text)
