"""Report services: generate a draft, edit a paragraph, confirm problems, export.

Each state change is atomic, locks the draft it changes, writes a new version and an audit
event; a refusal raises a DomainError with a Chinese message and changes nothing. Export runs
the report checker on the plain-text rendering and is refused while any error-level finding
remains.
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
from jixiao.apps.reports.models import DraftVersion, ReportDraft
from jixiao.apps.reports.selectors import report_inputs
from jixiao.domain.checker import ERROR, check_text
from jixiao.domain.checker.findings import SEVERITY_LABELS
from jixiao.domain.errors import DomainError
from jixiao.domain.problems import Problem, ProblemKind, Suggestion, derive_suggestions, edited
from jixiao.domain.report.compose import NARRATIVE_LABELS, compose_evaluation_report, default_narratives
from jixiao.domain.report.document import Report

FORMATS = ("docx", "html", "pdf", "txt")


class ReportRefused(DomainError):
    code = "report_refused"


class ExportRefused(DomainError):
    code = "export_refused"


# --- building the report from a draft -----------------------------------------------------------


def _confirmed(version: DraftVersion | None, derived: tuple[Problem, ...]):
    """Derived problems with the officer's confirmed wording applied (matched by kind)."""
    if version is None or not version.problems:
        return derived, None
    texts = {entry["kind"]: entry["text"] for entry in version.problems}
    problems = tuple(
        edited(problem, text=texts[problem.kind.value]) if problem.kind.value in texts else problem
        for problem in derived
        if texts.get(problem.kind.value, problem.text).strip()
    )
    suggestions = None
    if version.suggestions:
        by_value = {kind.value: kind for kind in ProblemKind}
        suggestions = tuple(
            Suggestion(
                heading=entry["heading"],
                items=tuple(entry["items"]),
                follows_from=tuple(by_value[k] for k in entry.get("follows_from", []) if k in by_value),
                confirmed=True,
            )
            for entry in version.suggestions
        )
    return problems, suggestions


def build_report(*, department: Department, year: int, version: DraftVersion | None = None) -> Report:
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
    return compose_evaluation_report(inputs)


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


def export_report(report: Report, fmt: str, *, check: bool = True) -> bytes:
    """Render after the checker passes; refused with the findings if any error-level finding exists."""
    from jixiao.formats.txt_writer import render_txt

    if check:
        findings = check_report_text(render_txt(report))
        errors = [f for f in findings if f.is_error]
        if errors:
            raise ExportRefused(
                f"报告检查发现{len(errors)}个错误，已拒绝导出，请修改后重试。",
                findings=[f.message for f in errors],
            )
    return render(report, fmt)


def export_bytes(*, department: Department, year: int, fmt: str, actor, check: bool = True) -> bytes:
    report = build_report(department=department, year=year)
    data = export_report(report, fmt, check=check)
    if actor is not None:
        draft = ReportDraft.objects.filter(department=department, year=year).first()
        audit_record(
            actor=actor,
            action="report_export",
            action_label="导出评价报告",
            target=draft,
            department=department,
            after={"format": fmt, "version": report.metadata.version},
        )
    return data


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
                problems=[{"kind": p.kind.value, "text": p.text} for p in inputs.problems],
                suggestions=[
                    {
                        "heading": s.heading,
                        "items": list(s.items),
                        "follows_from": [k.value for k in s.follows_from],
                    }
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


def report_edit_paragraph(*, actor, draft: ReportDraft, key: str, text: str) -> DraftVersion:
    if key not in NARRATIVE_LABELS:
        raise ReportRefused(f"段落“{key}”不存在，无法修改")
    text = text.replace("\r\n", "\n").strip()
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        latest = draft.latest
        before = (latest.narratives if latest else {}).get(key, "")
        if before == text:
            raise ReportRefused(f"段落“{NARRATIVE_LABELS[key]}”未作修改，无需保存新版本")
        narratives = dict(latest.narratives) if latest else {}
        narratives[key] = text
        version = _new_version(
            draft, actor=actor, change=f"修改段落：{NARRATIVE_LABELS[key]}", narratives=narratives
        )
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
    """The officer's edited and confirmed problems ([{kind, text}]); an empty text drops a problem."""
    known = {kind.value for kind in ProblemKind}
    for entry in problems:
        if entry.get("kind") not in known:
            raise ReportRefused(f"问题类型“{entry.get('kind')}”无法识别")
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
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
        result.append(ParagraphDiff(key, NARRATIVE_LABELS.get(key, key), tuple(lines)))
    old_problems = {p["kind"]: p["text"] for p in older.problems}
    new_problems = {p["kind"]: p["text"] for p in newer.problems}
    if old_problems != new_problems:
        lines = []
        for kind in dict.fromkeys([*old_problems, *new_problems]):
            if old_problems.get(kind) != new_problems.get(kind):
                if kind in old_problems:
                    lines.append(("-", old_problems[kind]))
                if kind in new_problems:
                    lines.append(("+", new_problems[kind]))
        result.append(ParagraphDiff("problems", "六、存在的主要问题", tuple(lines)))
    return result


def today() -> dt.date:
    return timezone.localdate()


def report_submit_for_review(*, actor, draft: ReportDraft):
    """Send the draft's latest version to the finance bureau: the checker must pass first, then
    the review workflow snapshots it (document, .docx, text, figures) so later data edits never
    change what was submitted."""
    from jixiao.apps.oversight.services import report_submit
    from jixiao.formats.txt_writer import render_txt

    report = build_report(department=draft.department, year=draft.year)
    docx = export_report(report, "docx")
    return report_submit(
        actor=actor,
        department=draft.department,
        year=draft.year,
        document=report,
        docx=docx,
        text=render_txt(report),
    )
