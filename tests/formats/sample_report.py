"""A sample report for the renderers: the seed's title and figures, seven headings 一 to 七,
a 决算 table with 合计, the three charts, and two annexes (one wide, landscape).

Reusable fixture: ``sample_report()`` returns a fresh ``Report``; ``python -m
tests.formats.sample_report OUTDIR`` writes it in every format (used for the visual check).
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal as D
from pathlib import Path

from jixiao.domain.report.chart_data import (
    budget_composition_chart,
    monthly_execution_chart,
    year_on_year_chart,
)
from jixiao.domain.report.document import (
    Annex,
    HeaderCell,
    Paragraph,
    Report,
    ReportMetadata,
    Section,
    Table,
)

TITLE = "2023年度常宁市科学技术协会整体支出绩效评价报告"
DEPARTMENT = "常宁市科学技术协会"

# figures that must reach every output unchanged
FIGURES = (
    "208.4万元",
    "24.01万元",
    "13.0%",
    "164.4万元",
    "31.01万元",
    "23.3%",
    "44万元",
    "13.7%",
    "0.22万元",
    "35.3%",
)
HEADINGS = (
    "一、部门概况",
    "二、部门整体支出情况",
    "三、部门专项组织实施情况",
    "四、资产管理情况",
    "五、部门整体支出绩效情况",
    "六、存在的主要问题",
    "七、改进措施和建议",
)


def final_accounts_table() -> Table:
    return Table(
        caption="2023年度预算及决算执行情况",
        unit="单位：万元",
        header_rows=(
            (
                HeaderCell("项目", rowspan=2),
                HeaderCell("预算数", colspan=2),
                HeaderCell("决算数", rowspan=2),
                HeaderCell("执行率", rowspan=2),
            ),
            (HeaderCell("年初预算"), HeaderCell("调整后预算")),
        ),
        body_rows=(
            ("基本支出", "164.40", "172.35", "170.12", "98.7%"),
            ("　其中：人员经费", "123.46", "130.91", "129.80", "99.2%"),
            ("　　　　公用经费", "40.94", "41.44", "40.32", "97.3%"),
            ("项目支出", "44.00", "46.50", "43.80", "94.2%"),
            ("　科普惠农兴村", "20.00", "20.00", "19.60", "98.0%"),
            ("　青少年科技教育", "24.00", "26.50", "24.20", "91.3%"),
            ("合计", "208.40", "218.85", "213.92", "97.7%"),
        ),
        total_row=True,
        number_columns=(1, 2, 3, 4),
        note="注：执行率＝决算数÷调整后预算×100%。",
    )


def basic_data_table() -> Table:
    header = ("指标", "2022年", "2023年", "增减额", "增减率", "年初预算", "调整后预算", "决算数", "执行率")
    rows = (
        ("财政拨款收入", "184.39", "208.40", "24.01", "13.0%", "208.40", "218.85", "213.92", "97.7%"),
        ("基本支出", "133.39", "164.40", "31.01", "23.3%", "164.40", "172.35", "170.12", "98.7%"),
        ("项目支出", "51.00", "44.00", "-7.00", "-13.7%", "44.00", "46.50", "43.80", "94.2%"),
        ("“三公”经费", "0.34", "0.22", "-0.12", "-35.3%", "0.50", "0.50", "0.22", "44.0%"),
        ("合计", "184.39", "208.40", "24.01", "13.0%", "208.40", "218.85", "213.92", "97.7%"),
    )
    return Table(
        caption="",
        unit="单位：万元",
        header_rows=(tuple(HeaderCell(h) for h in header),),
        body_rows=rows,
        total_row=True,
        number_columns=tuple(range(1, 9)),
    )


def score_table() -> Table:
    return Table(
        caption="",
        unit="单位：分",
        header_rows=((HeaderCell("一级指标"), HeaderCell("分值"), HeaderCell("得分")),),
        body_rows=(
            ("投入", "20", "18.5"),
            ("过程", "25", "23"),
            ("产出", "30", "28"),
            ("效果", "25", "22.5"),
            ("合计", "100", "92"),
        ),
        total_row=True,
        number_columns=(1, 2),
    )


def charts():
    composition = budget_composition_chart(
        personnel=D("1234600.00"), public=D("409400.00"), project=D("440000.00"), year=2023
    )
    year_on_year = year_on_year_chart(
        [
            ("基本支出", D("1644000.00"), D("1333900.00")),
            ("项目支出", D("440000.00"), D("510000.00")),
            ("“三公”经费", D("2200.00"), D("3400.00")),
        ],
        year=2023,
    )
    monthly = monthly_execution_chart(
        [
            D("120000.00"),
            D("150000.00"),
            D("180000.00"),
            D("160000.00"),
            D("170000.00"),
            D("190000.00"),
            D("175000.00"),
            D("160000.00"),
            D("185000.00"),
            D("170000.00"),
            D("190000.00"),
            D("289200.00"),
        ],
        budget=D("2188500.00"),
        year=2023,
    )
    return composition, year_on_year, monthly


def sample_report(*, demo: bool = True) -> Report:
    composition, year_on_year, monthly = charts()
    sections = (
        Section(
            1,
            "部门概况",
            (
                Paragraph.of(
                    "常宁市科学技术协会是中共常宁市委领导下的正科级财政全额拨款单位，属于参照《公务员法》管理的群众团体。"
                    "根据编委核定，下设2个股室及1个中心。本单位年末实有在编人数14人，比上年减少1人，退休4人。"
                ),
            ),
        ),
        Section(
            1,
            "部门整体支出情况",
            (
                Section(
                    3,
                    "",
                    (
                        Paragraph.of(
                            "2023年，本部门年初预算支出208.4万元，比上年增加24.01万元，增长13.0%，增加变化的主要原因是：公用经费年初预算安排增加。"
                            "其中：基本支出年初预算164.4万元，比上年增加31.01万元，增长23.3%；项目支出年初预算44万元，比上年减少7万元，下降13.7%。"
                        ),
                    ),
                    run_in=True,
                ),
                Section(
                    3,
                    "“三公”经费支出情况",
                    (
                        Paragraph.of(
                            "2023年，“三公”经费完成0.22万元，比上年减少0.12万元，降低35.3%，增减变化的主要原因是：厉行节约，压减公务接待费。"
                        ),
                    ),
                    run_in=True,
                ),
                final_accounts_table(),
                composition,
                year_on_year,
            ),
        ),
        Section(
            1,
            "部门专项组织实施情况",
            (
                Section(
                    2,
                    "专项组织情况分析",
                    (Paragraph.of("严格管理项目申报流程，对所申报项目开展论证，从中选优立项。"),),
                ),
                Section(
                    2,
                    "专项管理情况分析",
                    (
                        Paragraph.with_lead(
                            "一是资金使用合规。", "对财政安排的项目资金，按照专款专用的原则进行支付和使用。"
                        ),
                        Paragraph.with_lead("二是资金使用程序规范。", "严格审核，确保各项资金规范使用。"),
                        monthly,
                    ),
                ),
            ),
        ),
        Section(
            1,
            "资产管理情况",
            (
                Paragraph.of(
                    "为规范和加强固定资产管理，我单位制定了《固定资产管理办法》，资产管理具体由办公室财务负责，每年建立台账。"
                ),
            ),
        ),
        Section(
            1,
            "部门整体支出绩效情况",
            (
                Section(
                    2,
                    "在科普益民宣传上亮真枪，有作为",
                    (
                        Paragraph.of(
                            "全年累计共下乡科普近30次，累计向民众免费发放科普资料6000余册，受益人群达2万余名。"
                        ),
                        Section(
                            3,
                            "做实全市科技周宣传活动",
                            (
                                Section(
                                    4,
                                    "现场咨询",
                                    (
                                        Paragraph.of(
                                            "摆放科普展板7块，发放科普书本1000余份，前来观看及咨询群众2000余人。"
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Section(
            1,
            "存在的主要问题",
            (
                Section(
                    3,
                    "部门整体绩效目标及指标设定过于宽泛",
                    (Paragraph.of("各部室绩效目标不够明确，没有量化评价指标。"),),
                    run_in=True,
                ),
                Section(
                    3,
                    "人员经费年初预算资金存在缺口",
                    (Paragraph.of("预算执行过程中存在不同科目预算资金串用问题。"),),
                    run_in=True,
                ),
            ),
        ),
        Section(
            1,
            "改进措施和建议",
            (
                Section(
                    2,
                    "加强绩效管理理念，提高绩效目标编制质量",
                    (
                        Section(
                            3,
                            "提高思想认识",
                            (Paragraph.of("树立绩效管理理念，重视绩效目标编制工作。"),),
                            run_in=True,
                        ),
                    ),
                ),
                Section(
                    2,
                    "提高资金使用的规范性",
                    (
                        Paragraph.of(
                            "按照部门预算批复的资金用途使用资金，基本支出资金与项目资金不得相互挪用。"
                        ),
                    ),
                ),
            ),
        ),
    )
    return Report(
        title=TITLE,
        year=2023,
        department=DEPARTMENT,
        sections=sections,
        signature=DEPARTMENT,
        date=date(2024, 3, 5),
        annexes=(
            Annex("部门整体支出绩效评价基础数据表", (basic_data_table(),)),
            Annex("部门整体支出绩效自评得分表", (score_table(),)),
        ),
        metadata=ReportMetadata(demo=demo, department_code="kexie"),
    )


def write_all(out_dir: Path) -> list[Path]:
    """Write the sample in every format; the PDF only when LibreOffice is installed."""
    from jixiao.formats.docx_writer import write_docx
    from jixiao.formats.html_writer import write_html
    from jixiao.formats.pdf import docx_to_pdf, pdf_available
    from jixiao.formats.txt_writer import write_txt

    report = sample_report()
    out_dir.mkdir(parents=True, exist_ok=True)
    docx = write_docx(report, out_dir / "sample.docx")
    written = [docx, write_html(report, out_dir / "sample.html"), write_txt(report, out_dir / "sample.txt")]
    if pdf_available():
        written.append(docx_to_pdf(docx, out_dir))
    else:
        print("LibreOffice 未安装：跳过 PDF", file=sys.stderr)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "var/sample-report")):
        print(path)
