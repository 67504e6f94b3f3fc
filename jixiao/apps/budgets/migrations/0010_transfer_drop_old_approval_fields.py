"""The approver fields of 调剂 now live in its approval history (0009 copied them)."""

import datetime as dt

from django.db import migrations, models

OLD_FIELDS = (
    "submitted_at",
    "head_approved_by",
    "head_approved_at",
    "bureau_approved_by",
    "bureau_approved_at",
    "executed_by",
    "executed_at",
    "closed_by",
)


class Migration(migrations.Migration):
    dependencies = [("budgets", "0009_transfer_on_approval_mechanism")]

    operations = [
        *(migrations.RemoveField(model_name="transferrequest", name=name) for name in OLD_FIELDS),
        migrations.AlterField(
            model_name="transferrequest",
            name="updated_at",
            field=models.DateTimeField(default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC), verbose_name="最近办理时间"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="transferrequest",
            name="state",
            field=models.CharField(default="draft", max_length=20, verbose_name="状态"),
        ),
        migrations.AlterField(
            model_name="transferrequest",
            name="closed_reason",
            field=models.TextField(blank=True, verbose_name="驳回/撤回/取消原因"),
        ),
    ]
