"""The 404 matrix (every role against every object URL), the oversight page's scope, filters and
drill-down, the review screens, and the public page that serves published snapshots only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.apps.oversight import services
from jixiao.apps.oversight.models import ReportSubmission
from jixiao.formats.txt_writer import render_txt
from tests.apps.oversight.sample import review_report

pytestmark = pytest.mark.django_db

ROLES = ("officer", "head", "other_officer", "bureau_staff", "auditor", "anonymous")
# What each role may see of department A's objects.
SEES_A = {"officer": True, "head": True, "other_officer": False, "bureau_staff": True, "auditor": True}


def submit(actor, department):
    report = review_report()
    return services.report_submit(
        actor=actor,
        department=department,
        year=2023,
        document=report,
        docx=b"PK\x03\x04docx",
        text=render_txt(report),
    )


@pytest.fixture
def reviewed(books, officer, department, bureau_staff):
    """Department A: a submission returned with a comment, and a later version published."""
    first = submit(officer, department)
    services.submission_return(
        actor=bureau_staff, submission=first, paragraph_id="p1.1", reason="请补充内设机构。"
    )
    second = submit(officer, department)
    services.submission_accept(actor=bureau_staff, submission=second)
    services.submission_publish(actor=bureau_staff, submission=second)
    third = submit(officer, department)  # a newer version, not published
    first.refresh_from_db()
    second.refresh_from_db()
    return {"returned": first, "published": second, "pending": third, "comment": first.comments.get()}


@pytest.fixture
def client_for(request, as_user):
    def get(role: str) -> Client:
        if role == "anonymous":
            return Client()
        return as_user(request.getfixturevalue(role))

    return get


def _object_urls(books, reviewed) -> dict[str, str]:
    return {
        "budget line": reverse("budgets:line-detail", args=[books.public.pk]),
        "voucher": reverse("budgets:voucher-detail", args=[books.voucher.pk]),
        "transfer": reverse("budgets:transfer-detail", args=[books.transfer.pk]),
        "oversight department": reverse("oversight:department", args=[books.public.department_id]),
        "submission": reverse("oversight:review-detail", args=[reviewed["pending"].pk]),
        "comment": reverse("oversight:comment-detail", args=[reviewed["comment"].pk]),
        "download": reverse("oversight:review-download", args=[reviewed["pending"].pk]),
    }


@pytest.mark.parametrize("role", ROLES)
def test_404_matrix_for_every_role_and_every_object_url(role, client_for, books, reviewed):
    client = client_for(role)
    for name, url in _object_urls(books, reviewed).items():
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/login/"), name
        elif SEES_A[role]:
            assert response.status_code in (200, 302), (name, response.status_code)
            if response.status_code == 302:  # a comment opens its submission at the comment
                assert response["Location"].endswith(f"#comment-{reviewed['comment'].pk}")
        else:
            assert response.status_code == 404, (name, response.status_code)

    published, pending = reviewed["published"], reviewed["pending"]
    assert client.get(reverse("public:report", args=[published.public_slug])).status_code == 200
    download = client.get(reverse("public:download", args=[published.public_slug]))
    assert download.status_code == 200 and download.content == b"PK\x03\x04docx"
    for unpublished in (pending, reviewed["returned"]):
        assert client.get(reverse("public:report", args=[unpublished.public_slug])).status_code == 404
        assert client.get(reverse("public:download", args=[unpublished.public_slug])).status_code == 404


@pytest.mark.parametrize("role", ["officer", "head", "other_officer", "auditor", "anonymous"])
def test_review_posts_are_refused_for_everyone_but_bureau_staff(role, client_for, reviewed):
    pending = reviewed["pending"]
    client = client_for(role)
    for action in ("accept", "return", "comment", "publish"):
        response = client.post(
            reverse("oversight:review-action", args=[pending.pk, action]),
            {"paragraph": "p1.1", "comment": "改"},
        )
        expected = {"anonymous": 302, "other_officer": 404}.get(role, 403)
        assert response.status_code == expected, (action, response.status_code)
    pending.refresh_from_db()
    assert pending.state == "submitted" and not pending.comments.exists()


def test_guessing_sequential_ids_and_slugs_never_reaches_unpublished_reports(reviewed):
    anonymous = Client()
    published = reviewed["published"]
    for pk in range(1, ReportSubmission.objects.order_by("-pk").first().pk + 3):
        for path in (f"/public/reports/{pk}/", f"/public/reports/{pk}/report.docx"):
            assert anonymous.get(path).status_code == 404
        assert anonymous.get(f"/oversight/reviews/{pk}/").status_code == 302  # to the login page
    for submission in ReportSubmission.objects.exclude(pk=published.pk):
        slug = submission.public_slug
        for guess in (slug, slug.upper(), slug[:-1], slug + "0"):
            assert anonymous.get(f"/public/reports/{guess}/").status_code == 404
    listing = anonymous.get(reverse("public:index")).content.decode()
    assert published.public_slug in listing
    for submission in ReportSubmission.objects.exclude(pk=published.pk):
        assert submission.public_slug not in listing


def test_public_report_is_the_published_snapshot_as_html(reviewed, client_for):
    published = reviewed["published"]
    page = Client().get(reverse("public:report", args=[published.public_slug])).content.decode()
    assert "208.4万元" in page and "第2版" in page
    index = Client().get(reverse("public:index"), {"year": 2023}).content.decode()
    assert "2023年度常宁市科学技术协会整体支出绩效评价报告" in index


def test_a_department_user_sees_only_their_own_department_on_the_oversight_page(
    client_for, books, other_books, department, other_department
):
    for role, shown, hidden in (
        ("officer", department, other_department),
        ("other_officer", other_department, department),
    ):
        page = client_for(role).get(reverse("oversight:overview")).content.decode()
        assert shown.name in page and hidden.name not in page
    page = client_for("bureau_staff").get(reverse("oversight:overview")).content.decode()
    assert department.name in page and other_department.name in page


def test_overview_filters_sorts_and_drills_down(client_for, books, other_books, department, other_department):
    client = client_for("bureau_staff")
    page = client.get(reverse("oversight:overview"), {"q": "科学"}).content.decode()
    assert department.name in page and other_department.name not in page
    page = client.get(reverse("oversight:overview"), {"below": "0.5"}).content.decode()
    assert "没有符合条件的单位" in page  # both departments executed 1000/160000 = 0.6%
    page = client.get(reverse("oversight:overview"), {"below": "1"}).content.decode()
    assert department.name in page
    page = client.get(reverse("oversight:overview"), {"sort": "-name"}).content.decode()
    assert page.index(other_department.name) < page.index(department.name)
    # neither department has a goal or a report yet: the columns say so and lead to where they are entered
    goal_list = reverse("goals:goal-list") + f"?department={department.pk}&amp;year=2023"
    assert f'<a href="{goal_list}">未设定目标</a>' in page
    assert page.count(">未提交<") >= 2
    vouchers = reverse("budgets:voucher-list")
    assert f"{vouchers}?department={department.pk}&amp;year=2023&amp;fund_type=project" in page
    assert reverse("budgets:department", args=[department.pk]) in page


def test_review_detail_shows_comments_on_their_paragraph_and_the_snapshot_figures(client_for, reviewed):
    returned = reviewed["returned"]
    page = client_for("officer").get(reverse("oversight:review-detail", args=[returned.pk])).content.decode()
    paragraph = page.index('id="para-p1.1"')
    assert paragraph < page.index("请补充内设机构。", paragraph) < page.index('id="para-h2"')
    assert "已被新版本替代" in page  # it was returned, then a new version came


def test_bureau_staff_returns_accepts_and_publishes_through_the_screens(client_for, officer, department):
    submission = submit(officer, department)
    client = client_for("bureau_staff")
    url = reverse("oversight:review-action", args=[submission.pk, "return"])
    response = client.post(url, {"paragraph": "p1.1", "comment": "请补充。", "reason": "数据需核对"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == "returned" and submission.comments.get().text == "请补充。"
    second = submit(officer, department)
    client.post(reverse("oversight:review-action", args=[second.pk, "accept"]))
    client.post(reverse("oversight:review-action", args=[second.pk, "publish"]))
    second.refresh_from_db()
    assert second.state == "published"
    refused = client.post(reverse("oversight:review-action", args=[second.pk, "accept"]))
    assert "不能审核通过" in refused.content.decode()


def test_bureau_uploads_outside_reports_through_the_screen(client_for, department):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("bureau_staff")
    text = "2023年度常宁市科学技术协会整体支出绩效评价报告\n一、部门概况\n正文。\n".encode()
    response = client.post(
        reverse("oversight:review-upload"),
        {
            "department": department.pk,
            "files": [SimpleUploadedFile("kx.txt", text), SimpleUploadedFile("x.xls", b"1")],
        },
    )
    page = response.content.decode()
    assert "已提交第1版" in page and "格式不支持" in page
    assert ReportSubmission.objects.get().source == "upload"
    assert client_for("officer").get(reverse("oversight:review-upload")).status_code == 404


def test_the_review_page_says_where_the_version_stands_and_offers_only_what_applies(
    client_for, officer, department
):
    submission = submit(officer, department)
    url = reverse("oversight:review-detail", args=[submission.pk])

    # one test client: each call logs its user in
    def staff():
        return client_for("bureau_staff")

    def own():
        return client_for("officer")

    page = staff().get(url).content.decode()
    assert "已提交财政局审核（第1版），等待财政局审核" in page
    assert 'id="do-return"' in page and 'id="do-accept"' in page and 'id="do-publish"' not in page
    assert page.count("<textarea") == 1 and "审核意见（单位可见）" in page
    assert "（不针对具体段落，针对整篇报告）" in page
    for html in (own().get(url).content.decode(), client_for("auditor").get(url).content.decode()):
        assert "已提交财政局审核（第1版）" in html
        assert 'id="do-return"' not in html and 'id="do-accept"' not in html and "<textarea" not in html

    # 退回 without choosing a paragraph: the default works, and the text is the reason
    response = staff().post(
        reverse("oversight:review-action", args=[submission.pk, "return"]),
        {"paragraph": "", "comment": "请补充第五部分的履职情况。"},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    comment = submission.comments.get()
    assert (submission.state, submission.return_reason) == ("returned", "请补充第五部分的履职情况。")
    assert (comment.paragraph_id, comment.text) == ("", "请补充第五部分的履职情况。")
    for client in (staff, own):
        page = client().get(url).content.decode()
        assert "已退回（第1版）：请补充第五部分的履职情况。" in page
        assert 'id="do-return"' not in page and 'id="do-accept"' not in page and "<textarea" not in page
        assert "对整篇报告的意见" in page and 'id="review-history"' in page


def test_a_return_without_any_text_is_refused_with_the_field_named(client_for, officer, department):
    submission = submit(officer, department)
    response = client_for("bureau_staff").post(
        reverse("oversight:review-action", args=[submission.pk, "return"]), {"paragraph": "", "comment": " "}
    )
    assert response.status_code == 200 and "请填写审核意见（单位将看到这段话）" in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == "submitted" and not submission.comments.exists()


def test_an_accepted_version_offers_only_publishing(client_for, officer, department, bureau_staff):
    submission = submit(officer, department)
    services.submission_accept(actor=bureau_staff, submission=submission)
    page = client_for("bureau_staff").get(reverse("oversight:review-detail", args=[submission.pk])).content
    page = page.decode()
    assert "财政局已审核通过（第1版），等待财政局发布" in page
    assert 'id="do-publish"' in page and "确认公开发布第1版" in page
    assert 'id="do-return"' not in page and 'id="do-accept"' not in page
