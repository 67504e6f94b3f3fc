"""Budget screens: what each role sees, what a refusal looks like, and that a refusal saves nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.apps.budgets.models import BudgetLine, LedgerEntry, TransferRequest, TransferState, Voucher
from jixiao.apps.budgets.services import transfer_approve, transfer_submit
from jixiao.apps.core.models import AuditEvent, RefusalEvent

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def _counts():
    return Voucher.objects.count(), LedgerEntry.objects.count(), AuditEvent.objects.count()


def _object_urls(books) -> dict[str, str]:
    return {
        "line": reverse("budgets:line-detail", args=[books.public.pk]),
        "voucher": reverse("budgets:voucher-detail", args=[books.voucher.pk]),
        "transfer": reverse("budgets:transfer-detail", args=[books.transfer.pk]),
    }


def _post_urls(books) -> dict[str, tuple[str, dict]]:
    return {
        "adjust": (
            reverse("budgets:line-adjust", args=[books.public.pk]),
            {
                "direction": "add",
                "amount": "100",
                "date": "2023-06-01",
                "doc_no": "常财预〔2023〕1号",
                "confirm": "on",
            },
        ),
        "reverse": (
            reverse("budgets:voucher-reverse", args=[books.voucher.pk]),
            {"date": "2023-06-01", "reason": "重复报销", "confirm": "on"},
        ),
        "submit": (reverse("budgets:transfer-action", args=[books.transfer.pk, "submit"]), {"confirm": "on"}),
        "withdraw": (
            reverse("budgets:transfer-action", args=[books.transfer.pk, "withdraw"]),
            {"confirm": "on", "reason": "不再需要"},
        ),
    }


# ---------------------------------------------------------------- permission matrix


@pytest.mark.parametrize("thing", ["line", "voucher", "transfer"])
def test_department_user_gets_404_for_another_departments_object(as_user, other_officer, books, thing):
    client = as_user(other_officer)
    response = client.get(_object_urls(books)[thing])
    assert response.status_code == 404


@pytest.mark.parametrize("action", ["adjust", "reverse", "submit", "withdraw"])
def test_department_user_posting_to_another_departments_object_gets_404_and_changes_nothing(
    as_user, other_officer, books, action
):
    client = as_user(other_officer)
    before = _counts()
    url, data = _post_urls(books)[action]
    response = client.post(url, data)
    assert response.status_code == 404
    assert _counts() == before
    assert TransferRequest.objects.get(pk=books.transfer.pk).state == TransferState.DRAFT


@pytest.mark.parametrize("thing", ["line", "voucher", "transfer"])
def test_head_of_same_department_sees_the_object(as_user, head, books, thing):
    assert as_user(head).get(_object_urls(books)[thing]).status_code == 200


@pytest.mark.parametrize("thing", ["line", "voucher", "transfer"])
def test_bureau_staff_of_the_same_bureau_sees_the_object(as_user, bureau_staff, books, thing):
    assert as_user(bureau_staff).get(_object_urls(books)[thing]).status_code == 200


@pytest.mark.parametrize("thing", ["line", "voucher", "transfer"])
def test_auditor_sees_the_object_read_only(as_user, auditor, books, thing):
    response = as_user(auditor).get(_object_urls(books)[thing])
    assert response.status_code == 200
    assert 'method="post" action="/budgets' not in _text(response)


@pytest.mark.parametrize("action", ["adjust", "reverse", "submit", "withdraw"])
def test_auditor_post_is_refused_and_changes_nothing(as_user, auditor, books, action):
    client = as_user(auditor)
    before = _counts()
    url, data = _post_urls(books)[action]
    response = client.post(url, data)
    assert response.status_code == 403
    assert "审计账号只能查看" in _text(response)
    assert _counts() == before
    assert TransferRequest.objects.get(pk=books.transfer.pk).state == TransferState.DRAFT


def test_bureau_of_another_bureau_gets_404(as_user, books):
    from tests.factories import BureauFactory, bureau_user

    stranger = bureau_user(BureauFactory(code="CZJ-X", name="别处财政局"), username="stranger")
    client = as_user(stranger)
    for url in _object_urls(books).values():
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["budgets:voucher-create", "budgets:transfer-create"])
def test_entry_forms_are_for_department_users_only(as_user, auditor, bureau_staff, officer, books, name):
    assert as_user(auditor).get(reverse(name)).status_code == 403
    assert as_user(bureau_staff).get(reverse(name)).status_code == 403
    assert as_user(officer).get(reverse(name)).status_code == 200


def test_anonymous_user_is_sent_to_login(client, books):
    response = client.get(_object_urls(books)["voucher"])
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_voucher_list_shows_only_own_department(as_user, officer, books, other_books):
    response = as_user(officer).get(reverse("budgets:voucher-list"))
    assert books.voucher.number in _text(response)
    assert reverse("budgets:voucher-detail", args=[books.voucher.pk]) in _text(response)
    assert reverse("budgets:voucher-detail", args=[other_books.voucher.pk]) not in _text(response)


def test_department_user_cannot_choose_another_department_in_a_list(
    as_user, officer, books, other_books, other_department
):
    response = as_user(officer).get(reverse("budgets:voucher-list"), {"department": other_department.pk})
    assert reverse("budgets:voucher-detail", args=[other_books.voucher.pk]) not in _text(response)
    assert as_user(officer).get(reverse("budgets:department", args=[other_department.pk])).status_code == 404


# ---------------------------------------------------------------- home / execution table


def test_department_home_shows_the_execution_table_with_groups_and_total(as_user, officer, books):
    response = as_user(officer).get(reverse("home"))
    text = _text(response)
    assert "2023年度 预算执行情况" in text
    for label in ("基本支出-人员经费小计", "基本支出-公用经费小计", "项目支出小计", "合计", "单位：万元"):
        assert label in text
    # 年初预算 合计 16万元 = 10,000 + 50,000 + 100,000 元; 已支出 0.10万元; 执行率 1000/160000 = 0.6%.
    assert "16.00" in text and "0.10" in text and "0.6%" in text
    # the public line: 1,000 of 10,000 spent = 10.0%
    assert "10.0%" in text
    assert reverse("budgets:line-detail", args=[books.public.pk]) in text
    assert f"{reverse('budgets:voucher-list')}?line={books.public.pk}" in text


def test_execution_table_toggles_to_yuan(as_user, officer, books):
    text = _text(as_user(officer).get(reverse("home"), {"unit": "yuan"}))
    assert "单位：元" in text
    assert "160,000.00" in text and "9,000.00" in text


def test_bureau_staff_lands_on_their_departments(
    as_user, bureau_staff, books, other_books, department, other_department
):
    text = _text(as_user(bureau_staff).get(reverse("home")))
    assert "各单位预算执行情况" in text
    assert reverse("budgets:department", args=[department.pk]) in text
    assert reverse("budgets:department", args=[other_department.pk]) in text
    detail = as_user(bureau_staff).get(reverse("budgets:department", args=[department.pk]))
    assert detail.status_code == 200 and "2023年度 预算执行情况" in _text(detail)


def test_auditor_lands_on_departments_read_only(as_user, auditor, books, department):
    text = _text(as_user(auditor).get(reverse("home")))
    assert reverse("budgets:department", args=[department.pk]) in text
    assert reverse("budgets:voucher-create") not in text


def test_demo_department_is_labelled(as_user, officer, books, department):
    department.is_demo = True
    department.save()
    assert "演示数据" in _text(as_user(officer).get(reverse("home")))
    assert "演示数据" in _text(as_user(officer).get(reverse("budgets:voucher-list")))


def test_year_switcher_keeps_the_page_and_the_year(as_user, officer, books):
    client = as_user(officer)
    text = _text(client.get(reverse("budgets:voucher-list"), {"year": 2022}))
    assert "2022年度 支出凭证" in text
    assert f'action="{reverse("budgets:voucher-list")}"' in text
    assert "2022年度 支出凭证" in _text(client.get(reverse("budgets:voucher-list")))


# ---------------------------------------------------------------- expenditure entry


def _voucher_post(books, **overrides):
    data = {
        "date": "2023-05-10",
        "number": "",
        "summary": "购买打印纸",
        "payee": "文具店",
        "amount": "1,234.56",
        "econ_code": "30201",
        "fund_type": "basic_public",
        "project": "",
        "line": books.public.pk,
    }
    data.update(overrides)
    return data


def test_expenditure_is_posted_and_redirects_to_the_voucher_with_a_message(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = client.post(reverse("budgets:voucher-create"), _voucher_post(books), follow=True)
    voucher = Voucher.objects.latest("id")
    assert response.redirect_chain[-1][0] == reverse("budgets:voucher-detail", args=[voucher.pk])
    assert voucher.amount == Decimal("1234.56")
    assert voucher.number == "2023-00002"
    assert "已记账" in _text(response) and "1,234.56元" in _text(response)
    assert Voucher.objects.count() == before[0] + 1
    assert LedgerEntry.objects.count() == before[1] + 1
    assert BudgetLine.objects.get(pk=books.public.pk).spent == Decimal("2234.56")


def test_cross_use_from_a_project_line_is_refused_with_figures_and_nothing_is_saved(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    refusals = RefusalEvent.objects.count()
    response = client.post(
        reverse("budgets:voucher-create"), _voucher_post(books, line=books.project_line.pk)
    )
    text = _text(response)
    assert response.status_code == 200
    assert "已拒绝（串用资金），未保存任何数据" in text
    assert "不得串用资金" in text
    # the figures of the chosen line: 年初预算 100,000.00, 可用余额 100,000.00
    assert "100,000.00" in text and "可用余额" in text
    assert _counts() == before
    assert RefusalEvent.objects.count() == refusals + 1
    # the form keeps what was typed
    assert 'value="购买打印纸"' in text


def test_overspend_is_refused_with_the_breakdown_and_nothing_is_saved(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = client.post(reverse("budgets:voucher-create"), _voucher_post(books, amount="9000.01"))
    text = _text(response)
    assert "已拒绝（超出预算）" in text
    for figure in ("10,000.00", "1,000.00", "9,000.00", "9,000.01"):
        assert figure in text
    assert _counts() == before


def test_incomplete_key_project_missing_is_an_inline_error_and_nothing_is_saved(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = client.post(
        reverse("budgets:voucher-create"),
        _voucher_post(books, fund_type="project", line=books.project_line.pk),
    )
    assert "支出性质为项目支出时，请选择所属项目" in _text(response)
    assert _counts() == before


@pytest.mark.parametrize("amount", ["12.345", "abc", "-5", "0"])
def test_bad_amounts_are_inline_errors(as_user, officer, books, amount):
    client = as_user(officer)
    before = _counts()
    response = client.post(reverse("budgets:voucher-create"), _voucher_post(books, amount=amount))
    assert response.status_code == 200
    assert 'class="error"' in _text(response)
    assert _counts() == before


def test_duplicate_voucher_number_is_refused(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = client.post(
        reverse("budgets:voucher-create"), _voucher_post(books, number=books.voucher.number)
    )
    assert "已存在" in _text(response)
    assert _counts() == before


def test_voucher_form_offers_items_at_xiang_level_and_the_unit(as_user, officer, books):
    text = _text(as_user(officer).get(reverse("budgets:voucher-create")))
    assert '<option value="30201">30201 办公费</option>' in text
    assert '<option value="302">' not in text
    assert '<span class="suffix">元</span>' in text


def test_voucher_list_filters_in_the_url_and_totals(as_user, officer, books):
    client = as_user(officer)
    client.post(
        reverse("budgets:voucher-create"),
        _voucher_post(books, summary="差旅", econ_code="30211", amount="500"),
    )
    response = client.get(reverse("budgets:voucher-list"), {"econ": "30211", "unit": "yuan"})
    text = _text(response)
    assert "差旅" in text and "购买办公用品" not in text
    assert "500.00" in text
    everything = _text(client.get(reverse("budgets:voucher-list"), {"unit": "yuan", "sort": "amount"}))
    assert "1,500.00" in everything  # 合计
    assert everything.index("差旅") < everything.index("购买办公用品")
    searched = _text(client.get(reverse("budgets:voucher-list"), {"q": "办公用品"}))
    assert "购买办公用品" in searched and "差旅" not in searched


def test_reversal_posts_a_red_voucher_and_returns_the_money(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = client.post(
        reverse("budgets:voucher-reverse", args=[books.voucher.pk]),
        {"date": "2023-06-01", "reason": "重复报销", "confirm": "on"},
        follow=True,
    )
    assert "已红字冲销凭证" in _text(response)
    assert Voucher.objects.count() == before[0] + 1
    assert BudgetLine.objects.get(pk=books.public.pk).spent == Decimal("0.00")
    assert Voucher.objects.get(pk=books.voucher.pk).amount == Decimal("1000.00")


def test_reversal_without_confirmation_saves_nothing(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = client.post(
        reverse("budgets:voucher-reverse", args=[books.voucher.pk]), {"date": "2023-06-01", "reason": "x"}
    )
    assert "请勾选确认后再提交" in _text(response)
    assert _counts() == before


def test_voucher_detail_names_the_consequence_of_reversal(as_user, officer, books):
    text = _text(as_user(officer).get(reverse("budgets:voucher-detail", args=[books.voucher.pk])))
    assert "−1,000.00 元的红字凭证" in text
    assert "冲销后不能撤销" in text


# ---------------------------------------------------------------- line detail, 追加追减


def test_line_detail_lists_its_ledger_rows(as_user, officer, books):
    text = _text(as_user(officer).get(reverse("budgets:line-detail", args=[books.public.pk])))
    assert "年初预算" in text and "10,000.00" in text
    assert reverse("budgets:voucher-detail", args=[books.voucher.pk]) in text


def test_adjustment_needs_a_doc_number(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = client.post(
        reverse("budgets:line-adjust", args=[books.public.pk]),
        {"direction": "add", "amount": "500", "date": "2023-06-01", "doc_no": "", "confirm": "on"},
    )
    assert "批复文号" in _text(response) and 'class="error"' in _text(response)
    assert _counts() == before


def test_adjustment_is_posted(as_user, officer, books):
    client = as_user(officer)
    response = client.post(
        reverse("budgets:line-adjust", args=[books.public.pk]),
        {
            "direction": "add",
            "amount": "500",
            "date": "2023-06-01",
            "doc_no": "常财预〔2023〕8号",
            "confirm": "on",
        },
        follow=True,
    )
    assert "已追加" in _text(response)
    assert BudgetLine.objects.get(pk=books.public.pk).adjusted == Decimal("500.00")


def test_cut_below_what_is_available_is_refused_and_nothing_is_saved(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = client.post(
        reverse("budgets:line-adjust", args=[books.public.pk]),
        {
            "direction": "cut",
            "amount": "9500",
            "date": "2023-06-01",
            "doc_no": "常财预〔2023〕9号",
            "confirm": "on",
        },
    )
    assert "已拒绝（超出预算）" in _text(response)
    assert _counts() == before


# ---------------------------------------------------------------- 调剂


def _act(client, transfer, action, **data):
    data.setdefault("confirm", "on")
    return client.post(reverse("budgets:transfer-action", args=[transfer.pk, action]), data, follow=True)


def test_transfer_create_saves_a_draft_and_says_who_approves(as_user, officer, books):
    client = as_user(officer)
    response = client.post(
        reverse("budgets:transfer-create"),
        {
            "source": books.project_line.pk,
            "target": books.public.pk,
            "amount": "3,000",
            "reason": "办公费不足",
        },
        follow=True,
    )
    transfer = TransferRequest.objects.latest("id")
    assert transfer.needs_bureau is True
    assert transfer.amount == Decimal("3000.00")
    assert "须经部门负责人和财政局审批" in _text(response)
    assert "提交后由部门负责人和财政局审批" in _text(response)


def test_transfer_create_page_marks_lines_for_the_approval_hint(as_user, officer, books):
    text = _text(as_user(officer).get(reverse("budgets:transfer-create")))
    assert 'data-basic="0"' in text and 'data-project="P01"' in text and 'data-basic="1"' in text


def test_full_head_only_transfer_through_the_screens(as_user, officer, head, books):
    client = as_user(officer)
    assert "已提交" in _text(_act(client, books.transfer, "submit"))
    client = as_user(head)
    awaiting = _text(client.get(reverse("budgets:transfer-list"), {"view": "mine"}))
    assert books.transfer.number in awaiting
    approved = _text(_act(client, books.transfer, "approve"))
    assert "部门负责人批准完成，当前状态：部门负责人已批准" in approved
    assert "等待本单位部门负责人或部门财务人员办理“执行调剂”" in approved
    client = as_user(officer)
    response = _act(client, books.transfer, "execute", date="2023-07-01")
    assert "已执行" in _text(response)
    public = BudgetLine.objects.get(pk=books.public.pk)
    assert public.transferred_in == Decimal("2000.00")
    assert BudgetLine.objects.get(pk=books.personnel.pk).transferred_out == Decimal("2000.00")


def test_approving_ones_own_transfer_is_refused_in_chinese_and_changes_nothing(as_user, head, books):
    from jixiao.apps.budgets.services import transfer_create

    own = transfer_create(
        actor=head, source=books.personnel, target=books.public, amount=Decimal("100"), reason="自己申请"
    )
    transfer_submit(actor=head, transfer=own)
    client = as_user(head)
    page = _text(client.get(reverse("budgets:transfer-detail", args=[own.pk])))
    assert "不能批准自己提交的调剂申请" in page  # said before trying
    audit = AuditEvent.objects.count()
    response = _act(client, own, "approve")
    assert "不能批准自己提交的调剂申请" in _text(response)
    assert "未保存任何数据" in _text(response)
    assert TransferRequest.objects.get(pk=own.pk).state == TransferState.SUBMITTED
    assert AuditEvent.objects.count() == audit


def test_reject_needs_a_reason(as_user, officer, head, books):
    transfer_submit(actor=officer, transfer=books.transfer)
    client = as_user(head)
    response = _act(client, books.transfer, "reject", reason="")
    assert "请填写原因" in _text(response)
    assert TransferRequest.objects.get(pk=books.transfer.pk).state == TransferState.SUBMITTED
    response = _act(client, books.transfer, "reject", reason="理由不充分")
    assert "已驳回" in _text(response)
    assert TransferRequest.objects.get(pk=books.transfer.pk).closed_reason == "理由不充分"


def test_action_without_confirmation_changes_nothing(as_user, officer, books):
    client = as_user(officer)
    response = client.post(reverse("budgets:transfer-action", args=[books.transfer.pk, "submit"]), {})
    assert "请勾选确认后再提交" in _text(response)
    assert TransferRequest.objects.get(pk=books.transfer.pk).state == TransferState.DRAFT


def test_execute_before_approval_is_refused(as_user, officer, books):
    client = as_user(officer)
    before = _counts()
    response = _act(client, books.transfer, "execute", date="2023-07-01")
    assert "不能执行" in _text(response)
    assert _counts() == before


def test_bureau_staff_approves_a_cross_fund_transfer(as_user, officer, head, bureau_staff, books):
    from jixiao.apps.budgets.services import transfer_create

    cross = transfer_create(
        actor=officer,
        source=books.project_line,
        target=books.public,
        amount=Decimal("3000"),
        reason="办公费不足",
    )
    transfer_submit(actor=officer, transfer=cross)
    transfer_approve(actor=head, transfer=cross)
    client = as_user(bureau_staff)
    listing = _text(client.get(reverse("budgets:transfer-list"), {"view": "mine"}))
    assert cross.number in listing
    page = _text(client.get(reverse("budgets:transfer-detail", args=[cross.pk])))
    assert "批准" in page and "批复文号" in page
    response = _act(client, cross, "approve", doc_no="常财预〔2023〕20号")
    assert "已批准" in _text(response)
    cross.refresh_from_db()
    assert cross.state == TransferState.BUREAU_APPROVED
    assert cross.doc_no == "常财预〔2023〕20号"


def test_unknown_transfer_action_is_refused(as_user, officer, books):
    response = as_user(officer).post(
        reverse("budgets:transfer-action", args=[books.transfer.pk, "explode"]), {"confirm": "on"}
    )
    assert response.status_code == 404


# ---------------------------------------------------------------- refusals list


def test_refusal_list_shows_own_departments_refusals_only(
    as_user, officer, other_officer, books, other_books
):
    as_user(officer).post(reverse("budgets:voucher-create"), _voucher_post(books, line=books.project_line.pk))
    as_user(other_officer).post(
        reverse("budgets:voucher-create"), _voucher_post(other_books, amount="99999", summary="别家超支")
    )
    text = _text(as_user(officer).get(reverse("budgets:refusal-list")))
    assert "不得串用资金" in text and "串用资金" in text
    assert "超出预算，已拒绝" not in text
    other = _text(as_user(other_officer).get(reverse("budgets:refusal-list")))
    assert "超出预算，已拒绝" in other and "不得串用资金" not in other


def test_refusal_list_filters_by_type(as_user, officer, books):
    client = as_user(officer)
    client.post(reverse("budgets:voucher-create"), _voucher_post(books, line=books.project_line.pk))
    client.post(reverse("budgets:voucher-create"), _voucher_post(books, amount="99999"))
    text = _text(client.get(reverse("budgets:refusal-list"), {"code": "budget_exceeded"}))
    assert "超出预算，已拒绝" in text and "不得串用资金" not in text


def test_bureau_staff_sees_refusals_of_their_departments(as_user, officer, bureau_staff, books):
    as_user(officer).post(reverse("budgets:voucher-create"), _voucher_post(books, line=books.project_line.pk))
    assert "不得串用资金" in _text(as_user(bureau_staff).get(reverse("budgets:refusal-list")))


# ---------------------------------------------------------------- frame


def test_frame_has_navigation_year_switcher_user_and_logout(as_user, officer, books):
    text = _text(as_user(officer).get(reverse("budgets:voucher-list")))
    assert "李会计" in text and "部门财务人员" in text
    assert 'action="/logout/"' in text and 'method="post"' in text
    assert "预算与支出" in text and reverse("budgets:transfer-list") in text
    assert 'name="year"' in text
    assert "常宁市科学技术协会" in text
    assert 'class="breadcrumbs"' in text


def test_navigation_hides_entry_for_roles_that_cannot_use_it(as_user, auditor, books):
    text = _text(as_user(auditor).get(reverse("home")))
    assert reverse("budgets:voucher-create") not in text
    assert reverse("budgets:voucher-list") in text


def test_logout_is_a_post(as_user, officer, books):
    client = as_user(officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_login_page_is_chinese(client, db):
    text = _text(client.get(reverse("login")))
    assert "用户名" in text and "密码" in text and "登录" in text


def test_login_with_wrong_password_says_so(client, officer):
    text = _text(client.post(reverse("login"), {"username": "officer", "password": "wrong"}))
    assert "用户名或密码不正确" in text


def test_transfer_detail_shows_the_approval_path_with_the_bureau_step_only_when_needed(
    as_user, officer, books
):
    from jixiao.apps.budgets.services import transfer_create

    client = as_user(officer)
    text = _text(client.get(reverse("budgets:transfer-detail", args=[books.transfer.pk])))
    assert '<li class="current" aria-current="step">已提交（待办）</li>' in text
    assert "财政局已批准</li>" not in text
    cross = transfer_create(
        actor=officer, source=books.project_line, target=books.public, amount=Decimal("10"), reason="x"
    )
    assert "财政局已批准</li>" in _text(client.get(reverse("budgets:transfer-detail", args=[cross.pk])))


def test_expense_on_another_departments_line_is_not_offered_and_not_saved(
    as_user, officer, books, other_books
):
    client = as_user(officer)
    before = _counts()
    response = client.post(
        reverse("budgets:voucher-create"), _voucher_post(books, line=other_books.public.pk)
    )
    assert response.status_code == 200
    assert 'id="id_line-error"' in _text(response)
    assert _counts() == before
    assert BudgetLine.objects.get(pk=other_books.public.pk).spent == Decimal("1000.00")


def test_transfer_from_another_departments_line_is_not_offered_and_not_saved(
    as_user, officer, books, other_books
):
    client = as_user(officer)
    transfers = TransferRequest.objects.count()
    response = client.post(
        reverse("budgets:transfer-create"),
        {"source": other_books.personnel.pk, "target": books.public.pk, "amount": "10", "reason": "x"},
    )
    assert 'id="id_source-error"' in _text(response)
    assert TransferRequest.objects.count() == transfers


def test_transfer_over_the_source_balance_is_refused_at_approval_with_figures(as_user, officer, head, books):
    """Spending after submission left the source short: the head is told before approving, and
    the approval is refused with the figures."""
    from jixiao.apps.budgets.services import expenditure_post, transfer_create

    big = transfer_create(
        actor=officer, source=books.public, target=books.personnel, amount=Decimal("8500"), reason="超额调剂"
    )
    transfer_submit(actor=officer, transfer=big)
    expenditure_post(
        actor=officer,
        line=books.public,
        date=dt.date(2023, 6, 1),
        amount=Decimal("1000"),
        summary="购买办公用品",
        econ_code="30201",
        fund_type=books.public.fund_type,
    )
    client = as_user(head)
    page = _text(client.get(reverse("budgets:transfer-detail", args=[big.pk])))
    assert "执行时将被拒绝，因为调出指标" in page and "可用余额8,000.00元" in page
    assert 'id="act-approve_head"' not in page and 'id="act-reject"' in page
    before = _counts()
    response = _act(client, big, "approve")
    text = _text(response)
    assert "已拒绝（超出预算）" in text and "执行时将被拒绝" in text
    assert "8,000.00" in text  # 可用余额 of the source line
    assert _counts() == before
    assert TransferRequest.objects.get(pk=big.pk).state == TransferState.SUBMITTED


def test_money_filter_rounds_half_up_to_wan_with_separators():
    from jixiao.apps.budgets.templatetags.jixiao_money import money, money_cell, pct

    assert money(Decimal("15363000.00")) == "1,536.30"
    assert money(Decimal("1644049.00")) == "164.40"
    assert money(Decimal("50.00")) == "0.01"  # 0.005万元 rounds half up
    assert money(Decimal("49.99")) == "0.00"
    assert money(Decimal("1234.5"), "yuan") == "1,234.50"
    assert money_cell(Decimal("-300.00"), "yuan") == '<span class="neg">-300.00</span>'
    assert pct(Decimal("98.45")) == "98.5%"
    assert pct(None) == "—"


def test_home_tells_the_head_what_awaits_them_once_in_the_inbox(as_user, officer, head, books):
    transfer_submit(actor=officer, transfer=books.transfer)
    text = _text(as_user(head).get(reverse("home")))
    assert "等待您办理（1项）" in text and "项预算调剂等待您办理" not in text  # the inbox says it, once
    assert "等待您办理（" not in _text(as_user(officer).get(reverse("home")))
    # the head approves; entering spending is the finance officer's job (the navigation agrees)
    head_home = as_user(head).get(reverse("home")).content.decode()
    assert f'href="{reverse("budgets:voucher-create")}"' not in head_home
    officer_home = as_user(officer).get(reverse("home")).content.decode()
    assert f'href="{reverse("budgets:voucher-create")}"' in officer_home
