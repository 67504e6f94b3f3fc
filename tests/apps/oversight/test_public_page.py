"""The public page is the published report itself (issue 18 item 11): title, key figures, the
report's text as HTML and the download link — no iframe."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.apps.oversight import services
from jixiao.apps.oversight.views import report_css
from tests.apps.oversight.test_review_services import spend, submit
from tests.factories import make_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(officer, department, bureau_staff):
    line = make_line(actor=officer, department=department, amount="100000.00")
    spend(officer, line, "25000.00")
    submission = submit(officer, department)
    services.submission_accept(actor=bureau_staff, submission=submission)
    return services.submission_publish(actor=bureau_staff, submission=submission)


def test_the_report_is_the_page_with_its_figures_and_download(published):
    page = Client().get(reverse("public:report", args=[published.public_slug])).content.decode()
    assert "<iframe" not in page
    assert f"<h1>{published.title}" in page
    figures = re.search(r'<dl class="facts key-figures">(.*?)</dl>', page, re.S).group(1)
    assert "预算总额</dt><dd>10.00万元" in figures
    assert "决算支出</dt><dd>2.50万元" in figures
    assert "预算执行率</dt><dd>25.0%" in figures
    assert "自评得分及等级</dt><dd>" + published.self_score_text in figures
    article = re.search(r'<article class="report-doc".*?</article>', page, re.S).group(0)
    assert "208.4万元" in article and "<table" in article  # the report's own text and tables, as HTML
    assert reverse("public:download", args=[published.public_slug]) in page


def test_the_reports_stylesheet_is_kept_inside_the_report(published):
    css = report_css()
    rules = [rule.split("{")[0] for rule in css.splitlines() if "{" in rule]
    assert rules and all(sel.strip().startswith(".report-doc") for rule in rules for sel in rule.split(","))
    assert "@page" not in css and "@media" not in css


def test_an_unpublished_report_is_not_public(officer, department):
    submission = submit(officer, department)
    assert Client().get(reverse("public:report", args=[submission.public_slug])).status_code == 404
