"""The 部门类型 picks a department's library; a finance bureau publishes its own versions (checked,
audited, never changing an old year); forms speak the department's own words; computed 共性 indicators
take their actual from the year's data."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.apps.core.models import AuditEvent, RefusalEvent
from jixiao.apps.goals import selectors, services
from jixiao.apps.goals.models import LibraryVersion
from jixiao.domain.errors import PermissionRefused, TransitionNotAllowed
from jixiao.domain.indicator_library import DATA_DIR, IndicatorLibraryError
from jixiao.domain.year_end import YearEndRefused
from tests.apps.goals.typed import composed_goal, record_outputs, spend_public, typed_department

pytestmark = pytest.mark.django_db

FULIAN_TEXT = (DATA_DIR / "fulian-v1.yaml").read_text(encoding="utf-8")


def fulian_v2(extra_name: str = "") -> str:
    text = FULIAN_TEXT.replace("version: fulian-v1", "version: fulian-v2", 1)
    if extra_name:
        text = text.replace("name: 巾帼宣讲场次", f"name: {extra_name}", 1)
    return text


@pytest.fixture
def fulian(bureau):
    return typed_department(bureau, "妇联", code="430482-FL", name="常宁市妇女联合会")


def test_the_department_type_picks_the_library_and_a_new_goal_keeps_its_versions(fulian, department):
    women, officer = fulian
    library = selectors.library_for(women)
    assert library.label == "fulian-v1 + gongxing-v1"
    assert library.find("巾帼宣讲场次") and library.find("预算执行率") and not library.find("下乡科普场次")
    goal = services.goal_create(actor=officer, department=women, year=2024)
    assert (goal.library_version, goal.common_version) == ("fulian-v1", "gongxing-v1")
    assert selectors.library_for(department).label == "kexie-v1 + gongxing-v1"


def test_a_type_without_its_own_library_has_the_common_one(bureau):
    other, officer = typed_department(bureau, "其他", code="430482-QT", name="常宁市某中心")
    goal = services.goal_create(actor=officer, department=other, year=2024)
    assert (goal.library_version, goal.common_version) == ("", "gongxing-v1")
    assert selectors.library_for_goal(goal).label == "gongxing-v1"


def test_a_published_bureau_version_is_taken_by_new_goals_while_an_old_year_keeps_its_own(
    fulian, bureau, bureau_staff
):
    women, officer = fulian
    old, _line = composed_goal(officer, women)
    draft = services.library_version_upload(
        actor=bureau_staff,
        bureau=bureau,
        text=fulian_v2("巾帼宣讲活动场次"),
        file_name="fulian-v2.yaml",
        note="按本市口径",
    )
    assert draft.department_type == "妇联" and not draft.is_published and draft.indicator_count == 21
    # a draft changes nothing
    assert selectors.library_for(women).version == "fulian-v1"
    services.library_version_publish(actor=bureau_staff, version=draft)
    assert selectors.library_for(women).label == "fulian-v2 + gongxing-v1"
    new = services.goal_create(actor=officer, department=women, year=2024)
    assert new.library_version == "fulian-v2"
    assert selectors.library_for_goal(new).find("巾帼宣讲活动场次")
    # the 2023 goal still reads the version it was made with
    old.refresh_from_db()
    assert old.library_version == "fulian-v1"
    assert selectors.library_for_goal(old).find("巾帼宣讲场次")
    actions = list(
        AuditEvent.objects.filter(target_type="goals.LibraryVersion")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["library_version_upload", "library_version_publish"]
    published = AuditEvent.objects.get(action="library_version_publish")
    assert published.before == {"current": "fulian-v1"} and published.after["current"] == "fulian-v2"
    with pytest.raises(TransitionNotAllowed, match="已发布，不能删除"):
        services.library_version_discard(actor=bureau_staff, version=draft)
    with pytest.raises(TransitionNotAllowed, match="已于"):
        services.library_version_publish(actor=bureau_staff, version=draft)


@pytest.mark.parametrize(
    ("text", "file_name", "message"),
    [
        (FULIAN_TEXT, "fulian.yaml", "是系统内置指标库的版本号"),
        (fulian_v2().replace("version: fulian-v2", "version: xx-v2", 1), "x.yaml", "不以部门类型的拼音开头"),
        (fulian_v2().replace("type: 妇联", "type: 残联", 1), "x.yaml", "文件写明部门类型“残联”"),
        (
            fulian_v2().replace('operator: "≥"', 'operator: "约"', 1),
            "x.yaml",
            "指标“巾帼宣讲场次”（FL-SL-01）：比较符“约”无效",
        ),
        (
            fulian_v2().replace("level2: 数量指标", "level2: 政治效益", 1),
            "x.yaml",
            "FL-SL-01）的一级/二级指标",
        ),
        (
            fulian_v2().replace("fed_by: [巾帼宣讲场次]", "fed_by: [巾帼活动]", 1),
            "x.yaml",
            "引用了不存在的活动产出“巾帼活动”",
        ),
        ("version: fulian-v3\nindicators: [\n", "x.yaml", "不是有效的YAML"),
        (fulian_v2(), "fulian.xlsx", "请上传 .yaml 或 .yml 文件"),
    ],
)
def test_an_upload_that_does_not_check_is_refused_naming_the_problem_and_kept_on_record(
    bureau, bureau_staff, text, file_name, message
):
    with pytest.raises((IndicatorLibraryError, services.LibraryVersionRefused), match=message):
        services.library_version_upload(actor=bureau_staff, bureau=bureau, text=text, file_name=file_name)
    assert not LibraryVersion.objects.exists()
    assert RefusalEvent.objects.filter(action="library_version_upload").count() == 1


def test_only_the_bureaus_staff_upload_publish_and_discard(
    bureau, bureau_staff, auditor, fulian, other_department
):
    _women, officer = fulian
    for actor in (officer, auditor):
        with pytest.raises(PermissionRefused):
            services.library_version_upload(actor=actor, bureau=bureau, text=fulian_v2(), file_name="f.yaml")
    draft = services.library_version_upload(
        actor=bureau_staff, bureau=bureau, text=fulian_v2(), file_name="f.yaml"
    )
    with pytest.raises(services.LibraryVersionRefused, match="已上传过"):
        services.library_version_upload(
            actor=bureau_staff, bureau=bureau, text=fulian_v2(), file_name="f.yaml"
        )
    with pytest.raises(PermissionRefused):
        services.library_version_publish(actor=auditor, version=draft)
    services.library_version_discard(actor=bureau_staff, version=draft)
    assert not LibraryVersion.objects.exists()
    assert AuditEvent.objects.filter(action="library_version_discard").exists()


def test_the_bureau_page_uploads_shows_and_publishes_a_version(client, as_user, bureau_staff, fulian):
    page = as_user(bureau_staff)
    listing = page.get(reverse("goals:library-versions")).content.decode()
    assert "妇联" in listing and "fulian-v1" in listing and "系统内置" in listing
    upload = SimpleUploadedFile(
        "fulian-v2.yaml", fulian_v2().encode("utf-8"), content_type="application/x-yaml"
    )
    response = page.post(reverse("goals:library-versions"), {"file": upload, "note": "本市版本"})
    row = LibraryVersion.objects.get()
    assert response.status_code == 302 and response.url == row.get_absolute_url()
    detail = page.get(row.get_absolute_url()).content.decode()
    assert "待发布" in detail and "巾帼宣讲场次" in detail and "data-confirm" in detail
    page.post(reverse("goals:library-version-publish", args=[row.pk]))
    row.refresh_from_db()
    assert row.is_published
    listing = page.get(reverse("goals:library-versions")).content.decode()
    assert "本局发布" in listing
    bad = SimpleUploadedFile(
        "bad.yaml",
        fulian_v2().replace("fulian-v2", "fulian-v3").replace("unit: 场\n", "unit: 场子\n", 1).encode(),
    )
    refused = page.post(reverse("goals:library-versions"), {"file": bad}).content.decode()
    assert "计量单位“场子”不在计量单位表" in refused
    yaml_file = page.get(reverse("goals:library-download", args=["fulian-v2"]))
    assert yaml_file.status_code == 200 and b"version: fulian-v2" in yaml_file.content


def test_department_users_do_not_manage_library_versions(client, as_user, fulian):
    _women, officer = fulian
    page = as_user(officer)
    assert page.get(reverse("goals:library-versions")).status_code == 403
    shipped = page.get(reverse("goals:library-download", args=["fulian-v1"]))
    assert shipped.status_code == 200 and "巾帼宣讲场次" in shipped.content.decode()


def test_a_fulian_officer_sees_fulian_examples_and_library_and_no_kexie_words(client, as_user, fulian):
    women, officer = fulian
    composed_goal(officer, women)
    page = as_user(officer)
    form = page.get(reverse("goals:activity-create")).content.decode()
    assert "全年开展“巾帼大宣讲”20场次" in form and "巾帼宣讲场次：20场" in form
    assert "维权咨询接待人次（人次）" in form
    indicators = page.get(reverse("goals:indicator-list")).content.decode()
    assert (
        "fulian-v1 + gongxing-v1" in indicators and "南县妇女联合会2021年度项目支出绩效评价报告" in indicators
    )
    for text in (form, indicators):
        assert "科普" not in text and "科协" not in text


def test_a_computed_common_indicator_takes_its_actual_from_the_ledger_and_refuses_a_typed_one(fulian):
    women, officer = fulian
    goal, line = composed_goal(officer, women)
    spend_public(officer, line, "150000.00")
    rows = {item.row.name: item for item in selectors.year_end_rows(goal)}
    public = rows["公用经费控制率"]
    assert public.is_computed and public.actual_text == "50.0%"
    assert "预算账" in public.source and "15 / 30" in public.computed.text
    assert rows["巾帼宣讲场次"].computed is None
    with pytest.raises(YearEndRefused, match="由系统从本年度数据计算得出"):
        services.year_end_actual_enter(actor=officer, indicator=public.row, text="80%", evidence="台账")
    results = {result.name: result for result in selectors.goal_results_for(department=women, year=2023)}
    assert results["公用经费控制率"].actual == Decimal("50.00")
    assert "实际支出公用经费总额" in results["公用经费控制率"].evidence


def test_activities_record_the_types_outputs_and_feed_its_indicators(fulian):
    women, officer = fulian
    goal, _line = composed_goal(officer, women)
    record_outputs(officer, women)
    traced = {item.row.name: item for item in selectors.year_end_rows(goal) if item.fed}
    assert traced["维权咨询接待人次"].actual_text == "12人次"
    assert traced["巾帼宣讲场次"].actual_text == "12场"
    with pytest.raises(services.ActivityError, match="产出“下乡科普次数”不在本单位指标库的活动产出中"):
        services.activity_record(
            actor=officer,
            department=women,
            date=dt.date(2023, 6, 1),
            title="宣讲",
            area=women.work_areas.first(),
            outputs=[{"quantity": "3次", "output_key": "下乡科普次数"}],
        )


def test_the_goal_table_export_carries_the_type_and_reads_back(client, as_user, fulian):
    from jixiao.formats.goal_table import read_goal_table

    women, officer = fulian
    goal, _line = composed_goal(officer, women)
    response = as_user(officer).get(reverse("goals:goal-table-export", args=[goal.pk]))
    assert response.status_code == 200
    path = io.BytesIO(response.content)
    table = read_goal_table_from_bytes(path, read_goal_table)
    assert table.department_type == "妇联" and table.budget == Decimal("300000.00")
    assert len(table.goal.indicators) == goal.indicators.count()


def read_goal_table_from_bytes(buffer, reader):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        path.write_bytes(buffer.getvalue())
        return reader(path)


def test_demonstration_bases_are_shown_only_to_the_type_that_keeps_them(
    client, as_user, fulian, department, officer
):
    from django.contrib import admin
    from django.test import RequestFactory

    from jixiao.apps.projects.models import DemonstrationBase
    from jixiao.apps.projects.services import ProjectRuleError, demonstration_base_add

    women, women_officer = fulian
    demonstration_base_add(
        actor=officer, department=department, name="福来油茶合作社", year=2023, selection="申报、考察、核定"
    )
    with pytest.raises(ProjectRuleError, match="部门类型“妇联”的指标库不含科普示范基地"):
        demonstration_base_add(
            actor=women_officer, department=women, name="某合作社", year=2023, selection="申报"
        )
    DemonstrationBase.objects.create(department=women, name="误登记的基地", year=2023)
    page = as_user(women_officer).get(reverse("projects:project-list")).content.decode()
    assert "科普示范基地" not in page and "误登记的基地" not in page
    model_admin = admin.site._registry[DemonstrationBase]
    request = RequestFactory().get("/admin/")
    request.user = women_officer
    assert not model_admin.has_module_permission(request)
    request.user = officer
    assert list(model_admin.get_queryset(request).values_list("name", flat=True)) == ["福来油茶合作社"]
