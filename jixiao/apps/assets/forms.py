"""Forms of the asset pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms

from jixiao.apps.projects.forms import DATE, AmountField
from jixiao.domain.assets import DIFF_LABELS, METHOD_LABELS, categories, funding_sources


def _categories():
    return [(c.code, f"{c.code} {c.name}") for c in categories()]


class AssetForm(forms.Form):
    number = forms.CharField(label="资产编号", max_length=40)
    name = forms.CharField(label="资产名称", max_length=128)
    category = forms.ChoiceField(label="资产分类（GB/T 14885 门类）", choices=_categories)
    spec = forms.CharField(label="规格型号", max_length=128, required=False)
    acquired_on = forms.DateField(label="取得日期", widget=DATE)
    original_value = AmountField(label="原值")
    funding_source = forms.ChoiceField(label="资金来源", choices=funding_sources)
    custodian_unit = forms.CharField(label="使用股室", max_length=64)
    custodian_person = forms.CharField(label="保管人", max_length=64)
    location = forms.CharField(label="存放地点", max_length=128)
    status = forms.ChoiceField(label="状态", choices=[("in_use", "在用"), ("idle", "闲置")])


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="新状态", choices=[("in_use", "在用"), ("idle", "闲置")])
    reason = forms.CharField(label="原因", max_length=255)


class CustodyForm(forms.Form):
    custodian_unit = forms.CharField(label="使用股室", max_length=64)
    custodian_person = forms.CharField(label="保管人", max_length=64)
    location = forms.CharField(label="存放地点", max_length=128)
    reason = forms.CharField(label="原因", max_length=255)


class DisposalForm(forms.Form):
    assets = forms.TypedMultipleChoiceField(label="处置资产", coerce=int, widget=forms.CheckboxSelectMultiple)
    method = forms.ChoiceField(label="处置方式", choices=list(METHOD_LABELS.items()))
    reason = forms.CharField(label="处置理由", widget=forms.Textarea(attrs={"rows": 2}))
    counterparty = forms.CharField(
        label="接收单位/买受人", max_length=128, required=False, help_text="调拨、出售时必填"
    )
    requested_on = forms.DateField(label="申请日期", widget=DATE)

    def __init__(self, *args, assets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assets"].choices = [
            (a.pk, f"{a.number} {a.name}（原值{a.original_value:,.2f}元，{a.get_status_display()}）")
            for a in assets
        ]


class SubmitForm(forms.Form):
    """提交 asks for nothing more: the request already says what and why."""


class ApproveForm(forms.Form):
    approved_on = forms.DateField(label="批准日期", widget=DATE)


class FileForm(forms.Form):
    approved_on = forms.DateField(label="批复日期", widget=DATE)
    doc_no = forms.CharField(label="批复文号", max_length=100)


class RejectForm(forms.Form):
    reason = forms.CharField(label="驳回理由", max_length=500)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回原因", max_length=500)


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label="处置日期", widget=DATE)
    proceeds = AmountField(label="处置收入（出售时必填）", required=False)


class StockTakeForm(forms.Form):
    year = forms.IntegerField(label="盘点年度", min_value=2000, max_value=2100)
    taken_on = forms.DateField(label="盘点日期", widget=DATE)
    team = forms.CharField(label="盘点人员", max_length=255)


class DifferenceForm(forms.Form):
    kind = forms.ChoiceField(label="差异类型", choices=list(DIFF_LABELS.items()))
    asset = forms.TypedChoiceField(label="资产卡片（盘盈不选）", coerce=int, required=False, empty_value=None)
    description = forms.CharField(label="差异情况", max_length=500)

    def __init__(self, *args, assets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asset"].choices = [("", "—")] + [(a.pk, f"{a.number} {a.name}") for a in assets]


class ResolveForm(forms.Form):
    difference = forms.IntegerField(widget=forms.HiddenInput)
    resolution = forms.CharField(label="处理结果", max_length=500)
    resolved_on = forms.DateField(label="处理日期", widget=DATE)
    # 盘盈: the new card
    number = forms.CharField(label="盘盈资产编号", max_length=40, required=False)
    name = forms.CharField(label="盘盈资产名称", max_length=128, required=False)
    category = forms.ChoiceField(label="盘盈资产分类", choices=[("", "—"), *_categories()], required=False)
    acquired_on = forms.DateField(label="盘盈资产取得日期", widget=DATE, required=False)
    original_value = AmountField(label="盘盈资产原值", required=False)
    # 盘盈 and 账实不符: where it is
    custodian_unit = forms.CharField(label="使用股室", max_length=64, required=False)
    custodian_person = forms.CharField(label="保管人", max_length=64, required=False)
    location = forms.CharField(label="存放地点", max_length=128, required=False)


class CloseStockTakeForm(forms.Form):
    closed_on = forms.DateField(label="结束日期", widget=DATE)
    summary = forms.CharField(label="盘点结论", widget=forms.Textarea(attrs={"rows": 2}))
