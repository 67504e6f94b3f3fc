"""专项 lifecycle records: the application, expert reviews, the implementation plan with its
milestones, inspections at milestones, and 科普示范基地.

The stage lives in one place, ``budgets.Project.stage``, which the money core reads to decide
whether the project may hold budget lines and pay. A SpecialProject is the 专项's file (档案)
around that Project; it changes only through jixiao.apps.projects.services.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from jixiao.domain.approval import Workflow
from jixiao.domain.projects import CONCLUSION_LABELS, NextStep, next_step, project_workflow

MONEY = {"max_digits": 18, "decimal_places": 2}
CONCLUSION_CHOICES = [("", "尚未作出"), *CONCLUSION_LABELS.items()]


class SpecialProject(models.Model):
    """The 专项's file. Its decisions (立项, 不予立项, 完成验收) run on the approval mechanism
    (jixiao.apps.core.approval) as the workflow ``special_project``: its state there is the
    project's stage (budgets.Project.stage, the one field the money core reads), its creator the
    applicant, so a head never decides 立项 on a project they applied for."""

    workflow_key: ClassVar[str] = "special_project"

    project = models.OneToOneField(
        "budgets.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="special"
    )
    # 申报
    basis = models.TextField("立项依据")
    content = models.TextField("项目内容")
    requested_amount = models.DecimalField("申报预算（元）", **MONEY)
    goal_summary = models.TextField("绩效目标")
    indicators = models.JSONField("绩效指标", default=list, blank=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申报人", on_delete=models.PROTECT, related_name="+"
    )
    applied_on = models.DateField("申报日期")
    # 论证
    review_conclusion = models.CharField("论证结论", max_length=8, choices=CONCLUSION_CHOICES, blank=True)
    review_concluded_on = models.DateField("论证日期", null=True, blank=True)
    review_summary = models.TextField("论证综合意见", blank=True)
    # 立项 / 未立项
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="立项审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField("立项审批日期", null=True, blank=True)
    approval_doc_no = models.CharField("立项批复文号", max_length=100, blank=True)
    approved_amount = models.DecimalField("立项预算（元）", null=True, blank=True, **MONEY)
    rejection_reason = models.TextField("不予立项理由", blank=True)
    # 实施
    responsible_person = models.CharField("实施责任人", max_length=64, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    plan_start = models.DateField("实施开始", null=True, blank=True)
    plan_end = models.DateField("实施结束", null=True, blank=True)
    plan_summary = models.TextField("实施方案", blank=True)
    # 完成验收
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="验收人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_on = models.DateField("验收日期", null=True, blank=True)
    acceptance_opinion = models.TextField("验收意见", blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间")

    class Meta:
        verbose_name = "专项"
        verbose_name_plural = "专项"
        ordering = ["-project__year", "project__code"]

    def __str__(self) -> str:
        return f"{self.project.year}年 {self.project.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project-detail", args=[self.pk])

    @property
    def stage(self) -> str:
        return self.project.stage

    @property
    def department(self):
        return self.project.department

    @property
    def average_score(self) -> Decimal | None:
        from jixiao.domain.projects import average_score

        return average_score(r.score for r in self.reviews.all())

    # --- what the approval mechanism reads and writes of a request

    @classmethod
    def workflow(cls) -> Workflow:
        return project_workflow()

    @property
    def state(self) -> str:
        return self.project.stage

    @state.setter
    def state(self, value: str) -> None:
        self.project.stage = value
        self._stage_moved = True

    @property
    def created_by_id(self) -> int:
        return self.applicant_id

    @property
    def state_label(self) -> str:
        return self.workflow().state_label(self.state)

    def approval_flags(self) -> frozenset[str]:
        return frozenset()

    def approval_department(self):
        return self.project.department

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if getattr(self, "_stage_moved", False):
            # The stage lives on the project (the money core's gate), written with the file.
            type(self.project).objects.filter(pk=self.project_id).update(stage=self.project.stage)
            self._stage_moved = False

    @property
    def next_step(self) -> NextStep:
        """What comes next and who takes it ("下一步：部门负责人作出立项决定…")."""
        ready = (
            self.project.stage == "inspecting"
            and not self.milestones.filter(done_on__isnull=True).exists()
            and self.inspections.exists()
            and not self.inspections.filter(closed_on__isnull=True).exists()
        )
        return next_step(self.project.stage, conclusion=self.review_conclusion, ready_for_acceptance=ready)

    def snapshot(self) -> dict:
        return {
            "stage": self.project.stage,
            "review_conclusion": self.review_conclusion,
            "approved_amount": self.approved_amount,
            "responsible_person": self.responsible_person,
            "plan": [self.plan_start, self.plan_end],
        }


class ProjectReview(models.Model):
    """One expert's (or the committee's) review opinion during 论证."""

    special = models.ForeignKey(
        SpecialProject, verbose_name="专项", on_delete=models.PROTECT, related_name="reviews"
    )
    reviewer = models.CharField("评审专家", max_length=64)
    reviewer_title = models.CharField("单位/职称", max_length=128, blank=True)
    score = models.DecimalField("评分", max_digits=5, decimal_places=1)
    opinion = models.TextField("评审意见")
    recommendation = models.CharField("建议", max_length=8, choices=list(CONCLUSION_LABELS.items()))
    reviewed_on = models.DateField("评审日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "论证意见"
        verbose_name_plural = "论证意见"
        ordering = ["reviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.reviewer} {self.score}分"


class Milestone(models.Model):
    special = models.ForeignKey(
        SpecialProject, verbose_name="专项", on_delete=models.PROTECT, related_name="milestones"
    )
    seq = models.PositiveSmallIntegerField("序号")
    name = models.CharField("关键节点", max_length=128)
    due = models.DateField("计划日期")
    done_on = models.DateField("完成日期", null=True, blank=True)
    done_note = models.TextField("完成情况", blank=True)

    class Meta:
        verbose_name = "关键节点"
        verbose_name_plural = "关键节点"
        ordering = ["special", "seq"]

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    """督查: a check at a milestone, its findings, the rectification and the closure (销号)."""

    special = models.ForeignKey(
        SpecialProject, verbose_name="专项", on_delete=models.PROTECT, related_name="inspections"
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name="关键节点",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    inspected_on = models.DateField("督查日期")
    inspectors = models.CharField("督查人员", max_length=255)
    findings = models.TextField("督查发现")
    needs_rectification = models.BooleanField("需要整改", default=False)
    rectification_due = models.DateField("整改期限", null=True, blank=True)
    rectification = models.TextField("整改情况", blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="销号人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "督查记录"
        verbose_name_plural = "督查记录"
        ordering = ["inspected_on", "id"]

    def __str__(self) -> str:
        return f"{self.inspected_on} 督查"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class DemonstrationBase(models.Model):
    """科普示范基地: selected by application, on-site inspection and quota confirmation."""

    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="认定单位",
        on_delete=models.PROTECT,
        related_name="demonstration_bases",
    )
    name = models.CharField("基地名称", max_length=128)
    kind = models.CharField("主体类型", max_length=64, default="农民专业合作社")
    field = models.CharField("科普领域", max_length=128, blank=True)
    town = models.CharField("所在乡镇", max_length=64, blank=True)
    year = models.PositiveIntegerField("认定年度")
    selection = models.TextField("遴选过程", blank=True)
    special = models.ForeignKey(
        SpecialProject,
        verbose_name="相关专项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demonstration_bases",
    )
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "科普示范基地"
        verbose_name_plural = "科普示范基地"
        ordering = ["department", "year", "name"]
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="demo_base_unique_name")]

    def __str__(self) -> str:
        return self.name
