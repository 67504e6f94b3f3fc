"""The finance bureau's view of one department-year: execution against 序时进度, 三公 against
budget and the previous year, and the warnings that follow from those figures; how far the
department's goal is met and what its 双监控 warns of; and the self-evaluation score of its
latest submitted report, read from the report when it is submitted."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from jixiao.domain.checker.parse import parse_report
from jixiao.domain.money import ZERO, percent_text, ratio_percent, wan
from jixiao.domain.monitoring import MonitoringReport, MonitoringWarning, WarningKind
from jixiao.domain.report.document import Report, Section, Table
from jixiao.domain.review import STATE_LABELS, ReviewState
from jixiao.domain.scoring import GRADE_WORDS, Grade, grade_for, points_text

LAG_POINTS = Decimal(10)


@dataclass(frozen=True, slots=True)
class OversightWarning:
    kind: str
    message: str


class _Rates:
    """Totals and rates from the basic/project budget and spending fields, and the 三公 change
    (a department's row and a bureau's row read them alike)."""

    __slots__ = ()

    @property
    def budget_total(self) -> Decimal:
        return self.budget_basic + self.budget_project

    @property
    def spent_total(self) -> Decimal:
        return self.spent_basic + self.spent_project

    @property
    def rate_basic(self) -> Decimal | None:
        return ratio_percent(self.spent_basic, self.budget_basic)

    @property
    def rate_project(self) -> Decimal | None:
        return ratio_percent(self.spent_project, self.budget_project)

    @property
    def rate_total(self) -> Decimal | None:
        return ratio_percent(self.spent_total, self.budget_total)

    @property
    def sangong_change(self) -> Decimal | None:
        return ratio_percent(self.sangong_actual - self.sangong_previous, self.sangong_previous)


@dataclass(frozen=True, slots=True)
class DepartmentFigures(_Rates):
    department_id: int
    name: str
    code: str
    is_demo: bool
    staffing_quota: int | None
    actual_staff: int | None
    initial_basic: Decimal = ZERO
    initial_project: Decimal = ZERO
    budget_basic: Decimal = ZERO
    budget_project: Decimal = ZERO
    spent_basic: Decimal = ZERO
    spent_project: Decimal = ZERO
    sangong_budget: Decimal = ZERO
    sangong_actual: Decimal = ZERO
    sangong_previous: Decimal = ZERO
    time_progress: Decimal = ZERO
    goal: GoalProgress | None = None  # None: no overall goal for the year
    report: LatestReport | None = None  # None: no report submitted for the year
    extra: dict = field(default_factory=dict)
    # The bureau's early-warning thresholds: 执行率 lag allowed (points), and the lines used to the
    # 指标使用率预警线 or beyond, (label, percent used).
    lag_points: Decimal = LAG_POINTS
    lines_used: tuple[tuple[str, Decimal], ...] = ()

    @property
    def initial_total(self) -> Decimal:
        return self.initial_basic + self.initial_project

    @property
    def sangong_vs_budget(self) -> Decimal | None:
        return ratio_percent(self.sangong_actual, self.sangong_budget)

    @property
    def warnings(self) -> list[OversightWarning]:
        return department_warnings(self)


def department_warnings(f: DepartmentFigures) -> list[OversightWarning]:
    warnings = []
    for label, rate in (("基本支出", f.rate_basic), ("项目支出", f.rate_project)):
        if rate is not None and f.time_progress - rate > f.lag_points:
            warnings.append(
                OversightWarning(
                    "预算执行滞后",
                    f"{label}执行率{percent_text(rate)}，低于序时进度{percent_text(f.time_progress)}"
                    f"超过{f.lag_points:g}个百分点",
                )
            )
    for label, used in f.lines_used:
        warnings.append(OversightWarning("指标使用率预警", f"指标“{label}”已使用{percent_text(used)}"))
    if f.sangong_actual > f.sangong_budget:
        warnings.append(
            OversightWarning(
                "三公超预算",
                f"“三公”经费支出{wan(f.sangong_actual)}，超过预算{wan(f.sangong_budget)}",
            )
        )
    if f.sangong_previous and f.sangong_actual > f.sangong_previous:
        warnings.append(
            OversightWarning(
                "三公增长",
                f"“三公”经费支出{wan(f.sangong_actual)}，比上年增长{percent_text(f.sangong_change)}",
            )
        )
    return warnings


# ---------------------------------------------------------------------------------------------
# The province overview: one row per finance bureau


@dataclass(frozen=True, slots=True)
class BureauFigures(_Rates):
    """A bureau's departments added up, for the 省/市财政厅（局）: money, and how many departments
    lag 序时进度, spend over their 三公 budget, and have submitted or published a report."""

    bureau_id: int
    name: str
    code: str
    departments: int = 0
    demo_departments: int = 0
    initial_total: Decimal = ZERO
    budget_basic: Decimal = ZERO
    budget_project: Decimal = ZERO
    spent_basic: Decimal = ZERO
    spent_project: Decimal = ZERO
    sangong_budget: Decimal = ZERO
    sangong_actual: Decimal = ZERO
    sangong_previous: Decimal = ZERO
    lagging: int = 0
    sangong_over: int = 0
    reports_submitted: int = 0
    reports_published: int = 0

    @property
    def reports_missing(self) -> int:
        return self.departments - self.reports_submitted


def is_lagging(f: DepartmentFigures) -> bool:
    """执行率 of 基本 or 项目 支出 behind 序时进度 by more than the bureau allows."""
    return any(
        rate is not None and f.time_progress - rate > f.lag_points for rate in (f.rate_basic, f.rate_project)
    )


def bureau_figures(
    *,
    bureau_id: int,
    name: str,
    code: str,
    departments: list[DepartmentFigures],
    submitted: int = 0,
    published: int = 0,
) -> BureauFigures:
    """The row of one bureau from its departments' figures (money only; goals are per department)."""
    return BureauFigures(
        bureau_id=bureau_id,
        name=name,
        code=code,
        departments=len(departments),
        demo_departments=sum(1 for f in departments if f.is_demo),
        initial_total=sum((f.initial_total for f in departments), ZERO),
        budget_basic=sum((f.budget_basic for f in departments), ZERO),
        budget_project=sum((f.budget_project for f in departments), ZERO),
        spent_basic=sum((f.spent_basic for f in departments), ZERO),
        spent_project=sum((f.spent_project for f in departments), ZERO),
        sangong_budget=sum((f.sangong_budget for f in departments), ZERO),
        sangong_actual=sum((f.sangong_actual for f in departments), ZERO),
        sangong_previous=sum((f.sangong_previous for f in departments), ZERO),
        lagging=sum(1 for f in departments if is_lagging(f)),
        sangong_over=sum(1 for f in departments if f.sangong_actual > f.sangong_budget),
        reports_submitted=submitted,
        reports_published=published,
    )


def province_total(rows: list[BureauFigures]) -> BureauFigures:
    """The 合计 row of the province overview: every bureau's counts and money added up (the rates
    follow from the sums, not from averaging the bureaus' rates)."""
    counts = (
        "departments",
        "demo_departments",
        "lagging",
        "sangong_over",
        "reports_submitted",
        "reports_published",
    )
    money = (
        "initial_total",
        "budget_basic",
        "budget_project",
        "spent_basic",
        "spent_project",
        "sangong_budget",
        "sangong_actual",
        "sangong_previous",
    )
    total: dict = {name: sum(getattr(r, name) for r in rows) for name in counts}
    total.update({name: sum((getattr(r, name) for r in rows), ZERO) for name in money})
    return BureauFigures(bureau_id=0, name="合计", code="", **total)


# ---------------------------------------------------------------------------------------------
# Goal completion and 双监控 warnings


@dataclass(frozen=True, slots=True)
class GoalProgress:
    """The department's overall goal at ``as_of``: how many indicators have reached their target,
    and the 双监控 warnings.

    An indicator counts (``assessed``) when it is quantified (定量, target readable) and has an
    actual value from the activity record; 满意度, rates and 定性 indicators have none until they
    are judged, so they are counted apart (``unassessed``) rather than as missed. ``error`` is set,
    and nothing else is known, when the records cannot be read against the indicator library.
    """

    goal_id: int
    submitted: bool
    as_of: date
    indicators: int = 0
    assessed: int = 0
    met: int = 0
    warnings: tuple[MonitoringWarning, ...] = ()
    error: str = ""

    @property
    def rate(self) -> Decimal | None:
        """Indicators met / indicators assessed × 100; None when none can be assessed."""
        if self.error:
            return None
        return ratio_percent(Decimal(self.met), Decimal(self.assessed))

    @property
    def unassessed(self) -> int:
        return self.indicators - self.assessed

    @property
    def warning_count(self) -> int | None:
        return None if self.error else len(self.warnings)

    @property
    def warning_kinds(self) -> dict[str, int]:
        """{warning kind: how many}, in the order the kinds first occur."""
        return dict(Counter(warning.kind.value for warning in self.warnings))

    @property
    def completion_text(self) -> str:
        if self.error:
            return "数据有误"
        if not self.assessed:
            return "无可计指标"
        return f"{percent_text(self.rate)}（{self.met}/{self.assessed}）"

    @property
    def completion_note(self) -> str:
        if self.error:
            return self.error
        when = f"截至{self.as_of.year}年{self.as_of.month}月{self.as_of.day}日"
        state = "目标已提交" if self.submitted else "目标尚未提交（草稿）"
        note = f"{when}，{self.assessed}项有实际值的定量指标中{self.met}项达到目标值"
        if self.unassessed:
            note += f"；另有{self.unassessed}项尚无实际值（满意度、比率、定性等，年终评价）"
        return f"{note}；{state}"

    @property
    def warnings_text(self) -> str:
        if self.error:
            return "数据有误"
        return f"{len(self.warnings)}条" if self.warnings else "无预警"

    @property
    def warnings_note(self) -> str:
        if self.error:
            return self.error
        if not self.warnings:
            return "绩效目标和预算执行均无偏差预警"
        return "；".join(f"{kind}{count}条" for kind, count in self.warning_kinds.items())


def goal_progress(report: MonitoringReport, *, goal_id: int, submitted: bool) -> GoalProgress:
    """Count the goal's indicators that have reached their target by the report's date."""
    assessed = met = 0
    for item in report.indicators:
        if item.target is None or item.actual is None:
            continue
        assessed += 1
        target, _unit = item.target.base()
        if item.target.operator.holds(Decimal(item.actual), target):
            met += 1
    return GoalProgress(
        goal_id=goal_id,
        submitted=submitted,
        as_of=report.as_of,
        indicators=len(report.indicators),
        assessed=assessed,
        met=met,
        warnings=report.warnings,
    )


def progress_to_data(progress: GoalProgress) -> dict:
    """``progress`` as JSON-ready data (Decimals as their text), read back by ``progress_from_data``."""
    return {
        "goal_id": progress.goal_id,
        "submitted": progress.submitted,
        "as_of": progress.as_of.isoformat(),
        "indicators": progress.indicators,
        "assessed": progress.assessed,
        "met": progress.met,
        "warnings": [
            {
                "kind": warning.kind.value,
                "subject": warning.subject,
                "message": warning.message,
                "figures": {
                    key: None if value is None else str(value) for key, value in warning.figures.items()
                },
                "row": warning.row,
            }
            for warning in progress.warnings
        ],
        "error": progress.error,
    }


def progress_from_data(data: dict) -> GoalProgress:
    """The ``GoalProgress`` that ``progress_to_data`` wrote, equal to the one it was given."""
    return GoalProgress(
        goal_id=data["goal_id"],
        submitted=data["submitted"],
        as_of=date.fromisoformat(data["as_of"]),
        indicators=data["indicators"],
        assessed=data["assessed"],
        met=data["met"],
        warnings=tuple(
            MonitoringWarning(
                WarningKind(item["kind"]),
                item["subject"],
                item["message"],
                {key: None if value is None else Decimal(value) for key, value in item["figures"].items()},
                item["row"],
            )
            for item in data["warnings"]
        ),
        error=data["error"],
    )


# ---------------------------------------------------------------------------------------------
# Self-evaluation score of a submitted report


class ScoreBasis(StrEnum):
    COMPUTED = "computed"  # the score table jixiao's scoring wrote into the report
    STATED = "stated"  # the score the report's text states (reports written outside jixiao)


SCORE_BASIS_LABELS = {ScoreBasis.COMPUTED: "报告所附评分表", ScoreBasis.STATED: "报告正文所述"}


@dataclass(frozen=True, slots=True)
class SelfScore:
    """A self-evaluation score out of 100 and the grade the report states with it (优/良/中/差;
    empty when it states none — the grade then follows from the score, see ``effective_grade``)."""

    score: Decimal
    grade: str
    basis: ScoreBasis


def effective_grade(score: Decimal, stated: str) -> str:
    return stated or grade_for(score).value


def _score_number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        return None
    return value if Decimal(0) <= value <= Decimal(100) else None


_GRADE = "|".join(sorted(GRADE_WORDS, key=len, reverse=True))
_SEP = r"(?:为|是|评定为|[:：]|\s|\|)*"
_OPEN = r"[“\"「『]?"
_CLOSE = r"[”\"」』]?"
_TABLE_GRADE = re.compile(rf"评价等级{_SEP}{_OPEN}(?P<g>{_GRADE})")
_STATED_SCORE = re.compile(
    r"(?:自评总分|自评得分|自评分数|综合得分|综合评分|评价得分|评价总分|总得分)"
    rf"{_SEP}(?P<n>\d{{1,3}}(?:\.\d{{1,2}})?)(?![\d.%])"
)
_STATED_GRADE = re.compile(
    rf"(?:(?:评价|自评|绩效|综合)(?:等级|等次|结果)|等级){_SEP}{_OPEN}(?P<g>{_GRADE})(?![\u4e00-\u9fff])"
    rf"|{_OPEN}(?P<g2>{_GRADE}){_CLOSE}(?:等级|等次)"
)


def _tables(children) -> list[Table]:
    found = []
    for child in children:
        if isinstance(child, Table):
            found.append(child)
        elif isinstance(child, Section):
            found.extend(_tables(child.children))
    return found


def self_score_of_report(report: Report) -> SelfScore | None:
    """The score jixiao's scoring wrote into a composed report: the 合计 row of its score table
    (the table whose header has 自评得分 or 得分), with the grade the row states (评价等级：良)."""
    tables = _tables(report.sections)
    for annex in report.annexes:
        tables.extend(_tables(annex.children))
    for table in tables:
        if not table.total_row or not table.body_rows or len(table.header_rows) != 1:
            continue
        header = [cell.text.strip() for cell in table.header_rows[0]]
        column = next((i for i, text in enumerate(header) if text in ("自评得分", "得分")), None)
        total = table.body_rows[-1]
        if column is None or total[0].strip() != "合计":
            continue
        score = _score_number(total[column])
        if score is None:
            continue
        stated = next((m.group("g") for cell in total if (m := _TABLE_GRADE.search(cell))), "")
        return SelfScore(score, GRADE_WORDS.get(stated, ""), ScoreBasis.COMPUTED)
    return None


def _stated_grade(text: str, start: int = 0) -> str:
    found = _STATED_GRADE.search(text, start)
    return GRADE_WORDS[found.group("g") or found.group("g2")] if found else ""


def self_score_stated(text: str) -> SelfScore | None:
    """The self-evaluation score a report's text states, read from the checker's parse of it:
    "自评得分86.5分，评价等级为“良”", "自评总分: | 99.68 |", "综合得分92分，评价结果为优秀".
    The first total score stated wins; a number outside 0—100 is not a total score. The grade is
    the one stated after it in the same paragraph, else anywhere in it, else in the next two."""
    paragraphs = parse_report(text).paragraphs
    for index, paragraph in enumerate(paragraphs):
        match = _STATED_SCORE.search(paragraph.text)
        if match is None:
            continue
        score = _score_number(match.group("n"))
        if score is None:
            continue
        grade = (
            _stated_grade(paragraph.text, match.end())
            or _stated_grade(paragraph.text)
            or _stated_grade(" ".join(p.text for p in paragraphs[index + 1 : index + 3]))
        )
        return SelfScore(score, grade, ScoreBasis.STATED)
    return None


# ---------------------------------------------------------------------------------------------
# The latest submitted report


SHORT_STATE = {
    ReviewState.SUBMITTED: "已提交",
    ReviewState.RETURNED: "已退回",
    ReviewState.ACCEPTED: "已通过",
    ReviewState.PUBLISHED: "已公开",
    ReviewState.SUPERSEDED: "已替代",
}


@dataclass(frozen=True, slots=True)
class LatestReport:
    """The department's latest report version of the year, with the self-evaluation score stored
    with it when it was submitted or uploaded (None: the report states none — 未自评)."""

    submission_id: int
    version: int
    state: str
    uploaded: bool
    score: Decimal | None = None
    grade: str = ""
    basis: str = ""

    @property
    def state_label(self) -> str:
        return STATE_LABELS[ReviewState(self.state)]

    @property
    def score_text(self) -> str:
        """'86.5 良（已提交）'; '93 优（上传报告所述）'; '未自评（上传报告）'."""
        where = "上传报告" if self.uploaded else SHORT_STATE.get(ReviewState(self.state), self.state_label)
        if self.score is None:
            return f"未自评（{where}）"
        said = "所述" if self.uploaded else ""
        return f"{points_text(self.score)} {self.effective_grade}（{where}{said}）"

    @property
    def score_note(self) -> str:
        source = "系统外编写、财政局上传" if self.uploaded else "系统内编制"
        head = f"第{self.version}版报告（{source}），{self.state_label}"
        if self.score is None:
            return f"{head}；报告中未找到自评得分"
        basis = SCORE_BASIS_LABELS.get(ScoreBasis(self.basis), "") if self.basis else ""
        note = f"{head}；得分取自提交时{basis}"
        if not self.grade:
            note += "；报告未写明等级，按得分区间（优≥90、良≥80、中≥60）确定"
        return note

    @property
    def effective_grade(self) -> str:
        """优/良/中/差 (stated, or by the score), or '' when there is no score."""
        return "" if self.score is None else effective_grade(self.score, self.grade)


GRADE_CHOICES = tuple(grade.value for grade in Grade)
