"""Navigation follows the role (issue 18 item 5): every link a role sees in the navigation answers
200, and none answers 403 — for each role, and for the public who are not signed in."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from jixiao.apps.orgs.models import Role
from jixiao.apps.oversight import services as review
from jixiao.formats.txt_writer import render_txt
from tests.apps.conftest import YEAR
from tests.apps.oversight.sample import review_report
from tests.factories import bureau_user

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="sidenav"[^>]*>(.*?)</nav>', re.S)
HREF = re.compile(r'href="([^"#]+)"')


def _nav_links(html: str) -> list[str]:
    match = NAV.search(html)
    return HREF.findall(match.group(1)) if match else []


def _walk(client, links) -> dict[str, int]:
    return {url: client.get(url, follow=True).status_code for url in dict.fromkeys(links)}


@pytest.fixture
def sysadmin(bureau):
    return bureau_user(bureau, role=Role.SYSTEM_ADMIN, username="admin", full_name="系统管理员")


@pytest.fixture
def published(officer, department, bureau_staff, books):
    report = review_report()
    submission = review.report_submit(
        actor=officer,
        department=department,
        year=YEAR,
        document=report,
        docx=b"PK-docx",
        text=render_txt(report),
    )
    review.submission_accept(actor=bureau_staff, submission=submission)
    return review.submission_publish(actor=bureau_staff, submission=submission)


@pytest.mark.parametrize("who", ["officer", "head", "bureau_staff", "auditor", "sysadmin"])
def test_every_navigation_link_of_every_role_answers_200(client, request, books, other_books, published, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    home = client.get(reverse("home"), {"year": YEAR}, follow=True)
    assert home.status_code == 200
    links = _nav_links(home.content.decode())
    assert links, f"{who} sees no navigation"
    main = re.search(r'<main id="main".*?</main>', home.content.decode(), re.S).group(0)
    links += [url for url in HREF.findall(main) if url.startswith("/")]  # the home page's buttons and inbox
    answers = _walk(client, links)
    assert {url: code for url, code in answers.items() if code != 200} == {}
    assert 403 not in answers.values()


def test_the_roles_see_what_they_may_use_and_nothing_else(
    client, books, officer, head, auditor, bureau_staff
):
    def labels(user) -> set[str]:
        client.force_login(user)
        html = client.get(reverse("home"), {"year": YEAR}).content.decode()
        return set(re.findall(r"<li><a [^>]*>([^<]+)", NAV.search(html).group(1)))

    officer_sees, head_sees, auditor_sees, bureau_sees = (
        labels(officer),
        labels(head),
        labels(auditor),
        labels(bureau_staff),
    )
    assert {"支出录入", "导入"} <= officer_sees
    assert not {"支出录入", "导入"} & (head_sees | auditor_sees | bureau_sees)
    assert "全局概览" in bureau_sees and "全局概览" not in officer_sees
    assert not {"单位", "用户", "登录锁定"} & (officer_sees | bureau_sees)


def test_the_public_pages_link_only_to_pages_that_answer(client, published):
    seen: dict[str, int] = {}
    pending = [reverse("login"), reverse("public:index")]
    while pending:  # the public's whole reachable site: the index, each report, its downloads
        url = pending.pop()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            pending += [link for link in HREF.findall(html) if link.startswith("/") and "static" not in link]
    assert reverse("public:report", args=[published.public_slug]) in seen
    assert {url: code for url, code in seen.items() if code != 200} == {}
