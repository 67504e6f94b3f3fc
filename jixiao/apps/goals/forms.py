"""Forms of the goal, activity and monitoring screens. They parse input; the services decide."""

from __future__ import annotations

from django import forms

from jixiao.apps.goals.models import WorkArea
from jixiao.domain.goals import goal_rules

MONTH_CHOICES = [("", "全部月份")] + [(str(m), f"{m}月") for m in range(1, 13)]
OPERATOR_CHOICES = [("", "—"), ("≥", "≥"), ("≤", "≤"), ("=", "="), (">", ">"), ("<", "<")]
VALUE_TYPE_CHOICES = [("定量", "定量"), ("定性", "定性")]


def level1_choices() -> list[tuple[str, str]]:
    return [(category.name, category.name) for category in goal_rules().categories]


def level2_choices() -> list[tuple[str, str]]:
    return [(name, name) for category in goal_rules().categories for name, _ in category.level2]


class GoalHeaderForm(forms.Form):
    duties = forms.CharField(
        label="部门（单位）职责", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    overall_goal = forms.CharField(
        label="年度总体绩效目标", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TaskForm(forms.Form):
    name = forms.CharField(label="任务名称", required=False, max_length=128)
    content = forms.CharField(label="主要内容", required=False, widget=forms.TextInput())
    fund_type = forms.CharField(label="资金性质", required=False, max_length=40)
    budget = forms.CharField(
        label="预算金额（元）",
        required=False,
        widget=forms.TextInput(attrs={"class": "amount", "inputmode": "decimal"}),
    )
    due_date = forms.DateField(
        label="计划完成时间",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "计划完成时间应为日期，如2023-09-30"},
    )
    is_key = forms.BooleanField(label="重点工作（交办或下达）", required=False)

    def has_content(self) -> bool:
        return bool(self.cleaned_data.get("name") or self.cleaned_data.get("budget"))


class IndicatorForm(forms.Form):
    code = forms.CharField(label="编码", required=False, max_length=40, widget=forms.HiddenInput())
    level1 = forms.ChoiceField(label="一级指标", choices=[], required=False)
    level2 = forms.ChoiceField(label="二级指标", choices=[], required=False)
    name = forms.CharField(label="三级指标", required=False, max_length=128)
    value_type = forms.ChoiceField(label="指标值类型", choices=VALUE_TYPE_CHOICES, required=False)
    operator = forms.ChoiceField(label="比较符", choices=OPERATOR_CHOICES, required=False)
    target = forms.CharField(label="指标值", required=False, max_length=64)
    unit = forms.CharField(label="计量单位", required=False, max_length=20)
    points = forms.DecimalField(label="分值", required=False, max_digits=6, decimal_places=2)
    explanation = forms.CharField(label="指标解释", required=False, widget=forms.TextInput())
    scoring_rule = forms.CharField(label="评(扣)分标准", required=False, widget=forms.TextInput())
    task = forms.CharField(label="关联任务", required=False, max_length=128)
    note = forms.CharField(label="备注", required=False, max_length=255, widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level1"].choices = [("", "—"), *level1_choices()]
        self.fields["level2"].choices = [("", "—"), *level2_choices()]

    def has_content(self) -> bool:
        return bool(self.cleaned_data.get("name") or self.cleaned_data.get("target"))


TaskFormSet = forms.formset_factory(TaskForm, extra=2)
IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=3)


def rows_of(formset) -> list[dict]:
    """The filled rows of a valid formset, in order."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data and form.has_content()]


class GoalCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label="目标类型", choices=[("部门整体", "部门整体绩效目标"), ("项目", "项目绩效目标")]
    )
    project = forms.ModelChoiceField(label="项目（项目绩效目标必选）", queryset=None, required=False)

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class GoalImportForm(forms.Form):
    file = forms.FileField(label="整体绩效目标表（.xlsx）")


class CustomIndicatorForm(forms.Form):
    code = forms.CharField(label="指标编码", max_length=40, help_text="本单位内唯一，如 ZDY-01")
    level1 = forms.ChoiceField(label="一级指标", choices=[])
    level2 = forms.ChoiceField(label="二级指标", choices=[])
    name = forms.CharField(label="三级指标名称", max_length=128)
    explanation = forms.CharField(label="指标解释", widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label="计量单位", max_length=20)
    operator = forms.ChoiceField(label="比较符", choices=OPERATOR_CHOICES[1:])
    scoring_rule = forms.CharField(
        label="评(扣)分标准",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="定性指标须分级分档：优：…；良：…；中：…；差：…",
    )
    value_type = forms.ChoiceField(label="指标值类型", choices=VALUE_TYPE_CHOICES)
    fed_by = forms.MultipleChoiceField(
        label="由哪些活动产出累计", choices=[], required=False, widget=forms.CheckboxSelectMultiple
    )
    own_output = forms.BooleanField(
        label="新增同名活动产出（履职活动可直接记录该指标的数量）", required=False
    )

    def __init__(self, *args, outputs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level1"].choices = level1_choices()
        self.fields["level2"].choices = level2_choices()
        self.fields["fed_by"].choices = list(outputs)


class ActivityFilterForm(forms.Form):
    area = forms.ModelChoiceField(label="工作领域", queryset=None, required=False, empty_label="全部领域")
    month = forms.TypedChoiceField(
        label="月份", choices=MONTH_CHOICES, required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, department=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = WorkArea.objects.filter(department=department)


def example(library, key: str) -> str:
    """A form example from the department's own library (its vocabulary), never another type's."""
    return library.example(key) if library is not None else ""


class ActivityForm(forms.Form):
    title = forms.CharField(label="活动名称", max_length=200)
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label="结束日期（跨期记录时填写）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="一条记录覆盖一段时间时填写；其产出自结束日期起计入。",
    )
    date_text = forms.CharField(
        label="时间的原文表述", required=False, max_length=40, help_text="如“6月中旬”“全年”"
    )
    place = forms.CharField(label="地点", required=False, max_length=128)
    area = forms.ModelChoiceField(label="工作领域", queryset=None, empty_label="请选择")
    partners = forms.CharField(
        label="合作单位", required=False, max_length=255, help_text="多个单位用顿号分隔"
    )
    description = forms.CharField(
        label="活动情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写给报告读者的活动经过，写入报告“年度主要工作完成情况”",
    )
    results = forms.CharField(
        label="成果/获奖",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="取得的成果、获奖及获奖人（单位），写入报告“年度主要工作完成情况”",
    )

    def __init__(self, *args, department=None, library=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = WorkArea.objects.filter(department=department)
        period = example(library, "period_activity")
        if period:
            self.fields[
                "end_date"
            ].help_text = f"一条记录覆盖一段时间（如“{period}”）时填写；其产出自结束日期起计入。"
        title = example(library, "activity_title")
        if title:
            self.fields["title"].help_text = f"如：{title}"


class OutputForm(forms.Form):
    output_key = forms.ChoiceField(label="计入产出", choices=[], required=False)
    quantity = forms.CharField(
        label="数量", required=False, max_length=40, help_text="按原文填写数量和单位，可带“近、约、余、多”"
    )
    label = forms.CharField(label="说明", required=False, max_length=64)

    def __init__(self, *args, outputs=(), library=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["output_key"].choices = [("", "（不计入指标）"), *list(outputs)]
        sample = example(library, "quantity")
        if sample:
            self.fields["quantity"].help_text = sample


OutputFormSet = forms.formset_factory(OutputForm, extra=4)


class EvidenceForm(forms.Form):
    file = forms.FileField(label="佐证材料（照片或文档，≤10MB）")


class WarningResponseForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput())
    cause = forms.CharField(label="偏差原因", widget=forms.Textarea(attrs={"rows": 2}))
    measures = forms.CharField(label="纠偏措施", widget=forms.Textarea(attrs={"rows": 2}))


class MonitoringDateForm(forms.Form):
    as_of = forms.DateField(label="监控日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class LibraryPickForm(forms.Form):
    code = forms.ChoiceField(label="指标库指标", choices=[])
    target = forms.CharField(
        label="指标值", required=False, max_length=64, help_text="如 ≥25；可稍后在表中填写"
    )
    task = forms.ChoiceField(label="关联任务", choices=[], required=False)

    def __init__(self, *args, library=None, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [
            (
                f"{item.level1} › {item.level2}",
                [(item.code, f"{item.code} {item.name}（{item.unit}）") for item in group],
            )
            for (item, group) in _grouped(library.indicators if library else ())
        ]
        self.fields["task"].choices = [("", "—")] + [(name, name) for name in tasks]


def _grouped(indicators):
    groups: dict[tuple[str, str], list] = {}
    for item in indicators:
        groups.setdefault((item.level1, item.level2), []).append(item)
    return [(items[0], items) for items in groups.values()]


class YearEndActualForm(forms.Form):
    text = forms.CharField(
        label="实际完成值",
        max_length=64,
        help_text="按计量单位填写，如 96%、8.5元/人次、17.1万元；定性指标填完成档次",
        error_messages={"required": "请填写实际完成值"},
    )
    evidence = forms.CharField(
        label="依据/佐证说明",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如：年末问卷发放200份、收回186份、满意179份；预算账簿项目支出数；文件名称和文号",
        error_messages={"required": "请填写实际完成值的依据/佐证说明"},
    )


class TaskCompletionForm(forms.Form):
    completed = forms.BooleanField(label="已完成", required=False)
    finished_on = forms.DateField(
        label="完成日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "完成日期应为日期，如2023-09-19"},
    )
    quality_passed = forms.BooleanField(label="质量达标", required=False)
    evidence = forms.CharField(
        label="完成依据/佐证说明（已完成时必填）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如：验收意见、活动记录、文件名称和文号",
    )


class LibraryUploadForm(forms.Form):
    file = forms.FileField(
        label="指标库文件（.yaml，≤512KB）",
        help_text="可下载系统内置的指标库文件作为模板，修改后另取版本号（如fulian-v2）上传",
    )
    note = forms.CharField(
        label="版本说明", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
