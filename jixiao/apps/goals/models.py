"""Goals (绩效目标), the department's own indicators, the activity record (履职活动) and the
officer's answers to monitoring warnings.

The rules live in the pure domain (jixiao.domain.goals, indicator_library, monitoring); these
tables only store what users entered. ``services.goal_to_domain`` turns a stored goal into a
domain ``Goal``; every state change goes through jixiao.apps.goals.services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from jixiao.domain.goals import GoalKind

MONEY = {"max_digits": 18, "decimal_places": 2}
QUANTITY = {"max_digits": 18, "decimal_places": 4}


class LibraryState(models.TextChoices):
    DRAFT = "draft", "待发布"
    PUBLISHED = "published", "已发布"


class LibraryVersion(models.Model):
    """A finance bureau's own version of an indicator library: the YAML text as uploaded, for one 部门类型
    (or the 共性 library). Once published, new goals of the bureau's departments of that type take it;
    a goal keeps the version it was made with, so a published version is never changed or deleted."""

    KIND_CHOICES = [("type", "部门类型指标库"), ("common", "共性指标库")]

    bureau = models.ForeignKey(
        "orgs.FinanceBureau", verbose_name="财政局", on_delete=models.PROTECT, related_name="library_versions"
    )
    version = models.CharField("版本号", max_length=40)
    kind = models.CharField("类别", max_length=8, choices=KIND_CHOICES, default="type")
    department_type = models.CharField("部门类型", max_length=32, blank=True)
    name = models.CharField("名称", max_length=128, blank=True)
    text = models.TextField("指标库文件内容（YAML）")
    sha256 = models.CharField("SHA-256", max_length=64)
    file_name = models.CharField("上传文件名", max_length=255)
    indicator_count = models.PositiveIntegerField("指标数")
    note = models.TextField("版本说明", blank=True)
    state = models.CharField("状态", max_length=12, choices=LibraryState.choices, default=LibraryState.DRAFT)
    is_demo = models.BooleanField("演示数据", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "指标库版本"
        verbose_name_plural = "指标库版本"
        ordering = ["bureau", "department_type", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "version"], name="library_version_unique"),
            models.CheckConstraint(
                condition=models.Q(state="draft", published_at__isnull=True)
                | models.Q(state="published", published_at__isnull=False),
                name="library_version_published_when_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.version

    @property
    def is_published(self) -> bool:
        return self.state == LibraryState.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("goals:library-version", args=[self.pk])


class CustomIndicator(models.Model):
    """A department's own 三级 indicator, added to its library (the type's and the 共性 one)."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="custom_indicators"
    )
    library_version = models.CharField("基于指标库", max_length=40, blank=True)
    code = models.CharField("指标编码", max_length=40)
    level1 = models.CharField("一级指标", max_length=40)
    level2 = models.CharField("二级指标", max_length=40)
    name = models.CharField("三级指标", max_length=128)
    explanation = models.TextField("指标解释")
    unit = models.CharField("计量单位", max_length=20)
    operator = models.CharField("比较符", max_length=4)
    scoring_rule = models.TextField("评(扣)分标准")
    value_type = models.CharField("指标值类型", max_length=4, default="定量")
    fed_by = models.JSONField("由活动产出累计", default=list, blank=True)
    own_output = models.BooleanField(
        "新增同名活动产出", default=False, help_text="勾选后，履职活动可直接记录以该指标命名的产出数量"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间")

    class Meta:
        verbose_name = "自定义指标"
        verbose_name_plural = "自定义指标"
        ordering = ["department", "code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "code"], name="custom_indicator_code_unique"),
            models.UniqueConstraint(fields=["department", "name"], name="custom_indicator_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def library_item(self) -> dict:
        return {
            "code": self.code,
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "explanation": self.explanation,
            "unit": self.unit,
            "operator": self.operator,
            "scoring_rule": self.scoring_rule,
            "value_type": self.value_type,
            "fed_by": list(self.fed_by or []) + ([self.name] if self.own_output else []),
        }


class GoalState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交（锁定）"


class Goal(models.Model):
    """A 部门整体绩效目标 (kind 部门整体) or a project's goal (kind 项目), laid out like the Hunan table."""

    KIND_CHOICES = [(GoalKind.DEPARTMENT.value, "部门整体绩效目标"), (GoalKind.PROJECT.value, "项目绩效目标")]

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="goals"
    )
    year = models.PositiveIntegerField("年度", db_index=True)
    kind = models.CharField("目标类型", max_length=8, choices=KIND_CHOICES, default=GoalKind.DEPARTMENT.value)
    project = models.ForeignKey(
        "budgets.Project",
        verbose_name="项目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
    )
    duties = models.TextField("部门（单位）职责", blank=True)
    overall_goal = models.TextField("年度总体绩效目标", blank=True)
    # The libraries the goal was made with (the type's, or '' for a type without one, and the 共性
    # one): set when the goal is created and kept, so an old year keeps the version it used.
    library_version = models.CharField("指标库版本", max_length=40, blank=True)
    common_version = models.CharField("共性指标库版本", max_length=40, blank=True)
    state = models.CharField("状态", max_length=12, choices=GoalState.choices, default=GoalState.DRAFT)
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)

    class Meta:
        verbose_name = "绩效目标"
        verbose_name_plural = "绩效目标"
        ordering = ["department", "-year", "kind", "project__code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=GoalKind.PROJECT.value, project__isnull=False)
                    | models.Q(kind=GoalKind.DEPARTMENT.value, project__isnull=True)
                ),
                name="goal_project_iff_project_kind",
            ),
            models.UniqueConstraint(
                fields=["department", "year", "kind", "project"],
                name="goal_one_per_subject",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度{self.title}"

    @property
    def title(self) -> str:
        if self.kind == GoalKind.PROJECT.value and self.project_id:
            return f"项目“{self.project.name}”绩效目标"
        return "部门整体绩效目标"

    @property
    def is_locked(self) -> bool:
        return self.state == GoalState.SUBMITTED

    def get_absolute_url(self) -> str:
        return reverse("goals:goal-detail", args=[self.pk])


class GoalTask(models.Model):
    """年度主要任务 with its budget amount (元): the year's 计划工作, with its 计划完成时间 and whether
    it is a 重点工作 (交办或下达). How it ended is a separate ``TaskCompletion``: the plan stays locked."""

    goal = models.ForeignKey(Goal, verbose_name="绩效目标", on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField("序号", default=0)
    name = models.CharField("任务名称", max_length=128)
    content = models.TextField("主要内容", blank=True)
    fund_type = models.CharField("资金性质", max_length=40, blank=True)
    budget = models.DecimalField("预算金额（元）", **MONEY)
    due_date = models.DateField(
        "计划完成时间", null=True, blank=True, help_text="不填按年底（12月31日）计算完成及时率"
    )
    is_key = models.BooleanField("重点工作（交办或下达）", default=False)

    class Meta:
        verbose_name = "年度主要任务"
        verbose_name_plural = "年度主要任务"
        ordering = ["goal", "order", "id"]

    def __str__(self) -> str:
        return self.name


class GoalIndicator(models.Model):
    """One 三级 indicator row of a goal, as entered."""

    goal = models.ForeignKey(
        Goal, verbose_name="绩效目标", on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveIntegerField("序号", default=0)
    code = models.CharField("指标编码", max_length=40, blank=True)
    level1 = models.CharField("一级指标", max_length=40)
    level2 = models.CharField("二级指标", max_length=40)
    name = models.CharField("三级指标", max_length=128)
    value_type = models.CharField("指标值类型", max_length=4, default="定量")
    operator = models.CharField("比较符", max_length=4, blank=True)
    target = models.CharField("指标值", max_length=64)
    unit = models.CharField("计量单位", max_length=20, blank=True)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2, null=True, blank=True)
    explanation = models.TextField("指标解释", blank=True)
    scoring_rule = models.TextField("评(扣)分标准", blank=True)
    task = models.CharField("关联任务", max_length=128, blank=True)
    note = models.CharField("备注", max_length=255, blank=True)
    progress = models.JSONField("进度曲线", null=True, blank=True)

    class Meta:
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ["goal", "order", "id"]

    def __str__(self) -> str:
        return self.name


class YearEndActual(models.Model):
    """The year-end actual of an indicator no activity feeds (满意度, 时效, 成本 …), typed as the report
    would say it ("96%", "8.5元/人次") with what it rests on. ``value`` is in the indicator's unit;
    a qualitative indicator has its 完成档次 instead. Re-entry replaces it (the audit keeps the old one)."""

    indicator = models.OneToOneField(
        GoalIndicator, verbose_name="绩效指标", on_delete=models.PROTECT, related_name="year_end_actual"
    )
    text = models.CharField("实际完成值", max_length=64)
    value = models.DecimalField("数值（按计量单位）", null=True, blank=True, **QUANTITY)
    unit = models.CharField("计量单位", max_length=20, blank=True)
    qualifier = models.CharField("修饰词", max_length=4, blank=True)
    achievement = models.CharField("完成档次", max_length=8, blank=True)
    evidence = models.TextField("依据/佐证说明")
    is_demo = models.BooleanField("演示数据", default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("录入时间")

    class Meta:
        verbose_name = "年末实际完成值"
        verbose_name_plural = "年末实际完成值"
        ordering = ["indicator__goal", "indicator__order", "indicator__id"]

    def __str__(self) -> str:
        return f"{self.indicator.name}：{self.text}"


class TaskCompletion(models.Model):
    """How one 年度主要任务 ended: done or not, when, whether up to standard, and what shows it."""

    task = models.OneToOneField(
        GoalTask, verbose_name="年度主要任务", on_delete=models.PROTECT, related_name="completion"
    )
    completed = models.BooleanField("已完成", default=False)
    finished_on = models.DateField("完成日期", null=True, blank=True)
    quality_passed = models.BooleanField("质量达标", default=False)
    evidence = models.TextField("完成依据/佐证说明", blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填写人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("填写时间")

    class Meta:
        verbose_name = "年度任务完成情况"
        verbose_name_plural = "年度任务完成情况"
        ordering = ["task__goal", "task__order", "task__id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed=True, finished_on__isnull=False)
                | models.Q(completed=False, finished_on__isnull=True, quality_passed=False),
                name="task_completion_consistent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task.name}：{'已完成' if self.completed else '未完成'}"


class WorkArea(models.Model):
    """A department's work area (工作领域), e.g. a 妇联's 妇女维权 / 巾帼建功 / 关爱帮扶; the usual ones of
    each 部门类型 are in its library's vocabulary."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="work_areas"
    )
    name = models.CharField("工作领域", max_length=40)
    order = models.PositiveIntegerField("序号", default=0)

    class Meta:
        verbose_name = "工作领域"
        verbose_name_plural = "工作领域"
        ordering = ["department", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="work_area_unique")]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """A 履职活动. A record may cover a period (全年开展宣讲20场): its outputs count from ``end_date``."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="activities"
    )
    year = models.PositiveIntegerField("年度", db_index=True)
    date = models.DateField("日期（起）")
    end_date = models.DateField("日期（止）", null=True, blank=True)
    date_text = models.CharField("时间（原文表述）", max_length=40, blank=True, help_text="如“6月中旬”“全年”")
    place = models.CharField("地点", max_length=128, blank=True)
    title = models.CharField("活动名称", max_length=200)
    area = models.ForeignKey(
        WorkArea, verbose_name="工作领域", on_delete=models.PROTECT, related_name="activities"
    )
    partners = models.CharField("合作单位", max_length=255, blank=True, help_text="多个单位用顿号分隔")
    description = models.TextField("活动情况", blank=True, help_text="写入报告“年度主要工作完成情况”")
    results = models.TextField(
        "成果/获奖", blank=True, help_text="取得的成果、获奖及获奖人（单位），写入报告“年度主要工作完成情况”"
    )
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "履职活动"
        verbose_name_plural = "履职活动"
        ordering = ["department", "date", "id"]
        indexes = [models.Index(fields=["department", "year", "date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def counted_on(self):
        """The date from which the activity's outputs count (the end of its period)."""
        return self.end_date or self.date

    @property
    def when(self) -> str:
        if self.date_text:
            return self.date_text
        if self.end_date and self.end_date != self.date:
            return f"{self.date:%Y-%m-%d}至{self.end_date:%Y-%m-%d}"
        return f"{self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("goals:activity-detail", args=[self.pk])


class ActivityOutput(models.Model):
    """A quantified output: number + unit + qualifier (近/约/余/多), feeding the library output ``output_key``.

    An empty ``output_key`` keeps a figure the report states (参赛学生13名) that feeds no indicator.
    """

    activity = models.ForeignKey(
        Activity, verbose_name="履职活动", on_delete=models.CASCADE, related_name="outputs"
    )
    order = models.PositiveIntegerField("序号", default=0)
    output_key = models.CharField("计入产出", max_length=64, blank=True)
    label = models.CharField("说明", max_length=64, blank=True)
    value = models.DecimalField("数量", **QUANTITY)
    unit = models.CharField("单位", max_length=20)
    qualifier = models.CharField("修饰词", max_length=4, blank=True)
    notation = models.CharField("写法", max_length=16, default="auto")

    class Meta:
        verbose_name = "活动产出"
        verbose_name_plural = "活动产出"
        ordering = ["activity", "order", "id"]

    def __str__(self) -> str:
        return self.text

    def quantity(self):
        from jixiao.domain.quantity import Notation, Quantity

        return Quantity(self.value, self.unit, self.qualifier, Notation(self.notation))

    @property
    def text(self) -> str:
        return self.quantity().text()


class Evidence(models.Model):
    """A photo or document proving an activity. Stored under MEDIA_ROOT with a random name, served
    only through the permission-checked view."""

    activity = models.ForeignKey(
        Activity, verbose_name="履职活动", on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField("文件", upload_to="evidence/%Y/")
    original_name = models.CharField("原文件名", max_length=255)
    kind = models.CharField("类型", max_length=10)
    content_type = models.CharField("MIME类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["activity", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind in ("jpg", "png")


class WarningResponse(models.Model):
    """偏差原因 and 纠偏措施 the officer records for one monitoring warning at one date."""

    goal = models.ForeignKey(
        Goal, verbose_name="绩效目标", on_delete=models.PROTECT, related_name="responses"
    )
    as_of = models.DateField("监控日期")
    key = models.CharField("预警", max_length=200)
    message = models.TextField("预警内容")
    cause = models.TextField("偏差原因")
    measures = models.TextField("纠偏措施")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填写人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("填写时间")

    class Meta:
        verbose_name = "预警处理"
        verbose_name_plural = "预警处理"
        ordering = ["goal", "as_of", "key"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "as_of", "key"], name="warning_response_unique")
        ]

    def __str__(self) -> str:
        return f"{self.as_of} {self.key}"


class GoalProgressSummary(models.Model):
    """The finance bureau overview's reading of one department's overall goal at one date (indicators
    met, 双监控 warnings), stored under a digest of everything it was computed from.

    Derived data, like the budget lines' running totals: nobody enters or edits it, so it is not
    audited. ``goals.overview`` writes a row when it evaluates a department whose inputs it has not
    seen, and reads it back on later requests in any process; any change to those inputs (indicator
    rows, the department's own indicators, activity outputs, budget totals, thresholds, the date,
    the program's evaluation version) makes a new digest, and the department's older rows are deleted.
    """

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    as_of = models.DateField("截至日期")
    digest = models.CharField("数据摘要", max_length=64, unique=True)
    progress = models.JSONField("目标完成和预警")
    computed_at = models.DateTimeField("计算时间", auto_now_add=True)

    class Meta:
        verbose_name = "目标监控结果（派生）"
        verbose_name_plural = "目标监控结果（派生）"
        indexes = [models.Index(fields=["department", "year"], name="goal_progress_dept_year")]

    def __str__(self) -> str:
        return f"{self.department_id} {self.year} {self.as_of}"
