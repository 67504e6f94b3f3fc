"""Make sample 项目支出绩效目标表 workbooks in tests/samples/goals/, laid out as departments publish them.

    python tests/samples/make_goal_samples.py

The layouts follow published tables; the department (样例区妇女联合会), projects, indicators and
figures are invented, and no person is named.

1. xiangmu_duoxiangmu.xlsx — the 部门预算公开 “项目支出绩效目标表”: several projects on one sheet,
   the 项目名称 and 年度绩效目标 cells merged down over each project's indicator rows, columns
   项目名称 | 年度绩效目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 指标属性 |
   指标内容, where 指标性质 holds the comparison sign (≥ ≤ =, or 定性) and 指标属性 holds 定量指标 /
   定性指标. This is the shape of the provincial 一体化 export published with 部门预算 (e.g. the
   Yunnan 预算公开 tables); the exact wording of the column heads is from memory of those tables [U].
   Each project carries one finding a reader would raise: a salary project with the boilerplate
   “维护社会稳定 ≥95%”, a training project whose indicator “培训基层妇女骨干230人” is counted in 个,
   a 效益 indicator that repeats an output.
2. xiangmu_erji_yezi.xlsx — the 二级-as-leaf layout of 鄂州市2022年市直部门预算项目支出绩效目标表
   (a public .docx, https://desk33.com/d-245426.html): one block per project on the same sheet,
   项目名称 | 项目类别 | 项目性质 above 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值, where the
   “一级指标” column holds 数量指标/质量指标… and the “二级指标” column holds the indicator itself,
   and 绩效标准 explains it (“反映…情况”). A 上年实际值 column is added to test the check of targets
   that do not improve on last year (the 鄂州 table gives 上年实际执行数 for its cost lines only).
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parent / "goals"
DEPARTMENT = "样例区妇女联合会"

# (一级, 二级, 三级, 指标性质, 指标值, 度量单位, 指标属性, 指标内容)
MULTI = [
    (
        "在职人员工资及社保缴费",
        "按时足额发放在职人员工资，按规定缴纳社会保险费，保障机关正常运转。",
        [
            ("产出指标", "数量指标", "保障在职人员人数", "=", "3", "人", "定量指标", "反映保障的在职人员人数"),
            ("产出指标", "质量指标", "工资发放准确率", "=", "100", "%", "定量指标", "反映工资核算发放的准确程度"),
            ("产出指标", "时效指标", "工资按月发放及时率", "=", "100", "%", "定量指标", "反映工资按月发放情况"),
            ("产出指标", "成本指标", "人员经费支出", "≤", "60", "万元", "定量指标", "反映人员经费支出规模"),
            ("效益指标", "社会效益指标", "维护社会稳定", "≥", "95", "%", "定量指标", "反映对社会稳定的作用"),
            ("满意度指标", "服务对象满意度指标", "在职人员满意度", "≥", "90", "%", "定量指标", "反映在职人员的满意程度"),
        ],
    ),
    (
        "基层妇女骨干能力提升培训",
        "举办基层妇女骨干培训班，提升基层妇联干部履职能力。",
        [
            ("产出指标", "数量指标", "举办培训班期数", "≥", "4", "期", "定量指标", "反映举办培训班的期数"),
            ("产出指标", "数量指标", "培训基层妇女骨干230人", "≥", "230", "个", "定量指标", "反映培训人数"),
            ("产出指标", "质量指标", "培训合格率", "≥", "95", "%", "定量指标", "反映培训考核合格情况"),
            ("产出指标", "时效指标", "培训按计划完成时间", "≤", "11", "月", "定量指标", "反映培训完成时间"),
            ("产出指标", "成本指标", "培训项目支出", "≤", "8", "万元", "定量指标", "反映培训成本"),
            ("效益指标", "社会效益指标", "举办培训班期数", "≥", "4", "期", "定量指标", "反映培训的社会效益"),
            ("效益指标", "可持续影响指标", "基层妇联干部履职能力", "定性", "明显提升", "", "定性指标", "反映长期影响"),
            ("满意度指标", "服务对象满意度指标", "参训学员满意度", "≥", "90", "%", "定量指标", "问卷调查"),
        ],
    ),
    (
        "妇女儿童维权服务",
        "开展维权宣传和法律援助，依法维护妇女儿童合法权益。",
        [
            ("产出指标", "数量指标", "开展维权宣传活动次数", "≥", "12", "次", "定量指标", "反映宣传活动开展情况"),
            ("产出指标", "质量指标", "维权案件办结率", "≥", "95", "%", "定量指标", "反映案件办结情况"),
            ("产出指标", "时效指标", "维权来访受理及时率", "=", "100", "%", "定量指标", "反映受理的及时程度"),
            ("产出指标", "成本指标", "维权服务项目支出", "≤", "15", "万元", "定量指标", "反映项目成本"),
            ("效益指标", "社会效益指标", "妇女儿童维权知晓率", "≥", "85", "%", "定量指标", "反映宣传效果"),
            ("满意度指标", "服务对象满意度指标", "求助群众满意度", "≥", "90", "%", "定量指标", "回访调查"),
        ],
    ),
]  # fmt: skip

# 二级-as-leaf: (一级 column = 二级 category, 二级 column = indicator, 绩效标准, 当年预期实现值, 上年实际值)
LEAF = [
    (
        "机关办公楼运行保障",
        "保障办公楼安全运行，水电、维修维护及时，服务对象满意。",
        "30",
        [
            ("数量指标", "办公楼日常维修维护次数", "反映办公楼全年维修维护情况", "≥80次", "80次"),
            ("数量指标", "安全巡查次数", "反映办公楼安全巡查情况", "≥200次", "180次"),
            ("质量指标", "维修维护验收合格率", "反映维修维护质量", "≥95%", ""),
            ("时效指标", "报修响应时间", "反映报修后到场的时间", "≤2小时", ""),
            ("成本指标", "运行保障成本", "反映运行保障支出", "≤30万元", ""),
            ("社会效益指标", "保障机关正常运转率", "反映办公楼保障机关运转的效果", "＝100%", ""),
            ("满意度指标", "干部职工满意度", "反映干部职工对办公楼服务的满意程度", "≥90%", "90%"),
        ],
    ),
    (
        "巾帼家政服务技能培训",
        "开展家政服务技能培训，带动城乡妇女就业。",
        "12",
        [
            ("数量指标", "家政技能培训人次", "反映培训规模", "≥300人次", "260人次"),
            ("质量指标", "培训结业率", "反映培训质量", "≥90%", ""),
            ("时效指标", "培训完成时间", "反映培训完成时间", "≤10月", ""),
            ("成本指标", "培训成本", "反映人均培训成本", "≤400元/人次", ""),
            ("社会效益指标", "带动妇女就业人数", "反映培训带动就业的效果", "≥120人", "120人"),
            ("满意度指标", "参训妇女满意度", "反映参训妇女的满意程度", "≥90%", ""),
        ],
    ),
]  # fmt: skip


def write_multi(path: Path) -> dict:
    book = Workbook()
    sheet = book.active
    sheet.title = "项目支出绩效目标表"
    header = ["项目名称", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标属性", "指标内容"]  # fmt: skip
    sheet.append(["2024年部门预算项目支出绩效目标表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append([f"单位名称：{DEPARTMENT}（样例，非真实数据）"])
    sheet.append(header)
    rows: dict[str, list[list]] = {}
    for project, goal, indicators in MULTI:
        first = sheet.max_row + 1
        for index, item in enumerate(indicators):
            sheet.append([project if index == 0 else None, goal if index == 0 else None, *item])
            rows.setdefault(project, []).append([item[2], sheet.max_row])
        last = sheet.max_row
        for column in (1, 2):
            sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)
        for column in (3, 4):  # equal 一级/二级 runs merged, as the published tables show them
            run = first
            for r in range(first, last + 2):
                same = r <= last and sheet.cell(r, column).value == sheet.cell(run, column).value
                if not same:
                    if r - 1 > run:
                        sheet.merge_cells(
                            start_row=run, start_column=column, end_row=r - 1, end_column=column
                        )
                    run = r
    book.save(path)
    return rows


def write_leaf(path: Path) -> dict:
    book = Workbook()
    sheet = book.active
    sheet.title = "项目支出绩效目标表"
    sheet.append(["2024年部门预算项目支出绩效目标表（样例，非真实数据）"])
    rows: dict[str, list[list]] = {}
    for project, goal, amount, indicators in LEAF:
        sheet.append(["项目名称", project, "项目类别", "本级支出项目", "项目性质", "持续性项目"])
        sheet.append(["主管部门", DEPARTMENT, "资金总额（万元）", amount])
        sheet.append(["绩效目标", goal])
        sheet.append(["一级指标", "二级指标", "绩效标准", "当年预期实现值", "上年实际值"])
        for item in indicators:
            sheet.append(list(item))
            rows.setdefault(project, []).append([item[1], sheet.max_row])
        sheet.append([])
    book.save(path)
    return rows


def main(out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    manifest = {
        "xiangmu_duoxiangmu.xlsx": write_multi(out / "xiangmu_duoxiangmu.xlsx"),
        "xiangmu_erji_yezi.xlsx": write_leaf(out / "xiangmu_erji_yezi.xlsx"),
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return out


if __name__ == "__main__":
    print(main())
