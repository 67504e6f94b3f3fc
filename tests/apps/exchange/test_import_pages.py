"""The import pages inside the design system (issue 18 item 8): the frame's title and breadcrumbs,
each import's required and optional columns with its template download, and a styled result."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.apps.exchange.models import ImportBatch
from jixiao.domain.imports import import_kinds
from jixiao.formats.tabular import bytes_of_rows
from tests.apps.conftest import YEAR
from tests.apps.exchange.helpers import HEADER, three_lines, voucher_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_officer(as_user, officer, department):
    three_lines(actor=officer, department=department)
    return as_user(officer)


def _upload(client, rows, name="v.csv"):
    upload = SimpleUploadedFile(name, bytes_of_rows(rows), content_type="text/csv")
    return client.post(reverse("exchange:import-start"), {"kind": "vouchers", "file": upload})


def test_the_import_page_sits_in_the_frame_with_columns_and_templates(client_officer):
    page = client_officer.get(reverse("exchange:import-start")).content.decode()
    assert page.count("<h1") == 1 and f"<h1>{YEAR}年度 导入预算指标、支出凭证和“三公”经费预算</h1>" in page
    assert '<nav class="sidenav"' in page and "› 导入" in page
    row = re.search(r'<tr id="kind-vouchers">(.*?)</tr>', page, re.S).group(1)
    required = [c.header for c in import_kinds()["vouchers"].columns if c.required]
    assert required and all(f"<li>{header}</li>" in row for header in required)
    assert 'class="btn small" href="/exchange/templates/vouchers.xlsx" download' in row
    assert '<table class="data import-kinds"' in page
    assert '<button type="submit" class="btn primary">上传并校验</button>' in page
    assert 'class="field' in page and '<span class="req" title="必填">*</span>' in page  # labels above fields


def test_the_result_of_a_file_with_errors_is_a_styled_table_by_row_and_column(client_officer):
    rows = [HEADER, *voucher_rows(3)]
    rows[2][4] = "39999"
    response = _upload(client_officer, rows)
    page = client_officer.get(response["Location"]).content.decode()
    batch = ImportBatch.objects.get()
    assert f"<h1>{batch.get_kind_display()}导入：v.csv</h1>" in page
    table = re.search(r'<table class="data" id="import-errors".*?</table>', page, re.S).group(0)
    assert '<th scope="col" class="nowrap">行号</th>' in table
    assert "第3行" in table and "经济分类“39999”不是有效的经济分类科目" in table
    assert (
        'class="import-result status status-refused"' in page and '<span class="badge bad">1</span>' in page
    )


def test_a_clean_file_previews_totals_in_a_styled_table_before_confirmation(client_officer):
    response = _upload(client_officer, [HEADER, *voucher_rows(2)])
    page = client_officer.get(response["Location"]).content.decode()
    table = re.search(r'<table class="data" id="line-totals".*?</table>', page, re.S).group(0)
    assert '<th scope="col" class="num">本批金额（元）</th>' in table
    assert '<button type="submit" class="btn primary" id="confirm-import">确认导入</button>' in page
