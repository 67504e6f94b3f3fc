"""Forms of the review screens."""

from __future__ import annotations

from django import forms


class ReturnForm(forms.Form):
    """One comment box: what the department will read, on one paragraph or on the whole report.
    It is the reason when the version is returned, or a comment added while reviewing."""

    paragraph = forms.ChoiceField(label="针对段落（可不选）", required=False)
    comment = forms.CharField(
        label="审核意见（单位可见）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回时，单位在报告页面看到这段话作为退回理由。",
    )

    def __init__(self, *args, paragraphs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [("", "（不针对具体段落，针对整篇报告）")] + [
            (p["id"], f"{p['id']} {p['text'][:30]}") for p in paragraphs if p["kind"] != "chart"
        ]

    def clean_comment(self):
        comment = self.cleaned_data.get("comment", "").strip()
        if not comment:
            raise forms.ValidationError("请填写审核意见（单位将看到这段话）。")
        return comment


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
