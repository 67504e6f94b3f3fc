"""Django admin for organisations and users (the day-to-day pages are 系统管理, which audit each
change; the admin is for a superuser's repairs). Adding a user asks for its role and scope."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm

from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau, Province, User


class JixiaoUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "role", "department", "bureau", "province")


@admin.register(User)
class JixiaoUserAdmin(UserAdmin):
    add_form = JixiaoUserCreationForm
    fieldsets = [
        *UserAdmin.fieldsets,
        (
            "单位与角色",
            {"fields": ["full_name", "role", "department", "bureau", "province", "must_change_password"]},
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "full_name",
                    "role",
                    "department",
                    "bureau",
                    "province",
                    "password1",
                    "password2",
                ],
                "description": "部门财务人员、部门负责人选择所属单位；财政局工作人员、审计、系统管理员选择所属财政局；"
                "省/市财政工作人员和审计选择所属财政厅（局）。",
            },
        )
    ]
    list_display = ["username", "full_name", "role", "department", "bureau", "province", "is_active"]
    list_filter = ["role", "is_active", "bureau", "province"]
    search_fields = ["username", "full_name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "department_type", "bureau", "budget_unit_count", "is_demo"]
    list_filter = ["bureau", "department_type", "is_demo"]
    search_fields = ["code", "name"]


@admin.register(DepartmentProfile)
class DepartmentProfileAdmin(admin.ModelAdmin):
    list_display = ["department", "year", "staffing_quota", "actual_staff", "retired"]
    list_filter = ["year"]
    search_fields = ["department__name", "department__code"]


@admin.register(FinanceBureau)
class FinanceBureauAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "province"]
    list_filter = ["province"]
    search_fields = ["code", "name"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    search_fields = ["code", "name"]


admin.site.site_header = "jixiao 系统管理"
