"""Upload → preview (errors with row/column/message, per-line totals) → confirm; exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.apps.core.uploads import refusal_message
from jixiao.apps.exchange.forms import ExportForm, MappingForm, UploadForm
from jixiao.apps.exchange.models import ImportKind, ImportStatus
from jixiao.apps.exchange.selectors import EXPORT_TABLES, access_batch, batches_for, export_table
from jixiao.apps.exchange.services import (
    header_mapping_save,
    progress_read,
    run_import,
    runs_in_background,
    saved_mapping,
    stage_upload,
)
from jixiao.apps.exchange.tasks import enqueue_import
from jixiao.apps.orgs.selectors import access_department, default_department_for
from jixiao.domain.errors import DomainError
from jixiao.domain.imports import HEADER_SCAN_ROWS, detect_layout
from jixiao.formats.exports import errors_workbook, write_table
from jixiao.formats.tabular import estimate_rows, read_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUNNING = {ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.CHECKING}


def _department(request):
    raw = request.GET.get("department") or request.POST.get("department")
    if raw and raw.isdigit():
        return access_department(user=request.user, id=int(raw))
    return default_department_for(request.user)


@login_required
def import_start(request):
    department = _department(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    refused = getattr(request, "upload_refused", None)
    if refused is not None:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", refusal_message(refused))
        request.upload_refusal_shown = True
    elif request.method == "POST" and form.is_valid():
        if (
            department is None
            or not request.user.is_department_user
            or request.user.department_id != department.pk
        ):
            form.add_error(None, "只有本单位的财务人员或负责人可以导入本单位的数据。")
        else:
            from jixiao.apps.exchange.models import ImportBatch

            path, sha, name = stage_upload(form.cleaned_data["file"])
            kind = form.cleaned_data["kind"]
            batch = ImportBatch.objects.create(
                department=department,
                # 上年数 is the summary of the year before the chosen one
                year=request.year - 1 if kind == ImportKind.PRIOR_YEAR else request.year,
                kind=kind,
                file_name=name[:255],
                file_path=str(path),
                file_sha256=sha,
                created_by=request.user,
                rows=estimate_rows(path),
            )
            if runs_in_background(path):
                enqueue_import(batch=batch, actor=request.user, dry_run=True)
                return redirect("exchange:batch-progress", pk=batch.pk)
            run_import(actor=request.user, batch=batch, dry_run=True)
            return redirect("exchange:batch", pk=batch.pk)
    recent = batches_for(department=department, year=request.year)[:20] if department else []
    return render(
        request,
        "exchange/import_start.html",
        {
            "form": form,
            "department": department,
            "year": request.year,
            "recent": recent,
            "kinds": import_kind_columns(),
            "title": f"{request.year}年度 导入预算指标、支出凭证和“三公”经费预算",
        },
    )


def import_kind_columns() -> list[dict]:
    """Each import kind of this page with its required columns and its template (from the spec)."""
    from jixiao.apps.exchange.import_templates import cli_name, required_headers, template_kinds
    from jixiao.domain.imports import import_kinds

    titles = template_kinds()
    specs = import_kinds()
    return [
        {
            "kind": cli_name(kind),
            "label": label,
            "title": titles[cli_name(kind)],
            "required": required_headers(kind),
            "optional": [c.header for c in specs[kind].columns if not c.required] if kind in specs else [],
        }
        for kind, label in ImportKind.choices
        if cli_name(kind) in titles
    ]


@login_required
def template_download(request, kind: str):
    """The template of an import kind (header row, a 示例 row, a 说明 sheet); it holds no data."""
    from urllib.parse import quote

    from jixiao.apps.exchange.import_templates import cli_name, template_file, template_kinds

    if cli_name(kind) not in template_kinds():
        raise Http404("没有这种导入模板。")
    name, content = template_file(kind)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{kind}-template.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    return response


@login_required
def batch_detail(request, pk: int):
    batch = access_batch(user=request.user, id=pk)
    if batch.status in RUNNING:
        return redirect("exchange:batch-progress", pk=batch.pk)
    mapping_form = None
    missing = [e for e in batch.errors if e.get("row") is None and "缺少必需的列" in e.get("message", "")]
    if missing or request.GET.get("map"):
        mapping_form = _mapping_form(batch)
    return render(
        request,
        "exchange/batch_detail.html",
        {
            "batch": batch,
            "errors": batch.errors[:500],
            "more_errors": max(0, batch.error_count - 500),
            "mapping_form": mapping_form,
            "can_confirm": batch.status == ImportStatus.PREVIEWED,
            "department": batch.department,
            "title": f"{batch.get_kind_display()}导入：{batch.file_name}",
        },
    )


def _mapping_form(batch, data=None) -> MappingForm | None:
    try:
        head = []
        for row in read_rows(batch.file_path):
            head.append(row)
            if len(head) >= HEADER_SCAN_ROWS:
                break
        layout = detect_layout(
            head, kind=batch.kind, saved=saved_mapping(department=batch.department, kind=batch.kind)
        )
        headers = list(layout.headers)
        current = {h: f for f, i in layout.columns.items() for h in [layout.headers[i]]}
    except (DomainError, OSError):
        headers = [str(c) for c in (head[0] if head else []) if c]
        current = {}
    return MappingForm(data, headers=headers, current=current)


@login_required
@require_POST
def batch_mapping(request, pk: int):
    batch = access_batch(user=request.user, id=pk)
    form = _mapping_form(batch, request.POST)
    if form is not None and form.is_valid():
        try:
            header_mapping_save(
                actor=request.user, department=batch.department, kind=batch.kind, mapping=form.mapping()
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("exchange:batch", pk=batch.pk)
        messages.success(request, "列名对应已保存，本单位下次导入时自动使用。已重新校验。")
        run_import(actor=request.user, batch=batch, dry_run=True)
    return redirect("exchange:batch", pk=batch.pk)


@login_required
@require_POST
def batch_confirm(request, pk: int):
    batch = access_batch(user=request.user, id=pk)
    if batch.status != ImportStatus.PREVIEWED:
        messages.error(request, "该批次不是待确认状态，不能导入。")
        return redirect("exchange:batch", pk=batch.pk)
    try:
        if runs_in_background(batch.file_path):
            enqueue_import(batch=batch, actor=request.user, dry_run=False)
            return redirect("exchange:batch-progress", pk=batch.pk)
        outcome = run_import(actor=request.user, batch=batch, dry_run=False)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("exchange:batch", pk=batch.pk)
    (messages.success if outcome.status == ImportStatus.IMPORTED else messages.warning)(
        request, outcome.message
    )
    return redirect("exchange:batch", pk=batch.pk)


@login_required
def batch_progress(request, pk: int):
    batch = access_batch(user=request.user, id=pk)
    if batch.status not in RUNNING:
        return redirect("exchange:batch", pk=batch.pk)
    progress = progress_read(batch.pk)
    return render(
        request,
        "exchange/batch_progress.html",
        {"batch": batch, "progress": progress, "title": f"正在处理：{batch.file_name}"},
    )


@login_required
def batch_errors_xlsx(request, pk: int):
    batch = access_batch(user=request.user, id=pk)
    content = errors_workbook(
        batch.errors,
        meta=[batch.department.name, f"{batch.year}年度", batch.file_name, f"共{batch.error_count}处错误"],
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="import-errors-{batch.pk}.xlsx"'
    return response


@login_required
def export_view(request):
    department = _department(request)
    form = ExportForm(request.GET or None)
    if request.GET and form.is_valid() and department is not None:
        data = form.cleaned_data
        table_name = data["table"]
        filters = {}
        if table_name == "vouchers":
            filters = {
                k: data[k]
                for k in ("date_from", "date_to", "fund_type", "econ_prefix", "project_code", "q")
                if data.get(k)
            }
        table = export_table(
            table=table_name, department=department, year=request.year, unit=data["unit"], **filters
        )
        content = write_table(table, stream=table_name == "vouchers")
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{table_name}-{request.year}.xlsx"'
        return response
    return render(
        request,
        "exchange/export.html",
        {
            "form": form,
            "department": department,
            "year": request.year,
            "tables": EXPORT_TABLES,
            "title": f"{request.year}年度 导出Excel表格",
        },
    )
