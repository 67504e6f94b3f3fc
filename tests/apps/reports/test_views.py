"""自评与报告 pages through the test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.apps.reports import services

pytestmark = pytest.mark.django_db


def test_officer_generates_edits_a_paragraph_compares_versions_and_downloads(client, ledger, officer):
    client.force_login(officer)
    assert "自评与报告" in client.get(reverse("reports:report-list")).content.decode()
    response = client.post(reverse("reports:report-generate"), {"department": ledger.pk, "year": 2023})
    draft = ledger.report_drafts.get(year=2023)
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "第1版" in page and "修改" in page
    edit = reverse("reports:paragraph-edit", args=[draft.pk, "work"])
    response = client.post(edit, {"text": "全年开展科普下乡30次。"})
    assert response.status_code == 302
    diff = client.get(reverse("reports:version-diff", args=[draft.pk]) + "?a=1&b=2").content.decode()
    assert "新增：全年开展科普下乡30次。" in diff
    preview = client.get(reverse("reports:report-preview", args=[draft.pk])).content.decode()
    assert "全年开展科普下乡30次。" in preview and "部门整体支出情况" in preview
    score = client.get(reverse("reports:score-review", args=[draft.pk])).content.decode()
    assert "在职人员控制率 = 在职人员数 / 编制数 × 100% = 14 / 15 × 100% = 93.3%" in score
    title = score.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and title.startswith("评分 · ")
    assert score.count("保存人工评分") == 1 and score.count('id="judge"') == 1
    download = client.get(reverse("reports:report-download", args=[draft.pk, "docx"]))
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert "attachment" in download["Content-Disposition"]


def test_another_department_cannot_see_the_report(client, ledger, officer, other_officer):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    client.force_login(other_officer)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:report-download", args=[draft.pk, "txt"])).status_code == 404


def test_auditor_reads_but_cannot_edit(client, ledger, officer, auditor):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    client.force_login(auditor)
    assert client.get(draft.get_absolute_url()).status_code == 200
    edit = reverse("reports:paragraph-edit", args=[draft.pk, "work"])
    assert client.post(edit, {"text": "改写"}).status_code == 404
    assert draft.versions.count() == 1


def test_download_refused_by_the_checker_shows_the_findings(client, ledger, officer):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    services.report_edit_paragraph(
        actor=officer,
        draft=draft,
        key="overview",
        text="本部门年初预算支出208.4万元，比上年增加24.01万元，增长50.0%。",
    )
    client.force_login(officer)
    response = client.get(reverse("reports:report-download", args=[draft.pk, "docx"]))
    assert response.status_code == 409
    assert "报告检查未通过，不能导出" in response.content.decode()


def test_officer_saves_a_manual_score_with_evidence_on_the_score_page(client, ledger, officer):
    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    client.force_login(officer)
    url = reverse("reports:score-review", args=[draft.pk])
    refused = client.post(url, {"val-disclosure": "2", "ev-disclosure": ""})
    assert "评分依据" in refused.content.decode() and draft.versions.count() == 1
    response = client.post(
        url, {"val-disclosure": "2", "ev-disclosure": "预算、决算于批复后20日内在政府门户网站公开"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "评分依据：预算、决算于批复后20日内在政府门户网站公开" in page
    assert draft.versions.count() == 2


def test_officer_submits_the_report_to_the_bureau_and_a_snapshot_is_kept(
    client, ledger, officer, bureau_staff
):
    from jixiao.apps.oversight.models import ReportSubmission

    client.force_login(officer)
    client.post(reverse("reports:report-generate"), {"department": ledger.pk, "year": 2023})
    draft = ledger.report_drafts.get(year=2023)
    response = client.post(reverse("reports:report-submit", args=[draft.pk]))
    assert response.status_code == 302
    submission = ReportSubmission.objects.get(department=ledger, year=2023)
    assert submission.state == "submitted" and submission.version == 1
    assert "部门整体支出情况" in submission.text
    client.force_login(bureau_staff)
    assert client.post(reverse("reports:report-submit", args=[draft.pk])).status_code in (403, 404, 302)
    assert ReportSubmission.objects.filter(department=ledger, year=2023).count() == 1


def test_a_score_form_sent_with_no_change_saves_nothing(client, ledger, officer):
    from jixiao.apps.core.models import AuditEvent

    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    client.force_login(officer)
    url = reverse("reports:score-review", args=[draft.pk])
    empty = client.post(url, {})
    assert "未作修改" in empty.content.decode() and draft.versions.count() == 1
    evidence = {"val-disclosure": "2", "ev-disclosure": "预算、决算于批复后20日内在政府门户网站公开"}
    assert client.post(url, evidence).status_code == 302 and draft.versions.count() == 2
    again = client.post(url, evidence)  # the same judgements once more
    assert "未作修改" in again.content.decode() and draft.versions.count() == 2
    assert AuditEvent.objects.filter(action="report_judge").count() == 1


def test_confirming_the_same_problems_again_saves_nothing(ledger, officer):
    from jixiao.apps.reports.services import ReportRefused

    draft = services.report_generate(actor=officer, department=ledger, year=2023)
    problems = list(draft.latest.problems)
    services.report_confirm_problems(actor=officer, draft=draft, problems=problems)
    with pytest.raises(ReportRefused, match="未作修改"):
        services.report_confirm_problems(actor=officer, draft=draft, problems=problems)
    assert draft.versions.count() == 2
