"""Forms of the review screens."""

from __future__ import annotations

from django import forms


class ReturnForm(forms.Form):
    paragraph = forms.ChoiceField(label="针对段落", required=False)
    comment = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label="退回说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, paragraphs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [("", "（不针对具体段落）")] + [
            (p["id"], f"{p['id']} {p['text'][:30]}") for p in paragraphs if p["kind"] != "chart"
        ]

    def clean(self):
        data = super().clean()
        if data.get("comment") and not data.get("paragraph"):
            self.add_error("paragraph", "请选择意见针对的段落。")
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)]


class UploadForm(forms.Form):
    department = forms.ModelChoiceField(label="单位", queryset=None)
    files = MultipleFileField(
        label="报告文件（.docx、.txt、.pdf，可多选）", widget=MultipleFileInput(attrs={"multiple": True})
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
