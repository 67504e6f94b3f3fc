"""系统管理 forms. They parse; the services decide (and name the field when they refuse)."""

from __future__ import annotations

from django import forms

from jixiao.apps.orgs.models import BUREAU_ROLE_CHOICES, Department
from jixiao.domain.department_types import department_type_names
from jixiao.domain.roster import internal_units_text, parse_internal_units

ECON_LEVELS = [(3, "款级（如302）"), (5, "项级（如30217）")]


class DepartmentForm(forms.Form):
    code = forms.CharField(label="单位编码", max_length=32, help_text="预算单位编码，全市唯一")
    name = forms.CharField(label="单位名称", max_length=128, help_text="单位全称")
    department_type = forms.ChoiceField(label="部门类型", help_text="决定本单位使用的指标库和履职活动类别")
    budget_unit_count = forms.IntegerField(label="预算单位个数", min_value=1, initial=1, help_text="含本级")
    internal_units = forms.CharField(
        label="内设机构",
        max_length=2000,
        initial="无",
        help_text="机构名称以“、”分隔，如：办公室、权益部；没有内设机构填“无”",
    )
    econ_control_level = forms.TypedChoiceField(
        label="经济分类控制级次",
        choices=ECON_LEVELS,
        coerce=int,
        initial=3,
        help_text="预算控制到经济分类的款或项",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department_type"].choices = [("", "请选择"), *((n, n) for n in department_type_names())]

    @classmethod
    def for_department(cls, department: Department, data=None) -> DepartmentForm:
        return cls(
            data,
            initial={
                "code": department.code,
                "name": department.name,
                "department_type": department.department_type,
                "budget_unit_count": department.budget_unit_count,
                "internal_units": internal_units_text(department.internal_units),
                "econ_control_level": department.econ_control_level,
            },
        )

    def clean_internal_units(self):
        try:
            return parse_internal_units(self.cleaned_data["internal_units"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class ProfileForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    staffing_quota = forms.IntegerField(label="编制数", min_value=0)
    staffing_admin = forms.IntegerField(label="其中：行政编制", min_value=0, required=False)
    staffing_institution = forms.IntegerField(label="其中：事业编制", min_value=0, required=False)
    staffing_worker = forms.IntegerField(label="其中：工勤编制", min_value=0, required=False)
    actual_staff = forms.IntegerField(label="实有人数", min_value=0, help_text="年末实有在编人数")
    retired_cadres = forms.IntegerField(label="离休人数", min_value=0, initial=0)
    retired = forms.IntegerField(label="退休人数", min_value=0, initial=0)
    nature = forms.CharField(
        label="单位性质",
        required=False,
        max_length=500,
        help_text="如：中共某某市委领导下的正科级财政全额拨款单位",
    )
    duties = forms.CharField(
        label="主要职责",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="每项一行（或以（一）（二）…编号），显示时自动编号",
    )


class UserForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150, help_text="登录名：字母、数字、汉字及 @.+-_")
    full_name = forms.CharField(label="姓名", max_length=64)
    role = forms.ChoiceField(label="角色", choices=[("", "请选择"), *BUREAU_ROLE_CHOICES])
    department = forms.ModelChoiceField(
        label="所属单位",
        queryset=Department.objects.none(),
        required=False,
        empty_label="（财政局本级，不属于单位）",
        help_text="部门财务人员、部门负责人必选；财政局工作人员、审计、系统管理员不选",
    )

    def __init__(self, *args, bureau, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(bureau=bureau).order_by("code")
        if editing:
            del self.fields["username"]


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="名册文件（.xlsx）", help_text="单位、年度概况、用户三张工作表；可先下载模板填写"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xls")):
            raise forms.ValidationError("只支持 .xlsx 或 .xls 文件。")
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("名册文件超过20MB。")
        return upload
