"""Forms of the 专项 pages: they parse input; the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms

from jixiao.domain.errors import DomainError
from jixiao.domain.money import yuan
from jixiao.domain.projects import CONCLUSION_LABELS, MilestonePlan

DATE = forms.DateInput(attrs={"type": "date"})


class AmountField(forms.CharField):
    """元, accepting 1,234.56 and 1234.56."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "单位：元，可写 1,234.56")
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in ("", None):
            return None
        try:
            return yuan(value)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from error


def _example(form, field: str, library, key: str, template: str) -> None:
    """A help text with an example from the department's own indicator library (never another
    type's words); the plain help text stays when the library gives none."""
    sample = library.example(key) if library is not None else ""
    if sample:
        form.fields[field].help_text = template.format(sample)


class ApplyForm(forms.Form):
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="项目名称", max_length=128)
    code = forms.CharField(
        label="项目编码", max_length=40, required=False, help_text="不填则自动编号（P01、P02…）"
    )
    is_key = forms.BooleanField(label="重点项目", required=False)
    basis = forms.CharField(label="立项依据", widget=forms.Textarea(attrs={"rows": 3}))
    content = forms.CharField(label="项目内容", widget=forms.Textarea(attrs={"rows": 3}))
    amount = AmountField(label="申报预算")
    goal_summary = forms.CharField(label="绩效目标", widget=forms.Textarea(attrs={"rows": 2}))
    indicators = forms.CharField(
        label="绩效指标",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一项：指标名称+比较符+数值+单位",
    )
    applied_on = forms.DateField(label="申报日期", widget=DATE)

    def __init__(self, *args, library=None, **kwargs):
        super().__init__(*args, **kwargs)
        _example(self, "indicators", library, "project_indicator", "每行一项，如：{}")

    def clean_indicators(self):
        return [line.strip() for line in self.cleaned_data["indicators"].splitlines() if line.strip()]


class ReviewForm(forms.Form):
    reviewer = forms.CharField(label="评审专家", max_length=64)
    reviewer_title = forms.CharField(label="单位/职称", max_length=128, required=False)
    score = forms.DecimalField(label="评分（0～100）", max_digits=5, decimal_places=1)
    recommendation = forms.ChoiceField(label="建议", choices=list(CONCLUSION_LABELS.items()))
    opinion = forms.CharField(label="评审意见", widget=forms.Textarea(attrs={"rows": 2}))
    reviewed_on = forms.DateField(label="评审日期", widget=DATE)


class ConcludeForm(forms.Form):
    conclusion = forms.ChoiceField(label="论证结论", choices=list(CONCLUSION_LABELS.items()))
    concluded_on = forms.DateField(label="论证日期", widget=DATE)
    summary = forms.CharField(label="综合意见", widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    doc_no = forms.CharField(label="立项批复文号", max_length=100)
    decided_on = forms.DateField(label="立项日期", widget=DATE)
    func_code = forms.CharField(label="功能分类", max_length=13, help_text="项级功能分类编码（7位）")
    econ_code = forms.CharField(
        label="经济分类", max_length=8, initial="302", help_text="按本单位控制级次，如 302"
    )
    amount = AmountField(label="立项预算")

    def __init__(self, *args, library=None, **kwargs):
        super().__init__(*args, **kwargs)
        _example(self, "func_code", library, "project_function_code", "如 {}")


class RejectForm(forms.Form):
    reason = forms.CharField(label="不予立项理由", widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label="日期", widget=DATE)


class PlanForm(forms.Form):
    responsible_person = forms.CharField(label="实施责任人", max_length=64, help_text="股室和姓名")
    start = forms.DateField(label="实施开始", widget=DATE)
    end = forms.DateField(label="实施结束", widget=DATE)
    summary = forms.CharField(label="实施方案", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    milestones = forms.CharField(
        label="关键节点", widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一个：日期 名称"
    )

    def __init__(self, *args, library=None, **kwargs):
        super().__init__(*args, **kwargs)
        _example(self, "responsible_person", library, "project_responsible", "股室和姓名，如：{}")
        _example(self, "milestones", library, "project_milestone", "每行一个：日期 名称，如 {}")

    def clean_milestones(self):
        plans = []
        for n, line in enumerate(self.cleaned_data["milestones"].splitlines(), start=1):
            if not line.strip():
                continue
            date_text, _, name = line.strip().partition(" ")
            try:
                due = dt.date.fromisoformat(date_text)
            except ValueError as error:
                raise forms.ValidationError(
                    f"第{n}行的日期“{date_text}”无法识别，请写成 2024-06-30。"
                ) from error
            plans.append(MilestonePlan(name=name.strip(), due=due))
        return plans


class MilestoneDoneForm(forms.Form):
    milestone = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label="完成日期", widget=DATE)
    note = forms.CharField(label="完成情况", max_length=500)


class InspectForm(forms.Form):
    milestone = forms.TypedChoiceField(label="关键节点", coerce=int, required=False, empty_value=None)
    inspected_on = forms.DateField(label="督查日期", widget=DATE)
    inspectors = forms.CharField(label="督查人员", max_length=255)
    findings = forms.CharField(label="督查发现", widget=forms.Textarea(attrs={"rows": 2}))
    needs_rectification = forms.BooleanField(label="需要整改", required=False)
    rectification_due = forms.DateField(label="整改期限", widget=DATE, required=False)

    def __init__(self, *args, milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [("", "（不对应节点）")] + [(m.pk, m.name) for m in milestones]


class CloseInspectionForm(forms.Form):
    inspection = forms.IntegerField(widget=forms.HiddenInput)
    closed_on = forms.DateField(label="销号日期", widget=DATE)
    rectification = forms.CharField(label="整改情况", max_length=1000, required=False)


class AcceptForm(forms.Form):
    accepted_on = forms.DateField(label="验收日期", widget=DATE)
    opinion = forms.CharField(label="验收意见", widget=forms.Textarea(attrs={"rows": 2}))


class PayForm(forms.Form):
    line = forms.TypedChoiceField(label="支付指标（本项目）", coerce=int)
    date = forms.DateField(label="支付日期", widget=DATE)
    amount = AmountField(label="金额")
    summary = forms.CharField(label="摘要", max_length=255)
    econ_code = forms.CharField(label="经济分类（项级）", max_length=8, help_text="如 30218 专用材料费")
    payee = forms.CharField(label="收款人", max_length=128, required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [
            (line.pk, f"{line.label}（可用{line.available:,.2f}元）") for line in lines
        ]
