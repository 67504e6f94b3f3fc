"""A report draft per department-year, and its versions.

Every saved edit (a narrative paragraph, the confirmed problems and suggestions) writes a new
``DraftVersion`` holding the whole editable state; earlier versions stay as they were, so any
two can be compared. Figures are never stored here: they are recomputed from the ledgers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class ReportDraft(models.Model):
    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="report_drafts"
    )
    year = models.PositiveIntegerField("年度")
    created_at = models.DateTimeField("创建时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "评价报告草稿"
        verbose_name_plural = "评价报告草稿"
        ordering = ["department", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="report_draft_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年度{self.department.name}整体支出绩效评价报告"

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", args=[self.pk])

    @property
    def latest(self) -> DraftVersion | None:
        return self.versions.order_by("-number").first()


class DraftVersion(models.Model):
    draft = models.ForeignKey(
        ReportDraft, verbose_name="报告草稿", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    narratives = models.JSONField("叙述段落", default=dict)
    problems = models.JSONField("确认的问题", default=list, help_text='[{"kind": "…", "text": "…"}]')
    suggestions = models.JSONField("确认的建议", default=list, help_text='[{"heading": "…", "items": ["…"]}]')
    judgements = models.JSONField(
        "人工评分与检查项",
        default=dict,
        blank=True,
        help_text='{"checklist": [{"row_key", "item_key", "met", "evidence"}], "manual": [{"row_key", "evidence", "score"|"level"}]}',
    )
    confirmed = models.BooleanField("问题和建议已确认", default=False)
    change = models.CharField("修改说明", max_length=255, blank=True)
    created_at = models.DateTimeField("保存时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="保存人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "报告版本"
        verbose_name_plural = "报告版本"
        ordering = ["draft", "-number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.draft} 第{self.number}版"


class OutlineChoice(models.Model):
    """The report outline a finance bureau asks for, from a year on (``jixiao/data/report/outlines``).

    A department's report for a year uses its bureau's latest choice valid in that year; with no
    choice, the default outline (the seed's seven parts)."""

    bureau = models.ForeignKey(
        "orgs.FinanceBureau", verbose_name="财政局", on_delete=models.PROTECT, related_name="outline_choices"
    )
    valid_from = models.PositiveIntegerField("起始年度")
    outline = models.CharField("报告提纲", max_length=40)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField("设置时间")

    class Meta:
        verbose_name = "报告提纲选择"
        verbose_name_plural = "报告提纲选择"
        ordering = ["bureau", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "valid_from"], name="outline_choice_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.bureau.name}自{self.valid_from}年起：{self.outline}"
