"""Upload → preview (errors with row/column/message, error report) → fix → confirm."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.apps.budgets.models import Voucher
from jixiao.apps.exchange import services
from jixiao.apps.exchange.models import ImportBatch, ImportStatus
from jixiao.formats.tabular import bytes_of_rows, read_rows
from tests.apps.exchange.helpers import HEADER, three_lines, voucher_rows
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def base_template(settings, tmp_path):
    """base.html belongs to the shell; a stand-in with the same blocks keeps these tests independent."""
    (tmp_path / "base.html").write_text(
        "<title>{% block title %}{% endblock %}</title><nav>{% block breadcrumbs %}{% endblock %}</nav>"
        "{% if messages %}{% for m in messages %}<p class=msg>{{ m }}</p>{% endfor %}{% endif %}"
        "<main>{% block content %}{% endblock %}</main>",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    settings.JIXIAO_VAR_DIR = tmp_path


@pytest.fixture
def client_officer(client, officer, department):
    three_lines(actor=officer, department=department)
    client.login(username=officer.username, password=PASSWORD)
    return client


def _upload(client, rows, name="v.csv", kind="vouchers"):
    upload = SimpleUploadedFile(name, bytes_of_rows(rows), content_type="text/csv")
    return client.post(reverse("exchange:import-start") + "?year=2023", {"kind": kind, "file": upload})


def test_upload_with_errors_shows_them_and_offers_the_report_then_the_fixed_file_imports(client_officer):
    rows = [HEADER, *voucher_rows(4)]
    rows[3][4] = "39999"
    response = _upload(client_officer, rows)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    page = client_officer.get(response["Location"]).content.decode()
    assert "第4行" in page and "经济分类“39999”不是有效的经济分类科目" in page
    assert "confirm-import" not in page
    report = client_officer.get(reverse("exchange:batch-errors", args=[batch.pk]))
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")
    path = io.BytesIO(report.content)
    tmp = __import__("tempfile").NamedTemporaryFile(suffix=".xlsx", delete=False)
    tmp.write(path.getvalue())
    tmp.close()
    assert list(read_rows(tmp.name))[3] == [4, "经济分类", "经济分类“39999”不是有效的经济分类科目（至少3位）"]

    fixed = [HEADER, *voucher_rows(4)]
    response = _upload(client_officer, fixed, name="v-fixed.csv")
    batch = ImportBatch.objects.latest("pk")
    page = client_officer.get(response["Location"]).content.decode()
    assert batch.status == ImportStatus.PREVIEWED
    assert "按预算指标合计" in page and "40.00" in page
    assert Voucher.objects.count() == 0
    response = client_officer.post(reverse("exchange:batch-confirm", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert Voucher.objects.count() == 4


def test_missing_columns_offer_a_mapping_form_which_is_saved(client_officer):
    odd = ["记账日", "凭证号", "摘要", "功能分类", "经济分类", "项目编码", "支出额", "贷方金额"]
    response = _upload(client_officer, [odd, *voucher_rows(2)])
    batch = ImportBatch.objects.get()
    page = client_officer.get(response["Location"]).content.decode()
    assert "列名对应" in page and "记账日" in page
    form = {}
    for index, header in enumerate(odd):
        form[f"h{index}"] = {"记账日": "date", "支出额": "debit"}.get(header, "")
    client_officer.post(reverse("exchange:batch-mapping", args=[batch.pk]), form)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED


def test_large_files_run_in_the_background_with_a_progress_page(client_officer, monkeypatch):
    monkeypatch.setattr(services, "BACKGROUND_BYTES", 100)  # by the file's size, not a row count
    response = _upload(client_officer, [HEADER, *voucher_rows(5)])
    batch = ImportBatch.objects.get()
    # The test settings run tasks immediately; a real deployment queues them for `jixiao worker`.
    assert response["Location"] == reverse("exchange:batch-progress", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED
    assert batch.task_id
    client_officer.post(reverse("exchange:batch-confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert Voucher.objects.count() == 5


def test_another_departments_batch_is_not_visible(client_officer, other_officer, client):
    _upload(client_officer, [HEADER, *voucher_rows(2)])
    batch = ImportBatch.objects.get()
    client.logout()
    client.login(username=other_officer.username, password=PASSWORD)
    assert client.get(reverse("exchange:batch", args=[batch.pk])).status_code == 404


def test_export_page_downloads_the_filtered_voucher_list(client_officer):
    _upload(client_officer, [HEADER, *voucher_rows(3)])
    batch = ImportBatch.objects.get()
    client_officer.post(reverse("exchange:batch-confirm", args=[batch.pk]))
    response = client_officer.get(
        reverse("exchange:export"), {"table": "vouchers", "unit": "元", "q": "办公用品2", "year": "2023"}
    )
    assert response.status_code == 200
    tmp = __import__("tempfile").NamedTemporaryFile(suffix=".xlsx", delete=False)
    tmp.write(response.content)
    tmp.close()
    rows = list(read_rows(tmp.name))
    assert [r[1] for r in rows[3:-1]] == ["记-000002"]


def test_the_sangong_budget_is_uploaded_previewed_and_confirmed_on_the_web(client_officer, department):
    from jixiao.apps.budgets.models import SanGongBudget

    rows = [
        ["金额单位：元"],
        ["项目", "预算数"],
        ["公务接待费", "5,000.00"],
        ["其中：公务用车运行维护费", "12000"],
    ]
    response = _upload(client_officer, rows, name="三公.csv", kind="sangong")
    page = client_officer.get(response["Location"]).content.decode()
    assert "按“三公”经费项目" in page and "5,000.00" in page and "12,000.00" in page
    batch = ImportBatch.objects.get(kind="sangong")
    assert batch.status == ImportStatus.PREVIEWED
    client_officer.post(reverse("exchange:batch-confirm", args=[batch.pk]))
    assert dict(
        SanGongBudget.objects.filter(department=department, year=2023).values_list("item", "amount")
    ) == {
        "reception": 5000,
        "vehicle_running": 12000,
    }


def test_an_upload_over_the_size_limit_is_stopped_with_a_message_naming_the_limit(client_officer, settings):
    settings.JIXIAO_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.csv", b"x" * (2 * 1024 * 1024), content_type="text/csv")
    response = client_officer.post(
        reverse("exchange:import-start") + "?year=2023", {"kind": "vouchers", "file": big}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "超过了上传文件的大小上限（最多1 MiB），未上传" in page
    assert "这个字段是必填项" not in page and "This field is required" not in page
    assert ImportBatch.objects.count() == 0
    assert not list((settings.JIXIAO_VAR_DIR / "imports").glob("*.csv"))  # nothing was stored


def test_an_upload_within_the_limit_still_needs_its_csrf_token(client, officer, department, settings):
    from django.test import Client

    three_lines(actor=officer, department=department)
    strict = Client(enforce_csrf_checks=True)
    strict.login(username=officer.username, password=PASSWORD)
    upload = SimpleUploadedFile("v.csv", bytes_of_rows([HEADER, *voucher_rows(2)]), content_type="text/csv")
    response = strict.post(
        reverse("exchange:import-start") + "?year=2023", {"kind": "vouchers", "file": upload}
    )
    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0


def test_a_tiny_xlsx_claiming_row_900000000_is_refused_at_once_in_the_request(client_officer):
    from tests.formats.bombs.make_bombs import HERE

    data = (HERE / "xlsx_row_900000000.xlsx").read_bytes()
    upload = SimpleUploadedFile("v.xlsx", data, content_type="application/octet-stream")
    response = client_officer.post(
        reverse("exchange:import-start") + "?year=2023", {"kind": "vouchers", "file": upload}
    )
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse(
        "exchange:batch", args=[batch.pk]
    )  # 1.5 KB: not sent to the worker
    assert batch.status == ImportStatus.REFUSED
    assert "超过了表格行数上限（最多1,048,576行）" in batch.message


def test_the_worker_is_chosen_by_the_real_size_of_the_content(tmp_path, monkeypatch):
    from jixiao.formats.tabular import write_xlsx

    monkeypatch.setattr(services, "BACKGROUND_BYTES", 50_000)
    small_xlsx = write_xlsx(tmp_path / "s.xlsx", [["a", 1]] * 10)
    big_xlsx = write_xlsx(tmp_path / "b.xlsx", [["摘要" * 5, 1]] * 2_000)  # small zip, large sheet XML
    assert big_xlsx.stat().st_size < 50_000
    big_csv = tmp_path / "b.csv"
    big_csv.write_bytes(b"a,1\n" * 20_000)
    assert not services.runs_in_background(small_xlsx)
    assert services.runs_in_background(big_xlsx)
    assert services.runs_in_background(big_csv)
