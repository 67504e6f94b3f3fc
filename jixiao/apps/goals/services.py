"""Every state change of goals, the department's indicators, activities, evidence and warning answers.

Each function is keyword-only and atomic, locks what it checks, raises a DomainError with a Chinese
message and changes nothing when it refuses (the refused attempt is kept as a RefusalEvent), and
writes an AuditEvent on success.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from jixiao.apps.budgets.models import Project
from jixiao.apps.core.services import audit_record, records_refusal
from jixiao.apps.goals import libraries, selectors
from jixiao.apps.goals.models import (
    Activity,
    ActivityOutput,
    CustomIndicator,
    Evidence,
    Goal,
    GoalIndicator,
    GoalState,
    GoalTask,
    LibraryVersion,
    TaskCompletion,
    WarningResponse,
    WorkArea,
    YearEndActual,
)
from jixiao.apps.orgs.models import Department
from jixiao.domain import goals as domain
from jixiao.domain.errors import DomainError, PermissionRefused, TransitionNotAllowed
from jixiao.domain.goals import GoalError, GoalKind
from jixiao.domain.indicator_library import IndicatorLibraryError
from jixiao.domain.money import yuan
from jixiao.domain.quantity import InvalidQuantity, parse_quantity
from jixiao.domain.year_end import YearEndRefused, check_completion, read_actual

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class GoalNotSubmittable(GoalError):
    code = "goal_not_submittable"


class ActivityError(DomainError):
    code = "activity_invalid"


class EvidenceRefused(DomainError):
    code = "evidence_refused"


def _scope(kwargs) -> tuple:
    row = kwargs.get("indicator") or kwargs.get("task")
    subject = kwargs.get("goal") or kwargs.get("activity") or getattr(row, "goal", None)
    department = kwargs.get("department") or getattr(subject, "department", None)
    year = kwargs.get("year") or getattr(subject, "year", None)
    return department, year


def _records_refusal(action: str):
    """Run the service in its own atomic block; on refusal roll back, record it, re-raise."""
    return records_refusal(action, scope=_scope)


def _require_writer(actor, department: Department) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能修改数据。")
    if not (actor.is_department_user and actor.department_id == department.pk):
        raise PermissionRefused("只有本单位的人员可以填报本单位的绩效目标和履职活动。")


# ---------------------------------------------------------------- the department's own indicators


@_records_refusal("custom_indicator_create")
def custom_indicator_create(
    *,
    actor,
    department: Department,
    code: str,
    level1: str,
    level2: str,
    name: str,
    explanation: str,
    unit: str,
    operator: str,
    scoring_rule: str,
    value_type: str = "定量",
    fed_by: Iterable[str] = (),
    own_output: bool = False,
) -> CustomIndicator:
    """Add a department-defined indicator; it is checked like the shipped library's (category, operator,
    graded scale for 定性, unique code and name, known outputs)."""
    _require_writer(actor, department)
    Department.objects.select_for_update(of=("self",)).get(pk=department.pk)
    indicator = CustomIndicator(
        department=department,
        library_version=libraries.current_versions(department).version,
        code=code.strip(),
        level1=level1.strip(),
        level2=level2.strip(),
        name=name.strip(),
        explanation=explanation.strip(),
        unit=unit.strip(),
        operator=operator.strip(),
        scoring_rule=scoring_rule.strip(),
        value_type=value_type.strip(),
        fed_by=[key for key in fed_by if key],
        own_output=own_output,
        created_by=actor,
        created_at=timezone.now(),
    )
    library = selectors.library_for(department)
    try:
        library.extended(
            [indicator.library_item()],
            [{"key": indicator.name, "unit": indicator.unit}] if own_output else [],
        )
    except IndicatorLibraryError as error:
        raise IndicatorLibraryError(error.message, indicator=indicator.name) from error
    indicator.save()
    audit_record(
        actor=actor,
        action="custom_indicator_create",
        action_label="新增自定义指标",
        target=indicator,
        department=department,
        after=indicator.library_item(),
    )
    return indicator


# ---------------------------------------------------------------- goals


def _check_project(department: Department, year: int, kind: str, project: Project | None) -> None:
    if kind == GoalKind.PROJECT.value:
        if project is None:
            raise GoalError("项目绩效目标须选择项目。")
        if project.department_id != department.pk or project.year != year:
            raise PermissionRefused("项目不属于本单位本年度。")
    elif project is not None:
        raise GoalError("部门整体绩效目标不关联项目。")


@_records_refusal("goal_create")
def goal_create(**kwargs) -> Goal:
    """An empty draft goal for the department's year (or one of its projects)."""
    return _goal_create(**kwargs)


def _goal_create(
    *,
    actor,
    department: Department,
    year: int,
    kind: str = GoalKind.DEPARTMENT.value,
    project: Project | None = None,
    duties: str = "",
    overall_goal: str = "",
    is_demo: bool = False,
) -> Goal:
    _require_writer(actor, department)
    _check_project(department, year, kind, project)
    Department.objects.select_for_update(of=("self",)).get(pk=department.pk)
    if Goal.objects.filter(department=department, year=year, kind=kind, project=project).exists():
        what = f"项目“{project.name}”" if project else "部门整体"
        raise GoalError(f"{year}年度{what}绩效目标已存在，请在原目标上修改。")
    versions = libraries.current_versions(department)
    goal = Goal.objects.create(
        department=department,
        year=year,
        kind=kind,
        project=project,
        duties=duties,
        overall_goal=overall_goal,
        library_version=versions.version,
        common_version=versions.common_version,
        is_demo=is_demo,
        created_by=actor,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="goal_create",
        action_label="新建绩效目标",
        target=goal,
        department=department,
        after={
            "year": year,
            "kind": kind,
            "project": project.code if project else "",
            "library": versions.version,
            "common_library": versions.common_version,
        },
    )
    return goal


def _lock_goal(goal: Goal) -> Goal:
    return (
        Goal.objects.select_for_update(of=("self",)).select_related("department", "project").get(pk=goal.pk)
    )


def _snapshot(goal: Goal) -> dict:
    return {
        "tasks": [[task.name, task.budget, task.due_date, task.is_key] for task in goal.tasks.all()],
        "indicators": [[row.name, row.operator, row.target, row.unit] for row in goal.indicators.all()],
    }


def _decimal_or_none(value: Any, what: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", ""))
    except InvalidOperation as error:
        raise GoalError(f"{what}“{value}”不是有效数字") from error


INDICATOR_FIELDS = (
    "code",
    "level1",
    "level2",
    "name",
    "value_type",
    "operator",
    "target",
    "unit",
    "explanation",
    "scoring_rule",
    "task",
    "note",
)


def _due_date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise GoalError(f"年度主要任务“{name}”的计划完成时间“{value}”不是有效日期（如2023-09-30）") from error


def _write_rows(
    goal: Goal, tasks: Iterable[Mapping[str, Any]], indicators: Iterable[Mapping[str, Any]]
) -> None:
    goal.tasks.all().delete()
    goal.indicators.all().delete()
    for order, item in enumerate(tasks, start=1):
        name = str(item.get("name", "")).strip()
        try:
            budget = yuan(str(item.get("budget") or "0").replace(",", ""))
        except (DomainError, InvalidOperation, ValueError) as error:
            raise GoalError(f"年度主要任务“{name}”的预算金额“{item.get('budget')}”不是有效金额") from error
        GoalTask.objects.create(
            goal=goal,
            order=order,
            name=name,
            content=str(item.get("content", "")),
            fund_type=str(item.get("fund_type", "")),
            budget=budget,
            due_date=_due_date(item.get("due_date"), name),
            is_key=bool(item.get("is_key")),
        )
    library = selectors.library_for_goal(goal)
    for order, item in enumerate(indicators, start=1):
        values = {key: str(item.get(key, "") or "").strip() for key in INDICATOR_FIELDS}
        progress = item.get("progress")
        if progress is None:
            # a row from the library keeps the library's progress curve when the form does not carry it
            entry = next(
                (entry for entry in library.indicators if values["code"] and entry.code == values["code"]),
                None,
            )
            entry = entry or library.find(values["name"])
            progress = curve_data(entry.progress) if entry is not None else None
        GoalIndicator.objects.create(
            goal=goal,
            order=order,
            points=_decimal_or_none(item.get("points"), f"三级指标“{values['name']}”的分值"),
            progress=progress,
            **values,
        )


@_records_refusal("goal_save")
def goal_save(
    *,
    actor,
    goal: Goal,
    duties: str,
    overall_goal: str,
    tasks: Iterable[Mapping[str, Any]],
    indicators: Iterable[Mapping[str, Any]],
) -> Goal:
    """Replace a draft goal's header, tasks and indicators. A submitted goal is locked."""
    _require_writer(actor, goal.department)
    locked = _lock_goal(goal)
    if locked.is_locked:
        raise TransitionNotAllowed(f"{locked}已提交锁定，不能修改。")
    before = _snapshot(locked)
    locked.duties = duties
    locked.overall_goal = overall_goal
    locked.save(update_fields=["duties", "overall_goal"])
    _write_rows(locked, tasks, indicators)
    audit_record(
        actor=actor,
        action="goal_save",
        action_label="保存绩效目标",
        target=locked,
        department=locked.department,
        before=before,
        after=_snapshot(locked),
    )
    return locked


def curve_data(curve: domain.ProgressCurve) -> Any:
    """A progress curve as stored (None for linear), the inverse of ``curve_from_data``."""
    if curve.kind is domain.CurveKind.LINEAR:
        return None
    if curve.kind is domain.CurveKind.POINTS:
        return {
            "points": [{"date": f"{p.month:02d}-{p.day:02d}", "share": str(p.share)} for p in curve.points]
        }
    return curve.kind.value


def domain_rows(goal: domain.Goal) -> tuple[list[dict], list[dict]]:
    """A domain goal's tasks and indicators as the row mappings ``goal_save`` takes."""
    tasks = [
        {
            "name": task.name,
            "content": task.content,
            "fund_type": task.fund_type,
            "budget": task.budget,
            "due_date": task.due,
            "is_key": task.is_key,
        }
        for task in goal.tasks
    ]
    indicators = []
    for indicator in goal.indicators:
        row = {key: getattr(indicator, key) for key in INDICATOR_FIELDS}
        row["points"] = indicator.points
        row["progress"] = curve_data(indicator.progress)
        if indicator.grading_scale and not indicator.scoring_rule:
            row["scoring_rule"] = "；".join(
                f"{level.label}：{level.description}" for level in indicator.grading_scale
            )
        indicators.append(row)
    return tasks, indicators


@_records_refusal("goal_import")
def goal_import(
    *,
    actor,
    department: Department,
    year: int,
    source: domain.Goal,
    kind: str = GoalKind.DEPARTMENT.value,
    project: Project | None = None,
    is_demo: bool = False,
    origin: str = "",
) -> Goal:
    """A new draft goal holding ``source`` (read from a Hunan 整体绩效目标表 or a YAML goal)."""
    goal = _goal_create(
        actor=actor,
        department=department,
        year=year,
        kind=kind,
        project=project,
        duties=source.duties,
        overall_goal=source.overall_goal,
        is_demo=is_demo,
    )
    tasks, indicators = domain_rows(source)
    _write_rows(goal, tasks, indicators)
    audit_record(
        actor=actor,
        action="goal_import",
        action_label="导入绩效目标表",
        target=goal,
        department=department,
        after=_snapshot(goal),
        reason=origin,
    )
    return goal


def goal_import_table(*, actor, department: Department, year: int, path: Path, origin: str = "") -> Goal:
    """Import a goal from a Hunan 整体绩效目标表 .xlsx (unreadable files are refused, naming the problem)."""
    from jixiao.formats.goal_table import read_goal_table

    table = read_goal_table(path)
    return goal_import(
        actor=actor, department=department, year=year, source=table.goal, origin=origin or Path(path).name
    )


@_records_refusal("goal_indicator_add")
def goal_indicator_add(
    *, actor, goal: Goal, code: str, target: str = "", task: str = "", points: Decimal | None = None
) -> GoalIndicator:
    """Append a library indicator to a draft goal with the library's name, categories, unit, operator,
    指标解释, 评(扣)分标准 and progress curve; the target is entered (and validated) like any other."""
    _require_writer(actor, goal.department)
    locked = _lock_goal(goal)
    if locked.is_locked:
        raise TransitionNotAllowed(f"{locked}已提交锁定，不能修改。")
    entry = selectors.library_for_goal(locked).get(code)
    if locked.indicators.filter(name=entry.name).exists():
        raise GoalError(f"三级指标“{entry.name}”已在目标中。")
    item = entry.goal_indicator(target.strip(), task=task.strip(), points=points)
    row = GoalIndicator.objects.create(
        goal=locked,
        order=locked.indicators.count() + 1,
        code=entry.code,
        level1=item.level1,
        level2=item.level2,
        name=item.name,
        value_type=item.value_type,
        operator=item.operator,
        target=item.target,
        unit=item.unit,
        points=points,
        explanation=item.explanation,
        scoring_rule=item.scoring_rule,
        task=item.task,
        progress=curve_data(entry.progress),
    )
    audit_record(
        actor=actor,
        action="goal_indicator_add",
        action_label="从指标库添加指标",
        target=locked,
        department=locked.department,
        after={"code": entry.code, "name": entry.name, "target": target, "task": task},
    )
    return row


@_records_refusal("goal_submit")
def goal_submit(*, actor, goal: Goal) -> Goal:
    """draft → submitted (locked). Refused while validation finds any error; the refusal names the
    indicators at fault and lists every error."""
    _require_writer(actor, goal.department)
    locked = _lock_goal(goal)
    if locked.is_locked:
        raise TransitionNotAllowed(f"{locked}已提交，不能重复提交。")
    errors = selectors.errors_of(selectors.goal_findings(locked))
    if errors:
        named = list(dict.fromkeys(f"“{finding.indicator}”" for finding in errors if finding.indicator))
        head = f"三级指标{'、'.join(named)}有错误，" if named else ""
        raise GoalNotSubmittable(
            f"{head}绩效目标不能提交（共{len(errors)}处错误）：" + "；".join(f.message for f in errors),
            findings=[finding.message for finding in errors],
            indicators=[finding.indicator for finding in errors if finding.indicator],
        )
    locked.state = GoalState.SUBMITTED
    locked.submitted_by = actor
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["state", "submitted_by", "submitted_at"])
    audit_record(
        actor=actor,
        action="goal_submit",
        action_label="提交绩效目标",
        target=locked,
        department=locked.department,
        before={"state": GoalState.DRAFT},
        after={"state": GoalState.SUBMITTED, "indicators": locked.indicators.count()},
    )
    return locked


# ---------------------------------------------------------------- activities


@_records_refusal("work_area_create")
def work_area_create(*, actor, department: Department, name: str) -> WorkArea:
    _require_writer(actor, department)
    name = name.strip()
    if not name:
        raise ActivityError("工作领域名称不能为空。")
    if WorkArea.objects.filter(department=department, name=name).exists():
        raise ActivityError(f"工作领域“{name}”已存在。")
    area = WorkArea.objects.create(
        department=department, name=name, order=WorkArea.objects.filter(department=department).count() + 1
    )
    audit_record(
        actor=actor,
        action="work_area_create",
        action_label="新增工作领域",
        target=area,
        department=department,
    )
    return area


def _parse_outputs(outputs: Iterable[Mapping[str, Any]], known: set[str]) -> list[dict]:
    parsed = []
    for item in outputs:
        text = str(item.get("quantity", "")).strip()
        key = str(item.get("output_key", "") or "").strip()
        label = str(item.get("label", "") or "").strip()
        if not text and not key and not label:
            continue
        if not text:
            raise ActivityError(f"产出“{key or label}”未填写数量（如：近30次、6000余册、1274人次）")
        try:
            quantity = parse_quantity(text)
        except InvalidQuantity as error:
            raise ActivityError(f"产出“{key or label}”：{error.message}") from error
        if not quantity.unit:
            raise ActivityError(f"产出“{key or label}”的数量“{text}”缺少单位（如：次、份、人次）")
        if key and key not in known:
            raise ActivityError(f"产出“{key}”不在本单位指标库的活动产出中")
        if not key and not label:
            raise ActivityError(f"数量“{text}”既未计入任何产出，也没有说明，请选择计入的产出或填写说明")
        parsed.append(
            {
                "output_key": key,
                "label": label,
                "value": quantity.value,
                "unit": quantity.unit,
                "qualifier": quantity.qualifier,
                "notation": quantity.notation.value,
            }
        )
    return parsed


@_records_refusal("activity_record")
def activity_record(
    *,
    actor,
    department: Department,
    date: dt.date,
    title: str,
    area: WorkArea,
    outputs: Iterable[Mapping[str, Any]] = (),
    end_date: dt.date | None = None,
    date_text: str = "",
    place: str = "",
    partners: str = "",
    description: str = "",
    results: str = "",
    is_demo: bool = False,
) -> Activity:
    """Record a 履职活动 with its quantified outputs. Each output is '近30次'-style text and the
    library output it feeds (or a note when it feeds no indicator)."""
    _require_writer(actor, department)
    if not title.strip():
        raise ActivityError("活动名称不能为空。")
    if area.department_id != department.pk:
        raise PermissionRefused("工作领域不属于本单位。")
    if end_date is not None and end_date < date:
        raise ActivityError(f"活动“{title}”的结束日期{end_date:%Y-%m-%d}早于开始日期{date:%Y-%m-%d}。")
    if end_date is not None and end_date.year != date.year:
        raise ActivityError(f"活动“{title}”的起止日期应在同一年度内。")
    library = selectors.library_for_year(department, date.year)
    rows = _parse_outputs(outputs, {output.key for output in library.outputs})
    activity = Activity.objects.create(
        department=department,
        year=date.year,
        date=date,
        end_date=end_date,
        date_text=date_text.strip(),
        place=place.strip(),
        title=title.strip(),
        area=area,
        partners=partners.strip(),
        description=description.strip(),
        results=results.strip(),
        is_demo=is_demo,
        created_by=actor,
        created_at=timezone.now(),
    )
    for order, row in enumerate(rows, start=1):
        ActivityOutput.objects.create(activity=activity, order=order, **row)
    audit_record(
        actor=actor,
        action="activity_record",
        action_label="记录履职活动",
        target=activity,
        department=department,
        after={
            "date": date,
            "end_date": end_date,
            "area": area.name,
            "outputs": [
                f"{row['output_key'] or row['label']}：{output.text}"
                for row, output in zip(rows, activity.outputs.all(), strict=True)
            ],
        },
    )
    return activity


# ---------------------------------------------------------------- evidence


# kind → (extensions, MIME type). Checked by content; the extension must agree.
EVIDENCE_KINDS = {
    "jpg": ((".jpg", ".jpeg"), "image/jpeg"),
    "png": ((".png",), "image/png"),
    "pdf": ((".pdf",), "application/pdf"),
    "docx": ((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
ALLOWED_TEXT = "JPG、PNG 图片，PDF、Word（.docx）、Excel（.xlsx）文档"


def sniff_kind(head: bytes, data: bytes) -> str | None:
    """What the bytes are (not what the name says): jpg / png / pdf / docx / xlsx, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        import io

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


@_records_refusal("evidence_attach")
def evidence_attach(*, actor, activity: Activity, upload) -> Evidence:
    """Attach a photo or document: at most 10 MB, of an allowed type checked by its content, stored
    under a random name."""
    _require_writer(actor, activity.department)
    name = Path(getattr(upload, "name", "") or "file").name
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_EVIDENCE_BYTES:
        raise EvidenceRefused(f"文件“{name}”大小为{size / 1048576:.1f}MB，超过10MB上限，请压缩后再上传。")
    data = upload.read(MAX_EVIDENCE_BYTES + 1)
    if len(data) > MAX_EVIDENCE_BYTES:
        raise EvidenceRefused(f"文件“{name}”超过10MB上限，请压缩后再上传。")
    if not data:
        raise EvidenceRefused(f"文件“{name}”是空文件。")
    kind = sniff_kind(data[:16], data)
    if kind is None:
        raise EvidenceRefused(f"文件“{name}”的内容不是允许的类型：只能上传{ALLOWED_TEXT}。")
    extensions, content_type = EVIDENCE_KINDS[kind]
    if Path(name).suffix.lower() not in extensions:
        raise EvidenceRefused(
            f"文件“{name}”的扩展名与内容不符：内容是{kind.upper()}，扩展名应为{'或'.join(extensions)}。"
        )
    evidence = Evidence(
        activity=activity,
        original_name=name[:255],
        kind=kind,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    evidence.file.save(f"{uuid.uuid4().hex}{extensions[0]}", ContentFile(data), save=False)
    try:
        evidence.save()
        audit_record(
            actor=actor,
            action="evidence_attach",
            action_label="上传佐证材料",
            target=evidence,
            department=activity.department,
            after={
                "activity": activity.title,
                "name": name,
                "kind": kind,
                "size": len(data),
                "sha256": evidence.sha256,
            },
        )
    except Exception:
        # the transaction rolls back: leave no file without its row behind
        evidence.file.delete(save=False)
        raise
    return evidence


# ---------------------------------------------------------------- monitoring answers


@_records_refusal("warning_respond")
def warning_respond(
    *, actor, goal: Goal, as_of: dt.date, key: str, message: str, cause: str, measures: str
) -> WarningResponse:
    """Record (or revise) the 偏差原因 and 纠偏措施 for one warning at one monitoring date."""
    _require_writer(actor, goal.department)
    if not cause.strip() or not measures.strip():
        raise GoalError("请同时填写偏差原因和纠偏措施。")
    locked = _lock_goal(goal)
    view = selectors.monitoring_view(department=locked.department, year=locked.year, as_of=as_of)
    keys = {warning.key for warning in view.report.warnings} if view.report else set()
    if key not in keys:
        raise GoalError(f"{as_of:%Y年%m月%d日}的监控中没有预警“{key}”。")
    existing = WarningResponse.objects.filter(goal=locked, as_of=as_of, key=key).first()
    before = {"cause": existing.cause, "measures": existing.measures} if existing else None
    response, _ = WarningResponse.objects.update_or_create(
        goal=locked,
        as_of=as_of,
        key=key,
        defaults={
            "message": message,
            "cause": cause.strip(),
            "measures": measures.strip(),
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="warning_respond",
        action_label="填写偏差原因和纠偏措施",
        target=response,
        department=locked.department,
        before=before,
        after={"key": key, "as_of": as_of, "cause": response.cause, "measures": response.measures},
    )
    return response


# ---------------------------------------------------------------- year end: actuals and task completion


def _lock_submitted(goal: Goal, what: str) -> Goal:
    locked = _lock_goal(goal)
    if not locked.is_locked:
        raise TransitionNotAllowed(f"{locked}尚未提交锁定：{what}须在绩效目标提交后填写。")
    return locked


def _actual_state(actual: YearEndActual | None) -> dict | None:
    if actual is None:
        return None
    return {
        "text": actual.text,
        "value": actual.value,
        "unit": actual.unit,
        "achievement": actual.achievement,
        "evidence": actual.evidence,
    }


@_records_refusal("year_end_actual_enter")
def year_end_actual_enter(
    *, actor, indicator: GoalIndicator, text: str, evidence: str, is_demo: bool = False
) -> YearEndActual:
    """Record (or replace) the year-end actual of an indicator no activity feeds, read against the
    indicator's unit ("96%", "8.5元/人次"), with what it rests on. An indicator fed by activities keeps
    the actual traced from them; a draft goal has no year-end record yet."""
    _require_writer(actor, indicator.goal.department)
    goal = _lock_submitted(indicator.goal, "年末实际完成值")
    row = GoalIndicator.objects.get(pk=indicator.pk, goal=goal)
    if row.name in selectors.fed_by_activities(goal):
        raise YearEndRefused(
            f"三级指标“{row.name}”的实际完成值由履职活动记录累计得出，不能另行录入；请补记履职活动。",
            indicator=row.name,
        )
    computed = selectors.computed_value(goal, row)
    if computed is not None:
        raise YearEndRefused(
            f"三级指标“{row.name}”的实际完成值由系统从本年度数据计算得出（{computed.formula}），"
            "不能另行录入；如数据有误，请更正预算账、单位概况或年度任务完成情况。",
            indicator=row.name,
        )
    entered = read_actual(selectors.indicator_to_domain(row), text)
    if not str(evidence or "").strip():
        raise YearEndRefused(
            f"三级指标“{row.name}”：请填写实际完成值的依据/佐证说明（如问卷统计结果、账簿数据、文件名称）",
            indicator=row.name,
        )
    existing = YearEndActual.objects.select_for_update(of=("self",)).filter(indicator=row).order_by().first()
    before = _actual_state(existing)
    actual, _ = YearEndActual.objects.update_or_create(
        indicator=row,
        defaults={
            "text": entered.text,
            "value": entered.value,
            "unit": entered.unit,
            "qualifier": entered.qualifier,
            "achievement": entered.achievement.value if entered.achievement else "",
            "evidence": evidence.strip(),
            "is_demo": is_demo,
            "entered_by": actor,
            "entered_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="year_end_actual_enter",
        action_label="录入年末实际完成值" if before is None else "修改年末实际完成值",
        target=actual,
        department=goal.department,
        before=before,
        after={"indicator": row.name, **_actual_state(actual)},
    )
    return actual


def _completion_state(completion: TaskCompletion | None) -> dict | None:
    if completion is None:
        return None
    return {
        "completed": completion.completed,
        "finished_on": completion.finished_on,
        "quality_passed": completion.quality_passed,
        "evidence": completion.evidence,
    }


@_records_refusal("task_completion_record")
def task_completion_record(
    *,
    actor,
    task: GoalTask,
    completed: bool,
    finished_on: dt.date | None,
    quality_passed: bool,
    evidence: str = "",
    is_demo: bool = False,
) -> TaskCompletion:
    """Record (or revise) how a 年度主要任务 ended: done or not, on which day, whether up to standard,
    and — when done — what shows it. The goal's plan (tasks, due dates, 重点工作) stays as submitted."""
    _require_writer(actor, task.goal.department)
    goal = _lock_submitted(task.goal, "年度任务完成情况")
    row = GoalTask.objects.get(pk=task.pk, goal=goal)
    problems = check_completion(
        task=row.name,
        year=goal.year,
        completed=completed,
        finished_on=finished_on,
        quality_passed=quality_passed,
        evidence=evidence,
        today=timezone.localdate(),
    )
    if problems:
        raise YearEndRefused("；".join(problems), task=row.name, problems=problems)
    existing = TaskCompletion.objects.select_for_update(of=("self",)).filter(task=row).order_by().first()
    before = _completion_state(existing)
    completion, _ = TaskCompletion.objects.update_or_create(
        task=row,
        defaults={
            "completed": completed,
            "finished_on": finished_on,
            "quality_passed": quality_passed,
            "evidence": str(evidence or "").strip(),
            "is_demo": is_demo,
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="task_completion_record",
        action_label="填写年度任务完成情况" if before is None else "修改年度任务完成情况",
        target=completion,
        department=goal.department,
        before=before,
        after={"task": row.name, **_completion_state(completion)},
    )
    return completion


# ---------------------------------------------------------------- a bureau's own library versions


class LibraryVersionRefused(DomainError):
    code = "library_version_refused"


def _require_bureau_writer(actor, bureau) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionRefused("请先登录。")
    if actor.role == "auditor":
        raise PermissionRefused("审计账号只能查看，不能修改数据。")
    if not (actor.is_bureau_user and actor.bureau_id == bureau.pk):
        raise PermissionRefused("只有本财政局的工作人员可以上传和发布指标库版本。")


def _library_scope(kwargs) -> tuple:
    return None, None


def _check_library_text(bureau, text: str, file_name: str):
    """The library in ``text``, refused with a Chinese message naming the entry, the line or the
    rule it breaks: a version name of a known type (or of the 共性 library) not yet used."""
    from jixiao.domain.department_types import department_types
    from jixiao.domain.indicator_library import (
        COMMON_KIND,
        COMMON_SLUG,
        check_version_name,
        is_shipped,
        parse_indicator_library,
        version_slug,
    )

    if Path(file_name).suffix.lower() not in (".yaml", ".yml"):
        raise LibraryVersionRefused(f"文件“{file_name}”不是指标库文件：请上传 .yaml 或 .yml 文件。")
    library = parse_indicator_library(text)
    check_version_name(library.version)
    slug = version_slug(library.version)
    if is_shipped(library.version):
        raise LibraryVersionRefused(
            f"版本号“{library.version}”是系统内置指标库的版本号，请另取版本号（如{slug}-v2）。"
        )
    if LibraryVersion.objects.filter(bureau=bureau, version=library.version).exists():
        raise LibraryVersionRefused(
            f"版本“{library.version}”已上传过：每个版本号只能使用一次，请另取版本号。"
        )
    if library.kind == COMMON_KIND:
        if slug != COMMON_SLUG:
            raise LibraryVersionRefused(
                f"共性指标库的版本号应以“{COMMON_SLUG}-”开头（如{COMMON_SLUG}-v2），而不是“{library.version}”。"
            )
        return library, ""
    kinds = {kind.slug: kind for kind in department_types()}
    if slug not in kinds or slug == COMMON_SLUG:
        raise LibraryVersionRefused(
            f"版本号“{library.version}”不以部门类型的拼音开头（如fulian-v2、kexie-v2）：无法确定它属于哪类部门。"
        )
    kind = kinds[slug]
    if library.department_type and library.department_type != kind.name:
        raise LibraryVersionRefused(
            f"文件写明部门类型“{library.department_type}”，但版本号“{library.version}”属于“{kind.name}”。"
        )
    return library, kind.name


@records_refusal("library_version_upload", scope=_library_scope)
def library_version_upload(
    *, actor, bureau, text: str, file_name: str, note: str = "", is_demo: bool = False
) -> LibraryVersion:
    """Upload a bureau's own version of a type's (or the 共性) indicator library, checked entry by
    entry like the shipped ones, as a draft: nothing changes for any department until it is published."""
    from jixiao.domain.indicator_library import COMMON_KIND, MAX_LIBRARY_BYTES

    _require_bureau_writer(actor, bureau)
    if len(text.encode("utf-8")) > MAX_LIBRARY_BYTES:
        raise LibraryVersionRefused(f"文件“{file_name}”超过{MAX_LIBRARY_BYTES // 1024}KB上限。")
    library, type_name = _check_library_text(bureau, text, file_name)
    row = LibraryVersion.objects.create(
        bureau=bureau,
        version=library.version,
        kind=COMMON_KIND if library.kind == COMMON_KIND else "type",
        department_type=type_name,
        name=library.name[:128],
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        file_name=Path(file_name).name[:255],
        indicator_count=len(library.indicators),
        note=note.strip(),
        is_demo=is_demo,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="library_version_upload",
        action_label="上传指标库版本",
        target=row,
        after={
            "version": row.version,
            "department_type": type_name or "共性",
            "indicators": row.indicator_count,
            "sha256": row.sha256,
        },
    )
    return row


def _lock_version(version: LibraryVersion) -> LibraryVersion:
    return LibraryVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)


@records_refusal("library_version_publish", scope=_library_scope)
def library_version_publish(*, actor, version: LibraryVersion) -> LibraryVersion:
    """Publish a draft version: from now on new goals of the bureau's departments of its type take it
    (goals already made keep the version they were made with)."""
    from jixiao.apps.goals.models import LibraryState

    _require_bureau_writer(actor, version.bureau)
    locked = _lock_version(version)
    if locked.is_published:
        raise TransitionNotAllowed(f"指标库版本“{locked.version}”已于{locked.published_at:%Y-%m-%d}发布。")
    before = libraries.current_versions_for(locked.bureau_id, locked.department_type or "其他")
    locked.state = LibraryState.PUBLISHED
    locked.published_by = actor
    locked.published_at = timezone.now()
    locked.save(update_fields=["state", "published_by", "published_at"])
    replaced = before.common_version if locked.kind == "common" else before.version
    audit_record(
        actor=actor,
        action="library_version_publish",
        action_label="发布指标库版本",
        target=locked,
        before={"current": replaced},
        after={"current": locked.version, "department_type": locked.department_type or "共性"},
    )
    return locked


@records_refusal("library_version_discard", scope=_library_scope)
def library_version_discard(*, actor, version: LibraryVersion) -> None:
    """Delete a draft that was never published (a published version is kept for the goals using it)."""
    _require_bureau_writer(actor, version.bureau)
    locked = _lock_version(version)
    if locked.is_published:
        raise TransitionNotAllowed(
            f"指标库版本“{locked.version}”已发布，不能删除：使用它的绩效目标须保留所用版本。"
        )
    audit_record(
        actor=actor,
        action="library_version_discard",
        action_label="删除未发布的指标库版本",
        target=locked,
        before={"version": locked.version, "sha256": locked.sha256},
    )
    locked.delete()
