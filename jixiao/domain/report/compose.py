"""Compose the annual 《部门整体支出绩效评价报告》 from ``ReportInputs`` (pure; no database).

The outline is the seed's seven parts (docs/domain-rules.md §3.4(b)), numbered by the outline
module (一 to 七, never typed here). Every figure comes from the inputs, worded by
``jixiao.domain.money``/``wording``/``figures``; section 二 reuses the money core's sentences
word for word. Narrative paragraphs have a data-derived default (``default_narratives``) that
the officer's saved text replaces. Annexes: 附件1 评分表, 附件2 基础数据表 (§3.3).
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.figures import source_rows
from jixiao.domain.indicators import IndicatorStatus, basic_data_table, compute_all
from jixiao.domain.money import rate_text, wan, wan_fixed
from jixiao.domain.problems import problems_text
from jixiao.domain.report.chart_data import (
    budget_composition_chart,
    monthly_execution_chart,
    year_on_year_chart,
)
from jixiao.domain.report.document import (
    Annex,
    Block,
    HeaderCell,
    Paragraph,
    Report,
    ReportMetadata,
    Section,
    Table,
)
from jixiao.domain.report.inputs import ReportInputs
from jixiao.domain.scoring import RowStatus, points_text

ZERO = Decimal("0.00")

# Editable narrative paragraphs: key → where it sits in the report (shown on the edit page).
NARRATIVE_KEYS: tuple[tuple[str, str], ...] = (
    ("overview", "一、部门概况"),
    ("projects_organisation", "三、（二）专项组织情况"),
    ("projects_management", "三、（三）专项管理情况"),
    ("assets_management", "四、资产管理情况（制度与管理）"),
    ("work", "五、（一）年度主要工作（无活动台账时）"),
    ("conclusion", "五、（四）评价结论补充说明"),
)
NARRATIVE_LABELS = dict(NARRATIVE_KEYS)


def report_title(inputs: ReportInputs) -> str:
    return f"{inputs.year}年度{inputs.department}整体支出绩效评价报告"


# --- 一、部门概况 ------------------------------------------------------------------------------


def _units_text(inputs: ReportInputs) -> str:
    counts: dict[str, int] = {}
    for unit in inputs.profile.internal_units:
        counts[unit.kind] = counts.get(unit.kind, 0) + 1
    parts = [f"{count}个{kind}" for kind, count in counts.items()]
    if not parts:
        return ""
    joined = parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "及" + parts[-1]
    return f"根据编委核定，下设{joined}。"


def _staff_text(inputs: ReportInputs) -> str:
    profile = inputs.profile
    if profile.actual_staff is None:
        return ""
    text = f"本单位年末实有在编人数{profile.actual_staff}人"
    if profile.actual_staff_previous is not None:
        delta = profile.actual_staff - profile.actual_staff_previous
        if delta > 0:
            text += f"，比上年增加{delta}人"
        elif delta < 0:
            text += f"，比上年减少{-delta}人"
        else:
            text += "，与上年持平"
    if profile.retired is not None:
        text += f"，退休{profile.retired}人"
    return text + "。"


def overview_text(inputs: ReportInputs) -> str:
    """The seed's 部门概况 paragraph, every count from the profiles."""
    profile = inputs.profile
    first = profile.name
    if profile.nature:
        first += f"是{profile.nature}"
    if profile.duties:
        first += f"，{profile.duties}"
    first = first.rstrip("。") + "。" if (profile.nature or profile.duties) else ""
    quota = f"核定编制{profile.staffing_quota}名。" if profile.staffing_quota is not None else ""
    return first + _units_text(inputs) + _staff_text(inputs) + quota


# --- narrative defaults ---------------------------------------------------------------------


def default_narratives(inputs: ReportInputs) -> dict[str, str]:
    """Pre-filled narrative paragraphs, each stated only as far as the data shows it."""
    facts = inputs.facts
    projects = inputs.projects or ()
    refused = len(facts.cross_use_attempts)
    transfers = len(facts.transfers)
    organisation = (
        f"本年度共实施专项{len(projects)}个，均纳入部门预算管理，按项目单独设置预算指标，"
        "明确项目内容和责任股室，项目支出按预算批复的用途执行。"
        if projects
        else "本年度未安排专项。"
    )
    management = (
        "专项资金实行按项目单独核算，每笔支出均须有对应的预算指标，经审核后支付。"
        + (f"全年有{refused}笔跨基本支出与项目支出的支出申请被预算控制拒绝，未形成支出。" if refused else "")
        + (f"全年经批准执行预算调剂{transfers}笔。" if transfers else "")
    )
    assets = inputs.assets
    if assets is not None:
        assets_text = "本单位固定资产由办公室统一登记造册、建立台账，资产购置和处置按规定报批。"
    else:
        assets_text = "本年度固定资产台账尚未录入本系统，资产管理情况请据实填写。"
    work = "本年度工作活动台账尚未录入本系统，年度主要工作完成情况请据实填写。"
    return {
        "overview": overview_text(inputs),
        "projects_organisation": organisation,
        "projects_management": management,
        "assets_management": assets_text,
        "work": work,
        "conclusion": "",
    }


def _narrative(inputs: ReportInputs, key: str, defaults: dict[str, str]) -> str:
    saved = inputs.narrative(key)
    return saved if saved is not None else defaults.get(key, "")


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph.of(line.strip()) for line in text.splitlines() if line.strip())


# --- 二、部门整体支出情况 ------------------------------------------------------------------------


def final_accounts_table(inputs: ReportInputs) -> Table:
    rows = []
    for line in inputs.execution:
        label = ("　" * line.depth) + line.label
        rows.append(
            (
                label,
                wan_fixed(line.initial),
                wan_fixed(line.adjusted),
                wan_fixed(line.actual),
                rate_text(line.actual, line.adjusted),
            )
        )
    return Table(
        caption=f"{inputs.year}年度预算及决算执行情况",
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
        body_rows=tuple(rows),
        total_row=bool(inputs.execution) and inputs.execution[-1].is_total,
        number_columns=(1, 2, 3, 4),
        note="注：执行率＝决算数÷调整后预算×100%。",
    )


def sources_table(inputs: ReportInputs) -> Table | None:
    """收入支出决算 by 资金来源 (issue 13): 上年结转结余 + 本年收入 = 本年支出 + 年末结转结余."""
    rows = source_rows(inputs.facts)
    if not rows:
        return None
    return Table(
        caption=f"{inputs.year}年度收入支出决算（按资金来源）",
        unit="单位：万元",
        header_rows=(
            (
                HeaderCell("资金来源"),
                HeaderCell("上年结转结余"),
                HeaderCell("本年收入"),
                HeaderCell("本年支出"),
                HeaderCell("年末结转结余"),
            ),
        ),
        body_rows=tuple((label, *(wan_fixed(v) for v in values)) for label, *values in rows),
        total_row=True,
        number_columns=(1, 2, 3, 4),
        note="注：上年结转结余＋本年收入＝本年支出＋年末结转结余；本年收入为各资金来源的调整后预算。",
    )


def _charts(inputs: ReportInputs) -> list[Block]:
    facts = inputs.facts
    blocks: list[Block] = []
    project_initial = facts.project_total.initial
    if facts.total.initial > 0:
        blocks.append(
            budget_composition_chart(
                personnel=facts.basic_personnel.initial,
                public=facts.basic_public.initial,
                project=project_initial,
                year=inputs.year,
                title=f"{inputs.year}年度年初预算支出构成",
            )
        )
    previous = facts.previous
    if previous is not None:
        rows = [
            ("基本支出", facts.basic.initial, previous.basic_initial),
            ("项目支出", project_initial, previous.project_initial),
        ]
        sangong_now = facts.san_gong_total("actual")
        sangong_before = facts.san_gong_total("previous_actual")
        if sangong_now is not None and sangong_before is not None:
            rows.append(("“三公”经费", sangong_now, sangong_before))
        blocks.append(
            year_on_year_chart(
                rows, year=inputs.year, title=f"{inputs.year}年与{inputs.year - 1}年年初预算及“三公”经费对比"
            )
        )
    budget = facts.total.adjusted
    if inputs.monthly_spending and budget > 0:
        blocks.append(monthly_execution_chart(list(inputs.monthly_spending), budget=budget, year=inputs.year))
    return blocks


def _section_two(inputs: ReportInputs) -> Section:
    children: list[Block] = [Paragraph.of(text) for text in inputs.section_two]
    if inputs.execution:
        children.append(final_accounts_table(inputs))
    by_source = sources_table(inputs)
    if by_source is not None:
        children.append(by_source)
    children += _charts(inputs)
    return Section(1, "部门整体支出情况", tuple(children))


# --- 三、部门专项组织实施情况 -------------------------------------------------------------------


def _projects_text(inputs: ReportInputs) -> list[Paragraph]:
    projects = inputs.projects
    if not projects:
        return [Paragraph.of(f"{inputs.year}年，本部门未安排专项（项目）支出。")]
    initial = sum((p.initial for p in projects), ZERO)
    adjusted = sum((p.adjusted for p in projects), ZERO)
    actual = sum((p.actual for p in projects), ZERO)
    key = [p for p in projects if p.is_key]
    head = (
        f"{inputs.year}年，本部门共安排专项{len(projects)}个"
        + (f"（其中重点项目{len(key)}个）" if key else "")
        + f"，年初预算{wan(initial)}，调整后预算{wan(adjusted)}，全年支出{wan(actual)}，"
        f"执行率{rate_text(actual, adjusted)}。其中："
    )
    parts = []
    for project in projects:
        part = (
            f"“{project.name}”年初预算{wan(project.initial)}，调整后预算{wan(project.adjusted)}，"
            f"支出{wan(project.actual)}，执行率{rate_text(project.actual, project.adjusted)}"
        )
        if project.stage:
            part += f"，目前处于{project.stage}阶段"
        parts.append(part)
    paragraphs = [Paragraph.of(head + "；".join(parts) + "。")]
    for project in projects:
        if project.outputs:
            paragraphs.append(Paragraph.of(f"“{project.name}”：" + "；".join(project.outputs) + "。"))
    return paragraphs


def _section_three(inputs: ReportInputs, defaults: dict[str, str]) -> Section:
    return Section(
        1,
        "部门专项组织实施情况",
        (
            Section(2, "专项资金安排及使用情况", tuple(_projects_text(inputs))),
            Section(
                2,
                "专项组织情况分析",
                _paragraphs(_narrative(inputs, "projects_organisation", defaults)) or (Paragraph.of("无。"),),
            ),
            Section(
                2,
                "专项管理情况分析",
                _paragraphs(_narrative(inputs, "projects_management", defaults)) or (Paragraph.of("无。"),),
            ),
        ),
    )


# --- 四、资产管理情况 ---------------------------------------------------------------------------


def _section_four(inputs: ReportInputs, defaults: dict[str, str]) -> Section:
    children: list[Block] = []
    assets = inputs.assets
    if assets is not None:
        text = (
            f"截至{inputs.year}年末，本单位固定资产原值{wan(assets.total_value)}"
            + (f"（共{assets.count}项）" if assets.count is not None else "")
            + f"，其中在用{wan(assets.in_use_value)}，固定资产利用率{rate_text(assets.in_use_value, assets.total_value)}。"
        )
        if assets.added_value is not None:
            text += f"本年新增固定资产{wan(assets.added_value)}"
            text += f"，处置{wan(assets.disposed_value)}。" if assets.disposed_value is not None else "。"
        if assets.vehicles is not None:
            text += f"年末公务用车{assets.vehicles}辆。" if assets.vehicles else "本单位无公务用车。"
        if assets.idle_names:
            text += "闲置资产有：" + "、".join(f"“{n}”" for n in assets.idle_names) + "。"
        children.append(Paragraph.of(text))
    children += _paragraphs(_narrative(inputs, "assets_management", defaults))
    return Section(1, "资产管理情况", tuple(children) or (Paragraph.of("无。"),))


# --- 五、部门整体支出绩效情况 ------------------------------------------------------------------


def goals_table(inputs: ReportInputs) -> Table:
    return Table(
        caption=f"{inputs.year}年度绩效目标完成情况",
        header_rows=(
            tuple(HeaderCell(h) for h in ("指标类别", "绩效指标", "年度指标值", "实际完成值", "完成情况")),
        ),
        body_rows=tuple((r.level, r.name, r.target, r.actual, r.result) for r in inputs.goal_rows or ()),
    )


def indicators_table(inputs: ReportInputs) -> Table:
    rows = []
    for value in compute_all(inputs.facts).values():
        if value.status is IndicatorStatus.COMPUTED:
            result = _calculation(value)
        elif value.status is IndicatorStatus.NOT_APPLICABLE:
            result = "分母为0，不适用（计满分）"
        else:
            result = "缺少" + "、".join(value.missing)
        rows.append((value.name, value.formula.split(" = ", 1)[-1], result))
    return Table(
        caption=f"{inputs.year}年度部门整体支出绩效指标计算情况",
        header_rows=(tuple(HeaderCell(h) for h in ("指标", "计算公式", "计算过程及结果")),),
        body_rows=tuple(rows),
    )


def _calculation(value) -> str:
    if value.status is IndicatorStatus.NO_DATA:
        return "缺少" + "、".join(value.missing)
    parts = value.text.split(" = ")
    return " = ".join(parts[2:]) if len(parts) > 2 else value.text


def _score_paragraphs(inputs: ReportInputs, defaults: dict[str, str]) -> list[Paragraph]:
    sheet = inputs.score
    levels = "、".join(
        f"{level.name}{points_text(level.score)}分（满分{points_text(level.points)}分）"
        for level in sheet.levels
    )
    text = (
        f"按照《{sheet.framework_name}》（满分{points_text(sheet.points_total)}分）逐项评分，"
        f"本部门{inputs.year}年度整体支出绩效{sheet.conclusion}"
    )
    if levels:
        text += f"其中：{levels}。"
    paragraphs = [Paragraph.of(text)]
    not_applicable = sheet.not_applicable
    if not_applicable:
        names = "、".join(f"“{row.name}”" for row in not_applicable)
        paragraphs.append(Paragraph.of(f"{names}因计算分母为零不适用，按评分规则计满分。"))
    missing = sheet.missing
    if missing:
        names = "、".join(f"“{row.name}”" for row in missing)
        paragraphs.append(Paragraph.of(f"{names}缺少评价所需数据，暂未得分，详见附件1。"))
    paragraphs += list(_paragraphs(_narrative(inputs, "conclusion", defaults)))
    return paragraphs


def _section_five(inputs: ReportInputs, defaults: dict[str, str]) -> Section:
    children: list[Section] = []
    if inputs.activities:
        work = tuple(
            Section(
                3, group.heading, tuple(Paragraph.of(item) for item in group.items) or (Paragraph.of("无。"),)
            )
            for group in inputs.activities
        )
        children.append(Section(2, "年度主要工作完成情况", work))
    else:
        children.append(
            Section(
                2,
                "年度主要工作完成情况",
                _paragraphs(_narrative(inputs, "work", defaults)) or (Paragraph.of("无。"),),
            )
        )
    if inputs.goal_rows:
        done = sum(1 for row in inputs.goal_rows if row.result in ("达成", "完成", "超额完成"))
        intro = Paragraph.of(
            f"本年度共设置绩效指标{len(inputs.goal_rows)}个，全面完成{done}个，"
            f"完成比例{rate_text(Decimal(done), Decimal(len(inputs.goal_rows)))}。绩效目标完成情况见下表。"
        )
        children.append(Section(2, "绩效目标完成情况", (intro, goals_table(inputs))))
    else:
        children.append(
            Section(
                2,
                "绩效目标完成情况",
                (Paragraph.of("本年度部门整体绩效目标及完成值尚未在系统中登记，无法逐项比对。"),),
            )
        )
    children.append(
        Section(
            2,
            "绩效指标计算情况",
            (
                Paragraph.of(
                    "按部门整体支出绩效评价指标的计算口径，由全年预算、决算及相关台账数据计算如下。"
                ),
                indicators_table(inputs),
            ),
        )
    )
    children.append(Section(2, "自评得分及等级", tuple(_score_paragraphs(inputs, defaults))))
    return Section(1, "部门整体支出绩效情况", tuple(children))


# --- 六、七 -------------------------------------------------------------------------------------


def _section_six(inputs: ReportInputs) -> Section:
    if not inputs.problems:
        return Section(1, "存在的主要问题", (Paragraph.of("经对照全年数据，未发现需要单独列示的问题。"),))
    children: list[Paragraph] = []
    for line, problem in zip(problems_text(inputs.problems).splitlines(), inputs.problems, strict=True):
        children.append(Paragraph.of(line))
        if problem.evidence:
            evidence = "；".join(f"{e.label}：{e.detail}" for e in problem.evidence)
            children.append(Paragraph.of(f"依据：{evidence}。".replace("。。", "。")))
    return Section(1, "存在的主要问题", tuple(children))


def _section_seven(inputs: ReportInputs) -> Section:
    if not inputs.suggestions:
        return Section(
            1, "改进措施和建议", (Paragraph.of("继续加强预算绩效管理，保持预算执行和资金使用的规范性。"),)
        )
    groups = tuple(
        Section(
            2,
            suggestion.heading,
            tuple(Paragraph.of(f"{index}.{item}") for index, item in enumerate(suggestion.items, start=1)),
        )
        for suggestion in inputs.suggestions
    )
    return Section(1, "改进措施和建议", groups)


# --- annexes ------------------------------------------------------------------------------------


def score_table(inputs: ReportInputs) -> Table:
    sheet = inputs.score
    rows = []
    for row in sheet.rows:
        note = row.reason
        if row.status is RowStatus.NOT_APPLICABLE:
            note = "不适用，计满分"
        basis = row.basis
        if row.indicator is not None and row.status is RowStatus.SCORED:
            basis = _calculation(row.indicator)  # the formula itself is printed in part 五
        rows.append(
            (
                row.level1,
                row.level2,
                row.name,
                points_text(row.points),
                points_text(row.score),
                basis,
                note,
            )
        )
    rows.append(
        (
            "合计",
            "",
            "",
            points_text(sheet.points_total),
            points_text(sheet.total),
            f"评价等级：{sheet.grade.value}",
            "",
        )
    )
    return Table(
        caption="",
        unit="单位：分",
        header_rows=(
            tuple(
                HeaderCell(h)
                for h in (
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "分值",
                    "自评得分",
                    "评分依据（计算过程）",
                    "扣分原因和其他说明",
                )
            ),
        ),
        body_rows=tuple(rows),
        total_row=True,
        number_columns=(3, 4),
    )


def _optional_wan(value: Decimal | None) -> str:
    return "—" if value is None else wan_fixed(value)


def basic_data_tables(inputs: ReportInputs) -> tuple[Table, Table]:
    data = basic_data_table(inputs.facts)
    staff = Table(
        caption="财政供养人员情况",
        header_rows=(tuple(HeaderCell(h) for h in ("编制数", "实际在职人数", "控制率")),),
        body_rows=(
            (
                "—" if data.staff_quota is None else str(data.staff_quota),
                "—" if data.staff_actual is None else str(data.staff_actual),
                data.staff_control.percent_text()
                if data.staff_control.status is not IndicatorStatus.NO_DATA
                else "—",
            ),
        ),
        unit="单位：人",
        number_columns=(0, 1, 2),
        numbered=False,
    )
    money = Table(
        caption="经费控制情况",
        header_rows=(tuple(HeaderCell(h) for h in ("项目", "上年决算数", "本年预算数", "本年决算数")),),
        body_rows=tuple(
            (
                ("　" * row.depth) + row.label,
                _optional_wan(row.previous_actual),
                _optional_wan(row.budget),
                _optional_wan(row.actual),
            )
            for row in data.rows
        ),
        unit="单位：万元",
        number_columns=(1, 2, 3),
        note="注：本年预算数为调整后预算数；“—”表示系统中无该项数据。",
        numbered=False,
    )
    return staff, money


# --- the report ---------------------------------------------------------------------------------


def compose_evaluation_report(inputs: ReportInputs) -> Report:
    defaults = default_narratives(inputs)
    overview = _paragraphs(_narrative(inputs, "overview", defaults)) or (Paragraph.of(overview_text(inputs)),)
    sections = (
        Section(1, "部门概况", overview),
        _section_two(inputs),
        _section_three(inputs, defaults),
        _section_four(inputs, defaults),
        _section_five(inputs, defaults),
        _section_six(inputs),
        _section_seven(inputs),
    )
    staff, money = basic_data_tables(inputs)
    annexes = (
        Annex(
            title=f"{inputs.year}年度部门整体支出绩效评价评分表",
            children=(score_table(inputs),),
            landscape=True,
        ),
        Annex(title=f"{inputs.year}年度部门整体支出绩效评价基础数据表", children=(staff, money)),
    )
    return Report(
        title=report_title(inputs),
        year=inputs.year,
        department=inputs.department,
        sections=sections,
        signature=inputs.department,
        date=inputs.as_of,
        annexes=annexes,
        metadata=ReportMetadata(
            demo=inputs.demo,
            department_code=inputs.department_code,
            framework=inputs.score.framework_name,
            version=inputs.version,
        ),
    )
