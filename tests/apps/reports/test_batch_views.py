"""The 批量生成全部报告 button and the batch page: bureau staff start, the bureau sees, others 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.apps.core.models import AuditEvent
from jixiao.apps.reports.batch import batch_start, bureau_scope
from jixiao.apps.reports.models import BatchState, ReportBatch
from tests.factories import BureauFactory, DepartmentFactory, bureau_user

pytestmark = pytest.mark.django_db

BUTTON = "批量生成全部报告"


@pytest.fixture
def settings_var(settings, tmp_path):
    settings.JIXIAO_VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def other_bureau_staff(db):
    other = BureauFactory(code="CZJ-LY", name="耒阳市财政局")
    DepartmentFactory(bureau=other, code="430481-KX", name="耒阳市科学技术协会")
    return bureau_user(other, username="ly", full_name="耒阳科长")


@pytest.fixture
def pending_batch(ledger, other_department, tmp_path):
    """A batch queued for the workers, none of them started yet."""
    scope = bureau_scope("常宁市财政局")
    return batch_start(
        actor=None, departments=scope.departments, year=2023, scope=scope.label, bureau=scope.bureau,
        fmt="txt", out_dir=tmp_path, enqueue=False,
    )  # fmt: skip


def test_bureau_staff_start_a_batch_with_the_button_and_follow_it(
    as_user, bureau_staff, ledger, settings_var
):
    client = as_user(bureau_staff)
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert BUTTON in overview and reverse("reports:batch-start") in overview
    assert BUTTON in client.get(reverse("reports:report-list")).content.decode()

    response = client.post(reverse("reports:batch-start"), {"year": "2023"})
    batch = ReportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert batch.bureau == bureau_staff.bureau and batch.created_by == bureau_staff
    assert batch.items.count() == 1 and batch.out_dir == str(settings_var / "report-batches" / str(batch.pk))
    assert AuditEvent.objects.filter(action="report_batch_start", actor=bureau_staff).count() == 1

    # the test task backend ran the task at once: the page shows it finished, with the file
    page = client.get(batch.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200 and "Refresh" not in page
    assert "已生成 1" in text and "失败 0" in text and "剩余 0" in text and "全部单位已处理完毕" in text
    item = batch.items.get()
    assert item.state == BatchState.DONE
    download = client.get(reverse("reports:batch-file", args=[batch.pk, item.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    assert "filename*=UTF-8''2023" in download["Content-Disposition"]
    assert reverse("reports:batch-file", args=[batch.pk, item.pk]) in text


def test_a_running_batch_page_refreshes_itself_and_counts_what_remains(as_user, bureau_staff, pending_batch):
    page = as_user(bureau_staff).get(pending_batch.get_absolute_url())
    text = page.content.decode()
    assert page["Refresh"] == "3"  # an HTTP refresh: no script, nothing from outside
    assert "已生成 0" in text and "剩余 2" in text and "jixiao worker" in text
    assert "<script" not in text.split("<main", 1)[1]


def test_a_bad_year_is_refused_with_a_message_and_nothing_started(as_user, bureau_staff, ledger):
    response = as_user(bureau_staff).post(reverse("reports:batch-start"), {"year": "1999"}, follow=True)
    assert "年度“1999”无效" in response.content.decode()
    assert not ReportBatch.objects.exists()


@pytest.mark.parametrize(
    ("role", "page", "starts"),
    [
        ("bureau_staff", 200, 302),
        ("auditor", 200, 404),  # the bureau's auditor reads, never starts
        ("other_bureau_staff", 404, 302),  # starts a batch of its own bureau only
        ("officer", 404, 404),
        ("other_officer", 404, 404),
    ],
)
def test_batch_access_matrix(request, as_user, pending_batch, role, page, starts, settings_var):
    client = as_user(request.getfixturevalue(role))
    item = pending_batch.items.first()
    assert client.get(pending_batch.get_absolute_url()).status_code == page
    file_status = client.get(reverse("reports:batch-file", args=[pending_batch.pk, item.pk])).status_code
    assert file_status == 404  # not generated yet for anyone; for strangers it never exists
    before = ReportBatch.objects.count()
    assert client.post(reverse("reports:batch-start"), {"year": "2023"}).status_code == starts
    started = ReportBatch.objects.exclude(pk=pending_batch.pk)
    if starts == 302:
        user = request.getfixturevalue(role)
        assert started.get().bureau_id == user.bureau_id
        assert set(started.get().items.values_list("department__bureau_id", flat=True)) == {user.bureau_id}
    else:
        assert ReportBatch.objects.count() == before
    overview = client.get(reverse("reports:report-list")).content.decode()
    assert (BUTTON in overview) == (role in ("bureau_staff", "other_bureau_staff"))


def test_anonymous_is_sent_to_log_in(pending_batch):
    response = Client().get(pending_batch.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_done_file_of_another_bureau_is_404(
    as_user, bureau_staff, other_bureau_staff, ledger, settings_var
):
    as_user(bureau_staff).post(reverse("reports:batch-start"), {"year": "2023"})
    batch = ReportBatch.objects.get()
    item = batch.items.get()
    assert item.state == BatchState.DONE
    stranger = as_user(other_bureau_staff)
    assert stranger.get(reverse("reports:batch-file", args=[batch.pk, item.pk])).status_code == 404


def test_the_province_above_the_bureau_reads_its_batches_and_no_other_province_does(
    as_user, bureau, pending_batch
):
    from jixiao.apps.orgs.models import Province, Role
    from tests.factories import UserFactory

    province = Province.objects.create(code="HN-CZT", name="湖南省财政厅")
    bureau.province = province
    bureau.save(update_fields=["province"])
    elsewhere = Province.objects.create(code="GD-CZT", name="广东省财政厅")
    above = UserFactory(
        role=Role.PROVINCE_STAFF, province=province, department=None, bureau=None, username="sczt"
    )
    other = UserFactory(
        role=Role.PROVINCE_STAFF, province=elsewhere, department=None, bureau=None, username="gdczt"
    )
    assert as_user(above).get(pending_batch.get_absolute_url()).status_code == 200
    assert as_user(other).get(pending_batch.get_absolute_url()).status_code == 404
    # the province reads; it never starts a bureau's batch
    assert as_user(above).post(reverse("reports:batch-start"), {"year": "2023"}).status_code == 404
    assert ReportBatch.objects.count() == 1
