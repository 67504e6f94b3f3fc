"""Compose the annual 部门整体支出绩效评价报告 from ``ReportInputs`` along an outline (pure; no database).

The outline is data (``outlines``): the seed's seven parts or the Hunan 自评 template, numbered by
the outline module (never typed here). Each content block of an outline is made by one function
below from the same inputs, so both outlines say the same things from the same facts. Every figure
comes from the inputs, worded by ``jixiao.domain.money``/``wording``; narrative paragraphs have a
data-derived default that the officer's saved text replaces.

The composer also records how the parts relate (``ReportTrace``: each deduction, the numbered
problems and what they cover, each measure and the problem it answers …), and lists what keeps
the report from being final (``Report.draft``): an unscored item, an unconfirmed problem, an empty
or placeholder paragraph, an unexplained movement, or a finding of the consistency pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from jixiao.domain.classification import default_fund_source, economic_name
from jixiao.domain.facts import DepartmentYearFacts, FundKind, SanGongItem
from jixiao.domain.figures import source_rows
from jixiao.domain.indicators import IndicatorStatus, basic_data_table, compute_all, cost_budget_links
from jixiao.domain.money import rate_text, round_half_up, wan, wan_fixed
from jixiao.domain.report.chart_data import (
    budget_composition_chart,
    monthly_execution_chart,
    sangong_chart,
    year_on_year_chart,
)
from jixiao.domain.report.document import (
    Annex,
    Block,
    Chart,
    HeaderCell,
    Paragraph,
    Report,
    ReportMetadata,
    Section,
    Table,
)
from jixiao.domain.report.inputs import GoalRow, ProjectSummary, ReportInputs
from jixiao.domain.report.movements import movements
from jixiao.domain.report.outline import chinese_number
from jixiao.domain.report.outlines import FUND_SOURCE, NARRATIVE, Outline, OutlineInvalid, load_outline
from jixiao.domain.report.placeholders import placeholder, placeholders
from jixiao.domain.scoring import RowStatus, points_text
from jixiao.domain.wording import BUDGET_WORDING, CONTROL_WORDING, change_text

ZERO = Decimal("0.00")
PLACEHOLDER = placeholders().marker  # the texts are data: jixiao/data/report/placeholders.yaml

# Editable narrative paragraphs: key → label (shown on the edit page). An outline prints a subset.
NARRATIVE_KEYS: tuple[tuple[str, str], ...] = (
    ("overview", "部门概况"),
    ("projects_organisation", "专项组织情况"),
    ("projects_management", "专项管理情况"),
    ("assets_management", "资产管理情况（制度与管理）"),
    ("work", "年度主要工作（无履职活动记录时）"),
    ("conclusion", "评价结论补充说明（可不填）"),
    ("application", "自评结果拟应用和公开情况"),
    ("other", "其他需要说明的情况"),
)
NARRATIVE_LABELS = dict(NARRATIVE_KEYS)
OPTIONAL_NARRATIVES = frozenset({"conclusion"})


# --- what the report knows about itself -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TracedProblem:
    number: int
    key: str
    text: str
    basis: str
    evidence: int
    covers: tuple[str, ...]
    confirmed: bool
    mentions: str = ""  # the problem's text and its evidence, for "does 六 mention X"


@dataclass(frozen=True, slots=True)
class ReportTrace:
    """How the parts of a composed report relate, for the consistency pass."""

    outline: str
    deductions: tuple[tuple[str, str, Decimal], ...] = ()  # (row key, row name, points lost)
    unscored: tuple[str, ...] = ()  # row names
    problems: tuple[TracedProblem, ...] = ()
    measures: tuple[tuple[str, str], ...] = ()  # (measure text, key of the problem it answers)
    open_inspections: tuple[str, ...] = ()  # 专项 names with a finding not yet 销号
    refused_attempts: int = 0
    control_stated: bool = False
    misuse_from_refusals: str = ""  # a 资金使用合规性 deduction resting only on refused requests
    narratives_missing: tuple[str, ...] = ()
    movements_unexplained: tuple[str, ...] = ()


@dataclass
class _Context:
    inputs: ReportInputs
    outline: Outline
    defaults: dict[str, str]
    used_narratives: list[str] = field(default_factory=list)
    measures: list[tuple[str, str]] = field(default_factory=list)
    control_stated: bool = False
    problems_heading: str = ""
    counters: dict[str, int] = field(default_factory=lambda: {"表": 0, "图": 0})
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    draft: bool = False  # a 草稿 states its score but leaves the grade blank


# --- narratives -----------------------------------------------------------------------------------


def report_title(inputs: ReportInputs, outline: Outline | None = None) -> str:
    return (outline or load_outline()).report_title(year=inputs.year, department=inputs.department)


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


def _quota_text(inputs: ReportInputs) -> str:
    quota = inputs.profile.staffing_quota
    return f"核定编制{quota}名。" if quota is not None else ""


def _nature_text(inputs: ReportInputs) -> str:
    profile = inputs.profile
    first = profile.name
    if profile.nature:
        first += f"是{profile.nature}"
    if profile.duties:
        first += f"，{profile.duties}"
    return first.rstrip("。") + "。" if (profile.nature or profile.duties) else ""


def overview_text(inputs: ReportInputs) -> str:
    """The seed's 部门概况 paragraph, every count from the profiles."""
    return _nature_text(inputs) + _units_text(inputs) + _staff_text(inputs) + _quota_text(inputs)


def default_narratives(inputs: ReportInputs) -> dict[str, str]:
    """Pre-filled narrative paragraphs, each stated only as far as the data shows it; where the
    data cannot say it, a 【待填写】 placeholder that keeps the report a 草稿 until written."""
    projects = inputs.projects or ()
    transfers = len(inputs.facts.transfers)
    organisation = (
        f"本年度共实施专项{len(projects)}个，均纳入部门预算管理，按项目单独设置预算指标，"
        "明确项目内容和责任股室，项目支出按预算批复的用途执行。"
        if projects
        else "本年度未安排专项。"
    )
    management = "专项资金实行按项目单独核算，每笔支出均须有对应的预算指标，经审核后支付。" + (
        f"全年经批准执行预算调剂{transfers}笔。" if transfers else ""
    )
    if inputs.assets is not None:
        assets_text = "本单位固定资产由办公室统一登记造册、建立台账，资产购置和处置按规定报批。"
    else:
        assets_text = placeholder("assets_management")
    application = (
        "本部门将对自评发现的问题逐项制定整改措施，整改情况和自评结果作为下一年度部门预算编制和绩效目标设定的依据；"
        "本报告及评分表按预算法规定在部门决算批复后20日内随部门决算一并公开。"
    )
    return {
        "overview": overview_text(inputs),
        "projects_organisation": organisation,
        "projects_management": management,
        "assets_management": assets_text,
        "work": placeholder("work"),
        "conclusion": "",
        "application": application,
        "other": "本年度无其他需要说明的情况。",
    }


def narrative_text(inputs: ReportInputs, key: str, defaults: dict[str, str] | None = None) -> str:
    saved = inputs.narrative(key)
    if saved is not None:
        return saved
    return (defaults if defaults is not None else default_narratives(inputs)).get(key, "")


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph.of(line.strip()) for line in text.splitlines() if line.strip())


def narrative_missing(text: str) -> bool:
    return not text.strip() or placeholders().found_in(text)


# --- 部门概况 (Hunan: 主要职能 / 机构情况 / 人员情况) -------------------------------------------------


def _profile_duties(ctx: _Context) -> list[Block]:
    text = _nature_text(ctx.inputs)
    return [Paragraph.of(text or placeholder("duties"))]


def _profile_units(ctx: _Context) -> list[Block]:
    units = ctx.inputs.profile.internal_units
    if not units:
        return [Paragraph.of(f"{ctx.inputs.department}未设内设机构。")]
    names = [unit.name for unit in units if unit.name]
    if len(names) != len(units):
        return [Paragraph.of(_units_text(ctx.inputs))]
    listed = "、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else names[0]
    return [Paragraph.of(f"根据编委核定，本单位内设机构{len(names)}个，分别为{listed}。")]


def _profile_staff(ctx: _Context) -> list[Block]:
    text = _quota_text(ctx.inputs) + _staff_text(ctx.inputs)
    return [Paragraph.of(text or placeholder("staffing"))]


# --- 部门整体支出情况 ------------------------------------------------------------------------------


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


def _composition(inputs: ReportInputs) -> Chart | None:
    facts = inputs.facts
    if facts.total.initial <= 0:
        return None
    return budget_composition_chart(
        personnel=facts.basic_personnel.initial,
        public=facts.basic_public.initial,
        project=facts.project_total.initial,
        year=inputs.year,
        title=f"{inputs.year}年度年初预算支出构成",
    )


def _year_on_year(inputs: ReportInputs) -> Chart | None:
    facts, previous = inputs.facts, inputs.facts.previous
    if previous is None:
        return None
    rows = [
        ("基本支出", facts.basic.initial, previous.basic_initial),
        ("项目支出", facts.project_total.initial, previous.project_initial),
    ]
    return year_on_year_chart(
        rows, year=inputs.year, title=f"{inputs.year}年与{inputs.year - 1}年年初预算对比"
    )


def _sangong(inputs: ReportInputs) -> Chart | None:
    facts = inputs.facts
    if not facts.san_gong:
        return None
    groups = (
        ("因公出国（境）费", (SanGongItem.ABROAD,)),
        ("公务接待费", (SanGongItem.RECEPTION,)),
        ("公务用车购置及运行维护费", (SanGongItem.VEHICLE_PURCHASE, SanGongItem.VEHICLE_RUNNING)),
    )

    def total(items, attribute):
        values = [getattr(facts.san_gong_item(item), attribute, None) for item in items]
        return None if any(v is None for v in values) else sum(values, ZERO)

    rows = [
        (label, total(items, "previous_actual"), total(items, "budget"), total(items, "actual"))
        for label, items in groups
    ]
    if all(not any(values[1:]) for values in rows):
        return None  # no 三公 figure in either year: nothing to draw
    return sangong_chart(rows, year=inputs.year, title=f"{inputs.year}年度“三公”经费预算与决算对比")


def _monthly(inputs: ReportInputs) -> Chart | None:
    budget = inputs.facts.total.adjusted
    if not inputs.monthly_spending or budget <= 0:
        return None
    return monthly_execution_chart(list(inputs.monthly_spending), budget=budget, year=inputs.year)


CHARTS: dict[str, Callable[[ReportInputs], Chart | None]] = {
    "composition_chart": _composition,
    "year_on_year_chart": _year_on_year,
    "sangong_chart": _sangong,
    "monthly_chart": _monthly,
}
CHART_SUBJECTS = {
    "composition_chart": "年初预算支出构成",
    "year_on_year_chart": "基本支出、项目支出年初预算与上年对比",
    "sangong_chart": "“三公”经费分项预算与决算对比",
    "monthly_chart": "逐月累计执行进度与序时进度对比",
}


def _ref(kind: str, key: str) -> str:
    return f"〔{kind}:{key}〕"


def _tag(ctx: _Context, block: Chart | Table, key: str) -> Chart | Table:
    """Number a table or chart in document order and remember the number its citations take."""
    kind = "图" if isinstance(block, Chart) else "表"
    ctx.counters[kind] += 1
    ctx.numbers[(kind, key)] = ctx.counters[kind]
    return replace(block, number=ctx.counters[kind])


def _chart_block(key: str) -> Callable[[_Context], list[Block]]:
    def make(ctx: _Context) -> list[Block]:
        chart = CHARTS[key](ctx.inputs)
        return [] if chart is None else [_tag(ctx, chart, key)]

    return make


def _figures_guide(ctx: _Context) -> list[Block]:
    """One sentence citing the table and each chart of this part by number."""
    keys = ctx.outline.content_keys()
    parts = []
    if "execution_table" in keys and ctx.inputs.execution:
        parts.append(f"本年度预算及决算执行情况见{_ref('表', 'execution_table')}")
    if "sources_table" in keys and sources_table(ctx.inputs) is not None:
        parts.append(f"按资金来源的收入支出决算见{_ref('表', 'sources_table')}")
    # the charts this part shows (those of the same outline node, in order)
    node = next(
        (n for s in ctx.outline.sections for n in s.walk() if "figures_guide" in n.content),
        None,
    )
    nearby = [k for n in (node.walk() if node else ()) for k in n.content if k in CHARTS]
    for key in nearby:
        if CHARTS[key](ctx.inputs) is not None:
            parts.append(f"{CHART_SUBJECTS[key]}见{_ref('图', key)}")
    if not parts:
        return []
    return [Paragraph.of("；".join(parts) + "。")]


def _execution_table(ctx: _Context) -> list[Block]:
    if not ctx.inputs.execution:
        return []
    return [_tag(ctx, final_accounts_table(ctx.inputs), "execution_table")]


def _sources_table(ctx: _Context) -> list[Block]:
    table = sources_table(ctx.inputs)
    return [] if table is None else [_tag(ctx, table, "sources_table")]


def _section_two(ctx: _Context) -> list[Block]:
    return [Paragraph.of(text) for text in ctx.inputs.section_two]


def _movement_blocks(ctx: _Context) -> list[Block]:
    blocks: list[Block] = []
    for movement in movements(ctx.inputs.facts):
        explanation = (ctx.inputs.narrative(movement.narrative_key) or "").strip().rstrip("。")
        if explanation:
            blocks.append(Paragraph.of(f"{movement.statement}，主要原因是：{explanation}。"))
        else:
            blocks.append(Paragraph.of(f"{movement.statement}，{placeholder('movement_reason')}"))
    return blocks


def _public_budget_overview(ctx: _Context) -> list[Block]:
    facts = ctx.inputs.facts
    initial, adjusted, actual = facts.total.initial, facts.total.adjusted, facts.total.actual or ZERO
    general = next((s for s in facts.sources if s.source == default_fund_source()), None)
    mixed = any(s is not general and (s.adjusted or s.actual) for s in facts.sources)
    if general is not None and mixed:
        # other sources too: this part speaks of the 一般公共预算 money only
        initial, adjusted, actual = general.initial, general.adjusted, general.actual
    text = (
        f"{ctx.inputs.year}年，本部门一般公共预算财政拨款年初预算{wan(initial)}，"
        f"调整后预算{wan(adjusted)}，全年支出{wan(actual)}，"
        f"预算执行率{rate_text(actual, adjusted)}。"
    )
    previous = facts.previous
    if previous is not None and not mixed:
        text += f"年初预算{change_text(initial, previous.total_initial, BUDGET_WORDING)}。"
    return [Paragraph.of(text)]


def _basic_spending(ctx: _Context) -> list[Block]:
    facts, previous = ctx.inputs.facts, ctx.inputs.facts.previous
    basic = facts.basic
    text = (
        f"基本支出年初预算{wan(basic.initial)}，调整后预算{wan(basic.adjusted)}，"
        f"决算{wan(basic.actual or ZERO)}，执行率{rate_text(basic.actual or ZERO, basic.adjusted)}。"
    )
    parts = []
    explained = {m.key for m in movements(facts)} if "movements" in ctx.outline.content_keys() else set()
    for key, name, line, prior in (
        ("personnel", "人员经费", facts.basic_personnel, previous.personnel_actual if previous else None),
        ("public", "公用经费", facts.basic_public, previous.public_actual if previous else None),
    ):
        part = f"{name}决算{wan(line.actual or ZERO)}"
        # a movement explained below is stated there, with its reason, not twice
        if prior is not None and line.actual is not None and f"{key}_actual" not in explained:
            part += f"，{change_text(line.actual, prior, BUDGET_WORDING)}"
        parts.append(part)
    return [Paragraph.of(text + "其中：" + "；".join(parts) + "。")]


def _sangong_spending(ctx: _Context) -> list[Block]:
    facts = ctx.inputs.facts
    actual, previous = facts.san_gong_total("actual"), facts.san_gong_total("previous_actual")
    budget = facts.san_gong_total("budget")
    if actual is None:
        return [Paragraph.of(placeholder("sangong"))]
    text = f"{ctx.inputs.year}年，“三公”经费预算{wan(budget or ZERO)}，实际支出{wan(actual)}"
    if previous is not None:
        text += f"，{change_text(actual, previous, CONTROL_WORDING)}"
    items = []
    for label, members in (
        ("因公出国（境）费", (SanGongItem.ABROAD,)),
        ("公务接待费", (SanGongItem.RECEPTION,)),
        ("公务用车购置及运行维护费", (SanGongItem.VEHICLE_PURCHASE, SanGongItem.VEHICLE_RUNNING)),
    ):
        values = [getattr(facts.san_gong_item(m), "actual", None) for m in members]
        items.append(f"{label}{wan(sum((v for v in values if v is not None), ZERO))}")
    text += "。其中：" + "，".join(items) + "。"
    if "sangong_chart" in ctx.outline.content_keys() and _sangong(ctx.inputs) is not None:
        text += f"分项情况见{_ref('图', 'sangong_chart')}。"
    return [Paragraph.of(text)]


def _fund_source(source: str) -> Callable[[_Context], list[Block]]:
    def make(ctx: _Context) -> list[Block]:
        spent = dict(ctx.inputs.spending_by_source).get(source)
        name = source.removesuffix("财政拨款")
        if not spent:
            return [Paragraph.of(f"{ctx.inputs.year}年度，本部门无{name}支出。")]
        return [Paragraph.of(f"{ctx.inputs.year}年度，本部门{name}支出{wan(spent)}。")]

    return make


# --- 专项 ---------------------------------------------------------------------------------------


def year_end_state(project: ProjectSummary) -> str:
    """How a project stands at year end, in the words a reviewer expects: 已完成并通过验收 /
    督查问题整改中 / 已实施完毕，尚待验收 … A project with no 专项 file has no stage to state."""
    if not project.has_file:
        return ""
    if project.accepted_on is not None:
        return f"已完成并通过验收（{project.accepted_on.month}月{project.accepted_on.day}日）"
    if project.open_findings:
        return "督查发现的问题整改中"
    if project.pending_milestones:
        done = project.milestones - len(project.pending_milestones)
        names = "、".join(f"“{name}”" for name in project.pending_milestones)
        return f"{project.milestones}个关键节点已完成{done}个，{names}尚未完成"
    if project.milestones:
        return "各关键节点均已完成，尚待验收"
    if project.actual > 0:
        return "已实施，尚待验收"
    return "尚未实施"


def _projects_funds(ctx: _Context) -> list[Block]:
    inputs = ctx.inputs
    projects = inputs.projects
    if not projects:
        return [Paragraph.of(f"{inputs.year}年，本部门未安排专项（项目）支出。")]
    initial = sum((p.initial for p in projects), ZERO)
    adjusted = sum((p.adjusted for p in projects), ZERO)
    actual = sum((p.actual for p in projects), ZERO)
    key = [p for p in projects if p.is_key]
    if len(projects) == 1:
        project = projects[0]
        text = (
            f"{inputs.year}年，本部门安排专项1个，即“{project.name}”"
            + ("（重点项目）" if project.is_key else "")
            + f"，年初预算{wan(project.initial)}"
            + (f"，调整后预算{wan(project.adjusted)}" if project.adjusted != project.initial else "")
            + f"，全年支出{wan(project.actual)}，执行率{rate_text(project.actual, project.adjusted)}"
        )
        state = year_end_state(project)
        paragraphs = [Paragraph.of(text + (f"，{state}" if state else "") + "。")]
        if project.outputs:
            paragraphs.append(Paragraph.of(f"“{project.name}”" + "；".join(project.outputs) + "。"))
        return paragraphs
    head = (
        f"{inputs.year}年，本部门共安排专项{len(projects)}个"
        + (f"（其中重点项目{len(key)}个）" if key else "")
        + f"，年初预算{wan(initial)}，调整后预算{wan(adjusted)}，全年支出{wan(actual)}，"
        f"执行率{rate_text(actual, adjusted)}。其中："
    )
    parts = []
    for project in projects:
        part = f"“{project.name}”年初预算{wan(project.initial)}"
        if project.adjusted != project.initial:
            part += f"，调整后预算{wan(project.adjusted)}"
        part += f"，支出{wan(project.actual)}，执行率{rate_text(project.actual, project.adjusted)}"
        state = year_end_state(project)
        if state:
            part += f"，{state}"
        parts.append(part)
    paragraphs = [Paragraph.of(head + "；".join(parts) + "。")]
    for project in projects:
        if project.outputs:
            paragraphs.append(Paragraph.of(f"“{project.name}”" + "；".join(project.outputs) + "。"))
    return paragraphs


def _control_working(ctx: _Context) -> list[Block]:
    """Refused spending requests, reported as what they are: the budget control working."""
    attempts = ctx.inputs.facts.cross_use_attempts
    if not attempts:
        return []
    ctx.control_stated = True
    described = []
    for attempt in attempts:
        code = (
            f"经济分类为{attempt.economic_code}{economic_name(attempt.economic_code) or ''}的"
            if attempt.economic_code
            else ""
        )
        target = attempt.target.label if attempt.target is not FundKind.PROJECT else "项目支出"
        use = attempt.description or f"{attempt.source.label}指标"
        described.append(f"{code}{target}拟使用{use}支付")
    if len(attempts) == 1:
        text = f"全年有1笔{described[0]}的支出申请被预算控制拒绝，未形成支出"
    else:
        text = f"全年有{len(attempts)}笔跨基本支出与项目支出使用资金的支出申请被预算控制拒绝，均未形成支出"
    text += "，基本支出与项目支出分别控制、不得串用的机制运行有效。"
    return [Paragraph.of(text)]


# --- 资产 --------------------------------------------------------------------------------------


def _assets(ctx: _Context) -> list[Block]:
    inputs, assets = ctx.inputs, ctx.inputs.assets
    if assets is None:
        return []
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
    return [Paragraph.of(text)]


# --- 绩效情况 ------------------------------------------------------------------------------------

_LEADS = "一二三四五六七八九十"


def _lead(index: int) -> str:
    return f"{chinese_number(index)}是" if index > 10 else f"{_LEADS[index - 1]}是"


def _work(ctx: _Context) -> list[Block]:
    inputs = ctx.inputs
    if not inputs.activities:
        ctx.used_narratives.append("work")
        return list(_paragraphs(narrative_text(inputs, "work", ctx.defaults)))
    groups: list[Block] = []
    for group in inputs.activities:
        # 一是…二是… when a group has several points; a single point stands alone
        leads = len(group.items) > 1
        paragraphs = [
            Paragraph.of(f"{_lead(i) if leads else ''}{item}") for i, item in enumerate(group.items, start=1)
        ]
        if group.summary:
            paragraphs.append(Paragraph.of(group.summary))
        groups.append(Section(3, group.heading, tuple(paragraphs) or (Paragraph.of("无。"),)))
    if inputs.work_summary:
        groups.append(Paragraph.of(inputs.work_summary))
    return groups


def goal_value_text(goal, value: Decimal | None) -> str:
    """A goal's figure as the report prints it: money of 1万元 or more in 万元 where that is exact
    to the cent of 万元 (else in 元, the cell saying so), a percentage to one decimal, anything else
    as recorded."""
    if value is None:
        return ""
    if goal.unit == "元" and abs(value) >= 10000 and value % 100 == 0:
        return wan(value)
    if goal.unit == "%":
        return f"{round_half_up(value, 1)}%"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}{goal.unit}"


def goal_rows_of(facts: DepartmentYearFacts) -> tuple[GoalRow, ...] | None:
    """The department goals against their year-end results, for the 绩效目标完成情况 table."""
    goals = [goal for goal in facts.goals if goal.project is None]
    if not goals:
        return None
    links = {link.goal: link for link in cost_budget_links(facts) if link.changed}
    rows = []
    for goal in goals:
        if goal.operator is not None and goal.target is not None:
            target = f"{goal.operator}{goal_value_text(goal, goal.target)}"
        else:
            target = goal.target_text
        link = links.get(goal.name)
        if link is not None:
            target += f"（预算调整后{goal_value_text(goal, link.adjusted_target)}）"
        actual = goal_value_text(goal, goal.actual) if goal.actual is not None else goal.actual_text
        if goal.achievement is not None:
            result = goal.achievement.value
        elif goal.actual is not None and goal.target is not None and goal.operator:
            bound = link.adjusted_target if link is not None else goal.target
            met = {
                "≥": goal.actual >= bound,
                "≤": goal.actual <= bound,
                "=": goal.actual == bound,
                ">": goal.actual > bound,
                "<": goal.actual < bound,
            }[goal.operator]
            result = ("达成" if met else "未达成") + ("（按调整后预算）" if link is not None else "")
        else:
            result = "未填报"
        rows.append(GoalRow(f"{goal.level1}/{goal.level2}", goal.name, target, actual or "—", result))
    return tuple(rows)


def goals_table(inputs: ReportInputs) -> Table:
    return Table(
        caption=f"{inputs.year}年度绩效目标完成情况",
        header_rows=(
            tuple(
                HeaderCell(h)
                for h in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "完成情况")
            ),
        ),
        body_rows=tuple(
            (
                *(r.level.split("/", 1) if "/" in r.level else (r.level, "")),
                r.name,
                r.target,
                r.actual,
                r.result,
            )
            for r in inputs.goal_rows or ()
        ),
        merge_columns=(0, 1),
    )


def _goals(ctx: _Context) -> list[Block]:
    inputs = ctx.inputs
    if not inputs.goal_rows:
        return [Paragraph.of(placeholder("goals"))]
    rows = inputs.goal_rows
    done = sum(1 for row in rows if row.result.startswith(("达成", "完成", "超额完成")))
    intro = (
        f"本年度共设置绩效指标{len(rows)}个，全面完成{done}个，"
        f"完成比例{rate_text(Decimal(done), Decimal(len(rows)))}，各项指标完成情况见{_ref('表', 'goals_table')}。"
    )
    blocks: list[Block] = [Paragraph.of(intro), _tag(ctx, goals_table(inputs), "goals_table")]
    links = [link for link in cost_budget_links(inputs.facts) if link.changed]
    if links:
        names = "、".join(f"“{link.goal}”" for link in links)
        blocks.append(
            Paragraph.of(
                f"成本指标{names}的目标值按年初预算设定，预算调整后按调整后预算衡量完成情况，"
                "目标值未同步调整的情况列入存在的问题。"
            )
        )
    return blocks


def _calculation(value) -> str:
    if value.status is IndicatorStatus.NO_DATA:
        return "缺少" + "、".join(value.missing)
    parts = value.text.split(" = ")
    return " = ".join(parts[2:]) if len(parts) > 2 else value.text


def indicators_table(inputs: ReportInputs) -> Table:
    rows = []
    for value in compute_all(inputs.facts).values():
        if value.status is IndicatorStatus.COMPUTED:
            result = _calculation(value)
        elif value.status is IndicatorStatus.NOT_APPLICABLE:
            result = "分母为0，无法按公式计算"
        else:
            result = "缺少" + "、".join(value.missing)
        rows.append((value.name, value.formula.split(" = ", 1)[-1], result))
    return Table(
        caption=f"{inputs.year}年度部门整体支出绩效指标计算情况",
        header_rows=(tuple(HeaderCell(h) for h in ("指标", "计算公式", "计算过程及结果")),),
        body_rows=tuple(rows),
    )


def _indicators(ctx: _Context) -> list[Block]:
    return [
        Paragraph.of(
            f"按部门整体支出绩效评价指标的计算口径，由全年预算、决算及相关台账数据计算，结果见{_ref('表', 'indicators_table')}。"
        ),
        _tag(ctx, indicators_table(ctx.inputs), "indicators_table"),
    ]


def _score(ctx: _Context) -> list[Block]:
    inputs, sheet = ctx.inputs, ctx.inputs.score
    levels = "、".join(
        f"{level.name}{points_text(level.score)}分（满分{points_text(level.points)}分）"
        for level in sheet.levels
    )
    head = f"按照《{sheet.framework_name}》（满分{points_text(sheet.points_total)}分）逐项评分，"
    if sheet.complete and not ctx.draft:
        text = head + f"本部门{inputs.year}年度整体支出绩效{sheet.conclusion}"
    elif sheet.complete:
        text = (
            head + f"本部门{inputs.year}年度整体支出绩效自评得分{points_text(sheet.total)}分；"
            "本稿尚为草稿，评价等级待报告定稿后确定。"
        )
    else:
        names = "、".join(f"“{row.name}”" for row in sheet.missing)
        text = (
            head + f"截至目前已评分项合计{points_text(sheet.total)}分；{names}尚未评分，"
            "评价等级待全部评分项评定后确定。"
        )
    if levels:
        text += f"其中：{levels}。"
    paragraphs = [Paragraph.of(text)]
    for row in sheet.not_applicable:
        paragraphs.append(Paragraph.of(f"“{row.name}”{row.applicability}，计满分。"))
    lost = [row for row in sheet.rows if row.deducted > 0 and not row.status.unscored]
    if lost:
        heading = ctx.problems_heading or "存在的主要问题"
        paragraphs.append(
            Paragraph.of(
                f"共有{len(lost)}项评分项未得满分，合计扣{points_text(sum((r.deducted for r in lost), ZERO))}分，"
                f"扣分原因在“{heading}”部分逐项说明，评分过程见附件1。"
            )
        )
    return paragraphs


# --- 问题与改进措施 ---------------------------------------------------------------------------------


def _problems(ctx: _Context) -> list[Block]:
    problems = ctx.inputs.problems
    if not problems:
        return [Paragraph.of("经对照全年数据和评分结果，未发现需要单独列示的问题。")]
    blocks: list[Block] = []
    for number, problem in enumerate(problems, start=1):
        blocks.append(Paragraph.of(f"{number}.{problem.text}"))
        if problem.basis:
            blocks.append(Paragraph.of(f"依据：{problem.basis.rstrip('。')}。"))
    return blocks


def _measures(ctx: _Context) -> list[Block]:
    suggestions = ctx.inputs.suggestions
    if not suggestions:
        return [Paragraph.of("继续加强预算绩效管理，保持预算执行和资金使用的规范性。")]
    groups = []
    for suggestion in suggestions:
        items = []
        for index, item in enumerate(suggestion.items, start=1):
            items.append(Paragraph.of(f"{index}.{item}"))
            answers = suggestion.follows_from[index - 1] if index - 1 < len(suggestion.follows_from) else ""
            ctx.measures.append((item, answers))
        groups.append(Section(2, suggestion.heading, tuple(items)))
    return groups


# --- annexes ------------------------------------------------------------------------------------


def score_table(inputs: ReportInputs, draft: bool = False) -> Table:
    """附件1 评分表 as the 岳阳 table lays it out: 一级 | 二级 | 三级 | 评分标准 | 分值 | 自评得分 | 扣分原因和其他说明."""
    sheet = inputs.score
    rows = []
    for row in sheet.rows:
        calculation = _calculation(row.indicator) if row.indicator is not None else ""
        if row.status is RowStatus.NOT_APPLICABLE:
            note = (
                f"{calculation}；{row.applicability}，计满分"
                if calculation
                else f"{row.applicability}，计满分"
            )
        elif row.reason:
            note = (
                f"计算：{calculation}；{row.reason}" if calculation and row.indicator.computed else row.reason
            )
        else:
            note = f"计算：{calculation}" if calculation and row.indicator.computed else row.basis
        rows.append(
            (
                row.level1,
                row.level2,
                row.name,
                row.standard,
                points_text(row.points),
                "未评分" if row.status.unscored else points_text(row.score),
                note,
            )
        )
    if not sheet.complete:
        grade = "评价等级：待全部评分项评定后确定"
    elif draft:
        grade = "评价等级：待报告定稿后确定"
    else:
        grade = f"评价等级：{sheet.grade.value}"
    rows.append(("合计", "", "", grade, points_text(sheet.points_total), points_text(sheet.total), ""))
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
                    "评分标准",
                    "分值",
                    "自评得分",
                    "扣分原因和其他说明",
                )
            ),
        ),
        body_rows=tuple(rows),
        total_row=True,
        number_columns=(4, 5),
        merge_columns=(0, 1),
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


def evidence_table(inputs: ReportInputs) -> Table:
    rows = []
    for number, problem in enumerate(inputs.problems, start=1):
        for evidence in problem.evidence:
            rows.append((f"问题{number}", evidence.label, evidence.detail))
    return Table(
        caption="",
        header_rows=(tuple(HeaderCell(h) for h in ("问题", "依据事项", "具体情况")),),
        body_rows=tuple(rows) or (("—", "—", "未列示问题"),),
        merge_columns=(0,),
        numbered=False,
    )


def _annex(key: str, inputs: ReportInputs, draft: bool = False) -> Annex | None:
    if key == "score_annex":
        return Annex(
            f"{inputs.year}年度部门整体支出绩效评价评分表", (score_table(inputs, draft),), landscape=True
        )
    if key == "basic_data_annex":
        return Annex(f"{inputs.year}年度部门整体支出绩效评价基础数据表", basic_data_tables(inputs))
    if key == "evidence_annex":
        if not inputs.problems:
            return None
        return Annex(f"{inputs.year}年度部门整体支出绩效评价问题依据明细", (evidence_table(inputs),))
    raise OutlineInvalid(f"报告提纲中的附件“{key}”没有对应的内容")


# --- the content makers ---------------------------------------------------------------------------


MAKERS: dict[str, Callable[[_Context], list[Block]]] = {
    "profile_duties": _profile_duties,
    "profile_units": _profile_units,
    "profile_staff": _profile_staff,
    "section_two": _section_two,
    "public_budget_overview": _public_budget_overview,
    "basic_spending": _basic_spending,
    "sangong_spending": _sangong_spending,
    "figures_guide": _figures_guide,
    "execution_table": _execution_table,
    "sources_table": _sources_table,
    **{key: _chart_block(key) for key in CHARTS},
    "movements": _movement_blocks,
    "projects_funds": _projects_funds,
    "control_working": _control_working,
    "assets": _assets,
    "work": _work,
    "goals": _goals,
    "indicators_table": _indicators,
    "score": _score,
    "problems": _problems,
    "measures": _measures,
}


def _content(ctx: _Context, key: str) -> list[Block]:
    if key.startswith(NARRATIVE):
        name = key.removeprefix(NARRATIVE)
        if name not in NARRATIVE_LABELS:
            raise OutlineInvalid(f"报告提纲引用了不存在的叙述段落“{name}”")
        ctx.used_narratives.append(name)
        return list(_paragraphs(narrative_text(ctx.inputs, name, ctx.defaults)))
    if key.startswith(FUND_SOURCE):
        return _fund_source(key.removeprefix(FUND_SOURCE))(ctx)
    maker = MAKERS.get(key)
    if maker is None:
        raise OutlineInvalid(f"报告提纲中的内容“{key}”没有对应的生成方法")
    return maker(ctx)


def _node(ctx: _Context, node, level: int) -> Section:
    children: list = []
    for key in node.content:
        children += _content(ctx, key)
    for child in node.children:
        children.append(_node(ctx, child, level + 1))
    if not children:
        children = [Paragraph.of("无。")]
    return Section(level, node.title, tuple(children))


# --- numbering of tables and figures, and the citations that name them ------------------------------

_REF = re.compile(r"〔(表|图):([a-z_]+)〕")


def _cite(items, numbers: dict[tuple[str, str], int]):
    out = []
    for item in items:
        if isinstance(item, Section):
            out.append(replace(item, children=tuple(_cite(item.children, numbers))))
        elif isinstance(item, Paragraph) and "〔" in item.text:
            runs = tuple(
                replace(
                    run,
                    text=_REF.sub(
                        lambda m: f"{m.group(1)}{numbers.get((m.group(1), m.group(2)), '')}", run.text
                    ),
                )
                for run in item.runs
            )
            out.append(Paragraph(runs=runs))
        else:
            out.append(item)
    return out


# --- the report ---------------------------------------------------------------------------------


def _problems_heading(outline: Outline) -> str:
    for section in outline.sections:
        for node in section.walk():
            if "problems" in node.content:
                return node.title
    return ""


def _trace(ctx: _Context) -> ReportTrace:
    inputs = ctx.inputs
    sheet = inputs.score
    narratives_missing = tuple(
        NARRATIVE_LABELS[key]
        for key in dict.fromkeys(ctx.used_narratives)
        if key not in OPTIONAL_NARRATIVES and narrative_missing(narrative_text(inputs, key, ctx.defaults))
    )
    unexplained = tuple(
        movement.label
        for movement in movements(inputs.facts)
        if not (inputs.narrative(movement.narrative_key) or "").strip()
    )
    as_of = date(inputs.year, 12, 31)
    open_inspections = tuple(dict.fromkeys(f.project for f in inputs.facts.inspections if f.open_at(as_of)))
    misuse = ""
    answers = inputs.facts.checklist_answers("funds_compliance")
    unmet = [a for a in answers.values() if not a.met]
    executed_cross = [
        t for t in inputs.facts.transfers if t.crosses_basic_and_project and not t.approval_document
    ]
    if unmet and inputs.facts.cross_use_attempts and not executed_cross:
        resting = [a for a in unmet if "拒绝" in a.evidence]
        if resting:
            misuse = resting[0].evidence
    return ReportTrace(
        outline=ctx.outline.key,
        deductions=tuple(
            (row.key, row.name, row.deducted)
            for row in sheet.rows
            if row.deducted > 0 and not row.status.unscored
        ),
        unscored=tuple(row.name for row in sheet.missing),
        problems=tuple(
            TracedProblem(
                number=number,
                key=problem.key,
                text=problem.text,
                basis=problem.basis,
                evidence=len(problem.evidence),
                covers=problem.covers,
                confirmed=problem.confirmed,
                mentions=problem.text + "".join(e.label + e.detail for e in problem.evidence),
            )
            for number, problem in enumerate(inputs.problems, start=1)
        ),
        measures=tuple(ctx.measures),
        open_inspections=open_inspections,
        refused_attempts=len(inputs.facts.cross_use_attempts),
        control_stated=ctx.control_stated,
        misuse_from_refusals=misuse,
        narratives_missing=narratives_missing,
        movements_unexplained=unexplained,
    )


def _compose(inputs: ReportInputs, outline: Outline, *, draft: bool) -> Report:
    ctx = _Context(inputs=inputs, outline=outline, defaults=default_narratives(inputs), draft=draft)
    ctx.problems_heading = _problems_heading(outline)
    sections = [_node(ctx, node, 1) for node in outline.sections]
    sections = _cite(sections, ctx.numbers)
    annexes = tuple(annex for key in outline.annexes if (annex := _annex(key, inputs, draft)) is not None)
    return Report(
        title=outline.report_title(year=inputs.year, department=inputs.department),
        year=inputs.year,
        department=inputs.department,
        sections=tuple(sections),
        signature=inputs.department,
        date=inputs.as_of,
        annexes=annexes,
        metadata=ReportMetadata(
            demo=inputs.demo,
            department_code=inputs.department_code,
            framework=inputs.score.framework_name,
            version=inputs.version,
            extra=(("outline", outline.key),),
        ),
        trace=_trace(ctx),
    )


def compose_evaluation_report(inputs: ReportInputs, outline: Outline | str | None = None) -> Report:
    """The report along ``outline`` (an Outline, its key, or None for the default), with its 草稿
    list filled from what is missing and from the consistency pass. A 草稿 states its score but
    not its grade."""
    from jixiao.domain.report.consistency import check_composed, draft_items

    if not isinstance(outline, Outline):
        outline = load_outline(outline)
    report = _compose(inputs, outline, draft=False)
    missing = draft_items(report, check_composed(report))
    if missing:
        report = _compose(inputs, outline, draft=True)
        missing = draft_items(report, check_composed(report))
    return replace(report, draft=missing)
