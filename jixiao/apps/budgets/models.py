"""Budget lines, the append-only ledger of budget moves, expenditure vouchers, 调剂 requests,
commitments (预占) and 用款申请, the prior-year summary and the bureaus' warning thresholds.

Balances are sums over the ledger; each BudgetLine also keeps running totals that are
updated in the same transaction as the ledger row, under a row lock, so reads are cheap and
a test proves they equal the ledger sums. A commitment moves the line's ``committed`` total
through the same ledger (预占 and 释放预占 rows).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from jixiao.apps.core.append_only import append_only
from jixiao.apps.core.approval import ApprovalRecord
from jixiao.apps.core.immutable import ImmutableModel
from jixiao.domain.approval import load_workflow
from jixiao.domain.budget_control import BudgetLineView, ControlKey, LineBalance
from jixiao.domain.classification import (
    FUND_TYPE_LABELS,
    FundType,
    default_fund_source,
    economic_name,
    function_name,
    fund_source,
    fund_source_name,
    is_fund_source,
)

MONEY = {"max_digits": 18, "decimal_places": 2}
ZERO = Decimal("0.00")

FUND_TYPE_CHOICES = [(ft.value, FUND_TYPE_LABELS[ft]) for ft in FundType]


def _default_source() -> str:
    return default_fund_source()


def validate_fund_source(value: str) -> None:
    """The 资金来源 list is data (fund-sources.yaml, it grows without a migration): checked here,
    not as choices."""
    if not is_fund_source(value):
        raise ValidationError(f"未知的资金来源：{value}")


class ProjectStage(models.TextChoices):
    """专项 lifecycle stage. Only projects from 立项 on may hold budget lines and pay."""

    APPLIED = "applied", "申报"
    REVIEWED = "reviewed", "论证"
    APPROVED = "approved", "立项"
    IMPLEMENTING = "implementing", "实施"
    INSPECTING = "inspecting", "督查"
    COMPLETED = "completed", "完成验收"
    REJECTED = "rejected", "未立项"


PAYABLE_STAGES = {ProjectStage.APPROVED, ProjectStage.IMPLEMENTING, ProjectStage.INSPECTING}
FUNDABLE_STAGES = PAYABLE_STAGES | {ProjectStage.COMPLETED}


class Project(models.Model):
    """A 项目 (专项) of a department; project budget lines belong to exactly one project.

    A project entered straight from the approved budget starts at 立项; the 专项 lifecycle
    (jixiao.apps.projects) moves it through 申报 → 论证 → 立项 → 实施 → 督查 → 完成验收.
    """

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="projects"
    )
    year = models.PositiveIntegerField("年度")
    code = models.CharField("项目编码", max_length=40)
    name = models.CharField("项目名称", max_length=128)
    is_key = models.BooleanField(
        "重点项目", default=False, help_text="与部门主要职责密切相关、社会关注度高的重点项目支出"
    )
    description = models.TextField("项目内容", blank=True)
    stage = models.CharField(
        "阶段", max_length=20, choices=ProjectStage.choices, default=ProjectStage.APPROVED
    )

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["department", "year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "code"], name="project_code_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_payable(self) -> bool:
        return self.stage in PAYABLE_STAGES


class BudgetLine(models.Model):
    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="budget_lines"
    )
    year = models.PositiveIntegerField("年度", db_index=True)
    func_code = models.CharField("功能分类", max_length=13)
    fund_type = models.CharField("支出性质", max_length=20, choices=FUND_TYPE_CHOICES)
    project = models.ForeignKey(
        Project,
        verbose_name="项目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    econ_code = models.CharField("经济分类", max_length=8)
    fund_source = models.CharField(
        "资金来源", max_length=32, default=_default_source, validators=[validate_fund_source]
    )
    name = models.CharField("指标名称", max_length=128, blank=True)
    doc_no = models.CharField("指标文号", max_length=100, blank=True)
    # Running totals (元), updated with each ledger row in the same transaction.
    allocated = models.DecimalField("年初预算", default=ZERO, **MONEY)
    adjusted = models.DecimalField("追加追减", default=ZERO, **MONEY)
    transferred_in = models.DecimalField("调入", default=ZERO, **MONEY)
    transferred_out = models.DecimalField("调出", default=ZERO, **MONEY)
    spent = models.DecimalField("已支出", default=ZERO, **MONEY)
    committed = models.DecimalField("已预占", default=ZERO, **MONEY)

    class Meta:
        verbose_name = "预算指标"
        verbose_name_plural = "预算指标"
        ordering = [
            "department",
            "year",
            "fund_type",
            "project__code",
            "func_code",
            "econ_code",
            "fund_source",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "department",
                    "year",
                    "func_code",
                    "fund_type",
                    "project",
                    "econ_code",
                    "fund_source",
                ],
                name="budget_line_key_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=models.Q(committed__gte=0), name="budget_line_committed_non_negative"
            ),
            # Spent plus reserved never exceeds the budget, whatever path writes the row.
            models.CheckConstraint(
                condition=models.Q(
                    allocated__gte=models.F("spent")
                    + models.F("committed")
                    - models.F("adjusted")
                    - models.F("transferred_in")
                    + models.F("transferred_out")
                ),
                name="budget_line_never_overdrawn",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(fund_type="project", project__isnull=False)
                    | models.Q(~models.Q(fund_type="project"), project__isnull=True)
                ),
                name="budget_line_project_iff_project_fund",
            ),
        ]
        indexes = [models.Index(fields=["department", "year", "fund_type"])]

    def __str__(self) -> str:
        return self.label

    @property
    def fund(self) -> FundType:
        return FundType(self.fund_type)

    @property
    def source(self):
        return fund_source(self.fund_source)

    @property
    def source_label(self) -> str:
        return fund_source_name(self.fund_source)

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        parts = [FUND_TYPE_LABELS[self.fund]]
        if self.project_id:
            parts.append(self.project.name)
        parts.append(f"{self.econ_code}{economic_name(self.econ_code) or ''}")
        if self.fund_source != default_fund_source():
            parts.append(self.source_label)
        return "·".join(parts)

    @property
    def func_label(self) -> str:
        return f"{self.func_code} {function_name(self.func_code) or ''}".strip()

    @property
    def econ_label(self) -> str:
        return f"{self.econ_code} {economic_name(self.econ_code) or ''}".strip()

    def control_key(self) -> ControlKey:
        return ControlKey(
            year=self.year,
            department=self.department.code,
            func_code=self.func_code,
            fund_type=self.fund,
            project=self.project.code if self.project_id else None,
            econ_code=self.econ_code,
            fund_source=self.fund_source,
        )

    def balance(self) -> LineBalance:
        return LineBalance(
            allocated=self.allocated,
            adjusted=self.adjusted,
            transferred_in=self.transferred_in,
            transferred_out=self.transferred_out,
            spent=self.spent,
            committed=self.committed,
        )

    def to_domain(self) -> BudgetLineView:
        return BudgetLineView(key=self.control_key(), label=self.label, balance=self.balance())

    @property
    def budget(self) -> Decimal:
        return self.balance().budget

    @property
    def available(self) -> Decimal:
        return self.balance().available

    def get_absolute_url(self) -> str:
        return reverse("budgets:line-detail", args=[self.pk])


class LedgerKind(models.TextChoices):
    INITIAL = "initial", "年初预算"
    ADJUSTMENT = "adjustment", "追加/追减"
    TRANSFER_IN = "transfer_in", "调剂调入"
    TRANSFER_OUT = "transfer_out", "调剂调出"
    EXPENDITURE = "expenditure", "支出"
    REVERSAL = "reversal", "红字冲销"
    COMMIT = "commit", "预占"
    RELEASE = "release", "释放预占"


# Which running total each ledger kind moves (a reversal moves "spent" with a negative amount,
# a release moves "committed" with a negative amount).
LEDGER_FIELD = {
    LedgerKind.INITIAL: "allocated",
    LedgerKind.ADJUSTMENT: "adjusted",
    LedgerKind.TRANSFER_IN: "transferred_in",
    LedgerKind.TRANSFER_OUT: "transferred_out",
    LedgerKind.EXPENDITURE: "spent",
    LedgerKind.REVERSAL: "spent",
    LedgerKind.COMMIT: "committed",
    LedgerKind.RELEASE: "committed",
}


class LedgerEntry(ImmutableModel):
    """One budget move. Append-only: never edited, never deleted."""

    line = models.ForeignKey(
        BudgetLine, verbose_name="预算指标", on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField("类型", max_length=20, choices=LedgerKind.choices)
    amount = models.DecimalField("金额（元）", **MONEY)
    date = models.DateField("日期")
    voucher = models.ForeignKey(
        "Voucher",
        verbose_name="凭证",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    transfer = models.ForeignKey(
        "TransferRequest",
        verbose_name="调剂",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    commitment = models.ForeignKey(
        "Commitment",
        verbose_name="预占",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    doc_no = models.CharField("文号", max_length=100, blank=True)
    memo = models.CharField("说明", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记账人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("记账时间")

    class Meta:
        verbose_name = "预算账簿记录"
        verbose_name_plural = "预算账簿记录"
        triggers = append_only()
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["line", "kind"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.amount}"


class Voucher(ImmutableModel):
    """An expenditure voucher (支出凭证). A reversal is a new voucher with a negative amount."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="vouchers"
    )
    year = models.PositiveIntegerField("年度")
    date = models.DateField("日期")
    number = models.CharField("凭证号", max_length=40)
    summary = models.CharField("摘要", max_length=255)
    payee = models.CharField("收款人", max_length=128, blank=True)
    amount = models.DecimalField("金额（元）", **MONEY)
    line = models.ForeignKey(
        BudgetLine, verbose_name="支付指标", on_delete=models.PROTECT, related_name="vouchers"
    )
    func_code = models.CharField("功能分类", max_length=13)
    econ_code = models.CharField("经济分类", max_length=8, db_index=True)
    fund_type = models.CharField("支出性质", max_length=20, choices=FUND_TYPE_CHOICES)
    fund_source = models.CharField(
        "资金来源", max_length=32, default=_default_source, validators=[validate_fund_source]
    )
    project = models.ForeignKey(
        Project, verbose_name="项目", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commitment = models.ForeignKey(
        "Commitment",
        verbose_name="核销的预占",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    reversal_of = models.OneToOneField(
        "self",
        verbose_name="冲销的凭证",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间")

    class Meta:
        verbose_name = "支出凭证"
        verbose_name_plural = "支出凭证"
        triggers = append_only()
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "number"], name="voucher_number_unique")
        ]
        indexes = [
            # The voucher list (1,000,000 vouchers a department-year): its page, newest first with
            # id as the tie-break, is read in index order, and the count and 合计 of a date range
            # from the index alone, without visiting the table. The same for one line.
            models.Index(fields=["department", "year", "date", "id", "amount"], name="voucher_list_dept"),
            models.Index(fields=["line", "date", "id", "amount"], name="voucher_list_line"),
            # The oversight page sums 三公 by 经济分类 across every department of a year.
            models.Index(fields=["year", "econ_code", "department", "amount"], name="voucher_year_econ_dept"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.summary}"

    def get_absolute_url(self) -> str:
        return reverse("budgets:voucher-detail", args=[self.pk])

    @property
    def is_reversal(self) -> bool:
        return self.reversal_of_id is not None

    @property
    def econ_label(self) -> str:
        return f"{self.econ_code} {economic_name(self.econ_code) or ''}".strip()

    @property
    def source_label(self) -> str:
        return fund_source_name(self.fund_source)


class SpendingSummary(models.Model):
    """What a department spent in a year on one 经济分类: the sum and count of its vouchers.

    Written only by the database (a trigger on every voucher insert, in the inserting
    transaction, so it is never behind the ledger and COPY keeps it too); the oversight pages
    read these few rows instead of scanning millions of vouchers. See budgets migration 0009.
    """

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    econ_code = models.CharField("经济分类", max_length=8)
    amount = models.DecimalField("支出合计（元）", default=ZERO, **MONEY)
    vouchers = models.PositiveIntegerField("凭证张数", default=0)

    class Meta:
        verbose_name = "单位年度支出汇总"
        verbose_name_plural = "单位年度支出汇总"
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "econ_code"], name="spending_summary_unique"
            )
        ]
        indexes = [models.Index(fields=["year", "econ_code"], name="spending_summary_year_econ")]

    def __str__(self) -> str:
        return f"{self.department_id} {self.year} {self.econ_code} {self.amount}"


# The states of 调剂 as choices (TransferState.EXECUTED …), read from its workflow: one list.
TransferState = models.TextChoices(
    "TransferState", [(key.upper(), (key, label)) for key, label in load_workflow("transfer").states.items()]
)


class TransferRequest(ApprovalRecord):
    """调剂申请 on the approval mechanism (workflow transfer, jixiao/data/workflows/transfer.yaml).
    Its state only changes through the transfer_* services in budgets.services; who did what and
    when is its approval history (core.ApprovalStep)."""

    workflow_key = "transfer"

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="transfers"
    )
    year = models.PositiveIntegerField("年度")
    number = models.CharField("申请编号", max_length=40)
    source = models.ForeignKey(
        BudgetLine, verbose_name="调出指标", on_delete=models.PROTECT, related_name="transfers_out"
    )
    target = models.ForeignKey(
        BudgetLine, verbose_name="调入指标", on_delete=models.PROTECT, related_name="transfers_in"
    )
    amount = models.DecimalField("金额（元）", **MONEY)
    reason = models.TextField("调剂理由")
    needs_bureau = models.BooleanField("需财政局审批", default=False)
    doc_no = models.CharField("批复文号", max_length=100, blank=True)
    executed_on = models.DateField("执行日期", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "预算调剂"
        verbose_name_plural = "预算调剂"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "number"], name="transfer_number_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="transfer_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"调剂{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("budgets:transfer-detail", args=[self.pk])

    def approval_flags(self) -> frozenset[str]:
        return frozenset({"needs_bureau"}) if self.needs_bureau else frozenset()

    def snapshot(self) -> dict:
        return {
            "state": self.state,
            "amount": str(self.amount),
            "source": self.source_id,
            "target": self.target_id,
            "needs_bureau": self.needs_bureau,
            "doc_no": self.doc_no,
        }


SANGONG_ITEM_CHOICES = [
    ("abroad", "因公出国（境）费"),
    ("reception", "公务接待费"),
    ("vehicle_running", "公务用车运行维护费"),
    ("vehicle_purchase", "公务用车购置费"),
]


class SanGongBudget(models.Model):
    """The approved “三公”经费 budget (控制数) of one item for a department-year."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="sangong_budgets"
    )
    year = models.PositiveIntegerField("年度")
    item = models.CharField("项目", max_length=20, choices=SANGONG_ITEM_CHOICES)
    amount = models.DecimalField("预算数（元）", **MONEY)
    doc_no = models.CharField("批复文号", max_length=100, blank=True)

    class Meta:
        verbose_name = "“三公”经费预算"
        verbose_name_plural = "“三公”经费预算"
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "item"], name="sangong_budget_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="sangong_budget_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.year} {self.get_item_display()}"


class YearSettlement(models.Model):
    """决算补充信息 of a department-year: the two figures the ledger cannot know by itself.

    上年结转结余 comes from the previous year's 决算 (年末结转和结余); 政府采购预算 from the
    approved 部门预算 (政府采购预算表). The year-end balance and the procurement actual are not
    entered: they follow from the ledger and from the procurement records.
    """

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="settlements"
    )
    year = models.PositiveIntegerField("年度")
    carry_over_start = models.DecimalField("上年结转结余（元）", **MONEY)
    procurement_budget = models.DecimalField("政府采购预算（元）", **MONEY)
    source = models.CharField("数据来源", max_length=255, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("填报时间")

    class Meta:
        verbose_name = "决算补充信息"
        verbose_name_plural = "决算补充信息"
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="settlement_unique"),
            models.CheckConstraint(
                condition=models.Q(carry_over_start__gte=0, procurement_budget__gte=0),
                name="settlement_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.year}年决算补充信息"

    def snapshot(self) -> dict:
        return {
            "carry_over_start": str(self.carry_over_start),
            "procurement_budget": str(self.procurement_budget),
            "source": self.source,
        }


class ProcurementMethod(models.TextChoices):
    OPEN_TENDER = "open_tender", "公开招标"
    INVITED_TENDER = "invited_tender", "邀请招标"
    NEGOTIATION = "negotiation", "竞争性谈判"
    CONSULTATION = "consultation", "竞争性磋商"
    SINGLE_SOURCE = "single_source", "单一来源采购"
    INQUIRY = "inquiry", "询价"
    FRAMEWORK = "framework", "框架协议采购"
    E_MALL = "e_mall", "电子卖场（网上商城）"


class ProcurementRecord(models.Model):
    """One 政府采购 contract of the year. Recorded once; a wrong record is cancelled (作废) with a
    reason, never edited, so the actual procurement amount is always traceable."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="procurements"
    )
    year = models.PositiveIntegerField("年度")
    date = models.DateField("合同签订日期")
    contract_no = models.CharField("合同编号", max_length=64)
    item = models.CharField("采购项目", max_length=128)
    method = models.CharField("采购方式", max_length=20, choices=ProcurementMethod.choices)
    amount = models.DecimalField("合同金额（元）", **MONEY)
    line = models.ForeignKey(
        BudgetLine,
        verbose_name="资金来源指标",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间")
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作废人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cancelled_at = models.DateTimeField("作废时间", null=True, blank=True)
    cancel_reason = models.CharField("作废原因", max_length=255, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="关闭人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    close_reason = models.CharField("关闭说明", max_length=255, blank=True)

    class Meta:
        verbose_name = "政府采购记录"
        verbose_name_plural = "政府采购记录"
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "contract_no"], name="procurement_contract_unique"
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="procurement_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.contract_no} {self.item}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def open_commitment(self) -> Commitment | None:
        return self.commitments.filter(state=CommitmentState.OPEN).first()


class CommitmentKind(models.TextChoices):
    PAYMENT_REQUEST = "payment_request", "用款申请"
    PROCUREMENT = "procurement", "政府采购合同"
    TRANSFER = "transfer", "预算调剂"


class CommitmentState(models.TextChoices):
    OPEN = "open", "预占中"
    CONSUMED = "consumed", "已核销"
    RELEASED = "released", "已释放"


class Commitment(models.Model):
    """预占: money reserved on a budget line by an approved 用款申请, a registered 政府采购
    contract or an approved 调剂 not yet executed. Payments consume it; cancelling or closing
    releases what is left. Every move is a ledger row (预占 / 释放预占) on the line; the
    amounts here are running totals kept under the line's lock."""

    line = models.ForeignKey(
        BudgetLine, verbose_name="预算指标", on_delete=models.PROTECT, related_name="commitments"
    )
    kind = models.CharField("来源", max_length=20, choices=CommitmentKind.choices)
    amount = models.DecimalField("预占金额（元）", **MONEY)
    consumed = models.DecimalField("已支付核销（元）", default=ZERO, **MONEY)
    released = models.DecimalField("已释放（元）", default=ZERO, **MONEY)
    state = models.CharField(
        "状态", max_length=20, choices=CommitmentState.choices, default=CommitmentState.OPEN
    )
    payment_request = models.ForeignKey(
        "PaymentRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="commitments"
    )
    procurement = models.ForeignKey(
        ProcurementRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments"
    )
    transfer = models.ForeignKey(
        TransferRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments"
    )
    memo = models.CharField("说明", max_length=255, blank=True)
    created_at = models.DateTimeField("预占时间")
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "预占"
        verbose_name_plural = "预占"
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="commitment_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(consumed__gte=0, released__gte=0), name="commitment_moves_non_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=models.F("consumed") + models.F("released")),
                name="commitment_not_overdrawn",
            ),
        ]
        indexes = [models.Index(fields=["line", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}预占 {self.amount}"

    @property
    def open_amount(self) -> Decimal:
        return self.amount - self.consumed - self.released

    @property
    def source_label(self) -> str:
        if self.payment_request_id:
            return f"用款申请{self.payment_request.number}"
        if self.procurement_id:
            return f"合同{self.procurement.contract_no}"
        if self.transfer_id:
            return f"调剂{self.transfer.number}"
        return self.get_kind_display()


class PaymentRequest(ApprovalRecord):
    """用款申请: 申请 → 批准 (预占) → 支付, on the approval mechanism (workflow payment_request).

    The request states what the spending is (its 经济分类 at 项 level, and the line's other
    key dimensions) and which line pays; the payment becomes an ordinary voucher."""

    workflow_key = "payment_request"

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="payment_requests"
    )
    year = models.PositiveIntegerField("年度")
    number = models.CharField("申请编号", max_length=40)
    line = models.ForeignKey(
        BudgetLine, verbose_name="支付指标", on_delete=models.PROTECT, related_name="payment_requests"
    )
    amount = models.DecimalField("申请金额（元）", **MONEY)
    econ_code = models.CharField("经济分类", max_length=8)
    purpose = models.CharField("用途", max_length=255)
    payee = models.CharField("收款人", max_length=128, blank=True)
    voucher = models.OneToOneField(
        Voucher, verbose_name="支付凭证", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "用款申请"
        verbose_name_plural = "用款申请"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "number"], name="payment_request_number_unique"
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_request_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"用款申请{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("budgets:payment-detail", args=[self.pk])

    @property
    def econ_label(self) -> str:
        return f"{self.econ_code} {economic_name(self.econ_code) or ''}".strip()

    def snapshot(self) -> dict:
        return {
            "state": self.state,
            "amount": str(self.amount),
            "line": self.line_id,
            "econ_code": self.econ_code,
            "purpose": self.purpose,
        }


class PriorYearSummary(models.Model):
    """上年数（录入）: the year before a department's first year in jixiao, imported or entered —
    年初预算 基本/项目 by 资金来源, 决算 by 资金来源, 三公 by item (budget and actual), 在编/实有/退休.
    ``figures`` holds the validated summary (jixiao.domain.prior_year.PriorYear.to_json)."""

    department = models.ForeignKey(
        "orgs.Department", verbose_name="单位", on_delete=models.PROTECT, related_name="prior_year_summaries"
    )
    year = models.PositiveIntegerField("年度")
    figures = models.JSONField("上年数")
    source = models.CharField("数据来源", max_length=255, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("录入时间")

    class Meta:
        verbose_name = "上年数（录入）"
        verbose_name_plural = "上年数（录入）"
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="prior_year_unique")]

    def __str__(self) -> str:
        return f"{self.department} {self.year}年数（录入）"


class WarningThresholds(models.Model):
    """A finance bureau's early-warning thresholds: each value set here overrides the default of
    jixiao/data/indicators/monitoring-thresholds.yaml for the bureau's departments."""

    bureau = models.OneToOneField(
        "orgs.FinanceBureau",
        verbose_name="财政局",
        on_delete=models.PROTECT,
        related_name="warning_thresholds",
    )
    values = models.JSONField("预警阈值", default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("设置时间")

    class Meta:
        verbose_name = "预警阈值"
        verbose_name_plural = "预警阈值"

    def __str__(self) -> str:
        return f"{self.bureau}预警阈值"
