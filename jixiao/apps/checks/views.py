"""报告体检 on the web: upload one report or many, see every finding highlighted in the text.

Nothing uploaded is stored: the files are read in memory, checked and shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jixiao.domain.checker import check_text
from jixiao.domain.checker.findings import SEVERITY_LABELS
from jixiao.domain.errors import DomainError
from jixiao.formats.report_readers import read_report_bytes

MAX_FILES = 20
MAX_BYTES = 20 * 1024 * 1024
REPORT_TYPES = [
    ("auto", "自动识别"),
    ("zhengti", "部门整体支出绩效评价报告"),
    ("xiangmu", "项目支出绩效评价报告"),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files (the pattern of Django's documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class CheckForm(forms.Form):
    files = MultipleFileField(label="报告文件（.txt / .docx / .pdf，可多选）")
    report_type = forms.ChoiceField(label="报告类型", choices=REPORT_TYPES, initial="auto")


@dataclass
class Segment:
    text: str
    finding: int | None = None
    severity: str = ""


@dataclass
class FileResult:
    name: str
    error: str = ""
    result: object | None = None
    segments: list[Segment] | None = None
    findings: list[dict] | None = None


def highlight(text: str, findings) -> list[Segment]:
    """Split the text into plain and highlighted stretches; overlapping findings keep the first."""
    segments, cursor = [], 0
    for index, finding in sorted(enumerate(findings, start=1), key=lambda pair: pair[1].location.start):
        start, end = finding.location.start, finding.location.end
        if start < cursor or end <= start:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], finding=index, severity=finding.severity))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def check_upload(name: str, data: bytes, report_type: str) -> FileResult:
    if len(data) > MAX_BYTES:
        return FileResult(name, error=f"文件超过{MAX_BYTES // 1024 // 1024}MB，请压缩或拆分后再检查。")
    try:
        text = read_report_bytes(data, name=name).text
        result = check_text(text, report_type=report_type)
    except DomainError as error:
        return FileResult(name, error=str(error))
    findings = [
        {
            "index": index,
            "severity": f.severity,
            "severity_label": SEVERITY_LABELS[f.severity],
            "rule": f.rule,
            "message": f.message,
            "section": f.location.section,
            "quote": f.location.quote,
            "expected": f.expected,
            "found": f.found,
        }
        for index, f in enumerate(result.findings, start=1)
    ]
    return FileResult(name, result=result, segments=highlight(text, result.findings), findings=findings)


@login_required
def check(request):
    results: list[FileResult] = []
    if request.method == "POST":
        form = CheckForm(request.POST, request.FILES)
        uploads = request.FILES.getlist("files")
        if len(uploads) > MAX_FILES:
            form.add_error("files", f"一次最多检查{MAX_FILES}个文件。")
        elif form.is_valid():
            report_type = form.cleaned_data["report_type"]
            results = [check_upload(upload.name, upload.read(), report_type) for upload in uploads]
    else:
        form = CheckForm()
    return render(request, "checks/check.html", {"form": form, "results": results, "title": "报告体检"})
