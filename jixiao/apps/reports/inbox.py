"""The year-end checklist's report items: what keeps the year's report a 草稿 — unscored items,
unconfirmed problems, empty paragraphs … — exactly as ``Report.draft`` lists them (the same
list the report page shows and submission checks)."""

from __future__ import annotations

from django.urls import reverse

from jixiao.apps.core.inbox import CHECK, InboxItem, register
from jixiao.apps.reports.models import ReportDraft
from jixiao.apps.reports.services import build_report


def report_checklist(*, user, year):
    if not user.is_department_user:
        return []
    draft = ReportDraft.objects.filter(department_id=user.department_id, year=year).first()
    if draft is None:
        return [
            InboxItem(
                kind=CHECK,
                workflow="自评报告",
                title=f"尚未生成{year}年度自评报告初稿",
                url=reverse("reports:report-list"),
            )
        ]
    report = build_report(department=draft.department, year=year)
    return [
        InboxItem(kind=CHECK, workflow="自评报告", title=item, url=draft.get_absolute_url())
        for item in report.draft
    ]


register(checklist=report_checklist)
