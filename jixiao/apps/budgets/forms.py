"""Forms of the budget screens. They parse and check input; the services decide."""

from __future__ import annotations

from django import forms

from jixiao.apps.budgets.models import FUND_TYPE_CHOICES, BudgetLine, LedgerKind
from jixiao.domain.classification import economic_items
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
    """Options carry the line's fund family and project so the page can say who must approve."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        line = getattr(value, "instance", None)
        if line is not None:
            option["attrs"]["data-basic"] = "1" if line.fund_type != "project" else "0"
            option["attrs"]["data-project"] = line.project.code if line.project_id else ""
        return option


class LineChoiceField(forms.ModelChoiceField):
    widget = LineSelect

    def label_from_instance(self, obj: BudgetLine) -> str:
        return f"{obj.label}（{obj.func_code}，可用余额{obj.available:,.2f}元）"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VoucherForm(forms.Form):
    date = forms.DateField(label="支出日期", widget=DateInput())
    number = forms.CharField(label="凭证号", required=False, max_length=40, help_text="不填则自动编号")
    summary = forms.CharField(label="摘要", max_length=255)
    payee = forms.CharField(label="收款人", max_length=128, required=False)
    amount = AmountField(label="金额")
    econ_code = forms.ChoiceField(label="经济分类（项级）", choices=econ_item_choices)
    fund_type = forms.ChoiceField(label="支出性质", choices=[("", "请选择支出性质"), *FUND_TYPE_CHOICES])
    project = forms.ModelChoiceField(
        label="项目", queryset=None, required=False, empty_label="（项目支出时必选）"
    )
    line = LineChoiceField(label="支付指标", queryset=None, empty_label="请选择支付指标")

    def __init__(self, *args, lines, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
        self.fields["project"].queryset = projects

    def clean(self):
        data = super().clean()
        if data.get("fund_type") == "project" and not data.get("project"):
            self.add_error("project", "支出性质为项目支出时，请选择所属项目。")
        if data.get("fund_type") and data.get("fund_type") != "project" and data.get("project"):
            self.add_error("project", "基本支出不属于任何项目，请清空项目。")
        return data


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

    def __init__(self, *args, methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [("", "请选择采购方式"), *methods]


class CancelForm(forms.Form):
    reason = forms.CharField(label="作废原因", max_length=255)
    confirm = forms.BooleanField(
        label="我确认作废该记录", error_messages={"required": "请勾选确认后再作废。"}
    )
