"""Where a report stands with the finance bureau (issue 18 items 4 and 14): one 第N版 from
generating to publishing, a banner on the report page, the list and the review page, actions
that no longer apply are gone (and refused), and placeholder text cannot be submitted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.apps.oversight import services as review_services
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.apps.reports import services
from jixiao.formats.txt_writer import render_txt
from tests.apps.oversight.sample import review_report

pytestmark = pytest.mark.django_db

SUBMIT_FORM = 'id="submit-form"'
EDIT_LINK = 'aria-label="修改'


def send_to_bureau(officer, department):
    """What the 提交 button ends in once the report is complete: the review workflow's
    submission (the sample report stands in for a complete one; the checks before it are
    tested below)."""
    report = review_report()
    return review_services.report_submit(
        actor=officer, department=department, year=2023, document=report, docx=b"PK", text=render_txt(report)
    )


def test_submit_return_without_a_paragraph_revise_resubmit_approve_publish_speak_of_one_version(
    client, ledger, officer, bureau_staff
):
    def page_as(user, url):
        client.force_login(user)
        return client.get(url).content.decode()

    client.force_login(officer)
    client.post(reverse("reports:report-generate"), {"department": ledger.pk, "year": 2023})
    draft = ledger.report_drafts.get(year=2023)
    detail, listing = draft.get_absolute_url(), reverse("reports:report-list")

    page = page_as(officer, detail)
    assert "第1版编辑中，尚未提交财政局" in page and "提交财政局审核（第1版）" in page
    assert SUBMIT_FORM in page and EDIT_LINK in page
    listing_page = page_as(officer, listing)
    assert '<th scope="col">状态</th>' in listing_page and "第1版编辑中" in listing_page

    first = send_to_bureau(officer, ledger)
    assert first.version == 1
    for user in (officer, bureau_staff):
        page = page_as(user, detail)
        assert "已提交财政局审核（第1版），等待财政局审核" in page
        assert SUBMIT_FORM not in page and EDIT_LINK not in page
    assert "已提交财政局审核（第1版），等待财政局审核" in page_as(officer, listing)
    # and a change posted anyway is refused, saving nothing
    client.force_login(officer)
    saved = draft.versions.count()
    response = client.post(
        reverse("reports:paragraph-edit", args=[draft.pk, "work"]), {"text": "改"}, follow=True
    )
    assert "审核期间不能修改" in response.content.decode() and draft.versions.count() == saved
    with pytest.raises(services.ReportRefused, match="财政局退回后才能修改"):
        services.report_edit_paragraph(actor=officer, draft=draft, key="work", text="改")

    # the bureau returns it without choosing a paragraph
    client.force_login(bureau_staff)
    response = client.post(
        reverse("oversight:review-action", args=[first.pk, "return"]),
        {"paragraph": "", "comment": "第五部分请据实写明全年工作。"},
    )
    assert response.status_code == 302
    page = page_as(officer, detail)
    assert "第2版编辑中，尚未提交财政局；已退回（第1版）：第五部分请据实写明全年工作。" in page
    assert "财政局的退回意见（第1版）" in page and "整篇报告：第五部分请据实写明全年工作。" in page
    assert SUBMIT_FORM in page and "提交财政局审核（第2版）" in page and EDIT_LINK in page
    assert "第2版编辑中" in page_as(officer, listing)

    # revised and sent again: 第2版 everywhere
    services.report_edit_paragraph(actor=officer, draft=draft, key="work", text="全年开展科普下乡30次。")
    second = send_to_bureau(officer, ledger)
    first.refresh_from_db()
    assert (second.version, first.state) == (2, "superseded")
    assert "已提交财政局审核（第2版），等待财政局审核" in page_as(officer, detail)
    review_page = page_as(bureau_staff, reverse("oversight:review-detail", args=[second.pk]))
    assert "已提交财政局审核（第2版）" in review_page and "审核第2版" in review_page

    client.force_login(bureau_staff)
    client.post(reverse("oversight:review-action", args=[second.pk, "accept"]))
    assert "财政局已审核通过（第2版），等待财政局发布" in page_as(officer, detail)
    client.force_login(bureau_staff)
    client.post(reverse("oversight:review-action", args=[second.pk, "publish"]))
    second.refresh_from_db()
    assert second.state == "published"
    for user in (officer, bureau_staff):
        assert "已发布（第2版）" in page_as(user, detail)
        assert "已发布（第2版）" in page_as(user, listing)
    reviews = page_as(bureau_staff, reverse("oversight:review-list"))
    assert "第2版" in reviews and "第1版" in reviews
    public = client.get(reverse("public:report", args=[second.public_slug])).content.decode()
    assert "第2版" in public

    # generating again opens the same report and says which version it is at
    client.force_login(officer)
    response = client.post(
        reverse("reports:report-generate"), {"department": ledger.pk, "year": 2023}, follow=True
    )
    assert "当前为第2版：已发布（第2版）" in response.content.decode()


def test_placeholder_text_and_unconfirmed_problems_cannot_be_submitted(client, ledger, officer):
    client.force_login(officer)
    client.post(reverse("reports:report-generate"), {"department": ledger.pk, "year": 2023})
    draft = ledger.report_drafts.get(year=2023)
    response = client.post(reverse("reports:report-submit", args=[draft.pk]), follow=True)
    page = response.content.decode()
    assert "报告尚不能提交财政局" in page
    assert "四、资产管理情况“【待填写】本年度固定资产台账尚未录入本系统" in page
    assert "（一）年度主要工作完成情况“【待填写】本年度履职活动尚未录入本系统" in page
    assert "存在的问题第1项尚未经确认" in page
    assert not ReportSubmission.objects.exists()

    # deleting the 【待填写】 mark but keeping the placeholder's words is still refused
    services.report_edit_paragraph(
        actor=officer,
        draft=draft,
        key="work",
        text="本年度履职活动尚未录入本系统，请据实填写年度主要工作完成情况。",
    )
    with pytest.raises(services.ReportRefused) as refusal:
        services.report_submit_for_review(actor=officer, draft=draft)
    assert "（一）年度主要工作完成情况“本年度履职活动尚未录入本系统" in refusal.value.message
    assert not ReportSubmission.objects.exists()

    # once written, that paragraph is no longer named
    services.report_edit_paragraph(actor=officer, draft=draft, key="work", text="全年开展科普下乡30次。")
    with pytest.raises(services.ReportRefused) as refusal:
        services.report_submit_for_review(actor=officer, draft=draft)
    assert "年度主要工作完成情况" not in refusal.value.message
    assert "四、资产管理情况" in refusal.value.message
