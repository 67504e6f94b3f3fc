"""Organisations and users: province/city finance department → finance bureaus → departments;
users with a role and a scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models

from jixiao.domain.department_types import DEFAULT_TYPE, department_type


def validate_department_type(value: str) -> None:
    """The type list is data (it grows without a migration), so it is checked here, not as choices."""
    try:
        department_type(value)
    except ValueError as error:
        raise ValidationError(str(error)) from None


class Province(models.Model):
    """A 省/市财政厅（局）: oversees the finance bureaus put under it, and through them their
    departments (read-only)."""

    code = models.CharField("编码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=128, unique=True)
    region = models.CharField("行政区划", max_length=64, blank=True)

    class Meta:
        verbose_name = "省/市财政厅（局）"
        verbose_name_plural = "省/市财政厅（局）"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class FinanceBureau(models.Model):
    code = models.CharField("编码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=128)
    region = models.CharField("行政区划", max_length=64, blank=True)
    # Empty for a bureau no province oversees (a county system on its own).
    province = models.ForeignKey(
        Province,
        verbose_name="上级财政厅（局）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bureaus",
    )

    class Meta:
        verbose_name = "财政局"
        verbose_name_plural = "财政局"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    bureau = models.ForeignKey(
        FinanceBureau, verbose_name="主管财政局", on_delete=models.PROTECT, related_name="departments"
    )
    code = models.CharField("预算单位编码", max_length=32, unique=True)
    name = models.CharField("单位名称", max_length=128, unique=True)
    is_demo = models.BooleanField("演示数据", default=False)
    # 部门类型 picks the indicator library and activity vocabulary (jixiao/data/orgs/department-types.yaml).
    department_type = models.CharField(
        "部门类型",
        max_length=32,
        default=DEFAULT_TYPE,
        validators=[validate_department_type],
    )
    # The economic-class level of the budget control key: 3 = 款 (302), 5 = 项 (30217).
    econ_control_level = models.PositiveSmallIntegerField(
        "经济分类控制级次", default=3, choices=[(3, "款级（如302）"), (5, "项级（如30217）")]
    )
    budget_unit_count = models.PositiveSmallIntegerField(
        "预算单位个数", default=1, help_text="本部门（含本级）纳入部门预算的单位个数"
    )
    # 内设机构 as the department has them now: [{"name": "办公室", "kind": "股室"}, …]; [] = 无.
    # A year's profile may hold its own list (the structure of that year); reports use it first.
    internal_units = models.JSONField(
        "内设机构",
        default=list,
        blank=True,
        help_text='列表，如 [{"name": "办公室", "kind": "股室"}]；没有填 []',
    )

    class Meta:
        verbose_name = "预算单位"
        verbose_name_plural = "预算单位"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return f"{self.name}（演示数据）" if self.is_demo else self.name


class DepartmentProfile(models.Model):
    """One year of a department's 概况: staffing, structure, duties."""

    department = models.ForeignKey(
        Department, verbose_name="单位", on_delete=models.PROTECT, related_name="profiles"
    )
    year = models.PositiveIntegerField("年度")
    nature = models.TextField(
        "单位性质", blank=True, help_text="如：中共常宁市委领导下的正科级财政全额拨款单位"
    )
    # 主要职责: one item a line (the numbering （一）（二）… is added when shown).
    duties = models.TextField("主要职责", blank=True)
    staffing_quota = models.PositiveIntegerField("编制数")
    # 编制数 by kind; when given, they add up to 编制数 (services check it).
    staffing_admin = models.PositiveIntegerField("行政编制", null=True, blank=True)
    staffing_institution = models.PositiveIntegerField("事业编制", null=True, blank=True)
    staffing_worker = models.PositiveIntegerField("工勤编制", null=True, blank=True)
    actual_staff = models.PositiveIntegerField("年末实有在编人数")
    retired_cadres = models.PositiveIntegerField("离休人数", default=0)
    retired = models.PositiveIntegerField("退休人数", default=0)
    internal_units = models.JSONField(
        "内设机构", default=list, blank=True, help_text='列表，每项 {"name": "办公室", "kind": "股室"}'
    )

    class Meta:
        verbose_name = "单位年度概况"
        verbose_name_plural = "单位年度概况"
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="profile_one_per_year")]
        ordering = ["department", "year"]

    def __str__(self) -> str:
        return f"{self.department} {self.year}年度概况"


class Role(models.TextChoices):
    FINANCE_OFFICER = "finance_officer", "部门财务人员"
    DEPARTMENT_HEAD = "department_head", "部门负责人"
    BUREAU_STAFF = "bureau_staff", "财政局工作人员"
    AUDITOR = "auditor", "审计（只读）"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    PROVINCE_STAFF = "province_staff", "省/市财政工作人员"
    PROVINCE_AUDITOR = "province_auditor", "省/市审计（只读）"


DEPARTMENT_ROLES = {Role.FINANCE_OFFICER, Role.DEPARTMENT_HEAD}
# Roles that see the bureau's departments' data. The 系统管理员 is scoped to a bureau too, but
# manages its departments and accounts only: it sees no budget, ledger or report.
BUREAU_ROLES = {Role.BUREAU_STAFF, Role.AUDITOR}
BUREAU_SCOPED_ROLES = {Role.BUREAU_STAFF, Role.AUDITOR, Role.SYSTEM_ADMIN}
# Roles of a 省/市财政厅（局）: they see every bureau under it and those bureaus' departments, and
# write nothing below the province (a bureau's and a department's books stay theirs).
PROVINCE_ROLES = {Role.PROVINCE_STAFF, Role.PROVINCE_AUDITOR}
# What a bureau's 系统管理 (its pages and roster) may give: the province's accounts are made by
# ``jixiao province``, above any bureau.
BUREAU_ROLE_CHOICES = [(value, label) for value, label in Role.choices if value not in PROVINCE_ROLES]


class JixiaoUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """``manage.py createsuperuser``: a 系统管理员 of the (first) finance bureau; on a database
        that has none, a message to run ``jixiao init`` instead of a constraint failure."""
        extra_fields.setdefault("role", Role.SYSTEM_ADMIN)
        if extra_fields.get("role") in BUREAU_SCOPED_ROLES and not (
            extra_fields.get("bureau") or extra_fields.get("bureau_id")
        ):
            bureau = FinanceBureau.objects.order_by("pk").first()
            if bureau is None:
                raise ValidationError(
                    "数据库中还没有财政局：请运行 jixiao init（会建立财政局及其系统管理员）。"
                )
            extra_fields["bureau"] = bureau
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=64, blank=True)
    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.FINANCE_OFFICER)
    department = models.ForeignKey(
        Department,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    bureau = models.ForeignKey(
        FinanceBureau,
        verbose_name="所属财政局",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    province = models.ForeignKey(
        Province,
        verbose_name="所属财政厅（局）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # Set by an initial or reset password; the middleware sends the user to change it first.
    must_change_password = models.BooleanField("下次登录须修改密码", default=False)

    objects = JixiaoUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=["finance_officer", "department_head"],
                        department__isnull=False,
                        province__isnull=True,
                    )
                    | models.Q(
                        role__in=["bureau_staff", "auditor", "system_admin"],
                        bureau__isnull=False,
                        department__isnull=True,
                        province__isnull=True,
                    )
                    | models.Q(
                        role__in=["province_staff", "province_auditor"],
                        province__isnull=False,
                        bureau__isnull=True,
                        department__isnull=True,
                    )
                ),
                name="user_scope_matches_role",
                violation_error_message="部门财务人员、部门负责人须选择所属单位；财政局工作人员、审计和系统管理员须选择所属财政局，不选所属单位；省/市财政工作人员和审计须选择所属财政厅（局），不选财政局和单位。",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        """The scope a role needs, said on the field (the admin's and any model form's check)."""
        super().clean()
        label = Role(self.role).label if self.role in Role.values else self.role
        if self.role in DEPARTMENT_ROLES:
            if self.department_id is None:
                raise ValidationError({"department": f"{label}须选择所属单位。"})
        elif self.role in BUREAU_SCOPED_ROLES:
            if self.department_id is not None:
                raise ValidationError({"department": f"{label}属于财政局本级，不选所属单位。"})
            if self.bureau_id is None:
                raise ValidationError({"bureau": f"{label}须选择所属财政局。"})
        elif self.role in PROVINCE_ROLES:
            if self.department_id is not None or self.bureau_id is not None:
                raise ValidationError({"bureau": f"{label}属于财政厅（局）本级，不选财政局和单位。"})
            if self.province_id is None:
                raise ValidationError({"province": f"{label}须选择所属财政厅（局）。"})
        if self.role not in PROVINCE_ROLES and self.province_id is not None:
            raise ValidationError({"province": f"{label}不属于财政厅（局）本级，不选所属财政厅（局）。"})

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_department_user(self) -> bool:
        return self.role in DEPARTMENT_ROLES

    @property
    def is_bureau_user(self) -> bool:
        return self.role in BUREAU_ROLES

    @property
    def is_province_user(self) -> bool:
        return self.role in PROVINCE_ROLES

    @property
    def is_system_admin(self) -> bool:
        return self.role == Role.SYSTEM_ADMIN

    @property
    def is_read_only(self) -> bool:
        """Auditors, and the province's staff below the province: they look, they do not write."""
        return self.role == Role.AUDITOR or self.role in PROVINCE_ROLES

    @property
    def scope_bureau_id(self) -> int | None:
        if self.is_bureau_user:
            return self.bureau_id
        return self.department.bureau_id if self.department_id else None
