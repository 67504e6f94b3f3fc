"""The Django admin: every registered model's add and change pages open (or refuse with 403 where
the model is read-only), and adding a user with a role and a department works."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from jixiao.apps.orgs.models import Role, User


@pytest.mark.django_db(transaction=True)
def test_every_registered_model_has_add_and_change_pages_that_open(client):
    from django.contrib.auth.models import Group
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from jixiao.apps.demo.builder import demo_build
    from jixiao.apps.exchange.models import HeaderMapping, ImportBatch
    from jixiao.apps.goals.models import Activity, CustomIndicator, Evidence, Goal, WarningResponse

    demo = demo_build()  # one of everything the admin lists, but for these:
    department = demo["department"]
    Group.objects.create(name="复核组")
    from jixiao.apps.orgs.models import Province

    Province.objects.create(code="HN-CZT", name="湖南省财政厅")
    WarningResponse.objects.create(
        goal=Goal.objects.order_by("pk").first(),
        as_of="2023-06-30",
        key="执行率",
        message="执行进度慢于序时进度",
        cause="项目尚未招标",
        measures="加快招标",
        recorded_at=timezone.now(),
    )
    ImportBatch.objects.create(
        department=department, year=2023, kind="budget", file_name="预算.xlsx", file_sha256="0" * 64
    )
    HeaderMapping.objects.create(department=department, kind="vouchers", header="支出金额", field="amount")
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="jixiao.apps.exchange.tasks.run_import_task",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
    )
    Evidence.objects.create(
        activity=Activity.objects.order_by("pk").first(),
        file="evidence/2023/x.jpg",
        original_name="照片.jpg",
        kind="jpg",
        content_type="image/jpeg",
        size=3,
        sha256="0" * 64,
        uploaded_at=timezone.now(),
    )
    CustomIndicator.objects.create(
        department=department,
        code="ZDY-01",
        level1="产出指标",
        level2="数量指标",
        name="自定义培训人次",
        explanation="全年培训人次",
        unit="人次",
        operator="≥",
        scoring_rule="达到目标值得满分",
        created_at=timezone.now(),
    )
    # django-axes lists its records in the admin too (which it keeps depends on its settings)
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    axes_row = {
        "username": "kx_caiwu",
        "ip_address": "127.0.0.1",
        "user_agent": "test",
        "path_info": "/login/",
    }
    AccessAttempt.objects.create(**axes_row, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**axes_row)
    AccessFailureLog.objects.create(**axes_row)
    root = User.objects.create_superuser("root", "root@example.com", "Admin-pass-2026")
    client.force_login(root)
    opened, missing = [], []
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        add = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        assert add.status_code in (200, 403), (meta.label, "add", add.status_code)
        if add.status_code == 200:
            assert model_admin.has_add_permission(add.wsgi_request)
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            missing.append(meta.label)
            continue
        change = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk]))
        assert change.status_code == 200, (meta.label, "change", change.status_code)
        opened.append(meta.label)
    assert missing == [], f"没有可打开修改页的记录：{missing}"
    assert "orgs.User" in opened and "orgs.Department" in opened


def test_admin_adds_a_user_with_a_role_and_a_department(department, client):
    root = User.objects.create_superuser("root", "root@example.com", "Admin-pass-2026")
    assert (root.role, root.bureau_id) == (Role.SYSTEM_ADMIN, department.bureau_id)
    client.force_login(root)
    url = reverse("admin:orgs_user_add")
    response = client.post(
        url,
        {
            "username": "fl_new",
            "full_name": "新会计",
            "role": Role.FINANCE_OFFICER,
            "department": department.pk,
            "bureau": "",
            "password1": "Strong-pass-2026x",
            "password2": "Strong-pass-2026x",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="fl_new")
    assert (user.role, user.department_id, user.full_name) == (Role.FINANCE_OFFICER, department.pk, "新会计")
    # A department role without a department is refused on the field, not with a 500.
    response = client.post(
        url,
        {
            "username": "fl_bad",
            "full_name": "缺单位",
            "role": Role.DEPARTMENT_HEAD,
            "department": "",
            "bureau": "",
            "password1": "Strong-pass-2026x",
            "password2": "Strong-pass-2026x",
        },
    )
    assert response.status_code == 200
    assert "部门负责人须选择所属单位" in response.content.decode()
    assert not User.objects.filter(username="fl_bad").exists()


def test_createsuperuser_on_a_database_without_a_bureau_says_to_run_init(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="jixiao init"):
        User.objects.create_superuser("root2", "r@example.com", "Admin-pass-2026")
    assert not User.objects.filter(username="root2").exists()
