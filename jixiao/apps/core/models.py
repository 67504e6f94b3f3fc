"""The audit trail: every state change writes an AuditEvent in the same transaction.

Refused attempts are kept too (RefusalEvent), written outside the refused transaction so
that the refusal itself changes no business data but stays on record as evidence.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.apps.core.append_only import append_only
from jixiao.apps.core.immutable import ImmutableModel


class AuditEvent(ImmutableModel):
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("操作", max_length=64, db_index=True)
    action_label = models.CharField("操作说明", max_length=128)
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_type = models.CharField("对象类型", max_length=64)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    target_label = models.CharField("对象", max_length=255, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    reason = models.TextField("原因/说明", blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        triggers = append_only()
        indexes = [
            models.Index(fields=["department", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action_label} {self.target_label}"


class RefusalEvent(ImmutableModel):
    """An attempt that a business rule refused (超支、串用、关键要素不全、自我审批 …)."""

    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    action = models.CharField("操作", max_length=64)
    error_code = models.CharField("拒绝类型", max_length=64, db_index=True)
    message = models.TextField("拒绝原因")
    details = models.JSONField("明细", null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "被拒绝的操作"
        verbose_name_plural = "被拒绝的操作"
        triggers = append_only()

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.message}"


class ApprovalStep(ImmutableModel):
    """One step of an approval workflow (jixiao.domain.approval): who took which action on which
    request, from and to which state, with the comment and document number. Append-only."""

    workflow = models.CharField("流程", max_length=40)
    object_id = models.PositiveBigIntegerField("申请编号")
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("操作", max_length=40)
    action_label = models.CharField("操作说明", max_length=64)
    from_state = models.CharField("原状态", max_length=40)
    to_state = models.CharField("新状态", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField("办理人角色", max_length=32)
    at = models.DateTimeField("时间")
    comment = models.TextField("意见/原因", blank=True)
    doc_no = models.CharField("批复文号", max_length=100, blank=True)
    checks = models.JSONField("校验", default=list, blank=True)
    effects = models.JSONField("结果", default=list, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "审批步骤"
        verbose_name_plural = "审批步骤"
        indexes = [models.Index(fields=["workflow", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action_label}"


class FormSubmission(models.Model):
    """A one-time form token, claimed by the first post that carries it (core.form_tokens)."""

    token = models.CharField("表单令牌", max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.CASCADE, related_name="+"
    )
    path = models.CharField("地址", max_length=255)
    created_at = models.DateTimeField("提交时间", db_index=True)
    location = models.CharField("处理结果地址", max_length=500, blank=True)

    class Meta:
        verbose_name = "表单提交记录"
        verbose_name_plural = "表单提交记录"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.path}"
