"""Report services: generate a draft, edit a paragraph, confirm problems, score, export, submit.

Each state change is atomic, locks the draft it changes, writes a new version and an audit
event; a refusal raises a DomainError with a Chinese message and changes nothing. Export runs
the report checker on the plain-text rendering and is refused while any error-level finding
remains. A report with anything still missing (an unscored item, an unconfirmed problem, an
empty paragraph …) is a 草稿: it may be exported as such, but an export asked to be final and a
submission to the finance bureau are refused, listing what is missing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jixiao.apps.core.services import audit_record
from jixiao.apps.orgs.models import Department
from jixiao.apps.reports.models import DraftVersion, OutlineChoice, ReportDraft
from jixiao.apps.reports.selectors import outline_for, report_inputs, report_standing
from jixiao.domain.checker import ERROR, check_text
from jixiao.domain.checker.findings import SEVERITY_LABELS
from jixiao.domain.errors import DomainError
from jixiao.domain.problems import Problem, Suggestion, derive_suggestions, edited, problem_key_kind
from jixiao.domain.report.compose import NARRATIVE_LABELS, compose_evaluation_report, default_narratives
from jixiao.domain.report.document import Report
from jixiao.domain.report.movements import MOVEMENT_PREFIX, movements
from jixiao.domain.report.outlines import OutlineInvalid, load_outline
from jixiao.domain.report.placeholders import placeholder_paragraphs

FORMATS = ("docx", "html", "pdf", "txt")


class ReportRefused(DomainError):
    code = "report_refused"


class ExportRefused(DomainError):
    code = "export_refused"


class ReportNotFinal(DomainError):
    """The report is still a 草稿; ``details["missing"]`` lists what keeps it from being final."""

    code = "report_not_final"


# --- building the report from a draft -----------------------------------------------------------


def _entry_key(entry: dict) -> str:
    return entry.get("key") or entry.get("kind", "")


def _confirmed(version: DraftVersion | None, derived: tuple[Problem, ...]):
    """Derived problems with the officer's wording applied (matched by key). A problem is confirmed
    when the officer confirmed that key; one the data raised since stays unconfirmed."""
    if version is None or not version.problems:
        return derived, None
    texts = {_entry_key(entry): entry["text"] for entry in version.problems}
    problems = tuple(
        edited(problem, text=texts[problem.key], confirm=version.confirmed)
        if problem.key in texts
        else problem
        for problem in derived
        if texts.get(problem.key, problem.text).strip()
    )
    suggestions = None
    if version.confirmed and version.suggestions:
        suggestions = tuple(
            Suggestion(
                heading=entry["heading"],
                items=tuple(entry["items"]),
                follows_from=tuple(entry.get("follows_from", [])),
                confirmed=True,
            )
            for entry in version.suggestions
        )
    return problems, suggestions


def build_report(
    *, department: Department, year: int, version: DraftVersion | None = None, outline: str | None = None
) -> Report:
    """The report as it stands: the latest draft version's texts over today's figures, along the
    outline the department's bureau asks for in that year (or ``outline``)."""
    if version is None:
        draft = ReportDraft.objects.filter(department=department, year=year).first()
        version = draft.latest if draft else None
    inputs = report_inputs(
        department=department,
        year=year,
        narratives=version.narratives if version else None,
        version=version.number if version else 0,
        judgements=version.judgements if version else None,
    )
    if version is not None and version.problems:
        problems, suggestions = _confirmed(version, inputs.problems)
        inputs = dataclasses.replace(
            inputs,
            problems=problems,
            suggestions=suggestions if suggestions is not None else derive_suggestions(problems),
        )
    return compose_evaluation_report(inputs, outline or outline_for(department=department, year=year))


def current_problems(draft: ReportDraft) -> list[dict]:
    """The problems the report has now — raised by today's data, in the officer's wording where
    they confirmed it — with whether each is confirmed (for the confirmation page)."""
    version = draft.latest
    inputs = report_inputs(
        department=draft.department,
        year=draft.year,
        narratives=version.narratives if version else None,
        judgements=version.judgements if version else None,
    )
    problems, _ = _confirmed(version, inputs.problems)
    return [
        {"key": p.key, "kind": p.kind.value, "text": p.text, "basis": p.basis, "confirmed": p.confirmed}
        for p in problems
    ]


def _problem_entries(problems) -> list[dict]:
    return [{"key": p.key, "kind": p.kind.value, "text": p.text} for p in problems]


# --- the checker --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckFinding:
    severity: str
    message: str
    is_error: bool


def check_report_text(text: str) -> list[CheckFinding]:
    """The report checker's findings on the plain text of a report."""
    return [
        CheckFinding(SEVERITY_LABELS[f.severity], f.message, f.severity == ERROR)
        for f in check_text(text, report_type="zhengti").findings
    ]


def render(report: Report, fmt: str) -> bytes:
    if fmt == "docx":
        from jixiao.formats.docx_writer import render_docx

        return render_docx(report)
    if fmt == "html":
        from jixiao.formats.html_writer import render_html

        return render_html(report).encode("utf-8")
    if fmt == "txt":
        from jixiao.formats.txt_writer import render_txt

        return render_txt(report).encode("utf-8")
    if fmt == "pdf":
        from jixiao.formats.pdf import render_pdf

        return render_pdf(report)
    raise ReportRefused(f"不支持的导出格式“{fmt}”，可选：{'、'.join(FORMATS)}")


def require_final(report: Report) -> None:
    """Refuse a 草稿 where a final report is asked for, listing what is missing."""
    if report.is_draft:
        raise ReportNotFinal(
            f"报告尚有{len(report.draft)}项未完成，仍是草稿，不能作为正式报告：" + "；".join(report.draft),
            missing=list(report.draft),
        )


def export_report(report: Report, fmt: str, *, check: bool = True, final: bool = False) -> bytes:
    """Render after the checker passes; refused with the findings if any error-level finding
    exists, and refused as a 草稿 when ``final`` is asked for."""
    from jixiao.formats.txt_writer import render_txt

    if final:
        require_final(report)
    if check:
        findings = check_report_text(render_txt(report))
        errors = [f for f in findings if f.is_error]
        if errors:
            raise ExportRefused(
                f"报告检查发现{len(errors)}个错误，已拒绝导出，请修改后重试。",
                findings=[f.message for f in errors],
            )
    return render(report, fmt)


def export_bytes(
    *,
    department: Department,
    year: int,
    fmt: str,
    actor,
    check: bool = True,
    final: bool = False,
    outline: str | None = None,
    with_report: bool = False,
):
    """The report's bytes (and, with ``with_report``, the composed report too, so a caller can
    say whether it is a 草稿 and what it lacks)."""
    report = build_report(department=department, year=year, outline=outline)
    data = export_report(report, fmt, check=check, final=final)
    if actor is not None:
        draft = ReportDraft.objects.filter(department=department, year=year).first()
        audit_record(
            actor=actor,
            action="report_export",
            action_label="导出评价报告",
            target=draft,
            department=department,
            after={
                "format": fmt,
                "version": report.metadata.version,
                "draft": list(report.draft),
            },
        )
    return (data, report) if with_report else data


# --- state changes ------------------------------------------------------------------------------


def _new_version(draft: ReportDraft, *, actor, change: str, **state) -> DraftVersion:
    latest = draft.versions.order_by("-number").first()
    base = {
        "narratives": dict(latest.narratives) if latest else {},
        "problems": list(latest.problems) if latest else [],
        "suggestions": list(latest.suggestions) if latest else [],
        "confirmed": latest.confirmed if latest else False,
        "judgements": dict(latest.judgements) if latest else {},
    }
    base.update(state)
    return DraftVersion.objects.create(
        draft=draft,
        number=(latest.number + 1) if latest else 1,
        change=change,
        created_at=timezone.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
        **base,
    )


def report_generate(*, actor, department: Department, year: int) -> ReportDraft:
    """Create the draft with version 1 pre-filled from the data (or return the existing one)."""
    with transaction.atomic():
        draft, created = ReportDraft.objects.select_for_update().get_or_create(
            department=department,
            year=year,
            defaults={
                "created_at": timezone.now(),
                "created_by": actor if getattr(actor, "pk", None) else None,
            },
        )
        if created or not draft.versions.exists():
            inputs = report_inputs(department=department, year=year)
            version = _new_version(
                draft,
                actor=actor,
                change="由系统数据生成初稿",
                narratives=default_narratives(inputs),
                problems=_problem_entries(inputs.problems),
                suggestions=[
                    {"heading": s.heading, "items": list(s.items), "follows_from": list(s.follows_from)}
                    for s in inputs.suggestions
                ],
            )
            audit_record(
                actor=actor,
                action="report_generate",
                action_label="生成评价报告初稿",
                target=draft,
                department=department,
                after={"version": version.number},
            )
    return draft


def movement_labels(draft: ReportDraft) -> dict[str, str]:
    """The year's large movements that ask for an explanation: narrative key → label."""
    from jixiao.apps.reports.selectors import department_year_facts

    facts = department_year_facts(department=draft.department, year=draft.year)
    return {m.narrative_key: f"变动原因：{m.statement}" for m in movements(facts)}


def paragraph_label(draft: ReportDraft, key: str) -> str | None:
    if key in NARRATIVE_LABELS:
        return NARRATIVE_LABELS[key]
    if key.startswith(MOVEMENT_PREFIX):
        return movement_labels(draft).get(key)
    return None


def _refuse_while_with_bureau(draft: ReportDraft) -> None:
    """While a version waits at the finance bureau the draft stays as submitted: changes would
    make the page say something other than what the bureau reviews."""
    standing = report_standing(department=draft.department, year=draft.year)
    if not standing.editable:
        raise ReportRefused(
            f"{standing.status_text}。审核期间不能修改，财政局退回后才能修改并提交下一版。",
            version=standing.version,
        )


def report_edit_paragraph(*, actor, draft: ReportDraft, key: str, text: str) -> DraftVersion:
    label = paragraph_label(draft, key)
    if label is None:
        raise ReportRefused(f"段落“{key}”不存在，无法修改")
    text = text.replace("\r\n", "\n").strip()
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        _refuse_while_with_bureau(draft)
        latest = draft.latest
        before = (latest.narratives if latest else {}).get(key, "")
        if before == text:
            raise ReportRefused(f"段落“{label}”未作修改，无需保存新版本")
        narratives = dict(latest.narratives) if latest else {}
        narratives[key] = text
        version = _new_version(draft, actor=actor, change=f"修改段落：{label[:200]}", narratives=narratives)
        audit_record(
            actor=actor,
            action="report_edit_paragraph",
            action_label="修改报告段落",
            target=draft,
            department=draft.department,
            before={key: before},
            after={key: text, "version": version.number},
        )
    return version


def report_confirm_problems(
    *, actor, draft: ReportDraft, problems: list[dict], suggestions: list[dict] | None = None
) -> DraftVersion:
    """The officer's edited and confirmed problems ([{key, kind, text}]); an empty text drops a problem."""
    for entry in problems:
        if problem_key_kind(_entry_key(entry)) is None:
            raise ReportRefused(f"问题类型“{_entry_key(entry)}”无法识别")
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        _refuse_while_with_bureau(draft)
        latest = draft.latest
        state = {"problems": problems, "confirmed": True}
        if suggestions is not None:
            state["suggestions"] = suggestions
        if latest is not None and all(getattr(latest, k) == v for k, v in state.items()):
            raise ReportRefused("问题和建议未作修改，无需保存新版本")
        version = _new_version(draft, actor=actor, change="确认存在的问题和建议", **state)
        audit_record(
            actor=actor,
            action="report_confirm_problems",
            action_label="确认报告问题和建议",
            target=draft,
            department=draft.department,
            before={"problems": latest.problems if latest else []},
            after={"problems": problems, "version": version.number},
        )
    return version


def _judgements_key(judgements: dict | None) -> tuple:
    """Judgements compared as sets of entries (no judgement at all = empty lists)."""
    judgements = judgements or {}
    return tuple(
        sorted(
            tuple(sorted((str(k), str(v)) for k, v in entry.items())) for entry in judgements.get(part) or []
        )
        for part in ("checklist", "manual")
    )


def report_judge(*, actor, draft: ReportDraft, checklist: list[dict], manual: list[dict]) -> DraftVersion:
    """Save the officer's checklist answers and manual scores; refused (nothing saved) when a
    score lacks evidence, is out of range, or names a row the framework does not have."""
    from jixiao.apps.reports.selectors import department_year_facts, framework_for
    from jixiao.domain.scoring import score_department

    judgements = {"checklist": checklist, "manual": manual}
    framework = framework_for(draft.year)
    known = {row.key for row in framework.rows}
    for entry in [*checklist, *manual]:
        if entry.get("row_key") not in known:
            raise ReportRefused(f"评分表中没有评分项“{entry.get('row_key')}”")
    # Scoring once validates every judgement (evidence required, score within the row's points).
    score_department(
        department_year_facts(department=draft.department, year=draft.year, judgements=judgements), framework
    )
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        _refuse_while_with_bureau(draft)
        latest = draft.latest
        if _judgements_key(latest.judgements if latest else None) == _judgements_key(judgements):
            raise ReportRefused("人工评分及检查项未作修改，无需保存新版本")
        version = _new_version(draft, actor=actor, change="填写人工评分及检查项", judgements=judgements)
        audit_record(
            actor=actor,
            action="report_judge",
            action_label="填写报告人工评分",
            target=draft,
            department=draft.department,
            before={"judgements": latest.judgements if latest else {}},
            after={"judgements": judgements, "version": version.number},
        )
    return version


# --- comparing versions -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    key: str
    label: str
    lines: tuple[tuple[str, str], ...]  # (op, text) with op in " ", "-", "+"


def version_diff(older: DraftVersion, newer: DraftVersion) -> list[ParagraphDiff]:
    """The narrative paragraphs that differ between two versions, character-level by sentence."""
    result = []
    keys = list(dict.fromkeys([*older.narratives, *newer.narratives]))
    for key in keys:
        before = older.narratives.get(key, "")
        after = newer.narratives.get(key, "")
        if before == after:
            continue
        split = lambda t: [s + "。" for s in t.replace("\n", "。").split("。") if s.strip()]  # noqa: E731
        lines = []
        for line in difflib.ndiff(split(before), split(after)):
            op = line[:1]
            if op in (" ", "-", "+"):
                lines.append((op, line[2:]))
        label = NARRATIVE_LABELS.get(key) or paragraph_label(newer.draft, key) or key
        result.append(ParagraphDiff(key, label, tuple(lines)))
    old_problems = {_entry_key(p): p["text"] for p in older.problems}
    new_problems = {_entry_key(p): p["text"] for p in newer.problems}
    if old_problems != new_problems:
        lines = []
        for kind in dict.fromkeys([*old_problems, *new_problems]):
            if old_problems.get(kind) != new_problems.get(kind):
                if kind in old_problems:
                    lines.append(("-", old_problems[kind]))
                if kind in new_problems:
                    lines.append(("+", new_problems[kind]))
        result.append(ParagraphDiff("problems", "存在的主要问题", tuple(lines)))
    return result


def today() -> dt.date:
    return timezone.localdate()


def submission_blockers(report: Report) -> list[str]:
    """What keeps the report from going to the finance bureau, each item naming where: every
    paragraph that still holds placeholder text (jixiao/data/report/placeholders.yaml), then
    whatever else keeps it a 草稿 (unconfirmed problems, unscored items, empty paragraphs)."""
    found = placeholder_paragraphs(report)
    items = [f"{f.where}仍是待填写的占位文字" for f in found]
    placeholder_missing = bool(found)
    for item in report.draft:
        if placeholder_missing and "尚待填写" in item:
            continue  # the same paragraphs, already named above
        items.append(item)
    return items


def report_submit_for_review(*, actor, draft: ReportDraft):
    """Send the draft's latest state to the finance bureau as the next 第N版: refused while a
    version waits at the bureau, while any paragraph holds placeholder text or anything else
    keeps it a 草稿, and while the checker finds errors; then the review workflow snapshots it
    (document, .docx, text, figures) so later data edits never change what was submitted."""
    from jixiao.apps.oversight.services import report_submit
    from jixiao.formats.txt_writer import render_txt

    _refuse_while_with_bureau(draft)
    report = build_report(department=draft.department, year=draft.year)
    blockers = submission_blockers(report)
    if blockers:
        raise ReportRefused(
            f"报告尚不能提交财政局（{len(blockers)}项）：{'；'.join(blockers)}。", missing=blockers
        )
    docx = export_report(report, "docx")
    return report_submit(
        actor=actor,
        department=draft.department,
        year=draft.year,
        document=report,
        docx=docx,
        text=render_txt(report),
    )


def outline_choose(*, actor, bureau, valid_from: int, outline: str) -> OutlineChoice:
    """A finance bureau asks for an outline from a year on (replacing its choice for that year)."""
    if not (
        getattr(actor, "is_bureau_user", False) and not actor.is_read_only and actor.bureau_id == bureau.pk
    ):
        raise ReportRefused("只有本财政局的工作人员可以设置报告提纲。")
    try:
        chosen = load_outline(outline)
    except OutlineInvalid as error:
        raise ReportRefused(error.message) from error
    if not 2000 <= int(valid_from) <= 2100:
        raise ReportRefused(f"起始年度“{valid_from}”无效")
    with transaction.atomic():
        existing = (
            OutlineChoice.objects.select_for_update().filter(bureau=bureau, valid_from=valid_from).first()
        )
        before = {"outline": existing.outline} if existing else {}
        if existing is None:
            existing = OutlineChoice(bureau=bureau, valid_from=valid_from)
        existing.outline = chosen.key
        existing.chosen_by = actor
        existing.chosen_at = timezone.now()
        existing.save()
        audit_record(
            actor=actor,
            action="report_outline_choose",
            action_label="设置评价报告提纲",
            target=existing,
            before=before,
            after={"outline": chosen.key, "valid_from": valid_from},
        )
    return existing
