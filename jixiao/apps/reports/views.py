"""自评与报告 pages: list and generate, preview, edit a paragraph, confirm problems, review the
score, compare versions, download. Thin: one service or selector per request; a refusal is
shown on the page and nothing is saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.apps.budgets.models import BudgetLine
from jixiao.apps.orgs.selectors import access_department, departments_visible_to
from jixiao.apps.reports import services
from jixiao.apps.reports.models import DraftVersion, ReportDraft
from jixiao.apps.reports.selectors import (
    department_year_facts,
    framework_for,
    outline_for,
    report_standing,
    report_standings,
)
from jixiao.domain.errors import DomainError
from jixiao.domain.report.compose import NARRATIVE_KEYS
from jixiao.domain.report.outlines import load_outline
from jixiao.domain.scoring import RowStatus, points_text, score_department
from jixiao.formats.pdf import PdfUnavailable

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
}


def access_report(*, user, id: int) -> ReportDraft:
    draft = (
        ReportDraft.objects.filter(pk=id, department__in=departments_visible_to(user))
        .select_related("department")
        .first()
    )
    if draft is None:
        raise Http404("没有找到该报告，或您无权查看。")
    return draft


def _standing(draft: ReportDraft):
    latest = draft.latest
    return report_standing(
        department=draft.department, year=draft.year, latest_edit_at=latest.created_at if latest else None
    )


def _is_own(user, draft: ReportDraft) -> bool:
    return user.is_department_user and user.department_id == draft.department_id


def _can_edit(user, draft: ReportDraft, standing=None) -> bool:
    """The department's own users, while no version waits at the finance bureau."""
    if not _is_own(user, draft):
        return False
    return (standing or _standing(draft)).editable


def _outline_context(user) -> dict:
    """For bureau staff: the outlines their departments' reports follow, and the form to set one."""
    if not (user.is_bureau_user and not user.is_read_only and user.bureau_id):
        return {}
    from jixiao.apps.reports.models import OutlineChoice
    from jixiao.domain.report.outlines import default_outline, list_outlines

    names = {outline.key: outline.name for outline in list_outlines()}
    choices = [
        {"valid_from": choice.valid_from, "name": names.get(choice.outline, choice.outline)}
        for choice in OutlineChoice.objects.filter(bureau_id=user.bureau_id).order_by("valid_from")
    ]
    return {
        "outline_form": True,
        "outline_choices": choices,
        "outlines": list_outlines(),
        "default_outline": default_outline(),
        "default_year": timezone.localdate().year - 1,
    }


@login_required
@require_POST
def outline_choose(request):
    try:
        year = int(request.POST.get("valid_from", "") or 0)
        choice = services.outline_choose(
            actor=request.user,
            bureau=request.user.bureau,
            valid_from=year,
            outline=request.POST.get("outline", ""),
        )
    except (DomainError, ValueError) as error:
        messages.error(request, getattr(error, "message", "起始年度无效"))
    else:
        messages.success(
            request, f"已设置：{choice.bureau.name}自{choice.valid_from}年起的评价报告按所选提纲编写。"
        )
    return redirect("reports:report-list")


@login_required
def report_list(request):
    departments = list(departments_visible_to(request.user))
    drafts = ReportDraft.objects.filter(department__in=departments).select_related("department")
    standings = report_standings(drafts)
    rows = [{"draft": draft, "standing": standings[draft.pk]} for draft in drafts]
    return render(
        request,
        "reports/report_list.html",
        {
            **_outline_context(request.user),
            "rows": rows,
            "departments": departments,
            "can_generate": request.user.is_department_user,
            "batches": _recent_batches(request.user),
            "years": sorted(
                set(BudgetLine.objects.filter(department__in=departments).values_list("year", flat=True)),
                reverse=True,
            ),
        },
    )


def _recent_batches(user) -> list:
    from jixiao.apps.reports.models import ReportBatch

    if not (user.is_bureau_user and user.bureau_id):
        return []
    return list(ReportBatch.objects.filter(bureau_id=user.bureau_id).order_by("-created_at", "-pk")[:5])


@login_required
@require_POST
def report_generate(request):
    if not request.user.is_department_user:
        raise Http404("只有部门用户可以生成本单位的评价报告。")
    department = access_department(user=request.user, id=int(request.POST.get("department", 0) or 0))
    year = int(request.POST.get("year", 0) or 0)
    try:
        draft = services.report_generate(actor=request.user, department=department, year=year)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:report-list")
    standing = _standing(draft)
    if draft.versions.count() > 1 or standing.submission is not None:
        messages.success(
            request, f"{draft}已经生成，当前为{standing.version_label}：{standing.status_text}。"
        )
    else:
        messages.success(request, f"已生成{draft}（{standing.version_label}，初稿，尚未提交）。")
    return redirect(draft.get_absolute_url())


@login_required
def report_detail(request, pk: int):
    draft = access_report(user=request.user, id=pk)
    latest = draft.latest
    narratives = latest.narratives if latest else {}
    outline = load_outline(outline_for(department=draft.department, year=draft.year))
    used = outline.narratives()
    paragraphs = [
        {"key": key, "label": label, "text": narratives.get(key, "")}
        for key, label in NARRATIVE_KEYS
        if key in used
    ]
    paragraphs += [
        {"key": key, "label": label, "text": narratives.get(key, "")}
        for key, label in services.movement_labels(draft).items()
    ]
    report = services.build_report(department=draft.department, year=draft.year)
    standing = _standing(draft)
    submission = standing.submission
    return render(
        request,
        "reports/report_detail.html",
        {
            "draft": draft,
            "latest": latest,
            "standing": standing,
            "submission": submission,
            "returned_comments": submission.comments.select_related("author")
            if submission is not None and submission.state == "returned"
            else (),
            "missing": services.submission_blockers(report),
            "outline": outline,
            "paragraphs": paragraphs,
            "versions": draft.versions.order_by("-number"),
            "can_edit": _can_edit(request.user, draft, standing),
            "formats": ("docx", "pdf", "html", "txt"),
        },
    )


@login_required
def report_preview(request, pk: int):
    draft = access_report(user=request.user, id=pk)
    report = services.build_report(department=draft.department, year=draft.year)
    return HttpResponse(services.render(report, "html"), content_type=CONTENT_TYPES["html"])


@login_required
def paragraph_edit(request, pk: int, key: str):
    draft = access_report(user=request.user, id=pk)
    label = services.paragraph_label(draft, key)
    if label is None:
        raise Http404("没有该段落。")
    if not _is_own(request.user, draft):
        raise Http404("只有本单位用户可以修改报告。")
    standing = _standing(draft)
    if not standing.editable:
        messages.error(request, f"{standing.status_text}。审核期间不能修改，财政局退回后才能修改。")
        return redirect(draft.get_absolute_url())
    latest = draft.latest
    text = (latest.narratives if latest else {}).get(key, "")
    error = ""
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            version = services.report_edit_paragraph(actor=request.user, draft=draft, key=key, text=text)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, f"已保存（第{version.number}次保存）。")
            return redirect(draft.get_absolute_url())
    return render(
        request,
        "reports/paragraph_edit.html",
        {"draft": draft, "key": key, "label": label, "text": text, "error": error},
    )


@login_required
def problems_confirm(request, pk: int):
    draft = access_report(user=request.user, id=pk)
    problems = services.current_problems(draft)
    error = ""
    if request.method == "POST":
        if not _is_own(request.user, draft):
            raise Http404("只有本单位用户可以确认问题。")
        edited = [
            {"key": p["key"], "kind": p["kind"], "text": request.POST.get(f"problem-{i}", p["text"]).strip()}
            for i, p in enumerate(problems)
        ]
        try:
            version = services.report_confirm_problems(actor=request.user, draft=draft, problems=edited)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, f"问题和建议已确认（第{version.number}次保存）。")
            return redirect(draft.get_absolute_url())
    return render(
        request,
        "reports/problems_confirm.html",
        {"draft": draft, "problems": problems, "error": error, "can_edit": _can_edit(request.user, draft)},
    )


def _judge_rows(framework, judgements: dict) -> list[dict]:
    """The rows a person scores: checklist items (met + evidence) and manual/qualitative rows."""
    from jixiao.domain.scoring import Checklist, Manual, Qualitative

    answers = {(a["row_key"], a["item_key"]): a for a in judgements.get("checklist", [])}
    manual = {j["row_key"]: j for j in judgements.get("manual", [])}
    rows = []
    for row in framework.rows:
        if isinstance(row.rule, Checklist):
            items = [
                {"key": item.key, "text": item.text, "answer": answers.get((row.key, item.key), {})}
                for item in row.rule.items
            ]
            rows.append({"row": row, "kind": "checklist", "items": items})
        elif isinstance(row.rule, (Manual, Qualitative)):
            kind = "manual" if isinstance(row.rule, Manual) else "qualitative"
            rows.append({"row": row, "kind": kind, "judgement": manual.get(row.key, {})})
    return rows


def _judgements_from_post(post, judge_rows) -> tuple[list[dict], list[dict]]:
    checklist, manual = [], []
    for entry in judge_rows:
        key = entry["row"].key
        if entry["kind"] == "checklist":
            for item in entry["items"]:
                evidence = post.get(f"ev-{key}-{item['key']}", "").strip()
                met = post.get(f"met-{key}-{item['key']}") == "on"
                if met or evidence:
                    checklist.append(
                        {"row_key": key, "item_key": item["key"], "met": met, "evidence": evidence}
                    )
        else:
            value = post.get(f"val-{key}", "").strip()
            evidence = post.get(f"ev-{key}", "").strip()
            if value or evidence:
                field = "score" if entry["kind"] == "manual" else "level"
                manual.append({"row_key": key, field: value, "evidence": evidence})
    return checklist, manual


@login_required
def score_review(request, pk: int):
    draft = access_report(user=request.user, id=pk)
    latest = draft.latest
    judgements = latest.judgements if latest else {}
    framework = framework_for(draft.year)
    judge_rows = _judge_rows(framework, judgements or {})
    error = ""
    if request.method == "POST":
        if not _is_own(request.user, draft):
            raise Http404("只有本单位用户可以评分。")
        checklist, manual = _judgements_from_post(request.POST, judge_rows)
        try:
            version = services.report_judge(
                actor=request.user, draft=draft, checklist=checklist, manual=manual
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, f"人工评分已保存（第{version.number}次保存）。")
            return redirect("reports:score-review", pk=draft.pk)
    facts = department_year_facts(department=draft.department, year=draft.year, judgements=judgements or None)
    sheet = score_department(facts, framework)
    rows = [
        {
            "row": row,
            "points": points_text(row.points),
            "score": points_text(row.score),
            "missing": row.status is RowStatus.NO_DATA,
        }
        for row in sheet.rows
    ]
    return render(
        request,
        "reports/score_review.html",
        {
            "draft": draft,
            "sheet": sheet,
            "rows": rows,
            "total": points_text(sheet.total),
            "judge_rows": judge_rows,
            "levels": ("达成", "部分达成", "未达成"),
            "can_edit": _can_edit(request.user, draft),
            "error": error,
        },
    )


@login_required
def version_diff(request, pk: int):
    draft = access_report(user=request.user, id=pk)
    versions = {v.number: v for v in draft.versions.all()}
    if not versions:
        raise Http404("该报告还没有版本。")
    newest = max(versions)
    try:
        b = int(request.GET.get("b", newest))
        a = int(request.GET.get("a", b - 1))
    except ValueError as error:
        raise Http404("版本号无效。") from error
    if a not in versions or b not in versions:
        raise Http404("没有该版本。")
    older: DraftVersion = versions[a]
    newer: DraftVersion = versions[b]
    return render(
        request,
        "reports/version_diff.html",
        {
            "draft": draft,
            "older": older,
            "newer": newer,
            "diffs": services.version_diff(older, newer),
            "numbers": sorted(versions),
        },
    )


@login_required
def report_download(request, pk: int, fmt: str):
    draft = access_report(user=request.user, id=pk)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式。")
    try:
        data = services.export_bytes(
            department=draft.department, year=draft.year, fmt=fmt, actor=request.user
        )
    except services.ExportRefused as refusal:
        return render(
            request,
            "reports/export_refused.html",
            {"draft": draft, "error": refusal.message, "findings": refusal.details.get("findings", [])},
            status=409,
        )
    except PdfUnavailable as refusal:
        messages.error(request, refusal.message)
        return redirect(draft.get_absolute_url())
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    filename = f"{draft.year}年度{draft.department.name}整体支出绩效评价报告.{fmt}"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
@require_POST
def report_submit(request, pk: int):
    draft = access_report(user=request.user, id=pk)
    try:
        submission = services.report_submit_for_review(actor=request.user, draft=draft)
    except DomainError as error:
        messages.error(request, f"未能提交：{error}")
        return redirect("reports:report-detail", pk=draft.pk)
    messages.success(request, f"{submission.status_text}。")
    return redirect("reports:report-detail", pk=draft.pk)


# --- batch generation (finance bureau) ----------------------------------------------------------


BATCH_REFRESH_SECONDS = 3


def _can_start_batch(user) -> bool:
    return user.is_bureau_user and not user.is_read_only and bool(user.bureau_id)


def access_batch(*, user, id: int):
    """A bureau's batches are seen by its staff and auditors, and by the province above it; anyone
    else gets a 404."""
    from jixiao.apps.reports.models import ReportBatch

    batch = None
    if user.is_bureau_user and user.bureau_id:
        batch = ReportBatch.objects.filter(pk=id, bureau_id=user.bureau_id).first()
    elif user.is_province_user and user.province_id:  # read-only, the batches of its bureaus
        batch = ReportBatch.objects.filter(pk=id, bureau__province_id=user.province_id).first()
    if batch is None:
        raise Http404("没有找到该批次，或您无权查看。")
    return batch


@login_required
@require_POST
def batch_start(request):
    from jixiao.apps.orgs.models import Department
    from jixiao.apps.reports.batch import batch_start as start

    if not _can_start_batch(request.user):
        raise Http404("只有财政局工作人员可以批量生成报告。")
    try:
        year = int(request.POST.get("year", "") or 0)
        batch = start(
            actor=request.user,
            departments=Department.objects.filter(bureau_id=request.user.bureau_id),
            year=year,
            scope=request.user.bureau.name,
            bureau=request.user.bureau,
        )
    except (DomainError, ValueError) as error:
        messages.error(request, getattr(error, "message", "年度无效"))
        return redirect("reports:report-list")
    messages.success(request, f"已开始批量生成{batch.year}年度全部{batch.items.count()}个单位的评价报告。")
    return redirect(batch.get_absolute_url())


@login_required
def batch_detail(request, pk: int):
    from jixiao.apps.reports.batch import batch_progress

    batch = access_batch(user=request.user, id=pk)
    progress = batch_progress(batch)
    refresh = None if progress.finished else BATCH_REFRESH_SECONDS
    response = render(
        request,
        "reports/batch_detail.html",
        {
            "batch": batch,
            "progress": progress,
            "items": batch.items.select_related("department").order_by("department__code"),
            "refresh_seconds": refresh,
        },
    )
    if refresh:
        # The browser reloads the page itself while the batch runs: no script, nothing from outside.
        response["Refresh"] = str(refresh)
    return response


@login_required
def batch_file(request, pk: int, item: int):
    from pathlib import Path
    from urllib.parse import quote

    from django.http import FileResponse

    from jixiao.apps.reports.models import BatchState

    batch = access_batch(user=request.user, id=pk)
    entry = batch.items.filter(pk=item, state=BatchState.DONE).select_related("department").first()
    path = Path(entry.file_path) if entry and entry.file_path else None
    if path is None or not path.is_file():
        raise Http404("该单位的报告文件不存在（未生成或已被移走）。")
    response = FileResponse(
        path.open("rb"), content_type=CONTENT_TYPES.get(batch.fmt, "application/octet-stream")
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(path.name)}"
    return response
