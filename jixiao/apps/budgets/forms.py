"""Forms of the budget screens. They parse and check input; the services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from jixiao.apps.budgets.models import FUND_TYPE_CHOICES, BudgetLine, Commitment, LedgerKind
from jixiao.domain.classification import economic_items, economic_name, fund_source_choices
from jixiao.domain.errors import InvalidAmount
from jixiao.domain.money import yuan

MONTH_CHOICES = [("", "全部月份")] + [(str(m), f"{m}月") for m in range(1, 13)]


class AmountField(forms.CharField):
    """元 with up to two decimals; accepts 1,234.56 and 1234.56."""

    def __init__(self, *args, allow_negative: bool = False, allow_zero: bool = False, **kwargs):
        self.allow_negative = allow_negative
        self.allow_zero = allow_zero
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "class": "amount", "autocomplete": "off"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text in (None, ""):
            return None
        try:
            amount = yuan(text)
        except InvalidAmount as error:
            raise forms.ValidationError(
                f"{error.message}。请按“1234.56”或“1,234.56”填写金额（单位：元）。"
            ) from error
        if amount == 0:
            if self.allow_zero:
                return amount
            raise forms.ValidationError("金额不能为0。")
        if not self.allow_negative and amount < 0:
            raise forms.ValidationError("金额必须大于0。" if not self.allow_zero else "金额不能为负数。")
        return amount


def econ_item_choices() -> list[tuple[str, str]]:
    return [("", "请选择经济分类（项级）")] + [
        (code, f"{code} {name}") for code, name in economic_items().items()
    ]


class LineSelect(forms.Select):
    """Options carry what the line fixes — its fund family, project, 经济分类 and 资金来源 — so the
    page can say who must approve and the expense form can fill those in (voucher_form.js)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        line = getattr(value, "instance", None)
        if line is not None:
            option["attrs"].update(line_facts(line))
        return option


def line_facts(line: BudgetLine) -> dict[str, str]:
    return {
        "data-basic": "1" if line.fund_type != "project" else "0",
        "data-project": line.project.code if line.project_id else "",
        "data-project-label": f"{line.project.code} {line.project.name}"
        if line.project_id
        else "（基本支出，不属于项目）",
        "data-fund-type-label": line.get_fund_type_display(),
        "data-econ": line.econ_code,
        "data-econ-label": f"{line.econ_code} {economic_name(line.econ_code) or ''}".strip(),
        "data-source-label": line.source_label,
    }


def is_item_level(code: str) -> bool:
    """A 项-level 经济分类 (5 digits, e.g. 30201): the line then fixes the voucher's item."""
    return len(code) == 5 and code in economic_items()


class LineChoiceField(forms.ModelChoiceField):
    widget = LineSelect

    def label_from_instance(self, obj: BudgetLine) -> str:
        return f"{obj.label}（{obj.func_code}，可用余额{obj.available:,.2f}元）"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VoucherForm(forms.Form):
    """支出录入. The 支付指标 fixes 支出性质 and 项目 (and 经济分类 when the line is set at 项
    level), so the form does not ask for them: they are derived here, on the server, from the
    chosen line — with or without JavaScript. A request that does state them (an older form, a
    script) is still checked against the line by budget control, which refuses cross-use."""

    date = forms.DateField(label="支出日期", widget=DateInput())
    number = forms.CharField(label="凭证号", required=False, max_length=40, help_text="不填则自动编号")
    summary = forms.CharField(label="摘要", max_length=255)
    payee = forms.CharField(label="收款人", max_length=128, required=False)
    amount = AmountField(label="金额")
    econ_code = forms.ChoiceField(
        label="经济分类（项级）",
        choices=econ_item_choices,
        required=False,
        help_text="支付指标已定到项级时由指标确定；指标只定到类（如302）时，请选择其下的项",
    )
    fund_type = forms.ChoiceField(
        label="支出性质", choices=[("", "按支付指标"), *FUND_TYPE_CHOICES], required=False
    )
    project = forms.ModelChoiceField(label="项目", queryset=None, required=False, empty_label="按支付指标")
    fund_source = forms.ChoiceField(
        label="资金来源",
        choices=lambda: [("", "与支付指标一致"), *fund_source_choices()],
        required=False,
        help_text="支出所用资金的来源；与支付指标的资金来源不同即为跨资金来源使用，将被拒绝",
    )
    line = LineChoiceField(label="支付指标", queryset=None, empty_label="请选择支付指标")
    commitment = forms.ModelChoiceField(
        label="核销预占",
        queryset=None,
        required=False,
        empty_label="（不核销：普通支出）",
        help_text="支付已登记的政府采购合同时选择该合同，使用其预占的资金",
    )

    def __init__(self, *args, lines, projects, commitments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
        self.fields["project"].queryset = projects
        self.fields["commitment"].queryset = (
            commitments if commitments is not None else Commitment.objects.none()
        )
        self.fields["commitment"].label_from_instance = lambda c: (
            f"{c.source_label}：{c.memo}（{c.line.label}，尚余预占{c.open_amount:,.2f}元）"
        )

    def clean(self):
        data = super().clean()
        line = data.get("line")
        if line is not None:
            self._derive_from_line(data, line)
        if data.get("fund_type") == "project" and not data.get("project"):
            self.add_error("project", "支出性质为项目支出时，请选择所属项目。")
        if data.get("fund_type") and data.get("fund_type") != "project" and data.get("project"):
            self.add_error("project", "基本支出不属于任何项目，请清空项目。")
        commitment, line = data.get("commitment"), data.get("line")
        if commitment is not None and line is not None and commitment.line_id != line.pk:
            self.add_error(
                "commitment",
                f"{commitment.source_label}预占的是指标“{commitment.line.label}”，请选择该指标支付。",
            )
        return data

    def _derive_from_line(self, data: dict, line: BudgetLine) -> None:
        """Fill in what the line fixes and the post left out."""
        stated = self.data.get(self.add_prefix("fund_type"), "")
        if not stated:  # the form did not ask: the line decides nature and project together
            data["fund_type"] = line.fund_type
            data["project"] = line.project if line.project_id else None
        if not data.get("econ_code"):
            if is_item_level(line.econ_code):
                data["econ_code"] = line.econ_code
            elif "econ_code" not in self.errors:
                self.add_error(
                    "econ_code",
                    f"请选择经济分类（项级）：支付指标“{line.label}”的经济分类为"
                    f"{line.econ_code}{economic_name(line.econ_code) or ''}，请选择其下的项。",
                )


class VoucherFilterForm(forms.Form):
    line = forms.ModelChoiceField(label="支付指标", queryset=None, required=False, empty_label="全部指标")
    fund_type = forms.ChoiceField(
        label="支出性质", choices=[("", "全部"), *FUND_TYPE_CHOICES], required=False
    )
    econ = forms.CharField(
        label="经济分类",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"size": 8, "placeholder": "如 302"}),
    )
    month = forms.TypedChoiceField(
        label="月份", choices=MONTH_CHOICES, required=False, coerce=int, empty_value=None
    )
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "摘要、凭证号、收款人"}),
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines


class ReverseForm(forms.Form):
    date = forms.DateField(label="冲销日期", widget=DateInput())
    reason = forms.CharField(label="冲销原因", max_length=200)
    confirm = forms.BooleanField(
        label="我已确认", required=True, error_messages={"required": "请勾选确认后再提交。"}
    )


class AdjustForm(forms.Form):
    direction = forms.ChoiceField(
        label="方向", choices=[("add", "追加"), ("cut", "追减")], widget=forms.RadioSelect, initial="add"
    )
    amount = AmountField(label="金额")
    date = forms.DateField(label="日期", widget=DateInput())
    doc_no = forms.CharField(
        label="批复文号", max_length=100, help_text="财政批复的文号，如 常财预〔2023〕12号"
    )
    memo = forms.CharField(label="说明", max_length=200, required=False)
    confirm = forms.BooleanField(
        label="我已确认", required=True, error_messages={"required": "请勾选确认后再提交。"}
    )

    def signed_amount(self):
        amount = self.cleaned_data["amount"]
        return -amount if self.cleaned_data["direction"] == "cut" else amount


class TransferForm(forms.Form):
    source = LineChoiceField(label="调出指标", queryset=None, empty_label="请选择调出指标")
    target = LineChoiceField(label="调入指标", queryset=None, empty_label="请选择调入指标")
    amount = AmountField(label="调剂金额")
    reason = forms.CharField(label="调剂理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = lines
        self.fields["target"].queryset = lines

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("target") and data["source"].pk == data["target"].pk:
            self.add_error("target", "调入指标不能与调出指标相同，请另选。")
        return data


class TransferActionForm(forms.Form):
    confirm = forms.BooleanField(
        label="我已确认", required=True, error_messages={"required": "请勾选确认后再提交。"}
    )
    reason = forms.CharField(label="原因", required=False, max_length=1000)
    doc_no = forms.CharField(label="批复文号", required=False, max_length=100)
    date = forms.DateField(label="执行日期", required=False, widget=DateInput())


LEDGER_KIND_CHOICES = [("", "全部类型"), *list(LedgerKind.choices)]


class SettlementForm(forms.Form):
    # Both figures may be 0: no carry-over, no procurement planned.
    carry_over_start = AmountField(
        label="上年结转结余", allow_zero=True, help_text="上年度部门决算“年末结转和结余”数，没有结转结余填0。"
    )
    procurement_budget = AmountField(
        label="政府采购预算", allow_zero=True, help_text="部门预算政府采购预算表的合计数，没有填0。"
    )
    source = forms.CharField(label="数据来源", max_length=255, required=False)


class ProcurementForm(forms.Form):
    date = forms.DateField(label="合同签订日期", widget=forms.DateInput(attrs={"type": "date"}))
    contract_no = forms.CharField(label="合同编号", max_length=64)
    item = forms.CharField(label="采购项目", max_length=128)
    method = forms.ChoiceField(label="采购方式")
    amount = AmountField(label="合同金额")
    line = LineChoiceField(label="支付指标", queryset=None, required=False, empty_label="（不指定：不预占）")
    already_paid = AmountField(
        label="登记前已支付", required=False, allow_zero=True, help_text="合同登记前已记账的付款（不再预占）"
    )

    def __init__(self, *args, methods=(), lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [("", "请选择采购方式"), *methods]
        self.fields["line"].queryset = lines if lines is not None else BudgetLine.objects.none()

    def clean_already_paid(self):
        return self.cleaned_data.get("already_paid") or Decimal("0.00")


class CloseForm(forms.Form):
    reason = forms.CharField(label="关闭说明", max_length=255)
    confirm = forms.BooleanField(
        label="我确认关闭该合同", error_messages={"required": "请勾选确认后再关闭。"}
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label="作废原因", max_length=255)
    confirm = forms.BooleanField(
        label="我确认作废该记录", error_messages={"required": "请勾选确认后再作废。"}
    )


class PaymentRequestForm(forms.Form):
    line = LineChoiceField(label="支付指标", queryset=None, empty_label="请选择支付指标")
    econ_code = forms.ChoiceField(label="经济分类（项级）", choices=econ_item_choices)
    amount = AmountField(label="申请金额")
    purpose = forms.CharField(label="用途", max_length=255)
    payee = forms.CharField(label="收款人", max_length=128, required=False)
    submit_now = forms.BooleanField(label="保存后立即提交审批", required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines


class PaymentActionForm(forms.Form):
    confirm = forms.BooleanField(
        label="我已确认", required=True, error_messages={"required": "请勾选确认后再提交。"}
    )
    reason = forms.CharField(label="意见/原因", max_length=500, required=False)
    date = forms.DateField(label="支付日期", required=False, widget=DateInput())


PRIOR_PARTS = (
    ("personnel_initial", "年初·人员经费"),
    ("public_initial", "年初·公用经费"),
    ("project_initial", "年初·项目支出"),
    ("personnel_actual", "决算·人员经费"),
    ("public_actual", "决算·公用经费"),
    ("project_actual", "决算·项目支出"),
    ("carry_over_end", "年末结转结余"),
)


class PriorYearForm(forms.Form):
    """上年数（录入）: the grid of figures by 资金来源 (元), “三公”经费 by item, and 人员."""

    source = forms.CharField(
        label="数据来源", max_length=255, required=False, help_text="如：2022年度部门决算、部门预算批复"
    )

    def __init__(self, *args, year: int, summary=None, **kwargs):
        from jixiao.domain.classification import fund_sources, sangong_items
        from jixiao.domain.prior_year import STAFF_FIELDS, STAFF_LABELS

        super().__init__(*args, **kwargs)
        self.year = year
        self.sources = fund_sources()
        self.items = sangong_items()
        initial = {}
        for source in self.sources:
            entry = next((s for s in summary.sources if s.source == source.key), None) if summary else None
            for name, label in PRIOR_PARTS:
                field = f"{name}__{source.key}"
                self.fields[field] = AmountField(
                    label=f"{source.name}{label}", required=False, allow_zero=True
                )
                if entry is not None:
                    value = getattr(entry, name)
                    if value is None and name.startswith(("personnel", "public")):
                        kind = name.split("_", 1)[1]
                        value = entry.part(name.split("_", 1)[0], kind) if entry.split_known(kind) else None
                    initial[field] = value
        for item in self.items:
            entry = summary.sangong_item(item.key) if summary else None
            for attribute, label in (("budget", "预算数"), ("actual", "决算数")):
                field = f"sangong_{attribute}__{item.key}"
                self.fields[field] = AmountField(label=f"{item.name}{label}", required=False, allow_zero=True)
                if entry is not None:
                    initial[field] = getattr(entry, attribute)
        for name in STAFF_FIELDS:
            self.fields[f"staff__{name}"] = forms.IntegerField(
                label=STAFF_LABELS[name], required=False, min_value=0, max_value=100000
            )
            if summary is not None:
                initial[f"staff__{name}"] = getattr(summary, name)
        if not self.is_bound:
            self.initial.update({k: v for k, v in initial.items() if v is not None})

    def grid(self):
        """Rows for the template: (source, [bound fields in PRIOR_PARTS order])."""
        return [
            (source, [self[f"{name}__{source.key}"] for name, _ in PRIOR_PARTS]) for source in self.sources
        ]

    def sangong_grid(self):
        return [
            (item, self[f"sangong_budget__{item.key}"], self[f"sangong_actual__{item.key}"])
            for item in self.items
        ]

    def staff_fields(self):
        from jixiao.domain.prior_year import STAFF_FIELDS

        return [self[f"staff__{name}"] for name in STAFF_FIELDS]

    def summary(self):
        from jixiao.domain.prior_year import STAFF_FIELDS, PriorYearBuilder

        builder = PriorYearBuilder(year=self.year)
        data = self.cleaned_data
        for source in self.sources:
            for name, _ in PRIOR_PARTS:
                value = data.get(f"{name}__{source.key}")
                if value is not None:
                    builder.set_amount(source.key, name, value)
        for item in self.items:
            for attribute in ("budget", "actual"):
                value = data.get(f"sangong_{attribute}__{item.key}")
                if value is not None:
                    builder.set_sangong(item.key, attribute, value)
        for name in STAFF_FIELDS:
            value = data.get(f"staff__{name}")
            if value is not None:
                builder.set_staff(name, value)
        return builder.build()
