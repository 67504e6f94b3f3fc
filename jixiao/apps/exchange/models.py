"""Import batches (one per uploaded file and attempt) and the header mappings departments saved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class ImportKind(models.TextChoices):
    VOUCHERS = "vouchers", "支出凭证"
    BUDGET = "budget", "预算指标"
    SANGONG = "sangong", "“三公”经费预算"
    PRIOR_YEAR = "prior_year", "上年数（录入）"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "已上传"
    CHECKING = "checking", "校验中"
    PREVIEWED = "previewed", "待确认"
    QUEUED = "queued", "排队中"
    RUNNING = "running", "导入中"
    IMPORTED = "imported", "已导入"
    REFUSED = "refused", "有错误，未导入"
    ALREADY = "already", "重复文件，未导入"
    FAILED = "failed", "失败"


class ImportBatch(models.Model):
    """One attempt to import one file. Errors and per-line totals are kept for the preview."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="import_batches"
    )
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类型", max_length=20, choices=ImportKind.choices)
    file_name = models.CharField("文件名", max_length=255)
    file_path = models.CharField("存放位置", max_length=500, blank=True)
    file_sha256 = models.CharField("文件指纹", max_length=64, db_index=True)
    status = models.CharField(
        "状态", max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    rows = models.PositiveIntegerField("数据行", default=0)
    valid_rows = models.PositiveIntegerField("有效行", default=0)
    imported_rows = models.PositiveIntegerField("已导入", default=0)
    skipped_rows = models.PositiveIntegerField("跳过行", default=0)
    error_count = models.PositiveIntegerField("错误数", default=0)
    amount = models.DecimalField("金额合计（元）", max_digits=18, decimal_places=2, default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    totals = models.JSONField("按指标合计", default=list, blank=True)
    message = models.TextField("说明", blank=True)
    task_id = models.CharField("后台任务", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["department", "year", "kind", "file_sha256"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}导入 {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("exchange:batch", args=[self.pk])


class HeaderMapping(models.Model):
    """“When the headers differ, the user maps them once and the mapping is saved.”

    One row per (department, kind, header text): the header (normalised) maps to a canonical
    field of jixiao/data/imports/synonyms.yaml, or to "ignore".
    """

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.CASCADE, related_name="header_mappings"
    )
    kind = models.CharField("类型", max_length=20, choices=ImportKind.choices)
    header = models.CharField("文件中的列名", max_length=100)
    field = models.CharField("对应字段", max_length=40)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="设置人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("设置时间", auto_now=True)

    class Meta:
        verbose_name = "列名对应"
        verbose_name_plural = "列名对应"
        constraints = [
            models.UniqueConstraint(fields=["department", "kind", "header"], name="header_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.header} → {self.field}"
