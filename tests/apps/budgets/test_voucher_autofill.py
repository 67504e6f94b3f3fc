"""支出录入 asks once (issue 18 item 9): the 支付指标 fixes 支出性质 and 项目 (and 经济分类 when the
line is set at 项 level); the form stops asking for them, the server derives them from the line —
with or without JavaScript — and budget control still checks whatever a post states."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets.models import Voucher
from tests.factories import make_line

pytestmark = pytest.mark.django_db


def _post(line, **overrides):
    data = {
        "date": "2023-05-10",
        "summary": "科普展品维护",
        "payee": "展品公司",
        "amount": "800",
        "line": line.pk,
    }
    data.update(overrides)
    return data


def test_the_form_does_not_ask_for_nature_or_project(as_user, officer, books):
    html = as_user(officer).get(reverse("budgets:voucher-create")).content.decode()
    assert 'name="fund_type"' not in html and 'name="project"' not in html
    assert 'name="econ_code"' in html  # the line is set at 类 level here: the 项 is still chosen
    assert html.index('name="line"') < html.index('name="econ_code"') < html.index('name="amount"')
    assert '<script src="/static/js/voucher_form.js" defer></script>' in html  # local, no CDN


def test_each_line_option_carries_what_it_fixes(as_user, officer, books):
    html = as_user(officer).get(reverse("budgets:voucher-create")).content.decode()
    option = re.search(rf'<option value="{books.project_line.pk}"[^>]*>', html).group(0)
    assert 'data-fund-type-label="项目支出"' in option
    assert 'data-project-label="P01 科普活动"' in option
    assert 'data-econ="302"' in option and 'data-econ-label="302 商品和服务支出"' in option


def test_a_project_line_makes_the_voucher_project_spending_of_its_project(as_user, officer, books):
    response = as_user(officer).post(
        reverse("budgets:voucher-create"), _post(books.project_line, econ_code="30202")
    )
    voucher = Voucher.objects.get(summary="科普展品维护")
    assert response.status_code == 302
    assert (voucher.fund_type, voucher.project, voucher.econ_code) == (
        "project",
        books.project_line.project,
        "30202",
    )
    assert voucher.line == books.project_line and voucher.amount == Decimal("800.00")


def test_without_javascript_the_chosen_line_shows_what_it_fixes(as_user, officer, books):
    html = (
        as_user(officer)
        .get(reverse("budgets:voucher-create"), {"line": books.project_line.pk})
        .content.decode()
    )
    facts = re.search(r'<div class="line-fixes" id="line-fixes"[^>]*>(.*?)</dl>', html, re.S)
    assert facts and "hidden" not in facts.group(0).split(">")[0]
    assert (
        "项目支出" in facts.group(1)
        and "P01 科普活动" in facts.group(1)
        and "302 商品和服务支出" in facts.group(1)
    )


def test_a_line_at_class_level_needs_the_item_and_says_which(as_user, officer, books):
    count = Voucher.objects.count()
    html = as_user(officer).post(reverse("budgets:voucher-create"), _post(books.public)).content.decode()
    assert (
        "请选择经济分类（项级）：支付指标“基本支出-公用经费·302商品和服务支出”的经济分类为302商品和服务支出"
        in html
    )
    assert Voucher.objects.count() == count


def test_a_line_at_item_level_fixes_the_item_too(as_user, officer, department):
    department.econ_control_level = 5
    department.save()
    line = make_line(actor=officer, department=department, econ_code="30211", amount="5000.00")
    client = as_user(officer)
    html = client.get(reverse("budgets:voucher-create"), {"line": line.pk}).content.decode()
    assert '<div id="econ-field" hidden>' in html  # nothing left to choose
    client.post(reverse("budgets:voucher-create"), _post(line, summary="差旅费"))
    voucher = Voucher.objects.get(summary="差旅费")
    assert (voucher.econ_code, voucher.fund_type, voucher.project) == ("30211", "basic_public", None)


def test_a_post_that_states_another_nature_is_still_refused_by_budget_control(as_user, officer, books):
    count = Voucher.objects.count()
    html = (
        as_user(officer)
        .post(
            reverse("budgets:voucher-create"),
            _post(books.project_line, econ_code="30201", fund_type="basic_public"),
        )
        .content.decode()
    )
    assert "不得串用资金" in html and Voucher.objects.count() == count
