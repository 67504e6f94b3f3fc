"""Report submissions to the finance bureau, their review comments, and what gets published.

A submission is an immutable SNAPSHOT (document JSON with stable paragraph ids, the .docx bytes,
the text, the HTML and the key figures at the moment of submission). Only its review fields
(state, who decided, when) change afterwards, and only through oversight.services.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models

from jixiao.apps.core.append_only import append_only
from jixiao.domain.approval import Workflow
from jixiao.domain.oversight import SCORE_BASIS_LABELS, effective_grade
from jixiao.domain.review import STATE_LABELS, ReviewState, review_status, review_workflow, version_label
from jixiao.domain.scoring import points_text

SNAPSHOT_FIELDS = (
    "department_id",
    "year",
    "version",
    "source",
    "title",
    "document",
    "paragraphs",
    "docx",
    "text",
    "html",
    "figures",
    "original_name",
    "original",
    "findings",
    "check_summary",
    "self_score",
    "self_grade",
    "score_basis",
)


def new_public_slug() -> str:
    return secrets.token_urlsafe(18)


class ReportSubmission(models.Model):
    """One version (第N版) of a department's report, on the approval mechanism
    (jixiao.apps.core.approval) as the workflow ``report_review``: its state moves only through
    ``approval_advance``, which records each step as an ApprovalStep and an AuditEvent. The
    submitter is the request's creator, so nobody reviews what they submitted or uploaded."""

    workflow_key: ClassVar[str] = "report_review"

    class Source(models.TextChoices):
        JIXIAO = "jixiao", "系统内编制"
        UPLOAD = "upload", "系统外编写（财政局上传）"

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="report_submissions"
    )
    year = models.PositiveIntegerField("年度")
    version = models.PositiveIntegerField("版本")
    source = models.CharField("来源", max_length=16, choices=Source.choices, default=Source.JIXIAO)
    state = models.CharField(
        "状态",
        max_length=16,
        choices=[(s.value, STATE_LABELS[s]) for s in ReviewState],
        default=ReviewState.SUBMITTED,
    )
    title = models.CharField("标题", max_length=255)
    # The snapshot: written once at submission, never updated.
    document = models.JSONField("报告结构", null=True, blank=True)
    paragraphs = models.JSONField("段落", default=list)
    docx = models.BinaryField("Word文档", blank=True, default=b"")
    text = models.TextField("文本", blank=True)
    html = models.TextField("HTML", blank=True)
    figures = models.JSONField("提交时的关键数据", default=dict)
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    original = models.BinaryField("原文件", blank=True, default=b"")
    findings = models.JSONField("体检发现", default=list)
    check_summary = models.JSONField("体检摘要", default=dict)
    # The self-evaluation score the report gives, read once at submission (the finance bureau's
    # overview shows it without scoring every department again); empty when the report has none.
    self_score = models.DecimalField("自评得分", max_digits=5, decimal_places=2, null=True, blank=True)
    self_grade = models.CharField(
        "自评等级", max_length=2, blank=True, help_text="报告写明的等级；未写明时为空，按得分区间确定"
    )
    score_basis = models.CharField(
        "得分来源",
        max_length=16,
        blank=True,
        choices=[(basis.value, label) for basis, label in SCORE_BASIS_LABELS.items()],
    )
    # Review fields.
    public_slug = models.CharField("公开编号", max_length=40, unique=True, default=new_public_slug)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("提交时间")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    return_reason = models.TextField("退回理由（单位可见）", blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", verbose_name="替代版本", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("最近办理时间", null=True, blank=True)

    class Meta:
        verbose_name = "报告提交"
        verbose_name_plural = "报告提交"
        # The snapshot never changes in the database either; decisions are written once.
        triggers = append_only(
            frozen=[*SNAPSHOT_FIELDS, "public_slug", "submitted_by_id", "submitted_at"],
            write_once=["decided_by_id", "decided_at", "published_by_id", "published_at", "superseded_by_id"],
        )
        ordering = ["-year", "department", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "version"], name="submission_version_unique"
            )
        ]
        indexes = [
            models.Index(fields=["state", "year"], name="submission_state_year"),
            # The overview reads each department's latest version and its score from this index
            # alone: the snapshot columns make the table rows large.
            models.Index(
                fields=[
                    "year",
                    "department",
                    "version",
                    "state",
                    "source",
                    "self_score",
                    "self_grade",
                    "score_basis",
                ],
                name="submission_latest_score",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.year}年度报告 第{self.version}版"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[ReviewState(self.state)]

    @property
    def version_label(self) -> str:
        return version_label(self.version)

    @property
    def status_text(self) -> str:
        """ "已提交财政局审核（第2版），等待财政局审核" and the like (jixiao.domain.review)."""
        return review_status(self.state, self.version, reason=self.return_reason)

    @property
    def is_with_bureau(self) -> bool:
        return self.state in (ReviewState.SUBMITTED, ReviewState.ACCEPTED)

    # --- what the approval mechanism (jixiao.apps.core.approval) reads of a request

    @classmethod
    def workflow(cls) -> Workflow:
        return review_workflow()

    @property
    def created_by_id(self) -> int:
        return self.submitted_by_id

    @property
    def is_open(self) -> bool:
        return not self.workflow().is_closed(self.state)

    def approval_flags(self) -> frozenset[str]:
        return frozenset()

    def approval_department(self):
        return self.department

    def snapshot(self) -> dict:
        return {"state": self.state, "version": self.version}

    @property
    def self_score_text(self) -> str:
        """'86.5分 良'; '92分 优（按得分确定等级）'; or why there is none."""
        if self.self_score is None:
            return "未自评（报告中未找到自评得分）"
        grade = effective_grade(self.self_score, self.self_grade)
        return f"{points_text(self.self_score)}分 {grade}" + ("" if self.self_grade else "（按得分确定等级）")

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "warning")


class ReviewComment(models.Model):
    """A reviewer's comment on one paragraph of one submission (by its stable paragraph id)."""

    submission = models.ForeignKey(
        ReportSubmission, verbose_name="报告", on_delete=models.PROTECT, related_name="comments"
    )
    paragraph_id = models.CharField("段落", max_length=32)
    paragraph_text = models.TextField("段落原文", blank=True)
    text = models.TextField("意见")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提出人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission} {self.paragraph_id}：{self.text[:20]}"
