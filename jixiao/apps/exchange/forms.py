from __future__ import annotations

from django import forms

from jixiao.apps.exchange.models import ImportKind
from jixiao.apps.exchange.selectors import EXPORT_TABLES
from jixiao.domain.imports import synonyms

ALLOWED_SUFFIXES = (".xlsx", ".xls", ".csv", ".txt")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="导入内容", choices=ImportKind.choices)
    file = forms.FileField(label="文件", help_text="支持 .xlsx、.xls、.csv（UTF-8 或 GBK）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError("只支持 .xlsx、.xls、.csv 文件。")
        return upload


def field_choices() -> list[tuple[str, str]]:
    return [
        ("", "（不导入）"),
        *sorted(synonyms().labels.items(), key=lambda kv: kv[1]),
        ("ignore", "忽略此列"),
    ]


class MappingForm(forms.Form):
    """One select per header of the file: which field it holds."""

    def __init__(self, *args, headers: list[str], current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = [h for h in headers if h]
        for index, header in enumerate(self.headers):
            self.fields[f"h{index}"] = forms.ChoiceField(
                label=header, choices=field_choices(), required=False, initial=current.get(header, "")
            )

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data.get(f"h{index}")
            for index, header in enumerate(self.headers)
            if self.cleaned_data.get(f"h{index}")
        }


class ExportForm(forms.Form):
    table = forms.ChoiceField(label="表格", choices=list(EXPORT_TABLES.items()))
    unit = forms.ChoiceField(label="金额单位", choices=[("元", "元"), ("万元", "万元")])
    date_from = forms.DateField(label="起始日期（凭证）", required=False)
    date_to = forms.DateField(label="截止日期（凭证）", required=False)
    fund_type = forms.ChoiceField(
        label="支出性质（凭证）",
        required=False,
        choices=[
            ("", "全部"),
            ("basic_personnel", "基本支出-人员经费"),
            ("basic_public", "基本支出-公用经费"),
            ("project", "项目支出"),
        ],
    )
    econ_prefix = forms.CharField(label="经济分类（凭证）", required=False, max_length=8)
    project_code = forms.CharField(label="项目编码（凭证）", required=False, max_length=40)
    q = forms.CharField(label="摘要/凭证号包含", required=False, max_length=50)
