from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from jixiao.apps.orgs.models import Department, DepartmentProfile, FinanceBureau, User


@admin.register(User)
class JixiaoUserAdmin(UserAdmin):
    fieldsets = [
        *UserAdmin.fieldsets,
        ("单位与角色", {"fields": ["full_name", "role", "department", "bureau"]}),
    ]
    list_display = ["username", "full_name", "role", "department", "bureau", "is_active"]


admin.site.register(FinanceBureau)
admin.site.register(Department)
admin.site.register(DepartmentProfile)
admin.site.site_header = "jixiao 系统管理"
