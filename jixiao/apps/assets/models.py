"""The fixed-asset register (资产卡片), its value ledger (台账), disposals and stock-takes.

Every change of value writes an AssetMovement in the same transaction as the register change;
movements are append-only, so the 台账 of any year is a sum over them and must reconcile with
the register. Everything changes only through jixiao.apps.assets.services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from jixiao.apps.core.append_only import append_only
from jixiao.apps.core.approval import ApprovalRecord
from jixiao.apps.core.immutable import ImmutableModel
from jixiao.domain.assets import (
    DIFF_LABELS,
    METHOD_LABELS,
    MOVE_LABELS,
    STATUS_LABELS,
    categories,
    category_name,
    funding_sources,
)

MONEY = {"max_digits": 18, "decimal_places": 2}


def _category_choices():
    return [(c.code, f"{c.code} {c.name}") for c in categories()]


def _funding_choices():
    return list(funding_sources())


class Asset(models.Model):
    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="assets"
    )
    number = models.CharField("资产编号", max_length=40)
    name = models.CharField("资产名称", max_length=128)
    category = models.CharField("资产分类", max_length=8, choices=_category_choices)
    spec = models.CharField("规格型号", max_length=128, blank=True)
    acquired_on = models.DateField("取得日期")
    booked_on = models.DateField("入账日期", help_text="购置为取得日期，盘盈为盘盈处理日期")
    original_value = models.DecimalField("原值（元）", **MONEY)
    funding_source = models.CharField("资金来源", max_length=16, choices=_funding_choices, default="fiscal")
    custodian_unit = models.CharField("使用股室", max_length=64)
    custodian_person = models.CharField("保管人", max_length=64)
    location = models.CharField("存放地点", max_length=128)
    status = models.CharField(
        "状态", max_length=16, choices=list(STATUS_LABELS.items()), default="in_use", db_index=True
    )
    disposed_on = models.DateField("处置日期", null=True, blank=True)
    note = models.CharField("备注", max_length=255, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "固定资产"
        verbose_name_plural = "固定资产"
        ordering = ["department", "number"]
        constraints = [models.UniqueConstraint(fields=["department", "number"], name="asset_number_unique")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("assets:asset-detail", args=[self.pk])

    @property
    def category_label(self) -> str:
        return category_name(self.category) or self.category

    @property
    def is_held(self) -> bool:
        return self.status != "disposed"

    def snapshot(self) -> dict:
        return {
            "number": self.number,
            "status": self.status,
            "original_value": self.original_value,
            "custodian": f"{self.custodian_unit}/{self.custodian_person}",
            "location": self.location,
        }


class AssetMovement(ImmutableModel):
    """One change of value in the 台账: 购置/盘盈 add, 处置/盘亏 reduce. Never edited."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="asset_movements"
    )
    asset = models.ForeignKey(Asset, verbose_name="资产", on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField("类型", max_length=16, choices=list(MOVE_LABELS.items()))
    date = models.DateField("日期", db_index=True)
    amount = models.DecimalField("原值（元）", **MONEY)
    disposal = models.ForeignKey(
        "Disposal", verbose_name="处置申请", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    memo = models.CharField("说明", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "资产台账记录"
        verbose_name_plural = "资产台账记录"
        triggers = append_only()
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="asset_movement_positive")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.amount}"


class Disposal(ApprovalRecord):
    """处置申请 (报废/调拨/出售) of one or more assets, on the approval mechanism (workflow
    disposal, jixiao/data/workflows/disposal.yaml). Who did what is its approval history; the
    dates here are the dates the people stated (批准日期, 批复日期, 处置日期)."""

    workflow_key = "disposal"

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="asset_disposals"
    )
    year = models.PositiveIntegerField("年度")
    number = models.CharField("申请编号", max_length=40)
    method = models.CharField("处置方式", max_length=16, choices=list(METHOD_LABELS.items()))
    reason = models.TextField("处置理由")
    counterparty = models.CharField("接收单位/买受人", max_length=128, blank=True)
    total_value = models.DecimalField("原值合计（元）", **MONEY)
    proceeds = models.DecimalField("处置收入（元）", null=True, blank=True, **MONEY)
    needs_bureau = models.BooleanField("需财政局审批", default=False)
    requested_on = models.DateField("申请日期")
    head_approved_on = models.DateField("负责人批准日期", null=True, blank=True)
    bureau_filed_on = models.DateField("财政局批复日期", null=True, blank=True)
    bureau_doc_no = models.CharField("财政局批复文号", max_length=100, blank=True)
    completed_on = models.DateField("处置日期", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "资产处置"
        verbose_name_plural = "资产处置"
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["department", "number"], name="disposal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_method_display()}"

    def get_absolute_url(self) -> str:
        return reverse("assets:disposal-detail", args=[self.pk])

    def approval_flags(self) -> frozenset[str]:
        return frozenset({"needs_bureau"}) if self.needs_bureau else frozenset()

    @property
    def is_approved(self) -> bool:
        """Approved as far as it needs to be, so it may be (or has been) executed."""
        ready = "bureau_filed" if self.needs_bureau else "head_approved"
        return self.state in {ready, "disposed"}

    def snapshot(self) -> dict:
        return {
            "state": self.state,
            "method": self.method,
            "total_value": self.total_value,
            "needs_bureau": self.needs_bureau,
        }


class DisposalItem(models.Model):
    disposal = models.ForeignKey(
        Disposal, verbose_name="处置申请", on_delete=models.PROTECT, related_name="items"
    )
    asset = models.ForeignKey(
        Asset, verbose_name="资产", on_delete=models.PROTECT, related_name="disposal_items"
    )
    original_value = models.DecimalField("原值（元）", **MONEY)
    previous_status = models.CharField("申请前状态", max_length=16, choices=list(STATUS_LABELS.items()))

    class Meta:
        verbose_name = "处置明细"
        verbose_name_plural = "处置明细"
        ordering = ["disposal", "asset__number"]

    def __str__(self) -> str:
        return f"{self.disposal.number} {self.asset}"


class StockTake(models.Model):
    """年度盘点: the differences found and how each was resolved."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="stocktakes"
    )
    year = models.PositiveIntegerField("年度")
    taken_on = models.DateField("盘点日期")
    team = models.CharField("盘点人员", max_length=255)
    is_closed = models.BooleanField("已结束", default=False)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    summary = models.TextField("盘点结论", blank=True)
    counted = models.PositiveIntegerField("盘点卡片数", default=0)
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "资产盘点"
        verbose_name_plural = "资产盘点"
        ordering = ["department", "-year"]
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="stocktake_one_per_year")]

    def __str__(self) -> str:
        return f"{self.year}年度资产盘点"

    def get_absolute_url(self) -> str:
        return reverse("assets:stocktake-detail", args=[self.pk])


class StockTakeDifference(models.Model):
    stocktake = models.ForeignKey(
        StockTake, verbose_name="盘点", on_delete=models.PROTECT, related_name="differences"
    )
    kind = models.CharField("差异类型", max_length=16, choices=list(DIFF_LABELS.items()))
    asset = models.ForeignKey(
        Asset, verbose_name="资产卡片", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField("差异情况")
    resolution = models.TextField("处理结果", blank=True)
    resolved_on = models.DateField("处理日期", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    new_asset = models.ForeignKey(
        Asset, verbose_name="盘盈登记卡片", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "盘点差异"
        verbose_name_plural = "盘点差异"
        ordering = ["stocktake", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.description[:40]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_on is not None
